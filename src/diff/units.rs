//! The units of a comparison: the numbered paragraphs of one document, with the numbers of the
//! gold rules, the text they are compared on and their words.
//!
//! A paragraph takes part when it bears a number (preambular `PP3`, operative `4bis`,
//! sub-paragraph `16(a)`). A resolution that adopts an annexed text numbers its own operative
//! paragraphs `res:1`, `res:2` … (a sole operative paragraph is printed without a number) and the
//! annex keeps its printed numbers. A sub-paragraph whose parent is in the document is aligned
//! inside that parent; one whose parent prints no text of its own (a draft's "5. a. …") stands
//! on its own.

use std::collections::HashMap;

use crate::model::{Extraction, ParagraphKind};

/// Which part of the document a unit belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Part {
    /// A preambular paragraph.
    Preamble,
    /// An operative or declaration paragraph (or sub-paragraph).
    Operative,
    /// An operative paragraph of a resolution that adopts an annexed text (`res:1`).
    Resolution,
}

/// One paragraph taking part in the comparison.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Unit {
    /// The number per the gold rules (`PP3`, `4bis`, `16(a)`, `res:1`).
    pub id: String,
    /// Index of the paragraph in its [`Extraction`].
    pub paragraph: usize,
    /// Its part.
    pub part: Part,
    /// Index (in the same unit list) of the parent when this is a sub-paragraph of a paragraph
    /// of the document.
    pub parent: Option<usize>,
    /// The text as compared: the paragraph text without negotiation status tags, white space
    /// runs as one space.
    pub text: String,
    /// Words the source breaks with a hyphen at a line end ("above-\nmentioned"), lower case,
    /// without the hyphen: whether the hyphen is the word's own cannot be told, so it is no
    /// change.
    pub broken: Vec<String>,
}

impl Unit {
    /// True for a sub-paragraph aligned inside its parent.
    pub fn is_child(&self) -> bool {
        self.parent.is_some()
    }
}

re!(
    STATUS_TAG,
    r"(?i)\s*[\[(]?\s*(?:agreed\s+)?\bad[\s.-]*ref(?:erendum)?\.?\s*(?:agreed\s*)?[\])]?\s*$"
);
re!(WORD, r"[\p{L}\p{N}]+");
re!(LINE_HYPHEN, r"(\p{L}+)-[ \t]*\r?\n[ \t]*(\p{L}+)");
re!(HYPHENATED, r"\p{L}+(?:-\p{L}+)+");
re!(ANNEX, r"(?i)^annex(?:es)?\b(?:\s+[IVX\d]+)?\s*$");
re!(SPEAKER_LINE, r"(?i)^the\s+[\p{L} ,.'-]{2,80}?,?\s*$");
re!(
    PLENARY,
    r"(?i)\bplenary\s+meeting\b|^\d+(?:st|nd|rd|th)\s+meeting\b"
);
re!(
    OPERATIVE_START,
    r"^(?:Also |Further |Again |Once again |Strongly |Firmly )?[A-Z][a-z]+s\b"
);
re!(SUB, r"^(.+)\(([a-z]{1,4})\)$");

/// Word interner shared by the two documents of a comparison.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Lexicon {
    ids: HashMap<String, u32>,
}

impl Lexicon {
    /// The id of a lower-cased word.
    pub fn id(&mut self, w: &str) -> u32 {
        let n = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        *self.ids.entry(w.to_owned()).or_insert(n)
    }

    /// How many distinct words.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no word was seen.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// The paragraph text as compared: status tags of negotiation drafts ("Ad ref", "[agreed ad
/// ref]") dropped from its end, white space runs as one space.
pub fn comparable(text: &str) -> String {
    let t = STATUS_TAG.replace(text, "");
    let mut out = String::with_capacity(t.len());
    for w in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The text of `text` compared for `same`: [`comparable`] plus the typographic variants that
/// are no change of text (quote styles, spaces before punctuation left by removed footnote
/// marks).
pub fn same_key(text: &str, broken: &[String]) -> String {
    let text = HYPHENATED.replace_all(text, |c: &regex::Captures<'_>| {
        let w = c[0].replace('-', "");
        if broken.contains(&w.to_lowercase()) {
            w
        } else {
            c[0].to_owned()
        }
    });
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' => '"',
            '\u{a0}' => ' ',
            _ => c,
        };
        if matches!(c, ',' | ';' | '.' | ':' | ')') && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out
}

