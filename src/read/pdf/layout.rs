//! Lines → the text of the document: per page, running headers and footers dropped by their
//! place on the page, the footnote area after its separator, blank lines between blocks.

use std::collections::HashMap;

use super::glyphs::Page;
use super::lines::{Line, lines};

re!(
    FURNITURE,
    r"^(?:\d{1,4}\s*/\s*\d{1,4}|\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?|\*\d{5,}\*|(?i:please recycle)|♲.*)$"
);
re!(
    SYMBOL,
    r"^[A-Z]{1,6}(?:\.\d{1,3})?(?:/(?:[A-Z]{1,6}\.?\d{0,4}|(?:ES-|S-)?\d{1,4}[A-Z]?|Rev\.\d+|Add\.\d+|Corr\.\d+|L\.\d+))+\*?$"
);
re!(SEPARATOR, r"^_{5,}$");
re!(ROMAN, r"^[IVXL]{1,6}\.?$");

/// The top and bottom bands of a page where running headers and footers stand, as a share
/// of the page's text height.
const BAND: f64 = 0.12;

/// The text of the pages and where each page begins in it.
pub(super) fn assemble(pages: &[Page]) -> (String, Vec<usize>) {
    let all: Vec<Vec<Line>> = pages.iter().map(lines).collect();
    let body = body_size(&all);
    let running = running_lines(&all);
    let mut text = String::new();
    let mut starts = Vec::with_capacity(all.len());
    for (i, page) in all.iter().enumerate() {
        starts.push(text.len());
        let kept = content(page, i, body, &running);
        write_page(&mut text, &kept, body);
    }
    (text, starts)
}

/// The size of most of the document's characters.
fn body_size(pages: &[Vec<Line>]) -> f64 {
    let mut count: HashMap<i64, usize> = HashMap::new();
    for l in pages.iter().flatten() {
        *count.entry((l.size * 10.0).round() as i64).or_default() += l.text.len();
    }
    count
        .into_iter()
        .max_by_key(|&(k, n)| (n, k))
        .map_or(10.0, |(k, _)| k as f64 / 10.0)
}

/// A line's text with its digits masked, for recognising the same header on every page.
fn masked(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// The (masked text, rounded baseline) of lines that stand in the same place on two or more
/// pages after the first: running headers and footers.
fn running_lines(pages: &[Vec<Line>]) -> HashMap<(String, i64), usize> {
    let mut seen: HashMap<(String, i64), usize> = HashMap::new();
    for page in pages.iter().skip(1) {
        let mut here: Vec<(String, i64)> = page
            .iter()
            .map(|l| (masked(&l.text), (l.y / 2.0).round() as i64))
            .collect();
        here.sort();
        here.dedup();
        for k in here {
            *seen.entry(k).or_default() += 1;
        }
    }
    seen.retain(|_, n| *n >= 2);
    seen
}

/// The lines of page `index` that are its content: running headers and footers left out.
///
/// After the first page, the header is the block of lines at the top of the page, before the
/// text, that holds the symbol or a page number: each line of it is such a line, one on the
/// same baseline (the short title beside the symbol) or one in smaller type than the text
/// (the short title's second line). The footer is the same from the bottom (job number, page
/// number, barcode). A line in smaller type than the text that stands in the same place on
/// other pages with the same text (digits aside) is furniture too. The first page's head is
/// the masthead and stays (the segmenter reads the symbol, date and title from it); its foot
/// (job number, barcode) goes.
fn content<'a>(
    page: &'a [Line],
    index: usize,
    body: f64,
    running: &HashMap<(String, i64), usize>,
) -> Vec<&'a Line> {
    let (Some(top), Some(bottom)) = (
        page.iter().map(|l| l.y).reduce(f64::min),
        page.iter().map(|l| l.y).reduce(f64::max),
    ) else {
        return Vec::new();
    };
    let band = (bottom - top).max(200.0) * BAND;
    let pattern = |l: &Line| FURNITURE.is_match(&l.text) || (index > 0 && SYMBOL.is_match(&l.text));
    // Running lines are in smaller type than the text (two pages may well begin with the same
    // words at the same place).
    let recurring = |l: &Line| {
        index > 0
            && l.size < 0.95 * body
            && running.contains_key(&(masked(&l.text), (l.y / 2.0).round() as i64))
    };
    let mut drop = vec![false; page.len()];
    // The header, after the first page.
    if index > 0 {
        let mut furniture_ys: Vec<f64> = Vec::new();
        for (i, l) in page.iter().enumerate() {
            if l.y > top + band {
                break;
            }
            let beside = furniture_ys.iter().any(|y| (y - l.y).abs() < 1.5);
            if pattern(l) || recurring(l) {
                furniture_ys.push(l.y);
                drop[i] = true;
            } else if beside || (!furniture_ys.is_empty() && l.size < 0.95 * body) {
                drop[i] = true;
            } else {
                break;
            }
        }
        if furniture_ys.is_empty() {
            drop.iter_mut().for_each(|d| *d = false);
        }
    }
    // The footer, on every page.
    let mut furniture_ys: Vec<f64> = Vec::new();
    for (i, l) in page.iter().enumerate().rev() {
        if l.y < bottom - band {
            break;
        }
        let beside = furniture_ys.iter().any(|y| (y - l.y).abs() < 1.5);
        if pattern(l) || recurring(l) {
            furniture_ys.push(l.y);
            drop[i] = true;
        } else if beside {
            drop[i] = true;
        } else {
            break;
        }
    }
    page.iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(l, _)| l)
        .collect()
}

