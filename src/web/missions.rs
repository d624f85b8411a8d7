//! `/missions/{id}`: one organization's mission to one election.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::{html, AppState};
use crate::credibility::{Methodology, METHODOLOGY};
use crate::model::mission::{Mission, MissionDetail};
use crate::model::participation::{Participation, ParticipationDetail};

#[derive(Template)]
#[template(path = "missions/show.html")]
struct ShowPage {
    detail: MissionDetail,
    members: Vec<ParticipationDetail>,
    methodology: &'static Methodology,
}

pub async fn show(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let lookup = id.clone();
    let found = state
        .db
        .read(move |conn| -> Result<_, AppError> {
            let Some(detail) = Mission::find(conn, &lookup)? else {
                return Ok(None);
            };
            let members = Participation::in_mission(conn, &lookup)?;
            Ok(Some((detail, members)))
        })
        .await?;
    let (detail, members) = found.ok_or_else(|| AppError::not_found("mission", &id))?;
    html(ShowPage {
        detail,
        members,
        methodology: &METHODOLOGY,
    })
}
