//! Counts of the whole registry, for the home and downloads pages: counted once when the data
//! change ([`refresh`], run with the other stored results), read with one small query per page.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::schema::{
    countries, elections, flags, individuals, missions, organization_ratings, organizations,
    participations, sanctions, sources, table_counts,
};
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
        let rows: HashMap<&str, i64> = table_rows(conn)?.into_iter().collect();
        let count = |name: &str| rows.get(name).copied().unwrap_or(0);
        Ok(RegistryCounts {
            organizations: count("organizations"),
            elections: count("elections"),
            missions: count("missions"),
            individuals: count("individuals"),
            countries: count("countries"),
        })
    }
}

/// The counted tables, by the name the downloads page gives them (the CSV contract's file name
/// without `.csv`), in the order it lists them.
pub const COUNTED: [&str; 10] = [
    "countries",
    "sources",
    "organizations",
    "elections",
    "missions",
    "individuals",
    "participations",
    "sanctions",
    "flags",
    "ratings",
];

/// Counts one table's rows.
fn count(conn: &mut DbConn, table: &str) -> QueryResult<i64> {
    match table {
        "countries" => countries::table.count().get_result(conn),
        "sources" => sources::table.count().get_result(conn),
        "organizations" => organizations::table.count().get_result(conn),
        "elections" => elections::table.count().get_result(conn),
        "missions" => missions::table.count().get_result(conn),
        "individuals" => individuals::table.count().get_result(conn),
        "participations" => participations::table.count().get_result(conn),
        "sanctions" => sanctions::table.count().get_result(conn),
        "flags" => flags::table.count().get_result(conn),
        "ratings" => organization_ratings::table.count().get_result(conn),
        _ => Err(diesel::result::Error::NotFound),
    }
}

/// Counts every table again. Run inside the transaction that changed the data.
pub fn refresh(conn: &mut DbConn) -> QueryResult<()> {
    diesel::delete(table_counts::table).execute(conn)?;
    for table in COUNTED {
        let rows = count(conn, table)?;
        diesel::insert_into(table_counts::table)
            .values((
                table_counts::table_name.eq(table),
                table_counts::row_count.eq(rows),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Rows per table, as last counted, in the order of [`COUNTED`].
pub fn table_rows(conn: &mut DbConn) -> QueryResult<Vec<(&'static str, i64)>> {
    let stored: HashMap<String, i64> = table_counts::table
        .select((table_counts::table_name, table_counts::row_count))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(COUNTED
        .iter()
        .map(|&table| (table, stored.get(table).copied().unwrap_or(0)))
        .collect())
}

/// One mission as the charts see it: when, what it said, what credible observers found, and the
/// rating of the organization that sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct MissionPoint {
    pub election_id: String,
    pub held_on: chrono::NaiveDate,
    pub verdict: crate::domain::Verdict,
    pub consensus: Option<f64>,
    pub rating: Option<crate::domain::Rating>,
}

type PointRow = (
    String,
    chrono::NaiveDate,
    crate::domain::Verdict,
    Option<f64>,
    Option<crate::domain::Rating>,
);

fn point((election_id, held_on, verdict, consensus, rating): PointRow) -> MissionPoint {
    MissionPoint {
        election_id,
        held_on,
        verdict,
        consensus,
        rating,
    }
}

/// Every mission of one organization, oldest election first, for its timeline chart.
pub fn organization_timeline(
    conn: &mut DbConn,
    organization_id: &str,
) -> QueryResult<Vec<MissionPoint>> {
    use crate::db::schema::{election_consensus, organization_ratings};
    missions::table
        .inner_join(elections::table.left_join(election_consensus::table))
        .inner_join(organizations::table.left_join(organization_ratings::table))
        .filter(missions::organization_id.eq(organization_id))
        .order((elections::held_on.asc(), missions::id.asc()))
        .select((
            elections::id,
            elections::held_on,
            missions::verdict,
            election_consensus::consensus.nullable(),
            organization_ratings::rating.nullable(),
        ))
        .load::<PointRow>(conn)
        .map(|rows| rows.into_iter().map(point).collect())
}

/// Every mission's date and sending organization's rating, oldest first, for the trends chart.
pub fn mission_ratings(conn: &mut DbConn) -> QueryResult<Vec<MissionPoint>> {
    use crate::db::schema::{election_consensus, organization_ratings};
    missions::table
        .inner_join(elections::table.left_join(election_consensus::table))
        .inner_join(organizations::table.left_join(organization_ratings::table))
        .order((elections::held_on.asc(), missions::id.asc()))
        .select((
            elections::id,
            elections::held_on,
            missions::verdict,
            election_consensus::consensus.nullable(),
            organization_ratings::rating.nullable(),
        ))
        .load::<PointRow>(conn)
        .map(|rows| rows.into_iter().map(point).collect())
}
