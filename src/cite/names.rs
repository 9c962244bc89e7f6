//! The names texts cite documents by (symbols, short titles, aliases, names of parts, external
//! documents), found in text in one pass with Aho-Corasick.
//!
//! Matching is case-sensitive and whole-word; where names overlap, the leftmost and then the
//! longest wins ("Code of Conduct for OSCE Mission Members" over "Code of Conduct"). Phrases the
//! editors list as not being citations ("National Action Plan") win the same way and hide the
//! names inside them.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// What a name names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Referent {
    /// A document of the corpus, or a named part of it (`part` is the part's anchor).
    Document { slug: String, part: Option<String> },
    /// A document outside the OSCE, by its id in `external.yaml`.
    External { id: String },
    /// A phrase that looks like a name but is not a citation.
    NotACitation,
}

/// Two referents claiming one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The name.
    pub name: String,
    /// The referent that claimed it first.
    pub first: Referent,
    /// The other referent.
    pub second: Referent,
}

/// A name found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// What it names.
    pub referent: Referent,
    /// For a generic name (one that other referents' longer names contain, like "Code of
    /// Conduct"): those other referents, which the same passage may mean by it.
    pub alternatives: Vec<Referent>,
}

/// Every name, compiled for searching.
pub struct NameIndex {
    automaton: AhoCorasick,
    /// The names, name `i` being the automaton's pattern `i`, with their referents.
    list: NameList,
    exact: HashMap<String, usize>,
    alternatives: HashMap<usize, Vec<Referent>>,
}

/// Every name with its referent, not compiled: what the /cite page's index lists. Compiling
/// them for searching ([`NameIndex`]) costs tens of megabytes at 10,000 documents, which a
/// list of them does not need.
pub struct NameList {
    names: Vec<String>,
    referents: Vec<Referent>,
}

impl NameList {
    /// The names of `entries` and their spelling variants, each with the first referent that
    /// claims it, as [`NameIndex::build`] keeps them.
    pub fn build(entries: impl IntoIterator<Item = (String, Referent)>) -> Self {
        claim(entries).0
    }

    /// Every name with its referent (apostrophe variants included), in the order they were
    /// claimed.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Referent)> {
        self.names
            .iter()
            .map(String::as_str)
            .zip(self.referents.iter())
    }
}

/// Gives each name of `entries` (and each spelling variant of it) to the first referent that
/// claims it: the names in claiming order, each name's index among them, and the names claimed
/// by two referents.
fn claim(
    entries: impl IntoIterator<Item = (String, Referent)>,
) -> (NameList, HashMap<String, usize>, Vec<Collision>) {
    let mut exact: HashMap<String, usize> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut referents: Vec<Referent> = Vec::new();
    let mut collisions = Vec::new();
    for (name, referent) in entries {
        for variant in variants(&name) {
            match exact.get(&variant) {
                Some(&i) if referents[i] != referent => {
                    if variant == normalise_space(&name) {
                        collisions.push(Collision {
                            name: variant,
                            first: referents[i].clone(),
                            second: referent.clone(),
                        });
                    }
                }
                Some(_) => {}
                None => {
                    exact.insert(variant.clone(), names.len());
                    names.push(variant);
                    referents.push(referent.clone());
                }
            }
        }
    }
    (NameList { names, referents }, exact, collisions)
}

impl NameIndex {
    /// Builds the index; a name given to two referents is reported (and kept for the first).
    pub fn build(entries: impl IntoIterator<Item = (String, Referent)>) -> (Self, Vec<Collision>) {
        let (list, exact, collisions) = claim(entries);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&list.names)
            .expect("the names compile");
        let alternatives = generic_names(&automaton, &list.names, &list.referents);
        let index = NameIndex {
            automaton,
            list,
            exact,
            alternatives,
        };
        (index, collisions)
    }

    /// The referent of exactly this name, if any.
    pub fn exact(&self, name: &str) -> Option<&Referent> {
        self.exact.get(name).map(|&i| &self.list.referents[i])
    }

    /// Every name with its referent (apostrophe variants included), as [`NameList::entries`].
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Referent)> {
        self.list.entries()
    }

    /// The names in `text`: whole words only, leftmost first, longest among those starting at
    /// the same place, never overlapping. Phrases that are not citations are included (the
    /// grammar drops them after they have hidden what they contain).
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        let mut all: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(text)
            .filter(|m| is_word(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out: Vec<NameMatch> = Vec::new();
        let mut end = 0;
        for (s, e, p) in all {
            if s >= end {
                out.push(NameMatch {
                    span: s..e,
                    referent: self.list.referents[p].clone(),
                    alternatives: self.alternatives.get(&p).cloned().unwrap_or_default(),
                });
                end = e;
            }
        }
        out
    }

    /// The names closest to `query`, best first, for "did you mean" lists.
    pub fn closest(&self, query: &str, n: usize) -> Vec<(&str, &Referent)> {
        let q = query.to_lowercase();
        let mut scored: Vec<(f64, &str, &Referent)> = self
            .entries()
            .filter(|(_, r)| !matches!(r, Referent::NotACitation))
            .map(|(name, r)| (strsim::jaro_winkler(&q, &name.to_lowercase()), name, r))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut seen: Vec<&Referent> = Vec::new();
        scored
            .into_iter()
            .filter(|(_, _, r)| {
                let new = !seen.contains(r);
                if new {
                    seen.push(r);
                }
                new
            })
            .take(n)
            .map(|(_, name, r)| (name, r))
            .collect()
    }
}

