//! Curators edit the registry through forms: every write route refuses anonymous users and
//! forged forms, each kind of record goes through create, edit and delete with the change in its
//! history, problems show next to their field, payloads render escaped, a second save of the same
//! form is a conflict, and an admin restores what was deleted.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use diesel::prelude::*;
use observer_registry::db::schema::{
    change_sets, changes, elections, individuals, missions, organizations, participations,
    sanctions, sources,
};
use observer_registry::domain::AccountRole;
use observer_registry::model::{account, change};
use scraper::Selector;

use crate::harness::{Page, TestApp};

const PASSWORD: &str = "correct horse battery staple";

/// A signed-in browser: its cookies and the CSRF token its forms carry.
struct Browser {
    cookie: String,
    csrf: String,
}

/// The value of cookie `name` among a response's `Set-Cookie` headers.
fn set_cookie(page: &Page, name: &str) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .filter_map(|v| v.to_str().ok())
        .find_map(|header| {
            let pair = header.split(';').next()?;
            let (key, value) = pair.split_once('=')?;
            (key.trim() == name).then(|| value.to_owned())
        })
}

async fn sign_in(app: &TestApp, name: &str, role: AccountRole) -> Browser {
    account::add_user(
        &mut app.conn(),
        name,
        role,
        PASSWORD,
        chrono::Utc::now().naive_utc(),
    )
    .unwrap();
    let form = app.get("/login").await;
    let csrf = set_cookie(&form, "csrf").expect("a csrf cookie");
    let body = form_body(&[("name", name), ("password", PASSWORD), ("csrf", &csrf)]);
    let page = app
        .request(
            TestRequest::post()
                .uri("/login")
                .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
                .insert_header(("Cookie", format!("csrf={csrf}")))
                .set_payload(body),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let session = set_cookie(&page, "session").expect("a session cookie");
    let csrf = set_cookie(&page, "csrf").expect("a new csrf cookie");
    Browser {
        cookie: format!("session={session}; csrf={csrf}"),
        csrf,
    }
}

fn form_body(fields: &[(&str, &str)]) -> Vec<u8> {
    let mut body = form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        body.append_pair(name, value);
    }
    body.finish().into_bytes()
}

impl Browser {
    async fn get(&self, app: &TestApp, path: &str) -> Page {
        app.request(
            TestRequest::get()
                .uri(path)
                .insert_header(("Cookie", self.cookie.clone())),
        )
        .await
    }

    /// Posts `fields` with this browser's cookies and CSRF token.
    async fn post(&self, app: &TestApp, path: &str, fields: &[(String, String)]) -> Page {
        let mut all: Vec<(&str, &str)> = fields
            .iter()
            .filter(|(name, _)| name != "csrf")
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        all.push(("csrf", &self.csrf));
        self.post_raw(app, path, &all).await
    }

