//! What citations can point at: every document with its names, its key facts (body, number,
//! place, date) and the anchors of its text; and the resolution of a [`Mention`] to targets.

use super::anchors::AnchorTable;
use super::grammar::{Body, Description, Grammar, Kind, Mention, Pinpoint, Subject};
use super::names::{normalise_space, Collision, NameIndex, NameList, Referent};
use super::query::Answer;
use crate::model::{
    CitationRules, CiteTarget, Document, ExternalDoc, Inline, Node, PartialDate, Version,
};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

static SYMBOL_NUMBER: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\.(?:DEC|DOC)/(\d+)").expect("symbol number pattern"));
static TITLE_NUMBER: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"No\.\s?(\d+)").expect("title number pattern"));
static CORRIGENDUM: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"/Corr\.\s?\d*$").expect("corrigendum pattern"));

/// The facts a description can name a decision or declaration by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocKey {
    /// Ministerial or Permanent Council.
    pub body: Body,
    /// Decision or declaration.
    pub kind: Kind,
    /// Its number ("No. 13").
    pub number: Option<u32>,
    /// Place of adoption.
    pub place: Option<String>,
    /// Date of adoption.
    pub date: PartialDate,
}

/// One document as citations see it.
#[derive(Debug, Clone)]
pub struct DocEntry {
    /// Folder name.
    pub slug: String,
    /// Symbol or short title.
    pub cite_name: String,
    /// Full title.
    pub title: String,
    /// Kind of document (report, decision ...).
    pub kind: String,
    /// Date of adoption.
    pub date: PartialDate,
    /// The facts a description can name it by.
    pub key: Option<DocKey>,
    /// The document whose page prints this one's annex.
    pub annex_printed_in: Option<String>,
    /// Whether the corpus holds its text.
    pub has_text: bool,
    /// Anchors of its canonical version, in reading order, with their citations and texts (the
    /// texts empty where the catalog keeps no words of the document: see `Catalog::build`).
    pub anchors: AnchorTable,
}

/// A document outside the OSCE.
#[derive(Debug, Clone)]
pub struct ExternalEntry {
    /// Its label (title, issuer, date).
    pub label: String,
    /// Its short name.
    pub short: String,
    /// Its date, where known.
    pub date: Option<PartialDate>,
}

/// A mention that does not resolve, or resolves only in part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The part of the text concerned.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// The closest things that do exist (citations or names).
    pub candidates: Vec<String>,
}

/// What one mention resolves to.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Spans of the text and what each links to.
    pub links: Vec<(Range<usize>, CiteTarget)>,
    /// What did not resolve.
    pub problems: Vec<Problem>,
    /// What the mention's subject turned out to name.
    pub referent: Option<Referent>,
}

/// The corpus as citations see it.
pub struct Catalog {
    /// The grammar, fed by every name.
    pub grammar: Grammar,
    /// Documents by slug.
    pub docs: HashMap<String, DocEntry>,
    /// External documents by id.
    pub externals: HashMap<String, ExternalEntry>,
    /// The slugs of the documents a description can name, by number and by year, so that a
    /// description is resolved without scanning the corpus.
    described_by: HashMap<(Option<u32>, u16), Vec<String>>,
    /// Which documents' anchors keep their paragraphs' words.
    words: Words,
}

/// Which documents' entries keep the words of their paragraphs (the texts of [`AnchorTable`]).
///
/// Only a quotation's number is checked against the words of the paragraph it points at (a
/// version with `quotes:` in its front matter), so the linker keeps the words of the pages
/// quoted and no others: at 10,000 documents every paragraph's words are tens of megabytes.
/// A catalog for readers' queries keeps them all (an answer shows the words it found).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Words {
    /// Every document's.
    Every,
    /// Those of the pages named by a version's `quotes:` (and the pages printing their annexes).
    Quoted(BTreeSet<String>),
}

/// Everything a document is cited by: symbol, short title and aliases, then its parts' names.
pub fn names_of(doc: &Document) -> Vec<(String, Referent)> {
    let whole = Referent::Document {
        slug: doc.slug.clone(),
        part: None,
    };
    let m = &doc.meta;
    let mut out: Vec<(String, Referent)> = m
        .symbol
        .iter()
        .chain(m.short_title.iter())
        .chain(m.aliases.iter())
        .map(|n| (n.clone(), whole.clone()))
        .collect();
    for (anchor, names) in &m.parts {
        let part = Referent::Document {
            slug: doc.slug.clone(),
            part: Some(anchor.clone()),
        };
        out.extend(names.iter().map(|n| (n.clone(), part.clone())));
    }
    out
}

