//! A build that remembers, for `acquis serve`: after an edit it reloads, reparses and
//! re-resolves only the document that changed, re-renders only the files that depend on it, and
//! writes only the files whose bytes changed.
//!
//! It runs the same stage functions as the full build, one document at a time
//! ([`load::reload_document`], [`parse::parse_document`], [`resolve::resolve_document`],
//! [`resolve::check_corpus`]), and renders through [`render::render_scoped`], the function the
//! full build renders through: a rebuilt file has the bytes a full build would give it (tested).
//!
//! What depends on what: a document's pages, source views, open data and citations depend on
//! that document ([`Origin::Document`]); home, indexes, notes, data page, feeds and sitemap on
//! every document ([`Origin::Corpus`]), so they are re-rendered when an edit changed what they read
//! of a document ([`Facet`]) and written only if they changed. Citations are linked again for the
//! edited document and those its edit can reach ([`Linker::update`]); a document whose linked
//! text, cited-by lists or relations changed is rendered again with the edited one
//! (`Session::cited_digests`). The search index depends on every
//! document and Pagefind rebuilds it whole, so it is a separate, slower step ([`SearchJob`])
//! that `serve` runs in the background after the pages are written.

use crate::compare::Comparer;
use crate::diagnostics::{Diagnostic, Severity};
use crate::load::{self, LoadedTheme};
use crate::model::{AnchorRegistry, Corpus, Document, SiteMeta};
use crate::render::search::{self, SearchRecord};
use crate::render::{self, Facet, Origin, OutputFile, RenderOptions, Scope};
use crate::resolve::{Linker, Relinked};
use crate::{parse, resolve, write, BuildConfig, Error};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use xxhash_rust::xxh3::xxh3_64;

/// What an edit changed, as far as rebuilding goes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A file in one document folder (by slug), or the folder itself.
    Document(String),
    /// A template or asset of the theme.
    Theme,
    /// `site.yaml` or anything else: everything is rebuilt.
    Everything,
}

