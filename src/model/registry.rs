//! The anchor registry (`content/anchors.lock`): every anchor the site has published, page by
//! page, and where each one that is no longer published went.
//!
//! `parse` reads it, `registry` compares it with the resolved corpus and computes its next
//! state for `acquis lock`, `render` turns its redirects and tombstones into elements of pages.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The whole registry, by document slug.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AnchorRegistry {
    /// Documents, by slug (sorted: the lock file is diffed in review).
    pub documents: BTreeMap<String, RegisteredDocument>,
    /// Where each entry is written in the lock file, for diagnostics (not part of the file).
    #[serde(skip)]
    pub lines: EntryLines,
}

impl AnchorRegistry {
    /// What the pages read of the registry: its redirects, tombstones and main versions. The
    /// anchors each page publishes, and where the entries are written, are for checking the
    /// corpus and for `acquis lock`; at 10,000 documents they take about 100 MB, which a build
    /// need not hold while it compares and renders.
    pub fn into_retirements(mut self) -> Self {
        for doc in self.documents.values_mut() {
            for page in doc.pages.values_mut().chain([&mut doc.main]) {
                page.anchors = IndexMap::new();
            }
        }
        self.lines = EntryLines::default();
        self
    }
}

/// One document of the registry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisteredDocument {
    /// The version the main URL (`slug/`) showed when the registry was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// Redirects and tombstones of the main URL itself (after the main version changed); it
    /// publishes no anchors of its own: those of the canonical version.
    #[serde(default, skip_serializing_if = "RegisteredPage::is_empty")]
    pub main: RegisteredPage,
    /// The version pages (`slug/version/`), by version id.
    #[serde(default)]
    pub pages: BTreeMap<String, RegisteredPage>,
}

/// One page: the anchors it publishes, and those it no longer publishes: moved (a redirect)
/// or withdrawn (a tombstone).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisteredPage {
    /// Published anchors, in document order.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub anchors: IndexMap<super::ShortStr, RegisteredAnchor>,
    /// Old anchor → its new place: `anchor` on the same page, `slug/version#anchor` on a version
    /// page, or `slug#anchor` on a document's main page.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub moved: BTreeMap<String, String>,
    /// Old anchor → what it was and where its text can still be read.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub withdrawn: BTreeMap<String, Tombstone>,
}

impl RegisteredPage {
    /// Whether the page has no entry at all.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty() && self.moved.is_empty() && self.withdrawn.is_empty()
    }

    /// Whether `anchor` is moved or withdrawn here.
    pub fn retires(&self, anchor: &str) -> bool {
        self.moved.contains_key(anchor) || self.withdrawn.contains_key(anchor)
    }
}

/// A published anchor: the permanent id of its paragraph (`None` for a heading) and its first
/// words, so that a reviewer sees which paragraph a line of the lock file is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredAnchor {
    /// Permanent id of the paragraph; `None` for a division heading.
    pub pid: Option<super::ShortStr>,
    /// The first words of the paragraph or heading.
    pub words: Box<str>,
}

/// How a heading's entry is written in place of a permanent id.
pub const HEADING_MARK: &str = "heading";

impl Serialize for RegisteredAnchor {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.pid.as_deref().unwrap_or(HEADING_MARK), &self.words).serialize(s)
    }
}

impl<'de> Deserialize<'de> for RegisteredAnchor {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (pid, words) = <(super::ShortStr, Box<str>)>::deserialize(d)?;
        Ok(RegisteredAnchor {
            pid: (pid != HEADING_MARK).then_some(pid),
            words,
        })
    }
}

/// What a withdrawn paragraph was, kept so that its anchor still opens something meaningful.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tombstone {
    /// Its formal citation when it was published.
    pub citation: String,
    /// Its text (or, where that could not be recovered, its first words).
    pub text: String,
    /// Where the text can still be read: `slug/version#anchor` or `slug#anchor` on the site, or
    /// a description of a primary source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_at: Option<String>,
    /// Why it was withdrawn (written by an editor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Where the entries of the lock file are written: its text, held compressed, and the 1-based
/// line of each entry, found when a diagnostic first asks for one.
///
/// Only a problem with the registry reads them, and the lock of a large corpus is large (40 MB,
/// 441,000 entries at 10,000 documents): a map of every entry's line, made for every build, took
/// more memory than the corpus's trees, and a second copy of the text as much again
/// (BENCHMARKS.md, "The anchor registry at 10,000 documents").
#[derive(Debug, Clone, Default)]
pub struct EntryLines {
    /// The lock file, relative to the content directory.
    pub file: PathBuf,
    /// The file's text, compressed.
    source: super::SourceText,
    /// The text, once a diagnostic has asked for it.
    text: OnceLock<String>,
    /// Lines by entry `(slug, page, anchor)`, where `page` is a version id (or `""` for a
    /// document's own lines) and `anchor` is `""` for the page's own line; made when first asked.
    lines: OnceLock<BTreeMap<(String, String, String), usize>>,
}

impl PartialEq for EntryLines {
    fn eq(&self, other: &Self) -> bool {
        self.file == other.file && self.source == other.source
    }
}

impl EntryLines {
    /// The lines of the lock file `file`, whose text is `text`.
    pub fn new(file: impl Into<PathBuf>, text: &str) -> Self {
        EntryLines {
            file: file.into(),
            source: super::SourceText::new(text),
            text: OnceLock::new(),
            lines: OnceLock::new(),
        }
    }

    /// The file's text, for snippets.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| self.source.text())
    }

    /// Finds every entry's line now rather than when a diagnostic first asks: for `acquis
    /// serve`, whose first edit with a problem in the registry would otherwise wait for it
    /// (about 0.2 s at 10,000 documents).
    pub fn find_all(&self) {
        self.index();
    }

    fn index(&self) -> &BTreeMap<(String, String, String), usize> {
        self.lines.get_or_init(|| entry_lines(self.text()))
    }

    /// The line of an entry, of its page, or of its document, whichever is found first.
    pub fn line(&self, slug: &str, page: &str, anchor: &str) -> usize {
        let lines = self.index();
        let key = |p: &str, a: &str| (slug.to_owned(), p.to_owned(), a.to_owned());
        [key(page, anchor), key(page, ""), key("", "")]
            .iter()
            .find_map(|k| lines.get(k).copied())
            .unwrap_or(0)
    }
}

/// Finds the line of each document, page and entry, by indentation as `acquis lock` writes the
/// file (documents at 0, versions at 4, anchors at 8; the main page's entries at 6).
fn entry_lines(text: &str) -> BTreeMap<(String, String, String), usize> {
    let mut lines = BTreeMap::new();
    let (mut slug, mut page, mut in_pages) = (String::new(), String::new(), false);
    for (i, line) in text.lines().enumerate() {
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
    lines
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
