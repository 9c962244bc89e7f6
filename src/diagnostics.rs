//! Problems found in the input, with the place and the fix, collected across a whole run.
//!
//! Every stage returns its diagnostics instead of stopping at the first; the pipeline stops
//! between stages when any of them is an error, so an editor sees every problem in one run.

use crate::model::Location;
use std::fmt;

/// Whether a problem stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported; stops the build only with `--deny-warnings`.
    Warning,
}

/// One problem, at one place, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where (line 0 means the whole file).
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// The line of the file, to show under the message.
    pub line_text: Option<String>,
    /// How many characters to underline from the column.
    pub len: usize,
    /// How many characters of a long line `line_text` leaves out before what it shows.
    pub line_skipped: usize,
    /// Other places involved (the first of two duplicates ...).
    pub related: Vec<(Location, String)>,
    /// What to do.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at a place.
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, location, message)
    }

    /// A warning at a place.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, location, message)
    }

    fn new(severity: Severity, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            location,
            message: message.into(),
            line_text: None,
            len: 1,
            line_skipped: 0,
            related: Vec::new(),
            help: None,
        }
    }

    /// Adds what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds another place involved.
    pub fn related(mut self, location: Location, label: impl Into<String>) -> Self {
        self.related.push((location, label.into()));
        self
    }

    /// Shows the offending line, underlining `len` characters from the column.
    /// A line longer than [`SNIPPET_WIDTH`] characters is cut to a window around the column.
    pub fn snippet(mut self, text: &str, len: usize) -> Self {
        if self.location.line > 0 {
            let line = text.lines().nth(self.location.line as usize - 1);
            self.len = len.clamp(1, SNIPPET_WIDTH);
            if let Some(line) = line {
                let long = line.chars().nth(SNIPPET_WIDTH).is_some();
                let skip = match long {
                    true => (self.location.col as usize).saturating_sub(SNIPPET_WIDTH / 2),
                    false => 0,
                };
                self.line_skipped = skip;
                self.line_text = Some(line.chars().skip(skip).take(SNIPPET_WIDTH).collect());
            }
        }
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        writeln!(f, "  --> {}", display_location(&self.location))?;
        if let Some(line) = &self.line_text {
            let n = self.location.line.to_string();
            let pad = " ".repeat(n.len());
            let lead: String = line
                .chars()
                .take(
                    (self.location.col as usize)
                        .saturating_sub(1)
                        .saturating_sub(self.line_skipped),
                )
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} |")?;
            writeln!(f, "{n} | {line}")?;
            writeln!(f, "{pad} | {lead}{}", "^".repeat(self.len))?;
        }
        for (loc, label) in &self.related {
            writeln!(f, "  = note: {label}: {}", display_location(loc))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

fn display_location(loc: &Location) -> String {
    if loc.line == 0 {
        return loc.file.display().to_string();
    }
    format!("{}:{}:{}", loc.file.display(), loc.line, loc.col)
}

/// How many characters of a line a snippet shows at most.
pub const SNIPPET_WIDTH: usize = 120;

/// Turns byte offsets of one file into 1-based lines and columns.
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, characters before it)` every [`MARK_EVERY`] bytes or so, so that a column
    /// on a very long line costs a few hundred characters of counting, not the whole line.
    marks: Vec<(usize, usize)>,
}

/// Bytes between two marks of a [`LineIndex`].
const MARK_EVERY: usize = 512;

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut marks = vec![(0, 0)];
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            if byte >= marks[marks.len() - 1].0 + MARK_EVERY {
                marks.push((byte, chars));
            }
        }
        LineIndex { starts, marks }
    }

    /// How many characters of `text` come before byte `offset` (a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let i = self.marks.partition_point(|&(b, _)| b <= offset).max(1);
        let (byte, chars) = self.marks[i - 1];
        chars + text.get(byte..offset).map_or(0, |s| s.chars().count())
    }

    /// The byte offset where 1-based `line` starts (the end of `text` past its last line).
    pub fn line_start(&self, text: &str, line: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .map_or(text.len(), |&s| s.min(text.len()))
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        (line, col)
    }

    /// A location in `file` for a byte offset of `text` (a [`crate::model::FilePath`] is shared,
    /// not copied).
    pub fn locate(
        &self,
        file: impl Into<crate::model::FilePath>,
        text: &str,
        offset: usize,
    ) -> Location {
        let (line, col) = self.line_col(text, offset);
        Location::new(file, line, col)
    }
}

/// How many diagnostics of one kind a file gets before the rest are only counted.
pub const MAX_PER_FILE: usize = 50;

/// Builds at most [`MAX_PER_FILE`] diagnostics and counts the rest: a file of garbage must not
/// produce millions of messages, and building one (its snippet) costs a pass over the file.
#[derive(Debug, Default)]
pub struct Capped {
    /// The diagnostics built.
    pub list: Vec<Diagnostic>,
    /// How many more were found.
    pub more: usize,
}

impl Capped {
    /// Adds the diagnostic `make` builds, or only counts it when the list is full.
    pub fn push_with(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.list.len() < MAX_PER_FILE {
            self.list.push(make());
        } else {
            self.more += 1;
        }
    }

    /// Adds what another collector found.
    pub fn absorb(&mut self, other: Capped) {
        self.more += other.more;
        for d in other.list {
            self.push_with(|| d);
        }
    }

    /// The diagnostics, with one more at the end saying how many were left out.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        if self.more > 0 {
            let last = self.list.last().map(|d| (d.location.clone(), d.severity));
            if let Some((location, severity)) = last {
                let d = Diagnostic::new(
                    severity,
                    location,
                    format!("… and {} more problems like these in this file", self.more),
                )
                .help("fix the problems above first; the rest are probably of the same kind");
                self.list.push(d);
            }
        }
        self.list
    }
}

/// Counts errors in a list of diagnostics.
pub fn error_count(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_maps_offsets_to_lines_and_char_columns() {
        let text = "ab\n“cd”\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        let d = text.find('d').unwrap();
        assert_eq!(idx.line_col(text, d), (2, 3));
        assert_eq!(idx.line_col(text, text.len() - 1), (3, 1));
        let long = format!("{}\n{}x", "é".repeat(3000), "“".repeat(2000));
        let idx = LineIndex::new(&long);
        assert_eq!(idx.line_col(&long, long.len() - 1), (2, 2001));
        let mid = "é".len() * 1500;
        assert_eq!(idx.line_col(&long, mid), (1, 1501));
    }

    #[test]
    fn line_start_gives_each_line_its_first_byte_and_the_end_past_the_last() {
        let text = "ab\n“cd”\nx";
        let idx = LineIndex::new(text);
        let starts: Vec<usize> = (0..=4).map(|l| idx.line_start(text, l)).collect();
        assert_eq!(starts, [0, 0, 3, text.find('x').unwrap(), text.len()]);
    }

    #[test]
    fn display_underlines_the_offending_text() {
        let loc = Location {
            file: "a/b.md".into(),
            line: 2,
            col: 3,
        };
        let d = Diagnostic::error(loc, "bad number")
            .snippet("x\nab(a)c\n", 3)
            .help("fix it");
        let shown = d.to_string();
        assert!(shown.contains("error: bad number"));
        assert!(shown.contains("--> a/b.md:2:3"));
        assert!(shown.contains("2 | ab(a)c"));
        assert!(shown.contains("  |   ^^^"));
        assert!(shown.contains("= help: fix it"));
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_column() {
        let line = format!("{}BAD{}", "a".repeat(1000), "b".repeat(1000));
        let loc = Location {
            file: "x.md".into(),
            line: 1,
            col: 1001,
        };
        let shown = Diagnostic::error(loc, "bad").snippet(&line, 3).to_string();
        assert!(shown.len() < 600, "{shown}");
        let rows: Vec<&str> = shown.lines().collect();
        let text_col = rows[3].find("BAD").unwrap();
        assert_eq!(rows[4].find('^'), Some(text_col), "{shown}");
        assert!(shown.contains("--> x.md:1:1001"));
    }
}
