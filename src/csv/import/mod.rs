//! The validated, all-or-nothing importer of the CSV contract.
//!
//! It reads whichever contract files a folder holds, checks every header, cell, reference and id
//! before it writes anything, and then applies the rows as inserts or updates by `id` in one
//! transaction. On any problem it writes nothing and returns every problem found.

mod check;
mod read;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::export::{batches, full, BATCH};
use super::{ContractFile, Problem};
use crate::credibility::METHODOLOGY;
use crate::db::schema::{
    countries, elections, individuals, missions, organizations, participations, sanctions, sources,
};
use crate::db::DbConn;
use crate::domain::{ChangeAction, ChangeSetKind};
use crate::model::change::{self, RecordChange};
use crate::model::country::Country;
use crate::model::derived;
use crate::model::election::{Election, ElectionFilter};
use crate::model::individual::{Individual, IndividualFilter, IndividualForm};
use crate::model::mission::Mission;
use crate::model::organization::{Organization, OrganizationFilter, OrganizationForm};
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
    /// The change set an applied import that changed something was recorded as.
    pub change_set: Option<i64>,
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

/// Who made an import and when the data changed, as the audit history records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub actor: String,
    pub changed_at: NaiveDateTime,
    /// What the change set is recorded as: an import, or a curator's edit or restore.
    pub kind: ChangeSetKind,
}

impl Provenance {
    /// An import run now from the command line.
    pub fn now() -> Self {
        Provenance {
            actor: "import".to_owned(),
            changed_at: chrono::Utc::now().naive_utc(),
            kind: ChangeSetKind::Import,
        }
    }
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
    let files = names.into_iter().map(|name| {
        let bytes = std::fs::read(dir.join(&name)).map_err(|err| err.to_string());
        (name, bytes)
    });
    import_files(
        conn,
        &dir.display().to_string(),
        files,
        mode,
        &Provenance::now(),
    )
}

/// Imports contract files given as (file name, contents); `origin` names them in messages.
pub fn import_files<B: AsRef<[u8]>>(
    conn: &mut DbConn,
    origin: &str,
    files: impl IntoIterator<Item = (String, Result<B, String>)>,
    mode: ImportMode,
    provenance: &Provenance,
) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    let mut problems = Vec::new();
    let mut batch = Batch::default();
    for (name, bytes) in files {
        match ContractFile::from_file_name(&name) {
            Some(file) if file.importable() => match bytes {
                Ok(bytes) => read::read_file(bytes.as_ref(), file, &mut batch, &mut problems),
                Err(err) => problems.push(Problem::new(
                    file.file_name(),
                    0,
                    "-",
                    format!("cannot be read: {err}"),
                )),
            },
            _ => report.skipped.push(name),
        }
    }
    if batch.present.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            origin,
            0,
            "-",
            "holds none of the contract files (countries.csv, sources.csv, organizations.csv, ...)",
        ));
    }
    let outcome = conn.transaction(|conn| {
        let existing = check::Existing::load(conn)?;
        check::check_references(&mut batch, &existing, &mut problems);
        if !problems.is_empty() {
            problems.sort_by_key(|p| (file_order(&p.file), p.line));
            return Err(ImportError::Invalid(problems));
        }
        let log = match mode {
            ImportMode::Apply => Some(change::open_set(
                conn,
                &provenance.actor,
                provenance.changed_at,
                provenance.kind,
            )?),
            ImportMode::DryRun => None,
        };
        report.files = apply(conn, &batch, &existing, mode, log.as_ref())?;
        match log {
            // An import that changed no row records no change set.
            Some(set) if report.inserted() + report.updated() == 0 => set.discard(conn)?,
            Some(set) => {
                set.close(conn, &summary(&report))?;
                report.change_set = Some(set.id);
                derived::refresh(conn, &METHODOLOGY)?;
                super::archive::record_if_changed(conn)?;
                refresh_planner_statistics(conn)?;
            }
            None => {}
        }
        Ok(report)
    })?;
    if outcome.inserted() + outcome.updated() > 0 && mode == ImportMode::Apply {
        mark_search_keys_visible(conn);
    }
    Ok(outcome)
}