/// The lower-cased words of a text.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    WORD.find_iter(text).map(|m| m.as_str().to_lowercase())
}

/// What the numbering of units needs of one paragraph of a document.
#[derive(Debug, Clone)]
pub struct Para<'a> {
    /// The printed number, if any.
    pub number: Option<&'a str>,
    /// Its role.
    pub kind: ParagraphKind,
    /// Its normalised text.
    pub text: &'a str,
    /// Words broken with a hyphen at a line end in its source (see [`Unit::broken`]).
    pub broken: Vec<String>,
}

/// The units of one document, in document order.
pub fn units(x: &Extraction) -> Vec<Unit> {
    let paras: Vec<Para<'_>> = x
        .segmented
        .paragraphs
        .iter()
        .map(|p| Para {
            number: p.number.as_deref(),
            kind: p.kind,
            text: &p.text.text,
            broken: x
                .source
                .text
                .get(p.text.span())
                .map(|src| {
                    LINE_HYPHEN
                        .captures_iter(src)
                        .map(|c| format!("{}{}", &c[1], &c[2]).to_lowercase())
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    units_of(&paras)
}

/// The units of a document given as its paragraphs in order (the index of a paragraph in
/// `paras` is [`Unit::paragraph`]).
pub fn units_of(paras: &[Para<'_>]) -> Vec<Unit> {
    // A resolution adopting an annexed text: the annex heading followed by numbered paragraphs.
    let annex = paras
        .iter()
        .position(|p| p.number.is_none() && ANNEX.is_match(p.text.trim()));
    let annex = annex.filter(|&a| paras[a + 1..].iter().any(|p| p.number.is_some()));
    let mut out: Vec<Unit> = Vec::new();
    let mut res_n = 0usize;
    for (i, p) in paras.iter().enumerate() {
        let before_annex = annex.is_some_and(|a| i < a);
        let text = p.text.trim();
        let (id, part) = match (p.number, before_annex) {
            (Some(n), true) if p.kind != ParagraphKind::Preambular => {
                res_n = n.parse().unwrap_or(res_n + 1);
                (format!("res:{n}"), Part::Resolution)
            }
            (Some(n), _) => (
                n.to_owned(),
                if p.kind == ParagraphKind::Preambular {
                    Part::Preamble
                } else {
                    Part::Operative
                },
            ),
            (None, true)
                if p.kind == ParagraphKind::Unnumbered
                    && resolution_body(paras, i)
                    && OPERATIVE_START.is_match(text)
                    && !PLENARY.is_match(text)
                    && !SPEAKER_LINE.is_match(text) =>
            {
                res_n += 1;
                (format!("res:{res_n}"), Part::Resolution)
            }
            _ => continue,
        };
        out.push(Unit {
            id,
            paragraph: i,
            part,
            parent: None,
            text: comparable(p.text),
            broken: p.broken.clone(),
        });
    }
    // Parents: "16(a)" inside "16" when the document has a paragraph "16".
    let index: HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.clone(), i))
        .collect();
    for u in &mut out {
        if let Some(c) = SUB.captures(&u.id) {
            u.parent = index.get(&c[1]).copied();
        }
    }
    out
}

/// True when paragraph `i` comes after the speaker line of a resolution ("The General
/// Assembly,").
fn resolution_body(paras: &[Para<'_>], i: usize) -> bool {
    paras[..i].iter().any(|p| {
        let t = p.text.trim();
        t.len() < 80 && SPEAKER_LINE.is_match(t) && t.to_lowercase().contains("assembly")
            || t.to_lowercase().starts_with("the general assembly")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_tags_go() {
        assert_eq!(comparable("end this crime. Ad ref"), "end this crime.");
        assert_eq!(
            comparable("end this crime. [Agreed ad ref]"),
            "end this crime."
        );
        assert_eq!(comparable("the ad hoc  group"), "the ad hoc group");
    }

    #[test]
    fn same_ignores_quotes_and_mark_spaces() {
        assert_eq!(same_key("“a” b ,", &[]), same_key("\"a\" b,", &[]));
        assert_ne!(same_key("a;", &[]), same_key("a.", &[]));
        let broken = ["abovementioned".to_owned()];
        assert_eq!(
            same_key("the above-mentioned", &broken),
            "the abovementioned"
        );
        assert_eq!(same_key("a well-known", &broken), "a well-known");
    }
}
