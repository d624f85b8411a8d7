//! Real cases from the registry, for the guide and the about page. They are found by what they
//! show (a flag, a rating, a contradiction), never by id, so that they follow the data.

use diesel::prelude::*;

use super::mission::{Mission, MissionDetail};
use super::organization::OrganizationRef;
use super::SubjectType;
use crate::credibility::{FlagKind, Methodology, Rating};
use crate::db::schema::{flags, organization_ratings, organizations};
use crate::db::DbConn;

/// An organization shown as a case, with its rating.
#[derive(Debug, Clone)]
pub struct OrganizationCase {
    pub organization: OrganizationRef,
    pub rating: Option<Rating>,
}

/// A mission that praised an election credible observers found seriously flawed, and a
/// benchmark mission at the same election.
#[derive(Debug, Clone)]
pub struct Contradiction {
    pub praising: MissionDetail,
    pub benchmark: MissionDetail,
}

/// How many missions are read to find a contradiction.
const CANDIDATES: i64 = 200;

fn cases(rows: Vec<(OrganizationRef, Option<Rating>)>) -> Vec<OrganizationCase> {
    rows.into_iter()
        .map(|(organization, rating)| OrganizationCase {
            organization,
            rating,
        })
        .collect()
}

/// Up to `limit` organizations with the flag `kind`, by name.
pub fn flagged(
    conn: &mut DbConn,
    kind: FlagKind,
    limit: i64,
) -> QueryResult<Vec<OrganizationCase>> {
    let flagged = flags::table
        .filter(flags::subject_type.eq(SubjectType::Organization))
        .filter(flags::subject_id.eq(organizations::id))
        .filter(flags::flag.eq(kind));
    organizations::table
        .left_join(organization_ratings::table)
        .filter(diesel::dsl::exists(flagged))
        .order((organizations::sort_name.asc(), organizations::id.asc()))
        .limit(limit)
        .select((
            OrganizationRef::as_select(),
            organization_ratings::rating.nullable(),
        ))
        .load(conn)
        .map(cases)
}

/// Up to `limit` organizations with one of `ratings`, by name; only endorsers of the Declaration
/// of Principles when `dop_endorsers` is set.
pub fn rated(
    conn: &mut DbConn,
    ratings: &[Rating],
    dop_endorsers: bool,
    limit: i64,
) -> QueryResult<Vec<OrganizationCase>> {
    let endorsement = if dop_endorsers {
        vec![true]
    } else {
        vec![true, false]
    };
    organizations::table
        .inner_join(organization_ratings::table)
        .filter(organization_ratings::rating.eq_any(ratings.to_vec()))
        .filter(organizations::dop_endorser.eq_any(endorsement))
        .order((organizations::sort_name.asc(), organizations::id.asc()))
        .limit(limit)
        .select((
            OrganizationRef::as_select(),
            organization_ratings::rating.nullable(),
        ))
        .load(conn)
        .map(cases)
}

/// The most recent contradiction of credible observers, with a benchmark mission that assessed
/// the same election.
pub fn contradiction(
    conn: &mut DbConn,
    methodology: &Methodology,
) -> QueryResult<Option<Contradiction>> {
    let candidates = Mission::praise_at_assessed_elections(conn, CANDIDATES)?;
    for praising in candidates {
        if !praising.comparison(methodology).is_contradiction() {
            continue;
        }
        let benchmark = Mission::at_election(conn, &praising.election.election.id)?
            .into_iter()
            .find(|m| m.organization.benchmark && m.mission.verdict.score().is_some());
        if let Some(benchmark) = benchmark {
            return Ok(Some(Contradiction {
                praising,
                benchmark,
            }));
        }
    }
    Ok(None)
}
