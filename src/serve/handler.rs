//! Routing and the endpoints: every request gets a response (a 4xx or 5xx with a plain-text
//! message when it cannot be answered), never a panic.

use std::collections::HashSet;
use std::io::{Cursor, Read};
use std::sync::Arc;

use oxhttp::model::header::{
    ACCEPT, ALLOW, CONTENT_LENGTH, CONTENT_TYPE, HOST, HeaderValue, RETRY_AFTER, VARY,
};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::model::NamedNode;
use oxigraph::sparql::CancellationToken;

use super::negotiate::{self, Kind, Limited, WriteFailure};
use super::pool::NoAnswer;
use super::{InFlight, Shared, Tracked};
use crate::output::query::{self, Dataset, QueryError};
use crate::registry::Registry;

/// A response other than 200: its status and a plain-text message.
#[derive(Debug)]
struct Failure {
    status: StatusCode,
    message: String,
    /// The methods allowed (405).
    allow: Option<&'static str>,
    /// Worth retrying soon (503 when busy).
    retry: bool,
}

impl Failure {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            allow: None,
            retry: false,
        }
    }

    fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
}

/// The body of a 200 answer.
enum Payload {
    Owned(Vec<u8>),
    Shared(Arc<[u8]>),
}

/// A 200 answer.
struct Answer {
    content_type: &'static str,
    body: Payload,
    /// Chosen by the Accept header (so `Vary: Accept`).
    negotiated: bool,
}

impl Answer {
    fn text(content_type: &'static str, body: String) -> Self {
        Self {
            content_type,
            body: Payload::Owned(body.into_bytes()),
            negotiated: false,
        }
    }
}

/// Answers one request.
pub(super) fn handle(shared: &Arc<Shared>, request: &mut Request<Body>) -> Response<Body> {
    let Some(guard) = shared.enter() else {
        let mut f = Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is shutting down",
        );
        f.retry = true;
        return respond(Err(f), None);
    };
    let result = route(shared, request);
    respond(result, Some(guard))
}

const READ_ONLY: &str = "this endpoint is read-only: it answers SPARQL queries (SELECT, ASK, \
                         CONSTRUCT, DESCRIBE), not updates; the store is changed with `tipkg \
                         extract`, `tipkg remove` and `tipkg load`";

fn route(shared: &Arc<Shared>, request: &mut Request<Body>) -> Result<Answer, Failure> {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    let only_get = |m: &Method| {
        if *m == Method::GET {
            Ok(())
        } else {
            Err(not_allowed(m, "GET"))
        }
    };
    match path.as_str() {
        "/" => {
            only_get(&method)?;
            Ok(index(shared, request))
        }
        "/query" => {
            if method != Method::GET && method != Method::POST {
                return Err(not_allowed(&method, "GET, POST"));
            }
            let p = protocol(shared, request)?;
            let dataset = if p.default.is_empty() && p.named.is_empty() {
                Dataset::Union
            } else {
                Dataset::Explicit {
                    default: p.default,
                    named: p.named,
                }
            };
            run_query(
                shared,
                request,
                p.query,
                "query".to_owned(),
                Vec::new(),
                dataset,
                p.format,
            )
        }
        "/update" => Err(Failure::new(StatusCode::FORBIDDEN, READ_ONLY)),
        "/queries" | "/queries/" => {
            only_get(&method)?;
            Ok(list())
        }
        "/.well-known/void" => {
            only_get(&method)?;
            void(shared, request)
        }
        p => match p.strip_prefix("/queries/") {
            Some(name) => {
                only_get(&method)?;
                named(shared, request, name)
            }
            None => Err(Failure::new(
                StatusCode::NOT_FOUND,
                format!(
                    "no endpoint {p}: this server has /query, /queries, /queries/NAME and \
                     /.well-known/void (see /)"
                ),
            )),
        },
    }
}

fn not_allowed(method: &Method, allow: &'static str) -> Failure {
    let mut f = Failure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("method {method} not allowed here (allowed: {allow})"),
    );
    f.allow = Some(allow);
    f
}

/// A SPARQL Protocol request, decoded.
struct Protocol {
    query: String,
    default: Vec<NamedNode>,
    named: Vec<NamedNode>,
    format: Option<String>,
}

