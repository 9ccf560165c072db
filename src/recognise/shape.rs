//! Shapes: named things outside the registry, found by the form of their names, for the
//! recognise stage.
//!
//! - Instruments: a capitalised name around a head noun — "the Declaration on the Elimination
//!   of Violence against Women", "the Bali Declaration", "the Worst Forms of Child Labour
//!   Convention, 1999 (No. 182)", "the Beijing Platform for Action", "Guidelines on the
//!   Alternative Care of Children".
//! - Bodies and meetings likewise — "the Commission on the Status of Women", "the World Summit
//!   for Social Development", "the Fourth World Conference on Women".
//! - Persons marked as persons by an honorific — "H.E. Mr. Marc Pecsteen de Buytsverve",
//!   "Her Excellency Ms. …", "Ambassador …" (a bare surname after "Ambassador" only links to a
//!   person named in full earlier in the document).
//!
//! Precision first: a head noun alone ("the Convention"), a generic modifier alone ("the
//! Political Declaration", "the Regional Conference") or a lower-case phrase ("a plan of
//! action") is no name. Pre-modifiers must be capitalised non-participles; a complement starts
//! with a preposition and runs over capitalised words and connectors only, and never over
//! "and the", so two coordinated names stay two. Every pattern is compiled once; each text is
//! scanned once per pattern (linear time, the `regex` crate guarantees it).
//!
//! The recognise stage drops every shape that overlaps a registry match (the registry knows
//! better), mints the key from the name ([`slug`]) so that the same name gives the same IRI in
//! every document, and records the entity as a [`crate::model::NewEntity`].

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A capitalised word (letters, apostrophes; "McLeod", "UNICEF", "José").
const CAP: &str = r"\p{Lu}[\p{L}']*";
/// Connectors inside a complement.
/// Connectors inside a complement ("and" only alone, right before a capitalised word, so that
/// "X and the Y" stays two names).
const CONN: &str = r"(?: and| (?:of|on|for|against|to|in|the|with|from|by|concerning|relating|between|its|their|de|des|du|la|le|et)(?: (?:of|on|for|against|to|in|the|with|from|by|its|their)){0,2})";

/// Head nouns and the class each gives.
const HEADS: &[(&str, &str)] = &[
    ("Optional Protocol", "Protocol"),
    ("Protocol", "Protocol"),
    ("Convention", "Treaty"),
    ("Covenant", "Treaty"),
    ("Charter", "Treaty"),
    ("Treaty", "Treaty"),
    ("Agreement", "Treaty"),
    ("Statute", "Treaty"),
    ("Declaration", "Instrument"),
    ("Plan of Action", "Instrument"),
    ("Programme of Action", "Instrument"),
    ("Platform for Action", "Instrument"),
    ("Principles", "Instrument"),
    ("Guidelines", "Instrument"),
    ("Strategy", "Instrument"),
    ("Compact", "Instrument"),
    ("Framework", "Instrument"),
    ("Rules", "Instrument"),
    ("Agenda", "Instrument"),
    ("Commission", "Body"),
    ("Committee", "Body"),
    ("Council", "Body"),
    ("Working Group", "Body"),
    ("Task Force", "Body"),
    ("Court", "Body"),
    ("Tribunal", "Body"),
    ("Conference", "Meeting"),
    ("Summit", "Meeting"),
    ("Congress", "Meeting"),
    ("Forum", "Meeting"),
];

/// Capitalised modifiers that do not make a name of a head noun on their own.
const GENERIC: &[&str] = &[
    "Political",
    "Ministerial",
    "Final",
    "Joint",
    "Optional",
    "Additional",
    "Regional",
    "Subregional",
    "International",
    "Global",
    "National",
    "New",
    "Revised",
    "Draft",
    "Zero",
    "Present",
    "Said",
    "Relevant",
    "Such",
    "This",
    "That",
    "These",
    "Those",
    "Each",
    "Every",
    "All",
    "Any",
    "Our",
    "Its",
    "Their",
    "Other",
    "Further",
    "Also",
    "Both",
    "The",
    "A",
    "An",
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "High",
    "Level",
    "Annual",
    "Special",
    "General",
    "World",
    "Member",
    "Main",
    "Plenary",
    "Preparatory",
    "Intergovernmental",
    "Standing",
    "Executive",
    "Steering",
    "Advisory",
    "States",
    "United",
    "Nations",
];

