//! Recognises an official number at the start of a block, exactly as printed.
//!
//! The number is read from the characters the editor wrote, never from Markdown's list
//! numbering, so `1.` stays `1.` and `(40.7)` stays `(40.7)`.

use crate::model::{parts_of, Num, NumStyle, Wrap};
use regex::Regex;
use std::sync::LazyLock;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?P<dash>[—–•*+-])
          | \((?P<paren>[0-9]+(?:\.[0-9]+)*|[a-z]|[ivxlc]+|[IVXLC]+)\)
          | (?P<rparen>[0-9]+|[a-z]|[ivxlc]+)\)
          | (?P<roman>[IVXLC]+)\\?\.(?P<romanrest>(?:\x20?[0-9]+\\?\.)*(?:\x20?[0-9]+)?)
          | (?P<dotted>[0-9]+(?:\\?\.[0-9]+)+)(?P<dottedend>\\?\.)?
          | (?P<arabic>[0-9]+)\\?\.
          | (?P<upper>[A-Z])\\?\.
          | (?P<letter>[a-z])\\?\.
        )",
    )
    .expect("number pattern")
});

/// The most parts a number may have (`V.11.2.3` has four); anything longer is not a number.
pub const MAX_PARTS: usize = 8;

/// Reads the number at the start of `raw` (Markdown source of a block, escapes included).
/// Returns the number and the byte length of the number in `raw`; `None` when the block does
/// not start with a number followed by whitespace (or the end of the block).
pub fn parse_number(raw: &str) -> Option<(Num, usize)> {
    let caps = NUMBER.captures(raw)?;
    let whole = caps.get(0)?;
    let after = &raw[whole.end()..];
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let printed = whole.as_str().replace('\\', "");
    let bare = |style| Num {
        printed: printed.as_str().into(),
        style,
        wrap: Wrap::Bare,
    };
    let group = |name: &str| caps.name(name).map(|m| m.as_str());
    let num = if group("dash").is_some() {
        bare(NumStyle::Dash)
    } else if let Some(p) = group("paren") {
        classify(p, &printed, Wrap::Parens)
    } else if let Some(p) = group("rparen") {
        classify(p, &printed, Wrap::RightParen)
    } else if group("roman").is_some() {
        let parts = 1 + parts_of(group("romanrest").unwrap_or("")).count();
        let style = if parts == 1 {
            NumStyle::UpperRoman
        } else {
            NumStyle::Arabic {
                depth: depth(parts),
            }
        };
        bare(style)
    } else if let Some(d) = group("dotted") {
        let depth = depth(parts_of(d).count());
        bare(NumStyle::Arabic { depth })
    } else if group("arabic").is_some() {
        bare(NumStyle::Arabic { depth: 1 })
    } else if group("upper").is_some() {
        bare(NumStyle::UpperLetter)
    } else {
        group("letter")?;
        bare(NumStyle::Letter)
    };
    if parts_of(&num.printed).count() > MAX_PARTS {
        return None;
    }
    Some((num, whole.end()))
}

/// A dotted number's count of parts (numbers of more than [`MAX_PARTS`] parts are refused).
fn depth(parts: usize) -> u8 {
    u8::try_from(parts).unwrap_or(u8::MAX)
}

/// Sorts a bracketed or right-parenthesised value into its style. A lone `i`, `v`, `x`, `l` or
/// `c` is read as a Roman numeral here; `resolve` re-reads it as a letter when it follows `h`,
/// `u`, `w`, `k` or `b` in a lettered list.
fn classify(value: &str, printed: &str, wrap: Wrap) -> Num {
    let style = if value.chars().all(|c| c.is_ascii_digit() || c == '.') {
        NumStyle::Arabic {
            depth: depth(value.split('.').count()),
        }
    } else if value.chars().all(|c| "ivxlc".contains(c)) {
        NumStyle::LowerRoman
    } else if value.chars().all(|c| "IVXLC".contains(c)) {
        NumStyle::UpperRoman
    } else {
        NumStyle::Letter
    };
    Num {
        printed: printed.into(),
        style,
        wrap,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(raw: &str) -> Option<(String, Vec<String>, NumStyle)> {
        parse_number(raw).map(|(n, _)| {
            let parts = n.parts().iter().map(|p| p.to_string()).collect();
            (n.printed.to_string(), parts, n.style)
        })
    }

    fn parts(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_every_printed_form() {
        let arabic = |d| NumStyle::Arabic { depth: d };
        assert_eq!(
            num("1\\. Decides"),
            Some(("1.".into(), parts(&["1"]), arabic(1)))
        );
        assert_eq!(
            num("12. Calls"),
            Some(("12.".into(), parts(&["12"]), arabic(1)))
        );
        assert_eq!(
            num("1.1 Adopting"),
            Some(("1.1".into(), parts(&["1", "1"]), arabic(2)))
        );
        assert_eq!(
            num("2.7. Encouraging"),
            Some(("2.7.".into(), parts(&["2", "7"]), arabic(2)))
        );
        assert_eq!(
            num("(40.7) - seek"),
            Some(("(40.7)".into(), parts(&["40", "7"]), arabic(2)))
        );
        assert_eq!(
            num("(40) The"),
            Some(("(40)".into(), parts(&["40"]), arabic(1)))
        );
        assert_eq!(
            num("III. Investigation"),
            Some(("III.".into(), parts(&["III"]), NumStyle::UpperRoman))
        );
        assert_eq!(
            num("III.1. INVESTIGATION"),
            Some(("III.1.".into(), parts(&["III", "1"]), arabic(2)))
        );
        assert_eq!(
            num("V.3.1 Text"),
            Some(("V.3.1".into(), parts(&["V", "3", "1"]), arabic(3)))
        );
        assert_eq!(
            num("(a) Assist"),
            Some(("(a)".into(), parts(&["a"]), NumStyle::Letter))
        );
        assert_eq!(
            num("b) building"),
            Some(("b)".into(), parts(&["b"]), NumStyle::Letter))
        );
        assert_eq!(
            num("(iv) Text"),
            Some(("(iv)".into(), parts(&["iv"]), NumStyle::LowerRoman))
        );
        assert_eq!(
            num("— Attempting"),
            Some(("—".into(), vec![], NumStyle::Dash))
        );
        assert_eq!(num("- seek"), Some(("-".into(), vec![], NumStyle::Dash)));
        assert_eq!(
            num("III. 2. THE"),
            Some(("III. 2.".into(), parts(&["III", "2"]), arabic(2)))
        );
        assert_eq!(
            num("V. 11. 2. Text"),
            Some(("V. 11. 2.".into(), parts(&["V", "11", "2"]), arabic(3)))
        );
        assert_eq!(
            num("I."),
            Some(("I.".into(), parts(&["I"]), NumStyle::UpperRoman))
        );
    }

    #[test]
    fn ignores_what_only_looks_like_a_number() {
        assert_eq!(num("2000 Vienna"), None);
        assert_eq!(num("\\(a) is a letter"), None);
        assert_eq!(num("1.5million"), None);
        assert_eq!(num("e.g. this"), None);
        assert_eq!(num("In 2001"), None);
        assert_eq!(num("—Attempting"), None);
        assert_eq!(num("(see below) text"), None);
        assert_eq!(num("൦. Malayalam digits are not numbers here"), None);
        assert_eq!(num(&format!("1{} text", ".1".repeat(MAX_PARTS))), None);
    }
}
