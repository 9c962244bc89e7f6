// How a reader moves through the site: paragraph URLs, the ¶ link and "Copy citation" from the
// keyboard, links that land on the cited place, the skip link, and index pages by keyboard.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { COPY, INDEXES, LINKS, PARAGRAPH_URLS, samples } from "./cases.mjs";
import {
  DESKTOP,
  PHONE,
  background,
  byId,
  close,
  focusIndicator,
  focused,
  inViewport,
  tabUntil,
  targetId,
  waitFor,
} from "./harness.mjs";

/**
 * Asserts that `page` shows `url`: the address is that URL, its fragment is the `:target`, the
 * target lies in the viewport, and it is highlighted (a background of its own).
 */
async function assertLanded(page, url) {
  await page.waitForURL(url, { timeout: 5000 });
  const id = decodeURIComponent(new URL(url).hash.slice(1));
  assert.equal(await targetId(page), id, `${url}: :target`);
  const target = byId(page, id);
  assert.ok(await waitFor(() => inViewport(target)), `${url}: #${id} is not scrolled into view`);
  const [own, page_] = [await background(target), await background(page.locator("body"))];
  assert.notEqual(own, "rgba(0, 0, 0, 0)", `${url}: #${id} is not highlighted`);
  assert.notEqual(own, page_, `${url}: #${id} is not highlighted`);
}

/** Asserts that the focused element shows focus and is scrolled into view. */
async function assertFocusVisible(page) {
  const what = await focused(page);
  assert.ok(await focusIndicator(page), `${what} shows no focus indicator`);
  const inView = await page.evaluate(() => {
    const box = document.activeElement.getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight;
  });
  assert.ok(inView, `${what} is focused but not in the viewport`);
}

function paragraphUrls(env) {
  describe("a paragraph URL scrolls to the paragraph and highlights it", () => {
    for (const c of PARAGRAPH_URLS) {
      for (const [name, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
        test(`${c.site}: ${c.path} (${name})`, async () => {
          const page = await env.open(c.site, c.path, { viewport });
          try {
            await assertLanded(page, env.url(c.site, c.path));
            const id = decodeURIComponent(c.path.split("#")[1]);
            const edge = await byId(page, id).evaluate((el) => getComputedStyle(el).borderLeftColor);
            const other = await page
              .locator(".para:not(:target)")
              .first()
              .evaluate((el) => getComputedStyle(el).borderLeftColor);
            assert.notEqual(edge, other, "the target paragraph has no edge of its own");
          } finally {
            await close(page);
          }
        });
      }
    }
  });
}

/** Tabs from the contents to the ¶ link of paragraph `anchor`, as a keyboard reader would. */
async function tabToSelfLink(page, anchor) {
  const heading = await byId(page, anchor).evaluate((el) => {
    let node = el;
    while (node && !node.matches?.(".division")) node = node.previousElementSibling ?? node.parentElement;
    return node?.id ?? null;
  });
  assert.ok(heading, `no heading before ${anchor}`);
  const toc = (id) => document.activeElement?.matches(`.toc a[href="#${CSS.escape(id)}"]`);
  assert.ok(await tabUntil(page, `(${toc})(${JSON.stringify(heading)})`, 300), `Tab never reaches the contents entry of ${heading}`);
  await page.keyboard.press("Enter");
  const self = (id) => document.activeElement?.matches(`[id="${id}"] .self`);
  assert.ok(await tabUntil(page, `(${self})(${JSON.stringify(anchor)})`, 40), `Tab never reaches the ¶ of ${anchor}`);
}

function copyCitation(env) {
  describe("the ¶ link and Copy citation work from the keyboard", () => {
    for (const c of COPY) {
      test(`${c.site}: ${c.path}#${c.anchor}`, async () => {
        const context = await env.context({ permissions: ["clipboard-read", "clipboard-write"] });
        const page = await context.newPage();
        try {
          await page.goto(env.url(c.site, c.path));
          await tabToSelfLink(page, c.anchor);
          await assertFocusVisible(page);
          const citation = c.clipboard.slice(0, c.clipboard.lastIndexOf(" "));
          const link = page.getByRole("link", { name: `Link to ${citation}`, exact: true });
          assert.equal(await link.count(), 1, `one link named "Link to ${citation}"`);
          assert.ok(await link.evaluate((el) => el === document.activeElement), "the named link is the focused one");
          assert.equal(await link.evaluate((el) => getComputedStyle(el).opacity), "1", "the focused ¶ is visible");

          await page.keyboard.press("Enter");
          await assertLanded(page, env.url(c.site, `${c.path}#${c.anchor}`));

          const isCopy = () => document.activeElement?.matches("button.copy");
          assert.ok(await tabUntil(page, isCopy, 3), "Tab after the ¶ reaches Copy citation");
          await assertFocusVisible(page);
          const button = page.getByRole("button", { name: `Copy citation: ${citation}`, exact: true });
          assert.ok(await button.evaluate((el) => el === document.activeElement), "the named button is the focused one");
          await page.keyboard.press("Enter");
          const text = await waitFor(() => page.evaluate(() => navigator.clipboard.readText()));
          assert.equal(text, c.clipboard, "the clipboard holds the citation and its address");
          const status = await waitFor(() => page.getByRole("status").textContent());
          assert.match(status ?? "", /^Copied/, "the copy is announced in a status region");
        } finally {
          await context.close();
        }
      });
    }
  });
}

function links(env) {
  describe("a followed link lands on the place it names", () => {
    for (const c of LINKS) {
      const move = c.follow ? `follow ${[c.follow].flat().join(", then ")}` : "open it";
      test(`${c.site}: ${c.open}, ${move} → ${c.land}`, async () => {
        const page = await env.open(c.site, c.open);
        try {
          for (const selector of [c.follow ?? []].flat()) {
            const link = page.locator(selector).first();
            await link.focus();
            await page.keyboard.press("Enter");
          }
          await assertLanded(page, env.url(c.site, c.land));
        } finally {
          await close(page);
        }
      });
    }
  });
}

function skipLink(env) {
  describe("the skip link is the first stop and leads into the text", () => {
    for (const { type, site, path } of samples()) {
      test(`${site}: ${type.name}`, async () => {
        const page = await env.open(site, path);
        try {
          await page.keyboard.press("Tab");
          assert.ok(await page.evaluate(() => document.activeElement.matches("a.skip")), "first Tab: the skip link");
          await assertFocusVisible(page);
          assert.ok(await inViewport(page.locator("a.skip")), "the focused skip link is on screen");
          await page.keyboard.press("Enter");
          assert.equal(await targetId(page), "main", "the skip link leads to main");
          const controls = await page.locator("main").locator("a[href], button:not([hidden]), input").count();
          await page.keyboard.press("Tab");
          const where = await page.evaluate(() => (document.activeElement.closest("main") ? "main" : document.activeElement.closest("header") ? "header" : "elsewhere"));
          // A page whose main holds no control (a document cited only) leaves Tab past the header.
          if (controls > 0) assert.equal(where, "main", `after the skip link, Tab goes into main, not ${await focused(page)}`);
          else assert.notEqual(where, "header", `after the skip link, Tab goes back to ${await focused(page)}`);
        } finally {
          await close(page);
        }
      });
    }
  });
}

/** The focusable elements of the page in document order, each marked with `data-tab` = its rank. */
function markFocusable(page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll("a[href], button, input, select, textarea, details > summary:first-of-type, [tabindex]")];
    const shown = all.filter((el) => {
      const style = getComputedStyle(el);
      return !el.hidden && el.tabIndex >= 0 && style.visibility !== "hidden" && el.getClientRects().length > 0;
    });
    shown.forEach((el, i) => el.setAttribute("data-tab", String(i)));
    return shown.length;
  });
}

