//! `/feed.atom`: new and changed missions and records, for journalists and researchers, as an
//! Atom feed (RFC 4287): every data release with what it changed, and the most recent missions.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;

use super::error::AppError;
use super::i18n::L10n;
use super::{entity_tag, AppState};
use crate::model::change;
use crate::model::mission::{Mission, MissionDetail};
use crate::model::release::Release;

/// Missions the feed lists, newest election first.
const MISSIONS: i64 = 30;
/// Releases the feed lists, newest first.
const RELEASES: usize = 20;

#[derive(Template)]
#[template(path = "feed.atom", escape = "html")]
struct Feed {
    /// The site's address, for the absolute ids and links Atom asks for.
    base: String,
    updated: NaiveDateTime,
    missions_updated: NaiveDateTime,
    releases: Vec<Release>,
    missions: Vec<MissionDetail>,
    l: L10n,
}

impl Feed {
    /// A moment as Atom writes it (RFC 3339, UTC).
    #[allow(clippy::unused_self)] // called from the template as a method
    fn stamp(&self, at: &NaiveDateTime) -> String {
        at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

pub async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let (mut releases, missions, changes) = state
        .db
        .read(|conn| -> Result<_, AppError> {
            Ok((
                Release::all(conn)?,
                Mission::most_recent(conn, MISSIONS)?,
                change::last_changes(conn)?,
            ))
        })
        .await?;
    releases.truncate(RELEASES);
    let epoch = NaiveDateTime::default();
    let missions_updated = changes
        .iter()
        .filter(|(table, _)| table == "missions")
        .map(|(_, at)| *at)
        .max()
        .unwrap_or(epoch);
    let updated = releases
        .iter()
        .map(|r| r.released_at)
        .chain([missions_updated])
        .max()
        .unwrap_or(epoch);
    let info = req.connection_info();
    let feed = Feed {
        base: format!("{}://{}", info.scheme(), info.host()),
        updated,
        missions_updated,
        releases,
        missions,
        l,
    };
    let body = feed.render()?;
    Ok(HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .insert_header(header::ETag(entity_tag(&[body.as_bytes()])))
        .body(body))
}
