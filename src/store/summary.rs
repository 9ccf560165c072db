//! Graph summaries: what `stats` and the VoID description need to know of one named graph,
//! computed when the graph is written and stored beside it, in the same transaction.
//!
//! Counting a store by reading it is linear in its size (2.2 M quads for the 1,195 General
//! Assembly texts: tens of seconds), so every write of a graph — extract, load, remove, the
//! vocabulary — also writes its summary: one quad in the reserved graph [`SUMMARY_GRAPH`],
//! `<graph> tip:graphSummary "{…}"^^rdf:JSON`. A reader then adds summaries up instead of
//! scanning quads. A graph without a summary (a store written by an older tipkg) is summarised
//! from its quads when read, so a summary is a cache, never the only copy of anything.
//!
//! Counts of the union of the graphs (distinct triples, subjects, class instances) cannot be
//! added up blindly, as one triple may stand in several graphs. Every subject has at most one
//! *owner*: `{base}doc/NAME…` belongs to the graph `{base}graph/NAME`. A triple about a subject
//! its graph owns can stand in no other graph written by tipkg, so those are counted per graph
//! ([`Part`] `own`); the others (registry entities, the speaker's directives, cited symbols:
//! a few dozen per document) are kept in the summary as N-Triples, and [`union`] merges them
//! as a set, checking the rare one whose subject another graph owns against that graph.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad,
    QuadRef, Term, TermRef, Triple,
};
use oxigraph::store::{StorageError, Store};
use serde::{Deserialize, Serialize};

use crate::rdf::vocab;
use crate::rdf::{DRAFT_OF_STEP, PAIRING_GRAPHS};

/// The reserved named graph that holds one summary per graph. Outside the `{base}graph/`
/// namespace, so no document name can collide with it; left out of `dump`, `export` and `push`.
pub const SUMMARY_GRAPH: &str = "https://w3id.org/tipkg/store#summaries";

/// The subject standing for the default graph in [`SUMMARY_GRAPH`].
const DEFAULT_GRAPH_KEY: &str = "https://w3id.org/tipkg/store#default-graph";

/// `rdf:JSON` (RDF 1.2), the datatype of a summary literal.
const RDF_JSON: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";

/// The summary graph as a node.
pub fn summary_graph() -> NamedNode {
    NamedNode::new_unchecked(SUMMARY_GRAPH)
}

/// Counts of a set of triples: triples, distinct IRI subjects, instances by class (distinct
/// `rdf:type` triples) and triples by property.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// Triples.
    pub triples: usize,
    /// Distinct IRI subjects.
    pub subjects: usize,
    /// Instances by class IRI.
    pub classes: BTreeMap<String, usize>,
    /// Triples by property IRI.
    pub properties: BTreeMap<String, usize>,
}

impl Part {
    fn add(&mut self, p: &str, o: TermRef<'_>) {
        self.triples += 1;
        bump(&mut self.properties, p);
        if p == rdf::TYPE.as_str()
            && let TermRef::NamedNode(c) = o
        {
            bump(&mut self.classes, c.as_str());
        }
    }

    fn merge(&mut self, other: &Part) {
        self.triples += other.triples;
        self.subjects += other.subjects;
        for (k, n) in &other.classes {
            *self.classes.entry(k.clone()).or_default() += n;
        }
        for (k, n) in &other.properties {
            *self.properties.entry(k.clone()).or_default() += n;
        }
    }
}

/// Adds one to `key`'s count (allocating only for a new key).
fn bump(m: &mut BTreeMap<String, usize>, key: &str) {
    match m.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            m.insert(key.to_owned(), 1);
        }
    }
}

/// The document a graph holds, as `stats` lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocInfo {
    /// `tip:sourceFile`.
    pub file: String,
    /// The least `dcterms:identifier`.
    pub symbol: Option<String>,
    /// `tip:status`, an IRI.
    pub status: Option<String>,
    /// The least `dcterms:date`.
    pub date: Option<String>,
    /// Extraction issues of the kinds `stats` counts as findings.
    pub findings: usize,
}