    /// Posts exactly `fields` (no token added).
    async fn post_raw(&self, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Page {
        app.request(
            TestRequest::post()
                .uri(path)
                .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
                .insert_header(("Cookie", self.cookie.clone()))
                .set_payload(form_body(fields)),
        )
        .await
    }

    /// Opens the form at `path`, sets `changes` and sends it as a browser would.
    async fn fill(&self, app: &TestApp, path: &str, changes: &[(&str, &str)]) -> Page {
        let form = self.get(app, path).await;
        assert_eq!(form.status, StatusCode::OK, "{path}: {}", form.body);
        let fields = filled(&form_fields(&form), changes);
        let action = form_action(&form);
        self.post(app, &action, &fields).await
    }
}

/// The fields of the first form of a page (an edit form), as a browser would send them.
fn form_fields(page: &Page) -> Vec<(String, String)> {
    let html = page.html();
    let form = Selector::parse("form.edit-form").unwrap();
    let form = html.select(&form).next().expect("an edit form");
    let mut fields = Vec::new();
    let controls = Selector::parse("input, select, textarea").unwrap();
    let option = Selector::parse("option").unwrap();
    for control in form.select(&controls) {
        let Some(name) = control.value().attr("name") else {
            continue;
        };
        let value = match control.value().name() {
            "select" => {
                let options: Vec<_> = control.select(&option).collect();
                options
                    .iter()
                    .find(|o| o.value().attr("selected").is_some())
                    .or(options.first())
                    .and_then(|o| o.value().attr("value"))
                    .unwrap_or_default()
                    .to_owned()
            }
            "textarea" => control.text().collect(),
            _ => control.value().attr("value").unwrap_or_default().to_owned(),
        };
        fields.push((name.to_owned(), value));
    }
    fields
}

fn form_action(page: &Page) -> String {
    let html = page.html();
    let form = Selector::parse("form.edit-form").unwrap();
    html.select(&form)
        .next()
        .and_then(|f| f.value().attr("action"))
        .expect("a form action")
        .to_owned()
}

fn filled(fields: &[(String, String)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = fields.to_vec();
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    fields
}

/// The messages shown next to field `name`.
fn field_errors(page: &Page, name: &str) -> Vec<String> {
    page.texts(&format!(".field-error[data-field={name}]"))
}

fn location(page: &Page) -> String {
    page.header("location")
}

/// Row counts of every edited table and the data version: what "nothing changed" compares.
fn snapshot(app: &TestApp) -> Vec<i64> {
    let mut conn = app.conn();
    let conn = &mut *conn;
    vec![
        organizations::table.count().get_result(conn).unwrap(),
        elections::table.count().get_result(conn).unwrap(),
        missions::table.count().get_result(conn).unwrap(),
        individuals::table.count().get_result(conn).unwrap(),
        participations::table.count().get_result(conn).unwrap(),
        sources::table.count().get_result(conn).unwrap(),
        sanctions::table.count().get_result(conn).unwrap(),
        change_sets::table.count().get_result(conn).unwrap(),
        change::data_version(conn).unwrap(),
    ]
}

fn organization_name(app: &TestApp, id: &str) -> Option<String> {
    organizations::table
        .find(id)
        .select(organizations::name)
        .first(&mut *app.conn())
        .optional()
        .unwrap()
}

/// Every write route and a form for it.
const WRITE_ROUTES: [&str; 9] = [
    "/edit/organization/new",
    "/edit/source/new",
    "/edit/organization/sco",
    "/edit/mission/sco-tjk-2020-10-11-presidential",
    "/edit/organization/sco/delete",
    "/edit/sanction/afric-exposure-2018/delete",
    "/edit/participation/abdoulaye-bathily-nga-2003-04-12-parliamentary/delete",
    "/changes/1/restore",
    "/edit",
];

#[actix_rt::test]
async fn anonymous_users_are_sent_to_sign_in_and_change_nothing() {
    let app = TestApp::seeded().await;
    let before = snapshot(&app);
    let fields = [
        ("id", "anonymous-org"),
        ("name", "Anonymous"),
        ("kind", "other"),
        ("dop_endorser", "false"),
        ("benchmark", "false"),
        ("csrf", "x"),
    ];
    for path in WRITE_ROUTES {
        if path != "/changes/1/restore" {
            let page = app.get(path).await;
            assert_eq!(page.status, StatusCode::SEE_OTHER, "GET {path}");
            assert!(location(&page).starts_with("/login?next="), "GET {path}");
        }
        if path != "/edit" {
            let page = app.post_form(path, &fields).await;
            assert_eq!(page.status, StatusCode::SEE_OTHER, "POST {path}");
            assert!(location(&page).starts_with("/login?next="), "POST {path}");
        }
    }
    assert_eq!(snapshot(&app), before);
    assert_eq!(organization_name(&app, "anonymous-org"), None);
}

#[actix_rt::test]
async fn forms_without_the_right_token_are_refused_and_change_nothing() {
    let app = TestApp::seeded().await;
    let admin = sign_in(&app, "admin", AccountRole::Admin).await;
    let form = admin.get(&app, "/edit/organization/sco").await;
    let mut fields = filled(&form_fields(&form), &[("name", "Forged name")]);
    fields.retain(|(name, _)| name != "csrf");
    let before = snapshot(&app);
    for path in WRITE_ROUTES.into_iter().filter(|p| *p != "/edit") {
        let without: Vec<(&str, &str)> = fields
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let page = admin.post_raw(&app, path, &without).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "no token: {path}");
        let mut wrong = without.clone();
        wrong.push((
            "csrf",
            "0000000000000000000000000000000000000000000000000000000000000000",
        ));
        let page = admin.post_raw(&app, path, &wrong).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "wrong token: {path}");
    }
    assert_eq!(snapshot(&app), before);
    assert_ne!(
        organization_name(&app, "sco").as_deref(),
        Some("Forged name")
    );
}