/// Decodes `/query`: GET with `?query=`, POST `application/sparql-query` (the body is the query,
/// the other parameters in the URL) or `application/x-www-form-urlencoded`.
fn protocol(shared: &Shared, request: &mut Request<Body>) -> Result<Protocol, Failure> {
    let mut pairs = url_pairs(request)?;
    if request.method() == Method::POST {
        let content_type = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .unwrap_or_default();
        match content_type.as_str() {
            "application/sparql-query" => {
                let body = read_body(request, shared.options.max_body)?;
                let text = String::from_utf8(body)
                    .map_err(|_| Failure::bad("the query (the request body) is not UTF-8"))?;
                pairs.push(("query".to_owned(), text));
            }
            "application/x-www-form-urlencoded" => {
                let body = read_body(request, shared.options.max_body)?;
                let text = String::from_utf8(body)
                    .map_err(|_| Failure::bad("the form (the request body) is not UTF-8"))?;
                pairs.extend(negotiate::form_pairs(&text).map_err(Failure::bad)?);
            }
            "application/sparql-update" => {
                return Err(Failure::new(StatusCode::FORBIDDEN, READ_ONLY));
            }
            other => {
                return Err(Failure::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!(
                        "POST a query as application/sparql-query (the body is the query) or \
                         application/x-www-form-urlencoded (query=…), not {}",
                        if other.is_empty() {
                            "without a Content-Type"
                        } else {
                            other
                        }
                    ),
                ));
            }
        }
    }
    if pairs.iter().any(|(k, _)| k == "update") {
        return Err(Failure::new(StatusCode::FORBIDDEN, READ_ONLY));
    }
    let mut queries = Vec::new();
    let (mut default, mut named, mut formats) = (Vec::new(), Vec::new(), Vec::new());
    for (k, v) in pairs {
        match k.as_str() {
            "query" => queries.push(v),
            "default-graph-uri" | "named-graph-uri" => {
                let iri = NamedNode::new(v.trim())
                    .map_err(|e| Failure::bad(format!("{k} {v:?} is not an IRI: {e}")))?;
                if k == "default-graph-uri" {
                    default.push(iri);
                } else {
                    named.push(iri);
                }
            }
            "format" => formats.push(v),
            _ => {}
        }
    }
    if formats.len() > 1 {
        return Err(Failure::bad("format= given more than once"));
    }
    let query = match <[String; 1]>::try_from(queries) {
        Ok([q]) => q,
        Err(v) if v.is_empty() => {
            return Err(Failure::bad(
                "no query: give ?query=… (GET), or POST the query as application/sparql-query \
                 or as a form (query=…)",
            ));
        }
        Err(_) => return Err(Failure::bad("more than one query in the request")),
    };
    Ok(Protocol {
        query,
        default,
        named,
        format: formats.pop(),
    })
}

/// The decoded parameters of the URL's query string.
fn url_pairs(request: &Request<Body>) -> Result<Vec<(String, String)>, Failure> {
    negotiate::form_pairs(request.uri().query().unwrap_or("")).map_err(Failure::bad)
}

/// The `Accept` headers of the request, joined.
fn accept(request: &Request<Body>) -> Option<String> {
    let values: Vec<&str> = request
        .headers()
        .get_all(ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// The request body, at most `max` bytes (413 beyond).
fn read_body(request: &mut Request<Body>, max: usize) -> Result<Vec<u8>, Failure> {
    let too_large = || {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body passes the server's limit of {max} bytes (--max-body)"),
        )
    };
    let max64 = u64::try_from(max).unwrap_or(u64::MAX);
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    Read::by_ref(request.body_mut())
        .take(max64.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|e| Failure::bad(format!("reading the request body: {e}")))?;
    if body.len() > max {
        return Err(too_large());
    }
    Ok(body)
}

/// Runs a query on a worker within the time limit and writes its results in the negotiated
/// format. `params` are `name=value` bindings (named queries).
fn run_query(
    shared: &Arc<Shared>,
    request: &Request<Body>,
    text: String,
    origin: String,
    params: Vec<String>,
    dataset: Dataset,
    format: Option<String>,
) -> Result<Answer, Failure> {
    if let Some(keyword) = query::update_keyword(&text) {
        return Err(Failure::new(
            StatusCode::FORBIDDEN,
            format!("{keyword} is a SPARQL update; {READ_ONLY}"),
        ));
    }
    let accept = accept(request);
    let timeout = shared.options.timeout;
    let sh = Arc::clone(shared);
    let answer = shared.pool.run(timeout, move |token| {
        evaluate(
            &sh,
            &text,
            &origin,
            &params,
            &dataset,
            accept.as_deref(),
            format.as_deref(),
            token,
        )
    });
    match answer {
        Ok(result) => result,
        Err(NoAnswer::TimedOut) => Err(timed_out(shared)),
        Err(NoAnswer::Busy { waiting }) => {
            let mut f = Failure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the server is busy: the query waited {} s for one of its {} query workers \
                     ({waiting} queries waiting); try again",
                    timeout.as_secs_f64(),
                    shared.pool.workers()
                ),
            );
            f.retry = true;
            Err(f)
        }
        Err(NoAnswer::Failed) => Err(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the query failed inside the server (an internal error; the server's log says more)",
        )),
    }
}

