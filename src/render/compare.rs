//! The pages and data files of the `compare` stage: word diffs between versions (inline and side
//! by side), numbering concordances, quotations across documents, the compare page with its
//! JSON, and what version pages gain (counterpart links, alias ids, related paragraphs).
//!
//! URLs, from the site root: `<slug>/diff/<a>..<b>/` (and `side-by-side/`),
//! `<slug>/concordance/` (and `<slug>/concordance.json`), `<slug>/<version>/quotations/`,
//! `<slug>/<version>/paragraphs.json`, `compare/` (and `compare/documents.json`).

use super::diff_html::{
    describe_notes, diff_html, note_lines, note_lines_by_side, text_html, text_note_lines, Notes,
    Side,
};
use super::views::{
    AliasExample, AliasView, ComparePage, ConcordancePage, ConcordanceRow, ConcordanceTable,
    Counterpart, DiffCounts, DiffPage, DiffRow, DocSummary, GapUnit, PairLink, QuotationsPage,
    QuoteItem, QuoteSection, RelatedView, VersionPage,
};
use super::{Facet, Origin, OutputFile, Scope};
use crate::compare::{alias_id, tokens};
use crate::model::{
    Comparison, Corpus, Document, Inline, Match, QuotePair, Row, UnitRef, Unmatched, Version,
    VersionPair, WordOp,
};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

/// What the comparison pages look things up in, built once per render.
pub struct Context<'a> {
    /// The corpus.
    pub corpus: &'a Corpus,
    /// What `compare` found.
    pub comparison: &'a Comparison,
    docs: HashMap<&'a str, &'a Document>,
    pairs: HashMap<&'a str, Vec<&'a VersionPair>>,
}

impl<'a> Context<'a> {
    /// Indexes documents and pairs by slug.
    pub fn new(corpus: &'a Corpus, comparison: &'a Comparison) -> Self {
        let docs = corpus
            .documents
            .iter()
            .map(|d| (d.slug.as_str(), d))
            .collect();
        let mut pairs: HashMap<&str, Vec<&VersionPair>> = HashMap::new();
        for p in &comparison.pairs {
            pairs.entry(p.slug.as_str()).or_default().push(p);
        }
        Context {
            corpus,
            comparison,
            docs,
            pairs,
        }
    }

    fn doc(&self, slug: &str) -> Option<&'a Document> {
        self.docs.get(slug).copied()
    }

    fn pairs_of(&self, slug: &str) -> &[&'a VersionPair] {
        self.pairs.get(slug).map_or(&[], Vec::as_slice)
    }

    fn version(&self, slug: &str, id: &str) -> Option<(&'a Document, &'a Version)> {
        let doc = self.doc(slug)?;
        Some((doc, doc.versions.iter().find(|v| v.meta.id == id)?))
    }
}

/// A comparison page to render through the theme.
pub enum Job<'a> {
    /// The word diff of a pair of versions, inline or side by side.
    Diff {
        /// The pair.
        pair: &'a VersionPair,
        /// Its document and its two versions.
        texts: Texts<'a>,
        /// Inline or side by side.
        layout: Layout,
    },
    /// The numbering concordances of a document's versions.
    Concordance(&'a Document),
    /// The quotations of one version's paragraphs.
    Quotations(&'a Document, &'a Version),
    /// The compare page.
    Compare,
}

/// How a diff page sets out the two texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One text, deletions and insertions inline.
    Inline,
    /// Two columns.
    SideBySide,
}

/// The document of a pair of versions, and the two versions.
#[derive(Clone, Copy)]
pub struct Texts<'a> {
    doc: &'a Document,
    a: &'a Version,
    b: &'a Version,
}

/// Every comparison page of the site.
pub fn jobs<'a>(ctx: &Context<'a>, scope: &Scope<'_>) -> Vec<Job<'a>> {
    let mut out = vec![Job::Compare];
    for pair in ctx
        .comparison
        .pairs
        .iter()
        .filter(|p| scope.has_document(&p.slug))
    {
        let (Some((doc, a)), Some((_, b))) = (
            ctx.version(&pair.slug, &pair.a),
            ctx.version(&pair.slug, &pair.b),
        ) else {
            continue;
        };
        let texts = Texts { doc, a, b };
        for layout in [Layout::Inline, Layout::SideBySide] {
            out.push(Job::Diff {
                pair,
                texts,
                layout,
            });
        }
    }
    for doc in ctx
        .corpus
        .documents
        .iter()
        .filter(|d| scope.has_document(&d.slug))
    {
        if !ctx.pairs_of(&doc.slug).is_empty() {
            out.push(Job::Concordance(doc));
        }
        for v in &doc.versions {
            if has_quotations(ctx, doc, v) {
                out.push(Job::Quotations(doc, v));
            }
        }
    }
    out
}

