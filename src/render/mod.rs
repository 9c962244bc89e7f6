//! Renders the resolved corpus through the theme into files held in memory.
//!
//! Rendering reads only the model (through [`views`]) and the loaded theme; it writes nothing.
//! Pages are rendered in parallel; the result is sorted by path, so output is deterministic.

mod akn;
mod cite;
mod cite_data;
mod compare;
mod datapage;
mod diff_html;
mod exports;
mod facets;
mod feeds;
mod highlight;
mod inline;
mod jsonld;
pub mod links;
pub mod opendata;
mod retired;
pub mod search;
mod source;
mod templates;
pub mod terminal;
pub mod views;
mod xml;

use crate::diagnostics::Diagnostic;
use crate::load::LoadedTheme;
use crate::model::{Comparison, Corpus, Document};
use exports::Export;
pub use facets::{digests, example_depth, example_document, Facet};
use links::LinkIndex;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use templates::Theme;
use views::{DocGroup, DocListing, DocSummary, NoteView, SiteView};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output directory.
    pub path: PathBuf,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Minify HTML with minify-html.
    pub minify: bool,
}

/// Context shared by every page.
#[derive(Serialize)]
struct Common<'a> {
    site: &'a SiteView,
    root: String,
    page_path: String,
}

/// What an output file is derived from: how an incremental rebuild finds the files an edit
/// affects, and the files it must delete when their source is gone.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// One document: its pages, source views, open data and citations.
    Document(String),
    /// The whole corpus: home, indexes, notes, data page, feeds, sitemap.
    Corpus,
    /// A static asset of the theme.
    Theme,
    /// The search index and Pagefind's scripts.
    Search,
}

/// Which files to render.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'s> {
    /// Every page, export and asset (not the search index: see [`search`]).
    All,
    /// The files of these documents (by slug), and the corpus-wide files that read a facet
    /// of a document that changed.
    Documents {
        /// The documents to render.
        slugs: &'s BTreeSet<String>,
        /// The facets an edit changed.
        facets: &'s BTreeSet<Facet>,
    },
}

impl Scope<'_> {
    /// Whether a file of `origin` that reads `reads` (of every document) is rendered.
    pub(crate) fn renders(&self, origin: &Origin, reads: &[Facet]) -> bool {
        match (self, origin) {
            (Scope::All, _) => true,
            (Scope::Documents { facets, .. }, Origin::Corpus) => {
                reads.iter().any(|f| facets.contains(f))
            }
            (Scope::Documents { slugs, .. }, Origin::Document(slug)) => slugs.contains(slug),
            (Scope::Documents { .. }, _) => false,
        }
    }

    /// Whether the files of the document `slug` are rendered (checked before making them, so
    /// that a rebuild of one document does not walk the pages of all).
    pub(crate) fn has_document(&self, slug: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Documents { slugs, .. } => slugs.contains(slug),
        }
    }

    /// Whether every file of `origin` is rendered in this scope, so that a file of that origin
    /// that is not rendered is gone.
    pub fn covers(&self, origin: &Origin) -> bool {
        match (self, origin) {
            (Scope::All, origin) => *origin != Origin::Search,
            (Scope::Documents { slugs, .. }, Origin::Document(slug)) => slugs.contains(slug),
            (Scope::Documents { .. }, _) => false,
        }
    }
}

