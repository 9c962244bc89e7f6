//! `acquis serve` and the incremental rebuild under it: an edit rewrites only what depends on
//! it, with the bytes a full build gives; a broken edit changes nothing and is reported; the
//! served page changes after an edit of a temporary copy of the fixture corpus.

mod common;

use acquis::incremental::{Change, Session};
use acquis::{BuildConfig, Error};
use common::*;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Edited {
    copy: Copy,
    theme: PathBuf,
    out: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Edited {
    fn new() -> Self {
        Edited::of("basic")
    }

    /// A temporary copy of the fixture corpus `name`, its theme and an output directory.
    fn of(name: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let theme = tmp.path().join("theme");
        copy_dir(&common::theme(), &theme);
        Edited {
            copy: copy_of(name),
            theme,
            out: tmp.path().join("site"),
            _tmp: tmp,
        }
    }

    fn config(&self, out: &Path) -> BuildConfig {
        BuildConfig {
            search: true,
            content: self.copy.content.clone(),
            theme: self.theme.clone(),
            out: out.to_path_buf(),
            minify: true,
            deny_warnings: false,
        }
    }

    fn start(&self) -> Session {
        Session::start(&self.config(&self.out))
            .unwrap_or_else(|e| panic!("{e}"))
            .0
    }

    /// The site a full build of the content as it now stands writes.
    fn full_build(&self) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        acquis::build(&self.config(&out)).unwrap_or_else(|e| panic!("{e}"));
        tree(&out)
    }

    /// Rebuilds after an edit of `file` (in `content/`), search index included; the files
    /// written.
    fn rebuild(&self, session: &mut Session, file: &str) -> Vec<String> {
        let c = changes(session, &[self.copy.content.join(file)]);
        session
            .rebuild_with_search(&c)
            .unwrap()
            .written
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect()
    }

    fn assert_same_as_full_build(&self) {
        let incremental = tree(&self.out);
        let full = self.full_build();
        let paths = |t: &std::collections::BTreeMap<PathBuf, Vec<u8>>| {
            t.keys().cloned().collect::<Vec<_>>()
        };
        assert_eq!(paths(&incremental), paths(&full), "the same files");
        for (path, bytes) in &full {
            assert!(
                &incremental[path] == bytes,
                "{} differs from a full build",
                path.display()
            );
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

fn changes(session: &Session, paths: &[PathBuf]) -> BTreeSet<Change> {
    session.classify(paths)
}

#[test]
fn an_edit_rewrites_only_what_depends_on_its_document_with_the_bytes_of_a_full_build() {
    let e = Edited::new();
    let mut session = e.start();
    e.copy.edit(
        "mc-x-1/compilation.md",
        "(a) Assist participating States;",
        "(a) Assist participating States promptly;",
    );
    let edited = e.copy.content.join("mc-x-1/compilation.md");
    let c = changes(&session, &[edited]);
    assert_eq!(c, BTreeSet::from([Change::Document("mc-x-1".into())]));
    let rebuilt = session.rebuild_with_search(&c).unwrap();
    let written: Vec<String> = rebuilt
        .written
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    for page in [
        "mc-x-1/index.html",
        "mc-x-1/compilation/index.html",
        "mc-x-1/compilation/source/index.html",
        "data/mc-x-1/compilation.json",
        "data/mc-x-1/compilation.akn.xml",
    ] {
        assert!(written.contains(&page.to_owned()), "{page} in {written:?}");
    }
    assert!(
        written.iter().any(|p| p.starts_with("pagefind/")),
        "the search index follows: {written:?}"
    );
    for untouched in [
        "exampleton-document-1990",
        "data/exampleton-document-1990",
        "mc-x-1/issued",
        "assets",
        "documents",
    ] {
        assert!(
            !written.iter().any(|p| p.starts_with(untouched)),
            "{untouched} was not rewritten: {written:?}"
        );
    }
    assert!(
        rebuilt.removed.iter().all(|p| p.starts_with("pagefind")),
        "only replaced index chunks go: {:?}",
        rebuilt.removed
    );
    e.assert_same_as_full_build();
}

#[test]
fn an_edit_that_ends_a_quotation_rewrites_the_quoted_document_too() {
    let e = Edited::of("versions");
    let mut session = e.start();
    let quoted = "pc-v-1/original/quotations/index.html";
    let page = std::fs::read_to_string(e.out.join(quoted)).unwrap();
    assert!(
        page.contains("mc-v-2/issued/#1"),
        "the fixture quotes pc-v-1: {page}"
    );
    e.copy.edit(
        "mc-v-2/issued.md",
        "1\\. Encourages the participating States to exchange information on best practices in combating\nexamples, in particular through regular meetings of experts and of national co-ordinators;",
        "1\\. Notes the report of the Chairmanship.",
    );
    let c = changes(&session, &[e.copy.content.join("mc-v-2/issued.md")]);
    assert_eq!(c, BTreeSet::from([Change::Document("mc-v-2".into())]));
    let rebuilt = session.rebuild_with_search(&c).unwrap();
    assert!(
        rebuilt
            .written
            .contains(&PathBuf::from("pc-v-1/original/index.html")),
        "the quoted paragraph no longer lists the quotation: {:?}",
        rebuilt.written
    );
    assert!(
        rebuilt.written.contains(&PathBuf::from(quoted)),
        "{:?}",
        rebuilt.written
    );
    let page = std::fs::read_to_string(e.out.join(quoted)).unwrap();
    assert!(!page.contains("mc-v-2/issued/#1"), "{page}");
    assert!(page.contains("mc-v-2/issued/#recalling-that-the-permanent"));
    e.assert_same_as_full_build();
}

#[test]
fn adding_and_removing_documents_and_versions_matches_a_full_build() {
    let e = Edited::new();
    let mut session = e.start();
    let folder = e.copy.content.join("pc-x-10");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("document.yaml"),
        "symbol: PC.X/10\ntitle: Decision on a Second Unit\nkind: decision\nbody: Permanent Council\ndate: 2004-07-01\nstatus: politically binding decision\ndescription: Added while serving.\n",
    )
    .unwrap();
    let c = changes(&session, &[folder.join("document.yaml")]);
    assert_eq!(c, BTreeSet::from([Change::Document("pc-x-10".into())]));
    let rebuilt = session.rebuild_with_search(&c).unwrap();
    assert!(rebuilt
        .written
        .contains(&PathBuf::from("pc-x-10/index.html")));
    assert!(rebuilt
        .written
        .contains(&PathBuf::from("documents/index.html")));
    e.assert_same_as_full_build();

    // A version whose anchors were published may go only with tombstones (anchors.lock): the
    // rebuild refuses until `acquis lock --withdraw`, then its page answers for its anchors.
    let issued = e.copy.content.join("mc-x-1/issued.md");
    std::fs::remove_file(&issued).unwrap();
    let refused = session.rebuild_with_search(&changes(&session, std::slice::from_ref(&issued)));
    assert!(matches!(refused, Err(Error::Content(_))), "{refused:?}");
    acquis::lock(&e.config(&e.out), true).unwrap_or_else(|e| panic!("{e}"));
    let lock_file = e.copy.content.join("anchors.lock");
    let rebuilt = session
        .rebuild_with_search(&changes(&session, &[issued, lock_file]))
        .unwrap();
    assert!(rebuilt
        .written
        .contains(&PathBuf::from("mc-x-1/issued/index.html")));
    assert!(!e.out.join("mc-x-1/issued/source").exists());
    e.assert_same_as_full_build();

    std::fs::remove_dir_all(&folder).unwrap();
    let rebuilt = session
        .rebuild_with_search(&changes(&session, &[folder]))
        .unwrap();
    assert!(rebuilt
        .removed
        .contains(&PathBuf::from("pc-x-10/index.html")));
    e.assert_same_as_full_build();
}

/// A declaration of the basic fixture whose last paragraph prints the words of MC.X/1, Annex,
/// III.2.7 under that number; `quotes` is its front matter's `quotes:` line, if any.
fn quoting_declaration(quotes: &str) -> String {
    format!(
        "---\nid: declaration\nlabel: Declaration as adopted\nwitness: as-issued\ndate: 2004-07-01\nsource:\n  file: 902_fixture_declaration.txt\n  lines: [[1, 20]]\n{quotes}---\n\n# DECLARATION OF THE EXAMPLE ASSEMBLY\n\n1\\. Recalling the decision of last year,\n\n> III.2.7 Encouraging law enforcement authorities to co-operate with one another.\n"
    )
}

#[test]
fn an_edit_that_starts_a_quotation_checks_it_against_the_quoted_words() {
    // The linker keeps the words of quoted pages only: an edit that makes a page quoted must
    // give the linker its words, or the quotation's number would be reported as wrong.
    let e = Edited::new();
    e.copy.edit(
        "mc-x-1/document.yaml",
        "canonical: compilation",
        "canonical: compilation\nparts:\n  annex:\n    - Action Plan to Combat Examples",
    );
    let dir = e.copy.content.join("pa-x-2");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("document.yaml"),
        "symbol: PA.X/2\ntitle: Declaration of the Example Assembly\nkind: declaration\nbody: Parliamentary Assembly\nplace: Exampleton\ndate: 2004-07-01\nstatus: recommendation\ndescription: Quotes the Action Plan.\ncanonical: declaration\n",
    )
    .unwrap();
    let declaration = dir.join("declaration.md");
    std::fs::write(&declaration, quoting_declaration("")).unwrap();
    acquis::lock(&e.config(&e.out), false).unwrap_or_else(|e| panic!("{e}"));
    let mut session = e.start();
    let page = e.out.join("pa-x-2/index.html");
    let quotes_link = "title=\"Quotes MC.X/1, Annex, III.2.7\"";
    assert!(!std::fs::read_to_string(&page)
        .unwrap()
        .contains(quotes_link));

    let quotes = "quotes: Action Plan to Combat Examples\n";
    std::fs::write(&declaration, quoting_declaration(quotes)).unwrap();
    let c = changes(&session, std::slice::from_ref(&declaration));
    let rebuilt = session.rebuild_with_search(&c).unwrap();
    assert!(
        rebuilt
            .warnings
            .iter()
            .all(|d| !d.message.contains("not those of")),
        "{:?}",
        rebuilt.warnings
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains(quotes_link), "{html}");
    e.assert_same_as_full_build();

    // And back: the page is no longer quoted, and the rebuild still matches a full build.
    std::fs::write(&declaration, quoting_declaration("")).unwrap();
    let rebuilt = session.rebuild_with_search(&changes(&session, &[declaration]));
    assert!(rebuilt.is_ok(), "{rebuilt:?}");
    assert!(!std::fs::read_to_string(&page)
        .unwrap()
        .contains(quotes_link));
    e.assert_same_as_full_build();
}

#[test]
fn theme_and_site_edits_rebuild_what_they_touch_and_match_a_full_build() {
    let e = Edited::new();
    let mut session = e.start();
    let base = e.theme.join("templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        text.replace("Built with acquis", "Compiled by acquis"),
    )
    .unwrap();
    let c = changes(&session, &[base]);
    assert_eq!(c, BTreeSet::from([Change::Theme]));
    let rebuilt = session.rebuild_with_search(&c).unwrap();
    assert!(rebuilt.written.contains(&PathBuf::from("index.html")));
    assert!(
        !rebuilt.written.iter().any(|p| {
            let p = p.to_string_lossy();
            p.ends_with(".json") || p.ends_with(".xml") || p.starts_with("pagefind")
        }),
        "a template changes no data: {:?}",
        rebuilt.written
    );
    e.assert_same_as_full_build();

    e.copy.edit(
        "site.yaml",
        "title: Example Commitments",
        "title: Example Commitments, Revised",
    );
    let c = changes(&session, &[e.copy.content.join("site.yaml")]);
    assert_eq!(c, BTreeSet::from([Change::Everything]));
    session.rebuild_with_search(&c).unwrap();
    e.assert_same_as_full_build();
    let sources = e.copy.content.join("sources/notes.txt");
    assert!(
        changes(&session, &[sources]).is_empty(),
        "sources are not built"
    );
}

#[test]
fn a_broken_edit_changes_nothing_and_the_fix_rebuilds_it() {
    let e = Edited::new();
    let mut session = e.start();
    let before = tree(&e.out);
    e.copy.edit(
        "mc-x-1/issued.md",
        "Establishes an assistance mechanism.",
        "Establishes an {~~assistance mechanism.",
    );
    let path = e.copy.content.join("mc-x-1/issued.md");
    let c = changes(&session, std::slice::from_ref(&path));
    match session.rebuild(&c) {
        Err(Error::Content(diags)) => {
            let text = show(&diags);
            assert!(text.contains("mc-x-1/issued.md"), "{text}");
            assert!(text.contains("not closed"), "{text}");
        }
        other => panic!("expected content errors, got {other:?}"),
    }
    assert_eq!(tree(&e.out), before, "the last good site stays");
    e.copy.edit(
        "mc-x-1/issued.md",
        "Establishes an {~~assistance mechanism.",
        "Establishes a mechanism.",
    );
    session.rebuild_with_search(&c).unwrap();
    assert!(
        std::fs::read_to_string(e.out.join("mc-x-1/issued/index.html"))
            .unwrap()
            .contains("Establishes a mechanism.")
    );
    e.assert_same_as_full_build();
}

#[test]
fn an_edit_that_drops_a_registered_anchor_changes_nothing_until_the_registry_says_where_it_went() {
    let e = Edited::new();
    let mut session = e.start();
    let before = tree(&e.out);
    e.copy.edit(
        "mc-x-1/compilation.md",
        "4. Decides to review",
        "5\\. Decides to review",
    );
    let path = e.copy.content.join("mc-x-1/compilation.md");
    let c = changes(&session, std::slice::from_ref(&path));
    match session.rebuild(&c) {
        Err(Error::Content(diags)) => {
            let text = show(&diags);
            assert!(
                text.contains("registered anchor `mc-x-1/compilation/#4`"),
                "{text}"
            );
        }
        other => panic!("expected the registry to refuse the edit, got {other:?}"),
    }
    assert_eq!(tree(&e.out), before, "the last good site stays");
    acquis::lock(&e.config(&e.out), false).unwrap_or_else(|e| panic!("{e}"));
    let lock_file = e.copy.content.join("anchors.lock");
    let c = changes(&session, &[lock_file]);
    assert_eq!(c, BTreeSet::from([Change::Everything]));
    session.rebuild_with_search(&c).unwrap();
    let page = std::fs::read_to_string(e.out.join("mc-x-1/compilation/index.html")).unwrap();
    assert!(
        page.contains("<span class=alias data-alias-of=5 id=4></span>"),
        "the old #4 lands on #5"
    );
    e.assert_same_as_full_build();
}

// ---------------------------------------------------------------------------------------------
// The command

/// `acquis serve` on a free port of 127.0.0.1, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    log: std::sync::mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(content: &Path, out: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_acquis"))
            .arg("serve")
            .arg("--content")
            .arg(content)
            .arg("--theme")
            .arg(theme())
            .arg("--out")
            .arg(out)
            .args(["--port", "0"])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, log) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            log,
        };
        let line = server.wait_for_line("serving ");
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in `{line}`"));
        server.port = port;
        server
    }

    fn wait_for_line(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            match self.log.recv_timeout(Duration::from_millis(200)) {
                Ok(line) if line.contains(needle) => return line,
                Ok(line) => seen.push(line),
                Err(_) => {}
            }
        }
        panic!(
            "no `{needle}` from acquis serve; it said:\n{}",
            seen.join("\n")
        );
    }

    /// GET `path` from the server: status and body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default();
        (status, body)
    }

    /// GETs `path` until its body satisfies `ok`, for at most 30 seconds.
    fn get_until(&self, path: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let (_, body) = self.get(path);
            if ok(&body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never changed; last body:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[test]
fn serve_shows_an_edit_reloads_pages_and_reports_a_broken_edit_in_the_browser() {
    let copy = copy_fixture();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let server = Server::start(&copy.content, &out);

    let (status, page) = server.get("/mc-x-1/issued/");
    assert_eq!(status, 200);
    assert!(page.contains("Establishes an assistance mechanism."));
    assert!(
        page.contains("<script src=\"/_acquis/live.js\""),
        "the reload script is added to served pages"
    );
    let on_disk = std::fs::read_to_string(out.join("mc-x-1/issued/index.html")).unwrap();
    assert!(
        !on_disk.contains("_acquis"),
        "but never written into the site"
    );
    assert_eq!(
        server.get("/mc-x-1/issued").0,
        301,
        "folders get their slash"
    );
    assert_eq!(server.get("/../../etc/passwd").0, 404);
    let (_, script) = server.get("/_acquis/live.js");
    assert!(script.contains("location.reload()"));
    let state: serde_json::Value = serde_json::from_str(&server.get("/_acquis/poll").1).unwrap();
    let generation = state["generation"].as_u64().unwrap();
    assert!(state["error"].is_null());

    copy.edit(
        "mc-x-1/issued.md",
        "Establishes an assistance mechanism.",
        "Establishes an assistance mechanism at once.",
    );
    server.get_until("/mc-x-1/issued/", |b| b.contains("mechanism at once."));
    server.wait_for_line("rebuilt mc-x-1");
    let waited: serde_json::Value =
        serde_json::from_str(&server.get(&format!("/_acquis/poll?since={generation}")).1).unwrap();
    assert!(
        waited["generation"].as_u64().unwrap() > generation,
        "pages are told to reload"
    );

    copy.edit("mc-x-1/issued.md", "at once.", "at {~~once.");
    let broken = server.get_until("/_acquis/poll", |b| b.contains("\"error\":\"error"));
    assert!(broken.contains("mc-x-1/issued.md"), "{broken}");
    server.wait_for_line("not closed");
    let (_, page) = server.get("/mc-x-1/issued/");
    assert!(
        page.contains("mechanism at once."),
        "the last good site is served"
    );

    copy.edit("mc-x-1/issued.md", "at {~~once.", "today.");
    server.get_until("/mc-x-1/issued/", |b| b.contains("mechanism today."));
    // The page is written a moment before the error is cleared: wait for the state, not race it.
    let fixed = server.get_until("/_acquis/poll", |b| b.contains("\"error\":null"));
    let fixed: serde_json::Value = serde_json::from_str(&fixed).unwrap();
    assert!(fixed["error"].is_null());
}

#[test]
fn edits_of_metadata_notes_and_the_example_paragraph_reach_the_corpus_pages() {
    let e = Edited::new();
    let mut session = e.start();
    let written = |session: &mut Session, file: &str| e.rebuild(session, file);

    e.copy.edit(
        "mc-x-1/compilation.md",
        "(b) Ensure co-ordination;",
        "(b) Ensure close co-ordination;",
    );
    let w = written(&mut session, "mc-x-1/compilation.md");
    for corpus_page in [
        "index.html",
        "documents/index.html",
        "notes/index.html",
        "feed.xml",
    ] {
        assert!(
            !w.contains(&corpus_page.to_owned()),
            "{corpus_page} untouched: {w:?}"
        );
    }
    e.assert_same_as_full_build();

    e.copy.edit(
        "exampleton-document-1990/document.yaml",
        "title: Document of the Exampleton Meeting",
        "title: Concluding Document of the Exampleton Meeting",
    );
    let w = written(&mut session, "exampleton-document-1990/document.yaml");
    assert!(w.contains(&"documents/index.html".to_owned()), "{w:?}");
    assert!(w.contains(&"feed.xml".to_owned()), "{w:?}");
    e.assert_same_as_full_build();

    e.copy.edit(
        "mc-x-1/compilation.md",
        "encoding damage in the compilation",
        "encoding damage",
    );
    let w = written(&mut session, "mc-x-1/compilation.md");
    assert!(w.contains(&"notes/index.html".to_owned()), "{w:?}");
    e.assert_same_as_full_build();

    e.copy.edit(
        "mc-x-1/compilation.md",
        "Adopting legislative measures to criminalize examples;",
        "Adopting legislative measures to criminalize all examples;",
    );
    let w = written(&mut session, "mc-x-1/compilation.md");
    assert!(
        w.contains(&"index.html".to_owned()),
        "the home page example: {w:?}"
    );
    e.assert_same_as_full_build();
}

#[test]
fn an_edit_that_starts_or_stops_citing_a_document_rewrites_its_cited_by_lists_and_the_timeline() {
    let e = Edited::new();
    let mut session = e.start();
    let written = |session: &mut Session, file: &str| e.rebuild(session, file);
    let cited_page = "exampleton-document-1990/index.html";
    let citations_from_mc_x_1 = |e: &Edited| {
        let page = std::fs::read_to_string(e.out.join(cited_page)).unwrap();
        page.matches("mc-x-1/#").count()
    };
    let before = citations_from_mc_x_1(&e);

    // A citation of a paragraph of another document: that document's cited-by lists, and the
    // timeline's relations, change with it.
    e.copy.edit(
        "mc-x-1/compilation.md",
        "(a) Assist participating States;",
        "(a) Assist participating States, as paragraph 40.1 of the Exampleton Document asks;",
    );
    let w = written(&mut session, "mc-x-1/compilation.md");
    assert!(w.contains(&cited_page.to_owned()), "{w:?}");
    assert!(w.contains(&"timeline/index.html".to_owned()), "{w:?}");
    assert!(
        citations_from_mc_x_1(&e) > before,
        "cited by the edited paragraph"
    );
    e.assert_same_as_full_build();

    // The words of the cited paragraph change: the citing document is linked again (a citation
    // that quotes a paragraph is checked against its words), and nothing else is.
    e.copy.edit(
        "exampleton-document-1990/excerpt.md",
        "ensure that all examples are counted;",
        "ensure that all examples are counted and kept;",
    );
    let w = written(&mut session, "exampleton-document-1990/excerpt.md");
    assert!(
        !w.iter()
            .any(|p| p.starts_with("documents/") || p == "feed.xml"),
        "{w:?}"
    );
    e.assert_same_as_full_build();

    // The citation goes again.
    e.copy.edit(
        "mc-x-1/compilation.md",
        ", as paragraph 40.1 of the Exampleton Document asks;",
        ";",
    );
    let w = written(&mut session, "mc-x-1/compilation.md");
    assert!(w.contains(&cited_page.to_owned()), "{w:?}");
    assert_eq!(citations_from_mc_x_1(&e), before);
    e.assert_same_as_full_build();
}
