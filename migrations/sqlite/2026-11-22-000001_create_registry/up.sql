-- Observer Registry: every entity of DESIGN.md §3. Keep in step with migrations/postgres.
CREATE TABLE countries (
    iso3 TEXT PRIMARY KEY NOT NULL CHECK (length(iso3) = 3 AND iso3 = upper(iso3)),
    name TEXT NOT NULL CHECK (name <> '')
);

CREATE TABLE sources (
    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    url TEXT NOT NULL CHECK (url <> ''),
    title TEXT,
    publisher TEXT,
    published_on DATE,
    archived_url TEXT
);

CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    name TEXT NOT NULL CHECK (name <> ''),
    acronym TEXT,
    aliases TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('intergovernmental', 'parliamentary', 'international_ngo', 'domestic_ngo', 'private', 'state_body', 'other')),
    hq_country TEXT REFERENCES countries (iso3),
    founded_on DATE,
    dissolved_on DATE,
    dop_endorser BOOLEAN NOT NULL CHECK (dop_endorser IN (0, 1)),
    benchmark BOOLEAN NOT NULL CHECK (benchmark IN (0, 1)),
    benchmark_reason TEXT,
    website TEXT,
    notes TEXT,
    sort_name TEXT NOT NULL,
    search_text TEXT NOT NULL
);
CREATE INDEX organizations_sort_name ON organizations (sort_name);
CREATE INDEX organizations_kind ON organizations (kind, sort_name);
CREATE INDEX organizations_hq_country ON organizations (hq_country, sort_name);

CREATE TABLE elections (
    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    country TEXT NOT NULL REFERENCES countries (iso3),
    held_on DATE NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('presidential', 'parliamentary', 'general', 'referendum', 'local', 'other')),
    round INTEGER CHECK (round >= 1),
    legitimacy TEXT NOT NULL CHECK (legitimacy IN ('recognized', 'sham')),
    notes TEXT
);
CREATE INDEX elections_held_on ON elections (held_on);
CREATE INDEX elections_country ON elections (country, held_on);

CREATE TABLE missions (
    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    election_id TEXT NOT NULL REFERENCES elections (id),
    kind TEXT NOT NULL CHECK (kind IN ('long_term', 'short_term', 'expert', 'assessment', 'delegation', 'unknown')),
    observers INTEGER CHECK (observers >= 0),
    arrived_on DATE,
    verdict TEXT NOT NULL CHECK (verdict IN ('positive', 'positive_with_reservations', 'negative', 'fraudulent', 'none')),
    verdict_quote TEXT,
    source_id TEXT NOT NULL REFERENCES sources (id),
    UNIQUE (organization_id, election_id)
);
CREATE INDEX missions_election ON missions (election_id);
CREATE INDEX missions_source ON missions (source_id);

CREATE TABLE individuals (
    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    name TEXT NOT NULL CHECK (name <> ''),
    name_original TEXT,
    country TEXT REFERENCES countries (iso3),
    affiliation TEXT,
    notes TEXT,
    sort_name TEXT NOT NULL,
    search_text TEXT NOT NULL
);
CREATE INDEX individuals_sort_name ON individuals (sort_name);
CREATE INDEX individuals_country ON individuals (country, sort_name);

CREATE TABLE participations (
    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    individual_id TEXT NOT NULL REFERENCES individuals (id),
    mission_id TEXT REFERENCES missions (id),
    election_id TEXT NOT NULL REFERENCES elections (id),
    role TEXT NOT NULL CHECK (role IN ('observer', 'head_of_mission', 'deputy_head_of_mission', 'spokesperson', 'member', 'organizer', 'other')),
    statement TEXT,
    statement_verdict TEXT CHECK (statement_verdict IN ('positive', 'positive_with_reservations', 'negative', 'fraudulent', 'none')),
    source_id TEXT NOT NULL REFERENCES sources (id)
);
CREATE INDEX participations_individual ON participations (individual_id);
CREATE INDEX participations_mission ON participations (mission_id);
CREATE INDEX participations_election ON participations (election_id);

CREATE TABLE sanctions (
    id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    subject_type TEXT NOT NULL CHECK (subject_type IN ('organization', 'individual')),
    subject_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('sanction', 'exposure', 'dissolution')),
    imposed_by TEXT,
    imposed_on DATE,
    description TEXT NOT NULL CHECK (description <> ''),
    source_id TEXT NOT NULL REFERENCES sources (id)
);
CREATE INDEX sanctions_subject ON sanctions (subject_type, subject_id);

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

CREATE TABLE changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    actor TEXT NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    before_value TEXT,
    after_value TEXT
);
CREATE INDEX changes_record ON changes (table_name, record_id);
