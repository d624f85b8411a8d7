//! The CSV contract of DESIGN.md §6: the same files are exported by the site and accepted by the
//! importer, so export → import → export reproduces identical files.
//!
//! Files are UTF-8, comma-separated, with a header row and RFC 4180 quoting; dates are `YYYY-MM-DD`,
//! booleans `true`/`false`, and an empty cell means "no value".

pub mod cells;
pub mod datapackage;
pub mod dictionary;
pub mod export;
pub mod import;

use std::fmt;

/// One file of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContractFile {
    Countries,
    Sources,
    Organizations,
    Elections,
    Missions,
    Individuals,
    Participations,
    Sanctions,
    Flags,
    Ratings,
}

impl ContractFile {
    /// Every file, in the order the importer applies them (referenced tables first).
    pub const ALL: [ContractFile; 10] = [
        ContractFile::Countries,
        ContractFile::Sources,
        ContractFile::Organizations,
        ContractFile::Elections,
        ContractFile::Missions,
        ContractFile::Individuals,
        ContractFile::Participations,
        ContractFile::Sanctions,
        ContractFile::Flags,
        ContractFile::Ratings,
    ];

    /// The file name, e.g. `missions.csv`.
    pub fn file_name(self) -> &'static str {
        match self {
            ContractFile::Countries => "countries.csv",
            ContractFile::Sources => "sources.csv",
            ContractFile::Organizations => "organizations.csv",
            ContractFile::Elections => "elections.csv",
            ContractFile::Missions => "missions.csv",
            ContractFile::Individuals => "individuals.csv",
            ContractFile::Participations => "participations.csv",
            ContractFile::Sanctions => "sanctions.csv",
            ContractFile::Flags => "flags.csv",
            ContractFile::Ratings => "ratings.csv",
        }
    }

    /// The columns, in contract order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ContractFile::Countries => &["iso3", "name"],
            ContractFile::Sources => &[
                "id",
                "url",
                "title",
                "publisher",
                "published_on",
                "archived_url",
            ],
            ContractFile::Organizations => &[
                "id",
                "name",
                "acronym",
                "aliases",
                "kind",
                "hq_country",
                "founded_on",
                "dissolved_on",
                "dop_endorser",
                "benchmark",
                "benchmark_reason",
                "website",
                "notes",
            ],
            ContractFile::Elections => &[
                "id",
                "country",
                "held_on",
                "kind",
                "round",
                "legitimacy",
                "notes",
            ],
            ContractFile::Missions => &[
                "id",
                "organization_id",
                "election_id",
                "kind",
                "observers",
                "arrived_on",
                "verdict",
                "verdict_quote",
                "source_id",
            ],
            ContractFile::Individuals => &[
                "id",
                "name",
                "name_original",
                "country",
                "affiliation",
                "notes",
            ],
            ContractFile::Participations => &[
                "id",
                "individual_id",
                "mission_id",
                "election_id",
                "role",
                "statement",
                "statement_verdict",
                "source_id",
            ],
            ContractFile::Sanctions => &[
                "id",
                "subject_type",
                "subject_id",
                "kind",
                "imposed_by",
                "imposed_on",
                "description",
                "source_id",
            ],
            ContractFile::Flags => &[
                "subject_type",
                "subject_id",
                "flag",
                "detail",
                "methodology_version",
            ],
            ContractFile::Ratings => &[
                "organization_id",
                "rating",
                "comparable_missions",
                "contradictions",
                "methodology_version",
            ],
        }
    }

    /// Whether the importer accepts this file (derived files are export only).
    pub fn importable(self) -> bool {
        !matches!(self, ContractFile::Flags | ContractFile::Ratings)
    }

    /// The file with this name, if it is part of the contract.
    pub fn from_file_name(name: &str) -> Option<ContractFile> {
        ContractFile::ALL
            .into_iter()
            .find(|file| file.file_name() == name)
    }
}

impl fmt::Display for ContractFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file_name())
    }
}

/// One problem found in an import, reported as `file:line: column: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    /// The 1-based line of the file (the header is line 1); 0 for the file as a whole.
    pub line: u64,
    /// The column the problem is in, or `-` when it concerns the whole row or file.
    pub column: String,
    pub message: String,
}

impl Problem {
    pub fn new(
        file: impl Into<String>,
        line: u64,
        column: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.into(),
            line,
            column: column.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}
