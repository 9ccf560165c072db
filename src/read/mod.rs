//! Read: files and directories in, decoded [`Source`]s out.
//!
//! - A PDF (by its signature, whatever its extension) is read by [`pdf`]: its text laid out from
//!   the characters' positions and sizes, running headers and footers left out, page
//!   boundaries kept ([`Source::pages`]); a damaged, encrypted or scanned PDF is a
//!   [`ReadError::Pdf`] naming why.
//! - Other files that are not text are refused by their signature, whatever their extension:
//!   ZIP (Word `.docx`, OpenDocument `.odt`), Word 97–2003 and other OLE2 files; other binary
//!   data (a NUL, many control characters) too.
//! - Encodings ([`decode()`]): UTF-8 with or without a byte-order mark; UTF-16 with a
//!   byte-order mark, or without one when it is mostly Latin-1 (every other byte NUL); a file
//!   that is not valid UTF-8 but *mostly* UTF-8 (as many valid multi-byte sequences as invalid
//!   sequences, and at least one) is decoded as UTF-8 with each invalid sequence replaced by
//!   U+FFFD, recorded in [`Source::replaced`] with its file offset; otherwise it is
//!   Windows-1252 (UN texts are often pasted from Word). Invalid and Windows-1252 decodings are
//!   warnings of the pipeline.
//! - HTML (a `.html`/`.htm` file, or any file that starts like an HTML document) is read as its
//!   text ([`html_to_text`]): [`Format::Html`].
//! - Files above a size limit ([`DEFAULT_MAX_BYTES`], [`ReadOptions`]) are refused before they
//!   are read.
//! - Directories ([`expand`]) are walked in name order for files with one of [`EXTENSIONS`],
//!   leaving out a folder's `README` (it describes the documents and is not one of them); a
//!   README named on the command line is read. Each directory is walked and each file listed
//!   once, however many symbolic or hard links reach it.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::model::{Format, Source};

mod decode;
mod html;
pub mod pdf;
mod walk;

pub use decode::windows_1252;
pub use html::to_text as html_to_text;
pub use walk::expand;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path does not exist or could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The offending path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A symbolic link whose target does not exist.
    #[error("{path}: broken symbolic link (its target {target} does not exist)")]
    BrokenLink {
        /// The link.
        path: PathBuf,
        /// What it points to, as written in the link.
        target: PathBuf,
    },
    /// The file holds binary data, not text.
    #[error("{path}: not a text file (binary data at byte {offset})")]
    Binary {
        /// The offending path.
        path: PathBuf,
        /// Where the first binary byte is.
        offset: usize,
    },
    /// The file is a PDF (whatever its extension) that could not be read.
    #[error("{path}: {source}")]
    Pdf {
        /// The offending path.
        path: PathBuf,
        /// Why.
        source: pdf::PdfError,
    },
    /// The file is a ZIP archive: a Word or OpenDocument file, or another archive.
    #[error("{path}: {kind}")]
    Zip {
        /// The offending path.
        path: PathBuf,
        /// What the archive holds.
        kind: ZipKind,
    },
    /// The file is an OLE2 compound file: Word 97–2003 (`.doc`) or another old Office format.
    #[error(
        "{path}: a Word 97–2003 (.doc) or other old Microsoft Office file; tipkg reads text, \
         Markdown and HTML — convert it to text first (for example with LibreOffice: soffice \
         --headless --convert-to txt)"
    )]
    LegacyOffice {
        /// The offending path.
        path: PathBuf,
    },
    /// The file is larger than the limit ([`ReadOptions::max_bytes`]); it was not read.
    #[error(
        "{path}: {}, over the limit of {}; raise the limit with --max-size",
        human_size(*size),
        human_size(*limit)
    )]
    TooLarge {
        /// The offending path.
        path: PathBuf,
        /// Its size in bytes (for a file that grows or is not a regular file: the bytes read
        /// before giving up, one more than the limit).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file is empty or only white space (for HTML: has no text).
    #[error("{path}: empty file")]
    Empty {
        /// The offending path.
        path: PathBuf,
    },
}

