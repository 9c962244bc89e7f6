//! The quotation finder's index of the corpus ([`Finder`]): built once by the full build, then
//! kept up to date edit by edit.
//!
//! ## Kept up to date
//!
//! [`Finder`] keeps what the finder needs to stay exact edit by edit (for `acquis serve`, through
//! [`crate::compare::Comparer`]): each paragraph's shingles, the postings (fingerprint → the
//! paragraphs holding it), the formulas, and the verified pairs with the paragraphs they join.
//! After an edit, [`Finder::update`] takes the changed documents' paragraphs out of the postings
//! and puts their new ones in; the paragraphs to check again (*affected*) are the changed
//! documents' own and, when a fingerprint crossed [`MAX_POSTING`] (became a formula or stopped
//! being one), every paragraph with a shingle of that hash: masking reads every shingle of a
//! paragraph, not only its fingerprints. Pairs involving an affected paragraph are dropped and
//! found again from the postings; a pair of two unaffected paragraphs cannot change (its words,
//! masks and candidacy are the same). Everything is a function of the paragraphs themselves: a
//! masked word's hash depends on a stable id of its paragraph (`slug/version#anchor`), never on its
//! place in the corpus, so the full build ([`super::find`], [`Finder::new`]) and the updates
//! compute the same fingerprints and pairs.