/// Appends a page's lines: a blank line where the gap above a line is wider than its
/// paragraph's line spacing, or after a short line of text type that a capitalised line
/// follows (a heading such as "Article 9" over its title: in justified text only the last
/// line of a paragraph stops short; a section's Roman numeral stays with its title); the page
/// ends with a blank line.
fn write_page(text: &mut String, lines: &[&Line], body: f64) {
    let body_lines = || lines.iter().filter(|l| (l.size - body).abs() < 0.6);
    // The text column: its left edge where most lines of text type begin (the masthead and a
    // title's number stand further left), its right edge where the longest end.
    let mut starts: HashMap<i64, usize> = HashMap::new();
    for l in body_lines() {
        *starts.entry(l.x.round() as i64).or_default() += 1;
    }
    let left = starts
        .into_iter()
        .max_by_key(|&(x, n)| (n, -x))
        .map_or(0.0, |(x, _)| x as f64);
    let right = body_lines()
        .map(|l| l.end)
        .fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    let in_column = |l: &Line| l.x > left - 1.5;
    let mut prev: Option<&Line> = None;
    for l in lines {
        if let Some(p) = prev {
            let gap = l.y - p.y;
            let size = p.size.max(l.size).max(body * 0.6);
            let short = width > 0.0
                && in_column(p)
                && in_column(l)
                && p.size > 0.95 * body
                && p.end - p.x < 0.4 * width
                && !p.text.ends_with([',', ';', ':', '-', '\u{2013}'])
                && !ROMAN.is_match(&p.text)
                && l.text.starts_with(|c: char| c.is_uppercase());
            if gap > 1.45 * size
                || short
                || SEPARATOR.is_match(&l.text)
                || SEPARATOR.is_match(&p.text)
            {
                text.push('\n');
            }
        }
        text.push_str(&l.text);
        text.push('\n');
        prev = Some(l);
    }
    if !lines.is_empty() {
        text.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::super::glyphs::Glyph;
    use super::*;

    /// A page of whole-line "glyphs": (x, y, size, text).
    fn page(lines: &[(f64, f64, f64, &str)]) -> Page {
        Page {
            top: 792.0,
            glyphs: lines
                .iter()
                .map(|&(x, y, size, text)| Glyph {
                    x,
                    y,
                    size,
                    width: 0.5 * size * text.chars().count() as f64,
                    text: text.to_owned(),
                })
                .collect(),
        }
    }

    #[test]
    fn running_headers_and_footers_go_the_masthead_stays() {
        let body = |y: f64, t: &'static str| (123.0, y, 10.0, t);
        let p1 = page(&[
            (60.0, 57.0, 10.0, "A/RES/1/1"),
            (123.0, 86.0, 20.0, "General Assembly"),
            body(300.0, "The General Assembly,"),
            body(330.0, "Recalling its resolutions,"),
            body(600.0, "Noting the report,"),
            (60.0, 750.0, 10.0, "23-12345 (E) 010124"),
            (60.0, 765.0, 12.0, "*2312345*"),
        ]);
        let later = |n: &'static str| {
            page(&[
                (60.0, 59.0, 8.5, "A/RES/1/1"),
                (375.0, 59.0, 8.5, "A short title"),
                body(86.0, "1. Decides to act;"),
                body(600.0, "2. Requests a report."),
                (525.0, 753.0, 7.0, "23-12345"),
                (60.0, 755.0, 8.5, n),
            ])
        };
        let (text, starts) = assemble(&[p1, later("2/3"), later("3/3")]);
        assert_eq!(starts.len(), 3);
        assert!(text.starts_with("A/RES/1/1\n"), "{text}");
        for gone in ["23-12345", "*2312345*", "A short title", "2/3", "3/3"] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
        assert_eq!(text.matches("A/RES/1/1").count(), 1, "{text}");
        assert!(
            text[starts[1]..].starts_with("1. Decides to act;\n"),
            "{text}"
        );
    }
}
