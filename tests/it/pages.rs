//! Every public page, read as a user reads it: titles, rows, links and verdicts.

use std::collections::{BTreeSet, VecDeque};

use actix_web::http::StatusCode;
use diesel::prelude::*;
use observer_registry::db::schema::{elections, missions, organizations};

use crate::harness::TestApp;

#[actix_web::test]
async fn home_explains_the_registry_and_lists_recent_missions() {
    let app = TestApp::seeded().await;
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.title().contains("Observer Registry"),
        "{}",
        page.title()
    );
    assert!(page.text("h1").contains("can you trust them"));
    let counts = page.texts(".counts li");
    let organizations: i64 = organizations::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert!(
        counts
            .iter()
            .any(|c| *c == format!("{organizations} organizations")),
        "{counts:?}"
    );
    let rows = page.texts("ul.recent > li");
    assert_eq!(rows.len(), 10, "ten most recent missions");
    assert!(page
        .links(".recent a")
        .iter()
        .any(|href| href.starts_with("/elections/")));
    assert!(page
        .links(".recent a")
        .iter()
        .any(|href| href.starts_with("/organizations/")));
    // Every mission shows its verdict, and the observer's rating beside it.
    assert_eq!(page.texts(".recent .verdict").len(), 10);
    assert_eq!(
        page.texts(".recent .recent-observer .rating").len(),
        10,
        "{rows:?}"
    );
}

#[actix_web::test]
async fn organizations_are_listed_by_name_and_paginated() {
    let app = TestApp::seeded().await;
    let total: i64 = organizations::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert!(total > 25, "the seed fills more than one page");

    let first = app.get("/organizations").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.title(), "Organizations · Observer Registry");
    let names = first.texts("tbody tr td:first-child a");
    assert_eq!(names.len(), 25);
    let folded: Vec<String> = names
        .iter()
        .map(|n| observer_registry::model::text::fold(n))
        .collect();
    let mut sorted = folded.clone();
    sorted.sort();
    assert_eq!(folded, sorted, "sorted by name");
    assert!(first.text(".pager p").contains(&format!("of {total}")));
    assert_eq!(
        first.links(".pager a[rel=next]"),
        vec!["/organizations?page=2"]
    );
    assert!(first.links(".pager a[rel=prev]").is_empty());

    let second = app.get("/organizations?page=2").await;
    assert_eq!(second.status, StatusCode::OK);
    let second_names = second.texts("tbody tr td:first-child a");
    assert!(!second_names.is_empty());
    assert!(
        second_names.iter().all(|n| !names.contains(n)),
        "no row repeats across pages"
    );
    assert_eq!(second.links(".pager a[rel=prev]"), vec!["/organizations"]);

    let descending = app.get("/organizations?sort=-name").await;
    let reversed = descending.texts("tbody tr td:first-child a");
    assert_eq!(reversed.len(), 25);
    assert!(
        observer_registry::model::text::fold(&reversed[0])
            >= observer_registry::model::text::fold(&reversed[24])
    );
    assert_eq!(
        descending.links(".pager a[rel=next]"),
        vec!["/organizations?sort=-name&page=2"]
    );
}

