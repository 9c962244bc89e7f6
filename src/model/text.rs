//! Inline text: what a paragraph, heading or footnote is made of.

use serde::Serialize;

/// The inlines inside emphasis, a link or a citation: a thin vector (8 bytes, its length
/// and capacity beside its items), so that an [`Inline`] takes 32 bytes rather than 48. Every
/// paragraph is a list of inlines, nearly all plain text, and at 10,000 documents they are
/// millions.
pub type Inlines = thin_vec::ThinVec<Inline>;

/// One piece of inline text. Later stages add links to it; `render` turns it into HTML.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Inline {
    /// Plain text, in the reading of the edition (corrections applied).
    Text(String),
    /// A reference to a footnote of the same version, by label.
    FootnoteRef(String),
    /// An editorial note, by its index in the version's notes; it renders its reading text.
    Note(usize),
    /// Emphasised text.
    Emphasis(Inlines),
    /// Strong text.
    Strong(Inlines),
    /// Inline code (used for symbols in our own prose, not in official text).
    Code(String),
    /// A link written by an editor.
    Link { dest: Box<str>, content: Inlines },
    /// A hard line break.
    LineBreak,
    /// A citation of another text, recognised by `resolve` (the words as printed, and the target).
    /// The target is boxed: it is the largest variant's payload, and unboxed it would make every
    /// inline of every paragraph (nearly all plain text) more than twice as large.
    Citation {
        content: Inlines,
        target: Box<super::CiteTarget>,
    },
}

impl Inline {
    /// The plain reading text of a run of inlines (notes resolved against `notes`).
    pub fn plain(inlines: &[Inline], notes: &[EditorialNote]) -> String {
        let mut out = String::new();
        push_plain(inlines, notes, &mut out, Reading::Edition);
        out
    }

    /// The text as the witness prints it (source readings of notes, footnote labels inline),
    /// which is what the fidelity check compares with the source.
    pub fn source_reading(inlines: &[Inline], notes: &[EditorialNote]) -> String {
        let mut out = String::new();
        push_plain(inlines, notes, &mut out, Reading::Source);
        out
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Reading {
    Edition,
    Source,
}

fn push_plain(inlines: &[Inline], notes: &[EditorialNote], out: &mut String, reading: Reading) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::FootnoteRef(label) if reading == Reading::Source => out.push_str(label),
            Inline::FootnoteRef(_) => {}
            Inline::Note(i) => {
                if let Some(note) = notes.get(*i) {
                    out.push_str(match reading {
                        Reading::Edition => note.reading(),
                        Reading::Source => note.source(),
                    });
                }
            }
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Link { content: c, .. }
            | Inline::Citation { content: c, .. } => push_plain(c, notes, out, reading),
            Inline::LineBreak => out.push(' '),
        }
    }
}

/// What an editorial note does to the witness's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NoteKind {
    /// The witness reads `source`; the edition prints `reading`.
    Correction { source: String, reading: String },
    /// The witness is unreadable here (`source` is what the OCR shows).
    Illegible { source: String },
    /// Text of the witness left out of the reading text (stray marks, OCR garbage).
    Omission { source: String },
    /// A comment with no change to the text.
    Comment,
}

/// An editorial note in the apparatus of a version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditorialNote {
    /// What the note does.
    pub kind: NoteKind,
    /// The editor's explanation, if any.
    pub comment: Option<String>,
    /// Where the note is written.
    pub location: super::Location,
    /// The anchor of the paragraph or heading holding the note (filled by `resolve`).
    pub anchor: String,
}

impl EditorialNote {
    /// The text the edition prints.
    pub fn reading(&self) -> &str {
        match &self.kind {
            NoteKind::Correction { reading, .. } => reading,
            NoteKind::Illegible { .. } => "[illegible]",
            NoteKind::Omission { .. } | NoteKind::Comment => "",
        }
    }

    /// The text the witness prints.
    pub fn source(&self) -> &str {
        match &self.kind {
            NoteKind::Correction { source, .. }
            | NoteKind::Illegible { source }
            | NoteKind::Omission { source } => source,
            NoteKind::Comment => "",
        }
    }
}

/// A footnote of a version (reports carry many).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Footnote {
    /// The label as printed (`12`).
    pub label: String,
    /// Its paragraphs.
    pub paragraphs: Vec<Vec<Inline>>,
    /// Where it is defined.
    pub location: super::Location,
}
