//! PDF: the text of an official PDF, laid out from the characters' positions and sizes, with
//! its page boundaries.
//!
//! 1. [`glyphs`]: `pdf-extract` (over `lopdf`, pure Rust) interprets each page's content stream;
//!    every character comes out with its position, font size and advance.
//! 2. [`lines`]: characters → lines (a baseline, a body size), words spaced by the gaps,
//!    superscript digits (smaller and raised: footnote marks) written as `¹²³`.
//! 3. [`layout`]: per page, the running header above the text and the footer below it
//!    (symbol, short title, page number, job number, barcode) dropped — they are known from the
//!    page, not guessed from the text; the footnote area (the small type below the text, after
//!    the separator) kept after a `__________________` line; blank lines between blocks
//!    spaced further apart than the lines of a paragraph. Pages are joined in order and
//!    [`PdfText::pages`] records where each begins.
//!
//! Damaged or unusual files give a [`PdfError`], never a panic or a hang: the work runs on its
//! own thread (a panic inside the PDF library is caught), within a time limit and a limit on
//! the characters; a page that cannot be interpreted is skipped and named.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod glyphs;
mod layout;
mod lines;

/// The name of the threads that read PDFs (the binary's panic hook keeps them quiet: their
/// panics come back as [`PdfError::Crashed`]).
pub const THREAD_NAME: &str = "tipkg-pdf";

/// The default time limit for reading one PDF.
pub const DEFAULT_SECONDS: u64 = 60;

/// At most this many characters are read from one PDF (a 2,000-page report has about 6 million).
pub const MAX_GLYPHS: usize = 20_000_000;

/// The text of a PDF.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfText {
    /// The text, page after page (running headers and footers left out).
    pub text: String,
    /// `pages[i]` is the byte offset in [`PdfText::text`] where page `i + 1` begins.
    pub pages: Vec<usize>,
    /// Pages that could not be interpreted (1-based) and why; their text is missing.
    pub skipped: Vec<(u32, String)>,
    /// The document information dictionary.
    pub meta: PdfMeta,
}

impl PdfText {
    /// The page (1-based) that holds byte `at` of the text.
    pub fn page_of(&self, at: usize) -> u32 {
        let i = self.pages.partition_point(|&p| p <= at);
        u32::try_from(i.max(1)).unwrap_or(u32::MAX)
    }
}

/// What the PDF says about itself (its information dictionary).
pub type PdfMeta = crate::model::DocInfo;

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The file is encrypted with a password (an empty user password is tried).
    #[error("an encrypted PDF (it needs a password); save an unprotected copy first")]
    Encrypted,
    /// The file's structure could not be parsed (truncated, broken cross-reference table, not a
    /// PDF at all).
    #[error("a damaged PDF ({0})")]
    Damaged(String),
    /// No page has any text: a scanned PDF (images only).
    #[error(
        "a PDF without text ({pages} page{}, images only: a scan?); run OCR on it first",
        if *pages == 1 { "" } else { "s" }
    )]
    NoText {
        /// How many pages it has.
        pages: usize,
    },
    /// Reading took longer than the limit.
    #[error("reading the PDF took over {0} s; stopped")]
    TimedOut(u64),
    /// More characters than [`MAX_GLYPHS`].
    #[error("a PDF with over {MAX_GLYPHS} characters; stopped")]
    TooLarge,
    /// The PDF library panicked on the file.
    #[error("a PDF the reader could not interpret ({0})")]
    Crashed(String),
}

/// Keeps the default panic message off stderr for the reader's threads (their panics are
/// reported as [`PdfError::Crashed`] with the file's path); other threads keep the hook they had.
fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(THREAD_NAME) {
                previous(info);
            }
        }));
    });
}

/// Reads the text of a PDF from its bytes, within `seconds`.
pub fn read(bytes: &[u8], seconds: u64) -> Result<PdfText, PdfError> {
    quiet_reader_panics();
    let limit = Duration::from_secs(seconds.max(1));
    let deadline = Instant::now() + limit;
    let (tx, rx) = mpsc::channel();
    let bytes = bytes.to_vec();
    let spawned = std::thread::Builder::new()
        .name(THREAD_NAME.to_owned())
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| read_in(&bytes, deadline)))
                .unwrap_or_else(|panic| Err(PdfError::Crashed(panic_message(&*panic))));
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Err(PdfError::Crashed(format!("no thread: {e}")));
    }
    // A little grace after the deadline: the reader checks it itself and stops; if it is stuck
    // where it does not check, it is left behind (it ends with the process).
    match rx.recv_timeout(limit + Duration::from_secs(2)) {
        Ok(result) => result,
        Err(_) => Err(PdfError::TimedOut(seconds)),
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let msg = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".to_owned());
    let msg: String = msg.chars().take(120).collect();
    format!("the PDF library failed: {msg}")
}