/// A record of each kind, in the order references need, with the change an edit makes and a
/// text its public page then shows.
fn records() -> Vec<(
    &'static str,
    &'static str,
    Vec<(&'static str, &'static str)>,
    (&'static str, &'static str),
)> {
    vec![
        (
            "source",
            "test-source-2031",
            vec![
                ("id", "test-source-2031"),
                ("url", "https://example.org/report"),
            ],
            ("title", "Final report of the test mission"),
        ),
        (
            "organization",
            "test-observers",
            vec![
                ("id", "test-observers"),
                ("name", "Test Observers"),
                ("kind", "domestic_ngo"),
                ("dop_endorser", "false"),
                ("benchmark", "false"),
            ],
            ("name", "Test Observers Renamed"),
        ),
        (
            "election",
            "tjk-2031-05-05-local",
            vec![
                ("id", "tjk-2031-05-05-local"),
                ("country", "TJK"),
                ("held_on", "2031-05-05"),
                ("kind", "local"),
                ("legitimacy", "recognized"),
            ],
            ("notes", "Municipal councils were elected."),
        ),
        (
            "mission",
            "test-observers-tjk-2031-05-05-local",
            vec![
                ("id", "test-observers-tjk-2031-05-05-local"),
                ("organization_id", "test-observers"),
                ("election_id", "tjk-2031-05-05-local"),
                ("kind", "short_term"),
                ("verdict", "positive"),
                ("source_id", "test-source-2031"),
            ],
            ("verdict_quote", "The vote was calm and orderly."),
        ),
        (
            "individual",
            "test-person",
            vec![("id", "test-person"), ("name", "Test Person")],
            ("affiliation", "Member of the test council"),
        ),
        (
            "participation",
            "test-person-tjk-2031-05-05-local",
            vec![
                ("id", "test-person-tjk-2031-05-05-local"),
                ("individual_id", "test-person"),
                ("mission_id", "test-observers-tjk-2031-05-05-local"),
                ("election_id", "tjk-2031-05-05-local"),
                ("role", "observer"),
                ("source_id", "test-source-2031"),
            ],
            ("statement", "I saw nothing wrong."),
        ),
        (
            "sanction",
            "test-observers-exposure-2031",
            vec![
                ("id", "test-observers-exposure-2031"),
                ("subject_type", "organization"),
                ("subject_id", "test-observers"),
                ("kind", "exposure"),
                ("description", "Described as a front."),
                ("source_id", "test-source-2031"),
            ],
            ("imposed_by", "An investigative newspaper"),
        ),
    ]
}

fn public_page(kind: &str, id: &str) -> String {
    match kind {
        "organization" => format!("/organizations/{id}"),
        "election" => format!("/elections/{id}"),
        "mission" => format!("/missions/{id}"),
        "individual" => format!("/individuals/{id}"),
        _ => format!("/history/{kind}/{id}"),
    }
}

