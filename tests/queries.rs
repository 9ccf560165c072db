//! Every query of queries/: it is embedded, parses, and runs with checked results — exactly
//! (golden files) on a hand-written fixture store in the graph's shape, and against the
//! corpus store cross-checked with independent patterns and the gold annotations.
//! `TIPKG_BLESS=1` rewrites the golden outputs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod common;

use oxigraph::io::{RdfFormat, RdfParser};
use tipkg::output::query::NAMED_QUERIES;
use tipkg::store::GraphStore;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

use common::tipkg as run;

fn fixture_store(dir: &Path) -> PathBuf {
    let path = dir.join("fixture");
    let st = GraphStore::open_for_write(&path, &Default::default()).unwrap();
    let trig = std::fs::read(root().join("tests/golden/fixture.trig")).unwrap();
    st.store()
        .load_from_reader(RdfParser::from_format(RdfFormat::TriG), trig.as_slice())
        .unwrap();
    // Every store has the vocabulary graph (extract loads it); entities-by-class reads its
    // class hierarchy. (The fixture's own registry graph stays.)
    st.store()
        .load_from_reader(
            RdfParser::from_format(RdfFormat::Turtle)
                .with_default_graph(tipkg::rdf::Iris::default().ontology_graph()),
            tipkg::registry::ONTOLOGY_TTL.as_bytes(),
        )
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
    let dir = tempfile::tempdir().unwrap();
    let store = GraphStore::open_for_write(&dir.path().join("empty"), &Default::default()).unwrap();
    let iris = tipkg::rdf::Iris::default();
    for q in NAMED_QUERIES {
        assert!(!q.summary().is_empty(), "{} has no comment header", q.name);
        assert!(
            !q.parameters().is_empty(),
            "{} does not state its parameters",
            q.name
        );
        tipkg::output::query::execute(&store, q.text, q.name, &[], false, &iris)
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
        ("icat-members", &["group=id:un-system"], 1),
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

/// A store extracted from corpus/, built once for all the corpus tests.
fn corpus_store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("corpus-store");
        let out = run(
            &store,
            &["extract", root().join("corpus").to_str().unwrap()],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (dir, store)
    });
    path
}

/// A result row: variable → the term's value (IRI or literal lexical form); unbound is absent.
type Row = BTreeMap<String, String>;

/// Runs `args` (a query command) with JSON output and returns its rows and exit code.
fn json_rows(args: &[&str]) -> (Vec<Row>, Option<i32>) {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let out = run(corpus_store(), &a);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b.as_object()
                .unwrap()
                .iter()
                .map(|(k, t)| (k.clone(), t["value"].as_str().unwrap().to_owned()))
                .collect()
        })
        .collect();
    (rows, out.status.code())
}

fn named(name: &str, params: &[&str]) -> (Vec<Row>, Option<i32>) {
    let mut args = vec!["query", "--name", name];
    for p in params {
        args.extend(["--param", p]);
    }
    json_rows(&args)
}

fn sparql(q: &str) -> Vec<Row> {
    json_rows(&["query", q]).0
}

fn get<'a>(r: &'a Row, k: &str) -> &'a str {
    r.get(k).map_or("", String::as_str)
}

/// The entity key of an entity IRI.
fn key(iri: &str) -> String {
    iri.rsplit_once("/id/").map_or(iri, |(_, k)| k).to_owned()
}

/// A corpus file name without its extension (the gold file's name).
fn stem(file: &str) -> String {
    file.rsplit_once('.').map_or(file, |(s, _)| s).to_owned()
}

fn gold_dir() -> PathBuf {
    let d = root().join("../shared/gold");
    if d.exists() {
        d
    } else {
        PathBuf::from("/work/shared/gold")
    }
}

/// The gold rows of one kind (`prov`, `mention`, …) of every document: (document, columns).
fn gold(kind: &str) -> Vec<(String, Vec<String>)> {
    let mut rows = Vec::new();
    for e in std::fs::read_dir(gold_dir()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "tsv") {
            let doc = p.file_stem().unwrap().to_string_lossy().into_owned();
            for l in std::fs::read_to_string(&p).unwrap().lines() {
                let f: Vec<&str> = l.split('\t').collect();
                if f.first() == Some(&kind) {
                    rows.push((doc.clone(), f[1..].iter().map(|s| s.to_string()).collect()));
                }
            }
        }
    }
    assert!(
        !rows.is_empty(),
        "no {kind} rows in {}",
        gold_dir().display()
    );
    rows
}

/// Every query runs on the corpus (exit 0 or 1), and provisions by verb add up.
#[test]
fn every_named_query_runs_on_the_corpus() {
    for q in NAMED_QUERIES {
        let out = run(
            corpus_store(),
            &["query", "--name", q.name, "--format", "tsv"],
        );
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}: {}",
            q.name,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (by_verb, _) = named("provisions-by-verb", &[]);
    let sum: usize = by_verb.iter().map(|r| num(get(r, "provisions"))).sum();
    let total = sparql("SELECT (COUNT(?v) AS ?n) WHERE { ?v a tip:Provision }");
    assert_eq!(sum, num(get(&total[0], "n")));
}

