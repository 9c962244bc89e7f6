//! Parses each loaded file on its own (in parallel) into the flat [`ParsedCorpus`].
//!
//! Parsing never stops at the first problem: it returns what it could parse together with every
//! diagnostic, and the pipeline decides whether to go on.

mod critic;
pub mod frontmatter;
mod markdown;
pub mod numbering;
pub mod registry;
mod validate;

use crate::diagnostics::{Capped, Diagnostic, LineIndex};
use crate::load::{LoadedContent, LoadedDocument, LoadedFile};
use crate::model::{
    CitationRules, DocumentMeta, EditorialNote, ExternalDoc, Inline, Location, ParsedCorpus,
    ParsedDocument, ParsedVersion, SiteMeta, VersionMeta,
};
use crate::slug::slugify;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

/// Parses everything loaded. Returns `None` for the corpus when `site.yaml` is unusable.
pub fn parse_content(content: &LoadedContent) -> (Option<ParsedCorpus>, Vec<Diagnostic>) {
    let mut diagnostics = content.diagnostics.clone();
    let (site, site_diags) = parse_site(content);
    diagnostics.extend(site_diags);
    let (externals, citation_rules, cite_diags) = parse_citation_inputs(content);
    diagnostics.extend(cite_diags);
    let results: Vec<_> = content.documents.par_iter().map(parse_document).collect();
    let mut documents = Vec::new();
    for (doc, diags) in results {
        diagnostics.extend(diags);
        documents.extend(doc);
    }
    (
        site.map(|site| ParsedCorpus {
            site,
            documents,
            externals,
            citation_rules,
        }),
        diagnostics,
    )
}

/// Parses what the citation resolver reads besides the documents: `external.yaml` and
/// `citations.yaml` (an incremental rebuild reads them once; an edit to them rebuilds all).
pub fn parse_citation_inputs(
    content: &LoadedContent,
) -> (Vec<ExternalDoc>, CitationRules, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let externals = parse_optional(&content.external, &mut diagnostics).unwrap_or_default();
    let rules = parse_optional(&content.citations, &mut diagnostics).unwrap_or_default();
    (externals, rules, diagnostics)
}

/// Parses an optional YAML file of the content directory (`external.yaml`, `citations.yaml`).
fn parse_optional<T: serde::de::DeserializeOwned>(
    file: &Option<LoadedFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    let f = file.as_ref()?;
    frontmatter::parse::<T>(&f.text, &f.path, 1, &f.text)
        .map_err(|d| diagnostics.push(d))
        .ok()
}

/// Parses `site.yaml`; `None` when it is missing or unusable.
pub fn parse_site(content: &LoadedContent) -> (Option<SiteMeta>, Vec<Diagnostic>) {
    let Some(f) = &content.site else {
        return (None, Vec::new());
    };
    match frontmatter::parse::<SiteMeta>(&f.text, &f.path, 1, &f.text) {
        Ok(site) => {
            let mut diags = Vec::new();
            check_base_url(f, &site, &mut diags);
            (Some(site), diags)
        }
        Err(d) => (None, vec![d]),
    }
}

/// Parses one document folder on its own: what an incremental rebuild redoes for the document an
/// editor changed. `None` when its `document.yaml` is missing or unusable.
pub fn parse_document(loaded: &LoadedDocument) -> (Option<ParsedDocument>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let Some(meta_file) = &loaded.meta else {
        return (None, diags);
    };
    let meta = match frontmatter::parse::<DocumentMeta>(
        &meta_file.text,
        &meta_file.path,
        1,
        &meta_file.text,
    ) {
        Ok(meta) => meta,
        Err(d) => {
            // Report the versions' problems too: every problem of a run at once.
            diags.push(d);
            for file in &loaded.versions {
                match parse_version(file) {
                    Ok((_, d)) => diags.extend(d),
                    Err(d) => diags.push(d),
                }
            }
            return (None, diags);
        }
    };
    check_slug(loaded, meta_file, &meta, &mut diags);
    let mut versions = Vec::new();
    for file in &loaded.versions {
        match parse_version(file) {
            Ok((version, d)) => {
                diags.extend(d);
                versions.push(version);
            }
            Err(d) => diags.push(d),
        }
    }
    check_canonical(&meta_file.path, &meta, &versions, &mut diags);
    let doc = ParsedDocument {
        slug: loaded.slug.clone(),
        meta,
        meta_file: meta_file.path.clone(),
        versions,
    };
    (Some(doc), diags)
}

