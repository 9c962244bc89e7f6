// A static file server for a built site, on 127.0.0.1 only: the browser tests read the site over
// HTTP as a reader would, from a folder written by `acquis build`.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
};

/** The file a URL path names inside `root` (`/a/` is `/a/index.html`), or null if it leaves it. */
function fileFor(root, urlPath) {
  const path = normalize(decodeURIComponent(urlPath));
  const file = join(root, path.endsWith("/") ? join(path, "index.html") : path);
  return file === root || file.startsWith(root + sep) ? file : null;
}

async function respond(root, request, response) {
  const { pathname } = new URL(request.url, "http://127.0.0.1");
  const file = fileFor(root, pathname);
  const info = file && (await stat(file).catch(() => null));
  if (info?.isDirectory()) {
    response.writeHead(301, { Location: pathname + "/" }).end();
  } else if (info?.isFile()) {
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    response.writeHead(200, { "Content-Type": type }).end(await readFile(file));
  } else {
    response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
  }
}

/** Serves `root` on a free port of 127.0.0.1; resolves to `{ url, close }`. */
export function serve(root) {
  const server = createServer((req, res) => {
    respond(root, req, res).catch(() => res.writeHead(500).end());
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => {
          server.closeAllConnections();
          return new Promise((done) => server.close(done));
        },
      });
    });
  });
}
