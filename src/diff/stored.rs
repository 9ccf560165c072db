//! Draft pairings in the store: `extract` pairs every draft and adopted text it reads with the
//! others of the same run and with those already in the store, and keeps each pairing in a
//! named graph of its own, `graph/pairing/{draft}/{adopted}`, so that re-extracting or
//! removing either document can drop it without touching the other's graph.
//!
//! A document already in the store is read back from its graph ([`from_store`]): its numbered
//! paragraphs, provisions, citations and sponsors. Its head is the text of its paragraphs in
//! the first [`HEAD_BYTES`] of the source (a line the segmenter dropped as furniture is not in
//! it, so a pairing with a stored adopted text may be decided on its title where the same run
//! would have found the draft's symbol), and words broken with a hyphen at a line end are not
//! known (such a paragraph compares as changed, not same).
//!
//! Which stored documents are compared with a new one (see [`candidate`]): those of the other
//! side (draft or adopted) with the same title, or whose adopted text names the draft's symbol,
//! or, when neither bears a symbol, any. Pairing on text alone with a document already stored
//! is thus limited to documents without symbols (reading back every stored document of a
//! session to compare texts would cost seconds per document on a store of a thousand); in one
//! run every pair is considered. A stored draft keeps the pairing it has unless the new one
//! rests on better evidence or a larger paragraph overlap.

use std::collections::{BTreeMap, HashMap, HashSet};

use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term};

use super::doc::{HEAD_BYTES, Prov};
use super::pair::{self, Basis, Pairing};
use super::shelf::{Key, Shelf};
use super::units::{self, Para};
use super::{Doc, graph};
use crate::model::{ParagraphKind, Role};
use crate::rdf::vocab::{self, DCTERMS};
use crate::rdf::{Iris, decode};
use crate::registry::Registry;
use crate::store::{GraphStore, NewGraph, NewGraphs, StoreError};

/// A pairing graph of the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The named graph.
    pub graph: NamedNode,
    /// The draft's name.
    pub draft: String,
    /// The adopted text's name.
    pub adopted: String,
}

/// The pairing graphs of the store.
pub fn pairings(st: &GraphStore, iris: &Iris) -> Result<Vec<Stored>, StoreError> {
    let prefix = iris.graph(&format!("{}/", crate::rdf::PAIRING_GRAPHS));
    Ok(st
        .graphs()?
        .into_iter()
        .filter_map(|g| {
            let rest = g.as_str().strip_prefix(prefix.as_str())?;
            let (d, a) = rest.split_once('/')?;
            let (draft, adopted) = (decode(d), decode(a));
            Some(Stored {
                graph: g,
                draft,
                adopted,
            })
        })
        .collect())
}

/// Removes the pairing graphs in which any of `names` takes part; returns how many went.
pub fn remove_pairings(
    st: &GraphStore,
    iris: &Iris,
    names: &HashSet<String>,
) -> Result<usize, StoreError> {
    let mut n = 0;
    for p in pairings(st, iris)? {
        if names.contains(&p.draft) || names.contains(&p.adopted) {
            st.remove_graph(p.graph.as_ref())?;
            n += 1;
        }
    }
    Ok(n)
}

/// What the store says of a document, enough to choose the candidates of a pairing.
#[derive(Debug, Clone, Default)]
struct Meta {
    symbols: Vec<String>,
    title: Option<String>,
    draft: bool,
    adopted: bool,
}