impl Catalog {
    /// Puts `doc`'s anchors (and their words) in place of those it had, for an edit that kept
    /// everything else the catalog knows of it (see `resolve::Linker`).
    pub fn replace(&mut self, doc: &Document) {
        let words = self.keeps_words(&doc.slug);
        self.docs.insert(doc.slug.clone(), doc_entry(doc, words));
    }

    fn keeps_words(&self, slug: &str) -> bool {
        match &self.words {
            Words::Every => true,
            Words::Quoted(pages) => pages.contains(slug),
        }
    }

    /// After `documents` were edited: keeps the words of the pages their versions quote now,
    /// and only theirs (a linker's catalog; one that keeps every document's words is left as
    /// it is).
    pub fn requote(&mut self, documents: &[Document]) {
        let Words::Quoted(before) = &self.words else {
            return;
        };
        let now = self.quoted_pages(documents);
        let flipped: Vec<String> = before.symmetric_difference(&now).cloned().collect();
        self.words = Words::Quoted(now);
        if flipped.is_empty() {
            return;
        }
        let by_slug: HashMap<&str, &Document> =
            documents.iter().map(|d| (d.slug.as_str(), d)).collect();
        for slug in flipped {
            if let Some(doc) = by_slug.get(slug.as_str()) {
                self.replace(doc);
            }
        }
    }

    /// The pages whose words a quotation of `documents` is checked against: the document each
    /// `quotes:` names and the one printing its annex. `serve` asks after every edit: each
    /// name is looked up once, however many versions quote it.
    fn quoted_pages(&self, documents: &[Document]) -> BTreeSet<String> {
        let mut pages = BTreeSet::new();
        let quotes: BTreeSet<&str> = documents
            .iter()
            .flat_map(|d| &d.versions)
            .filter_map(|v| v.meta.quotes.as_deref())
            .collect();
        for q in quotes {
            if let Ok(Answer {
                target: CiteTarget::Document { doc, .. },
                ..
            }) = self.lookup(q)
            {
                if let Some(entry) = self.docs.get(&doc) {
                    pages.extend(entry.annex_printed_in.clone());
                }
                pages.insert(doc);
            }
        }
        pages
    }

    /// Indexes the documents (their canonical versions' anchors), the external documents and
    /// the phrases that are not citations. Names claimed twice are returned. This is the
    /// linker's catalog: it keeps the words only of the pages a version quotes (the only
    /// reader of the words while linking; [`Catalog::of`] keeps every word).
    pub fn build(
        documents: &[Document],
        externals: &[ExternalDoc],
        rules: &CitationRules,
    ) -> (Self, Vec<Collision>) {
        let (mut catalog, collisions) =
            Catalog::build_with(documents, externals, rules, doc_entry_without_words);
        catalog.words = Words::Quoted(BTreeSet::new());
        catalog.requote(documents);
        (catalog, collisions)
    }

    /// [`Catalog::build`], with `entry` making each document's entry (with or without its
    /// anchors).
    fn build_with(
        documents: &[Document],
        externals: &[ExternalDoc],
        rules: &CitationRules,
        entry: fn(&Document) -> DocEntry,
    ) -> (Self, Vec<Collision>) {
        let (names, collisions) = NameIndex::build(name_entries(documents, externals, rules));
        let places = places_of(documents);
        let docs: HashMap<String, DocEntry> = documents
            .iter()
            .map(|d| (d.slug.clone(), entry(d)))
            .collect();
        let mut described_by: HashMap<(Option<u32>, u16), Vec<String>> = HashMap::new();
        for d in docs.values() {
            if let Some(k) = &d.key {
                for number in [k.number, None] {
                    described_by
                        .entry((number, k.date.year))
                        .or_default()
                        .push(d.slug.clone());
                }
            }
        }
        let externals = external_entries(externals);
        let catalog = Catalog {
            grammar: Grammar { names, places },
            docs,
            externals,
            described_by,
            words: Words::Every,
        };
        (catalog, collisions)
    }

