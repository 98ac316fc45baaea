-- Cooperation projects, SQLite flavour. Keep in step with migrations/postgres/0013_projects.
-- Each project is stored whole as JSON (`data`); the columns and the partner table are derived
-- from `data` on every write, so lists filter and order without reading the JSON.
CREATE TABLE projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    state TEXT NOT NULL,
    starts_on DATE NOT NULL,
    -- NULL while the end is open.
    ends_on DATE,
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX projects_period ON projects (starts_on, ends_on);

-- The partner institutions (lead or partner): their staff edit it, their pages list it.
CREATE TABLE project_partners (
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (project_id, institution_id)
);
CREATE INDEX project_partners_institution ON project_partners (institution_id);

-- Every saved content of a project, the current one included.
CREATE TABLE project_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    data TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    saved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (project_id, number)
);
