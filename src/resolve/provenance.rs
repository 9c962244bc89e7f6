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

/// What one citing document adds to who cites what: its entries in the cited-by lists and the
/// relations its text (and its symbol) carry. Every choice of [`build`] is made within one
/// citing document, so the corpus's lists are the union of the documents' contributions, and an
/// edit replaces the contributions of the documents it linked again ([`patch`]).
#[derive(Debug, Clone, Default)]
pub struct Contribution {
    /// Entries of the cited-by list of a document (its slug first).
    by_document: Vec<(String, CitedBy)>,
    /// Entries of the cited-by list of a paragraph (the page's slug and the anchor first).
    by_paragraph: Vec<(String, String, CitedBy)>,
    /// Relations from this document, as [`Citations::relations`] holds them.
    relations: Vec<Relation>,
}

impl Contribution {
    /// Whether the relations from the document differ in `other`.
    pub fn relations_differ(&self, other: &Contribution) -> bool {
        self.relations != other.relations
    }
}

/// The contribution of `doc`, given every citation found in its text.
pub fn contribution(doc: &Document, catalog: &Catalog, found: &[Found]) -> Contribution {
    // Canonical versions first: another version of the same document (a compilation's
    // witness) adds only what the canonical one does not cite.
    let mut found: Vec<&Found> = found.iter().collect();
    found.sort_by_key(|f| !f.canonical);
    let mut canonical_cites: HashSet<&CiteTarget> = HashSet::new();
    let mut out = Contribution::default();
    let mut seen_doc: HashSet<(&str, &str)> = HashSet::new();
    let mut seen_para: HashSet<(&str, &str, &str)> = HashSet::new();
    let mut relations: BTreeMap<(&str, RelationKind), BTreeSet<Evidence>> = BTreeMap::new();
    for f in found {
        let CiteTarget::Document {
            doc: target,
            page,
            anchor,
            ..
        } = &f.target
        else {
            continue;
        };
        if f.canonical {
            canonical_cites.insert(&f.target);
        } else if canonical_cites.contains(&f.target) {
            continue;
        }
        if seen_doc.insert((&f.anchor, target)) {
            out.by_document.push((target.clone(), cited_by(catalog, f)));
            let evidence = Evidence {
                url: f.url.clone(),
                citation: f.citation.clone(),
            };
            relations
                .entry((target, f.kind))
                .or_default()
                .insert(evidence);
        }
        if let Some(a) = anchor {
            if seen_para.insert((&f.anchor, page, a)) {
                out.by_paragraph
                    .push((page.clone(), a.clone(), cited_by(catalog, f)));
            }
        }
    }
    out.relations = typed(&doc.slug, relations, doc, catalog);
    out
}

