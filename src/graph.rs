//! Graph: the network of speaker → verb → addressee (or object) as Graphviz DOT, edge weight =
//! number of provisions; optionally one entity's neighbourhood or one verb. SVG is rendered by
//! Graphviz `dot` when it is installed.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::process::{Command, Stdio};

use oxigraph::model::Term;

use crate::query::{QueryError, compact_iri, prefixes, select};
use crate::rdf::Iris;
use crate::store::GraphStore;

/// A failure to draw the network.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// The network query failed.
    #[error("graph: {0}")]
    Query(#[from] QueryError),
    /// Graphviz is not installed.
    #[error(
        "graph: Graphviz `dot` was not found on PATH, so no SVG can be rendered; install Graphviz \
         (Debian: apt-get install graphviz) or use --format dot"
    )]
    NoGraphviz,
    /// Graphviz failed.
    #[error("graph: Graphviz `dot` failed: {0}")]
    Graphviz(String),
    /// Writing failed.
    #[error("graph: writing: {0}")]
    Io(#[from] io::Error),
}

/// One edge: speaker, verb (local name), target, number of provisions.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// The speaker IRI.
    pub from: String,
    /// The verb's local name.
    pub verb: String,
    /// The addressee or object IRI.
    pub to: String,
    /// How many provisions.
    pub weight: usize,
}

/// The edges of the network, filtered to those touching `entity` (an IRI) and with `verb`.
pub fn edges(
    store: &GraphStore,
    iris: &Iris,
    entity: Option<&str>,
    verb: Option<&str>,
) -> Result<(Vec<Edge>, BTreeMap<String, String>), GraphError> {
    let rows = select(
        store,
        "SELECT ?from ?verb ?to (COUNT(DISTINCT ?v) AS ?n) WHERE { \
           ?v a tip:Provision ; tip:speaker ?from ; tip:verb ?verb . \
           { ?v tip:addressee ?to } UNION { ?v tip:object ?to } \
         } GROUP BY ?from ?verb ?to",
        "graph",
        iris,
    )?;
    let s = |t: Option<&Term>| match t {
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(t) => t.to_string(),
        None => String::new(),
    };
    let verb_ns = crate::vocab::TIP;
    let mut out: Vec<Edge> = rows
        .iter()
        .map(|r| Edge {
            from: s(r.get("from")),
            verb: s(r.get("verb"))
                .strip_prefix(verb_ns)
                .map(str::to_owned)
                .unwrap_or_else(|| s(r.get("verb"))),
            to: s(r.get("to")),
            weight: s(r.get("n")).parse().unwrap_or(0),
        })
        .filter(|e| entity.is_none_or(|x| e.from == x || e.to == x))
        .filter(|e| verb.is_none_or(|v| e.verb == v))
        .collect();
    out.sort();
    let mut labels = BTreeMap::new();
    for r in select(
        store,
        "SELECT ?e (MIN(?l) AS ?label) WHERE { \
           { ?e tip:acronym ?l } UNION { ?e skos:prefLabel ?l FILTER NOT EXISTS { ?e tip:acronym ?a } } \
         } GROUP BY ?e",
        "graph",
        iris,
    )? {
        labels.insert(s(r.get("e")), s(r.get("label")));
    }
    Ok((out, labels))
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes the network as Graphviz DOT.
pub fn write_dot(
    edges: &[Edge],
    labels: &BTreeMap<String, String>,
    iris: &Iris,
    mut out: impl Write,
) -> io::Result<()> {
    let pfx = prefixes(iris);
    writeln!(out, "digraph tipkg {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, overlap=false, fontname=\"Helvetica\"];"
    )?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", fontname=\"Helvetica\"];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];")?;
    let mut nodes: Vec<&str> = edges
        .iter()
        .flat_map(|e| [e.from.as_str(), e.to.as_str()])
        .collect();
    nodes.sort_unstable();
    nodes.dedup();
    for n in nodes {
        let label = labels
            .get(n)
            .cloned()
            .unwrap_or_else(|| compact_iri(n, &pfx));
        writeln!(out, "  {} [label={}];", quote(n), quote(&label))?;
    }
    for e in edges {
        let directive = crate::vocab::is_directive(&e.verb);
        // Width grows with the logarithm of the weight, so a busy edge stays readable.
        let width = 1.0 + (e.weight as f64).ln();
        writeln!(
            out,
            "  {} -> {} [label={}, weight={}, penwidth={width:.2}{}];",
            quote(&e.from),
            quote(&e.to),
            quote(&format!("{} ({})", e.verb, e.weight)),
            e.weight,
            if directive {
                ", color=\"#1f5fbf\""
            } else {
                ", color=\"#888888\""
            }
        )?;
    }
    writeln!(out, "}}")?;
    out.flush()
}

/// Renders DOT source to SVG with Graphviz `dot`.
pub fn render_svg(dot: &[u8]) -> Result<Vec<u8>, GraphError> {
    let mut child = match Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(GraphError::NoGraphviz),
        Err(e) => return Err(GraphError::Graphviz(e.to_string())),
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(dot)?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        return Err(GraphError::Graphviz(
            String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        ));
    }
    Ok(out.stdout)
}
