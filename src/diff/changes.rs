//! The changes of provisions, citations and sponsors between aligned paragraphs, from what
//! tipkg's own pipeline extracted from each document.
//!
//! - The opening verb of a paragraph (the speaker's first act, printed at its head): a change
//!   of verb, weaker or stronger on the directive scale `urges` > `callsUpon`/`requests` >
//!   `encourages` > `invites`. Adverbs (also, further, strongly) are no change of verb.
//! - Addressees of directive verbs and, for the other verbs, the listed things and bodies named
//!   in their objects (group entities such as Member States count only as addressees), added
//!   or removed.
//! - The mandate of a provision (same verb, same addressee) whose words changed.
//! - Citations added or removed; sponsors, when both texts list them.

use std::collections::{BTreeMap, BTreeSet};

use crate::extract::verbs;
use crate::model::Role;
use crate::registry::Registry;

use super::align::{Kind, Link};
use super::doc::{Doc, Prov};

/// One change found in an aligned pair of paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The opening verb changed.
    Verb {
        /// The draft's verb as printed, lower case, without adverbs (`takes note of`).
        old: String,
        /// The adopted text's.
        new: String,
        /// The draft's verb in the vocabulary (`takesNoteOf`).
        old_name: String,
        /// The adopted text's.
        new_name: String,
        /// Weaker, stronger, or neither (not both directive verbs).
        strength: Strength,
    },
    /// An addressee (directive verbs) or object entity is named only in the adopted text.
    EntityAdded {
        /// Addressee or object.
        role: Role,
        /// The entity key.
        key: String,
    },
    /// An addressee or object entity is named only in the draft.
    EntityRemoved {
        /// Addressee or object.
        role: Role,
        /// The entity key.
        key: String,
    },
    /// Same verb, same addressees, other words of the mandate.
    Mandate {
        /// The verb in the vocabulary.
        verb: String,
        /// The draft's mandate text.
        old: String,
        /// The adopted text's.
        new: String,
    },
    /// A document cited only in the adopted paragraph.
    CitationAdded(String),
    /// A document cited only in the draft paragraph.
    CitationRemoved(String),
}

/// The direction of a change of directive verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// To a weaker directive verb ("urges" → "encourages").
    Weakened,
    /// To a stronger directive verb.
    Strengthened,
    /// Not both on the directive scale, or equal on it.
    Other,
}

impl Strength {
    /// `weakened`, `strengthened` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Weakened => "weakened",
            Self::Strengthened => "strengthened",
            Self::Other => "other",
        }
    }
}

/// The rank of a directive verb on the scale of UN drafting (higher is stronger); `None` for
/// verbs off the scale.
pub fn strength(verb: &str) -> Option<u8> {
    Some(match verb {
        "demands" => 6,
        "urges" => 5,
        "callsUpon" | "requests" => 4,
        "encourages" => 3,
        "invites" => 2,
        _ => return None,
    })
}

/// A change with the link (index into the alignment) it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index of the alignment row.
    pub link: usize,
    /// The change.
    pub change: Change,
    /// Source span of the provision that shows it: in the adopted text, or in the draft for
    /// what was removed.
    pub span: Option<crate::model::Span>,
}

/// Adverbs that open or qualify a verb without changing it.
const ADVERBS: &[&str] = &[
    "also",
    "further",
    "furthermore",
    "again",
    "once",
    "strongly",
    "firmly",
    "moreover",
    "additionally",
    "in",
    "addition",
    "still",
    "therefore",
    "hereby",
    "thus",
    "however",
];

/// How many words may stand before the opening verb (the speaker: "We, the States Members of
/// the United Nations,").
const MAX_LEAD_WORDS: usize = 14;

/// The verb as written in change rows: lower case, adverbs and manner phrases ("with
/// appreciation") dropped.
pub fn verb_display(verb_text: &str) -> String {
    let lower = verb_text.to_lowercase();
    let ws: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<&str> = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let w = ws[k];
        if w == "with" && k + 1 < ws.len() && k + 1 != ws.len() - 1 {
            // "taking note with appreciation of": the manner phrase goes, "of" stays.
            let mut e = k + 1;
            while e < ws.len() && !matches!(ws[e], "of" | "that") {
                e += 1;
            }
            if e < ws.len() {
                k = e;
                continue;
            }
        }
        if !ADVERBS.contains(&w) && !w.ends_with("ly") || w == "rely" || w == "apply" {
            out.push(w);
        }
        k += 1;
    }
    out.join(" ")
}

/// The provisions of each paragraph, by paragraph index.
fn by_paragraph(x: &Doc) -> BTreeMap<usize, Vec<&Prov>> {
    let mut m: BTreeMap<usize, Vec<&Prov>> = BTreeMap::new();
    for p in &x.provisions {
        m.entry(p.paragraph).or_default().push(p);
    }
    m
}

/// The opening provision of a paragraph: its first act, when only the speaker stands before
/// the verb.
fn opening<'a>(provs: &[&'a Prov]) -> Option<&'a Prov> {
    let p = provs.first()?;
    (p.lead_words <= MAX_LEAD_WORDS).then_some(*p)
}

