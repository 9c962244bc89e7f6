//! Resolves the parsed corpus: builds each version's tree with anchors and permanent ids, links
//! the citations between texts (`citations`, `provenance`), and checks what only the whole corpus
//! can show (duplicate anchors, symbols claimed twice, anachronisms, relation cycles).

mod citations;
mod linker;
mod path;
mod provenance;
mod sequence;
mod splice;
mod structure;

use crate::diagnostics::{Capped, Diagnostic};
use crate::model::{
    Corpus, Document, DocumentMeta, Inline, Location, Node, ParsedCorpus, ParsedDocument,
    SourceText, Version,
};
pub use linker::{Linker, Relinked};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Ids the theme uses on version pages; content anchors must not take them.
pub const RESERVED_IDS: [&str; 21] = [
    "top",
    "main",
    "toc",
    "toc-title",
    "site-nav",
    "masthead",
    "versions",
    "footnotes",
    "footnotes-title",
    "apparatus-title",
    "retired-title",
    "provenance",
    "provenance-title",
    "cited-by",
    "cited-by-title",
    "site-q",
    "cite",
    "cite-title",
    "cite-text",
    "cite-bibtex",
    "cite-csl",
];

/// Prefixes of the ids the theme gives footnotes and editorial notes (`fn-1`, `edref-3`).
pub const RESERVED_PREFIXES: [&str; 4] = ["fn-", "fnref-", "ed-", "edref-"];

/// Resolves every document.
pub fn resolve(parsed: ParsedCorpus) -> (Corpus, Vec<Diagnostic>) {
    let mut diagnostics = check_symbols(
        parsed
            .documents
            .iter()
            .map(|d| (&d.meta, d.meta_file.as_path())),
    );
    let results: Vec<(Document, Vec<Diagnostic>)> = parsed
        .documents
        .into_par_iter()
        .map(resolve_document)
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    for (doc, diags) in results {
        diagnostics.extend(diags);
        documents.push(doc);
    }
    diagnostics.extend(check_annex_links(&documents));
    let (citations, cite_diags) =
        linker::link_once(&mut documents, &parsed.externals, &parsed.citation_rules);
    diagnostics.extend(cite_diags);
    (
        Corpus {
            site: parsed.site,
            documents,
            registry: Default::default(),
            citations,
        },
        diagnostics,
    )
}

/// Resolves one document on its own: what an incremental rebuild redoes for the document an
/// editor changed.
pub fn resolve_document(doc: ParsedDocument) -> (Document, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let cite = doc.meta.cite_name().to_owned();
    let versions = doc
        .versions
        .into_iter()
        .map(|v| {
            let (mut version, d) = structure::build(v, &cite);
            diags.extend(d);
            diags.extend(check_anchors(&version, &version.markdown));
            diags.extend(sequence::check(&version));
            place_notes(&mut version);
            version
        })
        .collect();
    let doc = Document {
        slug: doc.slug,
        meta: doc.meta,
        meta_file: doc.meta_file,
        versions,
    };
    (doc, diags)
}

/// The checks only the whole corpus can make (symbols claimed twice, annex links), over
/// resolved documents: what an incremental rebuild redoes after resolving one document.
pub fn check_corpus(documents: &[Document]) -> Vec<Diagnostic> {
    let mut diags = check_symbols(documents.iter().map(|d| (&d.meta, d.meta_file.as_path())));
    diags.extend(check_annex_links(documents));
    diags
}

/// Two documents may not claim the same symbol or alias, nor two that read alike once slugged
/// (`MC.X/1` and `MC X 1`: citations and URLs could not tell them apart).
fn check_symbols<'a>(
    documents: impl Iterator<Item = (&'a DocumentMeta, &'a std::path::Path)>,
) -> Vec<Diagnostic> {
    let mut seen: HashMap<String, (&str, &std::path::Path)> = HashMap::new();
    let mut diags = Vec::new();
    for (meta, meta_file) in documents {
        let names = meta
            .symbol
            .iter()
            .chain(meta.short_title.iter())
            .chain(meta.aliases.iter());
        let mut own = std::collections::HashSet::new();
        for name in names {
            let key = crate::slug::slugify(name);
            if key.is_empty() || !own.insert(key.clone()) {
                continue;
            }
            if let Some((first_name, first)) = seen.get(&key) {
                let loc = Location {
                    file: meta_file.into(),
                    line: 1,
                    col: 1,
                };
                let first_loc = Location {
                    file: (*first).into(),
                    line: 1,
                    col: 1,
                };
                let message = match first_name.eq_ignore_ascii_case(name) {
                    true => format!("`{name}` is claimed by two documents"),
                    false => format!(
                        "`{name}` and `{first_name}` name two documents alike (both read as `{key}`)"
                    ),
                };
                diags.push(
                    Diagnostic::error(loc, message)
                        .related(first_loc, "also claimed here")
                        .help(
                            "a symbol or alias must name one document: remove it from one of them",
                        ),
                );
            } else {
                seen.insert(key, (name.as_str(), meta_file));
            }
        }
    }
    diags
}

