//! Regression tests for the defects at the edges (issue "solid ground"): HEAD and 405, ids parsed
//! at the edge, NUL bytes and formulas in imports, physical line numbers, idempotent re-imports,
//! dry runs that write nothing, 503 for an unreachable database, the standalone data package.

use std::time::Duration;

use actix_web::http::{Method, StatusCode};
use actix_web::test::TestRequest;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool};
use observer_registry::csv::import::{import_dir, ImportError, ImportMode, ImportReport};
use observer_registry::db::schema::changes;
use observer_registry::db::{Db, DbConn};
use observer_registry::model::change;

use crate::harness::{TestApp, TestDatabase};

/// Every kind of page and download, with real ids from the seed.
const READABLE: &[&str] = &[
    "/",
    "/about",
    "/methodology",
    "/guide",
    "/trends",
    "/feed.atom",
    "/static/style.css",
    "/organizations",
    "/organizations/sco",
    "/elections",
    "/elections/tjk-2020-10-11-presidential",
    "/missions/sco-tjk-2020-10-11-presidential",
    "/individuals",
    "/individuals/vladimir-norov",
    "/countries",
    "/countries/TJK",
    "/downloads",
    "/downloads/missions.csv",
    "/downloads/elections.csv?country=TJK",
    "/downloads/registry.zip",
    "/downloads/datapackage.json",
];

#[actix_web::test]
async fn head_answers_like_get_without_a_body() {
    let app = TestApp::seeded().await;
    for path in READABLE
        .iter()
        .chain(&["/organizations/no-such-group", "/nowhere"])
    {
        let get = app.get(path).await;
        let head = app
            .request(TestRequest::default().method(Method::HEAD).uri(path))
            .await;
        assert_eq!(head.status, get.status, "{path}");
        assert!(head.bytes.is_empty(), "{path}: HEAD sent a body");
        for name in [
            "etag",
            "content-type",
            "cache-control",
            "content-disposition",
        ] {
            assert_eq!(head.header(name), get.header(name), "{path}: {name}");
        }
        if get.status == StatusCode::OK {
            assert!(!head.header("etag").is_empty(), "{path} has an ETag");
        }
    }
}

