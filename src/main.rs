//! The `acquis` command line: parses arguments, runs the pipeline, reports diagnostics.

use acquis::{BuildConfig, Error};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Exit status when the content or theme has errors.
const EXIT_CONTENT: u8 = 1;
/// Exit status when the tool itself failed (I/O, unsafe output).
const EXIT_TOOL: u8 = 2;

/// Compile a corpus of official texts (Markdown with YAML front matter) into a cross-linked,
/// static reference website with a permanent anchor on every paragraph.
#[derive(Parser)]
#[command(name = "acquis", version, about, long_about = None)]
#[command(
    after_help = "Exit status: 0 success, 1 errors in the content or theme, 2 the tool failed.\nThe content format is described in content/README.md."
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
            deny_warnings: self.deny_warnings,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let start = Instant::now();
    let (result, verb) = match &cli.command {
        Command::Build(args) => (acquis::build(&args.config()), "built"),
        Command::Check(args) => (acquis::compile(&args.config()), "checked"),
    };
    match result {
        Ok(built) => {
            for w in &built.warnings {
                eprintln!("{w}");
            }
            let docs = built.corpus.documents.len();
            eprintln!(
                "{verb} {docs} documents, {} files in {:.0?}",
                built.files.len(),
                start.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(Error::Content(diags)) => {
            for d in &diags {
                eprintln!("{d}");
            }
            let errors = acquis::diagnostics::error_count(&diags);
            let warnings = diags.len() - errors;
            eprintln!("error: {errors} error(s) and {warnings} warning(s); nothing was written");
            ExitCode::from(EXIT_CONTENT)
        }
        Err(other) => {
            eprintln!("error: {other}");
            ExitCode::from(EXIT_TOOL)
        }
    }
}
