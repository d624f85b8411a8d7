//! Curators' edits of one record: read it with its version, save it, delete it, restore it.
//!
//! A record is handled as its contract row (column → value, in the order of the data
//! dictionary), so that a save goes through the importer like any CSV file: validation,
//! reference checks, the change set and the refresh of derived results are defined there once.
//! A record's version is a hash of that row: a form carries the version it was opened at, and a
//! save or delete whose version is no longer the stored one is a conflict that writes nothing.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::change::{self, RecordChange};
use super::derived;
use super::search::{self, RecordType};
use crate::credibility::METHODOLOGY;
use crate::csv::import::{import_files, ImportError, ImportMode, Provenance};
use crate::csv::{archive, row_cells, ContractFile};
use crate::db::schema::{
    change_sets, changes, election_consensus, elections, flags, individuals, missions,
    organization_missions, organization_ratings, organizations, participations, sanctions, sources,
};
use crate::db::DbConn;
use crate::domain::{ChangeAction, ChangeSetKind, RecordKind, SubjectType};
use crate::model::election::Election;
use crate::model::individual::Individual;
use crate::model::mission::Mission;
use crate::model::organization::Organization;
use crate::model::participation::Participation;
use crate::model::sanction::Sanction;
use crate::model::source::Source;

/// A record's contract row: each column with its value, in contract order.
pub type Cells = Vec<(String, String)>;

/// The contract file that holds records of `kind`.
pub fn file_of(kind: RecordKind) -> ContractFile {
    match kind {
        RecordKind::Organization => ContractFile::Organizations,
        RecordKind::Election => ContractFile::Elections,
        RecordKind::Mission => ContractFile::Missions,
        RecordKind::Individual => ContractFile::Individuals,
        RecordKind::Participation => ContractFile::Participations,
        RecordKind::Source => ContractFile::Sources,
        RecordKind::Sanction => ContractFile::Sanctions,
    }
}

/// The name the change history stores for records of `kind` (the file name without `.csv`).
pub fn table_name(kind: RecordKind) -> &'static str {
    file_of(kind).file_name().trim_end_matches(".csv")
}

/// The kind of record a history table name stands for, if it is one a curator edits.
pub fn kind_of_table(table: &str) -> Option<RecordKind> {
    RecordKind::all().find(|kind| table_name(*kind) == table)
}

/// A record as a form shows it: its row and the version it was read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    pub cells: Cells,
    pub version: String,
}

impl Current {
    fn new(file: ContractFile, values: Vec<String>) -> Current {
        let cells: Cells = file
            .columns()
            .iter()
            .map(|c| (*c).to_owned())
            .zip(values)
            .collect();
        let version = version_of(&cells);
        Current { cells, version }
    }

    /// The value of `column`, empty when it has none.
    pub fn get(&self, column: &str) -> &str {
        value_of(&self.cells, column)
    }
}

/// The value of `column` in `cells`, empty when it has none.
pub fn value_of<'a>(cells: &'a [(String, String)], column: &str) -> &'a str {
    cells
        .iter()
        .find(|(name, _)| name == column)
        .map_or("", |(_, value)| value.as_str())
}

/// The optimistic-locking token of a row: an XXH3 hash of its cells.
pub fn version_of(cells: &[(String, String)]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for (column, value) in cells {
        for part in [column.as_bytes(), value.as_bytes()] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
    }
    format!("{:016x}", hasher.digest())
}

/// The stored row of one record as contract cells, if it exists.
macro_rules! stored_row {
    ($conn:expr, $table:ident, $type:ty, $id:expr) => {
        $table::table
            .find($id.to_owned())
            .select(<$type>::as_select())
            .first::<$type>($conn)
            .optional()?
            .map(|row| row_cells(&row))
    };
}

/// The record of `kind` with `id`, with its version, if it exists.
pub fn current(conn: &mut DbConn, kind: RecordKind, id: &str) -> QueryResult<Option<Current>> {
    let values = match kind {
        RecordKind::Organization => stored_row!(conn, organizations, Organization, id),
        RecordKind::Election => stored_row!(conn, elections, Election, id),
        RecordKind::Mission => stored_row!(conn, missions, Mission, id),
        RecordKind::Individual => stored_row!(conn, individuals, Individual, id),
        RecordKind::Participation => stored_row!(conn, participations, Participation, id),
        RecordKind::Source => stored_row!(conn, sources, Source, id),
        RecordKind::Sanction => stored_row!(conn, sanctions, Sanction, id),
    };
    Ok(values.map(|values| Current::new(file_of(kind), values)))
}

