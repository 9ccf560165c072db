//! Push: send the store, or one of its graphs, to an external SPARQL store over HTTP.
//!
//! - [`Protocol::GraphStore`] (the default): the SPARQL 1.1 Graph Store HTTP Protocol, one
//!   `PUT ENDPOINT?graph=<IRI>` per named graph (and `PUT ENDPOINT?default` for a non-empty
//!   default graph), the body N-Triples or Turtle from Oxigraph's serializers. `PUT` replaces
//!   the graph, so pushing twice leaves the same content.
//! - [`Protocol::Update`]: SPARQL 1.1 Update, for stores that take no Graph Store requests: per
//!   graph `DROP SILENT GRAPH <g>` then `INSERT DATA { GRAPH <g> { … } }` in requests of at
//!   most [`PushOptions::chunk_bytes`] (the first request drops and inserts), so also
//!   idempotent. Triples with blank nodes go together in one `INSERT { … } WHERE { }`, where a
//!   label names the same node throughout (Virtuoso refuses blank nodes in `INSERT DATA`).
//!
//! Credentials come from the environment only ([`Auth::from_env`]): `TIPKG_PUSH_USER` and
//! `TIPKG_PUSH_PASSWORD` (HTTP Basic, or HTTP Digest when the server's challenge asks for it),
//! or `TIPKG_PUSH_TOKEN` (Bearer). They are sent in `Authorization` headers and never printed.
//!
//! A graph's request body is built in memory before it is sent (so that it can be sent again
//! with the credentials a challenge asks for): the memory a push needs is that of the largest
//! graph's serialization, or of one chunk with `--update-endpoint`.

mod http;

use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::rdf::Iris;
use crate::store::{GraphStore, StoreError};

pub use http::Auth;

/// Environment variable: the user name for HTTP Basic or Digest authentication.
pub const ENV_USER: &str = "TIPKG_PUSH_USER";
/// Environment variable: the password that goes with [`ENV_USER`].
pub const ENV_PASSWORD: &str = "TIPKG_PUSH_PASSWORD";
/// Environment variable: a bearer token (instead of a user and password).
pub const ENV_TOKEN: &str = "TIPKG_PUSH_TOKEN";

/// Default largest SPARQL Update request, in bytes: Virtuoso 7.2's SPARQL compiler gives up
/// ("memory exhausted") on an `INSERT DATA` of about 5,000 triples (~750 KB of the corpus's
/// triples); 256 KiB stays well below that.
pub const DEFAULT_CHUNK_BYTES: usize = 256 << 10;

/// A failure to push.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The endpoint is not an absolute http or https URL (or carries credentials).
    #[error("endpoint {endpoint:?}: {reason}")]
    BadEndpoint {
        /// The endpoint as given (credentials in it are not repeated).
        endpoint: String,
        /// What is wrong.
        reason: String,
    },
    /// The credentials in the environment are incomplete or contradictory.
    #[error("{0}")]
    Credentials(String),
    /// `--graph` names no document or graph of the store.
    #[error("{name:?}: no such document or graph in the store{hint}")]
    NoSuchGraph {
        /// What was asked for.
        name: String,
        /// "; did you mean …" or how to list the documents.
        hint: String,
    },
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A graph could not be read from the store or serialized.
    #[error("reading graph {graph} from the store: {message}")]
    Read {
        /// The graph.
        graph: String,
        /// What Oxigraph said.
        message: String,
    },
    /// No connection, a broken connection, a TLS failure, an unknown host.
    #[error("{endpoint}: {message} (pushing graph {graph})")]
    Network {
        /// The endpoint.
        endpoint: String,
        /// The graph being pushed.
        graph: String,
        /// What failed.
        message: String,
    },
    /// A timeout expired.
    #[error(
        "{endpoint}: timed out ({phase}) pushing graph {graph}; raise --connect-timeout or \
         --read-timeout if the server is slow"
    )]
    Timeout {
        /// The endpoint.
        endpoint: String,
        /// The graph being pushed.
        graph: String,
        /// Which timeout.
        phase: String,
    },
    /// The server refused the credentials (or asked for some and there are none).
    #[error(
        "{endpoint}: HTTP 401 Unauthorized pushing graph {graph} ({tried} sent){hint}{message}"
    )]
    Unauthorized {
        /// The endpoint.
        endpoint: String,
        /// The graph being pushed.
        graph: String,
        /// What was sent: "no credentials", "Basic", "Digest", "a bearer token".
        tried: &'static str,
        /// What to check.
        hint: &'static str,
        /// ": " and the first part of the server's message, or nothing.
        message: String,
    },
    /// The server answered with a status other than 2xx.
    #[error("{endpoint}: HTTP {status} pushing graph {graph}{message}")]
    Status {
        /// The endpoint.
        endpoint: String,
        /// The graph that failed.
        graph: String,
        /// The HTTP status.
        status: u16,
        /// ": " and the first part of the server's message, or nothing.
        message: String,
    },
}

