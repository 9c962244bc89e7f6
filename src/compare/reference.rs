//! References to a version or a paragraph, as `acquis diff` and the compare page take them:
//! `slug` (the canonical version), `slug/version`, `slug#anchor`, `slug/version#anchor`.
//! A slug is a folder name and an anchor the paragraph's URL fragment, so the form is
//! unambiguous.

use crate::model::{Corpus, Document, Version};

/// A parsed reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The document's slug.
    pub slug: String,
    /// The version id, if given.
    pub version: Option<String>,
    /// The paragraph's anchor, if given.
    pub anchor: Option<String>,
}

/// Why a reference names nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    /// Nothing to read.
    #[error("`{0}` is not a reference: write slug[/version][#anchor], e.g. mc-8-dec-1/issued#5")]
    Malformed(String),
    /// No document has this slug.
    #[error("no document `{slug}` in the corpus{}", hint(.close))]
    NoDocument {
        /// The slug given.
        slug: String,
        /// Slugs that start like it.
        close: Vec<String>,
    },
    /// The document has no such version (or no text at all).
    #[error("`{slug}` has no version `{version}`; its versions: {}", list(.versions))]
    NoVersion {
        /// The document.
        slug: String,
        /// The version asked for.
        version: String,
        /// Its versions.
        versions: Vec<String>,
    },
    /// The version has no paragraph or heading with this anchor.
    #[error("`{slug}/{version}` has no paragraph `#{anchor}`")]
    NoAnchor {
        /// The document.
        slug: String,
        /// The version.
        version: String,
        /// The anchor asked for.
        anchor: String,
    },
}

fn hint(close: &[String]) -> String {
    if close.is_empty() {
        "; slugs are the folder names of content/, e.g. mc-8-dec-1".into()
    } else {
        format!("; did you mean {}?", list(close))
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none (the corpus only cites it)".into()
    } else {
        items.join(", ")
    }
}

/// Reads a reference.
pub fn parse(text: &str) -> Result<Reference, ReferenceError> {
    let malformed = || ReferenceError::Malformed(text.to_owned());
    let text = text.trim();
    let (path, anchor) = match text.split_once('#') {
        Some((p, a)) => (p, Some(a.to_owned()).filter(|a| !a.is_empty())),
        None => (text, None),
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let (slug, version) = match segments.as_slice() {
        [slug] => (*slug, None),
        [slug, version] => (*slug, Some(*version)),
        _ => return Err(malformed()),
    };
    Ok(Reference {
        slug: slug.to_owned(),
        version: version.map(str::to_owned),
        anchor,
    })
}

/// What a reference names in the corpus.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The document.
    pub document: &'a Document,
    /// The version (the canonical one when the reference names none).
    pub version: &'a Version,
}

impl Reference {
    /// Finds the document and version; the anchor is checked by the caller, which knows whether
    /// it wants a paragraph or a heading.
    pub fn find<'a>(&self, corpus: &'a Corpus) -> Result<Target<'a>, ReferenceError> {
        let Some(document) = corpus.documents.iter().find(|d| d.slug == self.slug) else {
            return Err(self.no_document(corpus));
        };
        let versions: Vec<String> = document
            .versions
            .iter()
            .map(|v| v.meta.id.clone())
            .collect();
        let wanted = self
            .version
            .as_deref()
            .or(document.meta.canonical.as_deref());
        let version = wanted.and_then(|id| document.versions.iter().find(|v| v.meta.id == id));
        match version {
            Some(version) => Ok(Target { document, version }),
            None => Err(ReferenceError::NoVersion {
                slug: self.slug.clone(),
                version: wanted.unwrap_or("(canonical)").to_owned(),
                versions,
            }),
        }
    }

    fn no_document(&self, corpus: &Corpus) -> ReferenceError {
        let stem: String = self.slug.chars().take(4).collect();
        let close = corpus
            .documents
            .iter()
            .map(|d| d.slug.clone())
            .filter(|s| !stem.is_empty() && s.starts_with(&stem))
            .take(8)
            .collect();
        ReferenceError::NoDocument {
            slug: self.slug.clone(),
            close,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(slug: &str, version: Option<&str>, anchor: Option<&str>) -> Reference {
        Reference {
            slug: slug.into(),
            version: version.map(Into::into),
            anchor: anchor.map(Into::into),
        }
    }

    #[test]
    fn reads_every_form_of_reference() {
        assert_eq!(parse("mc-8-dec-1").unwrap(), r("mc-8-dec-1", None, None));
        assert_eq!(
            parse("mc-8-dec-1/issued#5").unwrap(),
            r("mc-8-dec-1", Some("issued"), Some("5"))
        );
        assert_eq!(
            parse("mc-dec-2-03#annex.III.2.7").unwrap(),
            r("mc-dec-2-03", None, Some("annex.III.2.7"))
        );
        assert_eq!(
            parse("mc-8-dec-1/issued/").unwrap(),
            r("mc-8-dec-1", Some("issued"), None)
        );
        assert!(parse("a/b/c").is_err());
        assert!(parse("#5").is_err());
    }
}
