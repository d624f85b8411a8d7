//! Stored results of the credibility methodology: consensus per election, rating and flags per
//! subject. [`refresh`] recomputes them all from the data (see `credibility` for why on write).

use std::collections::BTreeMap;

use diesel::prelude::*;

use super::{Legitimacy, MissionKind, SubjectType, Verdict};
use crate::credibility::{
    assess_elections_and_organizations, ElectionFacts, Flag, FlagKind, Methodology, PersonAssessor,
    Rating, RegistryFacts, RegistryMission, RegistryParticipation,
};
use crate::db::schema::{
    election_consensus, elections, flags, individuals, missions, organization_missions,
    organization_ratings, organizations, participations, sanctions,
};
use crate::db::{insert_chunks, DbConn};

/// An organization's stored rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRating {
    pub rating: Rating,
    pub comparable_missions: i32,
    pub contradictions: i32,
    pub methodology_version: String,
}

#[derive(Insertable)]
#[diesel(table_name = election_consensus)]
struct ConsensusRow {
    election_id: String,
    consensus: Option<f64>,
    benchmark_assessments: i32,
}

#[derive(Insertable)]
#[diesel(table_name = organization_ratings)]
struct RatingRow {
    organization_id: String,
    rating: Rating,
    comparable_missions: i32,
    contradictions: i32,
    methodology_version: String,
}

#[derive(Insertable)]
#[diesel(table_name = flags)]
struct FlagRow {
    subject_type: SubjectType,
    subject_id: String,
    flag: FlagKind,
    evidence: String,
    methodology_version: String,
}

/// Rows per multi-row INSERT (kept under SQLite's bound-parameter limit).
const CHUNK: usize = 1000;

/// Reads the registry as the plain values the methodology takes, but for the participations,
/// which [`refresh`] reads a batch of individuals at a time.
pub fn registry_facts(conn: &mut DbConn) -> QueryResult<RegistryFacts> {
    let organizations = organizations::table
        .select((
            organizations::id,
            organizations::benchmark,
            organizations::dop_endorser,
        ))
        .load::<(String, bool, bool)>(conn)?
        .into_iter()
        .map(|(id, benchmark, dop)| (id, (benchmark, dop)))
        .collect();
    let elections = elections::table
        .select((elections::id, elections::legitimacy))
        .load::<(String, Legitimacy)>(conn)?
        .into_iter()
        .map(|(id, legitimacy)| ElectionFacts { id, legitimacy })
        .collect();
    let missions = missions::table
        .select((
            missions::id,
            missions::organization_id,
            missions::election_id,
            missions::kind,
            missions::verdict,
        ))
        .load::<(String, String, String, MissionKind, Verdict)>(conn)?
        .into_iter()
        .map(
            |(id, organization_id, election_id, kind, verdict)| RegistryMission {
                id,
                organization_id,
                election_id,
                kind,
                verdict,
            },
        )
        .collect();
    let individuals = individuals::table.select(individuals::id).load(conn)?;
    let sanctions = sanctions::table
        .select((
            sanctions::subject_type,
            sanctions::subject_id,
            sanctions::id,
        ))
        .load::<(SubjectType, String, String)>(conn)?
        .into_iter()
        .map(|(kind, subject, id)| (kind == SubjectType::Organization, subject, id))
        .collect();
    Ok(RegistryFacts {
        organizations,
        elections,
        missions,
        individuals,
        participations: Vec::new(),
        sanctions,
    })
}

/// The participations of some individuals, as the methodology takes them.
fn participations_of(
    conn: &mut DbConn,
    individuals: &[String],
) -> QueryResult<Vec<RegistryParticipation>> {
    Ok(participations::table
        .filter(participations::individual_id.eq_any(individuals))
        .select((
            participations::id,
            participations::individual_id,
            participations::mission_id,
            participations::election_id,
            participations::statement_verdict,
        ))
        .order((participations::individual_id, participations::id))
        .load::<(String, String, Option<String>, String, Option<Verdict>)>(conn)?
        .into_iter()
        .map(
            |(id, individual_id, mission_id, election_id, statement_verdict)| {
                RegistryParticipation {
                    id,
                    individual_id,
                    mission_id,
                    election_id,
                    statement_verdict,
                }
            },
        )
        .collect())
}

