//! Open data: one JSON file per version and a corpus index, in the shapes `schemas/` documents.
//!
//! The schemas are part of the tool (embedded here) and copied into the site beside the data, so
//! a reuser can validate what they download. A breaking change to a shape is a new schema file
//! with a new number (`acquis-version-2.json`), never an edit of a published one.

use crate::model::{
    Corpus, Division, Document, EditorialNote, Inline, Node, NoteKind, Paragraph, ParagraphKind,
    Version,
};
use serde::Serialize;

/// The version of the data shapes, written in every file as `schema_version`.
pub const SCHEMA_VERSION: u32 = 1;

/// `schemas/acquis-version-1.json`: the shape of a version file.
pub const VERSION_SCHEMA: &str = include_str!("../../schemas/acquis-version-1.json");

/// `schemas/acquis-corpus-1.json`: the shape of the corpus index.
pub const CORPUS_SCHEMA: &str = include_str!("../../schemas/acquis-corpus-1.json");

/// Where the schemas are published in the site, by file name.
pub const SCHEMAS: [(&str, &str); 2] = [
    ("acquis-version-1.json", VERSION_SCHEMA),
    ("acquis-corpus-1.json", CORPUS_SCHEMA),
];

/// Site-relative folder of the open data.
pub const DATA_DIR: &str = "data";

/// Site-relative path of a version's JSON file.
pub fn version_json_path(doc: &Document, v: &Version) -> String {
    format!("{DATA_DIR}/{}/{}.json", doc.slug, v.meta.id)
}

/// Site-relative path of a version's Akoma Ntoso file.
pub fn version_xml_path(doc: &Document, v: &Version) -> String {
    format!("{DATA_DIR}/{}/{}.akn.xml", doc.slug, v.meta.id)
}

/// Site-relative path of a document's CSL-JSON citation.
pub fn csl_path(doc: &Document) -> String {
    format!("{DATA_DIR}/{}/citation.json", doc.slug)
}

/// Site-relative path of a document's BibTeX citation.
pub fn bibtex_path(doc: &Document) -> String {
    format!("{DATA_DIR}/{}/citation.bib", doc.slug)
}

/// Site-relative URL of a version's page (the document's main URL for the canonical version).
pub fn version_page_path(doc: &Document, v: &Version) -> String {
    if doc.meta.canonical.as_deref() == Some(v.meta.id.as_str()) {
        format!("{}/", doc.slug)
    } else {
        format!("{}/{}/", doc.slug, v.meta.id)
    }
}

/// A version file.
#[derive(Debug, Serialize)]
pub struct VersionData {
    /// URL of the schema this file follows.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The work.
    pub document: DocumentData,
    /// The witness.
    pub version: VersionInfo,
    /// Masthead lines, as printed.
    pub masthead: Vec<String>,
    /// Headings, in reading order.
    pub divisions: Vec<DivisionData>,
    /// Paragraphs, in reading order, depth first.
    pub paragraphs: Vec<ParagraphData>,
    /// Footnotes.
    pub footnotes: Vec<FootnoteData>,
    /// The editorial apparatus.
    pub editorial_notes: Vec<NoteData>,
}

/// What is true of a document in every version.
#[derive(Debug, Serialize)]
pub struct DocumentData {
    /// URL segment and permanent key.
    pub slug: String,
    /// Official symbol.
    pub symbol: Option<String>,
    /// How the corpus names it where it has no symbol.
    pub short_title: Option<String>,
    /// The name citations use.
    pub cite_name: String,
    /// Other names it is cited by.
    pub aliases: Vec<String>,
    /// Full title.
    pub title: String,
    /// decision, declaration, ...
    pub kind: String,
    /// Issuing body.
    pub body: String,
    /// Meeting.
    pub meeting: Option<String>,
    /// Place.
    pub place: Option<String>,
    /// ISO 8601 date (day or month may be missing).
    pub date: String,
    /// Political status.
    pub status: String,
    /// The editors' description.
    pub description: String,
    /// Id of the version the main URL shows.
    pub canonical_version: Option<String>,
    /// Absolute URL of the document's main page.
    pub url: String,
}

