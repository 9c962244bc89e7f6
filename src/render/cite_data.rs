//! The data of the /cite page: the grammar's names and patterns, each document's key facts, and
//! for each document with text the citations and texts of its paragraphs.
//!
//! The data is JSON wrapped in a one-line script (`window.ACQUIS_CITE = {…};`), because a browser
//! refuses to fetch JSON from a page opened as a plain file; a `<script>` element may load it.
//! The index is small; each document's paragraphs are a file of their own, loaded on demand.

use crate::cite::names::Referent;
use crate::cite::patterns::sources;
use crate::cite::{DocEntry, Listing};
use crate::model::PartialDate;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// `cite/index.js`: everything the script needs to read a citation and find its document.
pub fn index(listing: &Listing) -> String {
    let mut referents: Vec<&Referent> = Vec::new();
    let mut ids: HashMap<&Referent, usize> = HashMap::new();
    let mut names: Vec<(&str, usize)> = listing
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
    // A referent's object keys as a JSON value writes them (sorted), as the script reads them.
    let referents: Vec<Value> = referents.iter().map(|r| json!(r)).collect();
    let mut places: Vec<&String> = listing.places.iter().collect();
    places.sort_unstable();
    let docs: BTreeMap<&str, DocFacts> = listing
        .docs
        .iter()
        .map(|d| (d.slug.as_str(), DocFacts::of(d)))
        .collect();
    let externals: BTreeMap<&str, ExternalFacts> = listing
        .externals
        .iter()
        .map(|(id, e)| {
            let facts = ExternalFacts {
                date: e.date.map(Date::of),
                label: &e.label,
                short: &e.short,
            };
            (id.as_str(), facts)
        })
        .collect();
    let data = IndexData {
        docs,
        externals,
        names,
        patterns: sources(),
        places,
        referents,
    };
    let mut out = b"window.ACQUIS_CITE = ".to_vec();
    serde_json::to_writer(&mut out, &data).expect("the index serialises");
    out.extend_from_slice(b";\n");
    String::from_utf8(out).expect("JSON is UTF-8")
}

// The shapes of the index, written straight from the catalog rather than through JSON values
// (at 10,000 documents those were tens of megabytes for a 3.7 MB file). Fields are in
// alphabetical order: the order the file has always had, from `serde_json`'s sorted maps.

#[derive(Serialize)]
struct IndexData<'a> {
    docs: BTreeMap<&'a str, DocFacts<'a>>,
    externals: BTreeMap<&'a str, ExternalFacts<'a>>,
    names: Vec<(&'a str, usize)>,
    patterns: BTreeMap<&'static str, String>,
    places: Vec<&'a String>,
    referents: Vec<Value>,
}

#[derive(Serialize)]
struct ExternalFacts<'a> {
    date: Option<Date>,
    label: &'a str,
    short: &'a str,
}

#[derive(Serialize)]
struct DocFacts<'a> {
    annex_printed_in: &'a Option<String>,
    cite_name: &'a str,
    date: Date,
    has_text: bool,
    key: Option<KeyFacts<'a>>,
    title: &'a str,
}

#[derive(Serialize)]
struct KeyFacts<'a> {
    body: &'a crate::cite::grammar::Body,
    kind: &'a crate::cite::grammar::Kind,
    number: Option<u32>,
    place: &'a Option<String>,
}

#[derive(Serialize)]
struct Date {
    day: Option<u8>,
    month: Option<u8>,
    year: u16,
}

impl Date {
    fn of(d: PartialDate) -> Date {
        Date {
            day: d.day,
            month: d.month,
            year: d.year,
        }
    }
}

impl<'a> DocFacts<'a> {
    fn of(d: &'a DocEntry) -> Self {
        DocFacts {
            annex_printed_in: &d.annex_printed_in,
            cite_name: &d.cite_name,
            date: Date::of(d.date),
            has_text: d.has_text,
            key: d.key.as_ref().map(|k| KeyFacts {
                body: &k.body,
                kind: &k.kind,
                number: k.number,
                place: &k.place,
            }),
            title: &d.title,
        }
    }
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
