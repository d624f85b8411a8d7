//! The CSV contract of DESIGN.md §6: the same files are exported by the site and accepted by the
//! importer, so export → import → export reproduces identical files.
//!
//! Files are UTF-8, comma-separated, with a header row and RFC 4180 quoting; dates are `YYYY-MM-DD`,
//! booleans `true`/`false`, and an empty cell means "no value".

pub mod archive;
pub mod cells;
pub mod datapackage;
pub mod dictionary;
pub mod export;
pub mod import;
mod table_export;
pub mod upload;

use std::fmt;
use std::sync::OnceLock;

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

    /// The column names, in contract order, as the data dictionary defines them.
    pub fn columns(self) -> &'static [&'static str] {
        static NAMES: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
        let names = NAMES.get_or_init(|| {
            ContractFile::ALL
                .into_iter()
                .map(|file| dictionary::columns(file).iter().map(|c| c.name).collect())
                .collect()
        });
        &names[self as usize]
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

/// The cells of one contract row as the export writes them (each model type serializes its
/// fields in contract order).
pub fn row_cells<T: serde::Serialize>(row: &T) -> Vec<String> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    let written = writer
        .serialize(row)
        .and_then(|()| writer.flush().map_err(csv::Error::from));
    let (Ok(()), Ok(bytes)) = (written, writer.into_inner()) else {
        return Vec::new();
    };
    split_record(&bytes)
}

/// The cells of one CSV record. The parser is built once per thread and reset for each record:
/// building it is most of the cost of reading one short record, and the importer's history
/// reads one per row written.
pub(crate) fn split_record(mut input: &[u8]) -> Vec<String> {
    use csv_core::ReadFieldResult;
    thread_local! {
        static PARSER: std::cell::RefCell<csv_core::Reader> =
            std::cell::RefCell::new(csv_core::Reader::new());
    }
    PARSER.with_borrow_mut(|parser| {
        parser.reset();
        let mut buffer = [0u8; 1024];
        // A first field of our own, so that a byte-order mark opening the record is read as
        // part of its first cell (the parser drops one at the start of its input).
        let (opening, _, _) = parser.read_field(b"_,", &mut buffer);
        debug_assert!(matches!(
            opening,
            ReadFieldResult::Field { record_end: false }
        ));
        let mut cells = Vec::new();
        let mut cell = Vec::new();
        loop {
            let (result, read, written) = parser.read_field(input, &mut buffer);
            input = &input[read..];
            cell.extend_from_slice(&buffer[..written]);
            match result {
                // An empty input after the last byte tells the parser the input has ended.
                ReadFieldResult::OutputFull | ReadFieldResult::InputEmpty => {}
                ReadFieldResult::Field { record_end } => {
                    cells.push(String::from_utf8_lossy(&cell).into_owned());
                    cell.clear();
                    if record_end {
                        return cells;
                    }
                }
                ReadFieldResult::End => return cells,
            }
        }
    })
}

/// One row of `file` as a JSON object of column to value, as the change history stores it.
pub fn row_json<T: serde::Serialize>(file: ContractFile, row: &T) -> String {
    let object: serde_json::Map<String, serde_json::Value> = file
        .columns()
        .iter()
        .zip(row_cells(row))
        .map(|(column, value)| ((*column).to_owned(), serde_json::Value::String(value)))
        .collect();
    serde_json::Value::Object(object).to_string()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Any record the CSV writer writes is split back into the same cells.
        #[test]
        fn a_written_record_splits_back_into_its_cells(cells in prop::collection::vec(".{0,40}", 1..8)) {
            let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
            writer.write_record(&cells).unwrap();
            let bytes = writer.into_inner().unwrap();
            let expected: Vec<String> = if cells.len() == 1 && cells[0].is_empty() {
                // The writer quotes a lone empty cell so that the line is not blank.
                vec![String::new()]
            } else {
                cells.clone()
            };
            prop_assert_eq!(super::split_record(&bytes), expected);
            // Twice in a row: the parser is reset between records.
            prop_assert_eq!(super::split_record(&bytes).len(), cells.len());
        }
    }
}
