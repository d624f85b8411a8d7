//! The site-wide search: one query across organizations, individuals, countries and elections,
//! ranked by the matching module, with the closest names when nothing matches.

use std::collections::HashMap;

use diesel::prelude::*;

use super::country::Country;
use super::election::{ElectionFilter, ElectionListing};
use super::individual::Individual;
use super::organization::Organization;
use super::search::{self, Hit, Name, PerQuery, RecordType};
use super::{ElectionKind, PageRequest};
use crate::credibility::{FlagKind, Rating};
use crate::db::schema::{countries, flags, individuals, organization_ratings, organizations};
use crate::db::DbConn;
use crate::matching::{self, Match, PreparedName, PreparedQuery, Reason};
use crate::model::election::Election;
use crate::model::SubjectType;

/// Results shown per group; the rest are counted.
pub const PER_GROUP: usize = 20;
/// Elections shown for a query that names a country, a year or a kind.
pub const ELECTIONS_SHOWN: i64 = 10;
/// Closest names offered when nothing matches.
const SUGGESTIONS: usize = 5;

/// A record that matched, with how well and why.
#[derive(Debug, Clone)]
pub struct Ranked<T> {
    pub record: T,
    pub score: f64,
    pub reason: Reason,
}

/// An organization as search and vetting show it: with its rating and flags.
#[derive(Debug, Clone)]
pub struct OrganizationResult {
    pub organization: Organization,
    pub rating: Option<Rating>,
    pub flags: Vec<FlagKind>,
}

/// An individual as search and vetting show it: with their flags.
#[derive(Debug, Clone)]
pub struct IndividualResult {
    pub individual: Individual,
    pub flags: Vec<FlagKind>,
}

/// The best matches of one type, and how many there were in all.
#[derive(Debug, Clone)]
pub struct Group<T> {
    pub items: Vec<Ranked<T>>,
    pub total: usize,
}

impl<T> Group<T> {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether more matched than are shown.
    pub fn has_more(&self) -> bool {
        self.total > self.items.len()
    }
}

/// The year and kind words of a query, and the words left for a country ("Tajikistan 2020
/// presidential" → TJK elections of 2020 of kind presidential).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ElectionWords {
    pub year: Option<i32>,
    pub kind: Option<ElectionKind>,
    pub rest: String,
}

impl ElectionWords {
    pub fn parse(query: &str) -> ElectionWords {
        let mut words = ElectionWords::default();
        let mut rest = Vec::new();
        let folded = matching::fold(query);
        for word in folded.split(' ').filter(|w| !w.is_empty()) {
            let year = word
                .parse::<i32>()
                .ok()
                .filter(|y| word.len() == 4 && (1900..=2100).contains(y));
            let kind = match word {
                "president" | "presidential" => Some(ElectionKind::Presidential),
                "parliament" | "parliamentary" | "legislative" => Some(ElectionKind::Parliamentary),
                "general" => Some(ElectionKind::General),
                "referendum" => Some(ElectionKind::Referendum),
                "local" | "municipal" => Some(ElectionKind::Local),
                _ => None,
            };
            if let (Some(year), None) = (year, words.year) {
                words.year = Some(year);
            } else if let (Some(kind), None) = (kind, words.kind) {
                words.kind = Some(kind);
            } else if !matches!(word, "election" | "elections" | "vote" | "votes") {
                rest.push(word);
            }
        }
        words.rest = rest.join(" ");
        words
    }
}

/// A name offered when nothing matched ("did you mean").
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub name: String,
    pub href: String,
}

/// Everything one query found.
#[derive(Debug, Clone)]
pub struct SearchResults {
    pub organizations: Group<OrganizationResult>,
    pub individuals: Group<IndividualResult>,
    pub countries: Group<Country>,
    pub elections: Vec<ElectionListing>,
    /// The elections list filtered as the query asked, when elections were searched.
    pub elections_filter: Option<ElectionFilter>,
    pub suggestions: Vec<Suggestion>,
}

impl SearchResults {
    pub fn is_empty(&self) -> bool {
        self.organizations.is_empty()
            && self.individuals.is_empty()
            && self.countries.is_empty()
            && self.elections.is_empty()
    }
}

