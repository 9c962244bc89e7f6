//! Citations over the real `content/`: every citation resolves or is explained, the forms of the
//! corpus land on the right paragraphs, cited-by lists and the timeline read in order, and the
//! /cite page's script reads citations exactly as `acquis resolve` does.

mod common;

use acquis::cite::Catalog;
use acquis::model::{CiteTarget, Corpus, Inline, RelationKind};
use acquis::BuildConfig;
use std::path::Path;
use std::process::Command;

fn config(out: &Path) -> BuildConfig {
    BuildConfig {
        content: common::root().join("content"),
        theme: common::theme(),
        out: out.to_path_buf(),
        minify: false,
        search: false,
        deny_warnings: false,
    }
}

fn corpus() -> Corpus {
    match acquis::compile(&config(Path::new("unused"))) {
        Ok(b) => {
            assert!(b.warnings.is_empty(), "{}", common::show(&b.warnings));
            b.corpus
        }
        Err(acquis::Error::Content(d)) => panic!("{}", common::show(&d)),
        Err(e) => panic!("{e}"),
    }
}

/// Where each citation of paragraph `anchor` of `slug`'s canonical version (or of a footnote,
/// `fn-12`) points, with its words.
fn links_of(c: &Corpus, slug: &str, anchor: &str) -> Vec<(String, String)> {
    let doc = c.documents.iter().find(|d| d.slug == slug).unwrap();
    let v = doc.canonical().unwrap();
    let content: Vec<&Vec<Inline>> = match anchor.strip_prefix("fn-") {
        Some(label) => v
            .footnotes
            .iter()
            .find(|f| f.label == label)
            .unwrap()
            .paragraphs
            .iter()
            .collect(),
        None => vec![
            &v.paragraphs()
                .into_iter()
                .find(|p| p.anchor == anchor)
                .unwrap()
                .content,
        ],
    };
    content
        .into_iter()
        .flatten()
        .filter_map(|i| match i {
            Inline::Citation { content, target } => Some((
                Inline::plain(content, &v.notes),
                target.url().unwrap_or_else(|| match &**target {
                    CiteTarget::External { id, .. } => format!("external:{id}"),
                    CiteTarget::Document { .. } => unreachable!(),
                }),
            )),
            _ => None,
        })
        .collect()
}

fn has(links: &[(String, String)], words: &str, url: &str) -> bool {
    links.iter().any(|(w, u)| w == words && u == url)
}

#[test]
fn every_citation_resolves_or_is_accepted_with_its_reason() {
    let c = corpus();
    let accepted: Vec<(String, &str)> = c
        .citations
        .accepted
        .iter()
        .map(|a| (a.location.file.display().to_string(), a.text.as_str()))
        .collect();
    assert_eq!(
        accepted,
        [
            (
                "mc-dec-2-03/compilation.md".to_owned(),
                "ODIHR’s Handbook on Guidelines and Principles to Design and Implement National Referral Mechanisms"
            ),
            ("sr-atau-report-2006/issued.md".to_owned(), "V. 12."),
            ("sr-atau-report-2006/issued.md".to_owned(), "VI.15.1"),
        ]
    );
    assert!(c.citations.accepted.iter().all(|a| a.reason.len() > 40));
}

/// The citation resolver's round trip over the whole corpus: every link names a paragraph that
/// exists, its canonical citation looks up to the same place, and every "cited by" entry leads
/// to a citing paragraph or footnote that exists (the property the fuzz target holds arbitrary
/// text to).
#[test]
fn every_linked_citation_leads_to_what_it_names_and_back() {
    let c = corpus();
    let followed = acquis::invariants::citations_lead_to_what_they_name(&c).unwrap();
    assert!(followed > 300, "only {followed} citations followed");
}

