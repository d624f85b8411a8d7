//! The interface's languages: which one a request is answered in, and its messages, read from
//! the Fluent catalogues in `templates/locales/` (compiled into the binary).
//!
//! The language comes from `?lang=`, then the `lang` cookie the language switcher sets, then
//! `Accept-Language`, then English. A message missing from a catalogue falls back to English and
//! is recorded, so that a test walking every page in every language can fail on it.

use std::collections::BTreeSet;
use std::fmt::Display;
use std::future::{ready, Ready};
use std::sync::{LazyLock, Mutex};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpRequest};
use askama::filters::Safe;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The name of the cookie that keeps the language a reader chose.
pub const COOKIE: &str = "lang";

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    En,
    Ru,
    Fr,
}

impl Lang {
    /// Every language, English (the fallback) first.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Fr];

    /// The BCP 47 code, for `<html lang>`, `hreflang`, `?lang=` and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Fr => "fr",
        }
    }

    /// The language of a code or of a language tag such as `fr-CA` (its primary subtag).
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.code()))
    }

    /// The preferred language of an `Accept-Language` header that this site speaks.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut offered: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(position, item)| {
                let mut parts = item.split(';');
                let lang = Lang::parse(parts.next()?)?;
                let quality = parts
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (quality > 0.0).then_some((quality, position, lang))
            })
            .collect();
        offered.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        offered.first().map(|(_, _, lang)| *lang)
    }

    fn index(self) -> usize {
        self as usize
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../templates/locales/en.ftl"),
            Lang::Ru => include_str!("../../templates/locales/ru.ftl"),
            Lang::Fr => include_str!("../../templates/locales/fr.ftl"),
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<Bundle>> =
    LazyLock::new(|| Lang::ALL.into_iter().map(bundle).collect());

/// Messages that were asked for and missing (or failed to format), as "lang: id".
static MISSING: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

fn bundle(lang: Lang) -> Bundle {
    let langid = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // The isolation marks Fluent puts around arguments by default would show in titles and
    // attributes; every page here is left-to-right.
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(lang.source().to_owned()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for err in errors {
                record_missing(lang, &format!("syntax error: {err:?}"));
            }
            resource
        }
    };
    if let Err(errors) = bundle.add_resource(resource) {
        for err in errors {
            record_missing(lang, &format!("{err}"));
        }
    }
    bundle
}

fn record_missing(lang: Lang, what: &str) {
    log::warn!("message catalogue {}: {what}", lang.code());
    if let Ok(mut missing) = MISSING.lock() {
        missing.insert(format!("{}: {what}", lang.code()));
    }
}

/// Every message that was missing or could not be formatted since the process started.
pub fn missing_messages() -> Vec<String> {
    MISSING
        .lock()
        .map(|missing| missing.iter().cloned().collect())
        .unwrap_or_default()
}

/// The ids of every message of a language's catalogue.
pub fn message_ids(lang: Lang) -> BTreeSet<String> {
    let Ok(resource) = FluentResource::try_new(lang.source().to_owned()) else {
        return BTreeSet::new();
    };
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// The messages of a language's catalogue that are plain text (no argument, no variant), as
/// (id, text): what a page in another language must not show (an untranslated leak).
pub fn plain_messages(lang: Lang) -> Vec<(String, String)> {
    use fluent_syntax::ast::{Entry, PatternElement};
    let Ok(resource) = FluentResource::try_new(lang.source().to_owned()) else {
        return Vec::new();
    };
    resource
        .entries()
        .filter_map(|entry| match entry {
            Entry::Message(message) => {
                let pattern = message.value.as_ref()?;
                match pattern.elements.as_slice() {
                    [PatternElement::TextElement { value }] => {
                        Some((message.id.name.to_owned(), (*value).to_owned()))
                    }
                    _ => None,
                }
            }
            _ => None,
        })
        .collect()
}

/// Formats message `id` of `lang` with `args`; falls back to English, then to the id itself.
fn format(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    for (position, candidate) in [lang, Lang::En].into_iter().enumerate() {
        let bundle = &BUNDLES[candidate.index()];
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            record_missing(candidate, id);
            if candidate == Lang::En || position > 0 {
                break;
            }
            continue;
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        for err in errors {
            record_missing(candidate, &format!("{id}: {err}"));
        }
        return text.into_owned();
    }
    id.to_owned()
}

/// A value as a Fluent argument: numbers stay numbers, so that plural rules apply to them.
fn argument(value: &dyn Display) -> FluentValue<'static> {
    let text = value.to_string();
    match FluentValue::try_number(&text) {
        FluentValue::Number(number) => FluentValue::Number(number),
        _ => FluentValue::String(text.into()),
    }
}

