//! Names inside longer names, and groups named by their parts, for the recognise stage: the
//! hits the gazetteer found that are part of a longer name it does not know ("the
//! Under-Secretary-General", "the Implementation Review Mechanism" of another convention, "the
//! Review Conference of the Parties to the Treaty on …"), a group named as a body's members,
//! the United Nations' organizations named as a group (the system), and "his Office".

use std::ops::Range;

use super::{DocState, QUALIFIED, has_class, overlaps_sorted, words_before};
use crate::model::MatchKind;
use crate::recognise::gazetteer::{Hit, Kind, View};

// Another full name after a short one: " to the Treaty on the …", " of the United Nations
// Framework Convention", " to the Chemical Weapons Convention".
re!(
    OTHER_FULL_NAME,
    r"^ (?:to|of) (?:the )?[A-Z][\w-]*(?: (?:(?:on|of|for|against|the|and) )*[A-Z][\w-]*)+"
);

// The United Nations' own organizations, as a group: "United Nations organizations",
// "relevant United Nations programmes, funds, specialized agencies", "the United Nations
// development system", "the relevant offices and agencies of the United Nations".
re!(
    SYSTEM_PHRASE,
    r"\bUnited Nations (?:development system\b|(?:specialized agencies|agencies|organizations|entities|bodies|funds|programmes|offices)\b(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:other\s+)?(?:specialized agencies|agencies|organizations|entities|bodies|funds|programmes|offices)\b)*)|\b(?:specialized agencies|agencies|organizations|entities|bodies|funds|programmes|offices)(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:specialized agencies|agencies|organizations|entities|bodies|funds|programmes|offices))*\s+of\s+the\s+United\s+Nations\b(?:\s+system\b)?"
);

// A body whose name is its members: "Conference of the ", "Meeting of ", "Assembly of ".
re!(
    MEMBERS_OF_BODY,
    r"\b(?:Conference|Meeting|Assembly)\s+of\s+(?:the\s+)?$"
);

/// Drops the gazetteer's hits that are part of a longer name it does not know.
pub(super) fn drop_parts_of_longer_names(
    hits: &mut Vec<Hit>,
    view: &View,
    orig: &str,
    st: &DocState<'_>,
) {
    let text = view.text.as_str();
    // A proper name at the end of a hyphenated word is part of it ("Under-Secretary-General",
    // "non-United Nations forces"), and "Deputy" or "Assistant" before a post names another
    // post ("the Deputy Secretary-General").
    hits.retain(|h| {
        // (in the original text: the folded one reads hyphens as spaces)
        let before = orig
            .get(..view.original(h.range.clone()).start)
            .unwrap_or("");
        let mut back = before.chars().rev();
        // (a proper name: "public-private sector" is still the private sector)
        let hyphenated = matches!(back.next(), Some('-' | '‑'))
            && back.next().is_some_and(char::is_alphabetic)
            && text
                .get(h.range.clone())
                .is_some_and(|n| n.starts_with(char::is_uppercase));
        let other_post = has_class(st.registry, &h.key, &["Office"])
            && (before.ends_with("Deputy ") || before.ends_with("Assistant "));
        !(hyphenated || other_post)
    });
    // A generic lower-case label printed capitalised after another capitalised word is the
    // end of a longer proper name the registry does not know: "the Implementation Review
    // Mechanism" (of another convention) is not the "review mechanism" of UNTOC.
    hits.retain(|h| {
        if h.kind != Kind::Name {
            return true;
        }
        let surface = text.get(h.range.clone()).unwrap_or("");
        if !surface.starts_with(|c: char| c.is_uppercase()) {
            return true;
        }
        let generic = st.registry.get(&h.key).is_some_and(|e| {
            let mut labels = std::iter::once(&e.pref_label).chain(&e.alt_labels);
            !labels.clone().any(|l| l == surface)
                && labels.any(|l| {
                    l.starts_with(|c: char| c.is_lowercase()) && l.eq_ignore_ascii_case(surface)
                })
        });
        let word = words_before(text, h.range.start)
            .1
            .split_whitespace()
            .last()
            .unwrap_or("");
        !(generic
            && word.starts_with(|c: char| c.is_uppercase())
            && word.chars().all(char::is_alphabetic)
            && !matches!(word, "The" | "A" | "An"))
    });
    // A short name of a body followed by another instrument's or body's full name is that
    // other one's: "the Review Conference of the Parties to the Treaty on the Non-Proliferation
    // of Nuclear Weapons" is not the Conference of the Parties to UNTOC ("to the Convention",
    // a bare anaphor, and "to the Organized Crime Convention" stay UNTOC's).
    hits.retain(|h| {
        if h.kind != Kind::Name {
            return true;
        }
        let surface = text.get(h.range.clone()).unwrap_or("");
        let surface = surface
            .strip_prefix("the ")
            .or_else(|| surface.strip_prefix("The "))
            .unwrap_or(surface);
        let shortened = st.registry.get(&h.key).is_some_and(|e| {
            e.pref_label.len() > surface.len() + 1
                && e.pref_label
                    .get(..surface.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(surface))
                && e.pref_label.as_bytes().get(surface.len()) == Some(&b' ')
        });
        let after = text.get(h.range.end..).unwrap_or("");
        !(shortened
            && OTHER_FULL_NAME.is_match(after)
            && !after
                .get(..after.len().min(120))
                .is_some_and(|a| a.contains("Organized Crime")))
    });
}

