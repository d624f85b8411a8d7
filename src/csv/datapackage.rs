//! `datapackage.json`: a Frictionless Data Package descriptor of the export, built from the data
//! dictionary, so that researchers' tools (pandas, R, frictionless) read the files with the right
//! types, keys and allowed values.

use serde_json::{json, Value};

use super::dictionary::{columns, describe, primary_key, ColumnType};
use super::ContractFile;
use crate::credibility::METHODOLOGY;

/// The licence of the data set.
pub const LICENCE: (&str, &str, &str) = (
    "CC-BY-4.0",
    "Creative Commons Attribution 4.0",
    "https://creativecommons.org/licenses/by/4.0/",
);

/// The descriptor of every contract file.
pub fn descriptor() -> Value {
    let resources: Vec<Value> = ContractFile::ALL.into_iter().map(resource).collect();
    json!({
        "profile": "tabular-data-package",
        "name": "observer-registry",
        "title": "Observer Registry",
        "description": "Election observer organizations, their missions and verdicts next to the findings of credible observers, the individuals who took part, and the registry's ratings and flags.",
        "version": METHODOLOGY.version,
        "methodology_version": METHODOLOGY.version,
        "licenses": [{ "name": LICENCE.0, "title": LICENCE.1, "path": LICENCE.2 }],
        "resources": resources,
    })
}

/// The descriptor as indented JSON text, as `/downloads/datapackage.json` and the zip hold it.
pub fn pretty() -> String {
    format!("{:#}", descriptor())
}

fn resource(file: ContractFile) -> Value {
    let fields: Vec<Value> = columns(file)
        .into_iter()
        .map(|column| {
            let mut constraints = serde_json::Map::new();
            if column.required {
                constraints.insert("required".into(), json!(true));
            }
            if !column.values.is_empty() {
                constraints.insert("enum".into(), json!(column.values));
            }
            if let Some(pattern) = column.pattern {
                constraints.insert("pattern".into(), json!(pattern));
            }
            let mut field = json!({
                "name": column.name,
                "type": column.kind.name(),
                "description": column.meaning,
            });
            if column.kind == ColumnType::Date {
                field["format"] = json!("%Y-%m-%d");
            }
            if column.kind == ColumnType::Boolean {
                field["trueValues"] = json!(["true"]);
                field["falseValues"] = json!(["false"]);
            }
            if !constraints.is_empty() {
                field["constraints"] = Value::Object(constraints);
            }
            field
        })
        .collect();
    let foreign_keys: Vec<Value> = columns(file)
        .into_iter()
        .filter_map(|column| {
            column.references.map(|(resource, field)| {
                json!({ "fields": column.name, "reference": { "resource": resource, "fields": field } })
            })
        })
        .collect();
    let name = file.file_name().trim_end_matches(".csv");
    json!({
        "name": name,
        "path": file.file_name(),
        "profile": "tabular-data-resource",
        "description": describe(file),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": { "delimiter": ",", "quoteChar": "\"", "header": true, "lineTerminator": "\n" },
        "schema": {
            "fields": fields,
            "primaryKey": primary_key(file),
            "foreignKeys": foreign_keys,
            "missingValues": [""],
        },
    })
}
