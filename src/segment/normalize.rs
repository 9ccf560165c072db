//! Normalise: the inline clean-up of one line of a UN text, keeping exact source offsets.
//!
//! Part of the segment stage. A line of source text becomes a [`Text`] in which white-space runs
//! are one space, curly quotes and apostrophes are straight, Markdown emphasis (`*`, `**`, `_`),
//! links (`[64/293](#)` → `64/293`), images and backslash escapes are resolved, ligatures are
//! spelled out, and footnote marks — `<sup>n</sup>`, superscript digits (`¹²³`), `[^n]` — are
//! taken out of the text and returned as [`Mark`]s. Every byte of the result maps back to the
//! source bytes it stands for, so later stages can report exact source spans.
//!
//! Bare footnote digits of PDF text ("Crime5", "Development,2", "20143") need the document's
//! footnote numbering to be told from real numbers; [`bare_mark_candidates`] finds the
//! candidates and the segmenter decides.

use std::ops::Range;

use crate::model::{Span, Text};

/// A footnote mark found in a text: the mark as ASCII digits (or the printed mark) and the byte
/// position in the normalised text where it stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The mark (`"1"`, `"12"`).
    pub mark: String,
    /// Byte offset in the normalised text at which the mark stood.
    pub at: usize,
}

/// A normalised line: its text and the footnote marks taken out of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    /// The normalised text.
    pub text: Text,
    /// Footnote marks, in order.
    pub marks: Vec<Mark>,
    /// The source line ended in a soft hyphen (U+00AD, `&shy;`): the word goes on, unhyphenated,
    /// on the next line.
    pub soft_hyphen_end: bool,
}

/// The ASCII digit of a superscript digit character.
fn superscript_digit(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        _ => return None,
    })
}

/// True for characters that stand for white space in UN texts.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{feff}')
}

/// Builder that collapses white space and trims both ends.
struct Builder {
    out: Line,
    pending_space: Option<Span>,
}

impl Builder {
    fn new() -> Self {
        Self {
            out: Line::default(),
            pending_space: None,
        }
    }

    fn space(&mut self, span: Span) {
        if self.out.text.is_empty() {
            return;
        }
        self.pending_space = Some(match self.pending_space.take() {
            Some(s) => s.start..span.end,
            None => span,
        });
    }

    fn flush(&mut self) {
        if let Some(s) = self.pending_space.take() {
            self.out.text.push_mapped(" ", s);
        }
    }

    fn verbatim(&mut self, s: &str, start: usize) {
        self.flush();
        self.out.text.push_verbatim(s, start);
    }

    fn mapped(&mut self, s: &str, span: Span) {
        self.flush();
        self.out.text.push_mapped(s, span);
    }

    fn mark(&mut self, mark: String) {
        self.out.marks.push(Mark {
            mark,
            at: self.out.text.len(),
        });
    }

    fn append(&mut self, other: &Line) {
        if other.text.is_empty() {
            self.out.marks.extend(other.marks.iter().map(|m| Mark {
                mark: m.mark.clone(),
                at: self.out.text.len(),
            }));
            return;
        }
        self.flush();
        let base = self.out.text.len();
        append(&mut self.out.text, &other.text);
        self.out.marks.extend(other.marks.iter().map(|m| Mark {
            mark: m.mark.clone(),
            at: base + m.at,
        }));
    }
}

/// Appends `src` to `dst`, keeping the source mapping of every character.
pub fn append(dst: &mut Text, src: &Text) {
    for (i, c) in src.text.char_indices() {
        let n = c.len_utf8();
        let span = src.source_span(i..i + n);
        let mut buf = [0u8; 4];
        dst.push_mapped(c.encode_utf8(&mut buf), span);
    }
}

/// A copy of `t` without the given byte ranges of its text (ranges sorted, not overlapping);
/// a space left doubled or at an end by a removal is dropped too.
pub fn remove_ranges(t: &Text, ranges: &[Range<usize>]) -> Text {
    let mut out = Text::new();
    let mut pos = 0;
    let mut keep: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        if r.start > pos {
            keep.push(pos..r.start);
        }
        pos = pos.max(r.end);
    }
    if pos < t.len() {
        keep.push(pos..t.len());
    }
    for r in keep {
        let piece = t.slice(r);
        for (i, c) in piece.text.char_indices() {
            if c == ' ' && (out.text.is_empty() || out.text.ends_with(' ')) {
                continue;
            }
            let n = c.len_utf8();
            let mut buf = [0u8; 4];
            out.push_mapped(c.encode_utf8(&mut buf), piece.source_span(i..i + n));
        }
    }
    if out.text.ends_with(' ') {
        out = out.slice(0..out.len() - 1);
    }
    out
}

