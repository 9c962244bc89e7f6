//! Aligns two versions of a document unit by unit, whatever their numbering.
//!
//! 1. Units with the same key correspond: the same permanent id (a paragraph with the same
//!    words, however it is numbered) or, for headings, the same words.
//! 2. Among the rest, units of the same kind that share enough of their wording
//!    ([`ALIGN_SIMILARITY`]) correspond, the most similar pairs first.
//! 3. The longest chain of pairs that keeps both reading orders is the backbone; a pair off the
//!    chain is a move. Units without counterpart are grouped into runs.

use super::diff::{overlap, overlap_words, word_diff};
use super::tokens::{normal_words, Unit};
use crate::model::{Aligned, Match, Row, UnitKind, Unmatched, WordDiff};
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::collections::HashMap;

/// The least share of wording at which two units with different words are taken for the same
/// paragraph: Dice's coefficient counting only words in common runs of at least
/// [`super::diff::RUN`] (2 × words in runs / words of both). Half: a paragraph revised in part
/// stays aligned (the fixture's "report on its activities … twice a year" revised to "report in
/// writing … four times a year": 0.76); two different paragraphs of one document that share a
/// formula ("Invites the participating States to nominate national co-ordinators for examples"
/// and "Calls on the participating States to adopt national action plans on examples": 0.38,
/// though 0.55 with every common word counted) stay apart.
pub const ALIGN_SIMILARITY: f32 = 0.5;

/// A unit of `a` (by index) and its counterpart in `b`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Pair {
    a: usize,
    b: usize,
    matched: Match,
}

/// The rows aligning the units of `a` with those of `b`, in `a`'s reading order.
pub fn align(a: &[Unit], b: &[Unit]) -> Vec<Row> {
    let mut pairs = exact_pairs(a, b);
    pairs.extend(similar_pairs(a, b, &pairs));
    pairs.sort_by_key(|p| p.a);
    let chain = in_order(&pairs);
    rows(a, b, &pairs, &chain)
}

/// Units with the same key, each used once (the mastheads always correspond: their key is
/// `masthead`).
fn exact_pairs(a: &[Unit], b: &[Unit]) -> Vec<Pair> {
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, u) in b.iter().enumerate().rev() {
        by_key.entry(u.key.as_str()).or_default().push(j);
    }
    let mut pairs = Vec::new();
    for (i, u) in a.iter().enumerate() {
        if let Some(j) = by_key.get_mut(u.key.as_str()).and_then(Vec::pop) {
            if a[i].reference.kind == b[j].reference.kind {
                pairs.push(Pair {
                    a: i,
                    b: j,
                    matched: Match::SameWords,
                });
            }
        }
    }
    pairs
}

