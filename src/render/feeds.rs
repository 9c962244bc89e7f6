//! What crawlers and feed readers read: `sitemap.xml`, an Atom feed of the documents and
//! `robots.txt`.
//!
//! No build time goes into them: a date is always a document's date (the feed's `updated` is the
//! latest of them), so the same corpus gives the same bytes.

use super::opendata::{version_json_path, version_page_path};
use super::xml::{document, text, Xml};
use crate::model::{Corpus, Document, PartialDate};
use std::io;

/// Site-relative path of the sitemap.
pub const SITEMAP: &str = "sitemap.xml";
/// Site-relative path of the Atom feed.
pub const FEED: &str = "feed.xml";
/// Site-relative path of the robots file.
pub const ROBOTS: &str = "robots.txt";

/// Pages of the site that are not a document's, listed first in the sitemap.
const SITE_PAGES: [&str; 5] = ["", "documents/", "search/", "data/", "notes/"];

/// `sitemap.xml`: the site's own pages and every document and version page.
pub fn sitemap(corpus: &Corpus, base: &str) -> Vec<u8> {
    document(|w| {
        w.create_element("urlset")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|w| {
                for page in SITE_PAGES {
                    url(w, &format!("{base}/{page}"), None)?;
                }
                for doc in &corpus.documents {
                    url(w, &format!("{base}/{}/", doc.slug), Some(&doc.meta.date))?;
                    for v in doc.versions.iter().filter(|v| !is_canonical(doc, v)) {
                        url(
                            w,
                            &format!("{base}/{}", version_page_path(doc, v)),
                            Some(&v.meta.date),
                        )?;
                    }
                }
                Ok(())
            })?;
        Ok(())
    })
}

fn url(w: &mut Xml, loc: &str, lastmod: Option<&PartialDate>) -> io::Result<()> {
    w.create_element("url").write_inner_content(|w| {
        text(w, "loc", loc)?;
        if let Some(d) = lastmod {
            text(w, "lastmod", &d.to_string())?;
        }
        Ok(())
    })?;
    Ok(())
}

fn is_canonical(doc: &Document, v: &crate::model::Version) -> bool {
    doc.meta.canonical.as_deref() == Some(v.meta.id.as_str())
}

/// `feed.xml`: an Atom feed with one entry per document, newest first.
pub fn atom(corpus: &Corpus, base: &str) -> Vec<u8> {
    let mut docs: Vec<&Document> = corpus.documents.iter().collect();
    docs.sort_by(|a, b| b.meta.date.cmp(&a.meta.date).then(a.slug.cmp(&b.slug)));
    let updated = docs.first().map_or("1970-01-01T00:00:00Z".to_owned(), |d| {
        timestamp(&d.meta.date)
    });
    let site = &corpus.site;
    document(|w| {
        w.create_element("feed")
            .with_attributes([
                ("xmlns", "http://www.w3.org/2005/Atom"),
                ("xml:lang", site.language.as_str()),
            ])
            .write_inner_content(|w| {
                text(w, "id", &format!("{base}/"))?;
                text(w, "title", &site.title)?;
                text(w, "subtitle", &site.description)?;
                text(w, "updated", &updated)?;
                link(w, "self", "application/atom+xml", &format!("{base}/{FEED}"))?;
                link(w, "alternate", "text/html", &format!("{base}/"))?;
                text(w, "generator", "acquis")?;
                for doc in &docs {
                    entry(w, doc, base)?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

fn entry(w: &mut Xml, doc: &Document, base: &str) -> io::Result<()> {
    let m = &doc.meta;
    let when = timestamp(&m.date);
    w.create_element("entry").write_inner_content(|w| {
        text(w, "id", &format!("{base}/{}/", doc.slug))?;
        text(w, "title", &format!("{}: {}", m.cite_name(), m.title))?;
        text(w, "published", &when)?;
        text(w, "updated", &when)?;
        w.create_element("author")
            .write_inner_content(|w| text(w, "name", &m.body))?;
        link(
            w,
            "alternate",
            "text/html",
            &format!("{base}/{}/", doc.slug),
        )?;
        if let Some(v) = doc.canonical() {
            let json = format!("{base}/{}", version_json_path(doc, v));
            link(w, "alternate", "application/json", &json)?;
        }
        w.create_element("category")
            .with_attribute(("term", m.kind.as_str()))
            .write_empty()?;
        text(w, "summary", &m.description)?;
        Ok(())
    })?;
    Ok(())
}

fn link(w: &mut Xml, rel: &str, kind: &str, href: &str) -> io::Result<()> {
    w.create_element("link")
        .with_attributes([("rel", rel), ("type", kind), ("href", href)])
        .write_empty()?;
    Ok(())
}

/// An RFC 3339 time for a date: midnight UTC of its first possible day.
fn timestamp(d: &PartialDate) -> String {
    format!("{}T00:00:00Z", d.first_day())
}

/// `robots.txt`: everything may be crawled; the sitemap says where the pages are.
pub fn robots(base: &str) -> Vec<u8> {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base}/{SITEMAP}\n").into_bytes()
}
