//! From the model's domain types to the API's bodies.

use super::types::{
    ComparisonBody, ConsensusBody, CountryBody, ElectionSummary, EvidenceKind, FlagBody,
    IndividualLink, IndividualSummary, MissionBody, OrganizationLink, OrganizationRecord,
    OrganizationSummary, ParticipationBody, RatingBody, ReleaseBody, SanctionBody, SenderLink,
    SourceBody, TableChangeBody,
};
use crate::credibility::{Comparison, Flag, FlagKind, METHODOLOGY};
use crate::model::country::Country;
use crate::model::derived::StoredRating;
use crate::model::election::{ElectionInCountry, ElectionListing};
use crate::model::individual::{Individual, IndividualListing};
use crate::model::mission::MissionDetail as ModelMission;
use crate::model::organization::{Organization, OrganizationListing, OrganizationRef};
use crate::model::participation::ParticipationDetail;
use crate::model::release::Release;
use crate::model::sanction::Sanction;
use crate::model::source::Source;
use crate::model::{Page, SubjectType};
use crate::web::query::Pager;

/// Where the methodology is explained.
const METHODOLOGY_PAGE: &str = "/methodology";

fn aliases(organization: &Organization) -> Vec<String> {
    organization.alias_list().map(str::to_owned).collect()
}

/// The page fields of a list body: count, number and links.
pub struct PageLinks {
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub next: Option<String>,
    pub previous: Option<String>,
}

impl PageLinks {
    /// The links of `page`, keeping `filters`, under `path`.
    pub fn of<T>(page: &Page<T>, path: &str, filters: &[(&str, Option<String>)]) -> PageLinks {
        let pager = Pager::new(page, path, filters);
        PageLinks {
            total: page.total,
            page: page.number(),
            per_page: page.request.per_page,
            next: pager.next_href,
            previous: pager.previous_href,
        }
    }
}

/// Builds a list body from the model's page, converting each item.
macro_rules! page_body {
    ($body:ident, $page:expr, $links:expr, $convert:expr) => {{
        let links: $crate::web::api::convert::PageLinks = $links;
        $body {
            items: $page.items.into_iter().map($convert).collect(),
            total: links.total,
            page: links.page,
            per_page: links.per_page,
            next: links.next,
            previous: links.previous,
        }
    }};
}
pub(crate) use page_body;

pub fn country(country: Country) -> CountryBody {
    CountryBody {
        href: format!("/api/v1/countries/{}", country.iso3),
        page: format!("/countries/{}", country.iso3),
        iso3: country.iso3,
        name: country.name,
    }
}

pub fn organization_summary(listing: OrganizationListing) -> OrganizationSummary {
    let org = listing.organization;
    OrganizationSummary {
        aliases: aliases(&org),
        href: format!("/api/v1/organizations/{}", org.id),
        page: format!("/organizations/{}", org.id),
        id: org.id,
        name: org.name,
        acronym: org.acronym,
        kind: org.kind,
        hq_country: org.hq_country,
        country_name: listing.country_name,
        missions: listing.missions,
        rating: listing.rating,
        methodology_version: METHODOLOGY.version.to_owned(),
    }
}

pub fn organization_record(org: Organization) -> OrganizationRecord {
    OrganizationRecord {
        aliases: aliases(&org),
        href: format!("/api/v1/organizations/{}", org.id),
        page: format!("/organizations/{}", org.id),
        id: org.id,
        name: org.name,
        acronym: org.acronym,
        kind: org.kind,
        hq_country: org.hq_country,
        founded_on: org.founded_on,
        dissolved_on: org.dissolved_on,
        dop_endorser: org.dop_endorser,
        benchmark: org.benchmark,
        benchmark_reason: org.benchmark_reason,
        website: org.website,
        notes: org.notes,
    }
}

pub fn organization_link(
    org: OrganizationRef,
    rating: Option<crate::domain::Rating>,
) -> OrganizationLink {
    OrganizationLink {
        href: format!("/api/v1/organizations/{}", org.id),
        id: org.id,
        name: org.name,
        acronym: org.acronym,
        benchmark: org.benchmark,
        rating,
    }
}

pub fn rating(stored: StoredRating) -> RatingBody {
    RatingBody {
        rating: stored.rating,
        comparable_missions: stored.comparable_missions,
        contradictions: stored.contradictions,
        methodology_version: stored.methodology_version,
        methodology: METHODOLOGY_PAGE.to_owned(),
    }
}

pub fn flag(subject: SubjectType, flag: Flag) -> FlagBody {
    let evidence_kind = if flag.evidence.is_empty() {
        EvidenceKind::None
    } else {
        match (subject, flag.kind) {
            (_, FlagKind::SanctionedOrExposed) => EvidenceKind::Sanctions,
            (SubjectType::Organization, _) => EvidenceKind::Missions,
            (SubjectType::Individual, _) => EvidenceKind::Participations,
        }
    };
    FlagBody {
        flag: flag.kind,
        evidence_kind,
        evidence: flag.evidence,
        methodology_version: METHODOLOGY.version.to_owned(),
    }
}

