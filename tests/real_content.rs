//! Builds the real `content/` and checks the invariants every published site must keep.

mod common;

use acquis::model::{Corpus, Node};
use acquis::BuildConfig;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(out: &Path) -> acquis::Built {
    let config = BuildConfig {
        search: true,
        content: root().join("content"),
        theme: root().join("themes/default"),
        out: out.to_path_buf(),
        minify: false,
        deny_warnings: false,
    };
    match acquis::build(&config) {
        Ok(b) => b,
        Err(acquis::Error::Content(d)) => {
            panic!("{}", d.iter().map(|d| d.to_string()).collect::<String>())
        }
        Err(e) => panic!("{e}"),
    }
}

fn anchors(corpus: &Corpus, slug: &str) -> BTreeSet<String> {
    let doc = corpus
        .documents
        .iter()
        .find(|d| d.slug == slug)
        .unwrap_or_else(|| panic!("no document {slug}"));
    let mut out = BTreeSet::new();
    for v in &doc.versions {
        acquis::resolve::walk(&v.body, &mut |n| {
            out.insert(match n {
                Node::Division(d) => d.anchor.to_string(),
                Node::Paragraph(p) => p.anchor.to_string(),
            });
        });
    }
    out
}

#[test]
fn the_real_corpus_builds_with_every_page_and_unique_anchors_that_resolve() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let built = build(&out);
    assert!(built.warnings.iter().all(|w| !w.is_error()));

    for doc in &built.corpus.documents {
        assert!(
            out.join(&doc.slug).join("index.html").is_file(),
            "{} has no page",
            doc.slug
        );
        for v in &doc.versions {
            assert!(
                out.join(&doc.slug)
                    .join(&v.meta.id)
                    .join("index.html")
                    .is_file(),
                "{}/{} has no page",
                doc.slug,
                v.meta.id
            );
        }
    }
    for page in [
        "index.html",
        "documents/index.html",
        "notes/index.html",
        "assets/style.css",
        "assets/site.js",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }

    let problems = common::id_problems(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let links = common::link_problems(&out);
    assert!(links.is_empty(), "{}", links.join("\n"));
}

#[test]
fn the_anchors_that_read_as_citations_exist() {
    let tmp = tempfile::tempdir().unwrap();
    let built = build(&tmp.path().join("site"));
    let c = &built.corpus;
    for (slug, anchor) in [
        ("mc-dec-2-03", "annex.III.2.7"),
        ("mc-dec-2-03", "annex.III.1.2.indent1"),
        ("mc-dec-2-03", "2(a)"),
        ("mc-dec-2-03", "2(i)"),
        ("mc-dec-2-03", "annex.V"),
        ("moscow-document-1991", "40"),
        ("moscow-document-1991", "40.7"),
        ("osce-pa-bucharest-declaration", "106"),
        ("osce-pa-bucharest-declaration", "107"),
    ] {
        assert!(
            anchors(c, slug).contains(anchor),
            "{slug} has no anchor {anchor}; it has {:?}",
            anchors(c, slug).iter().take(40).collect::<Vec<_>>()
        );
    }
    let action_plan_page =
        fs::read_to_string(tmp.path().join("site/mc-dec-2-03/index.html")).unwrap();
    assert!(action_plan_page.contains(r##"<a class="self" href="#annex.III.2.7" aria-label="Link to MC.DEC/2/03, Annex, III.2.7" title="MC.DEC/2/03, Annex, III.2.7">"##));
}

#[test]
fn every_editorial_note_is_listed_on_the_notes_page_and_on_its_version_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let built = build(&out);
    let notes_page = fs::read_to_string(out.join("notes/index.html")).unwrap();
    let mut total = 0;
    for doc in &built.corpus.documents {
        for v in &doc.versions {
            total += v.notes.len();
            let page = fs::read_to_string(out.join(&doc.slug).join(&v.meta.id).join("index.html"))
                .unwrap();
            for (i, note) in v.notes.iter().enumerate() {
                assert!(
                    page.contains(&format!("id=\"ed-{}\"", i + 1)),
                    "{}: note {} missing",
                    v.file.display(),
                    i + 1
                );
                assert!(
                    !note.anchor.is_empty(),
                    "{}: note {} is not placed",
                    v.file.display(),
                    i + 1
                );
                assert!(
                    notes_page.contains(&format!("{}/{}/#{}", doc.slug, v.meta.id, note.anchor))
                );
            }
        }
    }
    assert!(
        total >= 20,
        "the corpus should carry its OCR corrections; found {total} notes"
    );
    assert!(notes_page.contains(&format!("{total} notes in all")));
}

#[test]
fn two_builds_of_the_real_corpus_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&a);
    build(&b);
    let files = |d: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(d)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(d).unwrap().to_path_buf(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    };
    assert!(files(&a) == files(&b), "the two builds differ");
}
