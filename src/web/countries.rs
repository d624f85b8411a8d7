//! `/countries`: where elections were held and where observer groups are based.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::i18n::L10n;
use super::{html, record, AppState};
use crate::domain::Iso3;
use crate::model::country::Country;
use crate::model::election::ElectionListing;
use crate::model::individual::IndividualListing;
use crate::model::organization::OrganizationRef;
use crate::model::{profile, Page};

#[derive(Template)]
#[template(path = "countries/list.html")]
struct ListPage {
    countries: Vec<Country>,
    l: L10n,
}

pub async fn list(state: web::Data<AppState>, l: L10n) -> Result<HttpResponse, AppError> {
    let countries = state
        .db
        .read(|conn| -> Result<_, AppError> { Ok(Country::all(conn)?) })
        .await?;
    html(ListPage { countries, l })
}

#[derive(Template)]
#[template(path = "countries/show.html")]
struct ShowPage {
    country: Country,
    /// The most recent elections held here; `elections.total` counts them all.
    elections: Page<ElectionListing>,
    organizations: Vec<OrganizationRef>,
    individuals: Page<IndividualListing>,
    l: L10n,
}

/// How many elections and individuals a country page lists before linking to the full list.
const SHOWN: i64 = 50;

pub async fn show(
    state: web::Data<AppState>,
    path: web::Path<Iso3>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let profile = record(&state, "country", path.into_inner(), |conn, iso3| {
        profile::country(conn, iso3, SHOWN)
    })
    .await?;
    html(ShowPage {
        country: profile.country,
        elections: profile.elections,
        organizations: profile.organizations,
        individuals: profile.individuals,
        l,
    })
}
