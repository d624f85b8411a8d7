//! The closed vocabularies of the registry (DESIGN.md §3–5), each defined once, here.
//!
//! Each is stored as its snake_case code in the database and in CSV files. The [`vocabulary!`]
//! macro gives every one of them the same conversions: diesel reads and writes the enum directly
//! as `Text` on both backends (a stored code that is not in the list is a deserialization error,
//! never a silent default), serde and strum use the same codes, and `all()` lists the values in
//! the order of the scale. A test checks that both migrations' `CHECK` lists hold exactly these
//! codes.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;

/// Defines a vocabulary enum with its codes and its database conversions.
macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident,)* }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
            strum::EnumString, strum::IntoStaticStr, strum::AsRefStr, strum::Display,
            strum::EnumIter, diesel::AsExpression, diesel::FromSqlRow,
        )]
        #[strum(serialize_all = "snake_case")]
        #[serde(rename_all = "snake_case")]
        #[diesel(sql_type = Text)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

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

        impl ToSql<Text, Sqlite> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                <str as ToSql<Text, Sqlite>>::to_sql(self.code(), out)
            }
        }

        impl ToSql<Text, Pg> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <str as ToSql<Text, Pg>>::to_sql(self.code(), out)
            }
        }

        impl ToSql<Text, crate::db::Backend> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut Output<'b, '_, crate::db::Backend>,
            ) -> serialize::Result {
                <str as ToSql<Text, crate::db::Backend>>::to_sql(self.code(), out)
            }
        }

        impl FromSql<Text, Sqlite> for $name {
            fn from_sql(bytes: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                from_code(&<String as FromSql<Text, Sqlite>>::from_sql(bytes)?)
            }
        }

        impl FromSql<Text, Pg> for $name {
            fn from_sql(bytes: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                from_code(&<String as FromSql<Text, Pg>>::from_sql(bytes)?)
            }
        }

        impl FromSql<Text, crate::db::Backend> for $name {
            fn from_sql(
                bytes: <crate::db::Backend as Backend>::RawValue<'_>,
            ) -> deserialize::Result<Self> {
                from_code(&<String as FromSql<Text, crate::db::Backend>>::from_sql(bytes)?)
            }
        }
    };
}

/// Reads a stored code; an unknown code is an error that names it.
fn from_code<T: std::str::FromStr>(code: &str) -> deserialize::Result<T> {
    code.parse::<T>().map_err(|_| {
        format!(
            "unknown code {code:?} for {}",
            std::any::type_name::<T>()
                .rsplit("::")
                .next()
                .unwrap_or("a vocabulary")
        )
        .into()
    })
}

vocabulary! {
    /// What kind of body an observer organization is.
    pub enum OrganizationKind {
        Intergovernmental,
        Parliamentary,
        InternationalNgo,
        DomesticNgo,
        Private,
        StateBody,
        Other,
    }
}

vocabulary! {
    /// What was voted on.
    pub enum ElectionKind {
        Presidential,
        Parliamentary,
        General,
        Referendum,
        Local,
        Other,
    }
}

vocabulary! {
    /// Whether a vote had a legal basis at all. Observing a `Sham` vote is itself a red flag.
    pub enum Legitimacy {
        Recognized,
        Sham,
    }
}

vocabulary! {
    /// How a mission observed.
    pub enum MissionKind {
        LongTerm,
        ShortTerm,
        Expert,
        Assessment,
        Delegation,
        Unknown,
    }
}

vocabulary! {
    /// A mission's overall verdict on an election, coded from its own statement (DESIGN.md §4).
    pub enum Verdict {
        Positive,
        PositiveWithReservations,
        Negative,
        Fraudulent,
        /// The mission published no assessment.
        None,
    }
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

vocabulary! {
    /// What an individual did in a mission or at an election.
    pub enum Role {
        Observer,
        HeadOfMission,
        DeputyHeadOfMission,
        Spokesperson,
        Member,
        Organizer,
        Other,
    }
}

vocabulary! {
    /// Whom a sanction or a reply is about.
    pub enum SubjectType {
        Organization,
        Individual,
    }
}

vocabulary! {
    /// A curator-recorded fact that counts against an observer.
    pub enum SanctionKind {
        Sanction,
        Exposure,
        Dissolution,
    }
}

vocabulary! {
    /// An organization's standing, from flags by the rating rules of the methodology.
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
}

impl Rating {
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

vocabulary! {
    /// The flags of DESIGN.md §5 (organizations) and of individuals.
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
}

vocabulary! {
    /// What a curator's account may do: curators edit the data and moderate; admins also import,
    /// restore deleted records and revoke sessions.
    pub enum AccountRole {
        Curator,
        Admin,
    }
}

vocabulary! {
    /// The kinds of record a curator edits, a history lists and the public may reply to or correct.
    pub enum RecordKind {
        Organization,
        Election,
        Mission,
        Individual,
        Participation,
        Source,
        Sanction,
    }
}

vocabulary! {
    /// What one recorded change set did.
    pub enum ChangeSetKind {
        Edit,
        Delete,
        Restore,
        Import,
        Moderation,
    }
}

vocabulary! {
    /// What a recorded change did to its record.
    pub enum ChangeAction {
        Insert,
        Update,
        Delete,
        Restore,
        /// A summary row of an import made before changes were recorded per record.
        Import,
    }
}

vocabulary! {
    /// A reply from someone the registry names, or a correction suggested by anyone.
    pub enum SubmissionKind {
        Reply,
        Correction,
    }
}

vocabulary! {
    /// Where a submission stands in the moderation queue.
    pub enum SubmissionState {
        Pending,
        Accepted,
        Rejected,
    }
}

/// Every vocabulary's codes by the name of the table column that stores it, for the test that
/// holds the migrations' `CHECK` lists to the enums.
pub fn stored_columns() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    fn codes<T: Into<&'static str>>(values: impl Iterator<Item = T>) -> Vec<&'static str> {
        values.map(Into::into).collect()
    }
    vec![
        ("organizations", "kind", codes(OrganizationKind::all())),
        ("elections", "kind", codes(ElectionKind::all())),
        ("elections", "legitimacy", codes(Legitimacy::all())),
        ("missions", "kind", codes(MissionKind::all())),
        ("missions", "verdict", codes(Verdict::all())),
        ("participations", "role", codes(Role::all())),
        ("participations", "statement_verdict", codes(Verdict::all())),
        ("sanctions", "subject_type", codes(SubjectType::all())),
        ("sanctions", "kind", codes(SanctionKind::all())),
        ("organization_ratings", "rating", codes(Rating::all())),
        ("flags", "subject_type", codes(SubjectType::all())),
        ("flags", "flag", codes(FlagKind::all())),
        ("users", "role", codes(AccountRole::all())),
        ("change_sets", "kind", codes(ChangeSetKind::all())),
        ("submissions", "kind", codes(SubmissionKind::all())),
        ("submissions", "subject_type", codes(RecordKind::all())),
        ("submissions", "state", codes(SubmissionState::all())),
    ]
}

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
        assert_eq!(Rating::LowQuality.code(), "low_quality");
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

    #[test]
    fn unknown_stored_codes_are_errors() {
        let err = from_code::<Verdict>("great").unwrap_err();
        assert!(err.to_string().contains("\"great\""), "{err}");
        assert!(err.to_string().contains("Verdict"), "{err}");
    }
}
