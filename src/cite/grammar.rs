//! Recognises citations in text: what is cited (a name, a symbol, or a description such as
//! "Ministerial Council Decision No. 13"), the paragraph numbers cited with it ("articles 106 and
//! 107 of …", "… , Annex, III.2.7", "… para 9"), and a year that qualifies it ("of 1991").
//!
//! Recognition knows nothing of the corpus beyond names and places: it returns [`Mention`]s with
//! byte spans, and [`super::Catalog`] decides what they point at.

use super::names::{is_word, NameIndex, Referent};
use super::patterns::{month_number, PATTERNS};
use regex::Captures;
use std::collections::HashSet;
use std::ops::Range;

/// A subject found in text: its span, what it is, the year it carries, the alternatives of a
/// generic name.
type Found = (Range<usize>, Subject, Option<u16>, Vec<Referent>);

/// How far before a name the numbers that cite its paragraphs may start.
const PRE_WINDOW: usize = 200;

/// The issuing body of a described decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Body {
    /// Ministerial Council ("Ministerial", "MC").
    MinisterialCouncil,
    /// Permanent Council ("PC").
    PermanentCouncil,
}

/// What kind of text a description names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A decision.
    Decision,
    /// A declaration.
    Declaration,
}

/// A document described by its body, number, place and date rather than named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    /// Issuing body, if said.
    pub body: Option<Body>,
    /// Decision or declaration.
    pub kind: Kind,
    /// "No. 13".
    pub number: Option<u32>,
    /// The year of "No. 13/05", two digits.
    pub yy: Option<u16>,
    /// "Maastricht …" or "… adopted in Ljubljana".
    pub place: Option<String>,
    /// "… of 2000", "the 2001 …".
    pub year: Option<u16>,
    /// "… of November 2000".
    pub month: Option<u8>,
}

/// What a mention cites, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A name from the index.
    Name(Referent),
    /// Something shaped like an OSCE symbol that no document claims.
    Symbol(String),
    /// A description.
    Description(Description),
}

/// A paragraph number cited with a document: its span and its parts (`["III", "9", "1"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pinpoint {
    /// Byte range in the text ("articles 106", "107", "Chapter III., Section 1.1.1").
    pub span: Range<usize>,
    /// The parts of the number, in order; bracketed letters keep their brackets.
    pub parts: Vec<String>,
    /// "…, indent 2".
    pub indent: Option<u32>,
}

/// One citation found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// What is cited.
    pub subject: Subject,
    /// Byte range of the name, symbol or description.
    pub span: Range<usize>,
    /// Paragraph numbers cited with it.
    pub pinpoints: Vec<Pinpoint>,
    /// "Annex," before the numbers: they count inside the annex.
    pub annex: bool,
    /// A year the text gives for the document.
    pub year: Option<u16>,
    /// Other documents a generic name may mean (see [`super::names::NameMatch`]).
    pub alternatives: Vec<Referent>,
}

impl Mention {
    /// The byte range of the whole mention, numbers included.
    pub fn extent(&self) -> Range<usize> {
        let start = self
            .pinpoints
            .iter()
            .map(|p| p.span.start)
            .chain([self.span.start])
            .min()
            .unwrap_or(self.span.start);
        let end = self
            .pinpoints
            .iter()
            .map(|p| p.span.end)
            .chain([self.span.end])
            .max()
            .unwrap_or(self.span.end);
        start..end
    }
}

/// The grammar: the names texts use, and the places descriptions may name.
pub struct Grammar {
    /// Every name.
    pub names: NameIndex,
    /// Places of adoption ("Maastricht", "Ljubljana").
    pub places: HashSet<String>,
}

