//! Export formats round-trip through Oxigraph's parsers with the same quads, and parse in
//! independent parsers (rapper from raptor2-utils; rdflib for JSON-LD) with the same triple
//! counts; VoID counts equal independent COUNT queries; the stats table of the fixture store
//! is golden (`TIPKG_BLESS=1` rewrites it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad, Term};
use oxigraph::store::Store;
use tipkg::store::GraphStore;

mod common;
use common::dump;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(store: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_tipkg"))
        .env_remove("TIPKG_STORE")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn corpus_store(dir: &Path) -> PathBuf {
    let store = dir.join("s");
    run(
        &store,
        &["extract", root().join("corpus").to_str().unwrap()],
    );
    store
}

fn parse(bytes: &[u8], format: RdfFormat) -> HashSet<Quad> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<HashSet<_>, _>>()
        .unwrap_or_else(|e| panic!("{format}: {e}"))
}

fn as_triples(q: &HashSet<Quad>) -> HashSet<Quad> {
    q.iter()
        .map(|q| {
            Quad::new(
                q.subject.clone(),
                q.predicate.clone(),
                q.object.clone(),
                GraphName::DefaultGraph,
            )
        })
        .collect()
}

#[test]
fn every_format_round_trips_through_oxigraph() {
    let dir = tempfile::tempdir().unwrap();
    let store = corpus_store(dir.path());
    let nq = dump(&store).into_bytes();
    let all = parse(&nq, RdfFormat::NQuads);
    let merged = as_triples(&all);
    for (fmt, parser, dataset) in [
        ("turtle", RdfFormat::Turtle, false),
        ("ntriples", RdfFormat::NTriples, false),
        ("rdfxml", RdfFormat::RdfXml, false),
        ("trig", RdfFormat::TriG, true),
        ("nquads", RdfFormat::NQuads, true),
        (
            "jsonld",
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
            true,
        ),
    ] {
        let out = run(&store, &["export", "--format", fmt]);
        let back = parse(&out.stdout, parser);
        if dataset {
            assert_eq!(back, all, "{fmt}: quads differ");
        } else {
            assert_eq!(back, merged, "{fmt}: triples differ");
        }
        // Stable: the same bytes twice.
        assert_eq!(
            out.stdout,
            run(&store, &["export", "--format", fmt]).stdout,
            "{fmt} unstable"
        );
        // --union and --graph.
        let union = parse(
            &run(&store, &["export", "--format", fmt, "--union"]).stdout,
            parser,
        );
        assert_eq!(union, merged, "{fmt} --union");
        let g = run(
            &store,
            &["export", "--format", fmt, "--graph", "a-res-76-7"],
        );
        let one = parse(&g.stdout, parser);
        let expected: HashSet<Quad> = as_triples(
            &all.iter()
                .filter(|q| q.graph_name.to_string() == "<https://w3id.org/tipkg/graph/a-res-76-7>")
                .cloned()
                .collect(),
        );
        assert!(!expected.is_empty());
        assert_eq!(one, expected, "{fmt} --graph");
    }
}

#[test]
fn turtle_groups_each_subject_once_without_base() {
    let dir = tempfile::tempdir().unwrap();
    let store = corpus_store(dir.path());
    let ttl = String::from_utf8(run(&store, &["export", "--format", "turtle"]).stdout).unwrap();
    assert!(!ttl.contains("@base") && !ttl.contains("BASE"));
    assert!(ttl.contains("@prefix tip: <https://w3id.org/tipkg/ontology#> ."));
    let subjects: Vec<&str> = ttl
        .lines()
        .filter(|l| !l.starts_with('@') && !l.starts_with(char::is_whitespace) && !l.is_empty())
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    let distinct: HashSet<&&str> = subjects.iter().collect();
    assert_eq!(subjects.len(), distinct.len(), "a subject is written twice");
}

