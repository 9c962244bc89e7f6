//! The full-text search index: every paragraph of every version, indexed by Pagefind.
//!
//! Pagefind (a Rust crate built for static sites) indexes pages in process and writes a chunked
//! index plus its WebAssembly search and UI into `pagefind/`: a browser downloads only the chunks
//! its query needs, and no request leaves the site. Each version becomes one Pagefind page whose
//! paragraphs are anchors titled with their citation, so a result lists the paragraphs that match
//! (sub-results), each opening its exact anchor with a marked snippet. Issuing body, kind and year
//! are Pagefind filters.
//!
//! The index is built from the model, not from the rendered pages: it does not depend on the
//! theme, and the records of one document can be recomputed alone ([`records`]) while the index
//! is rebuilt from all records ([`index`]).

use super::inline::escape;
use super::OutputFile;
use crate::diagnostics::Diagnostic;
use crate::model::{Corpus, Document, Inline, Location, Node, Version};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::path::PathBuf;

/// The folder of the site that holds the index and Pagefind's scripts.
pub const BUNDLE_DIR: &str = "pagefind";

/// One page given to Pagefind: a version, as a small HTML document of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRecord {
    /// URL relative to the site root (`mc-dec-2-03/`), where results lead.
    pub url: String,
    /// The HTML Pagefind reads: metadata, filters and one titled anchor per paragraph.
    pub html: String,
}

/// The records of one document: one per version.
pub fn records(doc: &Document, language: &str) -> Vec<SearchRecord> {
    doc.versions
        .iter()
        .map(|v| record(doc, v, language))
        .collect()
}

/// The records of every document, in the corpus order.
pub fn corpus_records(corpus: &Corpus) -> Vec<SearchRecord> {
    corpus
        .documents
        .iter()
        .flat_map(|d| records(d, &corpus.site.language))
        .collect()
}

fn record(doc: &Document, v: &Version, language: &str) -> SearchRecord {
    let canonical = doc.meta.canonical.as_deref() == Some(v.meta.id.as_str());
    let url = if canonical {
        format!("{}/", doc.slug)
    } else {
        format!("{}/{}/", doc.slug, v.meta.id)
    };
    let mut html = format!(
        "<html lang=\"{}\"><body><div data-pagefind-ignore>{}</div><main data-pagefind-body>",
        escape(language),
        header(doc, v, canonical)
    );
    for line in &v.masthead {
        html.push_str(&format!("<p>{}</p>", text(line, v)));
    }
    push_nodes(&v.body, v, &mut html);
    let cite = doc.meta.cite_name();
    for f in &v.footnotes {
        let body: Vec<String> = f.paragraphs.iter().map(|p| text(p, v)).collect();
        html.push_str(&format!(
            "<div id=\"fn-{}\" data-pagefind-title=\"{}\"><p>{}</p></div>",
            escape(&f.label),
            escape(&format!("{cite}, footnote {}", f.label)),
            body.join(" ")
        ));
    }
    html.push_str("</main></body></html>");
    SearchRecord { url, html }
}

/// Metadata and filters, kept out of the indexed text.
fn header(doc: &Document, v: &Version, canonical: bool) -> String {
    let m = &doc.meta;
    let title = if canonical {
        format!("{}: {}", m.cite_name(), m.title)
    } else {
        format!("{}: {} ({})", m.cite_name(), m.title, v.meta.label)
    };
    let meta = [("title", title), ("date", m.date.long())];
    let filters = [
        ("Issuing body", m.body.clone()),
        ("Kind", m.kind.clone()),
        ("Year", m.date.year.to_string()),
    ];
    let mut out = String::new();
    for (key, value) in meta {
        out.push_str(&format!(
            "<span data-pagefind-meta=\"{key}\">{}</span>",
            escape(&value)
        ));
    }
    for (key, value) in filters {
        out.push_str(&format!(
            "<span data-pagefind-filter=\"{key}\">{}</span>",
            escape(&value)
        ));
    }
    out.push_str(&format!(
        "<span data-pagefind-sort=\"date\">{}</span>",
        m.date
    ));
    out
}

