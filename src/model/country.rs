//! Countries, by ISO 3166-1 alpha-3 code.

use diesel::prelude::*;

use crate::db::schema::countries;
use crate::db::DbConn;

#[derive(
    Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize,
)]
#[diesel(table_name = countries)]
pub struct Country {
    pub iso3: String,
    pub name: String,
}

impl Country {
    pub fn find(conn: &mut DbConn, iso3: &str) -> QueryResult<Option<Country>> {
        countries::table
            .find(iso3)
            .select(Country::as_select())
            .first(conn)
            .optional()
    }

    /// Every country, by name.
    pub fn all(conn: &mut DbConn) -> QueryResult<Vec<Country>> {
        countries::table
            .order((countries::name, countries::iso3))
            .select(Country::as_select())
            .load(conn)
    }

    /// Whether `iso3` looks like an ISO 3166-1 alpha-3 code.
    pub fn is_code(iso3: &str) -> bool {
        iso3.len() == 3 && iso3.bytes().all(|b| b.is_ascii_uppercase())
    }
}

impl Country {
    /// Up to `limit` countries with codes after `after`, by code: one batch of an export.
    pub fn export_batch(conn: &mut DbConn, after: &str, limit: i64) -> QueryResult<Vec<Country>> {
        countries::table
            .filter(countries::iso3.gt(after.to_owned()))
            .order(countries::iso3.asc())
            .limit(limit)
            .select(Country::as_select())
            .load(conn)
    }
}
