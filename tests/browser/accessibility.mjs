// Accessibility: axe-core on every page type in both colour schemes, the contrast of the paragraph
// tools where they show, heading order, landmarks, language, accessible names and visible focus.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { PAGE_TYPES, onePerType, samples } from "./cases.mjs";
import { AXE_SOURCE, byId, close } from "./harness.mjs";
import { assertTabWalk } from "./navigation.mjs";

/** WCAG 2.1 A and AA, and axe's best practices (landmarks, heading order, one main, ...). */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/** Runs axe on `page` (optionally on `include` only, with `rules` only); returns its violations. */
async function axe(page, { include, rules } = {}) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const options = rules
    ? { runOnly: { type: "rule", values: rules } }
    : { runOnly: { type: "tag", values: AXE_TAGS } };
  return page.evaluate(
    ([include, options]) => axe.run(include ? { include: [include] } : document, options),
    [include ?? null, options],
  ).then((r) => r.violations);
}

/** Violations as readable lines: rule, impact, and the first few offending elements. */
function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`);
      return `${v.id} (${v.impact}, ${v.nodes.length}): ${v.help}\n${nodes.join("\n")}`;
    })
    .join("\n");
}

function templates() {
  describe("every page template is in PAGE_TYPES", () => {
    test("themes/default/templates", () => {
      const dir = new URL("../../themes/default/templates/", import.meta.url);
      const pages = readdirSync(dir).filter((f) => /\{%\s*extends\s+"base\.html"/.test(readFileSync(new URL(f, dir), "utf8")));
      const covered = new Set(PAGE_TYPES.map((t) => t.template));
      assert.deepEqual(pages.filter((p) => !covered.has(p)), [], "add a line to PAGE_TYPES in cases.mjs");
    });
  });
}

function axePageTypes(env) {
  describe("axe-core finds no violation of WCAG 2.1 AA (and best practice)", () => {
    for (const { type, site, path } of samples()) {
      for (const colorScheme of ["light", "dark"]) {
        test(`${site}: ${type.name}, ${colorScheme}`, async () => {
          const page = await env.open(site, path, { colorScheme });
          try {
            const violations = await axe(page);
            assert.equal(violations.length, 0, describeViolations(violations));
          } finally {
            await close(page);
          }
        });
      }
    }
    test("site: every other page, light", async () => {
      const found = await env.everyPage(
        "site",
        async (page, path) => {
          const violations = await axe(page);
          return violations.length > 0 ? [`${path}:\n${describeViolations(violations)}`] : [];
        },
        { except: PAGE_TYPES.map((t) => t.site) },
      );
      assert.deepEqual(found, []);
    });
  });
}

/** Paragraphs whose tools are checked for contrast: the targeted one and an ordinary one. */
const TOOLS = [
  { site: "site", path: "mc-dec-2-03/#annex.III.2.7", anchor: "annex.III.2.7" },
  { site: "site", path: "mc-dec-2-03/#annex.III.2.7", anchor: "annex.III.2.8" },
  { site: "fixture", path: "mc-x-1/#2(j)", anchor: "2(j)(i)" },
];

function toolContrast(env) {
  describe("the ¶ link and Copy citation have enough contrast where they show", () => {
    for (const c of TOOLS) {
      for (const colorScheme of ["light", "dark"]) {
        test(`${c.site}: ${c.anchor} on ${c.path}, ${colorScheme}`, async () => {
          const page = await env.open(c.site, c.path, { colorScheme });
          try {
            const button = byId(page, c.anchor).locator("button.copy");
            await button.focus();
            const hidden = await byId(page, c.anchor).locator(".tools > *").evaluateAll((els) =>
              els.filter((e) => getComputedStyle(e).opacity !== "1").map((e) => e.className),
            );
            assert.deepEqual(hidden, [], "every tool shows when one has focus");
            const violations = await axe(page, { include: `[id="${c.anchor}"]`, rules: ["color-contrast", "link-in-text-block"] });
            assert.equal(violations.length, 0, describeViolations(violations));
          } finally {
            await close(page);
          }
        });
      }
    }
  });
}

function structure(env) {
  describe("headings, landmarks, language and names", () => {
    for (const site of ["fixture", "site"]) {
      test(`${site}: every page has one h1 and no skipped heading level`, async () => {
        const problems = await env.everyPage(site, async (page, path) => {
          const found = [];
          const levels = await page.$$eval("h1, h2, h3, h4, h5, h6", (hs) => hs.map((h) => [Number(h.tagName[1]), h.id || h.textContent.slice(0, 30)]));
          if (levels.filter(([l]) => l === 1).length !== 1 || levels[0]?.[0] !== 1) found.push(`${path}: not one h1 first`);
          levels.forEach(([level, id], i) => {
            if (i > 0 && level > levels[i - 1][0] + 1) found.push(`${path}: h${levels[i - 1][0]} then h${level} (${id})`);
          });
          return found;
        });
        assert.deepEqual(problems, []);
      });
    }
    for (const { type: t, site, path } of onePerType()) {
      test(`${site}: ${t.name}: landmarks, language, named navigation`, async () => {
        const page = await env.open(site, path);
        try {
          for (const role of ["banner", "main", "contentinfo"]) {
            assert.equal(await page.getByRole(role).count(), 1, `one ${role}`);
          }
          const navs = await page.getByRole("navigation").evaluateAll((ns) => ns.map((n) => n.getAttribute("aria-label") ?? n.getAttribute("aria-labelledby")));
          assert.ok(navs.length > 0 && navs.every(Boolean), `every navigation is named: ${navs}`);
          assert.equal(await page.getAttribute("html", "lang"), "en");
        } finally {
          await close(page);
        }
      });
    }
    for (const site of ["fixture", "site"]) {
      test(`${site}: every ¶ link and Copy citation button is named after its paragraph`, async () => {
        const problems = await env.everyPage(site, (page) =>
          page.$$eval(".para", (paras) =>
            paras.flatMap((p) => {
              const self = p.querySelector(".tools a.self");
              const copy = p.querySelector(".tools button.copy");
              const cite = copy?.dataset.cite;
              const ok =
                cite &&
                !copy.hidden &&
                self.getAttribute("aria-label") === `Link to ${cite}` &&
                copy.getAttribute("aria-label") === `Copy citation: ${cite}` &&
                copy.textContent.trim() === "Copy citation";
              return ok ? [] : [`${location.pathname}#${p.id}`];
            }),
          ),
        );
        assert.deepEqual(problems, []);
      });
    }
  });
}

function focusOrder(env) {
  describe("Tab visits every control in order with a visible focus indicator", () => {
    for (const t of PAGE_TYPES) {
      const site = t.fixture === null ? "site" : "fixture";
      for (const colorScheme of ["light", "dark"]) {
        test(`${site}: ${t.name}, ${colorScheme}`, async () => {
          const page = await env.open(site, t[site], { colorScheme });
          try {
            await assertTabWalk(page);
          } finally {
            await close(page);
          }
        });
      }
    }
  });
}

/** The accessibility suites. */
export function accessibility(env) {
  describe("accessibility", () => {
    templates();
    axePageTypes(env);
    toolContrast(env);
    structure(env);
    focusOrder(env);
  });
}
