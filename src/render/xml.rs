//! Writing XML with quick-xml: the one place that starts a document and writes a text element,
//! shared by the Akoma Ntoso export and the feeds.

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::io;

/// An XML writer into memory.
pub type Xml = Writer<Vec<u8>>;

/// An indented XML document with its declaration and a final newline; `body` writes the root.
pub fn document(body: impl FnOnce(&mut Xml) -> io::Result<()>) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| body(&mut w))
        .expect("writing XML into memory cannot fail");
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    bytes
}

/// `<name>value</name>`, the value escaped.
pub fn text(w: &mut Xml, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}
