//! Flags and ratings of organizations and individuals (DESIGN.md §5, rules 3–5).

use std::collections::BTreeSet;

use super::consensus::Comparison;
use super::{Condition, Methodology};
pub use crate::domain::{FlagKind, Rating};
use crate::domain::{Legitimacy, MissionKind, Verdict};

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

    let rating = rate(
        methodology,
        &RatingInput {
            benchmark: facts.benchmark,
            flags: &flags,
            comparable: comparable_missions,
            contradictions,
        },
    );
    OrganizationAssessment {
        rating,
        flags,
        comparable_missions,
        contradictions,
    }
}

/// What the rating rules look at.
struct RatingInput<'a> {
    benchmark: bool,
    flags: &'a [Flag],
    comparable: usize,
    contradictions: usize,
}

impl RatingInput<'_> {
    fn holds(&self, condition: Condition) -> bool {
        match condition {
            Condition::Designated => self.benchmark,
            Condition::AnyFlag(kinds) => self.flags.iter().any(|f| kinds.contains(&f.kind)),
            Condition::ContradictedOnce => self.contradictions > 0,
            Condition::NoComparableMission => self.comparable == 0,
            Condition::Otherwise => true,
        }
    }
}

/// Applies the methodology's rating rules in order: the first that holds gives the rating.
fn rate(methodology: &Methodology, input: &RatingInput<'_>) -> Rating {
    methodology
        .rating_rules
        .iter()
        .find(|rule| rule.when.iter().any(|c| input.holds(*c)))
        .map_or(Rating::InsufficientData, |rule| rule.rating)
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
