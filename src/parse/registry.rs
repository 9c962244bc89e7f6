//! Reads the anchor registry, `content/anchors.lock`: YAML, written by `acquis lock`, reviewed
//! in diffs, occasionally edited by hand (a redirect, the reason for a withdrawal).

use super::frontmatter;
use crate::diagnostics::Diagnostic;
use crate::ids;
use crate::load::LoadedFile;
use crate::model::{AnchorRegistry, EntryLines, Location, RegisteredDocument};
use std::collections::BTreeMap;

/// Parses the lock file; every entry is checked against the safe character sets of
/// [`crate::ids`], since redirects become links and old anchors become ids.
pub fn parse(file: &LoadedFile) -> Result<AnchorRegistry, Vec<Diagnostic>> {
    let lines = entry_lines(file);
    let has_yaml = file
        .text
        .lines()
        .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let documents: BTreeMap<String, RegisteredDocument> =
        match has_yaml {
            true => frontmatter::parse(&file.text, &file.path, 1, &file.text).map_err(|d| {
                vec![d.help(
                    "restore the file from version control, or delete it and run `acquis lock`",
                )]
            })?,
            false => BTreeMap::new(),
        };
    let registry = AnchorRegistry { documents, lines };
    let problems = check_entries(&registry);
    match problems.is_empty() {
        true => Ok(registry),
        false => Err(problems),
    }
}

/// Every slug, version id, anchor and redirect target must be safe to put in a page.
fn check_entries(registry: &AnchorRegistry) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let lines = &registry.lines;
    let mut report = |slug: &str, page: &str, anchor: &str, problem: String| {
        let line = lines.line(slug, page, anchor);
        let loc = Location::new(&lines.file, line, 1);
        diags.push(
            Diagnostic::error(loc, format!("in the anchor registry: {problem}"))
                .snippet(&lines.text, 1)
                .help("correct the entry, or restore the file from version control"),
        );
    };
    for (slug, doc) in &registry.documents {
        if let Err(e) = ids::version_id(slug) {
            report(slug, "", "", e.replace("version id", "document slug"));
        }
        let pages = doc.pages.iter().map(|(v, p)| (v.as_str(), p));
        for (page_id, page) in pages.chain([("", &doc.main)]) {
            if !page_id.is_empty() {
                if let Err(e) = ids::version_id(page_id) {
                    report(slug, page_id, "", e);
                }
            }
            let anchors = page
                .anchors
                .keys()
                .chain(page.moved.keys())
                .chain(page.withdrawn.keys());
            for anchor in anchors {
                if let Err(e) = ids::published_anchor(anchor) {
                    report(slug, page_id, anchor, e);
                }
            }
            for (anchor, target) in &page.moved {
                if let Err(e) = parse_target(target) {
                    report(slug, page_id, anchor, e);
                }
            }
            for (anchor, t) in &page.withdrawn {
                if let Some(Err(e)) = t
                    .read_at
                    .as_deref()
                    .filter(|r| is_site_target(r))
                    .map(parse_target)
                {
                    report(slug, page_id, anchor, e);
                }
            }
        }
    }
    diags
}

/// A place on the site that a redirect or a tombstone points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target<'a> {
    /// Another document (`None`: the same page).
    pub slug: Option<&'a str>,
    /// A version page of that document (`None`: its main page).
    pub version: Option<&'a str>,
    /// The anchor.
    pub anchor: &'a str,
}

/// Whether a tombstone's `read_at` names a place on the site (rather than describing a source).
pub fn is_site_target(read_at: &str) -> bool {
    !read_at.contains(char::is_whitespace)
}

/// Reads `anchor`, `slug#anchor` or `slug/version#anchor`.
pub fn parse_target(target: &str) -> Result<Target<'_>, String> {
    let Some((page, anchor)) = target.split_once('#') else {
        ids::published_anchor(target)?;
        return Ok(Target {
            slug: None,
            version: None,
            anchor: target,
        });
    };
    ids::published_anchor(anchor)?;
    let (slug, version) = match page.split_once('/') {
        Some((s, v)) => (s, Some(v)),
        None => (page, None),
    };
    let shape =
        "a redirect reads `anchor`, `document-slug#anchor` or `document-slug/version-id#anchor`";
    ids::version_id(slug).map_err(|e| {
        format!(
            "{}; {shape}",
            e.replace("the version id", "the document slug")
        )
    })?;
    if let Some(v) = version {
        ids::version_id(v).map_err(|e| format!("{e}; {shape}"))?;
    }
    Ok(Target {
        slug: Some(slug),
        version,
        anchor,
    })
}

