//! The home page and the about page.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::i18n::L10n;
use super::{html, AppState};
use crate::credibility::METHODOLOGY;
use crate::model::examples::{self, Contradiction};
use crate::model::mission::{Mission, MissionDetail};
use crate::model::stats::RegistryCounts;

/// How many recent missions the home page lists.
const RECENT_MISSIONS: i64 = 10;

#[derive(Template)]
#[template(path = "home/index.html")]
struct HomePage {
    counts: RegistryCounts,
    recent: Vec<MissionDetail>,
    l: L10n,
}

pub async fn index(state: web::Data<AppState>, l: L10n) -> Result<HttpResponse, AppError> {
    let (counts, recent) = state
        .db
        .read(|conn| -> Result<_, AppError> {
            Ok((
                RegistryCounts::load(conn)?,
                Mission::most_recent(conn, RECENT_MISSIONS)?,
            ))
        })
        .await?;
    html(HomePage { counts, recent, l })
}

#[derive(Template)]
#[template(path = "home/about.html")]
struct AboutPage {
    /// A contradiction of credible observers from the data, if the registry holds one.
    example: Option<Contradiction>,
    l: L10n,
}

pub async fn about(state: web::Data<AppState>, l: L10n) -> Result<HttpResponse, AppError> {
    let example = state
        .db
        .read(|conn| examples::contradiction(conn, &METHODOLOGY).map_err(AppError::from))
        .await?;
    html(AboutPage { example, l })
}
