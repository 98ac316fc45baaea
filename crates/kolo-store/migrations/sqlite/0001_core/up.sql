-- Kolo core schema, SQLite flavour. Keep in step with migrations/postgres/0001_core.
CREATE TABLE institutions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    original_lang TEXT NOT NULL,
    name TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    description TEXT NOT NULL,
    country TEXT NOT NULL,
    region_code TEXT,
    region TEXT NOT NULL,
    locality TEXT NOT NULL,
    address TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    website TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX institutions_sort ON institutions (sort_name, id);
CREATE INDEX institutions_kind ON institutions (kind);
CREATE INDEX institutions_country ON institutions (country, region_code);

CREATE TABLE networks (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    original_lang TEXT NOT NULL,
    name TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    description TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    website TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE memberships (
    network_id BIGINT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    PRIMARY KEY (network_id, institution_id)
);
CREATE INDEX memberships_institution ON memberships (institution_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    platform_admin BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE grants (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope_kind TEXT NOT NULL,
    scope_id BIGINT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, scope_kind, scope_id, role)
);

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    scope_kind TEXT NOT NULL,
    scope_id BIGINT NOT NULL,
    role TEXT NOT NULL,
    invited_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP
);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    email TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    at TIMESTAMP NOT NULL,
    user_id BIGINT,
    action TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_id BIGINT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log (entity_kind, entity_id);
