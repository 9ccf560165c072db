//! The command line, run as the real binary in temporary directories: bad inputs, exit codes,
//! idempotent extraction, query parameters that cannot inject, closed pipes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;
use common::dump;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tipkg"));
    c.env_remove("TIPKG_STORE");
    c
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

fn run(args: &[&str], store: &Path) -> Output {
    bin().arg("--store").arg(store).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn quads(store: &Path) -> usize {
    dump(store).lines().count()
}

/// A directory mixing a binary file, an empty file, a Windows-1252 file, a text that is not a
/// UN document and a real document, plus a missing path: the bad ones are named on stderr,
/// the others still go in, and the exit code is 2 because of the real errors.
#[test]
fn mixed_directory_and_missing_path() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("binary.txt"), b"GIF89a\0\0\x01\x02\x03binary").unwrap();
    std::fs::write(docs.join("empty.txt"), b"").unwrap();
    std::fs::write(
        docs.join("cp1252.txt"),
        b"1. The General Assembly \x93urges\x94 Member States to act.\n\n2. Caf\xe9 paragraph.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("recipe.txt"),
        "Pancakes\n\nMix flour, eggs and milk.\n",
    )
    .unwrap();
    std::fs::copy(corpus("a-res-73-189.txt"), docs.join("a-res-73-189.txt")).unwrap();
    let store = dir.path().join("s");
    let missing = dir.path().join("no-such-file.txt");
    let out = bin()
        .arg("--store")
        .arg(&store)
        .arg("extract")
        .arg(&docs)
        .arg(&missing)
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(
        err.contains("binary.txt") && err.contains("binary data"),
        "{err}"
    );
    assert!(err.contains("no-such-file.txt"), "{err}");
    assert!(
        err.contains("empty.txt") && err.contains("empty file"),
        "{err}"
    );
    assert!(
        err.contains("cp1252.txt") && err.contains("Windows-1252"),
        "{err}"
    );
    let stdout = text(&out.stdout);
    // a-res-73-189, cp1252 and recipe go in; binary, empty and the missing path do not.
    assert!(stdout.contains("extracted 3 documents"), "{stdout}");
    assert!(stdout.contains("2 errors"), "{stdout}");
    let nq = dump(&store);
    assert!(nq.contains("/graph/a-res-73-189>"));
    assert!(nq.contains("/graph/cp1252>"));
    assert!(nq.contains("Caf\u{e9}"), "Windows-1252 decoded");
    assert!(!nq.contains("/graph/binary>"));
    assert!(!nq.contains("/graph/empty>"));
}

/// An empty file alone is a warning, not an error: exit 0.
#[test]
fn empty_file_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("blank.md");
    std::fs::write(&f, "  \n\n ").unwrap();
    let store = dir.path().join("s");
    let out = run(&["extract", f.to_str().unwrap()], &store);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("blank.md: empty file"));
    assert!(text(&out.stdout).contains("extracted 0 documents"));
}

/// Extracting twice gives the same store, vocabulary and registry graphs included.
#[test]
fn extract_twice_same_quads() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let c = corpus("");
    let a = run(&["extract", c.to_str().unwrap()], &store);
    assert_eq!(a.status.code(), Some(0), "{}", text(&a.stderr));
    let n1 = quads(&store);
    let b = run(&["extract", c.to_str().unwrap()], &store);
    assert_eq!(b.status.code(), Some(0));
    assert_eq!(n1, quads(&store));
    let nq = dump(&store);
    assert!(nq.contains("<https://w3id.org/tipkg/graph/ontology> ."));
    assert!(nq.contains("<https://w3id.org/tipkg/graph/registry> ."));
}

fn corpus_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let out = run(&["extract", corpus("").to_str().unwrap()], &store);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    (dir, store)
}

#[test]
fn query_exit_codes_and_syntax_errors() {
    let (_d, store) = corpus_store();
    let ok = run(
        &[
            "query",
            "SELECT ?d WHERE { ?d a tip:Document }",
            "--format",
            "csv",
        ],
        &store,
    );
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(
        text(&ok.stdout).lines().count(),
        1 + 7,
        "header + 7 documents"
    );
    let none = run(
        &["query", "SELECT ?d WHERE { ?d a tip:NoSuchClass }"],
        &store,
    );
    assert_eq!(none.status.code(), Some(1));
    let ask = run(&["query", "ASK { ?d a tip:NoSuchClass }"], &store);
    assert_eq!(ask.status.code(), Some(1));
    assert_eq!(text(&ask.stdout).trim(), "false");
    let bad = run(&["query", "SELECT ?d WHERE { ?d a }"], &store);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("syntax error"),
        "{}",
        text(&bad.stderr)
    );
    assert!(
        text(&bad.stderr).contains("line 1, column 25"),
        "position: {}",
        text(&bad.stderr)
    );
    // Strict dataset: the store's default graph is empty.
    let strict = run(
        &[
            "query",
            "--strict-dataset",
            "SELECT ?d WHERE { ?d a tip:Document }",
        ],
        &store,
    );
    assert_eq!(strict.status.code(), Some(1));
    let missing = run(&["query", "ASK {}"], &store.with_file_name("nope.nq"));
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("nope.nq"));
}

