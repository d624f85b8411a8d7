ALTER TABLE releases ADD COLUMN archive BYTEA NOT NULL DEFAULT '';
UPDATE releases SET archive = (SELECT string_agg(bytes, '' ORDER BY part) FROM release_parts WHERE release_id = releases.id);
ALTER TABLE releases DROP COLUMN archive_size;
DROP TABLE release_parts;
