//! The resolved view: divisions and paragraphs in a tree, each with its anchor and citation.

use super::{
    AnchorRegistry, DocumentMeta, EditorialNote, Footnote, Inline, Location, Num, SiteMeta,
    VersionMeta,
};
use serde::Serialize;
use std::path::PathBuf;

/// The whole corpus, resolved: what `render` reads.
#[derive(Debug, Clone, Serialize)]
pub struct Corpus {
    /// `site.yaml`.
    pub site: SiteMeta,
    /// Documents, sorted by slug.
    pub documents: Vec<Document>,
    /// The anchor registry the corpus was checked against: its redirects and tombstones become
    /// part of the pages (set by the pipeline after the registry check).
    #[serde(skip)]
    pub registry: AnchorRegistry,
    /// Who cites what, and how documents build on each other.
    pub citations: super::Citations,
}

/// A work: its metadata and its versions (none for a cited-only document).
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Folder name and URL segment.
    pub slug: String,
    /// `document.yaml`.
    pub meta: DocumentMeta,
    /// Path of `document.yaml`, relative to the content directory.
    pub meta_file: PathBuf,
    /// Versions, sorted by id.
    pub versions: Vec<Version>,
}

impl Document {
    /// The version the document's main URL shows.
    pub fn canonical(&self) -> Option<&Version> {
        let id = self.meta.canonical.as_deref()?;
        self.versions.iter().find(|v| v.meta.id == id)
    }
}

/// One witness of a document's text, as a tree.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    /// Front matter.
    pub meta: VersionMeta,
    /// Path of the file, relative to the content directory.
    pub file: PathBuf,
    /// The masthead lines.
    pub masthead: Vec<Vec<Inline>>,
    /// Top-level divisions and paragraphs.
    pub body: Vec<Node>,
    /// Footnotes.
    pub footnotes: Vec<Footnote>,
    /// The editorial apparatus.
    pub notes: Vec<EditorialNote>,
    /// The file's text, for the source view and diagnostics.
    #[serde(skip)]
    pub markdown: super::SourceText,
}

impl Version {
    /// Every paragraph of the version in reading order, depth first.
    pub fn paragraphs(&self) -> Vec<&Paragraph> {
        let mut out = Vec::new();
        collect_paragraphs(&self.body, &mut out);
        out
    }
}

fn collect_paragraphs<'a>(nodes: &'a [Node], out: &mut Vec<&'a Paragraph>) {
    for node in nodes {
        match node {
            Node::Division(d) => collect_paragraphs(&d.children, out),
            Node::Paragraph(p) => {
                out.push(p);
                collect_paragraphs(&p.children, out);
            }
        }
    }
}

/// The children of a division or paragraph: a thin vector (8 bytes where a `Vec` takes 24), as
/// most paragraphs have none and a tree node's every byte is half a megabyte at 10,000
/// documents.
pub type Nodes = thin_vec::ThinVec<Node>;

/// A node of the version tree.
#[derive(Debug, Clone, Serialize)]
pub enum Node {
    /// A part, chapter, section or annex.
    Division(Division),
    /// A paragraph or sub-item.
    Paragraph(Paragraph),
}

/// A heading and what it contains.
#[derive(Debug, Clone, Serialize)]
pub struct Division {
    /// Heading level (2-6).
    pub level: u8,
    /// The number the heading starts with, if any.
    pub num: Option<Num>,
    /// The heading text after the number.
    pub heading: Vec<Inline>,
    /// Its anchor.
    pub anchor: super::ShortStr,
    /// What it contains.
    pub children: Nodes,
    /// Where it is written.
    pub location: Location,
}

/// How a paragraph came to have its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParagraphKind {
    /// It prints an official number.
    Numbered,
    /// A dash item (an indent) of the paragraph above.
    Indent,
    /// An unnumbered paragraph that stands on its own (preamble, closing formula).
    Unnumbered,
    /// An unnumbered paragraph continuing the numbered paragraph before it.
    Continuation,
    /// Quoted text.
    Quote,
}

/// A paragraph with its anchor, permanent id and formal citation.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// How it is numbered.
    pub kind: ParagraphKind,
    /// Its official number, as printed.
    pub num: Option<Num>,
    /// Its text after the number.
    pub content: Vec<Inline>,
    /// The URL fragment, which reads as its citation (`annex.III.2.7`).
    pub anchor: super::ShortStr,
    /// The permanent id, independent of numbering (`p-3f9a21c0`).
    pub pid: super::ShortStr,
    /// The formal citation (`MC.DEC/2/03, Annex, III.2.7`).
    pub citation: super::ShortStr,
    /// Sub-items.
    pub children: Nodes,
    /// Where it is written.
    pub location: Location,
    /// For a quotation whose number cites the quoted text: what that number points at (boxed:
    /// few paragraphs have one, and unboxed it would add its size to every node of every tree).
    pub quoted: Option<Box<super::CiteTarget>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Half a million nodes at 10,000 documents: every byte of a node is half a megabyte of a
    /// build (BENCHMARKS.md, "Where the memory goes").
    #[test]
    fn nodes_stay_small() {
        assert!(std::mem::size_of::<Location>() <= 16);
        assert!(std::mem::size_of::<Num>() <= 32);
        assert!(std::mem::size_of::<Node>() <= 168);
        assert!(std::mem::size_of::<Inline>() <= 32);
    }
}
