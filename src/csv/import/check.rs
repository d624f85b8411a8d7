//! The checks across rows, files and the database, made as the rows stream past: duplicate ids,
//! references and the rules that span rows (the same vote entered twice, an organization's second
//! mission at one election).
//!
//! Ids are remembered as 128-bit hashes (24 bytes with the line a row is on), never as the rows
//! themselves: what the import holds grows with the number of ids, not with the size of the rows.

use std::collections::HashMap;

use diesel::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::csv::{ContractFile, Problem};
use crate::db::schema::{countries, elections, individuals, missions, organizations, sources};
use crate::db::DbConn;
use crate::domain::citation;
use crate::model::election::Election;
use crate::model::mission::Mission;
use crate::model::ElectionKind;

/// An id as the checks remember it.
type IdHash = (u64, u64);

fn hash(text: &str) -> IdHash {
    let hash = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
    ((hash >> 64) as u64, hash as u64)
}

/// The hash of several values at once, separated so that ("ab", "c") and ("a", "bc") differ.
fn hash_of(parts: &[&str]) -> IdHash {
    hash(&parts.join("\u{1f}"))
}

/// Ids read per query when the ids already stored are loaded.
const ID_BATCH: i64 = 20_000;

/// The ids of one table: those this import's file holds (with the line each first appears on)
/// and, loaded when first needed, those the database held.
#[derive(Debug, Default)]
struct TableIds {
    imported: FxHashMap<IdHash, u32>,
    stored: Option<FxHashSet<IdHash>>,
}

/// What the checks remember while an import streams.
#[derive(Debug, Default)]
pub(super) struct Checks {
    tables: HashMap<ContractFile, TableIds>,
    /// The vote (country, held_on, kind, round) → the id of the election recorded for it.
    votes: Option<FxHashMap<IdHash, String>>,
    /// (organization, election) → the id of that organization's mission there.
    pairs: Option<FxHashMap<IdHash, String>>,
    /// Mission → its election (an index into `election_ids`), read once missions are written.
    mission_elections: Option<FxHashMap<IdHash, u32>>,
    election_ids: Vec<String>,
}

macro_rules! stored_ids {
    ($conn:expr, $table:ident, $id:ident) => {{
        let mut ids = FxHashSet::default();
        let mut after = String::new();
        loop {
            let batch: Vec<String> = $table::table
                .select($table::$id)
                .filter($table::$id.gt(after.clone()))
                .order($table::$id.asc())
                .limit(ID_BATCH)
                .load($conn)?;
            match batch.last() {
                Some(last) => after = last.clone(),
                None => break,
            }
            ids.extend(batch.iter().map(|id| hash(id)));
        }
        ids
    }};
}

fn load_stored(conn: &mut DbConn, file: ContractFile) -> QueryResult<FxHashSet<IdHash>> {
    use ContractFile as F;
    Ok(match file {
        F::Countries => stored_ids!(conn, countries, iso3),
        F::Sources => stored_ids!(conn, sources, id),
        F::Organizations => stored_ids!(conn, organizations, id),
        F::Elections => stored_ids!(conn, elections, id),
        F::Missions => stored_ids!(conn, missions, id),
        F::Individuals => stored_ids!(conn, individuals, id),
        // No file refers to these: their ids are never looked up.
        F::Participations | F::Sanctions | F::Flags | F::Ratings => FxHashSet::default(),
    })
}

impl Checks {
    /// Notes `id` as one `file` holds on `line`, reporting it when the file held it already.
    /// Returns whether the id is the first of its kind (an empty id was reported as missing).
    pub(super) fn first(
        &mut self,
        problems: &mut Vec<Problem>,
        file: ContractFile,
        line: u64,
        id: &str,
    ) -> bool {
        if id.is_empty() {
            return false;
        }
        let imported = &mut self.tables.entry(file).or_default().imported;
        let line32 = u32::try_from(line).unwrap_or(u32::MAX);
        match imported.get(&hash(id)) {
            Some(first) => {
                problems.push(Problem::new(
                    file.file_name(),
                    line,
                    file.columns()[0],
                    format!("duplicate id \"{id}\" (first on line {first})"),
                ));
                false
            }
            None => {
                imported.insert(hash(id), line32);
                true
            }
        }
    }

    /// Whether `id` is in this import's `target` file or was already in the database.
    fn has(&mut self, conn: &mut DbConn, target: ContractFile, id: &str) -> QueryResult<bool> {
        let table = self.tables.entry(target).or_default();
        let key = hash(id);
        if table.imported.contains_key(&key) {
            return Ok(true);
        }
        if table.stored.is_none() {
            table.stored = Some(load_stored(conn, target)?);
        }
        Ok(table.stored.as_ref().is_some_and(|ids| ids.contains(&key)))
    }
}

/// Every stored mission as (id, organization, election), read in batches by id.
fn each_stored_mission(
    conn: &mut DbConn,
    mut each: impl FnMut(String, String, String),
) -> QueryResult<()> {
    let mut after = String::new();
    loop {
        let batch: Vec<(String, String, String)> = missions::table
            .select((
                missions::id,
                missions::organization_id,
                missions::election_id,
            ))
            .filter(missions::id.gt(after.clone()))
            .order(missions::id.asc())
            .limit(ID_BATCH)
            .load(conn)?;
        let Some(last) = batch.last() else {
            return Ok(());
        };
        after.clone_from(&last.0);
        for (id, organization, election) in batch {
            each(id, organization, election);
        }
    }
}

