//! The `acquis` command line: parses arguments, runs the pipeline, reports diagnostics.

use acquis::{BuildConfig, Error};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// mimalloc: the pipeline allocates many small strings on every thread, where it is markedly
/// faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status when the content or theme has errors.
const EXIT_CONTENT: u8 = 1;
/// Exit status when the tool itself failed (I/O, unsafe output).
const EXIT_TOOL: u8 = 2;

/// Compile a corpus of official texts (Markdown with YAML front matter) into a cross-linked,
/// static reference website with a permanent anchor on every paragraph.
#[derive(Parser)]
#[command(name = "acquis", version, about, long_about = None)]
#[command(
    after_help = "Build options (see `acquis build --help`): --content DIR, --theme DIR, --out DIR, --no-minify, --deny-warnings.\nExit status: 0 success, 1 errors in the content or theme, 2 the tool failed.\nThe content format is described in content/README.md."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile CONTENT through THEME into OUT (atomically: a failed build leaves OUT untouched).
    Build(BuildArgs),
    /// Run every stage but writing, report every problem, and exit non-zero on any error.
    Check(BuildArgs),
    /// Update the anchor registry (content/anchors.lock) after a deliberate change: register new
    /// anchors, redirect renumbered ones, and with --withdraw keep a tombstone for each dropped one.
    Lock(LockArgs),
    /// Build, serve the site on 127.0.0.1, rebuild what each edit of CONTENT or THEME affects,
    /// and reload open pages; an edit that does not build shows its errors and keeps the last
    /// good site.
    Serve(ServeArgs),
    /// Draft a version from a plain-text extract: drops page furniture, joins wrapped lines,
    /// starts a paragraph at every official number; prints Markdown with front matter.
    Import(ImportArgs),
    /// Resolve one citation ("MC(8).DEC/1 para 9", "Action Plan V.3.1", "Moscow Document 40.7"):
    /// prints the canonical citation, the URL and the text; exits 1 with the closest candidates
    /// when it does not resolve.
    Resolve(ResolveArgs),
    /// Write a synthetic corpus of N documents for benchmarks (and, with --hugo, the same texts
    /// as a Hugo site); the same N and seed always give the same files.
    Generate(GenerateArgs),
    /// Print the word diff of two versions (`slug/version`, or `slug` for the main one) or of two
    /// paragraphs (`slug[/version]#anchor`), with [-deleted-] and {+inserted+} words; coloured
    /// when the output is a terminal.
    Diff(DiffArgs),
}

#[derive(Args)]
struct ResolveArgs {
    /// The citation, as a text writes it.
    citation: String,
    /// The content directory.
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
}

#[derive(Args)]
struct DiffArgs {
    /// The first text, e.g. mc-8-dec-1/compilation or mc-8-dec-1/issued#5.
    first: String,
    /// The second text, e.g. mc-8-dec-1/issued or mc-dec-2-03#annex.III.2.7.
    second: String,
    /// The content directory.
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
}

/// Prints what a citation resolves to; the exit status says whether it did.
fn resolve(args: &ResolveArgs) -> ExitCode {
    let corpus = match acquis::resolve_content(&args.content) {
        Ok((corpus, _)) => corpus,
        Err(err) => return report_failure(err),
    };
    let catalog = acquis::cite::Catalog::of(&corpus);
    match catalog.lookup(&args.citation) {
        Ok(answer) => {
            println!("{}", answer.citation);
            match answer.target.url() {
                Some(url) => println!("{}/{url}", corpus.site.base_url.trim_end_matches('/')),
                None => println!("(outside the OSCE: no page in this corpus)"),
            }
            println!("{}", answer.text);
            ExitCode::SUCCESS
        }
        Err(nf) => {
            eprintln!("error: {}", nf.message);
            for c in &nf.candidates {
                eprintln!("  closest: {c}");
            }
            ExitCode::from(EXIT_CONTENT)
        }
    }
}

