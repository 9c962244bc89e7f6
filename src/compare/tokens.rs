//! The units a version is compared in (its masthead, headings and paragraphs), each as the tokens
//! of its reading text. Every token carries the editorial notes that produced it, so that a diff
//! of reading texts can still show where the edition corrected its witness.

use crate::model::{EditorialNote, Inline, Node, Paragraph, Token, UnitKind, UnitRef, Version};
use std::ops::Range;

/// How many words of an unnumbered paragraph its label quotes.
const LABEL_WORDS: usize = 6;

/// The byte ranges of the tokens of `text`: words (alphanumeric characters, joined by inner
/// apostrophes, hyphens and dots: `OSCE’s`, `co-operation`, `1.2`) and every other visible
/// character on its own (punctuation). The compare page's script (themes/default/static/
/// compare.js) cuts texts by the same rule, as the regular expression
/// `[\p{Alphabetic}\p{N}]+(?:['’\-.][\p{Alphabetic}\p{N}]+)*|\S`; a scan is used here because the
/// quotation finder cuts every paragraph of the corpus.
pub fn token_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(i, d)) = chars.peek() {
                let joins = matches!(d, '\'' | '’' | '-' | '.')
                    && text[i + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if !(d.is_alphanumeric() || joins) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
        }
        out.push(start..end);
    }
    out
}

/// One unit of a version, ready to be aligned and diffed.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Where it is and how a reader names it.
    pub reference: UnitRef,
    /// What exact matching uses: the permanent id of a paragraph, the words of a heading.
    pub key: String,
    /// Its reading text as tokens.
    pub tokens: Vec<Token>,
}

/// The units of `version` in reading order: the masthead (if any), then every heading and
/// paragraph, depth first. `cite_name` is what the document's citations start with.
pub fn units(version: &Version, cite_name: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    if !version.masthead.is_empty() {
        let mut line_tokens = Vec::new();
        for line in &version.masthead {
            let mut t = tokens(line, &version.notes);
            if let Some(first) = t.first_mut() {
                first.space_before = true;
            }
            line_tokens.extend(t);
        }
        out.push(Unit {
            reference: unit_ref(UnitKind::Masthead, "masthead", "masthead".into(), 0),
            key: "masthead".into(),
            tokens: line_tokens,
        });
    }
    crate::resolve::walk(&version.body, &mut |node| {
        let index = out.len();
        out.push(match node {
            Node::Division(d) => {
                let tokens = tokens(&d.heading, &version.notes);
                let mut label = d
                    .num
                    .as_ref()
                    .map(|n| n.printed.to_string())
                    .unwrap_or_default();
                let words = first_words(&tokens, LABEL_WORDS);
                if !words.is_empty() {
                    label = format!("{label} {words}").trim().to_owned();
                }
                Unit {
                    reference: unit_ref(UnitKind::Heading, &d.anchor, label, index),
                    key: format!("heading {}", normal_words(&tokens).join(" ")),
                    tokens,
                }
            }
            Node::Paragraph(p) => Unit {
                reference: unit_ref(UnitKind::Paragraph, &p.anchor, label(p, cite_name), index),
                key: p.pid.to_string(),
                tokens: tokens(&p.content, &version.notes),
            },
        });
    });
    out
}

fn unit_ref(kind: UnitKind, anchor: &str, label: String, index: usize) -> UnitRef {
    UnitRef {
        kind,
        anchor: anchor.to_owned(),
        label,
        index,
    }
}

/// How a reader names a paragraph inside its document: its citation without the document's
/// name (`4`, `5, indent 1`, `“Bearing in mind the Charter …”`).
pub fn label(p: &Paragraph, cite_name: &str) -> String {
    p.citation
        .strip_prefix(cite_name)
        .map(|rest| rest.trim_start_matches(", ").to_owned())
        .filter(|rest| !rest.is_empty())
        .unwrap_or_else(|| p.anchor.to_string())
}

fn first_words(tokens: &[Token], n: usize) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().take(n).enumerate() {
        if i > 0 && t.space_before {
            out.push(' ');
        }
        out.push_str(&t.text);
    }
    if tokens.len() > n {
        out.push_str(" …");
    }
    out
}

/// The reading text of `content` as tokens, each with the notes whose text it contains. A note
/// that prints nothing (a left-out stray mark) is carried by the token before it, or by the
/// first token when nothing precedes it.
pub fn tokens(content: &[Inline], notes: &[EditorialNote]) -> Vec<Token> {
    let mut text = String::new();
    let mut spans = Vec::new();
    push_text(content, notes, &mut text, &mut spans);
    let mut out: Vec<Token> = Vec::new();
    let mut ends = Vec::new();
    for range in token_ranges(&text) {
        let (start, end) = (range.start, range.end);
        out.push(Token {
            text: text[range].into(),
            space_before: start > ends.last().copied().unwrap_or(0),
            notes: spans
                .iter()
                .filter(|s| s.start < s.end && s.start < end && start < s.end)
                .map(|s| s.note)
                .collect(),
        });
        ends.push(end);
    }
    for s in spans.iter().filter(|s| s.start == s.end) {
        let carrier = ends.iter().rposition(|&end| end <= s.start).unwrap_or(0);
        if let Some(t) = out.get_mut(carrier) {
            t.notes = t.notes.iter().copied().chain([s.note]).collect();
        }
    }
    out
}

