//! YAML: `site.yaml`, `document.yaml` and the front matter of version files.
//!
//! The only module that uses serde_yaml (archived upstream), so that a maintained fork is a
//! one-line change. It turns YAML error positions, relative to the YAML block, into positions in
//! the file.

use crate::diagnostics::Diagnostic;
use crate::model::Location;
use serde::de::DeserializeOwned;
use std::path::Path;

/// A Markdown file cut into its front matter and its body.
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Cuts `text` at its `---` front matter fences.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let missing = || {
        Diagnostic::error(Location { file: file.into(), line: 1, col: 1 }, "a version file must start with YAML front matter")
            .snippet(text, 3)
            .help("begin the file with a line `---`, the front matter (id, label, witness, date, source), and another `---`")
    };
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or_else(missing)?;
    let start = text.len() - rest.len();
    let mut offset = start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml: &text[start..offset],
                yaml_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Location {
            file: file.into(),
            line: 1,
            col: 1,
        },
        "the front matter is not closed",
    )
    .snippet(text, 3)
    .help("end the front matter with a line `---` before the text"))
}

/// Deserialises YAML that starts at line `first_line` of `file`, mapping error positions.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    file: &Path,
    first_line: usize,
    file_text: &str,
) -> Result<T, Diagnostic> {
    if yaml.trim().is_empty() {
        let loc = Location::new(file, first_line, 1);
        let name = file
            .file_name()
            .map_or("the file".into(), |n| n.to_string_lossy().into_owned());
        return Err(Diagnostic::error(loc, format!("{name} has no YAML in it"))
            .help("write the fields this file needs; content/README.md lists them"));
    }
    serde_yaml::from_str(yaml).map_err(|err| {
        let message = clean_message(&err.to_string());
        let (line, col) = quoted_value_position(yaml, &message)
            .or_else(|| err.location().map(|l| (l.line(), l.column())))
            .map_or((first_line, 1), |(l, c)| (first_line + l - 1, c));
        let help = help_for(&message);
        // A missing field has no line of its own: the place is the start of the YAML.
        let shown = match message.contains("missing field") {
            true => "",
            false => file_text,
        };
        let d = Diagnostic::error(Location::new(file, line, col), message).snippet(shown, 1);
        match help {
            Some(h) => d.help(h),
            None => d,
        }
    })
}

/// Errors from our own value checks (a bad date) carry no useful position; they quote the bad
/// value in backticks, and its first occurrence in the YAML is where to point.
fn quoted_value_position(yaml: &str, message: &str) -> Option<(usize, usize)> {
    if message.contains("unknown field") || message.contains("missing field") {
        return None;
    }
    let value = message.split('`').nth(1).filter(|v| !v.is_empty())?;
    let offset = yaml.find(value)?;
    let line = yaml[..offset].matches('\n').count() + 1;
    let col = yaml[..offset]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    Some((line, col))
}

/// serde_yaml appends " at line X column Y" to messages; the location is shown separately.
/// Only a syntax error is called "invalid YAML": a missing field or a bad value is valid YAML
/// saying the wrong thing.
fn clean_message(msg: &str) -> String {
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    let about_values = [
        "field `",
        "invalid type",
        "invalid value",
        "ISO 8601",
        " in `",
    ];
    match about_values.iter().any(|m| msg.contains(m)) {
        true => msg.to_owned(),
        false => format!("invalid YAML: {msg}"),
    }
}

fn help_for(message: &str) -> Option<String> {
    if message.contains("mapping values are not allowed") {
        Some("a value that contains `: ` must be quoted: `key: \"text: more text\"`".into())
    } else if message.contains("invalid type") {
        Some("write the value in the form the field takes (text, a date, a list `[...]`); quote text that starts with `[`, `{`, `*`, `&` or `!`".into())
    } else if message.starts_with("invalid YAML") {
        Some("check the YAML on this line and the one above: a missing `:`, an unclosed `[` or `\"`, or a tab in the indentation".into())
    } else if message.contains("unknown field") {
        Some("remove the field or correct its spelling; content/README.md lists the fields".into())
    } else if message.contains("missing field") {
        Some("add the field; content/README.md lists the required fields".into())
    } else if message.contains("ISO 8601") || message.contains("month") || message.contains("day ")
    {
        Some("write dates as YYYY-MM-DD, YYYY-MM or YYYY".into())
    } else {
        None
    }
}

/// The 1-based line and column of `key:` at the start of a line of `yaml`, for errors about a value.
pub fn locate_key(yaml: &str, key: &str, first_line: usize) -> (usize, usize) {
    yaml.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.starts_with(':'))
        })
        .map_or((first_line, 1), |i| {
            let line = yaml.lines().nth(i).unwrap_or("");
            (first_line + i, line.len() - line.trim_start().len() + 1)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocumentMeta;

    #[test]
    fn maps_yaml_errors_to_file_lines() {
        let text = "---\nid: x\nlabel: [unclosed\n---\nbody";
        let s = split(text, Path::new("a.md")).unwrap();
        assert_eq!(s.body, "body");
        let err =
            parse::<serde_yaml::Value>(s.yaml, Path::new("a.md"), s.yaml_line, text).unwrap_err();
        assert!(err.location.line >= 3, "{err}");
        assert!(err.message.starts_with("invalid YAML"), "{err}");
        assert!(err.help.is_some());
    }

    #[test]
    fn rejects_unknown_fields_and_bad_dates_with_help() {
        let yaml =
            "title: T\nkind: decision\nbody: B\ndate: 2003-13-01\nstatus: s\ndescription: d\n";
        let err = parse::<DocumentMeta>(yaml, Path::new("document.yaml"), 1, yaml).unwrap_err();
        assert!(err.message.contains("month 13"), "{}", err.message);
        assert_eq!(err.location.line, 4);
        let yaml = "title: T\nkind: decision\nbody: B\ndate: 2003\nstatus: s\ndescription: d\ncolour: red\n";
        let err = parse::<DocumentMeta>(yaml, Path::new("document.yaml"), 1, yaml).unwrap_err();
        assert!(
            err.message.contains("unknown field `colour`"),
            "{}",
            err.message
        );
        assert!(err.help.is_some());
    }

    #[test]
    fn requires_front_matter() {
        assert!(split("# no front matter", Path::new("a.md")).is_err());
        assert!(split("---\nid: x\n", Path::new("a.md")).is_err());
    }

    #[test]
    fn locates_keys() {
        assert_eq!(locate_key("a: 1\n  date: 2\n", "date", 2), (3, 3));
    }
}
