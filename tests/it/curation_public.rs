//! The public's replies and corrections, their moderation, the admin's page and the web import:
//! each as a visitor, a curator or an admin does it, on a fresh database.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use diesel::prelude::*;
use observer_registry::db::{self, Db};
use observer_registry::domain::AccountRole;
use observer_registry::model::account;
use observer_registry::web::i18n;

use crate::harness::{cookie_header, keep_cookies, Page, TestApp, TestDatabase};

const PASSWORD: &str = "correct horse battery staple";
const ORGANIZATION: &str = "afric";
const INDIVIDUAL: &str = "abdoulaye-bathily";

/// The cookies a browser keeps.
#[derive(Debug, Clone, Default)]
struct Jar(BTreeMap<String, String>);

impl Jar {
    fn keep(&mut self, page: &Page) {
        keep_cookies(&mut self.0, page);
    }

    fn header(&self) -> String {
        cookie_header(&self.0)
    }

    fn csrf(&self) -> String {
        self.0.get("csrf").cloned().unwrap_or_default()
    }
}

async fn get(app: &TestApp, path: &str, jar: &mut Jar) -> Page {
    let mut request = TestRequest::get().uri(path);
    if !jar.0.is_empty() {
        request = request.insert_header(("Cookie", jar.header()));
    }
    let page = app.request(request).await;
    jar.keep(&page);
    page
}

fn form_body(fields: &[(&str, &str)]) -> Vec<u8> {
    let mut body = form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        body.append_pair(name, value);
    }
    body.finish().into_bytes()
}

/// A POST of a form with the jar's cookies, from `peer`.
async fn post(
    app: &TestApp,
    path: &str,
    jar: &mut Jar,
    fields: &[(&str, &str)],
    peer: &str,
) -> Page {
    let mut request = TestRequest::post()
        .uri(path)
        .peer_addr(format!("{peer}:40000").parse().unwrap())
        .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
        .set_payload(form_body(fields));
    if !jar.0.is_empty() {
        request = request.insert_header(("Cookie", jar.header()));
    }
    let page = app.request(request).await;
    jar.keep(&page);
    page
}

/// Creates an account and signs it in: the jar then holds its session and CSRF cookies.
async fn sign_in(app: &TestApp, name: &str, role: AccountRole) -> Jar {
    account::add_user(
        &mut app.conn(),
        name,
        role,
        PASSWORD,
        chrono::Utc::now().naive_utc(),
    )
    .unwrap();
    let mut jar = Jar::default();
    get(app, "/login", &mut jar).await;
    let csrf = jar.csrf();
    let page = post(
        app,
        "/login",
        &mut jar,
        &[("csrf", &csrf), ("name", name), ("password", PASSWORD)],
        "10.0.0.1",
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{name} signs in");
    assert!(jar.0.contains_key("session"));
    jar
}

fn submissions(app: &TestApp) -> i64 {
    use observer_registry::db::schema::submissions;
    submissions::table
        .count()
        .get_result(&mut *app.conn())
        .unwrap()
}

fn change_sets(app: &TestApp, kind: &str) -> i64 {
    use observer_registry::db::schema::change_sets;
    change_sets::table
        .filter(change_sets::kind.eq(kind))
        .count()
        .get_result(&mut *app.conn())
        .unwrap()
}

fn pending_ids(page: &Page) -> Vec<String> {
    page.html()
        .select(&scraper::Selector::parse("form.decision").unwrap())
        .filter_map(|form| form.value().attr("action").map(str::to_owned))
        .collect()
}

/// Sends a form of the public (reply or correction) as a visitor would: GET, then POST.
async fn send(app: &TestApp, path: &str, fields: &[(&str, &str)], peer: &str) -> Page {
    let mut jar = Jar::default();
    let form = get(app, path, &mut jar).await;
    assert_eq!(form.status, StatusCode::OK, "{path}");
    let csrf = jar.csrf();
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    post(app, path, &mut jar, &all, peer).await
}

fn reply_fields<'a>(name: &'a str, contact: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("author_name", name),
        ("author_contact", contact),
        ("body", body),
        ("website", ""),
    ]
}

