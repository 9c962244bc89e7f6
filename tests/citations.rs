//! Citations over the fixture corpus, extended in a copy by a declaration that cites it in every
//! form: the links made, the editor's overrides, who cites what, and every problem the resolver
//! reports (with its place and text).

mod common;

use acquis::diagnostics::Diagnostic;
use acquis::model::{CiteTarget, Corpus, Inline, RelationKind};
use common::{compile, content_errors, copy_fixture, show, Copy};
use std::fs;

const DECLARATION: &str = r#"---
id: declaration
label: Declaration as adopted
witness: as-issued
date: 2004-07-01
source:
  file: 902_fixture_declaration.txt
  lines: [[1, 20]]
quotes: Action Plan to Combat Examples
---

# DECLARATION OF THE EXAMPLE ASSEMBLY

1\. Recalling paragraph 40.7 of the Exampleton Document and the Exampleton Decision,

2\. Welcoming MC.X/1, Annex, III.2.7 and articles 1 and 2 of the Exampleton Decision,

3\. Noting the Example Protocol and PC.X/9,

4\. Recalling [the decision of last year](cite:mc-x-1#2(a)){>>The Assembly means MC.X/1, 2(a).<<} and the [Exampleton Decision](cite:none){>>Here the title of a film, not a citation.<<},

> III.2.7 Encouraging law enforcement authorities to co-operate with one another.
"#;

/// The fixture with a declaration that cites it, an external document, and a part of MC.X/1
/// named by itself.
fn citing() -> Copy {
    let copy = copy_fixture();
    let dir = copy.content.join("pa-x-2");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join("document.yaml"),
        "symbol: PA.X/2\nshort_title: Example Assembly Declaration\ntitle: Declaration of the Example Assembly\nkind: declaration\nbody: Parliamentary Assembly\nplace: Exampleton\ndate: 2004-07-01\nstatus: recommendation\ndescription: Cites the other examples.\ncanonical: declaration\n",
    )
    .unwrap();
    fs::write(dir.join("declaration.md"), DECLARATION).unwrap();
    fs::write(
        copy.content.join("external.yaml"),
        "- id: example-protocol\n  title: Protocol on Examples\n  short: Example Protocol\n  issuer: United Examples\n  date: \"2000\"\n",
    )
    .unwrap();
    copy.edit(
        "mc-x-1/document.yaml",
        "canonical: compilation",
        "canonical: compilation\nparts:\n  annex:\n    - Action Plan to Combat Examples",
    );
    // The new declaration's anchors are published: record them, as an editor would.
    acquis::lock(
        &common::config(&copy.content, std::path::Path::new("unused"), false),
        false,
    )
    .unwrap();
    copy
}

/// Every citation of a document's versions: `version anchor | words -> target`.
fn links(corpus: &Corpus, slug: &str) -> Vec<String> {
    fn walk(
        content: &[Inline],
        notes: &[acquis::model::EditorialNote],
        out: &mut Vec<(String, String)>,
    ) {
        for i in content {
            if let Inline::Citation { content, target } = i {
                let to = match &**target {
                    CiteTarget::Document { .. } => target.url().unwrap(),
                    CiteTarget::External { id, .. } => format!("external:{id}"),
                };
                out.push((Inline::plain(content, notes), to));
            }
        }
    }
    let doc = corpus.documents.iter().find(|d| d.slug == slug).unwrap();
    let mut out = Vec::new();
    for v in &doc.versions {
        for p in v.paragraphs() {
            let mut found = Vec::new();
            walk(&p.content, &v.notes, &mut found);
            for (words, to) in found {
                out.push(format!("{} {} | {words} -> {to}", v.meta.id, p.anchor));
            }
            if let Some(q) = &p.quoted {
                out.push(format!(
                    "{} {} | quotes -> {}",
                    v.meta.id,
                    p.anchor,
                    q.url().unwrap()
                ));
            }
        }
    }
    out
}

fn warnings(copy: &Copy) -> Vec<Diagnostic> {
    compile(&copy.content).warnings
}

