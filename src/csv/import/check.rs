//! The checks across rows, files and the database, made a chunk of rows at a time: duplicate ids,
//! references and the rules that span rows (the same vote entered twice, an organization's second
//! mission at one election).
//!
//! Nothing the checks learn is kept in memory past a chunk. What an import has read so far (every
//! id with its line, a mission's election, the keys of the rules across rows) goes into
//! `import_keys`, a temporary table of the import's transaction that the database keeps on disk
//! past its cache, so that an import's memory does not grow with its input. A chunk's checks run
//! twice over its rows: once to learn what they ask, then, after a few queries for the whole
//! chunk, once more with the answers.

use std::collections::HashMap;

use diesel::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::csv::{ContractFile, Problem};
use crate::db::schema::{countries, elections, individuals, missions, organizations, sources};
use crate::db::{insert_chunks, DbConn};
use crate::domain::citation;
use crate::model::election::Election;
use crate::model::mission::Mission;
use crate::model::ElectionKind;

diesel::table! {
    /// What the import under way has read: the ids of each file with the line each first appears
    /// on (and, for a mission, its election), and the keys of the rules across rows with the id
    /// of the row that holds each. It exists only inside the import's transaction.
    import_keys (kind, key) {
        kind -> SmallInt,
        key -> Text,
        line -> BigInt,
        value -> Nullable<Text>,
    }
}

/// What a key of `import_keys` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum KeyKind {
    /// The id of a row of this file.
    Id(ContractFile),
    /// The vote (country, held_on, kind, round) of an election; the value is the election's id.
    Vote,
    /// The (organization, election) of a mission; the value is the mission's id.
    Pair,
}

impl KeyKind {
    fn code(self) -> i16 {
        match self {
            // Files are numbered from 0 in the order the importer reads them.
            KeyKind::Id(file) => file as i16,
            KeyKind::Vote => 100,
            KeyKind::Pair => 101,
        }
    }
}

/// Creates the import's `import_keys`, empty, inside its transaction (a rollback removes it).
pub(super) fn open(conn: &mut DbConn) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    match conn {
        DbConn::Sqlite(sqlite) => sqlite.batch_execute(
            "DROP TABLE IF EXISTS temp.import_keys;
             CREATE TEMP TABLE import_keys (
                 kind INTEGER NOT NULL, key TEXT NOT NULL, line INTEGER NOT NULL, value TEXT,
                 PRIMARY KEY (kind, key)
             ) WITHOUT ROWID;",
        ),
        DbConn::Pg(pg) => pg.batch_execute(
            "DROP TABLE IF EXISTS pg_temp.import_keys;
             CREATE TEMP TABLE import_keys (
                 kind SMALLINT NOT NULL, key TEXT COLLATE \"C\" NOT NULL, line BIGINT NOT NULL,
                 value TEXT, PRIMARY KEY (kind, key)
             );",
        ),
    }
}

/// Drops `import_keys` once the files are read, before the import commits.
pub(super) fn close(conn: &mut DbConn) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    match conn {
        DbConn::Sqlite(sqlite) => sqlite.batch_execute("DROP TABLE temp.import_keys"),
        DbConn::Pg(pg) => pg.batch_execute("DROP TABLE pg_temp.import_keys"),
    }
}

/// Lets PostgreSQL's planner see how large `import_keys` has grown: it never analyzes a
/// temporary table by itself, and planned from no statistics it reads the whole table for each
/// chunk's lookups instead of its primary key. SQLite looks keys up by the key whatever the size.
pub(super) fn analyze(conn: &mut DbConn) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    match conn {
        DbConn::Sqlite(_) => Ok(()),
        DbConn::Pg(pg) => pg.batch_execute("ANALYZE pg_temp.import_keys"),
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = import_keys)]
struct NewKey {
    kind: i16,
    key: String,
    line: i64,
    value: Option<String>,
}