#[actix_web::test]
async fn organizations_filter_by_kind_country_and_name_in_any_script() {
    let app = TestApp::seeded().await;
    let page = app.get("/organizations?kind=parliamentary").await;
    assert_eq!(page.status, StatusCode::OK);
    let kinds = page.texts("tbody tr td:nth-child(3)");
    assert!(!kinds.is_empty());
    assert!(
        kinds.iter().all(|k| k == "Parliamentary assembly"),
        "{kinds:?}"
    );
    assert!(page
        .html()
        .select(&scraper::Selector::parse("option[value=parliamentary][selected]").unwrap())
        .next()
        .is_some());

    let page = app.get("/organizations?country=pol").await;
    assert!(page
        .texts("tbody tr td:first-child a")
        .iter()
        .any(|n| n.contains("ODIHR")));
    assert!(page
        .texts("tbody tr td:nth-child(4)")
        .iter()
        .all(|c| c == "Poland"));

    for query in ["SCO", "%D0%A8%D0%9E%D0%A1", "shanghai+cooperation"] {
        let page = app.get(&format!("/organizations?q={query}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.links("tbody a")
                .contains(&"/organizations/sco".to_owned()),
            "{query} finds the SCO"
        );
    }

    let none = app.get("/organizations?q=zzzzzz").await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(none.text(".empty").contains("No organization matches"));
}

#[actix_web::test]
async fn an_organization_profile_lists_its_missions_with_verdicts_and_sources() {
    let app = TestApp::seeded().await;
    let page = app.get("/organizations/sco").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.title(),
        "Shanghai Cooperation Organisation (SCO) · Observer Registry"
    );
    assert!(page.text(".aliases").contains("ШОС"));
    let missions: i64 = missions::table
        .filter(missions::organization_id.eq("sco"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    let rows = page.texts("table.missions tbody tr");
    assert_eq!(rows.len() as i64, missions.min(50));
    let tajik = rows
        .iter()
        .find(|row| row.contains("Tajikistan, presidential election, 11 October 2020"))
        .expect("the 2020 Tajik presidential mission");
    assert!(tajik.contains("Positive"));
    assert!(tajik.contains("open, free and legitimate"));
    assert!(page
        .links("table.missions a")
        .contains(&"/elections/tjk-2020-10-11-presidential".to_owned()));
    assert!(page
        .links("table.missions a")
        .contains(&"/missions/sco-tjk-2020-10-11-presidential".to_owned()));
    assert!(
        page.links("table.missions a")
            .iter()
            .any(|href| href.starts_with("http")),
        "source links"
    );

    let odihr = app.get("/organizations/osce-odihr").await;
    assert!(odihr.text(".benchmark").contains("Benchmark observer"));
    assert!(odihr
        .links(".facts a")
        .contains(&"/countries/POL".to_owned()));
}

#[actix_web::test]
async fn elections_filter_by_country_and_year() {
    let app = TestApp::seeded().await;
    let page = app.get("/elections?country=TJK").await;
    assert_eq!(page.status, StatusCode::OK);
    let countries = page.texts("tbody tr td:nth-child(2)");
    assert!(!countries.is_empty());
    assert!(countries.iter().all(|c| c == "Tajikistan"));

    let page = app.get("/elections?year=2020").await;
    let dates = page.texts("tbody tr td:first-child");
    assert!(!dates.is_empty());
    assert!(dates.iter().all(|d| d.ends_with("2020")), "{dates:?}");
    let held: Vec<String> = page
        .html()
        .select(&scraper::Selector::parse("tbody time").unwrap())
        .filter_map(|t| t.value().attr("datetime").map(str::to_owned))
        .collect();
    let mut newest_first = held.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(held, newest_first);

    let total: i64 = elections::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    let all = app.get("/elections").await;
    assert!(all.text(".pager p").contains(&format!("of {total}")));
    let none = app.get("/elections?year=1850").await;
    assert!(none.text(".empty").contains("No election matches"));
}

#[actix_web::test]
async fn an_election_puts_every_verdict_side_by_side_benchmarks_first() {
    let app = TestApp::seeded().await;
    let page = app.get("/elections/tjk-2020-03-01-parliamentary").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.text("h1"),
        "Tajikistan, parliamentary election, 1 March 2020"
    );
    let rows = page.texts("table.missions tbody tr");
    assert!(rows.len() >= 2);
    assert!(
        rows[0].contains("ODIHR") && rows[0].contains("Benchmark"),
        "{rows:?}"
    );
    assert!(rows[0].contains("Negative"));
    let sco = rows
        .iter()
        .find(|r| r.contains("(SCO)"))
        .expect("the SCO mission");
    assert!(sco.contains("Positive"));
    assert!(
        sco.contains("Low quality"),
        "each observer's rating is shown beside it"
    );
    assert!(page.links("a").contains(&"/countries/TJK".to_owned()));

    let presidential = app.get("/elections/tjk-2020-10-11-presidential").await;
    assert!(presidential
        .links("a")
        .contains(&"/individuals/vladimir-norov".to_owned()));
}

#[actix_web::test]
async fn sham_votes_are_marked() {
    let app = TestApp::seeded().await;
    let sham: Vec<String> = elections::table
        .filter(elections::legitimacy.eq("sham"))
        .select(elections::id)
        .load(&mut app.conn())
        .unwrap();
    assert!(!sham.is_empty(), "the seed records sham votes");
    let page = app.get(&format!("/elections/{}", sham[0])).await;
    assert!(page.text(".warning").contains("Sham vote"));
}

#[actix_web::test]
async fn a_mission_page_links_its_organization_election_and_members() {
    let app = TestApp::seeded().await;
    let page = app.get("/missions/sco-tjk-2020-10-11-presidential").await;
    assert_eq!(page.status, StatusCode::OK);
    let links = page.links("a");
    assert!(links.contains(&"/organizations/sco".to_owned()));
    assert!(links.contains(&"/elections/tjk-2020-10-11-presidential".to_owned()));
    assert!(links.contains(&"/individuals/vladimir-norov".to_owned()));
    assert!(page.text(".facts").contains("16"), "observer count");
}

#[actix_web::test]
async fn individuals_list_and_profile() {
    let app = TestApp::seeded().await;
    let list = app.get("/individuals").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.texts("tbody tr").len(), 25);
    let found = app.get("/individuals?q=norov").await;
    assert!(found
        .links("tbody a")
        .contains(&"/individuals/vladimir-norov".to_owned()));

    let page = app.get("/individuals/vladimir-norov").await;
    assert_eq!(page.status, StatusCode::OK);
    // The name as the person writes it stands next to the Latin one.
    assert_eq!(page.text("h1"), "Vladimir Norov Владимир Норов");
    let rows = page.texts("tbody tr");
    assert!(rows.iter().any(
        |r| r.contains("Tajikistan, presidential election, 11 October 2020")
            && r.contains("Head of mission")
    ));
    assert!(page
        .links("tbody a")
        .contains(&"/organizations/sco".to_owned()));
    assert!(page.text(".why").contains("published source"));
}

