//! `/downloads/releases`: every numbered data release with what it changed, and each release's
//! `registry.zip` at a permanent address, byte for byte as it was made.

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::i18n::L10n;
use super::{entity_tag, html, stream, AppState};
use crate::csv::datapackage::LICENCE;
use crate::model::release::Release;

/// The header that names the current release on downloads and API responses.
pub const RELEASE_HEADER: &str = "X-Registry-Release";

/// A release is never rewritten, so its archive may be cached for good.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// How a release is cited, in the words of the downloads pages.
pub struct Citation {
    pub release: Release,
    /// The absolute address of the release's `registry.zip`.
    pub url: String,
}

impl Citation {
    pub fn new(req: &HttpRequest, release: Release) -> Citation {
        let info = req.connection_info();
        let url = format!(
            "{}://{}{}",
            info.scheme(),
            info.host(),
            release.archive_path()
        );
        Citation { release, url }
    }
}

#[derive(Template)]
#[template(path = "downloads/releases.html")]
struct ListPage {
    releases: Vec<Release>,
    citation: Option<Citation>,
    licence: (&'static str, &'static str, &'static str),
    l: L10n,
}

pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let releases = state
        .db
        .read(|conn| -> Result<_, AppError> { Ok(Release::all(conn)?) })
        .await?;
    let citation = releases
        .first()
        .cloned()
        .map(|release| Citation::new(&req, release));
    html(ListPage {
        releases,
        citation,
        licence: LICENCE,
        l,
    })
}

/// `/downloads/releases/{id}/registry.zip`: the stored archive of one release.
pub async fn archive(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let raw = path.into_inner();
    let id = raw
        .parse::<i32>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::not_found("release", &raw))?;
    let release = state
        .db
        .read(move |conn| -> Result<_, AppError> { Ok(Release::find(conn, id)?) })
        .await?
        .ok_or_else(|| AppError::not_found("release", &raw))?;
    Ok(zip_response(&state, &release, IMMUTABLE))
}

/// A stored `registry.zip` as a download named after its release, streamed from its parts. A
/// release never changes, so its number and time of release tag it.
pub fn zip_response(state: &AppState, release: &Release, cache_control: &str) -> HttpResponse {
    let id = release.id;
    let body = stream::parts(state.db.read_pool(), move |conn, part| {
        Release::archive_part(conn, id, part)
    });
    let released_at = release.released_at.to_string();
    HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!(
                "observer-registry-release-{id}.zip"
            ))],
        })
        .insert_header(header::ETag(entity_tag(&[
            b"release",
            id.to_string().as_bytes(),
            released_at.as_bytes(),
        ])))
        .insert_header((header::CACHE_CONTROL, cache_control.to_owned()))
        .insert_header((RELEASE_HEADER, id.to_string()))
        .no_chunking(u64::try_from(release.archive_size).unwrap_or_default())
        .streaming(body)
}
