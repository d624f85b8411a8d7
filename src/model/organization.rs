//! Observer organizations.

use chrono::NaiveDate;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::find;
use super::search::RecordType;
use super::{text, OrganizationKind, Page, PageRequest};
use crate::credibility::Rating;
use crate::db::schema::{countries, missions, organization_ratings, organizations};
use crate::db::DbConn;

#[derive(
    Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize,
)]
#[diesel(table_name = organizations, treat_none_as_null = true)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    /// Other names and spellings, separated by `|` (see [`Organization::alias_list`]).
    pub aliases: String,
    pub kind: OrganizationKind,
    pub hq_country: Option<String>,
    pub founded_on: Option<NaiveDate>,
    pub dissolved_on: Option<NaiveDate>,
    pub dop_endorser: bool,
    pub benchmark: bool,
    pub benchmark_reason: Option<String>,
    pub website: Option<String>,
    pub notes: Option<String>,
}

/// An organization as other records show it: enough for a link and a label.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = organizations)]
pub struct OrganizationRef {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    pub benchmark: bool,
}

/// The insert-or-update form of an organization, with its derived sort and search columns.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = organizations, treat_none_as_null = true)]
pub struct OrganizationForm {
    #[diesel(embed)]
    pub organization: Organization,
    pub sort_name: String,
    pub search_text: String,
}

/// The query [`filtered`] returns.
type Filtered = diesel::dsl::IntoBoxed<
    'static,
    diesel::dsl::LeftJoin<organizations::table, organization_ratings::table>,
    super::Backend,
>;

/// The rows matching a filter, as a boxed query both the list and the export start from.
fn filtered(filter: &OrganizationFilter, ids: Option<&[String]>) -> Filtered {
    let mut query = organizations::table
        .left_join(organization_ratings::table)
        .into_boxed();
    if let Some(rating) = filter.rating {
        query = query.filter(organization_ratings::rating.eq(rating));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(organizations::kind.eq(kind));
    }
    if let Some(country) = &filter.country {
        query = query.filter(organizations::hq_country.eq(country.as_str().to_owned()));
    }
    // The names matching the search, found through the search keys (see `model::find`).
    if let Some(ids) = ids {
        query = query.filter(organizations::id.eq_any(ids.to_vec()));
    }
    query
}

impl From<Organization> for OrganizationForm {
    fn from(organization: Organization) -> Self {
        let sort_name = text::fold(&organization.name);
        let search_text = text::search_text(
            std::iter::once(organization.name.as_str())
                .chain(organization.acronym.as_deref())
                .chain(organization.alias_list()),
        );
        OrganizationForm {
            organization,
            sort_name,
            search_text,
        }
    }
}

/// How the organizations list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrganizationOrder {
    #[default]
    NameAscending,
    NameDescending,
}

/// The filters of the organizations list; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganizationFilter {
    pub kind: Option<OrganizationKind>,
    pub country: Option<crate::domain::Iso3>,
    /// Matches any name, acronym or alias, however written (see [`find::matching_ids`]).
    pub search: Option<String>,
    pub rating: Option<Rating>,
    pub order: OrganizationOrder,
}

/// A row of the organizations list.
#[derive(Debug, Clone)]
pub struct OrganizationListing {
    pub organization: Organization,
    pub country_name: Option<String>,
    pub missions: i64,
    /// The stored rating (absent only before the first computation).
    pub rating: Option<Rating>,
}

impl Organization {
    /// The aliases as a list, in the order a curator wrote them.
    pub fn alias_list(&self) -> impl Iterator<Item = &str> {
        self.aliases
            .split('|')
            .map(str::trim)
            .filter(|alias| !alias.is_empty())
    }

    /// The name with its acronym, as lists show it: "Shanghai Cooperation Organisation (SCO)".
    pub fn display_name(&self) -> String {
        display_name(&self.name, self.acronym.as_deref())
    }

    pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Organization>> {
        organizations::table
            .find(id)
            .select(Organization::as_select())
            .first(conn)
            .optional()
    }

    /// One page of the organizations matching `filter`, with their mission counts.
    pub fn list(
        conn: &mut DbConn,
        filter: &OrganizationFilter,
        page: PageRequest,
    ) -> QueryResult<Page<OrganizationListing>> {
        let ids = find::matching_ids(conn, RecordType::Organization, filter.search.as_deref())?;
        let total: i64 = filtered(filter, ids.as_deref()).count().get_result(conn)?;
        let mut query = filtered(filter, ids.as_deref())
            .left_join(countries::table)
            .select((
                Organization::as_select(),
                countries::name.nullable(),
                organization_ratings::rating.nullable(),
            ));
        query = match filter.order {
            OrganizationOrder::NameAscending => {
                query.order((organizations::sort_name.asc(), organizations::id.asc()))
            }
            OrganizationOrder::NameDescending => {
                query.order((organizations::sort_name.desc(), organizations::id.desc()))
            }
        };
        let rows: Vec<(Organization, Option<String>, Option<Rating>)> = query
            .limit(page.per_page)
            .offset(page.offset())
            .load(conn)?;
        let ids: Vec<&str> = rows.iter().map(|(org, _, _)| org.id.as_str()).collect();
        let counts: Vec<(String, i64)> = missions::table
            .filter(missions::organization_id.eq_any(&ids))
            .group_by(missions::organization_id)
            .select((missions::organization_id, count_star()))
            .load(conn)?;
        let items = rows
            .into_iter()
            .map(|(organization, country_name, rating)| {
                let missions = counts
                    .iter()
                    .find(|(id, _)| *id == organization.id)
                    .map_or(0, |(_, count)| *count);
                OrganizationListing {
                    organization,
                    country_name,
                    missions,
                    rating,
                }
            })
            .collect();
        Ok(Page {
            items,
            total,
            request: page,
        })
    }

    /// The organizations based in a country, by name.
    pub fn based_in(conn: &mut DbConn, iso3: &str) -> QueryResult<Vec<OrganizationRef>> {
        organizations::table
            .filter(organizations::hq_country.eq(iso3))
            .order((organizations::sort_name, organizations::id))
            .select(OrganizationRef::as_select())
            .load(conn)
    }
}

impl OrganizationRef {
    pub fn display_name(&self) -> String {
        display_name(&self.name, self.acronym.as_deref())
    }
}

fn display_name(name: &str, acronym: Option<&str>) -> String {
    match acronym {
        Some(acronym) if !acronym.is_empty() && acronym != name => format!("{name} ({acronym})"),
        _ => name.to_owned(),
    }
}

impl Organization {
    /// Up to `limit` organizations matching `filter` with ids after `after`, by id: one batch of
    /// a streamed export.
    pub fn export_batch(
        conn: &mut DbConn,
        filter: &OrganizationFilter,
        after: &str,
        limit: i64,
    ) -> QueryResult<Vec<Organization>> {
        let ids = find::matching_ids(conn, RecordType::Organization, filter.search.as_deref())?;
        filtered(filter, ids.as_deref())
            .filter(organizations::id.gt(after.to_owned()))
            .order(organizations::id.asc())
            .limit(limit)
            .select(Organization::as_select())
            .load(conn)
    }
}
