//! Links citations: recognises them in every paragraph and footnote of every version, resolves
//! them against the whole corpus, wraps them into [`Inline::Citation`]s, and reports every mention
//! that looks like a citation but does not resolve (unless `citations.yaml` accepts it).
//!
//! An editor overrides recognition with a Markdown link whose destination starts with `cite:`
//! (`[text](cite:pc-dec-557#annex.V.3.1)`, `[text](cite:external:untoc)`, `[text](cite:none)`),
//! followed by an editorial comment saying why (`{>>…<<}`); the words stay the official text's.

use super::provenance::{self, Found};
use super::splice::{flatten, splice};
use crate::cite::names::{normalise_space, Collision, Referent};
use crate::cite::{cues, Catalog};
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::model::{
    AcceptedUse, CitationRules, CiteTarget, Document, EditorialNote, Inline, Location, Node,
    NoteKind, Paragraph, ParagraphKind, RelationKind, SourceText, Version,
};
use std::ops::Range;
use std::path::PathBuf;

/// How much of a quotation's words must be those of the paragraph its number points at.
const QUOTE_MATCH: f64 = 0.6;

/// A mention that did not resolve: the diagnostic, and what `citations.yaml` can accept it by.
#[derive(Clone)]
pub(super) struct Issue {
    diag: Diagnostic,
    file: PathBuf,
    text: String,
}

/// Where the citing text is, for every citation found in it.
struct Place {
    anchor: String,
    citation: String,
    url: String,
    location: Location,
}

/// What every citation of one version shares.
struct Ctx<'a> {
    catalog: &'a Catalog,
    slug: &'a str,
    kind: &'a str,
    version: &'a str,
    canonical: bool,
    date: crate::model::PartialDate,
    file: &'a PathBuf,
    markdown: &'a SourceText,
    notes: &'a [EditorialNote],
    /// The file's text and its line starts, made on the first diagnostic that needs them.
    lines: std::sync::OnceLock<(String, LineIndex)>,
}

impl Ctx<'_> {
    /// The file's text and its line starts.
    fn text(&self) -> (&str, &LineIndex) {
        let (text, lines) = self.lines.get_or_init(|| {
            let text = self.markdown.text();
            let lines = LineIndex::new(&text);
            (text, lines)
        });
        (text, lines)
    }

    /// Where `needle` is written in the file, searching from the start of its paragraph; the
    /// paragraph's place if it cannot be found (a correction changed its words).
    fn locate(&self, from: &Location, needle: &str) -> Location {
        let (text, lines) = self.text();
        let start = lines.line_start(text, from.line as usize);
        let words: Vec<&str> = needle.split_whitespace().collect();
        match find_words(&text[start..], &words) {
            Some(at) => lines.locate(&from.file, text, start + at),
            None => from.clone(),
        }
    }

    fn url(&self, anchor: &str) -> String {
        if self.canonical {
            format!("{}/#{anchor}", self.slug)
        } else {
            format!("{}/{}/#{anchor}", self.slug, self.version)
        }
    }

    fn found(
        &self,
        place: &Place,
        target: CiteTarget,
        kind: RelationKind,
        snippet: String,
    ) -> Found {
        Found {
            doc: self.slug.to_owned(),
            version: self.version.to_owned(),
            canonical: self.canonical,
            date: self.date,
            anchor: place.anchor.clone(),
            url: place.url.clone(),
            citation: place.citation.clone(),
            snippet,
            target,
            kind,
        }
    }

    /// A citation of a text dated after this version, reported with both dates.
    fn anachronism(&self, target: &CiteTarget, at: &Location, text: &str) -> Option<Issue> {
        let message = provenance::anachronism(self.catalog, self.date, target)?;
        let loc = self.locate(at, text);
        let help = "check the citation, the date of this version (front matter `date:`) and the date in the cited document's document.yaml";
        Some(self.issue(loc, text, message, &[], help))
    }

    fn issue(
        &self,
        location: Location,
        text: &str,
        message: String,
        candidates: &[String],
        help: &str,
    ) -> Issue {
        let len = text.chars().count().min(80);
        let mut diag = Diagnostic::warning(location, message).snippet(self.text().0, len);
        let mut help = help.to_owned();
        if !candidates.is_empty() {
            help = format!("closest: {}; {help}", candidates.join("; "));
        }
        diag = diag.help(help);
        Issue {
            diag,
            file: self.file.clone(),
            text: normalise_space(text),
        }
    }
}