/// Finds the line of each document, page and entry, by indentation as `acquis lock` writes the
/// file (documents at 0, versions at 4, anchors at 8; the main page's entries at 6).
fn entry_lines(file: &LoadedFile) -> EntryLines {
    let mut lines = BTreeMap::new();
    let (mut slug, mut page, mut in_pages) = (String::new(), String::new(), false);
    for (i, line) in file.text.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let Some(key) = key_of(line.trim_start()) else {
            continue;
        };
        match indent {
            0 => {
                slug = key;
                page.clear();
                lines.insert((slug.clone(), String::new(), String::new()), i + 1);
            }
            2 => {
                in_pages = key == "pages";
                page.clear();
            }
            4 if in_pages => {
                page = key;
                lines.insert((slug.clone(), page.clone(), String::new()), i + 1);
            }
            6 if !in_pages => {
                lines.insert((slug.clone(), String::new(), key), i + 1);
            }
            8 if in_pages => {
                lines.insert((slug.clone(), page.clone(), key), i + 1);
            }
            _ => {}
        }
    }
    EntryLines {
        file: file.path.clone(),
        text: file.text.clone(),
        lines,
    }
}

/// The key of a `key: ...` line, unquoted.
fn key_of(line: &str) -> Option<String> {
    if line.starts_with('#') {
        return None;
    }
    if line.starts_with('"') {
        return serde_json::Deserializer::from_str(line)
            .into_iter::<String>()
            .next()?
            .ok();
    }
    if let Some(rest) = line.strip_prefix('\'') {
        let end = rest.find("':")?;
        return Some(rest[..end].replace("''", "'"));
    }
    let (key, _) = line.split_once(':')?;
    Some(key.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> LoadedFile {
        LoadedFile {
            path: "anchors.lock".into(),
            text: text.into(),
        }
    }

    const LOCK: &str = r#"# comment
mc-x-1:
  canonical: compilation
  main:
    moved:
      "7": "mc-x-1/issued#7"
  pages:
    compilation:
      anchors:
        "1": [p-0000abcd, "Decides to endorse …"]
        annex: [heading, "Annex to Decision No. 1"]
      moved:
        "5": "6"
      withdrawn:
        "9":
          citation: "MC.X/1, 9"
          text: "Decides to review."
          read_at: "mc-x-1/issued#4"
"#;

    #[test]
    fn reads_the_lock_file_and_the_line_of_each_entry() {
        let reg = parse(&file(LOCK)).unwrap();
        let doc = &reg.documents["mc-x-1"];
        assert_eq!(doc.canonical.as_deref(), Some("compilation"));
        let page = &doc.pages["compilation"];
        assert_eq!(page.anchors["1"].pid.as_deref(), Some("p-0000abcd"));
        assert_eq!(page.anchors["annex"].pid, None);
        assert_eq!(page.moved["5"], "6");
        assert_eq!(page.withdrawn["9"].text, "Decides to review.");
        assert_eq!(doc.main.moved["7"], "mc-x-1/issued#7");
        assert_eq!(reg.lines.line("mc-x-1", "compilation", "1"), 10);
        assert_eq!(reg.lines.line("mc-x-1", "compilation", "5"), 13);
        assert_eq!(reg.lines.line("mc-x-1", "", "7"), 6);
        assert_eq!(reg.lines.line("mc-x-1", "issued", "1"), 2);
    }

    #[test]
    fn an_empty_lock_is_an_empty_registry() {
        assert!(parse(&file("# nothing yet\n"))
            .unwrap()
            .documents
            .is_empty());
    }

    #[test]
    fn refuses_unsafe_entries() {
        let bad = LOCK.replace("\"6\"", "\"../../x\"");
        let errs = parse(&file(&bad)).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].location.line, 13);
        let bad = LOCK.replace("annex:", "\"a b\":");
        assert!(parse(&file(&bad)).is_err());
    }

    #[test]
    fn reads_targets() {
        assert_eq!(
            parse_target("x/v#2(a)").unwrap(),
            Target {
                slug: Some("x"),
                version: Some("v"),
                anchor: "2(a)"
            }
        );
        assert_eq!(parse_target("x#1").unwrap().version, None);
        assert_eq!(parse_target("1").unwrap().slug, None);
        assert!(parse_target("../x#1").is_err());
        assert!(parse_target("x/../y#1").is_err());
    }
}
