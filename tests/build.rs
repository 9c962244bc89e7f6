//! Builds the fixture corpus `tests/fixtures/basic/content` (every construct of
//! content/README.md, invented text) and checks what the compiler produces: anchors against a
//! golden file, the HTML of the pages, determinism, atomic output, the command line, and the
//! diagnostics for bad input.
//!
//! The golden file `tests/fixtures/basic/expected/anchors.txt` is the spec: rewrite it with
//! `UPDATE_EXPECT=1 cargo test --test build` and review every changed line against
//! content/README.md before accepting it.

mod common;

use acquis::diagnostics::Diagnostic;
use acquis::model::{Node, ParagraphKind};
use common::*;
use regex::Regex;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const GOLDEN: &str = "tests/fixtures/basic/expected/anchors.txt";

// ---------------------------------------------------------------------------------------------
// Anchors

/// The listing without its last column (citations and heading texts).
fn without_citations(listing: &str) -> String {
    let sep = Regex::new(r"\s{2,}").unwrap();
    listing
        .lines()
        .map(|l| sep.splitn(l, 4).take(3).collect::<Vec<_>>().join("  "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn anchors_and_numbers_match_the_golden_file() {
    let actual = anchors_listing(&compile(&fixture()));
    if std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1") {
        return expect_file(GOLDEN, &actual);
    }
    let golden = fs::read_to_string(root().join(GOLDEN)).unwrap();
    let (want, got) = (without_citations(&golden), without_citations(&actual));
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        assert_eq!(w, g, "{GOLDEN} line {}", i + 1);
    }
    assert_eq!(
        want.lines().count(),
        got.lines().count(),
        "{GOLDEN}: number of lines"
    );
}

#[test]
fn anchors_numbers_and_citations_match_the_golden_file() {
    expect_file(GOLDEN, &anchors_listing(&compile(&fixture())));
}

fn paragraph<'a>(
    built: &'a acquis::Built,
    page: &str,
    anchor: &str,
) -> &'a acquis::model::Paragraph {
    let (slug, id) = page.split_once('/').unwrap();
    let doc = built
        .corpus
        .documents
        .iter()
        .find(|d| d.slug == slug)
        .unwrap();
    let v = doc.versions.iter().find(|v| v.meta.id == id).unwrap();
    v.paragraphs()
        .into_iter()
        .find(|p| p.anchor == anchor)
        .unwrap_or_else(|| panic!("{page} has no paragraph {anchor}"))
}

#[test]
fn paragraphs_have_the_kind_the_readme_gives_them() {
    let built = compile(&fixture());
    let kind = |anchor| paragraph(&built, "mc-x-1/compilation", anchor).kind;
    assert_eq!(kind("the-ministerial-council"), ParagraphKind::Unnumbered);
    assert_eq!(kind("the-mechanism-is-set"), ParagraphKind::Continuation);
    assert_eq!(
        kind("annex.III.2.the-measures-below-apply"),
        ParagraphKind::Unnumbered
    );
    assert_eq!(kind("2(i)"), ParagraphKind::Numbered);
    assert_eq!(kind("annex.III.1.2.indent2"), ParagraphKind::Indent);
    assert_eq!(kind("seized"), ParagraphKind::Unnumbered);
    let quote = paragraph(
        &built,
        "exampleton-document-1990/excerpt",
        "the-participating-states-will",
    );
    assert_eq!(quote.kind, ParagraphKind::Quote);
    assert_eq!(
        quote.num.as_ref().unwrap().printed,
        "12.",
        "a quotation shows its number"
    );
}

#[test]
fn the_continuation_and_sub_items_nest_under_their_paragraph() {
    let built = compile(&fixture());
    let children = |anchor| -> Vec<String> {
        paragraph(&built, "mc-x-1/compilation", anchor)
            .children
            .iter()
            .map(|n| match n {
                Node::Paragraph(p) => p.anchor.to_string(),
                Node::Division(d) => d.anchor.to_string(),
            })
            .collect()
    };
    let letters: Vec<String> = "abcdefghij".chars().map(|c| format!("2({c})")).collect();
    let mut want = vec!["the-mechanism-is-set".to_owned()];
    want.extend(letters);
    assert_eq!(children("2"), want);
    assert_eq!(children("2(j)"), ["2(j)(i)", "2(j)(ii)"]);
    assert_eq!(children("3"), ["3.indent1", "3.indent2"]);
    assert!(
        children("annex.III.2.1").is_empty(),
        "a sibling's paragraph stands on its own"
    );
}

