//! The citation linker as a stage that remembers: [`Linker::new`] links a whole corpus, and
//! [`Linker::update`] links again, after an edit, only the documents the edit can have changed,
//! with the same functions, so that both give the same result. The full build, which links once,
//! calls [`link_once`]: the same steps, keeping nothing.
//!
//! What a document's linked text depends on: its own text and the [`Catalog`] (every document's
//! names, place, date, key, and the anchors and words of its canonical version). An edit that
//! changes what a document is cited *by* (its names, date, kind, symbol ...: its identity) rebuilds
//! the catalog and links everything again. An edit that changes only its text and anchors updates
//! its catalog entry and links again the edited document, every document holding a citation of
//! it (resolved citations name the document and the page they land on), and every document with
//! an unresolved mention (which may resolve now). The cited-by lists and relations are then built
//! again from every document's citations, which is quick.

use super::citations::{collision_diagnostics, link_document, triage, Issue};
use super::provenance::{self, Contribution, Found};
use crate::cite::Catalog;
use crate::diagnostics::Diagnostic;
use crate::model::{CitationRules, Citations, CiteTarget, Document, ExternalDoc};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use xxhash_rust::xxh3::xxh3_64;

/// The citations of a corpus, kept so that an edit links again only what it can have changed.
pub struct Linker {
    externals: Vec<ExternalDoc>,
    rules: CitationRules,
    catalog: Catalog,
    /// Names claimed twice (they depend on identities only).
    collisions: Vec<Diagnostic>,
    /// What linking found in each document, by slug.
    linked: BTreeMap<String, Linked>,
    /// For each document, the documents holding a citation that lands in it.
    citers: HashMap<String, BTreeSet<String>>,
    /// The documents with a mention that did not resolve.
    unresolved: BTreeSet<String>,
    /// Relation cycles, found again only when the relations change.
    cycles: Vec<Diagnostic>,
}

/// What [`Linker::update`] did.
pub struct Relinked {
    /// The problems of the citations as they stand.
    pub diagnostics: Vec<Diagnostic>,
    /// The documents whose linked text, citations or cited-by lists may have changed.
    pub touched: BTreeSet<String>,
    /// Whether the relations between documents changed.
    pub relations_changed: bool,
}

/// One document's share of the citations.
struct Linked {
    /// A digest of what the catalog knows of it besides its anchors.
    identity: u64,
    /// The citations found in its text.
    found: Vec<Found>,
    /// Its mentions that did not resolve.
    issues: Vec<Issue>,
    /// What it adds to the cited-by lists and relations.
    contribution: Contribution,
}

/// Links every citation of `documents` (resolved, not linked yet) in place, as
/// [`Linker::new`] does, and returns who cites what and the problems, keeping nothing for later
/// edits: what the full build does. The catalog and each document's citations found are let go
/// as soon as the cited-by lists and relations no longer need them (the linker kept them while
/// those were built: the peak of a large build).
pub fn link_once(
    documents: &mut [Document],
    externals: &[ExternalDoc],
    rules: &CitationRules,
) -> (Citations, Vec<Diagnostic>) {
    let (catalog, collisions) = Catalog::build(documents, externals, rules);
    let mut diags = collision_diagnostics(&collisions, documents);
    let results = link_all(&catalog, documents);
    let mut linked: Vec<(&str, Contribution, Vec<Issue>)> = documents
        .par_iter()
        .zip(results)
        .map(|(doc, (found, issues))| {
            let contribution = provenance::contribution(doc, &catalog, &found);
            (doc.slug.as_str(), contribution, issues)
        })
        .collect();
    drop(catalog);
    // In slug order, as the linker's map holds them.
    linked.sort_by(|a, b| a.0.cmp(b.0));
    let (mut citations, cycles) = provenance::build(documents, linked.iter().map(|l| &l.1));
    let issues = linked
        .into_iter()
        .flat_map(|(_, _, issues)| issues)
        .collect();
    let (accepted, triaged) = triage(issues, rules);
    diags.extend(triaged);
    diags.extend(cycles);
    citations.accepted = accepted;
    citations.externals = externals.to_vec();
    citations.rules = rules.clone();
    (citations, diags)
}