/// Among units left over, the most similar pairs of the same kind, greedily.
fn similar_pairs(a: &[Unit], b: &[Unit], taken: &[Pair]) -> Vec<Pair> {
    let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
    for p in taken {
        used_a[p.a] = true;
        used_b[p.b] = true;
    }
    let free_a: Vec<Free> = (0..a.len())
        .filter(|&i| !used_a[i])
        .map(|i| Free::new(a, i))
        .collect();
    let free_b: Vec<Free> = (0..b.len())
        .filter(|&j| !used_b[j])
        .map(|j| Free::new(b, j))
        .collect();
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for x in &free_a {
        for y in &free_b {
            if a[x.index].reference.kind != b[y.index].reference.kind || !x.could_align(y) {
                continue;
            }
            let (i, j) = (&x.index, &y.index);
            let s = overlap_words(&x.words, &y.words).shared_wording();
            if s >= ALIGN_SIMILARITY {
                candidates.push((s, *i, *j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut out = Vec::new();
    for (_, i, j) in candidates {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            out.push(Pair {
                a: i,
                b: j,
                matched: Match::Similar,
            });
        }
    }
    out
}

/// A unit without counterpart yet: its words, and the hashes of its word trigrams (sorted),
/// which bound cheaply how much wording it can share with another.
struct Free {
    index: usize,
    words: Vec<String>,
    trigrams: Vec<u64>,
}

impl Free {
    fn new(units: &[Unit], index: usize) -> Self {
        let words = normal_words(&units[index].tokens);
        let mut trigrams: Vec<u64> = words
            .windows(3)
            .map(|w| xxhash_rust::xxh3::xxh3_64(w.join(" ").as_bytes()))
            .collect();
        trigrams.sort_unstable();
        Free {
            index,
            words,
            trigrams,
        }
    }

    /// Whether the two could reach [`ALIGN_SIMILARITY`]: a common run of L ≥ 3 words holds
    /// L − 2 ≥ L / 3 common trigrams, so the words in common runs are at most three times the
    /// common trigrams (counted with repeats).
    fn could_align(&self, other: &Free) -> bool {
        let (mut i, mut j, mut common) = (0, 0, 0);
        while i < self.trigrams.len() && j < other.trigrams.len() {
            match self.trigrams[i].cmp(&other.trigrams[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let total = (self.words.len() + other.words.len()) as f32;
        2.0 * (3 * common) as f32 >= ALIGN_SIMILARITY * total
    }
}

/// Which pairs (sorted by `a`) lie on the longest chain that keeps `b`'s order too: the
/// longest common subsequence of the pairs in `a`'s order and in `b`'s order.
fn in_order(pairs: &[Pair]) -> Vec<bool> {
    let by_a: Vec<usize> = (0..pairs.len()).collect();
    let mut by_b = by_a.clone();
    by_b.sort_by_key(|&k| pairs[k].b);
    let mut chain = vec![false; pairs.len()];
    for op in capture_diff_slices(Algorithm::Myers, &by_a, &by_b) {
        if let DiffOp::Equal { old_index, len, .. } = op {
            for k in &by_a[old_index..old_index + len] {
                chain[*k] = true;
            }
        }
    }
    chain
}

/// Builds the rows: pairs at `a`'s position, runs of units without counterpart grouped, the
/// units only `b` has placed before the next pair of the chain.
fn rows(a: &[Unit], b: &[Unit], pairs: &[Pair], chain: &[bool]) -> Vec<Row> {
    let mut pair_of_a: Vec<Option<usize>> = vec![None; a.len()];
    let mut b_taken = vec![false; b.len()];
    for (k, p) in pairs.iter().enumerate() {
        pair_of_a[p.a] = Some(k);
        b_taken[p.b] = true;
    }
    let mut out = Vec::new();
    let mut only_a: Vec<Unmatched> = Vec::new();
    let mut next_b = 0;
    for (i, unit) in a.iter().enumerate() {
        let Some(k) = pair_of_a[i] else {
            only_a.push(unmatched(unit));
            continue;
        };
        flush(&mut out, &mut only_a, Row::OnlyA);
        let p = pairs[k];
        if chain[k] {
            let mut only_b = only_in_b(b, &b_taken, next_b..p.b);
            flush(&mut out, &mut only_b, Row::OnlyB);
            next_b = p.b + 1;
        }
        out.push(Row::Aligned(aligned(
            &a[p.a], &b[p.b], p.matched, !chain[k],
        )));
    }
    flush(&mut out, &mut only_a, Row::OnlyA);
    let mut rest = only_in_b(b, &b_taken, next_b..b.len());
    flush(&mut out, &mut rest, Row::OnlyB);
    // The rows stay in memory until the site is written: no slack left from growing.
    out.shrink_to_fit();
    out
}

fn only_in_b(b: &[Unit], taken: &[bool], range: std::ops::Range<usize>) -> Vec<Unmatched> {
    range
        .filter(|&j| !taken[j])
        .map(|j| unmatched(&b[j]))
        .collect()
}

fn unmatched(unit: &Unit) -> Unmatched {
    Unmatched {
        unit: unit.reference.clone(),
        tokens: unit.tokens.clone(),
    }
}

fn flush(out: &mut Vec<Row>, run: &mut Vec<Unmatched>, row: fn(Vec<Unmatched>) -> Row) {
    if !run.is_empty() {
        out.push(row(std::mem::take(run)));
    }
}

fn aligned(a: &Unit, b: &Unit, matched: Match, moved: bool) -> Aligned {
    let masthead = a.reference.kind == UnitKind::Masthead;
    let similarity = if matched == Match::SameWords && !masthead {
        1.0
    } else {
        overlap(&a.tokens, &b.tokens).similarity()
    };
    Aligned {
        a: a.reference.clone(),
        b: b.reference.clone(),
        matched: if masthead && similarity < 1.0 {
            Match::Similar
        } else {
            matched
        },
        similarity,
        moved,
        diff: if a.tokens == b.tokens {
            WordDiff::identical(&a.tokens)
        } else {
            word_diff(&a.tokens, &b.tokens)
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tokens::tokens;
    use crate::model::{Inline, UnitKind, UnitRef};

    /// A paragraph unit labelled `label` with `text`; its key is its text (as a pid would be).
    fn unit(index: usize, label: &str, text: &str) -> Unit {
        Unit {
            reference: UnitRef {
                kind: UnitKind::Paragraph,
                anchor: label.to_owned(),
                label: label.to_owned(),
                index,
            },
            key: text.to_owned(),
            tokens: tokens(&[Inline::Text(text.into())], &[]),
        }
    }

    fn units(items: &[(&str, &str)]) -> Vec<Unit> {
        items
            .iter()
            .enumerate()
            .map(|(i, (l, t))| unit(i, l, t))
            .collect()
    }

    /// One line per row: `a-label = b-label` (`~` similar, `moved`), `-a1 a2` only in a,
    /// `+b1` only in b.
    fn show(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| match r {
                Row::Aligned(p) => format!(
                    "{} {} {}{}",
                    p.a.label,
                    if p.matched == Match::SameWords {
                        "="
                    } else {
                        "~"
                    },
                    p.b.label,
                    if p.moved { " moved" } else { "" }
                ),
                Row::OnlyA(u) => format!("-{}", labels(u)),
                Row::OnlyB(u) => format!("+{}", labels(u)),
            })
            .collect()
    }

    fn labels(u: &[Unmatched]) -> String {
        u.iter()
            .map(|u| u.unit.label.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn renumbered_paragraphs_align_by_their_words() {
        let a = units(&[
            ("pre", "Recalling the commitments of the Moscow Document"),
            ("1", "Reaffirms that trafficking is an abuse"),
            ("2", "Welcomes the Protocol"),
        ]);
        let b = units(&[
            ("1", "Recalling the commitments of the Moscow Document"),
            ("2", "Reaffirms that trafficking is an abuse"),
            ("3", "Welcomes the Protocol"),
        ]);
        assert_eq!(show(&align(&a, &b)), ["pre = 1", "1 = 2", "2 = 3"]);
    }

    #[test]
    fn edited_paragraphs_align_by_similarity_and_gaps_are_grouped() {
        let a = units(&[
            (
                "1",
                "Calls on the field operations to strengthen co-operation among themselves",
            ),
            ("2", "Decides to review the mechanism every year"),
            (
                "3",
                "Requests the Secretary General to report on the results",
            ),
            ("4", "Encourages the nomination of national rapporteurs"),
        ]);
        let b = units(&[
            (
                "1",
                "Calls on all field operations to improve co-operation among themselves",
            ),
            (
                "2",
                "Invites the Partners for Co-operation to join the effort",
            ),
            ("3", "Asks the Chairman to convene a meeting"),
        ]);
        assert_eq!(show(&align(&a, &b)), ["1 ~ 1", "-2 3 4", "+2 3"]);
    }

    #[test]
    fn a_paragraph_out_of_order_is_a_move() {
        let a = units(&[
            ("1", "First paragraph text here"),
            ("2", "Second paragraph text here"),
            ("3", "Third paragraph text here"),
        ]);
        let b = units(&[
            ("1", "Second paragraph text here"),
            ("2", "Third paragraph text here"),
            ("3", "First paragraph text here"),
        ]);
        assert_eq!(show(&align(&a, &b)), ["1 = 3 moved", "2 = 1", "3 = 2"]);
    }
}