/// What a rebuild did.
#[derive(Debug, Default)]
pub struct Rebuilt {
    /// Files rendered (written or found unchanged).
    pub rendered: usize,
    /// Files written because their bytes changed.
    pub written: Vec<PathBuf>,
    /// Files deleted because what produced them is gone.
    pub removed: Vec<PathBuf>,
    /// Warnings of the whole corpus.
    pub warnings: Vec<Diagnostic>,
    /// From the start of the rebuild to the last write.
    pub elapsed: Duration,
    /// How long each step took, in order (`serve` prints them): where an edit's time goes.
    pub phases: Vec<(&'static str, Duration)>,
}

impl Rebuilt {
    /// The steps and their times, as one line: `link citations 3.0 ms, render 14.2 ms, …`.
    pub fn phases_line(&self) -> String {
        let phases: Vec<String> = self
            .phases
            .iter()
            .map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect();
        phases.join(", ")
    }
}

/// Times the steps of a rebuild, one lap after another.
struct Laps {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn start() -> Laps {
        Laps {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }
}

/// The search index to rebuild: the records of every document at the time of the request.
pub struct SearchJob {
    records: Vec<Arc<Vec<SearchRecord>>>,
    language: String,
}

impl SearchJob {
    /// Builds the index (slow: Pagefind indexes every document); safe on any thread.
    pub fn run(&self) -> Result<Vec<OutputFile>, Error> {
        search::index(self.records.iter().flat_map(|r| r.iter()), &self.language)
            .map_err(|d| Error::Content(vec![d]))
    }
}

/// The state of a site being edited.
pub struct Session {
    config: BuildConfig,
    content_root: PathBuf,
    theme_root: PathBuf,
    theme: LoadedTheme,
    corpus: Corpus,
    /// The documents as resolved one by one, before their citations are linked: what an edit
    /// replaces one of, and what the whole corpus's citations are linked from again.
    unlinked: Vec<Document>,
    /// The citations of the corpus, kept so that an edit links again only what it can change.
    linker: Linker,
    /// What citations make of each document (its linked text, who cites it, its relations), as
    /// digests: a document another one starts or stops citing is rendered again.
    cited: BTreeMap<String, u64>,
    /// Documents whose digest in `cited` changed since the last successful render.
    cited_dirty: BTreeSet<String>,
    /// Whether the relations between documents changed since the last successful render.
    relations_dirty: bool,
    /// Problems of `site.yaml` and of files outside document folders.
    site_diagnostics: Vec<Diagnostic>,
    /// Problems found loading, parsing and resolving each document, by slug.
    diagnostics: BTreeMap<String, Vec<Diagnostic>>,
    /// Documents changed since the last successful render.
    dirty: BTreeSet<String>,
    /// Whether the theme changed since the last successful render.
    theme_dirty: bool,
    /// What the output directory holds: origin and hash of each file.
    written: BTreeMap<PathBuf, (Origin, u64)>,
    /// The search records of each document.
    records: BTreeMap<String, Arc<Vec<SearchRecord>>>,
    /// What the corpus-wide files read of each document, as digests.
    facets: BTreeMap<String, BTreeMap<Facet, u64>>,
    /// How deeply each document's paragraphs are numbered: which one the home page's example
    /// comes from ([`render::example_document`]).
    example_depths: BTreeMap<String, usize>,
    /// Whether the search index is older than the content.
    search_dirty: bool,
    /// Whether a rebuild of everything failed and must be tried again.
    restart_pending: bool,
    /// The anchor registry (`content/anchors.lock`) every rebuild is held to, as the full build
    /// is; an edit of it rebuilds everything.
    registry: Option<AnchorRegistry>,
    /// For each document, the registered documents whose redirects lead into it.
    registry_dependents: BTreeMap<String, BTreeSet<String>>,
    /// What holding each document to the registry found.
    registry_diagnostics: BTreeMap<String, Vec<Diagnostic>>,
    /// Whether `registry_diagnostics` holds every document (after the first check).
    registry_checked: bool,
    /// The comparison of the corpus as it stands, kept up to date edit by edit (none until
    /// the corpus first resolves without errors).
    comparer: Option<Comparer>,
    /// Problems linking the citations of the corpus as it stands.
    citation_diagnostics: Vec<Diagnostic>,
    /// Documents whose comparison (version pairs, quotations) may have changed since the last
    /// successful render.
    compared_dirty: BTreeSet<String>,
}

/// What [`Session::changed_facets`] found.
struct FacetChanges {
    /// The facets of documents that corpus-wide files read and an edit changed.
    facets: BTreeSet<Facet>,
    /// The new digests of the documents (`None`: gone).
    digests: Vec<(String, Option<BTreeMap<Facet, u64>>)>,
    /// [`Session::example_depths`] after the edit.
    example_depths: BTreeMap<String, usize>,
}

/// One document analysed: resolved (if its metadata could be read) and its problems.
type Analysed = (String, Option<Document>, Vec<Diagnostic>);

impl Session {
    /// Builds the whole site (atomically, as `acquis build` does) and remembers what it built.
    pub fn start(config: &BuildConfig) -> Result<(Session, Vec<Diagnostic>), Error> {
        let (mut session, warnings) = Session::analyse_all(config)?;
        session.build_all()?;
        Ok((session, warnings))
    }

    /// The document `slug`, if the corpus has it.
    fn document(&self, slug: &str) -> Option<&Document> {
        let docs = &self.corpus.documents;
        docs.binary_search_by(|d| d.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &docs[i])
    }

    /// The resolved corpus as it stands.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Renders and writes everything, swapping the output directory as a full build does.
    fn build_all(&mut self) -> Result<(), Error> {
        let (origins, files): (Vec<Origin>, Vec<OutputFile>) =
            self.render_everything()?.into_iter().unzip();
        write::write_site(&files, &self.config.out)?;
        self.written = origins
            .into_iter()
            .zip(files)
            .map(|(o, f)| (f.path, (o, xxh3_64(&f.bytes))))
            .collect();
        Ok(())
    }

