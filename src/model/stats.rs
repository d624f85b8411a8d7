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
