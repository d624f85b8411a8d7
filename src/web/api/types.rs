//! The JSON bodies of the API. `/api/openapi.json` is generated from these types (with `utoipa`),
//! so the description and the answers cannot drift apart; a contract test checks every endpoint.
//!
//! Field names follow the CSV contract (DESIGN.md §6); `href` is the record's address in the API
//! and `page` its page on the site.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{
    ElectionKind, FlagKind, Legitimacy, MissionKind, OrganizationKind, Rating, Role, SanctionKind,
    SubjectType, Verdict,
};

/// Every API error: a message and the HTTP status, as the page would answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiErrorBody {
    /// What went wrong, in plain words.
    pub error: String,
    /// The HTTP status code of the response.
    pub status: u16,
    /// For a `400`, each query parameter that could not be used.
    pub problems: Vec<ProblemBody>,
}

/// A parameter that could not be used, with what was expected.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemBody {
    pub parameter: String,
    pub value: String,
    pub expected: String,
}

/// Defines the body of one page of a list: the items, the count and the links to move on.
macro_rules! page_of {
    ($(#[$meta:meta])* $name:ident, $item:ty) => {
        $(#[$meta])*
        #[derive(Debug, Serialize, ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Rows matching the filters, over all pages.
            pub total: i64,
            /// This page's number, from 1.
            pub page: i64,
            pub per_page: i64,
            /// The next page, with the same filters; `null` on the last page.
            pub next: Option<String>,
            /// The previous page; `null` on the first.
            pub previous: Option<String>,
        }
    };
}

page_of!(
    /// One page of the organizations list.
    OrganizationPage,
    OrganizationSummary
);
page_of!(
    /// One page of the elections list.
    ElectionPage,
    ElectionSummary
);
page_of!(
    /// One page of missions.
    MissionPage,
    MissionBody
);
page_of!(
    /// One page of the individuals list.
    IndividualPage,
    IndividualSummary
);
page_of!(
    /// The countries (all on one page).
    CountryPage,
    CountryBody
);
page_of!(
    /// One page of sources.
    SourcePage,
    SourceBody
);

/// A country by its ISO 3166-1 alpha-3 code.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountryBody {
    #[schema(pattern = "^[A-Z]{3}$", example = "TJK")]
    pub iso3: String,
    pub name: String,
    pub href: String,
    pub page: String,
}

/// An organization as a list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationSummary {
    #[schema(example = "sco")]
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    pub aliases: Vec<String>,
    pub kind: OrganizationKind,
    pub hq_country: Option<String>,
    pub country_name: Option<String>,
    /// Missions in the registry.
    pub missions: i64,
    /// The registry's rating (`null` only before the first computation).
    pub rating: Option<Rating>,
    /// The methodology version that produced the rating.
    pub methodology_version: String,
    pub href: String,
    pub page: String,
}

/// An organization's own fields, as in `organizations.csv`.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationRecord {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    pub aliases: Vec<String>,
    pub kind: OrganizationKind,
    pub hq_country: Option<String>,
    pub founded_on: Option<NaiveDate>,
    pub dissolved_on: Option<NaiveDate>,
    /// Endorsed the 2005 Declaration of Principles for International Election Observation.
    pub dop_endorser: bool,
    /// Used by curators as a credible reference.
    pub benchmark: bool,
    pub benchmark_reason: Option<String>,
    pub website: Option<String>,
    pub notes: Option<String>,
    pub href: String,
    pub page: String,
}

/// An organization's rating with the methodology that produced it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingBody {
    pub rating: Rating,
    /// Missions with a verdict at an election with a benchmark consensus.
    pub comparable_missions: i32,
    /// Elections at which it contradicted the consensus.
    pub contradictions: i32,
    pub methodology_version: String,
    /// The page that explains the methodology.
    pub methodology: String,
}

/// What the evidence ids of a flag are.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    Missions,
    Participations,
    Sanctions,
    None,
}

/// A flag with the ids of the records that raised it.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlagBody {
    pub flag: FlagKind,
    pub evidence_kind: EvidenceKind,
    pub evidence: Vec<String>,
    pub methodology_version: String,
}

/// A sanction, exposure or dissolution recorded about an organization or individual.
#[derive(Debug, Serialize, ToSchema)]
pub struct SanctionBody {
    pub id: String,
    pub subject_type: SubjectType,
    pub subject_id: String,
    pub kind: SanctionKind,
    pub imposed_by: Option<String>,
    pub imposed_on: Option<NaiveDate>,
    pub description: String,
    pub source: SourceBody,
}

/// One organization with everything its page shows.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationDetail {
    pub organization: OrganizationRecord,
    pub country: Option<CountryBody>,
    pub rating: Option<RatingBody>,
    pub flags: Vec<FlagBody>,
    pub sanctions: Vec<SanctionBody>,
    /// Its missions, newest election first (`?page=` pages through them).
    pub missions: MissionPage,
}

/// A source document.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceBody {
    pub id: String,
    /// The document's own address.
    pub url: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub archived_url: Option<String>,
    pub href: String,
}

