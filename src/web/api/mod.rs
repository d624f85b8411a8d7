//! `/api`: the registry as JSON for researchers, newsrooms and other registries.
//!
//! - `/api/v1/...`: every list (same filters and pagination as the pages, with `next` links) and
//!   every record with what its page shows; `ETag`/`304` as for pages; CORS open.
//! - `/api/openapi.json`: the OpenAPI 3.1 description, generated from the Rust types.
//! - `/api`: a plain HTML page documenting every endpoint with an example.
//!
//! Every error under `/api` is JSON (`{"error": ..., "status": ...}`), with the status the page
//! would get: 400, 404, 405, 413 or 503, never HTML.

mod convert;
pub mod docs;
pub mod matching;
pub mod openapi;
mod reconcile;
mod records;
pub mod types;
mod vocabulary;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::{from_fn, Next};
use actix_web::{
    guard, web, FromRequest, Handler, HttpRequest, HttpResponse, Responder, ResponseError,
};
use serde::Serialize;

use super::error::{Allowed, AppError};
use super::releases::RELEASE_HEADER;
use crate::db::DbError;
use types::{ApiErrorBody, ProblemBody};

/// The largest JSON body a `POST` accepts (as for a list posted to `/vet`).
pub const MAX_BODY_BYTES: usize = crate::web::vet_input::MAX_BODY;

/// The `/api` scope: the documentation, the OpenAPI document and version 1 of the API.
pub fn scope() -> actix_web::Scope<
    impl actix_web::dev::ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    web::scope("/api")
        .app_data(web::QueryConfig::default().error_handler(|err, _req| {
            ApiError::bad_request(
                "query string",
                "",
                &format!("a well-formed query string ({err})"),
            )
            .into()
        }))
        .app_data(web::PathConfig::default().error_handler(|_err, req| {
            ApiError(AppError::NoSuchPage(req.path().to_owned())).into()
        }))
        .app_data(
            web::JsonConfig::default()
                .limit(MAX_BODY_BYTES)
                .error_handler(|err, _req| ApiError::from_json(err)),
        )
        .wrap(from_fn(cors))
        .service(readable("", docs::index))
        .service(readable("/openapi.json", openapi::document))
        .service(readable("/v1/organizations", records::organizations))
        .service(readable("/v1/organizations/{id}", records::organization))
        .service(readable("/v1/elections", records::elections))
        .service(readable("/v1/elections/{id}", records::election))
        .service(readable("/v1/missions", records::missions))
        .service(readable("/v1/missions/{id}", records::mission))
        .service(readable("/v1/individuals", records::individuals))
        .service(readable("/v1/individuals/{id}", records::individual))
        .service(readable("/v1/countries", records::countries))
        .service(readable("/v1/countries/{iso3}", records::country))
        .service(readable("/v1/sources", records::sources))
        .service(readable("/v1/sources/{id}", records::source))
        .service(readable("/v1/releases", records::releases))
        .service(
            web::resource("/v1/match")
                .route(web::post().to(matching::match_names))
                .default_service(web::to(|| async { method_not_allowed("POST, OPTIONS") })),
        )
        .service(
            web::resource("/reconcile")
                .route(
                    web::route()
                        .guard(guard::Any(guard::Get()).or(guard::Head()).or(guard::Post()))
                        .to(reconcile::service),
                )
                .default_service(web::to(|| async {
                    method_not_allowed("GET, HEAD, POST, OPTIONS")
                })),
        )
        .service(readable(
            "/reconcile/suggest/entity",
            reconcile::suggest_entity,
        ))
        .service(readable("/reconcile/suggest/type", reconcile::suggest_type))
        .service(readable(
            "/reconcile/suggest/property",
            reconcile::suggest_property,
        ))
        .service(readable("/reconcile/preview", reconcile::preview))
        .service(readable("/reconcile/view/{id}", reconcile::view))
        .default_service(web::to(|req: HttpRequest| async move {
            Err::<HttpResponse, _>(ApiError(AppError::NoSuchPage(req.path().to_owned())))
        }))
}

/// An API resource answering `GET` and `HEAD`; other methods get a JSON `405`.
fn readable<F, Args>(path: &str, handler: F) -> actix_web::Resource
where
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    web::resource(path)
        .route(
            web::route()
                .guard(guard::Any(guard::Get()).or(guard::Head()))
                .to(handler),
        )
        .default_service(web::to(|| async {
            Err::<HttpResponse, _>(ApiError(AppError::MethodNotAllowed(Allowed::Read)))
        }))
}

/// An error of the API, answered as JSON.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ApiError(pub AppError);

/// What the JSON body parser could not accept.
#[derive(Debug, thiserror::Error)]
enum BodyError {
    #[error("the request body is larger than {0} bytes")]
    TooLarge(usize),
    #[error("{0}")]
    Invalid(String),
}

