//! Releases of the whole registry: `registry.zip` (every contract file and `datapackage.json`)
//! built once per change of the data and kept, with what changed since the previous release.
//!
//! The zip is written without timestamps (every entry says 1980-01-01), so its bytes depend only
//! on the data and the release it carries.

use std::io::{BufReader, Read, Seek, SeekFrom, Write};

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

/// Bytes of a [`RowHash`] written to a bucket.
const ROW_HASH_BYTES: usize = 24;

/// Buckets the row hashes of a file are spread over, by their key hash: two releases are compared
/// one bucket at a time, so the comparison holds a 64th of a file's hashes, not all of them.
const BUCKETS: usize = 64;

/// The row hashes of a file, read as a stream and written to [`BUCKETS`] temporary files by key.
struct Buckets {
    files: Vec<std::fs::File>,
    rows: u64,
}

impl Buckets {
    fn of(file: ContractFile, csv: impl Read) -> Result<Buckets, ExportError> {
        let key_columns: Vec<usize> = primary_key(file)
            .iter()
            .filter_map(|name| file.columns().iter().position(|c| c == name))
            .collect();
        let mut writers = (0..BUCKETS)
            .map(|_| tempfile::tempfile().map(std::io::BufWriter::new))
            .collect::<Result<Vec<_>, _>>()?;
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(csv);
        let mut record = csv::ByteRecord::new();
        let mut rows = 0;
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
            let key = key.digest128();
            // The key hash's top bits choose the bucket.
            let bucket = (key >> 122) as usize % BUCKETS;
            writers[bucket].write_all(&key.to_le_bytes())?;
            writers[bucket].write_all(&row.digest().to_le_bytes())?;
            rows += 1;
        }
        let files = writers
            .into_iter()
            .map(|writer| {
                let mut file = writer
                    .into_inner()
                    .map_err(std::io::IntoInnerError::into_error)?;
                file.seek(SeekFrom::Start(0))?;
                Ok(file)
            })
            .collect::<Result<Vec<_>, std::io::Error>>()?;
        Ok(Buckets { files, rows })
    }

    /// The hashes of bucket `index`, sorted by key hash.
    fn sorted(&mut self, index: usize) -> Result<Vec<RowHash>, ExportError> {
        let mut bytes = Vec::new();
        self.files[index].read_to_end(&mut bytes)?;
        let mut hashes: Vec<RowHash> = bytes
            .chunks_exact(ROW_HASH_BYTES)
            .map(|record| {
                let (key, row) = record.split_at(16);
                (
                    u128::from_le_bytes(key.try_into().unwrap_or_default()),
                    u64::from_le_bytes(row.try_into().unwrap_or_default()),
                )
            })
            .collect();
        hashes.sort_unstable();
        Ok(hashes)
    }
}

/// What changed in one file between two exports of it.
pub fn compare(
    file: ContractFile,
    before: impl Read,
    after: impl Read,
) -> Result<TableChange, ExportError> {
    let mut before = Buckets::of(file, before)?;
    let mut after = Buckets::of(file, after)?;
    let mut change = TableChange {
        table: file.file_name().trim_end_matches(".csv").to_owned(),
        rows: after.rows,
        ..TableChange::default()
    };
    // A key falls in the same bucket on both sides: compare bucket by bucket.
    for index in 0..BUCKETS {
        count_changes(&before.sorted(index)?, &after.sorted(index)?, &mut change);
    }
    Ok(change)
}

/// Counts the rows added, changed and removed between two lists of row hashes sorted by key.
fn count_changes(before: &[RowHash], after: &[RowHash], change: &mut TableChange) {
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
}

/// Makes a new release when the data differ from the newest release (or there is none yet):
/// run it inside the transaction that changed the data. Returns the new release, if one was made.
///
/// Each file is exported to a temporary file, compared with the same file of the previous
/// release by row hashes, and compressed into the new zip, which is written to a temporary file
/// too, and so is the previous release's zip: what the release holds in memory is the row hashes
/// of one file at a time and a part of an archive, not the files or the archives.
pub fn record_if_changed(conn: &mut DbConn) -> Result<Option<Release>, ExportError> {
    let data_version = change::data_version(conn)?;
    let latest = Release::latest(conn)?;
    if let Some(latest) = &latest {
        if latest.data_version == data_version && latest.methodology_version == METHODOLOGY.version
        {
            return Ok(None);
        }
    }
    // The previous release's archive, copied from its stored parts into a temporary file.
    let mut previous = match &latest {
        Some(latest) => {
            let mut file = std::io::BufWriter::new(tempfile::tempfile()?);
            Release::write_archive::<ExportError>(conn, latest.id, &mut file)?;
            let mut file = file
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)?;
            file.seek(SeekFrom::Start(0))?;
            Some(zip::ZipArchive::new(BufReader::new(file)).map_err(zip_error)?)
        }
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
    let mut archive = zip.finish().map_err(zip_error)?;
    let archive_size = archive.seek(SeekFrom::End(0))?;
    archive.seek(SeekFrom::Start(0))?;
    let release = NewRelease {
        id,
        released_at: chrono::Utc::now().naive_utc(),
        data_version,
        methodology_version: METHODOLOGY.version.to_owned(),
        summary: serde_json::to_string(&changes).map_err(std::io::Error::other)?,
        archive_size: i64::try_from(archive_size).map_err(std::io::Error::other)?,
    };
    release.insert::<ExportError>(conn, &mut BufReader::new(archive))?;
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

    #[test]
    fn changes_are_counted_across_every_bucket() {
        let row = |id: usize, name: &str| format!("s{id},{name}\n");
        let mut before = String::from("id,name\n");
        let mut after = String::from("id,name\n");
        for id in 0..5000 {
            before.push_str(&row(id, "same"));
            match id % 100 {
                0 => after.push_str(&row(id, "renamed")), // 50 changed
                1 | 2 => {}                               // 100 removed
                _ => after.push_str(&row(id, "same")),
            }
        }
        for id in 5000..5070 {
            after.push_str(&row(id, "new")); // 70 added
        }
        let change = compare(ContractFile::Sources, before.as_bytes(), after.as_bytes()).unwrap();
        assert_eq!(
            (change.added, change.changed, change.removed, change.rows),
            (70, 50, 100, 4970)
        );
    }
}
