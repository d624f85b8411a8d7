//! Search keys: the normalized keys of every name (see [`crate::matching::index_keys`]) stored in
//! `search_keys` with each record, and the lookup that turns queries into candidate records.
//!
//! Every write of an organization, individual or country calls [`write_keys`] in the same
//! transaction, so every instance sees the same keys. A lookup reads keys by equality on the
//! primary-key index; it never scans a name column. Ranking is the matching module's.

use std::collections::{BTreeSet, HashMap};

use diesel::prelude::*;

use crate::db::schema::{countries, individuals, organizations, search_keys};
use crate::db::{insert_chunks, DbConn};
use crate::matching::{self, Candidate};

/// Which kind of record a key belongs to, as `search_keys.record_type` stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordType {
    Organization,
    Individual,
    Country,
}

impl RecordType {
    pub fn code(self) -> &'static str {
        match self {
            RecordType::Organization => "organization",
            RecordType::Individual => "individual",
            RecordType::Country => "country",
        }
    }

    fn from_code(code: &str) -> Option<RecordType> {
        [
            RecordType::Organization,
            RecordType::Individual,
            RecordType::Country,
        ]
        .into_iter()
        .find(|t| t.code() == code)
    }
}

/// One name of a record, as written, and whether it is an alias (or acronym).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub is_alias: bool,
}

impl Name {
    pub fn primary(text: &str) -> Name {
        Name {
            text: text.to_owned(),
            is_alias: false,
        }
    }

    pub fn alias(text: &str) -> Name {
        Name {
            text: text.to_owned(),
            is_alias: true,
        }
    }

    pub fn candidate(&self) -> Candidate<'_> {
        Candidate {
            text: &self.text,
            is_alias: self.is_alias,
        }
    }
}

/// The names of an organization: its name, then its acronym and aliases (as aliases).
pub fn organization_names(name: &str, acronym: Option<&str>, aliases: &str) -> Vec<Name> {
    std::iter::once(Name::primary(name))
        .chain(acronym.filter(|a| !a.trim().is_empty()).map(Name::alias))
        .chain(
            aliases
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(Name::alias),
        )
        .collect()
}

/// The names of an individual: the name and the name in its original script.
pub fn individual_names(name: &str, name_original: Option<&str>) -> Vec<Name> {
    std::iter::once(Name::primary(name))
        .chain(
            name_original
                .filter(|n| !n.trim().is_empty())
                .map(Name::primary),
        )
        .collect()
}

/// The names of a country: its name, and its ISO code as an alias.
pub fn country_names(name: &str, iso3: &str) -> Vec<Name> {
    vec![Name::primary(name), Name::alias(iso3)]
}

/// Rows per multi-row statement, under SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK: usize = 2000;

#[derive(Insertable)]
#[diesel(table_name = search_keys)]
struct KeyRow<'a> {
    key: String,
    record_type: &'a str,
    record_id: &'a str,
}

/// Replaces the search keys of `records` (id and names) of one type. Call it in the
/// transaction that writes the records.
pub fn write_keys(
    conn: &mut DbConn,
    record_type: RecordType,
    records: &[(String, Vec<Name>)],
) -> QueryResult<()> {
    let code = record_type.code();
    for chunk in records.chunks(CHUNK) {
        let ids: Vec<&str> = chunk.iter().map(|(id, _)| id.as_str()).collect();
        diesel::delete(
            search_keys::table
                .filter(search_keys::record_type.eq(code))
                .filter(search_keys::record_id.eq_any(ids)),
        )
        .execute(conn)?;
    }
    insert_keys(conn, record_type, records)
}

/// Writes the search keys of `records` that have none yet (new records).
pub fn insert_keys(
    conn: &mut DbConn,
    record_type: RecordType,
    records: &[(String, Vec<Name>)],
) -> QueryResult<()> {
    let code = record_type.code();
    let mut rows = Vec::new();
    for (id, names) in records {
        let keys: BTreeSet<String> = names
            .iter()
            .flat_map(|name| matching::index_keys(&name.text))
            .collect();
        rows.extend(keys.into_iter().map(|key| KeyRow {
            key,
            record_type: code,
            record_id: id,
        }));
    }
    insert_chunks!(conn, search_keys::table, rows, CHUNK);
    Ok(())
}