/// On PostgreSQL, vacuums the search keys after an import that changed them, so that name
/// lookups read the index alone (an index-only scan needs the visibility map a vacuum sets):
/// about half a second at a million names, and 1.6 times the searches per second. It cannot run
/// inside a transaction; when the import is part of a larger one, the next autovacuum does it.
fn mark_search_keys_visible(conn: &mut DbConn) {
    use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
    if let DbConn::Pg(pg) = conn {
        // Inside a caller's transaction the statement would fail and abort that transaction.
        let depth = AnsiTransactionManager::transaction_manager_status_mut(pg).transaction_depth();
        if !matches!(depth, Ok(None)) {
            return;
        }
        if let Err(err) = pg.batch_execute("VACUUM (ANALYZE) search_keys") {
            log::info!("search keys not vacuumed after the import: {err}");
        }
    }
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

/// What an import changed, file by file, as its change set's summary.
fn summary(report: &ImportReport) -> String {
    report
        .files
        .iter()
        .filter(|o| o.inserted + o.updated > 0)
        .map(|o| {
            format!(
                "{}: {} inserted, {} updated",
                o.file.file_name().trim_end_matches(".csv"),
                o.inserted,
                o.updated
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Records the history entries of the rows an import writes (inserts and updates, with the
/// stored row as the value before) in its change set, made a chunk at a time.
fn log_rows<T: serde::Serialize>(
    conn: &mut DbConn,
    file: ContractFile,
    rows: &[(String, T, Option<T>)],
    log: Option<&change::OpenSet>,
) -> QueryResult<()> {
    let Some(set) = log else {
        return Ok(());
    };
    let table_name = file.file_name().trim_end_matches(".csv");
    set.append(
        conn,
        rows.iter().map(|(id, row, stored)| RecordChange {
            table_name: table_name.to_owned(),
            record_id: id.clone(),
            action: if stored.is_some() {
                ChangeAction::Update
            } else {
                ChangeAction::Insert
            },
            before_value: stored.as_ref().map(|stored| super::row_json(file, stored)),
            after_value: Some(super::row_json(file, row)),
        }),
    )
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

/// The rows that are new or differ from the stored row with the same id, each with the stored
/// row it replaces. Stored rows are read in id order, a batch at a time, so an identical
/// re-import writes nothing and memory stays flat.
fn changed<T: PartialEq + Clone>(
    rows: impl Iterator<Item = (String, T)>,
    next: impl FnMut(&str) -> QueryResult<Vec<T>>,
    key: impl Fn(&T) -> String,
) -> QueryResult<Vec<(String, T, Option<T>)>> {
    let mut rows: HashMap<String, (T, Option<T>)> =
        rows.map(|(id, row)| (id, (row, None))).collect();
    batches(
        next,
        &key,
        |stored: &T| -> QueryResult<()> {
            let id = key(stored);
            match rows.get_mut(&id) {
                Some((row, _)) if row == stored => {
                    rows.remove(&id);
                }
                Some((_, before)) => *before = Some(stored.clone()),
                None => {}
            }
            Ok(())
        },
        full,
    )?;
    let mut rows: Vec<(String, T, Option<T>)> = rows
        .into_iter()
        .map(|(id, (row, stored))| (id, row, stored))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(rows)
}

fn apply(
    conn: &mut DbConn,
    batch: &Batch,
    existing: &check::Existing,
    mode: ImportMode,
    log: Option<&change::OpenSet>,
) -> QueryResult<Vec<FileOutcome>> {
    use ContractFile as F;
    let mut outcomes = Vec::new();
    let has = |file: F| batch.present.contains(&file);
    let election_ids: HashSet<String> = existing.elections.keys().cloned().collect();
    let mission_ids: HashSet<String> = existing.missions.keys().cloned().collect();
    let all_organizations = OrganizationFilter::default();
    let all_elections = ElectionFilter::default();
    let all_individuals = IndividualFilter::default();
    if has(F::Countries) {
        let rows = changed(
            batch
                .countries
                .iter()
                .map(|r| (r.value.iso3.clone(), r.value.clone())),
            |after| Country::export_batch(conn, after, BATCH),
            |c| c.iso3.clone(),
        )?;
        log_rows(conn, F::Countries, &rows, log)?;
        let rows = rows.into_iter().map(|(id, row, _)| (id, row));
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
        let rows = changed(
            batch
                .sources
                .iter()
                .map(|r| (r.value.id.clone(), r.value.clone())),
            |after| Source::export_batch(conn, after, BATCH),
            |s| s.id.clone(),
        )?;
        log_rows(conn, F::Sources, &rows, log)?;
        let rows = rows.into_iter().map(|(id, row, _)| (id, row));
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
        let rows = changed(
            batch
                .organizations
                .iter()
                .map(|r| (r.value.id.clone(), r.value.clone())),
            |after| Organization::export_batch(conn, &all_organizations, after, BATCH),
            |o| o.id.clone(),
        )?;
        log_rows(conn, F::Organizations, &rows, log)?;
        let rows = rows.into_iter().map(|(id, row, _)| (id, row));
        let rows = rows
            .into_iter()
            .map(|(id, o)| (id, OrganizationForm::from(o)));
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
        let rows = changed(
            batch
                .elections
                .iter()
                .map(|r| (r.value.id.clone(), r.value.clone())),
            |after| Election::export_batch(conn, &all_elections, after, BATCH),
            |e| e.id.clone(),
        )?;
        log_rows(conn, F::Elections, &rows, log)?;
        let rows = rows.into_iter().map(|(id, row, _)| (id, row));
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
        let rows = changed(
            batch
                .missions
                .iter()
                .map(|r| (r.value.id.clone(), r.value.clone())),
            |after| Mission::export_batch(conn, None, after, BATCH),
            |m| m.id.clone(),
        )?;
        log_rows(conn, F::Missions, &rows, log)?;
        let rows = rows.into_iter().map(|(id, row, _)| (id, row));
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
        let rows = changed(
            batch
                .individuals
                .iter()
                .map(|r| (r.value.id.clone(), r.value.clone())),
            |after| Individual::export_batch(conn, &all_individuals, after, BATCH),
            |i| i.id.clone(),
        )?;
        log_rows(conn, F::Individuals, &rows, log)?;
        let rows = rows.into_iter().map(|(id, row, _)| (id, row));
        let rows = rows
            .into_iter()
            .map(|(id, i)| (id, IndividualForm::from(i)));
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
        let rows = changed(
            batch.participations.iter().map(|r| {
                (
                    r.value.participation.id.clone(),
                    r.value.participation.clone(),
                )
            }),
            |after| Participation::export_batch(conn, after, BATCH),
            |p| p.id.clone(),
        )?;
        log_rows(conn, F::Participations, &rows, log)?;
        let rows = rows.into_iter().map(|(id, row, _)| (id, row));
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
        let rows = changed(
            batch
                .sanctions
                .iter()
                .map(|r| (r.value.id.clone(), r.value.clone())),
            |after| Sanction::export_batch(conn, after, BATCH),
            |s| s.id.clone(),
        )?;
        log_rows(conn, F::Sanctions, &rows, log)?;
        let rows = rows.into_iter().map(|(id, row, _)| (id, row));
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
