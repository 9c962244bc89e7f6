//! schema.org `Legislation` as JSON-LD, for the head of each document page: what search engines
//! and reference managers read to know what the page is.

use super::opendata::{version_json_path, version_xml_path};
use crate::model::{Document, Version};
use serde_json::{json, Value};

/// The JSON-LD of a document page, safe to put inside `<script type="application/ld+json">`.
/// `version` is the version the page shows (none for a document the corpus only cites).
pub fn legislation(
    doc: &Document,
    version: Option<&Version>,
    base: &str,
    site_title: &str,
    language: &str,
) -> String {
    let m = &doc.meta;
    let url = format!("{base}/{}/", doc.slug);
    let mut names: Vec<&str> = vec![m.cite_name()];
    names.extend(m.aliases.iter().map(String::as_str));
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": url,
        "url": url,
        "name": m.title,
        "alternateName": names,
        "legislationIdentifier": m.symbol.as_deref().unwrap_or(m.cite_name()),
        "legislationDate": m.date.to_string(),
        "legislationPassedBy": { "@type": "Organization", "name": m.body },
        "legislationType": m.kind,
        "description": m.description,
        "inLanguage": language,
        "isPartOf": { "@type": "WebSite", "name": site_title, "url": format!("{base}/") },
    });
    if let Some(place) = &m.place {
        ld["locationCreated"] = json!({ "@type": "Place", "name": place });
    }
    if let Some(v) = version {
        ld["encoding"] = encodings(doc, v, base);
    }
    script_safe(&ld)
}

/// The open-data files of the version shown, as media objects.
fn encodings(doc: &Document, v: &Version, base: &str) -> Value {
    json!([
        {
            "@type": "MediaObject",
            "encodingFormat": "application/json",
            "contentUrl": format!("{base}/{}", version_json_path(doc, v)),
        },
        {
            "@type": "MediaObject",
            "encodingFormat": "application/akn+xml",
            "contentUrl": format!("{base}/{}", version_xml_path(doc, v)),
        },
    ])
}

/// JSON whose text cannot close the script element it sits in.
fn script_safe(value: &Value) -> String {
    serde_json::to_string(value)
        .expect("JSON values always serialise")
        .replace('<', "\\u003c")
}