const UNRESOLVED_HELP: &str = "link it anyway with `[text](cite:slug#anchor){>>why<<}`, mark it as no citation with `[text](cite:none){>>why<<}`, or accept it with its reason in content/citations.yaml";

/// Links the citations of one document against the catalog of the corpus.
pub(super) fn link_document(catalog: &Catalog, doc: &mut Document) -> (Vec<Found>, Vec<Issue>) {
    let mut found = Vec::new();
    let mut issues = Vec::new();
    let slug = doc.slug.clone();
    let kind = doc.meta.kind.clone();
    let canonical = doc.meta.canonical.clone();
    let cite_name = doc.meta.cite_name().to_owned();
    for version in &mut doc.versions {
        let Version {
            meta,
            file,
            body,
            footnotes,
            notes,
            markdown,
            ..
        } = version;
        let ctx = Ctx {
            catalog,
            slug: &slug,
            kind: &kind,
            version: &meta.id,
            canonical: canonical.as_deref() == Some(meta.id.as_str()),
            date: meta.date,
            file,
            markdown,
            notes,
            lines: std::sync::OnceLock::new(),
        };
        let quoted = match meta.quotes.as_deref().map(|q| quoted_base(&ctx, q)) {
            Some(Err(issue)) => {
                issues.push(issue);
                None
            }
            Some(Ok(base)) => Some(base),
            None => None,
        };
        let mut last_roman = None;
        each_paragraph(body, &mut |p| {
            if let (Some(base), ParagraphKind::Quote) = (&quoted, p.kind) {
                match quote(&ctx, base, p, &mut last_roman) {
                    Some(Ok(f)) => found.push(f),
                    Some(Err(i)) => issues.push(i),
                    None => {}
                }
            }
            let place = Place {
                anchor: p.anchor.to_string(),
                citation: p.citation.to_string(),
                url: ctx.url(&p.anchor),
                location: p.location.clone(),
            };
            let (f, i) = link_content(&ctx, &mut p.content, &place);
            found.extend(f);
            issues.extend(i);
        });
        for note in footnotes.iter_mut() {
            let anchor = format!("fn-{}", note.label);
            let place = Place {
                url: ctx.url(&anchor),
                anchor,
                citation: format!("{cite_name}, footnote {}", note.label),
                location: note.location.clone(),
            };
            for para in &mut note.paragraphs {
                let (f, i) = link_content(&ctx, para, &place);
                found.extend(f);
                issues.extend(i);
            }
        }
    }
    (found, issues)
}

/// Visits every paragraph of a version, depth first.
fn each_paragraph(nodes: &mut [Node], f: &mut impl FnMut(&mut Paragraph)) {
    for node in nodes {
        match node {
            Node::Division(d) => each_paragraph(&mut d.children, f),
            Node::Paragraph(p) => {
                f(p);
                each_paragraph(&mut p.children, f);
            }
        }
    }
}

