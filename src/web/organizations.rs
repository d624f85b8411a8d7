//! `/organizations`: the list of observer groups and each group's profile.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::query::{Pager, ParamReader, Params, PER_PAGE};
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
    kind: Option<OrganizationKind>,
    country: Option<String>,
    search: Option<String>,
    rating: Option<Rating>,
    ratings: Vec<Rating>,
    sort: &'static str,
    past_end: bool,
}

pub async fn list(
    state: web::Data<AppState>,
    params: web::Query<Params>,
) -> Result<HttpResponse, AppError> {
    let mut reader = ParamReader::new(&params);
    let page = reader.page("page", PER_PAGE);
    let kind = reader.code("kind", OrganizationKind::all());
    let country = reader.country("country");
    let search = reader.text("q", 200);
    let rating = reader.code("rating", Rating::all());
    let sort = reader.choice("sort", &["name", "-name"]).unwrap_or("name");
    reader.finish()?;
    let filter = OrganizationFilter {
        kind,
        country: country.clone(),
        search: search.clone(),
        rating,
        order: if sort == "-name" {
            OrganizationOrder::NameDescending
        } else {
            OrganizationOrder::NameAscending
        },
    };
    let (organizations, countries) = state
        .db
        .read(move |conn| -> Result<_, AppError> {
            Ok((
                Organization::list(conn, &filter, page)?,
                Country::all(conn)?,
            ))
        })
        .await?;
    let pager = Pager::new(
        &organizations,
        "/organizations",
        &[
            ("q", search.clone()),
            ("kind", kind.map(|k| k.code().to_owned())),
            ("country", country.clone()),
            ("rating", rating.map(|r| r.code().to_owned())),
            ("sort", (sort != "name").then(|| sort.to_owned())),
        ],
    );
    html(ListPage {
        past_end: organizations.is_past_end(),
        organizations: organizations.items,
        pager,
        kinds: OrganizationKind::all().collect(),
        countries,
        kind,
        country,
        search,
        rating,
        ratings: Rating::all().collect(),
        sort,
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
    missions: Vec<MissionDetail>,
}

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
                        _ => Mission::with_ids(conn, &flag.evidence)?,
                    };
                    Ok(FlagEvidence { flag, missions })
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
    /// The query string of the current filters with another sort order, for the column header.
    fn sort_href(&self, sort: &str) -> String {
        let query = super::query::query_string(&[
            ("q", self.search.clone()),
            ("kind", self.kind.map(|k| k.code().to_owned())),
            ("country", self.country.clone()),
            ("rating", self.rating.map(|r| r.code().to_owned())),
            ("sort", (sort != "name").then(|| sort.to_owned())),
        ]);
        if query.is_empty() {
            "/organizations".to_owned()
        } else {
            format!("/organizations?{query}")
        }
    }
}

impl ListPage {
    fn is_kind(&self, kind: &OrganizationKind) -> bool {
        self.kind == Some(*kind)
    }

    fn is_country(&self, country: &Country) -> bool {
        self.country.as_deref() == Some(country.iso3.as_str())
    }

    fn is_rating(&self, rating: &Rating) -> bool {
        self.rating == Some(*rating)
    }
}
