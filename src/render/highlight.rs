//! Syntax highlighting with syntect, as classes the theme colours (`hl-string`, `hl-keyword`
//! ...): no colour is decided here. Each language has our own small grammar: the version files
//! of `content/` (YAML front matter and Markdown, `acquis-markdown.sublime-syntax`, which knows
//! official numbers, CriticMarkup and anchors, and is about a hundred times faster on these files
//! than the bundled Markdown and YAML grammars: 193 KB in 15 ms against 1.6 s), and the JSON and
//! XML of the data page (`acquis-json`, `acquis-xml`).
//!
//! Highlighting is per line, each line's HTML balanced on its own (spans still open at the end
//! of a line are closed and reopened on the next), so that a page can give each line its own
//! number, id and link.

use super::inline::escape;
use std::sync::OnceLock;
use syntect::html::{line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{
    ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxDefinition, SyntaxReference, SyntaxSet,
    SyntaxSetBuilder,
};
use syntect::util::LinesWithEndings;

/// The prefix of every class the highlighter writes.
pub const CLASS_PREFIX: &str = "hl-";

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed {
    prefix: CLASS_PREFIX,
};

/// The languages the site shows.
#[derive(Debug, Clone, Copy)]
pub enum Language {
    /// A version file: YAML front matter, then Markdown.
    Content,
    /// The open data.
    Json,
    /// The Akoma Ntoso export and the feeds.
    Xml,
}

/// The grammar of the version files in `content/`.
const CONTENT_GRAMMAR: &str = include_str!("acquis-markdown.sublime-syntax");
/// The grammar of the data page's JSON examples.
const JSON_GRAMMAR: &str = include_str!("acquis-json.sublime-syntax");
/// The grammar of the data page's XML example.
const XML_GRAMMAR: &str = include_str!("acquis-xml.sublime-syntax");

/// Our three small grammars in one set, built once. syntect's bundled set is not used: loading
/// it (about 20 ms of CPU) cost more than building the real corpus' data pages with these.
fn grammars() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut builder = SyntaxSetBuilder::new();
        for grammar in [CONTENT_GRAMMAR, JSON_GRAMMAR, XML_GRAMMAR] {
            builder.add(
                SyntaxDefinition::load_from_str(grammar, true, None)
                    .expect("the grammars are valid (tested)"),
            );
        }
        builder.build()
    })
}

fn syntax(language: Language) -> (&'static SyntaxSet, &'static SyntaxReference) {
    let set = grammars();
    let extension = match language {
        Language::Content => "acquis-md",
        Language::Json => "acquis-json",
        Language::Xml => "acquis-xml",
    };
    let syntax = set
        .find_syntax_by_extension(extension)
        .expect("each language has its grammar in the set");
    (set, syntax)
}

/// The HTML of each line of `text` (without its line end), highlighted as `language`.
pub fn lines(text: &str, language: Language) -> Vec<String> {
    let (set, syntax) = syntax(language);
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut failed = false;
    LinesWithEndings::from(text)
        .map(|line| {
            if failed {
                return escape(trim_end(line));
            }
            match highlight_line(line, set, syntax.scope, &mut state, &mut stack) {
                Some(html) => html,
                None => {
                    failed = true;
                    escape(trim_end(line))
                }
            }
        })
        .collect()
}

/// `text` highlighted as one block of lines joined by `\n`.
pub fn block(text: &str, language: Language) -> String {
    lines(text, language).join("\n")
}

fn highlight_line(
    line: &str,
    set: &SyntaxSet,
    root: Scope,
    state: &mut ParseState,
    stack: &mut ScopeStack,
) -> Option<String> {
    let mut ops = state.parse_line(line, set).ok()?;
    // The grammar's own scope covers every character and carries no colour: a span of it on every
    // line was a third of a source page's bytes.
    ops.retain(|(_, op)| !matches!(op, ScopeStackOp::Push(scope) if *scope == root));
    let mut html = open_spans(stack);
    let (spans, _) = line_tokens_to_classed_spans(line, &ops, STYLE, stack).ok()?;
    html.push_str(&spans.replacen('\n', "", 1).replacen('\r', "", 1));
    html.push_str(&"</span>".repeat(stack.len()));
    Some(html)
}

/// Reopens the spans of the scopes still open from the lines before.
fn open_spans(stack: &ScopeStack) -> String {
    stack
        .as_slice()
        .iter()
        .map(|scope| format!("<span class=\"{}\">", classes(*scope)))
        .collect()
}