/// Recognises, resolves and links the citations of one run of inline text.
fn link_content(
    ctx: &Ctx<'_>,
    content: &mut Vec<Inline>,
    place: &Place,
) -> (Vec<Found>, Vec<Issue>) {
    let mut issues = Vec::new();
    let (forced, suppressed) = take_forced(ctx, content, place, &mut issues);
    let mut flat = flatten(content, ctx.notes);
    for range in suppressed {
        flat.blank(range);
    }
    // What a snippet quotes: every word, a forced link's included, at the flat text's offsets
    // (which blank links out); made once, and only for a run that cites something.
    let reading = std::cell::OnceCell::new();
    let reading = || reading.get_or_init(|| Inline::plain(content, ctx.notes));
    let mut found = Vec::new();
    for (index, target) in forced {
        let range = flat.range(index);
        let kind = cues::relation(&flat.text, range.clone(), ctx.kind);
        let text = Inline::plain(std::slice::from_ref(&content[index]), ctx.notes);
        issues.extend(ctx.anachronism(&target, &place.location, &text));
        found.push(ctx.found(place, target, kind, snippet(reading(), range)));
    }
    let mut spans: Vec<(Range<usize>, CiteTarget)> = Vec::new();
    let mut recent = Vec::new();
    for m in ctx.catalog.grammar.recognise(&flat.text) {
        let res = ctx.catalog.resolve(&flat.text, &m, &recent);
        recent.extend(res.referent.clone());
        let extent = m.extent();
        let text = &flat.text[extent.clone()];
        for p in &res.problems {
            let t = &flat.text[p.span.clone()];
            issues.push(ctx.issue(
                ctx.locate(&place.location, text),
                t,
                format!("unresolved citation: {}", p.message),
                &p.candidates,
                UNRESOLVED_HELP,
            ));
        }
        let kind = cues::relation(&flat.text, extent.clone(), ctx.kind);
        for (span, target) in res.links {
            if internal(&target, ctx.slug, &place.anchor) {
                continue;
            }
            let snip = snippet(reading(), span.clone());
            issues.extend(ctx.anachronism(&target, &place.location, text));
            found.push(ctx.found(place, target.clone(), kind, snip));
            spans.push((span, target));
        }
    }
    spans.sort_by_key(|(r, _)| r.start);
    let mut end = 0;
    spans.retain(|(r, _)| {
        let keep = r.start >= end;
        if keep {
            end = r.end;
        }
        keep
    });
    if !spans.is_empty() {
        *content = splice(std::mem::take(content), &flat, &spans);
    }
    // The text stays in memory until the site is written: no slack left from the forced links
    // and citations that grew it.
    content.shrink_to_fit();
    (found, issues)
}

/// A citation of the citing text itself (its own annex, or its own paragraphs) is no citation.
fn internal(target: &CiteTarget, slug: &str, para_anchor: &str) -> bool {
    let CiteTarget::Document {
        doc, page, anchor, ..
    } = target
    else {
        return false;
    };
    let head = |a: &str| a.split('.').next().unwrap_or("").to_owned();
    doc == slug
        || (page == slug
            && anchor
                .as_deref()
                .is_some_and(|a| head(a) == head(para_anchor) && head(a) == "annex"))
}

/// Turns the editor's `cite:` links of a run into citations (or, for `cite:none`, into plain
/// text); returns the index of each new citation with its target, and the indices of the words
/// that are no citation.
fn take_forced(
    ctx: &Ctx<'_>,
    content: &mut Vec<Inline>,
    place: &Place,
    issues: &mut Vec<Issue>,
) -> (Vec<(usize, CiteTarget)>, Vec<Range<usize>>) {
    let mut out = Vec::new();
    let mut suppressed = Vec::new();
    let mut result = Vec::with_capacity(content.len());
    let old = std::mem::take(content);
    let mut iter = old.into_iter().peekable();
    while let Some(inline) = iter.next() {
        let Inline::Link {
            dest,
            content: words,
        } = &inline
        else {
            result.push(inline);
            continue;
        };
        let Some(spec) = dest.strip_prefix("cite:") else {
            result.push(inline);
            continue;
        };
        let text = Inline::plain(words, ctx.notes);
        let loc = ctx.locate(&place.location, &text);
        let explained = matches!(iter.peek(), Some(Inline::Note(i)) if ctx.notes.get(*i).is_some_and(|n| n.kind == NoteKind::Comment || n.comment.is_some()));
        if !explained {
            issues.push(ctx.issue(loc.clone(), &text, format!("the link `cite:{spec}` overrides the citation resolver without saying why"), &[], "follow it with an editorial comment `{>>why<<}`, which readers see in the apparatus"));
        }
        match forced_target(ctx.catalog, spec) {
            Ok(None) => {
                let start = result.len();
                result.extend(words.iter().cloned());
                suppressed.push(start..result.len());
            }
            Ok(Some(target)) => {
                out.push((result.len(), target.clone()));
                result.push(Inline::Citation {
                    content: words.clone(),
                    target: Box::new(target),
                });
            }
            Err(message) => {
                let mut issue = ctx.issue(
                    loc,
                    &text,
                    message,
                    &[],
                    "write `cite:<document slug>#<anchor>`, `cite:external:<id>` or `cite:none`",
                );
                issue.diag.severity = crate::diagnostics::Severity::Error;
                issues.push(issue);
                result.extend(words.iter().cloned());
            }
        }
    }
    *content = result;
    (out, suppressed)
}

