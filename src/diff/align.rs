//! Alignment of the paragraphs of a draft with those of the adopted text.
//!
//! Similarity is measured on words, weighted by how rare they are in the two documents (a word
//! in every paragraph, such as "the" or "trafficking", says little about which paragraph became
//! which): the weighted Dice coefficient of the two bags of words, and the containment of the
//! shorter in the longer for a paragraph that grew or shrank a lot.
//!
//! 1. A monotone dynamic programme (no crossings) pairs the top-level paragraphs one to one,
//!    maximising the total similarity; renumbering and moves between the preamble and the
//!    operative part keep the order, so they are no moves.
//! 2. A second pass pairs what is left: two paragraphs left over that are clearly the same text
//!    in another place are `moved`; a draft paragraph whose words are found in an adopted
//!    paragraph beyond what that paragraph's own draft paragraph explains was `merged` into it;
//!    an adopted paragraph made of what its draft paragraph's counterpart left over was `split`
//!    from it.
//! 3. Sub-paragraphs are aligned the same way inside their aligned parents.

use std::collections::HashMap;

use super::units::{Lexicon, Unit, same_key, words};

/// How a draft paragraph became adopted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Equal but for white space, hyphenation, footnote marks and quote style.
    Same,
    /// Aligned one to one, with other text.
    Changed,
    /// Aligned one to one, in another order relative to its neighbours.
    Moved,
    /// One of several draft paragraphs that became one adopted paragraph.
    Merged,
    /// One of several adopted paragraphs that one draft paragraph became.
    Split,
    /// An adopted paragraph with no draft counterpart.
    Added,
    /// A draft paragraph with no adopted counterpart.
    Removed,
}

impl Kind {
    /// The name in the tsv form and the graph (`same`, `changed`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Same => "same",
            Self::Changed => "changed",
            Self::Moved => "moved",
            Self::Merged => "merged",
            Self::Split => "split",
            Self::Added => "added",
            Self::Removed => "removed",
        }
    }
}

/// One alignment row: indices into the two unit lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// What happened.
    pub kind: Kind,
    /// The draft unit (none for `added`).
    pub draft: Option<usize>,
    /// The adopted unit (none for `removed`).
    pub adopted: Option<usize>,
    /// Word similarity of the two texts (weighted Dice, 0 to 1; 0 for added/removed).
    pub similarity: f64,
}

/// The lowest weighted Dice at which two paragraphs are taken for one.
const MIN_DICE: f64 = 0.3;
/// The lowest Dice for a pair with most of the shorter text inside the longer.
const MIN_DICE_CONTAINED: f64 = 0.12;
/// How much of the shorter text must be found in the longer for that.
const MIN_CONTAINED: f64 = 0.7;
/// The lowest Dice for a pair out of order (a move must be unmistakable).
const MIN_DICE_MOVED: f64 = 0.55;
/// How much of a paragraph must be explained by another beyond its own counterpart for a merge
/// or a split.
const MIN_EXTRA: f64 = 0.5;

/// A bag of words: (word id, count), sorted by id.
#[derive(Debug, Clone, Default)]
struct Bag(Vec<(u32, u32)>);

impl Bag {
    fn of(words: &[u32]) -> Self {
        let mut v = words.to_vec();
        v.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::new();
        for w in v {
            match out.last_mut() {
                Some((x, c)) if *x == w => *c += 1,
                _ => out.push((w, 1)),
            }
        }
        Self(out)
    }

    fn weight(&self, w: &[f64]) -> f64 {
        self.0
            .iter()
            .map(|&(t, c)| f64::from(c) * w[t as usize])
            .sum()
    }

    /// Σ min(count) × weight over the common words.
    fn overlap(&self, other: &Bag, w: &[f64]) -> f64 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += f64::from(a[i].1.min(b[j].1)) * w[a[i].0 as usize];
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    }

    /// This bag less the words of `other`.
    fn minus(&self, other: &Bag) -> Bag {
        let mut out = Vec::new();
        let b = &other.0;
        let mut j = 0;
        for &(t, c) in &self.0 {
            while j < b.len() && b[j].0 < t {
                j += 1;
            }
            let left = if j < b.len() && b[j].0 == t {
                c.saturating_sub(b[j].1)
            } else {
                c
            };
            if left > 0 {
                out.push((t, left));
            }
        }
        Bag(out)
    }
}

