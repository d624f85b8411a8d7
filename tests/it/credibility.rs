//! The methodology's answers on the pages: badges, flags with evidence, contradictions marked.

use actix_web::http::StatusCode;
use observer_registry::credibility::METHODOLOGY;
use observer_registry::csv::import::{import_dir, ImportMode};

use crate::harness::TestApp;

#[actix_web::test]
async fn sco_contradicts_credible_observers_on_the_election_page() {
    let app = TestApp::seeded().await;
    let page = app.get("/elections/tjk-2020-03-01-parliamentary").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .text(".consensus-line")
        .contains("Credible observers found it: Negative"));
    assert!(page
        .text(".consensus .warning")
        .contains("contradicted them"));
    let contradicting = page.texts("tr.contradiction-row");
    assert!(
        contradicting.iter().any(|row| row.contains("(SCO)")),
        "{contradicting:?}"
    );
    assert!(contradicting.iter().all(|row| {
        row.contains("Praised the election although credible observers found it seriously flawed")
    }));
    let benchmark_rows = page.texts("tr.benchmark-row");
    assert!(benchmark_rows[0].contains("ODIHR"));
    assert!(!benchmark_rows[0].contains("Praised the election although"));
}

#[actix_web::test]
async fn an_election_without_benchmark_assessment_says_so() {
    let app = TestApp::seeded().await;
    // An election of the seed that no benchmark mission assessed.
    let unassessed: String = {
        use diesel::prelude::*;
        use observer_registry::db::schema::election_consensus;
        election_consensus::table
            .filter(election_consensus::consensus.is_null())
            .select(election_consensus::election_id)
            .order(election_consensus::election_id)
            .first(&mut app.conn())
            .unwrap()
    };
    let page = app.get(&format!("/elections/{unassessed}")).await;
    assert!(page
        .text(".consensus-line")
        .contains("No benchmark observer published an assessment"));
    assert!(page.texts("tr.contradiction-row").is_empty());
}

#[actix_web::test]
async fn organization_pages_show_rating_flags_and_evidence() {
    let app = TestApp::seeded().await;
    let sco = app.get("/organizations/sco").await;
    assert_eq!(sco.text(".verdict-box .rating"), "Low quality");
    assert_eq!(sco.links(".verdict-box .rating"), vec!["/guide#ratings"]);
    assert!(sco
        .text(".verdict-box")
        .contains(&format!("methodology version {}", METHODOLOGY.version)));
    assert!(sco.text(".disclaimer").contains("not a legal finding"));
    let flag = sco.text(".flag-contradicts_credible_observers");
    assert!(flag.contains("Praised elections that credible observers found seriously flawed"));
    let evidence = sco.links(".flag-contradicts_credible_observers .evidence a");
    assert!(
        evidence
            .iter()
            .any(|href| href.starts_with("/missions/sco-")),
        "{evidence:?}"
    );
    assert!(
        evidence.iter().any(|href| href.starts_with("http")),
        "evidence links its sources"
    );
    let listed = sco.texts(".flag-contradicts_credible_observers .evidence li");
    let missions =
        sco.links(".flag-contradicts_credible_observers .evidence a[href^='/missions/']");
    assert_eq!(missions.len(), 10, "ten evidence missions are listed");
    let last = listed.last().unwrap();
    assert!(
        last.starts_with("and ") && last.ends_with("more, listed in the missions table below."),
        "{last}"
    );
    let contradiction_cells = sco.texts("table.missions td.contradiction");
    assert!(!contradiction_cells.is_empty());
    assert!(contradiction_cells
        .iter()
        .all(|c| c.contains("although credible observers found it seriously flawed")));

    let odihr = app.get("/organizations/osce-odihr").await;
    assert_eq!(odihr.text(".verdict-box .rating"), "Benchmark");
    for link in evidence {
        if link.starts_with('/') {
            assert_eq!(app.get(&link).await.status, StatusCode::OK, "{link}");
        }
    }
}

#[actix_web::test]
async fn organizations_filter_by_rating_and_show_it_in_the_list() {
    let app = TestApp::seeded().await;
    let page = app.get("/organizations?rating=low_quality").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .links("tbody a")
        .contains(&"/organizations/sco".to_owned()));
    let badges = page.texts("tbody .rating");
    assert!(!badges.is_empty());
    assert!(badges.iter().all(|b| b == "Low quality"));
    let benchmarks = app.get("/organizations?rating=benchmark").await;
    assert!(benchmarks
        .links("tbody a")
        .contains(&"/organizations/osce-odihr".to_owned()));
    assert!(!benchmarks
        .links("tbody a")
        .contains(&"/organizations/sco".to_owned()));
    for rating in ["credible", "concerns", "insufficient_data"] {
        let page = app.get(&format!("/organizations?rating={rating}")).await;
        assert_eq!(page.status, StatusCode::OK, "{rating}");
    }
    let bad = app.get("/organizations?rating=zombie").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text("article li").contains("low_quality"));
}