/// The target an editor forces: `none`, `external:<id>`, `<slug>` or `<slug>#<anchor>`.
fn forced_target(catalog: &Catalog, spec: &str) -> Result<Option<CiteTarget>, String> {
    if spec == "none" {
        return Ok(None);
    }
    if let Some(id) = spec.strip_prefix("external:") {
        let e = catalog
            .externals
            .get(id)
            .ok_or_else(|| format!("`cite:{spec}`: external.yaml has no document `{id}`"))?;
        return Ok(Some(CiteTarget::External {
            id: id.to_owned(),
            label: e.label.clone(),
        }));
    }
    let (slug, anchor) = match spec.split_once('#') {
        Some((s, a)) => (s, Some(a)),
        None => (spec, None),
    };
    let doc = catalog
        .docs
        .get(slug)
        .ok_or_else(|| format!("`cite:{spec}`: no document has the folder `{slug}`"))?;
    catalog
        .target(doc, anchor)
        .map(Some)
        .map_err(|why| format!("`cite:{spec}`: {why}"))
}

/// The document and anchor prefix a version's quotations quote (`quotes:` in its front matter).
fn quoted_base(ctx: &Ctx<'_>, quotes: &str) -> Result<(String, Option<String>), Issue> {
    let loc = || {
        let (text, lines) = ctx.text();
        let at = text.find("quotes:").unwrap_or(0);
        lines.locate(ctx.file, text, at)
    };
    match ctx.catalog.lookup(quotes) {
        Ok(a) => match a.target {
            CiteTarget::Document { doc, anchor, .. } => Ok((doc, anchor)),
            CiteTarget::External { .. } => Err(ctx.issue(
                loc(),
                quotes,
                format!("`quotes: {quotes}` names a document outside the OSCE"),
                &[],
                "name a document of the corpus, or a part of one",
            )),
        },
        Err(nf) => {
            let mut issue = ctx.issue(
                loc(),
                quotes,
                format!("`quotes: {quotes}`: {}", nf.message),
                &nf.candidates,
                "write a citation of the quoted text, as `acquis resolve` reads it",
            );
            issue.diag.severity = crate::diagnostics::Severity::Error;
            Err(issue)
        }
    }
}

