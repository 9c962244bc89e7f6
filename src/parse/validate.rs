//! Checks every value of a parsed version that becomes a path, a URL or an HTML id against the
//! safe character sets of [`crate::ids`], so that nothing from content can leave `site/` or break
//! out of an attribute.

use crate::diagnostics::{Capped, Diagnostic};
use crate::ids;
use crate::model::{Inline, Location, ParsedVersion};

/// Reports every unsafe id, anchor, label, link or source name of `version` (`text` is its file).
pub fn version(version: &ParsedVersion, text: &str, diags: &mut Capped) {
    let front = |key: &str| {
        let (line, col) = super::frontmatter::locate_key(text, key, 1);
        Location::new(&version.file, line, col)
    };
    if let Err(e) = ids::version_id(&version.meta.id) {
        diags.push_with(||
            Diagnostic::error(front("id"), e)
                .snippet(text, 2)
                .help("the version id names the version's folder in the site: write it like `as-issued` or `compilation`, and name the file after it"),
        );
    }
    if let Err(e) = ids::source_file(&version.meta.source.file) {
        diags.push_with(|| {
            Diagnostic::error(front("file"), e)
                .snippet(text, 4)
                .help("put the source in content/sources/ and give only its file name")
        });
    }
    for block in &version.blocks {
        let at = |needle: &str, e: String, help: &str| {
            let (loc, len) = within(text, &block.location, needle);
            Diagnostic::error(loc, e)
                .snippet(text, len)
                .help(help.to_owned())
        };
        if let Some(a) = &block.explicit_anchor {
            if let Err(e) = ids::anchor(a) {
                let help = "write an explicit anchor like `{#annex}` or `{#annex.III}`";
                diags.push_with(|| at(a, e, help));
            }
        }
        if let Some(p) = &block.explicit_pid {
            if let Err(e) = ids::pid(p) {
                diags.push_with(|| at(p, e, "write a pinned permanent id like `{pid=p-3f9a21c0}`"));
            }
        }
        links(&block.content, &mut |dest, e| {
            diags.push_with(|| at(
                dest,
                e,
                "link only to pages of the site (relative links) or to http, https and mailto addresses",
            ))
        });
    }
    for f in &version.footnotes {
        if let Err(e) = ids::footnote_label(&f.label) {
            diags.push_with(|| {
                Diagnostic::error(f.location.clone(), e)
                    .snippet(text, 1)
                    .help("label footnotes as printed: `[^12]`")
            });
        }
        for p in &f.paragraphs {
            links(p, &mut |_, e| {
                diags.push_with(|| {
                    Diagnostic::error(f.location.clone(), e)
                        .snippet(text, 1)
                        .help("link only to relative, http, https or mailto addresses")
                })
            });
        }
    }
}

/// Where `needle` is first written from the start of a block, and its length in characters; the
/// block's start when it is not found as written (an escape, a line break inside it).
fn within(text: &str, start: &Location, needle: &str) -> (Location, usize) {
    let line_start: usize = text
        .split_inclusive('\n')
        .take((start.line as usize).saturating_sub(1))
        .map(str::len)
        .sum();
    let found = text[line_start..].find(needle).map(|i| line_start + i);
    let Some(at) = found.filter(|_| !needle.is_empty()) else {
        return (start.clone(), 1);
    };
    let index = crate::diagnostics::LineIndex::new(text);
    (index.locate(&start.file, text, at), needle.chars().count())
}

fn links(content: &[Inline], report: &mut impl FnMut(&str, String)) {
    for inline in content {
        match inline {
            Inline::Link { dest, content } => {
                if let Err(e) = ids::link(dest) {
                    report(dest, e);
                }
                links(content, report);
            }
            Inline::Emphasis(c) | Inline::Strong(c) => links(c, report),
            _ => {}
        }
    }
}
