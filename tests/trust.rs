//! Nothing unsafe, nothing lost: builds are byte-identical whatever the thread count, text from
//! content is escaped, and no id, slug or path from content reaches outside `site/` or
//! `content/`. The real corpus passes `acquis check --deny-warnings`.

mod common;

use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

/// `acquis build` of `content` into `out` with `threads` rayon threads.
fn build_with_threads(content: &Path, out: &Path, threads: &str) {
    let output = Command::new(env!("CARGO_BIN_EXE_acquis"))
        .args(["build", "--content"])
        .arg(content)
        .arg("--theme")
        .arg(theme())
        .arg("--out")
        .arg(out)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn builds_are_byte_identical_whatever_the_thread_count() {
    for content in [fixture(), root().join("content")] {
        let tmp = tempfile::tempdir().unwrap();
        let trees: Vec<_> = ["1", "4", "16"]
            .iter()
            .map(|threads| {
                let out = tmp.path().join(format!("site-{threads}"));
                build_with_threads(&content, &out, threads);
                tree(&out)
            })
            .collect();
        assert!(trees[0].len() > 5, "{}", content.display());
        for other in &trees[1..] {
            assert_eq!(
                trees[0].keys().collect::<Vec<_>>(),
                other.keys().collect::<Vec<_>>()
            );
            for (path, bytes) in &trees[0] {
                assert!(bytes == &other[path], "{} differs", path.display());
            }
        }
    }
}

#[test]
fn text_from_content_is_escaped_in_every_page() {
    let copy = copy_fixture();
    copy.edit(
        "mc-x-1/document.yaml",
        "title: Combating Examples",
        "title: \"Combating <script>alert(1)</script> Examples\"",
    );
    copy.edit(
        "mc-x-1/issued.md",
        "an assistance mechanism.",
        "an assistance \\<script>alert(2)\\</script> mechanism.",
    );
    copy.edit(
        "mc-x-1/issued.md",
        "label: Text as issued",
        "label: \"Text \\\"as\\\" <b>issued</b>\"",
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&copy.content, &out, false);
    let mut escaped = 0;
    for page in html_pages(&out) {
        let html = fs::read_to_string(out.join(&page)).unwrap();
        for raw in ["<script>alert", "<b>issued</b>", "\"as\""] {
            assert!(
                !html.contains(raw),
                "{}: `{raw}` reached the page",
                page.display()
            );
        }
        escaped += html.matches("&lt;script&gt;alert").count();
    }
    assert!(escaped >= 3, "the text is there, escaped ({escaped} times)");
    let issued = fs::read_to_string(out.join("mc-x-1/issued/index.html")).unwrap();
    assert!(issued.contains("an assistance &lt;script&gt;alert(2)&lt;/script&gt; mechanism."));
}

/// Everything under `dir`, for checking that a failed or refused build wrote nothing elsewhere.
fn listing(dir: &Path) -> Vec<String> {
    let mut all: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    all.sort();
    all
}

#[test]
fn ids_slugs_and_paths_from_content_never_leave_the_output_or_the_content() {
    let cases: [(&str, &str, &str, &str); 6] = [
        (
            "mc-x-1/issued.md",
            "id: issued",
            "id: ../../x",
            "the version id `../../x`",
        ),
        (
            "mc-x-1/issued.md",
            "id: issued",
            "id: /tmp/x",
            "the version id `/tmp/x`",
        ),
        (
            "mc-x-1/compilation.md",
            "{#seized}",
            "{#../../seized}",
            "the anchor `../../seized`",
        ),
        (
            "mc-x-1/issued.md",
            "file: 901_fixture_issued.txt",
            "file: ../../../etc/passwd",
            "the source file `../../../etc/passwd`",
        ),
        (
            "mc-x-1/document.yaml",
            "canonical: compilation",
            "canonical: ../compilation",
            "`canonical: ../compilation` is not one of the versions",
        ),
        (
            "anchors.lock",
            "    issued:\n",
            "      moved:\n        \"zz\": \"../../etc#x\"\n    issued:\n",
            "in the anchor registry: the document slug `..`",
        ),
    ];
    for (file, from, to, message) in cases {
        let copy = copy_fixture();
        copy.edit(file, from, to);
        let parent = copy.content.parent().unwrap().to_path_buf();
        let before = listing(&parent);
        let out = parent.join("site");
        let diags = match acquis::build(&config(&copy.content, &out, false)) {
            Err(acquis::Error::Content(d)) => d,
            Err(e) => panic!("{to}: {e}"),
            Ok(_) => panic!("{to}: the build succeeded"),
        };
        assert!(
            diags
                .iter()
                .any(|d| d.is_error() && d.message.contains(message)),
            "{to}:\n{}",
            show(&diags)
        );
        assert_eq!(listing(&parent), before, "{to}: nothing is written");
    }
}

#[test]
fn the_real_corpus_passes_check_with_deny_warnings() {
    let output = Command::new(env!("CARGO_BIN_EXE_acquis"))
        .args(["check", "--deny-warnings", "--content"])
        .arg(root().join("content"))
        .arg("--theme")
        .arg(theme())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn the_fixture_passes_check_with_deny_warnings() {
    let mut cfg = config(&fixture(), Path::new("unused"), false);
    cfg.deny_warnings = true;
    if let Err(e) = acquis::compile(&cfg) {
        match e {
            acquis::Error::Content(d) => panic!("{}", show(&d)),
            e => panic!("{e}"),
        }
    }
}
