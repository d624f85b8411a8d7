//! The registry's shared vocabulary: the closed code lists of DESIGN.md §3–5 and the edge types
//! (`Slug`, `Iso3`) that input is parsed into before it reaches a query.
//!
//! Both `model` (the database) and `credibility` (the methodology) use these types; neither
//! depends on the other for them.

pub mod citation;
pub mod ids;
pub mod vocabulary;

pub use ids::{Iso3, Slug};
pub use vocabulary::{
    AccountRole, ChangeAction, ChangeSetKind, ElectionKind, FlagKind, Legitimacy, MissionKind,
    OrganizationKind, Rating, RecordKind, Role, SanctionKind, SubjectType, SubmissionKind,
    SubmissionState, Verdict,
};
