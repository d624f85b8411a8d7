//! Participations: an individual in a mission, or at an election when no group sent them.

use std::collections::HashMap;

use diesel::prelude::*;

use super::election::{Election, ElectionInCountry};
use super::individual::Individual;
use super::source::Source;
use super::{Role, Verdict};
use crate::db::schema::{
    countries, elections, individuals, missions, organizations, participations, sources,
};
use crate::db::{Backend, DbConn};
use diesel::dsl::AsSelect;

#[derive(
    Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize,
)]
#[diesel(table_name = participations, treat_none_as_null = true)]
pub struct Participation {
    pub id: String,
    pub individual_id: String,
    pub mission_id: Option<String>,
    pub election_id: String,
    pub role: Role,
    pub statement: Option<String>,
    /// The statement's own verdict, coded on the scale of DESIGN.md §4.
    pub statement_verdict: Option<Verdict>,
    pub source_id: String,
}

/// The organization that sent an individual, when one did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendingOrganization {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
}

/// A participation with everything a row about it shows.
#[derive(Debug, Clone)]
pub struct ParticipationDetail {
    pub participation: Participation,
    pub individual: Individual,
    pub election: ElectionInCountry,
    pub organization: Option<SendingOrganization>,
    pub source: Source,
}

type DetailRow = (Participation, Individual, Election, String, Source);

/// The join every participation listing reads from. The sending organizations are read in a
/// second query (see [`details`]): a LEFT JOIN onto a joined pair makes SQLite build the pair for
/// the whole missions table on every request.
#[diesel::dsl::auto_type(no_type_alias)]
fn detail_query() -> _ {
    let participation: AsSelect<Participation, Backend> = Participation::as_select();
    let individual: AsSelect<Individual, Backend> = Individual::as_select();
    let election: AsSelect<Election, Backend> = Election::as_select();
    let source: AsSelect<Source, Backend> = Source::as_select();
    participations::table
        .inner_join(individuals::table)
        .inner_join(elections::table.inner_join(countries::table))
        .inner_join(sources::table)
        .select((participation, individual, election, countries::name, source))
}

/// Completes the rows with the organizations that sent the individuals, in one query.
fn details(conn: &mut DbConn, rows: Vec<DetailRow>) -> QueryResult<Vec<ParticipationDetail>> {
    let mission_ids: Vec<&str> = rows
        .iter()
        .filter_map(|(record, ..)| record.mission_id.as_deref())
        .collect();
    let senders: HashMap<String, SendingOrganization> = missions::table
        .inner_join(organizations::table)
        .filter(missions::id.eq_any(&mission_ids))
        .select((
            missions::id,
            organizations::id,
            organizations::name,
            organizations::acronym,
        ))
        .load::<(String, String, String, Option<String>)>(conn)?
        .into_iter()
        .map(|(mission, id, name, acronym)| (mission, SendingOrganization { id, name, acronym }))
        .collect();
    rows.into_iter()
        .map(|(record, individual, election, country_name, source)| {
            let organization = record
                .mission_id
                .as_deref()
                .and_then(|mission| senders.get(mission))
                .cloned();
            Ok(ParticipationDetail {
                participation: record,
                individual,
                election: ElectionInCountry {
                    election,
                    country_name,
                },
                organization,
                source,
            })
        })
        .collect()
}

impl Participation {
    /// Everything an individual took part in, newest election first.
    pub fn of_individual(
        conn: &mut DbConn,
        individual_id: &str,
    ) -> QueryResult<Vec<ParticipationDetail>> {
        detail_query()
            .filter(participations::individual_id.eq(individual_id))
            .order((elections::held_on.desc(), participations::id.asc()))
            .load::<DetailRow>(conn)
            .and_then(|rows| details(conn, rows))
    }

    /// The named members of a mission.
    pub fn in_mission(
        conn: &mut DbConn,
        mission_id: &str,
    ) -> QueryResult<Vec<ParticipationDetail>> {
        detail_query()
            .filter(participations::mission_id.eq(mission_id))
            .order((individuals::sort_name.asc(), participations::id.asc()))
            .load::<DetailRow>(conn)
            .and_then(|rows| details(conn, rows))
    }

    /// Every named individual at an election, with or without a mission.
    pub fn at_election(
        conn: &mut DbConn,
        election_id: &str,
    ) -> QueryResult<Vec<ParticipationDetail>> {
        detail_query()
            .filter(participations::election_id.eq(election_id))
            .order((individuals::sort_name.asc(), participations::id.asc()))
            .load::<DetailRow>(conn)
            .and_then(|rows| details(conn, rows))
    }
}

impl Participation {
    /// Up to `limit` participations with ids after `after`, by id: one batch of an export.
    pub fn export_batch(
        conn: &mut DbConn,
        after: &str,
        limit: i64,
    ) -> QueryResult<Vec<Participation>> {
        participations::table
            .filter(participations::id.gt(after.to_owned()))
            .order(participations::id.asc())
            .limit(limit)
            .select(Participation::as_select())
            .load(conn)
    }
}
