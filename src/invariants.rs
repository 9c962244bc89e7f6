//! Properties of the parser and resolver that hold for any input at all, as functions that the
//! property tests (`tests/properties.rs`) and the fuzz target (`fuzz/`) run on arbitrary text.
//!
//! Not a pipeline stage: it drives `parse` and `resolve` on one invented document (beside a fixed
//! one it can cite), in memory, and says which promise was broken. Errors in the input are fine; a panic, an unsafe anchor,
//! or an anchor that does not lead back to its own paragraph is not.

use crate::load::{LoadedContent, LoadedDocument, LoadedFile};
use crate::model::{CiteTarget, Corpus, Inline, Node, Version};

const SITE: &str = "title: T\nbase_url: https://example.org\nlanguage: en\ndescription: D\n";
const DOCUMENT: &str =
    "symbol: X.1\ntitle: T\nkind: decision\nbody: B\ndate: 2000\nstatus: s\ndescription: d\ncanonical: v\n";
const FRONT: &str = "---\nid: v\nlabel: L\nwitness: as-issued\ndate: 2000\nsource:\n  file: s.txt\n  lines: [[1, 2]]\n---\n";
/// A second, fixed document beside the invented one, so that arbitrary text can cite something
/// that exists ("PC.DEC/9, paragraph 2", "Section II of PC.DEC/9") and the citation resolver's
/// links can be followed.
const CITED_DOCUMENT: &str =
    "symbol: PC.DEC/9\ntitle: C\nkind: decision\nbody: B\ndate: 1999\nstatus: s\ndescription: d\ncanonical: v\n";
const CITED_VERSION: &str = "---\nid: v\nlabel: L\nwitness: as-issued\ndate: 1999\nsource:\n  file: s.txt\n  lines: [[1, 2]]\n---\n# DECISION No. 9\n\n1\\. First.\n\n2\\. Second:\n\n(a) a point;\n\n## II. Part\n\n1\\. Again.\n";

/// Parses `body` as the Markdown of a version (under valid front matter) and checks every
/// invariant; `Err` says which one broke.
pub fn check_body(body: &str) -> Result<(), String> {
    check_file(&format!("{FRONT}{body}"))
}

/// Whether `body` parses and resolves without errors (so that a generator of test input can
/// show that it reaches the resolver, not only the parser's error paths).
pub fn resolves(body: &str) -> bool {
    corpus_of(&format!("{FRONT}{body}")).is_some()
}

/// How many citations the resolver linked in `body` (none when it does not resolve), so that a
/// generator can show that it reaches the citation resolver's links, not only its errors.
pub fn linked_citations(body: &str) -> usize {
    let Some(corpus) = corpus_of(&format!("{FRONT}{body}")) else {
        return 0;
    };
    let mut n = 0;
    for v in corpus
        .documents
        .iter()
        .filter(|d| d.slug == "x-1")
        .flat_map(|d| &d.versions)
    {
        for_each_citation(v, &mut |_| n += 1);
    }
    n
}

/// The resolved corpus of a version file beside the fixed cited document; none on any error.
fn corpus_of(version_file: &str) -> Option<Corpus> {
    let (parsed, diags) = crate::parse::parse_content(&content(version_file));
    let parsed = parsed.filter(|_| !diags.iter().any(|d| d.is_error()))?;
    let (corpus, diags) = crate::resolve::resolve(parsed);
    (!diags.iter().any(|d| d.is_error())).then_some(corpus)
}

