DROP TABLE deleted_objects;
DROP TABLE object_revisions;
DROP TABLE object_terms;
DROP TABLE objects;
DROP TABLE collections;
DROP TABLE term_labels;
DROP TABLE vocabulary_terms;
