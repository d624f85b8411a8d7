//! `/elections`: the list of votes and, for each, every observer's verdict side by side.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::i18n::L10n;
use super::query::{with_query, Pager, ParamReader, Params, QueryPairs};
use super::{html, listing, record, AppState};
use crate::credibility::{Methodology, METHODOLOGY};
use crate::domain::Iso3;
use crate::domain::Slug;
use crate::model::country::Country;
use crate::model::election::{Election, ElectionFilter, ElectionInCountry, ElectionListing};
use crate::model::mission::MissionDetail;
use crate::model::participation::ParticipationDetail;
use crate::model::profile;
use crate::model::source::CitedText;
use crate::model::ElectionKind;

#[derive(Template)]
#[template(path = "elections/list.html")]
struct ListPage {
    elections: Vec<ElectionListing>,
    pager: Pager,
    countries: Vec<Country>,
    kinds: Vec<ElectionKind>,
    filter: ElectionFilter,
    past_end: bool,
    l: L10n,
}

/// Reads the filters of the elections list (also those of its CSV download).
pub(super) fn read_filter(reader: &mut ParamReader) -> ElectionFilter {
    ElectionFilter {
        country: reader.country("country"),
        year: reader.year("year"),
        kind: reader.code("kind", ElectionKind::all()),
    }
}

impl QueryPairs for ElectionFilter {
    fn pairs(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("country", self.country.as_ref().map(ToString::to_string)),
            ("year", self.year.map(|y| y.to_string())),
            ("kind", self.kind.map(|k| k.code().to_owned())),
        ]
    }
}

pub async fn list(
    state: web::Data<AppState>,
    params: web::Query<Params>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let list = listing(&state, &params, "/elections", read_filter, Election::list).await?;
    html(ListPage {
        past_end: list.rows.is_past_end(),
        elections: list.rows.items,
        pager: list.pager,
        countries: list.countries,
        kinds: ElectionKind::all().collect(),
        filter: list.filter,
        l,
    })
}

#[derive(Template)]
#[template(path = "elections/show.html")]
struct ShowPage {
    election: ElectionInCountry,
    notes: Option<CitedText>,
    missions: Vec<MissionDetail>,
    individuals: Vec<ParticipationDetail>,
    /// The benchmark consensus and how many benchmark missions assessed the election.
    consensus: Option<f64>,
    benchmark_assessments: i32,
    methodology: &'static Methodology,
    l: L10n,
}

impl ShowPage {
    /// What credible observers found, as a verdict.
    fn consensus_verdict(&self) -> Option<crate::model::Verdict> {
        self.consensus.map(|c| self.methodology.reading(c))
    }

    fn contradictions(&self) -> usize {
        self.missions
            .iter()
            .filter(|m| m.comparison(self.methodology).is_contradiction())
            .count()
    }
}

pub async fn show(
    state: web::Data<AppState>,
    path: web::Path<Slug>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let profile = record(&state, "election", path.into_inner(), profile::election).await?;
    html(ShowPage {
        election: profile.election,
        notes: profile.notes,
        missions: profile.missions,
        individuals: profile.individuals,
        consensus: profile.consensus,
        benchmark_assessments: profile.benchmark_assessments,
        methodology: &METHODOLOGY,
        l,
    })
}

impl ListPage {
    /// These rows as CSV.
    fn download_href(&self) -> String {
        with_query("/downloads/elections.csv", &self.filter.pairs())
    }

    fn is_kind(&self, kind: &ElectionKind) -> bool {
        self.filter.kind == Some(*kind)
    }

    fn is_country(&self, country: &Country) -> bool {
        self.filter.country.as_ref().map(Iso3::as_str) == Some(country.iso3.as_str())
    }
}