/// The entities a paragraph's provisions address or speak about, per the rule above.
fn entities(provs: &[&Prov], registry: &Registry) -> BTreeSet<(Role, String)> {
    let mut out = BTreeSet::new();
    for p in provs {
        let directive = verbs::is_directive(&p.verb);
        for (role, key) in &p.targets {
            let Some(e) = registry.get(key) else { continue };
            if !e.reference {
                continue;
            }
            let group = matches!(e.class(), "Group" | "State");
            match role {
                Role::Addressee if directive => {}
                Role::Object if !group => {}
                _ => continue,
            }
            out.insert((*role, key.clone()));
        }
    }
    out
}

/// The changes of every one-to-one aligned pair whose text changed.
pub fn changes(draft: &Doc, adopted: &Doc, links: &[Link], registry: &Registry) -> Vec<Found> {
    let (du, au) = (&draft.units, &adopted.units);
    let pd = by_paragraph(draft);
    let pa = by_paragraph(adopted);
    let none: Vec<&Prov> = Vec::new();
    let cites = |x: &Doc, para: usize| -> BTreeSet<String> {
        x.citations
            .iter()
            .filter(|c| c.0 == para)
            .map(|c| c.1.clone())
            .collect()
    };
    let mut out = Vec::new();
    for (k, l) in links.iter().enumerate() {
        let (Some(d), Some(a)) = (l.draft, l.adopted) else {
            continue;
        };
        if !matches!(l.kind, Kind::Changed | Kind::Moved) {
            continue;
        }
        let (dp, ap) = (du[d].paragraph, au[a].paragraph);
        let provs_d = pd.get(&dp).unwrap_or(&none);
        let provs_a = pa.get(&ap).unwrap_or(&none);
        if let (Some(o), Some(n)) = (opening(provs_d), opening(provs_a))
            && o.verb != n.verb
        {
            let s = match (strength(&o.verb), strength(&n.verb)) {
                (Some(x), Some(y)) if y < x => Strength::Weakened,
                (Some(x), Some(y)) if y > x => Strength::Strengthened,
                _ => Strength::Other,
            };
            out.push(Found {
                link: k,
                span: Some(n.span.clone()),
                change: Change::Verb {
                    old: verb_display(&o.verb_text),
                    new: verb_display(&n.verb_text),
                    old_name: o.verb.clone(),
                    new_name: n.verb.clone(),
                    strength: s,
                },
            });
        }
        let ed = entities(provs_d, registry);
        let ea = entities(provs_a, registry);
        let keys = |s: &BTreeSet<(Role, String)>| -> BTreeSet<String> {
            s.iter().map(|(_, k)| k.clone()).collect()
        };
        let (kd, ka) = (keys(&ed), keys(&ea));
        let span_of = |provs: &[&Prov], key: &str| {
            provs
                .iter()
                .find(|p| p.targets.iter().any(|(_, k)| k == key))
                .map(|p| p.span.clone())
        };
        for (role, key) in &ea {
            if !kd.contains(key) {
                out.push(Found {
                    link: k,
                    span: span_of(provs_a, key),
                    change: Change::EntityAdded {
                        role: *role,
                        key: key.clone(),
                    },
                });
            }
        }
        for (role, key) in &ed {
            if !ka.contains(key) {
                out.push(Found {
                    link: k,
                    span: span_of(provs_d, key),
                    change: Change::EntityRemoved {
                        role: *role,
                        key: key.clone(),
                    },
                });
            }
        }
        // Mandates of the same act (verb and addressees) whose words changed.
        for o in provs_d {
            let Some(om) = &o.mandate else { continue };
            let twin = provs_a
                .iter()
                .find(|n| n.verb == o.verb && n.targets == o.targets);
            if let Some(n) = twin
                && let Some(nm) = &n.mandate
                && super::units::comparable(om) != super::units::comparable(nm)
            {
                out.push(Found {
                    link: k,
                    span: Some(n.span.clone()),
                    change: Change::Mandate {
                        verb: o.verb.clone(),
                        old: om.clone(),
                        new: nm.clone(),
                    },
                });
            }
        }
        let (cd, ca) = (cites(draft, dp), cites(adopted, ap));
        for s in ca.difference(&cd) {
            out.push(Found {
                link: k,
                span: None,
                change: Change::CitationAdded(s.clone()),
            });
        }
        for s in cd.difference(&ca) {
            out.push(Found {
                link: k,
                span: None,
                change: Change::CitationRemoved(s.clone()),
            });
        }
    }
    out
}

/// Sponsors added and removed, when both documents list sponsors (an adopted resolution
/// usually prints none, which says nothing about its sponsors).
pub fn sponsors(draft: &Doc, adopted: &Doc) -> (Vec<String>, Vec<String>) {
    let d: BTreeSet<&String> = draft.sponsors.iter().collect();
    let a: BTreeSet<&String> = adopted.sponsors.iter().collect();
    if d.is_empty() || a.is_empty() {
        return (Vec::new(), Vec::new());
    }
    (
        a.difference(&d).map(|s| (*s).clone()).collect(),
        d.difference(&a).map(|s| (*s).clone()).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_as_printed() {
        assert_eq!(
            verb_display("Taking note with appreciation of"),
            "taking note of"
        );
        assert_eq!(verb_display("Recalling also"), "recalling");
        assert_eq!(verb_display("Also takes note of"), "takes note of");
        assert_eq!(verb_display("strongly urge"), "urge");
        assert_eq!(verb_display("Calls upon"), "calls upon");
    }

    #[test]
    fn scale() {
        assert!(strength("urges") > strength("encourages"));
        assert!(strength("encourages") > strength("invites"));
        assert_eq!(strength("welcomes"), None);
    }
}
