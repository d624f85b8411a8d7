//! The validated, all-or-nothing importer of the CSV contract.
//!
//! It reads whichever contract files a folder holds, checks every header, cell, reference and id
//! before it writes anything, and then applies the rows as inserts or updates by `id` in one
//! transaction. On any problem it writes nothing and returns every problem found.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::Path;

use diesel::prelude::*;

use super::cells::{shorten, Cells};
use super::{ContractFile, Problem};
use crate::credibility::METHODOLOGY;
use crate::db::schema::{
    countries, elections, individuals, missions, organizations, participations, sanctions, sources,
};
use crate::db::DbConn;
use crate::model::change::NewChange;
use crate::model::country::Country;
use crate::model::derived;
use crate::model::election::Election;
use crate::model::individual::{Individual, IndividualForm};
use crate::model::mission::Mission;
use crate::model::organization::{Organization, OrganizationForm};
use crate::model::participation::{Participation, ParticipationRecord};
use crate::model::sanction::Sanction;
use crate::model::source::Source;
use crate::model::{
    ElectionKind, Legitimacy, MissionKind, OrganizationKind, Role, SanctionKind, SubjectType,
    Verdict,
};

/// Whether an import writes or only reports what it would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    Apply,
    DryRun,
}

/// What an import did (or, in a dry run, would do) to one file's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOutcome {
    pub file: ContractFile,
    pub inserted: usize,
    pub updated: usize,
}

/// The outcome of a successful import.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub files: Vec<FileOutcome>,
    /// Files in the folder that the importer does not read (derived or unknown), by name.
    pub skipped: Vec<String>,
}

impl ImportReport {
    pub fn inserted(&self) -> usize {
        self.files.iter().map(|f| f.inserted).sum()
    }

    pub fn updated(&self) -> usize {
        self.files.iter().map(|f| f.updated).sum()
    }
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the import has {} problem(s)", .0.len())]
    Invalid(Vec<Problem>),
    #[error("cannot read {path}: {message}")]
    Folder { path: String, message: String },
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// A parsed row and the line it came from.
#[derive(Debug, Clone)]
struct Row<T> {
    line: u64,
    value: T,
}

/// A participation as the CSV holds it: `election_id` may be left to the mission.
#[derive(Debug, Clone)]
struct ParticipationRow {
    participation: Participation,
    election_given: bool,
}

/// Every row of the files in one import folder.
#[derive(Debug, Default)]
struct Batch {
    countries: Vec<Row<Country>>,
    sources: Vec<Row<Source>>,
    organizations: Vec<Row<Organization>>,
    elections: Vec<Row<Election>>,
    missions: Vec<Row<Mission>>,
    individuals: Vec<Row<Individual>>,
    participations: Vec<Row<ParticipationRow>>,
    sanctions: Vec<Row<Sanction>>,
    present: Vec<ContractFile>,
}

/// Imports the contract files found in `dir` into the database.
pub fn import_dir(
    conn: &mut DbConn,
    dir: &Path,
    mode: ImportMode,
) -> Result<ImportReport, ImportError> {
    let listing = std::fs::read_dir(dir).map_err(|err| ImportError::Folder {
        path: dir.display().to_string(),
        message: err.to_string(),
    })?;
    let mut names: Vec<String> = listing
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut report = ImportReport::default();
    let mut problems = Vec::new();
    let mut batch = Batch::default();
    for name in &names {
        match ContractFile::from_file_name(name) {
            Some(file) if file.importable() => {
                read_file(&dir.join(name), file, &mut batch, &mut problems)
            }
            _ => report.skipped.push(name.clone()),
        }
    }
    if batch.present.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            dir.display().to_string(),
            0,
            "-",
            "holds none of the contract files (countries.csv, sources.csv, organizations.csv, ...)",
        ));
    }
    conn.transaction(|conn| {
        let existing = Existing::load(conn)?;
        check_references(&mut batch, &existing, &mut problems);
        if !problems.is_empty() {
            problems.sort_by_key(|p| (file_order(&p.file), p.line));
            return Err(ImportError::Invalid(problems));
        }
        report.files = apply(conn, &batch, &existing, mode)?;
        if mode == ImportMode::Apply {
            record_changes(conn, &report.files)?;
            derived::refresh(conn, &METHODOLOGY)?;
        }
        Ok(report)
    })
}

