//! The data dictionary: every column of every contract file, with its type, allowed values,
//! meaning and an example. The downloads page and `datapackage.json` are rendered from it, and a
//! test keeps it in step with [`ContractFile::columns`].

use super::ContractFile;
use crate::credibility::{FlagKind, Rating};
use crate::model::{
    ElectionKind, Legitimacy, MissionKind, OrganizationKind, Role, SanctionKind, SubjectType,
    Verdict,
};

/// The type of a column, as Frictionless Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    String,
    Date,
    Boolean,
    Integer,
}

impl ColumnType {
    /// The Table Schema type name.
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::String => "string",
            ColumnType::Date => "date",
            ColumnType::Boolean => "boolean",
            ColumnType::Integer => "integer",
        }
    }
}

/// One column of a contract file.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnType,
    pub required: bool,
    /// The closed list of allowed values, when there is one.
    pub values: Vec<&'static str>,
    /// The file and column this one refers to, e.g. `("organizations", "id")`.
    pub references: Option<(&'static str, &'static str)>,
    /// For strings in a fixed format (ids, codes, URLs), a regular expression they match.
    pub pattern: Option<&'static str>,
    pub meaning: &'static str,
    pub example: &'static str,
}

/// A lower-case slug such as `osce-odihr`.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
const ISO3_PATTERN: &str = "^[A-Z]{3}$";
/// An http(s) address.
pub const URL_PATTERN: &str = "^https?://\\S+$";

fn col(
    name: &'static str,
    kind: ColumnType,
    required: bool,
    meaning: &'static str,
    example: &'static str,
) -> Column {
    Column {
        name,
        kind,
        required,
        values: Vec::new(),
        references: None,
        pattern: None,
        meaning,
        example,
    }
}

fn id(meaning: &'static str, example: &'static str) -> Column {
    Column {
        pattern: Some(ID_PATTERN),
        ..col("id", ColumnType::String, true, meaning, example)
    }
}

fn reference(
    name: &'static str,
    required: bool,
    target: (&'static str, &'static str),
    meaning: &'static str,
    example: &'static str,
) -> Column {
    let pattern = if target.1 == "iso3" {
        ISO3_PATTERN
    } else {
        ID_PATTERN
    };
    Column {
        references: Some(target),
        pattern: Some(pattern),
        ..col(name, ColumnType::String, required, meaning, example)
    }
}

fn codes(
    name: &'static str,
    required: bool,
    values: impl Iterator<Item = &'static str>,
    meaning: &'static str,
    example: &'static str,
) -> Column {
    Column {
        values: values.collect(),
        ..col(name, ColumnType::String, required, meaning, example)
    }
}

fn url(name: &'static str, required: bool, meaning: &'static str, example: &'static str) -> Column {
    Column {
        pattern: Some(URL_PATTERN),
        ..col(name, ColumnType::String, required, meaning, example)
    }
}

fn source_id() -> Column {
    reference(
        "source_id",
        true,
        ("sources", "id"),
        "The source this row rests on.",
        "sco-2020-10-12-tjk-pres-statement",
    )
}

/// What one file holds, in a sentence.
pub fn describe(file: ContractFile) -> &'static str {
    match file {
        ContractFile::Countries => "Countries, by ISO 3166-1 alpha-3 code.",
        ContractFile::Sources => "The published documents every verdict, participation and sanction rests on.",
        ContractFile::Organizations => "Observer organizations, with aliases in any script and whether curators use them as a benchmark.",
        ContractFile::Elections => "Elections (one round each), including votes staged with no legal basis (legitimacy = sham).",
        ContractFile::Missions => "One organization observing one election, with the verdict it published.",
        ContractFile::Individuals => "People named in a source as taking part in election observation.",
        ContractFile::Participations => "An individual in a mission, or at an election when no group sent them.",
        ContractFile::Sanctions => "Sourced sanctions, exposures and dissolutions of organizations or individuals.",
        ContractFile::Flags => "Derived: every flag the methodology raises, with the ids of its evidence.",
        ContractFile::Ratings => "Derived: every organization's rating under the methodology.",
    }
}

