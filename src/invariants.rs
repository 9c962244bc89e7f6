//! Properties of the parser and resolver that hold for any input at all, as functions that the
//! property tests (`tests/properties.rs`) and the fuzz target (`fuzz/`) run on arbitrary text.
//!
//! Not a pipeline stage: it drives `parse` and `resolve` on one invented document, in memory,
//! and says which promise was broken. Errors in the input are fine; a panic, an unsafe anchor,
//! or an anchor that does not lead back to its own paragraph is not.

use crate::load::{LoadedContent, LoadedDocument, LoadedFile};
use crate::model::{Corpus, Node};

const SITE: &str = "title: T\nbase_url: https://example.org\nlanguage: en\ndescription: D\n";
const DOCUMENT: &str =
    "symbol: X.1\ntitle: T\nkind: decision\nbody: B\ndate: 2000\nstatus: s\ndescription: d\ncanonical: v\n";
const FRONT: &str = "---\nid: v\nlabel: L\nwitness: as-issued\ndate: 2000\nsource:\n  file: s.txt\n  lines: [[1, 2]]\n---\n";

/// Parses `body` as the Markdown of a version (under valid front matter) and checks every
/// invariant; `Err` says which one broke.
pub fn check_body(body: &str) -> Result<(), String> {
    check_file(&format!("{FRONT}{body}"))
}

/// Whether `body` parses and resolves without errors (so that a generator of test input can
/// show that it reaches the resolver, not only the parser's error paths).
pub fn resolves(body: &str) -> bool {
    let (parsed, diags) = crate::parse::parse_content(&content(&format!("{FRONT}{body}")));
    let Some(parsed) = parsed.filter(|_| !diags.iter().any(|d| d.is_error())) else {
        return false;
    };
    let (_, diags) = crate::resolve::resolve(parsed);
    !diags.iter().any(|d| d.is_error())
}

fn content(version_file: &str) -> LoadedContent {
    LoadedContent {
        site: Some(file("site.yaml", SITE)),
        external: None,
        citations: None,
        documents: vec![LoadedDocument {
            slug: "x-1".into(),
            meta: Some(file("x-1/document.yaml", DOCUMENT)),
            versions: vec![file("x-1/v.md", version_file)],
        }],
        diagnostics: vec![],
    }
}

/// Parses `text` as a whole version file (front matter included) and checks every invariant.
pub fn check_file(text: &str) -> Result<(), String> {
    let (parsed, diags) = crate::parse::parse_content(&content(text));
    if diags.iter().any(|d| d.is_error()) {
        return Ok(());
    }
    let parsed = parsed.ok_or("no corpus although there is no error")?;
    let (corpus, diags) = crate::resolve::resolve(parsed);
    if diags.iter().any(|d| d.is_error()) {
        return Ok(());
    }
    anchors_are_safe_and_lead_back(&corpus)?;
    the_registry_of_a_corpus_accepts_it(&corpus)?;
    citation_resolver_hook(&corpus)
}

/// A registry written by `acquis lock` for a corpus reads back as itself and accepts the corpus
/// without a single diagnostic.
fn the_registry_of_a_corpus_accepts_it(corpus: &Corpus) -> Result<(), String> {
    let registry = crate::registry::lock(corpus, &Default::default(), false).registry;
    let text = crate::registry::to_lock_text(&registry);
    let back = crate::parse::registry::parse(&file("anchors.lock", &text))
        .map_err(|d| format!("the lock file does not read back: {d:?}\n{text}"))?;
    if back.documents != registry.documents {
        return Err(format!("the lock file reads back differently:\n{text}"));
    }
    let diags = crate::registry::check(corpus, Some(&back));
    match diags.first() {
        Some(d) => Err(format!("the registry does not accept its own corpus: {d}")),
        None => Ok(()),
    }
}

fn file(path: &str, text: &str) -> LoadedFile {
    LoadedFile {
        path: path.into(),
        text: text.into(),
    }
}

/// Every anchor is made of safe characters, and looking it up in its version finds exactly the
/// node that carries it (the registry's view of the page agrees).
fn anchors_are_safe_and_lead_back(corpus: &Corpus) -> Result<(), String> {
    for doc in &corpus.documents {
        for v in &doc.versions {
            let mut nodes: Vec<(&str, *const Node)> = Vec::new();
            crate::resolve::walk(&v.body, &mut |n| {
                let anchor = match n {
                    Node::Division(d) => d.anchor.as_str(),
                    Node::Paragraph(p) => p.anchor.as_str(),
                };
                nodes.push((anchor, n as *const Node));
            });
            let published = crate::registry::published(v);
            for &(anchor, node) in &nodes {
                if anchor.is_empty() || !anchor.chars().all(safe_anchor_char) {
                    return Err(format!("unsafe anchor `{anchor}`"));
                }
                let found: Vec<_> = nodes.iter().filter(|(a, _)| *a == anchor).collect();
                if found.len() != 1 || found[0].1 != node {
                    return Err(format!("anchor `{anchor}` does not lead back to one node"));
                }
                if !published.contains_key(anchor) {
                    return Err(format!("anchor `{anchor}` is not published"));
                }
            }
            if published.len() != nodes.len() {
                return Err("the registry's view of the page differs from the page".into());
            }
        }
    }
    Ok(())
}

fn safe_anchor_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._()-".contains(c)
}

/// The reference resolver (`slug/version#anchor`, what `acquis diff`, the compare page and the
/// registry's redirects read) leads every anchor back to its own paragraph or heading, and
/// comparing the corpus never panics. The citation resolver runs inside `resolve` (so it is held
/// to "no panic"); that every citation it resolves names an anchor that exists is not checked here
/// yet.
pub fn citation_resolver_hook(corpus: &Corpus) -> Result<(), String> {
    use crate::compare::reference::parse;
    let _ = crate::compare::compare(corpus);
    for doc in &corpus.documents {
        for v in &doc.versions {
            let units = crate::compare::tokens::units(v, doc.meta.cite_name());
            for (anchor, _) in crate::registry::published(v) {
                let written = format!("{}/{}#{anchor}", doc.slug, v.meta.id);
                let reference = parse(&written).map_err(|e| format!("{written}: {e}"))?;
                let target = reference
                    .find(corpus)
                    .map_err(|e| format!("{written}: {e}"))?;
                let same_page = std::ptr::eq(target.version, v);
                let leads_back = reference.anchor.as_deref() == Some(anchor.as_str())
                    && units.iter().any(|u| u.reference.anchor == anchor);
                if !same_page || !leads_back {
                    return Err(format!("the reference `{written}` does not lead back"));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_body_keeps_every_invariant() {
        check_body("# MASTHEAD\n\n1\\. First.\n\n(a) Sub.\n\n## II. Part\n\n1\\. Again.\n")
            .unwrap();
    }

    #[test]
    fn bad_input_is_not_a_broken_invariant() {
        check_file("no front matter").unwrap();
        check_body("<b>html</b>").unwrap();
    }
}