#[test]
fn paragraph_citations_land_on_the_paragraph() {
    let c = corpus();
    // MC(8).DEC/1, 4 (002:363): "articles 106 and 107 of the Parliamentary Assembly's Bucharest
    // Declaration".
    let l = links_of(&c, "mc-8-dec-1", "4");
    assert!(
        has(&l, "articles 106", "osce-pa-bucharest-declaration/#106"),
        "{l:?}"
    );
    assert!(
        has(&l, "107", "osce-pa-bucharest-declaration/#107"),
        "{l:?}"
    );
    assert!(
        has(
            &l,
            "Parliamentary Assembly's Bucharest Declaration",
            "osce-pa-bucharest-declaration/"
        ),
        "{l:?}"
    );
    // The report (001:145): "Section VI., 1., of the OSCE Action Plan".
    let l = links_of(&c, "sr-atau-report-2006", "I.because-this-challenge-was");
    assert!(
        has(&l, "Section VI., 1.", "mc-dec-2-03/#annex.VI.1"),
        "{l:?}"
    );
    assert!(has(&l, "OSCE Action Plan", "mc-dec-2-03/#annex"), "{l:?}");
    // The editor's overrides of the report's misnumberings (001:125, 001:1694).
    let l = links_of(&c, "sr-atau-report-2006", "I.the-protocol-while-being");
    assert!(
        has(
            &l,
            "Chapter III., Section 1.1.1",
            "mc-dec-2-03/#annex.III.1.1"
        ),
        "{l:?}"
    );
    let l = links_of(&c, "sr-atau-report-2006", "fn-12");
    assert!(
        has(&l, "Chapter V.3.3.1", "mc-dec-2-03/#annex.V.3.1"),
        "{l:?}"
    );
    // The Paris Declaration, 8: "Articles 106 and 107 of the Bucharest Declaration of the
    // Parliamentary Assembly".
    let l = links_of(&c, "osce-pa-paris-declaration", "8");
    assert!(
        has(&l, "Articles 106", "osce-pa-bucharest-declaration/#106"),
        "{l:?}"
    );
}

#[test]
fn names_symbols_and_descriptions_land_on_their_documents() {
    let c = corpus();
    let l = links_of(&c, "mc-dec-2-03", "reaffirming-the-commitments-that");
    assert!(
        has(
            &l,
            "Vienna Ministerial Council Decision No. 1",
            "mc-8-dec-1/"
        ),
        "{l:?}"
    );
    assert!(
        has(
            &l,
            "Bucharest Ministerial Council Decision No. 6",
            "mc-9-dec-6/"
        ),
        "{l:?}"
    );
    assert!(
        has(&l, "Porto Ministerial Declaration", "mc-doc-1-02/"),
        "{l:?}"
    );
    let l = links_of(&c, "mc-8-dec-1", "recalling-the-osce-commitments");
    assert!(has(&l, "Moscow Document", "moscow-document-1991/"), "{l:?}");
    let l = links_of(&c, "sr-atau-report-2006", "fn-20");
    assert!(has(&l, "MC(8).DEC/1", "mc-8-dec-1/"), "{l:?}");
    assert!(
        has(
            &l,
            "OSCE Ministerial Council Decision No. 1, adopted in Vienna",
            "mc-8-dec-1/"
        ),
        "{l:?}"
    );
    // The Assembly's "Decisions of November 2000, December 2001" (Rotterdam, 6).
    let l = links_of(&c, "osce-pa-rotterdam-declaration", "6");
    assert!(
        has(
            &l,
            "OSCE Ministerial Council Decisions of November 2000",
            "mc-8-dec-1/"
        ),
        "{l:?}"
    );
    assert!(has(&l, "December 2001", "mc-9-dec-6/"), "{l:?}");
    assert!(has(&l, "December 2002", "mc-doc-1-02/"), "{l:?}");
    // "Since the Vienna Ministerial Council Decision in 2000 tasked field operations …" (report).
    let l = links_of(
        &c,
        "sr-atau-report-2006",
        "II.1.since-the-vienna-ministerial",
    );
    assert!(
        has(
            &l,
            "Vienna Ministerial Council Decision in 2000",
            "mc-8-dec-1/"
        ),
        "{l:?}"
    );
    // A title in lower case: "the Ministerial Council Decision on enhancing the OSCE's efforts
    // to combat trafficking in human beings" (Anti-Trafficking Guidelines).
    let l = links_of(&c, "sec-gal-87-01", "the-osce-and-its");
    assert!(
        has(
            &l,
            "Decision on enhancing the OSCE's efforts to combat trafficking in human beings",
            "mc-8-dec-1/"
        ),
        "{l:?}"
    );
    // Resolutions named alike in two declarations, told apart by a forced link (Rotterdam, 74).
    let l = links_of(
        &c,
        "osce-pa-rotterdam-declaration",
        "additional-provisions.74",
    );
    assert!(
        has(
            &l,
            "Resolution on Combating Trafficking in Human Beings, especially Women and Children",
            "osce-pa-berlin-declaration/#resolution-on-combating-trafficking"
        ),
        "{l:?}"
    );
    assert!(
        has(
            &l,
            "Resolution on Combating Trafficking in Human Beings",
            "osce-pa-paris-declaration/#resolution-on-combating-trafficking"
        ),
        "{l:?}"
    );
    // "The Code of Conduct" after the tourism code in the same paragraph means that code.
    let l = links_of(&c, "sr-atau-report-2006", "III.2.the-oceea-identified-as");
    assert!(
        has(
            &l,
            "Code of Conduct",
            "external:code-of-conduct-protection-of-children-travel-tourism"
        ),
        "{l:?}"
    );
    // Documents outside the OSCE are labelled, not linked.
    let l = links_of(&c, "mc-8-dec-1", "2");
    assert!(
        has(
            &l,
            "United Nations Convention against Transnational Organized Crime",
            "external:untoc"
        ),
        "{l:?}"
    );
}

