//! `/organizations`: the list of observer groups and each group's profile.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::charts::VerdictChart;
use super::error::AppError;
use super::i18n::L10n;
use super::query::{with_query, Pager, ParamReader, Params, QueryPairs};
use super::{html, listing, record, AppState};
use crate::credibility::{Methodology, Rating, METHODOLOGY};
use crate::domain::Iso3;
use crate::domain::{RecordKind, Slug};
use crate::model::country::Country;
use crate::model::derived::StoredRating;
use crate::model::mission::MissionDetail;
use crate::model::organization::{
    Organization, OrganizationFilter, OrganizationListing, OrganizationOrder,
};
use crate::model::profile::{self, FlagEvidence, SanctionShown};
use crate::model::source::CitedText;
use crate::model::stats;
use crate::model::submission::{self, PublicReply};
use crate::model::OrganizationKind;

/// Missions per page of an organization's profile: few enough that a page, with its chart of
/// every mission, stays under 100 KB with the stylesheet on a slow phone link.
const MISSIONS_PER_PAGE: i64 = 30;

#[derive(Template)]
#[template(path = "organizations/list.html")]
struct ListPage {
    organizations: Vec<OrganizationListing>,
    pager: Pager,
    kinds: Vec<OrganizationKind>,
    countries: Vec<Country>,
    ratings: Vec<Rating>,
    filter: OrganizationFilter,
    past_end: bool,
    l: L10n,
}

/// Reads the filters of the organizations list (also those of its CSV download).
pub(super) fn read_filter(reader: &mut ParamReader) -> OrganizationFilter {
    OrganizationFilter {
        kind: reader.code("kind", OrganizationKind::all()),
        country: reader.country("country"),
        search: reader.text("q", 200),
        rating: reader.code("rating", Rating::all()),
        order: match reader.choice("sort", &["name", "-name"]) {
            Some("-name") => OrganizationOrder::NameDescending,
            _ => OrganizationOrder::NameAscending,
        },
    }
}

impl QueryPairs for OrganizationFilter {
    fn pairs(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("q", self.search.clone()),
            ("kind", self.kind.map(|k| k.code().to_owned())),
            ("country", self.country.as_ref().map(ToString::to_string)),
            ("rating", self.rating.map(|r| r.code().to_owned())),
            (
                "sort",
                (self.order == OrganizationOrder::NameDescending).then(|| "-name".to_owned()),
            ),
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
        "/organizations",
        read_filter,
        Organization::list,
    )
    .await?;
    html(ListPage {
        past_end: list.rows.is_past_end(),
        organizations: list.rows.items,
        pager: list.pager,
        kinds: OrganizationKind::all().collect(),
        countries: list.countries,
        ratings: Rating::all().collect(),
        filter: list.filter,
        l,
    })
}

#[derive(Template)]
#[template(path = "organizations/show.html")]
struct ShowPage {
    organization: Organization,
    notes: Option<CitedText>,
    benchmark_reason: Option<CitedText>,
    country: Option<Country>,
    rating: Option<StoredRating>,
    flags: Vec<FlagEvidence>,
    missions: Vec<MissionDetail>,
    pager: Pager,
    sanctions: Vec<SanctionShown>,
    methodology: &'static Methodology,
    chart: Option<VerdictChart>,
    replies: Vec<PublicReply>,
    l: L10n,
}

pub async fn show(
    state: web::Data<AppState>,
    path: web::Path<Slug>,
    params: web::Query<Params>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let mut reader = ParamReader::new(&params);
    let page = reader.page("page", MISSIONS_PER_PAGE);
    reader.finish()?;
    let (profile, timeline, replies) =
        record(&state, "organization", id.clone(), move |conn, id| {
            let Some(profile) = profile::organization(conn, id, page)? else {
                return Ok(None);
            };
            Ok(Some((
                profile,
                stats::organization_timeline(conn, id.as_str())?,
                submission::accepted_replies(conn, RecordKind::Organization, id.as_str())?,
            )))
        })
        .await?;
    let pager = Pager::new(&profile.missions, &format!("/organizations/{id}"), &[]);
    html(ShowPage {
        organization: profile.organization,
        notes: profile.notes,
        benchmark_reason: profile.benchmark_reason,
        country: profile.country,
        rating: profile.rating,
        flags: profile.flags,
        missions: profile.missions.items,
        pager,
        sanctions: profile.sanctions,
        methodology: &METHODOLOGY,
        chart: VerdictChart::new(&timeline, &METHODOLOGY),
        replies,
        l,
    })
}

impl ListPage {
    /// The list with the current filters in another sort order, for the column header.
    fn sort_href(&self, order: OrganizationOrder) -> String {
        let filter = OrganizationFilter {
            order,
            ..self.filter.clone()
        };
        with_query("/organizations", &filter.pairs())
    }

    /// These rows as CSV.
    fn download_href(&self) -> String {
        with_query("/downloads/organizations.csv", &self.filter.pairs())
    }

    fn is_descending(&self) -> bool {
        self.filter.order == OrganizationOrder::NameDescending
    }

    fn is_kind(&self, kind: &OrganizationKind) -> bool {
        self.filter.kind == Some(*kind)
    }

    fn is_country(&self, country: &Country) -> bool {
        self.filter.country.as_ref().map(Iso3::as_str) == Some(country.iso3.as_str())
    }

    fn is_rating(&self, rating: &Rating) -> bool {
        self.filter.rating == Some(*rating)
    }
}