/// Searches the whole registry for `query`.
pub fn search(conn: &mut DbConn, query: &str) -> QueryResult<SearchResults> {
    let words = ElectionWords::parse(query);
    let people_and_groups = [RecordType::Organization, RecordType::Individual];
    let only_countries = [RecordType::Country];
    let lookups: Vec<(&str, &[RecordType])> = vec![
        (query, &people_and_groups[..]),
        (words.rest.as_str(), &only_countries[..]),
    ];
    let mut hits = search::candidates(conn, &lookups, PerQuery::All)?.into_iter();
    let named = hits.next().unwrap_or_default();
    let country_hits = hits.next().unwrap_or_default();
    // Rank on names alone, then load the records shown (with ratings and flags) only.
    let candidate_names = CandidateNames::load(conn, named.iter())?;
    let ranked_organizations = candidate_names.rank(query, &named, RecordType::Organization);
    let ranked_individuals = candidate_names.rank(query, &named, RecordType::Individual);
    let shown: Vec<Hit> = ranked_organizations
        .iter()
        .take(PER_GROUP)
        .map(|(id, ..)| (RecordType::Organization, id.clone()))
        .chain(
            ranked_individuals
                .iter()
                .take(PER_GROUP)
                .map(|(id, ..)| (RecordType::Individual, id.clone())),
        )
        .chain(country_hits.iter().cloned())
        .collect();
    let records = Records::load(conn, shown.iter())?;

    let organizations = shown_group(ranked_organizations, &records.organizations);
    let individuals = shown_group(ranked_individuals, &records.individuals);
    let countries = group(records.rank_countries(&words.rest, &country_hits));

    let (elections, elections_filter) = find_elections(conn, &words, &countries)?;
    let mut results = SearchResults {
        organizations,
        individuals,
        countries,
        elections,
        elections_filter,
        suggestions: Vec::new(),
    };
    if results.is_empty() {
        results.suggestions = candidate_names.closest(query, &named);
    }
    Ok(results)
}

/// The first [`PER_GROUP`] of `ranked` with their loaded records, and how many matched in all.
fn shown_group<T: Clone>(
    ranked: Vec<(String, f64, Reason)>,
    records: &HashMap<String, T>,
) -> Group<T> {
    let total = ranked.len();
    let items = ranked
        .into_iter()
        .take(PER_GROUP)
        .filter_map(|(id, score, reason)| {
            records.get(&id).map(|record| Ranked {
                record: record.clone(),
                score,
                reason,
            })
        })
        .collect();
    Group { items, total }
}

fn group<T>(ranked: Vec<Ranked<T>>) -> Group<T> {
    let total = ranked.len();
    let mut items = ranked;
    items.truncate(PER_GROUP);
    Group { items, total }
}

/// Most records a list page filtered by name shows (the best matches).
pub const LIST_MATCHES: usize = 5000;

/// The ids of the organizations or individuals whose names match `query`, best first, for the
/// list pages' name filter; `None` (no filter) when there is no query or it has no words.
pub fn matching_ids(
    conn: &mut DbConn,
    record_type: RecordType,
    query: Option<&str>,
) -> QueryResult<Option<Vec<String>>> {
    let Some(query) = query.filter(|q| !matching::tokens(q).is_empty()) else {
        return Ok(None);
    };
    let types = [record_type];
    let hits = search::candidates(conn, &[(query, &types[..])], PerQuery::All)?
        .pop()
        .unwrap_or_default();
    let mut ids: Vec<String> = match record_type {
        // Names are all a filter needs: no record is loaded here.
        RecordType::Organization | RecordType::Individual => {
            CandidateNames::load(conn, hits.iter())?
                .rank(query, &hits, record_type)
                .into_iter()
                .map(|(id, ..)| id)
                .collect()
        }
        RecordType::Country => Records::load(conn, hits.iter())?
            .rank_countries(query, &hits)
            .into_iter()
            .map(|r| r.record.iso3)
            .collect(),
    };
    ids.truncate(LIST_MATCHES);
    Ok(Some(ids))
}

