//! Draft → adopted: what changed between a draft and the text adopted from it.
//!
//! ```text
//! Extraction ×2 ──▶ units ──▶ align ──▶ changes ──▶ render
//!                   numbered   one to one,  verbs,      table, json, tsv,
//!                   paragraphs merge/split, addressees, markdown, html
//!                              added/removed citations
//! ```
//!
//! - [`units`]: the paragraphs compared, numbered per the gold rules (`PP3`, `4bis`, `16(a)`,
//!   `res:1`), with their words.
//! - [`align`]: which draft paragraph became which adopted paragraph.
//! - [`words`]: the word-level difference of two paragraphs.
//! - [`changes`]: provisions (opening verb, addressees and objects, mandates), citations and
//!   sponsors added or removed.
//! - [`amend`]: an amendment's instructions, checked against the adopted text.
//! - [`pair`]: whether one document is a draft of another, and how that was decided.
//! - [`render`]: the outputs of `tipkg diff`; [`graph`]: the pairing and its revisions as RDF;
//!   [`stored`]: pairings made by `extract` and kept in the store.
//!
//! Everything here is infallible; reading the files is the caller's.

pub mod align;
pub mod amend;
pub mod changes;
pub mod doc;
pub mod graph;
pub mod pair;
pub mod render;
pub mod shelf;
pub mod stored;
pub mod units;
pub mod words;

use crate::registry::Registry;

pub use align::{Kind, Link};
pub use changes::{Change, Found, Strength};
pub use doc::Doc;
pub use units::Unit;

/// What the comparison says of one document.
#[derive(Debug, Clone)]
pub struct Side {
    /// The document's name (its symbol's slug or file name, as in the store).
    pub name: String,
    /// Its first symbol, if it bears one.
    pub symbol: Option<String>,
    /// The file it was read from.
    pub file: String,
    /// The paragraphs compared.
    pub units: Vec<Unit>,
}

/// The difference of a draft and an adopted text.
#[derive(Debug, Clone)]
pub struct Diff {
    /// The draft.
    pub draft: Side,
    /// The adopted text.
    pub adopted: Side,
    /// The alignment rows, in adopted order.
    pub links: Vec<Link>,
    /// The changes of provisions and citations, by alignment row.
    pub changes: Vec<Found>,
    /// Sponsors in the adopted text only (when both list sponsors).
    pub sponsors_added: Vec<String>,
    /// Sponsors in the draft only (when both list sponsors).
    pub sponsors_removed: Vec<String>,
}

impl Diff {
    /// The draft paragraph number of an alignment row, or `-`.
    pub fn draft_id(&self, l: &Link) -> &str {
        l.draft.map_or("-", |i| self.draft.units[i].id.as_str())
    }

    /// The adopted paragraph number of an alignment row, or `-`.
    pub fn adopted_id(&self, l: &Link) -> &str {
        l.adopted.map_or("-", |i| self.adopted.units[i].id.as_str())
    }

    /// How many rows of each kind.
    pub fn counts(&self) -> Vec<(Kind, usize)> {
        let mut c: std::collections::BTreeMap<Kind, usize> = std::collections::BTreeMap::new();
        for l in &self.links {
            *c.entry(l.kind).or_default() += 1;
        }
        c.into_iter().collect()
    }
}

fn side(x: &Doc) -> Side {
    Side {
        name: x.name.clone(),
        symbol: x.symbols.first().cloned(),
        file: x.file.clone(),
        units: x.units.clone(),
    }
}

/// Compares a draft with the text adopted from it.
pub fn diff(draft: &Doc, adopted: &Doc, registry: &Registry) -> Diff {
    let links = align::align(&draft.units, &adopted.units);
    let changes = changes::changes(draft, adopted, &links, registry);
    let (sponsors_added, sponsors_removed) = changes::sponsors(draft, adopted);
    Diff {
        draft: side(draft),
        adopted: side(adopted),
        links,
        changes,
        sponsors_added,
        sponsors_removed,
    }
}