/// A group named as the members of a body ("the Conference of the States Parties", "the
/// Meeting of States Parties", "the Assembly of States Parties") is part of that body's name,
/// not the group (its place stays taken: no shorter name is read inside it).
pub(super) fn drop_members_of_bodies(
    text: &str,
    out: &mut Vec<(Range<usize>, String, MatchKind)>,
    st: &DocState<'_>,
) {
    out.retain(|(r, k, _)| {
        !(has_class(st.registry, k, &["Group"])
            && MEMBERS_OF_BODY.is_match(words_before(text, r.start).1))
    });
}

// "his Office", "her Office", "its Office".
re!(POSSESSIVE_OFFICE, r"\b(?:[Hh]is|[Hh]er|[Ii]ts)\s+Office\b");

/// "his Office" after a post that heads an office: that office ("the High Commissioner … his
/// Office" is UNHCR). The post is the last one named before it, in this text or before.
pub(super) fn posts_offices(
    text: &str,
    out: &mut Vec<(Range<usize>, String, MatchKind)>,
    st: &mut DocState<'_>,
) {
    let office_of_post = &st.heads.office_of_post;
    out.sort_by_key(|(r, _, _)| r.start);
    let posts: Vec<(usize, String)> = out
        .iter()
        .filter(|(_, k, _)| office_of_post.contains_key(k))
        .map(|(r, k, _)| (r.end, k.clone()))
        .collect();
    let ranges: Vec<Range<usize>> = out.iter().map(|(o, _, _)| o.clone()).collect();
    let mut added = Vec::new();
    for m in POSSESSIVE_OFFICE.find_iter(text) {
        let r = m.range();
        // "its Office of the Special Envoy": another office's name
        if QUALIFIED.is_match(text.get(r.end..).unwrap_or("")) {
            continue;
        }
        let i = posts.partition_point(|(end, _)| *end <= r.start);
        let post = i
            .checked_sub(1)
            .and_then(|i| posts.get(i))
            .map(|(_, k)| k.clone())
            .or_else(|| st.last_post.clone());
        if let Some(office) = post.and_then(|p| office_of_post.get(&p))
            && !overlaps_sorted(&ranges, &r)
        {
            added.push((r, office.clone(), MatchKind::Anaphor));
        }
    }
    if let Some((_, k)) = posts.last() {
        st.last_post = Some(k.clone());
    }
    out.extend(added);
}

/// The United Nations' organizations named as a group (see [`SYSTEM_PHRASE`]) are the United
/// Nations system, not the Organization: the phrase replaces the mention of "United Nations"
/// inside it, unless another name overlaps it.
pub(super) fn system_phrases(text: &str, out: &mut Vec<(Range<usize>, String, MatchKind)>) {
    // In text order, so that the mentions a phrase overlaps are found by a binary search (a
    // long paragraph of such phrases stays linear).
    out.sort_by_key(|(r, _, _)| r.start);
    let mut drop = vec![false; out.len()];
    let mut added = Vec::new();
    for m in SYSTEM_PHRASE.find_iter(text) {
        let mut r = m.range();
        // "entities of the United Nations Global Counter-Terrorism Coordination Compact": the
        // name goes on, and it is another body's entities
        let after = text.get(r.end..).unwrap_or("");
        if after
            .strip_prefix(' ')
            .is_some_and(|a| a.starts_with(|c: char| c.is_uppercase()))
        {
            continue;
        }
        // the mentions it overlaps (a "the United Nations" may start at its article)
        let lo = out.partition_point(|(o, _, _)| o.end <= r.start);
        let hi = out.partition_point(|(o, _, _)| o.start < r.end);
        let inside = lo..hi.max(lo);
        let all_un = out.get(inside.clone()).is_some_and(|os| {
            os.iter()
                .all(|(o, k, _)| k == "un" && o.start + 4 >= r.start && o.end <= r.end)
        });
        if all_un {
            for i in inside {
                if let (Some(d), Some((o, _, _))) = (drop.get_mut(i), out.get(i)) {
                    *d = true;
                    // ("the United Nations …": the phrase takes the article too)
                    r.start = r.start.min(o.start);
                }
            }
            added.push((r, "un-system".to_owned(), MatchKind::Name));
        }
    }
    if !added.is_empty() {
        let mut keep = drop.into_iter();
        out.retain(|_| !keep.next().unwrap_or(false));
        out.extend(added);
    }
}
