-- Results of the credibility methodology, recomputed after every write (see src/credibility/mod.rs).
-- Keep in step with migrations/sqlite.
CREATE TABLE election_consensus (
    election_id TEXT COLLATE "C" PRIMARY KEY NOT NULL REFERENCES elections (id),
    consensus DOUBLE PRECISION,
    benchmark_assessments INTEGER NOT NULL
);

CREATE TABLE organization_ratings (
    organization_id TEXT COLLATE "C" PRIMARY KEY NOT NULL REFERENCES organizations (id),
    rating TEXT COLLATE "C" NOT NULL CHECK (rating IN ('benchmark', 'credible', 'concerns', 'low_quality', 'insufficient_data')),
    comparable_missions INTEGER NOT NULL,
    contradictions INTEGER NOT NULL,
    methodology_version TEXT COLLATE "C" NOT NULL
);
CREATE INDEX organization_ratings_rating ON organization_ratings (rating);

CREATE TABLE flags (
    subject_type TEXT COLLATE "C" NOT NULL CHECK (subject_type IN ('organization', 'individual')),
    subject_id TEXT COLLATE "C" NOT NULL,
    flag TEXT COLLATE "C" NOT NULL CHECK (flag IN ('contradicts_credible_observers', 'observed_sham_vote', 'no_dop', 'short_term_only', 'silent', 'sanctioned_or_exposed', 'low_quality_mission', 'statement_contradicts_credible_observers')),
    evidence TEXT COLLATE "C" NOT NULL,
    methodology_version TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (subject_type, subject_id, flag)
);