/// The keys of `kind` among `keys` that the import has read, with their line and value.
fn read_keys(
    conn: &mut DbConn,
    kind: KeyKind,
    keys: &[&str],
) -> QueryResult<Vec<(String, i64, Option<String>)>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    import_keys::table
        .filter(import_keys::kind.eq(kind.code()))
        .filter(import_keys::key.eq_any(keys))
        .select((import_keys::key, import_keys::line, import_keys::value))
        .load(conn)
}

/// Rows written per statement into `import_keys` (four values each, well under SQLite's limit of
/// bound parameters).
const KEYS_PER_INSERT: usize = 1_000;

/// Writes a chunk's new keys: each is new, since the chunk's checks looked them all up.
fn save_keys(conn: &mut DbConn, keys: &[NewKey]) -> QueryResult<()> {
    insert_chunks!(conn, import_keys::table, keys, KEYS_PER_INSERT);
    Ok(())
}

/// Which of `ids` the table of `file` held before the import or holds since.
macro_rules! stored_ids {
    ($conn:expr, $ids:expr, $table:ident, $id:ident) => {
        $table::table
            .select($table::$id)
            .filter($table::$id.eq_any($ids))
            .load::<String>($conn)
    };
}

fn stored(conn: &mut DbConn, file: ContractFile, ids: &[&str]) -> QueryResult<Vec<String>> {
    use ContractFile as F;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    match file {
        F::Countries => stored_ids!(conn, ids, countries, iso3),
        F::Sources => stored_ids!(conn, ids, sources, id),
        F::Organizations => stored_ids!(conn, ids, organizations, id),
        F::Elections => stored_ids!(conn, ids, elections, id),
        F::Missions => stored_ids!(conn, ids, missions, id),
        F::Individuals => stored_ids!(conn, ids, individuals, id),
        // No file refers to these.
        F::Participations | F::Sanctions | F::Flags | F::Ratings => Ok(Vec::new()),
    }
}

/// A vote as a key: its country, day, kind and round.
#[derive(Debug, Clone)]
struct Vote {
    key: String,
    country: String,
    held_on: chrono::NaiveDate,
    kind: ElectionKind,
    round: Option<i32>,
}

impl Vote {
    fn of(election: &Election) -> Vote {
        let e = election;
        Vote {
            key: key_of(&[
                &e.country,
                &e.held_on.to_string(),
                e.kind.code(),
                &format!("{:?}", e.round),
            ]),
            country: e.country.clone(),
            held_on: e.held_on,
            kind: e.kind,
            round: e.round,
        }
    }
}

/// Several values as one key, separated so that ("ab", "c") and ("a", "bc") differ.
fn key_of(parts: &[&str]) -> String {
    parts.join("\u{1f}")
}

/// What the checks of a chunk ask, gathered before any is answered.
#[derive(Debug, Default)]
struct Asks {
    refs: FxHashSet<(ContractFile, String)>,
    votes: Vec<Vote>,
    pairs: Vec<(String, String, String)>,
    missions: FxHashSet<String>,
}

/// The answers to a chunk's checks, and what the chunk adds to `import_keys`.
#[derive(Debug, Default)]
struct Known {
    /// Ids of the file under way already read: id → the line it first appears on.
    seen: FxHashMap<String, i64>,
    /// The ids of each file that the import holds or the database holds.
    present: HashMap<ContractFile, FxHashSet<String>>,
    /// Vote key → election id; (organization, election) key → mission id.
    votes: FxHashMap<String, String>,
    pairs: FxHashMap<String, String>,
    /// Mission → its election, for the missions a chunk of participations names.
    mission_elections: FxHashMap<String, String>,
    new_keys: Vec<NewKey>,
}

