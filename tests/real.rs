//! Extraction quality on REAL documents: runs the shared scorer (`../shared/tools/score.py`) on
//! `tests/data/real/` — General Assembly resolutions and Third Committee drafts as their official
//! PDFs give them (text extracted from the PDFs, with page furniture and footnotes; one re-flowed
//! Markdown copy with YAML front matter), transcribed exactly from public copies (see
//! `tests/data/real/SOURCES.md`). The gold was written by annotators who had not read the
//! extractor's code, before its first run on these documents, and is never edited to fit it.
//!
//! Two sets: `gold/` + `docs/` is the development set (its misses were read while the rules were
//! written, so its figures are optimistic); `holdout/` holds sixteen more real documents with gold
//! whose misses were never looked at, to measure generalisation honestly. The first run (main at
//! 58095bf, before any work on real text) scored on the development set paragraphs 0.998,
//! mentions 0.861, doc-mentions 0.811, provisions 0.778, citations 0.757; on the held-out set
//! 0.997, 0.756, 0.840, 0.697, 0.773. A second round of seven documents (four joined the
//! development set, three the held-out set; see `tests/data/real/README.md`) scored on its
//! first run (main at 2d8eb4a) 1.000, 0.928, 0.969, 0.863, 0.953 (sponsors and metadata 1.000);
//! a third round of five (one joined the development set, four the held-out set), scored once
//! after the second round's rules were written (main at 9929480): 0.999, 0.949, 0.981, 0.878,
//! 0.857, sponsors 1.000, metadata 0.867; a fourth round of six (three to each set, by a seeded
//! shuffle), scored once before any rule was written for them (main at ee99435): 1.000, 0.932,
//! 0.981, 0.909, 0.855, sponsors 0.976, metadata 1.000; a fifth round of five (two to the
//! held-out set), scored once after the fourth round's rules (main at 7282fb1): 1.000, 0.976,
//! 0.969, 0.944, 0.959, sponsors 1.000, metadata 1.000.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn real() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real")
}

/// The bounds of the issue on real documents (development set).
const DEV_BOUNDS: &[(&str, f64)] = &[
    ("paragraphs", 0.99),
    ("mentions", 0.95),
    ("doc-mentions", 0.95),
    ("provisions", 0.93),
    ("citations", 0.95),
    ("metadata", 0.95),
    ("sponsors", 0.99),
];

/// The held-out real set (sixteen documents): the figures measured at the end of the fifth
/// round (paragraphs 1.000, mentions 0.972, doc-mentions 0.983, provisions 0.926, citations
/// 0.952, sponsors 0.961, metadata 1.000), less about 0.03.
const HOLDOUT_BOUNDS: &[(&str, f64)] = &[
    ("paragraphs", 0.97),
    ("mentions", 0.94),
    ("doc-mentions", 0.95),
    ("provisions", 0.89),
    ("citations", 0.92),
    ("sponsors", 0.93),
    ("metadata", 0.97),
];

#[test]
fn real_development_set_meets_the_bounds() {
    common::assert_scores(&real().join("gold"), &real().join("docs"), 23, DEV_BOUNDS);
}

#[test]
fn real_heldout_set_meets_the_bounds() {
    let h = real().join("holdout");
    common::assert_scores(&h.join("gold"), &h.join("docs"), 16, HOLDOUT_BOUNDS);
}

/// Every real document of the corpus (with or without gold) goes through without an error, and
/// the development set is at least 20 documents as the issue asks.
#[test]
fn every_real_document_extracts() {
    let dirs = ["docs", "holdout/docs", "extra"];
    let mut n = 0;
    for d in dirs {
        let dir = real().join(d);
        n += std::fs::read_dir(&dir).unwrap().count();
        let store = std::env::temp_dir()
            .join(format!("tipkg-real-{}-{d}.nq", std::process::id()).replace('/', "-"));
        let out = Command::new(env!("CARGO_BIN_EXE_tipkg"))
            .arg("--store")
            .arg(&store)
            .arg("extract")
            .arg(&dir)
            .output()
            .unwrap();
        let _ = std::fs::remove_file(&store);
        assert!(
            out.status.success(),
            "{d}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(n >= 20, "tests/data/real holds {n} documents");
}

/// The gold-free structure check on the 54 real resolutions of ../shared/wild/ga-80 (another
/// extractor's Markdown with YAML front matter): every printed paragraph number found, no front
/// matter read as text, at most 20 paragraphs left without a number inside numbered runs (the
/// source itself lost some text; `extract` reports each such place).
#[test]
fn wild_structure_on_ga80() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let script = root.join("shared/tools/wild_structure.py");
    let docs = root.join("shared/wild/ga-80");
    assert!(
        script.exists() && docs.exists(),
        "../shared/wild is missing"
    );
    let out = Command::new("python3")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_tipkg"))
        .arg(&docs)
        .args(["--min-recall", "1.0", "--max-orphans", "20"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        stdout.lines().any(|l| l.starts_with("total\tdocs 54")),
        "{stdout}"
    );
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