/// Renders every file of the site: pages, exports, assets and the search index.
pub fn render(
    corpus: &Corpus,
    comparison: &Comparison,
    theme: &LoadedTheme,
    options: RenderOptions,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut files: Vec<OutputFile> = render_scoped(corpus, comparison, theme, options, Scope::All)?
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    let records = search::corpus_records(corpus);
    files.extend(search::index(&records, &corpus.site.language).map_err(|d| vec![d])?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Why [`render_each`] stopped.
#[derive(Debug)]
pub enum Failure<E> {
    /// Templates failed (every failure of the run, in page order).
    Templates(Vec<Diagnostic>),
    /// The sink refused a file.
    Sink(E),
}

/// Renders every file of the site, as [`render`] does (the search index only with `search`:
/// Pagefind costs more than the rest of a build, BENCHMARKS.md), and hands each file to `sink`
/// (the write stage) as soon as it is made, so that the site is never held in memory; returns how
/// many files it made. A template failure or two files on one path fail the run after the fact:
/// the sink (a staging directory) is then thrown away.
pub fn render_each<E: Send>(
    corpus: &Corpus,
    comparison: &Comparison,
    theme: &LoadedTheme,
    options: RenderOptions,
    search: bool,
    sink: impl Fn(OutputFile) -> Result<(), E> + Sync,
) -> Result<usize, Failure<E>> {
    // Pagefind indexes on one thread of its own while the pages render on rayon's: on two cores
    // the build then takes about the longer of the two, not their sum.
    let (pages, index) = std::thread::scope(|threads| {
        let index = search.then(|| {
            threads.spawn(|| {
                let records = search::corpus_records(corpus);
                search::index(&records, &corpus.site.language)
            })
        });
        let pages = render_into(corpus, comparison, theme, options, Scope::All, &|_, f| {
            sink(f)
        });
        let index = index.map(|thread| match thread.join() {
            Ok(index) => index,
            Err(panic) => std::panic::resume_unwind(panic),
        });
        (pages, index)
    });
    let mut count = pages?;
    if let Some(index) = index {
        let index = index.map_err(|d| Failure::Templates(vec![d]))?;
        count += index.len();
        index
            .into_par_iter()
            .try_for_each(|f| sink(f))
            .map_err(Failure::Sink)?;
    }
    Ok(count)
}

/// Renders the files of `scope`, each with its origin, sorted by path. The full build and the
/// incremental rebuild both render through `render_into`, so a file has the same bytes either
/// way.
pub fn render_scoped(
    corpus: &Corpus,
    comparison: &Comparison,
    theme: &LoadedTheme,
    options: RenderOptions,
    scope: Scope<'_>,
) -> Result<Vec<(Origin, OutputFile)>, Vec<Diagnostic>> {
    let files = std::sync::Mutex::new(Vec::new());
    let collect = |origin: Origin, file: OutputFile| -> Result<(), std::convert::Infallible> {
        files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((origin, file));
        Ok(())
    };
    render_into(corpus, comparison, theme, options, scope, &collect).map_err(|f| match f {
        Failure::Templates(d) => d,
        Failure::Sink(never) => match never {},
    })?;
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.1.path.cmp(&b.1.path));
    Ok(files)
}

/// Renders the files of `scope` in parallel and hands each to `sink` with its origin, in no
/// particular order; returns how many there were.
fn render_into<E: Send>(
    corpus: &Corpus,
    comparison: &Comparison,
    theme: &LoadedTheme,
    options: RenderOptions,
    scope: Scope<'_>,
    sink: &(dyn Fn(Origin, OutputFile) -> Result<(), E> + Sync),
) -> Result<usize, Failure<E>> {
    let theme = Theme::new(theme).map_err(Failure::Templates)?;
    let site = SiteView::new(&corpus.site);
    let links = LinkIndex::new(corpus);
    let ctx = compare::Context::new(corpus, comparison);
    let jobs: Vec<Page> = pages(corpus, &ctx, &scope)
        .into_iter()
        .filter(|p| scope.renders(&p.origin(), p.reads()))
        .collect();
    let paths = std::sync::Mutex::new(Vec::new());
    let hand = |origin: Origin, file: OutputFile| -> Result<(), Failure<E>> {
        paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file.path.clone());
        sink(origin, file).map_err(Failure::Sink)
    };
    // Only the problems are collected (a slot per page, even an empty one, was a large
    // allocation of a large build).
    let errors: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(
            |job| match job.render(corpus, &ctx, &site, &theme, &links, options) {
                Ok(file) => hand(job.origin(), file).err().map(Err),
                Err(d) => Some(Ok(d)),
            },
        )
        .collect::<Result<Vec<Diagnostic>, Failure<E>>>()?;
    if !errors.is_empty() {
        let mut errors = errors;
        errors.dedup();
        return Err(Failure::Templates(errors));
    }
    let exports: Vec<Export> = exports::exports(corpus, &scope)
        .into_iter()
        .filter(|e| scope.renders(&e.origin(), e.reads()))
        .collect();
    exports
        .par_iter()
        .try_for_each(|e| hand(e.origin(), e.render(corpus, &site)))?;
    compare::each_data_file(&ctx, &scope, &hand)?;
    if let Some(index) = cite_index(corpus, &scope) {
        hand(Origin::Corpus, index)?;
    }
    cite_documents(corpus, &scope)
        .into_par_iter()
        .try_for_each(|d| hand(Origin::Document(d.slug.clone()), cite_document(d)))?;
    if matches!(scope, Scope::All) {
        for (p, b) in theme.assets() {
            let file = OutputFile {
                path: PathBuf::from("assets").join(p),
                bytes: b.clone(),
            };
            hand(Origin::Theme, file)?;
        }
    }
    let mut paths = paths.into_inner().unwrap_or_else(|e| e.into_inner());
    paths.sort();
    unique_paths(&paths).map_err(Failure::Templates)?;
    Ok(paths.len())
}

