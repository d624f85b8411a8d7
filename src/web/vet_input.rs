//! The input of `/vet`: a pasted list or an uploaded CSV, read into rows or refused with a reason.
//!
//! Nothing read here is logged: errors name a line number or a column, never a submitted name.

use actix_multipart::Multipart;
use actix_web::http::header::{HeaderMap, CONTENT_TYPE};
use actix_web::web::{Bytes, BytesMut};
use futures_util::StreamExt;

use crate::model::vet::{VetRow, MAX_ROWS};

/// The largest request body read (a 5,000-row list is far smaller); more is refused with 413.
pub const MAX_BODY: usize = 2 * 1024 * 1024;

/// Why a submitted list cannot be vetted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// No names were given.
    Empty,
    /// The body is larger than [`MAX_BODY`].
    TooLarge,
    /// More than [`MAX_ROWS`] rows.
    TooManyRows { given: usize },
    /// The file or text is not UTF-8.
    NotUtf8,
    /// The CSV has no `name` column; these are the columns it has.
    NoNameColumn { found: Vec<String> },
    /// The CSV cannot be read at this line.
    BadCsv { line: u64 },
    /// The request is not a form this page sends.
    BadForm,
}

impl InputError {
    pub fn status(&self) -> actix_web::http::StatusCode {
        match self {
            InputError::TooLarge => actix_web::http::StatusCode::PAYLOAD_TOO_LARGE,
            _ => actix_web::http::StatusCode::BAD_REQUEST,
        }
    }
}

/// The list as submitted: the pasted text, kept to show it again in the form.
#[derive(Debug, Clone, Default)]
pub struct Submitted {
    pub names: String,
}

/// Reads a posted body (urlencoded or multipart) into the rows to vet.
pub async fn read(
    headers: &HeaderMap,
    mut payload: actix_web::web::Payload,
    submitted: &mut Submitted,
) -> Result<Vec<VetRow>, InputError> {
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| InputError::BadForm)?;
        if body.len() + chunk.len() > MAX_BODY {
            return Err(InputError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    let body = body.freeze();
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        read_multipart(headers, body, submitted).await
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        let names = form_urlencoded::parse(&body)
            .find(|(name, _)| name == "names")
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default();
        // form_urlencoded replaces bytes that are not UTF-8 with U+FFFD.
        if names.contains('\u{FFFD}') {
            return Err(InputError::NotUtf8);
        }
        submitted.names = names;
        parse_lines(&submitted.names)
    } else {
        Err(InputError::BadForm)
    }
}

async fn read_multipart(
    headers: &HeaderMap,
    body: Bytes,
    submitted: &mut Submitted,
) -> Result<Vec<VetRow>, InputError> {
    let stream = futures_util::stream::once(async move { Ok(body) });
    let mut multipart = Multipart::new(headers, stream);
    let mut file: Option<BytesMut> = None;
    let mut names = BytesMut::new();
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(|_| InputError::BadForm)?;
        let target = match field.name() {
            Some("file") => file.get_or_insert_with(BytesMut::new),
            Some("names") => &mut names,
            _ => continue,
        };
        while let Some(chunk) = field.next().await {
            target.extend_from_slice(&chunk.map_err(|_| InputError::BadForm)?);
        }
    }
    match file.filter(|f| !f.is_empty()) {
        Some(file) => parse_csv(&file),
        None => {
            submitted.names = String::from_utf8(names.to_vec()).map_err(|_| InputError::NotUtf8)?;
            parse_lines(&submitted.names)
        }
    }
}

/// One row per non-empty line: `name` or `name, organization`.
pub fn parse_lines(text: &str) -> Result<Vec<VetRow>, InputError> {
    let rows: Vec<VetRow> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| match line.split_once(',') {
            Some((name, organization)) => row(name, Some(organization)),
            None => row(line, None),
        })
        .filter(|r| !r.name.is_empty())
        .collect();
    checked(rows)
}

/// A CSV with a `name` column and an optional `organization` column (any order, any case).
pub fn parse_csv(bytes: &[u8]) -> Result<Vec<VetRow>, InputError> {
    let text = std::str::from_utf8(bytes).map_err(|_| InputError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| InputError::BadCsv { line: 1 })?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let column = |wanted: &[&str]| {
        headers
            .iter()
            .position(|h| wanted.iter().any(|w| h.eq_ignore_ascii_case(w)))
    };
    let Some(name_column) = column(&["name"]) else {
        return Err(InputError::NoNameColumn { found: headers });
    };
    let organization_column = column(&["organization", "organisation"]);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| InputError::BadCsv {
            line: err.position().map_or(0, csv::Position::line),
        })?;
        let name = record.get(name_column).unwrap_or_default();
        let organization = organization_column.and_then(|c| record.get(c));
        let r = row(name, organization);
        if !r.name.is_empty() {
            rows.push(r);
        }
        if rows.len() > MAX_ROWS {
            break;
        }
    }
    checked(rows)
}

fn row(name: &str, organization: Option<&str>) -> VetRow {
    VetRow {
        name: name.trim().to_owned(),
        organization: organization
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_owned),
    }
}

fn checked(rows: Vec<VetRow>) -> Result<Vec<VetRow>, InputError> {
    if rows.is_empty() {
        Err(InputError::Empty)
    } else if rows.len() > MAX_ROWS {
        Err(InputError::TooManyRows { given: rows.len() })
    } else {
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_hold_a_name_and_maybe_an_organization() {
        let rows = parse_lines("Béla Kovács\n\n  Малькевич , AFRIC \n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].name, "Малькевич");
        assert_eq!(rows[1].organization.as_deref(), Some("AFRIC"));
        assert_eq!(parse_lines(" \n"), Err(InputError::Empty));
        let many = "x\n".repeat(MAX_ROWS + 1);
        assert_eq!(
            parse_lines(&many),
            Err(InputError::TooManyRows {
                given: MAX_ROWS + 1
            })
        );
    }

    #[test]
    fn csv_needs_a_name_column_and_utf8() {
        let rows =
            parse_csv("\u{feff}Organization,Name\nSCO,Zhang Ming\n,Béla Kovács\n".as_bytes())
                .unwrap();
        assert_eq!(rows[0].name, "Zhang Ming");
        assert_eq!(rows[0].organization.as_deref(), Some("SCO"));
        assert_eq!(rows[1].organization, None);
        assert_eq!(
            parse_csv(b"full_name,org\nx,y\n"),
            Err(InputError::NoNameColumn {
                found: vec!["full_name".into(), "org".into()]
            })
        );
        assert_eq!(parse_csv(b"name\n\xff\xfe\n"), Err(InputError::NotUtf8));
    }
}
