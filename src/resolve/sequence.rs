//! Checks that each list of numbered paragraphs runs as printed numbers do: 1, 2, 3 …, (a), (b)
//! …, I, II …. A gap (`3.` then `5.`) or a step back (`5.` then `3.`) is usually a transcription
//! slip, so it is a warning; an excerpt that keeps its source's numbers says so in its front
//! matter (`numbering: excerpt`) and its gaps are expected.

use crate::diagnostics::{Capped, Diagnostic};
use crate::model::{Node, Num, NumStyle, Numbering, Paragraph, ParagraphKind, Version, Wrap};
use std::collections::HashMap;

/// The kinds of counting a number can belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Family {
    Arabic(u8),
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
}

/// Where a list stands: the number's family and the parts before the counted one.
type ListKey = (Family, Wrap, Vec<crate::model::ShortStr>);

/// Reports gaps and steps back in every list of numbered paragraphs of `version`.
pub fn check(version: &Version) -> Vec<Diagnostic> {
    let mut walk = Walk {
        version,
        carried: HashMap::new(),
        diags: Capped::default(),
    };
    walk.siblings(&version.body);
    walk.diags.finish()
}

struct Walk<'a> {
    version: &'a Version,
    /// The last value of each list in the whole version: numbering that runs on across headings
    /// (a report's paragraphs 1 to 40 under several chapters) starts a division's list there.
    carried: HashMap<ListKey, u64>,
    diags: Capped,
}

impl<'a> Walk<'a> {
    fn siblings(&mut self, nodes: &'a [Node]) {
        let mut last: HashMap<ListKey, (u64, &Paragraph)> = HashMap::new();
        for node in nodes {
            let children = match node {
                Node::Division(d) => &d.children,
                Node::Paragraph(p) => {
                    if let Some((key, value)) = counted(p, &last) {
                        let prev = last.get(&key).map(|(v, p)| (*v, *p));
                        let runs_on = self.carried.get(&key).is_some_and(|v| v + 1 == value);
                        if prev.is_some() || !runs_on {
                            let numbering = self.version.meta.numbering;
                            if let Some((message, help)) = compare(prev, value, p, numbering) {
                                let text = &self.version.markdown;
                                self.diags.push_with(|| {
                                    Diagnostic::warning(p.location.clone(), message)
                                        .snippet(&text.text(), 1)
                                        .help(help)
                                });
                            }
                        }
                        self.carried.insert(key.clone(), value);
                        last.insert(key, (value, p));
                    }
                    &p.children
                }
            };
            self.siblings(children);
        }
    }
}

/// The list a numbered paragraph belongs to and its value in it.
fn counted(p: &Paragraph, last: &HashMap<ListKey, (u64, &Paragraph)>) -> Option<(ListKey, u64)> {
    let num = p
        .num
        .as_ref()
        .filter(|_| p.kind == ParagraphKind::Numbered)?;
    let parts = num.parts();
    let (counted, prefix) = parts.split_last()?;
    let prefix: Vec<crate::model::ShortStr> = prefix.iter().map(|&p| p.into()).collect();
    // A single letter that continues a lettered list is a letter, even if it reads as a Roman
    // numeral: (h), (i), (j); A., B., C.
    if let Some((family, value)) = letter(counted) {
        let key = (family, num.wrap, prefix.clone());
        let continues = last.get(&key).is_some_and(|(v, _)| *v + 1 == value);
        if continues || !matches!(num.style, NumStyle::LowerRoman | NumStyle::UpperRoman) {
            return Some((key, value));
        }
    }
    let (family, value) = match num.style {
        NumStyle::Arabic { depth } => (Family::Arabic(depth), counted.parse().ok()?),
        NumStyle::LowerRoman => (Family::LowerRoman, roman(counted)?),
        NumStyle::UpperRoman => (Family::UpperRoman, roman(counted)?),
        _ => return None,
    };
    Some(((family, num.wrap, prefix), value))
}

fn letter(part: &str) -> Option<(Family, u64)> {
    let mut chars = part.chars();
    let (c, None) = (chars.next()?, chars.next()) else {
        return None;
    };
    match c {
        'a'..='z' => Some((Family::LowerAlpha, c as u64 - 'a' as u64 + 1)),
        'A'..='Z' => Some((Family::UpperAlpha, c as u64 - 'A' as u64 + 1)),
        _ => None,
    }
}

/// The value of a Roman numeral (`iv` = 4), case-insensitive.
fn roman(s: &str) -> Option<u64> {
    let digit = |c: char| match c.to_ascii_lowercase() {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        _ => None,
    };
    let values: Vec<i64> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (i, v) in values.iter().enumerate() {
        let sign = match values.get(i + 1) {
            Some(next) if next > v => -1,
            _ => 1,
        };
        total = total.checked_add(sign * v)?;
    }
    u64::try_from(total).ok().filter(|t| *t > 0)
}

/// What is wrong with a paragraph of value `value` after `prev`, if anything, and what to do.
fn compare(
    prev: Option<(u64, &Paragraph)>,
    value: u64,
    p: &Paragraph,
    numbering: Numbering,
) -> Option<(String, &'static str)> {
    let printed = |n: &Option<Num>| n.as_ref().map_or(String::new(), |n| n.printed.to_string());
    let (gaps_expected, steps_expected) = match numbering {
        Numbering::Complete => (false, false),
        Numbering::Excerpt => (true, false),
        Numbering::AsPrinted => (true, true),
    };
    let gap_help = "correct the number if it is a slip; if the witness is an excerpt that keeps its source's numbers, say so in the front matter: `numbering: excerpt`";
    match prev {
        None if value > 1 && !gaps_expected => Some((
            format!("the list starts at `{}`", printed(&p.num)),
            gap_help,
        )),
        Some((v, q)) if value > v + 1 && !gaps_expected => Some((
            format!(
                "the numbering jumps from `{}` to `{}`",
                printed(&q.num),
                printed(&p.num)
            ),
            gap_help,
        )),
        Some((v, q)) if value < v && !steps_expected => Some((
            format!(
                "the numbering steps back from `{}` to `{}`",
                printed(&q.num),
                printed(&p.num)
            ),
            "correct the number if it is a slip; if the source itself numbers so, say so in the front matter: `numbering: as-printed`",
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::roman;

    #[test]
    fn reads_roman_numerals() {
        assert_eq!(roman("iv"), Some(4));
        assert_eq!(roman("XIV"), Some(14));
        assert_eq!(roman("ii"), Some(2));
        assert_eq!(roman("q"), None);
    }
}