/// What `stats` and VoID need of one graph.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Format of this record; a summary of another version is recomputed.
    pub version: u32,
    /// The whole graph (VoID subset of the graph).
    pub all: Part,
    /// The triples whose subject this graph owns (they stand in no other graph).
    pub own: Part,
    /// The other triples, as N-Triples lines.
    pub shared: Vec<String>,
    /// The document, when the graph holds one.
    pub document: Option<DocInfo>,
    /// Provisions by verb IRI.
    pub verbs: BTreeMap<String, usize>,
    /// Provisions with a directive verb by addressee IRI.
    pub addressees: BTreeMap<String, usize>,
    /// Extraction issues by kind IRI.
    pub issues: BTreeMap<String, usize>,
    /// Entities the paragraphs mention (`tip:mentions`, `tip:mentionsUnlisted`).
    pub mentioned: BTreeSet<String>,
}

/// The classes whose instances [`Summarizer`] joins other triples with.
const JOINED: [&str; 3] = [vocab::PROVISION, vocab::EXTRACTION_ISSUE, vocab::DOCUMENT];

/// The version written by this tipkg.
const VERSION: u32 = 2;

/// `dcterms:identifier`.
const DC_IDENTIFIER: &str = "http://purl.org/dc/terms/identifier";
/// `dcterms:date`.
const DC_DATE: &str = "http://purl.org/dc/terms/date";

/// The subject prefix a graph owns: `{base}doc/NAME` for a document's graph `{base}graph/NAME`
/// (NAME without `/` or `#`), `{base}doc/DRAFT/draftOf/ADOPTED` for the pairing graph
/// `{base}graph/pairing/DRAFT/ADOPTED` (its pairing, revisions and changes); none for other
/// graphs.
fn owned_prefix(graph: &str) -> Option<String> {
    let (base, name) = graph.rsplit_once("/graph/")?;
    let plain = |n: &str| !n.is_empty() && !n.contains(['/', '#']);
    if let Some((draft, adopted)) = name
        .strip_prefix(PAIRING_GRAPHS)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(|rest| rest.split_once('/'))
    {
        return (plain(draft) && plain(adopted))
            .then(|| format!("{base}/doc/{draft}/{DRAFT_OF_STEP}/{adopted}"));
    }
    plain(name).then(|| format!("{base}/doc/{name}"))
}

fn is_owned(prefix: Option<&str>, s: NamedOrBlankNodeRef<'_>) -> bool {
    match (prefix, s) {
        (Some(p), NamedOrBlankNodeRef::NamedNode(n)) => n
            .as_str()
            .strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/') || rest.starts_with('#')),
        _ => false,
    }
}

/// The graph that owns subject `s`, among `graphs`: the pairing graph
/// `{base}graph/pairing/DRAFT/ADOPTED` for `{base}doc/DRAFT/draftOf/ADOPTED…`, otherwise
/// `{base}graph/NAME` for `{base}doc/NAME…`.
fn owner<'a>(s: &str, graphs: &'a HashSet<String>) -> Option<&'a String> {
    fn segment(t: &str) -> &str {
        &t[..t.find(['/', '#']).unwrap_or(t.len())]
    }
    s.match_indices("/doc/").find_map(|(i, _)| {
        let (base, rest) = (&s[..i], &s[i + 5..]);
        let name = segment(rest);
        let pairing = rest[name.len()..]
            .strip_prefix('/')
            .and_then(|r| r.strip_prefix(DRAFT_OF_STEP))
            .and_then(|r| r.strip_prefix('/'))
            .and_then(|r| {
                graphs.get(&format!(
                    "{base}/graph/{PAIRING_GRAPHS}/{name}/{}",
                    segment(r)
                ))
            });
        pairing.or_else(|| graphs.get(&format!("{base}/graph/{name}")))
    })
}

