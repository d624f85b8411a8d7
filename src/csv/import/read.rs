//! Reading one file of an import as a stream: its header, then each record into a typed row,
//! holding no more of the file than the record being read.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;

use super::record::Record;
use crate::csv::cells::{shorten, Cells};
use crate::csv::{ContractFile, Problem};

/// The longest a quoted cell may run before the reader takes its quote for one never closed:
/// far above any real cell (cells are capped at a few thousand characters), and what bounds the
/// memory a broken file can make the reader hold.
const MAX_QUOTED_BYTES: u64 = 1 << 20;

/// What the byte scanner under the CSV reader has seen: where the line breaks are (for line
/// numbers whatever the line endings) and whether a quote is open.
#[derive(Debug, Default)]
struct Scanned {
    /// Bytes passed to the CSV reader so far.
    offset: u64,
    /// The `\r` and `\n` bytes passed but not yet behind a record's start, by offset.
    breaks: VecDeque<(u64, u8)>,
    /// Newlines already behind a record's start.
    lines_behind: u64,
    /// Newlines passed in all.
    lines_seen: u64,
    /// The line a still-open quote opened on, and the offset where it did.
    open_quote: Option<(u64, u64)>,
    /// Set when a quote ran past [`MAX_QUOTED_BYTES`]: the scanner then ends the input.
    runaway: bool,
}

impl Scanned {
    fn see(&mut self, bytes: &[u8]) {
        for byte in bytes {
            match byte {
                b'"' => {
                    self.open_quote = match self.open_quote {
                        Some(_) => None,
                        None => Some((self.lines_seen + 1, self.offset)),
                    }
                }
                b'\n' | b'\r' => {
                    self.breaks.push_back((self.offset, *byte));
                    if *byte == b'\n' {
                        self.lines_seen += 1;
                    }
                }
                _ => {}
            }
            self.offset += 1;
        }
    }

    /// The physical line (from 1, the header's) of a record starting at `byte`. The offset the
    /// CSV reader gives may point at the line break before the record, which is skipped; its own
    /// line count goes wrong on `\r\n` files. Offsets come in increasing order, so the breaks
    /// before one are dropped as they are counted.
    fn line_of(&mut self, byte: u64) -> u64 {
        while let Some(&(at, kind)) = self.breaks.front() {
            if at >= byte {
                break;
            }
            if kind == b'\n' {
                self.lines_behind += 1;
            }
            self.breaks.pop_front();
        }
        let skipped = (byte..)
            .zip(&self.breaks)
            .take_while(|(expected, (at, _))| at == expected)
            .filter(|(_, (_, kind))| *kind == b'\n')
            .count() as u64;
        self.lines_behind + skipped + 1
    }
}

/// The reader under the CSV parser: passes the bytes on and scans them.
struct Scanner<R> {
    inner: R,
    scanned: Rc<RefCell<Scanned>>,
}

impl<R: Read> Read for Scanner<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut scanned = self.scanned.borrow_mut();
        if scanned.runaway {
            return Ok(0);
        }
        let read = self.inner.read(buf)?;
        scanned.see(&buf[..read]);
        if let Some((_, at)) = scanned.open_quote {
            if scanned.offset - at > MAX_QUOTED_BYTES {
                scanned.runaway = true;
            }
        }
        Ok(read)
    }
}

/// One contract file being read.
pub(super) struct FileReader<R> {
    file: ContractFile,
    csv: csv::Reader<Scanner<BufReader<R>>>,
    scanned: Rc<RefCell<Scanned>>,
    record: csv::ByteRecord,
    /// How many problems the import had when this file began, to drop the ones a broken quote
    /// made up.
    problems_before: usize,
    finished: bool,
}

