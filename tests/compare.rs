//! The compare stage: alignment of the real witnesses (the two versions of the Vienna decision,
//! the two of PC Decision No. 426), word diffs on the fixture `tests/fixtures/versions` (known
//! insertions, deletions, a move, renumbering, editorial corrections), the pages and data files
//! built from them, `acquis diff`, and the quotation finder on known pairs of the real corpus.
//!
//! [`Comparer`], which keeps the comparison up to date for `acquis serve`, is held to give what
//! comparing the new corpus from scratch gives, after every kind of edit.
//!
//! The golden file `tests/fixtures/versions/expected/diff.txt` is what `acquis diff` prints for the
//! fixture's two versions; rewrite it with `UPDATE_EXPECT=1 cargo test --release --test compare`
//! and review the change.

mod common;

use acquis::compare::quote::{self, Measured};
use acquis::compare::{self, Comparer};
use acquis::model::{Comparison, Match, QuotePair, Row, UnitKind, VersionPair, WordDiff, WordOp};
use acquis::Built;
use common::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn real() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| compile(&root().join("content")))
}

fn versions_fixture() -> PathBuf {
    root().join("tests/fixtures/versions/content")
}

fn pair<'a>(built: &'a Built, slug: &str) -> &'a VersionPair {
    built
        .comparison
        .pairs
        .iter()
        .find(|p| p.slug == slug)
        .unwrap_or_else(|| panic!("{slug} has no pair of versions"))
}

fn aligned<'a>(p: &'a VersionPair, a: &str) -> &'a acquis::model::Aligned {
    p.aligned()
        .find(|x| x.a.anchor == a)
        .unwrap_or_else(|| panic!("{}/{}#{a} is not aligned", p.slug, p.a))
}

// ---------------------------------------------------------------------------------------------
// The real witnesses

#[test]
fn the_vienna_decision_aligns_the_issued_numbering_with_the_compilation_s() {
    let p = pair(real(), "mc-8-dec-1");
    assert_eq!((p.a.as_str(), p.b.as_str()), ("issued", "compilation"));
    assert!(
        p.rows.iter().all(|r| matches!(r, Row::Aligned(_))),
        "every paragraph of either witness has its counterpart"
    );
    for n in 1..=14 {
        assert_eq!(
            p.counterpart("issued", &n.to_string()),
            Some((n + 3).to_string().as_str()),
            "operative paragraph {n} as issued is {} in the compilation",
            n + 3
        );
        assert_eq!(
            p.counterpart("compilation", &(n + 3).to_string()),
            Some(n.to_string().as_str())
        );
    }
    for (issued, compilation) in [
        ("bearing-in-mind-the", "1"),
        ("recalling-the-osce-commitments", "2"),
        ("recognizing-that-trafficking-in", "3"),
    ] {
        assert_eq!(
            p.counterpart("issued", issued),
            Some(compilation),
            "{issued}"
        );
    }
    assert!(p.aligned().all(|x| !x.moved));
    let paragraphs: Vec<_> = p
        .aligned()
        .filter(|x| x.a.kind == UnitKind::Paragraph)
        .collect();
    assert_eq!(paragraphs.len(), 18);
    assert!(paragraphs
        .iter()
        .all(|x| x.matched == Match::SameWords && x.diff.is_same()));
    let corrected = aligned(p, "7");
    assert!(
        corrected.diff.has_notes(),
        "the OCR corrections of paragraph 7 as issued show in the diff"
    );
    let masthead = aligned(p, "masthead");
    assert!(!masthead.diff.is_same(), "the two mastheads differ");
}

#[test]
fn an_unchanged_paragraph_keeps_no_copy_of_its_words_and_its_diff_row_still_prints_them() {
    let built = real();
    let p = pair(built, "mc-8-dec-1");
    let doc = built
        .corpus
        .documents
        .iter()
        .find(|d| d.slug == p.slug)
        .unwrap();
    let issued = doc.versions.iter().find(|v| v.meta.id == p.a).unwrap();
    let html = built_text(built, "mc-8-dec-1/diff/issued..compilation/index.html");
    let mut checked = 0;
    for x in p.aligned().filter(|x| x.a.kind == UnitKind::Paragraph) {
        if !matches!(x.diff, WordDiff::Identical { .. }) {
            continue;
        }
        let paragraph = issued
            .paragraphs()
            .into_iter()
            .find(|q| q.anchor == x.a.anchor)
            .unwrap();
        let text = acquis::model::Inline::plain(&paragraph.content, &issued.notes);
        let words: Vec<&str> = text.split_whitespace().take(4).collect();
        if !words.iter().all(|w| w.chars().all(char::is_alphabetic)) {
            continue;
        }
        let start = html
            .find(&format!("id=\"issued:{}\"", x.a.anchor))
            .unwrap_or_else(|| panic!("no row for {}", x.a.anchor));
        let row = &html[start..];
        let row = &row[..row[1..].find("id=\"issued:").map_or(row.len(), |e| e + 1)];
        assert!(
            row.contains(&words.join(" ")),
            "the row of {} prints its words: {row}",
            x.a.anchor
        );
        checked += 1;
    }
    assert!(
        checked >= 10,
        "the unchanged paragraphs are kept as identical, without their words ({checked})"
    );
}

