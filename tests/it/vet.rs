//! `/vet`: a whole invitation list checked at once, confidentially; every bad input refused
//! with a clear page.

use std::sync::{Mutex, Once};

use actix_web::http::StatusCode;
use diesel::prelude::*;

use crate::harness::TestApp;

/// Exact, transliterated, misspelled, reordered, alias and absent names, one with an
/// organization.
const LIST: &str =
    "Béla Kovács\nВиктор Когут\nМалькевич, AFRIC\nPrigozin\nKovacs Bela\nZebulon Quaxwort\nШОС\n";

const EXPECTED_CSV: &str = "\
row,input_name,input_organization,match_type,match_id,match_name,score,reason,rating,flags
1,Béla Kovács,,individual,bela-kovacs,Béla Kovács,1.00,exact,,observed_sham_vote
2,Виктор Когут,,individual,viktor-kogut,Viktor Kogut,0.95,transliterated,,
3,Малькевич,AFRIC,individual,alexander-malkevich,Alexander Malkevich,0.88,missing_names,,sanctioned_or_exposed
3,Малькевич,AFRIC,individual,alexander-markevich,Alexander Markevich,0.75,spelling,,low_quality_mission|statement_contradicts_credible_observers
3,Малькевич,AFRIC,organization,afric,Association for Free Research and International Cooperation (AFRIC),0.97,alias,low_quality,contradicts_credible_observers|no_dop|sanctioned_or_exposed
4,Prigozin,,individual,yevgeny-prigozhin,Yevgeniy Prigozhin,0.75,spelling,,sanctioned_or_exposed
5,Kovacs Bela,,individual,bela-kovacs,Béla Kovács,0.90,reordered,,observed_sham_vote
6,Zebulon Quaxwort,,,,,,,,
7,ШОС,,organization,sco,Shanghai Cooperation Organisation (SCO),0.97,alias,low_quality,contradicts_credible_observers|no_dop|short_term_only
";

/// Every log record of the test binary, as text.
static CAPTURED: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    /// Everything but the test's own HTML parser, which logs the pages it reads.
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        let target = metadata.target();
        !["html5ever", "markup5ever", "selectors", "scraper"]
            .iter()
            .any(|parser| target.starts_with(parser))
    }
    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        if let Ok(mut lines) = CAPTURED.lock() {
            lines.push(format!(
                "{} {} {}",
                record.level(),
                record.target(),
                record.args()
            ));
        }
    }
    fn flush(&self) {}
}

fn capture_logs() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        if log::set_logger(&Capture).is_ok() {
            log::set_max_level(log::LevelFilter::Debug);
        }
    });
}

fn captured() -> String {
    CAPTURED.lock().map(|l| l.join("\n")).unwrap_or_default()
}

/// Rows per table, to show that vetting wrote nothing.
fn table_counts(app: &TestApp) -> Vec<(String, i64)> {
    use observer_registry::db::schema::*;
    let mut conn = app.conn();
    let mut counts = Vec::new();
    macro_rules! count {
        ($($table:ident),*) => {$(
            counts.push((stringify!($table).to_owned(), $table::table.count().get_result::<i64>(&mut conn).unwrap()));
        )*};
    }
    count!(
        countries,
        sources,
        organizations,
        elections,
        missions,
        individuals,
        participations,
        sanctions,
        submissions,
        change_sets,
        sessions,
        rate_events,
        changes,
        election_consensus,
        organization_ratings,
        flags,
        search_keys
    );
    counts
}