/// Records one audit entry per table the import changed.
fn record_changes(conn: &mut DbConn, outcomes: &[FileOutcome]) -> QueryResult<()> {
    let now = chrono::Utc::now().naive_utc();
    for outcome in outcomes.iter().filter(|o| o.inserted + o.updated > 0) {
        NewChange {
            actor: "import".to_owned(),
            changed_at: now,
            table_name: outcome.file.file_name().trim_end_matches(".csv").to_owned(),
            record_id: "*".to_owned(),
            before_value: None,
            after_value: Some(format!(
                "inserted {}, updated {}",
                outcome.inserted, outcome.updated
            )),
        }
        .record(conn)?;
    }
    Ok(())
}

fn file_order(name: &str) -> usize {
    ContractFile::from_file_name(name).map_or(usize::MAX, |file| file as usize)
}

/// Reads one file: its header, then each row into typed values.
fn read_file(path: &Path, file: ContractFile, batch: &mut Batch, problems: &mut Vec<Problem>) {
    let name = file.file_name();
    let mut bytes = Vec::new();
    if let Err(err) = File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)) {
        problems.push(Problem::new(name, 0, "-", format!("cannot be read: {err}")));
        return;
    }
    if bytes.is_empty() {
        problems.push(Problem::new(
            name,
            1,
            "-",
            format!(
                "the file is empty; expected the header: {}",
                file.columns().join(",")
            ),
        ));
        return;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if let Err(err) = std::str::from_utf8(bytes) {
        let line = 1 + bytes[..err.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        problems.push(Problem::new(
            name,
            line,
            "-",
            "is not valid UTF-8 text (save the file as CSV UTF-8)",
        ));
        return;
    }
    if let Some(line) = unclosed_quote(bytes) {
        problems.push(Problem::new(
            name,
            line,
            "-",
            "a quote opened on this line is never closed",
        ));
        return;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(err)) => {
            problems.push(Problem::new(
                name,
                1,
                "-",
                format!("is not a CSV file: {err}"),
            ));
            return;
        }
        None => {
            problems.push(Problem::new(
                name,
                1,
                "-",
                format!("has no header; expected: {}", file.columns().join(",")),
            ));
            return;
        }
    };
    let found: Vec<&str> = header.iter().collect();
    if found != file.columns() {
        problems.push(Problem::new(
            name,
            1,
            "-",
            format!(
                "the header is \"{}\"; expected \"{}\"",
                shorten(&found.join(",")),
                file.columns().join(",")
            ),
        ));
        return;
    }
    batch.present.push(file);
    let columns = file.columns();
    for (index, record) in records.enumerate() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let line = err.position().map_or(index as u64 + 2, |p| p.line());
                problems.push(Problem::new(
                    name,
                    line,
                    "-",
                    format!("cannot be read as CSV: {err}"),
                ));
                return;
            }
        };
        let line = record.position().map_or(index as u64 + 2, |p| p.line());
        if record.len() != columns.len() {
            problems.push(Problem::new(
                name,
                line,
                "-",
                format!("has {} cells; expected {}", record.len(), columns.len()),
            ));
            continue;
        }
        let mut cells = Cells::new(name, line, columns, record.iter().collect(), problems);
        parse_row(file, &mut cells, batch);
    }
}

/// The line where a quoted cell opens and never closes (the CSV reader would run it to the end
/// of the file silently).
fn unclosed_quote(bytes: &[u8]) -> Option<u64> {
    let mut line = 1;
    let mut opened_on = None;
    for byte in bytes {
        match byte {
            b'"' => {
                opened_on = if opened_on.is_some() {
                    None
                } else {
                    Some(line)
                }
            }
            b'\n' => line += 1,
            _ => {}
        }
    }
    opened_on
}

