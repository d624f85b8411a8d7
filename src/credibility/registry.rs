//! The methodology applied to the whole registry at once: consensus per election, then every
//! organization's rating, then every individual's flags (which depend on those ratings).

use std::collections::BTreeMap;

use super::assess::{
    assess_individual, assess_organization, Flag, IndividualFacts, MissionFacts,
    OrganizationAssessment, OrganizationFacts, ParticipationFacts,
};
use super::consensus::benchmark_consensus;
use super::Methodology;
use crate::domain::{Legitimacy, MissionKind, Verdict};

/// An election as the registry-wide computation needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct ElectionFacts {
    pub id: String,
    pub legitimacy: Legitimacy,
}

/// A mission in the registry-wide computation.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistryMission {
    pub id: String,
    pub organization_id: String,
    pub election_id: String,
    pub kind: MissionKind,
    pub verdict: Verdict,
}

/// A participation in the registry-wide computation.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistryParticipation {
    pub id: String,
    pub individual_id: String,
    pub mission_id: Option<String>,
    pub election_id: String,
    pub statement_verdict: Option<Verdict>,
}

/// The whole registry, as plain values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RegistryFacts {
    /// Organization id → (benchmark, DoP endorser).
    pub organizations: BTreeMap<String, (bool, bool)>,
    pub elections: Vec<ElectionFacts>,
    pub missions: Vec<RegistryMission>,
    pub individuals: Vec<String>,
    pub participations: Vec<RegistryParticipation>,
    /// (subject is an organization, subject id, sanction id).
    pub sanctions: Vec<(bool, String, String)>,
}

/// The methodology applied to the whole registry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RegistryAssessment {
    /// Election id → (consensus, number of benchmark missions with a verdict).
    pub consensus: BTreeMap<String, (Option<f64>, usize)>,
    pub organizations: BTreeMap<String, OrganizationAssessment>,
    pub individuals: BTreeMap<String, Vec<Flag>>,
}

/// Computes every consensus, rating and flag of the registry.
pub fn assess_registry(facts: &RegistryFacts, methodology: &Methodology) -> RegistryAssessment {
    let is_benchmark = |org: &str| facts.organizations.get(org).is_some_and(|(b, _)| *b);
    let mut benchmark_verdicts: BTreeMap<&str, Vec<Verdict>> = BTreeMap::new();
    for m in facts
        .missions
        .iter()
        .filter(|m| is_benchmark(&m.organization_id))
    {
        benchmark_verdicts
            .entry(&m.election_id)
            .or_default()
            .push(m.verdict);
    }
    let consensus: BTreeMap<String, (Option<f64>, usize)> = facts
        .elections
        .iter()
        .map(|e| {
            let verdicts = benchmark_verdicts
                .get(e.id.as_str())
                .cloned()
                .unwrap_or_default();
            let assessed = verdicts.iter().filter(|v| v.score().is_some()).count();
            (e.id.clone(), (benchmark_consensus(verdicts), assessed))
        })
        .collect();
    let legitimacy: BTreeMap<&str, Legitimacy> = facts
        .elections
        .iter()
        .map(|e| (e.id.as_str(), e.legitimacy))
        .collect();
    let consensus_of = |election: &str| consensus.get(election).and_then(|(c, _)| *c);
    let legitimacy_of = |election: &str| {
        legitimacy
            .get(election)
            .copied()
            .unwrap_or(Legitimacy::Recognized)
    };

    let mut per_org: BTreeMap<&str, OrganizationFacts> = facts
        .organizations
        .iter()
        .map(|(id, (benchmark, dop))| {
            (
                id.as_str(),
                OrganizationFacts {
                    id: id.clone(),
                    benchmark: *benchmark,
                    dop_endorser: *dop,
                    ..OrganizationFacts::default()
                },
            )
        })
        .collect();
    for m in &facts.missions {
        if let Some(org) = per_org.get_mut(m.organization_id.as_str()) {
            org.missions.push(MissionFacts {
                id: m.id.clone(),
                election_id: m.election_id.clone(),
                kind: m.kind,
                verdict: m.verdict,
                legitimacy: legitimacy_of(&m.election_id),
                consensus: consensus_of(&m.election_id),
            });
        }
    }
    let mut per_person: BTreeMap<&str, IndividualFacts> = facts
        .individuals
        .iter()
        .map(|id| {
            (
                id.as_str(),
                IndividualFacts {
                    id: id.clone(),
                    ..IndividualFacts::default()
                },
            )
        })
        .collect();
    for (is_org, subject, sanction) in &facts.sanctions {
        let target = if *is_org {
            per_org.get_mut(subject.as_str()).map(|o| &mut o.sanctions)
        } else {
            per_person
                .get_mut(subject.as_str())
                .map(|p| &mut p.sanctions)
        };
        if let Some(list) = target {
            list.push(sanction.clone());
        }
    }
    let organizations: BTreeMap<String, OrganizationAssessment> = per_org
        .into_iter()
        .map(|(id, org)| (id.to_owned(), assess_organization(&org, methodology)))
        .collect();

    let mission_org: BTreeMap<&str, &str> = facts
        .missions
        .iter()
        .map(|m| (m.id.as_str(), m.organization_id.as_str()))
        .collect();
    for p in &facts.participations {
        let organization_rating = p
            .mission_id
            .as_deref()
            .and_then(|mission| mission_org.get(mission))
            .and_then(|org| organizations.get(*org))
            .map(|a| a.rating);
        if let Some(person) = per_person.get_mut(p.individual_id.as_str()) {
            person.participations.push(ParticipationFacts {
                id: p.id.clone(),
                election_id: p.election_id.clone(),
                legitimacy: legitimacy_of(&p.election_id),
                organization_rating,
                statement_verdict: p.statement_verdict,
                consensus: consensus_of(&p.election_id),
            });
        }
    }
    let individuals = per_person
        .into_iter()
        .map(|(id, person)| (id.to_owned(), assess_individual(&person, methodology)))
        .collect();
    RegistryAssessment {
        consensus,
        organizations,
        individuals,
    }
}
