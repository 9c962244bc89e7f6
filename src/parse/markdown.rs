//! Turns the Markdown body of a version into flat blocks with pulldown-cmark.
//!
//! Block structure comes from pulldown-cmark; official numbers come from the characters at the
//! start of each block ([`numbering`](super::numbering)), never from list numbering.

use super::critic::{self, Extracted, Piece};
use super::numbering::parse_number;
use crate::diagnostics::{Capped, Diagnostic, LineIndex};
use crate::model::{Block, BlockKind, Footnote, Inline, Location, Num};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

/// What the body of one version file parses into.
#[derive(Debug, Default)]
pub struct ParsedBody {
    /// Blocks in written order.
    pub blocks: Vec<Block>,
    /// Footnote definitions.
    pub footnotes: Vec<Footnote>,
    /// Problems found.
    pub diagnostics: Capped,
}

/// Where the body sits in its file, for turning offsets into file positions.
pub struct BodySource<'a> {
    /// Path relative to the content directory.
    pub file: &'a crate::model::FilePath,
    /// The whole file.
    pub file_text: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
    /// Line index of the whole file.
    pub index: &'a LineIndex,
}

impl BodySource<'_> {
    fn locate(&self, extracted: &Extracted, offset_in_placeholder_text: usize) -> Location {
        let original = extracted.original_offset(offset_in_placeholder_text) + self.body_offset;
        self.index.locate(self.file, self.file_text, original)
    }

    fn error(
        &self,
        extracted: &Extracted,
        offset: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let loc = self.locate(extracted, offset);
        Diagnostic::error(loc, message).snippet(self.file_text, 1)
    }
}

/// Parses the body (already stripped of CriticMarkup into `extracted`).
pub fn parse_body(extracted: &Extracted, src: &BodySource<'_>) -> ParsedBody {
    let mut walker = Walker {
        md: &extracted.text,
        extracted,
        src,
        out: ParsedBody::default(),
        state: State::default(),
    };
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    for (event, range) in Parser::new_ext(&extracted.text, options).into_offset_iter() {
        walker.event(event, range.start);
    }
    walker.finish_block();
    walker.out.blocks.shrink_to_fit();
    walker.out
}

/// How deep block quotes, lists and inline markup (emphasis, links) may nest. Official texts
/// need three or four levels; the limit keeps every later stage's recursion shallow.
pub const MAX_NESTING: usize = 16;

#[derive(Default)]
struct State {
    quote_depth: usize,
    list_depth: usize,
    /// Inline tags opened beyond [`MAX_NESTING`], read as plain text.
    excess_inline: usize,
    skipping: usize,
    open: Option<OpenBlock>,
    frames: Vec<Frame>,
    footnote: Option<(String, usize, Vec<Vec<Inline>>)>,
    seen_body: bool,
}

struct OpenBlock {
    kind: BlockKind,
    start: usize,
    list_num: Option<Num>,
    explicit_anchor: Option<String>,
    in_footnote: bool,
}

struct Frame {
    wrap: Wrap,
    content: Vec<Inline>,
}

enum Wrap {
    Root,
    Emphasis,
    Strong,
    Link(String),
}

struct Walker<'a> {
    md: &'a str,
    extracted: &'a Extracted,
    src: &'a BodySource<'a>,
    out: ParsedBody,
    state: State,
}

