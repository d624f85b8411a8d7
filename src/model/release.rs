//! Citable data releases: a numbered, dated snapshot of the whole registry, made by every import
//! that changed data.
//!
//! A release keeps the exact bytes of its `registry.zip`, so that the file a paper cites stays
//! downloadable, byte for byte, after later imports. The bytes are kept in parts of at most
//! [`PART_SIZE`], written and read one at a time: neither recording a release nor serving it holds
//! the whole archive in memory. Its summary says what changed since the
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
        /// Bytes in the release's `registry.zip`.
        archive_size -> BigInt,
    }
}

diesel::table! {
    /// The release's `registry.zip`, byte for byte: its parts in order.
    release_parts (release_id, part) {
        release_id -> Integer,
        part -> Integer,
        bytes -> Binary,
    }
}

/// The largest part of a stored archive.
pub const PART_SIZE: usize = 512 * 1024;

/// A release without its archive.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = releases)]
pub struct Release {
    pub id: i32,
    pub released_at: NaiveDateTime,
    pub data_version: i64,
    pub methodology_version: String,
    pub summary: String,
    pub archive_size: i64,
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
    pub archive_size: i64,
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

    /// Part `part` (from 0) of the stored `registry.zip` of release `id`; `None` past the last.
    pub fn archive_part(conn: &mut DbConn, id: i32, part: i32) -> QueryResult<Option<Vec<u8>>> {
        release_parts::table
            .find((id, part))
            .select(release_parts::bytes)
            .first(conn)
            .optional()
    }

    /// Writes the stored `registry.zip` of release `id` to `out`, a part at a time.
    pub fn write_archive<E>(
        conn: &mut DbConn,
        id: i32,
        out: &mut impl std::io::Write,
    ) -> Result<(), E>
    where
        E: From<diesel::result::Error> + From<std::io::Error>,
    {
        let mut part = 0;
        while let Some(bytes) = Self::archive_part(conn, id, part)? {
            out.write_all(&bytes)?;
            part += 1;
        }
        Ok(())
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
    /// Stores the release and its `registry.zip`, read from `archive` a part at a time.
    pub fn insert<E>(self, conn: &mut DbConn, archive: &mut impl std::io::Read) -> Result<(), E>
    where
        E: From<diesel::result::Error> + From<std::io::Error>,
    {
        let id = self.id;
        diesel::insert_into(releases::table)
            .values(self)
            .execute(conn)?;
        let mut buffer = vec![0; PART_SIZE];
        for part in 0.. {
            let filled = read_up_to(archive, &mut buffer)?;
            if filled == 0 {
                break;
            }
            diesel::insert_into(release_parts::table)
                .values((
                    release_parts::release_id.eq(id),
                    release_parts::part.eq(part),
                    release_parts::bytes.eq(&buffer[..filled]),
                ))
                .execute(conn)?;
        }
        Ok(())
    }
}

/// Reads until `buffer` is full or the input ends; how many bytes it holds.
fn read_up_to(input: &mut impl std::io::Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match input.read(&mut buffer[filled..])? {
            0 => break,
            read => filled += read,
        }
    }
    Ok(filled)
}

/// The permanent address of release `id`'s `registry.zip`.
pub fn archive_path(id: i32) -> String {
    format!("/downloads/releases/{id}/registry.zip")
}
