//! The bad-input suite: each case is a copy of the fixture corpus (and, where the case is about
//! the theme, of the default theme) with one mistake in it, run through `acquis check` as an
//! editor would. What the editor sees, the whole of stderr, and the exit status are compared
//! with `tests/fixtures/bad/<case>.stderr`, mdBook style.
//!
//! After a deliberate change to a message, rewrite the files with
//! `UPDATE_EXPECT=1 cargo test --release --test bad_input` and review the diff: each file is the
//! message an editor will read. No case may panic (exit status 101) or hang.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A case: the corpus and theme to check, and the arguments.
struct Case {
    tmp: tempfile::TempDir,
    content: PathBuf,
    theme: PathBuf,
    args: Vec<String>,
}

impl Case {
    /// A copy of the fixture corpus and of the default theme.
    fn new() -> Case {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        let theme = tmp.path().join("theme");
        copy_dir(&fixture(), &content);
        copy_dir(&common::theme(), &theme);
        Case {
            tmp,
            content,
            theme,
            args: Vec::new(),
        }
    }

    fn path(&self, file: &str) -> PathBuf {
        self.content.join(file)
    }

    /// Replaces the one occurrence of `from` in content file `file` by `to`.
    fn edit(self, file: &str, from: &str, to: &str) -> Case {
        edit_file(&self.path(file), from, to);
        self
    }

    /// Replaces the one occurrence of `from` in template `name` by `to`.
    fn edit_template(self, name: &str, from: &str, to: &str) -> Case {
        edit_file(&self.theme.join("templates").join(name), from, to);
        self
    }

    fn write(self, file: &str, bytes: impl AsRef<[u8]>) -> Case {
        fs::write(self.path(file), bytes).unwrap();
        self
    }

    fn remove(self, file: &str) -> Case {
        fs::remove_file(self.path(file)).unwrap();
        self
    }

    fn arg(mut self, arg: &str) -> Case {
        self.args.push(arg.to_owned());
        self
    }

