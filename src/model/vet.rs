//! Vetting an invitation list: every row's best matches among the organizations and individuals
//! of the registry, with their ratings and flags. Nothing of the list is written anywhere.

use super::find::{IndividualResult, OrganizationResult, Ranked, Records};
use super::search::{self, RecordType};
use crate::credibility::{FlagKind, Rating};
use crate::db::DbConn;
use crate::matching::Reason;

/// The longest list vetted at once.
pub const MAX_ROWS: usize = 5000;
/// Matches shown for a row's name (the organization column adds its best one).
pub const MATCHES_PER_ROW: usize = 3;
/// Rows looked up together: a few statements per chunk, never one per row.
const ROW_CHUNK: usize = 1000;

/// One row of the list: a name and, optionally, the organization the person comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VetRow {
    pub name: String,
    pub organization: Option<String>,
}

/// The record a row matched.
#[derive(Debug, Clone)]
pub enum Matched {
    Organization(OrganizationResult),
    Individual(IndividualResult),
}

/// One match of a row.
#[derive(Debug, Clone)]
pub struct VetMatch {
    pub record: Matched,
    pub score: f64,
    pub reason: Reason,
    /// Whether the row's organization column (not its name) matched.
    pub via_organization: bool,
}

impl VetMatch {
    fn from_organization(ranked: Ranked<OrganizationResult>, via_organization: bool) -> Self {
        VetMatch {
            record: Matched::Organization(ranked.record),
            score: ranked.score,
            reason: ranked.reason,
            via_organization,
        }
    }

    fn from_individual(ranked: Ranked<IndividualResult>) -> Self {
        VetMatch {
            record: Matched::Individual(ranked.record),
            score: ranked.score,
            reason: ranked.reason,
            via_organization: false,
        }
    }

    /// `organization` or `individual`, as the CSV report writes it.
    pub fn match_type(&self) -> &'static str {
        match &self.record {
            Matched::Organization(_) => RecordType::Organization.code(),
            Matched::Individual(_) => RecordType::Individual.code(),
        }
    }

    pub fn id(&self) -> &str {
        match &self.record {
            Matched::Organization(o) => &o.organization.id,
            Matched::Individual(i) => &i.individual.id,
        }
    }

    pub fn name(&self) -> String {
        match &self.record {
            Matched::Organization(o) => o.organization.display_name(),
            Matched::Individual(i) => i.individual.name.clone(),
        }
    }

    /// The page of the matched record.
    pub fn href(&self) -> String {
        format!("/{}s/{}", self.match_type(), self.id())
    }

    pub fn rating(&self) -> Option<Rating> {
        match &self.record {
            Matched::Organization(o) => o.rating,
            Matched::Individual(_) => None,
        }
    }

    pub fn flags(&self) -> &[FlagKind] {
        match &self.record {
            Matched::Organization(o) => &o.flags,
            Matched::Individual(i) => &i.flags,
        }
    }

    /// Whether the match counts as flagged: a flag other than the weak `no_dop`, which on its
    /// own never makes an organization low quality (DESIGN.md §5).
    pub fn is_flagged(&self) -> bool {
        self.flags().iter().any(|f| *f != FlagKind::NoDop)
    }
}

/// One row of the list with its matches, best first.
#[derive(Debug, Clone)]
pub struct VetLine {
    /// 1-based position in the list.
    pub row: usize,
    pub input: VetRow,
    pub matches: Vec<VetMatch>,
}

impl VetLine {
    pub fn is_flagged(&self) -> bool {
        self.matches.iter().any(VetMatch::is_flagged)
    }
}

/// The report on a whole list.
#[derive(Debug, Clone, Default)]
pub struct VetReport {
    pub lines: Vec<VetLine>,
}

impl VetReport {
    pub fn rows(&self) -> usize {
        self.lines.len()
    }

    /// Rows with at least one match.
    pub fn matched(&self) -> usize {
        self.lines.iter().filter(|l| !l.matches.is_empty()).count()
    }

    /// Rows with a flagged match.
    pub fn flagged(&self) -> usize {
        self.lines.iter().filter(|l| l.is_flagged()).count()
    }

    /// Distinct organizations rated low quality among the matches.
    pub fn low_quality_organizations(&self) -> usize {
        let mut ids: Vec<&str> = self
            .lines
            .iter()
            .flat_map(|l| &l.matches)
            .filter(|m| m.rating() == Some(Rating::LowQuality))
            .map(VetMatch::id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// Vets `rows` (at most [`MAX_ROWS`], which the caller enforces) against the registry.
#[allow(clippy::needless_pass_by_value)] // callers hand their rows over
pub fn vet(conn: &mut DbConn, rows: Vec<VetRow>) -> diesel::QueryResult<VetReport> {
    let people_and_groups = [RecordType::Organization, RecordType::Individual];
    let groups = [RecordType::Organization];
    let mut report = VetReport::default();
    for (chunk_index, chunk) in rows.chunks(ROW_CHUNK).enumerate() {
        let mut lookups: Vec<(&str, &[RecordType])> = Vec::with_capacity(chunk.len() * 2);
        for row in chunk {
            lookups.push((row.name.as_str(), &people_and_groups[..]));
            lookups.push((row.organization.as_deref().unwrap_or(""), &groups[..]));
        }
        let hits = search::candidates(conn, &lookups)?;
        let records = Records::load(conn, hits.iter().flatten())?;
        for (i, row) in chunk.iter().enumerate() {
            let (name_hits, organization_hits) = (&hits[2 * i], &hits[2 * i + 1]);
            let mut matches: Vec<VetMatch> = records
                .rank_organizations(&row.name, name_hits)
                .into_iter()
                .map(|r| VetMatch::from_organization(r, false))
                .chain(
                    records
                        .rank_individuals(&row.name, name_hits)
                        .into_iter()
                        .map(VetMatch::from_individual),
                )
                .collect();
            // Stable: organizations before individuals at equal scores.
            matches.sort_by(|a, b| b.score.total_cmp(&a.score));
            matches.truncate(MATCHES_PER_ROW);
            if let Some(organization) = &row.organization {
                let best = records
                    .rank_organizations(organization, organization_hits)
                    .into_iter()
                    .next();
                if let Some(best) = best {
                    let id = &best.record.organization.id;
                    let known = matches
                        .iter()
                        .any(|m| m.match_type() == "organization" && m.id() == id);
                    if !known {
                        matches.push(VetMatch::from_organization(best, true));
                    }
                }
            }
            report.lines.push(VetLine {
                row: chunk_index * ROW_CHUNK + i + 1,
                input: row.clone(),
                matches,
            });
        }
    }
    Ok(report)
}
