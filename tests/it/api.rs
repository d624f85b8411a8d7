//! The JSON API: contract tests (every endpoint's answers validate against `/api/openapi.json`),
//! errors as JSON with the page's status, caching, CORS, the documentation page and its examples.

use actix_web::http::{Method, StatusCode};
use actix_web::test::TestRequest;
use serde_json::{json, Value};

use crate::harness::{Page, TestApp};

/// The OpenAPI document the application serves.
async fn openapi(app: &TestApp) -> Value {
    let page = app.get("/api/openapi.json").await;
    assert_eq!(page.status, StatusCode::OK);
    serde_json::from_slice(&page.bytes).expect("the OpenAPI document is JSON")
}

/// The schema that `document` gives the answer of `method path` with `status`, as a JSON Schema
/// that resolves its `$ref`s inside the document.
fn response_schema(document: &Value, method: &str, path: &str, status: u16) -> Value {
    let schema = &document["paths"][path][method]["responses"][status.to_string()]["content"]
        ["application/json"]["schema"];
    assert!(
        !schema.is_null(),
        "the document describes {method} {path} → {status}"
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": document["components"],
        "allOf": [schema],
    })
}

/// Asserts that `page` is the answer the document describes for `method path`.
pub fn assert_conforms(document: &Value, method: &str, path: &str, page: &Page) {
    assert!(
        page.header("content-type").starts_with("application/json"),
        "{method} {path} answers JSON, not {}",
        page.header("content-type")
    );
    let body: Value = serde_json::from_slice(&page.bytes).expect("a JSON body");
    let schema = response_schema(document, method, path, page.status.as_u16());
    let validator = jsonschema::draft202012::new(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {path} → {}: {errors:#?}",
        page.status
    );
}

/// A request for every endpoint: (documented path, real URL, expected status).
const REQUESTS: &[(&str, &str, u16)] = &[
    ("/api/v1/organizations", "/api/v1/organizations", 200),
    (
        "/api/v1/organizations",
        "/api/v1/organizations?page=2&sort=-name",
        200,
    ),
    (
        "/api/v1/organizations",
        "/api/v1/organizations?q=%D0%A1%D0%9D%D0%93&rating=low_quality",
        200,
    ),
    (
        "/api/v1/organizations",
        "/api/v1/organizations?kind=spaceship&page=0",
        400,
    ),
    (
        "/api/v1/organizations/{id}",
        "/api/v1/organizations/sco",
        200,
    ),
    (
        "/api/v1/organizations/{id}",
        "/api/v1/organizations/osce-odihr",
        200,
    ),
    (
        "/api/v1/organizations/{id}",
        "/api/v1/organizations/afric",
        200,
    ),
    (
        "/api/v1/organizations/{id}",
        "/api/v1/organizations/no-such-group",
        404,
    ),
    (
        "/api/v1/organizations/{id}",
        "/api/v1/organizations/sco?page=x",
        400,
    ),
    (
        "/api/v1/elections",
        "/api/v1/elections?country=tjk&year=2020",
        200,
    ),
    ("/api/v1/elections", "/api/v1/elections?year=nineteen", 400),
    (
        "/api/v1/elections/{id}",
        "/api/v1/elections/tjk-2020-10-11-presidential",
        200,
    ),
    (
        "/api/v1/elections/{id}",
        "/api/v1/elections/Not%20An%20Id",
        404,
    ),
    ("/api/v1/missions", "/api/v1/missions", 200),
    (
        "/api/v1/missions",
        "/api/v1/missions?election=tjk-2020-10-11-presidential",
        200,
    ),
    (
        "/api/v1/missions",
        "/api/v1/missions?organization=BAD!",
        400,
    ),
    (
        "/api/v1/missions/{id}",
        "/api/v1/missions/sco-tjk-2020-10-11-presidential",
        200,
    ),
    ("/api/v1/missions/{id}", "/api/v1/missions/nope", 404),
    ("/api/v1/individuals", "/api/v1/individuals?q=norov", 200),
    ("/api/v1/individuals", "/api/v1/individuals?country=12", 400),
    (
        "/api/v1/individuals/{id}",
        "/api/v1/individuals/vladimir-norov",
        200,
    ),
    (
        "/api/v1/individuals/{id}",
        "/api/v1/individuals/nobody",
        404,
    ),
    ("/api/v1/countries", "/api/v1/countries", 200),
    ("/api/v1/countries/{iso3}", "/api/v1/countries/TJK", 200),
    ("/api/v1/countries/{iso3}", "/api/v1/countries/tjk", 200),
    ("/api/v1/countries/{iso3}", "/api/v1/countries/XXX", 404),
    ("/api/v1/sources", "/api/v1/sources?page=2", 200),
    (
        "/api/v1/sources/{id}",
        "/api/v1/sources/khovar-2020-10-12-sco-tjk-pres",
        200,
    ),
    ("/api/v1/sources/{id}", "/api/v1/sources/none-such", 404),
    ("/api/v1/releases", "/api/v1/releases", 200),
];

#[actix_web::test]
async fn every_endpoint_answers_as_the_openapi_document_says() {
    let app = TestApp::seeded().await;
    let document = openapi(&app).await;
    assert_eq!(document["openapi"], "3.1.0");
    let described: Vec<&String> = document["paths"].as_object().unwrap().keys().collect();
    for path in &described {
        assert!(
            REQUESTS.iter().any(|(p, _, _)| p == path)
                || crate::api_match::POSTS.iter().any(|p| p == path),
            "{path} has a contract test"
        );
    }
    for (path, url, status) in REQUESTS {
        let page = app.get(url).await;
        assert_eq!(page.status.as_u16(), *status, "{url}: {}", page.body);
        assert_conforms(&document, "get", path, &page);
        assert_eq!(page.header("access-control-allow-origin"), "*", "{url}");
    }
}

#[actix_web::test]
async fn an_organization_record_embeds_rating_flags_and_missions() {
    let app = TestApp::seeded().await;
    let sco: Value =
        serde_json::from_slice(&app.get("/api/v1/organizations/sco").await.bytes).unwrap();
    assert_eq!(sco["organization"]["id"], "sco");
    assert_eq!(sco["rating"]["rating"], "low_quality");
    assert_eq!(sco["rating"]["methodology_version"], "1");
    let contradicts = sco["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["flag"] == "contradicts_credible_observers")
        .expect("SCO is flagged for contradicting credible observers");
    assert_eq!(contradicts["evidence_kind"], "missions");
    let evidence = contradicts["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty());
    assert!(evidence
        .iter()
        .all(|id| id.as_str().unwrap().starts_with("sco-")));
    assert!(sco["missions"]["total"].as_i64().unwrap() > 0);

    let election: Value = serde_json::from_slice(
        &app.get("/api/v1/elections/aze-2020-02-09-parliamentary")
            .await
            .bytes,
    )
    .unwrap();
    let verdicts: Vec<(&str, &str)> = election["missions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["organization"]["id"].as_str().unwrap(),
                m["verdict"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(verdicts.contains(&("sco", "positive")), "{verdicts:?}");
    assert!(
        verdicts.contains(&("osce-odihr", "negative")),
        "{verdicts:?}"
    );
    assert_eq!(election["consensus"]["verdict"], "negative");
    assert!(
        election["consensus"]["benchmark_assessments"]
            .as_i64()
            .unwrap()
            > 0
    );
    assert!(election["contradictions"].as_i64().unwrap() > 0);
}

#[actix_web::test]
async fn lists_page_with_next_links_that_keep_the_filters() {
    let app = TestApp::seeded().await;
    let first: Value =
        serde_json::from_slice(&app.get("/api/v1/elections?country=TJK").await.bytes).unwrap();
    let total = first["total"].as_i64().unwrap();
    let mut seen = first["items"].as_array().unwrap().len() as i64;
    let mut next = first["next"].as_str().map(str::to_owned);
    assert!(first["previous"].is_null());
    while let Some(url) = next {
        assert!(url.contains("country=TJK"), "{url}");
        let page: Value = serde_json::from_slice(&app.get(&url).await.bytes).unwrap();
        seen += page["items"].as_array().unwrap().len() as i64;
        next = page["next"].as_str().map(str::to_owned);
    }
    assert_eq!(seen, total);
    let all: Value = serde_json::from_slice(&app.get("/api/v1/organizations").await.bytes).unwrap();
    assert_eq!(
        all["next"].as_str(),
        Some("/api/v1/organizations?page=2"),
        "the seed has more than one page of organizations"
    );
}

#[actix_web::test]
async fn answers_revalidate_with_etags_and_preflights_are_open() {
    let app = TestApp::seeded().await;
    let first = app.get("/api/v1/organizations/sco").await;
    let tag = first.header("etag");
    assert!(!tag.is_empty());
    assert_eq!(first.header("x-registry-release"), "1");
    let again = app
        .get_with("/api/v1/organizations/sco", &[("If-None-Match", &tag)])
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.bytes.is_empty());

    let preflight = app
        .request(
            TestRequest::default()
                .method(Method::OPTIONS)
                .uri("/api/v1/match")
                .insert_header(("Origin", "https://example.org"))
                .insert_header(("Access-Control-Request-Method", "POST")),
        )
        .await;
    assert_eq!(preflight.status, StatusCode::NO_CONTENT);
    assert_eq!(preflight.header("access-control-allow-origin"), "*");
    assert!(preflight
        .header("access-control-allow-methods")
        .contains("POST"));
}

#[actix_web::test]
async fn errors_are_json_with_the_status_a_page_would_get() {
    let app = TestApp::seeded().await;
    for (url, status) in [
        ("/api/v1/nothing-here", 404),
        ("/api/v2/organizations", 404),
        ("/api/v1/organizations?page=-3", 400),
        ("/api/v1/organizations?q=a%00b", 400),
        ("/api/v1/organizations/%00", 404),
    ] {
        let page = app.get(url).await;
        assert_eq!(page.status.as_u16(), status, "{url}");
        let body: Value = serde_json::from_slice(&page.bytes).expect("a JSON error");
        assert_eq!(body["status"], status, "{url}");
        assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()));
    }
    let delete = app
        .request(
            TestRequest::default()
                .method(Method::DELETE)
                .uri("/api/v1/organizations"),
        )
        .await;
    assert_eq!(delete.status, StatusCode::METHOD_NOT_ALLOWED);
    let body: Value = serde_json::from_slice(&delete.bytes).unwrap();
    assert_eq!(body["status"], 405);
}

#[actix_web::test]
async fn the_documentation_page_shows_every_endpoint_with_a_real_example() {
    let app = TestApp::seeded().await;
    let document = openapi(&app).await;
    let page = app.get("/api").await;
    assert_eq!(page.status, StatusCode::OK);
    let headings = page.texts("section.endpoint h3");
    let mut operations = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in ["get", "post"] {
            if item.get(method).is_some() {
                operations += 1;
                let heading = format!("{} {path}", method.to_uppercase());
                assert!(headings.contains(&heading), "{heading} is documented");
            }
        }
    }
    assert_eq!(headings.len(), operations);
    assert_eq!(
        page.texts("section.endpoint pre.example").len(),
        operations,
        "every endpoint has an example response"
    );
    // Each example is a response the document allows.
    for example in observer_registry::web::api::docs::EXAMPLES {
        let (method, path) = documented_path(&document, example.operation_id);
        let body: Value = serde_json::from_str(example.response).expect("an example is JSON");
        let schema = response_schema(&document, method, &path, 200);
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", example.operation_id);
        let live = match example.body {
            None => app.get(example.request).await,
            Some(body) => post_json(&app, example.request, body).await,
        };
        assert_eq!(live.status, StatusCode::OK, "{}", example.request);
    }
}

/// The method and path of the operation with this id.
fn documented_path(document: &Value, operation_id: &str) -> (&'static str, String) {
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in ["get", "post"] {
            if item[method]["operationId"] == operation_id {
                return (method, path.clone());
            }
        }
    }
    panic!("no operation {operation_id}")
}

/// A `POST` of a JSON body.
pub async fn post_json(app: &TestApp, path: &str, body: &str) -> Page {
    app.request(
        TestRequest::post()
            .uri(path)
            .insert_header(("Content-Type", "application/json"))
            .set_payload(body.to_owned()),
    )
    .await
}
