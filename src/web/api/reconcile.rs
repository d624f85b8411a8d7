//! `/api/reconcile`: the W3C Entity Reconciliation Community Group's Reconciliation Service API
//! (version 0.2, as OpenRefine speaks it), so that a spreadsheet column of observer names or
//! organizations can be matched against the registry with the same matching as `/search` and
//! `/vet`.
//!
//! - `GET /api/reconcile`: the service manifest;
//! - `GET` or `POST /api/reconcile` with `queries`: a batch of queries, each with an optional
//!   `type` (`organization`, `individual`) and `properties` (`country`);
//! - `/api/reconcile/suggest/{entity,type,property}?prefix=`: auto-completion;
//! - `/api/reconcile/preview?id=`: a small HTML card; `/api/reconcile/view/{id}`: the record's page.

use std::collections::{BTreeMap, HashMap};

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{ApiError, BodyProblem};
use crate::credibility::FlagKind;
use crate::domain::{Rating, Slug};
use crate::matching;
use crate::model::country::Country;
use crate::model::individual::Individual;
use crate::model::organization::Organization;
use crate::model::reconcile::{self, Candidate, NameQuery};
use crate::model::search::RecordType;
use crate::model::vet::MAX_ROWS;
use crate::web::error::AppError;
use crate::web::i18n::L10n;
use crate::web::query::Params;
use crate::web::AppState;

/// Candidates returned per query unless the query asks for fewer or more (at most [`MAX_LIMIT`]).
const DEFAULT_LIMIT: usize = 5;
const MAX_LIMIT: usize = 25;
/// Suggestions returned per prefix.
const SUGGESTIONS: usize = 10;
/// A candidate in another country than the one given keeps this share of its score.
const OTHER_COUNTRY: f64 = 0.85;
/// A candidate is a sure match when it scores at least this…
const SURE: f64 = 0.95;
/// …and this much more than the next one.
const MARGIN: f64 = 0.1;
/// The largest request body read.
const MAX_BODY: usize = 2 * 1024 * 1024;

/// The record types the service offers, with their names.
const TYPES: [(RecordType, &str); 2] = [
    (RecordType::Organization, "Observer organization"),
    (RecordType::Individual, "Individual observer"),
];

/// The properties a query may carry.
const PROPERTIES: [(&str, &str); 1] = [(
    "country",
    "Country (ISO 3166-1 alpha-3 code or name): headquarters of an organization, nationality of a person",
)];

fn base(req: &HttpRequest) -> String {
    let info = req.connection_info();
    format!("{}://{}", info.scheme(), info.host())
}

fn json_answer(value: &Value) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(value)
}

/// The manifest, or the answers to a batch of queries (from the query string or a form body).
pub async fn service(
    state: web::Data<AppState>,
    req: HttpRequest,
    params: web::Query<Params>,
    payload: web::Payload,
) -> Result<HttpResponse, actix_web::Error> {
    let mut fields: HashMap<String, String> = params.into_inner();
    if req.method() == actix_web::http::Method::POST {
        fields.extend(read_form(payload).await?);
    }
    match fields.get("queries") {
        None => Ok(json_answer(&manifest(&base(&req)))),
        Some(queries) => {
            let queries = parse_queries(queries)?;
            let answers = answer(&state, queries).await?;
            Ok(json_answer(&answers))
        }
    }
}

/// Reads an urlencoded form body, refusing more than [`MAX_BODY`] bytes with 413.
async fn read_form(mut payload: web::Payload) -> Result<HashMap<String, String>, actix_web::Error> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > MAX_BODY {
            return Err(BodyProblem::too_large(MAX_BODY).into());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(form_urlencoded::parse(&body).into_owned().collect())
}

