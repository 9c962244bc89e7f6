// Runs queries through the Pagefind index of a built site, with Pagefind's own search code
// (pagefind.js and its WebAssembly), as a browser would. Files are read from disk instead of
// fetched: no server, no network.
//
// node query.mjs <site dir> <queries.json>
// queries.json: [{ "term": "...", "filters": { "Kind": "decision" } }, ...]
// Prints, for each query: { term, count, results: [{ url, title, excerpt, sub_results }] } and
// the filters the index offers.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const [siteDir, queriesFile] = process.argv.slice(2);
const bundle = path.join(path.resolve(siteDir), "pagefind");

globalThis.fetch = async (input) => {
  const url = new URL(String(input), pathToFileURL(bundle + "/"));
  url.search = "";
  const file = url.protocol === "file:" ? fileURLToPath(url) : path.join(bundle, url.pathname);
  if (!file.startsWith(bundle)) throw new Error(`refusing to read ${file}`);
  try {
    return new Response(await readFile(file));
  } catch (e) {
    return new Response(null, { status: 404 });
  }
};

const pagefind = await import(pathToFileURL(path.join(bundle, "pagefind.js")).href);
await pagefind.options({ baseUrl: "/" });
await pagefind.init();
const queries = JSON.parse(await readFile(queriesFile, "utf8"));
const out = { filters: await pagefind.filters(), queries: [] };
for (const q of queries) {
  const search = await pagefind.search(q.term, { filters: q.filters || {} });
  const results = [];
  for (const r of search.results.slice(0, 10)) {
    const d = await r.data();
    results.push({
      url: d.url,
      title: d.meta.title,
      excerpt: d.excerpt,
      sub_results: d.sub_results.map((s) => ({ url: s.url, title: s.title, excerpt: s.excerpt })),
    });
  }
  out.queries.push({ term: q.term, count: search.results.length, results });
}
process.stdout.write(JSON.stringify(out, null, 1));