/// Builds the cited-by lists and the relations from every document's contribution (in corpus
/// order); reports relation cycles.
pub fn build<'c>(
    documents: &[Document],
    contributions: impl Iterator<Item = &'c Contribution>,
) -> (Citations, Vec<Diagnostic>) {
    let mut citations = Citations::default();
    for c in contributions {
        add(&mut citations, c);
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
    sort_relations(&mut citations.relations);
    let diags = cycles(&citations.relations, documents);
    (citations, diags)
}

/// Replaces, in `citations`, the contributions of the documents `citing` (`old`) by their new
/// ones (`new`): the lists they touch are sorted again, the others are left as they are. Gives
/// what [`build`] gives from every document's current contribution. Relation cycles are checked
/// by [`cycles`], when the relations changed.
pub fn patch<'c>(
    citations: &mut Citations,
    citing: &BTreeSet<String>,
    old: impl Iterator<Item = &'c Contribution>,
    new: impl Iterator<Item = &'c Contribution> + Clone,
) {
    let mut lists: BTreeSet<&str> = BTreeSet::new();
    let mut paragraphs: BTreeSet<(&str, &str)> = BTreeSet::new();
    for c in old.chain(new.clone()) {
        lists.extend(c.by_document.iter().map(|(t, _)| t.as_str()));
        paragraphs.extend(
            c.by_paragraph
                .iter()
                .map(|(p, a, _)| (p.as_str(), a.as_str())),
        );
    }
    let by_others = |c: &CitedBy| !citing.contains(&c.doc);
    for t in &lists {
        if let Some(list) = citations.by_document.get_mut(*t) {
            list.retain(by_others);
        }
    }
    for (p, a) in &paragraphs {
        if let Some(list) = citations
            .by_paragraph
            .get_mut(*p)
            .and_then(|m| m.get_mut(*a))
        {
            list.retain(by_others);
        }
    }
    citations.relations.retain(|r| !citing.contains(&r.from));
    for c in new {
        add(citations, c);
    }
    for t in &lists {
        if let Some(list) = citations.by_document.get_mut(*t) {
            sort_newest_first(list);
            if list.is_empty() {
                citations.by_document.remove(*t);
            }
        }
    }
    for (p, a) in &paragraphs {
        if let Some(m) = citations.by_paragraph.get_mut(*p) {
            if let Some(list) = m.get_mut(*a) {
                sort_newest_first(list);
                if list.is_empty() {
                    m.remove(*a);
                }
            }
            if m.is_empty() {
                citations.by_paragraph.remove(*p);
            }
        }
    }
    sort_relations(&mut citations.relations);
}

/// Adds one document's contribution, unsorted.
fn add(citations: &mut Citations, c: &Contribution) {
    for (target, entry) in &c.by_document {
        match citations.by_document.get_mut(target) {
            Some(list) => list.push(entry.clone()),
            None => {
                citations
                    .by_document
                    .insert(target.clone(), vec![entry.clone()]);
            }
        }
    }
    for (page, anchor, entry) in &c.by_paragraph {
        let anchors = match citations.by_paragraph.get_mut(page) {
            Some(m) => m,
            None => citations.by_paragraph.entry(page.clone()).or_default(),
        };
        match anchors.get_mut(anchor) {
            Some(list) => list.push(entry.clone()),
            None => {
                anchors.insert(anchor.clone(), vec![entry.clone()]);
            }
        }
    }
    citations.relations.extend(c.relations.iter().cloned());
}

/// Relations by citing document, cited document and kind (stable: a pair's relation from the
/// text stays before the one from the symbol).
fn sort_relations(relations: &mut [Relation]) {
    relations.sort_by(|a, b| (&a.from, &a.to, a.kind).cmp(&(&b.from, &b.to, b.kind)));
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

/// The relations from the text of `doc` (`from`), where a cited document keeps its plain
/// "cites" only when nothing more specific is said of it; and the one from its metadata: a
/// revision (`PC.DEC/557/Rev.1`) revises the document whose symbol it extends.
fn typed(
    from: &str,
    from_text: BTreeMap<(&str, RelationKind), BTreeSet<Evidence>>,
    doc: &Document,
    catalog: &Catalog,
) -> Vec<Relation> {
    let specific: HashSet<&str> = from_text
        .keys()
        .filter(|(_, k)| *k != RelationKind::Cites)
        .map(|(to, _)| *to)
        .collect();
    let mut out: Vec<Relation> = from_text
        .into_iter()
        .filter(|((to, k), _)| *k != RelationKind::Cites || !specific.contains(to))
        .map(|((to, kind), evidence)| Relation {
            from: from.to_owned(),
            to: to.to_owned(),
            kind,
            evidence: evidence.into_iter().collect(),
            basis: None,
        })
        .collect();
    let revised = doc
        .meta
        .symbol
        .as_ref()
        .and_then(|symbol| Some((symbol, symbol.rsplit_once("/Rev.")?.0)));
    if let Some((symbol, base)) = revised {
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
pub fn cycles(relations: &[Relation], documents: &[Document]) -> Vec<Diagnostic> {
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
                file: file.into(),
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
