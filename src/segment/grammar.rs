//! The drafting grammar, applied to the segmenter's drafts: paragraphs the layout split in the
//! middle of a sentence are mended, sub-paragraph letters and paragraph numbers the source lost
//! are inferred (and reported), section headings are told apart, and the preambular
//! paragraphs are numbered `PP1`, `PP2`, ….

use super::*;

// A line that is a heading of its own: "Annex", "Annex I", "Appendix".
re!(HEADING_LINE, r"^(?:Annex|Appendix)(?:\s+[IVXL\d]+)?$");
// A Roman section number alone on its block ("I", "II."), or before its title.
re!(ROMAN_ALONE, r"^[IVXL]+\.?$");
re!(ROMAN_TITLED, r"^[IVXL]+\.? +[A-Z]");

/// True when an unnumbered paragraph of a resolution reads as an operative act ("Adopts …",
/// "Decides …") rather than a preambular phrase.
pub(super) fn looks_operative(s: &str) -> bool {
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
pub(super) fn ends_open(s: &str) -> bool {
    !ends_closed(without_trailing_mark(s), false)
}

/// Mends the paragraphs the layout split in the middle of a sentence, by the drafting grammar:
/// after a resolution's chapeau, a block that does not open like a preambular paragraph
/// (a participle or adjective phrase) while the paragraph before it stops mid-sentence ("… and
/// the Final" / "Documents of the 2000 Review Conference …", a page break in re-flowed
/// Markdown) goes on with it; so does an unnumbered block after a numbered paragraph that
/// stops mid-sentence. One odd line thus never changes the numbering of the rest.
pub(super) fn mend(drafts: &mut Vec<Draft>, vocab: &Vocab<'_>) {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    let mut in_preamble = false;
    for d in drafts.drain(..) {
        let t = d.line.text.text.trim();
        if d.number.is_none() && CHAPEAU.is_match(t) {
            in_preamble = true;
            out.push(d);
            continue;
        }
        // The preamble ends at the first operative act, numbered or not ("Adopts …"), and at
        // the plenary line.
        let after_complete = out.last().is_none_or(|p| {
            let p = p.line.text.text.trim();
            CHAPEAU.is_match(p) || !ends_open(p)
        });
        if d.number.is_some() || (looks_operative(t) && after_complete) || PLENARY.is_match(t) {
            in_preamble = false;
        }
        let apart = |s: &str| is_structural(s) || PLENARY.is_match(s) || HEADING_LINE.is_match(s);
        if d.number.is_none()
            && !d.heading
            && !apart(t)
            && !starts_preambular(t)
            && let Some(prev) = out.last_mut()
            && !prev.heading
            && !apart(prev.line.text.text.trim())
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
pub(super) fn item_shape(t: &str) -> bool {
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
pub(super) fn infer_lost_markers(drafts: &mut [Draft]) -> Vec<Issue> {
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
                    && !diagnose::short_heading(t)
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
pub(super) fn assign_preamble(drafts: &mut [Draft]) {
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
        let titled = ROMAN_TITLED.is_match(t) && diagnose::short_heading(t);
        if lone || titled || (after_numeral && diagnose::short_heading(t)) {
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