#[actix_web::test]
async fn countries_link_their_elections_and_organizations() {
    let app = TestApp::seeded().await;
    let list = app.get("/countries").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.links("a").contains(&"/countries/TJK".to_owned()));
    let page = app.get("/countries/TJK").await;
    assert_eq!(page.text("h1"), "Tajikistan TJK");
    assert!(page
        .links("a")
        .contains(&"/elections/tjk-2020-10-11-presidential".to_owned()));
    let lower = app.get("/countries/tjk").await;
    assert_eq!(lower.status, StatusCode::OK);
    let china = app.get("/countries/CHN").await;
    assert!(china.links("a").contains(&"/organizations/sco".to_owned()));
}

#[actix_web::test]
async fn about_page_and_stylesheet() {
    let app = TestApp::seeded().await;
    let about = app.get("/about").await;
    assert_eq!(about.status, StatusCode::OK);
    assert!(about.text("h1").contains("About"));
    assert_eq!(about.texts(".scale dt").len(), 5, "the verdict scale");
    // Its example comes from the data, and the election's page agrees with it.
    let example = about.links(".example-case a");
    let observer = example
        .iter()
        .find(|href| href.starts_with("/organizations/"))
        .expect("the example names its observer");
    let election = example
        .iter()
        .find(|href| href.starts_with("/elections/"))
        .expect("the example links the election");
    let page = app.get(election).await;
    let contradicting = page.html();
    let rows = scraper::Selector::parse("tr.contradiction-row a").unwrap();
    assert!(
        contradicting
            .select(&rows)
            .any(|a| a.value().attr("href") == Some(observer.as_str())),
        "{observer} contradicts credible observers at {election}"
    );
    let css = app.get("/static/style.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/css"));
}