/// Instrument, body and meeting names: (pre-modifiers)(head)(complement)(year, number).
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    let heads: Vec<String> = HEADS.iter().map(|(h, _)| regex::escape(h)).collect();
    crate::compile_regex(&format!(
        r"\b(?P<pre>(?:{CAP} (?:of (?:the )?)?)*)(?P<head>(?:{heads}))\b(?P<comp>{CONN} {CAP}(?:{CONN}? {CAP})*)?(?P<suf>,? \d{{4}}(?: \(No\. ?\d+\))?| \(No\. ?\d+\))?",
        heads = heads.join("|")
    ))
});

/// A person after an honorific.
static PERSON: LazyLock<Regex> = LazyLock::new(|| {
    crate::compile_regex(&format!(
        r"\b(?P<hon>(?:H\. ?E\. ?|His Excellency |Her Excellency )?(?:(?:Mr|Ms|Mrs|Dr|Prof)\.? |Madam |Sir |Dame )|H\. ?E\. |(?:His|Her) Excellency |Ambassador )(?P<name>{CAP}(?: (?:{CAP}|\p{{Lu}}\.|de|da|del|della|van|von|der|bin|ibn|al|el|le|la|dos|do)){{0,6}})"
    ))
});

/// Words that end a person's name (roles and titles that follow it on the same line).
const ROLE_WORDS: &[&str] = &[
    "Permanent",
    "Representative",
    "Ambassador",
    "President",
    "Vice",
    "Minister",
    "Chair",
    "Chairperson",
    "Secretary",
    "Director",
    "Deputy",
    "Head",
    "Executive",
    "Special",
    "Under",
    "Co",
    "Facilitator",
    "Global",
    "United",
    "Nations",
    "The",
    "To",
    "From",
    "New",
    "York",
    "Excellency",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
];

/// A name found by its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shaped {
    /// Byte range of the name in the searched text (a leading "the" included).
    pub range: Range<usize>,
    /// The name itself (no article, no honorific).
    pub name: Range<usize>,
    /// Class in the tipkg vocabulary.
    pub class: &'static str,
    /// The last word of the head noun, lower-cased ("convention", "group"), for anaphors.
    pub head: String,
}

fn class_of(head: &str) -> &'static str {
    HEADS
        .iter()
        .find(|(h, _)| *h == head)
        .map_or("Entity", |(_, c)| c)
}

