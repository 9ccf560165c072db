//! Export: writes the store, one of its graphs, or all of them merged, as RDF.
//!
//! Output is stable: graphs, subjects, predicates and objects are written in sorted order
//! (`rdf:type` first), so that Turtle and TriG group every subject once with its predicates
//! (Oxigraph's serializers group only consecutive triples, and the in-memory store iterates in
//! no particular order). Turtle, TriG, RDF/XML and JSON-LD use the project's prefixes and no
//! base IRI. Only the sorted list of subjects is held in memory; each subject's statements are
//! fetched from the store's index and written before the next.
//!
//! Turtle and TriG are written here too ([`TurtleWriter`]): Oxigraph's serializer writes a
//! prefixed name whenever a prefix fits, escaping what the local name may not hold
//! (`doc:a-res-76-7\/para\/0`), which is valid but unreadable and trips some parsers; here an
//! IRI whose local part needs an escape is written in full (`<…/doc/a-res-76-7/para/0>`).
//!
//! JSON-LD is written here (Oxigraph's serializer does not compact): one node object per subject
//! with prefixed names for properties, `@type` for `rdf:type`, and a `@context` of the prefixes.

use std::collections::HashSet;
use std::io::{self, Write};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Term,
};
use serde_json::{Map, Value, json};

use crate::rdf::Iris;
use crate::store::GraphStore;

/// A failure to export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The store could not be read.
    #[error("export: reading the store: {0}")]
    Store(String),
    /// The graph asked for is not in the store.
    #[error("export: no graph {0} in the store (see `tipkg stats` for the graphs)")]
    NoGraph(String),
    /// Writing failed.
    #[error("export: writing: {0}")]
    Io(#[from] io::Error),
}

/// The RDF formats of [`export`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Turtle.
    Turtle,
    /// TriG.
    TriG,
    /// N-Triples.
    NTriples,
    /// N-Quads.
    NQuads,
    /// RDF/XML.
    RdfXml,
    /// JSON-LD (compacted with the project's prefixes).
    JsonLd,
}

impl Format {
    /// Whether the format keeps named graphs.
    pub fn is_dataset(self) -> bool {
        matches!(self, Self::TriG | Self::NQuads | Self::JsonLd)
    }

    fn oxigraph(self) -> Option<RdfFormat> {
        Some(match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::TriG => RdfFormat::TriG,
            Self::NTriples => RdfFormat::NTriples,
            Self::NQuads => RdfFormat::NQuads,
            Self::RdfXml => RdfFormat::RdfXml,
            Self::JsonLd => return None,
        })
    }
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// All graphs: kept apart in dataset formats, merged in graph formats.
    All,
    /// All graphs merged into one default graph (duplicates removed).
    Union,
    /// One named graph, as a default graph.
    Graph(NamedNode),
}

/// One statement as written: subject, predicate, object.
type Statement = (NamedOrBlankNode, NamedNode, Term);

/// The most quads of one graph an export sorts in memory (about 100 MB of terms); a larger
/// graph is written subject by subject, looking each up.
const WHOLE_GRAPH_MAX: usize = 300_000;

/// True for the store's own bookkeeping graph (graph summaries), which no export holds.
fn is_bookkeeping(g: GraphNameRef<'_>) -> bool {
    matches!(g, GraphNameRef::NamedNode(n) if n.as_str() == crate::store::summary::SUMMARY_GRAPH)
}

/// Writes the selection in `format` to `out`.
pub fn export(
    store: &GraphStore,
    format: Format,
    selection: &Selection,
    iris: &Iris,
    out: impl Write,
) -> Result<(), ExportError> {
    export_sorting(store, format, selection, iris, out, WHOLE_GRAPH_MAX)
}

