//! `/reply/{kind}/{id}` and `/correct/{kind}/{id}`: anyone may answer what the registry says about
//! them, or suggest a correction with a source. Both go to the moderation queue.
//!
//! Every form carries a CSRF token, a field hidden from people (a bot that fills it is answered as
//! if it had succeeded, and nothing is stored), and is limited per address.

use std::str::FromStr;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::{now, private_page, record_kind_label};
use crate::domain::{RecordKind, Slug, SubmissionKind};
use crate::model::submission::{
    self, Draft, Field, FieldError, Invalid, Subject, Submitted, MAX_BODY_CHARS, MAX_CONTACT_CHARS,
    MAX_NAME_CHARS, MAX_URL_CHARS,
};
use crate::web::auth::{self, Posted};
use crate::web::error::AppError;
use crate::web::i18n::L10n;
use crate::web::AppState;

/// The field people never see and bots fill in.
const HONEYPOT: &str = "website";

#[derive(Template)]
#[template(path = "moderation/form.html")]
struct FormPage {
    kind: SubmissionKind,
    subject: Subject,
    draft: Draft,
    errors: Vec<FieldError>,
    throttled: bool,
    csrf: String,
    l: L10n,
}

#[derive(Template)]
#[template(path = "moderation/sent.html")]
struct SentPage {
    kind: SubmissionKind,
    subject: Subject,
    l: L10n,
}

#[allow(clippy::unused_self)] // the limits are called from the template as methods
impl FormPage {
    fn action(&self) -> String {
        format!(
            "{}/{}/{}",
            path_prefix(self.kind),
            self.subject.kind.code(),
            self.subject.id
        )
    }

    fn subject_kind(&self) -> String {
        record_kind_label(&self.l, self.subject.kind)
    }

    fn is_reply(&self) -> bool {
        self.kind == SubmissionKind::Reply
    }

    /// The message shown next to `field`, if something is wrong with it.
    fn error_for(&self, field: Field) -> Option<String> {
        self.errors
            .iter()
            .find(|error| error.field == field)
            .map(|error| match error.invalid {
                Invalid::Required => self.l.t("reply-error-required"),
                Invalid::TooLong { max } => self.l.n("reply-error-too-long", max),
                Invalid::ControlCharacters => self.l.t("reply-error-control"),
                Invalid::NotHttpUrl => self.l.t("reply-error-url"),
            })
    }

    fn max_name(&self) -> usize {
        MAX_NAME_CHARS
    }

    fn max_contact(&self) -> usize {
        MAX_CONTACT_CHARS
    }

    fn max_body(&self) -> usize {
        MAX_BODY_CHARS
    }

    fn max_url(&self) -> usize {
        MAX_URL_CHARS
    }
}

fn path_prefix(kind: SubmissionKind) -> &'static str {
    match kind {
        SubmissionKind::Reply => "/reply",
        SubmissionKind::Correction => "/correct",
    }
}

/// The record a form is about: 404 unless it exists and takes this kind of submission.
async fn find_subject(
    state: &AppState,
    req: &HttpRequest,
    kind: SubmissionKind,
    path: (String, Slug),
) -> Result<Subject, AppError> {
    let (record, id) = path;
    let record = RecordKind::from_str(&record)
        .ok()
        .filter(|record| submission::allows(kind, *record))
        .ok_or_else(|| AppError::NoSuchPage(req.path().to_owned()))?;
    let lookup = id.clone();
    state
        .db
        .read(move |conn| {
            submission::subject(conn, record, lookup.as_str()).map_err(AppError::from)
        })
        .await?
        .ok_or_else(|| AppError::not_found(record.code(), id.into_string()))
}

async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    kind: SubmissionKind,
    path: web::Path<(String, Slug)>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let subject = find_subject(&state, &req, kind, path.into_inner()).await?;
    let page = FormPage {
        kind,
        subject,
        draft: Draft::default(),
        errors: Vec::new(),
        throttled: false,
        csrf: auth::csrf_token(&req),
        l,
    };
    Ok(private_page(StatusCode::OK, page.render()?))
}

async fn send(
    req: HttpRequest,
    state: web::Data<AppState>,
    kind: SubmissionKind,
    path: web::Path<(String, Slug)>,
    form: Posted,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let subject = find_subject(&state, &req, kind, path.into_inner()).await?;
    let sent = SentPage {
        kind,
        subject: subject.clone(),
        l: l.clone(),
    };
    if form.get(HONEYPOT).is_some_and(|value| !value.is_empty()) {
        return Ok(private_page(StatusCode::OK, sent.render()?));
    }
    let field = |name: &str| form.get(name).unwrap_or_default().to_owned();
    let draft = Draft {
        author_name: field("author_name"),
        author_contact: field("author_contact"),
        body: field("body"),
        source_url: field("source_url"),
    };
    let form_again = |errors: Vec<FieldError>, throttled: bool| FormPage {
        kind,
        subject: subject.clone(),
        draft: draft.clone(),
        errors,
        throttled,
        csrf: auth::csrf_token(&req),
        l: l.clone(),
    };
    let submission = match draft.validate(kind, &subject) {
        Ok(submission) => submission,
        Err(errors) => {
            let page = form_again(errors, false);
            return Ok(private_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                page.render()?,
            ));
        }
    };
    let address = auth::client_address(&req);
    let outcome = state
        .db
        .write(move |conn| {
            submission::submit(conn, &submission, &address, now()).map_err(AppError::from)
        })
        .await?;
    match outcome {
        Submitted::Stored(_) => Ok(private_page(StatusCode::OK, sent.render()?)),
        Submitted::Throttled => {
            let page = form_again(Vec::new(), true);
            Ok(private_page(StatusCode::TOO_MANY_REQUESTS, page.render()?))
        }
    }
}

/// `GET /reply/{kind}/{id}`.
pub async fn reply_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, Slug)>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    show(req, state, SubmissionKind::Reply, path, l).await
}

/// `POST /reply/{kind}/{id}`.
pub async fn send_reply(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, Slug)>,
    form: Posted,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    send(req, state, SubmissionKind::Reply, path, form, l).await
}

/// `GET /correct/{kind}/{id}`.
pub async fn correction_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, Slug)>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    show(req, state, SubmissionKind::Correction, path, l).await
}

/// `POST /correct/{kind}/{id}`.
pub async fn send_correction(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, Slug)>,
    form: Posted,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    send(req, state, SubmissionKind::Correction, path, form, l).await
}
