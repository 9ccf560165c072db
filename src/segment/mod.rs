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
use normalize::{BareKind, Line, Mark};

mod diagnose;
mod footnotes;
mod grammar;
mod headings;
mod join;
mod metadata;
pub mod normalize;

use footnotes::{finish, parse_footnotes};
use join::{Vocab, join_lines, push_line};

use grammar::{assign_preamble, infer_lost_markers, item_shape, looks_operative, mend};
use metadata::{iso_date, metadata};

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
    let front = mark_front_matter(text, &mut lines);
    let masthead = mark_masthead(text, &mut lines);
    let title = resolution_title(text, &lines);
    mark_running_headers(text, &mut lines, title.as_deref(), &masthead.symbols);
    let vocab = Vocab::of(text);
    let plain_text = matches!(
        source.format,
        crate::model::Format::Text | crate::model::Format::Pdf
    );
    let footnotes = parse_footnotes(text, &mut lines, &vocab, plain_text);
    // A PDF's own reading already set its headings apart by their place on the page.
    let headings_by_length = source.format != crate::model::Format::Pdf;
    let mut drafts = paragraphs(text, &lines, &vocab, headings_by_length);
    mend(&mut drafts, &vocab);
    assign_preamble(&mut drafts);
    let mut issues = Vec::new();
    if let Some(span) = front.as_ref().map(|f| f.span.clone()) {
        issues.push(Issue {
            kind: IssueKind::FrontMatter,
            message: "YAML front matter read as metadata (symbol, title, date), not as text".into(),
            span,
        });
    }
    issues.extend(infer_lost_markers(&mut drafts));
    let (mut paragraphs, lost_marks) = finish(drafts, &footnotes, text);
    issues.extend(lost_marks);
    for (i, p) in paragraphs.iter_mut().enumerate() {
        p.index = i;
        p.pages = source.pages_of(&p.text.span());
    }
    issues.extend(diagnose::numbering(&paragraphs));
    issues.sort_by_key(|i| (i.span.start, i.kind));
    let mut meta = metadata(&paragraphs, &masthead, front.as_ref(), title);
    // What the file says about itself (a PDF's information dictionary) fills what the text
    // did not give: a symbol given as its title, a title given as its subject.
    if meta.symbols.is_empty()
        && let Some(t) = source.info.title.as_deref().map(str::trim)
        && SYMBOL_LINE.is_match(t)
    {
        meta.symbols.push(t.to_owned());
    }
    if meta.title.is_none() {
        meta.title.clone_from(&source.info.subject);
    }
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
    }
}

/// What a YAML front-matter block says (Markdown made by converters: `symbol:`, `title:`,
/// `date:` between two `---` lines at the very top).
#[derive(Debug, Clone, Default)]
struct FrontMatter {
    symbol: Option<String>,
    title: Option<String>,
    date: Option<String>,
    /// The source bytes of the block, both `---` lines included.
    span: Span,
}

/// Sets aside a YAML front-matter block at the head of the text ("---", `key: value` lines,
/// "---") and reads its symbol, title and date. Anything else at the top is left alone.
fn mark_front_matter(text: &str, lines: &mut [SrcLine]) -> Option<FrontMatter> {
    let raw = |l: &SrcLine| text.get(l.start..l.end).unwrap_or("").trim_end();
    if lines.first().is_none_or(|l| raw(l) != "---") {
        return None;
    }
    // The closing "---" within the first lines, every line between being `key: value`, a
    // list item or blank.
    let mut close = None;
    for (i, l) in lines.iter().enumerate().skip(1).take(80) {
        let r = raw(l);
        if r == "---" || r == "..." {
            close = Some(i);
            break;
        }
        if !(r.trim().is_empty() || YAML_LINE.is_match(r) || r.starts_with([' ', '-', '\t'])) {
            break;
        }
    }
    let close = close?;
    let mut fm = FrontMatter {
        span: lines.first().map_or(0, |l| l.start)..lines.get(close).map_or(0, |l| l.end),
        ..FrontMatter::default()
    };
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
    Some(fm)
}

