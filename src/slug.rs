//! Slugs: the one rule that turns symbols and words into URL segments and anchors.

/// Lower-cases `text` and turns every run of characters other than `a-z0-9` into one `-`,
/// trimmed: `MC(8).DEC/1` → `mc-8-dec-1`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_symbols_as_the_content_readme_says() {
        assert_eq!(slugify("MC.DEC/2/03"), "mc-dec-2-03");
        assert_eq!(slugify("MC(8).DEC/1"), "mc-8-dec-1");
        assert_eq!(slugify("PC.DEC/557/Rev.1"), "pc-dec-557-rev-1");
        assert_eq!(
            slugify("OSCE PA St. Petersburg Declaration"),
            "osce-pa-st-petersburg-declaration"
        );
        assert_eq!(slugify("“Reaffirming the"), "reaffirming-the");
    }
}