#[actix_web::test]
async fn a_reply_and_a_correction_go_through_moderation_and_the_reply_is_published() {
    let app = TestApp::seeded().await;
    let reply_path = format!("/reply/organization/{ORGANIZATION}");
    let form = app.get(&reply_path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.header("cache-control"), "private, no-store");
    assert!(form
        .links("a")
        .contains(&format!("/organizations/{ORGANIZATION}")));
    assert!(
        form.text("main").contains("Association for Free Research"),
        "names the record"
    );
    assert_eq!(
        form.html()
            .select(&scraper::Selector::parse("input.trap, .trap input[name=website]").unwrap())
            .count(),
        1
    );

    let sent = send(
        &app,
        &reply_path,
        &reply_fields(
            "Jean Dupont",
            "secret-contact@example.org",
            "We dispute this entry.\nSecond line.",
        ),
        "192.0.2.1",
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(sent.header("cache-control"), "private, no-store");
    assert!(
        sent.text("main").contains("moderation"),
        "{}",
        sent.text("main")
    );
    assert!(sent.text("main").contains("never published"));

    let correction_path = "/correct/election/ago-2008-09-05-parliamentary";
    let mut fields = reply_fields("Ann Critic", "ann@example.org", "The date is wrong.");
    fields.push(("source_url", "https://example.org/proof"));
    let sent = send(&app, correction_path, &fields, "192.0.2.1").await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(submissions(&app), 2);

    // Not public before moderation.
    let page = app.get(&format!("/organizations/{ORGANIZATION}")).await;
    assert!(!page.body.contains("We dispute this entry"));

    let mut curator = sign_in(&app, "carol", AccountRole::Curator).await;
    let queue = get(&app, "/moderation", &mut curator).await;
    assert_eq!(queue.status, StatusCode::OK);
    assert_eq!(queue.header("cache-control"), "private, no-store");
    assert!(
        queue.body.contains("secret-contact@example.org"),
        "curators see the contact"
    );
    assert!(queue.body.contains("https://example.org/proof"));
    assert!(queue
        .links("a[rel='nofollow noopener']")
        .contains(&"https://example.org/proof".to_owned()));
    let ids = pending_ids(&queue);
    assert_eq!(ids.len(), 2, "oldest first, both pending");
    let before = change_sets(&app, "moderation");
    let csrf = curator.csrf();
    let decided = post(
        &app,
        &ids[0],
        &mut curator,
        &[("csrf", &csrf), ("decision", "accept")],
        "10.0.0.1",
    )
    .await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER);
    assert_eq!(decided.header("location"), "/moderation");
    assert_eq!(
        change_sets(&app, "moderation"),
        before + 1,
        "the decision is a change set"
    );
    let decided = post(
        &app,
        &ids[1],
        &mut curator,
        &[("csrf", &csrf), ("decision", "accept")],
        "10.0.0.1",
    )
    .await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER);
    let queue = get(&app, "/moderation", &mut curator).await;
    assert!(pending_ids(&queue).is_empty());
    assert!(
        queue.text("main").contains("Nothing is waiting"),
        "empty state"
    );

    // The recorded change never holds the contact.
    {
        use observer_registry::db::schema::changes;
        let values: Vec<(Option<String>, Option<String>)> = changes::table
            .select((changes::before_value, changes::after_value))
            .load(&mut *app.conn())
            .unwrap();
        assert!(values
            .iter()
            .all(|(b, a)| !format!("{b:?}{a:?}").contains("secret-contact")));
    }

    let page = app.get(&format!("/organizations/{ORGANIZATION}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let replies = page.text("section.replies");
    assert!(replies.contains("We dispute this entry"), "{replies}");
    assert!(replies.contains("Jean Dupont"));
    let today = chrono::Utc::now().date_naive();
    let l = i18n::L10n::english();
    assert!(replies.contains(&l.date(today)), "{replies}");
    for path in [
        format!("/organizations/{ORGANIZATION}"),
        "/elections/ago-2008-09-05-parliamentary".to_owned(),
        reply_path.clone(),
        "/".to_owned(),
        "/feed.atom".to_owned(),
    ] {
        let page = app.get(&path).await;
        assert!(
            !page.body.contains("secret-contact"),
            "the contact is not on {path}"
        );
        assert!(
            !page.body.contains("ann@example.org"),
            "the contact is not on {path}"
        );
    }
}

#[actix_web::test]
async fn a_rejected_reply_never_appears_and_individuals_take_replies_too() {
    let app = TestApp::seeded().await;
    let path = format!("/reply/individual/{INDIVIDUAL}");
    let sent = send(
        &app,
        &path,
        &reply_fields("B", "b@example.org", "Rejected words here"),
        "192.0.2.2",
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK);
    let sent = send(
        &app,
        &path,
        &reply_fields("Bathily's office", "c@example.org", "Accepted words here"),
        "192.0.2.2",
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK);
    let mut curator = sign_in(&app, "carol", AccountRole::Curator).await;
    let queue = get(&app, "/moderation", &mut curator).await;
    let ids = pending_ids(&queue);
    let csrf = curator.csrf();
    post(
        &app,
        &ids[0],
        &mut curator,
        &[("csrf", &csrf), ("decision", "reject")],
        "10.0.0.1",
    )
    .await;
    post(
        &app,
        &ids[1],
        &mut curator,
        &[("csrf", &csrf), ("decision", "accept")],
        "10.0.0.1",
    )
    .await;
    let bad = post(
        &app,
        &ids[1],
        &mut curator,
        &[("csrf", &csrf), ("decision", "maybe")],
        "10.0.0.1",
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let page = app.get(&format!("/individuals/{INDIVIDUAL}")).await;
    assert!(page.text("section.replies").contains("Accepted words here"));
    assert!(page.text("section.replies").contains("Bathily's office"));
    assert!(!page.body.contains("Rejected words here"));
    let queue = get(&app, "/moderation", &mut curator).await;
    assert!(
        !queue.body.contains("Rejected words here"),
        "decided ones leave the queue"
    );
    // Replies are for organizations and people only.
    assert_eq!(
        app.get("/reply/election/ago-2008-09-05-parliamentary")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn a_filled_honeypot_is_answered_as_a_success_and_nothing_is_stored() {
    let app = TestApp::seeded().await;
    let path = format!("/reply/organization/{ORGANIZATION}");
    let mut fields = reply_fields("Bot", "bot@example.org", "Buy things");
    fields.retain(|(name, _)| *name != "website");
    fields.push(("website", "http://spam.example"));
    let trapped = send(&app, &path, &fields, "192.0.2.3").await;
    let honest = send(
        &app,
        &path,
        &reply_fields("Bot", "bot@example.org", "Buy things"),
        "192.0.2.4",
    )
    .await;
    assert_eq!(trapped.status, StatusCode::OK);
    assert_eq!(trapped.text("main"), honest.text("main"), "the same answer");
    assert_eq!(submissions(&app), 1, "only the honest one is stored");
}

#[actix_web::test]
async fn a_form_without_its_csrf_token_is_refused_and_nothing_is_stored() {
    let app = TestApp::seeded().await;
    let path = format!("/reply/organization/{ORGANIZATION}");
    let mut jar = Jar::default();
    get(&app, &path, &mut jar).await;
    let fields = reply_fields("A", "a@example.org", "text");
    let missing = post(&app, &path, &mut jar, &fields, "192.0.2.5").await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let mut wrong = fields.clone();
    let forged = "0".repeat(64);
    wrong.push(("csrf", &forged));
    let page = post(&app, &path, &mut jar, &wrong, "192.0.2.5").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // A token without its cookie (another site's page) is refused too.
    let csrf = jar.csrf();
    let mut no_cookie = Jar::default();
    let mut with_token = fields.clone();
    with_token.push(("csrf", &csrf));
    let page = post(
        &app,
        "/correct/organization/afric",
        &mut no_cookie,
        &with_token,
        "192.0.2.5",
    )
    .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(submissions(&app), 0);
}

#[actix_web::test]
async fn an_address_may_send_five_submissions_an_hour() {
    let app = TestApp::seeded().await;
    let path = format!("/reply/organization/{ORGANIZATION}");
    for n in 1..=5 {
        let body = format!("message {n}");
        let page = send(
            &app,
            &path,
            &reply_fields("A", "a@example.org", &body),
            "198.51.100.7",
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "submission {n}");
    }
    let page = send(
        &app,
        &path,
        &reply_fields("A", "a@example.org", "message six"),
        "198.51.100.7",
    )
    .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        page.text("[role=alert]").contains("Wait an hour"),
        "{}",
        page.text("main")
    );
    assert!(page.body.contains("message six"), "what was typed is kept");
    assert_eq!(submissions(&app), 5);
    let other = send(
        &app,
        &path,
        &reply_fields("A", "a@example.org", "from elsewhere"),
        "198.51.100.8",
    )
    .await;
    assert_eq!(
        other.status,
        StatusCode::OK,
        "another address is not limited"
    );
}

#[actix_web::test]
async fn bad_submissions_are_shown_again_with_a_message_next_to_the_field() {
    let app = TestApp::seeded().await;
    let path = format!("/reply/organization/{ORGANIZATION}");
    let long = "a".repeat(5_001);
    let page = send(
        &app,
        &path,
        &reply_fields("Ann", "ann@example.org", &long),
        "192.0.2.9",
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.header("cache-control"), "private, no-store");
    assert!(
        page.text("#body-error").contains("5000"),
        "{}",
        page.text("#body-error")
    );
    assert!(
        page.body.contains("ann@example.org"),
        "what was typed is kept"
    );
    let empty = send(&app, &path, &reply_fields("", "", "x"), "192.0.2.9").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!empty.text("#author_name-error").is_empty());
    assert!(!empty.text("#author_contact-error").is_empty());
    assert!(empty.text("#body-error").is_empty());
    let cyrillic = "ж".repeat(5_000);
    let page = send(
        &app,
        &path,
        &reply_fields("Иван", "ivan@example.org", &cyrillic),
        "192.0.2.9",
    )
    .await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "5,000 characters, 10,000 bytes: {}",
        page.texts(".field-error, [role=alert]").join(" | ")
    );

    let correction = "/correct/organization/afric";
    for url in ["javascript:alert(1)", "ftp://example.org/x", ""] {
        let mut fields = reply_fields("Ann", "ann@example.org", "wrong");
        fields.push(("source_url", url));
        let page = send(&app, correction, &fields, "192.0.2.10").await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        assert!(!page.text("#source_url-error").is_empty(), "{url}");
    }
    assert_eq!(submissions(&app), 1);
    let sql = "Robert'); DROP TABLE submissions;--";
    let mut fields = reply_fields(sql, "x' OR '1'='1", sql);
    fields.push(("source_url", "https://example.org/?q=1'OR'1'='1"));
    assert_eq!(
        send(&app, correction, &fields, "192.0.2.10").await.status,
        StatusCode::OK
    );
    let stored: (String, String) = {
        use observer_registry::db::schema::submissions;
        submissions::table
            .order(submissions::id.desc())
            .select((submissions::author_name, submissions::body))
            .first(&mut *app.conn())
            .unwrap()
    };
    assert_eq!(stored, (sql.to_owned(), sql.to_owned()), "stored literally");
    let mut curator = sign_in(&app, "carol", AccountRole::Curator).await;
    let queue = get(&app, "/moderation", &mut curator).await;
    assert!(queue.text("main").contains(sql), "shown literally");

    // Unknown records and kinds are 404.
    assert_eq!(
        app.get("/reply/organization/no-such-org").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/correct/source/no-such-source").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/correct/planet/earth").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/correct/organization/NOT%20AN%20ID").await.status,
        StatusCode::NOT_FOUND
    );
    let mut jar = Jar::default();
    get(&app, "/reply/organization/afric", &mut jar).await;
    let csrf = jar.csrf();
    let mut fields = reply_fields("A", "a@example.org", "x");
    fields.push(("csrf", &csrf));
    let page = post(
        &app,
        "/reply/organization/no-such-org",
        &mut jar,
        &fields,
        "192.0.2.11",
    )
    .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn every_kind_of_record_takes_corrections_in_every_language() {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = diesel::sql_types::Text)]
        id: String,
    }
    let app = TestApp::seeded().await;
    let first = |table: &str| -> String {
        diesel::sql_query(format!("SELECT id FROM {table} ORDER BY id LIMIT 1"))
            .get_result::<Id>(&mut *app.conn())
            .unwrap()
            .id
    };
    for (kind, table) in [
        ("organization", "organizations"),
        ("election", "elections"),
        ("mission", "missions"),
        ("individual", "individuals"),
        ("participation", "participations"),
        ("source", "sources"),
        ("sanction", "sanctions"),
    ] {
        let id = first(table);
        for lang in ["en", "ru", "fr"] {
            let page = app.get(&format!("/correct/{kind}/{id}?lang={lang}")).await;
            assert_eq!(page.status, StatusCode::OK, "{kind} {id} {lang}");
            assert_eq!(page.html().root_element().value().attr("lang"), Some(lang));
        }
    }
    for lang in ["ru", "fr"] {
        let page = app
            .get(&format!("/reply/organization/{ORGANIZATION}?lang={lang}"))
            .await;
        let english = i18n::L10n::english();
        assert!(
            !page.body.contains(&english.t("reply-right-of-reply")),
            "{lang}"
        );
        assert!(
            !page.body.contains(&english.t("reply-contact-private")),
            "{lang}"
        );
    }
    let missing: Vec<String> = i18n::missing_messages()
        .into_iter()
        .filter(|m| {
            m.contains("reply-")
                || m.contains("moderation-")
                || m.contains("import-")
                || m.contains("admin-")
        })
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}