/// Normalises one line (or any stretch of text) of source, `s` starting at source offset
/// `start`. See the module docs for what changes.
pub fn normalize_line(s: &str, start: usize) -> Line {
    let mut b = Builder::new();
    inline(s, start, &mut b);
    // A soft hyphen closing the line: the word continues on the next line.
    let tail = s.trim_end_matches(is_space);
    b.out.soft_hyphen_end = tail.ends_with('\u{ad}') || tail.ends_with("&shy;");
    b.out
}

/// True for a printable ASCII byte that normalisation keeps as it is (not white space, and not
/// the start of markup, an escape, emphasis or an entity).
fn plain_byte(x: u8) -> bool {
    x.is_ascii_graphic() && !matches!(x, b'<' | b'[' | b'!' | b'\\' | b'*' | b'_' | b'&')
}

fn inline(s: &str, start: usize, b: &mut Builder) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        // A run of printable ASCII that no rule below touches goes out in one piece.
        let run = bytes
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&x| plain_byte(x))
            .count();
        if run > 0
            && let Some(piece) = s.get(i..i + run)
        {
            b.verbatim(piece, start + i);
            i += run;
            continue;
        }
        let rest = &s[i..];
        let Some(c) = rest.chars().next() else { break };
        let n = c.len_utf8();
        let at = start + i;
        // <sup>…</sup>, <sub>…</sub>, <br>
        if c == '<' {
            let lower = rest.get(..5).map(str::to_ascii_lowercase);
            if lower.as_deref() == Some("<sup>")
                && let Some(end) = find_ci(rest, "</sup>", 64)
            {
                let inner = &rest[5..end];
                let trimmed = inner.trim();
                if !trimmed.is_empty()
                    && trimmed.len() <= 4
                    && trimmed
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '*')
                    && trimmed.chars().any(|c| c.is_ascii_digit() || c == '*')
                {
                    b.mark(trimmed.to_owned());
                } else {
                    inline(inner, at + 5, b);
                }
                i += end + 6;
                continue;
            }
            if let Some(end) = rest.find('>') {
                let tag = rest[1..end]
                    .trim()
                    .trim_end_matches('/')
                    .to_ascii_lowercase();
                if matches!(
                    tag.as_str(),
                    "br" | "sub" | "/sub" | "u" | "/u" | "em" | "/em"
                ) || tag == "strong"
                    || tag == "/strong"
                {
                    if tag == "br" {
                        b.space(at..at + end + 1);
                    }
                    i += end + 1;
                    continue;
                }
            }
        }
        // Superscript digits.
        if superscript_digit(c).is_some() {
            let mut mark = String::new();
            let mut j = i;
            while let Some(d) = s[j..].chars().next().and_then(superscript_digit) {
                mark.push(d);
                j += s[j..].chars().next().map_or(1, char::len_utf8);
            }
            b.mark(mark);
            i = j;
            continue;
        }
        // [^n] footnote references, [text](url) links, ![alt](url) images.
        if c == '[' || (c == '!' && rest.starts_with("![")) {
            let open = if c == '!' { 1 } else { 0 };
            if rest[open..].starts_with("[^")
                && let Some(close) = rest.find(']')
            {
                let inner = &rest[open + 2..close];
                if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_alphanumeric()) {
                    b.mark(inner.to_owned());
                    i += close + 1;
                    continue;
                }
            }
            if let Some((text_end, link_end)) = link_bounds(&rest[open..]) {
                let inner = &rest[open + 1..open + text_end];
                inline(inner, at + open + 1, b);
                i += open + link_end;
                continue;
            }
        }
        // Backslash escapes.
        if c == '\\'
            && let Some(&next) = bytes.get(i + 1)
            && next.is_ascii_punctuation()
        {
            b.mapped(&s[i + 1..i + 2], at..at + 2);
            i += 2;
            continue;
        }
        // Emphasis markers at a word edge.
        if c == '*' || c == '_' {
            let mut j = i;
            while j < s.len() && bytes[j] == bytes[i] {
                j += 1;
            }
            let prev = s[..i].chars().next_back();
            let next = s[j..].chars().next();
            let opening = next.is_some_and(|n| !is_space(n))
                && prev.is_none_or(|p| is_space(p) || "([{\"'“‘-—/>".contains(p));
            let closing = prev.is_some_and(|p| !is_space(p))
                && next.is_none_or(|n| {
                    is_space(n)
                        || ".,;:!?)]}\"'”’-—/<[".contains(n)
                        || superscript_digit(n).is_some()
                });
            let inside_word = c == '_'
                && prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric);
            if (opening || closing) && !inside_word {
                i = j;
                continue;
            }
            b.verbatim(&s[i..j], at);
            i = j;
            continue;
        }
        // HTML entities of Markdown conversions.
        if c == '&'
            && let Some((d, len)) = html_entity(rest)
        {
            if superscript_digit(d).is_some() {
                b.mark(superscript_digit(d).map(String::from).unwrap_or_default());
            } else if !char_out(b, d, at..at + len) {
                let mut buf = [0u8; 4];
                b.mapped(d.encode_utf8(&mut buf), at..at + len);
            }
            i += len;
            continue;
        }
        if !char_out(b, c, at..at + n) {
            b.verbatim(&s[i..i + n], at);
        }
        i += n;
    }
}

