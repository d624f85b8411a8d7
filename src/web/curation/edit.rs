//! `/edit`: curators create, edit and delete records through forms generated from the data
//! dictionary. The queries are `model::edit`'s; a save goes through the importer, so its
//! problems come back by column and are shown next to their field.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::super::auth::{csrf_token, Curator, Posted};
use super::super::error::AppError;
use super::super::i18n::L10n;
use super::super::labels::Labelled;
use super::super::{form_resource, page, AppState};
use crate::csv::dictionary::{self, Column, ColumnType, URL_PATTERN};
use crate::csv::ContractFile;
use crate::domain::{RecordKind, Slug};
use crate::model::edit::{self, Author, Cells, Current, EditError, FieldProblem, Referrer};
use crate::model::{
    ElectionKind, Legitimacy, MissionKind, OrganizationKind, Role, SanctionKind, Verdict,
};

/// Adds the editing routes, and those of the history.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(page("/edit", index))
        .service(form_resource("/edit/{kind}/new", new_form, create))
        .service(form_resource(
            "/edit/{kind}/{id}/delete",
            delete_form,
            delete,
        ))
        .service(form_resource("/edit/{kind}/{id}", edit_form, update));
    super::history::configure(cfg);
}

/// Columns whose values are long texts, written in a text area.
const LONG_TEXT: [&str; 5] = [
    "notes",
    "benchmark_reason",
    "verdict_quote",
    "statement",
    "description",
];

/// How a column is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Text,
    Url,
    Date,
    Number,
    Select,
    TextArea,
}

/// One choice of a select box.
#[derive(Debug, Clone)]
pub struct Choice {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

/// One field of a form: a column of the contract file, with what was typed and its problems.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: &'static str,
    pub hint: &'static str,
    pub control: Control,
    pub value: String,
    pub required: bool,
    pub readonly: bool,
    pub choices: Vec<Choice>,
    pub errors: Vec<String>,
}

impl Field {
    /// The message id of the field's label.
    pub fn label_id(&self) -> String {
        format!("edit-field-{}", self.name)
    }

    pub fn is(&self, control: &str) -> bool {
        let code = match self.control {
            Control::Text => "text",
            Control::Url => "url",
            Control::Date => "date",
            Control::Number => "number",
            Control::Select => "select",
            Control::TextArea => "textarea",
        };
        code == control
    }
}

/// A form: where it goes, its token, the version it was opened at, and its fields.
#[derive(Debug, Clone)]
pub struct Form {
    pub action: String,
    pub csrf: String,
    pub version: String,
    pub fields: Vec<Field>,
    /// Problems that concern the record as a whole.
    pub general: Vec<String>,
}

/// One row of the conflict table: a column, what the form holds, what is stored.
#[derive(Debug, Clone)]
pub struct ConflictRow {
    pub name: String,
    pub mine: String,
    pub theirs: String,
    pub differs: bool,
}

fn control(column: &Column) -> Control {
    if !column.values.is_empty() {
        return Control::Select;
    }
    match column.kind {
        ColumnType::Boolean => Control::Select,
        ColumnType::Date => Control::Date,
        ColumnType::Integer => Control::Number,
        ColumnType::String if column.pattern == Some(URL_PATTERN) => Control::Url,
        ColumnType::String if LONG_TEXT.contains(&column.name) => Control::TextArea,
        ColumnType::String => Control::Text,
    }
}

/// The label of one code of a closed vocabulary, from the catalogues.
fn choice_label(l: &L10n, file: ContractFile, column: &str, code: &str) -> String {
    fn label<T: std::str::FromStr + Labelled>(l: &L10n, code: &str) -> Option<String> {
        code.parse::<T>().ok().map(|value| l.label(value))
    }
    let label = match (file, column) {
        (ContractFile::Organizations, "kind") => label::<OrganizationKind>(l, code),
        (ContractFile::Elections, "kind") => label::<ElectionKind>(l, code),
        (ContractFile::Elections, "legitimacy") => label::<Legitimacy>(l, code),
        (ContractFile::Missions, "kind") => label::<MissionKind>(l, code),
        (ContractFile::Sanctions, "kind") => label::<SanctionKind>(l, code),
        (_, "verdict" | "statement_verdict") => label::<Verdict>(l, code),
        (_, "role") => label::<Role>(l, code),
        // Subject types are record kinds (organization, individual).
        (_, "subject_type") => code
            .parse::<RecordKind>()
            .ok()
            .map(|kind| kind_label(l, kind)),
        _ => None,
    };
    label.unwrap_or_else(|| code.to_owned())
}

