//! `/admin/import`: an admin uploads contract files (several CSV files, or one zip), sees the dry
//! run of the same importer as the command line, and confirms to apply it as one change set.
//!
//! The upload is a multipart form, which [`crate::web::auth::Posted`] does not read: its CSRF
//! token is checked here with [`auth::csrf_matches`], before anything else is read from it. The
//! files wait for the confirmation in `pending_imports`, as one zip, under a random id.

use actix_multipart::Multipart;
use actix_web::http::header::{self, HeaderMap};
use actix_web::http::StatusCode;
use actix_web::web::{Bytes, BytesMut};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use diesel::Connection;
use futures_util::StreamExt;

use super::{private_page, see_other};
use crate::csv::import::{import_files, ImportError, ImportMode, ImportReport, Provenance};
use crate::csv::upload::{self, UploadError};
use crate::csv::Problem;
use crate::db::DbConn;
use crate::domain::ChangeSetKind;
use crate::model::account::{self, User};
use crate::model::pending_import;
use crate::web::auth::{self, Admin, Posted};
use crate::web::error::{AppError, Refusal};
use crate::web::i18n::L10n;
use crate::web::AppState;

/// The largest upload read, in bytes; more is refused with 413.
pub const MAX_UPLOAD: usize = 50 * 1024 * 1024;
/// The largest text field of the upload form (the CSRF token is 64 characters).
const MAX_TEXT_FIELD: usize = 1024;
/// How the importer names the uploaded files as a whole in its messages.
const ORIGIN: &str = "upload";

/// What the page shows above the form.
enum Outcome {
    /// No file was chosen.
    NoFiles,
    /// A zip that cannot be read.
    BadZip,
    /// A zip that unpacks to too much.
    ZipTooLarge,
    /// The files have problems: nothing was (or would be) changed.
    Problems(Vec<Problem>),
    /// The dry run passed: the files wait under `id` for the confirmation.
    Ready {
        report: ImportReport,
        id: String,
        files: Vec<String>,
    },
}

#[derive(Template)]
#[template(path = "admin/import.html")]
struct ImportPage {
    outcome: Option<Outcome>,
    csrf: String,
    l: L10n,
}

#[allow(clippy::unused_self)] // called from the template as methods
impl ImportPage {
    fn max_megabytes(&self) -> usize {
        MAX_UPLOAD / 1024 / 1024
    }

    fn unpacked_megabytes(&self) -> u64 {
        upload::MAX_UNPACKED / 1024 / 1024
    }
}

fn now() -> NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

fn render(
    status: StatusCode,
    outcome: Option<Outcome>,
    req: &HttpRequest,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let page = ImportPage {
        outcome,
        csrf: auth::csrf_token(req),
        l,
    };
    Ok(private_page(status, page.render()?))
}

/// `GET /admin/import`.
pub async fn form(_admin: Admin, req: HttpRequest, l: L10n) -> Result<HttpResponse, AppError> {
    render(StatusCode::OK, None, &req, l)
}

/// The parts of the upload form: its token and its files, as (name, contents).
#[derive(Default)]
struct Upload {
    csrf: Option<String>,
    files: Vec<(String, Vec<u8>)>,
}

