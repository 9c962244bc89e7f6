//! acquis compiles a corpus of official texts into a cross-linked, static reference site.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`load`] reads files → [`parse`] builds the flat [`model::ParsedCorpus`] → [`resolve`] builds the
//! tree with anchors ([`model::Corpus`]) → [`registry`] holds it to `content/anchors.lock` →
//! [`compare`] aligns versions and finds quotations
//! ([`model::Comparison`]) → [`render`] produces files in memory → [`write`](mod@write) swaps them into place. Every stage collects diagnostics; the build stops between stages on errors.

pub mod cite;
pub mod compare;
pub mod diagnostics;
pub mod fidelity;
pub mod generate;
pub mod ids;
pub mod import;
pub mod incremental;
pub mod invariants;
pub mod load;
pub mod model;
pub mod parse;
pub mod registry;
pub mod render;
pub mod resolve;
pub mod serve;
pub mod slug;
pub mod write;

use diagnostics::{Diagnostic, Severity};
use std::path::{Path, PathBuf};

/// Why a build did not produce a site.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content or the theme has problems (each with its place and fix).
    #[error("{} error(s) in the content or theme", diagnostics::error_count(.0).max(1))]
    Content(Vec<Diagnostic>),
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// What could not be read.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file or directory could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// What could not be written.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An output path would leave the output directory.
    #[error("refusing to write `{0}`: it would leave the output directory")]
    UnsafePath(PathBuf),
    /// `acquis serve` could not listen or watch.
    #[error("cannot serve: {0}")]
    Serve(String),
}

impl Error {
    fn read(path: &Path, source: std::io::Error) -> Self {
        Error::Read {
            path: path.to_path_buf(),
            source,
        }
    }

    fn write(path: &Path, source: std::io::Error) -> Self {
        Error::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Where to read and write, and how.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// The content directory.
    pub content: PathBuf,
    /// The theme directory.
    pub theme: PathBuf,
    /// The output directory.
    pub out: PathBuf,
    /// Minify the HTML.
    pub minify: bool,
    /// Build the search index (Pagefind); `acquis build --no-search` leaves it out.
    pub search: bool,
    /// Treat warnings as errors.
    pub deny_warnings: bool,
}

/// What a successful run produced.
#[derive(Debug)]
pub struct Built {
    /// The files of the site, from [`compile`]; [`build`] streams them to disk and keeps none.
    pub files: Vec<render::OutputFile>,
    /// How many files the site has.
    pub file_count: usize,
    /// Warnings (no errors: those end the run).
    pub warnings: Vec<Diagnostic>,
    /// The resolved corpus.
    pub corpus: model::Corpus,
    /// What comparing its texts found.
    pub comparison: model::Comparison,
}

/// The corpus resolved, with the registry it is promised to keep and the warnings so far.
struct Resolved {
    corpus: model::Corpus,
    registry: Option<model::AnchorRegistry>,
    diagnostics: Vec<Diagnostic>,
}

/// load → parse → resolve, stopping between stages on errors.
fn resolved(config: &BuildConfig) -> Result<Resolved, Error> {
    let content = load::load_content(&config.content)?;
    let (parsed, mut diagnostics) = parse::parse_content(&content);
    // The parsed corpus holds what resolving needs (each version's Markdown too): the files as
    // loaded would otherwise stay in memory, a second copy of the corpus, until the end of resolve.
    drop(content);
    release_freed_memory();
    let (registry, registry_diags) = anchor_registry(&config.content)?;
    diagnostics.extend(registry_diags);
    stop_on_errors(&diagnostics, config)?;
    let Some(parsed) = parsed else {
        return Err(Error::Content(diagnostics));
    };
    let (corpus, resolve_diags) = resolve::resolve(parsed);
    release_freed_memory();
    diagnostics.extend(resolve_diags);
    stop_on_errors(&diagnostics, config)?;
    Ok(Resolved {
        corpus,
        registry,
        diagnostics,
    })
}

/// Reads and parses `content/anchors.lock` (`None` when there is none), with its problems: what
/// the full build and the incremental rebuild hold the corpus to.
pub(crate) fn anchor_registry(
    content: &Path,
) -> Result<(Option<model::AnchorRegistry>, Vec<Diagnostic>), Error> {
    let (lock_file, mut diagnostics) = load::load_registry(content)?;
    let registry = match lock_file.as_ref().map(parse::registry::parse) {
        Some(Ok(r)) => Some(r),
        Some(Err(d)) => {
            diagnostics.extend(d);
            None
        }
        None => None,
    };
    Ok((registry, diagnostics))
}

/// Runs every stage but writing: what `acquis check` does.
pub fn compile(config: &BuildConfig) -> Result<Built, Error> {
    let files = std::sync::Mutex::new(Vec::new());
    let mut built = compile_each(config, |f| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    })?;
    built.files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    built.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(built)
}

