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

/// A document in a list of every document (the home page, the index of documents, the
/// timeline): what such a list shows of it. Lighter than [`DocSummary`] (no description,
/// status, aliases or notes), borrowed: at 10,000 documents these lists are the largest views a
/// build makes.
///
/// Nearly [`super::links::DocRef`], the provenance panels' and cited-by lists' link to a
/// document, but borrowed and with the place the home page prints. Using `DocRef` here instead
/// (owned strings, and a place added to every provenance entry) raised the peak of a
/// 10,000-document build by 5-12 MiB, so the two stay apart.
#[derive(Debug, Clone, Serialize)]
pub struct DocListing<'a> {
    /// URL relative to the site root (`mc-dec-2-03/`).
    pub url: String,
    /// Symbol or short title.
    pub cite_name: &'a str,
    /// Full title.
    pub title: &'a str,
    /// Issuing body.
    pub body: &'a str,
    /// Place, if known.
    pub place: Option<&'a str>,
    /// ISO date.
    pub date: String,
    /// Date as printed in OSCE style.
    pub date_long: String,
    /// Year.
    pub year: u16,
    /// Whether the corpus holds its text.
    pub has_text: bool,
}

impl<'a> DocListing<'a> {
    /// The listing of a document.
    pub fn new(doc: &'a Document) -> Self {
        let m = &doc.meta;
        DocListing {
            url: format!("{}/", doc.slug),
            cite_name: m.cite_name(),
            title: &m.title,
            body: &m.body,
            place: m.place.as_deref(),
            date: m.date.to_string(),
            date_long: m.date.long(),
            year: m.date.year,
            has_text: !doc.versions.is_empty(),
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
    /// Its documents, by date, rendered (`documents_by_body.html`, `documents_by_year.html`).
    pub documents_html: String,
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
    /// Old anchors that moved here (from the anchor registry): ids that land on this block.
    pub moved_here: Vec<String>,
    /// Who cites this paragraph or division, newest first (on the canonical page).
    pub cited_by: CitedByList,
    /// For a quotation whose number cites the quoted text: where that is.
    pub quoted: Option<QuotedView>,
    /// The same paragraph in the document's other versions.
    pub counterparts: Vec<Counterpart>,
    /// Ids under which other versions' numbering reaches this paragraph (`compilation:4`).
    pub aliases: Vec<AliasView>,
    /// Paragraphs of other documents that repeat or adapt this one, or that it repeats.
    pub related: Vec<RelatedView>,
}

/// A link from a paragraph to its counterpart in another version of the document.
#[derive(Debug, Serialize)]
pub struct Counterpart {
    /// The other version's id (the version switcher keys on it).
    pub version: String,
    /// How the other version numbers the paragraph.
    pub label: String,
    /// URL relative to the site root.
    pub url: String,
    /// A sentence saying where the link leads.
    pub title: String,
}

/// An id standing for another version's anchor on this page, with the note shown when followed.
#[derive(Debug, Serialize)]
pub struct AliasView {
    /// `version:anchor`.
    pub id: String,
    /// "You followed paragraph 4 of the compilation …".
    pub note: String,
}

/// A paragraph of another document sharing wording with this one.
#[derive(Debug, Serialize)]
pub struct RelatedView {
    /// Its formal citation.
    pub citation: String,
    /// URL relative to the site root.
    pub url: String,
    /// `earlier`, `later` or `same date`, by the documents' dates.
    pub relation: String,
    /// The other document's date, as printed.
    pub date: String,
    /// Share of words in common, in percent.
    pub similarity: u32,
    /// Share of the shorter text found in runs in the other, in percent.
    pub coverage: u32,
    /// URL of the word diff, relative to the site root.
    pub diff_url: String,
}

/// Links from a version page to its comparison with another version.
#[derive(Debug, Serialize)]
pub struct PairLink {
    /// The other version's id.
    pub other: String,
    /// How prose names the other version.
    pub other_name: String,
    /// How prose names this version.
    pub this_name: String,
    /// The inline word diff, relative to the site root.
    pub diff_url: String,
    /// The side-by-side diff.
    pub side_url: String,
    /// The numbering concordance.
    pub concordance_url: String,
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
    /// The absolute URL of this page: a paragraph's copied citation is this and its anchor
    /// (the script makes the copy buttons from it, not every paragraph).
    pub page_url: String,
    /// Anchors this page no longer publishes: moved to another page, or withdrawn.
    pub retired: Vec<RetiredView>,
    /// Who cites the document, by citing document, newest first (on the canonical page).
    pub cited_by: Vec<CitedByGroup>,
    /// What the document builds on and what builds on it (on the canonical page).
    pub provenance: Option<Provenance>,
    /// Comparisons with the other versions.
    pub comparisons: Vec<PairLink>,
    /// The page of related paragraphs in other documents, if any.
    pub quotations_url: Option<String>,
    /// Citations and data files of the page (filled by [`document_page`]).
    pub take: Option<TakeAway>,
}

/// What a document page offers to take away: the citation in every format, the data files,
/// and the schema.org description of the document.
#[derive(Debug, Serialize)]
pub struct TakeAway {
    /// The formatted reference.
    pub text: String,
    /// The BibTeX entry.
    pub bibtex: String,
    /// The CSL-JSON.
    pub csl_json: String,
    /// Site-relative URL of the BibTeX file.
    pub bibtex_url: String,
    /// Site-relative URL of the CSL-JSON file.
    pub csl_url: String,
    /// Site-relative URL of the version's JSON file.
    pub json_url: Option<String>,
    /// Site-relative URL of the version's Akoma Ntoso file.
    pub xml_url: Option<String>,
    /// Site-relative URL of the version's source view.
    pub source_url: Option<String>,
    /// schema.org `Legislation` JSON-LD, safe inside a script element.
    pub jsonld: String,
}

impl TakeAway {
    /// The take-away of `doc`, shown with `version` (none for a cited-only document).
    pub fn new(doc: &Document, version: Option<&Version>, site: &SiteView) -> Self {
        use super::{cite, jsonld, opendata};
        let base = site.base_url.as_str();
        TakeAway {
            text: cite::text(doc, base),
            bibtex: cite::bibtex(doc, base),
            csl_json: cite::csl_json(doc, base, &site.language),
            bibtex_url: opendata::bibtex_path(doc),
            csl_url: opendata::csl_path(doc),
            json_url: version.map(|v| opendata::version_json_path(doc, v)),
            xml_url: version.map(|v| opendata::version_xml_path(doc, v)),
            source_url: version.map(|v| format!("{}/{}/source/", doc.slug, v.meta.id)),
            jsonld: jsonld::legislation(doc, version, base, &site.title, &site.language),
        }
    }
}

/// The page of a document the corpus only cites.
#[derive(Debug, Serialize)]
pub struct CitedPage {
    /// The document.
    pub doc: DocSummary,
    /// Its citation and description.
    pub take: TakeAway,
    /// Who cites it.
    pub cited_by: Vec<CitedByGroup>,
    /// What builds on it (and what it builds on, from its metadata).
    pub provenance: Provenance,
}

/// The page of a cited-only document.
pub fn cited_page(doc: &Document, site: &SiteView, links: &LinkIndex) -> CitedPage {
    CitedPage {
        doc: DocSummary::new(doc),
        take: TakeAway::new(doc, None, site),
        cited_by: links.cited_by_document(&doc.slug),
        provenance: links.provenance(&doc.slug),
    }
}

/// The full page of `version` of `doc`: the text and what can be taken away from it; `main` as
/// for [`version_page`].
pub fn document_page(
    doc: &Document,
    version: &Version,
    site: &SiteView,
    links: &LinkIndex,
    main: bool,
) -> VersionPage {
    let mut page = version_page(doc, version, &site.base_url, links, main);
    page.take = Some(TakeAway::new(doc, Some(version), site));
    page
}

/// An anchor a page no longer publishes (from the anchor registry): an element with the old id
/// that says where the paragraph went, or what it was.
#[derive(Debug, Serialize, Clone)]
pub struct RetiredView {
    /// The old anchor (the element's id).
    pub id: String,
    /// Where it moved, relative to the site root (`slug/version/#anchor`); `None` if withdrawn.
    pub moved_to: Option<String>,
    /// The formal citation of a withdrawn paragraph.
    pub citation: String,
    /// Its text.
    pub text: String,
    /// Where its text can still be read on the site, relative to the site root.
    pub read_at_url: Option<String>,
    /// Where its text can still be read, described (a primary source).
    pub read_at: Option<String>,
    /// Why it was withdrawn.
    pub reason: Option<String>,
}

/// A page that is no longer published (its version or document is gone) but whose anchors the
/// registry still answers for.
#[derive(Debug, Serialize)]
pub struct RetiredPage {
    /// The page's path (`mc-dec-2-03/issued/`).
    pub path: String,
    /// The document's page, relative to the site root, if the document still has one.
    pub doc_url: Option<String>,
    /// Its old anchors.
    pub retired: Vec<RetiredView>,
}

impl RetiredPage {
    /// The document the page belonged to: the first segment of its path.
    pub fn slug(&self) -> &str {
        self.path.split('/').next().unwrap_or("")
    }
}

/// Builds the page of `version` of `doc`; `main` when the page is written at the document's own
/// address (`slug/`) rather than the version's (`slug/version/`), which sets how links climb to
/// the site root.
pub fn version_page(
    doc: &Document,
    version: &Version,
    base_url: &str,
    links: &LinkIndex,
    main: bool,
) -> VersionPage {
    let canonical = doc.meta.canonical.as_deref() == Some(version.meta.id.as_str());
    let (root, here) = if main {
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
    let notes = note_views(version);
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
        page_url,
        retired: Vec::new(),
        cited_by: if canonical {
            links.cited_by_document(&doc.slug)
        } else {
            Vec::new()
        },
        provenance: canonical.then(|| links.provenance(&doc.slug)),
        comparisons: Vec::new(),
        quotations_url: None,
        take: None,
    }
}

/// The editorial notes of a version, for its apparatus and the notes page.
pub fn note_views(version: &Version) -> Vec<NoteView> {
    version
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
        .collect()
}

/// The switcher's entry for version `v` of `doc`, as seen from `current`.
pub fn version_link(doc: &Document, v: &Version, current: &Version) -> VersionLink {
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
                        anchor: d.anchor.to_string(),
                        html: toc_html,
                        depth: division_depth,
                    });
                    self.blocks.push(BlockView {
                        kind: "heading",
                        level: (2 + division_depth).min(6) as u8,
                        depth: division_depth,
                        anchor: d.anchor.to_string(),
                        num: num.map(|n| n.to_string()),
                        html: text,
                        citation: String::new(),
                        pid: String::new(),
                        para_kind: "heading",
                        moved_here: Vec::new(),
                        cited_by: self.cited_by(&d.anchor),
                        quoted: None,
                        counterparts: Vec::new(),
                        aliases: Vec::new(),
                        related: Vec::new(),
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
            anchor: p.anchor.to_string(),
            num: p.num.as_ref().map(|n| n.printed.to_string()),
            html: self.inline.html(&p.content),
            citation: p.citation.to_string(),
            pid: p.pid.to_string(),
            para_kind: match p.kind {
                crate::model::ParagraphKind::Numbered => "numbered",
                crate::model::ParagraphKind::Indent => "indent",
                crate::model::ParagraphKind::Unnumbered => "unnumbered",
                crate::model::ParagraphKind::Continuation => "continuation",
                crate::model::ParagraphKind::Quote => "quote",
            },
            moved_here: Vec::new(),
            cited_by: self.cited_by(&p.anchor),
            quoted: p.quoted.as_ref().and_then(|t| {
                let url = t.url()?;
                let crate::model::CiteTarget::Document { citation, .. } = &**t else {
                    return None;
                };
                Some(QuotedView {
                    url,
                    citation: citation.clone(),
                })
            }),
            counterparts: Vec::new(),
            aliases: Vec::new(),
            related: Vec::new(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Comparison pages (built in `render/compare.rs`)

/// The word diff of two versions: `<slug>/diff/<a>..<b>/` (inline) and `side-by-side/`.
#[derive(Debug, Serialize)]
pub struct DiffPage {
    /// The document.
    pub doc: DocSummary,
    /// The base version.
    pub a: VersionLink,
    /// The other version.
    pub b: VersionLink,
    /// How prose names the base ("the text as issued").
    pub a_name: String,
    /// How prose names the other.
    pub b_name: String,
    /// Whether this is the side-by-side page.
    pub side_by_side: bool,
    /// URL of the inline page, relative to the site root.
    pub inline_url: String,
    /// URL of the side-by-side page.
    pub side_url: String,
    /// URL of the numbering concordance of the pair.
    pub concordance_url: String,
    /// How many units are alike, changed, moved, or in one version only.
    pub counts: DiffCounts,
    /// The rows, in the base's reading order.
    pub rows: Vec<DiffRow>,
}

/// The summary line of a diff page.
#[derive(Debug, Serialize, Default)]
pub struct DiffCounts {
    /// Aligned units with the same words.
    pub same: usize,
    /// Aligned units whose words differ.
    pub changed: usize,
    /// Aligned units out of order.
    pub moved: usize,
    /// Units only the base has.
    pub only_a: usize,
    /// Units only the other has.
    pub only_b: usize,
}

/// One row of a diff page: an aligned pair, or a run of units one version lacks.
#[derive(Debug, Serialize)]
pub struct DiffRow {
    /// `aligned`, `only-a` or `only-b`.
    pub kind: &'static str,
    /// The row's id (`issued:1`), empty for a run.
    pub id: String,
    /// More ids that land on the row (`compilation:4`).
    pub alias_ids: Vec<String>,
    /// "issued 1 · compilation 4", or "Paragraphs 4 to 9 of … are not in …".
    pub heading: String,
    /// How the base numbers the unit (aligned rows).
    pub a_label: String,
    /// How the other numbers it.
    pub b_label: String,
    /// "same words", "numbered differently", "moved", "87% of words in common".
    pub status: Vec<String>,
    /// The unit on the base's page, relative to the site root.
    pub a_url: Option<String>,
    /// The unit on the other's page.
    pub b_url: Option<String>,
    /// The inline diff as HTML.
    pub inline_html: String,
    /// The base's side as HTML (common words and deletions).
    pub a_html: String,
    /// The other's side (common words and insertions).
    pub b_html: String,
    /// Editorial notes the row touches, both texts.
    pub notes: Vec<String>,
    /// The base's notes only.
    pub a_notes: Vec<String>,
    /// The other's notes only.
    pub b_notes: Vec<String>,
    /// For a run: its units.
    pub units: Vec<GapUnit>,
}

/// A unit only one version has, with its text.
#[derive(Debug, Serialize)]
pub struct GapUnit {
    /// `version:anchor`.
    pub id: String,
    /// How its version numbers it.
    pub label: String,
    /// The unit on its version's page, relative to the site root.
    pub url: String,
    /// Its text as HTML.
    pub html: String,
    /// Its editorial notes.
    pub notes: Vec<String>,
}

/// The numbering concordances of a document: `<slug>/concordance/`.
#[derive(Debug, Serialize)]
pub struct ConcordancePage {
    /// The document.
    pub doc: DocSummary,
    /// One table per pair of versions.
    pub tables: Vec<ConcordanceTable>,
    /// An anchor written in one version's numbering, followed on the other version's page.
    pub example: Option<AliasExample>,
}

/// An example of an alias id, for the concordance page's explanation.
#[derive(Debug, Serialize)]
pub struct AliasExample {
    /// The URL, relative to the site root.
    pub url: String,
    /// What following it opens.
    pub text: String,
}

/// The concordance of one pair of versions.
#[derive(Debug, Serialize)]
pub struct ConcordanceTable {
    /// `a..b`, the table's id.
    pub id: String,
    /// The base version.
    pub a: VersionLink,
    /// The other version.
    pub b: VersionLink,
    /// How prose names the base.
    pub a_name: String,
    /// How prose names the other.
    pub b_name: String,
    /// The pair's diff page.
    pub diff_url: String,
    /// One row per unit.
    pub rows: Vec<ConcordanceRow>,
}

/// A unit in each version (either may be missing).
#[derive(Debug, Serialize)]
pub struct ConcordanceRow {
    /// How the base numbers it.
    pub a_label: Option<String>,
    /// Where it is in the base.
    pub a_url: Option<String>,
    /// How the other numbers it.
    pub b_label: Option<String>,
    /// Where it is in the other.
    pub b_url: Option<String>,
    /// "same words", "87% of words in common, moved", "no counterpart".
    pub how: String,
    /// The row of the diff page.
    pub diff_url: String,
}

/// The related paragraphs of other documents for one version: `<slug>/<version>/quotations/`.
#[derive(Debug, Serialize)]
pub struct QuotationsPage {
    /// The document.
    pub doc: DocSummary,
    /// The version.
    pub version: VersionLink,
    /// One section per paragraph that has related paragraphs, in reading order.
    pub sections: Vec<QuoteSection>,
}

/// A paragraph and its related paragraphs.
#[derive(Debug, Serialize)]
pub struct QuoteSection {
    /// `q:anchor`.
    pub id: String,
    /// How the version numbers the paragraph.
    pub label: String,
    /// The paragraph on its page, relative to the site root.
    pub url: String,
    /// Its related paragraphs, best first.
    pub items: Vec<QuoteItem>,
}

/// One related paragraph and the word diff from the earlier text to the later.
#[derive(Debug, Serialize)]
pub struct QuoteItem {
    /// `q:anchor:n`.
    pub id: String,
    /// The other paragraph's citation.
    pub citation: String,
    /// The other paragraph, relative to the site root.
    pub url: String,
    /// `earlier`, `later` or `same date`.
    pub relation: &'static str,
    /// The other document's date, as printed.
    pub date: String,
    /// Share of words in common, in percent.
    pub similarity: u32,
    /// Share of the shorter text in shared runs, in percent.
    pub coverage: u32,
    /// The earlier paragraph's citation.
    pub earlier: String,
    /// The later paragraph's citation.
    pub later: String,
    /// The diff as HTML.
    pub html: String,
    /// Editorial notes the diff touches.
    pub notes: Vec<String>,
    /// The compare page with both references filled in.
    pub compare_url: String,
}

/// The compare page: `compare/`.
#[derive(Debug, Serialize)]
pub struct ComparePage {
    /// A reference to fill the first field with.
    pub example_a: String,
    /// A reference to fill the second field with.
    pub example_b: String,
}

/// The timeline page's view: the axis, and the lanes with their entries rendered.
#[derive(Serialize)]
pub struct TimelinePage<'a> {
    /// The years.
    pub axis: &'a [super::links::AxisYear],
    /// How many columns the axis has.
    pub columns: usize,
    /// Lanes, by the date of their first document.
    pub lanes: Vec<TimelineLanePage<'a>>,
}

/// A lane of the timeline page, its entries as HTML.
#[derive(Serialize)]
pub struct TimelineLanePage<'a> {
    /// Anchor of the lane.
    pub id: &'a str,
    /// The issuing body.
    pub name: &'a str,
    /// How many documents it has.
    pub count: usize,
    /// Its entries, rendered.
    pub entries_html: String,
}
