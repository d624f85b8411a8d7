//! Missions: one organization observing one election, with its verdict and source.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::election::{Election, ElectionInCountry};
use super::organization::OrganizationRef;
use super::source::Source;
use super::{MissionKind, Page, PageRequest, Verdict};
use crate::credibility::{Comparison, Methodology, Rating};
use crate::db::schema::{
    countries, election_consensus, elections, missions, organization_missions,
    organization_ratings, organizations, sources,
};
use crate::db::{Backend, DbConn};
use diesel::dsl::{max, AsSelect, Nullable};

#[derive(
    Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize,
)]
#[diesel(table_name = missions, treat_none_as_null = true)]
pub struct Mission {
    pub id: String,
    pub organization_id: String,
    pub election_id: String,
    pub kind: MissionKind,
    pub observers: Option<i32>,
    pub arrived_on: Option<NaiveDate>,
    pub verdict: Verdict,
    pub verdict_quote: Option<String>,
    pub source_id: String,
}

/// A mission with everything a row about it shows: who, which election, the source, and the
/// benchmark consensus of the election.
#[derive(Debug, Clone)]
pub struct MissionDetail {
    pub mission: Mission,
    pub organization: OrganizationRef,
    pub election: ElectionInCountry,
    pub source: Source,
    pub consensus: Option<f64>,
    /// The observing organization's stored rating.
    pub organization_rating: Option<Rating>,
}

type DetailRow = (
    Mission,
    OrganizationRef,
    Election,
    String,
    Source,
    Option<f64>,
    Option<Rating>,
);

/// The join every mission listing reads from.
#[diesel::dsl::auto_type(no_type_alias)]
fn detail_query() -> _ {
    let mission: AsSelect<Mission, Backend> = Mission::as_select();
    let organization: AsSelect<OrganizationRef, Backend> = OrganizationRef::as_select();
    let election: AsSelect<Election, Backend> = Election::as_select();
    let source: AsSelect<Source, Backend> = Source::as_select();
    let consensus: Nullable<election_consensus::consensus> =
        election_consensus::consensus.nullable();
    let rating: Nullable<organization_ratings::rating> = organization_ratings::rating.nullable();
    missions::table
        .inner_join(organizations::table.left_join(organization_ratings::table))
        .inner_join(
            elections::table
                .inner_join(countries::table)
                .left_join(election_consensus::table),
        )
        .inner_join(sources::table)
        .select((
            mission,
            organization,
            election,
            countries::name,
            source,
            consensus,
            rating,
        ))
}

impl MissionDetail {
    fn from_row(
        (mission, organization, election, country_name, source, consensus, rating): DetailRow,
    ) -> Self {
        MissionDetail {
            mission,
            organization,
            election: ElectionInCountry {
                election,
                country_name,
            },
            source,
            consensus,
            organization_rating: rating,
        }
    }

    /// How the mission's verdict compares with the benchmark consensus of its election.
    pub fn comparison(&self, methodology: &Methodology) -> Comparison {
        Comparison::of(self.mission.verdict, self.consensus, methodology)
    }
}

fn details(rows: Vec<DetailRow>) -> Vec<MissionDetail> {
    rows.into_iter().map(MissionDetail::from_row).collect()
}

impl Mission {
    pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<MissionDetail>> {
        detail_query()
            .filter(missions::id.eq(id))
            .first::<DetailRow>(conn)
            .optional()
            .map(|row| row.map(MissionDetail::from_row))
    }

    /// Every mission at an election: benchmark organizations first, then by name.
    pub fn at_election(conn: &mut DbConn, election_id: &str) -> QueryResult<Vec<MissionDetail>> {
        detail_query()
            .filter(missions::election_id.eq(election_id))
            .order((
                organizations::benchmark.desc(),
                organizations::sort_name.asc(),
                missions::id.asc(),
            ))
            .load::<DetailRow>(conn)
            .map(details)
    }

