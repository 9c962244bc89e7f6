//! Checks every value of a parsed version that becomes a path, a URL or an HTML id against the
//! safe character sets of [`crate::ids`], so that nothing from content can leave `site/` or break
//! out of an attribute.

use crate::diagnostics::Diagnostic;
use crate::ids;
use crate::model::{Inline, Location, ParsedVersion};

/// Reports every unsafe id, anchor, label, link or source name of `version` (`text` is its file).
pub fn version(version: &ParsedVersion, text: &str, diags: &mut Vec<Diagnostic>) {
    let front = |key: &str| {
        let (line, col) = super::frontmatter::locate_key(text, key, 1);
        Location {
            file: version.file.clone(),
            line,
            col,
        }
    };
    if let Err(e) = ids::version_id(&version.meta.id) {
        diags.push(
            Diagnostic::error(front("id"), e)
                .snippet(text, 2)
                .help("the version id names the version's folder in the site: write it like `as-issued` or `compilation`, and name the file after it"),
        );
    }
    if let Err(e) = ids::source_file(&version.meta.source.file) {
        diags.push(
            Diagnostic::error(front("file"), e)
                .snippet(text, 4)
                .help("put the source in content/sources/ and give only its file name"),
        );
    }
    for block in &version.blocks {
        let at = |e: String, help: &str| {
            Diagnostic::error(block.location.clone(), e)
                .snippet(text, 1)
                .help(help.to_owned())
        };
        if let Some(Err(e)) = block.explicit_anchor.as_deref().map(ids::anchor) {
            diags.push(at(
                e,
                "write an explicit anchor like `{#annex}` or `{#annex.III}`",
            ));
        }
        if let Some(Err(e)) = block.explicit_pid.as_deref().map(ids::pid) {
            diags.push(at(e, "write a pinned permanent id like `{pid=p-3f9a21c0}`"));
        }
        links(&block.content, &mut |e| {
            diags.push(at(
                e,
                "link only to pages of the site (relative links) or to http, https and mailto addresses",
            ))
        });
    }
    for f in &version.footnotes {
        if let Err(e) = ids::footnote_label(&f.label) {
            diags.push(
                Diagnostic::error(f.location.clone(), e)
                    .snippet(text, 1)
                    .help("label footnotes as printed: `[^12]`"),
            );
        }
        for p in &f.paragraphs {
            links(p, &mut |e| {
                diags.push(
                    Diagnostic::error(f.location.clone(), e)
                        .snippet(text, 1)
                        .help("link only to relative, http, https or mailto addresses"),
                )
            });
        }
    }
}

fn links(content: &[Inline], report: &mut impl FnMut(String)) {
    for inline in content {
        match inline {
            Inline::Link { dest, content } => {
                if let Err(e) = ids::link(dest) {
                    report(e);
                }
                links(content, report);
            }
            Inline::Emphasis(c) | Inline::Strong(c) => links(c, report),
            _ => {}
        }
    }
}
