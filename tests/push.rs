//! `tipkg push` against a real SPARQL store: Virtuoso Open Source (Debian's
//! `virtuoso-opensource`, which `tests/run.sh` installs when it is missing), started here on
//! free loopback ports with its database in a temporary folder, stopped and removed at the end.
//!
//! The corpus is extracted into a temporary store and pushed with the real binary; the store's
//! content is then read back from Virtuoso over HTTP (`/sparql`) and compared with the local one:
//! triples per named graph, every triple of every graph, and the rows of a named query. Then:
//! a second push changes nothing; a document removed remotely comes back with `--graph`; SPARQL
//! Update mode (`--update-endpoint`, small chunks, blank nodes) gives the same content; a wrong
//! password or none is exit 2 with a message that names the endpoint, the graph and the status
//! and not the password. Virtuoso's authenticated endpoints (`/sparql-graph-crud-auth`,
//! `/sparql-auth`) ask for HTTP Digest; the fresh database's `dba` user has password `dba`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfParser};

const BIN: &str = env!("CARGO_BIN_EXE_tipkg");
const PASSWORD: &str = "dba";
const TIP: &str = "https://w3id.org/tipkg/";

/// A Virtuoso server of its own: killed (and its folder removed) when dropped.
struct Virtuoso {
    child: Child,
    dir: tempfile::TempDir,
    http: u16,
    sql: u16,
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A program on PATH (or in /usr/bin), or a failure that says how to install it.
fn program(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin")])
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "{name} not found: Virtuoso Open Source is not installed. Run `bash tests/run.sh` \
                 (it installs Debian's virtuoso-opensource when missing), or \
                 `apt-get install virtuoso-opensource`"
            )
        })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl Virtuoso {
    /// Starts Virtuoso, trying other ports if another process took the free ones first.
    fn start() -> Self {
        let binary = program("virtuoso-t");
        let mut last = String::new();
        for _ in 0..3 {
            match Self::try_start(&binary) {
                Ok(v) => return v,
                Err(e) => last = e,
            }
        }
        panic!("Virtuoso did not start:\n{last}");
    }

    fn try_start(binary: &Path) -> Result<Self, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let (http, sql) = (free_port(), free_port());
        let d = dir.path().display();
        let ini = format!(
            "[Database]\nDatabaseFile = {d}/virtuoso.db\nErrorLogFile = {d}/virtuoso.log\n\
             LockFile = {d}/virtuoso.lck\nTransactionFile = {d}/virtuoso.trx\n\
             xa_persistent_file = {d}/virtuoso.pxa\nErrorLogLevel = 7\nFileExtend = 200\n\
             Striping = 0\nTempStorage = TempDatabase\n\
             [TempDatabase]\nDatabaseFile = {d}/virtuoso-temp.db\n\
             TransactionFile = {d}/virtuoso-temp.trx\n\
             [Parameters]\nServerPort = 127.0.0.1:{sql}\nDisableUnixSocket = 1\n\
             CheckpointInterval = 0\nDirsAllowed = .\nNumberOfBuffers = 10000\n\
             MaxDirtyBuffers = 6000\n\
             [HTTPServer]\nServerPort = 127.0.0.1:{http}\nServerRoot = {d}\nServerThreads = 4\n\
             MaxClientConnections = 4\n\
             [SPARQL]\nResultSetMaxRows = 1000000\nMaxQueryExecutionTime = 300\n"
        );
        let ini_path = dir.path().join("virtuoso.ini");
        std::fs::write(&ini_path, ini).map_err(|e| e.to_string())?;
        let out =
            std::fs::File::create(dir.path().join("stdout.log")).map_err(|e| e.to_string())?;
        let child = Command::new(binary)
            .arg("+foreground")
            .arg("+configfile")
            .arg(&ini_path)
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(out.try_clone().map_err(|e| e.to_string())?)
            .stderr(out)
            .spawn()
            .map_err(|e| format!("{}: {e}", binary.display()))?;
        let mut v = Self {
            child,
            dir,
            http,
            sql,
        };
        // A fresh database takes a few seconds; two minutes is the most it may take.
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Ok(Some(status)) = v.child.try_wait() {
                return Err(format!("virtuoso-t exited ({status}):\n{}", v.log()));
            }
            if Instant::now() > deadline {
                return Err(format!("not answering after 120 s:\n{}", v.log()));
            }
            let addr = ([127, 0, 0, 1], http).into();
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
                && v.try_select("ASK { }").is_ok()
            {
                return Ok(v);
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn log(&self) -> String {
        let mut s = String::new();
        for f in ["stdout.log", "virtuoso.log"] {
            let text = std::fs::read_to_string(self.dir.path().join(f)).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            s.push_str(&lines[lines.len().saturating_sub(30)..].join("\n"));
            s.push('\n');
        }
        s
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.http)
    }

    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .new_agent()
    }

    fn try_select(&self, query: &str) -> Result<serde_json::Value, String> {
        let mut r = Self::agent()
            .post(self.url("/sparql"))
            .header("Accept", "application/sparql-results+json")
            .send_form([("query", query)])
            .map_err(|e| e.to_string())?;
        let text = r.body_mut().read_to_string().map_err(|e| e.to_string())?;
        serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))
    }

    /// A SELECT or ASK on Virtuoso's public endpoint, as SPARQL JSON results.
    fn select(&self, query: &str) -> serde_json::Value {
        self.try_select(query)
            .unwrap_or_else(|e| panic!("{query}: {e}\n{}", self.log()))
    }

    /// Triples per graph of the project (Virtuoso holds graphs of its own too).
    fn counts(&self) -> BTreeMap<String, u64> {
        counts(&self.select(&format!(
            "SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} \
             FILTER(STRSTARTS(STR(?g), \"{TIP}\") || STRSTARTS(STR(?g), \"http://example.org/\")) }} GROUP BY ?g"
        )))
    }

    /// Every triple of a graph, in Oxigraph's canonical N-Triples.
    fn triples(&self, graph: &str) -> BTreeSet<String> {
        let mut r = Self::agent()
            .post(self.url("/sparql"))
            .header("Accept", "application/n-triples")
            .send_form([(
                "query",
                format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
                    .as_str(),
            )])
            .expect("CONSTRUCT on Virtuoso");
        let text = r
            .body_mut()
            .read_to_string()
            .expect("N-Triples from Virtuoso");
        RdfParser::from_format(RdfFormat::NTriples)
            .for_slice(text.as_bytes())
            .map(|q| q.expect("Virtuoso's N-Triples parse").to_string())
            .map(|q| q.trim_end_matches(" .").to_owned())
            .collect()
    }

    /// Runs SQL (or `SPARQL …`) as dba through isql.
    fn isql(&self, sql: &str) {
        let out = Command::new(program("isql-vt"))
            .arg(format!("127.0.0.1:{}", self.sql))
            .arg("dba")
            .arg(PASSWORD)
            .arg(format!("EXEC={sql}"))
            .output()
            .expect("isql-vt runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success() && !text.contains("*** Error"),
            "{sql}: {text}"
        );
    }

    fn drop_project_graphs(&self) {
        for g in self.counts().keys() {
            self.isql(&format!("SPARQL DROP SILENT GRAPH <{g}>"));
        }
        assert!(self.counts().is_empty());
    }
}

