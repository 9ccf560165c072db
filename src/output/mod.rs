//! Output: what the commands make of the store — SPARQL answers ([`query`], printed as a
//! [`table`] by default), RDF in every
//! standard format ([`export`]), counts and the VoID description ([`stats`]), the speaker → verb
//! → addressee network as DOT/SVG ([`network`]) — and the safe writing of output files
//! ([`file`](mod@file)). Nothing below this stage imports it.

pub mod export;
pub mod file;
pub mod network;
pub mod query;
pub mod stats;
pub mod table;
