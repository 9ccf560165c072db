//! Query: SPARQL over the store, with the project's prefixes predeclared, parameters bound as
//! RDF terms (never spliced into the query text) and results written as a table, CSV, TSV,
//! JSON, XML (SELECT/ASK) or Turtle / N-Triples (CONSTRUCT/DESCRIBE).
//!
//! By default the query's default graph is the union of all named graphs (documents, the
//! vocabulary, the registry), which is what a user expects of `SELECT * { ?s ?p ?o }`; strict
//! SPARQL dataset semantics are an option.

use std::io::{self, Write};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, QuerySolution, SparqlEvaluator};

use crate::rdf::Iris;
use crate::rdf::vocab;
use crate::registry::Registry;
use crate::store::GraphStore;

/// A failure to parse, bind, run or write a query.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The query text is not valid SPARQL.
    #[error("{origin}: SPARQL syntax error: {message}")]
    Syntax {
        /// Where the query came from (a file, a named query, "the command line").
        origin: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// No named query has this name.
    #[error("no named query {0:?} (see `tipkg query --list`)")]
    UnknownName(String),
    /// A `--param` that is not `name=value` or not a valid variable name.
    #[error("parameter {0:?}: expected NAME=VALUE with NAME a SPARQL variable name")]
    BadParam(String),
    /// A `--param` value that matches nothing in the store.
    #[error("parameter {param:?}: {message}")]
    NoMatch {
        /// The parameter as given.
        param: String,
        /// What it failed to match, and the closest names.
        message: String,
    },
    /// The query failed while running (including a parameter the query does not use).
    #[error("{origin}: {message}")]
    Evaluation {
        /// Where the query came from.
        origin: String,
        /// What the engine said.
        message: String,
    },
    /// A parameter binds a variable that the query does not select.
    #[error(
        "{origin}: parameter {variable}: the query does not select {variable} (a parameter must \
         be one of the SELECT variables)"
    )]
    UnusedParam {
        /// Where the query came from.
        origin: String,
        /// The variable, as `?name`.
        variable: String,
    },
    /// The output format does not fit the query form.
    #[error("format {format} cannot write the results of a {form} query (use {hint})")]
    Format {
        /// The requested format.
        format: &'static str,
        /// SELECT, ASK or CONSTRUCT/DESCRIBE.
        form: &'static str,
        /// Formats that would work.
        hint: &'static str,
    },
    /// Writing the results failed.
    #[error("writing query results: {0}")]
    Io(#[from] io::Error),
}

/// How to write results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Aligned columns with prefixed names, long values wrapped and shortened (SELECT/ASK).
    Table,
    /// SPARQL 1.1 CSV (SELECT/ASK).
    Csv,
    /// SPARQL 1.1 TSV (SELECT/ASK).
    Tsv,
    /// SPARQL 1.1 JSON results (SELECT/ASK).
    Json,
    /// SPARQL XML results (SELECT/ASK).
    Xml,
    /// Turtle (CONSTRUCT/DESCRIBE).
    Turtle,
    /// N-Triples (CONSTRUCT/DESCRIBE).
    NTriples,
}

impl OutputFormat {
    fn name(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Json => "json",
            Self::Xml => "xml",
            Self::Turtle => "turtle",
            Self::NTriples => "ntriples",
        }
    }
}

/// A query of `queries/`, embedded in the binary.
#[derive(Debug, Clone, Copy)]
pub struct NamedQuery {
    /// The file name without `.rq`.
    pub name: &'static str,
    /// The query text, with its comment header.
    pub text: &'static str,
}