#[actix_web::test]
async fn xss_in_a_reply_is_shown_escaped_in_the_queue_and_on_the_page() {
    let app = TestApp::seeded().await;
    let payload = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    let mut fields = reply_fields(payload, payload, payload);
    fields.push((
        "source_url",
        "https://example.org/\"><script>alert(3)</script>",
    ));
    let path = format!("/reply/organization/{ORGANIZATION}");
    assert_eq!(
        send(&app, &path, &fields, "192.0.2.20").await.status,
        StatusCode::OK
    );
    let correction = format!("/correct/organization/{ORGANIZATION}");
    assert_eq!(
        send(&app, &correction, &fields, "192.0.2.20").await.status,
        StatusCode::OK
    );
    let mut curator = sign_in(&app, "carol", AccountRole::Curator).await;
    let queue = get(&app, "/moderation", &mut curator).await;
    assert!(
        !queue.body.contains("<script>alert"),
        "escaped in the queue"
    );
    assert!(!queue.body.contains("<img src=x"), "escaped in the queue");
    assert!(queue.text("main").contains(payload), "shown as text");
    for id in pending_ids(&queue) {
        let csrf = curator.csrf();
        post(
            &app,
            &id,
            &mut curator,
            &[("csrf", &csrf), ("decision", "accept")],
            "10.0.0.1",
        )
        .await;
    }
    let page = app.get(&format!("/organizations/{ORGANIZATION}")).await;
    assert!(!page.body.contains("<script>alert"));
    assert!(!page.body.contains("<img src=x"));
    assert!(page.text("section.replies").contains(payload));
}

