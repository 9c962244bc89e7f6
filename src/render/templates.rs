//! The theme's Tera templates: loading, rendering, and template errors as diagnostics.

use super::Common;
use crate::diagnostics::Diagnostic;
use crate::load::LoadedTheme;
use crate::model::Location;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Templates every theme must provide.
pub const REQUIRED: [&str; 20] = [
    "base.html",
    "home.html",
    "home_entries.html",
    "documents.html",
    "documents_by_body.html",
    "documents_by_year.html",
    "version.html",
    "cited.html",
    "notes.html",
    "retired.html",
    "timeline.html",
    "timeline_entries.html",
    "cite.html",
    "diff.html",
    "concordance.html",
    "quotations.html",
    "compare.html",
    "source.html",
    "data.html",
    "search.html",
];

/// What a version page of the default theme weighs, about: the first size of a page's buffer.
const PAGE_BYTES: usize = 32 * 1024;

/// How many items of a long list one template value holds ([`Theme::render_batched`]).
const BATCH: usize = 256;

/// A compiled theme.
pub struct Theme<'a> {
    tera: tera::Tera,
    loaded: &'a LoadedTheme,
}

impl<'a> Theme<'a> {
    /// Compiles the templates; every syntax error and missing template is reported.
    pub fn new(loaded: &'a LoadedTheme) -> Result<Self, Vec<Diagnostic>> {
        let mut tera = tera::Tera::new();
        let mut diags = Vec::new();
        for name in REQUIRED {
            if !loaded
                .templates
                .iter()
                .any(|t| t.path == std::path::Path::new(name))
            {
                let loc = Location {
                    file: loaded.dir.join("templates").join(name).into(),
                    line: 0,
                    col: 0,
                };
                diags.push(
                    Diagnostic::error(loc, format!("the theme has no template `{name}`")).help(
                        format!(
                        "add templates/{name} to the theme (themes/default has one to start from)"
                    ),
                    ),
                );
            }
        }
        let templates = loaded
            .templates
            .iter()
            .map(|t| (t.path.to_string_lossy().into_owned(), t.text.as_str()));
        if let Err(err) = tera.add_raw_templates(templates) {
            match build_errors(loaded, &err) {
                Some(located) => diags.extend(located),
                None => diags.push(template_error(loaded, &err)),
            }
        }
        if diags.is_empty() {
            Ok(Theme { tera, loaded })
        } else {
            Err(diags)
        }
    }

    /// Renders `name` with the common context and the page's own view under `page`. A view
    /// given by value is dropped once it is made into a template value, before the page is
    /// rendered: a corpus-wide page's view (the timeline's, at 10,000 documents) is large.
    pub fn render<T: Serialize>(
        &self,
        name: &str,
        common: &Common<'_>,
        page: T,
    ) -> Result<Vec<u8>, Diagnostic> {
        self.render_sized(name, common, page, PAGE_BYTES)
    }

    /// [`Theme::render`] into a buffer of `bytes` to start with: a page known to be large (the
    /// timeline, 9 MB at 10,000 documents) would otherwise grow its buffer by doubling, holding
    /// the old and the new one at each step.
    pub fn render_sized<T: Serialize>(
        &self,
        name: &str,
        common: &Common<'_>,
        page: T,
        bytes: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let value = tera::Value::from_serializable(&page);
        drop(page);
        self.render_into(name, common, value, Vec::with_capacity(bytes))
    }

