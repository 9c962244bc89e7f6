//! The HTTP side of `acquis serve`: the built site from disk, on 127.0.0.1 only, with the
//! live-reload script added to each HTML page as it is sent (the files keep the bytes of a
//! build), and the endpoint that script waits on.

use super::live::Live;
use crate::Error;
use percent_encoding::percent_decode_str;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tiny_http::{Header, Request, Response, Server};

/// Where the script that reloads pages is served.
pub const LIVE_SCRIPT: &str = "/_acquis/live.js";
/// Where the script waits for the next rebuild.
pub const POLL: &str = "/_acquis/poll";

/// How long a waiting page's request is held before it asks again.
const POLL_TIMEOUT: Duration = Duration::from_secs(25);

/// Listens on 127.0.0.1:`port` (0: any free port) and serves `root`, each request on its own
/// thread; returns the address.
pub fn start(port: u16, root: PathBuf, live: Arc<Live>) -> Result<SocketAddr, Error> {
    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| Error::Serve(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Serve("the server has no IP address".into()))?;
    let root = Arc::new(root);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let (root, live) = (Arc::clone(&root), Arc::clone(&live));
            std::thread::spawn(move || handle(request, &root, &live));
        }
    });
    Ok(addr)
}

fn handle(request: Request, root: &Path, live: &Live) {
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let response = match path {
        POLL => poll(query, live),
        LIVE_SCRIPT => with_type(
            Response::from_data(include_bytes!("live.js").to_vec()),
            "text/javascript; charset=utf-8",
        ),
        _ => file(root, path, live),
    };
    let _ = request.respond(response);
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

/// The state of the site: at once without `since`, else when it differs from `since`.
fn poll(query: &str, live: &Live) -> Reply {
    let since = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("since="))
        .and_then(|n| n.parse::<u64>().ok());
    let state = match since {
        Some(n) => live.wait(n, POLL_TIMEOUT),
        None => live.now(),
    };
    let json = serde_json::to_vec(&state).expect("the state serialises");
    with_type(Response::from_data(json), "application/json")
        .with_header(header("Cache-Control", "no-store"))
}

fn file(root: &Path, url_path: &str, live: &Live) -> Reply {
    let Some(rel) = relative(url_path) else {
        return not_found(live);
    };
    let mut path = root.join(&rel);
    if path.is_dir() {
        if !url_path.ends_with('/') {
            return Response::from_data(Vec::new())
                .with_status_code(301)
                .with_header(header("Location", &format!("{url_path}/")));
        }
        path = path.join("index.html");
    }
    let Ok(bytes) = std::fs::read(&path) else {
        return not_found(live);
    };
    let kind = content_type(&path);
    let bytes = if kind.starts_with("text/html") {
        inject(bytes, live.now().generation)
    } else {
        bytes
    };
    with_type(Response::from_data(bytes), kind).with_header(header("Cache-Control", "no-store"))
}

/// The path below the site root a URL path names, or `None` if it would leave it.
fn relative(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode_str(url_path).decode_utf8().ok()?;
    let rel = PathBuf::from(decoded.trim_start_matches('/'));
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(rel)
}

/// Adds the live-reload script before `</body>` (or at the end).
fn inject(html: Vec<u8>, generation: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_SCRIPT}\" data-generation=\"{generation}\"></script>");
    let text = String::from_utf8_lossy(&html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + tag.len());
    out.push_str(&text[..at]);
    out.push_str(&tag);
    out.push_str(&text[at..]);
    out.into_bytes()
}

fn not_found(live: &Live) -> Reply {
    let page = "<!DOCTYPE html><html lang=\"en\"><title>Not found</title><body><p>No such page in the site.</p></body></html>";
    with_type(
        Response::from_data(inject(page.as_bytes().to_vec(), live.now().generation)),
        "text/html; charset=utf-8",
    )
    .with_status_code(404)
}

/// The media types of the files a build writes.
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "bib" => "application/x-bibtex; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

fn with_type(response: Reply, kind: &str) -> Reply {
    response.with_header(header("Content-Type", kind))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(relative("/mc-x-1/"), Some(PathBuf::from("mc-x-1/")));
        assert_eq!(relative("/a%20b/c.json"), Some(PathBuf::from("a b/c.json")));
        assert_eq!(relative("/../etc/passwd"), None);
        assert_eq!(relative("/a/%2e%2e/%2e%2e/x"), None);
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let out = inject(b"<html><body><p>x</p></body></html>".to_vec(), 7);
        let out = String::from_utf8(out).unwrap();
        assert!(out.ends_with(
            "<p>x</p><script src=\"/_acquis/live.js\" data-generation=\"7\"></script></body></html>"
        ));
    }
}
