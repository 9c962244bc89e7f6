//! Views: the typed, serialisable shapes that templates see, built from the model.
//!
//! Templates never see the model itself, only these views, so that a change in the model is a
//! change here and nowhere in the theme.

use super::inline::{escape, note_mark, note_summary, InlineRenderer};
use super::links::{CitedByGroup, CitedByList, LinkIndex, Provenance};
use crate::model::{Document, Node, Paragraph, SiteMeta, Version};
use serde::Serialize;

/// What every page knows about the site.
#[derive(Debug, Serialize)]
pub struct SiteView {
    /// Site title.
    pub title: String,
    /// One sentence.
    pub description: String,
    /// Language tag.
    pub language: String,
    /// Absolute base URL, no trailing slash.
    pub base_url: String,
}

impl SiteView {
    /// The view of `site.yaml`.
    pub fn new(site: &SiteMeta) -> Self {
        SiteView {
            title: site.title.clone(),
            description: site.description.clone(),
            language: site.language.clone(),
            base_url: site.base_url.trim_end_matches('/').to_owned(),
        }
    }
}

/// A document in lists (index, home).
#[derive(Debug, Serialize, Clone)]
pub struct DocSummary {
    /// URL relative to the site root (`mc-dec-2-03/`).
    pub url: String,
    /// Symbol or short title.
    pub cite_name: String,
    /// Symbol if any.
    pub symbol: Option<String>,
    /// Full title.
    pub title: String,
    /// Kind of document.
    pub kind: String,
    /// Issuing body.
    pub body: String,
    /// Meeting, if known.
    pub meeting: Option<String>,
    /// Place, if known.
    pub place: Option<String>,
    /// ISO date.
    pub date: String,
    /// Date as printed in OSCE style.
    pub date_long: String,
    /// Year.
    pub year: u16,
    /// Political status.
    pub status: String,
    /// Our description.
    pub description: String,
    /// Whether the corpus holds its text.
    pub has_text: bool,
    /// Aliases.
    pub aliases: Vec<String>,
    /// Editorial remarks on the metadata, with the date note first.
    pub notes: Vec<String>,
    /// URL (from the site root) of the document whose version prints this document's annex.
    pub annex_url: Option<String>,
}

impl DocSummary {
    /// The summary of a document.
    pub fn new(doc: &Document) -> Self {
        let m = &doc.meta;
        DocSummary {
            url: format!("{}/", doc.slug),
            cite_name: m.cite_name().to_owned(),
            symbol: m.symbol.clone(),
            title: m.title.clone(),
            kind: m.kind.clone(),
            body: m.body.clone(),
            meeting: m.meeting.clone(),
            place: m.place.clone(),
            date: m.date.to_string(),
            date_long: m.date.long(),
            year: m.date.year,
            status: m.status.clone(),
            description: m.description.clone(),
            has_text: !doc.versions.is_empty(),
            aliases: m.aliases.clone(),
            notes: m.date_note.iter().chain(m.notes.iter()).cloned().collect(),
            annex_url: m.annex_printed_in.as_ref().map(|slug| format!("{slug}/")),
        }
    }
}

/// A group of documents under a heading (a body, a year).
#[derive(Debug, Serialize)]
pub struct DocGroup {
    /// The heading.
    pub name: String,
    /// Anchor of the group.
    pub id: String,
    /// Its documents, by date.
    pub documents: Vec<DocSummary>,
}

/// A link to one version, for the version switcher.
#[derive(Debug, Serialize)]
pub struct VersionLink {
    /// URL relative to the site root.
    pub url: String,
    /// Version id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Witness type.
    pub witness: String,
    /// Date of the text.
    pub date: String,
    /// Where its text comes from.
    pub source: String,
    /// Whether it is the version being shown.
    pub current: bool,
    /// Whether it is the canonical version.
    pub canonical: bool,
}

/// One row of the text: a heading or a paragraph, flattened with its depth.
#[derive(Debug, Serialize)]
pub struct BlockView {
    /// `heading` or `para`.
    pub kind: &'static str,
    /// HTML heading level (2-6) for headings.
    pub level: u8,
    /// Nesting depth of a paragraph under other paragraphs.
    pub depth: usize,
    /// The anchor (HTML id).
    pub anchor: String,
    /// The number as printed.
    pub num: Option<String>,
    /// The text as HTML.
    pub html: String,
    /// The formal citation.
    pub citation: String,
    /// The permanent id.
    pub pid: String,
    /// numbered, indent, unnumbered, continuation, quote.
    pub para_kind: &'static str,
    /// Absolute URL of the paragraph on the canonical page of the document.
    pub url: String,
    /// Who cites this paragraph or division, newest first (on the canonical page).
    pub cited_by: CitedByList,
    /// For a quotation whose number cites the quoted text: where that is.
    pub quoted: Option<QuotedView>,
}

