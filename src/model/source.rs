//! Sources: the published documents every verdict, participation and flag rests on.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::schema::sources;
use crate::db::DbConn;
use crate::domain::citation::{self, Piece};

#[derive(
    Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize,
)]
#[diesel(table_name = sources, treat_none_as_null = true)]
pub struct Source {
    pub id: String,
    pub url: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub archived_url: Option<String>,
}

impl Source {
    /// The words a link to this source shows: its title, else its address.
    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.url)
    }
}

impl Source {
    /// Up to `limit` sources with ids after `after`, by id: one batch of an export.
    pub fn export_batch(
        conn: &mut crate::db::DbConn,
        after: &str,
        limit: i64,
    ) -> QueryResult<Vec<Source>> {
        sources::table
            .filter(sources::id.gt(after.to_owned()))
            .order(sources::id.asc())
            .limit(limit)
            .select(Source::as_select())
            .load(conn)
    }
}

impl Source {
    pub fn find(conn: &mut crate::db::DbConn, id: &str) -> QueryResult<Option<Source>> {
        sources::table
            .find(id)
            .select(Source::as_select())
            .first(conn)
            .optional()
    }

    /// One page of the sources, by id.
    pub fn list(
        conn: &mut crate::db::DbConn,
        page: super::PageRequest,
    ) -> QueryResult<super::Page<Source>> {
        let total: i64 = sources::table.count().get_result(conn)?;
        let items = sources::table
            .order(sources::id.asc())
            .limit(page.per_page)
            .offset(page.offset())
            .select(Source::as_select())
            .load(conn)?;
        Ok(super::Page {
            items,
            total,
            request: page,
        })
    }

    /// The sources with these ids, by id.
    pub fn by_ids(conn: &mut DbConn, ids: &[&str]) -> QueryResult<HashMap<String, Source>> {
        let found: Vec<Source> = sources::table
            .filter(sources::id.eq_any(ids))
            .select(Source::as_select())
            .load(conn)?;
        Ok(found.into_iter().map(|s| (s.id.clone(), s)).collect())
    }
}

/// A free text whose `[source:ID]` citations are resolved, for a page to render as links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedText(pub Vec<CitedPiece>);

/// Words, or a cited source (the importer makes sure every cited id exists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitedPiece {
    Text(String),
    Source(Source),
}

impl CitedPiece {
    pub fn text(&self) -> Option<&str> {
        match self {
            CitedPiece::Text(text) => Some(text),
            CitedPiece::Source(_) => None,
        }
    }

    pub fn source(&self) -> Option<&Source> {
        match self {
            CitedPiece::Source(source) => Some(source),
            CitedPiece::Text(_) => None,
        }
    }
}

impl CitedText {
    /// Resolves the citations of several texts with one query; `None` stays `None`.
    pub fn resolve_all(
        conn: &mut DbConn,
        texts: &[Option<&str>],
    ) -> QueryResult<Vec<Option<CitedText>>> {
        let ids: Vec<&str> = texts
            .iter()
            .flatten()
            .flat_map(|t| citation::cited(t))
            .collect();
        let sources = if ids.is_empty() {
            HashMap::new()
        } else {
            Source::by_ids(conn, &ids)?
        };
        Ok(texts
            .iter()
            .map(|text| text.map(|text| CitedText::with(text, &sources)))
            .collect())
    }

    fn with(text: &str, sources: &HashMap<String, Source>) -> CitedText {
        CitedText(
            citation::pieces(text)
                .into_iter()
                .map(|piece| match piece {
                    Piece::Text(words) => CitedPiece::Text(words.to_owned()),
                    // An id the database does not hold (only possible if written around the
                    // importer) stays visible as the text it was.
                    Piece::Cite(id) => sources.get(id).map_or_else(
                        || CitedPiece::Text(format!("[source:{id}]")),
                        |source| CitedPiece::Source(source.clone()),
                    ),
                })
                .collect(),
        )
    }
}