/// Every page of the corpus (of the documents `scope` has, and the corpus-wide pages).
fn pages<'a>(corpus: &'a Corpus, ctx: &compare::Context<'a>, scope: &Scope<'_>) -> Vec<Page<'a>> {
    let mut jobs: Vec<Page> = vec![
        Page::Home,
        Page::Index,
        Page::Notes,
        Page::Timeline,
        Page::Cite,
        Page::Data,
        Page::Search,
    ];
    jobs.extend(compare::jobs(ctx, scope).into_iter().map(Page::Compare));
    jobs.extend(
        retired::retired_pages(corpus, |slug| scope.has_document(slug))
            .into_iter()
            .map(Page::Retired),
    );
    for doc in corpus
        .documents
        .iter()
        .filter(|d| scope.has_document(&d.slug))
    {
        if doc.versions.is_empty() {
            jobs.push(Page::CitedOnly(doc));
        }
        for (i, v) in doc.versions.iter().enumerate() {
            jobs.push(Page::Version {
                doc,
                index: i,
                main: false,
            });
            if doc.meta.canonical.as_deref() == Some(v.meta.id.as_str()) {
                jobs.push(Page::Version {
                    doc,
                    index: i,
                    main: true,
                });
            }
            jobs.push(Page::Source { doc, index: i });
        }
    }
    jobs
}

/// Two pages written to one path would silently lose one of them (a document named like a
/// folder of the site, a version named like a page of its document): an error naming the path.
fn unique_paths(sorted: &[PathBuf]) -> Result<(), Vec<Diagnostic>> {
    let clashes: Vec<Diagnostic> = sorted
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| {
            let at = crate::model::Location {
                file: PathBuf::from("site").join(&w[0]).into(),
                line: 0,
                col: 0,
            };
            Diagnostic::error(at, "two pages of the site would be written to this file").help(
                "rename the document folder or version whose URL takes the path of another page",
            )
        })
        .collect();
    match clashes.is_empty() {
        true => Ok(()),
        false => Err(clashes),
    }
}

/// What the /cite page's index reads of every document: its names, date and key (metadata), never
/// its text or anchors.
const CITE_INDEX_READS: &[Facet] = &[Facet::Listing];

/// The index of the /cite page (see [`cite_data`]), when `scope` makes it: the names read from
/// every document. It reads a catalog without anchors: the whole catalog with every paragraph's
/// words would be the largest thing a build holds.
fn cite_index(corpus: &Corpus, scope: &Scope<'_>) -> Option<OutputFile> {
    scope.renders(&Origin::Corpus, CITE_INDEX_READS).then(|| {
        let listing = crate::cite::Catalog::listing_of(corpus);
        OutputFile {
            path: PathBuf::from("cite/index.js"),
            bytes: cite_data::index(&listing).into_bytes(),
        }
    })
}