#[actix_web::test]
async fn other_methods_get_405_with_an_allow_header() {
    let app = TestApp::seeded().await;
    for path in READABLE {
        for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
            let page = app
                .request(TestRequest::default().method(method.clone()).uri(path))
                .await;
            assert_eq!(
                page.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
            assert_eq!(page.header("allow"), "GET, HEAD", "{method} {path}");
            assert_eq!(page.text("h1"), "Method not allowed");
        }
    }
    // Forms also take POST; actions take only POST.
    for (path, allow) in [
        ("/login", "GET, HEAD, POST"),
        ("/vet", "GET, HEAD, POST"),
        ("/reply/organization/sco", "GET, HEAD, POST"),
        ("/edit/organization/sco", "GET, HEAD, POST"),
        ("/vet.csv", "POST"),
        ("/changes/1/restore", "POST"),
        ("/admin/import/abc", "POST"),
    ] {
        for method in [Method::PUT, Method::DELETE] {
            let page = app
                .request(TestRequest::default().method(method.clone()).uri(path))
                .await;
            assert_eq!(
                page.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
            assert_eq!(page.header("allow"), allow, "{method} {path}");
        }
    }
    let page = app.request(TestRequest::post().uri("/no/such/page")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn ids_that_cannot_be_ids_are_404_on_every_backend() {
    let app = TestApp::seeded().await;
    for (path, kind) in [
        ("/organizations/a%00b", "organization"),
        ("/organizations/SCO", "organization"),
        ("/elections/tjk%00", "election"),
        ("/missions/%F0%9F%98%80", "mission"),
        ("/individuals/a--b", "individual"),
        ("/countries/T%00K", "country"),
        ("/countries/%D0%A2%D0%96%D0%9A", "country"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            page.text("article")
                .contains(&format!("There is no {kind}")),
            "{path}: {}",
            page.text("article")
        );
        assert!(!page.body.contains('\0'), "{path} echoed a NUL byte");
    }
    let page = app.get("/downloads/missions.csv?election=a%00b").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    for path in ["/organizations?q=a%00b", "/individuals?q=%00"] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(
            page.text("article li").contains("control characters"),
            "{path}"
        );
    }
}

/// Writes `files` into a new folder and imports it.
pub(crate) fn import(app: &TestApp, files: &[(&str, &str)]) -> Result<ImportReport, ImportError> {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    import_dir(&mut app.conn(), dir.path(), ImportMode::Apply)
}

fn problems(result: Result<ImportReport, ImportError>) -> Vec<String> {
    match result {
        Err(ImportError::Invalid(problems)) => problems.iter().map(ToString::to_string).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

const ELECTIONS_HEADER: &str = "id,country,held_on,kind,round,legitimacy,notes";

#[actix_web::test]
async fn nul_bytes_and_hidden_formulas_are_refused_with_their_line() {
    let app = TestApp::empty().await;
    let elections = format!(
        "{ELECTIONS_HEADER}\r\n\
         a-1,TJK,2020-10-11,presidential,,recognized,fine\r\n\
         a-2,TJK,2020-10-12,presidential,,recognized,bad\0cell\r\n\
         a-3,TJK,2020-10-13,presidential,,recognized,-2+3+cmd|' /C calc'!A0\r\n\
         a-4,TJK,2020-10-14,presidential,,recognized,\u{FF1D}1+1\r\n\
         a-5,TJK,2020-10-15,presidential,,recognized,\u{200B}=HYPERLINK(1)\r\n\
         a-6,TJK,2020-10-16,presidential,,recognized,\u{3000}@SUM(1)\r\n"
    );
    let found = problems(import(
        &app,
        &[
            ("countries.csv", "iso3,name\nTJK,Tajikistan\n"),
            ("elections.csv", &elections),
        ],
    ));
    assert_eq!(
        found,
        vec![
            "elections.csv:3: notes: contains a NUL byte, which is no part of any text",
            "elections.csv:4: notes: must not begin with \"-\" (a spreadsheet would run it as a formula)",
            "elections.csv:5: notes: must not begin with \"\u{FF1D}\" (a spreadsheet would run it as a formula)",
            "elections.csv:6: notes: must not begin with \"=\" (a spreadsheet would run it as a formula)",
            "elections.csv:7: notes: must not begin with \"@\" (a spreadsheet would run it as a formula)",
        ]
    );
    let stored: i64 = observer_registry::db::schema::elections::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(stored, 0, "nothing was written");
}

#[actix_web::test]
async fn an_identical_reimport_changes_nothing_and_keeps_every_etag() {
    let app = TestApp::seeded().await;
    let version = change::data_version(&mut app.conn()).unwrap();
    let download = app.get("/downloads/missions.csv").await;
    let seed = crate::harness::seed_dir();
    let report = import_dir(&mut app.conn(), &seed, ImportMode::Apply).unwrap();
    assert_eq!(report.updated(), 0, "{report:?}");
    assert_eq!(report.inserted(), 0, "{report:?}");
    assert_eq!(change::data_version(&mut app.conn()).unwrap(), version);
    let again = app
        .get_with(
            "/downloads/missions.csv",
            &[("If-None-Match", &download.header("etag"))],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);

    let report = import(
        &app,
        &[(
            "countries.csv",
            "iso3,name\nTJK,Tajikistan (Republic of)\nUZB,Uzbekistan\n",
        )],
    )
    .unwrap();
    assert_eq!((report.inserted(), report.updated()), (0, 1), "{report:?}");
    assert!(change::data_version(&mut app.conn()).unwrap() > version);
}

#[actix_web::test]
async fn the_seed_is_recorded_as_changed_on_its_own_date() {
    let app = TestApp::seeded().await;
    let when: Vec<chrono::NaiveDateTime> = changes::table
        .select(changes::changed_at)
        .load(&mut app.conn())
        .unwrap();
    let seed_day = observer_registry::seed::last_changed()
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    assert!(!when.is_empty());
    assert!(when.iter().all(|at| *at == seed_day), "{when:?}");
    let page = app.get("/downloads").await;
    assert!(
        page.body
            .contains(&seed_day.format("%-d %B %Y").to_string()),
        "the downloads page shows the seed's date"
    );
}

#[actix_web::test]
async fn the_data_package_is_served_on_its_own() {
    let app = TestApp::seeded().await;
    let page = app.get("/downloads/datapackage.json").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-type"), "application/json");
    let descriptor: serde_json::Value = serde_json::from_slice(&page.bytes).unwrap();
    let names: Vec<&str> = descriptor["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"missions") && names.contains(&"ratings"),
        "{names:?}"
    );
    let again = app
        .get_with(
            "/downloads/datapackage.json",
            &[("If-None-Match", &page.header("etag"))],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
}

#[actix_web::test]
async fn an_exhausted_pool_answers_503_with_retry_after() {
    let database = TestDatabase::new();
    let pool = database.pool();
    drop(pool);
    let manager = ConnectionManager::<DbConn>::new(database.url.connection_string());
    let tiny = Pool::builder()
        .max_size(1)
        .connection_timeout(Duration::from_millis(200))
        .build(manager)
        .unwrap();
    let held = tiny.get().unwrap();
    let app = TestApp::with_db(Db::new(tiny.clone(), None));
    let page = app.get("/organizations").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.header("retry-after"), "5");
    assert_eq!(page.header("cache-control"), "no-store");
    assert_eq!(page.text("h1"), "The registry is busy");
    drop(held);
    let page = app.get("/organizations").await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "it recovers once a connection is free"
    );
}

#[actix_web::test]
async fn a_client_that_stops_reading_a_download_holds_no_database_connection() {
    use actix_web::test;
    use observer_registry::web::{app, AppState};
    let database = TestDatabase::new();
    let pool = database.pool();
    // Sources enough for a download several times larger than what the response channel holds.
    let mut sources = String::from("id,url,title,publisher,published_on,archived_url\n");
    for n in 0..5000 {
        sources.push_str(&format!(
            "source-{n:05},https://example.org/reports/{n},A long enough title for report number {n} of the test registry,Example Publisher,2020-01-01,\n"
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sources.csv"), sources).unwrap();
    import_dir(&mut pool.get().unwrap(), dir.path(), ImportMode::Apply).unwrap();
    drop(pool);

    let manager = ConnectionManager::<DbConn>::new(database.url.connection_string());
    let one = Pool::builder()
        .max_size(1)
        .connection_timeout(Duration::from_secs(3))
        .build(manager)
        .unwrap();
    let state = AppState::new(Db::new(one, None));
    let service = test::init_service(app(state)).await;
    // The download starts, and its client never reads the body.
    let download = test::call_service(
        &service,
        TestRequest::get()
            .uri("/downloads/sources.csv")
            .to_request(),
    )
    .await;
    assert_eq!(download.status(), StatusCode::OK);
    // The one connection comes back as soon as the export is spooled: pages still answer.
    for path in ["/organizations", "/elections", "/downloads"] {
        let page = test::call_service(&service, TestRequest::get().uri(path).to_request()).await;
        assert_eq!(
            page.status(),
            StatusCode::OK,
            "{path} while a download is stalled"
        );
    }
    let body = test::read_body(download).await;
    assert!(body.len() > 500_000, "{} bytes", body.len());
    assert!(body.ends_with(b"2020-01-01,\n"));
}