/// Parses one row of `file` into the batch.
fn parse_row(file: ContractFile, cells: &mut Cells<'_>, batch: &mut Batch) {
    let line = cells.line();
    match file {
        ContractFile::Countries => {
            let value = Country {
                iso3: cells.country("iso3"),
                name: cells.text("name"),
            };
            batch.countries.push(Row { line, value });
        }
        ContractFile::Sources => {
            let value = Source {
                id: cells.id("id"),
                url: cells.url("url"),
                title: cells.opt_text("title"),
                publisher: cells.opt_text("publisher"),
                published_on: cells.opt_date("published_on"),
                archived_url: cells.opt_url("archived_url"),
            };
            batch.sources.push(Row { line, value });
        }
        ContractFile::Organizations => {
            let kinds: Vec<OrganizationKind> = OrganizationKind::all().collect();
            let value = Organization {
                id: cells.id("id"),
                name: cells.text("name"),
                acronym: cells.opt_text("acronym"),
                aliases: cells.opt_text("aliases").unwrap_or_default(),
                kind: cells.code("kind", &kinds, OrganizationKind::Other),
                hq_country: cells.opt_country("hq_country"),
                founded_on: cells.opt_date("founded_on"),
                dissolved_on: cells.opt_date("dissolved_on"),
                dop_endorser: cells.boolean("dop_endorser"),
                benchmark: cells.boolean("benchmark"),
                benchmark_reason: cells.opt_text("benchmark_reason"),
                website: cells.opt_url("website"),
                notes: cells.opt_text("notes"),
            };
            if value
                .aliases
                .split('|')
                .any(|alias| alias.trim() != alias || alias.is_empty())
                && !value.aliases.is_empty()
            {
                cells.problem(
                    "aliases",
                    "must be names separated by | with no empty names or spaces around them",
                );
            }
            if let (Some(founded), Some(dissolved)) = (value.founded_on, value.dissolved_on) {
                if dissolved < founded {
                    cells.problem("dissolved_on", "is before founded_on");
                }
            }
            batch.organizations.push(Row { line, value });
        }
        ContractFile::Elections => {
            let kinds: Vec<ElectionKind> = ElectionKind::all().collect();
            let legitimacies: Vec<Legitimacy> = Legitimacy::all().collect();
            let value = Election {
                id: cells.id("id"),
                country: cells.country("country"),
                held_on: cells.date("held_on"),
                kind: cells.code("kind", &kinds, ElectionKind::Other),
                round: cells.opt_int("round", 1),
                legitimacy: cells.code("legitimacy", &legitimacies, Legitimacy::Recognized),
                notes: cells.opt_text("notes"),
            };
            batch.elections.push(Row { line, value });
        }
        ContractFile::Missions => {
            let kinds: Vec<MissionKind> = MissionKind::all().collect();
            let verdicts: Vec<Verdict> = Verdict::all().collect();
            let value = Mission {
                id: cells.id("id"),
                organization_id: cells.id("organization_id"),
                election_id: cells.id("election_id"),
                kind: cells.code("kind", &kinds, MissionKind::Unknown),
                observers: cells.opt_int("observers", 0),
                arrived_on: cells.opt_date("arrived_on"),
                verdict: cells.code("verdict", &verdicts, Verdict::None),
                verdict_quote: cells.opt_text("verdict_quote"),
                source_id: cells.id("source_id"),
            };
            batch.missions.push(Row { line, value });
        }
        ContractFile::Individuals => {
            let value = Individual {
                id: cells.id("id"),
                name: cells.text("name"),
                name_original: cells.opt_text("name_original"),
                country: cells.opt_country("country"),
                affiliation: cells.opt_text("affiliation"),
                notes: cells.opt_text("notes"),
            };
            batch.individuals.push(Row { line, value });
        }
        ContractFile::Participations => {
            let roles: Vec<Role> = Role::all().collect();
            let verdicts: Vec<Verdict> = Verdict::all().collect();
            let election_id = cells.opt_id("election_id");
            let value = Participation {
                id: cells.id("id"),
                individual_id: cells.id("individual_id"),
                mission_id: cells.opt_id("mission_id"),
                election_id: election_id.clone().unwrap_or_default(),
                role: cells.code("role", &roles, Role::Other),
                statement: cells.opt_text("statement"),
                statement_verdict: cells.opt_code("statement_verdict", &verdicts),
                source_id: cells.id("source_id"),
            };
            if value.mission_id.is_none() && election_id.is_none() {
                cells.problem("election_id", "is required when mission_id is empty");
            }
            if value.statement.is_none() && value.statement_verdict.is_some() {
                cells.problem("statement_verdict", "is given but there is no statement");
            }
            batch.participations.push(Row {
                line,
                value: ParticipationRow {
                    participation: value,
                    election_given: election_id.is_some(),
                },
            });
        }
        ContractFile::Sanctions => {
            let subjects: Vec<SubjectType> = SubjectType::all().collect();
            let kinds: Vec<SanctionKind> = SanctionKind::all().collect();
            let value = Sanction {
                id: cells.id("id"),
                subject_type: cells.code("subject_type", &subjects, SubjectType::Organization),
                subject_id: cells.id("subject_id"),
                kind: cells.code("kind", &kinds, SanctionKind::Exposure),
                imposed_by: cells.opt_text("imposed_by"),
                imposed_on: cells.opt_date("imposed_on"),
                description: cells.text("description"),
                source_id: cells.id("source_id"),
            };
            batch.sanctions.push(Row { line, value });
        }
        ContractFile::Flags | ContractFile::Ratings => {}
    }
}