/// Turtle and TriG write an IRI whose local part would need an escape (`doc:a\/para\/0`) in
/// full, are stable from run to run, and list subjects in sorted order.
#[test]
fn turtle_and_trig_need_no_escapes_and_are_sorted() {
    let dir = tempfile::tempdir().unwrap();
    let store = corpus_store(dir.path());
    for fmt in ["turtle", "trig"] {
        let a = String::from_utf8(run(&store, &["export", "--format", fmt]).stdout).unwrap();
        let b = String::from_utf8(run(&store, &["export", "--format", fmt]).stdout).unwrap();
        assert_eq!(a, b, "{fmt} is not stable");
        assert!(!a.contains("\\/"), "{fmt} escapes a slash in a local name");
        assert!(
            a.contains("<https://w3id.org/tipkg/doc/a-res-76-7/para/0> a tip:Paragraph"),
            "{fmt}: paragraph IRIs in full"
        );
        assert!(
            a.contains("tip:inDocument doc:a-res-76-7 ;"),
            "{fmt}: prefixed names"
        );
        // Subjects (lines starting a statement) in sorted order within each block.
        let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
        for l in a.lines() {
            let t = l.trim_start_matches('\t');
            if l.ends_with(" {") {
                blocks.push(Vec::new());
            } else if !t.is_empty()
                && !l.starts_with('@')
                && !t.starts_with(char::is_whitespace)
                && !t.starts_with('}')
                && l.len() - t.len() == usize::from(blocks.len() > 1 && fmt == "trig")
            {
                blocks
                    .last_mut()
                    .unwrap()
                    .push(t.split(' ').next().unwrap());
            }
        }
        assert!(
            blocks.iter().map(Vec::len).sum::<usize>() > 1000,
            "{fmt}: subjects found"
        );
        let prefixes: Vec<(String, String)> = a
            .lines()
            .filter_map(|l| l.strip_prefix("@prefix "))
            .filter_map(|l| {
                let (p, ns) = l.split_once(": <")?;
                Some((p.to_owned(), ns.strip_suffix("> .")?.to_owned()))
            })
            .collect();
        let full = |s: &str| -> String {
            if s.starts_with('<') || s.starts_with("_:") {
                return s.to_owned();
            }
            let (p, l) = s.split_once(':').unwrap();
            let ns = &prefixes.iter().find(|(q, _)| q == p).unwrap().1;
            format!("<{ns}{l}>")
        };
        for b in &blocks {
            let expanded: Vec<String> = b.iter().map(|s| full(s)).collect();
            assert!(
                expanded.windows(2).all(|w| w[0] < w[1]),
                "{fmt}: subjects not sorted"
            );
            let distinct: HashSet<&&str> = b.iter().collect();
            assert_eq!(distinct.len(), b.len(), "{fmt}: a subject is written twice");
        }
    }
}

fn rapper_count(file: &Path, fmt: &str) -> Option<usize> {
    let out = Command::new("rapper")
        .args(["-i", fmt, "-c"])
        .arg(file)
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "rapper {fmt}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let n = err
        .split("returned ")
        .nth(1)?
        .split(' ')
        .next()?
        .parse()
        .ok()?;
    Some(n)
}

#[test]
fn independent_parsers_count_the_same_triples() {
    let dir = tempfile::tempdir().unwrap();
    let store = corpus_store(dir.path());
    let all = parse(&dump(&store).into_bytes(), RdfFormat::NQuads);
    let merged = as_triples(&all).len();
    let mut ran = 0;
    for (fmt, expected) in [
        ("turtle", merged),
        ("ntriples", merged),
        ("rdfxml", merged),
        ("trig", all.len()),
        ("nquads", all.len()),
    ] {
        let f = dir.path().join(format!("out.{fmt}"));
        std::fs::write(&f, run(&store, &["export", "--format", fmt]).stdout).unwrap();
        match rapper_count(&f, fmt) {
            Some(n) => {
                assert_eq!(n, expected, "rapper {fmt}");
                ran += 1;
            }
            None => {
                eprintln!("rapper not installed (apt-get install raptor2-utils): {fmt} skipped")
            }
        }
    }
    let f = dir.path().join("out.jsonld");
    std::fs::write(&f, run(&store, &["export", "--format", "jsonld"]).stdout).unwrap();
    let py = Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(
            "import sys, rdflib\nd = rdflib.Dataset()\nd.parse(sys.argv[1], format='json-ld')\n\
             print(len(list(d.quads((None, None, None, None)))))",
        )
        .arg(&f)
        .output();
    match py {
        Ok(o) if o.status.success() => {
            let n: usize = String::from_utf8_lossy(&o.stdout).trim().parse().unwrap();
            assert_eq!(n, all.len(), "rdflib json-ld");
            ran += 1;
        }
        Ok(o) => {
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(err.contains("No module named"), "rdflib failed: {err}");
            eprintln!("rdflib not installed (apt-get install python3-rdflib): json-ld skipped");
        }
        Err(_) => eprintln!("/usr/bin/python3 missing: json-ld skipped"),
    }
    if std::env::var_os("CI").is_some() {
        assert_eq!(ran, 6, "CI must have rapper and rdflib");
    }
}

