//! Revalidation without database work: the `ETag` of a page is known from the data version, the
//! build and the request before any query runs, so a client that already holds the page gets its
//! `304 Not Modified` without a query or a rendering.
//!
//! Pages and downloads are functions of the data (the data version grows with every recorded
//! change, see [`crate::model::change::data_version`]), of the code that renders them (the build
//! id) and of the request: its path and query, and the headers the response varies on. The
//! version is read from the database at most once per [`DataVersion`]'s time to live, and every
//! instance of the site reads the same number, so they agree on every tag.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, EntityTag, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{web, HttpResponse};

use super::error::AppError;
use super::AppState;
use crate::credibility::METHODOLOGY;
use crate::db::Db;
use crate::model::change;

/// A hash of the templates and the code that render the pages (written by `build.rs`): a new
/// build that renders differently gets new tags for the same data.
pub const BUILD_ID: &str = env!("OBSERVER_REGISTRY_BUILD_ID");

/// How long an instance trusts the data version it read; a change made by another instance
/// (or the command line) shows in its tags after at most this long.
pub const VERSION_TTL: Duration = Duration::from_secs(1);

/// The request headers a page varies on (besides its path and query), hashed into its tag.
pub const VARY_ON: [header::HeaderName; 3] = [
    header::ACCEPT_ENCODING,
    header::ACCEPT_LANGUAGE,
    header::COOKIE,
];

/// How long a browser or a cache may keep a download before revalidating it.
pub const DOWNLOAD_CACHE: &str = "public, max-age=300";

/// The `Cache-Control` of what `path` answers: downloads are kept longer than pages.
pub fn cache_control_for(path: &str) -> &'static str {
    if path.starts_with("/downloads/") {
        DOWNLOAD_CACHE
    } else {
        super::PAGE_CACHE
    }
}

/// The data version, read from the database at most once per time to live.
#[derive(Debug)]
pub struct DataVersion {
    ttl: Duration,
    cached: Mutex<Option<(i64, Instant)>>,
}

impl DataVersion {
    pub fn new(ttl: Duration) -> Self {
        DataVersion {
            ttl,
            cached: Mutex::new(None),
        }
    }

    fn fresh(&self) -> Option<i64> {
        let cached = self.cached.lock().map_or(None, |c| *c);
        cached
            .filter(|(_, read_at)| read_at.elapsed() < self.ttl)
            .map(|(version, _)| version)
    }

    /// The current data version: the cached number while it is fresh, else one read.
    pub async fn current(&self, db: &Db) -> Result<i64, AppError> {
        if let Some(version) = self.fresh() {
            return Ok(version);
        }
        let version = db
            .read(|conn| change::data_version(conn).map_err(AppError::from))
            .await?;
        if let Ok(mut cached) = self.cached.lock() {
            *cached = Some((version, Instant::now()));
        }
        Ok(version)
    }
}

/// The largest answer the page cache keeps (a busy organization page is under 100 KB).
const CACHED_PAGE_LIMIT: usize = 1024 * 1024;

/// The rendered answers of the current data version, by tag: an answer is a function of its
/// tag (data version, build, request), so a page asked for again is sent without a query or a
/// rendering, already compressed. Bounded by the bytes it holds; a new data version makes every
/// old entry unreachable, and they are dropped as new ones come.
pub struct PageCache {
    entries: quick_cache::sync::Cache<String, Arc<CachedPage>, PageWeight>,
}

/// One kept answer: status, headers and body as sent (compressed when the request asked so).
/// Or, for a tag whose answer is never kept (a page that sets a cookie, a download, a 404), a
/// mark that says so: the requests for that tag then go to the handler side by side instead of
/// waiting for each other one at a time behind the single-flight placeholder.
pub struct CachedPage {
    status: StatusCode,
    headers: Vec<(header::HeaderName, HeaderValue)>,
    body: Bytes,
    passes: bool,
}

#[derive(Clone)]
struct PageWeight;

impl quick_cache::Weighter<String, Arc<CachedPage>> for PageWeight {
    fn weight(&self, key: &String, page: &Arc<CachedPage>) -> u64 {
        let headers: usize = page
            .headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len())
            .sum();
        (key.len() + headers + page.body.len()) as u64
    }
}