/// What a ZIP archive holds (the message of [`ReadError::Zip`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ZipKind {
    /// A Word document (`.docx`): parts under `word/`.
    #[error(
        "a Word document (.docx, a ZIP archive); tipkg reads text, Markdown and HTML — convert \
         it to text first (for example with pandoc -t plain)"
    )]
    Word,
    /// An OpenDocument file (`.odt`): its `mimetype` says so.
    #[error(
        "an OpenDocument file (.odt, a ZIP archive); tipkg reads text, Markdown and HTML — \
         convert it to text first (for example with pandoc -t plain)"
    )]
    OpenDocument,
    /// Any other ZIP archive.
    #[error(
        "a ZIP archive; tipkg reads text, Markdown and HTML — extract the documents from it first"
    )]
    Other,
}

/// A byte count for people: `512 bytes`, `1.5 KiB`, `100 MiB`.
fn human_size(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if n >= size {
            let tenths = (u128::from(n) * 10 + u128::from(size) / 2) / u128::from(size);
            return if tenths % 10 == 0 {
                format!("{} {unit}", tenths / 10)
            } else {
                format!("{}.{} {unit}", tenths / 10, tenths % 10)
            };
        }
    }
    format!("{n} bytes")
}

/// The extensions read from a directory walk.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "html", "htm", "pdf"];

/// The default size limit of a file: 100 MiB (the longest UN reports are a few MiB of text).
pub const DEFAULT_MAX_BYTES: u64 = 100 * 1024 * 1024;

/// How files are read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Files larger than this many bytes are refused ([`ReadError::TooLarge`]) before they are
    /// read into memory.
    pub max_bytes: u64,
    /// A PDF whose reading takes longer than this many seconds is given up
    /// ([`pdf::PdfError::TimedOut`]).
    pub pdf_seconds: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
            pdf_seconds: pdf::DEFAULT_SECONDS,
        }
    }
}

impl ReadOptions {
    /// Sets the size limit in bytes.
    #[must_use]
    pub fn with_max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Sets the time limit for reading one PDF, in seconds.
    #[must_use]
    pub fn with_pdf_seconds(mut self, seconds: u64) -> Self {
        self.pdf_seconds = seconds;
        self
    }
}

/// Reads and decodes one file with the default options.
pub fn read_file(path: &Path) -> Result<Source, ReadError> {
    read_file_with(path, &ReadOptions::default())
}

/// Reads and decodes one file: refused when above `options.max_bytes` (by its size, before it is
/// read; for a stream, once more than the limit has been read).
pub fn read_file_with(path: &Path, options: &ReadOptions) -> Result<Source, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    let file = fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let too_large = |size| ReadError::TooLarge {
        path: path.to_owned(),
        size,
        limit: options.max_bytes,
    };
    if size > options.max_bytes {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(options.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > options.max_bytes {
        return Err(too_large(read));
    }
    decode_with(path, &bytes, options)
}

/// Decodes the bytes of a file (see the module docs) with the default options.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Source, ReadError> {
    decode_with(path, bytes, &ReadOptions::default())
}

