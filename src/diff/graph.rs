//! The graph of a draft pairing: the pairing node with how it was decided, one `tip:Revision`
//! per alignment row with its kind and paragraphs, one `tip:Change` per change with its span,
//! and the links `draft tip:draftOf adopted`, `adopted prov:wasRevisionOf draft`.
//!
//! | thing | IRI |
//! | --- | --- |
//! | pairing | `{draft}/draftOf/{adopted name}` |
//! | revision | `{pairing}/rev/{k}` |
//! | change | `{pairing}/rev/{k}/change/{j}` |

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use super::changes::Change;
use super::pair::Pairing;
use super::{Diff, Doc};
use crate::model::Role;
use crate::rdf::Iris;
use crate::rdf::vocab::{self, PROV};

fn iri(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

fn decimal(x: f64) -> Term {
    Literal::new_typed_literal(format!("{x:.3}"), xsd::DECIMAL).into()
}

/// The quads of a pairing, in graph `graph` (the draft's).
pub fn quads(
    d: &Diff,
    draft: &Doc,
    adopted: &Doc,
    pairing: &Pairing,
    iris: &Iris,
    graph: &NamedNode,
) -> Vec<Quad> {
    let g = GraphName::NamedNode(graph.clone());
    let mut out = Vec::new();
    let mut add = |s: &NamedNode, p: &str, o: Term| {
        out.push(Quad::new(s.clone(), iri(p), o, g.clone()));
    };
    let doc_d = iris.document(&draft.name);
    let doc_a = iris.document(&adopted.name);
    add(&doc_d, vocab::DRAFT_OF, doc_a.clone().into());
    add(
        &doc_a,
        &format!("{PROV}wasRevisionOf"),
        doc_d.clone().into(),
    );
    let pnode = iris.pairing_node(&draft.name, &adopted.name);
    add(&pnode, rdf::TYPE.as_str(), iri(vocab::DRAFT_PAIRING).into());
    add(&pnode, vocab::DRAFT_DOCUMENT, doc_d.clone().into());
    add(&pnode, vocab::ADOPTED_DOCUMENT, doc_a.clone().into());
    add(
        &pnode,
        vocab::PAIRED_BY,
        Literal::new_simple_literal(pairing.basis.as_str()).into(),
    );
    add(&pnode, vocab::PARAGRAPH_OVERLAP, decimal(pairing.overlap));
    let para = |doc: &NamedNode, i: usize| iri(&format!("{}/para/{i}", doc.as_str()));
    for (k, l) in d.links.iter().enumerate() {
        let r = iri(&format!("{}/rev/{k}", pnode.as_str()));
        add(&r, rdf::TYPE.as_str(), iri(vocab::REVISION).into());
        add(&r, vocab::IN_PAIRING, pnode.clone().into());
        add(
            &r,
            vocab::REVISION_KIND,
            Literal::new_simple_literal(l.kind.as_str()).into(),
        );
        if let Some(i) = l.draft {
            add(
                &r,
                vocab::DRAFT_PARAGRAPH,
                para(&doc_d, draft.units[i].paragraph).into(),
            );
        }
        if let Some(j) = l.adopted {
            add(
                &r,
                vocab::ADOPTED_PARAGRAPH,
                para(&doc_a, adopted.units[j].paragraph).into(),
            );
        }
        if l.draft.is_some() && l.adopted.is_some() {
            add(&r, vocab::SIMILARITY, decimal(l.similarity));
        }
        for (j, f) in d.changes.iter().filter(|f| f.link == k).enumerate() {
            let c = iri(&format!("{}/change/{j}", r.as_str()));
            add(&r, vocab::HAS_CHANGE, c.clone().into());
            add(&c, rdf::TYPE.as_str(), iri(vocab::CHANGE).into());
            let kind = match &f.change {
                Change::Verb {
                    old_name,
                    new_name,
                    strength,
                    ..
                } => {
                    add(&c, vocab::OLD_VERB, iri(&vocab::tip(old_name)).into());
                    add(&c, vocab::NEW_VERB, iri(&vocab::tip(new_name)).into());
                    add(
                        &c,
                        vocab::STRENGTH_CHANGE,
                        Literal::new_simple_literal(strength.as_str()).into(),
                    );
                    "verb"
                }
                Change::EntityAdded { role, key } => {
                    add(&c, vocab::CHANGED_ENTITY, iris.entity(key).into());
                    match role {
                        Role::Addressee => "addresseeAdded",
                        Role::Object => "objectAdded",
                    }
                }
                Change::EntityRemoved { role, key } => {
                    add(&c, vocab::CHANGED_ENTITY, iris.entity(key).into());
                    match role {
                        Role::Addressee => "addresseeRemoved",
                        Role::Object => "objectRemoved",
                    }
                }
                Change::Mandate { verb, old, new } => {
                    add(&c, vocab::NEW_VERB, iri(&vocab::tip(verb)).into());
                    add(&c, vocab::OLD_TEXT, Literal::new_simple_literal(old).into());
                    add(&c, vocab::NEW_TEXT, Literal::new_simple_literal(new).into());
                    "mandate"
                }
                Change::CitationAdded(s) => {
                    add(&c, vocab::CHANGED_ENTITY, iris.symbol(s).into());
                    "citationAdded"
                }
                Change::CitationRemoved(s) => {
                    add(&c, vocab::CHANGED_ENTITY, iris.symbol(s).into());
                    "citationRemoved"
                }
            };
            add(
                &c,
                vocab::CHANGE_KIND,
                Literal::new_simple_literal(kind).into(),
            );
            if let Some(sp) = &f.span {
                let int = |v: usize| -> Term {
                    Literal::new_typed_literal(v.to_string(), xsd::INTEGER).into()
                };
                add(&c, vocab::START_BYTE, int(sp.start));
                add(&c, vocab::END_BYTE, int(sp.end));
            }
        }
    }
    out
}
