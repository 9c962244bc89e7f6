// How the site looks and loads: the first screen, typography, phone width, print, the dark scheme,
// layout shift, what a page requests, and screenshots of key pages for a person to look at.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { onePerType, samples } from "./cases.mjs";
import { DESKTOP, PHONE, close } from "./harness.mjs";

/** Relative luminance of a computed `rgb(...)` colour (WCAG 2 definition). */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function firstScreen(env) {
  describe("the first screen says what the site is and how to cite a paragraph", () => {
    for (const [name, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      test(`home (${name})`, async () => {
        const page = await env.open("site", "", { viewport });
        try {
          for (const what of ["h1", ".lead", "#how-to-cite", ".example cite", ".example .address"]) {
            const el = page.locator(`main ${what}`).first();
            assert.ok(await el.isVisible(), `${what} is shown`);
            const bottom = await el.evaluate((e) => e.getBoundingClientRect().bottom);
            assert.ok(bottom <= viewport.height, `${what} ends at ${bottom}px, below the first screen`);
          }
        } finally {
          await close(page);
        }
      });
    }
  });
}

function typography(env) {
  describe("typography for long legal text", () => {
    test("desktop: a measure of 55-80 characters, open leading, numbers hanging in the margin", async () => {
      const page = await env.open("site", "mc-dec-2-03/");
      try {
        const t = await page.evaluate(() => {
          const paras = [...document.querySelectorAll(".para.numbered.depth-0")];
          const p = paras[0].querySelector("p");
          const style = getComputedStyle(p);
          const probe = document.createElement("span");
          probe.textContent = "the quick brown fox jumps over the lazy dog and ";
          probe.style.cssText = "position: absolute; white-space: nowrap; visibility: hidden";
          p.append(probe);
          const perChar = probe.getBoundingClientRect().width / probe.textContent.length;
          probe.remove();
          const lefts = new Set(paras.map((d) => Math.round(d.querySelector("p").getBoundingClientRect().left)));
          const hanging = paras.every((d) => {
            const num = d.querySelector(":scope > .num").getBoundingClientRect();
            const text = d.querySelector("p").getBoundingClientRect();
            return num.right <= text.left && Math.abs(num.top - text.top) < 2;
          });
          return {
            chars: p.getBoundingClientRect().width / perChar,
            leading: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
            lefts: lefts.size,
            hanging,
          };
        });
        assert.ok(t.chars >= 55 && t.chars <= 80, `${t.chars.toFixed(0)} characters per line`);
        assert.ok(t.leading >= 1.4, `line height ${t.leading.toFixed(2)}`);
        assert.ok(t.hanging, "every number hangs left of its text, on its first line");
        assert.equal(t.lefts, 1, "paragraphs of one level share one left edge");
      } finally {
        await close(page);
      }
    });
    test("phone: the number stays on the first line of its paragraph", async () => {
      const page = await env.open("site", "mc-dec-2-03/", { viewport: PHONE });
      try {
        const apart = await page.evaluate(() =>
          [...document.querySelectorAll(".para > .num")]
            .filter((num) => {
              const text = num.parentElement.querySelector("p").getBoundingClientRect();
              return Math.abs(num.getBoundingClientRect().top - text.top) > 2;
            })
            .map((num) => num.parentElement.id),
        );
        assert.deepEqual(apart, [], "numbers on a line of their own");
      } finally {
        await close(page);
      }
    });
  });
}

function phoneWidth(env) {
  describe("at phone width no page scrolls sideways", () => {
    for (const site of ["fixture", "site"]) {
      test(`${site}: every page at ${PHONE.width}px`, async () => {
        const wide = await env.everyPage(
          site,
          async (page, path) => {
            const width = await page.evaluate(() => document.documentElement.scrollWidth);
            return width > PHONE.width ? [`${path || "/"} is ${width}px wide`] : [];
          },
          { viewport: PHONE },
        );
        assert.deepEqual(wide, []);
      });
    }
  });
}

function print(env) {
  describe("the print stylesheet hides navigation", () => {
    for (const { type: t, site, path } of onePerType()) {
      test(t.name, async () => {
        const page = await env.open(site, path, { media: "print" });
        try {
          for (const nav of ["nav", ".skip", ".tools", ".site-footer", ".witness"]) {
            const shown = await page.locator(nav).evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
            assert.equal(shown, 0, `${nav} is printed`);
          }
          assert.ok(await page.locator("main h1").isVisible(), "the heading is printed");
          await env.screenshot(page, `print-${t.name}`, { fullPage: false });
        } finally {
          await close(page);
        }
      });
    }
  });
}

function schemes(env) {
  describe("the colour scheme follows the system", () => {
    for (const { type: t, site, path } of onePerType()) {
      test(t.name, async () => {
        for (const [scheme, dark] of [["light", false], ["dark", true]]) {
          const page = await env.open(site, path, { colorScheme: scheme });
          try {
            const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
            const l = luminance(bg);
            assert.ok(dark ? l < 0.05 : l > 0.85, `${scheme}: background ${bg}`);
          } finally {
            await close(page);
          }
        }
      });
    }
  });
}

/** Total layout shift of `page` after load, from the browser's own layout-shift entries. */
function layoutShift(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve(total), 500);
      }),
  );
}

