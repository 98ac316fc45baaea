DROP TABLE story_revisions;
DROP TABLE stories;
DROP TABLE exhibition_revisions;
DROP TABLE exhibition_objects;
DROP TABLE exhibition_stops;
DROP TABLE exhibition_hosts;
DROP TABLE exhibitions;
