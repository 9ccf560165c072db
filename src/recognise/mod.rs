//! Recognise: finds the entities, citations and sponsors each paragraph names.
//!
//! For every paragraph and footnote text, in document order:
//! - the registry's [`Gazetteer`](crate::recognise::gazetteer::Gazetteer) gives the names and acronyms
//!   (longest first, case-sensitive acronyms, tolerant of line breaks, hyphens, apostrophes,
//!   a leading "the", plurals and possessives);
//! - anaphoric labels ("the Office", "the Convention") count only when the last entity named
//!   with that head noun is the one the label belongs to, and not when the label starts a longer
//!   unlisted name ("the Office of the …");
//! - acronyms defined in the text ("… Group (XYZ)") are learnt for the rest of the document;
//! - generic anaphors "the Council", "the Committee", "the Fund", "the Special Rapporteur": "the"
//!   and the last word(s) of the head phrase of a body, office, fund, mandate or treaty name
//!   refer to the speaker of the chapeau when its head matches ("The Human Rights Council," …
//!   "the Council"), else to the entity last named with that head before them; not when
//!   qualified into another name ("the Committee on Migrant Workers", "the Council of Europe");
//! - lists sharing one plural head ("Special Rapporteurs on X, on Y and on Z", "the global
//!   compacts on migration and refugees"): each item is read as "<head> <preposition> <item>"
//!   and counts only if that is a registry name;
//! - names outside the registry by their shape ([`crate::recognise::shape`]): instruments, bodies, meetings,
//!   persons after an honorific, each a [`NewEntity`] with a slug key and a mention of kind
//!   [`MatchKind::Shape`]. The gold lists only registry entities, so such mentions would be
//!   counted as false positives though they are true names: the graph writes them under
//!   `tip:mentionsUnlisted` (a sub-property of `tip:mentions`), not `tip:mentions`;
//! - pronouns ("it", "its", "them") are not mentions here: the gold counts them only where the
//!   antecedent is named in the same paragraph (so they add no row), and the provisions stage
//!   resolves the addressee pronouns it needs ("invite it to …") itself;
//! - "the present political declaration" refers to the declaration the document's heading names;
//! - citations come from [`crate::recognise::cite`]; a footnote's citations belong to the paragraph that
//!   carries its mark;
//! - a sponsor list ("Armenia, …, Viet Nam and Zimbabwe: revised draft resolution") gives the
//!   sponsoring States.

pub mod cite;
pub mod gazetteer;
mod longer;
pub mod shape;

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};

use crate::model::{
    Citation, MatchKind, Mention, NewEntity, Place, Recognised, Segmented, Source, Text,
};
use crate::recognise::gazetteer::{Hit, Hyphens, Kind, View};
use crate::registry::Registry;
use cite::CiteState;

// An acronym defined in brackets right after a name.
re!(
    DEFINITION,
    r"^ ?\(([A-Z][A-Za-z]*[A-Z](?: ?[A-Z][a-z]+)?)\)"
);
// Acronym-shaped tokens.
re!(ACRONYM, r"\b[A-Z][A-Za-z]*[A-Z]\b");
// The document referring to itself.
re!(
    SELF_REF,
    r"(?i)\b(?:the present|this|the current) (?:political )?declaration\b"
);
// What follows an anaphoric label that is really the start of a longer, unlisted name.
re!(LONGER_NAME, r"^ (?:of|on|for|against|to) (?:the )?[A-Z]");
// What follows a description that is qualified into another thing ("the guiding principles on
// business").
re!(QUALIFIED, r"^ (?:of|on|for|against|to) ");
// The end of a sponsor list.
re!(
    SPONSOR_END,
    r"(?i)\s*:\s*(?:revised\s+)?draft\s+(?:resolution|decision)"
);
// What may stand between two names of a sponsor list.
re!(SPONSOR_GAP, r"^[\s,*]*(?:and)?[\s,*]*$");
// A symbol alone on a line, or after "Document": the document's own symbol.
re!(
    OWN_SYMBOL,
    r"(?m)^[ \t]*(?:Document[ \t]+)?\[?([A-Z][A-Z0-9]{0,7}(?:\.\d+)?(?:/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)+)\]?(?:\(#\))?[ \t]*$"
);

// A label that is a day of the year ("30 July").
re!(DATE_LABEL, r"^\d{1,2} [A-Z][a-z]+$");
// A year right after.
re!(YEAR_AFTER, r"^,? \d{4}");

fn has_class(registry: &Registry, key: &str, classes: &[&str]) -> bool {
    registry
        .get(key)
        .is_some_and(|e| e.classes.iter().any(|c| classes.contains(&c.as_str())))
}

/// Words after which a name's head noun is over ("Office" in "Office of the …").
const HEAD_STOPS: &[&str] = &[
    " of ",
    " on ",
    " for ",
    " against ",
    " to ",
    " in ",
    " supplementing ",
    ",",
    ":",
];