    /// Every file of the site, search index included: what a full build writes.
    fn render_everything(&self) -> Result<Vec<(Origin, OutputFile)>, Error> {
        let mut files = self.render(Scope::All)?;
        if self.config.search {
            let job = self.search_job_now();
            files.extend(job.run()?.into_iter().map(|f| (Origin::Search, f)));
        }
        files.sort_by(|a, b| a.1.path.cmp(&b.1.path));
        Ok(files)
    }

    /// What the changed `paths` (as the watcher reports them) mean for the build.
    pub fn classify(&self, paths: &[PathBuf]) -> BTreeSet<Change> {
        paths.iter().filter_map(|p| self.classify_one(p)).collect()
    }

    fn classify_one(&self, path: &Path) -> Option<Change> {
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(path)
        };
        if absolute.starts_with(&self.theme_root) {
            return Some(Change::Theme);
        }
        let rel = absolute.strip_prefix(&self.content_root).ok()?;
        let mut parts = rel.components();
        let first = match parts.next()? {
            Component::Normal(n) => n.to_string_lossy().into_owned(),
            _ => return Some(Change::Everything),
        };
        let in_folder = parts.next().is_some() || self.content_root.join(&first).is_dir();
        let known = self.corpus.documents.iter().any(|d| d.slug == first);
        if load::is_document_name(&first) && (in_folder || known) {
            Some(Change::Document(first))
        } else if first.starts_with('.') || first == "sources" {
            None
        } else {
            Some(Change::Everything)
        }
    }

    /// Rebuilds after `changes`: the pages and data files only (see [`Session::search_job`]).
    /// On content errors nothing is written and the site stays as it was; the changes are kept
    /// and rebuilt with the next edit that fixes them.
    pub fn rebuild(&mut self, changes: &BTreeSet<Change>) -> Result<Rebuilt, Error> {
        let start = Instant::now();
        if self.restart_pending || changes.contains(&Change::Everything) {
            self.restart_pending = true;
            let rebuilt = self.restart(start)?;
            self.restart_pending = false;
            return Ok(rebuilt);
        }
        let mut laps = Laps::start();
        for change in changes {
            match change {
                Change::Document(slug) => self.reload(slug)?,
                Change::Theme => {
                    self.theme = load::load_theme(&self.config.theme)?;
                    self.theme_dirty = true;
                }
                Change::Everything => {}
            }
        }
        laps.lap("load, parse, resolve");
        self.link();
        laps.lap("link citations");
        let warnings = self.check()?;
        laps.lap("check and compare");
        let mut affected = self.affected();
        affected.extend(self.cited_dirty.iter().cloned());
        affected.extend(self.compared_dirty.iter().cloned());
        let FacetChanges {
            mut facets,
            digests,
            example_depths,
        } = self.changed_facets(&affected);
        if self.relations_dirty {
            facets.insert(Facet::Relations);
        }
        laps.lap("find what changed");
        let scope = if self.theme_dirty {
            Scope::All
        } else {
            Scope::Documents {
                slugs: &affected,
                facets: &facets,
            }
        };
        let files = self.render(scope)?;
        laps.lap("render");
        let mut rebuilt = self.apply(scope, files)?;
        laps.lap("write");
        for (slug, digest) in digests {
            match digest {
                Some(d) => self.facets.insert(slug, d),
                None => self.facets.remove(&slug),
            };
        }
        self.example_depths = example_depths;
        for slug in &affected {
            match self.document(slug) {
                Some(doc) => {
                    let records = Arc::new(self.records_of(doc));
                    self.records.insert(slug.clone(), records);
                }
                None => {
                    self.records.remove(slug);
                }
            }
        }
        self.search_dirty |= !affected.is_empty();
        self.dirty.clear();
        self.cited_dirty.clear();
        self.compared_dirty.clear();
        self.relations_dirty = false;
        self.theme_dirty = false;
        laps.lap("remember");
        rebuilt.warnings = warnings;
        rebuilt.elapsed = start.elapsed();
        rebuilt.phases = laps.laps;
        Ok(rebuilt)
    }

