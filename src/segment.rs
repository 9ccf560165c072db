//! Segment: a decoded [`Source`] in, numbered [`Paragraph`]s, their footnotes and document
//! [`Metadata`] out.
//!
//! The stage works line by line on the source and keeps exact byte offsets throughout (every
//! paragraph's [`Text`] maps back to the source):
//!
//! 1. **Page furniture** is set aside: the masthead at the head of the document ("United
//!    Nations", "General Assembly", the symbol, "Distr.: General" and its date, job number,
//!    barcode), running headers (a symbol line, page numbers such as `2/13`, job numbers such as
//!    `20-17355 (E) 050121`, barcodes such as `*2017355*`, and the lines of the short title next to
//!    them), "Please recycle".
//! 2. **Footnotes** are parsed: after a separator (`____`, `---`) lines starting with the next
//!    footnote number; anywhere, lines starting with `<sup>n</sup>`, superscript digits or `[^n]:`.
//! 3. **Paragraphs**: blank lines, a printed number (`1.`, `- 1.`, `4bis.`, `11 bis`), a letter
//!    (`(a)`, `a.`, `a)`, `5. a.`) or a Markdown heading start a paragraph; lines are joined with
//!    single spaces, words hyphenated across a line break are rejoined (the hyphen stays in
//!    compounds such as "sixty-eighth" or "follow-up"), and a paragraph broken by a page break
//!    (with footnotes and a running header in between) is joined again.
//! 4. **Numbers** follow the gold rules: `1`, `4bis`, `16(a)`; a parent printed only as `5. a.`
//!    gives `5(a)` and no `5`; the unnumbered paragraphs between a resolution's chapeau ("The
//!    General Assembly,") and its first numbered paragraph are `PP1`, `PP2`, ….
//! 5. **Footnote marks** (explicit ones from the normaliser, bare digits of PDF text decided with
//!    the footnote numbering) are taken out of the text and the footnotes attached to the
//!    paragraphs that carry them.
//! 6. **Metadata**: symbols, date, status, title and kind (see [`metadata`]).

use std::collections::{BTreeSet, HashMap};

use crate::model::{
    DocKind, Footnote, Issue, IssueKind, Metadata, Paragraph, ParagraphKind, Segmented, Source,
    Span, Status, Text,
};
use crate::normalize::{self, BareKind, Line, Mark};

re!(
    SYMBOL_LINE,
    r"^(?:[A-Z]{1,6}(?:\.\d{1,3})?)(?:/(?:[A-Z]{1,6}\.?\d{0,4}|(?:ES-|S-)?\d{1,4}[A-Z]?|Rev\.\d+|Add\.\d+|Corr\.\d+|L\.\d+|CRP\.\d+|WP\.\d+|INF\.\d+))+(?:\s\((?:19|20)\d\d\))?\*?$"
);
re!(
    PAGE_NUMBER,
    r"(?i)^(?:\d{1,4}\s*/\s*\d{1,4}|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|-\s*\d{1,4}\s*-)$"
);
re!(COLUMN_GAP, r"\t+|\s{3,}");
re!(TABLE_RULE, r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$");
re!(
    JOB_NUMBER,
    r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s+\*\d+\*)?$"
);
re!(BARCODE, r"^\*\d{5,}\*$");
re!(RECYCLE, r"(?i)^(?:please recycle|♲.*)$");
re!(
    MASTHEAD,
    r"^(?:United Nations|General Assembly|Security Council|Economic and Social Council|Human Rights Council|Distr\.:?\s*(?:General|Limited|Restricted).*|Original:\s*\w+.*|\*\*?)$"
);
re!(
    DATE,
    r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+((?:19|20)\d\d)\b"
);
re!(
    DATE_US,
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s+((?:19|20)\d\d)\b"
);
re!(
    DATE_LINE,
    r"^(?:[A-Z][a-z]+,\s+)?(?:\d{1,2}\s+[A-Z][a-z]+\s+(?:19|20)\d\d|[A-Z][a-z]+\s+\d{1,2},\s+(?:19|20)\d\d)\.?$"
);
re!(
    DISTR_DATE,
    r"^Distr\.:?\s*(?:General|Limited|Restricted)\s+\d{1,2}\s+[A-Z][a-z]+\s+(?:19|20)\d\d$"
);
re!(
    DATE_TAIL,
    r"\b(?:\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:19|20)\d\d|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+(?:19|20)\d\d)\.?$"
);
re!(SEPARATOR, r"^(?:_{3,}|-{3,}|\*{3,}|={3,}|—{2,})$");
// A heading glued before a paragraph number: capitalised words without sentence punctuation,
// then "N. " and a capital.
re!(
    GLUED_HEADING,
    r#"^((?:(?:[IVXL]+|[A-Z])\. )?[A-Z][A-Za-z0-9'’,\-–— ]{2,160}?[a-z0-9]) (\d{1,3})\. +["“A-Z]"#
);
// A paragraph number without its dot, then the capitalised first word of the text.
re!(NUMBER_NO_DOT, r"^(\d{1,3})(?: +[A-Z][a-z]|\s*$)");
// A Roman section number alone on its block ("I", "II."), or before its title.
re!(ROMAN_ALONE, r"^[IVXL]+\.?$");
re!(ROMAN_TITLED, r"^[IVXL]+\.? +[A-Z]");
// A section number printed alone ("I.", "B.").
re!(SECTION_NUMBER, r"^(?:[IVXL]+|[A-Z])\.$");
// A `key: value` line of a YAML front-matter block.
re!(YAML_LINE, r"^([A-Za-z_][A-Za-z0-9_-]*):(?:\s+(.*))?$");
// An ISO date.
re!(ISO_DATE, r"^\d{4}-\d{2}-\d{2}$");
re!(FOOTNOTE_DIGITS, r"^(\d{1,3})(?:\s+|\t)(\S.*)$");
// A footnote marked by a symbol rather than a number ("* On behalf of the States …",
// "** Reissued for technical reasons …"), printed in the footnote block of the page.
re!(FOOTNOTE_SYMBOL, r"^(\*{1,3}|†|‡)\s*([^\s*].*)$");
re!(
    FOOTNOTE_SUP,
    r"^(?:<sup>\s*(\w{1,4})\s*</sup>|\[\^(\w{1,4})\]:)\s*(.*)$"
);
re!(HEADING, r"^(#{1,6})\s+(.*?)\s*#*\s*$");
re!(BULLET, r"^[-*+•▪●]\s+");
re!(
    NUMBER_MARKER,
    r"^(\d{1,3})(?:(?:\s?(bis|ter|quater|quinquies|sexies))\b\.?|[.)])(?:\s+|$)"
);
re!(
    LETTER_MARKER,
    r"^(?:\(([a-z]{1,4})\)|([a-z]{1,4})[.)])(?:\s+|$)"
);
re!(
    RES_HEADING,
    r"^((?:ES-|S-)?\d{1,3}|(?:19|20)\d\d)/(\d{1,4})\.\s+(.+)$"
);
re!(
    CHAPEAU,
    r"^The (?:General Assembly|Security Council|Economic and Social Council|Human Rights Council|Trusteeship Council|(?:Commission|Conference|Committee|Council|Assembly|Board)\b[^,.;]{0,120}),?$"
);
re!(
    ADOPTED,
    r"(?i)\b(?:resolution|decision|declaration|text)?\s*adopted by the ([A-Z][\w ]{2,60}?) on (\d{1,2}\s+[A-Z][a-z]+\s+(?:19|20)\d\d)"
);
re!(ADOPTED_WORD, r"(?i)adopted");
re!(
    PLENARY,
    r"(?i)^\d+(?:st|nd|rd|th) (?:\(resumed\) )?(?:plenary )?meeting\b"
);
re!(DOCUMENT_LINE, r"^Document\s+(\S+?)\.?$");
re!(
    SUMMARY_PROSE,
    r"\b(?:[Tt]he|[Tt]his|[Ii]ts) (?:text|[Rr]esolution|[Dd]raft|[Dd]eclaration|document)(?: of the [Rr]esolution)?(?: also| further| strongly| thus)? [a-z]+s\b"
);
re!(
    DRAFT_WORD,
    r"(?i)\b(?:zero|final|revised|rev\.?\s*\d*|first|second|third|advance(?:d)?)?\s*draft\b"
);
re!(
    DATE_RANGE_START,
    r"(?:^|\s)(?:\d{1,2}|(?:19|20)\d\d|January|February|March|April|May|June|July|August|September|October|November|December)\s*[–—-]\s*$"
);
re!(REVISION_MARK, r"(?i)(?:^|[^/\w.])rev\.\s?\d{1,2}\b");
re!(
    DOCISH_SYMBOL,
    r"\b(?:A|S|E|A/C\.\d)/(?:[A-Z]+\.?\d*/)*\d+(?:/[A-Za-z.\d]+)*\b"
);

/// The kind of line, after furniture and footnotes are set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Furniture,
    Separator,
    Footnote,
    Body,
}

/// One source line: its content range (without the line break) and kind.
#[derive(Debug, Clone)]
struct SrcLine {
    start: usize,
    end: usize,
    kind: LineKind,
    /// The line follows a form feed (a page break of `pdftotext`).
    new_page: bool,
    /// The line's [`plain`] text, computed once when first asked for.
    plain: std::cell::OnceCell<String>,
}

/// The printed number of a paragraph, before it is resolved against its parent.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Marker {
    /// `1.`, `4bis`.
    Number(u32, Option<String>),
    /// `(a)`, `a.`.
    Letter(String),
    /// `5. a.`: a number and a letter at once.
    NumberLetter(u32, String),
}

/// A paragraph under construction.
#[derive(Debug, Clone)]
struct Draft {
    line: Line,
    number: Option<String>,
    heading: bool,
    /// Last source line index of the paragraph.
    last_line: usize,
}

/// Splits a source into paragraphs and reads its metadata.
pub fn segment(source: &Source) -> Segmented {
    let text = source.text.as_str();
    let mut lines = split_lines(text);
    let (front, front_span) = mark_front_matter(text, &mut lines);
    let mut masthead = mark_masthead(text, &mut lines);
    masthead.front = front;
    let title = resolution_title(text, &lines);
    mark_running_headers(text, &mut lines, title.as_deref(), &masthead.symbols);
    let vocab = Vocab::of(text);
    let plain_text = source.format == crate::model::Format::Text;
    let footnotes = parse_footnotes(text, &mut lines, &vocab, plain_text);
    let mut drafts = paragraphs(text, &lines, &vocab);
    mend(&mut drafts, &vocab);
    assign_preamble(&mut drafts);
    let mut issues = Vec::new();
    if let Some(span) = front_span {
        issues.push(Issue {
            kind: IssueKind::FrontMatter,
            message: "YAML front matter read as metadata (symbol, title, date), not as text".into(),
            span,
        });
    }
    issues.extend(infer_letters(&mut drafts));
    let (mut paragraphs, lost_marks) = finish(drafts, &footnotes);
    issues.extend(lost_marks);
    for (i, p) in paragraphs.iter_mut().enumerate() {
        p.index = i;
    }
    issues.extend(crate::diagnose::numbering(&paragraphs));
    issues.sort_by_key(|i| (i.span.start, i.kind));
    let meta = metadata(&paragraphs, &masthead, title);
    Segmented {
        meta,
        paragraphs,
        issues,
    }
}

/// Splits the text into lines at line feeds and form feeds (a form feed is a page break; a
/// carriage return before a line feed is not part of the line).
fn split_lines(text: &str) -> Vec<SrcLine> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut new_page = false;
    for piece in text.split_inclusive(['\n', '\x0c']) {
        let mut end = start + piece.len();
        let body = piece.trim_end_matches(['\n', '\r', '\x0c']);
        end -= piece.len() - body.len();
        let kind = if body.trim().is_empty() {
            LineKind::Blank
        } else {
            LineKind::Body
        };
        out.push(SrcLine {
            start,
            end,
            kind,
            new_page,
            plain: std::cell::OnceCell::new(),
        });
        new_page = piece.ends_with('\x0c') || (new_page && kind == LineKind::Blank);
        start += piece.len();
    }
    out
}

/// The columns of a line laid out by `pdftotext -layout` (pieces separated by tabs or runs of
/// three or more spaces), each normalised; a barcode (`*2017355*`, which normalisation would
/// read as emphasis) is kept as printed.
fn columns(text: &str, l: &SrcLine) -> Vec<String> {
    let raw = text.get(l.start..l.end).unwrap_or("").trim();
    let raw = HEADING
        .captures(raw)
        .and_then(|c| c.get(2))
        .map_or(raw, |m| m.as_str());
    COLUMN_GAP
        .split(raw)
        .map(|c| {
            if BARCODE.is_match(c.trim()) {
                c.trim().to_owned()
            } else {
                normalize::normalize_line(c, 0).text.text
            }
        })
        .filter(|c| !c.is_empty())
        .collect()
}

