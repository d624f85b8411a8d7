//! Benchmark consensus and a mission's divergence from it (DESIGN.md §5, rules 1–2).

use super::Methodology;
use crate::domain::Verdict;

/// The median score of the benchmark missions that assessed an election; with an even number of
/// scores, the mean of the two middle ones (so it can be 2.5). `None` when no benchmark mission
/// published an assessment: the election then has no consensus.
pub fn benchmark_consensus(verdicts: impl IntoIterator<Item = Verdict>) -> Option<f64> {
    let mut scores: Vec<u8> = verdicts.into_iter().filter_map(Verdict::score).collect();
    if scores.is_empty() {
        return None;
    }
    scores.sort_unstable();
    let middle = scores.len() / 2;
    let median = if scores.len() % 2 == 1 {
        f64::from(scores[middle])
    } else {
        f64::midpoint(f64::from(scores[middle - 1]), f64::from(scores[middle]))
    };
    Some(median)
}

/// An election's consensus and how many benchmark missions published an assessment of it, from
/// the verdicts of all its benchmark missions.
pub fn election_consensus(benchmark_verdicts: &[Verdict]) -> (Option<f64>, usize) {
    let assessed = benchmark_verdicts
        .iter()
        .filter(|v| v.score().is_some())
        .count();
    (
        benchmark_consensus(benchmark_verdicts.iter().copied()),
        assessed,
    )
}

/// How one verdict compares with its election's benchmark consensus.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Comparison {
    /// The election has no benchmark consensus.
    NoConsensus,
    /// The mission published no assessment, so there is nothing to compare.
    NoVerdict { consensus: f64 },
    /// `divergence` = the mission's score minus the consensus.
    Compared {
        consensus: f64,
        divergence: f64,
        contradiction: bool,
    },
}

impl Comparison {
    /// Compares `verdict` with `consensus` under `methodology`.
    pub fn of(verdict: Verdict, consensus: Option<f64>, methodology: &Methodology) -> Comparison {
        match (consensus, verdict.score()) {
            (None, _) => Comparison::NoConsensus,
            (Some(consensus), None) => Comparison::NoVerdict { consensus },
            (Some(consensus), Some(score)) => {
                let divergence = f64::from(score) - consensus;
                Comparison::Compared {
                    consensus,
                    divergence,
                    contradiction: divergence >= methodology.contradiction_divergence,
                }
            }
        }
    }

    /// Whether the mission praised an election credible observers found seriously flawed.
    pub fn is_contradiction(&self) -> bool {
        matches!(
            self,
            Comparison::Compared {
                contradiction: true,
                ..
            }
        )
    }

    /// Whether the mission counts as comparable: a scored verdict at an election with a consensus.
    pub fn is_comparable(&self) -> bool {
        matches!(self, Comparison::Compared { .. })
    }

    pub fn consensus(&self) -> Option<f64> {
        match self {
            Comparison::NoConsensus => None,
            Comparison::NoVerdict { consensus } | Comparison::Compared { consensus, .. } => {
                Some(*consensus)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credibility::METHODOLOGY;
    use Verdict::{Fraudulent, Negative, Positive, PositiveWithReservations};

    #[test]
    fn consensus_is_the_median_score() {
        assert_eq!(benchmark_consensus([]), None);
        assert_eq!(
            benchmark_consensus([Verdict::None, Verdict::None]),
            None,
            "no published assessment"
        );
        assert_eq!(benchmark_consensus([Negative]), Some(1.0));
        assert_eq!(
            benchmark_consensus([Negative, Positive, Fraudulent]),
            Some(1.0)
        );
        assert_eq!(
            benchmark_consensus([Positive, PositiveWithReservations]),
            Some(2.5)
        );
        assert_eq!(
            benchmark_consensus([Fraudulent, Negative, Positive, Positive]),
            Some(2.0)
        );
        assert_eq!(
            benchmark_consensus([Negative, Verdict::None]),
            Some(1.0),
            "none is ignored"
        );
    }

    #[test]
    fn divergence_two_is_a_contradiction_and_one_point_five_is_not() {
        let m = &METHODOLOGY;
        // Exactly at the threshold.
        assert!(Comparison::of(Positive, Some(1.0), m).is_contradiction());
        // One step below: 1.5.
        assert!(!Comparison::of(Positive, Some(1.5), m).is_contradiction());
        // Above: 3.
        assert!(Comparison::of(Positive, Some(0.0), m).is_contradiction());
        assert!(Comparison::of(PositiveWithReservations, Some(0.0), m).is_contradiction());
        assert!(!Comparison::of(PositiveWithReservations, Some(0.5), m).is_contradiction());
        // Harsher than the consensus is never a contradiction.
        assert!(!Comparison::of(Fraudulent, Some(3.0), m).is_contradiction());
        assert_eq!(
            Comparison::of(Negative, Some(2.5), m),
            Comparison::Compared {
                consensus: 2.5,
                divergence: -1.5,
                contradiction: false
            }
        );
    }

    #[test]
    fn missing_verdicts_and_consensus_are_not_comparable() {
        let m = &METHODOLOGY;
        assert_eq!(Comparison::of(Positive, None, m), Comparison::NoConsensus);
        assert_eq!(
            Comparison::of(Verdict::None, Some(1.0), m),
            Comparison::NoVerdict { consensus: 1.0 }
        );
        assert!(!Comparison::of(Verdict::None, Some(0.0), m).is_comparable());
        assert!(Comparison::of(Negative, Some(1.0), m).is_comparable());
    }

    #[test]
    fn consensus_reads_as_the_nearest_verdict_ties_harsher() {
        let m = &METHODOLOGY;
        assert_eq!(m.reading(3.0), Positive);
        assert_eq!(m.reading(2.5), PositiveWithReservations);
        assert_eq!(m.reading(2.0), PositiveWithReservations);
        assert_eq!(m.reading(1.5), Negative);
        assert_eq!(m.reading(1.0), Negative);
        assert_eq!(m.reading(0.5), Fraudulent);
        assert_eq!(m.reading(0.0), Fraudulent);
    }
}
