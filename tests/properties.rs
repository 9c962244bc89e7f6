//! Property-based tests (proptest) over the number reader and the Markdown parser and resolver:
//! no input panics, a printed number reads back as its parts, and every anchor the resolver
//! emits leads back to its own paragraph ([`acquis::invariants`], shared with the fuzz target in
//! `fuzz/`). Each property runs a few hundred generated cases in `cargo test --release`.

use acquis::invariants;
use acquis::parse::numbering::parse_number;
use proptest::prelude::*;

/// A Roman numeral for 1..=399.
fn roman(mut n: u32) -> String {
    let table = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in table {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// A number as an editor writes it, as it is printed, and its parts.
fn number() -> impl Strategy<Value = (String, String, Vec<String>)> {
    let arabic = (1u32..1000, any::<bool>()).prop_map(|(n, escaped)| {
        let written = if escaped {
            format!("{n}\\.")
        } else {
            format!("{n}.")
        };
        (written, format!("{n}."), vec![n.to_string()])
    });
    let dotted =
        (prop::collection::vec(1u32..100, 2..5), any::<bool>()).prop_map(|(parts, end)| {
            let mut printed = parts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(".");
            if end {
                printed.push('.');
            }
            let parts = parts.iter().map(u32::to_string).collect();
            (printed.clone(), printed, parts)
        });
    let parens = prop::collection::vec(1u32..100, 1..3).prop_map(|parts| {
        let inner = parts
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".");
        let printed = format!("({inner})");
        (
            printed.clone(),
            printed,
            parts.iter().map(u32::to_string).collect(),
        )
    });
    let letter = (prop::char::range('a', 'z'), any::<bool>()).prop_map(|(c, wrapped)| {
        let printed = if wrapped {
            format!("({c})")
        } else {
            format!("{c})")
        };
        (printed.clone(), printed, vec![c.to_string()])
    });
    let lower_roman = (1u32..40).prop_map(|n| {
        let r = roman(n).to_lowercase();
        let printed = format!("({r})");
        (printed.clone(), printed, vec![r])
    });
    let upper_roman = (1u32..40, prop::option::of(1u32..30)).prop_map(|(n, section)| {
        let r = roman(n);
        match section {
            None => (format!("{r}."), format!("{r}."), vec![r]),
            Some(s) => {
                let printed = format!("{r}.{s}.");
                (printed.clone(), printed, vec![r, s.to_string()])
            }
        }
    });
    let dash = prop::sample::select(vec!["—", "–", "-", "•"])
        .prop_map(|d| (d.to_owned(), d.to_owned(), vec![]));
    prop_oneof![
        arabic,
        dotted,
        parens,
        letter,
        lower_roman,
        upper_roman,
        dash
    ]
}

/// A citation of the fixed document beside the invented one (`PC.DEC/9`: paragraphs 1 and 2,
/// point (a) of 2, Part II with its paragraph 1), in the forms the corpus uses; some name
/// paragraphs it does not have, which the resolver must report, not link.
fn citation() -> impl Strategy<Value = String> {
    let pinpoint = prop::sample::select(vec!["1", "2", "2 (a)", "3", "II", "II.1", "II.7"]);
    let form = prop::sample::select(vec![
        "paragraph {p} of PC.DEC/9",
        "PC.DEC/9, paragraph {p}",
        "PC.DEC/9 para {p}",
        "Section {p} of PC.DEC/9",
        "Permanent Council Decision No. 9",
        "PC.DEC/9",
        "[the decision](cite:pc-dec-9#{p}){>>forced<<}",
    ]);
    (form, pinpoint).prop_map(|(f, p)| f.replace("{p}", p))
}

/// One block of Markdown built from the constructs of content/README.md.
fn block() -> impl Strategy<Value = String> {
    let words = "[A-Za-z][a-z]{0,8}( [a-z]{1,8}){0,6}[.,;:]?";
    prop_oneof![
        4 => (number(), words).prop_map(|((written, _, _), text)| format!("{written} {text}")),
        2 => words.prop_map(|t| t.to_string()),
        1 => (1u8..6, words).prop_map(|(level, t)| format!("{} {t}", "#".repeat(level as usize + 1))),
        1 => (number(), words).prop_map(|((w, _, _), t)| format!("## {w} {t}")),
        1 => words.prop_map(|t| format!("# {t}")),
        1 => (number(), words).prop_map(|((w, _, _), t)| format!("> {w} {t}")),
        1 => words.prop_map(|t| format!("{t}[^1]")),
        1 => words.prop_map(|t| format!("[^1]: {t}")),
        1 => words.prop_map(|t| format!("{t} {{~~a~>b~~}}{{>>why<<}} {{--x--}}")),
        1 => (words, "[a-z][a-z0-9-]{0,8}").prop_map(|(t, a)| format!("{t} {{#{a}}}")),
        1 => (words, "[a-z0-9]{1,8}").prop_map(|(t, p)| format!("{t} {{pid=p-{p}}}")),
        1 => words.prop_map(|t| format!("*{t}* and **{t}** and [{t}](../x-1/#2)")),
        2 => (number(), citation(), words).prop_map(|((w, _, _), c, t)| format!("{w} {t} {c} {t}")),
        1 => prop::sample::select(vec!["{~~", "{--", "<b>", "---", "    code", "* * *", "\\(a) x", "{#", "[^"])
            .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_printed_number_reads_back_as_its_parts((written, printed, parts) in number(), text in "[A-Za-z][a-z ]{0,20}") {
        let raw = format!("{written} {text}");
        let (num, len) = parse_number(&raw).expect("a number");
        let read: Vec<String> = num.parts().iter().map(|p| p.to_string()).collect();
        prop_assert_eq!(read, parts);
        prop_assert_eq!(num.printed, printed);
        prop_assert_eq!(len, written.len());
    }

    #[test]
    fn the_number_reader_never_panics(raw in any::<String>()) {
        if let Some((num, len)) = parse_number(&raw) {
            prop_assert!(raw.is_char_boundary(len));
            prop_assert!(len <= raw.len());
            prop_assert!(!num.printed.is_empty());
        }
    }

    #[test]
    fn any_text_keeps_every_invariant(body in any::<String>()) {
        prop_assert_eq!(invariants::check_body(&body), Ok(()));
    }

    #[test]
    fn any_file_keeps_every_invariant(text in any::<String>()) {
        prop_assert_eq!(invariants::check_file(&text), Ok(()));
    }

    #[test]
    fn content_shaped_markdown_keeps_every_invariant(
        blocks in prop::collection::vec(block(), 0..40),
        separators in prop::collection::vec(prop::sample::select(vec!["\n\n", "\n", "\n\n\n"]), 40),
    ) {
        let mut body = String::new();
        for (b, sep) in blocks.iter().zip(&separators) {
            body.push_str(b);
            body.push_str(sep);
        }
        prop_assert_eq!(invariants::check_body(&body), Ok(()));
    }
}

/// The content-shaped generator reaches the resolver, not only the parser's error paths: a good
/// share of what it generates parses and resolves without errors, and some of it with citations
/// the citation resolver linked (which `check_body` then follows back).
#[test]
fn the_generator_reaches_the_resolver() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = prop::collection::vec(block(), 1..12);
    let mut resolved = 0;
    let mut citing = 0;
    for _ in 0..200 {
        let body = strategy
            .new_tree(&mut runner)
            .unwrap()
            .current()
            .join("\n\n");
        if invariants::resolves(&body) {
            resolved += 1;
        }
        if invariants::linked_citations(&body) > 0 {
            citing += 1;
        }
    }
    assert!(
        resolved >= 20,
        "only {resolved} of 200 generated bodies resolve"
    );
    assert!(
        citing >= 10,
        "only {citing} of 200 generated bodies resolve with a linked citation"
    );
}

/// The fuzz target's seeds and every input the fuzzer once crashed on (`fuzz/regressions/`,
/// copied from `fuzz/artifacts/` after the fix) keep every invariant, as whole files and as
/// bodies: the fuzz corpus runs on the stable toolchain in every `cargo test`.
#[test]
fn the_fuzz_seeds_and_regressions_keep_every_invariant() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut inputs = 0;
    for dir in ["seeds", "regressions"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            invariants::check_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            invariants::check_body(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            inputs += 1;
            if dir == "seeds" {
                let body = text.splitn(3, "---\n").nth(2).unwrap_or(&text);
                assert!(
                    invariants::resolves(body),
                    "{} reaches the resolver",
                    path.display()
                );
                if path.ends_with("citations.md") {
                    let linked = invariants::linked_citations(body);
                    assert!(
                        linked >= 8,
                        "the citation seed links only {linked} citations"
                    );
                }
            }
        }
    }
    assert!(inputs >= 6, "only {inputs} inputs");
}
