//! The regular expressions of the citation grammar, in one place.
//!
//! They are written in the subset that both the `regex` crate and JavaScript understand (named
//! groups `(?<name>…)`, no look-around, no `\b`), because the /cite page's script compiles the very
//! same sources (exported by [`sources`]) to parse a pasted citation. Word boundaries are checked
//! in code, identically on both sides.

use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Words that introduce a paragraph number: "articles 106", "Section VI.", "para 9".
const LABEL: &str =
    r"(?:[Aa]rticles?|[Pp]aragraphs?|[Pp]aras?\.?|[Ss]ections?|[Cc]hapters?|[Pp]arts?|¶)";

/// One paragraph number as texts print it: `III.9.1`, `V. 11. 2.`, `40.7`, `106`, `2(a)`, `VI.`.
const NUM: &str = r"(?:[IVXLC]+\.?(?:\s?\d+\.?)*|\d+(?:\.\d+)*\.?)(?:\([a-z]{1,4}\))*";

/// Between two numbers of a sequence: `, ` `and` `&` `to`.
const SEP: &str = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+to\s+)";

const MONTH: &str =
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)";

fn num_seq() -> String {
    format!("{NUM}(?:{SEP}(?:{LABEL}\\s+)?{NUM})*")
}

fn month_year() -> String {
    format!(r"(?:{MONTH}\s+)?(?:19|20)\d\d")
}

/// The pattern sources by name, as the script of the /cite page receives them.
pub fn sources() -> BTreeMap<&'static str, String> {
    let seq = num_seq();
    let my = month_year();
    BTreeMap::from([
        // An OSCE document symbol: PC.DEC/426, MC(8).DEC/1, MC.DEC/2/03, PC.DEC/557/Rev.1.
        (
            "symbol",
            r"[A-Z]{2,6}(?:\(\d+\))?(?:\.[A-Z]{2,6})+/\d+(?:/\d+)*(?:/(?:Rev|Corr|Add)\.\s?\d*)*"
                .to_owned(),
        ),
        // "Ministerial Council Decision No. 13", "PC Decision No. 557", "Ministerial Council in its
        // Decision No. 6", "Ministerial Decision No. 6 adopted in Bucharest", "OSCE Ministerial
        // Council Decisions of November 2000, December 2001, and December 2002", "Vienna Ministerial
        // Council Decision in 2000".
        (
            "description",
            format!(
                r"(?:(?<year>(?:19|20)\d\d)\s+)?(?:OSCE\s+)?(?:(?<place>[A-Z][a-z]+)\s+)?(?:(?<body>Ministerial\s+Council|Ministerial|Permanent\s+Council|MC|PC)(?:\s+\((?:MC|PC)\))?(?:\s+in\s+its)?\s+)?(?<kind>Decision|Declaration)(?<plural>s)?(?:\s+No\.\s?(?<num>\d+)(?:/(?<yy>\d\d))?)?(?:,?\s+adopted\s+in\s+(?<place2>[A-Z][a-z]+))?(?:\s+(?:of|in)\s+(?<dates>{my}(?:\s*,\s*(?:and\s+)?{my}|\s+and\s+{my})*))?"
            ),
        ),
        // One date of a description's list of dates.
        (
            "month_year",
            format!(r"(?:(?<month>{MONTH})\s+)?(?<year>(?:19|20)\d\d)"),
        ),
        // Numbers before the name: "articles 106 and 107 of the", "Chapter III., Section 1.1.1 of
        // the", "Section VI., 1., of the OSCE"; matched against the text before the name.
        (
            "pre",
            format!(r"(?<pin>{LABEL}\s+{seq})\s*,?\s+(?:of|in)\s+(?:the\s+)?(?:OSCE\s+)?$"),
        ),
        // Numbers after the name: ", Annex, III.2.7", " para 9", " 40.7", ", Chapter V.3.1".
        (
            "post",
            format!(
                r"^(?:\s*,)?\s*(?:(?<annex>Annex)\s*,?\s*)?(?:(?<label>{LABEL})\s*)?(?<seq>{seq})(?:\s*,\s*indent\s+(?<indent>\d+))?"
            ),
        ),
        // One token of a number sequence.
        (
            "seq_token",
            format!(r"(?<label>{LABEL})|(?<num>{NUM})|(?<and>and|&|to)|(?<comma>,)"),
        ),
        // The parts of one number: a Roman numeral, digits, bracketed letters.
        ("num_part", r"[IVXLC]+|\d+|\([a-z]{1,4}\)".to_owned()),
        // A year right after the name: " of 1991", " (2000)", ", 6 December 2005", " on 24 July 2003".
        (
            "year_after",
            format!(
                r"^\s*(?:of|on|in|,)?\s*\(?(?:\d{{1,2}}\s+)?(?:{MONTH}\s+)?(?<year>(?:19|20)\d\d)"
            ),
        ),
        // A year right before the name: "the 1991 Moscow Document".
        ("year_before", r"(?<year>(?:19|20)\d\d)\s+$".to_owned()),
    ])
}

/// The compiled patterns.
pub struct Patterns {
    /// See [`sources`].
    pub symbol: Regex,
    /// See [`sources`].
    pub description: Regex,
    /// See [`sources`].
    pub month_year: Regex,
    /// See [`sources`].
    pub pre: Regex,
    /// See [`sources`].
    pub post: Regex,
    /// See [`sources`].
    pub seq_token: Regex,
    /// See [`sources`].
    pub num_part: Regex,
    /// See [`sources`].
    pub year_after: Regex,
    /// See [`sources`].
    pub year_before: Regex,
}

/// The patterns, compiled once.
pub static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let s = sources();
    let re = |name: &str| Regex::new(&s[name]).unwrap_or_else(|e| panic!("pattern {name}: {e}"));
    Patterns {
        symbol: re("symbol"),
        description: re("description"),
        month_year: re("month_year"),
        pre: re("pre"),
        post: re("post"),
        seq_token: re("seq_token"),
        num_part: re("num_part"),
        year_after: re("year_after"),
        year_before: re("year_before"),
    }
});

/// The number of a month name.
pub fn month_number(name: &str) -> Option<u8> {
    crate::model::MONTH_NAMES
        .iter()
        .position(|m| *m == name)
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        let p = &*PATTERNS;
        assert!(p.symbol.is_match("MC(8).DEC/1"));
        assert!(p.symbol.is_match("PC.DEC/557/Rev.1"));
        assert!(p.pre.is_match("welcomes articles 106 and 107 of the "));
        assert!(p.post.is_match(", Annex, III.2.7"));
    }
}