impl Known {
    /// Answers the chunk's `asks` and `ids` (of `file`) with a few queries for the whole chunk.
    /// `fresh`: the file's table was empty when the file began, so the database holds nothing
    /// for the rules across rows that the import has not read itself. `written`: every row the
    /// import has read so far is in its table (no problem yet), so the tables answer first; their
    /// indexes are in the cache, where `import_keys` would be read at random.
    fn fetch(
        conn: &mut DbConn,
        file: ContractFile,
        ids: &[&str],
        asks: &Asks,
        fresh: bool,
        written: bool,
    ) -> QueryResult<Known> {
        let mut known = Known::default();
        for (id, line, _) in read_keys(conn, KeyKind::Id(file), ids)? {
            known.seen.insert(id, line);
        }
        let mut by_target: HashMap<ContractFile, Vec<&str>> = HashMap::new();
        for (target, id) in &asks.refs {
            by_target.entry(*target).or_default().push(id);
        }
        for (target, wanted) in by_target {
            let mut present: FxHashSet<String> =
                stored(conn, target, &wanted)?.into_iter().collect();
            let rest: Vec<&str> = wanted
                .into_iter()
                .filter(|id| !present.contains(*id))
                .collect();
            // Rows read but not written: those with a problem, and all after the first one.
            if !written {
                let read = read_keys(conn, KeyKind::Id(target), &rest)?;
                present.extend(read.into_iter().map(|(id, _, _)| id));
            }
            known.present.insert(target, present);
        }
        known.fetch_votes(conn, asks, fresh)?;
        known.fetch_pairs(conn, asks, fresh)?;
        known.fetch_mission_elections(conn, asks, written)?;
        Ok(known)
    }

    fn fetch_votes(&mut self, conn: &mut DbConn, asks: &Asks, fresh: bool) -> QueryResult<()> {
        let keys: Vec<&str> = asks.votes.iter().map(|v| v.key.as_str()).collect();
        for (key, _, id) in read_keys(conn, KeyKind::Vote, &keys)? {
            self.votes.insert(key, id.unwrap_or_default());
        }
        if fresh {
            return Ok(());
        }
        for vote in &asks.votes {
            if self.votes.contains_key(&vote.key) {
                continue;
            }
            let same_day: Vec<(String, ElectionKind, Option<i32>)> = elections::table
                .filter(elections::country.eq(&vote.country))
                .filter(elections::held_on.eq(vote.held_on))
                .select((elections::id, elections::kind, elections::round))
                .load(conn)?;
            let stored = same_day
                .into_iter()
                .find(|(_, kind, round)| *kind == vote.kind && *round == vote.round);
            if let Some((id, _, _)) = stored {
                self.votes.insert(vote.key.clone(), id);
            }
        }
        Ok(())
    }

    fn fetch_pairs(&mut self, conn: &mut DbConn, asks: &Asks, fresh: bool) -> QueryResult<()> {
        let keys: Vec<&str> = asks.pairs.iter().map(|(key, _, _)| key.as_str()).collect();
        for (key, _, id) in read_keys(conn, KeyKind::Pair, &keys)? {
            self.pairs.insert(key, id.unwrap_or_default());
        }
        if fresh {
            return Ok(());
        }
        for (key, organization, election) in &asks.pairs {
            if self.pairs.contains_key(key) {
                continue;
            }
            let stored: Option<String> = missions::table
                .filter(missions::organization_id.eq(organization))
                .filter(missions::election_id.eq(election))
                .select(missions::id)
                .first(conn)
                .optional()?;
            if let Some(id) = stored {
                self.pairs.insert(key.clone(), id);
            }
        }
        Ok(())
    }

    /// The election of each mission asked for: as the import read it, or else as the database
    /// holds it. While every row read is written, the table holds the import's own missions too.
    fn fetch_mission_elections(
        &mut self,
        conn: &mut DbConn,
        asks: &Asks,
        written: bool,
    ) -> QueryResult<()> {
        let wanted: Vec<&str> = asks.missions.iter().map(String::as_str).collect();
        if !written {
            let read = read_keys(conn, KeyKind::Id(ContractFile::Missions), &wanted)?;
            for (mission, _, election) in read {
                if let Some(election) = election {
                    self.mission_elections.insert(mission, election);
                }
            }
        }
        let rest: Vec<&str> = wanted
            .into_iter()
            .filter(|m| !self.mission_elections.contains_key(*m))
            .collect();
        if !rest.is_empty() {
            let stored: Vec<(String, String)> = missions::table
                .filter(missions::id.eq_any(&rest))
                .select((missions::id, missions::election_id))
                .load(conn)?;
            self.mission_elections.extend(stored);
        }
        Ok(())
    }