impl PageCache {
    /// A cache holding at most `bytes` of answers.
    pub fn new(bytes: u64) -> Self {
        PageCache {
            entries: quick_cache::sync::Cache::with_weighter(
                (bytes / 16_384).max(16) as usize,
                bytes,
                PageWeight,
            ),
        }
    }

    /// How many answers it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl CachedPage {
    /// The mark of a tag whose answer is not kept.
    fn passing() -> CachedPage {
        CachedPage {
            status: StatusCode::OK,
            headers: Vec::new(),
            body: Bytes::new(),
            passes: true,
        }
    }

    fn response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        for (name, value) in &self.headers {
            response.append_header((name.clone(), value.clone()));
        }
        response.body(self.body.clone())
    }
}

/// Whether an answer may be kept and sent to anyone who sends the same request: a public page,
/// feed, stylesheet or JSON answer that sets no cookie. Downloads stream and are not kept.
fn keepable(response: &HttpResponse<impl MessageBody>) -> bool {
    let headers = response.headers();
    let text = |name| {
        headers
            .get(name)
            .and_then(|value: &HeaderValue| value.to_str().ok())
            .unwrap_or_default()
    };
    let kind = text(header::CONTENT_TYPE);
    response.status() == StatusCode::OK
        && text(header::CACHE_CONTROL).starts_with("public")
        && !headers.contains_key(header::SET_COOKIE)
        && [
            "text/html",
            "application/json",
            "application/atom+xml",
            "text/css",
        ]
        .iter()
        .any(|prefix| kind.starts_with(prefix))
}

/// Passes `response` to `store` if it may be kept (else the mark that it is not), and returns
/// it (its body now in memory, if kept).
async fn keep(
    response: ServiceResponse<BoxBody>,
    store: impl FnOnce(CachedPage),
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if !keepable(response.response()) {
        store(CachedPage::passing());
        return Ok(response);
    }
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let bytes = actix_web::body::to_bytes(body)
        .await
        .map_err(|err| actix_web::error::ErrorInternalServerError(err.to_string()))?;
    if bytes.len() <= CACHED_PAGE_LIMIT {
        store(CachedPage {
            status: head.status(),
            headers: head
                .headers()
                .iter()
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect(),
            body: bytes.clone(),
            passes: false,
        });
    } else {
        store(CachedPage::passing());
    }
    let response = head.set_body(BoxBody::new(bytes));
    Ok(ServiceResponse::new(request, response))
}

/// The tag of what `GET path?query` answers at `version`, for a request with these `vary`
/// header values: `"{version}-{hash}"`, the hash over the build, the methodology, the path and
/// query, and the headers.
pub fn tag_for(version: i64, path_and_query: &str, vary: &[Option<&[u8]>]) -> EntityTag {
    let version_text = version.to_string();
    let mut parts: Vec<&[u8]> = vec![
        BUILD_ID.as_bytes(),
        METHODOLOGY.version.as_bytes(),
        version_text.as_bytes(),
        path_and_query.as_bytes(),
    ];
    for value in vary {
        // An absent header and an empty one are different requests.
        parts.push(value.map_or(&b"\x00absent"[..], |v| v));
    }
    let hash = super::entity_tag(&parts);
    EntityTag::new_strong(format!("{version}-{}", hash.tag()))
}

fn request_tag(req: &ServiceRequest, version: i64) -> EntityTag {
    let path_and_query = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.path(), |pq| pq.as_str());
    let vary: Vec<Option<&[u8]>> = VARY_ON
        .iter()
        .map(|name| req.headers().get(name).map(HeaderValue::as_bytes))
        .collect();
    tag_for(version, path_and_query, &vary)
}

/// Whether an `If-None-Match` header value names the entity tag `tag` (as written in a header).
pub(crate) fn etag_matches(if_none_match: Option<&str>, tag: &str) -> bool {
    names_tag(if_none_match, tag, true)
}

