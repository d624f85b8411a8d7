//! The one error type of the web layer: every failure becomes a styled page with the right status.
//!
//! Handlers return `Result<_, AppError>`. Bad input is `BadRequest` (400) with every problem named;
//! unknown ids and paths are 404; a method a page does not answer is 405. A database that cannot
//! be reached right now (pool exhausted, connection closed) is 503 with `Retry-After`; anything else
//! is 500. Server errors keep their cause and are logged once, with the whole chain, never shown.

use actix_web::http::header::{self, ContentType};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;

use super::i18n::L10n;
use crate::db::DbError;

/// Seconds a client is asked to wait before retrying a 503.
const RETRY_AFTER_SECONDS: &str = "5";

/// A query-string parameter that could not be used, with what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidParam {
    pub name: String,
    pub value: String,
    pub expected: Expected,
}

/// What a parameter should have been; pages say it in the reader's language (`L10n::expected`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A page number from 1 to `max`.
    Page { max: i64 },
    /// One of these codes.
    OneOf(Vec<&'static str>),
    /// A three-letter country code.
    Country,
    /// A year such as 2020.
    Year,
    /// Text of at most this many characters.
    MaxChars(usize),
    /// Text without control characters.
    NoControlCharacters,
    /// A record id.
    Id,
    /// A well-formed query string.
    QueryString,
    /// Said by the JSON API in its own (English) words.
    Other(String),
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("no {kind} with id {id:?}")]
    NotFound { kind: &'static str, id: String },
    #[error("page not found: {0}")]
    NoSuchPage(String),
    #[error("bad request: {0:?}")]
    BadRequest(Vec<InvalidParam>),
    #[error("method not allowed")]
    MethodNotAllowed(Allowed),
    #[error("the database is unavailable")]
    Unavailable(#[source] DbError),
    #[error("database")]
    Database(#[source] DbError),
    #[error("template")]
    Template(#[from] askama::Error),
    #[error("blocking task")]
    Blocking(#[from] actix_web::error::BlockingError),
    #[error("export failed: {0}")]
    Export(String),
    #[error("sign in first (then back to {next})")]
    SignInRequired { next: String },
    #[error("refused: {0:?}")]
    Forbidden(Refusal),
    #[error("the request body is too large")]
    TooLarge,
}

/// The methods an address answers, for a `405`'s `Allow` header and message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    /// A page: `GET` and `HEAD`.
    Read,
    /// A form: shown with `GET` and `HEAD`, sent with `POST`.
    Form,
    /// An action: `POST` only.
    Action,
}

impl Allowed {
    /// The `Allow` header's value.
    pub fn header(self) -> &'static str {
        match self {
            Allowed::Read => "GET, HEAD",
            Allowed::Form => "GET, HEAD, POST",
            Allowed::Action => "POST",
        }
    }
}

/// Why a request was refused with 403.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A form that changes something came without the CSRF token of the reader's cookie.
    Csrf,
    /// Only an admin may do this.
    AdminOnly,
}

impl AppError {
    pub fn not_found(kind: &'static str, id: impl Into<String>) -> Self {
        AppError::NotFound {
            kind,
            id: id.into(),
        }
    }

    /// Whether the error is the server's fault (and so is logged).
    fn is_server_error(&self) -> bool {
        self.status_code().is_server_error()
    }

    /// The error and every cause, joined: what the log shows.
    fn chain(&self) -> String {
        crate::error_chain(self)
    }
}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        if err.is_unavailable() {
            AppError::Unavailable(err)
        } else {
            AppError::Database(err)
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        AppError::from(DbError::from(err))
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    error: &'a AppError,
    l: &'a L10n,
}

/// Renders the page of a failed request again, in the reader's language: `error_response` has no
/// request to read it from, so it answers in English.
pub(super) fn localize<B: MessageBody + 'static>(
    response: ServiceResponse<B>,
    l: &L10n,
) -> ServiceResponse<BoxBody> {
    let page = response
        .response()
        .error()
        .and_then(|err| err.as_error::<AppError>())
        .map(|err| {
            ErrorPage {
                status: err.status_code().as_u16(),
                error: err,
                l,
            }
            .render()
        });
    let response = response.map_into_boxed_body();
    match page {
        Some(Ok(html)) => response.map_body(|_, _| BoxBody::new(html)),
        _ => response,
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound { .. } | AppError::NoSuchPage(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            AppError::SignInRequired { .. } => StatusCode::SEE_OTHER,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_)
            | AppError::Template(_)
            | AppError::Blocking(_)
            | AppError::Export(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if self.is_server_error() {
            log::error!("{}", self.chain());
        }
        let mut response = HttpResponse::build(status);
        response.insert_header((header::CACHE_CONTROL, "no-store"));
        match self {
            AppError::MethodNotAllowed(allowed) => {
                response.insert_header((header::ALLOW, allowed.header()));
            }
            AppError::Unavailable(_) => {
                response.insert_header((header::RETRY_AFTER, RETRY_AFTER_SECONDS));
            }
            AppError::SignInRequired { next } => {
                let query: String = form_urlencoded::Serializer::new(String::new())
                    .append_pair("next", next)
                    .finish();
                response.insert_header((header::LOCATION, format!("/login?{query}")));
            }
            _ => {}
        }
        let l = L10n::english();
        let page = ErrorPage {
            status: status.as_u16(),
            error: self,
            l: &l,
        };
        match page.render() {
            Ok(html) => response.content_type(ContentType::html()).body(html),
            Err(err) => {
                log::error!("error page template: {err}");
                response
                    .content_type(ContentType::plaintext())
                    .body(status.canonical_reason().unwrap_or("Error"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exhausted_pool_is_503_with_retry_after() {
        let err = AppError::from(DbError::Connect("cannot connect".into()));
        let response = err.error_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "5");
    }

    #[test]
    fn a_closed_connection_is_503_and_keeps_its_cause() {
        let closed = diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::ClosedConnection,
            Box::new("server closed the connection unexpectedly".to_owned()),
        );
        let err = AppError::from(closed);
        assert_eq!(err.status_code(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            err.chain().contains("server closed the connection"),
            "{}",
            err.chain()
        );
    }

    #[test]
    fn other_database_errors_are_500_with_their_chain() {
        let err = AppError::from(diesel::result::Error::NotFound);
        assert_eq!(err.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(err.chain().starts_with("database: "), "{}", err.chain());
        assert!(err.chain().contains("Record not found"), "{}", err.chain());
    }
}
