-- Uploaded images, postgres flavour; keep in step with migrations/sqlite/0009_media. The pixels live
-- in media storage (a folder or S3) under the id; this row says whose image it is and what it is.
CREATE TABLE media (
    -- random, opaque (kolo_domain::MediaId)
    id TEXT PRIMARY KEY NOT NULL,
    institution_id BIGINT NOT NULL REFERENCES institutions (id) ON DELETE RESTRICT,
    original_filename TEXT NOT NULL,
    -- of the master as uploaded: image/jpeg, image/png, image/tiff or image/webp
    mime TEXT NOT NULL,
    -- after EXIF orientation, as served
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    -- of the master, hex
    sha256 TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX media_institution ON media (institution_id);
