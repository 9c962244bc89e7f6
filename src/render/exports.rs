//! The files of the site that are not pages of the theme: open data, citations, feeds.

use super::views::SiteView;
use super::{akn, cite, feeds, opendata, Facet, Origin, OutputFile, Scope};
use crate::model::{Corpus, Document};
use std::path::PathBuf;

/// One file to produce.
pub enum Export<'a> {
    /// `data/<slug>/<version>.json`.
    VersionJson { doc: &'a Document, index: usize },
    /// `data/<slug>/<version>.akn.xml`.
    VersionXml { doc: &'a Document, index: usize },
    /// `data/<slug>/citation.json` (CSL-JSON).
    Csl(&'a Document),
    /// `data/<slug>/citation.bib`.
    Bibtex(&'a Document),
    /// `data/corpus.json`.
    CorpusIndex,
    /// `data/schema/<name>`.
    Schema(&'static str, &'static str),
    /// `sitemap.xml`.
    Sitemap,
    /// `feed.xml`.
    Feed,
    /// `robots.txt`.
    Robots,
}

/// Every export of the corpus.
pub fn exports<'a>(corpus: &'a Corpus, scope: &Scope<'_>) -> Vec<Export<'a>> {
    let mut out = vec![
        Export::CorpusIndex,
        Export::Sitemap,
        Export::Feed,
        Export::Robots,
    ];
    out.extend(
        opendata::SCHEMAS
            .iter()
            .map(|(name, text)| Export::Schema(name, text)),
    );
    for doc in corpus
        .documents
        .iter()
        .filter(|d| scope.has_document(&d.slug))
    {
        out.push(Export::Csl(doc));
        out.push(Export::Bibtex(doc));
        for index in 0..doc.versions.len() {
            out.push(Export::VersionJson { doc, index });
            out.push(Export::VersionXml { doc, index });
        }
    }
    out
}

impl Export<'_> {
    /// What the file is derived from.
    pub fn origin(&self) -> Origin {
        match self {
            Export::VersionJson { doc, .. }
            | Export::VersionXml { doc, .. }
            | Export::Csl(doc)
            | Export::Bibtex(doc) => Origin::Document(doc.slug.clone()),
            _ => Origin::Corpus,
        }
    }

    /// What a corpus-wide file reads of every document.
    pub fn reads(&self) -> &'static [Facet] {
        match self {
            Export::CorpusIndex | Export::Sitemap | Export::Feed => &[Facet::Listing],
            _ => &[],
        }
    }

    /// The file.
    pub fn render(&self, corpus: &Corpus, site: &SiteView) -> OutputFile {
        let base = site.base_url.as_str();
        let lang = site.language.as_str();
        let (path, bytes) = match self {
            Export::VersionJson { doc, index } => {
                let v = &doc.versions[*index];
                (
                    opendata::version_json_path(doc, v),
                    opendata::to_json(&opendata::version_data(doc, v, base)),
                )
            }
            Export::VersionXml { doc, index } => {
                let v = &doc.versions[*index];
                (
                    opendata::version_xml_path(doc, v),
                    akn::version_xml(doc, v, base, lang),
                )
            }
            Export::Csl(doc) => (
                opendata::csl_path(doc),
                cite::csl_json(doc, base, lang).into_bytes(),
            ),
            Export::Bibtex(doc) => (
                opendata::bibtex_path(doc),
                cite::bibtex(doc, base).into_bytes(),
            ),
            Export::CorpusIndex => (
                format!("{}/corpus.json", opendata::DATA_DIR),
                opendata::to_json(&opendata::corpus_data(corpus, base)),
            ),
            Export::Schema(name, text) => (
                format!("{}/schema/{name}", opendata::DATA_DIR),
                text.as_bytes().to_vec(),
            ),
            Export::Sitemap => (feeds::SITEMAP.into(), feeds::sitemap(corpus, base)),
            Export::Feed => (feeds::FEED.into(), feeds::atom(corpus, base)),
            Export::Robots => (feeds::ROBOTS.into(), feeds::robots(base)),
        };
        OutputFile {
            path: PathBuf::from(path),
            bytes,
        }
    }
}