impl<R: Read> FileReader<R> {
    /// Opens `input` as `file` and checks its header; `None` (with the problem recorded) when
    /// the file cannot be read past it.
    pub(super) fn open(
        file: ContractFile,
        input: R,
        problems: &mut Vec<Problem>,
    ) -> Option<FileReader<R>> {
        let name = file.file_name();
        let problems_before = problems.len();
        let mut input = BufReader::with_capacity(64 * 1024, input);
        match input.fill_buf() {
            Ok([]) => {
                problems.push(Problem::new(
                    name,
                    1,
                    "-",
                    format!(
                        "the file is empty; expected the header: {}",
                        file.columns().join(",")
                    ),
                ));
                return None;
            }
            Ok(start) => {
                if start.starts_with(b"\xEF\xBB\xBF") {
                    input.consume(3);
                }
            }
            Err(err) => {
                problems.push(Problem::new(name, 0, "-", format!("cannot be read: {err}")));
                return None;
            }
        }
        let scanned = Rc::new(RefCell::new(Scanned::default()));
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(Scanner {
                inner: input,
                scanned: Rc::clone(&scanned),
            });
        let mut reader = FileReader {
            file,
            csv,
            scanned,
            record: csv::ByteRecord::new(),
            problems_before,
            finished: false,
        };
        let header = match reader.next_record(problems) {
            Some(header) => header,
            None if problems.len() > problems_before => return None,
            None => {
                problems.push(Problem::new(
                    name,
                    1,
                    "-",
                    format!("has no header; expected: {}", file.columns().join(",")),
                ));
                return None;
            }
        };
        let found: Vec<&str> = header.1.iter().collect();
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
            reader.finish(problems);
            return None;
        }
        Some(reader)
    }

    /// The next record as text, with its line; `None` at the end of the file or at a problem
    /// that stops the reading (recorded).
    fn next_record(&mut self, problems: &mut Vec<Problem>) -> Option<(u64, csv::StringRecord)> {
        if self.finished {
            return None;
        }
        let name = self.file.file_name();
        let read = self.csv.read_byte_record(&mut self.record);
        let line = self
            .scanned
            .borrow_mut()
            .line_of(self.record.position().map_or(0, csv::Position::byte));
        match read {
            Ok(true) => {}
            Ok(false) => {
                self.finish(problems);
                return None;
            }
            Err(err) => {
                let line = match err.position() {
                    Some(p) => self.scanned.borrow_mut().line_of(p.byte()),
                    None => line,
                };
                problems.push(Problem::new(
                    name,
                    line,
                    "-",
                    format!("cannot be read as CSV: {err}"),
                ));
                self.finish(problems);
                return None;
            }
        }
        match csv::StringRecord::from_byte_record(std::mem::take(&mut self.record)) {
            Ok(record) => Some((line, record)),
            Err(_) => {
                problems.push(Problem::new(
                    name,
                    line,
                    "-",
                    "is not valid UTF-8 text (save the file as CSV UTF-8)",
                ));
                self.finished = true;
                None
            }
        }
    }

    /// The next row, parsed: `Some((line, Some((row, clean))))`, where `clean` says the row had
    /// no problem (those it had are recorded); `Some((line, None))` for a record that is no row
    /// (the wrong number of cells); `None` at the end.
    pub(super) fn next_row<T: Record>(
        &mut self,
        problems: &mut Vec<Problem>,
    ) -> Option<(u64, Option<(T, bool)>)> {
        let (line, record) = self.next_record(problems)?;
        let name = self.file.file_name();
        let columns = self.file.columns();
        if record.len() != columns.len() {
            problems.push(Problem::new(
                name,
                line,
                "-",
                format!("has {} cells; expected {}", record.len(), columns.len()),
            ));
            return Some((line, None));
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
            return Some((line, None));
        }
        let before = problems.len();
        let mut cells = Cells::new(name, line, columns, record.iter().collect(), problems);
        let row = T::parse(&mut cells);
        Some((line, Some((row, problems.len() == before))))
    }

    /// Ends the file: a quote still open at its end (or one that ran on too long) is the one
    /// problem reported from the line it opened on, in place of what the runaway cell made of
    /// the lines after it.
    fn finish(&mut self, problems: &mut Vec<Problem>) {
        self.finished = true;
        let scanned = self.scanned.borrow();
        if let Some((opened_on, _)) = scanned.open_quote {
            let name = self.file.file_name();
            let mut index = self.problems_before;
            while index < problems.len() {
                if problems[index].file == name && problems[index].line >= opened_on {
                    problems.remove(index);
                } else {
                    index += 1;
                }
            }
            problems.push(Problem::new(
                name,
                opened_on,
                "-",
                "a quote opened on this line is never closed",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Scanned;

    #[test]
    fn lines_are_counted_from_the_header_whatever_the_line_endings() {
        for text in ["h\na\nb\n", "h\r\na\r\nb\r\n"] {
            let second = text.find('a').unwrap() as u64;
            let third = text.find('b').unwrap() as u64;
            let mut scanned = Scanned::default();
            scanned.see(text.as_bytes());
            assert_eq!(scanned.line_of(0), 1);
            // An offset at the end of the previous line belongs to the next record.
            assert_eq!(scanned.line_of(second - 1), 2, "{text:?}");
            assert_eq!(scanned.line_of(second), 2, "{text:?}");
            assert_eq!(scanned.line_of(third), 3, "{text:?}");
        }
    }

    #[test]
    fn a_quote_is_open_until_its_pair_and_reports_its_line() {
        let mut scanned = Scanned::default();
        scanned.see(b"h\n\"a\"\n\"b\nc\n");
        assert_eq!(scanned.open_quote.map(|(line, _)| line), Some(3));
        scanned.see(b"\"\n");
        assert_eq!(scanned.open_quote, None);
    }
}
