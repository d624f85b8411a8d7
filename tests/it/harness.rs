//! Starts the application on a fresh database for each test: a SQLite file in a temporary folder
//! by default, or a new PostgreSQL database when `TEST_DATABASE_URL` names a server (created here
//! and dropped when the test ends), so that tests never see each other's data.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::test;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use observer_registry::db::{self, DatabaseUrl, Db, DbPool};
use observer_registry::seed;
use observer_registry::web::{app, AppState};
use scraper::{Html, Selector};

/// The bundled, sourced data set.
pub fn seed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seed")
}

/// A database made for one test, removed when it is dropped.
pub struct TestDatabase {
    pub url: DatabaseUrl,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    pub fn new() -> TestDatabase {
        match std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|url| !url.is_empty())
        {
            Some(server) => Self::postgres(&server),
            None => Self::sqlite(),
        }
    }

    pub fn sqlite() -> TestDatabase {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("registry.db");
        TestDatabase {
            url: DatabaseUrl::Sqlite(path.display().to_string()),
            _dir: Some(dir),
            postgres: None,
        }
    }

    /// Creates a new database on the PostgreSQL server of `server_url`.
    pub fn postgres(server_url: &str) -> TestDatabase {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "registry_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0)
        );
        let mut admin = PgConnection::establish(server_url).unwrap_or_else(|err| {
            panic!("TEST_DATABASE_URL {server_url} cannot be reached: {err}")
        });
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create a test database");
        let (base, _) = server_url
            .rsplit_once('/')
            .expect("a URL with a database name");
        TestDatabase {
            url: DatabaseUrl::Postgres(format!("{base}/{name}")),
            _dir: None,
            postgres: Some((server_url.to_owned(), name)),
        }
    }

    /// A migrated pool on this database.
    pub fn pool(&self) -> DbPool {
        let pool = db::pool(&self.url, 4).expect("a pool");
        let mut conn = pool.get().expect("a connection");
        db::migrate(&mut conn).expect("migrations");
        pool
    }
}

impl Default for TestDatabase {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((server, name)) = &self.postgres {
            if let Ok(mut admin) = PgConnection::establish(server) {
                let _ =
                    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// The application on its own database, with one helper per way a user reaches it.
pub struct TestApp {
    pub state: AppState,
    pub pool: DbPool,
    /// Kept alive for the test; dropping it removes the database.
    _database: TestDatabase,
}

/// What a request returned.
pub struct Page {
    pub status: StatusCode,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl TestApp {
    /// The application on a fresh database loaded with the bundled seed data.
    pub async fn seeded() -> TestApp {
        let app = Self::empty().await;
        let pool = app.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get().expect("a connection");
            seed::seed_if_empty(&mut conn, &seed::SeedSource::Embedded)
                .expect("the seed data loads")
        })
        .await
        .expect("seeding finishes");
        app
    }

    /// The application on a fresh, migrated, empty database.
    pub async fn empty() -> TestApp {
        Self::empty_on(TestDatabase::new())
    }

    /// The application on the given database, migrated and seeded.
    pub async fn seeded_on(database: TestDatabase) -> TestApp {
        let app = Self::empty_on(database);
        let pool = app.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get().expect("a connection");
            seed::seed_if_empty(&mut conn, &seed::SeedSource::Embedded)
                .expect("the seed data loads")
        })
        .await
        .expect("seeding finishes");
        app
    }

    /// The application on the given database, migrated and empty.
    pub fn empty_on(database: TestDatabase) -> TestApp {
        let pool = database.pool();
        TestApp {
            // Tests change the data behind the site's back: the version is read every time.
            state: AppState::with_version_ttl(Db::new(pool.clone(), None), Duration::ZERO),
            pool,
            _database: database,
        }
    }

    /// The application over a given `Db` (e.g. with a replica); its databases are the caller's.
    pub fn with_db(db: Db) -> TestApp {
        TestApp {
            pool: db.primary().clone(),
            state: AppState::with_version_ttl(db, Duration::ZERO),
            _database: TestDatabase::sqlite(),
        }
    }

    /// A connection for direct checks.
    pub fn conn(&self) -> db::PooledConn {
        self.pool.get().expect("a connection")
    }

    pub async fn get(&self, path: &str) -> Page {
        self.request(test::TestRequest::get().uri(path)).await
    }

    /// A GET with extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut request = test::TestRequest::get().uri(path);
        for (name, value) in headers {
            request = request.insert_header((*name, *value));
        }
        self.request(request).await
    }

    /// A POST with a body of the given content type.
    pub async fn post(&self, path: &str, content_type: &str, body: Vec<u8>) -> Page {
        let request = test::TestRequest::post()
            .uri(path)
            .insert_header(("Content-Type", content_type))
            .set_payload(body);
        self.request(request).await
    }

    /// A POST of an HTML form's fields, urlencoded.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut body = form_urlencoded::Serializer::new(String::new());
        for (name, value) in fields {
            body.append_pair(name, value);
        }
        let body = body.finish().into_bytes();
        self.post(path, "application/x-www-form-urlencoded", body)
            .await
    }

    /// A POST of one file in a multipart form, as a browser uploads it.
    pub async fn post_file(&self, path: &str, field: &str, file: &[u8]) -> Page {
        let boundary = "----registry-test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"list.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(file);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let content_type = format!("multipart/form-data; boundary={boundary}");
        self.post(path, &content_type, body).await
    }

    /// Any request, as built by the caller.
    pub async fn request(&self, request: test::TestRequest) -> Page {
        let service = test::init_service(app(self.state.clone())).await;
        let response = test::call_service(&service, request.to_request()).await;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = test::read_body(response).await.to_vec();
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }
}

