//! Reads the content directory and the theme: the only stage that reads files.
//!
//! Problems with what an editor wrote (invalid UTF-8, a symlink leading out, a stray file) become
//! diagnostics; failures of the machine (an unreadable directory) become [`Error`].

use crate::diagnostics::Diagnostic;
use crate::model::Location;
use crate::Error;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Files larger than this are refused rather than parsed.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The anchor registry grows with the corpus (about 4 KB per document: 40 MB at 10,000
/// documents), which `acquis lock` writes and every build must read back: it has its own limit.
pub const MAX_REGISTRY_BYTES: u64 = 512 * 1024 * 1024;

/// One text file, with its path relative to the directory it was loaded from.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// Relative path.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// One document folder.
#[derive(Debug, Clone)]
pub struct LoadedDocument {
    /// Folder name.
    pub slug: String,
    /// `document.yaml`, if present.
    pub meta: Option<LoadedFile>,
    /// The version files (`*.md`), sorted by name.
    pub versions: Vec<LoadedFile>,
}

/// Everything `parse` needs from the content directory.
#[derive(Debug, Clone)]
pub struct LoadedContent {
    /// `site.yaml`, if present.
    pub site: Option<LoadedFile>,
    /// `external.yaml` (documents outside the OSCE), if present.
    pub external: Option<LoadedFile>,
    /// `citations.yaml` (the editors' rules for the citation resolver), if present.
    pub citations: Option<LoadedFile>,
    /// Document folders, sorted by name.
    pub documents: Vec<LoadedDocument>,
    /// Problems found while reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// The theme: templates by name, and static assets to copy.
#[derive(Debug, Clone)]
pub struct LoadedTheme {
    /// The theme directory, for messages.
    pub dir: PathBuf,
    /// Templates (`templates/*.html`), by file name.
    pub templates: Vec<LoadedFile>,
    /// Static files (`static/**`), by path relative to `static/`.
    pub assets: Vec<(PathBuf, Vec<u8>)>,
}

/// Folders at the top of `content/` that are not documents.
const NOT_DOCUMENTS: [&str; 1] = ["sources"];

/// Reads `content_dir`.
pub fn load_content(content_dir: &Path) -> Result<LoadedContent, Error> {
    let root = content_dir
        .canonicalize()
        .map_err(|e| Error::read(content_dir, e))?;
    let mut out = LoadedContent {
        site: None,
        external: None,
        citations: None,
        documents: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut entries: Vec<_> = fs::read_dir(&root)
        .map_err(|e| Error::read(&root, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| Error::read(&root, e))?;
    entries.sort_by_key(|e| e.file_name());
    // Each entry is read on its own, in parallel; results keep the sorted order.
    let loaded: Vec<(Entry, Vec<Diagnostic>)> = entries
        .par_iter()
        .map(|entry| {
            let mut diags = Vec::new();
            let loaded = load_entry(&root, entry, &mut diags)?;
            Ok((loaded, diags))
        })
        .collect::<Result<_, Error>>()?;
    for (entry, diags) in loaded {
        out.diagnostics.extend(diags);
        match entry {
            Entry::Document(doc) => out.documents.push(doc),
            Entry::Site(site) => out.site = site,
            Entry::External(file) => out.external = file,
            Entry::Citations(file) => out.citations = file,
            Entry::Other => {}
        }
    }
    if out.site.is_none() {
        let loc = Location {
            file: "site.yaml".into(),
            line: 0,
            col: 0,
        };
        out.diagnostics
            .push(Diagnostic::error(loc, "content/site.yaml is missing").help(
                "create it with title, base_url, language and description (see content/README.md)",
            ));
    }
    Ok(out)
}

/// The anchor registry's file name in the content directory.
pub const REGISTRY_FILE: &str = "anchors.lock";

/// Reads `content_dir/anchors.lock`, the anchor registry, if there is one; with the problems
/// found reading it.
pub fn load_registry(content_dir: &Path) -> Result<(Option<LoadedFile>, Vec<Diagnostic>), Error> {
    let root = content_dir
        .canonicalize()
        .map_err(|e| Error::read(content_dir, e))?;
    let path = root.join(REGISTRY_FILE);
    let mut diags = Vec::new();
    if fs::symlink_metadata(&path).is_err() || !inside(&root, &path, &mut diags) {
        return Ok((None, diags));
    }
    let file = read_text_within(&root, &path, MAX_REGISTRY_BYTES, &mut diags)?;
    Ok((file, diags))
}

/// What a top-level entry of the content directory holds.
enum Entry {
    Document(LoadedDocument),
    Site(Option<LoadedFile>),
    External(Option<LoadedFile>),
    Citations(Option<LoadedFile>),
    Other,
}

fn load_entry(
    root: &Path,
    entry: &fs::DirEntry,
    diags: &mut Vec<Diagnostic>,
) -> Result<Entry, Error> {
    let name = entry.file_name().to_string_lossy().into_owned();
    let path = entry.path();
    if !is_document_name(&name) {
        return Ok(Entry::Other);
    }
    if !inside(root, &path, diags) {
        return Ok(Entry::Other);
    }
    if path.is_dir() {
        Ok(Entry::Document(load_document(root, &path, &name, diags)?))
    } else if name == "site.yaml" {
        Ok(Entry::Site(read_text(root, &path, diags)?))
    } else if name == "external.yaml" {
        Ok(Entry::External(read_text(root, &path, diags)?))
    } else if name == "citations.yaml" {
        Ok(Entry::Citations(read_text(root, &path, diags)?))
    } else {
        Ok(Entry::Other)
    }
}

/// Reads one document folder of `content_dir` again, after an editor changed it: `None` when the
/// folder is gone (or is not a document folder), with the problems found while reading.
pub fn reload_document(
    content_dir: &Path,
    slug: &str,
) -> Result<(Option<LoadedDocument>, Vec<Diagnostic>), Error> {
    let root = content_dir
        .canonicalize()
        .map_err(|e| Error::read(content_dir, e))?;
    let path = root.join(slug);
    let mut diags = Vec::new();
    let is_document = is_document_name(slug) && path.is_dir();
    if !is_document || !inside(&root, &path, &mut diags) {
        return Ok((None, diags));
    }
    let doc = load_document(&root, &path, slug, &mut diags)?;
    Ok((Some(doc), diags))
}

/// Whether `name`, at the top of `content/`, is read as a document folder (when it is a folder).
pub fn is_document_name(name: &str) -> bool {
    !name.starts_with('.') && !NOT_DOCUMENTS.contains(&name)
}

fn load_document(
    root: &Path,
    dir: &Path,
    slug: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<LoadedDocument, Error> {
    let mut doc = LoadedDocument {
        slug: slug.to_owned(),
        meta: None,
        versions: Vec::new(),
    };
    for entry in WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| Error::read(dir, e.into()))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.ends_with(".draft") || !inside(root, path, diags) {
            continue;
        }
        if name == "document.yaml" {
            doc.meta = read_text(root, path, diags)?;
        } else if name.ends_with(".md") && path.is_file() {
            doc.versions.extend(read_text(root, path, diags)?);
        } else {
            let loc = Location {
                file: relative(root, path).into(),
                line: 0,
                col: 0,
            };
            diags.push(
                Diagnostic::warning(
                    loc,
                    format!("`{name}` is neither document.yaml nor a version file and is ignored"),
                )
                .help(
                    "move it out of the document folder, or name a version file `<version-id>.md`",
                ),
            );
        }
    }
    if doc.meta.is_none() {
        let loc = Location {
            file: relative(root, dir).into(),
            line: 0,
            col: 0,
        };
        diags.push(
            Diagnostic::error(
                loc,
                format!("document folder `{slug}` has no document.yaml"),
            )
            .help("add document.yaml with the document's metadata (see content/README.md)"),
        );
    }
    Ok(doc)
}

/// Refuses symlinks that lead outside the content directory.
fn inside(root: &Path, path: &Path, diags: &mut Vec<Diagnostic>) -> bool {
    let is_link = fs::symlink_metadata(path)
        .map(|m| m.file_type().is_symlink())
        .unwrap_or(false);
    if !is_link {
        return true;
    }
    let ok = path
        .canonicalize()
        .map(|t| t.starts_with(root))
        .unwrap_or(false);
    if !ok {
        let loc = Location {
            file: relative(root, path).into(),
            line: 0,
            col: 0,
        };
        diags.push(
            Diagnostic::error(
                loc,
                "this symlink leads outside the content directory and is refused",
            )
            .help("copy the file into content/ instead of linking to it"),
        );
    }
    ok
}

fn read_text(
    root: &Path,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<LoadedFile>, Error> {
    read_text_within(root, path, MAX_FILE_BYTES, diags)
}

fn read_text_within(
    root: &Path,
    path: &Path,
    limit: u64,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<LoadedFile>, Error> {
    let rel = relative(root, path);
    let size = fs::metadata(path).map_err(|e| Error::read(path, e))?.len();
    if size > limit {
        let loc = Location {
            file: rel.into(),
            line: 0,
            col: 0,
        };
        diags.push(
            Diagnostic::error(
                loc,
                format!("file is {size} bytes, more than the limit of {limit}"),
            )
            .help("split the text into several versions or documents"),
        );
        return Ok(None);
    }
    let bytes = fs::read(path).map_err(|e| Error::read(path, e))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(LoadedFile { path: rel, text })),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(&err.as_bytes()[..valid]);
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let loc = Location::new(&rel, line, col);
            let shown = String::from_utf8_lossy(err.as_bytes());
            diags.push(
                Diagnostic::error(loc, format!("invalid UTF-8 at byte {valid}"))
                    .snippet(&shown, 1)
                    .help("save the file as UTF-8 (an editor that saved it as Latin-1 or Windows-1252 leaves bytes like this one)"),
            );
            Ok(None)
        }
    }
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads the theme directory: `templates/*.html` and everything under `static/`.
pub fn load_theme(theme_dir: &Path) -> Result<LoadedTheme, Error> {
    let templates_dir = theme_dir.join("templates");
    if !templates_dir.is_dir() {
        let loc = Location {
            file: templates_dir.into(),
            line: 0,
            col: 0,
        };
        let d = Diagnostic::error(loc, "the theme has no templates/ directory").help(
            "give --theme the directory that holds templates/ and static/ (the default is themes/default)",
        );
        return Err(Error::Content(vec![d]));
    }
    let mut theme = LoadedTheme {
        dir: theme_dir.to_path_buf(),
        templates: Vec::new(),
        assets: Vec::new(),
    };
    for entry in WalkDir::new(&templates_dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::read(&templates_dir, e.into()))?;
        if entry.file_type().is_file() {
            let text =
                fs::read_to_string(entry.path()).map_err(|e| Error::read(entry.path(), e))?;
            theme.templates.push(LoadedFile {
                path: relative(&templates_dir, entry.path()),
                text,
            });
        }
    }
    let static_dir = theme_dir.join("static");
    if static_dir.is_dir() {
        for entry in WalkDir::new(&static_dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::read(&static_dir, e.into()))?;
            if entry.file_type().is_file() {
                let bytes = fs::read(entry.path()).map_err(|e| Error::read(entry.path(), e))?;
                theme
                    .assets
                    .push((relative(&static_dir, entry.path()), bytes));
            }
        }
    }
    Ok(theme)
}
