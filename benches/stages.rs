//! The hot stages on generated documents (`cargo bench`): parsing one version, resolving it,
//! building its page view, and rendering the pages of 30 documents (divide by 30 for one). The corpus is the one `acquis generate`
//! writes, so these figures and BENCHMARKS.md's full builds measure the same texts.

use acquis::generate::{self, Spec};
use acquis::load::{LoadedContent, LoadedDocument, LoadedFile, LoadedTheme};
use acquis::model::{Corpus, ParsedCorpus};
use acquis::render::RenderOptions;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::path::{Path, PathBuf};

/// The document benchmarked: it cites three others, by name, by symbol and by paragraph.
const DOCUMENT: &str = "mc-dec-4-92";

/// One document of a small generated corpus, as `load` would hand it to `parse`.
fn loaded() -> LoadedContent {
    let files = generate::corpus(Spec {
        documents: 30,
        seed: 1,
    });
    let text = |path: &Path| {
        files
            .iter()
            .find(|f| f.path == path)
            .map(|f| LoadedFile {
                path: path.to_path_buf(),
                text: String::from_utf8(f.bytes.clone()).expect("UTF-8"),
            })
            .unwrap_or_else(|| panic!("no {}", path.display()))
    };
    let doc = Path::new(DOCUMENT);
    LoadedContent {
        site: Some(text(Path::new("site.yaml"))),
        external: None,
        citations: None,
        documents: vec![LoadedDocument {
            slug: DOCUMENT.to_owned(),
            meta: Some(text(&doc.join("document.yaml"))),
            versions: vec![text(&doc.join("issued.md"))],
        }],
        diagnostics: Vec::new(),
    }
}

fn parsed(content: &LoadedContent) -> ParsedCorpus {
    let (parsed, diagnostics) = acquis::parse::parse_content(content);
    parsed.unwrap_or_else(|| panic!("does not parse: {diagnostics:?}"))
}

fn resolved(content: &LoadedContent) -> Corpus {
    acquis::resolve::resolve(parsed(content)).0
}

fn theme() -> LoadedTheme {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    acquis::load::load_theme(&dir).expect("the default theme")
}

fn stages(c: &mut Criterion) {
    let content = loaded();
    c.bench_function("parse one version", |b| b.iter(|| parsed(&content)));
    c.bench_function("resolve one version", |b| {
        b.iter_batched(
            || parsed(&content),
            acquis::resolve::resolve,
            BatchSize::SmallInput,
        )
    });
    let corpus = resolved(&content);
    let doc = &corpus.documents[0];
    let links = acquis::render::links::LinkIndex::new(&corpus);
    c.bench_function("view of one page", |b| {
        b.iter(|| {
            acquis::render::views::version_page(
                doc,
                &doc.versions[0],
                "https://b.example",
                &links,
                true,
            )
        })
    });
    let theme = theme();
    let thirty = thirty_documents();
    let (comparison, _) = acquis::compare::compare(&thirty);
    for minify in [false, true] {
        let name = if minify {
            "render 30 documents' pages, minified"
        } else {
            "render 30 documents' pages"
        };
        c.bench_function(name, |b| {
            b.iter(|| {
                acquis::render::render(&thirty, &comparison, &theme, RenderOptions { minify })
            })
        });
    }
}

/// The whole generated corpus of 30 documents, resolved: rendering it compiles the theme once
/// for 30 documents' pages (and the home, index and notes pages), as a build does.
fn thirty_documents() -> Corpus {
    let mut documents = Vec::new();
    for f in generate::corpus(Spec {
        documents: 30,
        seed: 1,
    }) {
        let text = String::from_utf8(f.bytes).expect("UTF-8");
        let file = LoadedFile {
            path: f.path.clone(),
            text,
        };
        let Some(slug) = f
            .path
            .parent()
            .and_then(|p| p.to_str())
            .filter(|s| !s.is_empty())
        else {
            continue;
        };
        if documents
            .last()
            .is_none_or(|d: &LoadedDocument| d.slug != slug)
        {
            documents.push(LoadedDocument {
                slug: slug.to_owned(),
                meta: None,
                versions: Vec::new(),
            });
        }
        let doc = documents.last_mut().expect("a document");
        if f.path.ends_with("document.yaml") {
            doc.meta = Some(file);
        } else {
            doc.versions.push(file);
        }
    }
    documents.sort_by(|a, b| a.slug.cmp(&b.slug));
    let mut content = loaded();
    content.documents = documents;
    resolved(&content)
}

criterion_group!(benches, stages);
criterion_main!(benches);
