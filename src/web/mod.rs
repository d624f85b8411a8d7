//! The public site: actix-web handlers, one file per area, all rendering askama templates.

pub mod api;
pub mod assets;
pub mod auth;
pub mod charts;
pub mod countries;
pub mod curation;
pub mod downloads;
pub mod elections;
pub mod error;
pub mod feed;
pub mod guide;
pub mod home;
pub mod i18n;
pub mod individuals;
pub mod labels;
pub mod methodology;
pub mod missions;
pub mod organizations;
pub mod query;
#[cfg(feature = "bench-reference")]
pub mod reference;
pub mod releases;
pub mod revalidate;
pub mod search;
pub mod stream;
pub mod trends;
pub mod vet;
pub mod vet_input;

#[cfg(test)]
mod tests;

use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, EntityTag};
use actix_web::http::Method;
use actix_web::middleware::{from_fn, Compress, DefaultHeaders, Logger, Next};
use actix_web::{guard, web, App, FromRequest, Handler, HttpRequest, HttpResponse, Responder};
use askama::Template;

use std::sync::Arc;

use crate::db::{Db, DbConn};
use crate::model::country::Country;
use crate::model::{Page, PageRequest};
use error::{Allowed, AppError};
use query::{Pager, ParamReader, Params, QueryPairs, PER_PAGE};
use revalidate::DataVersion;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// The data version the pages' tags are made of, read at most once per time to live.
    pub version: Arc<DataVersion>,
    /// The downloads of the current data version, each exported once.
    pub spools: Arc<stream::Spools>,
    /// Whether cookies are marked `Secure` (the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Rendered answers of the current data version, by tag (none: render every request).
    pub pages: Option<Arc<revalidate::PageCache>>,
}

impl AppState {
    /// The state over `db`, trusting a data version it read for [`revalidate::VERSION_TTL`].
    pub fn new(db: Db) -> Self {
        AppState::with_version_ttl(db, revalidate::VERSION_TTL).with_page_cache(PAGE_CACHE_BYTES)
    }

    /// The state over `db`, trusting a data version it read for `ttl` (zero: read it for every
    /// request, as a test that changes the data behind the site's back needs).
    pub fn with_version_ttl(db: Db, ttl: std::time::Duration) -> Self {
        AppState {
            db,
            version: Arc::new(DataVersion::new(ttl)),
            spools: Arc::default(),
            secure_cookies: false,
            pages: None,
        }
    }

    /// The same state, keeping up to `bytes` of rendered answers (0: none). Tests that change
    /// the data behind the site's back run without it.
    #[must_use]
    pub fn with_page_cache(mut self, bytes: u64) -> Self {
        self.pages = (bytes > 0).then(|| Arc::new(revalidate::PageCache::new(bytes)));
        self
    }

    /// The same state, marking cookies `Secure` when `secure` (behind HTTPS).
    #[must_use]
    pub fn with_secure_cookies(mut self, secure: bool) -> Self {
        self.secure_cookies = secure;
        self
    }
}

/// How many bytes of rendered answers each instance keeps (see [`revalidate::PageCache`]).
pub const PAGE_CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// How long a browser or a cache may keep a page before revalidating it.
pub const PAGE_CACHE: &str = "public, max-age=60";

