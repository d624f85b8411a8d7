//! `/search`: one search box for the whole registry.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::error::AppError;
use super::i18n::L10n;
use super::query::{with_query, ParamReader, Params, QueryPairs};
use super::{html, AppState};
use crate::matching::Reason;
use crate::model::election::ElectionFilter;
use crate::model::find::{self, SearchResults};

/// The longest query accepted: a name, not a paragraph.
pub const MAX_QUERY: usize = 200;

#[derive(Template)]
#[template(path = "search/index.html")]
struct SearchPage {
    query: String,
    results: Option<SearchResults>,
    l: L10n,
}

pub async fn index(
    state: web::Data<AppState>,
    params: web::Query<Params>,
    l: L10n,
) -> Result<HttpResponse, AppError> {
    let mut reader = ParamReader::new(&params);
    let query = reader.text("q", MAX_QUERY);
    reader.finish()?;
    let Some(query) = query else {
        return html(SearchPage {
            query: String::new(),
            results: None,
            l,
        });
    };
    let lookup = query.clone();
    let results = state
        .db
        .read(move |conn| -> Result<_, AppError> { Ok(find::search(conn, &lookup)?) })
        .await?;
    html(SearchPage {
        query,
        results: Some(results),
        l,
    })
}

impl SearchPage {
    /// A list page filtered by this query, for "see them all".
    fn list_href(&self, path: &str) -> String {
        with_query(path, &[("q", Some(self.query.clone()))])
    }

    #[allow(clippy::unused_self)] // called from the template as a method
    fn elections_href(&self, filter: &ElectionFilter) -> String {
        with_query("/elections", &filter.pairs())
    }

    #[allow(clippy::unused_self)] // called from the template as a method
    fn example_href(&self, example: &str) -> String {
        with_query("/search", &[("q", Some(example.to_owned()))])
    }
}
