//! `/api/v1/{organizations,elections,missions,individuals,countries,sources,releases}`: the lists
//! with the filters and pagination of the pages, and each record with what its page shows.
//!
//! Handlers read the query string with the pages' own readers (`read_filter`), run the model's
//! queries and convert the domain types to the bodies of [`super::types`].

use actix_web::{web, HttpRequest, HttpResponse};
use utoipa::IntoParams;

use super::convert::{self, page_body, PageLinks};
use super::types::{
    ApiErrorBody, CountryDetail, CountryPage, ElectionDetail, ElectionPage, IndividualDetail,
    IndividualPage, MissionBody, MissionDetail, MissionPage, OrganizationDetail, OrganizationPage,
    ReleaseList, SourceBody, SourcePage,
};
use super::{json, ApiError};
use crate::credibility::{FlagKind, METHODOLOGY};
use crate::domain::{ElectionKind, Iso3, OrganizationKind, Rating, Slug, SubjectType};
use crate::model::country::Country;
use crate::model::derived;
use crate::model::election::{Election, ElectionFilter};
use crate::model::individual::{Individual, IndividualFilter};
use crate::model::mission::{Mission, MissionFilter};
use crate::model::organization::Organization;
use crate::model::participation::Participation;
use crate::model::release::Release;
use crate::model::sanction::Sanction;
use crate::model::source::Source;
use crate::model::PageRequest;
use crate::web::error::AppError;
use crate::web::query::{ParamReader, Params, QueryPairs, PER_PAGE};
use crate::web::{elections as election_pages, individuals as individual_pages};
use crate::web::{organizations as organization_pages, AppState};

/// Missions per page inside an organization's record, as on its page.
const MISSIONS_PER_PAGE: i64 = 50;

/// A path id that cannot be a record's id names no record: 404 before any query.
fn record_id(kind: &'static str, raw: String) -> Result<String, ApiError> {
    Slug::parse(&raw)
        .map(Slug::into_string)
        .map_err(|_| ApiError(AppError::not_found(kind, raw)))
}

/// Rejects text no database can store (a NUL byte) as a bad parameter rather than a failed query.
fn storable(params: &Params) -> Result<(), ApiError> {
    match params.iter().find(|(_, value)| value.contains('\0')) {
        Some((name, _)) => Err(ApiError::bad_request(
            name,
            "",
            "text without NUL characters",
        )),
        None => Ok(()),
    }
}

/// The filters of `GET /api/v1/organizations` (as on `/organizations`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct OrganizationQuery {
    /// Any name, acronym or alias, in any script.
    #[param(max_length = 200)]
    q: Option<String>,
    kind: Option<OrganizationKind>,
    /// Headquarters country, ISO 3166-1 alpha-3.
    #[param(pattern = "^[A-Za-z]{3}$")]
    country: Option<String>,
    rating: Option<Rating>,
    /// `name` (default) or `-name`.
    #[param(pattern = "^-?name$")]
    sort: Option<String>,
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<i64>,
}

/// Organizations, filtered and paginated as on `/organizations`.
#[utoipa::path(get, path = "/api/v1/organizations", tag = "records", params(OrganizationQuery),
    responses((status = 200, body = OrganizationPage), (status = 400, body = ApiErrorBody)))]
pub async fn organizations(
    state: web::Data<AppState>,
    params: web::Query<Params>,
) -> Result<HttpResponse, ApiError> {
    storable(&params)?;
    let mut reader = ParamReader::new(&params);
    let page = reader.page("page", PER_PAGE);
    let filter = organization_pages::read_filter(&mut reader);
    reader.finish()?;
    let query = filter.clone();
    let (found, release) = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            Ok((Organization::list(conn, &query, page)?, current(conn)?))
        })
        .await?;
    let links = PageLinks::of(&found, "/api/v1/organizations", &filter.pairs());
    let body = page_body!(
        OrganizationPage,
        found,
        links,
        convert::organization_summary
    );
    json(&body, release)
}

/// The one page of missions shown inside an organization's record.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct RecordPageQuery {
    /// The page of the embedded missions.
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<i64>,
}

/// One organization: its rating with the methodology version, its flags with evidence ids, its
/// sanctions and its missions.
#[utoipa::path(get, path = "/api/v1/organizations/{id}", tag = "records",
    params(("id" = String, Path, description = "Organization id", example = "sco"), RecordPageQuery),
    responses((status = 200, body = OrganizationDetail), (status = 400, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody)))]
