//! Reads the anchor registry, `content/anchors.lock`: YAML, written by `acquis lock`, reviewed
//! in diffs, occasionally edited by hand (a redirect, the reason for a withdrawal).

use super::frontmatter;
use crate::diagnostics::Diagnostic;
use crate::ids;
use crate::load::LoadedFile;
use crate::model::{AnchorRegistry, EntryLines, Location, RegisteredDocument};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Parses the lock file; every entry is checked against the safe character sets of
/// [`crate::ids`], since redirects become links and old anchors become ids.
pub fn parse(file: &LoadedFile) -> Result<AnchorRegistry, Vec<Diagnostic>> {
    let documents = read_documents(file)?;
    let registry = AnchorRegistry {
        documents,
        lines: EntryLines::new(&file.path, &file.text),
    };
    let problems = check_entries(&registry);
    match problems.is_empty() {
        true => Ok(registry),
        false => Err(problems),
    }
}

/// The registered documents. Each top-level entry (a document) is YAML of its own, read on its
/// own and in parallel: serde_yaml reads a whole file into a list of events before
/// deserialising any, which for the lock of a large corpus (40 MB at 10,000 documents) took
/// seconds and half a gigabyte. Should the file not cut cleanly into entries (a hand edit that
/// continues an entry at the start of a line), or an entry not read, the whole file is read at
/// once, as YAML has it.
fn read_documents(
    file: &LoadedFile,
) -> Result<BTreeMap<String, RegisteredDocument>, Vec<Diagnostic>> {
    let whole = || -> Result<BTreeMap<String, RegisteredDocument>, Vec<Diagnostic>> {
        frontmatter::parse(&file.text, &file.path, 1, &file.text).map_err(|d| vec![d.help(RESTORE)])
    };
    let Some(entries) = top_level_entries(&file.text) else {
        return whole();
    };
    // An entry read alone lacks the context of the file around it (the mapping it is a key of):
    // when one does not read, the YAML of the whole file says what is wrong, as precisely as it
    // can.
    let read: Option<Vec<BTreeMap<String, RegisteredDocument>>> = entries
        .par_iter()
        .map(|e| frontmatter::parse(e.yaml, &file.path, e.line, &file.text).ok())
        .collect();
    let Some(read) = read else {
        return whole();
    };
    let mut documents = BTreeMap::new();
    let mut first_line = BTreeMap::new();
    let mut twice = Vec::new();
    for (entry, docs) in entries.iter().zip(read) {
        for (slug, mut doc) in docs {
            // A page's anchors grow by doubling as they are read: no slack kept for a build.
            for page in doc.pages.values_mut() {
                page.anchors.shrink_to_fit();
            }
            if let Some(first) = first_line.insert(slug.clone(), entry.line) {
                let loc = Location::new(&file.path, entry.line, 1);
                twice.push(
                    Diagnostic::error(
                        loc,
                        format!("the anchor registry lists the document `{slug}` twice (first at line {first})"),
                    )
                    .snippet(&file.text, slug.len())
                    .help("merge the two entries into one: each keeps promises that a build must hold"),
                );
            }
            documents.insert(slug, doc);
        }
    }
    match twice.is_empty() {
        true => Ok(documents),
        false => Err(twice),
    }
}

/// What to do about a lock file that does not read.
const RESTORE: &str = "restore the file from version control, or delete it and run `acquis lock`";

/// One top-level entry of the lock file: a document and what it registers.
struct Entry<'a> {
    /// The 1-based line it starts at.
    line: usize,
    /// Its YAML, up to the next entry.
    yaml: &'a str,
}

