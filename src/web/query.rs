//! Reading list pages' query strings: every bad value becomes a named problem, never a panic.

use std::collections::HashMap;
use std::str::FromStr;

use super::error::{AppError, Expected, InvalidParam};
use crate::domain::{Iso3, Slug};
use crate::model::PageRequest;

/// The raw query string of a request, as name → value.
pub type Params = HashMap<String, String>;

/// Rows per page of the lists.
pub const PER_PAGE: i64 = 25;
/// The highest page number accepted (keeps OFFSET arithmetic far from overflow).
const MAX_PAGE: i64 = 1_000_000;

/// Collects the problems of a query string while its parameters are read.
pub struct ParamReader<'a> {
    params: &'a Params,
    problems: Vec<InvalidParam>,
}

impl<'a> ParamReader<'a> {
    pub fn new(params: &'a Params) -> Self {
        ParamReader {
            params,
            problems: Vec::new(),
        }
    }

    /// The non-empty value of `name` (an empty value means "any", as an HTML form sends it).
    fn raw(&self, name: &str) -> Option<&'a str> {
        self.params
            .get(name)
            .map(|value| value.trim())
            .filter(|value| !value.is_empty())
    }

    fn reject(&mut self, name: &str, value: &str, expected: Expected) {
        self.problems.push(InvalidParam {
            name: name.to_owned(),
            value: value.to_owned(),
            expected,
        });
    }

    /// `page`: a whole number from 1.
    pub fn page(&mut self, name: &str, per_page: i64) -> PageRequest {
        let page = match self.raw(name) {
            None => 1,
            Some(raw) => match raw.parse::<i64>() {
                Ok(page) if (1..=MAX_PAGE).contains(&page) => page,
                _ => {
                    self.reject(name, raw, Expected::Page { max: MAX_PAGE });
                    1
                }
            },
        };
        PageRequest::new(page, per_page)
    }

    /// A code of a closed vocabulary such as `kind=private`.
    pub fn code<T>(&mut self, name: &str, allowed: impl Iterator<Item = T>) -> Option<T>
    where
        T: FromStr + Into<&'static str>,
    {
        let raw = self.raw(name)?;
        match raw.parse::<T>() {
            Ok(value) => Some(value),
            Err(_) => {
                let codes: Vec<&'static str> = allowed.map(Into::into).collect();
                self.reject(name, raw, Expected::OneOf(codes));
                None
            }
        }
    }

    /// A country code such as `country=TJK` (lower case is accepted).
    pub fn country(&mut self, name: &str) -> Option<Iso3> {
        let raw = self.raw(name)?;
        match Iso3::parse(raw) {
            Ok(code) => Some(code),
            Err(_) => {
                self.reject(name, raw, Expected::Country);
                None
            }
        }
    }

    /// A year such as `year=2020`.
    pub fn year(&mut self, name: &str) -> Option<i32> {
        let raw = self.raw(name)?;
        match raw.parse::<i32>() {
            Ok(year) if (1800..=2200).contains(&year) => Some(year),
            _ => {
                self.reject(name, raw, Expected::Year);
                None
            }
        }
    }

    /// Free text such as a name to search for, at most `max` characters, with no control
    /// characters (a NUL byte, say, is no part of a name and PostgreSQL refuses it).
    pub fn text(&mut self, name: &str, max: usize) -> Option<String> {
        let raw = self.raw(name)?;
        let shown: String = raw.chars().filter(|c| !c.is_control()).take(40).collect();
        if raw.chars().count() > max {
            self.reject(name, &shown, Expected::MaxChars(max));
            return None;
        }
        if raw.chars().any(char::is_control) {
            self.reject(name, &shown, Expected::NoControlCharacters);
            return None;
        }
        Some(raw.to_owned())
    }

    /// A record id such as `election=tjk-2020-10-11-presidential`.
    pub fn id(&mut self, name: &str) -> Option<Slug> {
        let raw = self.raw(name)?;
        match Slug::parse(raw) {
            Ok(id) => Some(id),
            Err(_) => {
                self.reject(name, raw, Expected::Id);
                None
            }
        }
    }

    /// One of a few fixed words, such as `sort=name` or `sort=-name`.
    pub fn choice(&mut self, name: &str, choices: &[&'static str]) -> Option<&'static str> {
        let raw = self.raw(name)?;
        match choices.iter().find(|choice| **choice == raw) {
            Some(choice) => Some(choice),
            None => {
                self.reject(name, raw, Expected::OneOf(choices.to_vec()));
                None
            }
        }
    }

    /// Ends the reading: a 400 listing every problem, or the values read.
    pub fn finish(self) -> Result<(), AppError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(AppError::BadRequest(self.problems))
        }
    }
}

