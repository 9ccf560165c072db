#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
use super::tests;
use super::*;
use crate::model::ParagraphKind;

/// A paragraph: number (none for headings and chapeaux), body, (mark, footnote)s.
type Para<'a> = (Option<&'a str>, &'a str, &'a [(&'a str, &'a str)]);

/// A document of paragraphs.
fn run(paras: &[Para<'_>]) -> Recognised {
    let paras: Vec<tests::Para<'_>> = paras
        .iter()
        .map(|(number, body, notes)| {
            let notes = notes.iter().map(|(m, n)| ((*m).to_owned(), *n)).collect();
            let number = number.map(str::to_owned);
            (number, ParagraphKind::Operative, *body, notes)
        })
        .collect();
    let (source, seg) = tests::document(&paras);
    recognise(&source, &seg, Registry::embedded())
}

fn cites(r: &Recognised, para: usize) -> Vec<String> {
    r.citations
        .iter()
        .filter(|c| c.paragraph == para)
        .map(|c| c.symbol.clone())
        .collect()
}

#[test]
fn own_resolutions_of_the_chapeau_speaker() {
    let r = run(&[
        (
            None,
            "The Commission on Crime Prevention and Criminal Justice,",
            &[],
        ),
        (
            Some("PP1"),
            "Recalling General Assembly resolution 70/1 and Economic and Social Council resolution 2019/5, as well as its own resolutions 12/3 and 14/1,",
            &[],
        ),
    ]);
    assert_eq!(
        cites(&r, 1),
        ["A/RES/70/1", "E/RES/2019/5", "CCPCJ 12/3", "CCPCJ 14/1"]
    );
    let r = run(&[
        (None, "The General Assembly,", &[]),
        (
            Some("PP1"),
            "Recalling its resolutions 59/156 and 64/293,",
            &[],
        ),
    ]);
    assert_eq!(cites(&r, 1), ["A/RES/59/156", "A/RES/64/293"]);
}

#[test]
fn glued_footnote_mark_uses_the_documents_marks() {
    let r = run(&[
        (None, "The General Assembly,", &[]),
        (
            Some("PP1"),
            "Recalling its resolution 70/1,",
            &[("1", "See A/70/10.")],
        ),
        (
            Some("PP2"),
            "Taking note of the report on the implementation of resolution 77/1952 and",
            &[("2", "A/79/100.")],
        ),
    ]);
    assert!(cites(&r, 2).contains(&"A/RES/77/195".to_owned()));
}

#[test]
fn another_years_declaration_is_not_the_present_one() {
    let heading = "2029 Political Declaration on the Implementation of the United Nations Global Plan of Action to Combat Trafficking in Persons";
    let r = run(&[
        (None, heading, &[]),
        (
            Some("1"),
            "We request a report on the present declaration.",
            &[],
        ),
    ]);
    let keys: Vec<&str> = r.mentions.iter().map(|m| m.key.as_str()).collect();
    assert!(!keys.contains(&"pd-2017"), "{keys:?}");
    assert!(keys.contains(&"gpa"), "{keys:?}");
    // The same title with the instrument's own year is the instrument.
    let r = run(&[
        (None, &heading.replace("2029", "2017"), &[]),
        (
            Some("1"),
            "We request a report on the present declaration.",
            &[],
        ),
    ]);
    let at1: Vec<&str> = r
        .mentions
        .iter()
        .filter(|m| m.paragraph == 1)
        .map(|m| m.key.as_str())
        .collect();
    assert_eq!(at1, ["pd-2017"]);
}
