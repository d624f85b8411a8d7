//! Citations in notes (`[source:ID]`) are checked like references on import and shown as links.

use actix_web::http::StatusCode;
use observer_registry::csv::import::{import_dir, ImportError, ImportMode};

use crate::harness::TestApp;

const COUNTRIES: &str = "iso3,name\nTJK,Tajikistan\n";
const SOURCES: &str = "id,url,title,publisher,published_on,archived_url\nsrc-charter,https://example.org/charter,The charter,Example,2020-10-12,\n";

fn organizations(notes: &str) -> String {
    format!(
        "id,name,acronym,aliases,kind,hq_country,founded_on,dissolved_on,dop_endorser,benchmark,benchmark_reason,website,notes\n\
         obs,Observers,OBS,,intergovernmental,TJK,,,false,false,,,\"{notes}\"\n"
    )
}

fn import(app: &TestApp, notes: &str) -> Result<(), ImportError> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("countries.csv"), COUNTRIES).unwrap();
    std::fs::write(dir.path().join("sources.csv"), SOURCES).unwrap();
    std::fs::write(dir.path().join("organizations.csv"), organizations(notes)).unwrap();
    import_dir(&mut app.conn(), dir.path(), ImportMode::Apply).map(|_| ())
}

#[actix_web::test]
async fn a_cited_source_is_a_link_and_an_unknown_one_an_import_error() {
    let app = TestApp::empty().await;
    match import(
        &app,
        "Founded in 2001 [source:nowhere], see [source:src-charter",
    ) {
        Err(ImportError::Invalid(problems)) => {
            let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
            assert_eq!(
                problems,
                vec![
                    "organizations.csv:2: notes: opens a citation \"[source:\" that it never closes with \"]\"",
                    "organizations.csv:2: notes: cites [source:nowhere], which is not in sources.csv nor already in the registry",
                ]
            );
        }
        other => panic!("expected problems, got {other:?}"),
    }
    import(&app, "Founded in 2001 <b>here</b> [source:src-charter].").unwrap();
    let page = app.get("/organizations/obs").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.text("p.notes"),
        "Founded in 2001 <b>here</b> [The charter] ."
    );
    assert_eq!(
        page.links("p.notes a.cite"),
        vec!["https://example.org/charter"]
    );
    assert!(!page.body.contains("[source:"), "no raw citation is shown");
}