    fn remember(&mut self, kind: KeyKind, key: &str, line: u64, value: Option<&str>) {
        self.new_keys.push(NewKey {
            kind: kind.code(),
            key: key.to_owned(),
            line: i64::try_from(line).unwrap_or(i64::MAX),
            value: value.map(str::to_owned),
        });
    }
}

/// A chunk's rows under check: what their checks ask, then their answers.
pub(super) struct Chunk {
    file: ContractFile,
    asks: Asks,
    known: Known,
}

impl Chunk {
    pub(super) fn new(file: ContractFile) -> Chunk {
        Chunk {
            file,
            asks: Asks::default(),
            known: Known::default(),
        }
    }

    /// The check of one row that only notes what it asks; it reports nothing.
    pub(super) fn gather(&mut self, line: u64) -> RowCheck<'_> {
        RowCheck {
            lookup: Lookup::Gather(&mut self.asks),
            file: self.file,
            line,
        }
    }

    /// Answers everything the chunk's rows asked, and which of `ids` the import already read.
    pub(super) fn fetch(
        &mut self,
        conn: &mut DbConn,
        ids: &[&str],
        fresh: bool,
        written: bool,
    ) -> QueryResult<()> {
        self.known = Known::fetch(conn, self.file, ids, &self.asks, fresh, written)?;
        Ok(())
    }

    /// Notes `id` (and what later files look up by it, a mission's election) as the row on
    /// `line` holds it, reporting it when the file held it already. Returns whether the id is
    /// the first of its kind (an empty id was reported as missing).
    pub(super) fn first(
        &mut self,
        problems: &mut Vec<Problem>,
        line: u64,
        id: &str,
        value: Option<&str>,
    ) -> bool {
        if id.is_empty() {
            return false;
        }
        if let Some(first) = self.known.seen.get(id) {
            problems.push(Problem::new(
                self.file.file_name(),
                line,
                self.file.columns()[0],
                format!("duplicate id \"{id}\" (first on line {first})"),
            ));
            return false;
        }
        let line64 = i64::try_from(line).unwrap_or(i64::MAX);
        self.known.seen.insert(id.to_owned(), line64);
        self.known.remember(KeyKind::Id(self.file), id, line, value);
        true
    }

    /// The check of one row, answered.
    pub(super) fn answer<'a>(
        &'a mut self,
        problems: &'a mut Vec<Problem>,
        line: u64,
    ) -> RowCheck<'a> {
        RowCheck {
            lookup: Lookup::Answer {
                known: &mut self.known,
                problems,
            },
            file: self.file,
            line,
        }
    }

    /// Writes what the chunk added to `import_keys`, and starts afresh for the next chunk.
    pub(super) fn save(&mut self, conn: &mut DbConn) -> QueryResult<()> {
        save_keys(conn, &self.known.new_keys)?;
        self.asks = Asks::default();
        self.known = Known::default();
        Ok(())
    }
}

enum Lookup<'a> {
    /// Every lookup answers "unknown" and notes what it asked; nothing is reported, and no row
    /// is completed (a participation takes its mission's election only from a known mission).
    Gather(&'a mut Asks),
    Answer {
        known: &'a mut Known,
        problems: &'a mut Vec<Problem>,
    },
}

/// The checks of one row: what it is checked against, and where its problems go.
pub(super) struct RowCheck<'a> {
    lookup: Lookup<'a>,
    file: ContractFile,
    line: u64,
}

