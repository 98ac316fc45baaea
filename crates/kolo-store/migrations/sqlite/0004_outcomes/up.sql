-- Published programme versions and event documents, SQLite flavour. Keep in step with
-- migrations/postgres/0004_outcomes. `programme_items` stays the organisers' draft; a version is a
-- snapshot of it (`items`, JSON) with the computed changes against the version before (`changes`).
CREATE TABLE programme_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- 1, 2, 3... per event: the order of publication.
    number BIGINT NOT NULL,
    name TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    published_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    items TEXT NOT NULL,
    changes TEXT NOT NULL,
    UNIQUE (event_id, number),
    UNIQUE (event_id, name)
);

-- A document is stored whole as JSON (`data`); `kind` and `status` beside it are derived.
CREATE TABLE event_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (event_id, key)
);

-- Every saved content of a document, the current one included: who saved it, when, in which status.
CREATE TABLE event_document_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    document_id BIGINT NOT NULL REFERENCES event_documents (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    status TEXT NOT NULL,
    data TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    saved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (document_id, number)
);

-- Programmes stored before versions existed were public: each becomes version "1", so an upgrade
-- changes nothing the public sees. Items in time order, all of them "added".
INSERT INTO programme_versions (event_id, number, name, published_at, published_by, items, changes)
SELECT
    event_id, 1, '1', CURRENT_TIMESTAMP, NULL,
    '[' || group_concat(data, ',') || ']',
    json_object(
        'added', json('[' || group_concat(json_object('guid', guid, 'title', json_extract(data, '$.title')), ',') || ']'),
        'removed', json('[]'),
        'changed', json('[]')
    )
FROM (SELECT * FROM programme_items ORDER BY event_id, starts_utc, guid)
GROUP BY event_id;