/// Elections of the countries found (the best three), of the year and kind asked; or, with no
/// country words, of the year asked. Both read the elections by index, newest first.
fn find_elections(
    conn: &mut DbConn,
    words: &ElectionWords,
    countries: &Group<Country>,
) -> QueryResult<(Vec<ElectionListing>, Option<ElectionFilter>)> {
    let page = PageRequest::new(1, ELECTIONS_SHOWN);
    let filter = |country: Option<String>| ElectionFilter {
        country: country.and_then(|c| crate::domain::Iso3::parse(&c).ok()),
        year: words.year,
        kind: words.kind,
    };
    if !countries.is_empty() {
        let mut found = Vec::new();
        for country in countries.items.iter().take(3) {
            let f = filter(Some(country.record.iso3.clone()));
            found.extend(Election::list(conn, &f, page)?.items);
        }
        found.sort_by(|a, b| {
            b.election
                .election
                .held_on
                .cmp(&a.election.election.held_on)
                .then_with(|| a.election.election.id.cmp(&b.election.election.id))
        });
        found.truncate(ELECTIONS_SHOWN as usize);
        let link = filter(Some(countries.items[0].record.iso3.clone()));
        return Ok((found, Some(link)));
    }
    if words.rest.is_empty() && words.year.is_some() {
        let f = filter(None);
        return Ok((Election::list(conn, &f, page)?.items, Some(f)));
    }
    Ok((Vec::new(), None))
}

/// The candidate records of one or more queries, loaded by id in a few statements.
#[derive(Debug, Default)]
pub struct Records {
    pub organizations: HashMap<String, OrganizationResult>,
    pub individuals: HashMap<String, IndividualResult>,
    pub countries: HashMap<String, Country>,
    /// Every record's names, folded once however many queries they are matched against.
    names: HashMap<(RecordType, String), Vec<PreparedName>>,
}

/// Ids per statement.
const ID_CHUNK: usize = 2000;