    /// The catalog of a resolved corpus (for `acquis resolve` and the invariant checks).
    pub fn of(corpus: &crate::model::Corpus) -> Self {
        let c = &corpus.citations;
        let entry = |doc: &Document| doc_entry(doc, true);
        Catalog::build_with(&corpus.documents, &c.externals, &c.rules, entry).0
    }

    /// What the /cite page's index reads of a resolved corpus: the names, keys and dates, and
    /// no document's anchors. The anchors (every paragraph's citation and words) are most of a
    /// full catalog's memory, so the /cite page makes each document's entry on its own
    /// ([`DocEntry::of`]) rather than holding all of them at once; and the names are listed,
    /// not compiled for searching ([`NameList`]).
    pub fn listing_of(corpus: &crate::model::Corpus) -> Listing {
        let c = &corpus.citations;
        Listing {
            names: NameList::build(name_entries(&corpus.documents, &c.externals, &c.rules)),
            places: places_of(&corpus.documents),
            docs: corpus.documents.iter().map(listing_entry).collect(),
            externals: external_entries(&c.externals),
        }
    }

    /// The document whose page holds `anchor` of `doc`: the annex of a document printed with
    /// another is on that other's page.
    pub fn page_of<'a>(&'a self, doc: &'a DocEntry, anchor: Option<&str>) -> &'a DocEntry {
        let in_annex = anchor.is_some_and(|a| a == "annex" || a.starts_with("annex."));
        doc.annex_printed_in
            .as_ref()
            .filter(|_| in_annex)
            .and_then(|p| self.docs.get(p))
            .unwrap_or(doc)
    }

    /// The target of `anchor` (or of the whole document) of `doc`; an error saying why not.
    pub fn target(&self, doc: &DocEntry, anchor: Option<&str>) -> Result<CiteTarget, String> {
        let page = self.page_of(doc, anchor);
        let make = |anchor: Option<&str>, citation: String| CiteTarget::Document {
            doc: doc.slug.clone(),
            page: page.slug.clone(),
            anchor: anchor.map(str::to_owned),
            citation,
        };
        match anchor {
            None => Ok(make(None, doc.cite_name.clone())),
            Some(a) if !page.has_text => {
                Ok(make(None, format!("{}, {}", doc.cite_name, pretty(a))))
            }
            Some(a) => page
                .anchors
                .get(a)
                .map(|info| make(Some(a), info.citation.to_owned()))
                .ok_or_else(|| format!("{} has no paragraph {}", doc.cite_name, pretty(a))),
        }
    }

    /// The anchors of `page` closest to `wanted`, as citations, best first.
    pub fn closest_anchors(&self, page: &DocEntry, wanted: &str, n: usize) -> Vec<String> {
        let mut scored: Vec<(f64, &str)> = page
            .anchors
            .iter()
            .map(|a| (strsim::jaro_winkler(wanted, a.anchor), a.citation))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored
            .into_iter()
            .take(n)
            .map(|(_, citation)| citation.to_owned())
            .collect()
    }

    /// Resolves a mention found in `text` to the targets of its spans. `recent` are the
    /// referents cited before it in the same passage, latest last: a generic name ("the Code of
    /// Conduct") refers back to the latest of them it is part of the name of.
    pub fn resolve(&self, text: &str, m: &Mention, recent: &[Referent]) -> Resolution {
        let mut out = Resolution::default();
        let cited = match self.subject(text, m, recent) {
            Ok(c) => c,
            Err(p) => {
                out.problems.push(p);
                return out;
            }
        };
        if let Some(problem) = self.year_problem(text, m, &cited) {
            out.problems.push(problem);
            return out;
        }
        out.referent = Some(cited.referent());
        match cited {
            Cited::External(id) => {
                let label = self.externals[&id].label.clone();
                let target = CiteTarget::External { id, label };
                for span in std::iter::once(m.span.clone())
                    .chain(m.pinpoints.iter().map(|p| p.span.clone()))
                {
                    out.links.push((span, target.clone()));
                }
            }
            Cited::Doc(slug, part) => {
                let doc = &self.docs[&slug];
                match self.target(doc, part.as_deref()) {
                    Ok(t) => out.links.push((m.span.clone(), t)),
                    Err(why) => out.problems.push(self.problem(
                        m.span.clone(),
                        why,
                        doc,
                        part.as_deref().unwrap_or(""),
                    )),
                }
                let prefix = part.or_else(|| m.annex.then(|| "annex".to_owned()));
                for pin in &m.pinpoints {
                    let anchor = pin_anchor(prefix.as_deref(), pin);
                    match self.target(doc, Some(&anchor)) {
                        Ok(t) => out.links.push((pin.span.clone(), t)),
                        Err(why) => {
                            let span = m.extent();
                            let why = format!("`{}`: {why}", &text[pin.span.clone()]);
                            out.problems.push(self.problem(span, why, doc, &anchor));
                        }
                    }
                }
            }
        }
        out.links.sort_by_key(|(r, _)| r.start);
        out
    }

