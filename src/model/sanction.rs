//! Sanctions, exposures and dissolutions: curator-recorded, sourced facts about an observer.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::source::Source;
use super::{SanctionKind, SubjectType};
use crate::db::schema::{sanctions, sources};
use crate::db::DbConn;

#[derive(
    Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize,
)]
#[diesel(table_name = sanctions, treat_none_as_null = true)]
pub struct Sanction {
    pub id: String,
    pub subject_type: SubjectType,
    pub subject_id: String,
    pub kind: SanctionKind,
    pub imposed_by: Option<String>,
    pub imposed_on: Option<NaiveDate>,
    pub description: String,
    pub source_id: String,
}

impl Sanction {
    /// The sanctions recorded about one organization or individual, newest first.
    pub fn about(
        conn: &mut DbConn,
        subject_type: SubjectType,
        subject_id: &str,
    ) -> QueryResult<Vec<(Sanction, Source)>> {
        sanctions::table
            .inner_join(sources::table)
            .filter(sanctions::subject_type.eq(subject_type))
            .filter(sanctions::subject_id.eq(subject_id))
            .order((
                // Undated facts last on both backends (they sort NULLs differently).
                sanctions::imposed_on.is_null().asc(),
                sanctions::imposed_on.desc(),
                sanctions::id.asc(),
            ))
            .select((Sanction::as_select(), Source::as_select()))
            .load(conn)
    }
}

impl Sanction {
    /// Up to `limit` sanctions with ids after `after`, by id: one batch of an export.
    pub fn export_batch(conn: &mut DbConn, after: &str, limit: i64) -> QueryResult<Vec<Sanction>> {
        sanctions::table
            .filter(sanctions::id.gt(after.to_owned()))
            .order(sanctions::id.asc())
            .limit(limit)
            .select(Sanction::as_select())
            .load(conn)
    }
}
