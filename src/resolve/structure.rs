//! Builds the tree of one version from its flat blocks and gives every node its anchor.
//!
//! Nesting follows the numbering styles, as a reader of the printed page infers it: a style that
//! is already open closes what is under it; a new style nests under the paragraph before it.

use super::path::{self, Seg};
use crate::diagnostics::Diagnostic;
use crate::model::{
    Block, BlockKind, Division, EditorialNote, Inline, Node, Nodes, Num, NumStyle, Paragraph,
    ParagraphKind, ParsedVersion, SourceText, Version, Wrap,
};
use crate::slug::{push_slug, slugify};
use std::collections::HashMap;

/// How many words of an unnumbered paragraph or heading its citation quotes.
const CITED_WORDS: usize = 6;

/// How deep paragraphs may nest under one another (official texts use four or five levels).
pub const MAX_PARAGRAPH_DEPTH: usize = 12;

/// The style of a number, as far as nesting is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct StyleKey {
    style: NumStyle,
    wrap: Wrap,
}

enum Open {
    /// `path` is what numbered children extend (an unnumbered heading adds nothing to it);
    /// `own` names the division itself, for its anchor and for dash items directly under it.
    Division {
        div: Division,
        path: Vec<Seg>,
        own: Vec<Seg>,
        indents: usize,
    },
    Para {
        para: Paragraph,
        key: StyleKey,
        path: Vec<Seg>,
        indents: usize,
    },
}

struct Builder<'a> {
    cite_name: &'a str,
    notes: &'a [EditorialNote],
    /// The version's Markdown, for snippets in diagnostics.
    markdown: &'a SourceText,
    stack: Vec<Open>,
    root: Vec<Node>,
    word_anchors: HashMap<String, usize>,
    pids: HashMap<String, usize>,
    root_indents: usize,
    too_deep_reported: bool,
    diagnostics: Vec<Diagnostic>,
}

/// Builds the tree of `version`, whose document is cited as `cite_name`. The blocks' text moves
/// into the tree (nothing is copied).
pub fn build(version: ParsedVersion, cite_name: &str) -> (Version, Vec<Diagnostic>) {
    let ParsedVersion {
        meta,
        file,
        mut blocks,
        footnotes,
        notes,
        markdown,
        ..
    } = version;
    let mut b = Builder {
        cite_name,
        notes: &notes,
        markdown: &markdown,
        stack: Vec::new(),
        root: Vec::new(),
        word_anchors: HashMap::new(),
        pids: HashMap::new(),
        root_indents: 0,
        too_deep_reported: false,
        diagnostics: Vec::new(),
    };
    let mut masthead = Vec::new();
    let next = next_numbers(&blocks);
    for i in 0..blocks.len() {
        let (head, rest) = blocks.split_at_mut(i + 1);
        let block = &mut head[i];
        match block.kind {
            BlockKind::Masthead => masthead.push(std::mem::take(&mut block.content)),
            BlockKind::Heading { level } => b.heading(block, level),
            BlockKind::Paragraph => {
                let next = next[i].and_then(|j| rest[j - i - 1].num.as_ref());
                b.paragraph(block, next)
            }
            BlockKind::Quote => b.leaf(block, ParagraphKind::Quote),
        }
    }
    while !b.stack.is_empty() {
        b.close_top();
    }
    b.root.shrink_to_fit();
    let (body, diagnostics) = (b.root, b.diagnostics);
    let built = Version {
        meta,
        file,
        masthead,
        body,
        footnotes,
        notes,
        markdown,
    };
    (built, diagnostics)
}