/// Writes the keys of every record when the table holds none: for a database created before
/// search keys existed. Returns whether it wrote anything.
pub fn backfill_if_empty(conn: &mut DbConn) -> QueryResult<bool> {
    let keys: i64 = search_keys::table.count().get_result(conn)?;
    if keys > 0 {
        return Ok(false);
    }
    conn.transaction(|conn| {
        let orgs: Vec<(String, String, Option<String>, String)> = organizations::table
            .select((
                organizations::id,
                organizations::name,
                organizations::acronym,
                organizations::aliases,
            ))
            .load(conn)?;
        let orgs: Vec<_> = orgs
            .into_iter()
            .map(|(id, name, acronym, aliases)| {
                let names = organization_names(&name, acronym.as_deref(), &aliases);
                (id, names)
            })
            .collect();
        write_keys(conn, RecordType::Organization, &orgs)?;
        let people: Vec<(String, String, Option<String>)> = individuals::table
            .select((
                individuals::id,
                individuals::name,
                individuals::name_original,
            ))
            .load(conn)?;
        let people: Vec<_> = people
            .into_iter()
            .map(|(id, name, original)| {
                let names = individual_names(&name, original.as_deref());
                (id, names)
            })
            .collect();
        write_keys(conn, RecordType::Individual, &people)?;
        let countries: Vec<(String, String)> = countries::table
            .select((countries::iso3, countries::name))
            .load(conn)?;
        let countries: Vec<_> = countries
            .into_iter()
            .map(|(iso3, name)| {
                let names = country_names(&name, &iso3);
                (iso3, names)
            })
            .collect();
        write_keys(conn, RecordType::Country, &countries)?;
        Ok(true)
    })
}

/// Postings counted per key at most: counting stops there, so that a key shared by a million
/// records ("t:person" in the benchmark) costs no more to count than one shared by 2,000.
pub const KEY_CAP: i64 = 2000;
/// A word is selective when its keys have at most this many postings in all; the postings of
/// selective words are read in full. A query of common words only reads the exact key of its
/// least common word, at most [`COMMON`] records. Either way a lookup is bounded whatever the
/// size of the tables.
pub const SELECTIVE_POSTINGS: i64 = 10_000;
/// Records read for a query that has only common words.
pub const COMMON: i64 = 2000;
/// Keys per counting statement (one bound parameter each, far under both backends' limits).
const COUNT_CHUNK: usize = 500;

#[derive(QueryableByName)]
struct KeyCount {
    #[diesel(sql_type = diesel::sql_types::Text)]
    k: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// How many records store each of `keys`, counting at most [`KEY_CAP`] per key (an index range
/// read that stops early). Raw SQL because diesel has no `LIMIT` inside a correlated subquery;
/// the statement is the same on both backends but for the placeholders.
fn capped_counts(conn: &mut DbConn, keys: &[&String]) -> QueryResult<Vec<KeyCount>> {
    use diesel::sql_types::Text;
    let sql = |placeholder: &dyn Fn(usize) -> String| {
        let values: Vec<String> = (1..=keys.len())
            .map(|i| format!("({})", placeholder(i)))
            .collect();
        format!(
            "WITH q(k) AS (VALUES {}) SELECT k, (SELECT COUNT(*) FROM (SELECT 1 FROM search_keys s WHERE s.key = q.k LIMIT {KEY_CAP}) AS x) AS n FROM q",
            values.join(", ")
        )
    };
    match conn {
        DbConn::Sqlite(conn) => {
            let mut query =
                diesel::sql_query(sql(&|_| "?".to_owned())).into_boxed::<diesel::sqlite::Sqlite>();
            for key in keys {
                query = query.bind::<Text, _>(key.as_str());
            }
            query.load(conn)
        }
        DbConn::Pg(conn) => {
            let mut query =
                diesel::sql_query(sql(&|i| format!("${i}::text"))).into_boxed::<diesel::pg::Pg>();
            for key in keys {
                query = query.bind::<Text, _>(key.as_str());
            }
            query.load(conn)
        }
    }
}

/// A record found by key, to be ranked.
pub type Hit = (RecordType, String);

/// Candidates a lookup may return per query: every one (search, whose totals count them all),
/// or the best `n` by words shared with the query (vetting and reconciliation, which show a
/// few matches per row and look up thousands of rows at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerQuery {
    /// Every record found.
    All,
    /// The best `n`.
    Best(usize),
}