/// The citation a quotation's number makes of the quoted text (`> III.9.1 The ODIHR …` in a
/// version that quotes the Action Plan). A number without its chapter (`7.2`) takes the chapter
/// of the quotation before it. The quoted words must be those of the paragraph the number
/// points at, or the number is reported as wrong.
fn quote(
    ctx: &Ctx<'_>,
    base: &(String, Option<String>),
    p: &mut Paragraph,
    last_roman: &mut Option<crate::model::ShortStr>,
) -> Option<Result<Found, Issue>> {
    let num = p.num.as_ref()?;
    let mut parts: Vec<crate::model::ShortStr> = num.parts().into_iter().map(Into::into).collect();
    let roman = |s: &str| !s.is_empty() && s.chars().all(|c| "IVXLC".contains(c));
    match parts.first() {
        Some(first) if roman(first) => *last_roman = Some(first.clone()),
        Some(_) => {
            parts.splice(0..0, last_roman.clone());
        }
        None => return None,
    }
    let mut anchor = base.1.clone().unwrap_or_default();
    for part in &parts {
        if !anchor.is_empty() {
            anchor.push('.');
        }
        anchor.push_str(part);
    }
    let doc = &ctx.catalog.docs[&base.0];
    let text = Inline::plain(&p.content, ctx.notes);
    let location = p.location.clone();
    let printed = num.printed.trim().to_owned();
    let page = ctx.catalog.page_of(doc, Some(&anchor));
    let target = match ctx.catalog.target(doc, Some(&anchor)) {
        Ok(t) => t,
        Err(why) => {
            let near = closest_words(page, base.1.as_deref(), &text);
            return Some(Err(ctx.issue(
                location,
                &printed,
                format!("unresolved quotation number `{printed}`: {why}"),
                &near,
                UNRESOLVED_HELP,
            )));
        }
    };
    let quoted = page.anchors.get(&anchor).map_or("", |i| i.text);
    if overlap(&text, quoted) < QUOTE_MATCH {
        let near = closest_words(page, base.1.as_deref(), &text);
        let citation = page
            .anchors
            .get(&anchor)
            .map_or(anchor.clone(), |i| i.citation.to_owned());
        return Some(Err(ctx.issue(
            location,
            &printed,
            format!("the words quoted under `{printed}` are not those of {citation}"),
            &near,
            UNRESOLVED_HELP,
        )));
    }
    p.quoted = Some(Box::new(target.clone()));
    let place = Place {
        anchor: p.anchor.to_string(),
        citation: p.citation.to_string(),
        url: ctx.url(&p.anchor),
        location: location.clone(),
    };
    let kind = if ctx.kind == "report" {
        RelationKind::ReportsOn
    } else {
        RelationKind::Cites
    };
    if let Some(issue) = ctx.anachronism(&target, &location, &printed) {
        return Some(Err(issue));
    }
    Some(Ok(ctx.found(&place, target, kind, short(&text))))
}