    /// Renders a long list a batch at a time through `name`, a template that prints the items
    /// of `page.entries`, and returns the HTML for a page's template to place: one template value
    /// for every item of a corpus-wide list (every document, at 10,000 documents) was the
    /// largest allocation of a build.
    ///
    /// Each batch renders straight into the list's buffer, which is sized after the first batch
    /// for the whole list (its bytes per item times the items, and half as much again for
    /// longer items later: pages of a buffer never written are not resident): a buffer grown by
    /// doubling holds the old and the new one at each step, and the timeline's lanes are
    /// megabytes.
    pub fn render_batched<T: Serialize>(
        &self,
        name: &str,
        common: &Common<'_>,
        items: &[T],
    ) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Batch<'a, T> {
            entries: &'a [T],
        }
        let mut html = Vec::new();
        for (i, entries) in items.chunks(BATCH).enumerate() {
            let value = tera::Value::from_serializable(&Batch { entries });
            html = self.render_into(name, common, value, html)?;
            if i == 0 && items.len() > entries.len() {
                let per_item = html.len().div_ceil(entries.len());
                html.reserve(per_item * (items.len() - entries.len()) * 3 / 2);
            }
        }
        Ok(String::from_utf8(html).expect("templates render UTF-8"))
    }

    /// Renders `name` with the common context and the page's own view under `page`, already
    /// made into a template value: a page written at two paths (a document's main page and its
    /// version page) is made once. The value is moved into the context, not copied.
    /// The HTML goes into a buffer sized for a typical page, not grown from nothing.
    pub fn render_value(
        &self,
        name: &str,
        common: &Common<'_>,
        page: tera::Value,
    ) -> Result<Vec<u8>, Diagnostic> {
        self.render_into(name, common, page, Vec::with_capacity(PAGE_BYTES))
    }

    fn render_into(
        &self,
        name: &str,
        common: &Common<'_>,
        page: tera::Value,
        mut html: Vec<u8>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = tera::Context::new();
        ctx.insert("site", common.site);
        ctx.insert("root", &common.root);
        ctx.insert("page_path", &common.page_path);
        ctx.insert_value("page", page);
        self.tera
            .render_to(name, &ctx, &mut html)
            .map_err(|e| template_error(self.loaded, &e))?;
        Ok(html)
    }

    /// The static assets to copy.
    pub fn assets(&self) -> impl Iterator<Item = &(PathBuf, Vec<u8>)> {
        self.loaded.assets.iter()
    }
}

fn template_error(loaded: &LoadedTheme, err: &tera::Error) -> Diagnostic {
    let templates = loaded.dir.join("templates");
    if let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) =
        err.kind()
    {
        return located_template_error(loaded, &templates, report);
    }
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        message.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    let loc = Location {
        file: templates.into(),
        line: 0,
        col: 0,
    };
    Diagnostic::error(loc, format!("template error: {message}")).help(TEMPLATE_HELP)
}

static REPORT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?m)^error: (?P<msg>.*)\n\s*--> (?P<file>[^\s:]+):(?P<line>\d+):(?P<col>\d+)",
    )
    .expect("tera report pattern")
});

/// Tera reports problems found while linking templates (an include of an unknown template) as
/// text it has already formatted; each `error: ... --> file:line:col` becomes a diagnostic at
/// that place. `None` when the text is not in that form.
fn build_errors(loaded: &LoadedTheme, err: &tera::Error) -> Option<Vec<Diagnostic>> {
    let tera::ErrorKind::Msg(text) = err.kind() else {
        return None;
    };
    let templates = loaded.dir.join("templates");
    let found: Vec<Diagnostic> = REPORT
        .captures_iter(text)
        .map(|c| {
            let loc = Location {
                file: templates.join(&c["file"]).into(),
                line: c["line"].parse().unwrap_or(0),
                col: c["col"].parse().unwrap_or(0),
            };
            let d = Diagnostic::error(loc, format!("template error: {}", &c["msg"]))
                .help("add the template to the theme, or correct its name");
            match loaded
                .templates
                .iter()
                .find(|t| t.path == Path::new(&c["file"]))
            {
                Some(t) => d.snippet(&t.text, 1),
                None => d,
            }
        })
        .collect();
    (!found.is_empty()).then_some(found)
}

const TEMPLATE_HELP: &str =
    "fix the template; templates must only use the fields of the page views (src/render/views.rs)";

/// A syntax or rendering error that Tera places in a template: shown at its line and column.
fn located_template_error(
    loaded: &LoadedTheme,
    templates: &std::path::Path,
    report: &tera::ReportError,
) -> Diagnostic {
    let span = report.span();
    let loc = Location::new(
        templates.join(report.filename()),
        span.start_line,
        span.start_col + 1,
    );
    let len = match span.end_line == span.start_line {
        true => span.end_col.saturating_sub(span.start_col),
        false => 1,
    };
    let d =
        Diagnostic::error(loc, format!("template error: {}", report.message())).help(TEMPLATE_HELP);
    match loaded
        .templates
        .iter()
        .find(|t| t.path == std::path::Path::new(report.filename()))
    {
        Some(t) => d.snippet(&t.text, len),
        None => d,
    }
}
