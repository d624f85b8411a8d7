//! What the fuzz targets (`tests/fuzz`) check, defined once here so that the regression test
//! (`tests/it/fuzz_regressions.rs`) replays every input a fuzzer ever saved through the same checks.
//!
//! Each function panics when an invariant breaks: that is what a fuzzer reports as a crash.

use std::sync::{Mutex, OnceLock};

use crate::csv::import::{import_files, ImportError, ImportMode, Provenance};
use crate::csv::ContractFile;
use crate::db::{self, DatabaseUrl, PooledConn};
use crate::matching;

/// One migrated, empty in-memory SQLite database per process, for the importer's dry runs.
fn database() -> &'static Mutex<PooledConn> {
    static DATABASE: OnceLock<Mutex<PooledConn>> = OnceLock::new();
    DATABASE.get_or_init(|| {
        let pool = db::pool(&DatabaseUrl::Sqlite(":memory:".to_owned()), 1)
            .expect("an in-memory database");
        let mut conn = pool.get().expect("a connection");
        db::migrate(&mut conn).expect("the migrations run");
        Mutex::new(conn)
    })
}

/// Feeds `data` to the importer as one contract file (the first byte picks which) in a dry run:
/// it must answer with a report or with problems that each name a file, a line and a column,
/// never panic and never fail otherwise.
pub fn import_input(data: &[u8]) {
    let Some((&pick, contents)) = data.split_first() else {
        return;
    };
    let importable: Vec<ContractFile> = ContractFile::ALL
        .into_iter()
        .filter(|file| file.importable())
        .collect();
    let file = importable[usize::from(pick) % importable.len()];
    let mut conn = database()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let outcome = import_files(
        &mut conn,
        "fuzz",
        [(file.file_name().to_owned(), Ok::<_, String>(contents))],
        ImportMode::DryRun,
        &Provenance::now(),
    );
    match outcome {
        Ok(_) => {}
        Err(ImportError::Invalid(problems)) => {
            assert!(!problems.is_empty(), "an invalid import names its problems");
            for problem in &problems {
                assert!(
                    !problem.file.is_empty() && !problem.column.is_empty(),
                    "{problem:?}"
                );
                assert!(!problem.message.is_empty(), "{problem:?}");
            }
        }
        Err(other) => panic!("the importer failed otherwise than with problems: {other}"),
    }
}

/// Runs the name normalizer and the key functions on `data` (as text) and checks their
/// invariants: folding is idempotent and yields lower-case ASCII words; tokens are never empty;
/// a name is found by its own query keys and matches itself.
pub fn name_input(data: &[u8]) {
    let Ok(name) = std::str::from_utf8(data) else {
        return;
    };
    let folded = matching::fold(name);
    assert_eq!(matching::fold(&folded), folded, "fold is idempotent");
    assert!(
        folded
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '),
        "{folded:?}"
    );
    assert!(!folded.starts_with(' ') && !folded.ends_with(' ') && !folded.contains("  "));
    let tokens = matching::tokens(name);
    assert!(tokens.iter().all(|t| !t.is_empty()), "{tokens:?}");
    if tokens.is_empty() || tokens.len() > 8 {
        return;
    }
    let stored = matching::index_keys(name);
    let asked = matching::query_keys(name);
    assert!(
        asked.iter().any(|key| stored.binary_search(key).is_ok()),
        "{name:?} is not found by its own keys"
    );
    let candidate = matching::Candidate {
        text: name,
        is_alias: false,
    };
    assert!(
        matching::best_match(name, [candidate]).is_some(),
        "{name:?} does not match itself"
    );
}
