//! The bundled data set, loaded through the real importer: complete, sourced, on the scale, and big
//! enough to be useful on day one.

use std::collections::{BTreeMap, BTreeSet};

use diesel::prelude::*;
use observer_registry::db::schema::{
    elections, individuals, missions, organizations, participations, sanctions, sources,
};
use observer_registry::model::Verdict;

use crate::harness::TestApp;

#[actix_web::test]
async fn the_seed_is_complete_sourced_and_large_enough() {
    let app = TestApp::seeded().await;
    let conn = &mut app.conn();

    let organizations: Vec<(String, bool)> = organizations::table
        .select((organizations::id, organizations::benchmark))
        .load(conn)
        .unwrap();
    let benchmark: BTreeSet<String> = organizations
        .iter()
        .filter(|(_, b)| *b)
        .map(|(id, _)| id.clone())
        .collect();
    assert!(
        organizations.len() >= 40,
        "{} organizations",
        organizations.len()
    );
    for id in [
        "osce-odihr",
        "eu-eom",
        "carter-center",
        "ndi",
        "iri",
        "commonwealth",
        "oas",
    ] {
        assert!(benchmark.contains(id), "{id} is a benchmark");
    }
    for id in [
        "au",
        "ecowas",
        "sadc",
        "cis",
        "cis-ipa",
        "sco",
        "csto-pa",
        "arab-league",
        "turkic-council",
        "afric",
        "cis-emo",
        "eode",
        "icapp",
    ] {
        assert!(
            organizations.iter().any(|(o, _)| o == id),
            "{id} is in the seed"
        );
    }

    let elections: Vec<(String, String, chrono::NaiveDate, String, String)> = elections::table
        .select((
            elections::id,
            elections::country,
            elections::held_on,
            elections::kind,
            elections::legitimacy,
        ))
        .load(conn)
        .unwrap();
    assert!(elections.len() >= 60, "{} elections", elections.len());
    let mut votes = BTreeSet::new();
    for (id, country, held_on, kind, _) in &elections {
        assert!(
            votes.insert((country, held_on, kind)),
            "{id} duplicates another election"
        );
    }
    assert!(
        elections
            .iter()
            .any(|e| e.4 == "sham" && e.0.starts_with("ukr-2014-03-16")),
        "the 2014 Crimea vote is a sham"
    );
    assert!(elections.iter().filter(|e| e.4 == "sham").count() >= 3);
    let first = elections.iter().map(|e| e.2).min().unwrap();
    assert!(
        first.format("%Y").to_string().as_str() <= "2002",
        "reaches back to the early 2000s"
    );

    let missions: Vec<(String, String, String, String, String)> = missions::table
        .inner_join(sources::table)
        .select((
            missions::id,
            missions::organization_id,
            missions::election_id,
            missions::verdict,
            sources::url,
        ))
        .load(conn)
        .unwrap();
    let all_missions: i64 = missions::table.count().get_result(conn).unwrap();
    assert_eq!(
        missions.len() as i64,
        all_missions,
        "every mission has a source that exists"
    );
    assert!(missions.len() >= 150, "{} missions", missions.len());
    for (id, _, _, verdict, url) in &missions {
        assert!(verdict.parse::<Verdict>().is_ok(), "{id}: {verdict}");
        assert!(
            url.starts_with("http://") || url.starts_with("https://"),
            "{id}: {url}"
        );
    }
    let quoted: i64 = missions::table
        .filter(missions::verdict_quote.is_not_null())
        .count()
        .get_result(conn)
        .unwrap();
    assert_eq!(
        quoted, all_missions,
        "every verdict carries its quote or paraphrase"
    );

    let mut sides: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for (_, org, election, _, _) in &missions {
        let entry = sides.entry(election.as_str()).or_default();
        if benchmark.contains(org) {
            entry.0 = true;
        } else {
            entry.1 = true;
        }
    }
    let both = sides.values().filter(|(b, n)| *b && *n).count();
    assert!(
        both >= 40,
        "{both} elections with both a benchmark and a non-benchmark mission"
    );

    // Agreement as well as contradiction: the data must not make the methodology look right by
    // selection. Some non-benchmark missions agree with the benchmark at the same election.
    let agreeing = missions
        .iter()
        .filter(|(_, org, election, verdict, _)| {
            !benchmark.contains(org)
                && missions.iter().any(|(_, other, e, v, _)| {
                    e == election && benchmark.contains(other) && v == verdict
                })
        })
        .count();
    assert!(
        agreeing >= 20,
        "{agreeing} non-benchmark missions agree with a benchmark verdict"
    );

    let participations: Vec<(String, String, Option<String>, String)> = participations::table
        .inner_join(sources::table)
        .select((
            participations::id,
            participations::individual_id,
            participations::mission_id,
            participations::election_id,
        ))
        .load(conn)
        .unwrap();
    let all_participations: i64 = participations::table.count().get_result(conn).unwrap();
    assert_eq!(
        participations.len() as i64,
        all_participations,
        "every participation has a source"
    );
    let people: BTreeSet<&str> = participations.iter().map(|p| p.1.as_str()).collect();
    assert!(
        people.len() >= 30,
        "{} individuals with participations",
        people.len()
    );
    let mission_elections: BTreeMap<&str, &str> = missions
        .iter()
        .map(|m| (m.0.as_str(), m.2.as_str()))
        .collect();
    for (id, _, mission, election) in &participations {
        if let Some(mission) = mission {
            assert_eq!(
                mission_elections.get(mission.as_str()),
                Some(&election.as_str()),
                "{id}"
            );
        }
    }
    let named: i64 = individuals::table.count().get_result(conn).unwrap();
    assert!(named >= 30);

    let sanctioned: Vec<String> = sanctions::table
        .inner_join(sources::table)
        .select(sanctions::subject_id)
        .load(conn)
        .unwrap();
    assert!(
        sanctioned.iter().any(|s| s == "afric"),
        "AFRIC's sanction is recorded with its source"
    );
}
