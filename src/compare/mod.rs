//! Compares texts: aligns the versions of each document (whatever their numbering), diffs them
//! word by word, and finds paragraphs that repeat or adapt paragraphs of other documents.
//!
//! It reads the resolved [`Corpus`] and returns a [`Comparison`] that `render` turns into pages
//! (diffs, concordances, quotations) and the command line into text. Steps: [`tokens`] (units as
//! tokens carrying their editorial notes), [`align`] (pairs of units across two versions),
//! [`diff`] (word diffs and similarity, with the `similar` crate), [`quote`] (the quotation
//! finder), [`reference`](mod@reference) (`slug/version#anchor` references for the command line).

pub mod align;
mod comparer;
pub mod diff;
pub mod quote;
pub mod reference;
pub mod tokens;

pub use comparer::Comparer;

use crate::diagnostics::Diagnostic;
use crate::model::{Comparison, Corpus, Document, Location, Row, Version, VersionPair};
use std::collections::{BTreeMap, BTreeSet};
use xxhash_rust::xxh3::Xxh3;

/// Version ids that would take the URL of a comparison page of their document.
pub const RESERVED_VERSION_IDS: [&str; 2] = ["diff", "concordance"];

/// Compares the whole corpus: every pair of versions of every document, and the quotations.
/// The full build's comparison; [`Comparer`] computes it the same way and keeps it up to date
/// (this keeps nothing for updates: the quotation finder's index is the largest thing a build
/// holds while it compares).
pub fn compare(corpus: &Corpus) -> (Comparison, Vec<Diagnostic>) {
    // The quotation finder first: its index is the largest transient allocation of the stage,
    // and the word diffs, which stay until the pages are rendered, are not made yet.
    let quotations = quote::find(corpus);
    let (pairs, _, diagnostics) = comparer::compare_documents(corpus);
    (Comparison { pairs, quotations }, diagnostics)
}

/// What comparing one document alone finds: its pairs of versions, the problems of its version
/// ids ([`check_names`]) and those of its alias ids ([`check_aliases`]).
fn compare_document(doc: &Document) -> (Vec<VersionPair>, Vec<Diagnostic>, Vec<Diagnostic>) {
    let pairs = version_pairs(doc);
    let aliases = pairs.iter().flat_map(|p| check_aliases(doc, p)).collect();
    (pairs, check_names(doc), aliases)
}

/// The versions of `doc` in base order: by date, then the canonical one, then by id.
pub fn base_order(doc: &Document) -> Vec<&Version> {
    let mut versions: Vec<&Version> = doc.versions.iter().collect();
    let canonical = doc.meta.canonical.as_deref();
    versions.sort_by_key(|v| {
        (
            v.meta.date,
            canonical != Some(v.meta.id.as_str()),
            v.meta.id.clone(),
        )
    });
    versions
}

/// Every pair of versions of `doc`, the earlier (or canonical) one as base.
fn version_pairs(doc: &Document) -> Vec<VersionPair> {
    let versions = base_order(doc);
    let mut out = Vec::new();
    for (i, a) in versions.iter().enumerate() {
        for b in &versions[i + 1..] {
            out.push(VersionPair {
                slug: doc.slug.clone(),
                a: a.meta.id.clone(),
                b: b.meta.id.clone(),
                rows: align_versions(doc, a, doc, b),
            });
        }
    }
    out
}

/// The rows aligning version `a` of `doc_a` with version `b` of `doc_b` (usually one document).
pub fn align_versions(doc_a: &Document, a: &Version, doc_b: &Document, b: &Version) -> Vec<Row> {
    let units_a = tokens::units(a, doc_a.meta.cite_name());
    let units_b = tokens::units(b, doc_b.meta.cite_name());
    align::align(&units_a, &units_b)
}

/// The id that stands, on the page of one version, for the paragraph `anchor` of version
/// `version` (`compilation:9`): an anchor written in another version's numbering.
pub fn alias_id(version: &str, anchor: &str) -> String {
    format!("{version}:{anchor}")
}