#[actix_rt::test]
async fn every_kind_is_created_edited_and_deleted_through_its_form() {
    let app = TestApp::seeded().await;
    let curator = sign_in(&app, "curator", AccountRole::Curator).await;
    let index = curator.get(&app, "/edit").await;
    assert_eq!(index.status, StatusCode::OK);
    assert_eq!(index.header("cache-control"), "private, no-store");
    for kind in [
        "organization",
        "election",
        "mission",
        "individual",
        "participation",
        "source",
        "sanction",
    ] {
        assert!(
            index.links("a").contains(&format!("/edit/{kind}/new")),
            "{kind}"
        );
    }

    // Curators reach the new-record links from the list of changes; readers do not see them.
    let changes = curator.get(&app, "/changes").await;
    assert!(changes.links("a").contains(&"/edit".to_owned()));
    assert!(!app
        .get("/changes")
        .await
        .links("a")
        .contains(&"/edit".to_owned()));

    for (kind, id, values, _) in records() {
        let saved = curator
            .fill(&app, &format!("/edit/{kind}/new"), &values)
            .await;
        assert_eq!(
            saved.status,
            StatusCode::SEE_OTHER,
            "{kind}: {}",
            saved.body
        );
        assert_eq!(location(&saved), public_page(kind, id));
        let shown = app.get(&public_page(kind, id)).await;
        assert_eq!(shown.status, StatusCode::OK, "{kind}");
    }

    for (kind, id, _, (column, value)) in records() {
        let path = format!("/edit/{kind}/{id}");
        let form = curator.get(&app, &path).await;
        assert_eq!(form.header("cache-control"), "private, no-store");
        let saved = curator.fill(&app, &path, &[(column, value)]).await;
        assert_eq!(
            saved.status,
            StatusCode::SEE_OTHER,
            "{kind}: {}",
            saved.body
        );
        assert_eq!(location(&saved), public_page(kind, id));
        let shown = app.get(&public_page(kind, id)).await;
        assert!(shown.body.contains(value), "{kind}: the page shows {value}");
        let history = app.get(&format!("/history/{kind}/{id}")).await;
        assert_eq!(history.status, StatusCode::OK);
        assert_eq!(history.header("cache-control"), "public, max-age=60");
        assert_eq!(history.texts("table.changes tbody tr").len(), 2, "{kind}");
        assert!(
            history.body.contains(value),
            "{kind}: the history shows {value}"
        );
        assert!(history.text("table.changes tbody tr").contains("curator"));
        let recent = app.get("/changes").await;
        assert!(
            recent.body.contains(&format!("{id}</a>")),
            "{kind} in /changes"
        );
        let change = history
            .links("a")
            .into_iter()
            .find(|href| href.starts_with("/changes/"))
            .unwrap();
        let change = app.get(&change).await;
        assert_eq!(change.status, StatusCode::OK);
        assert!(change.body.contains(value));
    }

    // The organization cannot go while its mission and sanction refer to it.
    let confirm = curator
        .get(&app, "/edit/organization/test-observers/delete")
        .await;
    let referrers = confirm.text(".referrers");
    assert!(referrers.contains("1 mission refers"), "{referrers}");
    assert!(
        referrers.contains("1 sanction or exposure refers"),
        "{referrers}"
    );
    let delete_form =
        Selector::parse("form[action=\"/edit/organization/test-observers/delete\"]").unwrap();
    assert!(confirm.html().select(&delete_form).next().is_none());
    let sco = open(&curator, &app, "/edit/organization/sco").await;
    let before = snapshot(&app);
    let refused = curator
        .post(&app, "/edit/organization/sco/delete", &sco)
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.text(".referrers").contains("missions refer"));
    assert_eq!(snapshot(&app), before);

    for (kind, id, _, _) in records().into_iter().rev() {
        let path = format!("/edit/{kind}/{id}/delete");
        let confirm = curator.get(&app, &path).await;
        assert_eq!(confirm.status, StatusCode::OK);
        let version = confirm
            .html()
            .select(&Selector::parse("input[name=version]").unwrap())
            .next()
            .and_then(|i| i.value().attr("value").map(str::to_owned))
            .unwrap();
        let gone = curator
            .post(&app, &path, &[("version".to_owned(), version)])
            .await;
        assert_eq!(gone.status, StatusCode::SEE_OTHER, "{kind}: {}", gone.body);
        assert_eq!(location(&gone), format!("/history/{kind}/{id}"));
        if !public_page(kind, id).starts_with("/history/") {
            assert_eq!(
                app.get(&public_page(kind, id)).await.status,
                StatusCode::NOT_FOUND
            );
        }
        let history = app.get(&format!("/history/{kind}/{id}")).await;
        assert_eq!(history.texts("table.changes tbody tr").len(), 3, "{kind}");
        assert!(history.text("table.changes tbody tr").contains("Deleted"));
    }
}

/// A Browser's fields for a form, as a map for quick edits.
async fn open(browser: &Browser, app: &TestApp, path: &str) -> Vec<(String, String)> {
    let form = browser.get(app, path).await;
    assert_eq!(form.status, StatusCode::OK, "{path}");
    form_fields(&form)
}