/// Builds the application: routes, middleware and the error pages. Tests build it the same way.
pub fn app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(web::Data::new(state))
        .app_data(web::QueryConfig::default().error_handler(|_err, _req| {
            AppError::BadRequest(vec![error::InvalidParam {
                name: "query string".into(),
                value: String::new(),
                expected: error::Expected::QueryString,
            }])
            .into()
        }))
        // A path segment that cannot be an id (see `domain::Slug`) names no page: 404 before
        // any query runs.
        .app_data(web::PathConfig::default().error_handler(|_err, req| not_an_id(req).into()))
        .app_data(web::FormConfig::default().limit(auth::FORM_LIMIT))
        .app_data(web::PayloadConfig::default().limit(auth::FORM_LIMIT))
        .wrap(from_fn(i18n::negotiate))
        .wrap(from_fn(auth::identify))
        .wrap(Compress::default())
        // Outside compression, so that a kept page is kept compressed.
        .wrap(from_fn(revalidate::revalidate))
        .wrap(
            DefaultHeaders::new()
                .add(("X-Content-Type-Options", "nosniff"))
                .add(("Referrer-Policy", "strict-origin-when-cross-origin"))
                .add(("X-Frame-Options", "DENY"))
                .add(("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")),
        )
        .wrap(Logger::new("%a \"%r\" %s %b %Dms"))
        .wrap(from_fn(head_has_no_body))
        .service(page("/", home::index))
        .service(page("/about", home::about))
        .service(page("/methodology", methodology::show))
        .service(page("/guide", guide::show))
        .service(page("/trends", trends::show))
        .service(page("/feed.atom", feed::show))
        .service(page("/static/style.css", assets::stylesheet))
        .service(page("/organizations", organizations::list))
        .service(page("/organizations/{id}", organizations::show))
        .service(page("/elections", elections::list))
        .service(page("/elections/{id}", elections::show))
        .service(page("/missions/{id}", missions::show))
        .service(page("/individuals", individuals::list))
        .service(page("/individuals/{id}", individuals::show))
        .service(page("/downloads", downloads::index))
        .service(page("/downloads/releases", releases::list))
        .service(page("/downloads/releases/{id}/registry.zip", releases::archive))
        .service(page("/downloads/{name}", downloads::file))
        .service(page("/countries", countries::list))
        .service(page("/countries/{iso3}", countries::show))
        .service(page("/search", search::index))
        .service(
            web::resource("/vet")
                .route(web::post().to(vet::report))
                .route(web::route().guard(guard::Any(guard::Get()).or(guard::Head())).to(vet::form))
                .default_service(web::to(|| async {
                    Err::<HttpResponse, _>(AppError::MethodNotAllowed(Allowed::Form))
                })),
        )
        .service(
            web::resource("/vet.csv")
                .route(web::post().to(vet::report_csv))
                .default_service(web::to(|| async {
                    Err::<HttpResponse, _>(AppError::MethodNotAllowed(Allowed::Action))
                })),
        )
        .service(form_resource("/login", auth::login_form, auth::login))
        .service(form_resource("/logout", auth::logout_form, auth::logout))
        .configure(curation::configure)
        .service(api::scope())
        .configure(benchmark_references)
        .default_service(web::to(not_found))
}

/// The benchmark's reference routes, in a build with the `bench-reference` feature only.
#[allow(clippy::missing_const_for_fn, unused_variables)] // empty in a normal build
fn benchmark_references(cfg: &mut web::ServiceConfig) {
    #[cfg(feature = "bench-reference")]
    reference::configure(cfg);
}

/// A readable resource: it answers `GET` and `HEAD` with `handler`, and any other method with
/// `405 Method Not Allowed` and an `Allow` header.
fn page<F, Args>(path: &str, handler: F) -> actix_web::Resource
where
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    web::resource(path)
        .route(
            web::route()
                .guard(guard::Any(guard::Get()).or(guard::Head()))
                .to(handler),
        )
        .default_service(web::to(|| async {
            Err::<HttpResponse, _>(AppError::MethodNotAllowed(Allowed::Read))
        }))
}

/// A form: `GET` and `HEAD` show it with `show`, `POST` sends it to `send`, other methods get 405.
pub(crate) fn form_resource<F, Args, G, GArgs>(path: &str, show: F, send: G) -> actix_web::Resource
where
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
    G: Handler<GArgs>,
    GArgs: FromRequest + 'static,
    G::Output: Responder + 'static,
{
    web::resource(path)
        .route(web::post().to(send))
        .route(
            web::route()
                .guard(guard::Any(guard::Get()).or(guard::Head()))
                .to(show),
        )
        .default_service(web::to(|| async {
            Err::<HttpResponse, _>(AppError::MethodNotAllowed(Allowed::Form))
        }))
}

