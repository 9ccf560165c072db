//! Citations, for the recognise stage: resolution numbers, document symbols and United Nations
//! Treaty Series references in a folded text ([`View`]), normalised to one symbol each.
//!
//! - General Assembly resolutions in every printed form ("resolution 64/293", "its resolutions
//!   59/156 of 20 December 2004, entitled "…", and 73/189", "Resolution 217 A (III)") become
//!   `A/RES/64/293`, `A/RES/217(III)`; the body named before "resolution(s)" decides the
//!   series: Human Rights Council `A/HRC/RES/…`, Economic and Social Council `E/RES/…`, Security
//!   Council `S/RES/…`, the Commission on Crime Prevention and Criminal Justice `CCPCJ 23/2`, the
//!   Conference of the Parties `CTOC/COP 5/2`, the World Health Assembly `WHA 63.22`; a bare
//!   "Council resolutions" takes the council last named in full before it.
//! - Document symbols (`A/HRC/17/31`, `A/73/12`, `E/2014/30`, `CEDAW/C/GC/38`) as printed.
//! - Treaty Series references ("United Nations, Treaty Series, vol. 2225, No. 39574",
//!   "Ibid., vols. 2171 and 2173, No. 27531", "Ibid., vol. 2237") become `UNTS 2225 39574`; a
//!   volume without a number takes the number of the previous reference.

use std::ops::Range;

use crate::recognise::gazetteer::View;

re!(TRIGGER, r"(?i)\b(resolution|decision)s?\s*");
re!(
    NUMBER,
    r"^(?:(\d{1,4})\s?([A-Z])?\s?\(([IVXLC]+)\)|(\d{1,4})/(\d{1,3})\b|(\d{1,3})\.(\d{1,3})\b|(\d{3,4})\s?\((\d{4})\)|(E?S-\d{1,2})/(\d{1,3})\b)"
);
// What may stand between two numbers of a list: a date, a title, an annex, footnote marks, the
// part pointed at ("in particular paragraph 12", "paragraphs 15 to 17").
re!(
    AFTER,
    r#"^(?:\s*\(\d{4}\)|\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\d{0,2}|\s*,?\s*entitled\s*"[^"]{0,400}"|\s*,\s*annex(?:es)?\b|\s*,?\s*(?:[A-Z]\s*)?\(\w{1,8}\)|\s*,\s*(?:in\s+particular|including|especially)\s+(?:paragraphs?|sections?|articles?)\s+\d{1,3}(?:\s*(?:to|–|-)\s*\d{1,3})?)*"#
);
// A session/number pair whose number is too long for a resolution: a footnote mark glued on.
re!(GLUED, r"^(\d{1,4})/(\d{4,6})\b");
re!(
    SEPARATOR,
    r"^(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s*,?\s*as well as\s+)"
);
re!(
    SYMBOL,
    r"\b[A-Z][A-Z0-9]{0,7}(?:\.\d+)?(?:/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)+"
);
re!(
    UNTS,
    r"\bvols?\.\s*(\d{1,5}(?:\s*(?:,|and|&)\s*\d{1,5})*)(?:\s*,\s*Nos?\.\s*(\d{1,6}(?:\s*(?:–|-|to)\s*\d{1,6})?(?:\s*(?:,|and|&)\s*\d{1,6})*))?"
);
re!(DIGITS, r"\d+");
// A session/number pair with its date: a resolution, even where no "resolution" precedes it.
re!(
    DATED,
    r"\b(\d{2,3}/\d{1,3}) of \d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
);

/// State carried from one text of a document to the next.
#[derive(Debug, Clone, Default)]
pub struct CiteState {
    /// Number of the last Treaty Series reference (for "Ibid., vol. 2237").
    last_unts_no: Option<String>,
    /// The series of the body speaking (the chapeau "The Commission on …,"): "its own
    /// resolutions" are that body's.
    speaker: Option<&'static str>,
    /// The document's footnote marks, for a mark printed glued to a resolution number
    /// ("resolution 78/2307" with footnote 7).
    marks: Vec<String>,
}

