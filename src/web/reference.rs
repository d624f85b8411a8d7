//! The benchmark's references (`tests/bench/run`), compiled only with the `bench-reference`
//! feature: what the same server, middleware and pool do for the least work a page can be.
//!
//! - `/bench/plain`: a constant text body, no database (the ceiling for a `304`);
//! - `/bench/minimal`: twelve rows read by primary key with diesel and rendered with askama.

use actix_web::{web, HttpResponse};
use askama::Template;
use diesel::prelude::*;

use super::error::AppError;
use super::AppState;
use crate::db::schema::countries;
use crate::model::country::Country;

#[derive(Template)]
#[template(
    source = "<!doctype html><title>Reference</title><table>{% for c in rows %}<tr><td>{{ c.iso3 }}</td><td>{{ c.name }}</td></tr>{% endfor %}</table>",
    ext = "html"
)]
struct Minimal {
    rows: Vec<Country>,
}

async fn plain() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok\n")
}

async fn minimal(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows = state
        .db
        .read(|conn| {
            countries::table
                .order(countries::iso3)
                .limit(12)
                .select(Country::as_select())
                .load(conn)
                .map_err(AppError::from)
        })
        .await?;
    let body = Minimal { rows }.render()?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/bench/plain", web::get().to(plain))
        .route("/bench/minimal", web::get().to(minimal));
}
