//! One importable table: how a row of its file is parsed, what it refers to, and how it is
//! read back and written.

use diesel::prelude::*;

use super::check::RowCheck;
use crate::csv::cells::Cells;
use crate::csv::ContractFile;
use crate::db::schema::{
    countries, elections, individuals, missions, organizations, participations, sanctions, sources,
};
use crate::db::DbConn;
use crate::model::country::Country;
use crate::model::election::Election;
use crate::model::individual::{Individual, IndividualForm};
use crate::model::mission::Mission;
use crate::model::organization::{Organization, OrganizationForm};
use crate::model::participation::Participation;
use crate::model::sanction::Sanction;
use crate::model::search::{self, Name, RecordType};
use crate::model::source::Source;
use crate::model::{
    ElectionKind, Legitimacy, MissionKind, OrganizationKind, Role, SanctionKind, SubjectType,
    Verdict,
};

/// A row of an importable file.
pub(super) trait Record: Clone + PartialEq + serde::Serialize + Sized {
    const FILE: ContractFile;
    /// The names a search finds the record by, for the tables that have them.
    const SEARCH: Option<RecordType> = None;

    /// Reads the row from its cells; each bad cell is a problem the cells record.
    fn parse(cells: &mut Cells<'_>) -> Self;
    fn id(&self) -> &str;
    /// Checks what the row refers to, and the rules across rows; may complete the row (a
    /// participation takes its mission's election). It runs twice on each row: once to gather
    /// what it asks, once with the answers (see [`RowCheck`]).
    fn check(&mut self, _row: &mut RowCheck<'_>) {}
    /// The stored rows with these ids.
    fn stored(conn: &mut DbConn, ids: &[&str]) -> QueryResult<Vec<Self>>;
    /// Whether the table holds no row.
    fn is_empty(conn: &mut DbConn) -> QueryResult<bool>;
    fn insert(conn: &mut DbConn, rows: Vec<Self>) -> QueryResult<()>;
    fn update(conn: &mut DbConn, row: Self) -> QueryResult<()>;
    fn names(&self) -> Vec<Name> {
        Vec::new()
    }
    /// What later files look up by this row's id, besides the id itself: a mission's election.
    fn remembered(&self) -> Option<&str> {
        None
    }
}

/// The reading back and writing of a table, the same code for each (multi-row inserts are
/// backend-specific in diesel, hence the `match` on the connection).
macro_rules! storage {
    ($table:ident, $id:ident, $type:ty, |$row:ident| $form:expr) => {
        fn stored(conn: &mut DbConn, ids: &[&str]) -> QueryResult<Vec<Self>> {
            $table::table
                .filter($table::$id.eq_any(ids.iter().map(|id| (*id).to_owned())))
                .select(<$type>::as_select())
                .load(conn)
        }

        fn is_empty(conn: &mut DbConn) -> QueryResult<bool> {
            let any: Option<String> = $table::table.select($table::$id).first(conn).optional()?;
            Ok(any.is_none())
        }

        fn insert(conn: &mut DbConn, rows: Vec<Self>) -> QueryResult<()> {
            let forms: Vec<_> = rows.into_iter().map(|$row| $form).collect();
            match conn {
                DbConn::Sqlite(conn) => diesel::insert_into($table::table)
                    .values(forms)
                    .execute(conn)?,
                DbConn::Pg(conn) => diesel::insert_into($table::table)
                    .values(forms)
                    .execute(conn)?,
            };
            Ok(())
        }

        fn update(conn: &mut DbConn, row: Self) -> QueryResult<()> {
            let id = Record::id(&row).to_owned();
            let $row = row;
            diesel::update($table::table.filter($table::$id.eq(id)))
                .set($form)
                .execute(conn)?;
            Ok(())
        }
    };
}

impl Record for Country {
    const FILE: ContractFile = ContractFile::Countries;
    const SEARCH: Option<RecordType> = Some(RecordType::Country);

    fn parse(cells: &mut Cells<'_>) -> Self {
        Country {
            iso3: cells.country("iso3"),
            name: cells.text("name"),
        }
    }

    fn id(&self) -> &str {
        &self.iso3
    }

    storage!(countries, iso3, Country, |row| row);

    fn names(&self) -> Vec<Name> {
        search::country_names(&self.name, &self.iso3)
    }
}

impl Record for Source {
    const FILE: ContractFile = ContractFile::Sources;

    fn parse(cells: &mut Cells<'_>) -> Self {
        Source {
            id: cells.id("id"),
            url: cells.url("url"),
            title: cells.opt_text("title"),
            publisher: cells.opt_text("publisher"),
            published_on: cells.opt_date("published_on"),
            archived_url: cells.opt_url("archived_url"),
        }
    }

    fn id(&self) -> &str {
        &self.id
    }

    storage!(sources, id, Source, |row| row);
}

impl Record for Organization {
    const FILE: ContractFile = ContractFile::Organizations;
    const SEARCH: Option<RecordType> = Some(RecordType::Organization);

    fn parse(cells: &mut Cells<'_>) -> Self {
        let kinds: Vec<OrganizationKind> = OrganizationKind::all().collect();
        let value = Organization {
            id: cells.id("id"),
            name: cells.text("name"),
            acronym: cells.opt_text("acronym"),
            aliases: cells.opt_text("aliases").unwrap_or_default(),
            kind: cells.code("kind", &kinds, OrganizationKind::Other),
            hq_country: cells.opt_country("hq_country"),
            founded_on: cells.opt_date("founded_on"),
            dissolved_on: cells.opt_date("dissolved_on"),
            dop_endorser: cells.boolean("dop_endorser"),
            benchmark: cells.boolean("benchmark"),
            benchmark_reason: cells.opt_text("benchmark_reason"),
            website: cells.opt_url("website"),
            notes: cells.opt_text("notes"),
        };
        if !value.aliases.is_empty()
            && value
                .aliases
                .split('|')
                .any(|alias| alias.trim() != alias || alias.is_empty())
        {
            cells.problem(
                "aliases",
                "must be names separated by | with no empty names or spaces around them",
            );
        }
        if let (Some(founded), Some(dissolved)) = (value.founded_on, value.dissolved_on) {
            if dissolved < founded {
                cells.problem("dissolved_on", "is before founded_on");
            }
        }
        value
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn check(&mut self, row: &mut RowCheck<'_>) {
        if let Some(country) = &self.hq_country {
            row.require("hq_country", ContractFile::Countries, country);
        }
        row.require_citations("notes", self.notes.as_deref());
        row.require_citations("benchmark_reason", self.benchmark_reason.as_deref());
    }

    storage!(organizations, id, Organization, |row| {
        OrganizationForm::from(row)
    });

    fn names(&self) -> Vec<Name> {
        search::organization_names(&self.name, self.acronym.as_deref(), &self.aliases)
    }
}

impl Record for Election {
    const FILE: ContractFile = ContractFile::Elections;

    fn parse(cells: &mut Cells<'_>) -> Self {
        let kinds: Vec<ElectionKind> = ElectionKind::all().collect();
        let legitimacies: Vec<Legitimacy> = Legitimacy::all().collect();
        Election {
            id: cells.id("id"),
            country: cells.country("country"),
            held_on: cells.date("held_on"),
            kind: cells.code("kind", &kinds, ElectionKind::Other),
            round: cells.opt_int("round", 1),
            legitimacy: cells.code("legitimacy", &legitimacies, Legitimacy::Recognized),
            notes: cells.opt_text("notes"),
        }
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn check(&mut self, row: &mut RowCheck<'_>) {
        row.require("country", ContractFile::Countries, &self.country);
        row.require_citations("notes", self.notes.as_deref());
        row.one_election_per_vote(self);
    }

    storage!(elections, id, Election, |row| row);
}

impl Record for Mission {
    const FILE: ContractFile = ContractFile::Missions;

    fn parse(cells: &mut Cells<'_>) -> Self {
        let kinds: Vec<MissionKind> = MissionKind::all().collect();
        let verdicts: Vec<Verdict> = Verdict::all().collect();
        Mission {
            id: cells.id("id"),
            organization_id: cells.id("organization_id"),
            election_id: cells.id("election_id"),
            kind: cells.code("kind", &kinds, MissionKind::Unknown),
            observers: cells.opt_int("observers", 0),
            arrived_on: cells.opt_date("arrived_on"),
            verdict: cells.code("verdict", &verdicts, Verdict::None),
            verdict_quote: cells.opt_text("verdict_quote"),
            source_id: cells.id("source_id"),
        }
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn check(&mut self, row: &mut RowCheck<'_>) {
        use ContractFile as F;
        row.require("organization_id", F::Organizations, &self.organization_id);
        row.require("election_id", F::Elections, &self.election_id);
        row.require("source_id", F::Sources, &self.source_id);
        row.one_mission_per_organization(self);
    }

    fn remembered(&self) -> Option<&str> {
        Some(&self.election_id)
    }

    storage!(missions, id, Mission, |row| row);
}

impl Record for Individual {
    const FILE: ContractFile = ContractFile::Individuals;
    const SEARCH: Option<RecordType> = Some(RecordType::Individual);

    fn parse(cells: &mut Cells<'_>) -> Self {
        Individual {
            id: cells.id("id"),
            name: cells.text("name"),
            name_original: cells.opt_text("name_original"),
            country: cells.opt_country("country"),
            affiliation: cells.opt_text("affiliation"),
            notes: cells.opt_text("notes"),
        }
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn check(&mut self, row: &mut RowCheck<'_>) {
        if let Some(country) = &self.country {
            row.require("country", ContractFile::Countries, country);
        }
        row.require_citations("notes", self.notes.as_deref());
    }

    storage!(individuals, id, Individual, |row| IndividualForm::from(row));

    fn names(&self) -> Vec<Name> {
        search::individual_names(&self.name, self.name_original.as_deref())
    }
}

impl Record for Participation {
    const FILE: ContractFile = ContractFile::Participations;

    /// An empty `election_id` is left to the mission (the check fills it in).
    fn parse(cells: &mut Cells<'_>) -> Self {
        let roles: Vec<Role> = Role::all().collect();
        let verdicts: Vec<Verdict> = Verdict::all().collect();
        let election_id = cells.opt_id("election_id");
        let value = Participation {
            id: cells.id("id"),
            individual_id: cells.id("individual_id"),
            mission_id: cells.opt_id("mission_id"),
            election_id: election_id.clone().unwrap_or_default(),
            role: cells.code("role", &roles, Role::Other),
            statement: cells.opt_text("statement"),
            statement_verdict: cells.opt_code("statement_verdict", &verdicts),
            source_id: cells.id("source_id"),
        };
        if value.mission_id.is_none() && election_id.is_none() {
            cells.problem("election_id", "is required when mission_id is empty");
        }
        if value.statement.is_none() && value.statement_verdict.is_some() {
            cells.problem("statement_verdict", "is given but there is no statement");
        }
        value
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn check(&mut self, row: &mut RowCheck<'_>) {
        use ContractFile as F;
        let given = !self.election_id.is_empty();
        row.require("individual_id", F::Individuals, &self.individual_id);
        row.require("source_id", F::Sources, &self.source_id);
        if given {
            row.require("election_id", F::Elections, &self.election_id);
        }
        let Some(mission_id) = self.mission_id.as_deref().filter(|id| !id.is_empty()) else {
            return;
        };
        match row.election_of_mission(mission_id) {
            // Neither read clean by this import nor in the database: unknown, or in the import
            // with a problem in its cells.
            None => row.require("mission_id", F::Missions, mission_id),
            Some(election) if !given => self.election_id = election,
            Some(election) if election != self.election_id => row.problem(
                "election_id",
                format!(
                    "\"{}\" is not the election of mission \"{mission_id}\" ({election})",
                    self.election_id
                ),
            ),
            Some(_) => {}
        }
    }

    storage!(participations, id, Participation, |row| row);
}

impl Record for Sanction {
    const FILE: ContractFile = ContractFile::Sanctions;

    fn parse(cells: &mut Cells<'_>) -> Self {
        let subjects: Vec<SubjectType> = SubjectType::all().collect();
        let kinds: Vec<SanctionKind> = SanctionKind::all().collect();
        Sanction {
            id: cells.id("id"),
            subject_type: cells.code("subject_type", &subjects, SubjectType::Organization),
            subject_id: cells.id("subject_id"),
            kind: cells.code("kind", &kinds, SanctionKind::Exposure),
            imposed_by: cells.opt_text("imposed_by"),
            imposed_on: cells.opt_date("imposed_on"),
            description: cells.text("description"),
            source_id: cells.id("source_id"),
        }
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn check(&mut self, row: &mut RowCheck<'_>) {
        let subjects = match self.subject_type {
            SubjectType::Organization => ContractFile::Organizations,
            SubjectType::Individual => ContractFile::Individuals,
        };
        row.require("subject_id", subjects, &self.subject_id);
        row.require("source_id", ContractFile::Sources, &self.source_id);
        row.require_citations("description", Some(self.description.as_str()));
    }

    storage!(sanctions, id, Sanction, |row| row);
}