/// The words of a name's head phrase (before its first "of", "on", …), lower-cased.
fn head_words(name: &str) -> Vec<String> {
    let folded = crate::recognise::gazetteer::fold_label(name);
    let cut = HEAD_STOPS
        .iter()
        .filter_map(|s| folded.find(s))
        .min()
        .unwrap_or(folded.len());
    folded
        .get(..cut)
        .unwrap_or("")
        .split(' ')
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Classes whose names give a generic anaphor "the <head noun>" ("the Council", "the Fund").
const ANAPHOR_CLASSES: &[&str] = &[
    "Body",
    "Organization",
    "Office",
    "Fund",
    "MandateHolder",
    "Mechanism",
    "Treaty",
    "Protocol",
];

fn is_all_caps_word(s: &str) -> bool {
    !s.contains(' ') && s.chars().all(|c| !c.is_lowercase())
}

/// The head words a generic anaphor may use for an entity: the last word and the last two words
/// of the head phrase of each of its names ("council"; "special rapporteur", "rapporteur").
fn anaphor_words(registry: &Registry, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(e) = registry.get(key)
        && e.classes
            .iter()
            .any(|c| ANAPHOR_CLASSES.contains(&c.as_str()))
    {
        let mut names: Vec<&str> = vec![e.pref_label.as_str()];
        names.extend(e.alt_labels.iter().map(String::as_str));
        for n in names {
            if is_all_caps_word(n) {
                continue;
            }
            let w = head_words(n);
            if let Some(last) = w.last() {
                out.push(last.clone());
            }
            if let [.., a, b] = w.as_slice() {
                out.push(format!("{a} {b}"));
            }
        }
    }
    out
}

// "the" and one or two capitalised words: a candidate generic anaphor.
re!(THE_HEAD, r"\b[Tt]he ((?:[A-Z][a-z]+ )?[A-Z][a-z]+)\b");
// What qualifies a head noun into another entity ("the Committee on Migrant Workers", "the
// Council of Europe"); "to" only before a name ("requests the Special Rapporteur to report"
// is the anaphor).
re!(
    HEAD_QUALIFIED,
    r"^ (?:(?:of|on|for|against) |to (?:the )?[A-Z])"
);
// A capitalised word and "of" right before "the …": the head is the end of a longer name ("the
// Office of the High Commissioner"), not an anaphor.
re!(NAME_OF_BEFORE, r"\b[A-Z][a-z]+ of $");
// A chapeau naming the speaker ("The Human Rights Council,").
re!(CHAPEAU, r"^\s*The [^,;.]+,\s*$");

/// The registry's head-noun tables for anaphors, computed once per registry
/// ([`Registry::heads`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Heads {
    /// For each entity, the anaphor head nouns of its names.
    heads_by_key: HashMap<String, Vec<String>>,
    /// Head phrases of registry names with their plural ("special rapporteurs" → "special
    /// rapporteur"), for lists that share one head.
    plural_heads: Vec<(String, String)>,
    /// One automaton over the plurals of [`Self::plural_heads`] (ASCII case-insensitive), so
    /// that a text is scanned once for all of them.
    plural_finder: Option<AhoCorasick>,
    /// For each entity, the head words a generic anaphor may use ([`anaphor_words`]).
    anaphor_words: HashMap<String, Vec<String>>,
    /// For each post, the office it heads: the entity named "Office of the <post>" (UNHCR for
    /// the High Commissioner for Refugees), for "his Office".
    office_of_post: HashMap<String, String>,
}

impl Heads {
    /// Computes the tables of a registry.
    pub(crate) fn new(registry: &Registry) -> Self {
        let anaphor_heads: std::collections::HashSet<String> = registry
            .iter()
            .flat_map(|e| e.anaphoric_labels.iter())
            .filter_map(|l| l.split_whitespace().last().map(str::to_ascii_lowercase))
            .collect();
        let mut heads_by_key: HashMap<String, Vec<String>> = HashMap::new();
        for e in registry.iter() {
            let mut names: Vec<&str> = vec![e.pref_label.as_str()];
            names.extend(e.alt_labels.iter().map(String::as_str));
            names.retain(|n| !e.anaphoric_labels.iter().any(|a| a == n));
            let mut hs: Vec<String> = names
                .iter()
                .flat_map(|n| head_words(n))
                .filter(|w| anaphor_heads.contains(w))
                .collect();
            hs.sort();
            hs.dedup();
            if !hs.is_empty() {
                heads_by_key.insert(e.key.clone(), hs);
            }
        }
        let mut plural_heads: Vec<(String, String)> = Vec::new();
        for e in registry.iter() {
            let mut names: Vec<&str> = vec![e.pref_label.as_str()];
            names.extend(e.alt_labels.iter().map(String::as_str));
            for n in names {
                let f = crate::recognise::gazetteer::fold_label(n).to_ascii_lowercase();
                let cut = [" on ", " for ", " against ", " of "]
                    .iter()
                    .filter_map(|p| f.find(p))
                    .min();
                if let Some(h) = cut.and_then(|c| f.get(..c))
                    && h.split(' ').count() >= 2
                    && !h.ends_with('s')
                    && !plural_heads.iter().any(|(_, x)| x == h)
                {
                    plural_heads.push((format!("{h}s"), h.to_owned()));
                }
            }
        }
        let anaphor_words = registry
            .iter()
            .map(|e| (e.key.clone(), anaphor_words(registry, &e.key)))
            .filter(|(_, w)| !w.is_empty())
            .collect();
        let plural_finder = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(plural_heads.iter().map(|(p, _)| p))
            .ok();
        let by_label: HashMap<String, &str> = registry
            .iter()
            .map(|e| (e.pref_label.to_lowercase(), e.key.as_str()))
            .collect();
        let office_of_post = registry
            .iter()
            .filter_map(|e| {
                let label = format!("office of the {}", e.pref_label.to_lowercase());
                let office = by_label.get(&label)?;
                Some((e.key.clone(), (*office).to_owned()))
            })
            .collect();
        Self {
            heads_by_key,
            plural_heads,
            plural_finder,
            anaphor_words,
            office_of_post,
        }
    }