/// Makes the transaction the only writer of the record of `kind` with `id` until it ends, so that
/// two saves of the same version cannot both pass the version check: PostgreSQL locks the row,
/// SQLite takes its one write lock before the record is read.
fn lock_for_write(conn: &mut DbConn, kind: RecordKind, id: &str) -> QueryResult<()> {
    match conn {
        DbConn::Pg(pg) => diesel::sql_query(format!(
            "SELECT 1 FROM {} WHERE id = $1 FOR UPDATE",
            table_name(kind)
        ))
        .bind::<diesel::sql_types::Text, _>(id)
        .execute(pg)?,
        DbConn::Sqlite(sqlite) => {
            diesel::sql_query("UPDATE change_sets SET summary = summary WHERE 1 = 0")
                .execute(sqlite)?
        }
    };
    Ok(())
}

/// A problem with what a form holds: the column it concerns (`-` for the whole record) and the
/// importer's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub column: String,
    pub message: String,
}

/// What refers to a record that is to be deleted: how many rows of which table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referrer {
    /// `missions`, `participations`, `sanctions`, or `citations` (texts that cite a source).
    pub table: &'static str,
    pub count: i64,
}

/// Why an edit wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The record changed (or was deleted) since the form was opened: what the form holds, and
    /// what is stored now (`None` when the record is gone).
    #[error("the record changed since the form was opened")]
    Conflict {
        mine: Cells,
        theirs: Option<Current>,
    },
    #[error("the record has {} problem(s)", .0.len())]
    Invalid(Vec<FieldProblem>),
    #[error("no such record")]
    NotFound,
    #[error("other records refer to it")]
    Referenced(Vec<Referrer>),
    /// The change to restore is not the deletion of a record.
    #[error("only a deletion can be restored")]
    NotRestorable,
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("import: {0}")]
    Import(#[source] ImportError),
}

impl From<ImportError> for EditError {
    fn from(err: ImportError) -> Self {
        match err {
            ImportError::Invalid(problems) => EditError::Invalid(
                problems
                    .into_iter()
                    .map(|p| FieldProblem {
                        column: p.column,
                        message: p.message,
                    })
                    .collect(),
            ),
            ImportError::Database(err) => EditError::Database(err),
            other => EditError::Import(other),
        }
    }
}

impl From<crate::csv::export::ExportError> for EditError {
    fn from(err: crate::csv::export::ExportError) -> Self {
        EditError::Import(ImportError::Release(err))
    }
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveOutcome {
    pub kind: RecordKind,
    pub id: String,
    /// Whether anything was written (saving an unchanged form writes nothing).
    pub changed: bool,
}

/// Who makes a change, and when.
#[derive(Debug, Clone, Copy)]
pub struct Author<'a> {
    pub actor: &'a str,
    pub at: NaiveDateTime,
}

/// The one-row contract file of `cells` (header from the dictionary; a missing column is empty).
fn one_row_file(file: ContractFile, cells: &[(String, String)]) -> Result<Vec<u8>, EditError> {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let written = writer
        .write_record(file.columns())
        .and_then(|()| {
            writer.write_record(file.columns().iter().map(|column| value_of(cells, column)))
        })
        .and_then(|()| writer.flush().map_err(csv::Error::from));
    let problem = |message: String| {
        EditError::Invalid(vec![FieldProblem {
            column: "-".to_owned(),
            message,
        }])
    };
    written.map_err(|err| problem(err.to_string()))?;
    writer
        .into_inner()
        .map_err(|err| problem(err.error().to_string()))
}

/// Writes `cells` through the importer, recorded as a change set of `kind`.
fn write_through_importer(
    conn: &mut DbConn,
    file: ContractFile,
    cells: &[(String, String)],
    author: Author<'_>,
    kind: ChangeSetKind,
) -> Result<bool, EditError> {
    let bytes = one_row_file(file, cells)?;
    let report = import_files(
        conn,
        "form",
        [(
            file.file_name().to_owned(),
            Ok::<_, String>(bytes.as_slice()),
        )],
        ImportMode::Apply,
        &Provenance {
            actor: author.actor.to_owned(),
            changed_at: author.at,
            kind,
        },
    )?;
    Ok(report.inserted() + report.updated() > 0)
}

