//! Helpers for the integration tests: the fixture corpus, building it, editing copies of it, and
//! reading what was written.
#![allow(dead_code)]

use acquis::diagnostics::Diagnostic;
use acquis::model::{Inline, Node};
use acquis::{BuildConfig, Built, Error};
use regex::Regex;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/basic/content`: a small corpus using every construct of content/README.md.
pub fn fixture() -> PathBuf {
    root().join("tests/fixtures/basic/content")
}

pub fn theme() -> PathBuf {
    root().join("themes/default")
}

pub fn config(content: &Path, out: &Path, minify: bool) -> BuildConfig {
    BuildConfig {
        search: true,
        content: content.to_path_buf(),
        theme: theme(),
        out: out.to_path_buf(),
        minify,
        deny_warnings: false,
    }
}

/// Every diagnostic, one after the other, as the command line prints them.
pub fn show(diags: &[Diagnostic]) -> String {
    diags.iter().map(|d| d.to_string()).collect()
}

fn expect_ok(result: Result<Built, Error>) -> Built {
    match result {
        Ok(built) => built,
        Err(Error::Content(d)) => panic!("the build failed:\n{}", show(&d)),
        Err(e) => panic!("the build failed: {e}"),
    }
}

/// Compiles `content` (nothing is written); panics with the diagnostics on failure.
pub fn compile(content: &Path) -> Built {
    expect_ok(acquis::compile(&config(
        content,
        Path::new("unused"),
        false,
    )))
}

/// A corpus of `documents` generated documents (`acquis generate`, the benchmarks' corpus) in
/// `content/` of a temporary directory, which lives as long as the returned guard.
pub fn generated(documents: usize, seed: u64) -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let spec = acquis::generate::Spec { documents, seed };
    acquis::write::write_site(&acquis::generate::corpus(spec), &content).unwrap();
    (tmp, content)
}

/// The text of the file `path` (relative to the site) that a compiled corpus made.
pub fn built_text(built: &Built, path: &str) -> String {
    let file = built
        .files
        .iter()
        .find(|f| f.path == Path::new(path))
        .unwrap_or_else(|| panic!("no file {path}"));
    String::from_utf8_lossy(&file.bytes).into_owned()
}

/// Builds `content` into `out`; panics with the diagnostics on failure.
pub fn build(content: &Path, out: &Path, minify: bool) -> Built {
    expect_ok(acquis::build(&config(content, out, minify)))
}

/// A site built into a temporary directory.
pub struct Site {
    _tmp: TempDir,
    pub out: PathBuf,
}

impl Site {
    /// The page (or any file) at `rel`, which must exist.
    pub fn page(&self, rel: &str) -> String {
        fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

/// Builds `content` into a temporary directory; panics with the diagnostics on failure.
pub fn site_of(content: &Path, minify: bool) -> Site {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(content, &out, minify);
    Site { _tmp: tmp, out }
}

/// Compiles `content`, which must fail with content errors; returns the diagnostics.
pub fn content_errors(content: &Path) -> Vec<Diagnostic> {
    match acquis::compile(&config(content, Path::new("unused"), false)) {
        Ok(_) => panic!("{} compiled, but it should not", content.display()),
        Err(Error::Content(d)) => d,
        Err(e) => panic!("expected content errors, got: {e}"),
    }
}

/// A copy of the fixture corpus in a temporary directory (`<tmp>/content`).
pub struct Copy {
    _tmp: TempDir,
    pub content: PathBuf,
}

pub fn copy_fixture() -> Copy {
    copy_of("basic")
}

impl Copy {
    pub fn read(&self, file: &str) -> String {
        fs::read_to_string(self.content.join(file)).unwrap()
    }

    /// Replaces the one occurrence of `from` in `file` by `to`.
    pub fn edit(&self, file: &str, from: &str, to: &str) -> &Self {
        let text = self.read(file);
        assert_eq!(text.matches(from).count(), 1, "`{from}` in {file}");
        fs::write(self.content.join(file), text.replacen(from, to, 1)).unwrap();
        self
    }
}

/// The 1-based line of `file` (in `content`) that contains `needle`, which must occur once.
pub fn line_of(content: &Path, file: &str, needle: &str) -> usize {
    let text = fs::read_to_string(content.join(file)).unwrap();
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(lines.len(), 1, "`{needle}` in {file}: lines {lines:?}");
    lines[0]
}

/// Every file of a written site, by path relative to `dir`.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Every anchor of every version page, in document order: one line per heading or paragraph,
/// `page  anchor  printed-number  citation` (a heading shows its text after `##`..`######`
/// instead of a citation; `·` stands for no number).
pub fn anchors_listing(built: &Built) -> String {
    let mut rows: Vec<[String; 4]> = Vec::new();
    for doc in &built.corpus.documents {
        for v in &doc.versions {
            let page = format!("{}/{}", doc.slug, v.meta.id);
            acquis::resolve::walk(&v.body, &mut |node| {
                let (anchor, num, last) = match node {
                    Node::Division(d) => (
                        &d.anchor,
                        &d.num,
                        format!(
                            "{} {}",
                            "#".repeat(d.level.into()),
                            Inline::plain(&d.heading, &v.notes).trim()
                        ),
                    ),
                    Node::Paragraph(p) => (&p.anchor, &p.num, p.citation.to_string()),
                };
                let num = num
                    .as_ref()
                    .map_or("·".to_owned(), |n| n.printed.to_string());
                rows.push([page.clone(), anchor.to_string(), num, last]);
            });
        }
    }
    let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
    let widths = [width(0), width(1), width(2)];
    let mut out = String::new();
    for r in &rows {
        for (i, w) in widths.iter().enumerate() {
            out.push_str(&r[i]);
            out.push_str(&" ".repeat(w - r[i].chars().count() + 2));
        }
        out.push_str(&r[3]);
        out.push('\n');
    }
    out
}

