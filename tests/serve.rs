//! `tipkg serve`, run as the real binary on a store of `corpus/`, over real sockets: curl for
//! the SPARQL 1.1 Protocol (GET, POST, every results format, CONSTRUCT formats, datasets),
//! named queries, VoID, refused updates, errors, the time limit, many parallel requests, raw
//! garbage, SIGTERM and SIGINT; rdflib's SPARQLStore as an independent client.
//!
//! Every wait is bounded (a deadline, then a failure naming what did not happen); a server is
//! killed when its guard drops, also when a test fails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long a server may take to start, a request to be answered, or a stop to finish before
/// the test fails (generous: the machine is shared; no test asserts a speed).
const PATIENCE: Duration = Duration::from_secs(120);

/// A store of `corpus/`, extracted once per test run.
fn store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        // Stores of earlier runs whose process is gone (a static is never dropped).
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        for e in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_prefix("serve-")
                && !Path::new("/proc").join(pid).exists()
            {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
        let dir = tmp.join(format!("serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let store = dir.join("corpus-store");
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let out = Command::new(env!("CARGO_BIN_EXE_tipkg"))
            .env_remove("TIPKG_STORE")
            .arg("--store")
            .arg(&store)
            .arg("extract")
            .arg(&corpus)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "extract failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        store
    })
}

/// Copies a store (a directory of files) while no process has it open.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A running `tipkg serve`, killed on drop.
struct Served {
    child: Child,
    addr: String,
    dir: tempfile::TempDir,
    calls: AtomicUsize,
}

/// One HTTP answer.
#[derive(Debug)]
struct Reply {
    status: u16,
    content_type: String,
    body: String,
}

impl Served {
    /// Starts the server on a free port with `args` and reads its address from stdout.
    ///
    /// Each server gets its own copy of the corpus store: a store is open in one process at a
    /// time, and the tests run in parallel.
    fn start(args: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let stderr = std::fs::File::create(dir.path().join("stderr")).unwrap();
        let copy = dir.path().join("store");
        copy_dir(store(), &copy);
        let mut child = Command::new(env!("CARGO_BIN_EXE_tipkg"))
            .env_remove("TIPKG_STORE")
            .arg("--store")
            .arg(&copy)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(PATIENCE).unwrap_or_default();
        let mut served = Self {
            child,
            addr: String::new(),
            dir,
            calls: AtomicUsize::new(0),
        };
        match line
            .trim()
            .strip_prefix("listening on http://")
            .and_then(|a| a.strip_suffix('/'))
        {
            Some(addr) => served.addr = addr.to_owned(),
            None => panic!(
                "no `listening on` line: {line:?}; stderr: {}",
                served.stderr()
            ),
        }
        served
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("stderr")).unwrap_or_default()
    }

    /// Runs curl with `args` (the URL among them) and returns status, content type and body.
    fn curl(&self, args: &[&str]) -> Reply {
        let n = self.calls.fetch_add(1, Ordering::Relaxed);
        let body_file = self.dir.path().join(format!("body-{n}"));
        let out = Command::new("curl")
            .args(["-s", "-S", "--max-time", "120", "-o"])
            .arg(&body_file)
            .args(["-w", "%{http_code}\n%{content_type}"])
            .args(args)
            .output()
            .expect("curl runs");
        let meta = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut lines = meta.lines();
        let status = lines
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                panic!(
                    "curl {args:?}: {meta:?} {}; server stderr: {}",
                    String::from_utf8_lossy(&out.stderr),
                    self.stderr()
                )
            });
        Reply {
            status,
            content_type: lines.next().unwrap_or("").to_owned(),
            body: std::fs::read_to_string(&body_file).unwrap_or_default(),
        }
    }

    fn get(&self, path: &str) -> Reply {
        self.curl(&[&self.url(path)])
    }

    /// A query sent as a form (`--data-urlencode query=…`), with an Accept header if given.
    fn form(&self, query: &str, accept: Option<&str>) -> Reply {
        let q = format!("query={query}");
        let h = accept.map(|a| format!("Accept: {a}"));
        let mut args = vec!["--data-urlencode", q.as_str()];
        if let Some(h) = &h {
            args.extend(["-H", h.as_str()]);
        }
        let url = self.url("/query");
        args.push(&url);
        self.curl(&args)
    }

    fn pid(&self) -> String {
        self.child.id().to_string()
    }

    /// Waits for the process to exit, at most [`PATIENCE`].
    fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not exit; stderr: {}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn signal(pid: &str, sig: &str) {
    let s = Command::new("kill").args([sig, pid]).status().unwrap();
    assert!(s.success(), "kill {sig} {pid}");
}

const COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
const DOCS: &str = "SELECT ?doc WHERE { ?doc a tip:Document } ORDER BY ?doc";

/// The documents of a JSON results body, in order.
fn json_docs(body: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
    v["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["doc"]["value"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn select_and_ask_over_get_and_post_in_every_results_format() {
    let s = Served::start(&[]);
    // GET, JSON by default, the union of all graphs as the default graph.
    let encoded = "SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D";
    let r = s.get(&format!("/query?query={encoded}"));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.content_type, "application/sparql-results+json");
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let n: usize = v["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(n > 1000, "{n}");
    // POST application/sparql-query, each format by Accept.
    let docs = json_docs(&s.form(DOCS, None).body);
    assert!(docs.len() >= 5, "{docs:?}");
    let direct = |accept: &str| {
        let h = format!("Accept: {accept}");
        s.curl(&[
            "-H",
            "Content-Type: application/sparql-query",
            "-H",
            &h,
            "--data-binary",
            DOCS,
            &s.url("/query"),
        ])
    };
    let xml = direct("application/sparql-results+xml");
    assert_eq!(xml.status, 200);
    assert_eq!(xml.content_type, "application/sparql-results+xml");
    assert!(
        xml.body.contains("<sparql") && xml.body.contains(&docs[0]),
        "{}",
        xml.body
    );
    let csv = direct("text/csv");
    assert!(csv.content_type.starts_with("text/csv"), "{csv:?}");
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], "doc");
    assert_eq!(
        lines[1..],
        docs.iter().map(String::as_str).collect::<Vec<_>>()[..]
    );
    let tsv = direct("text/tab-separated-values");
    assert!(tsv.content_type.starts_with("text/tab-separated-values"));
    assert_eq!(tsv.body.lines().next(), Some("?doc"));
    assert_eq!(
        tsv.body.lines().nth(1),
        Some(format!("<{}>", docs[0]).as_str())
    );
    let json = direct("application/sparql-results+json");
    assert_eq!(json_docs(&json.body), docs);
    // q-values: the highest wins; format= overrides Accept.
    let r = s.form(
        DOCS,
        Some("text/csv;q=0.5, application/sparql-results+xml;q=0.9"),
    );
    assert_eq!(r.content_type, "application/sparql-results+xml");
    let r = s.curl(&[
        "-H",
        "Accept: application/sparql-results+xml",
        &s.url("/query?format=csv&query=ASK%7B%7D"),
    ]);
    assert!(r.content_type.starts_with("text/csv"), "{r:?}");
    assert_eq!(r.body.trim(), "true");
    // ASK as JSON.
    let r = s.form("ASK { ?p a tip:Provision }", None);
    assert_eq!(r.status, 200);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["boolean"], true);
    // Nothing acceptable: 406 naming what is.
    let r = s.form(DOCS, Some("image/png"));
    assert_eq!(r.status, 406, "{r:?}");
    assert!(r.body.contains("text/csv"), "{}", r.body);
    let r = s.form(DOCS, Some("text/turtle"));
    assert_eq!(r.status, 406, "{r:?}");
}

