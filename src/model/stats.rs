//! Counts of the whole registry, for the home page.

use diesel::prelude::*;

use crate::db::schema::{countries, elections, individuals, missions, organizations};
use crate::db::DbConn;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RegistryCounts {
    pub organizations: i64,
    pub elections: i64,
    pub missions: i64,
    pub individuals: i64,
    pub countries: i64,
}

impl RegistryCounts {
    pub fn load(conn: &mut DbConn) -> QueryResult<RegistryCounts> {
        Ok(RegistryCounts {
            organizations: organizations::table.count().get_result(conn)?,
            elections: elections::table.count().get_result(conn)?,
            missions: missions::table.count().get_result(conn)?,
            individuals: individuals::table.count().get_result(conn)?,
            countries: countries::table.count().get_result(conn)?,
        })
    }
}

/// Rows per table, by the table's name (as in the CSV contract, without `.csv`).
pub fn table_rows(conn: &mut DbConn) -> QueryResult<Vec<(&'static str, i64)>> {
    use crate::db::schema::{flags, organization_ratings, participations, sanctions, sources};
    Ok(vec![
        ("countries", countries::table.count().get_result(conn)?),
        ("sources", sources::table.count().get_result(conn)?),
        (
            "organizations",
            organizations::table.count().get_result(conn)?,
        ),
        ("elections", elections::table.count().get_result(conn)?),
        ("missions", missions::table.count().get_result(conn)?),
        ("individuals", individuals::table.count().get_result(conn)?),
        (
            "participations",
            participations::table.count().get_result(conn)?,
        ),
        ("sanctions", sanctions::table.count().get_result(conn)?),
        ("flags", flags::table.count().get_result(conn)?),
        (
            "ratings",
            organization_ratings::table.count().get_result(conn)?,
        ),
    ])
}
