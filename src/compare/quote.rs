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
//!    ("participating States to"), not a quotation, and proposes nobody: the work stays linear
//!    in the size of the corpus.
//! 4. Each candidate pair is verified with a word diff of their words. Words count as shared
//!    wording when they stand in common runs of at least three (single common words such as
//!    "the" or "States" do not). The pair is kept when the shared wording covers
//!    [`MIN_COVERAGE`] of the shorter paragraph and numbers at least [`MIN_SHARED_WORDS`] (a
//!    close adaptation), or numbers at least [`MIN_PASSAGE_WORDS`] however long the paragraphs
//!    (a quotation inside a longer paragraph).
//!
//! The thresholds are justified by measured pairs of the real corpus in `tests/compare.rs`.

use super::diff::{overlap_words, word_diff};
use super::tokens::{normal_words, tokens};
use crate::model::{
    para_key, Corpus, Document, ParaRef, Paragraph, Quotations, QuotePair, Version,
};
use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use std::collections::BTreeMap;
use xxhash_rust::xxh3::xxh3_64;

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

/// One paragraph of the corpus, where it is.
struct Entry<'a> {
    id: usize,
    doc: usize,
    document: &'a Document,
    version: &'a Version,
    paragraph: &'a Paragraph,
}

impl Entry<'_> {
    /// The paragraph's normalised words, document titles masked.
    fn words(&self, titles: &Titles) -> Vec<String> {
        let words = normal_words(&tokens(&self.paragraph.content, &self.version.notes));
        titles.mask(words, self.id)
    }

    fn reference(&self) -> ParaRef {
        ParaRef {
            slug: self.document.slug.clone(),
            version: self.version.meta.id.clone(),
            anchor: self.paragraph.anchor.clone(),
            citation: self.paragraph.citation.clone(),
        }
    }
}

/// Every paragraph that repeats or adapts a paragraph of another document, with the diff.
pub fn find(corpus: &Corpus) -> Quotations {
    let titles = Titles::new(corpus);
    let entries = inventory(corpus);
    let candidates = candidates(&entries, &titles);
    let mut pairs: Vec<QuotePair> = candidates
        .par_iter()
        .filter_map(|&(i, j)| verify(&entries[i as usize], &entries[j as usize], &titles))
        .collect();
    pairs.sort_by(|x, y| (&x.earlier, &x.later).cmp(&(&y.earlier, &y.later)));
    let by_paragraph = index(&pairs, corpus);
    Quotations {
        pairs,
        by_paragraph,
    }
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
    pub overlap: super::diff::Overlap,
    /// Whether the finder keeps the pair.
    pub accepted: bool,
}

/// Every candidate pair of the corpus with its figures, for tests and for tuning.
pub fn measure(corpus: &Corpus) -> Vec<Measured> {
    let titles = Titles::new(corpus);
    let entries = inventory(corpus);
    candidates(&entries, &titles)
        .into_iter()
        .map(|(i, j)| {
            let (x, y) = (&entries[i as usize], &entries[j as usize]);
            let overlap = overlap_words(&x.words(&titles), &y.words(&titles));
            Measured {
                x: x.reference(),
                y: y.reference(),
                overlap,
                accepted: accepts(&overlap),
            }
        })
        .collect()
}

/// The thresholds.
fn accepts(o: &super::diff::Overlap) -> bool {
    o.in_runs >= MIN_PASSAGE_WORDS
        || (o.in_runs >= MIN_SHARED_WORDS && o.coverage() >= MIN_COVERAGE)
}

fn inventory(corpus: &Corpus) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    for (doc, document) in corpus.documents.iter().enumerate() {
        for version in &document.versions {
            for paragraph in version.paragraphs() {
                out.push(Entry {
                    id: out.len(),
                    doc,
                    document,
                    version,
                    paragraph,
                });
            }
        }
    }
    out
}

/// The titles and long aliases of the corpus's documents, as normalised word sequences.
struct Titles {
    matcher: Option<AhoCorasick>,
}

impl Titles {
    fn new(corpus: &Corpus) -> Self {
        let mut patterns: Vec<String> = corpus
            .documents
            .iter()
            .flat_map(|d| std::iter::once(&d.meta.title).chain(&d.meta.aliases))
            .map(|t| normal_words(&tokens(&[crate::model::Inline::Text(t.clone())], &[])))
            .filter(|w| w.len() >= MIN_TITLE_WORDS)
            .map(|w| w.join(" "))
            .collect();
        patterns.sort();
        patterns.dedup();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()
            .filter(|_| !patterns.is_empty());
        Titles { matcher }
    }