#[actix_web::test]
async fn individuals_show_their_flags_with_evidence() {
    let app = TestApp::seeded().await;
    let page = app.get("/individuals/vladimir-norov").await;
    let flag = page.text(".flag-low_quality_mission");
    assert!(
        flag.contains("organization the registry rates low quality"),
        "{flag}"
    );
    let anchors = page.links(".flag-low_quality_mission a");
    assert!(!anchors.is_empty());
    for anchor in anchors {
        let id = anchor.trim_start_matches('#');
        let row = scraper::Selector::parse(&format!("tr[id='{id}']")).unwrap();
        assert!(
            page.html().select(&row).next().is_some(),
            "evidence row {id} is on the page"
        );
    }
}

#[actix_web::test]
async fn the_methodology_page_renders_the_thresholds_in_force() {
    let app = TestApp::seeded().await;
    let page = app.get("/methodology").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .title()
        .contains(&format!("version {}", METHODOLOGY.version)));
    let text = page.text("article");
    assert!(text.contains(&format!(
        "contradicted the consensus at {} or more elections, or in {:.0}% or more",
        METHODOLOGY.min_contradictions,
        METHODOLOGY.contradiction_share * 100.0
    )));
    assert!(text.contains("A divergence of 2 or more"));
    assert!(text.contains(&format!(
        "at least {} —",
        METHODOLOGY.short_term_only_min_missions
    )));
    assert_eq!(page.texts("ol.rules li").len(), 5, "one rule per rating");
}

#[actix_web::test]
async fn ratings_follow_every_import() {
    let app = TestApp::empty().await;
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &str| std::fs::write(dir.path().join(name), body).unwrap();
    write("countries.csv", "iso3,name\nTJK,Tajikistan\n");
    write(
        "sources.csv",
        "id,url,title,publisher,published_on,archived_url\ns,https://example.org/s,S,,,\n",
    );
    write("organizations.csv", "id,name,acronym,aliases,kind,hq_country,founded_on,dissolved_on,dop_endorser,benchmark,benchmark_reason,website,notes\nbench,Benchmark Mission,,,intergovernmental,,,,true,true,Long-term methodology,,\nfriendly,Friendly Observers,,,private,,,,true,false,,,\n");
    write("elections.csv", "id,country,held_on,kind,round,legitimacy,notes\ntjk-2020-03-01-parliamentary,TJK,2020-03-01,parliamentary,,recognized,\n");
    write("missions.csv", "id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id\nfriendly-1,friendly,tjk-2020-03-01-parliamentary,short_term,,,positive,,s\n");
    import_dir(&mut app.conn(), dir.path(), ImportMode::Apply).unwrap();
    let page = app.get("/organizations/friendly").await;
    assert_eq!(
        page.text(".verdict-box .rating"),
        "Not enough data",
        "no benchmark yet"
    );

    let later = tempfile::tempdir().unwrap();
    std::fs::write(
        later.path().join("missions.csv"),
        "id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id\nbench-1,bench,tjk-2020-03-01-parliamentary,long_term,,,negative,,s\n",
    )
    .unwrap();
    import_dir(&mut app.conn(), later.path(), ImportMode::Apply).unwrap();
    let page = app.get("/organizations/friendly").await;
    assert_eq!(
        page.text(".verdict-box .rating"),
        "Low quality",
        "the new benchmark verdict counts"
    );
    let dry = tempfile::tempdir().unwrap();
    std::fs::write(
        dry.path().join("missions.csv"),
        "id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id\nbench-1,bench,tjk-2020-03-01-parliamentary,long_term,,,positive,,s\n",
    )
    .unwrap();
    import_dir(&mut app.conn(), dry.path(), ImportMode::DryRun).unwrap();
    let page = app.get("/organizations/friendly").await;
    assert_eq!(
        page.text(".verdict-box .rating"),
        "Low quality",
        "a dry run changes nothing"
    );
}

#[actix_web::test]
async fn sanctions_are_shown_with_their_sources_and_flag() {
    let app = TestApp::seeded().await;
    let page = app.get("/organizations/afric").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text(".verdict-box .rating"), "Low quality");
    assert!(page
        .text(".flag-sanctioned_or_exposed")
        .contains("sanctioned, exposed or dissolved"));
    let sanctions = page.texts(".sanctions li");
    assert!(
        sanctions.iter().any(|s| s.starts_with("Sanction")),
        "{sanctions:?}"
    );
    assert!(page
        .links(".sanctions a.source")
        .iter()
        .all(|href| href.starts_with("http")));
}

