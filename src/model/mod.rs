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
pub use number::{Num, NumStyle, Wrap};
pub use parsed::{Block, BlockKind, ParsedCorpus, ParsedDocument, ParsedVersion};
pub use registry::{
    AnchorRegistry, EntryLines, RegisteredAnchor, RegisteredDocument, RegisteredPage, Tombstone,
    HEADING_MARK,
};
pub use text::{EditorialNote, Footnote, Inline, NoteKind};
pub use tree::{Corpus, Division, Document, Node, Paragraph, ParagraphKind, Version};

/// A short string held inline (up to 24 bytes, no allocation): anchors, permanent ids, printed
/// numbers and most citations. A corpus of 10,000 documents has half a million paragraphs, each
/// with four or five of them; as `String`s they were a fifth of a build's memory.
pub type ShortStr = compact_str::CompactString;

/// A place in a content file, 1-based, for diagnostics and for linking source lines.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Location {
    /// Path of the file, relative to the content directory.
    pub file: std::path::PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}