impl DocumentData {
    /// The document part of every export.
    pub fn new(doc: &Document, base: &str) -> Self {
        let m = &doc.meta;
        DocumentData {
            slug: doc.slug.clone(),
            symbol: m.symbol.clone(),
            short_title: m.short_title.clone(),
            cite_name: m.cite_name().to_owned(),
            aliases: m.aliases.clone(),
            title: m.title.clone(),
            kind: m.kind.clone(),
            body: m.body.clone(),
            meeting: m.meeting.clone(),
            place: m.place.clone(),
            date: m.date.to_string(),
            status: m.status.clone(),
            description: m.description.clone(),
            canonical_version: m.canonical.clone(),
            url: format!("{base}/{}/", doc.slug),
        }
    }
}

/// The witness a version file carries.
#[derive(Debug, Serialize)]
pub struct VersionInfo {
    /// Version id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Witness type.
    pub witness: String,
    /// Date of the text.
    pub date: String,
    /// Whether the document's main URL shows it.
    pub canonical: bool,
    /// Absolute URL of its page.
    pub url: String,
    /// Where the text was transcribed from.
    pub source: SourceData,
    /// Editorial remarks on the witness.
    pub notes: Vec<String>,
}

/// The primary source of a version.
#[derive(Debug, Serialize)]
pub struct SourceData {
    /// File name in the corpus's sources.
    pub file: String,
    /// 1-based inclusive line ranges.
    pub lines: Vec<[usize; 2]>,
    /// Free description.
    pub note: Option<String>,
    /// The version file in the content repository.
    pub content_file: String,
}

/// A heading.
#[derive(Debug, Serialize)]
pub struct DivisionData {
    /// Anchor (URL fragment).
    pub anchor: String,
    /// Number as printed.
    pub number: Option<String>,
    /// Heading text.
    pub heading: String,
    /// Markdown level (2-6).
    pub level: u8,
    /// Anchor of the enclosing division.
    pub parent: Option<String>,
}

/// A paragraph.
#[derive(Debug, Serialize)]
pub struct ParagraphData {
    /// Permanent id, independent of numbering.
    pub pid: String,
    /// Anchor (URL fragment), which reads as the citation.
    pub anchor: String,
    /// The number as displayed (printed), if any.
    pub number: Option<String>,
    /// numbered, indent, unnumbered, continuation, quote.
    pub kind: ParagraphKind,
    /// Anchor of the paragraph it is a sub-item of.
    pub parent: Option<String>,
    /// Anchor of the division it stands in.
    pub division: Option<String>,
    /// Formal citation.
    pub citation: String,
    /// Reading text after the number (corrections applied, footnote marks left out).
    pub text: String,
    /// Footnote labels referenced from the paragraph.
    pub footnotes: Vec<String>,
    /// Absolute URL of the paragraph.
    pub url: String,
    /// Line of the version file where it starts.
    pub line: usize,
    /// Outgoing citations: what this paragraph cites (filled by the citation resolver).
    pub citations: Vec<CitationData>,
}

/// An outgoing citation of a paragraph.
#[derive(Debug, Serialize)]
pub struct CitationData {
    /// The words of the citation as written.
    pub text: String,
    /// Slug of the cited document, if in the corpus.
    pub document: Option<String>,
    /// Anchor of the cited paragraph, if any.
    pub anchor: Option<String>,
    /// Absolute URL of the target.
    pub url: Option<String>,
}

/// A footnote.
#[derive(Debug, Serialize)]
pub struct FootnoteData {
    /// Label as printed.
    pub label: String,
    /// Text, paragraphs joined by a blank line.
    pub text: String,
}

/// An editorial note.
#[derive(Debug, Serialize)]
pub struct NoteData {
    /// Anchor of the paragraph or heading holding it.
    pub anchor: String,
    /// correction, illegible, omission, comment.
    pub kind: &'static str,
    /// What the witness prints.
    pub source: Option<String>,
    /// What the edition prints.
    pub reading: Option<String>,
    /// The editor's comment.
    pub comment: Option<String>,
}