#[actix_web::test]
async fn an_empty_registry_shows_empty_states() {
    let app = TestApp::empty().await;
    for (path, message) in [
        ("/", "No missions are recorded yet"),
        ("/organizations", "No organization matches"),
        ("/elections", "No election matches"),
        ("/individuals", "No individual matches"),
        ("/countries", "No country is recorded yet"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            page.text(".empty").contains(message),
            "{path}: {}",
            page.text(".empty")
        );
    }
}

/// Pages there is one of per record (history) or per change, and the public forms: the crawl
/// follows a sample of each (their own tests cover them), not all.
const SAMPLED: [&str; 5] = [
    "/history/",
    "/changes/",
    "/change-sets/",
    "/reply/",
    "/correct/",
];
const SAMPLE: usize = 40;

/// Follows every internal link from the home page and the lists (and a sample of the per-record
/// history and form pages): none may lead to an error.
#[actix_web::test]
async fn every_internal_link_leads_somewhere_real() {
    let app = TestApp::seeded().await;
    let mut queue: VecDeque<String> = [
        "/",
        "/organizations",
        "/elections",
        "/individuals",
        "/countries",
        "/about",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut sampled = [0usize; SAMPLED.len()];
    let mut visited = 0;
    while let Some(path) = queue.pop_front() {
        if let Some(kind) = SAMPLED.iter().position(|prefix| path.starts_with(prefix)) {
            sampled[kind] += 1;
            if sampled[kind] > SAMPLE {
                continue;
            }
        }
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        if !page.header("content-type").starts_with("text/html") {
            continue; // a download: it exists, and has no links to follow
        }
        assert!(!page.title().is_empty(), "{path} has a title");
        visited += 1;
        for href in page.links("a[href]") {
            if href.starts_with('/') && !href.starts_with("//") && seen.insert(href.clone()) {
                queue.push_back(href);
            }
        }
    }
    assert!(visited > 300, "crawled {visited} pages");
    assert!(
        sampled.iter().all(|&n| n > 0),
        "every sampled kind of page is linked: {sampled:?}"
    );
}

#[actix_web::test]
async fn pages_carry_an_etag_and_answer_304_when_unchanged() {
    let app = TestApp::seeded().await;
    let page = app.get("/organizations/sco").await;
    let tag = page.header("etag");
    assert!(tag.starts_with('"') && tag.len() > 2, "{tag}");
    assert_eq!(page.header("cache-control"), "public, max-age=60");
    let again = app
        .get_with("/organizations/sco", &[("If-None-Match", &tag)])
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.bytes.is_empty());
    assert_eq!(again.header("etag"), tag);
    let other = app
        .get_with("/organizations/osce-odihr", &[("If-None-Match", &tag)])
        .await;
    assert_eq!(other.status, StatusCode::OK, "another page has another tag");
    let missing = app
        .get_with("/organizations/nope", &[("If-None-Match", "*")])
        .await;
    assert_eq!(
        missing.status,
        StatusCode::NOT_FOUND,
        "errors are never 304"
    );
}

#[actix_web::test]
async fn a_304_runs_no_query_once_the_data_version_is_known() {
    use actix_web::test::{call_service, init_service, TestRequest};
    use diesel::connection::SimpleConnection;
    use observer_registry::db::Db;
    use observer_registry::web::{app, AppState};

    let seeded = TestApp::seeded().await;
    let state = AppState::with_version_ttl(
        Db::new(seeded.pool.clone(), None),
        std::time::Duration::from_secs(3600),
    );
    let service = init_service(app(state)).await;
    let first = call_service(
        &service,
        TestRequest::get().uri("/organizations/sco").to_request(),
    )
    .await;
    assert_eq!(first.status(), StatusCode::OK);
    let tag = first
        .headers()
        .get("etag")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    // Every table the page reads is gone: only an answer that runs no query can still succeed.
    seeded
        .conn()
        .batch_execute("ALTER TABLE organizations RENAME TO organizations_gone")
        .unwrap();
    let again = call_service(
        &service,
        TestRequest::get()
            .uri("/organizations/sco")
            .insert_header(("If-None-Match", tag.as_str()))
            .to_request(),
    )
    .await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers().get("etag").unwrap().to_str().unwrap(), tag);
    assert_eq!(
        again.headers().get("cache-control").unwrap(),
        "public, max-age=60"
    );
    let rendered = call_service(
        &service,
        TestRequest::get().uri("/organizations/sco").to_request(),
    )
    .await;
    assert!(
        rendered.status().is_server_error(),
        "without the tag the page is rendered, and fails: {}",
        rendered.status()
    );
}

