//! What the comparison needs of one document, taken from its [`Extraction`]: its paragraphs as
//! [`Unit`]s, its provisions, citations and sponsors, its symbols, title and status. An
//! `extract` run keeps its documents on a [`super::shelf::Shelf`] while pairs are looked for.

use crate::model::{Extraction, Role, Span};

use super::pair;
use super::units::{self, Unit};

/// How far into the source its head runs (bytes): where an adopted text names its draft.
pub const HEAD_BYTES: usize = 3000;

/// One provision, as the comparison sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Prov {
    /// Index of the paragraph in the extraction.
    pub paragraph: usize,
    /// The verb in the vocabulary (`urges`).
    pub verb: String,
    /// The verb as printed.
    pub verb_text: String,
    /// How many words of the paragraph stand before the verb.
    pub lead_words: usize,
    /// Addressees and objects.
    pub targets: Vec<(Role, String)>,
    /// The mandate text.
    pub mandate: Option<String>,
    /// Source span of the act.
    pub span: Span,
}

/// A document as compared.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Doc {
    /// Its name (as in the store: the symbol's slug, or the file name).
    pub name: String,
    /// Its symbols.
    pub symbols: Vec<String>,
    /// Its title.
    pub title: Option<String>,
    /// A draft (by status or kind), and no amendment.
    pub draft: bool,
    /// The symbol of the draft this document amends, when it is an amendment.
    pub amends: Option<String>,
    /// An adopted text.
    pub adopted: bool,
    /// The first [`HEAD_BYTES`] of its text.
    pub head: String,
    /// The file it was read from.
    pub file: String,
    /// The paragraphs compared.
    pub units: Vec<Unit>,
    /// Its provisions, sorted by paragraph and position.
    pub provisions: Vec<Prov>,
    /// Its citations: (paragraph index, symbol).
    pub citations: Vec<(usize, String)>,
    /// Its sponsors.
    pub sponsors: Vec<String>,
}

impl Doc {
    /// The summary of an extraction, under the document name `name`.
    pub fn of(x: &Extraction, name: &str) -> Self {
        let text = &x.source.text;
        let mut end = text.len().min(HEAD_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut provisions: Vec<Prov> = x
            .extracted
            .provisions
            .iter()
            .map(|p| {
                let start = x
                    .segmented
                    .paragraphs
                    .get(p.paragraph)
                    .map_or(0, |q| q.text.span().start);
                let lead_words = text
                    .get(start..p.verb_span.start)
                    .map_or(usize::MAX, |s| s.split_whitespace().count());
                Prov {
                    paragraph: p.paragraph,
                    verb: p.verb.clone(),
                    verb_text: p.verb_text.clone(),
                    lead_words,
                    targets: p.targets.clone(),
                    mandate: p.mandate.as_ref().map(|m| m.0.clone()),
                    span: p.span.clone(),
                }
            })
            .collect();
        provisions.sort_by_key(|p| (p.paragraph, p.span.start));
        let amends = super::amend::amended(&text[..end]);
        Doc {
            name: name.to_owned(),
            symbols: x.segmented.meta.symbols.clone(),
            title: x.segmented.meta.title.clone(),
            draft: pair::is_draft(x) && amends.is_none(),
            amends,
            adopted: pair::is_adopted(x),
            head: text[..end].to_owned(),
            file: x.source.path.display().to_string(),
            units: units::units(x),
            provisions,
            citations: x
                .recognised
                .citations
                .iter()
                .map(|c| (c.paragraph, c.symbol.clone()))
                .collect(),
            sponsors: x.recognised.sponsors.clone(),
        }
    }
}
