//! A synthetic corpus for benchmarks (`acquis generate`): N documents shaped like the real ones,
//! in our content format and, with the same texts, as a Hugo site with equivalent templates.
//!
//! Not a pipeline stage: it returns files in memory, which the command line hands to
//! [`crate::write`]. The corpus depends only on the number of documents and the seed, so every
//! run of the benchmark builds the same texts.
//!
//! Each document has a masthead, a preamble, 25 numbered paragraphs, lettered sub-items under
//! three of them and two unnumbered headings (~4 KB), and cites earlier documents in the forms
//! the real texts use: a symbol (`MC.DEC/12/04`), a name (`Permanent Council Decision No. 557`)
//! and a paragraph of another document (`paragraph 9 of MC(8).DEC/1`). Every tenth document has
//! a second version that revises two paragraphs and adds one.

use crate::model::PartialDate;
use crate::render::OutputFile;
use crate::slug::slugify;
use std::fmt::Write as _;
use std::path::PathBuf;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// How many documents.
    pub documents: usize,
    /// The seed of every choice of words, dates and cited documents.
    pub seed: u64,
}

/// How many numbered paragraphs each version has (the revision adds one).
pub const PARAGRAPHS: usize = 25;
/// The numbered paragraphs that have lettered sub-items.
const WITH_ITEMS: [usize; 3] = [5, 12, 20];
/// The numbered paragraph the second heading comes before.
const SECOND_HEADING: usize = 13;
/// The paragraph every pinpoint citation names (every document has it).
pub const PINPOINT: usize = 9;
/// One document in this many has a second version.
const REVISED_EVERY: usize = 10;

/// The corpus in our content format: `site.yaml` and one folder per document.
pub fn corpus(spec: Spec) -> Vec<OutputFile> {
    let mut files = vec![file("site.yaml", SITE_YAML.to_owned())];
    for doc in documents(spec) {
        files.push(file(
            &format!("{}/document.yaml", doc.slug),
            document_yaml(&doc),
        ));
        for v in &doc.versions {
            files.push(file(
                &format!("{}/{}.md", doc.slug, v.id),
                version_markdown(&doc, v),
            ));
        }
    }
    files
}

/// The same texts as a Hugo site: one page per version (`docs/<slug>/<version>/`), an id on
/// every paragraph, citations as links, a home page listing every document.
pub fn hugo_site(spec: Spec) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = HUGO_FILES
        .iter()
        .map(|(path, text)| file(path, (*text).to_owned()))
        .collect();
    let docs = documents(spec);
    for doc in &docs {
        for v in &doc.versions {
            files.push(file(
                &format!("content/docs/{}/{}.md", doc.slug, v.id),
                hugo_page(doc, v),
            ));
        }
    }
    files
}

fn file(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: PathBuf::from(path),
        bytes: text.into_bytes(),
    }
}

/// How a generated document is named and cited.
#[derive(Clone)]
struct Names {
    symbol: String,
    /// The name texts cite it by, if it has one besides its symbol.
    alias: Option<String>,
    body: &'static str,
    place: &'static str,
    date: PartialDate,
}

/// One generated document.
struct Doc {
    slug: String,
    names: Names,
    title: String,
    versions: Vec<Ver>,
}

/// One generated version: its id and its blocks in reading order.
struct Ver {
    id: &'static str,
    label: &'static str,
    witness: &'static str,
    date: PartialDate,
    blocks: Vec<Block>,
}

/// A block of generated text.
enum Block {
    Masthead(String),
    Heading(String),
    /// `num` as printed (`1.`, `(a)`) or none; `id` is the paragraph's id in the Hugo site.
    Para {
        num: Option<String>,
        id: String,
        text: Vec<Run>,
    },
}

/// Inline text: plain words, or a citation of another document.
enum Run {
    Text(String),
    Cite {
        text: String,
        slug: String,
        fragment: Option<String>,
    },
}

fn documents(spec: Spec) -> Vec<Doc> {
    let names: Vec<Names> = (0..spec.documents).map(|i| names(i, spec.seed)).collect();
    (0..spec.documents)
        .map(|i| document(i, &names, spec.seed))
        .collect()
}