impl Grammar {
    /// Every citation in `text`, in order.
    pub fn recognise(&self, text: &str) -> Vec<Mention> {
        let subjects = self.subjects(text);
        let pres: Vec<Option<Vec<Pinpoint>>> = subjects
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let prev_end = if i == 0 { 0 } else { subjects[i - 1].0.end };
                pre_pinpoints(text, window(text, prev_end, s.0.start))
            })
            .collect();
        let mut out = Vec::with_capacity(subjects.len());
        for (i, (span, subject, own_year, alternatives)) in subjects.iter().enumerate() {
            let prev_end = if i == 0 { 0 } else { subjects[i - 1].0.end };
            // Numbers after a name stop where the next name's own numbers begin ("… III.2.7
            // and articles 1 and 2 of the Exampleton Decision").
            let next_start = match (subjects.get(i + 1), pres.get(i + 1)) {
                (Some(_), Some(Some(pins))) => pins
                    .iter()
                    .map(|p| p.span.start)
                    .min()
                    .unwrap_or(text.len()),
                (Some(s), _) => s.0.start,
                (None, _) => text.len(),
            };
            if matches!(subject, Subject::Name(Referent::NotACitation)) {
                continue;
            }
            let mut m = Mention {
                subject: subject.clone(),
                span: span.clone(),
                pinpoints: Vec::new(),
                annex: false,
                year: *own_year,
                alternatives: alternatives.clone(),
            };
            let before = window(text, prev_end, span.start);
            let pre = pres[i].clone();
            let post = post_pinpoints(text, span.end..next_start.max(span.end));
            if pre.is_none() && m.year.is_none() {
                m.year = year_before(&text[before]);
            }
            if post.is_none() && m.year.is_none() {
                m.year = year_after(&text[span.end..next_start]);
            }
            m.pinpoints.extend(pre.unwrap_or_default());
            if let Some((pins, annex)) = post {
                m.pinpoints.extend(pins);
                m.annex = annex;
            }
            out.push(m);
        }
        out
    }

    /// Names, then symbols and descriptions where no name is: each with its span and the year
    /// it carries itself, sorted, never overlapping.
    fn subjects(&self, text: &str) -> Vec<Found> {
        let mut taken: Vec<Found> = self
            .names
            .find(text)
            .into_iter()
            .map(|m| (m.span, Subject::Name(m.referent), None, m.alternatives))
            .collect();
        let free = |taken: &[Found], r: &Range<usize>| {
            taken
                .iter()
                .all(|(t, ..)| t.end <= r.start || r.end <= t.start)
        };
        let mut extra = Vec::new();
        for m in PATTERNS.symbol.find_iter(text) {
            if is_word(text, m.start(), m.end()) && free(&taken, &m.range()) {
                extra.push((
                    m.range(),
                    Subject::Symbol(m.as_str().to_owned()),
                    None,
                    vec![],
                ));
            }
        }
        for caps in PATTERNS.description.captures_iter(text) {
            for (span, d) in self.descriptions(text, &caps) {
                if free(&taken, &span) && free(&extra, &span) {
                    let year = d.year;
                    extra.push((span, Subject::Description(d), year, vec![]));
                }
            }
        }
        taken.extend(extra);
        taken.sort_by_key(|(r, ..)| r.start);
        taken
    }

    /// The documents one match of the description pattern describes (several for "Decisions
    /// of November 2000, December 2001, and December 2002").
    fn descriptions(&self, text: &str, caps: &Captures<'_>) -> Vec<(Range<usize>, Description)> {
        let whole = caps.get(0).expect("match");
        let has_number = caps.name("num").is_some();
        let dates = caps.name("dates");
        if !has_number && dates.is_none() {
            return Vec::new();
        }
        let known = |g: &str| {
            caps.name(g)
                .map(|m| m.as_str().to_owned())
                .filter(|p| self.places.contains(p))
        };
        let place_group = caps.name("place");
        let mut start = whole.start();
        if place_group.is_some() && known("place").is_none() {
            start = caps
                .name("body")
                .or(caps.name("kind"))
                .map_or(start, |m| m.start());
        }
        if !is_word(text, start, whole.end()) {
            return Vec::new();
        }
        let base = Description {
            body: caps.name("body").map(|b| body(b.as_str())),
            kind: if caps["kind"].starts_with("Decl") {
                Kind::Declaration
            } else {
                Kind::Decision
            },
            number: caps.name("num").and_then(|n| n.as_str().parse().ok()),
            yy: caps.name("yy").and_then(|n| n.as_str().parse().ok()),
            place: known("place").or_else(|| known("place2")),
            year: caps
                .name("year")
                .filter(|_| start == whole.start())
                .and_then(|y| y.as_str().parse().ok()),
            month: None,
        };
        let Some(dates) = dates else {
            return vec![(start..whole.end(), base)];
        };
        let mut out = Vec::new();
        for (i, d) in PATTERNS
            .month_year
            .captures_iter(dates.as_str())
            .enumerate()
        {
            let at = dates.start() + d.get(0).expect("date").start();
            let end = dates.start() + d.get(0).expect("date").end();
            let mut desc = base.clone();
            desc.year = d.name("year").and_then(|y| y.as_str().parse().ok());
            desc.month = d.name("month").and_then(|m| month_number(m.as_str()));
            out.push((if i == 0 { start..end } else { at..end }, desc));
        }
        out
    }
}

fn body(text: &str) -> Body {
    if text.starts_with('P') {
        Body::PermanentCouncil
    } else {
        Body::MinisterialCouncil
    }
}

