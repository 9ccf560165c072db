//! Stats: what the store holds — documents, paragraphs, entities by class, provisions by verb,
//! the top addressees of directive verbs, per document — as a table, as JSON, or as a VoID
//! description in Turtle (the description a linked-data portal ingests). Every count is a SPARQL
//! query over the store.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{self, Write};

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::QuerySolution;
use serde::Serialize;

use crate::model::IssueKind;
use crate::query::{QueryError, compact_iri, prefixes, select};
use crate::rdf::Iris;
use crate::store::GraphStore;
use crate::vocab::{self, DCTERMS, VOID};

/// SPARQL 1.1 Service Description (for `sd:name` of a graph's dataset).
const SD: &str = "http://www.w3.org/ns/sparql-service-description#";

/// A failure to compute or write statistics.
#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    /// A counting query failed.
    #[error("stats: {0}")]
    Query(#[from] QueryError),
    /// Writing failed.
    #[error("stats: writing: {0}")]
    Io(#[from] io::Error),
}

/// A name and a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// A prefixed name or IRI.
    pub name: String,
    /// Its preferred label, for entities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How many.
    pub count: usize,
}

/// Counts of one document graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocStats {
    /// The named graph.
    pub graph: String,
    /// The source file.
    pub file: String,
    /// The (first) symbol, if any.
    pub symbol: Option<String>,
    /// The status (`Draft`, `Adopted`, `Summary`), if known.
    pub status: Option<String>,
    /// The date (ISO), if known.
    pub date: Option<String>,
    /// Paragraphs.
    pub paragraphs: usize,
    /// Mention nodes.
    pub mentions: usize,
    /// Provisions.
    pub provisions: usize,
    /// Quads in the graph.
    pub triples: usize,
    /// Extraction findings that mean text may be missing or misplaced (numbering gaps, orphan
    /// text, inferred letters and numbers; front matter and footnotes placed by position are not
    /// counted).
    pub findings: usize,
}

/// Everything `tipkg stats` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Quads in the store (all graphs).
    pub quads: usize,
    /// Distinct triples of the union of all graphs.
    pub triples: usize,
    /// Named graphs.
    pub graphs: usize,
    /// Documents.
    pub documents: usize,
    /// Paragraphs.
    pub paragraphs: usize,
    /// Mention nodes.
    pub mentions: usize,
    /// Provisions.
    pub provisions: usize,
    /// Distinct entities mentioned, by class.
    pub entities_by_class: Vec<Count>,
    /// Provisions by verb.
    pub provisions_by_verb: Vec<Count>,
    /// The ten most frequent addressees of directive verbs.
    pub top_addressees: Vec<Count>,
    /// Extraction issues (`tip:ExtractionIssue`), by kind.
    pub issues_by_kind: Vec<Count>,
    /// Per document graph.
    pub per_document: Vec<DocStats>,
}

fn num(s: &QuerySolution, v: &str) -> usize {
    match s.get(v) {
        Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
        _ => 0,
    }
}

fn text(s: &QuerySolution, v: &str) -> Option<String> {
    match s.get(v) {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        Some(t) => Some(t.to_string()),
        None => None,
    }
}

fn counts(store: &GraphStore, q: &str, iris: &Iris) -> Result<Vec<Count>, QueryError> {
    let pfx = prefixes(iris);
    Ok(select(store, q, "stats", iris)?
        .iter()
        .map(|s| Count {
            name: text(s, "x").map_or_else(String::new, |x| compact_iri(&x, &pfx)),
            label: text(s, "label"),
            count: num(s, "n"),
        })
        .collect())
}

