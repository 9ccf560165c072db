//! Paths in, the files to read out: directories walked in name order, each directory and each
//! file once however many paths (symbolic links, hard links, overlapping arguments) reach it.
//!
//! A directory or file is known by its device and inode on Unix (by its canonical path
//! elsewhere), so a symbolic link back to an ancestor is not followed again and a file reached
//! through two links is listed once, under the first path in walk order. The walk keeps its own
//! stack of directories (no recursion), so a very deep tree cannot overflow the call stack.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::{EXTENSIONS, ReadError};

/// What a directory or file is known by.
#[cfg(unix)]
type FileId = (u64, u64);
/// What a directory or file is known by.
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(_path: &Path, meta: &fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path, _meta: &fs::Metadata) -> Option<FileId> {
    fs::canonicalize(path).ok()
}

/// Lists the files to read for the given paths: files as given, directories walked (sorted,
/// recursively) for files with one of [`EXTENSIONS`], leaving out `README`s. Symbolic links are
/// followed; every directory is walked once and every file listed once (the first path that
/// reaches it). A missing path, a broken symbolic link or an unreadable directory is an error
/// for that path.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, ReadError>> {
    let mut w = Walker::default();
    for p in paths {
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => w.walk(p, &m),
            Ok(m) => w.file(p.clone(), &m),
            Err(e) => w.out.push(Err(error(p, e))),
        }
    }
    w.out
}

#[derive(Default)]
struct Walker {
    dirs: HashSet<FileId>,
    files: HashSet<FileId>,
    out: Vec<Result<PathBuf, ReadError>>,
}

impl Walker {
    /// Lists a file unless it was listed already.
    fn file(&mut self, path: PathBuf, meta: &fs::Metadata) {
        if let Some(id) = file_id(&path, meta)
            && !self.files.insert(id)
        {
            return;
        }
        self.out.push(Ok(path));
    }

    /// True the first time a directory is seen.
    fn first_visit(&mut self, path: &Path, meta: &fs::Metadata) -> bool {
        file_id(path, meta).is_none_or(|id| self.dirs.insert(id))
    }

    /// The sorted entries of a directory; an error (for the directory, or an entry that could not
    /// be read) goes to the output.
    fn entries(&mut self, dir: &Path) -> Vec<PathBuf> {
        let read = match fs::read_dir(dir) {
            Ok(r) => r,
            Err(e) => {
                self.out.push(Err(error(dir, e)));
                return Vec::new();
            }
        };
        let mut paths = Vec::new();
        for entry in read {
            match entry {
                Ok(e) => paths.push(e.path()),
                Err(e) => self.out.push(Err(error(dir, e))),
            }
        }
        paths.sort();
        paths
    }

    /// Walks a directory depth-first in name order.
    fn walk(&mut self, root: &Path, meta: &fs::Metadata) {
        if !self.first_visit(root, meta) {
            return;
        }
        let mut stack = vec![self.entries(root).into_iter()];
        while let Some(top) = stack.last_mut() {
            let Some(p) = top.next() else {
                stack.pop();
                continue;
            };
            match fs::metadata(&p) {
                Ok(m) if m.is_dir() => {
                    if self.first_visit(&p, &m) {
                        let entries = self.entries(&p);
                        stack.push(entries.into_iter());
                    }
                }
                Ok(m) if m.is_file() => {
                    if wanted(&p) {
                        self.file(p, &m);
                    }
                }
                // FIFOs, sockets, devices: not documents (and reading a FIFO would block).
                Ok(_) => {}
                // A broken link may have pointed at a document or at a directory of them.
                Err(e) => {
                    if wanted(&p) || p.extension().is_none() {
                        self.out.push(Err(error(&p, e)));
                    }
                }
            }
        }
    }
}