/// The documents with text in `scope`: each has a file of paragraphs for the /cite page.
fn cite_documents<'c>(corpus: &'c Corpus, scope: &Scope<'_>) -> Vec<&'c Document> {
    corpus
        .documents
        .iter()
        .filter(|d| !d.versions.is_empty() && scope.has_document(&d.slug))
        .collect()
}

/// The /cite page's file of paragraphs of `doc`, made from its own catalog entry (so that a
/// build never holds the entries of all documents at once).
fn cite_document(doc: &Document) -> OutputFile {
    OutputFile {
        path: PathBuf::from(format!("cite/docs/{}.js", doc.slug)),
        bytes: cite_data::document(&crate::cite::DocEntry::of(doc)).into_bytes(),
    }
}

enum Page<'a> {
    Home,
    Index,
    Notes,
    Timeline,
    Cite,
    Data,
    Search,
    CitedOnly(&'a Document),
    /// A page the anchor registry answers for that is no longer published.
    Retired(views::RetiredPage),
    Version {
        doc: &'a Document,
        index: usize,
        main: bool,
    },
    Source {
        doc: &'a Document,
        index: usize,
    },
    Compare(compare::Job<'a>),
}

impl Page<'_> {
    fn origin(&self) -> Origin {
        match self {
            Page::CitedOnly(doc) | Page::Version { doc, .. } | Page::Source { doc, .. } => {
                Origin::Document(doc.slug.clone())
            }
            Page::Retired(page) => Origin::Document(page.slug().to_owned()),
            Page::Compare(job) => job.origin(),
            _ => Origin::Corpus,
        }
    }

    /// What a corpus-wide page reads of every document.
    fn reads(&self) -> &'static [Facet] {
        match self {
            Page::Home => &[Facet::Listing, Facet::Example],
            Page::Index => &[Facet::Listing],
            Page::Notes => &[Facet::Listing, Facet::Apparatus],
            Page::Data => &[Facet::Listing, Facet::Text],
            // Relations and the paragraphs that carry them come from every document's citations.
            Page::Timeline => &[Facet::Listing, Facet::Relations],
            Page::Compare(job) => job.reads(),
            _ => &[],
        }
    }

    fn path(&self) -> String {
        match self {
            Page::Home => "index.html".into(),
            Page::Index => "documents/index.html".into(),
            Page::Notes => "notes/index.html".into(),
            Page::Timeline => "timeline/index.html".into(),
            Page::Cite => "cite/index.html".into(),
            Page::Data => "data/index.html".into(),
            Page::Search => "search/index.html".into(),
            Page::Source { doc, index } => {
                format!(
                    "{}/{}/source/index.html",
                    doc.slug, doc.versions[*index].meta.id
                )
            }
            Page::CitedOnly(doc) => format!("{}/index.html", doc.slug),
            Page::Retired(page) => format!("{}index.html", page.path),
            Page::Compare(job) => job.path(),
            Page::Version {
                doc, main: true, ..
            } => format!("{}/index.html", doc.slug),
            Page::Version { doc, index, .. } => {
                format!("{}/{}/index.html", doc.slug, doc.versions[*index].meta.id)
            }
        }
    }

    fn render(
        &self,
        corpus: &Corpus,
        ctx: &compare::Context<'_>,
        site: &SiteView,
        theme: &Theme,
        links: &LinkIndex,
        options: RenderOptions,
    ) -> Result<OutputFile, Diagnostic> {
        let path = self.path();
        let depth = path.matches('/').count();
        let common = Common {
            site,
            root: "../".repeat(depth),
            page_path: path.trim_end_matches("index.html").to_owned(),
        };
        let html = match self {
            Page::Home => home(corpus, theme, &common),
            Page::Index => index(corpus, theme, &common),
            Page::Notes => theme.render("notes.html", &common, notes(corpus)),
            Page::Timeline => timeline(theme, &common, links),
            Page::Cite => theme.render("cite.html", &common, serde_json::json!({})),
            Page::Data => theme.render(
                "data.html",
                &common,
                datapage::data_page(corpus, &site.base_url),
            ),
            Page::Retired(page) => theme.render("retired.html", &common, page),
            Page::Search => theme.render("search.html", &common, serde_json::json!({})),
            Page::CitedOnly(doc) => {
                theme.render("cited.html", &common, views::cited_page(doc, site, links))
            }
            Page::Version { doc, index, main } => {
                let version = &doc.versions[*index];
                let mut page = views::document_page(doc, version, site, links, *main);
                compare::decorate(&mut page, ctx, doc, version);
                retired::apply(
                    &mut page,
                    &corpus.registry,
                    &doc.slug,
                    &version.meta.id,
                    *main,
                );
                theme.render("version.html", &common, page)
            }
            Page::Compare(job) => theme.render_value(job.template(), &common, job.view(ctx)),
            Page::Source { doc, index } => theme.render(
                "source.html",
                &common,
                source::source_page(doc, &doc.versions[*index]),
            ),
        }?;
        let bytes = if options.minify { minify(&html) } else { html };
        Ok(OutputFile {
            path: PathBuf::from(path),
            bytes,
        })
    }
}

