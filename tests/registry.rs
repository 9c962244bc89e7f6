//! Anchors are a promise: the anchor registry (`content/anchors.lock`) on copies of the fixture
//! corpus. Deleting or renumbering a paragraph without a registry entry fails the build;
//! `acquis lock` records redirects and tombstones; the built pages keep every old anchor
//! working. The committed lock files are complete and current.

mod common;

use acquis::diagnostics::Diagnostic;
use common::*;
use std::fs;
use std::path::Path;

const COMPILATION: &str = "mc-x-1/compilation.md";
const ISSUED: &str = "mc-x-1/issued.md";

fn lock(content: &Path, withdraw: bool) -> acquis::registry::LockOutcome {
    match acquis::lock(&config(content, Path::new("unused"), false), withdraw) {
        Ok(o) => o,
        Err(acquis::Error::Content(d)) => panic!("{}", show(&d)),
        Err(e) => panic!("{e}"),
    }
}

fn errors(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect()
}

struct Built {
    _tmp: tempfile::TempDir,
    out: std::path::PathBuf,
}

impl Built {
    fn page(&self, rel: &str) -> String {
        fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

fn build_strictly(content: &Path) -> Built {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let mut cfg = config(content, &out, false);
    cfg.deny_warnings = true;
    match acquis::build(&cfg) {
        Ok(_) => {}
        Err(acquis::Error::Content(d)) => panic!("{}", show(&d)),
        Err(e) => panic!("{e}"),
    }
    let problems = id_problems(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    Built { _tmp: tmp, out }
}

#[test]
fn deleting_a_paragraph_without_a_registry_entry_fails_the_build() {
    let copy = copy_fixture();
    copy.edit(
        COMPILATION,
        "— to consult the participating States;\n\n",
        "",
    );
    let errs = errors(&content_errors(&copy.content));
    assert_eq!(
        errs,
        ["the build would drop the registered anchor `mc-x-1/compilation/#3.indent2` (“to consult the participating States;”)"]
    );
}

#[test]
fn a_build_that_would_drop_an_anchor_leaves_every_file_of_the_previous_site() {
    let copy = copy_fixture();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&copy.content, &out, false);
    let before = tree(&out);
    assert!(
        before.keys().any(|p| p.starts_with("mc-x-1/diff")),
        "comparison pages too"
    );
    copy.edit(
        COMPILATION,
        "4. Decides to review",
        "5\\. Decides to review",
    );
    match acquis::build(&config(&copy.content, &out, false)) {
        Err(acquis::Error::Content(d)) => assert!(
            errors(&d)
                .iter()
                .any(|e| e.contains("`mc-x-1/compilation/#4`")),
            "{}",
            show(&d)
        ),
        other => panic!("expected the registry to fail the build, got {other:?}"),
    }
    assert!(tree(&out) == before, "the previous site is unchanged");
}

#[test]
fn renumbering_fails_until_locked_and_then_the_old_anchor_lands_on_the_new_place() {
    let copy = copy_fixture();
    copy.edit(
        COMPILATION,
        "4. Decides to review",
        "5\\. Decides to review",
    );
    let diags = content_errors(&copy.content);
    let d = diags.iter().find(|d| d.is_error()).unwrap();
    assert!(d.message.contains("`mc-x-1/compilation/#4`"), "{d}");
    assert_eq!(d.location.file, Path::new("anchors.lock"));
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("its paragraph is now `5`"),
        "{d}"
    );

    let outcome = lock(&copy.content, false);
    assert_eq!(outcome.moved, ["mc-x-1/compilation/#4 → #5"]);
    assert!(outcome.undecided.is_empty());
    let lock_text = copy.read("anchors.lock");
    assert!(
        lock_text.contains("      moved:\n        \"4\": \"5\"\n"),
        "{lock_text}"
    );

    let site = build_strictly(&copy.content);
    for page in ["mc-x-1/index.html", "mc-x-1/compilation/index.html"] {
        let html = site.page(page);
        let alias = "<span id=\"4\" class=\"alias\" data-alias-of=\"5\"></span>";
        let at = html
            .find(alias)
            .unwrap_or_else(|| panic!("{page}: no alias"));
        let next = &html[at + alias.len()..];
        assert!(
            next.trim_start()
                .starts_with("<div class=\"para numbered depth-0\" id=\"5\""),
            "{page}: the alias stands right before its new place: {}",
            &next[..200.min(next.len())]
        );
    }
}

#[test]
fn a_shift_that_keeps_every_anchor_but_moves_the_paragraphs_is_a_warning() {
    let copy = copy_fixture();
    copy.edit(
        ISSUED,
        "1\\. Decides",
        "1\\. Notes the new paragraph.\n\n2\\. Decides",
    );
    copy.edit(ISSUED, "2\\. Establishes", "3\\. Establishes");
    let built = compile(&copy.content);
    let shifted: Vec<&Diagnostic> = built
        .warnings
        .iter()
        .filter(|w| w.message.contains("now hold other paragraphs"))
        .collect();
    assert_eq!(shifted.len(), 1, "{}", show(&built.warnings));
    assert!(
        shifted[0]
            .message
            .contains("`1` (its paragraph is now `2`), `2` (its paragraph is now `3`)"),
        "{}",
        shifted[0]
    );
    lock(&copy.content, false);
    assert!(compile(&copy.content).warnings.is_empty());
}

#[test]
fn withdrawing_keeps_a_tombstone_that_says_what_the_paragraph_was() {
    let copy = copy_fixture();
    copy.edit(
        COMPILATION,
        "— to consult the participating States;\n\n",
        "",
    );
    let undecided = lock(&copy.content, false);
    assert_eq!(undecided.undecided, ["mc-x-1/compilation/#3.indent2"]);
    assert!(
        !errors(&content_errors(&copy.content)).is_empty(),
        "a lock without a decision keeps the build failing"
    );
    let outcome = lock(&copy.content, true);
    assert_eq!(outcome.withdrawn, ["mc-x-1/compilation/#3.indent2"]);
    let lock_text = copy.read("anchors.lock");
    assert!(lock_text.contains("      withdrawn:\n        \"3.indent2\":\n          citation: \"MC.X/1, 3.indent2\"\n          text: \"to consult the participating States;\"\n"), "{lock_text}");

    let site = build_strictly(&copy.content);
    let html = site.page("mc-x-1/index.html");
    let stone = element(&html, "3.indent2");
    assert!(
        stone.starts_with("<li id=\"3.indent2\" class=\"withdrawn\">"),
        "{stone}"
    );
    assert!(stone.contains("<cite>MC.X/1, 3.indent2</cite>"), "{stone}");
    assert!(
        stone.contains("to consult the participating States;"),
        "{stone}"
    );
    assert!(
        stone.contains("content/sources/900_fixture_compilation.txt"),
        "{stone}"
    );
}

#[test]
fn a_tombstone_links_to_another_version_that_still_prints_the_paragraph() {
    let copy = copy_fixture();
    copy.edit(ISSUED, "The Ministerial Council,\n\n", "");
    lock(&copy.content, true);
    let site = build_strictly(&copy.content);
    let html = site.page("mc-x-1/issued/index.html");
    let stone = element(&html, "the-ministerial-council");
    assert!(
        stone.contains("<a href=\"../../mc-x-1/compilation/#the-ministerial-council\">"),
        "{stone}"
    );
}

#[test]
fn a_deleted_version_leaves_a_page_that_answers_for_its_anchors() {
    let copy = copy_fixture();
    fs::remove_file(copy.content.join(ISSUED)).unwrap();
    let errs = errors(&content_errors(&copy.content));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("the page `mc-x-1/issued/` is gone, and with it 3 registered anchors: `the-ministerial-council`, `1`, `2`"),
        "{}",
        errs[0]
    );
    lock(&copy.content, true);
    let site = build_strictly(&copy.content);
    let html = site.page("mc-x-1/issued/index.html");
    assert!(html.contains("This page is no longer published"), "{html}");
    for id in ["the-ministerial-council", "1", "2"] {
        assert!(element(&html, id).contains("class=\"withdrawn\""), "{id}");
    }
    assert!(element(&html, "the-ministerial-council")
        .contains("href=\"../../mc-x-1/compilation/#the-ministerial-council\""));
}

