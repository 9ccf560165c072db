//! Gazetteer: dictionary matching of registry names in a text, for the recognise stage.
//!
//! Every label of the [`Registry`] (prefLabel, altLabels, acronyms, anaphoric labels) becomes a
//! pattern of one Aho-Corasick automaton, built once per registry ([`Registry::gazetteer`]).
//! Texts and patterns are compared in a *folded* form ([`View`]): whitespace runs and hyphens
//! become one space (so line breaks and "high level" / "high-level" do not matter), curly
//! apostrophes become straight ones, Markdown emphasis and link brackets disappear. Names match
//! without regard to ASCII case; acronyms (and all-caps labels) match only in their own case, so
//! "WHO" is not "who". Each name also matches with a leading "the", and with a plural "s". Word
//! boundaries are checked at both ends ("UN" does not match inside "UNODC"), and among the
//! overlapping candidates the longest are taken first, so a name inside a longer listed name is
//! not a mention of its own.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind as AcKind};

use crate::registry::Registry;

/// A folded copy of a text with, for each of its bytes, the byte range of the original text it
/// came from.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// The folded text.
    pub text: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

/// How hyphens are folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hyphens {
    /// Hyphens become spaces (for names).
    Space,
    /// Hyphens are kept (for document symbols); a hyphen before a line break still joins.
    Keep,
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

impl View {
    /// Folds `s` (see the module documentation).
    pub fn new(s: &str, hyphens: Hyphens) -> Self {
        let mut v = View {
            text: String::with_capacity(s.len()),
            starts: Vec::with_capacity(s.len()),
            ends: Vec::with_capacity(s.len()),
        };
        let bytes = s.as_bytes();
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let n = c.len_utf8();
            if c == '\u{00AD}' || c == '*' || c == '[' {
                continue;
            }
            if c == ']' {
                // A Markdown link target "](…)" is dropped with its bracket.
                if bytes.get(i + 1) == Some(&b'(')
                    && let Some(close) = s[i + 1..].find(')')
                {
                    let target = &s[i + 2..i + 1 + close];
                    if target.len() < 300 && !target.contains(char::is_whitespace) {
                        let stop = i + 1 + close;
                        while it.peek().is_some_and(|&(j, _)| j <= stop) {
                            it.next();
                        }
                    }
                }
                continue;
            }
            let space = c.is_whitespace() || (hyphens == Hyphens::Space && is_hyphen(c));
            if space {
                if v.text.ends_with(' ') {
                    if let Some(e) = v.ends.last_mut() {
                        *e = i + n;
                    }
                } else {
                    v.push(" ", i, i + n);
                }
                continue;
            }
            let mapped = match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => '\'',
                '\u{201C}' | '\u{201D}' => '"',
                '\u{2010}' | '\u{2011}' => '-',
                c => c,
            };
            let mut buf = [0u8; 4];
            v.push(mapped.encode_utf8(&mut buf), i, i + n);
        }
        v
    }

    fn push(&mut self, s: &str, start: usize, end: usize) {
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.starts.push(start);
            self.ends.push(end);
        }
    }

    /// The range of the original text that a byte range of the folded text came from.
    pub fn original(&self, r: Range<usize>) -> Range<usize> {
        let s = self
            .starts
            .get(r.start)
            .copied()
            .unwrap_or_else(|| self.ends.last().copied().unwrap_or(0));
        if r.end <= r.start {
            return s..s;
        }
        let e = self.ends.get(r.end - 1).copied().unwrap_or(s).max(s);
        s..e
    }

    /// The character before byte `i`, if any.
    pub fn before(&self, i: usize) -> Option<char> {
        self.text.get(..i).and_then(|s| s.chars().next_back())
    }

    /// The character at byte `i`, if any.
    pub fn at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }
}

/// Folds a label the way texts are folded, trimmed.
pub fn fold_label(s: &str) -> String {
    // Plain ASCII with single spaces and nothing to fold: the label itself.
    let plain = s.bytes().all(|b| {
        b.is_ascii()
            && !matches!(b, b'-' | b'*' | b'[' | b']' | b'`')
            && (b == b' ' || !b.is_ascii_whitespace())
    }) && !s.contains("  ");
    if plain {
        return s.trim().to_owned();
    }
    View::new(s, Hyphens::Space).text.trim().to_owned()
}

