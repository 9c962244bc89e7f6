//! The source view of a version: its file, front matter and Markdown, highlighted, each line
//! numbered and linked to the paragraph it writes on the rendered page.

use super::highlight::{self, Language};
use super::views::{version_link, DocSummary, VersionLink};
use crate::model::{Document, Node, Version};
use crate::resolve::walk;
use serde::Serialize;

/// The page showing the source of a version.
#[derive(Debug, Serialize)]
pub struct SourcePage {
    /// The document.
    pub doc: DocSummary,
    /// The version whose source this is.
    pub version: VersionLink,
    /// The file, relative to the content directory.
    pub file: String,
    /// Its lines.
    pub lines: Vec<SourceLine>,
}

/// One line of the file.
#[derive(Debug, Serialize)]
pub struct SourceLine {
    /// 1-based number.
    pub n: usize,
    /// Highlighted HTML.
    pub html: String,
    /// The anchor of the paragraph, heading or footnote the line writes, if any.
    pub anchor: Option<String>,
}

/// The source page of version `v` of `doc`.
pub fn source_page(doc: &Document, v: &Version) -> SourcePage {
    let text = v.markdown.text();
    let anchors = line_anchors(v, &text);
    let lines = highlight::lines(&text, Language::Content)
        .into_iter()
        .enumerate()
        .map(|(i, html)| SourceLine {
            n: i + 1,
            html,
            anchor: anchors.get(i).cloned().flatten(),
        })
        .collect();
    SourcePage {
        doc: DocSummary::new(doc),
        version: version_link(doc, v, v),
        file: v.file.to_string_lossy().replace('\\', "/"),
        lines,
    }
}

/// For each line (0-based), the anchor of what it writes: a block starts at its location and
/// runs to the next blank line.
fn line_anchors(v: &Version, text: &str) -> Vec<Option<String>> {
    let text_lines: Vec<&str> = text.lines().collect();
    let mut starts: Vec<(usize, String)> = Vec::new();
    walk(&v.body, &mut |node| match node {
        Node::Division(d) => starts.push((d.location.line as usize, d.anchor.to_string())),
        Node::Paragraph(p) => starts.push((p.location.line as usize, p.anchor.to_string())),
    });
    starts.extend(
        v.footnotes
            .iter()
            .map(|f| (f.location.line as usize, format!("fn-{}", f.label))),
    );
    starts.sort();
    let mut out = vec![None; text_lines.len()];
    for (i, (start, anchor)) in starts.iter().enumerate() {
        let next = starts.get(i + 1).map_or(usize::MAX, |(n, _)| *n);
        let mut line = *start;
        while line >= 1
            && line < next
            && line <= text_lines.len()
            && !text_lines[line - 1].trim().is_empty()
        {
            out[line - 1] = Some(anchor.clone());
            line += 1;
        }
    }
    out
}