/// For each name that is part of another referent's longer name ("Code of Conduct" in "Code of
/// Conduct for the Protection of Children …"), those other referents; found by running the
/// automaton over the names themselves.
fn generic_names(
    automaton: &AhoCorasick,
    names: &[String],
    referents: &[Referent],
) -> HashMap<usize, Vec<Referent>> {
    let mut out: HashMap<usize, Vec<Referent>> = HashMap::new();
    for (outer, name) in names.iter().enumerate() {
        if referents[outer] == Referent::NotACitation {
            continue;
        }
        for m in automaton.find_overlapping_iter(name) {
            let inner = m.pattern().as_usize();
            let other = &referents[outer];
            if inner != outer && &referents[inner] != other && is_word(name, m.start(), m.end()) {
                let list = out.entry(inner).or_default();
                if !list.contains(other) {
                    list.push(other.clone());
                }
            }
        }
    }
    out
}

/// The name with single spaces, and with each kind of apostrophe (`'` and `’`), since texts
/// print both.
fn variants(name: &str) -> Vec<String> {
    let base = normalise_space(name);
    let mut out = vec![base.clone()];
    for (from, to) in [('\'', '’'), ('’', '\'')] {
        if base.contains(from) {
            out.push(base.replace(from, &to.to_string()));
        }
    }
    out
}

/// Collapses every run of white space to one space.
pub fn normalise_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `start..end` of `text` is a whole word (or words): no letter or digit touches it, and
/// it is not followed by `/` or `.` and a letter or digit (so `PC.DEC/557` is not found inside
/// `PC.DEC/557/Rev.1`).
pub fn is_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    if before.is_some_and(char::is_alphanumeric) {
        return false;
    }
    let mut after = text[end..].chars();
    match after.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('/') | Some('.') => !after.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(slug: &str) -> Referent {
        Referent::Document {
            slug: slug.into(),
            part: None,
        }
    }

    fn entries() -> Vec<(String, Referent)> {
        vec![
            ("Code of Conduct".into(), doc("sec-gal-144-00")),
            (
                "Code of Conduct for OSCE officials".into(),
                doc("code-of-conduct-for-osce-officials"),
            ),
            ("PC.DEC/557".into(), doc("pc-dec-557")),
            (
                "Parliamentary Assembly's Bucharest Declaration".into(),
                doc("osce-pa-bucharest-declaration"),
            ),
            ("Action Plan".into(), doc("pc-dec-557")),
            ("National Action Plan".into(), Referent::NotACitation),
        ]
    }

    fn index() -> NameIndex {
        NameIndex::build(entries()).0
    }

    /// The /cite page lists what citations are resolved with: every name it lists (apostrophe
    /// variants included) resolves to the referent listed, the first claimant keeping a name
    /// claimed twice, and every name the index resolves is listed.
    #[test]
    fn a_name_list_holds_what_the_index_resolves() {
        let mut claimed = entries();
        claimed.push(("Action Plan".into(), doc("mc-dec-2-03")));
        let (index, collisions) = NameIndex::build(claimed.clone());
        let list = NameList::build(claimed);
        let listed: Vec<_> = list.entries().collect();
        for (name, referent) in &listed {
            assert_eq!(index.exact(name), Some(*referent), "{name}");
        }
        assert_eq!(listed.len(), index.exact.len());
        assert!(listed.contains(&(
            "Parliamentary Assembly’s Bucharest Declaration",
            &doc("osce-pa-bucharest-declaration")
        )));
        assert!(listed.contains(&("Action Plan", &doc("pc-dec-557"))));
        assert_eq!(collisions.len(), 1);
    }

    fn found(text: &str) -> Vec<&str> {
        index()
            .find(text)
            .into_iter()
            .map(|m| &text[m.span])
            .collect()
    }

    #[test]
    fn the_longest_name_wins_and_words_stay_whole() {
        assert_eq!(
            found("as specified in the Code of Conduct for OSCE officials and related rules"),
            ["Code of Conduct for OSCE officials"]
        );
        assert_eq!(found("the Codes of Conduct"), Vec::<&str>::new());
        assert_eq!(found("PC.DEC/557/Rev.1 and PC.DEC/557."), ["PC.DEC/557"]);
    }

    #[test]
    fn both_apostrophes_are_recognised() {
        assert_eq!(
            found("articles 106 and 107 of the Parliamentary Assembly’s Bucharest Declaration"),
            ["Parliamentary Assembly’s Bucharest Declaration"]
        );
    }

    #[test]
    fn a_phrase_that_is_not_a_citation_hides_the_name_inside_it() {
        let i = index();
        let m = i.find("a National Action Plan and the Action Plan");
        assert_eq!(m[0].referent, Referent::NotACitation);
        assert_eq!(m[1].referent, doc("pc-dec-557"));
    }

    #[test]
    fn a_name_claimed_twice_is_a_collision() {
        let (_, c) = NameIndex::build([
            ("Vienna Decision".into(), doc("a")),
            ("Vienna Decision".into(), doc("b")),
            ("Vienna Decision".into(), doc("a")),
        ]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].second, doc("b"));
    }
}
