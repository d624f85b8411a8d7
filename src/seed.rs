//! Loading the bundled, sourced data set into a new database.

use std::path::Path;

use diesel::prelude::*;

use crate::csv::import::{import_dir, ImportError, ImportMode, ImportReport};
use crate::db::schema::organizations;
use crate::db::DbConn;

/// Loads `seed_dir` through the importer when the database holds no organizations yet.
/// Returns `None` when the database already had data.
pub fn seed_if_empty(
    conn: &mut DbConn,
    seed_dir: &Path,
) -> Result<Option<ImportReport>, ImportError> {
    let organizations: i64 = organizations::table.count().get_result(conn)?;
    if organizations > 0 {
        return Ok(None);
    }
    import_dir(conn, seed_dir, ImportMode::Apply).map(Some)
}
