//! `POST /api/v1/match`: a list of names (optionally with an organization) matched against the
//! registry exactly as `/vet` matches them. Nothing of the list is stored or logged.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{json, ApiError};
use crate::credibility::METHODOLOGY;
use crate::domain::{FlagKind, Rating};
use crate::model::vet::{self, Matched, VetRow, MAX_ROWS};
use crate::web::AppState;

/// The longest name or organization accepted, in characters.
const MAX_NAME_CHARS: usize = 300;

/// The names to match.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchRequest {
    /// One to 5,000 names.
    #[schema(min_items = 1, max_items = 5000)]
    pub names: Vec<NameToMatch>,
}

/// A name as a spreadsheet row gives it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NameToMatch {
    /// A person's or an organization's name, in any script.
    #[schema(example = "Vladimir Norov", max_length = 300)]
    pub name: String,
    /// The organization the person comes from, if known.
    #[schema(max_length = 300)]
    pub organization: Option<String>,
}

/// What a matched record is.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchedType {
    Organization,
    Individual,
}

/// A record one row matched.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchBody {
    #[serde(rename = "type")]
    pub record_type: MatchedType,
    pub id: String,
    pub name: String,
    /// How good the match is, from 0.5 to 1 (1 only for the exact name).
    pub score: f64,
    /// Why it matched: `exact`, `alias`, `transliterated`, `reordered`, `missing_names` or
    /// `spelling`.
    pub reason: String,
    /// Whether the row's organization (not its name) matched.
    pub via_organization: bool,
    pub rating: Option<Rating>,
    pub flags: Vec<FlagKind>,
    /// A flag other than the weak `no_dop`.
    pub flagged: bool,
    pub href: String,
    pub page: String,
}

/// One row with its matches, best first.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchRow {
    /// The row's position in the request, from 1.
    pub row: usize,
    pub name: String,
    pub organization: Option<String>,
    pub matches: Vec<MatchBody>,
}

/// The matches of every row, in the order of the request.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchResponse {
    pub results: Vec<MatchRow>,
    pub methodology_version: String,
}

fn checked(text: &str, what: &str, row: usize) -> Result<String, ApiError> {
    let text = text.trim();
    if text.chars().count() > MAX_NAME_CHARS || text.contains('\0') {
        return Err(ApiError::bad_request(
            &format!("names[{}].{what}", row - 1),
            "",
            &format!("text of at most {MAX_NAME_CHARS} characters"),
        ));
    }
    Ok(text.to_owned())
}

/// Matches names against the registry as `/vet` does (same matching, same ratings and flags).
#[utoipa::path(post, path = "/api/v1/match", tag = "matching", request_body = MatchRequest,
    responses((status = 200, body = MatchResponse), (status = 400, body = crate::web::api::types::ApiErrorBody),
        (status = 413, body = crate::web::api::types::ApiErrorBody)))]
pub async fn match_names(
    state: web::Data<AppState>,
    request: web::Json<MatchRequest>,
) -> Result<HttpResponse, ApiError> {
    let names = request.into_inner().names;
    if names.is_empty() || names.len() > MAX_ROWS {
        return Err(ApiError::bad_request(
            "names",
            &names.len().to_string(),
            &format!("from 1 to {MAX_ROWS} names"),
        ));
    }
    let mut rows = Vec::with_capacity(names.len());
    for (i, given) in names.into_iter().enumerate() {
        let name = checked(&given.name, "name", i + 1)?;
        let organization = match given.organization {
            Some(org) => Some(checked(&org, "organization", i + 1)?).filter(|o| !o.is_empty()),
            None => None,
        };
        rows.push(VetRow { name, organization });
    }
    let (report, release) = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            Ok((vet::vet(conn, rows)?, super::records::current(conn)?))
        })
        .await?;
    let results = report
        .lines
        .into_iter()
        .map(|line| MatchRow {
            row: line.row,
            name: line.input.name.clone(),
            organization: line.input.organization.clone(),
            matches: line
                .matches
                .iter()
                .map(|m| MatchBody {
                    record_type: match m.record {
                        Matched::Organization(_) => MatchedType::Organization,
                        Matched::Individual(_) => MatchedType::Individual,
                    },
                    id: m.id().to_owned(),
                    name: m.name(),
                    score: m.score,
                    reason: m.reason.code().to_owned(),
                    via_organization: m.via_organization,
                    rating: m.rating(),
                    flags: m.flags().to_vec(),
                    flagged: m.is_flagged(),
                    href: format!("/api/v1/{}s/{}", m.match_type(), m.id()),
                    page: m.href(),
                })
                .collect(),
        })
        .collect();
    let mut response = json(
        &MatchResponse {
            results,
            methodology_version: METHODOLOGY.version.to_owned(),
        },
        release,
    )?;
    // The answer holds the submitted names: no cache may keep it.
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}