fn content(version_file: &str) -> LoadedContent {
    LoadedContent {
        site: Some(file("site.yaml", SITE)),
        external: None,
        citations: None,
        documents: vec![
            LoadedDocument {
                slug: "pc-dec-9".into(),
                meta: Some(file("pc-dec-9/document.yaml", CITED_DOCUMENT)),
                versions: vec![file("pc-dec-9/v.md", CITED_VERSION)],
            },
            LoadedDocument {
                slug: "x-1".into(),
                meta: Some(file("x-1/document.yaml", DOCUMENT)),
                versions: vec![file("x-1/v.md", version_file)],
            },
        ],
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
    references_lead_back(&corpus)?;
    citations_lead_to_what_they_name(&corpus).map(|_| ())
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
            // What the build checks the registry with is what `acquis lock` writes into it.
            let live = crate::registry::live(v);
            let agree = live.len() == published.len()
                && live
                    .iter()
                    .zip(&published)
                    .all(|((a, pid), (b, entry))| *a == b.as_str() && *pid == entry.pid.as_deref());
            if !agree {
                return Err(
                    "the anchors checked against the registry differ from those locked".into(),
                );
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
/// comparing the corpus never panics.
fn references_lead_back(corpus: &Corpus) -> Result<(), String> {
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

/// The citation resolver's round trip. Every citation it linked names a document of the corpus
/// and, where it names a paragraph or division, an anchor published on the canonical version of
/// the page that prints it; looking up the target's canonical citation as a reader types it
/// (`acquis resolve`, the /cite page) finds the same place (page and anchor); an external citation names an entry
/// of `external.yaml`; and every "cited by" entry leads to a paragraph or footnote that exists.
/// Public so that the test of the real corpus holds `content/` to it too; returns how many
/// citations it followed.
pub fn citations_lead_to_what_they_name(corpus: &Corpus) -> Result<usize, String> {
    let catalog = crate::cite::Catalog::of(corpus);
    let mut followed = 0;
    for doc in &corpus.documents {
        for v in &doc.versions {
            let mut targets = Vec::new();
            for_each_citation(v, &mut |t| targets.push(t.clone()));
            followed += targets.len();
            for target in &targets {
                target_exists(corpus, target).map_err(|e| format!("{}: {e}", v.file.display()))?;
                let CiteTarget::Document { citation, .. } = target else {
                    continue;
                };
                match catalog.lookup(citation) {
                    // The same place: an annex printed with another document (the Action Plan of
                    // PC.DEC/557 in MC.DEC/2/03) is cited under either, on one page.
                    Ok(answer) if answer.target.url() == target.url() => {}
                    Ok(answer) => {
                        return Err(format!(
                            "`{citation}` (cited in {}) looks up as {:?}, not {target:?}",
                            v.file.display(),
                            answer.target
                        ))
                    }
                    Err(nf) => {
                        return Err(format!(
                            "`{citation}` (cited in {}) does not look up: {}",
                            v.file.display(),
                            nf.message
                        ))
                    }
                }
            }
        }
    }
    let cited = &corpus.citations;
    for (page, anchors) in &cited.by_paragraph {
        for anchor in anchors.keys() {
            place_exists(corpus, page, None, anchor).map_err(|e| format!("cited by: {e}"))?;
        }
    }
    let citing = cited
        .by_document
        .values()
        .chain(cited.by_paragraph.values().flat_map(|m| m.values()));
    for entry in citing.flatten() {
        citing_place_exists(corpus, &entry.url).map_err(|e| format!("cited by: {e}"))?;
    }
    Ok(followed)
}

/// Calls `f` on the target of every citation in a version: masthead, headings, paragraphs and
/// footnotes.
fn for_each_citation<'a>(v: &'a Version, f: &mut impl FnMut(&'a CiteTarget)) {
    fn inlines<'a>(content: &'a [Inline], f: &mut impl FnMut(&'a CiteTarget)) {
        for inline in content {
            match inline {
                Inline::Citation { content, target } => {
                    f(target);
                    inlines(content, f);
                }
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => {
                    inlines(c, f)
                }
                _ => {}
            }
        }
    }
    for line in &v.masthead {
        inlines(line, f);
    }
    crate::resolve::walk(&v.body, &mut |node| match node {
        Node::Division(d) => inlines(&d.heading, f),
        Node::Paragraph(p) => inlines(&p.content, f),
    });
    for note in &v.footnotes {
        for para in &note.paragraphs {
            inlines(para, f);
        }
    }
}

/// A citation target exists: its document is in the corpus, and its page holds its anchor.
fn target_exists(corpus: &Corpus, target: &CiteTarget) -> Result<(), String> {
    match target {
        CiteTarget::External { id, .. } => corpus
            .citations
            .externals
            .iter()
            .any(|e| &e.id == id)
            .then_some(())
            .ok_or_else(|| format!("the external document `{id}` is not in external.yaml")),
        CiteTarget::Document {
            doc, page, anchor, ..
        } => {
            document(corpus, doc)?;
            match anchor {
                Some(anchor) => place_exists(corpus, page, None, anchor),
                None => document(corpus, page).map(|_| ()),
            }
        }
    }
}

/// The citing place of a "cited by" entry (`slug/#anchor` or `slug/version/#anchor`) exists.
fn citing_place_exists(corpus: &Corpus, url: &str) -> Result<(), String> {
    let (path, anchor) = url
        .split_once("/#")
        .ok_or_else(|| format!("`{url}` has no anchor"))?;
    match path.split_once('/') {
        Some((slug, version)) => place_exists(corpus, slug, Some(version), anchor),
        None => place_exists(corpus, path, None, anchor),
    }
}

/// The document `slug` (with text or cited only).
fn document<'a>(corpus: &'a Corpus, slug: &str) -> Result<&'a crate::model::Document, String> {
    corpus
        .documents
        .iter()
        .find(|d| d.slug == slug)
        .ok_or_else(|| format!("no document `{slug}`"))
}

/// Version `version` of document `slug` (its canonical version when none is named).
fn version_of<'a>(
    corpus: &'a Corpus,
    slug: &str,
    version: Option<&str>,
) -> Result<&'a Version, String> {
    let doc = document(corpus, slug)?;
    match version {
        Some(id) => doc.versions.iter().find(|v| v.meta.id == id),
        None => doc.canonical(),
    }
    .ok_or_else(|| format!("`{slug}` has no version {}", version.unwrap_or("with text")))
}