/// [`export`], sorting graphs of up to `whole_max` quads in memory.
fn export_sorting(
    store: &GraphStore,
    format: Format,
    selection: &Selection,
    iris: &Iris,
    out: impl Write,
    whole_max: usize,
) -> Result<(), ExportError> {
    let st = |e: &dyn std::fmt::Display| ExportError::Store(e.to_string());
    // (graph to read, graph name to write) pairs; graph to read None = all graphs.
    let parts: Vec<(Option<GraphName>, GraphName)> = match selection {
        Selection::Graph(g) => {
            let gn = GraphName::NamedNode(g.clone());
            if !store
                .store()
                .contains_named_graph(g.as_ref())
                .map_err(|e| st(&e))?
            {
                return Err(ExportError::NoGraph(g.to_string()));
            }
            vec![(Some(gn), GraphName::DefaultGraph)]
        }
        Selection::Union => vec![(None, GraphName::DefaultGraph)],
        Selection::All if format.is_dataset() => {
            let mut v: Vec<(Option<GraphName>, GraphName)> = Vec::new();
            // The default graph first when it holds anything.
            if store
                .store()
                .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
                .next()
                .is_some()
            {
                v.push((Some(GraphName::DefaultGraph), GraphName::DefaultGraph));
            }
            for g in store.graphs().map_err(|e| st(&e))? {
                v.push((Some(g.clone().into()), g.into()));
            }
            v
        }
        Selection::All => vec![(None, GraphName::DefaultGraph)],
    };
    let prefixes = iris.prefixes();
    let mut writer: Box<dyn Sink + '_> = match format.oxigraph() {
        Some(RdfFormat::Turtle) => Box::new(TurtleWriter::new(out, &prefixes, false)?),
        Some(RdfFormat::TriG) => Box::new(TurtleWriter::new(out, &prefixes, true)?),
        Some(f) => {
            let mut ser = RdfSerializer::from_format(f);
            if !matches!(f, RdfFormat::NTriples | RdfFormat::NQuads) {
                for (p, ns) in &prefixes {
                    ser = ser
                        .with_prefix(*p, ns.as_str())
                        .map_err(|e| ExportError::Store(e.to_string()))?;
                }
            }
            Box::new(OxSink {
                ser: Some(ser.for_writer(out)),
            })
        }
        None => Box::new(JsonLdSink::new(out, &prefixes, format.is_dataset())?),
    };
    for (read, write) in &parts {
        writer.start_graph(write)?;
        let g = read.as_ref().map(GraphName::as_ref);
        // One graph of ordinary size: read whole and sorted in memory; the union of all graphs,
        // or a graph too large to hold, subject by subject.
        let mut whole: Vec<Statement> = Vec::new();
        if let Some(g) = g {
            for q in store.store().quads_for_pattern(None, None, None, Some(g)) {
                let q = q.map_err(|e| st(&e))?;
                whole.push((q.subject, q.predicate, q.object));
                if whole.len() > whole_max {
                    break;
                }
            }
        }
        if g.is_some() && whole.len() <= whole_max {
            sort_statements(&mut whole);
            for one in whole.chunk_by(|a, b| a.0 == b.0) {
                writer.subject(write, one)?;
            }
        } else {
            drop(whole);
            by_subject(store, g, write, writer.as_mut())?;
        }
        writer.end_graph()?;
    }
    writer.finish()?;
    Ok(())
}

/// Writes the statements of graph `g` (all graphs when `None`) subject by subject, each
/// subject's looked up on its own: memory for one subject at a time.
fn by_subject(
    store: &GraphStore,
    g: Option<GraphNameRef<'_>>,
    write: &GraphName,
    writer: &mut dyn Sink,
) -> Result<(), ExportError> {
    let st = |e: &dyn std::fmt::Display| ExportError::Store(e.to_string());
    let mut subjects = HashSet::new();
    for q in store.store().quads_for_pattern(None, None, None, g) {
        let q = q.map_err(|e| st(&e))?;
        if !is_bookkeeping(q.graph_name.as_ref()) {
            subjects.insert(q.subject);
        }
    }
    let mut subjects: Vec<NamedOrBlankNode> = subjects.into_iter().collect();
    subjects.sort_by_cached_key(NamedOrBlankNode::to_string);
    for s in subjects {
        let mut stmts: Vec<Statement> = Vec::new();
        for q in store
            .store()
            .quads_for_pattern(Some(s.as_ref()), None, None, g)
        {
            let q = q.map_err(|e| st(&e))?;
            if !is_bookkeeping(q.graph_name.as_ref()) {
                stmts.push((q.subject, q.predicate, q.object));
            }
        }
        sort_statements(&mut stmts);
        writer.subject(write, &stmts)?;
    }
    Ok(())
}

