//! The interface in every language: every page renders in English, Russian and French with no
//! missing message and no untranslated text, and the language is chosen as documented.

use std::collections::BTreeSet;

use actix_web::http::StatusCode;
use observer_registry::web::i18n::{self, Lang};

use crate::harness::{Page, TestApp};

/// Up to `n` distinct links of a page that start with `prefix` and name one record.
fn record_links(page: &Page, prefix: &str, n: usize) -> Vec<String> {
    let mut seen = BTreeSet::new();
    page.links("a")
        .into_iter()
        .filter(|href| {
            href.starts_with(prefix)
                && href.len() > prefix.len()
                && !href[prefix.len()..].contains(['/', '?', '#'])
        })
        .filter(|href| seen.insert(href.clone()))
        .take(n)
        .collect()
}

fn in_language(path: &str, lang: Lang) -> String {
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}lang={}", lang.code())
}

/// Every page of the site, with records of each kind (the flagged ones too), and its status.
async fn every_page(app: &TestApp) -> Vec<(String, StatusCode)> {
    let ok = StatusCode::OK;
    let mut pages: Vec<(String, StatusCode)> = [
        "/",
        "/about",
        "/guide",
        "/trends",
        "/feed.atom",
        "/methodology",
        "/organizations",
        "/organizations?rating=low_quality",
        "/organizations?q=zzzzqqq",
        "/organizations?page=999",
        "/elections",
        "/elections?kind=referendum",
        "/individuals",
        "/countries",
        "/downloads",
        "/downloads/releases",
        "/search",
        "/search?q=%D0%A8%D0%9E%D0%A1",
        "/search?q=Bela+Kovacs",
        "/search?q=Tajikistan+2020",
        "/search?q=qqqqzzzzxxxx",
        "/vet",
        "/api",
    ]
    .into_iter()
    .map(|path| (path.to_owned(), ok))
    .collect();
    let lists = [
        ("/organizations?rating=low_quality", "/organizations/"),
        ("/organizations?rating=benchmark", "/organizations/"),
        ("/organizations?rating=credible", "/organizations/"),
        ("/organizations?rating=insufficient_data", "/organizations/"),
        ("/elections", "/elections/"),
        ("/individuals", "/individuals/"),
        ("/countries", "/countries/"),
    ];
    for (list, prefix) in lists {
        let page = app.get(list).await;
        for link in record_links(&page, prefix, 4) {
            pages.push((link, ok));
        }
    }
    // Missions, and individuals with flags, are reached from records.
    let organizations: Vec<String> = pages
        .iter()
        .filter(|(path, _)| path.starts_with("/organizations/"))
        .map(|(path, _)| path.clone())
        .collect();
    for organization in organizations {
        let page = app.get(&organization).await;
        for link in record_links(&page, "/missions/", 2) {
            pages.push((link, ok));
        }
    }
    let search = app.get("/search?q=Malkevich").await;
    for link in record_links(&search, "/individuals/", 2) {
        pages.push((link, ok));
    }
    let id = app
        .get("/organizations")
        .await
        .links("a")
        .into_iter()
        .find_map(|href| href.strip_prefix("/organizations/").map(str::to_owned))
        .expect("an organization");
    pages.push((format!("/api/reconcile/preview?id={id}"), ok));
    for (path, status) in [
        ("/no/such/page", StatusCode::NOT_FOUND),
        ("/organizations/no-such-organization", StatusCode::NOT_FOUND),
        ("/elections/no-such-election", StatusCode::NOT_FOUND),
        ("/individuals/NOT%20AN%20ID", StatusCode::NOT_FOUND),
        ("/countries/XXX", StatusCode::NOT_FOUND),
        (
            "/organizations?page=0&kind=coup&country=12",
            StatusCode::BAD_REQUEST,
        ),
        ("/elections?year=abc", StatusCode::BAD_REQUEST),
    ] {
        pages.push((path.to_owned(), status));
    }
    pages
}

/// The English sentences that a Russian or French page must not show: every plain message of
/// the English catalogue that its translation words differently.
fn english_only(lang: Lang) -> Vec<(String, String)> {
    let translated: std::collections::HashMap<String, String> =
        i18n::plain_messages(lang).into_iter().collect();
    i18n::plain_messages(Lang::En)
        .into_iter()
        .filter(|(id, text)| {
            // Short words ("organization") also occur in names and quotes, which stay as recorded.
            text.split_whitespace().count() >= 4 && translated.get(id).is_some_and(|t| t != text)
        })
        .collect()
}

fn check(page: &Page, path: &str, lang: Lang, leaks: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    if path.ends_with(".atom") {
        if !page.body.contains(&format!("xml:lang=\"{}\"", lang.code())) {
            problems.push(format!("{path} [{}]: no xml:lang", lang.code()));
        }
        for (id, text) in leaks {
            if page.body.contains(text.as_str()) {
                problems.push(format!(
                    "{path} [{}]: English text of {id}: {text:?}",
                    lang.code()
                ));
            }
        }
        return problems;
    }
    let html = page.html();
    let root = html.root_element();
    if root.value().attr("lang") != Some(lang.code()) {
        problems.push(format!(
            "{path} [{}]: <html lang> is {:?}",
            lang.code(),
            root.value().attr("lang")
        ));
    }
    // The reconciliation preview is a card inside OpenRefine, not a page of the site.
    let site_page = !path.starts_with("/api/reconcile/");
    for other in Lang::ALL.into_iter().filter(|_| site_page) {
        let alternate = format!("link[rel=alternate][hreflang={}]", other.code());
        if page.links(&alternate).is_empty() {
            problems.push(format!(
                "{path} [{}]: no alternate link to {}",
                lang.code(),
                other.code()
            ));
        }
    }
    let vary = page.header("vary").to_ascii_lowercase();
    if !(vary.contains("cookie") && vary.contains("accept-language")) {
        problems.push(format!("{path} [{}]: Vary is {vary:?}", lang.code()));
    }
    let visible = page.text("body");
    for (id, text) in leaks {
        if visible.contains(text.as_str()) {
            problems.push(format!(
                "{path} [{}]: English text of {id}: {text:?}",
                lang.code()
            ));
        }
    }
    problems
}