fn timed_out(shared: &Shared) -> Failure {
    Failure::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "query stopped after {} s (the server's --timeout): narrow it or add LIMIT, or run \
             it with `tipkg query` on the store",
            shared.options.timeout.as_secs_f64()
        ),
    )
}

/// On a worker: binds the parameters, runs the query, negotiates and writes the results.
#[allow(clippy::too_many_arguments)]
fn evaluate(
    shared: &Shared,
    text: &str,
    origin: &str,
    params: &[String],
    dataset: &Dataset,
    accept: Option<&str>,
    format: Option<&str>,
    token: &CancellationToken,
) -> Result<Answer, Failure> {
    let from_query = |e: QueryError| {
        if token.is_cancelled() {
            return timed_out(shared);
        }
        let status = match &e {
            QueryError::Syntax { .. }
            | QueryError::BadParam(_)
            | QueryError::NoMatch { .. }
            | QueryError::UnusedParam { .. } => StatusCode::BAD_REQUEST,
            QueryError::UnknownName(_) => StatusCode::NOT_FOUND,
            QueryError::Format { .. } => StatusCode::NOT_ACCEPTABLE,
            QueryError::Evaluation { .. } | QueryError::Io(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure::new(status, e.to_string())
    };
    let bound = params
        .iter()
        .map(|p| query::resolve_param(p, &shared.store, Registry::embedded(), &shared.iris))
        .collect::<Result<Vec<_>, _>>()
        .map_err(from_query)?;
    let results = query::execute_in(
        &shared.store,
        text,
        origin,
        &bound,
        dataset,
        &shared.iris,
        Some(token.clone()),
    )
    .map_err(from_query)?;
    let chosen = negotiate::choose(negotiate::kind_of(&results), accept, format)
        .map_err(|m| Failure::new(StatusCode::NOT_ACCEPTABLE, m))?;
    let mut out = Limited::new(shared.options.max_result);
    negotiate::write_results(results, chosen, &shared.iris, &mut out).map_err(|e| match e {
        _ if token.is_cancelled() => timed_out(shared),
        WriteFailure::Evaluation(m) => {
            Failure::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{origin}: {m}"))
        }
        WriteFailure::TooLarge => Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "the results pass the server's limit of {} MB (--max-result): add LIMIT, or \
                 use `tipkg query` or `tipkg export` on the store",
                shared.options.max_result >> 20
            ),
        ),
        WriteFailure::Io(e) => Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    })?;
    Ok(Answer {
        content_type: chosen.content_type(),
        body: Payload::Owned(out.into_inner()),
        negotiated: true,
    })
}

/// `/queries/NAME?param=value…&format=…`.
fn named(shared: &Arc<Shared>, request: &Request<Body>, name: &str) -> Result<Answer, Failure> {
    let q = query::named(name).map_err(|_| {
        let names = query::closest(name, query::NAMED_QUERIES.iter().map(|q| q.name));
        let hint = if names.is_empty() {
            String::new()
        } else {
            format!("; {}", query::did_you_mean(&names))
        };
        Failure::new(
            StatusCode::NOT_FOUND,
            format!("no named query {name:?}{hint} (the list: /queries)"),
        )
    })?;
    let mut format = None;
    let mut params = Vec::new();
    let mut seen = HashSet::new();
    for (k, v) in url_pairs(request)? {
        if k == "format" {
            if format.replace(v).is_some() {
                return Err(Failure::bad("format= given more than once"));
            }
        } else if !seen.insert(k.clone()) {
            return Err(Failure::bad(format!(
                "parameter {k:?} given more than once"
            )));
        } else {
            params.push(format!("{k}={v}"));
        }
    }
    run_query(
        shared,
        request,
        q.text.to_owned(),
        format!("query {}", q.name),
        params,
        Dataset::Union,
        format,
    )
}

/// `/queries`: the named queries as JSON.
fn list() -> Answer {
    let list: Vec<serde_json::Value> = query::NAMED_QUERIES
        .iter()
        .map(|q| {
            // The `?name`s of the parameter lines, each once: what /queries/NAME?name=… binds.
            let mut variables: Vec<String> = Vec::new();
            for line in q.parameters() {
                for word in line.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '?')) {
                    if let Some(v) = word.strip_prefix('?').filter(|v| !v.is_empty())
                        && !variables.iter().any(|w| w == v)
                    {
                        variables.push(v.to_owned());
                    }
                }
            }
            serde_json::json!({
                "name": q.name,
                "summary": q.summary(),
                "parameters": q.parameters(),
                "variables": variables,
                "url": format!("/queries/{}", q.name),
            })
        })
        .collect();
    let text = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".to_owned());
    Answer::text("application/json", text + "\n")
}