impl NamedQuery {
    /// The comment header up to its parameters: what the query answers.
    pub fn summary(&self) -> String {
        self.header()
            .take_while(|l| !l.starts_with("Parameter"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The header lines that start with `Parameters:` or name a `?variable` parameter.
    pub fn parameters(&self) -> Vec<&'static str> {
        self.header()
            .filter(|l| l.starts_with("Parameter") || l.starts_with('?'))
            .collect()
    }

    fn header(&self) -> impl Iterator<Item = &'static str> {
        self.text
            .lines()
            .map_while(|l| l.trim_start().strip_prefix('#'))
            .map(str::trim)
            .filter(|l| !l.is_empty())
    }
}

macro_rules! named_queries {
    ($($name:literal),* $(,)?) => {
        /// Every query of `queries/`, by name.
        pub const NAMED_QUERIES: &[NamedQuery] = &[
            $(NamedQuery { name: $name, text: include_str!(concat!("../../queries/", $name, ".rq")) }),*
        ];
    };
}

named_queries![
    "mandates-to-entity",
    "who-directs-whom",
    "reaffirmations",
    "provisions-by-verb",
    "mandates-not-in",
    "icat-members",
    "entities-by-class",
    "citations-per-document",
    "mandates-added-in-adoption",
    "verbs-weakened-or-strengthened",
    "addressees-dropped",
];

/// The named query `name`.
pub fn named(name: &str) -> Result<&'static NamedQuery, QueryError> {
    let name = name.strip_suffix(".rq").unwrap_or(name);
    NAMED_QUERIES
        .iter()
        .find(|q| q.name == name)
        .ok_or_else(|| QueryError::UnknownName(name.to_owned()))
}

/// Parses `name=value` into a variable and an RDF term. The value is, in order: an IRI in
/// `<…>`; a prefixed name with one of the project's prefixes; a registry key, acronym or label
/// (UNODC → `id:unodc`); a literal in double quotes; otherwise a plain literal.
pub fn parse_param(
    param: &str,
    registry: &Registry,
    iris: &Iris,
) -> Result<(Variable, Term), QueryError> {
    let bad = || QueryError::BadParam(param.to_owned());
    let (name, value) = param.split_once('=').ok_or_else(bad)?;
    let name = name.trim().trim_start_matches(['?', '$']);
    let var = Variable::new(name).map_err(|_| bad())?;
    Ok((var, resolve_term(value, registry, iris)))
}

