//! Each vocabulary is defined once, as a Rust enum: both migrations' `CHECK` lists must hold
//! exactly its codes, so the database accepts every value and nothing else.

use std::collections::BTreeSet;
use std::path::Path;

use observer_registry::domain::vocabulary::stored_columns;

/// Every migration's SQL of one backend, concatenated.
fn migrations(backend: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    let mut steps: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    steps.sort();
    steps
        .iter()
        .map(|step| std::fs::read_to_string(step.join("up.sql")).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The codes the `CHECK (column IN (...))` of `column` in `CREATE TABLE table` admits.
fn check_list(sql: &str, table: &str, column: &str) -> BTreeSet<String> {
    let start = sql
        .find(&format!("CREATE TABLE {table} ("))
        .unwrap_or_else(|| panic!("no table {table}"));
    let body = &sql[start..];
    let body = &body[..body.find(");").unwrap()];
    let line = body
        .lines()
        .find(|line| line.trim_start().starts_with(&format!("{column} ")))
        .unwrap_or_else(|| panic!("no column {table}.{column}"));
    let list = line
        .split(&format!("{column} IN ("))
        .nth(1)
        .unwrap_or_else(|| panic!("{table}.{column} has no CHECK list: {line}"));
    let list = &list[..list.find(')').unwrap()];
    list.split(',')
        .map(|code| code.trim().trim_matches('\'').to_owned())
        .collect()
}

#[test]
fn both_migrations_admit_exactly_the_enum_codes() {
    for backend in ["sqlite", "postgres"] {
        let sql = migrations(backend);
        for (table, column, codes) in stored_columns() {
            let expected: BTreeSet<String> = codes.iter().map(|c| (*c).to_owned()).collect();
            assert_eq!(
                check_list(&sql, table, column),
                expected,
                "{backend}: {table}.{column}"
            );
        }
    }
}
