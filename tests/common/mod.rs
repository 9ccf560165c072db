//! Shared by the integration tests: runs `../shared/tools/score.py` with the real binary on a
//! gold folder and a document folder and checks the bounds; dumps a store for comparison.

// Each test crate uses what it needs of this module.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

/// Runs the real binary on `store` (whatever `TIPKG_STORE` says) with `args`.
pub fn tipkg(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tipkg"))
        .env_remove("TIPKG_STORE")
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .expect("tipkg runs")
}

/// Runs the scorer on `gold` and `docs` with `bounds` (category, minimum F1 of the totals) and
/// asserts that every bounded category was scored, that `documents` documents were scored (a
/// missing document or a failed extract fails), and that the scorer passed its bounds.
pub fn assert_scores(gold: &Path, docs: &Path, documents: usize, bounds: &[(&str, f64)]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/score.py");
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
        .arg(gold)
        .arg("--docs")
        .arg(docs);
    for (cat, f1) in bounds {
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
    for (cat, _) in bounds {
        assert!(
            totals.iter().any(|l| l.split('\t').nth(1) == Some(cat)),
            "no total for {cat}:\n{stdout}\n{stderr}"
        );
    }
    let scored: BTreeSet<&str> = stdout
        .lines()
        .filter(|l| !l.starts_with("total") && !l.starts_with(' '))
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(
        scored.len(),
        documents,
        "documents scored: {scored:?}\n{stderr}"
    );
    assert!(
        out.status.success(),
        "scorer below bounds or failed:\n{stdout}\n{stderr}"
    );
}

/// The whole store as sorted N-Quads (`tipkg dump`): what a test compares.
pub fn dump(store: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tipkg"))
        .env_remove("TIPKG_STORE")
        .arg("--store")
        .arg(store)
        .arg("dump")
        .output()
        .expect("tipkg runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("N-Quads are UTF-8")
}

/// The scorer's totals on `gold` and `docs`: (category, F1), in the scorer's order.
pub fn score_totals(gold: &Path, docs: &Path) -> Vec<(String, f64)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/score.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_tipkg"))
        .arg("--gold")
        .arg(gold)
        .arg("--docs")
        .arg(docs)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
        .lines()
        .filter(|l| l.starts_with("total\t"))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let f1 = cols.iter().find_map(|c| c.strip_prefix("F1="))?;
            Some((cols.get(1)?.to_string(), f1.parse().ok()?))
        })
        .collect()
}
