//! Every query of queries/: it is embedded, parses, and runs with checked results — exactly
//! (golden files) on a hand-written fixture store in the graph's shape, and against the
//! corpus store cross-checked with independent patterns and the gold annotations.
//! `TIPKG_BLESS=1` rewrites the golden outputs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use oxigraph::io::{RdfFormat, RdfParser};
use tipkg::query::NAMED_QUERIES;
use tipkg::store::GraphStore;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tipkg"))
        .env_remove("TIPKG_STORE")
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .unwrap()
}

fn fixture_store(dir: &Path) -> PathBuf {
    let path = dir.join("fixture.nq");
    let st = GraphStore::open_for_write(&path).unwrap();
    let trig = std::fs::read(root().join("tests/golden/fixture.trig")).unwrap();
    st.store()
        .load_from_reader(RdfParser::from_format(RdfFormat::TriG), trig.as_slice())
        .unwrap();
    st.save().unwrap();
    path
}

/// Compares with (or, under TIPKG_BLESS=1, writes) a golden file.
pub fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("TIPKG_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {} (run with TIPKG_BLESS=1)", path.display()));
    assert_eq!(expected, actual, "golden {name} differs");
}

#[test]
fn every_file_of_queries_is_embedded_and_parses() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rq"))
        .collect();
    files.sort();
    let mut names: Vec<String> = NAMED_QUERIES
        .iter()
        .map(|q| format!("{}.rq", q.name))
        .collect();
    names.sort();
    assert_eq!(files, names, "queries/ and NAMED_QUERIES differ");
    let store = GraphStore::open(Path::new("/nonexistent/empty.nq")).unwrap();
    let iris = tipkg::rdf::Iris::default();
    for q in NAMED_QUERIES {
        assert!(!q.summary().is_empty(), "{} has no comment header", q.name);
        assert!(
            !q.parameters().is_empty(),
            "{} does not state its parameters",
            q.name
        );
        tipkg::query::execute(&store, q.text, q.name, &[], false, &iris)
            .unwrap_or_else(|e| panic!("{}: {e}", q.name));
    }
}

/// Each named query, with the parameters its header describes, on the fixture: exact output.
#[test]
fn named_queries_on_the_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture_store(dir.path());
    let cases: &[(&str, &[&str], i32)] = &[
        ("mandates-to-entity", &["entity=UNODC"], 0),
        ("mandates-to-entity", &["entity=id:member-states"], 0),
        ("mandates-to-entity", &[], 0),
        ("who-directs-whom", &[], 0),
        ("reaffirmations", &[], 0),
        ("reaffirmations", &["doc=doc:b"], 1),
        ("provisions-by-verb", &[], 0),
        ("mandates-not-in", &["in=doc:a", "notIn=doc:b"], 0),
        ("mandates-not-in", &["in=doc:b", "notIn=doc:a"], 1),
        ("icat-members", &[], 0),
        ("entities-by-class", &["class=tip:Group"], 0),
        ("entities-by-class", &[], 0),
        ("citations-per-document", &[], 0),
    ];
    let mut all = String::new();
    for (name, params, code) in cases {
        let mut args = vec!["query", "--name", name, "--format", "tsv"];
        for p in *params {
            args.extend(["--param", p]);
        }
        let out = run(&store, &args);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            out.status.code(),
            Some(*code),
            "{name} {params:?}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        all.push_str(&format!("## {name} {}\n{stdout}\n", params.join(" ")));
    }
    golden("queries-fixture.txt", &all);
}

fn num(cell: &str) -> usize {
    let c = cell.split("^^").next().unwrap_or(cell).trim_matches('"');
    c.parse().unwrap_or_else(|_| panic!("not a number: {cell}"))
}

fn tsv_rows(out: &Output) -> Vec<Vec<String>> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// On the corpus: every query runs (exit 0 or 1), and results agree with independent
/// triple patterns; where the graph has provisions, the mandates to UNODC cover the gold.
#[test]
fn named_queries_on_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("corpus.nq");
    let out = run(
        &store,
        &["extract", root().join("corpus").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0));
    for q in NAMED_QUERIES {
        let out = run(&store, &["query", "--name", q.name, "--format", "tsv"]);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}: {}",
            q.name,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let count = |q: &str| -> usize {
        let out = run(&store, &["query", q, "--format", "tsv"]);
        num(&tsv_rows(&out)[0][0])
    };
    // Mandates to UNODC: one row per (provision, mandate) to id:unodc.
    let m = run(
        &store,
        &[
            "query",
            "--name",
            "mandates-to-entity",
            "-p",
            "entity=UNODC",
            "--format",
            "tsv",
        ],
    );
    let rows = tsv_rows(&m);
    assert!(
        rows.iter()
            .all(|r| r[0] == "<https://w3id.org/tipkg/id/unodc>")
    );
    let independent = count(
        "SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { ?v tip:addressee id:unodc ; tip:paragraph ?p . }",
    );
    let distinct_provisions = {
        let mut k: Vec<String> = rows
            .iter()
            .map(|r| format!("{}|{}|{}", r[1], r[3], r[4]))
            .collect();
        k.sort();
        k.dedup();
        k.len()
    };
    assert!(distinct_provisions <= independent && rows.len() >= independent);
    assert_eq!(m.status.code(), Some(if independent == 0 { 1 } else { 0 }));
    // Provisions by verb add up to the provisions.
    let by_verb = tsv_rows(&run(
        &store,
        &["query", "--name", "provisions-by-verb", "--format", "tsv"],
    ));
    let sum: usize = by_verb.iter().map(|r| num(&r[1])).sum();
    assert_eq!(
        sum,
        count("SELECT (COUNT(?v) AS ?n) WHERE { ?v a tip:Provision }")
    );
    // Gold: the directive provisions to unodc, as (document, paragraph number).
    let gold_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/gold");
    let gold_dir = if gold_dir.exists() {
        gold_dir
    } else {
        PathBuf::from("/work/shared/gold")
    };
    let mut gold = Vec::new();
    for e in std::fs::read_dir(&gold_dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "tsv") {
            let doc = p.file_stem().unwrap().to_string_lossy().into_owned();
            for l in std::fs::read_to_string(&p).unwrap().lines() {
                let f: Vec<&str> = l.split('\t').collect();
                if f.len() >= 4
                    && f[0] == "prov"
                    && f[3] == "unodc"
                    && tipkg::vocab::is_directive(f[2])
                {
                    gold.push((doc.clone(), f[1].to_owned()));
                }
            }
        }
    }
    assert!(
        !gold.is_empty(),
        "the gold has directive provisions to UNODC"
    );
    if independent > 0 {
        let got: Vec<(String, String)> = rows
            .iter()
            .map(|r| {
                let file = r[1].trim_matches('"');
                let stem = file.rsplit_once('.').map_or(file, |(s, _)| s).to_owned();
                (stem, r[3].trim_matches('"').to_owned())
            })
            .collect();
        let found = gold.iter().filter(|g| got.contains(g)).count();
        assert!(
            found * 10 >= gold.len() * 8,
            "mandates to UNODC: {found} of {} gold rows found",
            gold.len()
        );
    } else {
        eprintln!("no provisions to UNODC in the graph yet: gold comparison not applicable");
    }
}
