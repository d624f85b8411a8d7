//! The public site: actix-web handlers, one file per area, all rendering askama templates.

pub mod assets;
pub mod countries;
pub mod downloads;
pub mod elections;
pub mod error;
pub mod home;
pub mod individuals;
pub mod labels;
pub mod methodology;
pub mod missions;
pub mod organizations;
pub mod query;
pub mod stream;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, EntityTag};
use actix_web::http::StatusCode;
use actix_web::middleware::{from_fn, Compress, DefaultHeaders, Logger, Next};
use actix_web::{web, App, HttpRequest, HttpResponse};
use askama::Template;

use crate::db::Db;
use error::AppError;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
}

/// Builds the application: routes, middleware and the error pages. Tests build it the same way.
pub fn app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(web::Data::new(state))
        .app_data(web::QueryConfig::default().error_handler(|err, _req| {
            AppError::BadRequest(vec![error::InvalidParam {
                name: "query string".into(),
                value: String::new(),
                expected: format!("a well-formed query string ({err})"),
            }])
            .into()
        }))
        .wrap(from_fn(not_modified))
        .wrap(Logger::new("%a \"%r\" %s %b %Dms"))
        .wrap(Compress::default())
        .wrap(
            DefaultHeaders::new()
                .add(("X-Content-Type-Options", "nosniff"))
                .add(("Referrer-Policy", "strict-origin-when-cross-origin"))
                .add(("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; frame-ancestors 'none'")),
        )
        .route("/", web::get().to(home::index))
        .route("/about", web::get().to(home::about))
        .route("/methodology", web::get().to(methodology::show))
        .route("/static/style.css", web::get().to(assets::stylesheet))
        .route("/organizations", web::get().to(organizations::list))
        .route("/organizations/{id}", web::get().to(organizations::show))
        .route("/elections", web::get().to(elections::list))
        .route("/elections/{id}", web::get().to(elections::show))
        .route("/missions/{id}", web::get().to(missions::show))
        .route("/individuals", web::get().to(individuals::list))
        .route("/individuals/{id}", web::get().to(individuals::show))
        .route("/downloads", web::get().to(downloads::index))
        .route("/downloads/{name}", web::get().to(downloads::file))
        .route("/countries", web::get().to(countries::list))
        .route("/countries/{iso3}", web::get().to(countries::show))
        .default_service(web::to(not_found))
}

async fn not_found(req: HttpRequest) -> Result<HttpResponse, AppError> {
    Err(AppError::NoSuchPage(req.path().to_owned()))
}

/// Renders a page as a cacheable HTML response whose `ETag` is a hash of its bytes.
pub fn html(page: impl Template) -> Result<HttpResponse, AppError> {
    let body = page.render()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&body, &mut hasher);
    let tag = EntityTag::new_strong(format!("{:016x}", std::hash::Hasher::finish(&hasher)));
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=60"))
        .insert_header(header::ETag(tag))
        .body(body))
}

/// Whether an `If-None-Match` header value names the entity tag `tag` (as written in a header).
pub(crate) fn etag_matches(if_none_match: Option<&str>, tag: &str) -> bool {
    if_none_match.is_some_and(|asked| {
        asked.split(',').any(|candidate| {
            let candidate = candidate.trim();
            candidate == "*" || candidate.trim_start_matches("W/") == tag
        })
    })
}

/// Answers `304 Not Modified` when a successful response carries the `ETag` the client sent in
/// `If-None-Match`, so a CDN or browser revalidating an unchanged page gets no body.
async fn not_modified(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let asked = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let response = next.call(req).await?;
    let tag = response
        .headers()
        .get(header::ETAG)
        .and_then(|value| value.to_str().ok());
    let matches = match tag {
        Some(tag) if response.status() == StatusCode::OK => etag_matches(asked.as_deref(), tag),
        _ => false,
    };
    if matches {
        let (request, response) = response.into_parts();
        let mut not_modified = HttpResponse::NotModified();
        for name in [header::ETAG, header::CACHE_CONTROL] {
            if let Some(value) = response.headers().get(&name) {
                not_modified.insert_header((name, value.clone()));
            }
        }
        return Ok(ServiceResponse::new(request, not_modified.finish()).map_into_right_body());
    }
    Ok(response.map_into_left_body())
}
