-- The conference schedule (Frab schedule.xml or schedule.json) an event's programme was imported
-- from, postgres flavour; keep in step with migrations/sqlite/0007_schedule_sources. Kept in the
-- canonical form of its own format, so an export can give back the fields Kolo does not model.
CREATE TABLE schedule_sources (
    event_id BIGINT PRIMARY KEY NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- xml or json
    format TEXT NOT NULL,
    document TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL
);
