//! The message catalogue: how the domain's codes and values read on the pages, in one place.

use std::borrow::Borrow;

use chrono::NaiveDate;

use crate::credibility::{Comparison, Condition, FlagKind, Rating, METHODOLOGY};
use crate::model::election::ElectionInCountry;
use crate::model::{
    ElectionKind, Legitimacy, MissionKind, OrganizationKind, Role, SanctionKind, Verdict,
};

/// A date as pages show it: "11 October 2020".
pub fn long_date(date: &NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// An optional date, or an empty string.
pub fn opt_date(date: &Option<NaiveDate>) -> String {
    date.as_ref().map(long_date).unwrap_or_default()
}

impl OrganizationKind {
    pub fn label(self) -> &'static str {
        match self {
            OrganizationKind::Intergovernmental => "Intergovernmental organization",
            OrganizationKind::Parliamentary => "Parliamentary assembly",
            OrganizationKind::InternationalNgo => "International NGO",
            OrganizationKind::DomesticNgo => "Domestic NGO",
            OrganizationKind::Private => "Private group",
            OrganizationKind::StateBody => "State body",
            OrganizationKind::Other => "Other",
        }
    }
}

impl ElectionKind {
    pub fn label(self) -> &'static str {
        match self {
            ElectionKind::Presidential => "presidential election",
            ElectionKind::Parliamentary => "parliamentary election",
            ElectionKind::General => "general election",
            ElectionKind::Referendum => "referendum",
            ElectionKind::Local => "local elections",
            ElectionKind::Other => "vote",
        }
    }
}

impl Legitimacy {
    pub fn label(self) -> &'static str {
        match self {
            Legitimacy::Recognized => "Recognized vote",
            Legitimacy::Sham => "Sham vote: staged where it had no legal basis",
        }
    }
}

impl MissionKind {
    pub fn label(self) -> &'static str {
        match self {
            MissionKind::LongTerm => "Long-term observation",
            MissionKind::ShortTerm => "Short-term observation",
            MissionKind::Expert => "Expert mission",
            MissionKind::Assessment => "Assessment mission",
            MissionKind::Delegation => "Delegation",
            MissionKind::Unknown => "Not stated",
        }
    }
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Positive => "Positive",
            Verdict::PositiveWithReservations => "Positive with reservations",
            Verdict::Negative => "Negative",
            Verdict::Fraudulent => "Fraudulent",
            Verdict::None => "No assessment published",
        }
    }

    /// What the verdict means, in a voter's words.
    pub fn meaning(self) -> &'static str {
        match self {
            Verdict::Positive => {
                "free, fair, democratic, in line with standards; no significant problems reported"
            }
            Verdict::PositiveWithReservations => "accepted overall; shortcomings noted",
            Verdict::Negative => {
                "significant shortcomings; fell short of commitments; not genuinely competitive"
            }
            Verdict::Fraudulent => "result not credible; fraud or manipulation decisive",
            Verdict::None => "the mission published no assessment",
        }
    }
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Observer => "Observer",
            Role::HeadOfMission => "Head of mission",
            Role::DeputyHeadOfMission => "Deputy head of mission",
            Role::Spokesperson => "Spokesperson",
            Role::Member => "Member",
            Role::Organizer => "Organizer",
            Role::Other => "Other role",
        }
    }
}

impl SanctionKind {
    pub fn label(self) -> &'static str {
        match self {
            SanctionKind::Sanction => "Sanction",
            SanctionKind::Exposure => "Exposure",
            SanctionKind::Dissolution => "Dissolution",
        }
    }
}

impl ElectionInCountry {
    /// "Tajikistan, presidential election, 11 October 2020" (with the round when there is one).
    pub fn title(&self) -> String {
        let e = &self.election;
        let round = match e.round {
            Some(round) => format!(" (round {round})"),
            None => String::new(),
        };
        format!(
            "{}, {}{}, {}",
            self.country_name,
            e.kind.label(),
            round,
            long_date(&e.held_on)
        )
    }
}

impl Rating {
    pub fn label(self) -> &'static str {
        match self {
            Rating::Benchmark => "Benchmark",
            Rating::Credible => "Credible",
            Rating::Concerns => "Concerns",
            Rating::LowQuality => "Low quality",
            Rating::InsufficientData => "Insufficient data",
        }
    }

    /// What the rating means, in a voter's words.
    pub fn meaning(self) -> &'static str {
        match self {
            Rating::Benchmark => "A credible reference: the registry compares other observers with its findings.",
            Rating::Credible => "Its verdicts agree with those of credible observers, and nothing recorded counts against it.",
            Rating::Concerns => "Something recorded counts against it, short of the rules for low quality.",
            Rating::LowQuality => "Do not read its verdicts as evidence that an election was clean: it praised elections credible observers found seriously flawed, observed a sham vote, or was sanctioned or exposed.",
            Rating::InsufficientData => "None of its recorded verdicts can yet be compared with those of credible observers.",
        }
    }
}

