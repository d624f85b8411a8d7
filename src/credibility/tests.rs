//! Rules at, below and above every threshold, and properties over generated registries.

use proptest::prelude::*;

use super::*;
use crate::domain::{Legitimacy, MissionKind, Verdict};

const M: &Methodology = &METHODOLOGY;

fn mission(id: &str, verdict: Verdict, consensus: Option<f64>) -> MissionFacts {
    MissionFacts {
        id: id.to_owned(),
        election_id: format!("e-{id}"),
        kind: MissionKind::ShortTerm,
        verdict,
        legitimacy: Legitimacy::Recognized,
        consensus,
    }
}

fn org(missions: Vec<MissionFacts>) -> OrganizationFacts {
    OrganizationFacts {
        id: "o".into(),
        benchmark: false,
        dop_endorser: true,
        missions,
        sanctions: Vec::new(),
    }
}

/// `n` missions agreeing with a negative consensus, then `k` praising it (contradictions).
fn record(agreeing: usize, contradicting: usize) -> OrganizationFacts {
    let mut missions = Vec::new();
    for i in 0..agreeing {
        missions.push(mission(&format!("a{i}"), Verdict::Negative, Some(1.0)));
    }
    for i in 0..contradicting {
        missions.push(mission(&format!("c{i}"), Verdict::Positive, Some(1.0)));
    }
    let mut facts = org(missions);
    for m in &mut facts.missions {
        m.kind = MissionKind::LongTerm;
    }
    facts
}

#[test]
fn contradiction_flag_at_the_count_threshold() {
    // Two contradictions (= min_contradictions) among ten comparable missions (share 0.2).
    let a = assess_organization(&record(8, 2), M);
    assert_eq!((a.comparable_missions, a.contradictions), (10, 2));
    assert!(a.has(FlagKind::ContradictsCredibleObservers));
    assert_eq!(a.rating, Rating::LowQuality);
    let flag = a
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::ContradictsCredibleObservers)
        .unwrap();
    assert_eq!(flag.evidence, vec!["c0", "c1"]);
    // One below: a single contradiction among three (share 0.33) only raises concerns.
    let a = assess_organization(&record(2, 1), M);
    assert!(!a.has(FlagKind::ContradictsCredibleObservers));
    assert_eq!(a.rating, Rating::Concerns);
    // Above: three contradictions.
    assert!(assess_organization(&record(20, 3), M).has(FlagKind::ContradictsCredibleObservers));
}

#[test]
fn contradiction_flag_at_the_share_threshold() {
    // One of two comparable missions: share 0.5, exactly the threshold.
    assert!(assess_organization(&record(1, 1), M).has(FlagKind::ContradictsCredibleObservers));
    // One of one: share 1.
    assert!(assess_organization(&record(0, 1), M).has(FlagKind::ContradictsCredibleObservers));
    // One of three: share 0.33, below.
    assert!(!assess_organization(&record(2, 1), M).has(FlagKind::ContradictsCredibleObservers));
}

#[test]
fn contradictions_count_elections_not_missions() {
    let mut facts = record(0, 2);
    for m in &mut facts.missions {
        m.election_id = "same".into();
    }
    let a = assess_organization(&facts, M);
    assert_eq!(a.contradictions, 1);
    assert!(a.has(FlagKind::ContradictsCredibleObservers), "by share");
}

#[test]
fn agreeing_with_credible_observers_is_credible_whatever_else() {
    let mut facts = record(3, 0);
    facts.dop_endorser = false;
    let a = assess_organization(&facts, M);
    assert!(a.has(FlagKind::NoDop));
    assert_eq!(
        a.rating,
        Rating::Credible,
        "no_dop alone never lowers the rating"
    );
    // One notch more lenient than the benchmark everywhere is still agreement.
    let lenient = org(vec![
        mission("x", Verdict::PositiveWithReservations, Some(1.0)),
        mission("y", Verdict::Positive, Some(2.0)),
    ]);
    let a = assess_organization(&lenient, M);
    assert_eq!(a.contradictions, 0);
    assert_ne!(a.rating, Rating::LowQuality);
}

#[test]
fn benchmarks_are_benchmarks() {
    let mut facts = record(0, 3);
    facts.benchmark = true;
    let a = assess_organization(&facts, M);
    assert_eq!(a.rating, Rating::Benchmark);
    assert!(
        a.has(FlagKind::ContradictsCredibleObservers),
        "flags are still shown"
    );
}

