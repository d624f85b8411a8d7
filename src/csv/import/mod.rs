//! The validated, all-or-nothing importer of the CSV contract.
//!
//! It reads whichever contract files a folder holds, checks every header, cell, reference and id
//! before it writes anything, and then applies the rows as inserts or updates by `id` in one
//! transaction. On any problem it writes nothing and returns every problem found.

mod check;
mod read;

use std::collections::HashSet;
use std::path::Path;

use diesel::prelude::*;

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
use crate::model::participation::Participation;
use crate::model::sanction::Sanction;
use crate::model::search::{self, RecordType};
use crate::model::source::Source;

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
    #[error("making the data release: {0}")]
    Release(#[from] super::export::ExportError),
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
                read::read_file(&dir.join(name), file, &mut batch, &mut problems)
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
        let existing = check::Existing::load(conn)?;
        check::check_references(&mut batch, &existing, &mut problems);
        if !problems.is_empty() {
            problems.sort_by_key(|p| (file_order(&p.file), p.line));
            return Err(ImportError::Invalid(problems));
        }
        report.files = apply(conn, &batch, &existing, mode)?;
        if mode == ImportMode::Apply {
            record_changes(conn, &report.files)?;
            derived::refresh(conn, &METHODOLOGY)?;
            super::archive::record_if_changed(conn)?;
            refresh_planner_statistics(conn)?;
        }
        Ok(report)
    })
}

/// Lets the query planner see the new sizes of the tables: after a large import, PostgreSQL would
/// otherwise plan with the old statistics until autovacuum catches up.
fn refresh_planner_statistics(conn: &mut DbConn) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    match conn {
        DbConn::Sqlite(sqlite) => sqlite.batch_execute("PRAGMA optimize;"),
        DbConn::Pg(pg) => pg.batch_execute("ANALYZE;"),
    }
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
    existing: &check::Existing,
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
        if mode == ImportMode::Apply {
            let keys: Vec<_> = batch
                .countries
                .iter()
                .map(|r| {
                    let names = search::country_names(&r.value.name, &r.value.iso3);
                    (r.value.iso3.clone(), names)
                })
                .collect();
            search::write_keys(conn, RecordType::Country, &keys)?;
        }
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
        if mode == ImportMode::Apply {
            let keys: Vec<_> = batch
                .organizations
                .iter()
                .map(|r| {
                    let o = &r.value;
                    let names =
                        search::organization_names(&o.name, o.acronym.as_deref(), &o.aliases);
                    (o.id.clone(), names)
                })
                .collect();
            search::write_keys(conn, RecordType::Organization, &keys)?;
        }
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
        if mode == ImportMode::Apply {
            let keys: Vec<_> = batch
                .individuals
                .iter()
                .map(|r| {
                    let i = &r.value;
                    let names = search::individual_names(&i.name, i.name_original.as_deref());
                    (i.id.clone(), names)
                })
                .collect();
            search::write_keys(conn, RecordType::Individual, &keys)?;
        }
    }
    if has(F::Participations) {
        let rows = batch.participations.iter().map(|r| {
            (
                r.value.participation.id.clone(),
                r.value.participation.clone(),
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
