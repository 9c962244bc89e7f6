// The browser suites over two built sites (the fixture corpus and the real content), run by
// tests/browser.rs as part of `cargo test --release`, or by hand while working on the theme:
//
//   node --test-reporter=spec tests/browser/run.mjs --fixture DIR --site DIR \
//        [--chromium /usr/bin/chromium] [--screenshots target/screenshots]
//
// Each site is served on 127.0.0.1; Chromium (Debian's, through playwright-core) reads it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { accessibility } from "./accessibility.mjs";
import { Env } from "./harness.mjs";
import { layout } from "./layout.mjs";
import { navigation } from "./navigation.mjs";

const { values: args } = parseArgs({
  options: {
    fixture: { type: "string" },
    site: { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    screenshots: { type: "string", default: fileURLToPath(new URL("../../target/screenshots", import.meta.url)) },
  },
});
for (const required of ["fixture", "site"]) {
  if (!args[required]) throw new Error(`--${required} DIR (a folder built by acquis build) is required`);
}
mkdirSync(args.screenshots, { recursive: true });

const env = new Env({
  sites: { fixture: resolve(args.fixture), site: resolve(args.site) },
  chromium: args.chromium,
  screenshots: resolve(args.screenshots),
});

describe("the site in Chromium", { concurrency: 1 }, () => {
  before(() => env.start());
  after(() => env.stop());

  navigation(env);
  accessibility(env);
  layout(env);

  describe("over all of the above", () => {
    test("no request went to any host but 127.0.0.1", () => {
      assert.deepEqual(env.foreign, []);
    });
    test("no script error", () => {
      assert.deepEqual(env.scriptErrors, []);
    });
  });
});
