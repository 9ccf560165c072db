//! Headings that plain text of a PDF prints on the first line of their block, with no blank
//! line before the text under them ("Core principle II" over the boxed principle, "Model
//! strategy No. 2" over the strategy): the text's counterpart of the PDF reader's short line
//! of the text column that a capitalised line follows.

use super::{LineKind, SrcLine};

/// A heading line is at most this share of the line after it, which is a full line of text
/// (at least [`MIN_TEXT`] characters): in justified text only the last line of a paragraph
/// stops short, and the first line of a paragraph is not its last when another follows.
const SHORT: f64 = 0.5;
const MIN_TEXT: usize = 40;

/// True when body line `i` opens its block (after a blank line or a page break), is a heading
/// of its own and the block's next line begins the text under it: the line is short against
/// the full line after it, ends without punctuation (".", ",", ";", ":", a hyphen or a dash, as a
/// sentence or a clause broken across lines would) and is no bare Roman numeral (a section's
/// numeral stays with its title), and the next line opens with a capital letter.
pub(super) fn heading_over_text(text: &str, lines: &[SrcLine], i: usize) -> bool {
    let raw = |l: &SrcLine| text.get(l.start..l.end).unwrap_or("").trim();
    let Some(l) = lines.get(i) else { return false };
    let opens_block = i == 0
        || lines
            .get(i - 1)
            .is_some_and(|p| p.kind != LineKind::Body || l.new_page);
    if !opens_block || l.kind != LineKind::Body {
        return false;
    }
    let head = raw(l);
    let Some(next) = lines
        .get(i + 1)
        .filter(|n| n.kind == LineKind::Body && !n.new_page)
        .map(raw)
    else {
        return false;
    };
    // The text goes on past its first line: the line after it in the block opens in lower
    // case (a sentence broken across lines), or the first line ends a sentence itself.
    let goes_on = lines
        .get(i + 2)
        .filter(|n| n.kind == LineKind::Body && !n.new_page)
        .map(raw)
        .is_some_and(|n| n.starts_with(|c: char| c.is_lowercase()))
        || next.ends_with(['.', ';', ':']);
    let (len, full) = (head.chars().count(), next.chars().count());
    let roman = !head.is_empty() && head.chars().all(|c| "IVXL.".contains(c));
    len > 0
        && full >= MIN_TEXT
        && (len as f64) <= SHORT * full as f64
        && !head.ends_with(['.', ',', ';', ':', '-', '\u{2013}', '\u{2014}'])
        && !roman
        && next.starts_with(|c: char| c.is_uppercase())
        && goes_on
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::model::{Encoding, Format, Segmented, Source};
    use std::path::PathBuf;

    fn seg(text: &str, format: Format) -> Segmented {
        super::super::segment(&Source {
            path: PathBuf::from("t.txt"),
            name: "t".into(),
            text: text.to_owned(),
            encoding: Encoding::Utf8,
            replaced: crate::model::Replaced::default(),
            format,
            pages: Vec::new(),
            notes: Vec::new(),
            info: crate::model::DocInfo::default(),
        })
    }

    fn texts(s: &Segmented) -> Vec<String> {
        s.paragraphs
            .iter()
            .map(|p| match &p.number {
                Some(n) => format!("{n} {}", p.text.text),
                None => p.text.text.clone(),
            })
            .collect()
    }

    /// A boxed principle of an annex as PDF text prints it: the heading on the first line of
    /// the block, the text under it from the next line.
    const BOXED: &str = "The General Assembly,\n\n1. Adopts the model strategies annexed to the \
                         present resolution.\n\nAnnex\n\nC. \nRehabilitation in the community \n\n\
                         Core principle II \nStates should promote the use of non-custodial \
                         measures in appropriate \ncases, as such measures are beneficial in \
                         reducing reoffending. \n\n2. In decision-making in the area of \
                         criminal justice, consideration should be given \nto the least \
                         restrictive measures appropriate. \n";

    #[test]
    fn a_short_line_over_a_full_one_is_a_heading() {
        let s = seg(BOXED, Format::Text);
        let t = texts(&s);
        assert!(t.contains(&"Core principle II".to_owned()), "{t:#?}");
        assert!(
            t.iter()
                .any(|p| p.starts_with("States should promote") && p.ends_with("reoffending.")),
            "{t:#?}"
        );
        assert!(t.iter().any(|p| p.starts_with("2 In decision-making")));
        // A PDF's reading decides its headings from the page, not from line lengths.
        let pdf = texts(&seg(BOXED, Format::Pdf));
        assert!(
            pdf.iter()
                .any(|p| p.starts_with("Core principle II States should promote")),
            "{pdf:#?}"
        );
    }

    #[test]
    fn masthead_lines_titles_and_numerals_stay_with_their_block() {
        // The session over the committee over the agenda item: the line after the short one
        // is no text going on (the next opens with a capital and does not end a sentence).
        let masthead = "Eightieth session \nSpecial Political and Decolonization Committee \
                        (Fourth Committee) \nAgenda item 48 \nInternational cooperation in the \
                        peaceful uses of outer space \n\nThe General Assembly,\n\nRecalling its \
                        resolutions,\n";
        let t = texts(&seg(masthead, Format::Text));
        assert!(
            t[0].starts_with("Eightieth session Special Political"),
            "{t:#?}"
        );
        // A section's Roman numeral stays with its title; a line ending a clause is no heading.
        let more = "1. Decides to act.\n\nII \nInformal system of the administration of justice \
                    and its offices \n\n2. Notes the work done by the Office of the Ombudsman,\n\
                    Welcomes the report of the Secretary-General on the activities of the \
                    Office \nof the Ombudsman.\n";
        let t = texts(&seg(more, Format::Text));
        assert!(
            t.contains(
                &"II Informal system of the administration of justice and its offices".into()
            ),
            "{t:#?}"
        );
        assert!(
            t.iter()
                .any(|p| p.starts_with("2 Notes the work") && p.ends_with("Ombudsman."))
        );
    }

    /// A convention's long title runs over its pages in four lines, far from the symbol and
    /// page number for all but the last: each line stands on every page, and goes.
    #[test]
    fn a_running_title_of_several_lines_goes() {
        let header = |page: &str| {
            format!(
                "\nUnited Nations Convention against Cybercrime; Strengthening International \n\
                 Cooperation for Combating Certain Crimes Committed by Means of Information \n\
                 and Communications Technology Systems and for the Sharing of Evidence in \n\
                 Electronic Form of Serious Crimes \nA/RES/79/243\n \n{page}/4\n24-24621 \n \n"
            )
        };
        let text = format!(
            "The General Assembly,\n\nRecalling its resolution 74/247 of 27 December 2019, in \
             which it decided to establish \nthe Ad Hoc Committee,\n\n1. Adopts the Convention \
             annexed to the present resolution, and \n{}\nrequests the Secretary-General to \
             open it for signature;\n\n2. Decides to act \n{}\nwithout delay.\n\n3. \
             Requests a report \n{}\non the Convention.\n",
            header("2"),
            header("3"),
            header("4")
        );
        let t = texts(&seg(&text, Format::Text));
        assert_eq!(
            t,
            [
                "The General Assembly,",
                "PP1 Recalling its resolution 74/247 of 27 December 2019, in which it decided to \
                 establish the Ad Hoc Committee,",
                "1 Adopts the Convention annexed to the present resolution, and requests the \
                 Secretary-General to open it for signature;",
                "2 Decides to act without delay.",
                "3 Requests a report on the Convention."
            ]
        );
    }

    /// PDF text prints a paragraph's number on a line of its own: the text under it is the
    /// paragraph's even when it opens like a chapeau ("The Conference of …").
    #[test]
    fn text_under_a_bare_number_is_its_paragraph() {
        let text = "Article 57 \n\n1. \nA Conference of the States Parties to the Convention is \
                    hereby established. \n2. \nThe Secretary-General shall convene the \
                    Conference. \n3. \nThe Conference of the States Parties shall adopt rules of \
                    procedure and rules \ngoverning the activities set forth in this article.\n";
        let t = texts(&seg(text, Format::Text));
        assert_eq!(
            t.last().map(String::as_str),
            Some(
                "3 The Conference of the States Parties shall adopt rules of procedure and rules \
                 governing the activities set forth in this article."
            ),
            "{t:#?}"
        );
    }

    /// A footnote mark of plain text after the closing punctuation ("2023; 3", "returning.29")
    /// does not leave the paragraph open: the heading after it is a paragraph of its own.
    #[test]
    fn a_mark_after_closing_punctuation_closes_the_paragraph() {
        let text = "The General Assembly,\n\n14. Takes note of the report of the Secretary-General \
                    on the budget \nperformance of the Mission for the period from 1 July 2022 \
                    to 30 June 2023; 3 \n\nBudget estimates for the period from 1 July 2024 to \
                    30 June 2025 \n\n15. Decides to appropriate the amount of 1,000 dollars.\n";
        let t = texts(&seg(text, Format::Text));
        assert!(
            t.contains(&"Budget estimates for the period from 1 July 2024 to 30 June 2025".into()),
            "{t:#?}"
        );
        // Across a page break (the footnote and the running header in between).
        let text = "The General Assembly,\n\n60. It is crucial that efforts are made to increase \
                    public understanding \nof the measures to which they are returning.29 \n\n\
                    __________________ \n\n29 Kyoto Declaration on Advancing Crime Prevention. \
                    \n\nA/RES/80/226 \n\n19/21\n25-20943 \n\n\nCapacity-building \n\n\n61. \
                    States should recognize the critical role of criminal justice personnel.\n";
        let t = texts(&seg(text, Format::Text));
        assert!(t.contains(&"Capacity-building".into()), "{t:#?}");
        // After a comma the sentence may go on over the page ("…2021,10" / "S-29/1 of …").
        let text = "The General Assembly,\n\nRecalling its resolutions 46/21 of 24 March 2021,10 \n\
                    __________________ \n\n10 See A/76/53.\n\nA/RES/79/182 \n\n2/18\n\n\
                    S-29/1 of 12 February 2021 and 43/26 of 22 June 2020,\n\n\
                    1. Decides to act.\n";
        let t = texts(&seg(text, Format::Text));
        assert!(
            t.iter()
                .any(|p| p.starts_with("PP1 Recalling") && p.ends_with("22 June 2020,")),
            "{t:#?}"
        );
    }
}