/// Compares `actual` with the file `expected` (relative to the crate), or rewrites the file when
/// `UPDATE_EXPECT=1`, as mdBook's and rust-analyzer's golden tests do.
pub fn expect_file(expected: &str, actual: &str) {
    let path = root().join(expected);
    if std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1") {
        fs::write(&path, actual).unwrap();
        return;
    }
    let want = fs::read_to_string(&path).unwrap_or_default();
    if want != actual {
        let diff: Vec<String> = want
            .lines()
            .map(Some)
            .chain(std::iter::repeat(None))
            .zip(actual.lines().map(Some).chain(std::iter::repeat(None)))
            .take_while(|(a, b)| a.is_some() || b.is_some())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(10)
            .map(|(i, (a, b))| {
                format!(
                    "line {}:\n  expected: {}\n  actual:   {}",
                    i + 1,
                    a.unwrap_or("<none>"),
                    b.unwrap_or("<none>")
                )
            })
            .collect();
        panic!(
            "{expected} does not match (rerun with UPDATE_EXPECT=1 to rewrite it, then review it):\n{}",
            diff.join("\n")
        );
    }
}

/// The element with `id="{id}"` in `html`: from its opening `<` to the end of its first line
/// closing `</div>` / `</hN>` / `</li>`, enough to assert on what one block renders.
pub fn element<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!(" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element with id=\"{id}\""));
    let start = html[..at].rfind('<').unwrap();
    let rest = &html[start..];
    let end = [
        "</div>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>", "</li>",
    ]
    .iter()
    .filter_map(|close| rest.find(close).map(|i| i + close.len()))
    .min()
    .unwrap_or(rest.len());
    &rest[..end]
}

/// The part of `html` from `<h3 id="{id}"` to the next `<h3` or `</section>`.
pub fn group<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<h3 id=\"{id}\""))
        .unwrap_or_else(|| panic!("no group {id}"));
    let rest = &html[start + 3..];
    let end = [rest.find("<h3"), rest.find("</section>")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    &html[start..start + 3 + end]
}