/// The data of one version.
pub fn version_data(doc: &Document, v: &Version, base: &str) -> VersionData {
    let page = format!("{base}/{}", version_page_path(doc, v));
    let mut walker = Walker {
        version: v,
        page: &page,
        divisions: Vec::new(),
        paragraphs: Vec::new(),
    };
    walker.nodes(&v.body, None, None);
    VersionData {
        schema: format!("{base}/{DATA_DIR}/schema/{}", SCHEMAS[0].0),
        schema_version: SCHEMA_VERSION,
        document: DocumentData::new(doc, base),
        version: version_info(doc, v, &page),
        masthead: v.masthead.iter().map(|l| plain(l, v)).collect(),
        divisions: walker.divisions,
        paragraphs: walker.paragraphs,
        footnotes: v
            .footnotes
            .iter()
            .map(|f| FootnoteData {
                label: f.label.clone(),
                text: f
                    .paragraphs
                    .iter()
                    .map(|p| plain(p, v))
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            })
            .collect(),
        editorial_notes: v.notes.iter().map(note_data).collect(),
    }
}

fn version_info(doc: &Document, v: &Version, page: &str) -> VersionInfo {
    let s = &v.meta.source;
    VersionInfo {
        id: v.meta.id.clone(),
        label: v.meta.label.clone(),
        witness: v.meta.witness.clone(),
        date: v.meta.date.to_string(),
        canonical: doc.meta.canonical.as_deref() == Some(v.meta.id.as_str()),
        url: page.to_owned(),
        source: SourceData {
            file: s.file.clone(),
            lines: s.lines.clone(),
            note: s.note.clone(),
            content_file: v.file.to_string_lossy().replace('\\', "/"),
        },
        notes: v.meta.notes.clone(),
    }
}

fn note_data(n: &EditorialNote) -> NoteData {
    let (kind, source, reading) = match &n.kind {
        NoteKind::Correction { source, reading } => {
            ("correction", Some(source.clone()), Some(reading.clone()))
        }
        NoteKind::Illegible { source } => ("illegible", Some(source.clone()), None),
        NoteKind::Omission { source } => ("omission", Some(source.clone()), None),
        NoteKind::Comment => ("comment", None, None),
    };
    NoteData {
        anchor: n.anchor.clone(),
        kind,
        source,
        reading,
        comment: n.comment.clone(),
    }
}

/// The plain reading text of inlines, trimmed.
pub fn plain(inlines: &[Inline], v: &Version) -> String {
    Inline::plain(inlines, &v.notes).trim().to_owned()
}

struct Walker<'a> {
    version: &'a Version,
    page: &'a str,
    divisions: Vec<DivisionData>,
    paragraphs: Vec<ParagraphData>,
}

impl Walker<'_> {
    fn nodes(&mut self, nodes: &[Node], division: Option<&str>, parent: Option<&str>) {
        for node in nodes {
            match node {
                Node::Division(d) => {
                    self.divisions.push(self.division(d, division));
                    self.nodes(&d.children, Some(&d.anchor), None);
                }
                Node::Paragraph(p) => {
                    self.paragraphs.push(self.paragraph(p, division, parent));
                    self.nodes(&p.children, division, Some(&p.anchor));
                }
            }
        }
    }

    fn division(&self, d: &Division, parent: Option<&str>) -> DivisionData {
        DivisionData {
            anchor: d.anchor.to_string(),
            number: d.num.as_ref().map(|n| n.printed.to_string()),
            heading: plain(&d.heading, self.version),
            level: d.level,
            parent: parent.map(str::to_owned),
        }
    }

    fn paragraph(
        &self,
        p: &Paragraph,
        division: Option<&str>,
        parent: Option<&str>,
    ) -> ParagraphData {
        ParagraphData {
            pid: p.pid.to_string(),
            anchor: p.anchor.to_string(),
            number: p.num.as_ref().map(|n| n.printed.to_string()),
            kind: p.kind,
            parent: parent.map(str::to_owned),
            division: division.map(str::to_owned),
            citation: p.citation.to_string(),
            text: plain(&p.content, self.version),
            footnotes: footnote_labels(&p.content),
            url: format!("{}#{}", self.page, p.anchor),
            line: p.location.line as usize,
            citations: Vec::new(),
        }
    }
}