/// Compiles and writes the site atomically, each file as soon as it is rendered.
pub fn build(config: &BuildConfig) -> Result<Built, Error> {
    let staged = write::Staged::new(&config.out)?;
    let built = compile_each(config, |f| staged.put(&f))?;
    staged.finish()?;
    Ok(built)
}

/// Runs every stage, handing each rendered file to `sink`.
fn compile_each(
    config: &BuildConfig,
    sink: impl Fn(render::OutputFile) -> Result<(), Error> + Sync,
) -> Result<Built, Error> {
    let theme = load::load_theme(&config.theme)?;
    let Resolved {
        mut corpus,
        registry,
        mut diagnostics,
    } = resolved(config)?;
    diagnostics.extend(registry::check(&corpus, registry.as_ref()));
    // Checked: the pages read only its redirects, tombstones and main versions.
    let registry = registry.map(model::AnchorRegistry::into_retirements);
    let (comparison, compare_diags) = compare::compare(&corpus);
    release_freed_memory();
    diagnostics.extend(compare_diags);
    stop_on_errors(&diagnostics, config)?;
    corpus.registry = registry.unwrap_or_default();
    let options = render::RenderOptions {
        minify: config.minify,
    };
    let file_count =
        render::render_each(&corpus, &comparison, &theme, options, config.search, sink).map_err(
            |failure| match failure {
                render::Failure::Templates(mut errs) => {
                    errs.extend(diagnostics.iter().cloned());
                    Error::Content(errs)
                }
                render::Failure::Sink(e) => e,
            },
        )?;
    Ok(Built {
        files: Vec::new(),
        file_count,
        warnings: diagnostics,
        corpus,
        comparison,
    })
}

/// Loads, parses and resolves `content` (no theme, no comparison): what commands that read the
/// corpus, such as `acquis diff`, start from. Warnings are returned; errors end the run.
pub fn resolve_content(content: &Path) -> Result<(model::Corpus, Vec<Diagnostic>), Error> {
    resolved(&BuildConfig {
        content: content.to_path_buf(),
        theme: PathBuf::new(),
        out: PathBuf::new(),
        minify: false,
        search: false,
        deny_warnings: false,
    })
    .map(|r| (r.corpus, r.diagnostics))
}

/// Updates the anchor registry (`content/anchors.lock`) after a deliberate change: what
/// `acquis lock` does. Warnings never stop it (the registry is what they are about).
pub fn lock(config: &BuildConfig, withdraw: bool) -> Result<registry::LockOutcome, Error> {
    let lenient = BuildConfig {
        deny_warnings: false,
        ..config.clone()
    };
    let Resolved {
        corpus, registry, ..
    } = resolved(&lenient)?;
    let outcome = registry::lock(&corpus, &registry.unwrap_or_default(), withdraw);
    let text = registry::to_lock_text(&outcome.registry);
    write::write_file(&config.content.join(load::REGISTRY_FILE), text.as_bytes())?;
    Ok(outcome)
}

/// Hands back to the system the memory that the stage just finished freed, on every thread.
///
/// Each stage frees most of what the one before built once it has consumed it (the loaded files
/// after parsing, the parsed blocks after resolving, the citation catalog after linking, the
/// quotation finder's index after comparing), and the next stage allocates things of other
/// sizes. The allocator (mimalloc, set in `main.rs`) keeps freed pages for reuse, so without this
/// the resident set of a large build carries every stage's high-water mark into the next
/// (BENCHMARKS.md, "Where the memory goes"). Under another global allocator it costs nothing:
/// mimalloc's heaps are then empty.
pub fn release_freed_memory() {
    // SAFETY: `mi_collect` only walks the calling thread's own heap and mimalloc's shared
    // segment caches, which it locks; it frees no block that is still in use.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

fn stop_on_errors(diagnostics: &[Diagnostic], config: &BuildConfig) -> Result<(), Error> {
    let stop = diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || config.deny_warnings);
    if stop {
        let mut all = diagnostics.to_vec();
        all.sort_by(|a, b| {
            (&a.location.file, a.location.line, a.location.col).cmp(&(
                &b.location.file,
                b.location.line,
                b.location.col,
            ))
        });
        return Err(Error::Content(all));
    }
    Ok(())
}