    /// One page of an organization's missions, newest election first.
    pub fn of_organization(
        conn: &mut DbConn,
        organization_id: &str,
        page: PageRequest,
    ) -> QueryResult<Page<MissionDetail>> {
        // Positions are numbered at import (model::derived): the page's rows are one index
        // range, and the count is the last position, whatever the organization's history.
        let numbered = organization_missions::table
            .filter(organization_missions::organization_id.eq(organization_id));
        let total = numbered
            .select(max(organization_missions::position))
            .first::<Option<i32>>(conn)?
            .map_or(0, i64::from);
        let first = i32::try_from(page.offset()).unwrap_or(i32::MAX);
        let ids: Vec<String> = numbered
            .filter(organization_missions::position.gt(first))
            .order(organization_missions::position)
            .limit(page.per_page)
            .select(organization_missions::mission_id)
            .load(conn)?;
        let mut items = detail_query()
            .filter(missions::id.eq_any(&ids))
            .load::<DetailRow>(conn)
            .map(details)?;
        items.sort_by_key(|m| ids.iter().position(|id| *id == m.mission.id));
        Ok(Page {
            items,
            total,
            request: page,
        })
    }

    /// The missions at the most recent elections. It looks only at the latest elections that
    /// have missions (through the index on `held_on`), so its cost does not grow with the table.
    pub fn most_recent(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<MissionDetail>> {
        let recent_elections = elections::table
            .filter(diesel::dsl::exists(
                missions::table.filter(missions::election_id.eq(elections::id)),
            ))
            .order((elections::held_on.desc(), elections::id.asc()))
            .limit(limit)
            .select(elections::id);
        let recent: Vec<String> = recent_elections.load(conn)?;
        detail_query()
            .filter(missions::election_id.eq_any(&recent))
            .order((
                elections::held_on.desc(),
                organizations::benchmark.desc(),
                missions::id.asc(),
            ))
            .limit(limit)
            .load::<DetailRow>(conn)
            .map(details)
    }
}

impl Mission {
    /// Up to `limit` missions of non-benchmark organizations that praised an election (a
    /// positive verdict, with or without reservations) which benchmark missions assessed, newest
    /// election first: where contradictions of credible observers are to be found.
    pub fn praise_at_assessed_elections(
        conn: &mut DbConn,
        limit: i64,
    ) -> QueryResult<Vec<MissionDetail>> {
        detail_query()
            .filter(election_consensus::consensus.is_not_null())
            .filter(organizations::benchmark.eq(false))
            .filter(
                missions::verdict.eq_any([Verdict::Positive, Verdict::PositiveWithReservations]),
            )
            .order((elections::held_on.desc(), missions::id.asc()))
            .limit(limit)
            .load::<DetailRow>(conn)
            .map(details)
    }
}

impl Mission {
    /// The missions with these ids (the evidence of a flag), newest election first.
    pub fn with_ids(conn: &mut DbConn, ids: &[String]) -> QueryResult<Vec<MissionDetail>> {
        detail_query()
            .filter(missions::id.eq_any(ids))
            .order((elections::held_on.desc(), missions::id.asc()))
            .load::<DetailRow>(conn)
            .map(details)
    }
}

impl Mission {
    /// Up to `limit` missions (of one election, when given) with ids after `after`, by id.
    pub fn export_batch(
        conn: &mut DbConn,
        election_id: Option<&str>,
        after: &str,
        limit: i64,
    ) -> QueryResult<Vec<Mission>> {
        let mut query = missions::table
            .filter(missions::id.gt(after.to_owned()))
            .into_boxed::<super::Backend>();
        if let Some(election_id) = election_id {
            query = query.filter(missions::election_id.eq(election_id.to_owned()));
        }
        query
            .order(missions::id.asc())
            .limit(limit)
            .select(Mission::as_select())
            .load(conn)
    }
}

/// The filters of the API's missions list; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MissionFilter {
    pub organization: Option<String>,
    pub election: Option<String>,
}

impl Mission {
    /// One page of the missions matching `filter`, newest election first.
    pub fn list(
        conn: &mut DbConn,
        filter: &MissionFilter,
        page: PageRequest,
    ) -> QueryResult<Page<MissionDetail>> {
        let mut count = missions::table.into_boxed::<super::Backend>();
        let mut rows = detail_query().into_boxed::<super::Backend>();
        if let Some(organization) = &filter.organization {
            count = count.filter(missions::organization_id.eq(organization.clone()));
            rows = rows.filter(missions::organization_id.eq(organization.clone()));
        }
        if let Some(election) = &filter.election {
            count = count.filter(missions::election_id.eq(election.clone()));
            rows = rows.filter(missions::election_id.eq(election.clone()));
        }
        let total: i64 = count.count().get_result(conn)?;
        let items = rows
            .order((elections::held_on.desc(), missions::id.asc()))
            .limit(page.per_page)
            .offset(page.offset())
            .load::<DetailRow>(conn)
            .map(details)?;
        Ok(Page {
            items,
            total,
            request: page,
        })
    }
}
