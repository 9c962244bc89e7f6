//! The data of the /cite page: the grammar's names and patterns, each document's key facts, and
//! for each document with text the citations and texts of its paragraphs.
//!
//! The data is JSON wrapped in a one-line script (`window.ACQUIS_CITE = {…};`), because a browser
//! refuses to fetch JSON from a page opened as a plain file; a `<script>` element may load it.
//! The index is small; each document's paragraphs are a file of their own, loaded on demand.

use crate::cite::names::Referent;
use crate::cite::patterns::sources;
use crate::cite::{Catalog, DocEntry};
use crate::model::PartialDate;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// `cite/index.js`: everything the script needs to read a citation and find its document.
pub fn index(catalog: &Catalog) -> String {
    let mut referents: Vec<&Referent> = Vec::new();
    let mut ids: HashMap<&Referent, usize> = HashMap::new();
    let mut names: Vec<(&str, usize)> = catalog
        .grammar
        .names
        .entries()
        .map(|(name, r)| {
            let i = *ids.entry(r).or_insert_with(|| {
                referents.push(r);
                referents.len() - 1
            });
            (name, i)
        })
        .collect();
    names.sort_unstable();
    let referents: Vec<Value> = referents.iter().map(|r| json!(r)).collect();
    let mut places: Vec<&String> = catalog.grammar.places.iter().collect();
    places.sort_unstable();
    let docs: BTreeMap<&str, Value> = catalog
        .docs
        .values()
        .map(|d| (d.slug.as_str(), doc_facts(d)))
        .collect();
    let externals: BTreeMap<&str, Value> = catalog
        .externals
        .iter()
        .map(|(id, e)| {
            let facts = json!({"short": e.short, "label": e.label, "date": e.date.map(date)});
            (id.as_str(), facts)
        })
        .collect();
    let data = json!({
        "patterns": sources(),
        "names": names,
        "referents": referents,
        "places": places,
        "docs": docs,
        "externals": externals,
    });
    format!("window.ACQUIS_CITE = {data};\n")
}

/// `cite/docs/<slug>.js`: the anchors of a document's canonical version with their citations and
/// texts, in reading order.
pub fn document(d: &DocEntry) -> String {
    let anchors: Vec<Value> = d
        .anchors
        .iter()
        .map(|a| json!([a.anchor, a.citation, a.text]))
        .collect();
    let slug = serde_json::to_string(&d.slug).expect("a string serialises");
    format!(
        "(window.ACQUIS_CITE_DOCS = window.ACQUIS_CITE_DOCS || {{}})[{slug}] = {};\n",
        json!({ "anchors": anchors })
    )
}

fn doc_facts(d: &DocEntry) -> Value {
    let key = d.key.as_ref().map(|k| {
        json!({
            "body": k.body,
            "kind": k.kind,
            "number": k.number,
            "place": k.place,
        })
    });
    json!({
        "cite_name": d.cite_name,
        "title": d.title,
        "date": date(d.date),
        "key": key,
        "annex_printed_in": d.annex_printed_in,
        "has_text": d.has_text,
    })
}

fn date(d: PartialDate) -> Value {
    json!({"year": d.year, "month": d.month, "day": d.day})
}
