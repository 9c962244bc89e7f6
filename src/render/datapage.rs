//! The data page: what the open data holds and where, with highlighted examples cut from a
//! real version of the corpus.

use super::highlight::{self, Language};
use super::opendata::{self, DATA_DIR, SCHEMAS};
use super::views::DocSummary;
use super::{akn, cite};
use crate::model::{Corpus, Division, Document, Node, Paragraph, Version};
use serde::Serialize;
use std::collections::BTreeSet;

/// How many paragraphs the examples keep.
const EXAMPLE_PARAGRAPHS: usize = 3;

/// The data page.
#[derive(Debug, Serialize)]
pub struct DataPage {
    /// Site-relative URL of the corpus index.
    pub corpus_url: String,
    /// The schema of the version files.
    pub version_schema: SchemaLink,
    /// The schema of the corpus index.
    pub corpus_schema: SchemaLink,
    /// Examples, if the corpus holds any text.
    pub example: Option<DataExample>,
}

/// A schema published in the site.
#[derive(Debug, Serialize)]
pub struct SchemaLink {
    /// File name.
    pub name: String,
    /// Site-relative URL.
    pub url: String,
}

impl SchemaLink {
    fn new(name: &str) -> Self {
        SchemaLink {
            name: name.to_owned(),
            url: format!("{DATA_DIR}/schema/{name}"),
        }
    }
}

/// Examples of every export, from one version.
#[derive(Debug, Serialize)]
pub struct DataExample {
    /// The document.
    pub doc: DocSummary,
    /// The version's label.
    pub version: String,
    /// Site-relative URL of the full JSON file.
    pub json_url: String,
    /// Site-relative URL of the full Akoma Ntoso file.
    pub xml_url: String,
    /// Site-relative URL of the CSL-JSON file.
    pub csl_url: String,
    /// Site-relative URL of the BibTeX file.
    pub bibtex_url: String,
    /// The JSON of the first paragraphs, highlighted.
    pub json_html: String,
    /// The Akoma Ntoso XML of the first paragraphs, highlighted.
    pub xml_html: String,
    /// The CSL-JSON, highlighted.
    pub csl_html: String,
    /// The BibTeX, escaped.
    pub bibtex: String,
}

/// The data page of the corpus.
pub fn data_page(corpus: &Corpus, base: &str) -> DataPage {
    DataPage {
        corpus_url: format!("{DATA_DIR}/corpus.json"),
        version_schema: SchemaLink::new(SCHEMAS[0].0),
        corpus_schema: SchemaLink::new(SCHEMAS[1].0),
        example: corpus
            .documents
            .iter()
            .find_map(|d| d.canonical().map(|v| (d, v)))
            .map(|(d, v)| example(d, v, base, &corpus.site.language)),
    }
}

fn example(doc: &Document, full: &Version, base: &str, language: &str) -> DataExample {
    let v = excerpt(full);
    let mut data = opendata::version_data(doc, &v, base);
    let kept: BTreeSet<&str> = data.paragraphs.iter().map(|p| p.anchor.as_str()).collect();
    let kept_divisions: BTreeSet<&str> = data.divisions.iter().map(|d| d.anchor.as_str()).collect();
    data.editorial_notes
        .retain(|n| kept.contains(n.anchor.as_str()) || kept_divisions.contains(n.anchor.as_str()));
    let json = String::from_utf8(opendata::to_json(&data)).expect("JSON is UTF-8");
    let xml = String::from_utf8(akn::version_xml(doc, &v, base, language)).expect("XML is UTF-8");
    DataExample {
        doc: DocSummary::new(doc),
        version: full.meta.label.clone(),
        json_url: opendata::version_json_path(doc, full),
        xml_url: opendata::version_xml_path(doc, full),
        csl_url: opendata::csl_path(doc),
        bibtex_url: opendata::bibtex_path(doc),
        json_html: highlight::block(&json, Language::Json),
        xml_html: highlight::block(&xml, Language::Xml),
        csl_html: highlight::block(&cite::csl_json(doc, base, language), Language::Json),
        bibtex: super::inline::escape(&cite::bibtex(doc, base)),
    }
}

/// The version cut to its first paragraphs (in reading order, with their headings), and the
/// footnotes they reference.
fn excerpt(v: &Version) -> Version {
    let mut budget = EXAMPLE_PARAGRAPHS;
    let body = prune(&v.body, &mut budget);
    let mut labels = BTreeSet::new();
    crate::resolve::walk(&body, &mut |node| {
        if let Node::Paragraph(p) = node {
            labels.extend(opendata::footnote_labels(&p.content));
        }
    });
    Version {
        meta: v.meta.clone(),
        file: v.file.clone(),
        masthead: v.masthead.clone(),
        body: body.into_iter().collect(),
        footnotes: v
            .footnotes
            .iter()
            .filter(|f| labels.contains(&f.label))
            .cloned()
            .collect(),
        notes: v.notes.clone(),
        markdown: Default::default(),
    }
}

fn prune(nodes: &[Node], budget: &mut usize) -> crate::model::Nodes {
    let mut out = crate::model::Nodes::new();
    for node in nodes {
        if *budget == 0 {
            break;
        }
        out.push(match node {
            Node::Division(d) => Node::Division(Division {
                level: d.level,
                num: d.num.clone(),
                heading: d.heading.clone(),
                anchor: d.anchor.clone(),
                children: prune(&d.children, budget),
                location: d.location.clone(),
            }),
            Node::Paragraph(p) => {
                *budget -= 1;
                Node::Paragraph(Paragraph {
                    kind: p.kind,
                    num: p.num.clone(),
                    content: p.content.clone(),
                    anchor: p.anchor.clone(),
                    pid: p.pid.clone(),
                    citation: p.citation.clone(),
                    quoted: p.quoted.clone(),
                    children: prune(&p.children, budget),
                    location: p.location.clone(),
                })
            }
        });
    }
    out
}
