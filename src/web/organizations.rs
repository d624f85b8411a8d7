//! `/organizations`: the list of observer groups and each group's profile.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::query::{with_query, Pager, ParamReader, Params, QueryPairs, PER_PAGE};
use super::{html, AppState};
use crate::credibility::{Flag, FlagKind, Methodology, Rating, METHODOLOGY};
use crate::model::country::Country;
use crate::model::derived::{self, StoredRating};
use crate::model::mission::{Mission, MissionDetail};
use crate::model::organization::{
    Organization, OrganizationFilter, OrganizationListing, OrganizationOrder,
};
use crate::model::sanction::Sanction;
use crate::model::source::Source;
use crate::model::{OrganizationKind, Page, SubjectType};

/// Missions per page of an organization's profile.
const MISSIONS_PER_PAGE: i64 = 50;

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
            ("country", self.country.clone()),
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
) -> Result<HttpResponse, AppError> {
    let mut reader = ParamReader::new(&params);
    let page = reader.page("page", PER_PAGE);
    let filter = read_filter(&mut reader);
    reader.finish()?;
    let query = filter.clone();
    let (organizations, countries) = state
        .db
        .read(move |conn| -> Result<_, AppError> {
            Ok((Organization::list(conn, &query, page)?, Country::all(conn)?))
        })
        .await?;
    let pager = Pager::new(&organizations, "/organizations", &filter.pairs());
    html(ListPage {
        past_end: organizations.is_past_end(),
        organizations: organizations.items,
        pager,
        kinds: OrganizationKind::all().collect(),
        countries,
        ratings: Rating::all().collect(),
        filter,
    })
}

#[derive(Template)]
#[template(path = "organizations/show.html")]
struct ShowPage {
    organization: Organization,
    country: Option<Country>,
    rating: Option<StoredRating>,
    flags: Vec<FlagEvidence>,
    missions: Vec<MissionDetail>,
    pager: Pager,
    sanctions: Vec<(Sanction, Source)>,
    methodology: &'static Methodology,
}

/// A flag with the missions that raised it (sanction flags point at the sanctions list instead).
struct FlagEvidence {
    flag: Flag,
    /// The first [`EVIDENCE_SHOWN`] missions of the evidence.
    missions: Vec<MissionDetail>,
    /// How many more missions the flag rests on.
    more: usize,
}

/// Evidence missions listed under a flag; the rest are counted (the missions table lists all).
const EVIDENCE_SHOWN: usize = 10;

pub async fn show(
    state: web::Data<AppState>,
    path: web::Path<String>,
    params: web::Query<Params>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let mut reader = ParamReader::new(&params);
    let page = reader.page("page", MISSIONS_PER_PAGE);
    reader.finish()?;
    let lookup = id.clone();
    let found = state
        .db
        .read(move |conn| -> Result<_, AppError> {
            let Some(organization) = Organization::find(conn, &lookup)? else {
                return Ok(None);
            };
            let country = match &organization.hq_country {
                Some(iso3) => Country::find(conn, iso3)?,
                None => None,
            };
            let missions = Mission::of_organization(conn, &lookup, page)?;
            let sanctions = Sanction::about(conn, SubjectType::Organization, &lookup)?;
            let rating = derived::rating_of(conn, &lookup)?;
            let flags = derived::flags_of(conn, SubjectType::Organization, &lookup)?
                .into_iter()
                .map(|flag| {
                    let missions = match flag.kind {
                        FlagKind::SanctionedOrExposed | FlagKind::NoDop => Vec::new(),
                        _ => {
                            let shown = flag.evidence.len().min(EVIDENCE_SHOWN);
                            Mission::with_ids(conn, &flag.evidence[..shown])?
                        }
                    };
                    let more = if missions.is_empty() {
                        0
                    } else {
                        flag.evidence.len() - missions.len()
                    };
                    Ok(FlagEvidence {
                        flag,
                        missions,
                        more,
                    })
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            Ok(Some((
                organization,
                country,
                missions,
                sanctions,
                rating,
                flags,
            )))
        })
        .await?;
    let (organization, country, missions, sanctions, rating, flags) =
        found.ok_or_else(|| AppError::not_found("organization", &id))?;
    let pager = missions_pager(&missions, &id);
    html(ShowPage {
        organization,
        country,
        rating,
        flags,
        missions: missions.items,
        pager,
        sanctions,
        methodology: &METHODOLOGY,
    })
}

fn missions_pager(missions: &Page<MissionDetail>, id: &str) -> Pager {
    Pager::new(missions, &format!("/organizations/{id}"), &[])
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
        self.filter.country.as_deref() == Some(country.iso3.as_str())
    }

    fn is_rating(&self, rating: &Rating) -> bool {
        self.filter.rating == Some(*rating)
    }
}
