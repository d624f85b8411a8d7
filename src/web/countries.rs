//! `/countries`: where elections were held and where observer groups are based.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::{html, AppState};
use crate::model::country::Country;
use crate::model::election::{Election, ElectionInCountry};
use crate::model::individual::Individual;
use crate::model::organization::{Organization, OrganizationRef};

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
    elections: Vec<ElectionInCountry>,
    organizations: Vec<OrganizationRef>,
    individuals: Vec<Individual>,
}

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
            Ok(Some((
                country,
                Election::held_in(conn, &lookup)?,
                Organization::based_in(conn, &lookup)?,
                Individual::from_country(conn, &lookup)?,
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
