//! The public history: `/history/{kind}/{id}` (one record's changes), `/changes` (every change,
//! newest first), `/changes/{id}` (one change in full), `/change-sets/{id}` (what one save,
//! deletion, restore or import changed); and an admin's restore of a deleted record.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::super::auth::{csrf_token, Admin, Posted};
use super::super::error::{Allowed, AppError};
use super::super::i18n::L10n;
use super::super::query::{Pager, ParamReader, Params};
use super::super::{html, page, AppState};
use super::edit::{history_href, parse_record, private, record_href, see_other};
use crate::domain::{ChangeAction, RecordKind};
use crate::model::change::{self, Change, ChangeSet};
use crate::model::edit::{self, Author, EditError, FieldProblem};
use crate::model::PageRequest;

/// Changes per page of the lists.
const CHANGES_PER_PAGE: i64 = 50;

/// Adds the history routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(page("/history/{kind}/{id}", record_history))
        .service(page("/changes", recent))
        .service(page("/changes/{id}", show_change))
        .service(
            web::resource("/changes/{id}/restore")
                .route(web::post().to(restore))
                .default_service(web::to(|| async {
                    Err::<HttpResponse, _>(AppError::MethodNotAllowed(Allowed::Action))
                })),
        )
        .service(page("/change-sets/{id}", show_set));
}

/// One change as a list shows it: what it did, to which record, and the columns it changed.
pub struct Entry {
    pub change: Change,
    pub set: Option<ChangeSet>,
    /// The history of the changed record, when it is a record a curator edits.
    pub history_href: Option<String>,
    /// Each changed column: name, before, after.
    pub differences: Vec<(String, String, String)>,
}

impl Entry {
    fn new(change: Change, set: Option<ChangeSet>) -> Entry {
        let kind = edit::kind_of_table(&change.table_name);
        let columns: &[&str] = kind.map_or(&[], |kind| edit::file_of(kind).columns());
        let differences = if change.record_id == "*" {
            Vec::new()
        } else {
            change.differences(columns)
        };
        Entry {
            history_href: kind
                .filter(|_| change.record_id != "*")
                .map(|kind| history_href(kind, &change.record_id)),
            differences,
            change,
            set,
        }
    }

    /// A summary row's text (an import made before per-record history, or a decision).
    pub fn summary(&self) -> Option<&str> {
        (self.change.record_id == "*").then(|| {
            self.change
                .after_value
                .as_deref()
                .or(self.set.as_ref().map(|s| s.summary.as_str()))
                .unwrap_or_default()
        })
    }

    pub fn action_id(&self) -> String {
        format!("history-action-{}", self.change.action.code())
    }
}

fn set_kind_id(set: &ChangeSet) -> String {
    format!("history-set-{}", set.kind.code())
}

fn read_page(params: &Params) -> Result<PageRequest, AppError> {
    let mut reader = ParamReader::new(params);
    let page = reader.page("page", CHANGES_PER_PAGE);
    reader.finish()?;
    Ok(page)
}

#[derive(Template)]
#[template(path = "history/record.html")]
struct HistoryPage {
    kind: RecordKind,
    id: String,
    /// The record's page, while the record exists.
    record_href: Option<String>,
    entries: Vec<Entry>,
    pager: Pager,
    past_end: bool,
    l: L10n,
}

impl HistoryPage {
    fn kind_label(&self) -> String {
        super::edit::kind_label(&self.l, self.kind)
    }

    fn first_page(&self) -> String {
        history_href(self.kind, &self.id)
    }

    fn set_kind(&self, set: &ChangeSet) -> String {
        self.l.t(&set_kind_id(set))
    }
}

/// `GET /history/{kind}/{id}`: one record's changes, newest first.
pub async fn record_history(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    params: web::Query<Params>,
    state: web::Data<AppState>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let (kind, id) = parse_record(&req, &path.0, &path.1)?;
    let page = read_page(&params)?;
    let record = id.clone();
    let (changes, exists) = state
        .db
        .read(move |conn| -> Result<_, AppError> {
            let changes = change::history(conn, edit::table_name(kind), &record, page)?;
            let exists = edit::current(conn, kind, &record)?.is_some();
            Ok((changes, exists))
        })
        .await?;
    let pager = Pager::new(&changes, &history_href(kind, &id), &[]);
    let past_end = changes.is_past_end();
    let href = record_href(kind, &id);
    html(HistoryPage {
        kind,
        record_href: (exists && href != history_href(kind, &id)).then_some(href),
        id,
        entries: changes
            .items
            .into_iter()
            .map(|(change, set)| Entry::new(change, set))
            .collect(),
        pager,
        past_end,
        l,
    })
}

#[derive(Template)]
#[template(path = "history/changes.html")]
struct ChangesPage {
    entries: Vec<Entry>,
    pager: Pager,
    past_end: bool,
    /// The change set listed, when the page lists one set's changes.
    set: Option<ChangeSet>,
    l: L10n,
}

impl ChangesPage {
    fn set_kind(&self, set: &ChangeSet) -> String {
        self.l.t(&set_kind_id(set))
    }
}

/// `GET /changes`: every change, newest first.
pub async fn recent(
    params: web::Query<Params>,
    state: web::Data<AppState>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let page = read_page(&params)?;
    let changes = state
        .db
        .read(move |conn| change::recent(conn, page).map_err(AppError::from))
        .await?;
    let pager = Pager::new(&changes, "/changes", &[]);
    html(ChangesPage {
        past_end: changes.is_past_end(),
        entries: changes
            .items
            .into_iter()
            .map(|(change, set)| Entry::new(change, set))
            .collect(),
        pager,
        set: None,
        l,
    })
}