fn has_quotations(ctx: &Context<'_>, doc: &Document, v: &Version) -> bool {
    ctx.comparison
        .quotations
        .of_version(&doc.slug, &v.meta.id)
        .next()
        .is_some()
}

impl Job<'_> {
    /// What the page is derived from: a document's versions, or (the compare page) every text.
    pub fn origin(&self) -> Origin {
        match self {
            Job::Diff { texts, .. } => Origin::Document(texts.doc.slug.clone()),
            Job::Concordance(doc) | Job::Quotations(doc, _) => Origin::Document(doc.slug.clone()),
            Job::Compare => Origin::Corpus,
        }
    }

    /// What the page reads of every document, when it is a corpus-wide page.
    pub fn reads(&self) -> &'static [Facet] {
        match self {
            Job::Compare => &[Facet::Text],
            _ => &[],
        }
    }

    /// Where the page goes.
    pub fn path(&self) -> String {
        match self {
            Job::Diff {
                pair,
                layout: Layout::Inline,
                ..
            } => format!("{}index.html", diff_url(pair)),
            Job::Diff { pair, .. } => format!("{}side-by-side/index.html", diff_url(pair)),
            Job::Concordance(doc) => format!("{}/concordance/index.html", doc.slug),
            Job::Quotations(doc, v) => format!("{}/{}/quotations/index.html", doc.slug, v.meta.id),
            Job::Compare => "compare/index.html".into(),
        }
    }

    /// The template that renders the page.
    pub fn template(&self) -> &'static str {
        match self {
            Job::Diff { .. } => "diff.html",
            Job::Concordance(_) => "concordance.html",
            Job::Quotations(..) => "quotations.html",
            Job::Compare => "compare.html",
        }
    }

    /// The page's view, as the template sees it.
    pub fn view(&self, ctx: &Context<'_>) -> tera::Value {
        match self {
            Job::Diff {
                pair,
                texts,
                layout,
            } => tera::Value::from_serializable(&diff_page(pair, *texts, *layout)),
            Job::Concordance(doc) => tera::Value::from_serializable(&concordance_page(ctx, doc)),
            Job::Quotations(doc, v) => {
                tera::Value::from_serializable(&quotations_page(ctx, doc, v))
            }
            Job::Compare => tera::Value::from_serializable(&compare_page(ctx)),
        }
    }
}

/// `<slug>/diff/<a>..<b>/`.
pub fn diff_url(pair: &VersionPair) -> String {
    format!("{}/diff/{}..{}/", pair.slug, pair.a, pair.b)
}

fn version_url(slug: &str, version: &str) -> String {
    format!("{slug}/{version}/")
}

/// How a page's prose names a version: "the text as issued", "the compilation".
pub fn short_name(v: &Version) -> String {
    match v.meta.witness.as_str() {
        "as-issued" => "the text as issued".into(),
        "compilation" | "compilation-excerpt" => "the compilation".into(),
        "revision" => "the revision".into(),
        other => format!("the {} “{}”", other.replace('-', " "), v.meta.id),
    }
}

/// Names for the two versions of a pair, told apart by their ids when their witnesses agree.
fn pair_names(a: &Version, b: &Version) -> (String, String) {
    let (na, nb) = (short_name(a), short_name(b));
    if na == nb {
        (format!("“{}”", a.meta.id), format!("“{}”", b.meta.id))
    } else {
        (na, nb)
    }
}

// ---------------------------------------------------------------------------------------------
// Version pages

