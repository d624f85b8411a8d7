//! Citable data releases: a numbered, dated snapshot of the whole registry, made by every import
//! that changed data.
//!
//! A release keeps the exact bytes of its `registry.zip`, so that the file a paper cites stays
//! downloadable, byte for byte, after later imports. Its summary says what changed since the
//! previous release: rows added, changed and removed per table (see [`crate::csv::archive`]).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConn;

diesel::table! {
    /// Defined here rather than in `db/schema.rs`: no other table joins it.
    releases (id) {
        id -> Integer,
        released_at -> Timestamp,
        /// The data version ([`super::change::data_version`]) the release was taken at.
        data_version -> BigInt,
        methodology_version -> Text,
        /// The changes since the previous release, as JSON (a list of [`TableChange`]).
        summary -> Text,
        /// The release's `registry.zip`, byte for byte.
        archive -> Binary,
    }
}

/// A release without its archive.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = releases)]
pub struct Release {
    pub id: i32,
    pub released_at: NaiveDateTime,
    pub data_version: i64,
    pub methodology_version: String,
    pub summary: String,
}

/// What one release changed in one table, compared with the previous release.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableChange {
    /// The table, named as its CSV file without `.csv`.
    pub table: String,
    pub added: u64,
    pub changed: u64,
    pub removed: u64,
    /// Rows in the table at this release.
    pub rows: u64,
}

impl TableChange {
    pub fn is_change(&self) -> bool {
        self.added + self.changed + self.removed > 0
    }
}

#[derive(Insertable)]
#[diesel(table_name = releases)]
pub struct NewRelease {
    pub id: i32,
    pub released_at: NaiveDateTime,
    pub data_version: i64,
    pub methodology_version: String,
    pub summary: String,
    pub archive: Vec<u8>,
}

impl Release {
    /// The tables' changes since the previous release.
    pub fn changes(&self) -> Vec<TableChange> {
        serde_json::from_str(&self.summary).unwrap_or_default()
    }

    /// The permanent address of the release's `registry.zip`.
    pub fn archive_path(&self) -> String {
        archive_path(self.id)
    }

    /// The newest release, if any.
    pub fn latest(conn: &mut DbConn) -> QueryResult<Option<Release>> {
        releases::table
            .order(releases::id.desc())
            .select(Release::as_select())
            .first(conn)
            .optional()
    }

    /// Every release, newest first.
    pub fn all(conn: &mut DbConn) -> QueryResult<Vec<Release>> {
        releases::table
            .order(releases::id.desc())
            .select(Release::as_select())
            .load(conn)
    }

    pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<Release>> {
        releases::table
            .find(id)
            .select(Release::as_select())
            .first(conn)
            .optional()
    }

    /// The stored `registry.zip` of a release.
    pub fn archive(conn: &mut DbConn, id: i32) -> QueryResult<Option<Vec<u8>>> {
        releases::table
            .find(id)
            .select(releases::archive)
            .first(conn)
            .optional()
    }

    /// Marks the newest release as current at `data_version`, when an import changed nothing
    /// (so the next start-up need not compare again).
    pub fn touch(conn: &mut DbConn, id: i32, data_version: i64) -> QueryResult<()> {
        diesel::update(releases::table.find(id))
            .set(releases::data_version.eq(data_version))
            .execute(conn)
            .map(|_| ())
    }
}

impl NewRelease {
    pub fn insert(self, conn: &mut DbConn) -> QueryResult<()> {
        diesel::insert_into(releases::table)
            .values(self)
            .execute(conn)
            .map(|_| ())
    }
}

/// The permanent address of release `id`'s `registry.zip`.
pub fn archive_path(id: i32) -> String {
    format!("/downloads/releases/{id}/registry.zip")
}
