//! `POST /api/v1/match` and the reconciliation service at `/api/reconcile`: answers validate
//! against the OpenAPI document and the Reconciliation Service API 0.2 schemas, and transliterated
//! and misspelled names reconcile to the expected records.

use std::path::Path;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{json, Value};

use crate::api::{assert_conforms, post_json};
use crate::harness::{Page, TestApp};

/// The documented paths answered by `POST`, each with its contract test here.
pub const POSTS: &[&str] = &["/api/v1/match"];

const SPEC_BASE: &str = "https://reconciliation-api.github.io/specs/0.2/schemas/";

fn spec_schema(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/reconciliation-schemas-0.2")
        .join(name);
    let mut schema: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    // "http://json-schema.org/schema#" names no draft: the schemas use draft 7 keywords. The
    // manifest's `authentication` refers to an external Swagger schema (see the README there).
    if let Some(object) = schema.as_object_mut() {
        object.remove("$schema");
        if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
            properties.remove("authentication");
        }
    }
    schema
}

/// Asserts that `body` validates against the specification's schema `name`.
fn assert_spec(name: &str, body: &Value) {
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .with_resource(
            format!("{SPEC_BASE}type.json"),
            jsonschema::Resource::from_contents(spec_schema("type.json")),
        )
        .build(&spec_schema(name))
        .expect("the specification's schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{body:#}");
}

fn json_of(page: &Page) -> Value {
    serde_json::from_slice(&page.bytes).unwrap_or_else(|_| panic!("JSON, not {}", page.body))
}

async fn reconcile(app: &TestApp, queries: &Value) -> Page {
    app.request(
        TestRequest::post()
            .uri("/api/reconcile")
            .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
            .set_payload(
                form_urlencoded::Serializer::new(String::new())
                    .append_pair("queries", &queries.to_string())
                    .finish(),
            ),
    )
    .await
}

/// Names as a spreadsheet holds them: another script, another romanization, typos, another
/// word order; and the record each must reconcile to.
const NAMES: &[(&str, Option<&str>, &str)] = &[
    ("Sodruzhestvo Nezavisimykh Gosudarstv", None, "cis"),
    (
        "Организация Договора о коллективной безопасности",
        None,
        "csto",
    ),
    (
        "Colective Security Treaty Organisation",
        Some("organization"),
        "csto",
    ),
    ("Shanghai Cooperation Organization", None, "sco"),
    ("Шанхайская организация сотрудничества", None, "sco"),
    ("Carter Centre", None, "carter-center"),
    ("Vladimir Norow", Some("individual"), "vladimir-norov"),
    ("Евгений Пригожин", None, "yevgeny-prigozhin"),
    ("Kovacs Bela", None, "bela-kovacs"),
    ("هيفاء أبو غزالة", None, "haifa-abu-ghazaleh"),
];

#[actix_web::test]
async fn a_batch_of_transliterated_and_misspelled_names_reconciles_to_the_expected_ids() {
    let app = TestApp::seeded().await;
    let mut queries = serde_json::Map::new();
    for (i, (name, record_type, _)) in NAMES.iter().enumerate() {
        let mut query = json!({ "query": name, "limit": 3 });
        if let Some(t) = record_type {
            query["type"] = json!(t);
        }
        queries.insert(format!("q{i}"), query);
    }
    let page = reconcile(&app, &Value::Object(queries)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.header("access-control-allow-origin"), "*");
    let body = json_of(&page);
    assert_spec("reconciliation-result-batch.json", &body);
    for (i, (name, _, expected)) in NAMES.iter().enumerate() {
        let results = body[format!("q{i}")]["result"].as_array().unwrap();
        assert_eq!(
            results.first().map(|r| r["id"].as_str().unwrap()),
            Some(*expected),
            "{name}: {results:#?}"
        );
    }
    // An exact name in another script is a sure match; a misspelling is only the best candidate.
    assert_eq!(body["q1"]["result"][0]["match"], true);
    assert_eq!(body["q6"]["result"][0]["match"], false);
}

#[actix_web::test]
async fn types_and_the_country_property_narrow_the_candidates() {
    let app = TestApp::seeded().await;
    let queries = json!({
        "people": { "query": "Shanghai Cooperation Organisation", "type": "individual" },
        "groups": { "query": "Shanghai Cooperation Organisation", "type": ["organization"] },
        "odihr": {
            "query": "OSCE ODIHR",
            "type": "organization",
            "properties": [{ "pid": "country", "v": "Poland" }],
        },
        "nothing": { "query": "Zzyzx Quaxwort" },
    });
    // The query string works as well as a form body.
    let url = format!(
        "/api/reconcile?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("queries", &queries.to_string())
            .finish()
    );
    let page = app.get(&url).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = json_of(&page);
    assert_spec("reconciliation-result-batch.json", &body);
    for result in body["people"]["result"].as_array().unwrap() {
        assert_eq!(result["type"][0]["id"], "individual");
    }
    assert_eq!(body["groups"]["result"][0]["id"], "sco");
    assert_eq!(body["groups"]["result"][0]["type"][0]["id"], "organization");
    assert_eq!(body["odihr"]["result"][0]["id"], "osce-odihr");
    assert_eq!(body["nothing"]["result"], json!([]));
}