/// Candidates kept per row by vetting and reconciliation: far more than the few matches they
/// show (3 per row, at most 25 per reconciliation query), so the cut never reaches a record
/// that shares the row's words.
pub const ROW_CANDIDATES: PerQuery = PerQuery::Best(200);

/// For each query, the records that share at least one search key with it (among `types`):
/// the candidates [`matching::best_match`] then ranks. All queries are looked up together, a
/// few statements per chunk of keys, whatever their number. With [`PerQuery::Best`], a query
/// keeps the records that share the most of its words (exactly written ones first), so a
/// list of rows that all carry a common first name costs rows × `n`, not rows × postings.
pub fn candidates(
    conn: &mut DbConn,
    queries: &[(&str, &[RecordType])],
    per_query: PerQuery,
) -> QueryResult<Vec<Vec<Hit>>> {
    if let DbConn::Pg(_) = conn {
        // PostgreSQL estimates every key at the average number of postings and reads a key
        // shared by 100,000 names with a bitmap scan, which reads all of them before `LIMIT`
        // applies (tens of milliseconds per key). An index scan stops at the limit, as
        // SQLite's does: the lookups run with bitmap scans off, for this transaction only.
        return conn.transaction(|conn| {
            diesel::sql_query("SET LOCAL enable_bitmapscan = off").execute(conn)?;
            lookup(conn, queries, per_query)
        });
    }
    lookup(conn, queries, per_query)
}

