//! The audit history: who changed which records, when, from what to what.

use chrono::NaiveDateTime;
use diesel::dsl::max;
use diesel::prelude::*;

use super::{Page, PageRequest};
use crate::db::schema::{change_sets, changes};
use crate::db::DbConn;
use crate::domain::{ChangeAction, ChangeSetKind};

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

/// One recorded change set: a save, a delete, a restore, a moderation decision or an import.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = change_sets)]
pub struct ChangeSet {
    pub id: i64,
    pub actor: String,
    pub made_at: NaiveDateTime,
    pub kind: ChangeSetKind,
    pub summary: String,
}

/// One recorded change to one record (or, for imports made before per-record history, to a
/// table: `record_id` is then `*`).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = changes)]
pub struct Change {
    pub id: i64,
    pub actor: String,
    pub changed_at: NaiveDateTime,
    /// The contract file the record belongs to, without `.csv` (e.g. `organizations`).
    pub table_name: String,
    pub record_id: String,
    pub action: ChangeAction,
    /// The record's contract row before and after, as a JSON object of column to value.
    pub before_value: Option<String>,
    pub after_value: Option<String>,
    pub change_set: Option<i64>,
}

impl Change {
    /// The before and after values of each column that differs (all columns for an insert or a
    /// delete), in contract order when `columns` gives it.
    pub fn differences(&self, columns: &[&str]) -> Vec<(String, String, String)> {
        let before = values(self.before_value.as_deref());
        let after = values(self.after_value.as_deref());
        let mut names: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
        for name in before.keys().chain(after.keys()) {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
            .into_iter()
            .filter_map(|name| {
                let old = before.get(&name).cloned().unwrap_or_default();
                let new = after.get(&name).cloned().unwrap_or_default();
                (old != new).then_some((name, old, new))
            })
            .collect()
    }
}

/// A stored record value read back as column to value (empty for no value or a summary text).
pub fn values(stored: Option<&str>) -> std::collections::BTreeMap<String, String> {
    stored
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default()
}

/// What a change set records for one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordChange {
    pub table_name: String,
    pub record_id: String,
    pub action: ChangeAction,
    pub before_value: Option<String>,
    pub after_value: Option<String>,
}

/// Rows per multi-row insert of changes (SQLite's bound-parameter limit).
const CHANGE_CHUNK: usize = 500;

/// Records a change set and its changes, in the caller's transaction; returns the set's id.
pub fn record_set(
    conn: &mut DbConn,
    actor: &str,
    made_at: NaiveDateTime,
    kind: ChangeSetKind,
    summary: &str,
    records: impl IntoIterator<Item = RecordChange>,
) -> QueryResult<i64> {
    let set = open_set(conn, actor, made_at, kind)?;
    set.append(conn, records)?;
    set.close(conn, summary)?;
    Ok(set.id)
}

/// A change set being recorded: its changes are appended as they are made (an import appends
/// each file's as it writes them, so they are never all in memory at once), then it is closed
/// with its summary.
#[derive(Debug, Clone)]
pub struct OpenSet {
    pub id: i64,
    actor: String,
    made_at: NaiveDateTime,
}

/// Starts recording a change set (in the caller's transaction).
pub fn open_set(
    conn: &mut DbConn,
    actor: &str,
    made_at: NaiveDateTime,
    kind: ChangeSetKind,
) -> QueryResult<OpenSet> {
    let row = (
        change_sets::actor.eq(actor),
        change_sets::made_at.eq(made_at),
        change_sets::kind.eq(kind),
        change_sets::summary.eq(""),
    );
    let id: i64 = match conn {
        DbConn::Sqlite(c) => diesel::insert_into(change_sets::table)
            .values(row)
            .returning(change_sets::id)
            .get_result(c)?,
        DbConn::Pg(c) => diesel::insert_into(change_sets::table)
            .values(row)
            .returning(change_sets::id)
            .get_result(c)?,
    };
    Ok(OpenSet {
        id,
        actor: actor.to_owned(),
        made_at,
    })
}