/// Prints the diagnostics of a failed run; the exit status says whose fault it was.
fn report_failure(err: Error) -> ExitCode {
    match err {
        Error::Content(diags) => {
            for d in &diags {
                eprintln!("{d}");
            }
            let errors = acquis::diagnostics::error_count(&diags);
            let warnings = diags.len() - errors;
            eprintln!("error: {errors} error(s) and {warnings} warning(s); nothing was written");
            ExitCode::from(EXIT_CONTENT)
        }
        other => {
            eprintln!("error: {other}");
            ExitCode::from(EXIT_TOOL)
        }
    }
}

/// Lists the unresolved citations `citations.yaml` accepts, each with its reason.
fn list_accepted(corpus: &acquis::model::Corpus) {
    let accepted = &corpus.citations.accepted;
    if accepted.is_empty() {
        return;
    }
    eprintln!(
        "note: {} citation problem(s) accepted in citations.yaml:",
        accepted.len()
    );
    for a in accepted {
        let l = &a.location;
        eprintln!(
            "  {}:{}:{} `{}`: {}",
            l.file.display(),
            l.line,
            l.col,
            a.text,
            a.reason
        );
    }
}

/// Why `acquis diff` printed no diff.
enum DiffFailure {
    Content(Error),
    Usage(String),
}

fn diff(args: &DiffArgs) -> Result<String, DiffFailure> {
    use acquis::compare::reference::{parse, ReferenceError};
    use acquis::render::terminal::{self, Text};
    let usage = |e: ReferenceError| DiffFailure::Usage(e.to_string());
    let (corpus, _warnings) =
        acquis::resolve_content(&args.content).map_err(DiffFailure::Content)?;
    let (ra, rb) = (
        parse(&args.first).map_err(usage)?,
        parse(&args.second).map_err(usage)?,
    );
    let (ta, tb) = (
        ra.find(&corpus).map_err(usage)?,
        rb.find(&corpus).map_err(usage)?,
    );
    let a = Text {
        name: &args.first,
        doc: ta.document,
        version: ta.version,
    };
    let b = Text {
        name: &args.second,
        doc: tb.document,
        version: tb.version,
    };
    match (&ra.anchor, &rb.anchor) {
        (None, None) => {
            let rows = acquis::compare::align_versions(a.doc, a.version, b.doc, b.version);
            Ok(terminal::versions(a, b, &rows))
        }
        (Some(x), Some(y)) => {
            let ua = unit(a, &ra.slug, x).map_err(usage)?;
            let ub = unit(b, &rb.slug, y).map_err(usage)?;
            Ok(terminal::paragraphs(a, &ua, b, &ub))
        }
        _ => Err(DiffFailure::Usage(
            "compare two versions (slug/version) or two paragraphs (slug/version#anchor), not one of each".into(),
        )),
    }
}

/// The paragraph or heading `anchor` of `text`.
fn unit(
    text: acquis::render::terminal::Text<'_>,
    slug: &str,
    anchor: &str,
) -> Result<acquis::compare::tokens::Unit, acquis::compare::reference::ReferenceError> {
    acquis::compare::tokens::units(text.version, text.doc.meta.cite_name())
        .into_iter()
        .find(|u| u.reference.anchor == anchor)
        .ok_or_else(|| acquis::compare::reference::ReferenceError::NoAnchor {
            slug: slug.to_owned(),
            version: text.version.meta.id.clone(),
            anchor: anchor.to_owned(),
        })
}

#[derive(Args)]
struct LockArgs {
    /// The content directory (site.yaml, one folder per document, anchors.lock).
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// Record every registered anchor that is neither published nor redirected as withdrawn,
    /// with a tombstone keeping what it was.
    #[arg(long)]
    withdraw: bool,
}