/// The documents of the store: (name, source file), by name.
pub fn documents(store: &GraphStore, iris: &Iris) -> Vec<(String, String)> {
    let st = store.store();
    let doc_ns = format!("{}doc/", iris.base());
    let class = NamedNode::new_unchecked(vocab::DOCUMENT);
    let file_p = NamedNode::new_unchecked(vocab::SOURCE_FILE);
    let mut out: Vec<(String, String)> = st
        .quads_for_pattern(None, Some(rdf::TYPE), Some(class.as_ref().into()), None)
        .filter_map(Result::ok)
        .filter_map(|q| match q.subject {
            NamedOrBlankNode::NamedNode(n) => Some(n),
            NamedOrBlankNode::BlankNode(_) => None,
        })
        .filter_map(|n| {
            let name = n.as_str().strip_prefix(&doc_ns)?.to_owned();
            let file = st
                .quads_for_pattern(Some(n.as_ref().into()), Some(file_p.as_ref()), None, None)
                .filter_map(Result::ok)
                .find_map(|q| match q.object {
                    Term::Literal(l) => Some(l.value().to_owned()),
                    _ => None,
                })
                .unwrap_or_default();
            Some((name, file))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A file name without its extension, in lower case (how a user names a document's file).
fn stem(file: &str) -> String {
    file.rsplit_once('.')
        .map_or(file, |(s, _)| s)
        .to_lowercase()
}

/// The document of the store that `what` names: its name, symbol, file name (with or without
/// extension) or IRI, ignoring case; on failure, the closest names.
pub fn find_document(
    what: &str,
    store: &GraphStore,
    iris: &Iris,
) -> Result<NamedNode, Vec<String>> {
    let docs = documents(store, iris);
    let w = what.trim().trim_start_matches('<').trim_end_matches('>');
    let w = w
        .strip_prefix(&format!("{}doc/", iris.base()))
        .or_else(|| w.strip_prefix("doc:"))
        .unwrap_or(w);
    let lower = w.to_lowercase();
    let as_symbol = crate::rdf::identity::symbol_name(w);
    if let Some((name, _)) = docs.iter().find(|(n, f)| {
        *n.to_lowercase() == lower
            || *n == as_symbol
            || f.to_lowercase() == lower
            || stem(f) == lower
    }) {
        return Ok(iris.document(name));
    }
    Err(closest(w, docs.iter().map(|(n, _)| n.as_str()))
        .into_iter()
        .map(str::to_owned)
        .collect())
}

/// [`parse_param`], checked against the store so that a value matching nothing is an error,
/// not a silent empty result: an IRI (given, prefixed or from the registry) must occur in the
/// store; a bare word naming a document (its name, or its file name without extension) stands for the
/// document; any other bare word must occur as a value in the store. A value in double quotes
/// is taken as a literal as it is. The error names the closest entities and documents.
pub fn resolve_param(
    param: &str,
    store: &GraphStore,
    registry: &Registry,
    iris: &Iris,
) -> Result<(Variable, Term), QueryError> {
    let (var, term) = parse_param(param, registry, iris)?;
    let value = param.split_once('=').map_or("", |(_, v)| v).trim();
    let st = store.store();
    let occurs = |t: &Term| -> bool {
        let as_object = st
            .quads_for_pattern(None, None, Some(t.as_ref()), None)
            .next()
            .is_some();
        as_object
            || match t {
                Term::NamedNode(n) => st
                    .quads_for_pattern(Some(n.as_ref().into()), None, None, None)
                    .next()
                    .is_some(),
                _ => false,
            }
    };
    // Listed only when a value needs it (a miss, or a bare word).
    let docs = std::cell::LazyCell::new(|| documents(store, iris));
    // A registry entity is a known name even where no document of the store mentions it.
    let in_registry = |n: &NamedNode| {
        n.as_str()
            .strip_prefix(&format!("{}id/", iris.base()))
            .is_some_and(|key| registry.get(key).is_some())
    };
    let no_match = |what: &str, candidates: Vec<&str>| {
        let names = closest(
            value.trim_start_matches("doc:").trim_start_matches("id:"),
            candidates.into_iter(),
        );
        let hint = if names.is_empty() {
            String::new()
        } else {
            format!("; {}", did_you_mean(&names))
        };
        QueryError::NoMatch {
            param: param.to_owned(),
            message: format!("{what}{hint}"),
        }
    };
    let doc_names = || docs.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>();
    let entity_names = || {
        registry
            .iter()
            .flat_map(|e| {
                e.acronyms
                    .iter()
                    .map(String::as_str)
                    .chain(std::iter::once(e.key.as_str()))
            })
            .collect::<Vec<_>>()
    };
    match &term {
        Term::NamedNode(n) if !occurs(&term) && !in_registry(n) => {
            let in_docs = n.as_str().starts_with(&format!("{}doc/", iris.base()));
            Err(if in_docs {
                no_match(
                    "no document of the store has this IRI (see `tipkg stats`)",
                    doc_names(),
                )
            } else {
                no_match(
                    "this IRI occurs nowhere in the store",
                    entity_names().into_iter().chain(doc_names()).collect(),
                )
            })
        }
        Term::Literal(_)
            if !(value.starts_with('"') && value.ends_with('"') && value.len() >= 2) =>
        {
            let lower = value.to_lowercase();
            if let Some((name, _)) = docs
                .iter()
                .find(|(n, f)| n.to_lowercase() == lower || stem(f) == lower)
            {
                return Ok((var, iris.document(name).into()));
            }
            if occurs(&term) {
                return Ok((var, term));
            }
            Err(no_match(
                "matches no registry entity, no document and no value in the store (quote it, \
                 --param 'name=\"text\"', to pass it as a literal anyway)",
                entity_names().into_iter().chain(doc_names()).collect(),
            ))
        }
        _ => Ok((var, term)),
    }
}

/// Resolves a user-given value to an RDF term (see [`parse_param`]).
pub fn resolve_term(value: &str, registry: &Registry, iris: &Iris) -> Term {
    if let Some(inner) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>'))
        && let Ok(n) = NamedNode::new(inner)
    {
        return n.into();
    }
    if let Some((p, local)) = value.split_once(':')
        && !local.starts_with("//")
        && !local.is_empty()
        && !local.contains(char::is_whitespace)
        && let Some((_, ns)) = iris.prefixes().into_iter().find(|(q, _)| *q == p)
        && let Ok(n) = NamedNode::new(format!("{ns}{local}"))
    {
        return n.into();
    }
    if let Some(key) = registry_key(value, registry) {
        return iris.entity(&key).into();
    }
    if let Some(inner) = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .filter(|_| value.len() >= 2)
    {
        return Literal::new_simple_literal(inner).into();
    }
    Literal::new_simple_literal(value).into()
}

/// The registry key a user means by `value`: a key, else an acronym (exact, then ignoring
/// case), else a preferred or alternative label ignoring case.
pub fn registry_key(value: &str, registry: &Registry) -> Option<String> {
    let v = value.trim();
    if registry.get(v).is_some() {
        return Some(v.to_owned());
    }
    let find = |f: &dyn Fn(&crate::registry::Entity) -> bool| {
        registry.iter().find(|e| f(e)).map(|e| e.key.clone())
    };
    find(&|e| e.acronyms.iter().any(|a| a == v))
        .or_else(|| find(&|e| e.acronyms.iter().any(|a| a.eq_ignore_ascii_case(v))))
        .or_else(|| {
            find(&|e| {
                e.pref_label.eq_ignore_ascii_case(v)
                    || e.alt_labels.iter().any(|a| a.eq_ignore_ascii_case(v))
            })
        })
}

/// Parses and runs `text` on the store with `params` bound. `origin` names the query in
/// messages. With `strict`, plain SPARQL dataset semantics; otherwise the default graph is the
/// union of all graphs.
pub fn execute(
    store: &GraphStore,
    text: &str,
    origin: &str,
    params: &[(Variable, Term)],
    strict: bool,
    iris: &Iris,
) -> Result<QueryResults<'static>, QueryError> {
    execute_cancellable(store, text, origin, params, strict, iris, None)
}

/// [`execute`], stopped (with an evaluation error) when `cancel` is cancelled — by a timer, a
/// memory guard or Ctrl-C — also while the results are being read.
pub fn execute_cancellable(
    store: &GraphStore,
    text: &str,
    origin: &str,
    params: &[(Variable, Term)],
    strict: bool,
    iris: &Iris,
    cancel: Option<CancellationToken>,
) -> Result<QueryResults<'static>, QueryError> {
    execute_in(
        store,
        text,
        origin,
        params,
        &Dataset::of(strict),
        iris,
        cancel,
    )
}

/// The graphs a query reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Dataset {
    /// The default graph is the union of all graphs, unless the query has FROM or FROM NAMED.
    #[default]
    Union,
    /// Plain SPARQL: the store's own default graph, unless the query has FROM or FROM NAMED.
    Strict,
    /// These graphs, whatever the query says (as the SPARQL protocol's `default-graph-uri` and
    /// `named-graph-uri`): the default graph is their merge; only `named` can be reached with
    /// GRAPH.
    Explicit {
        /// Graphs merged into the default graph.
        default: Vec<NamedNode>,
        /// The named graphs available to GRAPH.
        named: Vec<NamedNode>,
    },
}

impl Dataset {
    /// [`Dataset::Strict`] when `strict`, else [`Dataset::Union`] (`tipkg query`'s
    /// `--strict-dataset`).
    pub fn of(strict: bool) -> Self {
        if strict { Self::Strict } else { Self::Union }
    }
}

/// [`execute_cancellable`] over the given [`Dataset`].
pub fn execute_in(
    store: &GraphStore,
    text: &str,
    origin: &str,
    params: &[(Variable, Term)],
    dataset: &Dataset,
    iris: &Iris,
    cancel: Option<CancellationToken>,
) -> Result<QueryResults<'static>, QueryError> {
    prepare(text, origin, params, dataset, iris, cancel)?
        .on_store(store.store())
        .execute()
        .map_err(|e| evaluation_error(origin, e))
}

