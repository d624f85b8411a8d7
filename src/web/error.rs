//! The one error type of the web layer: every failure becomes a styled page with the right status.
//!
//! Handlers return `Result<_, AppError>`. Bad input is `BadRequest` (400) with every problem named;
//! unknown ids are `NotFound` (404); anything else is `Internal` (500), logged, never shown raw.

use actix_web::http::header::ContentType;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::db::DbError;

/// A query-string parameter that could not be used, with what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidParam {
    pub name: String,
    pub value: String,
    pub expected: String,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("no {kind} with id {id:?}")]
    NotFound { kind: &'static str, id: String },
    #[error("page not found: {0}")]
    NoSuchPage(String),
    #[error("bad request: {0:?}")]
    BadRequest(Vec<InvalidParam>),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn not_found(kind: &'static str, id: impl Into<String>) -> Self {
        AppError::NotFound {
            kind,
            id: id.into(),
        }
    }
}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        AppError::Internal(err.to_string())
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        AppError::Internal(err.to_string())
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        AppError::Internal(err.to_string())
    }
}

impl From<askama::Error> for AppError {
    fn from(err: askama::Error) -> Self {
        AppError::Internal(format!("template: {err}"))
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    error: &'a AppError,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound { .. } | AppError::NoSuchPage(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if let AppError::Internal(message) = self {
            log::error!("{message}");
        }
        let page = ErrorPage {
            status: status.as_u16(),
            error: self,
        };
        match page.render() {
            Ok(html) => HttpResponse::build(status)
                .content_type(ContentType::html())
                .insert_header(("Cache-Control", "no-store"))
                .body(html),
            Err(err) => {
                log::error!("error page template: {err}");
                HttpResponse::build(status)
                    .content_type(ContentType::plaintext())
                    .body(status.canonical_reason().unwrap_or("Error"))
            }
        }
    }
}