/// Runs `acquis lock` and reports what changed in the registry.
fn lock(args: &LockArgs) -> ExitCode {
    let config = BuildConfig {
        content: args.content.clone(),
        theme: PathBuf::new(),
        out: PathBuf::new(),
        minify: false,
        search: false,
        deny_warnings: false,
    };
    let outcome = match acquis::lock(&config, args.withdraw) {
        Ok(o) => o,
        Err(e) => return report_failure(e),
    };
    for m in &outcome.moved {
        eprintln!("moved: {m}");
    }
    for w in &outcome.withdrawn {
        eprintln!("withdrawn: {w}");
    }
    let pages: usize = outcome
        .registry
        .documents
        .values()
        .map(|d| d.pages.len())
        .sum();
    let anchors: usize = outcome
        .registry
        .documents
        .values()
        .flat_map(|d| d.pages.values())
        .map(|p| p.anchors.len())
        .sum();
    eprintln!(
        "locked {anchors} anchors on {pages} pages ({} new, {} moved, {} withdrawn) in {}",
        outcome.added,
        outcome.moved.len(),
        outcome.withdrawn.len(),
        args.content.join(acquis::load::REGISTRY_FILE).display()
    );
    if outcome.undecided.is_empty() {
        return ExitCode::SUCCESS;
    }
    for u in &outcome.undecided {
        eprintln!(
            "error: `{u}` is no longer published and the registry does not say where it went"
        );
    }
    eprintln!("  = help: restore these anchors, add `moved:` entries for them in content/anchors.lock, or run `acquis lock --withdraw` to keep a tombstone for each");
    ExitCode::from(EXIT_CONTENT)
}

#[derive(Args)]
struct GenerateArgs {
    /// How many documents.
    #[arg(long, value_name = "N")]
    documents: usize,
    /// The content directory to write (replaced as a whole).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Also write the same texts as a Hugo site into DIR (replaced as a whole).
    #[arg(long, value_name = "DIR")]
    hugo: Option<PathBuf>,
    /// The seed of every choice of words, dates and citations.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn generate(args: &GenerateArgs) -> Result<(), Error> {
    let spec = acquis::generate::Spec {
        documents: args.documents,
        seed: args.seed,
    };
    acquis::write::write_site(&acquis::generate::corpus(spec), &args.out)?;
    if let Some(hugo) = &args.hugo {
        acquis::write::write_site(&acquis::generate::hugo_site(spec), hugo)?;
    }
    Ok(())
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    build: BuildArgs,
    /// The port on 127.0.0.1 to serve on (0: any free port).
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

#[derive(Args)]
struct ImportArgs {
    /// The plain-text source (e.g. content/sources/000_49dceb56fba1f8d2.txt).
    source: PathBuf,
    /// The 1-based inclusive line range to import, e.g. 1198-1272.
    #[arg(long, value_name = "FIRST-LAST", value_parser = parse_range)]
    lines: (usize, usize),
    /// The source's furniture file [default: the source's path with .yaml, if it exists].
    #[arg(long, value_name = "FILE")]
    furniture: Option<PathBuf>,
    /// The version id to write in the front matter.
    #[arg(long, default_value = "issued")]
    id: String,
}

fn parse_range(s: &str) -> Result<(usize, usize), String> {
    let (a, b) = s
        .split_once('-')
        .ok_or("write the range as FIRST-LAST, e.g. 10-148")?;
    let a: usize = a
        .trim()
        .parse()
        .map_err(|_| format!("`{a}` is not a line number"))?;
    let b: usize = b
        .trim()
        .parse()
        .map_err(|_| format!("`{b}` is not a line number"))?;
    if a == 0 || b < a {
        return Err("lines are 1-based and FIRST must not exceed LAST".into());
    }
    Ok((a, b))
}

fn import(args: &ImportArgs) -> Result<String, String> {
    let source = std::fs::read_to_string(&args.source)
        .map_err(|e| format!("cannot read {}: {e}", args.source.display()))?;
    let furniture_path = args
        .furniture
        .clone()
        .unwrap_or_else(|| args.source.with_extension("yaml"));
    let spec = if furniture_path.exists() {
        let yaml = std::fs::read_to_string(&furniture_path)
            .map_err(|e| format!("cannot read {}: {e}", furniture_path.display()))?;
        acquis::parse::frontmatter::parse(&yaml, &furniture_path, 1, &yaml)
            .map_err(|d| d.to_string())?
    } else {
        acquis::model::SourceFurniture::default()
    };
    let furniture = acquis::fidelity::Furniture::new(&spec)
        .map_err(|e| format!("{}: {e}", furniture_path.display()))?;
    let file_name = args
        .source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let req = acquis::import::ImportRequest {
        source: &source,
        file_name: &file_name,
        lines: args.lines,
        furniture: &furniture,
        version_id: &args.id,
    };
    Ok(acquis::import::draft(&req))
}

#[derive(Args)]
struct BuildArgs {
    /// The content directory (site.yaml, one folder per document).
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// The theme directory (templates/ and static/).
    #[arg(long, value_name = "DIR", default_value = "themes/default")]
    theme: PathBuf,
    /// The output directory, replaced as a whole on success.
    #[arg(long, value_name = "DIR", default_value = "site")]
    out: PathBuf,
    /// Write readable HTML instead of minified HTML (for debugging and validators).
    #[arg(long)]
    no_minify: bool,
    /// Leave out the search index (Pagefind), the costliest output (BENCHMARKS.md).
    #[arg(long)]
    no_search: bool,
    /// Treat warnings as errors (for CI).
    #[arg(long)]
    deny_warnings: bool,
}

impl BuildArgs {
    fn config(&self) -> BuildConfig {
        BuildConfig {
            content: self.content.clone(),
            theme: self.theme.clone(),
            out: self.out.clone(),
            minify: !self.no_minify,
            search: !self.no_search,
            deny_warnings: self.deny_warnings,
        }
    }
}

/// A panic is a bug in acquis, never a problem in the content: say so, with the tool-failure
/// status, instead of Rust's default exit code.
fn report_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default(info);
        eprintln!("error: acquis failed inside (a bug, not a problem in your content); please report it with the input that caused it");
        std::process::exit(EXIT_TOOL.into());
    }));
}