/// Adds to a version page what comparing found: links to the counterpart of each paragraph in
/// the other versions, the alias ids that let an anchor written in another version's numbering
/// land here, the related paragraphs of other documents, and links to the diffs.
pub fn decorate(page: &mut VersionPage, ctx: &Context<'_>, doc: &Document, version: &Version) {
    let id = version.meta.id.as_str();
    let mut counterparts: HashMap<&str, Vec<Counterpart>> = HashMap::new();
    let mut aliases: HashMap<&str, Vec<AliasView>> = HashMap::new();
    for pair in ctx.pairs_of(&doc.slug) {
        let Some((this, other)) = pair_versions(ctx, pair, id) else {
            continue;
        };
        let this_name = short_name(this);
        let other_name = short_name(other);
        page.comparisons.push(pair_link(pair, this, other));
        for row in pair.aligned() {
            let (mine, theirs) = if pair.a == id {
                (&row.a, &row.b)
            } else {
                (&row.b, &row.a)
            };
            counterparts
                .entry(mine.anchor.as_str())
                .or_default()
                .push(Counterpart {
                    version: other.meta.id.clone(),
                    label: short_label(theirs),
                    url: format!(
                        "{}#{}",
                        version_url(&doc.slug, &other.meta.id),
                        theirs.anchor
                    ),
                    title: format!("The same paragraph in {other_name}: {}", theirs.label),
                });
            aliases
                .entry(mine.anchor.as_str())
                .or_default()
                .push(AliasView {
                    id: alias_id(&other.meta.id, &theirs.anchor),
                    note: format!(
                        "You followed {} of {other_name} ({}:{}); in {this_name} it is {}.",
                        describe_unit(theirs),
                        other.meta.id,
                        theirs.anchor,
                        describe_unit(mine)
                    ),
                });
        }
    }
    let quotations = &ctx.comparison.quotations;
    let quoted: HashMap<&str, &[usize]> = quotations.of_version(&doc.slug, id).collect();
    for block in &mut page.blocks {
        let anchor = block.anchor.as_str();
        block.counterparts = counterparts.remove(anchor).unwrap_or_default();
        block.aliases = aliases.remove(anchor).unwrap_or_default();
        if let Some(list) = quoted.get(anchor).filter(|_| block.kind == "para") {
            let pairs = list.iter().map(|&k| &quotations.pairs[k]);
            block.related = related(ctx, doc, version, anchor, pairs);
        }
    }
    if !quoted.is_empty() {
        page.quotations_url = Some(format!("{}quotations/", version_url(&doc.slug, id)));
    }
}

/// The two versions of `pair`, the one with id `this` first.
fn pair_versions<'a>(
    ctx: &Context<'a>,
    pair: &VersionPair,
    this: &str,
) -> Option<(&'a Version, &'a Version)> {
    let other = if pair.a == this {
        &pair.b
    } else if pair.b == this {
        &pair.a
    } else {
        return None;
    };
    Some((
        ctx.version(&pair.slug, this)?.1,
        ctx.version(&pair.slug, other)?.1,
    ))
}

fn pair_link(pair: &VersionPair, this: &Version, other: &Version) -> PairLink {
    PairLink {
        other: other.meta.id.clone(),
        other_name: short_name(other),
        this_name: short_name(this),
        diff_url: diff_url(pair),
        side_url: format!("{}side-by-side/", diff_url(pair)),
        concordance_url: format!("{}/concordance/#{}..{}", pair.slug, pair.a, pair.b),
    }
}

/// A unit's number, or nothing where it is named by its words (the link then names the version).
fn short_label(u: &UnitRef) -> String {
    if u.kind == crate::model::UnitKind::Paragraph && !u.label.starts_with('“') {
        u.label.clone()
    } else {
        String::new()
    }
}

/// "paragraph 4", "the paragraph “Bearing in mind …”", "the heading III. …", "the masthead".
fn describe_unit(u: &UnitRef) -> String {
    match u.kind {
        crate::model::UnitKind::Masthead => "the masthead".into(),
        crate::model::UnitKind::Heading => format!("the heading {}", u.label),
        crate::model::UnitKind::Paragraph if u.label.starts_with('“') => {
            format!("the paragraph {}", u.label)
        }
        crate::model::UnitKind::Paragraph => format!("paragraph {}", u.label),
    }
}

