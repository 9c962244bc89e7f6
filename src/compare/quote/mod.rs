//! The quotation finder: paragraphs that repeat or closely adapt a paragraph of another document.
//!
//! Comparing every pair of paragraphs would be quadratic (4.5 × 10¹⁰ pairs at 10,000 documents of
//! 30 paragraphs). Instead, as plagiarism detectors do (Schleimer, Wilkerson and Aiken,
//! "Winnowing", SIGMOD 2003):
//!
//! 1. Each paragraph's words (lower case, punctuation left out) are cut into overlapping
//!    [`SHINGLE`]-word shingles, each hashed. Mentions of the title or a long alias of a document
//!    of the corpus ("the OSCE Action Plan to Combat Trafficking in Human Beings") are masked
//!    first: naming a document is citing it, not quoting it.
//! 2. Winnowing keeps the smallest hash of every [`WINDOW`] consecutive shingles: about 2/(W+1)
//!    of them, and any run of at least `SHINGLE + WINDOW - 1` words that two paragraphs share is
//!    guaranteed to leave them a fingerprint in common.
//! 3. Fingerprints are sorted; paragraphs of different documents that share one become
//!    candidates. A fingerprint that more than [`MAX_POSTING`] paragraphs share is a formula
//!    ("Recalling the commitments of the participating States …"), not a quotation: it proposes
//!    nobody, so the work stays linear in the size of the corpus, and the words it covers are
//!    masked before verifying a pair.
//! 4. Each candidate pair is verified with a word diff of their words. Words count as shared
//!    wording when they stand in common runs of at least three (single common words such as
//!    "the" or "States" do not). The pair is kept when the shared wording covers
//!    [`MIN_COVERAGE`] of the shorter paragraph and numbers at least [`MIN_SHARED_WORDS`] (a
//!    close adaptation), or numbers at least [`MIN_PASSAGE_WORDS`] however long the paragraphs
//!    (a quotation inside a longer paragraph).
//!
//! The thresholds are justified by measured pairs of the real corpus in `tests/compare.rs`.
//!
//! The parts: `shingles.rs` (steps 1 and 2: a paragraph's words hashed, masked, shingled and
//! winnowed), `postings.rs` (the index: fingerprint → paragraphs), `verify.rs` (step 4) and
//! `finder.rs` ([`Finder`]: the index built, the pairs found, both kept up to date edit by edit).

mod finder;
mod postings;
mod shingles;
mod verify;

pub use finder::Finder;
use finder::Keep;
pub use shingles::fingerprints;

use super::diff::{overlap_words, Overlap};
use crate::model::{
    para_key, Corpus, Document, ParaRef, Paragraph, Quotations, QuotePair, Version,
};
use std::collections::BTreeMap;
use verify::accepts;

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Shingles per winnowing window: a shared run of 8 words always leaves a common fingerprint.
pub const WINDOW: usize = 4;
/// A fingerprint shared by more paragraphs than this is a formula, not a quotation.
pub const MAX_POSTING: usize = 48;
/// The least share of the shorter paragraph's words that must stand in runs it shares with the
/// other paragraph.
pub const MIN_COVERAGE: f32 = 0.5;
/// The least number of words the two must share in runs.
pub const MIN_SHARED_WORDS: usize = 8;
/// The least shared wording that is a quotation whatever the paragraphs' lengths.
pub const MIN_PASSAGE_WORDS: usize = 25;
/// Titles and aliases of at least this many words are masked; shorter ones ("Trafficking in
/// Human Beings") are common phrases too.
pub const MIN_TITLE_WORDS: usize = 6;

/// Every paragraph that repeats or adapts a paragraph of another document, with the diff.
pub fn find(corpus: &Corpus) -> Quotations {
    Finder::find_once(corpus)
}

/// A candidate pair (sharing a fingerprint) with its measured overlap, accepted or not: what
/// the thresholds are judged on.
#[derive(Debug, Clone)]
pub struct Measured {
    /// One paragraph.
    pub x: ParaRef,
    /// The other, of another document.
    pub y: ParaRef,
    /// What they share.
    pub overlap: Overlap,
    /// Whether the finder keeps the pair.
    pub accepted: bool,
}

