//! The entity registry: the named things tipkg recognises, loaded from `ontology/registry.ttl`
//! (embedded in the binary).
//!
//! Each entity is an IRI `…/id/<key>` with a class, a `skos:prefLabel`, `skos:altLabel`s,
//! `tip:acronym`s (matched case-sensitively) and `tip:anaphoricLabel`s (labels such as
//! "the Office" that only refer in context).

use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Term, Triple};

use crate::rdf::vocab;

/// The Turtle source of the vocabulary.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/tipkg.ttl");
/// The Turtle source of the registry.
pub const REGISTRY_TTL: &str = include_str!("../ontology/registry.ttl");
/// The namespace of registry entities in the embedded files.
pub const ID_NS: &str = "https://w3id.org/tipkg/id/";

/// One entity of the registry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entity {
    /// The key: the last segment of its IRI (`unodc`, `state-afg`).
    pub key: String,
    /// Local names of its `tip:` classes (`Organization`, `State`).
    pub classes: Vec<String>,
    /// `skos:prefLabel`.
    pub pref_label: String,
    /// `skos:altLabel`s.
    pub alt_labels: Vec<String>,
    /// `tip:acronym`s.
    pub acronyms: Vec<String>,
    /// `tip:anaphoricLabel`s.
    pub anaphoric_labels: Vec<String>,
    /// One of the reference lists' entities (`tip:origin "reference"`), which the graph
    /// links with `tip:mentions`, `tip:addressee` and `tip:object`; the registry's extension
    /// goes under their `…Unlisted` sub-properties.
    pub reference: bool,
}

impl Entity {
    /// The first class, or `Entity`.
    pub fn class(&self) -> &str {
        self.classes.first().map_or("Entity", String::as_str)
    }
}

/// The registry: entities by key.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entities: BTreeMap<String, Entity>,
    /// The compiled gazetteer, built on first use.
    gazetteer: OnceLock<crate::recognise::gazetteer::Gazetteer>,
    /// The head-noun tables of the recognise stage, built on first use.
    heads: OnceLock<crate::recognise::Heads>,
}

/// A registry file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("registry {name}: {message}")]
pub struct RegistryError {
    /// Which file.
    pub name: String,
    /// What went wrong (with line and column from the parser).
    pub message: String,
}

static EMBEDDED: LazyLock<Registry> = LazyLock::new(|| {
    // The embedded registry is checked by the test suite; should it ever fail to parse, an empty
    // registry degrades recognition instead of panicking.
    Registry::from_turtle("ontology/registry.ttl", REGISTRY_TTL).unwrap_or_default()
});

impl Registry {
    /// The registry embedded in the binary.
    pub fn embedded() -> &'static Registry {
        &EMBEDDED
    }

    /// Parses a registry from Turtle.
    pub fn from_turtle(name: &str, ttl: &str) -> Result<Self, RegistryError> {
        let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
        for triple in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
            let Triple {
                subject,
                predicate,
                object,
            } = triple
                .map_err(|e| RegistryError {
                    name: name.to_owned(),
                    message: e.to_string(),
                })?
                .into();
            let oxigraph::model::NamedOrBlankNode::NamedNode(s) = subject else {
                continue;
            };
            let Some(key) = s.as_str().strip_prefix(ID_NS) else {
                continue;
            };
            let e = entities.entry(key.to_owned()).or_insert_with(|| Entity {
                key: key.to_owned(),
                ..Entity::default()
            });
            let p = predicate.as_str();
            match object {
                Term::Literal(l) => {
                    let v = l.value().to_owned();
                    if p == format!("{}prefLabel", vocab::SKOS) {
                        e.pref_label = v;
                    } else if p == format!("{}altLabel", vocab::SKOS) {
                        e.alt_labels.push(v);
                    } else if p == vocab::ACRONYM {
                        e.acronyms.push(v);
                    } else if p == vocab::ANAPHORIC_LABEL {
                        e.anaphoric_labels.push(v);
                    } else if p == vocab::ORIGIN {
                        e.reference = v == "reference";
                    }
                }
                Term::NamedNode(o) if p == format!("{}type", vocab::RDF) => {
                    if let Some(c) = o.as_str().strip_prefix(vocab::TIP) {
                        e.classes.push(c.to_owned());
                    }
                }
                _ => {}
            }
        }
        entities.retain(|_, e| !e.pref_label.is_empty());
        for e in entities.values_mut() {
            e.classes.sort();
            e.classes.dedup();
        }
        Ok(Self {
            entities,
            gazetteer: OnceLock::new(),
            heads: OnceLock::new(),
        })
    }

    /// The gazetteer of this registry's names, compiled once on first use.
    pub fn gazetteer(&self) -> &crate::recognise::gazetteer::Gazetteer {
        self.gazetteer
            .get_or_init(|| crate::recognise::gazetteer::Gazetteer::new(self))
    }

    /// The head-noun tables of the recognise stage, computed once on first use.
    pub(crate) fn heads(&self) -> &crate::recognise::Heads {
        self.heads
            .get_or_init(|| crate::recognise::Heads::new(self))
    }

    /// The entity with this key.
    pub fn get(&self, key: &str) -> Option<&Entity> {
        self.entities.get(key)
    }

    /// All entities, by key.
    pub fn iter(&self) -> impl Iterator<Item = &Entity> {
        self.entities.values()
    }

    /// How many entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Whether the key is one of the reference lists' entities (see [`Entity::reference`]);
    /// false for the registry's extension and for keys outside the registry.
    pub fn is_reference(&self, key: &str) -> bool {
        self.get(key).is_some_and(|e| e.reference)
    }

    /// Whether the key names a State.
    pub fn is_state(&self, key: &str) -> bool {
        self.get(key)
            .is_some_and(|e| e.classes.iter().any(|c| c == "State"))
    }
}