/// How a pattern must be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// ASCII case does not matter.
    Insensitive,
    /// Exact case (acronyms).
    Exact,
    /// "the"/"The" followed by the rest in exact case (anaphoric labels).
    AnaphorExact,
}

/// What a pattern stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A registry entity.
    Entity(String),
    /// Nothing: a longer phrase that hides the names inside it (a publication series, a place).
    Block,
}

/// What a match found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A name.
    Name,
    /// An acronym.
    Acronym,
    /// An anaphoric label ("the Office").
    Anaphor,
    /// A definite description from the head of a lower-case name of a document ("the guiding
    /// principles"): a mention only after the entity was named.
    Description,
}

/// One reading of a pattern.
#[derive(Debug, Clone)]
struct Reading {
    folded: String,
    target: Target,
    case: Case,
    kind: Kind,
    /// The years the entity's labels carry ("(2017)"): another year right before the name
    /// makes it another instrument ("the 2025 Political Declaration on …").
    years: Vec<String>,
}

/// The years (1800–2099) printed in an entity's labels.
fn label_years(e: &crate::registry::Entity) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in std::iter::once(&e.pref_label).chain(&e.alt_labels) {
        for w in l.split(|c: char| !c.is_ascii_digit()) {
            if is_year(w) && !out.iter().any(|y| y == w) {
                out.push(w.to_owned());
            }
        }
    }
    out
}

fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && (w.starts_with("18") || w.starts_with("19") || w.starts_with("20"))
}

/// Words that, right before the name of a dated instrument, make it another one.
const OTHER_EDITION: &[&str] = &[
    "new", "next", "future", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth",
];

/// Whether the word right before `start` names another edition of a dated entity: a year it
/// does not carry, or "new", "next", an ordinal.
fn other_edition(text: &str, start: usize, years: &[String]) -> bool {
    if years.is_empty() {
        return false;
    }
    let before = text.get(..start).unwrap_or("");
    if !before.ends_with(' ') {
        return false;
    }
    let word = before.trim_end().rsplit(' ').next().unwrap_or("");
    if is_year(word) {
        return !years.iter().any(|y| y == word);
    }
    OTHER_EDITION.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A match of the gazetteer in a folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range in the folded text.
    pub range: Range<usize>,
    /// The entity key.
    pub key: String,
    /// Name, acronym or anaphoric label.
    pub kind: Kind,
}

/// The compiled gazetteer of a registry.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    ac: Option<AhoCorasick>,
    /// Readings per pattern id.
    readings: Vec<Vec<Reading>>,
}

/// Phrases that hide the listed names inside them: publication series, places and groupings
/// that are not the listed entities. `{}` stands for each label of a Body or Organization.
const BLOCKERS: &[&str] = &[
    "United Nations, Treaty Series",
    "United Nations Treaty Series",
    "United Nations publication",
    "United Nations Headquarters",
    "Headquarters of the United Nations",
    "small island developing States",
    "least developed countries",
    "developing States",
    "landlocked developing States",
    "African States",
    "Arab States",
    "Asia-Pacific States",
    "Eastern European States",
    "Latin American and Caribbean States",
    "Western European and other States",
    "non-member States",
    "Group of African States",
];

const BODY_BLOCKERS: &[&str] = &["Official Records of the {}", "Official Records of {}"];
const ORG_BLOCKERS: &[&str] = &["{}, document", "{} document"];

fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Characters that continue a word or a symbol: "HRC" in "A/HRC/17/31" is no mention.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '/'
}

/// The plain names of an entity (not acronyms, not anaphoric labels).
fn plain_names(e: &crate::registry::Entity) -> Vec<&str> {
    let mut names: Vec<&str> = vec![e.pref_label.as_str()];
    names.extend(e.alt_labels.iter().map(String::as_str));
    names.retain(|n| {
        !e.anaphoric_labels.iter().any(|a| a == n) && !e.acronyms.iter().any(|a| a == n)
    });
    names
}