#[test]
fn sham_votes_and_sanctions_make_an_organization_low_quality() {
    let mut facts = record(3, 0);
    facts.missions[0].legitimacy = Legitimacy::Sham;
    let a = assess_organization(&facts, M);
    assert_eq!(
        a.flags
            .iter()
            .find(|f| f.kind == FlagKind::ObservedShamVote)
            .unwrap()
            .evidence,
        vec!["a0"]
    );
    assert_eq!(a.rating, Rating::LowQuality);

    let mut facts = record(3, 0);
    facts.sanctions = vec!["s-2021".into()];
    let a = assess_organization(&facts, M);
    assert!(a.has(FlagKind::SanctionedOrExposed));
    assert_eq!(a.rating, Rating::LowQuality);
}

#[test]
fn no_comparable_mission_is_insufficient_data() {
    let facts = org(vec![mission("x", Verdict::Positive, None)]);
    let a = assess_organization(&facts, M);
    assert_eq!(
        (a.comparable_missions, a.rating),
        (0, Rating::InsufficientData)
    );
    let mut facts = org(Vec::new());
    facts.dop_endorser = false;
    assert_eq!(
        assess_organization(&facts, M).rating,
        Rating::InsufficientData
    );
}

#[test]
fn silence_needs_most_missions_unassessed() {
    let none = |id: &str| mission(id, Verdict::None, Some(1.0));
    let said = |id: &str| mission(id, Verdict::Negative, Some(1.0));
    // Two of three: more than half.
    let a = assess_organization(&org(vec![none("a"), none("b"), said("c")]), M);
    assert!(a.has(FlagKind::Silent));
    assert_eq!(a.rating, Rating::Concerns);
    // One of two: exactly half, not "most".
    assert!(!assess_organization(&org(vec![none("a"), said("b")]), M).has(FlagKind::Silent));
    // A single unassessed mission is below the minimum number of missions.
    assert!(!assess_organization(&org(vec![none("a")]), M).has(FlagKind::Silent));
    // `none` has no divergence.
    let a = assess_organization(&org(vec![none("a"), none("b")]), M);
    assert_eq!(a.comparable_missions, 0);
}

#[test]
fn short_term_only_needs_enough_missions_of_known_kind() {
    let kind = |id: &str, kind: MissionKind| MissionFacts {
        kind,
        ..mission(id, Verdict::Negative, Some(1.0))
    };
    let three = org(vec![
        kind("a", MissionKind::ShortTerm),
        kind("b", MissionKind::Delegation),
        kind("c", MissionKind::Assessment),
    ]);
    let a = assess_organization(&three, M);
    assert!(a.has(FlagKind::ShortTermOnly));
    assert_eq!(a.rating, Rating::Concerns);
    let two = org(vec![
        kind("a", MissionKind::ShortTerm),
        kind("b", MissionKind::ShortTerm),
        kind("c", MissionKind::Unknown),
    ]);
    assert!(
        !assess_organization(&two, M).has(FlagKind::ShortTermOnly),
        "unknown kinds do not count"
    );
    let with_long = org(vec![
        kind("a", MissionKind::ShortTerm),
        kind("b", MissionKind::ShortTerm),
        kind("c", MissionKind::LongTerm),
    ]);
    assert!(!assess_organization(&with_long, M).has(FlagKind::ShortTermOnly));
}

fn participation(id: &str) -> ParticipationFacts {
    ParticipationFacts {
        id: id.into(),
        election_id: "e".into(),
        legitimacy: Legitimacy::Recognized,
        organization_rating: None,
        statement_verdict: None,
        consensus: Some(1.0),
    }
}

#[test]
fn individual_flags() {
    let kinds = |facts: &IndividualFacts| -> Vec<FlagKind> {
        assess_individual(facts, M)
            .into_iter()
            .map(|f| f.kind)
            .collect()
    };
    let mut facts = IndividualFacts {
        id: "p".into(),
        participations: vec![participation("p1")],
        sanctions: Vec::new(),
    };
    assert!(kinds(&facts).is_empty(), "taking part alone is no flag");
    facts.participations[0].organization_rating = Some(Rating::LowQuality);
    assert_eq!(kinds(&facts), vec![FlagKind::LowQualityMission]);
    facts.participations[0].organization_rating = Some(Rating::Concerns);
    facts.participations[0].legitimacy = Legitimacy::Sham;
    assert_eq!(kinds(&facts), vec![FlagKind::ObservedShamVote]);
    facts.participations[0].legitimacy = Legitimacy::Recognized;
    facts.participations[0].statement_verdict = Some(Verdict::Positive);
    assert_eq!(
        kinds(&facts),
        vec![FlagKind::StatementContradictsCredibleObservers]
    );
    facts.participations[0].statement_verdict = Some(Verdict::PositiveWithReservations);
    assert!(
        kinds(&facts).is_empty(),
        "divergence 1 is not a contradiction"
    );
    facts.participations[0].consensus = None;
    facts.participations[0].statement_verdict = Some(Verdict::Positive);
    assert!(
        kinds(&facts).is_empty(),
        "no consensus, nothing to contradict"
    );
    facts.sanctions = vec!["s".into()];
    assert_eq!(kinds(&facts), vec![FlagKind::SanctionedOrExposed]);
}