pub async fn organization(
    state: web::Data<AppState>,
    path: web::Path<String>,
    params: web::Query<Params>,
) -> Result<HttpResponse, ApiError> {
    let id = record_id("organization", path.into_inner())?;
    let mut reader = ParamReader::new(&params);
    let page = reader.page("page", MISSIONS_PER_PAGE);
    reader.finish()?;
    let lookup = id.clone();
    let found = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            let Some(organization) = Organization::find(conn, &lookup)? else {
                return Ok(None);
            };
            let country = match &organization.hq_country {
                Some(iso3) => Country::find(conn, iso3)?,
                None => None,
            };
            Ok(Some((
                organization,
                country,
                derived::rating_of(conn, &lookup)?,
                derived::flags_of(conn, SubjectType::Organization, &lookup)?,
                Sanction::about(conn, SubjectType::Organization, &lookup)?,
                Mission::of_organization(conn, &lookup, page)?,
                current(conn)?,
            )))
        })
        .await?;
    let (organization, country, rating, flags, sanctions, missions, release) =
        found.ok_or_else(|| ApiError(AppError::not_found("organization", &id)))?;
    let links = PageLinks::of(&missions, &format!("/api/v1/organizations/{id}"), &[]);
    let body = OrganizationDetail {
        organization: convert::organization_record(organization),
        country: country.map(convert::country),
        rating: rating.map(convert::rating),
        flags: flags
            .into_iter()
            .map(|flag| convert::flag(SubjectType::Organization, flag))
            .collect(),
        sanctions: sanctions.into_iter().map(convert::sanction).collect(),
        missions: page_body!(MissionPage, missions, links, convert::mission),
    };
    json(&body, release)
}

/// The filters of `GET /api/v1/elections` (as on `/elections`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ElectionQuery {
    #[param(pattern = "^[A-Za-z]{3}$")]
    country: Option<String>,
    #[param(minimum = 1800, maximum = 2200)]
    year: Option<i32>,
    kind: Option<ElectionKind>,
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<i64>,
}

/// Elections, newest first, filtered and paginated as on `/elections`.
#[utoipa::path(get, path = "/api/v1/elections", tag = "records", params(ElectionQuery),
    responses((status = 200, body = ElectionPage), (status = 400, body = ApiErrorBody)))]
pub async fn elections(
    state: web::Data<AppState>,
    params: web::Query<Params>,
) -> Result<HttpResponse, ApiError> {
    storable(&params)?;
    let mut reader = ParamReader::new(&params);
    let page = reader.page("page", PER_PAGE);
    let filter = election_pages::read_filter(&mut reader);
    reader.finish()?;
    let query = filter.clone();
    let (found, release) = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            Ok((Election::list(conn, &query, page)?, current(conn)?))
        })
        .await?;
    let links = PageLinks::of(&found, "/api/v1/elections", &filter.pairs());
    json(
        &page_body!(ElectionPage, found, links, convert::election_listing),
        release,
    )
}

/// One election: every observer's verdict side by side, the benchmark consensus and the
/// individuals who observed it.
#[utoipa::path(get, path = "/api/v1/elections/{id}", tag = "records",
    params(("id" = String, Path, description = "Election id", example = "tjk-2020-10-11-presidential")),
    responses((status = 200, body = ElectionDetail), (status = 404, body = ApiErrorBody)))]
pub async fn election(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = record_id("election", path.into_inner())?;
    let lookup = id.clone();
    let found = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            let Some(election) = Election::find(conn, &lookup)? else {
                return Ok(None);
            };
            Ok(Some((
                election,
                Mission::at_election(conn, &lookup)?,
                Participation::at_election(conn, &lookup)?,
                derived::consensus_of(conn, &lookup)?,
                current(conn)?,
            )))
        })
        .await?;
    let (election, missions, individuals, (score, assessments), release) =
        found.ok_or_else(|| ApiError(AppError::not_found("election", &id)))?;
    let missions: Vec<MissionBody> = missions.into_iter().map(convert::mission).collect();
    let body = ElectionDetail {
        election: convert::election(election, Some(missions.len() as i64)),
        consensus: convert::consensus(score, assessments),
        contradictions: missions
            .iter()
            .filter(|m| m.comparison.contradiction)
            .count() as i64,
        missions,
        individuals: individuals
            .into_iter()
            .map(convert::participation)
            .collect(),
    };
    json(&body, release)
}

/// The filters of `GET /api/v1/missions`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct MissionQuery {
    /// Only the missions of this organization.
    #[param(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 120)]
    organization: Option<String>,
    /// Only the missions at this election.
    #[param(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 120)]
    election: Option<String>,
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<i64>,
}

/// Missions, newest election first, optionally of one organization or at one election.
#[utoipa::path(get, path = "/api/v1/missions", tag = "records", params(MissionQuery),
    responses((status = 200, body = MissionPage), (status = 400, body = ApiErrorBody)))]
