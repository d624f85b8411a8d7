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
