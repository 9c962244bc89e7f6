//! Writes the registry as the lock file: YAML laid out for review, one line per anchor, in
//! document order, documents and pages sorted by name. `parse::registry` reads it back.

use crate::model::{AnchorRegistry, RegisteredPage, Tombstone, HEADING_MARK};
use regex::Regex;
use std::fmt::Write;
use std::sync::LazyLock;

const HEADER: &str = "\
# The anchor registry: every anchor the site publishes, page by page, with the permanent id of
# its paragraph (`heading` for a heading) and its first words. `acquis build` and `acquis check`
# fail when a build would drop one of these anchors without a `moved:` entry (a redirect to its
# new place) or a `withdrawn:` entry (a tombstone keeping what it was). After a deliberate
# change, `acquis lock` rewrites this file; review its diff. See content/README.md.
";

/// The text of the lock file for `registry`.
pub fn to_lock_text(registry: &AnchorRegistry) -> String {
    let mut out = String::from(HEADER);
    for (slug, doc) in &registry.documents {
        if doc.canonical.is_none() && doc.main.is_empty() && doc.pages.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}:", scalar(slug));
        if let Some(c) = &doc.canonical {
            let _ = writeln!(out, "  canonical: {}", scalar(c));
        }
        if !doc.main.is_empty() {
            out.push_str("  main:\n");
            retired(&mut out, &doc.main, 4);
        }
        if doc.pages.is_empty() {
            continue;
        }
        out.push_str("  pages:\n");
        for (version, page) in &doc.pages {
            let _ = writeln!(out, "    {}:", scalar(version));
            page_entries(&mut out, page);
        }
    }
    out
}

fn page_entries(out: &mut String, page: &RegisteredPage) {
    if !page.anchors.is_empty() {
        out.push_str("      anchors:\n");
    }
    for (anchor, entry) in &page.anchors {
        let pid = entry.pid.as_deref().unwrap_or(HEADING_MARK);
        let _ = writeln!(
            out,
            "        {}: [{}, {}]",
            scalar(anchor),
            scalar(pid),
            quoted(&entry.words)
        );
    }
    retired(out, page, 6);
}

fn retired(out: &mut String, page: &RegisteredPage, indent: usize) {
    let pad = " ".repeat(indent);
    if !page.moved.is_empty() {
        let _ = writeln!(out, "{pad}moved:");
    }
    for (anchor, target) in &page.moved {
        let _ = writeln!(out, "{pad}  {}: {}", scalar(anchor), quoted(target));
    }
    if !page.withdrawn.is_empty() {
        let _ = writeln!(out, "{pad}withdrawn:");
    }
    for (anchor, stone) in &page.withdrawn {
        let _ = writeln!(out, "{pad}  {}:", scalar(anchor));
        tombstone(out, stone, indent + 4);
    }
}

fn tombstone(out: &mut String, t: &Tombstone, indent: usize) {
    let pad = " ".repeat(indent);
    let _ = writeln!(out, "{pad}citation: {}", quoted(&t.citation));
    let _ = writeln!(out, "{pad}text: {}", quoted(&t.text));
    if let Some(r) = &t.read_at {
        let _ = writeln!(out, "{pad}read_at: {}", quoted(r));
    }
    if let Some(r) = &t.reason {
        let _ = writeln!(out, "{pad}reason: {}", quoted(r));
    }
}

static PLAIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9._()-]*$").expect("plain scalar pattern"));

/// YAML words that a plain scalar would turn into something other than a string.
const SPECIAL: [&str; 11] = [
    "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf",
];

/// A key or short value: plain where YAML reads it as the same string, quoted otherwise.
fn scalar(s: &str) -> String {
    let special = SPECIAL.contains(&s.to_ascii_lowercase().as_str());
    match PLAIN.is_match(s) && !special {
        true => s.to_owned(),
        false => quoted(s),
    }
}

/// A double-quoted scalar: a JSON string, which is a YAML double-quoted scalar once the
/// characters YAML does not allow in a file (DEL, C1 controls, U+FFFE/U+FFFF) are escaped too.
fn quoted(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned());
    json.chars()
        .map(|c| match yaml_printable(c) {
            true => c.to_string(),
            false => format!("\\u{:04X}", c as u32),
        })
        .collect()
}

/// Whether YAML allows `c` as written in a file (YAML 1.2, 5.1).
fn yaml_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::LoadedFile;
    use crate::model::{RegisteredAnchor, RegisteredDocument};

    #[test]
    fn the_lock_text_reads_back_as_the_same_registry() {
        let mut page = RegisteredPage::default();
        for (a, pid) in [
            ("1", Some("p-1")),
            ("annex", None),
            ("2(a)", Some("p-2")),
            ("40.7", Some("p-3")),
            ("yes", Some("p-4")),
        ] {
            page.anchors.insert(
                a.into(),
                RegisteredAnchor {
                    pid: pid.map(Into::into),
                    words: "Quoted “text”: with, commas [and] #signs … \u{1}\u{7f}\u{9b}\u{fffe}"
                        .into(),
                },
            );
        }
        page.moved.insert("5".into(), "6".into());
        page.withdrawn.insert(
            "9".into(),
            Tombstone {
                citation: "MC.X/1, 9".into(),
                text: "Line\nbreak and \"quotes\"".into(),
                read_at: Some("mc-x-1/issued#9".into()),
                reason: Some("Not in the source.".into()),
            },
        );
        let mut doc = RegisteredDocument {
            canonical: Some("compilation".into()),
            ..Default::default()
        };
        doc.main.moved.insert("7".into(), "mc-x-1/issued#7".into());
        doc.pages.insert("compilation".into(), page);
        let mut reg = AnchorRegistry::default();
        reg.documents.insert("mc-x-1".into(), doc);
        let text = to_lock_text(&reg);
        let file = LoadedFile {
            path: "anchors.lock".into(),
            text: text.clone(),
        };
        let back = crate::parse::registry::parse(&file).unwrap();
        assert_eq!(back.documents, reg.documents, "{text}");
        assert!(text.contains("        \"1\": [p-1, "), "{text}");
        assert!(text.contains("        annex: [heading, "), "{text}");
        assert_eq!(
            back.lines.line("mc-x-1", "compilation", "2(a)"),
            text.lines().position(|l| l.contains("2(a)")).unwrap() + 1
        );
    }
}
