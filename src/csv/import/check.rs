//! The checks across rows, files and the database: duplicate ids, references and the rules that
//! span rows (the same vote entered twice, an organization's second mission at one election).

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use super::{Batch, ParticipationRow, Row};
use crate::csv::{ContractFile, Problem};
use crate::db::schema::{
    countries, elections, individuals, missions, organizations, participations, sanctions, sources,
};
use crate::db::DbConn;
use crate::domain::citation;
use crate::model::country::Country;
use crate::model::election::Election;
use crate::model::individual::Individual;
use crate::model::mission::Mission;
use crate::model::organization::Organization;
use crate::model::sanction::Sanction;
use crate::model::source::Source;
use crate::model::{ElectionKind, SubjectType};

/// The ids already in the database, and the facts the cross-checks need.
#[derive(Debug, Default)]
pub(super) struct Existing {
    pub(super) countries: HashSet<String>,
    pub(super) sources: HashSet<String>,
    pub(super) organizations: HashSet<String>,
    /// Election id → (country, date, kind, round), to catch the same vote entered twice.
    pub(super) elections: HashMap<String, ElectionKey>,
    /// Mission id → (organization id, election id).
    pub(super) missions: HashMap<String, (String, String)>,
    pub(super) individuals: HashSet<String>,
    pub(super) participations: HashSet<String>,
    pub(super) sanctions: HashSet<String>,
}

type ElectionKey = (String, chrono::NaiveDate, ElectionKind, Option<i32>);

impl Existing {
    pub(super) fn load(conn: &mut DbConn) -> QueryResult<Existing> {
        let set = |ids: Vec<String>| ids.into_iter().collect::<HashSet<_>>();
        Ok(Existing {
            countries: set(countries::table.select(countries::iso3).load(conn)?),
            sources: set(sources::table.select(sources::id).load(conn)?),
            organizations: set(organizations::table.select(organizations::id).load(conn)?),
            elections: elections::table
                .select((
                    elections::id,
                    elections::country,
                    elections::held_on,
                    elections::kind,
                    elections::round,
                ))
                .load::<(String, String, chrono::NaiveDate, ElectionKind, Option<i32>)>(conn)?
                .into_iter()
                .map(|(id, country, held_on, kind, round)| (id, (country, held_on, kind, round)))
                .collect(),
            missions: missions::table
                .select((
                    missions::id,
                    missions::organization_id,
                    missions::election_id,
                ))
                .load::<(String, String, String)>(conn)?
                .into_iter()
                .map(|(id, org, election)| (id, (org, election)))
                .collect(),
            individuals: set(individuals::table.select(individuals::id).load(conn)?),
            participations: set(participations::table
                .select(participations::id)
                .load(conn)?),
            sanctions: set(sanctions::table.select(sanctions::id).load(conn)?),
        })
    }
}

/// A parsed row's id, as the other files refer to it.
trait Keyed {
    fn key(&self) -> &str;
}

macro_rules! keyed {
    ($($type:ty => |$row:ident| $key:expr),* $(,)?) => {$(
        impl Keyed for $type {
            fn key(&self) -> &str {
                let $row = self;
                $key
            }
        }
    )*};
}

keyed!(
    Country => |c| &c.iso3,
    Source => |s| &s.id,
    Organization => |o| &o.id,
    Election => |e| &e.id,
    Mission => |m| &m.id,
    Individual => |i| &i.id,
    ParticipationRow => |p| &p.participation.id,
    Sanction => |s| &s.id,
);

/// Reports ids that appear twice in one file, and returns the ids the file holds.
fn check_unique<'a, T: Keyed>(
    file: ContractFile,
    rows: &'a [Row<T>],
    problems: &mut Vec<Problem>,
) -> HashSet<&'a str> {
    let column = file.columns()[0];
    let mut first_line: HashMap<&str, u64> = HashMap::new();
    for row in rows {
        let key = row.value.key();
        if key.is_empty() {
            continue;
        }
        if let Some(first) = first_line.get(key) {
            problems.push(Problem::new(
                file.file_name(),
                row.line,
                column,
                format!("duplicate id \"{key}\" (first on line {first})"),
            ));
        } else {
            first_line.insert(key, row.line);
        }
    }
    first_line.into_keys().collect()
}

