//! Times the incremental comparison: `cargo run --release --example compare_update -- CONTENT [--check]`.
//!
//! Resolves the corpus in `CONTENT` (say `acquis generate --documents 10000 --seed 1 --out
//! /dev/shm/c10k`), times `compare::compare` and `Comparer::new`, then edits documents on disk
//! as `acquis serve` sees them (each edited document reloaded, parsed and resolved alone, as
//! `incremental.rs` does) and times `Comparer::update` for each edit: one word of one paragraph,
//! a new paragraph of unique words, a paragraph of another document quoting it, a document
//! removed and added back. Every edit is undone at the end. With `--check`, each update is
//! compared with `compare::compare` of the new corpus (a second or so each at 10,000 documents).

use acquis::compare::{self, Comparer};
use acquis::model::{Corpus, Document};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator `acquis` uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(content) = args.first().map(PathBuf::from) else {
        eprintln!("usage: compare_update CONTENT [--check]");
        std::process::exit(2);
    };
    let check = args.iter().any(|a| a == "--check");
    let (mut corpus, _) = acquis::resolve_content(&content).expect("the corpus resolves");
    let n = corpus.documents.len();
    eprintln!("{n} documents");
    let t = Instant::now();
    let (mut comparer, _) = Comparer::new(&corpus);
    eprintln!("Comparer::new     {:>9.1} ms", ms(t));
    let t = Instant::now();
    let (full, _) = compare::compare(&corpus);
    eprintln!("compare::compare  {:>9.1} ms", ms(t));
    drop(full);

    let slug = |i: usize| corpus.documents[i].slug.clone();
    let (x, y) = (slug(n / 2), slug(n / 3));
    let file_of = |slug: &str| {
        let dir = content.join(slug);
        let mut mds: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        mds.sort();
        mds.remove(0)
    };
    let (fx, fy) = (file_of(&x), file_of(&y));
    let (original_x, original_y) = (read(&fx), read(&fy));
    let unique: Vec<String> = (0..30).map(|i| format!("zq{i}x")).collect();
    let passage = unique.join(" ");

    let run = |label: &str, slug: &str, corpus: &mut Corpus, comparer: &mut Comparer| {
        reload(&content, slug, corpus);
        let changed = BTreeSet::from([slug.to_owned()]);
        let t = Instant::now();
        let (_, touched) = comparer.update(corpus, &changed);
        let took = ms(t);
        let quotations = comparer.comparison().quotations.pairs.len();
        eprintln!(
            "update: {label:<42} {took:>7.2} ms  touched {touched:?}, {quotations} quotation pairs"
        );
        if check {
            let (full, _) = compare::compare(corpus);
            assert!(&full == comparer.comparison(), "the update is exact");
        }
    };

    write(&fx, &original_x.replacen("3\\. ", "3\\. Also ", 1));
    run("one word of one paragraph", &x, &mut corpus, &mut comparer);
    write(&fx, &original_x);
    run("the word taken out again", &x, &mut corpus, &mut comparer);
    write(
        &fy,
        &format!("{original_y}\n26\\. The Council notes {passage};\n"),
    );
    run(
        "a paragraph of unique words added",
        &y,
        &mut corpus,
        &mut comparer,
    );
    write(&fx, &format!("{original_x}\n26\\. Quoting: {passage};\n"));
    run(
        "another document quoting it",
        &x,
        &mut corpus,
        &mut comparer,
    );
    write(&fx, &original_x);
    run("the quotation taken out", &x, &mut corpus, &mut comparer);
    let aside = content.with_extension("aside");
    fs::rename(content.join(&x), &aside).unwrap();
    run("a document removed", &x, &mut corpus, &mut comparer);
    fs::rename(&aside, content.join(&x)).unwrap();
    run("the document added back", &x, &mut corpus, &mut comparer);
    write(&fy, &original_y);
    run(
        "the paragraph of unique words taken out",
        &y,
        &mut corpus,
        &mut comparer,
    );
}

/// Replaces the document `slug` of `corpus` by what its folder now holds (or removes it).
fn reload(content: &Path, slug: &str, corpus: &mut Corpus) {
    let (loaded, _) = acquis::load::reload_document(content, slug).unwrap();
    let doc: Option<Document> = loaded.map(|l| {
        let (parsed, diags) = acquis::parse::parse_document(&l);
        let parsed = parsed.unwrap_or_else(|| panic!("{slug}: {diags:?}"));
        acquis::resolve::resolve_document(parsed).0
    });
    let docs = &mut corpus.documents;
    match (docs.binary_search_by(|d| d.slug.as_str().cmp(slug)), doc) {
        (Ok(i), Some(doc)) => docs[i] = doc,
        (Err(i), Some(doc)) => docs.insert(i, doc),
        (Ok(i), None) => {
            docs.remove(i);
        }
        (Err(_), None) => {}
    }
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap()
}

fn write(p: &Path, text: &str) {
    fs::write(p, text).unwrap()
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}
