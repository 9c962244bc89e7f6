//! `acquis lock`: the registry's next state after a deliberate change.
//!
//! Every anchor published now is registered. A registered anchor that is no longer published is
//! redirected when its paragraph (same permanent id) stands at another anchor of the same page,
//! withdrawn with a tombstone when the editor asks for it (`--withdraw`), and otherwise kept as
//! it was, so that the build keeps failing until someone decides.

use super::Published;
use crate::model::{
    AnchorRegistry, Corpus, Document, Inline, Paragraph, RegisteredAnchor, RegisteredDocument,
    RegisteredPage, Tombstone, Version,
};
use indexmap::IndexMap;
use std::collections::HashMap;

/// What `acquis lock` did, for its report.
#[derive(Debug, Default)]
pub struct LockOutcome {
    /// The new registry.
    pub registry: AnchorRegistry,
    /// Anchors published for the first time.
    pub added: usize,
    /// `page#old → new` redirects recorded.
    pub moved: Vec<String>,
    /// `page#anchor` tombstones recorded.
    pub withdrawn: Vec<String>,
    /// `page#anchor` still dropped without a decision (the build keeps failing on them).
    pub undecided: Vec<String>,
}

/// Computes the registry for `corpus`, starting from `old`; `withdraw` turns every registered
/// anchor that is neither published nor redirected into a tombstone.
pub fn lock(corpus: &Corpus, old: &AnchorRegistry, withdraw: bool) -> LockOutcome {
    let now = Published::of(corpus);
    let mut out = LockOutcome::default();
    for doc in &corpus.documents {
        let mut entry = RegisteredDocument {
            canonical: doc.meta.canonical.clone(),
            ..Default::default()
        };
        for v in &doc.versions {
            let live = super::published(v);
            let was = old
                .documents
                .get(&doc.slug)
                .and_then(|d| d.pages.get(&v.meta.id));
            out.added += live
                .keys()
                .filter(|a| !was.is_some_and(|p| p.anchors.contains_key(a.as_str())))
                .count();
            entry.pages.insert(
                v.meta.id.clone(),
                RegisteredPage {
                    anchors: live,
                    ..Default::default()
                },
            );
        }
        out.registry.documents.insert(doc.slug.clone(), entry);
    }
    for (slug, was) in &old.documents {
        // Documents are sorted by slug: a search, not a scan per registered document.
        let doc = corpus
            .documents
            .binary_search_by(|d| d.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &corpus.documents[i]);
        let ctx = Ctx {
            slug,
            doc,
            now: &now,
            withdraw,
            places: doc.map(paragraphs_by_pid).unwrap_or_default(),
        };
        for (version, page) in &was.pages {
            let new = ctx.carry_page(version, page, &mut out);
            let entry = out.registry.documents.entry(slug.clone()).or_default();
            entry.pages.insert(version.clone(), new);
        }
        let main = ctx.carry_main(was, &out.registry);
        let entry = out.registry.documents.entry(slug.clone()).or_default();
        if doc.is_none() {
            entry.canonical = was.canonical.clone();
        }
        entry.main = main;
    }
    for doc in out.registry.documents.values_mut() {
        doc.pages.retain(|_, p| !p.is_empty());
    }
    out.registry.lines = old.lines.clone();
    out
}

struct Ctx<'a> {
    slug: &'a str,
    doc: Option<&'a Document>,
    now: &'a Published<'a>,
    withdraw: bool,
    /// Every paragraph of the document, by permanent id, in any version.
    places: HashMap<&'a str, (&'a Version, &'a Paragraph)>,
}

/// Each paragraph of a document by permanent id (the first version holding it wins).
fn paragraphs_by_pid(doc: &Document) -> HashMap<&str, (&Version, &Paragraph)> {
    let mut out = HashMap::new();
    for v in &doc.versions {
        for p in v.paragraphs() {
            out.entry(p.pid.as_str()).or_insert((v, p));
        }
    }
    out
}