#[test]
fn changing_the_main_version_sends_its_old_anchors_to_the_old_version_page() {
    let copy = copy_fixture();
    copy.edit(
        "mc-x-1/document.yaml",
        "canonical: compilation",
        "canonical: issued",
    );
    let errs = errors(&content_errors(&copy.content));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("the main page `mc-x-1/` showed version `compilation` and now shows version `issued`: it would drop"),
        "{}",
        errs[0]
    );
    lock(&copy.content, false);
    let site = build_strictly(&copy.content);
    let html = site.page("mc-x-1/index.html");
    let moved = element(&html, "annex.III.2.7");
    assert!(
        moved.starts_with("<li id=\"annex.III.2.7\" class=\"moved\" data-moved-to=\"../mc-x-1/compilation/#annex.III.2.7\">"),
        "{moved}"
    );
    assert!(
        element(&html, "1").starts_with("<div class=\"para"),
        "an anchor both versions publish stays on the main page"
    );
}

#[test]
fn a_hand_written_redirect_to_another_document_is_followed() {
    let copy = copy_fixture();
    copy.edit(
        COMPILATION,
        "— to consult the participating States;\n\n",
        "",
    );
    copy.edit(
        "anchors.lock",
        "    issued:\n",
        "      moved:\n        \"3.indent2\": \"exampleton-document-1990/excerpt#41\"\n    issued:\n",
    );
    let site = build_strictly(&copy.content);
    let html = site.page("mc-x-1/compilation/index.html");
    let moved = element(&html, "3.indent2");
    assert!(
        moved.contains("data-moved-to=\"../../exampleton-document-1990/excerpt/#41\""),
        "{moved}"
    );
    lock(&copy.content, false);
    assert!(
        copy.read("anchors.lock")
            .contains("\"3.indent2\": \"exampleton-document-1990/excerpt#41\""),
        "acquis lock keeps hand-written redirects"
    );
}