/// Statements in the order every writer gives them: by subject, `rdf:type` first, then by
/// predicate and object; duplicates dropped.
fn sort_statements(stmts: &mut Vec<Statement>) {
    stmts.sort_by_cached_key(|(s, p, o)| {
        (
            s.to_string(),
            p.as_ref() != rdf::TYPE,
            p.to_string(),
            o.to_string(),
        )
    });
    stmts.dedup();
}

trait Sink {
    fn start_graph(&mut self, _g: &GraphName) -> io::Result<()> {
        Ok(())
    }
    fn subject(&mut self, g: &GraphName, stmts: &[Statement]) -> io::Result<()>;
    fn end_graph(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self) -> io::Result<()>;
}

struct OxSink<W: Write> {
    ser: Option<oxigraph::io::WriterQuadSerializer<W>>,
}

impl<W: Write> Sink for OxSink<W> {
    fn subject(&mut self, g: &GraphName, stmts: &[Statement]) -> io::Result<()> {
        if let Some(ser) = &mut self.ser {
            for (s, p, o) in stmts {
                ser.serialize_quad(oxigraph::model::QuadRef::new(s, p, o, g))?;
            }
        }
        Ok(())
    }
    fn finish(&mut self) -> io::Result<()> {
        if let Some(ser) = self.ser.take() {
            ser.finish()?.flush()?;
        }
        Ok(())
    }
}

/// Writes Turtle or TriG, one subject at a time: `@prefix` lines, then each subject once with
/// its statements (given sorted, predicates grouped, `a` for `rdf:type`, objects of one
/// predicate joined with `,`); in TriG each named graph in a `<graph> { … }` block. IRIs are
/// prefixed names only when the local part needs no escape (see [`turtle_name`]), else `<…>`;
/// integers are bare, other typed literals `"…"^^prefixed:datatype`.
pub struct TurtleWriter<'p, W: Write> {
    out: W,
    prefixes: &'p [(&'p str, String)],
    trig: bool,
    in_graph: bool,
}

impl<'p, W: Write> TurtleWriter<'p, W> {
    /// A writer that has written the `@prefix` lines of `prefixes`; TriG when `trig`.
    pub fn new(mut out: W, prefixes: &'p [(&'p str, String)], trig: bool) -> io::Result<Self> {
        for (p, ns) in prefixes {
            writeln!(out, "@prefix {p}: <{ns}> .")?;
        }
        writeln!(out)?;
        Ok(Self {
            out,
            prefixes,
            trig,
            in_graph: false,
        })
    }

    fn name(&self, iri: &str) -> String {
        turtle_name(iri, self.prefixes)
    }

    fn term(&self, t: &Term) -> String {
        match t {
            Term::NamedNode(n) => self.name(n.as_str()),
            Term::Literal(l) => {
                let dt = l.datatype();
                if l.language().is_some() || dt == xsd::STRING {
                    l.to_string()
                } else if dt == xsd::INTEGER && is_turtle_integer(l.value()) {
                    l.value().to_owned()
                } else {
                    format!(
                        "{}^^{}",
                        oxigraph::model::LiteralRef::new_simple_literal(l.value()),
                        self.name(dt.as_str())
                    )
                }
            }
            other => other.to_string(),
        }
    }

    /// Writes one subject's statements (all with the same subject, sorted by predicate).
    pub fn write_subject(&mut self, stmts: &[Statement]) -> io::Result<()> {
        let Some((s, _, _)) = stmts.first() else {
            return Ok(());
        };
        let indent = if self.in_graph { "\t" } else { "" };
        let subject = match s {
            NamedOrBlankNode::NamedNode(n) => self.name(n.as_str()),
            other => other.to_string(),
        };
        write!(self.out, "{indent}{subject}")?;
        let mut last: Option<&NamedNode> = None;
        for (_, p, o) in stmts {
            let o = self.term(o);
            if last == Some(p) {
                write!(self.out, " , {o}")?;
                continue;
            }
            if last.is_some() {
                write!(self.out, " ;\n{indent}\t")?;
            } else {
                write!(self.out, " ")?;
            }
            let pred = if p.as_ref() == rdf::TYPE {
                "a".to_owned()
            } else {
                self.name(p.as_str())
            };
            write!(self.out, "{pred} {o}")?;
            last = Some(p);
        }
        writeln!(self.out, " .\n")
    }

    /// Opens a graph block (TriG, named graphs only).
    pub fn open_graph(&mut self, g: &GraphName) -> io::Result<()> {
        if self.trig
            && let GraphName::NamedNode(n) = g
        {
            let name = self.name(n.as_str());
            writeln!(self.out, "{name} {{")?;
            self.in_graph = true;
        }
        Ok(())
    }

    /// Closes the open graph block, if any.
    pub fn close_graph(&mut self) -> io::Result<()> {
        if self.in_graph {
            writeln!(self.out, "}}\n")?;
            self.in_graph = false;
        }
        Ok(())
    }

    /// Closes any open block and flushes.
    pub fn end(&mut self) -> io::Result<()> {
        self.close_graph()?;
        self.out.flush()
    }
}

