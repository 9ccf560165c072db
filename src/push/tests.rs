//! Unit tests of [`super`] against a small HTTP server on a loopback port (the real store,
//! Virtuoso, is in `tests/push.rs`).

use super::*;
use oxigraph::model::{BlankNode, Literal};
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// One request the server received.
#[derive(Debug, Clone)]
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A response: status, headers, body.
type Response = (u16, Vec<(String, String)>, String);

type Respond = dyn Fn(&Request) -> Option<Response> + Send + Sync;

/// Serves on a free loopback port, answering each request with `respond` (`None`: never
/// answer); returns the base URL and the requests received so far.
fn serve(respond: Arc<Respond>) -> (String, Arc<Mutex<Vec<Request>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (respond, log) = (respond.clone(), log.clone());
            std::thread::spawn(move || connection(stream, &*respond, &log));
        }
    });
    (url, seen)
}

fn connection(stream: TcpStream, respond: &Respond, log: &Mutex<Vec<Request>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let target = parts.next().unwrap_or_default().to_owned();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            reader.read_line(&mut h).unwrap();
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (n, v) = h.split_once(':').unwrap();
            headers.push((n.trim().to_owned(), v.trim().to_owned()));
        }
        let len: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .map_or(0, |(_, v)| v.parse().unwrap());
        let mut body = vec![0; len];
        reader.read_exact(&mut body).unwrap();
        let request = Request {
            method,
            target,
            headers,
            body: String::from_utf8(body).unwrap(),
        };
        log.lock().unwrap().push(request.clone());
        let Some((status, headers, body)) = respond(&request) else {
            std::thread::sleep(Duration::from_secs(30));
            return;
        };
        let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\n", body.len());
        for (n, v) in headers {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        head.push_str("\r\n");
        if out.write_all(head.as_bytes()).is_err() || out.write_all(body.as_bytes()).is_err() {
            return;
        }
    }
}

fn ok() -> Option<Response> {
    Some((204, Vec::new(), String::new()))
}

/// A store with two named graphs: `g1` holds `n` triples, `g2` one triple and two with a
/// blank node.
fn store(n: usize) -> (tempfile::TempDir, GraphStore) {
    let dir = tempfile::tempdir().unwrap();
    let st = GraphStore::open_for_write(&dir.path().join("s"), &Default::default()).unwrap();
    let ex = |s: &str| NamedNode::new(format!("http://ex.org/{s}")).unwrap();
    let g1 = ex("g1");
    let quads: Vec<Quad> = (0..n)
        .map(|i| {
            Quad::new(
                ex(&format!("s{i}")),
                ex("p"),
                Literal::from(format!("value \"{i}\"\n")),
                g1.clone(),
            )
        })
        .collect();
    st.replace_graph(g1.as_ref(), &quads).unwrap();
    let g2 = ex("g2");
    let b = BlankNode::new("b1").unwrap();
    st.replace_graph(
        g2.as_ref(),
        &[
            Quad::new(ex("s"), ex("p"), ex("o"), g2.clone()),
            Quad::new(ex("s"), ex("q"), b.clone(), g2.clone()),
            Quad::new(b, ex("p"), Literal::from(5), g2.clone()),
        ],
    )
    .unwrap();
    (dir, st)
}

fn options(endpoint: &str) -> PushOptions {
    let mut o = PushOptions::new(endpoint);
    o.read_timeout = Duration::from_secs(10);
    o
}

fn run(st: &GraphStore, o: &PushOptions) -> Result<Summary, PushError> {
    push(st, &Selection::All, o, &mut |_, _, _| {})
}

#[test]
fn graph_store_protocol_puts_each_graph_as_n_triples() {
    let (url, seen) = serve(Arc::new(|_| ok()));
    let (_d, st) = store(3);
    let s = run(&st, &options(&format!("{url}/store?x=1"))).unwrap();
    assert_eq!((s.graphs, s.triples, s.requests), (2, 6, 2));
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].method, "PUT");
    assert_eq!(seen[0].target, "/store?x=1&graph=http%3A%2F%2Fex.org%2Fg1");
    assert_eq!(
        seen[0].header("content-type"),
        Some("application/n-triples")
    );
    assert_eq!(seen[0].header("authorization"), None);
    assert_eq!(seen[0].body.lines().count(), 3);
    assert!(seen[1].body.contains("_:"), "{}", seen[1].body);
}

#[test]
fn turtle_bodies_use_the_prefixes() {
    let (url, seen) = serve(Arc::new(|_| ok()));
    let (_d, st) = store(2);
    let mut o = options(&url);
    o.format = BodyFormat::Turtle;
    o.prefixes = vec![("ex".into(), "http://ex.org/".into())];
    run(&st, &o).unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].header("content-type"), Some("text/turtle"));
    assert!(
        seen[0].body.starts_with("@prefix ex: <http://ex.org/>"),
        "{}",
        seen[0].body
    );
}

