//! The table `query` prints by default: one column per variable, prefixed names, long values
//! wrapped over a few lines and cut with `…`, columns narrowed to fit the terminal's width.

use std::io::{self, Write};

use oxigraph::model::{Term, Variable};
use oxigraph::sparql::QuerySolution;

use crate::rdf::Iris;
use crate::rdf::vocab;

/// Widest column of a table; a longer value is wrapped.
const MAX_CELL: usize = 100;
/// Narrowest a column is squeezed to when the table must fit a width.
const MIN_CELL: usize = 12;
/// About how many characters of a long value a table shows (over 2 to 5 lines, by the
/// column's width) before the rest is cut with `…`.
const SHOWN: usize = 300;

pub(crate) fn write_table(
    vars: &[Variable],
    rows: &[QuerySolution],
    width: Option<usize>,
    iris: &Iris,
    out: &mut impl Write,
) -> io::Result<()> {
    let pfx = iris.prefixes();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vars.iter()
                .map(|v| r.get(v).map_or_else(String::new, |t| cell(t, &pfx)))
                .collect()
        })
        .collect();
    let header: Vec<String> = vars.iter().map(|v| format!("?{}", v.as_str())).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count().min(MAX_CELL));
        }
    }
    if let Some(limit) = width {
        fit(&mut widths, &header, limit);
    }
    let line = |cells: &[String], out: &mut dyn Write| -> io::Result<()> {
        let s: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, &w)| format!("{c:<w$}"))
            .collect();
        writeln!(out, "{}", s.join("  ").trim_end())
    };
    line(&header, out)?;
    line(
        &widths.iter().map(|&w| "-".repeat(w)).collect::<Vec<_>>(),
        out,
    )?;
    for row in cells {
        let wrapped: Vec<Vec<String>> = row
            .iter()
            .zip(&widths)
            .map(|(c, &w)| wrap(c, w, (SHOWN / w.max(1)).clamp(2, 5)))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            let l: Vec<String> = wrapped
                .iter()
                .map(|c| c.get(i).cloned().unwrap_or_default())
                .collect();
            line(&l, out)?;
        }
    }
    Ok(())
}

/// Narrows the widest columns (never below [`MIN_CELL`] or their header) until the table,
/// with two spaces between columns, fits `limit` characters, or no column can give more.
fn fit(widths: &mut [usize], header: &[String], limit: usize) {
    let gaps = 2 * widths.len().saturating_sub(1);
    let floor = |i: usize| MIN_CELL.max(header.get(i).map_or(0, |h| h.chars().count()));
    while widths.iter().sum::<usize>() + gaps > limit {
        let widest = widths
            .iter()
            .enumerate()
            .filter(|&(i, &w)| w > floor(i))
            .max_by_key(|&(i, &w)| (w, std::cmp::Reverse(i)))
            .map(|(i, _)| i);
        match widest.and_then(|i| widths.get_mut(i)) {
            Some(w) => *w -= 1,
            None => break,
        }
    }
}

/// `s` in lines of at most `width` characters, broken at spaces where possible; at most
/// `max_lines` lines, the last ending in `…` when text was left out.
fn wrap(s: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut rest: Vec<char> = s.chars().collect();
    while !rest.is_empty() {
        if rest.len() <= width {
            lines.push(rest.iter().collect());
            break;
        }
        if lines.len() + 1 == max_lines {
            let mut l: String = rest.iter().take(width - 1).collect();
            l.push('…');
            lines.push(l);
            break;
        }
        // Break after the last space within the width, else hard at the width.
        let cut = rest
            .iter()
            .take(width + 1)
            .rposition(|&c| c == ' ')
            .filter(|&i| i > 0)
            .unwrap_or(width);
        let line: String = rest.iter().take(cut).collect();
        lines.push(line.trim_end().to_owned());
        let skip = rest.iter().skip(cut).take_while(|&&c| c == ' ').count();
        rest.drain(..(cut + skip).min(rest.len()));
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A term as a table cell: [`short`] without the length limit.
fn cell(t: &Term, prefixes: &[(&str, String)]) -> String {
    match t {
        Term::NamedNode(n) => vocab::compact_iri(n.as_str(), prefixes),
        Term::Literal(l) => l.value().replace(['\n', '\t', '\r'], " "),
        other => other.to_string(),
    }
}

/// A term as a table shows it: a prefixed name when a prefix fits, a literal's value,
/// shortened with `…` past [`MAX_CELL`] characters.
pub fn short(t: &Term, prefixes: &[(&str, String)]) -> String {
    let s = cell(t, prefixes);
    if s.chars().count() > MAX_CELL {
        let mut c: String = s.chars().take(MAX_CELL - 1).collect();
        c.push('…');
        c
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_after_the_last_line() {
        assert_eq!(wrap("short", 10, 4), vec!["short"]);
        assert_eq!(wrap("", 10, 4), vec![""]);
        assert_eq!(
            wrap("to continue to provide guidelines", 12, 4),
            vec!["to continue", "to provide", "guidelines"]
        );
        let w = wrap("aaaa bbbb cccc dddd eeee ffff", 9, 2);
        assert_eq!(w, vec!["aaaa bbbb", "cccc ddd…"]);
        assert!(w.iter().all(|l| l.chars().count() <= 9));
        // A word longer than the width is cut hard.
        assert_eq!(wrap("abcdefghij", 4, 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn fit_narrows_the_widest_column_first_and_keeps_headers() {
        let header: Vec<String> = ["?a", "?mandate"].iter().map(|s| s.to_string()).collect();
        let mut w = vec![20, 100];
        fit(&mut w, &header, 80);
        assert_eq!(w, vec![20, 58]);
        let mut w = vec![30, 30];
        fit(&mut w, &header, 10);
        assert_eq!(w, vec![MIN_CELL, MIN_CELL]);
    }
}
