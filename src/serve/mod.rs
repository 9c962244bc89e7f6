//! `acquis serve`: builds the site, serves it on 127.0.0.1, watches `content/` and the theme,
//! rebuilds what an edit affects ([`crate::incremental`]) and reloads open pages. An edit that
//! does not build is reported in the terminal and over the page, and the last good site stays.
//!
//! One thread owns the [`Session`] and does every rebuild and write; the watcher, the HTTP
//! threads and the search indexer talk to it through one channel.

mod http;
mod live;

use crate::incremental::{Change, Rebuilt, SearchJob, Session};
use crate::render::OutputFile;
use crate::{BuildConfig, Error};
use live::Live;
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the watcher waits for an editor to finish saving before reporting an edit.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// What the rebuild loop hears about.
enum Event {
    /// Files changed (as the watcher names them), and when the watcher reported them.
    Files(Vec<PathBuf>, Instant),
    /// The watcher failed.
    WatchError(String),
    /// A search index finished building.
    Search(Result<Vec<OutputFile>, Error>),
}

/// Builds, serves and rebuilds until the process is stopped.
pub fn serve(config: &BuildConfig, port: u16) -> Result<(), Error> {
    let live = Arc::new(Live::default());
    let (events, inbox) = channel();
    let mut session = start(config, &live);
    let addr = http::start(port, config.out.clone(), Arc::clone(&live))?;
    eprintln!(
        "serving {} at http://{addr}/ — watching {} and {}; Ctrl-C stops",
        config.out.display(),
        config.content.display(),
        config.theme.display()
    );
    let _watcher = watch(config, events.clone())?;
    let indexer = spawn_indexer(events);
    run(config, &mut session, &live, &inbox, &indexer);
    Ok(())
}

/// A full build; on failure the errors are shown and the session starts with the next edit.
fn start(config: &BuildConfig, live: &Live) -> Option<Session> {
    let started = Instant::now();
    match Session::start(config) {
        Ok((session, warnings)) => {
            report_warnings(&warnings);
            eprintln!(
                "built {} documents in {:.0?}",
                session.corpus().documents.len(),
                started.elapsed()
            );
            live.rebuilt(None);
            Some(session)
        }
        Err(e) => {
            failed(&e, live);
            None
        }
    }
}

fn run(
    config: &BuildConfig,
    session: &mut Option<Session>,
    live: &Live,
    inbox: &Receiver<Event>,
    indexer: &Sender<SearchJob>,
) {
    for event in inbox {
        match event {
            Event::Files(paths, when) => match session {
                None => *session = start(config, live),
                Some(s) => rebuild(s, &paths, when, live, indexer),
            },
            Event::Search(Ok(files)) => {
                if let Some(s) = session {
                    match s.apply_search(files) {
                        Ok(r) if !r.written.is_empty() => {
                            eprintln!("search index updated ({} files)", r.written.len())
                        }
                        Ok(_) => {}
                        Err(e) => eprintln!("error: search index not written: {e}"),
                    }
                }
            }
            Event::Search(Err(e)) => eprintln!("error: search index not built: {e}"),
            Event::WatchError(e) => eprintln!("error: watching files: {e}"),
        }
    }
}

fn rebuild(
    session: &mut Session,
    paths: &[PathBuf],
    when: Instant,
    live: &Live,
    indexer: &Sender<SearchJob>,
) {
    let changes = session.classify(paths);
    if changes.is_empty() {
        return;
    }
    match session.rebuild(&changes) {
        Ok(rebuilt) => {
            report(&changes, &rebuilt, when);
            live.rebuilt(None);
            if let Some(job) = session.search_job() {
                let _ = indexer.send(job);
            }
        }
        Err(e) => failed(&e, live),
    }
}

fn report(changes: &BTreeSet<Change>, r: &Rebuilt, when: Instant) {
    report_warnings(&r.warnings);
    let what: Vec<String> = changes
        .iter()
        .map(|c| match c {
            Change::Document(slug) => slug.clone(),
            Change::Theme => "the theme".into(),
            Change::Everything => "everything".into(),
        })
        .collect();
    eprintln!(
        "rebuilt {}: {} of {} files written, {} removed, in {:.1} ms from the watcher's report to the last write (reports wait {} ms for an editor to finish saving; {})",
        what.join(", "),
        r.written.len(),
        r.rendered,
        r.removed.len(),
        when.elapsed().as_secs_f64() * 1000.0,
        DEBOUNCE.as_millis(),
        r.phases_line()
    );
}

fn report_warnings(warnings: &[crate::diagnostics::Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
}

/// Shows why a build failed, in the terminal and in every open page.
fn failed(error: &Error, live: &Live) {
    let text = match error {
        Error::Content(diags) => {
            let errors = crate::diagnostics::error_count(diags);
            let all: String = diags.iter().map(|d| d.to_string()).collect();
            format!("{all}error: {errors} error(s); the site was not changed\n")
        }
        other => format!("error: {other}\n"),
    };
    eprint!("{text}");
    live.rebuilt(Some(text));
}

/// Watches the content and the theme; edits arrive as [`Event::Files`]. Reading a file is not
/// an edit: access events are dropped (the rebuild itself reads the files).
fn watch(
    config: &BuildConfig,
    events: Sender<Event>,
) -> Result<Debouncer<RecommendedWatcher, RecommendedCache>, Error> {
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let event = match result {
            Ok(batch) => {
                let paths: Vec<PathBuf> = batch
                    .into_iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                    .flat_map(|e| e.event.paths)
                    .collect();
                if paths.is_empty() {
                    return;
                }
                Event::Files(paths, Instant::now())
            }
            Err(errors) => Event::WatchError(
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        };
        let _ = events.send(event);
    })
    .map_err(|e| Error::Serve(format!("cannot watch files: {e}")))?;
    for dir in [&config.content, &config.theme] {
        let dir = dir.canonicalize().map_err(|e| Error::Read {
            path: dir.clone(),
            source: e,
        })?;
        debouncer
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(|e| Error::Serve(format!("cannot watch {}: {e}", dir.display())))?;
    }
    Ok(debouncer)
}

/// Builds search indexes one after the other on a thread of its own, skipping to the newest
/// request when several wait. Indexing takes seconds on a large corpus: it runs at the lowest
/// priority, in a pool of its own (Pagefind uses rayon), so that the next edit's rebuild does
/// not wait for it.
fn spawn_indexer(events: Sender<Event>) -> Sender<SearchJob> {
    let (jobs, inbox) = channel::<SearchJob>();
    std::thread::spawn(move || {
        lower_priority();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .start_handler(|_| lower_priority())
            .build();
        while let Ok(mut job) = inbox.recv() {
            while let Ok(newer) = inbox.try_recv() {
                job = newer;
            }
            let result = match &pool {
                Ok(pool) => pool.install(|| job.run()),
                Err(_) => job.run(),
            };
            if events.send(Event::Search(result)).is_err() {
                break;
            }
        }
    });
    jobs
}

/// Gives the calling thread (and the threads it starts) the lowest scheduling priority.
fn lower_priority() {
    #[cfg(unix)]
    // SAFETY: setpriority only reads its arguments; on Linux, `who = 0` with PRIO_PROCESS names
    // the calling thread. A failure leaves the priority as it was, which is harmless.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}