/// True when a raw line has a column gap (a tab or three spaces).
fn has_columns(raw: &str) -> bool {
    raw.contains('\t') || raw.contains("   ")
}

/// True when the whole line, or every column of it, satisfies `item`.
fn line_or_columns(text: &str, l: &SrcLine, item: impl Fn(&str) -> bool) -> bool {
    let whole = plain(text, l);
    let raw = text.get(l.start..l.end).unwrap_or("").trim();
    if item(whole) || item(raw) {
        return true;
    }
    if !has_columns(raw) {
        return false;
    }
    let cols = columns(text, l);
    cols.len() > 1 && cols.iter().all(|c| item(c))
}

/// The line's text, trimmed, with Markdown heading hashes and emphasis taken off (for
/// classifying lines, not for paragraph text).
fn plain<'a>(text: &str, l: &'a SrcLine) -> &'a str {
    l.plain.get_or_init(|| {
        let raw = text.get(l.start..l.end).unwrap_or("").trim();
        let raw = HEADING
            .captures(raw)
            .and_then(|c| c.get(2))
            .map_or(raw, |m| m.as_str());
        normalize::normalize_line(raw, 0).text.text
    })
}

/// Sets aside the masthead: the leading lines that are masthead items, symbols, dates under a
/// "Distr." line, job numbers, barcodes or separators. Returns what it says.
fn mark_masthead(text: &str, lines: &mut [SrcLine]) -> Masthead {
    let mut symbols = Vec::new();
    let mut distr_date = None;
    let mut after_distr = false;
    for l in lines.iter_mut() {
        if matches!(l.kind, LineKind::Blank | LineKind::Furniture) {
            continue;
        }
        let raw = text.get(l.start..l.end).unwrap_or("").trim();
        let is_sep = SEPARATOR.is_match(raw);
        let cols = columns(text, l);
        let item = |p: &str| {
            MASTHEAD.is_match(p)
                || SYMBOL_LINE.is_match(p)
                || JOB_NUMBER.is_match(p)
                || BARCODE.is_match(p)
                || RECYCLE.is_match(p)
                || (after_distr && DATE_LINE.is_match(p))
                || DISTR_DATE.is_match(p)
        };
        let furniture = is_sep || line_or_columns(text, l, item);
        if !furniture {
            break;
        }
        let mut distr_here = false;
        for p in &cols {
            if SYMBOL_LINE.is_match(p) {
                symbols.push(p.trim_end_matches('*').to_owned());
            }
            if p.starts_with("Distr") || after_distr || DISTR_DATE.is_match(p) {
                distr_date = distr_date.or_else(|| iso_date(p));
            }
            distr_here |= p.starts_with("Distr");
        }
        after_distr = distr_here;
        l.kind = LineKind::Furniture;
    }
    Masthead {
        symbols,
        distr_date,
        front: FrontMatter::default(),
    }
}

/// What a YAML front-matter block says (Markdown made by converters: `symbol:`, `title:`,
/// `date:` between two `---` lines at the very top).
#[derive(Debug, Clone, Default)]
struct FrontMatter {
    symbol: Option<String>,
    title: Option<String>,
    date: Option<String>,
}

/// Sets aside a YAML front-matter block at the head of the text ("---", `key: value` lines,
/// "---") and reads its symbol, title and date. Anything else at the top is left alone.
fn mark_front_matter(text: &str, lines: &mut [SrcLine]) -> (FrontMatter, Option<Span>) {
    let mut fm = FrontMatter::default();
    let raw = |l: &SrcLine| text.get(l.start..l.end).unwrap_or("").trim_end();
    if lines.first().is_none_or(|l| raw(l) != "---") {
        return (fm, None);
    }
    // The closing "---" within the first lines, every line between being `key: value`, a
    // list item or blank.
    let Some(close) = lines
        .iter()
        .enumerate()
        .skip(1)
        .take(80)
        .find_map(|(i, l)| {
            let r = raw(l);
            if r == "---" || r == "..." {
                return Some(Some(i));
            }
            let ok =
                r.trim().is_empty() || YAML_LINE.is_match(r) || r.starts_with([' ', '-', '\t']);
            (!ok).then_some(None)
        })
    else {
        return (fm, None);
    };
    let Some(close) = close else {
        return (fm, None);
    };
    let span = lines.first().map_or(0, |l| l.start)..lines.get(close).map_or(0, |l| l.end);
    for l in lines.iter_mut().take(close + 1) {
        if let Some(c) = YAML_LINE.captures(raw(l))
            && let (Some(k), Some(v)) = (c.get(1), c.get(2))
        {
            let v = v
                .as_str()
                .trim()
                .trim_matches(['"', '\''])
                .trim()
                .to_owned();
            if !v.is_empty() {
                match k.as_str() {
                    "symbol" => fm.symbol = Some(v),
                    "title" => fm.title = Some(v.trim_end_matches([' ', ':']).to_owned()),
                    "date" => fm.date = iso_date(&v).or(Some(v).filter(|v| ISO_DATE.is_match(v))),
                    _ => {}
                }
            }
        }
        l.kind = LineKind::Furniture;
    }
    (fm, Some(span))
}

/// What the masthead says.
#[derive(Debug, Clone, Default)]
struct Masthead {
    /// Symbols printed there.
    symbols: Vec<String>,
    /// The distribution date ("Distr.: Limited 2 November 2023").
    distr_date: Option<String>,
    /// A YAML front-matter block's metadata.
    front: FrontMatter,
}

/// The title of a resolution printed as "73/189. Title …" (lines up to the next blank line).
fn resolution_title(text: &str, lines: &[SrcLine]) -> Option<String> {
    let mut i = 0;
    while i < lines.len() {
        if lines[i].kind == LineKind::Body {
            let p = plain(text, &lines[i]);
            if let Some(c) = RES_HEADING.captures(p) {
                let mut title = c.get(3).map_or("", |m| m.as_str()).to_owned();
                let mut j = i + 1;
                while let Some(l) = lines.get(j)
                    && l.kind == LineKind::Body
                {
                    let p = plain(text, l);
                    if is_structural(p) || starts_preambular(p) || read_marker(p).is_some() {
                        break;
                    }
                    title.push(' ');
                    title.push_str(p);
                    j += 1;
                }
                return Some(title.trim().to_owned());
            }
        }
        i += 1;
    }
    None
}

fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Sets aside running headers and footers: anchor lines (symbol, page number, job number,
/// barcode, "Please recycle") and the short-title lines next to them (a line that is part of
/// the title, or that repeats elsewhere next to an anchor).
fn mark_running_headers(
    text: &str,
    lines: &mut [SrcLine],
    title: Option<&str>,
    own_symbols: &[String],
) {
    let title = title.map(squash).filter(|t| t.len() >= 10);
    let is_anchor = |p: &str| {
        SYMBOL_LINE.is_match(p)
            || PAGE_NUMBER.is_match(p)
            || JOB_NUMBER.is_match(p)
            || BARCODE.is_match(p)
            || RECYCLE.is_match(p)
    };
    let mut anchor = vec![false; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        if l.kind != LineKind::Body {
            continue;
        }
        let raw = text.get(l.start..l.end).unwrap_or("").trim();
        let cols = if has_columns(raw) {
            columns(text, l)
        } else {
            Vec::new()
        };
        // A header laid out in columns: all anchors ("18-22285   2/6"), or the document's own
        // symbol at one end and the short title at the other, on odd or even pages.
        let own_symbol_at_end = cols.len() >= 2
            && [cols.first(), cols.last()].into_iter().flatten().any(|c| {
                SYMBOL_LINE.is_match(c) && own_symbols.iter().any(|s| c.trim_end_matches('*') == s)
            });
        if line_or_columns(text, l, is_anchor) || own_symbol_at_end {
            anchor[i] = true;
        }
    }
    // Lines next to anchors, counted, to find repeated header lines.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for i in 0..lines.len() {
        if anchor[i] {
            for j in [i.wrapping_sub(1), i + 1] {
                if let Some(l) = lines.get(j)
                    && l.kind == LineKind::Body
                    && !anchor[j]
                {
                    *counts.entry(squash(plain(text, l))).or_default() += 1;
                }
            }
        }
    }
    let is_header_text = |s: &str| -> bool {
        let q = squash(s);
        if q.len() < 6 {
            return false;
        }
        title.as_ref().is_some_and(|t| t.contains(&q)) || counts.get(&q).is_some_and(|&n| n >= 2)
    };
    // Spread from the anchors to neighbouring header lines (a worklist: each line is looked
    // at a bounded number of times).
    let mut furniture = anchor.clone();
    let mut work: Vec<usize> = (0..lines.len()).filter(|&i| anchor[i]).collect();
    while let Some(i) = work.pop() {
        for j in [i.wrapping_sub(1), i + 1] {
            let Some(l) = lines.get(j) else { continue };
            if furniture.get(j).copied().unwrap_or(true) || l.kind != LineKind::Body {
                continue;
            }
            if is_header_text(plain(text, l)) {
                if let Some(f) = furniture.get_mut(j) {
                    *f = true;
                }
                work.push(j);
            }
        }
    }
    for (l, f) in lines.iter_mut().zip(furniture) {
        if f {
            l.kind = LineKind::Furniture;
        }
    }
}

/// A parsed footnote: its mark, its text and the line it starts on.
#[derive(Debug, Clone)]
struct ParsedNote {
    mark: String,
    text: Text,
    /// Source offset where the footnote is printed.
    at: usize,
}

/// Finds footnote blocks, marks their lines and returns the footnotes in order.
fn parse_footnotes(
    text: &str,
    lines: &mut [SrcLine],
    vocab: &Vocab<'_>,
    plain_text: bool,
) -> Vec<ParsedNote> {
    let mut notes: Vec<ParsedNote> = Vec::new();
    let mut parts: Vec<Vec<Line>> = Vec::new();
    let mut in_zone = false;
    let mut last_num: u32 = 0;
    let mut open = false; // the last line was part of a footnote
    let mut after_sep = false; // the last non-blank line was a separator
    for line in lines.iter_mut() {
        let l = line.clone();
        match l.kind {
            LineKind::Blank => {
                open = false;
                continue;
            }
            LineKind::Furniture => {
                in_zone = false;
                open = false;
                continue;
            }
            _ => {}
        }
        let raw_full = text.get(l.start..l.end).unwrap_or("");
        let lead = raw_full.len() - raw_full.trim_start().len();
        let raw = raw_full.trim();
        if SEPARATOR.is_match(raw) {
            line.kind = LineKind::Separator;
            in_zone = true;
            open = false;
            after_sep = true;
            continue;
        }
        let first_after_sep = std::mem::take(&mut after_sep);
        let content_start = l.start + lead;
        // Explicit footnote lines: <sup>n</sup> text, [^n]: text, ¹ text.
        let mut start_of: Option<(String, usize)> = None;
        if let Some(c) = FOOTNOTE_SUP.captures(raw) {
            let mark = c.get(1).or(c.get(2)).map_or("", |m| m.as_str()).to_owned();
            let body = c.get(3).map_or(raw.len(), |m| m.start());
            start_of = Some((mark, content_start + body));
        } else if raw.chars().next().is_some_and(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)) {
            let digits: String = raw
                .chars()
                .take_while(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(*c))
                .collect();
            let rest = &raw[digits.len()..];
            if rest.starts_with(char::is_whitespace) {
                let mark = normalize::normalize_line(&digits, 0)
                    .marks
                    .first()
                    .map(|m| m.mark.clone())
                    .unwrap_or_default();
                start_of = Some((mark, content_start + digits.len()));
            }
        } else if (in_zone || plain_text && raw.starts_with("* "))
            && let Some(c) = FOOTNOTE_SYMBOL.captures(raw)
        {
            // In PDF text a line opening with "* " is the symbol footnote of the title or the
            // sponsors even where the separator above it was drawn, not printed.
            let mark = c.get(1).map_or("*", |m| m.as_str()).to_owned();
            let body = c.get(2).map_or(raw.len(), |m| m.start());
            start_of = Some((mark, content_start + body));
        } else if in_zone && let Some(c) = FOOTNOTE_DIGITS.captures(raw) {
            let n: u32 = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
            // A line of a footnote left unfinished ("… Rio de Janeiro," / "3 – 14 June 1992 …")
            // goes on with it unless it opens with the very next footnote number.
            let unfinished = open
                && parts
                    .last()
                    .and_then(|p| p.last())
                    .is_some_and(|l| !ends_closed(&l.text.text, true));
            let next_only = unfinished && n != last_num + 1;
            if !next_only
                && (n > last_num && n <= last_num + 3 || (n >= 1 && last_num == 0 && n <= 200))
            {
                let body = c.get(2).map_or(raw.len(), |m| m.start());
                start_of = Some((n.to_string(), content_start + body));
            }
        }
        if let Some((mark, body_start)) = start_of {
            if let Ok(n) = mark.parse::<u32>() {
                last_num = n;
            }
            line.kind = LineKind::Footnote;
            let body = text.get(body_start..l.end).unwrap_or("");
            notes.push(ParsedNote {
                mark,
                text: Text::new(),
                at: l.start,
            });
            parts.push(vec![normalize::normalize_line(body, body_start)]);
            open = true;
            in_zone = true;
            continue;
        }
        // The first line under a separator that starts no footnote goes on with the last
        // footnote when that was left unfinished (a footnote running over a page break).
        let unfinished = parts
            .last()
            .and_then(|p| p.last())
            .is_some_and(|l| !ends_closed(&l.text.text, true));
        if first_after_sep && unfinished && !raw.starts_with('#') {
            open = true;
        }
        if open {
            // A continuation line of the footnote.
            line.kind = LineKind::Footnote;
            if let Some(p) = parts.last_mut() {
                p.push(normalize::normalize_line(raw, content_start));
            }
            continue;
        }
        in_zone = false;
    }
    for (n, p) in notes.iter_mut().zip(parts) {
        n.text = join_lines(&p, vocab).text;
    }
    notes
}