impl Page {
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    /// The body parsed as CSV: the header, then the rows.
    pub fn csv(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut reader = csv::Reader::from_reader(self.bytes.as_slice());
        let header = reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = reader
            .records()
            .map(|r| r.expect("a CSV row").iter().map(str::to_owned).collect())
            .collect();
        (header, rows)
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// The text of every element matching `selector`, whitespace folded.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let selector = Selector::parse(selector).expect("a valid selector");
        self.html()
            .select(&selector)
            .map(|el| {
                el.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn text(&self, selector: &str) -> String {
        self.texts(selector).into_iter().next().unwrap_or_default()
    }

    /// Every `href` of the links matching `selector`.
    pub fn links(&self, selector: &str) -> Vec<String> {
        let selector = Selector::parse(selector).expect("a valid selector");
        self.html()
            .select(&selector)
            .filter_map(|el| el.value().attr("href").map(str::to_owned))
            .collect()
    }

    pub fn title(&self) -> String {
        self.text("title")
    }
}

/// A password long enough for `user add`.
pub const PASSWORD: &str = "a long enough passphrase";

/// Creates an account directly in the database, as `observer-registry user add` does.
pub fn add_user(app: &TestApp, name: &str, role: observer_registry::domain::AccountRole) {
    observer_registry::model::account::add_user(
        &mut app.conn(),
        name,
        role,
        PASSWORD,
        chrono::Utc::now().naive_utc(),
    )
    .expect("the account is created");
}

/// A browser over a [`TestApp`]: it keeps the cookies the site sets and sends them back, and
/// fills in the CSRF token of the forms it submits, as a page's form would.
/// The `Cookie` header that sends `cookies`.
pub fn cookie_header(cookies: &std::collections::BTreeMap<String, String>) -> String {
    cookies
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Keeps the cookies an answer sets in `cookies`, and drops those it removes.
pub fn keep_cookies(cookies: &mut std::collections::BTreeMap<String, String>, page: &Page) {
    for value in page.headers.get_all("set-cookie") {
        let cookie = actix_web::cookie::Cookie::parse(value.to_str().expect("ASCII").to_owned())
            .expect("a cookie");
        let removed = cookie
            .max_age()
            .is_some_and(|age| age.is_zero() || age.is_negative());
        if removed || cookie.value().is_empty() {
            cookies.remove(cookie.name());
        } else {
            cookies.insert(cookie.name().to_owned(), cookie.value().to_owned());
        }
    }
}

pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookies: std::collections::BTreeMap<String, String>,
    /// The address requests come from (throttling counts per address).
    pub address: std::net::SocketAddr,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Browser<'a> {
        Browser {
            app,
            cookies: std::collections::BTreeMap::new(),
            address: "192.0.2.1:40000".parse().expect("an address"),
        }
    }

    /// Sends `request` with the cookies, and keeps those the answer sets (or removes).
    pub async fn send(&mut self, request: test::TestRequest) -> Page {
        let mut request = request.peer_addr(self.address);
        if !self.cookies.is_empty() {
            request = request.insert_header(("Cookie", cookie_header(&self.cookies)));
        }
        let page = self.app.request(request).await;
        keep_cookies(&mut self.cookies, &page);
        page
    }

    pub async fn get(&mut self, path: &str) -> Page {
        self.send(test::TestRequest::get().uri(path)).await
    }

    /// Posts `fields` as they are, without adding a CSRF token.
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut body = form_urlencoded::Serializer::new(String::new());
        for (name, value) in fields {
            body.append_pair(name, value);
        }
        let request = test::TestRequest::post()
            .uri(path)
            .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
            .set_payload(body.finish());
        self.send(request).await
    }

    /// The CSRF token the site gave this browser, if any.
    pub fn csrf(&self) -> Option<String> {
        self.cookies.get("csrf").cloned()
    }

    /// Posts `fields` with this browser's CSRF token, as the site's own form does (a page with
    /// a form is read first when the browser has no token yet).
    pub async fn submit(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        if self.csrf().is_none() {
            self.get("/login").await;
        }
        let token = self.csrf().expect("the site set a CSRF cookie");
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", &token));
        self.post_raw(path, &all).await
    }

    /// Signs in through the form; the answer of `POST /login`.
    pub async fn sign_in(&mut self, name: &str, password: &str) -> Page {
        self.get("/login").await;
        self.submit("/login", &[("name", name), ("password", password)])
            .await
    }
}
