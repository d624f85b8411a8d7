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

/// Participations whose `statement` describes what the person did (a paraphrase of their role or
/// visit), not words judging the vote: no verdict can be coded from them (seed/README.md, "Statements
/// without a verdict").
const STATEMENT_IS_ACTIVITY: &[&str] = &[
    "ahliman-amiraslanov-tur-2018-06-24-general",
    "alexander-rahr-rus-2020-07-01-referendum",
    "alexander-torshin-arm-2013-02-18-presidential",
    "alexander-von-bismarck-rus-2018-03-18-presidential",
    "andreas-gross-aze-2010-11-07-parliamentary",
    "andrej-hunko-kaz-2012-01-15-parliamentary",
    "anton-friesen-rus-2018-03-18-presidential",
    "arthur-leier-ukr-2022-09-27-referendum",
    "askar-shakirov-rus-2021-09-19-parliamentary",
    "bair-zhamsuev-kaz-2022-11-20-presidential",
    "bakhtovar-safarzoda-rus-2021-09-19-parliamentary",
    "christopher-chope-kaz-2012-01-15-parliamentary",
    "dietmar-friedhoff-rus-2018-03-18-presidential",
    "dimitri-de-kochko-rus-2020-07-01-referendum",
    "elsa-papadimitriou-kaz-2012-01-15-parliamentary",
    "fernando-moragon-ukr-2022-09-27-referendum",
    "francis-agius-kaz-2012-01-15-parliamentary",
    "gunnar-lindemann-rus-2020-07-01-referendum",
    "hans-wilhelm-duenn-rus-2018-03-18-presidential",
    "hayk-chilingaryan-rus-2021-09-19-parliamentary",
    "igor-damjanovic-ukr-2022-09-27-referendum",
    "igor-damnjanovic-rus-2020-07-01-referendum",
    "jacques-myard-ukr-2018-03-18-presidential",
    "jonas-gunnarsson-kaz-2012-01-15-parliamentary",
    "jordi-xucla-kaz-2012-01-15-parliamentary",
    "jordi-xucla-kaz-2016-03-20-parliamentary",
    "karin-strenz-kaz-2012-01-15-parliamentary",
    "loic-bouvard-aze-2005-11-06-parliamentary",
    "marie-anne-isler-beguin-aze-2005-11-06-parliamentary",
    "markus-frohnmaier-rus-2018-03-18-presidential",
    "michael-clapham-aze-2005-11-06-parliamentary",
    "mike-hancock-kaz-2012-01-15-parliamentary",
    "nebahat-albayrak-kaz-2012-01-15-parliamentary",
    "paolo-grimoldi-rus-2020-07-01-referendum",
    "paul-wille-aze-2010-11-07-parliamentary",
    "pedro-agramunt-aze-2010-11-07-parliamentary",
    "sergey-gornyakov-kaz-2022-11-20-presidential",
    "stefan-keuter-rus-2018-03-18-presidential",
    "steffen-kotre-rus-2018-03-18-presidential",
    "tadeusz-iwinski-aze-2010-11-07-parliamentary",
    "tadeusz-iwinski-kaz-2012-01-15-parliamentary",
    "tugrul-turkes-kaz-2012-01-15-parliamentary",
    "ulrich-oehme-ukr-2018-03-18-presidential",
    "vavra-suk-rus-2020-07-01-referendum",
    "viktor-guminsky-blr-2020-08-09-presidential",
    "viktor-kogut-rus-2021-09-19-parliamentary",
    "vladimir-garkun-ukr-2012-10-28-parliamentary",
    "waldemar-herdt-rus-2018-03-18-presidential",
    "william-parra-ukr-2022-09-27-referendum",
    "xavier-moreau-ukr-2022-09-27-referendum",
    "zbigniew-romaszewski-blr-2004-10-17-parliamentary",
];

