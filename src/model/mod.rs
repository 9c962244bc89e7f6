//! The corpus model: plain data that every stage after `parse` reads.
//!
//! `parse` builds [`ParsedCorpus`] (documents with flat blocks, exactly as written);
//! `resolve` turns it into [`Corpus`] (a tree of divisions and paragraphs with anchors, permanent
//! ids and citations). Nothing unresolved reaches `render`: the two views are different types.

mod cite;
mod compare;
mod meta;
mod number;
mod parsed;
mod registry;
mod source;
mod text;
mod tree;

pub use cite::{
    AcceptedMention, AcceptedUse, CitationRules, Citations, CiteTarget, CitedBy, Evidence,
    ExternalDoc, Relation, RelationKind,
};
pub use compare::{
    para_key, Aligned, Comparison, Match, ParaRef, Quotations, QuotePair, Row, Token, UnitKind,
    UnitRef, Unmatched, VersionPair, WordDiff, WordOp,
};
pub use meta::{
    DocumentMeta, LineSpec, Numbering, PartialDate, SiteMeta, SourceFurniture, SourceRef,
    VersionMeta, MONTH_NAMES,
};
pub use number::{parts_of, Num, NumStyle, Wrap};
pub use parsed::{Block, BlockKind, ParsedCorpus, ParsedDocument, ParsedVersion};
pub use registry::{
    AnchorRegistry, EntryLines, RegisteredAnchor, RegisteredDocument, RegisteredPage, Tombstone,
    HEADING_MARK,
};
pub use source::SourceText;
pub use text::{EditorialNote, Footnote, Inline, Inlines, NoteKind};
pub use tree::{Corpus, Division, Document, Node, Nodes, Paragraph, ParagraphKind, Version};

/// A short string held inline (up to 24 bytes, no allocation): anchors, permanent ids, printed
/// numbers and most citations. A corpus of 10,000 documents has half a million paragraphs, each
/// with four or five of them; as `String`s they were a fifth of a build's memory.
pub type ShortStr = compact_str::CompactString;

/// The path of a content file, relative to the content directory, shared by every [`Location`]
/// in it: each block, paragraph and note of a version carries one, and a path of its own for
/// each was an allocation per node (half a million at 10,000 documents). A thin pointer (to a
/// `PathBuf`, not a `Path`), so that it takes 8 bytes of each node rather than 16.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FilePath(std::sync::Arc<std::path::PathBuf>);

impl Default for FilePath {
    fn default() -> Self {
        FilePath(std::sync::Arc::new(std::path::PathBuf::new()))
    }
}

impl std::ops::Deref for FilePath {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl From<&std::path::Path> for FilePath {
    fn from(path: &std::path::Path) -> Self {
        FilePath(std::sync::Arc::new(path.to_path_buf()))
    }
}

impl From<std::path::PathBuf> for FilePath {
    fn from(path: std::path::PathBuf) -> Self {
        FilePath(std::sync::Arc::new(path))
    }
}

impl From<&std::path::PathBuf> for FilePath {
    fn from(path: &std::path::PathBuf) -> Self {
        FilePath(std::sync::Arc::new(path.clone()))
    }
}

impl From<&FilePath> for FilePath {
    fn from(path: &FilePath) -> Self {
        path.clone()
    }
}

impl From<&str> for FilePath {
    fn from(path: &str) -> Self {
        FilePath(std::sync::Arc::new(path.into()))
    }
}

impl PartialEq<&std::path::Path> for FilePath {
    fn eq(&self, other: &&std::path::Path) -> bool {
        self.0.as_path() == *other
    }
}

impl serde::Serialize for FilePath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// A place in a content file, 1-based, for diagnostics and for linking source lines.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Location {
    /// Path of the file, relative to the content directory.
    pub file: FilePath,
    /// 1-based line (32 bits: every node of every tree carries a location, and no content
    /// file has four billion lines).
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
}

impl Location {
    /// The location at `line` and `col` as counted in a file's text (a count past `u32::MAX`,
    /// which no file loaded into memory reaches, is held as `u32::MAX`).
    pub fn new(file: impl Into<FilePath>, line: usize, col: usize) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Location {
            file: file.into(),
            line: narrow(line),
            col: narrow(col),
        }
    }
}
