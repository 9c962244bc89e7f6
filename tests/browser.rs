//! The site as its readers get it, checked with the web platform's own tools: the browser suites
//! (`tests/browser/*.mjs`: headless Chromium through playwright-core, axe-core), the Nu HTML
//! validator (`vnu-jar`, on Java) and a link checker (`hyperlink`). Each test builds the fixture
//! corpus and the real `content/` and runs one tool over both.
//!
//! The tools are installed by `.ci/run` (apt: chromium, a JRE, node and npm; `npm ci`;
//! `cargo install hyperlink`). On a machine without them a test says loudly that it skipped and how
//! to install what is missing; with `CI` set (as `.ci/run` does) a missing tool fails the test.

mod common;

use common::{root, site_of, Site};
use regex::Regex;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Whether we run in CI, where every tool must be present (`CI` set to anything but "" or "false").
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false")
}

/// Returns `found`, or (when a tool is missing) fails in CI and otherwise prints a banner past the
/// test harness's output capture, so that a skipped suite is seen even when every test passes.
fn require(suite: &str, found: Result<PathBuf, String>) -> Option<PathBuf> {
    match found {
        Ok(path) => Some(path),
        Err(missing) if in_ci() => panic!("{suite}: {missing} (CI is set, so this is a failure)"),
        Err(missing) => {
            let banner = format!(
                "\n\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
                 !!! SKIPPED: {suite}\n!!! {missing}\n\
                 !!! Install everything the tests need as .ci/run does.\n\
                 !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n"
            );
            // Written to the process's stderr, not through eprintln!, which the harness captures.
            let _ = std::io::stderr().write_all(banner.as_bytes());
            None
        }
    }
}

/// The first of `names` found as an executable on PATH (or as given, if it is a path).
fn executable(names: &[&str], install: &str) -> Result<PathBuf, String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    names
        .iter()
        .flat_map(|name| {
            let dirs: Vec<PathBuf> = if name.contains('/') {
                vec![PathBuf::new()]
            } else {
                std::env::split_paths(&path).collect()
            };
            dirs.into_iter().map(move |d| d.join(name))
        })
        .find(|p| p.is_file())
        .ok_or_else(|| format!("{} not found; {install}", names.join(" or ")))
}

/// A file the npm packages provide (under `node_modules/`), or how to get it.
fn npm_file(rel: &str) -> Result<PathBuf, String> {
    let path = root().join("node_modules").join(rel);
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "node_modules/{rel} is missing; run `npm ci` in {}",
            root().display()
        ))
    }
}

/// Chromium: `$ACQUIS_CHROMIUM`, else Debian's `chromium` package.
fn chromium() -> Result<PathBuf, String> {
    match std::env::var_os("ACQUIS_CHROMIUM") {
        Some(path) if Path::new(&path).is_file() => Ok(PathBuf::from(path)),
        Some(path) => Err(format!(
            "ACQUIS_CHROMIUM={} is not a file",
            path.to_string_lossy()
        )),
        None => executable(
            &["chromium", "chromium-browser"],
            "install it with `apt-get install chromium` (or set ACQUIS_CHROMIUM)",
        ),
    }
}

/// The fixture corpus and the real content, built into temporary folders.
fn both_sites(minify: bool) -> [Site; 2] {
    [
        site_of(&common::fixture(), minify),
        site_of(&root().join("content"), minify),
    ]
}

