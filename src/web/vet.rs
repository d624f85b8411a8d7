//! `/vet`: an election management body checks a whole invitation list at once.
//!
//! Confidential by design: the list is read from the request, matched, rendered and dropped.
//! Nothing is written to the database or the log (the access log holds the request line only,
//! and errors name a line or a column, never a name), and every answer is `no-store`.

use actix_web::http::header::{self, ContentType};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::i18n::L10n;
use super::vet_input::{self, InputError, Submitted};
use super::AppState;
use crate::matching::Reason;
use crate::model::vet::{self, VetReport, VetRow, MAX_ROWS};

/// The columns of the CSV report, in order.
pub const CSV_COLUMNS: [&str; 10] = [
    "row",
    "input_name",
    "input_organization",
    "match_type",
    "match_id",
    "match_name",
    "score",
    "reason",
    "rating",
    "flags",
];

#[derive(Template)]
#[template(path = "vet/form.html")]
struct FormPage {
    submitted: Submitted,
    error: Option<InputError>,
    max_rows: usize,
    l: L10n,
}

#[derive(Template)]
#[template(path = "vet/report.html")]
struct ReportPage {
    report: VetReport,
    /// The list again, one row per line, for the CSV download form.
    list: String,
    l: L10n,
}

/// An HTML answer that no browser, proxy or CDN may keep.
fn private(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(ContentType::html())
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

fn form_page(
    submitted: Submitted,
    error: Option<InputError>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let status = error.as_ref().map_or(StatusCode::OK, InputError::status);
    let page = FormPage {
        submitted,
        error,
        max_rows: MAX_ROWS,
        l,
    };
    Ok(private(status, page.render()?))
}

pub async fn form(l: L10n) -> Result<HttpResponse, AppError> {
    form_page(Submitted::default(), None, l)
}

/// Reads the posted list and vets it, or answers with the form and what is wrong.
async fn vetted(
    state: &AppState,
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<Result<(Vec<VetRow>, VetReport), HttpResponse>, AppError> {
    let mut submitted = Submitted::default();
    let rows = match vet_input::read(req.headers(), payload, &mut submitted).await {
        Ok(rows) => rows,
        Err(err) => {
            // A list over the limit is not shown again: it is what was too big.
            if !matches!(err, InputError::TooLarge | InputError::TooManyRows { .. }) {
                return form_page(submitted, Some(err), L10n::from_request(req)).map(Err);
            }
            return form_page(Submitted::default(), Some(err), L10n::from_request(req)).map(Err);
        }
    };
    let input = rows.clone();
    let report = state
        .db
        .read(move |conn| -> Result<_, AppError> { Ok(vet::vet(conn, input)?) })
        .await?;
    Ok(Ok((rows, report)))
}

pub async fn report(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let (rows, report) = match vetted(&state, &req, payload).await? {
        Ok(found) => found,
        Err(response) => return Ok(response),
    };
    let page = ReportPage {
        report,
        list: list_text(&rows),
        l: L10n::from_request(&req),
    };
    Ok(private(StatusCode::OK, page.render()?))
}

pub async fn report_csv(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let (_, report) = match vetted(&state, &req, payload).await? {
        Ok(found) => found,
        Err(response) => return Ok(response),
    };
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"vetting-report.csv\"",
        ))
        .body(report_csv_bytes(&report)))
}

/// The list as the `names` field takes it: `name` or `name, organization`, one per line.
fn list_text(rows: &[VetRow]) -> String {
    let mut text = String::new();
    for row in rows {
        text.push_str(&row.name);
        if let Some(organization) = &row.organization {
            text.push_str(", ");
            text.push_str(organization);
        }
        text.push('\n');
    }
    text
}

/// The report as CSV: one record per row and match; a row without a match has one record with
/// the match columns empty.
pub fn report_csv_bytes(report: &VetReport) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(CSV_COLUMNS);
    for line in &report.lines {
        let row = line.row.to_string();
        let name = line.input.name.as_str();
        let organization = line.input.organization.as_deref().unwrap_or("");
        if line.matches.is_empty() {
            let _ = writer.write_record([&row, name, organization, "", "", "", "", "", "", ""]);
        }
        for m in &line.matches {
            let flags: Vec<&str> = m.flags().iter().map(|f| f.code()).collect();
            let _ = writer.write_record([
                row.as_str(),
                name,
                organization,
                m.match_type(),
                m.id(),
                &m.name(),
                &format!("{:.2}", m.score),
                m.reason.code(),
                m.rating().map_or("", |r| r.code()),
                &flags.join("|"),
            ]);
        }
    }
    writer.into_inner().unwrap_or_default()
}
