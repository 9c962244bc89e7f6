//! What the pages of the whole corpus read of each document, as digests: an incremental rebuild
//! re-renders the documents index only if an edit changed a document's listing, the notes page
//! only if it changed its notes, and so on. A full build renders everything and needs none of
//! this; `tests/serve.rs` checks that the two agree.

use crate::model::{Document, Inline, ParagraphKind};
use std::collections::BTreeMap;
use xxhash_rust::xxh3::Xxh3;

/// A part of a document that corpus-wide files read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    /// Metadata, versions and their sizes: indexes, feed, sitemap, corpus index, home.
    Listing,
    /// Editorial notes: the notes page.
    Apparatus,
    /// The deepest numbered paragraph, the home page's example candidate.
    Example,
    /// All of the text: the data page's examples.
    Text,
    /// The typed relations between documents (who builds on whom, and the paragraphs that say
    /// so): the timeline. Not a digest of one document: they come from the citations of every
    /// document, so an incremental rebuild sets it when the corpus's relations changed.
    Relations,
}

/// The digest of every facet of `doc`.
pub fn digests(doc: &Document) -> BTreeMap<Facet, u64> {
    BTreeMap::from([
        (Facet::Listing, listing(doc)),
        (Facet::Apparatus, apparatus(doc)),
        (Facet::Example, example(doc)),
        (Facet::Text, text(doc)),
    ])
}

fn json<T: serde::Serialize>(hasher: &mut Xxh3, value: &T) {
    hasher.update(&serde_json::to_vec(value).expect("the model serialises"));
    hasher.update(b"\0");
}

fn listing(doc: &Document) -> u64 {
    let mut h = Xxh3::new();
    h.update(doc.slug.as_bytes());
    json(&mut h, &doc.meta);
    for v in &doc.versions {
        json(&mut h, &v.meta);
        h.update(&v.paragraphs().len().to_le_bytes());
    }
    h.digest()
}

fn apparatus(doc: &Document) -> u64 {
    let mut h = Xxh3::new();
    for v in &doc.versions {
        json(&mut h, &v.notes);
    }
    h.digest()
}

/// How deeply the most deeply numbered paragraph of `doc`'s main version is numbered (`None`:
/// it has none). The home page's example is the first document's with the deepest of all, so an
/// edit changes the example only if it changes which document that is, or edits that document.
pub fn example_depth(doc: &Document) -> Option<usize> {
    let v = doc.canonical()?;
    v.paragraphs()
        .into_iter()
        .filter(|p| p.kind == ParagraphKind::Numbered)
        .map(|p| p.anchor.matches('.').count())
        .max()
}

/// The document whose paragraph the home page shows as its example: the first (in corpus order)
/// of those with the deepest numbering, given each document's [`example_depth`].
pub fn example_document<'a>(
    depths: impl Iterator<Item = (&'a String, usize)>,
) -> Option<&'a String> {
    let mut best: Option<(&String, usize)> = None;
    for (slug, depth) in depths {
        if best.is_none_or(|(_, d)| depth > d) {
            best = Some((slug, depth));
        }
    }
    best.map(|(slug, _)| slug)
}

/// The first of the most deeply numbered paragraphs of the main version, as the home page
/// chooses its example.
fn example(doc: &Document) -> u64 {
    let mut h = Xxh3::new();
    if let Some(v) = doc.canonical() {
        let best = v
            .paragraphs()
            .into_iter()
            .filter(|p| p.kind == ParagraphKind::Numbered)
            .enumerate()
            .max_by_key(|(i, p)| (p.anchor.matches('.').count(), std::cmp::Reverse(*i)))
            .map(|(_, p)| p);
        if let Some(p) = best {
            h.update(p.anchor.as_bytes());
            h.update(p.citation.as_bytes());
            h.update(Inline::plain(&p.content, &v.notes).as_bytes());
        }
    }
    h.digest()
}

fn text(doc: &Document) -> u64 {
    let mut h = Xxh3::new();
    json(&mut h, &doc.meta);
    for v in &doc.versions {
        h.update(v.markdown.text().as_bytes());
        h.update(b"\0");
    }
    h.digest()
}