fn escaped(value: &dyn Display) -> String {
    let text = value.to_string();
    match FluentValue::try_number(&text) {
        FluentValue::Number(_) => text,
        _ => askama::filters::escape(&text, askama::filters::Html)
            .map(|escaped| escaped.to_string())
            .unwrap_or_default(),
    }
}

/// The language of one request and what pages need to speak it: messages, and the addresses
/// of the same page in the other languages.
#[derive(Debug, Clone)]
pub struct L10n {
    pub lang: Lang,
    /// The path of the page, and its query string without `lang`.
    path: String,
    query: Vec<(String, String)>,
    /// The signed-in curator, for the pages' edit links and the account bar.
    viewer: Option<crate::model::account::User>,
}

impl L10n {
    /// English, for answers made without a request (and for the JSON API's words).
    pub fn english() -> L10n {
        L10n::new(Lang::En, "/", "")
    }

    pub fn new(lang: Lang, path: &str, query: &str) -> L10n {
        let query = form_urlencoded::parse(query.as_bytes())
            .filter(|(name, _)| name != "lang")
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        L10n {
            lang,
            path: path.to_owned(),
            query,
            viewer: None,
        }
    }

    /// The language a request asks for: `?lang=`, the cookie, `Accept-Language`, English.
    pub fn from_request(req: &HttpRequest) -> L10n {
        let query = req.query_string();
        let asked = form_urlencoded::parse(query.as_bytes())
            .find(|(name, _)| name == "lang")
            .and_then(|(_, value)| Lang::parse(&value));
        let lang = asked
            .or_else(|| cookie_lang(req))
            .or_else(|| {
                req.headers()
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|value| value.to_str().ok())
                    .and_then(Lang::from_accept_language)
            })
            .unwrap_or(Lang::En);
        let mut l10n = L10n::new(lang, req.path(), query);
        l10n.viewer = super::auth::viewer(req);
        l10n
    }

    /// The signed-in curator, if any.
    pub fn viewer(&self) -> Option<&crate::model::account::User> {
        self.viewer.as_ref()
    }

    /// Whether a curator is signed in (the pages then show their edit links).
    pub fn curating(&self) -> bool {
        self.viewer.is_some()
    }

    /// Whether an admin is signed in.
    pub fn administering(&self) -> bool {
        self.viewer
            .as_ref()
            .is_some_and(crate::model::account::User::is_admin)
    }

    /// The code of this page's language, for `<html lang>`.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// Every language, for the switcher and the alternate links.
    #[allow(clippy::unused_self)] // called from templates as a method
    pub fn all(&self) -> [Lang; 3] {
        Lang::ALL
    }

    /// A language's own name ("Русский"), from its own catalogue.
    pub fn native_name(&self, lang: &Lang) -> String {
        format(*lang, "language-name", None)
    }

    /// This page in `lang`: the same address and query, with `lang` set.
    pub fn href_in(&self, lang: &Lang) -> String {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &self.query {
            serializer.append_pair(name, value);
        }
        serializer.append_pair("lang", lang.code());
        format!("{}?{}", self.path, serializer.finish())
    }

    /// Message `id`.
    pub fn t(&self, id: &str) -> String {
        format(self.lang, id, None)
    }

    /// Message `id` with one argument.
    pub fn t1(&self, id: &str, name: &str, value: impl Display) -> String {
        self.with(id, &[(name, &value)])
    }

    /// Message `id` with two arguments.
    pub fn t2(
        &self,
        id: &str,
        name: &str,
        value: impl Display,
        name2: &str,
        value2: impl Display,
    ) -> String {
        self.with(id, &[(name, &value), (name2, &value2)])
    }

    /// Message `id` with three arguments.
    #[allow(clippy::too_many_arguments)]
    pub fn t3(
        &self,
        id: &str,
        name: &str,
        value: impl Display,
        name2: &str,
        value2: impl Display,
        name3: &str,
        value3: impl Display,
    ) -> String {
        self.with(id, &[(name, &value), (name2, &value2), (name3, &value3)])
    }

    /// Message `id` with `count`, for plurals ("1 mission", "2 миссии", "5 миссий").
    pub fn n(&self, id: &str, count: impl Display) -> String {
        self.t1(id, "count", count)
    }

    /// Message `id` with arguments.
    pub fn with(&self, id: &str, args: &[(&str, &dyn Display)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, argument(*value));
        }
        format(self.lang, id, Some(&fluent))
    }

    /// Message `id` that holds markup (links, emphasis): its arguments are escaped, and the
    /// catalogue's own markup is kept.
    pub fn h(&self, id: &str) -> Safe<String> {
        Safe(self.t(id))
    }

    /// Message `id` with markup and one argument (escaped).
    pub fn h1(&self, id: &str, name: &str, value: impl Display) -> Safe<String> {
        Safe(self.t1(id, name, escaped(&value)))
    }

    /// Message `id` with markup and two arguments (escaped).
    pub fn h2(
        &self,
        id: &str,
        name: &str,
        value: impl Display,
        name2: &str,
        value2: impl Display,
    ) -> Safe<String> {
        Safe(self.t2(id, name, escaped(&value), name2, escaped(&value2)))
    }
}