/// What evaluating a query cost, read off Oxigraph's plan statistics: a count of intermediate
/// results, which depends on the query, the data and the plan but not on the machine or its
/// load — so a test can hold a query to linear growth without timing it.
#[derive(Debug, Clone)]
pub struct Work {
    /// Result rows (solutions, triples, or 1 for ASK).
    pub rows: usize,
    /// The sum, over every node of the evaluation plan, of the results it produced.
    pub steps: u64,
    /// The plan with its statistics, as Oxigraph writes it (JSON).
    pub plan: String,
}

/// Runs a query to the end with Oxigraph's statistics on and returns its [`Work`].
pub fn explain_work(
    store: &GraphStore,
    text: &str,
    origin: &str,
    params: &[(Variable, Term)],
    strict: bool,
    iris: &Iris,
) -> Result<Work, QueryError> {
    let (results, explanation) = prepare(text, origin, params, &Dataset::of(strict), iris, None)?
        .on_store(store.store())
        .compute_statistics()
        .explain();
    let fail = |message: String| QueryError::Evaluation {
        origin: origin.to_owned(),
        message,
    };
    let rows = match results.map_err(|e| evaluation_error(origin, e))? {
        QueryResults::Solutions(s) => s.map(|r| r.map(drop)).collect::<Result<Vec<_>, _>>(),
        QueryResults::Graph(t) => t.map(|r| r.map(drop)).collect::<Result<Vec<_>, _>>(),
        QueryResults::Boolean(_) => Ok(vec![()]),
    }
    .map_err(|e| fail(e.to_string()))?
    .len();
    let mut plan = Vec::new();
    explanation
        .write_in_json(&mut plan)
        .map_err(|e| fail(e.to_string()))?;
    let json: serde_json::Value = serde_json::from_slice(&plan).map_err(|e| fail(e.to_string()))?;
    fn steps(node: &serde_json::Value) -> u64 {
        node.get("number of results")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0)
            + node
                .get("children")
                .and_then(serde_json::Value::as_array)
                .map_or(0, |c| c.iter().map(steps).sum())
    }
    Ok(Work {
        rows,
        steps: json.get("plan").map_or(0, steps),
        plan: String::from_utf8_lossy(&plan).into_owned(),
    })
}

