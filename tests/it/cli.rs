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
    let folder = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_observer-registry"));
    command
        .current_dir(folder.path())
        .env_remove("DATABASE_URL")
        .env_remove("PORT");
    let (mut child, address) = serve(&mut command);
    let response = http_get(&address, "/organizations/sco");
    // HEAD over the wire: the length GET sends where it is known before the body (a page, the
    // stored release), none where it is not (an export), and never a body.
    let mut heads = Vec::new();
    for path in [
        "/organizations/sco",
        "/downloads/registry.zip",
        "/downloads/missions.csv",
    ] {
        let get = http_request(&address, "GET", path);
        let head = http_request(&address, "HEAD", path);
        heads.push((path, get, head));
    }
    child.kill().ok();
    child.wait().ok();
    assert!(response.starts_with("HTTP/1.1 200"), "{response:.200}");
    assert!(response.contains("Shanghai Cooperation Organisation"));
    assert!(folder.path().join("registry.db").exists());
    for (path, get, head) in heads {
        let (get_headers, get_body) = split_response(&get);
        let (head_headers, head_body) = split_response(&head);
        assert!(
            head_headers.starts_with("HTTP/1.1 200"),
            "{path}: {head_headers}"
        );
        assert!(head_body.is_empty(), "{path}: HEAD sent a body");
        let length = |headers: &str| {
            headers
                .lines()
                .find_map(|l| l.strip_prefix("content-length: "))
                .map(str::to_owned)
        };
        if path.ends_with(".csv") {
            assert_eq!(length(&head_headers), None, "{path}: {head_headers}");
            assert!(!get_body.is_empty(), "{path}");
        } else {
            assert_eq!(
                length(&get_headers),
                Some(get_body.len().to_string()),
                "{path}"
            );
            assert_eq!(length(&head_headers), length(&get_headers), "{path}");
        }
    }
}

/// The head (status line and headers, lower-cased names as the server writes them) and the
/// body of a response read with `Connection: close`.
fn split_response(response: &[u8]) -> (String, Vec<u8>) {
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    (
        String::from_utf8_lossy(&response[..end]).into_owned(),
        response[end + 4..].to_vec(),
    )
}

/// Starts `serve` on a free port with `database` as its `DATABASE_URL`; returns the process and
/// its address once it listens.
fn spawn_server(database: &str) -> (std::process::Child, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_observer-registry"));
    command.env("DATABASE_URL", database);
    serve(&mut command)
}

/// Runs `command` as `serve` on a free port (no seed folder, quiet log); returns the process and
/// its address once it listens.
fn serve(command: &mut Command) -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    let mut child = command
        .env_remove("SEED_DIR")
        .env("RUST_LOG", "warn")
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .trim()
        .strip_prefix("Observer Registry is serving http://")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_owned();
    (child, address)
}

/// One `GET` over a fresh connection: the whole response as text.
fn http_get(address: &str, path: &str) -> String {
    String::from_utf8_lossy(&http_request(address, "GET", path)).into_owned()
}

/// One request over a fresh connection: the whole response, as bytes.
fn http_request(address: &str, method: &str, path: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    response
}

