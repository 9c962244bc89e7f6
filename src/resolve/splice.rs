//! Between inline text and the flat text the citation grammar reads: the plain text of a run of
//! inlines with the byte range each inline covers, and the splice that wraps ranges of it into
//! [`Inline::Citation`]s without changing a word.

use crate::model::{CiteTarget, EditorialNote, Inline};
use std::ops::Range;

/// The plain text of a run of inlines, and where each inline lies in it.
pub struct Flat {
    /// The text; links (an editor's or a citation already made) are blanked out, so that
    /// nothing is recognised inside them.
    pub text: String,
    ranges: Vec<Range<usize>>,
}

impl Flat {
    /// The range of the flat text the `index`-th inline covers.
    pub fn range(&self, index: usize) -> Range<usize> {
        self.ranges[index].clone()
    }

    /// Blanks out the text of the inlines `indices` (words an editor marked as no citation).
    pub fn blank(&mut self, indices: Range<usize>) {
        let (Some(first), Some(last)) = (
            self.ranges.get(indices.start),
            self.ranges.get(indices.end.saturating_sub(1)),
        ) else {
            return;
        };
        let bytes = first.start..last.end;
        self.text
            .replace_range(bytes.clone(), &" ".repeat(bytes.len()));
    }
}

/// Flattens `content` (notes read as the edition prints them, footnote marks as nothing).
pub fn flatten(content: &[Inline], notes: &[EditorialNote]) -> Flat {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(content.len());
    for inline in content {
        let start = text.len();
        match inline {
            Inline::Text(t) => text.push_str(t),
            Inline::Link { .. } | Inline::Citation { .. } => {
                let len = Inline::plain(std::slice::from_ref(inline), notes).len();
                text.push_str(&" ".repeat(len));
            }
            other => text.push_str(&Inline::plain(std::slice::from_ref(other), notes)),
        }
        ranges.push(start..text.len());
    }
    Flat { text, ranges }
}

/// Wraps each span of the flat text into a citation of its target. A span that starts or ends
/// inside plain text splits it; one that starts or ends inside another inline (a note, an
/// emphasis) takes that inline whole. `spans` are sorted and do not overlap.
pub fn splice(
    content: Vec<Inline>,
    flat: &Flat,
    spans: &[(Range<usize>, CiteTarget)],
) -> Vec<Inline> {
    let mut s = Splicer {
        spans,
        next: 0,
        out: Vec::with_capacity(content.len()),
        open: None,
    };
    for (inline, range) in content.into_iter().zip(&flat.ranges) {
        match inline {
            Inline::Text(t) => s.text(&t, range.clone()),
            other => s.emit(range.clone(), other),
        }
    }
    s.close();
    s.out
}

struct Splicer<'a> {
    spans: &'a [(Range<usize>, CiteTarget)],
    next: usize,
    out: Vec<Inline>,
    open: Option<(usize, Vec<Inline>)>,
}

impl Splicer<'_> {
    /// Cuts text at every span boundary inside it.
    fn text(&mut self, t: &str, range: Range<usize>) {
        let mut cuts: Vec<usize> = self
            .spans
            .iter()
            .flat_map(|(r, _)| [r.start, r.end])
            .filter(|&c| c > range.start && c < range.end)
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut at = range.start;
        for c in cuts.into_iter().chain([range.end]) {
            if c > at {
                let piece = t[at - range.start..c - range.start].to_owned();
                self.emit(at..c, Inline::Text(piece));
            }
            at = c;
        }
    }

    /// Puts one inline in the citation whose span it falls in, or outside.
    fn emit(&mut self, r: Range<usize>, inline: Inline) {
        while self.next < self.spans.len() && self.spans[self.next].0.end <= r.start {
            self.next += 1;
        }
        let inside = self.spans.get(self.next).is_some_and(|(span, _)| {
            if r.is_empty() {
                span.start < r.start && r.start < span.end
            } else {
                r.start < span.end && span.start < r.end
            }
        });
        let wanted = inside.then_some(self.next);
        if self.open.as_ref().map(|(i, _)| *i) != wanted {
            self.close();
        }
        match wanted {
            Some(i) => self
                .open
                .get_or_insert_with(|| (i, Vec::new()))
                .1
                .push(inline),
            None => self.out.push(inline),
        }
    }

    fn close(&mut self) {
        if let Some((i, content)) = self.open.take() {
            self.out.push(Inline::Citation {
                content: content.into(),
                target: Box::new(self.spans[i].1.clone()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(a: &str) -> CiteTarget {
        CiteTarget::Document {
            doc: "d".into(),
            page: "d".into(),
            anchor: Some(a.into()),
            citation: a.into(),
        }
    }

    #[test]
    fn splits_text_and_keeps_every_word() {
        let content = vec![
            Inline::Text("welcomes articles 106 and 107 of the Declaration".into()),
            Inline::FootnoteRef("1".into()),
        ];
        let flat = flatten(&content, &[]);
        let at = |s: &str| {
            let i = flat.text.find(s).unwrap();
            i..i + s.len()
        };
        let spans = vec![
            (at("articles 106"), target("106")),
            (at("107"), target("107")),
            (at("Declaration"), target("")),
        ];
        let out = splice(content.clone(), &flat, &spans);
        assert_eq!(Inline::plain(&out, &[]), Inline::plain(&content, &[]));
        assert_eq!(out.len(), 7, "{out:?}");
        assert!(
            matches!(&out[1], Inline::Citation { content, .. } if content == &[Inline::Text("articles 106".into())])
        );
        assert_eq!(out[6], Inline::FootnoteRef("1".into()));
    }

    #[test]
    fn links_are_blanked_at_the_offsets_of_the_plain_text() {
        let content = vec![
            Inline::Text("Recalling that the ".into()),
            Inline::Link {
                dest: "cite:d#8".into(),
                content: thin_vec::thin_vec![Inline::Text("Decision of 2002".into())],
            },
            Inline::Text(" recognized".into()),
        ];
        let flat = flatten(&content, &[]);
        assert_eq!(
            flat.text,
            format!("Recalling that the {} recognized", " ".repeat(16))
        );
        // The plain text (what a snippet quotes) has every word at the same offsets.
        let plain = Inline::plain(&content, &[]);
        assert_eq!(plain, "Recalling that the Decision of 2002 recognized");
        assert_eq!(&plain[flat.range(1)], "Decision of 2002");
    }

    #[test]
    fn an_inline_inside_a_span_goes_into_the_citation() {
        let content = vec![
            Inline::Text("the Porto ".into()),
            Inline::Emphasis(thin_vec::thin_vec![Inline::Text("Declaration".into())]),
            Inline::Text(" of 2002".into()),
        ];
        let flat = flatten(&content, &[]);
        let spans = vec![(4..21, target(""))];
        let out = splice(content, &flat, &spans);
        assert!(matches!(&out[1], Inline::Citation { content, .. } if content.len() == 2));
        assert_eq!(out[2], Inline::Text(" of 2002".into()));
    }
}
