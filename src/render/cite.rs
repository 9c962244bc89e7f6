//! How to cite a document: a formatted reference, CSL-JSON (what Zotero and citeproc read) and
//! BibTeX (written by the `biblatex` crate, which escapes what TeX would misread).

use crate::model::Document;
use biblatex::{Chunk, Entry, EntryType, Spanned};
use serde::Serialize;

/// One item of CSL-JSON (Citation Style Language, schema 1.0): a legislative document.
#[derive(Debug, Serialize)]
pub struct CslItem {
    /// Citation key: the document's slug.
    pub id: String,
    /// `legislation`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Full title.
    pub title: String,
    /// Short title: the symbol or the corpus's short title.
    #[serde(rename = "title-short")]
    pub title_short: String,
    /// Issuing body.
    pub authority: String,
    /// Official symbol.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Date of adoption, as far as it is known.
    pub issued: CslDate,
    /// Meeting at which it was adopted.
    #[serde(rename = "event-title", skip_serializing_if = "Option::is_none")]
    pub event_title: Option<String>,
    /// Place of adoption.
    #[serde(rename = "event-place", skip_serializing_if = "Option::is_none")]
    pub event_place: Option<String>,
    /// Kind of document.
    pub genre: String,
    /// Political status.
    pub status: String,
    /// The editors' description.
    #[serde(rename = "abstract")]
    pub abstract_: String,
    /// The document's page.
    #[serde(rename = "URL")]
    pub url: String,
    /// Language of the text.
    pub language: String,
}

/// A CSL date: `[[year, month, day]]`, as many parts as are known.
#[derive(Debug, Serialize)]
pub struct CslDate {
    /// The parts.
    #[serde(rename = "date-parts")]
    pub date_parts: Vec<Vec<u16>>,
}

/// The CSL-JSON item of a document.
pub fn csl(doc: &Document, base: &str, language: &str) -> CslItem {
    let m = &doc.meta;
    let parts = [
        Some(m.date.year),
        m.date.month.map(u16::from),
        m.date.day.map(u16::from),
    ];
    CslItem {
        id: doc.slug.clone(),
        kind: "legislation",
        title: m.title.clone(),
        title_short: m.cite_name().to_owned(),
        authority: m.body.clone(),
        number: m.symbol.clone(),
        issued: CslDate {
            date_parts: vec![parts.into_iter().flatten().collect()],
        },
        event_title: m.meeting.clone(),
        event_place: m.place.clone(),
        genre: m.kind.clone(),
        status: m.status.clone(),
        abstract_: m.description.clone(),
        url: url(doc, base),
        language: language.to_owned(),
    }
}

/// The CSL-JSON file of a document: an array holding its one item.
pub fn csl_json(doc: &Document, base: &str, language: &str) -> String {
    let mut text = serde_json::to_string_pretty(&[csl(doc, base, language)])
        .expect("a CSL item always serialises");
    text.push('\n');
    text
}

/// The BibTeX entry of a document (`@misc`, the body as corporate author).
pub fn bibtex(doc: &Document, base: &str) -> String {
    let m = &doc.meta;
    let mut entry = Entry::new(doc.slug.clone(), EntryType::Misc);
    let verbatim = |s: &str| vec![Spanned::zero(Chunk::Verbatim(s.to_owned()))];
    let normal = |s: &str| vec![Spanned::zero(Chunk::Normal(s.to_owned()))];
    entry.set("title", verbatim(&m.title));
    entry.set("author", verbatim(&m.body));
    entry.set("date", normal(&m.date.to_string()));
    entry.set("url", normal(&url(doc, base)));
    entry.set("note", normal(&note(doc)));
    if let Some(place) = &m.place {
        entry.set("location", normal(place));
    }
    if let Some(meeting) = &m.meeting {
        entry.set("howpublished", normal(meeting));
    }
    let mut text = entry
        .to_bibtex_string()
        .unwrap_or_else(|_| entry.to_biblatex_string());
    text.push('\n');
    text
}

/// The symbol (or short title) and the status, which `@misc` has no field for.
fn note(doc: &Document) -> String {
    format!("{}, {}", doc.meta.cite_name(), doc.meta.status)
}

/// A formatted reference: body, title, symbol, place and date, URL.
pub fn text(doc: &Document, base: &str) -> String {
    let m = &doc.meta;
    let mut parts = vec![m.body.clone(), format!("“{}”", m.title)];
    parts.push(m.cite_name().to_owned());
    parts.extend(m.place.clone());
    parts.push(m.date.long());
    format!("{}, {}", parts.join(", "), url(doc, base))
}

fn url(doc: &Document, base: &str) -> String {
    format!("{base}/{}/", doc.slug)
}
