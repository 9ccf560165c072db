//! # tipkg
//!
//! Turns United Nations documents on trafficking in persons into a linked-data knowledge graph.
//!
//! The pipeline, one module (a folder) per stage, with plain types between them ([`model`]):
//!
//! ```text
//! read ──▶ segment ──▶ recognise ──▶ extract ──▶ rdf ──▶ store ──▶ output / diff / serve / push
//! Source   Segmented   Recognised    Extracted   quads   RocksDB   SPARQL, RDF, tables, HTTP
//! ```
//!
//! - [`read`]: files and directories in, decoded [`model::Source`]s out (text, Markdown, HTML,
//!   PDF).
//! - [`segment`]: numbered paragraphs, footnotes and document metadata.
//! - [`recognise`]: entity mentions (the [`registry`]), citations, sponsors.
//! - [`extract`]: provisions — speaker, verb, addressee or object, mandate — and stated relations.
//! - [`rdf`]: the quads of one document's named graph, per the vocabulary in [`rdf::vocab`].
//! - [`store`]: the embedded Oxigraph store on RocksDB, one named graph per document, with a
//!   summary of each graph.
//! - [`output`]: SPARQL with the project's prefixes ([`output::query`]), sorted, stable RDF in
//!   every standard format ([`output::export`]), counts and VoID ([`output::stats`]), the
//!   speaker → verb → addressee network as DOT/SVG ([`output::network`]).
//! - [`diff`]: draft → adopted: paragraphs aligned, provision, citation and word changes.
//! - [`push`]: the store to an external SPARQL store (Graph Store Protocol or SPARQL Update).
//! - [`serve`]: the store, read-only, as a SPARQL 1.1 Protocol endpoint over HTTP.
//!
//! A stage imports only the stages before it; the [`registry`] and [`model`] are shared by all.
//!
//! Byte offsets into the source are the provenance currency: every paragraph, mention and
//! provision keeps its [`model::Span`]. Only the stages that touch files, the store or SPARQL
//! are fallible.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

/// The lazy DFA cache of each pattern, per thread. Unicode classes and long alternations make
/// many states; with the regex crate's default (2 MiB) the caches of the entity patterns filled
/// and were cleared over and over on long documents, and rebuilding states took more time than
/// matching (a fifth of the pipeline on ga-pdf-text). A cache grows only as far as it is used.
const REGEX_DFA_CACHE: usize = 32 << 20;

/// Compiles a pattern of the crate's own (so a bad one is a bug: the `re!` tests compile each)
/// with the lazy DFA cache above.
#[allow(clippy::unwrap_used)] // literal patterns, compiled by the tests
pub(crate) fn compile_regex(pattern: &str) -> regex::Regex {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(REGEX_DFA_CACHE)
        .build()
        .unwrap()
}

/// Declares a `static NAME: LazyLock<Regex>` compiled once on first use, and a unit test
/// `NAME::compiles` that compiles it, so an invalid pattern fails the tests, never a run.
macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| $crate::compile_regex($pat));
        #[cfg(test)]
        #[allow(non_snake_case)]
        mod $name {
            #[test]
            fn compiles() {
                std::sync::LazyLock::force(&super::$name);
            }
        }
    };
}

pub mod diff;
pub mod extract;
#[doc(hidden)]
pub mod fuzz;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod push;
pub mod rdf;
pub mod read;
pub mod recognise;
pub mod registry;
pub mod segment;
pub mod serve;
pub mod store;
