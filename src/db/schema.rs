//! The database schema, shared by SQLite and PostgreSQL: only types both backends store alike.

diesel::table! {
    countries (iso3) {
        iso3 -> Text,
        name -> Text,
    }
}

diesel::table! {
    sources (id) {
        id -> Text,
        url -> Text,
        title -> Nullable<Text>,
        publisher -> Nullable<Text>,
        published_on -> Nullable<Date>,
        archived_url -> Nullable<Text>,
    }
}

diesel::table! {
    organizations (id) {
        id -> Text,
        name -> Text,
        acronym -> Nullable<Text>,
        aliases -> Text,
        kind -> Text,
        hq_country -> Nullable<Text>,
        founded_on -> Nullable<Date>,
        dissolved_on -> Nullable<Date>,
        dop_endorser -> Bool,
        benchmark -> Bool,
        benchmark_reason -> Nullable<Text>,
        website -> Nullable<Text>,
        notes -> Nullable<Text>,
        sort_name -> Text,
        search_text -> Text,
    }
}

diesel::table! {
    elections (id) {
        id -> Text,
        country -> Text,
        held_on -> Date,
        kind -> Text,
        round -> Nullable<Integer>,
        legitimacy -> Text,
        notes -> Nullable<Text>,
    }
}

diesel::table! {
    missions (id) {
        id -> Text,
        organization_id -> Text,
        election_id -> Text,
        kind -> Text,
        observers -> Nullable<Integer>,
        arrived_on -> Nullable<Date>,
        verdict -> Text,
        verdict_quote -> Nullable<Text>,
        source_id -> Text,
    }
}

diesel::table! {
    individuals (id) {
        id -> Text,
        name -> Text,
        name_original -> Nullable<Text>,
        country -> Nullable<Text>,
        affiliation -> Nullable<Text>,
        notes -> Nullable<Text>,
        sort_name -> Text,
        search_text -> Text,
    }
}

diesel::table! {
    participations (id) {
        id -> Text,
        individual_id -> Text,
        mission_id -> Nullable<Text>,
        election_id -> Text,
        role -> Text,
        statement -> Nullable<Text>,
        statement_verdict -> Nullable<Text>,
        source_id -> Text,
    }
}

diesel::table! {
    sanctions (id) {
        id -> Text,
        subject_type -> Text,
        subject_id -> Text,
        kind -> Text,
        imposed_by -> Nullable<Text>,
        imposed_on -> Nullable<Date>,
        description -> Text,
        source_id -> Text,
    }
}

diesel::table! {
    /// Replies from the named and corrections from the public, waiting for or decided by a curator.
    submissions (id) {
        id -> BigInt,
        kind -> Text,
        subject_type -> Text,
        subject_id -> Text,
        author_name -> Text,
        author_contact -> Text,
        body -> Text,
        source_url -> Nullable<Text>,
        state -> Text,
        submitted_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        name -> Text,
        role -> Text,
        password_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rate_events (id) {
        id -> BigInt,
        bucket -> Text,
        happened_at -> Timestamp,
    }
}

diesel::table! {
    change_sets (id) {
        id -> BigInt,
        actor -> Text,
        made_at -> Timestamp,
        kind -> Text,
        summary -> Text,
    }
}

diesel::table! {
    pending_imports (id) {
        id -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        archive -> Binary,
    }
}

diesel::table! {
    changes (id) {
        id -> BigInt,
        actor -> Text,
        changed_at -> Timestamp,
        table_name -> Text,
        record_id -> Text,
        before_value -> Nullable<Text>,
        after_value -> Nullable<Text>,
        change_set -> Nullable<BigInt>,
        action -> Text,
    }
}

diesel::table! {
    election_consensus (election_id) {
        election_id -> Text,
        consensus -> Nullable<Double>,
        benchmark_assessments -> Integer,
    }
}

diesel::table! {
    organization_ratings (organization_id) {
        organization_id -> Text,
        rating -> Text,
        comparable_missions -> Integer,
        contradictions -> Integer,
        methodology_version -> Text,
    }
}

diesel::table! {
    flags (subject_type, subject_id, flag) {
        subject_type -> Text,
        subject_id -> Text,
        flag -> Text,
        evidence -> Text,
        methodology_version -> Text,
    }
}

diesel::joinable!(organizations -> countries (hq_country));
diesel::joinable!(election_consensus -> elections (election_id));
diesel::joinable!(organization_ratings -> organizations (organization_id));
diesel::joinable!(elections -> countries (country));
diesel::joinable!(missions -> organizations (organization_id));
diesel::joinable!(missions -> elections (election_id));
diesel::joinable!(missions -> sources (source_id));
diesel::joinable!(individuals -> countries (country));
diesel::joinable!(participations -> individuals (individual_id));
diesel::joinable!(participations -> missions (mission_id));
diesel::joinable!(participations -> elections (election_id));
diesel::joinable!(participations -> sources (source_id));
diesel::joinable!(sanctions -> sources (source_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(changes -> change_sets (change_set));

diesel::allow_tables_to_appear_in_same_query!(
    countries,
    sources,
    organizations,
    elections,
    missions,
    individuals,
    participations,
    sanctions,
    submissions,
    users,
    sessions,
    rate_events,
    change_sets,
    pending_imports,
    changes,
    election_consensus,
    organization_ratings,
    flags,
);

diesel::table! {
    search_keys (key, record_type, record_id) {
        key -> Text,
        record_type -> Text,
        record_id -> Text,
    }
}

diesel::table! {
    /// Derived: each organization's missions in page order (see its migration).
    organization_missions (organization_id, position) {
        organization_id -> Text,
        position -> Integer,
        mission_id -> Text,
    }
}

diesel::table! {
    /// Derived: rows per table, counted when the data change.
    table_counts (table_name) {
        table_name -> Text,
        row_count -> BigInt,
    }
}
