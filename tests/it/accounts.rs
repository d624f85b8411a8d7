//! Curators' accounts: signing in and out, the session cookie, expiry, throttling, revocation on
//! every instance, CSRF, and the headers every answer carries.

use actix_web::http::StatusCode;
use diesel::prelude::*;
use observer_registry::db::schema::{rate_events, sessions, users};
use observer_registry::domain::AccountRole;
use observer_registry::model::account;
use observer_registry::web::AppState;

use crate::harness::{add_user, Browser, TestApp, PASSWORD};

fn set_cookie(page: &crate::harness::Page, name: &str) -> String {
    page.headers
        .get_all("set-cookie")
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_default()
        .to_owned()
}

#[actix_web::test]
async fn signing_in_sets_an_http_only_session_cookie_and_shows_the_curator() {
    let app = TestApp::seeded().await;
    add_user(&app, "alice", AccountRole::Curator);
    let mut browser = Browser::new(&app);

    let form = browser.get("/login?next=/organizations/afric").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.header("cache-control"), "private, no-store");
    let csrf = set_cookie(&form, "csrf");
    assert!(csrf.contains("HttpOnly"), "{csrf}");
    assert!(csrf.contains("SameSite=Strict"), "{csrf}");
    assert!(!csrf.contains("Secure"), "{csrf}");

    browser.get("/login").await;
    let signed_in = browser
        .submit(
            "/login",
            &[
                ("name", "alice"),
                ("password", PASSWORD),
                ("next", "/organizations/afric"),
            ],
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.header("location"), "/organizations/afric");
    let session = set_cookie(&signed_in, "session");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");
    // The database keeps a hash of the token, never the token.
    let token = browser.cookies["session"].clone();
    let stored: Vec<String> = sessions::table
        .select(sessions::id)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);

    let page = browser.get("/organizations/afric").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("cache-control"), "private, no-store");
    assert!(page.text(".account-bar").contains("alice"));
    assert!(page
        .links(".record-tools a")
        .contains(&"/edit/organization/afric".to_owned()));

    // An anonymous reader sees no account bar and no edit link, and a cacheable page.
    let anonymous = app.get("/organizations/afric").await;
    assert!(anonymous.texts(".account-bar").is_empty());
    assert!(!anonymous
        .links(".record-tools a")
        .iter()
        .any(|href| href.starts_with("/edit/")));
    assert!(anonymous.header("cache-control").starts_with("public"));
}

#[actix_web::test]
async fn every_sign_in_gets_a_new_session_and_csrf_token() {
    let app = TestApp::seeded().await;
    add_user(&app, "alice", AccountRole::Curator);
    let mut browser = Browser::new(&app);
    browser.get("/login").await;
    let before_csrf = browser.csrf().unwrap();
    browser.sign_in("alice", PASSWORD).await;
    let (first, first_csrf) = (browser.cookies["session"].clone(), browser.csrf().unwrap());
    assert_ne!(
        first_csrf, before_csrf,
        "the CSRF token is replaced at sign-in"
    );
    browser.sign_in("alice", PASSWORD).await;
    assert_ne!(browser.cookies["session"], first);
}

#[actix_web::test]
async fn cookies_are_secure_when_the_site_is_served_over_https() {
    let mut app = TestApp::seeded().await;
    app.state = AppState::clone(&app.state).with_secure_cookies(true);
    add_user(&app, "alice", AccountRole::Curator);
    let mut browser = Browser::new(&app);
    let form = browser.get("/login").await;
    assert!(set_cookie(&form, "csrf").contains("Secure"));
    let signed_in = browser.sign_in("alice", PASSWORD).await;
    assert!(set_cookie(&signed_in, "session").contains("Secure"));
}