/// A parameter value that would change the query if it were spliced into the text is bound as
/// a literal and matches nothing; the same query with a proper value matches.
#[test]
fn parameters_cannot_inject() {
    let (_d, store) = corpus_store();
    let q =
        "SELECT ?f ?name WHERE { ?d a tip:Document ; tip:sourceFile ?f ; tip:sourceFile ?name }";
    let good = run(
        &["query", q, "--format", "tsv", "-p", "name=pd2017.txt"],
        &store,
    );
    assert_eq!(good.status.code(), Some(0), "{}", text(&good.stderr));
    assert_eq!(text(&good.stdout).lines().count(), 2);
    for evil in [
        "x\" } UNION { ?d tip:sourceFile ?f } #",
        "pd2017.txt\" || true) } UNION { ?d a tip:Document ; tip:sourceFile ?f . #",
        "?f",
        "<https://w3id.org/tipkg/doc/pd2017> } UNION { ?d tip:sourceFile ?f",
    ] {
        // Bare, it matches nothing in the store: an error, no rows.
        let out = run(
            &["query", q, "--format", "tsv", "-p", &format!("name={evil}")],
            &store,
        );
        assert_eq!(out.status.code(), Some(2), "{evil}: {}", text(&out.stdout));
        assert!(text(&out.stdout).is_empty(), "{evil}");
        assert!(text(&out.stderr).contains("matches no"), "{evil}");
        // Quoted, it is bound as the literal it is and matches nothing: no rows.
        let out = run(
            &[
                "query",
                q,
                "--format",
                "tsv",
                "-p",
                &format!("name=\"{evil}\""),
            ],
            &store,
        );
        assert_eq!(out.status.code(), Some(1), "{evil}: {}", text(&out.stdout));
        assert_eq!(text(&out.stdout).lines().count(), 1, "{evil}");
    }
    // An acronym resolves to the registry entity.
    let e = run(
        &[
            "query",
            "SELECT ?entity WHERE {}",
            "--format",
            "tsv",
            "-p",
            "entity=UNODC",
        ],
        &store,
    );
    assert!(
        text(&e.stdout).contains("<https://w3id.org/tipkg/id/unodc>"),
        "{}",
        text(&e.stdout)
    );
    // A parameter the query does not use is an error.
    let unused = run(&["query", q, "-p", "nothing=1"], &store);
    assert_eq!(unused.status.code(), Some(2));
}

/// `tipkg export | head` is success, not a broken-pipe error.
#[test]
fn closed_stdout_is_success() {
    let (_d, store) = corpus_store();
    for fmt in ["ntriples", "turtle", "jsonld"] {
        let mut child = bin()
            .arg("--store")
            .arg(&store)
            .args(["export", "--format", fmt])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut buf = [0u8; 64];
        child.stdout.as_mut().unwrap().read_exact(&mut buf).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{fmt}: {}", text(&out.stderr));
        assert!(!text(&out.stderr).contains("panicked"));
    }
}

#[test]
fn graph_dot_and_svg() {
    let (_d, store) = corpus_store();
    let out = run(&["graph", "--format", "dot"], &store);
    let dot = text(&out.stdout);
    assert!(dot.starts_with("digraph tipkg {"), "{dot}");
    // Edges exist only once provisions are extracted; the exit code says which.
    let edges = dot.lines().filter(|l| l.contains(" -> ")).count();
    assert_eq!(out.status.code(), Some(if edges == 0 { 1 } else { 0 }));
    let unknown = run(&["graph", "--entity", "no such entity at all"], &store);
    assert_eq!(unknown.status.code(), Some(2));
    if Command::new("dot").arg("-V").output().is_ok() && edges > 0 {
        let svg = run(&["graph", "--format", "svg"], &store);
        assert!(text(&svg.stdout).contains("<svg"));
    }
}