/// Instrument, body and meeting names in a (folded) text.
pub fn names(text: &str) -> Vec<Shaped> {
    let mut out = Vec::new();
    for c in NAMED.captures_iter(text) {
        let (Some(all), Some(head)) = (c.get(0), c.name("head")) else {
            continue;
        };
        let pre = c.name("pre").map_or("", |m| m.as_str());
        let comp = c.name("comp").map_or("", |m| m.as_str());
        let suf = c.name("suf").map_or("", |m| m.as_str());
        // Drop leading modifiers that cannot start a name (participles, articles, other head
        // nouns); "of" inside modifiers only in the "…, 1999 (No. 182)" form.
        let year = !suf.is_empty();
        let mut start = all.start();
        let mut words: Vec<&str> = Vec::new();
        let mut pos = all.start();
        for w in pre.split_inclusive(' ') {
            let word = w.trim_end();
            // A participle opens a clause ("Recalling …"), unless an article precedes it ("the
            // Beijing Declaration").
            let after_the = words.is_empty()
                && text
                    .get(..pos)
                    .is_some_and(|b| b.ends_with("the ") || b.ends_with("The "));
            let bad = (word.ends_with("ing") && !after_the)
                || HEADS.iter().any(|(h, _)| h.split(' ').next() == Some(word))
                || (!year && (word == "of" || word == "the"))
                || matches!(
                    word,
                    "The" | "A" | "An" | "This" | "That" | "These" | "Its" | "Our" | "Their"
                );
            if bad {
                start = pos + w.len();
                words.clear();
            } else {
                words.push(word);
            }
            pos += w.len();
        }
        // Modifiers must end on a capitalised word ("Forms of Child Labour", not "of the").
        while words
            .first()
            .is_some_and(|w| ["of", "and", "the"].contains(w))
        {
            if let Some(w) = words.first() {
                start += w.len() + 1;
            }
            words.remove(0);
        }
        let caps: Vec<&&str> = words
            .iter()
            .filter(|w| w.starts_with(char::is_uppercase))
            .collect();
        let specific_pre = caps.iter().any(|w| !GENERIC.contains(w));
        let comp_caps = comp
            .split(' ')
            .filter(|w| w.starts_with(char::is_uppercase))
            .count();
        // A head with an "of"-complement alone ("Conference of the Parties") is a description;
        // a complement names only if it starts with a preposition of subject ("on", "for",
        // "against", "to", "relating", "concerning") or holds two capitalised words.
        let comp_ok = comp_caps >= 1
            && (comp_caps >= 2
                || [" on ", " for ", " against ", " relating ", " concerning "]
                    .iter()
                    .any(|p| comp.starts_with(p)));
        if !(specific_pre || comp_ok || (year && !caps.is_empty())) {
            continue;
        }
        // A year or number belongs to a treaty's name only ("Forced Labour Convention, 1930
        // (No. 29)"), not to a body's ("… Council, 2014, Supplement No. 10").
        let class = class_of(head.as_str());
        let end = match c.name("suf") {
            Some(m) if !matches!(class, "Treaty" | "Protocol") => m.start(),
            _ => all.end(),
        };
        // An indefinite article makes it generic ("a Main Committee"); a capitalised word and
        // "and" before it mean the name began earlier ("Economic and Social Council").
        let before = text.get(..start).unwrap_or("");
        let word_before = before.trim_end().rsplit(' ').next().unwrap_or("");
        if matches!(word_before, "a" | "an" | "A" | "An")
            || before
                .strip_suffix(" and ")
                .and_then(|b| b.rsplit(' ').next())
                .is_some_and(|w| w.starts_with(char::is_uppercase))
        {
            continue;
        }
        let the = text
            .get(..start)
            .is_some_and(|b| b.ends_with("the ") || b.ends_with("The "));
        let range_start = if the { start - 4 } else { start };
        out.push(Shaped {
            range: range_start..end,
            name: start..end,
            class,
            head: head
                .as_str()
                .rsplit(' ')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase(),
        });
    }
    out
}

/// Persons named after an honorific, with the name's range.
pub fn persons(text: &str) -> Vec<Shaped> {
    let mut out = Vec::new();
    for c in PERSON.captures_iter(text) {
        let (Some(all), Some(name)) = (c.get(0), c.name("name")) else {
            continue;
        };
        // Cut the name at the first role word ("… Buytsverve Permanent Representative").
        let mut end = name.start();
        let mut pos = name.start();
        for w in name.as_str().split(' ') {
            if ROLE_WORDS.contains(&w.trim_end_matches('.')) {
                break;
            }
            end = pos + w.len();
            pos += w.len() + 1;
        }
        // Trailing particles and initials do not end a name.
        let mut s = text.get(name.start()..end).unwrap_or("").to_owned();
        while let Some(p) = s.rfind(' ') {
            let last = s.get(p + 1..).unwrap_or("");
            if last.starts_with(char::is_uppercase) && !last.ends_with('.') {
                break;
            }
            s.truncate(p);
        }
        if s.is_empty() || !s.starts_with(char::is_uppercase) || s.ends_with('.') {
            continue;
        }
        let end = name.start() + s.len();
        out.push(Shaped {
            range: all.start()..end,
            name: name.start()..end,
            class: "Person",
            head: String::new(),
        });
    }
    out
}

