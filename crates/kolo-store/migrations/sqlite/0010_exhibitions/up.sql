-- Exhibitions and object stories, SQLite flavour. Keep in step with migrations/postgres/0010_exhibitions.
-- Each exhibition and story is stored whole as JSON (`data`); the columns and tables beside it are
-- derived from `data` on every write, so lists filter and order without reading the JSON.
CREATE TABLE exhibitions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    -- The first and last day it can be seen anywhere (`Exhibition::span`); NULL when open-ended.
    opens_on DATE,
    closes_on DATE,
    -- Whether it has an itinerary: then its venues are the stops, else its hosts.
    has_itinerary BOOLEAN NOT NULL,
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX exhibitions_span ON exhibitions (opens_on, closes_on);

-- The institutions that run it: their staff edit it.
CREATE TABLE exhibition_hosts (
    exhibition_id BIGINT NOT NULL REFERENCES exhibitions (id) ON DELETE CASCADE,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    PRIMARY KEY (exhibition_id, institution_id)
);
CREATE INDEX exhibition_hosts_institution ON exhibition_hosts (institution_id);

-- The itinerary, so each venue's page lists the exhibition while it is there. Stops at venues not
-- in Kolo have no institution.
CREATE TABLE exhibition_stops (
    exhibition_id BIGINT NOT NULL REFERENCES exhibitions (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    institution_id BIGINT REFERENCES institutions (id) ON DELETE CASCADE,
    opens_on DATE NOT NULL,
    closes_on DATE NOT NULL,
    PRIMARY KEY (exhibition_id, position)
);
CREATE INDEX exhibition_stops_institution ON exhibition_stops (institution_id, opens_on);

-- The objects it shows, by (institution slug, inventory number) as curators name them; resolved
-- against the objects table when read, so an exhibition may name objects not catalogued yet.
CREATE TABLE exhibition_objects (
    exhibition_id BIGINT NOT NULL REFERENCES exhibitions (id) ON DELETE CASCADE,
    institution TEXT NOT NULL,
    inventory_number TEXT NOT NULL,
    section TEXT NOT NULL,
    highlight BOOLEAN NOT NULL,
    PRIMARY KEY (exhibition_id, section, institution, inventory_number)
);
CREATE INDEX exhibition_objects_object ON exhibition_objects (institution, inventory_number);

-- Every saved content of an exhibition, the current one included.
CREATE TABLE exhibition_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    exhibition_id BIGINT NOT NULL REFERENCES exhibitions (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    data TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    saved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (exhibition_id, number)
);

-- Object stories ("the exhibit tells..."); a number is used once per series of an institution.
CREATE TABLE stories (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    series TEXT,
    number BIGINT,
    object_institution TEXT NOT NULL,
    object_inventory_number TEXT NOT NULL,
    state TEXT NOT NULL,
    published_on DATE,
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (institution_id, series, number)
);
CREATE INDEX stories_series ON stories (series, number);
CREATE INDEX stories_object ON stories (object_institution, object_inventory_number);

CREATE TABLE story_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    story_id BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    data TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    saved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (story_id, number)
);
