//! `/search`: names found however they are written, on either backend, from keys the importer
//! stores; elections by country, year and kind; "did you mean"; bad queries.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use observer_registry::csv::import::{import_dir, ImportMode};
use observer_registry::matching::{best_match, Candidate};

use crate::harness::{TestApp, TestDatabase};

/// `(query, name in the registry, the name is an alias, why they match)`.
pub const MUST_MATCH: &[(&str, &str, bool, &str)] = &[
    ("Лукашенко", "Lukashenko", false, "transliterated"),
    ("Lukashenko", "Лукашенко", false, "transliterated"),
    ("Малькевич", "Malkevich", false, "transliterated"),
    ("Malkevich", "Малькевич", false, "transliterated"),
    ("Mal'kevich", "Malkevich", false, "exact"),
    ("Владимир Путин", "Vladimir Putin", false, "transliterated"),
    (
        "Alexei Navalny",
        "Алексей Навальный",
        false,
        "transliterated",
    ),
    ("Li Wei", "李伟", false, "transliterated"),
    ("Pyotr Ivanov", "Пётр Иванов", false, "transliterated"),
    (
        "Volodymyr Zelensky",
        "Володимир Зеленський",
        false,
        "transliterated",
    ),
    ("KOVACS", "kovacs", false, "exact"),
    ("Kovács", "Kovacs", false, "transliterated"),
    ("Kovacs", "Kovács", false, "transliterated"),
    ("İsmet", "Ismet", false, "transliterated"),
    ("Ismet", "İsmet", false, "transliterated"),
    ("Şahin", "Sahin", false, "transliterated"),
    ("Łukasz", "Lukasz", false, "transliterated"),
    ("Bela Kovacs", "Béla Kovács", false, "transliterated"),
    ("Kovács Béla", "Béla Kovács", false, "reordered"),
    ("Wei Li", "Li Wei", false, "reordered"),
    ("Petrov Ivan", "Ivan Petrov", false, "reordered"),
    ("Yevgeniy", "Evgeny", false, "transliterated"),
    ("Evgeny", "Yevgeniy", false, "transliterated"),
    ("Евгений", "Yevgeniy", false, "transliterated"),
    ("Aleksandr", "Alexander", false, "spelling"),
    ("Alexander", "Александр", false, "spelling"),
    ("Dmitriy", "Dmitry", false, "transliterated"),
    ("Sergey", "Sergei", false, "transliterated"),
    ("Сергей", "Sergey", false, "transliterated"),
    ("Юрий", "Yuri", false, "transliterated"),
    ("Andrey", "Andrei", false, "transliterated"),
    ("Наталья", "Nataliya", false, "transliterated"),
    ("Жириновский", "Zhirinovsky", false, "transliterated"),
    ("Khodorkovsky", "Hodorkovsky", false, "transliterated"),
    ("Tsvetkov", "Tzvetkov", false, "transliterated"),
    ("Щербаков", "Shcherbakov", false, "transliterated"),
    ("Яковлев", "Jakovlev", false, "transliterated"),
    ("Maxim", "Maksim", false, "transliterated"),
    ("Dostoyevsky", "Dostoevsky", false, "transliterated"),
    ("Zelenskyy", "Zelensky", false, "transliterated"),
    (
        "Vladimir Putin",
        "Vladimir Vladimirovich Putin",
        false,
        "missing_names",
    ),
    (
        "Vladimir V Putin",
        "Vladimir Vladimirovich Putin",
        false,
        "missing_names",
    ),
    (
        "Putin",
        "Vladimir Vladimirovich Putin",
        false,
        "missing_names",
    ),
    (
        "Vladimir Putin",
        "Путин Владимир Владимирович",
        false,
        "missing_names",
    ),
    (
        "Ivan Petrov",
        "Ivan Ivanovich Petrov",
        false,
        "missing_names",
    ),
    ("Kovács Béla", "Kovács Béla János", false, "missing_names"),
    ("Lukashenka", "Lukashenko", false, "spelling"),
    ("Lukashneko", "Lukashenko", false, "spelling"),
    ("Zhirinovksy", "Zhirinovsky", false, "spelling"),
    ("Kovacks", "Kovacs", false, "spelling"),
    ("Gorbachov", "Gorbachev", false, "spelling"),
    (
        "Mikhail Gorbachev",
        "Михаил Горбачёв",
        false,
        "transliterated",
    ),
    ("Fedor", "Фёдор", false, "transliterated"),
    ("Pyotr", "Petr", false, "transliterated"),
    ("Müller", "Mueller", false, "spelling"),
    (
        "Shangai Cooperation",
        "Shanghai Cooperation Organisation",
        false,
        "spelling",
    ),
    (
        "Shanghai Coop",
        "Shanghai Cooperation Organisation",
        false,
        "missing_names",
    ),
    (
        "Shanghai Cooperation Organization",
        "Shanghai Cooperation Organisation",
        false,
        "spelling",
    ),
    ("ШОС", "ШОС", true, "alias"),
    ("shos", "ШОС", true, "alias"),
    ("sco", "SCO", true, "alias"),
    ("СНГ", "СНГ", true, "alias"),
    ("CIS", "CIS", false, "exact"),
];

/// `(query, name in the registry, why not)`.
pub const MUST_NOT_MATCH: &[(&str, &str, &str)] = &[
    ("Li", "Lu", "short words are not fuzzed"),
    ("Lee", "Li", "short words are not fuzzed"),
    ("Kim", "Kin", "short words are not fuzzed"),
    ("Oleg", "Olga", "short words are not fuzzed"),
    ("Bush", "Busch", "the shorter word has 4 letters"),
    ("Wang Li", "Wang Lu", "short words are not fuzzed"),
    ("Ivanov", "Ivanova", "gendered surname"),
    ("Putin", "Putina", "gendered surname"),
    ("Zhirinovsky", "Zhirinovskaya", "gendered surname"),
    ("Irina Ivanov", "Irina Ivanova", "gendered surname"),
    ("Petrov", "Popov", "two edits in a 6-letter word"),
    (
        "Sergey Lavrov",
        "Sergey Lavrenov",
        "two edits in a 6-letter word",
    ),
    ("Ivan Petrov", "Sergey Petrov", "one shared surname"),
    ("Anna Ivanova", "Maria Ivanova", "one shared surname"),
    (
        "Alexander Lukashenko",
        "Viktor Lukashenko",
        "one shared surname",
    ),
    ("Kovács Béla", "Kovács Anna", "one shared surname"),
    (
        "Vladimir Putin",
        "Vladimir Zhirinovsky",
        "one shared given name",
    ),
    ("СНГ", "CIS", "another language's acronym, unless an alias"),
    ("CIS", "SCO", "different acronyms"),
    (
        "Coop",
        "Shanghai Cooperation Organisation",
        "a one-word query must match fully",
    ),
    (
        "Shanghai Co",
        "Shanghai Cooperation Organisation",
        "prefix under 4 letters",
    ),
    (
        "Ivan Ivanovich Petrov",
        "Ivan Petrov",
        "every query word must meet a word",
    ),
];

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
        "alexander-malkevich,Alexander Malkevich,",
        "alexander-malkevich,Aleksandr Zebrovsky,",
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