/// Rebuilds a query string from the parameters that are set, for pagination and sort links.
pub fn query_string(pairs: &[(&str, Option<String>)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        if let Some(value) = value {
            serializer.append_pair(name, value);
        }
    }
    serializer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OrganizationKind;

    fn params(pairs: &[(&str, &str)]) -> Params {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn pages() {
        for (raw, ok) in [
            ("1", true),
            ("7", true),
            ("0", false),
            ("-1", false),
            ("abc", false),
            ("1.5", false),
            ("99999999999999999999", false),
        ] {
            let p = params(&[("page", raw)]);
            let mut reader = ParamReader::new(&p);
            reader.page("page", 25);
            assert_eq!(reader.finish().is_ok(), ok, "{raw}");
        }
        let p = params(&[("page", "")]);
        let mut reader = ParamReader::new(&p);
        assert_eq!(reader.page("page", 25).page, 1);
    }

    #[test]
    fn codes_years_countries() {
        let p = params(&[("kind", "private"), ("year", "zzz"), ("country", "tjk")]);
        let mut reader = ParamReader::new(&p);
        assert_eq!(
            reader.code("kind", OrganizationKind::all()),
            Some(OrganizationKind::Private)
        );
        assert_eq!(reader.year("year"), None);
        assert_eq!(
            reader.country("country").as_ref().map(Iso3::as_str),
            Some("TJK")
        );
        match reader.finish() {
            Err(AppError::BadRequest(problems)) => {
                assert_eq!(problems.len(), 1);
                assert_eq!(problems[0].name, "year");
                assert_eq!(problems[0].value, "zzz");
            }
            other => panic!("expected a bad request, got {other:?}"),
        }
    }

    #[test]
    fn query_strings_escape() {
        assert_eq!(
            query_string(&[
                ("q", Some("a&b c".into())),
                ("kind", None),
                ("page", Some("2".into()))
            ]),
            "q=a%26b+c&page=2"
        );
    }
}

/// Filters that can be written back into a query string (for pagination, sort and download links).
pub trait QueryPairs {
    /// The parameters that are set, by name.
    fn pairs(&self) -> Vec<(&'static str, Option<String>)>;
}

/// `path` with the query string of `pairs`, if any is set.
pub fn with_query(path: &str, pairs: &[(&str, Option<String>)]) -> String {
    let query = query_string(pairs);
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// The links and counts a paginated table shows below itself.
#[derive(Debug, Clone)]
pub struct Pager {
    pub page: i64,
    pub last_page: i64,
    pub total: i64,
    pub first_row: i64,
    pub last_row: i64,
    pub previous_href: Option<String>,
    pub next_href: Option<String>,
}

impl Pager {
    /// Builds the pager of `page`, whose links keep `filters` and change only `page`.
    pub fn new<T>(
        page: &crate::model::Page<T>,
        path: &str,
        filters: &[(&str, Option<String>)],
    ) -> Self {
        let href = |number: i64| {
            let mut pairs = filters.to_vec();
            if number > 1 {
                pairs.push(("page", Some(number.to_string())));
            }
            with_query(path, &pairs)
        };
        Pager {
            page: page.number(),
            last_page: page.last_page(),
            total: page.total,
            first_row: page.first_row(),
            last_row: page.last_row(),
            previous_href: page
                .has_previous()
                .then(|| href(page.number().min(page.last_page() + 1) - 1)),
            next_href: page.has_next().then(|| href(page.number() + 1)),
        }
    }

    /// Whether there is more than one page to move between.
    pub fn is_needed(&self) -> bool {
        self.previous_href.is_some() || self.next_href.is_some()
    }
}