#[test]
fn every_form_becomes_a_link_to_the_paragraph_or_a_labelled_external_reference() {
    let copy = citing();
    let built = compile(&copy.content);
    assert!(built.warnings.is_empty(), "{}", show(&built.warnings));
    assert_eq!(
        links(&built.corpus, "pa-x-2"),
        [
            "declaration 1 | paragraph 40.7 -> exampleton-document-1990/#40.7",
            "declaration 1 | Exampleton Document -> exampleton-document-1990/",
            "declaration 1 | Exampleton Decision -> mc-x-1/",
            "declaration 2 | MC.X/1 -> mc-x-1/",
            "declaration 2 | III.2.7 -> mc-x-1/#annex.III.2.7",
            "declaration 2 | articles 1 -> mc-x-1/#1",
            "declaration 2 | 2 -> mc-x-1/#2",
            "declaration 2 | Exampleton Decision -> mc-x-1/",
            "declaration 3 | Example Protocol -> external:example-protocol",
            "declaration 3 | PC.X/9 -> pc-x-9/",
            "declaration 4 | the decision of last year -> mc-x-1/#2(a)",
            "declaration encouraging-law-enforcement-authorities | quotes -> mc-x-1/#annex.III.2.7",
        ]
    );
    // The document's own mention of its annex ("the Action Plan to Combat Examples") is no
    // citation; its other mentions are not recognised as anything.
    assert!(
        links(&built.corpus, "mc-x-1").is_empty(),
        "{:?}",
        links(&built.corpus, "mc-x-1")
    );
}

#[test]
fn overrides_keep_the_words_of_the_official_text() {
    let copy = citing();
    let built = compile(&copy.content);
    let doc = built
        .corpus
        .documents
        .iter()
        .find(|d| d.slug == "pa-x-2")
        .unwrap();
    let v = &doc.versions[0];
    let p = v
        .paragraphs()
        .into_iter()
        .find(|p| p.anchor == "4")
        .unwrap();
    assert_eq!(
        Inline::plain(&p.content, &v.notes),
        "Recalling the decision of last year and the Exampleton Decision,"
    );
    // The suppressed link is plain text again; both overrides keep their editorial note.
    assert!(!p.content.iter().any(|i| matches!(i, Inline::Link { .. })));
    assert_eq!(
        p.content
            .iter()
            .filter(|i| matches!(i, Inline::Note(_)))
            .count(),
        2
    );
}

#[test]
fn cited_by_lists_the_citing_paragraph_with_its_citation_and_a_snippet() {
    let copy = citing();
    let built = compile(&copy.content);
    let c = &built.corpus.citations;
    let para = &c.by_paragraph["exampleton-document-1990"]["40.7"];
    assert_eq!(para.len(), 1);
    assert_eq!(para[0].citation, "PA.X/2, 1");
    assert_eq!(para[0].url, "pa-x-2/#1");
    assert!(
        para[0]
            .snippet
            .contains("Recalling paragraph 40.7 of the Exampleton Document"),
        "{}",
        para[0].snippet
    );
    let whole: Vec<&str> = c.by_document["mc-x-1"]
        .iter()
        .map(|b| b.citation.as_str())
        .collect();
    assert_eq!(
        whole,
        [
            "PA.X/2, 1",
            "PA.X/2, 2",
            "PA.X/2, 4",
            "PA.X/2, “Encouraging law enforcement authorities to co-operate …”",
        ]
    );
    let html = copy_site_page(&copy, "exampleton-document-1990/index.html");
    let para = common::element(&html, "40.7");
    assert!(para.contains("Cited by 1"), "{para}");
    assert!(para.contains("href=\"../pa-x-2/#1\""), "{para}");
}

fn copy_site_page(copy: &Copy, page: &str) -> String {
    let out = copy.content.parent().unwrap().join("site");
    common::build(&copy.content, &out, false);
    fs::read_to_string(out.join(page)).unwrap()
}

#[test]
fn citations_render_as_relative_links_and_externals_as_labels() {
    let copy = citing();
    let html = copy_site_page(&copy, "pa-x-2/index.html");
    let p2 = common::element(&html, "2");
    assert!(p2.contains("<a class=\"cite\" href=\"../mc-x-1/#annex.III.2.7\" title=\"MC.X/1, Annex, III.2.7\">III.2.7</a>"), "{p2}");
    let p3 = common::element(&html, "3");
    assert!(p3.contains("<cite class=\"ext\" title=\"Outside the OSCE: Protocol on Examples (United Examples, 2000)\">Example Protocol"), "{p3}");
    assert!(html.contains(
        "<a href=\"../mc-x-1/#annex.III.2.7\" title=\"Quotes MC.X/1, Annex, III.2.7\">III.2.7</a>"
    ));
    // The provenance panel, both ways.
    assert!(html.contains("id=\"provenance\""));
    let mc = copy_site_page(&copy, "mc-x-1/index.html");
    let panel = &mc[mc.find("id=\"provenance\"").unwrap()..];
    assert!(panel.contains("PA.X/2"), "{panel}");
    assert!(panel.contains("recalled or reaffirmed by"), "{panel}");
}