/// Version ids must leave the comparison pages their URLs (slugs: [`crate::ids::SITE_FOLDERS`]).
fn check_names(doc: &Document) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for v in &doc.versions {
        if RESERVED_VERSION_IDS.contains(&v.meta.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    start_of(&v.file),
                    format!(
                        "the version id `{}` is the URL of the document's {} page",
                        v.meta.id, v.meta.id
                    ),
                )
                .help(
                    "choose another version id (and file name), such as `issued` or `revision-1`",
                ),
            );
        }
    }
    diags
}

/// An alias id (`compilation:9`) must not be an anchor of the page it is written on.
fn check_aliases(doc: &Document, pair: &VersionPair) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (page, other) in [(&pair.a, &pair.b), (&pair.b, &pair.a)] {
        let Some(version) = doc.versions.iter().find(|v| &v.meta.id == page) else {
            continue;
        };
        let anchors: BTreeSet<&str> = version
            .paragraphs()
            .into_iter()
            .map(|p| p.anchor.as_str())
            .filter(|a| a.contains(':'))
            .collect();
        for row in pair.aligned() {
            let foreign = if page == &pair.a { &row.b } else { &row.a };
            let id = alias_id(other, &foreign.anchor);
            if anchors.contains(id.as_str()) {
                diags.push(
                    Diagnostic::error(
                        start_of(&version.file),
                        format!("the anchor `{id}` is also how this page names paragraph `{}` of the version `{other}`", foreign.anchor),
                    )
                    .help("`version:anchor` ids are reserved for anchors written in another version's numbering: choose another explicit anchor"),
                );
            }
        }
    }
    diags
}

fn start_of(file: &std::path::Path) -> Location {
    Location {
        file: file.into(),
        line: 1,
        col: 1,
    }
}

/// A digest, for each document, of what the comparison says about it (its version pairs and the
/// quotations its paragraphs take part in): what the documents [`Comparer::update`] says it
/// touched are held to in `tests/compare.rs` (every document whose digest changed must be among
/// them). `serve` does not compute it: over the whole comparison it costs ~75 ms at 10,000
/// documents.
pub fn digests(comparison: &Comparison) -> BTreeMap<String, u64> {
    fn feed<'a, T: serde::Serialize>(
        hashers: &mut BTreeMap<&'a str, Xxh3>,
        slug: &'a str,
        value: &T,
    ) {
        let h = hashers.entry(slug).or_default();
        h.update(&serde_json::to_vec(value).expect("the comparison serialises"));
        h.update(b"\0");
    }
    let mut hashers: BTreeMap<&str, Xxh3> = BTreeMap::new();
    for pair in &comparison.pairs {
        feed(&mut hashers, &pair.slug, pair);
    }
    let quotations = &comparison.quotations;
    for (key, indices) in &quotations.by_paragraph {
        let slug = key.split('/').next().unwrap_or_default();
        feed(&mut hashers, slug, key);
        for &i in indices {
            feed(&mut hashers, slug, &quotations.pairs[i]);
        }
    }
    hashers
        .into_iter()
        .map(|(slug, h)| (slug.to_owned(), h.digest()))
        .collect()
}

#[cfg(test)]
mod digest_tests {
    use super::*;
    use crate::model::{Quotations, UnitKind, UnitRef, Unmatched};

    fn unit(anchor: &str) -> Unmatched {
        Unmatched {
            unit: UnitRef {
                kind: UnitKind::Paragraph,
                anchor: anchor.into(),
                label: anchor.into(),
                index: 0,
            },
            tokens: Vec::new(),
        }
    }

    #[test]
    fn a_documents_digest_changes_with_its_pairs_and_no_other() {
        let pair = |slug: &str, anchor: &str| VersionPair {
            slug: slug.into(),
            a: "a".into(),
            b: "b".into(),
            rows: vec![Row::OnlyA(vec![unit(anchor)]), Row::OnlyB(vec![unit("x")])],
        };
        let before = Comparison {
            pairs: vec![pair("one", "1"), pair("two", "1")],
            quotations: Quotations::default(),
        };
        let after = Comparison {
            pairs: vec![pair("one", "2"), pair("two", "1")],
            quotations: Quotations::default(),
        };
        let (b, a) = (digests(&before), digests(&after));
        assert_ne!(b["one"], a["one"]);
        assert_eq!(b["two"], a["two"]);
    }
}
