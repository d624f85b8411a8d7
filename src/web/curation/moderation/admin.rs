//! `/admin`: the accounts and their open sessions, a button that signs a user out everywhere,
//! and the way to the web import.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;

use super::{now, private_page, see_other};
use crate::model::account::{self, User};
use crate::web::auth::{self, Admin, Posted};
use crate::web::error::AppError;
use crate::web::i18n::L10n;
use crate::web::AppState;

#[derive(Template)]
#[template(path = "admin/index.html")]
struct AdminPage {
    users: Vec<User>,
    /// (user, started, last seen)
    sessions: Vec<(User, NaiveDateTime, NaiveDateTime)>,
    csrf: String,
    l: L10n,
}

impl AdminPage {
    fn open_sessions(&self, user: &User) -> usize {
        self.sessions
            .iter()
            .filter(|(owner, _, _)| owner.id == user.id)
            .count()
    }

    fn role_label(&self, user: &User) -> String {
        self.l.t(&format!("admin-role-{}", user.role.code()))
    }
}

/// `GET /admin`.
pub async fn show(
    _admin: Admin,
    req: HttpRequest,
    state: web::Data<AppState>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let (users, sessions) = state
        .db
        .write(|conn| -> Result<_, AppError> {
            Ok((
                account::all_users(conn)?,
                account::active_sessions(conn, now())?,
            ))
        })
        .await?;
    let page = AdminPage {
        users,
        sessions,
        csrf: auth::csrf_token(&req),
        l,
    };
    Ok(private_page(StatusCode::OK, page.render()?))
}

/// `POST /admin/users/{id}/revoke`: ends every session of the user, on every instance at once.
pub async fn revoke(
    _admin: Admin,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    _form: Posted,
) -> Result<HttpResponse, AppError> {
    let user_id = path.into_inner();
    state
        .db
        .write(move |conn| account::revoke_sessions(conn, user_id, now()).map_err(AppError::from))
        .await?;
    Ok(see_other("/admin"))
}
