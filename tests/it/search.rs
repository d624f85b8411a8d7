//! `/search`: names found however they are written, on either backend, from keys the importer
//! stores; elections by country, year and kind; "did you mean"; bad queries.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use observer_registry::csv::import::{import_dir, ImportMode};
use observer_registry::matching::{best_match, Candidate};

use crate::harness::{TestApp, TestDatabase};

include!("../data/name_pairs.rs");

/// One record per distinct name of the tables: individuals for names, organizations for
/// aliases. Returns the page of each `(name, is_alias)`.
fn table_registry(app: &TestApp) -> BTreeMap<(String, bool), String> {
    let mut records = BTreeMap::new();
    let names = MUST_MATCH
        .iter()
        .map(|(_, name, alias, _)| (*name, *alias))
        .chain(MUST_NOT_MATCH.iter().map(|(_, name, _)| (*name, false)));
    let mut individuals = csv::Writer::from_writer(Vec::new());
    individuals
        .write_record([
            "id",
            "name",
            "name_original",
            "country",
            "affiliation",
            "notes",
        ])
        .unwrap();
    let mut organizations = csv::Writer::from_writer(Vec::new());
    organizations
        .write_record([
            "id",
            "name",
            "acronym",
            "aliases",
            "kind",
            "hq_country",
            "founded_on",
            "dissolved_on",
            "dop_endorser",
            "benchmark",
            "benchmark_reason",
            "website",
            "notes",
        ])
        .unwrap();
    for (name, alias) in names {
        let key = (name.to_owned(), alias);
        if records.contains_key(&key) {
            continue;
        }
        let id = format!("t-{:03}", records.len());
        if alias {
            let holder = format!("Record {}", records.len());
            organizations
                .write_record([
                    &id, &holder, "", name, "other", "", "", "", "false", "false", "", "", "",
                ])
                .unwrap();
            records.insert(key, format!("/organizations/{id}"));
        } else {
            individuals
                .write_record([&id, name, "", "", "", ""])
                .unwrap();
            records.insert(key, format!("/individuals/{id}"));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("individuals.csv"),
        individuals.into_inner().unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("organizations.csv"),
        organizations.into_inner().unwrap(),
    )
    .unwrap();
    import_dir(&mut app.conn(), dir.path(), ImportMode::Apply).expect("the table imports");
    records
}

fn search_href(query: &str) -> String {
    let mut s = form_urlencoded::Serializer::new(String::from("/search?"));
    s.append_pair("q", query);
    s.finish()
}

#[test]
fn the_name_table_holds_against_the_matching_code() {
    assert!(MUST_MATCH.len() >= 60 && MUST_NOT_MATCH.len() >= 20);
    for (query, name, is_alias, reason) in MUST_MATCH {
        let found = best_match(
            query,
            [Candidate {
                text: name,
                is_alias: *is_alias,
            }],
        );
        let found = found.unwrap_or_else(|| panic!("{query} must match {name}"));
        assert_eq!(found.reason.code(), *reason, "{query} / {name}");
    }
    for (query, name, why) in MUST_NOT_MATCH {
        let candidate = Candidate {
            text: name,
            is_alias: false,
        };
        assert!(
            best_match(query, [candidate]).is_none(),
            "{query} / {name}: {why}"
        );
    }
}

#[actix_web::test]
async fn the_name_table_holds_through_search() {
    let app = TestApp::empty().await;
    let records = table_registry(&app);
    for (query, name, is_alias, _) in MUST_MATCH {
        let page = app.get(&search_href(query)).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        let href = &records[&(name.to_string(), *is_alias)];
        assert!(
            page.links(".result a").contains(href),
            "{query} must find {name} ({href}); found {:?}",
            page.texts(".result > a")
        );
    }
    for (query, name, why) in MUST_NOT_MATCH {
        let page = app.get(&search_href(query)).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        let href = &records[&(name.to_string(), false)];
        assert!(
            !page.links(".result a").contains(href),
            "{query} must not find {name}: {why}"
        );
    }
}

#[actix_web::test]
async fn search_groups_results_says_why_and_finds_elections() {
    let app = TestApp::seeded().await;
    let page = app.get("/search?q=%D0%A8%D0%9E%D0%A1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.title(), "Search: ШОС · Observer Registry");
    assert_eq!(
        page.links("#organizations .result > a")[0],
        "/organizations/sco"
    );
    let first = page.text("#organizations .result");
    assert!(first.contains("Low quality"), "{first}");
    assert!(first.contains("alias ШОС"), "{first}");

    let page = app.get("/search?q=Shangai+Cooperation").await;
    assert!(page
        .text("#organizations .result")
        .contains("spelled differently"));

    let page = app.get("/search?q=Kovacs+Bela").await;
    assert_eq!(
        page.links("#individuals .result > a")[0],
        "/individuals/bela-kovacs"
    );
    assert!(page
        .text("#individuals .result")
        .contains("names in another order"));

    let page = app.get("/search?q=Tajikistan+2020+presidential").await;
    assert!(page
        .links("#elections .result a")
        .contains(&"/elections/tjk-2020-10-11-presidential".to_owned()));
    assert!(page
        .links("#elections .more a")
        .contains(&"/elections?country=TJK&year=2020&kind=presidential".to_owned()));
    assert_eq!(page.links("#countries .result a"), ["/countries/TJK"]);
}

#[actix_web::test]
async fn empty_unknown_and_overlong_queries() {
    let app = TestApp::seeded().await;
    let page = app.get("/search").await;
    assert_eq!(page.status, StatusCode::OK);
    let examples = page.links(".examples a");
    assert!(examples.len() >= 4);
    for example in examples {
        let found = app.get(&example).await;
        assert!(
            !found.texts(".result").is_empty(),
            "{example} finds something"
        );
    }
    let page = app.get("/search?q=Lukashenko").await;
    assert!(page
        .text(".empty")
        .contains("Nothing in the registry matches"));
    let page = app.get("/search?q=Bela+Kovacs+Hungary").await;
    assert!(page
        .links(".suggestions a")
        .contains(&"/individuals/bela-kovacs".to_owned()));

    let long = "a".repeat(10_000);
    let page = app.get(&format!("/search?q={long}")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text("main").contains("at most 200 characters"));
}

#[actix_web::test]
async fn every_page_has_the_search_box() {
    let app = TestApp::seeded().await;
    for path in [
        "/",
        "/organizations",
        "/individuals/bela-kovacs",
        "/nowhere",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.links("header.site a[href='/vet']").len(), 1, "{path}");
        let forms = page.html();
        let selector =
            scraper::Selector::parse("header form.site-search[action='/search'] input[name=q]")
                .unwrap();
        assert_eq!(forms.select(&selector).count(), 1, "{path}");
    }
}

#[actix_web::test]
async fn an_import_rewrites_the_keys_of_what_it_changes() {
    let app = TestApp::seeded().await;
    assert!(app
        .get("/search?q=Malkevich")
        .await
        .links(".result > a")
        .contains(&"/individuals/alexander-malkevich".to_owned()));
    let dir = tempfile::tempdir().unwrap();
    let mut original =
        std::fs::read_to_string(crate::harness::seed_dir().join("individuals.csv")).unwrap();
    original = original.replace(
        "alexander-malkevich,Alexander Malkevich,Александр Малькевич,",
        "alexander-malkevich,Aleksandr Zebrovsky,,",
    );
    std::fs::write(dir.path().join("individuals.csv"), original).unwrap();
    import_dir(&mut app.conn(), dir.path(), ImportMode::Apply).unwrap();
    let old = app.get("/search?q=Malkevich").await;
    assert!(!old
        .links(".result > a")
        .contains(&"/individuals/alexander-malkevich".to_owned()));
    let new = app.get("/search?q=Zebrowsky").await;
    assert!(new
        .links(".result > a")
        .contains(&"/individuals/alexander-malkevich".to_owned()));
}

/// The queries compared between the backends.
const COMPARED: &[&str] = &[
    "ШОС",
    "Shangai Cooperation",
    "Bela Kovacs",
    "Малькевич",
    "Prigozin",
    "CIS",
    "СНГ",
    "Tajikistan 2020 presidential",
    "Belarus",
    "2020",
    "Lukashenko",
    "Bela Kovacs Hungary",
    "observer",
    "Vladimir",
    "a",
];

#[actix_web::test]
async fn search_results_are_identical_on_both_backends() {
    let Some(server) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        return; // Needs PostgreSQL: run with TEST_DATABASE_URL.
    };
    let sqlite = TestApp::seeded_on(TestDatabase::sqlite()).await;
    let postgres = TestApp::seeded_on(TestDatabase::postgres(&server)).await;
    for query in COMPARED {
        let a = sqlite.get(&search_href(query)).await;
        let b = postgres.get(&search_href(query)).await;
        assert_eq!(a.status, b.status, "{query}");
        assert_eq!(a.body, b.body, "{query}");
    }
}