/// The related paragraphs of other documents listed under a paragraph.
fn related<'q>(
    ctx: &Context<'_>,
    doc: &Document,
    version: &Version,
    anchor: &str,
    pairs: impl Iterator<Item = &'q QuotePair>,
) -> Vec<RelatedView> {
    pairs
        .enumerate()
        .filter_map(|(n, q)| {
            let other = q.other(&doc.slug, &version.meta.id, anchor);
            let other_doc = ctx.doc(&other.slug)?;
            Some(RelatedView {
                citation: other.citation.clone(),
                url: format!(
                    "{}#{}",
                    version_url(&other.slug, &other.version),
                    other.anchor
                ),
                relation: relation(doc, other_doc).into(),
                date: other_doc.meta.date.long(),
                similarity: percent(q.similarity),
                coverage: percent(q.coverage),
                diff_url: format!(
                    "{}quotations/#{}",
                    version_url(&doc.slug, &version.meta.id),
                    quote_id(anchor, n + 1)
                ),
            })
        })
        .collect()
}

fn relation(this: &Document, other: &Document) -> &'static str {
    match other.meta.date.cmp(&this.meta.date) {
        std::cmp::Ordering::Less => "earlier",
        std::cmp::Ordering::Greater => "later",
        std::cmp::Ordering::Equal => "same date",
    }
}

fn quote_id(anchor: &str, n: usize) -> String {
    format!("q:{anchor}:{n}")
}

fn percent(x: f32) -> u32 {
    (x * 100.0).round() as u32
}

// ---------------------------------------------------------------------------------------------
// Diff pages

fn diff_page(pair: &VersionPair, Texts { doc, a, b }: Texts<'_>, layout: Layout) -> DiffPage {
    let (a_name, b_name) = pair_names(a, b);
    let notes = Notes {
        a: &a.notes,
        b: &b.notes,
        a_name: &a.meta.id,
        b_name: &b.meta.id,
    };
    let mut counts = DiffCounts::default();
    // The words of an unchanged unit are not kept in the comparison: they are read from the
    // base version, tokenised once for the page if any row needs them.
    let units_a = std::cell::OnceCell::new();
    let words_a = |index: usize| {
        units_a
            .get_or_init(|| tokens::units(a, doc.meta.cite_name()))
            .get(index)
            .map(|u: &tokens::Unit| u.tokens.clone())
            .unwrap_or_default()
    };
    let rows = pair
        .rows
        .iter()
        .map(|row| match row {
            Row::Aligned(p) => {
                count(&mut counts, p);
                aligned_row(pair, p, &p.diff.runs(|| words_a(p.a.index)), notes)
            }
            Row::OnlyA(units) => {
                counts.only_a += units.len();
                gap_row(pair, "only-a", units, (&pair.a, &a_name, &b_name), &a.notes)
            }
            Row::OnlyB(units) => {
                counts.only_b += units.len();
                gap_row(pair, "only-b", units, (&pair.b, &b_name, &a_name), &b.notes)
            }
        })
        .collect();
    DiffPage {
        doc: DocSummary::new(doc),
        a: super::views::version_link(doc, a, a),
        b: super::views::version_link(doc, b, b),
        a_name,
        b_name,
        side_by_side: layout == Layout::SideBySide,
        inline_url: diff_url(pair),
        side_url: format!("{}side-by-side/", diff_url(pair)),
        concordance_url: format!("{}/concordance/#{}..{}", pair.slug, pair.a, pair.b),
        counts,
        rows,
    }
}

fn count(counts: &mut DiffCounts, p: &crate::model::Aligned) {
    if p.diff.is_same() {
        counts.same += 1;
    } else {
        counts.changed += 1;
    }
    if p.moved {
        counts.moved += 1;
    }
}

/// How two aligned texts differ in wording: "same words", "same words, other punctuation or
/// typography", "87% of words in common".
pub fn wording(p: &crate::model::Aligned) -> String {
    if p.diff.is_same() {
        "same words".into()
    } else if percent(p.similarity) == 100 {
        "same words, other punctuation or typography".into()
    } else {
        format!("{}% of words in common", percent(p.similarity))
    }
}