impl FlagKind {
    /// The flag as one plain sentence.
    pub fn sentence(self) -> &'static str {
        match self {
            FlagKind::ContradictsCredibleObservers => "Praised elections that credible observers found seriously flawed.",
            FlagKind::ObservedShamVote => "Observed a vote staged where it had no legal basis, such as in occupied territory.",
            FlagKind::NoDop => "Has not endorsed the Declaration of Principles for International Election Observation. A weak signal on its own: endorsement is not vetted, and it never clears anyone.",
            FlagKind::ShortTermOnly => "Never deployed long-term observers: its missions came around election day, too late to see the campaign.",
            FlagKind::Silent => "Published no assessment for most of its missions.",
            FlagKind::SanctionedOrExposed => "Was sanctioned, exposed or dissolved; the facts and their sources are listed below.",
            FlagKind::LowQualityMission => "Took part in a mission of an organization the registry rates low quality.",
            FlagKind::StatementContradictsCredibleObservers => "Publicly praised an election that credible observers found seriously flawed.",
        }
    }

    /// A short name for the flag, for lists and the methodology page.
    pub fn label(self) -> &'static str {
        match self {
            FlagKind::ContradictsCredibleObservers => "Contradicts credible observers",
            FlagKind::ObservedShamVote => "Observed a sham vote",
            FlagKind::NoDop => "Not a Declaration of Principles endorser",
            FlagKind::ShortTermOnly => "Short-term observation only",
            FlagKind::Silent => "Silent",
            FlagKind::SanctionedOrExposed => "Sanctioned or exposed",
            FlagKind::LowQualityMission => "Took part in a low-quality mission",
            FlagKind::StatementContradictsCredibleObservers => {
                "Statement contradicts credible observers"
            }
        }
    }
}

impl Condition {
    /// The condition in words, for the methodology page.
    pub fn describe(&self) -> String {
        match self {
            Condition::Designated => "curators designated it as a benchmark".to_owned(),
            Condition::AnyFlag(kinds) => {
                let names: Vec<String> = kinds
                    .iter()
                    .map(|kind| format!("“{}”", kind.label()))
                    .collect();
                let list = match names.split_last() {
                    Some((last, [])) => last.clone(),
                    Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                    None => String::new(),
                };
                format!("it has the flag {list}")
            }
            Condition::ContradictedOnce => {
                "it contradicted credible observers at least once (even below the threshold of the flag)"
                    .to_owned()
            }
            Condition::NoComparableMission => "none of its missions is comparable".to_owned(),
            Condition::Otherwise => {
                "otherwise: its comparable verdicts agree with the consensus".to_owned()
            }
        }
    }
}

impl Comparison {
    /// What credible observers found, in words, or why there is nothing to compare.
    pub fn consensus_label(&self) -> String {
        match self.consensus() {
            Some(consensus) => format!(
                "{} ({})",
                METHODOLOGY.reading(consensus).label(),
                score(consensus)
            ),
            None => "No credible assessment".to_owned(),
        }
    }

    /// The divergence, signed, with what it means.
    pub fn divergence_label(&self) -> String {
        match self {
            Comparison::Compared {
                divergence,
                contradiction: true,
                ..
            } => format!("{} — contradicts credible observers", signed(*divergence)),
            Comparison::Compared { divergence, .. } if *divergence > 0.0 => {
                format!("{} — kinder, within the margin", signed(*divergence))
            }
            Comparison::Compared { divergence, .. } if *divergence < 0.0 => {
                format!("{} — harsher", signed(*divergence))
            }
            Comparison::Compared { .. } => "0 — agrees".to_owned(),
            Comparison::NoVerdict { .. } => "No verdict to compare".to_owned(),
            Comparison::NoConsensus => "Nothing to compare with".to_owned(),
        }
    }
}

/// A consensus score, as "1" or "2.5".
pub fn score(value: impl Borrow<f64>) -> String {
    let value = *value.borrow();
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

fn signed(value: f64) -> String {
    if value > 0.0 {
        format!("+{}", score(value))
    } else if value < 0.0 {
        format!("−{}", score(-value))
    } else {
        "0".to_owned()
    }
}

/// A share as a whole percentage: 0.5 → "50%".
pub fn percent(share: impl Borrow<f64>) -> String {
    format!("{:.0}%", share.borrow() * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::election::Election;

    #[test]
    fn election_titles() {
        let election = ElectionInCountry {
            election: Election {
                id: "tjk-2020-10-11-presidential".into(),
                country: "TJK".into(),
                held_on: NaiveDate::from_ymd_opt(2020, 10, 11).unwrap(),
                kind: ElectionKind::Presidential,
                round: None,
                legitimacy: Legitimacy::Recognized,
                notes: None,
            },
            country_name: "Tajikistan".into(),
        };
        assert_eq!(
            election.title(),
            "Tajikistan, presidential election, 11 October 2020"
        );
    }
}
