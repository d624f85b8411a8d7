//! `/individuals`: people who observed elections, and what each did.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::i18n::L10n;
use super::query::{with_query, Pager, ParamReader, Params, QueryPairs};
use super::{html, listing, record, AppState};
use crate::credibility::{Flag, FlagKind};
use crate::domain::Iso3;
use crate::domain::{RecordKind, Slug};
use crate::model::country::Country;
use crate::model::individual::{Individual, IndividualFilter, IndividualListing};
use crate::model::participation::ParticipationDetail;
use crate::model::profile::{self, SanctionShown};
use crate::model::source::CitedText;
use crate::model::submission::{self, PublicReply};

#[derive(Template)]
#[template(path = "individuals/list.html")]
struct ListPage {
    individuals: Vec<IndividualListing>,
    pager: Pager,
    countries: Vec<Country>,
    filter: IndividualFilter,
    past_end: bool,
    l: L10n,
}

/// Reads the filters of the individuals list (also those of its CSV download).
pub(super) fn read_filter(reader: &mut ParamReader) -> IndividualFilter {
    IndividualFilter {
        country: reader.country("country"),
        search: reader.text("q", 200),
    }
}

impl QueryPairs for IndividualFilter {
    fn pairs(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("q", self.search.clone()),
            ("country", self.country.as_ref().map(ToString::to_string)),
        ]
    }
}

pub async fn list(
    state: web::Data<AppState>,
    params: web::Query<Params>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let list = listing(
        &state,
        &params,
        "/individuals",
        read_filter,
        Individual::list,
    )
    .await?;
    html(ListPage {
        past_end: list.rows.is_past_end(),
        individuals: list.rows.items,
        pager: list.pager,
        countries: list.countries,
        filter: list.filter,
        l,
    })
}

#[derive(Template)]
#[template(path = "individuals/show.html")]
struct ShowPage {
    individual: Individual,
    notes: Option<CitedText>,
    country_name: Option<String>,
    participations: Vec<ParticipationDetail>,
    sanctions: Vec<SanctionShown>,
    flags: Vec<Flag>,
    replies: Vec<PublicReply>,
    l: L10n,
}

impl ShowPage {
    /// The flags a participation is evidence for, to mark its row.
    fn flags_on(&self, participation_id: &str) -> Vec<FlagKind> {
        self.flags
            .iter()
            .filter(|flag| flag.evidence.iter().any(|id| id == participation_id))
            .map(|flag| flag.kind)
            .collect()
    }

    /// The participations a flag rests on, for the summary box.
    fn evidence_of(&self, flag: &Flag) -> Vec<&ParticipationDetail> {
        self.participations
            .iter()
            .filter(|p| flag.evidence.contains(&p.participation.id))
            .collect()
    }
}

pub async fn show(
    state: web::Data<AppState>,
    path: web::Path<Slug>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let (profile, replies) = record(&state, "individual", path.into_inner(), |conn, id| {
        let Some(profile) = profile::individual(conn, id)? else {
            return Ok(None);
        };
        let replies = submission::accepted_replies(conn, RecordKind::Individual, id.as_str())?;
        Ok(Some((profile, replies)))
    })
    .await?;
    html(ShowPage {
        individual: profile.individual,
        notes: profile.notes,
        country_name: profile.country_name,
        participations: profile.participations,
        sanctions: profile.sanctions,
        flags: profile.flags,
        replies,
        l,
    })
}

impl ListPage {
    /// These rows as CSV.
    fn download_href(&self) -> String {
        with_query("/downloads/individuals.csv", &self.filter.pairs())
    }

    fn is_country(&self, country: &Country) -> bool {
        self.filter.country.as_ref().map(Iso3::as_str) == Some(country.iso3.as_str())
    }
}
