//! Citation paths: the hierarchy of numbers that an anchor and a formal citation are written from.

use crate::model::{Num, NumStyle};

/// One step of a paragraph's place in its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A division with an explicit anchor, such as the annex.
    Named(String),
    /// An Arabic or Roman number, or a capital letter: joined with `.`.
    Num(String),
    /// A letter or lower-case Roman sub-item: added in brackets, `2(a)`.
    Sub(String),
    /// The n-th dash item under its parent.
    Indent(usize),
    /// An unnumbered paragraph or heading, by its first words: the slug for the anchor, and the
    /// words as printed for the citation.
    Words { slug: String, cite: String },
}

/// The path of a numbered item: the parent's path extended by the number, where a dotted
/// number that repeats the parent's trailing numbers replaces them (`2` + `2.7` = `2.7`).
pub fn compose(parent: &[Seg], num: &Num) -> Vec<Seg> {
    let mut out = parent.to_vec();
    match num.style {
        NumStyle::Letter | NumStyle::LowerRoman => out.push(Seg::Sub(num.parts().join("."))),
        NumStyle::Dash => {}
        _ => {
            let parts: Vec<Seg> = num
                .parts()
                .iter()
                .map(|p| Seg::Num(p.to_string()))
                .collect();
            let overlap = (1..parts.len())
                .rev()
                .find(|&k| out.len() >= k && out[out.len() - k..] == parts[..k])
                .unwrap_or(0);
            out.truncate(out.len() - overlap);
            out.extend(parts);
        }
    }
    out
}

/// The anchor a path reads as: `annex.III.2.7`, `2(a)`, `40.7`, `annex.III.1.2.indent2`.
pub fn anchor(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Sub(s) => {
                out.push('(');
                out.push_str(s);
                out.push(')');
            }
            Seg::Named(s) | Seg::Num(s) | Seg::Words { slug: s, .. } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(s);
            }
            Seg::Indent(n) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&format!("indent{n}"));
            }
        }
    }
    out
}

/// The formal citation of a path inside its document: `Annex, III.2.7`, `2(a)`, `1.2, indent 2`.
pub fn citation(path: &[Seg]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut number = String::new();
    let flush = |number: &mut String, parts: &mut Vec<String>| {
        if !number.is_empty() {
            parts.push(std::mem::take(number));
        }
    };
    for seg in path {
        match seg {
            Seg::Named(s) => {
                flush(&mut number, &mut parts);
                parts.push(title_case(s));
            }
            Seg::Num(s) => {
                if !number.is_empty() {
                    number.push('.');
                }
                number.push_str(s);
            }
            Seg::Sub(s) => number.push_str(&format!("({s})")),
            Seg::Indent(n) => {
                flush(&mut number, &mut parts);
                parts.push(format!("indent {n}"));
            }
            Seg::Words { cite, .. } => {
                flush(&mut number, &mut parts);
                parts.push(format!("“{cite} …”"));
            }
        }
    }
    flush(&mut number, &mut parts);
    parts.join(", ")
}

fn title_case(id: &str) -> String {
    let text = id.replace('-', " ");
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::numbering::parse_number;

    fn n(s: &str) -> Num {
        parse_number(s).expect(s).0
    }

    fn named(s: &str) -> Seg {
        Seg::Named(s.into())
    }

    #[test]
    fn dotted_numbers_extend_their_parent_instead_of_nesting_again() {
        let chapter = compose(&[named("annex")], &n("III. Investigation"));
        let section = compose(&chapter, &n("2. Law"));
        let item = compose(&section, &n("2.7 Encouraging"));
        assert_eq!(anchor(&item), "annex.III.2.7");
        assert_eq!(citation(&item), "Annex, III.2.7");
        let moscow = compose(&compose(&[], &n("(40) The")), &n("(40.7) - seek"));
        assert_eq!(anchor(&moscow), "40.7");
    }

    #[test]
    fn letters_go_in_brackets_and_dashes_count_indents() {
        let sub = compose(&compose(&[], &n("2. Establishes")), &n("(a) Assist"));
        assert_eq!(anchor(&sub), "2(a)");
        let roman = compose(&sub, &n("(iv) Text"));
        assert_eq!(anchor(&roman), "2(a)(iv)");
        let mut dash = compose(&[], &n("1.2 Adopting"));
        dash.push(Seg::Indent(2));
        assert_eq!(anchor(&dash), "1.2.indent2");
        assert_eq!(citation(&dash), "1.2, indent 2");
    }

    #[test]
    fn report_headings_with_roman_parts_absorb_the_part_number() {
        let part = compose(&[], &n("III. THE OSCE"));
        assert_eq!(anchor(&compose(&part, &n("III. 2. PREVENTION"))), "III.2");
        assert_eq!(anchor(&compose(&part, &n("III.1. INVESTIGATION"))), "III.1");
    }
}
