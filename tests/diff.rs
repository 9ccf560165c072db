//! `tipkg diff`: the real binary on the draft → adopted pairs of the hand-made alignment gold
//! (tests/data/diff, written before any run; see its README), scored row by row, and on small
//! synthetic pairs for the alignment kinds the gold has few of (moves, merges, splits).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The pairs with gold: (gold file stem, draft, adopted).
fn pairs() -> Vec<(String, PathBuf, PathBuf)> {
    let corpus = root().join("corpus");
    let wild = root().join("../shared/wild/ga-pdf-text");
    let mut v = vec![
        (
            "pd2021-rev3-draft__a-res-76-7".to_owned(),
            corpus.join("pd2021-rev3-draft.txt"),
            corpus.join("a-res-76-7.md"),
        ),
        (
            "pd2017-final-draft__pd2017".to_owned(),
            corpus.join("pd2017-final-draft.txt"),
            corpus.join("pd2017.txt"),
        ),
    ];
    for (d, a) in [
        ("L.7", "A_RES_80_225"),
        ("L.9", "A_RES_80_227"),
        ("L.18", "A_RES_80_185"),
        ("L.3", "A_RES_80_229"),
    ] {
        let d = format!("A_C.3_80_{d}");
        v.push((
            format!("{d}__{a}"),
            wild.join(format!("{d}.txt")),
            wild.join(format!("{a}.txt")),
        ));
    }
    v
}

/// Runs `tipkg diff` and returns stdout and the wall time.
fn diff(draft: &Path, adopted: &Path, format: &str) -> (String, Duration) {
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_tipkg"))
        .args(["diff", "--format", format])
        .arg(draft)
        .arg(adopted)
        .output()
        .expect("tipkg runs");
    let took = t.elapsed();
    assert!(
        out.status.success(),
        "tipkg diff {} {}: {}",
        draft.display(),
        adopted.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    (String::from_utf8(out.stdout).expect("UTF-8"), took)
}

fn rows(text: &str, kinds: &[&str]) -> BTreeSet<String> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter(|l| kinds.contains(&l.split('\t').next().unwrap_or("")))
        .map(str::to_owned)
        .collect()
}

#[derive(Default)]
struct Tally {
    tp: usize,
    out: usize,
    gold: usize,
}

impl Tally {
    fn add(&mut self, out: &BTreeSet<String>, gold: &BTreeSet<String>) -> (f64, f64) {
        let tp = out.intersection(gold).count();
        self.tp += tp;
        self.out += out.len();
        self.gold += gold.len();
        (ratio(tp, out.len()), ratio(tp, gold.len()))
    }

