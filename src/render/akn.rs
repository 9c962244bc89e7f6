//! Akoma Ntoso 3.0 (OASIS LegalDocML) XML: one file per version, valid against the official
//! schema.
//!
//! The version becomes a `<doc>` named by the document's kind. Headings become `<hcontainer
//! name="division">`, paragraphs `<paragraph>`, their sub-items `<point>` (dash items
//! `<indent>`). Every element carries an `eId` built as the Akoma Ntoso naming convention
//! builds it, from the element's abbreviation and its own number, joined to its parent's with
//! `__` (`hcontainer_annex__hcontainer_III__para_2.7`, `para_2__point_a`); an unnumbered
//! element uses the words of its anchor instead of a number. Paragraphs carry the permanent id
//! as `wId`, which the convention reserves for the identity a structure keeps across
//! renumbering. Footnotes are `<authorialNote>` where they are referenced.

use super::opendata::version_page_path;
use super::xml::{document, Xml};
use crate::model::{
    Division, Document, Footnote, Inline, Node, Paragraph, ParagraphKind, PartialDate, Version,
};
use crate::slug::slugify;
use quick_xml::events::{BytesText, Event};
use quick_xml::Writer;
use std::collections::{HashMap, HashSet};
use std::io;

/// The Akoma Ntoso 3.0 namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// The jurisdiction part of the work IRIs (`/akn/osce/...`): the corpus is the OSCE's.
const JURISDICTION: &str = "osce";

/// The Akoma Ntoso file of version `v` of `doc`.
pub fn version_xml(doc: &Document, v: &Version, base: &str, language: &str) -> Vec<u8> {
    document(|w| write_document(w, doc, v, base, language))
}

fn write_document(
    w: &mut Xml,
    doc: &Document,
    v: &Version,
    base: &str,
    language: &str,
) -> io::Result<()> {
    w.create_element("akomaNtoso")
        .with_attribute(("xmlns", NAMESPACE))
        .write_inner_content(|w| {
            w.create_element("doc")
                .with_attribute(("name", slugify(&doc.meta.kind).as_str()))
                .write_inner_content(|w| {
                    write_meta(w, doc, v, base, language)?;
                    write_preface(w, v)?;
                    write_body(w, v)
                })?;
            Ok(())
        })?;
    Ok(())
}

/// The FRBR identification: work (the document), expression (this version in this language),
/// manifestation (this XML file).
fn write_meta(
    w: &mut Xml,
    doc: &Document,
    v: &Version,
    base: &str,
    language: &str,
) -> io::Result<()> {
    let m = &doc.meta;
    let work = format!(
        "/akn/{JURISDICTION}/doc/{}/{}/{}",
        slugify(&m.kind),
        m.date.first_day(),
        doc.slug
    );
    let lang = iso639_2(language);
    let expression = format!("{work}/{lang}@{}", v.meta.id);
    let body = format!("#{}", slugify(&m.body));
    w.create_element("meta").write_inner_content(|w| {
        w.create_element("identification")
            .with_attribute(("source", "#acquis"))
            .write_inner_content(|w| {
                w.create_element("FRBRWork").write_inner_content(|w| {
                    value(w, "FRBRthis", &format!("{work}/!main"))?;
                    value(w, "FRBRuri", &work)?;
                    if let Some(symbol) = &m.symbol {
                        w.create_element("FRBRalias")
                            .with_attributes([("value", symbol.as_str()), ("name", "symbol")])
                            .write_empty()?;
                    }
                    date(w, &m.date, "adoption")?;
                    author(w, &body)?;
                    value(w, "FRBRcountry", JURISDICTION)?;
                    value(w, "FRBRnumber", m.cite_name())?;
                    value(w, "FRBRname", &m.title)?;
                    Ok(())
                })?;
                w.create_element("FRBRExpression")
                    .write_inner_content(|w| {
                        value(w, "FRBRthis", &format!("{expression}/!main"))?;
                        value(w, "FRBRuri", &expression)?;
                        date(w, &v.meta.date, &v.meta.witness)?;
                        author(w, "#acquis")?;
                        w.create_element("FRBRlanguage")
                            .with_attribute(("language", lang.as_str()))
                            .write_empty()?;
                        Ok(())
                    })?;
                w.create_element("FRBRManifestation")
                    .write_inner_content(|w| {
                        value(w, "FRBRthis", &format!("{expression}/!main.xml"))?;
                        value(
                            w,
                            "FRBRuri",
                            &format!("{base}/{}", super::opendata::version_xml_path(doc, v)),
                        )?;
                        date(w, &v.meta.date, "transcription")?;
                        author(w, "#acquis")?;
                        Ok(())
                    })?;
                Ok(())
            })?;
        w.create_element("references")
            .with_attribute(("source", "#acquis"))
            .write_inner_content(|w| {
                organization(w, "acquis", "acquis")?;
                organization(w, &slugify(&m.body), &m.body)?;
                w.create_element("TLCReference")
                    .with_attributes([
                        ("eId", "page"),
                        ("name", "page"),
                        (
                            "href",
                            format!("{base}/{}", version_page_path(doc, v)).as_str(),
                        ),
                        ("showAs", m.cite_name()),
                    ])
                    .write_empty()?;
                Ok(())
            })?;
        Ok(())
    })?;
    Ok(())
}

