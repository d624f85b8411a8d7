//! Reading the files of an import: headers, CSV structure, and every cell into typed rows.

use super::{Batch, ParticipationRow, Row};
use crate::csv::cells::{shorten, Cells};
use crate::csv::{ContractFile, Problem};
use crate::model::country::Country;
use crate::model::election::Election;
use crate::model::individual::Individual;
use crate::model::mission::Mission;
use crate::model::organization::Organization;
use crate::model::participation::Participation;
use crate::model::sanction::Sanction;
use crate::model::source::Source;
use crate::model::{
    ElectionKind, Legitimacy, MissionKind, OrganizationKind, Role, SanctionKind, SubjectType,
    Verdict,
};

/// Reads one file: its header, then each row into typed values.
pub(super) fn read_file(
    bytes: &[u8],
    file: ContractFile,
    batch: &mut Batch,
    problems: &mut Vec<Problem>,
) {
    let name = file.file_name();
    if bytes.is_empty() {
        problems.push(Problem::new(
            name,
            1,
            "-",
            format!(
                "the file is empty; expected the header: {}",
                file.columns().join(",")
            ),
        ));
        return;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(err) = std::str::from_utf8(bytes) {
        let line = 1 + bytes[..err.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        problems.push(Problem::new(
            name,
            line,
            "-",
            "is not valid UTF-8 text (save the file as CSV UTF-8)",
        ));
        return;
    }
    if let Some(line) = unclosed_quote(bytes) {
        problems.push(Problem::new(
            name,
            line,
            "-",
            "a quote opened on this line is never closed",
        ));
        return;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(err)) => {
            problems.push(Problem::new(
                name,
                1,
                "-",
                format!("is not a CSV file: {err}"),
            ));
            return;
        }
        None => {
            problems.push(Problem::new(
                name,
                1,
                "-",
                format!("has no header; expected: {}", file.columns().join(",")),
            ));
            return;
        }
    };
    let found: Vec<&str> = header.iter().collect();
    if found != file.columns() {
        problems.push(Problem::new(
            name,
            1,
            "-",
            format!(
                "the header is \"{}\"; expected \"{}\"",
                shorten(&found.join(",")),
                file.columns().join(",")
            ),
        ));
        return;
    }
    batch.present.push(file);
    let columns = file.columns();
    let lines = LineIndex::new(bytes);
    for (index, record) in records.enumerate() {
        let fallback = index as u64 + 2;
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let line = err.position().map_or(fallback, |p| lines.line_of(p.byte()));
                problems.push(Problem::new(
                    name,
                    line,
                    "-",
                    format!("cannot be read as CSV: {err}"),
                ));
                return;
            }
        };
        let line = record
            .position()
            .map_or(fallback, |p| lines.line_of(p.byte()));
        if record.len() != columns.len() {
            problems.push(Problem::new(
                name,
                line,
                "-",
                format!("has {} cells; expected {}", record.len(), columns.len()),
            ));
            continue;
        }
        if let Some(column) = record
            .iter()
            .zip(columns)
            .find(|(cell, _)| cell.contains('\0'))
            .map(|(_, column)| *column)
        {
            problems.push(Problem::new(
                name,
                line,
                column,
                "contains a NUL byte, which is no part of any text",
            ));
            continue;
        }
        let mut cells = Cells::new(name, line, columns, record.iter().collect(), problems);
        parse_row(file, &mut cells, batch);
    }
}

/// The physical line (from 1, the header's) of a byte offset, whatever the line endings: the
/// CSV reader's own line count goes wrong on `\r\n` files, and the offset it gives for a record
/// may point at the end of the line before it, which is skipped here.
struct LineIndex<'a> {
    bytes: &'a [u8],
    newlines: Vec<u64>,
}

impl<'a> LineIndex<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        let newlines = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(at, _)| at as u64)
            .collect();
        LineIndex { bytes, newlines }
    }

    fn line_of(&self, byte: u64) -> u64 {
        let start = self
            .bytes
            .iter()
            .skip(usize::try_from(byte).unwrap_or(usize::MAX))
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count() as u64;
        let at = byte + start;
        self.newlines.partition_point(|newline| *newline < at) as u64 + 1
    }
}

/// The line where a quoted cell opens and never closes (the CSV reader would run it to the end
/// of the file silently).
fn unclosed_quote(bytes: &[u8]) -> Option<u64> {
    let mut line = 1;
    let mut opened_on = None;
    for byte in bytes {
        match byte {
            b'"' => {
                opened_on = if opened_on.is_some() {
                    None
                } else {
                    Some(line)
                }
            }
            b'\n' => line += 1,
            _ => {}
        }
    }
    opened_on
}

