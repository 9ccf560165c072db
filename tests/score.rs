//! Extraction quality: runs the shared scorer (`../shared/tools/score.py`) on the gold
//! annotations with the real binary and enforces the bounds the issues set.
//!
//! The scorer builds a fresh store per document with `tipkg extract`, reads it back with
//! `tipkg export --format ntriples` and compares it with `../shared/gold/*.tsv`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

/// The F1 bounds on the scorer's totals.
const BOUNDS: &[(&str, f64)] = &[
    ("paragraphs", 0.98),
    ("metadata", 0.9),
    ("mentions", 0.95),
    ("doc-mentions", 0.95),
    ("citations", 0.90),
    ("sponsors", 0.99),
    ("provisions", 0.92),
];

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

#[test]
fn scorer_totals_meet_the_bounds() {
    let shared = shared();
    let script = shared.join("tools/score.py");
    assert!(
        script.exists(),
        "the scorer is missing: {} (the project expects ../shared beside the checkout)",
        script.display()
    );
    let mut cmd = Command::new("python3");
    cmd.arg(&script)
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_tipkg"))
        .arg("--gold")
        .arg(shared.join("gold"))
        .arg("--docs")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    for (cat, f1) in BOUNDS {
        cmd.arg("--min").arg(format!("{cat}={f1}"));
    }
    let out = cmd.output().expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let totals: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("total\t"))
        .collect();
    println!("{}", totals.join("\n"));
    // Every bounded category must have been scored (a silent empty run must not pass).
    for (cat, _) in BOUNDS {
        assert!(
            totals.iter().any(|l| l.split('\t').nth(1) == Some(cat)),
            "no total for {cat}:\n{stdout}\n{stderr}"
        );
    }
    assert!(
        out.status.success(),
        "scorer below bounds or failed:\n{stdout}\n{stderr}"
    );
}