/// The fields of a form for records of `kind`, filled with `cells` and marked with `problems`.
fn fields(
    l: &L10n,
    kind: RecordKind,
    cells: &[(String, String)],
    problems: &[FieldProblem],
    editing: bool,
) -> (Vec<Field>, Vec<String>) {
    let file = edit::file_of(kind);
    let columns = dictionary::columns(file);
    let fields: Vec<Field> = columns
        .into_iter()
        .map(|column| {
            let value = edit::value_of(cells, column.name).to_owned();
            let codes: Vec<&'static str> = if column.kind == ColumnType::Boolean {
                vec!["false", "true"]
            } else {
                column.values.clone()
            };
            let mut choices: Vec<Choice> = codes
                .into_iter()
                .map(|code| Choice {
                    code,
                    label: match code {
                        "true" if column.kind == ColumnType::Boolean => l.t("edit-yes"),
                        "false" if column.kind == ColumnType::Boolean => l.t("edit-no"),
                        _ => choice_label(l, file, column.name, code),
                    },
                    selected: value == code,
                })
                .collect();
            if !column.required && !choices.is_empty() {
                choices.insert(
                    0,
                    Choice {
                        code: "",
                        label: l.t("edit-none"),
                        selected: value.is_empty(),
                    },
                );
            }
            Field {
                name: column.name,
                hint: column.meaning,
                control: control(&column),
                readonly: editing && column.name == "id",
                required: column.required,
                errors: problems
                    .iter()
                    .filter(|p| p.column == column.name)
                    .map(|p| p.message.clone())
                    .collect(),
                value,
                choices,
            }
        })
        .collect();
    let general = problems
        .iter()
        .filter(|p| !fields.iter().any(|f| f.name == p.column))
        .map(|p| p.message.clone())
        .collect();
    (fields, general)
}

/// The contract cells a posted form holds, trimmed, with the line ends a browser sends folded.
fn posted_cells(kind: RecordKind, form: &Posted) -> Cells {
    edit::file_of(kind)
        .columns()
        .iter()
        .map(|column| {
            let value = form
                .get(column)
                .unwrap_or_default()
                .replace("\r\n", "\n")
                .trim()
                .to_owned();
            ((*column).to_owned(), value)
        })
        .collect()
}

/// Where a record is shown: its page, or its history for kinds that have no page.
pub fn record_href(kind: RecordKind, id: &str) -> String {
    match kind {
        RecordKind::Organization => format!("/organizations/{id}"),
        RecordKind::Election => format!("/elections/{id}"),
        RecordKind::Mission => format!("/missions/{id}"),
        RecordKind::Individual => format!("/individuals/{id}"),
        RecordKind::Participation | RecordKind::Source | RecordKind::Sanction => {
            history_href(kind, id)
        }
    }
}

/// The history page of a record.
pub fn history_href(kind: RecordKind, id: &str) -> String {
    format!("/history/{}/{id}", kind.code())
}

/// The kind of record a path names, or 404.
pub(super) fn parse_kind(req: &HttpRequest, kind: &str) -> Result<RecordKind, AppError> {
    kind.parse::<RecordKind>()
        .map_err(|_| AppError::NoSuchPage(req.path().to_owned()))
}