/// What the masthead says.
#[derive(Debug, Clone, Default)]
struct Masthead {
    /// Symbols printed there.
    symbols: Vec<String>,
    /// The distribution date ("Distr.: Limited 2 November 2023").
    distr_date: Option<String>,
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

/// A line next to a running header's anchor (or to a line of it) that stands this many times in
/// the document is a line of the running header.
const REPEATED_HEADER: usize = 3;
/// … when it is a line of a long title: a table's column heads ("Title or description") repeat
/// on every page of the table too, and stay.
const REPEATED_MIN_LEN: usize = 30;

/// Sets aside running headers and footers: anchor lines (symbol, page number, job number,
/// barcode, "Please recycle") and the short-title lines next to them (a line that is part of
/// the title, that repeats elsewhere next to an anchor, or that stands [`REPEATED_HEADER`]
/// times in the document).
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
    // Every body line, counted: a running title of several lines (the long title of a
    // convention over its text) repeats whole on page after page, its inner lines far from
    // any anchor.
    let mut everywhere: HashMap<String, usize> = HashMap::new();
    for l in lines.iter().filter(|l| l.kind == LineKind::Body) {
        *everywhere.entry(squash(plain(text, l))).or_default() += 1;
    }
    let is_header_text = |s: &str| -> bool {
        let q = squash(s);
        if q.len() < 6 {
            return false;
        }
        title.as_ref().is_some_and(|t| t.contains(&q))
            || counts.get(&q).is_some_and(|&n| n >= 2)
            || (q.len() >= REPEATED_MIN_LEN
                && everywhere.get(&q).is_some_and(|&n| n >= REPEATED_HEADER))
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

/// Builds the paragraphs from the body lines; `headings_by_length`: a short line over a full
/// one is a heading (see [`headings`]).
fn paragraphs(
    text: &str,
    lines: &[SrcLine],
    vocab: &Vocab<'_>,
    headings_by_length: bool,
) -> Vec<Draft> {
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
        // Inside a sentence ("… entitled\n“Preventing …”") the mark is the text's own.
        let mid_sentence = prev_body == Some(i.wrapping_sub(1))
            && out.last().is_some_and(|d| {
                !without_trailing_mark(&d.line.text.text).ends_with([',', ';', '.', ':'])
            });
        let quote = if mid_sentence {
            0
        } else {
            opening_quote(&line.text.text)
        };
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
        // The text under a paragraph number printed on a line of its own ("3." / "The
        // Conference of the States Parties shall adopt …") is that paragraph's, whatever it
        // opens with.
        let after_bare_number = prev_body == Some(i.wrapping_sub(1))
            && out
                .last()
                .is_some_and(|d| d.number.is_some() && d.line.text.is_empty());
        let structural = is_structural(&line.text.text) && !after_bare_number;
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
            && !(without_trailing_mark(&d.line.text.text).ends_with(';')
                && title_case_run(&line.text.text))
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
            // The previous paragraph's text without a footnote mark of plain text at its end
            // ("… in time.7", "… 30 June 2023; 3"): the mark does not leave a sentence open.
            let before = without_trailing_mark(&d.line.text.text);
            let lower = first.is_some_and(|c| {
                c.is_lowercase()
                    || ",;:.)".contains(c)
                    || (c.is_ascii_digit()
                        && (before.ends_with(',')
                            || d.number.is_some() && !ends_closed(&d.line.text.text, true))
                        && !table_row
                        && !PLENARY.is_match(t)
                        && !DATE_LINE.is_match(t))
            });
            // A block opening like a list item ("Supporting a …", "To ensure …") after a break
            // is an item (its letter lost), not the rest of the paragraph before it.
            let open_numbered =
                d.number.is_some() && !ends_closed(before, true) && !item_shape(&line.text.text);
            // A page break after a complete preambular clause ("…,6" and its footnotes) before
            // a preambular opener ("Acknowledging …") is a paragraph break.
            let new_clause = ends_clause(&d.line.text.text) && starts_preambular(&line.text.text);
            // A page break after a sentence closed before its mark ("… returning.29") is a
            // break; after a comma and a mark ("… of 24 March 2021,10" / "S-29/1 of …") the
            // sentence may go on, as before any other mark.
            let closed_before_mark = ends_closed(before, true);
            let open_any = page_break
                && !new_clause
                && !closed_before_mark
                && !ends_closed(&d.line.text.text, false);
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
        // A heading on the first line of its block, the text under it on the next line
        // ("Core principle II" / "States should promote …"): the text is a paragraph of its own.
        if headings_by_length && number.is_none() && !heading && !structural && !table_row {
            break_after |= headings::heading_over_text(text, lines, i);
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

/// The text without a footnote mark at its end: at most three digits glued to a word or to
/// punctuation ("Weapons,6", "Crime6") or set off after a comma or a semicolon ("Civilizations,
/// 2"); trailing whitespace is trimmed.
fn without_trailing_mark(s: &str) -> &str {
    let t = s.trim_end();
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return t;
    }
    let head = &t[..t.len() - digits];
    let glued = head
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic() || ",;:.\"'”’)".contains(c));
    let spaced = head.ends_with(", ") || head.ends_with("; ");
    if glued || spaced { head.trim_end() } else { t }
}

/// True when a paragraph's text ends a clause with a comma or a semicolon, perhaps followed by
/// the bare digits of a footnote mark (`"…and Crime,6"`).
fn ends_clause(s: &str) -> bool {
    without_trailing_mark(s).ends_with([',', ';'])
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

/// True when a line opens with three capitalised words. After a line ending in a semicolon
/// ("… Convention against Cybercrime;\nStrengthening International Cooperation for …") that is
/// the rest of a title with a semicolon in it, not a preambular paragraph (which opens "Recalling
/// its …" after a comma).
fn title_case_run(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().take(3).collect();
    ws.len() == 3
        && ws
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
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

#[cfg(test)]
mod tests;