    /// Where the plural heads occur in a text: (index in [`Self::plural_heads`], start), by
    /// index then start, each plural's occurrences taken left to right without overlap (as
    /// repeated `str::find` on the ASCII-lower-cased text gives them).
    fn plural_occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        let mut all: Vec<(usize, usize)> = match &self.plural_finder {
            Some(ac) => ac
                .find_overlapping_iter(text)
                .map(|m| (m.pattern().as_usize(), m.start()))
                .collect(),
            None => {
                let lower = text.to_ascii_lowercase();
                self.plural_heads
                    .iter()
                    .enumerate()
                    .flat_map(|(i, (p, _))| {
                        lower
                            .match_indices(p.as_str())
                            .map(move |(s, _)| (i, s))
                            .collect::<Vec<_>>()
                    })
                    .collect()
            }
        };
        if all.is_empty() {
            return all;
        }
        all.sort_unstable();
        let mut from: Option<(usize, usize)> = None;
        all.retain(|&(i, s)| {
            if let Some((fi, f)) = from
                && fi == i
                && s < f
            {
                return false;
            }
            let len = self.plural_heads.get(i).map_or(0, |(p, _)| p.len());
            from = Some((i, s + len));
            true
        });
        all
    }

    /// The head words a generic anaphor may use for an entity.
    fn anaphor_words(&self, key: &str) -> &[String] {
        self.anaphor_words.get(key).map_or(&[], Vec::as_slice)
    }
}

/// Per-document state.
struct DocState<'r> {
    registry: &'r Registry,
    /// The registry's head-noun tables.
    heads: &'r Heads,
    /// For each head noun, the last entity named with it.
    last_head: HashMap<String, String>,
    /// For each head noun, the paragraph where [`Self::last_head`] was last set.
    last_head_para: HashMap<String, usize>,
    /// The paragraph being read.
    para: usize,
    /// The entities named so far, each with when it was last named (the count of namings
    /// then).
    named_at: HashMap<String, usize>,
    /// How many times each entity was named so far (by name or acronym).
    times_named: HashMap<String, usize>,
    /// Namings so far.
    namings: usize,
    /// Names outside the registry of the shape of a shortened name ("the Conference of the
    /// Parties to the United Nations Framework Convention on Climate Change"), lower-case words,
    /// with the count of namings when they were read: a shortened name that fits one read
    /// after the registry entity it fits is that one's, not the entity's.
    unlisted_names: Vec<(Vec<String>, usize)>,
    /// Acronyms defined in this document.
    learnt: HashMap<String, String>,
    /// The declaration the heading names (for "the present political declaration").
    own_declaration: Option<String>,
    /// Whether a numbered paragraph has been seen.
    in_body: bool,
    cites: CiteState,
    own_symbols: Vec<String>,
    /// For the last word (and last two words) of the head phrase of a body, office, fund,
    /// mandate or treaty name ("council", "special rapporteur"), the entity last named with it.
    last_by_word: HashMap<String, String>,
    /// For each of those words, the paragraph where its entity was last named.
    last_by_word_para: HashMap<String, usize>,
    /// The body speaking ("The Human Rights Council,"): "the Council" is the speaker.
    speaker: Option<String>,
    /// Entities found by shape so far.
    shaped: Vec<NewEntity>,
    /// The last post named that heads an office of its own ("the High Commissioner" of
    /// UNHCR), for "his Office".
    last_post: Option<String>,
    /// Persons by surname (registry persons named so far and persons found by shape).
    surnames: HashMap<String, String>,
}

impl<'r> DocState<'r> {
    /// Records an entity outside the registry named in this document (once per key).
    fn mint(&mut self, key: &str, class: &str, label: String) {
        if self.registry.get(key).is_none() && !self.shaped.iter().any(|n| n.key == key) {
            self.shaped.push(NewEntity {
                key: key.to_owned(),
                class: class.to_owned(),
                label,
            });
        }
    }

    fn new(registry: &'r Registry, own_symbols: Vec<String>) -> Self {
        Self {
            registry,
            heads: registry.heads(),
            last_head: HashMap::new(),
            last_head_para: HashMap::new(),
            para: 0,
            learnt: HashMap::new(),
            named_at: HashMap::new(),
            times_named: HashMap::new(),
            namings: 0,
            unlisted_names: Vec::new(),
            own_declaration: None,
            in_body: false,
            cites: CiteState::default(),
            own_symbols,
            last_by_word: HashMap::new(),
            last_by_word_para: HashMap::new(),
            speaker: None,
            shaped: Vec::new(),
            surnames: HashMap::new(),
            last_post: None,
        }
    }

    /// The entity this text names most often (more often than `than`) among those that
    /// `fits`: the text's subject for an anaphor that could be either ("the Convention" in a
    /// text about corruption that names UNTOC in passing).
    fn most_named(&self, than: &str, fits: impl Fn(&str) -> bool) -> Option<String> {
        let floor = self.times_named.get(than).copied().unwrap_or(0);
        self.times_named
            .iter()
            .filter(|(k, n)| k.as_str() != than && **n > floor && fits(k))
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(k, _)| k.clone())
    }

    /// Notes that `key` was named (for later anaphors).
    fn named(&mut self, key: &str) {
        self.namings += 1;
        self.named_at.insert(key.to_owned(), self.namings);
        *self.times_named.entry(key.to_owned()).or_default() += 1;
        for w in self.heads.anaphor_words(key) {
            self.last_by_word.insert(w.clone(), key.to_owned());
            self.last_by_word_para.insert(w.clone(), self.para);
        }
        if let Some(e) = self.registry.get(key)
            && e.classes.iter().any(|c| c == "Person")
            && let Some(last) = e.pref_label.split_whitespace().last()
        {
            self.surnames
                .insert(crate::recognise::shape::slug(last), key.to_owned());
        }
        for h in self.heads.heads_by_key.get(key).into_iter().flatten() {
            self.last_head.insert(h.clone(), key.to_owned());
            self.last_head_para.insert(h.clone(), self.para);
        }
        if !self.in_body
            && let Some(e) = self.registry.get(key)
            && e.classes.iter().any(|c| c == "Instrument")
            && e.pref_label.to_ascii_lowercase().contains("declaration")
        {
            self.own_declaration = Some(key.to_owned());
        }
    }
}