/// The metadata of every document of the store, by name: the documents by their class, then
/// a few look-ups by subject each (a scan of `rdf:type` or `dcterms:identifier` would read
/// every paragraph, mention and citation of the store).
fn metadata(st: &GraphStore, iris: &Iris, skip: &HashSet<String>) -> BTreeMap<String, Meta> {
    let s = st.store();
    let doc_ns = format!("{}doc/", iris.base());
    let ty = oxigraph::model::vocab::rdf::TYPE;
    let class = NamedNode::new_unchecked(vocab::DOCUMENT);
    let (identifier, title, status) = (
        NamedNode::new_unchecked(format!("{DCTERMS}identifier")),
        NamedNode::new_unchecked(format!("{DCTERMS}title")),
        NamedNode::new_unchecked(vocab::STATUS),
    );
    let is = |o: &Term, iri: &str| matches!(o, Term::NamedNode(x) if x.as_str() == iri);
    let mut out: BTreeMap<String, Meta> = BTreeMap::new();
    let docs: Vec<NamedNode> = s
        .quads_for_pattern(None, Some(ty), Some(class.as_ref().into()), None)
        .filter_map(Result::ok)
        .filter_map(|q| match q.subject {
            NamedOrBlankNode::NamedNode(n) => Some(n),
            NamedOrBlankNode::BlankNode(_) => None,
        })
        .collect();
    for d in docs {
        let Some(name) = d
            .as_str()
            .strip_prefix(&doc_ns)
            .filter(|r| !r.contains('/'))
            .map(decode)
            .filter(|n| !skip.contains(n))
        else {
            continue;
        };
        let objects = |p: oxigraph::model::NamedNodeRef<'_>| -> Vec<Term> {
            s.quads_for_pattern(Some(d.as_ref().into()), Some(p), None, None)
                .filter_map(Result::ok)
                .map(|q| q.object)
                .collect()
        };
        let lit = |t: &Term| match t {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        };
        let mut m = Meta {
            symbols: objects(identifier.as_ref())
                .iter()
                .filter_map(lit)
                .collect(),
            title: objects(title.as_ref()).iter().find_map(lit),
            ..Meta::default()
        };
        m.symbols.sort();
        for o in objects(status.as_ref()) {
            m.draft |= is(&o, vocab::DRAFT);
            m.adopted |= is(&o, vocab::ADOPTED);
        }
        for o in objects(ty) {
            m.draft |= is(&o, vocab::DRAFT_RESOLUTION) || is(&o, vocab::DRAFT_DECLARATION);
            m.adopted |= is(&o, vocab::RESOLUTION) || is(&o, vocab::POLITICAL_DECLARATION);
        }
        m.adopted &= !m.draft;
        out.insert(name, m);
    }
    out
}

