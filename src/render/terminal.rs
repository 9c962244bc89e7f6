//! Word diffs for the terminal, as `acquis diff` prints them. The signs of wdiff
//! (`[-deleted-]`, `{+inserted+}`) carry the difference, so it reads without colour; ANSI styles
//! add colour, and the caller's `anstream` writer strips them when the output is not a terminal.

use super::inline::{note_mark, note_summary};
use crate::compare::diff::overlap;
use crate::compare::tokens::{closing_notes, Unit};
use crate::model::{
    Document, EditorialNote, Row, Token, UnitKind, UnitRef, Unmatched, Version, WordOp,
};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;

const HEADER: Style = Style::new().bold();
const DELETED: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
const INSERTED: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const NOTE: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const MUTED: Style = Style::new().dimmed();

/// One side of a diff: a version, and the reference the user gave for it.
#[derive(Clone, Copy)]
pub struct Text<'a> {
    /// The reference as given (`mc-8-dec-1/issued`).
    pub name: &'a str,
    /// The document.
    pub doc: &'a Document,
    /// The version.
    pub version: &'a Version,
}

impl Text<'_> {
    fn notes(&self) -> &[EditorialNote] {
        &self.version.notes
    }
}

/// The diff of two versions, row by row, as the alignment `rows` (from `a` to `b`) gives it.
pub fn versions(a: Text<'_>, b: Text<'_>, rows: &[Row]) -> String {
    let mut out = header(a, b);
    // The words of units the two versions share unchanged are read from `a`.
    let a_units = std::cell::OnceCell::new();
    for row in rows {
        out.push('\n');
        match row {
            Row::Aligned(p) => {
                let mut status = vec![super::compare::wording(p)];
                if p.a.label != p.b.label && p.a.kind == UnitKind::Paragraph {
                    status.push("numbered differently".into());
                }
                if p.moved {
                    status.push("moved".into());
                }
                let title = format!("{} · {}  ({})", label(&p.a), label(&p.b), status.join(", "));
                push_heading(&mut out, &title);
                if !p.diff.is_same() || p.diff.has_notes() {
                    let runs = p.diff.runs(|| {
                        a_units
                            .get_or_init(|| units_of(a))
                            .get(p.a.index)
                            .map(|u| u.tokens.clone())
                            .unwrap_or_default()
                    });
                    push_diff(&mut out, &runs, a, b);
                }
            }
            Row::OnlyA(units) => push_gap(&mut out, units, (a, b), DELETED, ("[-", "-]")),
            Row::OnlyB(units) => push_gap(&mut out, units, (b, a), INSERTED, ("{+", "+}")),
        }
    }
    out
}

/// The diff of two paragraphs (or headings), with their similarity.
pub fn paragraphs(a: Text<'_>, ua: &Unit, b: Text<'_>, ub: &Unit) -> String {
    let mut out = header(a, b);
    let diff = crate::compare::diff::word_diff(&ua.tokens, &ub.tokens);
    let o = overlap(&ua.tokens, &ub.tokens);
    let title = format!(
        "{} · {}  ({}% of words in common, {}% of the shorter in shared runs)",
        label(&ua.reference),
        label(&ub.reference),
        (o.similarity() * 100.0).round(),
        (o.coverage() * 100.0).round()
    );
    out.push('\n');
    push_heading(&mut out, &title);
    push_diff(&mut out, &diff.runs(|| ua.tokens.clone()), a, b);
    out
}

fn units_of(text: Text<'_>) -> Vec<Unit> {
    crate::compare::tokens::units(text.version, text.doc.meta.cite_name())
}

fn header(a: Text<'_>, b: Text<'_>) -> String {
    let mut out = String::new();
    for (sign, t) in [("---", a), ("+++", b)] {
        let _ = writeln!(
            out,
            "{HEADER}{sign} {}{HEADER:#}  {MUTED}{}{MUTED:#}",
            t.name, t.version.meta.label
        );
    }
    let _ = writeln!(
        out,
        "{MUTED}[-…-] only in {}, {{+…+}} only in {}, ⟨a⟩ an editorial note{MUTED:#}",
        a.name, b.name
    );
    out
}

fn label(u: &UnitRef) -> String {
    match u.kind {
        UnitKind::Masthead => "masthead".into(),
        _ => u.label.clone(),
    }
}

fn push_heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "{HEADER}@@ {title}{HEADER:#}");
}

fn push_gap(
    out: &mut String,
    units: &[Unmatched],
    (this, other): (Text<'_>, Text<'_>),
    style: Style,
    (open, close): (&str, &str),
) {
    let heading = super::compare::gap_heading(units, this.name, other.name);
    push_heading(out, &heading);
    for Unmatched { unit: u, tokens } in units {
        let mut line = String::new();
        push_tokens(&mut line, tokens);
        let _ = writeln!(
            out,
            "{style}{open}{} {}{close}{style:#}",
            label(u),
            line.trim_start()
        );
        push_note_lines(out, tokens.iter(), this);
    }
}

fn push_diff(out: &mut String, runs: &[WordOp], a: Text<'_>, b: Text<'_>) {
    let mut line = String::new();
    for op in runs {
        match op {
            WordOp::Equal { .. } => {
                let (ta, tb) = op.sides();
                for k in 0..ta.len().min(tb.len()) {
                    push_word(&mut line, &ta[k]);
                    push_marks(&mut line, &closing_notes(ta, k));
                    push_marks(&mut line, &closing_notes(tb, k));
                }
            }
            WordOp::Delete(t) => push_change(&mut line, t, DELETED, ("[-", "-]")),
            WordOp::Insert(t) => push_change(&mut line, t, INSERTED, ("{+", "+}")),
        }
    }
    let _ = writeln!(out, "{}", line.trim_start());
    push_note_lines(out, runs.iter().flat_map(|op| op.sides().0), a);
    push_note_lines(out, runs.iter().flat_map(|op| op.sides().1), b);
}

fn push_change(out: &mut String, tokens: &[Token], style: Style, (open, close): (&str, &str)) {
    if tokens.first().is_some_and(|t| t.space_before) {
        out.push(' ');
    }
    let mut inner = String::new();
    push_tokens(&mut inner, tokens);
    let _ = write!(out, "{style}{open}{}{close}{style:#}", inner.trim_start());
}

fn push_tokens(out: &mut String, tokens: &[Token]) {
    for k in 0..tokens.len() {
        push_word(out, &tokens[k]);
        push_marks(out, &closing_notes(tokens, k));
    }
}

fn push_word(out: &mut String, t: &Token) {
    if t.space_before {
        out.push(' ');
    }
    out.push_str(&t.text);
}

fn push_marks(out: &mut String, notes: &[usize]) {
    for &i in notes {
        let _ = write!(out, "{NOTE}⟨{}⟩{NOTE:#}", note_mark(i + 1));
    }
}

fn push_note_lines<'t>(out: &mut String, tokens: impl Iterator<Item = &'t Token>, t: Text<'_>) {
    let mut seen: Vec<usize> = tokens.flat_map(|t| t.notes.iter().copied()).collect();
    seen.sort_unstable();
    seen.dedup();
    for i in seen {
        if let Some(note) = t.notes().get(i) {
            let _ = writeln!(
                out,
                "  {NOTE}⟨{}⟩{NOTE:#} {}: {}",
                note_mark(i + 1),
                t.name,
                note_summary(note)
            );
        }
    }
}
