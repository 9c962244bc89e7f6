//! `acquis import`: turns a plain-text extract of a PDF into draft Markdown in the content format.
//!
//! A first pass for a transcriber, not a replacement for one: it drops page furniture, joins the
//! lines of each paragraph, starts a paragraph at every official number, escapes what Markdown
//! would misread, and writes the front matter that records where the text comes from. The draft
//! passes the fidelity check against its source by construction (tested); structure (headings,
//! masthead, footnotes) is for the editor to mark.

use crate::fidelity::Furniture;
use crate::parse::numbering::parse_number;

/// What to import.
pub struct ImportRequest<'a> {
    /// The whole source text.
    pub source: &'a str,
    /// The source's file name, for the front matter.
    pub file_name: &'a str,
    /// 1-based inclusive line range.
    pub lines: (usize, usize),
    /// The source's page furniture.
    pub furniture: &'a Furniture,
    /// Version id for the front matter.
    pub version_id: &'a str,
}

/// Writes the draft Markdown of a version.
pub fn draft(req: &ImportRequest<'_>) -> String {
    let lines: Vec<&str> = req.source.split('\n').collect();
    let (first, last) = (req.lines.0.max(1), req.lines.1.min(lines.len()));
    let none = Default::default();
    let text_lines: Vec<&str> = (first..=last)
        .filter(|&n| !req.furniture.is_furniture(n, lines[n - 1], &none))
        .map(|n| lines[n - 1].trim())
        .filter(|l| !l.is_empty())
        .collect();
    let width = text_lines
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(80);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut previous: Option<&str> = None;
    for line in text_lines {
        let starts_new =
            previous.is_none_or(|p| paragraph_ends(p, width)) || parse_number(line).is_some();
        match paragraphs.last_mut() {
            Some(para) if !starts_new => join(para, line),
            _ => paragraphs.push(line.to_owned()),
        }
        previous = Some(line);
    }
    let mut out = front_matter(req, first, last);
    let mut in_masthead = true;
    for p in paragraphs {
        let caps = is_caps(&p);
        in_masthead &= caps;
        let mark = match (caps, in_masthead) {
            (true, true) => "# ",
            (true, false) => "## ",
            _ => "",
        };
        out.push('\n');
        out.push_str(mark);
        out.push_str(&escape_paragraph(&p));
        out.push('\n');
    }
    out
}