/// A document of the store read back from its graph, as the comparison sees it; `None` when
/// the store has no such document.
pub fn from_store(st: &GraphStore, iris: &Iris, name: &str) -> Option<Doc> {
    let s = st.store();
    let g = iris.graph(name);
    let doc = iris.document(name);
    let para_ns = format!("{}/para/", doc.as_str());
    let prov_ns = format!("{}/prov/", doc.as_str());
    let entity_ns = format!("{}id/", iris.base());
    #[derive(Default)]
    struct P {
        number: Option<String>,
        kind: Option<ParagraphKind>,
        text: String,
        start: usize,
    }
    #[derive(Default)]
    struct V {
        paragraph: Option<usize>,
        verb: String,
        verb_text: String,
        span: (usize, usize),
        targets: Vec<(Role, String)>,
        mandate: Option<String>,
    }
    let mut paras: BTreeMap<usize, P> = BTreeMap::new();
    let mut provs: BTreeMap<usize, V> = BTreeMap::new();
    let mut symbol_ids: HashMap<String, String> = HashMap::new();
    let mut cites: Vec<(usize, String)> = Vec::new();
    let mut sponsors = Vec::new();
    let mut meta = Meta::default();
    let mut file = String::new();
    let lit = |t: &Term| match t {
        Term::Literal(l) => l.value().to_owned(),
        _ => String::new(),
    };
    let num = |t: &Term| lit(t).parse::<usize>().ok();
    let para_index = |iri: &str| -> Option<usize> { iri.strip_prefix(&para_ns)?.parse().ok() };
    let key_of = |t: &Term| match t {
        Term::NamedNode(n) => n.as_str().strip_prefix(&entity_ns).map(decode),
        _ => None,
    };
    let is = |o: &Term, iri: &str| matches!(o, Term::NamedNode(x) if x.as_str() == iri);
    let mut any = false;
    for q in s
        .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
        .filter_map(Result::ok)
    {
        any = true;
        let NamedOrBlankNode::NamedNode(subj) = &q.subject else {
            continue;
        };
        let (subj, p, o) = (subj.as_str(), q.predicate.as_str(), &q.object);
        if subj == doc.as_str() {
            match p {
                x if x == format!("{DCTERMS}identifier") => meta.symbols.push(lit(o)),
                x if x == format!("{DCTERMS}title") => meta.title = Some(lit(o)),
                vocab::SOURCE_FILE => file = lit(o),
                vocab::STATUS => {
                    meta.draft |= is(o, vocab::DRAFT);
                    meta.adopted |= is(o, vocab::ADOPTED);
                }
                x if x == oxigraph::model::vocab::rdf::TYPE.as_str() => {
                    meta.draft |= is(o, vocab::DRAFT_RESOLUTION) || is(o, vocab::DRAFT_DECLARATION);
                    meta.adopted |= is(o, vocab::RESOLUTION) || is(o, vocab::POLITICAL_DECLARATION);
                }
                _ => {}
            }
        } else if let Some(i) = para_index(subj) {
            let e = paras.entry(i).or_default();
            match p {
                vocab::NUMBER => e.number = Some(lit(o)),
                vocab::TEXT => e.text = lit(o),
                vocab::START_BYTE => e.start = num(o).unwrap_or(usize::MAX),
                vocab::PARAGRAPH_KIND => {
                    e.kind = Some(match lit(o).as_str() {
                        "preambular" => ParagraphKind::Preambular,
                        "operative" => ParagraphKind::Operative,
                        "heading" => ParagraphKind::Heading,
                        _ => ParagraphKind::Unnumbered,
                    });
                }
                vocab::CITES => {
                    if let Term::NamedNode(n) = o {
                        cites.push((i, n.as_str().to_owned()));
                    }
                }
                _ => {}
            }
        } else if let Some(k) = subj
            .strip_prefix(&prov_ns)
            .and_then(|k| k.parse::<usize>().ok())
        {
            let v = provs.entry(k).or_default();
            match p {
                vocab::PARAGRAPH_PROP => {
                    if let Term::NamedNode(n) = o {
                        v.paragraph = para_index(n.as_str());
                    }
                }
                vocab::VERB_PROP => {
                    if let Term::NamedNode(n) = o {
                        v.verb = n.as_str().strip_prefix(vocab::TIP).unwrap_or("").to_owned();
                    }
                }
                vocab::VERB_TEXT => v.verb_text = lit(o),
                vocab::START_BYTE => v.span.0 = num(o).unwrap_or(0),
                vocab::END_BYTE => v.span.1 = num(o).unwrap_or(0),
                vocab::MANDATE => v.mandate = Some(lit(o)),
                vocab::ADDRESSEE | vocab::ADDRESSEE_UNLISTED => {
                    v.targets.extend(key_of(o).map(|k| (Role::Addressee, k)));
                }
                vocab::OBJECT | vocab::OBJECT_UNLISTED => {
                    v.targets.extend(key_of(o).map(|k| (Role::Object, k)));
                }
                _ => {}
            }
        } else if p == vocab::SPONSORS
            && matches!(o, Term::NamedNode(n) if n.as_str() == doc.as_str())
        {
            sponsors.extend(subj.strip_prefix(&entity_ns).map(decode));
        } else if p == format!("{DCTERMS}identifier") {
            symbol_ids.insert(subj.to_owned(), lit(o));
        }
    }
    if !any {
        return None;
    }
    // Paragraph positions are 0..n in the graph; keep the order and index by position.
    let n = paras.keys().next_back().map_or(0, |k| k + 1);
    let mut list: Vec<P> = (0..n).map(|_| P::default()).collect();
    for (i, p) in paras {
        list[i] = p;
    }
    let items: Vec<Para<'_>> = list
        .iter()
        .map(|p| Para {
            number: p.number.as_deref(),
            kind: p.kind.unwrap_or(ParagraphKind::Unnumbered),
            text: &p.text,
            broken: Vec::new(),
        })
        .collect();
    let mut head = String::new();
    for p in list.iter().filter(|p| p.start < HEAD_BYTES) {
        head.push_str(&p.text);
        head.push('\n');
    }
    let mut provisions: Vec<Prov> = provs
        .into_values()
        .filter_map(|v| {
            let paragraph = v.paragraph?;
            let text = list.get(paragraph).map_or("", |p| p.text.as_str());
            let lead_words = text
                .find(v.verb_text.as_str())
                .map_or(usize::MAX, |at| text[..at].split_whitespace().count());
            let mut targets = v.targets;
            targets.sort();
            Some(Prov {
                paragraph,
                verb: v.verb,
                verb_text: v.verb_text,
                lead_words,
                targets,
                mandate: v.mandate,
                span: v.span.0..v.span.1,
            })
        })
        .collect();
    provisions.sort_by_key(|p| (p.paragraph, p.span.start));
    let mut citations: Vec<(usize, String)> = cites
        .into_iter()
        .filter_map(|(i, node)| Some((i, symbol_ids.get(&node)?.clone())))
        .collect();
    citations.sort();
    meta.symbols.sort();
    sponsors.sort();
    let amends = super::amend::amended(&head);
    Some(Doc {
        name: name.to_owned(),
        symbols: meta.symbols,
        title: meta.title,
        draft: meta.draft && amends.is_none(),
        amends,
        adopted: meta.adopted && !meta.draft,
        head,
        file,
        units: units::units_of(&items),
        provisions,
        citations,
        sponsors,
    })
}

