//! Stored results of the credibility methodology: consensus per election, rating and flags per
//! subject. [`refresh`] recomputes them all from the data (see `credibility` for why on write).

use std::collections::{HashMap, VecDeque};

use diesel::prelude::*;

use super::{Legitimacy, MissionKind, SubjectType, Verdict};
use crate::credibility::{
    assess_individual, assess_organization, election_consensus, ElectionFacts, Flag, FlagKind,
    IndividualFacts, Methodology, MissionFacts, OrganizationFacts, ParticipationFacts, Rating,
    RegistryFacts, RegistryMission, RegistryParticipation,
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

/// Records [`refresh`] reads per query: elections, organizations or individuals per batch, and
/// an organization's missions per page. What it holds at once is bounded by this, not by the size
/// of the registry (but for the missions of a single organization, which its assessment needs).
const BATCH: i64 = 1000;

/// The whole registry as the plain values [`assess_registry`](crate::credibility::assess_registry)
/// takes, held in memory at once: for checking [`refresh`], which streams, against the pure
/// methodology on data of a size that fits.
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
    let participations = participations::table
        .select((
            participations::id,
            participations::individual_id,
            participations::mission_id,
            participations::election_id,
            participations::statement_verdict,
        ))
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
        .collect();
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
        participations,
        sanctions,
    })
}

/// Recomputes every stored result. Run inside the transaction that changed the data.
///
/// The same methodology as [`assess_registry`](crate::credibility::assess_registry), applied in
/// three streamed passes, each reading what it needs joined with what the previous one stored:
/// the consensus of each election, then each organization's rating and flags (its missions with
/// their elections' consensus), then each individual's flags (their participations with the
/// consensus and the rating of the organization that sent them).
pub fn refresh(conn: &mut DbConn, methodology: &Methodology) -> QueryResult<()> {
    refresh_in_batches(conn, methodology, BATCH)
}

/// [`refresh`], reading `batch` records per query (tests use small batches to cross their
/// boundaries on small data).
pub fn refresh_in_batches(
    conn: &mut DbConn,
    methodology: &Methodology,
    batch: i64,
) -> QueryResult<()> {
    let batch = batch.max(1);
    diesel::delete(flags::table).execute(conn)?;
    diesel::delete(organization_ratings::table).execute(conn)?;
    diesel::delete(election_consensus::table).execute(conn)?;
    let started = std::time::Instant::now();
    number_organization_missions(conn)?;
    log::info!("refresh: missions numbered in {:.1?}", started.elapsed());
    store_consensus(conn, batch)?;
    log::info!("refresh: consensus stored at {:.1?}", started.elapsed());
    rate_organizations(conn, methodology, batch)?;
    log::info!("refresh: organizations rated at {:.1?}", started.elapsed());
    flag_individuals(conn, methodology, batch)?;
    log::info!("refresh: individuals flagged at {:.1?}", started.elapsed());
    super::stats::refresh(conn)
}

/// Up to `batch` ids of `table` after `after`, in order: one step of a walk through a table.
macro_rules! ids_after {
    ($conn:expr, $table:ident, $after:expr, $batch:expr) => {
        $table::table
            .filter($table::id.gt($after))
            .order($table::id.asc())
            .select($table::id)
            .limit($batch)
            .load::<String>($conn)
    };
}

/// The consensus of every election, a batch of elections at a time.
fn store_consensus(conn: &mut DbConn, batch: i64) -> QueryResult<()> {
    let mut after = String::new();
    loop {
        let elections = ids_after!(conn, elections, &after, batch)?;
        let Some(last) = elections.last().cloned() else {
            return Ok(());
        };
        let verdicts: Vec<(String, Verdict)> = missions::table
            .inner_join(organizations::table)
            .filter(organizations::benchmark.eq(true))
            .filter(missions::election_id.eq_any(&elections))
            .select((missions::election_id, missions::verdict))
            .load(conn)?;
        let mut by_election: HashMap<String, Vec<Verdict>> = HashMap::new();
        for (election, verdict) in verdicts {
            by_election.entry(election).or_default().push(verdict);
        }
        let rows: Vec<ConsensusRow> = elections
            .into_iter()
            .map(|election_id| {
                let verdicts = by_election.remove(&election_id).unwrap_or_default();
                let (consensus, assessed) = election_consensus(&verdicts);
                ConsensusRow {
                    election_id,
                    consensus,
                    benchmark_assessments: i32::try_from(assessed).unwrap_or(i32::MAX),
                }
            })
            .collect();
        insert_chunks!(conn, election_consensus::table, rows, CHUNK);
        after = last;
    }
}

