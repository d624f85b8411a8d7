//! The stylesheet, compiled into the binary so the site needs no files beside it. Its URL carries
//! a hash of its content, so browsers and CDNs may cache it for a year and still see each change.

use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use actix_web::HttpResponse;

const STYLESHEET: &str = include_str!("../../templates/style.css");

/// The versioned address of the stylesheet, for the base template.
pub fn stylesheet_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        STYLESHEET.hash(&mut hasher);
        format!("/static/style.css?v={:016x}", hasher.finish())
    })
}

pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
        .body(STYLESHEET)
}