/// Participations whose quoted words do not judge the election the person observed (advice, a remark
/// about another vote, a refusal to judge yet, a prediction): left uncoded on purpose (seed/README.md,
/// "Statements without a verdict").
const STATEMENT_NOT_A_JUDGEMENT: &[&str] = &[
    "alexander-shkolnik-rus-2024-03-17-presidential",
    "amina-mohamed-zwe-2023-08-23-general",
    "ana-gomes-sdn-2010-04-11-general",
    "david-paul-nic-2021-11-07-general",
    "gilbert-doctorow-ukr-2018-03-18-presidential",
    "joaquim-chissano-ken-2013-03-04-general",
    "johan-backman-ukr-2018-03-18-presidential",
    "john-dramani-mahama-lbr-2017-12-26-presidential-r2",
    "jose-inacio-faria-hnd-2017-11-26-general",
    "jose-luis-rodriguez-zapatero-ven-2018-05-20-presidential",
    "loic-molambo-saombi-ukr-2022-09-27-referendum",
    "marco-marsili-ukr-2018-03-18-presidential",
    "marco-pata-ukr-2022-09-27-referendum",
    "marietje-schaake-ken-2017-08-08-general",
    "oleg-seleznev-syr-2021-05-26-presidential",
    "renate-weber-bol-2009-01-25-referendum",
    "ruben-perina-ven-2005-12-04-parliamentary",
    "sergey-lebedev-blr-2015-10-11-presidential",
    "sergey-lebedev-uzb-2016-12-04-presidential",
    "sonja-van-den-ende-ukr-2023-09-10-local",
    "thabo-mbeki-ken-2017-10-26-presidential",
    "thijs-berman-sen-2012-02-26-presidential",
    "thomas-roeper-ukr-2023-09-10-local",
];

/// Sources with a publication date: a floor that only rises.
const DATED_SOURCES: usize = 974;