#[test]
fn relations_are_typed_by_the_words_that_carry_them() {
    let copy = citing();
    let built = compile(&copy.content);
    let rels: Vec<(String, RelationKind, String, usize)> = built
        .corpus
        .citations
        .relations
        .iter()
        .map(|r| (r.from.clone(), r.kind, r.to.clone(), r.evidence.len()))
        .collect();
    assert!(
        rels.contains(&(
            "pa-x-2".into(),
            RelationKind::Recalls,
            "exampleton-document-1990".into(),
            1
        )),
        "{rels:?}"
    );
    assert!(
        rels.contains(&("pa-x-2".into(), RelationKind::Recalls, "mc-x-1".into(), 3)),
        "{rels:?}"
    );
    assert!(
        rels.contains(&("pa-x-2".into(), RelationKind::Recalls, "pc-x-9".into(), 1)),
        "{rels:?}"
    );
}

fn one<'a>(diags: &'a [Diagnostic], message: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.message.contains(message))
        .collect();
    assert_eq!(found.len(), 1, "`{message}` in:\n{}", show(diags));
    found[0]
}

#[test]
fn an_unresolved_citation_is_reported_with_its_place_and_text() {
    let copy = citing();
    copy.edit(
        "pa-x-2/declaration.md",
        "paragraph 40.7 of",
        "paragraph 99 of",
    );
    let w = warnings(&copy);
    let d = one(&w, "Exampleton Document 1990 has no paragraph 99");
    assert_eq!(
        d.location.file,
        std::path::Path::new("pa-x-2/declaration.md")
    );
    assert_eq!(
        d.location.line as usize,
        common::line_of(&copy.content, "pa-x-2/declaration.md", "paragraph 99")
    );
    assert_eq!(d.location.col, 15);
    let shown = d.to_string();
    assert!(shown.contains("`paragraph 99`"), "{shown}");
    assert!(
        shown.contains("closest: Exampleton Document 1990, 40"),
        "{shown}"
    );
}

#[test]
fn an_accepted_exception_is_listed_with_its_reason_and_a_stale_one_is_reported() {
    let copy = citing();
    copy.edit(
        "pa-x-2/declaration.md",
        "paragraph 40.7 of",
        "paragraph 99 of",
    );
    fs::write(
        copy.content.join("citations.yaml"),
        "accepted:\n  - file: pa-x-2/declaration.md\n    text: paragraph 99 of the Exampleton Document\n    reason: Thus printed.\n  - file: mc-x-1/compilation.md\n    text: Decision No. 6\n    reason: Invented.\n  - file: mc-x-1/compilation.md\n    text: Decision No. 7\n    reason: Stale.\n",
    )
    .unwrap();
    let built = compile(&copy.content);
    let accepted: Vec<(&str, &str)> = built
        .corpus
        .citations
        .accepted
        .iter()
        .map(|a| (a.text.as_str(), a.reason.as_str()))
        .collect();
    assert_eq!(
        accepted,
        [
            ("Decision No. 6", "Invented."),
            ("Decision No. 6", "Invented."),
            ("paragraph 99 of the Exampleton Document", "Thus printed."),
        ]
    );
    one(&built.warnings, "the accepted exception `Decision No. 7`");
    assert!(!built
        .warnings
        .iter()
        .any(|w| w.message.contains("no paragraph 99")));
}

#[test]
fn a_forced_link_must_name_a_paragraph_that_exists_and_say_why() {
    let copy = citing();
    copy.edit(
        "pa-x-2/declaration.md",
        "(cite:mc-x-1#2(a))",
        "(cite:mc-x-1#9(z))",
    );
    copy.edit(
        "pa-x-2/declaration.md",
        "(cite:none){>>Here the title of a film, not a citation.<<}",
        "(cite:none)",
    );
    let errors = content_errors(&copy.content);
    let e = one(&errors, "`cite:mc-x-1#9(z)`: MC.X/1 has no paragraph 9(z)");
    assert!(e.is_error());
    let w = one(
        &errors,
        "the link `cite:none` overrides the citation resolver without saying why",
    );
    assert!(!w.is_error());
}