/// A reference check: the id must be in this batch (of `target`) or already in the database.
struct Known<'a> {
    target: ContractFile,
    batch: HashSet<&'a str>,
    database: &'a HashSet<String>,
}

impl Known<'_> {
    fn has(&self, id: &str) -> bool {
        self.batch.contains(id) || self.database.contains(id)
    }

    /// Reports `id` (in `column` of `file`, line `line`) unless it is known; an empty id was
    /// already reported as missing, if it was required.
    fn require(
        &self,
        problems: &mut Vec<Problem>,
        file: ContractFile,
        line: u64,
        column: &str,
        id: &str,
    ) {
        if !id.is_empty() && !self.has(id) {
            problems.push(Problem::new(
                file.file_name(),
                line,
                column,
                format!(
                    "\"{id}\" is not in {} nor already in the registry",
                    self.target
                ),
            ));
        }
    }
}

impl Known<'_> {
    /// Checks every `[source:ID]` citation in a free-text cell like a reference.
    fn require_citations(
        &self,
        problems: &mut Vec<Problem>,
        file: ContractFile,
        line: u64,
        column: &str,
        text: Option<&str>,
    ) {
        let Some(text) = text else { return };
        if citation::has_unclosed(text) {
            problems.push(Problem::new(
                file.file_name(),
                line,
                column,
                "opens a citation \"[source:\" that it never closes with \"]\"",
            ));
        }
        for id in citation::cited(text) {
            if !self.has(id) {
                problems.push(Problem::new(
                    file.file_name(),
                    line,
                    column,
                    format!("cites [source:{id}], which is not in sources.csv nor already in the registry"),
                ));
            }
        }
    }
}

