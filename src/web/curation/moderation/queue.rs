//! `/moderation`: the replies and corrections waiting for a curator, oldest first, each with the
//! submitter's contact (shown to curators only) and the buttons that accept or reject it.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::{now, private_page, record_kind_label, see_other};
use crate::csv::cells::is_url;
use crate::domain::SubmissionKind;
use crate::model::submission::{self, Decided, Decision, Queued, QUEUE_PER_PAGE};
use crate::web::auth::{self, Curator, Posted};
use crate::web::error::{AppError, Expected, InvalidParam};
use crate::web::i18n::L10n;
use crate::web::query::{Pager, ParamReader, Params};
use crate::web::AppState;

#[derive(Template)]
#[template(path = "moderation/queue.html")]
struct QueuePage {
    items: Vec<Queued>,
    pager: Pager,
    csrf: String,
    l: L10n,
}

impl QueuePage {
    fn kind_label(&self, item: &Queued) -> String {
        match item.submission.kind {
            SubmissionKind::Reply => self.l.t("moderation-kind-reply"),
            SubmissionKind::Correction => self.l.t("moderation-kind-correction"),
        }
    }

    fn record_label(&self, item: &Queued) -> String {
        record_kind_label(&self.l, item.submission.subject_type)
    }

    /// The source of a correction, as a link only when it is an http(s) address.
    #[allow(clippy::unused_self)] // called from the template as a method
    fn source_link(&self, item: &Queued) -> Option<String> {
        item.submission.source_url.clone().filter(|url| is_url(url))
    }
}

/// `GET /moderation`.
pub async fn show(
    _curator: Curator,
    req: HttpRequest,
    state: web::Data<AppState>,
    params: web::Query<Params>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let mut reader = ParamReader::new(&params);
    let page = reader.page("page", QUEUE_PER_PAGE);
    reader.finish()?;
    let rows = state
        .db
        .write(move |conn| submission::queue(conn, page).map_err(AppError::from))
        .await?;
    let pager = Pager::new(&rows, "/moderation", &[]);
    let page = QueuePage {
        items: rows.items,
        pager,
        csrf: auth::csrf_token(&req),
        l,
    };
    Ok(private_page(StatusCode::OK, page.render()?))
}

/// `POST /moderation/{id}` with `decision=accept|reject`: records the decision and goes back to
/// the queue.
pub async fn decide(
    Curator(curator): Curator,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: Posted,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let given = form.get("decision").unwrap_or_default();
    let Some(decision) = Decision::parse(given) else {
        return Err(AppError::BadRequest(vec![InvalidParam {
            name: "decision".into(),
            value: given.chars().take(60).collect(),
            expected: Expected::OneOf(vec!["accept", "reject"]),
        }]));
    };
    let outcome = state
        .db
        .write(move |conn| {
            submission::decide(conn, id, decision, &curator.name, now()).map_err(AppError::from)
        })
        .await?;
    match outcome {
        Decided::NotFound => Err(AppError::not_found("submission", id.to_string())),
        Decided::Recorded { .. } | Decided::AlreadyDecided => Ok(see_other("/moderation")),
    }
}
