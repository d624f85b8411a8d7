//! Sources: the published documents every verdict, participation and flag rests on.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::schema::sources;

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
}