/// Names the registry implies without listing them:
/// - a name that contains the full name of an entity with an anaphoric label, with that label
///   in its place ("Mechanism for the Review of the Implementation of the Convention and the
///   Protocols thereto", after "the Convention");
/// - "Y of the X" as "X's Y" for every name of X ("the Inter-Agency Coordination Group's Plan
///   of Action").
fn derived_names(registry: &Registry) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut owner: std::collections::HashMap<String, &crate::registry::Entity> = Default::default();
    for e in registry.iter() {
        for n in plain_names(e) {
            owner.entry(n.to_ascii_lowercase()).or_insert(e);
        }
    }
    for e in registry.iter() {
        for n in plain_names(e) {
            let lower = n.to_ascii_lowercase();
            // Anaphoric labels of entities named inside this name.
            for f in registry.iter() {
                if f.key == e.key || f.anaphoric_labels.is_empty() {
                    continue;
                }
                for fname in plain_names(f) {
                    let fl = fname.to_ascii_lowercase();
                    if fl.len() < 12 || lower == fl {
                        continue;
                    }
                    if let Some(p) = lower.find(&fl) {
                        let start = if lower.get(..p).is_some_and(|b| b.ends_with("the ")) {
                            p - 4
                        } else {
                            p
                        };
                        for a in &f.anaphoric_labels {
                            let v = format!(
                                "{}{}{}",
                                n.get(..start).unwrap_or(""),
                                a,
                                n.get(p + fl.len()..).unwrap_or("")
                            );
                            out.push((v, e.key.clone()));
                        }
                    }
                }
            }
            // "Y of the X" as "X's Y".
            if let Some(p) = lower.rfind(" of the ") {
                let (y, x) = (n.get(..p).unwrap_or(""), lower.get(p + 8..).unwrap_or(""));
                if let Some(f) = owner.get(x)
                    && !y.is_empty()
                {
                    let mut xs = plain_names(f);
                    xs.extend(f.acronyms.iter().map(String::as_str));
                    for xn in xs {
                        out.push((format!("{xn}'s {y}"), e.key.clone()));
                    }
                }
            }
        }
    }
    out
}