fn literal(t: TermRef<'_>) -> Option<String> {
    match t {
        TermRef::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// Summarises the quads of one graph (`graph` is that graph's name).
pub fn summarize(
    graph: GraphNameRef<'_>,
    quads: impl IntoIterator<Item = impl std::borrow::Borrow<Quad>>,
) -> Summary {
    let mut s = Summarizer::new(graph);
    for q in quads {
        s.push(q.borrow().as_ref());
    }
    s.finish()
}

/// Fields of a document node, gathered per subject.
#[derive(Default)]
struct DocFields {
    file: Option<String>,
    ids: BTreeSet<String>,
    status: Option<String>,
    dates: BTreeSet<String>,
}

/// A [`Summary`] built one quad at a time, as a graph is written.
pub struct Summarizer {
    prefix: Option<String>,
    s: Summary,
    subjects: HashSet<String>,
    own_subjects: HashSet<String>,
    /// Subjects typed with the classes the counts join on: provision, issue, document.
    typed: [HashSet<NamedOrBlankNode>; 3],
    verbs: HashMap<NamedOrBlankNode, String>,
    addressees: Vec<(NamedOrBlankNode, String)>,
    kinds: HashMap<NamedOrBlankNode, String>,
    docs: HashMap<NamedOrBlankNode, DocFields>,
}

impl Summarizer {
    /// A summary of graph `graph`, empty so far.
    pub fn new(graph: GraphNameRef<'_>) -> Self {
        Self {
            prefix: match graph {
                GraphNameRef::NamedNode(g) => owned_prefix(g.as_str()),
                _ => None,
            },
            s: Summary {
                version: VERSION,
                ..Summary::default()
            },
            subjects: HashSet::new(),
            own_subjects: HashSet::new(),
            typed: Default::default(),
            verbs: HashMap::new(),
            addressees: Vec::new(),
            kinds: HashMap::new(),
            docs: HashMap::new(),
        }
    }

    /// Counts one quad of the graph (its graph name is not looked at).
    pub fn push(&mut self, q: QuadRef<'_>) {
        let s = &mut self.s;
        let p = q.predicate.as_str();
        s.all.add(p, q.object);
        if let NamedOrBlankNodeRef::NamedNode(n) = q.subject
            && !self.subjects.contains(n.as_str())
        {
            self.subjects.insert(n.as_str().to_owned());
        }
        if is_owned(self.prefix.as_deref(), q.subject) {
            s.own.add(p, q.object);
            if let NamedOrBlankNodeRef::NamedNode(n) = q.subject
                && !self.own_subjects.contains(n.as_str())
            {
                self.own_subjects.insert(n.as_str().to_owned());
            }
        } else {
            s.shared
                .push(format!("{} {} {} .", q.subject, q.predicate, q.object));
        }
        let subject = || q.subject.into_owned();
        match p {
            _ if q.predicate == rdf::TYPE => {
                if let TermRef::NamedNode(c) = q.object
                    && let Some(i) = JOINED.iter().position(|j| *j == c.as_str())
                {
                    self.typed[i].insert(subject());
                }
            }
            vocab::VERB_PROP => {
                if let TermRef::NamedNode(v) = q.object {
                    self.verbs.insert(subject(), v.as_str().to_owned());
                }
            }
            vocab::ADDRESSEE | vocab::ADDRESSEE_UNLISTED => {
                if let TermRef::NamedNode(e) = q.object {
                    self.addressees.push((subject(), e.as_str().to_owned()));
                }
            }
            vocab::ISSUE_KIND => {
                if let TermRef::NamedNode(k) = q.object {
                    self.kinds.insert(subject(), k.as_str().to_owned());
                }
            }
            vocab::MENTIONS | vocab::MENTIONS_UNLISTED => {
                if let TermRef::NamedNode(e) = q.object {
                    s.mentioned.insert(e.as_str().to_owned());
                }
            }
            vocab::SOURCE_FILE => self.docs.entry(subject()).or_default().file = literal(q.object),
            vocab::STATUS => {
                if let TermRef::NamedNode(n) = q.object {
                    self.docs.entry(subject()).or_default().status = Some(n.as_str().to_owned());
                }
            }
            DC_IDENTIFIER => {
                if let Some(v) = literal(q.object) {
                    self.docs.entry(subject()).or_default().ids.insert(v);
                }
            }
            DC_DATE => {
                if let Some(v) = literal(q.object) {
                    self.docs.entry(subject()).or_default().dates.insert(v);
                }
            }
            _ => {}
        }
    }

    /// The summary of the quads pushed.
    pub fn finish(self) -> Summary {
        let mut s = self.s;
        s.all.subjects = self.subjects.len();
        s.own.subjects = self.own_subjects.len();
        s.shared.sort_unstable();
        s.shared.dedup();
        let typed = &self.typed;
        let has = |n: &NamedOrBlankNode, c: &str| {
            JOINED
                .iter()
                .position(|j| *j == c)
                .is_some_and(|i| typed[i].contains(n))
        };
        for (n, v) in &self.verbs {
            if has(n, vocab::PROVISION) {
                *s.verbs.entry(v.clone()).or_default() += 1;
            }
        }
        let directive: HashSet<String> = vocab::VERBS
            .iter()
            .filter(|(_, d)| *d)
            .map(|(v, _)| vocab::tip(v))
            .collect();
        let mut seen = HashSet::new();
        for (n, e) in self.addressees {
            if has(&n, vocab::PROVISION)
                && self.verbs.get(&n).is_some_and(|v| directive.contains(v))
                && seen.insert((n, e.clone()))
            {
                *s.addressees.entry(e).or_default() += 1;
            }
        }
        let defects: HashSet<String> = crate::model::IssueKind::ALL
            .iter()
            .filter(|k| k.is_defect())
            .map(|k| vocab::tip(k.name()))
            .collect();
        let mut findings = 0;
        for (n, k) in &self.kinds {
            if has(n, vocab::EXTRACTION_ISSUE) {
                *s.issues.entry(k.clone()).or_default() += 1;
                findings += usize::from(defects.contains(k));
            }
        }
        // The document: the least subject typed tip:Document with a source file.
        let mut docs: Vec<(NamedOrBlankNode, DocFields)> = self
            .docs
            .into_iter()
            .filter(|(n, d)| d.file.is_some() && has(n, vocab::DOCUMENT))
            .collect();
        docs.sort_by_cached_key(|d| d.0.to_string());
        s.document = docs.into_iter().next().map(|(_, d)| DocInfo {
            file: d.file.unwrap_or_default(),
            symbol: d.ids.into_iter().next(),
            status: d.status,
            date: d.dates.into_iter().next(),
            findings,
        });
        s
    }
}

/// Summarises graph `graph` as it stands in `store`.
pub fn summarize_stored(store: &Store, graph: GraphNameRef<'_>) -> Result<Summary, StorageError> {
    let mut s = Summarizer::new(graph);
    for q in store.quads_for_pattern(None, None, None, Some(graph)) {
        s.push(q?.as_ref());
    }
    Ok(s.finish())
}

/// The subject of a graph's summary quad.
pub fn key(graph: GraphNameRef<'_>) -> NamedNode {
    match graph {
        GraphNameRef::NamedNode(g) => g.into_owned(),
        _ => NamedNode::new_unchecked(DEFAULT_GRAPH_KEY),
    }
}

/// The quad that stores `summary` for `graph`.
pub fn quad(graph: GraphNameRef<'_>, summary: &Summary) -> Quad {
    let json = serde_json::to_string(summary).unwrap_or_default();
    Quad::new(
        key(graph),
        NamedNode::new_unchecked(vocab::GRAPH_SUMMARY),
        Literal::new_typed_literal(json, NamedNodeRef::new_unchecked(RDF_JSON)),
        summary_graph(),
    )
}

/// Reads the stored summaries, by graph key (the graph IRI, or the default graph's key). A
/// summary that does not parse or is of another version is left out (and so recomputed).
pub fn stored(store: &Store) -> Result<HashMap<String, Summary>, StorageError> {
    read(store, |s: &Summary| s.version)
}

/// The stored summary records parsed as `T` (whose `version` says its format), by graph key;
/// a record that does not parse or is of another version is left out.
fn read<T: serde::de::DeserializeOwned>(
    store: &Store,
    version: impl Fn(&T) -> u32,
) -> Result<HashMap<String, T>, StorageError> {
    let mut out = HashMap::new();
    let g = summary_graph();
    let p = NamedNode::new_unchecked(vocab::GRAPH_SUMMARY);
    for q in store.quads_for_pattern(None, Some(p.as_ref()), None, Some(g.as_ref().into())) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(k), Term::Literal(l)) = (q.subject, q.object)
            && let Ok(s) = serde_json::from_str::<T>(l.value())
            && version(&s) == VERSION
        {
            out.insert(k.into_string(), s);
        }
    }
    Ok(out)
}