#[test]
fn construct_as_turtle_ntriples_jsonld_and_rdfxml() {
    let s = Served::start(&[]);
    let q = "CONSTRUCT { ?doc a tip:Document ; dcterms:title ?t } \
             WHERE { ?doc a tip:Document ; dcterms:title ?t }";
    let docs = json_docs(&s.form(DOCS, None).body);
    let ttl = s.form(q, None);
    assert_eq!(ttl.status, 200, "{ttl:?}");
    assert_eq!(ttl.content_type, "text/turtle; charset=utf-8");
    assert!(
        ttl.body
            .contains("@prefix tip: <https://w3id.org/tipkg/ontology#>")
    );
    assert!(ttl.body.contains("a tip:Document"), "{}", ttl.body);
    let nt = s.form(q, Some("application/n-triples"));
    assert_eq!(nt.content_type, "application/n-triples");
    let lines: Vec<&str> = nt.body.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2 * docs.len(), "{}", nt.body);
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with('<') && l.ends_with(" ."))
    );
    for d in &docs {
        assert!(
            nt.body
                .contains(&format!("<{d}> <http://purl.org/dc/terms/title> "))
        );
    }
    let jsonld = s.form(q, Some("application/ld+json"));
    assert_eq!(jsonld.content_type, "application/ld+json");
    let v: serde_json::Value = serde_json::from_str(&jsonld.body).unwrap();
    let text = v.to_string();
    assert!(docs.iter().all(|d| text.contains(d.as_str())), "{text}");
    let xml = s.form(q, Some("application/rdf+xml"));
    assert_eq!(xml.content_type, "application/rdf+xml");
    assert!(xml.body.contains("<rdf:RDF"));
    // DESCRIBE, Turtle by default.
    let d = s.form(&format!("DESCRIBE <{}>", docs[0]), None);
    assert_eq!(d.status, 200);
    assert!(d.body.contains("dcterms:title"), "{}", d.body);
    // A results format for a graph: 406.
    assert_eq!(
        s.form(q, Some("application/sparql-results+json")).status,
        406
    );
}

