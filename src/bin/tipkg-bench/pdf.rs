//! `tipkg-bench pdf`: reading PDFs, measured against an oracle text.
//!
//! ```text
//! tipkg-bench pdf [--min 0.97] [--jobs N] [--show] PDF_DIR TEXT_DIR
//! tipkg-bench pdf-text FILE.pdf
//! tipkg-bench paragraphs FILE…
//! ```
//!
//! For every `X.pdf` of PDF_DIR, the text of the same document in TEXT_DIR (`X.txt`, or the
//! file of the same symbol: `a-res-78-226.txt` for `A_RES_78_226.pdf`) is the oracle: both are
//! read and segmented, and the paragraphs (number and whitespace-normalised text) of the PDF
//! are aligned with the oracle's (longest common subsequence). Printed: the share of the
//! oracle's paragraphs the PDF gives identically and in order, per document and in all; the
//! documents whose footnote marks differ; reading throughput (MB of PDF a second on `--jobs`
//! threads) and peak memory. Exits 2 when a file cannot be read or the share is under `--min`
//! (in all, or for a document). `--show` prints the paragraphs that differ.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context, bail};
use tipkg::model::{Format, Paragraph};

/// A paragraph as compared: its number and its whitespace-normalised text.
type Key = (String, String);

fn keys(paragraphs: &[Paragraph]) -> Vec<Key> {
    paragraphs
        .iter()
        .map(|p| {
            let text = p.text.text.split_whitespace().collect::<Vec<_>>().join(" ");
            (p.number.clone().unwrap_or_default(), text)
        })
        .collect()
}

fn marks(paragraphs: &[Paragraph]) -> Vec<String> {
    paragraphs
        .iter()
        .flat_map(|p| p.footnotes.iter().map(|f| f.mark.clone()))
        .collect()
}