/// Emits the normalised form of a character that normalisation changes (spaces, quotes,
/// invisible characters, hyphens, ligatures) for the source bytes `span`; false when the
/// character stays as it is.
fn char_out(b: &mut Builder, c: char, span: Span) -> bool {
    if is_space(c) {
        b.space(span);
        return true;
    }
    let s = match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => "\"",
        // Soft hyphens and zero-width characters are invisible.
        '\u{00ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' => return true,
        '\u{2010}' | '\u{2011}' => "-",
        '\u{fb01}' => "fi",
        '\u{fb02}' => "fl",
        '\u{fb00}' => "ff",
        '\u{fb03}' => "ffi",
        '\u{fb04}' => "ffl",
        '\u{fb05}' | '\u{fb06}' => "st",
        _ => return false,
    };
    b.mapped(s, span);
    true
}

/// Case-insensitive ASCII find of `needle` within the first `limit` bytes of `hay` (bounded, so
/// that a line full of unclosed tags stays linear).
fn find_ci(hay: &str, needle: &str, limit: usize) -> Option<usize> {
    let head = hay.as_bytes().get(..hay.len().min(limit)).unwrap_or(b"");
    head.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// How far a link's `]` or `)` and an entity's `;` are looked for.
const LINK_REACH: usize = 2000;
const ENTITY_REACH: usize = 12;

/// Decodes an HTML entity at the start of `s` (`&amp;`, `&nbsp;`, `&#8217;`, `&#x2019;`):
/// the character and the entity's byte length.
fn html_entity(s: &str) -> Option<(char, usize)> {
    let semi = s.bytes().take(ENTITY_REACH).position(|b| b == b';')?;
    let name = s.get(1..semi)?;
    let c = if let Some(num) = name.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        char::from_u32(v).filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "ensp" | "emsp" | "thinsp" => ' ',
            "shy" => '\u{ad}',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "laquo" => '«',
            "raquo" => '»',
            "sect" => '§',
            "para" => '¶',
            "deg" => '°',
            "eacute" => 'é',
            "egrave" => 'è',
            "aacute" => 'á',
            "oacute" => 'ó',
            "iacute" => 'í',
            "uacute" => 'ú',
            "ntilde" => 'ñ',
            "ccedil" => 'ç',
            "ouml" => 'ö',
            "uuml" => 'ü',
            "auml" => 'ä',
            "sup1" => '¹',
            "sup2" => '²',
            "sup3" => '³',
            _ => return None,
        }
    };
    Some((c, semi + 1))
}

