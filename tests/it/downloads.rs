//! Downloads: the streamed files, the zip with its descriptor, filters, caching, and the round trip.

use std::io::Read;

use actix_web::http::StatusCode;
use diesel::prelude::*;
use observer_registry::csv::export::export_dir;
use observer_registry::csv::import::{import_dir, ImportMode};
use observer_registry::csv::ContractFile;
use observer_registry::db::schema::{elections, missions, organizations};

use crate::harness::{seed_dir, TestApp};

#[actix_web::test]
async fn export_import_export_reproduces_identical_files() {
    let app = TestApp::seeded().await;
    let first = tempfile::tempdir().unwrap();
    export_dir(&mut app.conn(), first.path()).unwrap();

    let other = TestApp::empty().await;
    import_dir(&mut other.conn(), first.path(), ImportMode::Apply).unwrap();
    let second = tempfile::tempdir().unwrap();
    export_dir(&mut other.conn(), second.path()).unwrap();

    for file in ContractFile::ALL
        .map(|f| f.file_name())
        .iter()
        .chain(&["datapackage.json"])
    {
        let a = std::fs::read(first.path().join(file)).unwrap();
        let b = std::fs::read(second.path().join(file)).unwrap();
        assert!(a == b, "{file} differs after a round trip");
    }
    // The seed is kept in exported form, so it is itself a fixed point.
    for file in ContractFile::ALL.iter().filter(|f| f.importable()) {
        let exported = std::fs::read(first.path().join(file.file_name())).unwrap();
        let seed = std::fs::read(seed_dir().join(file.file_name())).unwrap();
        assert!(exported == seed, "seed/{file} is not in exported form");
    }
}

#[actix_web::test]
async fn every_file_downloads_as_csv_with_the_contract_header() {
    let app = TestApp::seeded().await;
    for file in ContractFile::ALL {
        let page = app.get(&format!("/downloads/{}", file.file_name())).await;
        assert_eq!(page.status, StatusCode::OK, "{file}");
        assert_eq!(page.header("content-type"), "text/csv; charset=utf-8");
        assert_eq!(
            page.header("content-disposition"),
            format!("attachment; filename=\"{}\"", file.file_name())
        );
        assert!(!page.header("etag").is_empty());
        let (header, rows) = page.csv();
        assert_eq!(header, file.columns(), "{file}");
        assert!(!rows.is_empty(), "{file} has rows");
        let ids: Vec<&String> = rows.iter().map(|r| &r[0]).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        if file != ContractFile::Flags {
            assert_eq!(ids, sorted, "{file} is ordered by id");
        }
    }
    let orgs: i64 = organizations::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    let (_, rows) = app.get("/downloads/organizations.csv").await.csv();
    assert_eq!(rows.len() as i64, orgs);
    let (_, ratings) = app.get("/downloads/ratings.csv").await.csv();
    let sco = ratings.iter().find(|r| r[0] == "sco").unwrap();
    assert_eq!(sco[1], "low_quality");
    assert_eq!(sco[4], "1");
}