/// Every candidate pair of the corpus with its figures, for tests and for tuning.
pub fn measure(corpus: &Corpus) -> Vec<Measured> {
    let (finder, candidates) = Finder::index(corpus, Keep::Candidates);
    let places = places(corpus);
    let place = |i: u32| places[i as usize];
    let words = finder.candidate_words(&candidates, &place);
    candidates
        .into_iter()
        .map(|(i, j)| {
            let overlap = overlap_words(&words[&i], &words[&j]);
            Measured {
                x: place(i).reference(),
                y: place(j).reference(),
                overlap,
                accepted: accepts(&overlap),
            }
        })
        .collect()
}

/// One paragraph of the corpus, where it is.
#[derive(Clone, Copy)]
struct Place<'a> {
    document: &'a Document,
    version: &'a Version,
    paragraph: &'a Paragraph,
}

impl Place<'_> {
    fn reference(&self) -> ParaRef {
        ParaRef {
            slug: self.document.slug.clone(),
            version: self.version.meta.id.clone(),
            anchor: self.paragraph.anchor.to_string(),
            citation: self.paragraph.citation.to_string(),
        }
    }
}

/// Every paragraph of the corpus in reading order (documents, versions, paragraphs): the order
/// [`Finder::index`] numbers them in.
fn places(corpus: &Corpus) -> Vec<Place<'_>> {
    let mut out = Vec::new();
    for document in &corpus.documents {
        for version in &document.versions {
            for paragraph in version.paragraphs() {
                out.push(Place {
                    document,
                    version,
                    paragraph,
                });
            }
        }
    }
    out
}

/// For each paragraph, its pairs, best first. Where the other document has several versions,
/// only the pairs with its best-matching version are listed (on a tie, its canonical version).
fn index<'c>(
    pairs: &[QuotePair],
    canonical: &dyn Fn(&str) -> Option<&'c str>,
) -> BTreeMap<String, Vec<usize>> {
    let mut sides: BTreeMap<String, Vec<(usize, &ParaRef)>> = BTreeMap::new();
    for (k, p) in pairs.iter().enumerate() {
        for (this, other) in [(&p.earlier, &p.later), (&p.later, &p.earlier)] {
            sides.entry(key_of(this)).or_default().push((k, other));
        }
    }
    sides
        .into_iter()
        .map(|(key, list)| (key, best_versions(list, pairs, canonical)))
        .collect()
}

fn best_versions<'c>(
    list: Vec<(usize, &ParaRef)>,
    pairs: &[QuotePair],
    canonical: &dyn Fn(&str) -> Option<&'c str>,
) -> Vec<usize> {
    let mut best: BTreeMap<&str, (f32, bool, &str)> = BTreeMap::new();
    for (k, other) in &list {
        let is_canonical = canonical(other.slug.as_str()) == Some(other.version.as_str());
        let rank = (pairs[*k].similarity, is_canonical, other.version.as_str());
        let slot = best.entry(other.slug.as_str()).or_insert(rank);
        if (rank.0, rank.1) > (slot.0, slot.1) {
            *slot = rank;
        }
    }
    let mut kept: Vec<usize> = list
        .iter()
        .filter(|(_, other)| best[other.slug.as_str()].2 == other.version)
        .map(|(k, _)| *k)
        .collect();
    kept.sort_by(|x, y| {
        pairs[*y]
            .similarity
            .total_cmp(&pairs[*x].similarity)
            .then(x.cmp(y))
    });
    kept
}

fn key_of(p: &ParaRef) -> String {
    para_key(&p.slug, &p.version, &p.anchor)
}

/// One hash a word of `s` (split at white space, not normalised): the words the tests of
/// `shingles.rs` and `verify.rs` feed the finder's parts.
#[cfg(test)]
fn test_words(s: &str) -> Vec<u64> {
    s.split_whitespace()
        .map(|w| xxhash_rust::xxh3::xxh3_64(w.as_bytes()))
        .collect()
}
