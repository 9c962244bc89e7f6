//! Times incremental rebuilds without the file watcher: `cargo run --release --example edit --
//! CONTENT OUT [EDITS]`. Builds the site once as `acquis serve` does (no search index), then
//! edits one document at a time (a word added to its first numbered paragraph) and prints how
//! long each step of the rebuild took ([`acquis::incremental::Rebuilt::phases`]).
//! `scripts/bench-serve.sh` measures the same edits through the real server, from the file event.

use acquis::incremental::{Change, Session};
use acquis::BuildConfig;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

/// The allocator `acquis` uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(content), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: edit CONTENT OUT [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args
        .get(2)
        .map_or(5, |n| n.parse().expect("EDITS is a number"));
    let config = BuildConfig {
        content: content.into(),
        theme: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        out: out.into(),
        minify: true,
        search: false,
        deny_warnings: false,
    };
    let start = Instant::now();
    let (mut session, _) = Session::start(&config).expect("first build");
    eprintln!(
        "first build: {:.0} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let slugs: Vec<String> = session
        .corpus()
        .documents
        .iter()
        .map(|d| d.slug.clone())
        .collect();
    for i in 1..=edits {
        let at = (i * 7919) % slugs.len();
        let slug = &slugs[at];
        let doc = &session.corpus().documents[at];
        let file = PathBuf::from(content).join(&doc.versions[0].file);
        let text = std::fs::read_to_string(&file).expect("read the version");
        let edited = text.replacen(";\n", &format!(", as edited {i};\n"), 1);
        std::fs::write(&file, edited).expect("write the version");
        let changes = BTreeSet::from([Change::Document(slug.clone())]);
        let rebuilt = session.rebuild(&changes).expect("rebuild");
        println!(
            "edit {i} ({slug}): {:.1} ms, {} of {} files written [{}]",
            rebuilt.elapsed.as_secs_f64() * 1000.0,
            rebuilt.written.len(),
            rebuilt.rendered,
            rebuilt.phases_line()
        );
        for path in &rebuilt.written {
            println!("    wrote {}", path.display());
        }
    }
}