#[actix_rt::test]
async fn every_page_renders_in_every_language_with_every_message() {
    let app = TestApp::seeded().await;
    let pages = every_page(&app).await;
    assert!(pages.len() > 40, "{} pages", pages.len());
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let leaks = if lang == Lang::En {
            Vec::new()
        } else {
            english_only(lang)
        };
        for (path, status) in &pages {
            let page = app.get(&in_language(path, lang)).await;
            if page.status != *status {
                problems.push(format!("{path} [{}]: status {}", lang.code(), page.status));
                continue;
            }
            problems.extend(check(&page, path, lang, &leaks));
        }
        // The pages a form answers: a vetting report, and the form with what is wrong.
        let report = app
            .post_form(
                &in_language("/vet", lang),
                &[("names", "Малькевич\nBela Kovacs, AFRIC\nNobody Atall")],
            )
            .await;
        assert_eq!(report.status, StatusCode::OK);
        problems.extend(check(&report, "POST /vet", lang, &leaks));
        let empty = app
            .post_form(&in_language("/vet", lang), &[("names", "")])
            .await;
        assert_eq!(empty.status, StatusCode::BAD_REQUEST);
        problems.extend(check(&empty, "POST /vet (empty)", lang, &leaks));
        let not_allowed = app
            .post_form(&in_language("/organizations", lang), &[("q", "x")])
            .await;
        assert_eq!(not_allowed.status, StatusCode::METHOD_NOT_ALLOWED);
        problems.extend(check(&not_allowed, "POST /organizations", lang, &leaks));
    }
    let missing = i18n::missing_messages();
    assert!(
        missing.is_empty(),
        "missing or failing messages: {missing:#?}"
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[actix_rt::test]
async fn the_language_comes_from_the_query_then_the_cookie_then_the_browser() {
    let app = TestApp::seeded().await;
    let lang_of = |page: &Page| {
        page.html()
            .root_element()
            .value()
            .attr("lang")
            .map(str::to_owned)
    };

    let plain = app.get("/methodology").await;
    assert_eq!(lang_of(&plain).as_deref(), Some("en"));
    assert!(plain.header("set-cookie").is_empty());

    let browser = app
        .get_with(
            "/methodology",
            &[("Accept-Language", "de-DE, ru;q=0.8, en;q=0.5")],
        )
        .await;
    assert_eq!(lang_of(&browser).as_deref(), Some("ru"));
    assert!(browser
        .text("h1")
        .contains("Как реестр оценивает наблюдателей"));

    let cookie = app
        .get_with(
            "/methodology",
            &[("Accept-Language", "ru"), ("Cookie", "other=1; lang=fr")],
        )
        .await;
    assert_eq!(lang_of(&cookie).as_deref(), Some("fr"));

    let asked = app
        .get_with(
            "/methodology?lang=en",
            &[("Cookie", "lang=fr"), ("Accept-Language", "ru")],
        )
        .await;
    assert_eq!(lang_of(&asked).as_deref(), Some("en"));
    let set = asked.header("set-cookie");
    assert!(
        set.starts_with("lang=en;") && set.contains("Path=/"),
        "{set}"
    );

    let unknown = app
        .get_with("/methodology?lang=xx", &[("Accept-Language", "de")])
        .await;
    assert_eq!(lang_of(&unknown).as_deref(), Some("en"));
    assert!(unknown.header("set-cookie").is_empty());

    for page in [&plain, &browser, &cookie, &asked] {
        let vary = page.header("vary").to_ascii_lowercase();
        assert!(
            vary.contains("cookie") && vary.contains("accept-language"),
            "{vary}"
        );
    }
}

#[actix_rt::test]
async fn each_language_has_its_own_entity_tag() {
    let app = TestApp::seeded().await;
    let mut tags = BTreeSet::new();
    for lang in Lang::ALL {
        let page = app.get(&in_language("/about", lang)).await;
        tags.insert(page.header("etag"));
        let again = app
            .get_with(
                &in_language("/about", lang),
                &[("If-None-Match", &page.header("etag"))],
            )
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{}", lang.code());
    }
    assert_eq!(tags.len(), 3, "{tags:?}");
}

#[actix_rt::test]
async fn error_pages_speak_the_readers_language() {
    let app = TestApp::seeded().await;
    let page = app
        .get_with(
            "/organizations/no-such-group",
            &[("Accept-Language", "ru-RU,ru")],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.text("main")
            .contains("В реестре нет организации с идентификатором"),
        "{}",
        page.text("main")
    );
    let bad = app.get("/elections?year=abc&lang=fr").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.text("main").contains("doit être une année, comme 2020"),
        "{}",
        bad.text("main")
    );
}
