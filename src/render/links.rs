//! Views of the citations between texts: the "cited by" lists of documents and paragraphs, the
//! provenance panel of every document page, and the timeline. Built from the model through one
//! index made once per build, so that no page scans the whole corpus.

use super::views::DocListing;
use crate::model::{Citations, CitedBy, Corpus, Document, Evidence, PartialDate, Relation};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How many paragraphs carrying a relation the timeline shows before "and N more".
const TIMELINE_EVIDENCE: usize = 3;

/// How many citing paragraphs a paragraph's list, and a citing document's group in a
/// document's list, show before "and N more" (the newest first).
const CITED_BY_SHOWN: usize = 20;

/// How many citing paragraphs a document's "cited by" list shows in all: past it, a citing
/// document shows its count only (a page stays readable when thousands of texts cite one).
const PAGE_BUDGET: usize = 2000;

/// How many paragraphs carrying a relation a provenance panel shows before "and N more" (the
/// page's "cited by" list has them all).
const PANEL_EVIDENCE: usize = 5;

/// Documents and relations by slug, made once per build.
pub struct LinkIndex<'a> {
    docs: HashMap<&'a str, &'a Document>,
    from: HashMap<&'a str, Vec<&'a Relation>>,
    to: HashMap<&'a str, Vec<&'a Relation>>,
    citations: &'a Citations,
    documents: &'a [Document],
}

impl<'a> LinkIndex<'a> {
    /// Indexes the corpus.
    pub fn new(corpus: &'a Corpus) -> Self {
        let mut from: HashMap<&str, Vec<&Relation>> = HashMap::new();
        let mut to: HashMap<&str, Vec<&Relation>> = HashMap::new();
        for r in &corpus.citations.relations {
            from.entry(&r.from).or_default().push(r);
            to.entry(&r.to).or_default().push(r);
        }
        LinkIndex {
            docs: corpus
                .documents
                .iter()
                .map(|d| (d.slug.as_str(), d))
                .collect(),
            from,
            to,
            citations: &corpus.citations,
            documents: &corpus.documents,
        }
    }

    fn doc_ref(&self, slug: &str) -> Option<DocRef> {
        self.docs.get(slug).map(|d| DocRef::new(d))
    }

    /// Who cites the paragraph `anchor` of the page of document `page`, newest first.
    pub fn cited_by_paragraph(&self, page: &str, anchor: &str) -> CitedByList {
        let list = self
            .citations
            .by_paragraph
            .get(page)
            .and_then(|m| m.get(anchor))
            .map_or(&[][..], Vec::as_slice);
        CitedByList::new(list.iter(), CITED_BY_SHOWN)
    }

    /// Who cites document `slug`, grouped by citing document, newest first.
    pub fn cited_by_document(&self, slug: &str) -> Vec<CitedByGroup> {
        let Some(list) = self.citations.by_document.get(slug) else {
            return Vec::new();
        };
        let mut groups: Vec<(&str, Vec<&CitedBy>)> = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        for c in list {
            let i = *at.entry(&c.doc).or_insert_with(|| {
                groups.push((&c.doc, Vec::new()));
                groups.len() - 1
            });
            groups[i].1.push(c);
        }
        let mut budget = PAGE_BUDGET;
        groups
            .into_iter()
            .map(|(doc, entries)| CitedByGroup {
                doc: self.doc_ref(doc).unwrap_or_default(),
                total: entries.len(),
                list: {
                    let shown = entries.len().min(CITED_BY_SHOWN).min(budget);
                    budget -= shown;
                    CitedByList::new(entries.into_iter(), shown)
                },
            })
            .collect()
    }

