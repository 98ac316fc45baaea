-- The change log the search indexers follow (an outbox), sqlite flavour; keep in step with
-- migrations/postgres/0012_search_changes. Each write to a searchable record appends a row in
-- its own transaction; every server process keeps its index's position in this log.
CREATE TABLE search_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL,
    record_id BIGINT NOT NULL
);
CREATE INDEX search_changes_at ON search_changes (at);
