//! Each citation form, with real sentences of the corpus (file and line in the comment).

use super::*;
use crate::cite::names::NameIndex;

fn doc(slug: &str) -> Referent {
    Referent::Document {
        slug: slug.into(),
        part: None,
    }
}

fn grammar() -> Grammar {
    let names = [
        ("MC(8).DEC/1", doc("mc-8-dec-1")),
        ("MC.DEC/13/05", doc("mc-dec-13-05")),
        ("PC.DEC/557", doc("pc-dec-557")),
        ("Moscow Document", doc("moscow-document-1991")),
        ("Charter for European Security", doc("sum-doc-1-99")),
        ("Porto Ministerial Declaration", doc("mc-doc-1-02")),
        (
            "Maastricht Ministerial Council Decision No.2",
            doc("mc-dec-2-03"),
        ),
        ("Vienna Ministerial Decision No. 1", doc("mc-8-dec-1")),
        (
            "Bucharest Ministerial Council Decision No. 6",
            doc("mc-9-dec-6"),
        ),
        ("Permanent Council Decision No. 557", doc("pc-dec-557")),
        (
            "Parliamentary Assembly's Bucharest Declaration",
            doc("osce-pa-bucharest-declaration"),
        ),
        (
            "Action Plan",
            Referent::Document {
                slug: "pc-dec-557".into(),
                part: Some("annex".into()),
            },
        ),
        (
            "OSCE Action Plan to combat trafficking in human beings",
            Referent::Document {
                slug: "pc-dec-557".into(),
                part: Some("annex".into()),
            },
        ),
        (
            "OSCE Action Plan",
            Referent::Document {
                slug: "pc-dec-557".into(),
                part: Some("annex".into()),
            },
        ),
        (
            "United Nations Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women and Children",
            Referent::External {
                id: "un-trafficking-protocol".into(),
            },
        ),
        ("National Action Plan", Referent::NotACitation),
    ];
    let (names, collisions) = NameIndex::build(names.into_iter().map(|(n, r)| (n.to_owned(), r)));
    assert!(collisions.is_empty());
    Grammar {
        names,
        places: ["Ljubljana", "Sofia", "Bucharest", "Vienna", "Maastricht"]
            .into_iter()
            .map(String::from)
            .collect(),
    }
}

/// Each mention as `subject text [pinpoint text = parts]… (year)`.
fn read(text: &str) -> Vec<String> {
    grammar()
        .recognise(text)
        .iter()
        .map(|m| {
            let mut s = text[m.span.clone()].to_owned();
            for p in &m.pinpoints {
                s.push_str(&format!(
                    " [{} = {}]",
                    &text[p.span.clone()],
                    p.parts.join(".")
                ));
            }
            if m.annex {
                s.push_str(" (annex)");
            }
            if let Some(y) = m.year {
                s.push_str(&format!(" ({y})"));
            }
            s
        })
        .collect()
}

#[test]
fn symbols_with_and_without_revision_suffixes() {
    // 001:1700 (footnote 20)
    assert_eq!(
        read("OSCE Ministerial Council Decision No. 1, adopted in Vienna, 28 November 2000 -MC(8).DEC/1"),
        [
            "OSCE Ministerial Council Decision No. 1, adopted in Vienna (2000)",
            "MC(8).DEC/1"
        ]
    );
    // An unknown revision is a symbol of its own, not PC.DEC/557 followed by noise.
    let g = grammar();
    let m = g.recognise("adopted by PC.DEC/557/Rev.1 and corrected by PC.DEC/557/Corr.1.");
    assert_eq!(m[0].subject, Subject::Symbol("PC.DEC/557/Rev.1".into()));
    assert_eq!(m[1].subject, Subject::Symbol("PC.DEC/557/Corr.1".into()));
}

#[test]
fn descriptions_name_body_number_place_and_date() {
    // 000:1105 (the Action Plan): "The OSCE Ministerial Council in its Decision No. 6 (2001)"
    let g = grammar();
    let m = g.recognise("The OSCE Ministerial Council in its Decision No. 6 (2001) called on");
    let Subject::Description(d) = &m[0].subject else {
        panic!("{m:?}")
    };
    assert_eq!(
        (d.body, d.number, m[0].year),
        (Some(Body::MinisterialCouncil), Some(6), Some(2001))
    );
    // 001:27: "the Ministerial Council (MC) Decision No. 13/05, which tasks"
    let m =
        g.recognise("the terms of the Ministerial Council (MC) Decision No. 13/05, which tasks");
    let Subject::Description(d) = &m[0].subject else {
        panic!("{m:?}")
    };
    assert_eq!((d.number, d.yy), (Some(13), Some(5)));
    // 000:2334 (Rotterdam Declaration, 6): one mention per date.
    let text = "and the OSCE Ministerial Council Decisions of November 2000, December 2001, and December 2002 commit";
    assert_eq!(
        read(text),
        [
            "OSCE Ministerial Council Decisions of November 2000 (2000)",
            "December 2001 (2001)",
            "December 2002 (2002)"
        ]
    );
    // 001, line 224: a year after "in".
    assert_eq!(
        read("Since the Vienna Ministerial Council Decision in 2000 tasked field operations to develop"),
        ["Vienna Ministerial Council Decision in 2000 (2000)"]
    );
    // "Decision" alone, or "the Decision stressed", cites nothing.
    assert!(read("Noting that the Decision stressed the role of national parliaments").is_empty());
}

