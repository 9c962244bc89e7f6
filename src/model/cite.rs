//! Citations between documents: what a resolved citation points at, who cites each document and
//! paragraph, and the typed relations between documents that the timeline draws.
//!
//! `resolve` fills these; `render` reads them. Documents outside the OSCE (`external.yaml`) and the
//! editors' rules for the citation resolver (`citations.yaml`) are read here too.

use super::{Location, PartialDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One entry of `content/external.yaml`: a document outside the OSCE that the texts cite. It has
/// no page; a citation of it becomes a labelled reference, never a link.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalDoc {
    /// Stable id (a slug).
    pub id: String,
    /// Full title.
    pub title: String,
    /// How the texts cite it.
    pub short: String,
    /// Other names it is cited by.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Who issued it.
    pub issuer: String,
    /// Its date, where known.
    #[serde(default)]
    pub date: Option<PartialDate>,
}

impl ExternalDoc {
    /// The label a reader sees on a citation of it: title, issuer and date.
    pub fn label(&self) -> String {
        match &self.date {
            Some(d) => format!("{} ({}, {})", self.title, self.issuer, d.long()),
            None => format!("{} ({})", self.title, self.issuer),
        }
    }
}

/// `content/citations.yaml`: what the editors decided where recognition alone is not enough.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CitationRules {
    /// Phrases that contain a cited name but are not citations ("National Action Plan").
    #[serde(default)]
    pub not_citations: Vec<String>,
    /// Mentions that do not resolve, accepted with the reason.
    #[serde(default)]
    pub accepted: Vec<AcceptedMention>,
}

/// An unresolved mention the editors accept: where, what, and why.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AcceptedMention {
    /// The version file, relative to the content directory.
    pub file: PathBuf,
    /// The mention as the text prints it (what `acquis check` reported).
    pub text: String,
    /// Why it stays unresolved.
    pub reason: String,
}

/// What a resolved citation points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CiteTarget {
    /// A document of the corpus, or a paragraph or division of it.
    Document {
        /// The cited document's slug.
        doc: String,
        /// The slug of the document whose page holds the text (differs for an annex printed
        /// with another document).
        page: String,
        /// The anchor on that page; none for the document as a whole.
        anchor: Option<String>,
        /// The canonical citation of what is cited (`MC.DEC/2/03, Annex, III.9.1`).
        citation: String,
    },
    /// A document outside the OSCE.
    External {
        /// Its id in `external.yaml`.
        id: String,
        /// Title, issuer and date.
        label: String,
    },
}

impl CiteTarget {
    /// The site-relative URL of a document target (`mc-dec-2-03/#annex.III.9.1`).
    pub fn url(&self) -> Option<String> {
        match self {
            CiteTarget::Document { page, anchor, .. } => Some(match anchor {
                Some(a) => format!("{page}/#{a}"),
                None => format!("{page}/"),
            }),
            CiteTarget::External { .. } => None,
        }
    }
}

/// One citing paragraph, as a "cited by" list shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CitedBy {
    /// The citing document's slug.
    pub doc: String,
    /// How the citing document is cited (symbol or short title).
    pub cite_name: String,
    /// The citing version's id.
    pub version: String,
    /// Site-relative URL of the citing paragraph.
    pub url: String,
    /// The citation of the citing paragraph.
    pub citation: String,
    /// A few words around the mention.
    pub snippet: String,
    /// The date of the citing version.
    pub date: PartialDate,
}

/// How a later document builds on an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationKind {
    /// "Recalling", "Reaffirming", "Bearing in mind", "Welcomes" ...
    Recalls,
    /// "Decides to endorse", "approves", "adopts" ...
    Endorses,
    /// The earlier document tasks the later one ("Decision No. 13/05, which tasks ...").
    TaskedBy,
    /// A report on the implementation of the earlier document.
    ReportsOn,
    /// A revision of, or an addendum to, the earlier document.
    Revises,
    /// A citation with no more specific wording.
    Cites,
}

impl RelationKind {
    /// What the later document does to the earlier one.
    pub fn label(self) -> &'static str {
        match self {
            RelationKind::Recalls => "recalls or reaffirms",
            RelationKind::Endorses => "adopts or endorses",
            RelationKind::TaskedBy => "is tasked by",
            RelationKind::ReportsOn => "reports on",
            RelationKind::Revises => "revises or adds to",
            RelationKind::Cites => "cites",
        }
    }

    /// The same relation read from the earlier document.
    pub fn reverse_label(self) -> &'static str {
        match self {
            RelationKind::Recalls => "recalled or reaffirmed by",
            RelationKind::Endorses => "adopted or endorsed by",
            RelationKind::TaskedBy => "tasks",
            RelationKind::ReportsOn => "reported on by",
            RelationKind::Revises => "revised or added to by",
            RelationKind::Cites => "cited by",
        }
    }
}

/// A typed relation: `from` (the later document) builds on `to`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Relation {
    /// The document that builds on the other.
    pub from: String,
    /// The document built on.
    pub to: String,
    /// How.
    pub kind: RelationKind,
    /// The paragraphs that carry it; empty when it comes from the metadata alone.
    pub evidence: Vec<Evidence>,
    /// Where it comes from when there is no paragraph ("the symbol PC.DEC/557/Rev.1").
    pub basis: Option<String>,
}

/// A paragraph that carries a relation.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    /// Site-relative URL of the paragraph.
    pub url: String,
    /// Its citation.
    pub citation: String,
}

/// An accepted exception that matched a mention, for `acquis check` to list with its reason.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AcceptedUse {
    /// Where the mention is.
    pub location: Location,
    /// The mention.
    pub text: String,
    /// Why it stays unresolved.
    pub reason: String,
}

/// Everything the citation resolver found across the corpus.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Citations {
    /// Documents outside the OSCE.
    pub externals: Vec<ExternalDoc>,
    /// The editors' rules (`citations.yaml`), which the /cite page's grammar needs too.
    pub rules: CitationRules,
    /// For each cited document: who cites it, newest first.
    pub by_document: BTreeMap<String, Vec<CitedBy>>,
    /// For each page and anchor: who cites that paragraph or division, newest first.
    pub by_paragraph: BTreeMap<String, BTreeMap<String, Vec<CitedBy>>>,
    /// Typed relations between documents, sorted.
    pub relations: Vec<Relation>,
    /// Unresolved mentions accepted in `citations.yaml`.
    pub accepted: Vec<AcceptedUse>,
}
