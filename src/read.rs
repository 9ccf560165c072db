//! Read: files and directories in, decoded [`Source`]s out.
//!
//! UTF-8 with or without a byte-order mark; a file that is not valid UTF-8 is decoded as
//! Windows-1252 (UN texts are often pasted from Word) with a warning. Directories are walked in
//! name order for `.txt` and `.md` files, leaving out a folder's `README` (it describes the
//! documents and is not one of them); a README named on the command line is read.

use std::fs;
use std::path::{Path, PathBuf};

use crate::model::{Encoding, Format, Source};

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path does not exist or could not be opened.
    #[error("{path}: {source}")]
    Io {
        /// The offending path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file holds binary data, not text.
    #[error("{path}: not a text file (binary data at byte {offset})")]
    Binary {
        /// The offending path.
        path: PathBuf,
        /// Where the first binary byte is.
        offset: usize,
    },
    /// The file is empty or only white space.
    #[error("{path}: empty file")]
    Empty {
        /// The offending path.
        path: PathBuf,
    },
}

/// The extensions read from a directory walk.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

/// Lists the files to read for the given paths: files as given, directories walked (sorted,
/// recursively) for files with one of [`EXTENSIONS`]. A missing path is an error for that path.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, ReadError>> {
    let mut out = Vec::new();
    for p in paths {
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out),
            Ok(_) => out.push(Ok(p.clone())),
            Err(source) => out.push(Err(ReadError::Io {
                path: p.clone(),
                source,
            })),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, ReadError>>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(ReadError::Io {
                path: dir.to_owned(),
                source,
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else if is_readme(&p) {
            // A folder's README describes the documents; it is not one of them.
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(Ok(p));
        }
    }
}

/// True for a `README` file (any case, any extension), skipped by directory walks.
fn is_readme(p: &Path) -> bool {
    p.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
}

/// Reads and decodes one file.
pub fn read_file(path: &Path) -> Result<Source, ReadError> {
    let bytes = fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_owned(),
        source,
    })?;
    decode(path, &bytes)
}

/// Decodes the bytes of a file (see the module docs).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Source, ReadError> {
    if let Some(offset) = binary_offset(bytes) {
        return Err(ReadError::Binary {
            path: path.to_owned(),
            offset,
        });
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (
            String::from_utf8_lossy(rest).into_owned(),
            Encoding::Utf8Bom,
        )
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), Encoding::Utf8),
            Err(_) => (windows_1252(bytes), Encoding::Windows1252),
        }
    };
    if text.trim().is_empty() {
        return Err(ReadError::Empty {
            path: path.to_owned(),
        });
    }
    let name = path.file_stem().map_or_else(
        || "document".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown") => {
            Format::Markdown
        }
        _ => Format::Text,
    };
    Ok(Source {
        path: path.to_owned(),
        name,
        text,
        encoding,
        format,
    })
}

/// The offset of the first byte that marks the data as binary: a NUL, or a high share of
/// control characters in the first 8 KiB.
fn binary_offset(bytes: &[u8]) -> Option<usize> {
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        return Some(i);
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls: Vec<usize> = head
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .map(|(i, _)| i)
        .collect();
    if !head.is_empty() && controls.len() * 20 > head.len() {
        return controls.first().copied();
    }
    None
}

/// Windows-1252 bytes 0x80–0x9F (the rest is Latin-1).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes Windows-1252.
pub fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_and_cp1252() {
        let s = decode(Path::new("a.txt"), b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!(s.text, "hello");
        assert_eq!(s.encoding, Encoding::Utf8Bom);
        let s = decode(Path::new("b.txt"), b"\x93quoted\x94 caf\xe9").unwrap();
        assert_eq!(s.text, "\u{201c}quoted\u{201d} caf\u{e9}");
        assert_eq!(s.encoding, Encoding::Windows1252);
    }

    #[test]
    fn walk_skips_readme_but_not_documents() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("README.md"), "# Corpus").unwrap();
        std::fs::write(dir.path().join("b.md"), "text").unwrap();
        std::fs::write(dir.path().join("a.txt"), "text").unwrap();
        std::fs::write(dir.path().join("c.pdf"), "text").unwrap();
        let got: Vec<String> = expand(&[dir.path().to_owned()])
            .into_iter()
            .map(|r| {
                r.unwrap()
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(got, ["a.txt", "b.md"]);
        let readme = dir.path().join("README.md");
        assert_eq!(expand(std::slice::from_ref(&readme)).len(), 1);
    }

    #[test]
    fn rejects_binary_and_empty() {
        assert!(matches!(
            decode(Path::new("x.bin"), b"ab\0cd"),
            Err(ReadError::Binary { offset: 2, .. })
        ));
        assert!(matches!(
            decode(Path::new("e.txt"), b"  \n "),
            Err(ReadError::Empty { .. })
        ));
    }
}
