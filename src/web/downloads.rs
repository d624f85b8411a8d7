//! `/downloads`: every file of the CSV contract, streamed, with the data dictionary; the whole
//! registry as a zip with a Frictionless `datapackage.json`; and filtered slices of the lists.

use std::io::Write;

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::http::Method;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;

use super::error::AppError;
use super::i18n::L10n;
use super::query::{ParamReader, Params};
use super::releases::{zip_response, Citation, RELEASE_HEADER};
use super::{elections, html, individuals, organizations, AppState};
use crate::credibility::{Methodology, METHODOLOGY};
use crate::csv::datapackage::{self, LICENCE};
use crate::csv::dictionary::{self, Column};
use crate::csv::export::{write_file, ExportError, Selection};
use crate::csv::ContractFile;
use crate::model::election::Election;
use crate::model::release::Release;
use crate::model::{change, stats};

/// The `X-Registry-Release` value: the current release, or `none` before the first.
pub fn release_label(release: Option<i32>) -> String {
    release.map_or_else(|| "none".to_owned(), |id| id.to_string())
}

/// How long a CDN or browser may reuse a download before asking again (the ETag makes asking cheap).
const MAX_AGE: &str = super::revalidate::DOWNLOAD_CACHE;

/// One file as the downloads page lists it.
struct FileInfo {
    file: ContractFile,
    description: &'static str,
    rows: i64,
    last_change: Option<NaiveDateTime>,
    columns: Vec<Column>,
}

#[derive(Template)]
#[template(path = "downloads/index.html")]
struct IndexPage {
    files: Vec<FileInfo>,
    methodology: &'static Methodology,
    licence: (&'static str, &'static str, &'static str),
    citation: Option<Citation>,
    l: L10n,
}

pub async fn index(
    state: web::Data<AppState>,
    req: HttpRequest,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let (rows, changes, release) = state
        .db
        .read(|conn| -> Result<_, AppError> {
            Ok((
                stats::table_rows(conn)?,
                change::last_changes(conn)?,
                Release::latest(conn)?,
            ))
        })
        .await?;
    let latest = changes.iter().map(|(_, at)| *at).max();
    let files = ContractFile::ALL
        .into_iter()
        .map(|file| {
            let table = file.file_name().trim_end_matches(".csv");
            let last_change = if file.importable() {
                changes
                    .iter()
                    .find(|(name, _)| name == table)
                    .map(|(_, at)| *at)
            } else {
                latest
            };
            FileInfo {
                file,
                description: dictionary::describe(file),
                rows: rows
                    .iter()
                    .find(|(name, _)| *name == table)
                    .map_or(0, |(_, n)| *n),
                last_change,
                columns: dictionary::columns(file),
            }
        })
        .collect();
    html(IndexPage {
        files,
        methodology: &METHODOLOGY,
        licence: LICENCE,
        citation: release.map(|release| Citation::new(&req, release)),
        l,
    })
}

/// Reads the filters a list page passes to its download.
fn selection(file: ContractFile, params: &Params) -> Result<Selection, AppError> {
    let mut reader = ParamReader::new(params);
    let selection = match file {
        ContractFile::Organizations => {
            Selection::Organizations(organizations::read_filter(&mut reader))
        }
        ContractFile::Elections => Selection::Elections(elections::read_filter(&mut reader)),
        ContractFile::Individuals => Selection::Individuals(individuals::read_filter(&mut reader)),
        ContractFile::Missions => match reader.id("election") {
            Some(id) => Selection::MissionsAt(id),
            None => Selection::All,
        },
        _ => Selection::All,
    };
    reader.finish()?;
    Ok(selection)
}

fn attachment(name: &str) -> ContentDisposition {
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::Filename(name.to_owned())],
    }
}

