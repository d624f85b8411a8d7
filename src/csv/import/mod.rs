//! The validated, all-or-nothing importer of the CSV contract.
//!
//! It reads whichever contract files a folder holds, in the order their references need
//! (countries first, sanctions last), as streams: each row is parsed, checked (cells, duplicate
//! ids, references, the rules across rows) and written as an insert or an update by `id` in one
//! transaction, a chunk of rows at a time, so that memory does not grow with the size of the
//! files. On any problem it stops writing, reads on to report every problem, and rolls the
//! transaction back: all or nothing. A dry run does the same and always rolls back.

mod check;
mod read;
mod record;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{ContractFile, Problem};
use crate::credibility::METHODOLOGY;
use crate::db::DbConn;
use crate::domain::{ChangeAction, ChangeSetKind};
use crate::model::change::{self, RecordChange};
use crate::model::country::Country;
use crate::model::derived;
use crate::model::election::Election;
use crate::model::individual::Individual;
use crate::model::mission::Mission;
use crate::model::organization::Organization;
use crate::model::participation::Participation;
use crate::model::sanction::Sanction;
use crate::model::search;
use crate::model::source::Source;
use check::Chunk;
use read::FileReader;
use record::Record;

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

/// Rows written per statement: keeps every multi-row INSERT under SQLite's bound-parameter
/// limit, and is all of a file the importer holds at once.
const CHUNK: usize = 500;

/// The problems an import lists before it stops reading: enough to fix a file by, and a bound on
/// what a file that is wrong on every line makes the importer hold.
pub const MAX_PROBLEMS: usize = 1_000;

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
        let file = std::fs::File::open(dir.join(&name)).map_err(|err| err.to_string());
        (name, file)
    });
    import_files(
        conn,
        &dir.display().to_string(),
        files,
        mode,
        &Provenance::now(),
    )
}

/// Why the import's transaction ends without committing.
enum Stop {
    Failed(ImportError),
    /// A dry run went through: its report, with the writes rolled back.
    DryRun(ImportReport),
}

impl From<diesel::result::Error> for Stop {
    fn from(err: diesel::result::Error) -> Self {
        Stop::Failed(ImportError::Database(err))
    }
}

impl From<super::export::ExportError> for Stop {
    fn from(err: super::export::ExportError) -> Self {
        Stop::Failed(ImportError::Release(err))
    }
}

/// Imports contract files given as (file name, contents to read); `origin` names them in
/// messages. The files are read in the order their references need, whatever the order given.
pub fn import_files<R: Read>(
    conn: &mut DbConn,
    origin: &str,
    files: impl IntoIterator<Item = (String, Result<R, String>)>,
    mode: ImportMode,
    provenance: &Provenance,
) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    let mut importable = Vec::new();
    for (name, input) in files {
        match ContractFile::from_file_name(&name) {
            Some(file) if file.importable() => importable.push((file, input)),
            _ => report.skipped.push(name),
        }
    }
    importable.sort_by_key(|(file, _)| *file);
    import_cache(conn, true);
    let started = std::time::Instant::now();
    let outcome = conn.transaction(|conn| {
        let log = match mode {
            ImportMode::Apply => Some(change::open_set(
                conn,
                &provenance.actor,
                provenance.changed_at,
                provenance.kind,
            )?),
            ImportMode::DryRun => None,
        };
        check::open(conn)?;
        let mut run = Run {
            fresh: false,
            problems: Vec::new(),
            files: Vec::new(),
            log: log.as_ref(),
        };
        for (file, input) in importable {
            if run.problems.len() >= MAX_PROBLEMS {
                break;
            }
            let input = match input {
                Ok(input) => input,
                Err(err) => {
                    run.problems.push(Problem::new(
                        file.file_name(),
                        0,
                        "-",
                        format!("cannot be read: {err}"),
                    ));
                    continue;
                }
            };
            use ContractFile as F;
            match file {
                F::Countries => run.file::<Country>(conn, input)?,
                F::Sources => run.file::<Source>(conn, input)?,
                F::Organizations => run.file::<Organization>(conn, input)?,
                F::Elections => run.file::<Election>(conn, input)?,
                F::Missions => run.file::<Mission>(conn, input)?,
                F::Individuals => run.file::<Individual>(conn, input)?,
                F::Participations => run.file::<Participation>(conn, input)?,
                F::Sanctions => run.file::<Sanction>(conn, input)?,
                F::Flags | F::Ratings => {}
            }
        }
        // What the checks remember (every id of the import) is not needed past the files.
        check::close(conn)?;
        let mut problems = run.problems;
        if run.files.is_empty() && problems.is_empty() {
            problems.push(Problem::new(
                origin,
                0,
                "-",
                "holds none of the contract files (countries.csv, sources.csv, organizations.csv, ...)",
            ));
        }
        if !problems.is_empty() {
            problems.sort_by_key(|p| (file_order(&p.file), p.line));
            if problems.len() >= MAX_PROBLEMS {
                problems.truncate(MAX_PROBLEMS);
                problems.push(Problem::new(
                    origin,
                    0,
                    "-",
                    format!("reading stopped after {MAX_PROBLEMS} problems; fix these and import again to see the rest"),
                ));
            }
            return Err(Stop::Failed(ImportError::Invalid(problems)));
        }
        report.files = run.files;
        match log {
            _ if mode == ImportMode::DryRun => return Err(Stop::DryRun(report)),
            // An import that changed no row records no change set.
            Some(set) if report.inserted() + report.updated() == 0 => set.discard(conn)?,
            Some(set) => {
                log::info!("import: files read, checked and written in {:.1?}", started.elapsed());
                set.close(conn, &summary(&report))?;
                report.change_set = Some(set.id);
                derived::refresh(conn, &METHODOLOGY)?;
                log::info!("import: ratings and flags recomputed at {:.1?}", started.elapsed());
                super::archive::record_if_changed(conn)?;
                log::info!("import: data release recorded at {:.1?}", started.elapsed());
                refresh_planner_statistics(conn)?;
            }
            None => {}
        }
        Ok(report)
    });
    import_cache(conn, false);
    let outcome = match outcome {
        Ok(report) => report,
        Err(Stop::DryRun(report)) => return Ok(report),
        Err(Stop::Failed(err)) => return Err(err),
    };
    if outcome.inserted() + outcome.updated() > 0 {
        vacuum_after(conn, &outcome);
    }
    Ok(outcome)
}

