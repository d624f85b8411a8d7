//! The closed vocabularies of the registry (DESIGN.md §3–4). Each is stored as its snake_case code in
//! the database and in CSV files; `FromStr`/`TryFrom<String>` reject any other text.

use serde::{Deserialize, Serialize};
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

/// Implements the conversions diesel and askama need for a vocabulary stored as text.
macro_rules! stored_as_text {
    ($($name:ident),* $(,)?) => {$(
        impl $name {
            /// The code written to the database and to CSV files.
            pub fn code(self) -> &'static str {
                self.into()
            }

            /// Every value, in the order of the scale.
            pub fn all() -> impl Iterator<Item = Self> {
                <Self as strum::IntoEnumIterator>::iter()
            }
        }

        impl TryFrom<String> for $name {
            type Error = strum::ParseError;
            fn try_from(code: String) -> Result<Self, Self::Error> {
                code.parse()
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.code().to_owned()
            }
        }
    )*};
}

pub(crate) use stored_as_text;

/// What kind of body an observer organization is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    AsRefStr,
    Display,
    EnumIter,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    Intergovernmental,
    Parliamentary,
    InternationalNgo,
    DomesticNgo,
    Private,
    StateBody,
    Other,
}

/// What was voted on.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    AsRefStr,
    Display,
    EnumIter,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ElectionKind {
    Presidential,
    Parliamentary,
    General,
    Referendum,
    Local,
    Other,
}

/// Whether a vote had a legal basis at all. Observing a `Sham` vote is itself a red flag.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    AsRefStr,
    Display,
    EnumIter,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Legitimacy {
    Recognized,
    Sham,
}

/// How a mission observed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    AsRefStr,
    Display,
    EnumIter,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum MissionKind {
    LongTerm,
    ShortTerm,
    Expert,
    Assessment,
    Delegation,
    Unknown,
}

/// A mission's overall verdict on an election, coded from its own statement (DESIGN.md §4).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    AsRefStr,
    Display,
    EnumIter,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Positive,
    PositiveWithReservations,
    Negative,
    Fraudulent,
    /// The mission published no assessment.
    None,
}

impl Verdict {
    /// The ordinal score of DESIGN.md §4: 3 (positive) down to 0 (fraudulent); `None` has no score.
    pub fn score(self) -> Option<u8> {
        match self {
            Verdict::Positive => Some(3),
            Verdict::PositiveWithReservations => Some(2),
            Verdict::Negative => Some(1),
            Verdict::Fraudulent => Some(0),
            Verdict::None => None,
        }
    }
}

/// What an individual did in a mission or at an election.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    AsRefStr,
    Display,
    EnumIter,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Observer,
    HeadOfMission,
    DeputyHeadOfMission,
    Spokesperson,
    Member,
    Organizer,
    Other,
}

/// Whom a sanction or a reply is about.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    AsRefStr,
    Display,
    EnumIter,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SubjectType {
    Organization,
    Individual,
}

/// A curator-recorded fact that counts against an observer.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    AsRefStr,
    Display,
    EnumIter,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SanctionKind {
    Sanction,
    Exposure,
    Dissolution,
}

stored_as_text!(
    OrganizationKind,
    ElectionKind,
    Legitimacy,
    MissionKind,
    Verdict,
    Role,
    SubjectType,
    SanctionKind,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for verdict in Verdict::all() {
            assert_eq!(verdict.code().parse::<Verdict>().unwrap(), verdict);
        }
        assert_eq!(
            Verdict::PositiveWithReservations.code(),
            "positive_with_reservations"
        );
        assert_eq!(
            OrganizationKind::InternationalNgo.code(),
            "international_ngo"
        );
        assert_eq!(Role::HeadOfMission.code(), "head_of_mission");
        assert!("Positive".parse::<Verdict>().is_err());
        assert!("".parse::<ElectionKind>().is_err());
    }

    #[test]
    fn scores_follow_the_scale() {
        assert_eq!(Verdict::Positive.score(), Some(3));
        assert_eq!(Verdict::PositiveWithReservations.score(), Some(2));
        assert_eq!(Verdict::Negative.score(), Some(1));
        assert_eq!(Verdict::Fraudulent.score(), Some(0));
        assert_eq!(Verdict::None.score(), None);
    }
}