fn check_slug(
    loaded: &LoadedDocument,
    file: &LoadedFile,
    meta: &DocumentMeta,
    diags: &mut Vec<Diagnostic>,
) {
    let (key, name) = match (&meta.symbol, &meta.short_title) {
        (Some(s), _) => ("symbol", s),
        (None, Some(t)) => ("short_title", t),
        (None, None) => {
            let loc = Location {
                file: (&file.path).into(),
                line: 1,
                col: 1,
            };
            diags.push(
                Diagnostic::error(loc, "the document has neither `symbol` nor `short_title`")
                    .help("add the official symbol, or a short title where the document has none"),
            );
            return;
        }
    };
    let want = slugify(name);
    if let Err(e) = crate::ids::document_slug(&want) {
        diags.push(at_key(file, key, e).help(format!(
            "give the document a {key} whose slug is not a folder of the site (they are: {})",
            crate::ids::SITE_FOLDERS.join(", ")
        )));
    }
    if want != loaded.slug {
        let message = format!(
            "the folder is `{}` but the slug of {key} `{name}` is `{want}`",
            loaded.slug
        );
        let d = at_key(file, key, message).help(format!(
            "rename the folder to `{want}` (the folder name is the document's permanent URL)"
        ));
        diags.push(d);
    }
}

fn check_canonical(
    file: &Path,
    meta: &DocumentMeta,
    versions: &[ParsedVersion],
    diags: &mut Vec<Diagnostic>,
) {
    let loc = || Location {
        file: file.into(),
        line: 1,
        col: 1,
    };
    match (&meta.canonical, versions.is_empty()) {
        (None, false) => diags.push(
            Diagnostic::error(
                loc(),
                "the document has versions but no `canonical` version",
            )
            .help("add `canonical: <version id>` to say which version its main URL shows"),
        ),
        (Some(c), true) => diags.push(
            Diagnostic::error(
                loc(),
                format!("`canonical: {c}` names a version, but the folder has no version file"),
            )
            .help(format!(
                "add `{c}.md`, or remove `canonical` for a cited-only document"
            )),
        ),
        (Some(c), false) if !versions.iter().any(|v| &v.meta.id == c) => {
            let ids: Vec<_> = versions.iter().map(|v| v.meta.id.as_str()).collect();
            diags.push(
                Diagnostic::error(
                    loc(),
                    format!(
                        "`canonical: {c}` is not one of the versions ({})",
                        ids.join(", ")
                    ),
                )
                .help("name one of the version ids"),
            );
        }
        _ => {}
    }
}

