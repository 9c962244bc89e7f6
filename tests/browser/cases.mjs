// The data the browser suites run over. Each list is the place to add one line when the site gains a
// page template, a kind of link or an index page.

/**
 * One page of every page template, in the fixture corpus and in the real site. Every template of
 * themes/default that extends base.html must appear here (a test checks it).
 */
export const PAGE_TYPES = [
  { name: "home", template: "home.html", fixture: "", site: "" },
  { name: "documents", template: "documents.html", fixture: "documents/", site: "documents/" },
  { name: "notes", template: "notes.html", fixture: "notes/", site: "notes/" },
  { name: "canonical", template: "version.html", fixture: "mc-x-1/", site: "mc-dec-2-03/" },
  { name: "version", template: "version.html", fixture: "mc-x-1/issued/", site: "pc-dec-426/issued/" },
  { name: "cited-only", template: "cited.html", fixture: "pc-x-9/", site: "helsinki-final-act/" },
  { name: "diff", template: "diff.html", fixture: "mc-x-1/diff/compilation..issued/", site: "pc-dec-426/diff/issued..compilation/" },
  {
    name: "side-by-side",
    template: "diff.html",
    fixture: "mc-x-1/diff/compilation..issued/side-by-side/",
    site: "pc-dec-426/diff/issued..compilation/side-by-side/",
  },
  { name: "concordance", template: "concordance.html", fixture: "mc-x-1/concordance/", site: "pc-dec-426/concordance/" },
  // The fixture corpus repeats no paragraph of another document: it has no quotations page.
  { name: "quotations", template: "quotations.html", fixture: null, site: "pc-dec-426/issued/quotations/" },
  { name: "compare", template: "compare.html", fixture: "compare/", site: "compare/" },
  // Pagefind's interface brings its own stylesheet.
  { name: "search", template: "search.html", fixture: "search/", site: "search/", styles: 2 },
  { name: "data", template: "data.html", fixture: "data/", site: "data/" },
  { name: "source", template: "source.html", fixture: "mc-x-1/issued/source/", site: "mc-dec-2-03/compilation/source/" },
  { name: "timeline", template: "timeline.html", fixture: "timeline/", site: "timeline/" },
  { name: "cite", template: "cite.html", fixture: "cite/", site: "cite/" },
  // The real corpus has retired no page yet; the fixture's registry remembers a draft it no longer
  // publishes.
  { name: "retired", template: "retired.html", fixture: "exampleton-document-1990/draft/", site: null },
];

/** One page of each type, as `{ type, site, path }`: the real site's, or the fixture's if it has none. */
export function onePerType() {
  return PAGE_TYPES.map((type) => {
    const site = type.site === null ? "fixture" : "site";
    return { type, site, path: type[site] };
  });
}

/** Every page of PAGE_TYPES as `{ type, site, path }`, for each site that has one of that type. */
export function samples() {
  return PAGE_TYPES.flatMap((type) =>
    ["fixture", "site"].filter((site) => type[site] !== null).map((site) => ({ type, site, path: type[site] })),
  );
}

/** Paragraph URLs a reader may open: the page must scroll to the paragraph and highlight it. */
export const PARAGRAPH_URLS = [
  { site: "fixture", path: "mc-x-1/#annex.III.2.7" },
  { site: "fixture", path: "mc-x-1/compilation/#2(j)(ii)" },
  { site: "fixture", path: "exampleton-document-1990/#40.7" },
  { site: "site", path: "mc-dec-2-03/#annex.III.2.7" },
  { site: "site", path: "moscow-document-1991/#40.7" },
];

/**
 * Links a reader follows (by keyboard: focus, Enter) and where they must land: `open` a page,
 * `follow` the link matching a CSS selector (or several in turn: a summary to open, then a link; or
 * nothing: opening the URL is the move), and `land`
 * on the page and element given as `path#id`. A citation link is one more line here.
 */