/// The entities the documents mention, counted by their `tip:` classes, most first. Computed
/// directly on the store: in SPARQL over the union default graph, the type triple of an entity
/// outside the registry (repeated in every document graph naming it) multiplies the join by the
/// number of documents.
fn entities_by_class(store: &GraphStore, iris: &Iris) -> Vec<Count> {
    let st = store.store();
    let mut entities = HashSet::new();
    for p in [vocab::MENTIONS, vocab::MENTIONS_UNLISTED] {
        let p = NamedNode::new_unchecked(p);
        for q in st
            .quads_for_pattern(None, Some(p.as_ref()), None, None)
            .flatten()
        {
            if let Term::NamedNode(n) = q.object {
                entities.insert(n);
            }
        }
    }
    let mut by_class: BTreeMap<String, usize> = BTreeMap::new();
    for e in &entities {
        let classes: BTreeSet<String> = st
            .quads_for_pattern(Some(e.as_ref().into()), Some(rdf::TYPE), None, None)
            .flatten()
            .filter_map(|q| match q.object {
                Term::NamedNode(c) if c.as_str().starts_with(vocab::TIP) => Some(c.into_string()),
                _ => None,
            })
            .collect();
        for c in classes {
            *by_class.entry(c).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = by_class.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let pfx = prefixes(iris);
    v.into_iter()
        .map(|(c, n)| Count {
            name: compact_iri(&c, &pfx),
            label: None,
            count: n,
        })
        .collect()
}

/// Whole-store counts from one pass over the quads (no SPARQL `DISTINCT` over the union).
struct Totals {
    quads: usize,
    /// Distinct triples of the union of all graphs.
    triples: usize,
    /// Named graphs.
    graphs: usize,
    /// Distinct triples by predicate IRI.
    by_property: BTreeMap<String, usize>,
    /// Distinct subjects by class IRI (distinct `rdf:type` triples).
    by_class: BTreeMap<String, usize>,
    /// Distinct IRI subjects (counted only when asked for: it takes a set of them).
    subjects: Option<usize>,
}

/// Counts the store in one pass: a triple is counted in the first graph that holds it (one
/// index lookup per quad), so distinct triples cost no memory beyond the store.
fn totals(store: &GraphStore, with_subjects: bool) -> Result<Totals, QueryError> {
    let st = store.store();
    let err = |e: &dyn std::fmt::Display| QueryError::Evaluation {
        origin: "stats".into(),
        message: e.to_string(),
    };
    let mut t = Totals {
        quads: 0,
        triples: 0,
        graphs: 0,
        by_property: BTreeMap::new(),
        by_class: BTreeMap::new(),
        subjects: None,
    };
    let mut subjects = HashSet::new();
    for q in st.iter() {
        let q = q.map_err(|e| err(&e))?;
        t.quads += 1;
        let first = st
            .quads_for_pattern(
                Some(q.subject.as_ref()),
                Some(q.predicate.as_ref()),
                Some(q.object.as_ref()),
                None,
            )
            .next()
            .transpose()
            .map_err(|e| err(&e))?;
        if first.is_some_and(|f| f.graph_name == q.graph_name) {
            t.triples += 1;
            *t.by_property
                .entry(q.predicate.as_str().to_owned())
                .or_default() += 1;
            if q.predicate == rdf::TYPE
                && let Term::NamedNode(c) = &q.object
            {
                *t.by_class.entry(c.as_str().to_owned()).or_default() += 1;
            }
        }
        if with_subjects && let NamedOrBlankNode::NamedNode(n) = q.subject {
            subjects.insert(n.into_string());
        }
    }
    t.subjects = with_subjects.then_some(subjects.len());
    t.graphs = st.named_graphs().count();
    Ok(t)
}

/// Computes the statistics of the store.
pub fn compute(store: &GraphStore, iris: &Iris) -> Result<Stats, StatsError> {
    let Totals {
        quads,
        triples,
        graphs,
        by_class,
        ..
    } = totals(store, false)?;
    // Distinct `rdf:type` triples of a class are its distinct instances.
    let count_class = |c: &str| by_class.get(c).copied().unwrap_or(0);
    let documents = count_class(vocab::DOCUMENT);
    let paragraphs = count_class(vocab::PARAGRAPH);
    let mentions = count_class(vocab::MENTION);
    let provisions = count_class(vocab::PROVISION);
    let entities_by_class = entities_by_class(store, iris);
    let provisions_by_verb = counts(
        store,
        "SELECT ?x (COUNT(DISTINCT ?v) AS ?n) WHERE { ?v a tip:Provision ; tip:verb ?x } \
         GROUP BY ?x ORDER BY DESC(?n) ?x",
        iris,
    )?;
    let directive: Vec<String> = vocab::VERBS
        .iter()
        .filter(|(_, d)| *d)
        .map(|(v, _)| format!("tip:{v}"))
        .collect();
    let top_addressees = counts(
        store,
        &format!(
            "SELECT ?x (COUNT(DISTINCT ?v) AS ?n) (SAMPLE(?l) AS ?label) WHERE {{ \
             VALUES ?verb {{ {} }} ?v a tip:Provision ; tip:verb ?verb ; tip:addressee|tip:addresseeUnlisted ?x \
             OPTIONAL {{ ?x skos:prefLabel ?l }} }} \
             GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 10",
            directive.join(" ")
        ),
        iris,
    )?;
    let issues_by_kind = counts(
        store,
        "SELECT ?x (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a tip:ExtractionIssue ; tip:issueKind ?x } \
         GROUP BY ?x ORDER BY DESC(?n) ?x",
        iris,
    )?;
    let per_document = per_document(store, iris)?;
    Ok(Stats {
        quads,
        triples,
        graphs,
        documents,
        paragraphs,
        mentions,
        provisions,
        entities_by_class,
        provisions_by_verb,
        top_addressees,
        issues_by_kind,
        per_document,
    })
}

fn per_document(store: &GraphStore, iris: &Iris) -> Result<Vec<DocStats>, QueryError> {
    let mut docs: BTreeMap<String, DocStats> = BTreeMap::new();
    for s in select(
        store,
        "SELECT ?g ?file (MIN(?id) AS ?symbol) (SAMPLE(?st) AS ?status) (MIN(?dt) AS ?date) \
         WHERE { GRAPH ?g { ?d a tip:Document ; tip:sourceFile ?file . \
         OPTIONAL { ?d dcterms:identifier ?id } OPTIONAL { ?d tip:status ?st } \
         OPTIONAL { ?d dcterms:date ?dt } } } GROUP BY ?g ?file",
        "stats",
        iris,
    )? {
        let g = text(&s, "g").unwrap_or_default();
        docs.insert(
            g.clone(),
            DocStats {
                graph: g,
                file: text(&s, "file").unwrap_or_default(),
                symbol: text(&s, "symbol"),
                status: text(&s, "status").map(|st| {
                    st.strip_prefix(vocab::TIP)
                        .map_or(st.clone(), str::to_owned)
                }),
                date: text(&s, "date"),
                paragraphs: 0,
                mentions: 0,
                provisions: 0,
                triples: 0,
                findings: 0,
            },
        );
    }
    for (g, (triples, _, classes, _)) in per_graph(store, false)? {
        if let Some(d) = docs.get_mut(&g) {
            let of = |c: &str| classes.iter().find(|(k, _)| k == c).map_or(0, |&(_, n)| n);
            d.triples = triples;
            d.paragraphs = of(vocab::PARAGRAPH);
            d.mentions = of(vocab::MENTION);
            d.provisions = of(vocab::PROVISION);
        }
    }
    // The kinds that count as findings are those the model calls defects.
    let defects: Vec<String> = IssueKind::ALL
        .iter()
        .filter(|k| k.is_defect())
        .map(|k| format!("tip:{}", k.name()))
        .collect();
    for s in select(
        store,
        &format!(
            "SELECT ?g (COUNT(DISTINCT ?i) AS ?n) WHERE {{ GRAPH ?g {{ ?i a tip:ExtractionIssue ; \
             tip:issueKind ?k }} VALUES ?k {{ {} }} }} GROUP BY ?g",
            defects.join(" ")
        ),
        "stats",
        iris,
    )? {
        if let Some(d) = text(&s, "g").and_then(|g| docs.get_mut(&g)) {
            d.findings = num(&s, "n");
        }
    }
    let mut v: Vec<DocStats> = docs.into_values().collect();
    v.sort_by(|a, b| a.file.cmp(&b.file).then(a.graph.cmp(&b.graph)));
    Ok(v)
}

/// Writes the statistics as readable tables.
pub fn write_table(s: &Stats, mut out: impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{} quads, {} distinct triples, {} named graphs",
        s.quads, s.triples, s.graphs
    )?;
    writeln!(
        out,
        "{} documents, {} paragraphs, {} mentions, {} provisions",
        s.documents, s.paragraphs, s.mentions, s.provisions
    )?;
    let section = |out: &mut dyn Write, title: &str, head: &str, rows: &[Count]| {
        writeln!(out)?;
        writeln!(out, "{title}")?;
        let w = rows
            .iter()
            .map(|r| r.name.chars().count())
            .chain([head.len()])
            .max()
            .unwrap_or(0);
        let labelled = rows.iter().any(|r| r.label.is_some());
        writeln!(
            out,
            "{}",
            format!(
                "  {head:<w$}  count{}",
                if labelled { "  label" } else { "" }
            )
            .trim_end()
        )?;
        if rows.is_empty() {
            writeln!(out, "  (none)")?;
        }
        for r in rows {
            let label = r.label.as_deref().unwrap_or("");
            writeln!(
                out,
                "{}",
                format!("  {:<w$}  {:>5}  {label}", r.name, r.count).trim_end()
            )?;
        }
        Ok::<(), io::Error>(())
    };
    section(
        &mut out,
        "Entities mentioned, by class",
        "class",
        &s.entities_by_class,
    )?;
    section(
        &mut out,
        "Provisions by verb",
        "verb",
        &s.provisions_by_verb,
    )?;
    section(
        &mut out,
        "Top addressees of directive verbs",
        "addressee",
        &s.top_addressees,
    )?;
    section(
        &mut out,
        "Extraction issues, by kind",
        "kind",
        &s.issues_by_kind,
    )?;
    writeln!(out)?;
    writeln!(out, "Per document")?;
    let rows: Vec<[String; 9]> = s
        .per_document
        .iter()
        .map(|d| {
            [
                d.file.clone(),
                d.symbol.clone().unwrap_or_else(|| "-".into()),
                d.status.clone().unwrap_or_else(|| "-".into()),
                d.date.clone().unwrap_or_else(|| "-".into()),
                d.paragraphs.to_string(),
                d.mentions.to_string(),
                d.provisions.to_string(),
                d.triples.to_string(),
                d.findings.to_string(),
            ]
        })
        .collect();
    let head = [
        "file",
        "symbol",
        "status",
        "date",
        "paragraphs",
        "mentions",
        "provisions",
        "triples",
        "findings",
    ];
    let mut w: Vec<usize> = head.iter().map(|h| h.len()).collect();
    for r in &rows {
        for (w, c) in w.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&w).enumerate() {
            if i < 4 {
                s.push_str(&format!("  {c:<w$}"));
            } else {
                s.push_str(&format!("  {c:>w$}"));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(&mut out, &head.map(String::from))?;
    for r in &rows {
        line(&mut out, r)?;
    }
    out.flush()
}

/// Writes the statistics as JSON.
pub fn write_json(s: &Stats, mut out: impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, s).map_err(io::Error::other)?;
    writeln!(out)?;
    out.flush()
}

/// The creation date of a description: `SOURCE_DATE_EPOCH` (for reproducible output) or today,
/// as `YYYY-MM-DD` (UTC).
pub fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The VoID description of the store: a `void:Dataset` for the whole (`{base}void`) with a
/// subset per named graph (`{base}void/<graph>`), each with `void:triples`, `void:entities`
/// (distinct IRI subjects), class and property partitions, and the vocabularies used.
pub fn void(store: &GraphStore, iris: &Iris) -> Result<Vec<Triple>, StatsError> {
    let mut t: Vec<Triple> = Vec::new();
    let n = |s: &str| NamedNode::new_unchecked(s);
    let int = |v: usize| Literal::new_typed_literal(v.to_string(), xsd::INTEGER);
    let whole = n(&format!("{}void", iris.base()));
    let add = |t: &mut Vec<Triple>, s: &NamedNode, p: &str, o: Term| {
        t.push(Triple::new(s.clone(), n(p), o));
    };
    let void_ = |l: &str| format!("{VOID}{l}");
    add(
        &mut t,
        &whole,
        rdf::TYPE.as_str(),
        n(&void_("Dataset")).into(),
    );
    add(
        &mut t,
        &whole,
        &format!("{DCTERMS}title"),
        Literal::new_language_tagged_literal_unchecked(
            "tipkg knowledge graph of UN documents on trafficking in persons",
            "en",
        )
        .into(),
    );
    add(
        &mut t,
        &whole,
        &format!("{DCTERMS}created"),
        Literal::new_typed_literal(today(), xsd::DATE).into(),
    );
    add(
        &mut t,
        &whole,
        &format!("{DCTERMS}creator"),
        Literal::new_simple_literal(format!("tipkg {}", env!("CARGO_PKG_VERSION"))).into(),
    );
    add(
        &mut t,
        &whole,
        &format!("{}versionInfo", vocab::OWL),
        Literal::new_simple_literal(env!("CARGO_PKG_VERSION")).into(),
    );

    // The whole: distinct triples of the union.
    let sel = |q: &str| select(store, q, "stats --format void", iris);
    let all = totals(store, true)?;
    let triples = all.triples;
    let entities = all.subjects.unwrap_or_default();
    add(&mut t, &whole, &void_("triples"), int(triples).into());
    add(&mut t, &whole, &void_("entities"), int(entities).into());
    let classes: Vec<(String, usize)> = all.by_class.into_iter().collect();
    let props: Vec<(String, usize)> = all.by_property.into_iter().collect();
    partitions(&mut t, &whole, &classes, &props);

    // One subset per named graph.
    let per = per_graph(store, true)?;
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    for s in sel("SELECT ?g ?f WHERE { GRAPH ?g { ?d a tip:Document ; tip:sourceFile ?f } }")? {
        sources.insert(
            text(&s, "g").unwrap_or_default(),
            text(&s, "f").unwrap_or_default(),
        );
    }
    let graph_ns = format!("{}graph/", iris.base());
    for (g, (triples, entities, classes, props)) in &per {
        let local = g.strip_prefix(&graph_ns).unwrap_or(g);
        let local: String = local
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-._".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let d = n(&format!("{}void/{local}", iris.base()));
        add(&mut t, &whole, &void_("subset"), d.clone().into());
        add(&mut t, &d, rdf::TYPE.as_str(), n(&void_("Dataset")).into());
        add(&mut t, &d, &format!("{SD}name"), n(g).into());
        add(&mut t, &d, &void_("triples"), int(*triples).into());
        add(&mut t, &d, &void_("entities"), int(*entities).into());
        if let Some(f) = sources.get(g) {
            add(
                &mut t,
                &d,
                &format!("{DCTERMS}source"),
                Literal::new_simple_literal(f).into(),
            );
            add(
                &mut t,
                &whole,
                &format!("{DCTERMS}source"),
                Literal::new_simple_literal(f).into(),
            );
        }
        partitions(&mut t, &d, classes, props);
    }
    t.sort_by_cached_key(|x| {
        (
            x.subject.to_string(),
            x.predicate.as_ref() != rdf::TYPE,
            x.predicate.to_string(),
            x.object.to_string(),
        )
    });
    t.dedup();
    Ok(t)
}

/// Triples, entities, class and property partitions of one graph.
type GraphCounts = (usize, usize, Vec<(String, usize)>, Vec<(String, usize)>);

/// Per named graph, in one pass over each: triples, distinct IRI subjects (counted only when
/// asked for: it takes a set of them), subjects by class and triples by property (a graph is a
/// set, so no triple repeats inside it).
fn per_graph(
    store: &GraphStore,
    with_subjects: bool,
) -> Result<BTreeMap<String, GraphCounts>, QueryError> {
    let st = store.store();
    let mut per = BTreeMap::new();
    for g in store.graphs().map_err(|e| QueryError::Evaluation {
        origin: "stats".into(),
        message: e.to_string(),
    })? {
        let (mut n, mut subjects) = (0usize, HashSet::new());
        let (mut classes, mut props) = (
            BTreeMap::<String, usize>::new(),
            BTreeMap::<String, usize>::new(),
        );
        for q in st
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
            .flatten()
        {
            n += 1;
            *props.entry(q.predicate.as_str().to_owned()).or_default() += 1;
            if q.predicate == rdf::TYPE
                && let Term::NamedNode(c) = &q.object
            {
                *classes.entry(c.as_str().to_owned()).or_default() += 1;
            }
            if with_subjects && let NamedOrBlankNode::NamedNode(s) = q.subject {
                subjects.insert(s.into_string());
            }
        }
        per.insert(
            g.into_string(),
            (
                n,
                subjects.len(),
                classes.into_iter().collect(),
                props.into_iter().collect(),
            ),
        );
    }
    Ok(per)
}

/// Adds the class and property partitions of `d` and the vocabularies its terms come from.
fn partitions(
    t: &mut Vec<Triple>,
    d: &NamedNode,
    classes: &[(String, usize)],
    props: &[(String, usize)],
) {
    let n = |s: &str| NamedNode::new_unchecked(s);
    let int = |v: usize| Literal::new_typed_literal(v.to_string(), xsd::INTEGER);
    let void_ = |l: &str| n(&format!("{VOID}{l}"));
    for (k, (c, count)) in classes.iter().enumerate() {
        let p = n(&format!("{}/class/{k}", d.as_str()));
        t.push(Triple::new(d.clone(), void_("classPartition"), p.clone()));
        t.push(Triple::new(p.clone(), void_("class"), n(c)));
        t.push(Triple::new(p, void_("entities"), int(*count)));
    }
    for (k, (pr, count)) in props.iter().enumerate() {
        let p = n(&format!("{}/property/{k}", d.as_str()));
        t.push(Triple::new(
            d.clone(),
            void_("propertyPartition"),
            p.clone(),
        ));
        t.push(Triple::new(p.clone(), void_("property"), n(pr)));
        t.push(Triple::new(p, void_("triples"), int(*count)));
    }
    for (_, ns) in vocab::PREFIXES {
        if ["id", "doc"]
            .iter()
            .any(|p| vocab::PREFIXES.iter().any(|(q, s)| q == p && s == ns))
        {
            continue;
        }
        if classes.iter().any(|(c, _)| c.starts_with(ns))
            || props.iter().any(|(p, _)| p.starts_with(ns))
        {
            t.push(Triple::new(d.clone(), void_("vocabulary"), n(ns)));
        }
    }
}

/// Writes the VoID description as Turtle.
pub fn write_void(triples: &[Triple], iris: &Iris, out: impl Write) -> io::Result<()> {
    let mut pfx = prefixes(iris);
    pfx.push(("sd", SD.to_owned()));
    crate::export::write_turtle(triples.iter().cloned(), &pfx, out)
}