/// A note's place in the reading text (byte offsets).
#[derive(Debug)]
struct Span {
    start: usize,
    end: usize,
    note: usize,
}

fn push_text(content: &[Inline], notes: &[EditorialNote], out: &mut String, spans: &mut Vec<Span>) {
    for inline in content {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::FootnoteRef(_) => {}
            Inline::Note(i) => {
                let start = out.len();
                if let Some(n) = notes.get(*i) {
                    out.push_str(n.reading());
                }
                spans.push(Span {
                    start,
                    end: out.len(),
                    note: *i,
                });
            }
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Link { content: c, .. }
            | Inline::Citation { content: c, .. } => push_text(c, notes, out, spans),
            Inline::LineBreak => out.push(' '),
        }
    }
}

/// The notes of `tokens[k]` that end with it (a note over "ODIHR," covers two tokens and is
/// marked once, after the comma).
pub fn closing_notes(tokens: &[Token], k: usize) -> Vec<usize> {
    let next = tokens.get(k + 1).map_or(&[][..], |t| &t.notes[..]);
    tokens[k]
        .notes
        .iter()
        .copied()
        .filter(|i| !next.contains(i))
        .collect()
}

/// The editorial notes a run of inlines holds, in order.
pub fn note_indices(content: &[Inline]) -> Vec<usize> {
    let mut out = Vec::new();
    for inline in content {
        match inline {
            Inline::Note(i) => out.push(*i),
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Link { content: c, .. }
            | Inline::Citation { content: c, .. } => out.extend(note_indices(c)),
            _ => {}
        }
    }
    out
}

/// The words of `tokens` as similarity compares them: lower case, straight apostrophes,
/// punctuation left out.
pub fn normal_words(tokens: &[Token]) -> Vec<String> {
    tokens
        .iter()
        .filter(|t| t.text.chars().any(char::is_alphanumeric))
        .map(|t| t.text.to_lowercase().replace('’', "'"))
        .collect()
}

/// The words of a plain reading text as [`normal_words`] gives them for its tokens, without
/// building the tokens.
pub fn normal_words_of(text: &str) -> Vec<String> {
    word_matches(text)
        .into_iter()
        .map(|t| t.to_lowercase().replace('’', "'"))
        .collect()
}

/// The tokens of `text` that are words (not punctuation), as slices of it.
pub fn word_matches(text: &str) -> Vec<&str> {
    token_ranges(text)
        .into_iter()
        .map(|r| &text[r])
        .filter(|t| t.chars().next().is_some_and(char::is_alphanumeric))
        .collect()
}

/// The tokens written back as text, with the spacing they had.
pub fn join(tokens: &[Token]) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && t.space_before {
            out.push(' ');
        }
        out.push_str(&t.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, NoteKind};

    fn note(kind: NoteKind) -> EditorialNote {
        EditorialNote {
            kind,
            comment: None,
            location: Location::default(),
            anchor: String::new(),
        }
    }

    #[test]
    fn a_correction_inside_a_word_marks_the_whole_word() {
        let notes = vec![note(NoteKind::Correction {
            source: "=s".into(),
            reading: "’s".into(),
        })];
        let t = tokens(
            &[
                Inline::Text("the OSCE".into()),
                Inline::Note(0),
                Inline::Text(" role,".into()),
            ],
            &notes,
        );
        let texts: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["the", "OSCE’s", "role", ","]);
        assert_eq!(t[1].notes[..], [0]);
        assert!(t[0].notes.is_empty() && t[2].notes.is_empty());
        assert!(!t[3].space_before && t[2].space_before);
        assert_eq!(join(&t), "the OSCE’s role,");
        assert_eq!(normal_words(&t), ["the", "osce's", "role"]);
        assert_eq!(normal_words_of("the OSCE’s role,"), normal_words(&t));
    }

    #[test]
    fn words_keep_inner_apostrophes_hyphens_and_dots_and_punctuation_stands_alone() {
        let text = "the OSCE’s co-operation (1.2) -- ends.";
        let cut: Vec<&str> = token_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            cut,
            [
                "the",
                "OSCE’s",
                "co-operation",
                "(",
                "1.2",
                ")",
                "-",
                "-",
                "ends",
                "."
            ]
        );
        assert_eq!(
            word_matches(text),
            ["the", "OSCE’s", "co-operation", "1.2", "ends"]
        );
    }

    #[test]
    fn a_note_that_prints_nothing_stays_with_the_word_before_it() {
        let notes = vec![note(NoteKind::Omission { source: "X".into() })];
        let t = tokens(
            &[
                Inline::Text("trafficking, and ".into()),
                Inline::Note(0),
                Inline::Text("more".into()),
            ],
            &notes,
        );
        assert_eq!(t[2].text, "and");
        assert_eq!(t[2].notes[..], [0]);
        assert!(t[3].notes.is_empty());
    }
}