/// The sanctions recorded about some subjects of one type: subject id → sanction ids.
fn sanctions_of(
    conn: &mut DbConn,
    subject_type: SubjectType,
    subjects: &[String],
) -> QueryResult<HashMap<String, Vec<String>>> {
    let rows: Vec<(String, String)> = sanctions::table
        .filter(sanctions::subject_type.eq(subject_type))
        .filter(sanctions::subject_id.eq_any(subjects))
        .select((sanctions::subject_id, sanctions::id))
        .load(conn)?;
    let mut of: HashMap<String, Vec<String>> = HashMap::new();
    for (subject, sanction) in rows {
        of.entry(subject).or_default().push(sanction);
    }
    Ok(of)
}

/// The stored row of a raised flag.
fn flag_row(
    subject_type: SubjectType,
    subject_id: &str,
    flag: &Flag,
    methodology: &Methodology,
) -> FlagRow {
    FlagRow {
        subject_type,
        subject_id: subject_id.to_owned(),
        flag: flag.kind,
        evidence: flag.evidence.join(" "),
        methodology_version: methodology.version.to_owned(),
    }
}

/// The rating and flags of every organization, a batch of organizations at a time, each with all
/// of its missions (read through [`OrganizationMissions`]).
fn rate_organizations(conn: &mut DbConn, methodology: &Methodology, batch: i64) -> QueryResult<()> {
    let mut missions = OrganizationMissions::new(batch);
    let mut after = String::new();
    loop {
        let organizations: Vec<(String, bool, bool)> = organizations::table
            .filter(organizations::id.gt(&after))
            .order(organizations::id.asc())
            .select((
                organizations::id,
                organizations::benchmark,
                organizations::dop_endorser,
            ))
            .limit(batch)
            .load(conn)?;
        let Some((last, _, _)) = organizations.last().cloned() else {
            return Ok(());
        };
        let ids: Vec<String> = organizations.iter().map(|(id, _, _)| id.clone()).collect();
        let mut sanctions = sanctions_of(conn, SubjectType::Organization, &ids)?;
        let mut ratings = Vec::with_capacity(organizations.len());
        let mut rows = Vec::new();
        for (id, benchmark, dop_endorser) in organizations {
            let facts = OrganizationFacts {
                missions: missions.of(conn, &id)?,
                sanctions: sanctions.remove(&id).unwrap_or_default(),
                id,
                benchmark,
                dop_endorser,
            };
            let assessment = assess_organization(&facts, methodology);
            ratings.push(RatingRow {
                organization_id: facts.id.clone(),
                rating: assessment.rating,
                comparable_missions: i32::try_from(assessment.comparable_missions)
                    .unwrap_or(i32::MAX),
                contradictions: i32::try_from(assessment.contradictions).unwrap_or(i32::MAX),
                methodology_version: methodology.version.to_owned(),
            });
            rows.extend(
                assessment
                    .flags
                    .iter()
                    .map(|flag| flag_row(SubjectType::Organization, &facts.id, flag, methodology)),
            );
        }
        insert_chunks!(conn, organization_ratings::table, ratings, CHUNK);
        insert_chunks!(conn, flags::table, rows, CHUNK);
        after = last;
    }
}

/// The missions of every organization, read in the order of `organization_missions` (by
/// organization id, then position) a page at a time, with each mission's election legitimacy and
/// stored consensus. Asked for the organizations in id order, it hands each its missions.
struct OrganizationMissions {
    /// Rows per page.
    page: i64,
    /// Read and not yet handed out: (organization id, mission).
    read: VecDeque<(String, MissionFacts)>,
    /// The (organization id, position) of the last row read.
    after: Option<(String, i32)>,
    done: bool,
}

impl OrganizationMissions {
    fn new(page: i64) -> Self {
        OrganizationMissions {
            page,
            read: VecDeque::new(),
            after: None,
            done: false,
        }
    }

    /// The missions of organization `id`: the organizations must be asked for in id order.
    fn of(&mut self, conn: &mut DbConn, id: &str) -> QueryResult<Vec<MissionFacts>> {
        let mut found = Vec::new();
        loop {
            // Ids compare byte by byte on both backends (`COLLATE "C"` on PostgreSQL), as here.
            // A mission of an organization never asked for cannot exist (a foreign key), but if it
            // did it must not hold back the organizations after it.
            while self.read.front().is_some_and(|(org, _)| org.as_str() < id) {
                self.read.pop_front();
            }
            while self.read.front().is_some_and(|(org, _)| org == id) {
                found.extend(self.read.pop_front().map(|(_, mission)| mission));
            }
            if !self.read.is_empty() || self.done {
                return Ok(found);
            }
            self.read_page(conn)?;
        }
    }

