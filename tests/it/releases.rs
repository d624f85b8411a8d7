//! Citable data releases: every import that changes data makes one; each stays downloadable,
//! byte for byte, after later imports.

use std::io::Read;

use actix_web::http::StatusCode;
use observer_registry::csv::export::export_dir;
use observer_registry::csv::import::{import_dir, ImportMode};

use crate::harness::TestApp;

fn datapackage(zip_bytes: &[u8]) -> serde_json::Value {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).expect("a zip");
    let mut text = String::new();
    zip.by_name("datapackage.json")
        .expect("a descriptor")
        .read_to_string(&mut text)
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[actix_web::test]
async fn a_release_stays_downloadable_byte_identical_after_later_imports() {
    let app = TestApp::seeded().await;
    let first = app.get("/downloads/releases/1/registry.zip").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.header("x-registry-release"), "1");
    assert_eq!(datapackage(&first.bytes)["release"]["id"], 1);
    let current = app.get("/downloads/registry.zip").await;
    assert!(current.bytes == first.bytes, "the current zip is release 1");

    // A later import renames one organization and adds a source.
    let folder = tempfile::tempdir().unwrap();
    export_dir(&mut app.conn(), folder.path()).unwrap();
    let organizations = folder.path().join("organizations.csv");
    let text = std::fs::read_to_string(&organizations).unwrap();
    std::fs::write(
        &organizations,
        text.replace(
            "sco,Shanghai Cooperation Organisation,",
            "sco,Shanghai Cooperation Organization,",
        ),
    )
    .unwrap();
    let sources = folder.path().join("sources.csv");
    let mut text = std::fs::read_to_string(&sources).unwrap();
    text.push_str("zz-new-source,https://example.org/report,A new report,,,\n");
    std::fs::write(&sources, text).unwrap();
    import_dir(&mut app.conn(), folder.path(), ImportMode::Apply).unwrap();

    let second = app.get("/downloads/releases/2/registry.zip").await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(datapackage(&second.bytes)["release"]["id"], 2);
    let again = app.get("/downloads/releases/1/registry.zip").await;
    assert!(again.bytes == first.bytes, "release 1 is byte-identical");
    assert!(second.bytes != first.bytes);
    assert_eq!(
        app.get("/downloads/organizations.csv")
            .await
            .header("x-registry-release"),
        "2"
    );
    assert!(app.get("/downloads/registry.zip").await.bytes == second.bytes);

    let list = app.get("/downloads/releases").await;
    let rows = list.texts("#release-2 .changes li");
    assert!(
        rows.iter()
            .any(|r| r.starts_with("organizations : 0 added, 1 changed, 0 removed")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("sources : 1 added, 0 changed, 0 removed")),
        "{rows:?}"
    );
    assert!(list.text(".citation").contains("release 2"));

    // Importing the same data again changes nothing, so makes no release.
    import_dir(&mut app.conn(), folder.path(), ImportMode::Apply).unwrap();
    assert_eq!(
        app.get("/downloads/releases/3/registry.zip").await.status,
        StatusCode::NOT_FOUND
    );
    let releases: serde_json::Value =
        serde_json::from_slice(&app.get("/api/v1/releases").await.bytes).unwrap();
    assert_eq!(releases["current"], 2);
    assert_eq!(releases["items"].as_array().unwrap().len(), 2);
    assert!(releases["items"][0]["citation"]
        .as_str()
        .unwrap()
        .contains("release 2"));
    assert!(app
        .get("/downloads")
        .await
        .text(".citation")
        .contains("release 2"));
}

#[actix_web::test]
async fn unknown_releases_are_404() {
    let app = TestApp::seeded().await;
    for url in [
        "/downloads/releases/9/registry.zip",
        "/downloads/releases/x/registry.zip",
        "/downloads/releases/0/registry.zip",
    ] {
        assert_eq!(app.get(url).await.status, StatusCode::NOT_FOUND, "{url}");
    }
}
