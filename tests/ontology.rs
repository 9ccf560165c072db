//! The vocabulary and the registry: the code's IRI constants exist in `ontology/tipkg.ttl`, the
//! registry covers every key and label of `../shared/reference`, and both files parse in Oxigraph
//! and in an independent parser (`rapper`, Debian's raptor2-utils).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::process::Command;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term, Triple};
use tipkg::rdf::vocab;
use tipkg::registry::{ONTOLOGY_TTL, REGISTRY_TTL, Registry};

fn triples(ttl: &str) -> Vec<Triple> {
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(ttl.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("parses")
        .into_iter()
        .map(Into::into)
        .collect()
}

fn labelled_subjects(ttl: &str) -> HashSet<String> {
    let label = format!("{}label", vocab::RDFS);
    triples(ttl)
        .into_iter()
        .filter(|t| t.predicate.as_str() == label)
        .filter_map(|t| match t.subject {
            NamedOrBlankNode::NamedNode(n) => Some(n.into_string()),
            NamedOrBlankNode::BlankNode(_) => None,
        })
        .collect()
}

#[test]
fn every_vocabulary_constant_is_declared_with_a_label() {
    let declared = labelled_subjects(ONTOLOGY_TTL);
    let missing: Vec<&str> = vocab::TERMS
        .iter()
        .copied()
        .filter(|t| !declared.contains(*t))
        .collect();
    assert!(
        missing.is_empty(),
        "not declared in ontology/tipkg.ttl: {missing:?}"
    );
}

#[test]
fn every_verb_is_a_property_and_a_concept_with_its_directive_flag() {
    let ts = triples(ONTOLOGY_TTL);
    let has = |s: &str, p: &str, o: &str| {
        ts.iter().any(|t| {
            t.subject.to_string() == format!("<{s}>")
                && t.predicate.as_str() == p
                && match &t.object {
                    Term::NamedNode(n) => n.as_str() == o,
                    Term::Literal(l) => l.value() == o,
                    _ => false,
                }
        })
    };
    let rdf_type = format!("{}type", vocab::RDF);
    for (verb, directive) in vocab::VERBS {
        let iri = vocab::tip(verb);
        assert!(
            has(&iri, &rdf_type, vocab::VERB),
            "{verb} is not a tip:Verb"
        );
        assert!(
            has(&iri, &rdf_type, &format!("{}ObjectProperty", vocab::OWL)),
            "{verb} is not an owl:ObjectProperty"
        );
        if *directive {
            assert!(
                has(&iri, vocab::DIRECTIVE, "true"),
                "{verb} is not marked directive"
            );
        }
    }
}

fn reference() -> BTreeMap<String, BTreeSet<String>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference");
    let mut out = BTreeMap::new();
    for file in ["entities.tsv", "states.tsv"] {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (the project expects ../shared)", path.display()));
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
        let col = |name: &str| header.iter().position(|h| *h == name).expect("column");
        let (k, p, a) = (col("key"), col("prefLabel"), col("altLabels"));
        for line in lines.filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let mut labels = BTreeSet::new();
            labels.insert(cols[p].to_owned());
            if let Some(alts) = cols.get(a) {
                labels.extend(alts.split('|').filter(|s| !s.is_empty()).map(str::to_owned));
            }
            out.insert(cols[k].to_owned(), labels);
        }
    }
    out
}

#[test]
fn the_registry_covers_every_reference_key_with_its_labels() {
    let reg = Registry::from_turtle("registry.ttl", REGISTRY_TTL).expect("parses");
    let reference = reference();
    assert!(
        reference.len() > 250,
        "reference lists read: {}",
        reference.len()
    );
    let mut problems = Vec::new();
    for (key, labels) in &reference {
        let Some(e) = reg.get(key) else {
            problems.push(format!("{key}: missing"));
            continue;
        };
        let have: BTreeSet<&str> = std::iter::once(e.pref_label.as_str())
            .chain(e.alt_labels.iter().map(String::as_str))
            .collect();
        for l in labels {
            if !have.contains(l.as_str()) {
                problems.push(format!("{key}: label {l:?} missing"));
            }
        }
        if e.classes.is_empty() {
            problems.push(format!("{key}: no tip: class"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The registry goes beyond the reference.
    assert!(reg.len() > reference.len(), "{} entities", reg.len());
}

#[test]
fn the_embedded_registry_is_the_parsed_file() {
    assert_eq!(
        Registry::embedded().len(),
        Registry::from_turtle("registry.ttl", REGISTRY_TTL)
            .expect("parses")
            .len()
    );
}

#[test]
fn ontology_files_parse_in_rapper() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ontology");
    for file in ["tipkg.ttl", "registry.ttl"] {
        let path = dir.join(file);
        let out = Command::new("rapper")
            .args(["-i", "turtle", "-c"])
            .arg(&path)
            .output()
            .expect("rapper (Debian raptor2-utils) is installed: .ci/run installs it");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{file}: {stderr}");
        assert!(stderr.contains("Parsing returned"), "{file}: {stderr}");
        let n = triples(&std::fs::read_to_string(&path).expect("reads")).len();
        assert!(
            stderr.contains(&format!("returned {n} triples")),
            "{file}: rapper and Oxigraph disagree on the count ({n}): {stderr}"
        );
    }
}

/// Every kind of extraction issue the graph names is declared in the vocabulary.
#[test]
fn issue_kinds_are_declared() {
    use tipkg::model::IssueKind;
    for k in IssueKind::ALL {
        let decl = format!("\ntip:{}\n    a tip:IssueKind ;", k.name());
        assert!(
            ONTOLOGY_TTL.contains(&decl),
            "tip:{} is not declared",
            k.name()
        );
    }
}