/// A numeric id in a path, or 404.
fn parse_number(req: &HttpRequest, raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0 && !raw.starts_with('+') && !raw.starts_with('0'))
        .ok_or_else(|| AppError::NoSuchPage(req.path().to_owned()))
}

/// `GET /change-sets/{id}`: the changes of one set, in the order they were made.
pub async fn show_set(
    req: HttpRequest,
    path: web::Path<String>,
    params: web::Query<Params>,
    state: web::Data<AppState>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let id = parse_number(&req, &path)?;
    let page = read_page(&params)?;
    let (set, changes) = state
        .db
        .read(move |conn| change::set(conn, id, page).map_err(AppError::from))
        .await?
        .ok_or_else(|| AppError::NoSuchPage(req.path().to_owned()))?;
    let pager = Pager::new(&changes, &format!("/change-sets/{id}"), &[]);
    html(ChangesPage {
        past_end: changes.is_past_end(),
        entries: changes
            .items
            .into_iter()
            .map(|change| Entry::new(change, Some(set.clone())))
            .collect(),
        pager,
        set: Some(set),
        l,
    })
}

/// One column of a change in full: before, after, and whether it changed.
pub struct ValueRow {
    pub name: String,
    pub before: String,
    pub after: String,
    pub changed: bool,
}

#[derive(Template)]
#[template(path = "history/change.html")]
struct ChangePage {
    entry: Entry,
    rows: Vec<ValueRow>,
    /// The record's page, while the record exists.
    record_href: Option<String>,
    /// For an admin looking at a deletion: the token of the restore form.
    restore_csrf: Option<String>,
    l: L10n,
}

impl ChangePage {
    fn set_kind(&self, set: &ChangeSet) -> String {
        self.l.t(&set_kind_id(set))
    }
}

/// `GET /changes/{id}`: one change with every column before and after.
pub async fn show_change(
    req: HttpRequest,
    path: web::Path<String>,
    state: web::Data<AppState>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let id = parse_number(&req, &path)?;
    let (found, exists) = state
        .db
        .read(move |conn| -> Result<_, AppError> {
            let found = change::find(conn, id)?;
            let exists = match &found {
                Some((change, _)) => match edit::kind_of_table(&change.table_name) {
                    Some(kind) => edit::current(conn, kind, &change.record_id)?.is_some(),
                    None => false,
                },
                None => false,
            };
            Ok((found, exists))
        })
        .await?;
    let (change, set) = found.ok_or_else(|| AppError::NoSuchPage(req.path().to_owned()))?;
    let kind = edit::kind_of_table(&change.table_name);
    let rows = if change.record_id == "*" {
        Vec::new()
    } else {
        let before = change::values(change.before_value.as_deref());
        let after = change::values(change.after_value.as_deref());
        let mut names: Vec<String> = kind
            .map(|kind| edit::file_of(kind).columns())
            .unwrap_or_default()
            .iter()
            .map(|c| (*c).to_owned())
            .collect();
        for name in before.keys().chain(after.keys()) {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
            .into_iter()
            .map(|name| {
                let old = before.get(&name).cloned().unwrap_or_default();
                let new = after.get(&name).cloned().unwrap_or_default();
                ValueRow {
                    changed: old != new,
                    name,
                    before: old,
                    after: new,
                }
            })
            .collect()
    };
    let record_href = kind
        .filter(|_| exists)
        .map(|kind| record_href(kind, &change.record_id))
        .filter(|href| !href.starts_with("/history/"));
    let restore_csrf = (l.administering() && change.action == ChangeAction::Delete && !exists)
        .then(|| csrf_token(&req));
    html(ChangePage {
        entry: Entry::new(change, set),
        rows,
        record_href,
        restore_csrf,
        l,
    })
}

#[derive(Template)]
#[template(path = "history/restore.html")]
struct RestoreFailedPage {
    change_id: i64,
    problems: Vec<FieldProblem>,
    l: L10n,
}

/// `POST /changes/{id}/restore` (admins): puts a deleted record back.
pub async fn restore(
    admin: Admin,
    req: HttpRequest,
    path: web::Path<String>,
    _form: Posted,
    state: web::Data<AppState>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let change_id = parse_number(&req, &path)?;
    let actor = admin.0.name;
    let outcome = state
        .db
        .write(move |conn| {
            let author = Author {
                actor: &actor,
                at: chrono::Utc::now().naive_utc(),
            };
            match edit::restore(conn, change_id, author) {
                Err(EditError::Database(err)) => Err(AppError::from(err)),
                other => Ok(other),
            }
        })
        .await?;
    match outcome {
        Ok(restored) => Ok(see_other(&record_href(restored.kind, &restored.id))),
        Err(EditError::NotFound) => Err(AppError::NoSuchPage(req.path().to_owned())),
        Err(EditError::Invalid(problems)) => private(
            StatusCode::CONFLICT,
            &RestoreFailedPage {
                change_id,
                problems,
                l,
            },
        ),
        Err(EditError::NotRestorable) => private(
            StatusCode::CONFLICT,
            &RestoreFailedPage {
                change_id,
                problems: Vec::new(),
                l,
            },
        ),
        Err(other) => Err(AppError::Export(crate::error_chain(&other))),
    }
}
