//! The corpus reproduces its primary sources word for word (issue: the corpus).
//!
//! For every version of `content/`: the words of its source ranges, minus page furniture, equal
//! the words of its text in source readings; and every line of every source belongs to a version
//! or is furniture.

use acquis::fidelity::{self, Furniture};
use acquis::model::{ParsedVersion, SourceFurniture};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

struct Source {
    text: String,
    furniture: Furniture,
}

fn sources() -> BTreeMap<String, Source> {
    let dir = content().join("sources");
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let yaml_path = path.with_extension("yaml");
            let yaml = fs::read_to_string(&yaml_path).unwrap_or_else(|_| {
                panic!(
                    "{} needs a furniture file {}",
                    path.display(),
                    yaml_path.display()
                )
            });
            let spec: SourceFurniture =
                acquis::parse::frontmatter::parse(&yaml, &yaml_path, 1, &yaml)
                    .unwrap_or_else(|d| panic!("{d}"));
            let furniture = Furniture::new(&spec).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.insert(
                name,
                Source {
                    text: fs::read_to_string(&path).unwrap(),
                    furniture,
                },
            );
        }
    }
    out
}

fn versions() -> Vec<ParsedVersion> {
    let loaded = acquis::load::load_content(&content()).unwrap();
    let (corpus, diags) = acquis::parse::parse_content(&loaded);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    corpus
        .unwrap()
        .documents
        .into_iter()
        .flat_map(|d| d.versions)
        .collect()
}

#[test]
fn every_version_equals_its_source_word_for_word() {
    let sources = sources();
    let versions = versions();
    assert!(
        versions.len() >= 20,
        "the corpus has only {} versions",
        versions.len()
    );
    let mut failures = Vec::new();
    for v in &versions {
        let r = &v.meta.source;
        let source = sources
            .get(&r.file)
            .unwrap_or_else(|| panic!("{}: unknown source file {}", v.file.display(), r.file));
        let (want_body, want_notes) = fidelity::source_words(&source.text, &source.furniture, r);
        let (got_body, got_notes) = fidelity::version_words(v);
        for (part, want, got) in [
            ("text", &want_body, &got_body),
            ("footnotes", &want_notes, &got_notes),
        ] {
            if let Some(m) = fidelity::compare(want, got) {
                failures.push(format!(
                    "{} ({part}), word {}:\n  source : {}\n  version: {}",
                    v.file.display(),
                    m.at,
                    m.source,
                    m.version
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} versions differ from their sources:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_source_line_is_in_a_version_or_is_furniture() {
    let sources = sources();
    let versions = versions();
    let mut covered: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    let mut extra: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for v in &versions {
        let r = &v.meta.source;
        covered
            .entry(&r.file)
            .or_default()
            .extend(r.lines.iter().flat_map(|[a, b]| *a..=*b));
        extra
            .entry(&r.file)
            .or_default()
            .extend(fidelity::expand(&r.furniture_lines));
    }
    let mut missing = Vec::new();
    for (name, source) in &sources {
        let lines = covered.get(name.as_str()).cloned().unwrap_or_default();
        let extra = extra.get(name.as_str()).cloned().unwrap_or_default();
        for (i, line) in source.text.split('\n').enumerate() {
            let n = i + 1;
            if !line.trim().is_empty()
                && !lines.contains(&n)
                && !source.furniture.is_furniture(n, line, &extra)
            {
                missing.push(format!("{name}:{n}: {line}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} source lines belong to no version:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn no_source_line_is_claimed_by_two_versions() {
    let versions = versions();
    let mut owner: BTreeMap<(String, usize), String> = BTreeMap::new();
    let mut clashes = Vec::new();
    for v in &versions {
        let r = &v.meta.source;
        for n in r.lines.iter().flat_map(|[a, b]| *a..=*b) {
            if let Some(first) = owner.insert((r.file.clone(), n), v.file.display().to_string()) {
                clashes.push(format!(
                    "{}:{n} in {first} and {}",
                    r.file,
                    v.file.display()
                ));
            }
        }
    }
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
}

#[test]
fn the_fidelity_check_catches_a_changed_word() {
    let sources = sources();
    let mut v = versions()
        .into_iter()
        .find(|v| v.file.starts_with("moscow-document-1991"))
        .expect("the Moscow Document");
    let source = &sources[&v.meta.source.file];
    let (want, _) = fidelity::source_words(&source.text, &source.furniture, &v.meta.source);
    if let Some(acquis::model::Inline::Text(t)) =
        v.blocks.last_mut().and_then(|b| b.content.first_mut())
    {
        *t = t.replacen("eliminate", "reduce", 1);
    }
    let (got, _) = fidelity::version_words(&v);
    let m = fidelity::compare(&want, &got).expect("a changed word must be caught");
    assert!(
        m.source.contains("eliminate") && m.version.contains("reduce"),
        "{m:?}"
    );
}