/// Reads the whole body, up to [`MAX_UPLOAD`].
async fn read_body(headers: &HeaderMap, mut payload: web::Payload) -> Result<Bytes, AppError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_UPLOAD) {
        return Err(AppError::TooLarge);
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| AppError::Forbidden(Refusal::Csrf))?;
        if body.len() + chunk.len() > MAX_UPLOAD {
            return Err(AppError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// The last part of an uploaded file's name (browsers may send a path).
fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Reads the multipart form; a body that is not one has no token, and is refused as such.
async fn read_upload(headers: &HeaderMap, body: Bytes) -> Upload {
    let mut upload = Upload::default();
    let stream =
        futures_util::stream::once(async move { Ok::<_, actix_web::error::PayloadError>(body) });
    let mut multipart = Multipart::new(headers, stream);
    while let Some(Ok(mut field)) = multipart.next().await {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(base_name);
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let Ok(chunk) = chunk else {
                return Upload::default();
            };
            bytes.extend_from_slice(&chunk);
            if file_name.is_none() && bytes.len() > MAX_TEXT_FIELD {
                return Upload::default();
            }
        }
        match (name.as_str(), file_name) {
            (auth::CSRF_FIELD, None) => upload.csrf = String::from_utf8(bytes).ok(),
            ("files", Some(file_name)) if !file_name.is_empty() || !bytes.is_empty() => {
                upload.files.push((file_name, bytes));
            }
            _ => {}
        }
    }
    upload
}

/// The contract files of an upload: the zips unpacked, the rest as they came.
fn unpack_all(files: Vec<(String, Vec<u8>)>) -> Result<Vec<(String, Vec<u8>)>, UploadError> {
    let mut out = Vec::new();
    for (name, bytes) in files {
        if upload::is_zip(&bytes) {
            out.extend(upload::unpack(&bytes)?);
        } else {
            out.push((name, bytes));
        }
    }
    Ok(out)
}

/// An importer failure that is not a problem of the files: the server's.
fn server_error(err: ImportError) -> AppError {
    match err {
        ImportError::Database(err) => AppError::from(err),
        other => AppError::Export(other.to_string()),
    }
}

fn run_import(
    conn: &mut DbConn,
    files: &[(String, Vec<u8>)],
    mode: ImportMode,
    provenance: &Provenance,
) -> Result<ImportReport, ImportError> {
    import_files(
        conn,
        ORIGIN,
        files
            .iter()
            .map(|(name, bytes)| (name.clone(), Ok::<&[u8], String>(bytes.as_slice()))),
        mode,
        provenance,
    )
}

fn provenance(admin: &User, at: NaiveDateTime) -> Provenance {
    Provenance {
        actor: admin.name.clone(),
        changed_at: at,
        kind: ChangeSetKind::Import,
    }
}

/// `POST /admin/import`: the dry run of the uploaded files, and the form that confirms it.
pub async fn upload(
    Admin(admin): Admin,
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let body = read_body(req.headers(), payload).await?;
    let upload = read_upload(req.headers(), body).await;
    if !auth::csrf_matches(&req, upload.csrf.as_deref()) {
        return Err(AppError::Forbidden(Refusal::Csrf));
    }
    let files = match unpack_all(upload.files) {
        Ok(files) => files,
        Err(UploadError::BadZip(_)) => {
            return render(
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(Outcome::BadZip),
                &req,
                l,
            )
        }
        Err(UploadError::TooLarge) => {
            return render(
                StatusCode::PAYLOAD_TOO_LARGE,
                Some(Outcome::ZipTooLarge),
                &req,
                l,
            )
        }
    };
    if files.is_empty() {
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(Outcome::NoFiles),
            &req,
            l,
        );
    }
    let archive = upload::pack(&files).map_err(|err| AppError::Export(err.to_string()))?;
    let names: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    let at = now();
    let outcome = state
        .db
        .write(move |conn| -> Result<Outcome, AppError> {
            match run_import(conn, &files, ImportMode::DryRun, &provenance(&admin, at)) {
                Ok(report) => {
                    let id = account::token();
                    pending_import::store(conn, &id, admin.id, &archive, at)?;
                    Ok(Outcome::Ready {
                        report,
                        id,
                        files: names,
                    })
                }
                Err(ImportError::Invalid(problems)) => Ok(Outcome::Problems(problems)),
                Err(err) => Err(server_error(err)),
            }
        })
        .await?;
    let status = match outcome {
        Outcome::Ready { .. } => StatusCode::OK,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    render(status, Some(outcome), &req, l)
}

/// What a confirmation did.
enum Confirmed {
    /// Applied, and recorded as one change set (none when nothing differed).
    Applied(Option<i64>),
    /// The files no longer pass (the data changed since the dry run): nothing was changed.
    Problems(Vec<Problem>),
    /// No upload waits under this id for this admin.
    Gone,
}

/// `POST /admin/import/{id}`: applies the files of a dry run, as one change set, and shows it.
pub async fn confirm(
    Admin(admin): Admin,
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    _form: Posted,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let lookup = id.clone();
    let outcome = state
        .db
        .write(move |conn| -> Result<Confirmed, AppError> {
            let at = now();
            let Some(archive) = pending_import::find(conn, &lookup, admin.id, at)? else {
                return Ok(Confirmed::Gone);
            };
            let files =
                upload::unpack(&archive).map_err(|err| AppError::Export(err.to_string()))?;
            let provenance = provenance(&admin, at);
            conn.transaction(|conn| {
                match run_import(conn, &files, ImportMode::Apply, &provenance) {
                    Ok(report) => {
                        pending_import::remove(conn, &lookup)?;
                        Ok(Confirmed::Applied(report.change_set))
                    }
                    Err(ImportError::Invalid(problems)) => Ok(Confirmed::Problems(problems)),
                    Err(err) => Err(err),
                }
            })
            .map_err(server_error)
        })
        .await?;
    match outcome {
        // To the change set's page; an import that changed nothing has none.
        Confirmed::Applied(Some(set)) => Ok(see_other(&format!("/change-sets/{set}"))),
        Confirmed::Applied(None) => Ok(see_other("/changes")),
        Confirmed::Problems(problems) => render(
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(Outcome::Problems(problems)),
            &req,
            l,
        ),
        Confirmed::Gone => Err(AppError::not_found("import", id)),
    }
}
