//! Flags and ratings of organizations and individuals (DESIGN.md §5, rules 3–5).

use std::collections::{BTreeMap, BTreeSet};

use super::consensus::{benchmark_consensus, Comparison};
use super::Methodology;
use crate::model::{Legitimacy, MissionKind, Verdict};

/// An organization's standing, from flags by the rules on the methodology page.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::EnumIter,
)]
#[strum(serialize_all = "snake_case")]
pub enum Rating {
    /// Designated by curators as a credible reference.
    Benchmark,
    /// Comparable verdicts agree with credible observers and nothing else counts against it.
    Credible,
    /// Something counts against it, short of the low-quality rules.
    Concerns,
    /// Contradicted credible observers, observed a sham vote, or was sanctioned or exposed.
    LowQuality,
    /// No comparable mission and nothing else that counts against it.
    InsufficientData,
}

impl Rating {
    /// The code stored and exported.
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn all() -> impl Iterator<Item = Rating> {
        <Rating as strum::IntoEnumIterator>::iter()
    }

    /// How far the rating speaks for the organization, for comparisons: a lower standing never
    /// trusts more. `Benchmark` is a curator's designation and stands above the computed ratings.
    pub fn standing(self) -> u8 {
        match self {
            Rating::LowQuality => 0,
            Rating::Concerns => 1,
            Rating::InsufficientData => 2,
            Rating::Credible => 3,
            Rating::Benchmark => 4,
        }
    }
}

/// The flags of DESIGN.md §5 (organizations) and of individuals.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::EnumIter,
)]
#[strum(serialize_all = "snake_case")]
pub enum FlagKind {
    /// Organization: praised elections that credible observers found seriously flawed.
    ContradictsCredibleObservers,
    /// Organization or individual: observed a vote staged with no legal basis.
    ObservedShamVote,
    /// Organization: not an endorser of the Declaration of Principles (a weak signal only).
    NoDop,
    /// Organization: never deployed long-term observers.
    ShortTermOnly,
    /// Organization: published no assessment for most missions.
    Silent,
    /// Organization or individual: a sourced sanction, exposure or dissolution is recorded.
    SanctionedOrExposed,
    /// Individual: took part in a mission of a low-quality organization.
    LowQualityMission,
    /// Individual: made a statement that contradicts the benchmark consensus.
    StatementContradictsCredibleObservers,
}

impl FlagKind {
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn all() -> impl Iterator<Item = FlagKind> {
        <FlagKind as strum::IntoEnumIterator>::iter()
    }
}

/// A raised flag and the ids of the records that raised it (missions, elections, sanctions or
/// participations, depending on the flag), sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub kind: FlagKind,
    pub evidence: Vec<String>,
}

/// One mission of an organization, as the methodology sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct MissionFacts {
    pub id: String,
    pub election_id: String,
    pub kind: MissionKind,
    pub verdict: Verdict,
    pub legitimacy: Legitimacy,
    /// The benchmark consensus of the election, if it has one.
    pub consensus: Option<f64>,
}

/// Everything the methodology needs about one organization.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrganizationFacts {
    pub id: String,
    pub benchmark: bool,
    pub dop_endorser: bool,
    pub missions: Vec<MissionFacts>,
    /// Ids of the sanctions, exposures and dissolutions recorded about it.
    pub sanctions: Vec<String>,
}

/// The methodology's reading of one organization.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganizationAssessment {
    pub rating: Rating,
    pub flags: Vec<Flag>,
    /// Missions with a verdict at an election with a benchmark consensus.
    pub comparable_missions: usize,
    /// Elections at which it contradicted the consensus.
    pub contradictions: usize,
}

impl OrganizationAssessment {
    pub fn has(&self, kind: FlagKind) -> bool {
        self.flags.iter().any(|flag| flag.kind == kind)
    }
}

fn flag(kind: FlagKind, evidence: impl IntoIterator<Item = String>) -> Flag {
    let evidence: BTreeSet<String> = evidence.into_iter().collect();
    Flag {
        kind,
        evidence: evidence.into_iter().collect(),
    }
}