/// Where a quotation's number points.
#[derive(Debug, Serialize)]
pub struct QuotedView {
    /// URL from the site root.
    pub url: String,
    /// Its citation.
    pub citation: String,
}

/// An entry of the table of contents.
#[derive(Debug, Serialize)]
pub struct TocEntry {
    /// Anchor of the heading.
    pub anchor: String,
    /// Heading text as HTML.
    pub html: String,
    /// Nesting depth.
    pub depth: usize,
}

/// A footnote with its back links.
#[derive(Debug, Serialize)]
pub struct FootnoteView {
    /// Label.
    pub label: String,
    /// Paragraphs as HTML.
    pub paragraphs: Vec<String>,
    /// Ids of the references that point to it.
    pub backrefs: Vec<String>,
}

/// An editorial note in the apparatus.
#[derive(Debug, Serialize, Clone)]
pub struct NoteView {
    /// 1-based number.
    pub n: usize,
    /// The mark used in the text.
    pub mark: String,
    /// Anchor of the paragraph holding it.
    pub anchor: String,
    /// What the witness reads and what we print.
    pub summary: String,
    /// Where it is written (file:line).
    pub location: String,
}

/// A whole version page.
#[derive(Debug, Serialize)]
pub struct VersionPage {
    /// The document.
    pub doc: DocSummary,
    /// The version shown.
    pub version: VersionLink,
    /// Remarks on the witness.
    pub version_notes: Vec<String>,
    /// All versions.
    pub versions: Vec<VersionLink>,
    /// Masthead lines as HTML.
    pub masthead: Vec<String>,
    /// The text.
    pub blocks: Vec<BlockView>,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// Footnotes.
    pub footnotes: Vec<FootnoteView>,
    /// Editorial notes.
    pub notes: Vec<NoteView>,
    /// URL of the canonical page, relative to the site root.
    pub canonical_url: String,
    /// Who cites the document, by citing document, newest first (on the canonical page).
    pub cited_by: Vec<CitedByGroup>,
    /// What the document builds on and what builds on it (on the canonical page).
    pub provenance: Option<Provenance>,
}

/// The page of a document the corpus only cites.
#[derive(Debug, Serialize)]
pub struct CitedOnlyPage {
    /// The document.
    pub doc: DocSummary,
    /// Who cites it.
    pub cited_by: Vec<CitedByGroup>,
    /// What builds on it (and what it builds on, from its metadata).
    pub provenance: Provenance,
}

impl CitedOnlyPage {
    /// The page of `doc`.
    pub fn new(doc: &Document, links: &LinkIndex) -> Self {
        CitedOnlyPage {
            doc: DocSummary::new(doc),
            cited_by: links.cited_by_document(&doc.slug),
            provenance: links.provenance(&doc.slug),
        }
    }
}

/// Builds the page of `version` of `doc`.
pub fn version_page(
    doc: &Document,
    version: &Version,
    base_url: &str,
    links: &LinkIndex,
) -> VersionPage {
    let canonical = doc.meta.canonical.as_deref() == Some(version.meta.id.as_str());
    let (root, here) = if canonical {
        ("../", doc.slug.as_str())
    } else {
        ("../../", "")
    };
    let mut inline = InlineRenderer::new(&version.notes).linking_from(root, here);
    let masthead = version.masthead.iter().map(|l| inline.html(l)).collect();
    let page_url = if canonical {
        format!("{base_url}/{}/", doc.slug)
    } else {
        format!("{base_url}/{}/{}/", doc.slug, version.meta.id)
    };
    let mut flat = Flattener {
        inline: &mut inline,
        notes: &version.notes,
        blocks: Vec::new(),
        toc: Vec::new(),
        page_url: &page_url,
        links,
        cited_page: canonical.then_some(doc.slug.as_str()),
    };
    flat.nodes(&version.body, 0, 0);
    let (blocks, toc) = (flat.blocks, flat.toc);
    let footnotes = version
        .footnotes
        .iter()
        .map(|f| {
            let n = inline.references(&f.label);
            let backrefs = (1..=n)
                .map(|i| {
                    if i == 1 {
                        format!("fnref-{}", f.label)
                    } else {
                        format!("fnref-{}-{i}", f.label)
                    }
                })
                .collect();
            FootnoteView {
                label: f.label.clone(),
                paragraphs: f.paragraphs.iter().map(|p| inline.html(p)).collect(),
                backrefs,
            }
        })
        .collect();
    let notes = version
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| NoteView {
            n: i + 1,
            mark: note_mark(i + 1),
            anchor: n.anchor.clone(),
            summary: note_summary(n),
            location: format!("{}:{}", n.location.file.display(), n.location.line),
        })
        .collect();
    VersionPage {
        doc: DocSummary::new(doc),
        version: version_link(doc, version, version),
        version_notes: version.meta.notes.clone(),
        versions: doc
            .versions
            .iter()
            .map(|v| version_link(doc, v, version))
            .collect(),
        masthead,
        blocks,
        toc,
        footnotes,
        notes,
        canonical_url: format!("{}/", doc.slug),
        cited_by: if canonical {
            links.cited_by_document(&doc.slug)
        } else {
            Vec::new()
        },
        provenance: canonical.then(|| links.provenance(&doc.slug)),
    }
}

