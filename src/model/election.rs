//! Elections: one vote in one country on one day (one round).

use chrono::NaiveDate;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::{ElectionKind, Legitimacy, Page, PageRequest};
use crate::db::schema::{countries, elections, missions};
use crate::db::DbConn;

#[derive(
    Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize,
)]
#[diesel(table_name = elections, treat_none_as_null = true)]
pub struct Election {
    pub id: String,
    pub country: String,
    pub held_on: NaiveDate,
    pub kind: ElectionKind,
    pub round: Option<i32>,
    pub legitimacy: Legitimacy,
    pub notes: Option<String>,
}

/// An election with the name of its country, as every page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionInCountry {
    pub election: Election,
    pub country_name: String,
}

/// A row of the elections list.
#[derive(Debug, Clone)]
pub struct ElectionListing {
    pub election: ElectionInCountry,
    pub missions: i64,
}

/// The filters of the elections list; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ElectionFilter {
    pub country: Option<crate::domain::Iso3>,
    pub year: Option<i32>,
    pub kind: Option<ElectionKind>,
}

/// The query [`filtered`] returns.
type Filtered = diesel::dsl::IntoBoxed<
    'static,
    diesel::dsl::InnerJoin<elections::table, countries::table>,
    super::Backend,
>;

/// The rows matching a filter, as a boxed query both the list and the export start from.
fn filtered(filter: &ElectionFilter) -> Filtered {
    let mut query = elections::table.inner_join(countries::table).into_boxed();
    if let Some(country) = &filter.country {
        query = query.filter(elections::country.eq(country.as_str().to_owned()));
    }
    if let Some((first, last)) = filter.year.and_then(year_bounds) {
        query = query.filter(elections::held_on.between(first, last));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(elections::kind.eq(kind));
    }
    query
}

impl ElectionInCountry {
    fn from_row((election, country_name): (Election, String)) -> Self {
        ElectionInCountry {
            election,
            country_name,
        }
    }
}

impl Election {
    pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<ElectionInCountry>> {
        elections::table
            .inner_join(countries::table)
            .filter(elections::id.eq(id))
            .select((Election::as_select(), countries::name))
            .first(conn)
            .optional()
            .map(|row| row.map(ElectionInCountry::from_row))
    }

    /// One page of the elections matching `filter`, newest first, with their mission counts.
    pub fn list(
        conn: &mut DbConn,
        filter: &ElectionFilter,
        page: PageRequest,
    ) -> QueryResult<Page<ElectionListing>> {
        let total: i64 = filtered(filter).count().get_result(conn)?;
        let rows: Vec<(Election, String)> = filtered(filter)
            .select((Election::as_select(), countries::name))
            .order((elections::held_on.desc(), elections::id.asc()))
            .limit(page.per_page)
            .offset(page.offset())
            .load(conn)?;
        let ids: Vec<&str> = rows.iter().map(|(e, _)| e.id.as_str()).collect();
        let counts: Vec<(String, i64)> = missions::table
            .filter(missions::election_id.eq_any(&ids))
            .group_by(missions::election_id)
            .select((missions::election_id, count_star()))
            .load(conn)?;
        let items = rows
            .into_iter()
            .map(|row| {
                let election = ElectionInCountry::from_row(row);
                let missions = counts
                    .iter()
                    .find(|(id, _)| *id == election.election.id)
                    .map_or(0, |(_, count)| *count);
                ElectionListing { election, missions }
            })
            .collect();
        Ok(Page {
            items,
            total,
            request: page,
        })
    }
}

/// The first and last day of a year, if chrono can represent it.
fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

impl Election {
    /// Up to `limit` elections matching `filter` with ids after `after`, by id.
    pub fn export_batch(
        conn: &mut DbConn,
        filter: &ElectionFilter,
        after: &str,
        limit: i64,
    ) -> QueryResult<Vec<Election>> {
        filtered(filter)
            .filter(elections::id.gt(after.to_owned()))
            .order(elections::id.asc())
            .limit(limit)
            .select(Election::as_select())
            .load(conn)
    }
}