impl Builder<'_> {
    fn heading(&mut self, block: &mut Block, level: u8) {
        self.close_paragraphs();
        while matches!(self.stack.last(), Some(Open::Division { div, .. }) if div.level >= level) {
            self.close_top();
        }
        let parent = self.division_path();
        let (path, own) = match (&block.explicit_anchor, &block.num) {
            (Some(id), _) => {
                let mut p = parent.clone();
                p.push(Seg::Named(id.clone()));
                (p.clone(), p)
            }
            // A dash adds nothing to a path: a heading that starts with one is named by its words.
            (None, Some(num)) if !num.is_dash() => {
                let p = path::compose(&parent, num);
                (p.clone(), p)
            }
            (None, _) => {
                let mut own = parent.clone();
                own.push(self.words(&parent, &block.content));
                (parent, own)
            }
        };
        let anchor = path::anchor(&own);
        let div = Division {
            level,
            num: block.num.take(),
            heading: std::mem::take(&mut block.content),
            anchor: anchor.into(),
            children: Nodes::new(),
            location: std::mem::take(&mut block.location),
        };
        self.stack.push(Open::Division {
            div,
            path,
            own,
            indents: 0,
        });
    }

    /// `next` is the number of the next numbered paragraph in the same division, if any.
    fn paragraph(&mut self, block: &mut Block, next: Option<&Num>) {
        let Some(num) = &block.num else {
            if self.continues(next) {
                return self.leaf(block, ParagraphKind::Continuation);
            }
            self.close_before_sibling(next);
            return self.leaf(block, ParagraphKind::Unnumbered);
        };
        let key = self.style_key(num);
        if let Some(depth) = self.open_style(key) {
            while self.stack.len() > depth {
                self.close_top();
            }
        }
        self.limit_depth(block);
        let parent = match self.stack.last() {
            Some(Open::Division { own, .. }) if num.is_dash() => own.clone(),
            _ => self.top_path(),
        };
        let (path, kind) = if num.is_dash() {
            let n = self.next_indent();
            let mut p = parent;
            p.push(Seg::Indent(n));
            (p, ParagraphKind::Indent)
        } else {
            (
                path::compose(&parent, &resolve_letter(num, key)),
                ParagraphKind::Numbered,
            )
        };
        let para = self.make_paragraph(block, kind, &path);
        self.stack.push(Open::Para {
            para,
            key,
            path,
            indents: 0,
        });
    }

    /// An unnumbered paragraph after a numbered one continues it when what follows nests under
    /// it ("The mechanism is set up to:" before "(a)"); when the next number is a sibling, or
    /// there is none, it stands on its own.
    fn continues(&self, next: Option<&Num>) -> bool {
        matches!(self.stack.last(), Some(Open::Para { .. }))
            && next.is_some_and(|n| self.open_style(self.style_key(n)).is_none())
    }

    /// Before an unnumbered paragraph that stands on its own: closes the paragraphs that the next
    /// number will be a sibling of (all of them when no number follows), so that the paragraph
    /// takes its place in reading order.
    fn close_before_sibling(&mut self, next: Option<&Num>) {
        match next.and_then(|n| self.open_style(self.style_key(n))) {
            Some(depth) => {
                while self.stack.len() > depth {
                    self.close_top();
                }
            }
            None => self.close_paragraphs(),
        }
    }

    /// An unnumbered paragraph or a quotation: named by its first words, never a parent.
    fn leaf(&mut self, block: &mut Block, kind: ParagraphKind) {
        let mut path = self.division_path();
        let words = self.words(&path, &block.content);
        path.push(words);
        let para = self.make_paragraph(block, kind, &path);
        self.attach(Node::Paragraph(para));
    }

    fn make_paragraph(
        &mut self,
        block: &mut Block,
        kind: ParagraphKind,
        path: &[Seg],
    ) -> Paragraph {
        let text = Inline::plain(&block.content, self.notes);
        let citation_in_doc = path::citation(path);
        let citation = if citation_in_doc.is_empty() {
            self.cite_name.to_owned()
        } else {
            format!("{}, {citation_in_doc}", self.cite_name)
        };
        let anchor = block
            .explicit_anchor
            .clone()
            .unwrap_or_else(|| path::anchor(path));
        let pid = block
            .explicit_pid
            .clone()
            .unwrap_or_else(|| self.pid(&text));
        Paragraph {
            kind,
            num: block.num.take(),
            content: std::mem::take(&mut block.content),
            anchor: anchor.into(),
            pid: pid.into(),
            citation: citation.into(),
            children: Nodes::new(),
            location: std::mem::take(&mut block.location),
            quoted: None,
        }
    }

    /// The first four words, slugged (`-2`, `-3` ... when the same words already name another
    /// node under the same prefix), and the first six as printed, for the citation.
    fn words(&mut self, prefix: &[Seg], content: &[Inline]) -> Seg {
        let text = Inline::plain(content, self.notes);
        let words: Vec<String> = text
            .split_whitespace()
            .map(slugify)
            .filter(|w| !w.is_empty())
            .take(4)
            .collect();
        let base = if words.is_empty() {
            "p".to_owned()
        } else {
            words.join("-")
        };
        let cite = text
            .split_whitespace()
            .take(CITED_WORDS)
            .collect::<Vec<_>>()
            .join(" ");
        let mut full = prefix.to_vec();
        full.push(Seg::Words {
            slug: base.clone(),
            cite: cite.clone(),
        });
        let count = self.word_anchors.entry(path::anchor(&full)).or_insert(0);
        *count += 1;
        let slug = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
        Seg::Words { slug, cite }
    }

    /// A fingerprint of the words, independent of the number: the permanent id.
    fn pid(&mut self, text: &str) -> String {
        let normal = fingerprint_words(text);
        let base = format!(
            "p-{:08x}",
            xxhash_rust::xxh3::xxh3_64(normal.as_bytes()) >> 32
        );
        let count = self.pids.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        }
    }

    fn style_key(&self, num: &Num) -> StyleKey {
        let key = StyleKey {
            style: num.style,
            wrap: num.wrap,
        };
        let letter = StyleKey {
            style: NumStyle::Letter,
            wrap: num.wrap,
        };
        if num.style == NumStyle::LowerRoman
            && self.open_style(letter).is_some()
            && follows_letter(self.last_value(letter), &num.parts())
        {
            return letter;
        }
        key
    }

    /// The stack depth at which a paragraph of this style is open, above the innermost division.
    fn open_style(&self, key: StyleKey) -> Option<usize> {
        for (i, open) in self.stack.iter().enumerate().rev() {
            match open {
                Open::Division { .. } => return None,
                Open::Para { key: k, .. } if *k == key => return Some(i),
                Open::Para { .. } => {}
            }
        }
        None
    }

    fn last_value(&self, key: StyleKey) -> Option<&str> {
        self.stack.iter().rev().find_map(|o| match o {
            Open::Para { key: k, para, .. } if *k == key => {
                para.num.as_ref().and_then(|n| n.parts().first().copied())
            }
            _ => None,
        })
    }

    /// Counts dash items under the paragraph or division on top (or at the top level).
    fn next_indent(&mut self) -> usize {
        let indents = match self.stack.last_mut() {
            Some(Open::Para { indents, .. }) | Some(Open::Division { indents, .. }) => indents,
            None => &mut self.root_indents,
        };
        *indents += 1;
        *indents
    }

    /// Keeps paragraphs from nesting deeper than [`MAX_PARAGRAPH_DEPTH`]: past it, a paragraph
    /// becomes a sibling of the one above, and the editor is told once.
    fn limit_depth(&mut self, block: &Block) {
        let depth = self
            .stack
            .iter()
            .rev()
            .take_while(|o| matches!(o, Open::Para { .. }))
            .count();
        if depth < MAX_PARAGRAPH_DEPTH {
            return;
        }
        if !self.too_deep_reported {
            self.too_deep_reported = true;
            self.diagnostics.push(
                Diagnostic::error(
                    block.location.clone(),
                    format!("paragraphs nest more than {MAX_PARAGRAPH_DEPTH} levels deep"),
                )
                .snippet(&self.markdown.text(), 1)
                .help("each new numbering style opens a level: check the numbers written at the start of these paragraphs"),
            );
        }
        self.close_top();
    }

    fn top_path(&self) -> Vec<Seg> {
        match self.stack.last() {
            Some(Open::Division { path, .. }) | Some(Open::Para { path, .. }) => path.clone(),
            None => Vec::new(),
        }
    }

    fn division_path(&self) -> Vec<Seg> {
        self.stack
            .iter()
            .rev()
            .find_map(|o| match o {
                Open::Division { path, .. } => Some(path.clone()),
                Open::Para { .. } => None,
            })
            .unwrap_or_default()
    }

    fn close_paragraphs(&mut self) {
        while matches!(self.stack.last(), Some(Open::Para { .. })) {
            self.close_top();
        }
    }

    fn close_top(&mut self) {
        // A closed node gets no more children: its list keeps no slack from growing.
        let node = match self.stack.pop() {
            Some(Open::Division { mut div, .. }) => {
                div.children.shrink_to_fit();
                Node::Division(div)
            }
            Some(Open::Para { mut para, .. }) => {
                para.children.shrink_to_fit();
                Node::Paragraph(para)
            }
            None => return,
        };
        self.attach(node);
    }

    fn attach(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(Open::Division { div, .. }) => div.children.push(node),
            Some(Open::Para { para, .. }) => para.children.push(node),
            None => self.root.push(node),
        }
    }
}

