//! The floor of a static site build: reads every version file of a content directory, renders
//! its Markdown with pulldown-cmark and writes one HTML file per version, on 2 threads. Nothing
//! else: no front matter parsing, no anchors, no templates. BENCHMARKS.md compares builds with it.
//!
//! `cargo run --release --example floor -- CONTENT OUT`

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: floor CONTENT OUT");
        std::process::exit(2);
    };
    let files: Vec<PathBuf> = WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("thread pool");
    pool.install(|| {
        files
            .par_iter()
            .for_each(|path| render(path, content, out).expect("render"))
    });
    eprintln!("floor: {} files", files.len());
}

fn render(path: &Path, content: &Path, out: &Path) -> std::io::Result<()> {
    let text = fs::read_to_string(path)?;
    let body = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text.as_str(), |(_, body)| body);
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(
        &mut html_out,
        Parser::new_ext(body, Options::ENABLE_FOOTNOTES),
    );
    let rel = path.strip_prefix(content).unwrap_or(path);
    let target = out.join(rel).with_extension("html");
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(target, html_out)
}