/// The mandates to UNODC are exactly the gold's directive rows for unodc, per document and
/// paragraph, one row per provision, each with its mandate text.
#[test]
fn mandates_to_unodc_equal_the_gold() {
    let (rows, code) = named("mandates-to-entity", &["entity=UNODC"]);
    assert_eq!(code, Some(0));
    assert!(rows.iter().all(|r| key(get(r, "entity")) == "unodc"));
    assert!(
        rows.iter().all(|r| get(r, "mandate").starts_with("to ")),
        "every mandate to UNODC is an infinitive clause: {rows:#?}"
    );
    let got: BTreeSet<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                stem(get(r, "document")),
                get(r, "paragraph").to_owned(),
                get(r, "verb").to_owned(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String, String)> = gold("prov")
        .into_iter()
        .filter(|(_, f)| f[2] == "unodc" && tipkg::rdf::vocab::is_directive(&f[1]))
        .map(|(d, f)| (d, f[0].clone(), f[1].clone()))
        .collect();
    assert_eq!(got, expected);
    let independent = sparql(
        "SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { ?v a tip:Provision ; tip:addressee id:unodc }",
    );
    assert_eq!(rows.len(), num(get(&independent[0], "n")));
}

/// who-directs-whom counts equal counts made here from the provisions, and its pairs are
/// the direct speaker → verb → addressee triples.
#[test]
fn who_directs_whom_counts_are_independent_counts() {
    let (rows, code) = named("who-directs-whom", &[]);
    assert_eq!(code, Some(0));
    let got: BTreeMap<(String, String, String), usize> = rows
        .iter()
        .map(|r| {
            (
                (
                    get(r, "speaker").to_owned(),
                    get(r, "verb").to_owned(),
                    get(r, "addressee").to_owned(),
                ),
                num(get(r, "provisions")),
            )
        })
        .collect();
    assert_eq!(
        got.len(),
        rows.len(),
        "one row per speaker, verb, addressee"
    );
    let mut counted: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for r in sparql(
        "SELECT ?v ?s ?verb ?a WHERE { ?v a tip:Provision ; tip:speaker ?s ; tip:verb ?verb ; \
         tip:addressee ?a }",
    ) {
        let verb = get(&r, "verb").to_owned();
        let local = verb.rsplit_once('#').map_or("", |(_, l)| l);
        if ["urges", "invites", "encourages", "requests", "callsUpon"].contains(&local) {
            *counted
                .entry((get(&r, "s").to_owned(), verb, get(&r, "a").to_owned()))
                .or_default() += 1;
        }
    }
    assert_eq!(got, counted);
    let direct: BTreeSet<(String, String, String)> = sparql(
        "SELECT DISTINCT ?s ?verb ?a WHERE { VALUES ?verb { tip:urges tip:invites \
         tip:encourages tip:requests tip:callsUpon } ?s ?verb ?a }",
    )
    .iter()
    .map(|r| {
        (
            get(r, "s").to_owned(),
            get(r, "verb").to_owned(),
            get(r, "a").to_owned(),
        )
    })
    .collect();
    assert_eq!(got.keys().cloned().collect::<BTreeSet<_>>(), direct);
}

/// The reaffirmations of A/RES/76/7 with an object are exactly its gold `reaffirms` rows.
#[test]
fn reaffirmations_of_a_res_76_7_equal_the_gold() {
    let (rows, code) = named("reaffirmations", &["doc=doc:a-res-76-7"]);
    assert_eq!(code, Some(0));
    assert!(rows.iter().all(|r| get(r, "document") == "a-res-76-7.md"));
    assert!(rows.iter().all(|r| get(r, "text").contains("reaffirm")));
    let got: BTreeSet<(String, String)> = rows
        .iter()
        .filter(|r| r.contains_key("object"))
        .map(|r| (get(r, "paragraph").to_owned(), key(get(r, "object"))))
        .collect();
    let expected: BTreeSet<(String, String)> = gold("prov")
        .into_iter()
        .filter(|(d, f)| d == "a-res-76-7" && f[1] == "reaffirms")
        .map(|(_, f)| (f[0].clone(), f[2].clone()))
        .collect();
    assert_eq!(got, expected);
    let distinct: BTreeSet<&Row> = rows.iter().collect();
    assert_eq!(distinct.len(), rows.len(), "no repeated rows");
}

