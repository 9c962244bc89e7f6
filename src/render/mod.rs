//! Renders the resolved corpus through the theme into files held in memory.
//!
//! Rendering reads only the model (through [`views`]) and the loaded theme; it writes nothing.
//! Pages are rendered in parallel; the result is sorted by path, so output is deterministic.
//! [`render_each`] hands each file to a sink (the write stage) as soon as it is made.

mod compare;
mod diff_html;
mod inline;
mod templates;
pub mod terminal;
pub mod views;

use crate::diagnostics::Diagnostic;
use crate::load::LoadedTheme;
use crate::model::{Comparison, Corpus, Document};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Mutex;
use templates::Theme;
use views::{DocGroup, DocSummary, NoteView, SiteView};

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

/// Renders every page of the site, in memory, sorted by path.
pub fn render(
    corpus: &Corpus,
    comparison: &Comparison,
    theme: &LoadedTheme,
    options: RenderOptions,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = Mutex::new(Vec::new());
    let collect = |f| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok::<(), Infallible>(())
    };
    render_each(corpus, comparison, theme, options, collect).map_err(|failure| match failure {
        Failure::Templates(errors) => errors,
        Failure::Sink(never) => match never {},
    })?;
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
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

/// Renders every page of the site in parallel and hands each file to `sink` as soon as it is
/// made, so that a build never holds the whole site in memory; returns how many files it made.
/// Template errors do not stop the other pages (every error is reported); a sink error does.
pub fn render_each<E: Send>(
    corpus: &Corpus,
    comparison: &Comparison,
    theme: &LoadedTheme,
    options: RenderOptions,
    sink: impl Fn(OutputFile) -> Result<(), E> + Sync,
) -> Result<usize, Failure<E>> {
    let theme = Theme::new(theme).map_err(Failure::Templates)?;
    let site = SiteView::new(&corpus.site);
    let ctx = compare::Context::new(corpus, comparison);
    let mut jobs: Vec<Page> = vec![Page::Home, Page::Index, Page::Notes];
    jobs.extend(compare::jobs(&ctx).into_iter().map(Page::Compare));
    for doc in &corpus.documents {
        if doc.versions.is_empty() {
            jobs.push(Page::CitedOnly(doc));
        }
        for (i, v) in doc.versions.iter().enumerate() {
            jobs.push(Page::Version {
                doc,
                index: i,
                main: doc.meta.canonical.as_deref() == Some(v.meta.id.as_str()),
            });
        }
    }
    let results: Vec<Option<Diagnostic>> = jobs
        .par_iter()
        .map(
            |job| match job.render(corpus, &ctx, &site, &theme, options) {
                Ok(files) => files.into_iter().try_for_each(&sink).map(|()| None),
                Err(d) => Ok(Some(d)),
            },
        )
        .collect::<Result<_, E>>()
        .map_err(Failure::Sink)?;
    let mut errors: Vec<Diagnostic> = results.into_iter().flatten().collect();
    if !errors.is_empty() {
        errors.dedup();
        return Err(Failure::Templates(errors));
    }
    let data_files = compare::data_files(&ctx);
    let data_count = data_files.len();
    for file in data_files {
        sink(file).map_err(Failure::Sink)?;
    }
    for (p, b) in theme.assets() {
        let file = OutputFile {
            path: PathBuf::from("assets").join(p),
            bytes: b.clone(),
        };
        sink(file).map_err(Failure::Sink)?;
    }
    let pages: usize = jobs.iter().map(|job| job.paths().len()).sum();
    Ok(pages + data_count + theme.assets().count())
}