pub async fn missions(
    state: web::Data<AppState>,
    params: web::Query<Params>,
) -> Result<HttpResponse, ApiError> {
    storable(&params)?;
    let mut reader = ParamReader::new(&params);
    let page = reader.page("page", PER_PAGE);
    let filter = MissionFilter {
        organization: reader.id("organization").map(Slug::into_string),
        election: reader.id("election").map(Slug::into_string),
    };
    reader.finish()?;
    let query = filter.clone();
    let (found, release) = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            Ok((Mission::list(conn, &query, page)?, current(conn)?))
        })
        .await?;
    let pairs = [
        ("organization", filter.organization),
        ("election", filter.election),
    ];
    let links = PageLinks::of(&found, "/api/v1/missions", &pairs);
    json(
        &page_body!(MissionPage, found, links, convert::mission),
        release,
    )
}

/// One mission with its verdict, its comparison with the consensus and its named members.
#[utoipa::path(get, path = "/api/v1/missions/{id}", tag = "records",
    params(("id" = String, Path, description = "Mission id", example = "sco-tjk-2020-10-11-presidential")),
    responses((status = 200, body = MissionDetail), (status = 404, body = ApiErrorBody)))]
pub async fn mission(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = record_id("mission", path.into_inner())?;
    let lookup = id.clone();
    let found = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            let Some(detail) = Mission::find(conn, &lookup)? else {
                return Ok(None);
            };
            Ok(Some((
                detail,
                Participation::in_mission(conn, &lookup)?,
                current(conn)?,
            )))
        })
        .await?;
    let (detail, members, release) =
        found.ok_or_else(|| ApiError(AppError::not_found("mission", &id)))?;
    let body = MissionDetail {
        mission: convert::mission(detail),
        members: members.into_iter().map(convert::participation).collect(),
        methodology_version: METHODOLOGY.version.to_owned(),
    };
    json(&body, release)
}

/// The filters of `GET /api/v1/individuals` (as on `/individuals`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct IndividualQuery {
    /// The name, or the name in its original script.
    #[param(max_length = 200)]
    q: Option<String>,
    #[param(pattern = "^[A-Za-z]{3}$")]
    country: Option<String>,
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<i64>,
}

/// Individuals, by name, filtered and paginated as on `/individuals`.
#[utoipa::path(get, path = "/api/v1/individuals", tag = "records", params(IndividualQuery),
    responses((status = 200, body = IndividualPage), (status = 400, body = ApiErrorBody)))]
pub async fn individuals(
    state: web::Data<AppState>,
    params: web::Query<Params>,
) -> Result<HttpResponse, ApiError> {
    storable(&params)?;
    let mut reader = ParamReader::new(&params);
    let page = reader.page("page", PER_PAGE);
    let filter = individual_pages::read_filter(&mut reader);
    reader.finish()?;
    let query = filter.clone();
    let (found, release) = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            Ok((Individual::list(conn, &query, page)?, current(conn)?))
        })
        .await?;
    let links = PageLinks::of(&found, "/api/v1/individuals", &filter.pairs());
    json(
        &page_body!(IndividualPage, found, links, convert::individual_listing),
        release,
    )
}

/// One individual: every participation, sanctions and flags with evidence ids.
#[utoipa::path(get, path = "/api/v1/individuals/{id}", tag = "records",
    params(("id" = String, Path, description = "Individual id", example = "vladimir-norov")),
    responses((status = 200, body = IndividualDetail), (status = 404, body = ApiErrorBody)))]
pub async fn individual(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = record_id("individual", path.into_inner())?;
    let lookup = id.clone();
    let found = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            let Some((person, country_name)) = Individual::find(conn, &lookup)? else {
                return Ok(None);
            };
            Ok(Some((
                person,
                country_name,
                Participation::of_individual(conn, &lookup)?,
                Sanction::about(conn, SubjectType::Individual, &lookup)?,
                derived::flags_of(conn, SubjectType::Individual, &lookup)?,
                current(conn)?,
            )))
        })
        .await?;
    let (person, country_name, participations, sanctions, flags, release) =
        found.ok_or_else(|| ApiError(AppError::not_found("individual", &id)))?;
    let body = IndividualDetail {
        individual: convert::individual(person, country_name, Some(participations.len() as i64)),
        participations: participations
            .into_iter()
            .map(convert::participation)
            .collect(),
        sanctions: sanctions.into_iter().map(convert::sanction).collect(),
        flags: flags
            .into_iter()
            .filter(|flag| flag.kind != FlagKind::NoDop)
            .map(|flag| convert::flag(SubjectType::Individual, flag))
            .collect(),
    };
    json(&body, release)
}

/// Every country, by name (one page, as on `/countries`).
#[utoipa::path(get, path = "/api/v1/countries", tag = "records",
    responses((status = 200, body = CountryPage)))]