    fn problem(
        &self,
        span: Range<usize>,
        message: String,
        doc: &DocEntry,
        anchor: &str,
    ) -> Problem {
        let page = self.page_of(doc, Some(anchor));
        Problem {
            span,
            message,
            candidates: self.closest_anchors(page, anchor, 3),
        }
    }

    /// What the subject of a mention names.
    fn subject(&self, text: &str, m: &Mention, recent: &[Referent]) -> Result<Cited, Problem> {
        let problem = |message: String, candidates: Vec<String>| Problem {
            span: m.extent(),
            message,
            candidates,
        };
        match &m.subject {
            Subject::Name(r) if !m.alternatives.is_empty() => {
                let meant = recent
                    .iter()
                    .rev()
                    .find(|p| m.alternatives.contains(p))
                    .unwrap_or(r);
                let named = Mention {
                    subject: Subject::Name(meant.clone()),
                    alternatives: Vec::new(),
                    ..m.clone()
                };
                self.subject(text, &named, &[])
            }
            Subject::Name(Referent::Document { slug, part }) => {
                Ok(Cited::Doc(slug.clone(), part.clone()))
            }
            Subject::Name(Referent::External { id }) => Ok(Cited::External(id.clone())),
            Subject::Name(Referent::NotACitation) => Err(problem("not a citation".into(), vec![])),
            Subject::Symbol(s) => self.symbol(s).ok_or_else(|| {
                let near = self.closest_names(s);
                problem(
                    format!("no document of the corpus has the symbol `{s}`"),
                    near,
                )
            }),
            Subject::Description(d) => {
                let found: Vec<&DocEntry> = self.described(d);
                match found.as_slice() {
                    [one] => Ok(Cited::Doc(one.slug.clone(), None)),
                    [] => Err(problem(
                        format!(
                            "no document of the corpus matches `{}`",
                            &text[m.span.clone()]
                        ),
                        self.closest_names(&text[m.span.clone()]),
                    )),
                    many => Err(problem(
                        format!(
                            "`{}` could be any of {} documents; the text does not say which",
                            &text[m.span.clone()],
                            many.len()
                        ),
                        many.iter()
                            .map(|d| format!("{} ({})", d.cite_name, d.date.long()))
                            .collect(),
                    )),
                }
            }
        }
    }

    /// A symbol no name claims: a corrigendum (`/Corr.1`) cites the document it corrects.
    fn symbol(&self, s: &str) -> Option<Cited> {
        let compact = s.replace(". ", ".");
        let base = CORRIGENDUM.replace(&compact, "");
        [compact.as_str(), base.as_ref()].iter().find_map(|name| {
            match self.grammar.names.exact(name)? {
                Referent::Document { slug, part } => Some(Cited::Doc(slug.clone(), part.clone())),
                Referent::External { id } => Some(Cited::External(id.clone())),
                Referent::NotACitation => None,
            }
        })
    }

    /// The three names closest to `text`, each document's with its citation: what an error
    /// that finds nothing offers instead.
    pub(super) fn closest_names(&self, text: &str) -> Vec<String> {
        self.grammar
            .names
            .closest(text, 3)
            .into_iter()
            .map(|(name, r)| match r {
                Referent::Document { slug, .. } if name != self.docs[slug].cite_name => {
                    format!("{name} ({})", self.docs[slug].cite_name)
                }
                _ => name.to_owned(),
            })
            .collect()
    }

