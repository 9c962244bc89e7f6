//! Editorial notes written in CriticMarkup, taken out of the Markdown before it is parsed.
//!
//! `{~~source~>reading~~}`, `{--source--}` and `{>>comment<<}` hold the witness's own text,
//! which may contain anything OCR produced (`*`, `_`, `^`); Markdown must not interpret it. Each
//! note is replaced by a placeholder made of private-use characters that Markdown passes through
//! as text; `markdown` turns placeholders back into [`Inline::Note`](crate::model::Inline).

use crate::model::NoteKind;

/// Opens a placeholder; the note's index follows in decimal, then [`CLOSE`].
pub const OPEN: char = '\u{E000}';
/// Closes a placeholder.
pub const CLOSE: char = '\u{E001}';

/// A note found in the Markdown, before it is placed in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct RawNote {
    /// What it does.
    pub kind: NoteKind,
    /// The attached comment.
    pub comment: Option<String>,
    /// Byte offset of the `{` in the original Markdown.
    pub offset: usize,
}

/// The Markdown with notes replaced by placeholders, and the way back to original offsets.
#[derive(Debug)]
pub struct Extracted {
    /// Markdown with placeholders.
    pub text: String,
    /// The notes, indexed by placeholder number.
    pub notes: Vec<RawNote>,
    /// `(offset in text, offset in original)` at each point where the two diverge.
    shifts: Vec<(usize, usize)>,
    /// Malformed markup: `(offset in original, message)`.
    pub problems: Vec<(usize, String)>,
}

impl Extracted {
    /// Maps an offset in the placeholder text back to the original Markdown.
    pub fn original_offset(&self, offset: usize) -> usize {
        let i = self.shifts.partition_point(|&(t, _)| t <= offset);
        match i {
            0 => offset,
            _ => {
                let (t, o) = self.shifts[i - 1];
                o + (offset - t)
            }
        }
    }
}

/// Replaces every CriticMarkup note in `md` with a placeholder.
pub fn extract(md: &str) -> Extracted {
    let mut out = Extracted {
        text: String::with_capacity(md.len()),
        notes: vec![],
        shifts: vec![],
        problems: vec![],
    };
    let mut rest = 0;
    // A delimiter with no close after some offset has none after any later offset either:
    // remembering that keeps a file full of unclosed notes linear instead of quadratic.
    let mut unclosed_from: Vec<(&str, usize)> = Vec::new();
    while let Some(found) = md[rest..].find('{') {
        let start = rest + found;
        let Some(end) = delimiter_for(&md[start..]) else {
            out.text.push_str(&md[rest..=start]);
            rest = start + 1;
            continue;
        };
        out.text.push_str(&md[rest..start]);
        let known_unclosed = unclosed_from.iter().any(|&(e, at)| e == end && at <= start);
        let closed = if known_unclosed {
            None
        } else {
            close(&md[start..], end)
        };
        if closed.is_none() && !known_unclosed {
            unclosed_from.push((end, start));
        }
        let Some((inner, len)) = closed else {
            out.problems.push((
                start,
                format!("editorial note is not closed: `{end}` is missing"),
            ));
            out.text.push_str(&md[start..start + 3]);
            rest = start + 3;
            continue;
        };
        let (kind, comment) = match end {
            "~~}" => match substitution(inner) {
                Ok(kind) => (kind, None),
                Err(msg) => {
                    out.problems.push((start, msg));
                    (NoteKind::Comment, Some(inner.to_owned()))
                }
            },
            "--}" => (
                NoteKind::Omission {
                    source: inner.to_owned(),
                },
                None,
            ),
            _ => (NoteKind::Comment, Some(inner.trim().to_owned())),
        };
        attach_or_push(&mut out, kind, comment, start, len);
        rest = start + len;
    }
    out.text.push_str(&md[rest..]);
    out
}

/// The closing delimiter of the CriticMarkup opened at the start of `tail`, if any.
fn delimiter_for(tail: &str) -> Option<&'static str> {
    [("{~~", "~~}"), ("{--", "--}"), ("{>>", "<<}")]
        .into_iter()
        .find(|(open, _)| tail.starts_with(open))
        .map(|(_, close)| close)
}