/// Pages of the database an import's connection keeps in memory on SQLite (32 MiB, against the
/// default 2 MiB). A large import writes more pages than the default cache holds; SQLite then
/// spills them to the write-ahead log mid-transaction and reads them back from it for every
/// index it updates, which made the import read-bound (three quarters of its time).
const IMPORT_CACHE_KIB: i64 = 32 * 1024;

/// Sets the page cache of an import's connection on SQLite: the larger one for the import, or
/// back to SQLite's default after it (the connection may go back to a pool).
fn import_cache(conn: &mut DbConn, importing: bool) {
    use diesel::connection::SimpleConnection;
    if let DbConn::Sqlite(sqlite) = conn {
        let kib = if importing { IMPORT_CACHE_KIB } else { 2000 };
        if let Err(err) = sqlite.batch_execute(&format!("PRAGMA cache_size = -{kib}")) {
            log::info!("the import's page cache is unchanged: {err}");
        }
    }
}

/// Rows of a file read before the statistics of what the checks look up are first renewed.
const ANALYZE_FROM: usize = 10_000;

/// Rows inserted into one table after which an import treats the file as a bulk load (see
/// [`BulkLoad`]).
pub const BULK_ROWS: usize = 50_000;

/// What an import does differently once a file has proved large.
///
/// On SQLite, the table's secondary indexes are dropped inside the import's transaction and
/// built again, each in one sorted pass, at the end of the file: past a few tens of thousands of
/// rows in random key order, each row's index updates touch pages the cache no longer holds.
/// A rolled-back import restores them with everything else, and other connections keep reading
/// through the indexes of their snapshot meanwhile.
///
/// On PostgreSQL (where dropping an index would lock the table against readers until the import
/// commits), the table is analyzed, then again at the end of the file: the planner otherwise
/// plans the import's own lookups, and the recomputation of ratings and flags, for the empty
/// table its statistics remember, and scans the whole table for each of them.
enum BulkLoad {
    Sqlite(Vec<String>),
    Pg(&'static str),
}

impl BulkLoad {
    fn start(conn: &mut DbConn, file: ContractFile) -> QueryResult<BulkLoad> {
        use diesel::connection::SimpleConnection;
        use diesel::sql_types::Text;
        #[derive(QueryableByName)]
        struct Index {
            #[diesel(sql_type = Text)]
            name: String,
            #[diesel(sql_type = Text)]
            sql: String,
        }
        let table = file.file_name().trim_end_matches(".csv");
        match conn {
            DbConn::Sqlite(sqlite) => {
                // Indexes without SQL are those of the table's own keys, which cannot be dropped.
                let indexes: Vec<Index> = diesel::sql_query(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                )
                .bind::<Text, _>(table)
                .load(sqlite)?;
                for index in &indexes {
                    sqlite.batch_execute(&format!(
                        "DROP INDEX \"{}\"",
                        index.name.replace('"', "")
                    ))?;
                }
                Ok(BulkLoad::Sqlite(
                    indexes.into_iter().map(|i| i.sql).collect(),
                ))
            }
            DbConn::Pg(pg) => {
                pg.batch_execute(&format!("ANALYZE {table}"))?;
                Ok(BulkLoad::Pg(table))
            }
        }
    }

