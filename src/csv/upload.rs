//! Contract files uploaded through the web: read out of a zip, and kept as one zip while an admin
//! looks at the dry run before confirming the import.

use std::io::{Cursor, Read, Write};

/// The most a zip may unpack to, in bytes: a small zip that would fill the memory is refused.
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// Why uploaded files could not be read.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the zip cannot be read: {0}")]
    BadZip(String),
    #[error("the zip unpacks to more than {} MB", MAX_UNPACKED / 1024 / 1024)]
    TooLarge,
}

fn bad_zip(err: impl std::fmt::Display) -> UploadError {
    UploadError::BadZip(err.to_string())
}

/// Whether `bytes` are a zip (they start with a zip's local file header).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The files of a zip as (file name, contents): folders inside it are ignored (only the last part
/// of each name is kept), and so are hidden and macOS metadata entries.
pub fn unpack(zip_bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, UploadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(zip_bytes)).map_err(bad_zip)?;
    let mut files = Vec::new();
    let mut total: u64 = 0;
    for index in 0..zip.len() {
        let entry = zip.by_index(index).map_err(bad_zip)?;
        if entry.is_dir() {
            continue;
        }
        let full_name = entry.name().map_err(bad_zip)?.into_owned();
        let Some(name) = full_name.rsplit(['/', '\\']).next().map(str::to_owned) else {
            continue;
        };
        if name.is_empty() || name.starts_with('.') || full_name.starts_with("__MACOSX") {
            continue;
        }
        let mut bytes = Vec::new();
        // Read one byte past what may remain, to know the limit was passed whatever the header says.
        let remaining = MAX_UNPACKED - total;
        entry
            .take(remaining + 1)
            .read_to_end(&mut bytes)
            .map_err(bad_zip)?;
        total += bytes.len() as u64;
        if total > MAX_UNPACKED {
            return Err(UploadError::TooLarge);
        }
        files.push((name, bytes));
    }
    Ok(files)
}

/// One zip holding `files`, to keep an upload until it is confirmed.
pub fn pack(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, UploadError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options).map_err(bad_zip)?;
        zip.write_all(bytes).map_err(bad_zip)?;
    }
    Ok(zip.finish().map_err(bad_zip)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_round_trip_through_a_zip_and_lose_their_folders() {
        let files = vec![
            ("organizations.csv".to_owned(), b"id,name\n".to_vec()),
            ("sources.csv".to_owned(), "id,url\nж,".as_bytes().to_vec()),
        ];
        let zip = pack(&files).unwrap();
        assert!(is_zip(&zip));
        assert_eq!(unpack(&zip).unwrap(), files);

        let nested = pack(&[
            ("registry/organizations.csv".to_owned(), b"a".to_vec()),
            (
                "__MACOSX/registry/._organizations.csv".to_owned(),
                b"b".to_vec(),
            ),
            ("registry/.DS_Store".to_owned(), b"c".to_vec()),
        ])
        .unwrap();
        assert_eq!(
            unpack(&nested).unwrap(),
            [("organizations.csv".to_owned(), b"a".to_vec())]
        );
    }

    #[test]
    fn what_is_not_a_zip_is_refused() {
        assert!(!is_zip(b"id,name\n"));
        assert!(matches!(
            unpack(b"PK\x03\x04 nonsense"),
            Err(UploadError::BadZip(_))
        ));
    }
}