/// Parses `text` with the project's prefixes, the dataset asked for, and `params` bound as RDF
/// terms (never spliced into the text).
fn prepare(
    text: &str,
    origin: &str,
    params: &[(Variable, Term)],
    dataset: &Dataset,
    iris: &Iris,
    cancel: Option<CancellationToken>,
) -> Result<oxigraph::sparql::PreparedSparqlQuery, QueryError> {
    let fail = |message: String| QueryError::Evaluation {
        origin: origin.to_owned(),
        message,
    };
    let prefixes = iris.prefixes();
    let mut ev = SparqlEvaluator::new();
    for (p, ns) in &prefixes {
        ev = ev.with_prefix(*p, ns).map_err(|e| fail(e.to_string()))?;
    }
    if let Some(token) = cancel {
        ev = ev.with_cancellation_token(token);
    }
    let mut parser = spargebra::SparqlParser::new();
    for (p, ns) in prefixes {
        parser = parser.with_prefix(p, ns).map_err(|e| fail(e.to_string()))?;
    }
    let mut query = parser.parse_query(text).map_err(|e| QueryError::Syntax {
        origin: origin.to_owned(),
        message: explain_syntax_error(text, &e.to_string()),
    })?;
    bind_as_values(&mut query, params);
    let mut prepared = ev.for_query(query);
    for (v, t) in params {
        prepared = prepared.substitute_variable(v.clone(), t.clone());
    }
    match dataset {
        Dataset::Union if prepared.dataset().is_default_dataset() => {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Dataset::Union | Dataset::Strict => {}
        Dataset::Explicit { default, named } => {
            let ds = prepared.dataset_mut();
            ds.set_default_graph(default.iter().cloned().map(Into::into).collect());
            ds.set_available_named_graphs(named.iter().cloned().map(Into::into).collect());
        }
    }
    Ok(prepared)
}

/// Puts each parameter into the query as a one-row `VALUES` block, joined to the group of
/// patterns that certainly binds the variable (through the left of an OPTIONAL or MINUS, a
/// FILTER, a BIND, the side of a join that binds it; Oxigraph's optimizer then orders that
/// group's joins from the one-row block), so that the planner starts from the bound value: Oxigraph's own substitution binds a variable only when
/// the query runs, after planning, and a plan made without it may read the whole store
/// (`mandates-to-entity --param entity=UNODC`: 3 s against 0.06 s on 1,195 documents). Each
/// step is an identity of the algebra (joins are associative; a join on a variable the left side
/// always binds commutes with OPTIONAL, FILTER, MINUS and BIND), so the result is
/// the one the substitution gives. A variable the SELECT does not project, and a blank node,
/// are left to the substitution.
fn bind_as_values(query: &mut spargebra::Query, params: &[(Variable, Term)]) {
    use spargebra::algebra::GraphPattern as P;
    use spargebra::term::{GroundTerm, NamedNodePattern, TermPattern};
    /// True when every solution of `p` binds `v`.
    fn binds(p: &P, v: &Variable) -> bool {
        let term = |t: &TermPattern| matches!(t, TermPattern::Variable(x) if x == v);
        match p {
            P::Bgp { patterns } => patterns.iter().any(|t| {
                term(&t.subject)
                    || term(&t.object)
                    || matches!(&t.predicate, NamedNodePattern::Variable(x) if x == v)
            }),
            P::Path {
                subject, object, ..
            } => term(subject) || term(object),
            P::Join { left, right } => binds(left, v) || binds(right, v),
            P::LeftJoin { left, .. } | P::Minus { left, .. } => binds(left, v),
            P::Filter { inner, .. } | P::Graph { inner, .. } => binds(inner, v),
            P::Union { left, right } => binds(left, v) && binds(right, v),
            P::Extend {
                inner, variable, ..
            } => variable == v || binds(inner, v),
            _ => false,
        }
    }
    /// A group with parts of its own (not a leaf pattern, union or sub-select).
    fn nested(p: &P) -> bool {
        matches!(
            p,
            P::Join { .. }
                | P::LeftJoin { .. }
                | P::Minus { .. }
                | P::Filter { .. }
                | P::Extend { .. }
        )
    }
    fn insert(p: &mut P, v: &Variable, t: &GroundTerm) {
        match p {
            P::Slice { inner, .. }
            | P::Distinct { inner }
            | P::Reduced { inner }
            | P::OrderBy { inner, .. } => return insert(inner, v, t),
            P::Project { inner, variables } => {
                if variables.contains(v) {
                    insert(inner, v, t);
                }
                return;
            }
            // Into the nested group that binds it, so that the block joins the group's
            // patterns themselves (not a group with an OPTIONAL inside, which the optimizer
            // does not reorder).
            P::Join { left, .. } if nested(left) && binds(left, v) => return insert(left, v, t),
            P::Join { right, .. } if nested(right) && binds(right, v) => {
                return insert(right, v, t);
            }
            P::LeftJoin { left, .. } | P::Minus { left, .. } if binds(left, v) => {
                return insert(left, v, t);
            }
            P::Filter { inner, .. } | P::Graph { inner, .. } if binds(inner, v) => {
                return insert(inner, v, t);
            }
            P::Extend {
                inner, variable, ..
            } if variable != v && binds(inner, v) => return insert(inner, v, t),
            _ => {}
        }
        let values = P::Values {
            variables: vec![v.clone()],
            bindings: vec![vec![Some(t.clone())]],
        };
        let right = std::mem::replace(
            p,
            P::Bgp {
                patterns: Vec::new(),
            },
        );
        *p = P::Join {
            left: Box::new(values),
            right: Box::new(right),
        };
    }
    let (spargebra::Query::Select { pattern, .. }
    | spargebra::Query::Ask { pattern, .. }
    | spargebra::Query::Construct { pattern, .. }
    | spargebra::Query::Describe { pattern, .. }) = query;
    for (v, t) in params {
        let g = match t {
            Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
            Term::Literal(l) => GroundTerm::Literal(l.clone()),
            _ => continue,
        };
        insert(pattern, v, &g);
    }
}

fn evaluation_error(origin: &str, e: oxigraph::sparql::QueryEvaluationError) -> QueryError {
    match e {
        oxigraph::sparql::QueryEvaluationError::NotExistingSubstitutedVariable(v) => {
            QueryError::UnusedParam {
                origin: origin.to_owned(),
                variable: v.to_string(),
            }
        }
        e => QueryError::Evaluation {
            origin: origin.to_owned(),
            message: e.to_string(),
        },
    }
}

/// The SPARQL keywords that start an update, which `query` does not run.
const UPDATE_KEYWORDS: &[&str] = &[
    "INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH",
];

/// The query forms.
const FORMS: &[&str] = &["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"];

/// The first keyword of a query after its comments, PREFIX and BASE declarations, with its line
/// and column (1-based).
fn first_keyword(text: &str) -> Option<(usize, usize, &str)> {
    let mut after_decl = 0; // words still belonging to a PREFIX/BASE declaration
    for (i, line) in text.lines().enumerate() {
        let code = line.split('#').next().unwrap_or("");
        let mut col = 0;
        for word in code.split_whitespace() {
            let at = code[col..].find(word).map_or(col, |k| col + k);
            col = at + word.len();
            if after_decl > 0 {
                after_decl -= 1;
                continue;
            }
            if word.eq_ignore_ascii_case("PREFIX") {
                after_decl = 2;
            } else if word.eq_ignore_ascii_case("BASE") {
                after_decl = 1;
            } else {
                let w = word.split(|c: char| !c.is_ascii_alphabetic()).next()?;
                return Some((i + 1, at + 1, w));
            }
        }
    }
    None
}

/// The keyword (upper case) that makes `text` a SPARQL update — INSERT, DELETE, LOAD, CLEAR,
/// CREATE, DROP, COPY, MOVE, ADD or WITH as its first word after comments and PREFIX/BASE
/// declarations — or None for anything else (a query, or text that is neither).
pub fn update_keyword(text: &str) -> Option<String> {
    let (_, _, word) = first_keyword(text)?;
    let upper = word.to_ascii_uppercase();
    UPDATE_KEYWORDS.contains(&upper.as_str()).then_some(upper)
}

/// Rewrites the SPARQL parser's message for a person: an update is refused with what to do
/// instead; a misspelt query form gets the closest one; otherwise the line and column, the
/// line itself and a caret.
fn explain_syntax_error(text: &str, parser: &str) -> String {
    if let Some(upper) = update_keyword(text) {
        return format!(
            "{upper} is a SPARQL update; `tipkg query` runs read-only queries (SELECT, ASK, \
             CONSTRUCT, DESCRIBE); use `tipkg extract` and `tipkg remove` to change the store"
        );
    }
    if let Some((line, col, word)) = first_keyword(text) {
        let upper = word.to_ascii_uppercase();
        if !FORMS.contains(&upper.as_str()) {
            let names = closest(word, FORMS.iter().copied());
            let hint = if names.is_empty() {
                String::new()
            } else {
                format!(" ({})", did_you_mean(&names))
            };
            return format!(
                "line {line}, column {col}: {word:?} is not a query form: expected SELECT, ASK, \
                 CONSTRUCT or DESCRIBE{hint}"
            );
        }
    }
    // oxigraph says "error at L:C: what" (or "error at L:C-L:C: what").
    let (place, what) = parser
        .strip_prefix("error at ")
        .and_then(|r| r.split_once(": "))
        .unwrap_or(("", parser));
    let start = place.split('-').next().unwrap_or("");
    let Some((line, col)) = start
        .split_once(':')
        .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)))
    else {
        return parser.to_owned();
    };
    let src = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let caret = " ".repeat(src.chars().take(col.saturating_sub(1)).count());
    format!("line {line}, column {col}: {what}\n    {src}\n    {caret}^")
}

