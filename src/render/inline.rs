//! Inline text to HTML: escaped text, footnote references, editorial notes.

use crate::model::{CiteTarget, EditorialNote, Inline, NoteKind};
use std::collections::HashMap;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Renders the inline text of one version, numbering repeated footnote references.
pub struct InlineRenderer<'a> {
    notes: &'a [EditorialNote],
    footnote_refs: HashMap<String, usize>,
    from: LinkBase,
    /// How many links the text being rendered is inside: a note or footnote mark is itself a
    /// link, and a link may not hold another, so inside one its mark waits in `marks`.
    in_link: usize,
    /// Marks of notes and footnotes met inside a link, written just after it closes.
    marks: String,
}

/// Where the page being rendered is, so that citations link relatively (the site works from
/// plain files) and citations of the same page link to the anchor alone.
#[derive(Default)]
struct LinkBase {
    root: String,
    page: String,
}

impl<'a> InlineRenderer<'a> {
    /// A renderer for a version with these editorial notes.
    pub fn new(notes: &'a [EditorialNote]) -> Self {
        InlineRenderer {
            notes,
            footnote_refs: HashMap::new(),
            from: LinkBase::default(),
            in_link: 0,
            marks: String::new(),
        }
    }

    /// Renders citations for the page of document `page`, `root` being the path to the site root.
    pub fn linking_from(mut self, root: &str, page: &str) -> Self {
        self.from = LinkBase {
            root: root.to_owned(),
            page: page.to_owned(),
        };
        self
    }

    /// HTML for a run of inlines.
    pub fn html(&mut self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            self.push(inline, &mut out);
        }
        out
    }

    fn push(&mut self, inline: &Inline, out: &mut String) {
        match inline {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Code(t) => out.push_str(&format!("<code>{}</code>", escape(t))),
            Inline::LineBreak => out.push_str("<br>"),
            Inline::Emphasis(c) => out.push_str(&format!("<em>{}</em>", self.html(c))),
            Inline::Strong(c) => out.push_str(&format!("<strong>{}</strong>", self.html(c))),
            Inline::Link { dest, content } => {
                let (inner, marks) = self.inside_link(content);
                out.push_str(&format!("<a href=\"{}\">{inner}</a>{marks}", escape(dest)));
            }
            Inline::FootnoteRef(label) => {
                let n = self.footnote_refs.entry(label.clone()).or_insert(0);
                *n += 1;
                let id = if *n == 1 {
                    format!("fnref-{label}")
                } else {
                    format!("fnref-{label}-{n}")
                };
                let label = escape(label);
                let mark = format!(
                    "<sup class=\"fnref\"><a href=\"#fn-{label}\" id=\"{}\" aria-label=\"Footnote {label}\">{label}</a></sup>",
                    escape(&id)
                );
                self.mark(out, &mark);
            }
            Inline::Note(i) => {
                let (reading, mark) = self.note(*i);
                out.push_str(&reading);
                self.mark(out, &mark);
            }
            Inline::Citation { content, target } => match &**target {
                CiteTarget::Document { .. } => {
                    let (inner, marks) = self.inside_link(content);
                    out.push_str(&self.citation(target, &inner));
                    out.push_str(&marks);
                }
                CiteTarget::External { .. } => {
                    let inner = self.html(content);
                    out.push_str(&self.citation(target, &inner));
                }
            },
        }
    }

    /// The HTML of a link's content, and the marks it holds, to be written after the link.
    fn inside_link(&mut self, content: &[Inline]) -> (String, String) {
        let outer = std::mem::take(&mut self.marks);
        self.in_link += 1;
        let inner = self.html(content);
        self.in_link -= 1;
        let marks = std::mem::replace(&mut self.marks, outer);
        (inner, marks)
    }

    /// Writes a note or footnote mark here, or after the link the text is in.
    fn mark(&mut self, out: &mut String, mark: &str) {
        match self.in_link {
            0 => out.push_str(mark),
            _ => self.marks.push_str(mark),
        }
    }

    /// A citation of the corpus is a link; one of a document outside the OSCE is a labelled
    /// reference (the label is read out, and shown on hover).
    fn citation(&self, target: &CiteTarget, inner: &str) -> String {
        match target {
            CiteTarget::Document {
                page,
                anchor,
                citation,
                ..
            } => {
                let href = match (anchor, page == &self.from.page) {
                    (Some(a), true) => format!("#{a}"),
                    (Some(a), false) => format!("{}{page}/#{a}", self.from.root),
                    (None, _) => format!("{}{page}/", self.from.root),
                };
                format!(
                    "<a class=\"cite\" href=\"{}\" title=\"{}\">{inner}</a>",
                    escape(&href),
                    escape(citation)
                )
            }
            CiteTarget::External { label, .. } => format!(
                "<cite class=\"ext\" title=\"Outside the OSCE: {label}\">{inner}<span class=\"vh\"> (outside the OSCE: {label})</span></cite>",
                label = escape(label)
            ),
        }
    }

    /// The reading a note puts in the text, and its mark.
    fn note(&self, i: usize) -> (String, String) {
        let Some(note) = self.notes.get(i) else {
            return Default::default();
        };
        let n = i + 1;
        let (class, reading) = match &note.kind {
            NoteKind::Correction { reading, .. } => ("ed-corr", escape(reading)),
            NoteKind::Illegible { .. } => ("ed-illegible", "[illegible]".to_owned()),
            NoteKind::Omission { .. } => ("ed-omit", String::new()),
            NoteKind::Comment => ("ed-comment", String::new()),
        };
        let title = escape(&note_summary(note));
        (
            format!("<span class=\"ed {class}\" title=\"{title}\">{reading}</span>"),
            format!(
                "<sup class=\"ed-mark\"><a href=\"#ed-{n}\" id=\"edref-{n}\" aria-label=\"Editorial note {n}\">{}</a></sup>",
                note_mark(n)
            ),
        )
    }

    /// Whether footnote `label` has been referenced so far, and how often.
    pub fn references(&self, label: &str) -> usize {
        self.footnote_refs.get(label).copied().unwrap_or(0)
    }
}

