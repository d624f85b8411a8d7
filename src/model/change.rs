//! The audit history: who changed which records, when, from what to what.

use chrono::NaiveDateTime;
use diesel::dsl::max;
use diesel::prelude::*;

use crate::db::schema::changes;
use crate::db::DbConn;

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = changes)]
pub struct NewChange {
    pub actor: String,
    pub changed_at: NaiveDateTime,
    pub table_name: String,
    /// The changed record's id, or `*` for a batch.
    pub record_id: String,
    pub before_value: Option<String>,
    pub after_value: Option<String>,
}

impl NewChange {
    pub fn record(self, conn: &mut DbConn) -> QueryResult<()> {
        diesel::insert_into(changes::table)
            .values(self)
            .execute(conn)
            .map(|_| ())
    }
}

/// When each table last changed, by table name.
pub fn last_changes(conn: &mut DbConn) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    changes::table
        .group_by(changes::table_name)
        .select((changes::table_name, max(changes::changed_at)))
        .load::<(String, Option<NaiveDateTime>)>(conn)
        .map(|rows| {
            rows.into_iter()
                .filter_map(|(table, at)| at.map(|at| (table, at)))
                .collect()
        })
}

/// A number that grows with every recorded change: the data version that download ETags carry.
pub fn data_version(conn: &mut DbConn) -> QueryResult<i64> {
    changes::table
        .select(max(changes::id))
        .first::<Option<i64>>(conn)
        .map(|id| id.unwrap_or(0))
}