/// What the registry stores after [`derived::refresh_in_batches`], as comparable text: consensus
/// per election, (rating, comparable, contradictions) per organization, and every flag.
fn stored_results(
    conn: &mut observer_registry::db::DbConn,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    use diesel::prelude::*;
    use observer_registry::credibility::{FlagKind, Rating};
    use observer_registry::db::schema::{election_consensus, flags, organization_ratings};
    use observer_registry::model::SubjectType;
    let consensus: Vec<(String, Option<f64>, i32)> = election_consensus::table
        .select((
            election_consensus::election_id,
            election_consensus::consensus,
            election_consensus::benchmark_assessments,
        ))
        .order(election_consensus::election_id)
        .load(conn)
        .unwrap();
    let ratings: Vec<(String, Rating, i32, i32)> = organization_ratings::table
        .select((
            organization_ratings::organization_id,
            organization_ratings::rating,
            organization_ratings::comparable_missions,
            organization_ratings::contradictions,
        ))
        .load(conn)
        .unwrap();
    let stored_flags: Vec<(SubjectType, String, FlagKind, String)> = flags::table
        .select((
            flags::subject_type,
            flags::subject_id,
            flags::flag,
            flags::evidence,
        ))
        .load(conn)
        .unwrap();
    let mut ratings: Vec<String> = ratings.iter().map(|r| format!("{r:?}")).collect();
    let mut stored_flags: Vec<String> = stored_flags.iter().map(|f| format!("{f:?}")).collect();
    ratings.sort();
    stored_flags.sort();
    (
        consensus.iter().map(|c| format!("{c:?}")).collect(),
        ratings,
        stored_flags,
    )
}

/// The stored results are computed in streamed batches; whatever the batch size, they are the
/// pure methodology applied to the whole registry held in memory.
#[actix_web::test]
async fn the_stored_results_are_the_methodology_applied_to_the_whole_registry() {
    use observer_registry::credibility::assess_registry;
    use observer_registry::model::derived::{refresh_in_batches, registry_facts};
    use observer_registry::model::SubjectType;

    let app = TestApp::seeded().await;
    let conn = &mut *app.conn();
    let facts = registry_facts(conn).unwrap();
    let expected = assess_registry(&facts, &METHODOLOGY);
    let mut consensus: Vec<String> = expected
        .consensus
        .iter()
        .map(|(id, (c, n))| format!("{:?}", (id, c, i32::try_from(*n).unwrap())))
        .collect();
    consensus.sort();
    let mut ratings: Vec<String> = expected
        .organizations
        .iter()
        .map(|(id, a)| {
            format!(
                "{:?}",
                (
                    id,
                    a.rating,
                    i32::try_from(a.comparable_missions).unwrap(),
                    i32::try_from(a.contradictions).unwrap()
                )
            )
        })
        .collect();
    ratings.sort();
    let flag_text =
        |subject_type: SubjectType, id: &String, flag: &observer_registry::credibility::Flag| {
            format!(
                "{:?}",
                (subject_type, id, flag.kind, flag.evidence.join(" "))
            )
        };
    let mut flags: Vec<String> = expected
        .organizations
        .iter()
        .flat_map(|(id, a)| {
            a.flags
                .iter()
                .map(move |f| flag_text(SubjectType::Organization, id, f))
        })
        .chain(expected.individuals.iter().flat_map(|(id, flags)| {
            flags
                .iter()
                .map(move |f| flag_text(SubjectType::Individual, id, f))
        }))
        .collect();
    flags.sort();
    assert!(
        ratings.len() > 70 && flags.len() > 300,
        "the seed has something to compare: {} ratings, {} flags",
        ratings.len(),
        flags.len()
    );
    assert!(
        flags.iter().any(|f| f.starts_with("(Individual,")),
        "individuals are flagged too"
    );

    // The seed's largest organization has more missions than these batches, and its whole
    // registry far more: pages end inside an organization's missions and between people.
    for batch in [1, 7, 1000] {
        refresh_in_batches(conn, &METHODOLOGY, batch).unwrap();
        let (stored_consensus, stored_ratings, stored_flags) = stored_results(conn);
        assert_eq!(stored_consensus, consensus, "consensus, batches of {batch}");
        assert_eq!(stored_ratings, ratings, "ratings, batches of {batch}");
        assert_eq!(stored_flags, flags, "flags, batches of {batch}");
    }
}