/// Checks duplicate ids, references and the cross-row rules; fills derived election ids.
pub(super) fn check_references(
    batch: &mut Batch,
    existing: &Existing,
    problems: &mut Vec<Problem>,
) {
    use ContractFile as F;
    let election_db: HashSet<String> = existing.elections.keys().cloned().collect();
    let mission_db: HashSet<String> = existing.missions.keys().cloned().collect();
    let countries = Known {
        target: F::Countries,
        batch: check_unique(F::Countries, &batch.countries, problems),
        database: &existing.countries,
    };
    let sources = Known {
        target: F::Sources,
        batch: check_unique(F::Sources, &batch.sources, problems),
        database: &existing.sources,
    };
    let organizations = Known {
        target: F::Organizations,
        batch: check_unique(F::Organizations, &batch.organizations, problems),
        database: &existing.organizations,
    };
    let elections = Known {
        target: F::Elections,
        batch: check_unique(F::Elections, &batch.elections, problems),
        database: &election_db,
    };
    let missions = Known {
        target: F::Missions,
        batch: check_unique(F::Missions, &batch.missions, problems),
        database: &mission_db,
    };
    let individuals = Known {
        target: F::Individuals,
        batch: check_unique(F::Individuals, &batch.individuals, problems),
        database: &existing.individuals,
    };
    check_unique(F::Participations, &batch.participations, problems);
    check_unique(F::Sanctions, &batch.sanctions, problems);

    for row in &batch.organizations {
        if let Some(country) = &row.value.hq_country {
            countries.require(problems, F::Organizations, row.line, "hq_country", country);
        }
        let o = &row.value;
        sources.require_citations(
            problems,
            F::Organizations,
            row.line,
            "notes",
            o.notes.as_deref(),
        );
        sources.require_citations(
            problems,
            F::Organizations,
            row.line,
            "benchmark_reason",
            o.benchmark_reason.as_deref(),
        );
    }

    // The same vote (country, day, kind, round) must not be entered twice under two ids.
    let mut votes: HashMap<ElectionKey, (String, Option<u64>)> = existing
        .elections
        .iter()
        .map(|(id, key)| (key.clone(), (id.clone(), None)))
        .collect();
    for row in &batch.elections {
        let e = &row.value;
        countries.require(problems, F::Elections, row.line, "country", &e.country);
        sources.require_citations(
            problems,
            F::Elections,
            row.line,
            "notes",
            e.notes.as_deref(),
        );
        let key = (e.country.clone(), e.held_on, e.kind, e.round);
        match votes.get(&key) {
            Some((other, _)) if *other != e.id => problems.push(Problem::new(
                F::Elections.file_name(),
                row.line,
                "id",
                format!(
                    "the same vote (country, held_on, kind, round) is already recorded as \"{other}\""
                ),
            )),
            _ => {
                votes.insert(key, (e.id.clone(), Some(row.line)));
            }
        }
    }

    let mut mission_elections: HashMap<String, String> = existing
        .missions
        .iter()
        .map(|(id, (_, election))| (id.clone(), election.clone()))
        .collect();
    let mut pairs: HashMap<(String, String), String> = existing
        .missions
        .iter()
        .map(|(id, (org, election))| ((org.clone(), election.clone()), id.clone()))
        .collect();
    for row in &batch.missions {
        let m = &row.value;
        organizations.require(
            problems,
            F::Missions,
            row.line,
            "organization_id",
            &m.organization_id,
        );
        elections.require(
            problems,
            F::Missions,
            row.line,
            "election_id",
            &m.election_id,
        );
        sources.require(problems, F::Missions, row.line, "source_id", &m.source_id);
        let pair = (m.organization_id.clone(), m.election_id.clone());
        match pairs.get(&pair) {
            Some(other) if *other != m.id => problems.push(Problem::new(
                F::Missions.file_name(),
                row.line,
                "id",
                format!(
                    "{} already has a mission at {}: \"{other}\"",
                    m.organization_id, m.election_id
                ),
            )),
            _ => {
                pairs.insert(pair, m.id.clone());
            }
        }
        mission_elections.insert(m.id.clone(), m.election_id.clone());
    }

    for row in &batch.individuals {
        if let Some(country) = &row.value.country {
            countries.require(problems, F::Individuals, row.line, "country", country);
        }
        let notes = row.value.notes.as_deref();
        sources.require_citations(problems, F::Individuals, row.line, "notes", notes);
    }

    for row in &mut batch.participations {
        let line = row.line;
        let given = row.value.election_given;
        let p = &mut row.value.participation;
        individuals.require(
            problems,
            F::Participations,
            line,
            "individual_id",
            &p.individual_id,
        );
        sources.require(problems, F::Participations, line, "source_id", &p.source_id);
        if given {
            elections.require(
                problems,
                F::Participations,
                line,
                "election_id",
                &p.election_id,
            );
        }
        if let Some(mission_id) = p.mission_id.as_deref().filter(|id| !id.is_empty()) {
            match mission_elections.get(mission_id) {
                None => missions.require(problems, F::Participations, line, "mission_id", mission_id),
                Some(mission_election) if !given => p.election_id = mission_election.clone(),
                Some(mission_election) if *mission_election != p.election_id => {
                    problems.push(Problem::new(
                        F::Participations.file_name(),
                        line,
                        "election_id",
                        format!(
                            "\"{}\" is not the election of mission \"{mission_id}\" ({mission_election})",
                            p.election_id
                        ),
                    ))
                }
                _ => {}
            }
        }
    }

    for row in &batch.sanctions {
        let s = &row.value;
        let subjects = match s.subject_type {
            SubjectType::Organization => &organizations,
            SubjectType::Individual => &individuals,
        };
        subjects.require(
            problems,
            F::Sanctions,
            row.line,
            "subject_id",
            &s.subject_id,
        );
        sources.require(problems, F::Sanctions, row.line, "source_id", &s.source_id);
        let description = Some(s.description.as_str());
        sources.require_citations(problems, F::Sanctions, row.line, "description", description);
    }
}