/// Joins lines into one, with hyphenation across line breaks resolved.
fn join_lines(lines: &[Line], vocab: &Vocab<'_>) -> Line {
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
struct Vocab<'a> {
    /// Lower-cased words, hyphenated compounds whole ("follow-up"); soft hyphens dropped. A
    /// word printed in lower case with plain hyphens is borrowed from the text.
    words: std::collections::HashSet<std::borrow::Cow<'a, str>>,
}

impl<'a> Vocab<'a> {
    /// Collects the words of a text in one pass. A hyphen counts as part of a word only between
    /// two letters on the same line, so a word broken at a line end is not taken as a spelling.
    fn of(text: &'a str) -> Self {
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
fn push_line(out: &mut Line, l: &Line, vocab: &Vocab<'_>) {
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
        let e = out.text.span().end;
        out.text.push_mapped(" ", e..l.text.span().start.max(e));
        base = out.text.len();
    }
    normalize::append(&mut out.text, &l.text);
    out.marks.extend(l.marks.iter().map(|m| Mark {
        mark: m.mark.clone(),
        at: base + m.at,
    }));
}

/// Reads a paragraph marker at the start of a normalised line: the marker and its byte length
/// (with the following space).
fn read_marker(s: &str) -> Option<(Marker, usize)> {
    if let Some(c) = NUMBER_MARKER.captures(s) {
        let all = c.get(0)?;
        let n: u32 = c.get(1)?.as_str().parse().ok()?;
        let suffix = c.get(2).map(|m| m.as_str().to_owned());
        let rest = &s[all.end()..];
        if suffix.is_none()
            && let Some(lc) = LETTER_MARKER.captures(rest)
        {
            let l = lc.get(1).or(lc.get(2))?.as_str().to_owned();
            let len = all.end() + lc.get(0)?.end();
            if l.len() == 1 && starts_text(&s[len..]) {
                return Some((Marker::NumberLetter(n, l), len));
            }
        }
        if starts_text(rest) {
            return Some((Marker::Number(n, suffix), all.end()));
        }
        return None;
    }
    if let Some(c) = LETTER_MARKER.captures(s) {
        let all = c.get(0)?;
        let paren = c.get(1).is_some();
        let l = c.get(1).or(c.get(2))?.as_str().to_owned();
        let roman = l.chars().all(|c| "ivxl".contains(c));
        if (l.len() == 1 || roman || paren) && starts_text(&s[all.end()..]) {
            return Some((Marker::Letter(l), all.end()));
        }
    }
    None
}

/// True when what follows a marker looks like the start of paragraph text (or nothing).
fn starts_text(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) => c.is_uppercase() || "\"'(«".contains(c) || c.is_ascii_digit(),
    }
}

/// True when a paragraph's text ends in sentence-final punctuation.
fn ends_closed(s: &str, strict: bool) -> bool {
    let t = s.trim_end_matches(|c: char| "\"')]”’".contains(c) || c.is_whitespace());
    match t.chars().next_back() {
        None => true,
        Some(c) => {
            if strict {
                ".;:!?".contains(c)
            } else {
                ".,;:!?".contains(c)
            }
        }
    }
}

/// Builds the paragraphs from the body lines.
fn paragraphs(text: &str, lines: &[SrcLine], vocab: &Vocab<'_>) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::new();
    let mut prev_body: Option<usize> = None; // index of the previous body line
    let mut top: Option<(u32, String)> = None; // last top-level number
    let mut letter: Option<String> = None;
    let mut roman: Option<String> = None;
    let mut page_break = false;
    let mut break_after = false; // the previous line was a line of its own (a chapeau)
    for (i, l) in lines.iter().enumerate() {
        match l.kind {
            LineKind::Body => {}
            LineKind::Furniture | LineKind::Footnote | LineKind::Separator => {
                page_break = true;
                continue;
            }
            LineKind::Blank => continue,
        }
        let raw_full = text.get(l.start..l.end).unwrap_or("");
        let lead = raw_full.len() - raw_full.trim_start().len();
        let mut raw = raw_full.trim();
        let mut start = l.start + lead;
        let mut heading = false;
        if let Some(c) = HEADING.captures(raw)
            && let Some(m) = c.get(2)
        {
            heading = true;
            start += m.start();
            raw = m.as_str();
        }
        if let Some(m) = BULLET.find(raw)
            && raw.len() > m.end()
        {
            start += m.end();
            raw = &raw[m.end()..];
        }
        if l.new_page {
            page_break = true;
        }
        // A Markdown table: the rule row is dropped, each row is a paragraph of its cells.
        let table_row = !heading && raw.starts_with('|');
        if table_row && TABLE_RULE.is_match(raw) {
            continue;
        }
        let mut line = if table_row {
            let mut cells = Vec::new();
            let mut off = 0;
            for cell in raw.split('|') {
                let lead = cell.len() - cell.trim_start().len();
                let c = normalize::normalize_line(cell.trim(), start + off + lead);
                if !c.text.is_empty() || !c.marks.is_empty() {
                    cells.push(c);
                }
                off += cell.len() + 1;
            }
            normalize::join(&cells)
        } else {
            normalize::normalize_line(raw, start)
        };
        // A paragraph of a quoted text (a draft a body recommends for adoption) opens with a
        // quotation mark: it is set aside so that the paragraph reads as any other.
        let quote = opening_quote(&line.text.text);
        if quote > 0 {
            line = drop_prefix(line, quote);
        }
        // A section heading glued to the paragraph after it by a converter ("Global context
        // and shared commitments 3. We gather …"): the heading is a paragraph of its own and
        // the number is read, when it is the next number of the run.
        let block_start = prev_body != Some(i.wrapping_sub(1))
            || out
                .last()
                .is_some_and(|d| SECTION_NUMBER.is_match(d.line.text.text.trim()));
        if quote == 0
            && !table_row
            && block_start
            && let Some(c) = GLUED_HEADING.captures(&line.text.text)
            && let (Some(h), Some(n)) = (c.get(1), c.get(2))
            && n.as_str()
                .parse::<u32>()
                .ok()
                .is_some_and(|n| top.as_ref().map_or(n == 1, |t| n > t.0 && n <= t.0 + 3))
            && (2..=24).contains(&h.as_str().split_whitespace().count())
        {
            let cut = n.start();
            let head_text = line.text.slice(0..h.end());
            out.push(Draft {
                line: Line {
                    text: head_text,
                    marks: Vec::new(),
                    soft_hyphen_end: false,
                },
                number: None,
                heading: true,
                last_line: i,
            });
            line = drop_prefix(line, cut);
            prev_body = Some(i);
            page_break = false;
        }
        let structural = is_structural(&line.text.text);
        let mut contiguous = prev_body == Some(i.wrapping_sub(1))
            && !heading
            && !table_row
            && !structural
            && !break_after;
        // A preambular phrase starting on the line after one that closed a preambular
        // paragraph ("…,\nReaffirming …") starts a paragraph even without a blank line.
        if contiguous
            && let Some(d) = out.last()
            && d.number.is_none()
            && ends_clause(&d.line.text.text)
            && starts_preambular(&line.text.text)
        {
            contiguous = false;
        }
        break_after = structural || table_row;
        // A paragraph number whose dot the PDF text lost ("26" / "Affirms …") counts when it
        // is the very next number of the run and opens a block.
        let marker = read_marker(&line.text.text).or_else(|| {
            let c = NUMBER_NO_DOT.captures(&line.text.text)?;
            let n: u32 = c.get(1)?.as_str().parse().ok()?;
            let end = c.get(1)?.end();
            let next = top.as_ref().is_some_and(|t| t.0 + 1 == n);
            (next && !contiguous).then_some((Marker::Number(n, None), end))
        });
        // Resolve the marker against the numbering so far.
        let mut number: Option<String> = None;
        let mut marker_len = 0;
        if let Some((m, len)) = marker {
            let resolved = match &m {
                Marker::Number(n, suffix) => {
                    let plausible = match &top {
                        None => true,
                        Some((last, _)) => {
                            *n == 1
                                || (*n > *last && *n <= *last + 5)
                                || (suffix.is_some() && (*n == *last || *n == *last + 1))
                        }
                    };
                    if plausible {
                        let num = format!("{n}{}", suffix.clone().unwrap_or_default());
                        top = Some((*n, num.clone()));
                        letter = None;
                        roman = None;
                        Some(num)
                    } else {
                        None
                    }
                }
                Marker::NumberLetter(n, l) => {
                    let num = n.to_string();
                    top = Some((*n, num.clone()));
                    letter = Some(l.clone());
                    roman = None;
                    Some(format!("{num}({l})"))
                }
                Marker::Letter(l) => {
                    let next_letter = letter
                        .as_deref()
                        .and_then(|p| p.chars().next())
                        .map(|c| char::from_u32(c as u32 + 1).unwrap_or(c).to_string());
                    let is_letter = l.len() == 1
                        && (next_letter.as_deref() == Some(l.as_str())
                            || (letter.is_none() && l == "a"));
                    let is_roman = !is_letter
                        && l.chars().all(|c| "ivxl".contains(c))
                        && letter.is_some()
                        && (l == "i" || roman.as_deref().is_some_and(|r| next_roman(r) == *l));
                    let parent = top.as_ref().map(|t| t.1.clone()).unwrap_or_default();
                    if is_roman {
                        roman = Some(l.clone());
                        Some(format!(
                            "{parent}({})({l})",
                            letter.clone().unwrap_or_default()
                        ))
                    } else if l.len() == 1 || is_letter {
                        letter = Some(l.clone());
                        roman = None;
                        Some(format!("{parent}({l})"))
                    } else {
                        None
                    }
                }
            };
            if resolved.is_some() {
                number = resolved;
                marker_len = len;
            }
        }
        if marker_len > 0 {
            line = drop_prefix(line, marker_len);
        }
        let starts_new = heading || number.is_some() || !contiguous;
        if !starts_new && let Some(d) = out.last_mut() {
            push_line(&mut d.line, &line, vocab);
            d.last_line = i;
            prev_body = Some(i);
            continue;
        }
        // A block without a number after a break: a continuation of the previous paragraph?
        if number.is_none()
            && !heading
            && let Some(d) = out.last_mut()
        {
            let first = line.text.text.chars().next();
            // Drafting grammar: a paragraph opens with a word, a quotation mark or its number;
            // a block opening with a bare number that is not a paragraph number ("2019 (No.
            // 190), encouraging …" after a page break) or with punctuation goes on the
            // previous paragraph.
            let t = line.text.text.as_str();
            let lower = first.is_some_and(|c| {
                c.is_lowercase()
                    || ",;:.)".contains(c)
                    || (c.is_ascii_digit()
                        && (d.line.text.text.trim_end().ends_with(',')
                            || d.number.is_some() && !ends_closed(&d.line.text.text, true))
                        && !table_row
                        && !PLENARY.is_match(t)
                        && !DATE_LINE.is_match(t))
            });
            // A block opening like a list item ("Supporting a …", "To ensure …") after a break
            // is an item (its letter lost), not the rest of the paragraph before it.
            let open_numbered = d.number.is_some()
                && !ends_closed(&d.line.text.text, true)
                && !item_shape(&line.text.text);
            // A page break after a complete preambular clause ("…,6" and its footnotes) before
            // a preambular opener ("Acknowledging …") is a paragraph break.
            let new_clause = ends_clause(&d.line.text.text) && starts_preambular(&line.text.text);
            let open_any = page_break && !new_clause && !ends_closed(&d.line.text.text, false);
            // A number printed alone before a break ("1." at a page foot, text on the next page).
            let bare_number = d.number.is_some() && d.line.text.is_empty();
            if !d.heading && !structural && (lower || open_numbered || open_any || bare_number) {
                push_line(&mut d.line, &line, vocab);
                d.last_line = i;
                prev_body = Some(i);
                page_break = false;
                continue;
            }
        }
        out.push(Draft {
            line,
            number,
            heading,
            last_line: i,
        });
        prev_body = Some(i);
        page_break = false;
    }
    // "5. a." printed without text of its own: no paragraph 5 of its own exists; drop empty
    // marker-only paragraphs that got no text.
    out.retain(|d| !d.line.text.is_empty() || !d.line.marks.is_empty());
    out
}

