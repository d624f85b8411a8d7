//! Releases of the whole registry: `registry.zip` (every contract file and `datapackage.json`)
//! built once per change of the data and kept, with what changed since the previous release.
//!
//! The zip is written without timestamps (every entry says 1980-01-01), so its bytes depend only
//! on the data and the release it carries.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

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

/// Each contract file exported as CSV bytes, in contract order.
fn export_all(conn: &mut DbConn) -> Result<Vec<(ContractFile, Vec<u8>)>, ExportError> {
    ContractFile::ALL
        .into_iter()
        .map(|file| Ok((file, write_file(conn, file, &Selection::All, Vec::new())?)))
        .collect()
}

fn zip_error(err: zip::result::ZipError) -> ExportError {
    ExportError::Io(std::io::Error::other(err))
}

/// The bytes of a `registry.zip` holding `files` and the descriptor of `release`.
fn zip_bytes(files: &[(ContractFile, Vec<u8>)], release: i32) -> Result<Vec<u8>, ExportError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (file, bytes) in files {
        zip.start_file(file.file_name(), options)
            .map_err(zip_error)?;
        zip.write_all(bytes)?;
    }
    zip.start_file("datapackage.json", options)
        .map_err(zip_error)?;
    zip.write_all(pretty_descriptor(Some(release)).as_bytes())?;
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

/// Reads one file out of a stored `registry.zip` (empty when the zip lacks it).
fn file_in_zip(archive: &[u8], name: &str) -> Result<Vec<u8>, ExportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(archive)).map_err(zip_error)?;
    let mut bytes = Vec::new();
    match zip.by_name(name) {
        Ok(mut entry) => {
            entry.read_to_end(&mut bytes)?;
        }
        Err(zip::result::ZipError::FileNotFound) => {}
        Err(err) => return Err(zip_error(err)),
    }
    Ok(bytes)
}

/// Each row of a CSV file by its primary key, as a hash of the whole row.
fn row_hashes(file: ContractFile, csv_bytes: &[u8]) -> Result<HashMap<Vec<u8>, u64>, ExportError> {
    let key_columns: Vec<usize> = primary_key(file)
        .iter()
        .filter_map(|name| file.columns().iter().position(|c| c == name))
        .collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_bytes);
    let mut rows = HashMap::new();
    for record in reader.byte_records() {
        let record = record?;
        let mut key = Vec::new();
        for &column in &key_columns {
            key.extend_from_slice(record.get(column).unwrap_or_default());
            key.push(0);
        }
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for field in &record {
            hasher.update(&(field.len() as u64).to_le_bytes());
            hasher.update(field);
        }
        rows.insert(key, hasher.digest());
    }
    Ok(rows)
}

/// What changed in one file between two exports of it.
pub fn compare(
    file: ContractFile,
    before: &[u8],
    after: &[u8],
) -> Result<TableChange, ExportError> {
    let before = row_hashes(file, before)?;
    let after = row_hashes(file, after)?;
    let mut change = TableChange {
        table: file.file_name().trim_end_matches(".csv").to_owned(),
        rows: after.len() as u64,
        ..TableChange::default()
    };
    for (key, hash) in &after {
        match before.get(key) {
            None => change.added += 1,
            Some(old) if old != hash => change.changed += 1,
            Some(_) => {}
        }
    }
    change.removed = before
        .keys()
        .filter(|key| !after.contains_key(*key))
        .count() as u64;
    Ok(change)
}

/// Makes a new release when the data differ from the newest release (or there is none yet):
/// run it inside the transaction that changed the data. Returns the new release, if one was made.
pub fn record_if_changed(conn: &mut DbConn) -> Result<Option<Release>, ExportError> {
    let data_version = change::data_version(conn)?;
    let latest = Release::latest(conn)?;
    if let Some(latest) = &latest {
        if latest.data_version == data_version && latest.methodology_version == METHODOLOGY.version
        {
            return Ok(None);
        }
    }
    let files = export_all(conn)?;
    let previous = match &latest {
        Some(latest) => Release::archive(conn, latest.id)?,
        None => None,
    };
    let mut changes = Vec::new();
    for (file, bytes) in &files {
        let before = match &previous {
            Some(archive) => file_in_zip(archive, file.file_name())?,
            None => Vec::new(),
        };
        changes.push(compare(*file, &before, bytes)?);
    }
    let id = latest.as_ref().map_or(1, |latest| latest.id + 1);
    if let Some(latest) = &latest {
        if !changes.iter().any(TableChange::is_change)
            && latest.methodology_version == METHODOLOGY.version
        {
            Release::touch(conn, latest.id, data_version)?;
            return Ok(None);
        }
    }
    let release = NewRelease {
        id,
        released_at: chrono::Utc::now().naive_utc(),
        data_version,
        methodology_version: METHODOLOGY.version.to_owned(),
        summary: serde_json::to_string(&changes).map_err(std::io::Error::other)?,
        archive: zip_bytes(&files, id)?,
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
            b"iso3,name\n",
            b"iso3,name\nTJK,T\n",
        );
        assert_eq!(change.unwrap().added, 1);
        let change = compare(ContractFile::Sources, before, after).unwrap();
        assert_eq!(
            (change.added, change.changed, change.removed, change.rows),
            (2, 1, 1, 4)
        );
    }
}
