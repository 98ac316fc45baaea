-- Attached documents (PDF, office files), postgres flavour; keep in step with
-- migrations/sqlite/0015_files. The bytes live in media storage under files/<id>; this row says
-- whose file it is and what it is (its format told by content, not by its name).
CREATE TABLE files (
    -- random, opaque (kolo_domain::MediaId)
    id TEXT PRIMARY KEY NOT NULL,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE RESTRICT,
    original_filename TEXT NOT NULL,
    -- one of kolo_media::FileFormat's
    mime TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    -- hex
    sha256 TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX files_institution ON files (institution_id);