/// The line without its first `n` bytes of normalised text (a marker, a quotation mark); the
/// footnote marks move with the text and the spans stay exact.
fn drop_prefix(line: Line, n: usize) -> Line {
    let marks = line
        .marks
        .into_iter()
        .filter(|m| m.at >= n)
        .map(|m| Mark {
            mark: m.mark,
            at: m.at - n,
        })
        .collect();
    Line {
        text: line.text.slice(n..line.text.len()),
        marks,
        soft_hyphen_end: line.soft_hyphen_end,
    }
}

/// The length of an opening quotation mark (straight or curly) that opens a paragraph of a
/// quoted text: one followed by a paragraph marker, a chapeau, a preambular opener or an
/// operative verb (`"1. Urges …`, `"Recalling …`). 0 when there is none.
fn opening_quote(s: &str) -> usize {
    let Some(q) = s.chars().next().filter(|c| "\"“„«".contains(*c)) else {
        return 0;
    };
    let rest = s[q.len_utf8()..].trim_start();
    let opens = read_marker(rest).is_some()
        || CHAPEAU.is_match(rest.trim_end_matches(['"', '”', '»']))
        || starts_preambular(rest)
        || looks_operative(rest);
    if opens { s.len() - rest.len() } else { 0 }
}

/// True when a paragraph's text ends a clause with a comma or a semicolon, perhaps followed by
/// the bare digits of a footnote mark (`"…and Crime,6"`).
fn ends_clause(s: &str) -> bool {
    let t = s.trim_end();
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    // The mark may be glued ("Crime,6") or set off by a space ("Civilizations, 2").
    let t = if digits <= 3 {
        t[..t.len() - digits].trim_end()
    } else {
        t
    };
    t.ends_with([',', ';'])
}

/// True for a line that is a paragraph of its own whatever surrounds it: a resolution's chapeau
/// ("The Human Rights Council,"), its adoption line ("Resolution adopted by …") or its heading
/// ("50/7. Title", "2023/1. Title").
fn is_structural(s: &str) -> bool {
    CHAPEAU.is_match(s)
        || s.starts_with("Resolution adopted by")
        || s.starts_with("Decision adopted by")
        || RES_HEADING.is_match(s)
}

/// Adjectives and phrases that open a preambular paragraph besides participles.
const PREAMBLE_OPENERS: &[&str] = &[
    "Deeply",
    "Gravely",
    "Seriously",
    "Mindful",
    "Convinced",
    "Aware",
    "Conscious",
    "Concerned",
    "Alarmed",
    "Determined",
    "Cognizant",
    "Guided",
    "Bearing",
    "Desirous",
    "Fully",
    "Strongly",
    "Firmly",
    "Also",
    "Further",
    "Noting",
    "Taking",
];

/// True when a line opens like a preambular paragraph: a capitalised participle ("Recalling",
/// "Reaffirming") or one of [`PREAMBLE_OPENERS`].
fn starts_preambular(s: &str) -> bool {
    let w = s.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let capitalised = w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).all(char::is_lowercase);
    capitalised && ((w.len() > 5 && w.ends_with("ing")) || PREAMBLE_OPENERS.contains(&w))
}

fn next_roman(r: &str) -> String {
    const R: &[&str] = &[
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx",
    ];
    R.iter()
        .position(|x| *x == r)
        .and_then(|p| R.get(p + 1))
        .map_or_else(String::new, |s| (*s).to_owned())
}

/// True when an unnumbered paragraph of a resolution reads as an operative act ("Adopts …",
/// "Decides …") rather than a preambular phrase.
fn looks_operative(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let mut w = words.next().unwrap_or("");
    if matches!(
        w,
        "Also" | "Further" | "Again" | "Hereby" | "Strongly" | "Once"
    ) {
        w = words.next().unwrap_or("");
        if w == "again" {
            w = words.next().unwrap_or("");
        }
    }
    let w = w.trim_matches(|c: char| !c.is_alphabetic());
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ous")
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && w.chars().skip(1).all(char::is_lowercase)
}

/// True when a paragraph's text stops mid-sentence: its last character (past closing quotes and
/// brackets and a footnote mark glued to punctuation or a word, "Weapons,6", or set off after
/// a comma, "Civilizations, 2") is not punctuation that ends a clause.
fn ends_open(s: &str) -> bool {
    let t = s.trim_end();
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let mut t = t;
    if (1..=3).contains(&digits) {
        let head = &t[..t.len() - digits];
        let glued = head
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() || ",;:.\"'”’)".contains(c));
        let spaced = head.ends_with(", ") || head.ends_with("; ");
        if glued || spaced {
            t = head.trim_end();
        }
    }
    !ends_closed(t, false)
}

/// Mends the paragraphs the layout split in the middle of a sentence, by the drafting grammar:
/// after a resolution's chapeau, a block that does not open like a preambular paragraph
/// (a participle or adjective phrase) while the paragraph before it stops mid-sentence ("… and
/// the Final" / "Documents of the 2000 Review Conference …", a page break in re-flowed
/// Markdown) goes on with it; so does an unnumbered block after a numbered paragraph that
/// stops mid-sentence. One odd line thus never changes the numbering of the rest.
fn mend(drafts: &mut Vec<Draft>, vocab: &Vocab<'_>) {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    let mut in_preamble = false;
    for d in drafts.drain(..) {
        let t = d.line.text.text.trim();
        if d.number.is_none() && CHAPEAU.is_match(t) {
            in_preamble = true;
            out.push(d);
            continue;
        }
        if d.number.is_some() {
            in_preamble = false;
        }
        if d.number.is_none()
            && !d.heading
            && !is_structural(t)
            && !starts_preambular(t)
            && let Some(prev) = out.last_mut()
            && !prev.heading
            && ends_open(&prev.line.text.text)
        {
            let p = prev.line.text.text.trim();
            let prev_preambular = in_preamble && prev.number.is_none() && !CHAPEAU.is_match(p);
            if prev_preambular || prev.number.is_some() {
                push_line(&mut prev.line, &d.line, vocab);
                prev.last_line = d.last_line;
                continue;
            }
        }
        out.push(d);
    }
    *drafts = out;
}

/// True when a block opens like an item of a list: a capitalised gerund followed by a
/// lower-case word ("Supporting a favourable …", not "Beijing Declaration") or "To" and a
/// lower-case word ("To ensure …").
fn item_shape(t: &str) -> bool {
    let mut ws = t.split_whitespace();
    let first = ws.next().unwrap_or("");
    let second_lower = ws
        .next()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_lowercase);
    let gerund = first.len() > 5
        && first.ends_with("ing")
        && first.chars().next().is_some_and(char::is_uppercase)
        && first.chars().skip(1).all(char::is_lowercase);
    (gerund || first == "To") && second_lower
}

/// Gives the sub-paragraphs whose letters the source lost the next letter of their list: after
/// a numbered paragraph ending with a colon ("29. We will …:") and while the list goes on (the
/// item before ends with ";", ",", "; and" or ":"), an unnumbered block that is no heading, no
/// structural line and no plenary line is the next item ("29(a)", then "29(b)" … up to a
/// printed "29(m)"). Each inferred letter is reported.
///
/// Likewise an operative paragraph whose number the source lost: an unnumbered block opening
/// with a third-person act ("Expresses its profound gratitude …") right after operative
/// paragraph n that closed its sentence, where the run does not go on with n + 1, is n + 1.
fn infer_letters(drafts: &mut [Draft]) -> Vec<Issue> {
    let mut issues = Vec::new();
    // (parent number, next letter) while a list is open
    let mut list: Option<(String, u8)> = None;
    let mut prev_open = false;
    // the last top-level operative number, and whether its paragraph closed its sentence
    let mut top: Option<(u32, bool)> = None;
    // for each draft, the next top-level number printed after it
    let mut next_top: Vec<Option<u32>> = vec![None; drafts.len()];
    let mut seen: Option<u32> = None;
    for (k, d) in drafts.iter().enumerate().rev() {
        next_top[k] = seen;
        if let Some(n) = d.number.as_deref().and_then(|n| n.parse::<u32>().ok()) {
            seen = Some(n);
        }
    }
    for (k, d) in drafts.iter_mut().enumerate() {
        let t = d.line.text.text.trim();
        let ends = t.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
        let continues =
            ends.ends_with([';', ':', ',']) || ends.ends_with(" and") || ends.ends_with(" or");
        match d.number.as_deref() {
            Some(n) if !n.starts_with("PP") => {
                if let Some((parent, letter)) = n.split_once('(') {
                    let l = letter.trim_end_matches(')');
                    if l.len() == 1 && !n.contains(")(") {
                        let next = l.as_bytes().first().copied().unwrap_or(b'a') + 1;
                        list = Some((parent.to_owned(), next));
                    }
                } else if t.trim_end().ends_with(':') || ends_open(t) {
                    top = n.parse().ok().map(|n| (n, false));
                    // A chapeau, or a paragraph the source cut before its colon ("… we"):
                    // the items after it, if any, are its sub-paragraphs.
                    list = Some((n.to_owned(), b'a'));
                } else {
                    list = None;
                    top = n.parse().ok().map(|n| (n, ends.ends_with([';', '.'])));
                }
                prev_open = continues;
            }
            Some(_) => {
                list = None;
                prev_open = false;
                top = None;
            }
            None => {
                // An item of an open list: after an item that goes on (";", ":", ", and"), or
                // opening like one ("Taking …", "To …") where the source cut the item before.
                let item_shape = item_shape(t);
                let item = !d.heading
                    && !is_structural(t)
                    && !PLENARY.is_match(t)
                    && !crate::diagnose::short_heading(t)
                    && !t.is_empty()
                    && (prev_open || item_shape);
                match list.as_mut() {
                    Some((parent, letter)) if item && letter.is_ascii_lowercase() => {
                        let l = char::from(*letter);
                        let number = format!("{parent}({l})");
                        issues.push(Issue {
                            kind: IssueKind::LetterInferred,
                            message: format!(
                                "sub-paragraph {number}: its letter is not printed in the source; inferred from its list"
                            ),
                            span: d.line.text.span(),
                        });
                        d.number = Some(number);
                        *letter += 1;
                        prev_open = continues;
                    }
                    _ => {
                        list = None;
                        prev_open = false;
                        let lost = top.filter(|&(n, closed)| {
                            closed
                                && !d.heading
                                && !is_structural(t)
                                && looks_operative(t)
                                && next_top.get(k).copied().flatten() != Some(n + 1)
                        });
                        if let Some((n, _)) = lost {
                            let number = (n + 1).to_string();
                            issues.push(Issue {
                                kind: IssueKind::NumberInferred,
                                message: format!(
                                    "paragraph {number}: its number is not printed in the source; inferred from the numbering"
                                ),
                                span: d.line.text.span(),
                            });
                            d.number = Some(number);
                            top = Some((n + 1, ends.ends_with([';', '.'])));
                        } else {
                            top = None;
                        }
                    }
                }
            }
        }
    }
    issues
}

