//! Syntax highlighting with syntect, as classes the theme colours (`hl-string`, `hl-keyword`
//! ...): no colour is decided here. JSON and XML use syntect's bundled syntaxes; the version
//! files of `content/` (YAML front matter and Markdown) use our own small grammar
//! (`acquis-markdown.sublime-syntax`), which knows official numbers, CriticMarkup and anchors,
//! and is about a hundred times faster on these files than the bundled Markdown and YAML
//! grammars (193 KB in 15 ms against 1.6 s).
//!
//! Highlighting is per line, each line's HTML balanced on its own (spans still open at the end
//! of a line are closed and reopened on the next), so that a page can give each line its own
//! number, id and link.

use super::inline::escape;
use std::sync::OnceLock;
use syntect::html::{line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{
    ParseState, Scope, ScopeStack, SyntaxDefinition, SyntaxReference, SyntaxSet, SyntaxSetBuilder,
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

/// The set holding only the content grammar: quick to build, used for every source page.
fn content_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut builder = SyntaxSetBuilder::new();
        let grammar = SyntaxDefinition::load_from_str(CONTENT_GRAMMAR, true, None)
            .expect("the content grammar is valid (tested)");
        builder.add(grammar);
        builder.build()
    })
}

/// syntect's bundled syntaxes, loaded only for the data page's examples.
fn bundled_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn syntax(language: Language) -> (&'static SyntaxSet, &'static SyntaxReference) {
    let (set, extension) = match language {
        Language::Content => (content_set(), "acquis-md"),
        Language::Json => (bundled_set(), "json"),
        Language::Xml => (bundled_set(), "xml"),
    };
    let syntax = set
        .find_syntax_by_extension(extension)
        .unwrap_or_else(|| set.find_syntax_plain_text());
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
            match highlight_line(line, set, &mut state, &mut stack) {
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
    state: &mut ParseState,
    stack: &mut ScopeStack,
) -> Option<String> {
    let ops = state.parse_line(line, set).ok()?;
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
            out[4].starts_with("<span class=\"hl-text"),
            "reopened: {}",
            out[4]
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
}
