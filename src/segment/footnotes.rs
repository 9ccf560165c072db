//! Footnotes: the footnote blocks at page foot (after a separator, or marked by symbols) are
//! parsed, the bare marks in the paragraph text are matched to the footnote numbering, and each
//! footnote is attached to the paragraphs that carry its mark (by its place when its mark is not
//! found, which is reported).

use super::*;

/// A parsed footnote: its mark, its text and the line it starts on.
#[derive(Debug, Clone)]
pub(super) struct ParsedNote {
    mark: String,
    text: Text,
    /// Source offset where the footnote is printed.
    at: usize,
}

/// Finds footnote blocks, marks their lines and returns the footnotes in order.
pub(super) fn parse_footnotes(
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

/// Takes bare footnote digits out, attaches footnotes and makes the final paragraphs.
pub(super) fn finish(
    drafts: Vec<Draft>,
    notes: &[ParsedNote],
    src: &str,
) -> (Vec<Paragraph>, Vec<Issue>) {
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
                        // A weak candidate counts only where the PDF text sets the digits
                        // apart as a superscript: a space before them and two after them
                        // ("Migration 38  take into account").
                        let weak_ok = c.kind != BareKind::SpacedWeak || {
                            let span = text.source_span(c.range.clone());
                            let before = src.get(..span.start).unwrap_or("");
                            let after = src.get(span.end..).unwrap_or("");
                            before.ends_with(' ') && after.starts_with("  ")
                        };
                        let fresh = weak_ok && expected.contains(&n) && n > last_seen;
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
            pages: None,
        });
    }
    let issues = attach_footnotes(&mut out, &marks_per_para, notes);
    (out, issues)
}

/// Attaches each footnote to the paragraphs carrying its mark; a footnote whose mark is printed
/// nowhere goes to the paragraph after the one carrying the previous mark.
pub(super) fn attach_footnotes(
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

/// Whether `text` holds `mark` printed apart after closing punctuation: ") 13 ", "” 13 ",
/// "; 14" at the end.
fn holds_spaced_mark(text: &str, mark: &str) -> bool {
    let pattern = format!(" {mark}");
    text.match_indices(&pattern).any(|(i, _)| {
        let before = text.get(..i).and_then(|b| b.chars().next_back());
        let after = text.get(i + pattern.len()..).unwrap_or("");
        matches!(before, Some(')' | '”' | '’' | '"' | ';' | ','))
            && (after.is_empty() || after.starts_with(char::is_whitespace))
    })
}

/// Where a footnote whose mark is printed nowhere belongs. Marks run in order, so it lies
/// between the holders of the nearest marks before and after it: the first paragraph strictly
/// between them, or (with no later mark) the paragraph the footnote block is printed in.
pub(super) fn lost_mark_holder(
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
    // A mark the PDF's text printed apart from what it marks ("(the Istanbul Principles) 13 as
    // a valuable tool"): the one paragraph between its neighbours' holders that holds it so.
    let from = prev.unwrap_or(0);
    let to = next.or(printed_in).unwrap_or(from).max(from);
    let spaced: Vec<usize> = (from..=to.min(from + 12))
        .filter(|&i| {
            paras
                .get(i)
                .is_some_and(|p| holds_spaced_mark(&p.text.text, &note.mark))
        })
        .collect();
    if let [only] = spaced.as_slice() {
        return Some(*only);
    }
    match (prev, next) {
        (Some(p), Some(q)) if q > p + 1 => Some(p + 1),
        (Some(p), Some(_)) => Some(p),
        (Some(p), None) => Some(printed_in.filter(|&b| b >= p).unwrap_or(p)),
        (None, Some(q)) => Some(q),
        (None, None) => printed_in,
    }
}
