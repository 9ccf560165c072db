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

use super::shelf::Key;
use super::{Diff, Doc, Kind};

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

/// True when `head` names one of `symbols`, not as the prefix of a longer symbol
/// (A/C.3/80/L.3 in A/C.3/80/L.37).
fn names(head: &str, symbols: &[String]) -> bool {
    symbols.iter().any(|s| {
        head.match_indices(s.as_str()).any(|(i, _)| {
            !head[i + s.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
        })
    })
}

/// Whether `draft` is a draft of `adopted`, given their comparison.
pub fn draft_of(draft: &Doc, adopted: &Doc, d: &Diff) -> Option<Pairing> {
    if !draft.draft || !adopted.adopted {
        return None;
    }
    let overlap = overlap(d);
    let head = adopted.head.as_str();
    let named = names(head, &draft.symbols);
    let titled = match (&draft.title, &adopted.title) {
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

re!(SESSION, r"^A/(?:C\.\d/|RES/|HRC/)?(?:S-)?(\d+)/");

/// The session a symbol belongs to (`A/C.3/80/L.3` → 80, `A/RES/76/7` → 76).
pub fn session(symbol: &str) -> Option<u32> {
    SESSION.captures(symbol)?.get(1)?.as_str().parse().ok()
}

/// The lowest share of common word 4-grams (of the smaller set) for two documents to be
/// compared on text alone: a draft and its adopted text share most of their 4-grams, two
/// resolutions of one session only their formulas.
const MIN_SHINGLE_SHARE: f64 = 0.5;

/// A document's word 4-grams, hashed to 32 bits, sorted, without repeats. (Kept for every
/// document of a run until the pairing: 4 bytes each, about 12 KB a resolution. Two 4-grams
/// of two documents of 3,000 each share a hash by chance about once in 500 pairs of documents,
/// nothing against the share of a half that [`MIN_SHINGLE_SHARE`] asks.)
pub fn shingles(d: &Doc) -> Vec<u32> {
    use std::hash::{Hash, Hasher};
    let mut v: Vec<u32> = Vec::new();
    for u in &d.units {
        let w: Vec<String> = super::units::words(&u.text).collect();
        for g in w.windows(4) {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            g.hash(&mut h);
            // The low half of SipHash's output: its bits are all equally mixed.
            #[allow(clippy::cast_possible_truncation)]
            v.push(h.finish() as u32);
        }
    }
    v.sort_unstable();
    v.dedup();
    v.shrink_to_fit();
    v
}

/// The share of the smaller of two shingle sets that the other holds.
pub fn shingle_share(a: &[u32], b: &[u32]) -> f64 {
    let small = a.len().min(b.len());
    #[allow(clippy::cast_precision_loss)]
    if small == 0 {
        0.0
    } else {
        common(a, b) as f64 / small as f64
    }
}

fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A draft, the adopted text it was found to be a draft of, how, and their comparison.
#[derive(Debug, Clone)]
pub struct Found {
    /// Index of the draft in the documents given.
    pub draft: usize,
    /// Index of the adopted text.
    pub adopted: usize,
    /// How it was decided.
    pub pairing: Pairing,
    /// The comparison.
    pub diff: Diff,
}

/// For every draft among the documents `keys` describes, the adopted text among them it is a
/// draft of, if any (the best by evidence, then by paragraph overlap), handed to `found` with
/// the two documents. A draft and an adopted text of different sessions (by their symbols) are
/// never paired. Only the pairs (draft, adopted) that `consider` accepts are compared, and only
/// they are read (`load`). The drafts are taken on every core.
pub fn find<R: Send, E: Send>(
    keys: &[Key],
    load: impl Fn(usize) -> Result<Doc, E> + Sync,
    registry: &crate::registry::Registry,
    consider: impl Fn(usize, usize) -> bool + Sync,
    found: impl Fn(Found, &Doc, &Doc) -> R + Sync,
) -> Result<Vec<R>, E> {
    let drafts: Vec<usize> = (0..keys.len()).filter(|&i| keys[i].draft).collect();
    let adopted: Vec<usize> = (0..keys.len())
        .filter(|&i| keys[i].adopted && !keys[i].draft)
        .collect();
    if drafts.is_empty() || adopted.is_empty() {
        return Ok(Vec::new());
    }
    let sessions: Vec<Option<u32>> = keys
        .iter()
        .map(|d| d.symbols.iter().find_map(|s| session(s)))
        .collect();
    let titles: Vec<Option<String>> = keys
        .iter()
        .map(|d| d.title.as_deref().map(title_key).filter(|t| !t.is_empty()))
        .collect();
    let one = |i: usize| -> Result<Option<R>, E> {
        let k = &keys[i];
        // The draft is read once it has a candidate.
        let mut d: Option<Doc> = None;
        let mut best: Option<(Found, Doc)> = None;
        // First the adopted texts of the same title or that name the draft, then, only when
        // none of them is its adopted text, those that share its wording: a pairing on symbol
        // or title always beats one on text alone, and comparing 4-grams with every adopted
        // text of the session is most of the work.
        for on_text in [false, true] {
            if on_text && best.is_some() {
                break;
            }
            for &j in &adopted {
                if !consider(i, j) {
                    continue;
                }
                if let (Some(x), Some(y)) = (sessions[i], sessions[j])
                    && x != y
                {
                    continue;
                }
                let named = (titles[i].is_some() && titles[i] == titles[j])
                    || names(&keys[j].head, &k.symbols);
                let wanted = if on_text {
                    !named && shingle_share(&k.shingles, &keys[j].shingles) >= MIN_SHINGLE_SHARE
                } else {
                    named
                };
                if !wanted {
                    continue;
                }
                let d = match &mut d {
                    Some(d) => d,
                    None => d.insert(load(i)?),
                };
                let a = load(j)?;
                let diff = super::diff(d, &a, registry);
                let Some(p) = draft_of(d, &a, &diff) else {
                    continue;
                };
                let better = best.as_ref().is_none_or(|(b, _)| {
                    (p.basis, -p.overlap) < (b.pairing.basis, -b.pairing.overlap)
                });
                if better {
                    let f = Found {
                        draft: i,
                        adopted: j,
                        pairing: p,
                        diff,
                    };
                    best = Some((f, a));
                }
            }
        }
        Ok(match (best, d) {
            (Some((f, a)), Some(d)) => Some(found(f, &d, &a)),
            _ => None,
        })
    };
    let mut out = Vec::new();
    for r in on_every_core(&drafts, |&i| one(i)) {
        out.extend(r?);
    }
    Ok(out)
}

/// `f` of every item, in their order, the items taken in turn by a thread per core.
fn on_every_core<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(n) else { break };
                        mine.push((n, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(n, _)| *n);
    done.into_iter().map(|(_, r)| r).collect()
}