#[test]
fn dataset_parameters_narrow_the_default_graph() {
    let s = Served::start(&[]);
    let docs = json_docs(&s.form(DOCS, None).body);
    assert!(docs.len() > 1);
    let name = docs[0].rsplit('/').next().unwrap();
    let graph = format!("https://w3id.org/tipkg/graph/{name}");
    let dg = format!("default-graph-uri={graph}");
    let q = format!("query={DOCS}");
    let r = s.curl(&[
        "--data-urlencode",
        &q,
        "--data-urlencode",
        &dg,
        &s.url("/query"),
    ]);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(json_docs(&r.body), vec![docs[0].clone()]);
    // Only the named graphs given are reachable with GRAPH.
    let ng = format!("named-graph-uri={graph}");
    let q = "query=SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }";
    let r = s.curl(&[
        "--data-urlencode",
        q,
        "--data-urlencode",
        &ng,
        &s.url("/query"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let gs = v["results"]["bindings"].as_array().unwrap();
    assert_eq!(gs.len(), 1, "{}", r.body);
    assert_eq!(gs[0]["g"]["value"], graph.as_str());
    // With application/sparql-query the dataset is in the URL.
    let r = s.curl(&[
        "-H",
        "Content-Type: application/sparql-query",
        "--data-binary",
        DOCS,
        &s.url(&format!("/query?default-graph-uri={graph}")),
    ]);
    assert_eq!(json_docs(&r.body), vec![docs[0].clone()]);
    // Not an IRI: 400.
    let r = s.curl(&[
        "--data-urlencode",
        "query=ASK {}",
        "--data-urlencode",
        "default-graph-uri=not an iri",
        &s.url("/query"),
    ]);
    assert_eq!(r.status, 400, "{r:?}");
}

#[test]
fn named_queries_listed_and_run_with_a_parameter() {
    let s = Served::start(&[]);
    let r = s.get("/queries");
    assert_eq!(r.status, 200);
    assert_eq!(r.content_type, "application/json");
    let list: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), tipkg::output::query::NAMED_QUERIES.len());
    let m = list
        .iter()
        .find(|q| q["name"] == "mandates-to-entity")
        .unwrap();
    assert!(m["summary"].as_str().unwrap().contains("mandates"));
    assert_eq!(m["variables"], serde_json::json!(["entity"]));
    // With a parameter: every row is about UNODC.
    let r = s.get("/queries/mandates-to-entity?entity=UNODC&format=csv");
    assert_eq!(r.status, 200, "{r:?}");
    let rows: Vec<&str> = r
        .body
        .lines()
        .skip(1)
        .filter(|l| l.starts_with("http"))
        .collect();
    assert!(!rows.is_empty(), "{}", r.body);
    assert!(
        rows.iter()
            .all(|l| l.starts_with("https://w3id.org/tipkg/id/unodc,")),
        "{}",
        r.body
    );
    // Without the parameter: more rows (every addressee), as JSON by default.
    let all = s.get("/queries/mandates-to-entity");
    assert_eq!(all.content_type, "application/sparql-results+json");
    let v: serde_json::Value = serde_json::from_str(&all.body).unwrap();
    assert!(v["results"]["bindings"].as_array().unwrap().len() > rows.len());
    // A value that matches nothing, a variable the query lacks: 400 with the reason.
    let r = s.get("/queries/mandates-to-entity?entity=NoSuchThing");
    assert_eq!(r.status, 400);
    assert!(r.body.contains("matches no registry entity"), "{}", r.body);
    let r = s.get("/queries/mandates-to-entity?nosuch=1");
    assert_eq!(r.status, 400);
    assert!(r.body.contains("does not select ?nosuch"), "{}", r.body);
    // An unknown name: 404 with the closest.
    let r = s.get("/queries/mandate-to-entity");
    assert_eq!(r.status, 404);
    assert!(
        r.body.contains("did you mean mandates-to-entity?"),
        "{}",
        r.body
    );
}

#[test]
fn void_description_in_turtle_and_ntriples() {
    let s = Served::start(&[]);
    let r = s.get("/.well-known/void");
    assert_eq!(r.status, 200);
    assert_eq!(r.content_type, "text/turtle; charset=utf-8");
    assert!(r.body.contains("void:Dataset"), "{}", r.body);
    assert!(r.body.contains("void:triples"));
    let nt = s.curl(&[
        "-H",
        "Accept: application/n-triples",
        &s.url("/.well-known/void"),
    ]);
    assert_eq!(nt.content_type, "application/n-triples");
    assert!(nt.body.contains(
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://rdfs.org/ns/void#Dataset>"
    ));
    // The same description `tipkg stats --format void` writes (computed once, at start).
    let out = Command::new(env!("CARGO_BIN_EXE_tipkg"))
        .arg("--store")
        .arg(store())
        .args(["stats", "--format", "void"])
        .output()
        .unwrap();
    let undated = |t: &str| {
        t.lines()
            .filter(|l| !l.contains("dcterms:created"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        undated(&r.body) == undated(&String::from_utf8_lossy(&out.stdout)),
        "/.well-known/void differs from `tipkg stats --format void`"
    );
}

#[test]
fn updates_are_refused_and_the_store_is_untouched() {
    let s = Served::start(&[]);
    let insert =
        "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }";
    for r in [
        s.get("/update"),
        s.curl(&[
            "--data-urlencode",
            &format!("update={insert}"),
            &s.url("/update"),
        ]),
        s.form(insert, None),
        s.form("DELETE WHERE { ?s ?p ?o }", None),
        s.curl(&[
            "--data-urlencode",
            &format!("update={insert}"),
            &s.url("/query"),
        ]),
        s.curl(&[
            "-H",
            "Content-Type: application/sparql-update",
            "--data-binary",
            insert,
            &s.url("/query"),
        ]),
    ] {
        assert_eq!(r.status, 403, "{r:?}");
        assert!(r.body.contains("read-only"), "{}", r.body);
    }
    let r = s.form("ASK { <http://example.org/a> ?p ?o }", None);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["boolean"], false, "the refused INSERT went in");
}

#[test]
fn bad_requests_get_a_status_and_a_message() {
    let s = Served::start(&["--max-body", "4K"]);
    // A syntax error: 400 with the project's explanation.
    let r = s.form("SELECT * WHERE { ?s ?p }", None);
    assert_eq!(r.status, 400);
    assert_eq!(r.content_type, "text/plain; charset=utf-8");
    assert!(
        r.body.contains("SPARQL syntax error: line 1, column"),
        "{}",
        r.body
    );
    let r = s.form("SELEKT * WHERE { ?s ?p ?o }", None);
    assert!(r.body.contains("did you mean SELECT?"), "{}", r.body);
    // No query, two queries, an unknown path, a wrong method, a wrong content type.
    assert_eq!(s.get("/query").status, 400);
    assert_eq!(s.get("/query?query=ASK%7B%7D&query=ASK%7B%7D").status, 400);
    assert_eq!(s.get("/nowhere").status, 404);
    let r = s.curl(&["-X", "PUT", &s.url("/query")]);
    assert_eq!(r.status, 405);
    let r = s.curl(&["-X", "DELETE", &s.url("/queries")]);
    assert_eq!(r.status, 405);
    let r = s.curl(&[
        "-H",
        "Content-Type: text/plain",
        "--data-binary",
        "ASK {}",
        &s.url("/query"),
    ]);
    assert_eq!(r.status, 415, "{r:?}");
    // A body past --max-body: 413.
    let big = format!("ASK {{}} #{}", "x".repeat(8 << 10));
    let r = s.curl(&[
        "-H",
        "Content-Type: application/sparql-query",
        "--data-binary",
        &big,
        &s.url("/query"),
    ]);
    assert_eq!(r.status, 413, "{r:?}");
    // Bad percent-encoding.
    assert_eq!(s.get("/query?query=%FF").status, 400);
    // The root page names the endpoints.
    let r = s.get("/");
    assert_eq!(r.status, 200);
    for e in ["/query", "/queries", "/.well-known/void"] {
        assert!(r.body.contains(e), "{}", r.body);
    }
    // And still answers.
    assert_eq!(s.form("ASK {}", None).status, 200);
}

#[test]
fn garbage_on_the_socket_does_not_stop_the_server() {
    let s = Served::start(&["--max-connections", "4"]);
    let inputs: Vec<Vec<u8>> = vec![
        b"GARBAGE\r\n\r\n".to_vec(),
        b"GET / HTTP/9.9\r\n\r\n".to_vec(),
        b"GET /query?query=%%%% HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n".to_vec(),
        b"POST /query HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n".to_vec(),
        format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(100_000)).into_bytes(),
        (0..=255u8).cycle().take(10_000).collect(),
        b"\r\n\r\n\r\n".to_vec(),
    ];
    for input in inputs {
        let mut c = TcpStream::connect(&s.addr).unwrap();
        c.set_read_timeout(Some(PATIENCE)).unwrap();
        let _ = c.write_all(&input);
        let _ = c.shutdown(std::net::Shutdown::Write);
        let mut answer = Vec::new();
        let _ = c.read_to_end(&mut answer);
    }
    assert_eq!(s.form("ASK {}", None).status, 200, "stderr: {}", s.stderr());
}

#[test]
fn a_query_past_the_time_limit_is_stopped_and_the_server_goes_on() {
    let s = Served::start(&["--timeout", "1", "--workers", "1"]);
    // A chain of joins over the whole store: far more than a second.
    let heavy = "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?b ?q ?c . ?c ?r ?d . ?d ?s ?e }";
    let r = s.form(heavy, None);
    assert_eq!(r.status, 503, "{r:?}");
    assert!(r.body.contains("query stopped after 1 s"), "{}", r.body);
    assert_answers_again(&s);
    // A cartesian product, which the engine does not check for cancellation as it goes: the
    // request is answered at the limit all the same and the worker is replaced.
    let r = s.form(
        "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        None,
    );
    assert_eq!(r.status, 503, "{r:?}");
    assert_answers_again(&s);
    let log = s.stderr();
    assert!(log.contains("its worker is replaced"), "{log}");
}

/// ASK {} is answered 200 within a bounded number of tries (503 "busy" while a cancelled query
/// still holds the only worker is expected at first).
fn assert_answers_again(s: &Served) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let r = s.form("ASK {}", None);
        if r.status == 200 {
            return;
        }
        assert_eq!(r.status, 503, "{r:?}");
        assert!(
            Instant::now() < deadline,
            "no answer after a timeout: {r:?}; {}",
            s.stderr()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn many_parallel_requests_are_all_answered() {
    // Fewer connections and workers than clients: the rest wait their turn.
    let s = Served::start(&["--max-connections", "8", "--workers", "2"]);
    let expected_docs = s.form(DOCS, Some("text/csv")).body;
    let expected_count = s.form(COUNT, Some("text/csv")).body;
    let expected_named = s
        .get("/queries/mandates-to-entity?entity=UNODC&format=csv")
        .body;
    let results: Vec<(usize, Reply)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..48)
            .map(|i| {
                let s = &s;
                scope.spawn(move || {
                    let r = match i % 4 {
                        0 => s.form(DOCS, Some("text/csv")),
                        1 => s.form(COUNT, Some("text/csv")),
                        2 => s.get("/queries/mandates-to-entity?entity=UNODC&format=csv"),
                        _ => s.get("/.well-known/void"),
                    };
                    (i, r)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, r) in results {
        assert_eq!(r.status, 200, "request {i}: {r:?}");
        match i % 4 {
            0 => assert_eq!(r.body, expected_docs),
            1 => assert_eq!(r.body, expected_count),
            2 => assert_eq!(r.body, expected_named),
            _ => assert!(r.body.contains("void:Dataset")),
        }
    }
}

#[test]
fn sigterm_lets_the_request_in_flight_finish_and_exits_0() {
    let mut s = Served::start(&[]);
    // A query of a second or so, in flight when the signal comes (if it is already answered,
    // the stop is still checked).
    let slow = "SELECT (COUNT(*) AS ?n) { ?a (!rdf:type)* ?b . ?b (!rdf:type)* ?c }";
    let answer = std::thread::scope(|scope| {
        let h = scope.spawn(|| s.form(slow, Some("text/csv")));
        std::thread::sleep(Duration::from_millis(300));
        signal(&s.pid(), "-TERM");
        h.join().unwrap()
    });
    assert_eq!(answer.status, 200, "{answer:?}");
    assert!(
        answer.body.starts_with("n\r\n") || answer.body.starts_with("n\n"),
        "{answer:?}"
    );
    let status = s.wait_exit();
    assert_eq!(status.code(), Some(0), "stderr: {}", s.stderr());
    assert!(s.stderr().contains("tipkg: stopped"), "{}", s.stderr());
    // Nothing listens any more.
    assert!(TcpStream::connect(&s.addr).is_err());
}

#[test]
fn sigint_stops_an_idle_server_with_0() {
    let mut s = Served::start(&[]);
    assert_eq!(s.form("ASK {}", None).status, 200);
    signal(&s.pid(), "-INT");
    assert_eq!(s.wait_exit().code(), Some(0), "stderr: {}", s.stderr());
}

#[test]
fn a_taken_port_is_an_error() {
    let s = Served::start(&[]);
    let out = Command::new(env!("CARGO_BIN_EXE_tipkg"))
        .arg("--store")
        .arg(store())
        .args(["serve", "--bind", &s.addr])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("cannot listen on {}", s.addr)),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// rdflib's SPARQLStore (Debian's python3-rdflib; tests/run.sh installs it) as the client:
/// SELECT and ASK as SPARQL XML and JSON, CONSTRUCT as RDF/XML, GET and POST.
#[test]
fn rdflib_sparqlstore_as_a_client() {
    let python = Path::new("/usr/bin/python3");
    let has_rdflib = python.exists()
        && Command::new(python)
            .args(["-c", "import rdflib"])
            .status()
            .is_ok_and(|s| s.success());
    if !has_rdflib {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have /usr/bin/python3 with rdflib (tests/run.sh installs python3-rdflib)"
        );
        eprintln!(
            "python3-rdflib not installed (apt-get install python3-rdflib): rdflib client test skipped"
        );
        return;
    }
    let s = Served::start(&[]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/serve-rdflib.py");
    let out = Command::new(python)
        .arg(&script)
        .arg(s.url("/query"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("rdflib: ok"),
        "{stdout}\n{}\nserver: {}",
        String::from_utf8_lossy(&out.stderr),
        s.stderr()
    );
    println!("{stdout}");
}
