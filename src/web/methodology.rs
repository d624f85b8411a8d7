//! `/methodology`: the rules and thresholds, rendered from the very struct the code applies.

use actix_web::HttpResponse;
use askama::Template;

use super::error::AppError;
use super::html;
use crate::credibility::{FlagKind, Methodology, Rating, METHODOLOGY};
use crate::model::Verdict;

#[derive(Template)]
#[template(path = "home/methodology.html")]
struct MethodologyPage {
    methodology: &'static Methodology,
    verdicts: Vec<Verdict>,
    ratings: Vec<Rating>,
}

pub async fn show() -> Result<HttpResponse, AppError> {
    html(MethodologyPage {
        methodology: &METHODOLOGY,
        verdicts: Verdict::all().collect(),
        ratings: Rating::all().collect(),
    })
}