#[test]
fn an_anchor_that_is_published_again_loses_its_redirect_on_the_next_lock() {
    let copy = copy_fixture();
    copy.edit(
        COMPILATION,
        "4. Decides to review",
        "5\\. Decides to review",
    );
    lock(&copy.content, false);
    copy.edit(
        COMPILATION,
        "5\\. Decides to review",
        "4. Decides to review",
    );
    let diags = content_errors(&copy.content);
    assert_eq!(
        errors(&diags),
        ["the build would drop the registered anchor `mc-x-1/compilation/#5` (“Decides to review the mechanism in [illegible].”)"],
        "`5` was published too"
    );
    assert!(
        diags
            .iter()
            .any(|w| w.message.contains("published again: `4`")),
        "{}",
        show(&diags)
    );
    lock(&copy.content, false);
    let text = copy.read("anchors.lock");
    assert!(
        text.contains("      moved:\n        \"5\": \"4\"\n"),
        "{text}"
    );
    assert!(!text.contains("\"4\": \"5\""), "{text}");
    assert!(compile(&copy.content).warnings.is_empty());
}

/// `acquis lock` on unchanged content rewrites the committed lock files byte for byte: they
/// register every anchor of the fixture and of the real corpus, and nothing else.
#[test]
fn the_committed_lock_files_are_complete_and_current() {
    for content in [fixture(), root().join("content")] {
        let built = compile(&content);
        let file = acquis::load::LoadedFile {
            path: "anchors.lock".into(),
            text: fs::read_to_string(content.join("anchors.lock")).unwrap(),
        };
        let old = acquis::parse::registry::parse(&file).unwrap();
        let new = acquis::registry::lock(&built.corpus, &old, false);
        assert_eq!(
            acquis::registry::to_lock_text(&new.registry),
            file.text,
            "{}: run `acquis lock` and commit the result",
            content.display()
        );
        let published: usize = built
            .corpus
            .documents
            .iter()
            .flat_map(|d| &d.versions)
            .map(|v| acquis::registry::published(v).len())
            .sum();
        let registered: usize = old
            .documents
            .values()
            .flat_map(|d| d.pages.values())
            .map(|p| p.anchors.len())
            .sum();
        assert_eq!(published, registered, "{}", content.display());
    }
}

fn acquis_lock(content: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_acquis"))
        .arg("lock")
        .arg("--content")
        .arg(content)
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

#[test]
fn the_lock_command_reports_what_it_recorded_and_refuses_to_drop_silently() {
    let copy = copy_fixture();
    copy.edit(
        COMPILATION,
        "4. Decides to review",
        "5\\. Decides to review",
    );
    copy.edit(
        COMPILATION,
        "— to consult the participating States;\n\n",
        "",
    );
    let (code, stderr) = acquis_lock(&copy.content, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("moved: mc-x-1/compilation/#4 → #5"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: `mc-x-1/compilation/#3.indent2` is no longer published and the registry does not say where it went"),
        "{stderr}"
    );
    let (code, stderr) = acquis_lock(&copy.content, &["--withdraw"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("withdrawn: mc-x-1/compilation/#3.indent2"),
        "{stderr}"
    );
    assert!(
        stderr.contains("locked 51 anchors on 4 pages (0 new, 0 moved, 1 withdrawn)"),
        "{stderr}"
    );
    let (code, stderr) = acquis_lock(&copy.content, &[]);
    assert_eq!(code, Some(0), "a second lock changes nothing: {stderr}");
}
