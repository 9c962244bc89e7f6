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

//! ## Kept up to date
//!
//! [`Finder`] keeps what the finder needs to stay exact edit by edit (for `acquis serve`, through
//! [`super::Comparer`]): each paragraph's shingles, the postings (fingerprint → the paragraphs
//! holding it), the formulas, and the verified pairs with the paragraphs they join. After an
//! edit, [`Finder::update`] takes the changed documents' paragraphs out of the postings and puts
//! their new ones in; the paragraphs to check again (*affected*) are the changed documents' own
//! and, when a fingerprint crossed [`MAX_POSTING`] (became a formula or stopped being one), every
//! paragraph with a shingle of that hash: masking reads every shingle of a paragraph, not only its
//! fingerprints. Pairs involving an affected paragraph are dropped and found again from the
//! postings; a pair of two unaffected paragraphs cannot change (its words, masks and candidacy
//! are the same). Everything is a function of the paragraphs themselves: a masked word's hash
//! depends on a stable id of its paragraph (`slug/version#anchor`), never on its place in the
//! corpus, so the full build ([`find`], [`Finder::new`]) and the updates compute the same
//! fingerprints and pairs.

use super::diff::{overlap_words, word_diff, Overlap, RUN};
use super::tokens::{normal_words_of, tokens};

use crate::model::{
    para_key, Corpus, Document, Inline, ParaRef, Paragraph, Quotations, QuotePair, Version,
};
use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

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
    Finder::new(corpus).1
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
    let (finder, candidates) = Finder::index(corpus);
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

/// The thresholds.
fn accepts(o: &Overlap) -> bool {
    o.in_runs >= MIN_PASSAGE_WORDS
        || (o.in_runs >= MIN_SHARED_WORDS && o.coverage() >= MIN_COVERAGE)
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
            anchor: self.paragraph.anchor.clone(),
            citation: self.paragraph.citation.clone(),
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

/// What the finder keeps of one paragraph.
struct Entry {
    /// Its document's slot in [`Finder::docs`].
    doc: u32,
    /// Its version's index in the document's versions.
    version: u32,
    /// Its index among the version's paragraphs.
    paragraph: u32,
    /// The stable id its masked words are hashed with (see [`owner_of`]).
    owner: u64,
    /// The hashes of its shingles, titles masked: its fingerprints are winnowed from them, and
    /// a formula masks the words of any of them.
    shingles: Box<[u64]>,
}

/// What the finder keeps of one document.
struct Doc {
    slug: String,
    /// Its index in the corpus last seen.
    position: usize,
    /// `meta.canonical`, which ranks the pairs of paragraphs that quote it.
    canonical: Option<String>,
    /// Its title and long aliases as masked (see [`title_patterns`]).
    titles: Vec<String>,
    /// Its paragraphs' entries.
    entries: Vec<u32>,
}

/// A verified pair: the entries of its earlier and later paragraphs, and their places in their
/// documents (which order pairs with the same references, in a corpus that repeats an anchor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    earlier: u32,
    later: u32,
    tie: [u32; 4],
}

/// The quotation finder's index of the corpus, kept up to date by [`Finder::update`] (see the
/// module's documentation).
pub struct Finder {
    titles: Titles,
    /// Each masked title or alias with the number of documents' titles and aliases that give it.
    title_uses: BTreeMap<String, usize>,
    docs: Vec<Option<Doc>>,
    free_docs: Vec<u32>,
    by_slug: HashMap<String, u32>,
    entries: Vec<Option<Entry>>,
    free_entries: Vec<u32>,
    postings: Postings,
    /// The fingerprints held by more than [`MAX_POSTING`] entries.
    formulas: HashSet<u64, IdHash>,
    /// For each pair of the [`Quotations`] kept beside the finder, in their order, its entries.
    found: Vec<Found>,
}

