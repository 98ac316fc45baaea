-- Events and their programmes, SQLite flavour. Keep in step with migrations/postgres/0002_events.
-- The event and each item are stored whole as JSON (`data`); the columns beside it exist to
-- filter and order, and are derived from `data` on every write.
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    attendance TEXT NOT NULL,
    parent_id BIGINT REFERENCES events (id) ON DELETE SET NULL,
    starts_utc TIMESTAMP NOT NULL,
    ends_utc TIMESTAMP NOT NULL,
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX events_time ON events (starts_utc, id);
CREATE INDEX events_parent ON events (parent_id);

-- Institutions taking part, with their role: host, organiser, partner, supporter.
CREATE TABLE event_institutions (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (event_id, institution_id, role)
);
CREATE INDEX event_institutions_institution ON event_institutions (institution_id);

CREATE TABLE event_networks (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    network_id BIGINT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, network_id)
);
CREATE INDEX event_networks_network ON event_networks (network_id);

CREATE TABLE programme_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    starts_utc TIMESTAMP NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (event_id, guid)
);
CREATE INDEX programme_items_time ON programme_items (event_id, starts_utc);