    /// Reads everything again and rewrites what changed (after `site.yaml` changed, say).
    fn restart(&mut self, start: Instant) -> Result<Rebuilt, Error> {
        let (fresh, warnings) = Session::analyse_all(&self.config)?;
        let previous = std::mem::take(&mut self.written);
        *self = fresh;
        self.written = previous;
        self.restart_pending = true;
        let files = self.render_everything()?;
        let mut rebuilt = self.apply_all(files)?;
        rebuilt.warnings = warnings;
        rebuilt.elapsed = start.elapsed();
        Ok(rebuilt)
    }

    /// Loads, parses and resolves everything, rendering and writing nothing.
    fn analyse_all(config: &BuildConfig) -> Result<(Session, Vec<Diagnostic>), Error> {
        let canonical = |p: &Path| p.canonicalize().map_err(|e| Error::read(p, e));
        let content = load::load_content(&config.content)?;
        let theme = load::load_theme(&config.theme)?;
        let (site, mut site_diagnostics) = parse::parse_site(&content);
        let (registry, registry_diags) = crate::anchor_registry(&config.content)?;
        site_diagnostics.extend(registry_diags);
        let (externals, citation_rules, cite_diags) = parse::parse_citation_inputs(&content);
        site_diagnostics.extend(cite_diags);
        let mut diagnostics: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in &content.diagnostics {
            match document_of(&d.location.file) {
                Some(slug) => diagnostics.entry(slug).or_default().push(d.clone()),
                None => site_diagnostics.push(d.clone()),
            }
        }
        let analysed: Vec<Analysed> = content
            .documents
            .par_iter()
            .map(|loaded| {
                let (doc, diags) = analyse(loaded);
                (loaded.slug.clone(), doc, diags)
            })
            .collect();
        let mut documents = Vec::new();
        for (slug, doc, diags) in analysed {
            diagnostics.entry(slug).or_default().extend(diags);
            documents.extend(doc);
        }
        let Some(site) = site else {
            let mut all = site_diagnostics;
            all.extend(diagnostics.into_values().flatten());
            return Err(Error::Content(all));
        };
        if let Some(r) = &registry {
            r.lines.find_all();
        }
        let mut linked = documents.clone();
        let (linker, citations, citation_diagnostics) =
            Linker::new(&mut linked, &externals, &citation_rules);
        let mut session = Session {
            config: config.clone(),
            content_root: canonical(&config.content)?,
            theme_root: canonical(&config.theme)?,
            theme,
            corpus: Corpus {
                site,
                documents: linked,
                citations,
                registry: registry.clone().unwrap_or_default(),
            },
            registry_dependents: registry
                .as_ref()
                .map(crate::registry::dependents)
                .unwrap_or_default(),
            registry_diagnostics: BTreeMap::new(),
            registry_checked: false,
            registry,
            unlinked: documents,
            linker,
            cited: BTreeMap::new(),
            cited_dirty: BTreeSet::new(),
            relations_dirty: false,
            citation_diagnostics,
            site_diagnostics,
            diagnostics,
            dirty: BTreeSet::new(),
            theme_dirty: false,
            written: BTreeMap::new(),
            records: BTreeMap::new(),
            facets: BTreeMap::new(),
            example_depths: BTreeMap::new(),
            search_dirty: false,
            restart_pending: false,
            comparer: None,
            compared_dirty: BTreeSet::new(),
        };
        session.cited = session.cited_digests(session.corpus.documents.iter().map(|d| &d.slug));
        let warnings = session.check()?;
        session.records = session
            .corpus
            .documents
            .iter()
            .map(|d| (d.slug.clone(), Arc::new(session.records_of(d))))
            .collect();
        session.facets = session
            .corpus
            .documents
            .iter()
            .map(|d| (d.slug.clone(), render::digests(d)))
            .collect();
        session.example_depths = session
            .corpus
            .documents
            .iter()
            .filter_map(|d| Some((d.slug.clone(), render::example_depth(d)?)))
            .collect();
        Ok((session, warnings))
    }