/// For each block, the index of the next numbered paragraph before the next heading (one pass
/// from the end, so that many unnumbered paragraphs stay linear).
fn next_numbers(blocks: &[Block]) -> Vec<Option<usize>> {
    let mut out = vec![None; blocks.len()];
    let mut next = None;
    for (i, b) in blocks.iter().enumerate().rev() {
        out[i] = next;
        match b.kind {
            BlockKind::Heading { .. } => next = None,
            BlockKind::Paragraph if b.num.is_some() => next = Some(i),
            _ => {}
        }
    }
    out
}

/// What a permanent id fingerprints: the slugs of the words, joined by spaces (words without a
/// slug left out), made without a string per word.
fn fingerprint_words(text: &str) -> String {
    let mut normal = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let before = normal.len();
        if before > 0 {
            normal.push(' ');
        }
        let start = normal.len();
        push_slug(word, &mut normal);
        if normal.len() == start {
            normal.truncate(before);
        }
    }
    normal
}

/// A lower-case Roman `i` after `h` (or `v` after `u` ...) is a letter.
fn follows_letter(last: Option<&str>, parts: &[&str]) -> bool {
    let (Some(last), Some(this)) = (
        last.and_then(|l| l.chars().next()),
        parts.first().and_then(|p| p.chars().next()),
    ) else {
        return false;
    };
    parts.first().is_some_and(|p| p.len() == 1) && (last as u8).wrapping_add(1) == this as u8
}

fn resolve_letter(num: &Num, key: StyleKey) -> Num {
    let mut n = num.clone();
    n.style = key.style;
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_is_the_slugs_of_the_words_joined_by_spaces() {
        let definition = |text: &str| {
            text.split_whitespace()
                .map(slugify)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        for text in [
            "I hereby circulate the new code",
            "— “Quoted” words, (a) and 2.7 —",
            "  a  ",
            "",
            "OSCE\u{2019}s role \u{212a} İstanbul",
        ] {
            assert_eq!(fingerprint_words(text), definition(text), "{text:?}");
        }
    }
}