pub fn source(source: Source) -> SourceBody {
    SourceBody {
        href: format!("/api/v1/sources/{}", source.id),
        id: source.id,
        url: source.url,
        title: source.title,
        publisher: source.publisher,
        published_on: source.published_on,
        archived_url: source.archived_url,
    }
}

pub fn sanction((sanction, found_in): (Sanction, Source)) -> SanctionBody {
    SanctionBody {
        id: sanction.id,
        subject_type: sanction.subject_type,
        subject_id: sanction.subject_id,
        kind: sanction.kind,
        imposed_by: sanction.imposed_by,
        imposed_on: sanction.imposed_on,
        description: sanction.description,
        source: source(found_in),
    }
}

pub fn election(election: ElectionInCountry, missions: Option<i64>) -> ElectionSummary {
    let e = election.election;
    ElectionSummary {
        href: format!("/api/v1/elections/{}", e.id),
        page: format!("/elections/{}", e.id),
        id: e.id,
        country: e.country,
        country_name: election.country_name,
        held_on: e.held_on,
        kind: e.kind,
        round: e.round,
        legitimacy: e.legitimacy,
        notes: e.notes,
        missions,
    }
}

pub fn election_listing(listing: ElectionListing) -> ElectionSummary {
    election(listing.election, Some(listing.missions))
}

pub fn mission(detail: ModelMission) -> MissionBody {
    let comparison = match detail.comparison(&METHODOLOGY) {
        Comparison::NoConsensus => ComparisonBody {
            consensus: None,
            divergence: None,
            contradiction: false,
        },
        Comparison::NoVerdict { consensus } => ComparisonBody {
            consensus: Some(consensus),
            divergence: None,
            contradiction: false,
        },
        Comparison::Compared {
            consensus,
            divergence,
            contradiction,
        } => ComparisonBody {
            consensus: Some(consensus),
            divergence: Some(divergence),
            contradiction,
        },
    };
    let m = detail.mission;
    MissionBody {
        href: format!("/api/v1/missions/{}", m.id),
        page: format!("/missions/{}", m.id),
        id: m.id,
        organization: organization_link(detail.organization, detail.organization_rating),
        election: election(detail.election, None),
        kind: m.kind,
        observers: m.observers,
        arrived_on: m.arrived_on,
        verdict: m.verdict,
        verdict_quote: m.verdict_quote,
        comparison,
        source: source(detail.source),
    }
}

pub fn participation(detail: ParticipationDetail) -> ParticipationBody {
    let p = detail.participation;
    let person = detail.individual;
    ParticipationBody {
        id: p.id,
        individual: IndividualLink {
            href: format!("/api/v1/individuals/{}", person.id),
            id: person.id,
            name: person.name,
            name_original: person.name_original,
        },
        mission_id: p.mission_id,
        organization: detail.organization.map(|org| SenderLink {
            href: format!("/api/v1/organizations/{}", org.id),
            id: org.id,
            name: org.name,
            acronym: org.acronym,
        }),
        election: election(detail.election, None),
        role: p.role,
        statement: p.statement,
        statement_verdict: p.statement_verdict,
        source: source(detail.source),
    }
}

pub fn individual(
    person: Individual,
    country_name: Option<String>,
    participations: Option<i64>,
) -> IndividualSummary {
    IndividualSummary {
        href: format!("/api/v1/individuals/{}", person.id),
        page: format!("/individuals/{}", person.id),
        id: person.id,
        name: person.name,
        name_original: person.name_original,
        country: person.country,
        country_name,
        affiliation: person.affiliation,
        notes: person.notes,
        participations,
    }
}

pub fn individual_listing(listing: IndividualListing) -> IndividualSummary {
    individual(
        listing.individual,
        listing.country_name,
        Some(listing.participations),
    )
}

pub fn consensus(score: Option<f64>, benchmark_assessments: i32) -> ConsensusBody {
    ConsensusBody {
        score,
        verdict: score.map(|score| METHODOLOGY.reading(score)),
        benchmark_assessments,
        methodology_version: METHODOLOGY.version.to_owned(),
    }
}

pub fn release(release: Release, base: &str) -> ReleaseBody {
    let changes = release
        .changes()
        .into_iter()
        .map(|change| TableChangeBody {
            table: change.table,
            added: change.added,
            changed: change.changed,
            removed: change.removed,
            rows: change.rows,
        })
        .collect();
    let download = release.archive_path();
    ReleaseBody {
        citation: format!(
            "Observer Registry (release {}, {}). Election observer organizations, missions and verdicts. Methodology version {}. CC-BY-4.0. {base}{download}",
            release.id,
            release.released_at.format("%Y-%m-%d"),
            release.methodology_version,
        ),
        id: release.id,
        released_at: release
            .released_at
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
        methodology_version: release.methodology_version,
        changes,
        download,
    }
}