/// The normalisation mandates-not-in compares mandate texts with, written again here.
fn mandate_key(m: &str) -> String {
    let lower = m.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut n = words.len();
    if n >= 2 && words[n - 2] == "ad" && words[n - 1].trim_end_matches('.') == "ref" {
        n -= 2;
        if n >= 1 && words[n - 1] == "agreed" {
            n -= 1;
        }
    }
    words[..n]
        .concat()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// mandates-not-in between the 2021 draft and the adopted resolution, both ways: non-empty,
/// and exactly the set difference computed here from each document's mandates.
#[test]
fn mandates_not_in_is_the_set_difference() {
    let mandates = |doc: &str| -> Vec<Row> {
        sparql(&format!(
            "SELECT ?verb ?m ?n WHERE {{ ?v a tip:Provision ; tip:inDocument doc:{doc} ; \
             tip:verb ?verb ; tip:mandate ?m ; tip:paragraph ?p . OPTIONAL {{ ?p tip:number ?n }} }}"
        ))
    };
    for (a, b) in [
        ("pd2021-rev3-draft", "a-res-76-7"),
        ("a-res-76-7", "pd2021-rev3-draft"),
    ] {
        let (rows, _) = named(
            "mandates-not-in",
            &[&format!("in=doc:{a}"), &format!("notIn=doc:{b}")],
        );
        let got: BTreeSet<(String, String, String)> = rows
            .iter()
            .map(|r| {
                (
                    get(r, "paragraph").to_owned(),
                    get(r, "verb").to_owned(),
                    get(r, "mandate").to_owned(),
                )
            })
            .collect();
        let theirs: BTreeSet<(String, String)> = mandates(b)
            .iter()
            .map(|r| (get(r, "verb").to_owned(), mandate_key(get(r, "m"))))
            .collect();
        let expected: BTreeSet<(String, String, String)> = mandates(a)
            .iter()
            .filter(|r| !theirs.contains(&(get(r, "verb").to_owned(), mandate_key(get(r, "m")))))
            .map(|r| {
                let verb = get(r, "verb");
                (
                    get(r, "n").to_owned(),
                    verb.rsplit_once('#').map_or(verb, |(_, l)| l).to_owned(),
                    get(r, "m").to_owned(),
                )
            })
            .collect();
        assert!(!got.is_empty(), "{a} has mandates {b} lacks");
        assert_eq!(got, expected, "mandates of {a} not in {b}");
        assert!(
            got.len() * 4 < mandates(a).len(),
            "the final text keeps most mandates of its draft"
        );
    }
}

/// icat-members lists the tip:memberOf / tip:coordinatorOf relations the documents state:
/// the same as the relation nodes, each in a paragraph that (by the gold) names both the
/// entity and ICAT and says "member" or "coordinator"; a paragraph's members are all the
/// other entities the gold finds in it.
#[test]
fn icat_members_are_what_the_documents_state() {
    let (rows, code) = named("icat-members", &[]);
    assert_eq!(code, Some(0));
    assert!(rows.iter().all(|r| key(get(r, "group")) == "icat"));
    let got: BTreeSet<(String, String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                key(get(r, "entity")),
                get(r, "role").to_owned(),
                stem(get(r, "document")),
                get(r, "paragraph").to_owned(),
            )
        })
        .collect();
    assert_eq!(got.len(), rows.len(), "no repeated rows");
    let nodes: BTreeSet<(String, String, String, String)> = sparql(
        "SELECT ?e ?t ?f ?n WHERE { ?r a tip:Relation ; tip:relationType ?t ; \
         tip:relationSubject ?e ; tip:relationObject id:icat ; tip:statedIn ?p . \
         ?p tip:inDocument ?d ; tip:number ?n . ?d tip:sourceFile ?f }",
    )
    .iter()
    .filter_map(|r| {
        let role = match get(r, "t").rsplit_once('#').map(|(_, l)| l) {
            Some("memberOf") => "member",
            Some("coordinatorOf") => "coordinator",
            _ => return None,
        };
        Some((
            key(get(r, "e")),
            role.to_owned(),
            stem(get(r, "f")),
            get(r, "n").to_owned(),
        ))
    })
    .collect();
    assert_eq!(got, nodes);
    let mentions: BTreeSet<(String, String, String)> = gold("mention")
        .into_iter()
        .map(|(d, f)| (d, f[0].clone(), f[1].clone()))
        .collect();
    for (entity, role, doc, para) in &got {
        for k in [entity.as_str(), "icat"] {
            assert!(
                mentions.contains(&(doc.clone(), para.clone(), k.to_owned())),
                "{doc} {para}: the gold does not find {k} there"
            );
        }
        let text = sparql(&format!(
            "SELECT ?t WHERE {{ ?p tip:inDocument doc:{doc} ; tip:number \"{para}\" ; tip:text ?t }}"
        ));
        assert!(get(&text[0], "t").contains(role.as_str()), "{doc} {para}");
    }
    let coordinators: BTreeSet<&str> = got
        .iter()
        .filter(|r| r.1 == "coordinator")
        .map(|r| r.0.as_str())
        .collect();
    assert_eq!(coordinators, BTreeSet::from(["unodc"]));
    let member_paras: BTreeSet<(&String, &String)> = got
        .iter()
        .filter(|r| r.1 == "member")
        .map(|r| (&r.2, &r.3))
        .collect();
    assert!(!member_paras.is_empty());
    for (doc, para) in member_paras {
        let members: BTreeSet<&str> = got
            .iter()
            .filter(|r| r.1 == "member" && &r.2 == doc && &r.3 == para)
            .map(|r| r.0.as_str())
            .collect();
        let named: BTreeSet<&str> = mentions
            .iter()
            .filter(|m| &m.0 == doc && &m.1 == para && m.2 != "icat")
            .map(|m| m.2.as_str())
            .collect();
        assert_eq!(members, named, "{doc} {para}");
    }
}
