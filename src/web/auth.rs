//! Who is asking, and whether they may write: sessions, sign-in and sign-out, the extractors that
//! guard every write route, and the CSRF tokens of every form that changes anything.
//!
//! - A curator's session is a random token in the `session` cookie (`HttpOnly`, `SameSite=Lax`,
//!   `Secure` when the site is served over HTTPS); the database holds its hash
//!   ([`crate::model::account`]). [`identify`] looks it up once per request that carries it, so a
//!   revoked session stops working at once on every instance; pages seen signed in are never
//!   stored by a shared cache.
//! - Every form that changes something carries a CSRF token that must equal the `csrf` cookie
//!   (`HttpOnly`, `SameSite=Strict`), a random value the site sets with the first form it shows and
//!   replaces at every sign-in and sign-out. A cross-site page can neither read the cookie nor
//!   set it, so it cannot forge the field. [`Posted`] reads a form and checks its token.

use std::future::Future;
use std::pin::Pin;

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::error::AppError;
use super::i18n::L10n;
use super::AppState;
use crate::model::account::{self, LoginFailure, User};

/// The cookie that holds a curator's session token.
pub const SESSION_COOKIE: &str = "session";
/// The cookie that holds the CSRF token forms must repeat.
pub const CSRF_COOKIE: &str = "csrf";
/// The form field that repeats it.
pub const CSRF_FIELD: &str = "csrf";
/// The largest form body the site reads (a reply of 5,000 characters fits many times over).
pub const FORM_LIMIT: usize = 256 * 1024;

/// The signed-in user of a request, if any (set by [`identify`]).
#[derive(Debug, Clone, Default)]
pub struct Viewer(pub Option<User>);

/// A CSRF token made for this request, to be set as the cookie by [`identify`].
#[derive(Debug, Clone)]
struct NewCsrf(String);

/// A sign-in or sign-out made by this request: the cookies [`identify`] sets or clears.
#[derive(Debug, Clone)]
enum SessionChange {
    Started(String),
    Ended,
}

fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

fn secure(req: &HttpRequest) -> bool {
    req.app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.secure_cookies)
}

fn cookie(name: &'static str, value: String, same_site: SameSite, secure: bool) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(same_site)
        .secure(secure)
        .finish()
}

fn expired(name: &'static str, secure: bool) -> Cookie<'static> {
    let mut gone = cookie(name, String::new(), SameSite::Lax, secure);
    gone.make_removal();
    gone
}

/// Middleware: finds the signed-in user of a request that carries a session cookie, and after the
/// handler sets the cookies it asked for. A page answered to a signed-in user is `private`.
pub async fn identify(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let token = req.cookie(SESSION_COOKIE).map(|c| c.value().to_owned());
    let mut stale = false;
    if let (Some(token), Some(state)) = (token, req.app_data::<web::Data<AppState>>().cloned()) {
        let user = state
            .db
            .write(move |conn| account::session_user(conn, &token, now()).map_err(AppError::from))
            .await?;
        stale = user.is_none();
        req.extensions_mut().insert(Viewer(user));
    }
    let mut response = next.call(req).await?;
    let secure = secure(response.request());
    let signed_in = response
        .request()
        .extensions()
        .get::<Viewer>()
        .is_some_and(|v| v.0.is_some());
    let change = response
        .request()
        .extensions()
        .get::<SessionChange>()
        .cloned();
    let csrf = response.request().extensions().get::<NewCsrf>().cloned();
    let mut cookies = Vec::new();
    match change {
        Some(SessionChange::Started(token)) => {
            cookies.push(cookie(SESSION_COOKIE, token, SameSite::Lax, secure));
        }
        Some(SessionChange::Ended) => cookies.push(expired(SESSION_COOKIE, secure)),
        None if stale => cookies.push(expired(SESSION_COOKIE, secure)),
        None => {}
    }
    if let Some(NewCsrf(token)) = csrf {
        cookies.push(cookie(CSRF_COOKIE, token, SameSite::Strict, secure));
    }
    let headers = response.headers_mut();
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    if signed_in || headers.contains_key(header::SET_COOKIE) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    Ok(response)
}

/// The signed-in user of a request, if any.
pub fn viewer(req: &HttpRequest) -> Option<User> {
    req.extensions().get::<Viewer>().and_then(|v| v.0.clone())
}

/// The path (and query) to come back to after signing in, kept to this site.
fn return_path(req: &HttpRequest) -> String {
    req.uri()
        .path_and_query()
        .map_or_else(|| req.path().to_owned(), |pq| pq.as_str().to_owned())
}

/// A signed-in curator (or admin): a request without one is sent to the sign-in page.
#[derive(Debug, Clone)]
pub struct Curator(pub User);

impl FromRequest for Curator {
    type Error = AppError;
    type Future = std::future::Ready<Result<Curator, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(
            viewer(req)
                .map(Curator)
                .ok_or_else(|| AppError::SignInRequired {
                    next: return_path(req),
                }),
        )
    }
}

