//! Writes the site: the only stage that writes files.
//!
//! Everything goes into a fresh directory beside the output, which replaces the output only when
//! every file is written; a failed build leaves the previous site as it was. Files are written
//! in parallel, and [`Staged`] takes them one by one as `render` makes them.

use crate::render::OutputFile;
use crate::Error;
use rayon::prelude::*;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// Writes `files` into `out_dir`, atomically replacing what was there.
pub fn write_site(files: &[OutputFile], out_dir: &Path) -> Result<(), Error> {
    for f in files {
        check_relative(&f.path)?;
    }
    let staged = Staged::new(out_dir)?;
    files.par_iter().try_for_each(|f| staged.put(f))?;
    staged.finish()
}

/// A site being written: files go into a staging directory beside the output as they are
/// rendered, from any thread, so that no build holds the whole site in memory;
/// [`Staged::finish`] swaps the staging directory into place. Dropped unfinished (a later file
/// or page failed), it removes the staging directory and the previous site stays as it was.
#[derive(Debug)]
pub struct Staged {
    out_dir: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    finished: bool,
}

impl Staged {
    /// Creates an empty staging directory beside `out_dir`.
    pub fn new(out_dir: &Path) -> Result<Self, Error> {
        let parent = out_dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        let name = out_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
        let previous = parent.join(format!(".{name}.old-{}", std::process::id()));
        remove_if_exists(&staging)?;
        fs::create_dir_all(&staging).map_err(|e| Error::write(&staging, e))?;
        Ok(Staged {
            out_dir: out_dir.to_path_buf(),
            staging,
            previous,
            finished: false,
        })
    }

    /// Writes one file into the staging directory (its folders are made on first need).
    pub fn put(&self, file: &OutputFile) -> Result<(), Error> {
        check_relative(&file.path)?;
        let path = self.staging.join(&file.path);
        let written = match fs::write(&path, &file.bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let dir = path.parent().unwrap_or(&self.staging);
                fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
                fs::write(&path, &file.bytes)
            }
            other => other,
        };
        written.map_err(|e| Error::write(&path, e))
    }

    /// Swaps the staged site into place.
    pub fn finish(mut self) -> Result<(), Error> {
        swap(&self.staging, &self.out_dir, &self.previous)?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Updates a written site in place, for a rebuild: first writes every file of `files` into a
/// temporary file beside its place, and only when all are written renames them over the old ones
/// (a failure before that leaves the site as it was; a reader never sees half a file); then
/// deletes `removed` with the folders they leave empty.
pub fn update_site(files: &[OutputFile], removed: &[PathBuf], out_dir: &Path) -> Result<(), Error> {
    for path in files.iter().map(|f| &f.path).chain(removed) {
        check_relative(path)?;
    }
    let mut staged = Vec::with_capacity(files.len());
    for f in files {
        let path = out_dir.join(&f.path);
        match stage(&path, &f.bytes) {
            Ok(tmp) => staged.push((tmp, path)),
            Err(e) => {
                for (tmp, _) in &staged {
                    let _ = fs::remove_file(tmp);
                }
                return Err(e);
            }
        }
    }
    for (tmp, path) in &staged {
        commit(tmp, path)?;
    }
    for rel in removed {
        let path = out_dir.join(rel);
        if path.exists() {
            fs::remove_file(&path).map_err(|e| Error::write(&path, e))?;
        }
        remove_empty_parents(&path, out_dir);
    }
    Ok(())
}

/// Writes `bytes` into a temporary file beside `path` (creating its folder) and returns it.
fn stage(path: &Path, bytes: &[u8]) -> Result<PathBuf, Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.acquis-{}", std::process::id()));
    fs::write(&tmp, bytes).map_err(|e| Error::write(&tmp, e))?;
    Ok(tmp)
}

/// Renames a staged file over `path`.
fn commit(tmp: &Path, path: &Path) -> Result<(), Error> {
    fs::rename(tmp, path).map_err(|e| {
        let _ = fs::remove_file(tmp);
        Error::write(path, e)
    })
}

fn remove_empty_parents(path: &Path, out_dir: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| d.starts_with(out_dir) && *d != out_dir) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Writes one file of the content directory (the anchor registry, for `acquis lock`): into a
/// temporary file beside it, then renamed over it, so a failure never leaves half a file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let tmp = stage(path, bytes)?;
    commit(&tmp, path)
}