/// An election as other records show it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ElectionSummary {
    #[schema(example = "tjk-2020-10-11-presidential")]
    pub id: String,
    pub country: String,
    pub country_name: String,
    pub held_on: NaiveDate,
    pub kind: ElectionKind,
    pub round: Option<i32>,
    pub legitimacy: Legitimacy,
    pub notes: Option<String>,
    /// Missions in the registry (absent where the election is shown inside a mission).
    pub missions: Option<i64>,
    pub href: String,
    pub page: String,
}

/// The organization of a mission.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationLink {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    pub benchmark: bool,
    pub rating: Option<Rating>,
    pub href: String,
}

/// How a verdict compares with the benchmark consensus of its election.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComparisonBody {
    /// The median score of the benchmark missions (0–3); `null` without a benchmark assessment.
    pub consensus: Option<f64>,
    /// The mission's score minus the consensus; `null` when either is missing.
    pub divergence: Option<f64>,
    /// Whether it praised an election credible observers found seriously flawed.
    pub contradiction: bool,
}

/// A mission: one organization observing one election, with its verdict.
#[derive(Debug, Serialize, ToSchema)]
pub struct MissionBody {
    #[schema(example = "sco-tjk-2020-10-11-presidential")]
    pub id: String,
    pub organization: OrganizationLink,
    pub election: ElectionSummary,
    pub kind: MissionKind,
    pub observers: Option<i32>,
    pub arrived_on: Option<NaiveDate>,
    pub verdict: Verdict,
    pub verdict_quote: Option<String>,
    pub comparison: ComparisonBody,
    pub source: SourceBody,
    pub href: String,
    pub page: String,
}

/// One mission with its named members.
#[derive(Debug, Serialize, ToSchema)]
pub struct MissionDetail {
    pub mission: MissionBody,
    pub members: Vec<ParticipationBody>,
    pub methodology_version: String,
}

/// An individual as other records show them.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndividualLink {
    pub id: String,
    pub name: String,
    pub name_original: Option<String>,
    pub href: String,
}

/// The organization that sent an individual.
#[derive(Debug, Serialize, ToSchema)]
pub struct SenderLink {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    pub href: String,
}

/// An individual at an election, in a mission or on their own.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipationBody {
    pub id: String,
    pub individual: IndividualLink,
    pub mission_id: Option<String>,
    pub organization: Option<SenderLink>,
    pub election: ElectionSummary,
    pub role: Role,
    pub statement: Option<String>,
    pub statement_verdict: Option<Verdict>,
    pub source: SourceBody,
}

/// The benchmark consensus of an election.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsensusBody {
    /// The median score of the benchmark missions (0–3), or `null` when none assessed it.
    pub score: Option<f64>,
    /// The score read as a verdict: what credible observers found.
    pub verdict: Option<Verdict>,
    pub benchmark_assessments: i32,
    pub methodology_version: String,
}

/// One election with every observer's verdict side by side and the consensus.
#[derive(Debug, Serialize, ToSchema)]
pub struct ElectionDetail {
    pub election: ElectionSummary,
    pub consensus: ConsensusBody,
    /// Missions that contradicted the consensus.
    pub contradictions: i64,
    /// Every mission, benchmark organizations first.
    pub missions: Vec<MissionBody>,
    /// Every named individual at the election.
    pub individuals: Vec<ParticipationBody>,
}

/// An individual as the list shows them.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndividualSummary {
    #[schema(example = "vladimir-norov")]
    pub id: String,
    pub name: String,
    pub name_original: Option<String>,
    pub country: Option<String>,
    pub country_name: Option<String>,
    pub affiliation: Option<String>,
    pub notes: Option<String>,
    /// Participations in the registry (absent on the individual's own record).
    pub participations: Option<i64>,
    pub href: String,
    pub page: String,
}

/// One individual with everything their page shows.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndividualDetail {
    pub individual: IndividualSummary,
    pub participations: Vec<ParticipationBody>,
    pub sanctions: Vec<SanctionBody>,
    pub flags: Vec<FlagBody>,
}

/// One country with its elections, organizations and individuals.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountryDetail {
    pub country: CountryBody,
    /// The most recent elections: the first page of `/api/v1/elections?country=`.
    pub elections: ElectionPage,
    pub organizations: Vec<OrganizationLink>,
    /// The individuals by name: the first page of `/api/v1/individuals?country=`.
    pub individuals: IndividualPage,
}

/// What one release changed in one table.
#[derive(Debug, Serialize, ToSchema)]
pub struct TableChangeBody {
    pub table: String,
    pub added: u64,
    pub changed: u64,
    pub removed: u64,
    pub rows: u64,
}

/// A numbered, dated release of the whole registry.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReleaseBody {
    pub id: i32,
    /// When it was made (UTC).
    #[schema(format = DateTime, example = "2026-12-02T03:00:00Z")]
    pub released_at: String,
    pub methodology_version: String,
    pub changes: Vec<TableChangeBody>,
    /// Its `registry.zip`, at a permanent address.
    pub download: String,
    /// A suggested citation.
    pub citation: String,
}

/// Every release, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReleaseList {
    /// The release the current data belong to.
    pub current: Option<i32>,
    pub items: Vec<ReleaseBody>,
}