    fn finish(self, conn: &mut DbConn) -> QueryResult<()> {
        use diesel::connection::SimpleConnection;
        match (self, conn) {
            (BulkLoad::Sqlite(indexes), DbConn::Sqlite(sqlite)) => {
                for sql in indexes {
                    sqlite.batch_execute(&sql)?;
                }
                Ok(())
            }
            (BulkLoad::Pg(table), DbConn::Pg(pg)) => pg.batch_execute(&format!("ANALYZE {table}")),
            _ => Ok(()),
        }
    }
}

/// An import under way: what it found wrong and what it wrote.
struct Run<'a> {
    /// Whether the table of the file being read was empty when the file began.
    fresh: bool,
    problems: Vec<Problem>,
    files: Vec<FileOutcome>,
    log: Option<&'a change::OpenSet>,
}

impl Run<'_> {
    /// Reads, checks and (while the import has no problem) writes one file, a chunk at a time.
    fn file<T: Record>(&mut self, conn: &mut DbConn, input: impl Read) -> QueryResult<()> {
        let Some(mut reader) = FileReader::open(T::FILE, input, &mut self.problems) else {
            return Ok(());
        };
        let mut outcome = FileOutcome {
            file: T::FILE,
            inserted: 0,
            updated: 0,
        };
        let mut rows: Vec<(u64, T, bool)> = Vec::with_capacity(CHUNK);
        let mut bulk = None;
        // Into an empty table every row is new: no stored row to compare with (a repeated id
        // is caught by the checks).
        self.fresh = T::is_empty(conn)?;
        // The keys the checks look up grow with the file: their statistics are renewed as the
        // rows read double.
        check::analyze(conn)?;
        let (mut read, mut analyzed) = (0usize, ANALYZE_FROM);
        loop {
            let next = reader.next_row::<T>(&mut self.problems);
            // Rows that cannot be read at all (a wrong number of cells) count towards the limit.
            let end = next.is_none() || self.problems.len() >= MAX_PROBLEMS;
            if let Some((line, Some((row, clean)))) = next {
                rows.push((line, row, clean));
                read += 1;
            }
            if rows.len() == CHUNK || (end && !rows.is_empty()) {
                if read >= analyzed {
                    check::analyze(conn)?;
                    analyzed *= 2;
                }
                let mut chunk = self.check::<T>(conn, &mut rows)?;
                if self.problems.len() >= MAX_PROBLEMS {
                    break;
                }
                // After a problem nothing more is written: the transaction rolls back. While
                // there is none, every row read so far is in its table (the checks rely on it).
                if self.problems.is_empty() {
                    self.write(conn, &mut chunk, &mut outcome)?;
                    if outcome.inserted >= BULK_ROWS && bulk.is_none() {
                        bulk = Some(BulkLoad::start(conn, T::FILE)?);
                    }
                }
            }
            if end {
                break;
            }
        }
        // After a problem the transaction rolls back, which restores the indexes anyway.
        if let Some(bulk) = bulk.filter(|_| self.problems.is_empty()) {
            bulk.finish(conn)?;
        }
        self.files.push(outcome);
        Ok(())
    }

    /// Checks a chunk of read rows (ids, references, the rules across rows), in their order;
    /// returns those to write: the rows without a problem whose id is the first of its kind.
    fn check<T: Record>(
        &mut self,
        conn: &mut DbConn,
        rows: &mut Vec<(u64, T, bool)>,
    ) -> QueryResult<Vec<T>> {
        let mut chunk = Chunk::new(T::FILE);
        for (line, row, _) in rows.iter_mut() {
            row.check(&mut chunk.gather(*line));
        }
        let ids: Vec<&str> = rows.iter().map(|(_, row, _)| row.id()).collect();
        chunk.fetch(conn, &ids, self.fresh, self.problems.is_empty())?;
        let mut write = Vec::with_capacity(rows.len());
        for (line, mut row, clean) in rows.drain(..) {
            let remembered = if clean { row.remembered() } else { None };
            let first = chunk.first(&mut self.problems, line, row.id(), remembered);
            row.check(&mut chunk.answer(&mut self.problems, line));
            if self.problems.len() >= MAX_PROBLEMS {
                break;
            }
            if clean && first && self.problems.is_empty() {
                write.push(row);
            }
        }
        chunk.save(conn)?;
        Ok(write)
    }

    /// Writes the rows that are new or differ from the stored row with the same id (an
    /// identical re-import writes nothing), with their history and search keys.
    fn write<T: Record>(
        &mut self,
        conn: &mut DbConn,
        chunk: &mut Vec<T>,
        outcome: &mut FileOutcome,
    ) -> QueryResult<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        let mut stored: HashMap<String, T> = if self.fresh {
            HashMap::new()
        } else {
            let ids: Vec<&str> = chunk.iter().map(Record::id).collect();
            T::stored(conn, &ids)?
                .into_iter()
                .map(|row| (row.id().to_owned(), row))
                .collect()
        };
        let table_name = T::FILE.file_name().trim_end_matches(".csv");
        let mut history = Vec::new();
        // The search keys of new records, and of changed ones (whose old keys go).
        let (mut new_keys, mut changed_keys) = (Vec::new(), Vec::new());
        let mut inserts = Vec::new();
        let mut updates = Vec::new();
        for row in chunk.drain(..) {
            let before = stored.remove(row.id());
            if before.as_ref() == Some(&row) {
                continue;
            }
            if T::SEARCH.is_some() {
                let keys = if before.is_some() {
                    &mut changed_keys
                } else {
                    &mut new_keys
                };
                keys.push((row.id().to_owned(), row.names()));
            }
            if self.log.is_some() {
                history.push(RecordChange {
                    table_name: table_name.to_owned(),
                    record_id: row.id().to_owned(),
                    action: if before.is_some() {
                        ChangeAction::Update
                    } else {
                        ChangeAction::Insert
                    },
                    before_value: before.as_ref().map(|b| super::row_json(T::FILE, b)),
                    after_value: Some(super::row_json(T::FILE, &row)),
                });
            }
            match before {
                Some(_) => updates.push(row),
                None => inserts.push(row),
            }
        }
        outcome.inserted += inserts.len();
        outcome.updated += updates.len();
        if !inserts.is_empty() {
            T::insert(conn, inserts)?;
        }
        for row in updates {
            T::update(conn, row)?;
        }
        if let Some(record_type) = T::SEARCH {
            search::insert_keys(conn, record_type, &new_keys)?;
            search::write_keys(conn, record_type, &changed_keys)?;
        }
        if let Some(set) = self.log {
            set.append(conn, history)?;
        }
        Ok(())
    }
}