#[test]
fn a_citation_of_a_later_document_is_an_anachronism_with_both_dates() {
    let copy = citing();
    copy.edit(
        "pa-x-2/declaration.md",
        "date: 2004-07-01",
        "date: 1989-07-01",
    );
    let w = warnings(&copy);
    let message =
        "anachronism: this version is dated 1 July 1989 but cites MC.X/1, dated 2 December 2003";
    let d = w
        .iter()
        .find(|d| d.message == message)
        .unwrap_or_else(|| panic!("{}", show(&w)));
    assert_eq!(
        d.location.file,
        std::path::Path::new("pa-x-2/declaration.md")
    );
    assert_eq!(
        d.location.line as usize,
        common::line_of(&copy.content, "pa-x-2/declaration.md", "1\\. Recalling")
    );
}

#[test]
fn a_name_that_a_document_and_an_external_document_both_claim_is_an_error() {
    let copy = citing();
    fs::write(
        copy.content.join("external.yaml"),
        "- id: example-protocol\n  title: Protocol on Examples\n  short: Example Protocol\n  aliases: [Exampleton Decision]\n  issuer: United Examples\n",
    )
    .unwrap();
    let errors = content_errors(&copy.content);
    let e = one(&errors, "the name `Exampleton Decision` is claimed twice");
    assert_eq!(e.location.file, std::path::Path::new("external.yaml"));
}

#[test]
fn documents_that_build_on_each_other_are_a_relation_cycle() {
    let copy = citing();
    copy.edit(
        "mc-x-1/compilation.md",
        "2\\. It is addressed to the participating States and to the institutions.",
        "2\\. It is addressed to the participating States, recalling the Example Assembly Declaration.",
    );
    let w = warnings(&copy);
    one(&w, "relation cycle: mc-x-1, pa-x-2 build on each other");
    one(
        &w,
        "anachronism: this version is dated 2 December 2003 but cites PA.X/2, dated 1 July 2004",
    );
}

#[test]
fn a_quotation_whose_words_are_not_those_of_its_number_is_reported() {
    let copy = citing();
    copy.edit(
        "pa-x-2/declaration.md",
        "> III.2.7 Encouraging",
        "> III.2.1 Encouraging",
    );
    let w = warnings(&copy);
    let d = one(
        &w,
        "the words quoted under `III.2.1` are not those of MC.X/1, Annex, III.2.1",
    );
    assert!(
        d.to_string().contains("closest: MC.X/1, Annex, III.2.7"),
        "{d}"
    );
}

#[test]
fn quotes_must_name_a_text_of_the_corpus() {
    let copy = citing();
    copy.edit(
        "pa-x-2/declaration.md",
        "quotes: Action Plan to Combat Examples",
        "quotes: Nothing Known",
    );
    let errors = content_errors(&copy.content);
    let e = one(&errors, "`quotes: Nothing Known`");
    assert_eq!(e.location.line, 9);
}

#[test]
fn the_linker_keeps_the_words_of_quoted_pages_only() {
    // A quotation's number is checked against the words of the page `quotes:` names; nothing
    // else reads a paragraph's words while linking, so the linker's catalog keeps no others.
    let copy = citing();
    let corpus = compile(&copy.content).corpus;
    let c = &corpus.citations;
    let (linking, _) = acquis::cite::Catalog::build(&corpus.documents, &c.externals, &c.rules);
    let reading = acquis::cite::Catalog::of(&corpus);
    let words = |catalog: &acquis::cite::Catalog, slug: &str| -> usize {
        catalog.docs[slug]
            .anchors
            .iter()
            .filter(|a| !a.text.is_empty())
            .count()
    };
    // pa-x-2 quotes MC.X/1's annex (the Action Plan).
    assert!(words(&linking, "mc-x-1") > 0);
    assert_eq!(words(&linking, "mc-x-1"), words(&reading, "mc-x-1"));
    for slug in ["exampleton-document-1990", "pa-x-2"] {
        assert!(words(&reading, slug) > 0, "{slug}");
        assert_eq!(words(&linking, slug), 0, "{slug}");
    }
}