#[actix_web::test]
async fn list_pages_offer_their_filtered_rows() {
    let app = TestApp::seeded().await;
    let list = app
        .get("/organizations?rating=low_quality&kind=intergovernmental")
        .await;
    let links = list.links(".download a[download]");
    assert_eq!(
        links,
        vec!["/downloads/organizations.csv?kind=intergovernmental&rating=low_quality"]
    );
    let (_, rows) = app.get(&links[0]).await.csv();
    let listed = list.texts("tbody tr td:first-child a");
    assert_eq!(rows.len(), listed.len());
    assert!(rows.iter().all(|r| r[4] == "intergovernmental"));
    assert!(rows.iter().any(|r| r[0] == "sco"));

    let list = app.get("/elections?country=TJK&year=2020").await;
    let link = list.links(".download a[download]").remove(0);
    assert_eq!(link, "/downloads/elections.csv?country=TJK&year=2020");
    let (_, rows) = app.get(&link).await.csv();
    assert_eq!(rows.len(), list.texts("tbody tr").len());
    assert!(rows
        .iter()
        .all(|r| r[1] == "TJK" && r[2].starts_with("2020-")));

    let list = app.get("/individuals?q=norov").await;
    let link = list.links(".download a[download]").remove(0);
    let (_, rows) = app.get(&link).await.csv();
    assert!(rows.iter().any(|r| r[0] == "vladimir-norov"));

    let election = app.get("/elections/tjk-2020-03-01-parliamentary").await;
    let link = election.links(".download a[download]").remove(0);
    let (_, rows) = app.get(&link).await.csv();
    let expected: i64 = missions::table
        .filter(missions::election_id.eq("tjk-2020-03-01-parliamentary"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(rows.len() as i64, expected);
    assert!(rows.iter().all(|r| r[2] == "tjk-2020-03-01-parliamentary"));
}

#[actix_web::test]
async fn bad_download_requests_are_refused() {
    let app = TestApp::seeded().await;
    assert_eq!(
        app.get("/downloads/passwords.csv").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/downloads/missions.csv?election=xyz-1999")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let bad = app
        .get("/downloads/missions.csv?election=Not%20An%20Id")
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let bad = app.get("/downloads/organizations.csv?rating=bogus").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text("article li").contains("rating"));
}

#[actix_web::test]
async fn an_unchanged_download_costs_a_304_and_a_change_a_new_tag() {
    let app = TestApp::seeded().await;
    let first = app.get("/downloads/elections.csv").await;
    let tag = first.header("etag");
    assert!(tag.starts_with('"'));
    let again = app
        .get_with("/downloads/elections.csv", &[("If-None-Match", &tag)])
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.bytes.is_empty());
    let filtered = app.get("/downloads/elections.csv?country=TJK").await;
    assert_ne!(filtered.header("etag"), tag, "another slice, another tag");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("countries.csv"),
        "iso3,name\nTJK,Tajikistan (Republic of)\n",
    )
    .unwrap();
    import_dir(&mut app.conn(), dir.path(), ImportMode::Apply).unwrap();
    let changed = app
        .get_with("/downloads/elections.csv", &[("If-None-Match", &tag)])
        .await;
    assert_eq!(
        changed.status,
        StatusCode::OK,
        "an import changes the data version"
    );
}

#[actix_web::test]
async fn the_zip_holds_every_file_and_a_datapackage_descriptor() {
    let app = TestApp::seeded().await;
    let page = app.get("/downloads/registry.zip").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-type"), "application/zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(page.bytes.clone())).unwrap();
    let mut names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = ContractFile::ALL
        .iter()
        .map(|f| f.file_name().to_owned())
        .collect();
    expected.push("datapackage.json".into());
    expected.sort();
    assert_eq!(names, expected);

    let mut elections_csv = String::new();
    archive
        .by_name("elections.csv")
        .unwrap()
        .read_to_string(&mut elections_csv)
        .unwrap();
    let standalone = app.get("/downloads/elections.csv").await;
    assert_eq!(
        elections_csv, standalone.body,
        "the zip holds the same bytes"
    );
    let count: i64 = elections::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(elections_csv.lines().count() as i64, count + 1);

    let mut json = String::new();
    archive
        .by_name("datapackage.json")
        .unwrap()
        .read_to_string(&mut json)
        .unwrap();
    let descriptor: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(descriptor["profile"], "tabular-data-package");
    assert_eq!(descriptor["licenses"][0]["name"], "CC-BY-4.0");
    let resources = descriptor["resources"].as_array().unwrap();
    assert_eq!(resources.len(), ContractFile::ALL.len());
    let missions = resources.iter().find(|r| r["name"] == "missions").unwrap();
    let fields = missions["schema"]["fields"].as_array().unwrap();
    let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, ContractFile::Missions.columns());
    let verdict = fields.iter().find(|f| f["name"] == "verdict").unwrap();
    assert_eq!(verdict["constraints"]["enum"].as_array().unwrap().len(), 5);
    let observers = fields.iter().find(|f| f["name"] == "observers").unwrap();
    assert_eq!(observers["type"], "integer");
    let arrived = fields.iter().find(|f| f["name"] == "arrived_on").unwrap();
    assert_eq!(arrived["type"], "date");
    assert_eq!(missions["schema"]["primaryKey"][0], "id");
    assert!(missions["schema"]["foreignKeys"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["reference"]["resource"] == "organizations"));
}

#[actix_web::test]
async fn the_downloads_page_lists_every_file_with_its_dictionary() {
    let app = TestApp::seeded().await;
    let page = app.get("/downloads").await;
    assert_eq!(page.status, StatusCode::OK);
    let rows = page.texts("table.files tbody tr");
    assert_eq!(rows.len(), ContractFile::ALL.len());
    let orgs: i64 = organizations::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert!(rows
        .iter()
        .any(|r| r.starts_with("organizations.csv") && r.contains(&orgs.to_string())));
    assert!(page.text("main").contains("CC-BY-4.0"));
    assert!(page.text("main").contains("methodology version 1"));
    let dictionary = page.text("section#missions\\.csv");
    assert!(
        dictionary.contains("positive_with_reservations"),
        "allowed values"
    );
    assert!(
        dictionary.contains("sco-tjk-2020-10-11-presidential"),
        "examples"
    );
    assert!(page
        .links("a")
        .contains(&"/downloads/registry.zip".to_owned()));
    assert!(
        rows.iter().all(|r| !r.ends_with('—')),
        "every file shows its last change after seeding"
    );
}

