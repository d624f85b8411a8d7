DROP TABLE pending_imports;
DROP TABLE submissions;
CREATE TABLE replies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_type TEXT NOT NULL CHECK (subject_type IN ('organization', 'individual')),
    subject_id TEXT NOT NULL,
    author_name TEXT NOT NULL,
    author_contact TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected')),
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