impl Finder {
    /// Finds every quotation of the corpus (what [`find`] returns) and keeps the index.
    pub fn new(corpus: &Corpus) -> (Finder, Quotations) {
        let (mut finder, candidates) = Finder::index(corpus);
        let places = places(corpus);
        let found = finder.verify_all(&candidates, &|i| places[i as usize]);
        let (pairs, found): (Vec<QuotePair>, Vec<Found>) = found.into_iter().unzip();
        finder.found = found;
        let canonical: BTreeMap<&str, &str> = corpus
            .documents
            .iter()
            .filter_map(|d| Some((d.slug.as_str(), d.meta.canonical.as_deref()?)))
            .collect();
        let by_paragraph = index(&pairs, &|slug| canonical.get(slug).copied());
        (
            finder,
            Quotations {
                pairs,
                by_paragraph,
            },
        )
    }

    /// The index of the corpus, entries numbered in reading order ([`places`]), and the
    /// candidate pairs: entries of different documents sharing a fingerprint that is not a
    /// formula.
    fn index(corpus: &Corpus) -> (Finder, Vec<(u32, u32)>) {
        let doc_titles: Vec<Vec<String>> = corpus.documents.iter().map(title_patterns).collect();
        let mut title_uses: BTreeMap<String, usize> = BTreeMap::new();
        for t in doc_titles.iter().flatten() {
            *title_uses.entry(t.clone()).or_default() += 1;
        }
        let titles = Titles::new(title_uses.keys());
        let per_doc: Vec<Vec<Entry>> = corpus
            .documents
            .par_iter()
            .enumerate()
            .map(|(d, doc)| entries_of(doc, d as u32, &titles))
            .collect();
        let mut entries = Vec::new();
        let mut docs = Vec::new();
        let mut by_slug = HashMap::new();
        for (position, ((doc, doc_entries), titles)) in corpus
            .documents
            .iter()
            .zip(per_doc)
            .zip(doc_titles)
            .enumerate()
        {
            let first = entries.len() as u32;
            entries.extend(doc_entries.into_iter().map(Some));
            by_slug.insert(doc.slug.clone(), position as u32);
            docs.push(Some(Doc {
                slug: doc.slug.clone(),
                position,
                canonical: doc.meta.canonical.clone(),
                titles,
                entries: (first..entries.len() as u32).collect(),
            }));
        }
        assert!(entries.len() < MANY as usize, "too many paragraphs");
        let mut prints: Vec<(u64, u32)> = entries
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, e)| {
                let e = e.as_ref().expect("every entry is new");
                winnow(&e.shingles).into_iter().map(move |h| (h, i as u32))
            })
            .collect();
        prints.par_sort_unstable();
        let mut finder = Finder {
            titles,
            title_uses,
            docs,
            free_docs: Vec::new(),
            by_slug,
            entries,
            free_entries: Vec::new(),
            postings: Postings::default(),
            formulas: HashSet::default(),
            found: Vec::new(),
        };
        let runs = || prints.chunk_by(|x, y| x.0 == y.0);
        finder.postings.map.reserve(runs().count());
        let mut candidates = Vec::new();
        for run in runs() {
            let h = run[0].0;
            finder.postings.insert_run(h, run.iter().map(|&(_, i)| i));
            if run.len() > MAX_POSTING {
                finder.formulas.insert(h);
            } else {
                for (k, &(_, i)) in run.iter().enumerate() {
                    for &(_, j) in &run[k + 1..] {
                        if finder.entry(i).doc != finder.entry(j).doc {
                            candidates.push(finder.ordered(i, j));
                        }
                    }
                }
            }
        }
        candidates.par_sort_unstable();
        candidates.dedup();
        (finder, candidates)
    }

    /// Brings the index and `quotations` (what it found last) up to date after the documents
    /// whose slugs are in `changed` were edited, added or removed; `corpus` is the new corpus,
    /// its documents in slug order, each slug once (and so was the corpus last seen), and every
    /// document not in `changed` reads as it did. Returns the slugs of the documents whose
    /// quotations may have changed: the sides of every pair that appeared, went or changed, and
    /// the paragraphs whose list of pairs changed (the documents in `changed` are not always
    /// among them).
    ///
    /// Which words are masked as titles depends on every document's title and aliases: when an
    /// edit changes the set of masked titles (a title or long alias written, changed or gone),
    /// everything is found again, as [`Finder::new`] does.
    pub fn update(
        &mut self,
        corpus: &Corpus,
        changed: &BTreeSet<String>,
        quotations: &mut Quotations,
    ) -> BTreeSet<String> {
        debug_assert!(
            corpus.documents.windows(2).all(|w| w[0].slug < w[1].slug),
            "the documents in slug order, each slug once"
        );
        let position = |slug: &str| {
            corpus
                .documents
                .binary_search_by(|d| d.slug.as_str().cmp(slug))
                .ok()
        };
        let fresh: Vec<(&String, Option<usize>)> =
            changed.iter().map(|s| (s, position(s))).collect();
        if self.titles_change(corpus, &fresh) {
            return self.rebuild(corpus, quotations);
        }
        // Counts before the update of every fingerprint it touches.
        let mut before: HashMap<u64, usize, IdHash> = HashMap::default();
        let mut gone = Vec::new();
        let mut old_canonical: HashMap<&str, Option<String>> = HashMap::new();
        let mut moved = false;
        for &(slug, at) in &fresh {
            let Some(id) = self.by_slug.remove(slug) else {
                moved |= at.is_some();
                continue;
            };
            moved |= at.is_none();
            let doc = self.docs[id as usize].take().expect("a live document");
            self.free_docs.push(id);
            for t in &doc.titles {
                uncount(&mut self.title_uses, t);
            }
            for &e in &doc.entries {
                let entry = self.entries[e as usize].take().expect("a live entry");
                for h in winnow(&entry.shingles) {
                    before.entry(h).or_insert_with(|| self.postings.count(h));
                    self.postings.remove(h, e);
                }
                gone.push(e);
                self.free_entries.push(e);
            }
            old_canonical.insert(slug.as_str(), doc.canonical);
        }
        let titles = &self.titles;
        let added: Vec<(usize, Vec<Entry>)> = fresh
            .par_iter()
            .filter_map(|&(_, at)| at)
            .map(|at| (at, entries_of(&corpus.documents[at], u32::MAX, titles)))
            .collect();
        let mut affected = Vec::new();
        let mut canonical_changed: Vec<&str> = Vec::new();
        for (at, doc_entries) in added {
            let document = &corpus.documents[at];
            let id = match self.free_docs.pop() {
                Some(id) => id,
                None => {
                    self.docs.push(None);
                    (self.docs.len() - 1) as u32
                }
            };
            let mut ids = Vec::with_capacity(doc_entries.len());
            for mut entry in doc_entries {
                entry.doc = id;
                let prints = winnow(&entry.shingles);
                let e = self.allocate(entry);
                for h in prints {
                    before.entry(h).or_insert_with(|| self.postings.count(h));
                    self.postings.add(h, e);
                }
                ids.push(e);
                affected.push(e);
            }
            let titles = title_patterns(document);
            for t in &titles {
                *self.title_uses.entry(t.clone()).or_default() += 1;
            }
            if let Some(old) = old_canonical.get(document.slug.as_str()) {
                if *old != document.meta.canonical {
                    canonical_changed.push(&document.slug);
                }
            }
            self.by_slug.insert(document.slug.clone(), id);
            self.docs[id as usize] = Some(Doc {
                slug: document.slug.clone(),
                position: at,
                canonical: document.meta.canonical.clone(),
                titles,
                entries: ids,
            });
        }
        if moved {
            for (at, document) in corpus.documents.iter().enumerate() {
                if let Some(&id) = self.by_slug.get(&document.slug) {
                    self.doc_mut(id).position = at;
                }
            }
        }
        let flipped: HashSet<u64, IdHash> = before
            .into_iter()
            .filter(|&(h, count)| (count > MAX_POSTING) != (self.postings.count(h) > MAX_POSTING))
            .map(|(h, _)| h)
            .collect();
        for &h in &flipped {
            if self.postings.count(h) > MAX_POSTING {
                self.formulas.insert(h);
            } else {
                self.formulas.remove(&h);
            }
        }
        let mut hit = vec![false; self.entries.len()];
        for &e in gone.iter().chain(&affected) {
            hit[e as usize] = true;
        }
        if !flipped.is_empty() {
            let masked_anew: Vec<u32> = self
                .entries
                .par_iter()
                .enumerate()
                .filter_map(|(i, e)| {
                    let e = e.as_ref()?;
                    (!hit[i] && e.shingles.iter().any(|s| flipped.contains(s))).then_some(i as u32)
                })
                .collect();
            for e in masked_anew {
                hit[e as usize] = true;
                affected.push(e);
            }
        }
        let mut candidates = Vec::new();
        for &e in &affected {
            let entry = self.entry(e);
            for h in winnow(&entry.shingles) {
                let holders = self.postings.holders(h);
                if holders.len() < 2 || holders.len() > MAX_POSTING {
                    continue;
                }
                for &f in holders {
                    if self.entry(f).doc != entry.doc {
                        candidates.push(self.ordered(e, f));
                    }
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut places: HashMap<u32, Place<'_>, IdHash> = HashMap::default();
        for &(i, j) in &candidates {
            for e in [i, j] {
                places.entry(e).or_insert_with(|| self.place(corpus, e));
            }
        }
        let found = self.verify_all(&candidates, &|i| places[&i]);
        let canonical = |slug: &str| {
            position(slug).and_then(|at| corpus.documents[at].meta.canonical.as_deref())
        };
        self.merge(quotations, &hit, found, &canonical_changed, &canonical)
    }

    /// Whether the edit of the documents `fresh` (slug, index in the new corpus) changes the
    /// set of titles masked in every paragraph.
    fn titles_change(&self, corpus: &Corpus, fresh: &[(&String, Option<usize>)]) -> bool {
        let mut delta: BTreeMap<String, isize> = BTreeMap::new();
        for &(slug, at) in fresh {
            if let Some(&id) = self.by_slug.get(slug) {
                for t in &self.doc(id).titles {
                    *delta.entry(t.clone()).or_default() -= 1;
                }
            }
            if let Some(at) = at {
                for t in title_patterns(&corpus.documents[at]) {
                    *delta.entry(t).or_default() += 1;
                }
            }
        }
        delta.iter().any(|(t, &d)| {
            let uses = self.title_uses.get(t).copied().unwrap_or(0) as isize;
            d != 0 && (uses == 0 || uses + d == 0)
        })
    }

    /// Finds everything again (after the masked titles changed) and says what changed.
    fn rebuild(&mut self, corpus: &Corpus, quotations: &mut Quotations) -> BTreeSet<String> {
        let (fresh, found) = Finder::new(corpus);
        let touched = differences(quotations, &found);
        *self = fresh;
        *quotations = found;
        touched
    }

    /// Replaces in `quotations` the pairs of every `hit` entry by `added` (the pairs of the
    /// affected entries, sorted), keeps the rest in order, brings `by_paragraph` up to date and
    /// returns the slugs of the documents whose quotations changed.
    fn merge<'c>(
        &mut self,
        quotations: &mut Quotations,
        hit: &[bool],
        added: Vec<(QuotePair, Found)>,
        canonical_changed: &[&str],
        canonical: &dyn Fn(&str) -> Option<&'c str>,
    ) -> BTreeSet<String> {
        let mut touched = BTreeSet::new();
        let is_hit = |f: &Found| hit[f.earlier as usize] || hit[f.later as usize];
        if added.is_empty() && canonical_changed.is_empty() && !self.found.iter().any(is_hit) {
            return touched;
        }
        let old_pairs = std::mem::take(&mut quotations.pairs);
        let old_found = std::mem::take(&mut self.found);
        let old_count = old_pairs.len();
        // Where each old pair went (`None`: dropped and not found again as it was).
        let mut moved_to: Vec<Option<usize>> = vec![None; old_count];
        let mut kept: Vec<(QuotePair, Found, usize)> = Vec::with_capacity(old_count);
        let mut dropped: Vec<(QuotePair, Found, usize)> = Vec::new();
        for (k, (p, f)) in old_pairs.into_iter().zip(old_found).enumerate() {
            if is_hit(&f) {
                dropped.push((p, f, k));
            } else {
                kept.push((p, f, k));
            }
        }
        let at: Vec<usize> = added
            .iter()
            .map(|(p, f)| kept.partition_point(|(q, g, _)| order((q, g), (p, f)) == Ordering::Less))
            .collect();
        let mut pairs = Vec::with_capacity(kept.len() + added.len());
        let mut found = Vec::with_capacity(kept.len() + added.len());
        let mut added_at = Vec::with_capacity(added.len());
        let mut kept = kept.into_iter().enumerate().peekable();
        for ((p, f), at) in added.into_iter().zip(at) {
            while let Some((_, (q, g, k))) = kept.next_if(|(n, _)| *n < at) {
                moved_to[k] = Some(pairs.len());
                pairs.push(q);
                found.push(g);
            }
            added_at.push(pairs.len());
            pairs.push(p);
            found.push(f);
        }
        for (_, (q, g, k)) in kept {
            moved_to[k] = Some(pairs.len());
            pairs.push(q);
            found.push(g);
        }
        // The paragraphs whose lists of pairs must be made again: both sides of every pair that
        // went, came or changed, and the partners of a document whose canonical version changed.
        let mut redo: BTreeMap<String, String> = BTreeMap::new();
        fn redo_sides(p: &QuotePair, redo: &mut BTreeMap<String, String>) {
            for side in [&p.earlier, &p.later] {
                redo.insert(key_of(side), side.slug.clone());
            }
        }
        let (mut d, mut a) = (0, 0);
        while d < dropped.len() || a < added_at.len() {
            let old = dropped.get(d);
            let new = added_at.get(a).map(|&n| (&pairs[n], &found[n]));
            let same_refs = match (old, new) {
                (Some((p, _, _)), Some((q, _))) => {
                    (&p.earlier, &p.later).cmp(&(&q.earlier, &q.later))
                }
                (Some(_), None) => Ordering::Less,
                (None, _) => Ordering::Greater,
            };
            match same_refs {
                Ordering::Less => {
                    let (p, _, _) = &dropped[d];
                    touched.extend([p.earlier.slug.clone(), p.later.slug.clone()]);
                    redo_sides(p, &mut redo);
                    d += 1;
                }
                Ordering::Greater => {
                    let (q, _) = new.expect("an added pair");
                    touched.extend([q.earlier.slug.clone(), q.later.slug.clone()]);
                    redo_sides(q, &mut redo);
                    a += 1;
                }
                Ordering::Equal => {
                    let (p, f, k) = &dropped[d];
                    let (q, g) = new.expect("an added pair");
                    if p != q {
                        touched.extend([p.earlier.slug.clone(), p.later.slug.clone()]);
                    }
                    if p == q && f.tie == g.tie {
                        moved_to[*k] = Some(added_at[a]);
                    } else {
                        redo_sides(p, &mut redo);
                    }
                    d += 1;
                    a += 1;
                }
            }
        }
        if !canonical_changed.is_empty() {
            for p in &pairs {
                for (this, other) in [(&p.earlier, &p.later), (&p.later, &p.earlier)] {
                    if canonical_changed.contains(&other.slug.as_str()) {
                        redo.insert(key_of(this), this.slug.clone());
                    }
                }
            }
        }
        // Their pairs, in the new order.
        let mut lists: BTreeMap<&str, Vec<(usize, &ParaRef)>> = BTreeMap::new();
        let mut redo_docs = vec![false; self.docs.len()];
        for slug in redo.values() {
            if let Some(&id) = self.by_slug.get(slug) {
                redo_docs[id as usize] = true;
            }
        }
        for (k, (p, f)) in pairs.iter().zip(&found).enumerate() {
            for (this, other, e) in [
                (&p.earlier, &p.later, f.earlier),
                (&p.later, &p.earlier, f.later),
            ] {
                if redo_docs[self.entry(e).doc as usize] {
                    if let Some((key, _)) = redo.get_key_value(&key_of(this)) {
                        lists.entry(key.as_str()).or_default().push((k, other));
                    }
                }
            }
        }
        let dropped_at: HashMap<usize, &QuotePair> =
            dropped.iter().map(|(p, _, k)| (*k, p)).collect();
        let old_pair = |k: usize| match moved_to[k] {
            Some(n) => &pairs[n],
            None => dropped_at[&k],
        };
        let by_paragraph = &mut quotations.by_paragraph;
        for (key, slug) in &redo {
            let list = best_versions(
                lists.remove(key.as_str()).unwrap_or_default(),
                &pairs,
                canonical,
            );
            let before: Vec<&QuotePair> = by_paragraph
                .get(key)
                .into_iter()
                .flatten()
                .map(|&k| old_pair(k))
                .collect();
            let after: Vec<&QuotePair> = list.iter().map(|&k| &pairs[k]).collect();
            if before != after {
                touched.insert(slug.clone());
            }
            if list.is_empty() {
                by_paragraph.remove(key);
            } else {
                by_paragraph.insert(key.clone(), list);
            }
        }
        let unchanged = moved_to.iter().enumerate().all(|(k, n)| *n == Some(k));
        if !unchanged {
            for (key, list) in by_paragraph.iter_mut() {
                if redo.contains_key(key) {
                    continue;
                }
                for k in list.iter_mut() {
                    *k = moved_to[*k]
                        .expect("a pair of an unaffected paragraph is kept or found again");
                }
            }
        }
        quotations.pairs = pairs;
        self.found = found;
        touched
    }

    /// The entries of a candidate pair, the one of the document first in slug order first:
    /// the order pairs are verified in.
    fn ordered(&self, i: u32, j: u32) -> (u32, u32) {
        let slug = |e: u32| self.doc(self.entry(e).doc).slug.as_str();
        if (slug(i), i) <= (slug(j), j) {
            (i, j)
        } else {
            (j, i)
        }
    }

    /// The words of every entry of a candidate pair, titles and formulas masked, made once: a
    /// paragraph is in many pairs, and making its words is most of the cost of checking one.
    fn candidate_words<'a>(
        &self,
        candidates: &[(u32, u32)],
        place: &(dyn Fn(u32) -> Place<'a> + Sync),
    ) -> HashMap<u32, Vec<u64>> {
        let mut ids: Vec<u32> = candidates.iter().flat_map(|&(i, j)| [i, j]).collect();
        ids.par_sort_unstable();
        ids.dedup();
        ids.into_par_iter()
            .map(|i| {
                let owner = self.entry(i).owner;
                let words = words(&self.titles, place(i), owner);
                (i, mask_formulas(words, &self.formulas, owner))
            })
            .collect()
    }

    /// The candidates that pass the thresholds, as pairs, sorted.
    fn verify_all<'a>(
        &self,
        candidates: &[(u32, u32)],
        place: &(dyn Fn(u32) -> Place<'a> + Sync),
    ) -> Vec<(QuotePair, Found)> {
        let words = self.candidate_words(candidates, place);
        let mut found: Vec<(QuotePair, Found)> = candidates
            .par_iter()
            .filter_map(|&(i, j)| {
                let (pair, x_first) = verify(place(i), place(j), &words[&i], &words[&j])?;
                let (earlier, later) = if x_first { (i, j) } else { (j, i) };
                let (e, l) = (self.entry(earlier), self.entry(later));
                let tie = [e.version, e.paragraph, l.version, l.paragraph];
                Some((
                    pair,
                    Found {
                        earlier,
                        later,
                        tie,
                    },
                ))
            })
            .collect();
        found.par_sort_by(|x, y| order((&x.0, &x.1), (&y.0, &y.1)));
        found
    }

    /// Where entry `e` is in `corpus`.
    fn place<'a>(&self, corpus: &'a Corpus, e: u32) -> Place<'a> {
        let entry = self.entry(e);
        let document = &corpus.documents[self.doc(entry.doc).position];
        let version = &document.versions[entry.version as usize];
        let paragraph = version.paragraphs()[entry.paragraph as usize];
        Place {
            document,
            version,
            paragraph,
        }
    }

    fn allocate(&mut self, entry: Entry) -> u32 {
        match self.free_entries.pop() {
            Some(e) => {
                self.entries[e as usize] = Some(entry);
                e
            }
            None => {
                self.entries.push(Some(entry));
                assert!(self.entries.len() < MANY as usize, "too many paragraphs");
                (self.entries.len() - 1) as u32
            }
        }
    }

    fn entry(&self, e: u32) -> &Entry {
        self.entries[e as usize].as_ref().expect("a live entry")
    }

    fn doc(&self, id: u32) -> &Doc {
        self.docs[id as usize].as_ref().expect("a live document")
    }

    fn doc_mut(&mut self, id: u32) -> &mut Doc {
        self.docs[id as usize].as_mut().expect("a live document")
    }

    /// The slugs of the documents indexed.
    pub fn slugs(&self) -> impl Iterator<Item = &str> {
        self.docs.iter().flatten().map(|d| d.slug.as_str())
    }
}

