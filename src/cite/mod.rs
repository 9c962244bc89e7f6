//! The citation grammar: recognises the citations texts make of each other, in every form the
//! corpus uses, and resolves them to documents, paragraphs, or documents outside the OSCE.
//!
//! - [`names`]: every name documents are cited by (from `document.yaml` and `external.yaml`),
//!   found in one pass with Aho-Corasick;
//! - [`patterns`]: the regular expressions, shared with the /cite page's script;
//! - [`grammar`]: recognition — text in, [`grammar::Mention`]s (spans, no targets) out;
//! - [`catalog`]: resolution — mentions in, [`crate::model::CiteTarget`]s out;
//! - [`query`]: one citation typed by a reader (`acquis resolve`, the /cite page);
//! - [`cues`]: the relation a citation carries ("Recalling …" → recalls).
//!
//! This module is pure: `resolve` runs it over the corpus and reports what does not resolve.

pub mod anchors;
pub mod catalog;
pub mod cues;
pub mod grammar;
pub mod names;
pub mod patterns;
pub mod query;

pub use anchors::{AnchorInfo, AnchorTable};
pub use catalog::{Catalog, DocEntry, Listing, Problem, Resolution};
pub use grammar::{Grammar, Mention, Pinpoint, Subject};
pub use names::{NameIndex, Referent};
