//! The credibility methodology of DESIGN.md §4–5: pure functions over plain domain values.
//!
//! Nothing here touches the database or HTTP. Every threshold lives in [`Methodology`], and the
//! methodology page renders the rules from the same struct, so the text and the code cannot drift.
//!
//! # Computed on write, not on read
//!
//! An organization's rating depends on every election it observed and on every benchmark mission at
//! those elections; an individual's flags depend on the ratings of the organizations they served.
//! Recomputing that per request would make list pages grow with the whole database. The registry
//! therefore computes the results of [`assess_registry`] once after every write (imports are the
//! only write path) and stores them (consensus per election, rating and flags per subject) beside
//! the data, in the same transaction. It does so in streamed passes over the database
//! (`model::derived::refresh`) that call the same per-election, per-organization and per-person
//! functions, so memory does not grow with the registry; a test holds the two to the same results. Pages read the stored results; a mission's divergence is derived on read
//! from its verdict and the stored consensus of its election, which costs O(rows shown). A change of
//! [`Methodology::version`] is detected at start-up and triggers a full recomputation.

mod assess;
mod consensus;
mod registry;

#[cfg(test)]
mod tests;

pub use assess::{
    assess_individual, assess_organization, Flag, FlagKind, IndividualFacts, MissionFacts,
    OrganizationAssessment, OrganizationFacts, ParticipationFacts, Rating,
};
pub use consensus::{benchmark_consensus, election_consensus, Comparison};

use crate::domain::Verdict;
pub use registry::{
    assess_registry, ElectionFacts, RegistryAssessment, RegistryFacts, RegistryMission,
    RegistryParticipation,
};

/// The thresholds of one version of the methodology.
#[derive(Debug, Clone, PartialEq)]
pub struct Methodology {
    /// Printed on every export and every rating badge.
    pub version: &'static str,
    /// A mission whose score exceeds the benchmark consensus by at least this much contradicts it.
    pub contradiction_divergence: f64,
    /// `contradicts_credible_observers` is raised by contradictions on at least this many elections…
    pub min_contradictions: usize,
    /// …or in at least this share of the organization's comparable missions.
    pub contradiction_share: f64,
    /// `silent` is raised when more than this share of the missions published no assessment…
    pub silent_share: f64,
    /// …and the organization has at least this many missions.
    pub silent_min_missions: usize,
    /// `short_term_only` needs at least this many missions of a known kind, none long-term.
    pub short_term_only_min_missions: usize,
    /// How a consensus score reads in words: the first verdict whose cut-off the score is above;
    /// a score at a cut-off reads as the harsher verdict. Below every cut-off: `fraudulent`.
    pub consensus_readings: &'static [(f64, Verdict)],
    /// The rating rules, in order: the first rule whose conditions hold gives the rating. The
    /// methodology page prints this very list.
    pub rating_rules: &'static [RatingRule],
}

/// One rating rule: the rating, and the conditions of which any one is enough.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingRule {
    pub rating: Rating,
    pub when: &'static [Condition],
}

/// What a rating rule asks of an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// Curators designated it as a benchmark.
    Designated,
    /// It has at least one of these flags.
    AnyFlag(&'static [FlagKind]),
    /// It contradicted the consensus at least once (even below the flag's threshold).
    ContradictedOnce,
    /// None of its missions is comparable.
    NoComparableMission,
    /// Always holds: the last rule.
    Otherwise,
}

impl Methodology {
    /// The verdict a consensus score reads as, in words.
    pub fn reading(&self, consensus: f64) -> Verdict {
        self.consensus_readings
            .iter()
            .find(|(cut_off, _)| consensus > *cut_off)
            .map_or(Verdict::Fraudulent, |(_, verdict)| *verdict)
    }
}

/// Version 1 of the methodology, the one the registry applies.
pub const METHODOLOGY: Methodology = Methodology {
    version: "1",
    contradiction_divergence: 2.0,
    min_contradictions: 2,
    contradiction_share: 0.5,
    silent_share: 0.5,
    silent_min_missions: 2,
    short_term_only_min_missions: 3,
    consensus_readings: &[
        (2.5, Verdict::Positive),
        (1.5, Verdict::PositiveWithReservations),
        (0.5, Verdict::Negative),
    ],
    rating_rules: &[
        RatingRule {
            rating: Rating::Benchmark,
            when: &[Condition::Designated],
        },
        RatingRule {
            rating: Rating::LowQuality,
            when: &[Condition::AnyFlag(&[
                FlagKind::ContradictsCredibleObservers,
                FlagKind::ObservedShamVote,
                FlagKind::SanctionedOrExposed,
            ])],
        },
        RatingRule {
            rating: Rating::Concerns,
            when: &[
                Condition::ContradictedOnce,
                Condition::AnyFlag(&[FlagKind::Silent, FlagKind::ShortTermOnly]),
            ],
        },
        RatingRule {
            rating: Rating::InsufficientData,
            when: &[Condition::NoComparableMission],
        },
        RatingRule {
            rating: Rating::Credible,
            when: &[Condition::Otherwise],
        },
    ],
};

impl Default for Methodology {
    fn default() -> Self {
        METHODOLOGY
    }
}