#[actix_web::test]
async fn curator_and_admin_pages_refuse_who_may_not_see_them() {
    let app = TestApp::seeded().await;
    for path in ["/moderation", "/admin", "/admin/import"] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert!(
            page.header("location").starts_with("/login?next="),
            "{path}"
        );
    }
    let mut anonymous = Jar::default();
    get(&app, "/reply/organization/afric", &mut anonymous).await;
    let csrf = anonymous.csrf();
    for path in [
        "/moderation/1",
        "/admin/users/1/revoke",
        "/admin/import",
        "/admin/import/abc",
    ] {
        let page = post(
            &app,
            path,
            &mut anonymous,
            &[("csrf", &csrf), ("decision", "accept")],
            "10.0.0.2",
        )
        .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert!(page.header("location").starts_with("/login"), "{path}");
    }
    let mut curator = sign_in(&app, "carol", AccountRole::Curator).await;
    for path in ["/admin", "/admin/import"] {
        assert_eq!(
            get(&app, path, &mut curator).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let csrf = curator.csrf();
    let page = post(
        &app,
        "/admin/users/1/revoke",
        &mut curator,
        &[("csrf", &csrf)],
        "10.0.0.1",
    )
    .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // A curator's forged decision (no token) changes nothing.
    let sent = send(
        &app,
        "/reply/organization/afric",
        &reply_fields("A", "a@example.org", "x"),
        "192.0.2.30",
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK);
    let queue = get(&app, "/moderation", &mut curator).await;
    let id = pending_ids(&queue).remove(0);
    let page = post(
        &app,
        &id,
        &mut curator,
        &[("decision", "accept")],
        "10.0.0.1",
    )
    .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(
        pending_ids(&get(&app, "/moderation", &mut curator).await).len(),
        1
    );
}

#[actix_web::test]
async fn an_admin_signs_a_curator_out_on_every_instance_at_once() {
    let database = TestDatabase::new();
    let url = database.url.clone();
    let first = TestApp::seeded_on(database).await;
    let second = TestApp::with_db(Db::new(db::pool(&url, 2).unwrap(), None));
    let mut curator = sign_in(&first, "carol", AccountRole::Curator).await;
    let mut admin = sign_in(&first, "root", AccountRole::Admin).await;
    assert_eq!(
        get(&second, "/moderation", &mut curator.clone())
            .await
            .status,
        StatusCode::OK,
        "the session works on both"
    );
    let page = get(&first, "/admin", &mut admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("cache-control"), "private, no-store");
    assert!(page.text("table.users").contains("carol"));
    assert!(page.text("table.sessions").contains("carol"));
    assert!(page.links("a").contains(&"/admin/import".to_owned()));
    let carol = account::all_users(&mut first.conn())
        .unwrap()
        .into_iter()
        .find(|u| u.name == "carol")
        .unwrap();
    let csrf = admin.csrf();
    let revoke = format!("/admin/users/{}/revoke", carol.id);
    let page = post(&first, &revoke, &mut admin, &[], "10.0.0.1").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "without its token");
    assert_eq!(
        get(&second, "/moderation", &mut curator.clone())
            .await
            .status,
        StatusCode::OK
    );
    let page = post(&first, &revoke, &mut admin, &[("csrf", &csrf)], "10.0.0.1").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.header("location"), "/admin");
    for app in [&first, &second] {
        let page = get(app, "/moderation", &mut curator.clone()).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "revoked on every instance"
        );
        assert!(page.header("location").starts_with("/login"));
    }
    let page = get(&second, "/", &mut curator).await;
    assert!(page.links("a[href='/logout']").is_empty(), "anonymous now");
    assert!(!page.text("body").contains("carol"));
    assert_eq!(
        get(&first, "/admin", &mut admin).await.status,
        StatusCode::OK,
        "the admin stays"
    );
}