/// The row of an aligned pair `p`, whose diff reads as `runs`.
fn aligned_row(
    pair: &VersionPair,
    p: &crate::model::Aligned,
    runs: &[WordOp],
    notes: Notes<'_>,
) -> DiffRow {
    let (a_notes, b_notes) = note_lines_by_side(runs, notes);
    let mut status = vec![wording(p)];
    if p.a.label != p.b.label && p.a.kind == crate::model::UnitKind::Paragraph {
        status.push("numbered differently".into());
    }
    if p.moved {
        status.push("moved".into());
    }
    if p.matched == Match::Similar {
        status.push("matched by its words".into());
    }
    DiffRow {
        kind: "aligned",
        id: alias_id(&pair.a, &p.a.anchor),
        alias_ids: vec![alias_id(&pair.b, &p.b.anchor)],
        heading: format!(
            "{} {} · {} {}",
            pair.a,
            row_label(&p.a),
            pair.b,
            row_label(&p.b)
        ),
        a_label: row_label(&p.a),
        b_label: row_label(&p.b),
        status,
        a_url: Some(format!(
            "{}#{}",
            version_url(&pair.slug, &pair.a),
            p.a.anchor
        )),
        b_url: Some(format!(
            "{}#{}",
            version_url(&pair.slug, &pair.b),
            p.b.anchor
        )),
        inline_html: diff_html(runs, Side::Both, notes),
        a_html: diff_html(runs, Side::A, notes),
        b_html: diff_html(runs, Side::B, notes),
        notes: note_lines(runs, notes),
        a_notes,
        b_notes,
        units: Vec::new(),
    }
}

fn row_label(u: &UnitRef) -> String {
    match u.kind {
        crate::model::UnitKind::Masthead => "masthead".into(),
        _ => u.label.clone(),
    }
}

/// A run of units one version has and the other lacks: "Paragraphs 4 to 9 of the text as
/// issued are not in the compilation".
fn gap_row(
    pair: &VersionPair,
    kind: &'static str,
    units: &[Unmatched],
    (version, name, other_name): (&str, &str, &str),
    notes: &[crate::model::EditorialNote],
) -> DiffRow {
    let gap_units: Vec<GapUnit> = units
        .iter()
        .map(|Unmatched { unit: u, tokens }| GapUnit {
            id: alias_id(version, &u.anchor),
            label: row_label(u),
            url: format!("{}#{}", version_url(&pair.slug, version), u.anchor),
            html: text_html(tokens, notes, version),
            notes: text_note_lines(tokens, notes, version),
        })
        .collect();
    DiffRow {
        kind,
        id: String::new(),
        alias_ids: Vec::new(),
        heading: gap_heading(units, name, other_name),
        a_label: String::new(),
        b_label: String::new(),
        status: Vec::new(),
        a_url: None,
        b_url: None,
        inline_html: String::new(),
        a_html: String::new(),
        b_html: String::new(),
        notes: Vec::new(),
        a_notes: Vec::new(),
        b_notes: Vec::new(),
        units: gap_units,
    }
}