    /// What document `slug` builds on (oldest first) and what builds on it (newest first).
    pub fn provenance(&self, slug: &str) -> Provenance {
        let mut builds_on: Vec<RelationView> = self
            .from
            .get(slug)
            .into_iter()
            .flatten()
            .filter_map(|r| self.relation(r, &r.to, r.kind.label(), PANEL_EVIDENCE))
            .collect();
        builds_on
            .sort_by(|a, b| (&a.doc.date, &a.doc.cite_name).cmp(&(&b.doc.date, &b.doc.cite_name)));
        let mut built_on_by: Vec<RelationView> = self
            .to
            .get(slug)
            .into_iter()
            .flatten()
            .filter_map(|r| self.relation(r, &r.from, r.kind.reverse_label(), PANEL_EVIDENCE))
            .collect();
        built_on_by
            .sort_by(|a, b| (&b.doc.date, &a.doc.cite_name).cmp(&(&a.doc.date, &b.doc.cite_name)));
        Provenance {
            builds_on,
            built_on_by,
        }
    }

    fn relation(&self, r: &Relation, other: &str, label: &str, cap: usize) -> Option<RelationView> {
        let evidence: Vec<EvidenceView> = r
            .evidence
            .iter()
            .map(|e| EvidenceView {
                url: e.url.clone(),
                citation: e.citation.clone(),
            })
            .collect();
        let more = evidence.len().saturating_sub(cap);
        Some(RelationView {
            label: label.to_owned(),
            kind: r.kind,
            doc: self.doc_ref(other)?,
            evidence: evidence.into_iter().take(cap).collect(),
            more,
            basis: r.basis.clone(),
        })
    }

    /// The timeline: every document on one dated axis, in lanes by issuing body.
    pub fn timeline(&self) -> TimelineView<'a> {
        let mut years: Vec<u16> = self.documents.iter().map(|d| d.meta.date.year).collect();
        years.sort_unstable();
        years.dedup();
        let column: HashMap<u16, usize> =
            years.iter().enumerate().map(|(i, y)| (*y, i + 1)).collect();
        let bodies: BTreeSet<&str> = self.documents.iter().map(|d| &*d.meta.body).collect();
        let mut lanes: BTreeMap<&str, Vec<&'a Document>> = BTreeMap::new();
        for d in self.documents {
            lanes
                .entry(lane_of(&d.meta.body, &bodies))
                .or_default()
                .push(d);
        }
        let mut lanes: Vec<Lane<'a>> = lanes
            .into_iter()
            .map(|(body, mut docs)| {
                docs.sort_by(|a, b| {
                    (a.meta.date, a.meta.cite_name()).cmp(&(b.meta.date, b.meta.cite_name()))
                });
                Lane {
                    id: format!("lane-{}", crate::slug::slugify(body)),
                    name: body.to_owned(),
                    entries: docs
                        .into_iter()
                        .map(|d| self.entry(d, column[&d.meta.date.year]))
                        .collect(),
                }
            })
            .collect();
        lanes.sort_by(|a, b| {
            (&a.entries[0].doc.date, &a.name).cmp(&(&b.entries[0].doc.date, &b.name))
        });
        let axis = years
            .iter()
            .enumerate()
            .map(|(i, y)| AxisYear {
                year: *y,
                col: i + 1,
                gap_before: i > 0 && y - years[i - 1] > 1,
            })
            .collect();
        TimelineView {
            axis,
            columns: years.len(),
            lanes,
        }
    }

    fn entry(&self, d: &'a Document, col: usize) -> TimelineEntry<'a> {
        let mut builds_on: Vec<TimelineRelation> = self
            .from
            .get(d.slug.as_str())
            .into_iter()
            .flatten()
            .filter_map(|r| {
                let other = self.docs.get(r.to.as_str())?;
                let shown = r.evidence.len().min(TIMELINE_EVIDENCE);
                Some(TimelineRelation {
                    label: r.kind.label(),
                    kind: r.kind,
                    doc: TimelineLink {
                        url: format!("{}/", other.slug),
                        cite_name: other.meta.cite_name(),
                    },
                    evidence: &r.evidence[..shown],
                    more: r.evidence.len() - shown,
                    basis: r.basis.as_deref(),
                    date: other.meta.date,
                })
            })
            .collect();
        builds_on.sort_by(|a, b| (&a.date, a.doc.cite_name).cmp(&(&b.date, b.doc.cite_name)));
        TimelineEntry {
            doc: DocListing::new(d),
            col,
            builds_on,
        }
    }
}

