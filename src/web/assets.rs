//! The stylesheet, compiled into the binary so the site needs no files beside it.

use actix_web::HttpResponse;

const STYLESHEET: &str = include_str!("../../templates/style.css");

pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(STYLESHEET)
}