/// The mark that stands in the text for note `n`: a letter series (a, b, ... z, aa ...).
pub fn note_mark(n: usize) -> String {
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    out.iter().rev().collect()
}

/// One line saying what the witness reads and what the edition prints.
pub fn note_summary(note: &EditorialNote) -> String {
    let base = match &note.kind {
        NoteKind::Correction { source, reading } => format!(
            "The source reads “{}”; corrected to “{}”.",
            source.trim(),
            reading.trim()
        ),
        NoteKind::Illegible { source } => {
            format!("Illegible in the source, which reads “{}”.", source.trim())
        }
        NoteKind::Omission { source } => format!(
            "The source has “{}” here, left out of the text.",
            source.trim()
        ),
        NoteKind::Comment => String::new(),
    };
    match note.comment.as_deref().map(sentence) {
        Some(c) if base.is_empty() => c,
        Some(c) => format!("{base} {c}"),
        None => base,
    }
}

/// An editor's comment as a sentence of its own (capital first, closing full stop), so that it
/// reads apart from the generated sentence before it.
fn sentence(comment: &str) -> String {
    let comment = comment.trim();
    let mut chars = comment.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?', '…', ')', '”']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editors_comment_reads_as_a_sentence_after_the_generated_one() {
        assert_eq!(sentence("stray OCR mark"), "Stray OCR mark.");
        assert_eq!(
            sentence("Misprint in the source."),
            "Misprint in the source."
        );
        assert_eq!(sentence("  "), "");
    }
    use crate::model::Location;

    /// The corpus's commonest correction: an apostrophe the OCR read as `=`.
    fn apostrophe() -> EditorialNote {
        EditorialNote {
            kind: NoteKind::Correction {
                source: "=s".into(),
                reading: "’s".into(),
            },
            comment: None,
            location: Location::default(),
            anchor: "3".into(),
        }
    }

    #[test]
    fn renders_notes_with_their_reading_and_a_mark() {
        let notes = [apostrophe()];
        let mut r = InlineRenderer::new(&notes);
        let html = r.html(&[
            Inline::Text("OSCE".into()),
            Inline::Note(0),
            Inline::Text(" <role>".into()),
        ]);
        assert!(html.starts_with("OSCE<span class=\"ed ed-corr\""), "{html}");
        assert!(html.contains("’s</span>"));
        assert!(html.contains("href=\"#ed-1\""));
        assert!(html.ends_with(" &lt;role&gt;"));
    }

    #[test]
    fn a_mark_inside_a_citation_follows_the_link_instead_of_nesting_in_it() {
        let notes = [apostrophe()];
        let target = CiteTarget::Document {
            doc: "b".into(),
            page: "b".into(),
            anchor: None,
            citation: "B".into(),
        };
        let mut r = InlineRenderer::new(&notes).linking_from("../", "a");
        let html = r.html(&[Inline::Citation {
            content: thin_vec::thin_vec![
                Inline::Text("the PA".into()),
                Inline::Note(0),
                Inline::Text(" Declaration".into()),
                Inline::FootnoteRef("2".into()),
            ],
            target: Box::new(target),
        }]);
        let (link, after) = html.split_once("</a>").unwrap();
        assert!(
            link.starts_with("<a class=\"cite\" href=\"../b/\""),
            "{html}"
        );
        assert_eq!(link.matches("<a ").count(), 1, "{html}");
        assert!(link.contains("’s</span> Declaration"), "{html}");
        assert!(
            after.starts_with("<sup class=\"ed-mark\"><a href=\"#ed-1\""),
            "{html}"
        );
        assert!(after.contains("href=\"#fn-2\""), "{html}");
    }

    #[test]
    fn numbers_repeated_footnote_references() {
        let mut r = InlineRenderer::new(&[]);
        let a = r.html(&[Inline::FootnoteRef("1".into())]);
        let b = r.html(&[Inline::FootnoteRef("1".into())]);
        assert!(a.contains("id=\"fnref-1\""));
        assert!(b.contains("id=\"fnref-1-2\""));
        assert_eq!(r.references("1"), 2);
    }

    #[test]
    fn note_marks_run_through_the_alphabet() {
        assert_eq!(note_mark(1), "a");
        assert_eq!(note_mark(26), "z");
        assert_eq!(note_mark(27), "aa");
    }
}
