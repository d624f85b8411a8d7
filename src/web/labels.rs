//! The message catalogue: how the domain's codes and values read on the pages, in one place.

use chrono::NaiveDate;

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