fn main() -> ExitCode {
    report_panics();
    let cli = Cli::parse();
    let start = Instant::now();
    let (result, verb) = match &cli.command {
        Command::Build(args) => (acquis::build(&args.config()), "built"),
        Command::Check(args) => (acquis::compile(&args.config()), "checked"),
        Command::Lock(args) => return lock(args),
        Command::Resolve(args) => return resolve(args),
        Command::Generate(args) => {
            return match generate(args) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(EXIT_TOOL)
                }
            };
        }
        Command::Diff(args) => {
            return match diff(args) {
                Ok(text) => {
                    use std::io::Write;
                    let mut out = anstream::stdout();
                    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                        Ok(()) => ExitCode::SUCCESS,
                        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                        Err(e) => {
                            eprintln!("error: cannot write the diff: {e}");
                            ExitCode::from(EXIT_TOOL)
                        }
                    }
                }
                Err(DiffFailure::Content(Error::Content(diags))) => {
                    for d in &diags {
                        eprintln!("{d}");
                    }
                    eprintln!("error: the content has errors; fix them to compare its texts");
                    ExitCode::from(EXIT_CONTENT)
                }
                Err(DiffFailure::Content(other)) => {
                    eprintln!("error: {other}");
                    ExitCode::from(EXIT_TOOL)
                }
                Err(DiffFailure::Usage(message)) => {
                    eprintln!("error: {message}");
                    ExitCode::from(EXIT_TOOL)
                }
            };
        }
        Command::Serve(args) => {
            return match acquis::serve::serve(&args.build.config(), args.port) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(EXIT_TOOL)
                }
            };
        }
        Command::Import(args) => {
            return match import(args) {
                Ok(markdown) => {
                    print!("{markdown}");
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(EXIT_TOOL)
                }
            };
        }
    };
    match result {
        Ok(built) => {
            for w in &built.warnings {
                eprintln!("{w}");
            }
            list_accepted(&built.corpus);
            let docs = built.corpus.documents.len();
            eprintln!(
                "{verb} {docs} documents, {} files in {:.0?}",
                built.file_count,
                start.elapsed()
            );
            // The process ends here: the OS takes the corpus back faster than freeing it
            // piece by piece would (a tenth of a second at 10,000 documents).
            std::mem::forget(built);
            ExitCode::SUCCESS
        }
        Err(err) => report_failure(err),
    }
}
