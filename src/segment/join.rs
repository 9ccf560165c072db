//! Joining a paragraph's lines: a space between them, or a hyphen at a line break resolved by
//! the way the same word is written elsewhere in the document ("traf-|ficking" is joined,
//! "follow-|up" keeps its hyphen).

use super::normalize::{self, Line, Mark};

/// Joins lines into one, with hyphenation across line breaks resolved.
pub(super) fn join_lines(lines: &[Line], vocab: &Vocab<'_>) -> Line {
    let mut out = Line::default();
    for l in lines {
        push_line(&mut out, l, vocab);
    }
    out
}

/// The spellings of words in a document, to resolve a hyphen at a line break by the way the
/// same word is written elsewhere in it ("traf-|ficking" is joined when "trafficking" occurs,
/// "follow-|up" keeps its hyphen when "follow-up" occurs).
#[derive(Debug, Default)]
pub(super) struct Vocab<'a> {
    /// Lower-cased words, hyphenated compounds whole ("follow-up"); soft hyphens dropped. A
    /// word printed in lower case with plain hyphens is borrowed from the text.
    words: std::collections::HashSet<std::borrow::Cow<'a, str>>,
}

impl<'a> Vocab<'a> {
    /// Collects the words of a text in one pass. A hyphen counts as part of a word only between
    /// two letters on the same line, so a word broken at a line end is not taken as a spelling.
    pub(super) fn of(text: &'a str) -> Self {
        use std::borrow::Cow;
        let mut words = std::collections::HashSet::new();
        let mut cur = String::new();
        let mut pending_hyphen = false;
        // While the word is spelled in the text exactly as it is stored (lower-case ASCII
        // letters and plain hyphens), only its byte range is kept: `text[start..end]`.
        let mut start = 0;
        let mut end = 0;
        let mut verbatim = true;
        let mut take = |cur: &mut String, start: usize, end: usize, verbatim: bool| {
            if cur.is_empty() || cur.len() > 64 {
                cur.clear();
            } else if verbatim && let Some(w) = text.get(start..end) {
                words.insert(Cow::Borrowed(w));
                cur.clear();
            } else {
                words.insert(Cow::Owned(std::mem::take(cur)));
            }
        };
        for (at, c) in text.char_indices() {
            if c.is_alphabetic() {
                if cur.is_empty() {
                    start = at;
                    verbatim = true;
                }
                if pending_hyphen {
                    cur.push('-');
                    pending_hyphen = false;
                }
                if c.is_ascii_lowercase() {
                    cur.push(c);
                } else {
                    verbatim = false;
                    cur.extend(c.to_lowercase());
                }
                end = at + c.len_utf8();
            } else if c == '\u{ad}' {
                // Invisible: the word goes on.
                if !cur.is_empty() {
                    verbatim = false;
                }
            } else if (c == '-' || c == '\u{2010}' || c == '\u{2011}')
                && !cur.is_empty()
                && !pending_hyphen
            {
                pending_hyphen = true;
                if c != '-' {
                    verbatim = false;
                }
            } else {
                take(&mut cur, start, end, verbatim);
                pending_hyphen = false;
            }
        }
        take(&mut cur, start, end, verbatim);
        Self { words }
    }

    /// What the document's own spellings say about `left-` + `right` at a line break: joined
    /// (`Some(false)`), hyphenated (`Some(true)`), or nothing either way (`None`).
    fn keeps_hyphen(&self, left: &str, right: &str) -> Option<bool> {
        if left.is_empty() || right.is_empty() {
            return None;
        }
        let joined = self.words.contains(format!("{left}{right}").as_str());
        let hyphenated = self.words.contains(format!("{left}-{right}").as_str());
        match (joined, hyphenated) {
            (true, false) => Some(false),
            (false, true) => Some(true),
            _ => None,
        }
    }
}

