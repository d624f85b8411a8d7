//! Uploads an admin has seen the dry run of and may confirm: kept as a zip of the files, under a
//! random id, for the admin who uploaded them, until confirmed or a day old.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::pending_imports;
use crate::db::DbConn;

/// An upload not confirmed within this long is forgotten.
pub const KEEP: Duration = Duration::days(1);

/// Keeps `archive` for `user_id` under `id` (a random token), and forgets old uploads.
pub fn store(
    conn: &mut DbConn,
    id: &str,
    user_id: i64,
    archive: &[u8],
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(pending_imports::table.filter(pending_imports::created_at.lt(now - KEEP)))
        .execute(conn)?;
    diesel::insert_into(pending_imports::table)
        .values((
            pending_imports::id.eq(id),
            pending_imports::user_id.eq(user_id),
            pending_imports::created_at.eq(now),
            pending_imports::archive.eq(archive),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The archive kept under `id` for `user_id`, if it is there and not too old.
pub fn find(
    conn: &mut DbConn,
    id: &str,
    user_id: i64,
    now: NaiveDateTime,
) -> QueryResult<Option<Vec<u8>>> {
    pending_imports::table
        .filter(pending_imports::id.eq(id))
        .filter(pending_imports::user_id.eq(user_id))
        .filter(pending_imports::created_at.ge(now - KEEP))
        .select(pending_imports::archive)
        .first(conn)
        .optional()
}

/// Forgets the upload kept under `id`.
pub fn remove(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    diesel::delete(pending_imports::table.filter(pending_imports::id.eq(id)))
        .execute(conn)
        .map(|_| ())
}
