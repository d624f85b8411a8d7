-- Curators and their sessions, throttling, change sets, public replies and corrections, and
-- uploads waiting for an admin's confirmation. Keep in step with migrations/sqlite.

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL UNIQUE CHECK (name <> ''),
    role TEXT COLLATE "C" NOT NULL CHECK (role IN ('curator', 'admin')),
    -- An argon2id PHC string; never the password.
    password_hash TEXT COLLATE "C" NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- A session is found by the SHA-256 of the token its cookie holds, so a copy of this table
-- signs nobody in.
CREATE TABLE sessions (
    id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Events counted for throttling (failed sign-ins, public submissions), by bucket such as
-- `login-account:NAME` or `submit-address:ADDRESS`; shared by every instance of the site.
CREATE TABLE rate_events (
    id BIGSERIAL PRIMARY KEY,
    bucket TEXT COLLATE "C" NOT NULL,
    happened_at TIMESTAMP NOT NULL
);
CREATE INDEX rate_events_bucket ON rate_events (bucket, happened_at);

-- One save, delete, restore, moderation decision or import: the changes it made share its id.
CREATE TABLE change_sets (
    id BIGSERIAL PRIMARY KEY,
    actor TEXT COLLATE "C" NOT NULL,
    made_at TIMESTAMP NOT NULL,
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('edit', 'delete', 'restore', 'import', 'moderation')),
    summary TEXT COLLATE "C" NOT NULL
);
ALTER TABLE changes ADD COLUMN change_set BIGINT REFERENCES change_sets (id);
ALTER TABLE changes ADD COLUMN action TEXT NOT NULL DEFAULT 'update'
    CHECK (action IN ('insert', 'update', 'delete', 'restore', 'import'));
UPDATE changes SET action = 'import' WHERE record_id = '*';
CREATE INDEX changes_change_set ON changes (change_set);

-- Replies from the people and groups the registry names, and corrections suggested by anyone;
-- curators accept or reject them. The contact is never shown publicly.
DROP TABLE replies;
CREATE TABLE submissions (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('reply', 'correction')),
    subject_type TEXT COLLATE "C" NOT NULL CHECK (subject_type IN ('organization', 'individual', 'election', 'mission', 'participation', 'source', 'sanction')),
    subject_id TEXT COLLATE "C" NOT NULL,
    author_name TEXT COLLATE "C" NOT NULL,
    author_contact TEXT COLLATE "C" NOT NULL,
    body TEXT COLLATE "C" NOT NULL,
    source_url TEXT COLLATE "C",
    state TEXT COLLATE "C" NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected')),
    submitted_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP,
    decided_by TEXT COLLATE "C"
);
CREATE INDEX submissions_subject ON submissions (subject_type, subject_id, state);
CREATE INDEX submissions_state ON submissions (state, submitted_at);

-- An uploaded import an admin has seen the dry run of and may confirm (as a zip of the files).
CREATE TABLE pending_imports (
    id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    archive BYTEA NOT NULL
);
