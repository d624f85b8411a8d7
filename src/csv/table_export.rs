//! Whole-table export written straight from the database's rows, as fast as the database's own
//! CLI: one ordered query whose columns are already in contract form (`true`/`false`,
//! `YYYY-MM-DD`, empty for no value), so no row is built into a model value.
//!
//! - SQLite: the query's rows are read one at a time and each cell is written from SQLite's own
//!   buffer.
//! - PostgreSQL: `COPY (query) TO STDOUT (FORMAT csv)`, whose bytes are written as they come.
//!   PostgreSQL quotes a cell when it holds a comma, a quote or a line break, as the `csv` crate
//!   does; it would also quote an empty string, so text columns are selected as `NULLIF(c, '')`.
//!
//! Both give the bytes the typed export ([`super::export`]) gives for the same rows; a test holds
//! them to it on each backend.

use std::io::Write;
use std::marker::PhantomData;

use diesel::connection::{LoadConnection, SimpleConnection};
use diesel::pg::{CopyFormat, Pg};
use diesel::query_builder::AstPass;
use diesel::row::{Field, Row};
use diesel::Connection;
use diesel::QueryResult;

use super::dictionary::{self, ColumnType};
use super::export::ExportError;
use super::ContractFile;
use crate::db::DbConn;

/// The SQL dialect a query is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Sqlite,
    Postgres,
}

/// The query that selects every row of an importable file's table, its columns in contract
/// order and contract form, ordered by its key (the first column).
fn select(file: ContractFile, dialect: Dialect) -> String {
    let columns = dictionary::columns(file);
    let cells: Vec<String> = columns
        .iter()
        .map(|column| {
            let name = column.name;
            match (column.kind, dialect) {
                (ColumnType::Boolean, Dialect::Postgres) => {
                    format!("CASE WHEN {name} THEN 'true' ELSE 'false' END")
                }
                (ColumnType::Date, Dialect::Postgres) => format!("to_char({name}, 'YYYY-MM-DD')"),
                (ColumnType::String, Dialect::Postgres) => format!("NULLIF({name}, '')"),
                (ColumnType::Integer, Dialect::Postgres) => name.to_owned(),
                // Every cell as its bytes: read as text, each cell's UTF-8 would be checked
                // twice over, and each number converted in a copy.
                (ColumnType::Boolean, Dialect::Sqlite) => {
                    format!("CAST(CASE WHEN {name} THEN 'true' ELSE 'false' END AS BLOB)")
                }
                (_, Dialect::Sqlite) => format!("CAST({name} AS BLOB)"),
            }
        })
        .collect();
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        cells.join(", "),
        file.file_name().trim_end_matches(".csv"),
        columns[0].name
    )
}

/// Whether [`write_rows`] can write this file: the files a curator or an import writes, whose
/// table has one column for each of the file's.
pub(super) fn covers(file: ContractFile) -> bool {
    file.importable()
}