impl CiteState {
    /// Sets the body speaking, by its name ("Commission on Crime Prevention and Criminal
    /// Justice"); a name of no known resolution series leaves the speaker unknown.
    pub fn set_speaker(&mut self, name: &str) {
        self.speaker = body_series(name);
    }

    /// Sets the document's footnote marks (`1`, `12`).
    pub fn set_marks(&mut self, marks: Vec<String>) {
        self.marks = marks;
    }

    /// Splits "2307" into the resolution number "230" and a footnote mark "7" of the document;
    /// the longest number (at most three digits) whose remainder is a mark wins.
    fn split_mark<'t>(&self, digits: &'t str) -> Option<&'t str> {
        (1..=3.min(digits.len().saturating_sub(1)))
            .rev()
            .filter_map(|k| Some((digits.get(..k)?, digits.get(k..)?)))
            .find(|(_, mark)| !mark.starts_with('0') && self.marks.iter().any(|m| m == mark))
            .map(|(n, _)| n)
    }
}

/// Names of the bodies whose resolutions have a series of their own, lower-cased.
const BODIES: &[(&str, &str)] = &[
    ("world health assembly", "WHA"),
    ("human rights council", "HRC"),
    ("economic and social council", "ECOSOC"),
    ("security council", "SC"),
    (
        "commission on crime prevention and criminal justice",
        "CCPCJ",
    ),
    ("conference of the parties", "COP"),
    ("general assembly", "GA"),
];

/// The series of a body, by its full name.
fn body_series(name: &str) -> Option<&'static str> {
    let n = name.trim().to_ascii_lowercase();
    let n = n.strip_prefix("the ").unwrap_or(&n);
    BODIES.iter().find(|(b, _)| *b == n).map(|(_, s)| *s)
}

/// A citation found in a folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the folded text.
    pub range: Range<usize>,
    /// The normalised symbol.
    pub symbol: String,
}

// "… resolutions, including" / "… resolutions, in particular" right before a trigger.
re!(
    PART_OF_LIST,
    r"(?i)\b(?:resolutions|decisions)\s*,?\s*(?:including|in\s+particular|notably|especially)\s*$"
);
// The end of another body's name right before "resolution(s)" (its resolutions have no
// General Assembly symbol): "Commission on Narcotic Drugs resolution 65/2", "Commission on
// the Status of Women resolutions 49/7", "Commission on Human Rights resolution 2005/74",
// "the Conference of the States Parties to the United Nations Convention against Corruption
// resolution 8/12", "United Nations Environment Assembly resolution 5/14", a bare
// "Commission resolution" or "Conference resolutions".
re!(
    OTHER_BODY,
    r"(?:\b(?:Commission|Conference|Committee|Board|Programme|Fund|Organization)|\b(?:on|for|against)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:(?:and|of|the|for|on)\s+)*[A-Z][\w-]*)*|\b(?:Environment|Habitat|Health)\s+Assembly)\s*$"
);

/// Whether the words before a trigger end with the name of a body whose resolutions are not
/// the General Assembly's nor of one of [`BODIES`].
fn other_body(before: &str) -> bool {
    let b = before.trim_end();
    let tail = b.get(b.len().saturating_sub(160)..).unwrap_or(b);
    let lower = tail.to_ascii_lowercase();
    let known = BODIES.iter().any(|(n, _)| lower.ends_with(n))
        || lower.ends_with("commission on crime prevention and criminal justice")
        || lower.ends_with("against transnational organized crime")
            && lower.contains("conference of the parties");
    !known && OTHER_BODY.is_match(tail)
}