fn push_nodes(nodes: &[Node], v: &Version, html: &mut String) {
    for node in nodes {
        match node {
            Node::Division(d) => {
                let num = d.num.as_ref().map_or("", |n| n.printed.as_str());
                html.push_str(&format!(
                    "<h2 id=\"{}\">{} {}</h2>",
                    escape(&d.anchor),
                    escape(num),
                    text(&d.heading, v)
                ));
                push_nodes(&d.children, v, html);
            }
            Node::Paragraph(p) => {
                let num = p.num.as_ref().map_or("", |n| n.printed.as_str());
                html.push_str(&format!(
                    "<div id=\"{}\" data-pagefind-title=\"{}\"><p>{} {}</p></div>",
                    escape(&p.anchor),
                    escape(&p.citation),
                    escape(num),
                    text(&p.content, v)
                ));
                push_nodes(&p.children, v, html);
            }
        }
    }
}

fn text(inlines: &[Inline], v: &Version) -> String {
    escape(Inline::plain(inlines, &v.notes).trim())
}

/// Builds the index of `records` (in the order given) and Pagefind's scripts, under
/// [`BUNDLE_DIR`].
pub fn index<'a>(
    records: impl IntoIterator<Item = &'a SearchRecord>,
    language: &str,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| failure(&e.to_string()))?;
    let files = runtime
        .block_on(build(records, language))
        .map_err(|e| failure(&e))?;
    let mut out: Vec<OutputFile> = files
        .into_iter()
        .map(|f| OutputFile {
            path: PathBuf::from(BUNDLE_DIR).join(strip_bundle_dir(f.filename)),
            bytes: f.contents,
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

async fn build<'a>(
    records: impl IntoIterator<Item = &'a SearchRecord>,
    language: &str,
) -> Result<Vec<pagefind::api::SyntheticFile>, String> {
    let options = PagefindServiceConfig::builder()
        .force_language(language.to_owned())
        .keep_index_url(false)
        .write_playground(false)
        .build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|e| format!("{e:#}"))?;
    for r in records {
        index
            .add_html_file(None, Some(r.url.clone()), r.html.clone())
            .await
            .map_err(|e| format!("{}: {e:#}", r.url))?;
    }
    index.get_files().await.map_err(|e| format!("{e:#}"))
}

/// Pagefind names its files under its bundle directory; keep only the part below it.
fn strip_bundle_dir(path: PathBuf) -> PathBuf {
    path.strip_prefix(BUNDLE_DIR)
        .map(|p| p.to_path_buf())
        .unwrap_or(path)
}

fn failure(message: &str) -> Diagnostic {
    Diagnostic::error(
        Location::default(),
        format!("the search index could not be built: {message}"),
    )
    .help("this is a fault of acquis or Pagefind, not of the content; please report it")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_titles_each_paragraph_with_its_citation_and_carries_the_filters() {
        let html = "<p>x</p>";
        let records = vec![SearchRecord {
            url: "a/".into(),
            html: format!(
                "<html lang=\"en\"><body><div data-pagefind-ignore><span data-pagefind-meta=\"title\">A</span><span data-pagefind-filter=\"Kind\">decision</span></div><main data-pagefind-body><div id=\"1\" data-pagefind-title=\"A, 1\">{html} trafficking</div></main></body></html>"
            ),
        }];
        let files = index(&records, "en").unwrap();
        let names: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
        assert!(
            names.iter().any(|n| n == "pagefind/pagefind.js"),
            "{names:?}"
        );
        assert!(names.iter().any(|n| n == "pagefind/pagefind-entry.json"));
        assert!(names.iter().any(|n| n.starts_with("pagefind/filter/")));
        assert!(names.iter().all(|n| n.starts_with("pagefind/")));
        let again = index(&records, "en").unwrap();
        assert_eq!(files, again, "the index is deterministic");
    }
}