/// The 404 for a path segment that cannot be an id: "there is no organization with the id …".
fn not_an_id(req: &HttpRequest) -> AppError {
    let kind = match req.match_pattern().as_deref() {
        Some("/organizations/{id}") => "organization",
        Some("/elections/{id}") => "election",
        Some("/missions/{id}") => "mission",
        Some("/individuals/{id}") => "individual",
        Some("/countries/{iso3}") => "country",
        _ => return AppError::NoSuchPage(req.path().to_owned()),
    };
    let id = req
        .match_info()
        .iter()
        .next()
        .map(|(_, value)| value.replace(char::is_control, "\u{FFFD}"))
        .unwrap_or_default();
    AppError::not_found(kind, id)
}

async fn not_found(req: HttpRequest) -> Result<HttpResponse, AppError> {
    Err(AppError::NoSuchPage(req.path().to_owned()))
}

/// Answers `HEAD` with the headers `GET` would send and no body. The body `GET` would stream
/// (an export, a release read part by part from the database) is dropped unread; its length,
/// when known, is still sent as `Content-Length`.
async fn head_has_no_body(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let head = req.method() == Method::HEAD;
    let response = next.call(req).await?.map_into_boxed_body();
    Ok(if head {
        response.map_body(|_, body| match body.size() {
            BodySize::Sized(length) => BoxBody::new(HeadBody(length)),
            _ => BoxBody::new(actix_web::body::None::new()),
        })
    } else {
        response
    })
}

/// The body of a `HEAD` answer: the length `GET` would send, and no bytes (the server writes
/// none for `HEAD` whatever the size says).
struct HeadBody(u64);

impl MessageBody for HeadBody {
    type Error = std::convert::Infallible;

    fn size(&self) -> BodySize {
        BodySize::Sized(self.0)
    }

    fn poll_next(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<actix_web::web::Bytes, Self::Error>>> {
        std::task::Poll::Ready(None)
    }
}

/// Loads one record's page with `load`, or answers 404 naming the `kind` of record and its id.
pub(crate) async fn record<I, T, F>(
    state: &AppState,
    kind: &'static str,
    id: I,
    load: F,
) -> Result<T, AppError>
where
    I: Clone + std::fmt::Display + Send + 'static,
    T: Send + 'static,
    F: FnOnce(&mut DbConn, &I) -> diesel::QueryResult<Option<T>> + Send + 'static,
{
    let lookup = id.clone();
    state
        .db
        .read(move |conn| load(conn, &lookup).map_err(AppError::from))
        .await?
        .ok_or_else(|| AppError::not_found(kind, id.to_string()))
}

/// One page of a filtered list, with every country for the filter's select box.
pub(crate) struct Listing<T, F> {
    pub rows: Page<T>,
    pub filter: F,
    pub countries: Vec<Country>,
    pub pager: Pager,
}

/// Reads a list page's parameters with `read_filter`, loads the page with `load`, and builds
/// the pager whose links keep the filters.
pub(crate) async fn listing<T, F>(
    state: &AppState,
    params: &Params,
    path: &str,
    read_filter: fn(&mut ParamReader) -> F,
    load: fn(&mut DbConn, &F, PageRequest) -> diesel::QueryResult<Page<T>>,
) -> Result<Listing<T, F>, AppError>
where
    T: Send + 'static,
    F: QueryPairs + Clone + Send + 'static,
{
    let mut reader = ParamReader::new(params);
    let page = reader.page("page", PER_PAGE);
    let filter = read_filter(&mut reader);
    reader.finish()?;
    let query = filter.clone();
    let (rows, countries) = state
        .db
        .read(move |conn| -> Result<_, AppError> {
            Ok((load(conn, &query, page)?, Country::all(conn)?))
        })
        .await?;
    let pager = Pager::new(&rows, path, &filter.pairs());
    Ok(Listing {
        rows,
        filter,
        countries,
        pager,
    })
}

/// A strong entity tag: a stable 64-bit hash (XXH3, fixed by its specification) of `parts`.
pub fn entity_tag(parts: &[&[u8]]) -> EntityTag {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    EntityTag::new_strong(format!("{:016x}", hasher.digest()))
}

/// Renders a page as a cacheable HTML response. Its `ETag` comes from the data version
/// ([`revalidate`]), known before the page is rendered.
pub fn html(page: impl Template) -> Result<HttpResponse, AppError> {
    let body = page.render()?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, PAGE_CACHE))
        .body(body))
}