#[actix_web::test]
async fn sign_in_is_throttled_and_says_the_same_for_an_unknown_name_and_a_wrong_password() {
    let app = TestApp::seeded().await;
    account::add_user(
        &mut app.conn(),
        "dora",
        AccountRole::Curator,
        PASSWORD,
        chrono::Utc::now().naive_utc(),
    )
    .unwrap();
    let mut jar = Jar::default();
    get(&app, "/login", &mut jar).await;
    let csrf = jar.csrf();
    let attempt = |name: &'static str, password: &'static str| {
        let csrf = csrf.clone();
        let mut jar = jar.clone();
        let app = &app;
        async move {
            post(
                app,
                "/login",
                &mut jar,
                &[("csrf", &csrf), ("name", name), ("password", password)],
                "203.0.113.5",
            )
            .await
        }
    };
    let unknown = attempt("nobody", "wrong password here").await;
    let wrong = attempt("dora", "wrong password here").await;
    assert_eq!(unknown.status, wrong.status);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.text("[role=alert]"), wrong.text("[role=alert]"));
    for _ in 0..4 {
        assert_eq!(
            attempt("dora", "wrong password here").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let right = attempt("dora", PASSWORD).await;
    assert_eq!(
        right.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the sixth attempt is refused, right or not"
    );
    assert!(right
        .headers
        .get_all("set-cookie")
        .all(|c| !c.to_str().unwrap().starts_with("session=")));
}

/// A multipart upload of `files` with the CSRF `token`.
fn multipart(token: Option<&str>, files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----registry-upload-boundary";
    let mut body = Vec::new();
    if let Some(token) = token {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(
    app: &TestApp,
    jar: &mut Jar,
    token: Option<&str>,
    files: &[(&str, &[u8])],
) -> Page {
    let (content_type, body) = multipart(token, files);
    let request = TestRequest::post()
        .uri("/admin/import")
        .insert_header(("Content-Type", content_type))
        .insert_header(("Cookie", jar.header()))
        .set_payload(body);
    let page = app.request(request).await;
    jar.keep(&page);
    page
}

fn organizations(app: &TestApp) -> i64 {
    use observer_registry::db::schema::organizations;
    organizations::table
        .count()
        .get_result(&mut *app.conn())
        .unwrap()
}

const HEADER: &str = "id,name,acronym,aliases,kind,hq_country,founded_on,dissolved_on,dop_endorser,benchmark,benchmark_reason,website,notes\n";

#[actix_web::test]
async fn the_web_import_shows_a_dry_run_and_applies_it_as_one_change_set() {
    let app = TestApp::seeded().await;
    let mut admin = sign_in(&app, "root", AccountRole::Admin).await;
    let form = get(&app, "/admin/import", &mut admin).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.header("cache-control"), "private, no-store");
    let csrf = admin.csrf();
    let organizations_before = organizations(&app);
    let imports_before = change_sets(&app, "import");

    let invalid = format!("{HEADER}zz-new-observers,New Observers,,,coup,,,,false,false,,,\n");
    let page = upload(
        &app,
        &mut admin,
        Some(&csrf),
        &[("organizations.csv", invalid.as_bytes())],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problems = page.texts("ul.problems li");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("organizations.csv:2: kind: ")),
        "{problems:?}"
    );
    assert!(page
        .html()
        .select(&scraper::Selector::parse("form[action^='/admin/import/']").unwrap())
        .next()
        .is_none());
    assert_eq!(organizations(&app), organizations_before, "nothing changed");

    let missing_token = upload(
        &app,
        &mut admin,
        None,
        &[("organizations.csv", invalid.as_bytes())],
    )
    .await;
    assert_eq!(missing_token.status, StatusCode::FORBIDDEN);
    let wrong_token = upload(
        &app,
        &mut admin,
        Some(&"f".repeat(64)),
        &[("organizations.csv", invalid.as_bytes())],
    )
    .await;
    assert_eq!(wrong_token.status, StatusCode::FORBIDDEN);

    let valid = format!(
        "{HEADER}zz-new-observers,New Observers,NO,,other,,,,false,false,,https://example.org,\n"
    );
    let page = upload(
        &app,
        &mut admin,
        Some(&csrf),
        &[
            ("organizations.csv", valid.as_bytes()),
            ("notes.txt", b"hello"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text("main"));
    assert!(page
        .text("section.import-report")
        .contains("organizations.csv"));
    assert!(
        page.text("section.import-report").contains("notes.txt"),
        "skipped files are named"
    );
    assert_eq!(
        organizations(&app),
        organizations_before,
        "a dry run changes nothing"
    );
    let confirm: Vec<String> = page
        .html()
        .select(&scraper::Selector::parse("form[action^='/admin/import/']").unwrap())
        .filter_map(|f| f.value().attr("action").map(str::to_owned))
        .collect();
    assert_eq!(confirm.len(), 1);

    // A curator may not confirm it, nor upload.
    let mut curator = sign_in(&app, "carol", AccountRole::Curator).await;
    let curator_csrf = curator.csrf();
    let page = post(
        &app,
        &confirm[0],
        &mut curator,
        &[("csrf", &curator_csrf)],
        "10.0.0.3",
    )
    .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = upload(
        &app,
        &mut curator,
        Some(&curator_csrf),
        &[("organizations.csv", valid.as_bytes())],
    )
    .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(organizations(&app), organizations_before);
    // Nor without the token.
    let page = post(&app, &confirm[0], &mut admin, &[], "10.0.0.1").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(organizations(&app), organizations_before);

    let page = post(
        &app,
        &confirm[0],
        &mut admin,
        &[("csrf", &csrf)],
        "10.0.0.1",
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let set_page = page.header("location");
    assert!(set_page.starts_with("/change-sets/"), "{set_page}");
    assert_eq!(organizations(&app), organizations_before + 1);
    // The change set's page lists what the import changed, by the admin who confirmed it.
    let listed = app.get(&set_page).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(
        listed.text("main").contains("root"),
        "{}",
        listed.text("main")
    );
    assert_eq!(
        change_sets(&app, "import"),
        imports_before + 1,
        "one change set"
    );
    {
        use observer_registry::db::schema::{change_sets, pending_imports};
        let actor: String = change_sets::table
            .filter(change_sets::kind.eq("import"))
            .order(change_sets::id.desc())
            .select(change_sets::actor)
            .first(&mut *app.conn())
            .unwrap();
        assert_eq!(actor, "root");
        let pending: i64 = pending_imports::table
            .count()
            .get_result(&mut *app.conn())
            .unwrap();
        assert_eq!(pending, 0, "the upload is forgotten once applied");
    }
    assert_eq!(
        app.get("/organizations/zz-new-observers").await.status,
        StatusCode::OK
    );
    let again = post(
        &app,
        &confirm[0],
        &mut admin,
        &[("csrf", &csrf)],
        "10.0.0.1",
    )
    .await;
    assert_eq!(
        again.status,
        StatusCode::NOT_FOUND,
        "a confirmation is used once"
    );

    // The same through a zip.
    let zipped = observer_registry::csv::upload::pack(&[(
        "registry/organizations.csv".to_owned(),
        format!("{HEADER}zz-zipped-observers,Zipped Observers,,,other,,,,false,false,,,\n")
            .into_bytes(),
    )])
    .unwrap();
    let page = upload(&app, &mut admin, Some(&csrf), &[("registry.zip", &zipped)]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text("main"));
    assert!(page
        .text("section.import-report")
        .contains("organizations.csv"));
    let page = upload(
        &app,
        &mut admin,
        Some(&csrf),
        &[("broken.zip", b"PK\x03\x04broken")],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = upload(&app, &mut admin, Some(&csrf), &[]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[actix_web::test]
async fn an_upload_over_the_limit_is_refused_with_413() {
    let app = TestApp::seeded().await;
    let mut admin = sign_in(&app, "root", AccountRole::Admin).await;
    let csrf = admin.csrf();
    let big = vec![b'a'; 50 * 1024 * 1024 + 1];
    let page = upload(
        &app,
        &mut admin,
        Some(&csrf),
        &[("organizations.csv", &big)],
    )
    .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
}
