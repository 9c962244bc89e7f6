//! A paragraph's fingerprints: its words hashed, the titles of the corpus's documents and the
//! formulas masked, cut into shingles and winnowed (steps 1 and 2 of the finder, see
//! [`super`]). Everything here is a function of the paragraph alone, so the full build and the
//! updates of [`super::Finder`] compute the same hashes.

use super::postings::IdHash;
use super::{Place, MIN_TITLE_WORDS, SHINGLE, WINDOW};
use crate::compare::tokens::normal_words_of;
use crate::model::{Document, Inline};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashSet;
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

/// The id a paragraph's masked words are hashed with: a hash of `slug/version#anchor`, the same
/// wherever the paragraph stands in the corpus.
pub(super) fn owner_of(slug: &str, version: &str, anchor: &str) -> u64 {
    let mut h = Xxh3::new();
    h.update(slug.as_bytes());
    h.update(b"/");
    h.update(version.as_bytes());
    h.update(b"#");
    h.update(anchor.as_bytes());
    h.digest()
}

/// The hashes of the normalised words of a paragraph, document titles masked. Hashes rather
/// than strings: the finder reads every paragraph of the corpus.
pub(super) fn words(titles: &Titles, place: Place<'_>, owner: u64) -> Vec<u64> {
    let text = Inline::plain(&place.paragraph.content, &place.version.notes)
        .to_lowercase()
        .replace('’', "'");
    let words = word_slices(&text);
    let mut hashes: Vec<u64> = words.iter().map(|w| xxh3_64(w.as_bytes())).collect();
    titles.mask(&words, &mut hashes, owner);
    hashes
}

/// The words of a lower-cased reading text, as [`normal_words_of`] cuts them.
fn word_slices(text: &str) -> Vec<&str> {
    crate::compare::tokens::word_matches(text)
}

/// A word hash no other paragraph has, standing for the masked word `i` of the paragraph whose
/// id is `owner` ([`owner_of`]).
fn masked(owner: u64, i: usize) -> u64 {
    let mut bytes = [0u8; 17];
    bytes[..8].copy_from_slice(&owner.to_le_bytes());
    bytes[8..16].copy_from_slice(&(i as u64).to_le_bytes());
    bytes[16] = 0xff;
    xxh3_64(&bytes)
}

/// Masks the words of every shingle that is a formula.
pub(super) fn mask_formulas(
    mut words: Vec<u64>,
    formulas: &HashSet<u64, IdHash>,
    owner: u64,
) -> Vec<u64> {
    if formulas.is_empty() {
        return words;
    }
    let formula_starts: Vec<usize> = shingles(&words)
        .iter()
        .enumerate()
        .filter(|(_, h)| formulas.contains(h))
        .map(|(i, _)| i)
        .collect();
    for start in formula_starts {
        for (k, word) in words.iter_mut().enumerate().skip(start).take(SHINGLE) {
            *word = masked(owner, k);
        }
    }
    words
}

/// A document's title and long aliases as the finder masks them: normalised words joined by
/// spaces, at least [`MIN_TITLE_WORDS`] of them.
pub(super) fn title_patterns(doc: &Document) -> Vec<String> {
    std::iter::once(&doc.meta.title)
        .chain(&doc.meta.aliases)
        .map(|t| normal_words_of(t))
        .filter(|w| w.len() >= MIN_TITLE_WORDS)
        .map(|w| w.join(" "))
        .collect()
}

/// The titles and long aliases of the corpus's documents, as normalised word sequences.
pub(super) struct Titles {
    matcher: Option<AhoCorasick>,
}

impl Titles {
    /// The matcher of `patterns` (sorted, each once).
    pub(super) fn new<'a>(patterns: impl Iterator<Item = &'a String>) -> Self {
        let patterns: Vec<&String> = patterns.collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()
            .filter(|_| !patterns.is_empty());
        Titles { matcher }
    }

    /// Replaces the hash of every word of a title mention by one no other paragraph has.
    fn mask(&self, words: &[&str], hashes: &mut [u64], owner: u64) {
        let Some(matcher) = &self.matcher else {
            return;
        };
        let text = words.join(" ");
        let mut starts = Vec::with_capacity(words.len());
        let mut at = 0;
        for w in words {
            starts.push(at);
            at += w.len() + 1;
        }
        let bytes = text.as_bytes();
        for m in matcher.find_iter(&text) {
            let bounded = (m.start() == 0 || bytes[m.start() - 1] == b' ')
                && (m.end() == text.len() || bytes[m.end()] == b' ');
            if !bounded {
                continue;
            }
            let first = starts.partition_point(|&s| s < m.start());
            let last = starts.partition_point(|&s| s < m.end());
            for (k, hash) in hashes.iter_mut().enumerate().take(last).skip(first) {
                *hash = masked(owner, k);
            }
        }
    }
}

/// The hash of every `SHINGLE` consecutive words (given by their hashes).
pub(super) fn shingles(words: &[u64]) -> Vec<u64> {
    let bytes: Vec<[u8; 8]> = words.iter().map(|h| h.to_le_bytes()).collect();
    bytes
        .windows(SHINGLE)
        .map(|w| xxh3_64(w.as_flattened()))
        .collect()
}

/// The winnowed fingerprints of a paragraph's words (given by their hashes), sorted and without
/// repeats.
pub fn fingerprints(words: &[u64]) -> Vec<u64> {
    winnow(&shingles(words))
}

/// The smallest of every [`WINDOW`] consecutive shingles, sorted and without repeats.
pub(super) fn winnow(shingles: &[u64]) -> Vec<u64> {
    if shingles.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<u64> = shingles
        .windows(WINDOW.min(shingles.len()))
        .map(|w| *w.iter().min().expect("a window is never empty"))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::quote::test_words as words;

    #[test]
    fn a_shared_run_of_eight_words_always_leaves_a_common_fingerprint() {
        let shared = "to combat trafficking in human beings throughout the region";
        let a = words(&format!("the council decides {shared} and more words here"));
        let b = words(&format!("quite another opening that leads {shared} today"));
        let (fa, fb) = (fingerprints(&a), fingerprints(&b));
        assert!(fa.iter().any(|h| fb.contains(h)), "{fa:?} {fb:?}");
        assert!(fingerprints(&words("too short")).is_empty());
    }
}