fn minify(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    minify_html::minify(html, &cfg)
}

#[derive(Serialize)]
struct HomeView {
    documents: usize,
    with_text: usize,
    paragraphs: usize,
    example: Option<Example>,
    /// The texts of the corpus, newest first, rendered (`home_entries.html`).
    recent_html: String,
}

#[derive(Serialize)]
struct Example {
    citation: String,
    url: String,
    text: String,
}

/// The timeline page: each lane's entries rendered a batch at a time
/// (`timeline_entries.html`, [`Theme::render_batched`]) and placed by `timeline.html`, into a
/// buffer sized for them.
fn timeline(theme: &Theme, common: &Common<'_>, links: &LinkIndex) -> Result<Vec<u8>, Diagnostic> {
    let view = links.timeline();
    let mut lanes = Vec::with_capacity(view.lanes.len());
    for lane in &view.lanes {
        lanes.push(views::TimelineLanePage {
            id: &lane.id,
            name: &lane.name,
            count: lane.entries.len(),
            entries_html: theme.render_batched("timeline_entries.html", common, &lane.entries)?,
        });
    }
    let bytes = lanes.iter().map(|l| l.entries_html.len()).sum::<usize>() + TIMELINE_FRAME;
    let page = views::TimelinePage {
        axis: &view.axis,
        columns: view.columns,
        lanes,
    };
    theme.render_sized("timeline.html", common, page, bytes)
}

/// The timeline page's bytes besides its entries (the frame, the axis, the lanes' headings).
const TIMELINE_FRAME: usize = 64 * 1024;

/// The home page, its list of texts rendered in batches (`home_entries.html`).
fn home(corpus: &Corpus, theme: &Theme, common: &Common<'_>) -> Result<Vec<u8>, Diagnostic> {
    let with_text = corpus
        .documents
        .iter()
        .filter(|d| !d.versions.is_empty())
        .count();
    let paragraphs = corpus
        .documents
        .iter()
        .flat_map(|d| &d.versions)
        .map(|v| v.paragraphs().len())
        .sum();
    let mut recent: Vec<DocListing> = corpus
        .documents
        .iter()
        .filter(|d| !d.versions.is_empty())
        .map(DocListing::new)
        .collect();
    recent.sort_by(|a, b| b.date.cmp(&a.date).then(a.cite_name.cmp(b.cite_name)));
    let view = HomeView {
        documents: corpus.documents.len(),
        with_text,
        paragraphs,
        example: example(corpus),
        recent_html: theme.render_batched("home_entries.html", common, &recent)?,
    };
    theme.render("home.html", common, view)
}

