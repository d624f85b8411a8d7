//! Vetting an invitation list: every row's best matches among the organizations and individuals
//! of the registry, with their ratings and flags. Nothing of the list is written anywhere.

use super::find::{CandidateNames, IndividualResult, OrganizationResult, Records};
use super::search::{self, Hit, RecordType};
use crate::credibility::{FlagKind, Rating};
use crate::db::DbConn;
use crate::matching::Reason;

/// The longest list vetted at once.
pub const MAX_ROWS: usize = 5000;
/// Matches shown for a row's name (the organization column adds its best one).
pub const MATCHES_PER_ROW: usize = 3;
/// A match before its record is loaded: type, id, score, reason, from the organization column.
type RankedMatch = (RecordType, String, f64, Reason, bool);

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
        let hits = search::candidates(conn, &lookups, search::ROW_CANDIDATES)?;
        // Rank on names alone, then load the few records that matched, with their flags.
        let names = CandidateNames::load(conn, hits.iter().flatten())?;
        let mut ranked: Vec<Vec<RankedMatch>> = Vec::new();
        for (i, row) in chunk.iter().enumerate() {
            let (name_hits, organization_hits) = (&hits[2 * i], &hits[2 * i + 1]);
            let mut found: Vec<RankedMatch> = Vec::new();
            for record_type in [RecordType::Organization, RecordType::Individual] {
                for (id, score, reason) in names.rank(&row.name, name_hits, record_type) {
                    found.push((record_type, id, score, reason, false));
                }
            }
            // Stable: organizations before individuals at equal scores.
            found.sort_by(|a, b| b.2.total_cmp(&a.2));
            found.truncate(MATCHES_PER_ROW);
            if let Some(organization) = &row.organization {
                let best = names
                    .rank(organization, organization_hits, RecordType::Organization)
                    .into_iter()
                    .next();
                if let Some((id, score, reason)) = best {
                    let known = found
                        .iter()
                        .any(|m| m.0 == RecordType::Organization && m.1 == id);
                    if !known {
                        found.push((RecordType::Organization, id, score, reason, true));
                    }
                }
            }
            ranked.push(found);
        }
        let matched: Vec<Hit> = ranked
            .iter()
            .flatten()
            .map(|(t, id, ..)| (*t, id.clone()))
            .collect();
        let records = Records::load(conn, matched.iter())?;
        for ((i, row), found) in chunk.iter().enumerate().zip(ranked) {
            let row_matches: Vec<VetMatch> = found
                .into_iter()
                .filter_map(|(t, id, score, reason, via_organization)| {
                    let record = match t {
                        RecordType::Organization => {
                            Matched::Organization(records.organizations.get(&id)?.clone())
                        }
                        _ => Matched::Individual(records.individuals.get(&id)?.clone()),
                    };
                    Some(VetMatch {
                        record,
                        score,
                        reason,
                        via_organization,
                    })
                })
                .collect();
            report.lines.push(VetLine {
                row: chunk_index * ROW_CHUNK + i + 1,
                input: row.clone(),
                matches: row_matches,
            });
        }
    }
    Ok(report)
}
