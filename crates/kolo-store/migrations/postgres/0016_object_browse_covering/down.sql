DROP INDEX objects_browse;
DROP INDEX objects_institution_browse;
CREATE INDEX objects_browse ON objects (state, id);
CREATE INDEX objects_institution_browse ON objects (state, institution_id, id);
