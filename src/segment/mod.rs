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
mod metadata;
pub mod normalize;

use footnotes::{finish, parse_footnotes};

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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Encoding, Format};
    use std::path::PathBuf;

    #[test]
    fn file_info_fills_a_missing_symbol_and_title_and_pages_are_kept() {
        let text = "The General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to act;\n\n2. Requests a report.\n";
        let source = Source {
            path: PathBuf::from("t.pdf"),
            name: "t".into(),
            text: text.to_owned(),
            encoding: Encoding::Utf8,
            replaced: crate::model::Replaced::default(),
            format: Format::Pdf,
            pages: vec![0, text.find("2. Requests").unwrap()],
            notes: Vec::new(),
            info: crate::model::DocInfo {
                title: Some("A/RES/99/1".into()),
                subject: Some("A title".into()),
                ..crate::model::DocInfo::default()
            },
        };
        let s = segment(&source);
        assert_eq!(s.meta.symbols, ["A/RES/99/1"]);
        assert_eq!(s.meta.title.as_deref(), Some("A title"));
        let pages: Vec<_> = s.paragraphs.iter().map(|p| p.pages).collect();
        assert_eq!(pages.first(), Some(&Some((1, 1))));
        assert_eq!(pages.last(), Some(&Some((2, 2))));
        // A symbol printed in the text wins over the file's title.
        let printed = format!("A/RES/98/2\n\n{text}");
        let s = segment(&Source {
            text: printed,
            pages: Vec::new(),
            ..source
        });
        assert_eq!(s.meta.symbols, ["A/RES/98/2"]);
        assert!(s.paragraphs.iter().all(|p| p.pages.is_none()));
    }

    fn seg(text: &str, md: bool) -> Segmented {
        let source = Source {
            path: PathBuf::from(if md { "t.md" } else { "t.txt" }),
            name: "t".into(),
            text: text.to_owned(),
            encoding: Encoding::Utf8,
            replaced: crate::model::Replaced::default(),
            format: if md { Format::Markdown } else { Format::Text },
            pages: Vec::new(),
            notes: Vec::new(),
            info: crate::model::DocInfo::default(),
        };
        segment(&source)
    }

    /// PDF text sets a superscript mark apart with a space before and two after it: such a
    /// mark counts after any word ("Migration 38  take"), where a number with single spaces
    /// after a counting word ("Goals 39 to") does not.
    #[test]
    fn superscript_layout_decides_weak_marks() {
        let src = "The General Assembly,\n\n1. Encourages the Global Compact for Migration 38  take \
                   into account the Goals 39 to 41;\n\n2. Decides to act.\n__________________\n\n\
                   38 Resolution 73/195, annex.\n\n39 Resolution 70/1.\n";
        let s = seg(src, false);
        let p1 = s
            .paragraphs
            .iter()
            .find(|p| p.number.as_deref() == Some("1"))
            .unwrap();
        assert_eq!(
            p1.text.text,
            "Encourages the Global Compact for Migration take into account the Goals 39 to 41;"
        );
        let marks: Vec<&str> = p1.footnotes.iter().map(|f| f.mark.as_str()).collect();
        assert_eq!(marks, ["38"]);
        assert!(
            s.issues
                .iter()
                .any(|i| i.kind == IssueKind::MarkNotFound && i.message.starts_with("footnote 39"))
        );
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
