//! Resolves one citation typed or pasted by a reader ("MC(8).DEC/1 para 9", "Action Plan V.3.1",
//! "Moscow Document 40.7"): what `acquis resolve` and the /cite page do.
//!
//! The query is read with the same grammar as running text; a query that repeats a paragraph's
//! canonical citation word for word (`MC.DEC/2/03, “Reaffirming the commitments …”`) finds it too.

use super::catalog::{Catalog, DocEntry};
use super::grammar::Subject;
use super::names::{normalise_space, Referent};
use crate::model::CiteTarget;

/// A resolved query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The canonical citation.
    pub citation: String,
    /// What it points at.
    pub target: CiteTarget,
    /// The paragraph's text (a document's title; an external document's label).
    pub text: String,
}

/// A query that does not resolve: why, and the closest things that exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    /// Why.
    pub message: String,
    /// Closest citations or names.
    pub candidates: Vec<String>,
}

impl Catalog {
    /// Resolves a citation written on its own.
    pub fn lookup(&self, query: &str) -> Result<Answer, NotFound> {
        let q = normalise_space(query);
        let mentions = self.grammar.recognise(&q);
        let Some(m) = mentions.first() else {
            return Err(NotFound {
                message: format!("`{q}` names no document of the corpus"),
                candidates: self.closest_names(&q),
            });
        };
        if let Some(answer) = self.by_canonical_citation(&q, &m.subject) {
            return Ok(answer);
        }
        let res = self.resolve(&q, m, &[]);
        if let Some(p) = res.problems.first() {
            return Err(NotFound {
                message: p.message.clone(),
                candidates: p.candidates.clone(),
            });
        }
        let span = m
            .pinpoints
            .first()
            .map_or(m.span.clone(), |p| p.span.clone());
        let target = res
            .links
            .into_iter()
            .find(|(s, _)| *s == span)
            .map(|(_, t)| t)
            .ok_or_else(|| NotFound {
                message: format!("`{q}` does not resolve"),
                candidates: Vec::new(),
            })?;
        Ok(self.answer(target))
    }

    fn answer(&self, target: CiteTarget) -> Answer {
        let (citation, text) = match &target {
            CiteTarget::Document {
                doc,
                page,
                anchor,
                citation,
            } => {
                let text = anchor
                    .as_ref()
                    .and_then(|a| self.docs[page].anchors.get(a))
                    .map_or_else(|| self.docs[doc].title.clone(), |i| i.text.to_owned());
                (citation.clone(), text)
            }
            CiteTarget::External { id, label } => (self.externals[id].short.clone(), label.clone()),
        };
        Answer {
            citation,
            target,
            text,
        }
    }

    /// A query that is a paragraph's canonical citation, quotation marks and ellipsis aside.
    fn by_canonical_citation(&self, q: &str, subject: &Subject) -> Option<Answer> {
        let Subject::Name(Referent::Document { slug, .. }) = subject else {
            return None;
        };
        let doc = self.docs.get(slug)?;
        let want = comparable(q);
        let pages: Vec<&DocEntry> = [Some(doc), self.page_of(doc, Some("annex")).into()]
            .into_iter()
            .flatten()
            .collect();
        pages.into_iter().find_map(|page| {
            page.anchors
                .iter()
                .find(|a| comparable(a.citation) == want)
                .and_then(|a| self.target(doc, Some(a.anchor)).ok())
                .map(|t| self.answer(t))
        })
    }
}

/// A citation reduced for comparison: lower case, no quotation marks or ellipsis, single spaces.
pub fn comparable(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '…'))
        .collect();
    normalise_space(&kept)
        .trim_end_matches(['.', ' '])
        .to_lowercase()
}
