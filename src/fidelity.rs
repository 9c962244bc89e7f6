//! Fidelity: proves that a version reproduces its primary source word for word.
//!
//! The words of the source's line ranges, minus page furniture and footnote lines, must equal
//! the words of the version in its source readings (editorial notes give back what the witness
//! prints); the footnotes are compared on their own. Pure functions: the caller reads the files.

use crate::model::{Block, Inline, LineSpec, ParsedVersion, SourceFurniture, SourceRef};
use regex::Regex;
use std::collections::BTreeSet;

/// The furniture of one source, compiled.
#[derive(Debug, Default)]
pub struct Furniture {
    patterns: Vec<Regex>,
    lines: BTreeSet<usize>,
}

impl Furniture {
    /// Compiles the patterns of a source's furniture file.
    pub fn new(spec: &SourceFurniture) -> Result<Self, regex::Error> {
        let patterns = spec
            .patterns
            .iter()
            .map(|p| Regex::new(&format!("^(?:{p})$")))
            .collect::<Result<_, _>>()?;
        Ok(Furniture {
            patterns,
            lines: expand(&spec.lines),
        })
    }

    /// Whether line `n` (1-based) with this text is furniture, for a version that also lists `extra`.
    pub fn is_furniture(&self, n: usize, line: &str, extra: &BTreeSet<usize>) -> bool {
        self.lines.contains(&n)
            || extra.contains(&n)
            || self.patterns.iter().any(|p| p.is_match(line))
    }
}

/// The line numbers a list of specs covers.
pub fn expand(specs: &[LineSpec]) -> BTreeSet<usize> {
    specs.iter().flat_map(LineSpec::lines).collect()
}

/// The words of a version as the witness prints them: body, then footnotes.
pub fn version_words(version: &ParsedVersion) -> (Vec<String>, Vec<String>) {
    let mut body = String::new();
    for block in &version.blocks {
        push_block(block, version, &mut body);
    }
    let mut notes = String::new();
    for f in &version.footnotes {
        notes.push_str(&f.label);
        for p in &f.paragraphs {
            notes.push(' ');
            notes.push_str(&Inline::source_reading(p, &version.notes));
        }
        notes.push(' ');
    }
    (words(&body), words(&notes))
}

fn push_block(block: &Block, version: &ParsedVersion, out: &mut String) {
    if let Some(n) = &block.num {
        out.push_str(&n.printed);
        out.push(' ');
    }
    out.push_str(&Inline::source_reading(&block.content, &version.notes));
    out.push(' ');
}

/// The words of a source's ranges: body lines and footnote lines, furniture removed.
pub fn source_words(
    source: &str,
    furniture: &Furniture,
    r: &SourceRef,
) -> (Vec<String>, Vec<String>) {
    let lines: Vec<&str> = source.split('\n').collect();
    let extra = expand(&r.furniture_lines);
    let foot = expand(&r.footnote_lines);
    let (mut body, mut notes) = (Vec::new(), Vec::new());
    for n in r.lines.iter().flat_map(|[a, b]| *a..=*b) {
        let Some(line) = lines.get(n - 1) else {
            continue;
        };
        if furniture.is_furniture(n, line, &extra) {
            continue;
        }
        if foot.contains(&n) {
            notes.push(unglue_label(line));
        } else {
            body.push((*line).to_owned());
        }
    }
    (join_lines(&body), join_lines(&notes))
}

/// A footnote label printed glued to its first word (`3The`) counts as its own word.
fn unglue_label(line: &str) -> String {
    let trimmed = line.trim_start();
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    match trimmed[digits..].chars().next() {
        Some(c) if digits > 0 && c.is_uppercase() => {
            format!("{} {}", &trimmed[..digits], &trimmed[digits..])
        }
        _ => trimmed.to_owned(),
    }
}

/// Joins wrapped lines: a line ending in a letter and `-` runs on into the next (`co-operation`).
fn join_lines(lines: &[String]) -> Vec<String> {
    let mut text = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let runs_on = text.ends_with('-')
            && text[..text.len() - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphabetic);
        if !runs_on && !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line);
    }
    words(&text)
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

/// Where two word sequences first part.
#[derive(Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// Index of the first differing word.
    pub at: usize,
    /// The source's words from a little before that point.
    pub source: String,
    /// The version's words from the same point.
    pub version: String,
}

/// Compares the source's words with the version's.
pub fn compare(source: &[String], version: &[String]) -> Option<Mismatch> {
    let at = source
        .iter()
        .zip(version)
        .position(|(a, b)| a != b)
        .unwrap_or(source.len().min(version.len()));
    if at == source.len() && at == version.len() {
        return None;
    }
    let from = at.saturating_sub(5);
    let show = |w: &[String]| {
        w.iter()
            .skip(from)
            .take(14)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    };
    Some(Mismatch {
        at,
        source: show(source),
        version: show(version),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn joins_hyphenated_line_ends_and_skips_furniture() {
        let spec = SourceFurniture {
            patterns: vec![r"\s*Page \d+\s*".into()],
            lines: vec![LineSpec::One(4)],
        };
        let furniture = Furniture::new(&spec).unwrap();
        let source = "the co-\noperation of\n Page 14 \nstray\n\nStates2.\n2 A note.\n3The other.";
        let r = SourceRef {
            file: "x".into(),
            lines: vec![[1, 8]],
            footnote_lines: vec![LineSpec::Range([7, 8])],
            furniture_lines: vec![],
            note: None,
        };
        let (body, notes) = source_words(source, &furniture, &r);
        assert_eq!(body, w("the co-operation of States2."));
        assert_eq!(notes, w("2 A note. 3 The other."));
    }

    #[test]
    fn reports_where_the_words_part() {
        assert_eq!(compare(&w("a b c"), &w("a b c")), None);
        let m = compare(&w("a b c d"), &w("a b x d")).unwrap();
        assert_eq!(m.at, 2);
        assert!(compare(&w("a b c"), &w("a b")).is_some());
    }
}
