//! The anchor registry on the pages: an old anchor that moved on the same page becomes an alias
//! id on its new block (the browser lands there with no script); one that moved to another page
//! becomes an element that links there and that `site.js` follows; a withdrawn one becomes a
//! tombstone saying what the paragraph was and where its text can still be read.

use super::views::{RetiredPage, RetiredView, VersionPage};
use crate::model::{AnchorRegistry, Corpus, RegisteredPage, Tombstone};
use crate::parse::registry::{is_site_target, parse_target, Target};
use std::collections::BTreeSet;

/// Adds the registry's redirects and tombstones for `slug/version` to its page; on the main page
/// (`main`), also those of the document's main URL.
pub fn apply(
    page: &mut VersionPage,
    registry: &AnchorRegistry,
    slug: &str,
    version: &str,
    main: bool,
) {
    let Some(doc) = registry.documents.get(slug) else {
        return;
    };
    let path = match main {
        true => format!("{slug}/"),
        false => format!("{slug}/{version}/"),
    };
    let live: BTreeSet<String> = page.blocks.iter().map(|b| b.anchor.clone()).collect();
    let mut entries: Vec<&RegisteredPage> = doc.pages.get(version).into_iter().collect();
    if main {
        entries.push(&doc.main);
    }
    for entry in entries {
        for (old, target) in &entry.moved {
            if live.contains(old) {
                continue;
            }
            let same_page_block = parse_target(target)
                .ok()
                .filter(|t| t.slug.is_none())
                .and_then(|t| page.blocks.iter_mut().find(|b| b.anchor == t.anchor));
            match same_page_block {
                Some(block) => block.moved_here.push(old.clone()),
                None => page.retired.push(moved(old, target, &path)),
            }
        }
        for (old, stone) in &entry.withdrawn {
            if !live.contains(old) {
                page.retired.push(withdrawn(old, stone, &path));
            }
        }
    }
    page.retired.sort_by(|a, b| a.id.cmp(&b.id));
    page.retired.dedup_by(|a, b| a.id == b.id);
}

/// Pages the registry answers for that the corpus no longer publishes (of the documents for which
/// `wanted` is true).
pub fn retired_pages(corpus: &Corpus, wanted: impl Fn(&str) -> bool) -> Vec<RetiredPage> {
    let mut out = Vec::new();
    let documents = &corpus.documents;
    for (slug, doc) in corpus.registry.documents.iter().filter(|(s, _)| wanted(s)) {
        let current = documents
            .binary_search_by(|d| d.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &documents[i]);
        let doc_url = current.map(|_| format!("{slug}/"));
        for (version, page) in &doc.pages {
            let published =
                current.is_some_and(|d| d.versions.iter().any(|v| &v.meta.id == version));
            if !published {
                let path = format!("{slug}/{version}/");
                out.push(retired_page(&path, doc_url.clone(), [page]));
            }
        }
        if current.is_none() {
            let canonical = doc.canonical.as_ref().and_then(|c| doc.pages.get(c));
            let path = format!("{slug}/");
            let pages = [&doc.main].into_iter().chain(canonical);
            out.push(retired_page(&path, None, pages));
        }
    }
    out.retain(|p| !p.retired.is_empty());
    out
}

fn retired_page<'a>(
    path: &str,
    doc_url: Option<String>,
    pages: impl IntoIterator<Item = &'a RegisteredPage>,
) -> RetiredPage {
    let mut retired = Vec::new();
    for page in pages {
        retired.extend(page.moved.iter().map(|(a, t)| moved(a, t, path)));
        retired.extend(page.withdrawn.iter().map(|(a, t)| withdrawn(a, t, path)));
    }
    retired.sort_by(|a, b| a.id.cmp(&b.id));
    retired.dedup_by(|a, b| a.id == b.id);
    RetiredPage {
        path: path.to_owned(),
        doc_url,
        retired,
    }
}

fn moved(old: &str, target: &str, path: &str) -> RetiredView {
    RetiredView {
        id: old.to_owned(),
        moved_to: parse_target(target).ok().map(|t| url(&t, path)),
        citation: String::new(),
        text: String::new(),
        read_at_url: None,
        read_at: None,
        reason: None,
    }
}

fn withdrawn(old: &str, stone: &Tombstone, path: &str) -> RetiredView {
    let site_place = stone
        .read_at
        .as_deref()
        .filter(|r| is_site_target(r))
        .and_then(|r| parse_target(r).ok());
    RetiredView {
        id: old.to_owned(),
        moved_to: None,
        citation: stone.citation.clone(),
        text: stone.text.clone(),
        read_at_url: site_place.as_ref().map(|t| url(t, path)),
        read_at: stone.read_at.clone().filter(|r| !is_site_target(r)),
        reason: stone.reason.clone(),
    }
}

/// The URL of a target, relative to the site root (`path` is the page it is written on).
fn url(t: &Target<'_>, path: &str) -> String {
    match (t.slug, t.version) {
        (None, _) => format!("{path}#{}", t.anchor),
        (Some(s), None) => format!("{s}/#{}", t.anchor),
        (Some(s), Some(v)) => format!("{s}/{v}/#{}", t.anchor),
    }
}
