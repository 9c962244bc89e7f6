//! Anchors are a promise: compares the resolved corpus with the anchor registry
//! (`content/anchors.lock`) and computes the registry's next state for `acquis lock`.
//!
//! A build that would drop a registered anchor fails, naming it, unless the registry says where
//! it went (`moved`: a redirect) or that it was withdrawn (`withdrawn`: a tombstone that keeps
//! what it was). Anchors not yet registered, and registered anchors that now hold another
//! paragraph, are warnings: `--deny-warnings` keeps the committed lock file complete.

mod format;
mod update;

pub use format::to_lock_text;
pub use update::{lock, LockOutcome};

use crate::diagnostics::Diagnostic;
use crate::model::{
    AnchorRegistry, Corpus, Document, Inline, Location, Node, RegisteredAnchor, RegisteredPage,
    ShortStr, Version,
};
use crate::parse::registry::{is_site_target, parse_target, Target};
use indexmap::IndexMap;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

/// How many words of a paragraph or heading the registry keeps beside its anchor.
pub const WORDS: usize = 8;

/// How many anchors a message lists before "and N more".
const LISTED: usize = 8;

/// The anchors a version publishes, in document order, each with its permanent id and words.
pub fn published(version: &Version) -> IndexMap<ShortStr, RegisteredAnchor> {
    let mut out = IndexMap::new();
    crate::resolve::walk(&version.body, &mut |node| {
        let (anchor, entry) = match node {
            Node::Division(d) => {
                let num = d.num.as_ref().map(|n| n.printed.as_str()).unwrap_or("");
                let text = format!("{num} {}", Inline::plain(&d.heading, &version.notes));
                let entry = RegisteredAnchor {
                    pid: None,
                    words: first_words(&text).into(),
                };
                (&d.anchor, entry)
            }
            Node::Paragraph(p) => {
                let entry = RegisteredAnchor {
                    pid: Some(p.pid.clone()),
                    words: first_words(&Inline::plain(&p.content, &version.notes)).into(),
                };
                (&p.anchor, entry)
            }
        };
        out.insert(anchor.clone(), entry);
    });
    out
}

/// The anchors a page publishes, in document order, each with its paragraph's permanent id
/// (`None` for a heading), borrowed from the corpus: what checking the registry reads. The
/// words that [`published`] adds are for the lock file; making them for every paragraph of a
/// large corpus at every build cost more than the check itself.
pub type Live<'c> = IndexMap<&'c str, Option<&'c str>>;

/// The anchors `version` publishes, as [`Live`] (the same anchors, in the same order, as
/// [`published`]).
pub fn live(version: &Version) -> Live<'_> {
    let mut out = IndexMap::new();
    crate::resolve::walk(&version.body, &mut |node| match node {
        Node::Division(d) => {
            out.insert(d.anchor.as_str(), None);
        }
        Node::Paragraph(p) => {
            out.insert(p.anchor.as_str(), Some(p.pid.as_str()));
        }
    });
    out
}

/// The first [`WORDS`] words, with `…` when there are more.
pub fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words
        .iter()
        .take(WORDS)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > WORDS {
        out.push_str(" …");
    }
    out
}

/// What the corpus publishes now: the anchors of each version page (collected when first
/// asked for, so that checking a few documents does not collect the anchors of all), and each
/// document's main version.
pub struct Published<'c> {
    /// The versions of each document, by slug and version id, with their anchors once collected.
    versions: HashMap<&'c str, Vec<Page<'c>>>,
    /// The canonical version of each document with text.
    pub canonical: HashMap<&'c str, &'c str>,
}

/// A version page: its id, the version, and its anchors once collected.
type Page<'c> = (&'c str, &'c Version, OnceLock<Live<'c>>);

impl<'c> Published<'c> {
    /// What `corpus` publishes.
    pub fn of(corpus: &'c Corpus) -> Self {
        let mut versions = HashMap::new();
        let mut canonical = HashMap::new();
        for doc in &corpus.documents {
            let pages = doc
                .versions
                .iter()
                .map(|v| (v.meta.id.as_str(), v, OnceLock::new()))
                .collect();
            versions.insert(doc.slug.as_str(), pages);
            if let Some(c) = doc.canonical() {
                canonical.insert(doc.slug.as_str(), c.meta.id.as_str());
            }
        }
        Published {
            versions,
            canonical,
        }
    }

