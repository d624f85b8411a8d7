//! The home page and the about page.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::{html, AppState};
use crate::model::mission::{Mission, MissionDetail};
use crate::model::stats::RegistryCounts;

/// How many recent missions the home page lists.
const RECENT_MISSIONS: i64 = 10;

#[derive(Template)]
#[template(path = "home/index.html")]
struct HomePage {
    counts: RegistryCounts,
    recent: Vec<MissionDetail>,
}

pub async fn index(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let (counts, recent) = state
        .db
        .read(|conn| -> Result<_, AppError> {
            Ok((
                RegistryCounts::load(conn)?,
                Mission::most_recent(conn, RECENT_MISSIONS)?,
            ))
        })
        .await?;
    html(HomePage { counts, recent })
}

#[derive(Template)]
#[template(path = "home/about.html")]
struct AboutPage;

pub async fn about() -> Result<HttpResponse, AppError> {
    html(AboutPage)
}
