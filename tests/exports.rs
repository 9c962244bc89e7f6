//! Open data, Akoma Ntoso, feeds, sitemap, JSON-LD, citation exports, the source view and the
//! data page: built from the fixture corpus and from the real content, parsed and validated.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;
use std::sync::OnceLock;

fn fixture_site() -> &'static BuiltSite {
    static SITE: OnceLock<BuiltSite> = OnceLock::new();
    SITE.get_or_init(|| build_site(&fixture()))
}

fn real_site() -> &'static BuiltSite {
    static SITE: OnceLock<BuiltSite> = OnceLock::new();
    SITE.get_or_init(|| build_site(&root().join("content")))
}

fn both() -> [&'static BuiltSite; 2] {
    [fixture_site(), real_site()]
}

fn json(site: &BuiltSite, rel: &str) -> Value {
    serde_json::from_str(&site.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn files_with(site: &BuiltSite, suffix: &str) -> Vec<String> {
    tree(&site.out)
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p.ends_with(suffix))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// JSON and its schema

fn schema(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("schemas").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A validator for `name`, with the version schema registered for the corpus schema's `$ref`s.
fn validator(name: &str) -> jsonschema::Validator {
    let version = schema("acquis-version-1.json");
    let registry = jsonschema::Registry::new()
        .add("urn:acquis:schema:acquis-version-1", version)
        .unwrap()
        .prepare()
        .unwrap();
    jsonschema::options()
        .with_registry(&registry)
        .should_validate_formats(true)
        .build(&schema(name))
        .unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_version_file_and_the_corpus_index_validate_against_their_schemas() {
    let version = validator("acquis-version-1.json");
    let corpus = validator("acquis-corpus-1.json");
    for site in both() {
        let files = files_with(site, ".json");
        let versions: Vec<&String> = files
            .iter()
            .filter(|f| f.starts_with("data/") && !f.contains("/schema/"))
            .filter(|f| !f.ends_with("citation.json") && !f.ends_with("corpus.json"))
            .collect();
        let expected: usize = site
            .built
            .corpus
            .documents
            .iter()
            .map(|d| d.versions.len())
            .sum();
        assert_eq!(versions.len(), expected, "one JSON file per version");
        for f in versions {
            let problems = errors(&version, &json(site, f));
            assert!(problems.is_empty(), "{f}:\n{}", problems.join("\n"));
        }
        let problems = errors(&corpus, &json(site, "data/corpus.json"));
        assert!(problems.is_empty(), "corpus.json:\n{}", problems.join("\n"));
    }
}

#[test]
fn the_schema_rejects_a_paragraph_without_its_permanent_id() {
    let version = validator("acquis-version-1.json");
    let mut data = json(fixture_site(), "data/mc-x-1/compilation.json");
    assert!(errors(&version, &data).is_empty());
    data["paragraphs"][0].as_object_mut().unwrap().remove("pid");
    assert!(!errors(&version, &data).is_empty(), "the validator checks");
}

#[test]
fn the_site_publishes_the_schemas_of_the_repository() {
    let site = fixture_site();
    for name in ["acquis-version-1.json", "acquis-corpus-1.json"] {
        let published = site.read(&format!("data/schema/{name}"));
        let repo = std::fs::read_to_string(root().join("schemas").join(name)).unwrap();
        assert_eq!(published, repo, "{name}");
    }
}

#[test]
fn a_paragraph_carries_its_id_anchor_number_text_and_outgoing_citations() {
    let site = fixture_site();
    let data = json(site, "data/mc-x-1/compilation.json");
    let corpus = &site.built.corpus;
    let doc = corpus
        .documents
        .iter()
        .find(|d| d.slug == "mc-x-1")
        .unwrap();
    let model = doc.canonical().unwrap().paragraphs();
    let paragraphs = data["paragraphs"].as_array().unwrap();
    assert_eq!(
        paragraphs.len(),
        model.len(),
        "every paragraph, nested ones too"
    );
    let a = paragraphs
        .iter()
        .find(|p| p["anchor"] == "2(a)")
        .expect("paragraph 2(a)");
    let want = model.iter().find(|p| p.anchor == "2(a)").unwrap();
    assert_eq!(a["pid"], want.pid.as_str());
    assert_eq!(a["number"], "(a)");
    assert_eq!(a["kind"], "numbered");
    assert_eq!(a["parent"], "2");
    assert_eq!(a["text"], "Assist participating States;");
    assert_eq!(a["citation"], "MC.X/1, 2(a)");
    assert_eq!(a["url"], "https://fixture.example.org/acquis/mc-x-1/#2(a)");
    assert_eq!(
        a["line"].as_u64().unwrap() as usize,
        line_of(&fixture(), "mc-x-1/compilation.md", "(a) Assist")
    );
    assert!(paragraphs
        .iter()
        .all(|p| p["citations"] == Value::Array(vec![])));
    let corrected = paragraphs
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains("Organization’s"))
        .expect("the corrected reading");
    let note = data["editorial_notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["anchor"] == corrected["anchor"])
        .unwrap();
    assert_eq!(note["source"], "=s");
    assert_eq!(note["reading"], "’s");
}

#[test]
fn the_corpus_index_lists_every_document_and_links_its_files() {
    for site in both() {
        let index = json(site, "data/corpus.json");
        let slugs: Vec<&str> = index["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["slug"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = site
            .built
            .corpus
            .documents
            .iter()
            .map(|d| d.slug.as_str())
            .collect();
        assert_eq!(slugs, want);
        let base = index["site"]["base_url"].as_str().unwrap().to_owned();
        for d in index["documents"].as_array().unwrap() {
            let mut urls = vec![
                d["csl_json"].as_str().unwrap(),
                d["bibtex"].as_str().unwrap(),
            ];
            for v in d["versions"].as_array().unwrap() {
                urls.push(v["json"].as_str().unwrap());
                urls.push(v["akoma_ntoso"].as_str().unwrap());
            }
            for url in urls {
                let rel = url.strip_prefix(&format!("{base}/")).unwrap();
                assert!(site.out.join(rel).is_file(), "{url} is in the site");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Akoma Ntoso

#[test]
fn akoma_ntoso_validates_against_the_official_schema() {
    let Some(xmllint) = tool("xmllint", "apt-get install libxml2-utils") else {
        return;
    };
    let xsd = root().join("tests/fixtures/akomantoso/akomantoso30.xsd");
    let mut checked = 0;
    for site in both() {
        let files = files_with(site, ".akn.xml");
        assert!(!files.is_empty());
        let paths: Vec<_> = files.iter().map(|f| site.out.join(f)).collect();
        let out = Command::new(&xmllint)
            .args(["--noout", "--nonet", "--schema"])
            .arg(&xsd)
            .args(&paths)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert_eq!(
            stderr.matches(" validates").count(),
            files.len(),
            "{stderr}"
        );
        checked += files.len();
    }
    eprintln!("{checked} Akoma Ntoso files validate");
}

#[test]
fn akoma_ntoso_names_paragraphs_by_eid_and_keeps_the_permanent_id_as_wid() {
    let site = fixture_site();
    let text = site.read("data/mc-x-1/compilation.akn.xml");
    let xml = roxmltree::Document::parse(&text).unwrap();
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "akomaNtoso");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://docs.oasis-open.org/legaldocml/ns/akn/3.0")
    );
    let by_eid = |eid: &str| {
        xml.descendants()
            .find(|n| n.attribute("eId") == Some(eid))
            .unwrap_or_else(|| panic!("no eId {eid}"))
    };
    let a = by_eid("para_2__point_a");
    assert_eq!(a.tag_name().name(), "point");
    let doc = site
        .built
        .corpus
        .documents
        .iter()
        .find(|d| d.slug == "mc-x-1")
        .unwrap();
    let want = doc.canonical().unwrap().paragraphs();
    let want = want.iter().find(|p| p.anchor == "2(a)").unwrap();
    assert_eq!(a.attribute("wId"), Some(want.pid.as_str()));
    let num = a.children().find(|n| n.has_tag_name("num")).unwrap();
    assert_eq!(num.text(), Some("(a)"));
    assert_eq!(by_eid("para_2").tag_name().name(), "paragraph");
    let eids: Vec<&str> = xml
        .descendants()
        .filter_map(|n| n.attribute("eId"))
        .collect();
    let unique: BTreeSet<&str> = eids.iter().copied().collect();
    assert_eq!(eids.len(), unique.len(), "eIds are unique");
    let paragraphs = xml
        .descendants()
        .filter(|n| n.attribute("wId").is_some())
        .count();
    assert_eq!(paragraphs, doc.canonical().unwrap().paragraphs().len());
    let note = xml
        .descendants()
        .find(|n| n.has_tag_name("authorialNote"))
        .expect("footnotes are authorial notes");
    assert_eq!(note.attribute("marker"), Some("1"));
}

// ---------------------------------------------------------------------------------------------
// Sitemap, feed, robots

fn parse(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML: {e}"))
}

fn document_urls(site: &BuiltSite) -> Vec<String> {
    let base = site.built.corpus.site.base_url.trim_end_matches('/');
    site.built
        .corpus
        .documents
        .iter()
        .map(|d| format!("{base}/{}/", d.slug))
        .collect()
}

#[test]
fn the_sitemap_parses_and_lists_every_document_and_version() {
    for site in both() {
        let text = site.read("sitemap.xml");
        let xml = parse(&text);
        let locs: BTreeSet<&str> = xml
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        for url in document_urls(site) {
            assert!(locs.contains(url.as_str()), "{url} in the sitemap");
        }
        let base = site.built.corpus.site.base_url.trim_end_matches('/');
        for doc in &site.built.corpus.documents {
            for v in &doc.versions {
                let main = doc.meta.canonical.as_deref() == Some(v.meta.id.as_str());
                if !main {
                    let url = format!("{base}/{}/{}/", doc.slug, v.meta.id);
                    assert!(locs.contains(url.as_str()), "{url}");
                }
            }
        }
        for loc in &locs {
            let rel = loc.strip_prefix(base).unwrap().trim_start_matches('/');
            assert!(
                site.out.join(rel).join("index.html").is_file(),
                "{loc} is a page of the site"
            );
        }
    }
}

#[test]
fn the_feed_parses_lists_every_document_newest_first_and_carries_no_build_time() {
    for site in both() {
        let text = site.read("feed.xml");
        let xml = parse(&text);
        let feed = xml.root_element();
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        let entries: Vec<_> = feed
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        let child = |n: roxmltree::Node<'_, '_>, name: &str| -> String {
            n.children()
                .find(|c| c.has_tag_name(name))
                .and_then(|c| c.text())
                .unwrap_or_else(|| panic!("no {name}"))
                .to_owned()
        };
        let ids: BTreeSet<String> = entries.iter().map(|e| child(*e, "id")).collect();
        let want: BTreeSet<String> = document_urls(site).into_iter().collect();
        assert_eq!(ids, want, "one entry per document");
        let updated: Vec<String> = entries.iter().map(|e| child(*e, "updated")).collect();
        let mut sorted = updated.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(updated, sorted, "newest first");
        let latest = site
            .built
            .corpus
            .documents
            .iter()
            .map(|d| d.meta.date)
            .max()
            .unwrap();
        assert_eq!(
            child(feed, "updated"),
            format!("{}T00:00:00Z", latest.first_day())
        );
        for e in &entries {
            assert!(e.descendants().any(|n| n.has_tag_name("author")));
        }
    }
}

#[test]
fn robots_points_at_the_sitemap() {
    let site = fixture_site();
    let robots = site.read("robots.txt");
    assert!(robots.contains("User-agent: *"));
    assert!(robots.contains("Sitemap: https://fixture.example.org/acquis/sitemap.xml"));
}

// ---------------------------------------------------------------------------------------------
// JSON-LD and citations

fn jsonld(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD script")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[test]
fn every_document_page_describes_itself_as_schema_org_legislation() {
    for site in both() {
        for doc in &site.built.corpus.documents {
            let page = format!("{}/index.html", doc.slug);
            let ld = jsonld(&site.read(&page));
            assert_eq!(ld["@context"], "https://schema.org", "{page}");
            assert_eq!(ld["@type"], "Legislation", "{page}");
            assert_eq!(ld["name"], doc.meta.title.as_str());
            let id = doc.meta.symbol.as_deref().unwrap_or(doc.meta.cite_name());
            assert_eq!(ld["legislationIdentifier"], id);
            assert_eq!(ld["legislationDate"], doc.meta.date.to_string());
            assert_eq!(ld["legislationPassedBy"]["name"], doc.meta.body.as_str());
            assert_eq!(ld["legislationType"], doc.meta.kind.as_str());
            assert_eq!(
                ld["encoding"].is_array(),
                !doc.versions.is_empty(),
                "{page}"
            );
        }
    }
}

#[test]
fn each_document_has_csl_json_and_bibtex_that_parse() {
    for site in both() {
        for doc in &site.built.corpus.documents {
            let csl = json(site, &format!("data/{}/citation.json", doc.slug));
            let item = &csl[0];
            assert_eq!(item["id"], doc.slug.as_str());
            assert_eq!(item["type"], "legislation");
            assert_eq!(item["title"], doc.meta.title.as_str());
            assert_eq!(item["authority"], doc.meta.body.as_str());
            assert_eq!(
                item["issued"]["date-parts"][0][0].as_u64(),
                Some(doc.meta.date.year as u64)
            );
            let bib = site.read(&format!("data/{}/citation.bib", doc.slug));
            let parsed = biblatex::Bibliography::parse(&bib)
                .unwrap_or_else(|e| panic!("{}: {e:?}\n{bib}", doc.slug));
            let entry = parsed.get(&doc.slug).expect("the entry under the slug");
            let title = entry.title().unwrap();
            let title: String = title.iter().map(|c| c.v.get()).collect();
            assert_eq!(title, doc.meta.title);
        }
    }
}

#[test]
fn the_copy_citation_control_offers_text_bibtex_and_csl_json() {
    let site = fixture_site();
    let page = site.read("mc-x-1/index.html");
    for target in ["cite-text", "cite-bibtex", "cite-csl"] {
        assert!(
            page.contains(&format!("data-copy-target=\"{target}\"")),
            "{target}"
        );
        assert!(page.contains(&format!("id=\"{target}\"")), "{target}");
    }
    assert!(page.contains("@misc{mc-x-1,"));
    assert!(page.contains("&quot;type&quot;: &quot;legislation&quot;"));
    assert!(page.contains("href=\"../data/mc-x-1/citation.bib\""));
    assert!(page.contains("href=\"../data/mc-x-1/compilation.json\""));
    assert!(page.contains("href=\"../data/mc-x-1/compilation.akn.xml\""));
    let js = std::fs::read_to_string(theme().join("static/site.js")).unwrap();
    assert!(js.contains("data-copy-target"), "the script copies them");
}

// ---------------------------------------------------------------------------------------------
// Source view and data page

/// Line `n` of a source page, up to the next line.
fn source_row(page: &str, n: usize) -> &str {
    let start = page
        .find(&format!("id=\"L{n}\""))
        .unwrap_or_else(|| panic!("no line {n}"));
    let end = page[start + 1..]
        .find(" id=\"L")
        .map_or(page.len(), |i| start + 1 + i);
    &page[start..end]
}

#[test]
fn the_source_view_numbers_lines_and_links_them_to_the_rendered_paragraphs() {
    let site = fixture_site();
    let page = site.read("mc-x-1/compilation/source/index.html");
    let line = line_of(&fixture(), "mc-x-1/compilation.md", "(a) Assist");
    let row = source_row(&page, line);
    assert!(
        row.contains("href=\"../../../mc-x-1/compilation/#2(a)\""),
        "{row}"
    );
    assert!(row.contains("hl-paragraph-number"), "{row}");
    let key = line_of(&fixture(), "mc-x-1/compilation.md", "label: Text in");
    let row = source_row(&page, key);
    assert!(
        row.contains("hl-tag"),
        "front matter keys are highlighted: {row}"
    );
    assert!(
        !row.contains("<a class=\"ln\""),
        "front matter lines link nowhere"
    );
    let lines = std::fs::read_to_string(fixture().join("mc-x-1/compilation.md"))
        .unwrap()
        .lines()
        .count();
    assert!(
        page.contains(&format!("id=\"L{lines}\"")),
        "every line is shown"
    );
    assert!(!page.contains("style="), "colours come from classes");
    let version = site.read("mc-x-1/compilation/index.html");
    assert!(version.contains("href=\"../../mc-x-1/compilation/source/\""));
}

#[test]
fn the_data_page_documents_the_json_and_the_xml_with_highlighted_examples() {
    let site = fixture_site();
    let page = site.read("data/index.html");
    assert!(page.contains("id=\"json\"") && page.contains("id=\"akn\""));
    assert!(page.contains("href=\"../data/schema/acquis-version-1.json\""));
    assert!(page.contains("hl-json"), "the JSON example is highlighted");
    assert!(page.contains("hl-xml"), "the XML example is highlighted");
    assert!(page.contains("&quot;citations&quot;") || page.contains("citations"));
    assert!(page.contains("eId"));
}

#[test]
fn nothing_written_depends_on_the_time_of_the_build() {
    let one = tree(&fixture_site().out);
    let again = build_site(&fixture());
    let two = tree(&again.out);
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(
            bytes == &two[path],
            "{} differs between builds",
            path.display()
        );
    }
}