/// Decodes the bytes of a file (see the module docs).
pub fn decode_with(path: &Path, bytes: &[u8], options: &ReadOptions) -> Result<Source, ReadError> {
    let path_buf = || path.to_owned();
    match decode::sniff(bytes) {
        Some(decode::NotText::Pdf) => return read_pdf(path, bytes, options),
        Some(decode::NotText::Zip(kind)) => {
            return Err(ReadError::Zip {
                path: path_buf(),
                kind,
            });
        }
        Some(decode::NotText::Ole) => return Err(ReadError::LegacyOffice { path: path_buf() }),
        None => {}
    }
    let decoded = decode::decode(bytes).map_err(|offset| ReadError::Binary {
        path: path_buf(),
        offset,
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let (text, format) =
        if matches!(ext.as_str(), "html" | "htm") || html::looks_like_html(&decoded.text) {
            (html::to_text(&decoded.text), Format::Html)
        } else if matches!(ext.as_str(), "md" | "markdown") {
            (decoded.text, Format::Markdown)
        } else {
            (decoded.text, Format::Text)
        };
    if text.trim().is_empty() {
        return Err(ReadError::Empty { path: path_buf() });
    }
    let name = path.file_stem().map_or_else(
        || "document".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    Ok(Source {
        path: path_buf(),
        name,
        text,
        encoding: decoded.encoding,
        replaced: decoded.replaced,
        format,
        pages: Vec::new(),
        notes: Vec::new(),
        info: crate::model::DocInfo::default(),
    })
}

/// A PDF's text ([`pdf::read`]) as a source.
fn read_pdf(path: &Path, bytes: &[u8], options: &ReadOptions) -> Result<Source, ReadError> {
    let read = pdf::read(bytes, options.pdf_seconds).map_err(|source| ReadError::Pdf {
        path: path.to_owned(),
        source,
    })?;
    let notes = read
        .skipped
        .iter()
        .map(|(page, why)| format!("page {page} could not be read ({why}); its text is missing"))
        .collect();
    let name = path.file_stem().map_or_else(
        || "document".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    Ok(Source {
        path: path.to_owned(),
        name,
        text: read.text,
        encoding: crate::model::Encoding::Utf8,
        replaced: crate::model::Replaced::default(),
        format: Format::Pdf,
        pages: read.pages,
        notes,
        info: read.meta,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Encoding, Replaced};

    fn replaced(count: usize, offsets: &[usize]) -> Replaced {
        Replaced {
            count,
            offsets: offsets.to_vec(),
        }
    }

    #[test]
    fn decodes_bom_and_cp1252() {
        let s = decode(Path::new("a.txt"), b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!(s.text, "hello");
        assert_eq!(s.encoding, Encoding::Utf8Bom);
        let s = decode(Path::new("b.txt"), b"\x93quoted\x94 caf\xe9").unwrap();
        assert_eq!(s.text, "\u{201c}quoted\u{201d} caf\u{e9}");
        assert_eq!(s.encoding, Encoding::Windows1252);
        assert!(s.replaced.is_empty());
    }

    #[test]
    fn mostly_utf8_replaces_invalid_sequences_locally() {
        // Two valid curly quotes, one stray Windows-1252 byte, one truncated sequence.
        let bytes = b"\xE2\x80\x9Cquoted\xE2\x80\x9D caf\xe9 and \xE2\x80 end";
        let s = decode(Path::new("a.txt"), bytes).unwrap();
        assert_eq!(
            s.text,
            "\u{201c}quoted\u{201d} caf\u{fffd} and \u{fffd} end"
        );
        assert_eq!(s.encoding, Encoding::Utf8);
        assert_eq!(s.replaced, replaced(2, &[16, 22]));
        assert_eq!(bytes[16], 0xe9);
        assert_eq!(&bytes[22..24], b"\xE2\x80");
        // With a byte-order mark the offsets count it, and UTF-8 is kept whatever the ratio.
        let s = decode(Path::new("b.txt"), b"\xEF\xBB\xBFcaf\xe9 \xff").unwrap();
        assert_eq!(s.text, "caf\u{fffd} \u{fffd}");
        assert_eq!(s.encoding, Encoding::Utf8Bom);
        assert_eq!(s.replaced, replaced(2, &[6, 8]));
    }

    #[test]
    fn utf8_or_windows_1252_by_the_ratio_of_valid_sequences() {
        // One valid é, one invalid byte: a tie is UTF-8.
        let s = decode(Path::new("a.txt"), b"caf\xC3\xA9 \x93").unwrap();
        assert_eq!(s.encoding, Encoding::Utf8);
        assert_eq!(s.text, "caf\u{e9} \u{fffd}");
        // One accidental valid pair (\xC9\x92 = "É’" in Windows-1252) among more invalid bytes:
        // a legacy file.
        let s = decode(Path::new("b.txt"), b"\xC9\x92 caf\xe9 \x93x\x94").unwrap();
        assert_eq!(s.encoding, Encoding::Windows1252);
        assert_eq!(s.text, "\u{c9}\u{2019} caf\u{e9} \u{201c}x\u{201d}");
        assert!(s.replaced.is_empty());
    }

    #[test]
    fn keeps_the_first_offsets_and_the_full_count() {
        let mut bytes = "\u{2019}".repeat(20).into_bytes();
        for _ in 0..12 {
            bytes.extend_from_slice(b"a\xff");
        }
        let s = decode(Path::new("a.txt"), &bytes).unwrap();
        assert_eq!(s.replaced.count, 12);
        let want: Vec<usize> = (0..10).map(|i| 60 + 2 * i + 1).collect();
        assert_eq!(s.replaced.offsets, want);
    }

    fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if little { b"\xFF\xFE" } else { b"\xFE\xFF" });
        }
        for u in text.encode_utf16() {
            out.extend_from_slice(&if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        out
    }

    #[test]
    fn decodes_utf16_with_a_bom() {
        let text = "1. The \u{201c}Assembly\u{201d} \u{1F600} caf\u{e9}\r\n";
        let s = decode(Path::new("a.txt"), &utf16(text, true, true)).unwrap();
        assert_eq!(s.text, text);
        assert_eq!(s.encoding, Encoding::Utf16Le { bom: true });
        assert!(s.replaced.is_empty());
        let s = decode(Path::new("a.txt"), &utf16(text, false, true)).unwrap();
        assert_eq!(s.text, text);
        assert_eq!(s.encoding, Encoding::Utf16Be { bom: true });
    }

    #[test]
    fn utf16_unpaired_surrogates_and_odd_length_are_replaced() {
        // BOM, 'a', lone high surrogate, 'b', lone low surrogate, 'c', then one dangling byte.
        let mut bytes = b"\xFF\xFEa\x00\x00\xD8b\x00\x00\xDCc\x00".to_vec();
        bytes.push(b'x');
        let s = decode(Path::new("a.txt"), &bytes).unwrap();
        assert_eq!(s.text, "a\u{fffd}b\u{fffd}c\u{fffd}");
        assert_eq!(s.replaced, replaced(3, &[4, 8, 12]));
        // A high surrogate at the very end.
        let s = decode(Path::new("a.txt"), b"\xFE\xFF\x00a\xD8\x00").unwrap();
        assert_eq!(s.text, "a\u{fffd}");
        assert_eq!(s.replaced, replaced(1, &[4]));
    }

    #[test]
    fn utf16_without_bom_when_every_other_byte_is_nul() {
        let text = "1. The General Assembly,\n\n2. Decides caf\u{e9}.\n";
        let s = decode(Path::new("a.txt"), &utf16(text, true, false)).unwrap();
        assert_eq!(s.text, text);
        assert_eq!(s.encoding, Encoding::Utf16Le { bom: false });
        let s = decode(Path::new("a.txt"), &utf16(text, false, false)).unwrap();
        assert_eq!(s.text, text);
        assert_eq!(s.encoding, Encoding::Utf16Be { bom: false });
        // A few NULs in text, or an odd length, stay binary.
        assert!(matches!(
            decode(Path::new("x.txt"), b"abc\0def\0gh"),
            Err(ReadError::Binary { offset: 3, .. })
        ));
        assert!(matches!(
            decode(Path::new("x.txt"), b"a\0b\0c\0d"),
            Err(ReadError::Binary { offset: 1, .. })
        ));
        // UTF-16 holding a NUL or control characters is binary, at its file offset.
        assert!(matches!(
            decode(Path::new("x.txt"), b"\xFF\xFEa\0\0\0"),
            Err(ReadError::Binary { offset: 4, .. })
        ));
    }

    #[test]
    fn refuses_pdf_zip_and_office_files_whatever_the_extension() {
        // A PDF is read as a PDF whatever its name: a broken one is a damaged PDF.
        let pdf = decode(Path::new("r.txt"), b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj");
        assert!(matches!(
            pdf,
            Err(ReadError::Pdf {
                source: pdf::PdfError::Damaged(_),
                ..
            })
        ));
        assert!(
            pdf.unwrap_err()
                .to_string()
                .starts_with("r.txt: a damaged PDF (")
        );
        // Junk before the header, as PDF readers allow.
        let mut junk = vec![b'\x01'; 200];
        junk.extend_from_slice(b"%PDF-1.4\n");
        assert!(matches!(
            decode(Path::new("r.md"), &junk),
            Err(ReadError::Pdf { .. })
        ));
        // A text that mentions the header is a text.
        let s = decode(Path::new("t.txt"), b"The header %PDF-1.7 starts a PDF.").unwrap();
        assert_eq!(s.text, "The header %PDF-1.7 starts a PDF.");

        let docx = b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml....PK\x03\x04word/document.xml";
        let e = decode(Path::new("d.txt"), docx).unwrap_err();
        assert!(matches!(
            e,
            ReadError::Zip {
                kind: ZipKind::Word,
                ..
            }
        ));
        assert_eq!(
            e.to_string(),
            "d.txt: a Word document (.docx, a ZIP archive); tipkg reads text, Markdown and HTML \
             — convert it to text first (for example with pandoc -t plain)"
        );
        let mut odt = b"PK\x03\x04".to_vec();
        odt.extend_from_slice(&[0; 26]);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert!(matches!(
            decode(Path::new("o.odt"), &odt),
            Err(ReadError::Zip {
                kind: ZipKind::OpenDocument,
                ..
            })
        ));
        let e = decode(Path::new("z.txt"), b"PK\x03\x04\x14\x00data.csv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "z.txt: a ZIP archive; tipkg reads text, Markdown and HTML — extract the documents \
             from it first"
        );
        let e = decode(Path::new("w.doc"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0").unwrap_err();
        assert!(matches!(e, ReadError::LegacyOffice { .. }));
        assert!(e.to_string().starts_with("w.doc: a Word 97–2003 (.doc)"));
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
        assert!(matches!(
            decode(
                Path::new("e.html"),
                b"<html><head><title>T</title></head><body> </body>"
            ),
            Err(ReadError::Empty { .. })
        ));
    }

    #[test]
    fn html_by_extension_or_content() {
        let page = b"<p>One &amp; two</p><p>Three</p>";
        let s = decode(Path::new("a.html"), page).unwrap();
        assert_eq!(s.format, Format::Html);
        assert_eq!(s.text, "One & two\n\nThree\n");
        let s = decode(Path::new("a.HTM"), page).unwrap();
        assert_eq!(s.format, Format::Html);
        // Not HTML by content: stays text.
        let s = decode(Path::new("a.txt"), page).unwrap();
        assert_eq!(s.format, Format::Text);
        assert_eq!(s.text, "<p>One &amp; two</p><p>Three</p>");
        let s = decode(Path::new("a.md"), b"# Title\n").unwrap();
        assert_eq!(s.format, Format::Markdown);
        // HTML content under any name, after a BOM and white space.
        for (name, bytes) in [
            ("b.txt", &b"\xEF\xBB\xBF\n  <!DOCTYPE html>\n<p>Hi</p>"[..]),
            ("c.md", b"<HTML lang=en><body>Hi"),
            (
                "d",
                b"<?xml version=\"1.0\"?>\n<!-- x -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\">Hi",
            ),
        ] {
            let s = decode(Path::new(name), bytes).unwrap();
            assert_eq!((name, s.format, s.text.as_str()), (name, Format::Html, "Hi\n"));
        }
        // UTF-16 HTML.
        let s = decode(
            Path::new("e.txt"),
            &utf16("<!doctype html><p>caf\u{e9}", true, true),
        )
        .unwrap();
        assert_eq!((s.format, s.text.as_str()), (Format::Html, "caf\u{e9}\n"));
        // An XML file that is not XHTML, and a tag named like html, are not HTML.
        for bytes in [&b"<?xml version=\"1.0\"?><root/>"[..], b"<htmlfoo>x"] {
            assert_eq!(
                decode(Path::new("f.txt"), bytes).unwrap().format,
                Format::Text
            );
        }
    }

    #[test]
    fn size_limit_refuses_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, "x".repeat(2000)).unwrap();
        let small = ReadOptions::default().with_max_bytes(1024);
        let e = read_file_with(&p, &small).unwrap_err();
        assert!(matches!(
            e,
            ReadError::TooLarge {
                size: 2000,
                limit: 1024,
                ..
            }
        ));
        assert_eq!(
            e.to_string(),
            format!(
                "{}: 2 KiB, over the limit of 1 KiB; raise the limit with --max-size",
                p.display()
            )
        );
        // At the limit is fine; the default limit is 100 MiB.
        let s = read_file_with(&p, &ReadOptions::default().with_max_bytes(2000)).unwrap();
        assert_eq!(s.text.len(), 2000);
        assert_eq!(ReadOptions::default().max_bytes, DEFAULT_MAX_BYTES);
        assert_eq!(read_file(&p).unwrap().text.len(), 2000);
        assert_eq!(human_size(DEFAULT_MAX_BYTES), "100 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(1023), "1023 bytes");
        assert_eq!(human_size(157_286_401), "150 MiB");
        assert_eq!(human_size(3 << 30), "3 GiB");
    }

    #[cfg(unix)]
    #[test]
    fn size_limit_holds_for_a_stream() {
        // /dev/zero has no size: the read stops one byte past the limit.
        let e = read_file_with(
            Path::new("/dev/zero"),
            &ReadOptions::default().with_max_bytes(10),
        )
        .unwrap_err();
        assert!(matches!(
            e,
            ReadError::TooLarge {
                size: 11,
                limit: 10,
                ..
            }
        ));
    }

    #[test]
    fn random_bytes_never_panic_and_offsets_stay_in_the_file() {
        const PIECES: &[&[u8]] = &[
            b"<",
            b">",
            b"&",
            b"#",
            b"x",
            b";",
            b"\"",
            b"'",
            b"=",
            b"!--",
            b"-->",
            b"/",
            b"p",
            b"br",
            b"script",
            b"pre",
            b"td",
            b"amp",
            b"nbsp",
            b"\n",
            b" ",
            b"\0",
            b"\xff",
            b"\xfe",
            b"\xc3",
            b"\xa9",
            b"\xe2\x80",
            b"\x9c",
            b"\xd8",
            b"\xdc",
            b"a",
            b"<html>",
            b"<!DOCTYPE html>",
            b"\xFF\xFE",
            b"\xEF\xBB\xBF",
            b"%PDF-",
            b"PK\x03\x04",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..3000 {
            let mut bytes = Vec::new();
            for _ in 0..next() % 60 {
                bytes.extend_from_slice(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            let name = if round % 2 == 0 { "f.html" } else { "f.txt" };
            if let Ok(s) = decode(Path::new(name), &bytes) {
                assert!(!s.text.trim().is_empty());
                let r = &s.replaced;
                assert!(r.offsets.len() == r.count.min(Replaced::MAX_OFFSETS));
                assert!(r.offsets.windows(2).all(|w| w[0] < w[1]), "{bytes:?}");
                assert!(r.offsets.iter().all(|&o| o < bytes.len()), "{bytes:?}");
            }
        }
    }

    #[test]
    fn missing_file_is_an_io_error_naming_the_path_once() {
        let e = read_file(Path::new("/no/such/file.txt")).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("/no/such/file.txt: "), "{msg}");
        assert_eq!(msg.matches("file.txt").count(), 1, "{msg}");
    }
}