export const LINKS = [
  { site: "fixture", open: "mc-x-1/compilation/", follow: 'a[href="#fn-1"]', land: "mc-x-1/compilation/#fn-1" },
  { site: "fixture", open: "mc-x-1/compilation/#fn-2", follow: "#fn-2 .backref", land: "mc-x-1/compilation/#fnref-2" },
  { site: "fixture", open: "mc-x-1/", follow: '.toc a[href="#annex.III"]', land: "mc-x-1/#annex.III" },
  { site: "fixture", open: "mc-x-1/", follow: 'a[href="#ed-1"]', land: "mc-x-1/#ed-1" },
  { site: "fixture", open: "notes/", follow: 'a[href$="#with-the-goal-of"]', land: "mc-x-1/compilation/#with-the-goal-of" },
  { site: "site", open: "sr-atau-report-2006/", follow: 'a[href="#fn-1"]', land: "sr-atau-report-2006/#fn-1" },
  { site: "site", open: "mc-dec-2-03/", follow: '.toc a[href="#annex.III"]', land: "mc-dec-2-03/#annex.III" },
  { site: "site", open: "pc-dec-557/", follow: ".annex-elsewhere a", land: "mc-dec-2-03/#annex" },
  { site: "site", open: "pc-dec-557/#annex.III.1.1", land: "mc-dec-2-03/#annex.III.1.1" },
  // The anchor registry (content/anchors.lock): an old anchor moved on its page, one moved to
  // another page, a withdrawn one, and the anchors of a page no longer published.
  { site: "fixture", open: "exampleton-document-1990/#40.2", land: "exampleton-document-1990/#40.1" },
  { site: "fixture", open: "exampleton-document-1990/#42", land: "mc-x-1/compilation/#annex.III.2.7" },
  { site: "fixture", open: "exampleton-document-1990/#40.8", land: "exampleton-document-1990/#40.8" },
  {
    site: "fixture",
    open: "exampleton-document-1990/#40.8",
    follow: '[id="40.8"] a',
    land: "exampleton-document-1990/excerpt/#40.7",
  },
  { site: "fixture", open: "exampleton-document-1990/draft/#40", land: "exampleton-document-1990/excerpt/#40" },
  { site: "fixture", open: "exampleton-document-1990/draft/#39", land: "exampleton-document-1990/draft/#39" },
  // Citations: a paragraph citation lands on the paragraph; "cited by" leads back to the citing one.
  {
    site: "site",
    open: "osce-pa-rotterdam-declaration/",
    follow: 'a.cite[href="../mc-doc-1-02/#II.8"]',
    land: "mc-doc-1-02/#II.8",
  },
  {
    site: "site",
    open: "mc-doc-1-02/#II.8",
    follow: ['[id="II.8"] .cited-by summary', '[id="II.8"] .cited-by li > a'],
    land: "osce-pa-rotterdam-declaration/#3",
  },
  {
    site: "site",
    open: "moscow-document-1991/#40.7",
    follow: ['[id="40.7"] .related summary', '[id="40.7"] .related li > a'],
    land: "osce-pa-st-petersburg-declaration/compilation/#6",
  },
];

/**
 * Paragraphs whose ¶ link and "Copy citation" button are used from the keyboard, with the text the
 * button must put on the clipboard.
 */
export const COPY = [
  {
    site: "fixture",
    path: "mc-x-1/",
    anchor: "annex.III.2.7",
    clipboard: "MC.X/1, Annex, III.2.7 https://fixture.example.org/acquis/mc-x-1/#annex.III.2.7",
  },
  {
    site: "site",
    path: "mc-dec-2-03/compilation/",
    anchor: "annex.III.2.7",
    clipboard: "MC.DEC/2/03, Annex, III.2.7 https://acquis.example.org/mc-dec-2-03/#annex.III.2.7",
  },
];

/**
 * Index pages a reader moves through by keyboard: `groups` are the links to the sections of the
 * page, `items` the links to documents.
 */
export const INDEXES = [
  { site: "site", path: "timeline/", groups: "main .toc a", items: "main .lane li > a" },
  { site: "fixture", path: "timeline/", groups: "main .toc a", items: "main .lane li > a" },
  { site: "site", path: "documents/", groups: "main .toc a", items: "main .doc-list a" },
  { site: "fixture", path: "documents/", groups: "main .toc a", items: "main .doc-list a" },
];
