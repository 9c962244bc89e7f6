//! The anchors of one document as citations see them, packed into one buffer.
//!
//! The catalog holds, for every document, each paragraph and division a citation can land on,
//! with its canonical citation and its plain text. At 10,000 documents that is half a million
//! anchors; held as separate strings (each anchor twice, as a map key and in the reading order,
//! plus its citation and text) they were the largest allocation of a build while it links
//! citations (BENCHMARKS.md). Here they are ranges of one string per document, found by binary
//! search over an index sorted by anchor.

/// The anchors of one document's canonical version, in reading order, each with its citation
/// and plain text.
#[derive(Debug, Clone, Default)]
pub struct AnchorTable {
    /// Every anchor, citation and text, one after the other.
    buf: String,
    /// In reading order.
    rows: Vec<Row>,
    /// Indices into `rows`, sorted by anchor; of anchors written twice, the last one.
    by_anchor: Vec<u32>,
}

/// Where one anchor's three strings sit in the buffer: `start..anchor_end` is the anchor,
/// `anchor_end..citation_end` its citation, `citation_end..end` its text.
#[derive(Debug, Clone, Copy)]
struct Row {
    start: u32,
    anchor_end: u32,
    citation_end: u32,
    end: u32,
}

/// One anchor of an [`AnchorTable`]: what a citation landing on it reads and links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnchorInfo<'a> {
    /// The URL fragment.
    pub anchor: &'a str,
    /// Its canonical citation (`MC.DEC/2/03, Annex, III.2.7`).
    pub citation: &'a str,
    /// Its plain text (a division's heading).
    pub text: &'a str,
}

/// Collects a table in reading order; [`AnchorTableBuilder::finish`] indexes it.
#[derive(Debug, Default)]
pub struct AnchorTableBuilder {
    table: AnchorTable,
}

impl AnchorTableBuilder {
    /// Adds the next anchor in reading order.
    pub fn push(&mut self, anchor: &str, citation: &str, text: &str) {
        let buf = &mut self.table.buf;
        let at = |buf: &String| u32::try_from(buf.len()).expect("an anchor table under 4 GiB");
        let start = at(buf);
        buf.push_str(anchor);
        let anchor_end = at(buf);
        buf.push_str(citation);
        let citation_end = at(buf);
        buf.push_str(text);
        let end = at(buf);
        self.table.rows.push(Row {
            start,
            anchor_end,
            citation_end,
            end,
        });
    }

    /// The table, indexed by anchor (an anchor written twice is found as its last occurrence).
    pub fn finish(self) -> AnchorTable {
        let mut table = self.table;
        let mut order: Vec<u32> = (0..table.rows.len() as u32).collect();
        // Stable: equal anchors keep reading order, so the last of each run is the latest.
        order.sort_by(|&a, &b| table.anchor_at(a).cmp(table.anchor_at(b)));
        let mut by_anchor: Vec<u32> = Vec::with_capacity(order.len());
        for i in order {
            match by_anchor.last_mut() {
                Some(last) if table.anchor_at(*last) == table.anchor_at(i) => *last = i,
                _ => by_anchor.push(i),
            }
        }
        table.by_anchor = by_anchor;
        table.buf.shrink_to_fit();
        table.rows.shrink_to_fit();
        table
    }
}

impl AnchorTable {
    /// A builder to push anchors into, in reading order.
    pub fn builder() -> AnchorTableBuilder {
        AnchorTableBuilder::default()
    }

    /// The anchor `anchor`, if the document has it.
    pub fn get(&self, anchor: &str) -> Option<AnchorInfo<'_>> {
        let i = self
            .by_anchor
            .binary_search_by(|&i| self.anchor_at(i).cmp(anchor))
            .ok()?;
        Some(self.info(self.by_anchor[i]))
    }

    /// Every anchor in reading order.
    pub fn iter(&self) -> impl Iterator<Item = AnchorInfo<'_>> + '_ {
        (0..self.rows.len() as u32).map(|i| self.info(i))
    }

    fn anchor_at(&self, i: u32) -> &str {
        let r = self.rows[i as usize];
        &self.buf[r.start as usize..r.anchor_end as usize]
    }

    fn info(&self, i: u32) -> AnchorInfo<'_> {
        let r = self.rows[i as usize];
        let s = |a: u32, b: u32| &self.buf[a as usize..b as usize];
        AnchorInfo {
            anchor: s(r.start, r.anchor_end),
            citation: s(r.anchor_end, r.citation_end),
            text: s(r.citation_end, r.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[(&str, &str, &str)]) -> AnchorTable {
        let mut b = AnchorTable::builder();
        for (a, c, t) in rows {
            b.push(a, c, t);
        }
        b.finish()
    }

    #[test]
    fn finds_each_anchor_with_its_citation_and_text() {
        let t = table(&[
            ("preamble", "X, preamble", "The Council,"),
            ("2", "X, 2", "Decides"),
            ("10", "X, 10", ""),
            ("annex.III.2.7", "X, Annex, III.2.7", "Calls on"),
        ]);
        let got = t.get("annex.III.2.7").unwrap();
        assert_eq!(
            (got.anchor, got.citation, got.text),
            ("annex.III.2.7", "X, Annex, III.2.7", "Calls on")
        );
        assert_eq!(t.get("10").unwrap().citation, "X, 10");
        assert_eq!(t.get("10").unwrap().text, "");
        assert_eq!(t.get("2").unwrap().text, "Decides");
        assert!(t.get("1").is_none());
        assert!(t.get("annex").is_none());
        assert!(t.get("3").is_none());
        assert!(t.get("preamble").is_some());
    }

    #[test]
    fn keeps_reading_order() {
        let t = table(&[("b", "B", "1"), ("a", "A", "2"), ("c", "C", "3")]);
        let order: Vec<&str> = t.iter().map(|i| i.anchor).collect();
        assert_eq!(order, ["b", "a", "c"]);
    }

    #[test]
    fn an_anchor_written_twice_is_found_as_its_last() {
        let t = table(&[("a", "first", ""), ("b", "B", ""), ("a", "second", "")]);
        assert_eq!(t.get("a").unwrap().citation, "second");
        assert_eq!(t.iter().count(), 3, "reading order keeps both");
    }

    #[test]
    fn an_empty_table_finds_nothing() {
        let t = AnchorTable::default();
        assert_eq!(t.iter().count(), 0);
        assert!(t.get("").is_none());
    }
}