#[test]
fn a_list_item_keeps_the_number_its_editor_wrote_and_pins_are_kept() {
    let built = compile(&fixture());
    let p = paragraph(&built, "mc-x-1/compilation", "4");
    assert_eq!(p.num.as_ref().unwrap().printed, "4.");
    let text = acquis::model::Inline::plain(&p.content, &[]);
    assert!(text.starts_with("Decides to review"), "{text}");
    assert_eq!(
        paragraph(&built, "mc-x-1/compilation", "annex.III.2.7").pid,
        "p-pinned"
    );
    let seized = paragraph(&built, "mc-x-1/compilation", "seized");
    assert!(seized.pid.starts_with("p-") && seized.pid != "p-pinned");
    let text = acquis::model::Inline::plain(&seized.content, &[]);
    assert!(
        !text.contains('{'),
        "the attribute is taken off the text: {text}"
    );
}

// ---------------------------------------------------------------------------------------------
// HTML

fn built_site(minify: bool) -> Site {
    site_of(&fixture(), minify)
}

#[test]
fn a_numbered_paragraph_has_its_anchor_number_self_link_and_copy_button() {
    let site = built_site(false);
    let html = site.page("mc-x-1/index.html");
    let div = element(&html, "annex.III.2.7");
    assert!(div.starts_with("<div class=\"para numbered"), "{div}");
    assert!(div.contains("data-pid=\"p-pinned\""), "{div}");
    assert!(div.contains("<span class=\"num\">2.7</span>"), "{div}");
    assert!(
        div.contains("Encouraging law enforcement authorities"),
        "{div}"
    );
    assert!(div.contains("href=\"#annex.III.2.7\""), "{div}");
    assert!(
        div.contains("aria-label=\"Link to MC.X/1, Annex, III.2.7\""),
        "{div}"
    );
    // The ¶ link's title is the citation that "Copy citation" copies (site.js makes the button),
    // with the page's URL from the text's `data-page-url` and the link's anchor.
    assert!(div.contains("title=\"MC.X/1, Annex, III.2.7\""), "{div}");
    let page_url = |html: &str| {
        let re = Regex::new(r#"<section class="text"[^>]* data-page-url="([^"]+)""#).unwrap();
        re.captures(html).map(|c| c[1].to_owned())
    };
    assert_eq!(
        page_url(&html).as_deref(),
        Some("https://fixture.example.org/acquis/mc-x-1/")
    );
    assert!(!html.contains("<button type=\"button\" class=\"copy\" hidden data-cite"));
    // The version's own page cites the same way and links to the canonical URL.
    let own = site.page("mc-x-1/compilation/index.html");
    assert!(element(&own, "annex.III.2.7").contains("title=\"MC.X/1, Annex, III.2.7\""));
    assert_eq!(
        page_url(&own).as_deref(),
        Some("https://fixture.example.org/acquis/mc-x-1/")
    );
    let head = Regex::new(r#"<link rel="canonical" href="([^"]+)""#).unwrap();
    assert_eq!(
        &head.captures(&own).unwrap()[1],
        "https://fixture.example.org/acquis/mc-x-1/"
    );
}

#[test]
fn headings_letters_and_dashes_render_with_their_printed_numbers() {
    let html = built_site(false).page("mc-x-1/index.html");
    let h = element(&html, "annex.III");
    assert!(h.starts_with("<h4 id=\"annex.III\""), "{h}");
    assert!(
        h.contains("<span class=\"num\">III.</span> Investigation"),
        "{h}"
    );
    assert!(element(&html, "2(i)").contains("<span class=\"num\">(i)</span>"));
    assert!(element(&html, "2(j)(ii)").contains("<span class=\"num\">(ii)</span>"));
    let dash = element(&html, "annex.III.1.2.indent2");
    assert!(dash.contains("<span class=\"num\">-</span>"), "{dash}");
    assert!(
        dash.contains("title=\"MC.X/1, Annex, III.1.2, indent 2\""),
        "{dash}"
    );
    assert!(element(&html, "4").contains("<span class=\"num\">4.</span>"));
    let toc = Regex::new(r##"<li class="toc-depth-\d"><a href="#([^"]+)""##).unwrap();
    let entries: Vec<&str> = toc
        .captures_iter(&html)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(
        entries,
        [
            "annex",
            "annex.action-plan-to-combat",
            "annex.I",
            "annex.III",
            "annex.III.recommended-action-at-the",
            "annex.III.1",
            "annex.III.2"
        ]
    );
}

#[test]
fn footnotes_link_both_ways() {
    let html = built_site(false).page("mc-x-1/index.html");
    let first = element(&html, "reaffirming-the-commitments-that");
    assert!(
        first.contains("<a href=\"#fn-1\" id=\"fnref-1\""),
        "{first}"
    );
    let second = element(&html, "recalling-its-earlier-decisions-2");
    assert!(
        second.contains("<a href=\"#fn-1\" id=\"fnref-1-2\""),
        "{second}"
    );
    let other = element(&html, "recalling-its-earlier-decisions");
    assert!(
        other.contains("<a href=\"#fn-2\" id=\"fnref-2\""),
        "{other}"
    );
    let note = element(&html, "fn-1");
    assert!(
        note.contains("An invented footnote, referenced twice."),
        "{note}"
    );
    assert!(note.contains("href=\"#fnref-1\""), "{note}");
    assert!(note.contains("href=\"#fnref-1-2\""), "{note}");
    let note = element(&html, "fn-2");
    assert!(
        note.contains("href=\"#fnref-2\"") && !note.contains("fnref-2-2"),
        "{note}"
    );
}

#[test]
fn editorial_notes_print_the_reading_and_record_the_source() {
    let site = built_site(false);
    let html = site.page("mc-x-1/index.html");
    let p = element(&html, "with-the-goal-of");
    assert!(p.contains("Organization<span class=\"ed ed-corr\""), "{p}");
    assert!(p.contains(">’s</span>"), "{p}");
    assert!(
        !p.contains("=s</span>"),
        "the source reading is not printed in the text: {p}"
    );
    assert!(p.contains("href=\"#ed-1\" id=\"edref-1\""), "{p}");
    let ed1 = element(&html, "ed-1");
    assert!(
        ed1.contains("The source reads “=s”; corrected to “’s”."),
        "{ed1}"
    );
    assert!(
        ed1.contains("corrected to “’s”. Encoding damage in the compilation."),
        "the comment, as a sentence of its own: {ed1}"
    );
    assert!(ed1.contains("href=\"#with-the-goal-of\""), "{ed1}");
    let omitted = element(&html, "3.indent1");
    assert!(!omitted.contains("%$</span>"), "{omitted}");
    let ed2 = element(&html, "ed-2");
    assert!(
        ed2.contains("The source has “%$” here, left out of the text."),
        "{ed2}"
    );
    assert!(ed2.contains("href=\"#3.indent1\""), "{ed2}");
    assert!(element(&html, "4").contains(">[illegible]</span>"));
    let ed3 = element(&html, "ed-3");
    assert!(
        ed3.contains("Illegible in the source, which reads “2O05”."),
        "{ed3}"
    );
    let notes = site.page("notes/index.html");
    assert!(notes.contains("3 notes in all"), "{notes}");
    assert!(
        notes.contains("href=\"../mc-x-1/compilation/#3.indent1\""),
        "{notes}"
    );
}

#[test]
fn the_masthead_prints_its_lines_in_order() {
    let html = built_site(false).page("mc-x-1/index.html");
    let start = html
        .find("<div class=\"masthead\" id=\"masthead\">")
        .expect("masthead");
    let block = &html[start..start + html[start..].find("</div>").unwrap()];
    let lines: Vec<&str> = Regex::new(r"<p>([^<]*)</p>")
        .unwrap()
        .captures_iter(block)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(
        lines,
        [
            "MINISTERIAL COUNCIL DECISION",
            "Exampleton, 2 December 2003",
            "(MC.X/1)",
            "COMBATING EXAMPLES"
        ]
    );
}

#[test]
fn the_version_switcher_lists_both_versions() {
    let site = built_site(false);
    let main = site.page("mc-x-1/index.html");
    assert!(main.contains("<strong aria-current=\"page\">Text in the example compilation</strong>"));
    assert!(
        main.contains("<a href=\"../mc-x-1/issued/\" data-version=\"issued\">Text as issued</a>"),
        "{main}"
    );
    let issued = site.page("mc-x-1/issued/index.html");
    assert!(issued.contains("<strong aria-current=\"page\">Text as issued</strong>"));
    assert!(
        issued
            .contains("<a href=\"../../mc-x-1/compilation/\" data-version=\"compilation\">Text in the example compilation</a>"),
        "{issued}"
    );
    assert!(issued.contains("main version"));
    assert!(issued.contains("901_fixture_issued.txt, lines 3–40"));
    let issued_para = element(&issued, "2");
    assert!(
        issued_para.contains("Establishes an assistance mechanism."),
        "{issued_para}"
    );
}

#[test]
fn a_cited_only_document_says_the_corpus_does_not_hold_its_text() {
    let site = built_site(false);
    let html = site.page("pc-x-9/index.html");
    assert!(html.contains("The corpus cites this document but does not hold its text."));
    assert!(html.contains("Decision on the Example Unit"));
    assert!(!site.out.join("pc-x-9/index/index.html").exists());
    let files: Vec<_> = fs::read_dir(site.out.join("pc-x-9")).unwrap().collect();
    assert_eq!(files.len(), 1, "only the document page");
}

#[test]
fn the_documents_index_lists_every_document_under_its_body_and_year() {
    let html = built_site(false).page("documents/index.html");
    for (doc, body, year) in [
        ("mc-x-1", "body-ministerial-council", "year-2003"),
        (
            "exampleton-document-1990",
            "body-conference-on-examples",
            "year-1990",
        ),
        ("pc-x-9", "body-permanent-council", "year-2002"),
    ] {
        let link = format!("href=\"../{doc}/\"");
        assert!(group(&html, body).contains(&link), "{doc} not under {body}");
        assert!(group(&html, year).contains(&link), "{doc} not under {year}");
        assert_eq!(
            html.matches(&link).count(),
            2,
            "{doc} is listed twice, once per grouping"
        );
    }
    assert!(group(&html, "body-permanent-council").contains("cited only"));
    assert!(!group(&html, "body-ministerial-council").contains("cited only"));
    assert!(group(&html, "body-conference-on-examples").contains("October 1990"));
}

/// The home page shows how a citation reads with one of the most deeply numbered paragraphs.
#[test]
fn the_home_page_shows_an_example_citation() {
    let site = built_site(false);
    let html = site.page("index.html");
    let cite = Regex::new(r"<cite>([^<]+)</cite>[^<]*<a[^>]* href=\x22([^\x22]+)\x22>").unwrap();
    let caps = cite.captures(&html).expect("an example citation");
    let deepest = [
        "annex.III.1.1",
        "annex.III.1.2",
        "annex.III.2.1",
        "annex.III.2.7",
    ];
    let anchor = deepest
        .iter()
        .find(|a| caps[1].ends_with(&format!("III.{}", &a["annex.III.".len()..])))
        .unwrap_or_else(|| panic!("{} is not one of the deepest", &caps[1]));
    assert_eq!(
        &caps[2],
        format!("https://fixture.example.org/acquis/mc-x-1/#{anchor}")
    );
    assert_eq!(
        &caps[1],
        format!("MC.X/1, Annex, {}", &anchor["annex.".len()..])
    );
    assert!(
        html.contains("3 documents, 2 of them with their full text"),
        "{html}"
    );
}

#[test]
fn the_home_page_example_is_the_first_of_the_deepest_paragraphs() {
    let html = built_site(false).page("index.html");
    assert!(
        html.contains("<cite>MC.X/1, Annex, III.1.1</cite>"),
        "{html}"
    );
}

// ---------------------------------------------------------------------------------------------
// Whole-site invariants

#[test]
fn every_id_is_unique_on_its_page_and_every_fragment_link_has_a_target() {
    let site = built_site(false);
    // home, documents, notes, data, search, compare, timeline, cite; 3 version pages, 2 main
    // pages, 1 cited-only page; 3 source views; a diff inline and side by side, a concordance; the
    // page of a version the registry remembers but the corpus no longer publishes
    assert_eq!(
        html_pages(&site.out).len(),
        21,
        "{:?}",
        html_pages(&site.out)
    );
    let problems = id_problems(&site.out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn an_anchor_cannot_take_an_id_of_the_theme() {
    let copy = copy_fixture();
    copy.edit(
        "mc-x-1/issued.md",
        "2\\. Establishes an assistance mechanism.",
        "2\\. Establishes an assistance mechanism.\n\nVersions",
    );
    let tmp = tempfile::tempdir().unwrap();
    match acquis::build(&config(&copy.content, &tmp.path().join("site"), false)) {
        Err(acquis::Error::Content(d)) => {
            let shown = show(&d);
            assert!(shown.contains("`versions`"), "{shown}")
        }
        Err(e) => panic!("{e}"),
        Ok(_) => {
            let problems = id_problems(&tmp.path().join("site"));
            assert!(problems.is_empty(), "{}", problems.join("\n"));
        }
    }
}

#[test]
fn two_builds_are_byte_identical_minified_or_not() {
    for minify in [false, true] {
        let (a, b) = (built_site(minify), built_site(minify));
        let (ta, tb) = (tree(&a.out), tree(&b.out));
        assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
        for (path, bytes) in &ta {
            assert!(
                bytes == &tb[path],
                "{} differs (minify: {minify})",
                path.display()
            );
        }
    }
    let (plain, small) = (built_site(false), built_site(true));
    let (plain, small) = (
        plain.page("mc-x-1/index.html"),
        small.page("mc-x-1/index.html"),
    );
    assert!(small.len() < plain.len(), "minify makes pages smaller");
    assert!(small.contains("annex.III.2.7"));
}

// ---------------------------------------------------------------------------------------------
// A failing build

/// The fixture with paragraph `4.` renumbered `3\.`: two paragraphs `3` in one division.
fn duplicate_anchor_copy() -> Copy {
    let copy = copy_fixture();
    copy.edit(
        "mc-x-1/compilation.md",
        "4. Decides to review",
        "3\\. Decides to review",
    );
    copy
}

#[test]
fn a_duplicate_anchor_names_both_places_and_leaves_the_previous_site_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture(), &out, true);
    let before = tree(&out);

    let broken = duplicate_anchor_copy();
    let diags = match acquis::build(&config(&broken.content, &out, true)) {
        Err(acquis::Error::Content(d)) => d,
        Err(e) => panic!("expected content errors, got {e}"),
        Ok(_) => panic!("a duplicate anchor must fail the build"),
    };
    let file = "mc-x-1/compilation.md";
    let first = line_of(&broken.content, file, "3\\. Requests");
    let second = line_of(&broken.content, file, "3\\. Decides to review");
    let d = one(&diags, "two places in this version have the anchor `3`");
    assert_eq!(
        (&*d.location.file, d.location.line as usize, d.location.col),
        (Path::new(file), second, 1)
    );
    assert_eq!(d.related.len(), 1, "{d}");
    assert_eq!(d.related[0].0.file, Path::new(file));
    assert_eq!(d.related[0].0.line as usize, first, "{d}");
    assert!(d.help.is_some());

    assert!(tree(&out) == before, "the previous site is unchanged");
    let beside: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        beside,
        ["site"],
        "no staging directory is left beside the output"
    );
}

#[test]
fn a_good_build_replaces_the_previous_site_without_leftovers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    fs::create_dir_all(out.join("stale")).unwrap();
    fs::write(out.join("stale/index.html"), "old").unwrap();
    build(&fixture(), &out, false);
    assert!(
        !out.join("stale").exists(),
        "files of the previous site do not survive"
    );
    assert!(out.join("mc-x-1/index.html").is_file());
    let beside: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(beside.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// The command line

fn acquis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_acquis"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn check_cli(content: &Path) -> Output {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let theme = theme();
    let output = acquis(&[
        "check",
        "--content",
        content.to_str().unwrap(),
        "--theme",
        theme.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!out.exists(), "check writes nothing");
    output
}

#[test]
fn check_fails_with_status_1_and_points_at_the_line() {
    let broken = duplicate_anchor_copy();
    let output = check_cli(&broken.content);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let line = line_of(
        &broken.content,
        "mc-x-1/compilation.md",
        "3\\. Decides to review",
    );
    assert!(
        stderr.contains(&format!("mc-x-1/compilation.md:{line}:1")),
        "{stderr}"
    );
    assert!(stderr.contains("= help:"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
}

#[test]
fn check_passes_on_the_fixture() {
    let output = check_cli(&fixture());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("checked 3 documents"), "{stderr}");
}

#[test]
fn build_and_check_help_list_their_options() {
    for sub in ["build", "check"] {
        let output = acquis(&[sub, "--help"]);
        assert!(output.status.success());
        let help = String::from_utf8_lossy(&output.stdout);
        for flag in [
            "--content",
            "--theme",
            "--out",
            "--no-minify",
            "--deny-warnings",
        ] {
            assert!(
                help.contains(flag),
                "`acquis {sub} --help` lacks {flag}:\n{help}"
            );
        }
    }
    let output = acquis(&["--help"]);
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for word in ["build", "check", "Exit status"] {
        assert!(help.contains(word), "`acquis --help` lacks {word}:\n{help}");
    }
}

#[test]
fn top_level_help_lists_the_build_options() {
    let help = String::from_utf8_lossy(&acquis(&["--help"]).stdout).into_owned();
    for flag in ["--content", "--theme", "--out", "--no-minify"] {
        assert!(help.contains(flag), "`acquis --help` lacks {flag}:\n{help}");
    }
}

// ---------------------------------------------------------------------------------------------
// Bad input: each a small edit of a copy of the fixture

/// The one diagnostic whose message contains `message`.
fn one<'a>(diags: &'a [Diagnostic], message: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.message.contains(message))
        .collect();
    assert_eq!(found.len(), 1, "`{message}` in:\n{}", show(diags));
    found[0]
}

/// Edits `file` of a copy of the fixture (`from` → `to`), compiles it, and checks that it fails
/// with an error containing `message` at `file`, on the line holding `at` after the edit.
fn check(file: &str, from: &str, to: &str, at: &str, message: &str) -> Diagnostic {
    let copy = copy_fixture();
    copy.edit(file, from, to);
    let diags = content_errors(&copy.content);
    let d = one(&diags, message).clone();
    assert!(d.is_error(), "{d}");
    assert_eq!(d.location.file, Path::new(file), "{d}");
    assert_eq!(
        d.location.line as usize,
        line_of(&copy.content, file, at),
        "{d}"
    );
    assert!(
        d.help.is_some() || message.starts_with("invalid YAML"),
        "no help: {d}"
    );
    d
}

#[test]
fn malformed_yaml_in_document_yaml() {
    let d = check(
        "mc-x-1/document.yaml",
        "body: Ministerial Council",
        "body: Ministerial: Council",
        "body: Ministerial: Council",
        "invalid YAML",
    );
    assert!(d.message.contains("mapping values are not allowed"), "{d}");
    assert_eq!(d.line_text.as_deref(), Some("body: Ministerial: Council"));
}

#[test]
fn unknown_front_matter_field() {
    let d = check(
        "mc-x-1/issued.md",
        "witness: as-issued",
        "witness: as-issued\ncolour: red",
        "colour: red",
        "unknown field `colour`",
    );
    assert!(
        d.help.as_deref().unwrap().contains("remove the field"),
        "{d}"
    );
}

#[test]
fn impossible_date() {
    let d = check(
        "mc-x-1/document.yaml",
        "date: 2003-12-02",
        "date: 2003-02-30",
        "date: 2003-02-30",
        "day 30 in `2003-02-30` does not exist",
    );
    assert_eq!(d.location.col as usize, "date: ".len() + 1, "{d}");
    assert!(d.help.as_deref().unwrap().contains("YYYY-MM-DD"), "{d}");
}

#[test]
fn impossible_date_in_front_matter() {
    check(
        "mc-x-1/issued.md",
        "date: 2003-12-02",
        "date: 2003-02-30",
        "date: 2003-02-30",
        "day 30 in `2003-02-30` does not exist",
    );
}

#[test]
fn folder_name_not_the_slug_of_the_symbol() {
    let copy = copy_fixture();
    fs::rename(copy.content.join("pc-x-9"), copy.content.join("pc-x-09")).unwrap();
    let diags = content_errors(&copy.content);
    let d = one(
        &diags,
        "the folder is `pc-x-09` but the slug of symbol `PC.X/9` is `pc-x-9`",
    );
    assert_eq!(d.location.file, Path::new("pc-x-09/document.yaml"));
    assert_eq!(
        d.location.line as usize,
        line_of(&copy.content, "pc-x-09/document.yaml", "symbol:")
    );
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("rename the folder to `pc-x-9`"),
        "{d}"
    );
}

#[test]
fn masthead_line_after_the_text() {
    check(
        "mc-x-1/issued.md",
        "The Ministerial Council,\n",
        "The Ministerial Council,\n\n# A LATE MASTHEAD LINE\n",
        "# A LATE MASTHEAD LINE",
        "a `#` line after the start of the text",
    );
}

#[test]
fn raw_html_is_refused() {
    let copy = copy_fixture();
    copy.edit(
        "mc-x-1/issued.md",
        "to Combat Examples;",
        "to <b>Combat</b> Examples;",
    );
    let diags = content_errors(&copy.content);
    let file = "mc-x-1/issued.md";
    let line = line_of(&copy.content, file, "<b>Combat</b>");
    let text = copy.read(file).lines().nth(line - 1).unwrap().to_owned();
    let places: Vec<(&Path, usize, usize)> = diags
        .iter()
        .filter(|d| d.message == "raw HTML is refused")
        .map(|d| {
            (
                &*d.location.file,
                d.location.line as usize,
                d.location.col as usize,
            )
        })
        .collect();
    let col = |tag| text[..text.find(tag).unwrap()].chars().count() + 1;
    let file = Path::new(file);
    assert_eq!(
        places,
        [(file, line, col("<b>")), (file, line, col("</b>"))],
        "{}",
        show(&diags)
    );
    assert!(diags.iter().all(|d| d.help.is_some()));
}

#[test]
fn footnote_referenced_but_not_defined() {
    check(
        "mc-x-1/issued.md",
        "2\\. Establishes an assistance mechanism.",
        "2\\. Establishes an assistance mechanism.[^9]",
        "Establishes an assistance mechanism.[^9]",
        "footnote `[^9]` is referenced but never defined",
    );
}

#[test]
fn unclosed_editorial_note() {
    let d = check(
        "mc-x-1/issued.md",
        "2\\. Establishes an assistance mechanism.",
        "2\\. Establishes an “assistance” {~~mechanism.",
        "{~~mechanism",
        "editorial note is not closed: `~~}` is missing",
    );
    let line = d.line_text.as_deref().unwrap();
    let col = line[..line.find("{~~").unwrap()].chars().count() + 1;
    assert_eq!(
        d.location.col as usize, col,
        "columns count characters: {d}"
    );
}

#[test]
fn an_unreferenced_footnote_is_a_warning_that_deny_warnings_turns_into_an_error() {
    let copy = copy_fixture();
    copy.edit(
        "mc-x-1/issued.md",
        "mechanism.\n",
        "mechanism.\n\n[^7]: Never referenced.\n",
    );
    let built = compile(&copy.content);
    let w = one(
        &built.warnings,
        "footnote `7` is defined but never referenced",
    );
    assert!(!w.is_error());
    assert_eq!(
        w.location.line as usize,
        line_of(&copy.content, "mc-x-1/issued.md", "[^7]:")
    );
    let mut strict = config(&copy.content, Path::new("unused"), false);
    strict.deny_warnings = true;
    match acquis::compile(&strict) {
        Err(acquis::Error::Content(d)) => {
            one(&d, "footnote `7` is defined but never referenced");
        }
        other => panic!(
            "--deny-warnings must fail the build: {:?}",
            other.map(|_| ())
        ),
    }
}

#[test]
fn every_bad_input_is_reported_in_one_run() {
    let copy = copy_fixture();
    copy.edit(
        "mc-x-1/issued.md",
        "witness: as-issued",
        "witness: as-issued\ncolour: red",
    );
    copy.edit(
        "exampleton-document-1990/excerpt.md",
        "Done at Exampleton.",
        "Done at <i>Exampleton</i>.",
    );
    copy.edit(
        "mc-x-1/compilation.md",
        "to consult the",
        "to {--consult the",
    );
    let diags = content_errors(&copy.content);
    let errors: BTreeSet<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.location.file.display().to_string())
        .collect();
    assert_eq!(
        errors.into_iter().collect::<Vec<_>>(),
        [
            "exampleton-document-1990/excerpt.md",
            "mc-x-1/compilation.md",
            "mc-x-1/issued.md"
        ],
        "{}",
        show(&diags)
    );
}

#[test]
fn build_writes_exactly_the_files_that_compile_renders() {
    // `build` streams each page to disk as it is rendered; `compile` keeps them in memory.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let built = build(&fixture(), &out, false);
    let compiled = compile(&fixture());
    assert_eq!(built.file_count, compiled.files.len());
    let written: Vec<(std::path::PathBuf, Vec<u8>)> = walkdir::WalkDir::new(&out)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&out).unwrap().to_path_buf();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect();
    let mut expected: Vec<_> = compiled
        .files
        .iter()
        .map(|f| (f.path.clone(), f.bytes.clone()))
        .collect();
    expected.sort();
    let mut written = written;
    written.sort();
    assert_eq!(written, expected);
}