/// Writes every row of `file`, one that [`covers`] (after the header the caller wrote and flushed
/// into `out`).
pub(super) fn write_rows<W: Write>(
    conn: &mut DbConn,
    file: ContractFile,
    out: &mut W,
) -> Result<(), ExportError> {
    match conn {
        DbConn::Sqlite(sqlite) => {
            let query = diesel::sql_query(select(file, Dialect::Sqlite));
            let width = file.columns().len();
            let mut csv = super::export::writer(out);
            for row in LoadConnection::load(sqlite, query)? {
                let row = row?;
                for index in 0..width {
                    let field = row.get(index).ok_or_else(|| {
                        diesel::result::Error::DeserializationError(
                            "a column of the export query is missing".into(),
                        )
                    })?;
                    match field.value() {
                        Some(mut value) => csv.write_field(value.read_blob())?,
                        None => csv.write_field("")?,
                    };
                }
                csv.write_record(None::<&[u8]>)?;
            }
            csv.flush()?;
        }
        DbConn::Pg(pg) => pg.transaction(|pg| {
            match file {
                ContractFile::Countries => copy::<{ ContractFile::Countries as usize }>(pg, out)?,
                ContractFile::Sources => copy::<{ ContractFile::Sources as usize }>(pg, out)?,
                ContractFile::Organizations => {
                    copy::<{ ContractFile::Organizations as usize }>(pg, out)?
                }
                ContractFile::Elections => copy::<{ ContractFile::Elections as usize }>(pg, out)?,
                ContractFile::Missions => copy::<{ ContractFile::Missions as usize }>(pg, out)?,
                ContractFile::Individuals => {
                    copy::<{ ContractFile::Individuals as usize }>(pg, out)?
                }
                ContractFile::Participations => {
                    copy::<{ ContractFile::Participations as usize }>(pg, out)?
                }
                ContractFile::Sanctions => copy::<{ ContractFile::Sanctions as usize }>(pg, out)?,
                ContractFile::Flags | ContractFile::Ratings => {
                    unreachable!("derived files are not exported from a table")
                }
            }
            // Diesel leaves the COPY's closing status unread, and its next prepared statement
            // would find the connection busy; a simple query (libpq's `PQexec`) reads it first.
            // Had the COPY failed after its last row, the transaction is aborted and this fails.
            pg.batch_execute("SELECT 1")?;
            Ok::<_, ExportError>(())
        })?,
    }
    Ok(())
}

/// Runs `COPY (select) TO STDOUT (FORMAT csv)` for `ContractFile::ALL[FILE]` into `out`.
fn copy<const FILE: usize>(
    pg: &mut diesel::PgConnection,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let mut rows = diesel::copy_to(ContractQuery::<FILE>(PhantomData))
        .with_format(CopyFormat::Csv)
        .load_raw(pg)?;
    std::io::copy(&mut rows, out)?;
    Ok(())
}

/// A contract file's query as the source of a `COPY ... TO`. Diesel's `COPY` takes a table or
/// columns; this target writes the query in their place. The file is a type parameter because
/// the target's SQL is written without a value.
struct ContractQuery<const FILE: usize>(PhantomData<()>);

impl<const FILE: usize> diesel::pg::CopyTarget for ContractQuery<FILE> {
    // Diesel asks for a table and a row type; neither is used for a raw copy.
    type Table = crate::db::schema::countries::table;
    type SqlType = diesel::sql_types::Text;

    fn walk_target(mut pass: AstPass<'_, '_, Pg>) -> QueryResult<()> {
        pass.push_sql("(");
        pass.push_sql(&select(ContractFile::ALL[FILE], Dialect::Postgres));
        pass.push_sql(")");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_query_selects_the_contract_columns_in_order_by_the_key() {
        for file in ContractFile::ALL.into_iter().filter(|f| covers(*f)) {
            for dialect in [Dialect::Sqlite, Dialect::Postgres] {
                let sql = select(file, dialect);
                let table = file.file_name().trim_end_matches(".csv");
                assert!(sql.contains(&format!(" FROM {table} ORDER BY ")), "{sql}");
                let mut at = 0;
                for column in file.columns() {
                    let found = sql[at..]
                        .find(column)
                        .unwrap_or_else(|| panic!("{column} missing or out of order in {sql}"));
                    at += found + column.len();
                }
            }
        }
        assert_eq!(
            select(ContractFile::Countries, Dialect::Sqlite),
            "SELECT CAST(iso3 AS BLOB), CAST(name AS BLOB) FROM countries ORDER BY iso3"
        );
        assert!(
            select(ContractFile::Organizations, Dialect::Postgres).contains(
                "CASE WHEN benchmark THEN 'true' ELSE 'false' END, NULLIF(benchmark_reason, '')"
            )
        );
        assert!(select(ContractFile::Sources, Dialect::Postgres)
            .contains("to_char(published_on, 'YYYY-MM-DD')"));
    }
}
