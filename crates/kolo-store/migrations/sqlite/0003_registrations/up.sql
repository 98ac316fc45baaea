-- Event registration, SQLite flavour. Keep in step with migrations/postgres/0003_registrations.
-- Settings and each registrant's submission are stored whole as JSON (`data`); the columns
-- beside a registration exist to count places, order the waiting list and find duplicates.
CREATE TABLE registration_settings (
    event_id BIGINT PRIMARY KEY NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    data TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- Lower-cased: one registration per address and event.
    email TEXT NOT NULL,
    -- pending, confirmed, waitlisted, cancelled, declined
    status TEXT NOT NULL,
    -- offline or online
    attendance TEXT NOT NULL,
    -- SHA-256 of the secret in the registrant's confirm/cancel link.
    token_hash TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL,
    consent_at TIMESTAMP NOT NULL,
    -- When the registration was made (or made again after a cancellation): the waiting list's order.
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (event_id, email)
);
CREATE INDEX registrations_queue ON registrations (event_id, status, created_at, id);
