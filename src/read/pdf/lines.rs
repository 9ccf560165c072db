//! Characters → lines: a baseline, a body size, the words spaced by the gaps between them, and
//! superscript digits (smaller and raised: footnote marks) written as `¹²³`.

use super::glyphs::{Glyph, Page};

/// One line of a page.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    /// The baseline of its body characters, from the top of the page.
    pub y: f64,
    /// The left edge of its first character.
    pub x: f64,
    /// The right edge of its last character.
    pub end: f64,
    /// The size of most of its characters.
    pub size: f64,
    /// The text (superscript digits as `¹²³`), trimmed.
    pub text: String,
}

/// How far (in font sizes) a character may stand from a line's baseline and still belong to it:
/// a superscript is raised by about a third of the body size.
const SAME_LINE: f64 = 0.55;
/// A horizontal gap wider than this (in font sizes) starts another line: columns of the
/// masthead ("United Nations" … "A/RES/78/226").
const COLUMN_GAP: f64 = 4.0;
/// A gap wider than this (in font sizes) between two characters is a space; in a line that
/// draws its spaces (most do), only a wider gap is ([`WORD_GAP_SPACED`]): kerning and
/// justification move letters apart too.
const WORD_GAP: f64 = 0.12;
/// See [`WORD_GAP`].
const WORD_GAP_SPACED: f64 = 0.3;

/// The lines of a page, top to bottom (left to right on one baseline).
pub(super) fn lines(page: &Page) -> Vec<Line> {
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    // The baseline and size of the last character of the current group, and its right edge.
    let (mut base, mut size, mut end) = (0.0_f64, 0.0_f64, 0.0_f64);
    for g in &page.glyphs {
        if g.size < 0.5 {
            continue;
        }
        let big = g.size.max(size);
        let blank = g.text.trim().is_empty();
        let join = groups.last().is_some_and(|_| {
            (g.y - base).abs() <= SAME_LINE * big
                && g.x > end - 2.0 * big
                && (blank || g.x < end + COLUMN_GAP * big)
        });
        if join {
            if let Some(group) = groups.last_mut() {
                group.push(g);
            }
        } else {
            groups.push(vec![g]);
        }
        if !blank || !join {
            (base, size) = (g.y, g.size);
            end = g.x + g.width;
        }
    }
    let mut lines: Vec<Line> = groups.iter().filter_map(|g| line(g)).collect();
    lines.sort_by(|a, b| {
        a.y.round()
            .total_cmp(&b.y.round())
            .then(a.x.total_cmp(&b.x))
    });
    lines
}

/// One group of characters as a line.
fn line(glyphs: &[&Glyph]) -> Option<Line> {
    // The body size: the size (to a tenth of a point) of most characters.
    let mut sizes: Vec<(i64, usize)> = Vec::new();
    for g in glyphs {
        let key = (g.size * 10.0).round() as i64;
        match sizes.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => sizes.push((key, 1)),
        }
    }
    let body = sizes
        .iter()
        .max_by_key(|(k, n)| (*n, *k))
        .map(|(k, _)| *k as f64 / 10.0)?;
    let base = glyphs
        .iter()
        .filter(|g| (g.size - body).abs() < 0.05)
        .map(|g| g.y)
        .fold(f64::NAN, f64::max);
    let spaced = glyphs.iter().any(|g| g.text == " ");
    let word_gap = if spaced { WORD_GAP_SPACED } else { WORD_GAP };
    let mut text = String::new();
    let mut end: Option<f64> = None;
    for g in glyphs {
        let sup = g.size < 0.85 * body && base - g.y > 0.18 * body;
        if let Some(e) = end
            && g.x > e + word_gap * g.size.max(body * 0.5)
            && !text.ends_with(' ')
            && !g.text.starts_with(char::is_whitespace)
        {
            text.push(' ');
        }
        for c in g.text.chars() {
            if c.is_whitespace() {
                if !text.ends_with(' ') && !text.is_empty() {
                    text.push(' ');
                }
            } else if sup {
                text.push(superscript(c));
            } else {
                text.push(c);
            }
        }
        end = Some(g.x + g.width);
    }
    let text = text.trim().to_owned();
    let first = glyphs.first()?;
    let last = glyphs
        .iter()
        .rev()
        .find(|g| !g.text.trim().is_empty())
        .unwrap_or(first);
    (!text.is_empty()).then(|| Line {
        y: if base.is_finite() { base } else { first.y },
        x: first.x,
        end: last.x + last.width,
        size: body,
        text,
    })
}

/// A digit as its superscript character; anything else unchanged.
fn superscript(c: char) -> char {
    match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, y: f64, size: f64, text: &str) -> Glyph {
        Glyph {
            x,
            y,
            size,
            width: 0.5 * size * text.chars().count() as f64,
            text: text.to_owned(),
        }
    }

    #[test]
    fn words_superscripts_and_lines() {
        let mut glyphs = Vec::new();
        let mut x = 100.0;
        for c in "Peace".chars() {
            glyphs.push(glyph(x, 200.0, 10.0, &c.to_string()));
            x += 5.0;
        }
        // A footnote mark: smaller, raised.
        glyphs.push(glyph(x, 196.5, 6.5, "1"));
        x += 3.25;
        glyphs.push(glyph(x, 200.0, 10.0, " "));
        x += 5.0;
        for c in "and".chars() {
            glyphs.push(glyph(x, 200.0, 10.0, &c.to_string()));
            x += 5.0;
        }
        // The next line, and a column far to the right on it.
        glyphs.push(glyph(100.0, 212.0, 10.0, "x"));
        glyphs.push(glyph(400.0, 212.0, 10.0, "y"));
        let page = Page { top: 792.0, glyphs };
        let lines = lines(&page);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Peace\u{b9} and", "x", "y"]);
        assert_eq!(lines[0].size, 10.0);
        assert_eq!(lines[0].y, 200.0);
    }
}