fn manifest(base: &str) -> Value {
    json!({
        "versions": ["0.2"],
        "name": "Observer Registry",
        "identifierSpace": format!("{base}/api/v1/"),
        "schemaSpace": format!("{base}/api/reconcile/types"),
        "documentation": format!("{base}/api#reconcile"),
        "serviceVersion": env!("CARGO_PKG_VERSION"),
        "defaultTypes": TYPES.iter().map(|(t, name)| json!({"id": t.code(), "name": name})).collect::<Vec<_>>(),
        "view": { "url": format!("{base}/api/reconcile/view/{{{{id}}}}") },
        "preview": {
            "url": format!("{base}/api/reconcile/preview?id={{{{id}}}}"),
            "width": 420,
            "height": 200,
        },
        "suggest": {
            "entity": { "service_url": base, "service_path": "/api/reconcile/suggest/entity" },
            "type": { "service_url": base, "service_path": "/api/reconcile/suggest/type" },
            "property": { "service_url": base, "service_path": "/api/reconcile/suggest/property" },
        },
    })
}

/// One query of a batch, as the protocol sends it.
#[derive(Debug, Deserialize)]
struct RawQuery {
    query: String,
    #[serde(rename = "type", default)]
    record_type: Option<Value>,
    #[serde(default)]
    limit: Option<Value>,
    #[serde(default)]
    properties: Vec<RawProperty>,
}

#[derive(Debug, Deserialize)]
struct RawProperty {
    #[serde(alias = "p")]
    pid: String,
    v: Value,
}

/// A query read and checked.
struct Query {
    name: NameQuery,
    limit: usize,
    /// The `country` property, as given (a code or a name).
    country: Option<String>,
}

fn bad(name: &str, expected: &str) -> ApiError {
    ApiError::bad_request(name, "", expected)
}

/// The text of a property value: a string, a number, or an object with an `id` or a `name`.
fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.first().and_then(value_text),
        Value::Object(map) => map
            .get("id")
            .or_else(|| map.get("name"))
            .and_then(value_text),
        _ => None,
    }
}

fn record_types(value: Option<&Value>) -> Result<Vec<RecordType>, ApiError> {
    let codes: Vec<String> = match value {
        None | Some(Value::Null) => return Ok(TYPES.iter().map(|(t, _)| *t).collect()),
        Some(Value::String(code)) => vec![code.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(value_text).collect(),
        Some(_) => return Err(bad("type", "organization or individual")),
    };
    let mut types = Vec::new();
    for code in codes {
        match TYPES.iter().find(|(t, _)| t.code() == code) {
            Some((t, _)) => types.push(*t),
            None => return Err(bad("type", "organization or individual")),
        }
    }
    Ok(types)
}

fn parse_queries(text: &str) -> Result<BTreeMap<String, Query>, ApiError> {
    let raw: BTreeMap<String, RawQuery> = serde_json::from_str(text).map_err(|err| {
        bad(
            "queries",
            &format!("a JSON object of queries, each with a \"query\" ({err})"),
        )
    })?;
    if raw.len() > MAX_ROWS {
        return Err(bad("queries", &format!("at most {MAX_ROWS} queries")));
    }
    raw.into_iter()
        .map(|(key, q)| {
            if q.query.chars().count() > 300 || q.query.contains('\0') {
                return Err(bad("query", "text of at most 300 characters"));
            }
            let limit = match &q.limit {
                None | Some(Value::Null) => DEFAULT_LIMIT,
                Some(v) => v
                    .as_u64()
                    .map(|n| (n as usize).min(MAX_LIMIT))
                    .ok_or_else(|| bad("limit", "a whole number"))?,
            };
            let country = q
                .properties
                .iter()
                .find(|p| p.pid == "country")
                .and_then(|p| value_text(&p.v))
                .filter(|c| !c.trim().is_empty());
            let name = NameQuery {
                text: q.query.trim().to_owned(),
                types: record_types(q.record_type.as_ref())?,
            };
            Ok((
                key,
                Query {
                    name,
                    limit,
                    country,
                },
            ))
        })
        .collect()
}

/// The ISO3 code a `country` property names: a code, or a country's name in any script.
fn country_code(given: &str, countries: &[Country]) -> Option<String> {
    let upper = given.trim().to_ascii_uppercase();
    if Country::is_code(&upper) {
        return Some(upper);
    }
    let folded = matching::fold(given);
    countries
        .iter()
        .find(|c| matching::fold(&c.name) == folded)
        .map(|c| c.iso3.clone())
}

fn type_name(t: RecordType) -> &'static str {
    TYPES
        .iter()
        .find(|(code, _)| *code == t)
        .map_or("", |(_, name)| name)
}