    /// Loads, parses and resolves one document again, replacing it in the corpus.
    fn reload(&mut self, slug: &str) -> Result<(), Error> {
        let (loaded, mut diags) = load::reload_document(&self.config.content, slug)?;
        let doc = loaded.and_then(|loaded| {
            let (doc, d) = analyse(&loaded);
            diags.extend(d);
            doc
        });
        let at = self
            .unlinked
            .binary_search_by(|d| d.slug.as_str().cmp(slug));
        match (doc, at) {
            (Some(doc), Ok(i)) => self.unlinked[i] = doc,
            (Some(doc), Err(i)) => self.unlinked.insert(i, doc),
            (None, Ok(i)) => {
                self.unlinked.remove(i);
            }
            (None, Err(_)) => {}
        }
        if diags.is_empty() {
            self.diagnostics.remove(slug);
        } else {
            self.diagnostics.insert(slug.to_owned(), diags);
        }
        self.dirty.insert(slug.to_owned());
        Ok(())
    }

    /// Every problem of the corpus as it stands, holding it to the anchor registry and comparing
    /// its texts again when it resolves; an error (or, with `deny_warnings`, any problem) stops
    /// the rebuild, as it stops a full build.
    fn check(&mut self) -> Result<Vec<Diagnostic>, Error> {
        let mut all: Vec<Diagnostic> = self.site_diagnostics.clone();
        all.extend(self.diagnostics.values().flatten().cloned());
        all.extend(resolve::check_corpus(&self.corpus.documents));
        all.extend(self.citation_diagnostics.iter().cloned());
        if !all.iter().any(|d| d.severity == Severity::Error) {
            all.extend(self.check_registry());
            let diagnostics = match &mut self.comparer {
                Some(comparer) => {
                    let (diagnostics, touched) = comparer.update(&self.corpus, &self.dirty);
                    self.compared_dirty.extend(touched);
                    diagnostics
                }
                None => {
                    let (comparer, diagnostics) = Comparer::new(&self.corpus);
                    self.comparer = Some(comparer);
                    diagnostics
                }
            };
            all.extend(diagnostics);
        }
        let stop = all
            .iter()
            .any(|d| d.severity == Severity::Error || self.config.deny_warnings);
        all.sort_by(|a, b| {
            (&a.location.file, a.location.line, a.location.col).cmp(&(
                &b.location.file,
                b.location.line,
                b.location.col,
            ))
        });
        if stop {
            Err(Error::Content(all))
        } else {
            Ok(all)
        }
    }

    /// The corpus held to the anchor registry: the documents changed since the last render and
    /// those whose redirects lead into them are checked again, the others' problems are kept.
    fn check_registry(&mut self) -> Vec<Diagnostic> {
        let Some(registry) = &self.registry else {
            return crate::registry::check(&self.corpus, None);
        };
        let slugs: BTreeSet<String> = match self.registry_checked {
            true => self
                .dirty
                .iter()
                .flat_map(|slug| {
                    let dependents = self.registry_dependents.get(slug).into_iter().flatten();
                    std::iter::once(slug).chain(dependents)
                })
                .cloned()
                .collect(),
            false => registry
                .documents
                .keys()
                .chain(self.corpus.documents.iter().map(|d| &d.slug))
                .cloned()
                .collect(),
        };
        let checked = crate::registry::check_documents(&self.corpus, registry, &slugs);
        self.registry_diagnostics.extend(checked);
        self.registry_checked = true;
        self.registry_diagnostics
            .values()
            .flatten()
            .cloned()
            .collect()
    }