pub fn html_pages(dir: &Path) -> Vec<std::path::PathBuf> {
    tree(dir)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

/// Duplicate ids and same-page links without a target, over every page of `dir`.
pub fn id_problems(dir: &Path) -> Vec<String> {
    let id_re = Regex::new(r#"\sid="([^"]*)""#).unwrap();
    let href_re = Regex::new(r##"\shref="#([^"]*)""##).unwrap();
    let mut problems = Vec::new();
    for rel in html_pages(dir) {
        let html = fs::read_to_string(dir.join(&rel)).unwrap();
        let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
        for c in id_re.captures_iter(&html) {
            *ids.entry(c.get(1).unwrap().as_str()).or_default() += 1;
        }
        for (id, n) in &ids {
            if *n > 1 {
                problems.push(format!("{}: id=\"{id}\" {n} times", rel.display()));
            }
        }
        for c in href_re.captures_iter(&html) {
            let target = c.get(1).unwrap().as_str();
            if !ids.contains_key(target) {
                problems.push(format!(
                    "{}: href=\"#{target}\" has no target",
                    rel.display()
                ));
            }
        }
    }
    problems
}

/// A copy of the fixture corpus `tests/fixtures/<name>/content` in a temporary directory.
pub fn copy_of(name: &str) -> Copy {
    let from = root().join("tests/fixtures").join(name).join("content");
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let to = content.join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
    Copy { _tmp: tmp, content }
}

/// Links between pages of `dir` whose file or fragment does not exist: every relative `href`
/// (with `../` resolved from the page) must name a written file, and its fragment an id there.
pub fn link_problems(dir: &Path) -> Vec<String> {
    let href_re = Regex::new(r##"\shref="([^"#]+)(?:#([^"]*))?""##).unwrap();
    let id_re = Regex::new(r#"\sid="([^"]*)""#).unwrap();
    let mut ids: BTreeMap<PathBuf, std::collections::BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for rel in html_pages(dir) {
        let html = fs::read_to_string(dir.join(&rel)).unwrap();
        for c in href_re.captures_iter(&html) {
            let href = c.get(1).unwrap().as_str();
            if href.contains("://") || href.starts_with("mailto:") || href.contains('?') {
                continue;
            }
            let mut target = rel.parent().unwrap().to_path_buf();
            for part in href.split('/') {
                match part {
                    ".." => {
                        target.pop();
                    }
                    "" | "." => {}
                    p => target.push(p),
                }
            }
            if href.ends_with('/') || target.as_os_str().is_empty() {
                target.push("index.html");
            }
            if !dir.join(&target).is_file() {
                problems.push(format!("{}: href=\"{href}\" names no file", rel.display()));
                continue;
            }
            let Some(fragment) = c.get(2).map(|m| m.as_str()) else {
                continue;
            };
            let known = ids.entry(target.clone()).or_insert_with(|| {
                let page = fs::read_to_string(dir.join(&target)).unwrap_or_default();
                id_re
                    .captures_iter(&page)
                    .map(|c| c.get(1).unwrap().as_str().to_owned())
                    .collect()
            });
            let fragment = fragment
                .replace("%28", "(")
                .replace("%29", ")")
                .replace("%3A", ":");
            if !known.contains(&fragment) {
                problems.push(format!(
                    "{}: href=\"{href}#{fragment}\" has no target",
                    rel.display()
                ));
            }
        }
    }
    problems
}

/// A site built into a temporary directory, kept as long as the value lives.
pub struct BuiltSite {
    _tmp: TempDir,
    pub out: PathBuf,
    pub built: Built,
}

impl BuiltSite {
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

/// Builds `content` (unminified) into a temporary directory.
pub fn build_site(content: &Path) -> BuiltSite {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let built = build(content, &out, false);
    BuiltSite {
        _tmp: tmp,
        out,
        built,
    }
}

/// The path of an external program the tests need, or `None` after saying loudly that the
/// test is skipped. Under CI (`CI=true`) a missing program fails the test instead.
pub fn tool(name: &str, install: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(
            !ci,
            "`{name}` is missing and CI=true: install it ({install})"
        );
        eprintln!("SKIPPED: `{name}` is not installed, so this test checked nothing. Install it: {install}");
    }
    found
}