/// Recognises entities, citations and sponsors in a segmented document.
pub fn recognise(source: &Source, segmented: &Segmented, registry: &Registry) -> Recognised {
    let mut own: Vec<String> = segmented.meta.symbols.clone();
    for c in OWN_SYMBOL.captures_iter(&source.text) {
        if let Some(m) = c.get(1) {
            own.push(m.as_str().to_owned());
        }
    }
    let mut st = DocState::new(registry, own);
    st.cites.set_marks(
        segmented
            .paragraphs
            .iter()
            .flat_map(|p| p.footnotes.iter().map(|f| f.mark.clone()))
            .collect(),
    );
    let mut out = Recognised::default();
    for p in &segmented.paragraphs {
        if p.number.is_some() {
            st.in_body = true;
        }
        st.para = p.index;
        let mut texts: Vec<(Place, &Text)> = vec![(Place::Body, &p.text)];
        texts.extend(
            p.footnotes
                .iter()
                .enumerate()
                .map(|(k, f)| (Place::Footnote(k), &f.text)),
        );
        for (place, text) in texts {
            let view = View::new(&text.text, Hyphens::Space);
            let hits = mentions_in(&view, &text.text, &mut st);
            if place == Place::Body
                && p.number.is_none()
                && CHAPEAU.is_match(&view.text)
                && let [(_, key, MatchKind::Name)] = hits.as_slice()
            {
                if let Some(e) = registry.get(key) {
                    st.cites.set_speaker(&e.pref_label);
                }
                st.speaker = Some(key.clone());
            }
            if place == Place::Body
                && let Some(s) = sponsors_in(&view, &hits, registry)
            {
                for k in s {
                    if !out.sponsors.contains(&k) {
                        out.sponsors.push(k);
                    }
                }
            }
            for (r, key, how) in hits {
                let range = view.original(r);
                out.mentions.push(Mention {
                    paragraph: p.index,
                    place,
                    key,
                    span: text.source_span(range.clone()),
                    surface: text.text.get(range.clone()).unwrap_or("").to_owned(),
                    range,
                    how,
                });
            }
            let cview = View::new(&text.text, Hyphens::Keep);
            for f in cite::find(&cview, &mut st.cites, &st.own_symbols) {
                let range = cview.original(f.range);
                let c = Citation {
                    paragraph: p.index,
                    place,
                    symbol: f.symbol,
                    span: text.source_span(range),
                };
                if !out
                    .citations
                    .iter()
                    .any(|o| o.paragraph == c.paragraph && o.symbol == c.symbol)
                {
                    out.citations.push(c);
                }
            }
        }
    }
    out.new_entities = st.shaped;
    out
}

