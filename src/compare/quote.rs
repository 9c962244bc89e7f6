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

use super::diff::{overlap_words, word_diff, Overlap, RUN};
use super::tokens::{normal_words_of, tokens};

use crate::model::{
    para_key, Corpus, Document, Inline, ParaRef, Paragraph, Quotations, QuotePair, Version,
};
use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
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

/// Every paragraph that repeats or adapts a paragraph of another document, with the diff.
pub fn find(corpus: &Corpus) -> Quotations {
    let finder = Finder::new(corpus);
    let (candidates, formulas) = finder.candidates();
    let words = finder.candidate_words(&candidates, &formulas);
    let mut pairs: Vec<QuotePair> = candidates
        .par_iter()
        .filter_map(|&(i, j)| finder.verify(i, j, &words))
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
    pub overlap: Overlap,
    /// Whether the finder keeps the pair.
    pub accepted: bool,
}

/// Every candidate pair of the corpus with its figures, for tests and for tuning.
pub fn measure(corpus: &Corpus) -> Vec<Measured> {
    let finder = Finder::new(corpus);
    let (candidates, formulas) = finder.candidates();
    let words = finder.candidate_words(&candidates, &formulas);
    candidates
        .into_iter()
        .map(|(i, j)| {
            let overlap = overlap_words(&words[&i], &words[&j]);
            Measured {
                x: finder.entries[i as usize].reference(),
                y: finder.entries[j as usize].reference(),
                overlap,
                accepted: accepts(&overlap),
            }
        })
        .collect()
}

/// The thresholds.
fn accepts(o: &Overlap) -> bool {
    o.in_runs >= MIN_PASSAGE_WORDS
        || (o.in_runs >= MIN_SHARED_WORDS && o.coverage() >= MIN_COVERAGE)
}

/// One paragraph of the corpus, where it is.
struct Entry<'a> {
    doc: usize,
    document: &'a Document,
    version: &'a Version,
    paragraph: &'a Paragraph,
}

impl Entry<'_> {
    fn reference(&self) -> ParaRef {
        ParaRef {
            slug: self.document.slug.clone(),
            version: self.version.meta.id.clone(),
            anchor: self.paragraph.anchor.clone(),
            citation: self.paragraph.citation.clone(),
        }
    }
}

/// The corpus's paragraphs and the titles to mask in them.
struct Finder<'a> {
    entries: Vec<Entry<'a>>,
    titles: Titles,
}

impl<'a> Finder<'a> {
    fn new(corpus: &'a Corpus) -> Self {
        let mut entries = Vec::new();
        for (doc, document) in corpus.documents.iter().enumerate() {
            for version in &document.versions {
                for paragraph in version.paragraphs() {
                    entries.push(Entry {
                        doc,
                        document,
                        version,
                        paragraph,
                    });
                }
            }
        }
        Finder {
            entries,
            titles: Titles::new(corpus),
        }
    }

    /// The hashes of the normalised words of entry `i`, document titles masked. Hashes rather
    /// than strings: the finder reads every paragraph of the corpus.
    fn words(&self, i: usize) -> Vec<u64> {
        let e = &self.entries[i];
        let text = Inline::plain(&e.paragraph.content, &e.version.notes)
            .to_lowercase()
            .replace('’', "'");
        let words = word_slices(&text);
        let mut hashes: Vec<u64> = words.iter().map(|w| xxh3_64(w.as_bytes())).collect();
        self.titles.mask(&words, &mut hashes, i);
        hashes
    }

    /// Pairs of entries of different documents sharing a fingerprint that is not a formula, and
    /// the formulas (fingerprints of more than [`MAX_POSTING`] entries).
    fn candidates(&self) -> (Vec<(u32, u32)>, HashSet<u64>) {
        let mut prints: Vec<(u64, u32)> = (0..self.entries.len())
            .into_par_iter()
            .flat_map_iter(|i| {
                fingerprints(&self.words(i))
                    .into_iter()
                    .map(move |h| (h, i as u32))
            })
            .collect();
        prints.par_sort_unstable();
        let runs = || prints.chunk_by(|x, y| x.0 == y.0);
        let formulas = runs()
            .filter(|run| run.len() > MAX_POSTING)
            .map(|run| run[0].0)
            .collect();
        let mut pairs: Vec<(u32, u32)> = runs()
            .filter(|run| run.len() > 1 && run.len() <= MAX_POSTING)
            .flat_map(|run| {
                run.iter().enumerate().flat_map(move |(k, &(_, i))| {
                    run[k + 1..].iter().map(move |&(_, j)| (i.min(j), i.max(j)))
                })
            })
            .filter(|&(i, j)| self.entries[i as usize].doc != self.entries[j as usize].doc)
            .collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        (pairs, formulas)
    }