pub async fn countries(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let (countries, release) = state
        .db
        .read(|conn| -> Result<_, ApiError> { Ok((Country::all(conn)?, current(conn)?)) })
        .await?;
    let total = countries.len() as i64;
    let body = CountryPage {
        items: countries.into_iter().map(convert::country).collect(),
        total,
        page: 1,
        per_page: total.max(1),
        next: None,
        previous: None,
    };
    json(&body, release)
}

/// One country: its most recent elections, the organizations based there and its individuals.
#[utoipa::path(get, path = "/api/v1/countries/{iso3}", tag = "records",
    params(("iso3" = String, Path, description = "ISO 3166-1 alpha-3 code", example = "TJK")),
    responses((status = 200, body = CountryDetail), (status = 404, body = ApiErrorBody)))]
pub async fn country(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let iso3 = path.into_inner().to_ascii_uppercase();
    if !Country::is_code(&iso3) {
        return Err(ApiError(AppError::not_found("country", iso3)));
    }
    let lookup = iso3.clone();
    let found = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            let Some(country) = Country::find(conn, &lookup)? else {
                return Ok(None);
            };
            let first = PageRequest::new(1, PER_PAGE);
            let code = Iso3::parse(&lookup)
                .map_err(|_| ApiError(AppError::not_found("country", lookup.clone())))?;
            let elections = ElectionFilter {
                country: Some(code.clone()),
                ..ElectionFilter::default()
            };
            let individuals = IndividualFilter {
                country: Some(code.clone()),
                ..IndividualFilter::default()
            };
            Ok(Some((
                country,
                Election::list(conn, &elections, first)?,
                Organization::based_in(conn, &lookup)?,
                Individual::list(conn, &individuals, first)?,
                current(conn)?,
            )))
        })
        .await?;
    let (country, elections, organizations, individuals, release) =
        found.ok_or_else(|| ApiError(AppError::not_found("country", &iso3)))?;
    let filter = [("country", Some(iso3.clone()))];
    let election_links = PageLinks::of(&elections, "/api/v1/elections", &filter);
    let individual_links = PageLinks::of(&individuals, "/api/v1/individuals", &filter);
    let body = CountryDetail {
        country: convert::country(country),
        elections: page_body!(
            ElectionPage,
            elections,
            election_links,
            convert::election_listing
        ),
        organizations: organizations
            .into_iter()
            .map(|org| convert::organization_link(org, None))
            .collect(),
        individuals: page_body!(
            IndividualPage,
            individuals,
            individual_links,
            convert::individual_listing
        ),
    };
    json(&body, release)
}

/// Sources, by id.
#[utoipa::path(get, path = "/api/v1/sources", tag = "records", params(RecordPageQuery),
    responses((status = 200, body = SourcePage), (status = 400, body = ApiErrorBody)))]
pub async fn sources(
    state: web::Data<AppState>,
    params: web::Query<Params>,
) -> Result<HttpResponse, ApiError> {
    let mut reader = ParamReader::new(&params);
    let page = reader.page("page", PER_PAGE);
    reader.finish()?;
    let (found, release) = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            Ok((Source::list(conn, page)?, current(conn)?))
        })
        .await?;
    let links = PageLinks::of(&found, "/api/v1/sources", &[]);
    json(
        &page_body!(SourcePage, found, links, convert::source),
        release,
    )
}

/// One source document.
#[utoipa::path(get, path = "/api/v1/sources/{id}", tag = "records",
    params(("id" = String, Path, description = "Source id")),
    responses((status = 200, body = SourceBody), (status = 404, body = ApiErrorBody)))]
pub async fn source(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = record_id("source", path.into_inner())?;
    let lookup = id.clone();
    let (found, release) = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            Ok((Source::find(conn, &lookup)?, current(conn)?))
        })
        .await?;
    let found = found.ok_or_else(|| ApiError(AppError::not_found("source", &id)))?;
    json(&convert::source(found), release)
}

/// Every data release, newest first, with what it changed and a suggested citation.
#[utoipa::path(get, path = "/api/v1/releases", tag = "releases",
    responses((status = 200, body = ReleaseList)))]
pub async fn releases(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let releases = state
        .db
        .read(|conn| -> Result<_, ApiError> { Ok(Release::all(conn)?) })
        .await?;
    let info = req.connection_info();
    let base = format!("{}://{}", info.scheme(), info.host());
    let current = releases.first().map(|release| release.id);
    let body = ReleaseList {
        current,
        items: releases
            .into_iter()
            .map(|release| convert::release(release, &base))
            .collect(),
    };
    json(&body, current)
}

/// The current release's number, for the `X-Registry-Release` header.
pub(super) fn current(conn: &mut crate::db::DbConn) -> diesel::QueryResult<Option<i32>> {
    Release::latest(conn).map(|release| release.map(|r| r.id))
}