/// The kind and id a path names, or 404.
pub(super) fn parse_record(
    req: &HttpRequest,
    kind: &str,
    id: &str,
) -> Result<(RecordKind, String), AppError> {
    let kind = parse_kind(req, kind)?;
    let id = Slug::parse(id)
        .map_err(|_| AppError::not_found(kind.code(), id.replace(char::is_control, "\u{FFFD}")))?;
    Ok((kind, id.into_string()))
}

/// A page only its curator sees: never stored by any cache.
pub(super) fn private(status: StatusCode, page: &impl Template) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(page.render()?))
}

pub(super) fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

/// Runs an edit on the primary: database failures become the site's errors, the rest is the
/// edit's outcome for the page to show.
async fn run<T, F>(state: &AppState, work: F) -> Result<Result<T, EditError>, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut crate::db::DbConn) -> Result<T, EditError> + Send + 'static,
{
    state
        .db
        .write(move |conn| match work(conn) {
            Err(EditError::Database(err)) => Err(AppError::from(err)),
            Err(EditError::Import(err)) => Err(AppError::Export(crate::error_chain(&err))),
            other => Ok(other),
        })
        .await
}

async fn load(state: &AppState, kind: RecordKind, id: &str) -> Result<Current, AppError> {
    let lookup = id.to_owned();
    state
        .db
        .read(move |conn| edit::current(conn, kind, &lookup).map_err(AppError::from))
        .await?
        .ok_or_else(|| AppError::not_found(kind.code(), id))
}

#[derive(Template)]
#[template(path = "edit/index.html")]
struct IndexPage {
    kinds: Vec<RecordKind>,
    l: L10n,
}

impl IndexPage {
    fn new_label(&self, kind: &RecordKind) -> String {
        self.l.t(&format!("edit-new-{}", kind.code()))
    }
}

/// The name of a kind of record ("organization"), from the catalogues.
pub(super) fn kind_label(l: &L10n, kind: RecordKind) -> String {
    l.t(&format!("edit-kind-{}", kind.code()))
}

/// `GET /edit`: where curators start a new record.
pub async fn index(_curator: Curator, l: L10n) -> Result<HttpResponse, AppError> {
    private(
        StatusCode::OK,
        &IndexPage {
            kinds: RecordKind::all().collect(),
            l,
        },
    )
}

#[derive(Template)]
#[template(path = "edit/form.html")]
struct EditPage {
    kind: RecordKind,
    /// The record's id, when it is not a new one.
    id: Option<String>,
    form: Option<Form>,
    /// On a conflict: each column with what the form holds and what is stored.
    conflict: Option<Vec<ConflictRow>>,
    /// On a conflict with a deletion: the record is gone.
    gone: bool,
    l: L10n,
}

impl EditPage {
    fn kind_label(&self) -> String {
        kind_label(&self.l, self.kind)
    }

    fn new_label(&self) -> String {
        self.l.t(&format!("edit-new-{}", self.kind.code()))
    }

    fn history(&self) -> String {
        history_href(self.kind, self.id.as_deref().unwrap_or_default())
    }

    fn render_form(
        req: &HttpRequest,
        l: L10n,
        kind: RecordKind,
        id: Option<String>,
        cells: &[(String, String)],
        version: String,
        problems: &[FieldProblem],
    ) -> EditPage {
        let (fields, general) = fields(&l, kind, cells, problems, id.is_some());
        let action = match &id {
            Some(id) => format!("/edit/{}/{id}", kind.code()),
            None => format!("/edit/{}/new", kind.code()),
        };
        EditPage {
            kind,
            id,
            form: Some(Form {
                action,
                csrf: csrf_token(req),
                version,
                fields,
                general,
            }),
            conflict: None,
            gone: false,
            l,
        }
    }
}

/// `GET /edit/{kind}/new`.
pub async fn new_form(
    _curator: Curator,
    req: HttpRequest,
    path: web::Path<String>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let kind = parse_kind(&req, &path)?;
    let page = EditPage::render_form(&req, l, kind, None, &[], String::new(), &[]);
    private(StatusCode::OK, &page)
}