#[actix_rt::test]
async fn problems_are_shown_next_to_their_field_with_what_was_typed() {
    let app = TestApp::seeded().await;
    let curator = sign_in(&app, "curator", AccountRole::Curator).await;
    let before = snapshot(&app);

    let election = open(&curator, &app, "/edit/election/new").await;
    let page = curator
        .post(
            &app,
            "/edit/election/new",
            &filled(
                &election,
                &[
                    ("id", "tjk-2032-01-01-local"),
                    ("country", "TJK"),
                    ("held_on", "2032-13-45"),
                ],
            ),
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.header("cache-control"), "private, no-store");
    assert!(field_errors(&page, "held_on")[0].contains("is not a date"));
    assert!(page.body.contains("value=\"2032-13-45\""), "what was typed");

    let mission = open(&curator, &app, "/edit/mission/new").await;
    let page = curator
        .post(
            &app,
            "/edit/mission/new",
            &filled(
                &mission,
                &[
                    ("id", "nobody-tjk-2020-10-11-presidential"),
                    ("organization_id", "no-such-organization"),
                    ("election_id", "tjk-2020-10-11-presidential"),
                    ("verdict", "splendid"),
                    ("source_id", ""),
                ],
            ),
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_errors(&page, "verdict")[0].contains("is not one of"));
    assert!(field_errors(&page, "organization_id")[0].contains("no-such-organization"));
    assert_eq!(field_errors(&page, "source_id"), vec!["is required"]);
    assert!(page.body.contains("value=\"no-such-organization\""));

    // A participation needs its source too.
    let participation = open(&curator, &app, "/edit/participation/new").await;
    let page = curator
        .post(
            &app,
            "/edit/participation/new",
            &filled(
                &participation,
                &[
                    ("id", "vladimir-norov-x"),
                    ("individual_id", "vladimir-norov"),
                    ("election_id", "tjk-2020-10-11-presidential"),
                ],
            ),
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_errors(&page, "source_id"), vec!["is required"]);

    // A new record cannot take an existing id.
    let organization = open(&curator, &app, "/edit/organization/new").await;
    let page = curator
        .post(
            &app,
            "/edit/organization/new",
            &filled(&organization, &[("id", "sco"), ("name", "Another SCO")]),
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_errors(&page, "id")[0].contains("already"));

    // An edit cannot change the record's id.
    let sco = open(&curator, &app, "/edit/organization/sco").await;
    let page = curator
        .post(
            &app,
            "/edit/organization/sco",
            &filled(&sco, &[("id", "sco-renamed"), ("acronym", "SCO2")]),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&page), "/organizations/sco");
    assert_eq!(organization_name(&app, "sco-renamed"), None);

    // Sources must be http(s) addresses.
    for url in ["javascript:alert(1)", "ftp://x"] {
        let source = open(&curator, &app, "/edit/source/new").await;
        let page = curator
            .post(
                &app,
                "/edit/source/new",
                &filled(&source, &[("id", "bad-url-source"), ("url", url)]),
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        assert!(
            field_errors(&page, "url")[0].contains("is not an http(s) URL"),
            "{url}"
        );
        let source = open(
            &curator,
            &app,
            "/edit/source/168am-2013-02-cis-arm-presidential",
        )
        .await;
        let page = curator
            .post(
                &app,
                "/edit/source/168am-2013-02-cis-arm-presidential",
                &filled(&source, &[("archived_url", url)]),
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        assert!(!field_errors(&page, "archived_url").is_empty());
    }
    let mut after = snapshot(&app);
    // Only the acronym edit of sco was saved.
    assert_eq!(after[7], before[7] + 1);
    after[7] = before[7];
    assert_eq!(after[..8], before[..8]);
}

#[actix_rt::test]
async fn payloads_are_stored_literally_and_rendered_escaped() {
    let app = TestApp::seeded().await;
    let curator = sign_in(&app, "curator", AccountRole::Curator).await;
    let script = "<script>alert(1)</script>";
    let image = "\"><img src=x onerror=alert(1)>";
    let sql = "'; DROP TABLE organizations; --";
    let saved = curator
        .fill(
            &app,
            "/edit/organization/new",
            &[
                ("id", "payload-org"),
                ("name", script),
                ("acronym", image),
                ("aliases", sql),
                ("kind", "other"),
                ("notes", &format!("{image} {script}")),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let saved = curator
        .fill(
            &app,
            "/edit/individual/new",
            &[("id", "sql-person"), ("name", sql), ("notes", script)],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        organization_name(&app, "payload-org").as_deref(),
        Some(script)
    );
    let organizations: i64 = organizations::table
        .count()
        .get_result(&mut *app.conn())
        .unwrap();
    assert!(organizations > 50, "the table is still there");

    let record = app.get("/organizations/payload-org").await;
    let history = app.get("/history/organization/payload-org").await;
    let recent = app.get("/changes").await;
    let change = app
        .get(
            &history
                .links("a")
                .into_iter()
                .find(|h| h.starts_with("/changes/"))
                .unwrap(),
        )
        .await;
    let form = curator.get(&app, "/edit/organization/payload-org").await;
    let person = app.get("/individuals/sql-person").await;
    for (what, page) in [
        ("record", &record),
        ("history", &history),
        ("changes", &recent),
        ("change", &change),
        ("form", &form),
        ("person", &person),
    ] {
        assert_eq!(page.status, StatusCode::OK, "{what}");
        assert!(
            !page.body.contains("<script>alert"),
            "{what}: unescaped script"
        );
        assert!(!page.body.contains("<img src=x"), "{what}: unescaped img");
        let text = page.text("main");
        assert!(
            text.contains("<script>alert(1)</script>") || what == "person",
            "{what}: the name shows literally"
        );
    }
    assert!(
        person.text("main").contains(sql),
        "SQL-looking text is shown as typed"
    );
    assert!(record.text("main").contains(sql));
}

#[actix_rt::test]
async fn a_second_save_of_the_same_form_is_a_conflict_and_both_are_in_the_history() {
    let app = TestApp::seeded().await;
    let first = sign_in(&app, "first", AccountRole::Curator).await;
    let second = sign_in(&app, "second", AccountRole::Curator).await;
    let path = "/edit/organization/afric";
    let mine = open(&first, &app, path).await;
    let theirs = open(&second, &app, path).await;

    let saved = first
        .post(&app, path, &filled(&mine, &[("acronym", "AFRIC-ONE")]))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let before = snapshot(&app);
    let conflict = second
        .post(&app, path, &filled(&theirs, &[("acronym", "AFRIC-TWO")]))
        .await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert_eq!(snapshot(&app), before, "a conflict writes nothing");
    let table = conflict.text("table.conflict-values");
    assert!(
        table.contains("AFRIC-ONE") && table.contains("AFRIC-TWO"),
        "{table}"
    );
    // The retry form holds what the second curator typed, with the stored version.
    let retry = form_fields(&conflict);
    assert!(retry.contains(&("acronym".to_owned(), "AFRIC-TWO".to_owned())));
    let saved = second.post(&app, &form_action(&conflict), &retry).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let history = app.get("/history/organization/afric").await;
    let rows = history.texts("table.changes tbody tr");
    assert!(
        rows[0].contains("second") && rows[0].contains("AFRIC-TWO"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("first") && rows[1].contains("AFRIC-ONE"),
        "{}",
        rows[1]
    );
}

#[actix_rt::test]
async fn an_admin_restores_a_deleted_record_and_a_curator_cannot() {
    let app = TestApp::seeded().await;
    let curator = sign_in(&app, "curator", AccountRole::Curator).await;
    let admin = sign_in(&app, "admin", AccountRole::Admin).await;
    let path = "/edit/sanction/afric-exposure-2018/delete";
    let confirm = curator.get(&app, path).await;
    let version = confirm
        .html()
        .select(&Selector::parse("input[name=version]").unwrap())
        .next()
        .and_then(|i| i.value().attr("value").map(str::to_owned))
        .unwrap();
    let stale = version.replace(|c: char| c != '0', "0");
    let conflict = curator
        .post(&app, path, &[("version".to_owned(), stale)])
        .await;
    assert_eq!(conflict.status, StatusCode::CONFLICT, "an old confirmation");
    let gone = curator
        .post(&app, path, &[("version".to_owned(), version)])
        .await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    let afric = app.get("/organizations/afric").await;
    assert!(!afric.body.contains("afric-exposure-2018"));

    let deletion: i64 = changes::table
        .filter(changes::record_id.eq("afric-exposure-2018"))
        .order(changes::id.desc())
        .select(changes::id)
        .first(&mut *app.conn())
        .unwrap();
    let change_page = format!("/changes/{deletion}");
    let restore = format!("/changes/{deletion}/restore");
    assert!(app.get(&change_page).await.body.contains("Deleted"));
    let as_curator = curator.get(&app, &change_page).await;
    assert!(
        !as_curator.body.contains(&restore),
        "no button for a curator"
    );
    let refused = curator.post(&app, &restore, &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let as_admin = admin.get(&app, &change_page).await;
    assert!(as_admin.body.contains(&format!("action=\"{restore}\"")));

    let restored = admin.post(&app, &restore, &[]).await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER, "{}", restored.body);
    assert_eq!(location(&restored), "/history/sanction/afric-exposure-2018");
    let count: i64 = sanctions::table
        .filter(sanctions::id.eq("afric-exposure-2018"))
        .count()
        .get_result(&mut *app.conn())
        .unwrap();
    assert_eq!(count, 1);
    let history = app.get("/history/sanction/afric-exposure-2018").await;
    let rows = history.texts("table.changes tbody tr");
    assert!(
        rows[0].contains("Restored") && rows[0].contains("admin"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("Deleted") && rows[1].contains("curator"),
        "{}",
        rows[1]
    );
    // It exists again: a second restore is refused.
    let again = admin.post(&app, &restore, &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    // A deletion whose references are gone meanwhile is not restored: the importer says why.
    for (kind, values) in [
        (
            "source",
            vec![
                ("id", "lonely-source"),
                ("url", "https://example.org/lonely"),
            ],
        ),
        (
            "sanction",
            vec![
                ("id", "lonely-sanction"),
                ("subject_id", "afric"),
                ("description", "Only here for a test."),
                ("source_id", "lonely-source"),
            ],
        ),
    ] {
        let saved = curator
            .fill(&app, &format!("/edit/{kind}/new"), &values)
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    }
    for path in [
        "/edit/sanction/lonely-sanction",
        "/edit/source/lonely-source",
    ] {
        let version = open(&curator, &app, path).await;
        let version = version
            .iter()
            .find(|(n, _)| n == "version")
            .unwrap()
            .1
            .clone();
        let gone = curator
            .post(
                &app,
                &format!("{path}/delete"),
                &[("version".to_owned(), version)],
            )
            .await;
        assert_eq!(gone.status, StatusCode::SEE_OTHER, "{path}");
    }
    let deletion: i64 = changes::table
        .filter(changes::record_id.eq("lonely-sanction"))
        .order(changes::id.desc())
        .select(changes::id)
        .first(&mut *app.conn())
        .unwrap();
    let before = snapshot(&app);
    let refused = admin
        .post(&app, &format!("/changes/{deletion}/restore"), &[])
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused.text("main").contains("lonely-source"),
        "{}",
        refused.text("main")
    );
    assert_eq!(snapshot(&app), before);
    assert_eq!(app.get("/organizations/afric").await.status, StatusCode::OK);
}

#[actix_rt::test]
async fn bad_kinds_ids_and_pages_are_refused() {
    let app = TestApp::seeded().await;
    let curator = sign_in(&app, "curator", AccountRole::Curator).await;
    for path in [
        "/edit/nonsense/new",
        "/edit/country/TJK",
        "/edit/organization/NOT%20AN%20ID",
        "/edit/organization/no-such-organization",
        "/edit/organization/no-such-organization/delete",
        "/edit/spaceship/sco/delete",
    ] {
        let page = curator.get(&app, path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
    }
    for path in [
        "/history/nonsense/sco",
        "/history/organization/NOT%20AN%20ID",
        "/changes/abc",
        "/changes/0",
        "/changes/99999999",
        "/change-sets/abc",
        "/change-sets/99999999",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
    }
    for path in [
        "/changes?page=0",
        "/changes?page=abc",
        "/history/organization/sco?page=-1",
        "/change-sets/1?page=x",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
    }
    let empty = app.get("/history/organization/no-change-yet").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(!empty.text(".empty").is_empty());
    let recent = app.get("/changes").await;
    assert_eq!(recent.status, StatusCode::OK);
    assert_eq!(recent.texts("table.changes tbody tr").len(), 50);
    assert!(recent
        .links("a[rel=next]")
        .contains(&"/changes?page=2".to_owned()));
    let set = app.get("/change-sets/1").await;
    assert_eq!(set.status, StatusCode::OK);
    let history = app.get("/history/organization/sco").await;
    assert_eq!(history.status, StatusCode::OK);
    assert!(history
        .links("a")
        .contains(&"/organizations/sco".to_owned()));
}