/// Documents cycle through three series: `PC.DEC/n`, `MC.DEC/n/yy` and `MC(k).DEC/n`.
fn names(i: usize, seed: u64) -> Names {
    let mut rng = fastrand::Rng::with_seed(seed ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let j = i / 3;
    let (symbol, alias, body, place, year) = match i % 3 {
        0 => (
            format!("PC.DEC/{}", j + 1),
            Some(format!("Permanent Council Decision No. {}", j + 1)),
            "Permanent Council",
            "Vienna",
            1995 + j / 600,
        ),
        1 => {
            let year = 1992 + j / 500;
            (
                format!("MC.DEC/{}/{:02}", j % 500 + 1, year % 100),
                Some(format!(
                    "Ministerial Council Decision No. {}/{:02}",
                    j % 500 + 1,
                    year % 100
                )),
                "Ministerial Council",
                PLACES[j / 500 % PLACES.len()],
                year,
            )
        }
        _ => (
            format!("MC({}).DEC/{}", j / 200 + 1, j % 200 + 1),
            None,
            "Ministerial Council",
            PLACES[j / 200 % PLACES.len()],
            1993 + j / 200,
        ),
    };
    Names {
        symbol,
        alias,
        body,
        place,
        date: PartialDate {
            year: year as u16,
            month: Some(rng.u8(1..=12)),
            day: Some(rng.u8(1..=28)),
        },
    }
}

fn document(i: usize, all: &[Names], seed: u64) -> Doc {
    let mut rng = fastrand::Rng::with_seed(seed.wrapping_add(i as u64));
    let n = &all[i];
    let title = format!(
        "{} {}",
        pick(&mut rng, TITLE_HEADS),
        pick(&mut rng, TITLE_TOPICS)
    );
    let cited: Vec<usize> = (0..3).filter_map(|_| cited(&mut rng, i, all)).collect();
    // Both versions draw their words from the same seed, so the revision differs only where
    // `version_blocks` is told to revise.
    let words = rng.u64(..);
    let blocks = |revise| {
        let mut rng = fastrand::Rng::with_seed(words);
        version_blocks(&mut rng, n, &title, &cited, all, revise)
    };
    let issued = blocks(None);
    let mut versions = vec![Ver {
        id: "issued",
        label: "As issued",
        witness: "as-issued",
        date: n.date,
        blocks: issued,
    }];
    if i % REVISED_EVERY == REVISED_EVERY - 1 {
        let blocks = blocks(Some(&[3, 17]));
        versions.push(Ver {
            id: "revised",
            label: "As revised",
            witness: "revision",
            date: PartialDate {
                year: n.date.year + 1,
                ..n.date
            },
            blocks,
        });
    }
    Doc {
        slug: slugify(&n.symbol),
        names: n.clone(),
        title,
        versions,
    }
}

/// An earlier document to cite, if the one drawn is not dated after document `i` (a citation
/// of a later text would be an anachronism, which the resolver reports).
fn cited(rng: &mut fastrand::Rng, i: usize, all: &[Names]) -> Option<usize> {
    (i > 0)
        .then(|| rng.usize(..i))
        .filter(|&c| all[c].date <= all[i].date)
}

fn pick<'a>(rng: &mut fastrand::Rng, from: &[&'a str]) -> &'a str {
    from[rng.usize(..from.len())]
}

/// The blocks of a version. Replaying the same `rng` with `revise` set gives the same text with
/// the paragraphs in `revise` reworded and one paragraph added at the end.
fn version_blocks(
    rng: &mut fastrand::Rng,
    n: &Names,
    title: &str,
    cited: &[usize],
    all: &[Names],
    revise: Option<&[usize]>,
) -> Vec<Block> {
    let mut blocks = masthead(n, title);
    blocks.extend(preamble(rng, n, cited.first().map(|&c| &all[c])));
    let count = PARAGRAPHS + usize::from(revise.is_some());
    for p in 1..=count {
        if p == 1 {
            blocks.push(Block::Heading("General provisions".into()));
        } else if p == SECOND_HEADING {
            blocks.push(Block::Heading("Implementation and follow-up".into()));
        }
        let cite = match p {
            7 => cited.get(1).map(|&c| (c, Some(PINPOINT))),
            15 => cited.get(2).map(|&c| (c, None)),
            _ => None,
        };
        let mut text = operative(rng, cite.map(|(c, pin)| (&all[c], pin)));
        if revise.is_some_and(|r| r.contains(&p)) || p > PARAGRAPHS {
            text.insert(0, Run::Text("Further ".into()));
        }
        blocks.push(Block::Para {
            num: Some(format!("{p}.")),
            id: format!("p{p}"),
            text,
        });
        if WITH_ITEMS.contains(&p) {
            blocks.extend(items(rng, p));
        }
    }
    blocks
}

