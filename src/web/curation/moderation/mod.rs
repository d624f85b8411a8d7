//! What the public sends and what the curators and admins do with it: the reply and correction
//! forms (open to anyone), the moderation queue (curators), and the admin's pages: accounts and
//! sessions, and the web import.

mod admin;
mod forms;
mod import;
mod queue;

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, Handler, HttpResponse, Responder};

use super::super::error::{Allowed, AppError};
use super::super::form_resource;
use super::super::i18n::L10n;
use crate::domain::RecordKind;
use crate::model::submission::Subject;

/// Adds the routes of the public's submissions, their moderation and the admin's pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(form_resource(
        "/reply/{kind}/{id}",
        forms::reply_form,
        forms::send_reply,
    ))
    .service(form_resource(
        "/correct/{kind}/{id}",
        forms::correction_form,
        forms::send_correction,
    ))
    .service(form_resource("/moderation", queue::show, not_allowed))
    .service(post_only("/moderation/{id}", queue::decide))
    .service(form_resource("/admin", admin::show, not_allowed))
    .service(post_only("/admin/users/{id}/revoke", admin::revoke))
    .service(form_resource("/admin/import", import::form, import::upload))
    .service(post_only("/admin/import/{id}", import::confirm));
}

/// A page that only shows: a POST to it is not allowed.
async fn not_allowed() -> Result<HttpResponse, AppError> {
    Err(AppError::MethodNotAllowed(Allowed::Read))
}

/// An action: only POST.
async fn post_only_allowed() -> Result<HttpResponse, AppError> {
    Err(AppError::MethodNotAllowed(Allowed::Action))
}

/// An action: `POST` runs `handler`, any other method gets 405.
fn post_only<F, Args>(path: &str, handler: F) -> actix_web::Resource
where
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    web::resource(path)
        .route(web::post().to(handler))
        .default_service(web::to(post_only_allowed))
}

/// A page with a form, or seen signed in: no browser, proxy or CDN may keep it.
fn private_page(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(body)
}

/// After a form that changed something: back to `location`, with a fresh GET.
fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

/// How the pages name a kind of record ("organization", "организация").
fn record_kind_label(l: &L10n, kind: RecordKind) -> String {
    l.t(&format!("reply-record-{}", kind.code()))
}

impl L10n {
    /// How the pages name the record of a submission: "AFRIC", "Tajikistan, presidential
    /// election, 11 October 2020", "AFRIC: Tajikistan, presidential election, 11 October 2020".
    pub fn subject_name(&self, subject: &Subject) -> String {
        let election = subject.election.as_ref().map(|e| self.election_title(e));
        match (&subject.name, election) {
            (Some(name), Some(election)) => format!("{name}: {election}"),
            (Some(name), None) => name.clone(),
            (None, Some(election)) => election,
            (None, None) => subject.id.clone(),
        }
    }
}

fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