#[actix_web::test]
async fn the_manifest_suggest_preview_and_view_follow_the_specification() {
    let app = TestApp::seeded().await;
    let manifest = json_of(&app.get("/api/reconcile").await);
    assert_spec("manifest.json", &manifest);
    assert_eq!(manifest["versions"], json!(["0.2"]));
    let view = manifest["view"]["url"].as_str().unwrap();
    assert!(view.ends_with("/api/reconcile/view/{{id}}"), "{view}");

    let suggest = json_of(
        &app.get("/api/reconcile/suggest/entity?prefix=Shanghai%20Coop")
            .await,
    );
    assert_spec("suggest-entities-response.json", &suggest);
    assert_eq!(suggest["result"][0]["id"], "sco");
    let types = json_of(&app.get("/api/reconcile/suggest/type?prefix=indiv").await);
    assert_spec("suggest-types-response.json", &types);
    assert_eq!(
        types["result"],
        json!([{ "id": "individual", "name": "Individual observer" }])
    );
    let properties = json_of(&app.get("/api/reconcile/suggest/property?prefix=co").await);
    assert_spec("suggest-properties-response.json", &properties);
    assert_eq!(properties["result"][0]["id"], "country");

    let preview = app.get("/api/reconcile/preview?id=sco").await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.header("content-type").starts_with("text/html"));
    assert!(preview
        .text("h1")
        .contains("Shanghai Cooperation Organisation"));
    assert!(
        preview.text(".rating").contains("Low quality"),
        "{}",
        preview.body
    );
    let view = app.get("/api/reconcile/view/vladimir-norov").await;
    assert_eq!(view.status, StatusCode::SEE_OTHER);
    assert_eq!(view.header("location"), "/individuals/vladimir-norov");
    assert_eq!(
        app.get("/api/reconcile/view/nobody-at-all").await.status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn match_answers_as_vet_does_and_as_the_document_says() {
    let app = TestApp::seeded().await;
    let document: Value =
        serde_json::from_slice(&app.get("/api/openapi.json").await.bytes).unwrap();
    let request = json!({ "names": [
        { "name": "Vladimir Norow" },
        { "name": "Nobody Quaxwort", "organization": "ШОС" },
        { "name": "Carter Centre" },
    ]});
    let page = post_json(&app, "/api/v1/match", &request.to_string()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_conforms(&document, "post", "/api/v1/match", &page);
    assert_eq!(page.header("cache-control"), "no-store");
    let body = json_of(&page);
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["matches"][0]["id"], "vladimir-norov");
    assert_eq!(results[0]["matches"][0]["type"], "individual");
    let via = &results[1]["matches"][0];
    assert_eq!(
        (via["id"].as_str(), via["via_organization"].as_bool()),
        (Some("sco"), Some(true))
    );
    assert_eq!(via["rating"], "low_quality");
    assert_eq!(via["flagged"], true);
    assert_eq!(results[2]["matches"][0]["id"], "carter-center");

    // The same rows give the same matches as the /vet report.
    let rows = vec![
        observer_registry::model::vet::VetRow {
            name: "Vladimir Norow".into(),
            organization: None,
        },
        observer_registry::model::vet::VetRow {
            name: "Nobody Quaxwort".into(),
            organization: Some("ШОС".into()),
        },
        observer_registry::model::vet::VetRow {
            name: "Carter Centre".into(),
            organization: None,
        },
    ];
    let report = observer_registry::model::vet::vet(&mut app.conn(), rows).unwrap();
    for (line, result) in report.lines.iter().zip(results) {
        let ids: Vec<&str> = line.matches.iter().map(|m| m.id()).collect();
        let api: Vec<&str> = result["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, api);
    }
}

#[actix_web::test]
async fn bad_match_and_reconcile_requests_are_json_errors() {
    let app = TestApp::seeded().await;
    let document: Value =
        serde_json::from_slice(&app.get("/api/openapi.json").await.bytes).unwrap();
    for (body, status) in [
        ("{\"names\": []}", 400),
        ("{\"names\": [{\"nom\": \"x\"}]}", 400),
        ("not json", 400),
        ("{\"names\": [{\"name\": \"a\\u0000b\"}]}", 400),
    ] {
        let page = post_json(&app, "/api/v1/match", body).await;
        assert_eq!(page.status.as_u16(), status, "{body}: {}", page.body);
        assert_conforms(&document, "post", "/api/v1/match", &page);
    }
    let huge = format!(
        "{{\"names\": [{{\"name\": \"{}\"}}]}}",
        "x".repeat(3 * 1024 * 1024)
    );
    let page = post_json(&app, "/api/v1/match", &huge).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_conforms(&document, "post", "/api/v1/match", &page);
    let get = app.get("/api/v1/match").await;
    assert_eq!(get.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(get.header("allow"), "POST, OPTIONS");
    assert_eq!(json_of(&get)["status"], 405);

    for queries in [
        "{not json",
        "[1, 2]",
        "{\"q0\": {\"query\": \"x\", \"type\": \"planet\"}}",
    ] {
        let page = reconcile(&app, &Value::String(queries.to_owned())).await;
        // (sent as a JSON string: not an object of queries)
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{queries}");
        assert_eq!(json_of(&page)["status"], 400);
    }
    let typed = app
        .get("/api/reconcile?queries=%7B%22q0%22%3A%7B%22query%22%3A%22x%22%2C%22type%22%3A%22planet%22%7D%7D")
        .await;
    assert_eq!(typed.status, StatusCode::BAD_REQUEST);
}