/** Asserts that Tab visits every focusable element in document order, each visibly focused. */
export async function assertTabWalk(page) {
  const count = await markFocusable(page);
  for (let i = 0; i < count; i++) {
    await page.keyboard.press("Tab");
    const rank = await page.evaluate(() => document.activeElement.getAttribute("data-tab"));
    assert.equal(rank, String(i), `Tab stop ${i + 1} of ${count} is ${await focused(page)}`);
    await assertFocusVisible(page);
  }
}

function indexes(env) {
  describe("index pages work from the keyboard", () => {
    for (const c of INDEXES) {
      test(`${c.site}: ${c.path}: Tab visits every link in order, visibly`, async () => {
        const page = await env.open(c.site, c.path);
        try {
          await assertTabWalk(page);
        } finally {
          await close(page);
        }
      });
      test(`${c.site}: ${c.path}: Enter on a group leads into it, Enter on a document opens it`, async () => {
        const page = await env.open(c.site, c.path);
        try {
          const groups = await page.locator(c.groups).count();
          assert.ok(groups > 0, `no ${c.groups}`);
          const group = page.locator(c.groups).last();
          const href = await group.getAttribute("href");
          const isGroup = (h) => document.activeElement?.getAttribute("href") === h;
          assert.ok(await tabUntil(page, `(${isGroup})(${JSON.stringify(href)})`, 50), `Tab reaches ${href}`);
          await page.keyboard.press("Enter");
          await assertLanded(page, new URL(href, page.url()).href);
          const inGroup = (sel, id) => {
            const el = document.activeElement;
            const section = document.getElementById(id).closest("section");
            return el.matches(sel) && section.contains(el);
          };
          const args = JSON.stringify([c.items, href.slice(1)]).slice(1, -1);
          assert.ok(await tabUntil(page, `(${inGroup})(${args})`, 3), "the next Tab stops are in that group");
          const target = await page.evaluate(() => document.activeElement.href);
          await page.keyboard.press("Enter");
          await page.waitForURL(target);
          assert.equal(await page.locator("h1").count(), 1, "the document page opened");
        } finally {
          await close(page);
        }
      });
    }
  });
}

/** The navigation suites. */
export function navigation(env) {
  describe("navigation", () => {
    paragraphUrls(env);
    copyCitation(env);
    links(env);
    skipLink(env);
    indexes(env);
  });
}