impl Gazetteer {
    /// Compiles the gazetteer of a registry.
    pub fn new(registry: &Registry) -> Self {
        let mut by_lower: std::collections::HashMap<String, usize> = Default::default();
        let mut patterns: Vec<String> = Vec::new();
        let mut readings: Vec<Vec<Reading>> = Vec::new();
        let mut add = |label: &str, target: Target, case: Case, kind: Kind| {
            let folded = fold_label(label);
            if folded.is_empty() {
                return;
            }
            let lower = folded.to_ascii_lowercase();
            let id = *by_lower.entry(lower.clone()).or_insert_with(|| {
                patterns.push(lower);
                readings.push(Vec::new());
                patterns.len() - 1
            });
            if let Some(rs) = readings.get_mut(id) {
                // One reading per folded form and case class: the first entity wins.
                if !rs.iter().any(|r| r.folded == folded && r.case == case) {
                    rs.push(Reading {
                        folded,
                        target,
                        case,
                        kind,
                        years: Vec::new(),
                    });
                }
            }
        };
        for e in registry.iter() {
            let key = Target::Entity(e.key.clone());
            let mut names: Vec<&str> = vec![e.pref_label.as_str()];
            names.extend(e.alt_labels.iter().map(String::as_str));
            for a in &e.anaphoric_labels {
                add(a, key.clone(), Case::AnaphorExact, Kind::Anaphor);
            }
            for a in &e.acronyms {
                add(a, key.clone(), Case::Exact, Kind::Acronym);
            }
            for n in names {
                if e.anaphoric_labels.iter().any(|a| a == n) || e.acronyms.iter().any(|a| a == n) {
                    continue;
                }
                if is_all_caps(n) && !n.contains(' ') {
                    add(n, key.clone(), Case::Exact, Kind::Acronym);
                    continue;
                }
                add(n, key.clone(), Case::Insensitive, Kind::Name);
                let lower = n.to_ascii_lowercase();
                if !lower.starts_with("the ") {
                    add(
                        &format!("the {n}"),
                        key.clone(),
                        Case::Insensitive,
                        Kind::Name,
                    );
                }
            }
            let is_body = e.classes.iter().any(|c| c == "Body" || c == "Organization");
            if is_body {
                let mut labels: Vec<&str> = vec![e.pref_label.as_str()];
                labels.extend(e.alt_labels.iter().map(String::as_str));
                for l in labels {
                    if l.to_ascii_lowercase().starts_with("the ") {
                        continue;
                    }
                    for b in BODY_BLOCKERS.iter().chain(ORG_BLOCKERS) {
                        add(
                            &b.replace("{}", l),
                            Target::Block,
                            Case::Insensitive,
                            Kind::Name,
                        );
                    }
                }
            }
        }
        for b in BLOCKERS {
            add(b, Target::Block, Case::Insensitive, Kind::Name);
        }
        for e in registry.iter() {
            let document = e.classes.iter().any(|c| {
                matches!(
                    c.as_str(),
                    "Instrument" | "Report" | "Treaty" | "Protocol" | "Fund"
                )
            });
            if !document {
                continue;
            }
            for n in plain_names(e) {
                if !n.starts_with(|c: char| c.is_lowercase()) {
                    continue;
                }
                let f = fold_label(n);
                let cut = [" of ", " on ", " for ", " against ", " to ", " in ", ","]
                    .iter()
                    .filter_map(|s| f.find(s))
                    .min()
                    .unwrap_or(f.len());
                let head = f.get(..cut).unwrap_or("");
                if head.split(' ').count() >= 2 && head.len() < f.len() {
                    add(
                        &format!("the {head}"),
                        Target::Entity(e.key.clone()),
                        Case::Insensitive,
                        Kind::Description,
                    );
                }
            }
        }
        for (label, key) in derived_names(registry) {
            add(&label, Target::Entity(key), Case::Insensitive, Kind::Name);
        }
        let years: std::collections::HashMap<&str, Vec<String>> = registry
            .iter()
            .map(|e| (e.key.as_str(), label_years(e)))
            .filter(|(_, y)| !y.is_empty())
            .collect();
        for r in readings.iter_mut().flatten() {
            if let Target::Entity(k) = &r.target
                && let Some(y) = years.get(k.as_str())
            {
                r.years.clone_from(y);
            }
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(AcKind::Standard)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .ok();
        Self { ac, readings }
    }

    /// All mentions of registry entities in a folded text, longest first and without overlaps,
    /// in text order. Blocked phrases hide what they contain and are not returned.
    pub fn find(&self, view: &View) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let text = view.text.as_str();
        // (start, end, reading) candidates that pass the boundary and case checks.
        let mut cands: Vec<(usize, usize, &Reading)> = Vec::new();
        for m in ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            if view.before(s).is_some_and(is_word_char) {
                continue;
            }
            // "non-United Nations forces", "non-State actors": the name is negated away.
            if s >= 4
                && text
                    .get(s - 4..s)
                    .is_some_and(|w| w.eq_ignore_ascii_case("non-"))
            {
                continue;
            }
            let Some(slice) = text.get(s..e) else {
                continue;
            };
            let Some(rs) = self.readings.get(m.pattern().as_usize()) else {
                continue;
            };
            let Some(r) = rs.iter().find(|r| case_ok(r, slice)) else {
                continue;
            };
            if other_edition(text, s, &r.years) {
                continue;
            }
            let end = match view.at(e) {
                None => e,
                Some(c) if !is_word_char(c) => e,
                // A plural "s" (not for anaphoric labels: "the offices" is not "the Office").
                Some('s')
                    if r.kind != Kind::Anaphor && !view.at(e + 1).is_some_and(is_word_char) =>
                {
                    e + 1
                }
                Some(_) => continue,
            };
            cands.push((s, end, r));
        }
        cands.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
        let mut taken = vec![false; text.len()];
        let mut hits = Vec::new();
        for (s, e, r) in cands {
            if taken.get(s..e).is_none_or(|t| t.iter().any(|&x| x)) {
                continue;
            }
            for t in taken.get_mut(s..e).into_iter().flatten() {
                *t = true;
            }
            // A name followed by a capitalised word is the start of a longer name that is
            // not listed ("United Nations Conference on Housing …", "United Nations Global
            // Counter-Terrorism Strategy", "Human Rights Council Advisory Committee"): that
            // other entity is named, not this one.
            if r.kind != Kind::Acronym && continues_name(text, e) {
                continue;
            }
            if let Target::Entity(k) = &r.target {
                hits.push(Hit {
                    range: s..e,
                    key: k.clone(),
                    kind: r.kind,
                });
            }
        }
        hits.sort_by_key(|h| h.range.start);
        hits
    }
}