/// A line in capitals is a heading (or, at the top, a masthead line).
fn is_caps(p: &str) -> bool {
    let letters: Vec<char> = p.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

fn front_matter(req: &ImportRequest<'_>, first: usize, last: usize) -> String {
    format!(
        "---\nid: {}\nlabel: TODO describe the witness\nwitness: TODO as-issued | compilation-excerpt | revision\ndate: TODO YYYY-MM-DD\nsource:\n  file: {}\n  lines: [[{first}, {last}]]\n  footnote_lines: []\n  furniture_lines: []\n---\n",
        req.version_id, req.file_name
    )
}

/// A short line ends its paragraph (PDF extracts wrap the rest of a paragraph at full width),
/// and so does a line in capitals (a heading).
fn paragraph_ends(line: &str, width: usize) -> bool {
    !runs_on(line) && (line.chars().count() * 10 < width * 7 || is_caps(line))
}

/// A line ending in a letter and `-` runs on into the next (`co-` + `operation`).
fn runs_on(text: &str) -> bool {
    text.ends_with('-')
        && text[..text.len() - 1]
            .chars()
            .last()
            .is_some_and(char::is_alphabetic)
}

/// Joins a wrapped line to its paragraph with the fidelity rule: `co-` + `operation` runs on.
fn join(para: &mut String, line: &str) {
    if !runs_on(para) {
        para.push(' ');
    }
    para.push_str(line);
}

/// Escapes what Markdown would read as markup, so that the draft shows the text as printed.
fn escape_paragraph(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 8);
    for c in p.chars() {
        if matches!(c, '*' | '_' | '<' | '[' | ']' | '`' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    escape_start(&out)
}

/// `1. text` would become a Markdown list, `# text` a heading, `> text` a quote, `+ text` a list.
fn escape_start(p: &str) -> String {
    let digits = p.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && p[digits..].starts_with(['.', ')']) && p[digits + 1..].starts_with(' ') {
        return format!("{}\\{}", &p[..digits], &p[digits..]);
    }
    if p.starts_with(['#', '>', '+', '=']) {
        return format!("\\{p}");
    }
    p.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFurniture;

    const SOURCE: &str = "HEADER LINE\nTRAFFICKING IN HUMAN BEINGS\n(40) The participating States recognize that full and true equality between men and\n\nwomen is a fundamental aspect. In this context they will\n   Page 3\n(40.7) - seek to eliminate all forms of co-\noperation *and* traffic;\n1. Decides to endorse the OSCE Action Plan to Combat Trafficking in Human Beings as annexed to\nthis Decision;\nShort closing line.\nA new paragraph.";

    fn run() -> String {
        let furniture = Furniture::new(&SourceFurniture {
            patterns: vec![r"\s*Page \d+\s*".into()],
            lines: vec![],
        })
        .unwrap();
        draft(&ImportRequest {
            source: SOURCE,
            file_name: "x.txt",
            lines: (2, 12),
            furniture: &furniture,
            version_id: "issued",
        })
    }

    #[test]
    fn starts_paragraphs_at_numbers_and_joins_wrapped_lines() {
        let md = run();
        assert!(md.contains("\n(40) The participating States recognize that full and true equality between men and women is a fundamental aspect. In this context they will\n"), "{md}");
        assert!(
            md.contains(
                "\n(40.7) - seek to eliminate all forms of co-operation \\*and\\* traffic;\n"
            ),
            "{md}"
        );
        assert!(md.contains("\n1\\. Decides to endorse the OSCE Action Plan to Combat Trafficking in Human Beings as annexed to this Decision;\n"), "{md}");
        assert!(md.contains("\nA new paragraph.\n"), "{md}");
        assert!(!md.contains("Page 3"));
        assert!(md.contains("lines: [[2, 12]]"));
        assert!(md.contains("\n# TRAFFICKING IN HUMAN BEINGS\n"), "{md}");
    }

    #[test]
    fn the_draft_passes_the_fidelity_check_against_its_source() {
        let md = run()
            .replace("TODO describe the witness", "x")
            .replace(
                "TODO as-issued | compilation-excerpt | revision",
                "as-issued",
            )
            .replace("TODO YYYY-MM-DD", "2000");
        let file = crate::load::LoadedFile {
            path: "d/issued.md".into(),
            text: md,
        };
        let content = crate::load::LoadedContent {
            site: Some(crate::load::LoadedFile { path: "site.yaml".into(), text: "title: t\nbase_url: https://x\nlanguage: en\ndescription: d\n".into() }),
            documents: vec![crate::load::LoadedDocument {
                slug: "d".into(),
                meta: Some(crate::load::LoadedFile { path: "d/document.yaml".into(), text: "short_title: D\ntitle: T\nkind: k\nbody: b\ndate: 2000\nstatus: s\ndescription: d\ncanonical: issued\n".into() }),
                versions: vec![file],
            }],
            diagnostics: vec![],
            external: None,
            citations: None,
        };
        let (corpus, diags) = crate::parse::parse_content(&content);
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        let version = &corpus.unwrap().documents[0].versions[0];
        let furniture = Furniture::new(&SourceFurniture {
            patterns: vec![r"\s*Page \d+\s*".into()],
            lines: vec![],
        })
        .unwrap();
        let (want, _) = crate::fidelity::source_words(SOURCE, &furniture, &version.meta.source);
        let (got, _) = crate::fidelity::version_words(version);
        assert_eq!(crate::fidelity::compare(&want, &got), None);
    }
}