/// A signed-in admin: anonymous requests are sent to sign in, curators get 403.
#[derive(Debug, Clone)]
pub struct Admin(pub User);

impl FromRequest for Admin {
    type Error = AppError;
    type Future = std::future::Ready<Result<Admin, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(match viewer(req) {
            Some(user) if user.is_admin() => Ok(Admin(user)),
            Some(_) => Err(AppError::Forbidden(super::error::Refusal::AdminOnly)),
            None => Err(AppError::SignInRequired {
                next: return_path(req),
            }),
        })
    }
}

/// The CSRF token a form shown in this response must carry: the cookie's, or a new one that
/// [`identify`] sets as the cookie.
pub fn csrf_token(req: &HttpRequest) -> String {
    if let Some(new) = req.extensions().get::<NewCsrf>() {
        return new.0.clone();
    }
    if let Some(existing) = req
        .cookie(CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|value| value.len() == 64 && value.chars().all(|c| c.is_ascii_hexdigit()))
    {
        return existing;
    }
    renew_csrf(req)
}

/// Replaces the CSRF token (at sign-in and sign-out) and returns the new one.
fn renew_csrf(req: &HttpRequest) -> String {
    let token = account::token();
    req.extensions_mut().insert(NewCsrf(token.clone()));
    token
}

