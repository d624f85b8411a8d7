DROP TABLE pending_imports;
DROP TABLE submissions;
CREATE TABLE replies (
    id BIGSERIAL PRIMARY KEY,
    subject_type TEXT COLLATE "C" NOT NULL CHECK (subject_type IN ('organization', 'individual')),
    subject_id TEXT COLLATE "C" NOT NULL,
    author_name TEXT COLLATE "C" NOT NULL,
    author_contact TEXT COLLATE "C" NOT NULL,
    body TEXT COLLATE "C" NOT NULL,
    state TEXT COLLATE "C" NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected')),
    submitted_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
CREATE INDEX replies_subject ON replies (subject_type, subject_id, state);
DROP INDEX changes_change_set;
ALTER TABLE changes DROP COLUMN action;
ALTER TABLE changes DROP COLUMN change_set;
DROP TABLE change_sets;
DROP TABLE rate_events;
DROP TABLE sessions;
DROP TABLE users;