    fn prf(&self) -> (f64, f64, f64) {
        let (p, r) = (ratio(self.tp, self.out), ratio(self.tp, self.gold));
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

const ALIGN: &[&str] = &["align", "added", "removed"];
const PROVISION: &[&str] = &["verb", "addressee+", "addressee-"];

/// Alignment F1 ≥ 0.95 on each of the six pairs and over all; provision changes: precision
/// ≥ 0.95, recall no lower than measured (0.941 on 2026-12-05: 16 of 17, the missing row is
/// the gold's doubt 2) less 0.02. (The time printed is for the eye; speed is measured in the
/// benchmark, not asserted here.)
#[test]
fn gold_pairs() {
    let gold_dir = root().join("tests/data/diff");
    let (mut align, mut prov) = (Tally::default(), Tally::default());
    let mut worst = 1.0f64;
    for (stem, draft, adopted) in pairs() {
        assert!(draft.exists(), "missing {}", draft.display());
        let gold = std::fs::read_to_string(gold_dir.join(format!("{stem}.tsv"))).expect("gold");
        let (out, took) = diff(&draft, &adopted, "tsv");
        let (ap, ar) = align.add(&rows(&out, ALIGN), &rows(&gold, ALIGN));
        let af = if ap + ar > 0.0 {
            2.0 * ap * ar / (ap + ar)
        } else {
            0.0
        };
        let (pp, pr) = prov.add(&rows(&out, PROVISION), &rows(&gold, PROVISION));
        println!(
            "{stem:40} align P={ap:.3} R={ar:.3} F1={af:.3}   provisions P={pp:.3} R={pr:.3}   {:.0} ms",
            took.as_secs_f64() * 1000.0
        );
        worst = worst.min(af);
    }
    let (p, r, f) = align.prf();
    println!("alignment overall P={p:.3} R={r:.3} F1={f:.3}");
    let (pp, pr, pf) = prov.prf();
    println!("provision changes overall P={pp:.3} R={pr:.3} F1={pf:.3}");
    assert!(f >= 0.95, "alignment F1 {f:.3} < 0.95");
    assert!(worst >= 0.95, "alignment F1 of one pair {worst:.3} < 0.95");
    assert!(pp >= 0.95, "provision-change precision {pp:.3} < 0.95");
    assert!(pr >= 0.92, "provision-change recall {pr:.3} < 0.92");
}

const PREAMBLE: &str = "The General Assembly,

Recalling its resolution 70/1 of 25 September 2015 on the 2030 Agenda for Sustainable Development,

Deeply concerned about the persistence of trafficking in persons in armed conflict situations,
";

const URGES: &str = "Urges Member States to ratify the Protocol against the Smuggling of Migrants by Land, Sea and Air without delay;";
const ENCOURAGES: &str = "Encourages Member States to ratify the Protocol against the Smuggling of Migrants by Land, Sea and Air without delay;";
const REPORT: &str = "Requests the Secretary-General to submit a report on the implementation of the present resolution to the General Assembly at its eighty-first session;";
const UNODC: &str = "Invites the United Nations Office on Drugs and Crime to continue its technical assistance to States in the field of forensic science and laboratories;";
const UNODC_ILO: &str = "Invites the United Nations Office on Drugs and Crime and the International Labour Organization to continue its technical assistance to States in the field of forensic science and laboratories;";
const FUND: &str =
    "Calls upon donors to contribute to the trust fund for victims of trafficking in persons;";
const AGENDA: &str = "Decides to include in the provisional agenda of its eighty-first session the item entitled \"Crime prevention and criminal justice\".";

/// A resolution text with the preamble and these operative paragraphs ("3 bis" style numbers
/// as given).
fn resolution(head: &str, ops: &[(&str, &str)]) -> String {
    let mut s = format!("{head}\n\n{PREAMBLE}");
    for (n, t) in ops {
        s.push_str(&format!("\n{n}. {t}\n"));
    }
    s
}

fn pair_rows(draft: &str, adopted: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let (d, a) = (dir.path().join("draft.txt"), dir.path().join("adopted.txt"));
    std::fs::write(&d, draft).expect("write");
    std::fs::write(&a, adopted).expect("write");
    let (out, _) = diff(&d, &a, "tsv");
    out.lines().map(str::to_owned).collect()
}

#[test]
fn move_weakened_verb_new_addressee_bis() {
    let draft = resolution(
        "Draft resolution",
        &[
            ("1", URGES),
            ("2", REPORT),
            ("3", UNODC),
            ("3 bis", FUND),
            ("4", AGENDA),
        ],
    );
    let adopted = resolution(
        "Resolution adopted by the General Assembly",
        &[
            ("1", AGENDA),
            ("2", ENCOURAGES),
            ("3", REPORT),
            ("4", UNODC_ILO),
            ("5", FUND),
        ],
    );
    let rows = pair_rows(&draft, &adopted);
    for want in [
        "align\tPP1\tPP1\tsame",
        "align\t4\t1\tmoved",
        "align\t1\t2\tchanged",
        "align\t2\t3\tsame",
        "align\t3\t4\tchanged",
        "align\t3bis\t5\tsame",
        "verb\t1\t2\turges\tencourages",
        "addressee+\t3\t4\tilo",
    ] {
        assert!(rows.iter().any(|r| r == want), "no {want:?} in {rows:#?}");
    }
    assert_eq!(rows.iter().filter(|r| r.starts_with("align")).count(), 7);
}

#[test]
fn merge_and_split() {
    let two = resolution(
        "Draft resolution",
        &[("1", URGES), ("2", REPORT), ("3", UNODC), ("4", AGENDA)],
    );
    let merged_text = format!(
        "{}, and invites{}",
        REPORT.trim_end_matches(';'),
        UNODC.trim_start_matches("Invites")
    );
    let one = resolution(
        "Resolution adopted by the General Assembly",
        &[("1", URGES), ("2", &merged_text), ("3", AGENDA)],
    );
    let rows = pair_rows(&two, &one);
    for want in [
        "align\t2\t2\tmerged",
        "align\t3\t2\tmerged",
        "align\t4\t3\tsame",
    ] {
        assert!(rows.iter().any(|r| r == want), "no {want:?} in {rows:#?}");
    }
    let rows = pair_rows(&one, &two);
    for want in [
        "align\t2\t2\tsplit",
        "align\t2\t3\tsplit",
        "align\t3\t4\tsame",
    ] {
        assert!(rows.iter().any(|r| r == want), "no {want:?} in {rows:#?}");
    }
}

#[test]
fn renderings() {
    let corpus = root().join("corpus");
    let (d, a) = (
        corpus.join("pd2021-rev3-draft.txt"),
        corpus.join("a-res-76-7.md"),
    );
    let (json, _) = diff(&d, &a, "json");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["adopted"]["symbol"], "A/RES/76/7");
    assert!(v["alignments"].as_array().is_some_and(|a| a.len() == 41));
    let (md, _) = diff(&d, &a, "markdown");
    assert!(md.contains("~~endeavor~~ **endeavour**"), "{md}");
    let (html, _) = diff(&d, &a, "html");
    assert!(html.contains("<del>endeavor</del>") || html.contains("<del> endeavor</del>"));
    let (table, _) = diff(&d, &a, "table");
    assert!(table.contains("17 same, 23 changed, 1 added"), "{table}");
}