impl OpenSet {
    /// Records `records` in this set, a chunk at a time (the iterator may make them lazily).
    pub fn append(
        &self,
        conn: &mut DbConn,
        records: impl IntoIterator<Item = RecordChange>,
    ) -> QueryResult<()> {
        let mut chunk = Vec::with_capacity(CHANGE_CHUNK);
        let mut records = records.into_iter().peekable();
        while records.peek().is_some() {
            chunk.clear();
            chunk.extend(records.by_ref().take(CHANGE_CHUNK).map(|r| {
                (
                    changes::actor.eq(self.actor.clone()),
                    changes::changed_at.eq(self.made_at),
                    changes::table_name.eq(r.table_name),
                    changes::record_id.eq(r.record_id),
                    changes::action.eq(r.action),
                    changes::before_value.eq(r.before_value),
                    changes::after_value.eq(r.after_value),
                    changes::change_set.eq(Some(self.id)),
                )
            }));
            match conn {
                DbConn::Sqlite(c) => diesel::insert_into(changes::table)
                    .values(&chunk)
                    .execute(c)?,
                DbConn::Pg(c) => diesel::insert_into(changes::table)
                    .values(&chunk)
                    .execute(c)?,
            };
        }
        Ok(())
    }

    /// Ends the set with its summary. A set with no record change (a moderation decision) gets
    /// one summary change, so that it too moves the data version.
    pub fn close(&self, conn: &mut DbConn, summary: &str) -> QueryResult<()> {
        diesel::update(change_sets::table.filter(change_sets::id.eq(self.id)))
            .set(change_sets::summary.eq(summary))
            .execute(conn)?;
        let recorded: i64 = changes::table
            .filter(changes::change_set.eq(self.id))
            .count()
            .get_result(conn)?;
        if recorded == 0 {
            diesel::insert_into(changes::table)
                .values((
                    changes::actor.eq(&self.actor),
                    changes::changed_at.eq(self.made_at),
                    changes::table_name.eq(""),
                    changes::record_id.eq("*"),
                    changes::action.eq(ChangeAction::Update),
                    changes::after_value.eq(Some(summary)),
                    changes::change_set.eq(Some(self.id)),
                ))
                .execute(conn)?;
        }
        Ok(())
    }

    /// Forgets a set that recorded nothing (an import that changed no row).
    pub fn discard(&self, conn: &mut DbConn) -> QueryResult<()> {
        diesel::delete(changes::table.filter(changes::change_set.eq(self.id))).execute(conn)?;
        diesel::delete(change_sets::table.filter(change_sets::id.eq(self.id)))
            .execute(conn)
            .map(|_| ())
    }
}

/// Recent changes, newest first, one page at a time.
pub fn recent(
    conn: &mut DbConn,
    page: PageRequest,
) -> QueryResult<Page<(Change, Option<ChangeSet>)>> {
    let total: i64 = changes::table.count().get_result(conn)?;
    let items = changes::table
        .left_join(change_sets::table)
        .order(changes::id.desc())
        .limit(page.per_page)
        .offset(page.offset())
        .select((Change::as_select(), Option::<ChangeSet>::as_select()))
        .load(conn)?;
    Ok(Page {
        items,
        total,
        request: page,
    })
}

/// The changes of one record, newest first.
pub fn history(
    conn: &mut DbConn,
    table_name: &str,
    record_id: &str,
    page: PageRequest,
) -> QueryResult<Page<(Change, Option<ChangeSet>)>> {
    let of_record = || {
        changes::table
            .filter(changes::table_name.eq(table_name.to_owned()))
            .filter(changes::record_id.eq(record_id.to_owned()))
    };
    let total: i64 = of_record().count().get_result(conn)?;
    let items = of_record()
        .left_join(change_sets::table)
        .order(changes::id.desc())
        .limit(page.per_page)
        .offset(page.offset())
        .select((Change::as_select(), Option::<ChangeSet>::as_select()))
        .load(conn)?;
    Ok(Page {
        items,
        total,
        request: page,
    })
}

/// One change by id.
pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<(Change, Option<ChangeSet>)>> {
    changes::table
        .left_join(change_sets::table)
        .filter(changes::id.eq(id))
        .select((Change::as_select(), Option::<ChangeSet>::as_select()))
        .first(conn)
        .optional()
}

/// One change set and its changes (at most `limit` of them, in id order).
pub fn set(
    conn: &mut DbConn,
    id: i64,
    page: PageRequest,
) -> QueryResult<Option<(ChangeSet, Page<Change>)>> {
    let Some(set) = change_sets::table
        .filter(change_sets::id.eq(id))
        .select(ChangeSet::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let total: i64 = changes::table
        .filter(changes::change_set.eq(id))
        .count()
        .get_result(conn)?;
    let items = changes::table
        .filter(changes::change_set.eq(id))
        .order(changes::id.asc())
        .limit(page.per_page)
        .offset(page.offset())
        .select(Change::as_select())
        .load(conn)?;
    Ok(Some((
        set,
        Page {
            items,
            total,
            request: page,
        },
    )))
}
