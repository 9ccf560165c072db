//! Build RDF: turns one document's [`Extraction`] into the quads of its named graph.
//!
//! IRIs are deterministic, minted under a configurable base from the document's file name and
//! the positions of paragraphs, mentions and provisions, never at random:
//!
//! | thing | IRI |
//! | --- | --- |
//! | document | `{base}doc/{name}` |
//! | its named graph | `{base}graph/{name}` |
//! | paragraph | `{base}doc/{name}/para/{index}` |
//! | footnote | `{base}doc/{name}/para/{index}/fn/{k}` |
//! | mention | `{base}doc/{name}/para/{index}/m/{k}` |
//! | provision | `{base}doc/{name}/prov/{k}` |
//! | relation | `{base}doc/{name}/rel/{k}` |
//! | entity | `{base}id/{key}` |
//! | cited document | `{base}symbol/{symbol}` (spaces as `_`) |

pub mod identity;
pub mod vocab;

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::model::{DocKind, Extraction, MatchKind, Place, Role, Span, Status};
use crate::registry::Registry;
use vocab::{DCTERMS, SKOS};

/// Where minted IRIs live.
#[derive(Debug, Clone)]
pub struct Iris {
    base: String,
}

impl Default for Iris {
    fn default() -> Self {
        Self::new(vocab::DEFAULT_BASE)
    }
}

/// The graph names `graph/NAME` that are not documents' (the vocabulary, the registry): a file
/// of such a name gets another ([`crate::rdf::identity::Namer`]), so that it never replaces them.
pub const RESERVED_NAMES: [&str; 2] = ["ontology", "registry"];

/// Pairing graphs are `graph/pairing/DRAFT/ADOPTED` ([`Iris::pairing_graph`]); the pairing, its
/// revisions and its changes are nodes under `doc/DRAFT/draftOf/ADOPTED`
/// ([`Iris::pairing_node`]), the subjects that graph owns (`store::summary`).
pub const PAIRING_GRAPHS: &str = "pairing";
/// The step under a draft's document IRI that its pairings' nodes take.
pub const DRAFT_OF_STEP: &str = "draftOf";

impl Iris {
    /// IRIs under `base` (a trailing `/` is added when missing).
    pub fn new(base: &str) -> Self {
        let mut base = base.to_owned();
        if !base.ends_with('/') && !base.ends_with('#') {
            base.push('/');
        }
        Self { base }
    }

    /// The base.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The project's prefixes ([`vocab::PREFIXES`]), with `id:` and `doc:` under this base.
    pub fn prefixes(&self) -> Vec<(&'static str, String)> {
        vocab::PREFIXES
            .iter()
            .map(|&(p, ns)| {
                let ns = match p {
                    "id" => format!("{}id/", self.base),
                    "doc" => format!("{}doc/", self.base),
                    _ => ns.to_owned(),
                };
                (p, ns)
            })
            .collect()
    }

    fn node(&self, path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{}", self.base, path))
    }

    /// The document `name`.
    pub fn document(&self, name: &str) -> NamedNode {
        self.node(&format!("doc/{}", encode(name)))
    }

    /// The graph of the pairing of draft `draft` with adopted text `adopted` (document names).
    pub fn pairing_graph(&self, draft: &str, adopted: &str) -> NamedNode {
        self.graph(&format!("{PAIRING_GRAPHS}/{draft}/{adopted}"))
    }

    /// The node of that pairing, under the draft's document IRI.
    pub fn pairing_node(&self, draft: &str, adopted: &str) -> NamedNode {
        let doc = self.document(draft);
        NamedNode::new_unchecked(format!("{}/{DRAFT_OF_STEP}/{adopted}", doc.as_str()))
    }

    /// The name of document `doc` (the inverse of [`Iris::document`]), if it is one.
    pub fn name_of(&self, doc: &NamedNode) -> Option<String> {
        doc.as_str()
            .strip_prefix(&format!("{}doc/", self.base))
            .map(decode)
    }

    /// The named graph of document `name`.
    pub fn graph(&self, name: &str) -> NamedNode {
        self.node(&format!("graph/{}", encode(name)))
    }

    /// The graph holding the vocabulary.
    pub fn ontology_graph(&self) -> NamedNode {
        self.node(&format!("graph/{}", RESERVED_NAMES[0]))
    }

    /// The graph holding the entity registry.
    pub fn registry_graph(&self) -> NamedNode {
        self.node(&format!("graph/{}", RESERVED_NAMES[1]))
    }