    /// The facets the documents in `slugs` changed, and what to remember of them once the
    /// render succeeded.
    fn changed_facets(&self, slugs: &BTreeSet<String>) -> FacetChanges {
        let mut changed = BTreeSet::new();
        let mut digests = Vec::new();
        let mut example_depths = self.example_depths.clone();
        let mut example_edited = BTreeSet::new();
        for slug in slugs {
            let doc = self.document(slug);
            let new = doc.map(render::digests);
            let old = self.facets.get(slug);
            for facet in [
                Facet::Listing,
                Facet::Apparatus,
                Facet::Example,
                Facet::Text,
            ] {
                let before = old.and_then(|o| o.get(&facet));
                let after = new.as_ref().and_then(|n| n.get(&facet));
                if before == after {
                    continue;
                }
                match facet {
                    Facet::Example => {
                        example_edited.insert(slug.as_str());
                    }
                    _ => {
                        changed.insert(facet);
                    }
                }
            }
            match doc.and_then(render::example_depth) {
                Some(depth) => example_depths.insert(slug.clone(), depth),
                None => example_depths.remove(slug),
            };
            digests.push((slug.clone(), new));
        }
        // The home page shows one document's example: it changes if another document now holds
        // it, or if the one that holds it changed its example.
        let depths = |m: &'_ BTreeMap<String, usize>| {
            render::example_document(m.iter().map(|(s, d)| (s, *d))).cloned()
        };
        let (before, after) = (depths(&self.example_depths), depths(&example_depths));
        if before != after || after.is_some_and(|a| example_edited.contains(a.as_str())) {
            changed.insert(Facet::Example);
        }
        FacetChanges {
            facets: changed,
            digests,
            example_depths,
        }
    }

    /// Links the citations of the documents changed since the last render again, and of those
    /// their change can reach; the documents whose digest of what citations make of them changed
    /// join [`Session::cited_dirty`].
    fn link(&mut self) {
        let Relinked {
            diagnostics,
            touched,
            relations_changed,
        } = self.linker.update(
            &self.unlinked,
            &mut self.corpus.documents,
            &mut self.corpus.citations,
            &self.dirty,
        );
        self.relations_dirty |= relations_changed;
        self.citation_diagnostics = diagnostics;
        let now = self.cited_digests(touched.iter());
        for slug in touched {
            let digest = now.get(&slug).copied();
            if self.cited.get(&slug).copied() != digest {
                match digest {
                    Some(d) => self.cited.insert(slug.clone(), d),
                    None => self.cited.remove(&slug),
                };
                self.cited_dirty.insert(slug);
            }
        }
    }

