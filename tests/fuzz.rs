//! Property-based fuzzing of read → segment → recognise → extract → RDF (proptest, stable Rust).
//!
//! Inputs are real texts — every 40th General Assembly resolution of `../shared/wild/ga-pdf-text`,
//! every 10th Markdown text of `../shared/wild/ga-80`, tipkg's `corpus/` and
//! `tests/data/real/docs/` — put through lists of mutations ([`tipkg::fuzz::Mutation`]: byte
//! flips and invalid UTF-8, line duplication, deletion and shuffling, splices of two documents,
//! paragraph and footnote markers, page furniture, very long lines, thousands of numbered
//! paragraphs, deep nesting, Markdown, CR/CRLF, Unicode …), read as `.txt` and as `.md`.
//! For every input [`tipkg::fuzz::check`] runs the pipeline and checks: no panic; every span
//! within the source and on char boundaries; paragraphs in document order; quads that serialize
//! to N-Quads and parse back to as many; the same output on a second run.
//!
//! `TIPKG_FUZZ_CASES` sets the number of cases of each of the two property tests (default 800,
//! about a minute for the file in release mode on two cores) and `TIPKG_FUZZ_SEED` the proptest
//! seed (default fixed, so CI is reproducible). Failures are not persisted (no files in the
//! source tree); proptest prints the shrunk input's mutations, and a failing input worth
//! keeping goes into `tests/data/fuzz/regressions/`, replayed by the last test. Hangs and
//! super-linear time are the driver's (`src/bin/tipkg-fuzz.rs`): tests assert no timings.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::RngSeed;
use tipkg::fuzz::{self, Mutation, OPS, Seed};
use tipkg::registry::Registry;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seed corpus (every 40th PDF text of the wild set).
static SEEDS: LazyLock<Vec<Seed>> = LazyLock::new(|| fuzz::seeds(root(), 40));

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: env_or("TIPKG_FUZZ_CASES", 800),
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(env_or("TIPKG_FUZZ_SEED", 20_241_217)),
        max_shrink_iters: 512,
        ..ProptestConfig::default()
    }
}

/// Checks one input, failing the test with the property it broke.
fn assert_holds(path: &Path, bytes: &[u8]) {
    if let Err(e) = fuzz::check(path, bytes, Registry::embedded()) {
        panic!("{}: {e}", path.display());
    }
}

/// A seed, a second document for splices, and up to six mutations.
fn case() -> impl Strategy<Value = (Index, Index, Vec<(u8, u64)>)> {
    (
        any::<Index>(),
        any::<Index>(),
        prop::collection::vec((0..OPS, any::<u64>()), 0..6),
    )
}

/// Mutates and checks one case, read as `fuzz.{ext}`.
fn run(ext: &str, seed: &Index, other: &Index, muts: &[(u8, u64)]) {
    let seeds = &*SEEDS;
    let seed = &seeds[seed.index(seeds.len())];
    let other = &seeds[other.index(seeds.len())];
    let muts: Vec<Mutation> = muts.iter().map(|&(op, arg)| Mutation { op, arg }).collect();
    let input = fuzz::mutate(&seed.bytes, &other.bytes, &muts);
    assert_holds(&PathBuf::from(format!("fuzz.{ext}")), &input);
}

#[test]
fn the_seed_corpus_is_there_and_keeps_the_properties() {
    let seeds = &*SEEDS;
    let wild = seeds.len().saturating_sub(7 + 12);
    assert!(
        wild >= 30,
        "{wild} seed documents from ../shared/wild (expected 36): is ../shared beside the checkout?"
    );
    for s in seeds {
        assert_holds(Path::new(&s.name), &s.bytes);
    }
}

#[test]
fn mutations_are_deterministic_and_all_used() {
    let doc = &SEEDS[0].bytes;
    let other = &SEEDS[1].bytes;
    for op in 0..OPS {
        let changed = (0..16u64).any(|arg| {
            let m = [Mutation { op, arg }];
            let a = fuzz::mutate(doc, other, &m);
            assert_eq!(
                a,
                fuzz::mutate(doc, other, &m),
                "{} is not deterministic",
                m[0].name()
            );
            a != *doc
        });
        assert!(
            changed,
            "{} never changes the document",
            fuzz::OP_NAMES[op as usize]
        );
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_texts_keep_the_properties((seed, other, muts) in case()) {
        run("txt", &seed, &other, &muts);
    }

    #[test]
    fn mutated_markdown_keeps_the_properties((seed, other, muts) in case()) {
        run("md", &seed, &other, &muts);
    }
}

/// Every input the fuzzing found a bug with, replayed (as `.txt` and `.md`). A quadratic input
/// is kept small: here it only has to keep working; the driver times it.
#[test]
fn regressions_keep_the_properties() {
    let dir = root().join("tests/data/fuzz/regressions");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for ext in ["txt", "md"] {
            assert_holds(&path.with_extension(ext), &bytes);
        }
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {}", dir.display());
}

/// KNOWN, NOT FIXED: `relations.rs` reads, for every mention or verb of a paragraph, the text
/// around it again: `transmits` (in what is read as a letter) the rest of the sentence around
/// each transmitting verb ("submit", "attach" …) by string searches, a regex for a document
/// symbol and linear scans of all the paragraph's mentions (most of the time); `find` the whole paragraph before each mention followed
/// by "as its coordinator" (`CLAUSE_START` over the prefix). Quadratic in a long paragraph:
/// "Requests the Secretary-General to submit a report " ×4000 in one paragraph takes 0.9 s,
/// ×8000 3.3 s (found by the fuzz driver, seed 2 case 617); "France, Belarus and the
/// Philippines with UNODC as its coordinator, " ×5000 2.2 s, ×10000 7.3 s (fixed since: the
/// clause starts are found once per paragraph and relations kept once by a set — ×10000 1.1 s,
/// ×20000 2.2 s); a letter that
/// "transmit[s] … the final draft … which we submit … and attach to A/RES/1/2/3" ×2000 0.7 s,
/// ×4000 2.2 s. Not a small fix: each of those lookups needs a per-paragraph index (the small
/// copy in `regressions/` is replayed above). This test asserts only the properties; it is
/// ignored for its time — run it with `-- --ignored` to see it.
#[test]
#[ignore = "slow while relations.rs is quadratic in a long paragraph"]
fn relations_in_one_long_paragraph() {
    let texts = [
        format!(
            "1. {}\n",
            "Requests the Secretary-General to submit a report ".repeat(8000)
        ),
        format!(
            "The General Assembly,\n\n1. Welcomes the cooperation of {}\n",
            "France, Belarus and the Philippines with UNODC as its coordinator, ".repeat(10_000)
        ),
        format!(
            "Letter dated 1 May 2024 from the co-facilitators addressed to the President of the \
             General Assembly\n\nI have the honour to transmit herewith {}\n",
            "the final draft of the political declaration, which we submit to the Member States \
             and attach to A/RES/1/2/3 "
                .repeat(4000)
        ),
    ];
    for text in texts {
        assert_holds(Path::new("long-paragraph.txt"), text.as_bytes());
    }
}