/// Words that may follow a name with a capital letter without making a longer name of it.
const NOT_NAME_WORDS: &[&str] = &[
    "A", "And", "As", "At", "By", "For", "From", "I", "II", "III", "In", "Member", "Members", "Of",
    "On", "Or", "The", "To", "With",
];

/// Whether the text right after a name at `end` goes on with a capitalised word (one space,
/// then an upper-case letter), which makes the name part of a longer one.
pub(crate) fn continues_name(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..).and_then(|r| r.strip_prefix(' ')) else {
        return false;
    };
    let word: &str = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()
        .unwrap_or("");
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase)
        && !NOT_NAME_WORDS.contains(&word)
}

fn case_ok(r: &Reading, slice: &str) -> bool {
    match r.case {
        Case::Insensitive => true,
        Case::Exact => slice == r.folded,
        Case::AnaphorExact => {
            let (a, b) = (slice.get(..4), r.folded.get(4..));
            matches!(a, Some("the " | "The ")) && slice.get(4..) == b
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    const TTL: &str = r#"
@prefix tip: <https://w3id.org/tipkg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix id: <https://w3id.org/tipkg/id/> .
id:un a tip:Organization ; skos:prefLabel "United Nations" ; skos:altLabel "UN" ; tip:acronym "UN" .
id:unodc a tip:Organization ; skos:prefLabel "United Nations Office on Drugs and Crime" ;
  skos:altLabel "UNODC", "the Office" ; tip:acronym "UNODC" ; tip:anaphoricLabel "the Office" .
id:who a tip:Organization ; skos:prefLabel "World Health Organization" ; skos:altLabel "WHO" .
id:ms a tip:Group ; skos:prefLabel "Member States" ; skos:altLabel "States Members of the United Nations" .
id:states a tip:Group ; skos:prefLabel "States" .
id:sg a tip:Office ; skos:prefLabel "Secretary-General" .
id:crc a tip:Treaty ; skos:prefLabel "Convention on the Rights of the Child" .
id:untoc a tip:Treaty ; skos:prefLabel "United Nations Convention against Transnational Organized Crime" ;
  tip:anaphoricLabel "the Convention" ; skos:altLabel "the Convention" .
id:pd a tip:Instrument ; skos:prefLabel "Political Declaration on the Protection of Widgets (2017)" ;
  skos:altLabel "2017 political declaration", "Political Declaration on the Protection of Widgets" .
id:pw a tip:Mechanism ; skos:prefLabel "Protection of Widgets" .
id:appr a tip:Mechanism ; skos:prefLabel "high-level appraisals of the Global Plan of Action" .
"#;

    fn reg() -> Registry {
        Registry::from_turtle("test", TTL).unwrap()
    }

    fn keys(text: &str) -> Vec<(String, String)> {
        let r = reg();
        let g = Gazetteer::new(&r);
        let v = View::new(text, Hyphens::Space);
        g.find(&v)
            .into_iter()
            .map(|h| {
                let o = v.original(h.range);
                (h.key, text[o].to_owned())
            })
            .collect()
    }

    fn k(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn acronyms_respect_case() {
        assert_eq!(keys("WHO and who"), k(&[("who", "WHO")]));
        assert_eq!(keys("un and UN"), k(&[("un", "UN")]));
    }

    #[test]
    fn no_match_inside_longer_word() {
        assert_eq!(keys("UNODC, UNOPS"), k(&[("unodc", "UNODC")]));
    }

    #[test]
    fn longest_name_wins() {
        assert_eq!(
            keys("the United Nations Office on Drugs and Crime"),
            k(&[("unodc", "the United Nations Office on Drugs and Crime")])
        );
        assert_eq!(
            keys("We, the States Members of the United Nations"),
            k(&[("ms", "the States Members of the United Nations")])
        );
    }

    #[test]
    fn line_breaks_hyphens_and_case() {
        assert_eq!(
            keys("the Secretary-\nGeneral"),
            k(&[("sg", "the Secretary-\nGeneral")])
        );
        assert_eq!(keys("member  states"), k(&[("ms", "member  states")]));
        assert_eq!(
            keys("at high level appraisals of the Global Plan of Action"),
            k(&[("appr", "high level appraisals of the Global Plan of Action")])
        );
    }

    #[test]
    fn plural_and_possessive() {
        assert_eq!(
            keys("Member States\u{2019} commitment"),
            k(&[("ms", "Member States")])
        );
        assert_eq!(keys("the Office's work"), k(&[("unodc", "the Office")]));
        assert_eq!(keys("the offices of"), k(&[]));
    }

    #[test]
    fn full_name_is_not_an_anaphor() {
        assert_eq!(
            keys("the Convention on the Rights of the Child"),
            k(&[("crc", "the Convention on the Rights of the Child")])
        );
    }

    #[test]
    fn another_year_makes_another_instrument() {
        let pd = || k(&[("pd", "Political Declaration on the Protection of Widgets")]);
        assert_eq!(
            keys("the 2017 Political Declaration on the Protection of Widgets"),
            pd()
        );
        assert_eq!(
            keys("a Political Declaration on the Protection of Widgets"),
            pd()
        );
        for other in ["2025", "new", "Second"] {
            assert_eq!(
                keys(&format!(
                    "the {other} Political Declaration on the Protection of Widgets"
                )),
                k(&[("pw", "the Protection of Widgets")]),
                "{other}"
            );
        }
        // An undated name is not concerned.
        assert_eq!(
            keys("the 2025 Protection of Widgets"),
            k(&[("pw", "Protection of Widgets")])
        );
    }

    #[test]
    fn blockers_hide_names() {
        assert_eq!(keys("United Nations, Treaty Series, vol. 2225"), k(&[]));
        assert_eq!(
            keys("United Nations publication, Sales No. E.19.IV.4."),
            k(&[])
        );
        assert_eq!(keys("See United Nations publication, 2024."), k(&[]));
        assert_eq!(keys("small island developing States"), k(&[]));
        assert_eq!(
            keys("Official Records of the World Health Organization"),
            k(&[])
        );
    }

    #[test]
    fn acronym_inside_a_symbol_is_not_a_mention() {
        assert_eq!(keys("A/UN/17/31 and UN/"), k(&[]));
    }

    #[test]
    fn derived_names() {
        let ttl = format!(
            "{TTL}\nid:rm a tip:Mechanism ; skos:prefLabel \"Mechanism for the Review of the Implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto\" .\n\
             id:plan a tip:Instrument ; skos:prefLabel \"Plan of Action of the World Health Organization\" ."
        );
        let r = Registry::from_turtle("t", &ttl).unwrap();
        let g = Gazetteer::new(&r);
        let found = |t: &str| -> Vec<String> {
            g.find(&View::new(t, Hyphens::Space))
                .into_iter()
                .map(|h| h.key)
                .collect()
        };
        assert_eq!(
            found(
                "a mechanism for the review of the implementation of the Convention and the Protocols thereto"
            ),
            ["rm"]
        );
        assert_eq!(found("the WHO\u{2019}s Plan of Action"), ["plan"]);
    }

    #[test]
    fn markdown_is_folded() {
        assert_eq!(
            keys("*the United Nations*"),
            k(&[("un", "the United Nations")])
        );
        let v = View::new("Resolution [64/293](#).", Hyphens::Keep);
        assert_eq!(v.text, "Resolution 64/293.");
    }
}
