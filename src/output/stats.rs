//! Stats: what the store holds — documents, paragraphs, entities by class, provisions by verb,
//! the top addressees of directive verbs, per document — as a table, as JSON, or as a VoID
//! description in Turtle (the description a linked-data portal ingests). Every count comes from
//! the graphs' summaries, written with the graphs ([`crate::store::summary`]).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, NamedNode, Term, Triple};
use serde::Serialize;

use crate::rdf::Iris;
use crate::rdf::vocab::compact_iri;
use crate::rdf::vocab::{self, DCTERMS, VOID};
use crate::store::GraphStore;
use crate::store::summary::{self, Summary};

/// SPARQL 1.1 Service Description (for `sd:name` of a graph's dataset).
const SD: &str = "http://www.w3.org/ns/sparql-service-description#";

/// A failure to compute or write statistics.
#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    /// Reading the store (its graphs and their summaries) failed.
    #[error("stats: reading the store: {0}")]
    Store(#[from] oxigraph::store::StorageError),
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

/// Counts by IRI, most first then by IRI, as prefixed names.
fn ranked(m: BTreeMap<String, usize>, pfx: &[(&str, String)]) -> Vec<Count> {
    let mut v: Vec<(String, usize)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.into_iter()
        .map(|(x, n)| Count {
            name: compact_iri(&x, pfx),
            label: None,
            count: n,
        })
        .collect()
}

/// Adds up one map of counts per graph.
fn add_up<'a>(maps: impl Iterator<Item = &'a BTreeMap<String, usize>>) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for m in maps {
        for (k, n) in m {
            *out.entry(k.clone()).or_default() += n;
        }
    }
    out
}

/// Computes the statistics of the store from the graphs' summaries (see
/// [`crate::store::summary`]): no scan of the quads, whatever the size of the store.
pub fn compute(store: &GraphStore, iris: &Iris) -> Result<Stats, StatsError> {
    let all = summary::all(store.store())?;
    let union = summary::union(store.store(), &all)?;
    let pfx = iris.prefixes();
    let sums = || all.iter().map(|(_, s)| s);
    // Distinct `rdf:type` triples of a class are its distinct instances.
    let count_class = |c: &str| union.part.classes.get(c).copied().unwrap_or(0);
    // The entities the documents mention, by their `tip:` classes.
    let mentioned: BTreeSet<&String> = sums().flat_map(|s| &s.mentioned).collect();
    let mut by_class: BTreeMap<String, usize> = BTreeMap::new();
    for e in mentioned {
        for c in union.types.get(e).into_iter().flatten() {
            if c.starts_with(vocab::TIP) {
                *by_class.entry(c.clone()).or_default() += 1;
            }
        }
    }
    let mut addressees: Vec<(String, usize)> =
        add_up(sums().map(|s| &s.addressees)).into_iter().collect();
    addressees.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let top_addressees = addressees
        .into_iter()
        .take(10)
        .map(|(x, n)| Count {
            label: union.labels.get(&x).cloned(),
            name: compact_iri(&x, &pfx),
            count: n,
        })
        .collect();
    Ok(Stats {
        quads: sums().map(|s| s.all.triples).sum(),
        triples: union.part.triples,
        graphs: all.iter().filter(|(g, _)| g.is_some()).count(),
        documents: count_class(vocab::DOCUMENT),
        paragraphs: count_class(vocab::PARAGRAPH),
        mentions: count_class(vocab::MENTION),
        provisions: count_class(vocab::PROVISION),
        entities_by_class: ranked(by_class, &pfx),
        provisions_by_verb: ranked(add_up(sums().map(|s| &s.verbs)), &pfx),
        top_addressees,
        issues_by_kind: ranked(add_up(sums().map(|s| &s.issues)), &pfx),
        per_document: per_document(&all),
    })
}

/// One row per graph holding a document, by file.
fn per_document(all: &[(Option<NamedNode>, Summary)]) -> Vec<DocStats> {
    let mut v: Vec<DocStats> = all
        .iter()
        .filter_map(|(g, s)| {
            let (g, d) = (g.as_ref()?, s.document.as_ref()?);
            let of = |c: &str| s.all.classes.get(c).copied().unwrap_or(0);
            Some(DocStats {
                graph: g.as_str().to_owned(),
                file: d.file.clone(),
                symbol: d.symbol.clone(),
                status: d.status.as_ref().map(|st| {
                    st.strip_prefix(vocab::TIP)
                        .map_or(st.clone(), str::to_owned)
                }),
                date: d.date.clone(),
                paragraphs: of(vocab::PARAGRAPH),
                mentions: of(vocab::MENTION),
                provisions: of(vocab::PROVISION),
                triples: s.all.triples,
                findings: d.findings,
            })
        })
        .collect();
    v.sort_by(|a, b| a.file.cmp(&b.file).then(a.graph.cmp(&b.graph)));
    v
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
    let all = summary::all(store.store())?;
    let union = summary::union(store.store(), &all)?.part;
    add(&mut t, &whole, &void_("triples"), int(union.triples).into());
    add(
        &mut t,
        &whole,
        &void_("entities"),
        int(union.subjects).into(),
    );
    let listed = |m: &BTreeMap<String, usize>| -> Vec<(String, usize)> {
        m.iter().map(|(k, n)| (k.clone(), *n)).collect()
    };
    partitions(
        &mut t,
        &whole,
        &listed(&union.classes),
        &listed(&union.properties),
    );

    // One subset per named graph.
    let graph_ns = format!("{}graph/", iris.base());
    for (g, sum) in &all {
        let Some(g) = g.as_ref().map(NamedNode::as_str) else {
            continue;
        };
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
        add(&mut t, &d, &void_("triples"), int(sum.all.triples).into());
        add(&mut t, &d, &void_("entities"), int(sum.all.subjects).into());
        if let Some(f) = sum.document.as_ref().map(|d| &d.file) {
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
        partitions(
            &mut t,
            &d,
            &listed(&sum.all.classes),
            &listed(&sum.all.properties),
        );
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
    let mut pfx = iris.prefixes();
    pfx.push(("sd", SD.to_owned()));
    crate::output::export::write_turtle(triples.iter().cloned(), &pfx, out)
}