/// "Paragraph 4 of X is not in Y", "Paragraphs 4 to 9 of X are not in Y (6 paragraphs)".
pub fn gap_heading(units: &[Unmatched], name: &str, other_name: &str) -> String {
    let all_paragraphs = units
        .iter()
        .all(|u| u.unit.kind == crate::model::UnitKind::Paragraph);
    let Some(first) = units.first().map(|u| row_label(&u.unit)) else {
        return String::new();
    };
    match units {
        [_] if all_paragraphs => format!("Paragraph {first} of {name} is not in {other_name}"),
        [one] => format!(
            "{} of {name} is not in {other_name}",
            capitalise(&describe_unit(&one.unit))
        ),
        [.., last] => format!(
            "{} {first} to {} of {name} are not in {other_name} ({} {})",
            if all_paragraphs { "Paragraphs" } else { "From" },
            row_label(&last.unit),
            units.len(),
            if all_paragraphs {
                "paragraphs"
            } else {
                "paragraphs and headings"
            }
        ),
        [] => String::new(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Concordance

/// The first pair whose anchors differ, as an example of an alias.
fn alias_example(ctx: &Context<'_>, doc: &Document) -> Option<AliasExample> {
    ctx.pairs_of(&doc.slug).iter().find_map(|pair| {
        let (_, a) = ctx.version(&pair.slug, &pair.a)?;
        let (_, b) = ctx.version(&pair.slug, &pair.b)?;
        let (a_name, b_name) = pair_names(a, b);
        let numbered =
            |u: &UnitRef| u.kind == crate::model::UnitKind::Paragraph && !u.label.starts_with('“');
        let p = pair
            .aligned()
            .find(|p| p.a.anchor != p.b.anchor && numbered(&p.a) && numbered(&p.b))
            .or_else(|| pair.aligned().find(|p| p.a.anchor != p.b.anchor))?;
        Some(AliasExample {
            url: format!(
                "{}#{}",
                version_url(&pair.slug, &pair.b),
                alias_id(&pair.a, &p.a.anchor)
            ),
            text: format!(
                "opens {} of {b_name}, which is {} in {a_name}",
                describe_unit(&p.b),
                describe_unit(&p.a)
            ),
        })
    })
}

fn concordance_page(ctx: &Context<'_>, doc: &Document) -> ConcordancePage {
    let tables = ctx
        .pairs_of(&doc.slug)
        .iter()
        .filter_map(|pair| {
            let (_, a) = ctx.version(&pair.slug, &pair.a)?;
            let (_, b) = ctx.version(&pair.slug, &pair.b)?;
            let (a_name, b_name) = pair_names(a, b);
            Some(ConcordanceTable {
                id: format!("{}..{}", pair.a, pair.b),
                a: super::views::version_link(doc, a, a),
                b: super::views::version_link(doc, b, b),
                a_name,
                b_name,
                diff_url: diff_url(pair),
                rows: concordance_rows(pair),
            })
        })
        .collect();
    ConcordancePage {
        doc: DocSummary::new(doc),
        tables,
        example: alias_example(ctx, doc),
    }
}

fn concordance_rows(pair: &VersionPair) -> Vec<ConcordanceRow> {
    let link = |v: &str, u: &UnitRef| Some(format!("{}#{}", version_url(&pair.slug, v), u.anchor));
    let mut out = Vec::new();
    for row in &pair.rows {
        match row {
            Row::Aligned(p) => out.push(ConcordanceRow {
                a_label: Some(row_label(&p.a)),
                a_url: link(&pair.a, &p.a),
                b_label: Some(row_label(&p.b)),
                b_url: link(&pair.b, &p.b),
                how: how(p),
                diff_url: format!("{}#{}", diff_url(pair), alias_id(&pair.a, &p.a.anchor)),
            }),
            Row::OnlyA(units) | Row::OnlyB(units) => {
                let in_a = matches!(row, Row::OnlyA(_));
                let v = if in_a { &pair.a } else { &pair.b };
                for Unmatched { unit: u, .. } in units {
                    out.push(ConcordanceRow {
                        a_label: in_a.then(|| row_label(u)),
                        a_url: if in_a { link(v, u) } else { None },
                        b_label: (!in_a).then(|| row_label(u)),
                        b_url: if in_a { None } else { link(v, u) },
                        how: "no counterpart".into(),
                        diff_url: format!("{}#{}", diff_url(pair), alias_id(v, &u.anchor)),
                    });
                }
            }
        }
    }
    out
}

fn how(p: &crate::model::Aligned) -> String {
    let mut s = wording(p);
    if p.moved {
        s.push_str(", moved");
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Quotations

fn quotations_page(ctx: &Context<'_>, doc: &Document, v: &Version) -> QuotationsPage {
    let quotations = &ctx.comparison.quotations;
    let quoted: HashMap<&str, &[usize]> = quotations.of_version(&doc.slug, &v.meta.id).collect();
    let mut sections = Vec::new();
    for p in v.paragraphs() {
        let anchor = p.anchor.as_str();
        let Some(list) = quoted.get(anchor) else {
            continue;
        };
        let items: Vec<QuoteItem> = list
            .iter()
            .enumerate()
            .filter_map(|(n, &k)| quote_item(ctx, doc, v, anchor, &quotations.pairs[k], n + 1))
            .collect();
        sections.push(QuoteSection {
            id: format!("q:{anchor}"),
            label: tokens::label(p, doc.meta.cite_name()),
            url: format!("{}#{anchor}", version_url(&doc.slug, &v.meta.id)),
            items,
        });
    }
    QuotationsPage {
        doc: DocSummary::new(doc),
        version: super::views::version_link(doc, v, v),
        sections,
    }
}

fn quote_item(
    ctx: &Context<'_>,
    doc: &Document,
    v: &Version,
    anchor: &str,
    q: &QuotePair,
    n: usize,
) -> Option<QuoteItem> {
    let other = q.other(&doc.slug, &v.meta.id, anchor);
    let (other_doc, _) = ctx.version(&other.slug, &other.version)?;
    let (_, earlier_v) = ctx.version(&q.earlier.slug, &q.earlier.version)?;
    let (_, later_v) = ctx.version(&q.later.slug, &q.later.version)?;
    let notes = Notes {
        a: &earlier_v.notes,
        b: &later_v.notes,
        a_name: &q.earlier.version,
        b_name: &q.later.version,
    };
    let runs = q.diff.runs(|| {
        earlier_v
            .paragraphs()
            .into_iter()
            .find(|p| p.anchor == q.earlier.anchor)
            .map(|p| tokens::tokens(&p.content, &earlier_v.notes))
            .unwrap_or_default()
    });
    Some(QuoteItem {
        id: quote_id(anchor, n),
        citation: other.citation.clone(),
        url: format!(
            "{}#{}",
            version_url(&other.slug, &other.version),
            other.anchor
        ),
        relation: relation(doc, other_doc),
        date: other_doc.meta.date.long(),
        similarity: percent(q.similarity),
        coverage: percent(q.coverage),
        earlier: q.earlier.citation.clone(),
        later: q.later.citation.clone(),
        html: diff_html(&runs, Side::Both, notes),
        notes: note_lines(&runs, notes),
        compare_url: format!(
            "compare/?a={}&b={}",
            reference(&q.earlier.slug, &q.earlier.version, &q.earlier.anchor),
            reference(&q.later.slug, &q.later.version, &q.later.anchor)
        ),
    })
}

/// `slug/version#anchor`, percent-encoded for a query string.
fn reference(slug: &str, version: &str, anchor: &str) -> String {
    format!(
        "{slug}/{version}%23{}",
        anchor.replace('(', "%28").replace(')', "%29")
    )
}

// ---------------------------------------------------------------------------------------------
// The compare page and the data files

fn compare_page(ctx: &Context<'_>) -> ComparePage {
    let q = ctx
        .comparison
        .quotations
        .pairs
        .iter()
        .filter(|q| q.similarity < 1.0)
        .max_by(|x, y| x.similarity.total_cmp(&y.similarity));
    let show = |r: &crate::model::ParaRef| format!("{}/{}#{}", r.slug, r.version, r.anchor);
    ComparePage {
        example_a: q.map(|q| show(&q.earlier)).unwrap_or_default(),
        example_b: q.map(|q| show(&q.later)).unwrap_or_default(),
    }
}

/// Makes the JSON files of `scope` and hands each to `hand` as soon as it is made, in parallel:
/// `compare/documents.json` (which reads every document's listing), each version's
/// `paragraphs.json` and each document's `concordance.json`. Together they hold the plain text
/// of every paragraph, so they are never all in memory at once.
pub fn each_data_file<E: Send>(
    ctx: &Context<'_>,
    scope: &Scope<'_>,
    hand: &(dyn Fn(Origin, OutputFile) -> Result<(), E> + Sync),
) -> Result<(), E> {
    if scope.renders(&Origin::Corpus, &[Facet::Listing]) {
        let file = json("compare/documents.json", &documents_json(ctx.corpus));
        hand(Origin::Corpus, file)?;
    }
    ctx.corpus
        .documents
        .par_iter()
        .filter(|d| scope.has_document(&d.slug))
        .try_for_each(|doc| {
            let origin = || Origin::Document(doc.slug.clone());
            for v in &doc.versions {
                let path = format!("{}/{}/paragraphs.json", doc.slug, v.meta.id);
                hand(origin(), json(&path, &paragraphs_json(doc, v)))?;
            }
            let pairs = ctx.pairs_of(&doc.slug);
            if !pairs.is_empty() {
                let path = format!("{}/concordance.json", doc.slug);
                hand(origin(), json(&path, &concordance_json(&doc.slug, pairs)))?;
            }
            Ok(())
        })
}

fn json<T: Serialize>(path: &str, value: &T) -> OutputFile {
    let mut bytes = serde_json::to_vec(value).expect("data files serialize");
    bytes.push(b'\n');
    OutputFile {
        path: PathBuf::from(path),
        bytes,
    }
}

#[derive(Serialize)]
struct DocumentsJson {
    documents: Vec<DocumentEntry>,
}

#[derive(Serialize)]
struct DocumentEntry {
    slug: String,
    cite_name: String,
    title: String,
    canonical: Option<String>,
    versions: Vec<VersionEntry>,
}

#[derive(Serialize)]
struct VersionEntry {
    id: String,
    label: String,
}

fn documents_json(corpus: &Corpus) -> DocumentsJson {
    DocumentsJson {
        documents: corpus
            .documents
            .iter()
            .filter(|d| !d.versions.is_empty())
            .map(|d| DocumentEntry {
                slug: d.slug.clone(),
                cite_name: d.meta.cite_name().to_owned(),
                title: d.meta.title.clone(),
                canonical: d.meta.canonical.clone(),
                versions: d
                    .versions
                    .iter()
                    .map(|v| VersionEntry {
                        id: v.meta.id.clone(),
                        label: v.meta.label.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct ParagraphsJson {
    slug: String,
    version: String,
    cite_name: String,
    paragraphs: Vec<ParagraphEntry>,
}

#[derive(Serialize)]
struct ParagraphEntry {
    anchor: String,
    label: String,
    citation: String,
    text: String,
    notes: Vec<String>,
}

fn paragraphs_json(doc: &Document, v: &Version) -> ParagraphsJson {
    let cite = doc.meta.cite_name();
    ParagraphsJson {
        slug: doc.slug.clone(),
        version: v.meta.id.clone(),
        cite_name: cite.to_owned(),
        paragraphs: v
            .paragraphs()
            .into_iter()
            .map(|p| ParagraphEntry {
                anchor: p.anchor.to_string(),
                label: tokens::label(p, cite),
                citation: p.citation.to_string(),
                text: Inline::plain(&p.content, &v.notes),
                notes: describe_notes(&tokens::note_indices(&p.content), &v.notes, &v.meta.id),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct ConcordanceJson<'a> {
    document: &'a str,
    pairs: Vec<ConcordancePairJson<'a>>,
}

#[derive(Serialize)]
struct ConcordancePairJson<'a> {
    a: &'a str,
    b: &'a str,
    rows: Vec<ConcordanceRowJson<'a>>,
}

/// One row: the anchors in each version (`null` where a version lacks the paragraph).
#[derive(Serialize)]
struct ConcordanceRowJson<'a> {
    a: Option<&'a str>,
    b: Option<&'a str>,
    a_label: Option<&'a str>,
    b_label: Option<&'a str>,
    #[serde(rename = "match")]
    matched: Option<Match>,
    similarity: Option<f64>,
    moved: bool,
}

fn concordance_json<'a>(slug: &'a str, pairs: &[&'a VersionPair]) -> ConcordanceJson<'a> {
    ConcordanceJson {
        document: slug,
        pairs: pairs
            .iter()
            .map(|p| ConcordancePairJson {
                a: &p.a,
                b: &p.b,
                rows: p.rows.iter().flat_map(concordance_row_json).collect(),
            })
            .collect(),
    }
}

fn concordance_row_json(row: &Row) -> Vec<ConcordanceRowJson<'_>> {
    match row {
        Row::Aligned(p) => vec![ConcordanceRowJson {
            a: Some(&p.a.anchor),
            b: Some(&p.b.anchor),
            a_label: Some(&p.a.label),
            b_label: Some(&p.b.label),
            matched: Some(p.matched),
            similarity: Some((f64::from(p.similarity) * 1000.0).round() / 1000.0),
            moved: p.moved,
        }],
        Row::OnlyA(units) | Row::OnlyB(units) => {
            let in_a = matches!(row, Row::OnlyA(_));
            units
                .iter()
                .map(|Unmatched { unit: u, .. }| ConcordanceRowJson {
                    a: in_a.then_some(u.anchor.as_str()),
                    b: (!in_a).then_some(u.anchor.as_str()),
                    a_label: in_a.then_some(u.label.as_str()),
                    b_label: (!in_a).then_some(u.label.as_str()),
                    matched: None,
                    similarity: None,
                    moved: false,
                })
                .collect()
        }
    }
}
