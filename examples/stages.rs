//! Times each stage of one build: `cargo run --release --example stages -- CONTENT OUT [--minify] [--no-search]`.
//!
//! Prints, per stage, the wall time, the CPU time of all threads, and the resident memory after
//! it (Linux: read from /proc). The pipeline is the one `acquis build` runs, stage by stage, so
//! the figures say where a build's time and memory go (BENCHMARKS.md).

use std::path::PathBuf;
use std::time::Instant;

/// The allocator `acquis` uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(content), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: stages CONTENT OUT [--minify] [--no-search]");
        std::process::exit(2);
    };
    let minify = args.iter().any(|a| a == "--minify");
    let no_search = args.iter().any(|a| a == "--no-search");
    let theme = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let mut clock = Clock::start();
    let loaded = acquis::load::load_content(content.as_ref()).expect("load content");
    let loaded_theme = acquis::load::load_theme(&theme).expect("load theme");
    clock.lap("load");
    let (parsed, diags) = acquis::parse::parse_content(&loaded);
    let parsed = parsed.unwrap_or_else(|| panic!("parse: {diags:?}"));
    drop(loaded);
    acquis::release_freed_memory();
    clock.lap("parse");
    let (mut corpus, _) = acquis::resolve::resolve(parsed);
    acquis::release_freed_memory();
    clock.lap("resolve");
    // The anchor registry, when the content has one (a published site does: `acquis lock`),
    // read and held to the corpus as `acquis build` does; the pages read only its retirements.
    let (lock, _) = acquis::load::load_registry(content.as_ref()).expect("load anchors.lock");
    let registry = lock.map(|f| acquis::parse::registry::parse(&f).expect("parse anchors.lock"));
    let _problems = acquis::registry::check(&corpus, registry.as_ref());
    corpus.registry = registry
        .map(acquis::model::AnchorRegistry::into_retirements)
        .unwrap_or_default();
    acquis::release_freed_memory();
    clock.lap("registry");
    let (comparison, _) = acquis::compare::compare(&corpus);
    acquis::release_freed_memory();
    clock.lap("compare");
    let options = acquis::render::RenderOptions { minify };
    let staged = acquis::write::Staged::new(out.as_ref()).expect("staging directory");
    acquis::render::render_each(
        &corpus,
        &comparison,
        &loaded_theme,
        options,
        !no_search,
        |f| staged.put(&f),
    )
    .expect("render and write");
    staged.finish().expect("swap");
    clock.lap("render+write");
    drop(corpus);
    clock.lap("drop");
    clock.total();
}

/// Wall and CPU time since the last lap and since the start.
struct Clock {
    start: Instant,
    lap: Instant,
    cpu_start: f64,
    cpu_lap: f64,
}

impl Clock {
    fn start() -> Self {
        let cpu = cpu_seconds();
        Clock {
            start: Instant::now(),
            lap: Instant::now(),
            cpu_start: cpu,
            cpu_lap: cpu,
        }
    }

    fn lap(&mut self, stage: &str) {
        let cpu = cpu_seconds();
        print_row(stage, self.lap.elapsed().as_secs_f64(), cpu - self.cpu_lap);
        self.lap = Instant::now();
        self.cpu_lap = cpu;
    }

    fn total(&self) {
        let cpu = cpu_seconds() - self.cpu_start;
        print_row("total", self.start.elapsed().as_secs_f64(), cpu);
        eprintln!("{:>12} {:>8.1} MiB", "peak", status_kib("VmHWM:") / 1024.0);
    }
}

fn print_row(stage: &str, wall: f64, cpu: f64) {
    eprintln!(
        "{stage:>12} {:>8.1} ms wall {:>8.1} ms cpu {:>8.1} MiB resident {:>8.1} MiB peak so far",
        wall * 1e3,
        cpu * 1e3,
        status_kib("VmRSS:") / 1024.0,
        status_kib("VmHWM:") / 1024.0
    );
}

/// User and system time of the whole process (all threads), from /proc/self/stat.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<f64> = after_name
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks = fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0);
    ticks / 100.0
}

/// A `kB` field of /proc/self/status.
fn status_kib(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}
