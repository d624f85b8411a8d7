//! `/api/openapi.json`: the OpenAPI 3.1 description of the API, generated from the handlers'
//! `#[utoipa::path]` attributes and the bodies' types, never written by hand.

use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::HttpResponse;
use utoipa::OpenApi;

use super::records;
use super::types::ApiErrorBody;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Observer Registry API",
        version = "1",
        description = "The Observer Registry as JSON: election observer organizations, their missions and verdicts next to the findings of credible observers, the individuals who took part, and the registry's ratings and flags. Ids are the stable ids of the CSV downloads. Data licence: CC BY 4.0. Every response names the current data release in the X-Registry-Release header.",
        license(name = "CC-BY-4.0", url = "https://creativecommons.org/licenses/by/4.0/"),
    ),
    paths(
        records::organizations,
        records::organization,
        records::elections,
        records::election,
        records::missions,
        records::mission,
        records::individuals,
        records::individual,
        records::countries,
        records::country,
        records::sources,
        records::source,
        records::releases,
        super::matching::match_names,
    ),
    components(schemas(ApiErrorBody)),
    tags(
        (name = "records", description = "The registry's records, as lists and one by one."),
        (name = "releases", description = "Numbered, citable releases of the whole registry."),
        (name = "matching", description = "Names matched against the registry as /vet matches them; nothing is stored or logged."),
    )
)]
pub struct ApiDoc;

/// The document as JSON text, built once.
pub fn document_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"))
    })
}

pub async fn document() -> HttpResponse {
    let body = document_text();
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .insert_header(header::ETag(crate::web::entity_tag(&[body.as_bytes()])))
        .body(body)
}