/// The candidates closest to `word` (ignoring case) that are close enough to be likely typos —
/// an edit distance (transpositions counting one) of at most a third of their length (at least
/// 1), or `word` as a prefix — best first, at most three, each once whatever its case.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let w = word.to_lowercase();
    let mut scored: Vec<(usize, &str)> = Vec::new();
    for c in candidates {
        let lc = c.to_lowercase();
        let d = if lc.starts_with(&w) && w.len() >= 3 {
            lc.len() - w.len()
        } else {
            strsim::osa_distance(&w, &lc)
        };
        if d <= (c.chars().count() / 3).max(1)
            && !scored.iter().any(|(_, s)| s.eq_ignore_ascii_case(c))
        {
            scored.push((d, c));
        }
    }
    scored.sort_by_key(|&(d, _)| d);
    let best = scored.first().map_or(0, |&(d, _)| d);
    scored
        .into_iter()
        .filter(|&(d, _)| d == best)
        .take(3)
        .map(|(_, c)| c)
        .collect()
}

/// " (did you mean A, B or C?)"-style text, or nothing.
pub fn did_you_mean(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("did you mean {one}?"),
        [init @ .., last] => format!("did you mean {} or {last}?", init.join(", ")),
    }
}

/// Runs a query and collects its solutions (for library users and the other commands).
pub fn select(
    store: &GraphStore,
    text: &str,
    origin: &str,
    iris: &Iris,
) -> Result<Vec<QuerySolution>, QueryError> {
    let eval = |e: &dyn std::fmt::Display| QueryError::Evaluation {
        origin: origin.to_owned(),
        message: e.to_string(),
    };
    match execute(store, text, origin, &[], false, iris)? {
        QueryResults::Solutions(s) => s.collect::<Result<Vec<_>, _>>().map_err(|e| eval(&e)),
        _ => Err(eval(&"not a SELECT query")),
    }
}