#[actix_web::test]
async fn a_download_is_exported_once_per_data_version() {
    use diesel::connection::SimpleConnection;
    let app = TestApp::seeded().await;
    let first = app.get("/downloads/sources.csv").await;
    assert_eq!(first.status, StatusCode::OK);
    // The table is gone: only the export kept from the first download can answer.
    app.conn()
        .batch_execute("ALTER TABLE sources RENAME TO sources_gone")
        .unwrap();
    let again = app.get("/downloads/sources.csv").await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.bytes, first.bytes);
    app.conn()
        .batch_execute("ALTER TABLE sources_gone RENAME TO sources")
        .unwrap();
    // A new data version exports again.
    crate::solid_ground::import(
        &app,
        &[("countries.csv", "iso3,name\nTJK,Tajikistan (Republic of)\n")],
    )
    .unwrap();
    let countries = app.get("/downloads/countries.csv").await;
    assert!(countries.body.contains("Tajikistan (Republic of)"));
}

#[actix_web::test]
async fn a_whole_table_exports_the_same_bytes_as_the_typed_export() {
    use observer_registry::csv::export::{write_file, write_typed, Selection};
    use observer_registry::db::schema::{individuals, sources};
    let app = TestApp::seeded().await;
    // Cells the two paths must quote alike: separators, quotes, line breaks, empty strings (which
    // PostgreSQL's COPY would quote), a lone `\.` (COPY's end-of-data marker), other scripts.
    let cells = [
        "a \"quoted\" word, with a comma",
        "line one\nline two",
        "carriage\r\nreturn",
        " leading and trailing ",
        "\\.",
        "",
        "#hash; semi;colon",
        "Ünïcödé — Тест — 選挙",
        "\"",
        ",",
    ];
    let mut conn = app.conn();
    let mission_ids: Vec<String> = missions::table
        .select(missions::id)
        .order(missions::id)
        .limit(cells.len() as i64)
        .load(&mut conn)
        .unwrap();
    for (id, cell) in mission_ids.iter().zip(cells) {
        diesel::update(missions::table.find(id))
            .set(missions::verdict_quote.eq(cell))
            .execute(&mut conn)
            .unwrap();
    }
    let organization_ids: Vec<String> = organizations::table
        .select(organizations::id)
        .order(organizations::id)
        .limit(cells.len() as i64)
        .load(&mut conn)
        .unwrap();
    for (id, cell) in organization_ids.iter().zip(cells) {
        diesel::update(organizations::table.find(id))
            .set((
                organizations::aliases.eq(cell),
                organizations::notes.eq(cell),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    diesel::update(sources::table)
        .filter(
            sources::id.eq_any(
                sources::table
                    .select(sources::id)
                    .order(sources::id)
                    .limit(3)
                    .load::<String>(&mut conn)
                    .unwrap(),
            ),
        )
        .set(sources::title.eq(""))
        .execute(&mut conn)
        .unwrap();
    diesel::update(individuals::table)
        .filter(individuals::name_original.is_null())
        .set(individuals::affiliation.eq(cells[1]))
        .execute(&mut conn)
        .unwrap();

    for file in ContractFile::ALL.into_iter().filter(|f| f.importable()) {
        let direct = write_file(&mut conn, file, &Selection::All, Vec::new()).unwrap();
        let typed = write_typed(&mut conn, file, &Selection::All, Vec::new()).unwrap();
        assert!(
            direct == typed,
            "{file}: the direct export differs from the typed one:\n{}\n---\n{}",
            String::from_utf8_lossy(&direct[..direct.len().min(2000)]),
            String::from_utf8_lossy(&typed[..typed.len().min(2000)])
        );
        assert!(direct.starts_with(file.columns().join(",").as_bytes()));
    }
    // The edited cells are really there, quoted where they must be.
    let missions_csv = String::from_utf8(
        write_file(
            &mut conn,
            ContractFile::Missions,
            &Selection::All,
            Vec::new(),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(missions_csv.contains(",\"a \"\"quoted\"\" word, with a comma\","));
    assert!(missions_csv.contains(",\"carriage\r\nreturn\","));
    assert!(missions_csv.contains(",\\.,"));
}