/// Left parts of words that keep their hyphen at a line break ("sixty-", "high-", "follow-").
const HYPHEN_LEFT: &[&str] = &[
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "high",
    "low",
    "follow",
    "non",
    "self",
    "well",
    "long",
    "short",
    "cross",
    "co",
    "anti",
    "post",
    "pre",
    "ex",
    "all",
    "age",
    "gender",
    "health",
    "capacity",
    "decision",
    "know",
    "money",
    "trauma",
    "victim",
    "child",
    "sub",
    "multi",
    "inter",
    "intra",
    "mid",
    "semi",
    "counter",
    "socio",
    "cyber",
    "re",
    "ill",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "one",
    "two",
    "three",
    "four",
    "five",
    "mine",
    "law",
    "policy",
    "rights",
    "human",
    "evidence",
    "community",
    "survivor",
    "data",
    "gender",
    "peace",
    "state",
    "government",
    "region",
    "country",
    "faith",
    "top",
    "small",
    "medium",
    "large",
    "full",
    "part",
    "time",
    "year",
    "member",
    "in",
    "on",
    "off",
    "up",
    "down",
    "public",
    "private",
    "civil",
    "labour",
    "labor",
    "sex",
    "fact",
    "task",
];
/// Right parts of words that keep their hyphen at a line break ("-level", "-up", "-eighth").
const HYPHEN_RIGHT: &[&str] = &[
    "level",
    "up",
    "based",
    "making",
    "building",
    "term",
    "sensitive",
    "centred",
    "centered",
    "informed",
    "related",
    "oriented",
    "specific",
    "led",
    "owned",
    "driven",
    "free",
    "wide",
    "scale",
    "governmental",
    "discrimination",
    "laundering",
    "on",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "care",
    "agency",
    "friendly",
    "appropriate",
    "responsive",
    "making",
    "stakeholder",
    "regional",
    "party",
    "parties",
    "sharing",
    "finding",
    "setting",
    "keeping",
    "related",
    "bound",
    "holders",
    "holder",
    "border",
    "national",
    "punishment",
    "refoulement",
    "state",
    "states",
    "violence",
    "inclusive",
    "focused",
    "specific",
];

/// Appends a line to a paragraph line, joining with a space or resolving a line-final hyphen.
pub(super) fn push_line(out: &mut Line, l: &Line, vocab: &Vocab<'_>) {
    if l.text.is_empty() {
        let at = out.text.len();
        out.marks.extend(l.marks.iter().map(|m| Mark {
            mark: m.mark.clone(),
            at,
        }));
        return;
    }
    if out.text.is_empty() && out.marks.is_empty() {
        *out = l.clone();
        return;
    }
    // A soft hyphen at the end of the previous line: the word goes on without a hyphen.
    if out.soft_hyphen_end && l.text.text.chars().next().is_some_and(char::is_alphabetic) {
        let base = out.text.len();
        normalize::append(&mut out.text, &l.text);
        out.marks.extend(l.marks.iter().map(|m| Mark {
            mark: m.mark.clone(),
            at: base + m.at,
        }));
        out.soft_hyphen_end = l.soft_hyphen_end;
        return;
    }
    out.soft_hyphen_end = l.soft_hyphen_end;
    // "seventy -" at a line end: the PDF put a space before the hyphen.
    if out.text.text.ends_with(" -")
        && out.text.text[..out.text.len() - 2]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
        && l.text.text.chars().next().is_some_and(char::is_lowercase)
    {
        let n = out.text.len();
        let mut t = out.text.slice(0..n - 2);
        normalize::append(&mut t, &out.text.slice(n - 1..n));
        out.text = t;
    }
    let prev = out.text.text.as_str();
    let first_word: String = l
        .text
        .text
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let hyphen_join = prev.ends_with('-')
        && prev[..prev.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
        && first_word.chars().next().is_some_and(char::is_lowercase)
        && out.marks.last().is_none_or(|m| m.at < out.text.len());
    let base;
    if hyphen_join {
        let left: String = prev[..prev.len() - 1]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let fw = first_word.to_lowercase();
        let lw = left.to_lowercase();
        let keep_with_space = matches!(fw.as_str(), "and" | "or" | "to");
        let keep = keep_with_space
            || vocab.keeps_hyphen(&lw, &fw).unwrap_or_else(|| {
                HYPHEN_LEFT.contains(&lw.as_str()) || HYPHEN_RIGHT.contains(&fw.as_str())
            });
        if keep_with_space {
            let e = out.text.span().end;
            out.text.push_mapped(" ", e..l.text.span().start.max(e));
        } else if !keep {
            out.text = out.text.slice(0..out.text.len() - 1);
        }
        base = out.text.len();
    } else {
        // An empty paragraph so far (a number, a footnote mark) has no end: the joining space
        // stands at the start of the line, not at byte 0 (found by fuzzing).
        let e = if out.text.is_empty() {
            l.text.span().start
        } else {
            out.text.span().end
        };
        out.text.push_mapped(" ", e..l.text.span().start.max(e));
        base = out.text.len();
    }
    normalize::append(&mut out.text, &l.text);
    out.marks.extend(l.marks.iter().map(|m| Mark {
        mark: m.mark.clone(),
        at: base + m.at,
    }));
}