    /// The words of every entry of a candidate pair, titles and formulas masked, made once: a
    /// paragraph is in many pairs, and making its words is most of the cost of checking one.
    fn candidate_words(
        &self,
        candidates: &[(u32, u32)],
        formulas: &HashSet<u64>,
    ) -> HashMap<u32, Vec<u64>> {
        let mut ids: Vec<u32> = candidates.iter().flat_map(|&(i, j)| [i, j]).collect();
        ids.par_sort_unstable();
        ids.dedup();
        ids.into_par_iter()
            .map(|i| {
                (
                    i,
                    mask_formulas(self.words(i as usize), formulas, i as usize),
                )
            })
            .collect()
    }

    /// The pair, earlier document first, if it passes the thresholds. Pairs that cannot pass
    /// (too few words in shared runs even at best) are dropped before the diff.
    fn verify(&self, i: u32, j: u32, words: &HashMap<u32, Vec<u64>>) -> Option<QuotePair> {
        let (wi, wj) = (&words[&i], &words[&j]);
        if !accepts(&run_bound(wi, wj)) {
            return None;
        }
        let o = overlap_words(wi, wj);
        if !accepts(&o) {
            return None;
        }
        let (x, y) = (&self.entries[i as usize], &self.entries[j as usize]);
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
}

/// An overlap at least as large as that of `a` and `b` in every figure the thresholds read:
/// a word in a common run of [`RUN`] or more words lies in a run of `RUN` words of `a` that
/// `b` also has, so counting the words of `a` those runs cover bounds `in_runs` from above.
/// Linear, against the diff's quadratic worst case.
fn run_bound(a: &[u64], b: &[u64]) -> Overlap {
    let runs: HashSet<&[u64]> = b.windows(RUN).collect();
    let mut covered = vec![false; a.len()];
    for (start, w) in a.windows(RUN).enumerate() {
        if runs.contains(w) {
            covered[start..start + RUN].fill(true);
        }
    }
    let bound = covered.iter().filter(|&&c| c).count();
    Overlap {
        len_a: a.len(),
        len_b: b.len(),
        common: bound,
        in_runs: bound.min(b.len()),
    }
}

/// The words of a lower-cased reading text, as [`normal_words_of`] cuts them.
fn word_slices(text: &str) -> Vec<&str> {
    super::tokens::word_matches(text)
}

/// A word hash no other paragraph has, standing for the masked word `i` of paragraph `owner`.
fn masked(owner: usize, i: usize) -> u64 {
    let mut bytes = [0u8; 17];
    bytes[..8].copy_from_slice(&(owner as u64).to_le_bytes());
    bytes[8..16].copy_from_slice(&(i as u64).to_le_bytes());
    bytes[16] = 0xff;
    xxh3_64(&bytes)
}

/// Masks the words of every shingle that is a formula.
fn mask_formulas(mut words: Vec<u64>, formulas: &HashSet<u64>, owner: usize) -> Vec<u64> {
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
            .map(|t| normal_words_of(t))
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

    /// Replaces the hash of every word of a title mention by one no other paragraph has.
    fn mask(&self, words: &[&str], hashes: &mut [u64], owner: usize) {
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
fn shingles(words: &[u64]) -> Vec<u64> {
    let bytes: Vec<[u8; 8]> = words.iter().map(|h| h.to_le_bytes()).collect();
    bytes
        .windows(SHINGLE)
        .map(|w| xxh3_64(w.as_flattened()))
        .collect()
}

/// The winnowed fingerprints of a paragraph's words (given by their hashes), sorted and without
/// repeats.
pub fn fingerprints(words: &[u64]) -> Vec<u64> {
    let shingles = shingles(words);
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

    fn words(s: &str) -> Vec<u64> {
        s.split_whitespace()
            .map(|w| xxh3_64(w.as_bytes()))
            .collect()
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

    #[test]
    fn the_run_bound_is_never_below_the_words_in_common_runs() {
        let texts = [
            "the ministerial council decides to combat trafficking in human beings",
            "the council decides to combat trafficking and decides to combat it again",
            "trafficking in human beings the ministerial council decides",
            "an unrelated text of other words entirely",
            "decides to combat decides to combat decides to combat",
        ];
        for x in texts {
            for y in texts {
                let (a, b) = (words(x), words(y));
                let exact = overlap_words(&a, &b);
                let bound = run_bound(&a, &b);
                assert!(
                    bound.in_runs >= exact.in_runs,
                    "{x} / {y}: {bound:?} {exact:?}"
                );
            }
        }
        let same = words(texts[0]);
        assert_eq!(run_bound(&same, &same).in_runs, same.len());
        assert_eq!(run_bound(&same, &words(texts[3])).in_runs, 0);
    }
}
