-- A release's registry.zip kept in parts of at most 512 KiB, so that neither writing a release nor
-- serving it ever holds the whole archive in memory (see src/model/release.rs). Keep in step with
-- migrations/sqlite.
CREATE TABLE release_parts (
    release_id INTEGER NOT NULL REFERENCES releases (id),
    part INTEGER NOT NULL,
    bytes BYTEA NOT NULL,
    PRIMARY KEY (release_id, part)
);
INSERT INTO release_parts (release_id, part, bytes) SELECT id, 0, archive FROM releases;
ALTER TABLE releases ADD COLUMN archive_size BIGINT NOT NULL DEFAULT 0;
UPDATE releases SET archive_size = length(archive);
ALTER TABLE releases DROP COLUMN archive;