#[test]
fn the_reports_quoted_tasks_cite_the_action_plan() {
    let c = corpus();
    let doc = c
        .documents
        .iter()
        .find(|d| d.slug == "sr-atau-report-2006")
        .unwrap();
    let quoted: Vec<(String, Option<String>)> = doc.versions[0]
        .paragraphs()
        .into_iter()
        .filter(|p| p.num.is_some() && p.kind == acquis::model::ParagraphKind::Quote)
        .map(|p| {
            (
                p.num.as_ref().unwrap().printed.to_string(),
                p.quoted.as_ref().and_then(|q| q.url()),
            )
        })
        .collect();
    let at = |printed: &str| quoted.iter().find(|(n, _)| n == printed).unwrap().1.clone();
    assert_eq!(at("III.9.1").as_deref(), Some("mc-dec-2-03/#annex.III.9.1"));
    assert_eq!(at("7.2").as_deref(), Some("mc-dec-2-03/#annex.IV.7.2"));
    assert_eq!(
        at("V. 11. 2.").as_deref(),
        Some("mc-dec-2-03/#annex.V.11.2")
    );
    // The two misnumbered ones stay unlinked (and are listed as accepted).
    assert_eq!(at("V. 12."), None);
    assert_eq!(at("VI.15.1"), None);
    assert_eq!(
        quoted.iter().filter(|(_, u)| u.is_some()).count(),
        quoted.len() - 2
    );
}

#[test]
fn cited_by_lists_are_newest_first_and_count_each_citing_text_once() {
    let c = corpus();
    let list: Vec<(&str, &str)> = c.citations.by_paragraph["osce-pa-bucharest-declaration"]["106"]
        .iter()
        .map(|b| (b.citation.as_str(), b.url.as_str()))
        .collect();
    assert_eq!(
        list,
        [
            (
                "OSCE PA Paris Declaration, 8",
                "osce-pa-paris-declaration/#8"
            ),
            ("MC(8).DEC/1, 4", "mc-8-dec-1/#4"),
        ]
    );
    // A snippet quotes the citing sentence whole, the words of a link an editor forced included.
    let rotterdam = &c.citations.by_paragraph["mc-doc-1-02"]["II.8"];
    assert!(
        rotterdam[0].snippet.starts_with(
            "Recalling that the OSCE Ministerial Council Decision of December 2002 recognized"
        ),
        "{}",
        rotterdam[0].snippet
    );
    let whole = &c.citations.by_document["moscow-document-1991"];
    assert!(whole.windows(2).all(|w| w[0].date >= w[1].date));
    assert_eq!(whole[0].doc, "sr-atau-report-2006");
    assert_eq!(
        whole.last().unwrap().doc,
        "osce-pa-st-petersburg-declaration"
    );
}

