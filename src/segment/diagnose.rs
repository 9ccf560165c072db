//! What the segmenter could not read cleanly, as [`Issue`]s a user can act on.
//!
//! Run on the finished paragraphs of one document:
//! - **numbering gaps**: printed paragraph numbers run 1, 2, 3 … (a run starts again at 1, as
//!   in an annex); a jump leaves the numbers in between unread ("paragraphs 2 and 9 of the
//!   annex not found — the source may be missing text"); the same for the letters of a
//!   paragraph's sub-paragraphs;
//! - **orphan text**: an unnumbered paragraph inside the numbered part of a document (between
//!   its first and its last numbered paragraph) that is neither a heading ("I. …", "A. …",
//!   "Annex", a short line without final punctuation) nor the plenary line; its text is kept,
//!   without a number.
//!
//! Inferred sub-paragraph letters and front matter are reported by the segmenter itself.

use super::PLENARY;
use crate::model::{Issue, IssueKind, Paragraph, ParagraphKind};

// A section heading: "I.", "A.", "Annex", "Appendix", "Part II".
re!(
    HEADING_LIKE,
    r"^(?:[IVXL]+\.|[A-Z]\.|Annex\b|Appendix\b|Part\s+[IVX\d]+\b)"
);

/// A printed paragraph number: its number and suffix (`4bis`), or a sub-paragraph (`16(a)`).
fn top_number(n: &str) -> Option<u32> {
    let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() != n.len() {
        return None;
    }
    digits.parse().ok()
}

/// The parent number and single letter of a sub-paragraph number (`16(a)` → `16`, `a`).
fn sub_letter(n: &str) -> Option<(&str, char)> {
    let (parent, rest) = n.split_once('(')?;
    let inner = rest.strip_suffix(')')?;
    let mut cs = inner.chars();
    let c = cs.next()?;
    (cs.next().is_none() && c.is_ascii_lowercase()).then_some((parent, c))
}

/// "2", "2 and 9", "2, 5 and 9".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// True for a short line that reads as a heading: no final punctuation, a dozen words at most.
pub(super) fn short_heading(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty()
        && t.split_whitespace().count() <= 12
        && !t.ends_with([',', ';', ':', '.'])
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The numbering gaps and orphan text of a document's paragraphs.
pub(super) fn numbering(paras: &[Paragraph]) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut last: Option<u32> = None;
    let mut annex = false;
    let mut letters: Option<(String, char)> = None;
    for p in paras {
        let t = p.text.text.trim();
        if p.number.is_none() && t.starts_with("Annex") {
            annex = true;
            last = None;
        }
        let Some(n) = p.number.as_deref() else {
            continue;
        };
        if let Some(k) = top_number(n) {
            letters = None;
            match last {
                Some(l) if k > l + 1 && k - l <= 50 => {
                    let missing: Vec<String> = (l + 1..k).map(|m| m.to_string()).collect();
                    let plural = if missing.len() > 1 {
                        "paragraphs"
                    } else {
                        "paragraph"
                    };
                    let place = if annex { " of the annex" } else { "" };
                    out.push(Issue {
                        kind: IssueKind::NumberingGap,
                        message: format!(
                            "{plural} {}{place} not found (the numbering goes from {l} to {k}) — the source may be missing text",
                            list(&missing)
                        ),
                        span: p.text.span().start..p.text.span().start,
                    });
                }
                _ => {}
            }
            last = Some(k);
        } else if let Some((parent, c)) = sub_letter(n) {
            // "5. a." printed without a paragraph 5 of its own: 5 is there.
            if let Some(k) = top_number(parent)
                && last.is_some_and(|l| k == l + 1)
            {
                last = Some(k);
            }
            match &letters {
                Some((lp, lc)) if lp == parent && c > char::from(*lc as u8 + 1) => {
                    let missing: Vec<String> = ((*lc as u8 + 1)..(c as u8))
                        .map(|b| format!("{parent}({})", char::from(b)))
                        .collect();
                    out.push(Issue {
                        kind: IssueKind::NumberingGap,
                        message: format!(
                            "sub-paragraph{} {} not found — the source may be missing text",
                            if missing.len() > 1 { "s" } else { "" },
                            list(&missing)
                        ),
                        span: p.text.span().start..p.text.span().start,
                    });
                }
                _ => {}
            }
            letters = Some((parent.to_owned(), c));
        }
    }
    // Orphans: unnumbered text between the first and the last numbered paragraph.
    let first = paras.iter().position(|p| p.number.is_some());
    let last = paras.iter().rposition(|p| p.number.is_some());
    if let (Some(a), Some(b)) = (first, last) {
        for p in paras.get(a..=b).unwrap_or_default() {
            let t = p.text.text.trim();
            if p.number.is_some()
                || p.kind == ParagraphKind::Heading
                || HEADING_LIKE.is_match(t)
                || PLENARY.is_match(t)
                || short_heading(t)
            {
                continue;
            }
            let head: String = t.chars().take(60).collect();
            out.push(Issue {
                kind: IssueKind::OrphanText,
                message: format!(
                    "text without a paragraph number inside the numbered part: \"{head}…\""
                ),
                span: p.text.span(),
            });
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::Text;

    fn para(number: Option<&str>, text: &str) -> Paragraph {
        Paragraph {
            index: 0,
            number: number.map(str::to_owned),
            kind: if number.is_some() {
                ParagraphKind::Operative
            } else {
                ParagraphKind::Unnumbered
            },
            text: Text::verbatim(text, 0),
            footnotes: Vec::new(),
            pages: None,
        }
    }

    #[test]
    fn gaps_in_the_annex_are_named() {
        let ps = vec![
            para(Some("1"), "Adopts the declaration annexed;"),
            para(None, "Annex"),
            para(Some("1"), "We gather;"),
            para(Some("3"), "We commit;"),
            para(Some("4"), "We will;"),
            para(Some("8"), "We recall;"),
        ];
        let issues = numbering(&ps);
        let msgs: Vec<&str> = issues.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(issues.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].starts_with("paragraph 2 of the annex not found"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].starts_with("paragraphs 5, 6 and 7 of the annex not found"),
            "{msgs:?}"
        );
    }

    #[test]
    fn letter_gaps_and_orphans() {
        let ps = vec![
            para(Some("1"), "Requests:"),
            para(Some("1(a)"), "To act;"),
            para(Some("1(c)"), "To report;"),
            para(None, "and something left without a number;"),
            para(None, "II. Follow-up"),
            para(None, "Follow-up and review"),
            para(Some("2"), "Decides to remain seized of the matter."),
        ];
        let issues = numbering(&ps);
        let kinds: Vec<IssueKind> = issues.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, vec![IssueKind::NumberingGap, IssueKind::OrphanText]);
        assert!(
            issues[0]
                .message
                .starts_with("sub-paragraph 1(b) not found")
        );
    }

    #[test]
    fn a_clean_document_has_no_findings() {
        let ps = vec![
            para(None, "The General Assembly,"),
            para(Some("PP1"), "Recalling its resolutions,"),
            para(Some("1"), "Decides:"),
            para(Some("1(a)"), "That;"),
            para(Some("1(b)"), "That."),
            para(Some("2"), "Decides to remain seized of the matter."),
            para(None, "49th plenary meeting 1 December 2025"),
        ];
        assert!(numbering(&ps).is_empty());
    }
}