/// Every graph of `store` but [`SUMMARY_GRAPH`]: the default graph first (as `None`) when it
/// holds anything, then the named graphs.
fn graphs(store: &Store) -> Result<Vec<Option<NamedNode>>, StorageError> {
    let mut graphs = Vec::new();
    if store
        .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        .next()
        .is_some()
    {
        graphs.push(None);
    }
    for g in store.named_graphs() {
        if let NamedOrBlankNode::NamedNode(g) = g?
            && g.as_str() != SUMMARY_GRAPH
        {
            graphs.push(Some(g));
        }
    }
    Ok(graphs)
}

fn graph_name(g: Option<&NamedNode>) -> GraphNameRef<'_> {
    g.map_or(GraphNameRef::DefaultGraph, |g| g.as_ref().into())
}

/// The summary of every graph of `store` but [`SUMMARY_GRAPH`], by graph (the default graph
/// under `None`, when it holds anything): stored ones read, missing ones computed.
pub fn all(store: &Store) -> Result<Vec<(Option<NamedNode>, Summary)>, StorageError> {
    let mut stored = stored(store)?;
    let mut out = Vec::new();
    for g in graphs(store)? {
        let name = graph_name(g.as_ref());
        let s = match stored.remove(key(name).as_str()) {
            Some(s) => s,
            None => summarize_stored(store, name)?,
        };
        out.push((g, s));
    }
    Ok(out)
}

