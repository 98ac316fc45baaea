DROP TABLE event_document_revisions;
DROP TABLE event_documents;
DROP TABLE programme_versions;