/// The page of `slug` (`version`, or its main page) publishes `anchor`, a paragraph or heading
/// anchor or a footnote's (`fn-12`).
fn place_exists(
    corpus: &Corpus,
    slug: &str,
    version: Option<&str>,
    anchor: &str,
) -> Result<(), String> {
    let v = version_of(corpus, slug, version)?;
    let exists = match anchor.strip_prefix("fn-") {
        Some(label) => v.footnotes.iter().any(|n| n.label == label),
        None => crate::registry::published(v).contains_key(anchor),
    };
    match exists {
        true => Ok(()),
        false => Err(format!(
            "`{slug}/{}#{anchor}` is not an anchor of the page",
            version.unwrap_or("")
        )),
    }
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
    fn a_citation_of_the_fixed_document_is_linked_and_leads_back() {
        let body = "1\\. As paragraph 2 of PC.DEC/9 and Part II of PC.DEC/9 say.\n";
        // Each citation links its paragraph (`paragraph 2`) and its document (`PC.DEC/9`).
        assert_eq!(linked_citations(body), 4);
        check_body(body).unwrap();
    }

    #[test]
    fn a_citation_of_a_missing_paragraph_breaks_the_round_trip() {
        let mut corpus =
            corpus_of(&format!("{FRONT}1\\. As paragraph 2 of PC.DEC/9 says.\n")).unwrap();
        citations_lead_to_what_they_name(&corpus).unwrap();
        let x = corpus
            .documents
            .iter_mut()
            .find(|d| d.slug == "x-1")
            .unwrap();
        let Node::Paragraph(p) = &mut x.versions[0].body[0] else {
            panic!("a paragraph first");
        };
        let target = p
            .content
            .iter_mut()
            .find_map(|i| match i {
                Inline::Citation { target, .. } => Some(target),
                _ => None,
            })
            .unwrap();
        let CiteTarget::Document { anchor, .. } = &mut **target else {
            panic!("a document target");
        };
        *anchor = Some("99".into());
        let err = citations_lead_to_what_they_name(&corpus).unwrap_err();
        assert!(err.contains("is not an anchor"), "{err}");
    }

    #[test]
    fn bad_input_is_not_a_broken_invariant() {
        check_file("no front matter").unwrap();
        check_body("<b>html</b>").unwrap();
    }
}