function loading(env) {
  describe("pages load without shifting, from this host only, with one stylesheet and deferred scripts", () => {
    for (const { type, site, path } of samples()) {
      test(`${site}: ${type.name}`, async (ctx) => {
        const context = await env.context();
        const page = await context.newPage();
        const requests = [];
        page.on("request", (r) => requests.push([new URL(r.url()).pathname, r.resourceType()]));
        try {
          await page.goto(env.url(site, path), { waitUntil: "load" });
          assert.equal(await layoutShift(page), 0, "cumulative layout shift");
          const root = new URL(env.url(site, "")).pathname;
          const loaded = requests.slice(1).map(([p, type]) => [p.slice(root.length), type]);
          // Scripts may fetch the site's own data (the compare page reads compare/documents.json);
          // the search page loads Pagefind's interface and index from pagefind/; the /cite page
          // reads the corpus's names and anchors from cite/index.js, a script so that it works
          // from files opened with no server.
          const assets = loaded.filter(([, type]) => type !== "fetch").map(([p]) => p);
          const ownFile = (a) => a.startsWith("assets/") || a.startsWith("pagefind/") || a === "cite/index.js";
          assert.deepEqual(assets.filter((a) => !ownFile(a)), [], "what the page loads besides its assets");
          for (const own of ["assets/site.js", "assets/style.css"]) assert.ok(assets.includes(own), `${own} is loaded`);
          const blocking = await page.evaluate(() => ({
            scripts: [...document.scripts].filter((s) => !s.defer && !s.async).length,
            styles: document.querySelectorAll('link[rel="stylesheet"]').length,
          }));
          assert.deepEqual(blocking, { scripts: 0, styles: type.styles ?? 1 });
          const paint = await page.evaluate(
            () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
          );
          ctx.diagnostic(`first contentful paint after ${paint.toFixed(0)} ms (not asserted)`);
        } finally {
          await context.close();
        }
      });
    }
  });
}

/** Key pages, saved under the screenshots folder for a person to look at. */
const SHOTS = [
  { name: "home", path: "" },
  { name: "home-dark", path: "", colorScheme: "dark" },
  { name: "home-phone", path: "", viewport: PHONE },
  { name: "documents", path: "documents/" },
  { name: "notes", path: "notes/" },
  { name: "paragraph", path: "mc-dec-2-03/#annex.III.2.7" },
  { name: "paragraph-dark", path: "mc-dec-2-03/#annex.III.2.7", colorScheme: "dark" },
  { name: "paragraph-phone", path: "mc-dec-2-03/#annex.III.2.7", viewport: PHONE },
  { name: "paragraph-phone-dark", path: "moscow-document-1991/#40.7", viewport: PHONE, colorScheme: "dark" },
  { name: "version-top", path: "mc-dec-2-03/compilation/" },
  { name: "footnotes", path: "sr-atau-report-2006/#fn-1" },
  { name: "cited-only", path: "helsinki-final-act/" },
  { name: "diff", path: "pc-dec-426/diff/issued..compilation/" },
  { name: "side-by-side", path: "pc-dec-426/diff/issued..compilation/side-by-side/" },
  { name: "side-by-side-phone", path: "pc-dec-426/diff/issued..compilation/side-by-side/", viewport: PHONE },
  { name: "concordance", path: "pc-dec-426/concordance/" },
  { name: "quotations", path: "pc-dec-426/issued/quotations/" },
  { name: "compare", path: "compare/" },
  // Small ones, for the README (docs/screenshots/ holds copies).
  { name: "readme-home", path: "", viewport: { width: 760, height: 560 } },
  { name: "readme-paragraph", path: "mc-dec-2-03/#annex.III.2.7", viewport: { width: 760, height: 400 } },
  { name: "readme-phone-dark", path: "moscow-document-1991/#40.7", viewport: { width: 360, height: 560 }, colorScheme: "dark" },
];

function screenshots(env) {
  describe("screenshots of key pages", () => {
    test(`saved to ${env.screenshots}`, async () => {
      for (const s of SHOTS) {
        const page = await env.open("site", s.path, s);
        try {
          await env.screenshot(page, s.name);
        } finally {
          await close(page);
        }
      }
    });
  });
}

/** The look-and-feel suites. */
export function layout(env) {
  describe("layout", () => {
    firstScreen(env);
    typography(env);
    phoneWidth(env);
    print(env);
    schemes(env);
    loading(env);
    screenshots(env);
  });
}