/// Parses one version file.
fn parse_version(file: &LoadedFile) -> Result<(ParsedVersion, Vec<Diagnostic>), Diagnostic> {
    let split = frontmatter::split(&file.text, &file.path)?;
    let meta: VersionMeta =
        frontmatter::parse(split.yaml, &file.path, split.yaml_line, &file.text)?;
    let mut diags = Vec::new();
    let stem = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if meta.id != stem && crate::ids::version_id(&meta.id).is_ok() {
        let (line, col) = frontmatter::locate_key(split.yaml, "id", split.yaml_line);
        let loc = Location::new(&file.path, line, col);
        diags.push(
            Diagnostic::error(
                loc,
                format!(
                    "version id `{}` differs from the file name `{stem}.md`",
                    meta.id
                ),
            )
            .snippet(&file.text, 2)
            .help(format!(
                "name the file `{}.md` or set `id: {stem}`",
                meta.id
            )),
        );
    }
    let index = LineIndex::new(&file.text);
    let extracted = critic::extract(split.body);
    let mut found = Capped::default();
    for (offset, message) in &extracted.problems {
        found.push_with(|| {
            let loc = index.locate(&file.path, &file.text, split.body_offset + offset);
            Diagnostic::error(loc, message.clone())
                .snippet(&file.text, 3)
                .help("write `{~~source~>correction~~}`, `{--omitted--}` or `{>>comment<<}`")
        });
    }
    // One path for every location in the file: each block, footnote and note shares it.
    let shared = crate::model::FilePath::from(&file.path);
    let src = markdown::BodySource {
        file: &shared,
        file_text: &file.text,
        body_offset: split.body_offset,
        index: &index,
    };
    let body = markdown::parse_body(&extracted, &src);
    found.absorb(body.diagnostics);
    let notes = extracted
        .notes
        .into_iter()
        .map(|n| EditorialNote {
            kind: n.kind,
            comment: n.comment,
            location: index.locate(&shared, &file.text, split.body_offset + n.offset),
            anchor: String::new(),
        })
        .collect();
    let body_line = index.line_col(&file.text, split.body_offset).0;
    let version = ParsedVersion {
        meta,
        file: file.path.clone(),
        body_line,
        blocks: body.blocks,
        footnotes: body.footnotes,
        notes,
        markdown: crate::model::SourceText::new(&file.text),
    };
    check_footnotes(&version, &file.text, &mut found);
    validate::version(&version, &file.text, &mut found);
    diags.extend(found.finish());
    if version.blocks.is_empty() {
        let loc = Location::new(&file.path, body_line, 1);
        diags.push(Diagnostic::error(loc, "the version has no text").help("transcribe the text below the front matter, or delete the file for a cited-only document"));
    }
    Ok((version, diags))
}

/// An error at the YAML key `key` of `file`, with the key underlined.
fn at_key(file: &LoadedFile, key: &str, message: impl Into<String>) -> Diagnostic {
    let (line, col) = frontmatter::locate_key(&file.text, key, 1);
    let loc = Location::new(&file.path, line, col);
    Diagnostic::error(loc, message).snippet(&file.text, key.len())
}

fn check_base_url(file: &LoadedFile, site: &SiteMeta, diags: &mut Vec<Diagnostic>) {
    if let Err(e) = crate::ids::base_url(&site.base_url) {
        diags.push(
            at_key(file, "base_url", e).help(
                "write the address the site is published at, like `https://example.org/acquis`",
            ),
        );
    }
}

/// Every footnote reference needs a definition, and every definition a reference.
fn check_footnotes(version: &ParsedVersion, text: &str, diags: &mut Capped) {
    let mut referenced = BTreeSet::new();
    for block in &version.blocks {
        collect_refs(&block.content, &mut referenced);
        // pulldown-cmark leaves a reference to an undefined footnote as literal text.
        for label in undefined_refs(&block.content) {
            diags.push_with(|| {
                Diagnostic::error(
                    block.location.clone(),
                    format!("footnote `[^{label}]` is referenced but never defined"),
                )
                .snippet(text, 1)
                .help(format!(
                    "add a paragraph `[^{label}]: text` after the paragraph"
                ))
            });
        }
    }
    for f in &version.footnotes {
        if !referenced.contains(&f.label) {
            diags.push_with(|| {
                Diagnostic::warning(
                    f.location.clone(),
                    format!("footnote `{}` is defined but never referenced", f.label),
                )
                .snippet(text, 1)
                .help("put `[^label]` where the footnote mark is printed")
            });
        }
    }
}

static FOOTNOTE_TEXT: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\[\^([^\]\s]+)\]").expect("footnote pattern"));

/// Labels of `[^label]` left in the text: references whose footnote is not defined.
fn undefined_refs(content: &[Inline]) -> Vec<String> {
    let mut out = Vec::new();
    for inline in content {
        match inline {
            Inline::Text(t) => out.extend(FOOTNOTE_TEXT.captures_iter(t).map(|c| c[1].to_owned())),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => {
                out.extend(undefined_refs(c))
            }
            _ => {}
        }
    }
    out
}

fn collect_refs(content: &[Inline], out: &mut BTreeSet<String>) {
    for inline in content {
        match inline {
            Inline::FootnoteRef(l) => {
                out.insert(l.clone());
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => {
                collect_refs(c, out)
            }
            _ => {}
        }
    }
}