    /// The entity `key`.
    pub fn entity(&self, key: &str) -> NamedNode {
        self.node(&format!("id/{}", encode(key)))
    }

    /// An entity key, or a document symbol (which always holds a `/`, unlike keys).
    pub fn key_or_symbol(&self, s: &str) -> NamedNode {
        if s.contains('/') {
            self.symbol(s)
        } else {
            self.entity(s)
        }
    }

    /// A cited document by its symbol.
    pub fn symbol(&self, symbol: &str) -> NamedNode {
        self.node(&format!("symbol/{}", encode(&symbol.replace(' ', "_"))))
    }
}

/// Percent-encodes what may not stand in an IRI path segment (keeps `/`).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "-._~/()".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Undoes the percent-encoding of an IRI path segment.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn iri(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

struct Builder<'a> {
    graph: GraphName,
    sink: &'a mut dyn FnMut(Quad),
}

impl Builder<'_> {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: &str, o: impl Into<Term>) {
        (self.sink)(Quad::new(s, iri(p), o, self.graph.clone()));
    }
    fn lit(&mut self, s: impl Into<NamedOrBlankNode>, p: &str, v: &str) {
        self.add(s, p, Literal::new_simple_literal(v));
    }
    fn int(&mut self, s: impl Into<NamedOrBlankNode>, p: &str, v: usize) {
        self.add(
            s,
            p,
            Literal::new_typed_literal(v.to_string(), xsd::INTEGER),
        );
    }
    fn span(&mut self, s: &NamedNode, span: &Span) {
        self.int(s.clone(), vocab::START_BYTE, span.start);
        self.int(s.clone(), vocab::END_BYTE, span.end);
    }
}

/// The undocs.org page of a document symbol.
pub fn undocs(symbol: &str) -> Option<NamedNode> {
    if symbol.starts_with("UNTS") || symbol.contains(' ') {
        return None;
    }
    NamedNode::new(format!("https://undocs.org/{symbol}")).ok()
}

/// All quads of one document's named graph, each once, in the order [`emit`] gives them.
pub fn build(x: &Extraction, registry: &Registry, iris: &Iris) -> Vec<Quad> {
    let mut quads = Vec::new();
    emit(x, registry, iris, &mut |q| quads.push(q));
    // Drop repeats without cloning: a set of references, then a mask.
    let keep: Vec<bool> = {
        let mut seen = std::collections::HashSet::with_capacity(quads.len());
        quads.iter().map(|q| seen.insert(q)).collect()
    };
    let mut keep = keep.into_iter();
    quads.retain(|_| keep.next().unwrap_or(true));
    quads
}

