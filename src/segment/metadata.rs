//! Document metadata from the segmented paragraphs and the masthead: symbols, date, status,
//! title and kind.

use super::*;

/// Converts "17 December 2018" to "2018-12-17".
pub(super) fn iso_date(s: &str) -> Option<String> {
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
pub(super) fn metadata(
    paras: &[Paragraph],
    masthead: &Masthead,
    front: Option<&FrontMatter>,
    res_title: Option<String>,
) -> Metadata {
    let mut meta = Metadata::default();
    let mut symbols: Vec<String> = masthead.symbols.clone();
    if let Some(s) = front.and_then(|f| f.symbol.as_ref())
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
        // The adoption line, read once, before the body ("Resolution adopted by the General
        // Assembly on …"); in the body "adopted by the World Conference on Human Rights on 25
        // June 1993" is another text's adoption. The literal word is a cheap filter.
        let adoption = if (i < first_numbered || !numbered) && ADOPTED_WORD.is_match(t) {
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
            .or(front.and_then(|f| f.date.clone()))
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
        .or(front.and_then(|f| f.title.clone()))
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
