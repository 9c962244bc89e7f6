//! Metadata read from YAML: the site, each document, each version.

use serde::{Deserialize, Serialize};
use std::fmt;

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteMeta {
    /// Site title, shown on every page.
    pub title: String,
    /// Absolute URL the site is published at, without a trailing slash.
    pub base_url: String,
    /// BCP 47 language tag of the texts.
    pub language: String,
    /// One sentence describing the site.
    pub description: String,
}

/// `document.yaml`: what is true of a work in every version.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    /// Official symbol (`PC.DEC/557`), where the document has one.
    #[serde(default)]
    pub symbol: Option<String>,
    /// How the corpus names the document; required where there is no symbol.
    #[serde(default)]
    pub short_title: Option<String>,
    /// Other symbols and names the document is cited by.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Full title.
    pub title: String,
    /// decision, declaration, resolution, report, ...
    pub kind: String,
    /// Issuing body.
    pub body: String,
    /// Meeting at which it was adopted.
    #[serde(default)]
    pub meeting: Option<String>,
    /// Place of adoption.
    #[serde(default)]
    pub place: Option<String>,
    /// Date of adoption (ISO 8601, day or month may be unknown).
    pub date: PartialDate,
    /// Where the seeds disagree about the date: both readings and the choice.
    #[serde(default)]
    pub date_note: Option<String>,
    /// Political status (politically binding decision, PA recommendation, ...).
    pub status: String,
    /// A short description written by the editors.
    pub description: String,
    /// The version the document's main URL shows; absent for cited-only documents.
    #[serde(default)]
    pub canonical: Option<String>,
    /// The document whose version prints this document's annex (PC.DEC/557's Action Plan).
    #[serde(default)]
    pub annex_printed_in: Option<String>,
    /// Editorial remarks on the metadata (conflicting readings, evidence).
    #[serde(default)]
    pub notes: Vec<String>,
    /// Parts of the document that texts cite by a name of their own, by anchor
    /// (`annex: [OSCE Action Plan, ...]`).
    #[serde(default)]
    pub parts: std::collections::BTreeMap<String, Vec<String>>,
}

impl DocumentMeta {
    /// The name a citation uses: the symbol, or the short title.
    pub fn cite_name(&self) -> &str {
        self.symbol
            .as_deref()
            .or(self.short_title.as_deref())
            .unwrap_or(&self.title)
    }
}

/// Front matter of a version file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VersionMeta {
    /// Version id; equals the file name without `.md`.
    pub id: String,
    /// Human label ("Excerpt in the compilation").
    pub label: String,
    /// Witness type: as-issued, compilation-excerpt, revision, ...
    pub witness: String,
    /// Date of the text this witness carries.
    pub date: PartialDate,
    /// Where the text comes from.
    pub source: SourceRef,
    /// Editorial remarks on the witness as a whole.
    #[serde(default)]
    pub notes: Vec<String>,
    /// A citation of the text this version quotes in block quotes (`OSCE Action Plan`): each
    /// quotation's number is read as a paragraph of it.
    #[serde(default)]
    pub quotes: Option<String>,
    /// How the witness numbers its paragraphs: what the numbering checks expect.
    #[serde(default)]
    pub numbering: Numbering,
}

/// What the numbering checks expect of a version: every list running 1, 2, 3 … (the default),
/// or the gaps of an excerpt that keeps its source's numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    /// A gap or a step back in a list is reported as a warning.
    #[default]
    Complete,
    /// The witness prints some paragraphs with their original numbers (`6, 8, 11, 82`): gaps
    /// are expected; a step back is still reported.
    Excerpt,
    /// The source itself numbers irregularly (a gap, a number repeated out of order): every
    /// irregularity is printed so and expected.
    AsPrinted,
}

/// Where a version's text sits in a primary source.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// File name in `content/sources/`.
    pub file: String,
    /// 1-based inclusive line ranges.
    pub lines: Vec<[usize; 2]>,
    /// Lines inside the ranges that hold footnote text.
    #[serde(default)]
    pub footnote_lines: Vec<LineSpec>,
    /// Lines inside the ranges that are page furniture.
    #[serde(default)]
    pub furniture_lines: Vec<LineSpec>,
    /// Free description of the place in the source.
    #[serde(default)]
    pub note: Option<String>,
}

/// One line number or an inclusive range of them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum LineSpec {
    /// A single line.
    One(usize),
    /// `[first, last]`.
    Range([usize; 2]),
}

impl LineSpec {
    /// The lines this spec covers.
    pub fn lines(&self) -> std::ops::RangeInclusive<usize> {
        match *self {
            LineSpec::One(n) => n..=n,
            LineSpec::Range([a, b]) => a..=b,
        }
    }
}

/// An ISO 8601 date whose month or day may be unknown (`1999`, `2001-12`, `2003-12-02`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year.
    pub year: u16,
    /// Month, 1-12.
    pub month: Option<u8>,
    /// Day, 1-31.
    pub day: Option<u8>,
}

/// The names of the months, as OSCE documents print dates ("2 December 2003").
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking ranges.
    pub fn parse(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, name: &str| -> Result<u32, String> {
            p.parse::<u32>()
                .map_err(|_| format!("`{p}` is not a number ({name})"))
        };
        let shape_ok = matches!(parts.len(), 1..=3)
            && parts[0].len() == 4
            && parts[1..].iter().all(|p| p.len() == 2);
        if !shape_ok {
            return Err(format!(
                "`{s}` is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"
            ));
        }
        let year = num(parts[0], "year")? as u16;
        let month = parts.get(1).map(|p| num(p, "month")).transpose()?;
        let day = parts.get(2).map(|p| num(p, "day")).transpose()?;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!("month {m} in `{s}` is not between 01 and 12"));
            }
        }
        if let (Some(m), Some(d)) = (month, day) {
            if d == 0 || d > days_in_month(year, m) {
                return Err(format!("day {d} in `{s}` does not exist in that month"));
            }
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// The first day the date can mean, `YYYY-MM-DD`, for formats that need a full date
    /// (Akoma Ntoso's `FRBRdate`, Atom's `updated`).
    pub fn first_day(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// "2 December 2003", "December 2001" or "1999", as OSCE documents print dates.
    pub fn long(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTH_NAMES[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTH_NAMES[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

fn days_in_month(year: u16, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Year(u64),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Text(t) => t,
            Raw::Year(y) => y.to_string(),
        };
        PartialDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::PartialDate;

    #[test]
    fn parses_partial_dates_and_rejects_impossible_ones() {
        assert_eq!(
            PartialDate::parse("2003-12-02").unwrap().long(),
            "2 December 2003"
        );
        assert_eq!(
            PartialDate::parse("2001-12").unwrap().long(),
            "December 2001"
        );
        assert_eq!(PartialDate::parse("1999").unwrap().to_string(), "1999");
        assert!(PartialDate::parse("2003-02-30").is_err());
        assert!(PartialDate::parse("2003-13").is_err());
        assert!(PartialDate::parse("24 July 2003").is_err());
        assert!(PartialDate::parse("2004-02-29").is_ok());
    }
}

/// `content/sources/<file>.yaml`: the page furniture of a primary source.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFurniture {
    /// Regular expressions; a line that matches one in full is furniture.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Line numbers (or ranges) of furniture not caught by the patterns.
    #[serde(default)]
    pub lines: Vec<LineSpec>,
}
