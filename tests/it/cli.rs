//! The command line: `import` reports every problem and exits 1, `--dry-run` writes nothing,
//! `export` writes the contract files.

use std::process::Command;

use crate::harness::{seed_dir, TestDatabase};

fn registry(database: &TestDatabase, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_observer-registry"))
        .env("DATABASE_URL", database.url.connection_string())
        .env("RUST_LOG", "warn")
        .args(args)
        .output()
        .expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn import_dry_run_then_import_then_export() {
    let database = TestDatabase::new();
    let seed = seed_dir();
    let seed = seed.to_str().unwrap();
    let (code, out, _) = registry(&database, &["import", seed, "--dry-run"]);
    assert_eq!(code, 0);
    assert!(out.contains("organizations.csv: would insert"), "{out}");
    assert!(out.contains("dry run: nothing was written"));
    let (code, out, _) = registry(&database, &["import", seed, "--dry-run"]);
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .any(|l| l.starts_with("organizations.csv: would insert")
                && l.ends_with("would update 0")),
        "the dry run wrote nothing: {out}"
    );

    let (code, out, _) = registry(&database, &["import", seed]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("organizations.csv: inserted"));
    let (code, out, _) = registry(&database, &["import", seed]);
    assert_eq!(code, 0);
    assert!(
        out.contains("organizations.csv: inserted 0, updated"),
        "re-import updates by id: {out}"
    );

    let target = tempfile::tempdir().unwrap();
    let (code, _, _) = registry(&database, &["export", target.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    for name in [
        "countries.csv",
        "missions.csv",
        "flags.csv",
        "ratings.csv",
        "datapackage.json",
    ] {
        assert!(target.path().join(name).is_file(), "{name}");
    }
}

#[test]
fn a_bad_import_prints_every_problem_and_exits_1() {
    let database = TestDatabase::new();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("elections.csv"),
        "id,country,held_on,kind,round,legitimacy,notes\nx-1,XXX,2020-13-01,presidential,,recognized,\n",
    )
    .unwrap();
    let (code, out, err) = registry(&database, &["import", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        vec![
            "elections.csv:2: held_on: \"2020-13-01\" is not a date (YYYY-MM-DD)",
            "elections.csv:2: country: \"XXX\" is not in countries.csv nor already in the registry",
            "2 problem(s); nothing was imported",
        ]
    );
}