/// How many of the quotation's words (lower case, letters and digits only, a plural `s` aside)
/// the paragraph has: 1 when all of them.
fn overlap(quote: &str, paragraph: &str) -> f64 {
    let words = |s: &str| -> std::collections::HashSet<String> {
        s.split_whitespace()
            .map(|w| {
                let w: String = w
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect();
                w.strip_suffix('s').map(str::to_owned).unwrap_or(w)
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let q = words(quote);
    if q.is_empty() {
        return 1.0;
    }
    let p = words(paragraph);
    q.intersection(&p).count() as f64 / q.len() as f64
}

/// The paragraphs under `prefix` of `page` whose words best match `text`.
fn closest_words(page: &crate::cite::DocEntry, prefix: Option<&str>, text: &str) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = page
        .anchors
        .iter()
        .filter(|a| prefix.is_none_or(|p| a.anchor.starts_with(p)))
        .map(|a| (overlap(text, a.text), a.citation))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(2)
        .filter(|(s, _)| *s >= QUOTE_MATCH)
        .map(|(_, citation)| citation.to_owned())
        .collect()
}

/// A few words of context around `span`.
fn snippet(text: &str, span: Range<usize>) -> String {
    const AROUND: usize = 70;
    let mut start = span.start.saturating_sub(AROUND);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if start > 0 {
        start = text[start..span.start]
            .find(' ')
            .map_or(start, |i| start + i + 1);
    }
    let mut end = (span.end + AROUND).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len() {
        end = text[span.end..end].rfind(' ').map_or(end, |i| span.end + i);
    }
    let lead = if start > 0 { "… " } else { "" };
    let tail = if end < text.len() { " …" } else { "" };
    format!("{lead}{}{tail}", normalise_space(&text[start..end]))
}

fn short(text: &str) -> String {
    snippet(text, 0..0)
}

/// Where `words` first follow one another in `text`, separated by white space or a blockquote's
/// `>` (a quotation's words run over the lines of a Markdown block quote).
fn find_words(text: &str, words: &[&str]) -> Option<usize> {
    let (first, rest) = words.split_first()?;
    let mut from = 0;
    while let Some(i) = text[from..].find(first) {
        let at = from + i;
        let mut end = at + first.len();
        let follows = rest.iter().all(|word| {
            let tail = &text[end..];
            let next = tail.trim_start_matches(|c: char| c.is_whitespace() || c == '>');
            let gap = tail.len() - next.len();
            let ok = gap > 0 && next.starts_with(word);
            end += gap + word.len();
            ok
        });
        if follows {
            return Some(at);
        }
        from = at + first.len();
    }
    None
}

/// Accepts the issues `citations.yaml` lists; reports the others, and the accepted entries that
/// no longer match anything.
pub(super) fn triage(
    issues: Vec<Issue>,
    rules: &CitationRules,
) -> (Vec<AcceptedUse>, Vec<Diagnostic>) {
    let mut used = vec![false; rules.accepted.len()];
    let mut accepted = Vec::new();
    let mut diags = Vec::new();
    for issue in issues {
        let hit = rules
            .accepted
            .iter()
            .position(|a| a.file == issue.file && normalise_space(&a.text) == issue.text);
        match hit {
            Some(i) if !issue.diag.is_error() => {
                used[i] = true;
                accepted.push(AcceptedUse {
                    location: issue.diag.location.clone(),
                    text: issue.text,
                    reason: rules.accepted[i].reason.clone(),
                });
            }
            _ => diags.push(issue.diag),
        }
    }
    for (a, used) in rules.accepted.iter().zip(used) {
        if !used {
            let loc = Location {
                file: "citations.yaml".into(),
                line: 0,
                col: 0,
            };
            diags.push(
                Diagnostic::warning(
                    loc,
                    format!(
                        "the accepted exception `{}` in {} matches no unresolved citation",
                        a.text,
                        a.file.display()
                    ),
                )
                .help("remove it: the citation resolves now, or its text changed"),
            );
        }
    }
    accepted.sort_by(|a, b| {
        (&a.location.file, a.location.line, a.location.col).cmp(&(
            &b.location.file,
            b.location.line,
            b.location.col,
        ))
    });
    (accepted, diags)
}

/// A name claimed by two referents, unless both are whole documents (which `resolve` reports
/// already, case-insensitively).
pub(super) fn collision_diagnostics(
    collisions: &[Collision],
    documents: &[Document],
) -> Vec<Diagnostic> {
    let file_of = |r: &Referent| -> PathBuf {
        match r {
            Referent::Document { slug, .. } => documents
                .iter()
                .find(|d| &d.slug == slug)
                .map_or_else(|| PathBuf::from(slug), |d| d.meta_file.clone()),
            Referent::External { .. } => "external.yaml".into(),
            Referent::NotACitation => "citations.yaml".into(),
        }
    };
    collisions
        .iter()
        .filter(|c| {
            !matches!(
                (&c.first, &c.second),
                (
                    Referent::Document { part: None, .. },
                    Referent::Document { part: None, .. }
                )
            )
        })
        .map(|c| {
            let loc = |r: &Referent| Location {
                file: file_of(r).into(),
                line: 0,
                col: 0,
            };
            Diagnostic::error(
                loc(&c.second),
                format!("the name `{}` is claimed twice", c.name),
            )
            .related(loc(&c.first), "also claimed here")
            .help("a name must cite one document: remove it from one of them")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::find_words;

    #[test]
    fn words_are_found_in_order_across_line_breaks_and_quote_marks() {
        let text = "see the\n> Decision No. 557 of the Council";
        assert_eq!(find_words(text, &["Decision", "No.", "557"]), Some(10));
        assert_eq!(find_words(text, &["the", "Decision"]), Some(4));
        assert_eq!(find_words(text, &["the", "Council"]), Some(30));
        assert_eq!(find_words(text, &["Decision", "No.557"]), None);
        assert_eq!(find_words("a-b c", &["a", "b"]), None);
        assert_eq!(find_words(text, &[]), None);
    }
}