#[actix_web::test]
async fn a_change_to_the_data_changes_every_page_tag() {
    let app = TestApp::seeded().await;
    let page = app.get("/countries/TJK").await;
    let other = app.get("/organizations/sco").await;
    crate::solid_ground::import(
        &app,
        &[("countries.csv", "iso3,name\nTJK,Tajikistan (Republic of)\n")],
    )
    .unwrap();
    for (path, before) in [("/countries/TJK", &page), ("/organizations/sco", &other)] {
        let after = app
            .get_with(path, &[("If-None-Match", &before.header("etag"))])
            .await;
        assert_eq!(after.status, StatusCode::OK, "{path}");
        assert_ne!(after.header("etag"), before.header("etag"), "{path}");
    }
}

#[actix_web::test]
async fn an_organization_pages_through_its_missions_newest_election_first() {
    let app = TestApp::seeded().await;
    // The order every page of the list must follow, straight from the tables.
    let expected: Vec<String> = missions::table
        .inner_join(elections::table)
        .filter(missions::organization_id.eq("osce-odihr"))
        .order((elections::held_on.desc(), missions::id.asc()))
        .select(missions::id)
        .load(&mut app.conn())
        .unwrap();
    assert!(expected.len() > 60, "more than one page");
    let mut shown: Vec<String> = Vec::new();
    for page in 1..=expected.len() {
        let html = app
            .get(&format!("/organizations/osce-odihr?page={page}"))
            .await;
        let mut on_page: Vec<String> = html
            .links("table.missions a")
            .into_iter()
            .filter_map(|href| href.strip_prefix("/missions/").map(str::to_owned))
            .collect();
        on_page.dedup();
        if html.status != StatusCode::OK || on_page.is_empty() {
            break;
        }
        shown.extend(on_page);
    }
    assert_eq!(shown, expected);
}

/// The app's state over `seeded` with an 8 MB page cache, reading the data version at most once
/// per `version_ttl`.
fn with_page_cache(
    seeded: &TestApp,
    version_ttl: std::time::Duration,
) -> observer_registry::web::AppState {
    use observer_registry::db::Db;
    observer_registry::web::AppState::with_version_ttl(
        Db::new(seeded.pool.clone(), None),
        version_ttl,
    )
    .with_page_cache(8 * 1024 * 1024)
}

#[actix_web::test]
async fn a_page_asked_for_again_is_sent_from_the_page_cache_without_a_query() {
    use actix_web::test::{call_service, init_service, read_body, TestRequest};
    use diesel::connection::SimpleConnection;
    use observer_registry::web::app;

    let seeded = TestApp::seeded().await;
    let state = with_page_cache(&seeded, std::time::Duration::from_secs(3600));
    let cache = state.pages.clone().unwrap();
    let service = init_service(app(state)).await;
    let get = |headers: &[(&'static str, &'static str)]| {
        let mut request = TestRequest::get().uri("/organizations/sco");
        for header in headers {
            request = request.insert_header(*header);
        }
        request.to_request()
    };
    let first = call_service(&service, get(&[("Accept-Encoding", "gzip")])).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers().get("content-encoding").unwrap(), "gzip");
    let tag = first.headers().get("etag").unwrap().clone();
    let first_body = read_body(first).await;
    assert_eq!(cache.len(), 1);

    // Every table the page reads is gone: only an answer kept whole can still be sent.
    seeded
        .conn()
        .batch_execute("ALTER TABLE organizations RENAME TO organizations_gone")
        .unwrap();
    let again = call_service(&service, get(&[("Accept-Encoding", "gzip")])).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.headers().get("etag").unwrap(), tag);
    assert_eq!(again.headers().get("content-encoding").unwrap(), "gzip");
    assert_eq!(
        again.headers().get("cache-control").unwrap(),
        "public, max-age=60"
    );
    assert!(again.headers().get("content-security-policy").is_some());
    assert_eq!(read_body(again).await, first_body);

    // Another encoding, language or cookie is another answer, rendered for itself (and failing
    // here); a signed-in curator's request is never answered from the cache.
    for headers in [
        &[("Accept-Encoding", "identity")][..],
        &[("Accept-Encoding", "gzip"), ("Accept-Language", "ru")][..],
        &[("Accept-Encoding", "gzip"), ("Cookie", "session=abc")][..],
    ] {
        let other = call_service(&service, get(headers)).await;
        assert!(other.status().is_server_error(), "{headers:?}");
    }
    seeded
        .conn()
        .batch_execute("ALTER TABLE organizations_gone RENAME TO organizations")
        .unwrap();
}

