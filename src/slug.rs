//! Slugs: the one rule that turns symbols and words into URL segments and anchors.

/// Lower-cases `text` and turns every run of characters other than `a-z0-9` into one `-`,
/// trimmed: `MC(8).DEC/1` → `mc-8-dec-1`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_slug(text, &mut out);
    out
}

/// Appends the slug of `text` to `out` (nothing if the slug is empty), without allocating: the
/// resolver slugs every word of every paragraph.
pub fn push_slug(text: &str, out: &mut String) {
    let start = out.len();
    let push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if out.len() > start && !out.ends_with('-') {
            out.push('-');
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), out);
        } else {
            // Some non-ASCII letters lower-case to ASCII (the Kelvin sign to `k`).
            c.to_lowercase().for_each(|l| push(l, out));
        }
    }
    while out.len() > start && out.ends_with('-') {
        out.pop();
    }
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
        assert_eq!(slugify("\u{212a}elvin İ"), "kelvin-i");
    }

    #[test]
    fn push_slug_appends_and_leaves_the_buffer_alone_when_empty() {
        let mut out = String::from("a ");
        super::push_slug("--B.c--", &mut out);
        assert_eq!(out, "a b-c");
        super::push_slug("“”", &mut out);
        assert_eq!(out, "a b-c");
    }
}
