-- Facet counts read every matching object's id, image flag and years: with these in the
-- browse indexes they are read from the index alone, not from the rows, whose JSON fills
-- most of the table (at a million objects, half a second from a cold disk instead of three).
DROP INDEX objects_browse;
DROP INDEX objects_institution_browse;
CREATE INDEX objects_browse ON objects (state, id, has_image, earliest, latest);
CREATE INDEX objects_institution_browse
    ON objects (state, institution_id, id, has_image, earliest, latest);
