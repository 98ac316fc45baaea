DROP TABLE post_revisions;
DROP TABLE posts;