/// The number of quads in every graph of `store` but [`SUMMARY_GRAPH`], from the summaries:
/// only their counts are parsed (the rest of each record is skipped), so that reporting the
/// size of a store after adding one document does not read all of every summary. A graph
/// without a summary of this version is counted from its quads.
pub fn quads(store: &Store) -> Result<usize, StorageError> {
    #[derive(Deserialize)]
    struct Count {
        version: u32,
        all: Triples,
    }
    #[derive(Deserialize)]
    struct Triples {
        triples: usize,
    }
    let mut counts = read(store, |c: &Count| c.version)?;
    let mut n = 0;
    for g in graphs(store)? {
        let name = graph_name(g.as_ref());
        n += match counts.remove(key(name).as_str()) {
            Some(c) => c.all.triples,
            None => summarize_stored(store, name)?.all.triples,
        };
    }
    Ok(n)
}

/// The union of the graphs: its counts, and what `stats` reads of the entities.
#[derive(Debug, Default)]
pub struct Union {
    /// Distinct triples, subjects, class instances and triples by property of the union.
    pub part: Part,
    /// The classes of subjects outside every graph's own namespace (entities, mostly).
    pub types: HashMap<String, BTreeSet<String>>,
    /// The least `skos:prefLabel` of those subjects.
    pub labels: HashMap<String, String>,
}

