//! The bundled, sourced data set, carried inside the binary so that `observer-registry` serves the
//! seeded registry from any folder; `--seed-dir` loads another folder instead.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::csv::import::{
    import_dir, import_files, ImportError, ImportMode, ImportReport, Provenance,
};
use crate::csv::ContractFile;
use crate::db::schema::organizations;
use crate::db::DbConn;

/// Embeds one seed file by name.
macro_rules! seed_file {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/seed/", $name)).as_slice(),
        )
    };
}

/// The seed's contract files, as built into the binary (a test holds the list to the contract).
pub const EMBEDDED: [(&str, &[u8]); 8] = [
    seed_file!("countries.csv"),
    seed_file!("sources.csv"),
    seed_file!("organizations.csv"),
    seed_file!("elections.csv"),
    seed_file!("missions.csv"),
    seed_file!("individuals.csv"),
    seed_file!("participations.csv"),
    seed_file!("sanctions.csv"),
];

/// The day the seed data last changed (`seed/last-changed.txt`): the audit history records the
/// seed's rows as changed then, so `/downloads` shows when the data changed, not when an
/// instance happened to load it.
const LAST_CHANGED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seed/last-changed.txt"
));

/// Where the seed comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedSource {
    /// The data set built into the binary.
    Embedded,
    /// A folder of contract files.
    Dir(PathBuf),
}

impl SeedSource {
    /// A folder given on the command line, or the built-in data set.
    pub fn from_option(dir: Option<PathBuf>) -> Self {
        dir.map_or(SeedSource::Embedded, SeedSource::Dir)
    }

    /// How messages name it.
    pub fn describe(&self) -> String {
        match self {
            SeedSource::Embedded => "the built-in seed data".to_owned(),
            SeedSource::Dir(dir) => dir.display().to_string(),
        }
    }
}

/// The day the built-in seed last changed.
pub fn last_changed() -> Result<NaiveDate, chrono::ParseError> {
    NaiveDate::parse_from_str(LAST_CHANGED.trim(), "%Y-%m-%d")
}

/// Loads the seed through the importer when the database holds no organizations yet.
/// Returns `None` when the database already had data.
pub fn seed_if_empty(
    conn: &mut DbConn,
    source: &SeedSource,
) -> Result<Option<ImportReport>, ImportError> {
    let organizations: i64 = organizations::table.count().get_result(conn)?;
    if organizations > 0 {
        return Ok(None);
    }
    match source {
        SeedSource::Dir(dir) => load_dir(conn, dir).map(Some),
        SeedSource::Embedded => {
            let changed_at = last_changed()
                .map_err(|err| ImportError::Folder {
                    path: "seed/last-changed.txt".to_owned(),
                    message: err.to_string(),
                })?
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default();
            let provenance = Provenance {
                actor: "seed".to_owned(),
                changed_at,
                kind: crate::domain::ChangeSetKind::Import,
            };
            let files = EMBEDDED
                .iter()
                .map(|(name, bytes)| ((*name).to_owned(), Ok::<_, String>(*bytes)));
            import_files(conn, "seed", files, ImportMode::Apply, &provenance).map(Some)
        }
    }
}

fn load_dir(conn: &mut DbConn, dir: &Path) -> Result<ImportReport, ImportError> {
    import_dir(conn, dir, ImportMode::Apply)
}

/// Whether every importable contract file is built in (for the test that keeps them in step).
pub fn embeds_every_contract_file() -> bool {
    ContractFile::ALL
        .into_iter()
        .filter(|file| file.importable())
        .all(|file| EMBEDDED.iter().any(|(name, _)| *name == file.file_name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_importable_file_is_built_in_and_the_date_parses() {
        assert!(embeds_every_contract_file());
        assert!(
            last_changed().is_ok(),
            "seed/last-changed.txt: {LAST_CHANGED:?}"
        );
    }
}