    /// The anchors of a page: a version page, or (`version` = None) a document's main page.
    pub fn page(&self, slug: &str, version: Option<&str>) -> Option<&Live<'c>> {
        let version = match version {
            Some(v) => v,
            None => self.canonical.get(slug)?,
        };
        let (_, v, anchors) = self
            .versions
            .get(slug)?
            .iter()
            .find(|(id, ..)| *id == version)?;
        Some(anchors.get_or_init(|| live(v)))
    }
}

/// Where each permanent id stands on a page: `pid → anchor`.
pub fn pid_index<'c>(anchors: &Live<'c>) -> HashMap<&'c str, &'c str> {
    anchors
        .iter()
        .rev()
        .filter_map(|(a, pid)| Some(((*pid)?, *a)))
        .collect()
}

/// Checks the corpus against the registry (`None`: there is no lock file yet).
pub fn check(corpus: &Corpus, registry: Option<&AnchorRegistry>) -> Vec<Diagnostic> {
    let Some(registry) = registry else {
        let loc = Location {
            file: crate::load::REGISTRY_FILE.into(),
            line: 0,
            col: 0,
        };
        return vec![Diagnostic::warning(
            loc,
            "there is no anchor registry: nothing keeps published anchors from breaking",
        )
        .help("run `acquis lock` to write content/anchors.lock, and commit it")];
    };
    let now = Published::of(corpus);
    // Document by document, in parallel; the problems in the order a single pass finds them.
    let checker = || Checker {
        registry,
        now: &now,
        diags: Vec::new(),
    };
    let mut diags: Vec<Diagnostic> = registry
        .documents
        .par_iter()
        .flat_map_iter(|(slug, _)| {
            let mut c = checker();
            c.registered(slug);
            c.diags
        })
        .collect();
    diags.par_extend(corpus.documents.par_iter().flat_map_iter(|doc| {
        let mut c = checker();
        c.unregistered(doc);
        c.diags
    }));
    diags
}

/// What [`check`] reports of the documents `slugs` alone, by document: what an incremental
/// rebuild checks again after an edit of those documents (with [`dependents`]).
pub fn check_documents(
    corpus: &Corpus,
    registry: &AnchorRegistry,
    slugs: &BTreeSet<String>,
) -> BTreeMap<String, Vec<Diagnostic>> {
    let now = Published::of(corpus);
    let mut out = BTreeMap::new();
    for slug in slugs {
        let mut c = Checker {
            registry,
            now: &now,
            diags: Vec::new(),
        };
        if registry.documents.contains_key(slug) {
            c.registered(slug);
        }
        if let Ok(i) = corpus
            .documents
            .binary_search_by(|d| d.slug.as_str().cmp(slug))
        {
            c.unregistered(&corpus.documents[i]);
        }
        out.insert(slug.clone(), c.diags);
    }
    out
}

/// For each document, the registered documents whose redirects and tombstones lead into it:
/// their check reads its anchors, so an edit of it checks them again.
pub fn dependents(registry: &AnchorRegistry) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (slug, doc) in &registry.documents {
        for page in doc.pages.values().chain(std::iter::once(&doc.main)) {
            let redirects = page.moved.values().map(String::as_str);
            let readable = page.withdrawn.values().filter_map(|t| t.read_at.as_deref());
            for target in redirects.chain(readable) {
                if let Ok(Target {
                    slug: Some(other), ..
                }) = parse_target(target)
                {
                    out.entry(other.to_owned())
                        .or_default()
                        .insert(slug.clone());
                }
            }
        }
    }
    out
}

