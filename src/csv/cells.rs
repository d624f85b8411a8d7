//! Reading the cells of one CSV row into typed values, collecting every problem on the way.

use std::str::FromStr;

use chrono::NaiveDate;

use super::Problem;
use crate::domain::Iso3;

/// Longest text a cell may hold; longer cells are rejected (a 10-MB cell is not data).
pub const MAX_CELL_CHARS: usize = 10_000;
pub use crate::domain::ids::{is_slug, MAX_SLUG_CHARS as MAX_ID_CHARS};

/// The cells of one row, with the file, line and header needed to report problems.
pub struct Cells<'a> {
    file: &'a str,
    line: u64,
    header: &'a [&'a str],
    values: Vec<&'a str>,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Cells<'a> {
    pub fn new(
        file: &'a str,
        line: u64,
        header: &'a [&'a str],
        values: Vec<&'a str>,
        problems: &'a mut Vec<Problem>,
    ) -> Self {
        Cells {
            file,
            line,
            header,
            values,
            problems,
        }
    }

    pub fn line(&self) -> u64 {
        self.line
    }

    /// Records a problem about `column` of this row.
    pub fn problem(&mut self, column: &str, message: impl Into<String>) {
        self.problems
            .push(Problem::new(self.file, self.line, column, message));
    }

    fn raw(&self, column: &str) -> &'a str {
        let index = self
            .header
            .iter()
            .position(|name| *name == column)
            .unwrap_or(usize::MAX);
        self.values.get(index).copied().unwrap_or("")
    }

    /// Optional text: empty means `None`. Rejects spreadsheet formulas and oversized cells.
    pub fn opt_text(&mut self, column: &str) -> Option<String> {
        let raw = self.raw(column);
        if raw.is_empty() {
            return None;
        }
        if raw.chars().count() > MAX_CELL_CHARS {
            self.problem(
                column,
                format!("is longer than {MAX_CELL_CHARS} characters"),
            );
            return None;
        }
        if let Some(first) = formula_start(raw) {
            self.problem(
                column,
                format!(
                    "must not begin with {} (a spreadsheet would run it as a formula)",
                    describe_char(first)
                ),
            );
            return None;
        }
        if raw.trim() != raw {
            self.problem(column, "has leading or trailing spaces");
            return None;
        }
        Some(raw.to_owned())
    }

    /// Required text.
    pub fn text(&mut self, column: &str) -> String {
        let raw = self.raw(column);
        match self.opt_text(column) {
            Some(value) => value,
            None => {
                if raw.is_empty() {
                    self.problem(column, "is required");
                }
                String::new()
            }
        }
    }

    /// A required slug id: lower-case letters, digits and single hyphens.
    pub fn id(&mut self, column: &str) -> String {
        let value = self.text(column);
        if !value.is_empty() && !is_slug(&value) {
            self.problem(
                column,
                format!(
                    "\"{}\" is not a valid id (lower-case letters, digits and single hyphens, at most {MAX_ID_CHARS} characters)",
                    shorten(&value)
                ),
            );
        }
        value
    }

    /// An optional slug id.
    pub fn opt_id(&mut self, column: &str) -> Option<String> {
        if self.raw(column).is_empty() {
            None
        } else {
            Some(self.id(column))
        }
    }

    /// An ISO 3166-1 alpha-3 country code, optional.
    pub fn opt_country(&mut self, column: &str) -> Option<String> {
        let value = self.opt_text(column)?;
        if Iso3::parse_exact(&value).is_ok() {
            Some(value)
        } else {
            self.problem(
                column,
                format!(
                    "\"{}\" is not an ISO 3166-1 alpha-3 code (three upper-case letters)",
                    shorten(&value)
                ),
            );
            None
        }
    }

    /// A required country code.
    pub fn country(&mut self, column: &str) -> String {
        if self.raw(column).is_empty() {
            self.problem(column, "is required");
            return String::new();
        }
        self.opt_country(column).unwrap_or_default()
    }

    /// An optional `YYYY-MM-DD` date.
    pub fn opt_date(&mut self, column: &str) -> Option<NaiveDate> {
        let value = self.opt_text(column)?;
        match NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
            Ok(date) if value.len() == 10 => Some(date),
            _ => {
                self.problem(
                    column,
                    format!("\"{}\" is not a date (YYYY-MM-DD)", shorten(&value)),
                );
                None
            }
        }
    }

    /// A required date; a placeholder is returned (and a problem recorded) when it is missing.
    pub fn date(&mut self, column: &str) -> NaiveDate {
        if self.raw(column).is_empty() {
            self.problem(column, "is required");
        }
        self.opt_date(column).unwrap_or_default()
    }

    /// A `true`/`false` cell.
    pub fn boolean(&mut self, column: &str) -> bool {
        match self.raw(column) {
            "true" => true,
            "false" => false,
            "" => {
                self.problem(column, "is required (true or false)");
                false
            }
            other => {
                let message = format!("\"{}\" is not true or false", shorten(other));
                self.problem(column, message);
                false
            }
        }
    }

    /// An optional whole number of at least `min`.
    pub fn opt_int(&mut self, column: &str, min: i32) -> Option<i32> {
        let value = self.opt_text(column)?;
        match value.parse::<i32>() {
            Ok(number) if number >= min => Some(number),
            _ => {
                self.problem(
                    column,
                    format!(
                        "\"{}\" is not a whole number of at least {min}",
                        shorten(&value)
                    ),
                );
                None
            }
        }
    }

    /// An optional `http(s)://` URL.
    pub fn opt_url(&mut self, column: &str) -> Option<String> {
        let value = self.opt_text(column)?;
        if is_url(&value) {
            Some(value)
        } else {
            self.problem(
                column,
                format!("\"{}\" is not an http(s) URL", shorten(&value)),
            );
            None
        }
    }

    /// A required URL.
    pub fn url(&mut self, column: &str) -> String {
        if self.raw(column).is_empty() {
            self.problem(column, "is required");
        }
        self.opt_url(column).unwrap_or_default()
    }

    /// An optional code of a closed vocabulary.
    pub fn opt_code<T>(&mut self, column: &str, allowed: &[T]) -> Option<T>
    where
        T: FromStr + Copy + Into<&'static str>,
    {
        let value = self.opt_text(column)?;
        match value.parse::<T>() {
            Ok(code) => Some(code),
            Err(_) => {
                let allowed: Vec<&'static str> =
                    allowed.iter().map(|code| (*code).into()).collect();
                self.problem(
                    column,
                    format!(
                        "\"{}\" is not one of: {}",
                        shorten(&value),
                        allowed.join(", ")
                    ),
                );
                None
            }
        }
    }

    /// A required code; `fallback` stands in (with a problem recorded) when it is missing or wrong.
    pub fn code<T>(&mut self, column: &str, allowed: &[T], fallback: T) -> T
    where
        T: FromStr + Copy + Into<&'static str>,
    {
        if self.raw(column).is_empty() {
            self.problem(column, "is required");
        }
        self.opt_code(column, allowed).unwrap_or(fallback)
    }
}