/// Links every document's citations in place against `catalog`: what each holds, and its
/// mentions that did not resolve.
fn link_all(catalog: &Catalog, documents: &mut [Document]) -> Vec<(Vec<Found>, Vec<Issue>)> {
    documents
        .par_iter_mut()
        .map(|doc| link_document(catalog, doc))
        .collect()
}

impl Linker {
    /// Links every citation of `documents` (resolved, not linked yet) in place; returns the
    /// linker, who cites what, and the problems.
    pub fn new(
        documents: &mut [Document],
        externals: &[ExternalDoc],
        rules: &CitationRules,
    ) -> (Linker, Citations, Vec<Diagnostic>) {
        let (catalog, collisions) = Catalog::build(documents, externals, rules);
        let collisions = collision_diagnostics(&collisions, documents);
        let identities: Vec<u64> = documents.iter().map(identity).collect();
        let results = link_all(&catalog, documents);
        let linked = documents
            .par_iter()
            .zip(identities)
            .zip(results)
            .map(|((doc, identity), (found, issues))| {
                let contribution = provenance::contribution(doc, &catalog, &found);
                let linked = Linked {
                    identity,
                    found,
                    issues,
                    contribution,
                };
                (doc.slug.clone(), linked)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        let mut linker = Linker {
            externals: externals.to_vec(),
            rules: rules.clone(),
            catalog,
            collisions,
            linked,
            citers: HashMap::new(),
            unresolved: BTreeSet::new(),
            cycles: Vec::new(),
        };
        let slugs: Vec<String> = linker.linked.keys().cloned().collect();
        for slug in &slugs {
            linker.index(slug, true);
        }
        let contributions = linker.linked.values().map(|l| &l.contribution);
        let (mut citations, cycles) = provenance::build(documents, contributions);
        linker.cycles = cycles;
        let diags = linker.triage(&mut citations);
        citations.externals = linker.externals.clone();
        citations.rules = linker.rules.clone();
        (linker, citations, diags)
    }

    /// Links again after the documents `changed` (by slug) were edited, added or removed.
    /// `unlinked` is the corpus as resolved, `linked` the linked corpus and `citations` who
    /// cites what, both brought up to date (documents sorted by slug).
    pub fn update(
        &mut self,
        unlinked: &[Document],
        linked: &mut Vec<Document>,
        citations: &mut Citations,
        changed: &BTreeSet<String>,
    ) -> Relinked {
        let same_documents = unlinked.len() == linked.len()
            && unlinked
                .iter()
                .zip(linked.iter())
                .all(|(u, l)| u.slug == l.slug)
            && unlinked.len() == self.linked.len();
        let identity_kept = same_documents
            && changed.iter().all(|slug| {
                let now = document(unlinked, slug).map(identity);
                now.is_some() && now == self.linked.get(slug).map(|l| l.identity)
            });
        if !identity_kept {
            let mut documents = unlinked.to_vec();
            let (fresh, fresh_citations, diags) =
                Linker::new(&mut documents, &self.externals, &self.rules);
            *self = fresh;
            *linked = documents;
            *citations = fresh_citations;
            return Relinked {
                diagnostics: diags,
                touched: linked.iter().map(|d| d.slug.clone()).collect(),
                relations_changed: true,
            };
        }
        for slug in changed {
            let doc = document(unlinked, slug).expect("identity checked above");
            self.catalog.replace(doc);
        }
        self.catalog.requote(unlinked);
        let mut relink: BTreeSet<String> = changed.clone();
        relink.extend(self.unresolved.iter().cloned());
        for slug in changed {
            relink.extend(self.citers.get(slug).into_iter().flatten().cloned());
        }
        let mut touched = relink.clone();
        let results: Vec<(usize, Document, Linked)> = relink
            .par_iter()
            .map(|slug| {
                let at = position(unlinked, slug).expect("the documents are the same");
                let mut doc = unlinked[at].clone();
                let (found, issues) = link_document(&self.catalog, &mut doc);
                let contribution = provenance::contribution(&doc, &self.catalog, &found);
                let fresh = Linked {
                    identity: self.linked[slug].identity,
                    found,
                    issues,
                    contribution,
                };
                (at, doc, fresh)
            })
            .collect();
        let mut old = Vec::with_capacity(results.len());
        let mut relations_changed = false;
        for (at, doc, fresh) in results {
            self.index(&doc.slug, false);
            let entry = self
                .linked
                .get_mut(&doc.slug)
                .expect("the documents are the same");
            for f in entry.found.iter().chain(&fresh.found) {
                touched.extend(targets(&f.target).cloned());
            }
            relations_changed |= entry.contribution.relations_differ(&fresh.contribution);
            old.push(std::mem::replace(entry, fresh));
            self.index(&doc.slug, true);
            linked[at] = doc;
        }
        let new = relink.iter().map(|slug| &self.linked[slug].contribution);
        provenance::patch(citations, &relink, old.iter().map(|l| &l.contribution), new);
        if relations_changed {
            self.cycles = provenance::cycles(&citations.relations, linked);
        }
        Relinked {
            diagnostics: self.triage(citations),
            touched,
            relations_changed,
        }
    }

    /// The problems of the citations as they stand (names claimed twice, unresolved mentions,
    /// relation cycles), and the accepted exceptions, which go into `citations`.
    fn triage(&self, citations: &mut Citations) -> Vec<Diagnostic> {
        let mut diags = self.collisions.clone();
        let issues = self
            .unresolved
            .iter()
            .flat_map(|s| self.linked[s].issues.iter().cloned());
        let (accepted, triaged) = triage(issues.collect(), &self.rules);
        diags.extend(triaged);
        diags.extend(self.cycles.iter().cloned());
        citations.accepted = accepted;
        diags
    }

    /// Adds (`add`) or removes what the document `slug`'s citations say in the indexes of who
    /// cites whom and of unresolved mentions.
    fn index(&mut self, slug: &str, add: bool) {
        let linked = &self.linked[slug];
        for f in &linked.found {
            for target in targets(&f.target) {
                let citers = self.citers.entry(target.clone()).or_default();
                match add {
                    true => citers.insert(slug.to_owned()),
                    false => citers.remove(slug),
                };
            }
        }
        match add && !linked.issues.is_empty() {
            true => self.unresolved.insert(slug.to_owned()),
            false => self.unresolved.remove(slug),
        };
    }
}

/// What the catalog knows of a document besides its anchors, as a digest: when it changes, every
/// citation of the corpus may read differently.
fn identity(doc: &Document) -> u64 {
    let versions: Vec<&str> = doc.versions.iter().map(|v| v.meta.id.as_str()).collect();
    let facts = serde_json::to_vec(&(&doc.meta, versions)).expect("the model serialises");
    xxh3_64(&facts)
}

/// The documents a citation names: the document and the page that prints it.
fn targets(target: &CiteTarget) -> impl Iterator<Item = &String> {
    let (doc, page) = match target {
        CiteTarget::Document { doc, page, .. } => (Some(doc), Some(page)),
        CiteTarget::External { .. } => (None, None),
    };
    doc.into_iter().chain(page)
}

fn position(documents: &[Document], slug: &str) -> Option<usize> {
    documents
        .binary_search_by(|d| d.slug.as_str().cmp(slug))
        .ok()
}

fn document<'a>(documents: &'a [Document], slug: &str) -> Option<&'a Document> {
    position(documents, slug).map(|i| &documents[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full build's [`link_once`] and the linker `serve` keeps give the same linked texts,
    /// citations and problems, on the real corpus (with accepted mentions and relations).
    #[test]
    fn linking_once_gives_what_the_linker_gives() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let loaded = crate::load::load_content(&content).expect("the real corpus loads");
        let (parsed, _) = crate::parse::parse_content(&loaded);
        let parsed = parsed.expect("the real corpus parses");
        let documents: Vec<Document> = parsed
            .documents
            .into_iter()
            .map(|d| super::super::resolve_document(d).0)
            .collect();
        let (mut once, mut kept) = (documents.clone(), documents);
        let (citations, diags) = link_once(&mut once, &parsed.externals, &parsed.citation_rules);
        let (_, kept_citations, kept_diags) =
            Linker::new(&mut kept, &parsed.externals, &parsed.citation_rules);
        assert!(!citations.relations.is_empty() && !citations.accepted.is_empty());
        assert_eq!(json(&citations), json(&kept_citations));
        assert_eq!(diags, kept_diags);
        assert_eq!(json(&once), json(&kept));
    }

    fn json<T: serde::Serialize>(value: &T) -> String {
        serde_json::to_string(value).expect("the model serialises")
    }
}