/// The weights of the words: inverse document frequency over the units of both documents.
fn weights(units: &[Vec<u32>], lex: &Lexicon) -> Vec<f64> {
    let mut df = vec![0u32; lex.len()];
    let n = units.len();
    for u in units {
        let mut seen: Vec<u32> = u.clone();
        seen.sort_unstable();
        seen.dedup();
        for w in seen {
            df[w as usize] += 1;
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let n = n as f64 + 1.0;
    df.iter()
        .map(|&d| (n / f64::from(d.max(1))).ln().max(0.0))
        .collect()
}

/// The pairwise measures of two units.
#[derive(Debug, Clone, Copy, Default)]
struct Measure {
    dice: f64,
    /// Share of the shorter text (by weight) found in the longer.
    contained: f64,
}

impl Measure {
    fn admissible(self) -> bool {
        self.dice >= MIN_DICE
            || (self.dice >= MIN_DICE_CONTAINED && self.contained >= MIN_CONTAINED)
    }

    fn score(self) -> f64 {
        self.dice.max(0.6 * self.contained)
    }
}

struct Ctx<'a> {
    draft: &'a [Unit],
    adopted: &'a [Unit],
    bags_d: Vec<Bag>,
    bags_a: Vec<Bag>,
    w: Vec<f64>,
}

impl Ctx<'_> {
    fn measure(&self, d: usize, a: usize) -> Measure {
        let (bd, ba) = (&self.bags_d[d], &self.bags_a[a]);
        let (wd, wa) = (bd.weight(&self.w), ba.weight(&self.w));
        if wd + wa <= 0.0 {
            let same = self.draft[d].text == self.adopted[a].text;
            return Measure {
                dice: f64::from(u8::from(same)),
                contained: f64::from(u8::from(same)),
            };
        }
        let o = bd.overlap(ba, &self.w);
        let small = wd.min(wa);
        Measure {
            dice: 2.0 * o / (wd + wa),
            contained: if small > 0.0 { o / small } else { 0.0 },
        }
    }

    fn one_to_one(&self, d: usize, a: usize, moved: bool, m: Measure) -> Link {
        let same = || {
            let (x, y) = (&self.draft[d], &self.adopted[a]);
            let broken: Vec<String> = x.broken.iter().chain(&y.broken).cloned().collect();
            same_key(&x.text, &broken) == same_key(&y.text, &broken)
        };
        let kind = if moved {
            Kind::Moved
        } else if same() {
            Kind::Same
        } else {
            Kind::Changed
        };
        Link {
            kind,
            draft: Some(d),
            adopted: Some(a),
            similarity: m.dice,
        }
    }

    /// Aligns the draft units `ds` with the adopted units `as_` (both in document order).
    fn level(&self, ds: &[usize], as_: &[usize]) -> Vec<Link> {
        let (n, m) = (ds.len(), as_.len());
        let mut meas = vec![Measure::default(); n * m];
        for (i, &d) in ds.iter().enumerate() {
            for (j, &a) in as_.iter().enumerate() {
                meas[i * m + j] = self.measure(d, a);
            }
        }
        // Monotone alignment maximising the total score.
        let mut best = vec![0.0f64; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in 1..=n {
            for j in 1..=m {
                let mut b = best[at(i - 1, j)].max(best[at(i, j - 1)]);
                let x = meas[(i - 1) * m + (j - 1)];
                if x.admissible() {
                    b = b.max(best[at(i - 1, j - 1)] + x.score());
                }
                best[at(i, j)] = b;
            }
        }
        let mut pairs = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 && j > 0 {
            let x = meas[(i - 1) * m + (j - 1)];
            if x.admissible()
                && (best[at(i, j)] - (best[at(i - 1, j - 1)] + x.score())).abs() < 1e-12
            {
                pairs.push((i - 1, j - 1));
                i -= 1;
                j -= 1;
            } else if (best[at(i, j)] - best[at(i - 1, j)]).abs() < 1e-12 {
                i -= 1;
            } else {
                j -= 1;
            }
        }
        pairs.reverse();
        let mut partner_d: Vec<Option<usize>> = vec![None; n];
        let mut partner_a: Vec<Option<usize>> = vec![None; m];
        for &(i, j) in &pairs {
            partner_d[i] = Some(j);
            partner_a[j] = Some(i);
        }
        // Moves: left-over pairs that are unmistakably the same text.
        let mut cands: Vec<(f64, usize, usize)> = Vec::new();
        for i in (0..n).filter(|&i| partner_d[i].is_none()) {
            for j in (0..m).filter(|&j| partner_a[j].is_none()) {
                let x = meas[i * m + j];
                if x.dice >= MIN_DICE_MOVED {
                    cands.push((x.dice, i, j));
                }
            }
        }
        cands.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut moved = vec![false; n];
        for (_, i, j) in cands {
            if partner_d[i].is_none() && partner_a[j].is_none() {
                partner_d[i] = Some(j);
                partner_a[j] = Some(i);
                // Out of order unless it falls between the same neighbours.
                moved[i] = !fits(&partner_d, i, j);
            }
        }
        // Merges: a left-over draft paragraph explaining what an adopted paragraph holds beyond
        // its own draft counterpart.
        let mut merged_into: Vec<Option<usize>> = vec![None; n];
        for i in (0..n).filter(|&i| partner_d[i].is_none()) {
            let bd = &self.bags_d[ds[i]];
            let wd = bd.weight(&self.w);
            if wd <= 0.0 {
                continue;
            }
            let mut best: Option<(f64, usize)> = None;
            for j in 0..m {
                let Some(k) = partner_a[j] else { continue };
                let rest = self.bags_a[as_[j]].minus(&self.bags_d[ds[k]]);
                let extra = bd.overlap(&rest, &self.w) / wd;
                if extra >= MIN_EXTRA && best.is_none_or(|(e, _)| extra > e) {
                    best = Some((extra, j));
                }
            }
            if let Some((_, j)) = best {
                merged_into[i] = Some(j);
            }
        }
        let mut split_from: Vec<Option<usize>> = vec![None; m];
        for j in (0..m).filter(|&j| partner_a[j].is_none()) {
            let ba = &self.bags_a[as_[j]];
            let wa = ba.weight(&self.w);
            if wa <= 0.0 {
                continue;
            }
            let mut best: Option<(f64, usize)> = None;
            for i in 0..n {
                let Some(k) = partner_d[i] else { continue };
                let rest = self.bags_d[ds[i]].minus(&self.bags_a[as_[k]]);
                let extra = ba.overlap(&rest, &self.w) / wa;
                if extra >= MIN_EXTRA && best.is_none_or(|(e, _)| extra > e) {
                    best = Some((extra, i));
                }
            }
            if let Some((_, i)) = best {
                split_from[j] = Some(i);
            }
        }
        let merged_target: Vec<bool> = (0..m).map(|j| merged_into.contains(&Some(j))).collect();
        let split_source: Vec<bool> = (0..n).map(|i| split_from.contains(&Some(i))).collect();
        // The rows, in adopted order, each removed row after the row of the draft paragraph
        // before it.
        let mut out = Vec::new();
        let mut next_removed = 0usize;
        let flush_removed = |upto: usize, next: &mut usize, out: &mut Vec<Link>| {
            while *next < upto.min(n) {
                let i = *next;
                if partner_d[i].is_none() && merged_into[i].is_none() {
                    out.push(Link {
                        kind: Kind::Removed,
                        draft: Some(ds[i]),
                        adopted: None,
                        similarity: 0.0,
                    });
                }
                *next += 1;
            }
        };
        for j in 0..m {
            let a = as_[j];
            if let Some(i) = partner_a[j] {
                flush_removed(i, &mut next_removed, &mut out);
                let x = meas[i * m + j];
                if merged_target[j] {
                    for k in (0..n).filter(|&k| merged_into[k] == Some(j) || k == i) {
                        out.push(Link {
                            kind: Kind::Merged,
                            draft: Some(ds[k]),
                            adopted: Some(a),
                            similarity: meas[k * m + j].dice,
                        });
                    }
                } else if split_source[i] {
                    out.push(Link {
                        kind: Kind::Split,
                        draft: Some(ds[i]),
                        adopted: Some(a),
                        similarity: x.dice,
                    });
                } else {
                    out.push(self.one_to_one(ds[i], a, moved[i], x));
                }
                next_removed = next_removed.max(i + 1);
            } else if let Some(i) = split_from[j] {
                out.push(Link {
                    kind: Kind::Split,
                    draft: Some(ds[i]),
                    adopted: Some(a),
                    similarity: meas[i * m + j].dice,
                });
            } else {
                out.push(Link {
                    kind: Kind::Added,
                    draft: None,
                    adopted: Some(a),
                    similarity: 0.0,
                });
            }
        }
        flush_removed(n, &mut next_removed, &mut out);
        out
    }
}

/// True when draft position `i` paired with adopted position `j` keeps the order of the other
/// pairs.
fn fits(partner_d: &[Option<usize>], i: usize, j: usize) -> bool {
    let before = partner_d[..i].iter().rev().flatten().next();
    let after = partner_d[i + 1..].iter().flatten().next();
    before.is_none_or(|&b| b < j) && after.is_none_or(|&a| a > j)
}

/// Aligns the units of a draft with those of the adopted text: top-level paragraphs first, then
/// the sub-paragraphs inside each aligned pair of parents.
pub fn align(draft: &[Unit], adopted: &[Unit]) -> Vec<Link> {
    let mut lex = Lexicon::default();
    let ids: Vec<Vec<u32>> = draft
        .iter()
        .chain(adopted)
        .map(|u| words(&u.text).map(|w| lex.id(&w)).collect())
        .collect();
    let ctx = Ctx {
        draft,
        adopted,
        bags_d: ids[..draft.len()].iter().map(|w| Bag::of(w)).collect(),
        bags_a: ids[draft.len()..].iter().map(|w| Bag::of(w)).collect(),
        w: weights(&ids, &lex),
    };
    let top =
        |us: &[Unit]| -> Vec<usize> { (0..us.len()).filter(|&i| !us[i].is_child()).collect() };
    let kids = |us: &[Unit], p: usize| -> Vec<usize> {
        (0..us.len()).filter(|&i| us[i].parent == Some(p)).collect()
    };
    let links = ctx.level(&top(draft), &top(adopted));
    // Sub-paragraphs, inside the groups of aligned parents.
    let mut groups: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    let mut order = Vec::new();
    for (k, l) in links.iter().enumerate() {
        if let (Some(d), Some(a)) = (l.draft, l.adopted) {
            // Group key: the adopted paragraph for a merge, the draft one for a split.
            let key = if l.kind == Kind::Split {
                usize::MAX - d
            } else {
                a
            };
            let g = groups.entry(key).or_insert_with(|| {
                order.push((key, k));
                (Vec::new(), Vec::new())
            });
            if !g.0.contains(&d) {
                g.0.push(d);
            }
            if !g.1.contains(&a) {
                g.1.push(a);
            }
        }
    }
    let mut sub: HashMap<usize, Vec<Link>> = HashMap::new();
    for &(key, k) in &order {
        let (ds, as_) = &groups[&key];
        let cd: Vec<usize> = ds.iter().flat_map(|&d| kids(draft, d)).collect();
        let ca: Vec<usize> = as_.iter().flat_map(|&a| kids(adopted, a)).collect();
        if !cd.is_empty() || !ca.is_empty() {
            sub.insert(k, ctx.level(&cd, &ca));
        }
    }
    let mut out = Vec::new();
    for (k, l) in links.into_iter().enumerate() {
        let (d, a) = (l.draft, l.adopted);
        let kind = l.kind;
        out.push(l);
        if let Some(s) = sub.remove(&k) {
            out.extend(s);
        }
        if kind == Kind::Removed
            && let Some(d) = d
        {
            out.extend(kids(draft, d).into_iter().map(|c| Link {
                kind: Kind::Removed,
                draft: Some(c),
                adopted: None,
                similarity: 0.0,
            }));
        }
        if kind == Kind::Added
            && let Some(a) = a
        {
            out.extend(kids(adopted, a).into_iter().map(|c| Link {
                kind: Kind::Added,
                draft: None,
                adopted: Some(c),
                similarity: 0.0,
            }));
        }
    }
    out
}