/// A document by its name: one of [`EXTENSIONS`] and not a README.
fn wanted(p: &Path) -> bool {
    !is_readme(p)
        && p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// True for a `README` file (any case, any extension), skipped by directory walks: a folder's
/// README describes the documents and is not one of them.
fn is_readme(p: &Path) -> bool {
    p.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
}

/// The error for a path whose metadata could not be read: a broken symbolic link when the path
/// is a link whose target does not exist.
fn error(path: &Path, source: std::io::Error) -> ReadError {
    if source.kind() == std::io::ErrorKind::NotFound
        && let Ok(target) = fs::read_link(path)
    {
        return ReadError::BrokenLink {
            path: path.to_owned(),
            target,
        };
    }
    ReadError::Io {
        path: path.to_owned(),
        source,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::fs::{create_dir, create_dir_all, write};

    /// The listed paths relative to `root` (errors as `!` + path + `: ` + kind of error).
    fn listed(root: &Path, paths: &[PathBuf]) -> Vec<String> {
        expand(paths)
            .into_iter()
            .map(|r| match r {
                Ok(p) => p.strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                Err(ReadError::BrokenLink { path, .. }) => {
                    format!("!{}: broken", path.strip_prefix(root).unwrap().display())
                }
                Err(ReadError::Io { path, .. }) => {
                    format!("!{}: io", path.strip_prefix(root).unwrap().display())
                }
                Err(e) => panic!("{e}"),
            })
            .collect()
    }

    #[test]
    fn walk_skips_readme_but_not_documents() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d.join("README.md"), "# Corpus").unwrap();
        write(d.join("b.md"), "text").unwrap();
        write(d.join("a.txt"), "text").unwrap();
        write(d.join("c.pdf"), "text").unwrap();
        write(d.join("c.docx"), "text").unwrap();
        write(d.join("d.HTML"), "text").unwrap();
        write(d.join("e.htm"), "text").unwrap();
        create_dir(d.join("sub")).unwrap();
        write(d.join("sub/a.md"), "text").unwrap();
        write(d.join("z.txt"), "text").unwrap();
        assert_eq!(
            listed(d, &[d.to_owned()]),
            [
                "a.txt", "b.md", "c.pdf", "d.HTML", "e.htm", "sub/a.md", "z.txt"
            ]
        );
        let readme = d.join("README.md");
        assert_eq!(expand(std::slice::from_ref(&readme)).len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_finish_and_list_each_file_once() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        create_dir_all(d.join("a/b")).unwrap();
        write(d.join("a/one.txt"), "1").unwrap();
        write(d.join("a/b/two.txt"), "2").unwrap();
        // Two loops: back to the root from deep inside, and a link to its own parent.
        symlink(d, d.join("a/b/to-root")).unwrap();
        symlink("..", d.join("a/b/up")).unwrap();
        // Two links into each other and a link to itself: errors, and not followed forever.
        symlink("ping", d.join("pong")).unwrap();
        symlink("pong", d.join("ping")).unwrap();
        symlink(d.join("self"), d.join("self")).unwrap();
        assert_eq!(
            listed(d, &[d.to_owned()]),
            [
                "a/b/two.txt",
                "a/one.txt",
                "!ping: io",
                "!pong: io",
                "!self: io"
            ]
        );
        // Starting inside, the walk reaches the root through the link (and the link to itself
        // under that path); naming a directory already walked adds nothing.
        assert_eq!(
            listed(d, &[d.join("a"), d.to_owned(), d.join("a/b")]),
            [
                "!a/b/to-root/ping: io",
                "!a/b/to-root/pong: io",
                "!a/b/to-root/self: io",
                "a/b/two.txt",
                "a/one.txt"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn linked_files_are_read_once_and_broken_links_reported() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        create_dir(d.join("docs")).unwrap();
        write(d.join("docs/real.txt"), "text").unwrap();
        // A link to the file sorting before it, a hard link, a link to a file outside.
        symlink(d.join("docs/real.txt"), d.join("docs/alias.md")).unwrap();
        std::fs::hard_link(d.join("docs/real.txt"), d.join("docs/zz-hard.txt")).unwrap();
        write(d.join("outside.txt"), "text").unwrap();
        symlink("../outside.txt", d.join("docs/link-out.txt")).unwrap();
        // Broken links: with a document's name or no extension (reported), another name (not).
        symlink("missing.txt", d.join("docs/broken.txt")).unwrap();
        symlink("missing-dir", d.join("docs/broken-dir")).unwrap();
        symlink("missing.png", d.join("docs/broken.png")).unwrap();
        assert_eq!(
            listed(d, &[d.join("docs")]),
            [
                "docs/alias.md",
                "!docs/broken-dir: broken",
                "!docs/broken.txt: broken",
                "docs/link-out.txt"
            ]
        );
        // Paths on the command line are deduplicated against the walk, both ways.
        assert_eq!(
            listed(
                d,
                &[
                    d.join("outside.txt"),
                    d.join("docs"),
                    d.join("docs/real.txt"),
                    d.join("docs/broken.png"),
                ]
            ),
            [
                "outside.txt",
                "docs/alias.md",
                "!docs/broken-dir: broken",
                "!docs/broken.txt: broken",
                "!docs/broken.png: broken"
            ]
        );
        let e = expand(&[d.join("docs/broken.txt")])
            .pop()
            .unwrap()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "{}: broken symbolic link (its target missing.txt does not exist)",
                d.join("docs/broken.txt").display()
            )
        );
        // A missing path is an I/O error.
        assert_eq!(listed(d, &[d.join("nope.txt")]), ["!nope.txt: io"]);
    }

    #[test]
    fn a_very_deep_tree_does_not_overflow_the_stack() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = dir.path().to_owned();
        // Deep enough to matter, within PATH_MAX (4096) for the deepest path.
        for _ in 0..800 {
            p.push("d");
        }
        create_dir_all(&p).unwrap();
        write(p.join("deep.txt"), "text").unwrap();
        let got = std::thread::Builder::new()
            .stack_size(32 * 1024)
            .spawn({
                let root = dir.path().to_owned();
                move || expand(&[root])
            })
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].as_ref().unwrap(), &p.join("deep.txt"));
    }
}