fn masthead(n: &Names, title: &str) -> Vec<Block> {
    let body = n.body.to_uppercase();
    vec![
        Block::Masthead(format!("{body} DECISION")),
        Block::Masthead(format!("{}, {}", n.place, n.date.long())),
        Block::Masthead(format!("({})", n.symbol)),
        Block::Masthead(title.to_uppercase()),
    ]
}

/// "The Permanent Council," and three recitals; the first cites a document by its name.
fn preamble(rng: &mut fastrand::Rng, n: &Names, cited: Option<&Names>) -> Vec<Block> {
    let mut blocks = vec![Block::Para {
        num: None,
        id: "pre0".into(),
        text: vec![Run::Text(format!("The {},", n.body))],
    }];
    for k in 1..=3 {
        let mut text = vec![Run::Text(format!("{} ", pick(rng, PREAMBLE)))];
        if let (1, Some(c)) = (k, cited) {
            text.push(cite_run(c, c.alias.as_deref().unwrap_or(&c.symbol), None));
            text.push(Run::Text(" and ".into()));
        }
        text.push(Run::Text(format!("the need {},", pick(rng, OBJECTS))));
        blocks.push(Block::Para {
            num: None,
            id: format!("pre{k}"),
            text,
        });
    }
    blocks
}

/// An operative paragraph, citing `cite` (names, pinpointed paragraph) if given.
fn operative(rng: &mut fastrand::Rng, cite: Option<(&Names, Option<usize>)>) -> Vec<Run> {
    let mut text = vec![Run::Text(format!(
        "{} {} {}",
        pick(rng, VERBS),
        pick(rng, SUBJECTS),
        pick(rng, OBJECTS),
    ))];
    if rng.usize(..3) == 0 {
        text.push(Run::Text(format!(" {}", pick(rng, ADJUNCTS))));
    }
    if let Some((c, pin)) = cite {
        let (lead, shown) = match pin {
            Some(p) => (", as set out in ", format!("paragraph {p} of {}", c.symbol)),
            None => (", in accordance with ", c.symbol.clone()),
        };
        text.push(Run::Text(lead.into()));
        text.push(cite_run(c, &shown, pin.map(|p| format!("p{p}"))));
    }
    text.push(Run::Text(";".into()));
    text
}

fn cite_run(c: &Names, shown: &str, fragment: Option<String>) -> Run {
    Run::Cite {
        text: shown.to_owned(),
        slug: slugify(&c.symbol),
        fragment,
    }
}

fn items(rng: &mut fastrand::Rng, p: usize) -> Vec<Block> {
    ["a", "b", "c"]
        .iter()
        .map(|l| Block::Para {
            num: Some(format!("({l})")),
            id: format!("p{p}{l}"),
            text: vec![Run::Text(format!("{};", pick(rng, OBJECTS)))],
        })
        .collect()
}

fn document_yaml(doc: &Doc) -> String {
    let n = &doc.names;
    let mut y = format!("symbol: {}\n", n.symbol);
    if let Some(a) = &n.alias {
        let _ = write!(y, "short_title: {a}\naliases:\n  - {a}\n");
    }
    let canonical = doc.versions.last().map_or("issued", |v| v.id);
    let _ = write!(
        y,
        "title: {}\nkind: decision\nbody: {}\nplace: {}\ndate: \"{}\"\nstatus: politically binding decision\n\
         description: >-\n  A generated {} decision for benchmarks, on {}.\ncanonical: {canonical}\n",
        doc.title,
        n.body,
        n.place,
        n.date,
        n.body,
        doc.title.to_lowercase()
    );
    y
}

fn version_markdown(doc: &Doc, v: &Ver) -> String {
    let mut md = format!(
        "---\nid: {}\nlabel: {}\nwitness: {}\ndate: \"{}\"\nsource:\n  file: synthetic-{}.txt\n  lines: [[1, {}]]\n---\n",
        v.id,
        v.label,
        v.witness,
        v.date,
        doc.slug,
        v.blocks.len()
    );
    for b in &v.blocks {
        md.push('\n');
        match b {
            Block::Masthead(line) => md.push_str(&format!("# {line}\n")),
            Block::Heading(h) => md.push_str(&format!("## {h}\n")),
            Block::Para { num, text, .. } => {
                if let Some(num) = num {
                    md.push_str(&num.replace('.', "\\."));
                    md.push(' ');
                }
                md.push_str(&wrap(&plain(text)));
            }
        }
    }
    md
}

