//! Streamed export of the CSV contract: rows are read in batches by id and written as they come,
//! so memory stays flat however large a table grows.
//!
//! Rows are ordered by id (byte order on both backends), so the same data always exports to the
//! same bytes: export → import → export reproduces identical files.

use std::io::Write;

use diesel::QueryResult;

use super::{table_export, ContractFile};
use crate::db::DbConn;
use crate::model::country::Country;
use crate::model::derived;
use crate::model::election::{Election, ElectionFilter};
use crate::model::individual::{Individual, IndividualFilter};
use crate::model::mission::Mission;
use crate::model::organization::{Organization, OrganizationFilter};
use crate::model::participation::Participation;
use crate::model::sanction::Sanction;
use crate::model::source::Source;
use crate::model::SubjectType;

/// Rows read per query while exporting.
pub const BATCH: i64 = 1000;

/// Which rows of a file to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Selection {
    /// Every row.
    #[default]
    All,
    /// The organizations a list page shows for these filters.
    Organizations(OrganizationFilter),
    /// The elections a list page shows for these filters.
    Elections(ElectionFilter),
    /// The individuals a list page shows for these filters.
    Individuals(IndividualFilter),
    /// The missions at one election.
    MissionsAt(crate::domain::Slug),
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("writing: {0}")]
    Write(#[from] csv::Error),
    #[error("writing: {0}")]
    Io(#[from] std::io::Error),
}

/// Reads batches with `next` (rows after a key, in key order) and writes each row with `write`,
/// until a batch comes back short.
pub(crate) fn batches<T, E: From<diesel::result::Error>>(
    mut next: impl FnMut(&str) -> QueryResult<Vec<T>>,
    key: impl Fn(&T) -> String,
    mut write: impl FnMut(&T) -> Result<(), E>,
    full_batch: impl Fn(&[T]) -> bool,
) -> Result<(), E> {
    let mut after = String::new();
    loop {
        let batch = next(&after)?;
        for row in &batch {
            write(row)?;
        }
        match batch.last() {
            Some(last) if full_batch(&batch) => after = key(last),
            _ => return Ok(()),
        }
    }
}

/// [`batches`] for an export.
fn in_batches<T>(
    next: impl FnMut(&str) -> QueryResult<Vec<T>>,
    key: impl Fn(&T) -> String,
    write: impl FnMut(&T) -> Result<(), ExportError>,
    full_batch: impl Fn(&[T]) -> bool,
) -> Result<(), ExportError> {
    batches(next, key, write, full_batch)
}

pub(crate) fn full(batch: &[impl Sized]) -> bool {
    batch.len() as i64 >= BATCH
}

/// Writes `file` (the rows `selection` picks) as CSV to `out`, header first, and returns `out`.
/// A whole table goes straight from the database's rows ([`table_export`]); a selection, and the
/// derived files, through their model types ([`write_typed`]).
pub fn write_file<W: Write>(
    conn: &mut DbConn,
    file: ContractFile,
    selection: &Selection,
    out: W,
) -> Result<W, ExportError> {
    if *selection != Selection::All || !table_export::covers(file) {
        return write_typed(conn, file, selection, out);
    }
    let mut csv = writer(out);
    csv.write_record(file.columns())?;
    csv.flush()?;
    let mut out = into_inner(csv)?;
    table_export::write_rows(conn, file, &mut out)?;
    Ok(out)
}

/// The CSV writer of every export: RFC 4180 quoting where needed, `\n` line ends.
pub(crate) fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// [`write_file`] through the model types, read in batches by key: any selection, any file.
pub fn write_typed<W: Write>(
    conn: &mut DbConn,
    file: ContractFile,
    selection: &Selection,
    out: W,
) -> Result<W, ExportError> {
    // The header comes from the data dictionary; each row is its model type serialized with serde,
    // whose fields are in contract order (the export → import → export test holds them to it).
    let mut csv = writer(out);
    csv.write_record(file.columns())?;
    let all_organizations = OrganizationFilter::default();
    let all_elections = ElectionFilter::default();
    let all_individuals = IndividualFilter::default();
    match file {
        ContractFile::Countries => in_batches(
            |after| Country::export_batch(conn, after, BATCH),
            |c| c.iso3.clone(),
            |c| Ok(csv.serialize(c)?),
            full,
        )?,
        ContractFile::Sources => in_batches(
            |after| Source::export_batch(conn, after, BATCH),
            |s| s.id.clone(),
            |s| Ok(csv.serialize(s)?),
            full,
        )?,
        ContractFile::Organizations => {
            let filter = match selection {
                Selection::Organizations(filter) => filter,
                _ => &all_organizations,
            };
            in_batches(
                |after| Organization::export_batch(conn, filter, after, BATCH),
                |o| o.id.clone(),
                |o| Ok(csv.serialize(o)?),
                full,
            )?
        }
        ContractFile::Elections => {
            let filter = match selection {
                Selection::Elections(filter) => filter,
                _ => &all_elections,
            };
            in_batches(
                |after| Election::export_batch(conn, filter, after, BATCH),
                |e| e.id.clone(),
                |e| Ok(csv.serialize(e)?),
                full,
            )?
        }
        ContractFile::Missions => {
            let election = match selection {
                Selection::MissionsAt(id) => Some(id.as_str()),
                _ => None,
            };
            in_batches(
                |after| Mission::export_batch(conn, election, after, BATCH),
                |m| m.id.clone(),
                |m| Ok(csv.serialize(m)?),
                full,
            )?
        }
        ContractFile::Individuals => {
            let filter = match selection {
                Selection::Individuals(filter) => filter,
                _ => &all_individuals,
            };
            in_batches(
                |after| Individual::export_batch(conn, filter, after, BATCH),
                |i| i.id.clone(),
                |i| Ok(csv.serialize(i)?),
                full,
            )?
        }
        ContractFile::Participations => in_batches(
            |after| Participation::export_batch(conn, after, BATCH),
            |p| p.id.clone(),
            |p| Ok(csv.serialize(p)?),
            full,
        )?,
        ContractFile::Sanctions => in_batches(
            |after| Sanction::export_batch(conn, after, BATCH),
            |s| s.id.clone(),
            |s| Ok(csv.serialize(s)?),
            full,
        )?,
        ContractFile::Flags => {
            for subject_type in SubjectType::all() {
                in_batches(
                    |after| derived::flags_batch(conn, subject_type, after, BATCH),
                    |f| f.1.clone(),
                    |f| Ok(csv.serialize(f)?),
                    // A batch holds all flags of up to BATCH subjects; it was full if it ended
                    // on the BATCH-th distinct subject.
                    |batch| {
                        let mut subjects: Vec<&str> = batch.iter().map(|f| f.1.as_str()).collect();
                        subjects.dedup();
                        subjects.len() as i64 >= BATCH
                    },
                )?;
            }
        }
        ContractFile::Ratings => in_batches(
            |after| derived::ratings_batch(conn, after, BATCH),
            |r| r.0.clone(),
            |r| Ok(csv.serialize(r)?),
            full,
        )?,
    }
    csv.flush()?;
    into_inner(csv)
}

fn into_inner<W: Write>(csv: csv::Writer<W>) -> Result<W, ExportError> {
    csv.into_inner()
        .map_err(|err| ExportError::Io(std::io::Error::other(err.to_string())))
}

/// Writes every contract file and `datapackage.json` into `dir`.
pub fn export_dir(conn: &mut DbConn, dir: &std::path::Path) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir)?;
    for file in ContractFile::ALL {
        let out = std::io::BufWriter::new(std::fs::File::create(dir.join(file.file_name()))?);
        write_file(conn, file, &Selection::All, out)?.flush()?;
    }
    let release = crate::model::release::Release::latest(conn)?.map(|release| release.id);
    std::fs::write(
        dir.join("datapackage.json"),
        super::archive::pretty_descriptor(release),
    )?;
    Ok(())
}
