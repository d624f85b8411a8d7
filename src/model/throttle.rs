//! Counting events per bucket in a sliding window, in the database so that every instance of the
//! site sees the same counts: failed sign-ins per account and per address, public submissions per
//! address.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::rate_events;
use crate::db::DbConn;

/// A limit: at most `max` events per bucket within `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: i64,
    pub window: Duration,
}

/// Failed sign-ins for one account name before it is locked for the rest of the window.
pub const LOGIN_PER_ACCOUNT: Limit = Limit {
    max: 5,
    window: Duration::minutes(15),
};

/// Failed sign-ins from one address, whatever the names tried.
pub const LOGIN_PER_ADDRESS: Limit = Limit {
    max: 20,
    window: Duration::minutes(15),
};

/// Replies and corrections from one address.
pub const SUBMISSIONS_PER_ADDRESS: Limit = Limit {
    max: 5,
    window: Duration::hours(1),
};

/// Events older than this are deleted when new ones are recorded.
const KEEP: Duration = Duration::days(1);

/// A bucket name: what is counted and for whom, e.g. `login-account:alice`.
pub fn bucket(what: &str, who: &str) -> String {
    format!("{what}:{who}")
}

/// Whether `bucket` has reached `limit` at `now`.
pub fn exceeded(
    conn: &mut DbConn,
    bucket: &str,
    limit: Limit,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let count: i64 = rate_events::table
        .filter(rate_events::bucket.eq(bucket))
        .filter(rate_events::happened_at.gt(now - limit.window))
        .count()
        .get_result(conn)?;
    Ok(count >= limit.max)
}

/// Records one event in `bucket` at `now`, and forgets events older than a day.
pub fn record(conn: &mut DbConn, bucket: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::delete(rate_events::table.filter(rate_events::happened_at.lt(now - KEEP)))
        .execute(conn)?;
    diesel::insert_into(rate_events::table)
        .values((
            rate_events::bucket.eq(bucket),
            rate_events::happened_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets the events of `bucket` (a successful sign-in clears its account's failures).
pub fn clear(conn: &mut DbConn, bucket: &str) -> QueryResult<()> {
    diesel::delete(rate_events::table.filter(rate_events::bucket.eq(bucket)))
        .execute(conn)
        .map(|_| ())
}