/// A short description that tells namesakes apart.
fn description(c: &Candidate) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(detail) = &c.detail {
        parts.push(detail.replace('_', " "));
    }
    if let Some(country) = &c.country {
        parts.push(country.clone());
    }
    if let Some(rating) = c.rating {
        parts.push(format!("rating: {}", rating.code().replace('_', " ")));
    }
    let flags: Vec<&str> = c
        .flags
        .iter()
        .filter(|f| **f != FlagKind::NoDop)
        .map(|f| f.code())
        .collect();
    if !flags.is_empty() {
        parts.push(format!("flags: {}", flags.join(", ")));
    }
    parts.join(" · ")
}

fn result(c: &Candidate, score: f64, sure: bool) -> Value {
    json!({
        "id": c.id,
        "name": c.name,
        "description": description(c),
        "type": [{ "id": c.record_type.code(), "name": type_name(c.record_type) }],
        "score": (score * 1000.0).round() / 10.0,
        "match": sure,
        "features": [
            { "id": format!("reason_{}", c.reason.code()), "value": true },
            { "id": "name_score", "value": score },
        ],
    })
}

async fn answer(
    state: &web::Data<AppState>,
    queries: BTreeMap<String, Query>,
) -> Result<Value, ApiError> {
    let names: Vec<NameQuery> = queries.values().map(|q| q.name.clone()).collect();
    let (found, countries) = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            Ok((reconcile::candidates(conn, &names)?, Country::all(conn)?))
        })
        .await?;
    let mut answers = serde_json::Map::new();
    for ((key, query), candidates) in queries.into_iter().zip(found) {
        let wanted = query
            .country
            .as_deref()
            .and_then(|c| country_code(c, &countries));
        let mut scored: Vec<(f64, Candidate)> = candidates
            .into_iter()
            .map(|c| {
                let score = match (&wanted, &c.country) {
                    (Some(w), Some(have)) if w == have => c.score,
                    (Some(_), _) => c.score * OTHER_COUNTRY,
                    (None, _) => c.score,
                };
                (score, c)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.truncate(query.limit);
        let sure = match scored.as_slice() {
            [(first, _)] => *first >= SURE,
            [(first, _), (second, _), ..] => *first >= SURE && first - second >= MARGIN,
            [] => false,
        };
        let results: Vec<Value> = scored
            .iter()
            .enumerate()
            .map(|(i, (score, c))| result(c, *score, sure && i == 0))
            .collect();
        answers.insert(key, json!({ "result": results }));
    }
    Ok(Value::Object(answers))
}

/// `/api/reconcile/suggest/entity?prefix=`: records whose names begin or match the prefix.
pub async fn suggest_entity(
    state: web::Data<AppState>,
    params: web::Query<Params>,
) -> Result<HttpResponse, ApiError> {
    let prefix = params
        .get("prefix")
        .map(|p| p.trim().to_owned())
        .unwrap_or_default();
    if prefix.is_empty() || prefix.chars().count() > 300 || prefix.contains('\0') {
        return Ok(json_answer(&json!({ "result": [] })));
    }
    let types = record_types(
        params
            .get("type")
            .map(|t| Value::String(t.clone()))
            .as_ref(),
    )?;
    let names = vec![NameQuery {
        text: prefix,
        types,
    }];
    let found = state
        .db
        .read(move |conn| -> Result<_, ApiError> { Ok(reconcile::candidates(conn, &names)?) })
        .await?;
    let result: Vec<Value> = found
        .into_iter()
        .flatten()
        .take(SUGGESTIONS)
        .map(|c| {
            json!({
                "id": c.id,
                "name": c.name,
                "description": description(&c),
                "notable": [{ "id": c.record_type.code(), "name": type_name(c.record_type) }],
            })
        })
        .collect();
    Ok(json_answer(&json!({ "result": result })))
}

fn prefix_of(params: &Params) -> String {
    params
        .get("prefix")
        .map(|p| matching::fold(p))
        .unwrap_or_default()
}

/// `/api/reconcile/suggest/type?prefix=`
pub async fn suggest_type(params: web::Query<Params>) -> HttpResponse {
    let prefix = prefix_of(&params);
    let result: Vec<Value> = TYPES
        .iter()
        .filter(|(t, name)| {
            matching::fold(t.code()).starts_with(&prefix) || matching::fold(name).contains(&prefix)
        })
        .map(|(t, name)| json!({ "id": t.code(), "name": name }))
        .collect();
    json_answer(&json!({ "result": result }))
}

/// `/api/reconcile/suggest/property?prefix=`
pub async fn suggest_property(params: web::Query<Params>) -> HttpResponse {
    let prefix = prefix_of(&params);
    let result: Vec<Value> = PROPERTIES
        .iter()
        .filter(|(id, _)| id.starts_with(&prefix))
        .map(|(id, description)| json!({ "id": id, "name": id, "description": description }))
        .collect();
    json_answer(&json!({ "result": result }))
}

/// A record the service can name: an organization, else an individual.
enum Entity {
    Organization(Organization, Option<Rating>, Vec<FlagKind>),
    Individual(Individual, Vec<FlagKind>),
}

async fn entity(state: &web::Data<AppState>, raw: &str) -> Result<Entity, ApiError> {
    let id = Slug::parse(raw)
        .map_err(|_| ApiError(AppError::not_found("record", raw)))?
        .into_string();
    let lookup = id.clone();
    let found = state
        .db
        .read(move |conn| -> Result<_, ApiError> {
            use crate::model::derived;
            use crate::model::SubjectType;
            let kinds =
                |flags: Vec<crate::credibility::Flag>| flags.into_iter().map(|f| f.kind).collect();
            if let Some(org) = Organization::find(conn, &lookup)? {
                let rating = derived::rating_of(conn, &lookup)?.map(|r| r.rating);
                let flags = derived::flags_of(conn, SubjectType::Organization, &lookup)?;
                return Ok(Some(Entity::Organization(org, rating, kinds(flags))));
            }
            if let Some((person, _)) = Individual::find(conn, &lookup)? {
                let flags = derived::flags_of(conn, SubjectType::Individual, &lookup)?;
                return Ok(Some(Entity::Individual(person, kinds(flags))));
            }
            Ok(None)
        })
        .await?;
    found.ok_or_else(|| ApiError(AppError::not_found("record", id)))
}

/// `/api/reconcile/view/{id}`: the record's page.
pub async fn view(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let page = match entity(&state, &path.into_inner()).await? {
        Entity::Organization(org, ..) => format!("/organizations/{}", org.id),
        Entity::Individual(person, _) => format!("/individuals/{}", person.id),
    };
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, page))
        .finish())
}