/// Parses one row of `file` into the batch.
fn parse_row(file: ContractFile, cells: &mut Cells<'_>, batch: &mut Batch) {
    let line = cells.line();
    match file {
        ContractFile::Countries => {
            let value = Country {
                iso3: cells.country("iso3"),
                name: cells.text("name"),
            };
            batch.countries.push(Row { line, value });
        }
        ContractFile::Sources => {
            let value = Source {
                id: cells.id("id"),
                url: cells.url("url"),
                title: cells.opt_text("title"),
                publisher: cells.opt_text("publisher"),
                published_on: cells.opt_date("published_on"),
                archived_url: cells.opt_url("archived_url"),
            };
            batch.sources.push(Row { line, value });
        }
        ContractFile::Organizations => {
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
            if value
                .aliases
                .split('|')
                .any(|alias| alias.trim() != alias || alias.is_empty())
                && !value.aliases.is_empty()
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
            batch.organizations.push(Row { line, value });
        }
        ContractFile::Elections => {
            let kinds: Vec<ElectionKind> = ElectionKind::all().collect();
            let legitimacies: Vec<Legitimacy> = Legitimacy::all().collect();
            let value = Election {
                id: cells.id("id"),
                country: cells.country("country"),
                held_on: cells.date("held_on"),
                kind: cells.code("kind", &kinds, ElectionKind::Other),
                round: cells.opt_int("round", 1),
                legitimacy: cells.code("legitimacy", &legitimacies, Legitimacy::Recognized),
                notes: cells.opt_text("notes"),
            };
            batch.elections.push(Row { line, value });
        }
        ContractFile::Missions => {
            let kinds: Vec<MissionKind> = MissionKind::all().collect();
            let verdicts: Vec<Verdict> = Verdict::all().collect();
            let value = Mission {
                id: cells.id("id"),
                organization_id: cells.id("organization_id"),
                election_id: cells.id("election_id"),
                kind: cells.code("kind", &kinds, MissionKind::Unknown),
                observers: cells.opt_int("observers", 0),
                arrived_on: cells.opt_date("arrived_on"),
                verdict: cells.code("verdict", &verdicts, Verdict::None),
                verdict_quote: cells.opt_text("verdict_quote"),
                source_id: cells.id("source_id"),
            };
            batch.missions.push(Row { line, value });
        }
        ContractFile::Individuals => {
            let value = Individual {
                id: cells.id("id"),
                name: cells.text("name"),
                name_original: cells.opt_text("name_original"),
                country: cells.opt_country("country"),
                affiliation: cells.opt_text("affiliation"),
                notes: cells.opt_text("notes"),
            };
            batch.individuals.push(Row { line, value });
        }
        ContractFile::Participations => {
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
            batch.participations.push(Row {
                line,
                value: ParticipationRow {
                    participation: value,
                    election_given: election_id.is_some(),
                },
            });
        }
        ContractFile::Sanctions => {
            let subjects: Vec<SubjectType> = SubjectType::all().collect();
            let kinds: Vec<SanctionKind> = SanctionKind::all().collect();
            let value = Sanction {
                id: cells.id("id"),
                subject_type: cells.code("subject_type", &subjects, SubjectType::Organization),
                subject_id: cells.id("subject_id"),
                kind: cells.code("kind", &kinds, SanctionKind::Exposure),
                imposed_by: cells.opt_text("imposed_by"),
                imposed_on: cells.opt_date("imposed_on"),
                description: cells.text("description"),
                source_id: cells.id("source_id"),
            };
            batch.sanctions.push(Row { line, value });
        }
        ContractFile::Flags | ContractFile::Ratings => {}
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn lines_are_counted_from_the_header_whatever_the_line_endings() {
        for text in ["h\na\nb\n", "h\r\na\r\nb\r\n"] {
            let lines = LineIndex::new(text.as_bytes());
            assert_eq!(lines.line_of(0), 1);
            let second = text.find('a').unwrap() as u64;
            let third = text.find('b').unwrap() as u64;
            assert_eq!(lines.line_of(second), 2, "{text:?}");
            assert_eq!(lines.line_of(third), 3, "{text:?}");
            // An offset at the end of the previous line belongs to the next record.
            assert_eq!(lines.line_of(second - 1), 2, "{text:?}");
        }
    }
}
