-- Secrets the server keeps across restarts and shares between servers on one database, postgres
-- flavour; keep in step with migrations/sqlite/0011_server_secrets. Created on first use,
-- e.g. 'oai-pmh' signs OAI-PMH resumption tokens.
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