/// The classes syntect gives a scope: each atom, prefixed (`hl-string hl-quoted`).
fn classes(scope: Scope) -> String {
    scope
        .build_string()
        .split('.')
        .map(|atom| format!("{CLASS_PREFIX}{atom}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn trim_end(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn balanced(html: &str) -> bool {
        html.matches("<span").count() == html.matches("</span>").count()
    }

    #[test]
    fn each_line_is_balanced_and_classes_carry_the_prefix() {
        let text =
            "---\nid: compilation\nnotes:\n  - \"a long\n    string\"\n---\n\n{~~a\nb~>c~~}\n";
        let out = lines(text, Language::Content);
        assert_eq!(out.len(), 9);
        assert!(out[1].contains("hl-tag"), "{}", out[1]);
        assert!(out[3].contains("hl-string"), "{}", out[3]);
        assert!(
            out[4].starts_with(
                "<span class=\"hl-meta hl-front-matter hl-yaml\"><span class=\"hl-string"
            ),
            "reopened: {}",
            out[4]
        );
        assert!(
            !out.iter().any(|l| l.contains("hl-text")),
            "no span of the grammar's own scope: {out:#?}"
        );
        assert!(
            !out[7].contains("hl-tag"),
            "the body is not YAML: {}",
            out[7]
        );
        assert!(out.iter().all(|l| balanced(l)), "{out:#?}");
        assert!(out[0].contains("class=\"hl-"), "{}", out[0]);
        assert!(!out.iter().any(|l| l.contains('\n')));
        assert!(!out.join("").contains("style="), "no inline colours");
    }

    #[test]
    fn the_content_grammar_marks_numbers_notes_and_anchors() {
        let md = "1\\. Decides{~~=s~>’s~~} on [^2] {#annex}\n";
        let out = lines(md, Language::Content).join("");
        assert!(
            out.contains("hl-paragraph-number hl-markdown\">1\\.</span>"),
            "{out}"
        );
        assert!(out.contains("hl-critic"), "{out}");
        assert!(out.contains("hl-footnote"), "{out}");
        assert!(out.contains("hl-anchor"), "{out}");
    }

    /// Each alternative of the grammar's joined patterns gives its own class to exactly its text
    /// (the joined alternations replaced one pattern per class; see the grammar's header).
    #[test]
    fn every_inline_and_line_start_form_gets_its_class() {
        let md = "## 3. Heading\n\n> quoted\n\n[^4]: A note.\n\n(b) **Bold** *it* _it_ `code` \
                  \\* [title](https://x.org/y) [^5] {#here} {pid=p-1}\n\n* not italic* a_b\n";
        let out = lines(md, Language::Content);
        let has = |line: usize, class: &str, text: &str| {
            let span = format!("{class} hl-markdown\">{text}</span>");
            assert!(
                out[line].contains(&span),
                "line {line} lacks {span}: {}",
                out[line]
            );
        };
        assert!(
            out[0].starts_with("<span class=\"hl-markup hl-heading"),
            "{}",
            out[0]
        );
        has(0, "hl-punctuation hl-definition hl-heading", "##");
        assert!(
            out[2].contains("hl-blockquote hl-markdown\">&gt; </span>"),
            "{}",
            out[2]
        );
        has(4, "hl-entity hl-name hl-footnote", "[^4]:");
        has(6, "hl-constant hl-numeric hl-paragraph-number", "(b)");
        has(6, "hl-markup hl-bold", "**Bold**");
        has(6, "hl-markup hl-italic", "*it*");
        has(6, "hl-markup hl-italic", "_it_");
        has(6, "hl-markup hl-raw hl-inline", "`code`");
        has(6, "hl-constant hl-character hl-escape", "\\*");
        has(6, "hl-string hl-other hl-link hl-title", "title");
        has(6, "hl-markup hl-underline hl-link", "https://x.org/y");
        has(6, "hl-entity hl-name hl-footnote hl-reference", "[^5]");
        has(6, "hl-entity hl-name hl-tag hl-anchor", "{#here}");
        has(6, "hl-entity hl-name hl-tag hl-anchor", "{pid=p-1}");
        // A number's class ends before the space after it.
        assert!(out[6].contains("(b)</span> "), "{}", out[6]);
        // An asterisk before a space opens no italic; `a_b` is a word.
        assert!(!out[8].contains("hl-italic"), "{}", out[8]);
    }

    #[test]
    fn markdown_text_is_escaped() {
        let out = lines("# Title\n\n1\\. A <b> & c\n", Language::Content);
        assert!(out[2].contains("&lt;b&gt; &amp; c"), "{}", out[2]);
        let text: String = out[2]
            .split('<')
            .map(|s| s.split_once('>').map_or(s, |(_, t)| t))
            .collect();
        assert_eq!(text, "1\\. A &lt;b&gt; &amp; c");
    }

    #[test]
    fn json_keys_strings_numbers_and_constants_get_their_classes() {
        let out = block(
            "{\"id\": \"pc-dec-557\", \"n\": -2.5e3, \"ok\": true}",
            Language::Json,
        );
        assert!(
            out.contains("hl-tag hl-json\"><span class=\"hl-punctuation"),
            "a key: {out}"
        );
        assert!(out.contains("hl-string"), "{out}");
        assert!(out.contains("hl-numeric hl-json\">-2.5e3</span>"), "{out}");
        assert!(out.contains("hl-language hl-json\">true</span>"), "{out}");
        assert!(balanced(&out), "{out}");
    }

    #[test]
    fn xml_tags_attributes_values_and_comments_get_their_classes() {
        let xml = "<?xml version=\"1.0\"?>\n<!-- a\nb -->\n<akomaNtoso xmlns=\"x\"><doc name='d'>A &amp; B</doc></akomaNtoso>";
        let out = lines(xml, Language::Xml);
        assert_eq!(out.len(), 4);
        assert!(out[1].contains("hl-comment"), "{}", out[1]);
        assert!(
            out[2].contains("hl-comment hl-block hl-xml\">b "),
            "reopened: {}",
            out[2]
        );
        assert!(
            out[3].contains("hl-tag hl-xml\">akomaNtoso</span>"),
            "{}",
            out[3]
        );
        assert!(out[3].contains("hl-attribute-name"), "{}", out[3]);
        assert!(out[3].contains("hl-string"), "{}", out[3]);
        assert!(out[3].contains("hl-entity"), "{}", out[3]);
        assert!(out.iter().all(|l| balanced(l)), "{out:#?}");
    }

    #[test]
    fn an_apostrophe_in_front_matter_text_opens_no_string() {
        let text =
            "---\nnote: >-\n  The compilation's own texts.\ntitle: 'quoted'\n---\n\n# Title\n";
        let out = lines(text, Language::Content);
        assert!(!out[2].contains("hl-string"), "{}", out[2]);
        assert!(out[3].contains("hl-string"), "{}", out[3]);
        assert!(
            out[6].contains("hl-heading") && !out[6].contains("hl-string"),
            "{}",
            out[6]
        );
    }
}