#[actix_web::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = TestApp::seeded().await;
    add_user(&app, "alice", AccountRole::Curator);
    let mut browser = Browser::new(&app);
    let wrong = browser.sign_in("alice", "not the password").await;
    let unknown = browser.sign_in("mallory", "not the password").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, wrong.status);
    assert_eq!(wrong.text(".form-error"), unknown.text(".form-error"));
    assert_eq!(
        wrong.text(".form-error"),
        "The user name or the password is wrong."
    );
    assert!(!browser.cookies.contains_key("session"));
    // The name typed is shown again, escaped.
    let xss = browser
        .sign_in("<script>alert(1)</script>", "whatever")
        .await;
    assert!(!xss.body.contains("<script>alert(1)"));
    let selector = scraper::Selector::parse("input[name=name]").unwrap();
    let html = xss.html();
    let typed = html.select(&selector).next().unwrap().value().attr("value");
    assert_eq!(typed, Some("<script>alert(1)</script>"));
}

#[actix_web::test]
async fn failed_sign_ins_are_throttled_per_account_and_per_address() {
    let app = TestApp::seeded().await;
    add_user(&app, "alice", AccountRole::Curator);
    let mut attacker = Browser::new(&app);
    for _ in 0..5 {
        let page = attacker.sign_in("alice", "guess").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    // The sixth attempt is refused even with the right password, from any address.
    let page = attacker.sign_in("alice", PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page
        .text(".form-error")
        .contains("Too many failed attempts"));
    let mut elsewhere = Browser::new(&app);
    elsewhere.address = "198.51.100.7:5000".parse().unwrap();
    let page = elsewhere.sign_in("alice", PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!elsewhere.cookies.contains_key("session"));

    // One address trying many names is stopped too.
    let mut sprayer = Browser::new(&app);
    sprayer.address = "203.0.113.9:1234".parse().unwrap();
    let mut statuses = Vec::new();
    for n in 0..21 {
        statuses.push(sprayer.sign_in(&format!("user{n}"), "guess").await.status);
    }
    assert_eq!(statuses[19], StatusCode::UNAUTHORIZED);
    assert_eq!(statuses[20], StatusCode::TOO_MANY_REQUESTS);

    // The counts live in the database, where every instance reads them.
    let counted: i64 = rate_events::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert!(counted >= 25, "{counted}");
}

#[actix_web::test]
async fn signing_out_ends_the_session_everywhere() {
    let app = TestApp::seeded().await;
    add_user(&app, "alice", AccountRole::Curator);
    let mut browser = Browser::new(&app);
    browser.sign_in("alice", PASSWORD).await;
    let token = browser.cookies["session"].clone();
    let confirm = browser.get("/logout").await;
    assert!(confirm.text("main").contains("alice"));
    let out = browser.submit("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(!browser.cookies.contains_key("session"));
    // The old cookie, replayed, signs nobody in.
    let mut replay = Browser::new(&app);
    replay.cookies.insert("session".into(), token);
    let page = replay.get("/organizations/afric").await;
    assert!(page.texts(".account-bar").is_empty());
    assert!(
        !replay.cookies.contains_key("session"),
        "the stale cookie is cleared"
    );
}

#[actix_web::test]
async fn a_revoked_session_stops_at_once_on_every_instance() {
    let app = TestApp::seeded().await;
    // A second instance of the site over the same database.
    let other = crate::harness::TestApp::with_db(app.state.db.clone());
    add_user(&app, "alice", AccountRole::Curator);
    let mut browser = Browser::new(&app);
    browser.sign_in("alice", PASSWORD).await;
    let mut on_other = Browser::new(&other);
    on_other.cookies = browser.cookies.clone();
    assert!(on_other
        .get("/")
        .await
        .text(".account-bar")
        .contains("alice"));

    let alice: i64 = users::table
        .filter(users::name.eq("alice"))
        .select(users::id)
        .first(&mut app.conn())
        .unwrap();
    account::revoke_sessions(&mut app.conn(), alice, chrono::Utc::now().naive_utc()).unwrap();
    assert!(browser.get("/").await.texts(".account-bar").is_empty());
    on_other.cookies.insert(
        "session".into(),
        browser.cookies.get("session").cloned().unwrap_or_default(),
    );
    assert!(on_other.get("/").await.texts(".account-bar").is_empty());
}

#[actix_web::test]
async fn sessions_expire_when_idle_and_after_twelve_hours() {
    let app = TestApp::seeded().await;
    add_user(&app, "alice", AccountRole::Curator);
    let now = chrono::Utc::now().naive_utc();

    let mut idle = Browser::new(&app);
    idle.sign_in("alice", PASSWORD).await;
    diesel::update(sessions::table)
        .set(sessions::last_seen_at.eq(now - chrono::Duration::minutes(31)))
        .execute(&mut app.conn())
        .unwrap();
    assert!(idle.get("/").await.texts(".account-bar").is_empty());

    let mut old = Browser::new(&app);
    old.sign_in("alice", PASSWORD).await;
    let token = old.cookies["session"].clone();
    diesel::update(sessions::table.filter(sessions::revoked_at.is_null()))
        .set((
            sessions::created_at.eq(now - chrono::Duration::hours(13)),
            sessions::last_seen_at.eq(now),
        ))
        .execute(&mut app.conn())
        .unwrap();
    assert!(account::session_user(&mut app.conn(), &token, now)
        .unwrap()
        .is_none());
    assert!(old.get("/").await.texts(".account-bar").is_empty());
}

#[actix_web::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = TestApp::seeded().await;
    add_user(&app, "alice", AccountRole::Curator);
    let mut browser = Browser::new(&app);
    browser.get("/login").await;
    // No token, a wrong token, and a token without its cookie.
    let missing = browser
        .post_raw("/login", &[("name", "alice"), ("password", PASSWORD)])
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let wrong = browser
        .post_raw(
            "/login",
            &[("name", "alice"), ("password", PASSWORD), ("csrf", "0")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let token = browser.csrf().unwrap();
    let mut forger = Browser::new(&app);
    let forged = forger
        .post_raw(
            "/login",
            &[("name", "alice"), ("password", PASSWORD), ("csrf", &token)],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(forged.text("h1").contains("Refused"));
    let count: i64 = sessions::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(count, 0, "no forged request signed anyone in");
    // Signing out is a change too.
    browser.sign_in("alice", PASSWORD).await;
    let out = browser.post_raw("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::FORBIDDEN);
    assert!(browser
        .get("/")
        .await
        .text(".account-bar")
        .contains("alice"));
}

#[actix_web::test]
async fn sign_in_keeps_the_reader_on_this_site() {
    let app = TestApp::seeded().await;
    add_user(&app, "alice", AccountRole::Curator);
    for next in [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
    ] {
        let mut browser = Browser::new(&app);
        browser.get("/login").await;
        let page = browser
            .submit(
                "/login",
                &[("name", "alice"), ("password", PASSWORD), ("next", next)],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert_eq!(page.header("location"), "/", "{next}");
    }
}

#[actix_web::test]
async fn every_answer_carries_the_security_headers() {
    let app = TestApp::seeded().await;
    for path in [
        "/",
        "/login",
        "/organizations/afric",
        "/no-such-page",
        "/vet",
    ] {
        let page = app.get(path).await;
        let csp = page.header("content-security-policy");
        assert!(csp.contains("script-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(page.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(
            page.header("referrer-policy"),
            "strict-origin-when-cross-origin",
            "{path}"
        );
        assert_eq!(page.header("x-frame-options"), "DENY", "{path}");
        // No page carries inline script.
        assert!(
            page.html()
                .select(&scraper::Selector::parse("script").unwrap())
                .next()
                .is_none(),
            "{path}"
        );
    }
}

#[actix_web::test]
async fn an_oversized_form_is_refused_with_413() {
    let app = TestApp::seeded().await;
    let mut browser = Browser::new(&app);
    let huge = "x".repeat(300 * 1024);
    let page = browser
        .submit("/login", &[("name", "alice"), ("password", &huge)])
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.text("h1").contains("Too large"));
}