/// A body problem kept apart from `AppError`, whose variants belong to the pages.
#[derive(Debug)]
pub struct BodyProblem {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub fn bad_request(name: &str, value: &str, expected: &str) -> ApiError {
        ApiError(AppError::BadRequest(vec![super::error::InvalidParam {
            name: name.to_owned(),
            value: value.to_owned(),
            expected: super::error::Expected::Other(expected.to_owned()),
        }]))
    }

    fn from_json(err: actix_web::error::JsonPayloadError) -> actix_web::Error {
        use actix_web::error::JsonPayloadError as E;
        let problem = match err {
            E::Overflow { limit } | E::OverflowKnownLength { limit, .. } => BodyProblem {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                message: BodyError::TooLarge(limit).to_string(),
            },
            E::ContentType => BodyProblem {
                status: StatusCode::BAD_REQUEST,
                message: BodyError::Invalid(
                    "the request body must be JSON (Content-Type: application/json)".into(),
                )
                .to_string(),
            },
            other => BodyProblem {
                status: StatusCode::BAD_REQUEST,
                message: BodyError::Invalid(format!("the request body is not valid: {other}"))
                    .to_string(),
            },
        };
        problem.into()
    }
}

impl BodyProblem {
    /// A body over `limit` bytes: 413.
    pub fn too_large(limit: usize) -> BodyProblem {
        BodyProblem {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            message: BodyError::TooLarge(limit).to_string(),
        }
    }
}

impl std::fmt::Display for BodyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ResponseError for BodyProblem {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        error_json(self.status, self.message.clone(), Vec::new())
    }
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        ApiError(err)
    }
}

impl From<DbError> for ApiError {
    fn from(err: DbError) -> Self {
        ApiError(AppError::from(err))
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        ApiError(AppError::from(err))
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        ApiError(AppError::from(err))
    }
}

fn error_json(status: StatusCode, error: String, problems: Vec<ProblemBody>) -> HttpResponse {
    let body = ApiErrorBody {
        error,
        status: status.as_u16(),
        problems,
    };
    HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(body)
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.0.status_code()
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            log::error!("{}", crate::error_chain(&self.0));
        }
        let english = super::i18n::L10n::english();
        let (message, problems) = match &self.0 {
            AppError::BadRequest(problems) => (
                "some query parameters cannot be used".to_owned(),
                problems
                    .iter()
                    .map(|p| ProblemBody {
                        parameter: p.name.clone(),
                        value: p.value.clone(),
                        expected: english.expected(&p.expected),
                    })
                    .collect(),
            ),
            AppError::NotFound { .. } | AppError::NoSuchPage(_) | AppError::MethodNotAllowed(_) => {
                (self.0.to_string(), Vec::new())
            }
            AppError::Unavailable(_) => (
                "the database is unavailable right now; retry in a few seconds".to_owned(),
                Vec::new(),
            ),
            _ => ("internal error".to_owned(), Vec::new()),
        };
        let mut response = error_json(status, message, problems);
        let headers = response.headers_mut();
        match &self.0 {
            AppError::MethodNotAllowed(_) => {
                headers.insert(
                    header::ALLOW,
                    HeaderValue::from_static("GET, HEAD, OPTIONS"),
                );
            }
            AppError::Unavailable(_) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            }
            _ => {}
        }
        response
    }
}

/// A JSON `405` naming the methods a resource answers.
fn method_not_allowed(allow: &'static str) -> HttpResponse {
    let mut response = ApiError(AppError::MethodNotAllowed(Allowed::Read)).error_response();
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}

/// A cacheable JSON answer: its `ETag` is a hash of its bytes, and it names the current release.
pub fn json(value: &impl Serialize, release: Option<i32>) -> Result<HttpResponse, ApiError> {
    let body = serde_json::to_vec(value).map_err(|err| {
        ApiError(AppError::Database(DbError::Migration(format!(
            "serializing a response: {err}"
        ))))
    })?;
    let tag = super::entity_tag(&[&body]);
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "public, max-age=60"))
        .insert_header(header::ETag(tag))
        .insert_header((RELEASE_HEADER, super::downloads::release_label(release)))
        .body(body))
}

/// Opens the API to every origin: any page may read it (`GET`) and post to `/api/v1/match`.
/// Answers preflight `OPTIONS` requests itself.
async fn cors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let preflight = req.method() == Method::OPTIONS;
    let mut response = if preflight {
        let (request, _) = req.into_parts();
        ServiceResponse::new(
            request,
            HttpResponse::NoContent()
                .insert_header((
                    header::ACCESS_CONTROL_ALLOW_METHODS,
                    "GET, HEAD, POST, OPTIONS",
                ))
                .insert_header((
                    header::ACCESS_CONTROL_ALLOW_HEADERS,
                    "Content-Type, If-None-Match",
                ))
                .insert_header((header::ACCESS_CONTROL_MAX_AGE, "86400"))
                .finish(),
        )
        .map_into_boxed_body()
    } else {
        next.call(req).await?.map_into_boxed_body()
    };
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("ETag, X-Registry-Release, Retry-After"),
    );
    Ok(response)
}
