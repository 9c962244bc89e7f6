//! The parsed view: each version as the flat sequence of blocks its editor wrote.

use super::{DocumentMeta, EditorialNote, Footnote, Inline, Location, Num, SiteMeta, VersionMeta};
use std::path::PathBuf;

/// Every document of the corpus, parsed but not yet resolved.
#[derive(Debug, Clone)]
pub struct ParsedCorpus {
    /// `site.yaml`.
    pub site: SiteMeta,
    /// Documents, sorted by slug.
    pub documents: Vec<ParsedDocument>,
    /// `external.yaml`: documents outside the OSCE that the texts cite.
    pub externals: Vec<super::ExternalDoc>,
    /// `citations.yaml`: the editors' rules for the citation resolver.
    pub citation_rules: super::CitationRules,
}

/// One document folder.
#[derive(Debug, Clone)]
pub struct ParsedDocument {
    /// Folder name, the slug of the symbol.
    pub slug: String,
    /// `document.yaml`.
    pub meta: DocumentMeta,
    /// Path of `document.yaml`, relative to the content directory.
    pub meta_file: PathBuf,
    /// Versions, sorted by id.
    pub versions: Vec<ParsedVersion>,
}

/// One version file, as written.
#[derive(Debug, Clone)]
pub struct ParsedVersion {
    /// Front matter.
    pub meta: VersionMeta,
    /// Path of the file, relative to the content directory.
    pub file: PathBuf,
    /// 1-based line of the file where the Markdown body starts.
    pub body_line: usize,
    /// The blocks in the order written.
    pub blocks: Vec<Block>,
    /// Footnote definitions.
    pub footnotes: Vec<Footnote>,
    /// Editorial notes, indexed by `Inline::Note`.
    pub notes: Vec<EditorialNote>,
    /// The file's text (for the source view and diagnostics).
    pub markdown: super::SourceText,
}

/// What kind of block an editor wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A `#` line: one printed line of the masthead.
    Masthead,
    /// A `##`..`######` heading, opening a division.
    Heading { level: u8 },
    /// A paragraph (numbered or not).
    Paragraph,
    /// A paragraph inside a block quote: quoted text whose numbers are not ours.
    Quote,
}

/// One block with its number (if it starts with one) and its inline text after the number.
#[derive(Debug, Clone)]
pub struct Block {
    /// Kind of block.
    pub kind: BlockKind,
    /// The official number it starts with, exactly as printed.
    pub num: Option<Num>,
    /// The text after the number.
    pub content: Vec<Inline>,
    /// An anchor set by the editor (`{#anchor}`).
    pub explicit_anchor: Option<String>,
    /// A permanent id pinned by the editor (`{pid=...}`).
    pub explicit_pid: Option<String>,
    /// Where the block starts.
    pub location: Location,
}