/// Whether `if_none_match` lists `tag`, or (when `wildcard`) is `*`.
fn names_tag(if_none_match: Option<&str>, tag: &str, wildcard: bool) -> bool {
    if_none_match.is_some_and(|asked| {
        asked.split(',').any(|candidate| {
            let candidate = candidate.trim();
            (wildcard && candidate == "*") || candidate.trim_start_matches("W/") == tag
        })
    })
}

fn not_modified(tag: &str, cache_control: Option<HeaderValue>) -> HttpResponse {
    let mut response = HttpResponse::NotModified();
    response.insert_header((header::ETAG, tag));
    if let Some(value) = cache_control {
        response.insert_header((header::CACHE_CONTROL, value));
    }
    response.finish()
}

/// Middleware: a `GET` or `HEAD` whose `If-None-Match` names the tag of the current data
/// version gets `304` before its handler runs; an answer kept in the page cache under that tag is
/// sent as it is; a `200` without a tag of its own gets that tag. A response that carries its own
/// tag (the stylesheet, the API's JSON, a release's archive) is compared with it after the
/// handler. Requests of signed-in curators (a `session` cookie) are never answered from the
/// cache: their pages are their own.
pub async fn revalidate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<BoxBody>>, actix_web::Error> {
    let readable = matches!(*req.method(), Method::GET | Method::HEAD);
    let asked = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let tag = match (readable, &state) {
        // A version that cannot be read (the database is out of reach) leaves the handler to
        // answer as it can: a page that needs no database (`/about`) still does.
        (true, Some(state)) => state
            .version
            .current(&state.db)
            .await
            .ok()
            .map(|version| request_tag(&req, version).to_string()),
        _ => None,
    };
    // Before the handler, only the tag itself: `If-None-Match: *` asks whether the page exists,
    // which only the handler knows.
    if let Some(tag) = tag
        .as_deref()
        .filter(|t| names_tag(asked.as_deref(), t, false))
    {
        let cache = HeaderValue::from_static(cache_control_for(req.path()));
        let response = not_modified(tag, Some(cache));
        return Ok(req.into_response(response).map_into_right_body());
    }
    let signed_in = req.cookie(super::auth::SESSION_COOKIE).is_some();
    let cache = state
        .as_ref()
        .and_then(|state| state.pages.clone())
        .filter(|_| !signed_in);
    // One request renders a missing page while the others asking for it wait for its answer
    // (the moment a new data version makes every tag new, a crowd would otherwise render the
    // same page at once). An answer that is not kept is marked so, and the requests for it
    // then go to the handler side by side.
    let mut guard = None;
    if let (Some(cache), Some(tag)) = (&cache, &tag) {
        match cache.entries.get_value_or_guard_async(tag.as_str()).await {
            Ok(page) if page.passes => {}
            Ok(page) => return Ok(req.into_response(page.response()).map_into_left_body()),
            Err(placeholder) => guard = Some(placeholder),
        }
    }
    let mut response = next.call(req).await?.map_into_boxed_body();
    if response.status() != StatusCode::OK {
        if let Some(guard) = guard {
            let _ = guard.insert(Arc::new(CachedPage::passing()));
        }
        return Ok(response.map_into_left_body());
    }
    let own = response.headers().get(header::ETAG).cloned();
    let Some(etag) = own.or_else(|| tag.as_ref().and_then(|t| HeaderValue::from_str(t).ok()))
    else {
        return Ok(response.map_into_left_body());
    };
    if etag_matches(asked.as_deref(), etag.to_str().unwrap_or_default()) {
        let cache = response.headers().get(header::CACHE_CONTROL).cloned();
        let (request, _) = response.into_parts();
        let response = not_modified(etag.to_str().unwrap_or_default(), cache);
        return Ok(ServiceResponse::new(request, response).map_into_right_body());
    }
    response.headers_mut().insert(header::ETAG, etag);
    let response = match guard {
        Some(guard) => {
            keep(response, |page| {
                // The placeholder is gone only if the cache was cleared meanwhile.
                let _ = guard.insert(Arc::new(page));
            })
            .await?
        }
        None => response,
    };
    Ok(response.map_into_left_body())
}
