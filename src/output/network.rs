//! Graph: the network of speaker → verb → addressee as Graphviz DOT, edge weight = number of
//! provisions. By default the directive verbs (urges, requests, …: who asks whom to act); with
//! a verb, an entity's neighbourhood or all verbs, also the objects of the other verbs (what is
//! reaffirmed, welcomed, …). Nodes are labelled with the entities' preferred labels; speakers
//! are drawn apart from the entities they address. SVG is rendered by Graphviz `dot` when it
//! is installed.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::process::{Command, Stdio};

use oxigraph::model::Term;

use crate::output::query::{QueryError, select};
use crate::rdf::Iris;
use crate::rdf::vocab::compact_iri;
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

/// Which provisions make the network.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter<'a> {
    /// Only edges touching this entity (an IRI); all verbs.
    pub entity: Option<&'a str>,
    /// Only this verb (local name).
    pub verb: Option<&'a str>,
    /// Every verb, not only the directive ones, when neither of the above is given.
    pub all_verbs: bool,
}

/// The edges of the network (see [`Filter`]), sorted, and the label of every entity.
pub fn edges(
    store: &GraphStore,
    iris: &Iris,
    filter: Filter<'_>,
) -> Result<(Vec<Edge>, BTreeMap<String, String>), GraphError> {
    let Filter {
        entity,
        verb,
        all_verbs,
    } = filter;
    let every_verb = all_verbs || entity.is_some() || verb.is_some();
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
    let verb_ns = crate::rdf::vocab::TIP;
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
        .filter(|e| every_verb || crate::rdf::vocab::is_directive(&e.verb))
        .collect();
    out.sort();
    let mut labels = BTreeMap::new();
    for r in select(
        store,
        "SELECT ?e (MIN(?l) AS ?label) WHERE { \
           ?e skos:prefLabel ?l FILTER(LANG(?l) = \"\" || LANGMATCHES(LANG(?l), \"en\")) \
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

/// Colours of the directive verbs' edges (the others are grey).
const VERB_COLOURS: &[(&str, &str)] = &[
    ("urges", "#c0392b"),
    ("requests", "#1f5fbf"),
    ("encourages", "#1e8449"),
    ("invites", "#7d3c98"),
    ("callsUpon", "#d35400"),
];

/// Longest line of a node label before it is wrapped.
const LABEL_LINE: usize = 28;

/// `label` broken at spaces into lines of about [`LABEL_LINE`] characters.
fn wrap_label(label: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= LABEL_LINE => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// Writes the network as Graphviz DOT: node ids are prefixed names (`id:unodc`; a speaker is a
/// node of its own, `speaker id:un-ga`), labels the preferred labels wrapped over lines,
/// speakers in their own colour on the left, edges
/// labelled `verb (n)` with `n` provisions, their width growing with `n`.
pub fn write_dot(
    edges: &[Edge],
    labels: &BTreeMap<String, String>,
    iris: &Iris,
    mut out: impl Write,
) -> io::Result<()> {
    let pfx = iris.prefixes();
    let id = |n: &str| quote(&compact_iri(n, &pfx));
    // A speaker is its own node, apart from the same entity as an addressee ("We, the
    // States Members" urging Member States is an edge between two nodes, not a loop).
    let speaker_id = |n: &str| quote(&format!("speaker {}", compact_iri(n, &pfx)));
    writeln!(out, "digraph tipkg {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, overlap=false, nodesep=0.25, ranksep=1.2, fontname=\"Helvetica\", \
         fontsize=11, labelloc=b, label=\"speakers (left) → addressees; edge label: verb (number \
         of provisions)\"];"
    )?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", color=\"#5b7db1\", \
         fontname=\"Helvetica\", fontsize=11];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];"
    )?;
    let mut speakers: Vec<&str> = edges.iter().map(|e| e.from.as_str()).collect();
    speakers.sort_unstable();
    speakers.dedup();
    let label = |n: &str| {
        let l = labels
            .get(n)
            .cloned()
            .unwrap_or_else(|| compact_iri(n, &pfx));
        // DOT: escape quotes and backslashes, then join the lines with \n.
        wrap_label(&l)
            .iter()
            .map(|line| line.replace('\\', "\\\\").replace('"', "\\\""))
            .collect::<Vec<_>>()
            .join("\\n")
    };
    writeln!(out, "  subgraph speakers {{")?;
    writeln!(out, "    rank=source;")?;
    writeln!(
        out,
        "    node [shape=box, style=\"filled,bold\", fillcolor=\"#fde9c8\", color=\"#b9770e\", fontsize=13];"
    )?;
    for n in &speakers {
        writeln!(out, "    {} [label=\"{}\"];", speaker_id(n), label(n))?;
    }
    writeln!(out, "  }}")?;
    let mut targets: Vec<&str> = edges.iter().map(|e| e.to.as_str()).collect();
    targets.sort_unstable();
    targets.dedup();
    for n in targets {
        writeln!(out, "  {} [label=\"{}\"];", id(n), label(n))?;
    }
    for e in edges {
        let colour = VERB_COLOURS
            .iter()
            .find(|(v, _)| *v == e.verb)
            .map_or("#888888", |(_, c)| c);
        // Width grows with the logarithm of the weight, so a busy edge stays readable.
        let width = 1.0 + (e.weight as f64).ln();
        writeln!(
            out,
            "  {} -> {} [label={}, weight={}, penwidth={width:.2}, color=\"{colour}\", fontcolor=\"{colour}\"];",
            speaker_id(&e.from),
            id(&e.to),
            quote(&format!("{} ({})", e.verb, e.weight)),
            e.weight,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_at_spaces() {
        assert_eq!(wrap_label("UNODC"), vec!["UNODC"]);
        let l = wrap_label("United Nations Office on Drugs and Crime");
        assert_eq!(l, vec!["United Nations Office on", "Drugs and Crime"]);
    }

    #[test]
    fn dot_marks_speakers_and_labels_edges() {
        let edges = vec![Edge {
            from: "https://w3id.org/tipkg/id/un-ga".into(),
            verb: "requests".into(),
            to: "https://w3id.org/tipkg/id/unodc".into(),
            weight: 3,
        }];
        let mut labels = BTreeMap::new();
        labels.insert(
            "https://w3id.org/tipkg/id/unodc".to_owned(),
            "United Nations \"Office\" on Drugs and Crime".to_owned(),
        );
        let mut out = Vec::new();
        write_dot(&edges, &labels, &Iris::default(), &mut out).unwrap();
        let dot = String::from_utf8(out).unwrap();
        let speakers = dot.split("subgraph speakers").nth(1).unwrap();
        let speakers = speakers.split("  }").next().unwrap();
        assert!(
            speakers.contains("\"speaker id:un-ga\" [label=\"id:un-ga\"]"),
            "{dot}"
        );
        assert!(!speakers.contains("id:unodc"));
        assert!(
            dot.contains(
                "\"id:unodc\" [label=\"United Nations \\\"Office\\\" on\\nDrugs and Crime\"]"
            ),
            "{dot}"
        );
        assert!(
            dot.contains("\"speaker id:un-ga\" -> \"id:unodc\" [label=\"requests (3)\", weight=3")
        );
    }
}