/// `/.well-known/void`: the description computed at start, in the negotiated RDF format.
fn void(shared: &Shared, request: &Request<Body>) -> Result<Answer, Failure> {
    let mut format = None;
    for (k, v) in url_pairs(request)? {
        if k == "format" && format.replace(v).is_some() {
            return Err(Failure::bad("format= given more than once"));
        }
    }
    let chosen = negotiate::choose(Kind::Graph, accept(request).as_deref(), format.as_deref())
        .map_err(|m| Failure::new(StatusCode::NOT_ACCEPTABLE, m))?;
    let body = shared
        .void
        .iter()
        .find(|(f, _)| *f == chosen)
        .map(|(_, b)| Arc::clone(b))
        .ok_or_else(|| {
            Failure::new(
                StatusCode::NOT_ACCEPTABLE,
                "the VoID description is written as Turtle, N-Triples, JSON-LD or RDF/XML",
            )
        })?;
    Ok(Answer {
        content_type: chosen.content_type(),
        body: Payload::Shared(body),
        negotiated: true,
    })
}

/// `/`: what this server serves.
fn index(shared: &Shared, request: &Request<Body>) -> Answer {
    let host = request
        .headers()
        .get(HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_graphic()))
        .unwrap_or("HOST:PORT");
    let o = &shared.options;
    let names: Vec<&str> = query::NAMED_QUERIES.iter().map(|q| q.name).collect();
    let prefixes: Vec<String> = shared
        .iris
        .prefixes()
        .into_iter()
        .map(|(p, _)| format!("{p}:"))
        .collect();
    let text = format!(
        "tipkg: a read-only SPARQL endpoint on the store {store}

GET  /query?query=…                the SPARQL 1.1 Protocol (also POST application/sparql-query,
                                   or a form with query=…; default-graph-uri, named-graph-uri)
GET  /queries                      the named queries, with their parameters (JSON)
GET  /queries/NAME?param=value…    run a named query
GET  /.well-known/void             the VoID description of the store

Named queries: {names}.

Without default-graph-uri/named-graph-uri (or FROM in the query), the default graph is the
union of all graphs. Predeclared prefixes: {prefixes}.
Formats, by Accept or format=: SELECT/ASK as SPARQL JSON (default), XML, CSV, TSV;
CONSTRUCT/DESCRIBE and VoID as Turtle (default), N-Triples, JSON-LD, RDF/XML.
Updates are refused (403). Limits: {timeout} s a query, {workers} queries at once, {conns}
connections, request bodies up to {body} bytes, responses up to {result} MB.

Example:
  curl -H 'Accept: text/csv' --data-urlencode \\
    'query=SELECT ?doc ?title {{ ?doc a tip:Document ; dcterms:title ?title }} LIMIT 5' \\
    http://{host}/query
  curl 'http://{host}/queries/mandates-to-entity?entity=UNODC&format=csv'
",
        store = shared.store.path().display(),
        names = names.join(", "),
        prefixes = prefixes.join(" "),
        timeout = o.timeout.as_secs_f64(),
        workers = shared.pool.workers(),
        conns = o.max_connections,
        body = o.max_body,
        result = o.max_result >> 20,
    );
    Answer::text("text/plain; charset=utf-8", text)
}

/// The HTTP response: the answer's body, or the failure's message as plain text; the request
/// stays counted in flight until the body has been sent.
fn respond(result: Result<Answer, Failure>, guard: Option<InFlight>) -> Response<Body> {
    let (status, content_type, payload, negotiated, allow, retry) = match result {
        Ok(a) => (
            StatusCode::OK,
            a.content_type,
            a.body,
            a.negotiated,
            None,
            false,
        ),
        Err(f) => (
            f.status,
            "text/plain; charset=utf-8",
            Payload::Owned(format!("{}\n", f.message).into_bytes()),
            false,
            f.allow,
            f.retry,
        ),
    };
    let inner: Box<dyn Read> = match payload {
        Payload::Owned(v) => Box::new(Cursor::new(v)),
        Payload::Shared(a) => Box::new(Cursor::new(a)),
    };
    let mut response = Response::new(Body::from_read(Tracked {
        inner,
        _guard: guard,
    }));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if negotiated {
        headers.insert(VARY, HeaderValue::from_static("accept"));
    }
    if let Some(allow) = allow {
        headers.insert(ALLOW, HeaderValue::from_static(allow));
    }
    if retry {
        headers.insert(RETRY_AFTER, HeaderValue::from_static("1"));
    }
    response
}