/// `?g ?n` rows as a map.
fn counts(json: &serde_json::Value) -> BTreeMap<String, u64> {
    json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| {
            (
                b["g"]["value"].as_str().expect("g").to_owned(),
                b["n"]["value"]
                    .as_str()
                    .and_then(|n| n.parse().ok())
                    .expect("n"),
            )
        })
        .collect()
}

/// Runs tipkg on the store with these credentials (and none from the caller's environment).
fn tipkg(store: &Path, args: &[&str], auth: Option<(&str, &str)>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("--store").arg(store).args(args);
    for v in [
        "TIPKG_PUSH_USER",
        "TIPKG_PUSH_PASSWORD",
        "TIPKG_PUSH_TOKEN",
        "TIPKG_STORE",
    ] {
        cmd.env_remove(v);
    }
    if let Some((user, password)) = auth {
        cmd.env("TIPKG_PUSH_USER", user)
            .env("TIPKG_PUSH_PASSWORD", password);
    }
    cmd.output().expect("tipkg runs")
}

fn ok(out: Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The local store, graph by graph, from `tipkg dump`.
fn local(store: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let dump = ok(tipkg(store, &["dump"], None));
    let mut graphs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(dump.as_bytes()) {
        let q = q.expect("dump parses");
        let g = match &q.graph_name {
            oxigraph::model::GraphName::NamedNode(n) => n.as_str().to_owned(),
            _ => String::new(),
        };
        let t = oxigraph::model::Triple::from(q).to_string();
        graphs.entry(g).or_default().insert(t);
    }
    graphs
}

/// Virtuoso holds exactly the local store: the same triples per graph, the same triples.
fn assert_same(v: &Virtuoso, store: &Path, context: &str) {
    let local = local(store);
    let local_counts: BTreeMap<String, u64> = local
        .iter()
        .map(|(g, t)| (g.clone(), t.len() as u64))
        .collect();
    let local_query = counts(
        &serde_json::from_str(&ok(tipkg(
            store,
            &[
                "query",
                "--format",
                "json",
                // The store's bookkeeping graph (graph summaries) is not pushed.
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } \
                 FILTER(?g != <https://w3id.org/tipkg/store#summaries>) } GROUP BY ?g",
            ],
            None,
        )))
        .expect("tipkg query JSON"),
    );
    assert_eq!(local_counts, local_query, "dump and query agree");
    let remote = v.counts();
    assert_eq!(remote, local_counts, "{context}: triples per graph");
    assert_eq!(
        remote.values().sum::<u64>(),
        local_counts.values().sum::<u64>(),
        "{context}: total"
    );
    for (g, triples) in &local {
        if triples.iter().any(|t| t.contains("_:")) {
            continue; // blank node labels differ; counted above, joined in the test
        }
        let remote = v.triples(g);
        let missing: Vec<_> = triples.difference(&remote).take(3).collect();
        let extra: Vec<_> = remote.difference(triples).take(3).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{context}: graph {g}: missing remotely {missing:?}, extra {extra:?}"
        );
    }
}