#[derive(Template)]
#[template(path = "api/preview.html")]
struct Preview {
    name: String,
    page: String,
    kind: &'static str,
    detail: Option<String>,
    rating: Option<Rating>,
    flags: Vec<FlagKind>,
    l: L10n,
}

/// `/api/reconcile/preview?id=`: a small card for OpenRefine's preview pane.
pub async fn preview(
    state: web::Data<AppState>,
    params: web::Query<Params>,
    l: L10n,
) -> Result<HttpResponse, ApiError> {
    let id = params.get("id").cloned().unwrap_or_default();
    let card = match entity(&state, &id).await? {
        Entity::Organization(org, rating, flags) => Preview {
            name: org.display_name(),
            page: format!("/organizations/{}", org.id),
            kind: type_name(RecordType::Organization),
            detail: Some(l.label(org.kind)),
            rating,
            flags,
            l,
        },
        Entity::Individual(person, flags) => Preview {
            name: person.name.clone(),
            page: format!("/individuals/{}", person.id),
            kind: type_name(RecordType::Individual),
            detail: person.affiliation.clone(),
            rating: None,
            flags,
            l,
        },
    };
    let body = card
        .render()
        .map_err(|err| ApiError(AppError::Template(err)))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=60"))
        // OpenRefine shows the card in a frame of its own page.
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
        ))
        .body(body))
}
