//! Verifying a candidate pair (step 4 of the finder, see [`super`]): a cheap bound first, then
//! the word diff of their masked words against the thresholds.

use super::{Place, MIN_COVERAGE, MIN_PASSAGE_WORDS, MIN_SHARED_WORDS};
use crate::compare::diff::{overlap_words, word_diff, Overlap, RUN};
use crate::compare::tokens::tokens;
use crate::model::QuotePair;
use std::collections::HashSet;

/// The thresholds.
pub(super) fn accepts(o: &Overlap) -> bool {
    o.in_runs >= MIN_PASSAGE_WORDS
        || (o.in_runs >= MIN_SHARED_WORDS && o.coverage() >= MIN_COVERAGE)
}

/// The pair, earlier document first, if it passes the thresholds, and whether `x` is the
/// earlier. Pairs that cannot pass (too few words in shared runs even at best) are dropped
/// before the diff.
pub(super) fn verify(
    x: Place<'_>,
    y: Place<'_>,
    wx: &[u64],
    wy: &[u64],
) -> Option<(QuotePair, bool)> {
    if !accepts(&run_bound(wx, wy)) {
        return None;
    }
    let o = overlap_words(wx, wy);
    if !accepts(&o) {
        return None;
    }
    let x_first =
        (x.document.meta.date, &x.document.slug) <= (y.document.meta.date, &y.document.slug);
    let (earlier, later) = if x_first { (x, y) } else { (y, x) };
    let diff = word_diff(
        &tokens(&earlier.paragraph.content, &earlier.version.notes),
        &tokens(&later.paragraph.content, &later.version.notes),
    );
    Some((
        QuotePair {
            earlier: earlier.reference(),
            later: later.reference(),
            similarity: o.similarity(),
            coverage: o.coverage(),
            diff,
        },
        x_first,
    ))
}

/// An overlap at least as large as that of `a` and `b` in every figure the thresholds read:
/// a word in a common run of [`RUN`] or more words lies in a run of `RUN` words of `a` that
/// `b` also has, so counting the words of `a` those runs cover bounds `in_runs` from above.
/// Linear, against the diff's quadratic worst case.
fn run_bound(a: &[u64], b: &[u64]) -> Overlap {
    let runs: HashSet<&[u64]> = b.windows(RUN).collect();
    let mut covered = vec![false; a.len()];
    for (start, w) in a.windows(RUN).enumerate() {
        if runs.contains(w) {
            covered[start..start + RUN].fill(true);
        }
    }
    let bound = covered.iter().filter(|&&c| c).count();
    Overlap {
        len_a: a.len(),
        len_b: b.len(),
        common: bound,
        in_runs: bound.min(b.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::quote::test_words as words;

    #[test]
    fn the_run_bound_is_never_below_the_words_in_common_runs() {
        let texts = [
            "the ministerial council decides to combat trafficking in human beings",
            "the council decides to combat trafficking and decides to combat it again",
            "trafficking in human beings the ministerial council decides",
            "an unrelated text of other words entirely",
            "decides to combat decides to combat decides to combat",
        ];
        for x in texts {
            for y in texts {
                let (a, b) = (words(x), words(y));
                let exact = overlap_words(&a, &b);
                let bound = run_bound(&a, &b);
                assert!(
                    bound.in_runs >= exact.in_runs,
                    "{x} / {y}: {bound:?} {exact:?}"
                );
            }
        }
        let same = words(texts[0]);
        assert_eq!(run_bound(&same, &same).in_runs, same.len());
        assert_eq!(run_bound(&same, &words(texts[3])).in_runs, 0);
    }
}