/// The mentions of one folded text: (range in the view, key, how).
fn mentions_in(
    view: &View,
    orig: &str,
    st: &mut DocState<'_>,
) -> Vec<(Range<usize>, String, MatchKind)> {
    let gaz = st.registry.gazetteer();
    let mut hits: Vec<Hit> = gaz.find(view);
    let text = view.text.as_str();
    // A date label ("30 July") inside a full date is no mention.
    hits.retain(|h| {
        let surface = text.get(h.range.clone()).unwrap_or("");
        !(DATE_LABEL.is_match(surface)
            && YEAR_AFTER.is_match(text.get(h.range.end..).unwrap_or("")))
    });
    // A State named as the country of a venue ("held in Marrakech, Morocco") is a place, not
    // a mention.
    hits.retain(|h| {
        !(st.registry.is_state(&h.key) && VENUE.is_match(words_before(text, h.range.start).1))
    });
    longer::drop_parts_of_longer_names(&mut hits, view, orig, st);
    let all_hits = hits.clone();
    // Every name the gazetteer found (in text order, without overlaps), those dropped below too
    // (an author's name before its instrument's): what blocks a shortened name, and what tells
    // a listed name from an unlisted one.
    let name_ranges: Vec<Range<usize>> = all_hits
        .iter()
        .filter(|h| h.kind != Kind::Anaphor)
        .map(|h| h.range.clone())
        .collect();
    // Antecedents for generic anaphors, as they stood before this text.
    let before_text = st.last_by_word.clone();
    // An author named right before the name of its instrument is part of that name
    // ("Committee on the Elimination of Discrimination against Women general recommendation
    // No. 38").
    // Another organization's name right before a body's name makes one longer name, neither of
    // the two ("the INTERPOL General Assembly" is not the General Assembly); "United Nations"
    // before a body's name is nested in it.
    let mut dropped = vec![false; hits.len()];
    for (i, w) in hits.windows(2).enumerate() {
        let [a, b] = w else { continue };
        if text.get(a.range.end..b.range.start) != Some(" ") {
            continue;
        }
        let class = |h: &Hit, classes: &[&str]| has_class(st.registry, &h.key, classes);
        if class(a, &["Body", "Organization", "Office"])
            && class(b, &["Instrument", "Report", "Treaty", "Protocol"])
        {
            dropped[i] = true;
        }
        if a.key != "un" && a.key != b.key && class(a, &["Organization"]) && class(b, &["Body"]) {
            dropped[i] = true;
            dropped[i + 1] = true;
        }
    }
    let hits: Vec<Hit> = hits
        .into_iter()
        .zip(dropped)
        .filter_map(|(h, d)| (!d).then_some(h))
        .collect();
    let mut out: Vec<(Range<usize>, String, MatchKind)> = Vec::new();
    for h in &hits {
        match h.kind {
            Kind::Anaphor => {
                let after = text.get(h.range.end..).unwrap_or("");
                if LONGER_NAME.is_match(after) {
                    continue;
                }
                let surface = text.get(h.range.clone()).unwrap_or("");
                let head = surface
                    .rsplit(' ')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                // The label's own entity, when it is the last one named with that head, or
                // when it was named in this document and the other one is not from this or
                // the previous paragraph ("the Convention" = UNTOC after a list naming CRC).
                let last = st.last_head.get(&head);
                let recent = st
                    .last_head_para
                    .get(&head)
                    .is_some_and(|&p| p + 1 >= st.para);
                // Not lately named with that head, in a text that names another entity with it
                // more often: that one is the text's subject ("the Convention" in a text about
                // corruption, some paragraphs after UNTOC was named in passing).
                let dominant = if recent {
                    None
                } else {
                    st.most_named(&h.key, |k| {
                        st.heads
                            .heads_by_key
                            .get(k)
                            .is_some_and(|hs| hs.contains(&head))
                    })
                };
                // (an entity last named with that head and named more often than the label's
                // own is such a one: no test of its own is needed)
                let own = dominant.is_none()
                    && (last == Some(&h.key) || st.named_at.contains_key(&h.key) && !recent);
                let chosen = if own { Some(h.key.clone()) } else { dominant };
                if let Some(k) = chosen
                    && !unlisted_before(
                        text,
                        h.range.start,
                        surface
                            .strip_prefix("the ")
                            .or_else(|| surface.strip_prefix("The "))
                            .unwrap_or(surface),
                        &name_ranges,
                    )
                {
                    out.push((h.range.clone(), k, MatchKind::Anaphor));
                }
            }
            Kind::Description => {
                let after = text.get(h.range.end..).unwrap_or("");
                if !QUALIFIED.is_match(after) && st.named_at.contains_key(&h.key) {
                    out.push((h.range.clone(), h.key.clone(), MatchKind::Anaphor));
                }
            }
            Kind::Name | Kind::Acronym => {
                st.named(&h.key);
                let how = if h.kind == Kind::Name {
                    MatchKind::Name
                } else {
                    MatchKind::Acronym
                };
                out.push((h.range.clone(), h.key.clone(), how));
                if let Some(c) = DEFINITION.captures(text.get(h.range.end..).unwrap_or(""))
                    && let Some(a) = c.get(1)
                {
                    st.learnt
                        .entry(a.as_str().to_owned())
                        .or_insert_with(|| h.key.clone());
                }
            }
        }
    }
    let overlaps = |r: &Range<usize>, out: &[(Range<usize>, String, MatchKind)]| {
        out.iter()
            .any(|(o, _, _)| o.start < r.end && r.start < o.end)
    };
    // Generic anaphors: "the Council", "the Special Rapporteur", "the Fund" for the speaker or
    // the entity last named with that head noun, unless qualified ("the Committee on …").
    // What the loop above found is in text order without overlaps, and the anaphors this loop
    // adds never overlap a later match: the tests below are binary searches over it, not scans
    // of `out` and `hits` for every match (quadratic in a long paragraph; found by fuzzing).
    let heads = st.heads;
    let found: Vec<Range<usize>> = out.iter().map(|(o, _, _)| o.clone()).collect();
    // A label anaphor not taken ("the Office" when the office last named is another one) leaves
    // its place to the generic rule below.
    let hit_ranges: Vec<Range<usize>> = hits
        .iter()
        .filter(|h| h.kind != Kind::Anaphor)
        .map(|h| h.range.clone())
        .collect();
    let mut named_by_word: HashMap<&str, Vec<(usize, String)>> = HashMap::new();
    for (o, k, how) in &out {
        if matches!(how, MatchKind::Name | MatchKind::Acronym | MatchKind::Shape) {
            for w in heads.anaphor_words(k) {
                named_by_word
                    .entry(w.as_str())
                    .or_default()
                    .push((o.end, k.clone()));
            }
        }
    }
    for c in THE_HEAD.captures_iter(text) {
        let (Some(all), Some(w)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let r = all.range();
        if overlaps_sorted(&found, &r)
            || overlaps_sorted(&hit_ranges, &r)
            || HEAD_QUALIFIED.is_match(text.get(r.end..).unwrap_or(""))
            || NAME_OF_BEFORE.is_match(text.get(..r.start).unwrap_or(""))
            || unlisted_before(text, r.start, w.as_str(), &name_ranges)
            || crate::recognise::gazetteer::continues_name(text, r.end)
            || text
                .get(r.end..)
                .is_some_and(|a| a.starts_with(['\'', '-']) && !a.starts_with("'s"))
        {
            continue;
        }
        let word = w.as_str().to_ascii_lowercase();
        let speaker = st.speaker.clone().filter(|k| {
            st.registry.get(k).is_some_and(|e| {
                head_words(&e.pref_label).last()
                    == word.rsplit(' ').next().map(str::to_owned).as_ref()
            })
        });
        // The last entity with that head named before the anaphor: in this text, else before.
        let here = named_by_word.get(word.as_str()).and_then(|named| {
            let i = named.partition_point(|(end, _)| *end <= r.start);
            i.checked_sub(1).map(|i| named[i].1.clone())
        });
        // Before this text: the last one named with that head, unless that was not lately and
        // the text names another one with it more often.
        let before = || {
            let lately = st
                .last_by_word_para
                .get(&word)
                .is_some_and(|&p| p + 1 >= st.para);
            before_text.get(&word).map(|k| {
                // (a name found by its shape is not counted: nothing to compare with)
                (!lately && st.times_named.contains_key(k))
                    .then(|| st.most_named(k, |o| heads.anaphor_words(o).contains(&word)))
                    .flatten()
                    .unwrap_or_else(|| k.clone())
            })
        };
        if let Some(k) = speaker.or(here).or_else(before) {
            out.push((r, k, MatchKind::Anaphor));
        }
    }
    shortened_names(text, &name_ranges, &mut out, &mut *st);
    // Lists sharing one plural head ("Special Rapporteurs on trafficking in persons, on
    // contemporary forms of slavery and on …", "the global compacts on migration and refugees").
    for (r, key) in shared_head_lists(view, st) {
        if !overlaps(&r, &out) {
            st.named(&key);
            out.push((r, key, MatchKind::Name));
        }
    }
    // Acronyms learnt in this document.
    if !st.learnt.is_empty() {
        for m in ACRONYM.find_iter(text) {
            if let Some(k) = st.learnt.get(m.as_str()).cloned()
                && !overlaps_sorted(&hit_ranges, &m.range())
            {
                out.push((m.range(), k, MatchKind::Acronym));
            }
        }
    }
    // The document naming itself.
    if let Some(own) = st.own_declaration.clone() {
        for m in SELF_REF.find_iter(text) {
            let r = m.range();
            if !overlaps(&r, &out) {
                out.push((r, own.clone(), MatchKind::Anaphor));
            }
        }
    }
    office_holders(view, orig, &mut out, st);
    longer::system_phrases(text, &mut out);
    longer::posts_offices(text, &mut out, st);
    shapes_in(view, orig, &all_hits, &mut out, st);
    longer::drop_members_of_bodies(text, &mut out, st);
    out.sort_by_key(|(r, _, _)| r.start);
    out
}

// "the", then a capitalised phrase with lower-case prepositions and articles inside: a
// candidate shortened name ("the Office of the High Commissioner").
re!(
    SHORT_NAME,
    r"\b[Tt]he ([A-Z][a-z]+(?: (?:of|on|for|against|to|the|[A-Z][a-z]+))* [A-Z][a-z]+)\b"
);

// A name that goes on past where [`SHORT_NAME`] stops ("the United Nations Office on Drugs| and
// Crime World Drug Report").
re!(NAME_GOES_ON, r"^(?: and [A-Z]|[-'’]\w)");

/// Shortened names: UN texts give a body's name in full once, then drop its qualifiers ("the
/// Office of the United Nations High Commissioner for Refugees" … "the Office of the High
/// Commissioner"; "the Conference of the Parties to the Convention"). A phrase "the X of … Y"
/// with a preposition inside refers to the entity named last before it in the document one of
/// whose names begins with X and holds all the phrase's words in their order, and more.
fn shortened_names(
    text: &str,
    hit_ranges: &[Range<usize>],
    out: &mut Vec<(Range<usize>, String, MatchKind)>,
    st: &mut DocState<'_>,
) {
    let mut taken: Vec<Range<usize>> = out.iter().map(|(r, _, _)| r.clone()).collect();
    taken.sort_by_key(|r| r.start);
    let mut found: Vec<(Range<usize>, String)> = Vec::new();
    for c in SHORT_NAME.captures_iter(text) {
        let (Some(all), Some(p)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let r = all.range();
        let phrase: Vec<String> = p.as_str().split(' ').map(str::to_ascii_lowercase).collect();
        let inside = phrase.get(1..phrase.len().saturating_sub(1)).unwrap_or(&[]);
        if !inside
            .iter()
            .any(|w| matches!(w.as_str(), "of" | "on" | "for" | "against"))
            || overlaps_sorted(hit_ranges, &r)
            || overlaps_sorted(&taken, &r)
            || crate::recognise::gazetteer::continues_name(text, r.end)
            || NAME_GOES_ON.is_match(text.get(r.end..).unwrap_or(""))
        {
            continue;
        }
        let best = st
            .named_at
            .iter()
            .filter(|(k, _)| shortens_a_name(st.registry, k, &phrase))
            .max_by_key(|(_, n)| **n)
            .map(|(k, n)| (k.clone(), *n));
        let unlisted = st
            .unlisted_names
            .iter()
            .filter(|(words, _)| shortens(words, &phrase))
            .map(|(_, n)| *n)
            .max();
        match best {
            Some((k, n)) if unlisted.is_none_or(|u| u < n) => found.push((r, k)),
            Some(_) => {}
            None => {
                // Kept once each, the most recent few (a document names a handful).
                st.namings += 1;
                st.unlisted_names.retain(|(w, _)| *w != phrase);
                if st.unlisted_names.len() >= MAX_UNLISTED_NAMES {
                    st.unlisted_names.remove(0);
                }
                st.unlisted_names.push((phrase, st.namings));
            }
        }
    }
    out.extend(found.into_iter().map(|(r, k)| (r, k, MatchKind::Anaphor)));
}

/// Whether `phrase` (lower-case words) is one of `key`'s names with words left out
/// ([`shortens`]); only names of bodies, offices, funds, mandates and treaties are shortened.
fn shortens_a_name(registry: &Registry, key: &str, phrase: &[String]) -> bool {
    let Some(e) = registry.get(key) else {
        return false;
    };
    if !e
        .classes
        .iter()
        .any(|c| ANAPHOR_CLASSES.contains(&c.as_str()))
    {
        return false;
    }
    std::iter::once(&e.pref_label)
        .chain(e.alt_labels.iter())
        .any(|label| {
            let words: Vec<String> = crate::recognise::gazetteer::fold_label(label)
                .split(' ')
                .map(str::to_ascii_lowercase)
                .collect();
            shortens(&words, phrase)
        })
}

/// Whether `phrase` is `name` with words left out (both lower-case words): the same first word,
/// every word of the phrase in the name in the same order, the name longer.
fn shortens(name: &[String], phrase: &[String]) -> bool {
    if name.len() <= phrase.len() || name.first() != phrase.first() {
        return false;
    }
    let mut rest = name.iter();
    phrase.iter().all(|w| rest.any(|x| x == w))
}

/// How many unlisted names of the shape of a shortened name a document keeps.
const MAX_UNLISTED_NAMES: usize = 64;

/// How far back [`unlisted_before`] looks.
const UNLISTED_REACH: usize = 1000;

/// Whether the last name with head `head` ("Convention") before `at` in this text, within
/// [`UNLISTED_REACH`] bytes, is one the registry does not know ("the Vienna Convention on
/// Consular Relations", "the 1970 Convention"): "the Convention" after it is that one. Bare
/// anaphors ("the Convention") before are passed over. (The reach keeps a long paragraph of
/// repeated anaphors linear.)
fn unlisted_before(text: &str, at: usize, head: &str, names: &[Range<usize>]) -> bool {
    if head.is_empty() {
        return false;
    }
    let mut from = at.saturating_sub(UNLISTED_REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text.get(..at).unwrap_or("");
    for (pos, _) in before.rmatch_indices(head).take_while(|(p, _)| *p >= from) {
        let end = pos + head.len();
        let whole = !before[..pos].ends_with(|c: char| c.is_alphanumeric())
            && !before[end..].starts_with(|c: char| c.is_alphanumeric());
        if !whole {
            continue;
        }
        if overlaps_sorted(names, &(pos..pos + 1)) {
            return false;
        }
        if before[..pos].ends_with("the ") || before[..pos].ends_with("The ") {
            continue;
        }
        return true;
    }
    false
}

/// Whether `r` overlaps one of `sorted` (ranges in text order, without overlaps).
fn overlaps_sorted(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = sorted.partition_point(|o| o.end <= r.start);
    sorted
        .get(i)
        .is_some_and(|o| o.start < r.end && r.start < o.end)
}

// A city before a State's name ("in Marrakech, ", "at Addis Ababa, "), or a meeting's place
// ("would be held in Qatar").
re!(
    VENUE,
    r"\b(?:in|at)\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2},\s*$|\b(?:held|convened|hosted|took\s+place|take\s+place|takes\s+place|meet|met)\s+(?:in|at)\s+(?:the\s+)?$"
);

// An office title right before "of (the) <organization>" ("the Executive Director of the
// United Nations Office on Drugs and Crime").
re!(
    OFFICE_TITLE,
    r"(?i)\b(?:the\s+)?((?:Executive\s+Director|Director-General|Director\s+General|Executive\s+Secretary|Administrator|Secretary-General|Deputy\s+Secretary-General|Under-Secretary-General|President|Vice-President|Chair|Chairperson|Chairman|Chief\s+Executive|Head|Director|Prosecutor|Registrar|High\s+Representative|Special\s+Envoy|Special\s+Adviser|Special\s+Rapporteur|Independent\s+Expert|Executive\s+Heads?)\s+of\s+)$"
);

/// The last words of `text` before byte `end` (about 160 bytes, starting after a space) and
/// their offset: enough for the patterns anchored at the end of what precedes a mention
/// (a venue, an office title), without scanning the whole paragraph for every mention.
fn words_before(text: &str, end: usize) -> (usize, &str) {
    let end = end.min(text.len());
    let mut start = end.saturating_sub(160);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if start > 0 {
        start = text
            .get(start..end)
            .and_then(|w| w.find(' '))
            .map_or(end, |k| start + k + 1);
    }
    (start, text.get(start..end).unwrap_or(""))
}

/// A range of the folded text as the source prints it (hyphens kept), on one line; `fallback`
/// where the range maps to nothing.
fn printed(view: &View, orig: &str, range: Range<usize>, fallback: &str) -> String {
    orig.get(view.original(range))
        .unwrap_or(fallback)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Office-holders named by title and organization ("the Executive Director of the United
/// Nations Office on Drugs and Crime", "the Director-General of the International Labour
/// Organization", "the President of the Human Rights Council") are entities of their own, not
/// their organization: the organization's mention becomes a mention of the office, minted as
/// an unlisted `Office` named by the whole phrase. A title that is itself a registry name ("the
/// President of the General Assembly", "the Secretary-General of the United Nations") was
/// already taken whole by the gazetteer.
fn office_holders(
    view: &View,
    orig: &str,
    out: &mut [(Range<usize>, String, MatchKind)],
    st: &mut DocState<'_>,
) {
    let text = view.text.as_str();
    for (r, key, how) in out.iter_mut() {
        if !matches!(how, MatchKind::Name | MatchKind::Acronym) {
            continue;
        }
        if !has_class(
            st.registry,
            key,
            &["Organization", "Body", "Fund", "Office"],
        ) {
            continue;
        }
        let (offset, before) = words_before(text, r.start);
        let Some(c) = OFFICE_TITLE.captures(before) else {
            continue;
        };
        let (Some(all), Some(title)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let (all, title) = (
            offset + all.start()..offset + all.end(),
            offset + title.start()..offset + title.end(),
        );
        let label = printed(view, orig, title.start..r.end, "");
        let slug = crate::recognise::shape::slug(&label);
        if slug.is_empty() {
            continue;
        }
        st.mint(&slug, "Office", label);
        *r = all.start..r.end;
        *key = slug;
        *how = MatchKind::Shape;
    }
}

// What may stand between two items of a list.
re!(
    LIST_SEP,
    r"^(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s*,?\s*as well as\s+)"
);
// A preposition opening a list item.
re!(LIST_PREP, r"^(on|for|against|of) ");

/// The items of lists whose plural head is the head of registry names: each item is read as
/// "<head> <preposition> <item>" and must be a registry name from its first word (the
/// gazetteer decides where it ends); the list stops at the first item that is not.
fn shared_head_lists(view: &View, st: &DocState<'_>) -> Vec<(Range<usize>, String)> {
    let text = view.text.as_str();
    let mut out = Vec::new();
    let found = st.heads.plural_occurrences(text);
    if found.is_empty() {
        return out;
    }
    let lower = text.to_ascii_lowercase();
    let gaz = st.registry.gazetteer();
    let mut stopped: Option<usize> = None;
    for (i, start) in found {
        let Some((plural, head)) = st.heads.plural_heads.get(i) else {
            continue;
        };
        if stopped == Some(i) {
            continue;
        }
        if view.before(start).is_some_and(char::is_alphanumeric) {
            continue;
        }
        let mut pos = start + plural.len();
        let Some(rest) = lower.get(pos..) else {
            stopped = Some(i);
            continue;
        };
        if !rest.starts_with(' ') {
            continue;
        }
        pos += 1;
        let mut first = true;
        loop {
            let item = lower.get(pos..).unwrap_or("");
            let item = item.get(..item.len().min(300)).unwrap_or(item);
            let (given, body_at) = match LIST_PREP.captures(item) {
                Some(c) => (
                    c.get(1).map(|m| m.as_str()),
                    c.get(0).map_or(0, |m| m.end()),
                ),
                None => (None, 0),
            };
            let body = item.get(body_at..).unwrap_or("");
            let mut hit: Option<(usize, String)> = None;
            for prep in given.into_iter().chain(["on", "for", "against", "of"]) {
                let lead = format!("{head} {prep} ");
                let synthetic = format!("{lead}{body}");
                let found = gaz.find(&View::new(&synthetic, Hyphens::Space));
                if let Some(h) = found.iter().find(|h| {
                    h.range.start == 0 && h.kind == Kind::Name && h.range.end > lead.len()
                }) {
                    hit = Some((h.range.end - lead.len(), h.key.clone()));
                    break;
                }
            }
            let Some((len, key)) = hit else { break };
            let item_start = if first { start } else { pos };
            let item_end = pos + body_at + len;
            out.push((item_start..item_end, key));
            first = false;
            match lower.get(item_end..).and_then(|t| LIST_SEP.find(t)) {
                Some(m) => pos = item_end + m.end(),
                None => break,
            }
        }
    }
    out
}

/// Names outside the registry found by their shape ([`crate::recognise::shape`]): each becomes a
/// [`NewEntity`] (once per document) and a mention of kind [`MatchKind::Shape`]. A shape that
/// overlaps a registry match or a mention already found is dropped. A new instrument or body
/// with a head noun also ends that head's anaphor: "the Convention" after "the Convention on
/// the Rights of Persons with Disabilities" no longer refers to an older registry convention.
fn shapes_in(
    view: &View,
    orig: &str,
    hits: &[Hit],
    out: &mut Vec<(Range<usize>, String, MatchKind)>,
    st: &mut DocState<'_>,
) {
    let text = view.text.as_str();
    let free = |r: &Range<usize>, out: &[(Range<usize>, String, MatchKind)]| {
        !hits
            .iter()
            .any(|h| h.range.start < r.end && r.start < h.range.end)
            && !out
                .iter()
                .any(|(o, _, _)| o.start < r.end && r.start < o.end)
    };
    let mut found: Vec<(crate::recognise::shape::Shaped, bool)> =
        crate::recognise::shape::names(text)
            .into_iter()
            .map(|s| (s, false))
            .collect();
    found.extend(
        crate::recognise::shape::persons(text)
            .into_iter()
            .map(|s| (s, true)),
    );
    for (s, person) in found {
        if !free(&s.range, out) {
            continue;
        }
        // A name cut inside a hyphenated word ("… for the High-level meeting") is no name.
        let o = view.original(s.range.clone());
        if orig
            .get(o.end..)
            .is_some_and(|a| a.starts_with(['-', '\u{2010}', '\u{2011}']))
        {
            continue;
        }
        let name = text.get(s.name.clone()).unwrap_or("");
        let label = printed(view, orig, s.name.clone(), name);
        let key = if person && crate::recognise::shape::is_bare_surname(text, &s) {
            // "Ambassador Conde": only a person already named in full.
            match st.surnames.get(&crate::recognise::shape::slug(name)) {
                Some(k) => k.clone(),
                None => continue,
            }
        } else {
            let key = crate::recognise::shape::slug(name);
            if key.is_empty() {
                continue;
            }
            st.mint(&key, s.class, label);
            if person && let Some(last) = name.split(' ').next_back() {
                st.surnames
                    .insert(crate::recognise::shape::slug(last), key.clone());
            }
            key
        };
        if !person {
            st.last_head.insert(s.head.clone(), key.clone());
            st.last_head_para.insert(s.head.clone(), st.para);
            st.last_by_word.insert(s.head.clone(), key.clone());
        }
        out.push((s.range.clone(), key, MatchKind::Shape));
    }
}

/// The sponsoring States, when the text holds a sponsor list ending in ": draft resolution".
fn sponsors_in(
    view: &View,
    hits: &[(Range<usize>, String, MatchKind)],
    registry: &Registry,
) -> Option<Vec<String>> {
    let text = view.text.as_str();
    let end = SPONSOR_END.find(text)?;
    let before: Vec<&(Range<usize>, String, MatchKind)> =
        hits.iter().filter(|h| h.0.end <= end.start()).collect();
    let mut chain: Vec<String> = Vec::new();
    let mut next_start = end.start();
    for (r, key, _) in before.iter().rev() {
        let gap = text.get(r.end..next_start).unwrap_or("x");
        if !registry.is_state(key) || !SPONSOR_GAP.is_match(gap) {
            break;
        }
        chain.push(key.clone());
        next_start = r.start;
    }
    if chain.is_empty() {
        return None;
    }
    chain.reverse();
    Some(chain)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod shape_tests;

#[cfg(test)]
mod chapeau_tests;
