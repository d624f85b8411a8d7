-- Normalized search keys of every name (src/matching: index_keys), written with every record by
-- model::search::write_keys. A search looks keys up by equality, never scanning a name column.
-- Keep in step with migrations/sqlite.
CREATE TABLE search_keys (
    key TEXT COLLATE "C" NOT NULL,
    record_type TEXT COLLATE "C" NOT NULL,
    record_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (key, record_type, record_id)
);
CREATE INDEX search_keys_record ON search_keys (record_type, record_id);