/// The length of the longest common subsequence.
fn lcs(a: &[Key], b: &[Key]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

/// The oracle text of a PDF: `X.txt`, else the file named by the symbol's slug.
fn oracle(pdf: &Path, dir: &Path) -> Option<PathBuf> {
    let stem = pdf.file_stem()?.to_string_lossy().into_owned();
    let slug = stem
        .to_ascii_lowercase()
        .replace("c.", "c")
        .replace(['_', '.'], "-");
    [
        format!("{stem}.txt"),
        format!("{slug}.txt"),
        format!("{slug}.md"),
    ]
    .into_iter()
    .map(|n| dir.join(n))
    .find(|p| p.is_file())
}

/// Peak resident memory of this process (Linux), in MB.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// `tipkg-bench pdf-text FILE`: the text a PDF gives, pages marked.
pub fn text(args: &[String]) -> anyhow::Result<()> {
    let path = PathBuf::from(args.first().context("a PDF file")?);
    let s = tipkg::read::read_file(&path)?;
    for (i, w) in s.pages.iter().enumerate() {
        let end = s.pages.get(i + 1).copied().unwrap_or(s.text.len());
        println!("=== page {} (bytes {w}..{end})", i + 1);
        print!("{}", &s.text[*w..end]);
    }
    for n in &s.notes {
        eprintln!("note: {n}");
    }
    eprintln!("info: {:?}", s.info);
    Ok(())
}

/// `tipkg-bench paragraphs FILE…`: the paragraphs each file gives (PDF or text), one a line:
/// the file name, the number in brackets, the whitespace-normalised text (to compare two
/// builds' segmentation of a whole folder with `diff`).
pub fn paragraphs(args: &[String]) -> anyhow::Result<()> {
    for a in args {
        let path = PathBuf::from(a);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source = match tipkg::read::read_file(&path) {
            Ok(s) => s,
            Err(e) => {
                println!("{name}: {e}");
                continue;
            }
        };
        let segmented = tipkg::segment::segment(&source);
        for (number, text) in keys(&segmented.paragraphs) {
            println!("{name} [{number}] {text}");
        }
    }
    Ok(())
}

/// `tipkg-bench pdf`: see the module docs.
pub fn run(args: &[String]) -> anyhow::Result<()> {
    let mut min = 0.0_f64;
    let mut jobs = std::thread::available_parallelism().map_or(1, usize::from);
    let mut dirs = Vec::new();
    let mut show = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--min" => min = it.next().and_then(|v| v.parse().ok()).context("--min F")?,
            "--show" => show = true,
            "--jobs" => jobs = it.next().and_then(|v| v.parse().ok()).context("--jobs N")?,
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    let [pdf_dir, text_dir] = dirs.as_slice() else {
        bail!("usage: tipkg-bench pdf [--min F] [--jobs N] PDF_DIR TEXT_DIR");
    };
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(pdf_dir)
        .with_context(|| pdf_dir.display().to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
        .collect();
    pdfs.sort();
    anyhow::ensure!(!pdfs.is_empty(), "no PDF in {}", pdf_dir.display());

    // Reading alone, on `jobs` threads: the throughput.
    let bytes: u64 = pdfs
        .iter()
        .filter_map(|p| p.metadata().ok())
        .map(|m| m.len())
        .sum();
    let next = Mutex::new(0usize);
    let results: Vec<Mutex<Option<_>>> = pdfs.iter().map(|_| Mutex::new(None)).collect();
    let t = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let i = {
                        let Ok(mut n) = next.lock() else { return };
                        *n += 1;
                        *n - 1
                    };
                    let Some(path) = pdfs.get(i) else { return };
                    let r = tipkg::read::read_file(path);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(r);
                    }
                }
            });
        }
    });
    let secs = t.elapsed().as_secs_f64();

    let (mut total, mut same, mut failed, mut low) = (0usize, 0usize, 0usize, 0usize);
    let mut mark_docs = Vec::new();
    let mut pages = 0usize;
    for (path, slot) in pdfs.iter().zip(results) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source = match slot.into_inner().ok().flatten() {
            Some(Ok(s)) if s.format == Format::Pdf => s,
            Some(Ok(_)) => {
                failed += 1;
                println!("{name}: not read as a PDF");
                continue;
            }
            Some(Err(e)) => {
                failed += 1;
                println!("{e}");
                continue;
            }
            None => {
                failed += 1;
                println!("{name}: not read");
                continue;
            }
        };
        pages += source.pages.len();
        let Some(oracle_path) = oracle(path, text_dir) else {
            println!("{name}: no oracle text in {}", text_dir.display());
            continue;
        };
        let oracle_source = tipkg::read::read_file(&oracle_path)?;
        let a = tipkg::segment::segment(&oracle_source).paragraphs;
        let b = tipkg::segment::segment(&source).paragraphs;
        let (ka, kb) = (keys(&a), keys(&b));
        let common = lcs(&ka, &kb);
        let n = ka.len().max(kb.len());
        total += n;
        same += common;
        let share = if n == 0 {
            1.0
        } else {
            common as f64 / n as f64
        };
        if share < min.max(0.97) {
            low += 1;
        }
        if share < 1.0 {
            println!(
                "{name}: {common}/{n} paragraphs the same ({:.3}; oracle {}, PDF {})",
                share,
                ka.len(),
                kb.len()
            );
        }
        if show && share < 1.0 {
            let only = |x: &[Key], y: &[Key], tag: &str| {
                for k in x.iter().filter(|k| !y.contains(k)) {
                    println!("  {tag} [{}] {}", k.0, k.1);
                }
            };
            only(&ka, &kb, "oracle");
            only(&kb, &ka, "pdf   ");
        }
        if show && marks(&a) != marks(&b) {
            println!(
                "  marks oracle {:?}\n  marks pdf    {:?}",
                marks(&a),
                marks(&b)
            );
        }
        if marks(&a) != marks(&b) {
            mark_docs.push(name);
        }
    }
    let share = if total == 0 {
        1.0
    } else {
        same as f64 / total as f64
    };
    let mb = bytes as f64 / 1e6;
    println!(
        "documents {} ({pages} pages, {mb:.1} MB of PDF), {failed} not read",
        pdfs.len()
    );
    println!(
        "paragraphs {same}/{total} the same as the oracle's ({share:.4}); {low} documents under {:.2}",
        min.max(0.97)
    );
    println!(
        "footnote marks the same in {}/{} documents{}",
        pdfs.len() - failed - mark_docs.len(),
        pdfs.len() - failed,
        if mark_docs.is_empty() {
            String::new()
        } else {
            format!(" (differ: {})", mark_docs.join(", "))
        }
    );
    println!(
        "reading {secs:.2} s on {jobs} thread{}: {:.2} MB/s of PDF, {:.1} pages/s; peak memory {}",
        if jobs == 1 { "" } else { "s" },
        mb / secs,
        pages as f64 / secs,
        peak_mb().map_or_else(|| "?".to_owned(), |m| format!("{m:.0} MB"))
    );
    if failed > 0 || share < min || (min > 0.0 && low > 0) {
        std::process::exit(2);
    }
    Ok(())
}