/// The order of [`Quotations::pairs`]: by the earlier paragraph, then the later one.
fn order(x: (&QuotePair, &Found), y: (&QuotePair, &Found)) -> Ordering {
    (&x.0.earlier, &x.0.later, x.1.tie).cmp(&(&y.0.earlier, &y.0.later, y.1.tie))
}

fn key_of(p: &ParaRef) -> String {
    para_key(&p.slug, &p.version, &p.anchor)
}

fn uncount(uses: &mut BTreeMap<String, usize>, title: &str) {
    if let Some(n) = uses.get_mut(title) {
        *n -= 1;
        if *n == 0 {
            uses.remove(title);
        }
    }
}

/// The slugs of the documents whose quotations differ between `old` and `new`: the sides of
/// pairs one has and the other lacks or has otherwise, and the paragraphs whose lists differ.
fn differences(old: &Quotations, new: &Quotations) -> BTreeSet<String> {
    let mut touched = BTreeSet::new();
    let (mut i, mut j) = (0, 0);
    while i < old.pairs.len() || j < new.pairs.len() {
        let step = match (old.pairs.get(i), new.pairs.get(j)) {
            (Some(p), Some(q)) => (&p.earlier, &p.later).cmp(&(&q.earlier, &q.later)),
            (Some(_), None) => Ordering::Less,
            (None, _) => Ordering::Greater,
        };
        let mut mark = |p: &QuotePair| {
            touched.insert(p.earlier.slug.clone());
            touched.insert(p.later.slug.clone());
        };
        match step {
            Ordering::Less => {
                mark(&old.pairs[i]);
                i += 1;
            }
            Ordering::Greater => {
                mark(&new.pairs[j]);
                j += 1;
            }
            Ordering::Equal => {
                if old.pairs[i] != new.pairs[j] {
                    mark(&old.pairs[i]);
                }
                i += 1;
                j += 1;
            }
        }
    }
    let keys: BTreeSet<&String> = old
        .by_paragraph
        .keys()
        .chain(new.by_paragraph.keys())
        .collect();
    for key in keys {
        let list = |q: &'_ Quotations| -> Vec<QuotePair> {
            q.by_paragraph
                .get(key)
                .into_iter()
                .flatten()
                .map(|&k| q.pairs[k].clone())
                .collect()
        };
        if list(old) != list(new) {
            touched.insert(key.split('/').next().unwrap_or_default().to_owned());
        }
    }
    touched
}