/// The quads of one document's named graph, handed to `sink` as they are made (a quad may come
/// more than once: a store, being a set, keeps it once), so a large document's graph need not
/// be held in memory before it goes into the store.
pub fn emit(x: &Extraction, registry: &Registry, iris: &Iris, sink: &mut dyn FnMut(Quad)) {
    let name = &x.source.name;
    let doc = iris.document(name);
    let mut b = Builder {
        graph: iris.graph(name).into(),
        sink,
    };
    let meta = &x.segmented.meta;

    // The document.
    b.add(doc.clone(), rdf::TYPE.as_str(), iri(vocab::DOCUMENT));
    let kind = match meta.kind {
        DocKind::Resolution => Some(vocab::RESOLUTION),
        DocKind::PoliticalDeclaration => Some(vocab::POLITICAL_DECLARATION),
        DocKind::DraftResolution => Some(vocab::DRAFT_RESOLUTION),
        DocKind::DraftDeclaration => Some(vocab::DRAFT_DECLARATION),
        DocKind::Letter => Some(vocab::LETTER),
        DocKind::Summary => Some(vocab::DOCUMENT_SUMMARY),
        DocKind::Other => None,
    };
    if let Some(k) = kind {
        b.add(doc.clone(), rdf::TYPE.as_str(), iri(k));
    }
    for sym in &meta.symbols {
        b.lit(doc.clone(), &format!("{DCTERMS}identifier"), sym);
        if let Some(u) = undocs(sym) {
            b.add(doc.clone(), vocab::UNDOCS, u);
        }
        b.add(
            iris.symbol(sym),
            &format!("{}sameAs", vocab::OWL),
            doc.clone(),
        );
    }
    if let Some(d) = &meta.date {
        b.add(
            doc.clone(),
            &format!("{DCTERMS}date"),
            Literal::new_typed_literal(d, xsd::DATE),
        );
    }
    if let Some(t) = &meta.title {
        b.lit(doc.clone(), &format!("{DCTERMS}title"), t);
    }
    if let Some(s) = meta.status {
        let st = match s {
            Status::Draft => vocab::DRAFT,
            Status::Adopted => vocab::ADOPTED,
            Status::Summary => vocab::SUMMARY,
        };
        b.add(doc.clone(), vocab::STATUS, iri(st));
    }
    let file = x
        .source
        .path
        .file_name()
        .map_or_else(|| name.clone(), |f| f.to_string_lossy().into_owned());
    b.lit(doc.clone(), vocab::SOURCE_FILE, &file);
    b.lit(doc.clone(), &format!("{DCTERMS}source"), &file);

    // What could not be read cleanly.
    for (k, issue) in x.segmented.issues.iter().enumerate() {
        let ii = iri(&format!("{}/issue/{k}", doc.as_str()));
        b.add(doc.clone(), vocab::HAS_ISSUE, ii.clone());
        b.add(ii.clone(), rdf::TYPE.as_str(), iri(vocab::EXTRACTION_ISSUE));
        b.add(ii.clone(), vocab::IN_DOCUMENT, doc.clone());
        b.add(
            ii.clone(),
            vocab::ISSUE_KIND,
            iri(&vocab::tip(issue.kind.name())),
        );
        b.lit(
            ii.clone(),
            &format!("{}comment", vocab::RDFS),
            &issue.message,
        );
        b.span(&ii, &issue.span);
    }

    // Paragraphs and footnotes.
    let para_iri = |i: usize| iri(&format!("{}/para/{i}", doc.as_str()));
    let fn_iri = |i: usize, k: usize| iri(&format!("{}/para/{i}/fn/{k}", doc.as_str()));
    for p in &x.segmented.paragraphs {
        let pi = para_iri(p.index);
        b.add(pi.clone(), rdf::TYPE.as_str(), iri(vocab::PARAGRAPH));
        b.add(pi.clone(), vocab::IN_DOCUMENT, doc.clone());
        b.int(pi.clone(), vocab::POSITION, p.index);
        b.lit(pi.clone(), vocab::PARAGRAPH_KIND, p.kind.as_str());
        if let Some(n) = &p.number {
            b.lit(pi.clone(), vocab::NUMBER, n);
        }
        b.lit(pi.clone(), vocab::TEXT, &p.text.text);
        b.span(&pi, &p.text.span());
        if let Some((first, last)) = p.pages {
            b.int(pi.clone(), vocab::FIRST_PAGE, first as usize);
            b.int(pi.clone(), vocab::LAST_PAGE, last as usize);
        }
        for (k, f) in p.footnotes.iter().enumerate() {
            let fi = fn_iri(p.index, k);
            b.add(pi.clone(), vocab::HAS_FOOTNOTE, fi.clone());
            b.add(fi.clone(), rdf::TYPE.as_str(), iri(vocab::FOOTNOTE));
            b.add(fi.clone(), vocab::IN_DOCUMENT, doc.clone());
            b.lit(fi.clone(), vocab::FOOTNOTE_MARK, &f.mark);
            b.lit(fi.clone(), vocab::TEXT, &f.text.text);
            b.span(&fi, &f.text.span());
        }
    }
    let holder = |para: usize, place: Place| match place {
        Place::Body => para_iri(para),
        Place::Footnote(k) => fn_iri(para, k),
    };

    // Mentions: the direct link once per holder and entity, and a node per occurrence.
    let mut seen = std::collections::BTreeSet::new();
    let mut count = std::collections::BTreeMap::new();
    for m in &x.recognised.mentions {
        let h = holder(m.paragraph, m.place);
        let e = iris.entity(&m.key);
        if seen.insert((h.as_str().to_owned(), m.key.clone())) {
            // Entities outside the reference lists (the registry's extension, names found only
            // by their shape) go under their own sub-property.
            let prop = if m.how == MatchKind::Shape || !registry.is_reference(&m.key) {
                vocab::MENTIONS_UNLISTED
            } else {
                vocab::MENTIONS
            };
            b.add(h.clone(), prop, e.clone());
        }
        let k = count.entry(m.paragraph).or_insert(0usize);
        let mi = iri(&format!("{}/para/{}/m/{k}", doc.as_str(), m.paragraph));
        *k += 1;
        b.add(h, vocab::MENTION_NODE, mi.clone());
        b.add(mi.clone(), rdf::TYPE.as_str(), iri(vocab::MENTION));
        b.add(mi.clone(), vocab::ENTITY_PROP, e);
        b.lit(mi.clone(), vocab::SURFACE, &m.surface);
        if m.how == MatchKind::Anaphor {
            b.lit(mi.clone(), &format!("{}comment", vocab::RDFS), "anaphor");
        }
        b.span(&mi, &m.span);
    }
    for n in &x.recognised.new_entities {
        let e = iris.entity(&n.key);
        b.add(e.clone(), rdf::TYPE.as_str(), iri(&vocab::tip(&n.class)));
        b.add(
            e,
            &format!("{SKOS}prefLabel"),
            Literal::new_language_tagged_literal_unchecked(&n.label, "en"),
        );
    }

    // Citations.
    for c in &x.recognised.citations {
        let h = holder(c.paragraph, Place::Body);
        let d = iris.symbol(&c.symbol);
        b.add(h, vocab::CITES, d.clone());
        b.lit(d.clone(), &format!("{DCTERMS}identifier"), &c.symbol);
        if let Some(u) = undocs(&c.symbol) {
            b.add(d, vocab::UNDOCS, u);
        }
    }

    // Sponsors.
    for s in &x.recognised.sponsors {
        b.add(iris.entity(s), vocab::SPONSORS, doc.clone());
    }

    // Provisions, and the direct speaker → verb → entity triples.
    for (k, p) in x.extracted.provisions.iter().enumerate() {
        let v = iri(&format!("{}/prov/{k}", doc.as_str()));
        let speaker = iris.entity(&p.speaker);
        let verb = iri(&vocab::tip(&p.verb));
        b.add(v.clone(), rdf::TYPE.as_str(), iri(vocab::PROVISION));
        b.add(v.clone(), vocab::PARAGRAPH_PROP, para_iri(p.paragraph));
        b.add(v.clone(), vocab::IN_DOCUMENT, doc.clone());
        b.add(v.clone(), vocab::SPEAKER, speaker.clone());
        b.add(v.clone(), vocab::VERB_PROP, verb.clone());
        b.lit(v.clone(), vocab::VERB_TEXT, &p.verb_text);
        b.span(&v, &p.span);
        for (role, key) in &p.targets {
            let e = iris.entity(key);
            let listed = registry.is_reference(key);
            let prop = match role {
                Role::Addressee if listed => vocab::ADDRESSEE,
                Role::Addressee => vocab::ADDRESSEE_UNLISTED,
                Role::Object if listed => vocab::OBJECT,
                Role::Object => vocab::OBJECT_UNLISTED,
            };
            b.add(v.clone(), prop, e.clone());
            b.add(speaker.clone(), verb.as_str(), e);
        }
        if !vocab::VERBS.iter().any(|(v, _)| *v == p.verb) {
            // A verb outside the closed list: a concept of its own, so nothing the text does is
            // lost and the IRI is never bare.
            b.add(verb.clone(), rdf::TYPE.as_str(), iri(vocab::VERB));
            b.add(
                verb.clone(),
                &format!("{SKOS}prefLabel"),
                Literal::new_language_tagged_literal_unchecked(&p.verb, "en"),
            );
        }
        if let Some((text, span)) = &p.mandate {
            b.lit(v.clone(), vocab::MANDATE, text);
            b.int(v.clone(), vocab::MANDATE_START_BYTE, span.start);
            b.int(v.clone(), vocab::MANDATE_END_BYTE, span.end);
        }
    }

    // Stated relations: the plain triple and a node with its provenance.
    for (k, r) in x.extracted.relations.iter().enumerate() {
        let ri = iri(&format!("{}/rel/{k}", doc.as_str()));
        let s = iris.key_or_symbol(&r.subject);
        let o = iris.key_or_symbol(&r.object);
        let prop = vocab::tip(&r.relation);
        b.add(s.clone(), &prop, o.clone());
        b.add(ri.clone(), rdf::TYPE.as_str(), iri(vocab::RELATION));
        b.add(ri.clone(), vocab::RELATION_SUBJECT, s);
        b.add(ri.clone(), vocab::RELATION_TYPE, iri(&prop));
        b.add(ri.clone(), vocab::RELATION_OBJECT, o);
        b.add(ri.clone(), vocab::STATED_IN, para_iri(r.paragraph));
        b.span(&ri, &r.span);
    }

    // Keep only entities the registry or this document defines; an unknown key still gets a
    // label so it is never a bare IRI.
    for m in &x.recognised.mentions {
        if registry.get(&m.key).is_none()
            && !x.recognised.new_entities.iter().any(|n| n.key == m.key)
        {
            b.lit(
                iris.entity(&m.key),
                &format!("{}label", vocab::RDFS),
                &m.surface,
            );
        }
    }
}
