//! What each record's page shows, assembled in one call per page: the handlers only parse their
//! parameters, call one of these functions and render the result.
//!
//! Every function takes an id already parsed at the edge ([`Slug`], [`Iso3`]) and returns `None`
//! when no such record exists.

use diesel::QueryResult;

use super::country::Country;
use super::derived::{self, StoredRating};
use super::election::{Election, ElectionFilter, ElectionInCountry, ElectionListing};
use super::individual::{Individual, IndividualFilter, IndividualListing};
use super::mission::{Mission, MissionDetail};
use super::organization::{Organization, OrganizationRef};
use super::participation::{Participation, ParticipationDetail};
use super::sanction::Sanction;
use super::source::{CitedText, Source};
use super::{Page, PageRequest, SubjectType};
use crate::credibility::{Flag, FlagKind};
use crate::db::DbConn;
use crate::domain::{Iso3, Slug};

/// Evidence missions listed under a flag; the rest are counted (the missions table lists all).
pub const EVIDENCE_SHOWN: usize = 10;

/// A flag with the missions that raised it (sanction flags point at the sanctions list instead).
#[derive(Debug, Clone)]
pub struct FlagEvidence {
    pub flag: Flag,
    /// The first [`EVIDENCE_SHOWN`] missions of the evidence.
    pub missions: Vec<MissionDetail>,
    /// How many more missions the flag rests on.
    pub more: usize,
}

/// An organization's page.
#[derive(Debug, Clone)]
pub struct OrganizationProfile {
    pub organization: Organization,
    pub notes: Option<CitedText>,
    pub benchmark_reason: Option<CitedText>,
    pub country: Option<Country>,
    pub rating: Option<StoredRating>,
    pub flags: Vec<FlagEvidence>,
    pub missions: Page<MissionDetail>,
    pub sanctions: Vec<SanctionShown>,
}

/// A sanction or exposure with its source and its description's citations resolved.
#[derive(Debug, Clone)]
pub struct SanctionShown {
    pub sanction: Sanction,
    pub source: Source,
    pub description: CitedText,
}

fn sanctions(
    conn: &mut DbConn,
    subject_type: SubjectType,
    id: &str,
) -> QueryResult<Vec<SanctionShown>> {
    let found = Sanction::about(conn, subject_type, id)?;
    let texts: Vec<Option<&str>> = found
        .iter()
        .map(|(s, _)| Some(s.description.as_str()))
        .collect();
    let descriptions = CitedText::resolve_all(conn, &texts)?;
    Ok(found
        .into_iter()
        .zip(descriptions)
        .map(|((sanction, source), description)| SanctionShown {
            sanction,
            source,
            description: description.unwrap_or(CitedText(Vec::new())),
        })
        .collect())
}

/// Loads an organization's page, with one page of its missions.
pub fn organization(
    conn: &mut DbConn,
    id: &Slug,
    missions: PageRequest,
) -> QueryResult<Option<OrganizationProfile>> {
    let id = id.as_str();
    let Some(organization) = Organization::find(conn, id)? else {
        return Ok(None);
    };
    let country = match &organization.hq_country {
        Some(iso3) => Country::find(conn, iso3)?,
        None => None,
    };
    let flags = derived::flags_of(conn, SubjectType::Organization, id)?
        .into_iter()
        .map(|flag| flag_evidence(conn, flag))
        .collect::<QueryResult<Vec<_>>>()?;
    let mut cited = CitedText::resolve_all(
        conn,
        &[
            organization.notes.as_deref(),
            organization.benchmark_reason.as_deref(),
        ],
    )?
    .into_iter();
    Ok(Some(OrganizationProfile {
        notes: cited.next().flatten(),
        benchmark_reason: cited.next().flatten(),
        country,
        rating: derived::rating_of(conn, id)?,
        flags,
        missions: Mission::of_organization(conn, id, missions)?,
        sanctions: sanctions(conn, SubjectType::Organization, id)?,
        organization,
    }))
}

