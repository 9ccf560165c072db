//! Extraction quality: runs the shared scorer (`../shared/tools/score.py`) on the gold
//! annotations with the real binary and enforces the bounds the issues set.
//!
//! The scorer builds a fresh store per document with `tipkg extract`, reads it back with
//! `tipkg export --format ntriples` and compares it with `../shared/gold/*.tsv`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

/// The F1 bounds on the scorer's totals (issues 2, 3 and 4).
const BOUNDS: &[(&str, f64)] = &[
    ("paragraphs", 0.98),
    ("metadata", 0.9),
    ("mentions", 0.95),
    ("doc-mentions", 0.95),
    ("citations", 0.90),
    ("sponsors", 0.99),
    ("provisions", 0.92),
];

#[test]
fn scorer_totals_meet_the_bounds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::assert_scores(
        &root.join("../shared/gold"),
        &root.join("corpus"),
        7,
        BOUNDS,
    );
}