#[actix_web::test]
async fn a_mixed_list_gives_the_expected_report_and_leaves_no_trace() {
    capture_logs();
    let app = TestApp::seeded().await;
    let before = table_counts(&app);

    let page = app.post_form("/vet", &[("names", LIST)]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("cache-control"), "no-store");
    assert!(page
        .text(".confidential")
        .contains("not stored, not written to any log"));
    assert_eq!(page.text(".count-rows"), "7");
    assert_eq!(page.text(".count-matched"), "6");
    assert_eq!(page.text(".count-flagged"), "5");
    assert_eq!(page.text(".count-low-quality"), "2");
    let rows = page.texts(".vet-row");
    assert_eq!(rows.len(), 7);
    let first_links: Vec<String> = page.links(".vet-row .match:first-child > a:first-child");
    assert_eq!(
        first_links,
        [
            "/individuals/bela-kovacs",
            "/individuals/viktor-kogut",
            "/individuals/alexander-malkevich",
            "/individuals/yevgeny-prigozhin",
            "/individuals/bela-kovacs",
            "/organizations/sco",
        ]
    );
    assert!(rows[0].contains("same name"), "{}", rows[0]);
    assert!(rows[1].contains("transliterated"), "{}", rows[1]);
    assert!(
        rows[2].contains("AFRIC") && rows[2].contains("Low quality"),
        "{}",
        rows[2]
    );
    assert!(rows[3].contains("spelled differently"), "{}", rows[3]);
    assert!(rows[4].contains("names in another order"), "{}", rows[4]);
    assert!(rows[5].contains("No match in the registry"), "{}", rows[5]);
    assert!(rows[6].contains("alias ШОС"), "{}", rows[6]);
    assert!(page.links("link[rel=stylesheet]").len() == 1);

    let csv = app.post_form("/vet.csv", &[("names", LIST)]).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.header("cache-control"), "no-store");
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert_eq!(csv.body, EXPECTED_CSV, "{}", csv.body);

    // The download form on the report sends the same list back.
    let hidden = page.html();
    let selector = scraper::Selector::parse("form[action='/vet.csv'] input[name=names]").unwrap();
    let again = hidden
        .select(&selector)
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let csv_again = app.post_form("/vet.csv", &[("names", &again)]).await;
    assert_eq!(csv_again.body, EXPECTED_CSV);

    // The same list as an uploaded CSV file gives the same report.
    let mut file = String::from("name,organization\n");
    for line in LIST.lines() {
        match line.split_once(", ") {
            Some((name, org)) => file.push_str(&format!("{name},{org}\n")),
            None => file.push_str(&format!("{line},\n")),
        }
    }
    let uploaded = app.post_file("/vet.csv", "file", file.as_bytes()).await;
    assert_eq!(uploaded.body, EXPECTED_CSV);

    assert_eq!(table_counts(&app), before, "vetting writes nothing");
    let logs = captured();
    assert!(logs.contains("POST /vet"), "the access log is captured");
    // Names no other test uses must appear nowhere in the log; names other tests search for
    // (whose request lines are logged by the tests running alongside) must not appear in any
    // line about vetting.
    for name in ["Quaxwort", "Zebulon"] {
        assert!(!logs.contains(name), "{name} reached the log");
    }
    for name in ["Kovacs", "Kovács", "Когут", "Prigozin", "AFRIC"] {
        assert!(
            !logs
                .lines()
                .any(|line| line.contains("vet") && line.contains(name)),
            "{name} reached the log"
        );
    }
}

#[actix_web::test]
async fn the_form_is_private_and_explains_itself() {
    let app = TestApp::seeded().await;
    let page = app.get("/vet").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("cache-control"), "no-store");
    assert_eq!(page.title(), "Vet an invitation list · Observer Registry");
    assert!(page.text(".confidential").contains("not stored"));
    assert_eq!(page.links("form[action='/vet']").len(), 0);
    let html = page.html();
    for selector in [
        "form[action='/vet'][method=post] textarea[name=names]",
        "form[enctype='multipart/form-data'] input[type=file][name=file]",
    ] {
        let s = scraper::Selector::parse(selector).unwrap();
        assert_eq!(html.select(&s).count(), 1, "{selector}");
    }
    let put = app.post("/vet", "text/plain", b"x".to_vec()).await;
    assert_eq!(put.status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn bad_lists_are_refused_with_a_reason() {
    capture_logs();
    let app = TestApp::seeded().await;

    let page = app
        .post_file(
            "/vet",
            "file",
            b"full_name,organisation\nZebulon Quaxwort,X\n",
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let alert = page.text("[role=alert]");
    assert!(alert.contains("no name column"), "{alert}");
    assert!(
        alert.contains("Its columns are: full_name , organisation"),
        "{alert}"
    );

    let many = format!("name\n{}", "Zebulon Quaxwort\n".repeat(5001));
    let page = app.post_file("/vet", "file", many.as_bytes()).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text("[role=alert]").contains("at most 5000 rows"));
    let page = app
        .post_form("/vet.csv", &[("names", &"Zebulon Quaxwort\n".repeat(5001))])
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text("[role=alert]").contains("at most 5000 rows"));

    let page = app.post_file("/vet", "file", b"name\nK\xf6v\xe1cs\n").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text("[role=alert]").contains("not UTF-8"));

    let big = vec![b'a'; 10 * 1024 * 1024];
    let page = app.post_file("/vet", "file", &big).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.text("[role=alert]").contains("too large"));

    let page = app.post_form("/vet", &[("names", "  \n ")]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text("[role=alert]").contains("The list is empty"));

    let page = app
        .post_file("/vet", "file", b"name\n\"unclosed,\nx\n")
        .await;
    assert!(page.status == StatusCode::BAD_REQUEST || page.status == StatusCode::OK);
    assert!(page.status != StatusCode::INTERNAL_SERVER_ERROR);

    let page = app
        .post(
            "/vet",
            "multipart/form-data; boundary=zz",
            b"garbage".to_vec(),
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);

    // A list of 5,000 rows is accepted.
    let full = "Zebulon Quaxwort, AFRIC\n".repeat(5000);
    let page = app.post_form("/vet", &[("names", &full)]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text(".count-rows"), "5000");

    let logs = captured();
    let leaked: Vec<&str> = logs
        .lines()
        .filter(|l| l.contains("Quaxwort"))
        .take(3)
        .collect();
    assert!(leaked.is_empty(), "{leaked:?}");
}

