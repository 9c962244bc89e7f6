//! What `compare` finds: the alignment of every pair of versions of a document (with the word
//! diff of each aligned pair) and the paragraphs that repeat or adapt paragraphs of other
//! documents. Plain data that `render` turns into pages and the command line into text.

use serde::Serialize;
use std::collections::BTreeMap;

/// Everything `compare` found in the corpus.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    /// Every pair of versions of every document, by slug, then in base order.
    pub pairs: Vec<VersionPair>,
    /// Paragraphs that repeat or closely adapt paragraphs of other documents.
    pub quotations: Quotations,
}

impl Comparison {
    /// The pairs of versions of the document `slug`.
    pub fn pairs_of<'a>(&'a self, slug: &'a str) -> impl Iterator<Item = &'a VersionPair> + 'a {
        self.pairs.iter().filter(move |p| p.slug == slug)
    }
}

/// Two versions of one document, aligned paragraph by paragraph.
///
/// `a` is the base (the earlier text; on the same date the canonical one), `b` the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionPair {
    /// The document.
    pub slug: String,
    /// The base version's id.
    pub a: String,
    /// The other version's id.
    pub b: String,
    /// The rows of the alignment, in the base's reading order.
    pub rows: Vec<Row>,
}

impl VersionPair {
    /// Every aligned pair of units, in row order.
    pub fn aligned(&self) -> impl Iterator<Item = &Aligned> {
        self.rows.iter().filter_map(|r| match r {
            Row::Aligned(a) => Some(a),
            Row::OnlyA(_) | Row::OnlyB(_) => None,
        })
    }

    /// The anchor of the counterpart of the unit `anchor` of version `from` (either side).
    pub fn counterpart(&self, from: &str, anchor: &str) -> Option<&str> {
        self.aligned().find_map(|p| {
            if from == self.a && p.a.anchor == anchor {
                Some(p.b.anchor.as_str())
            } else if from == self.b && p.b.anchor == anchor {
                Some(p.a.anchor.as_str())
            } else {
                None
            }
        })
    }
}

/// One row of an alignment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "row", content = "units", rename_all = "kebab-case")]
pub enum Row {
    /// A unit of `a` and its counterpart in `b`.
    Aligned(Aligned),
    /// Consecutive units of `a` that `b` does not have.
    OnlyA(Vec<Unmatched>),
    /// Consecutive units of `b` that `a` does not have.
    OnlyB(Vec<Unmatched>),
}

/// A unit one version has and the other lacks, with its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched {
    /// The unit.
    pub unit: UnitRef,
    /// Its reading text.
    pub tokens: Vec<Token>,
}

/// A unit of one version and its counterpart in the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aligned {
    /// The unit in the base version.
    pub a: UnitRef,
    /// Its counterpart.
    pub b: UnitRef,
    /// How the two were matched.
    pub matched: Match,
    /// Share of words in common, 0-1 (Dice coefficient over the word diff).
    pub similarity: f32,
    /// The pair is out of order: `b` places this unit elsewhere relative to its neighbours.
    pub moved: bool,
    /// The word diff from `a` to `b`.
    pub diff: WordDiff,
}

/// How two units were found to correspond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Match {
    /// The same permanent id (the same words) or, for headings, the same words.
    SameWords,
    /// Different words, similar enough to be the same paragraph.
    Similar,
}

/// What kind of unit a version is aligned in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    /// The masthead lines, taken together.
    Masthead,
    /// A division heading.
    Heading,
    /// A paragraph.
    Paragraph,
}

/// A unit of a version, as an alignment names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRef {
    /// What it is.
    pub kind: UnitKind,
    /// Its anchor on the version page (`masthead` for the masthead).
    pub anchor: String,
    /// How a reader names it: the number as printed (`4.`), or the first words.
    pub label: String,
    /// Its position among the version's units (0-based).
    pub index: usize,
}

/// A word-level diff: runs of equal, deleted and inserted words, or the mark that two texts are
/// identical.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WordDiff {
    /// The runs in reading order.
    Runs(Vec<WordOp>),
    /// The two texts are identical token for token (characters, spacing and editorial notes),
    /// and their words are not copied here: most aligned paragraphs of two versions are
    /// unchanged, and a copy of each was the largest part of a comparison (about 34 MB at
    /// 10,000 documents). Whoever shows the diff reads the words from either text
    /// ([`WordDiff::runs`]).
    Identical {
        /// Whether any word carries an editorial note.
        notes: bool,
    },
}

impl WordDiff {
    /// The diff of a text with itself, kept without its words.
    pub fn identical(tokens: &[Token]) -> Self {
        WordDiff::Identical {
            notes: tokens.iter().any(|t| !t.notes.is_empty()),
        }
    }

    /// Whether the two texts read the same.
    pub fn is_same(&self) -> bool {
        match self {
            WordDiff::Runs(ops) => ops.iter().all(|op| matches!(op, WordOp::Equal { .. })),
            WordDiff::Identical { .. } => true,
        }
    }

    /// Whether any word of either side carries an editorial note.
    pub fn has_notes(&self) -> bool {
        match self {
            WordDiff::Runs(ops) => ops.iter().any(|op| {
                let (a, b) = op.sides();
                a.iter().chain(b).any(|t| !t.notes.is_empty())
            }),
            WordDiff::Identical { notes } => *notes,
        }
    }