/// For a string starting with `[`: the offset of the closing `]` and one past the closing `)`
/// of a Markdown link `[text](url)`.
fn link_bounds(s: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut close = None;
    for (i, c) in s.char_indices().take_while(|&(i, _)| i < LINK_REACH) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let after = &s[close + 1..];
    if !after.starts_with('(') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in after.char_indices().take_while(|&(i, _)| i < LINK_REACH) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let url = &after[1..i];
                    if url.contains(char::is_whitespace) && !url.starts_with('<') {
                        return None;
                    }
                    return Some((close, close + 1 + i + 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// Concatenates lines into one [`Line`], with a space between them (mapped to the line break).
pub fn join(lines: &[Line]) -> Line {
    let mut b = Builder::new();
    for l in lines {
        if let Some(last) = b.out.text.text.chars().last() {
            let _ = last;
            let e = b.out.text.span().end;
            b.space(e..e);
        }
        b.append(l);
    }
    b.out
}

/// How a bare digit run may be a footnote mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BareKind {
    /// Glued to the preceding word, quote or punctuation ("Crime5", "Development,2").
    Glued,
    /// Glued to a year ("20143" = 2014 + mark 3).
    Year,
    /// Glued to a resolution number whose part after the slash is longer than a resolution
    /// number's three digits ("78/2307" = 78/230 + mark 7).
    Number,
    /// Set off by a space ("Crime 5 and", "2010, 8", "prevention. 8 When").
    Spaced,
    /// Set off by a space where the words around make a count as likely as a mark ("Goals 39
    /// to", "Migration 38 take"): a mark only where the layout of the source shows one (see
    /// the segmenter).
    SpacedWeak,
}

/// A bare digit run that may be a footnote mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BareCandidate {
    /// The digits.
    pub mark: String,
    /// Byte range of the digits in the text.
    pub range: Range<usize>,
    /// Byte range to remove if it is a mark (the digits, and a space before spaced marks).
    pub remove: Range<usize>,
    /// How it stands.
    pub kind: BareKind,
}

re!(GLUED, r#"[\p{L})\]"',.;:]([1-9]\d{0,2})(?:$|[\s,.;:)\]])"#);
re!(YEAR, r"\b(?:1[89]|20)\d\d([1-9]\d?)(?:$|[\s,.;:)\]])");
// A session/number resolution symbol ("78/230", "A/RES/78/230") with one or two digits too
// many after the slash; not a longer document symbol ("A/78/1002").
re!(
    NUMBER,
    r"(?:^|[^\w/]|RES/)[1-9]\d?/[1-9]\d\d([1-9]\d?)(?:$|[\s,.;:)\]])"
);
re!(
    SPACED,
    r#"([\p{L}\d]+)([,;:.)"'\]]{0,2}) ([1-9]\d{0,2})([,.;:])?(?:$|\s+(\p{L}+)?)"#
);

/// Words after which a spaced number is a count or a reference, not a footnote mark.
const COUNT_WORDS: &[&str] = &[
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "article",
    "articles",
    "art",
    "item",
    "items",
    "resolution",
    "resolutions",
    "decision",
    "decisions",
    "chapter",
    "chap",
    "annex",
    "section",
    "sect",
    "no",
    "nos",
    "vol",
    "vols",
    "volume",
    "page",
    "pages",
    "p",
    "pp",
    "target",
    "targets",
    "goal",
    "goals",
    "session",
    "rule",
    "rules",
    "principle",
    "principles",
    "table",
    "figure",
    "part",
    "and",
    "or",
    "to",
    "of",
    "than",
    "about",
    "over",
    "under",
    "some",
    "least",
    "nearly",
    "almost",
    "the",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "within",
    "every",
    "each",
    "meeting",
    "plenary",
    "recommendation",
    "report",
    "sdg",
    "step",
    "phase",
    "level",
    "tier",
    "option",
    "number",
    "cycle",
    "round",
    "class",
    "category",
];

/// Words that may follow a spaced footnote mark (function words continuing the sentence).
const AFTER_MARK: &[&str] = &[
    "and",
    "or",
    "in",
    "which",
    "to",
    "of",
    "as",
    "the",
    "taking",
    "with",
    "that",
    "for",
    "on",
    "by",
    "at",
    "is",
    "are",
    "was",
    "were",
    "including",
    "its",
    "their",
    "a",
    "an",
    "but",
    "while",
    "where",
    "whose",
    "who",
    "has",
    "have",
    "had",
    "recognizing",
    "reaffirming",
    "noting",
    "stressing",
    "also",
    "we",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// True when a text ends with the letters of a document symbol's part after its slash
/// ("A/78/481/Add", "A/C.3/80/L").
fn symbol_part(head: &str) -> bool {
    let letters = head.len()
        - head
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .len();
    (1..=5).contains(&letters) && head[..head.len() - letters].ends_with('/')
}

/// The bare digit runs of a normalised text that may be footnote marks, in text order.
pub fn bare_mark_candidates(text: &str) -> Vec<BareCandidate> {
    let mut out = Vec::new();
    for c in GLUED.captures_iter(text) {
        if let Some(d) = c.get(1) {
            // Not part of a longer number or symbol ("A/68/256", "1.5", "COVID-19").
            let before = text[..d.start()].chars().next_back();
            let before2 = text[..d.start()].chars().rev().nth(1);
            let digit_before = before2.is_some_and(|b| b.is_ascii_digit());
            // A decimal ("63.22", "5.2") or a thousands group ("1,000") is not a mark.
            if digit_before
                && (before == Some('.') || (before == Some(',') && d.as_str().len() == 3))
            {
                continue;
            }
            // The number of a document symbol's part ("A/78/481/Add.2", "A/C.3/80/L.8",
            // "E/2024/Rev.1"): letters between the last slash and the dot.
            if before == Some('.') && symbol_part(&text[..d.start() - 1]) {
                continue;
            }
            out.push(BareCandidate {
                mark: d.as_str().to_owned(),
                range: d.range(),
                remove: d.range(),
                kind: BareKind::Glued,
            });
        }
    }
    for c in YEAR.captures_iter(text) {
        if let Some(d) = c.get(1) {
            out.push(BareCandidate {
                mark: d.as_str().to_owned(),
                range: d.range(),
                remove: d.range(),
                kind: BareKind::Year,
            });
        }
    }
    for c in NUMBER.captures_iter(text) {
        if let Some(d) = c.get(1) {
            out.push(BareCandidate {
                mark: d.as_str().to_owned(),
                range: d.range(),
                remove: d.range(),
                kind: BareKind::Number,
            });
        }
    }
    let mut pos = 0;
    while let Some(c) = SPACED.captures_at(text, pos) {
        let (Some(all), Some(word), Some(d)) = (c.get(0), c.get(1), c.get(3)) else {
            break;
        };
        pos = d.start();
        let w = word.as_str().to_lowercase();
        let next_raw = c.get(5).map(|m| m.as_str());
        let next = next_raw.map(str::to_lowercase);
        let punct_after = c.get(4).is_some_and(|m| !m.as_str().is_empty());
        let punct_before = c.get(2).is_some_and(|m| !m.as_str().is_empty());
        // "session 15" counts, "session, 15 on the theme" is marked
        let clause_end = c.get(2).is_some_and(|m| m.as_str().ends_with([',', ';']));
        let ok_word = clause_end || !COUNT_WORDS.contains(&w.as_str());
        let ok_next = match &next {
            None => true,
            Some(n) if punct_after => !MONTHS.contains(&n.as_str()),
            Some(n) => {
                AFTER_MARK.contains(&n.as_str())
                    || next_raw.is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase))
                        && !MONTHS.contains(&n.as_str())
                    // "Development, 10 acknowledging that …", "Human Rights, 1 international
                    // …": after a clause closed by a comma the next word may be any word (the
                    // footnote numbering decides whether the digits are the next mark)
                    || punct_before && (clause_end || n.len() > 5 && n.ends_with("ing"))
            }
        };
        if all.end() > 0 {
            out.push(BareCandidate {
                mark: d.as_str().to_owned(),
                range: d.range(),
                remove: d.start() - 1..d.end(),
                kind: if ok_word && ok_next {
                    BareKind::Spaced
                } else {
                    BareKind::SpacedWeak
                },
            });
        }
    }
    out.sort_by_key(|c| c.range.start);
    out.dedup_by_key(|c| c.range.start);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn src_of<'a>(src: &'a str, t: &Text, r: Range<usize>) -> &'a str {
        let s = t.source_span(r);
        &src[s]
    }

    #[test]
    fn collapses_space_and_straightens_quotes() {
        let src = "  the  \u{201c}Office\u{201d}\tand  donors\u{2019} ";
        let l = normalize_line(src, 0);
        assert_eq!(l.text.text, "the \"Office\" and donors'");
        let q = l.text.text.find('"').unwrap();
        assert_eq!(src_of(src, &l.text, q..q + 1), "\u{201c}");
        assert_eq!(
            src_of(src, &l.text, 0..l.text.len()),
            &src[2..src.len() - 1]
        );
    }

    #[test]
    fn markdown_links_emphasis_and_sup() {
        let src = "*Adopts* the **Global Report**,<sup>2</sup> see [64/293](#) and snake_case \\$5";
        let l = normalize_line(src, 10);
        assert_eq!(
            l.text.text,
            "Adopts the Global Report, see 64/293 and snake_case $5"
        );
        assert_eq!(
            l.marks,
            vec![Mark {
                mark: "2".into(),
                at: 25
            }]
        );
        let p = l.text.text.find("64/293").unwrap();
        let span = l.text.source_span(p..p + 6);
        assert_eq!(&src[span.start - 10..span.end - 10], "64/293");
    }

    #[test]
    fn superscript_digits_and_caret_notes_are_marks() {
        let l = normalize_line(
            "Trafficking in Persons\u{b9} and Crime\u{2074}\u{2075}[^6].",
            0,
        );
        assert_eq!(l.text.text, "Trafficking in Persons and Crime.");
        let marks: Vec<_> = l.marks.iter().map(|m| (m.mark.as_str(), m.at)).collect();
        assert_eq!(marks, vec![("1", 22), ("45", 32), ("6", 32)]);
    }

    #[test]
    fn bare_candidates() {
        let t = "Crime5 and Development,2 and of 16 May 20143 and Crime 5 and the Protocol, \
                 resolution 64/293 of 30 July 2010, 8 and resolution 78/2307 and A/RES/78/23012, \
                 not A/78/1002";
        let all = bare_mark_candidates(t);
        // "of 16 May": a spaced number the words make a count as likely as a mark
        assert!(
            all.iter()
                .any(|c| c.mark == "16" && c.kind == BareKind::SpacedWeak)
        );
        let c: Vec<_> = all
            .into_iter()
            .filter(|c| c.kind != BareKind::SpacedWeak)
            .map(|c| (c.mark, c.kind))
            .collect();
        assert_eq!(
            c,
            vec![
                ("5".to_owned(), BareKind::Glued),
                ("2".to_owned(), BareKind::Glued),
                ("3".to_owned(), BareKind::Year),
                ("5".to_owned(), BareKind::Spaced),
                ("8".to_owned(), BareKind::Spaced),
                ("7".to_owned(), BareKind::Number),
                ("12".to_owned(), BareKind::Number),
            ]
        );
    }

    /// A mark set off after a full stop ("crime prevention. 8 When imprisonment …") is a
    /// candidate as after a comma; after "No." or "para." it is a count, weak.
    #[test]
    fn spaced_marks_after_a_full_stop() {
        let t = "for public safety and crime prevention. 8 When imprisonment is used, see para. 12 of it";
        let c: Vec<_> = bare_mark_candidates(t)
            .into_iter()
            .map(|c| (c.mark, c.kind))
            .collect();
        assert_eq!(
            c,
            vec![
                ("8".to_owned(), BareKind::Spaced),
                ("12".to_owned(), BareKind::SpacedWeak)
            ]
        );
    }

    /// The number of a symbol's part after "Add.", "Rev.", "L." is the symbol's, not a mark.
    #[test]
    fn symbol_parts_are_no_marks() {
        let t = "(A/78/481/Add.2, para. 139), A/C.3/80/L.8 and E/2024/Rev.1; Human Rights,1";
        let c: Vec<_> = bare_mark_candidates(t)
            .into_iter()
            .map(|c| (c.mark, c.kind))
            .collect();
        assert_eq!(c, vec![("1".to_owned(), BareKind::Glued)]);
    }

    #[test]
    fn html_entities_invisible_characters_and_soft_hyphens() {
        let src =
            "A&amp;B&#8217;s&nbsp;x&#x201C;y&bogus; z\u{200b}w co\u{2011}op &sup2; traf\u{ad}";
        let l = normalize_line(src, 0);
        assert_eq!(l.text.text, "A&B's x\"y&bogus; zw co-op traf");
        assert_eq!(l.marks.len(), 1);
        assert!(l.soft_hyphen_end);
        let q = l.text.text.find('\'').unwrap();
        assert_eq!(src_of(src, &l.text, q..q + 1), "&#8217;");
        assert!(!normalize_line("a&shy;b", 0).soft_hyphen_end);
        assert_eq!(normalize_line("a&shy;b", 0).text.text, "ab");
    }

    #[test]
    fn remove_ranges_keeps_mapping() {
        let src = "Crime 5 and";
        let t = Text::verbatim(src, 100);
        let r = remove_ranges(&t, &[5..7, 11..11]);
        assert_eq!(r.text, "Crime and");
        assert_eq!(r.source_span(6..9), 108..111);
    }
}