impl RowCheck<'_> {
    pub(super) fn problem(&mut self, column: &str, message: impl Into<String>) {
        if let Lookup::Answer { problems, .. } = &mut self.lookup {
            problems.push(Problem::new(
                self.file.file_name(),
                self.line,
                column,
                message,
            ));
        }
    }

    /// Whether `id` is in this import's `target` file or already in the database.
    fn has(&mut self, target: ContractFile, id: &str) -> bool {
        match &mut self.lookup {
            Lookup::Gather(asks) => {
                asks.refs.insert((target, id.to_owned()));
                true
            }
            Lookup::Answer { known, .. } => known
                .present
                .get(&target)
                .is_some_and(|ids| ids.contains(id)),
        }
    }

    /// Reports `id` (in `column`) unless `target` knows it; an empty id was already reported as
    /// missing, if it was required.
    pub(super) fn require(&mut self, column: &str, target: ContractFile, id: &str) {
        if !id.is_empty() && !self.has(target, id) {
            self.problem(
                column,
                format!("\"{id}\" is not in {target} nor already in the registry"),
            );
        }
    }

    /// Checks every `[source:ID]` citation in a free-text cell like a reference.
    pub(super) fn require_citations(&mut self, column: &str, text: Option<&str>) {
        let Some(text) = text else { return };
        if citation::has_unclosed(text) {
            self.problem(
                column,
                "opens a citation \"[source:\" that it never closes with \"]\"",
            );
        }
        for id in citation::cited(text) {
            if !self.has(ContractFile::Sources, id) {
                self.problem(
                    column,
                    format!("cites [source:{id}], which is not in sources.csv nor already in the registry"),
                );
            }
        }
    }

    /// The same vote (country, day, kind, round) must not be entered twice under two ids.
    pub(super) fn one_election_per_vote(&mut self, election: &Election) {
        let vote = Vote::of(election);
        let (known, problems) = match &mut self.lookup {
            Lookup::Gather(asks) => return asks.votes.push(vote),
            Lookup::Answer { known, problems } => (known, problems),
        };
        match known.votes.get(&vote.key) {
            Some(other) if *other != election.id => problems.push(Problem::new(
                self.file.file_name(),
                self.line,
                "id",
                format!(
                    "the same vote (country, held_on, kind, round) is already recorded as \"{other}\""
                ),
            )),
            Some(_) => {}
            None => {
                known.remember(KeyKind::Vote, &vote.key, self.line, Some(&election.id));
                known.votes.insert(vote.key, election.id.clone());
            }
        }
    }

    /// An organization sends at most one mission to an election.
    pub(super) fn one_mission_per_organization(&mut self, mission: &Mission) {
        let (organization, election) = (&mission.organization_id, &mission.election_id);
        let key = key_of(&[organization, election]);
        let (known, problems) = match &mut self.lookup {
            Lookup::Gather(asks) => {
                return asks
                    .pairs
                    .push((key, organization.clone(), election.clone()))
            }
            Lookup::Answer { known, problems } => (known, problems),
        };
        match known.pairs.get(&key) {
            Some(other) if *other != mission.id => problems.push(Problem::new(
                self.file.file_name(),
                self.line,
                "id",
                format!("{organization} already has a mission at {election}: \"{other}\""),
            )),
            Some(_) => {}
            None => {
                known.remember(KeyKind::Pair, &key, self.line, Some(&mission.id));
                known.pairs.insert(key, mission.id.clone());
            }
        }
    }

    /// The election of a mission this import read without a problem in its cells, or that the
    /// database holds; `None` for a mission neither knows.
    pub(super) fn election_of_mission(&mut self, mission: &str) -> Option<String> {
        match &mut self.lookup {
            Lookup::Gather(asks) => {
                asks.missions.insert(mission.to_owned());
                None
            }
            Lookup::Answer { known, .. } => known.mission_elections.get(mission).cloned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::key_of;

    #[test]
    fn joined_values_key_apart_from_their_concatenation() {
        assert_ne!(key_of(&["ab", "c"]), key_of(&["a", "bc"]));
        assert_eq!(key_of(&["ab", "c"]), key_of(&["ab", "c"]));
    }
}