    /// The runs in reading order. For [`WordDiff::Identical`], one equal run of `words`: the
    /// tokens of either text, which the caller makes (none when the texts are empty).
    pub fn runs(&self, words: impl FnOnce() -> Vec<Token>) -> std::borrow::Cow<'_, [WordOp]> {
        match self {
            WordDiff::Runs(ops) => std::borrow::Cow::Borrowed(ops),
            WordDiff::Identical { .. } => {
                let a = words();
                std::borrow::Cow::Owned(if a.is_empty() {
                    Vec::new()
                } else {
                    vec![WordOp::Equal { a, b: Vec::new() }]
                })
            }
        }
    }
}

impl WordOp {
    /// The tokens of the first text and of the second in this run (one side empty for a
    /// deletion or an insertion).
    pub fn sides(&self) -> (&[Token], &[Token]) {
        match self {
            WordOp::Equal { a, b } if b.is_empty() => (a, a),
            WordOp::Equal { a, b } => (a, b),
            WordOp::Delete(t) => (t, &[]),
            WordOp::Insert(t) => (&[], t),
        }
    }
}

/// One run of a word diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", content = "words", rename_all = "kebab-case")]
pub enum WordOp {
    /// Words both texts have (each side with its own notes); read them with [`WordOp::sides`].
    Equal {
        /// The words as the first text has them.
        a: Vec<Token>,
        /// The same words as the second text has them, where that differs from `a` (in spacing or
        /// editorial notes); empty when they read exactly as in `a`, which saves memory in the
        /// common case.
        b: Vec<Token>,
    },
    /// Words only the first text has.
    Delete(Vec<Token>),
    /// Words only the second text has.
    Insert(Vec<Token>),
}

/// A word or punctuation mark of a reading text. Word diffs hold one per word of every
/// paragraph they compare, so it is kept small: the characters inline (nearly every word is under
/// 24 bytes) and no spare capacity for the rare notes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Token {
    /// The characters, in the edition's reading.
    pub text: super::ShortStr,
    /// Whether white space precedes it.
    pub space_before: bool,
    /// The editorial notes (indices into the version's notes) that produced or touch it.
    pub notes: Box<[usize]>,
}

/// Paragraphs that repeat or closely adapt paragraphs of other documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Quotations {
    /// Each related pair once, the earlier text first; sorted.
    pub pairs: Vec<QuotePair>,
    /// For each paragraph (`slug/version#anchor`), the indices of its pairs in `pairs`, best first.
    pub by_paragraph: BTreeMap<String, Vec<usize>>,
}

impl Quotations {
    /// The pairs of the paragraph `anchor` of `slug/version`, best first.
    pub fn of<'a>(
        &'a self,
        slug: &str,
        version: &str,
        anchor: &str,
    ) -> impl Iterator<Item = &'a QuotePair> + 'a {
        let key = para_key(slug, version, anchor);
        self.by_paragraph
            .get(&key)
            .into_iter()
            .flatten()
            .map(|&i| &self.pairs[i])
    }
}

impl Quotations {
    /// The paragraphs of `slug/version` that have pairs, in key order: (anchor, pair indices).
    pub fn of_version<'a>(
        &'a self,
        slug: &str,
        version: &str,
    ) -> impl Iterator<Item = (&'a str, &'a [usize])> + 'a {
        let prefix = para_key(slug, version, "");
        let len = prefix.len();
        self.by_paragraph
            .range(prefix.clone()..)
            .take_while(move |(k, _)| k.starts_with(&prefix))
            .map(move |(k, v)| (&k[len..], v.as_slice()))
    }
}

/// The key of a paragraph in [`Quotations::by_paragraph`]: `slug/version#anchor`.
pub fn para_key(slug: &str, version: &str, anchor: &str) -> String {
    format!("{slug}/{version}#{anchor}")
}

/// Two paragraphs of different documents that share their wording.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotePair {
    /// The paragraph of the earlier document (the likely source).
    pub earlier: ParaRef,
    /// The paragraph of the later document (the likely quotation or adaptation).
    pub later: ParaRef,
    /// Share of words in common, 0-1 (Dice coefficient over the word diff).
    pub similarity: f32,
    /// Share of the shorter paragraph's words found in the other, 0-1.
    pub coverage: f32,
    /// The word diff from the earlier text to the later.
    pub diff: WordDiff,
}

impl QuotePair {
    /// The other side of the pair, seen from `slug/version#anchor`.
    pub fn other(&self, slug: &str, version: &str, anchor: &str) -> &ParaRef {
        if self.earlier.slug == slug
            && self.earlier.version == version
            && self.earlier.anchor == anchor
        {
            &self.later
        } else {
            &self.earlier
        }
    }
}

/// A paragraph of the corpus, by place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ParaRef {
    /// The document.
    pub slug: String,
    /// The version.
    pub version: String,
    /// The paragraph's anchor.
    pub anchor: String,
    /// Its formal citation.
    pub citation: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &str, notes: &[usize]) -> Token {
        Token {
            text: text.into(),
            space_before: true,
            notes: notes.into(),
        }
    }

    #[test]
    fn an_identical_diff_reads_as_one_equal_run_of_the_words_it_is_given() {
        let words = vec![token("the", &[]), token("States", &[0])];
        let diff = WordDiff::identical(&words);
        assert!(diff.is_same() && diff.has_notes());
        assert_eq!(
            diff.runs(|| words.clone()).as_ref(),
            [WordOp::Equal {
                a: words.clone(),
                b: Vec::new()
            }]
        );
        assert!(WordDiff::identical(&[]).runs(Vec::new).is_empty());
        assert!(!WordDiff::identical(&words[..1]).has_notes());
    }
}