    /// Runs `acquis check` on the case and compares stderr and the status with the golden file.
    fn expect(self, name: &str, status: i32) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_acquis"));
        cmd.arg("check")
            .arg("--content")
            .arg(&self.content)
            .arg("--theme")
            .arg(&self.theme)
            .args(&self.args);
        let output = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let shown = normalise(&stderr, self.tmp.path());
        let code = output.status.code();
        let actual = format!("exit status: {}\n\n{shown}", code.unwrap_or(-1));
        expect_file(&format!("tests/fixtures/bad/{name}.stderr"), &actual);
        assert_eq!(code, Some(status), "{name}:\n{stderr}");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

fn edit_file(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` in {}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Temporary paths become `<tmp>`, timings `<time>` and the count of files written `<n> files`,
/// so that the golden files depend neither on the machine nor on how many pages a site has.
fn normalise(stderr: &str, tmp: &Path) -> String {
    let canonical = tmp.canonicalize().unwrap();
    let text = stderr
        .replace(&canonical.display().to_string(), "<tmp>")
        .replace(&tmp.display().to_string(), "<tmp>");
    let timing = regex::Regex::new(r"(?m) in [0-9.]+(ns|µs|ms|s)$").unwrap();
    let text = timing.replace_all(&text, " in <time>");
    let files = regex::Regex::new(r"(?m), [0-9]+ files in <time>$").unwrap();
    files
        .replace_all(&text, ", <n> files in <time>")
        .into_owned()
}

const ISSUED: &str = "mc-x-1/issued.md";
const COMPILATION: &str = "mc-x-1/compilation.md";
const DOC_YAML: &str = "mc-x-1/document.yaml";

// ---------------------------------------------------------------------------------------------
// YAML and front matter

#[test]
fn malformed_yaml_in_document_yaml() {
    Case::new()
        .edit(
            DOC_YAML,
            "body: Ministerial Council",
            "body: Ministerial: Council",
        )
        .expect("malformed_yaml_document", 1);
}

#[test]
fn malformed_yaml_in_front_matter() {
    Case::new()
        .edit(ISSUED, "label: Text as issued", "label: [Text as issued")
        .expect("malformed_yaml_front_matter", 1);
}

#[test]
fn front_matter_not_closed() {
    Case::new()
        .edit(ISSUED, "---\n\n# MINISTERIAL", "\n# MINISTERIAL")
        .expect("front_matter_not_closed", 1);
}

#[test]
fn missing_front_matter_field() {
    Case::new()
        .edit(ISSUED, "label: Text as issued\n", "")
        .expect("missing_field", 1);
}

#[test]
fn missing_document_field() {
    Case::new()
        .edit(DOC_YAML, "kind: decision\n", "")
        .expect("missing_document_field", 1);
}

#[test]
fn unknown_front_matter_field() {
    Case::new()
        .edit(
            ISSUED,
            "witness: as-issued",
            "witness: as-issued\ncolour: red",
        )
        .expect("unknown_field", 1);
}

#[test]
fn impossible_date() {
    Case::new()
        .edit(DOC_YAML, "date: 2003-12-02", "date: 2003-02-30")
        .expect("impossible_date", 1);
}

#[test]
fn date_written_in_words() {
    Case::new()
        .edit(ISSUED, "date: 2003-12-02", "date: 2 December 2003")
        .expect("date_in_words", 1);
}

#[test]
fn site_yaml_missing() {
    Case::new()
        .remove("site.yaml")
        .expect("site_yaml_missing", 1);
}

// ---------------------------------------------------------------------------------------------
// Files

#[test]
fn invalid_utf8() {
    let case = Case::new();
    let mut bytes = fs::read(case.path(ISSUED)).unwrap();
    let at = bytes.windows(9).position(|w| w == b"Establish").unwrap();
    bytes.insert(at, 0xFF);
    case.write(ISSUED, bytes).expect("invalid_utf8", 1);
}

#[test]
fn empty_version_file() {
    Case::new()
        .write(ISSUED, "")
        .expect("empty_version_file", 1);
}

#[test]
fn version_without_text() {
    let case = Case::new();
    let text = fs::read_to_string(case.path(ISSUED)).unwrap();
    let front = &text[..text.find("\n---\n").unwrap() + 5];
    let front = front.to_owned();
    case.write(ISSUED, front).expect("version_without_text", 1);
}

#[test]
fn empty_document_yaml() {
    Case::new()
        .write(DOC_YAML, "")
        .expect("empty_document_yaml", 1);
}

#[test]
fn huge_file() {
    let case = Case::new();
    let text = fs::read_to_string(case.path(ISSUED)).unwrap();
    let filler = "Establishes an assistance mechanism. ".repeat(9 * 1024 * 1024 / 37 + 1);
    let huge = format!("{text}\n\n3\\. {filler}\n");
    case.write(ISSUED, huge).expect("huge_file", 1);
}

#[cfg(unix)]
#[test]
fn symlink_leading_out_of_content() {
    let case = Case::new();
    let outside = case.tmp.path().join("outside.md");
    fs::write(&outside, "---\nid: x\n---\n").unwrap();
    std::os::unix::fs::symlink(&outside, case.path("mc-x-1/linked.md")).unwrap();
    case.expect("symlink_out", 1);
}

#[test]
fn content_directory_missing_is_a_tool_failure() {
    let case = Case::new();
    fs::remove_dir_all(&case.content).unwrap();
    case.expect("content_missing", 2);
}

// ---------------------------------------------------------------------------------------------
// Documents, symbols, slugs

#[test]
fn folder_not_the_slug_of_its_symbol() {
    let case = Case::new();
    fs::rename(case.path("pc-x-9"), case.path("pc-x-09")).unwrap();
    case.expect("folder_slug_mismatch", 1);
}

#[test]
fn duplicate_symbol() {
    Case::new()
        .edit(
            "pc-x-9/document.yaml",
            "symbol: PC.X/9",
            "symbol: PC.X/9\naliases: [MC.X/1]",
        )
        .expect("duplicate_symbol", 1);
}

#[test]
fn two_names_with_the_same_slug() {
    Case::new()
        .edit(
            "pc-x-9/document.yaml",
            "symbol: PC.X/9",
            "symbol: PC.X/9\naliases: [MC X 1]",
        )
        .expect("duplicate_slug", 1);
}

#[test]
fn a_slug_that_is_a_folder_of_the_site() {
    let case = Case::new().edit("pc-x-9/document.yaml", "symbol: PC.X/9", "symbol: Search");
    fs::rename(case.path("pc-x-9"), case.path("search")).unwrap();
    case.expect("slug_is_a_site_folder", 1);
}

// ---------------------------------------------------------------------------------------------
// Numbers and anchors

#[test]
fn two_paragraphs_with_the_same_number() {
    Case::new()
        .edit(ISSUED, "2\\. Establishes", "1\\. Establishes")
        .expect("same_number_twice", 1);
}

#[test]
fn a_gap_in_the_numbering_is_a_warning() {
    Case::new()
        .edit(
            ISSUED,
            "2\\. Establishes an assistance mechanism.",
            "2\\. Establishes an assistance mechanism.\n\n4\\. Decides.",
        )
        .expect("numbering_gap", 0);
}

#[test]
fn a_gap_fails_with_deny_warnings() {
    Case::new()
        .edit(
            ISSUED,
            "2\\. Establishes an assistance mechanism.",
            "2\\. Establishes an assistance mechanism.\n\n4\\. Decides.",
        )
        .arg("--deny-warnings")
        .expect("numbering_gap_denied", 1);
}

#[test]
fn a_gap_acknowledged_in_the_front_matter_is_accepted() {
    Case::new()
        .edit(
            ISSUED,
            "2\\. Establishes an assistance mechanism.",
            "2\\. Establishes an assistance mechanism.\n\n4\\. Decides.",
        )
        .edit(
            ISSUED,
            "witness: as-issued",
            "witness: as-issued\nnumbering: excerpt",
        )
        .expect("numbering_gap_excerpt", 0);
}

#[test]
fn a_step_back_in_the_numbering_is_a_warning() {
    Case::new()
        .edit(ISSUED, "1\\. Decides", "3\\. Decides")
        .arg("--deny-warnings")
        .expect("numbering_step_back", 1);
}

#[test]
fn an_explicit_anchor_with_unsafe_characters() {
    Case::new()
        .edit(COMPILATION, "{#seized}", "{#../seized}")
        .expect("unsafe_anchor", 1);
}

#[test]
fn a_version_id_that_would_leave_the_output() {
    Case::new()
        .edit(ISSUED, "id: issued", "id: ../../x")
        .expect("version_id_escapes", 1);
}

#[test]
fn a_version_file_name_with_unsafe_characters() {
    let case = Case::new();
    let text = fs::read_to_string(case.path(ISSUED))
        .unwrap()
        .replace("id: issued", "id: Issued Copy");
    case.remove(ISSUED)
        .write("mc-x-1/Issued Copy.md", text)
        .expect("version_id_unsafe", 1);
}

#[test]
fn a_source_file_outside_the_sources() {
    Case::new()
        .edit(
            ISSUED,
            "file: 901_fixture_issued.txt",
            "file: ../../etc/passwd",
        )
        .expect("source_file_escapes", 1);
}

#[test]
fn a_javascript_link() {
    Case::new()
        .edit(
            ISSUED,
            "the Action Plan",
            "the [Action Plan](javascript:alert(1))",
        )
        .expect("javascript_link", 1);
}

// ---------------------------------------------------------------------------------------------
// Markdown

#[test]
fn raw_html() {
    Case::new()
        .edit(ISSUED, "to Combat Examples;", "to <b>Combat</b> Examples;")
        .expect("raw_html", 1);
}

#[test]
fn masthead_after_the_text() {
    Case::new()
        .edit(
            ISSUED,
            "The Ministerial Council,\n",
            "The Ministerial Council,\n\n# LATE\n",
        )
        .expect("masthead_after_text", 1);
}

#[test]
fn undefined_footnote() {
    Case::new()
        .edit(ISSUED, "mechanism.", "mechanism.[^9]")
        .expect("undefined_footnote", 1);
}

#[test]
fn unclosed_editorial_note() {
    Case::new()
        .edit(
            ISSUED,
            "an assistance mechanism.",
            "an {~~assistance mechanism.",
        )
        .expect("unclosed_note", 1);
}

#[test]
fn a_hundred_thousand_unclosed_notes_are_summarised() {
    let case = Case::new();
    let text = fs::read_to_string(case.path(ISSUED)).unwrap();
    let garbage = "{~~x{--y{>>z ".repeat(100_000);
    case.write(ISSUED, format!("{text}\n\n{garbage}\n"))
        .expect("many_unclosed_notes", 1);
}

#[test]
fn ten_thousand_nested_block_quotes() {
    let case = Case::new();
    let text = fs::read_to_string(case.path(ISSUED)).unwrap();
    let deep = format!("{} deep\n", ">".repeat(10_000));
    case.write(ISSUED, format!("{text}\n\n{deep}"))
        .expect("deep_block_quotes", 1);
}

#[test]
fn ten_thousand_nested_lists() {
    let case = Case::new();
    let text = fs::read_to_string(case.path(ISSUED)).unwrap();
    let deep = format!("{}deep\n", "- ".repeat(10_000));
    case.write(ISSUED, format!("{text}\n\n{deep}"))
        .expect("deep_lists", 1);
}

#[test]
fn ten_thousand_nested_emphases() {
    let case = Case::new();
    let text = fs::read_to_string(case.path(ISSUED)).unwrap();
    let deep = format!("{}deep{}\n", "*a _".repeat(10_000), "_ a*".repeat(10_000));
    case.write(ISSUED, format!("{text}\n\n{deep}"))
        .expect("deep_emphasis", 1);
}

#[test]
fn paragraphs_nested_deeper_than_any_text() {
    let numbers = [
        "I.",
        "A.",
        "1\\.",
        "1.1",
        "1.1.1",
        "1.1.1.1",
        "1.1.1.1.1",
        "1.1.1.1.1.1",
        "1.1.1.1.1.1.1",
        "1.1.1.1.1.1.1.1",
        "(a)",
        "(i)",
        "(1)",
        "1)",
        "a)",
        "—",
    ];
    let deep: String = numbers.iter().map(|n| format!("{n} Text.\n\n")).collect();
    let case = Case::new();
    let text = fs::read_to_string(case.path(ISSUED)).unwrap();
    case.write(ISSUED, format!("{text}\n\n## II. Deep\n\n{deep}"))
        .expect("deep_paragraphs", 1);
}

// ---------------------------------------------------------------------------------------------
// Theme

#[test]
fn a_required_template_is_missing() {
    let case = Case::new();
    fs::remove_file(case.theme.join("templates/cited.html")).unwrap();
    case.expect("template_missing", 1);
}

#[test]
fn a_list_template_is_required_too() {
    // The home page, the index of documents and the timeline render their lists through
    // templates of their own: a theme without one is told before anything renders.
    let case = Case::new();
    fs::remove_file(case.theme.join("templates/timeline_entries.html")).unwrap();
    case.expect("template_missing_list", 1);
}

#[test]
fn a_template_includes_an_unknown_template() {
    Case::new()
        .edit_template(
            "version.html",
            "{% include \"doc_header.html\" %}",
            "{% include \"doc_heading.html\" %}",
        )
        .expect("template_unknown", 1);
}

#[test]
fn a_template_syntax_error() {
    Case::new()
        .edit_template(
            "cited.html",
            "{% if page.doc.notes %}",
            "{% if page.doc.notes %",
        )
        .expect("template_syntax_error", 1);
}

#[test]
fn a_template_uses_a_field_the_views_do_not_have() {
    Case::new()
        .edit_template(
            "cited.html",
            "{{ page.doc.title }}",
            "{{ page.doc.titel.x }}",
        )
        .expect("template_render_error", 1);
}

#[test]
fn the_theme_directory_is_missing() {
    let case = Case::new();
    fs::remove_dir_all(&case.theme).unwrap();
    case.expect("theme_missing", 1);
}

// ---------------------------------------------------------------------------------------------
// The anchor registry

#[test]
fn a_renumbered_paragraph_without_a_registry_entry() {
    Case::new()
        .edit(
            COMPILATION,
            "4. Decides to review",
            "5\\. Decides to review",
        )
        .expect("registry_renumbered", 1);
}

#[test]
fn a_deleted_paragraph_without_a_registry_entry() {
    Case::new()
        .edit(
            COMPILATION,
            "— to consult the participating States;\n\n",
            "",
        )
        .expect("registry_deleted", 1);
}

#[test]
fn a_redirect_to_nowhere() {
    Case::new()
        .edit(
            COMPILATION,
            "4. Decides to review",
            "5\\. Decides to review",
        )
        .edit(
            "anchors.lock",
            "    issued:\n",
            "      moved:\n        \"4\": \"6\"\n    issued:\n",
        )
        .expect("registry_redirect_to_nowhere", 1);
}

#[test]
fn a_malformed_registry() {
    Case::new()
        .edit("anchors.lock", "mc-x-1:\n", "mc-x-1\n")
        .expect("registry_malformed", 1);
}

#[test]
fn a_new_paragraph_not_yet_registered() {
    Case::new()
        .edit(
            ISSUED,
            "2\\. Establishes an assistance mechanism.",
            "2\\. Establishes an assistance mechanism.\n\n3\\. Decides.",
        )
        .arg("--deny-warnings")
        .expect("registry_unregistered", 1);
}

// ---------------------------------------------------------------------------------------------
// Every problem at once

#[test]
fn every_problem_of_a_run_is_reported() {
    Case::new()
        .edit(
            ISSUED,
            "witness: as-issued",
            "witness: as-issued\ncolour: red",
        )
        .edit(DOC_YAML, "date: 2003-12-02", "date: 2003-02-30")
        .edit(
            "exampleton-document-1990/excerpt.md",
            "Done at Exampleton.",
            "Done at <i>Exampleton</i>.",
        )
        .edit(COMPILATION, "to consult the", "to {--consult the")
        .expect("many_problems", 1);
}
