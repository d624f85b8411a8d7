-- Observer Registry: every entity of DESIGN.md §3. Keep in step with migrations/sqlite.
-- Every text column compares byte by byte (COLLATE "C"), as SQLite does, so that both backends
-- sort ids and names alike and export identical files.
CREATE TABLE countries (
    iso3 TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (length(iso3) = 3 AND iso3 = upper(iso3)),
    name TEXT COLLATE "C" NOT NULL CHECK (name <> '')
);

CREATE TABLE sources (
    id TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (id <> ''),
    url TEXT COLLATE "C" NOT NULL CHECK (url <> ''),
    title TEXT COLLATE "C",
    publisher TEXT COLLATE "C",
    published_on DATE,
    archived_url TEXT COLLATE "C"
);

CREATE TABLE organizations (
    id TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (id <> ''),
    name TEXT COLLATE "C" NOT NULL CHECK (name <> ''),
    acronym TEXT COLLATE "C",
    aliases TEXT COLLATE "C" NOT NULL DEFAULT '',
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('intergovernmental', 'parliamentary', 'international_ngo', 'domestic_ngo', 'private', 'state_body', 'other')),
    hq_country TEXT COLLATE "C" REFERENCES countries (iso3),
    founded_on DATE,
    dissolved_on DATE,
    dop_endorser BOOLEAN NOT NULL,
    benchmark BOOLEAN NOT NULL,
    benchmark_reason TEXT COLLATE "C",
    website TEXT COLLATE "C",
    notes TEXT COLLATE "C",
    sort_name TEXT COLLATE "C" NOT NULL,
    search_text TEXT COLLATE "C" NOT NULL
);
CREATE INDEX organizations_sort_name ON organizations (sort_name);
CREATE INDEX organizations_kind ON organizations (kind, sort_name);
CREATE INDEX organizations_hq_country ON organizations (hq_country, sort_name);

CREATE TABLE elections (
    id TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (id <> ''),
    country TEXT COLLATE "C" NOT NULL REFERENCES countries (iso3),
    held_on DATE NOT NULL,
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('presidential', 'parliamentary', 'general', 'referendum', 'local', 'other')),
    round INTEGER CHECK (round >= 1),
    legitimacy TEXT COLLATE "C" NOT NULL CHECK (legitimacy IN ('recognized', 'sham')),
    notes TEXT COLLATE "C"
);
CREATE INDEX elections_held_on ON elections (held_on);
CREATE INDEX elections_country ON elections (country, held_on);

CREATE TABLE missions (
    id TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (id <> ''),
    organization_id TEXT COLLATE "C" NOT NULL REFERENCES organizations (id),
    election_id TEXT COLLATE "C" NOT NULL REFERENCES elections (id),
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('long_term', 'short_term', 'expert', 'assessment', 'delegation', 'unknown')),
    observers INTEGER CHECK (observers >= 0),
    arrived_on DATE,
    verdict TEXT COLLATE "C" NOT NULL CHECK (verdict IN ('positive', 'positive_with_reservations', 'negative', 'fraudulent', 'none')),
    verdict_quote TEXT COLLATE "C",
    source_id TEXT COLLATE "C" NOT NULL REFERENCES sources (id),
    UNIQUE (organization_id, election_id)
);
CREATE INDEX missions_election ON missions (election_id);
CREATE INDEX missions_source ON missions (source_id);

CREATE TABLE individuals (
    id TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (id <> ''),
    name TEXT COLLATE "C" NOT NULL CHECK (name <> ''),
    name_original TEXT COLLATE "C",
    country TEXT COLLATE "C" REFERENCES countries (iso3),
    affiliation TEXT COLLATE "C",
    notes TEXT COLLATE "C",
    sort_name TEXT COLLATE "C" NOT NULL,
    search_text TEXT COLLATE "C" NOT NULL
);
CREATE INDEX individuals_sort_name ON individuals (sort_name);
CREATE INDEX individuals_country ON individuals (country, sort_name);

CREATE TABLE participations (
    id TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (id <> ''),
    individual_id TEXT COLLATE "C" NOT NULL REFERENCES individuals (id),
    mission_id TEXT COLLATE "C" REFERENCES missions (id),
    election_id TEXT COLLATE "C" NOT NULL REFERENCES elections (id),
    role TEXT COLLATE "C" NOT NULL CHECK (role IN ('observer', 'head_of_mission', 'deputy_head_of_mission', 'spokesperson', 'member', 'organizer', 'other')),
    statement TEXT COLLATE "C",
    statement_verdict TEXT COLLATE "C" CHECK (statement_verdict IN ('positive', 'positive_with_reservations', 'negative', 'fraudulent', 'none')),
    source_id TEXT COLLATE "C" NOT NULL REFERENCES sources (id)
);
CREATE INDEX participations_individual ON participations (individual_id);
CREATE INDEX participations_mission ON participations (mission_id);
CREATE INDEX participations_election ON participations (election_id);

CREATE TABLE sanctions (
    id TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (id <> ''),
    subject_type TEXT COLLATE "C" NOT NULL CHECK (subject_type IN ('organization', 'individual')),
    subject_id TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('sanction', 'exposure', 'dissolution')),
    imposed_by TEXT COLLATE "C",
    imposed_on DATE,
    description TEXT COLLATE "C" NOT NULL CHECK (description <> ''),
    source_id TEXT COLLATE "C" NOT NULL REFERENCES sources (id)
);
CREATE INDEX sanctions_subject ON sanctions (subject_type, subject_id);

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

CREATE TABLE changes (
    id BIGSERIAL PRIMARY KEY,
    actor TEXT COLLATE "C" NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    table_name TEXT COLLATE "C" NOT NULL,
    record_id TEXT COLLATE "C" NOT NULL,
    before_value TEXT COLLATE "C",
    after_value TEXT COLLATE "C"
);
CREATE INDEX changes_record ON changes (table_name, record_id);