/// Saves a record from a form: a new one when `id` is `None`, else the record `id` (whose id
/// an edit cannot change), provided it is still at `expected_version`. Validation, references,
/// the change set and the derived results are the importer's; nothing is written on a problem.
pub fn save(
    conn: &mut DbConn,
    kind: RecordKind,
    id: Option<&str>,
    mut cells: Cells,
    expected_version: Option<&str>,
    author: Author<'_>,
) -> Result<SaveOutcome, EditError> {
    let file = file_of(kind);
    if let Some(id) = id {
        cells.retain(|(column, _)| column != "id");
        cells.insert(0, ("id".to_owned(), id.to_owned()));
    }
    let record_id = value_of(&cells, "id").to_owned();
    conn.transaction(|conn| {
        lock_for_write(conn, kind, &record_id)?;
        let stored = if record_id.is_empty() {
            None
        } else {
            current(conn, kind, &record_id)?
        };
        match (id, stored) {
            (Some(_), None) => {
                return Err(EditError::Conflict {
                    mine: cells.clone(),
                    theirs: None,
                })
            }
            (Some(_), Some(stored)) => {
                if expected_version != Some(stored.version.as_str()) {
                    return Err(EditError::Conflict {
                        mine: cells.clone(),
                        theirs: Some(stored),
                    });
                }
            }
            (None, Some(_)) => {
                return Err(EditError::Invalid(vec![FieldProblem {
                    column: "id".to_owned(),
                    message: format!("\"{record_id}\" is already the id of another record"),
                }]))
            }
            (None, None) => {}
        }
        let changed = write_through_importer(conn, file, &cells, author, ChangeSetKind::Edit)?;
        Ok(SaveOutcome {
            kind,
            id: record_id.clone(),
            changed,
        })
    })
}

/// A `LIKE` pattern for texts that cite source `id` (ids are slugs: no wildcard in them).
fn citation_pattern(id: &str) -> String {
    format!("%[source:{id}]%")
}

/// The records that refer to the record of `kind` with `id`, by table (only tables with some).
pub fn referrers(conn: &mut DbConn, kind: RecordKind, id: &str) -> QueryResult<Vec<Referrer>> {
    let id = id.to_owned();
    let subject = |subject_type: SubjectType| {
        sanctions::table
            .filter(sanctions::subject_type.eq(subject_type))
            .filter(sanctions::subject_id.eq(id.clone()))
            .count()
    };
    let counts: Vec<(&'static str, i64)> = match kind {
        RecordKind::Organization => vec![
            (
                "missions",
                missions::table
                    .filter(missions::organization_id.eq(&id))
                    .count()
                    .get_result(conn)?,
            ),
            (
                "sanctions",
                subject(SubjectType::Organization).get_result(conn)?,
            ),
        ],
        RecordKind::Election => vec![
            (
                "missions",
                missions::table
                    .filter(missions::election_id.eq(&id))
                    .count()
                    .get_result(conn)?,
            ),
            (
                "participations",
                participations::table
                    .filter(participations::election_id.eq(&id))
                    .count()
                    .get_result(conn)?,
            ),
        ],
        RecordKind::Mission => vec![(
            "participations",
            participations::table
                .filter(participations::mission_id.eq(&id))
                .count()
                .get_result(conn)?,
        )],
        RecordKind::Individual => vec![
            (
                "participations",
                participations::table
                    .filter(participations::individual_id.eq(&id))
                    .count()
                    .get_result(conn)?,
            ),
            (
                "sanctions",
                subject(SubjectType::Individual).get_result(conn)?,
            ),
        ],
        RecordKind::Source => {
            let cited = citation_pattern(&id);
            let citations: i64 = organizations::table
                .filter(
                    organizations::notes
                        .like(&cited)
                        .or(organizations::benchmark_reason.like(&cited)),
                )
                .count()
                .get_result::<i64>(conn)?
                + elections::table
                    .filter(elections::notes.like(&cited))
                    .count()
                    .get_result::<i64>(conn)?
                + individuals::table
                    .filter(individuals::notes.like(&cited))
                    .count()
                    .get_result::<i64>(conn)?
                + sanctions::table
                    .filter(sanctions::description.like(&cited))
                    .count()
                    .get_result::<i64>(conn)?;
            vec![
                (
                    "missions",
                    missions::table
                        .filter(missions::source_id.eq(&id))
                        .count()
                        .get_result(conn)?,
                ),
                (
                    "participations",
                    participations::table
                        .filter(participations::source_id.eq(&id))
                        .count()
                        .get_result(conn)?,
                ),
                (
                    "sanctions",
                    sanctions::table
                        .filter(sanctions::source_id.eq(&id))
                        .count()
                        .get_result(conn)?,
                ),
                ("citations", citations),
            ]
        }
        RecordKind::Participation | RecordKind::Sanction => Vec::new(),
    };
    Ok(counts
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(table, count)| Referrer { table, count })
        .collect())
}