/// Compares two tokens in time that does not depend on where they differ.
fn same_token(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// Whether `sent` is the CSRF token of the request's `csrf` cookie: the one check of every form
/// that changes something, urlencoded ([`Posted`]) or multipart (the web import).
pub fn csrf_matches(req: &HttpRequest, sent: Option<&str>) -> bool {
    match (req.cookie(CSRF_COOKIE), sent) {
        (Some(cookie), Some(sent)) => {
            !cookie.value().is_empty() && same_token(cookie.value(), sent)
        }
        _ => false,
    }
}

/// A posted `application/x-www-form-urlencoded` form whose CSRF token matched the cookie: its
/// fields in order, without the token. A form without a valid token is refused with 403 before
/// anything reads it further.
#[derive(Debug, Clone)]
pub struct Posted {
    pub fields: Vec<(String, String)>,
}

impl Posted {
    /// The value of field `name`, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every value of field `name`, in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.fields
            .iter()
            .filter(move |(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }
}

impl FromRequest for Posted {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Posted, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let form = web::Form::<Vec<(String, String)>>::from_request(&req, payload);
        Box::pin(async move {
            let web::Form(mut fields) = form.await.map_err(|err| {
                // A body over the limit is 413; anything else that is not a form is 400.
                if matches!(
                    err.as_error::<actix_web::error::UrlencodedError>(),
                    Some(actix_web::error::UrlencodedError::Overflow { .. })
                ) {
                    AppError::TooLarge
                } else {
                    AppError::Forbidden(super::error::Refusal::Csrf)
                }
            })?;
            let sent = fields
                .iter()
                .position(|(name, _)| name == CSRF_FIELD)
                .map(|at| fields.remove(at).1);
            if csrf_matches(&req, sent.as_deref()) {
                Ok(Posted { fields })
            } else {
                Err(AppError::Forbidden(super::error::Refusal::Csrf))
            }
        })
    }
}

/// The address failed sign-ins and public submissions are counted against: the peer's.
pub fn client_address(req: &HttpRequest) -> String {
    req.peer_addr()
        .map_or_else(|| "unknown".to_owned(), |addr| addr.ip().to_string())
}

#[derive(Template)]
#[template(path = "account/login.html")]
struct LoginPage {
    csrf: String,
    name: String,
    next: String,
    failure: Option<LoginFailure>,
    l: L10n,
}

#[derive(Template)]
#[template(path = "account/logout.html")]
struct LogoutPage {
    csrf: String,
    user: Option<User>,
    l: L10n,
}

#[derive(Debug, Deserialize)]
pub struct NextParam {
    next: Option<String>,
}

/// Where to go after signing in: a path on this site, never another site.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

fn private_html(status: actix_web::http::StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(body)
}

/// `GET /login`.
pub async fn login_form(
    req: HttpRequest,
    query: web::Query<NextParam>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let page = LoginPage {
        csrf: csrf_token(&req),
        name: String::new(),
        next: safe_next(query.next.as_deref()),
        failure: None,
        l,
    };
    Ok(private_html(
        actix_web::http::StatusCode::OK,
        page.render()?,
    ))
}

/// `POST /login`: the same answer, after the same work, for an unknown name and a wrong
/// password; throttled per account and per address.
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: Posted,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let name = form.get("name").unwrap_or_default().trim().to_owned();
    let password = form.get("password").unwrap_or_default().to_owned();
    let next = safe_next(form.get("next"));
    let address = client_address(&req);
    let lookup = name.clone();
    let outcome = state
        .db
        .write(move |conn| -> Result<_, AppError> {
            let now = now();
            match account::authenticate(conn, &lookup, &password, &address, now)? {
                Ok(user) => Ok(Ok(account::start_session(conn, &user, now)?)),
                Err(failure) => Ok(Err(failure)),
            }
        })
        .await?;
    match outcome {
        Ok(token) => {
            // A new session id, and a new CSRF token, at every sign-in.
            req.extensions_mut().insert(SessionChange::Started(token));
            renew_csrf(&req);
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, next))
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .finish())
        }
        Err(failure) => {
            let status = match failure {
                LoginFailure::Invalid => actix_web::http::StatusCode::UNAUTHORIZED,
                LoginFailure::Throttled => actix_web::http::StatusCode::TOO_MANY_REQUESTS,
            };
            let page = LoginPage {
                csrf: csrf_token(&req),
                name,
                next,
                failure: Some(failure),
                l,
            };
            Ok(private_html(status, page.render()?))
        }
    }
}

/// `GET /logout`: a button, since signing out changes something.
pub async fn logout_form(req: HttpRequest, l: L10n) -> Result<HttpResponse, AppError> {
    let page = LogoutPage {
        csrf: csrf_token(&req),
        user: viewer(&req),
        l,
    };
    Ok(private_html(
        actix_web::http::StatusCode::OK,
        page.render()?,
    ))
}

/// `POST /logout`: ends the session in the database, so it is gone on every instance.
pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    _form: Posted,
) -> Result<HttpResponse, AppError> {
    if let Some(token) = req.cookie(SESSION_COOKIE).map(|c| c.value().to_owned()) {
        state
            .db
            .write(move |conn| account::end_session(conn, &token, now()).map_err(AppError::from))
            .await?;
    }
    req.extensions_mut().insert(SessionChange::Ended);
    renew_csrf(&req);
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(
            safe_next(Some("/organizations/afric")),
            "/organizations/afric"
        );
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/a\nb")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("abc", "ab"));
        assert!(!same_token("", "a"));
    }
}