/// Writes results in `format` (None: the default for the query form given whether stdout
/// is a terminal) and returns how many rows (solutions, triples, or 1/0 for ASK) there were.
/// A table is fitted to `width` characters when given (long values wrapped over a few lines,
/// then cut with `…`); the other formats always carry the full values.
#[allow(clippy::too_many_arguments)]
pub fn write_results(
    results: QueryResults<'static>,
    format: Option<OutputFormat>,
    terminal: bool,
    width: Option<usize>,
    iris: &Iris,
    origin: &str,
    mut out: impl Write,
) -> Result<usize, QueryError> {
    let eval = |e: &dyn std::fmt::Display| QueryError::Evaluation {
        origin: origin.to_owned(),
        message: e.to_string(),
    };
    let tabular = |f: OutputFormat| match f {
        OutputFormat::Csv => Some(QueryResultsFormat::Csv),
        OutputFormat::Tsv => Some(QueryResultsFormat::Tsv),
        OutputFormat::Json => Some(QueryResultsFormat::Json),
        OutputFormat::Xml => Some(QueryResultsFormat::Xml),
        _ => None,
    };
    match results {
        QueryResults::Boolean(b) => {
            let f = format.unwrap_or(if terminal {
                OutputFormat::Table
            } else {
                OutputFormat::Tsv
            });
            if f == OutputFormat::Table {
                writeln!(out, "{b}")?;
            } else if let Some(rf) = tabular(f) {
                QueryResultsSerializer::from_format(rf).serialize_boolean_to_writer(&mut out, b)?;
                if matches!(f, OutputFormat::Csv | OutputFormat::Tsv) {
                    writeln!(out)?;
                }
            } else {
                return Err(QueryError::Format {
                    format: f.name(),
                    form: "ASK",
                    hint: "table, csv, tsv, json or xml",
                });
            }
            out.flush()?;
            Ok(usize::from(b))
        }
        QueryResults::Solutions(solutions) => {
            let f = format.unwrap_or(if terminal {
                OutputFormat::Table
            } else {
                OutputFormat::Tsv
            });
            let vars = solutions.variables().to_vec();
            let mut n = 0;
            if f == OutputFormat::Table {
                let rows = solutions
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| eval(&e))?;
                n = rows.len();
                super::table::write_table(&vars, &rows, width, iris, &mut out)?;
            } else if let Some(rf) = tabular(f) {
                let mut ser = QueryResultsSerializer::from_format(rf)
                    .serialize_solutions_to_writer(&mut out, vars)?;
                for s in solutions {
                    let s = s.map_err(|e| eval(&e))?;
                    ser.serialize(&s)?;
                    n += 1;
                }
                ser.finish()?;
            } else {
                return Err(QueryError::Format {
                    format: f.name(),
                    form: "SELECT",
                    hint: "table, csv, tsv, json or xml",
                });
            }
            out.flush()?;
            Ok(n)
        }
        QueryResults::Graph(triples) => {
            let f = format.unwrap_or(OutputFormat::Turtle);
            let rf = match f {
                OutputFormat::Turtle => RdfFormat::Turtle,
                OutputFormat::NTriples => RdfFormat::NTriples,
                _ => {
                    return Err(QueryError::Format {
                        format: f.name(),
                        form: "CONSTRUCT/DESCRIBE",
                        hint: "turtle or ntriples",
                    });
                }
            };
            let all = triples
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| eval(&e))?;
            let n = all.iter().collect::<std::collections::HashSet<_>>().len();
            if rf == RdfFormat::Turtle {
                crate::output::export::write_turtle(all, &iris.prefixes(), &mut out)?;
            } else {
                let mut all = all;
                all.sort_by_cached_key(|t| {
                    (
                        t.subject.to_string(),
                        t.predicate.to_string(),
                        t.object.to_string(),
                    )
                });
                all.dedup();
                let mut w = RdfSerializer::from_format(rf).for_writer(&mut out);
                for t in &all {
                    w.serialize_triple(t)?;
                }
                w.finish()?;
            }
            out.flush()?;
            Ok(n)
        }
    }
}
