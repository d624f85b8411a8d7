//! Both backends: the same migrations, the same schema, every model query on each, moving an
//! installation from SQLite to PostgreSQL, and page reads going to a replica.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use diesel::prelude::*;
use diesel::sql_types::Text;
use observer_registry::credibility::METHODOLOGY;
use observer_registry::csv::export::export_dir;
use observer_registry::csv::import::{import_dir, ImportMode};
use observer_registry::db::{self, DbConn};
use observer_registry::model::country::Country;
use observer_registry::model::election::Election;
use observer_registry::model::individual::Individual;
use observer_registry::model::mission::Mission;
use observer_registry::model::organization::Organization;
use observer_registry::model::participation::Participation;
use observer_registry::model::sanction::Sanction;
use observer_registry::model::source::Source;
use observer_registry::model::stats::{table_rows, RegistryCounts};
use observer_registry::model::{change, derived, PageRequest, SubjectType};

use crate::harness::{seed_dir, TestApp, TestDatabase};

fn migration_names(backend: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for name in &names {
        let step = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(backend)
            .join(name);
        assert!(
            step.join("up.sql").is_file() && step.join("down.sql").is_file(),
            "{backend}/{name}"
        );
    }
    names
}

#[test]
fn both_backends_have_the_same_migration_steps() {
    assert_eq!(migration_names("sqlite"), migration_names("postgres"));
}

#[derive(QueryableByName, Debug)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

/// Table → sorted column names, as the database itself reports them.
fn columns(conn: &mut DbConn) -> BTreeMap<String, Vec<String>> {
    let rows: Vec<ColumnRow> = match conn {
        DbConn::Sqlite(conn) => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations'",
        )
        .load(conn)
        .unwrap(),
        DbConn::Pg(conn) => diesel::sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'",
        )
        .load(conn)
        .unwrap(),
    };
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in rows {
        tables
            .entry(row.table_name)
            .or_default()
            .push(row.column_name);
    }
    tables.values_mut().for_each(|columns| columns.sort());
    tables
}

/// Runs every model query once: each select must be valid SQL for the backend's schema.
fn every_select(conn: &mut DbConn) {
    let page = PageRequest::new(1, 25);
    Country::all(conn).unwrap();
    Country::find(conn, "TJK").unwrap();
    Country::export_batch(conn, "", 10).unwrap();
    Source::export_batch(conn, "", 10).unwrap();
    Organization::find(conn, "sco").unwrap();
    Organization::list(conn, &Default::default(), page).unwrap();
    Organization::based_in(conn, "CHN").unwrap();
    Organization::export_batch(conn, &Default::default(), "", 10).unwrap();
    Election::find(conn, "tjk-2020-10-11-presidential").unwrap();
    Election::list(conn, &Default::default(), page).unwrap();
    Election::export_batch(conn, &Default::default(), "", 10).unwrap();
    Mission::find(conn, "sco-tjk-2020-10-11-presidential").unwrap();
    Mission::at_election(conn, "tjk-2020-10-11-presidential").unwrap();
    Mission::of_organization(conn, "sco", page).unwrap();
    Mission::most_recent(conn, 10).unwrap();
    Mission::with_ids(conn, &["sco-tjk-2020-10-11-presidential".to_owned()]).unwrap();
    Mission::export_batch(conn, None, "", 10).unwrap();
    Individual::find(conn, "vladimir-norov").unwrap();
    Individual::list(conn, &Default::default(), page).unwrap();
    Individual::export_batch(conn, &Default::default(), "", 10).unwrap();
    Participation::of_individual(conn, "vladimir-norov").unwrap();
    Participation::in_mission(conn, "sco-tjk-2020-10-11-presidential").unwrap();
    Participation::at_election(conn, "tjk-2020-10-11-presidential").unwrap();
    Participation::export_batch(conn, "", 10).unwrap();
    Sanction::about(conn, SubjectType::Organization, "afric").unwrap();
    Sanction::export_batch(conn, "", 10).unwrap();
    RegistryCounts::load(conn).unwrap();
    table_rows(conn).unwrap();
    change::last_changes(conn).unwrap();
    change::data_version(conn).unwrap();
    derived::refresh(conn, &METHODOLOGY).unwrap();
    derived::is_current(conn, &METHODOLOGY).unwrap();
    derived::rating_of(conn, "sco").unwrap();
    derived::flags_of(conn, SubjectType::Organization, "sco").unwrap();
    derived::consensus_of(conn, "tjk-2020-10-11-presidential").unwrap();
    derived::ratings_batch(conn, "", 10).unwrap();
    derived::flags_batch(conn, SubjectType::Individual, "", 10).unwrap();
}