/// The lane of a document issued by `body`: the body itself, or, where `body` is another body
/// named more fully ("OSCE Secretariat", "Secretariat (Secretary General)"), that body's lane.
fn lane_of<'b>(body: &'b str, bodies: &BTreeSet<&str>) -> &'b str {
    let shorter = body
        .strip_prefix("OSCE ")
        .or_else(|| {
            body.strip_suffix(')')
                .and_then(|b| b.rsplit_once(" ("))
                .map(|(b, _)| b)
        })
        .filter(|b| bodies.contains(b));
    shorter.map_or(body, |b| lane_of(b, bodies))
}

/// A document as a link.
#[derive(Debug, Serialize, Default, Clone)]
pub struct DocRef {
    /// URL from the site root.
    pub url: String,
    /// Symbol or short title.
    pub cite_name: String,
    /// Full title.
    pub title: String,
    /// ISO date.
    pub date: String,
    /// Date as OSCE texts print it.
    pub date_long: String,
    /// Issuing body.
    pub body: String,
    /// Whether the corpus holds its text.
    pub has_text: bool,
}

impl DocRef {
    fn new(d: &Document) -> Self {
        DocRef {
            url: format!("{}/", d.slug),
            cite_name: d.meta.cite_name().to_owned(),
            title: d.meta.title.clone(),
            date: d.meta.date.to_string(),
            date_long: d.meta.date.long(),
            body: d.meta.body.clone(),
            has_text: !d.versions.is_empty(),
        }
    }
}

/// One citing paragraph.
#[derive(Debug, Serialize)]
pub struct CitedByView {
    /// URL of the citing paragraph, from the site root.
    pub url: String,
    /// The citing document's symbol or short title.
    pub cite_name: String,
    /// The citing paragraph's citation.
    pub citation: String,
    /// Words around the citation.
    pub snippet: String,
    /// Date of the citing version.
    pub date_long: String,
}

impl CitedByView {
    fn new(c: &CitedBy) -> Self {
        CitedByView {
            url: c.url.clone(),
            cite_name: c.cite_name.clone(),
            citation: c.citation.clone(),
            snippet: c.snippet.clone(),
            date_long: c.date.long(),
        }
    }
}

/// Citing paragraphs, the newest first, as many as a page shows.
#[derive(Debug, Serialize, Default)]
pub struct CitedByList {
    /// The first of them.
    pub shown: Vec<CitedByView>,
    /// How many more there are.
    pub more: usize,
    /// How many there are in all.
    pub total: usize,
}

impl CitedByList {
    fn new<'c>(list: impl ExactSizeIterator<Item = &'c CitedBy>, shown: usize) -> Self {
        let total = list.len();
        CitedByList {
            shown: list.take(shown).map(CitedByView::new).collect(),
            more: total.saturating_sub(shown),
            total,
        }
    }
}

/// The citing paragraphs of one citing document.
#[derive(Debug, Serialize)]
pub struct CitedByGroup {
    /// The citing document.
    pub doc: DocRef,
    /// How many of its paragraphs cite.
    pub total: usize,
    /// Its paragraphs that cite.
    pub list: CitedByList,
}

/// A paragraph that carries a relation.
#[derive(Debug, Serialize)]
pub struct EvidenceView {
    /// URL from the site root.
    pub url: String,
    /// Its citation.
    pub citation: String,
}