struct Checker<'a> {
    registry: &'a AnchorRegistry,
    now: &'a Published<'a>,
    diags: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// The place of an entry in the lock file: its key, at the start of its line.
    fn at(&self, slug: &str, page: &str, anchor: &str) -> Location {
        let lines = &self.registry.lines;
        let line = lines.line(slug, page, anchor);
        let text = lines
            .text()
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("");
        Location::new(&lines.file, line, text.len() - text.trim_start().len() + 1)
    }

    /// How many characters the key at `loc` takes, to underline it.
    fn key_len(&self, loc: &Location) -> usize {
        let text = self.registry.lines.text();
        let line = text
            .lines()
            .nth((loc.line as usize).saturating_sub(1))
            .unwrap_or("");
        let key = line.trim_start();
        key.find(':').unwrap_or(key.len())
    }

    fn error(&mut self, loc: Location, message: String, help: String) {
        let len = self.key_len(&loc);
        let text = self.registry.lines.text();
        self.diags.push(
            Diagnostic::error(loc, message)
                .snippet(text, len)
                .help(help),
        );
    }

    fn warning(&mut self, loc: Location, message: String, help: &str) {
        let len = self.key_len(&loc);
        let text = self.registry.lines.text();
        self.diags.push(
            Diagnostic::warning(loc, message)
                .snippet(text, len)
                .help(help),
        );
    }

    /// One version page: no registered anchor dropped, no anchor silently renumbered, every
    /// redirect leading somewhere.
    fn page(&mut self, slug: &str, version: &str, page: &RegisteredPage) {
        let url = format!("{slug}/{version}/");
        let Some(live) = self.now.page(slug, Some(version)) else {
            return self.page_gone(slug, version, page);
        };
        let pids = pid_index(live);
        let dropped: Vec<(&ShortStr, &RegisteredAnchor)> = page
            .anchors
            .iter()
            .filter(|(a, _)| !live.contains_key(a.as_str()) && !page.retires(a))
            .collect();
        if dropped.len() > crate::diagnostics::MAX_PER_FILE {
            let names: Vec<&str> = dropped.iter().map(|(a, _)| a.as_str()).collect();
            let loc = self.at(slug, version, names[0]);
            return self.error(
                loc,
                format!("the build would drop {} registered anchors of `{url}`: {}", names.len(), listed(&names)),
                "restore them; or run `acquis lock` (it redirects those whose paragraph moved) and `acquis lock --withdraw` to keep a tombstone for the others".into(),
            );
        }
        for (anchor, entry) in dropped {
            let moved_to = entry.pid.as_deref().and_then(|p| pids.get(p));
            let help = match moved_to {
                Some(b) => format!("its paragraph is now `{b}`: if that is deliberate, run `acquis lock`, which redirects `{anchor}` to `{b}`"),
                None => format!("restore it; or say where it went: add `\"{anchor}\": <new anchor>` under `moved:` of this page in content/anchors.lock, or run `acquis lock --withdraw` to keep a tombstone"),
            };
            let loc = self.at(slug, version, anchor);
            self.error(
                loc,
                format!(
                    "the build would drop the registered anchor `{url}#{anchor}` (“{}”)",
                    entry.words
                ),
                help,
            );
        }
        self.renumbered(slug, version, page, live);
        self.retired(slug, Some(version), page, live);
    }

    fn page_gone(&mut self, slug: &str, version: &str, page: &RegisteredPage) {
        let dropped: Vec<&str> = page
            .anchors
            .keys()
            .filter(|a| !page.retires(a))
            .map(ShortStr::as_str)
            .collect();
        if dropped.is_empty() {
            return self.retired_targets(slug, Some(version), page, &IndexMap::new());
        }
        let loc = self.at(slug, version, "");
        self.error(
            loc,
            format!(
                "the page `{slug}/{version}/` is gone, and with it {} registered anchors: {}",
                dropped.len(),
                listed(&dropped)
            ),
            "restore the version; or run `acquis lock --withdraw` to keep a tombstone for each anchor, or add `moved:` entries in content/anchors.lock".into(),
        );
    }

    /// A registered anchor that now holds another paragraph, while its own paragraph stands at
    /// another anchor: the numbering shifted.
    fn renumbered(&mut self, slug: &str, version: &str, page: &RegisteredPage, live: &Live<'_>) {
        let pids = pid_index(live);
        let shifted: Vec<String> = page
            .anchors
            .iter()
            .filter_map(|(a, e)| {
                let pid = e.pid.as_deref()?;
                let now = live.get(a.as_str())?;
                if *now == Some(pid) {
                    return None;
                }
                let b = pids.get(pid)?;
                Some(format!("`{a}` (its paragraph is now `{b}`)"))
            })
            .collect();
        if shifted.is_empty() {
            return;
        }
        let loc = self.at(slug, version, "");
        let shown: Vec<&str> = shifted.iter().map(String::as_str).collect();
        self.warning(
            loc,
            format!(
                "{} registered anchors of `{slug}/{version}/` now hold other paragraphs: {}",
                shifted.len(),
                listed(&shown)
            ),
            "links published with these anchors now open other paragraphs: check the numbering; if the change is deliberate, run `acquis lock`",
        );
    }

    /// Redirects and tombstones of a page: not shadowing a live anchor, leading somewhere.
    fn retired(
        &mut self,
        slug: &str,
        version: Option<&str>,
        page: &RegisteredPage,
        live: &Live<'_>,
    ) {
        let page_id = version.unwrap_or("");
        let back: Vec<&str> = page
            .moved
            .keys()
            .chain(page.withdrawn.keys())
            .filter(|a| live.contains_key(a.as_str()))
            .map(String::as_str)
            .collect();
        if !back.is_empty() {
            let loc = self.at(slug, page_id, back[0]);
            self.warning(
                loc,
                format!(
                    "anchors registered as moved or withdrawn are published again: {}",
                    listed(&back)
                ),
                "run `acquis lock`: it removes their redirects and tombstones",
            );
        }
        self.retired_targets(slug, version, page, live);
    }

    /// Redirects and tombstones (of anchors not published again) must lead somewhere.
    fn retired_targets(
        &mut self,
        slug: &str,
        version: Option<&str>,
        page: &RegisteredPage,
        live: &Live<'_>,
    ) {
        let page_id = version.unwrap_or("");
        let redirects = page.moved.iter().map(|(a, t)| (a, t.as_str()));
        let readable = page.withdrawn.iter().filter_map(|(a, t)| {
            t.read_at
                .as_deref()
                .filter(|r| is_site_target(r))
                .map(|r| (a, r))
        });
        let broken: Vec<(String, String)> = redirects
            .chain(readable)
            .filter(|(a, _)| !live.contains_key(a.as_str()))
            .filter(|(_, target)| !self.resolves(slug, version, target))
            .map(|(a, t)| (a.clone(), t.to_owned()))
            .collect();
        for (anchor, target) in broken {
            let loc = self.at(slug, page_id, &anchor);
            self.error(
                loc,
                format!("the registry sends `{anchor}` of `{slug}/{page_id}` to `{target}`, which the site does not publish"),
                "point it at a published anchor: `anchor` on the same page, `slug#anchor` or `slug/version#anchor`".into(),
            );
        }
    }

    /// Whether a target leads to a published, moved or withdrawn anchor (chains are followed by
    /// the pages themselves).
    fn resolves(&self, slug: &str, version: Option<&str>, target: &str) -> bool {
        let Ok(t) = parse_target(target) else {
            return false;
        };
        let (slug, version) = match t.slug {
            Some(s) => (s, t.version),
            None => (slug, version),
        };
        let live = self
            .now
            .page(slug, version)
            .is_some_and(|p| p.contains_key(t.anchor));
        let doc = self.registry.documents.get(slug);
        let retired = doc.is_some_and(|d| {
            let page = match version {
                Some(v) => d.pages.get(v),
                None => Some(&d.main),
            };
            page.is_some_and(|p| p.retires(t.anchor))
        });
        live || retired
    }

    /// The main URL `slug/` promises the anchors of the version it showed when the registry was
    /// written; when the main version changes, each of them must still be found there.
    fn main_page(&mut self, slug: &str) {
        let Some(doc) = self.registry.documents.get(slug) else {
            return;
        };
        let live_main = self.now.page(slug, None);
        let empty = IndexMap::new();
        self.retired(slug, None, &doc.main, live_main.unwrap_or(&empty));
        let (Some(was), now) = (doc.canonical.as_deref(), self.now.canonical.get(slug)) else {
            return;
        };
        if now.copied() == Some(was) {
            return;
        }
        let Some(was_page) = doc.pages.get(was) else {
            return;
        };
        let now_page = now.and_then(|n| doc.pages.get(*n));
        let dropped: Vec<&str> = was_page
            .anchors
            .keys()
            .filter(|a| {
                !live_main.is_some_and(|l| l.contains_key(a.as_str()))
                    && !doc.main.retires(a)
                    && !now_page.is_some_and(|p| p.retires(a))
            })
            .map(ShortStr::as_str)
            .collect();
        if dropped.is_empty() {
            return;
        }
        let shown_now = now.map_or("no version".to_owned(), |n| format!("version `{n}`"));
        let loc = self.at(slug, "", "");
        self.error(
            loc,
            format!(
                "the main page `{slug}/` showed version `{was}` and now shows {shown_now}: it would drop {} registered anchors: {}",
                dropped.len(),
                listed(&dropped)
            ),
            format!("if the change is deliberate, run `acquis lock`: it redirects each of them to `{slug}/{was}/`"),
        );
    }

    /// The pages of a registered document, and its main page.
    fn registered(&mut self, slug: &str) {
        let doc = &self.registry.documents[slug];
        for (version, page) in &doc.pages {
            self.page(slug, version, page);
        }
        self.main_page(slug);
    }

    /// Anchors of `doc` published but not registered yet: the lock file is out of date.
    fn unregistered(&mut self, doc: &Document) {
        {
            let registered = self.registry.documents.get(&doc.slug);
            for v in &doc.versions {
                let page = registered.and_then(|d| d.pages.get(&v.meta.id));
                let live = self
                    .now
                    .page(&doc.slug, Some(&v.meta.id))
                    .expect("every version is published");
                let new: Vec<&str> = live
                    .keys()
                    .filter(|a| !page.is_some_and(|p| p.anchors.contains_key(**a)))
                    .copied()
                    .collect();
                if new.is_empty() {
                    continue;
                }
                let loc = Location {
                    file: (&v.file).into(),
                    line: 0,
                    col: 0,
                };
                self.diags.push(
                    Diagnostic::warning(
                        loc,
                        format!(
                            "{} anchors of `{}/{}/` are not in the anchor registry yet: {}",
                            new.len(),
                            doc.slug,
                            v.meta.id,
                            listed(&new)
                        ),
                    )
                    .help("run `acquis lock` and commit content/anchors.lock with the change"),
                );
            }
            let was = registered.and_then(|d| d.canonical.as_deref());
            let now = doc.meta.canonical.as_deref();
            if registered.is_some() && was != now && now.is_some() {
                let loc = self.at(&doc.slug, "", "");
                self.warning(
                    loc,
                    format!(
                        "the registry records `{}` as the main version of `{}/`, which now shows `{}`",
                        was.unwrap_or("none"),
                        doc.slug,
                        now.unwrap_or("none")
                    ),
                    "run `acquis lock` and commit content/anchors.lock with the change",
                );
            }
        }
    }
}

/// `a`, `b`, `c` … and N more.
fn listed(anchors: &[&str]) -> String {
    let mut out: Vec<String> = anchors
        .iter()
        .take(LISTED)
        .map(|a| match a.starts_with('`') {
            true => (*a).to_owned(),
            false => format!("`{a}`"),
        })
        .collect();
    if anchors.len() > LISTED {
        out.push(format!("and {} more", anchors.len() - LISTED));
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_words() {
        assert_eq!(first_words("a  b\nc"), "a b c");
        assert_eq!(
            first_words("one two three four five six seven eight nine"),
            "one two three four five six seven eight …"
        );
    }

    #[test]
    fn lists_a_few_and_counts_the_rest() {
        let many: Vec<String> = (1..=10).map(|i| i.to_string()).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(listed(&refs[..2]), "`1`, `2`");
        assert!(listed(&refs).ends_with("`8`, and 2 more"));
    }
}