/// `POST /edit/{kind}/new`.
pub async fn create(
    curator: Curator,
    req: HttpRequest,
    path: web::Path<String>,
    form: Posted,
    state: web::Data<AppState>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let kind = parse_kind(&req, &path)?;
    let cells = posted_cells(kind, &form);
    let mine = cells.clone();
    let actor = curator.0.name;
    let outcome = run(&state, move |conn| {
        let author = Author {
            actor: &actor,
            at: now(),
        };
        edit::save(conn, kind, None, cells, None, author)
    })
    .await?;
    match outcome {
        Ok(saved) => Ok(see_other(&record_href(kind, &saved.id))),
        Err(EditError::Invalid(problems)) => {
            let page = EditPage::render_form(&req, l, kind, None, &mine, String::new(), &problems);
            private(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(unexpected(&other)),
    }
}

/// An edit outcome a handler has no page for: a server error that keeps its cause.
fn unexpected(err: &EditError) -> AppError {
    AppError::Export(crate::error_chain(err))
}

/// `GET /edit/{kind}/{id}`.
pub async fn edit_form(
    _curator: Curator,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let (kind, id) = parse_record(&req, &path.0, &path.1)?;
    let current = load(&state, kind, &id).await?;
    let page = EditPage::render_form(
        &req,
        l,
        kind,
        Some(id),
        &current.cells,
        current.version,
        &[],
    );
    private(StatusCode::OK, &page)
}

/// `POST /edit/{kind}/{id}`: saves, or shows the problems (422) or the conflict (409).
pub async fn update(
    curator: Curator,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: Posted,
    state: web::Data<AppState>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let (kind, id) = parse_record(&req, &path.0, &path.1)?;
    let cells = posted_cells(kind, &form);
    let version = form.get("version").unwrap_or_default().to_owned();
    let mine = cells.clone();
    let actor = curator.0.name;
    let (record, expected) = (id.clone(), version.clone());
    let outcome = run(&state, move |conn| {
        let author = Author {
            actor: &actor,
            at: now(),
        };
        edit::save(conn, kind, Some(&record), cells, Some(&expected), author)
    })
    .await?;
    match outcome {
        Ok(saved) => Ok(see_other(&record_href(kind, &saved.id))),
        Err(EditError::Invalid(problems)) => {
            let page = EditPage::render_form(&req, l, kind, Some(id), &mine, version, &problems);
            private(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(EditError::Conflict { mine, theirs }) => {
            let page = conflict_page(&req, l, kind, id, &mine, theirs);
            private(StatusCode::CONFLICT, &page)
        }
        Err(other) => Err(unexpected(&other)),
    }
}

/// The conflict page: each column side by side, and a form holding what this curator typed with
/// the stored version, to save again knowingly.
fn conflict_page(
    req: &HttpRequest,
    l: L10n,
    kind: RecordKind,
    id: String,
    mine: &[(String, String)],
    theirs: Option<Current>,
) -> EditPage {
    let Some(theirs) = theirs else {
        return EditPage {
            kind,
            id: Some(id),
            form: None,
            conflict: None,
            gone: true,
            l,
        };
    };
    let rows = edit::file_of(kind)
        .columns()
        .iter()
        .map(|column| {
            let mine = edit::value_of(mine, column).to_owned();
            let stored = theirs.get(column).to_owned();
            ConflictRow {
                name: (*column).to_owned(),
                differs: mine != stored,
                mine,
                theirs: stored,
            }
        })
        .collect();
    let mut page = EditPage::render_form(req, l, kind, Some(id), mine, theirs.version, &[]);
    page.conflict = Some(rows);
    page
}

#[derive(Template)]
#[template(path = "edit/delete.html")]
struct DeletePage {
    kind: RecordKind,
    id: String,
    cells: Cells,
    version: String,
    referrers: Vec<Referrer>,
    /// The record changed since the confirmation was shown.
    changed: bool,
    csrf: String,
    l: L10n,
}

impl DeletePage {
    fn kind_label(&self) -> String {
        kind_label(&self.l, self.kind)
    }

    /// The message that says how many records of `referrer`'s table refer to this one.
    fn referrer_message(&self, referrer: &Referrer) -> String {
        self.l
            .n(&format!("edit-referred-{}", referrer.table), referrer.count)
    }

    fn href(&self) -> String {
        record_href(self.kind, &self.id)
    }
}

async fn delete_page(
    req: &HttpRequest,
    state: &AppState,
    l: L10n,
    kind: RecordKind,
    id: String,
    changed: bool,
) -> Result<DeletePage, AppError> {
    let lookup = id.clone();
    let (current, referrers) = state
        .db
        .read(move |conn| -> Result<_, AppError> {
            let current = edit::current(conn, kind, &lookup)?;
            let referrers = match current {
                Some(_) => edit::referrers(conn, kind, &lookup)?,
                None => Vec::new(),
            };
            Ok((current, referrers))
        })
        .await?;
    let current = current.ok_or_else(|| AppError::not_found(kind.code(), id.clone()))?;
    Ok(DeletePage {
        kind,
        id,
        cells: current.cells,
        version: current.version,
        referrers,
        changed,
        csrf: csrf_token(req),
        l,
    })
}

/// `GET /edit/{kind}/{id}/delete`: the confirmation, or why the record cannot be deleted.
pub async fn delete_form(
    _curator: Curator,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let (kind, id) = parse_record(&req, &path.0, &path.1)?;
    let page = delete_page(&req, &state, l, kind, id, false).await?;
    private(StatusCode::OK, &page)
}

/// `POST /edit/{kind}/{id}/delete`.
pub async fn delete(
    curator: Curator,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: Posted,
    state: web::Data<AppState>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let (kind, id) = parse_record(&req, &path.0, &path.1)?;
    let version = form.get("version").unwrap_or_default().to_owned();
    let actor = curator.0.name;
    let record = id.clone();
    let outcome = run(&state, move |conn| {
        let author = Author {
            actor: &actor,
            at: now(),
        };
        edit::delete(conn, kind, &record, Some(&version), author)
    })
    .await?;
    match outcome {
        Ok(()) => Ok(see_other(&history_href(kind, &id))),
        Err(EditError::NotFound) => Err(AppError::not_found(kind.code(), id)),
        Err(EditError::Referenced(_)) => {
            let page = delete_page(&req, &state, l, kind, id, false).await?;
            private(StatusCode::CONFLICT, &page)
        }
        Err(EditError::Conflict { .. }) => {
            let page = delete_page(&req, &state, l, kind, id, true).await?;
            private(StatusCode::CONFLICT, &page)
        }
        Err(other) => Err(unexpected(&other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_of_every_kind_has_a_control() {
        let l = L10n::english();
        for kind in RecordKind::all() {
            let (fields, general) = fields(&l, kind, &[], &[], false);
            assert_eq!(fields.len(), edit::file_of(kind).columns().len());
            assert!(general.is_empty());
            for field in &fields {
                if field.control == Control::Select {
                    assert!(!field.choices.is_empty(), "{kind}: {}", field.name);
                }
            }
        }
    }

    #[test]
    fn urls_dates_and_long_texts_get_their_controls() {
        let l = L10n::english();
        let (fields, _) = fields(&l, RecordKind::Source, &[], &[], true);
        let of = |name: &str| fields.iter().find(|f| f.name == name).unwrap().control;
        assert_eq!(of("url"), Control::Url);
        assert_eq!(of("published_on"), Control::Date);
        assert!(fields.iter().any(|f| f.name == "id" && f.readonly));
        let (fields, _) = fields_of(RecordKind::Mission);
        let of = |name: &str| fields.iter().find(|f| f.name == name).unwrap().control;
        assert_eq!(of("verdict"), Control::Select);
        assert_eq!(of("verdict_quote"), Control::TextArea);
        assert_eq!(of("observers"), Control::Number);
    }

    fn fields_of(kind: RecordKind) -> (Vec<Field>, Vec<String>) {
        fields(&L10n::english(), kind, &[], &[], false)
    }
}