/// Removes the row of `kind` with `id`, with its search keys and the derived rows that point
/// at it (the refresh that follows recomputes the others).
fn remove_row(conn: &mut DbConn, kind: RecordKind, id: &str) -> QueryResult<()> {
    let id = id.to_owned();
    match kind {
        RecordKind::Organization => {
            diesel::delete(
                flags::table
                    .filter(flags::subject_type.eq(SubjectType::Organization))
                    .filter(flags::subject_id.eq(&id)),
            )
            .execute(conn)?;
            diesel::delete(
                organization_ratings::table.filter(organization_ratings::organization_id.eq(&id)),
            )
            .execute(conn)?;
            diesel::delete(
                organization_missions::table.filter(organization_missions::organization_id.eq(&id)),
            )
            .execute(conn)?;
            search::write_keys(conn, RecordType::Organization, &[(id.clone(), Vec::new())])?;
            diesel::delete(organizations::table.find(&id)).execute(conn)?;
        }
        RecordKind::Election => {
            diesel::delete(
                election_consensus::table.filter(election_consensus::election_id.eq(&id)),
            )
            .execute(conn)?;
            diesel::delete(elections::table.find(&id)).execute(conn)?;
        }
        RecordKind::Mission => {
            diesel::delete(
                organization_missions::table.filter(organization_missions::mission_id.eq(&id)),
            )
            .execute(conn)?;
            diesel::delete(missions::table.find(&id)).execute(conn)?;
        }
        RecordKind::Individual => {
            diesel::delete(
                flags::table
                    .filter(flags::subject_type.eq(SubjectType::Individual))
                    .filter(flags::subject_id.eq(&id)),
            )
            .execute(conn)?;
            search::write_keys(conn, RecordType::Individual, &[(id.clone(), Vec::new())])?;
            diesel::delete(individuals::table.find(&id)).execute(conn)?;
        }
        RecordKind::Participation => {
            diesel::delete(participations::table.find(&id)).execute(conn)?;
        }
        RecordKind::Source => {
            diesel::delete(sources::table.find(&id)).execute(conn)?;
        }
        RecordKind::Sanction => {
            diesel::delete(sanctions::table.find(&id)).execute(conn)?;
        }
    }
    Ok(())
}

/// A row as the change history stores it: a JSON object of column to value.
fn cells_json(cells: &[(String, String)]) -> String {
    let object: serde_json::Map<String, serde_json::Value> = cells
        .iter()
        .map(|(column, value)| (column.clone(), serde_json::Value::String(value.clone())))
        .collect();
    serde_json::Value::Object(object).to_string()
}

