//! The search index, queried by Pagefind's own search code (pagefind.js and its WebAssembly,
//! run by node) over the files the build wrote: known phrases of the corpus are found, each
//! result names the paragraph by its citation, opens its anchor and marks the match, and the
//! filters narrow the results.

mod common;

use common::*;
use serde_json::{json, Value};
use std::process::Command;

/// Runs `queries` through the index of the site in `site` with `tests/search/query.mjs`.
fn search(site: &BuiltSite, queries: Value) -> Option<Value> {
    let node = tool("node", "apt-get install nodejs")?;
    let file = site.out.parent().unwrap().join("queries.json");
    std::fs::write(&file, queries.to_string()).unwrap();
    let out = Command::new(node)
        .arg(root().join("tests/search/query.mjs"))
        .arg(&site.out)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "node failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("the script prints JSON"))
}

/// Every paragraph result (sub-result) of a query, as (url, title, excerpt).
fn paragraphs(query: &Value) -> Vec<(String, String, String)> {
    query["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["sub_results"].as_array().unwrap().iter())
        .map(|s| {
            let field = |k: &str| s[k].as_str().unwrap_or_default().to_owned();
            (field("url"), field("title"), field("excerpt"))
        })
        .collect()
}

#[test]
fn a_phrase_leads_to_its_paragraph_with_the_citation_and_the_match_marked() {
    let site = build_site(&fixture());
    let Some(out) = search(
        &site,
        json!([
            { "term": "counter-examples" },
            { "term": "examples", "filters": { "Kind": "document" } },
            { "term": "examples", "filters": { "Issuing body": "Ministerial Council" } },
            { "term": "zebra" }
        ]),
    ) else {
        return;
    };
    let q = &out["queries"];
    let hits = paragraphs(&q[0]);
    let (url, title, excerpt) = hits
        .iter()
        .find(|(u, _, _)| u.ends_with("#40.7"))
        .unwrap_or_else(|| panic!("no hit on 40.7: {hits:#?}"));
    assert_eq!(url, "/exampleton-document-1990/#40.7");
    assert_eq!(title, "Exampleton Document 1990, 40.7");
    assert!(
        excerpt.contains("<mark>counter-examples.</mark>"),
        "{excerpt}"
    );
    assert!(
        hits.iter().any(
            |(u, t, _)| u == "/mc-x-1/#recalling-its-earlier-decisions-2"
                && t.starts_with("MC.X/1, “Recalling")
        ),
        "{hits:#?}"
    );
    let only_documents: Vec<&str> = q[1]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        only_documents,
        ["/exampleton-document-1990/"],
        "the kind filter"
    );
    let council = q[2]["results"].as_array().unwrap();
    assert!(!council.is_empty());
    assert!(council
        .iter()
        .all(|r| r["url"].as_str().unwrap().starts_with("/mc-x-1/")));
    assert_eq!(q[3]["count"], 0, "a word of no text finds nothing");
    for filter in ["Issuing body", "Kind", "Year"] {
        assert!(out["filters"][filter].is_object(), "filter {filter}");
    }
    assert_eq!(out["filters"]["Year"]["1990"], 1);
}

#[test]
fn every_version_is_indexed_under_its_own_url() {
    let site = build_site(&fixture());
    let Some(out) = search(&site, json!([{ "term": "Decides to endorse" }])) else {
        return;
    };
    let urls: Vec<&str> = out["queries"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap())
        .collect();
    assert!(urls.contains(&"/mc-x-1/"), "the main version: {urls:?}");
    assert!(
        urls.contains(&"/mc-x-1/issued/"),
        "the other version: {urls:?}"
    );
}

#[test]
fn known_phrases_of_the_real_corpus_are_found_at_their_paragraph() {
    let site = build_site(&root().join("content"));
    let Some(out) = search(
        &site,
        json!([
            { "term": "seek to eliminate all forms of violence against women" },
            { "term": "Encouraging investigators and prosecutors" },
            { "term": "trafficking", "filters": { "Year": "2003" } }
        ]),
    ) else {
        return;
    };
    let q = &out["queries"];
    let moscow = paragraphs(&q[0]);
    assert!(
        moscow
            .iter()
            .any(|(u, t, e)| u == "/moscow-document-1991/#40.7"
                && t.ends_with("40.7")
                && e.contains("<mark>")),
        "{moscow:#?}"
    );
    let action_plan = paragraphs(&q[1]);
    assert!(
        action_plan
            .iter()
            .any(|(u, t, _)| u == "/mc-dec-2-03/#annex.III.2.7"
                && t == "MC.DEC/2/03, Annex, III.2.7"),
        "{action_plan:#?}"
    );
    let in_2003 = q[2]["results"].as_array().unwrap();
    assert!(!in_2003.is_empty());
    let years: Vec<u16> = site
        .built
        .corpus
        .documents
        .iter()
        .filter(|d| {
            in_2003.iter().any(|r| {
                r["url"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("/{}/", d.slug))
            })
        })
        .map(|d| d.meta.date.year)
        .collect();
    assert!(years.iter().all(|y| *y == 2003), "{years:?}");
}