/// The local name of a graph's VoID subset: what is not `[A-Za-z0-9._-]` becomes `_` (a
/// pairing graph, `pairing/{draft}/{adopted}`, holds slashes).
fn void_local(graph_local: &str) -> String {
    graph_local
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn void_value(void: &Store, dataset: &str, prop: &str) -> usize {
    let q = format!("SELECT ?n WHERE {{ <{dataset}> <http://rdfs.org/ns/void#{prop}> ?n }}");
    match oxigraph::sparql::SparqlEvaluator::new()
        .parse_query(&q)
        .unwrap()
        .on_store(void)
        .execute()
        .unwrap()
    {
        oxigraph::sparql::QueryResults::Solutions(mut s) => {
            match s.next().unwrap().unwrap().get("n") {
                Some(Term::Literal(l)) => l.value().parse().unwrap(),
                other => panic!("{dataset} {prop}: {other:?}"),
            }
        }
        _ => unreachable!(),
    }
}

#[test]
fn void_counts_match_independent_counts() {
    let dir = tempfile::tempdir().unwrap();
    let store = corpus_store(dir.path());
    let ttl = run(&store, &["stats", "--format", "void"]).stdout;
    let void = Store::new().unwrap();
    void.load_from_reader(RdfParser::from_format(RdfFormat::Turtle), ttl.as_slice())
        .unwrap();
    let st = GraphStore::open_existing(&store, &Default::default()).unwrap();
    // Independent counts from the store API, not SPARQL.
    let mut triples = HashSet::new();
    let mut subjects = HashSet::new();
    for q in st.store().iter() {
        let q = q.unwrap();
        // The store's bookkeeping graph (graph summaries) is not described.
        if q.graph_name.to_string() == "<https://w3id.org/tipkg/store#summaries>" {
            continue;
        }
        if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = &q.subject {
            subjects.insert(n.clone());
        }
        triples.insert((q.subject, q.predicate, q.object));
    }
    let base = "https://w3id.org/tipkg/";
    assert_eq!(
        void_value(&void, &format!("{base}void"), "triples"),
        triples.len()
    );
    assert_eq!(
        void_value(&void, &format!("{base}void"), "entities"),
        subjects.len()
    );
    for g in st.graphs().unwrap() {
        let local = void_local(g.as_str().strip_prefix(&format!("{base}graph/")).unwrap());
        let d = format!("{base}void/{local}");
        assert_eq!(
            void_value(&void, &d, "triples"),
            st.graph_len(g.as_ref()),
            "{d}"
        );
    }
    // And the same figures from SPARQL COUNT queries run by the binary on the same store (once
    // this process has closed it: a store is open in one process at a time).
    let graphs = st.graphs().unwrap();
    drop(st);
    let count = |q: &str| -> usize {
        let out = run(&store, &["query", q, "--format", "tsv", "--strict-dataset"]);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim_matches('"').split('"').next().map(str::to_owned))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("COUNT {q}: {}", String::from_utf8_lossy(&out.stdout)))
    };
    assert_eq!(
        void_value(&void, &format!("{base}void"), "triples"),
        count(
            "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } \
             FILTER(?g != <https://w3id.org/tipkg/store#summaries>) } }"
        )
    );
    assert_eq!(
        void_value(&void, &format!("{base}void"), "entities"),
        count(
            "SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) \
             FILTER(?g != <https://w3id.org/tipkg/store#summaries>) }"
        )
    );
    for g in &graphs {
        let local = void_local(g.as_str().strip_prefix(&format!("{base}graph/")).unwrap());
        let d = format!("{base}void/{local}");
        assert_eq!(
            void_value(&void, &d, "triples"),
            count(&format!(
                "SELECT (COUNT(*) AS ?n) {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
                g.as_str()
            )),
            "{d} against SPARQL"
        );
    }
    assert!(String::from_utf8_lossy(&ttl).contains("void:classPartition"));
    assert!(String::from_utf8_lossy(&ttl).contains("\"2023-11-14\"^^xsd:date"));
    assert!(
        String::from_utf8_lossy(&ttl).contains(&format!("tipkg {}", env!("CARGO_PKG_VERSION")))
    );
}

#[test]
fn stats_table_of_the_fixture_is_golden() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixture.nq");
    let st = GraphStore::open_for_write(&path, &Default::default()).unwrap();
    let trig = std::fs::read(root().join("tests/golden/fixture.trig")).unwrap();
    st.store()
        .load_from_reader(RdfParser::from_format(RdfFormat::TriG), trig.as_slice())
        .unwrap();
    st.save().unwrap();
    drop(st);
    let table = String::from_utf8(run(&path, &["stats"]).stdout).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&run(&path, &["stats", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["provisions"], 4);
    assert_eq!(json["documents"], 2);
    let gp = root().join("tests/golden/stats-fixture.txt");
    if std::env::var_os("TIPKG_BLESS").is_some() {
        std::fs::write(&gp, &table).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&gp).unwrap(), table);
}
