-- Collections: shared vocabularies, institutions' collections and their museum objects, sqlite
-- flavour; keep in step with migrations/postgres/0008_collections. Terms, collections and objects
-- are stored whole as JSON (`data`); the columns beside it are derived on every write, to
-- filter, facet and order without reading the JSON.
CREATE TABLE vocabulary_terms (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (kind, key)
);

-- Every label of a term in every language, lower-cased with spaces collapsed, so a query in one
-- script or language finds terms labelled in another (through their alternative labels).
CREATE TABLE term_labels (
    term_id BIGINT NOT NULL REFERENCES vocabulary_terms (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (term_id, label)
);
CREATE INDEX term_labels_kind_label ON term_labels (kind, label);

CREATE TABLE collections (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    parent_id BIGINT REFERENCES collections (id) ON DELETE SET NULL,
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (institution_id, key)
);

CREATE TABLE objects (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    inventory_number TEXT NOT NULL,
    collection_id BIGINT REFERENCES collections (id) ON DELETE SET NULL,
    object_type TEXT,
    -- The years the dating means, inclusive (astronomical numbering).
    earliest INTEGER,
    latest INTEGER,
    state TEXT NOT NULL,
    has_image BOOLEAN NOT NULL,
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (institution_id, inventory_number)
);
-- Browse is keyset-paginated by id within the public (or one institution's) records.
CREATE INDEX objects_browse ON objects (state, id);
CREATE INDEX objects_institution_browse ON objects (state, institution_id, id);
CREATE INDEX objects_collection ON objects (collection_id, id);
CREATE INDEX objects_type ON objects (object_type, id);
CREATE INDEX objects_earliest ON objects (earliest);
CREATE INDEX objects_latest ON objects (latest);
-- Harvesting (OAI-PMH) walks changes in (updated_at, id) order.
CREATE INDEX objects_changed ON objects (updated_at, id);

-- The terms an object refers to, for facets and term pages.
CREATE TABLE object_terms (
    object_id BIGINT NOT NULL REFERENCES objects (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (object_id, kind, key)
);
CREATE INDEX object_terms_term ON object_terms (kind, key, object_id);

-- Every content an object was saved with: who, when.
CREATE TABLE object_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    object_id BIGINT NOT NULL REFERENCES objects (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    data TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    saved_by BIGINT,
    UNIQUE (object_id, number)
);

-- Objects the public no longer sees (deleted or unpublished), for harvesters' deleted-record
-- tracking. No foreign keys: a tombstone outlives its object and its collection.
CREATE TABLE deleted_objects (
    id BIGINT PRIMARY KEY NOT NULL,
    institution_id BIGINT NOT NULL,
    collection_id BIGINT,
    inventory_number TEXT NOT NULL,
    deleted_at TIMESTAMP NOT NULL
);
CREATE INDEX deleted_objects_changed ON deleted_objects (deleted_at, id);