impl<W: Write> Sink for TurtleWriter<'_, W> {
    fn start_graph(&mut self, g: &GraphName) -> io::Result<()> {
        self.open_graph(g)
    }
    fn subject(&mut self, _g: &GraphName, stmts: &[Statement]) -> io::Result<()> {
        self.write_subject(stmts)
    }
    fn end_graph(&mut self) -> io::Result<()> {
        self.close_graph()
    }
    fn finish(&mut self) -> io::Result<()> {
        self.end()
    }
}

/// Writes `triples` as Turtle with `prefixes`, sorted (subjects, then `rdf:type` first, then
/// predicates and objects) and each subject once; duplicates are dropped.
pub fn write_turtle(
    triples: impl IntoIterator<Item = oxigraph::model::Triple>,
    prefixes: &[(&str, String)],
    out: impl Write,
) -> io::Result<()> {
    let mut all: Vec<Statement> = triples
        .into_iter()
        .map(|t| (t.subject, t.predicate, t.object))
        .collect();
    sort_statements(&mut all);
    let mut w = TurtleWriter::new(out, prefixes, false)?;
    for group in all.chunk_by(|a, b| a.0 == b.0) {
        w.write_subject(group)?;
    }
    w.end()
}

/// `iri` as a Turtle prefixed name when one of `prefixes` fits and the local part is a plain
/// PN_LOCAL needing no escape (letters, digits, `_`, `-`, inner `.`; not starting with `-` or
/// `.`), else in full as `<iri>`. The longest fitting namespace wins.
pub fn turtle_name(iri: &str, prefixes: &[(&str, String)]) -> String {
    let plain = |l: &str| {
        let ok = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.';
        l.chars().all(ok) && !l.starts_with(['-', '.']) && !l.ends_with('.')
    };
    prefixes
        .iter()
        .filter_map(|(p, ns)| iri.strip_prefix(ns.as_str()).map(|l| (p, l, ns.len())))
        .filter(|(_, l, _)| plain(l))
        .max_by_key(|(_, _, n)| *n)
        .map_or_else(|| format!("<{iri}>"), |(p, l, _)| format!("{p}:{l}"))
}

/// Whether `v` can be written as a bare Turtle integer with the same lexical form.
fn is_turtle_integer(v: &str) -> bool {
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Streams compacted JSON-LD: `{"@context": …, "@graph": [ nodes | {"@id": g, "@graph": [nodes]} ]}`.
struct JsonLdSink<'p, W: Write> {
    out: W,
    prefixes: &'p [(&'static str, String)],
    dataset: bool,
    first_graph: bool,
    first_node: bool,
    in_named: bool,
}