/// Characters that make a spreadsheet treat a cell as a formula when they come first, in ASCII
/// and in fullwidth form (spreadsheets fold the latter to the former).
const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// Whether a character shows nothing: blanks, zero-width and other format characters. A
/// formula hidden behind them still runs.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// The character that would make a spreadsheet run `text` as a formula: a tab or carriage
/// return in first place, or a formula character as the first visible one.
fn formula_start(text: &str) -> Option<char> {
    let mut chars = text.chars();
    match chars.next() {
        Some(c @ ('\t' | '\r')) => return Some(c),
        Some(c) if FORMULA_STARTS.contains(&c) => return Some(c),
        _ => {}
    }
    text.chars()
        .find(|c| !is_invisible(*c))
        .filter(|c| FORMULA_STARTS.contains(c))
}

fn describe_char(c: char) -> String {
    match c {
        '\t' => "a tab".to_owned(),
        '\r' => "a carriage return".to_owned(),
        other => format!("\"{other}\""),
    }
}

/// Whether `value` is an `http://` or `https://` address with a host and no whitespace: the one
/// rule for every URL the registry stores (sources, websites, corrections' sources).
pub fn is_url(value: &str) -> bool {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    matches!(rest, Some(rest) if !rest.is_empty() && !rest.starts_with('/'))
        && !value.chars().any(char::is_whitespace)
}

/// Shortens a value quoted back in a message, so that a huge cell does not flood the report.
pub fn shorten(value: &str) -> String {
    const LIMIT: usize = 60;
    if value.chars().count() <= LIMIT {
        value.to_owned()
    } else {
        let head: String = value.chars().take(LIMIT).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(is_url("https://www.osce.org/odihr/elections"));
        assert!(is_url("http://example.org"));
        assert!(!is_url("ftp://example.org"));
        assert!(!is_url("https://"));
        assert!(!is_url("https://exa mple.org"));
        assert!(!is_url("javascript:alert(1)"));
    }

    fn read(header: &[&str], values: Vec<&str>) -> (Option<String>, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut cells = Cells::new("t.csv", 2, header, values, &mut problems);
        let value = cells.opt_text("a");
        (value, problems)
    }

    #[test]
    fn formulas_are_rejected() {
        for bad in ["=1+1", "+7", "@SUM(A1)", "\tx", "\rx"] {
            let (value, problems) = read(&["a"], vec![bad]);
            assert_eq!(value, None);
            assert_eq!(problems.len(), 1, "{bad:?}");
            assert!(problems[0].message.contains("formula"), "{}", problems[0]);
        }
        for bad in [
            "-2+3+cmd|' /C calc'!A0",
            "-5 observers",
            "＝1+1",
            "＋7",
            "－2",
            "＠SUM(A1)",
            "\u{200B}=1+1",
            "\u{FEFF}@SUM(A1)",
            "\u{2060}\u{00A0}-1",
        ] {
            let (value, problems) = read(&["a"], vec![bad]);
            assert_eq!(value, None, "{bad:?}");
            assert!(
                problems.iter().any(|p| p.message.contains("formula")),
                "{bad:?}: {problems:?}"
            );
        }
        for good in [
            "5 observers",
            "Observer mission – final report",
            "a=b",
            "e-mail",
        ] {
            let (value, problems) = read(&["a"], vec![good]);
            assert_eq!(value.as_deref(), Some(good));
            assert!(problems.is_empty(), "{good:?}: {problems:?}");
        }
    }

    #[test]
    fn dates_must_be_iso() {
        let mut problems = Vec::new();
        let header = ["d", "e", "f"];
        let mut cells = Cells::new(
            "t.csv",
            3,
            &header,
            vec!["2020-10-11", "11/10/2020", "2020-1-1"],
            &mut problems,
        );
        assert_eq!(cells.opt_date("d"), NaiveDate::from_ymd_opt(2020, 10, 11));
        assert_eq!(cells.opt_date("e"), None);
        assert_eq!(cells.opt_date("f"), None);
        assert_eq!(problems.len(), 2);
        assert_eq!(
            problems[0].to_string(),
            "t.csv:3: e: \"11/10/2020\" is not a date (YYYY-MM-DD)"
        );
    }
}
