-- SQLite cannot concatenate blobs in SQL: a release whose archive has more than one part cannot be
-- put back in one column, so such releases are dropped on the way down (the data stay; the next
-- start-up records a release of them again).
DELETE FROM release_parts WHERE release_id IN (SELECT release_id FROM release_parts WHERE part > 0);
DELETE FROM releases WHERE id NOT IN (SELECT release_id FROM release_parts);
ALTER TABLE releases ADD COLUMN archive BLOB NOT NULL DEFAULT x'';
UPDATE releases SET archive = (SELECT bytes FROM release_parts WHERE release_id = releases.id AND part = 0);
ALTER TABLE releases DROP COLUMN archive_size;
DROP TABLE release_parts;