/// The session of a document by its first symbol that has one.
fn session_of(symbols: &[String]) -> Option<u32> {
    symbols.iter().find_map(|s| pair::session(s))
}

/// True when a stored document is worth comparing with a new one of the other side: the
/// same title; or the adopted text names the draft's symbol (at the head of a new adopted
/// text, or cited by a stored one); or neither bears a symbol (so neither can be placed in a
/// session). Documents of different sessions never pair.
fn candidate(new: &Key, name: &str, old: &Meta, cited: &HashMap<String, HashSet<String>>) -> bool {
    if let (Some(a), Some(b)) = (session_of(&new.symbols), session_of(&old.symbols))
        && a != b
    {
        return false;
    }
    let same_title = matches!((&new.title, &old.title), (Some(a), Some(b)) if {
        let (a, b) = (pair::title_key(a), pair::title_key(b));
        !a.is_empty() && a == b
    });
    let named = if new.draft {
        new.symbols
            .iter()
            .any(|s| cited.get(s).is_some_and(|by| by.contains(name)))
    } else {
        old.symbols.iter().any(|s| new.head.contains(s.as_str()))
    };
    same_title || named || (new.symbols.is_empty() && old.symbols.is_empty())
}

/// For each symbol of a new draft, the stored documents that cite it.
fn citing(st: &GraphStore, iris: &Iris, run: &[Key]) -> HashMap<String, HashSet<String>> {
    let s = st.store();
    let doc_ns = format!("{}doc/", iris.base());
    let cites = NamedNode::new_unchecked(vocab::CITES);
    let in_doc = NamedNode::new_unchecked(vocab::IN_DOCUMENT);
    let mut out: HashMap<String, HashSet<String>> = HashMap::new();
    for sym in run.iter().filter(|d| d.draft).flat_map(|d| &d.symbols) {
        let node = iris.symbol(sym);
        for q in s
            .quads_for_pattern(None, Some(cites.as_ref()), Some(node.as_ref().into()), None)
            .filter_map(Result::ok)
        {
            // The citing paragraph's document.
            let doc = s
                .quads_for_pattern(Some(q.subject.as_ref()), Some(in_doc.as_ref()), None, None)
                .filter_map(Result::ok)
                .find_map(|d| match d.object {
                    Term::NamedNode(n) => n.as_str().strip_prefix(&doc_ns).map(decode),
                    _ => None,
                });
            if let Some(doc) = doc {
                out.entry(sym.clone()).or_default().insert(doc);
            }
        }
    }
    out
}

/// A pairing written to the store.
#[derive(Debug, Clone)]
pub struct Linked {
    /// The draft's name.
    pub draft: String,
    /// The adopted text's name.
    pub adopted: String,
    /// How it was decided.
    pub pairing: Pairing,
}

/// The pairings of one `extract` run: those [`plan`] added to the loading session, and those
/// it left for [`write`] (each with its graph's quads, so that the documents compared are gone
/// before the writing).
pub struct Plan {
    added: Vec<Linked>,
    pairings: Vec<Planned>,
    existing: Vec<Stored>,
}

struct Planned {
    linked: Linked,
    /// A draft already in the store before this run.
    stored_draft: bool,
    graph: NamedNode,
    quads: Vec<oxigraph::model::Quad>,
}