/// The entries of `doc`'s paragraphs (their document slot `doc`), in reading order.
fn entries_of(doc: &Document, id: u32, titles: &Titles) -> Vec<Entry> {
    let mut out = Vec::new();
    for (v, version) in doc.versions.iter().enumerate() {
        for (p, paragraph) in version.paragraphs().into_iter().enumerate() {
            let owner = owner_of(&doc.slug, &version.meta.id, &paragraph.anchor);
            let place = Place {
                document: doc,
                version,
                paragraph,
            };
            out.push(Entry {
                doc: id,
                version: v as u32,
                paragraph: p as u32,
                owner,
                shingles: shingles(&words(titles, place, owner)).into(),
            });
        }
    }
    out
}

/// The id a paragraph's masked words are hashed with: a hash of `slug/version#anchor`, the same
/// wherever the paragraph stands in the corpus.
fn owner_of(slug: &str, version: &str, anchor: &str) -> u64 {
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
fn words(titles: &Titles, place: Place<'_>, owner: u64) -> Vec<u64> {
    let text = Inline::plain(&place.paragraph.content, &place.version.notes)
        .to_lowercase()
        .replace('’', "'");
    let words = word_slices(&text);
    let mut hashes: Vec<u64> = words.iter().map(|w| xxh3_64(w.as_bytes())).collect();
    titles.mask(&words, &mut hashes, owner);
    hashes
}

/// The pair, earlier document first, if it passes the thresholds, and whether `x` is the
/// earlier. Pairs that cannot pass (too few words in shared runs even at best) are dropped
/// before the diff.
fn verify(x: Place<'_>, y: Place<'_>, wx: &[u64], wy: &[u64]) -> Option<(QuotePair, bool)> {
    if !accepts(&run_bound(wx, wy)) {
        return None;
    }
    let o = overlap_words(wx, wy);
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
    Some((
        QuotePair {
            earlier: earlier.reference(),
            later: later.reference(),
            similarity: o.similarity(),
            coverage: o.coverage(),
            diff,
        },
        x_first,
    ))
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
fn mask_formulas(mut words: Vec<u64>, formulas: &HashSet<u64, IdHash>, owner: u64) -> Vec<u64> {
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
fn title_patterns(doc: &Document) -> Vec<String> {
    std::iter::once(&doc.meta.title)
        .chain(&doc.meta.aliases)
        .map(|t| normal_words_of(t))
        .filter(|w| w.len() >= MIN_TITLE_WORDS)
        .map(|w| w.join(" "))
        .collect()
}

/// The titles and long aliases of the corpus's documents, as normalised word sequences.
struct Titles {
    matcher: Option<AhoCorasick>,
}

impl Titles {
    /// The matcher of `patterns` (sorted, each once).
    fn new<'a>(patterns: impl Iterator<Item = &'a String>) -> Self {
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
    winnow(&shingles(words))
}

/// The smallest of every [`WINDOW`] consecutive shingles, sorted and without repeats.
fn winnow(shingles: &[u64]) -> Vec<u64> {
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

/// A hasher for keys that are hashes already (fingerprints, entry ids).
#[derive(Default, Clone, Copy)]
struct Ident(u64);

impl Hasher for Ident {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64(bytes) ^ self.0.rotate_left(17);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type IdHash = BuildHasherDefault<Ident>;

/// Marks a [`Postings`] value that is an index into its lists, not an entry.
const MANY: u32 = 1 << 31;

/// Fingerprint → the entries holding it. Most fingerprints have one holder, kept in the map
/// itself; the others point to a list.
#[derive(Default)]
struct Postings {
    map: HashMap<u64, u32, IdHash>,
    lists: Vec<Vec<u32>>,
    free: Vec<u32>,
}

impl Postings {
    /// The entries holding `h`, in no particular order.
    fn holders(&self, h: u64) -> &[u32] {
        match self.map.get(&h) {
            None => &[],
            Some(&v) if v & MANY != 0 => &self.lists[(v & !MANY) as usize],
            Some(v) => std::slice::from_ref(v),
        }
    }

    fn count(&self, h: u64) -> usize {
        self.holders(h).len()
    }

    /// Sets the holders of `h`, which has none.
    fn insert_run(&mut self, h: u64, holders: impl ExactSizeIterator<Item = u32>) {
        let value = if holders.len() == 1 {
            holders.into_iter().next().expect("one holder")
        } else {
            self.list(holders.collect())
        };
        self.map.insert(h, value);
    }

    fn add(&mut self, h: u64, e: u32) {
        match self.map.get(&h).copied() {
            None => {
                self.map.insert(h, e);
            }
            Some(v) if v & MANY != 0 => self.lists[(v & !MANY) as usize].push(e),
            Some(one) => {
                let v = self.list(vec![one, e]);
                self.map.insert(h, v);
            }
        }
    }

    fn remove(&mut self, h: u64, e: u32) {
        match self.map.get(&h).copied() {
            None => {}
            Some(v) if v & MANY != 0 => {
                let at = (v & !MANY) as usize;
                let list = &mut self.lists[at];
                if let Some(k) = list.iter().position(|&x| x == e) {
                    list.swap_remove(k);
                }
                if list.len() == 1 {
                    let one = list[0];
                    self.lists[at] = Vec::new();
                    self.free.push(at as u32);
                    self.map.insert(h, one);
                }
            }
            Some(one) if one == e => {
                self.map.remove(&h);
            }
            Some(_) => {}
        }
    }

    fn list(&mut self, holders: Vec<u32>) -> u32 {
        let at = match self.free.pop() {
            Some(at) => {
                self.lists[at as usize] = holders;
                at
            }
            None => {
                self.lists.push(holders);
                (self.lists.len() - 1) as u32
            }
        };
        at | MANY
    }
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
