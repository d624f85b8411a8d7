//! The methodology applied to the whole registry at once: consensus per election, then every
//! organization's rating, then every individual's flags (which depend on those ratings).

use std::collections::BTreeMap;

use super::assess::{
    assess_individual, assess_organization, Flag, IndividualFacts, MissionFacts,
    OrganizationAssessment, OrganizationFacts, ParticipationFacts,
};
use super::consensus::election_consensus;
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
    let mut assessment = assess_elections_and_organizations(facts, methodology);
    let people = PersonAssessor::new(facts, &assessment, methodology);
    let mut participations: BTreeMap<&str, Vec<&RegistryParticipation>> = BTreeMap::new();
    for p in &facts.participations {
        participations.entry(&p.individual_id).or_default().push(p);
    }
    let individuals = facts
        .individuals
        .iter()
        .map(|id| {
            let theirs = participations.remove(id.as_str()).unwrap_or_default();
            (id.clone(), people.assess(id, theirs))
        })
        .collect();
    assessment.individuals = individuals;
    assessment
}

/// The consensus of every election and the rating and flags of every organization: all of the
/// assessment but the individuals' flags, which [`PersonAssessor`] adds one person at a time.
fn assess_elections_and_organizations(
    facts: &RegistryFacts,
    methodology: &Methodology,
) -> RegistryAssessment {
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
                .map_or(&[][..], Vec::as_slice);
            (e.id.clone(), election_consensus(verdicts))
        })
        .collect();
    let legitimacy = legitimacies(facts);
    let consensus_of = |election: &str| consensus.get(election).and_then(|(c, _)| *c);

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
                legitimacy: legitimacy_of(&legitimacy, &m.election_id),
                consensus: consensus_of(&m.election_id),
            });
        }
    }
    for (is_org, subject, sanction) in &facts.sanctions {
        if let Some(org) = per_org.get_mut(subject.as_str()).filter(|_| *is_org) {
            org.sanctions.push(sanction.clone());
        }
    }
    let organizations: BTreeMap<String, OrganizationAssessment> = per_org
        .into_iter()
        .map(|(id, org)| (id.to_owned(), assess_organization(&org, methodology)))
        .collect();
    RegistryAssessment {
        consensus,
        organizations,
        individuals: BTreeMap::new(),
    }
}

fn legitimacies(facts: &RegistryFacts) -> BTreeMap<&str, Legitimacy> {
    facts
        .elections
        .iter()
        .map(|e| (e.id.as_str(), e.legitimacy))
        .collect()
}

fn legitimacy_of(legitimacy: &BTreeMap<&str, Legitimacy>, election: &str) -> Legitimacy {
    legitimacy
        .get(election)
        .copied()
        .unwrap_or(Legitimacy::Recognized)
}

/// Flags individuals one at a time, against the consensus and ratings of an assessment of the
/// elections and organizations. (The database's streamed recomputation, `model::derived`, reads
/// the same consensus and ratings from what it stored.)
struct PersonAssessor<'a> {
    methodology: &'a Methodology,
    assessment: &'a RegistryAssessment,
    legitimacy: BTreeMap<&'a str, Legitimacy>,
    mission_org: BTreeMap<&'a str, &'a str>,
    /// Individual id → their sanctions.
    sanctions: BTreeMap<&'a str, Vec<String>>,
}

impl<'a> PersonAssessor<'a> {
    fn new(
        facts: &'a RegistryFacts,
        assessment: &'a RegistryAssessment,
        methodology: &'a Methodology,
    ) -> Self {
        let mut sanctions: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (is_org, subject, sanction) in &facts.sanctions {
            if !*is_org {
                sanctions.entry(subject).or_default().push(sanction.clone());
            }
        }
        PersonAssessor {
            methodology,
            assessment,
            legitimacy: legitimacies(facts),
            mission_org: facts
                .missions
                .iter()
                .map(|m| (m.id.as_str(), m.organization_id.as_str()))
                .collect(),
            sanctions,
        }
    }

    /// The flags of individual `id`, given all of their participations.
    fn assess(&self, id: &str, participations: Vec<&RegistryParticipation>) -> Vec<Flag> {
        let consensus_of = |election: &str| {
            self.assessment
                .consensus
                .get(election)
                .and_then(|(c, _)| *c)
        };
        let person = IndividualFacts {
            id: id.to_owned(),
            participations: participations
                .into_iter()
                .map(|p| ParticipationFacts {
                    id: p.id.clone(),
                    election_id: p.election_id.clone(),
                    legitimacy: legitimacy_of(&self.legitimacy, &p.election_id),
                    organization_rating: p
                        .mission_id
                        .as_deref()
                        .and_then(|mission| self.mission_org.get(mission))
                        .and_then(|org| self.assessment.organizations.get(*org))
                        .map(|a| a.rating),
                    statement_verdict: p.statement_verdict,
                    consensus: consensus_of(&p.election_id),
                })
                .collect(),
            sanctions: self.sanctions.get(id).cloned().unwrap_or_default(),
        };
        assess_individual(&person, self.methodology)
    }
}