fn lookup(
    conn: &mut DbConn,
    queries: &[(&str, &[RecordType])],
    per_query: PerQuery,
) -> QueryResult<Vec<Vec<Hit>>> {
    // The words of every query and the keys of every word.
    let words: Vec<Vec<String>> = queries
        .iter()
        .map(|(q, _)| {
            let mut w = matching::tokens(q);
            w.truncate(matching::MAX_QUERY_WORDS);
            w
        })
        .collect();
    let mut word_keys: HashMap<String, Vec<String>> = HashMap::new();
    for word in words.iter().flatten() {
        if !word_keys.contains_key(word) {
            word_keys.insert(word.clone(), matching::query_keys(word));
        }
    }
    let all_keys: BTreeSet<&String> = word_keys.values().flatten().collect();
    let all_keys: Vec<&String> = all_keys.into_iter().collect();
    let mut counts: HashMap<String, i64> = HashMap::new();
    for chunk in all_keys.chunks(COUNT_CHUNK) {
        counts.extend(
            capped_counts(conn, chunk)?
                .into_iter()
                .filter(|row| row.n > 0)
                .map(|row| (row.k, row.n)),
        );
    }
    // A word's postings in all, or more than SELECTIVE_POSTINGS when one key reached the cap
    // (its true count is unknown, maybe a million).
    let weight = |word: &str| -> i64 {
        let found: Vec<i64> = word_keys[word]
            .iter()
            .map(|k| counts.get(k).copied().unwrap_or(0))
            .collect();
        if found.iter().any(|&n| n >= KEY_CAP) {
            SELECTIVE_POSTINGS + found.iter().filter(|&&n| n >= KEY_CAP).count() as i64
        } else {
            found.iter().sum()
        }
    };
    // Per query: its selective words, or else its least common word (capped).
    let mut chosen: Vec<(Vec<&str>, Option<&str>)> = Vec::with_capacity(queries.len());
    for query_words in &words {
        let selective: Vec<&str> = query_words
            .iter()
            .map(String::as_str)
            .filter(|w| (1..=SELECTIVE_POSTINGS).contains(&weight(w)))
            .collect();
        let capped = if selective.is_empty() {
            query_words
                .iter()
                .map(String::as_str)
                .filter(|w| weight(w) > 0)
                .min_by_key(|w| (weight(w), *w))
        } else {
            None
        };
        chosen.push((selective, capped));
    }
    let fetch: BTreeSet<&String> = chosen
        .iter()
        .flat_map(|(selective, _)| selective.iter().flat_map(|w| &word_keys[*w]))
        .filter(|k| counts.contains_key(*k))
        .collect();
    let fetch: Vec<&String> = fetch.into_iter().collect();
    let mut postings: HashMap<String, Vec<Hit>> = HashMap::new();
    for chunk in fetch.chunks(CHUNK) {
        let rows: Vec<(String, String, String)> = search_keys::table
            .filter(search_keys::key.eq_any(chunk))
            .select((
                search_keys::key,
                search_keys::record_type,
                search_keys::record_id,
            ))
            .load(conn)?;
        add_postings(&mut postings, rows);
    }
    // A common word is read once however many queries need it, in a stable order.
    let mut capped_hits: HashMap<&str, Vec<Hit>> = HashMap::new();
    for word in chosen.iter().filter_map(|(_, capped)| *capped) {
        if capped_hits.contains_key(word) {
            continue;
        }
        let exact = format!("t:{word}");
        let rows: Vec<(String, String)> = search_keys::table
            .filter(search_keys::key.eq(&exact))
            .order((search_keys::record_type, search_keys::record_id))
            .limit(COMMON)
            .select((search_keys::record_type, search_keys::record_id))
            .load(conn)?;
        let hits = rows
            .into_iter()
            .filter_map(|(t, id)| RecordType::from_code(&t).map(|t| (t, id)))
            .collect();
        capped_hits.insert(word, hits);
    }
    let mut out = Vec::with_capacity(queries.len());
    for ((selective, capped), (_, types)) in chosen.iter().zip(queries) {
        let mut distinct = BTreeSet::new();
        let words: Vec<WordPostings> = selective
            .iter()
            .filter(|w| distinct.insert(**w))
            .map(|w| {
                let exact = format!("t:{w}");
                word_keys[*w]
                    .iter()
                    .filter_map(|k| postings.get(k).map(|p| (*k == exact, p.as_slice())))
                    .collect()
            })
            .collect();
        let common = capped
            .and_then(|w| capped_hits.get(w))
            .map_or(&[][..], Vec::as_slice);
        out.push(select(&words, common, types, per_query));
    }
    Ok(out)
}

/// What one word of a query found: for each of its keys, whether the key is the word as written
/// (`t:word`), and the records that store the key.
type WordPostings<'h> = Vec<(bool, &'h [Hit])>;

