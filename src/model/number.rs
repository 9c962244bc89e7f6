//! Official paragraph numbers, as printed and as understood.

/// The numbering style of a paragraph or heading number; nesting is inferred from styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum NumStyle {
    /// `III.`
    UpperRoman,
    /// `1.`, `(1)`, `1)` and dotted paths `1.1`, `(40.7)`, `III.1.` (depth is the number of parts).
    Arabic { depth: u8 },
    /// `(a)`, `a)`
    Letter,
    /// `A.`
    UpperLetter,
    /// `(iv)`, `iv)`
    LowerRoman,
    /// `—`, `–`, `-`, `•`
    Dash,
}

/// How the number is wrapped on the page; `1.` and `(1)` are different styles of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Wrap {
    /// `1.` or `1.1` or `III.`
    Bare,
    /// `(a)` or `(40.7)`
    Parens,
    /// `a)` or `1)`
    RightParen,
}

/// A number exactly as printed, with the parts it is made of.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Num {
    /// The characters the official text prints, e.g. `(40.7)`, `1.`, `III.`, `—`.
    pub printed: super::ShortStr,
    /// The style, for inferring nesting.
    pub style: NumStyle,
    /// The wrapping, which also distinguishes styles.
    pub wrap: Wrap,
}

impl Num {
    /// Whether this number is a dash (an indent, which carries no value of its own).
    pub fn is_dash(&self) -> bool {
        self.style == NumStyle::Dash
    }

    /// The parts of the number without punctuation: `(40.7)` → `["40", "7"]`, `III.1.` →
    /// `["III", "1"]`, a dash → `[]`. Read from the printed number when asked, not held: half a
    /// million numbers at 10,000 documents, each with a list of its own, were a tenth of the
    /// tree's memory.
    pub fn parts(&self) -> Vec<&str> {
        parts_of(&self.printed).collect()
    }
}

/// The parts of a number as written (`(40.7)`, `III. 2.`, `1\.2`): its runs of letters and
/// digits, whatever punctuation, spaces or escapes stand between them.
pub fn parts_of(written: &str) -> impl Iterator<Item = &str> {
    written
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
}
