//! Releases of the whole registry: `registry.zip` (every contract file and `datapackage.json`)
//! built once per change of the data and kept, with what changed since the previous release.
//!
//! The zip is written without timestamps (every entry says 1980-01-01), so its bytes depend only
//! on the data and the release it carries.

use std::io::{BufReader, Cursor, Read, Seek, SeekFrom, Write};

use serde_json::{json, Value};

use super::dictionary::primary_key;
use super::export::{write_file, ExportError, Selection};
use super::ContractFile;
use crate::credibility::METHODOLOGY;
use crate::db::DbConn;
use crate::model::change;
use crate::model::release::{archive_path, NewRelease, Release, TableChange};

/// `datapackage.json` naming the release it belongs to (or none, for data not yet released).
pub fn descriptor(release: Option<i32>) -> Value {
    let mut descriptor = super::datapackage::descriptor();
    if let Some(id) = release {
        descriptor["release"] = json!({ "id": id, "path": archive_path(id) });
    }
    descriptor
}

/// `datapackage.json` of the current data, as its file holds it.
pub fn pretty_descriptor(release: Option<i32>) -> String {
    format!("{:#}", descriptor(release))
}

fn zip_error(err: zip::result::ZipError) -> ExportError {
    ExportError::Io(std::io::Error::other(err))
}

/// A row of a CSV file as the comparison of two releases holds it: a hash of its primary key and
/// a hash of the whole row (24 bytes, whatever the row).
type RowHash = (u128, u64);

/// Each row of a CSV file as (key hash, row hash), sorted by key hash, read as a stream.
fn row_hashes(file: ContractFile, csv: impl Read) -> Result<Vec<RowHash>, ExportError> {
    let key_columns: Vec<usize> = primary_key(file)
        .iter()
        .filter_map(|name| file.columns().iter().position(|c| c == name))
        .collect();
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(csv);
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record)? {
        let mut key = xxhash_rust::xxh3::Xxh3::new();
        for &column in &key_columns {
            let field = record.get(column).unwrap_or_default();
            key.update(&(field.len() as u64).to_le_bytes());
            key.update(field);
        }
        let mut row = xxhash_rust::xxh3::Xxh3::new();
        for field in &record {
            row.update(&(field.len() as u64).to_le_bytes());
            row.update(field);
        }
        rows.push((key.digest128(), row.digest()));
    }
    rows.sort_unstable();
    Ok(rows)
}

/// What changed in one file between two exports of it.
pub fn compare(
    file: ContractFile,
    before: impl Read,
    after: impl Read,
) -> Result<TableChange, ExportError> {
    let before = row_hashes(file, before)?;
    let after = row_hashes(file, after)?;
    let mut change = TableChange {
        table: file.file_name().trim_end_matches(".csv").to_owned(),
        rows: after.len() as u64,
        ..TableChange::default()
    };
    // Both are sorted by key: walk them side by side.
    let (mut old, mut new) = (before.iter().peekable(), after.iter().peekable());
    loop {
        match (old.peek(), new.peek()) {
            (None, None) => break,
            (Some(_), None) => {
                change.removed += 1;
                old.next();
            }
            (None, Some(_)) => {
                change.added += 1;
                new.next();
            }
            (Some((old_key, old_row)), Some((new_key, new_row))) => match old_key.cmp(new_key) {
                std::cmp::Ordering::Less => {
                    change.removed += 1;
                    old.next();
                }
                std::cmp::Ordering::Greater => {
                    change.added += 1;
                    new.next();
                }
                std::cmp::Ordering::Equal => {
                    if old_row != new_row {
                        change.changed += 1;
                    }
                    old.next();
                    new.next();
                }
            },
        }
    }
    Ok(change)
}