/// Whether a person match is a bare surname after "Ambassador" (it only links back).
pub fn is_bare_surname(text: &str, s: &Shaped) -> bool {
    let name = text.get(s.name.clone()).unwrap_or("");
    !name.contains(' ')
}

/// The stable key of a name: lower-case ASCII letters and digits joined by hyphens (accents
/// folded for the common Latin letters).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => {
                'a'
            }
            'ç' | 'Ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ñ' | 'Ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => {
                'o'
            }
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if c != '\'' && !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn found(t: &str) -> Vec<(String, &'static str)> {
        names(t)
            .into_iter()
            .map(|s| (t[s.name].to_owned(), s.class))
            .collect()
    }

    fn people(t: &str) -> Vec<String> {
        persons(t)
            .into_iter()
            .map(|s| t[s.name].to_owned())
            .collect()
    }

    #[test]
    fn instruments_by_shape() {
        assert_eq!(
            found("Recalling the Declaration on the Elimination of Violence against Women,"),
            [(
                "Declaration on the Elimination of Violence against Women".to_owned(),
                "Instrument"
            )]
        );
        assert_eq!(
            found("the Worst Forms of Child Labour Convention, 1999 (No. 182), and"),
            [(
                "Worst Forms of Child Labour Convention, 1999 (No. 182)".to_owned(),
                "Treaty"
            )]
        );
        assert_eq!(
            found("the Bali Declaration and the Beijing Platform for Action"),
            [
                ("Bali Declaration".to_owned(), "Instrument"),
                ("Beijing Platform for Action".to_owned(), "Instrument")
            ]
        );
        assert_eq!(
            found("Guidelines on the Alternative Care of Children"),
            [(
                "Guidelines on the Alternative Care of Children".to_owned(),
                "Instrument"
            )]
        );
    }

    #[test]
    fn bodies_and_meetings_by_shape() {
        assert_eq!(
            found(
                "the Commission on the Status of Women and the World Summit for Social Development"
            ),
            [
                ("Commission on the Status of Women".to_owned(), "Body"),
                ("World Summit for Social Development".to_owned(), "Meeting")
            ]
        );
    }

    #[test]
    fn generic_phrases_are_no_names() {
        assert!(found("the Convention and the Protocol").is_empty());
        assert!(found("a plan of action and the Political Declaration").is_empty());
        assert!(found("Welcoming the Declaration, the Regional Conference").is_empty());
        assert!(found("the Conference of the Parties").is_empty());
        assert!(found("Recalling Declaration").is_empty());
    }

    #[test]
    fn persons_after_honorifics() {
        assert_eq!(
            people("H.E. Mr. Marc Pecsteen de Buytsverve Permanent Representative of Belgium"),
            ["Marc Pecsteen de Buytsverve"]
        );
        assert_eq!(
            people("from Her Excellency Ms. Alya Ahmed Saif Al Thani, Permanent"),
            ["Alya Ahmed Saif Al Thani"]
        );
        assert_eq!(
            people("To: H.E. Peter Thomson President"),
            ["Peter Thomson"]
        );
        assert_eq!(people("to Ambassador Conde and"), ["Conde"]);
        assert!(people("Mr. President, the Ambassador of").is_empty());
    }

    #[test]
    fn slugs_are_stable() {
        assert_eq!(
            slug("Worst Forms of Child Labour Convention, 1999 (No. 182)"),
            "worst-forms-of-child-labour-convention-1999-no-182"
        );
        assert_eq!(
            slug("José Alfonso Blanco Conde"),
            "jose-alfonso-blanco-conde"
        );
    }
}
