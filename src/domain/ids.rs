//! Ids as they arrive from a URL, a query string or a CSV cell, parsed once into types that cannot
//! hold a value no record could have: a bad id is a 404 (or an import problem) before any query.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest id (slug) accepted.
pub const MAX_SLUG_CHARS: usize = 120;

/// A record id: lower-case ASCII letters and digits in groups joined by single hyphens, such as
/// `osce-odihr` or `tjk-2020-10-11-presidential`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

/// Why a text is not an id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid id")]
pub struct InvalidId;

impl Slug {
    /// Parses an id; anything but `[a-z0-9]+(-[a-z0-9]+)*` of at most [`MAX_SLUG_CHARS`] fails.
    pub fn parse(text: &str) -> Result<Slug, InvalidId> {
        if is_slug(text) {
            Ok(Slug(text.to_owned()))
        } else {
            Err(InvalidId)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Whether `text` has the form of an id.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_SLUG_CHARS
        && text.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl TryFrom<String> for Slug {
    type Error = InvalidId;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        if is_slug(&text) {
            Ok(Slug(text))
        } else {
            Err(InvalidId)
        }
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> String {
        slug.0
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An ISO 3166-1 alpha-3 country code, stored in upper case (`TJK`). Parsing accepts lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iso3(String);

/// Why a text is not a country code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a three-letter ISO 3166-1 country code")]
pub struct InvalidIso3;

impl Iso3 {
    /// Parses `tjk` or `TJK`; anything but three ASCII letters fails.
    pub fn parse(text: &str) -> Result<Iso3, InvalidIso3> {
        if text.len() == 3 && text.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(Iso3(text.to_ascii_uppercase()))
        } else {
            Err(InvalidIso3)
        }
    }

    /// Parses only the stored, upper-case form (`TJK`), as the CSV contract requires.
    pub fn parse_exact(text: &str) -> Result<Iso3, InvalidIso3> {
        if text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Iso3(text.to_owned()))
        } else {
            Err(InvalidIso3)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Iso3 {
    type Error = InvalidIso3;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Iso3::parse(&text)
    }
}

impl From<Iso3> for String {
    fn from(code: Iso3) -> String {
        code.0
    }
}

impl fmt::Display for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugs() {
        for good in ["osce-odihr", "tjk-2020-10-11-presidential", "a", "0"] {
            assert!(Slug::parse(good).is_ok(), "{good}");
        }
        for bad in [
            "", "OSCE", "a--b", "-a", "a-", "a b", "a\0b", "é", "a_b", "a/b", "..",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Slug::parse(&"a".repeat(MAX_SLUG_CHARS + 1)).is_err());
        assert!(Slug::parse(&"a".repeat(MAX_SLUG_CHARS)).is_ok());
    }

    #[test]
    fn country_codes() {
        assert_eq!(Iso3::parse("tjk").unwrap().as_str(), "TJK");
        assert!(Iso3::parse_exact("tjk").is_err());
        for bad in ["", "TJ", "TJKX", "T1K", "T\0K", "ТЖК"] {
            assert!(Iso3::parse(bad).is_err(), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn a_parsed_slug_holds_only_safe_bytes(text in "\\PC{0,20}") {
            if let Ok(slug) = Slug::parse(&text) {
                prop_assert!(slug.as_str().bytes().all(|b| b == b'-' || b.is_ascii_lowercase() || b.is_ascii_digit()));
            }
        }
    }
}