/// Moves the new tree into place: old out of the way, new in, old removed.
fn swap(staging: &Path, out_dir: &Path, previous: &Path) -> Result<(), Error> {
    let had_previous = out_dir.exists();
    if had_previous {
        remove_if_exists(previous)?;
        fs::rename(out_dir, previous).map_err(|e| Error::write(out_dir, e))?;
    }
    if let Err(e) = fs::rename(staging, out_dir) {
        if had_previous {
            let _ = fs::rename(previous, out_dir);
        }
        return Err(Error::write(out_dir, e));
    }
    if had_previous {
        remove_tree(previous)?;
    }
    Ok(())
}

/// Removes a directory, its top-level entries in parallel (a site has thousands of folders).
fn remove_tree(dir: &Path) -> Result<(), Error> {
    let entries: Vec<PathBuf> = fs::read_dir(dir)
        .and_then(|rd| rd.map(|e| e.map(|e| e.path())).collect())
        .map_err(|e| Error::write(dir, e))?;
    entries.par_iter().try_for_each(|path| {
        let removed = if path.is_dir() {
            fs::remove_dir_all(path)
        } else {
            fs::remove_file(path)
        };
        removed.map_err(|e| Error::write(path, e))
    })?;
    fs::remove_dir(dir).map_err(|e| Error::write(dir, e))
}

fn remove_if_exists(path: &Path) -> Result<(), Error> {
    if path.exists() {
        fs::remove_dir_all(path).map_err(|e| Error::write(path, e))?;
    }
    Ok(())
}

/// Output paths come from content (slugs, version ids): they must stay inside the output.
fn check_relative(path: &Path) -> Result<(), Error> {
    let ok = !path.as_os_str().is_empty()
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(())
    } else {
        Err(Error::UnsafePath(PathBuf::from(path)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_the_previous_site_only_when_all_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write_site(&[file("a/index.html", "one")], &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
        let bad = [file("b/index.html", "two"), file("../escape.html", "x")];
        assert!(write_site(&bad, &out).is_err());
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).unwrap(),
            "one",
            "the old site survives"
        );
        assert!(!tmp.path().join("escape.html").exists());
        write_site(&[file("b/index.html", "two")], &out).unwrap();
        assert!(
            !out.join("a/index.html").exists(),
            "stale files do not survive a good build"
        );
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("site")]);
    }

    #[test]
    fn an_update_that_cannot_write_every_file_changes_none() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write_site(&[file("a/index.html", "one"), file("f", "a file")], &out).unwrap();
        let update = [
            file("a/index.html", "two"),
            file("f/x.html", "under a file"),
        ];
        assert!(update_site(&update, &[], &out).is_err());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
        let names: Vec<_> = fs::read_dir(out.join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("index.html")]);
    }

    #[test]
    fn a_staged_site_dropped_unfinished_leaves_the_previous_site_and_no_staging() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write_site(&[file("a/index.html", "one")], &out).unwrap();
        let staged = Staged::new(&out).unwrap();
        staged.put(&file("b/c/index.html", "two")).unwrap();
        assert!(staged.put(&file("../escape.html", "x")).is_err());
        drop(staged);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
        assert!(!out.join("b").exists());
        let names: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("site")]);
        let staged = Staged::new(&out).unwrap();
        staged.put(&file("b/c/index.html", "two")).unwrap();
        staged.finish().unwrap();
        assert_eq!(
            fs::read_to_string(out.join("b/c/index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("a").exists());
    }

    #[test]
    fn an_update_replaces_and_removes_files_and_the_folders_left_empty() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write_site(
            &[file("a/index.html", "one"), file("b/c/index.html", "x")],
            &out,
        )
        .unwrap();
        let removed = [PathBuf::from("b/c/index.html")];
        update_site(&[file("a/index.html", "two")], &removed, &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("b").exists(), "empty folders go");
        let names: Vec<_> = fs::read_dir(out.join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("index.html")],
            "no temporary file is left"
        );
        assert!(update_site(&[file("../x", "y")], &[], &out).is_err());
        assert!(!tmp.path().join("x").exists());
    }
}
