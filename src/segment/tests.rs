#![allow(clippy::unwrap_used)]
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

/// A mark the PDF's text printed apart after closing punctuation ("(the Istanbul Principles) 13
/// as") goes to the paragraph holding it so, not to the first one after the previous mark's.
#[test]
fn a_mark_printed_apart_after_punctuation_finds_its_paragraph() {
    let src = "The General Assembly,\n\n1. Recalls the Convention;12\n\n2. Calls upon all States to act;\n\n\
               3. Recalls the Principles (the Istanbul Principles) 13 as a valuable tool, and the updated \
               principles;14\n\n4. Decides to act in paragraph 13 of its resolution.\n__________________\n\n\
               12 United Nations, Treaty Series, vol. 1465, No. 24841.\n\n13 Resolution 55/89, annex.\n\n\
               14 E/CN.4/2005/102/Add.1.\n";
    let s = seg(src, false);
    let marks = |n: &str| -> Vec<String> {
        para(&s, n)
            .footnotes
            .iter()
            .map(|f| f.mark.clone())
            .collect()
    };
    assert_eq!(marks("1"), ["12"]);
    assert!(marks("2").is_empty());
    assert_eq!(marks("3"), ["13", "14"]);
    assert!(marks("4").is_empty());
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
fn another_texts_adoption_in_the_body_is_not_the_documents() {
    let src = "United Nations\nA/C.3/80/L.50\n\nGeneral Assembly\nDistr.: Limited\n\
               5 November 2025\n\nOriginal: English\n\nEightieth session\n\n\
               Austria and Uruguay: draft resolution\n\nProtection of and assistance to \
               internally displaced persons\n\nThe General Assembly,\n\nRecalling the Vienna \
               Declaration and Programme of Action adopted by the World Conference on Human Rights \
               on 25 June 1993,\n\n1. Urges Member States;\n";
    let s = seg(src, false);
    assert_eq!(s.meta.status, Some(Status::Draft));
    assert_eq!(s.meta.date.as_deref(), Some("2025-11-05"));
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
