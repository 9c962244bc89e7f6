//! Smoke test of `acquis generate`, the benchmarks' corpus (BENCHMARKS.md): a small generated
//! corpus builds without a diagnostic, its citations resolve to links that exist, and its revised
//! documents get diff pages, so the benchmarks time the whole pipeline. No timing here: speed is
//! measured by `scripts/bench.sh`, not by tests. Also: `--no-search` leaves out only the index.

mod common;

use common::*;
use std::path::Path;

#[test]
fn a_generated_corpus_builds_cleanly_with_resolved_citations_and_diffs() {
    let (_tmp, content) = generated(40, 7);
    // A published corpus keeps an anchor registry; without one the build warns.
    acquis::lock(&config(&content, Path::new("unused"), false), false).unwrap();
    let built = compile(&content);
    assert!(built.warnings.is_empty(), "{}", show(&built.warnings));
    assert_eq!(built.corpus.documents.len(), 40);
    let site = site_of(&content, false);
    assert_eq!(link_problems(&site.out), Vec::<String>::new());
    let pages = html_pages(&site.out);
    let diffs = pages
        .iter()
        .filter(|p| p.components().any(|c| c.as_os_str() == "diff"))
        .count();
    assert!(diffs >= 4, "{diffs} diff pages for 4 revised documents");
    let href = regex::Regex::new(r##"href="\.\./\.\./([^/"#]+)/"##).unwrap();
    let cross_links = pages
        .iter()
        .filter(|p| p.ends_with("index.html") && p.components().count() == 3)
        .filter(|p| {
            let own = p.components().next().unwrap().as_os_str().to_str().unwrap();
            let html = site.page(p.to_str().unwrap());
            href.captures_iter(&html)
                .any(|c| &c[1] != own && &c[1] != "documents")
        })
        .count();
    assert!(
        cross_links > 10,
        "only {cross_links} version pages link to another document"
    );
}

#[test]
fn no_search_leaves_out_only_the_search_index() {
    let tmp = tempfile::tempdir().unwrap();
    let (with, without) = (tmp.path().join("with"), tmp.path().join("without"));
    build(&fixture(), &with, false);
    let mut cfg = config(&fixture(), &without, false);
    cfg.search = false;
    acquis::build(&cfg).unwrap();
    let (a, b) = (tree(&with), tree(&without));
    let in_index = |p: &std::path::PathBuf| p.starts_with("pagefind");
    assert!(
        a.keys().any(in_index),
        "the default build has a search index"
    );
    assert!(!b.keys().any(in_index), "--no-search writes none");
    let rest: Vec<_> = a.keys().filter(|p| !in_index(p)).collect();
    assert_eq!(rest, b.keys().collect::<Vec<_>>());
}

/// The timeline renders a lane's entries a batch at a time: a lane longer than a batch still
/// lists every document once, in date order, as many as its count says. So do the home page's
/// list of texts and the index of documents.
#[test]
fn long_lists_rendered_in_batches_list_every_document_once() {
    let (_tmp, content) = generated(700, 3);
    let built = compile(&content);
    let html = built_text(&built, "timeline/index.html");
    let count = regex::Regex::new(
        r##"<a href="#(lane-[^"]+)">[^<]*</a> <span class="meta">\((\d+)\)</span>"##,
    )
    .unwrap();
    let counts: Vec<(String, usize)> = count
        .captures_iter(&html)
        .map(|c| (c[1].to_owned(), c[2].parse().unwrap()))
        .collect();
    assert!(
        counts.iter().any(|(_, n)| *n > 256),
        "a lane longer than a batch: {counts:?}"
    );
    let entry = regex::Regex::new(
        r##"<time datetime="([^"]+)">[^<]*</time>\s*<a href="\.\./([^"]+)"><span class="sym">"##,
    )
    .unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for (id, n) in &counts {
        let start = html
            .find(&format!(
                "<section class=\"lane\" aria-labelledby=\"{id}\">"
            ))
            .unwrap();
        let section = &html[start..start + html[start..].find("</section>").unwrap()];
        let entries: Vec<(String, String)> = entry
            .captures_iter(section)
            .map(|c| (c[1].to_owned(), c[2].to_owned()))
            .collect();
        assert_eq!(entries.len(), *n, "{id}");
        assert!(
            entries.windows(2).all(|w| w[0].0 <= w[1].0),
            "{id} in date order"
        );
        for (_, url) in entries {
            assert!(seen.insert(url.clone()), "{url} listed twice");
        }
    }
    assert_eq!(seen.len(), built.corpus.documents.len());
    // The home page and the index of documents render their lists in batches too.
    let links = |html: &str| -> Vec<String> {
        let link =
            regex::Regex::new(r#"<li><a href="(?:\.\./)?([^"]+)"><span class="sym">"#).unwrap();
        link.captures_iter(html).map(|c| c[1].to_owned()).collect()
    };
    let with_text = built
        .corpus
        .documents
        .iter()
        .filter(|d| !d.versions.is_empty())
        .count();
    let home = built_text(&built, "index.html");
    let recent = &home[home.find("id=\"recent\"").unwrap()..];
    let listed = links(recent);
    assert!(listed.len() > 256, "more texts than a batch");
    assert_eq!(listed.len(), with_text);
    assert_eq!(
        listed
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        with_text
    );
    let index = built_text(&built, "documents/index.html");
    let (by_body, by_year) = index.split_at(index.find("id=\"by-year\"").unwrap());
    for half in [by_body, by_year] {
        let mut listed = links(half);
        listed.sort();
        let mut all: Vec<String> = built
            .corpus
            .documents
            .iter()
            .map(|d| format!("{}/", d.slug))
            .collect();
        all.sort();
        assert_eq!(listed, all, "every document once");
    }
}