    /// Replaces every word of a title mention by a token no other paragraph has.
    fn mask(&self, mut words: Vec<String>, owner: usize) -> Vec<String> {
        let Some(matcher) = &self.matcher else {
            return words;
        };
        let text = words.join(" ");
        let mut starts = Vec::with_capacity(words.len());
        let mut at = 0;
        for w in &words {
            starts.push(at);
            at += w.len() + 1;
        }
        for m in matcher.find_iter(&text) {
            let bounded = (m.start() == 0 || text.as_bytes()[m.start() - 1] == b' ')
                && (m.end() == text.len() || text.as_bytes()[m.end()] == b' ');
            if !bounded {
                continue;
            }
            for (i, &s) in starts.iter().enumerate() {
                if s >= m.start() && s < m.end() {
                    words[i] = format!("\u{1}{owner}.{i}");
                }
            }
        }
        words
    }
}

/// The winnowed fingerprints of a paragraph's words, sorted and without repeats.
pub fn fingerprints(words: &[String]) -> Vec<u64> {
    if words.len() < SHINGLE {
        return Vec::new();
    }
    let shingles: Vec<u64> = words
        .windows(SHINGLE)
        .map(|w| xxh3_64(w.join(" ").as_bytes()))
        .collect();
    let mut out: Vec<u64> = shingles
        .windows(WINDOW.min(shingles.len()))
        .map(|w| *w.iter().min().expect("a window is never empty"))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Pairs of paragraphs of different documents sharing a fingerprint that is not a formula.
fn candidates(entries: &[Entry<'_>], titles: &Titles) -> Vec<(u32, u32)> {
    let mut prints: Vec<(u64, u32)> = entries
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, e)| {
            fingerprints(&e.words(titles))
                .into_iter()
                .map(move |h| (h, i as u32))
        })
        .collect();
    prints.par_sort_unstable();
    let mut pairs: Vec<(u32, u32)> = prints
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|run| run.len() > 1 && run.len() <= MAX_POSTING)
        .flat_map(|run| {
            run.iter().enumerate().flat_map(move |(k, &(_, i))| {
                run[k + 1..].iter().map(move |&(_, j)| (i.min(j), i.max(j)))
            })
        })
        .filter(|&(i, j)| entries[i as usize].doc != entries[j as usize].doc)
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// The pair, earlier document first, if it passes the thresholds.
fn verify(x: &Entry<'_>, y: &Entry<'_>, titles: &Titles) -> Option<QuotePair> {
    let o = overlap_words(&x.words(titles), &y.words(titles));
    if !accepts(&o) {
        return None;
    }
    let x_first =
        (x.document.meta.date, &x.document.slug) <= (y.document.meta.date, &y.document.slug);
    let (earlier, later) = if x_first { (x, y) } else { (y, x) };
    let diff = word_diff(
        &tokens(&earlier.paragraph.content, &earlier.version.notes),
        &tokens(&later.paragraph.content, &later.version.notes),
    );
    Some(QuotePair {
        earlier: earlier.reference(),
        later: later.reference(),
        similarity: o.similarity(),
        coverage: o.coverage(),
        diff,
    })
}

/// For each paragraph, its pairs, best first. Where the other document has several versions,
/// only the pairs with its best-matching version are listed (on a tie, its canonical version).
fn index(pairs: &[QuotePair], corpus: &Corpus) -> BTreeMap<String, Vec<usize>> {
    let canonical: BTreeMap<&str, &str> = corpus
        .documents
        .iter()
        .filter_map(|d| Some((d.slug.as_str(), d.meta.canonical.as_deref()?)))
        .collect();
    let mut sides: BTreeMap<String, Vec<(usize, &ParaRef)>> = BTreeMap::new();
    for (k, p) in pairs.iter().enumerate() {
        for (this, other) in [(&p.earlier, &p.later), (&p.later, &p.earlier)] {
            sides
                .entry(para_key(&this.slug, &this.version, &this.anchor))
                .or_default()
                .push((k, other));
        }
    }
    sides
        .into_iter()
        .map(|(key, list)| (key, best_versions(list, pairs, &canonical)))
        .collect()
}

fn best_versions(
    list: Vec<(usize, &ParaRef)>,
    pairs: &[QuotePair],
    canonical: &BTreeMap<&str, &str>,
) -> Vec<usize> {
    let mut best: BTreeMap<&str, (f32, bool, &str)> = BTreeMap::new();
    for (k, other) in &list {
        let is_canonical = canonical.get(other.slug.as_str()) == Some(&other.version.as_str());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

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