impl Auth {
    /// The credentials in the environment: [`ENV_TOKEN`], or [`ENV_USER`] with
    /// [`ENV_PASSWORD`], or none. One of a user and a password without the other, or both a
    /// token and a password, is an error naming the variables (never their values).
    pub fn from_env() -> Result<Self, PushError> {
        Self::from_vars(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
    }

    /// [`Auth::from_env`] over any lookup (for tests).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, PushError> {
        match (var(ENV_USER), var(ENV_PASSWORD), var(ENV_TOKEN)) {
            (None, None, None) => Ok(Self::None),
            (None, None, Some(t)) => Ok(Self::Token(t)),
            (Some(user), Some(password), None) => Ok(Self::Password { user, password }),
            (_, _, Some(_)) => Err(PushError::Credentials(format!(
                "both {ENV_TOKEN} and {ENV_USER}/{ENV_PASSWORD} are set; set only one"
            ))),
            (Some(_), None, None) => Err(PushError::Credentials(format!(
                "{ENV_USER} is set but {ENV_PASSWORD} is not"
            ))),
            (None, Some(_), None) => Err(PushError::Credentials(format!(
                "{ENV_PASSWORD} is set but {ENV_USER} is not"
            ))),
        }
    }
}

/// How graphs are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// SPARQL 1.1 Graph Store HTTP Protocol: one `PUT` per graph.
    GraphStore,
    /// SPARQL 1.1 Update: `DROP SILENT GRAPH` then `INSERT DATA` in bounded requests.
    Update,
}

/// The body format of Graph Store requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// N-Triples (`application/n-triples`): every store parses it, line by line.
    NTriples,
    /// Turtle with the project's prefixes (`text/turtle`): smaller.
    Turtle,
}

/// What to push where, and how.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The Graph Store endpoint (`.../sparql-graph-crud-auth`) or the SPARQL Update endpoint.
    pub endpoint: String,
    /// Graph Store Protocol or SPARQL Update.
    pub protocol: Protocol,
    /// Body format of Graph Store requests.
    pub format: BodyFormat,
    /// Largest SPARQL Update request, in bytes (a single larger triple still goes, alone).
    pub chunk_bytes: usize,
    /// How long to wait for a connection (and the name lookup).
    pub connect_timeout: Duration,
    /// How long to wait for each read or write on the connection (the server's answer).
    pub read_timeout: Duration,
    /// Credentials.
    pub auth: Auth,
    /// Prefixes for Turtle bodies.
    pub prefixes: Vec<(String, String)>,
    /// Build every request but send none.
    pub dry_run: bool,
}

impl PushOptions {
    /// Options with the defaults: Graph Store Protocol, N-Triples, 256 KiB update chunks, 10 s to
    /// connect, 300 s per read, no credentials, no prefixes.
    pub fn new(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
            protocol: Protocol::GraphStore,
            format: BodyFormat::NTriples,
            chunk_bytes: DEFAULT_CHUNK_BYTES,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(300),
            auth: Auth::None,
            prefixes: Vec::new(),
            dry_run: false,
        }
    }
}

/// What was (or, with `dry_run`, would be) sent for one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphReport {
    /// The graph; `None` for the default graph.
    pub graph: Option<NamedNode>,
    /// Its triples.
    pub triples: usize,
    /// The bytes of the request bodies.
    pub bytes: usize,
    /// The requests (one `PUT`; or the update requests).
    pub requests: usize,
    /// The first request: `PUT <url>` or `POST <url>`.
    pub request: String,
}

/// The whole push.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Graphs pushed.
    pub graphs: usize,
    /// Triples pushed.
    pub triples: usize,
    /// Bytes of request bodies.
    pub bytes: usize,
    /// Requests sent (authentication retries and the probe not counted).
    pub requests: usize,
    /// Wall-clock time.
    pub elapsed: Duration,
}