#[test]
fn relations_carry_the_paragraphs_that_say_so() {
    let c = corpus();
    let rel = |from: &str, kind: RelationKind, to: &str| {
        c.citations
            .relations
            .iter()
            .find(|r| r.from == from && r.kind == kind && r.to == to)
            .unwrap_or_else(|| panic!("no relation {from} {kind:?} {to}"))
    };
    let endorse = rel("mc-dec-2-03", RelationKind::Endorses, "pc-dec-557");
    assert_eq!(endorse.evidence[0].url, "mc-dec-2-03/#1");
    let tasked = rel(
        "sr-atau-report-2006",
        RelationKind::TaskedBy,
        "mc-dec-13-05",
    );
    assert_eq!(
        tasked.evidence[0].url,
        "sr-atau-report-2006/#this-report-is-written"
    );
    rel("sr-atau-report-2006", RelationKind::ReportsOn, "pc-dec-557");
    rel("mc-8-dec-1", RelationKind::Recalls, "moscow-document-1991");
    let revises = rel("pc-dec-557-rev-1", RelationKind::Revises, "pc-dec-557");
    assert_eq!(
        revises.basis.as_deref(),
        Some("the symbol PC.DEC/557/Rev.1")
    );
}

#[test]
fn the_timeline_runs_from_helsinki_through_moscow_to_ljubljana_and_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let built = match acquis::build(&config(&out)) {
        Ok(b) => b,
        Err(e) => panic!("{e}"),
    };
    let html = std::fs::read_to_string(out.join("timeline/index.html")).unwrap();
    // Every document once, each lane in date order, the lanes by their first document.
    for doc in &built.corpus.documents {
        let link = format!("href=\"../{}/\"><span class=\"sym\">", doc.slug);
        assert_eq!(html.matches(&link).count(), 1, "{}", doc.slug);
    }
    let lanes: Vec<&str> = html.split("<section class=\"lane\"").skip(1).collect();
    let mut firsts = Vec::new();
    for lane in &lanes {
        let dates: Vec<&str> = lane
            .split("<time datetime=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
        firsts.push(dates[0]);
    }
    assert!(firsts.windows(2).all(|w| w[0] <= w[1]), "{firsts:?}");
    let order = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(order("helsinki-final-act/") < order("moscow-document-1991/"));
    assert!(order("Moscow Document 1991") < order("MC.DEC/13/05"));
    // The axis: 1975, a gap, then 1991 to 2006.
    assert!(html.contains("class=\"gap\">1991</li>"), "{html}");
    assert!(html.contains(">2006</li>"));
    let view = acquis::render::links::LinkIndex::new(&built.corpus).timeline();
    let years: Vec<u16> = view.axis.iter().map(|a| a.year).collect();
    assert_eq!(years.first(), Some(&1975));
    assert_eq!(years.last(), Some(&2006));
    let ljubljana = view
        .lanes
        .iter()
        .flat_map(|l| &l.entries)
        .find(|e| e.doc.cite_name == "MC.DEC/13/05")
        .unwrap();
    assert_eq!(view.axis[ljubljana.col - 1].year, 2005);
    // One lane for the Secretariat, however fully a document names it (a date of 2001 without
    // month goes before 19 June 2001).
    let secretariat = view.lanes.iter().find(|l| l.name == "Secretariat").unwrap();
    let names: Vec<&str> = secretariat
        .entries
        .iter()
        .map(|e| e.doc.cite_name)
        .collect();
    assert_eq!(
        names,
        [
            "SEC.GAL/144/00",
            "Secretary General Letter 2001",
            "SEC.GAL/87/01",
            "Code of Conduct for OSCE Officials",
            "Staff Instruction 11"
        ]
    );
}