/// The first missions a flag rests on, and how many more there are.
fn flag_evidence(conn: &mut DbConn, flag: Flag) -> QueryResult<FlagEvidence> {
    let missions = match flag.kind {
        FlagKind::SanctionedOrExposed | FlagKind::NoDop => Vec::new(),
        _ => {
            let shown = flag.evidence.len().min(EVIDENCE_SHOWN);
            Mission::with_ids(conn, &flag.evidence[..shown])?
        }
    };
    let more = if missions.is_empty() {
        0
    } else {
        flag.evidence.len() - missions.len()
    };
    Ok(FlagEvidence {
        flag,
        missions,
        more,
    })
}

/// An election's page: every observer's verdict and the consensus.
#[derive(Debug, Clone)]
pub struct ElectionProfile {
    pub election: ElectionInCountry,
    pub notes: Option<CitedText>,
    pub missions: Vec<MissionDetail>,
    pub individuals: Vec<ParticipationDetail>,
    pub consensus: Option<f64>,
    pub benchmark_assessments: i32,
}

pub fn election(conn: &mut DbConn, id: &Slug) -> QueryResult<Option<ElectionProfile>> {
    let id = id.as_str();
    let Some(election) = Election::find(conn, id)? else {
        return Ok(None);
    };
    let (consensus, benchmark_assessments) = derived::consensus_of(conn, id)?;
    let notes = CitedText::resolve_all(conn, &[election.election.notes.as_deref()])?
        .pop()
        .flatten();
    Ok(Some(ElectionProfile {
        notes,
        election,
        missions: Mission::at_election(conn, id)?,
        individuals: Participation::at_election(conn, id)?,
        consensus,
        benchmark_assessments,
    }))
}

/// A mission's page: the mission and its named members.
#[derive(Debug, Clone)]
pub struct MissionProfile {
    pub detail: MissionDetail,
    pub members: Vec<ParticipationDetail>,
}

pub fn mission(conn: &mut DbConn, id: &Slug) -> QueryResult<Option<MissionProfile>> {
    let Some(detail) = Mission::find(conn, id.as_str())? else {
        return Ok(None);
    };
    Ok(Some(MissionProfile {
        members: Participation::in_mission(conn, id.as_str())?,
        detail,
    }))
}

/// An individual's page.
#[derive(Debug, Clone)]
pub struct IndividualProfile {
    pub individual: Individual,
    pub notes: Option<CitedText>,
    pub country_name: Option<String>,
    pub participations: Vec<ParticipationDetail>,
    pub sanctions: Vec<SanctionShown>,
    pub flags: Vec<Flag>,
}

pub fn individual(conn: &mut DbConn, id: &Slug) -> QueryResult<Option<IndividualProfile>> {
    let id = id.as_str();
    let Some((individual, country_name)) = Individual::find(conn, id)? else {
        return Ok(None);
    };
    let notes = CitedText::resolve_all(conn, &[individual.notes.as_deref()])?
        .pop()
        .flatten();
    Ok(Some(IndividualProfile {
        notes,
        individual,
        country_name,
        participations: Participation::of_individual(conn, id)?,
        sanctions: sanctions(conn, SubjectType::Individual, id)?,
        flags: derived::flags_of(conn, SubjectType::Individual, id)?,
    }))
}

/// A country's page: its first elections and individuals, and the organizations based there.
#[derive(Debug, Clone)]
pub struct CountryProfile {
    pub country: Country,
    pub elections: Page<ElectionListing>,
    pub organizations: Vec<OrganizationRef>,
    pub individuals: Page<IndividualListing>,
}

pub fn country(conn: &mut DbConn, iso3: &Iso3, shown: i64) -> QueryResult<Option<CountryProfile>> {
    let Some(country) = Country::find(conn, iso3.as_str())? else {
        return Ok(None);
    };
    let first = PageRequest::new(1, shown);
    let elections = ElectionFilter {
        country: Some(iso3.clone()),
        ..ElectionFilter::default()
    };
    let individuals = IndividualFilter {
        country: Some(iso3.clone()),
        ..IndividualFilter::default()
    };
    Ok(Some(CountryProfile {
        elections: Election::list(conn, &elections, first)?,
        organizations: Organization::based_in(conn, iso3.as_str())?,
        individuals: Individual::list(conn, &individuals, first)?,
        country,
    }))
}