/// On PostgreSQL, vacuums what an import changed in bulk, once it has committed: the search
/// keys after any import that changed them, so that name lookups read the index alone (an
/// index-only scan needs the visibility map a vacuum sets: about half a second at a million
/// names, and 1.6 times the searches per second); and every table a file wrote at least
/// [`BULK_ROWS`] rows into, so that the work a bulk load leaves behind (hint bits, the
/// visibility map, statistics) is done by the import rather than by the first readers of its
/// pages and by autovacuum while the site serves. The benchmark measures pages after the same
/// vacuum. It cannot run inside a transaction; when the import is part of a larger one,
/// autovacuum does it later.
fn vacuum_after(conn: &mut DbConn, report: &ImportReport) {
    use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
    if let DbConn::Pg(pg) = conn {
        // Inside a caller's transaction the statement would fail and abort that transaction.
        let depth = AnsiTransactionManager::transaction_manager_status_mut(pg).transaction_depth();
        if !matches!(depth, Ok(None)) {
            return;
        }
        let bulk = report
            .files
            .iter()
            .filter(|o| o.inserted + o.updated >= BULK_ROWS)
            .map(|o| o.file.file_name().trim_end_matches(".csv"));
        let tables: Vec<&str> = std::iter::once("search_keys").chain(bulk).collect();
        if let Err(err) = pg.batch_execute(&format!("VACUUM (ANALYZE) {}", tables.join(", "))) {
            log::info!("{} not vacuumed after the import: {err}", tables.join(", "));
        } else {
            log::info!("import: {} vacuumed", tables.join(", "));
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

fn file_order(name: &str) -> usize {
    ContractFile::from_file_name(name).map_or(usize::MAX, |file| file as usize)
}