#[test]
fn the_descriptions_of_the_issue_resolve_to_names_with_their_year() {
    assert_eq!(
        read("especially the 2000 Vienna Ministerial Decision No. 1 of 2000, the 2001 Bucharest Ministerial Council Decision No. 6, and the 2002 Porto Ministerial Declaration,"),
        [
            "Vienna Ministerial Decision No. 1 (2000)",
            "Bucharest Ministerial Council Decision No. 6 (2001)",
            "Porto Ministerial Declaration (2002)"
        ]
    );
    // 000:1072 and the Edinburgh Declaration (000, line 2132).
    assert_eq!(
        read("Recalling furthermore Permanent Council Decision No. 557 of 24 July on the adoption"),
        ["Permanent Council Decision No. 557"]
    );
    assert_eq!(
        read("the OSCE commitments on combating the traffic in human beings contained in the Moscow Document of 1991,"),
        ["Moscow Document (1991)"]
    );
    assert_eq!(
        read("and the Maastricht Ministerial Council Decision No.2 on combating"),
        ["Maastricht Ministerial Council Decision No.2"]
    );
}

#[test]
fn numbers_before_the_name_articles_sections_chapters() {
    // 002:363 (MC(8).DEC/1, 4)
    assert_eq!(
        read("and welcomes articles 106 and 107 of the Parliamentary Assembly's Bucharest Declaration on trafficking"),
        ["Parliamentary Assembly's Bucharest Declaration [articles 106 = 106] [107 = 107]"]
    );
    // 001:145
    assert_eq!(
        read("we strongly encourage the States to consider Section VI., 1., of the OSCE Action Plan, in which"),
        ["OSCE Action Plan [Section VI., 1. = VI.1]"]
    );
    // 001:125
    assert_eq!(
        read("supported in Chapter III., Section 1.1.1 of the Action Plan which recommends"),
        ["Action Plan [Chapter III., Section 1.1.1 = III.1.1.1]"]
    );
    // 001:65
    assert_eq!(
        read("in accordance with Section II. of the OSCE Action Plan to Combat"),
        ["OSCE Action Plan [Section II. = II]"]
    );
    // 000:1107
    assert_eq!(
        read("the conduct set forth in Article 3 of the United Nations Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women and Children, supplementing"),
        ["United Nations Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women and Children [Article 3 = 3]"]
    );
}

#[test]
fn numbers_after_the_name_as_readers_write_them() {
    assert_eq!(read("MC(8).DEC/1 para 9"), ["MC(8).DEC/1 [para 9 = 9]"]);
    assert_eq!(read("Action Plan V.3.1"), ["Action Plan [V.3.1 = V.3.1]"]);
    assert_eq!(
        read("Moscow Document 40.7"),
        ["Moscow Document [40.7 = 40.7]"]
    );
    assert_eq!(
        read("PC.DEC/557, Annex, III.2.7"),
        ["PC.DEC/557 [III.2.7 = III.2.7] (annex)"]
    );
    assert_eq!(read("MC(8).DEC/1, 9"), ["MC(8).DEC/1 [9 = 9]"]);
    assert_eq!(
        read("PC.DEC/557, Annex, III.1.2, indent 2"),
        ["PC.DEC/557 [III.1.2, indent 2 = III.1.2] (annex)"]
    );
    // 001:1694 (footnote 12)
    assert_eq!(
        read("The OSCE Action Plan to combat trafficking in human beings, Chapter V.3.3.1"),
        ["OSCE Action Plan to combat trafficking in human beings [Chapter V.3.3.1 = V.3.3.1]"]
    );
}

#[test]
fn dates_and_plain_numbers_after_a_name_are_not_paragraphs() {
    // 001:1839 (footnote 27) and 001:1673 (footnote 19).
    assert_eq!(
        read("OSCE Summit, Istanbul, 18-19 November 1999; the Charter for European Security (1999), and MC.DEC/13/05, 6 December 2005."),
        ["Charter for European Security (1999)", "MC.DEC/13/05 (2005)"]
    );
    assert_eq!(
        read("the Moscow Document 1991 and"),
        ["Moscow Document (1991)"]
    );
}

#[test]
fn a_phrase_that_is_not_a_citation_hides_the_name_in_it() {
    assert_eq!(
        read("the development of guidelines for a National Action Plan and the Action Plan itself"),
        ["Action Plan"]
    );
}

#[test]
fn a_year_before_the_name_qualifies_it() {
    // 000:2132 (Edinburgh Declaration, 9)
    assert_eq!(
        read("as called for in the 2003 Maastricht Ministerial Council Decision No.2"),
        ["Maastricht Ministerial Council Decision No.2 (2003)"]
    );
}