/// The labels of the footnotes `inlines` reference, in order, once each.
pub fn footnote_labels(inlines: &[Inline]) -> Vec<String> {
    let mut out = Vec::new();
    for inline in inlines {
        match inline {
            Inline::FootnoteRef(label) if !out.contains(label) => out.push(label.clone()),
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Link { content: c, .. }
            | Inline::Citation { content: c, .. } => out.extend(footnote_labels(c)),
            _ => {}
        }
    }
    out
}

/// The corpus index.
#[derive(Serialize)]
pub struct CorpusData<'a> {
    /// URL of the schema this file follows.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The site.
    pub site: SiteData,
    /// Every document, by slug.
    pub documents: CorpusEntries<'a>,
}

/// Every document's entry in the corpus index, made as it is written and dropped after: at
/// 10,000 documents the entries alone hold tens of megabytes of URLs.
pub struct CorpusEntries<'a> {
    corpus: &'a Corpus,
    base: &'a str,
}

impl Serialize for CorpusEntries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.corpus
                .documents
                .iter()
                .map(|d| corpus_entry(d, self.base)),
        )
    }
}

/// The site in the corpus index.
#[derive(Debug, Serialize)]
pub struct SiteData {
    /// Title.
    pub title: String,
    /// Absolute base URL.
    pub base_url: String,
    /// Language of the texts.
    pub language: String,
    /// One sentence.
    pub description: String,
}

/// A document in the corpus index, with links to its files.
#[derive(Debug, Serialize)]
pub struct CorpusEntry {
    /// The document's metadata.
    #[serde(flatten)]
    pub document: DocumentData,
    /// Its versions (none for a document the corpus only cites).
    pub versions: Vec<CorpusVersion>,
    /// Absolute URL of its CSL-JSON citation.
    pub csl_json: String,
    /// Absolute URL of its BibTeX citation.
    pub bibtex: String,
}

/// A version in the corpus index.
#[derive(Debug, Serialize)]
pub struct CorpusVersion {
    /// Version id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Witness type.
    pub witness: String,
    /// Date of the text.
    pub date: String,
    /// Whether the document's main URL shows it.
    pub canonical: bool,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Absolute URL of its page.
    pub url: String,
    /// Absolute URL of its JSON file.
    pub json: String,
    /// Absolute URL of its Akoma Ntoso file.
    pub akoma_ntoso: String,
    /// Absolute URL of its source view.
    pub source: String,
}

/// The data of the corpus index.
pub fn corpus_data<'a>(corpus: &'a Corpus, base: &'a str) -> CorpusData<'a> {
    let s = &corpus.site;
    CorpusData {
        schema: format!("{base}/{DATA_DIR}/schema/{}", SCHEMAS[1].0),
        schema_version: SCHEMA_VERSION,
        site: SiteData {
            title: s.title.clone(),
            base_url: base.to_owned(),
            language: s.language.clone(),
            description: s.description.clone(),
        },
        documents: CorpusEntries { corpus, base },
    }
}

fn corpus_entry(doc: &Document, base: &str) -> CorpusEntry {
    CorpusEntry {
        document: DocumentData::new(doc, base),
        versions: doc
            .versions
            .iter()
            .map(|v| CorpusVersion {
                id: v.meta.id.clone(),
                label: v.meta.label.clone(),
                witness: v.meta.witness.clone(),
                date: v.meta.date.to_string(),
                canonical: doc.meta.canonical.as_deref() == Some(v.meta.id.as_str()),
                paragraphs: v.paragraphs().len(),
                url: format!("{base}/{}", version_page_path(doc, v)),
                json: format!("{base}/{}", version_json_path(doc, v)),
                akoma_ntoso: format!("{base}/{}", version_xml_path(doc, v)),
                source: format!("{base}/{}/{}/source/", doc.slug, v.meta.id),
            })
            .collect(),
        csl_json: format!("{base}/{}", csl_path(doc)),
        bibtex: format!("{base}/{}", bibtex_path(doc)),
    }
}

/// Pretty JSON with a final newline: readable in a browser and in a diff.
pub fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("the data shapes always serialise");
    bytes.push(b'\n');
    bytes
}