/// One rendering job: a template, the view it sees, and the paths it is written to.
enum Page<'a> {
    Home,
    Index,
    Notes,
    CitedOnly(&'a Document),
    /// A version's page; the canonical version (`main`) is also the document's main page.
    Version {
        doc: &'a Document,
        index: usize,
        main: bool,
    },
    Compare(compare::Job<'a>),
}

impl Page<'_> {
    fn paths(&self) -> Vec<String> {
        match self {
            Page::Home => vec!["index.html".into()],
            Page::Index => vec!["documents/index.html".into()],
            Page::Notes => vec!["notes/index.html".into()],
            Page::CitedOnly(doc) => vec![format!("{}/index.html", doc.slug)],
            Page::Version { doc, index, main } => {
                let own = format!("{}/{}/index.html", doc.slug, doc.versions[*index].meta.id);
                if *main {
                    vec![own, format!("{}/index.html", doc.slug)]
                } else {
                    vec![own]
                }
            }
            Page::Compare(job) => vec![job.path()],
        }
    }

    fn template(&self) -> &'static str {
        match self {
            Page::Home => "home.html",
            Page::Index => "documents.html",
            Page::Notes => "notes.html",
            Page::CitedOnly(_) => "cited.html",
            Page::Version { .. } => "version.html",
            Page::Compare(job) => job.template(),
        }
    }

    /// The page's view, made once for all its paths.
    fn view(&self, corpus: &Corpus, ctx: &compare::Context<'_>, site: &SiteView) -> tera::Value {
        match self {
            Page::Home => tera::Value::from_serializable(&home(corpus)),
            Page::Index => tera::Value::from_serializable(&index(corpus)),
            Page::Notes => tera::Value::from_serializable(&notes(corpus)),
            Page::CitedOnly(doc) => {
                tera::Value::from_serializable(&serde_json::json!({ "doc": DocSummary::new(doc) }))
            }
            Page::Version { doc, index, .. } => {
                let version = &doc.versions[*index];
                let mut page = views::version_page(doc, version, &site.base_url);
                compare::decorate(&mut page, ctx, doc, version);
                tera::Value::from_serializable(&page)
            }
            Page::Compare(job) => job.view(ctx),
        }
    }

    fn render(
        &self,
        corpus: &Corpus,
        ctx: &compare::Context<'_>,
        site: &SiteView,
        theme: &Theme,
        options: RenderOptions,
    ) -> Result<Vec<OutputFile>, Diagnostic> {
        let paths = self.paths();
        let last = paths.len().saturating_sub(1);
        let mut view = Some(self.view(corpus, ctx, site));
        paths
            .into_iter()
            .enumerate()
            .map(|(k, path)| {
                // The last path takes the view; only a page written twice copies it.
                let page = if k == last { view.take() } else { view.clone() }
                    .expect("a view for each path");
                let depth = path.matches('/').count();
                let common = Common {
                    site,
                    root: "../".repeat(depth),
                    page_path: path.trim_end_matches("index.html").to_owned(),
                };
                let html = theme.render_value(self.template(), &common, page)?;
                let bytes = if options.minify { minify(&html) } else { html };
                Ok(OutputFile {
                    path: PathBuf::from(path),
                    bytes,
                })
            })
            .collect()
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
    recent: Vec<DocSummary>,
}

#[derive(Serialize)]
struct Example {
    citation: String,
    url: String,
    text: String,
}

fn home(corpus: &Corpus) -> HomeView {
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
    let mut recent: Vec<DocSummary> = corpus
        .documents
        .iter()
        .filter(|d| !d.versions.is_empty())
        .map(DocSummary::new)
        .collect();
    recent.sort_by(|a, b| b.date.cmp(&a.date).then(a.cite_name.cmp(&b.cite_name)));
    HomeView {
        documents: corpus.documents.len(),
        with_text,
        paragraphs,
        example: example(corpus),
        recent,
    }
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
            citation: p.citation.clone(),
            url: format!("{base}/{}/#{}", d.slug, p.anchor),
            text: crate::model::Inline::plain(&p.content, &v.notes),
        })
}

#[derive(Serialize)]
struct IndexView {
    by_body: Vec<DocGroup>,
    by_year: Vec<DocGroup>,
}

fn index(corpus: &Corpus) -> IndexView {
    let mut by_body: BTreeMap<String, Vec<DocSummary>> = BTreeMap::new();
    let mut by_year: BTreeMap<u16, Vec<DocSummary>> = BTreeMap::new();
    for doc in &corpus.documents {
        let s = DocSummary::new(doc);
        by_body.entry(s.body.clone()).or_default().push(s.clone());
        by_year.entry(s.year).or_default().push(s);
    }
    let sorted = |mut v: Vec<DocSummary>| {
        v.sort_by(|a, b| a.date.cmp(&b.date).then(a.cite_name.cmp(&b.cite_name)));
        v
    };
    IndexView {
        by_body: by_body
            .into_iter()
            .map(|(name, docs)| DocGroup {
                id: format!("body-{}", crate::slug::slugify(&name)),
                name,
                documents: sorted(docs),
            })
            .collect(),
        by_year: by_year
            .into_iter()
            .map(|(year, docs)| DocGroup {
                id: format!("year-{year}"),
                name: year.to_string(),
                documents: sorted(docs),
            })
            .collect(),
    }
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
            let page = views::version_page(doc, v, "");
            groups.push(NotesGroup {
                doc: page.doc,
                version: v.meta.label.clone(),
                version_url: page.version.url,
                notes: page.notes,
            });
        }
    }
    NotesView {
        total: groups.iter().map(|g| g.notes.len()).sum(),
        groups,
    }
}