/// Finds the closing delimiter; returns the inner text and the length of the whole markup.
fn close<'a>(tail: &'a str, end: &str) -> Option<(&'a str, usize)> {
    let pos = tail[3..].find(end)?;
    Some((&tail[3..3 + pos], 3 + pos + end.len()))
}

fn substitution(inner: &str) -> Result<NoteKind, String> {
    let Some((source, reading)) = inner.split_once("~>") else {
        return Err(
            "a substitution needs `~>` between the source reading and the correction".to_owned(),
        );
    };
    Ok(if reading.trim() == "[illegible]" {
        NoteKind::Illegible {
            source: source.to_owned(),
        }
    } else {
        NoteKind::Correction {
            source: source.to_owned(),
            reading: reading.to_owned(),
        }
    })
}

/// A comment right after another note is that note's explanation; otherwise it stands alone.
fn attach_or_push(
    out: &mut Extracted,
    kind: NoteKind,
    comment: Option<String>,
    start: usize,
    len: usize,
) {
    if kind == NoteKind::Comment && out.text.ends_with(CLOSE) {
        if let Some(last) = out
            .notes
            .last_mut()
            .filter(|n| n.comment.is_none() && n.kind != NoteKind::Comment)
        {
            last.comment = comment;
            out.shifts.push((out.text.len(), start + len));
            return;
        }
    }
    let index = out.notes.len();
    out.notes.push(RawNote {
        kind,
        comment,
        offset: start,
    });
    out.text.push(OPEN);
    out.text.push_str(&index.to_string());
    out.text.push(CLOSE);
    out.shifts.push((out.text.len(), start + len));
}

/// Splits text containing placeholders into text pieces and note indices.
pub fn split_placeholders(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        let after = &rest[open + OPEN.len_utf8()..];
        let Some(close) = after.find(CLOSE) else {
            break;
        };
        if open > 0 {
            pieces.push(Piece::Text(&rest[..open]));
        }
        match after[..close].parse() {
            Ok(i) => pieces.push(Piece::Note(i)),
            Err(_) => pieces.push(Piece::Text(
                &rest[open..open + OPEN.len_utf8() + close + CLOSE.len_utf8()],
            )),
        }
        rest = &after[close + CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// A piece of text or a note placeholder.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    /// Plain text.
    Text(&'a str),
    /// The index of a note.
    Note(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_substitutions_omissions_and_attached_comments() {
        let md = "the OSCE{~~=s~>’s~~}{>>encoding<<} role {--r _^J-£*_--} and {~~affihj~>[illegible]~~}.";
        let ex = extract(md);
        assert_eq!(ex.notes.len(), 3);
        assert_eq!(
            ex.notes[0].kind,
            NoteKind::Correction {
                source: "=s".into(),
                reading: "’s".into()
            }
        );
        assert_eq!(ex.notes[0].comment.as_deref(), Some("encoding"));
        assert_eq!(
            ex.notes[1].kind,
            NoteKind::Omission {
                source: "r _^J-£*_".into()
            }
        );
        assert_eq!(
            ex.notes[2].kind,
            NoteKind::Illegible {
                source: "affihj".into()
            }
        );
        assert!(
            !ex.text.contains('*'),
            "OCR garbage must not reach Markdown"
        );
        let pieces = split_placeholders(&ex.text);
        assert_eq!(pieces[0], Piece::Text("the OSCE"));
        assert_eq!(pieces[1], Piece::Note(0));
        assert!(ex.problems.is_empty());
    }

    #[test]
    fn maps_offsets_back_across_placeholders() {
        let md = "ab{~~x~>y~~}cd";
        let ex = extract(md);
        let c_in_text = ex.text.find('c').unwrap();
        assert_eq!(ex.original_offset(c_in_text), md.find('c').unwrap());
        assert_eq!(ex.original_offset(1), 1);
    }

    #[test]
    fn reports_unclosed_and_malformed_notes() {
        assert_eq!(extract("a {~~x~>y b").problems.len(), 1);
        assert_eq!(extract("a {~~xy~~} b").problems.len(), 1);
        assert!(extract("a {#anchor} b").problems.is_empty());
    }
}