/// A query table fits the width it is given (COLUMNS when stdout is not a terminal), long
/// mandates wrapped over a few lines and cut with `…`; TSV carries the full text.
#[test]
fn query_table_fits_the_width_and_tsv_is_full() {
    let (_d, store) = corpus_store();
    let q = [
        "query",
        "--name",
        "mandates-to-entity",
        "--param",
        "entity=UNODC",
    ];
    let table = bin()
        .env("COLUMNS", "100")
        .arg("--store")
        .arg(&store)
        .args(q)
        .args(["--format", "table"])
        .output()
        .unwrap();
    assert_eq!(table.status.code(), Some(0), "{}", text(&table.stderr));
    let t = text(&table.stdout);
    assert!(t.lines().all(|l| l.chars().count() <= 100), "{t}");
    assert!(t.contains('…'), "long mandates are cut: {t}");
    let wrapped = t.lines().skip(2).filter(|l| l.starts_with(' ')).count();
    assert!(wrapped > 0, "long mandates wrap: {t}");
    let tsv = run(&[&q[..], &["--format", "tsv"]].concat(), &store);
    let full = text(&tsv.stdout);
    let longest = full
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit('\t').next())
        .map(|m| m.chars().count())
        .max()
        .unwrap();
    assert!(longest > 200, "TSV keeps whole mandates");
    assert!(!full.contains('…'));
}

/// The corpus network in tests/golden (the README's picture): the DOT regenerated from corpus/
/// equals tests/golden/corpus-graph.dot, and the SVG beside it shows every node and edge label
/// of that DOT. `TIPKG_BLESS=1` rewrites both (the SVG needs Graphviz).
#[test]
fn corpus_graph_is_golden() {
    let (_d, store) = corpus_store();
    let out = run(&["graph", "--format", "dot"], &store);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let dot = text(&out.stdout);
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let (dot_file, svg_file) = (
        golden.join("corpus-graph.dot"),
        golden.join("corpus-graph.svg"),
    );
    if std::env::var_os("TIPKG_BLESS").is_some() {
        std::fs::write(&dot_file, &dot).unwrap();
        let svg = run(
            &["graph", "--format", "svg", "-o", svg_file.to_str().unwrap()],
            &store,
        );
        assert_eq!(svg.status.code(), Some(0), "{}", text(&svg.stderr));
        return;
    }
    let expected = std::fs::read_to_string(&dot_file).unwrap();
    assert_eq!(
        expected, dot,
        "the corpus graph changed: rerun with TIPKG_BLESS=1 to update tests/golden/corpus-graph.*"
    );
    let svg = std::fs::read_to_string(&svg_file).unwrap();
    let quoted = |l: &str| -> Vec<String> {
        l.split("label=\"")
            .skip(1)
            .filter_map(|s| s.split("\"]").next())
            .flat_map(|s| s.split("\", ").next())
            .flat_map(|s| s.split("\\n").map(str::to_owned).collect::<Vec<_>>())
            .collect()
    };
    let xml = |s: &str| {
        s.replace('\\', "")
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('-', "&#45;")
    };
    let mut checked = 0;
    for l in dot.lines().filter(|l| l.contains("[label=")) {
        for label in quoted(l) {
            let shown = xml(&label);
            assert!(
                svg.contains(&format!(">{shown}</text>")),
                "tests/golden/corpus-graph.svg lacks {label:?}: rerun with TIPKG_BLESS=1"
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "labels checked: {checked}");
}

/// A resolution whose source lost paragraph 3 and a sub-paragraph letter: `extract` names the
/// gap and the inferred letter on stderr, counts the findings in its summary and stores them as
/// tip:ExtractionIssue nodes with their byte spans; `--strict` refuses it (exit 2) and leaves the
/// store as it was; a clean document passes `--strict`.
#[test]
fn findings_are_reported_stored_and_refused_by_strict() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("gappy.txt");
    let src = "The General Assembly,\n\nRecalling its resolution 70/1,\n\n\
               1. Requests the Secretary-General:\n\n(a) To report;\n\n\
               To consult Member States;\n\n2. Decides to act;\n\n\
               4. Decides to remain seized of the matter.\n";
    std::fs::write(&doc, src).unwrap();
    let store = dir.path().join("s");
    let out = run(&["extract", doc.to_str().unwrap()], &store);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("paragraph 3 not found (the numbering goes from 2 to 4)"),
        "{err}"
    );
    assert!(
        err.contains("sub-paragraph 1(b): its letter is not printed"),
        "{err}"
    );
    assert!(
        text(&out.stdout).contains("2 findings in 1 documents"),
        "{}",
        text(&out.stdout)
    );
    // In the graph, with the span of the text it concerns.
    let q = run(
        &[
            "query",
            "--format",
            "tsv",
            "SELECT ?kind ?s ?e WHERE { ?d tip:hasIssue ?i . ?i tip:issueKind ?kind ; \
             tip:startByte ?s ; tip:endByte ?e } ORDER BY ?s",
        ],
        &store,
    );
    let rows = text(&q.stdout);
    assert!(rows.contains("LetterInferred"), "{rows}");
    assert!(rows.contains("NumberingGap"), "{rows}");
    let inferred = src.find("To consult").unwrap();
    assert!(
        rows.lines().any(|l| l.contains("LetterInferred")
            && l.split('\t').nth(1) == Some(inferred.to_string().as_str())),
        "{rows}"
    );
    // --strict: an error, and the store is unchanged.
    let before = dump(&store).into_bytes();
    let strict = run(&["extract", "--strict", doc.to_str().unwrap()], &store);
    assert_eq!(strict.status.code(), Some(2), "{}", text(&strict.stderr));
    assert!(
        text(&strict.stderr).contains("--strict: 2 findings"),
        "{}",
        text(&strict.stderr)
    );
    assert_eq!(dump(&store).into_bytes(), before);
    let fresh = dir.path().join("fresh.nq");
    let strict_new = run(&["extract", "--strict", doc.to_str().unwrap()], &fresh);
    assert_eq!(strict_new.status.code(), Some(2));
    assert!(!fresh.exists(), "a refused extract creates no store");
    // A clean document passes --strict.
    let clean = run(
        &[
            "extract",
            "--strict",
            corpus("a-res-73-189.txt").to_str().unwrap(),
        ],
        &fresh,
    );
    assert!(clean.status.success(), "{}", text(&clean.stderr));
}

