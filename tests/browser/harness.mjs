// What every browser suite shares: the built sites served on 127.0.0.1, one Chromium, and pages
// opened in contexts that refuse (and record) any request to another host and record script errors.
import { chromium } from "playwright-core";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { serve } from "./serve.mjs";

const require = createRequire(import.meta.url);

/** axe-core, injected into pages by the accessibility suite. */
export const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Flags for Debian's Chromium in a container without a GPU, a sandbox or network needs. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A laptop screen. */
export const DESKTOP = { width: 1280, height: 900 };
/** A small phone (iPhone SE size). */
export const PHONE = { width: 375, height: 667 };

/** Every page of a built site, as URL paths relative to its root (`mc-x-1/compilation/`). */
export function pagesOf(dir) {
  const pages = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === "index.html") {
        const rel = relative(dir, d).split(sep).join("/");
        pages.push(rel === "" ? "" : rel + "/");
      }
    }
  };
  walk(dir);
  return pages.sort();
}

/**
 * The running test environment: `sites` maps a name (`fixture`, `site`) to its folder, and once
 * `start` has run, to its URL; `browser` is the one Chromium.
 */
export class Env {
  constructor({ sites, chromium: executablePath, screenshots }) {
    this.dirs = sites;
    this.executablePath = executablePath;
    this.screenshots = screenshots;
    this.urls = {};
    this.servers = [];
    /** Requests to any host but 127.0.0.1, refused. */
    this.foreign = [];
    /** Uncaught script errors and console errors, with the page they happened on. */
    this.scriptErrors = [];
  }

  async start() {
    for (const [name, dir] of Object.entries(this.dirs)) {
      const server = await serve(dir);
      this.servers.push(server);
      this.urls[name] = server.url;
    }
    this.browser = await chromium.launch({
      executablePath: this.executablePath,
      args: CHROMIUM_FLAGS,
    });
  }

  async stop() {
    await this.browser?.close();
    await Promise.all(this.servers.map((s) => s.close()));
  }

  /** The absolute URL of `path` in site `site`. */
  url(site, path) {
    return new URL(path, this.urls[site]).href;
  }

  /** A fresh browser context (cookies, clipboard, scheme, viewport) with the request guard. */
  async context({ viewport = DESKTOP, colorScheme = "light", permissions = [] } = {}) {
    const context = await this.browser.newContext({ viewport, colorScheme, reducedMotion: "reduce" });
    if (permissions.length > 0) await context.grantPermissions(permissions);
    await context.route(
      (url) => url.protocol !== "data:" && url.hostname !== "127.0.0.1",
      (route) => {
        this.foreign.push(route.request().url());
        return route.abort("blockedbyclient");
      },
    );
    context.on("page", (page) => this.watch(page));
    return context;
  }

  watch(page) {
    page.on("pageerror", (error) => this.scriptErrors.push(`${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") this.scriptErrors.push(`${page.url()}: ${message.text()}`);
    });
  }

  /** Opens `path` of `site` in a new context; returns the page (close its context when done). */
  async open(site, path, options = {}) {
    const context = await this.context(options);
    const page = await context.newPage();
    if (options.media) await page.emulateMedia({ media: options.media });
    await page.goto(this.url(site, path), { waitUntil: "load" });
    return page;
  }

  /**
   * Opens every page of `site` (but those in `except`) in one context and runs `check(page, path)`
   * on each; returns the problems the checks returned (each an array of strings), all together.
   */
  async everyPage(site, check, { except = [], ...options } = {}) {
    const context = await this.context(options);
    const page = await context.newPage();
    const problems = [];
    try {
      for (const path of pagesOf(this.dirs[site]).filter((p) => !except.includes(p))) {
        await page.goto(this.url(site, path));
        problems.push(...(await check(page, path)));
      }
    } finally {
      await context.close();
    }
    return problems;
  }

  /** Saves a screenshot of `page` as `<screenshots>/<name>.png`. */
  async screenshot(page, name, options = {}) {
    await page.screenshot({ path: join(this.screenshots, `${name}.png`), ...options });
  }
}

/** Closes the context a page was opened in. */
export function close(page) {
  return page.context().close();
}

/** Whether the element of `locator` lies (at least its top line) inside the viewport. */
export async function inViewport(locator) {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= -1 && box.top < window.innerHeight && box.left >= 0 && box.right <= window.innerWidth + 1;
  });
}

/** The id of the element matching `:target`, or null. */
export function targetId(page) {
  return page.evaluate(() => document.querySelector(":target")?.id ?? null);
}

/** How the focused element shows focus: its outline or box shadow, or null if it shows none. */
export function focusIndicator(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) {
      return `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
    }
    if (style.boxShadow !== "none") return `box-shadow ${style.boxShadow}`;
    return null;
  });
}

/** A short description of the focused element (tag, id or class, text), for messages. */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return "nothing";
    const name = el.getAttribute("aria-label") ?? el.textContent.trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className ? "." + el.className : ""}> ${name}`;
  });
}

/** Presses Tab until `predicate` (evaluated on the focused element) holds; at most `max` times. */
export async function tabUntil(page, predicate, max = 50) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(predicate)) return true;
  }
  return false;
}

/** The computed background colour of `locator`'s element. */
export function background(locator) {
  return locator.evaluate((el) => getComputedStyle(el).backgroundColor);
}

/** Polls `check` (async, returning a truthy value when done) for up to `timeout` ms. */
export async function waitFor(check, timeout = 3000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The locator of the element whose id is `id` (ids here hold dots and parentheses). */
export function byId(page, id) {
  return page.locator(`[id="${id.replace(/"/g, '\\"')}"]`);
}