#[actix_web::test]
async fn a_change_to_the_data_is_never_hidden_by_the_page_cache() {
    use actix_web::test::{call_service, init_service, read_body, TestRequest};
    use observer_registry::web::app;

    let seeded = TestApp::seeded().await;
    let state = with_page_cache(&seeded, std::time::Duration::ZERO);
    let service = init_service(app(state)).await;
    let page = || TestRequest::get().uri("/countries/TJK").to_request();
    let before = String::from_utf8(
        read_body(call_service(&service, page()).await)
            .await
            .to_vec(),
    )
    .unwrap();
    assert!(!before.contains("Republic of"));
    crate::solid_ground::import(
        &seeded,
        &[("countries.csv", "iso3,name\nTJK,Tajikistan (Republic of)\n")],
    )
    .unwrap();
    let after = String::from_utf8(
        read_body(call_service(&service, page()).await)
            .await
            .to_vec(),
    )
    .unwrap();
    assert!(after.contains("Tajikistan (Republic of)"));
}

#[actix_web::test]
async fn answers_that_are_not_kept_are_marked_so_and_rendered_for_every_request() {
    use actix_web::test::{call_service, init_service, TestRequest};
    use observer_registry::web::app;

    let seeded = TestApp::seeded().await;
    let state = with_page_cache(&seeded, std::time::Duration::from_secs(3600));
    let cache = state.pages.clone().unwrap();
    let service = init_service(app(state)).await;
    let csrf_of = |headers: &actix_web::http::header::HeaderMap| {
        headers
            .get_all("set-cookie")
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("csrf="))
            .map(str::to_owned)
    };
    // The sign-in form sets a cookie: never kept, so its tag gets the mark that lets the
    // requests for it through side by side (not one at a time behind a placeholder).
    let first = call_service(&service, TestRequest::get().uri("/login").to_request()).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first_token = csrf_of(first.headers()).expect("a CSRF cookie");
    assert_eq!(cache.len(), 1, "the mark");
    let requests =
        (0..16).map(|_| call_service(&service, TestRequest::get().uri("/login").to_request()));
    let answers = futures_util::future::join_all(requests).await;
    let mut tokens: Vec<String> = answers
        .iter()
        .map(|answer| {
            assert_eq!(answer.status(), StatusCode::OK);
            csrf_of(answer.headers())
                .expect("each answer rendered for its request, with its own cookie")
        })
        .collect();
    tokens.push(first_token);
    tokens.sort();
    tokens.dedup();
    assert_eq!(tokens.len(), 17, "every request got a token of its own");
    assert_eq!(cache.len(), 1, "still only the mark");

    // A missing page is not kept either: each request is answered 404 by the handler.
    for _ in 0..2 {
        let missing = call_service(
            &service,
            TestRequest::get()
                .uri("/organizations/no-such-group")
                .to_request(),
        )
        .await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(
        cache.len(),
        2,
        "the sign-in form's mark and the missing page's"
    );
}