#[test]
fn push_to_virtuoso() {
    let work = tempfile::tempdir().expect("temp dir");
    let store = work.path().join("store");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    ok(tipkg(
        &store,
        &["extract", corpus.to_str().expect("path")],
        None,
    ));
    let v = Virtuoso::start();
    let gsp = v.url("/sparql-graph-crud-auth");
    let update = v.url("/sparql-auth");
    let dba = Some(("dba", PASSWORD));

    // A dry run lists every graph and sends nothing.
    let listed = ok(tipkg(&store, &["push", "--dry-run", &gsp], None));
    let graphs = local(&store).len();
    assert_eq!(
        listed.lines().filter(|l| l.contains(": PUT ")).count(),
        graphs,
        "{listed}"
    );
    assert!(listed.contains("nothing sent"), "{listed}");
    assert!(v.counts().is_empty());

    // Graph Store Protocol, Digest authentication.
    let pushed = ok(tipkg(&store, &["push", &gsp], dba));
    println!("corpus, Graph Store Protocol: {pushed}");
    assert!(
        pushed.starts_with(&format!("pushed {graphs} graphs")),
        "{pushed}"
    );
    assert_same(&v, &store, "first push");

    // A named query gives the same rows (its prefix declared for Virtuoso).
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/who-directs-whom.rq"),
    )
    .expect("query file");
    let remote = v.select(&format!("PREFIX tip: <{TIP}ontology#>\n{text}"));
    let local_rows: serde_json::Value = serde_json::from_str(&ok(tipkg(
        &store,
        &["query", "-n", "who-directs-whom", "--format", "json"],
        None,
    )))
    .expect("local JSON");
    let rows = |j: &serde_json::Value| -> Vec<Vec<String>> {
        j["results"]["bindings"]
            .as_array()
            .expect("bindings")
            .iter()
            .map(|b| {
                ["speaker", "verb", "addressee", "provisions"]
                    .iter()
                    .map(|k| b[k]["value"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .collect()
    };
    assert!(rows(&local_rows).len() > 5);
    assert_eq!(rows(&remote), rows(&local_rows), "who-directs-whom");

    // Pushing again changes nothing.
    ok(tipkg(&store, &["push", &gsp], dba));
    assert_same(&v, &store, "second push");

    // A document removed remotely comes back alone, named by its symbol.
    let g76 = format!("{TIP}graph/a-res-76-7");
    v.isql(&format!("SPARQL DROP SILENT GRAPH <{g76}>"));
    assert!(!v.counts().contains_key(&g76));
    let one = ok(tipkg(&store, &["push", "--graph", "A/RES/76/7", &gsp], dba));
    assert!(one.starts_with("pushed 1 graph, "), "{one}");
    assert_same(&v, &store, "push --graph");

    // SPARQL Update, in small chunks, into an empty store; then again.
    v.drop_project_graphs();
    let by_update = ok(tipkg(
        &store,
        &["push", "--update-endpoint", &update, "--chunk-size", "64K"],
        dba,
    ));
    println!("corpus, SPARQL Update in 64 KiB requests: {by_update}");
    assert_same(&v, &store, "push --update-endpoint");
    ok(tipkg(&store, &["push", "--update-endpoint", &update], dba));
    assert_same(&v, &store, "second push --update-endpoint");

    // Blank nodes: one node across its triples, by either protocol.
    let nq = work.path().join("bnodes.nq");
    std::fs::write(
        &nq,
        "<http://example.org/s> <http://example.org/q> _:b <http://example.org/bnodes> .\n\
         _:b <http://example.org/p> \"x\" <http://example.org/bnodes> .\n\
         _:b <http://example.org/p> \"y\" <http://example.org/bnodes> .\n",
    )
    .expect("write");
    ok(tipkg(&store, &["load", nq.to_str().expect("path")], None));
    let joined = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/bnodes> { \
                  <http://example.org/s> <http://example.org/q> ?b . ?b <http://example.org/p> ?o } }";
    for args in [
        vec!["--update-endpoint", update.as_str()],
        vec![gsp.as_str()],
    ] {
        let mut a = vec!["push", "--graph", "http://example.org/bnodes"];
        a.extend(args);
        ok(tipkg(&store, &a, dba));
        assert_eq!(
            v.select(joined)["results"]["bindings"][0]["n"]["value"],
            "2",
            "{a:?}"
        );
    }
    assert_same(&v, &store, "blank nodes");

    // A wrong password, or none: exit 2, a clear message, nothing changed, no secret shown.
    let before = v.counts();
    for endpoint in [&gsp, &update] {
        let flag: &[&str] = if endpoint == &update {
            &["--update-endpoint"]
        } else {
            &[]
        };
        let mut args = vec!["push"];
        args.extend(flag);
        args.push(endpoint);
        for (auth, says) in [
            (Some(("dba", "not-the-password")), "check TIPKG_PUSH_USER"),
            (None, "set TIPKG_PUSH_USER"),
        ] {
            let out = tipkg(&store, &args, auth);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{err}");
            assert!(
                err.contains(endpoint.as_str()) && err.contains("HTTP 401") && err.contains(says),
                "{err}"
            );
            assert!(
                err.contains("pushing graph <http"),
                "names the graph: {err}"
            );
            assert!(!err.contains("not-the-password"), "{err}");
            assert!(!err.contains("panicked"), "{err}");
        }
    }
    assert_eq!(v.counts(), before);
}

#[test]
fn push_without_a_server_or_with_bad_arguments_is_exit_2_with_a_message() {
    let work = tempfile::tempdir().expect("temp dir");
    let store = work.path().join("store");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    ok(tipkg(
        &store,
        &["extract", corpus.to_str().expect("path")],
        None,
    ));
    let closed = format!("http://127.0.0.1:{}/store", free_port());
    let cases: [(&[&str], &str); 5] = [
        (&["push", &closed], "Connection refused"),
        (&["push", "ftp://h/x"], "not an http:// or https:// URL"),
        (&["push", "http://dba:secret@h/x"], "credentials in the URL"),
        (
            &["push", "--graph", "A/RES/99/99", &closed],
            "no such document",
        ),
        (
            &["push", "--connect-timeout=-1", &closed],
            "--connect-timeout",
        ),
    ];
    for (args, says) in cases {
        let out = tipkg(&store, args, None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(
            !err.contains("secret") && !err.contains("panicked"),
            "{err}"
        );
    }
    // Half the credentials.
    let mut cmd = Command::new(BIN);
    cmd.arg("--store")
        .arg(&store)
        .args(["push", &closed])
        .env_remove("TIPKG_PUSH_PASSWORD")
        .env_remove("TIPKG_PUSH_TOKEN")
        .env("TIPKG_PUSH_USER", "dba");
    let out = cmd.output().expect("tipkg runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("TIPKG_PUSH_PASSWORD is not"), "{err}");
}