/// Citations are plain text in our format: the resolver finds them.
fn plain(text: &[Run]) -> String {
    text.iter()
        .map(|r| match r {
            Run::Text(t) | Run::Cite { text: t, .. } => t.as_str(),
        })
        .collect()
}

/// Wraps at about 100 columns, as editors write, and ends with a newline.
fn wrap(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut col = 0;
    for word in text.split(' ') {
        if col > 0 && col + word.len() > 100 {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += word.len();
    }
    out.push('\n');
    out
}

fn hugo_page(doc: &Doc, v: &Ver) -> String {
    let mut md = format!(
        "---\ntitle: \"{}: {}\"\ndate: {}\nsymbol: \"{}\"\nversion: \"{}\"\n---\n",
        doc.names.symbol, doc.title, v.date, doc.names.symbol, v.label
    );
    for b in &v.blocks {
        md.push('\n');
        match b {
            Block::Masthead(line) => md.push_str(&format!("# {line}\n")),
            Block::Heading(h) => md.push_str(&format!("## {h}\n")),
            Block::Para { num, id, text } => {
                if let Some(num) = num {
                    md.push_str(&num.replace('.', "\\."));
                    md.push(' ');
                }
                md.push_str(&wrap(&linked(text)));
                md.push_str(&format!("{{#{id}}}\n"));
            }
        }
    }
    md
}

/// Citations are Markdown links in the Hugo site (it has no resolver).
fn linked(text: &[Run]) -> String {
    text.iter()
        .map(|r| match r {
            Run::Text(t) => t.clone(),
            Run::Cite {
                text,
                slug,
                fragment,
            } => {
                let hash = fragment
                    .as_ref()
                    .map(|f| format!("#{f}"))
                    .unwrap_or_default();
                format!("[{text}](/docs/{slug}/issued/{hash})")
            }
        })
        .collect()
}

const SITE_YAML: &str = "title: Synthetic Commitments\n\
base_url: https://bench.example.org\n\
language: en\n\
description: A generated corpus for benchmarks, shaped like the OSCE texts.\n";

/// Hugo's configuration and templates: minimal, and equivalent to what acquis renders (a page per
/// version with an id on every paragraph, an index of every document).
const HUGO_FILES: [(&str, &str); 5] = [
    (
        "hugo.toml",
        "baseURL = \"https://bench.example.org/\"\ntitle = \"Synthetic Commitments\"\n\
disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n\
[markup.goldmark.parser.attribute]\nblock = true\n",
    ),
    (
        "layouts/_default/baseof.html",
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{{ .Title }} · {{ .Site.Title }}</title></head>\n\
<body>\n<header><a href=\"/\">{{ .Site.Title }}</a></header>\n<main>{{ block \"main\" . }}{{ end }}</main>\n</body>\n</html>\n",
    ),
    (
        "layouts/_default/single.html",
        "{{ define \"main\" }}<article>\n<h1>{{ .Title }}</h1>\n<p>{{ .Params.symbol }} · {{ .Params.version }} · \
<time datetime=\"{{ .Date.Format \"2006-01-02\" }}\">{{ .Date.Format \"2 January 2006\" }}</time></p>\n{{ .Content }}\n</article>{{ end }}\n",
    ),
    (
        "layouts/_default/list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<ul>\n{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>\n{{ end }}</ul>{{ end }}\n",
    ),
    (
        "layouts/index.html",
        "{{ define \"main\" }}<h1>{{ .Site.Title }}</h1>\n<ul>\n{{ range .Site.RegularPages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> \
<time datetime=\"{{ .Date.Format \"2006-01-02\" }}\">{{ .Date.Format \"2 January 2006\" }}</time></li>\n{{ end }}</ul>{{ end }}\n",
    ),
];

const PLACES: [&str; 12] = [
    "Vienna",
    "Sofia",
    "Ljubljana",
    "Brussels",
    "Madrid",
    "Helsinki",
    "Athens",
    "Astana",
    "Dublin",
    "Kyiv",
    "Basel",
    "Hamburg",
];

const TITLE_HEADS: &[&str] = &[
    "Combating",
    "Enhancing Efforts against",
    "Preventing",
    "Responding to",
    "Strengthening Co-operation on",
    "Addressing",
];

const TITLE_TOPICS: &[&str] = &[
    "Trafficking in Human Beings",
    "Trafficking for Labour Exploitation",
    "the Trafficking of Children",
    "Trafficking in Supply Chains",
    "Exploitation of Migrant Workers",
    "Online Recruitment for Exploitation",
];

const PREAMBLE: &[&str] = &[
    "Recalling",
    "Reaffirming",
    "Bearing in mind",
    "Guided by",
    "Taking into account",
    "Mindful of",
    "Welcoming",
];

const VERBS: &[&str] = &[
    "Decides that",
    "Calls upon",
    "Encourages",
    "Tasks",
    "Requests",
    "Urges",
    "Invites",
    "Instructs",
];

const SUBJECTS: &[&str] = &[
    "the participating States",
    "the OSCE Secretariat",
    "the Special Representative",
    "the Office for Democratic Institutions and Human Rights",
    "the OSCE field operations",
    "the Chairmanship",
    "the relevant OSCE executive structures",
];

const OBJECTS: &[&str] = &[
    "to strengthen co-operation in combating trafficking in human beings",
    "to ensure the protection of and assistance to victims of trafficking",
    "to establish national referral mechanisms with civil society",
    "to provide training for law enforcement, prosecutors and judges",
    "to raise awareness of the risks of trafficking among vulnerable groups",
    "to collect and share data on trafficking cases and convictions",
    "to address the root causes of trafficking, including poverty and discrimination",
    "to prevent trafficking in the supply chains of goods and services",
    "to ensure that victims have access to justice and to compensation",
    "to review national legislation against the relevant international standards",
];

const ADJUNCTS: &[&str] = &[
    "in accordance with their national legislation",
    "with due regard to the best interests of the child",
    "within existing resources",
    "in close co-operation with civil society and international organizations",
    "at the national, regional and international levels",
    "taking into account a gender perspective",
    "on a regular basis and in a transparent manner",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn text(files: &[OutputFile], path: &str) -> String {
        let f = files
            .iter()
            .find(|f| f.path == std::path::Path::new(path))
            .unwrap_or_else(|| panic!("no {path}"));
        String::from_utf8(f.bytes.clone()).unwrap()
    }

    #[test]
    fn the_same_spec_gives_the_same_files() {
        let spec = Spec {
            documents: 30,
            seed: 7,
        };
        assert_eq!(corpus(spec), corpus(spec));
        assert_eq!(hugo_site(spec), hugo_site(spec));
        let other = corpus(Spec { seed: 8, ..spec });
        assert_ne!(corpus(spec), other);
    }

    #[test]
    fn every_tenth_document_has_a_revision() {
        let files = corpus(Spec {
            documents: 30,
            seed: 1,
        });
        let versions = files
            .iter()
            .filter(|f| f.path.ends_with("revised.md"))
            .count();
        assert_eq!(versions, 3);
        let issued = files
            .iter()
            .filter(|f| f.path.ends_with("issued.md"))
            .count();
        assert_eq!(issued, 30);
    }

    #[test]
    fn a_version_has_the_shape_of_a_decision_and_cites_earlier_ones() {
        let files = corpus(Spec {
            documents: 30,
            seed: 1,
        });
        let md = text(&files, "pc-dec-10/issued.md");
        assert!(md.contains("\n# (PC.DEC/10)\n"), "{md}");
        assert!(md.contains("\n25\\. "), "25 numbered paragraphs");
        assert!(md.contains("\n(c) "), "lettered sub-items");
        assert_eq!(md.matches("\n## ").count(), 2, "two headings");
        assert!(md.contains(&format!("paragraph {PINPOINT} of ")));
        assert!(
            (3000..6000).contains(&md.len()),
            "about 4 KB: {} bytes",
            md.len()
        );
        let yaml = text(&files, "pc-dec-10/document.yaml");
        assert!(yaml.contains("aliases:\n  - Permanent Council Decision No. 10\n"));
    }

    #[test]
    fn the_hugo_site_has_the_same_words_with_ids_and_links() {
        let spec = Spec {
            documents: 30,
            seed: 1,
        };
        let ours = text(&corpus(spec), "mc-dec-10-92/issued.md");
        let hugo = text(&hugo_site(spec), "content/docs/mc-dec-10-92/issued.md");
        assert!(hugo.contains("{#p25}"));
        let body = |s: &str| s.split("---\n").nth(2).unwrap().to_owned();
        let strip = regex::Regex::new(r"\{#p[0-9a-z]+\}\n|\]\([^)]*\)|\[").unwrap();
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            words(&strip.replace_all(&body(&hugo), "")),
            words(&body(&ours))
        );
    }
}
