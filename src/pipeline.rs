//! The pipeline from a decoded source to an [`Extraction`]: segment → recognise → extract.
//! Infallible: whatever the text, it gives a result (possibly with no paragraphs and a warning).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

use crate::model::{Encoding, Extraction, Format, Source};
use crate::read::{self, ReadError, ReadOptions};
use crate::registry::Registry;
use crate::{extract, recognise, segment};

/// Runs segmentation, recognition and extraction on one source.
pub fn process(source: Source, registry: &Registry) -> Extraction {
    let mut warnings = read_warnings(&source);
    let segmented = segment::segment(&source);
    if segmented.paragraphs.is_empty() {
        warnings.push(format!("{}: no paragraphs found", source.path.display()));
    }
    let recognised = recognise::recognise(&source, &segmented, registry);
    let extracted = extract::extract(&segmented, &recognised, registry);
    Extraction {
        source,
        segmented,
        recognised,
        extracted,
        warnings,
    }
}

/// Reads and processes `files` on `jobs` threads, applies `work` to each extraction on the same
/// thread, and hands each result to `each` in the order
/// of `files`, on the calling thread, so that messages, document names and the store come out
/// the same whatever the number of threads. Workers run at most `2 × jobs` files ahead of the
/// oldest result not yet handed on, so memory stays bounded by a few documents.
pub fn process_files<T: Send>(
    files: Vec<Result<PathBuf, ReadError>>,
    options: &ReadOptions,
    registry: &Registry,
    jobs: usize,
    work: impl Fn(Extraction) -> T + Sync,
    mut each: impl FnMut(Result<T, ReadError>),
) {
    let jobs = jobs.max(1);
    let ahead = 2 * jobs;
    let n = files.len();
    let slots: Vec<Mutex<Option<Result<PathBuf, ReadError>>>> =
        files.into_iter().map(|f| Mutex::new(Some(f))).collect();
    let next = AtomicUsize::new(0);
    // The index of the oldest result not yet handed on, with a condition to wait on.
    let handed = (Mutex::new(0usize), Condvar::new());
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Result<T, ReadError>)>();
        for _ in 0..jobs.min(n) {
            let tx = tx.clone();
            let (slots, next, handed, work) = (&slots, &next, &handed, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    {
                        let (lock, cond) = handed;
                        let mut h = lock.lock().unwrap_or_else(PoisonError::into_inner);
                        while i >= *h + ahead {
                            h = cond.wait(h).unwrap_or_else(PoisonError::into_inner);
                        }
                    }
                    let file = slots[i]
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .take();
                    let Some(file) = file else { continue };
                    let r = file
                        .and_then(|p| read::read_file_with(&p, options))
                        .map(|src| work(process(src, registry)));
                    if tx.send((i, r)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut want = 0usize;
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&want) {
                each(r);
                want += 1;
                let (lock, cond) = &handed;
                *lock.lock().unwrap_or_else(PoisonError::into_inner) = want;
                cond.notify_all();
            }
        }
    });
}

/// The warnings about how a source was read: a lossy or Windows-1252 decoding, HTML found in a
/// file whose name does not say so.
pub fn read_warnings(source: &Source) -> Vec<String> {
    let path = source.path.display();
    let mut warnings = Vec::new();
    if source.encoding == Encoding::Windows1252 {
        warnings.push(format!("{path}: not valid UTF-8, decoded as Windows-1252"));
    }
    let r = &source.replaced;
    if !r.is_empty() {
        let unit = match source.encoding {
            Encoding::Utf16Le { .. } | Encoding::Utf16Be { .. } => "UTF-16",
            _ => "UTF-8",
        };
        let offsets: Vec<String> = r.offsets.iter().map(ToString::to_string).collect();
        let more = if r.count > r.offsets.len() {
            ", …"
        } else {
            ""
        };
        warnings.push(format!(
            "{path}: {} invalid {unit} sequence{} replaced with U+FFFD, at byte{} {}{more}",
            r.count,
            if r.count == 1 { "" } else { "s" },
            if r.offsets.len() == 1 { "" } else { "s" },
            offsets.join(", "),
        ));
    }
    let html_name = source
        .path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if source.format == Format::Html && !html_name {
        warnings.push(format!(
            "{path}: HTML content, read as HTML (markup dropped)"
        ));
    }
    warnings.extend(source.notes.iter().map(|n| format!("{path}: {n}")));
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Replaced;

    fn source(encoding: Encoding, replaced: Replaced, format: Format, path: &str) -> Source {
        Source {
            path: path.into(),
            name: "a".into(),
            text: "text".into(),
            encoding,
            replaced,
            format,
            pages: Vec::new(),
            notes: Vec::new(),
            info: crate::model::DocInfo::default(),
        }
    }

    #[test]
    fn read_warnings_name_the_cause_and_offsets() {
        let clean = source(Encoding::Utf8, Replaced::default(), Format::Text, "a.txt");
        assert!(read_warnings(&clean).is_empty());
        let mut r = Replaced::default();
        for at in [1042, 5210, 9001] {
            r.push(at);
        }
        assert_eq!(
            read_warnings(&source(Encoding::Utf8, r, Format::Text, "a.txt")),
            ["a.txt: 3 invalid UTF-8 sequences replaced with U+FFFD, at bytes 1042, 5210, 9001"]
        );
        let mut r = Replaced::default();
        for at in 0..12 {
            r.push(at * 2);
        }
        assert_eq!(
            read_warnings(&source(
                Encoding::Utf16Le { bom: true },
                r,
                Format::Html,
                "b.htm"
            )),
            [
                "b.htm: 12 invalid UTF-16 sequences replaced with U+FFFD, at bytes 0, 2, 4, 6, 8, \
                 10, 12, 14, 16, 18, …"
            ]
        );
        let mut r = Replaced::default();
        r.push(7);
        assert_eq!(
            read_warnings(&source(Encoding::Utf8Bom, r, Format::Html, "c.txt")),
            [
                "c.txt: 1 invalid UTF-8 sequence replaced with U+FFFD, at byte 7",
                "c.txt: HTML content, read as HTML (markup dropped)"
            ]
        );
        assert_eq!(
            read_warnings(&source(
                Encoding::Windows1252,
                Replaced::default(),
                Format::Text,
                "d.txt"
            )),
            ["d.txt: not valid UTF-8, decoded as Windows-1252"]
        );
    }
}