/// Which graphs to push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every named graph, and the default graph when it is not empty.
    All,
    /// One named graph.
    Graph(NamedNode),
}

/// The named graph `what` designates: a document named as `tipkg remove` names them (name,
/// symbol, file name or IRI; see [`crate::output::query::find_document`]), or the IRI of any named
/// graph of the store (the vocabulary, the registry).
pub fn resolve_graph(store: &GraphStore, iris: &Iris, what: &str) -> Result<NamedNode, PushError> {
    let graphs = store.graphs()?;
    let bare = what.trim().trim_start_matches('<').trim_end_matches('>');
    if let Some(g) = graphs.iter().find(|g| g.as_str() == bare) {
        return Ok(g.clone());
    }
    match crate::output::query::find_document(what, store, iris) {
        Ok(doc) => Ok(iris.graph(&iris.name_of(&doc).unwrap_or_default())),
        Err(close) => {
            let names: Vec<&str> = close.iter().map(String::as_str).collect();
            Err(PushError::NoSuchGraph {
                name: what.to_owned(),
                hint: if names.is_empty() {
                    " (see `tipkg stats` for the documents)".to_owned()
                } else {
                    format!("; {}", crate::output::query::did_you_mean(&names))
                },
            })
        }
    }
}

/// Pushes the selected graphs of `store` as `options` say, calling `progress` after each graph
/// (with `dry_run`, after building its requests, sending none). Stops at the first failure: the
/// graphs before it are pushed, the one named in the error may be half pushed with
/// [`Protocol::Update`] (pushing again repairs it), the rest are untouched.
pub fn push(
    store: &GraphStore,
    selection: &Selection,
    options: &PushOptions,
    progress: &mut dyn FnMut(&GraphReport, usize, usize),
) -> Result<Summary, PushError> {
    let started = Instant::now();
    let endpoint = check_endpoint(&options.endpoint)?;
    let mut graphs: Vec<GraphName> = match selection {
        Selection::All => store
            .graphs()?
            .into_iter()
            .map(GraphName::NamedNode)
            .collect(),
        Selection::Graph(g) => vec![GraphName::NamedNode(g.clone())],
    };
    if *selection == Selection::All
        && store
            .store()
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .next()
            .is_some()
    {
        graphs.insert(0, GraphName::DefaultGraph);
    }
    let mut client = http::Client::new(
        options.auth.clone(),
        options.connect_timeout,
        options.read_timeout,
    );
    let mut pusher = Pusher {
        store,
        options,
        endpoint: &endpoint,
        client: &mut client,
    };
    if !options.dry_run
        && let Some(first) = graphs.first()
    {
        let url = match options.protocol {
            Protocol::GraphStore => graph_url(&endpoint, first),
            Protocol::Update => endpoint.clone(),
        };
        let label = graph_label(first);
        pusher
            .client
            .probe(&url)
            .map_err(|f| pusher.failure(f, &label))?;
    }
    let mut summary = Summary::default();
    let total = graphs.len();
    for (i, g) in graphs.iter().enumerate() {
        let report = match options.protocol {
            Protocol::GraphStore => pusher.put(g)?,
            Protocol::Update => pusher.update(g)?,
        };
        summary.graphs += 1;
        summary.triples += report.triples;
        summary.bytes += report.bytes;
        summary.requests += report.requests;
        progress(&report, i + 1, total);
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The endpoint, checked: an absolute http(s) URL with a host, no credentials, no fragment.
fn check_endpoint(endpoint: &str) -> Result<String, PushError> {
    let bad = |reason: &str| PushError::BadEndpoint {
        endpoint: endpoint.to_owned(),
        reason: reason.to_owned(),
    };
    let uri: ureq::http::Uri = endpoint
        .parse()
        .map_err(|_| bad("not a URL (example: http://localhost:8890/sparql-graph-crud-auth)"))?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) {
        return Err(bad("not an http:// or https:// URL"));
    }
    let authority = uri.authority().ok_or_else(|| bad("the URL has no host"))?;
    if authority.as_str().contains('@') {
        return Err(PushError::BadEndpoint {
            endpoint: "(not shown: it holds credentials)".to_owned(),
            reason: format!(
                "credentials in the URL are not accepted; set {ENV_USER} and {ENV_PASSWORD}, \
                 or {ENV_TOKEN}"
            ),
        });
    }
    if endpoint.contains('#') {
        return Err(bad("the URL has a fragment (#…)"));
    }
    Ok(endpoint.to_owned())
}

/// `ENDPOINT?graph=<IRI, percent-encoded>` (`&graph=` when the endpoint has a query), or
/// `ENDPOINT?default`.
fn graph_url(endpoint: &str, graph: &GraphName) -> String {
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    match graph {
        GraphName::NamedNode(g) => format!("{endpoint}{sep}graph={}", percent_encode(g.as_str())),
        _ => format!("{endpoint}{sep}default"),
    }
}

/// Percent-encodes everything but the unreserved characters of RFC 3986.
fn percent_encode(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn graph_label(g: &GraphName) -> String {
    match g {
        GraphName::NamedNode(n) => n.to_string(),
        _ => "(default graph)".to_owned(),
    }
}

/// One push in progress.
struct Pusher<'a> {
    store: &'a GraphStore,
    options: &'a PushOptions,
    endpoint: &'a str,
    client: &'a mut http::Client,
}

impl<'a> Pusher<'a> {
    /// The quads of graph `g` (borrowing the store, not the pusher).
    fn quads(&self, g: &GraphName) -> impl Iterator<Item = Result<Quad, PushError>> + use<'a> {
        let label = graph_label(g);
        let store: &'a GraphStore = self.store;
        store
            .store()
            .quads_for_pattern(None, None, None, Some(g.as_ref()))
            .map(move |q| {
                q.map_err(|e| PushError::Read {
                    graph: label.clone(),
                    message: e.to_string(),
                })
            })
    }

    /// One graph by the Graph Store Protocol.
    fn put(&mut self, g: &GraphName) -> Result<GraphReport, PushError> {
        let label = graph_label(g);
        let read = |e: std::io::Error| PushError::Read {
            graph: label.clone(),
            message: e.to_string(),
        };
        let (format, content_type) = match self.options.format {
            BodyFormat::NTriples => (RdfFormat::NTriples, "application/n-triples"),
            BodyFormat::Turtle => (RdfFormat::Turtle, "text/turtle"),
        };
        let mut serializer = RdfSerializer::from_format(format);
        if format == RdfFormat::Turtle {
            for (name, iri) in &self.options.prefixes {
                serializer = serializer
                    .with_prefix(name, iri)
                    .map_err(|e| read(std::io::Error::other(e)))?;
            }
        }
        let mut writer = serializer.for_writer(Vec::new());
        let mut triples = 0;
        for q in self.quads(g) {
            let q = q?;
            writer
                .serialize_triple(oxigraph::model::TripleRef::from(q.as_ref()))
                .map_err(read)?;
            triples += 1;
        }
        let body = writer.finish().map_err(read)?;
        let url = graph_url(self.endpoint, g);
        if !self.options.dry_run {
            let reply = self
                .client
                .send("PUT", &url, content_type, &body)
                .map_err(|f| self.failure(f, &label))?;
            self.judge(reply, &label)?;
        }
        Ok(GraphReport {
            graph: graph_node(g),
            triples,
            bytes: body.len(),
            requests: 1,
            request: format!("PUT {url}"),
        })
    }

    /// One graph by SPARQL Update: the first request drops it, every request inserts at most
    /// `chunk_bytes` of triples; triples with blank nodes go last, together.
    fn update(&mut self, g: &GraphName) -> Result<GraphReport, PushError> {
        let label = graph_label(g);
        let (drop_graph, open, close) = match g {
            GraphName::NamedNode(n) => (
                format!("DROP SILENT GRAPH {n} ;\n"),
                format!("INSERT DATA {{ GRAPH {n} {{\n"),
                "} }\n",
            ),
            _ => (
                "DROP SILENT DEFAULT ;\n".to_owned(),
                "INSERT DATA {\n".to_owned(),
                "}\n",
            ),
        };
        let mut report = GraphReport {
            graph: graph_node(g),
            triples: 0,
            bytes: 0,
            requests: 0,
            request: format!("POST {}", self.endpoint),
        };
        let mut chunk = String::new();
        let mut in_chunk = 0usize;
        let mut with_blank: Vec<String> = Vec::new();
        let mut dropped = false;
        for q in self.quads(g) {
            let q = q?;
            report.triples += 1;
            let line = format!("{} {} {} .\n", q.subject, q.predicate, q.object);
            if matches!(q.subject, NamedOrBlankNode::BlankNode(_))
                || matches!(q.object, Term::BlankNode(_))
            {
                with_blank.push(line);
                continue;
            }
            let head = if dropped { 0 } else { drop_graph.len() };
            if in_chunk > 0
                && head + open.len() + chunk.len() + line.len() + close.len()
                    > self.options.chunk_bytes
            {
                let text = self.request_text(&mut dropped, &drop_graph, &open, &chunk, close);
                self.post(&text, &label, &mut report)?;
                chunk.clear();
                in_chunk = 0;
            }
            chunk.push_str(&line);
            in_chunk += 1;
        }
        if in_chunk > 0 || (with_blank.is_empty() && !dropped) {
            let text = if in_chunk > 0 {
                self.request_text(&mut dropped, &drop_graph, &open, &chunk, close)
            } else {
                dropped = true;
                drop_graph
                    .trim_end()
                    .trim_end_matches(';')
                    .trim_end()
                    .to_owned()
            };
            self.post(&text, &label, &mut report)?;
        }
        if !with_blank.is_empty() {
            // A template's blank node labels name the same nodes throughout one request.
            let template = match g {
                GraphName::NamedNode(n) => format!("INSERT {{ GRAPH {n} {{\n"),
                _ => "INSERT {\n".to_owned(),
            };
            let mut text = if dropped { String::new() } else { drop_graph };
            text.push_str(&template);
            with_blank.iter().for_each(|l| text.push_str(l));
            text.push_str(close);
            text.push_str("WHERE { }\n");
            self.post(&text, &label, &mut report)?;
        }
        Ok(report)
    }

    fn request_text(
        &self,
        dropped: &mut bool,
        drop: &str,
        open: &str,
        chunk: &str,
        close: &str,
    ) -> String {
        let mut text = String::with_capacity(drop.len() + open.len() + chunk.len() + close.len());
        if !*dropped {
            text.push_str(drop);
            *dropped = true;
        }
        text.push_str(open);
        text.push_str(chunk);
        text.push_str(close);
        text
    }

    fn post(&mut self, text: &str, label: &str, report: &mut GraphReport) -> Result<(), PushError> {
        report.requests += 1;
        report.bytes += text.len();
        if self.options.dry_run {
            return Ok(());
        }
        let reply = self
            .client
            .send(
                "POST",
                self.endpoint,
                "application/sparql-update; charset=utf-8",
                text.as_bytes(),
            )
            .map_err(|f| self.failure(f, label))?;
        self.judge(reply, label)
    }

    /// A 2xx reply is success; any other status is an error naming the graph.
    fn judge(&self, reply: http::Reply, label: &str) -> Result<(), PushError> {
        if (200..300).contains(&reply.status) {
            return Ok(());
        }
        Err(PushError::Status {
            endpoint: self.endpoint.to_owned(),
            graph: label.to_owned(),
            status: reply.status,
            message: said(&reply.message),
        })
    }

    fn failure(&self, f: http::Failure, label: &str) -> PushError {
        let endpoint = self.endpoint.to_owned();
        let graph = label.to_owned();
        match f {
            http::Failure::Network(message) => PushError::Network {
                endpoint,
                graph,
                message,
            },
            http::Failure::Timeout(phase) => PushError::Timeout {
                endpoint,
                graph,
                phase,
            },
            http::Failure::Unauthorized { reply, tried } => PushError::Unauthorized {
                endpoint,
                graph,
                tried,
                hint: match self.options.auth {
                    Auth::None => {
                        "; the endpoint wants credentials: set TIPKG_PUSH_USER and \
                         TIPKG_PUSH_PASSWORD, or TIPKG_PUSH_TOKEN"
                    }
                    Auth::Password { .. } => {
                        "; check TIPKG_PUSH_USER and TIPKG_PUSH_PASSWORD (and the user's \
                         right to update)"
                    }
                    Auth::Token(_) => "; check TIPKG_PUSH_TOKEN",
                },
                message: said(&reply.message),
            },
        }
    }
}

fn said(message: &str) -> String {
    if message.is_empty() {
        String::new()
    } else {
        format!(": {message}")
    }
}

fn graph_node(g: &GraphName) -> Option<NamedNode> {
    match g {
        GraphName::NamedNode(n) => Some(n.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