impl Records {
    /// Loads the records named by `hits`, with ratings and flags.
    pub fn load<'a>(conn: &mut DbConn, hits: impl Iterator<Item = &'a Hit>) -> QueryResult<Self> {
        let mut ids: HashMap<RecordType, Vec<&str>> = HashMap::new();
        for (t, id) in hits {
            ids.entry(*t).or_default().push(id);
        }
        for list in ids.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        let mut records = Records::default();
        let none = Vec::new();
        for chunk in ids
            .get(&RecordType::Organization)
            .unwrap_or(&none)
            .chunks(ID_CHUNK)
        {
            let rows: Vec<(Organization, Option<Rating>)> = organizations::table
                .left_join(organization_ratings::table)
                .filter(organizations::id.eq_any(chunk))
                .select((
                    Organization::as_select(),
                    organization_ratings::rating.nullable(),
                ))
                .load(conn)?;
            let mut flags = flags_of(conn, SubjectType::Organization, chunk)?;
            for (organization, rating) in rows {
                let flags = flags.remove(&organization.id).unwrap_or_default();
                let o = &organization;
                records.prepare(
                    RecordType::Organization,
                    &o.id,
                    &search::organization_names(&o.name, o.acronym.as_deref(), &o.aliases),
                );
                records.organizations.insert(
                    organization.id.clone(),
                    OrganizationResult {
                        organization,
                        rating,
                        flags,
                    },
                );
            }
        }
        for chunk in ids
            .get(&RecordType::Individual)
            .unwrap_or(&none)
            .chunks(ID_CHUNK)
        {
            let rows: Vec<Individual> = individuals::table
                .filter(individuals::id.eq_any(chunk))
                .select(Individual::as_select())
                .load(conn)?;
            let mut flags = flags_of(conn, SubjectType::Individual, chunk)?;
            for individual in rows {
                let flags = flags.remove(&individual.id).unwrap_or_default();
                let i = &individual;
                records.prepare(
                    RecordType::Individual,
                    &i.id,
                    &search::individual_names(&i.name, i.name_original.as_deref()),
                );
                records.individuals.insert(
                    individual.id.clone(),
                    IndividualResult { individual, flags },
                );
            }
        }
        for chunk in ids
            .get(&RecordType::Country)
            .unwrap_or(&none)
            .chunks(ID_CHUNK)
        {
            let rows: Vec<Country> = countries::table
                .filter(countries::iso3.eq_any(chunk))
                .select(Country::as_select())
                .load(conn)?;
            for country in rows {
                let names = search::country_names(&country.name, &country.iso3);
                records.prepare(RecordType::Country, &country.iso3, &names);
                records.countries.insert(country.iso3.clone(), country);
            }
        }
        Ok(records)
    }

    fn prepare(&mut self, record_type: RecordType, id: &str, names: &[Name]) {
        let prepared = names
            .iter()
            .map(|n| PreparedName::new(n.candidate()))
            .collect();
        self.names.insert((record_type, id.to_owned()), prepared);
    }

    /// The organizations among `hits` that match `query`, best first.
    pub fn rank_organizations(&self, query: &str, hits: &[Hit]) -> Vec<Ranked<OrganizationResult>> {
        self.rank(query, hits, RecordType::Organization, &self.organizations)
    }

    /// The individuals among `hits` that match `query`, best first.
    pub fn rank_individuals(&self, query: &str, hits: &[Hit]) -> Vec<Ranked<IndividualResult>> {
        self.rank(query, hits, RecordType::Individual, &self.individuals)
    }

    /// The countries among `hits` that match `query`, best first.
    pub fn rank_countries(&self, query: &str, hits: &[Hit]) -> Vec<Ranked<Country>> {
        if query.is_empty() {
            return Vec::new();
        }
        self.rank(query, hits, RecordType::Country, &self.countries)
    }

    /// Ranks the records of one type among `hits`: best score first, then by name and id, so
    /// that both backends give the same order.
    fn rank<T: Clone>(
        &self,
        query: &str,
        hits: &[Hit],
        record_type: RecordType,
        records: &HashMap<String, T>,
    ) -> Vec<Ranked<T>> {
        let query = PreparedQuery::new(query);
        let mut ranked: Vec<(String, String, Ranked<T>)> = Vec::new();
        for (_, id) in hits.iter().filter(|(t, _)| *t == record_type) {
            let (Some(record), Some(names)) =
                (records.get(id), self.names.get(&(record_type, id.clone())))
            else {
                continue;
            };
            if let Some(Match { score, reason }) = matching::best_match_prepared(&query, names) {
                let sort = matching::fold(&names[0].text);
                let found = Ranked {
                    record: record.clone(),
                    score,
                    reason,
                };
                ranked.push((sort, id.clone(), found));
            }
        }
        ranked.sort_by(|a, b| {
            b.2.score
                .total_cmp(&a.2.score)
                .then_with(|| a.0.cmp(&b.0))
                .then_with(|| a.1.cmp(&b.1))
        });
        ranked.into_iter().map(|(_, _, r)| r).collect()
    }
}

/// The names of candidate records only, for ranking many queries before loading the few
/// records that matched (vetting).
#[derive(Debug, Default)]
pub struct CandidateNames {
    names: HashMap<(RecordType, String), Vec<PreparedName>>,
}

