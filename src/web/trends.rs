//! `/trends`: missions per year by the rating of the organization that sent them, so that a
//! reader can see whether low-quality observation has grown.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::charts::{TrendsChart, YearBar};
use super::error::AppError;
use super::i18n::L10n;
use super::{html, AppState};
use crate::credibility::Rating;
use crate::model::stats;

/// The first year the chart shows: the research compares observation since 2000.
const SINCE: i32 = 2000;

#[derive(Template)]
#[template(path = "trends.html")]
struct TrendsPage {
    chart: Option<TrendsChart>,
    since: i32,
    l: L10n,
}

impl TrendsPage {
    /// The fill of a rating's segments; low quality is hatched, so colour is not its only mark.
    // Templates hand fields over by reference.
    #[allow(clippy::unused_self, clippy::ref_option)]
    fn fill(&self, rating: &Option<Rating>) -> &'static str {
        match rating {
            Some(Rating::LowQuality) => "url(#hatch)",
            Some(Rating::Concerns) => "#d4a72c",
            Some(Rating::InsufficientData) => "#afb8c1",
            Some(Rating::Credible) => "#1a7f37",
            Some(Rating::Benchmark) => "#0b5cad",
            None => "#eaeef2",
        }
    }

    #[allow(clippy::unused_self, clippy::ref_option)] // called from the template
    fn count(&self, bar: &YearBar, rating: &Option<Rating>) -> usize {
        bar.segments
            .iter()
            .filter(|s| s.rating == *rating)
            .map(|s| s.count)
            .sum()
    }

    #[allow(clippy::unused_self)] // called from the template as a method
    fn low_quality_share(&self, bar: &YearBar) -> f64 {
        TrendsChart::low_quality_share(bar)
    }
}

pub async fn show(state: web::Data<AppState>, l: L10n) -> Result<HttpResponse, AppError> {
    let missions = state
        .db
        .read(|conn| stats::mission_ratings(conn).map_err(AppError::from))
        .await?;
    html(TrendsPage {
        chart: TrendsChart::new(&missions, SINCE),
        since: SINCE,
        l,
    })
}