/// Flags and rates one organization.
pub fn assess_organization(
    facts: &OrganizationFacts,
    methodology: &Methodology,
) -> OrganizationAssessment {
    let comparisons: Vec<(&MissionFacts, Comparison)> = facts
        .missions
        .iter()
        .map(|m| (m, Comparison::of(m.verdict, m.consensus, methodology)))
        .collect();
    let comparable_missions = comparisons
        .iter()
        .filter(|(_, c)| c.is_comparable())
        .count();
    let contradicting: Vec<&MissionFacts> = comparisons
        .iter()
        .filter(|(_, c)| c.is_contradiction())
        .map(|(m, _)| *m)
        .collect();
    let contradicted_elections: BTreeSet<&str> = contradicting
        .iter()
        .map(|m| m.election_id.as_str())
        .collect();
    let contradictions = contradicted_elections.len();

    let mut flags = Vec::new();
    let share = if comparable_missions == 0 {
        0.0
    } else {
        contradicting.len() as f64 / comparable_missions as f64
    };
    if contradictions > 0
        && (contradictions >= methodology.min_contradictions
            || share >= methodology.contradiction_share)
    {
        flags.push(flag(
            FlagKind::ContradictsCredibleObservers,
            contradicting.iter().map(|m| m.id.clone()),
        ));
    }
    let sham: Vec<String> = facts
        .missions
        .iter()
        .filter(|m| m.legitimacy == Legitimacy::Sham)
        .map(|m| m.id.clone())
        .collect();
    if !sham.is_empty() {
        flags.push(flag(FlagKind::ObservedShamVote, sham));
    }
    if !facts.dop_endorser {
        flags.push(flag(FlagKind::NoDop, []));
    }
    let known_kind: Vec<&MissionFacts> = facts
        .missions
        .iter()
        .filter(|m| m.kind != MissionKind::Unknown)
        .collect();
    if known_kind.len() >= methodology.short_term_only_min_missions
        && known_kind.iter().all(|m| m.kind != MissionKind::LongTerm)
    {
        flags.push(flag(
            FlagKind::ShortTermOnly,
            known_kind.iter().map(|m| m.id.clone()),
        ));
    }
    let silent: Vec<String> = facts
        .missions
        .iter()
        .filter(|m| m.verdict == Verdict::None)
        .map(|m| m.id.clone())
        .collect();
    if facts.missions.len() >= methodology.silent_min_missions
        && silent.len() as f64 > methodology.silent_share * facts.missions.len() as f64
    {
        flags.push(flag(FlagKind::Silent, silent));
    }
    if !facts.sanctions.is_empty() {
        flags.push(flag(
            FlagKind::SanctionedOrExposed,
            facts.sanctions.iter().cloned(),
        ));
    }

    let rating = rate(facts.benchmark, &flags, comparable_missions, contradictions);
    OrganizationAssessment {
        rating,
        flags,
        comparable_missions,
        contradictions,
    }
}

/// The rating rules, in order; the methodology page prints the same list.
fn rate(benchmark: bool, flags: &[Flag], comparable: usize, contradictions: usize) -> Rating {
    let has = |kind: FlagKind| flags.iter().any(|f| f.kind == kind);
    if benchmark {
        Rating::Benchmark
    } else if has(FlagKind::ContradictsCredibleObservers)
        || has(FlagKind::ObservedShamVote)
        || has(FlagKind::SanctionedOrExposed)
    {
        Rating::LowQuality
    } else if contradictions > 0 || has(FlagKind::Silent) || has(FlagKind::ShortTermOnly) {
        Rating::Concerns
    } else if comparable == 0 {
        Rating::InsufficientData
    } else {
        Rating::Credible
    }
}

/// One participation of an individual, as the methodology sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParticipationFacts {
    pub id: String,
    pub election_id: String,
    pub legitimacy: Legitimacy,
    /// The rating of the organization that sent them, if one did.
    pub organization_rating: Option<Rating>,
    pub statement_verdict: Option<Verdict>,
    pub consensus: Option<f64>,
}

/// Everything the methodology needs about one individual.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndividualFacts {
    pub id: String,
    pub participations: Vec<ParticipationFacts>,
    pub sanctions: Vec<String>,
}

/// Flags one individual; the evidence is participation (or sanction) ids.
pub fn assess_individual(facts: &IndividualFacts, methodology: &Methodology) -> Vec<Flag> {
    let ids = |keep: &dyn Fn(&ParticipationFacts) -> bool| -> Vec<String> {
        facts
            .participations
            .iter()
            .filter(|p| keep(p))
            .map(|p| p.id.clone())
            .collect()
    };
    let mut flags = Vec::new();
    let low_quality = ids(&|p| p.organization_rating == Some(Rating::LowQuality));
    if !low_quality.is_empty() {
        flags.push(flag(FlagKind::LowQualityMission, low_quality));
    }
    let sham = ids(&|p| p.legitimacy == Legitimacy::Sham);
    if !sham.is_empty() {
        flags.push(flag(FlagKind::ObservedShamVote, sham));
    }
    let contradicting = ids(&|p| {
        p.statement_verdict
            .is_some_and(|v| Comparison::of(v, p.consensus, methodology).is_contradiction())
    });
    if !contradicting.is_empty() {
        flags.push(flag(
            FlagKind::StatementContradictsCredibleObservers,
            contradicting,
        ));
    }
    if !facts.sanctions.is_empty() {
        flags.push(flag(
            FlagKind::SanctionedOrExposed,
            facts.sanctions.iter().cloned(),
        ));
    }
    flags
}

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