#[test]
fn basic_credentials_are_sent_when_the_server_asks() {
    let (url, seen) = serve(Arc::new(|r: &Request| {
        if r.header("authorization").is_some() {
            ok()
        } else {
            Some((
                401,
                vec![("WWW-Authenticate".into(), "Basic realm=\"x\"".into())],
                String::new(),
            ))
        }
    }));
    let (_d, st) = store(1);
    let mut o = options(&url);
    o.auth = Auth::Password {
        user: "u".into(),
        password: "p w".into(),
    };
    run(&st, &o).unwrap();
    let seen = seen.lock().unwrap();
    // The probe learns the scheme; the bodies go once, with credentials.
    assert_eq!(seen[0].method, "HEAD");
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert_eq!(seen[1].header("authorization"), Some("Basic dTpwIHc="));
}

#[test]
fn bearer_tokens_go_with_every_request() {
    let (url, seen) = serve(Arc::new(|_| ok()));
    let (_d, st) = store(1);
    let mut o = options(&url);
    o.auth = Auth::Token("t0k".into());
    o.protocol = Protocol::Update;
    run(&st, &o).unwrap();
    let seen = seen.lock().unwrap();
    assert!(
        seen.iter()
            .all(|r| r.header("authorization") == Some("Bearer t0k"))
    );
}

#[test]
fn refused_credentials_are_an_error_without_them() {
    let (url, _) = serve(Arc::new(|_| {
        Some((
            401,
            vec![(
                "WWW-Authenticate".into(),
                "Digest realm=\"SPARQL\", nonce=\"abc\", qop=\"auth\", algorithm=\"MD5\"".into(),
            )],
            "no".into(),
        ))
    }));
    let (_d, st) = store(1);
    let mut o = options(&url);
    o.auth = Auth::Password {
        user: "dba".into(),
        password: "s3cret".into(),
    };
    let e = run(&st, &o).unwrap_err().to_string();
    assert!(e.contains("HTTP 401") && e.contains("Digest sent"), "{e}");
    assert!(e.contains("<http://ex.org/g1>") && e.contains(&url), "{e}");
    assert!(!e.contains("s3cret"), "{e}");
}

#[test]
fn a_status_other_than_2xx_names_the_graph_and_the_server_message() {
    let (url, _) = serve(Arc::new(|r: &Request| {
        if r.target.contains("g2") {
            Some((
                500,
                vec![("Content-Type".into(), "text/html".into())],
                "<html><body><h1>Error</h1>\n<p>disk   full</p></body></html>".into(),
            ))
        } else {
            ok()
        }
    }));
    let (_d, st) = store(1);
    let e = run(&st, &options(&url)).unwrap_err();
    assert!(matches!(e, PushError::Status { status: 500, .. }), "{e:?}");
    let e = e.to_string();
    assert!(
        e.contains("<http://ex.org/g2>") && e.ends_with(": Error disk full"),
        "{e}"
    );
}