/// The paragraph the home page uses to show how citations read: the most deeply numbered
/// paragraph of the corpus (first in document order among equals).
fn example(corpus: &Corpus) -> Option<Example> {
    let base = corpus.site.base_url.trim_end_matches('/');
    corpus
        .documents
        .iter()
        .filter_map(|d| d.canonical().map(|v| (d, v)))
        .flat_map(|(d, v)| v.paragraphs().into_iter().map(move |p| (d, v, p)))
        .filter(|(_, _, p)| p.kind == crate::model::ParagraphKind::Numbered)
        .enumerate()
        .max_by_key(|(i, (_, _, p))| (p.anchor.matches('.').count(), std::cmp::Reverse(*i)))
        .map(|(_, (d, v, p))| Example {
            citation: p.citation.to_string(),
            url: format!("{base}/{}/#{}", d.slug, p.anchor),
            text: crate::model::Inline::plain(&p.content, &v.notes),
        })
}

#[derive(Serialize)]
struct IndexView {
    by_body: Vec<DocGroup>,
    by_year: Vec<DocGroup>,
}

/// The index of documents, each group's list rendered in batches (`documents_by_body.html`,
/// `documents_by_year.html`).
fn index(corpus: &Corpus, theme: &Theme, common: &Common<'_>) -> Result<Vec<u8>, Diagnostic> {
    let mut by_body: BTreeMap<&str, Vec<DocListing>> = BTreeMap::new();
    let mut by_year: BTreeMap<u16, Vec<DocListing>> = BTreeMap::new();
    for doc in &corpus.documents {
        let s = DocListing::new(doc);
        by_body.entry(s.body).or_default().push(s.clone());
        by_year.entry(s.year).or_default().push(s);
    }
    let mut view = IndexView {
        by_body: Vec::with_capacity(by_body.len()),
        by_year: Vec::with_capacity(by_year.len()),
    };
    for (name, mut docs) in by_body {
        sort_listing(&mut docs);
        view.by_body.push(DocGroup {
            id: format!("body-{}", crate::slug::slugify(name)),
            name: name.to_owned(),
            documents_html: theme.render_batched("documents_by_body.html", common, &docs)?,
        });
    }
    for (year, mut docs) in by_year {
        sort_listing(&mut docs);
        view.by_year.push(DocGroup {
            id: format!("year-{year}"),
            name: year.to_string(),
            documents_html: theme.render_batched("documents_by_year.html", common, &docs)?,
        });
    }
    theme.render("documents.html", common, view)
}

/// A group's documents by date, then by name.
fn sort_listing(docs: &mut [DocListing<'_>]) {
    docs.sort_by(|a, b| a.date.cmp(&b.date).then(a.cite_name.cmp(b.cite_name)));
}

#[derive(Serialize)]
struct NotesGroup {
    doc: DocSummary,
    version: String,
    version_url: String,
    notes: Vec<NoteView>,
}

#[derive(Serialize)]
struct NotesView {
    total: usize,
    groups: Vec<NotesGroup>,
}

fn notes(corpus: &Corpus) -> NotesView {
    let mut groups = Vec::new();
    for doc in &corpus.documents {
        for v in &doc.versions {
            if v.notes.is_empty() {
                continue;
            }
            groups.push(NotesGroup {
                doc: DocSummary::new(doc),
                version: v.meta.label.clone(),
                version_url: views::version_link(doc, v, v).url,
                notes: views::note_views(v),
            });
        }
    }
    NotesView {
        total: groups.iter().map(|g| g.notes.len()).sum(),
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(paths: &[&str]) -> Vec<PathBuf> {
        paths.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn two_pages_on_one_path_are_an_error_naming_it() {
        assert!(unique_paths(&paths(&["a/index.html", "b/index.html"])).is_ok());
        let errs = unique_paths(&paths(&["search/index.html", "search/index.html"])).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(
            errs[0].location.file,
            std::path::Path::new("site/search/index.html")
        );
    }
}
