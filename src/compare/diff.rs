//! Word diffs and similarity, computed with the `similar` crate (Myers' algorithm, the one the
//! browser's compare page also uses, through jsdiff).

use super::tokens::normal_words;
use crate::model::{Token, WordDiff, WordOp};
use similar::{capture_diff_slices, Algorithm, DiffOp};

/// The word diff from `a` to `b`: tokens compared by their characters, each side keeping its
/// own editorial notes.
pub fn word_diff(a: &[Token], b: &[Token]) -> WordDiff {
    let ka: Vec<&str> = a.iter().map(|t| t.text.as_str()).collect();
    let kb: Vec<&str> = b.iter().map(|t| t.text.as_str()).collect();
    let mut ops = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ka, &kb) {
        let (ra, rb) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => ops.push(WordOp::Equal {
                b: if a[ra.clone()] == b[rb.clone()] {
                    Vec::new()
                } else {
                    b[rb].to_vec()
                },
                a: a[ra].to_vec(),
            }),
            DiffOp::Delete { .. } => ops.push(WordOp::Delete(a[ra].to_vec())),
            DiffOp::Insert { .. } => ops.push(WordOp::Insert(b[rb].to_vec())),
            DiffOp::Replace { .. } => {
                ops.push(WordOp::Delete(a[ra].to_vec()));
                ops.push(WordOp::Insert(b[rb].to_vec()));
            }
        }
    }
    // Every aligned pair's diff stays in memory until the site is written: no slack (most
    // diffs are a single run).
    ops.shrink_to_fit();
    WordDiff::Runs(ops)
}

/// How much two texts share, counted in words (case, apostrophes and punctuation ignored).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// Words of the first text.
    pub len_a: usize,
    /// Words of the second text.
    pub len_b: usize,
    /// Words the two have in common, in order (the longest common subsequence).
    pub common: usize,
    /// Of those, the words in common runs of at least [`RUN`] words: shared wording rather
    /// than shared function words.
    pub in_runs: usize,
}

/// The shortest run of common words that counts as shared wording in [`Overlap::in_runs`].
pub const RUN: usize = 3;

impl Overlap {
    /// Dice's coefficient: 2 × common / (len_a + len_b), 0-1.
    pub fn similarity(&self) -> f32 {
        let total = self.len_a + self.len_b;
        if total == 0 {
            return 1.0;
        }
        2.0 * self.common as f32 / total as f32
    }

    /// Dice's coefficient counting only the words in common runs: 2 × in_runs / (len_a + len_b).
    pub fn shared_wording(&self) -> f32 {
        let total = self.len_a + self.len_b;
        if total == 0 {
            return 1.0;
        }
        2.0 * self.in_runs as f32 / total as f32
    }

    /// The share of the shorter text's words that stand in common runs, 0-1.
    pub fn coverage(&self) -> f32 {
        let shorter = self.len_a.min(self.len_b);
        if shorter == 0 {
            return 0.0;
        }
        self.in_runs as f32 / shorter as f32
    }
}

/// The overlap of two token sequences.
pub fn overlap(a: &[Token], b: &[Token]) -> Overlap {
    overlap_words(&normal_words(a), &normal_words(b))
}

/// The overlap of two sequences of normalised words (or of their hashes).
pub fn overlap_words<W: Eq + std::hash::Hash>(a: &[W], b: &[W]) -> Overlap {
    let mut common = 0;
    let mut in_runs = 0;
    for op in capture_diff_slices(Algorithm::Myers, a, b) {
        if let DiffOp::Equal { len, .. } = op {
            common += len;
            if len >= RUN {
                in_runs += len;
            }
        }
    }
    Overlap {
        len_a: a.len(),
        len_b: b.len(),
        common,
        in_runs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tokens::tokens;
    use crate::model::Inline;

    fn t(s: &str) -> Vec<Token> {
        tokens(&[Inline::Text(s.into())], &[])
    }

    fn show(d: &WordDiff) -> String {
        d.runs(Vec::new)
            .iter()
            .map(|op| match op {
                WordOp::Equal { a, .. } => super::super::tokens::join(a),
                WordOp::Delete(x) => format!("[-{}-]", super::super::tokens::join(x)),
                WordOp::Insert(x) => format!("{{+{}+}}", super::super::tokens::join(x)),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_changed_word_and_punctuation_are_deleted_and_inserted() {
        let d = word_diff(
            &t("calls on field operations to strengthen co-operation;"),
            &t("calls on all field operations to improve co-operation."),
        );
        assert_eq!(
            show(&d),
            "calls on {+all+} field operations to [-strengthen-] {+improve+} co-operation [-;-] {+.+}"
        );
        assert!(!d.is_same());
    }

    #[test]
    fn similarity_ignores_case_and_punctuation_and_coverage_counts_runs() {
        let o = overlap(
            &t("The OSCE’s role, in full."),
            &t("the OSCE's role in full"),
        );
        assert_eq!((o.common, o.len_a, o.len_b), (5, 5, 5));
        assert_eq!(o.similarity(), 1.0);
        let scattered = overlap(&t("the cat of the house"), &t("the dog of the garden"));
        assert_eq!(scattered.common, 3);
        assert_eq!(
            scattered.in_runs, 0,
            "single common words are not shared wording"
        );
    }
}
