//! Pairing: whether one document is a draft of another, and on what evidence.
//!
//! In order of strength:
//! 1. **Symbol**: the adopted text names the draft's symbol at its head ("[without reference to
//!    a Main Committee (A/76/L.11)]", "adopted on the report of … (A/C.3/80/L.3)").
//! 2. **Title**: the two titles are the same words once the resolution number ("80/229.") and
//!    the case are set aside.
//! 3. **Text**: most paragraphs of each align with a paragraph of the other.
//!
//! Only a draft (by status or kind) can be a draft of an adopted text.

use crate::model::{DocKind, Extraction, Status};

use super::{Diff, Kind};

/// On what evidence a pairing was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Basis {
    /// The adopted text names the draft's symbol.
    Symbol,
    /// The titles are the same.
    Title,
    /// Most paragraphs align.
    Text,
}

impl Basis {
    /// `symbol`, `title` or `text` (the literal of `tip:pairedBy`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Symbol => "symbol",
            Self::Title => "title",
            Self::Text => "text",
        }
    }
}

/// A decided pairing.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairing {
    /// The evidence.
    pub basis: Basis,
    /// Share of the paragraphs of both texts that align (0 to 1).
    pub overlap: f64,
}

/// The lowest share of aligned paragraphs for a pairing on text alone.
const MIN_TEXT_OVERLAP: f64 = 0.6;
/// The lowest share for a pairing on symbol or title (a guard against a reused title).
const MIN_OVERLAP: f64 = 0.2;
/// How far into the adopted text its head runs (bytes) when looking for the draft's symbol.
const HEAD_BYTES: usize = 3000;

re!(RES_NUMBER, r"^\s*\d+/\d+\s*\.?\s*");

/// True when the document is a draft.
pub fn is_draft(x: &Extraction) -> bool {
    x.segmented.meta.status == Some(Status::Draft)
        || matches!(
            x.segmented.meta.kind,
            DocKind::DraftResolution | DocKind::DraftDeclaration
        )
}

/// True when the document is an adopted text.
pub fn is_adopted(x: &Extraction) -> bool {
    x.segmented.meta.status == Some(Status::Adopted)
        || matches!(
            x.segmented.meta.kind,
            DocKind::Resolution | DocKind::PoliticalDeclaration
        ) && !is_draft(x)
}

/// A title reduced to its words: resolution number, case and punctuation set aside.
pub fn title_key(t: &str) -> String {
    let t = RES_NUMBER.replace(t, "");
    super::units::words(&t).collect::<Vec<_>>().join(" ")
}

/// The share of the paragraphs of both texts that are aligned with a paragraph of the other.
pub fn overlap(d: &Diff) -> f64 {
    let (n, m) = (d.draft.units.len(), d.adopted.units.len());
    if n == 0 || m == 0 {
        return 0.0;
    }
    let mut dd = vec![false; n];
    let mut aa = vec![false; m];
    for l in &d.links {
        if matches!(l.kind, Kind::Added | Kind::Removed) {
            continue;
        }
        if let Some(i) = l.draft {
            dd[i] = true;
        }
        if let Some(j) = l.adopted {
            aa[j] = true;
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let share = |v: &[bool]| v.iter().filter(|&&b| b).count() as f64 / v.len() as f64;
    share(&dd).min(share(&aa))
}

/// Whether `draft` is a draft of `adopted`, given their comparison.
pub fn draft_of(draft: &Extraction, adopted: &Extraction, d: &Diff) -> Option<Pairing> {
    if !is_draft(draft) || !is_adopted(adopted) {
        return None;
    }
    let overlap = overlap(d);
    let head = {
        let t = &adopted.source.text;
        let mut end = t.len().min(HEAD_BYTES);
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        &t[..end]
    };
    let named = draft.segmented.meta.symbols.iter().any(|s| {
        head.match_indices(s.as_str()).any(|(i, _)| {
            // Not a prefix of a longer symbol (A/C.3/80/L.3 in A/C.3/80/L.37).
            !head[i + s.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
        })
    });
    let titled = match (&draft.segmented.meta.title, &adopted.segmented.meta.title) {
        (Some(a), Some(b)) => {
            let (a, b) = (title_key(a), title_key(b));
            !a.is_empty() && a == b
        }
        _ => false,
    };
    let basis = if named && overlap >= MIN_OVERLAP {
        Basis::Symbol
    } else if titled && overlap >= MIN_OVERLAP {
        Basis::Title
    } else if overlap >= MIN_TEXT_OVERLAP {
        Basis::Text
    } else {
        return None;
    };
    Some(Pairing { basis, overlap })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            title_key("80/229. Strengthening the United Nations crime prevention"),
            title_key("Strengthening the United Nations Crime Prevention")
        );
    }
}
