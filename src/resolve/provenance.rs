//! Who cites what, and how documents build on each other: the "cited by" lists (computed once
//! over the whole corpus), the typed relations the timeline and the provenance panels show, and
//! the checks only the whole picture allows: anachronisms and relation cycles.

use crate::cite::names::Referent;
use crate::cite::Catalog;
use crate::diagnostics::Diagnostic;
use crate::model::{
    Citations, CiteTarget, CitedBy, Document, Evidence, Location, PartialDate, Relation,
    RelationKind,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One resolved citation, where it is and what it points at.
#[derive(Debug, Clone)]
pub struct Found {
    /// The citing document.
    pub doc: String,
    /// The citing version.
    pub version: String,
    /// Whether that version is the document's canonical one.
    pub canonical: bool,
    /// The date of the citing version.
    pub date: PartialDate,
    /// The citing paragraph's anchor (`fn-3` for a footnote).
    pub anchor: String,
    /// Its site-relative URL.
    pub url: String,
    /// Its citation.
    pub citation: String,
    /// Words around the mention.
    pub snippet: String,
    /// What is cited.
    pub target: CiteTarget,
    /// How the citing text builds on it.
    pub kind: RelationKind,
}

/// Builds the cited-by lists and the relations; reports anachronisms and cycles.
pub fn build(
    documents: &[Document],
    catalog: &Catalog,
    mut found: Vec<Found>,
) -> (Citations, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // Canonical versions first: another version of the same document (a compilation's
    // witness) adds only what the canonical one does not cite.
    found.sort_by_key(|f| !f.canonical);
    let mut canonical_cites: HashSet<(String, CiteTarget)> = HashSet::new();
    let mut citations = Citations::default();
    let mut seen_doc: HashSet<(String, String, String)> = HashSet::new();
    let mut seen_para: HashSet<(String, String, String, String)> = HashSet::new();
    let mut relations: BTreeMap<(String, String, RelationKind), BTreeSet<Evidence>> =
        BTreeMap::new();
    for f in &found {
        let CiteTarget::Document {
            doc, page, anchor, ..
        } = &f.target
        else {
            continue;
        };
        let key = (f.doc.clone(), f.target.clone());
        if f.canonical {
            canonical_cites.insert(key);
        } else if canonical_cites.contains(&key) {
            continue;
        }
        if seen_doc.insert((f.doc.clone(), f.anchor.clone(), doc.clone())) {
            citations
                .by_document
                .entry(doc.clone())
                .or_default()
                .push(cited_by(catalog, f));
            let evidence = Evidence {
                url: f.url.clone(),
                citation: f.citation.clone(),
            };
            relations
                .entry((f.doc.clone(), doc.clone(), f.kind))
                .or_default()
                .insert(evidence);
        }
        if let Some(a) = anchor {
            if seen_para.insert((f.doc.clone(), f.anchor.clone(), page.clone(), a.clone())) {
                citations
                    .by_paragraph
                    .entry(page.clone())
                    .or_default()
                    .entry(a.clone())
                    .or_default()
                    .push(cited_by(catalog, f));
            }
        }
    }
    for list in citations.by_document.values_mut() {
        sort_newest_first(list);
    }
    for list in citations
        .by_paragraph
        .values_mut()
        .flat_map(|m| m.values_mut())
    {
        sort_newest_first(list);
    }
    citations.relations = typed(relations, documents, catalog);
    diags.extend(cycles(&citations.relations, documents));
    (citations, diags)
}

fn cited_by(catalog: &Catalog, f: &Found) -> CitedBy {
    CitedBy {
        doc: f.doc.clone(),
        cite_name: catalog.docs[&f.doc].cite_name.clone(),
        version: f.version.clone(),
        url: f.url.clone(),
        citation: f.citation.clone(),
        snippet: f.snippet.clone(),
        date: f.date,
    }
}

fn sort_newest_first(list: &mut [CitedBy]) {
    list.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.cite_name.cmp(&b.cite_name))
            .then_with(|| a.url.cmp(&b.url))
    });
}