#[test]
fn migrations_run_up_down_and_up_and_every_select_works() {
    let sqlite = TestDatabase::sqlite();
    let mut backends = vec![sqlite];
    if let Some(server) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        backends.push(TestDatabase::postgres(&server));
    }
    let mut schemas = Vec::new();
    for database in &backends {
        let pool = database.pool();
        let mut conn = pool.get().unwrap();
        every_select(&mut conn);
        let schema = columns(&mut conn);
        assert!(schema.contains_key("missions"));
        db::revert_all(&mut conn).unwrap();
        assert!(
            columns(&mut conn).is_empty(),
            "down migrations remove every table"
        );
        db::migrate(&mut conn).unwrap();
        assert_eq!(columns(&mut conn), schema, "up again gives the same schema");
        import_dir(&mut conn, &seed_dir(), ImportMode::Apply).unwrap();
        every_select(&mut conn);
        schemas.push(schema);
    }
    if schemas.len() == 2 {
        assert_eq!(
            schemas[0], schemas[1],
            "SQLite and PostgreSQL have the same tables and columns"
        );
    }
}

#[actix_web::test]
async fn an_installation_moves_by_export_and_import() {
    // From a seeded SQLite file to the test backend (PostgreSQL in CI's second pass).
    let source = TestDatabase::sqlite();
    let source_pool = source.pool();
    import_dir(
        &mut source_pool.get().unwrap(),
        &seed_dir(),
        ImportMode::Apply,
    )
    .unwrap();
    let exported = tempfile::tempdir().unwrap();
    export_dir(&mut source_pool.get().unwrap(), exported.path()).unwrap();

    let target = TestApp::empty().await;
    import_dir(&mut target.conn(), exported.path(), ImportMode::Apply).unwrap();
    let again = tempfile::tempdir().unwrap();
    export_dir(&mut target.conn(), again.path()).unwrap();
    for entry in std::fs::read_dir(exported.path()).unwrap() {
        let name = entry.unwrap().file_name();
        let a = std::fs::read(exported.path().join(&name)).unwrap();
        let b = std::fs::read(again.path().join(&name)).unwrap();
        assert!(a == b, "{name:?} differs after the move");
    }
    let page = target.get("/organizations/sco").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text(".verdict-box .rating"), "Low quality");
}

#[actix_web::test]
async fn page_reads_go_to_the_replica() {
    let primary = TestApp::seeded().await;
    let replica = TestDatabase::new();
    let replica_pool = replica.pool();
    let app = TestApp::with_db(db::Db::new(primary.pool.clone(), Some(replica_pool)));
    let page = app.get("/organizations").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text(".empty").contains("No organization matches"),
        "the (empty) replica answered"
    );
}

#[test]
fn instances_starting_at_once_migrate_one_at_a_time() {
    let database = TestDatabase::new();
    let pool = db::pool(&database.url, 4).unwrap();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let pool = pool.clone();
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                db::migrate(&mut conn)
            })
        })
        .collect();
    for handle in handles {
        handle
            .join()
            .unwrap()
            .expect("every instance migrates cleanly");
    }
    let mut conn = pool.get().unwrap();
    every_select(&mut conn);
}