impl CandidateNames {
    /// Loads the names of the organizations and individuals named by `hits`.
    pub fn load<'a>(conn: &mut DbConn, hits: impl Iterator<Item = &'a Hit>) -> QueryResult<Self> {
        let mut organization_ids: Vec<&str> = Vec::new();
        let mut individual_ids: Vec<&str> = Vec::new();
        for (t, id) in hits {
            match t {
                RecordType::Organization => organization_ids.push(id),
                RecordType::Individual => individual_ids.push(id),
                RecordType::Country => {}
            }
        }
        for list in [&mut organization_ids, &mut individual_ids] {
            list.sort_unstable();
            list.dedup();
        }
        let mut found = CandidateNames::default();
        for chunk in organization_ids.chunks(ID_CHUNK) {
            let rows: Vec<(String, String, Option<String>, String)> = organizations::table
                .filter(organizations::id.eq_any(chunk))
                .select((
                    organizations::id,
                    organizations::name,
                    organizations::acronym,
                    organizations::aliases,
                ))
                .load(conn)?;
            for (id, name, acronym, aliases) in rows {
                let names = search::organization_names(&name, acronym.as_deref(), &aliases);
                found.insert(RecordType::Organization, id, &names);
            }
        }
        for chunk in individual_ids.chunks(ID_CHUNK) {
            let rows: Vec<(String, String, Option<String>)> = individuals::table
                .filter(individuals::id.eq_any(chunk))
                .select((
                    individuals::id,
                    individuals::name,
                    individuals::name_original,
                ))
                .load(conn)?;
            for (id, name, original) in rows {
                let names = search::individual_names(&name, original.as_deref());
                found.insert(RecordType::Individual, id, &names);
            }
        }
        Ok(found)
    }

    fn insert(&mut self, record_type: RecordType, id: String, names: &[Name]) {
        let prepared = names
            .iter()
            .map(|n| PreparedName::new(n.candidate()))
            .collect();
        self.names.insert((record_type, id), prepared);
    }

    /// The names among `hits` closest to `query` in spelling, for "did you mean".
    pub fn closest(&self, query: &str, hits: &[Hit]) -> Vec<Suggestion> {
        let folded = matching::fold(query);
        let mut scored: Vec<(f64, Suggestion)> = Vec::new();
        for (t, id) in hits {
            let Some(name) = self.names.get(&(*t, id.clone())).and_then(|n| n.first()) else {
                continue;
            };
            let href = format!("/{}s/{id}", t.code());
            let similarity = strsim::normalized_levenshtein(&folded, &matching::fold(&name.text));
            scored.push((
                similarity,
                Suggestion {
                    name: name.text.clone(),
                    href,
                },
            ));
        }
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.name.cmp(&b.1.name))
                .then_with(|| a.1.href.cmp(&b.1.href))
        });
        scored.dedup_by(|a, b| a.1 == b.1);
        scored
            .into_iter()
            .take(SUGGESTIONS)
            .map(|(_, s)| s)
            .collect()
    }

    /// The records of one type among `hits` that match `query`, best first (as [`Records`]
    /// ranks them): `(id, score, reason)`.
    pub fn rank(
        &self,
        query: &str,
        hits: &[Hit],
        record_type: RecordType,
    ) -> Vec<(String, f64, Reason)> {
        let query = PreparedQuery::new(query);
        let mut ranked: Vec<(String, String, f64, Reason)> = Vec::new();
        for (_, id) in hits.iter().filter(|(t, _)| *t == record_type) {
            let Some(names) = self.names.get(&(record_type, id.clone())) else {
                continue;
            };
            if let Some(Match { score, reason }) = matching::best_match_prepared(&query, names) {
                ranked.push((matching::fold(&names[0].text), id.clone(), score, reason));
            }
        }
        ranked.sort_by(|a, b| {
            b.2.total_cmp(&a.2)
                .then_with(|| a.0.cmp(&b.0))
                .then_with(|| a.1.cmp(&b.1))
        });
        ranked
            .into_iter()
            .map(|(_, id, score, reason)| (id, score, reason))
            .collect()
    }
}

/// The flags of the subjects `ids` of one type, by subject, in the order of [`FlagKind`].
fn flags_of(
    conn: &mut DbConn,
    subject_type: SubjectType,
    ids: &[&str],
) -> QueryResult<HashMap<String, Vec<FlagKind>>> {
    let rows: Vec<(String, FlagKind)> = flags::table
        .filter(flags::subject_type.eq(subject_type))
        .filter(flags::subject_id.eq_any(ids))
        .select((flags::subject_id, flags::flag))
        .load(conn)?;
    let mut by_subject: HashMap<String, Vec<FlagKind>> = HashMap::new();
    for (id, flag) in rows {
        by_subject.entry(id).or_default().push(flag);
    }
    for list in by_subject.values_mut() {
        list.sort();
    }
    Ok(by_subject)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_names_a_year_a_kind_and_a_country() {
        let words = ElectionWords::parse("Tajikistan 2020 presidential election");
        assert_eq!(words.year, Some(2020));
        assert_eq!(words.kind, Some(ElectionKind::Presidential));
        assert_eq!(words.rest, "tajikistan");
        let words = ElectionWords::parse("Person 12345");
        assert_eq!((words.year, words.kind), (None, None));
        assert_eq!(words.rest, "person 12345");
        assert_eq!(ElectionWords::parse("Выборы 2024").year, Some(2024));
    }
}
