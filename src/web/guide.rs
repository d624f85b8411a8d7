//! `/guide`: how to tell a credible election observer, a checklist with real cases from the
//! registry (found by what they show, so that they follow the data).

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::i18n::L10n;
use super::{html, AppState};
use crate::credibility::{FlagKind, Rating, METHODOLOGY};
use crate::model::examples::{self, Contradiction, OrganizationCase};

/// Cases shown under each point of the checklist.
const CASES: i64 = 3;

/// The cases of the checklist, each point's from the data.
struct Cases {
    contradiction: Option<Contradiction>,
    contradicting: Vec<OrganizationCase>,
    short_term: Vec<OrganizationCase>,
    silent: Vec<OrganizationCase>,
    sham: Vec<OrganizationCase>,
    sanctioned: Vec<OrganizationCase>,
    benchmarks: Vec<OrganizationCase>,
    /// Endorsers of the Declaration of Principles the registry still rates badly.
    endorsers_flagged: Vec<OrganizationCase>,
}

#[derive(Template)]
#[template(path = "home/guide.html")]
struct GuidePage {
    cases: Cases,
    ratings: Vec<Rating>,
    l: L10n,
}

pub async fn show(state: web::Data<AppState>, l: L10n) -> Result<HttpResponse, AppError> {
    let cases = state
        .db
        .read(|conn| -> Result<_, AppError> {
            let flagged = |conn: &mut _, kind| examples::flagged(conn, kind, CASES);
            Ok(Cases {
                contradiction: examples::contradiction(conn, &METHODOLOGY)?,
                contradicting: flagged(conn, FlagKind::ContradictsCredibleObservers)?,
                short_term: flagged(conn, FlagKind::ShortTermOnly)?,
                silent: flagged(conn, FlagKind::Silent)?,
                sham: flagged(conn, FlagKind::ObservedShamVote)?,
                sanctioned: flagged(conn, FlagKind::SanctionedOrExposed)?,
                benchmarks: examples::rated(conn, &[Rating::Benchmark], false, CASES)?,
                endorsers_flagged: examples::rated(
                    conn,
                    &[Rating::LowQuality, Rating::Concerns],
                    true,
                    CASES,
                )?,
            })
        })
        .await?;
    html(GuidePage {
        cases,
        ratings: Rating::all().collect(),
        l,
    })
}