/// Citations as a reader writes them, and what they resolve to (`None`: they do not).
const QUERIES: &[(&str, Option<(&str, &str)>)] = &[
    (
        "MC(8).DEC/1 para 9",
        Some(("MC(8).DEC/1, 9", "mc-8-dec-1/#9")),
    ),
    (
        "Action Plan V.3.1",
        Some(("MC.DEC/2/03, Annex, V.3.1", "mc-dec-2-03/#annex.V.3.1")),
    ),
    (
        "Moscow Document 40.7",
        Some(("Moscow Document 1991, 40.7", "moscow-document-1991/#40.7")),
    ),
    (
        "PC.DEC/557, Annex, III.2.7",
        Some(("MC.DEC/2/03, Annex, III.2.7", "mc-dec-2-03/#annex.III.2.7")),
    ),
    (
        "MC.DEC/2/03, Annex, III.2.7",
        Some(("MC.DEC/2/03, Annex, III.2.7", "mc-dec-2-03/#annex.III.2.7")),
    ),
    (
        "MC.DEC/2/03, 2(a)",
        Some(("MC.DEC/2/03, 2(a)", "mc-dec-2-03/#2(a)")),
    ),
    (
        "MC.DEC/2/03, Annex, III.1.2, indent 2",
        Some((
            "MC.DEC/2/03, Annex, III.1.2, indent 2",
            "mc-dec-2-03/#annex.III.1.2.indent2",
        )),
    ),
    (
        "articles 106 and 107 of the Parliamentary Assembly's Bucharest Declaration",
        Some((
            "OSCE PA Bucharest Declaration, 106",
            "osce-pa-bucharest-declaration/#106",
        )),
    ),
    (
        "Section VI., 1., of the OSCE Action Plan",
        Some(("MC.DEC/2/03, Annex, VI.1", "mc-dec-2-03/#annex.VI.1")),
    ),
    (
        "Chapter III of the Action Plan",
        Some(("MC.DEC/2/03, Annex, III", "mc-dec-2-03/#annex.III")),
    ),
    (
        "the 2001 Bucharest Ministerial Council Decision No. 6",
        Some(("MC(9).DEC/6", "mc-9-dec-6/")),
    ),
    (
        "Permanent Council Decision No. 557 of 24 July",
        Some(("PC.DEC/557", "pc-dec-557/")),
    ),
    (
        "Vienna Ministerial Decision No. 1 of 2000",
        Some(("MC(8).DEC/1", "mc-8-dec-1/")),
    ),
    (
        "the Moscow Document of 1991",
        Some(("Moscow Document 1991", "moscow-document-1991/")),
    ),
    (
        "the Charter for European Security",
        Some(("SUM.DOC/1/99", "sum-doc-1-99/")),
    ),
    (
        "the Porto Ministerial Declaration",
        Some(("MC.DOC/1/02", "mc-doc-1-02/")),
    ),
    (
        "the Maastricht Ministerial Council Decision No.2",
        Some(("MC.DEC/2/03", "mc-dec-2-03/")),
    ),
    (
        "OSCE Ministerial Council Decision No. 13, adopted in Ljubljana",
        Some(("MC.DEC/13/05", "mc-dec-13-05/")),
    ),
    (
        "Sofia Ministerial Council Decision No. 13",
        Some(("MC.DEC/13/04", "mc-dec-13-04/")),
    ),
    ("SEC.GAL/87/01", Some(("SEC.GAL/87/01", "sec-gal-87-01/"))),
    (
        "PC.DEC/557/Rev.1",
        Some(("PC.DEC/557/Rev.1", "pc-dec-557-rev-1/")),
    ),
    ("PC.DEC/557/Corr.1", Some(("PC.DEC/557", "pc-dec-557/"))),
    (
        "MC.DEC/2/03, “Reaffirming the commitments that participating States …”",
        Some((
            "MC.DEC/2/03, “Reaffirming the commitments that participating States …”",
            "mc-dec-2-03/#reaffirming-the-commitments-that",
        )),
    ),
    ("Ministerial Council Decision No. 13", None),
    ("MC(8).DEC/1 para 99", None),
    ("Action Plan VI.15.1", None),
    ("PC.DEC/999", None),
    ("Vienna Ministerial Decision No. 1 of 2001", None),
    ("the Tokyo Declaration", None),
];

#[test]
fn acquis_resolve_reads_every_form_of_citation() {
    let c = corpus();
    let catalog = Catalog::of(&c);
    for (query, want) in QUERIES {
        let got = catalog
            .lookup(query)
            .ok()
            .map(|a| (a.citation, a.target.url().unwrap()));
        let want = want.map(|(c, u)| (c.to_owned(), u.to_owned()));
        assert_eq!(got, want, "{query}");
    }
}

