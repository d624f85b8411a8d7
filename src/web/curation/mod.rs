//! What signed-in curators do: edit records, read and restore history, moderate replies and
//! corrections, import files. Every route here takes a [`super::auth::Curator`] or
//! [`super::auth::Admin`] and every form a [`super::auth::Posted`] — except the public's reply
//! and correction forms ([`moderation`]), which anyone may send, with a CSRF token.

pub mod moderation;

pub mod edit;
pub mod history;

use actix_web::web;

/// Adds the curators' routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    edit::configure(cfg);
    moderation::configure(cfg);
}