/// Deletes the record of `kind` with `id`, if it is still at `expected_version` and nothing
/// refers to it; records the deletion (with the row as it was) as a change set of its own.
pub fn delete(
    conn: &mut DbConn,
    kind: RecordKind,
    id: &str,
    expected_version: Option<&str>,
    author: Author<'_>,
) -> Result<(), EditError> {
    conn.transaction(|conn| {
        lock_for_write(conn, kind, id)?;
        let Some(stored) = current(conn, kind, id)? else {
            return Err(EditError::NotFound);
        };
        if expected_version != Some(stored.version.as_str()) {
            return Err(EditError::Conflict {
                mine: Vec::new(),
                theirs: Some(stored),
            });
        }
        let referrers = referrers(conn, kind, id)?;
        if !referrers.is_empty() {
            return Err(EditError::Referenced(referrers));
        }
        remove_row(conn, kind, id)?;
        let table = table_name(kind);
        change::record_set(
            conn,
            author.actor,
            author.at,
            ChangeSetKind::Delete,
            &format!("{table}: 1 deleted"),
            [RecordChange {
                table_name: table.to_owned(),
                record_id: id.to_owned(),
                action: ChangeAction::Delete,
                before_value: Some(cells_json(&stored.cells)),
                after_value: None,
            }],
        )?;
        derived::refresh(conn, &METHODOLOGY)?;
        archive::record_if_changed(conn)?;
        Ok(())
    })
}

/// Puts back the record a deletion removed, through the importer (so its references are checked
/// again), recorded as a change set of kind Restore. Refused when the change is no deletion, or
/// when a record with that id exists again.
pub fn restore(
    conn: &mut DbConn,
    change_id: i64,
    author: Author<'_>,
) -> Result<SaveOutcome, EditError> {
    conn.transaction(|conn| {
        let Some((deletion, _)) = change::find(conn, change_id)? else {
            return Err(EditError::NotFound);
        };
        let kind = kind_of_table(&deletion.table_name).ok_or(EditError::NotRestorable)?;
        if deletion.action != ChangeAction::Delete {
            return Err(EditError::NotRestorable);
        }
        let id = deletion.record_id.clone();
        lock_for_write(conn, kind, &id)?;
        if current(conn, kind, &id)?.is_some() {
            return Err(EditError::Invalid(vec![FieldProblem {
                column: "id".to_owned(),
                message: format!("\"{id}\" is already the id of a record again"),
            }]));
        }
        let before: BTreeMap<String, String> = change::values(deletion.before_value.as_deref());
        let file = file_of(kind);
        let cells: Cells = file
            .columns()
            .iter()
            .map(|column| {
                let value = before.get(*column).cloned().unwrap_or_default();
                ((*column).to_owned(), value)
            })
            .collect();
        write_through_importer(conn, file, &cells, author, ChangeSetKind::Restore)?;
        // The importer records an insert; in a restore, it is the record's restoration.
        let set: Option<i64> = change_sets::table
            .filter(change_sets::kind.eq(ChangeSetKind::Restore))
            .filter(change_sets::actor.eq(author.actor))
            .select(diesel::dsl::max(change_sets::id))
            .first(conn)?;
        if let Some(set) = set {
            diesel::update(
                changes::table
                    .filter(changes::change_set.eq(set))
                    .filter(changes::table_name.eq(table_name(kind)))
                    .filter(changes::record_id.eq(&id)),
            )
            .set(changes::action.eq(ChangeAction::Restore))
            .execute(conn)?;
        }
        Ok(SaveOutcome {
            kind,
            id,
            changed: true,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_file_and_back() {
        for kind in RecordKind::all() {
            assert_eq!(kind_of_table(table_name(kind)), Some(kind));
        }
        assert_eq!(kind_of_table("countries"), None);
        assert_eq!(kind_of_table(""), None);
    }

    #[test]
    fn versions_follow_every_cell() {
        let a = vec![("id".to_owned(), "x".to_owned())];
        let b = vec![("id".to_owned(), "y".to_owned())];
        assert_ne!(version_of(&a), version_of(&b));
        assert_eq!(version_of(&a), version_of(&a.clone()));
        // Cell boundaries count: "ab" + "" is not "a" + "b".
        let c = vec![("a".to_owned(), "b".to_owned())];
        let d = vec![("ab".to_owned(), String::new())];
        assert_ne!(version_of(&c), version_of(&d));
    }

    #[test]
    fn a_one_row_file_has_the_contract_header() {
        let cells = vec![
            ("id".to_owned(), "x".to_owned()),
            ("url".to_owned(), "https://a, b".to_owned()),
        ];
        let bytes = one_row_file(ContractFile::Sources, &cells).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "id,url,title,publisher,published_on,archived_url\nx,\"https://a, b\",,,,\n"
        );
    }
}