    /// The documents a description fits, by slug order: looked up by number and year where the
    /// description gives them (it gives a number or a date), and checked in full.
    fn described(&self, d: &Description) -> Vec<&DocEntry> {
        let years: Vec<u16> = match (d.year, d.yy) {
            (Some(y), _) => vec![y],
            (None, Some(yy)) => vec![1900 + yy, 2000 + yy],
            (None, None) => self.described_by.keys().map(|k| k.1).collect(),
        };
        let mut out: Vec<&DocEntry> = years
            .into_iter()
            .collect::<std::collections::BTreeSet<u16>>()
            .into_iter()
            .filter_map(|y| self.described_by.get(&(d.number, y)))
            .flatten()
            .filter_map(|slug| self.docs.get(slug))
            .filter(|e| e.key.as_ref().is_some_and(|k| fits(k, d)))
            .collect();
        out.sort_by(|a, b| a.slug.cmp(&b.slug));
        out
    }

    /// A year the text gives that is not the cited document's.
    fn year_problem(&self, text: &str, m: &Mention, cited: &Cited) -> Option<Problem> {
        let year = m.year?;
        let (name, date) = match cited {
            Cited::Doc(slug, _) => {
                let d = &self.docs[slug];
                (d.cite_name.clone(), d.date)
            }
            Cited::External(id) => {
                let e = &self.externals[id];
                (e.short.clone(), e.date?)
            }
        };
        (date.year != year).then(|| Problem {
            span: m.extent(),
            message: format!(
                "`{}` is dated {year} by the text, but {name} is dated {}",
                &text[m.span.clone()],
                date.long()
            ),
            candidates: Vec::new(),
        })
    }
}

/// What a mention's subject names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cited {
    /// A document (slug) or a named part of it (anchor).
    Doc(String, Option<String>),
    /// A document outside the OSCE (id).
    External(String),
}

impl Cited {
    /// The referent it is.
    pub fn referent(&self) -> Referent {
        match self {
            Cited::Doc(slug, part) => Referent::Document {
                slug: slug.clone(),
                part: part.clone(),
            },
            Cited::External(id) => Referent::External { id: id.clone() },
        }
    }
}

/// Whether a document's key fits a description. A description without a number ("the
/// Ministerial Council Decision of December 2002") calls declarations decisions too, as the
/// Parliamentary Assembly does.
fn fits(k: &DocKey, d: &Description) -> bool {
    let kind_ok = k.kind == d.kind || d.number.is_none();
    kind_ok
        && d.body.is_none_or(|b| b == k.body)
        && d.number.is_none_or(|n| k.number == Some(n))
        && d.yy.is_none_or(|y| k.date.year % 100 == y)
        && d.place.as_ref().is_none_or(|p| k.place.as_ref() == Some(p))
        && d.year.is_none_or(|y| k.date.year == y)
        && d.month.is_none_or(|mo| k.date.month == Some(mo))
}

/// The anchor a pinpoint reads as: `annex` + `III`, `9`, `1` → `annex.III.9.1`; `2`, `(a)` →
/// `2(a)`; an indent → `….indent2`.
pub fn pin_anchor(prefix: Option<&str>, pin: &Pinpoint) -> String {
    let mut out = prefix.unwrap_or("").to_owned();
    for part in &pin.parts {
        if !part.starts_with('(') && !out.is_empty() {
            out.push('.');
        }
        out.push_str(part);
    }
    if let Some(n) = pin.indent {
        out.push_str(&format!(".indent{n}"));
    }
    out
}

/// An anchor as a reader writes it: `annex.III.1.1.1` → `Annex, III.1.1.1`.
pub fn pretty(anchor: &str) -> String {
    match anchor.strip_prefix("annex") {
        Some("") => "Annex".into(),
        Some(rest) => format!("Annex, {}", rest.trim_start_matches('.')),
        None => anchor.into(),
    }
}

impl DocEntry {
    /// One document as citations see it (what the catalog holds for it).
    pub fn of(doc: &Document) -> DocEntry {
        doc_entry(doc, true)
    }
}