/// Runs `command`; panics with its whole output unless it succeeds. Returns its output.
fn run(what: &str, command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run {command:?}: {e}"));
    if !output.status.success() {
        panic!(
            "{what} failed ({}):\n{}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    output
}

/// The browser suites (navigation, accessibility, layout) over the minified build readers get.
/// Screenshots of key pages are saved in `target/screenshots/` to be looked at.
#[test]
fn the_site_works_in_chromium() {
    let suite = "browser suites (tests/browser/*.mjs)";
    let Some(node) = require(
        suite,
        executable(
            &["node", "nodejs"],
            "install Node.js (`apt-get install nodejs npm`)",
        ),
    ) else {
        return;
    };
    let (Some(_), Some(_), Some(chromium)) = (
        require(suite, npm_file("playwright-core/package.json")),
        require(suite, npm_file("axe-core/axe.min.js")),
        require(suite, chromium()),
    ) else {
        return;
    };
    let [fixture, site] = both_sites(true);
    let output = run(
        suite,
        Command::new(node)
            .current_dir(root())
            .args(["--test-reporter=spec", "tests/browser/run.mjs", "--fixture"])
            .arg(&fixture.out)
            .arg("--site")
            .arg(&site.out)
            .arg("--chromium")
            .arg(chromium)
            .arg("--screenshots")
            .arg(root().join("target/screenshots")),
    );
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        report.contains("ℹ fail 0") && !report.contains("ℹ pass 0"),
        "the browser suites did not report passing tests:\n{report}"
    );
}

/// vnu's message for text not in Unicode Normalization Form C. The one such text in the corpus is
/// a deletion of OCR garbage kept byte for byte as the primary source has it (`î` decomposed);
/// vnu reports it as a warning, which is not an error in the page.
const NFC_WARNING: &str = ".*not in Unicode Normalization Form C.*";

/// Every page passes the Nu HTML validator, errors and warnings, on the unminified build.
#[test]
fn every_page_is_valid_html() {
    let suite = "Nu HTML validator (vnu-jar)";
    let (Some(java), Some(vnu)) = (
        require(
            suite,
            executable(
                &["java"],
                "install Java 17 or later (`apt-get install default-jre-headless`)",
            ),
        ),
        require(suite, npm_file("vnu-jar/build/dist/vnu.jar")),
    ) else {
        return;
    };
    let [fixture, site] = both_sites(false);
    let output = run(
        suite,
        Command::new(java)
            .arg("-jar")
            .arg(vnu)
            .args(["--skip-non-html", "--Werror", "--format", "gnu"])
            .args(["--filterpattern", NFC_WARNING])
            .arg(&fixture.out)
            .arg(&site.out),
    );
    let messages = String::from_utf8_lossy(&output.stderr);
    assert!(messages.trim().is_empty(), "vnu:\n{messages}");
}

/// Every internal href and fragment resolves to a written file and id (`hyperlink`, offline).
#[test]
fn every_link_and_fragment_resolves() {
    let suite = "link check (hyperlink --check-anchors)";
    let Some(hyperlink) = require(
        suite,
        executable(
            &["hyperlink"],
            "install it with `cargo install hyperlink --locked`",
        ),
    ) else {
        return;
    };
    for site in both_sites(true) {
        let output = run(
            suite,
            Command::new(&hyperlink)
                .arg("--check-anchors")
                .arg(&site.out),
        );
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(
            report.contains("Found 0 bad links") && report.contains("Found 0 bad anchors"),
            "{report}"
        );
    }
}

/// External links are only those the content names: every absolute URL a page links to or loads
/// is written in a content file, or by hand in a template of the theme (a link to a format's
/// specification), or is the site's own address (`base_url`, for canonical links).
#[test]
fn external_links_are_only_those_the_content_or_theme_names() {
    for (content, site) in [
        (common::fixture(), site_of(&common::fixture(), true)),
        (
            root().join("content"),
            site_of(&root().join("content"), true),
        ),
    ] {
        let named = content_text(&content) + &content_text(&common::theme().join("templates"));
        let site_yaml = std::fs::read_to_string(content.join("site.yaml")).unwrap();
        let base = Regex::new(r"(?m)^base_url:\s*(\S+)")
            .unwrap()
            .captures(&site_yaml)
            .map(|c| c[1].to_string())
            .expect("site.yaml has base_url");
        let foreign: Vec<String> = absolute_urls(&site.out)
            .into_iter()
            .filter(|url| !url.starts_with(&format!("{base}/")) && !named.contains(url.as_str()))
            .collect();
        assert_eq!(foreign, Vec::<String>::new(), "in {}", content.display());
    }
}

/// Every Markdown, YAML and HTML file under `dir`, concatenated.
fn content_text(dir: &Path) -> String {
    common::tree(dir)
        .into_iter()
        .filter(|(p, _)| {
            p.extension()
                .is_some_and(|e| e == "md" || e == "yaml" || e == "html")
        })
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect()
}

/// Every absolute URL in an `href`, `src` or `action` of the pages and stylesheets of `dir`.
fn absolute_urls(dir: &Path) -> BTreeSet<String> {
    let re = Regex::new(r#"(?:href|src|action)=["']?((?:https?:)?//[^"'\s>]+)"#).unwrap();
    common::tree(dir)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html" || e == "css"))
        .flat_map(|(_, bytes)| {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            re.captures_iter(&text)
                .map(|c| c[1].to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}
