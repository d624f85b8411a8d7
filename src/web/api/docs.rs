//! `/api`: a plain HTML page that documents every endpoint of the OpenAPI document, each with an
//! example request and a real response (kept in `templates/api/examples/`, which the contract
//! tests validate against the document).

use actix_web::HttpResponse;
use askama::Template;

use crate::web::i18n::L10n;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::Required;
use utoipa::OpenApi;

use super::openapi::ApiDoc;
use crate::web::error::AppError;
use crate::web::html;

/// An example for one operation: the request and an abridged real response.
pub struct Example {
    pub operation_id: &'static str,
    pub request: &'static str,
    /// `None` for a `GET`, else the JSON body sent.
    pub body: Option<&'static str>,
    pub response: &'static str,
}

macro_rules! example {
    ($id:literal, $request:literal) => {
        Example {
            operation_id: $id,
            request: $request,
            body: None,
            response: include_str!(concat!("../../../templates/api/examples/", $id, ".json")),
        }
    };
    ($id:literal, $request:literal, $body:literal) => {
        Example {
            operation_id: $id,
            request: $request,
            body: Some($body),
            response: include_str!(concat!("../../../templates/api/examples/", $id, ".json")),
        }
    };
}

/// One example per operation of the document (a test checks that none is missing).
pub const EXAMPLES: &[Example] = &[
    example!(
        "organizations",
        "/api/v1/organizations?rating=low_quality&kind=intergovernmental"
    ),
    example!("organization", "/api/v1/organizations/sco"),
    example!("elections", "/api/v1/elections?country=TJK"),
    example!("election", "/api/v1/elections/tjk-2020-10-11-presidential"),
    example!("missions", "/api/v1/missions?organization=sco"),
    example!(
        "mission",
        "/api/v1/missions/sco-tjk-2020-10-11-presidential"
    ),
    example!("individuals", "/api/v1/individuals?q=norov"),
    example!("individual", "/api/v1/individuals/vladimir-norov"),
    example!("countries", "/api/v1/countries"),
    example!("country", "/api/v1/countries/TJK"),
    example!("sources", "/api/v1/sources?page=2"),
    example!("source", "/api/v1/sources/khovar-2020-10-12-sco-tjk-pres"),
    example!("releases", "/api/v1/releases"),
    example!(
        "match_names",
        "/api/v1/match",
        r#"{"names": [{"name": "Vladimir Norow"}, {"name": "J. Smith", "organization": "ШОС"}]}"#
    ),
];

/// A parameter as the page lists it.
struct ParamDoc {
    name: String,
    location: &'static str,
    required: bool,
    description: String,
}

/// One endpoint as the page documents it.
struct EndpointDoc {
    method: &'static str,
    path: String,
    summary: String,
    description: String,
    params: Vec<ParamDoc>,
    example: Option<&'static Example>,
}

impl EndpointDoc {
    fn anchor(&self) -> String {
        format!(
            "{}-{}",
            self.method.to_ascii_lowercase(),
            self.path
                .trim_start_matches('/')
                .replace(['/', '{', '}'], "-")
        )
    }
}

#[derive(Template)]
#[template(path = "api/index.html")]
struct DocsPage {
    endpoints: Vec<EndpointDoc>,
    l: L10n,
}

fn endpoint(method: &'static str, path: &str, operation: &Operation) -> EndpointDoc {
    let params = operation
        .parameters
        .iter()
        .flatten()
        .map(|param| ParamDoc {
            name: param.name.clone(),
            location: match param.parameter_in {
                ParameterIn::Path => "path",
                ParameterIn::Query => "query",
                ParameterIn::Header => "header",
                ParameterIn::Cookie => "cookie",
            },
            required: matches!(param.required, Required::True),
            description: param.description.clone().unwrap_or_default(),
        })
        .collect();
    let id = operation.operation_id.clone().unwrap_or_default();
    EndpointDoc {
        method,
        path: path.to_owned(),
        // Doc comments mark code with backticks; the page shows plain words.
        summary: operation
            .summary
            .clone()
            .unwrap_or_default()
            .replace('`', ""),
        description: operation
            .description
            .clone()
            .unwrap_or_default()
            .replace('`', ""),
        params,
        example: EXAMPLES.iter().find(|e| e.operation_id == id),
    }
}

/// Every operation of the document, in the order of its paths.
fn endpoints() -> Vec<EndpointDoc> {
    let document = ApiDoc::openapi();
    let mut endpoints = Vec::new();
    for (path, item) in &document.paths.paths {
        if let Some(operation) = &item.get {
            endpoints.push(endpoint("GET", path, operation));
        }
        if let Some(operation) = &item.post {
            endpoints.push(endpoint("POST", path, operation));
        }
    }
    endpoints
}

pub async fn index(l: L10n) -> Result<HttpResponse, AppError> {
    html(DocsPage {
        endpoints: endpoints(),
        l,
    })
}