/// The checks of one row: what it is checked against, and where its problems go.
pub(super) struct RowCheck<'a> {
    pub(super) conn: &'a mut DbConn,
    pub(super) checks: &'a mut Checks,
    pub(super) problems: &'a mut Vec<Problem>,
    pub(super) file: ContractFile,
    pub(super) line: u64,
}

impl RowCheck<'_> {
    pub(super) fn problem(&mut self, column: &str, message: impl Into<String>) {
        self.problems.push(Problem::new(
            self.file.file_name(),
            self.line,
            column,
            message,
        ));
    }

    /// Reports `id` (in `column`) unless `target` knows it; an empty id was already reported as
    /// missing, if it was required.
    pub(super) fn require(
        &mut self,
        column: &str,
        target: ContractFile,
        id: &str,
    ) -> QueryResult<()> {
        if !id.is_empty() && !self.checks.has(self.conn, target, id)? {
            self.problem(
                column,
                format!("\"{id}\" is not in {target} nor already in the registry"),
            );
        }
        Ok(())
    }

    /// Checks every `[source:ID]` citation in a free-text cell like a reference.
    pub(super) fn require_citations(
        &mut self,
        column: &str,
        text: Option<&str>,
    ) -> QueryResult<()> {
        let Some(text) = text else { return Ok(()) };
        if citation::has_unclosed(text) {
            self.problem(
                column,
                "opens a citation \"[source:\" that it never closes with \"]\"",
            );
        }
        for id in citation::cited(text) {
            if !self.checks.has(self.conn, ContractFile::Sources, id)? {
                self.problem(
                    column,
                    format!("cites [source:{id}], which is not in sources.csv nor already in the registry"),
                );
            }
        }
        Ok(())
    }

    /// The same vote (country, day, kind, round) must not be entered twice under two ids.
    pub(super) fn one_election_per_vote(&mut self, election: &Election) -> QueryResult<()> {
        let vote_key = |country: &str, held_on: chrono::NaiveDate, kind: ElectionKind, round| {
            hash_of(&[
                country,
                &held_on.to_string(),
                kind.code(),
                &format!("{round:?}"),
            ])
        };
        if self.checks.votes.is_none() {
            let stored = elections::table
                .select((
                    elections::id,
                    elections::country,
                    elections::held_on,
                    elections::kind,
                    elections::round,
                ))
                .load::<(String, String, chrono::NaiveDate, ElectionKind, Option<i32>)>(
                    self.conn,
                )?;
            self.checks.votes = Some(
                stored
                    .into_iter()
                    .map(|(id, country, held_on, kind, round)| {
                        (vote_key(&country, held_on, kind, round), id)
                    })
                    .collect(),
            );
        }
        let e = election;
        let key = vote_key(&e.country, e.held_on, e.kind, e.round);
        let votes = self.checks.votes.as_mut().expect("loaded above");
        match votes.get(&key) {
            Some(other) if *other != e.id => {
                let message = format!(
                    "the same vote (country, held_on, kind, round) is already recorded as \"{other}\""
                );
                self.problem("id", message);
            }
            _ => {
                votes.insert(key, e.id.clone());
            }
        }
        Ok(())
    }

    /// An organization sends at most one mission to an election.
    pub(super) fn one_mission_per_organization(&mut self, mission: &Mission) -> QueryResult<()> {
        if self.checks.pairs.is_none() {
            let mut pairs = FxHashMap::default();
            each_stored_mission(self.conn, |id, organization, election| {
                pairs.insert(hash_of(&[&organization, &election]), id);
            })?;
            self.checks.pairs = Some(pairs);
        }
        let (organization, election) = (&mission.organization_id, &mission.election_id);
        let pair = hash_of(&[organization, election]);
        let pairs = self.checks.pairs.as_mut().expect("loaded above");
        match pairs.get(&pair) {
            Some(other) if *other != mission.id => {
                let message =
                    format!("{organization} already has a mission at {election}: \"{other}\"");
                self.problem("id", message);
            }
            _ => {
                pairs.insert(pair, mission.id.clone());
            }
        }
        Ok(())
    }

    /// The election of a mission, as the database holds it once the import's missions are
    /// written; `None` for a mission it does not hold.
    pub(super) fn election_of_mission(&mut self, mission: &str) -> QueryResult<Option<String>> {
        let checks = &mut *self.checks;
        if checks.mission_elections.is_none() {
            let mut map = FxHashMap::default();
            let mut index: FxHashMap<String, u32> = FxHashMap::default();
            let election_ids = &mut checks.election_ids;
            each_stored_mission(self.conn, |id, _, election| {
                let next = u32::try_from(election_ids.len()).unwrap_or(u32::MAX);
                let at = *index.entry(election.clone()).or_insert_with(|| {
                    election_ids.push(election);
                    next
                });
                map.insert(hash(&id), at);
            })?;
            checks.mission_elections = Some(map);
        }
        let map = checks.mission_elections.as_ref().expect("loaded above");
        Ok(map
            .get(&hash(mission))
            .and_then(|at| checks.election_ids.get(*at as usize))
            .cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::{hash, hash_of};

    #[test]
    fn joined_values_hash_apart_from_their_concatenation() {
        assert_ne!(hash_of(&["ab", "c"]), hash_of(&["a", "bc"]));
        assert_eq!(hash_of(&["ab", "c"]), hash_of(&["ab", "c"]));
        assert_ne!(hash("a"), hash("b"));
    }
}