/// The top-level entries of the lock file, each from a line that starts with its key to the next
/// such line (comments and blank lines before the first are no entry); `None` when a line at
/// the margin is not the key of a block mapping (a document marker, a flow collection, a list),
/// which only the whole file's YAML can read.
fn top_level_entries(text: &str) -> Option<Vec<Entry<'_>>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        match line.chars().next() {
            Some(c) if c.is_ascii_alphanumeric() || c == '"' || c == '\'' => {
                starts.push((i + 1, offset))
            }
            None | Some(' ' | '#' | '\n' | '\r') => {}
            Some(_) => return None,
        }
        offset += line.len();
    }
    let ends = starts.iter().skip(1).map(|&(_, o)| o).chain([text.len()]);
    Some(
        starts
            .iter()
            .zip(ends)
            .map(|(&(line, start), end)| Entry {
                line,
                yaml: &text[start..end],
            })
            .collect(),
    )
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
                .snippet(lines.text(), 1)
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
                .map(|a| a.as_str())
                .chain(page.moved.keys().map(String::as_str))
                .chain(page.withdrawn.keys().map(String::as_str));
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

    /// Three documents, with comments and a quoted key between them: the last one written
    /// with a flow mapping on one line.
    const THREE: &str = r#"# comment
mc-x-1:
  canonical: compilation
  pages:
    compilation:
      anchors:
        "1": [p-0000abcd, "Decides to endorse …"]

# another comment
"pc-dec-557":
  main:
    moved:
      "7": "pc-dec-557/issued#7"
  pages:
    issued:
      anchors:
        annex: [heading, "Annex"]
        "2": [p-00000002, "Decides:"]
zz-last: {canonical: issued, pages: {issued: {anchors: {"1": [p-00000003, "One"]}}}}
"#;

    #[test]
    fn reads_each_document_alone_as_the_whole_file_reads_it() {
        let entries = top_level_entries(THREE).unwrap();
        let starts: Vec<usize> = entries.iter().map(|e| e.line).collect();
        assert_eq!(starts, [2, 10, 19]);
        assert!(entries[1].yaml.starts_with("\"pc-dec-557\":\n"));
        let alone = read_documents(&file(THREE)).unwrap();
        let whole: BTreeMap<String, RegisteredDocument> =
            frontmatter::parse(THREE, "anchors.lock".as_ref(), 1, THREE).unwrap();
        assert_eq!(alone, whole);
        assert_eq!(alone.len(), 3);
        assert_eq!(
            alone["zz-last"].pages["issued"].anchors["1"].words.as_ref(),
            "One"
        );
        let reg = parse(&file(THREE)).unwrap();
        assert_eq!(reg.lines.line("pc-dec-557", "issued", "2"), 18);
        assert_eq!(reg.lines.text(), THREE);
    }

    #[test]
    fn a_file_that_does_not_cut_into_documents_is_read_whole() {
        let marked = format!("---\n{LOCK}");
        assert!(top_level_entries(&marked).is_none());
        assert_eq!(
            parse(&file(&marked)).unwrap().documents,
            parse(&file(LOCK)).unwrap().documents
        );
        // A document broken in a way that only the file around it explains: the whole file's
        // YAML names the line and column.
        let broken = THREE.replace("\"pc-dec-557\":\n", "\"pc-dec-557\"\n");
        let errs = parse(&file(&broken)).unwrap_err();
        let whole = frontmatter::parse::<BTreeMap<String, RegisteredDocument>>(
            &broken,
            "anchors.lock".as_ref(),
            1,
            &broken,
        )
        .unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].message, whole.message);
        assert_eq!(errs[0].location, whole.location);
        assert_eq!(errs[0].location.line, 11);
    }

    #[test]
    fn a_document_registered_twice_is_an_error_at_its_second_entry() {
        let twice = format!("{LOCK}{}", &LOCK[LOCK.find("mc-x-1:").unwrap()..]);
        let errs = parse(&file(&twice)).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].location.line as usize, LOCK.lines().count() + 1);
        assert!(errs[0].message.contains("`mc-x-1` twice (first at line 2)"));
    }

    #[test]
    fn the_pages_keep_the_redirects_tombstones_and_main_versions() {
        let full = parse(&file(LOCK)).unwrap();
        let kept = full.clone().into_retirements();
        let (was, now) = (&full.documents["mc-x-1"], &kept.documents["mc-x-1"]);
        assert_eq!(now.canonical, was.canonical);
        assert_eq!(now.main.moved, was.main.moved);
        let (page_was, page_now) = (&was.pages["compilation"], &now.pages["compilation"]);
        assert_eq!(page_now.moved, page_was.moved);
        assert_eq!(page_now.withdrawn, page_was.withdrawn);
        assert!(!page_was.anchors.is_empty());
        assert!(page_now.anchors.is_empty());
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
