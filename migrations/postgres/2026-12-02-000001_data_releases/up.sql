-- Citable data releases: one numbered, dated snapshot of the whole registry per import that changed
-- data, with its registry.zip kept byte for byte (see src/model/release.rs). Keep in step with
-- migrations/sqlite.
CREATE TABLE releases (
    id INTEGER PRIMARY KEY NOT NULL,
    released_at TIMESTAMP NOT NULL,
    data_version BIGINT NOT NULL,
    methodology_version TEXT COLLATE "C" NOT NULL,
    summary TEXT COLLATE "C" NOT NULL,
    archive BYTEA NOT NULL
);
