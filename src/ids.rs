//! What a value taken from content may be made of when it becomes part of a path, a URL or an
//! HTML id: version ids, explicit anchors, pinned permanent ids, footnote labels, link targets.
//!
//! Each rule is a small safe character set, so that no value from content can write outside
//! `site/`, read outside `content/`, or break out of an HTML attribute or a URL. The functions
//! return what is wrong, in words an editor can act on; `parse` turns that into diagnostics.

use regex::Regex;
use std::sync::LazyLock;

/// The longest id or anchor accepted (a citation, not a paragraph).
pub const MAX_ID_LEN: usize = 100;

static SLUG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z0-9]+(?:-[a-z0-9]+)*$").expect("slug pattern"));
static ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9(][A-Za-z0-9._()-]*$").expect("anchor pattern"));
const ANCHOR_RULE: &str =
    "letters, digits and `.`, `(`, `)`, `-`, `_`, starting with a letter, a digit or `(`";
static PID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^p-[a-z0-9]+(?:-[a-z0-9]+)*$").expect("pid pattern"));
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9_-]+$").expect("label pattern"));

fn shaped(value: &str, re: &Regex, what: &str, rule: &str) -> Result<(), String> {
    if value.chars().count() > MAX_ID_LEN {
        return Err(format!(
            "{what} `{}…` is longer than {MAX_ID_LEN} characters",
            value.chars().take(20).collect::<String>()
        ));
    }
    if re.is_match(value) {
        Ok(())
    } else {
        Err(format!("{what} `{value}` may only contain {rule}"))
    }
}

/// A version id (it names the version's folder in the site): a slug, `a-z`, `0-9` and inner `-`.
pub fn version_id(id: &str) -> Result<(), String> {
    shaped(
        id,
        &SLUG,
        "the version id",
        "lower-case letters, digits and single inner hyphens (like `as-issued`)",
    )
}

/// An anchor set by an editor (`{#annex}`): letters, digits and `.`, `(`, `)`, `-`, `_`, like
/// the anchors acquis makes itself (`annex.III.2.7`, `2(a)`).
pub fn anchor(anchor: &str) -> Result<(), String> {
    shaped(anchor, &ANCHOR, "the anchor", ANCHOR_RULE)
}

/// An anchor the site has published (in the anchor registry): the characters of [`anchor`], any
/// length, since anchors made from long numbers or words may be longer than an editor's.
pub fn published_anchor(anchor: &str) -> Result<(), String> {
    match ANCHOR.is_match(anchor) {
        true => Ok(()),
        false => Err(format!(
            "the anchor `{anchor}` may only contain {ANCHOR_RULE}"
        )),
    }
}

/// Top-level folders of the site that are not documents (pages, data, assets, search), and those
/// the site is expected to gain: a document whose slug is one of them would share its folder.
pub const SITE_FOLDERS: [&str; 17] = [
    "api",
    "assets",
    "cite",
    "compare",
    "data",
    "documents",
    "downloads",
    "export",
    "feeds",
    "notes",
    "pagefind",
    "search",
    "sources",
    "static",
    "timeline",
    "topics",
    "versions",
];

/// A document's slug (its folder in the site) must not be a folder the site uses for itself.
pub fn document_slug(slug: &str) -> Result<(), String> {
    match SITE_FOLDERS.contains(&slug) {
        false => Ok(()),
        true => Err(format!(
            "the slug `{slug}` is the name of a folder the site uses for itself (`{slug}/`)"
        )),
    }
}

/// A pinned permanent id (`{pid=p-...}`): `p-` and then lower-case letters, digits and hyphens.
pub fn pid(pid: &str) -> Result<(), String> {
    shaped(
        pid,
        &PID,
        "the permanent id",
        "`p-` followed by lower-case letters, digits and single hyphens (like `p-3f9a21c0`)",
    )
}

/// A footnote label (`[^12]`): it becomes the ids `fn-12` and `fnref-12`.
pub fn footnote_label(label: &str) -> Result<(), String> {
    shaped(
        label,
        &LABEL,
        "the footnote label",
        "letters, digits, `-` and `_`",
    )
}

/// Schemes a link written in content may use; anything else (`javascript:`, `data:`) could run
/// code in a reader's browser. `cite:` is an editor's forced citation (`[text](cite:slug#anchor)`),
/// which the citation resolver turns into a link to the page it names, or reports.
pub const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "cite"];

/// A link target written in content: relative, or with one of [`LINK_SCHEMES`].
pub fn link(dest: &str) -> Result<(), String> {
    let before_path = dest.split(['/', '?', '#']).next().unwrap_or("");
    let Some((scheme, _)) = before_path.split_once(':') else {
        return Ok(());
    };
    if LINK_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) {
        Ok(())
    } else {
        Err(format!(
            "the link `{dest}` uses the scheme `{scheme}:`, which is refused"
        ))
    }
}

/// A file in `content/sources/`, named in a version's front matter: a plain file name.
pub fn source_file(name: &str) -> Result<(), String> {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && !name.contains(char::is_control);
    if plain {
        Ok(())
    } else {
        Err(format!(
            "the source file `{name}` must be a plain file name in content/sources/"
        ))
    }
}

/// The site's base URL: absolute, `http` or `https`.
pub fn base_url(url: &str) -> Result<(), String> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(char::is_whitespace)
        && !url.contains(['"', '<', '>']);
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the base URL `{url}` must be an absolute http(s) URL without spaces or quotes"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_ids_are_slugs() {
        assert!(version_id("as-issued").is_ok());
        assert!(version_id("rev1").is_ok());
        for bad in [
            "../../x",
            "a/b",
            "As-Issued",
            "a b",
            "",
            "-a",
            "a--b",
            "..",
            "a.md",
        ] {
            assert!(version_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn anchors_take_the_characters_generated_anchors_use() {
        for good in [
            "annex",
            "annex.III.2.7",
            "2(a)(iv)",
            "II.1.resource-allocation.indent1",
        ] {
            assert!(anchor(good).is_ok(), "{good}");
        }
        for bad in ["\"><script>", "a b", "../x", ".x", "a#b", "a/b", "é"] {
            assert!(anchor(bad).is_err(), "{bad}");
        }
        assert!(anchor(&"a".repeat(MAX_ID_LEN + 1)).is_err());
    }

    #[test]
    fn pids_labels_links_and_sources() {
        assert!(pid("p-pinned").is_ok());
        assert!(pid("p-3f9a21c0-2").is_ok());
        assert!(pid("heading").is_err());
        assert!(footnote_label("12").is_ok());
        assert!(footnote_label("a b").is_err());
        assert!(link("https://example.org/x").is_ok());
        assert!(link("../mc-dec-2-03/#annex.III.2.7").is_ok());
        assert!(link("#2(a)").is_ok());
        assert!(link("mailto:x@example.org").is_ok());
        assert!(link("javascript:alert(1)").is_err());
        assert!(link("JavaScript:alert(1)").is_err());
        assert!(link("data:text/html,x").is_err());
        assert!(source_file("000_49dceb56fba1f8d2.txt").is_ok());
        assert!(source_file("../../etc/passwd").is_err());
        assert!(source_file(".hidden").is_err());
        assert!(base_url("https://acquis.example.org").is_ok());
        assert!(base_url("javascript:alert(1)").is_err());
    }

    #[test]
    fn slugs_that_are_site_folders_are_refused() {
        assert!(document_slug("mc-dec-2-03").is_ok());
        for folder in ["assets", "search", "data", "documents", "notes", "compare"] {
            assert!(document_slug(folder).is_err(), "{folder}");
        }
    }
}