/// The last [`PRE_WINDOW`] bytes before `end`, not before `start`, on a character boundary.
fn window(text: &str, start: usize, end: usize) -> Range<usize> {
    let mut from = end.saturating_sub(PRE_WINDOW).max(start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from..end
}

/// Numbers before a name: "articles 106 and 107 of the".
fn pre_pinpoints(text: &str, before: Range<usize>) -> Option<Vec<Pinpoint>> {
    let caps = PATTERNS.pre.captures(&text[before.clone()])?;
    let pin = caps.name("pin")?;
    let start = before.start + pin.start();
    if text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    Some(sequence(pin.as_str(), start, None))
}

/// Numbers after a name: ", Annex, III.2.7", " para 9", " V.3.1". Returns them and whether they
/// count inside the annex.
fn post_pinpoints(text: &str, after: Range<usize>) -> Option<(Vec<Pinpoint>, bool)> {
    let rest = &text[after.clone()];
    let caps = PATTERNS.post.captures(rest)?;
    let whole = caps.get(0)?;
    if rest[whole.end()..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let seq = caps.name("seq")?;
    let labelled = caps.name("label").is_some() || caps.name("annex").is_some();
    if !labelled && !structured(seq.as_str(), &rest[whole.end()..]) {
        return None;
    }
    let indent = caps.name("indent").and_then(|i| i.as_str().parse().ok());
    let start = after.start + caps.name("label").unwrap_or(seq).start();
    let mut pins = sequence(&text[start..after.start + seq.end()], start, indent);
    if let (Some(last), Some(_)) = (pins.last_mut(), indent) {
        last.span.end = after.start + whole.end();
    }
    pins.retain(|p| !is_year(&p.parts));
    (!pins.is_empty()).then_some((pins, caps.name("annex").is_some()))
}

/// Whether numbers printed right after a name, without "para" or "Annex", are a paragraph
/// number: a dotted number (`40.7`, `V.3.1`), one with a bracketed letter (`2(a)`), or a short
/// plain number that ends the sentence ("MC(8).DEC/1, 9").
fn structured(seq: &str, after: &str) -> bool {
    let first = seq
        .split(|c: char| c == ',' || c.is_whitespace())
        .next()
        .unwrap_or("");
    let core = first.trim_end_matches('.');
    if core.contains('.') || core.contains('(') {
        return true;
    }
    let plain = !core.is_empty() && core.len() <= 3 && core.chars().all(|c| c.is_ascii_digit());
    let ends = after
        .trim_start()
        .chars()
        .next()
        .is_none_or(|c| matches!(c, '.' | ';' | ':' | ')'));
    plain && ends && seq.trim_end_matches('.') == core
}

fn is_year(parts: &[String]) -> bool {
    parts.len() == 1
        && parts[0].len() == 4
        && (parts[0].starts_with("19") || parts[0].starts_with("20"))
}

/// Splits "articles 106 and 107" into two numbers and "Chapter III., Section 1.1.1" into one:
/// a comma joins a deeper number (Roman then Arabic, or a new label) to the one before; `and`,
/// `&`, `to` and a comma between numbers of one style list them.
fn sequence(seq: &str, offset: usize, indent: Option<u32>) -> Vec<Pinpoint> {
    let mut out: Vec<Pinpoint> = Vec::new();
    let mut label_at: Option<usize> = None;
    let mut sep: Option<&str> = None;
    for tok in PATTERNS.seq_token.captures_iter(seq) {
        let m = tok.get(0).expect("token");
        if tok.name("label").is_some() {
            label_at.get_or_insert(m.start());
            continue;
        }
        if tok.name("and").is_some() {
            sep = Some("and");
            continue;
        }
        if tok.name("comma").is_some() {
            sep = sep.or(Some(","));
            continue;
        }
        let parts = num_parts(m.as_str());
        let joins = match (out.last(), sep) {
            (Some(prev), Some(",")) => label_at.is_some() || deeper(&prev.parts, &parts),
            _ => false,
        };
        if joins {
            let prev = out.last_mut().expect("previous number");
            prev.parts.extend(parts);
            prev.span.end = offset + m.end();
        } else {
            out.push(Pinpoint {
                span: offset + label_at.unwrap_or(m.start())..offset + m.end(),
                parts,
                indent: None,
            });
        }
        label_at = None;
        sep = None;
    }
    if let Some(last) = out.last_mut() {
        last.indent = indent;
    }
    out
}

/// `VI.` then `1.`: an Arabic number after a Roman one, or a bracketed letter after a number,
/// goes one level down.
fn deeper(prev: &[String], next: &[String]) -> bool {
    let (Some(p), Some(n)) = (prev.last(), next.first()) else {
        return false;
    };
    let roman = |s: &str| s.chars().all(|c| "IVXLC".contains(c));
    (roman(p) && n.starts_with(|c: char| c.is_ascii_digit())) || n.starts_with('(')
}

/// The parts of one printed number: `V. 11. 2.` → `V`, `11`, `2`; `2(a)` → `2`, `(a)`.
pub fn num_parts(num: &str) -> Vec<String> {
    PATTERNS
        .num_part
        .find_iter(num)
        .map(|m| m.as_str().to_owned())
        .collect()
}

fn year_before(before: &str) -> Option<u16> {
    let caps = PATTERNS.year_before.captures(before)?;
    let y = caps.name("year")?;
    let prev = before[..y.start()].chars().next_back();
    if prev.is_some_and(char::is_alphanumeric) {
        return None;
    }
    y.as_str().parse().ok()
}

fn year_after(after: &str) -> Option<u16> {
    let caps = PATTERNS.year_after.captures(after)?;
    let y = caps.name("year")?;
    if after[y.end()..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    y.as_str().parse().ok()
}

#[cfg(test)]
mod tests;