/// The ids already in the database, and the facts the cross-checks need.
#[derive(Debug, Default)]
struct Existing {
    countries: HashSet<String>,
    sources: HashSet<String>,
    organizations: HashSet<String>,
    /// Election id → (country, date, kind, round), to catch the same vote entered twice.
    elections: HashMap<String, ElectionKey>,
    /// Mission id → (organization id, election id).
    missions: HashMap<String, (String, String)>,
    individuals: HashSet<String>,
    participations: HashSet<String>,
    sanctions: HashSet<String>,
}

type ElectionKey = (String, chrono::NaiveDate, String, Option<i32>);

impl Existing {
    fn load(conn: &mut DbConn) -> QueryResult<Existing> {
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
                .load::<(String, String, chrono::NaiveDate, String, Option<i32>)>(conn)?
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

/// Reports ids that appear twice in one file.
fn check_unique<'a, T>(
    file: ContractFile,
    rows: &'a [Row<T>],
    id: impl Fn(&'a T) -> &'a str,
    column: &str,
    problems: &mut Vec<Problem>,
) -> HashSet<&'a str> {
    let mut first_line: HashMap<&str, u64> = HashMap::new();
    for row in rows {
        let key = id(&row.value);
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

/// Checks duplicate ids, references and the cross-row rules; fills derived election ids.
fn check_references(batch: &mut Batch, existing: &Existing, problems: &mut Vec<Problem>) {
    use ContractFile as F;
    let country_ids = check_unique(
        F::Countries,
        &batch.countries,
        |c| c.iso3.as_str(),
        "iso3",
        problems,
    );
    let source_ids = check_unique(
        F::Sources,
        &batch.sources,
        |s| s.id.as_str(),
        "id",
        problems,
    );
    let org_ids = check_unique(
        F::Organizations,
        &batch.organizations,
        |o| o.id.as_str(),
        "id",
        problems,
    );
    let election_ids = check_unique(
        F::Elections,
        &batch.elections,
        |e| e.id.as_str(),
        "id",
        problems,
    );
    let mission_ids = check_unique(
        F::Missions,
        &batch.missions,
        |m| m.id.as_str(),
        "id",
        problems,
    );
    let individual_ids = check_unique(
        F::Individuals,
        &batch.individuals,
        |i| i.id.as_str(),
        "id",
        problems,
    );
    check_unique(
        F::Participations,
        &batch.participations,
        |p| p.participation.id.as_str(),
        "id",
        problems,
    );
    check_unique(
        F::Sanctions,
        &batch.sanctions,
        |s| s.id.as_str(),
        "id",
        problems,
    );

    let countries = Known {
        target: F::Countries,
        batch: country_ids,
        database: &existing.countries,
    };
    let sources = Known {
        target: F::Sources,
        batch: source_ids,
        database: &existing.sources,
    };
    let organizations = Known {
        target: F::Organizations,
        batch: org_ids,
        database: &existing.organizations,
    };
    let election_db: HashSet<String> = existing.elections.keys().cloned().collect();
    let elections = Known {
        target: F::Elections,
        batch: election_ids,
        database: &election_db,
    };
    let mission_db: HashSet<String> = existing.missions.keys().cloned().collect();
    let missions = Known {
        target: F::Missions,
        batch: mission_ids,
        database: &mission_db,
    };
    let individuals = Known {
        target: F::Individuals,
        batch: individual_ids,
        database: &existing.individuals,
    };

    for row in &batch.organizations {
        if let Some(country) = &row.value.hq_country {
            countries.require(problems, F::Organizations, row.line, "hq_country", country);
        }
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
        let key = (
            e.country.clone(),
            e.held_on,
            e.kind.code().to_owned(),
            e.round,
        );
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
    }
}

/// Rows per multi-row INSERT; keeps every statement under SQLite's bound-parameter limit.
const INSERT_CHUNK: usize = 500;

/// Inserts the new rows and updates the known ones of one table. Multi-row inserts are
/// backend-specific in diesel, hence the `match` on the connection (both arms are the same code).
macro_rules! upsert {
    ($conn:expr, $mode:expr, $file:expr, $table:path, $id:path, $existing:expr, $rows:expr) => {{
        let (updates, inserts): (Vec<_>, Vec<_>) = $rows
            .into_iter()
            .partition(|(id, _)| $existing.contains(id.as_str()));
        if $mode == ImportMode::Apply {
            for (id, form) in &updates {
                diesel::update($table.filter($id.eq(id)))
                    .set(form.clone())
                    .execute($conn)?;
            }
            for chunk in inserts.chunks(INSERT_CHUNK) {
                let forms: Vec<_> = chunk.iter().map(|(_, form)| form.clone()).collect();
                match $conn {
                    DbConn::Sqlite(conn) => {
                        diesel::insert_into($table).values(forms).execute(conn)?
                    }
                    DbConn::Pg(conn) => diesel::insert_into($table).values(forms).execute(conn)?,
                };
            }
        }
        FileOutcome {
            file: $file,
            inserted: inserts.len(),
            updated: updates.len(),
        }
    }};
}

fn apply(
    conn: &mut DbConn,
    batch: &Batch,
    existing: &Existing,
    mode: ImportMode,
) -> QueryResult<Vec<FileOutcome>> {
    use ContractFile as F;
    let mut outcomes = Vec::new();
    let has = |file: F| batch.present.contains(&file);
    let election_ids: HashSet<String> = existing.elections.keys().cloned().collect();
    let mission_ids: HashSet<String> = existing.missions.keys().cloned().collect();
    if has(F::Countries) {
        let rows = batch
            .countries
            .iter()
            .map(|r| (r.value.iso3.clone(), r.value.clone()));
        outcomes.push(upsert!(
            conn,
            mode,
            F::Countries,
            countries::table,
            countries::iso3,
            existing.countries,
            rows
        ));
    }
    if has(F::Sources) {
        let rows = batch
            .sources
            .iter()
            .map(|r| (r.value.id.clone(), r.value.clone()));
        outcomes.push(upsert!(
            conn,
            mode,
            F::Sources,
            sources::table,
            sources::id,
            existing.sources,
            rows
        ));
    }
    if has(F::Organizations) {
        let rows = batch
            .organizations
            .iter()
            .map(|r| (r.value.id.clone(), OrganizationForm::from(r.value.clone())));
        outcomes.push(upsert!(
            conn,
            mode,
            F::Organizations,
            organizations::table,
            organizations::id,
            existing.organizations,
            rows
        ));
    }
    if has(F::Elections) {
        let rows = batch
            .elections
            .iter()
            .map(|r| (r.value.id.clone(), r.value.clone()));
        outcomes.push(upsert!(
            conn,
            mode,
            F::Elections,
            elections::table,
            elections::id,
            election_ids,
            rows
        ));
    }
    if has(F::Missions) {
        let rows = batch
            .missions
            .iter()
            .map(|r| (r.value.id.clone(), r.value.clone()));
        outcomes.push(upsert!(
            conn,
            mode,
            F::Missions,
            missions::table,
            missions::id,
            mission_ids,
            rows
        ));
    }
    if has(F::Individuals) {
        let rows = batch
            .individuals
            .iter()
            .map(|r| (r.value.id.clone(), IndividualForm::from(r.value.clone())));
        outcomes.push(upsert!(
            conn,
            mode,
            F::Individuals,
            individuals::table,
            individuals::id,
            existing.individuals,
            rows
        ));
    }
    if has(F::Participations) {
        let rows = batch.participations.iter().map(|r| {
            (
                r.value.participation.id.clone(),
                ParticipationRecord::from(r.value.participation.clone()),
            )
        });
        outcomes.push(upsert!(
            conn,
            mode,
            F::Participations,
            participations::table,
            participations::id,
            existing.participations,
            rows
        ));
    }
    if has(F::Sanctions) {
        let rows = batch
            .sanctions
            .iter()
            .map(|r| (r.value.id.clone(), r.value.clone()));
        outcomes.push(upsert!(
            conn,
            mode,
            F::Sanctions,
            sanctions::table,
            sanctions::id,
            existing.sanctions,
            rows
        ));
    }
    Ok(outcomes)
}
