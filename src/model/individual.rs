//! Individuals who observed elections.

use diesel::dsl::count_star;
use diesel::prelude::*;

use super::find;
use super::search::RecordType;
use super::{text, Page, PageRequest};
use crate::db::schema::{countries, individuals, participations};
use crate::db::DbConn;

#[derive(
    Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize,
)]
#[diesel(table_name = individuals, treat_none_as_null = true)]
pub struct Individual {
    pub id: String,
    pub name: String,
    pub name_original: Option<String>,
    pub country: Option<String>,
    pub affiliation: Option<String>,
    pub notes: Option<String>,
}

/// The insert-or-update form of an individual, with its derived sort and search columns.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = individuals, treat_none_as_null = true)]
pub struct IndividualForm {
    #[diesel(embed)]
    pub individual: Individual,
    pub sort_name: String,
    pub search_text: String,
}

/// The rows matching a filter, as a boxed query both the list and the export start from.
fn filtered(
    filter: &IndividualFilter,
    ids: Option<&[String]>,
) -> individuals::BoxedQuery<'static, super::Backend> {
    let mut query = individuals::table.into_boxed();
    if let Some(country) = &filter.country {
        query = query.filter(individuals::country.eq(country.as_str().to_owned()));
    }
    // The names matching the search, found through the search keys (see `model::find`).
    if let Some(ids) = ids {
        query = query.filter(individuals::id.eq_any(ids.to_vec()));
    }
    query
}

impl From<Individual> for IndividualForm {
    fn from(person: Individual) -> Self {
        IndividualForm {
            sort_name: text::fold(&person.name),
            search_text: text::search_text(
                std::iter::once(person.name.as_str()).chain(person.name_original.as_deref()),
            ),
            individual: person,
        }
    }
}

/// The filters of the individuals list; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndividualFilter {
    pub country: Option<crate::domain::Iso3>,
    /// Matches the name or the name in its original script.
    pub search: Option<String>,
}

/// A row of the individuals list.
#[derive(Debug, Clone)]
pub struct IndividualListing {
    pub individual: Individual,
    pub country_name: Option<String>,
    pub participations: i64,
}

impl Individual {
    pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<(Individual, Option<String>)>> {
        individuals::table
            .left_join(countries::table)
            .filter(individuals::id.eq(id))
            .select((Individual::as_select(), countries::name.nullable()))
            .first(conn)
            .optional()
    }

    /// One page of the individuals matching `filter`, by name.
    pub fn list(
        conn: &mut DbConn,
        filter: &IndividualFilter,
        page: PageRequest,
    ) -> QueryResult<Page<IndividualListing>> {
        let ids = find::matching_ids(conn, RecordType::Individual, filter.search.as_deref())?;
        let total: i64 = filtered(filter, ids.as_deref()).count().get_result(conn)?;
        let rows: Vec<(Individual, Option<String>)> = filtered(filter, ids.as_deref())
            .left_join(countries::table)
            .select((Individual::as_select(), countries::name.nullable()))
            .order((individuals::sort_name.asc(), individuals::id.asc()))
            .limit(page.per_page)
            .offset(page.offset())
            .load(conn)?;
        let ids: Vec<&str> = rows.iter().map(|(person, _)| person.id.as_str()).collect();
        let counts: Vec<(String, i64)> = participations::table
            .filter(participations::individual_id.eq_any(&ids))
            .group_by(participations::individual_id)
            .select((participations::individual_id, count_star()))
            .load(conn)?;
        let items = rows
            .into_iter()
            .map(|(individual, country_name)| {
                let participations = counts
                    .iter()
                    .find(|(id, _)| *id == individual.id)
                    .map_or(0, |(_, count)| *count);
                IndividualListing {
                    individual,
                    country_name,
                    participations,
                }
            })
            .collect();
        Ok(Page {
            items,
            total,
            request: page,
        })
    }
}

impl Individual {
    /// Up to `limit` individuals matching `filter` with ids after `after`, by id.
    pub fn export_batch(
        conn: &mut DbConn,
        filter: &IndividualFilter,
        after: &str,
        limit: i64,
    ) -> QueryResult<Vec<Individual>> {
        let ids = find::matching_ids(conn, RecordType::Individual, filter.search.as_deref())?;
        filtered(filter, ids.as_deref())
            .filter(individuals::id.gt(after.to_owned()))
            .order(individuals::id.asc())
            .limit(limit)
            .select(Individual::as_select())
            .load(conn)
    }
}
