-- Posts (news, announcements, interviews, reports, publications), SQLite flavour. Keep in step with
-- migrations/postgres/0014_posts. Each post is stored whole as JSON (`data`); the columns beside it
-- are derived from `data` on every write, so lists filter and order without reading the JSON.
CREATE TABLE posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    -- When the public first sees it (UTC): its publish_at, or its first publication; NULL for a
    -- draft without a date. Public lists ask for status 'published' and this in the past.
    published_at TIMESTAMP,
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX posts_published ON posts (status, published_at);
CREATE INDEX posts_institution ON posts (institution_id, published_at);

-- Every saved content of a post, the current one included.
CREATE TABLE post_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    data TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    saved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (post_id, number)
);