/// `remove` takes documents out by name, symbol or file name; an unknown name removes nothing
/// and names the closest documents.
#[test]
fn remove_documents() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let corpus_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    run(&["extract", corpus_dir.to_str().unwrap()], &store);
    let before = quads(&store);
    let typo = run(&["remove", "A/RES/76/7", "pd2017-final-drat"], &store);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        text(&typo.stderr).contains("did you mean pd2017-final-draft?"),
        "{}",
        text(&typo.stderr)
    );
    assert_eq!(quads(&store), before, "nothing removed");
    let out = run(&["remove", "A/RES/76/7", "pd2017.txt"], &store);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let docs = run(
        &[
            "query",
            "--format",
            "tsv",
            "SELECT ?f { ?d tip:sourceFile ?f } ORDER BY ?f",
        ],
        &store,
    );
    let listed = text(&docs.stdout);
    assert!(!listed.contains("a-res-76-7.md") && !listed.contains("\"pd2017.txt\""));
    assert!(listed.contains("pd2017-final-draft.txt"), "{listed}");
}

/// Extraction on several threads gives the same store file, messages and summary as on one.
#[test]
fn parallel_extraction_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let docs = [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real/docs"),
    ];
    let mut outs = Vec::new();
    for jobs in ["1", "4"] {
        let store = dir.path().join(format!("s{jobs}.nq"));
        let out = bin()
            .arg("--store")
            .arg(&store)
            .args(["extract", "-j", jobs])
            .args(&docs)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let summary = text(&out.stdout)
            .replace(store.to_str().unwrap(), "STORE")
            .split(" in ")
            .map(str::to_owned)
            .collect::<Vec<_>>();
        outs.push((
            dump(&store).into_bytes(),
            text(&out.stderr),
            summary[0].clone(),
        ));
    }
    assert!(outs[0].0 == outs[1].0, "store files differ");
    assert_eq!(outs[0].1, outs[1].1);
    assert_eq!(outs[0].2, outs[1].2);
}

/// `dump` then `load` into an empty store gives the same store; a file that does not parse
/// leaves the store as it was.
#[test]
fn dump_and_load_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let corpus_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    run(&["extract", corpus_dir.to_str().unwrap()], &store);
    for (format, file) in [("nquads", "backup.nq"), ("trig", "backup.trig")] {
        let backup = dir.path().join(file);
        let out = run(
            &["dump", "--format", format, "-o", backup.to_str().unwrap()],
            &store,
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let copy = dir.path().join(format!("copy-{format}.nq"));
        let out = run(&["load", backup.to_str().unwrap()], &copy);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let dump = |s: &Path| run(&["dump"], s).stdout;
        assert!(dump(&store) == dump(&copy), "{format}: the copy differs");
    }
    let broken = dir.path().join("broken.nq");
    std::fs::write(&broken, "<a:b> <a:b> <a:b> <g:1> .\nnot n-quads\n").unwrap();
    let before = dump(&store).into_bytes();
    let backup = dir.path().join("backup.nq");
    let out = run(
        &["load", backup.to_str().unwrap(), broken.to_str().unwrap()],
        &store,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("broken.nq"),
        "{}",
        text(&out.stderr)
    );
    assert!(dump(&store).into_bytes() == before, "store unchanged");
}
