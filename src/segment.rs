//! Segment: a decoded [`Source`] in, numbered [`Paragraph`]s and document [`Metadata`] out.
//!
//! (First cut: blocks separated by blank lines, a leading `N.` as the number.)

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Metadata, Paragraph, ParagraphKind, Segmented, Source, Text};

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a literal pattern, checked by the tests
    Regex::new(r"^\s*(?:-\s+)?(\d+)\.\s+").unwrap()
});

/// Splits a source into paragraphs and reads its metadata.
pub fn segment(source: &Source) -> Segmented {
    let mut paragraphs = Vec::new();
    let text = &source.text;
    let mut start = 0;
    for block in text.split("\n\n") {
        let off = start;
        start += block.len() + 2;
        if block.trim().is_empty() {
            continue;
        }
        let (number, skip) = match NUMBER.captures(block) {
            Some(c) => (
                c.get(1).map(|m| m.as_str().to_owned()),
                c.get(0).map_or(0, |m| m.end()),
            ),
            None => (None, 0),
        };
        let body = &block[skip..];
        let t = Text::verbatim(body.trim_end(), off + skip);
        paragraphs.push(Paragraph {
            index: paragraphs.len(),
            kind: if number.is_some() {
                ParagraphKind::Operative
            } else {
                ParagraphKind::Unnumbered
            },
            number,
            text: t,
            footnotes: Vec::new(),
        });
    }
    Segmented {
        meta: Metadata::default(),
        paragraphs,
    }
}