/// A document's entry with its anchors, and their words if `words`.
fn doc_entry(doc: &Document, words: bool) -> DocEntry {
    let mut entry = listing_entry(doc);
    if let Some(v) = doc.canonical() {
        entry.anchors = index_anchors(v, &entry.cite_name, words);
    }
    entry
}

fn doc_entry_without_words(doc: &Document) -> DocEntry {
    doc_entry(doc, false)
}

/// What [`Catalog::listing_of`] gives the /cite page's index.
pub struct Listing {
    /// Every name with its referent.
    pub names: NameList,
    /// Places of adoption.
    pub places: HashSet<String>,
    /// Each document's entry, without anchors, in slug order.
    pub docs: Vec<DocEntry>,
    /// External documents by id.
    pub externals: HashMap<String, ExternalEntry>,
}

/// Every name a citation may use, with what it names: the documents' names, the external
/// documents' names, and the phrases the editors say are not citations.
fn name_entries(
    documents: &[Document],
    externals: &[ExternalDoc],
    rules: &CitationRules,
) -> Vec<(String, Referent)> {
    let mut entries: Vec<(String, Referent)> = documents.iter().flat_map(names_of).collect();
    for e in externals {
        let r = Referent::External { id: e.id.clone() };
        entries.extend(
            std::iter::once(&e.short)
                .chain(e.aliases.iter())
                .map(|n| (n.clone(), r.clone())),
        );
    }
    entries.extend(
        rules
            .not_citations
            .iter()
            .map(|n| (n.clone(), Referent::NotACitation)),
    );
    entries
}

/// The places documents were adopted at.
fn places_of(documents: &[Document]) -> HashSet<String> {
    documents
        .iter()
        .filter_map(|d| d.meta.place.clone())
        .collect()
}

/// The external documents' entries by id.
fn external_entries(externals: &[ExternalDoc]) -> HashMap<String, ExternalEntry> {
    externals
        .iter()
        .map(|e| {
            let entry = ExternalEntry {
                label: e.label(),
                short: e.short.clone(),
                date: e.date,
            };
            (e.id.clone(), entry)
        })
        .collect()
}

/// A document's entry without its anchors (see [`Catalog::listing_of`]).
fn listing_entry(doc: &Document) -> DocEntry {
    let m = &doc.meta;
    DocEntry {
        slug: doc.slug.clone(),
        cite_name: m.cite_name().to_owned(),
        title: m.title.clone(),
        kind: m.kind.clone(),
        date: m.date,
        key: doc_key(doc),
        annex_printed_in: m.annex_printed_in.clone(),
        has_text: !doc.versions.is_empty(),
        anchors: AnchorTable::default(),
    }
}

fn index_anchors(v: &Version, cite_name: &str, words: bool) -> AnchorTable {
    let mut table = AnchorTable::builder();
    let text = |content: &[Inline]| match words {
        true => normalise_space(&Inline::plain(content, &v.notes)),
        false => String::new(),
    };
    crate::resolve::walk(&v.body, &mut |node| match node {
        Node::Division(d) => table.push(
            &d.anchor,
            &format!("{cite_name}, {}", pretty(&d.anchor)),
            &text(&d.heading),
        ),
        Node::Paragraph(p) => table.push(&p.anchor, &p.citation, &text(&p.content)),
    });
    table.finish()
}

/// The key of a Ministerial or Permanent Council decision or declaration: the number comes from
/// the symbol (`MC.DEC/2/03` → 2) or from the short title ("… Decision No. 8").
fn doc_key(doc: &Document) -> Option<DocKey> {
    let m = &doc.meta;
    let body = if m.body.contains("Ministerial Council") {
        Body::MinisterialCouncil
    } else if m.body.contains("Permanent Council") {
        Body::PermanentCouncil
    } else {
        return None;
    };
    let kind = match m.kind.as_str() {
        "decision" => Kind::Decision,
        "declaration" => Kind::Declaration,
        _ => return None,
    };
    let number = m
        .symbol
        .as_deref()
        .and_then(|s| SYMBOL_NUMBER.captures(s))
        .or_else(|| {
            m.short_title
                .as_deref()
                .and_then(|t| TITLE_NUMBER.captures(t))
        })
        .and_then(|c| c[1].parse().ok());
    Some(DocKey {
        body,
        kind,
        number,
        place: m.place.clone(),
        date: m.date,
    })
}