/// `n` surnames of letters only (digits would make separate words), no two of which the
/// matching reads as one spelling ("Quibaovich" and "Quybaovich" are one transliteration).
fn surnames(n: usize) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    (0..)
        .map(|i: u32| {
            let letters: String = (0..3)
                .map(|k| char::from(b'a' + u8::try_from(i / 26u32.pow(k) % 26).unwrap()))
                .collect();
            format!("Qu{letters}ovich")
        })
        .filter(|name| seen.insert(observer_registry::matching::tokens(name)))
        .take(n)
        .collect()
}

/// A first name hundreds of people share neither crowds out the person a row names nor makes
/// every row carry all of them: a row keeps the records that share most of its words.
#[actix_web::test]
async fn a_common_first_name_keeps_the_named_person_and_a_bounded_number_of_candidates() {
    use observer_registry::csv::import::{import_dir, ImportMode};
    use observer_registry::model::search::{self, PerQuery, RecordType, ROW_CANDIDATES};
    use std::fmt::Write;

    let app = TestApp::seeded().await;
    let surname = surnames(600);
    let mut csv = String::from("id,name,name_original,country,affiliation,notes\n");
    for (i, name) in surname.iter().enumerate() {
        writeln!(csv, "viktor-{i},Viktor {name},,,,").unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("individuals.csv"), csv).unwrap();
    import_dir(&mut app.conn(), dir.path(), ImportMode::Apply).unwrap();

    let PerQuery::Best(kept) = ROW_CANDIDATES else {
        panic!("rows keep a bounded number of candidates")
    };
    let people = [RecordType::Individual];
    let lookup = |query: &str, per_query: PerQuery| {
        let mut found =
            search::candidates(&mut app.conn(), &[(query, &people[..])], per_query).unwrap();
        found.pop().unwrap()
    };
    let ids = |hits: &[search::Hit]| -> Vec<String> {
        hits.iter().map(|(_, id)| id.clone()).collect::<Vec<_>>()
    };
    // Every Viktor shares the query's first word; only one shares both.
    let all = lookup("Viktor Kogut", PerQuery::All);
    assert!(all.len() > 600, "{}", all.len());
    let best = ids(&lookup("Viktor Kogut", ROW_CANDIDATES));
    assert_eq!(best.len(), kept);
    assert!(best.contains(&"viktor-kogut".to_owned()), "{best:?}");
    // A misspelled surname still shares its word (by a deletion variant) and is kept.
    let typo = surname[27].trim_end_matches('h');
    let misspelled = ids(&lookup(&format!("Viktor {typo}"), ROW_CANDIDATES));
    assert!(
        misspelled.contains(&"viktor-27".to_owned()),
        "{misspelled:?}"
    );
    // Under the cut, nothing is lost.
    assert_eq!(
        lookup("Kogut", ROW_CANDIDATES),
        lookup("Kogut", PerQuery::All)
    );

    // A list of many such rows still finds each named person first.
    let rows: Vec<String> = (0..300)
        .map(|i| match i % 3 {
            0 => "Viktor Kogut".to_owned(),
            1 => format!("Viktor {}", surname[i]),
            _ => format!("{} Viktor", surname[i]),
        })
        .collect();
    let page = app
        .post_form("/vet.csv", &[("names", &rows.join("\n"))])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(page.body.as_bytes());
    let mut first: Vec<(usize, String)> = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        let row: usize = record[0].parse().unwrap();
        if first.last().map(|(r, _)| *r) != Some(row) {
            first.push((row, record[4].to_owned()));
        }
    }
    assert_eq!(first.len(), rows.len());
    for (row, id) in first {
        let i = row - 1;
        let expected = if i % 3 == 0 {
            "viktor-kogut".to_owned()
        } else {
            format!("viktor-{i}")
        };
        assert_eq!(id, expected, "row {row}: {}", rows[i]);
    }
}
