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

/// An archive larger than a stored part is kept in several parts and comes back whole, at its
/// permanent address and as the current download, with its length announced.
#[actix_web::test]
async fn an_archive_of_several_parts_is_served_whole() {
    use observer_registry::model::release::{NewRelease, Release, PART_SIZE};
    let app = TestApp::seeded().await;
    let latest = Release::latest(&mut app.conn())
        .unwrap()
        .expect("release 1");
    // Bytes that repeat nowhere within a part, so a part served twice or out of order shows.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let archive: Vec<u8> = (0..PART_SIZE * 2 + 12_345)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    NewRelease {
        id: latest.id + 1,
        released_at: latest.released_at,
        data_version: latest.data_version,
        methodology_version: latest.methodology_version.clone(),
        summary: latest.summary.clone(),
        archive_size: i64::try_from(archive.len()).unwrap(),
    }
    .insert::<Box<dyn std::error::Error>>(&mut app.conn(), &mut &archive[..])
    .unwrap();
    for part in 0..3 {
        assert!(
            Release::archive_part(&mut app.conn(), latest.id + 1, part)
                .unwrap()
                .is_some_and(|bytes| bytes.len() <= PART_SIZE),
            "part {part} is stored and no larger than a part"
        );
    }
    for path in [
        format!("/downloads/releases/{}/registry.zip", latest.id + 1),
        "/downloads/registry.zip".to_owned(),
    ] {
        let download = app.get(&path).await;
        assert_eq!(download.status, StatusCode::OK, "{path}");
        assert_eq!(download.header("content-length"), archive.len().to_string());
        assert!(download.bytes == archive, "{path} serves the stored bytes");
    }
}