/// The columns of `file`, in contract order.
pub fn columns(file: ContractFile) -> Vec<Column> {
    use ColumnType::{Boolean, Date, Integer, String as Text};
    let verdicts = || Verdict::all().map(Verdict::code);
    match file {
        ContractFile::Countries => vec![
            Column { pattern: Some(ISO3_PATTERN), ..col("iso3", Text, true, "ISO 3166-1 alpha-3 code.", "TJK") },
            col("name", Text, true, "Short English name.", "Tajikistan"),
        ],
        ContractFile::Sources => vec![
            id("Stable id of the source.", "osce-odihr-2021-01-29-tjk-final-report"),
            url("url", true, "Where the document was read.", "https://www.osce.org/odihr/elections"),
            col("title", Text, false, "The document's title.", "Statement by the SCO Observer Mission"),
            col("publisher", Text, false, "Who published it.", "OSCE/ODIHR"),
            col("published_on", Date, false, "Publication date (YYYY-MM-DD).", "2020-10-12"),
            url("archived_url", false, "An archived copy.", "https://web.archive.org/web/2020/https://example.org"),
        ],
        ContractFile::Organizations => vec![
            id("Stable id of the organization.", "sco"),
            col("name", Text, true, "Full name.", "Shanghai Cooperation Organisation"),
            col("acronym", Text, false, "Acronym.", "SCO"),
            col("aliases", Text, false, "Other names and spellings in any script, separated by |.", "ШОС|上海合作组织"),
            codes("kind", true, OrganizationKind::all().map(OrganizationKind::code), "What kind of body it is.", "intergovernmental"),
            reference("hq_country", false, ("countries", "iso3"), "Country of its headquarters.", "CHN"),
            col("founded_on", Date, false, "Founding date.", "2001-06-15"),
            col("dissolved_on", Date, false, "Dissolution date.", ""),
            col("dop_endorser", Boolean, true, "Whether it endorsed the 2005 Declaration of Principles for International Election Observation.", "false"),
            col("benchmark", Boolean, true, "Whether curators use it as a credible reference.", "false"),
            col("benchmark_reason", Text, false, "Why it is a benchmark.", ""),
            url("website", false, "Its website.", "https://eng.sectsco.org"),
            col("notes", Text, false, "Curators' notes.", ""),
        ],
        ContractFile::Elections => vec![
            id("Stable id: country, date, kind.", "tjk-2020-10-11-presidential"),
            reference("country", true, ("countries", "iso3"), "Where the vote was held (the country whose territory it is).", "TJK"),
            col("held_on", Date, true, "Voting day of this round.", "2020-10-11"),
            codes("kind", true, ElectionKind::all().map(ElectionKind::code), "What was voted on.", "presidential"),
            Column { values: Vec::new(), ..col("round", Integer, false, "Round number when there was more than one.", "") },
            codes("legitimacy", true, Legitimacy::all().map(Legitimacy::code), "sham = staged where it had no legal basis.", "recognized"),
            col("notes", Text, false, "Curators' notes.", ""),
        ],
        ContractFile::Missions => vec![
            id("Stable id: organization, election.", "sco-tjk-2020-10-11-presidential"),
            reference("organization_id", true, ("organizations", "id"), "The observing organization.", "sco"),
            reference("election_id", true, ("elections", "id"), "The election observed.", "tjk-2020-10-11-presidential"),
            codes("kind", true, MissionKind::all().map(MissionKind::code), "How it observed.", "short_term"),
            col("observers", Integer, false, "Number of observers, as the source states it.", "16"),
            col("arrived_on", Date, false, "When the mission arrived.", ""),
            codes("verdict", true, verdicts(), "The mission's own overall verdict, coded on the registry's scale (see the methodology).", "positive"),
            col("verdict_quote", Text, false, "The mission's words, or a faithful paraphrase marked as such.", "The mission recognizes the election as open, free and legitimate"),
            source_id(),
        ],
        ContractFile::Individuals => vec![
            id("Stable id of the person.", "vladimir-norov"),
            col("name", Text, true, "Name in Latin script.", "Vladimir Norov"),
            col("name_original", Text, false, "Name in its original script.", "Владимир Норов"),
            reference("country", false, ("countries", "iso3"), "Country of citizenship or office.", "UZB"),
            col("affiliation", Text, false, "Office or affiliation at the time, as the source says.", "Secretary-General of the SCO"),
            col("notes", Text, false, "Curators' notes.", ""),
        ],
        ContractFile::Participations => vec![
            id("Stable id: individual, election.", "vladimir-norov-tjk-2020-10-11-presidential"),
            reference("individual_id", true, ("individuals", "id"), "Who took part.", "vladimir-norov"),
            reference("mission_id", false, ("missions", "id"), "The mission they were part of, if any.", "sco-tjk-2020-10-11-presidential"),
            reference("election_id", true, ("elections", "id"), "The election (may be left empty on import when mission_id is given).", "tjk-2020-10-11-presidential"),
            codes("role", true, Role::all().map(Role::code), "What they did.", "head_of_mission"),
            col("statement", Text, false, "Their public words about the vote, from the source.", ""),
            codes("statement_verdict", false, verdicts(), "The statement coded on the verdict scale.", ""),
            source_id(),
        ],
        ContractFile::Sanctions => vec![
            id("Stable id of the fact.", "afric-sanction-2021"),
            codes("subject_type", true, SubjectType::all().map(SubjectType::code), "Whether the subject is an organization or an individual.", "organization"),
            Column { pattern: Some(ID_PATTERN), ..col("subject_id", Text, true, "The id of the organization or individual.", "afric") },
            codes("kind", true, SanctionKind::all().map(SanctionKind::code), "Sanction, exposure or dissolution.", "sanction"),
            col("imposed_by", Text, false, "Who imposed or published it.", "US Department of the Treasury"),
            col("imposed_on", Date, false, "When.", "2021-04-15"),
            col("description", Text, true, "What the source records.", "Designated for election interference"),
            source_id(),
        ],
        ContractFile::Flags => vec![
            codes("subject_type", true, SubjectType::all().map(SubjectType::code), "Organization or individual.", "organization"),
            Column { pattern: Some(ID_PATTERN), ..col("subject_id", Text, true, "The flagged record.", "sco") },
            codes("flag", true, FlagKind::all().map(FlagKind::code), "The flag raised (see the methodology).", "contradicts_credible_observers"),
            col("detail", Text, false, "Ids of the evidence, separated by spaces: missions (organization flags), participations (individual flags) or sanctions.", "sco-tjk-2020-03-01-parliamentary"),
            col("methodology_version", Text, true, "The methodology version that raised it.", "1"),
        ],
        ContractFile::Ratings => vec![
            reference("organization_id", true, ("organizations", "id"), "The rated organization.", "sco"),
            codes("rating", true, Rating::all().map(Rating::code), "Its rating (see the methodology).", "low_quality"),
            col("comparable_missions", Integer, true, "Missions with a verdict at an election with a benchmark consensus.", "13"),
            col("contradictions", Integer, true, "Elections at which it contradicted the consensus.", "12"),
            col("methodology_version", Text, true, "The methodology version that rated it.", "1"),
        ],
    }
}

/// The column(s) that identify a row of `file`.
pub fn primary_key(file: ContractFile) -> &'static [&'static str] {
    match file {
        ContractFile::Countries => &["iso3"],
        ContractFile::Flags => &["subject_type", "subject_id", "flag"],
        ContractFile::Ratings => &["organization_id"],
        _ => &["id"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_meaning_and_a_unique_name() {
        for file in ContractFile::ALL {
            let mut names: Vec<&str> = columns(file).iter().map(|c| c.name).collect();
            assert_eq!(names, file.columns(), "{file}");
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), file.columns().len(), "{file}");
            for column in columns(file) {
                assert!(!column.meaning.is_empty(), "{file}: {}", column.name);
            }
        }
    }
}