fn signal(child: &std::process::Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_backup_taken_while_serving_opens_and_serves() {
    let folder = tempfile::tempdir().unwrap();
    let live = folder.path().join("registry.db");
    let copy = folder.path().join("copy.db");
    let (mut server, address) = spawn_server(live.to_str().unwrap());
    // Traffic goes on during the backup.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let traffic = {
        let (stop, address) = (stop.clone(), address.clone());
        std::thread::spawn(move || {
            let mut served = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                assert!(http_get(&address, "/organizations").starts_with("HTTP/1.1 200"));
                served += 1;
            }
            served
        })
    };
    let output = Command::new(env!("CARGO_BIN_EXE_observer-registry"))
        .env("DATABASE_URL", live.to_str().unwrap())
        .env("RUST_LOG", "warn")
        .args(["backup", copy.to_str().unwrap()])
        .output()
        .unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(traffic.join().unwrap() > 0, "pages were served meanwhile");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let original = http_get(&address, "/organizations/sco");
    server.kill().ok();
    server.wait().ok();

    // The copy serves the same page, and a second backup never overwrites it.
    let (mut restored, address) = spawn_server(copy.to_str().unwrap());
    let page = http_get(&address, "/organizations/sco");
    restored.kill().ok();
    restored.wait().ok();
    assert!(page.starts_with("HTTP/1.1 200"), "{page:.200}");
    let body = |response: &str| response.split("\r\n\r\n").nth(1).unwrap_or("").to_owned();
    assert_eq!(body(&page), body(&original));
    let again = Command::new(env!("CARGO_BIN_EXE_observer-registry"))
        .env("DATABASE_URL", live.to_str().unwrap())
        .args(["backup", copy.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn backup_of_a_postgres_registry_points_to_pg_dump() {
    let database = TestDatabase::new();
    if !database.url.is_postgres() {
        return;
    }
    let (code, _, stderr) = registry(&database, &["backup", "/tmp/never-written.db"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("pg_dump"), "{stderr}");
}

#[test]
fn sigterm_lets_a_request_in_flight_finish_and_exits_cleanly() {
    use std::io::{Read, Write};
    let database = TestDatabase::new();
    let (mut server, address) = spawn_server(database.url.connection_string());
    // A request whose body is still arriving when the signal comes.
    let body = "names=Sergey+Lavrov";
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "POST /vet HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\nnames=",
        body.len()
    )
    .unwrap();
    stream.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    signal(&server, "TERM");
    std::thread::sleep(std::time::Duration::from_millis(300));
    stream
        .write_all(&body.as_bytes()["names=".len()..])
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response:.300}");
    let status = server.wait().unwrap();
    assert!(status.success(), "exit status {status:?}");
    // And it no longer listens.
    assert!(std::net::TcpStream::connect(&address).is_err());
}

#[test]
fn kill_9_during_an_import_leaves_the_previous_data_and_a_clean_database() {
    use std::fmt::Write as _;
    // SQLite's own file is what a killed process could leave half-written; on PostgreSQL the
    // server rolls back a dead client's transaction, so the SQLite run is the one that matters.
    if TestDatabase::new().url.is_postgres() {
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("registry.db");
    let url = db.to_str().unwrap();
    // The seeded registry, then a large import of new sources that is killed while it writes.
    let seed = Command::new(env!("CARGO_BIN_EXE_observer-registry"))
        .env("DATABASE_URL", url)
        .args(["import", seed_dir().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(seed.status.success());
    let count = |url: &str| -> (i64, String) {
        use diesel::dsl::sql;
        use diesel::sql_types::{BigInt, Text};
        use diesel::{Connection, RunQueryDsl};
        let mut conn = diesel::SqliteConnection::establish(url).unwrap();
        let rows = diesel::select(sql::<BigInt>("(SELECT COUNT(*) FROM sources)"))
            .get_result(&mut conn)
            .unwrap();
        let check = diesel::select(sql::<Text>(
            "(SELECT group_concat(integrity_check) FROM pragma_integrity_check())",
        ))
        .get_result(&mut conn)
        .unwrap();
        (rows, check)
    };
    let before = count(url);
    let data = tempfile::tempdir().unwrap();
    let mut sources = String::from("id,url,title,publisher,published_on,archived_url\n");
    for i in 0..300_000 {
        writeln!(
            sources,
            "bulk-{i:07},https://example.org/{i},Bulk source {i},Example,2020-01-01,"
        )
        .unwrap();
    }
    std::fs::write(data.path().join("sources.csv"), sources).unwrap();
    let mut import = Command::new(env!("CARGO_BIN_EXE_observer-registry"))
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .args(["import", data.path().to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import writes (its write-ahead log grows), then kill it outright.
    let wal = folder.path().join("registry.db-wal");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let written = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        if written > 4 << 20 {
            break;
        }
        assert!(
            import.try_wait().unwrap().is_none(),
            "the import ended before it could be killed"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "the import never wrote"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    signal(&import, "KILL");
    import.wait().unwrap();
    let after = count(url);
    assert_eq!(after, before, "the previous data, and as clean as before");
    assert_eq!(after.1, "ok");
}

/// Runs the binary with `stdin` as its standard input.
fn registry_with_input(
    database: &TestDatabase,
    args: &[&str],
    stdin: &str,
) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_observer-registry"))
        .env("DATABASE_URL", database.url.connection_string())
        .env("RUST_LOG", "warn")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn user_add_reads_the_password_from_standard_input_and_stores_an_argon2id_hash() {
    use diesel::prelude::*;
    use observer_registry::db::schema::users;
    let database = TestDatabase::new();
    let (code, out, err) = registry_with_input(
        &database,
        &["user", "add", "alice", "--role", "admin"],
        "a long enough passphrase\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("added alice (admin)"), "{out}");
    let (code, out, _) = registry(&database, &["user", "list"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "alice\tadmin");
    let mut conn = database.pool().get().unwrap();
    let hash: String = users::table
        .select(users::password_hash)
        .first(&mut conn)
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains("passphrase"));

    // Refused: a short password, a taken name, a bad name, a role that does not exist; and there
    // is no way to give the password as an argument.
    let (code, _, err) = registry_with_input(
        &database,
        &["user", "add", "bob", "--role", "curator"],
        "short\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("at least 12 characters"), "{err}");
    let (code, _, err) = registry_with_input(
        &database,
        &["user", "add", "alice", "--role", "curator"],
        "a long enough passphrase\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("already a user named alice"), "{err}");
    let (code, _, _) = registry_with_input(
        &database,
        &["user", "add", "a b", "--role", "curator"],
        "a long enough passphrase\n",
    );
    assert_eq!(code, 1);
    let (code, _, err) = registry(&database, &["user", "add", "carol", "--role", "owner"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = registry(
        &database,
        &[
            "user",
            "add",
            "carol",
            "--role",
            "curator",
            "--password",
            "x",
        ],
    );
    assert_eq!(code, 2);
    let (code, out, _) = registry(&database, &["user", "revoke", "alice"]);
    assert_eq!(code, 0);
    assert!(out.contains("ended 0 session(s) of alice"), "{out}");
}