#[test]
fn update_requests_drop_then_insert_in_bounded_chunks() {
    let (url, seen) = serve(Arc::new(|_| ok()));
    let (_d, st) = store(200);
    let mut o = options(&url);
    o.protocol = Protocol::Update;
    o.chunk_bytes = 2000;
    let s = run(&st, &o).unwrap();
    assert_eq!(s.triples, 203);
    let seen = seen.lock().unwrap();
    let g1: Vec<&Request> = seen.iter().filter(|r| r.body.contains("g1")).collect();
    assert!(g1.len() > 5, "{}", g1.len());
    assert!(
        g1[0]
            .body
            .starts_with("DROP SILENT GRAPH <http://ex.org/g1> ;\nINSERT DATA")
    );
    assert!(g1[1..].iter().all(|r| r.body.starts_with("INSERT DATA")));
    assert!(g1.iter().all(|r| r.body.len() <= 2000));
    assert_eq!(
        g1[0].header("content-type"),
        Some("application/sparql-update; charset=utf-8")
    );
    // Every triple once, the literals escaped as N-Triples (valid SPARQL).
    let lines: usize = g1.iter().map(|r| r.body.matches(" .\n").count()).sum();
    assert_eq!(lines, 200);
    assert!(g1.iter().any(|r| r.body.contains(r#" "value \"0\"\n" ."#)));
    // The blank-node triples together, in a template.
    let g2: Vec<&Request> = seen.iter().filter(|r| r.body.contains("g2")).collect();
    assert_eq!(g2.len(), 2, "{g2:?}");
    assert!(
        g2[1]
            .body
            .starts_with("INSERT { GRAPH <http://ex.org/g2> {"),
        "{}",
        g2[1].body
    );
    assert_eq!(g2[1].body.matches("_:b1").count(), 2);
    assert!(g2[1].body.ends_with("WHERE { }\n"));
}

#[test]
fn dry_run_sends_nothing_and_counts_what_would_go() {
    let (url, seen) = serve(Arc::new(|_| ok()));
    let (_d, st) = store(10);
    let mut o = options(&url);
    o.dry_run = true;
    let mut reports = Vec::new();
    let s = push(&st, &Selection::All, &o, &mut |r, i, n| {
        reports.push((r.clone(), i, n))
    })
    .unwrap();
    assert!(seen.lock().unwrap().is_empty());
    assert_eq!((s.graphs, s.triples), (2, 13));
    assert_eq!(reports[0].0.triples, 10);
    assert_eq!((reports[1].1, reports[1].2), (2, 2));
    assert!(reports[0].0.request.starts_with("PUT http://"));
}

#[test]
fn one_graph_only() {
    let (url, seen) = serve(Arc::new(|_| ok()));
    let (_d, st) = store(4);
    let g = NamedNode::new("http://ex.org/g2").unwrap();
    let s = push(&st, &Selection::Graph(g), &options(&url), &mut |_, _, _| {}).unwrap();
    assert_eq!((s.graphs, s.triples), (1, 3));
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[test]
fn a_silent_server_times_out() {
    let (url, _) = serve(Arc::new(|_| None));
    let (_d, st) = store(1);
    let mut o = options(&url);
    o.read_timeout = Duration::from_millis(300);
    let e = run(&st, &o).unwrap_err();
    assert!(matches!(e, PushError::Timeout { .. }), "{e:?}");
    assert!(e.to_string().contains("--read-timeout"), "{e}");
}

#[test]
fn no_server_is_a_network_error_naming_the_endpoint() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (_d, st) = store(1);
    let url = format!("http://127.0.0.1:{port}/gsp");
    let e = run(&st, &options(&url)).unwrap_err();
    assert!(matches!(e, PushError::Network { .. }), "{e:?}");
    assert!(e.to_string().starts_with(&url), "{e}");
}

#[test]
fn endpoints_are_checked() {
    for (bad, says) in [
        ("ftp://h/x", "http"),
        ("localhost:8890/sparql", "http"),
        ("not a url", "not a URL"),
        ("http://h/x#f", "fragment"),
    ] {
        let e = check_endpoint(bad).unwrap_err().to_string();
        assert!(e.contains(says), "{bad}: {e}");
    }
    let e = check_endpoint("http://dba:pw@h/x").unwrap_err().to_string();
    assert!(!e.contains("pw") && e.contains("TIPKG_PUSH_USER"), "{e}");
    assert!(check_endpoint("https://h:1/a?b=c").is_ok());
}

#[test]
fn credentials_from_the_environment() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        Auth::from_vars(|k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        })
    };
    assert_eq!(env(&[]).unwrap(), Auth::None);
    assert_eq!(env(&[(ENV_TOKEN, "t")]).unwrap(), Auth::Token("t".into()));
    assert_eq!(
        env(&[(ENV_USER, "u"), (ENV_PASSWORD, "p")]).unwrap(),
        Auth::Password {
            user: "u".into(),
            password: "p".into()
        }
    );
    let e = env(&[(ENV_USER, "u")]).unwrap_err().to_string();
    assert!(e.contains(ENV_PASSWORD), "{e}");
    let e = env(&[(ENV_USER, "u"), (ENV_PASSWORD, "pw"), (ENV_TOKEN, "tk")])
        .unwrap_err()
        .to_string();
    assert!(
        !e.contains("pw") && !e.contains("tk") && e.contains("only one"),
        "{e}"
    );
}

#[test]
fn graph_urls_are_percent_encoded() {
    let g = GraphName::NamedNode(NamedNode::new("http://ex.org/a%20b?c=d&e").unwrap());
    assert_eq!(
        graph_url("http://h/s", &g),
        "http://h/s?graph=http%3A%2F%2Fex.org%2Fa%2520b%3Fc%3Dd%26e"
    );
    assert_eq!(
        graph_url("http://h/s?r=1", &GraphName::DefaultGraph),
        "http://h/s?r=1&default"
    );
}

#[test]
fn the_message_of_a_long_error_body_is_its_beginning() {
    let (url, _) = serve(Arc::new(|_| {
        let mut body = "Virtuoso 37000 Error SP030: memory exhausted\nSPARQL query:\n".to_owned();
        body.push_str(&"<http://ex.org/s> <http://ex.org/p> \"o\" .\n".repeat(5000));
        Some((
            400,
            vec![("Content-Type".into(), "text/plain".into())],
            body,
        ))
    }));
    let (_d, st) = store(1);
    let mut o = options(&url);
    o.protocol = Protocol::Update;
    let e = run(&st, &o).unwrap_err().to_string();
    assert!(
        e.contains("HTTP 400")
            && e.contains(": Virtuoso 37000 Error SP030: memory exhausted SPARQL query: <http"),
        "{e}"
    );
    assert!(e.ends_with('…') && e.len() < 600, "{e}");
}

#[test]
fn redirects_are_not_followed_but_named() {
    let (url, seen) = serve(Arc::new(|_| {
        Some((
            308,
            vec![("Location".into(), "https://elsewhere.example/gsp".into())],
            String::new(),
        ))
    }));
    let (_d, st) = store(1);
    let e = run(&st, &options(&url)).unwrap_err().to_string();
    assert!(
        e.contains("HTTP 308") && e.contains("redirected to https://elsewhere.example/gsp"),
        "{e}"
    );
    assert_eq!(seen.lock().unwrap().len(), 1);
}