/// Issue 15: the targets are checked as floors at what the sourced data reaches today; each assert
/// names the issue's target next to it. Raise a floor when the data grows; lower one only when a
/// row is removed because its evidence did not hold, and say so next to the floor.
#[actix_web::test]
async fn the_seed_meets_the_issue_15_floors() {
    let app = TestApp::seeded().await;
    let conn = &mut app.conn();

    let organizations: Vec<(String, bool, Option<String>, Option<String>)> = organizations::table
        .select((
            organizations::id,
            organizations::benchmark,
            organizations::notes,
            organizations::benchmark_reason,
        ))
        .load(conn)
        .unwrap();
    let benchmark: BTreeSet<&str> = organizations
        .iter()
        .filter(|o| o.1)
        .map(|o| o.0.as_str())
        .collect();
    // Issue 15 target: at least 75 organizations.
    assert!(
        organizations.len() >= 84,
        "{} organizations",
        organizations.len()
    );
    for id in ["golos", "osce-moscow-mechanism", "urnas-abiertas"] {
        assert!(benchmark.contains(id), "{id} is a benchmark");
    }

    let elections: Vec<(String, chrono::NaiveDate, String, Option<String>)> = elections::table
        .select((
            elections::id,
            elections::held_on,
            elections::legitimacy,
            elections::notes,
        ))
        .load(conn)
        .unwrap();
    // Issue 15 target: at least 260 elections.
    assert!(elections.len() >= 320, "{} elections", elections.len());
    let noughties = elections
        .iter()
        .filter(|e| {
            let year: i32 = e.1.format("%Y").to_string().parse().unwrap();
            (2000..=2009).contains(&year)
        })
        .count();
    // Issue 15 target: at least 60 elections from 2000-2009.
    assert!(noughties >= 98, "{noughties} elections in 2000-2009");
    assert!(elections.iter().filter(|e| e.2 == "sham").count() >= 7);

    let missions: Vec<(String, String, String, String, Option<String>)> = missions::table
        .select((
            missions::id,
            missions::organization_id,
            missions::election_id,
            missions::verdict,
            missions::verdict_quote,
        ))
        .load(conn)
        .unwrap();
    // Issue 15 target: at least 650 missions. (667 before the eleventh round removed the OIC at
    // Bangladesh 2024, whose only recorded words were not a verdict; seed/README.md.)
    assert!(missions.len() >= 666, "{} missions", missions.len());

    // Each mission carries its own words: no two share a quote. A joint statement is recorded for
    // each signatory with its partner named ("Joint statement with ECOWAS: ..."), which keeps the
    // quotes apart (seed/README.md, "Coding a verdict").
    let mut quoted_by: BTreeMap<&str, &str> = BTreeMap::new();
    for (id, quote) in missions.iter().filter_map(|m| Some((&m.0, m.4.as_ref()?))) {
        if let Some(other) = quoted_by.insert(quote.as_str(), id.as_str()) {
            panic!("{other} and {id} share the quote {quote:?}");
        }
    }

    // Elections where a benchmark and a non-benchmark organization both published a verdict.
    let mut sides: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for (_, org, election, verdict, _) in &missions {
        if verdict == "none" {
            continue;
        }
        let entry = sides.entry(election.as_str()).or_default();
        if benchmark.contains(org.as_str()) {
            entry.0 = true;
        } else {
            entry.1 = true;
        }
    }
    let both = sides.values().filter(|(b, n)| *b && *n).count();
    // Issue 15 target: at least 120 such elections.
    assert!(
        both >= 160,
        "{both} elections with benchmark and non-benchmark verdicts"
    );

    let participations: Vec<(
        String,
        String,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
    )> = participations::table
        .select((
            participations::id,
            participations::individual_id,
            participations::mission_id,
            participations::election_id,
            participations::statement,
            participations::statement_verdict,
        ))
        .load(conn)
        .unwrap();

    // Every election has at least one mission or participation.
    let observed: BTreeSet<&str> = missions
        .iter()
        .map(|m| m.2.as_str())
        .chain(participations.iter().map(|p| p.3.as_str()))
        .collect();
    for (id, ..) in &elections {
        assert!(
            observed.contains(id.as_str()),
            "{id} has no mission and no participation"
        );
    }

    // Every statement carries its verdict, or is on a documented allow-list.
    for (id, _, _, _, statement, verdict) in &participations {
        if statement.is_some() && verdict.is_none() {
            assert!(
                STATEMENT_IS_ACTIVITY.contains(&id.as_str())
                    || STATEMENT_NOT_A_JUDGEMENT.contains(&id.as_str()),
                "{id}: a statement without a statement_verdict and not on an allow-list"
            );
        }
    }
    for id in STATEMENT_IS_ACTIVITY
        .iter()
        .chain(STATEMENT_NOT_A_JUDGEMENT)
    {
        let row = participations.iter().find(|p| p.0 == *id);
        assert!(
            row.is_some_and(|p| p.4.is_some() && p.5.is_none()),
            "{id} is on an allow-list but is not an uncoded statement"
        );
    }

    let individuals: Vec<(String, Option<String>, Option<String>)> = individuals::table
        .select((
            individuals::id,
            individuals::name_original,
            individuals::country,
        ))
        .load(conn)
        .unwrap();
    let people: BTreeSet<&str> = participations.iter().map(|p| p.1.as_str()).collect();
    // Issue 15 target: at least 400 individuals with a sourced participation.
    assert!(
        people.len() >= 704,
        "{} individuals with participations",
        people.len()
    );
    let original = individuals.iter().filter(|i| i.1.is_some()).count();
    // Issue 15 target: name_original wherever the person's language uses another script (not
    // measurable from the data alone); today's floor on the names given in their own script.
    assert!(original >= 145, "{original} names in their original script");
    let stateless = individuals.iter().filter(|i| i.2.is_none()).count();
    // Issue 15 target: a country for everyone; today a ceiling on those whose source gives none.
    // (Lowered to 53 by the tenth round, 54 by the ninth, 55 by the seventh, 57 by the sixth, 65
    // by the fifth, 69 by the fourth, which found 53 countries; before it: raised from 108 to 122
    // by the fifth folder's merge: 14 new people whose sources give no nationality;
    // seed/README.md, known gaps.)
    assert!(stateless <= 53, "{stateless} individuals without a country");

    let sources: Vec<(String, Option<chrono::NaiveDate>)> = sources::table
        .select((sources::id, sources::published_on))
        .load(conn)
        .unwrap();
    let dated = sources.iter().filter(|s| s.1.is_some()).count();
    // Issue 15 target: at least 95 % of sources dated (missed: the stored pages rarely keep their
    // dateline; seed/README.md, "Dates"). Two floors: the number of dated sources, which only
    // grows, and their share, which new sources without a date on their page may lower a little
    // (63 % after the ninth round added 131 sources naming the heads of 141 missions; 64 % before
    // and again after the tenth; 65 % after the eleventh).
    assert!(dated >= DATED_SOURCES, "{dated} sources dated");
    assert!(
        dated * 100 >= sources.len() * 65,
        "{dated} of {} sources dated",
        sources.len()
    );

    // Every `[source:ID]` in a note resolves.
    let known: BTreeSet<&str> = sources.iter().map(|s| s.0.as_str()).collect();
    let individual_notes: Vec<Option<String>> = individuals::table
        .select(individuals::notes)
        .load(conn)
        .unwrap();
    let sanction_texts: Vec<String> = sanctions::table
        .select(sanctions::description)
        .load(conn)
        .unwrap();
    let texts = organizations
        .iter()
        .flat_map(|o| [o.2.as_deref(), o.3.as_deref()])
        .chain(elections.iter().map(|e| e.3.as_deref()))
        .chain(individual_notes.iter().map(|n| n.as_deref()))
        .chain(sanction_texts.iter().map(|s| Some(s.as_str())))
        .flatten();
    for text in texts {
        for cited in text.split("[source:").skip(1) {
            let id = cited.split(']').next().unwrap_or_default();
            assert!(known.contains(id), "[source:{id}] is not a source");
        }
    }

    // The elections a researcher looks for first, with both sides where both exist.
    let verdicts =
        |election: &str| -> (bool, bool) { sides.get(election).copied().unwrap_or_default() };
    for election in [
        "blr-2020-08-09-presidential",
        "rus-2020-07-01-referendum",
        "aze-2015-11-01-parliamentary",
        "rus-2024-03-17-presidential",
        "ven-2018-05-20-presidential",
        "kaz-2019-06-09-presidential",
        "rus-2021-09-19-parliamentary",
        "rus-2018-03-18-presidential",
        "ven-2024-07-28-presidential",
    ] {
        let (credible, lenient) = verdicts(election);
        assert!(credible, "{election} has a benchmark verdict");
        assert!(
            lenient || election == "ven-2024-07-28-presidential",
            "{election} has a lenient verdict"
        );
    }
    // Only one side exists in the sources read (README: known gaps).
    assert!(
        verdicts("nic-2021-11-07-general").0,
        "Nicaragua 2021 has a benchmark verdict"
    );
    for election in ["syr-2014-06-03-presidential", "syr-2021-05-26-presidential"] {
        assert!(verdicts(election).1, "{election} has a lenient verdict");
    }
    for election in [
        "ukr-2014-03-16-referendum",
        "ukr-2018-03-18-presidential",
        "ukr-2022-09-27-referendum",
        "ukr-2023-09-10-local",
        "ukr-2024-03-17-presidential",
    ] {
        assert!(
            elections.iter().any(|e| e.0 == election && e.2 == "sham"),
            "{election} is a sham vote"
        );
        assert!(
            participations.iter().filter(|p| p.3 == election).count() >= 2,
            "{election} names its observers"
        );
    }
    for mission in [
        "ceela-ven-2018-05-20-presidential",
        "sco-kaz-2019-06-09-presidential",
        "sco-rus-2021-09-19-parliamentary",
        "afric-zwe-2018-07-30-general",
        "osce-odihr-tjk-2020-10-11-presidential",
    ] {
        assert!(
            missions.iter().any(|m| m.0 == mission),
            "{mission} is recorded"
        );
    }
    let at_russia_2018 = participations
        .iter()
        .filter(|p| p.3 == "rus-2018-03-18-presidential")
        .count();
    assert!(
        at_russia_2018 >= 26,
        "{at_russia_2018} observers named at Russia 2018"
    );
}