/// Pairs the documents of one `extract` run (`run`) with each other and with the drafts and
/// adopted texts already in the store: a pairing in which a document of the run took part is
/// dropped first (its graph is replaced by the run). It reads the store — where the run's
/// documents may not be yet: they are taken from `run` — and adds the pairing graphs new to
/// the store to `session`; [`write`] writes the others (and returns all the pairings).
pub fn plan(
    st: &GraphStore,
    iris: &Iris,
    registry: &Registry,
    mut run: Shelf,
    session: &mut NewGraphs<'_>,
) -> Result<Plan, PlanError> {
    let fresh: HashSet<String> = run.keys().iter().map(|d| d.name.clone()).collect();
    remove_pairings(st, iris, &fresh)?;
    let meta = metadata(st, iris, &fresh);
    let cited = citing(st, iris, run.keys());
    let n_run = run.len();
    for (name, m) in &meta {
        if fresh.contains(name) || !(m.draft || m.adopted) {
            continue;
        }
        let wanted = run.keys()[..n_run].iter().any(|d| {
            ((d.draft && m.adopted) || (d.adopted && !d.draft && m.draft))
                && candidate(d, name, m, &cited)
        });
        if wanted && let Some(d) = from_store(st, iris, name) {
            run.push(&d).map_err(PlanError::Shelf)?;
        }
    }
    let existing = pairings(st, iris)?;
    let session = std::sync::Mutex::new(session);
    // A pairing graph new to the store goes into the session as soon as it is made, so that
    // the quads of all of them are never held at once; a pairing of a draft stored before
    // the run waits for [`write`], which compares it with the draft's stored pairing.
    let found = pair::find(
        run.keys(),
        |i| run.get(i),
        registry,
        |i, j| i < n_run || j < n_run,
        |f, d, a| -> Result<Result<Linked, Planned>, StoreError> {
            let graph = iris.pairing_graph(&d.name, &a.name);
            let quads = graph::quads(&f.diff, d, a, &f.pairing, iris, &graph);
            let linked = Linked {
                draft: d.name.clone(),
                adopted: a.name.clone(),
                pairing: f.pairing,
            };
            let stored_draft = f.draft >= n_run;
            let mut session = session
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if stored_draft
                || session.contains(graph.as_ref())
                || st.contains_graph(graph.as_ref())?
            {
                return Ok(Err(Planned {
                    linked,
                    stored_draft,
                    graph,
                    quads,
                }));
            }
            session.add(NewGraph {
                graph,
                quads,
                summary: None,
            })?;
            Ok(Ok(linked))
        },
    )
    .map_err(PlanError::Shelf)?;
    let (mut added, mut pairings) = (Vec::new(), Vec::new());
    for f in found {
        match f? {
            Ok(l) => added.push(l),
            Err(p) => pairings.push(p),
        }
    }
    Ok(Plan {
        added,
        pairings,
        existing,
    })
}

/// A failure to pair the drafts of a run.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The temporary file holding the documents to compare failed.
    #[error("the temporary file of the documents to pair: {0}")]
    Shelf(std::io::Error),
}

/// Writes the pairing graphs a [`plan`] left, one per draft, unless a stored draft already
/// has a pairing at least as good; returns the pairings of the plan, those added to its
/// session included.
pub fn write(st: &GraphStore, plan: Plan) -> Result<Vec<Linked>, StoreError> {
    let mut out = plan.added;
    for p in plan.pairings {
        if p.stored_draft {
            // A stored draft: keep its pairing unless the new one is better.
            let new = &p.linked.pairing;
            let mine: Vec<&Stored> = plan
                .existing
                .iter()
                .filter(|s| s.draft == p.linked.draft)
                .collect();
            let better = mine.iter().all(|s| match recorded(st, s) {
                Some(old) => (new.basis, -new.overlap) < (old.basis, -old.overlap),
                None => true,
            });
            if !better {
                continue;
            }
            for s in mine {
                st.remove_graph(s.graph.as_ref())?;
            }
        }
        st.replace_graph(p.graph.as_ref(), &p.quads)?;
        out.push(p.linked);
    }
    Ok(out)
}

/// The basis and overlap a stored pairing graph records.
fn recorded(st: &GraphStore, p: &Stored) -> Option<Pairing> {
    let s = st.store();
    let g = GraphName::NamedNode(p.graph.clone());
    let get = |prop: &str| {
        s.quads_for_pattern(
            None,
            Some(NamedNode::new_unchecked(prop).as_ref()),
            None,
            Some(g.as_ref()),
        )
        .filter_map(Result::ok)
        .find_map(|q| match q.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
    };
    let basis = match get(vocab::PAIRED_BY)?.as_str() {
        "symbol" => Basis::Symbol,
        "title" => Basis::Title,
        _ => Basis::Text,
    };
    let overlap = get(vocab::PARAGRAPH_OVERLAP)?.parse().ok()?;
    Some(Pairing { basis, overlap })
}