/// One relation, seen from one of its documents.
#[derive(Debug, Serialize)]
pub struct RelationView {
    /// "recalls or reaffirms", "tasks" ...
    pub label: String,
    /// The relation's type (for styling).
    pub kind: crate::model::RelationKind,
    /// The other document.
    pub doc: DocRef,
    /// The paragraphs that carry it.
    pub evidence: Vec<EvidenceView>,
    /// How many more paragraphs carry it than are listed.
    pub more: usize,
    /// What it rests on when no paragraph carries it.
    pub basis: Option<String>,
}

/// A document page's provenance panel.
#[derive(Debug, Serialize)]
pub struct Provenance {
    /// What the document builds on, oldest first.
    pub builds_on: Vec<RelationView>,
    /// What builds on it, newest first.
    pub built_on_by: Vec<RelationView>,
}

/// A year of the timeline's axis.
#[derive(Debug, Serialize)]
pub struct AxisYear {
    /// The year.
    pub year: u16,
    /// Its column (1-based).
    pub col: usize,
    /// Whether years are missing before it (1975 … 1991).
    pub gap_before: bool,
}

/// A document a timeline entry builds on, as its link prints it.
#[derive(Debug, Serialize)]
pub struct TimelineLink<'a> {
    /// URL from the site root.
    pub url: String,
    /// Symbol or short title.
    pub cite_name: &'a str,
}

/// What a timeline entry builds on: a relation, with no more than the timeline prints (a
/// [`RelationView`] carries a whole [`DocRef`] and owned copies of the evidence, which for every
/// relation of the corpus made the timeline the peak of a large build).
#[derive(Debug, Serialize)]
pub struct TimelineRelation<'a> {
    /// "recalls or reaffirms", "tasks" ...
    pub label: &'static str,
    /// The relation's type (for styling).
    pub kind: crate::model::RelationKind,
    /// The document built on.
    pub doc: TimelineLink<'a>,
    /// The first paragraphs that carry it.
    pub evidence: &'a [Evidence],
    /// How many more paragraphs carry it than are listed.
    pub more: usize,
    /// What it rests on when no paragraph carries it.
    pub basis: Option<&'a str>,
    /// The date of the document built on, which orders the list.
    #[serde(skip)]
    date: PartialDate,
}

/// A document on the timeline.
#[derive(Debug, Serialize)]
pub struct TimelineEntry<'a> {
    /// The document, as lists of documents show it.
    pub doc: DocListing<'a>,
    /// Its column on the axis.
    pub col: usize,
    /// What it builds on.
    pub builds_on: Vec<TimelineRelation<'a>>,
}

/// The documents of one issuing body, by date.
#[derive(Debug, Serialize)]
pub struct Lane<'a> {
    /// Anchor of the lane.
    pub id: String,
    /// The body.
    pub name: String,
    /// Its documents.
    pub entries: Vec<TimelineEntry<'a>>,
}

/// The timeline page.
#[derive(Debug, Serialize)]
pub struct TimelineView<'a> {
    /// The years, in order.
    pub axis: Vec<AxisYear>,
    /// How many columns the axis has.
    pub columns: usize,
    /// Lanes, by the date of their first document.
    pub lanes: Vec<Lane<'a>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_named_more_fully_shares_the_lane_of_the_body() {
        let bodies: BTreeSet<&str> = [
            "Secretariat",
            "OSCE Secretariat",
            "Secretariat (Secretary General)",
            "OSCE Summit",
            "Commission on Security and Cooperation in Europe (staff)",
        ]
        .into();
        assert_eq!(lane_of("OSCE Secretariat", &bodies), "Secretariat");
        assert_eq!(
            lane_of("Secretariat (Secretary General)", &bodies),
            "Secretariat"
        );
        assert_eq!(lane_of("OSCE Summit", &bodies), "OSCE Summit");
        assert_eq!(
            lane_of(
                "Commission on Security and Cooperation in Europe (staff)",
                &bodies
            ),
            "Commission on Security and Cooperation in Europe (staff)"
        );
    }
}
