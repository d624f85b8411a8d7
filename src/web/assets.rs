//! The stylesheet, compiled into the binary so the site needs no files beside it. Its URL carries
//! a stable hash of its content, so browsers and CDNs may cache it for a year and still see each
//! change.

use std::sync::OnceLock;

use actix_web::http::header::{self, EntityTag};
use actix_web::HttpResponse;

const STYLESHEET: &str = include_str!("../../templates/style.css");

/// The stylesheet's entity tag: a stable hash of its bytes.
fn tag() -> &'static EntityTag {
    static TAG: OnceLock<EntityTag> = OnceLock::new();
    TAG.get_or_init(|| super::entity_tag(&[STYLESHEET.as_bytes()]))
}

/// The versioned address of the stylesheet, for the base template.
pub fn stylesheet_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| format!("/static/style.css?v={}", tag().tag()))
}

pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
        .insert_header(header::ETag(tag().clone()))
        .body(STYLESHEET)
}
