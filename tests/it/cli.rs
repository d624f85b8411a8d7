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

/// Runs the binary in `dir` with only the given environment (no DATABASE_URL of the caller's).
fn run_in(dir: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_observer-registry"));
    command
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("SEED_DIR")
        .env("RUST_LOG", "warn");
    for (name, value) in env {
        command.env(name, value);
    }
    command.args(args).output().expect("the binary runs")
}

#[test]
fn a_dry_run_creates_no_database_file() {
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("never.db");
    let output = run_in(
        folder.path(),
        &[("DATABASE_URL", database.to_str().unwrap())],
        &["import", seed_dir().to_str().unwrap(), "--dry-run"],
    );
    assert!(output.status.success(), "{output:?}");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("organizations.csv: would insert"), "{out}");
    assert!(
        !database.exists(),
        "the dry run created {}",
        database.display()
    );
    let entries: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
    assert!(entries.is_empty(), "the dry run left files: {entries:?}");
}

#[test]
fn a_wrong_postgres_url_is_explained_at_once() {
    let server = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let (base, _) = server.rsplit_once('/').unwrap();
    let missing = format!("{base}/registry_that_does_not_exist");
    let folder = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let output = run_in(
        folder.path(),
        &[("DATABASE_URL", &missing)],
        &["export", "out"],
    );
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    if err.contains("cannot connect") {
        // No PostgreSQL server here: the second case below still checks the message.
    } else {
        assert!(
            err.contains("database registry_that_does_not_exist does not exist on 127.0.0.1:5432; create it with createdb"),
            "{err}"
        );
    }
    // Nothing listens on port 9 (discard): a server that is down.
    let down = "postgres://postgres@127.0.0.1:9/registry";
    let output = run_in(folder.path(), &[("DATABASE_URL", down)], &["export", "out"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot connect to PostgreSQL at 127.0.0.1:9"),
        "{err}"
    );
    // The defect waited 30 s per attempt; a bound far above the 5 s promised cannot flake.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(25),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_binary_serves_the_built_in_seed_from_an_empty_folder() {
    use std::io::{BufRead, BufReader, Read, Write};
    let folder = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_observer-registry"))
        .current_dir(folder.path())
        .env_remove("DATABASE_URL")
        .env_remove("SEED_DIR")
        .env_remove("PORT")
        .env("RUST_LOG", "warn")
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let address = line
        .trim()
        .strip_prefix("Observer Registry is serving http://")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "GET /organizations/sco HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    child.kill().ok();
    child.wait().ok();
    assert!(response.starts_with("HTTP/1.1 200"), "{response:.200}");
    assert!(response.contains("Shanghai Cooperation Organisation"));
    assert!(folder.path().join("registry.db").exists());
}
