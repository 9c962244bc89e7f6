//! The comparison of a corpus kept up to date edit by edit, for `acquis serve`.
//!
//! [`Comparer::new`] compares the whole corpus as [`super::compare`] does (the same
//! `compare_documents`, the same quotation pairs) and keeps, besides the [`Comparison`], each
//! document's problems and the quotation finder's full index ([`Finder`]), which `compare`, run
//! once, does not build. [`Comparer::update`] then
//! aligns again the versions of the documents an edit changed, and asks the finder to check again
//! only the paragraphs whose quotations can have changed. After any sequence of updates the
//! comparison and its diagnostics are those `compare` gives for the new corpus, pair for pair and
//! in the same order (`tests/compare.rs` holds it to that).
//!
//! The comparison reads the text of paragraphs (with their editorial notes), never where their
//! citations lead: linking the corpus's citations again after an edit, which rewrites other
//! documents' links, changes nothing here.

use super::quote::Finder;
use super::{compare_document, Comparison};
use crate::diagnostics::Diagnostic;
use crate::model::{Corpus, VersionPair};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The problems of each document that has some: of its version ids, of its alias ids.
type Problems = BTreeMap<String, (Vec<Diagnostic>, Vec<Diagnostic>)>;

/// The comparison of a corpus kept up to date edit by edit (for `acquis serve`): recompares only
/// the documents an edit changed and the quotations they take part in.
pub struct Comparer {
    comparison: Comparison,
    finder: Finder,
    /// The problems of each document that has some.
    problems: Problems,
    /// Whether the corpus last compared had its documents in slug order, each slug once, as
    /// `load` gives them: what updating in place relies on.
    in_order: bool,
}

impl Comparer {
    /// Compares the whole corpus (what [`super::compare`] returns) and remembers what it needs.
    pub fn new(corpus: &Corpus) -> (Comparer, Vec<Diagnostic>) {
        let (pairs, problems, diagnostics) = compare_documents(corpus);
        let (finder, quotations) = Finder::new(corpus);
        let comparer = Comparer {
            comparison: Comparison { pairs, quotations },
            finder,
            problems,
            in_order: in_slug_order(corpus),
        };
        (comparer, diagnostics)
    }

    /// The comparison as it stands.
    pub fn comparison(&self) -> &Comparison {
        &self.comparison
    }

    /// After the documents whose slugs are in `changed` were edited, added or removed (`corpus`
    /// is the new corpus; every other document must read as before), brings the comparison up
    /// to date and returns its diagnostics and the slugs of every document whose comparison may
    /// have changed: the documents in `changed`, and those whose quotations changed (a pair of
    /// one of their paragraphs appeared, went or reads otherwise, or a paragraph's list of pairs
    /// changed) — what `serve` must render again. Every document whose [`super::digests`] value
    /// changed is among them.
    ///
    /// Costs a few milliseconds for an ordinary edit, whatever the size of the corpus, except
    /// when the edit changes the set of titles masked in every paragraph (a title or long alias
    /// written, changed or gone): then the quotations are found again as [`Comparer::new`]
    /// finds them. A corpus whose documents are not in slug order (never one `load` gives) is
    /// compared again whole, and every document is returned.
    pub fn update(
        &mut self,
        corpus: &Corpus,
        changed: &BTreeSet<String>,
    ) -> (Vec<Diagnostic>, BTreeSet<String>) {
        if !self.in_order || !in_slug_order(corpus) {
            let mut touched: BTreeSet<String> = self.finder.slugs().map(str::to_owned).collect();
            touched.extend(corpus.documents.iter().map(|d| d.slug.clone()));
            let (fresh, diagnostics) = Comparer::new(corpus);
            *self = fresh;
            return (diagnostics, touched);
        }
        let documents = &corpus.documents;
        let compared: Vec<(&String, _)> = changed
            .par_iter()
            .map(|slug| {
                let doc = documents
                    .binary_search_by(|d| d.slug.as_str().cmp(slug))
                    .ok()
                    .map(|i| compare_document(&documents[i]));
                (slug, doc)
            })
            .collect();
        for (slug, doc) in compared {
            let (new_pairs, names, aliases) = doc.unwrap_or_default();
            let pairs = &mut self.comparison.pairs;
            let start = pairs.partition_point(|p| p.slug.as_str() < slug.as_str());
            let end = start
                + pairs[start..]
                    .iter()
                    .take_while(|p| &p.slug == slug)
                    .count();
            pairs.splice(start..end, new_pairs);
            if names.is_empty() && aliases.is_empty() {
                self.problems.remove(slug);
            } else {
                self.problems.insert(slug.clone(), (names, aliases));
            }
        }
        let mut touched = changed.clone();
        touched.extend(
            self.finder
                .update(corpus, changed, &mut self.comparison.quotations),
        );
        (self.diagnostics(), touched)
    }

    /// The problems found, in the order [`super::compare`] gives them: those of version ids,
    /// document by document, then those of alias ids.
    fn diagnostics(&self) -> Vec<Diagnostic> {
        let names = self.problems.values().flat_map(|(n, _)| n);
        let aliases = self.problems.values().flat_map(|(_, a)| a);
        names.chain(aliases).cloned().collect()
    }
}

/// The pairs of versions of every document, each document's problems (of its version ids, of
/// its alias ids) and all of them in order: the version ids' problems, then the alias ids'.
pub(super) fn compare_documents(corpus: &Corpus) -> (Vec<VersionPair>, Problems, Vec<Diagnostic>) {
    let per_document: Vec<(Vec<VersionPair>, Vec<Diagnostic>, Vec<Diagnostic>)> =
        corpus.documents.par_iter().map(compare_document).collect();
    let mut pairs = Vec::new();
    let mut names = Vec::new();
    let mut aliases = Vec::new();
    let mut problems = BTreeMap::new();
    for (doc, (p, n, a)) in corpus.documents.iter().zip(per_document) {
        pairs.extend(p);
        if !n.is_empty() || !a.is_empty() {
            names.extend(n.iter().cloned());
            aliases.extend(a.iter().cloned());
            problems.insert(doc.slug.clone(), (n, a));
        }
    }
    names.extend(aliases);
    (pairs, problems, names)
}

/// Whether the documents are in slug order, each slug once.
fn in_slug_order(corpus: &Corpus) -> bool {
    corpus.documents.windows(2).all(|w| w[0].slug < w[1].slug)
}