impl<'p, W: Write> JsonLdSink<'p, W> {
    fn new(mut out: W, prefixes: &'p [(&'static str, String)], dataset: bool) -> io::Result<Self> {
        let mut ctx = Map::new();
        for (p, ns) in prefixes {
            ctx.insert((*p).to_owned(), Value::String(ns.clone()));
        }
        write!(
            out,
            "{{\n  \"@context\": {},\n  \"@graph\": [",
            serde_json::to_string(&ctx).map_err(io::Error::other)?
        )?;
        Ok(Self {
            out,
            prefixes,
            dataset,
            first_graph: true,
            first_node: true,
            in_named: false,
        })
    }

    fn compact(&self, iri: &str) -> String {
        let c = crate::rdf::vocab::compact_iri(iri, self.prefixes);
        match c.strip_prefix('<').and_then(|c| c.strip_suffix('>')) {
            Some(full) => full.to_owned(),
            None => c,
        }
    }

    fn id(&self, n: NamedOrBlankNodeRef<'_>) -> String {
        match n {
            NamedOrBlankNodeRef::NamedNode(n) => self.compact(n.as_str()),
            NamedOrBlankNodeRef::BlankNode(b) => b.to_string(),
        }
    }

    fn value(&self, o: &Term) -> Value {
        match o {
            Term::NamedNode(n) => json!({ "@id": self.compact(n.as_str()) }),
            Term::BlankNode(b) => json!({ "@id": b.to_string() }),
            Term::Literal(l) => {
                if let Some(lang) = l.language() {
                    json!({ "@value": l.value(), "@language": lang })
                } else if l.datatype() == xsd::STRING {
                    Value::String(l.value().to_owned())
                } else {
                    json!({ "@value": l.value(), "@type": self.compact(l.datatype().as_str()) })
                }
            }
            #[allow(unreachable_patterns)]
            _ => Value::Null,
        }
    }

    fn sep(&mut self, indent: &str) -> io::Result<()> {
        if self.first_node {
            self.first_node = false;
            write!(self.out, "\n{indent}")
        } else {
            write!(self.out, ",\n{indent}")
        }
    }
}

impl<W: Write> Sink for JsonLdSink<'_, W> {
    fn start_graph(&mut self, g: &GraphName) -> io::Result<()> {
        if self.dataset
            && let GraphName::NamedNode(n) = g
        {
            if !self.first_graph || !self.first_node {
                write!(self.out, ",")?;
            }
            self.first_graph = false;
            write!(
                self.out,
                "\n    {{\"@id\": {}, \"@graph\": [",
                serde_json::to_string(&self.compact(n.as_str())).map_err(io::Error::other)?
            )?;
            self.in_named = true;
            self.first_node = true;
        }
        Ok(())
    }

    fn subject(&mut self, _g: &GraphName, stmts: &[Statement]) -> io::Result<()> {
        let Some((s, _, _)) = stmts.first() else {
            return Ok(());
        };
        let mut node = Map::new();
        node.insert("@id".into(), Value::String(self.id(s.as_ref())));
        for (_, p, o) in stmts {
            if p.as_ref() == rdf::TYPE
                && let Term::NamedNode(c) = o
            {
                let types = node
                    .entry("@type")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(a) = types {
                    a.push(Value::String(self.compact(c.as_str())));
                }
                continue;
            }
            let v = self.value(o);
            let key = self.compact(p.as_str());
            if let Value::Array(a) = node.entry(key).or_insert_with(|| Value::Array(Vec::new())) {
                a.push(v);
            }
        }
        let indent = if self.in_named { "      " } else { "    " };
        self.sep(indent)?;
        serde_json::to_writer(&mut self.out, &Value::Object(node)).map_err(io::Error::other)
    }

    fn end_graph(&mut self) -> io::Result<()> {
        if self.in_named {
            write!(self.out, "\n    ]}}")?;
            self.in_named = false;
            self.first_node = false;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        writeln!(self.out, "\n  ]\n}}")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::LockWait;

    #[test]
    fn a_graph_sorted_in_memory_exports_as_one_written_subject_by_subject() {
        let dir = tempfile::tempdir().unwrap();
        let st = GraphStore::open_for_write(&dir.path().join("s"), &LockWait::default()).unwrap();
        let iris = Iris::default();
        st.load_vocabulary(&iris).unwrap();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let x = crate::pipeline::process(
            crate::read::read_file(&corpus.join("a-res-76-7.md")).unwrap(),
            crate::registry::Registry::embedded(),
        );
        let quads = crate::rdf::build(&x, crate::registry::Registry::embedded(), &iris);
        st.replace_graph(iris.graph(&x.source.name).as_ref(), &quads)
            .unwrap();
        for format in [Format::NQuads, Format::TriG] {
            let out = |max: usize| {
                let mut v = Vec::new();
                export_sorting(&st, format, &Selection::All, &iris, &mut v, max).unwrap();
                v
            };
            let (whole, by_subject) = (out(WHOLE_GRAPH_MAX), out(0));
            assert!(whole.len() > 100_000, "the document and the vocabulary");
            assert!(whole == by_subject, "{format:?}");
        }
    }
}