/// Two benchmark organizations, two others and a few elections.
fn registry(verdicts: &[Option<Verdict>], sham: &[bool]) -> RegistryFacts {
    let orgs = ["b1", "b2", "o1", "o2"];
    let mut facts = RegistryFacts {
        organizations: orgs
            .iter()
            .map(|id| (id.to_string(), (id.starts_with('b'), true)))
            .collect(),
        ..RegistryFacts::default()
    };
    for (e, is_sham) in sham.iter().enumerate() {
        let legitimacy = if *is_sham {
            Legitimacy::Sham
        } else {
            Legitimacy::Recognized
        };
        facts.elections.push(ElectionFacts {
            id: format!("e{e}"),
            legitimacy,
        });
    }
    for (i, verdict) in verdicts.iter().enumerate() {
        let (org, election) = (orgs[i % orgs.len()], i / orgs.len());
        if let (Some(verdict), true) = (verdict, election < sham.len()) {
            facts.missions.push(RegistryMission {
                id: format!("{org}-e{election}"),
                organization_id: org.into(),
                election_id: format!("e{election}"),
                kind: MissionKind::ShortTerm,
                verdict: *verdict,
            });
        }
    }
    facts.individuals = vec!["p".into()];
    facts.participations = facts
        .missions
        .iter()
        .filter(|m| m.organization_id == "o1")
        .map(|m| RegistryParticipation {
            id: format!("p-{}", m.id),
            individual_id: "p".into(),
            mission_id: Some(m.id.clone()),
            election_id: m.election_id.clone(),
            statement_verdict: Some(m.verdict),
        })
        .collect();
    facts
}

#[test]
fn registry_consensus_comes_from_benchmarks_only() {
    use Verdict::{Fraudulent, Negative, Positive};
    // e0: b1 negative, b2 fraudulent, o1 positive, o2 negative.
    let facts = registry(
        &[
            Some(Negative),
            Some(Fraudulent),
            Some(Positive),
            Some(Negative),
        ],
        &[false],
    );
    let a = assess_registry(&facts, M);
    assert_eq!(a.consensus["e0"], (Some(0.5), 2));
    assert_eq!(a.organizations["o1"].contradictions, 1);
    assert_eq!(a.organizations["o1"].rating, Rating::LowQuality);
    assert_eq!(a.organizations["o2"].rating, Rating::Credible);
    assert_eq!(a.organizations["b1"].rating, Rating::Benchmark);
    let person: Vec<FlagKind> = a.individuals["p"].iter().map(|f| f.kind).collect();
    assert_eq!(
        person,
        vec![
            FlagKind::LowQualityMission,
            FlagKind::StatementContradictsCredibleObservers
        ]
    );
}

fn verdict() -> impl Strategy<Value = Verdict> {
    prop_oneof![
        Just(Verdict::Positive),
        Just(Verdict::PositiveWithReservations),
        Just(Verdict::Negative),
        Just(Verdict::Fraudulent),
        Just(Verdict::None),
    ]
}

fn harsher(verdict: Verdict) -> Option<Verdict> {
    match verdict {
        Verdict::Positive => Some(Verdict::PositiveWithReservations),
        Verdict::PositiveWithReservations => Some(Verdict::Negative),
        Verdict::Negative => Some(Verdict::Fraudulent),
        Verdict::Fraudulent | Verdict::None => None,
    }
}

fn registry_case() -> impl Strategy<Value = (Vec<Option<Verdict>>, Vec<bool>)> {
    (1usize..5).prop_flat_map(|elections| {
        (
            prop::collection::vec(prop::option::weighted(0.8, verdict()), elections * 4),
            prop::collection::vec(prop::bool::weighted(0.1), elections),
        )
    })
}