/// `/downloads/{name}`: one contract file (filtered by the list's parameters), `registry.zip`
/// or `datapackage.json`. A `HEAD` request gets the headers without starting the export.
pub async fn file(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    params: web::Query<Params>,
) -> Result<HttpResponse, AppError> {
    let name = path.into_inner();
    let download = Download::named(&name).ok_or_else(|| AppError::not_found("download", &name))?;
    let selection = match download {
        Download::Csv(file) => selection(file, &params)?,
        Download::Zip | Download::Descriptor => Selection::All,
    };
    // The revalidation middleware has answered a client holding the current version; its tag
    // is set on this response from the same version.
    let data_version = state.version.current(&state.db).await?;
    let (known, release) = {
        let selection = selection.clone();
        state
            .db
            .read(move |conn| -> Result<_, AppError> {
                let known = match &selection {
                    Selection::MissionsAt(id) => Election::find(conn, id.as_str())?.is_some(),
                    _ => true,
                };
                Ok((known, Release::latest(conn)?))
            })
            .await?
    };
    let current = release.as_ref().map(|r| r.id);
    // The current release's stored archive, when it holds the current data: the same bytes as
    // its permanent address.
    if let (Download::Zip, Some(release)) = (download, &release) {
        if release.data_version == data_version {
            // Tagged like every download of the current version, not as the release's
            // permanent address is.
            let mut response = zip_response(&state, release, MAX_AGE);
            response.headers_mut().remove(header::ETAG);
            return Ok(response);
        }
    }
    if let Selection::MissionsAt(id) = &selection {
        if !known {
            return Err(AppError::not_found("election", id.as_str()));
        }
    }
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CACHE_CONTROL, MAX_AGE))
        .insert_header((RELEASE_HEADER, release_label(current)));
    let head = req.method() == Method::HEAD;
    // The same download of the same data is exported once (see `stream::Spools`).
    let key = req.uri().to_string();
    match download {
        Download::Descriptor => Ok(response
            .content_type("application/json")
            .body(crate::csv::archive::pretty_descriptor(current))),
        Download::Csv(file) => {
            response
                .content_type("text/csv; charset=utf-8")
                .insert_header(attachment(&name));
            if head {
                return Ok(headers_only(&mut response));
            }
            let body = state
                .spools
                .body(
                    state.db.read_pool(),
                    data_version,
                    &key,
                    move |conn, out| write_file(conn, file, &selection, out).map(|_| ()),
                )
                .await
                .map_err(AppError::Export)?;
            Ok(response.streaming(body))
        }
        Download::Zip => {
            response
                .content_type("application/zip")
                .insert_header(attachment("observer-registry.zip"));
            if head {
                return Ok(headers_only(&mut response));
            }
            let body = state
                .spools
                .body(state.db.read_pool(), data_version, &key, write_zip)
                .await
                .map_err(AppError::Export)?;
            Ok(response.streaming(body))
        }
    }
}

/// The answer to `HEAD` for an export: its headers without running it. Its length is known only
/// once exported, so none is claimed (an empty body would claim `Content-Length: 0`).
fn headers_only(response: &mut actix_web::HttpResponseBuilder) -> HttpResponse {
    response.body(actix_web::body::None::new())
}

/// What `/downloads/{name}` can serve.
#[derive(Debug, Clone, Copy)]
enum Download {
    Csv(ContractFile),
    Zip,
    Descriptor,
}

impl Download {
    fn named(name: &str) -> Option<Download> {
        match name {
            "registry.zip" => Some(Download::Zip),
            "datapackage.json" => Some(Download::Descriptor),
            _ => ContractFile::from_file_name(name).map(Download::Csv),
        }
    }
}

/// Every contract file and `datapackage.json` in one zip, written as it streams.
fn write_zip(conn: &mut crate::db::DbConn, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut zip = zip::ZipWriter::new_stream(out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for file in ContractFile::ALL {
        zip.start_file(file.file_name(), options)
            .map_err(zip_error)?;
        write_file(conn, file, &Selection::All, &mut zip)?;
    }
    zip.start_file("datapackage.json", options)
        .map_err(zip_error)?;
    zip.write_all(datapackage::pretty().as_bytes())?;
    zip.finish().map_err(zip_error)?;
    Ok(())
}

#[allow(clippy::needless_pass_by_value)] // the shape `map_err` needs
fn zip_error(err: zip::result::ZipError) -> ExportError {
    ExportError::Io(std::io::Error::other(err.to_string()))
}
