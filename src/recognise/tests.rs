#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
use super::*;
use crate::model::{Footnote, Paragraph, ParagraphKind, Source};

/// A test paragraph: its number, kind, body and footnotes (mark, text).
pub(super) type Para<'a> = (
    Option<String>,
    ParagraphKind,
    &'a str,
    Vec<(String, &'a str)>,
);

/// A document of paragraphs, each followed by its footnotes, as the segmenter would give it.
pub(super) fn document(paras: &[Para<'_>]) -> (Source, Segmented) {
    let mut src = String::new();
    let mut ps = Vec::new();
    for (i, (number, kind, body, notes)) in paras.iter().enumerate() {
        let start = src.len();
        src.push_str(body);
        src.push_str("\n\n");
        let mut footnotes = Vec::new();
        for (mark, n) in notes {
            let s = src.len();
            src.push_str(n);
            src.push_str("\n\n");
            footnotes.push(Footnote {
                mark: mark.clone(),
                text: Text::verbatim(n, s),
            });
        }
        ps.push(Paragraph {
            index: i,
            number: number.clone(),
            kind: *kind,
            text: Text::verbatim(body, start),
            footnotes,
            pages: None,
        });
    }
    let source = Source {
        path: "t.txt".into(),
        name: "t".into(),
        text: src,
        encoding: crate::model::Encoding::Utf8,
        replaced: crate::model::Replaced::default(),
        format: crate::model::Format::Text,
        pages: Vec::new(),
        notes: Vec::new(),
        info: crate::model::DocInfo::default(),
    };
    (
        source,
        Segmented {
            paragraphs: ps,
            ..Segmented::default()
        },
    )
}

/// Operative paragraphs numbered 1, 2, … with footnotes marked 1, 2, …
fn doc(paras: &[(&str, &[&str])]) -> (Source, Segmented) {
    let paras: Vec<Para<'_>> = paras
        .iter()
        .enumerate()
        .map(|(i, (body, notes))| {
            let notes = notes
                .iter()
                .enumerate()
                .map(|(k, n)| ((k + 1).to_string(), *n))
                .collect();
            (
                Some((i + 1).to_string()),
                ParagraphKind::Operative,
                *body,
                notes,
            )
        })
        .collect();
    document(&paras)
}

fn run(paras: &[(&str, &[&str])]) -> Recognised {
    let (s, seg) = doc(paras);
    recognise(&s, &seg, Registry::embedded())
}

fn keys(r: &Recognised, para: usize) -> Vec<String> {
    let mut v: Vec<String> = r
        .mentions
        .iter()
        .filter(|m| m.paragraph == para)
        .map(|m| m.key.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn office_after_unodc_is_an_anaphor() {
    let r = run(&[
        (
            "Requests the United Nations Office on Drugs and Crime to act;",
            &[],
        ),
        ("Also requests the Office to report;", &[]),
    ]);
    assert_eq!(keys(&r, 1), ["unodc"]);
    let m = r.mentions.iter().find(|m| m.paragraph == 1).unwrap();
    assert_eq!(m.how, MatchKind::Anaphor);
    assert_eq!(m.surface, "the Office");
}

#[test]
fn anaphor_without_antecedent_is_not_a_mention() {
    let r = run(&[("Requests the Office to report;", &[])]);
    assert!(r.mentions.is_empty());
    let r = run(&[
        ("the United Nations Office on Drugs and Crime", &[]),
        ("the Office of the Special Envoy", &[]),
    ]);
    assert!(keys(&r, 1).is_empty());
}

#[test]
fn label_anaphor_of_another_office_leaves_the_generic_rule_its_place() {
    // "the Office" is UNODC's anaphoric label; after UNHCR is named it is UNHCR's.
    let r = run(&[
        (
            "the Office of the United Nations High Commissioner for Refugees",
            &[],
        ),
        ("encourages the Office to redouble its efforts", &[]),
    ]);
    assert_eq!(keys(&r, 1), ["unhcr"]);
}

#[test]
fn shortened_names_refer_to_the_last_name_they_fit() {
    let r = run(&[
        (
            "the report of the United Nations High Commissioner for Refugees",
            &[],
        ),
        (
            "the Office of the United Nations High Commissioner for Refugees",
            &[],
        ),
        (
            "Encourages the Office of the High Commissioner to continue",
            &[],
        ),
        (
            "the Office of the United Nations High Commissioner for Human Rights",
            &[],
        ),
        (
            "Requests the Office of the High Commissioner to report",
            &[],
        ),
    ]);
    // The organization, not the post inside its name ("the High Commissioner").
    assert_eq!(keys(&r, 2), ["unhcr"]);
    assert_eq!(keys(&r, 4), ["ohchr"]);
    // Without an antecedent, no mention.
    let r = run(&[(
        "Requests the Office of the High Commissioner to report",
        &[],
    )]);
    assert!(keys(&r, 0).is_empty());
}

#[test]
fn another_organizations_body_is_neither() {
    let r = run(&[(
        "Welcomes the ninety-second session of the INTERPOL General Assembly, and the General Assembly",
        &[],
    )]);
    assert_eq!(keys(&r, 0), ["un-ga"]);
    let m = &r.mentions[0];
    assert_eq!(m.surface, "the General Assembly");
}

#[test]
fn shortened_names_yield_to_longer_names() {
    // A name that goes on past "and" is another one (an author's publication).
    let r = run(&[
        ("the United Nations Office on Drugs and Crime", &[]),
        (
            "Welcoming the United Nations Office on Drugs and Crime Strategy 2021-2025",
            &[],
        ),
    ]);
    assert!(!keys(&r, 1).contains(&"unodc".to_owned()));
    // An unlisted name the phrase also fits, read after the entity, wins.
    let r = run(&[
        (
            "the Office of the United Nations High Commissioner for Refugees",
            &[],
        ),
        (
            "the Office of the Special Envoy for the High Commissioner Review",
            &[],
        ),
        (
            "Requests the Office of the High Commissioner to report",
            &[],
        ),
    ]);
    assert!(keys(&r, 2).is_empty());
}

#[test]
fn the_convention_after_an_unlisted_convention_is_that_one() {
    let r = run(&[
        (
            "the United Nations Convention against Transnational Organized Crime",
            &[],
        ),
        (
            "Reaffirms the Vienna Convention on Consular Relations and the rights of nationals under the Convention",
            &[],
        ),
        (
            "Invites States parties to the 1970 Convention to implement the Convention, and the goals of the Convention",
            &[],
        ),
        ("acceding to the Convention", &[]),
    ]);
    assert!(!keys(&r, 1).contains(&"untoc".to_owned()));
    assert!(!keys(&r, 2).contains(&"untoc".to_owned()));
    assert_eq!(keys(&r, 3), ["untoc"]);
}

#[test]
fn the_convention_of_a_text_about_another_convention_is_that_one() {
    // A resolution on corruption names UNTOC once in passing: its "the Convention" is the
    // convention it names most, not UNTOC.
    let r = run(&[
        (
            "Recalling the United Nations Convention against Corruption,",
            &[],
        ),
        (
            "Noting the United Nations Convention against Transnational Organized Crime,",
            &[],
        ),
        (
            "Welcoming the review of the United Nations Convention against Corruption,",
            &[],
        ),
        ("Mindful of the aims of the present resolution,", &[]),
        ("Urges States parties to implement the Convention", &[]),
    ]);
    assert!(!keys(&r, 4).contains(&"untoc".to_owned()));
    // Named as often, UNTOC keeps it (a text about UNTOC naming another convention).
    let r = run(&[
        (
            "Recalling the United Nations Convention against Transnational Organized Crime,",
            &[],
        ),
        (
            "Noting the United Nations Convention against Transnational Organized Crime,",
            &[],
        ),
        (
            "Welcoming the United Nations Convention against Corruption,",
            &[],
        ),
        ("Mindful of the aims of the present resolution,", &[]),
        ("Urges States parties to implement the Convention", &[]),
    ]);
    assert!(keys(&r, 4).contains(&"untoc".to_owned()));
}

#[test]
fn a_group_named_as_a_bodys_members_is_the_body() {
    let r = run(&[
        (
            "Welcomes the decisions of the Conference of the States Parties and of the Meeting of States,",
            &[],
        ),
        ("Urges States parties and States to act", &[]),
    ]);
    assert!(keys(&r, 0).is_empty(), "{:?}", keys(&r, 0));
    assert_eq!(keys(&r, 1), ["states", "states-parties"]);
}

#[test]
fn a_generic_label_capitalised_inside_a_longer_name_is_not_the_entity() {
    let r = run(&[
        (
            "the Mechanism for the Review of the Implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto",
            &[],
        ),
        ("engage in the Implementation Review Mechanism", &[]),
        ("the review mechanism has begun", &[]),
    ]);
    assert!(keys(&r, 1).is_empty(), "{:?}", keys(&r, 1));
    assert_eq!(keys(&r, 2), ["untoc-review-mechanism"]);
}

#[test]
fn a_short_name_before_another_full_name_is_that_other_one() {
    let r = run(&[
        (
            "the 2026 Review Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear Weapons",
            &[],
        ),
        (
            "the Conference of the Parties to the United Nations Framework Convention on Climate Change",
            &[],
        ),
        (
            "the United Nations Convention against Transnational Organized Crime and the Conference of the Parties to the Convention",
            &[],
        ),
    ]);
    assert!(
        !keys(&r, 0).contains(&"cop-untoc".to_owned()),
        "{:?}",
        keys(&r, 0)
    );
    assert!(
        !keys(&r, 1).contains(&"cop-untoc".to_owned()),
        "{:?}",
        keys(&r, 1)
    );
    assert!(
        keys(&r, 2).contains(&"cop-untoc".to_owned()),
        "{:?}",
        keys(&r, 2)
    );
}

#[test]
fn convention_anaphor_and_full_names() {
    let r = run(&[
        (
            "the United Nations Convention against Transnational Organized Crime",
            &[],
        ),
        ("acceding to the Convention", &[]),
        ("the Convention on the Rights of the Child", &[]),
    ]);
    assert_eq!(keys(&r, 1), ["untoc"]);
    assert_eq!(keys(&r, 2), ["crc"]);
}

#[test]
fn learnt_acronyms() {
    let r = run(&[
        ("the Trafficking Observatory Network (TRON) was set up", &[]),
        ("We invite TRON to report", &[]),
    ]);
    // Not a registry name, so nothing is learnt from it.
    assert!(r.mentions.is_empty());
    let r = run(&[
        ("the International Labour Organization (IL-O) and", &[]),
        (
            "the Inter-Agency Coordination Group against Trafficking in Persons (XCAT)",
            &[],
        ),
        ("We invite XCAT to report", &[]),
    ]);
    assert_eq!(keys(&r, 2), ["icat"]);
}

#[test]
fn footnote_citations_belong_to_the_paragraph() {
    let r = run(&[(
        "Recalling the 2030 Agenda for Sustainable Development,",
        &["Resolution 70/1."],
    )]);
    assert_eq!(r.citations.len(), 1);
    assert_eq!(r.citations[0].symbol, "A/RES/70/1");
    assert_eq!(r.citations[0].paragraph, 0);
    assert_eq!(r.citations[0].place, Place::Footnote(0));
}

#[test]
fn treaty_series_publisher_is_not_a_mention() {
    let r = run(&[(
        "the Convention",
        &["United Nations, Treaty Series, vol. 2225, No. 39574."],
    )]);
    assert!(r.mentions.is_empty());
    assert_eq!(r.citations[0].symbol, "UNTS 2225 39574");
}

#[test]
fn date_label_inside_a_date() {
    let r = run(&[
        ("resolution 64/293 of 30 July 2010", &[]),
        ("the designation of 30 July as a day", &[]),
    ]);
    assert!(keys(&r, 0).is_empty());
    assert_eq!(keys(&r, 1), ["world-day-tip"]);
}

#[test]
fn author_prefix_is_part_of_the_name() {
    let r = run(&[(
        "take note of Committee on the Elimination of Discrimination against Women general recommendation No. 38 (2020)",
        &[],
    )]);
    assert_eq!(keys(&r, 0), ["cedaw-gr38"]);
}

#[test]
fn description_after_the_name() {
    let r = run(&[
        ("the guiding principles are", &[]),
        (
            "the World Health Organization guiding principles on human cell, tissue and organ transplantation",
            &[],
        ),
        ("in breach of the guiding principles or laws", &[]),
        ("the guiding principles on business", &[]),
    ]);
    assert!(keys(&r, 0).is_empty());
    assert_eq!(keys(&r, 2), ["who-guiding-principles"]);
    assert!(keys(&r, 3).is_empty());
}

#[test]
fn sponsor_list() {
    let r = run(&[(
        "Antigua and Barbuda, Armenia, Democratic People's Republic of Korea, Venezuela (Bolivarian Republic of), Viet Nam and Zimbabwe: revised draft resolution",
        &[],
    )]);
    assert_eq!(
        r.sponsors,
        [
            "state-atg",
            "state-arm",
            "state-prk",
            "state-ven",
            "state-vnm",
            "state-zwe"
        ]
    );
    let r = run(&[("Armenia and the United Nations: draft resolution", &[])]);
    assert!(r.sponsors.is_empty());
}

#[test]
fn spans_point_at_the_source() {
    let (s, seg) = doc(&[("x\nthe Secretary-\nGeneral", &[])]);
    let r = recognise(&s, &seg, Registry::embedded());
    let m = &r.mentions[0];
    assert_eq!(m.key, "un-sg");
    assert_eq!(&s.text[m.span.clone()], "the Secretary-\nGeneral");
    assert_eq!(m.surface, "the Secretary-\nGeneral");
}

#[test]
fn the_united_nations_organizations_as_a_group_are_the_system() {
    let r = run(&[
        (
            "Encourages the relevant United Nations programmes, funds, specialized agencies and other related organizations to assist",
            &[],
        ),
        (
            "the relevant offices and agencies of the United Nations and the United Nations development system",
            &[],
        ),
        // The Organization itself, and "United Nations" inside a longer name, stay as they were.
        ("the United Nations and its Member States", &[]),
        (
            "with the entities of the United Nations Global Counter-Terrorism Coordination Compact",
            &[],
        ),
        // A name right before the phrase does not hide it.
        (
            "Urges States, United Nations organizations and civil society",
            &[],
        ),
    ]);
    assert_eq!(keys(&r, 4), ["civil-society", "states", "un-system"]);
    assert!(!keys(&r, 3).contains(&"un-system".to_owned()));
    assert_eq!(keys(&r, 0), ["un-system"]);
    assert_eq!(keys(&r, 1), ["un-system"]);
    assert_eq!(keys(&r, 2), ["member-states", "un"]);
}

#[test]
fn a_state_named_as_a_meetings_place_is_no_mention() {
    let r = run(&[
        (
            "decided that its eleventh session would be held in Qatar in 2025, and invites Qatar to report",
            &[],
        ),
        ("the Conference, held in Marrakech, Morocco, in 2018", &[]),
    ]);
    assert_eq!(keys(&r, 0), ["state-qat"]);
    assert_eq!(
        r.mentions
            .iter()
            .filter(|m| m.paragraph == 0)
            .map(|m| m.surface.as_str())
            .collect::<Vec<_>>(),
        ["Qatar"]
    );
    assert!(keys(&r, 1).is_empty());
}

#[test]
fn his_office_is_the_office_of_the_post_last_named() {
    let r = run(&[
        (
            "Having considered the report of the United Nations High Commissioner for Refugees on the activities of his Office",
            &[],
        ),
        ("commending the staff of his Office", &[]),
        ("through its Office of the Special Envoy", &[]),
    ]);
    assert!(
        keys(&r, 0).contains(&"unhcr".to_owned()),
        "{:?}",
        keys(&r, 0)
    );
    assert_eq!(keys(&r, 1), ["unhcr"]);
    assert!(keys(&r, 2).is_empty());
}

#[test]
fn a_rapporteur_of_a_body_is_not_the_body() {
    let r = run(&[(
        "welcomes the efforts of the Special Rapporteur of the Human Rights Council on torture, and invites the Human Rights Council to act",
        &[],
    )]);
    assert_eq!(
        r.mentions
            .iter()
            .filter(|m| m.key == "un-hrc")
            .map(|m| m.surface.as_str())
            .collect::<Vec<_>>(),
        ["the Human Rights Council"]
    );
}

#[test]
fn a_name_ending_a_hyphenated_word_is_part_of_it() {
    let r = run(&[(
        "through the Under-Secretary-General for Policy and the Assistant Secretary-General for Human Rights, Member States deploying non-United Nations forces, public-private sector partnerships and the Secretary-General",
        &[],
    )]);
    assert_eq!(
        r.mentions
            .iter()
            .map(|m| (m.key.as_str(), m.surface.as_str()))
            .collect::<Vec<_>>(),
        [
            ("member-states", "Member States"),
            // a group's lower-case name stays itself
            ("private-sector", "private sector"),
            ("un-sg", "the Secretary-General")
        ]
    );
}