proptest! {
    /// A harsher benchmark verdict (a worse election) never raises another organization's standing.
    #[test]
    fn harsher_benchmark_verdict_never_raises_standing((verdicts, sham) in registry_case(), pick in any::<prop::sample::Index>()) {
        let before = assess_registry(&registry(&verdicts, &sham), M);
        let benchmark_slots: Vec<usize> = (0..verdicts.len())
            .filter(|i| i % 4 < 2 && verdicts[*i].and_then(harsher).is_some())
            .collect();
        prop_assume!(!benchmark_slots.is_empty());
        let slot = benchmark_slots[pick.index(benchmark_slots.len())];
        let mut changed = verdicts.clone();
        changed[slot] = verdicts[slot].and_then(harsher);
        let after = assess_registry(&registry(&changed, &sham), M);
        for org in ["o1", "o2"] {
            prop_assert!(
                after.organizations[org].rating.standing() <= before.organizations[org].rating.standing(),
                "{org}: {:?} -> {:?}", before.organizations[org].rating, after.organizations[org].rating
            );
            prop_assert!(after.organizations[org].contradictions >= before.organizations[org].contradictions);
        }
    }

    /// A more lenient verdict of the organization's own never raises its standing.
    #[test]
    fn more_lenient_own_verdict_never_raises_standing((verdicts, sham) in registry_case(), pick in any::<prop::sample::Index>()) {
        let own: Vec<usize> = (0..verdicts.len())
            .filter(|i| i % 4 == 2 && verdicts[*i].is_some_and(|v| v != Verdict::Positive && v != Verdict::None))
            .collect();
        prop_assume!(!own.is_empty());
        let slot = own[pick.index(own.len())];
        let lenient = match verdicts[slot] {
            Some(Verdict::Fraudulent) => Verdict::Negative,
            Some(Verdict::Negative) => Verdict::PositiveWithReservations,
            _ => Verdict::Positive,
        };
        let before = assess_registry(&registry(&verdicts, &sham), M);
        let mut changed = verdicts.clone();
        changed[slot] = Some(lenient);
        let after = assess_registry(&registry(&changed, &sham), M);
        prop_assert!(after.organizations["o1"].rating.standing() <= before.organizations["o1"].rating.standing());
    }

    /// Adding a mission that agrees with the consensus never adds a contradiction or the flag.
    #[test]
    fn agreeing_mission_adds_no_contradiction(
        scores in prop::collection::vec((verdict(), prop::option::of(0u8..=6)), 0..12),
        consensus_twice in 0u8..=6,
    ) {
        let missions: Vec<MissionFacts> = scores.iter().enumerate()
            .map(|(i, (v, c))| mission(&format!("m{i}"), *v, c.map(|c| f64::from(c) / 2.0)))
            .collect();
        let before = assess_organization(&org(missions.clone()), M);
        let consensus = f64::from(consensus_twice) / 2.0;
        let mut with = missions;
        with.push(mission("agree", METHODOLOGY.reading(consensus), Some(consensus)));
        let after = assess_organization(&org(with), M);
        prop_assert_eq!(after.contradictions, before.contradictions);
        prop_assert!(!after.has(FlagKind::ContradictsCredibleObservers) || before.has(FlagKind::ContradictsCredibleObservers));
    }

    /// The order of the missions does not matter.
    #[test]
    fn order_does_not_matter(
        missions in prop::collection::vec((verdict(), prop::option::of(0u8..=6), any::<bool>()), 0..10)
            .prop_map(|v| v.into_iter().enumerate().map(|(i, (verdict, c, long))| MissionFacts {
                kind: if long { MissionKind::LongTerm } else { MissionKind::ShortTerm },
                ..mission(&format!("m{i}"), verdict, c.map(|c| f64::from(c) / 2.0))
            }).collect::<Vec<_>>())
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
    ) {
        let (ordered, shuffled) = missions;
        prop_assert_eq!(assess_organization(&org(ordered), M), assess_organization(&org(shuffled), M));
    }

    /// The consensus lies between the lowest and the highest benchmark score.
    #[test]
    fn consensus_lies_within_the_benchmark_scores(verdicts in prop::collection::vec(verdict(), 0..9)) {
        let scores: Vec<u8> = verdicts.iter().filter_map(|v| v.score()).collect();
        match benchmark_consensus(verdicts.clone()) {
            None => prop_assert!(scores.is_empty()),
            Some(c) => {
                let (low, high) = (*scores.iter().min().unwrap(), *scores.iter().max().unwrap());
                prop_assert!(f64::from(low) <= c && c <= f64::from(high));
            }
        }
    }
}
