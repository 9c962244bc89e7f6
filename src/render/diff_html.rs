//! Word diffs as HTML: `<del>` and `<ins>` with visible signs (`[−…−]`, `[+…+]`) and spoken
//! labels, so that a difference never rests on colour alone; words an editor corrected carry
//! the letter of their note.

use super::inline::{escape, note_mark, note_summary};
use crate::compare::tokens::closing_notes;
use crate::model::{EditorialNote, Token, WordOp};

/// Which text of a diff to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Both, deletions and insertions inline.
    Both,
    /// The first text: common words and deletions.
    A,
    /// The second text: common words and insertions.
    B,
}

/// The editorial notes of the two texts of a diff, and how to name each text in a note's label.
#[derive(Clone, Copy)]
pub struct Notes<'a> {
    /// The first text's notes.
    pub a: &'a [EditorialNote],
    /// The second text's notes.
    pub b: &'a [EditorialNote],
    /// A short name of the first text ("issued").
    pub a_name: &'a str,
    /// A short name of the second text.
    pub b_name: &'a str,
}

/// The runs of a diff ([`crate::model::WordDiff::runs`]) as HTML for `side`.
pub fn diff_html(runs: &[WordOp], side: Side, notes: Notes<'_>) -> String {
    let mut out = String::new();
    for op in runs {
        let (a, b) = op.sides();
        match (op, side) {
            (WordOp::Equal { .. }, Side::A) => push_tokens(&mut out, a, notes.a, notes.a_name),
            (WordOp::Equal { .. }, Side::B) => push_tokens(&mut out, b, notes.b, notes.b_name),
            (WordOp::Equal { .. }, Side::Both) => push_equal(&mut out, a, b, notes),
            (WordOp::Delete(t), Side::A | Side::Both) => {
                push_change(&mut out, "del", t, notes.a, notes.a_name)
            }
            (WordOp::Insert(t), Side::B | Side::Both) => {
                push_change(&mut out, "ins", t, notes.b, notes.b_name)
            }
            _ => {}
        }
    }
    out.trim_start().to_owned()
}

/// A text without a counterpart, as HTML (its notes marked).
pub fn text_html(tokens: &[Token], notes: &[EditorialNote], name: &str) -> String {
    let mut out = String::new();
    push_tokens(&mut out, tokens, notes, name);
    out.trim_start().to_owned()
}

/// One line per editorial note touched by the diff: `issued, note g: The source reads …`.
pub fn note_lines(runs: &[WordOp], notes: Notes<'_>) -> Vec<String> {
    let (mut a, b) = note_lines_by_side(runs, notes);
    a.extend(b);
    a
}

/// The lines of [`note_lines`], those of the first text and those of the second apart.
pub fn note_lines_by_side(runs: &[WordOp], notes: Notes<'_>) -> (Vec<String>, Vec<String>) {
    let mut a_notes = Vec::new();
    let mut b_notes = Vec::new();
    for op in runs {
        let (a, b) = op.sides();
        a_notes.extend(a.iter().flat_map(|t| t.notes.iter().copied()));
        b_notes.extend(b.iter().flat_map(|t| t.notes.iter().copied()));
    }
    (
        describe_notes(&a_notes, notes.a, notes.a_name),
        describe_notes(&b_notes, notes.b, notes.b_name),
    )
}

/// One line per note of `tokens` (a text without counterpart).
pub fn text_note_lines(tokens: &[Token], notes: &[EditorialNote], name: &str) -> Vec<String> {
    let indices: Vec<usize> = tokens
        .iter()
        .flat_map(|t| t.notes.iter().copied())
        .collect();
    describe_notes(&indices, notes, name)
}

/// One line per note of `indices` (sorted, without repeats), naming the text as `name`.
pub fn describe_notes(indices: &[usize], notes: &[EditorialNote], name: &str) -> Vec<String> {
    let mut seen = indices.to_vec();
    seen.sort_unstable();
    seen.dedup();
    seen.into_iter()
        .filter_map(|i| {
            let note = notes.get(i)?;
            Some(format!(
                "{name}, note {}: {}",
                note_mark(i + 1),
                note_summary(note)
            ))
        })
        .collect()
}