fn value(w: &mut Xml, name: &str, v: &str) -> io::Result<()> {
    w.create_element(name)
        .with_attribute(("value", v))
        .write_empty()?;
    Ok(())
}

fn author(w: &mut Xml, href: &str) -> io::Result<()> {
    w.create_element("FRBRauthor")
        .with_attribute(("href", href))
        .write_empty()?;
    Ok(())
}

/// `FRBRdate` needs a full date: a partial one takes its first day and says so in the name.
fn date(w: &mut Xml, d: &PartialDate, name: &str) -> io::Result<()> {
    let name = match (d.month, d.day) {
        (Some(_), Some(_)) => name.to_owned(),
        (Some(_), None) => format!("{name} (day unknown)"),
        _ => format!("{name} (month and day unknown)"),
    };
    w.create_element("FRBRdate")
        .with_attributes([("date", d.first_day().as_str()), ("name", name.as_str())])
        .write_empty()?;
    Ok(())
}

fn organization(w: &mut Xml, id: &str, name: &str) -> io::Result<()> {
    w.create_element("TLCOrganization")
        .with_attributes([
            ("eId", id),
            ("href", format!("/ontology/organization/{id}").as_str()),
            ("showAs", name),
        ])
        .write_empty()?;
    Ok(())
}

/// The naming convention writes languages in ISO 639-2; the OSCE's six languages are mapped.
fn iso639_2(tag: &str) -> String {
    let primary = tag.split('-').next().unwrap_or(tag).to_lowercase();
    let three = match primary.as_str() {
        "en" => "eng",
        "fr" => "fra",
        "de" => "deu",
        "ru" => "rus",
        "es" => "spa",
        "it" => "ita",
        other => other,
    };
    three.to_owned()
}

fn write_preface(w: &mut Xml, v: &Version) -> io::Result<()> {
    if v.masthead.is_empty() {
        return Ok(());
    }
    let mut text = Inlines::new(v, "preface");
    w.create_element("preface").write_inner_content(|w| {
        for line in &v.masthead {
            text.paragraph(w, line, "masthead")?;
        }
        Ok(())
    })?;
    Ok(())
}