impl Ctx<'_> {
    /// The registered page `version` carried over: its live anchors come from the corpus; its
    /// old anchors that are gone are redirected, withdrawn or kept undecided.
    fn carry_page(
        &self,
        version: &str,
        was: &RegisteredPage,
        out: &mut LockOutcome,
    ) -> RegisteredPage {
        let live = self.now.page(self.slug, Some(version));
        let mut page = RegisteredPage {
            // What the version publishes now, with its words: made by `lock` for every
            // version (this page replaces that one).
            anchors: out
                .registry
                .documents
                .get_mut(self.slug)
                .and_then(|d| d.pages.get_mut(version))
                .map(|p| std::mem::take(&mut p.anchors))
                .unwrap_or_default(),
            ..Default::default()
        };
        let is_live = |a: &str| live.is_some_and(|l| l.contains_key(a));
        let pids = live.map(super::pid_index).unwrap_or_default();
        for (a, t) in &was.moved {
            if !is_live(a) {
                page.moved.insert(a.clone(), t.clone());
            }
        }
        for (a, t) in &was.withdrawn {
            if !is_live(a) {
                page.withdrawn.insert(a.clone(), t.clone());
            }
        }
        for (a, entry) in &was.anchors {
            if is_live(a) || page.retires(a) {
                continue;
            }
            let place = format!("{}/{version}/#{a}", self.slug);
            let new_place = entry.pid.as_deref().and_then(|p| pids.get(p));
            if let Some(b) = new_place {
                page.moved.insert(a.to_string(), (*b).to_owned());
                out.moved.push(format!("{place} → #{b}"));
            } else if self.withdraw {
                page.withdrawn
                    .insert(a.to_string(), self.tombstone(version, a, entry));
                out.withdrawn.push(place);
            } else {
                page.anchors.insert(a.clone(), entry.clone());
                out.undecided.push(place);
            }
        }
        page
    }

    /// A tombstone for anchor `a` of `version`: the text from another version that still prints
    /// the same paragraph, or else the words the registry kept and the version's primary source.
    fn tombstone(&self, version: &str, a: &str, entry: &RegisteredAnchor) -> Tombstone {
        let cite = self.doc.map_or(self.slug, |d| d.meta.cite_name());
        let mut stone = Tombstone {
            citation: format!("{cite}, {a}"),
            text: entry.words.to_string(),
            read_at: None,
            reason: None,
        };
        let Some(doc) = self.doc else {
            return stone;
        };
        let elsewhere = entry.pid.as_deref().and_then(|pid| self.places.get(pid));
        if let Some((v, p)) = elsewhere {
            stone.text = Inline::plain(&p.content, &v.notes);
            stone.read_at = Some(format!("{}/{}#{}", doc.slug, v.meta.id, p.anchor));
        } else if let Some(v) = doc.versions.iter().find(|v| v.meta.id == version) {
            let s = &v.meta.source;
            let ranges: Vec<String> = s.lines.iter().map(|[a, b]| format!("{a}–{b}")).collect();
            stone.read_at = Some(format!(
                "the primary source content/sources/{}, lines {}",
                s.file,
                ranges.join(", ")
            ));
        }
        stone
    }

    /// The main page's redirects carried over; when the main version changed, each anchor the
    /// old main version published that the new one lacks is sent to the old version's page.
    fn carry_main(&self, was: &RegisteredDocument, new: &AnchorRegistry) -> RegisteredPage {
        let live = self.now.page(self.slug, None);
        let is_live = |a: &str| live.is_some_and(|l| l.contains_key(a));
        let mut main = RegisteredPage::default();
        for (a, t) in &was.main.moved {
            if !is_live(a) {
                main.moved.insert(a.clone(), t.clone());
            }
        }
        for (a, t) in &was.main.withdrawn {
            if !is_live(a) {
                main.withdrawn.insert(a.clone(), t.clone());
            }
        }
        let now = self.now.canonical.get(self.slug).copied();
        let (Some(old_main), Some(_)) = (was.canonical.as_deref(), self.doc) else {
            return main;
        };
        if now == Some(old_main) {
            return main;
        }
        let now_page = now.and_then(|n| new.documents.get(self.slug)?.pages.get(n));
        let promised = was
            .pages
            .get(old_main)
            .map(promised_anchors)
            .unwrap_or_default();
        for a in promised {
            if !is_live(&a) && !main.retires(&a) && !now_page.is_some_and(|p| p.retires(&a)) {
                main.moved
                    .insert(a.clone(), format!("{}/{old_main}#{a}", self.slug));
            }
        }
        main
    }
}

/// Every anchor a registered page answers to: published, moved or withdrawn.
fn promised_anchors(page: &RegisteredPage) -> Vec<String> {
    let all = page
        .anchors
        .keys()
        .map(|a| a.as_str())
        .chain(page.moved.keys().map(String::as_str))
        .chain(page.withdrawn.keys().map(String::as_str));
    let mut seen: IndexMap<String, ()> = IndexMap::new();
    for a in all {
        seen.insert(a.to_owned(), ());
    }
    seen.into_keys().collect()
}