/// The series of the resolutions a trigger introduces, from the words before it.
fn series(before: &str, speaker: Option<&'static str>) -> &'static str {
    // "all relevant Human Rights Council resolutions, including resolutions 23/9 …": the
    // series of the resolutions the list is part of.
    if let Some(m) = PART_OF_LIST.find(before) {
        return series(before.get(..m.start()).unwrap_or(""), speaker);
    }
    if other_body(before) {
        // A bare "Commission resolution" in the Commission's own text is its own.
        let bare = before.trim_end().ends_with("Commission")
            && !OTHER_BODY
                .find(before.trim_end())
                .is_some_and(|m| m.as_str().trim_start().starts_with("on"));
        return if bare && speaker == Some("CCPCJ") {
            "CCPCJ"
        } else {
            "OTHER"
        };
    }
    let b = before.trim_end().to_ascii_lowercase();
    let tail = b.get(b.len().saturating_sub(160)..).unwrap_or(&b);
    let ends = |s: &str| tail.ends_with(s);
    if ends("commission on crime prevention and criminal justice") || ends("ccpcj") {
        return "CCPCJ";
    }
    if ends("human rights council") || ends("hrc") {
        return "HRC";
    }
    if ends("economic and social council") || ends("ecosoc") {
        return "ECOSOC";
    }
    if ends("security council") {
        return "SC";
    }
    if ends("world health assembly") || ends("wha") {
        return "WHA";
    }
    if ends("conference of the parties") {
        return "COP";
    }
    if ends("against transnational organized crime") && tail.contains("conference of the parties") {
        return "COP";
    }
    if ends("general assembly") {
        return "GA";
    }
    if ends(" council") || b == "council" {
        // "Council resolutions 44/4 …": the council last named in full before.
        let councils = [
            ("human rights council", "HRC"),
            ("economic and social council", "ECOSOC"),
            ("security council", "SC"),
        ];
        if let Some((_, s)) = councils
            .iter()
            .filter_map(|(n, s)| b.rfind(n).map(|p| (p, *s)))
            .max_by_key(|(p, _)| *p)
        {
            return s;
        }
    }
    if ends(" its own") || b == "its own" {
        // "as well as its own resolutions": the speaker's, whatever was named before.
        if let Some(s) = speaker {
            return s;
        }
    }
    if ends(" its") || b == "its" || ends(" its own") || b == "its own" {
        // "its resolution": the body last named in the clause before, else the speaker.
        let clause = tail.rsplit([';', '.']).next().unwrap_or(tail);
        let mut best: Option<(usize, &'static str)> = None;
        for &(name, s) in BODIES {
            if let Some(p) = clause.rfind(name)
                && best.is_none_or(|(q, _)| p > q)
            {
                best = Some((p, s));
            }
        }
        if let Some((_, s)) = best {
            return s;
        }
        if let Some(s) = speaker {
            return s;
        }
    }
    "GA"
}

/// The symbol of a resolution (or, with `decision`, a decision) of `series` printed as the
/// number `c` captured, if it has one.
fn normalise(series: &str, decision: bool, c: &regex::Captures<'_>) -> Option<String> {
    let g = |i: usize| c.get(i).map(|m| m.as_str());
    if decision {
        // Decisions: "decision 74/568" of the General Assembly (from its 31st session on),
        // of the Economic and Social Council ("decision 2024/205") and of the Human Rights
        // Council; other bodies' decisions and the old forms have no symbol here.
        let (a, b) = (g(4)?, g(5)?);
        let session: u32 = a.parse().ok()?;
        return match series {
            "GA" if (31..=99).contains(&session) => Some(format!("A/DEC/{a}/{b}")),
            "ECOSOC" => Some(format!("E/DEC/{a}/{b}")),
            "HRC" if session < 100 => Some(format!("A/HRC/DEC/{a}/{b}")),
            _ => None,
        };
    }
    if let (Some(n), Some(session)) = (g(1), g(3)) {
        // "217 A (III)": the session in Roman numerals.
        return match series {
            "GA" => Some(format!("A/RES/{n}({session})")),
            "ECOSOC" => Some(format!("E/RES/{n}({session})")),
            _ => None,
        };
    }
    if let (Some(n), Some(year)) = (g(8), g(9)) {
        // "Security Council resolution 2331 (2016)": only the Council numbers its resolutions
        // so, and "its resolution 1894 (2009) …, the Security Council noted" names it after.
        return (series != "OTHER").then(|| format!("S/RES/{n}({year})"));
    }
    if let (Some(session), Some(n)) = (g(10), g(11)) {
        // A special or emergency special session: "resolution S-23/2", "ES-10/23".
        return (series == "GA").then(|| format!("A/RES/{session}/{n}"));
    }
    if let (Some(a), Some(b)) = (g(4), g(5)) {
        // The Commission adopts a handful of resolutions a session and the Council some dozens:
        // "its resolution 73/184" with such a number is the General Assembly's.
        let n: u32 = b.parse().unwrap_or(0);
        let series = match series {
            "CCPCJ" if n > 60 => "GA",
            "HRC" if n > 150 => "GA",
            s => s,
        };
        return match series {
            "CCPCJ" => Some(format!("CCPCJ {a}/{b}")),
            "COP" => Some(format!("CTOC/COP {a}/{b}")),
            "HRC" => Some(format!("A/HRC/RES/{a}/{b}")),
            "ECOSOC" => Some(format!("E/RES/{a}/{b}")),
            "SC" | "WHA" | "OTHER" => None,
            // The Assembly numbers its resolutions "session/number" from its 31st session
            // (1976) on; "resolution 9/2" or "2005/74" is some other body's.
            _ => {
                let session: u32 = a.parse().unwrap_or(0);
                (31..=99)
                    .contains(&session)
                    .then(|| format!("A/RES/{a}/{b}"))
            }
        };
    }
    if let (Some(a), Some(b)) = (g(6), g(7)) {
        return (series == "WHA").then(|| format!("WHA {a}.{b}"));
    }
    None
}

/// Finds the citations of one folded text. `own` are the document's own symbols (not citations).
pub fn find(view: &View, state: &mut CiteState, own: &[String]) -> Vec<Found> {
    let text = view.text.as_str();
    let mut out: Vec<Found> = Vec::new();

    // Resolution lists.
    // Each "resolution(s)" with the series the words before it name, read once for both
    // passes below.
    let triggers: Vec<(usize, usize, &'static str, bool)> = TRIGGER
        .captures_iter(text)
        .filter_map(|c| {
            let (t, word) = (c.get(0)?, c.get(1)?);
            Some((
                t.start(),
                t.end(),
                series(text.get(..t.start()).unwrap_or(""), state.speaker),
                word.as_str().eq_ignore_ascii_case("decision"),
            ))
        })
        .collect();
    for &(_, end, s, decision) in &triggers {
        let mut pos = end;
        loop {
            let rest = text.get(pos..).unwrap_or("");
            let Some(c) = NUMBER.captures(rest) else {
                // "resolution 78/2307" where footnote 7 exists: resolution 78/230, mark 7.
                if let Some(g) = GLUED.captures(rest)
                    && let (Some(all), Some(a), Some(b)) = (g.get(0), g.get(1), g.get(2))
                    && let Some(n) = state.split_mark(b.as_str())
                {
                    let printed = format!("{}/{n}", a.as_str());
                    if let Some(c) = NUMBER.captures(&printed)
                        && let Some(sym) = normalise(s, decision, &c)
                    {
                        out.push(Found {
                            range: pos..pos + printed.len(),
                            symbol: sym,
                        });
                    }
                    match next_in_list(text, pos + all.end()) {
                        Some(next) => {
                            pos = next;
                            continue;
                        }
                        None => break,
                    }
                }
                break;
            };
            let Some(m) = c.get(0) else { break };
            if let Some(sym) = normalise(s, decision, &c) {
                out.push(Found {
                    range: pos..pos + m.end(),
                    symbol: sym,
                });
            }
            match next_in_list(text, pos + m.end()) {
                Some(next) => pos = next,
                None => break,
            }
        }
    }

    // A dated number further on in the sentence of a resolution list ("resolutions 71/278 of
    // 10 March 2017 … on sexual exploitation and abuse, 72/304 of 13 July 2018 …"): a
    // resolution of the series the last trigger before it named.
    for c in DATED.captures_iter(text) {
        let (Some(all), Some(num)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Some(&(ts, _, s, decision)) = triggers.iter().rev().find(|t| t.1 <= num.start()) else {
            continue;
        };
        // same sentence as the trigger, not part of a longer symbol, not found already
        let between = text.get(ts..num.start()).unwrap_or("");
        if between.contains([';', '.']) && !between.contains("No.")
            || view
                .before(num.start())
                .is_some_and(|c| c == '/' || c.is_alphanumeric())
            || out
                .iter()
                .any(|f| f.range.start <= num.start() && num.start() < f.range.end)
        {
            continue;
        }
        if let Some(n) = NUMBER.captures(num.as_str())
            && let Some(sym) = normalise(s, decision, &n)
        {
            out.push(Found {
                range: num.start()..all.end(),
                symbol: sym,
            });
        }
    }

    // Document symbols.
    for m in SYMBOL.find_iter(text) {
        let sym = m.as_str();
        if !sym.contains(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if view.before(m.start()).is_some_and(|c| c == '/' || c == '.') {
            continue;
        }
        if own.iter().any(|o| o.eq_ignore_ascii_case(sym)) {
            continue;
        }
        out.push(Found {
            range: m.range(),
            symbol: sym.to_owned(),
        });
    }

    // Treaty Series.
    let series_at = text.find("Treaty Series");

    // Where the last reference read in this text ends: "…, and vol. 2404, No. 43425" goes on
    // from it.
    let mut last_end: Option<usize> = None;
    for c in UNTS.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let in_series = series_at.is_some_and(|p| p < m.start());
        let lead = text
            .get(m.start().saturating_sub(40)..m.start())
            .unwrap_or("");
        let ibid = lead.contains("Ibid") || lead.contains("ibid");
        let goes_on = last_end.is_some_and(|e| {
            text.get(e..m.start())
                .is_some_and(|between| UNTS_GOES_ON.is_match(between))
        });
        // "Ibid., vol. …" after a Treaty Series reference of this document, whatever was
        // cited in between in the body (footnotes follow one another).
        if !(in_series || goes_on || (ibid && state.last_unts_no.is_some())) {
            continue;
        }
        let numbers = c.get(2).map(|n| treaty_numbers(n.as_str()));
        let numbers = match numbers {
            Some(n) if !n.is_empty() => n,
            _ => match &state.last_unts_no {
                Some(no) => vec![no.clone()],
                None => continue,
            },
        };
        let vols = c.get(1).map_or("", |v| v.as_str());
        for v in DIGITS.find_iter(vols) {
            for no in &numbers {
                out.push(Found {
                    range: m.range(),
                    symbol: format!("UNTS {} {no}", v.as_str()),
                });
            }
        }
        state.last_unts_no = numbers.last().cloned();
        last_end = Some(m.end());
    }
    out.sort_by_key(|f| f.range.start);
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert(f.symbol.clone()));
    out
}

// Between two Treaty Series references of one list: ", and ", "; ", " and ".
re!(UNTS_GOES_ON, r"^\s*[,;]?\s*(?:and\s+)?$");

/// The registration numbers of a Treaty Series reference: "17512 and 17513", "970–973" (a
/// range of at most 20 numbers, each given).
fn treaty_numbers(s: &str) -> Vec<String> {
    let nums: Vec<&str> = DIGITS.find_iter(s).map(|m| m.as_str()).collect();
    let ranged = s.contains(['–', '-']) || s.contains(" to ");
    if ranged
        && let [a, b] = nums.as_slice()
        && let (Ok(x), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>())
        && x < y
        && y - x < 20
    {
        return (x..=y).map(|n| n.to_string()).collect();
    }
    nums.into_iter().map(str::to_owned).collect()
}

/// After a number of a list at `pos`: skips what may follow it (a date, a title, footnote marks)
/// and returns where the next number starts, if a separator and another number follow.
fn next_in_list(text: &str, pos: usize) -> Option<usize> {
    let rest = text.get(pos..).unwrap_or("");
    let pos = pos + AFTER.find(rest).map_or(0, |m| m.end());
    let rest = text.get(pos..).unwrap_or("");
    match SEPARATOR.find(rest) {
        Some(sep) if NUMBER.is_match(rest.get(sep.end()..).unwrap_or("")) => Some(pos + sep.end()),
        _ => None,
    }
}

#[cfg(test)]
mod council_tests {
    use super::*;
    use crate::recognise::gazetteer::Hyphens;

    #[test]
    fn bare_council_takes_the_council_named_before() {
        let v = View::new(
            "adopted by the General Assembly and the Human Rights Council, in particular Council resolutions 44/4 and 53/18, and Assembly resolution 76/7",
            Hyphens::Keep,
        );
        let got: Vec<String> = find(&v, &mut CiteState::default(), &[])
            .into_iter()
            .map(|f| f.symbol)
            .collect();
        assert_eq!(got, ["A/HRC/RES/44/4", "A/HRC/RES/53/18", "A/RES/76/7"]);
    }

    fn with_speaker(speaker: &str, text: &str) -> Vec<String> {
        let mut st = CiteState::default();
        st.set_speaker(speaker);
        find(&View::new(text, Hyphens::Keep), &mut st, &[])
            .into_iter()
            .map(|f| f.symbol)
            .collect()
    }

    #[test]
    fn footnote_mark_glued_to_a_number() {
        let run = |marks: &[&str], text: &str| {
            let mut st = CiteState::default();
            st.set_marks(marks.iter().map(|m| (*m).to_owned()).collect());
            find(&View::new(text, Hyphens::Keep), &mut st, &[])
                .into_iter()
                .map(|f| f.symbol)
                .collect::<Vec<_>>()
        };
        let t = "on the implementation of resolution 77/1954 and of the reports";
        assert_eq!(run(&["3", "4", "5"], t), ["A/RES/77/195"]);
        assert_eq!(
            run(&["12"], "resolutions 70/11212 and 71/3"),
            ["A/RES/70/112", "A/RES/71/3"]
        );
        // No such footnote: not a resolution number at all.
        assert_eq!(run(&["3"], t), Vec::<String>::new());
        // A number of normal length is left alone, mark or not.
        assert_eq!(run(&["4"], "resolution 77/194"), ["A/RES/77/194"]);
    }

    fn plain(text: &str) -> Vec<String> {
        with_speaker("General Assembly", text)
    }

    #[test]
    fn other_bodies_resolutions_have_no_assembly_symbol() {
        for t in [
            "Recalling Commission on Narcotic Drugs resolution 65/2,",
            "Taking note of Commission on the Status of Women resolutions 49/7 and 51/2,",
            "Recalling Commission on Human Rights resolution 2005/74,",
            "Recalling United Nations Convention against Corruption resolution 8/12,",
            "Recalling Economic Commission for Africa resolution 2023/7,",
            "Recalling United Nations Environment Assembly resolution 5/14,",
            "the implementation of Conference resolution 9/4,",
            // "resolution 9/2 … of the Conference of the States Parties": no Assembly
            // resolution has that number.
            "recalling resolution 9/2 of 17 December 2021 of the Conference of the States Parties",
        ] {
            assert_eq!(plain(t), Vec::<String>::new(), "{t}");
        }
        // The Conference of the Parties to UNTOC named in full keeps its series.
        assert_eq!(
            plain(
                "Conference of the Parties to the United Nations Convention against \
                 Transnational Organized Crime resolutions 10/6 and 12/4,"
            ),
            ["CTOC/COP 10/6", "CTOC/COP 12/4"]
        );
        // The Commission's own text: a bare "Commission resolution" is its own.
        assert_eq!(
            with_speaker(
                "Commission on Crime Prevention and Criminal Justice",
                "Recalling Commission resolution 31/1,"
            ),
            ["CCPCJ 31/1"]
        );
    }

    #[test]
    fn a_list_inside_a_named_series_keeps_its_series() {
        assert_eq!(
            plain(
                "and all relevant Human Rights Council resolutions, including resolutions 23/9 \
                 of 13 June 2013, 29/11 of 2 July 2015 and 53/17 of 13 July 2023,"
            ),
            ["A/HRC/RES/23/9", "A/HRC/RES/29/11", "A/HRC/RES/53/17"]
        );
    }

    #[test]
    fn decisions_have_decision_symbols() {
        assert_eq!(
            plain(
                "as well as its resolution 74/276 of 1 June 2020 and decision 74/568 of 31 \
                 August 2020,"
            ),
            ["A/RES/74/276", "A/DEC/74/568"]
        );
        assert_eq!(
            plain("Recalling its decisions 60/519 and 61/503,"),
            ["A/DEC/60/519", "A/DEC/61/503"]
        );
        assert_eq!(
            plain("Economic and Social Council decision 2024/205,"),
            ["E/DEC/2024/205"]
        );
        assert_eq!(
            plain("Human Rights Council decision 18/117,"),
            ["A/HRC/DEC/18/117"]
        );
        // Another body's decision: none.
        assert_eq!(
            plain("Commission on Narcotic Drugs decision 62/1,"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn own_resolutions_are_the_speakers() {
        let t = "Recalling Assembly resolution 70/1 and Economic and Social Council resolution 2019/5, as well as its own resolutions 12/3 of 1 May 2003 and 14/1,";
        assert_eq!(
            with_speaker("Commission on Crime Prevention and Criminal Justice", t),
            ["A/RES/70/1", "E/RES/2019/5", "CCPCJ 12/3", "CCPCJ 14/1"]
        );
        // Plain "its" with no body in the clause: the speaker's too.
        assert_eq!(
            with_speaker("Human Rights Council", "Recalling its resolution 8/12,"),
            ["A/HRC/RES/8/12"]
        );
        assert_eq!(
            with_speaker(
                "General Assembly",
                "Recalling its resolutions 59/156 and 64/293,"
            ),
            ["A/RES/59/156", "A/RES/64/293"]
        );
        // An unknown speaker or none: the General Assembly's, when the Assembly numbers its
        // resolutions so (from its 31st session on).
        assert_eq!(
            with_speaker("Committee on Things", "Recalling its own resolution 78/12,"),
            ["A/RES/78/12"]
        );
        assert_eq!(
            with_speaker("Committee on Things", "Recalling its own resolution 8/12,"),
            Vec::<String>::new()
        );
        // "its" after a body named in the clause stays that body's.
        assert_eq!(
            with_speaker(
                "General Assembly",
                "Recalling that the Human Rights Council, in its resolution 8/12, decided"
            ),
            ["A/HRC/RES/8/12"]
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::recognise::gazetteer::Hyphens;

    fn syms(texts: &[&str]) -> Vec<String> {
        let mut st = CiteState::default();
        texts
            .iter()
            .flat_map(|t| find(&View::new(t, Hyphens::Keep), &mut st, &[]))
            .map(|f| f.symbol)
            .collect()
    }

    #[test]
    fn ga_resolutions_in_lists() {
        assert_eq!(
            syms(&[
                "Recalling its resolutions 59/156 of 20 December 2004, entitled \u{201C}Preventing, combating\u{201D}, 71/322 of 8 September 2017, and 72/195 of 19 December 2017,"
            ]),
            ["A/RES/59/156", "A/RES/71/322", "A/RES/72/195"]
        );
        assert_eq!(syms(&["Resolution 70/1."]), ["A/RES/70/1"]);
        // The part pointed at between two numbers.
        assert_eq!(
            syms(&[
                "Recalling Security Council resolutions 2253 (2015), in particular paragraph 15, 2322 (2016) of 12 December 2016, in particular paragraphs 12 to 14, and 2368 (2017),"
            ]),
            ["S/RES/2253(2015)", "S/RES/2322(2016)", "S/RES/2368(2017)"]
        );
        assert_eq!(syms(&["Resolution 217 A (III)."]), ["A/RES/217(III)"]);
        assert_eq!(syms(&["See resolution [68/192](#)."]), ["A/RES/68/192"]);
    }

    #[test]
    fn other_series() {
        assert_eq!(
            syms(&[
                "as well as Commission on Crime Prevention and Criminal Justice resolutions 23/2 of 16 May 2014 and 25/1 of 27 May 2016 on"
            ]),
            ["CCPCJ 23/2", "CCPCJ 25/1"]
        );
        assert_eq!(
            syms(&[
                "endorsed by the sixty-third World Health Assembly in its resolution 63.22 of 21 May 2010,"
            ]),
            ["WHA 63.22"]
        );
        assert_eq!(
            syms(&["Human Rights Council resolution 17/1"]),
            ["A/HRC/RES/17/1"]
        );
        // A decimal number without a World Health Assembly is not a citation.
        assert!(syms(&["resolution 63.22"]).is_empty());
    }

    #[test]
    fn document_symbols() {
        assert_eq!(
            syms(&[
                "See Official Records, Supplement No. 10 (E/2014/30), chap. I; A/HRC/17/31, annex; A/73/12 (Part I) and A/73/12 (Part II)."
            ]),
            ["E/2014/30", "A/HRC/17/31", "A/73/12"]
        );
        assert!(syms(&["HIV/AIDS and COVID-19"]).is_empty());
        let mut st = CiteState::default();
        let own = vec!["A/RES/73/189".to_owned()];
        assert!(find(&View::new("A/RES/73/189", Hyphens::Keep), &mut st, &own).is_empty());
    }

    #[test]
    fn treaty_series() {
        assert_eq!(
            syms(&[
                "United Nations, Treaty Series, vol. 2225, No. 39574.",
                "Ibid., vol. 2237, No. 39574.",
                "Ibid., vols. 2171 and 2173, No. 27531.",
                "Ibid., vol. 2241."
            ]),
            [
                "UNTS 2225 39574",
                "UNTS 2237 39574",
                "UNTS 2171 27531",
                "UNTS 2173 27531",
                "UNTS 2241 27531"
            ]
        );
        // "vol." outside a Treaty Series reference is not one.
        assert!(syms(&["Official Records, vol. 3, No. 4"]).is_empty());
    }

    #[test]
    fn treaty_series_lists_and_ranges() {
        assert_eq!(
            syms(&[
                "United Nations, Treaty Series, vol. 75, Nos. 970–973.",
                "Recalling its resolution 78/1,",
                "Ibid., vol. 1125, Nos. 17512 and 17513, and vol. 2404, No. 43425.",
                "Ibid., vol. 249, No. 3511, and vol. 2253, No. 3511.",
            ]),
            [
                "UNTS 75 970",
                "UNTS 75 971",
                "UNTS 75 972",
                "UNTS 75 973",
                "A/RES/78/1",
                "UNTS 1125 17512",
                "UNTS 1125 17513",
                "UNTS 2404 43425",
                "UNTS 249 3511",
                "UNTS 2253 3511"
            ]
        );
    }

    #[test]
    fn a_number_with_its_year_is_the_security_councils() {
        let mut st = CiteState::default();
        let v = View::new(
            "in paragraphs 8 and 9 of its resolution 1894 (2009) of 11 November 2009 on the protection of civilians, the Security Council noted",
            Hyphens::Keep,
        );
        let got: Vec<String> = find(&v, &mut st, &[])
            .into_iter()
            .map(|f| f.symbol)
            .collect();
        assert_eq!(got, ["S/RES/1894(2009)"]);
    }
}