    /// For each document of `slugs` the corpus has, a digest of what citations make of it: its
    /// linked text, who cites it and the relations it takes part in.
    fn cited_digests<'a>(&self, slugs: impl Iterator<Item = &'a String>) -> BTreeMap<String, u64> {
        let c = &self.corpus.citations;
        let docs: Vec<&Document> = slugs.filter_map(|slug| self.document(slug)).collect();
        let wanted: BTreeSet<&str> = docs.iter().map(|d| d.slug.as_str()).collect();
        let mut relations_of: BTreeMap<&str, Vec<&crate::model::Relation>> = BTreeMap::new();
        for r in &c.relations {
            if wanted.contains(r.from.as_str()) {
                relations_of.entry(&r.from).or_default().push(r);
            }
            if r.to != r.from && wanted.contains(r.to.as_str()) {
                relations_of.entry(&r.to).or_default().push(r);
            }
        }
        docs.par_iter()
            .map(|d| {
                let slug = d.slug.as_str();
                let relations = relations_of.get(slug);
                let parts = (
                    d,
                    c.by_document.get(slug),
                    c.by_paragraph.get(slug),
                    relations,
                );
                let json = serde_json::to_vec(&parts).expect("the model serialises");
                (d.slug.clone(), xxh3_64(&json))
            })
            .collect()
    }

    /// The documents whose files must be rendered again: those changed since the last render
    /// (the documents whose citations changed join them in [`Session::rebuild`]).
    pub fn affected(&self) -> BTreeSet<String> {
        self.dirty.clone()
    }

    fn render(&self, scope: Scope<'_>) -> Result<Vec<(Origin, OutputFile)>, Error> {
        let options = RenderOptions {
            minify: self.config.minify,
        };
        let comparison = self
            .comparer
            .as_ref()
            .expect("a render follows a successful check, which compares")
            .comparison();
        render::render_scoped(&self.corpus, comparison, &self.theme, options, scope)
            .map_err(Error::Content)
    }

    fn records_of(&self, doc: &Document) -> Vec<SearchRecord> {
        search::records(doc, &self.corpus.site.language)
    }

    /// Writes the files of `scope` whose bytes changed and deletes the files `scope` covered
    /// that it no longer produces.
    fn apply(
        &mut self,
        scope: Scope<'_>,
        files: Vec<(Origin, OutputFile)>,
    ) -> Result<Rebuilt, Error> {
        self.write_diff(files, |o| scope.covers(o))
    }

    /// Like [`Session::apply`] for a complete set of files: everything not in it goes.
    fn apply_all(&mut self, files: Vec<(Origin, OutputFile)>) -> Result<Rebuilt, Error> {
        self.write_diff(files, |_| true)
    }

    fn write_diff(
        &mut self,
        files: Vec<(Origin, OutputFile)>,
        covered: impl Fn(&Origin) -> bool,
    ) -> Result<Rebuilt, Error> {
        let rendered = files.len();
        let fresh: BTreeSet<&Path> = files.iter().map(|(_, f)| f.path.as_path()).collect();
        let removed: Vec<PathBuf> = self
            .written
            .iter()
            .filter(|(p, (o, _))| covered(o) && !fresh.contains(p.as_path()))
            .map(|(p, _)| p.clone())
            .collect();
        let mut changed = Vec::new();
        let mut hashes = Vec::new();
        for (origin, file) in files {
            let hash = xxh3_64(&file.bytes);
            let same = self.written.get(&file.path).map(|(_, h)| *h) == Some(hash);
            if !same {
                hashes.push((file.path.clone(), (origin, hash)));
                changed.push(file);
            }
        }
        write::update_site(&changed, &removed, &self.config.out)?;
        for p in &removed {
            self.written.remove(p);
        }
        self.written.extend(hashes);
        Ok(Rebuilt {
            rendered,
            written: changed.into_iter().map(|f| f.path).collect(),
            removed,
            ..Rebuilt::default()
        })
    }

    /// The search index to rebuild, if the content changed since it was last built.
    pub fn search_job(&mut self) -> Option<SearchJob> {
        if !self.search_dirty || !self.config.search {
            return None;
        }
        self.search_dirty = false;
        Some(self.search_job_now())
    }

    fn search_job_now(&self) -> SearchJob {
        SearchJob {
            records: self.records.values().cloned().collect(),
            language: self.corpus.site.language.clone(),
        }
    }

    /// Writes a rebuilt search index (what [`SearchJob::run`] returned).
    pub fn apply_search(&mut self, files: Vec<OutputFile>) -> Result<Rebuilt, Error> {
        let start = Instant::now();
        let files = files.into_iter().map(|f| (Origin::Search, f)).collect();
        let mut rebuilt = self.write_diff(files, |o| *o == Origin::Search)?;
        rebuilt.elapsed = start.elapsed();
        Ok(rebuilt)
    }

    /// Rebuilds after `changes`, search index included, on this thread: for tests and tools.
    pub fn rebuild_with_search(&mut self, changes: &BTreeSet<Change>) -> Result<Rebuilt, Error> {
        let mut rebuilt = self.rebuild(changes)?;
        if let Some(job) = self.search_job() {
            let search = self.apply_search(job.run()?)?;
            rebuilt.written.extend(search.written);
            rebuilt.removed.extend(search.removed);
        }
        Ok(rebuilt)
    }

    /// The site's `site.yaml`, for messages.
    pub fn site(&self) -> &SiteMeta {
        &self.corpus.site
    }
}

/// Parses and resolves one loaded document.
fn analyse(loaded: &load::LoadedDocument) -> (Option<Document>, Vec<Diagnostic>) {
    let (parsed, mut diags) = parse::parse_document(loaded);
    let doc = parsed.map(|p| {
        let (doc, d) = resolve::resolve_document(p);
        diags.extend(d);
        doc
    });
    (doc, diags)
}

/// The document folder a content path (relative to `content/`) belongs to.
fn document_of(path: &Path) -> Option<String> {
    let mut parts = path.components();
    let first = parts.next()?.as_os_str().to_string_lossy().into_owned();
    (parts.next().is_some() && load::is_document_name(&first)).then_some(first)
}