/// The candidates of one query (of `types`), sorted, from what each of its distinct words found
/// and, for a query of common words only, the records of its least common word. With
/// [`PerQuery::Best`], the records that share the most words come first, then those that share
/// more of them exactly as written, then by type and id.
fn select(
    words: &[WordPostings<'_>],
    common: &[Hit],
    types: &[RecordType],
    per_query: PerQuery,
) -> Vec<Hit> {
    // Per record: the query's words it shares, and how many of them exactly as written.
    let mut shared: HashMap<&Hit, (usize, usize)> = HashMap::new();
    for word in words {
        let mut this_word: HashMap<&Hit, bool> = HashMap::new();
        for (is_exact, hits) in word {
            for hit in hits.iter().filter(|hit| types.contains(&hit.0)) {
                *this_word.entry(hit).or_default() |= *is_exact;
            }
        }
        for (hit, is_exact) in this_word {
            let entry = shared.entry(hit).or_default();
            entry.0 += 1;
            entry.1 += usize::from(is_exact);
        }
    }
    for hit in common.iter().filter(|hit| types.contains(&hit.0)) {
        shared.entry(hit).or_insert((1, 1));
    }
    let mut kept: Vec<(&Hit, (usize, usize))> = shared.into_iter().collect();
    if let PerQuery::Best(n) = per_query {
        if kept.len() > n {
            kept.sort_unstable_by(|(a, sa), (b, sb)| sb.cmp(sa).then_with(|| a.cmp(b)));
            kept.truncate(n);
        }
    }
    let mut hits: Vec<Hit> = kept.into_iter().map(|(hit, _)| hit.clone()).collect();
    hits.sort();
    hits
}

fn add_postings(postings: &mut HashMap<String, Vec<Hit>>, rows: Vec<(String, String, String)>) {
    for (key, record_type, id) in rows {
        if let Some(t) = RecordType::from_code(&record_type) {
            postings.entry(key).or_default().push((t, id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn hit(n: u8) -> Hit {
        let t = if n.is_multiple_of(3) {
            RecordType::Organization
        } else {
            RecordType::Individual
        };
        (t, format!("r{n}"))
    }

    /// Per word, its keys: exact or not, and the records (numbered) that store each.
    type Words = Vec<Vec<(bool, Vec<u8>)>>;

    /// Up to 4 words of up to 3 keys each, each key exact or not and stored by some of 24
    /// records; the common word's records; the types asked; the cut.
    fn cases() -> impl Strategy<Value = (Words, Vec<u8>, bool, usize)> {
        let key = (any::<bool>(), prop::collection::vec(0u8..24, 0..10));
        (
            prop::collection::vec(prop::collection::vec(key, 1..4), 0..5),
            prop::collection::vec(0u8..24, 0..8),
            any::<bool>(),
            1usize..16,
        )
    }

    proptest! {
        /// Every record found is a candidate with `All`; with `Best(n)`, the `n` that share the
        /// most words (then the most exact ones) are, and no record left out shares more.
        #[test]
        fn the_cut_keeps_the_records_that_share_most_of_the_query(
            (words, common, both_types, n) in cases()
        ) {
            let postings: Vec<Vec<(bool, Vec<Hit>)>> = words
                .iter()
                .map(|keys| {
                    keys.iter()
                        .map(|(exact, ids)| (*exact, ids.iter().map(|&i| hit(i)).collect()))
                        .collect()
                })
                .collect();
            let words_found: Vec<WordPostings> = postings
                .iter()
                .map(|keys| keys.iter().map(|(e, hits)| (*e, hits.as_slice())).collect())
                .collect();
            let common: Vec<Hit> = common.iter().map(|&i| hit(i)).collect();
            let types: &[RecordType] = if both_types {
                &[RecordType::Organization, RecordType::Individual]
            } else {
                &[RecordType::Individual]
            };
            // The score of each record found, counted here independently.
            let mut score: BTreeMap<Hit, (usize, usize)> = BTreeMap::new();
            for keys in &postings {
                let mut any = BTreeSet::new();
                let mut exact = BTreeSet::new();
                for (is_exact, hits) in keys {
                    for h in hits.iter().filter(|h| types.contains(&h.0)) {
                        any.insert(h.clone());
                        if *is_exact {
                            exact.insert(h.clone());
                        }
                    }
                }
                for h in any {
                    let s = score.entry(h.clone()).or_default();
                    s.0 += 1;
                    s.1 += usize::from(exact.contains(&h));
                }
            }
            for h in common.iter().filter(|h| types.contains(&h.0)) {
                score.entry(h.clone()).or_insert((1, 1));
            }
            let all = select(&words_found, &common, types, PerQuery::All);
            prop_assert_eq!(&all, &score.keys().cloned().collect::<Vec<_>>());
            let best = select(&words_found, &common, types, PerQuery::Best(n));
            prop_assert_eq!(best.len(), n.min(all.len()));
            prop_assert!(best.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
            for kept in &best {
                prop_assert!(score.contains_key(kept));
                for (left_out, s) in score.iter().filter(|(h, _)| !best.contains(h)) {
                    prop_assert!(score[kept] >= *s, "{kept:?} kept over {left_out:?}");
                }
            }
        }
    }
}