/// Makes a new release when the data differ from the newest release (or there is none yet):
/// run it inside the transaction that changed the data. Returns the new release, if one was made.
///
/// Each file is exported to a temporary file, compared with the same file of the previous
/// release by row hashes, and compressed into the new zip, which is written to a temporary file
/// too: what the release holds in memory is the two zips and the row hashes, not the files.
pub fn record_if_changed(conn: &mut DbConn) -> Result<Option<Release>, ExportError> {
    let data_version = change::data_version(conn)?;
    let latest = Release::latest(conn)?;
    if let Some(latest) = &latest {
        if latest.data_version == data_version && latest.methodology_version == METHODOLOGY.version
        {
            return Ok(None);
        }
    }
    let previous = match &latest {
        Some(latest) => Release::archive(conn, latest.id)?,
        None => None,
    };
    let mut previous = match previous {
        Some(archive) => Some(zip::ZipArchive::new(Cursor::new(archive)).map_err(zip_error)?),
        None => None,
    };
    let id = latest.as_ref().map_or(1, |latest| latest.id + 1);
    let mut zip = zip::ZipWriter::new(tempfile::tempfile()?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut changes = Vec::new();
    for file in ContractFile::ALL {
        let exported = write_file(
            conn,
            file,
            &Selection::All,
            std::io::BufWriter::new(tempfile::tempfile()?),
        )?;
        let mut exported = exported
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        exported.seek(SeekFrom::Start(0))?;
        let before: Box<dyn Read> = match previous.as_mut().map(|zip| zip.by_name(file.file_name()))
        {
            Some(Ok(entry)) => Box::new(entry),
            None | Some(Err(zip::result::ZipError::FileNotFound)) => Box::new(std::io::empty()),
            Some(Err(err)) => return Err(zip_error(err)),
        };
        changes.push(compare(file, before, BufReader::new(&mut exported))?);
        exported.seek(SeekFrom::Start(0))?;
        zip.start_file(file.file_name(), options)
            .map_err(zip_error)?;
        std::io::copy(&mut exported, &mut zip)?;
    }
    if let Some(latest) = &latest {
        if !changes.iter().any(TableChange::is_change)
            && latest.methodology_version == METHODOLOGY.version
        {
            Release::touch(conn, latest.id, data_version)?;
            return Ok(None);
        }
    }
    drop(previous);
    zip.start_file("datapackage.json", options)
        .map_err(zip_error)?;
    zip.write_all(pretty_descriptor(Some(id)).as_bytes())?;
    let mut archive_file = zip.finish().map_err(zip_error)?;
    archive_file.seek(SeekFrom::Start(0))?;
    let mut archive = Vec::new();
    archive_file.read_to_end(&mut archive)?;
    let release = NewRelease {
        id,
        released_at: chrono::Utc::now().naive_utc(),
        data_version,
        methodology_version: METHODOLOGY.version.to_owned(),
        summary: serde_json::to_string(&changes).map_err(std::io::Error::other)?,
        archive,
    };
    release.insert(conn)?;
    Ok(Release::find(conn, id)?)
}

/// [`record_if_changed`] at start-up, in a transaction of its own. Several instances starting at
/// once may race for the same release number: the one that loses finds the release made.
pub fn record_at_start(conn: &mut DbConn) -> Result<Option<Release>, ExportError> {
    use diesel::result::{DatabaseErrorKind, Error};
    use diesel::Connection;
    match conn.transaction(record_if_changed) {
        Err(ExportError::Database(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _))) => {
            Ok(None)
        }
        outcome => outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_counted_by_primary_key() {
        let before = b"id,name\na,Alpha\nb,Beta\nc,Gamma\n";
        let after = b"id,name\na,Alpha\nb,Beta!\nd,Delta\ne,Epsilon\n";
        let change = compare(
            ContractFile::Countries,
            &b"iso3,name\n"[..],
            &b"iso3,name\nTJK,T\n"[..],
        );
        assert_eq!(change.unwrap().added, 1);
        let change = compare(ContractFile::Sources, &before[..], &after[..]).unwrap();
        assert_eq!(
            (change.added, change.changed, change.removed, change.rows),
            (2, 1, 1, 4)
        );
    }
}