#[test]
fn acquis_resolve_prints_the_citation_url_and_text_or_the_closest_candidates() {
    let bin = env!("CARGO_BIN_EXE_acquis");
    let content = common::root().join("content");
    let run = |q: &str| {
        Command::new(bin)
            .args(["resolve", q, "--content"])
            .arg(&content)
            .output()
            .unwrap()
    };
    let ok = run("Moscow Document 40.7");
    assert_eq!(ok.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&ok.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "Moscow Document 1991, 40.7");
    assert!(
        lines[1].ends_with("/moscow-document-1991/#40.7"),
        "{stdout}"
    );
    assert!(
        lines[2].starts_with("- seek to eliminate all forms of violence against women"),
        "{stdout}"
    );
    let bad = run("Ministerial Council Decision No. 13");
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("could be any of 2 documents"), "{stderr}");
    assert!(
        stderr.contains("closest: MC.DEC/13/04 (7 December 2004)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("closest: MC.DEC/13/05 (6 December 2005)"),
        "{stderr}"
    );
    let unknown = run("PC.DEC/999");
    assert_eq!(unknown.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.contains("no document of the corpus has the symbol `PC.DEC/999`"),
        "{stderr}"
    );
    assert!(stderr.contains("  closest: PC.DEC/426\n"), "{stderr}");
    assert!(stderr.contains("  closest: PC.DEC/557\n"), "{stderr}");
}

/// The /cite page's script, run by node on the same table against the data the build writes,
/// must answer as the Rust resolver does. Without node the test cannot run; in CI (`CI` set)
/// that is a failure, elsewhere it says so and returns.
#[test]
fn the_cite_page_script_agrees_with_acquis_resolve() {
    if Command::new("node").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "node is required in CI (.ci/run installs it)"
        );
        eprintln!("node is not installed: the /cite script was not compared with the resolver");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let built = acquis::build(&config(&out)).unwrap_or_else(|e| panic!("{e}"));
    let catalog = Catalog::of(&built.corpus);
    let queries: Vec<&str> = QUERIES
        .iter()
        .map(|(q, _)| *q)
        .chain(extra_queries())
        .collect();
    let script = r#"
        globalThis.window = globalThis;
        const fs = require("fs");
        const site = process.argv[1];
        eval(fs.readFileSync(site + "/cite/index.js", "utf8"));
        for (const f of fs.readdirSync(site + "/cite/docs")) eval(fs.readFileSync(site + "/cite/docs/" + f, "utf8"));
        const { Catalog } = require(site + "/assets/cite.js");
        const catalog = new Catalog(window.ACQUIS_CITE, window.ACQUIS_CITE_DOCS);
        const queries = JSON.parse(fs.readFileSync(0, "utf8"));
        console.log(JSON.stringify(queries.map((q) => {
            const a = catalog.lookup(q);
            return a.ok ? [a.citation, a.url, a.text] : null;
        })));
    "#;
    let mut child = Command::new("node")
        .args(["-e", script])
        .arg(&out)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&queries).unwrap().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let js: Vec<Option<(String, Option<String>, String)>> =
        serde_json::from_slice(&output.stdout).unwrap();
    for (query, js) in queries.iter().zip(js) {
        let rust = catalog
            .lookup(query)
            .ok()
            .map(|a| (a.citation, a.target.url(), a.text));
        assert_eq!(js, rust, "{query}");
    }
}

/// More citations for the comparison: every paragraph citation the corpus prints, and the
/// symbol, short title and aliases of every document.
fn extra_queries() -> Vec<&'static str> {
    let c = corpus();
    let mut out: Vec<String> = Vec::new();
    for d in &c.documents {
        out.extend(d.meta.symbol.iter().cloned());
        out.extend(d.meta.short_title.iter().cloned());
        out.extend(d.meta.aliases.iter().cloned());
        if let Some(v) = d.canonical() {
            out.extend(v.paragraphs().iter().map(|p| p.citation.to_string()));
        }
    }
    out.into_iter()
        .map(|s| &*Box::leak(s.into_boxed_str()))
        .collect()
}
