//! `/missions/{id}`: one organization's mission to one election.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::i18n::L10n;
use super::{html, record, AppState};
use crate::credibility::{Methodology, METHODOLOGY};
use crate::domain::Slug;
use crate::model::mission::MissionDetail;
use crate::model::participation::ParticipationDetail;
use crate::model::profile;

#[derive(Template)]
#[template(path = "missions/show.html")]
struct ShowPage {
    detail: MissionDetail,
    members: Vec<ParticipationDetail>,
    methodology: &'static Methodology,
    l: L10n,
}

pub async fn show(
    state: web::Data<AppState>,
    path: web::Path<Slug>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let profile = record(&state, "mission", path.into_inner(), profile::mission).await?;
    html(ShowPage {
        detail: profile.detail,
        members: profile.members,
        methodology: &METHODOLOGY,
        l,
    })
}