/// The language kept in the `lang` cookie.
fn cookie_lang(req: &HttpRequest) -> Option<Lang> {
    req.headers()
        .get_all(header::COOKIE)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            if name == COOKIE {
                Lang::parse(value)
            } else {
                None
            }
        })
}

impl FromRequest for L10n {
    type Error = actix_web::Error;
    type Future = Ready<Result<L10n, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(Ok(L10n::from_request(req)))
    }
}

/// Marks every page as varying with the headers that choose its language, keeps a language
/// asked for with `?lang=` in a cookie, and renders error pages in the reader's language.
pub async fn negotiate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    let l10n = L10n::from_request(req.request());
    let asked = form_urlencoded::parse(req.query_string().as_bytes())
        .any(|(name, value)| name == "lang" && Lang::parse(&value).is_some());
    let response = next.call(req).await?;
    let mut response = super::error::localize(response, &l10n);
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value.starts_with("text/html") || value.starts_with("application/atom+xml")
        });
    // A 304 says what its 200 would have said about varying.
    if is_page || response.status() == actix_web::http::StatusCode::NOT_MODIFIED {
        let headers = response.headers_mut();
        headers.append(
            header::VARY,
            HeaderValue::from_static("Cookie, Accept-Language"),
        );
        if asked {
            let cookie = format!(
                "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                l10n.lang.code()
            );
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                headers.append(header::SET_COOKIE, value);
            }
        }
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_spoken_language() {
        assert_eq!(
            Lang::from_accept_language("ru-RU,ru;q=0.9,en;q=0.8"),
            Some(Lang::Ru)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE, fr;q=0.5, en;q=0.7"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("de, it"), None);
        assert_eq!(Lang::from_accept_language("en;q=0, fr-CA"), Some(Lang::Fr));
    }

    #[test]
    fn every_catalogue_has_the_same_messages() {
        let english = message_ids(Lang::En);
        assert!(english.len() > 100, "{}", english.len());
        for lang in [Lang::Ru, Lang::Fr] {
            let ids = message_ids(lang);
            let missing: Vec<_> = english.difference(&ids).collect();
            let extra: Vec<_> = ids.difference(&english).collect();
            assert!(missing.is_empty(), "{}: missing {missing:?}", lang.code());
            assert!(
                extra.is_empty(),
                "{}: not in English {extra:?}",
                lang.code()
            );
        }
    }

    #[test]
    fn catalogues_parse_without_errors() {
        for lang in Lang::ALL {
            if let Err((_, errors)) = FluentResource::try_new(lang.source().to_owned()) {
                panic!("{}: {errors:?}", lang.code());
            }
        }
    }

    #[test]
    fn russian_plurals_have_three_forms() {
        let l = L10n::new(Lang::Ru, "/", "");
        let forms: Vec<String> = [1, 2, 5, 21, 22, 25, 11]
            .into_iter()
            .map(|count| l.n("missions-count", count))
            .collect();
        assert_eq!(
            forms,
            [
                "1 миссия",
                "2 миссии",
                "5 миссий",
                "21 миссия",
                "22 миссии",
                "25 миссий",
                "11 миссий"
            ]
        );
    }

    #[test]
    fn switcher_links_keep_the_query_and_replace_the_language() {
        let l = L10n::new(Lang::En, "/organizations", "q=sco&lang=en&page=2");
        assert_eq!(l.href_in(&Lang::Ru), "/organizations?q=sco&page=2&lang=ru");
    }

    #[test]
    fn markup_messages_escape_their_arguments() {
        let l = L10n::new(Lang::En, "/", "");
        let html = l.h1("search-results-for", "query", "<script>").0;
        assert!(
            html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"),
            "{html}"
        );
    }
}
