//! Reconciling names against the registry (the W3C Reconciliation Service API and
//! `/api/v1/match`): the same candidate lookup and ranking as `/search` and `/vet`.

use diesel::QueryResult;

use super::find::{IndividualResult, OrganizationResult, Records};
use super::search::{self, RecordType};
use crate::credibility::{FlagKind, Rating};
use crate::db::DbConn;
use crate::matching::Reason;

/// One name to reconcile, and the record types it may be.
#[derive(Debug, Clone)]
pub struct NameQuery {
    pub text: String,
    pub types: Vec<RecordType>,
}

/// A record a name matched.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub record_type: RecordType,
    pub id: String,
    pub name: String,
    /// The headquarters country (organizations) or the country (individuals).
    pub country: Option<String>,
    pub rating: Option<Rating>,
    pub flags: Vec<FlagKind>,
    /// An organization's kind, or an individual's affiliation.
    pub detail: Option<String>,
    pub score: f64,
    pub reason: Reason,
}

impl Candidate {
    fn organization(found: OrganizationResult, score: f64, reason: Reason) -> Candidate {
        let o = found.organization;
        Candidate {
            record_type: RecordType::Organization,
            name: o.display_name(),
            id: o.id,
            country: o.hq_country,
            rating: found.rating,
            flags: found.flags,
            detail: Some(o.kind.code().to_owned()),
            score,
            reason,
        }
    }

    fn individual(found: IndividualResult, score: f64, reason: Reason) -> Candidate {
        let i = found.individual;
        Candidate {
            record_type: RecordType::Individual,
            id: i.id,
            name: i.name,
            country: i.country,
            rating: None,
            flags: found.flags,
            detail: i.affiliation,
            score,
            reason,
        }
    }
}

/// The candidates of every query, best first (organizations before individuals at equal
/// scores), looked up together in a few statements.
pub fn candidates(conn: &mut DbConn, queries: &[NameQuery]) -> QueryResult<Vec<Vec<Candidate>>> {
    let lookups: Vec<(&str, &[RecordType])> = queries
        .iter()
        .map(|q| (q.text.as_str(), q.types.as_slice()))
        .collect();
    let hits = search::candidates(conn, &lookups, search::ROW_CANDIDATES)?;
    let records = Records::load(conn, hits.iter().flatten())?;
    Ok(queries
        .iter()
        .zip(&hits)
        .map(|(query, hits)| {
            let mut found: Vec<Candidate> = Vec::new();
            if query.types.contains(&RecordType::Organization) {
                found.extend(
                    records
                        .rank_organizations(&query.text, hits)
                        .into_iter()
                        .map(|r| Candidate::organization(r.record, r.score, r.reason)),
                );
            }
            if query.types.contains(&RecordType::Individual) {
                found.extend(
                    records
                        .rank_individuals(&query.text, hits)
                        .into_iter()
                        .map(|r| Candidate::individual(r.record, r.score, r.reason)),
                );
            }
            found.sort_by(|a, b| b.score.total_cmp(&a.score));
            found
        })
        .collect())
}
