//! How a citing text builds on what it cites, read from the words around the citation: the verb
//! that governs its clause ("Recalling …", "Decides to endorse …"), or what follows it ("…,
//! which tasks …").

use crate::model::RelationKind;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Cue words, each with the relation it signals; the earliest in the clause governs it. A verb
/// followed by `in`, `by`, `at`, `on` ("adopted in Porto", "approved by the Permanent Council")
/// is part of how a document is named, not what the citing text does (group `names`).
static CUES: LazyLock<Vec<(RelationKind, Regex)>> = LazyLock::new(|| {
    let re = |s: &str| Regex::new(&format!(r"(?i)\b(?:{s})")).expect("cue pattern");
    vec![
        (
            RelationKind::Recalls,
            re(
                r"recall|reaffirm|bearing in mind|rememb|reiterat|confirm|guided by|mindful|welcom|noting|takes? note|taking note|taking into account|in accordance with|pursuant to|as set out in|as reflected in|contained in|in line with|building on|based on|in the light of",
            ),
        ),
        (
            RelationKind::Endorses,
            re(
                r"(?:endorse[sd]?|endorsing|approve[sd]?|approving|adopt(?:s|ed|ing)?)\b(?<names>\s+(?:in|by|at|on)\b)?",
            ),
        ),
        (
            RelationKind::TaskedBy,
            re(r"fulfil the terms|mandated by|tasked by|in response to"),
        ),
        (RelationKind::ReportsOn, re(r"implement|progress|report")),
        (RelationKind::Revises, re(r"revis|amend|addendum|updat")),
    ]
});

/// "…, which tasks …" right after the citation: the cited text tasks the citing one.
static TASKS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^.;]{0,80}?\bwhich\s+(?:tasks|mandates|requests|instructs)\b")
        .expect("tasks pattern")
});

/// The relation a citation at `span` of `text` carries, for a citing document of `kind`. Only a
/// report "reports on" what it cites; and a report never adopts or revises what it cites: where
/// its words say so, they tell what other texts did.
pub fn relation(text: &str, span: Range<usize>, kind: &str) -> RelationKind {
    let after = &text[span.end..];
    if TASKS_AFTER.is_match(after) {
        return RelationKind::TaskedBy;
    }
    let found = governing(&text[clause_start(text, span.start)..span.start], kind);
    match found {
        RelationKind::Endorses | RelationKind::Revises if kind == "report" => RelationKind::Cites,
        other => other,
    }
}

fn governing(clause: &str, kind: &str) -> RelationKind {
    CUES.iter()
        .filter(|(k, _)| *k != RelationKind::ReportsOn || kind == "report")
        .filter_map(|(k, re)| {
            re.captures_iter(clause)
                .find(|c| c.name("names").is_none())
                .and_then(|c| c.get(0))
                .map(|m| (m.start(), *k))
        })
        .min_by_key(|(at, _)| *at)
        .map_or(RelationKind::Cites, |(_, k)| k)
}

/// Where the clause holding byte `at` starts: after the last `.`, `;` or `:` that ends a
/// sentence or clause before it.
fn clause_start(text: &str, at: usize) -> usize {
    let head = &text[..at];
    head.char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, ';' | ':')
                || (c == '.' && head[i + 1..].starts_with(' ') && !head[..i].ends_with("No"))
        })
        .map_or(0, |(i, c)| i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(text: &str, name: &str, citing: &str) -> RelationKind {
        let at = text.find(name).unwrap();
        relation(text, at..at + name.len(), citing)
    }

    #[test]
    fn the_governing_verb_of_the_clause_types_the_relation() {
        let t = "Recalling furthermore Permanent Council Decision No. 557 of 24 July on the adoption of the OSCE Action Plan";
        assert_eq!(
            kind_of(t, "OSCE Action Plan", "decision"),
            RelationKind::Recalls
        );
        let t = "1. Decides to endorse the OSCE Action Plan to Combat Trafficking in Human Beings";
        assert_eq!(
            kind_of(t, "OSCE Action Plan", "decision"),
            RelationKind::Endorses
        );
        let t = "Welcoming the adoption of the OSCE Ministerial Council Decision of November 2000";
        assert_eq!(
            kind_of(t, "Decision of November 2000", "declaration"),
            RelationKind::Recalls
        );
        let t = "It will function in accordance with Decision No. 8 of the Tenth Meeting";
        assert_eq!(
            kind_of(t, "Decision No. 8", "decision"),
            RelationKind::Recalls
        );
    }

    #[test]
    fn which_tasks_after_the_citation_means_the_cited_text_tasks_the_citing_one() {
        let t = "This report is written to fulfil the terms of the Ministerial Council (MC) Decision No. 13/05, which tasks the Anti-Trafficking Mechanism";
        assert_eq!(
            kind_of(t, "Ministerial Council (MC) Decision No. 13/05", "report"),
            RelationKind::TaskedBy
        );
    }

    #[test]
    fn only_a_report_reports_on_what_it_cites() {
        let t = "assisting the participating States in implementing the Action Plan";
        assert_eq!(kind_of(t, "Action Plan", "report"), RelationKind::ReportsOn);
        assert_eq!(
            kind_of(t, "Action Plan", "declaration"),
            RelationKind::Cites
        );
    }
}
