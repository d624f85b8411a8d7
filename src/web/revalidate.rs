//! Revalidation without database work: the `ETag` of a page is known from the data version, the
//! build and the request before any query runs, so a client that already holds the page gets its
//! `304 Not Modified` without a query or a rendering.
//!
//! Pages and downloads are functions of the data (the data version grows with every recorded
//! change, see [`crate::model::change::data_version`]), of the code that renders them (the build
//! id) and of the request: its path and query, and the headers the response varies on. The
//! version is read from the database at most once per [`DataVersion`]'s time to live, and every
//! instance of the site reads the same number, so they agree on every tag.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, EntityTag, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
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
/// version gets `304` before its handler runs; a `200` without a tag of its own gets that tag.
/// A response that carries its own tag (the stylesheet, the API's JSON, a release's archive) is
/// compared with it after the handler.
pub async fn revalidate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let readable = matches!(*req.method(), Method::GET | Method::HEAD);
    let asked = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let tag = match (readable, state) {
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
    let mut response = next.call(req).await?;
    if response.status() != StatusCode::OK {
        return Ok(response.map_into_left_body());
    }
    let own = response.headers().get(header::ETAG).cloned();
    let Some(tag) = own.or_else(|| tag.and_then(|t| HeaderValue::from_str(&t).ok())) else {
        return Ok(response.map_into_left_body());
    };
    if etag_matches(asked.as_deref(), tag.to_str().unwrap_or_default()) {
        let cache = response.headers().get(header::CACHE_CONTROL).cloned();
        let (request, _) = response.into_parts();
        let response = not_modified(tag.to_str().unwrap_or_default(), cache);
        return Ok(ServiceResponse::new(request, response).map_into_right_body());
    }
    response.headers_mut().insert(header::ETAG, tag);
    Ok(response.map_into_left_body())
}