use super::postings::{IdHash, Postings, MANY};
use super::shingles::{mask_formulas, owner_of, shingles, title_patterns, winnow, words, Titles};
use super::verify::verify;
use super::{best_versions, index, key_of, places, Place, MAX_POSTING};
use crate::model::{Corpus, Document, ParaRef, Quotations, QuotePair};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
/// module documentation of `quote/finder.rs`).
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
    /// Finds every quotation of the corpus (what [`super::find`] returns) and keeps the index.
    pub fn new(corpus: &Corpus) -> (Finder, Quotations) {
        let (mut finder, candidates) = Finder::index(corpus, Keep::Index);
        let quotations = finder.found_in(corpus, &candidates);
        (finder, quotations)
    }

    /// Finds every quotation of the corpus without keeping what only updates need (each
    /// paragraph's shingles and the postings): what a full build does, which drops the finder
    /// once its pairs are found. The pairs are those of [`Finder::new`].
    pub(super) fn find_once(corpus: &Corpus) -> Quotations {
        let (mut finder, candidates) = Finder::index(corpus, Keep::Candidates);
        finder.found_in(corpus, &candidates)
    }

    /// Verifies `candidates` and keeps them as the pairs found ([`Finder::found`]).
    fn found_in(&mut self, corpus: &Corpus, candidates: &[(u32, u32)]) -> Quotations {
        let places = places(corpus);
        let found = self.verify_all(candidates, &|i| places[i as usize]);
        let (pairs, found): (Vec<QuotePair>, Vec<Found>) = found.into_iter().unzip();
        self.found = found;
        let canonical: BTreeMap<&str, &str> = corpus
            .documents
            .iter()
            .filter_map(|d| Some((d.slug.as_str(), d.meta.canonical.as_deref()?)))
            .collect();
        let by_paragraph = index(&pairs, &|slug| canonical.get(slug).copied());
        Quotations {
            pairs,
            by_paragraph,
        }
    }

    /// The index of the corpus, entries numbered in reading order ([`places`]), and the
    /// candidate pairs: entries of different documents sharing a fingerprint that is not a
    /// formula. With [`Keep::Candidates`] the finder cannot be updated.
    pub(super) fn index(corpus: &Corpus, keep: Keep) -> (Finder, Vec<(u32, u32)>) {
        let doc_titles: Vec<Vec<String>> = corpus.documents.iter().map(title_patterns).collect();
        let mut title_uses: BTreeMap<String, usize> = BTreeMap::new();
        for t in doc_titles.iter().flatten() {
            *title_uses.entry(t.clone()).or_default() += 1;
        }
        let titles = Titles::new(title_uses.keys());
        // Documents are indexed a chunk at a time, and each chunk's fingerprints are sorted on
        // their own and merged as they are read: one sorted copy of every fingerprint of the
        // corpus (more than a million at 10,000 documents) made from every document's own
        // lists held the fingerprints twice, the peak of a build while it compares.
        let paragraphs: usize = corpus
            .documents
            .iter()
            .flat_map(|d| &d.versions)
            .map(|v| v.paragraphs().len())
            .sum();
        let mut entries = Vec::with_capacity(paragraphs);
        let mut chunks: Vec<Vec<Print>> = Vec::new();
        let mut docs = Vec::new();
        let mut by_slug = HashMap::new();
        let mut doc_titles = doc_titles.into_iter();
        for (c, chunk) in corpus.documents.chunks(INDEX_CHUNK).enumerate() {
            let first_doc = c * INDEX_CHUNK;
            let per_doc: Vec<DocEntries> = chunk
                .par_iter()
                .enumerate()
                .map(|(d, doc)| entries_of(doc, (first_doc + d) as u32, &titles, keep))
                .collect();
            let mut prints: Vec<Print> =
                Vec::with_capacity(per_doc.iter().map(|d| d.prints.len()).sum());
            for (d, (doc, doc_entries)) in chunk.iter().zip(per_doc).enumerate() {
                let position = first_doc + d;
                let first = entries.len() as u32;
                let mut start = 0;
                for (k, end) in doc_entries.ends.iter().enumerate() {
                    let e = first + k as u32;
                    let end = *end as usize;
                    prints.extend(
                        doc_entries.prints[start..end]
                            .iter()
                            .map(|&hash| Print { hash, entry: e }),
                    );
                    start = end;
                }
                entries.extend(doc_entries.entries.into_iter().map(Some));
                by_slug.insert(doc.slug.clone(), position as u32);
                docs.push(Some(Doc {
                    slug: doc.slug.clone(),
                    position,
                    canonical: doc.meta.canonical.clone(),
                    titles: doc_titles.next().unwrap_or_default(),
                    entries: (first..entries.len() as u32).collect(),
                }));
            }
            prints.par_sort_unstable();
            chunks.push(prints);
        }
        assert!(entries.len() < MANY as usize, "too many paragraphs");
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
        if keep == Keep::Index {
            let mut runs = 0;
            each_run(&chunks, |_, _| runs += 1);
            finder.postings.map.reserve(runs);
        }
        let mut candidates = Vec::new();
        each_run(&chunks, |h, run| {
            if keep == Keep::Index {
                finder.postings.insert_run(h, run.iter().copied());
            }
            if run.len() > MAX_POSTING {
                finder.formulas.insert(h);
            } else {
                for (k, &i) in run.iter().enumerate() {
                    for &j in &run[k + 1..] {
                        if finder.entry(i).doc != finder.entry(j).doc {
                            candidates.push(finder.ordered(i, j));
                        }
                    }
                }
            }
        });
        drop(chunks);
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
        let added: Vec<(usize, DocEntries)> = fresh
            .par_iter()
            .filter_map(|&(_, at)| at)
            .map(|at| {
                (
                    at,
                    entries_of(&corpus.documents[at], u32::MAX, titles, Keep::Index),
                )
            })
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
            let mut ids = Vec::with_capacity(doc_entries.entries.len());
            let mut start = 0;
            for (mut entry, &end) in doc_entries.entries.into_iter().zip(&doc_entries.ends) {
                entry.doc = id;
                let prints = &doc_entries.prints[start..end as usize];
                start = end as usize;
                let e = self.allocate(entry);
                for &h in prints {
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
    pub(super) fn candidate_words<'a>(
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

/// What the index keeps of each paragraph.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// Every shingle and the postings: what [`Finder::update`] needs to take a paragraph out and
    /// to find the paragraphs a new formula masks.
    Index,
    /// Only what finding the candidates needs once: a full build's finder, dropped when its
    /// pairs are found.
    Candidates,
}

/// The entries of one document's paragraphs with their fingerprints.
struct DocEntries {
    /// In reading order.
    entries: Vec<Entry>,
    /// The fingerprints of every entry, one entry after the other.
    prints: Vec<u64>,
    /// Where each entry's fingerprints end in `prints`.
    ends: Vec<u32>,
}

/// How many documents [`Finder::index`] indexes at a time.
const INDEX_CHUNK: usize = 512;

/// A fingerprint and the entry holding it, ordered by fingerprint and then by entry, in 12
/// bytes (a `(u64, u32)` takes 16, and a build at 10,000 documents holds more than a million
/// and a half of them while it compares).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(C, packed(4))]
struct Print {
    hash: u64,
    entry: u32,
}

/// Calls `f` with each fingerprint of the sorted `chunks` and the entries holding it, in
/// ascending order of fingerprint and then of entry: the runs one sorted list of every chunk's
/// fingerprints would give, merged as they are read.
fn each_run(chunks: &[Vec<Print>], mut f: impl FnMut(u64, &[u32])) {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let mut at = vec![0usize; chunks.len()];
    let mut heap: BinaryHeap<Reverse<(Print, usize)>> = chunks
        .iter()
        .enumerate()
        .filter_map(|(c, chunk)| Some(Reverse((*chunk.first()?, c))))
        .collect();
    let mut run: Vec<u32> = Vec::new();
    let mut current = None;
    while let Some(Reverse((Print { hash: h, entry: e }, c))) = heap.pop() {
        if current != Some(h) {
            if let Some(previous) = current {
                f(previous, &run);
            }
            run.clear();
            current = Some(h);
        }
        run.push(e);
        at[c] += 1;
        if let Some(&next) = chunks[c].get(at[c]) {
            heap.push(Reverse((next, c)));
        }
    }
    if let Some(last) = current {
        f(last, &run);
    }
}

/// The entries of `doc`'s paragraphs (their document slot `doc`), in reading order, with their
/// fingerprints; with [`Keep::Index`] each entry keeps its shingles.
fn entries_of(doc: &Document, id: u32, titles: &Titles, keep: Keep) -> DocEntries {
    let mut out = DocEntries {
        entries: Vec::new(),
        prints: Vec::new(),
        ends: Vec::new(),
    };
    for (v, version) in doc.versions.iter().enumerate() {
        for (p, paragraph) in version.paragraphs().into_iter().enumerate() {
            let owner = owner_of(&doc.slug, &version.meta.id, &paragraph.anchor);
            let place = Place {
                document: doc,
                version,
                paragraph,
            };
            let shingles = shingles(&words(titles, place, owner));
            out.prints.extend(winnow(&shingles));
            out.ends.push(out.prints.len() as u32);
            out.entries.push(Entry {
                doc: id,
                version: v as u32,
                paragraph: p as u32,
                owner,
                shingles: match keep {
                    Keep::Index => shingles.into(),
                    Keep::Candidates => Box::default(),
                },
            });
        }
    }
    // Every document's entries are held until all are made: no spare capacity.
    out.entries.shrink_to_fit();
    out.prints.shrink_to_fit();
    out.ends.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    use super::{each_run, Print};

    /// Merging sorted chunks gives the runs of one sorted list of all their fingerprints.
    #[test]
    fn the_runs_of_sorted_chunks_are_those_of_one_sorted_list() {
        let mut all: Vec<Print> = Vec::new();
        let mut chunks = Vec::new();
        let mut seed = 7u64;
        for c in 0..5u32 {
            let mut chunk: Vec<Print> = (0..40)
                .map(|k| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    Print {
                        hash: seed >> 60,
                        entry: c * 100 + k,
                    }
                })
                .collect();
            chunk.sort_unstable();
            all.extend(&chunk);
            chunks.push(chunk);
        }
        chunks.push(Vec::new());
        all.sort_unstable();
        let expected: Vec<(u64, Vec<u32>)> = all
            .chunk_by(|x, y| { x.hash } == { y.hash })
            .map(|run| (run[0].hash, run.iter().map(|p| p.entry).collect()))
            .collect();
        let mut runs = Vec::new();
        each_run(&chunks, |h, run| runs.push((h, run.to_vec())));
        assert!(expected.iter().any(|(_, run)| run.len() > 5));
        assert_eq!(runs, expected);
        each_run(&[], |_, _| panic!("no runs in no chunks"));
        assert_eq!(std::mem::size_of::<Print>(), 12);
    }
}