/// The work of [`read`], on the reader's thread.
fn read_in(bytes: &[u8], deadline: Instant) -> Result<PdfText, PdfError> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| damaged(&e.to_string()))?;
    // lopdf tries the empty user password while loading; a file it could not open that way
    // keeps its /Encrypt entry and shows no page (or no text).
    let encrypted =
        doc.trailer.get(b"Encrypt").is_ok() || doc.is_encrypted() || doc.was_encrypted();
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    let meta = meta(&doc);
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut collector = glyphs::Collector::new(deadline, MAX_GLYPHS);
    let mut skipped = Vec::new();
    for &n in &numbers {
        let before = collector.pages.len();
        let result = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut collector, n)
        }));
        match collector.stopped {
            Some(glyphs::Stop::Deadline) => {
                return Err(PdfError::TimedOut(
                    deadline.elapsed().as_secs().max(1), // never shown as 0 s
                ));
            }
            Some(glyphs::Stop::Glyphs) => return Err(PdfError::TooLarge),
            None => {}
        }
        let why = match result {
            Ok(Ok(())) => continue,
            Ok(Err(e)) => e.to_string(),
            Err(panic) => panic_message(&*panic),
        };
        // Drop what the failed page gave, keep a page slot so numbering stays right.
        collector.pages.truncate(before);
        collector.pages.push(glyphs::Page::default());
        skipped.push((n, why));
    }
    let pages = collector.pages;
    let no_text = pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()));
    if encrypted && (numbers.is_empty() || no_text || skipped.len() == numbers.len()) {
        return Err(PdfError::Encrypted);
    }
    if skipped.len() == numbers.len() && !numbers.is_empty() {
        let why = skipped.first().map(|s| s.1.clone()).unwrap_or_default();
        return Err(damaged(&format!("no page could be read: {why}")));
    }
    if pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
    {
        return Err(PdfError::NoText { pages: pages.len() });
    }
    let (text, starts) = layout::assemble(&pages);
    Ok(PdfText {
        text,
        pages: starts,
        skipped,
        meta,
    })
}

fn damaged(why: &str) -> PdfError {
    let why: String = why.chars().take(160).collect();
    PdfError::Damaged(why)
}

/// The information dictionary's strings.
fn meta(doc: &pdf_extract::Document) -> PdfMeta {
    use pdf_extract::Object;
    let info = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    });
    let Some(info) = info else {
        return PdfMeta::default();
    };
    let get = |key: &[u8]| -> Option<String> {
        let o = info.get(key).ok()?;
        let o = match o {
            Object::Reference(id) => doc.get_object(*id).ok()?,
            o => o,
        };
        let Object::String(bytes, _) = o else {
            return None;
        };
        let s = pdf_string(bytes);
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_owned())
    };
    PdfMeta {
        title: get(b"Title"),
        subject: get(b"Subject"),
        author: get(b"Author"),
        created: get(b"CreationDate").and_then(|d| pdf_date(&d)),
    }
}

/// A PDF text string: UTF-16BE with its byte-order mark, else PDFDocEncoding (read as Latin-1,
/// which it equals for the printable ASCII and Latin-1 ranges).
fn pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `D:20231222103000+01'00'` → `2023-12-22`.
fn pdf_date(d: &str) -> Option<String> {
    let d = d.strip_prefix("D:").unwrap_or(d);
    let digits: String = d.chars().take(8).collect();
    if digits.len() == 8 && digits.chars().all(|c| c.is_ascii_digit()) {
        Some(format!(
            "{}-{}-{}",
            &digits[..4],
            &digits[4..6],
            &digits[6..8]
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings_and_dates() {
        assert_eq!(pdf_string(b"A/RES/78/226"), "A/RES/78/226");
        assert_eq!(pdf_string(b"\xFE\xFF\x00A\x20\x19"), "A\u{2019}");
        assert_eq!(pdf_string(b"caf\xe9"), "caf\u{e9}");
        assert_eq!(
            pdf_date("D:20231222103000+01'00'").as_deref(),
            Some("2023-12-22")
        );
        assert_eq!(pdf_date("20240110").as_deref(), Some("2024-01-10"));
        assert_eq!(pdf_date("D:2023"), None);
    }

    #[test]
    fn page_of_a_byte() {
        let t = PdfText {
            pages: vec![0, 10, 25],
            ..PdfText::default()
        };
        assert_eq!(
            (t.page_of(0), t.page_of(9), t.page_of(10), t.page_of(99)),
            (1, 1, 2, 3)
        );
    }

    #[test]
    fn garbage_and_empty_input_are_errors_not_panics() {
        for bytes in [
            &b""[..],
            b"%PDF-1.4\n",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
        ] {
            assert!(read(bytes, 5).is_err(), "{bytes:?}");
        }
    }
}