fn write_body(w: &mut Xml, v: &Version) -> io::Result<()> {
    let mut ids = Ids::default();
    w.create_element("mainBody").write_inner_content(|w| {
        if v.body.is_empty() {
            w.create_element("p").write_empty()?;
        }
        for node in &v.body {
            write_node(w, v, node, "", false, &mut ids)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Hands out eIds, keeping them unique within the file.
#[derive(Default)]
struct Ids(HashSet<String>);

impl Ids {
    fn take(&mut self, parent: &str, abbr: &str, own: &str) -> String {
        let component = format!("{abbr}_{}", own.replace(char::is_whitespace, ""));
        let base = if parent.is_empty() {
            component
        } else {
            format!("{parent}__{component}")
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.0.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

fn write_node(
    w: &mut Xml,
    v: &Version,
    node: &Node,
    parent: &str,
    in_paragraph: bool,
    ids: &mut Ids,
) -> io::Result<()> {
    match node {
        Node::Division(d) => write_division(w, v, d, parent, ids),
        Node::Paragraph(p) => write_paragraph(w, v, p, parent, in_paragraph, ids),
    }
}

fn write_division(
    w: &mut Xml,
    v: &Version,
    d: &Division,
    parent: &str,
    ids: &mut Ids,
) -> io::Result<()> {
    let own = d
        .num
        .as_ref()
        .map(|n| n.parts().join("."))
        .unwrap_or_else(|| last_segment(&d.anchor).to_owned());
    let eid = ids.take(parent, "hcontainer", &own);
    let mut text = Inlines::new(v, &eid);
    w.create_element("hcontainer")
        .with_attributes([("eId", eid.as_str()), ("name", "division")])
        .write_inner_content(|w| {
            if let Some(n) = &d.num {
                w.create_element("num")
                    .write_text_content(BytesText::new(&n.printed))?;
            }
            text.element(w, "heading", &d.heading)?;
            for child in &d.children {
                write_node(w, v, child, &eid, false, ids)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn write_paragraph(
    w: &mut Xml,
    v: &Version,
    p: &Paragraph,
    parent: &str,
    in_paragraph: bool,
    ids: &mut Ids,
) -> io::Result<()> {
    let (element, abbr) = match (p.kind, in_paragraph) {
        (ParagraphKind::Indent, _) => ("indent", "indent"),
        (_, true) => ("point", "point"),
        (_, false) => ("paragraph", "para"),
    };
    let own = match &p.num {
        Some(n) if !n.is_dash() => n.parts().join("."),
        _ => last_segment(&p.anchor).to_owned(),
    };
    let eid = ids.take(parent, abbr, &own);
    let mut text = Inlines::new(v, &eid);
    let mut attrs = vec![("eId", eid.as_str()), ("wId", p.pid.as_str())];
    if p.kind == ParagraphKind::Quote {
        attrs.push(("class", "quote"));
    }
    w.create_element(element)
        .with_attributes(attrs)
        .write_inner_content(|w| {
            if let Some(n) = &p.num {
                w.create_element("num")
                    .write_text_content(BytesText::new(&n.printed))?;
            }
            let wrapper = if p.children.is_empty() {
                "content"
            } else {
                "intro"
            };
            w.create_element(wrapper).write_inner_content(|w| {
                text.paragraph(w, &p.content, "")?;
                Ok(())
            })?;
            for child in &p.children {
                write_node(w, v, child, &eid, true, ids)?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The part of an anchor after its last `.`: what an unnumbered element adds to its parent's.
fn last_segment(anchor: &str) -> &str {
    anchor.rsplit('.').next().unwrap_or(anchor)
}

/// Inline text: reading text, `<i>`, `<b>`, `<a>`, `<eol/>` and footnotes as `<authorialNote>`.
/// Written without indentation, since whitespace inside `<p>` is text.
struct Inlines<'a> {
    version: &'a Version,
    eid: String,
    footnotes: HashMap<&'a str, &'a Footnote>,
    notes_written: usize,
    inside_note: bool,
}

impl<'a> Inlines<'a> {
    fn new(version: &'a Version, eid: &str) -> Self {
        Inlines {
            version,
            eid: eid.to_owned(),
            footnotes: version
                .footnotes
                .iter()
                .map(|f| (f.label.as_str(), f))
                .collect(),
            notes_written: 0,
            inside_note: false,
        }
    }

    /// `<p>` holding `inlines`, with a class if one is given.
    fn paragraph(&mut self, w: &mut Xml, inlines: &[Inline], class: &str) -> io::Result<()> {
        let inner = self.inner(inlines)?;
        let mut p = w.create_element("p");
        if !class.is_empty() {
            p = p.with_attribute(("class", class));
        }
        p.write_inner_content(|w| w.write_event(Event::Text(BytesText::from_escaped(inner))))?;
        Ok(())
    }

    /// An inline element (`heading`) holding `inlines`.
    fn element(&mut self, w: &mut Xml, name: &str, inlines: &[Inline]) -> io::Result<()> {
        let inner = self.inner(inlines)?;
        if inner.trim().is_empty() {
            return Ok(());
        }
        w.create_element(name)
            .write_inner_content(|w| w.write_event(Event::Text(BytesText::from_escaped(inner))))?;
        Ok(())
    }

    fn inner(&mut self, inlines: &[Inline]) -> io::Result<String> {
        let mut w = Writer::new(Vec::new());
        self.push_all(&mut w, inlines)?;
        Ok(String::from_utf8(w.into_inner()).expect("the XML writer writes UTF-8"))
    }

    fn push_all(&mut self, w: &mut Xml, inlines: &[Inline]) -> io::Result<()> {
        for inline in inlines {
            self.push(w, inline)?;
        }
        Ok(())
    }

    fn push(&mut self, w: &mut Xml, inline: &Inline) -> io::Result<()> {
        match inline {
            Inline::Text(t) | Inline::Code(t) => {
                w.write_event(Event::Text(BytesText::new(t)))?;
            }
            Inline::Note(_) => {
                let reading = Inline::plain(std::slice::from_ref(inline), &self.version.notes);
                w.write_event(Event::Text(BytesText::new(&reading)))?;
            }
            Inline::Emphasis(c) => self.wrapped(w, "i", c)?,
            Inline::Strong(c) => self.wrapped(w, "b", c)?,
            Inline::Link { dest, content } => {
                let inner = self.inner(content)?;
                w.create_element("a")
                    .with_attribute(("href", &**dest))
                    .write_inner_content(|w| {
                        w.write_event(Event::Text(BytesText::from_escaped(inner)))
                    })?;
            }
            Inline::LineBreak => {
                w.create_element("eol").write_empty()?;
            }
            // A citation of the corpus is a reference to the cited page, from the site root; a
            // document outside the OSCE has no page, so its words stay plain text.
            Inline::Citation { content, target } => match target.url() {
                Some(url) => {
                    let inner = self.inner(content)?;
                    w.create_element("ref")
                        .with_attribute(("href", format!("/{url}").as_str()))
                        .write_inner_content(|w| {
                            w.write_event(Event::Text(BytesText::from_escaped(inner)))
                        })?;
                }
                None => self.push_all(w, content)?,
            },
            Inline::FootnoteRef(label) => self.footnote(w, label)?,
        }
        Ok(())
    }

    fn wrapped(&mut self, w: &mut Xml, name: &str, content: &[Inline]) -> io::Result<()> {
        let inner = self.inner(content)?;
        w.create_element(name)
            .write_inner_content(|w| w.write_event(Event::Text(BytesText::from_escaped(inner))))?;
        Ok(())
    }

    fn footnote(&mut self, w: &mut Xml, label: &str) -> io::Result<()> {
        let Some(f) = self.footnotes.get(label).copied() else {
            return Ok(());
        };
        if self.inside_note {
            return Ok(());
        }
        self.notes_written += 1;
        let eid = format!("{}__authorialNote_{}", self.eid, self.notes_written);
        self.inside_note = true;
        let paragraphs: io::Result<Vec<String>> =
            f.paragraphs.iter().map(|p| self.inner(p)).collect();
        self.inside_note = false;
        let paragraphs = paragraphs?;
        w.create_element("authorialNote")
            .with_attributes([
                ("eId", eid.as_str()),
                ("marker", label),
                ("placement", "bottom"),
            ])
            .write_inner_content(|w| {
                for p in paragraphs {
                    w.create_element("p").write_inner_content(|w| {
                        w.write_event(Event::Text(BytesText::from_escaped(p)))
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    }
}
