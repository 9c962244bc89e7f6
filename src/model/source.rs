//! A version file's text as the model holds it from parse to render.

use std::fmt;

/// The whole text of a version file, front matter included, kept for what reads it after
/// parsing: the source view and diagnostics' snippets.
///
/// It is held compressed (LZ4, about half the size on the real corpus) because every version's
/// text stays in memory from parse to render, and most of that time nothing reads it: resolving
/// reads it only to point at a problem, rendering once for the source view.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SourceText {
    packed: Box<[u8]>,
}

impl SourceText {
    /// Holds `text`.
    pub fn new(text: &str) -> Self {
        SourceText {
            packed: lz4_flex::compress_prepend_size(text.as_bytes()).into_boxed_slice(),
        }
    }

    /// The text, as it was given to [`SourceText::new`].
    pub fn text(&self) -> String {
        if self.packed.is_empty() {
            return String::new();
        }
        let bytes = lz4_flex::decompress_size_prepended(&self.packed)
            .expect("a SourceText holds only what SourceText::new compressed");
        String::from_utf8(bytes).expect("a SourceText holds only UTF-8")
    }

    /// Bytes held: what the text costs in memory.
    pub fn packed_len(&self) -> usize {
        self.packed.len()
    }
}

impl fmt::Debug for SourceText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SourceText({} bytes packed)", self.packed.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_the_text_it_was_given() {
        let text = "---\ntitle: Décision\n---\n\n1. Paragraphe « un »; 2. deux.\n".repeat(40);
        let held = SourceText::new(&text);
        assert_eq!(held.text(), text);
        assert!(held.packed_len() < text.len() / 2, "{}", held.packed_len());
        assert_eq!(SourceText::new("").text(), "");
        assert_eq!(SourceText::default().text(), "");
    }
}