impl Walker<'_> {
    fn event(&mut self, event: Event<'_>, offset: usize) {
        if self.state.skipping > 0 {
            match event {
                Event::Start(_) => self.state.skipping += 1,
                Event::End(_) => self.state.skipping -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.push(Inline::Text(t.into_string())),
            Event::Code(t) => self.push(Inline::Code(t.into_string())),
            Event::SoftBreak => self.push(Inline::Text(" ".into())),
            Event::HardBreak => self.push(Inline::LineBreak),
            Event::FootnoteReference(label) => self.push(Inline::FootnoteRef(label.into_string())),
            Event::Html(_) | Event::InlineHtml(_) => self.refuse(
                offset,
                "raw HTML is refused",
                "write the text as plain Markdown; escape a literal `<` as `\\<`",
            ),
            Event::Rule => self.refuse(
                offset,
                "a thematic break (`---`, `***`) has no place in an official text",
                "remove it; divisions are made with `##` headings",
            ),
            _ => self.refuse(
                offset,
                "this Markdown construct is not part of the content format",
                "see content/README.md",
            ),
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Heading { level, id, .. } => {
                let kind = match level {
                    HeadingLevel::H1 => BlockKind::Masthead,
                    other => BlockKind::Heading { level: other as u8 },
                };
                if kind == BlockKind::Masthead && self.state.seen_body {
                    self.refuse(
                        offset,
                        "a `#` line after the start of the text",
                        "`#` lines are the masthead and come first; use `##` to `######` for divisions",
                    );
                }
                self.begin(kind, offset, None, id.map(|i| i.into_string()));
            }
            Tag::Paragraph => {
                let reuse = self
                    .state
                    .open
                    .as_ref()
                    .is_some_and(|b| b.list_num.is_some() && self.frames_empty());
                if !reuse {
                    let kind = if self.state.quote_depth > 0 {
                        BlockKind::Quote
                    } else {
                        BlockKind::Paragraph
                    };
                    let in_footnote = self.state.footnote.is_some();
                    self.begin(kind, offset, None, None);
                    if let Some(b) = self.state.open.as_mut() {
                        b.in_footnote = in_footnote;
                    }
                }
            }
            Tag::Item => {
                let raw = &self.md[offset..];
                let num = parse_number(raw).map(|(n, _)| n);
                let kind = if self.state.quote_depth > 0 {
                    BlockKind::Quote
                } else {
                    BlockKind::Paragraph
                };
                self.begin(kind, offset, num, None);
            }
            Tag::List(_) => {
                self.finish_block();
                self.state.list_depth += 1;
                if self.state.list_depth == MAX_NESTING + 1 {
                    self.too_deep(offset, "lists", "write numbers as text (`1\\.`, `(a)`): acquis nests paragraphs by their numbers, not by list indentation");
                }
            }
            Tag::BlockQuote(_) => {
                self.state.quote_depth += 1;
                if self.state.quote_depth == MAX_NESTING + 1 {
                    self.too_deep(
                        offset,
                        "block quotes",
                        "a quotation needs one `>`; remove the others",
                    );
                }
            }
            Tag::Emphasis | Tag::Strong | Tag::Link { .. }
                if self.state.frames.len() > MAX_NESTING || self.state.excess_inline > 0 =>
            {
                self.state.excess_inline += 1;
                if self.state.excess_inline == 1 {
                    self.too_deep(offset, "emphasis and links", "close each `*` or `_` where the emphasis ends, or escape a literal one as `\\*`");
                }
            }
            Tag::FootnoteDefinition(label) => {
                self.finish_block();
                self.state.footnote = Some((label.into_string(), offset, Vec::new()));
            }
            Tag::Emphasis => self.state.frames.push(Frame {
                wrap: Wrap::Emphasis,
                content: vec![],
            }),
            Tag::Strong => self.state.frames.push(Frame {
                wrap: Wrap::Strong,
                content: vec![],
            }),
            Tag::Link { dest_url, .. } => self.state.frames.push(Frame {
                wrap: Wrap::Link(dest_url.into_string()),
                content: vec![],
            }),
            Tag::CodeBlock(_) => {
                self.refuse(
                    offset,
                    "a code block has no place in an official text",
                    "a paragraph indented by four spaces becomes code: remove the indentation",
                );
                self.state.skipping = 1;
            }
            Tag::HtmlBlock => {
                self.refuse(
                    offset,
                    "raw HTML is refused",
                    "write the text as plain Markdown",
                );
                self.state.skipping = 1;
            }
            _ => {
                self.refuse(
                    offset,
                    "this Markdown construct is not part of the content format",
                    "see content/README.md",
                );
                self.state.skipping = 1;
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item => self.finish_block(),
            TagEnd::BlockQuote(_) => {
                self.state.quote_depth = self.state.quote_depth.saturating_sub(1)
            }
            TagEnd::FootnoteDefinition => {
                self.finish_block();
                if let Some((label, offset, paragraphs)) = self.state.footnote.take() {
                    let location = self.src.locate(self.extracted, offset);
                    self.out.footnotes.push(Footnote {
                        label,
                        paragraphs,
                        location,
                    });
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link if self.state.excess_inline > 0 => {
                self.state.excess_inline -= 1
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link => self.close_frame(),
            TagEnd::List(_) => self.state.list_depth = self.state.list_depth.saturating_sub(1),
            _ => {}
        }
    }

    fn frames_empty(&self) -> bool {
        self.state.frames.iter().all(|f| f.content.is_empty())
    }

    fn begin(
        &mut self,
        kind: BlockKind,
        start: usize,
        list_num: Option<Num>,
        explicit_anchor: Option<String>,
    ) {
        self.finish_block();
        if kind != BlockKind::Masthead {
            self.state.seen_body = true;
        }
        self.state.open = Some(OpenBlock {
            kind,
            start,
            list_num,
            explicit_anchor,
            in_footnote: false,
        });
        self.state.frames = vec![Frame {
            wrap: Wrap::Root,
            content: vec![],
        }];
    }

    fn push(&mut self, inline: Inline) {
        if self.state.open.is_none() {
            let kind = if self.state.quote_depth > 0 {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            };
            self.state.open = Some(OpenBlock {
                kind,
                start: 0,
                list_num: None,
                explicit_anchor: None,
                in_footnote: self.state.footnote.is_some(),
            });
            self.state.frames = vec![Frame {
                wrap: Wrap::Root,
                content: vec![],
            }];
        }
        if let Some(frame) = self.state.frames.last_mut() {
            frame.content.push(inline);
        }
    }

    fn close_frame(&mut self) {
        if self.state.frames.len() < 2 {
            return;
        }
        let frame = self.state.frames.pop().expect("frame");
        let inline = match frame.wrap {
            Wrap::Emphasis => Inline::Emphasis(frame.content.into()),
            Wrap::Strong => Inline::Strong(frame.content.into()),
            Wrap::Link(dest) => Inline::Link {
                dest: dest.into(),
                content: frame.content.into(),
            },
            Wrap::Root => return,
        };
        self.push(inline);
    }

    fn finish_block(&mut self) {
        let Some(open) = self.state.open.take() else {
            return;
        };
        while self.state.frames.len() > 1 {
            self.close_frame();
        }
        let content = self
            .state
            .frames
            .pop()
            .map(|f| f.content)
            .unwrap_or_default();
        let content = with_notes(merge_text(content));
        if open.in_footnote {
            if let Some((_, _, paragraphs)) = self.state.footnote.as_mut() {
                paragraphs.push(content);
            }
            return;
        }
        let block = self.make_block(open, content);
        self.out.blocks.push(block);
    }

    fn make_block(&mut self, open: OpenBlock, mut content: Vec<Inline>) -> Block {
        let location = self.src.locate(self.extracted, open.start);
        let num = match (open.list_num, open.kind) {
            (Some(n), _) => Some(n),
            (None, BlockKind::Masthead) => None,
            (None, _) => {
                let raw = block_text_start(&self.md[open.start..]);
                parse_number(raw)
                    .map(|(n, _)| n)
                    .filter(|n| strip_number(&mut content, &n.printed))
            }
        };
        let (explicit_anchor, explicit_pid) = match open.explicit_anchor {
            Some(a) => (Some(a), None),
            None => take_attributes(&mut content),
        };
        Block {
            kind: open.kind,
            num,
            content,
            explicit_anchor,
            explicit_pid,
            location,
        }
    }

    fn too_deep(&mut self, offset: usize, what: &str, help: &str) {
        self.refuse(
            offset,
            &format!("{what} are nested more than {MAX_NESTING} levels deep"),
            help,
        );
    }

    fn refuse(&mut self, offset: usize, message: &str, help: &str) {
        let (src, extracted) = (self.src, self.extracted);
        self.out
            .diagnostics
            .push_with(|| src.error(extracted, offset, message).help(help));
    }
}

/// Skips heading hashes and block-quote markers to reach the first character of the text.
fn block_text_start(raw: &str) -> &str {
    let mut s = raw;
    loop {
        let t = s.trim_start_matches([' ', '\t']);
        if let Some(rest) = t.strip_prefix('>') {
            s = rest;
        } else if t.starts_with('#') {
            s = t.trim_start_matches('#');
        } else {
            return t;
        }
    }
}

/// Removes the printed number from the start of the content; false if it is not there.
fn strip_number(content: &mut [Inline], printed: &str) -> bool {
    let Some(Inline::Text(first)) = content.first_mut() else {
        return false;
    };
    let Some(rest) = first.strip_prefix(printed) else {
        return false;
    };
    *first = rest.trim_start().to_owned();
    true
}

static ATTRIBUTES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\{(?:#(?P<anchor>[^\s{}]+))?\s*(?:pid=(?P<pid>[^\s{}]+))?\}\s*$")
        .expect("attribute pattern")
});

/// Takes a trailing `{#anchor}` / `{pid=...}` off the content.
fn take_attributes(content: &mut Vec<Inline>) -> (Option<String>, Option<String>) {
    let Some(Inline::Text(last)) = content.last_mut() else {
        return (None, None);
    };
    let Some(caps) = ATTRIBUTES.captures(last) else {
        return (None, None);
    };
    let anchor = caps.name("anchor").map(|m| m.as_str().to_owned());
    let pid = caps.name("pid").map(|m| m.as_str().to_owned());
    if anchor.is_none() && pid.is_none() {
        return (None, None);
    }
    let cut = caps.get(0).map_or(last.len(), |m| m.start());
    last.truncate(cut);
    if last.is_empty() {
        content.pop();
    }
    (anchor, pid)
}

/// Joins adjacent text pieces (pulldown-cmark splits text at every special character).
fn merge_text(content: impl IntoIterator<Item = Inline>) -> Vec<Inline> {
    let content = content.into_iter();
    let mut out: Vec<Inline> = Vec::with_capacity(content.size_hint().0);
    for inline in content {
        match (out.last_mut(), inline) {
            (Some(Inline::Text(prev)), Inline::Text(t)) => prev.push_str(&t),
            (_, Inline::Emphasis(c)) => out.push(Inline::Emphasis(merge_text(c).into())),
            (_, Inline::Strong(c)) => out.push(Inline::Strong(merge_text(c).into())),
            (_, Inline::Link { dest, content }) => out.push(Inline::Link {
                dest,
                content: merge_text(content).into(),
            }),
            (_, other) => out.push(other),
        }
    }
    // The corpus holds every text at once: no slack left from growing.
    for inline in &mut out {
        if let Inline::Text(t) = inline {
            t.shrink_to_fit();
        }
    }
    out
}

/// Turns note placeholders inside text into [`Inline::Note`].
fn with_notes(content: impl IntoIterator<Item = Inline>) -> Vec<Inline> {
    let content = content.into_iter();
    let mut out = Vec::with_capacity(content.size_hint().0);
    for inline in content {
        match inline {
            Inline::Text(t) if t.contains(critic::OPEN) => {
                for piece in critic::split_placeholders(&t) {
                    out.push(match piece {
                        Piece::Text(s) => Inline::Text(s.to_owned()),
                        Piece::Note(i) => Inline::Note(i),
                    });
                }
            }
            Inline::Emphasis(c) => out.push(Inline::Emphasis(with_notes(c).into())),
            Inline::Strong(c) => out.push(Inline::Strong(with_notes(c).into())),
            Inline::Link { dest, content } => out.push(Inline::Link {
                dest,
                content: with_notes(content).into(),
            }),
            other => out.push(other),
        }
    }
    // A note splits a text into more inlines than there were: no slack left from growing (the
    // corpus holds every text at once).
    out.shrink_to_fit();
    out
}
