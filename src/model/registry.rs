//! The anchor registry (`content/anchors.lock`): every anchor the site has published, page by
//! page, and where each one that is no longer published went.
//!
//! `parse` reads it, `registry` compares it with the resolved corpus and computes its next
//! state for `acquis lock`, `render` turns its redirects and tombstones into elements of pages.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The whole registry, by document slug.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AnchorRegistry {
    /// Documents, by slug (sorted: the lock file is diffed in review).
    pub documents: BTreeMap<String, RegisteredDocument>,
    /// Where each entry is written in the lock file, for diagnostics (not part of the file).
    #[serde(skip)]
    pub lines: EntryLines,
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
    pub anchors: IndexMap<String, RegisteredAnchor>,
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
    pub pid: Option<String>,
    /// The first words of the paragraph or heading.
    pub words: String,
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
        let (pid, words) = <(String, String)>::deserialize(d)?;
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

/// The 1-based line of each entry of the lock file: `(slug, page, anchor)` where `page` is a
/// version id (or `""` for a document's own lines) and `anchor` is `""` for the page's own line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntryLines {
    /// The lock file, relative to the content directory.
    pub file: PathBuf,
    /// The file's text, for snippets.
    pub text: String,
    /// Lines by entry.
    pub lines: BTreeMap<(String, String, String), usize>,
}

impl EntryLines {
    /// The line of an entry, of its page, or of its document, whichever is found first.
    pub fn line(&self, slug: &str, page: &str, anchor: &str) -> usize {
        let key = |p: &str, a: &str| (slug.to_owned(), p.to_owned(), a.to_owned());
        [key(page, anchor), key(page, ""), key("", "")]
            .iter()
            .find_map(|k| self.lines.get(k).copied())
            .unwrap_or(0)
    }
}