/// Counts of the union of the graphs summarised in `all`: own parts added up, shared triples
/// merged as a set (less those that stand, owned, in the graph owning their subject), and
/// subjects likewise.
pub fn union(store: &Store, all: &[(Option<NamedNode>, Summary)]) -> Result<Union, StorageError> {
    let mut u = Union::default();
    let graphs: HashSet<String> = all
        .iter()
        .filter_map(|(g, _)| g.as_ref().map(|g| g.as_str().to_owned()))
        .collect();
    let mut shared: HashSet<&str> = HashSet::new();
    for (_, s) in all {
        u.part.merge(&s.own);
        shared.extend(s.shared.iter().map(String::as_str));
    }
    let mut text = String::with_capacity(shared.iter().map(|l| l.len() + 1).sum());
    for l in &shared {
        text.push_str(l);
        text.push('\n');
    }
    let triples: Vec<Triple> = RdfParser::from_format(RdfFormat::NTriples)
        .for_slice(text.as_bytes())
        .flatten()
        .map(Triple::from)
        .collect();
    // A shared triple or subject that the graph owning its subject also holds, owned, is
    // already counted there.
    let owned_there = |s: &NamedNode, t: Option<&Triple>| -> Result<bool, StorageError> {
        let Some(o) = owner(s.as_str(), &graphs) else {
            return Ok(false);
        };
        let o = NamedNodeRef::new_unchecked(o);
        match t {
            Some(t) => store.contains(QuadRef::new(
                t.subject.as_ref(),
                t.predicate.as_ref(),
                t.object.as_ref(),
                o,
            )),
            None => Ok(store
                .quads_for_pattern(Some(s.as_ref().into()), None, None, Some(o.into()))
                .next()
                .transpose()?
                .is_some()),
        }
    };
    let mut subjects: HashSet<&NamedNode> = HashSet::new();
    let label = NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#prefLabel");
    for t in &triples {
        if let NamedOrBlankNode::NamedNode(s) = &t.subject {
            if owned_there(s, Some(t))? {
                continue;
            }
            subjects.insert(s);
            match &t.object {
                Term::NamedNode(c) if t.predicate == rdf::TYPE => {
                    u.types
                        .entry(s.as_str().to_owned())
                        .or_default()
                        .insert(c.as_str().to_owned());
                }
                Term::Literal(l) if t.predicate == label => {
                    let e = u.labels.entry(s.as_str().to_owned()).or_default();
                    if e.is_empty() || l.value() < e.as_str() {
                        l.value().clone_into(e);
                    }
                }
                _ => {}
            }
        }
        u.part.add(t.predicate.as_str(), t.object.as_ref());
    }
    for s in subjects {
        u.part.subjects += usize::from(!owned_there(s, None)?);
    }
    Ok(u)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::GraphName;

    #[test]
    fn a_graph_owns_its_document_namespace_only() {
        let p = owned_prefix("http://x/graph/a-res-1");
        assert_eq!(p.as_deref(), Some("http://x/doc/a-res-1"));
        let own = |s: &str| is_owned(p.as_deref(), NamedNodeRef::new_unchecked(s).into());
        assert!(own("http://x/doc/a-res-1"));
        assert!(own("http://x/doc/a-res-1/p/3"));
        assert!(own("http://x/doc/a-res-1#x"));
        assert!(!own("http://x/doc/a-res-10"));
        assert!(!own("http://x/id/UNODC"));
        assert_eq!(owned_prefix("http://x/graph/a/b"), None);
        assert_eq!(owned_prefix("http://x/other"), None);
        let graphs: HashSet<String> = ["http://x/graph/a".to_owned()].into();
        assert_eq!(
            owner("http://x/doc/a/p/1", &graphs).map(String::as_str),
            Some("http://x/graph/a")
        );
        assert_eq!(owner("http://x/doc/b/p/1", &graphs), None);
    }

    #[test]
    fn a_pairing_graph_owns_its_pairing_under_the_draft() {
        let p = owned_prefix("http://x/graph/pairing/l-3/res-9");
        assert_eq!(p.as_deref(), Some("http://x/doc/l-3/draftOf/res-9"));
        let own = |s: &str| is_owned(p.as_deref(), NamedNodeRef::new_unchecked(s).into());
        assert!(own("http://x/doc/l-3/draftOf/res-9"));
        assert!(own("http://x/doc/l-3/draftOf/res-9/rev/2/change/0"));
        assert!(!own("http://x/doc/l-3"), "the draft stays its own graph's");
        assert!(!own("http://x/doc/l-3/draftOf/res-90"));
        assert_eq!(owned_prefix("http://x/graph/pairing/l-3"), None);
        assert_eq!(owned_prefix("http://x/graph/pairing/l-3/res-9/x"), None);
        let graphs: HashSet<String> = [
            "http://x/graph/l-3".to_owned(),
            "http://x/graph/pairing/l-3/res-9".to_owned(),
        ]
        .into();
        let of = |s: &str| owner(s, &graphs).map(String::as_str);
        assert_eq!(
            of("http://x/doc/l-3/draftOf/res-9/rev/1"),
            Some("http://x/graph/pairing/l-3/res-9")
        );
        assert_eq!(of("http://x/doc/l-3/para/4"), Some("http://x/graph/l-3"));
        assert_eq!(of("http://x/doc/l-3"), Some("http://x/graph/l-3"));
        // A pairing not in the store: the draft's graph.
        assert_eq!(
            of("http://x/doc/l-3/draftOf/res-8/rev/1"),
            Some("http://x/graph/l-3")
        );
    }

    /// Brute force: the union's counts from every quad of the store.
    fn counted(store: &Store) -> Part {
        let mut p = Part::default();
        let sg = summary_graph();
        let mut triples = HashSet::new();
        let mut subjects = HashSet::new();
        for q in store.iter().flatten() {
            if q.graph_name == GraphName::NamedNode(sg.clone()) {
                continue;
            }
            let t = Triple::new(q.subject, q.predicate, q.object);
            if let NamedOrBlankNode::NamedNode(n) = &t.subject {
                subjects.insert(n.clone());
            }
            if triples.insert(t.clone()) {
                p.add(t.predicate.as_str(), t.object.as_ref());
            }
        }
        p.subjects = subjects.len();
        p
    }

    #[test]
    fn the_union_of_summaries_counts_what_the_quads_hold() {
        let store = Store::new().unwrap();
        let n = |s: &str| NamedNode::new_unchecked(format!("http://x/{s}"));
        let (a, b, reg) = (n("graph/a"), n("graph/b"), n("graph/registry"));
        let ty = rdf::TYPE.into_owned();
        let lit = |v: &str| Term::from(Literal::new_simple_literal(v));
        let bnode = oxigraph::model::BlankNode::default();
        let quads = vec![
            // Owned by a, and in b about a (a draft link, say), also standing in a.
            Quad::new(n("doc/a"), ty.clone(), n("Document"), a.clone()),
            Quad::new(n("doc/a/p/1"), ty.clone(), n("Paragraph"), a.clone()),
            Quad::new(n("doc/a"), n("draftOf"), n("doc/b"), a.clone()),
            Quad::new(n("doc/a"), n("draftOf"), n("doc/b"), b.clone()),
            Quad::new(n("doc/a"), n("seenBy"), n("doc/b"), b.clone()),
            // Shared: an entity typed in both documents and the registry.
            Quad::new(n("id/X"), ty.clone(), n("Org"), a.clone()),
            Quad::new(n("id/X"), ty.clone(), n("Org"), b.clone()),
            Quad::new(n("id/X"), ty.clone(), n("Org"), reg.clone()),
            Quad::new(n("id/X"), n("label"), lit("X"), reg.clone()),
            Quad::new(n("doc/b"), ty.clone(), n("Document"), b.clone()),
            Quad::new(bnode.clone(), n("p"), lit("1"), b.clone()),
            Quad::new(bnode, n("p"), lit("1"), a.clone()),
            // The default graph, with a triple also in a graph.
            Quad::new(n("id/X"), ty.clone(), n("Org"), GraphName::DefaultGraph),
            Quad::new(n("id/Y"), ty, n("Org"), GraphName::DefaultGraph),
        ];
        for q in &quads {
            store.insert(q).unwrap();
        }
        let all = all(&store).unwrap();
        assert_eq!(all.len(), 4, "default graph and three named graphs");
        let u = union(&store, &all).unwrap();
        assert_eq!(u.part, counted(&store));
        assert_eq!(
            u.types.get("http://x/id/X").map(|c| c.len()),
            Some(1),
            "{:?}",
            u.types
        );
        // Stored summaries give the same as computed ones.
        for (g, s) in &all {
            let g = g
                .as_ref()
                .map_or(GraphNameRef::DefaultGraph, |g| g.as_ref().into());
            store.insert(&quad(g, s)).unwrap();
        }
        assert_eq!(stored(&store).unwrap().len(), 4);
        let again = super::all(&store).unwrap();
        assert_eq!(union(&store, &again).unwrap().part, u.part);
        // The quads of every graph, from the summaries' counts, as the store has them.
        let in_graphs = |st: &Store| {
            st.iter()
                .filter(|q| {
                    !matches!(&q.as_ref().unwrap().graph_name,
                    GraphName::NamedNode(g) if g.as_str() == SUMMARY_GRAPH)
                })
                .count()
        };
        assert_eq!(super::quads(&store).unwrap(), quads.len());
        assert_eq!(super::quads(&store).unwrap(), in_graphs(&store));
        // And without summaries (a store of an older tipkg), from the quads.
        store.clear_graph(summary_graph().as_ref()).unwrap();
        assert_eq!(super::quads(&store).unwrap(), quads.len());
    }
}