/// Numbers the preambular paragraphs `PP1`, `PP2`, … : the unnumbered paragraphs between a
/// resolution's chapeau and its first numbered paragraph.
fn assign_preamble(drafts: &mut [Draft]) {
    // Section headings of PDF text: a Roman numeral alone ("I", "II."), with or without its
    // title on the same block, and the short title block right after a lone numeral.
    let mut after_numeral = false;
    for d in drafts.iter_mut() {
        let t = d.line.text.text.trim();
        if d.number.is_some() {
            after_numeral = false;
            continue;
        }
        let lone = ROMAN_ALONE.is_match(t);
        let titled = ROMAN_TITLED.is_match(t) && crate::diagnose::short_heading(t);
        if lone || titled || (after_numeral && crate::diagnose::short_heading(t)) {
            d.heading = true;
        }
        after_numeral = lone;
    }
    let mut i = 0;
    let mut pp = 0;
    let mut seen_chapeau = false;
    while i < drafts.len() {
        let d = &drafts[i];
        let t = d.line.text.text.trim();
        // The preamble after the chapeau, or a section's preamble after its heading (a
        // resolution in several sections, each with preambular and operative paragraphs).
        let section_start = seen_chapeau
            && d.heading
            && drafts
                .get(i + 1..)
                .and_then(|rest| rest.iter().find(|e| !e.heading))
                .is_some_and(|e| e.number.is_none() && starts_preambular(e.line.text.text.trim()));
        if (d.number.is_none() && CHAPEAU.is_match(t)) || section_start {
            seen_chapeau = true;
            let mut j = i + 1;
            while j < drafts.len() {
                let e = &drafts[j];
                if e.heading {
                    // a heading inside the preamble: skipped when preambular paragraphs go on
                    let goes_on = drafts
                        .get(j + 1..)
                        .and_then(|rest| rest.iter().find(|x| !x.heading))
                        .is_some_and(|x| {
                            x.number.is_none() && starts_preambular(x.line.text.text.trim())
                        });
                    if goes_on {
                        j += 1;
                        continue;
                    }
                    break;
                }
                if e.number.is_some() || looks_operative(&e.line.text.text) {
                    break;
                }
                pp += 1;
                drafts[j].number = Some(format!("PP{pp}"));
                j += 1;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
}

/// Takes bare footnote digits out, attaches footnotes and makes the final paragraphs.
fn finish(drafts: Vec<Draft>, notes: &[ParsedNote]) -> (Vec<Paragraph>, Vec<Issue>) {
    let defined: BTreeSet<u32> = notes.iter().filter_map(|n| n.mark.parse().ok()).collect();
    let explicit: BTreeSet<u32> = drafts
        .iter()
        .flat_map(|d| d.line.marks.iter())
        .filter_map(|m| m.mark.parse().ok())
        .collect();
    let mut remaining: BTreeSet<u32> = defined.difference(&explicit).copied().collect();
    let mut last_seen: u32 = 0;
    let mut seen: BTreeSet<u32> = BTreeSet::new();
    let mut out = Vec::new();
    let mut marks_per_para: Vec<Vec<String>> = Vec::new();
    for d in drafts {
        let mut text = d.line.text;
        let mut marks: Vec<(usize, String)> = d
            .line
            .marks
            .iter()
            .map(|m| (m.at, m.mark.clone()))
            .collect();
        if !defined.is_empty() {
            let cands = normalize::bare_mark_candidates(&text.text);
            let mut events: Vec<(usize, Option<usize>)> =
                marks.iter().map(|m| (m.0, None)).collect();
            events.extend(
                cands
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (c.range.start, Some(k))),
            );
            events.sort();
            let mut remove = Vec::new();
            let mut found = Vec::new();
            for (at, ev) in events {
                match ev {
                    None => {
                        if let Some(n) = marks
                            .iter()
                            .find(|m| m.0 == at)
                            .and_then(|m| m.1.parse::<u32>().ok())
                        {
                            last_seen = last_seen.max(n);
                            seen.insert(n);
                        }
                    }
                    Some(k) => {
                        let Some(c) = cands.get(k) else { continue };
                        let Ok(n) = c.mark.parse::<u32>() else {
                            continue;
                        };
                        // The next marks still expected after the last one found: a mark
                        // lost by the layout (printed at the start of a line, in a heading)
                        // must not stop the marks after it from being found.
                        let expected: Vec<u32> = remaining
                            .iter()
                            .filter(|&&m| m > last_seen)
                            .take(3)
                            .copied()
                            .collect();
                        let fresh = expected.contains(&n) && n > last_seen;
                        let repeat = c.kind == BareKind::Glued && seen.contains(&n);
                        if fresh || repeat {
                            remaining.remove(&n);
                            seen.insert(n);
                            last_seen = last_seen.max(n);
                            remove.push(c.remove.clone());
                            found.push((c.remove.start, c.mark.clone()));
                        }
                    }
                }
            }
            if !remove.is_empty() {
                remove.sort_by_key(|r| r.start);
                // Shift the explicit marks for the removed bytes.
                let shift = |at: usize| -> usize {
                    at - remove
                        .iter()
                        .filter(|r| r.end <= at)
                        .map(|r| r.end - r.start)
                        .sum::<usize>()
                };
                marks = marks.into_iter().map(|(a, m)| (shift(a), m)).collect();
                marks.extend(found.into_iter().map(|(a, m)| (shift(a), m)));
                marks.sort();
                text = normalize::remove_ranges(&text, &remove);
            }
        }
        let kind = if d.heading {
            ParagraphKind::Heading
        } else {
            match &d.number {
                Some(n) if n.starts_with("PP") => ParagraphKind::Preambular,
                Some(_) => ParagraphKind::Operative,
                None => ParagraphKind::Unnumbered,
            }
        };
        marks_per_para.push(marks.iter().map(|m| m.1.clone()).collect());
        out.push(Paragraph {
            index: 0,
            number: d.number,
            kind,
            text,
            footnotes: Vec::new(),
        });
    }
    let issues = attach_footnotes(&mut out, &marks_per_para, notes);
    (out, issues)
}

/// Attaches each footnote to the paragraphs carrying its mark; a footnote whose mark is printed
/// nowhere goes to the paragraph after the one carrying the previous mark.
fn attach_footnotes(
    paras: &mut [Paragraph],
    marks: &[Vec<String>],
    notes: &[ParsedNote],
) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut holders_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (pi, ms) in marks.iter().enumerate() {
        for m in ms {
            let h = holders_of.entry(m.as_str()).or_default();
            if h.last() != Some(&pi) {
                h.push(pi);
            }
        }
    }
    // First holder of each numeric mark, sorted by mark.
    let mut numbered: Vec<(u32, usize)> = holders_of
        .iter()
        .filter_map(|(m, h)| Some((m.parse::<u32>().ok()?, *h.first()?)))
        .collect();
    numbered.sort_unstable();
    let mut seen_marks: BTreeSet<&str> = BTreeSet::new();
    for note in notes {
        if !seen_marks.insert(note.mark.as_str()) {
            continue;
        }
        let holders: Vec<usize> = match holders_of.get(note.mark.as_str()) {
            Some(h) => h.clone(),
            None => {
                let h: Vec<usize> = lost_mark_holder(paras, &numbered, note)
                    .into_iter()
                    .collect();
                if note.mark.parse::<u32>().is_ok() {
                    let to = h.first().and_then(|&i| paras.get(i)).map_or_else(
                        || "no paragraph".to_owned(),
                        |p| {
                            format!(
                                "paragraph {}",
                                p.number.as_deref().unwrap_or("without a number")
                            )
                        },
                    );
                    issues.push(Issue {
                        kind: IssueKind::MarkNotFound,
                        message: format!(
                            "footnote {}: its mark was not found in the text; attached by its place to {to}",
                            note.mark
                        ),
                        span: note.text.span(),
                    });
                }
                h
            }
        };
        for h in holders {
            if let Some(p) = paras.get_mut(h) {
                p.footnotes.push(Footnote {
                    mark: note.mark.clone(),
                    text: note.text.clone(),
                });
            }
        }
    }
    issues
}

/// Where a footnote whose mark is printed nowhere belongs. Marks run in order, so it lies
/// between the holders of the nearest marks before and after it: the first paragraph strictly
/// between them, or (with no later mark) the paragraph the footnote block is printed in.
fn lost_mark_holder(
    paras: &[Paragraph],
    numbered: &[(u32, usize)],
    note: &ParsedNote,
) -> Option<usize> {
    let n: u32 = note.mark.parse().ok()?;
    let split = numbered.partition_point(|(m, _)| *m < n);
    let prev = split
        .checked_sub(1)
        .and_then(|k| numbered.get(k))
        .map(|x| x.1);
    let next = numbered
        .get(split..)
        .unwrap_or_default()
        .iter()
        .find(|(m, _)| *m > n)
        .map(|x| x.1);
    let printed_in = paras
        .partition_point(|p| p.text.span().start < note.at)
        .checked_sub(1);
    match (prev, next) {
        (Some(p), Some(q)) if q > p + 1 => Some(p + 1),
        (Some(p), Some(_)) => Some(p),
        (Some(p), None) => Some(printed_in.filter(|&b| b >= p).unwrap_or(p)),
        (None, Some(q)) => Some(q),
        (None, None) => printed_in,
    }
}

/// Converts "17 December 2018" to "2018-12-17".
fn iso_date(s: &str) -> Option<String> {
    let month = |m: &str| -> Option<u32> {
        Some(match m {
            "January" => 1,
            "February" => 2,
            "March" => 3,
            "April" => 4,
            "May" => 5,
            "June" => 6,
            "July" => 7,
            "August" => 8,
            "September" => 9,
            "October" => 10,
            "November" => 11,
            "December" => 12,
            _ => return None,
        })
    };
    if let Some(c) = DATE.captures(s) {
        let d: u32 = c.get(1)?.as_str().parse().ok()?;
        let m = month(c.get(2)?.as_str())?;
        let y = c.get(3)?.as_str();
        if (1..=31).contains(&d) {
            return Some(format!("{y}-{m:02}-{d:02}"));
        }
    }
    if let Some(c) = DATE_US.captures(s) {
        let m = month(c.get(1)?.as_str())?;
        let d: u32 = c.get(2)?.as_str().parse().ok()?;
        let y = c.get(3)?.as_str();
        if (1..=31).contains(&d) {
            return Some(format!("{y}-{m:02}-{d:02}"));
        }
    }
    None
}

/// Reads the document metadata.
///
/// - Symbols: those of the masthead, a resolution heading "76/7." (→ `A/RES/76/7`), a line
///   "Document A/C.3/…". Symbols cited in the text (the draft a resolution was adopted on) are
///   not the document's.
/// - Date: the adoption date ("Resolution adopted by the General Assembly on 17 December 2018",
///   or the date under "56th plenary meeting"); otherwise the first date line of a covering
///   letter; for a draft that bears no other date (a Main Committee draft), its "Distr." date;
///   otherwise none (the "Distr." date of an adopted text is its distribution date).
/// - Status: summary for prose about a document; adopted for a resolution or a text that says
///   it was adopted; draft when the text calls itself a draft.
/// - Kind and title.
fn metadata(paras: &[Paragraph], masthead: &Masthead, res_title: Option<String>) -> Metadata {
    let mut meta = Metadata::default();
    let mut symbols: Vec<String> = masthead.symbols.clone();
    if let Some(s) = &masthead.front.symbol
        && !symbols.contains(s)
    {
        symbols.push(s.clone());
    }
    let numbered = paras.iter().any(|p| p.number.is_some());
    let first_numbered = paras
        .iter()
        .position(|p| p.number.is_some())
        .unwrap_or(paras.len());
    let mut adopted_date = None;
    let mut adopted = false;
    let mut res_heading = false;
    let mut chapeau = false;
    let mut we_speaker = false;
    let mut summary_prose = 0;
    let mut draft_words = 0;
    let mut letter_date = None;
    let mut plenary_date = None;
    let mut letters = false;
    let mut heading_numbers: Option<(String, String)> = None;
    let mut body: Option<String> = None;
    for (i, p) in paras.iter().enumerate() {
        let t = p.text.text.trim();
        // The adoption line, read once; the literal word is a cheap filter for the regex.
        let adoption = if ADOPTED_WORD.is_match(t) {
            ADOPTED.captures(t)
        } else {
            None
        };
        if p.number.is_none() {
            if let Some(c) = RES_HEADING.captures(t)
                && let (Some(a), Some(b)) = (c.get(1), c.get(2))
                && !res_heading
            {
                heading_numbers = Some((a.as_str().to_owned(), b.as_str().to_owned()));
                res_heading = true;
            }
            if body.is_none() {
                body = adoption
                    .as_ref()
                    .and_then(|c| c.get(1))
                    .map(|m| m.as_str().trim().to_owned())
                    .or_else(|| {
                        CHAPEAU.is_match(t).then(|| {
                            t.trim_start_matches("The ")
                                .trim_end_matches(',')
                                .to_owned()
                        })
                    });
            }
            if let Some(c) = DOCUMENT_LINE.captures(t)
                && let Some(s) = c.get(1)
                && DOCISH_SYMBOL.is_match(s.as_str())
            {
                symbols.push(s.as_str().to_owned());
            }
            if CHAPEAU.is_match(t) {
                chapeau = true;
            }
            if PLENARY.is_match(t) {
                adopted = true;
                if plenary_date.is_none() {
                    // The date is printed under the meeting, in the same block or the next.
                    plenary_date = iso_date(t).or_else(|| {
                        paras
                            .get(i + 1)
                            .map(|q| q.text.text.trim())
                            .filter(|q| DATE_LINE.is_match(q))
                            .and_then(iso_date)
                    });
                }
            }
            if letter_date.is_none() && i < first_numbered {
                if DATE_LINE.is_match(t) {
                    letter_date = iso_date(t);
                } else if t.split_whitespace().count() <= 10
                    && let Some(m) = DATE_TAIL.find(t)
                    && !DATE_RANGE_START.is_match(&t[..m.start()])
                {
                    // A short heading block closed by a date line ("ZERO DRAFT 3 June 2025"),
                    // not a date range ("13 June–8 July 2022").
                    letter_date = iso_date(m.as_str());
                }
            }
            if t.starts_with("Excellency") || t.starts_with("Dear ") {
                letters = true;
            }
            if i < first_numbered || !numbered {
                draft_words += DRAFT_WORD.find_iter(t).count();
                // A revision mark in a short header line ("Rev.2 — 3 October 2025").
                if t.split_whitespace().count() <= 12 {
                    draft_words += REVISION_MARK.find_iter(t).count();
                }
            }
        }
        if t.starts_with("We, the") || t.contains("We, the Heads of State") {
            we_speaker = true;
        }
        if let Some(c) = &adoption {
            adopted = true;
            if adopted_date.is_none() {
                adopted_date = c.get(2).and_then(|m| iso_date(m.as_str()));
            }
        }
        summary_prose += SUMMARY_PROSE.find_iter(t).count();
    }
    // The symbol of a resolution heading "50/7." depends on the body that adopted it; a
    // masthead that already prints it wins.
    if let Some((a, b)) = heading_numbers {
        let tail = format!("RES/{a}/{b}");
        if !symbols.iter().any(|s| s.ends_with(&tail)) {
            let prefix = match body.as_deref().unwrap_or("") {
                "Human Rights Council" => "A/HRC/",
                "Economic and Social Council" => "E/",
                "Security Council" => "S/",
                _ if a.len() == 4 => "E/",
                _ => "A/",
            };
            symbols.push(format!("{prefix}{tail}"));
        }
    }
    let mut seen = BTreeSet::new();
    symbols.retain(|s| seen.insert(s.clone()));
    let symbol_res = symbols.iter().any(|s| s.contains("/RES/"));
    let symbol_draft = symbols.iter().any(|s| s.contains("/L."));
    let summary = summary_prose >= 3 && !chapeau && !we_speaker;
    let status = if summary {
        Some(Status::Summary)
    } else if adopted || symbol_res || res_heading {
        Some(Status::Adopted)
    } else if draft_words > 0 || symbol_draft {
        Some(Status::Draft)
    } else {
        None
    };
    let declaration = paras
        .iter()
        .take(first_numbered.saturating_add(1))
        .any(|p| p.text.text.to_lowercase().contains("declaration"))
        || we_speaker;
    meta.kind = match status {
        Some(Status::Summary) => DocKind::Summary,
        Some(Status::Adopted) if res_heading || symbol_res || chapeau => DocKind::Resolution,
        Some(Status::Adopted) if declaration => DocKind::PoliticalDeclaration,
        Some(Status::Draft) if we_speaker || declaration => DocKind::DraftDeclaration,
        Some(Status::Draft) => DocKind::DraftResolution,
        _ if we_speaker => DocKind::PoliticalDeclaration,
        _ if chapeau => DocKind::Resolution,
        _ if letters => DocKind::Letter,
        _ => DocKind::Other,
    };
    meta.date = if summary {
        None
    } else {
        adopted_date
            .or(plenary_date)
            .or(letter_date.filter(|_| letters || status == Some(Status::Draft)))
            .or(masthead
                .distr_date
                .clone()
                .filter(|_| status == Some(Status::Draft)))
            .or(masthead.front.date.clone())
    };
    meta.status = status;
    meta.symbols = symbols;
    // A summary names the document it is about on the line before "Document <symbol>".
    let document_title = paras
        .windows(2)
        .find(|w| {
            w.get(1)
                .is_some_and(|p| DOCUMENT_LINE.is_match(p.text.text.trim()))
        })
        .and_then(|w| w.first())
        .map(|p| p.text.text.trim().to_owned())
        .filter(|t| !ends_closed(t, true));
    meta.title = res_title
        .or(document_title)
        .or(masthead.front.title.clone())
        .or_else(|| {
            if !numbered {
                return None;
            }
            // The last short heading-like paragraph before the first numbered paragraph.
            paras[..first_numbered.min(paras.len())]
                .iter()
                .rev()
                .take(3)
                .map(|p| p.text.text.trim())
                .find(|t| {
                    t.len() > 10
                        && t.len() < 300
                        && !ends_closed(t, false)
                        && t.chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                        && t.chars().filter(|c| c.is_lowercase()).count() > t.len() / 3
                })
                .map(str::to_owned)
        });
    meta
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Encoding, Format};
    use std::path::PathBuf;

    fn seg(text: &str, md: bool) -> Segmented {
        let source = Source {
            path: PathBuf::from(if md { "t.md" } else { "t.txt" }),
            name: "t".into(),
            text: text.to_owned(),
            encoding: Encoding::Utf8,
            format: if md { Format::Markdown } else { Format::Text },
        };
        segment(&source)
    }

    fn numbers(s: &Segmented) -> Vec<String> {
        s.paragraphs
            .iter()
            .filter_map(|p| p.number.clone())
            .collect()
    }

    fn para<'a>(s: &'a Segmented, n: &str) -> &'a Paragraph {
        s.paragraphs
            .iter()
            .find(|p| p.number.as_deref() == Some(n))
            .unwrap()
    }

    /// The source text a paragraph's span covers.
    fn source_of<'a>(src: &'a str, p: &Paragraph) -> &'a str {
        &src[p.text.span()]
    }

    const PDF: &str = "United Nations \nA/RES/70/99\n \nGeneral Assembly \nDistr.: General \n\
3 February 2016 \n \n15-22222 (E)    050216 \n*1522222* \n \nSeventieth session \n\
Agenda item 9 \n \n Resolution adopted by the General Assembly \non 17 December 2015 \n \n\
[on the report of the Third Committee (A/70/500)] \n \n 70/99. Measures against \n\
trafficking in persons \n \nThe General Assembly, \n \nRecalling the 2030 Agenda for \n\
Sustainable Development,1 and its resolution 64/293, \n \nDeeply concerned at the \n\
traf-\nficking of women at the sixty-\neighth session and at the prevention \n\
__________________ \n \n1  Resolution 70/1. \n \n2  See A/68/256, \nchap. I. \n\
\nA/RES/70/99 \nMeasures against trafficking \nin persons \n \n15-22222\n2/3 \n \n\
of and response to the Convention 2 and other crimes, \n \n1. \nUrges Member States to \n\
act on “the Protocol”;  \n \n2. Requests the following: \n \n(a) \nOne thing; \n \n\
(b) Another thing; \n \n56th plenary meeting \n17 December 2015 \n";

    #[test]
    fn pdf_resolution_furniture_preamble_and_subparagraphs() {
        let s = seg(PDF, false);
        assert_eq!(numbers(&s), ["PP1", "PP2", "1", "2", "2(a)", "2(b)"]);
        // Nothing of the masthead or the running header is left.
        let all: String = s
            .paragraphs
            .iter()
            .map(|p| p.text.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        for furniture in [
            "Distr",
            "15-22222",
            "*1522222*",
            "2/3",
            "A/RES/70/99",
            "United Nations\n",
        ] {
            assert!(!all.contains(furniture), "{furniture} left in {all}");
        }
        assert_eq!(
            para(&s, "PP1").text.text,
            "Recalling the 2030 Agenda for Sustainable Development, and its resolution 64/293,"
        );
        // Broken across a page with footnotes and a running header in between: one paragraph,
        // hyphenation resolved, the bare mark "2" taken out.
        let pp2 = para(&s, "PP2");
        assert_eq!(
            pp2.text.text,
            "Deeply concerned at the trafficking of women at the sixty-eighth session and at \
             the prevention of and response to the Convention and other crimes,"
        );
        let src = source_of(PDF, pp2);
        assert!(src.starts_with("Deeply concerned") && src.ends_with("other crimes,"));
        assert_eq!(pp2.footnotes.len(), 1);
        assert_eq!(pp2.footnotes[0].mark, "2");
        assert_eq!(pp2.footnotes[0].text.text, "See A/68/256, chap. I.");
        let f = &pp2.footnotes[0].text;
        assert_eq!(&PDF[f.span()], "See A/68/256, \nchap. I.");
        let pp1 = para(&s, "PP1");
        assert_eq!(pp1.footnotes[0].text.text, "Resolution 70/1.");
        // A number on a line of its own; curly quotes straightened; spans exact.
        let p1 = para(&s, "1");
        assert_eq!(
            p1.text.text,
            "Urges Member States to act on \"the Protocol\";"
        );
        assert_eq!(
            source_of(PDF, p1),
            "Urges Member States to \nact on “the Protocol”;"
        );
        let q = p1.text.text.find('"').unwrap();
        assert_eq!(&PDF[p1.text.source_span(q..q + 1)], "“");
        assert_eq!(para(&s, "2(a)").text.text, "One thing;");
        assert_eq!(para(&s, "2(b)").text.text, "Another thing;");
        assert_eq!(s.paragraphs.last().unwrap().number, None);
        // Metadata: the adoption date, not the distribution date.
        assert_eq!(s.meta.symbols, ["A/RES/70/99"]);
        assert_eq!(s.meta.date.as_deref(), Some("2015-12-17"));
        assert_eq!(s.meta.status, Some(Status::Adopted));
        assert_eq!(s.meta.kind, DocKind::Resolution);
        assert_eq!(
            s.meta.title.as_deref(),
            Some("Measures against trafficking in persons")
        );
        let chapeau = s
            .paragraphs
            .iter()
            .find(|p| p.text.text == "The General Assembly,")
            .unwrap();
        assert_eq!(chapeau.kind, ParagraphKind::Unnumbered);
    }

    const MD: &str = "# General Assembly\n\nDistr.: General  \n23 November 2021\n\n---\n\n\
## **Resolution adopted by the General Assembly on 22 November 2021**\n\n\
[without reference to a Main Committee ([A/76/L.11](#))]\n\n\
### **76/7. Political Declaration**\n\n*The General Assembly*\n\n\
*Adopts* the political declaration annexed to the present resolution.\n\n### **Annex**\n\n\
1. We, the States Members, reaffirm the *Global Plan*<sup>1</sup> and the 2030 Agenda,[^2] \
and\n\n---\n\n<sup>1</sup> Resolution [64/293](#).\n\n[^2]: Resolution 70/1.\n\n\
in persons, recognize the **importance** of it.\n\n2. We are concerned and in this regard:\n\n\
(a) We reaffirm our support;\n\n(b) We acknowledge the need.\n";

    #[test]
    fn markdown_resolution_with_annexed_declaration() {
        let s = seg(MD, true);
        assert_eq!(numbers(&s), ["1", "2", "2(a)", "2(b)"]);
        let p1 = para(&s, "1");
        assert_eq!(
            p1.text.text,
            "We, the States Members, reaffirm the Global Plan and the 2030 Agenda, and in \
             persons, recognize the importance of it."
        );
        let marks: Vec<_> = p1.footnotes.iter().map(|f| f.mark.as_str()).collect();
        assert_eq!(marks, ["1", "2"]);
        assert_eq!(p1.footnotes[0].text.text, "Resolution 64/293.");
        assert_eq!(p1.footnotes[1].text.text, "Resolution 70/1.");
        let src = source_of(MD, p1);
        assert!(src.starts_with("We, the States") && src.ends_with("of it."));
        // The single operative act after the chapeau is not preambular.
        let adopts = s
            .paragraphs
            .iter()
            .find(|p| p.text.text.starts_with("Adopts the"))
            .unwrap();
        assert_eq!(adopts.number, None);
        let heading = s
            .paragraphs
            .iter()
            .find(|p| p.text.text == "Annex")
            .unwrap();
        assert_eq!(heading.kind, ParagraphKind::Heading);
        assert_eq!(&MD[heading.text.span()], "Annex");
        // The cited draft symbol is not the document's.
        assert_eq!(s.meta.symbols, ["A/RES/76/7"]);
        assert_eq!(s.meta.date.as_deref(), Some("2021-11-22"));
        assert_eq!(s.meta.status, Some(Status::Adopted));
        assert!(
            s.paragraphs
                .iter()
                .all(|p| !p.text.text.contains("General Assembly\n"))
        );
        assert!(
            s.paragraphs
                .iter()
                .all(|p| !p.text.text.starts_with("Distr"))
        );
    }

    #[test]
    fn numbering_variants() {
        let src = "Title of the draft\n\n- 1. We one.\n- 2. We two:\n- (a) We a;\n - b) We b;\n\
                   - c. We c.\n3. We three.\n- 3bis. We three bis.\n3 ter We three ter.\n\
                   4. a. We four a.\n- b. We four b.\n5. We five:\n(a) We five a:\n(i) We roman \
                   one;\n(ii) We roman two;\n(b) We five b.\n";
        let s = seg(src, false);
        assert_eq!(
            numbers(&s),
            [
                "1", "2", "2(a)", "2(b)", "2(c)", "3", "3bis", "3ter", "4(a)", "4(b)", "5", "5(a)",
                "5(a)(i)", "5(a)(ii)", "5(b)"
            ]
        );
        assert_eq!(para(&s, "4(a)").text.text, "We four a.");
        assert_eq!(source_of(src, para(&s, "3ter")), "We three ter.");
        assert_eq!(source_of(src, para(&s, "2(b)")), "We b;");
    }

    #[test]
    fn draft_with_covering_letter() {
        let src = "THE PRESIDENT\nOF THE\nGENERAL ASSEMBLY\n\n13 September 2021\n\nExcellency,\n\n\
                   I transmit the zero draft of the political declaration received on 10 \
                   September 2021.\n\n10 September 2021\n\nExcellency,\n\nWe attach the draft.\n\n\
                   ZERO DRAFT\n\nPolitical Declaration on Trafficking\n\n1. We, the States \
                   Members of the United Nations, reaffirm.\n\n2. We recall\n\nthe Agenda.\n";
        let s = seg(src, false);
        assert_eq!(numbers(&s), ["1", "2"]);
        assert_eq!(para(&s, "2").text.text, "We recall the Agenda.");
        assert_eq!(s.meta.date.as_deref(), Some("2021-09-13"));
        assert_eq!(s.meta.status, Some(Status::Draft));
        assert_eq!(s.meta.kind, DocKind::DraftDeclaration);
        assert!(s.meta.symbols.is_empty());
        assert_eq!(
            s.meta.title.as_deref(),
            Some("Political Declaration on Trafficking")
        );
    }

    #[test]
    fn third_committee_draft() {
        let src = "United Nations\nA/C.3/78/L.12/Rev.1\n\nGeneral Assembly\nDistr.: Limited\n\
                   2 November 2023\n\nOriginal: English\n\nSeventy-eighth session\n\n\
                   Antigua and Barbuda and Belarus: revised draft resolution\n\n\
                   Improving the coordination of efforts against trafficking in persons\n\n\
                   The General Assembly,\n\nReaffirming its resolutions,\n\nDeeply concerned \
                   about trafficking,\n\nMindful of the Protocol,\n\n1. Urges Member States;\n";
        let s = seg(src, false);
        assert_eq!(numbers(&s), ["PP1", "PP2", "PP3", "1"]);
        assert_eq!(s.meta.symbols, ["A/C.3/78/L.12/Rev.1"]);
        assert_eq!(s.meta.status, Some(Status::Draft));
        assert_eq!(s.meta.kind, DocKind::DraftResolution);
        assert_eq!(s.meta.date.as_deref(), Some("2023-11-02"));
        assert!(
            s.paragraphs
                .iter()
                .all(|p| !p.text.text.starts_with("Original"))
        );
    }

    #[test]
    fn summary_of_a_draft() {
        let src = "Third Committee\n\nImproving the coordination of efforts\n\n\
                   Document [A/C.3/78/L.12/Rev.1](#)\n\nSDG Target 5.2.\n\n\
                   The text of the Resolution strongly condemns trafficking. The Resolution \
                   recalls the Agenda.\n\nMoreover, the Resolution acknowledges the Plan.\n\n\
                   11.2023\n";
        let s = seg(src, false);
        assert!(numbers(&s).is_empty());
        assert_eq!(s.meta.symbols, ["A/C.3/78/L.12/Rev.1"]);
        assert_eq!(s.meta.status, Some(Status::Summary));
        assert_eq!(s.meta.kind, DocKind::Summary);
        assert_eq!(s.meta.date, None);
        assert_eq!(
            s.meta.title.as_deref(),
            Some("Improving the coordination of efforts")
        );
    }

    #[test]
    fn footnote_marks_decided_by_the_numbering() {
        // Superscripts, a spaced bare mark, a mark glued to a year, a repeated glued mark, and
        // real numbers that are not marks.
        let src = "1. We reaffirm the Plan\u{b9} of 16 May 20142 and the Declaration, 3 in which \
                   paragraph 4 and 30 July are named.\n\n2. We recall the Plan1 again and \
                   article 3 of it.\n\n\u{b9} Resolution 64/293.\n\n\u{b2} Resolution 70/1.\n\n\
                   \u{b3} Resolution 71/1.\n";
        let s = seg(src, false);
        let p1 = para(&s, "1");
        assert_eq!(
            p1.text.text,
            "We reaffirm the Plan of 16 May 2014 and the Declaration, in which paragraph 4 and \
             30 July are named."
        );
        let marks: Vec<_> = p1.footnotes.iter().map(|f| f.mark.as_str()).collect();
        assert_eq!(marks, ["1", "2", "3"]);
        let y = p1.text.text.find("2014").unwrap();
        assert_eq!(&src[p1.text.source_span(y..y + 4)], "2014");
        let p2 = para(&s, "2");
        assert_eq!(
            p2.text.text,
            "We recall the Plan again and article 3 of it."
        );
        assert_eq!(p2.footnotes.len(), 1);
        assert_eq!(p2.footnotes[0].text.text, "Resolution 64/293.");
    }

    #[test]
    fn mark_glued_to_a_resolution_number() {
        // "78/2307" is resolution 78/230 with mark 2 glued to it; "A/78/1002" is a document
        // symbol and "64/2931" carries no expected mark.
        let src = "1. We recall resolution 51/12.\u{b9}\n\n\
                   2. We take note of the report A/78/1002 and of resolution 64/2931.\n\n\
                   3. We welcome the implementation of resolution 78/2302 and of the reports.\n\n\
                   \u{b9} Resolution 51/12.\n\n\u{b2} A/80/190.\n";
        let s = seg(src, false);
        let p3 = para(&s, "3");
        assert_eq!(
            p3.text.text,
            "We welcome the implementation of resolution 78/230 and of the reports."
        );
        let marks: Vec<_> = p3.footnotes.iter().map(|f| f.mark.as_str()).collect();
        assert_eq!(marks, ["2"]);
        let p2 = para(&s, "2");
        assert!(p2.footnotes.is_empty());
        assert!(p2.text.text.contains("A/78/1002"));
        assert!(p2.text.text.contains("64/2931"));
    }

    #[test]
    fn hyphens_at_line_ends() {
        let src = "1. We meet at the high-\nlevel meeting on follow-\nup of traf-\nficking, \
                   gender-\nand age-sensitive, at the seventy -\nfifth session.\n";
        let s = seg(src, false);
        assert_eq!(
            para(&s, "1").text.text,
            "We meet at the high-level meeting on follow-up of trafficking, gender- and \
             age-sensitive, at the seventy-fifth session."
        );
    }

    #[test]
    fn words_one_per_line_are_joined() {
        let src = "The General Assembly,\n\nRecalling\nits\nresolution\n64/293,\n\n1.\nUrges\n\
                   Member\nStates;\n";
        let s = seg(src, false);
        assert_eq!(numbers(&s), ["PP1", "1"]);
        assert_eq!(
            para(&s, "PP1").text.text,
            "Recalling its resolution 64/293,"
        );
        assert_eq!(para(&s, "1").text.text, "Urges Member States;");
        assert_eq!(source_of(src, para(&s, "1")), "Urges\nMember\nStates;");
    }

    /// A Human Rights Council resolution as `pdftotext -layout` prints it: masthead in two
    /// columns, form feeds between pages, running headers that put the symbol left on even pages
    /// and right on odd pages, a paragraph number alone at a page foot.
    const HRC: &str = "United Nations                                   A/HRC/RES/50/7\n\
General Assembly                                 Distr.: General\n\
                                                 14 July 2022\n\
                                                 Original: English\n\n\
Human Rights Council\nFiftieth session\n13 June\u{2013}8 July 2022\nAgenda item 3\n\
Promotion and protection of all human rights\n\n\
Resolution adopted by the Human Rights Council on 7 July 2022\n\
50/7. Trafficking in persons, especially women and children\n\
The Human Rights Council,\n\
Reaffirming all previous resolutions on trafficking,\n\
Deeply concerned that victims are\n\
re-victimized,\n\n\
1.\n\
22-11111 (E)    150722\n\x0c\
A/HRC/RES/50/7                       Trafficking in persons, especially women and children\n\n\
Urges States to act;\n\n\
2.   Requests the High Commissioner:\n\n\
(a) To report;\n\x0c\
Trafficking in persons, especially women and children                       A/HRC/RES/50/7\n\n\
(b) To assist.\n\n\
                                                              45th meeting\n\
                                                              7 July 2022\n\
                                                              [Adopted without a vote.]\n";

    #[test]
    fn human_rights_council_layout_and_page_breaks() {
        let s = seg(HRC, false);
        assert_eq!(numbers(&s), ["PP1", "PP2", "1", "2", "2(a)", "2(b)"]);
        assert_eq!(s.meta.symbols, ["A/HRC/RES/50/7"]);
        assert_eq!(s.meta.date.as_deref(), Some("2022-07-07"));
        assert_eq!(s.meta.status, Some(Status::Adopted));
        assert_eq!(s.meta.kind, DocKind::Resolution);
        assert_eq!(
            s.meta.title.as_deref(),
            Some("Trafficking in persons, especially women and children")
        );
        // The number printed alone before the page break keeps its text from the next page.
        assert_eq!(para(&s, "1").text.text, "Urges States to act;");
        assert_eq!(source_of(HRC, para(&s, "1")), "Urges States to act;");
        assert_eq!(para(&s, "2(b)").text.text, "To assist.");
        // "re-victimized" keeps its hyphen (written so, not broken at a line end).
        assert_eq!(
            para(&s, "PP2").text.text,
            "Deeply concerned that victims are re-victimized,"
        );
        let all: Vec<&str> = s.paragraphs.iter().map(|p| p.text.text.as_str()).collect();
        assert!(
            all.iter()
                .all(|t| !t.contains("A/HRC/RES") && !t.contains("22-11111"))
        );
        assert!(all.contains(&"The Human Rights Council,"));
    }

    #[test]
    fn ecosoc_resolution_heading_symbol_and_plenary_date() {
        let src = "Resolution adopted by the Economic and Social Council\n\n\
                   2023/1. Strengthening action against trafficking\n\n\
                   The Economic and Social Council,\n\nRecalling its resolution 2022/5,\n\n\
                   1. Encourages Member States;\n\n2. Requests the Secretary-General.\n\n\
                   20th plenary meeting\n\n6 June 2023\n";
        let s = seg(src, false);
        assert_eq!(numbers(&s), ["PP1", "1", "2"]);
        assert_eq!(s.meta.symbols, ["E/RES/2023/1"]);
        assert_eq!(s.meta.date.as_deref(), Some("2023-06-06"));
        assert_eq!(s.meta.status, Some(Status::Adopted));
        assert_eq!(s.meta.kind, DocKind::Resolution);
    }

    #[test]
    fn older_general_assembly_layout_with_page_headers_and_annex() {
        // Masthead without "United Nations", headers "A/RES/55/99\nPage 2", no blank lines
        // between preambular paragraphs, an annex whose numbering restarts.
        let src = "A/RES/55/99\nGeneral Assembly\nDistr.: General\n8 January 2001\n\n\
                   Fifty-fifth session\nAgenda item 105\n\n\
                   Resolution adopted by the General Assembly\n\
                   [on the report of the Third Committee (A/55/383)]\n\
                   55/99. Measures against trafficking\n\
                   The General Assembly,\n\
                   Recalling its resolution 54/1,\n\
                   Noting with concern the increase in trafficking,\n\
                   1. Adopts the principles annexed to the present resolution;\n\
                   2. Decides to remain seized of the matter.\n\n\
                   62nd plenary meeting\n15 November 2000\n\n\
                   A/RES/55/99\nPage 2\n\n\
                   Annex\n\nPrinciples\n\n1. States shall act.\n\n2. States shall report.\n";
        let s = seg(src, false);
        assert_eq!(numbers(&s), ["PP1", "PP2", "1", "2", "1", "2"]);
        assert_eq!(s.meta.symbols, ["A/RES/55/99"]);
        assert_eq!(s.meta.date.as_deref(), Some("2000-11-15"));
        assert_eq!(s.meta.status, Some(Status::Adopted));
        assert_eq!(
            para(&s, "PP2").text.text,
            "Noting with concern the increase in trafficking,"
        );
        assert!(s.paragraphs.iter().all(|p| !p.text.text.contains("Page 2")));
    }

    #[test]
    fn footnotes_over_page_breaks_and_several_blocks() {
        let src = "1. We recall the Protocol,1 and the Convention.2\n\n\
                   __________________\n1 Resolution 55/25,\nannex II.\n2 United Nations, Treaty \
                   Series,\n\nA/RES/70/1\n3/5\n\x0cA/RES/70/1\n\n\
                   2. We note the Plan3 and\n\n\
                   __________________\nvol. 2225, No. 39574.\n3 Resolution 64/293.\n\n\
                   the Agenda.\n\n3. We act.\n";
        let s = seg(src, false);
        assert_eq!(numbers(&s), ["1", "2", "3"]);
        let p1 = para(&s, "1");
        assert_eq!(p1.text.text, "We recall the Protocol, and the Convention.");
        let notes: Vec<_> = p1
            .footnotes
            .iter()
            .map(|f| (f.mark.as_str(), f.text.text.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                ("1", "Resolution 55/25, annex II."),
                ("2", "United Nations, Treaty Series, vol. 2225, No. 39574.")
            ]
        );
        let p2 = para(&s, "2");
        assert_eq!(p2.text.text, "We note the Plan and the Agenda.");
        assert_eq!(p2.footnotes[0].text.text, "Resolution 64/293.");
    }

    #[test]
    fn markdown_entities_tables_and_odd_characters() {
        let src = "# Annex\r\n\r\n1.\tWe note the Office\u{2019}s work &amp; the\u{a0}Plan&#8217;s \
                   aims,&nbsp;the \u{fb01}nancial traf\u{ad}\r\nficking and\u{200b} co\u{2011}operation.\r\n\r\n\
                   | Goal | Target |\r\n|---|---|\r\n| 5 | End trafficking |\r\n\r\n\
                   2. We act&hellip; with &ldquo;care&rdquo;.\r\n";
        let s = seg(src, true);
        assert_eq!(numbers(&s), ["1", "2"]);
        let p1 = para(&s, "1");
        assert_eq!(
            p1.text.text,
            "We note the Office's work & the Plan's aims, the financial trafficking and \
             co-operation."
        );
        let a = p1.text.text.find('&').unwrap();
        assert_eq!(&src[p1.text.source_span(a..a + 1)], "&amp;");
        assert!(source_of(src, p1).ends_with("operation."));
        assert!(
            s.paragraphs
                .iter()
                .any(|p| p.text.text == "Goal Target" && p.number.is_none())
        );
        assert!(s.paragraphs.iter().all(|p| !p.text.text.contains("---")));
        assert_eq!(para(&s, "2").text.text, "We act\u{2026} with \"care\".");
    }

    #[test]
    fn hyphenation_follows_the_document_spellings() {
        // "cyber-" keeps its hyphen by the word list, unless the document writes the word
        // joined; "case-" is in no list, and the document writes "case-work".
        let src = "1. We fight cyber-\ncrime and case-\nwork.\n\n\
                   2. Cybercrime grows; case-work helps.\n\n3. Cyber-\nspace is open.\n";
        let s = seg(src, false);
        assert_eq!(
            para(&s, "1").text.text,
            "We fight cybercrime and case-work."
        );
        assert_eq!(para(&s, "3").text.text, "Cyber-space is open.");
    }

    #[test]
    fn draft_dated_under_its_heading() {
        let src = "ZERO DRAFT\n3 June 2025\n\nPolitical declaration on supply chains\n\n\
                   1. We reaffirm our commitment.\n";
        let s = seg(src, false);
        assert_eq!(s.meta.date.as_deref(), Some("2025-06-03"));
        assert_eq!(s.meta.status, Some(Status::Draft));
        // A session's date range is not the date the text bears.
        let src = "Human Rights Council\nFifty-sixth session\n18 June\u{2013}12 July 2024\n\n\
                   Draft resolution on trafficking\n\n1. Urges States.\n";
        assert_eq!(seg(src, false).meta.date, None);
    }

    /// A small deterministic generator for the fuzz test.
    struct XorShift(u64);
    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// Checks what must hold of any segmentation: spans are valid ranges of the source on
    /// character boundaries, and paragraph texts are single lines.
    fn check_output(src: &str, s: &Segmented) {
        for p in &s.paragraphs {
            let span = p.text.span();
            assert!(
                span.start <= span.end && src.get(span.clone()).is_some(),
                "{span:?}"
            );
            assert!(!p.text.text.contains('\n'));
            for f in &p.footnotes {
                assert!(src.get(f.text.span()).is_some());
            }
            for i in 0..p.text.text.len() {
                let r = p.text.source_span(i..i + 1);
                assert!(src.get(r).is_some());
            }
        }
    }

    #[test]
    fn fuzz_random_and_garbled_text() {
        const PIECES: &[&str] = &[
            "1.",
            " ",
            "\n",
            "\n\n",
            "\r\n",
            "\x0c",
            "\t",
            "(a)",
            "a.",
            "b)",
            "4bis",
            " bis",
            "-",
            "-\n",
            "*",
            "**",
            "_",
            "<sup>",
            "</sup>",
            "<sup>3</sup>",
            "[",
            "](",
            ")",
            "[^1]",
            "[^2]:",
            "&amp;",
            "&#8217;",
            "&#xZZ;",
            "&",
            ";",
            "\u{ad}",
            "\u{a0}",
            "\u{200b}",
            "\u{fb01}",
            "¹",
            "²³",
            "é",
            "\u{301}",
            "😀",
            "A/RES/70/1",
            "2/13",
            "20-17355 (E)",
            "*2017355*",
            "____",
            "---",
            "|",
            "|---|",
            "# ",
            "### ",
            "The General Assembly,",
            "Recalling",
            "Resolution adopted by the General Assembly on 17 December 2015",
            "70/1. Title",
            "2023/1.",
            "Distr.: General",
            "56th plenary meeting",
            "Crime5",
            "20143",
            " 7 ",
            "word",
            "Word",
            "traf-",
            "ficking",
            ",",
            ".",
            "\"",
            "\u{201c}",
            "United Nations",
            "  ",
            "   ",
            "Page 3",
            "- 4 -",
        ];
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        for round in 0..400 {
            let n = rng.below(120);
            let mut src = String::new();
            for _ in 0..n {
                src.push_str(PIECES[rng.below(PIECES.len())]);
            }
            let s = seg(&src, round % 2 == 0);
            check_output(&src, &s);
        }
        // Random bytes decoded as the reader would.
        for _ in 0..200 {
            let bytes: Vec<u8> = (0..rng.below(400)).map(|_| rng.next() as u8).collect();
            let src = match std::str::from_utf8(&bytes) {
                Ok(s) => s.to_owned(),
                Err(_) => crate::read::windows_1252(&bytes),
            };
            check_output(&src, &seg(&src, false));
        }
    }

    #[test]
    fn extreme_inputs() {
        let long_line = "[<sup>x &amp ".repeat(20_000);
        let only_numbers = "1.\n2.\n(a)\n3\n".repeat(2_000);
        let only_furniture = "A/RES/70/1\n2/13\n20-17355 (E)\n*2017355*\n____\n".repeat(2_000);
        let big = PDF.repeat(1_000_000 / PDF.len() + 1);
        for (src, md) in [
            (long_line.as_str(), true),
            (only_numbers.as_str(), false),
            (only_furniture.as_str(), false),
            (big.as_str(), false),
        ] {
            let s = seg(src, md);
            check_output(src, &s);
        }
        assert!(seg(&only_furniture, false).paragraphs.is_empty());
        // A megabyte of resolutions still gives every copy's paragraphs.
        let s = seg(&big, false);
        let copies = big.len() / PDF.len();
        assert!(
            s.paragraphs
                .iter()
                .filter(|p| p.number.as_deref() == Some("2(b)"))
                .count()
                >= copies
        );
    }

    #[test]
    fn page_break_after_complete_preambular_clause_starts_a_paragraph() {
        let src = "Resolution adopted by the Economic and Social Council on 2 May 2031\n\n\
The Economic and Social Council,\n\n Recalling its resolution 2029/4 on the\n\
matter of the widgets, prepared by the Office,3 \n\n__________________ \n\n\
3 A publication, 2030. \n\n\x0cE/RES/2031/9 \n\n31-12345 \n2/4 \n\n Welcoming the work of the \n\
Group on the widgets, \n\n Noting the report on the\n\n__________________ \n\n\
4 Another note. \n\n\x0cE/RES/2031/9 \n\n31-12345 \n3/4 \n\n\
implementation of the widgets, and Recalling also its decision,\n\n1. Decides to act;\n";
        let s = seg(src, false);
        assert_eq!(numbers(&s), ["PP1", "PP2", "PP3", "1"]);
        assert!(para(&s, "PP1").text.text.ends_with("by the Office,"));
        assert!(para(&s, "PP2").text.text.starts_with("Welcoming"));
        // Continued lowercase across the page: one paragraph.
        assert!(
            para(&s, "PP3")
                .text
                .text
                .contains("report on the implementation")
        );
    }

    #[test]
    fn quoted_draft_paragraphs_keep_their_numbers() {
        let src = "Resolution adopted by the Economic and Social Council on 2 May 2031\n\n\
The Economic and Social Council\n\n\
Recommends to the General Assembly the adoption of the following draft resolution:\n\n\
\"The General Assembly,\n\n\"Recalling its resolution 90/1,\n\n\
\u{201c}Deeply concerned at the widgets,\n\n\"1. Urges States to act;\n\n\
\"2. Requests the Secretary-General to report.\"\n";
        let s = seg(src, false);
        assert_eq!(numbers(&s), ["PP1", "PP2", "1", "2"]);
        let pp1 = para(&s, "PP1");
        assert!(pp1.text.text.starts_with("Recalling"));
        assert_eq!(source_of(src, pp1), "Recalling its resolution 90/1,");
        assert!(source_of(src, para(&s, "PP2")).starts_with("Deeply"));
        assert_eq!(source_of(src, para(&s, "1")), "Urges States to act;");
        assert!(
            s.paragraphs
                .iter()
                .any(|p| p.number.is_none() && p.text.text.starts_with("Recommends"))
        );
        // A paragraph that merely opens with a quotation keeps it.
        let s = seg("\"the widgets\" are defined here.\n", false);
        assert!(s.paragraphs[0].text.text.starts_with('"'));
    }

    #[test]
    fn masthead_symbol_beside_united_nations() {
        let src = "United Nations                          E/RES/2031/9\n\n\
Economic and Social Council                 Distr.: General\n\
                                            5 May 2031\n\n\
Resolution adopted by the Economic and Social Council on 2 May 2031\n\n\
The Economic and Social Council,\n\n1. Decides to act;\n";
        let s = seg(src, false);
        assert_eq!(s.meta.symbols, ["E/RES/2031/9"]);
        assert!(s.paragraphs.iter().all(|p| !p.text.text.contains("E/RES")));
    }

    #[test]
    fn revision_header_gives_draft_status_and_date() {
        let src = "**Facilitators: Someone**\n\n**Rev.3 — 4 March 2031**\n\n\
**Silence procedure until 9 March 2031, noon**\n\n# A declaration on widgets\n\n\
1. We reaffirm our commitment;\n\n2. We resolve to act.\n";
        let s = seg(src, true);
        assert_eq!(s.meta.status, Some(Status::Draft));
        assert_eq!(s.meta.date.as_deref(), Some("2031-03-04"));
        // A date range in a header is not a date.
        let s = seg("Draft\n\nSession 13 June–8 July 2031\n\n1. Text.\n", false);
        assert_eq!(s.meta.date, None);
        // A revision symbol of another document is not a revision mark.
        let s = seg("See A/80/5/Rev.1\n\n1. Text.\n", false);
        assert_eq!(s.meta.status, None);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for src in [
            "",
            "\n\n",
            "*",
            "<sup>",
            "[x](",
            "1.",
            "(a)",
            "- ",
            "¹",
            "__\n1 x",
            "12/3\n",
            "The General Assembly,\n\n",
            "é\u{301}-\nx",
            "20 -\n",
            "[^",
            "\\",
        ] {
            let s = seg(src, src.len() % 2 == 0);
            for p in &s.paragraphs {
                let _ = &src[p.text.span()];
            }
        }
    }
}