#[test]
fn pc_decision_426_aligns_unnumbered_paragraphs_and_dashes_with_the_numbered_ones() {
    let p = pair(real(), "pc-dec-426");
    assert_eq!((p.a.as_str(), p.b.as_str()), ("issued", "compilation"));
    assert!(p.rows.iter().all(|r| matches!(r, Row::Aligned(_))));
    for (issued, compilation) in [
        ("aware-that-trafficking-in", "1"),
        ("taking-note-of-the", "2"),
        ("mindful-of-the-commitments", "3"),
        ("guided-by-the-platform", "4"),
        ("requests-the-chairman-in-office-the", "5"),
        ("inform-other-international-organizations", "5.indent1"),
        ("encourage-those-international-organizations", "5.indent2"),
        ("invite-the-relevant-international", "5.indent3"),
        ("encourage-them-to-participate", "5.indent4"),
    ] {
        assert_eq!(
            p.counterpart("issued", issued),
            Some(compilation),
            "{issued}"
        );
    }
    let mindful = aligned(p, "mindful-of-the-commitments");
    assert_eq!(mindful.similarity, 1.0, "the same words");
    assert!(
        !mindful.diff.is_same(),
        "but the apostrophe differs (OSCE's / OSCE’s)"
    );
    let WordDiff::Runs(ops) = &mindful.diff else {
        panic!("the two texts differ, so the diff has runs");
    };
    let changed: Vec<(Vec<&str>, Vec<&str>)> = ops
        .windows(2)
        .filter_map(|w| match w {
            [WordOp::Delete(d), WordOp::Insert(i)] => Some((
                d.iter().map(|t| t.text.as_str()).collect(),
                i.iter().map(|t| t.text.as_str()).collect(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(changed, [(vec!["OSCE's"], vec!["OSCE’s"])]);
    assert!(
        mindful.diff.has_notes(),
        "the stray mark left out of the issued text is shown"
    );
}

// ---------------------------------------------------------------------------------------------
// The fixture: `acquis diff`

fn acquis(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_acquis"));
    cmd.args(args)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn diff_cli(first: &str, second: &str, env: &[(&str, &str)]) -> Output {
    let content = versions_fixture();
    acquis(
        &[
            "diff",
            first,
            second,
            "--content",
            content.to_str().unwrap(),
        ],
        env,
    )
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "acquis diff failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn acquis_diff_prints_insertions_deletions_moves_and_renumbering() {
    let out = stdout(&diff_cli("pc-v-1/original", "pc-v-1/revision", &[]));
    expect_file("tests/fixtures/versions/expected/diff.txt", &out);
    for expected in [
        // renumbering: the preamble the revision numbers, the operative paragraphs shifted by two
        "@@ “Recalling the commitments on combating examples …” · 1  (same words, numbered differently)",
        "@@ 1 · 3  (same words, numbered differently)",
        // insertions and a replacement
        "Requests the working group to report {+in writing+} on its activities to the Permanent Council [-twice-] {+four times+} a year;",
        // a deletion
        "best practices [-in combating examples-], in particular",
        // a move
        "@@ 5 · 5  (92% of words in common, moved)",
        // a paragraph dropped and one added
        "@@ Paragraph 3 of pc-v-1/original is not in pc-v-1/revision",
        "[-3 Invites the participating States to nominate national co-ordinators for examples;-]",
        "{+7 Calls on the participating States to adopt national action plans on examples;+}",
        // editorial corrections: where the words agree and where they differ
        "Exampleton Document of 1990⟨a⟩,",
        "  ⟨a⟩ pc-v-1/revision: The source reads “l990”; corrected to “1990”.",
        "in [-2006-] {+2007⟨b⟩+}.",
    ] {
        assert!(out.contains(expected), "missing: {expected}\n---\n{out}");
    }
}

#[test]
fn acquis_diff_is_coloured_only_on_a_terminal() {
    let plain = stdout(&diff_cli("pc-v-1/original", "pc-v-1/revision", &[]));
    assert!(!plain.contains('\x1b'), "no escape codes in a pipe");
    let forced = stdout(&diff_cli(
        "pc-v-1/original",
        "pc-v-1/revision",
        &[("CLICOLOR_FORCE", "1")],
    ));
    assert!(forced.contains("\x1b[31m[-twice-]"), "{forced}");
    assert!(forced.contains("\x1b[32m{+four times+}"), "{forced}");
}

#[test]
fn acquis_diff_compares_two_paragraphs_by_reference() {
    let out = stdout(&diff_cli("pc-v-1/original#4", "mc-v-2#1", &[]));
    assert!(out.contains("--- pc-v-1/original#4"), "{out}");
    assert!(
        out.contains("regular meetings of experts {+and of national co-ordinators+};"),
        "{out}"
    );
    assert!(
        out.contains("@@ 4 · 1  (91% of words in common, 100% of the shorter in shared runs)"),
        "{out}"
    );
    let missing = diff_cli("pc-v-1#99", "mc-v-2#1", &[]);
    assert_eq!(missing.status.code(), Some(2));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(
        err.contains("`pc-v-1/revision` has no paragraph `#99`"),
        "{err}"
    );
    let mixed = diff_cli("pc-v-1", "mc-v-2#1", &[]);
    assert!(String::from_utf8_lossy(&mixed.stderr).contains("not one of each"));
    let unknown = diff_cli("pc-v-9", "mc-v-2", &[]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("did you mean pc-v-1?"));
}

// ---------------------------------------------------------------------------------------------
// The fixture: pages and data

fn versions_site() -> Site {
    site_of(&versions_fixture(), false)
}

#[test]
fn the_diff_pages_mark_changes_with_signs_and_group_missing_paragraphs() {
    let site = versions_site();
    let inline = site.page("pc-v-1/diff/original..revision/index.html");
    assert!(inline.contains("<h1>Differences between the text as issued and the revision</h1>"));
    assert!(inline.contains("report <ins><span class=\"vh\">inserted: </span><span class=\"sign\" aria-hidden=\"true\">[+</span>in writing<span class=\"sign\" aria-hidden=\"true\">+]</span><span class=\"vh\"> (end inserted)</span></ins> on its activities"), "{inline}");
    assert!(inline.contains("<del><span class=\"vh\">deleted: </span><span class=\"sign\" aria-hidden=\"true\">[−</span>twice"));
    assert!(inline.contains("Paragraph 3 of the text as issued is not in the revision"));
    assert!(inline.contains("<span class=\"status\">moved</span>"));
    assert!(inline.contains("<span class=\"status\">numbered differently</span>"));
    assert!(inline.contains("revision, note a: The source reads “l990”; corrected to “1990”."));
    assert!(
        inline.contains(r#"id="original:1""#) && inline.contains(r#"id="revision:3""#),
        "a row is reached in either numbering"
    );
    let side = site.page("pc-v-1/diff/original..revision/side-by-side/index.html");
    assert!(side.contains("<table class=\"side-by-side\">"));
    assert!(side.contains("<td class=\"absent\"><p>Paragraph 7 of the revision is not in the text as issued.</p></td>"), "{side}");
}

#[test]
fn version_pages_link_each_paragraph_to_its_counterpart_and_take_the_other_numbering() {
    let site = versions_site();
    let original = site.page("pc-v-1/original/index.html");
    let para = element(&original, "1");
    assert!(
        para.contains(r#"<span class="alias" id="revision:3"><span class="alias-note">You followed paragraph 3 of the revision (revision:3); in the text as issued it is paragraph 1.</span></span>"#),
        "{para}"
    );
    assert!(
        para.contains(
            r#"<a class="counterpart" href="../../pc-v-1/revision/#3" data-version="revision""#
        ),
        "{para}"
    );
    assert!(original.contains(r#"<a href="../../pc-v-1/revision/" data-version="revision">"#));
    assert!(original.contains(r#"href="../../pc-v-1/diff/original..revision/">word diff</a>"#));
    let revision = site.page("pc-v-1/index.html");
    assert!(revision.contains(r#"id="original:recalling-the-commitments-on""#));
    assert!(
        !element(&revision, "7").contains("class=\"counterpart\""),
        "a paragraph only the revision has links nowhere"
    );
    let problems: Vec<String> = id_problems(&site.out)
        .into_iter()
        .chain(link_problems(&site.out))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_concordance_is_a_table_and_json() {
    let site = versions_site();
    let html = site.page("pc-v-1/concordance/index.html");
    assert!(html.contains("<h2 id=\"original..revision\">The text as issued and the revision</h2>"));
    assert!(
        html.contains(r#"<a href="../../pc-v-1/revision/#original:1">"#),
        "the example alias"
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.page("pc-v-1/concordance.json")).unwrap();
    let rows = json["pairs"][0]["rows"].as_array().unwrap();
    let find = |a: &str| rows.iter().find(|r| r["a"] == a).unwrap();
    assert_eq!(find("1")["b"], "3");
    assert_eq!(find("1")["match"], "same-words");
    assert_eq!(find("2")["match"], "similar");
    assert_eq!(find("3")["b"], serde_json::Value::Null);
    assert_eq!(find("5")["moved"], true);
    assert!(rows.iter().any(|r| r["a"].is_null() && r["b"] == "7"));
}

#[test]
fn the_compare_page_has_its_data_and_script() {
    let site = versions_site();
    let page = site.page("compare/index.html");
    assert!(page.contains("assets/vendor/diff.min.js") && page.contains("assets/compare.js"));
    let docs: serde_json::Value =
        serde_json::from_str(&site.page("compare/documents.json")).unwrap();
    assert_eq!(docs["documents"][0]["slug"], "mc-v-2");
    assert_eq!(docs["documents"][1]["canonical"], "revision");
    let paras: serde_json::Value =
        serde_json::from_str(&site.page("pc-v-1/revision/paragraphs.json")).unwrap();
    let first = &paras["paragraphs"][1];
    assert_eq!(first["anchor"], "1");
    assert_eq!(
        first["text"],
        "Recalling the commitments on combating examples contained in the Exampleton Document of 1990,"
    );
    assert_eq!(
        first["notes"][0],
        "revision, note a: The source reads “l990”; corrected to “1990”."
    );
    assert!(site.out.join("assets/compare.js").is_file());
}

#[test]
fn a_version_id_that_takes_a_comparison_url_is_an_error() {
    let copy = copy_of("versions");
    fs::rename(
        copy.content.join("pc-v-1/original.md"),
        copy.content.join("pc-v-1/diff.md"),
    )
    .unwrap();
    copy.edit("pc-v-1/diff.md", "id: original", "id: diff");
    let diags = content_errors(&copy.content);
    let text = show(&diags);
    assert!(
        text.contains("the version id `diff` is the URL of the document's diff page"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// The quotation finder

fn figures(m: &Measured) -> String {
    format!(
        "{}/{}#{} ~ {}/{}#{}: similarity {:.2}, coverage {:.2}, {} words in shared runs ({} and {} words)",
        m.x.slug,
        m.x.version,
        m.x.anchor,
        m.y.slug,
        m.y.version,
        m.y.anchor,
        m.overlap.similarity(),
        m.overlap.coverage(),
        m.overlap.in_runs,
        m.overlap.len_a,
        m.overlap.len_b
    )
}

/// The measured pair of `x` and `y` (`slug/version#anchor`), in either order.
fn measured<'a>(all: &'a [Measured], x: &str, y: &str) -> Option<&'a Measured> {
    let key = |r: &acquis::model::ParaRef| format!("{}/{}#{}", r.slug, r.version, r.anchor);
    all.iter()
        .find(|m| (key(&m.x) == x && key(&m.y) == y) || (key(&m.x) == y && key(&m.y) == x))
}

/// Known quotations and adaptations in the corpus, and near misses, with the figures measured
/// when the thresholds were set (similarity = Dice over words; coverage = share of the shorter
/// paragraph in shared runs of at least three words; runs = words in those runs):
///
/// | pair | similarity | coverage | runs | kept |
/// | --- | --- | --- | --- | --- |
/// | Action Plan III.10.2 quoted in a block quote of the 2006 report | 1.00 | 1.00 | 48 | yes |
/// | Action Plan III.9.2 (12 words) quoted by the report | 1.00 | 1.00 | 12 | yes |
/// | MC(8).DEC/1 9 (issued) adapted by the PA Paris Declaration 4 | 0.85 | 0.97 | 71 | yes |
/// | Moscow Document 40.7 restated by the PA St. Petersburg Declaration 6 | 0.81 | 1.00 | 35 | yes |
/// | Porto Declaration I.1 restated by PC.DEC/557 2 | 0.88 | 0.80 | 20 | yes |
/// | MC(8).DEC/1 10 (issued) restated by the Porto Declaration II.13 | 0.56 | 0.67 | 48 | yes |
/// | PC.DEC/426 "Aware that trafficking …" adapted by the guidelines SEC.GAL/87/01 | 0.21 | 0.67 | 8 | yes (the shortest kept) |
/// | Porto Declaration II.9 quoted inside a long paragraph of the report | 0.41 | 0.49 | 44 | yes, as a passage (≥ 25) |
/// | "the Office for Democratic Institutions and Human Rights": a name (PC.DEC/426 5 / the report's acknowledgement) | 0.41 | 0.47 | 8 | no: coverage under 0.5 |
/// | "Calls upon the Governments of OSCE participating States to": a formula (PA Copenhagen 85 / St. Petersburg 9) | 0.23 | 0.54 | 7 | no: under 8 words |
/// | PA Berlin 22 and Rotterdam 10, sharing one clause | 0.40 | 0.48 | 15 | no: coverage under 0.5, under 25 words |
/// | MC.DEC/2/03 1 and the report naming "the OSCE Action Plan to Combat Trafficking in Human Beings" | — | — | — | no: a title, masked |
///
/// Known limit: mentions of external instruments are not masked yet (the UN Protocol's 20-word
/// title keeps paragraphs that only name it at 20-23 words in runs, under the passage threshold).
#[test]
fn the_quotation_finder_keeps_known_quotations_and_leaves_near_misses() {
    let all = quote::measure(&real().corpus);
    let kept = [
        (
            "mc-dec-2-03/compilation#annex.III.10.2",
            "sr-atau-report-2006/issued#III.1.the-strategic-police-matters",
        ),
        (
            "mc-dec-2-03/compilation#annex.III.9.2",
            "sr-atau-report-2006/issued#III.1.the-osce-will-further",
        ),
        (
            "mc-8-dec-1/issued#9",
            "osce-pa-paris-declaration/compilation#4",
        ),
        (
            "moscow-document-1991/compilation#40.7",
            "osce-pa-st-petersburg-declaration/compilation#6",
        ),
        ("mc-doc-1-02/compilation#I.1", "pc-dec-557/compilation#2"),
        ("mc-8-dec-1/issued#10", "mc-doc-1-02/compilation#II.13"),
        (
            "pc-dec-426/issued#aware-that-trafficking-in",
            "sec-gal-87-01/issued#trafficking-in-human-beings-2",
        ),
        (
            "mc-doc-1-02/compilation#II.9",
            "sr-atau-report-2006/issued#annex.the-porto-declaration-highlighted",
        ),
    ];
    for (x, y) in kept {
        let m = measured(&all, x, y).unwrap_or_else(|| panic!("{x} ~ {y} is not even a candidate"));
        assert!(m.accepted, "should be kept: {}", figures(m));
        println!("kept:     {}", figures(m));
    }
    let rejected = [
        (
            "pc-dec-426/issued#requests-the-chairman-in-office-the",
            "sr-atau-report-2006/issued#the-office-for-democratic",
        ),
        (
            "osce-pa-copenhagen-declaration/compilation#85",
            "osce-pa-st-petersburg-declaration/compilation#9",
        ),
        (
            "osce-pa-berlin-declaration/compilation#22",
            "osce-pa-rotterdam-declaration/compilation#10",
        ),
    ];
    for (x, y) in rejected {
        let m = measured(&all, x, y).unwrap_or_else(|| panic!("{x} ~ {y} is not a candidate"));
        assert!(!m.accepted, "should be left out: {}", figures(m));
        println!("left out: {}", figures(m));
    }
    let title_only = measured(
        &all,
        "mc-dec-2-03/compilation#1",
        "sr-atau-report-2006/issued#part-ii-the-operational",
    );
    assert!(
        title_only.is_none_or(|m| !m.accepted),
        "a shared title is not a quotation: {:?}",
        title_only.map(figures)
    );
}

#[test]
fn each_paragraph_lists_its_related_paragraphs_best_version_first() {
    let q = &real().comparison.quotations;
    let related: Vec<String> = q
        .of("osce-pa-paris-declaration", "compilation", "4")
        .map(|p| {
            format!(
                "{}/{}#{}",
                p.earlier.slug, p.earlier.version, p.earlier.anchor
            )
        })
        .collect();
    assert_eq!(
        related,
        ["mc-8-dec-1/issued#9"],
        "one entry for the Vienna decision, in its canonical version (both read the same)"
    );
    let report: Vec<_> = q
        .of("mc-dec-2-03", "compilation", "annex.III.10.2")
        .map(|p| (p.later.anchor.as_str(), p.similarity))
        .collect();
    assert_eq!(
        report.first(),
        Some(&("III.1.the-strategic-police-matters", 1.0)),
        "the report's block quote first: {report:?}"
    );
}

#[test]
fn the_finder_keeps_adaptations_and_ignores_a_shared_title_in_the_fixture() {
    let built = compile(&versions_fixture());
    let q = &built.comparison.quotations;
    let of = |anchor: &str| -> Vec<String> {
        q.of("mc-v-2", "issued", anchor)
            .map(|p| {
                format!(
                    "{}/{}#{} {:.2}",
                    p.earlier.slug, p.earlier.version, p.earlier.anchor, p.similarity
                )
            })
            .collect()
    };
    assert_eq!(of("1"), ["pc-v-1/original#4 0.91"]);
    assert_eq!(
        of("recalling-that-the-permanent"),
        ["pc-v-1/revision#3 0.80"],
        "the canonical version on a tie"
    );
    assert!(
        of("2").is_empty(),
        "naming the decision by its title is not quoting it"
    );
    assert!(of("3").is_empty());
}

/// A synthetic corpus of `n` documents: 4 paragraphs that every document opens with the same
/// 16-word formula and ends with 6 words of its own, 8 paragraphs of pseudo-random words, and in
/// every tenth document a paragraph quoting the document before it.
fn synthetic(dir: &Path, n: usize) {
    fs::create_dir_all(dir).unwrap();
    fs::write(
        dir.join("site.yaml"),
        "title: Synthetic\nbase_url: https://example.org\nlanguage: en\ndescription: Synthetic corpus.\n",
    )
    .unwrap();
    let vocabulary: Vec<String> = (0..600).map(|i| format!("w{i}")).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut previous = String::new();
    for d in 0..n {
        let slug = format!("doc-{d}");
        let dir = dir.join(&slug);
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("document.yaml"),
            format!("short_title: Doc {d}\ntitle: Synthetic document {d}\nkind: decision\nbody: Council\ndate: 2000\nstatus: test\ndescription: Synthetic.\ncanonical: text\n"),
        )
        .unwrap();
        let mut body = String::from("---\nid: text\nlabel: Text\nwitness: as-issued\ndate: 2000\nsource:\n  file: none.txt\n  lines: [[1, 2]]\n---\n\n");
        for f in 0..4 {
            let tail: Vec<&str> = (0..6)
                .map(|_| vocabulary[(next() % 600) as usize].as_str())
                .collect();
            body.push_str(&format!(
                "{}\\. The Council recalls that all participating States committed to the common formula number {f} of this series, {};\n\n",
                f + 1,
                tail.join(" ")
            ));
        }
        let mut first = String::new();
        for p in 0..8 {
            let words: Vec<&str> = (0..30)
                .map(|_| vocabulary[(next() % 600) as usize].as_str())
                .collect();
            let text = words.join(" ");
            if p == 0 {
                first = text.clone();
            }
            body.push_str(&format!("{}\\. {text};\n\n", p + 5));
        }
        if d % 10 == 9 {
            body.push_str(&format!("13\\. Quoting: {previous};\n\n"));
        }
        previous = first;
        fs::write(dir.join("text.md"), body).unwrap();
    }
}

#[test]
fn the_finder_grows_linearly_because_formulas_propose_no_pairs() {
    let tmp = tempfile::tempdir().unwrap();
    let count = |n: usize| {
        let dir = tmp.path().join(format!("c{n}"));
        synthetic(&dir, n);
        let (corpus, _) = acquis::resolve_content(&dir).unwrap();
        let all = quote::measure(&corpus);
        let kept = all.iter().filter(|m| m.accepted).count();
        (all.len(), kept)
    };
    let (small, kept_small) = count(100);
    let (large, kept_large) = count(200);
    assert_eq!(
        (kept_small, kept_large),
        (10, 20),
        "every quotation is found, and no formula counts as one"
    );
    println!("candidate pairs: {small} at 100 documents, {large} at 200");
    assert!(
        large <= small * 5 / 2,
        "candidates must grow linearly with the corpus, not with its square: {small} → {large}"
    );
    // Comparing the four formula paragraphs of every pair of documents would propose
    // 4 × n(n-1)/2 pairs: 19,800 at 100 documents, 79,600 at 200. A formula shingle that
    // winnowing keeps in only some documents (at the formula's edge) still proposes pairs while
    // fewer than MAX_POSTING paragraphs keep it: a bounded number, which falls as the corpus grows.
    assert!(small < 19_800 / 10, "{small}");
}

// ---------------------------------------------------------------------------------------------
// The comparison kept up to date (`acquis serve`)

/// A [`Comparer`] following a content directory edit by edit.
struct Following {
    content: PathBuf,
    comparer: Comparer,
    /// What the last update reported.
    diagnostics: Vec<acquis::diagnostics::Diagnostic>,
}

impl Following {
    fn new(content: &Path) -> Self {
        let corpus = resolved(content);
        let (comparer, diagnostics) = Comparer::new(&corpus);
        let (full, full_diagnostics) = compare::compare(&corpus);
        assert_same(comparer.comparison(), &full, "Comparer::new");
        assert_eq!(diagnostics, full_diagnostics);
        Following {
            content: content.to_path_buf(),
            comparer,
            diagnostics,
        }
    }

    /// Updates after the documents `changed` were edited on disk, holds the result to a fresh
    /// comparison of the new corpus (pairs, order, lists of each paragraph, diagnostics) and
    /// every document whose digest changed to be among those returned, which are returned.
    fn update(&mut self, step: &str, changed: &[&str]) -> BTreeSet<String> {
        let corpus = resolved(&self.content);
        let before = compare::digests(self.comparer.comparison());
        let changed: BTreeSet<String> = changed.iter().map(|s| s.to_string()).collect();
        let (diagnostics, touched) = self.comparer.update(&corpus, &changed);
        let (full, full_diagnostics) = compare::compare(&corpus);
        assert_same(self.comparer.comparison(), &full, step);
        assert_eq!(diagnostics, full_diagnostics, "{step}: the diagnostics");
        self.diagnostics = diagnostics;
        let after = compare::digests(&full);
        let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
        for slug in keys {
            if before.get(slug) != after.get(slug) {
                assert!(
                    touched.contains(slug),
                    "{step}: the comparison of {slug} changed, but the update does not say so: {touched:?}"
                );
            }
        }
        touched
    }

    fn quotations(&self) -> usize {
        self.comparer.comparison().quotations.pairs.len()
    }

    /// The quotation pairs of two paragraphs numbered 26 or more (which generated documents
    /// do not have: the tests add them).
    fn added_pairs(&self) -> usize {
        let added = |anchor: &str| anchor.parse::<usize>().is_ok_and(|n| n > 25);
        self.comparer
            .comparison()
            .quotations
            .pairs
            .iter()
            .filter(|p| added(&p.earlier.anchor) && added(&p.later.anchor))
            .count()
    }

    fn file(&self, rel: &str) -> PathBuf {
        self.content.join(rel)
    }
}

fn resolved(content: &Path) -> acquis::model::Corpus {
    match acquis::resolve_content(content) {
        Ok((corpus, _)) => corpus,
        Err(acquis::Error::Content(d)) => panic!("{}", show(&d)),
        Err(e) => panic!("{e}"),
    }
}

/// `kept` and `full` are the same comparison, told piece by piece.
fn assert_same(kept: &Comparison, full: &Comparison, step: &str) {
    let slugs = |c: &Comparison| -> Vec<String> {
        c.pairs
            .iter()
            .map(|p| format!("{} {}~{}", p.slug, p.a, p.b))
            .collect()
    };
    assert_eq!(slugs(kept), slugs(full), "{step}: the pairs of versions");
    for (a, b) in kept.pairs.iter().zip(&full.pairs) {
        assert!(
            a == b,
            "{step}: the alignment of {} {}~{}",
            a.slug,
            a.a,
            a.b
        );
    }
    let show = |p: &QuotePair| {
        format!(
            "{}/{}#{} ~ {}/{}#{} {:.3}",
            p.earlier.slug,
            p.earlier.version,
            p.earlier.anchor,
            p.later.slug,
            p.later.version,
            p.later.anchor,
            p.similarity
        )
    };
    let (q, r) = (&kept.quotations, &full.quotations);
    let listed = |q: &acquis::model::Quotations| q.pairs.iter().map(show).collect::<Vec<_>>();
    let (kept_pairs, full_pairs) = (listed(q), listed(r));
    if kept_pairs != full_pairs {
        let only = |x: &[String], y: &[String]| -> Vec<String> {
            x.iter()
                .filter(|p| !y.contains(p))
                .take(5)
                .cloned()
                .collect()
        };
        panic!(
            "{step}: the quotation pairs differ ({} kept, {} fresh); only kept: {:?}; only fresh: {:?}",
            kept_pairs.len(),
            full_pairs.len(),
            only(&kept_pairs, &full_pairs),
            only(&full_pairs, &kept_pairs)
        );
    }
    assert!(q.pairs == r.pairs, "{step}: the quotation pairs' diffs");
    assert_eq!(
        q.by_paragraph, r.by_paragraph,
        "{step}: each paragraph's pairs"
    );
    assert!(kept == full, "{step}");
}

fn replace_once(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` in {}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn append(path: &Path, text: &str) {
    let mut all = fs::read_to_string(path).unwrap();
    all.push_str(text);
    fs::write(path, all).unwrap();
}

/// `n` words no text of the corpus has, from `seed`.
fn unique_words(seed: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("{seed}{}", (b'a' + (i % 26) as u8) as char).repeat(1 + i / 26))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn an_updated_comparison_is_the_fresh_one_after_every_kind_of_edit() {
    let (tmp, content) = generated(60, 5);
    let mut slugs: Vec<String> = fs::read_dir(&content)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    let revised: Vec<&String> = slugs
        .iter()
        .filter(|s| content.join(s).join("revised.md").exists())
        .collect();
    let (a, b, d) = (slugs[10].as_str(), slugs[40].as_str(), slugs[50].as_str());
    let c = revised[2].as_str();
    assert!(![a, b, d].contains(&c));
    let mut f = Following::new(&content);
    assert!(
        f.quotations() > 1000,
        "the generated texts share many phrases"
    );
    assert_eq!(f.added_pairs(), 0);
    let issued = |slug: &str| f.file(&format!("{slug}/issued.md"));
    let (fa, fb, fc, fd) = (issued(a), issued(b), issued(c), issued(d));
    let passage = unique_words("qx", 30);
    let tail = unique_words("tw", 4);

    append(
        &fa,
        &format!("\n26\\. The Council notes {passage} {tail};\n"),
    );
    let touched = f.update("a paragraph of new words", &[a]);
    assert_eq!(
        (f.added_pairs(), touched),
        (0, BTreeSet::from([a.to_owned()]))
    );

    append(&fb, &format!("\n26\\. Recalling that {passage};\n"));
    let touched = f.update("another document quotes it", &[b]);
    assert_eq!(f.added_pairs(), 1);
    assert_eq!(touched, BTreeSet::from([a.to_owned(), b.to_owned()]));

    let reworded = passage.replacen("qxc", "otherword", 1);
    replace_once(&fb, &passage, &reworded);
    let touched = f.update("one word of the quotation changed", &[b]);
    assert_eq!(f.added_pairs(), 1);
    assert_eq!(touched, BTreeSet::from([a.to_owned(), b.to_owned()]));

    replace_once(
        &fb,
        "\n## General provisions",
        "\nNoting the work done so far,\n\n## General provisions",
    );
    let touched = f.update("a paragraph inserted before the quotation", &[b]);
    assert_eq!(f.added_pairs(), 1);
    assert_eq!(
        touched,
        BTreeSet::from([b.to_owned()]),
        "the quotation reads as it did"
    );

    let elsewhere = unique_words("zz", 30);
    replace_once(&fb, &reworded, &elsewhere);
    f.update("the quotation reworded until it quotes nothing", &[b]);
    assert_eq!(f.added_pairs(), 0);

    replace_once(&fb, &elsewhere, &passage);
    f.update("quoting again", &[b]);
    assert_eq!(f.added_pairs(), 1);

    let aside = tmp.path().join("aside");
    fs::rename(content.join(a), &aside).unwrap();
    let touched = f.update("the quoted document removed", &[a]);
    assert_eq!(f.added_pairs(), 0);
    assert!(touched.contains(b), "{touched:?}");

    fs::rename(&aside, content.join(a)).unwrap();
    f.update("the quoted document added back", &[a]);
    assert_eq!(f.added_pairs(), 1);

    append(&fc, &format!("\n26\\. Bearing in mind {passage};\n"));
    append(&fd, &format!("\n26\\. Noting {passage};\n"));
    f.update("two documents edited at once", &[c, d]);
    assert_eq!(f.added_pairs(), 6);

    append(
        &f.file(&format!("{c}/revised.md")),
        &format!("\n27\\. Also bearing in mind {passage};\n"),
    );
    f.update("the other version of a document quotes it too", &[c]);
    assert_eq!(f.added_pairs(), 9);

    replace_once(
        &f.file(&format!("{c}/revised.md")),
        "Also bearing",
        "Also, bearing",
    );
    replace_once(&fd, &format!("Noting {passage}"), "Noting the work");
    f.update("a word of one version, a quotation gone", &[c, d]);
    assert_eq!(
        f.added_pairs(),
        5,
        "the two versions of one document are not a pair"
    );

    fs::rename(
        f.file(&format!("{c}/revised.md")),
        f.file(&format!("{c}/diff.md")),
    )
    .unwrap();
    replace_once(&f.file(&format!("{c}/diff.md")), "id: revised", "id: diff");
    let yaml = f.file(&format!("{c}/document.yaml"));
    let canonical = fs::read_to_string(&yaml)
        .unwrap()
        .contains("canonical: revised");
    if canonical {
        replace_once(&yaml, "canonical: revised", "canonical: diff");
    }
    f.update("a version id that takes a comparison URL", &[c]);
    assert!(
        show(&f.diagnostics).contains("the version id `diff`"),
        "the problem is reported"
    );
    fs::rename(
        f.file(&format!("{c}/diff.md")),
        f.file(&format!("{c}/revised.md")),
    )
    .unwrap();
    replace_once(
        &f.file(&format!("{c}/revised.md")),
        "id: diff",
        "id: revised",
    );
    if canonical {
        replace_once(&yaml, "canonical: diff", "canonical: revised");
    }
    let touched = f.update("the version renamed back", &[c]);
    assert!(touched.contains(c));
}

#[test]
fn an_updated_comparison_follows_canonical_versions_and_titles() {
    let copy = copy_of("versions");
    let mut f = Following::new(&copy.content);
    let start = f.quotations();

    copy.edit(
        "pc-v-1/document.yaml",
        "canonical: revision",
        "canonical: original",
    );
    let touched = f.update(
        "the quoted document's canonical version changed",
        &["pc-v-1"],
    );
    assert!(
        touched.contains("mc-v-2"),
        "the paragraph quoting both versions lists the canonical one on a tie: {touched:?}"
    );

    copy.edit(
        "pc-v-1/document.yaml",
        "title: Working Group on Examples and the Exchange of Best Practices",
        "title: Examples",
    );
    let touched = f.update("a title no longer masked", &["pc-v-1"]);
    assert!(
        f.quotations() > start,
        "naming the decision now reads as quoting it"
    );
    assert!(touched.contains("mc-v-2"), "{touched:?}");

    copy.edit(
        "mc-v-2/issued.md",
        "in particular through regular meetings",
        "in particular through yearly meetings",
    );
    f.update("one word of a quoting paragraph", &["mc-v-2"]);

    let aside = copy.content.parent().unwrap().join("aside");
    fs::rename(copy.content.join("mc-v-2"), &aside).unwrap();
    let touched = f.update("the quoting document removed", &["mc-v-2"]);
    assert_eq!(f.quotations(), 0);
    assert!(touched.contains("pc-v-1"), "{touched:?}");
    fs::rename(&aside, copy.content.join("mc-v-2")).unwrap();
    f.update("the quoting document added back", &["mc-v-2"]);
    assert!(f.quotations() > start);
}

/// A corpus of `n` documents whose first paragraph is the formula `formula` (when `holds(d)`)
/// followed by 6 words of its own, with a second paragraph of 30 words of its own. Documents
/// that do not hold the formula quote 9 of its words, with 12 words they share with one other
/// document: a pair while the formula is not one and its words count.
fn formula_corpus(dir: &Path, n: usize, formula: &str, holds: impl Fn(usize) -> bool) {
    fs::create_dir_all(dir).unwrap();
    fs::write(
        dir.join("site.yaml"),
        "title: Synthetic\nbase_url: https://example.org\nlanguage: en\ndescription: Synthetic corpus.\n",
    )
    .unwrap();
    for d in 0..n {
        formula_document(dir, d, formula, holds(d));
    }
}

fn formula_document(dir: &Path, d: usize, formula: &str, holds: bool) {
    let slug = format!("doc-{d:03}");
    let dir = dir.join(&slug);
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("document.yaml"),
        format!("short_title: Doc {d:03}\ntitle: Synthetic document {d}\nkind: decision\nbody: Council\ndate: 2000\nstatus: test\ndescription: Synthetic.\ncanonical: text\n"),
    )
    .unwrap();
    let tail = unique_words(&format!("d{d}t"), 6);
    let second = unique_words(&format!("d{d}w"), 30);
    let mut text = format!("---\nid: text\nlabel: Text\nwitness: as-issued\ndate: 2000\nsource:\n  file: none.txt\n  lines: [[1, 2]]\n---\n\n2\\. {second};\n");
    if holds {
        text = text.replace("\n\n2\\.", &format!("\n\n1\\. {formula} {tail};\n\n2\\."));
    } else {
        let part: Vec<&str> = formula.split(' ').skip((d / 2) % 8).take(9).collect();
        let shared = unique_words(&format!("s{}x", d / 2), 12);
        let own = unique_words(&format!("e{d}x"), 3);
        text.push_str(&format!(
            "\n3\\. Recalls {} {shared} {own};\n",
            part.join(" ")
        ));
    }
    fs::write(dir.join("text.md"), text).unwrap();
}

#[test]
fn an_updated_comparison_stays_exact_when_a_formula_crosses_max_posting() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let formula = "the council recalls that all participating states committed themselves to the common formula of this series";
    let holders = quote::MAX_POSTING + 4;
    formula_corpus(&content, holders + 8, formula, |d| d < holders);
    let mut f = Following::new(&content);
    let start = f.quotations();
    assert!(start < 10, "the formula proposes no pair: {start}");
    let text = |d: usize| content.join(format!("doc-{d:03}/text.md"));
    let opening = |d: usize| unique_words(&format!("d{d}f"), 16);

    // Holders stop opening with the formula one by one, until it is no longer one: then every
    // pair of holders quotes it.
    let mut dropped = 0;
    while f.quotations() < 500 {
        assert!(
            dropped < 12,
            "the formula is still one after {dropped} holders dropped it"
        );
        replace_once(&text(dropped), formula, &opening(dropped));
        let slug = format!("doc-{dropped:03}");
        f.update(&format!("holder {dropped} drops the formula"), &[&slug]);
        dropped += 1;
    }
    assert!(
        dropped > 1,
        "the formula stopped being one at the threshold, not before"
    );
    let last = dropped - 1;
    replace_once(&text(last), &opening(last), formula);
    let slug = format!("doc-{last:03}");
    let touched = f.update(
        "the last holder takes it up again: a formula again",
        &[&slug],
    );
    assert!(f.quotations() < 10, "{}", f.quotations());
    assert!(touched.len() > holders / 2, "{}", touched.len());

    let aside = tmp.path().join("aside");
    let removed = holders - 1;
    fs::rename(content.join(format!("doc-{removed:03}")), &aside).unwrap();
    f.update("a holder removed", &[&format!("doc-{removed:03}")]);
    assert!(f.quotations() >= 500, "{}", f.quotations());

    formula_document(&content, 200, formula, true);
    f.update("a holder added", &["doc-200"]);
    assert!(f.quotations() < 10, "{}", f.quotations());

    formula_document(&content, 201, formula, true);
    fs::rename(&aside, content.join(format!("doc-{removed:03}"))).unwrap();
    f.update(
        "two holders more at once",
        &[&format!("doc-{removed:03}"), "doc-201"],
    );

    replace_once(&text(holders - 2), "d50ta ", "d50ta more ");
    let slug = format!("doc-{:03}", holders - 2);
    let touched = f.update("an ordinary edit of a holder", &[&slug]);
    assert_eq!(touched, BTreeSet::from([slug]));
}

/// The hashes the finder gives plain lower-case words.
fn word_hashes(words: &[String]) -> Vec<u64> {
    words
        .iter()
        .map(|w| xxhash_rust::xxh3::xxh3_64(w.as_bytes()))
        .collect()
}

#[test]
fn a_formula_crossing_max_posting_is_checked_again_where_it_is_a_shingle_but_no_fingerprint() {
    // Masking reads every shingle of a paragraph, not only its fingerprints. Two paragraphs, Y
    // and Z, share 5 words of the formula and 4 words of their own: a quotation while the
    // formula is not one, nothing while it is (its 5 words masked). Neither keeps the formula's
    // shingle as a fingerprint (their words around it are chosen so), so only the shingles tell
    // that they must be checked again when the formula crosses MAX_POSTING.
    let formula: Vec<String> = "the council recalls that all participating states committed themselves to the common formula of this series"
        .split(' ')
        .map(str::to_owned)
        .collect();
    let hashes = word_hashes(&formula);
    // A fingerprint of every paragraph that has the formula: the least shingle of 8 of its words.
    let h = quote::fingerprints(&hashes[4..12])[0];
    let at = (4..8)
        .find(|&j| quote::fingerprints(&hashes[j..j + 5]) == [h])
        .expect("the shingle's 5 words");
    let five = &formula[at..at + 5];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut word = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        format!("v{}", seed % 100_000)
    };
    let (y, z) = (1..=10_000)
        .find_map(|_| {
            let shared: Vec<String> = (0..4).map(|_| word()).collect();
            let mut paragraph = || {
                (0..20).find_map(|_| {
                    let mut words: Vec<String> = (0..3).map(|_| word()).collect();
                    words.extend_from_slice(five);
                    words.extend(shared.iter().cloned());
                    words.extend((0..2).map(|_| word()));
                    let prints = quote::fingerprints(&word_hashes(&words));
                    (!prints.contains(&h)).then(|| words.join(" "))
                })
            };
            Some((paragraph()?, paragraph()?))
        })
        .expect("words around the shingle that leave it no fingerprint");

    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let holders = quote::MAX_POSTING + 1;
    formula_corpus(&content, holders, &formula.join(" "), |_| true);
    for (d, text) in [(300, &y), (301, &z)] {
        formula_document(&content, d, "", false);
        fs::write(
            content.join(format!("doc-{d}/text.md")),
            format!("---\nid: text\nlabel: Text\nwitness: as-issued\ndate: 2000\nsource:\n  file: none.txt\n  lines: [[1, 2]]\n---\n\n1\\. {text};\n"),
        )
        .unwrap();
    }
    let yz = |f: &Following| {
        f.comparer
            .comparison()
            .quotations
            .pairs
            .iter()
            .any(|p| p.earlier.slug == "doc-300" && p.later.slug == "doc-301")
    };
    let mut f = Following::new(&content);
    assert!(!yz(&f), "the formula's words are masked: no quotation");

    let first = content.join("doc-000/text.md");
    replace_once(&first, &formula.join(" "), &unique_words("d0f", 17));
    let touched = f.update("one holder fewer: no longer a formula", &["doc-000"]);
    assert!(yz(&f), "the 9 words they share are a quotation");
    assert!(touched.contains("doc-300") && touched.contains("doc-301"));

    formula_document(&content, 0, &formula.join(" "), true);
    f.update("a formula again", &["doc-000"]);
    assert!(!yz(&f));
}