/// Individuals whose participations are read and flagged at once by [`refresh`].
const PEOPLE_BATCH: usize = 1000;

/// Recomputes every stored result. Run inside the transaction that changed the data.
pub fn refresh(conn: &mut DbConn, methodology: &Methodology) -> QueryResult<()> {
    let facts = registry_facts(conn)?;
    let assessment = assess_elections_and_organizations(&facts, methodology);
    let version = methodology.version.to_owned();

    diesel::delete(flags::table).execute(conn)?;
    diesel::delete(organization_ratings::table).execute(conn)?;
    diesel::delete(election_consensus::table).execute(conn)?;

    let consensus: Vec<ConsensusRow> = assessment
        .consensus
        .iter()
        .map(|(id, (consensus, assessed))| ConsensusRow {
            election_id: id.clone(),
            consensus: *consensus,
            benchmark_assessments: i32::try_from(*assessed).unwrap_or(i32::MAX),
        })
        .collect();
    insert_chunks!(conn, election_consensus::table, consensus, CHUNK);

    let ratings: Vec<RatingRow> = assessment
        .organizations
        .iter()
        .map(|(id, a)| RatingRow {
            organization_id: id.clone(),
            rating: a.rating,
            comparable_missions: i32::try_from(a.comparable_missions).unwrap_or(i32::MAX),
            contradictions: i32::try_from(a.contradictions).unwrap_or(i32::MAX),
            methodology_version: version.clone(),
        })
        .collect();
    insert_chunks!(conn, organization_ratings::table, ratings, CHUNK);

    let flag_row = |subject_type: SubjectType, id: &str, flag: &Flag| FlagRow {
        subject_type,
        subject_id: id.to_owned(),
        flag: flag.kind,
        evidence: flag.evidence.join(" "),
        methodology_version: version.clone(),
    };
    let mut rows: Vec<FlagRow> = Vec::new();
    for (id, a) in &assessment.organizations {
        rows.extend(
            a.flags
                .iter()
                .map(|f| flag_row(SubjectType::Organization, id, f)),
        );
    }
    insert_chunks!(conn, flags::table, rows, CHUNK);

    // Individuals a batch at a time: the participations of the whole registry are never held.
    let people = PersonAssessor::new(&facts, &assessment, methodology);
    for batch in facts.individuals.chunks(PEOPLE_BATCH) {
        let participations = participations_of(conn, batch)?;
        let mut theirs: BTreeMap<&str, Vec<&RegistryParticipation>> = BTreeMap::new();
        for p in &participations {
            theirs.entry(p.individual_id.as_str()).or_default().push(p);
        }
        let mut rows: Vec<FlagRow> = Vec::new();
        for id in batch {
            let flags = people.assess(id, theirs.remove(id.as_str()).unwrap_or_default());
            rows.extend(
                flags
                    .iter()
                    .map(|f| flag_row(SubjectType::Individual, id, f)),
            );
        }
        insert_chunks!(conn, flags::table, rows, CHUNK);
    }
    number_organization_missions(conn)?;
    super::stats::refresh(conn)
}

/// Numbers every organization's missions in the order its page lists them (newest election
/// first, then by id), so a page reads its rows by position. The same statement on both backends.
fn number_organization_missions(conn: &mut DbConn) -> QueryResult<()> {
    diesel::delete(organization_missions::table).execute(conn)?;
    diesel::sql_query(
        "INSERT INTO organization_missions (organization_id, position, mission_id) \
         SELECT m.organization_id, \
                ROW_NUMBER() OVER (PARTITION BY m.organization_id ORDER BY e.held_on DESC, m.id ASC), \
                m.id \
         FROM missions m JOIN elections e ON e.id = m.election_id",
    )
    .execute(conn)?;
    Ok(())
}

/// Whether the stored results were computed by `methodology` for every organization.
pub fn is_current(conn: &mut DbConn, methodology: &Methodology) -> QueryResult<bool> {
    let organizations: i64 = organizations::table.count().get_result(conn)?;
    let current: i64 = organization_ratings::table
        .filter(organization_ratings::methodology_version.eq(methodology.version))
        .count()
        .get_result(conn)?;
    let elections: i64 = elections::table.count().get_result(conn)?;
    let consensus: i64 = election_consensus::table.count().get_result(conn)?;
    Ok(organizations == current && elections == consensus)
}