/// Anchors are unique on a page; a collision names both places.
fn check_anchors(version: &Version, text: &SourceText) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<String, Location> = BTreeMap::new();
    for id in RESERVED_IDS {
        seen.insert(
            id.to_owned(),
            Location {
                file: "themes (reserved id)".into(),
                line: 0,
                col: 0,
            },
        );
    }
    let mut diags = Capped::default();
    let mut visit = |anchor: &str, loc: &Location, numbered: bool| {
        if let Some(prefix) = RESERVED_PREFIXES.iter().find(|p| anchor.starts_with(*p)) {
            diags.push_with(|| {
                Diagnostic::error(loc.clone(), format!("the anchor `{anchor}` starts with `{prefix}`, which the theme uses for footnotes and notes"))
                    .snippet(&text.text(), 1)
                    .help("choose another explicit anchor (`{#...}`)")
            });
        } else if let Some(first) = seen.get(anchor) {
            let help = match numbered {
                true => "the same number twice in one list is usually a slip: correct it as the source prints it; if the source repeats it, end one of them with an explicit anchor `{#other-anchor}`",
                false => "give one of them an explicit anchor by ending it with `{#other-anchor}`, or put the repeated numbering under a heading with `{#name}`",
            };
            diags.push_with(|| {
                Diagnostic::error(
                    loc.clone(),
                    format!("two places in this version have the anchor `{anchor}`"),
                )
                .snippet(&text.text(), 1)
                .related(first.clone(), "first here")
                .help(help)
            });
        } else {
            seen.insert(anchor.to_owned(), loc.clone());
        }
    };
    walk(&version.body, &mut |node| match node {
        Node::Division(d) => visit(&d.anchor, &d.location, false),
        Node::Paragraph(p) => visit(&p.anchor, &p.location, p.num.is_some()),
    });
    diags.finish()
}

/// Visits every node, depth first.
pub fn walk<'a>(nodes: &'a [Node], f: &mut impl FnMut(&'a Node)) {
    for node in nodes {
        f(node);
        match node {
            Node::Division(d) => walk(&d.children, f),
            Node::Paragraph(p) => walk(&p.children, f),
        }
    }
}

/// Gives each editorial note the anchor of the paragraph or heading that holds it.
fn place_notes(version: &mut Version) {
    let mut places: Vec<(usize, String)> = Vec::new();
    walk(&version.body, &mut |node| {
        let (content, anchor) = match node {
            Node::Division(d) => (&d.heading, &d.anchor),
            Node::Paragraph(p) => (&p.content, &p.anchor),
        };
        note_indices(content, &mut |i| places.push((i, anchor.to_string())));
    });
    for line in &version.masthead {
        note_indices(line, &mut |i| places.push((i, "masthead".to_owned())));
    }
    for f in &version.footnotes {
        for para in &f.paragraphs {
            note_indices(para, &mut |i| places.push((i, format!("fn-{}", f.label))));
        }
    }
    for (i, anchor) in places {
        if let Some(note) = version.notes.get_mut(i) {
            note.anchor = anchor;
        }
    }
}

fn note_indices(content: &[Inline], f: &mut impl FnMut(usize)) {
    for inline in content {
        match inline {
            Inline::Note(i) => f(*i),
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Link { content: c, .. }
            | Inline::Citation { content: c, .. } => note_indices(c, f),
            _ => {}
        }
    }
}

/// `annex_printed_in` must name a document of the corpus that has text.
fn check_annex_links(documents: &[Document]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for doc in documents {
        let Some(target) = &doc.meta.annex_printed_in else {
            continue;
        };
        let ok = documents
            .iter()
            .any(|d| &d.slug == target && !d.versions.is_empty());
        if !ok {
            let loc = Location {
                file: (&doc.meta_file).into(),
                line: 1,
                col: 1,
            };
            diags.push(
                Diagnostic::error(
                    loc,
                    format!("`annex_printed_in: {target}` does not name a document with text"),
                )
                .help("give the slug (folder name) of the document whose version prints the annex"),
            );
        }
    }
    diags
}