/// Common words: the first text's, with the notes of both texts marked.
fn push_equal(out: &mut String, a: &[Token], b: &[Token], notes: Notes<'_>) {
    for k in 0..a.len().min(b.len()) {
        push_word(out, &a[k], notes.a);
        push_marks(out, &closing_notes(a, k), notes.a, notes.a_name);
        push_marks(out, &closing_notes(b, k), notes.b, notes.b_name);
    }
}

fn push_change(out: &mut String, tag: &str, tokens: &[Token], notes: &[EditorialNote], name: &str) {
    let (label, open, close) = if tag == "del" {
        ("deleted", "[−", "−]")
    } else {
        ("inserted", "[+", "+]")
    };
    if tokens.first().is_some_and(|t| t.space_before) {
        out.push(' ');
    }
    out.push_str(&format!(
        "<{tag}><span class=\"vh\">{label}: </span><span class=\"sign\" aria-hidden=\"true\">{open}</span>"
    ));
    let mut inner = String::new();
    push_tokens(&mut inner, tokens, notes, name);
    out.push_str(inner.trim_start());
    out.push_str(&format!(
        "<span class=\"sign\" aria-hidden=\"true\">{close}</span><span class=\"vh\"> (end {label})</span></{tag}>"
    ));
}

fn push_tokens(out: &mut String, tokens: &[Token], notes: &[EditorialNote], name: &str) {
    for k in 0..tokens.len() {
        push_word(out, &tokens[k], notes);
        push_marks(out, &closing_notes(tokens, k), notes, name);
    }
}

/// A token, in a corrected-reading span where a note changed its text.
fn push_word(out: &mut String, t: &Token, notes: &[EditorialNote]) {
    if t.space_before {
        out.push(' ');
    }
    if t.notes
        .iter()
        .any(|&i| notes.get(i).is_some_and(|n| !n.reading().is_empty()))
    {
        out.push_str(&format!("<span class=\"ed\">{}</span>", escape(&t.text)));
    } else {
        out.push_str(&escape(&t.text));
    }
}

/// The letters of the notes, each with its summary as a tooltip and a spoken label.
fn push_marks(out: &mut String, indices: &[usize], notes: &[EditorialNote], name: &str) {
    for &i in indices {
        let Some(note) = notes.get(i) else { continue };
        let mark = note_mark(i + 1);
        out.push_str(&format!(
            "<sup class=\"ed-mark\" title=\"{}\"><span class=\"vh\">{} editorial note </span>{mark}</sup>",
            escape(&format!("{name}, note {mark}: {}", note_summary(note))),
            escape(name),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{diff::word_diff, tokens::tokens};
    use crate::model::{Inline, Location, NoteKind};

    #[test]
    fn changes_carry_signs_and_spoken_labels_and_corrections_their_letter() {
        let notes_b = vec![EditorialNote {
            kind: NoteKind::Correction {
                source: "non-go vemmerital".into(),
                reading: "non-governmental".into(),
            },
            comment: None,
            location: Location::default(),
            anchor: String::new(),
        }];
        let a = tokens(&[Inline::Text("with non-governmental bodies;".into())], &[]);
        let b = tokens(
            &[
                Inline::Text("with ".into()),
                Inline::Note(0),
                Inline::Text(" organizations;".into()),
            ],
            &notes_b,
        );
        let d = word_diff(&a, &b);
        let d = d.runs(|| unreachable!("the texts differ"));
        let notes = Notes {
            a: &[],
            b: &notes_b,
            a_name: "compilation",
            b_name: "issued",
        };
        let html = diff_html(&d, Side::Both, notes);
        assert!(
            html.starts_with("with non-governmental<sup class=\"ed-mark\""),
            "{html}"
        );
        assert!(html.contains("<del><span class=\"vh\">deleted: </span><span class=\"sign\" aria-hidden=\"true\">[−</span>bodies<span class=\"sign\" aria-hidden=\"true\">−]</span>"), "{html}");
        assert!(html.contains("<ins>"), "{html}");
        assert!(html.ends_with(";"), "{html}");
        assert_eq!(
            note_lines(&d, notes),
            ["issued, note a: The source reads “non-go vemmerital”; corrected to “non-governmental”."]
        );
        let b_side = diff_html(&d, Side::B, notes);
        assert!(
            b_side.contains("<span class=\"ed\">non-governmental</span>"),
            "{b_side}"
        );
        assert!(!b_side.contains("<del>"), "{b_side}");
    }
}
