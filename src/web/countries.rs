//! `/countries`: where elections were held and where observer groups are based.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::{html, AppState};
use crate::model::country::Country;
use crate::model::election::{Election, ElectionFilter, ElectionListing};
use crate::model::individual::{Individual, IndividualFilter, IndividualListing};
use crate::model::organization::{Organization, OrganizationRef};
use crate::model::{Page, PageRequest};

#[derive(Template)]
#[template(path = "countries/list.html")]
struct ListPage {
    countries: Vec<Country>,
}

pub async fn list(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let countries = state
        .db
        .read(|conn| -> Result<_, AppError> { Ok(Country::all(conn)?) })
        .await?;
    html(ListPage { countries })
}

#[derive(Template)]
#[template(path = "countries/show.html")]
struct ShowPage {
    country: Country,
    /// The most recent elections held here; `elections.total` counts them all.
    elections: Page<ElectionListing>,
    organizations: Vec<OrganizationRef>,
    individuals: Page<IndividualListing>,
}

/// How many elections and individuals a country page lists before linking to the full list.
const SHOWN: i64 = 50;

pub async fn show(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let iso3 = path.into_inner().to_ascii_uppercase();
    if !Country::is_code(&iso3) {
        return Err(AppError::not_found("country", iso3));
    }
    let lookup = iso3.clone();
    let found = state
        .db
        .read(move |conn| -> Result<_, AppError> {
            let Some(country) = Country::find(conn, &lookup)? else {
                return Ok(None);
            };
            let first = PageRequest::new(1, SHOWN);
            let elections = ElectionFilter {
                country: Some(lookup.clone()),
                ..ElectionFilter::default()
            };
            let individuals = IndividualFilter {
                country: Some(lookup.clone()),
                ..IndividualFilter::default()
            };
            Ok(Some((
                country,
                Election::list(conn, &elections, first)?,
                Organization::based_in(conn, &lookup)?,
                Individual::list(conn, &individuals, first)?,
            )))
        })
        .await?;
    let (country, elections, organizations, individuals) =
        found.ok_or_else(|| AppError::not_found("country", &iso3))?;
    html(ShowPage {
        country,
        elections,
        organizations,
        individuals,
    })
}