/// The stored rating of an organization.
pub fn rating_of(conn: &mut DbConn, organization_id: &str) -> QueryResult<Option<StoredRating>> {
    organization_ratings::table
        .find(organization_id)
        .select((
            organization_ratings::rating,
            organization_ratings::comparable_missions,
            organization_ratings::contradictions,
            organization_ratings::methodology_version,
        ))
        .first::<(Rating, i32, i32, String)>(conn)
        .optional()
        .map(|row| {
            row.map(
                |(rating, comparable_missions, contradictions, methodology_version)| StoredRating {
                    rating,
                    comparable_missions,
                    contradictions,
                    methodology_version,
                },
            )
        })
}

/// The stored flags of one organization or individual, in the order of [`FlagKind`].
pub fn flags_of(
    conn: &mut DbConn,
    subject_type: SubjectType,
    subject_id: &str,
) -> QueryResult<Vec<Flag>> {
    let rows: Vec<(FlagKind, String)> = flags::table
        .filter(flags::subject_type.eq(subject_type))
        .filter(flags::subject_id.eq(subject_id))
        .select((flags::flag, flags::evidence))
        .load(conn)?;
    let mut found: Vec<Flag> = rows
        .into_iter()
        .map(|(kind, evidence)| Flag {
            kind,
            evidence: evidence.split_whitespace().map(str::to_owned).collect(),
        })
        .collect();
    found.sort_by_key(|flag| flag.kind);
    Ok(found)
}

/// The stored benchmark consensus of an election and how many benchmark missions assessed it.
pub fn consensus_of(conn: &mut DbConn, election_id: &str) -> QueryResult<(Option<f64>, i32)> {
    Ok(election_consensus::table
        .find(election_id)
        .select((
            election_consensus::consensus,
            election_consensus::benchmark_assessments,
        ))
        .first::<(Option<f64>, i32)>(conn)
        .optional()?
        .unwrap_or((None, 0)))
}

/// One row of `ratings.csv`: (organization id, rating code, comparable, contradictions, version).
pub type RatingExportRow = (String, Rating, i32, i32, String);
/// One row of `flags.csv`: (subject type, subject id, flag, evidence, version).
pub type FlagExportRow = (SubjectType, String, FlagKind, String, String);

/// Up to `limit` stored ratings with organization ids after `after`, by id.
pub fn ratings_batch(
    conn: &mut DbConn,
    after: &str,
    limit: i64,
) -> QueryResult<Vec<RatingExportRow>> {
    organization_ratings::table
        .filter(organization_ratings::organization_id.gt(after.to_owned()))
        .order(organization_ratings::organization_id.asc())
        .limit(limit)
        .select((
            organization_ratings::organization_id,
            organization_ratings::rating,
            organization_ratings::comparable_missions,
            organization_ratings::contradictions,
            organization_ratings::methodology_version,
        ))
        .load(conn)
}

/// Every stored flag of up to `limit` subjects of one type with ids after `after`, by subject id
/// and flag. A subject's flags never straddle two batches.
pub fn flags_batch(
    conn: &mut DbConn,
    subject_type: SubjectType,
    after: &str,
    limit: i64,
) -> QueryResult<Vec<FlagExportRow>> {
    let subjects: Vec<String> = flags::table
        .filter(flags::subject_type.eq(subject_type))
        .filter(flags::subject_id.gt(after.to_owned()))
        .select(flags::subject_id)
        .distinct()
        .order(flags::subject_id.asc())
        .limit(limit)
        .load(conn)?;
    flags::table
        .filter(flags::subject_type.eq(subject_type))
        .filter(flags::subject_id.eq_any(subjects))
        .order((flags::subject_id.asc(), flags::flag.asc()))
        .select((
            flags::subject_type,
            flags::subject_id,
            flags::flag,
            flags::evidence,
            flags::methodology_version,
        ))
        .load(conn)
}