    /// Reads the next page: the rest of the last organization read, then the following ones.
    fn read_page(&mut self, conn: &mut DbConn) -> QueryResult<()> {
        let numbered =
            |conn: &mut DbConn, rest_of: Option<(&str, i32)>, after: Option<&str>, limit: i64| {
                let mut query = organization_missions::table
                    .select((
                        organization_missions::organization_id,
                        organization_missions::position,
                        organization_missions::mission_id,
                    ))
                    .order((
                        organization_missions::organization_id.asc(),
                        organization_missions::position.asc(),
                    ))
                    .limit(limit)
                    .into_boxed();
                if let Some((org, position)) = rest_of {
                    query = query
                        .filter(organization_missions::organization_id.eq(org.to_owned()))
                        .filter(organization_missions::position.gt(position));
                }
                if let Some(org) = after {
                    query = query.filter(organization_missions::organization_id.gt(org.to_owned()));
                }
                query.load::<(String, i32, String)>(conn)
            };
        let mut page = match &self.after {
            Some((org, position)) => numbered(conn, Some((org, *position)), None, self.page)?,
            None => Vec::new(),
        };
        if (page.len() as i64) < self.page {
            let after = self.after.as_ref().map(|(org, _)| org.as_str());
            let more = numbered(conn, None, after, self.page - page.len() as i64)?;
            page.extend(more);
        }
        let Some((org, position, _)) = page.last() else {
            self.done = true;
            return Ok(());
        };
        self.after = Some((org.clone(), *position));
        let ids: Vec<&str> = page.iter().map(|(_, _, id)| id.as_str()).collect();
        let mut missions: HashMap<String, MissionFacts> = missions::table
            .inner_join(elections::table.left_join(election_consensus::table))
            .filter(missions::id.eq_any(&ids))
            .select((
                missions::id,
                missions::election_id,
                missions::kind,
                missions::verdict,
                elections::legitimacy,
                election_consensus::consensus.nullable(),
            ))
            .load::<(
                String,
                String,
                MissionKind,
                Verdict,
                Legitimacy,
                Option<f64>,
            )>(conn)?
            .into_iter()
            .map(|(id, election_id, kind, verdict, legitimacy, consensus)| {
                let mission = MissionFacts {
                    id: id.clone(),
                    election_id,
                    kind,
                    verdict,
                    legitimacy,
                    consensus,
                };
                (id, mission)
            })
            .collect();
        for (org, _, id) in page {
            if let Some(mission) = missions.remove(&id) {
                self.read.push_back((org, mission));
            }
        }
        Ok(())
    }
}

/// The flags of every individual, a batch of individuals at a time.
fn flag_individuals(conn: &mut DbConn, methodology: &Methodology, batch: i64) -> QueryResult<()> {
    let mut after = String::new();
    loop {
        let individuals = ids_after!(conn, individuals, &after, batch)?;
        let Some(last) = individuals.last().cloned() else {
            return Ok(());
        };
        let mut sanctions = sanctions_of(conn, SubjectType::Individual, &individuals)?;
        let mut theirs = participations_of(conn, &individuals)?;
        let mut rows: Vec<FlagRow> = Vec::new();
        for id in individuals {
            let facts = IndividualFacts {
                participations: theirs.remove(&id).unwrap_or_default(),
                sanctions: sanctions.remove(&id).unwrap_or_default(),
                id,
            };
            rows.extend(
                assess_individual(&facts, methodology)
                    .iter()
                    .map(|flag| flag_row(SubjectType::Individual, &facts.id, flag, methodology)),
            );
        }
        insert_chunks!(conn, flags::table, rows, CHUNK);
        after = last;
    }
}

/// The participations of some individuals, with what the methodology reads about each: the
/// election's legitimacy and stored consensus, and the stored rating of the organization that sent
/// them. Individual id → participations.
fn participations_of(
    conn: &mut DbConn,
    individuals: &[String],
) -> QueryResult<HashMap<String, Vec<ParticipationFacts>>> {
    // Joined flat, each table by its key: SQLite materializes a nested left join (it read every
    // mission for each batch).
    let rows = participations::table
        .inner_join(elections::table)
        .left_join(
            election_consensus::table
                .on(election_consensus::election_id.eq(participations::election_id)),
        )
        .left_join(missions::table)
        .left_join(
            organization_ratings::table.on(organization_ratings::organization_id
                .nullable()
                .eq(missions::organization_id.nullable())),
        )
        .filter(participations::individual_id.eq_any(individuals))
        .select((
            participations::individual_id,
            participations::id,
            participations::election_id,
            elections::legitimacy,
            organization_ratings::rating.nullable(),
            participations::statement_verdict,
            election_consensus::consensus.nullable(),
        ))
        .load::<(
            String,
            String,
            String,
            Legitimacy,
            Option<Rating>,
            Option<Verdict>,
            Option<f64>,
        )>(conn)?;
    let mut of: HashMap<String, Vec<ParticipationFacts>> = HashMap::new();
    for (
        individual,
        id,
        election_id,
        legitimacy,
        organization_rating,
        statement_verdict,
        consensus,
    ) in rows
    {
        of.entry(individual).or_default().push(ParticipationFacts {
            id,
            election_id,
            legitimacy,
            organization_rating,
            statement_verdict,
            consensus,
        });
    }
    Ok(of)
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
            election_consensus::consensus.nullable(),
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