fn version_link(doc: &Document, v: &Version, current: &Version) -> VersionLink {
    let s = &v.meta.source;
    let ranges: Vec<String> = s.lines.iter().map(|[a, b]| format!("{a}–{b}")).collect();
    VersionLink {
        url: format!("{}/{}/", doc.slug, v.meta.id),
        id: v.meta.id.clone(),
        label: v.meta.label.clone(),
        witness: v.meta.witness.replace('-', " "),
        date: v.meta.date.long(),
        source: format!("{}, lines {}", s.file, ranges.join(", ")),
        current: v.meta.id == current.meta.id,
        canonical: doc.meta.canonical.as_deref() == Some(v.meta.id.as_str()),
    }
}

struct Flattener<'r, 'a> {
    inline: &'r mut InlineRenderer<'a>,
    notes: &'a [crate::model::EditorialNote],
    blocks: Vec<BlockView>,
    toc: Vec<TocEntry>,
    page_url: &'r str,
    links: &'r LinkIndex<'r>,
    /// The document whose citations of its paragraphs are shown (the canonical page only: other
    /// versions number their paragraphs differently).
    cited_page: Option<&'r str>,
}

impl Flattener<'_, '_> {
    fn cited_by(&self, anchor: &str) -> CitedByList {
        self.cited_page.map_or_else(CitedByList::default, |page| {
            self.links.cited_by_paragraph(page, anchor)
        })
    }

    fn nodes(&mut self, nodes: &[Node], division_depth: usize, para_depth: usize) {
        for node in nodes {
            match node {
                Node::Division(d) => {
                    let num = d.num.as_ref().map(|n| n.printed.clone());
                    let text = self.inline.html(&d.heading);
                    let plain = escape(&crate::model::Inline::plain(&d.heading, self.notes));
                    let toc_html = match &num {
                        Some(n) if plain.is_empty() => escape(n),
                        Some(n) => format!("{} {plain}", escape(n)),
                        None => plain,
                    };
                    self.toc.push(TocEntry {
                        anchor: d.anchor.clone(),
                        html: toc_html,
                        depth: division_depth,
                    });
                    self.blocks.push(BlockView {
                        kind: "heading",
                        level: (2 + division_depth).min(6) as u8,
                        depth: division_depth,
                        anchor: d.anchor.clone(),
                        num,
                        html: text,
                        citation: String::new(),
                        pid: String::new(),
                        para_kind: "heading",
                        url: format!("{}#{}", self.page_url, d.anchor),
                        cited_by: self.cited_by(&d.anchor),
                        quoted: None,
                    });
                    self.nodes(&d.children, division_depth + 1, 0);
                }
                Node::Paragraph(p) => {
                    let view = self.paragraph(p, para_depth);
                    self.blocks.push(view);
                    self.nodes(&p.children, division_depth, para_depth + 1);
                }
            }
        }
    }

    fn paragraph(&mut self, p: &Paragraph, depth: usize) -> BlockView {
        BlockView {
            kind: "para",
            level: 0,
            depth,
            anchor: p.anchor.clone(),
            num: p.num.as_ref().map(|n| n.printed.clone()),
            html: self.inline.html(&p.content),
            citation: p.citation.clone(),
            pid: p.pid.clone(),
            para_kind: match p.kind {
                crate::model::ParagraphKind::Numbered => "numbered",
                crate::model::ParagraphKind::Indent => "indent",
                crate::model::ParagraphKind::Unnumbered => "unnumbered",
                crate::model::ParagraphKind::Continuation => "continuation",
                crate::model::ParagraphKind::Quote => "quote",
            },
            url: format!("{}#{}", self.page_url, p.anchor),
            cited_by: self.cited_by(&p.anchor),
            quoted: p.quoted.as_ref().and_then(|t| {
                let url = t.url()?;
                let crate::model::CiteTarget::Document { citation, .. } = t else {
                    return None;
                };
                Some(QuotedView {
                    url,
                    citation: citation.clone(),
                })
            }),
        }
    }
}