/// The relations from the texts, where a pair of documents keeps its plain "cites" only when
/// nothing more specific is said of it; and those from the metadata: a revision
/// (`PC.DEC/557/Rev.1`) revises the document whose symbol it extends.
fn typed(
    from_text: BTreeMap<(String, String, RelationKind), BTreeSet<Evidence>>,
    documents: &[Document],
    catalog: &Catalog,
) -> Vec<Relation> {
    let specific: HashSet<(String, String)> = from_text
        .keys()
        .filter(|(_, _, k)| *k != RelationKind::Cites)
        .map(|(a, b, _)| (a.clone(), b.clone()))
        .collect();
    let mut out: Vec<Relation> = from_text
        .into_iter()
        .filter(|((a, b, k), _)| {
            *k != RelationKind::Cites || !specific.contains(&(a.clone(), b.clone()))
        })
        .map(|((from, to, kind), evidence)| Relation {
            from,
            to,
            kind,
            evidence: evidence.into_iter().collect(),
            basis: None,
        })
        .collect();
    for doc in documents {
        let Some(symbol) = &doc.meta.symbol else {
            continue;
        };
        let Some((base, _)) = symbol.rsplit_once("/Rev.") else {
            continue;
        };
        if let Some(Referent::Document { slug, part: None }) = catalog.grammar.names.exact(base) {
            out.push(Relation {
                from: doc.slug.clone(),
                to: slug.clone(),
                kind: RelationKind::Revises,
                evidence: Vec::new(),
                basis: Some(format!("the symbol {symbol}")),
            });
        }
    }
    out.sort_by(|a, b| (&a.from, &a.to, a.kind).cmp(&(&b.from, &b.to, b.kind)));
    out
}

/// The earliest and latest day a partial date may mean.
fn bounds(d: PartialDate) -> ((u16, u8, u8), (u16, u8, u8)) {
    (
        (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1)),
        (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31)),
    )
}

/// If `target` is dated after `date` (certainly after, partial dates read generously): the
/// message, with both dates.
pub fn anachronism(catalog: &Catalog, date: PartialDate, target: &CiteTarget) -> Option<String> {
    let (name, cited) = match target {
        CiteTarget::Document { doc, .. } => {
            let d = catalog.docs.get(doc)?;
            (d.cite_name.clone(), d.date)
        }
        CiteTarget::External { id, .. } => {
            let e = catalog.externals.get(id)?;
            (e.short.clone(), e.date?)
        }
    };
    (bounds(cited).0 > bounds(date).1).then(|| {
        format!(
            "anachronism: this version is dated {} but cites {name}, dated {}",
            date.long(),
            cited.long()
        )
    })
}

/// Relation cycles: a document that, through the relations, builds on itself.
fn cycles(relations: &[Relation], documents: &[Document]) -> Vec<Diagnostic> {
    let mut graph: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in relations {
        graph.entry(&r.from).or_default().push(&r.to);
    }
    let mut nodes: Vec<&str> = graph.keys().copied().collect();
    nodes.sort_unstable();
    let mut tarjan = Tarjan::default();
    for n in nodes {
        if !tarjan.index.contains_key(n) {
            tarjan.visit(n, &graph);
        }
    }
    tarjan
        .components
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|mut c| {
            c.sort_unstable();
            let file = documents
                .iter()
                .find(|d| d.slug == c[0])
                .map_or_else(|| c[0].into(), |d| d.meta_file.clone());
            let loc = Location {
                file,
                line: 0,
                col: 0,
            };
            Diagnostic::warning(
                loc,
                format!("relation cycle: {} build on each other", c.join(", ")),
            )
            .help("a document can only build on earlier ones: check the citations between them and their dates")
        })
        .collect()
}

/// Tarjan's strongly connected components.
#[derive(Default)]
struct Tarjan<'a> {
    next: usize,
    index: HashMap<&'a str, usize>,
    low: HashMap<&'a str, usize>,
    stack: Vec<&'a str>,
    on_stack: HashSet<&'a str>,
    components: Vec<Vec<&'a str>>,
}

impl<'a> Tarjan<'a> {
    fn visit(&mut self, v: &'a str, graph: &HashMap<&'a str, Vec<&'a str>>) {
        self.index.insert(v, self.next);
        self.low.insert(v, self.next);
        self.next += 1;
        self.stack.push(v);
        self.on_stack.insert(v);
        for &w in graph.get(v).map_or(&[][..], Vec::as_slice) {
            if !self.index.contains_key(w) {
                self.visit(w, graph);
                let lw = self.low[w];
                let lv = self.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if self.on_stack.contains(w) {
                let iw = self.index[w];
                let lv = self.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if self.low[v] == self.index[v] {
            let mut component = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack.remove(w);
                component.push(w);
                if w == v {
                    break;
                }
            }
            self.components.push(component);
        }
    }
}
