#![allow(clippy::panic)] // tests fail by panicking
use super::*;
use crate::model::{MatchKind, ParagraphKind, Text};

/// A paragraph of `text` at source offset 1000, with mentions of the given surfaces.
fn para(index: usize, number: Option<&str>, kind: ParagraphKind, text: &str) -> Paragraph {
    Paragraph {
        index,
        number: number.map(str::to_owned),
        kind,
        text: Text::verbatim(text, 1000),
        footnotes: Vec::new(),
        pages: None,
    }
}

fn mentions(index: usize, text: &str, names: &[(&str, &str)]) -> Vec<Mention> {
    let mut v = Vec::new();
    for (surface, key) in names {
        let mut from = 0;
        while let Some(p) = text[from..].find(surface) {
            let s = from + p;
            v.push(Mention {
                paragraph: index,
                place: Place::Body,
                key: (*key).to_owned(),
                range: s..s + surface.len(),
                span: 1000 + s..1000 + s + surface.len(),
                surface: (*surface).to_owned(),
                how: MatchKind::Name,
            });
            from = s + surface.len();
        }
    }
    v.sort_by_key(|m| m.range.start);
    v
}

/// A test paragraph: number, kind, text, (surface, key) of its mentions.
type TestPara<'a> = (
    Option<&'a str>,
    ParagraphKind,
    &'a str,
    Vec<(&'a str, &'a str)>,
);

fn run(paras: Vec<TestPara<'_>>) -> Extracted {
    let mut seg = Segmented::default();
    let mut rec = Recognised::default();
    for (i, (num, kind, text, names)) in paras.into_iter().enumerate() {
        seg.paragraphs.push(para(i, num, kind, text));
        rec.mentions.extend(mentions(i, text, &names));
    }
    extract(&seg, &rec, Registry::embedded())
}

fn rows(x: &Extracted) -> Vec<(usize, String, String)> {
    let mut v: Vec<_> = x
        .provisions
        .iter()
        .flat_map(|p| {
            p.targets
                .iter()
                .map(|(_, k)| (p.paragraph, p.verb.clone(), k.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

fn r(p: usize, v: &str, k: &str) -> (usize, String, String) {
    (p, v.to_owned(), k.to_owned())
}

const WE: &str = "We, the States Members of the United Nations";

#[test]
fn declaration_speaker_and_coordinated_verbs() {
    let t1 = format!("{WE}, reaffirm the Global Plan of Action.");
    let t2 = "We recall and reaffirm our commitments to the 2030 Agenda, recognizing its integrated nature.";
    let x = run(vec![
        (
            Some("1"),
            ParagraphKind::Operative,
            &t1,
            vec![
                ("States Members of the United Nations", "member-states"),
                ("Global Plan of Action", "gpa"),
            ],
        ),
        (
            Some("2"),
            ParagraphKind::Operative,
            t2,
            vec![("2030 Agenda", "agenda-2030")],
        ),
    ]);
    assert_eq!(
        rows(&x),
        [
            r(0, "reaffirms", "gpa"),
            r(1, "reaffirms", "agenda-2030"),
            r(1, "recalls", "agenda-2030"),
            r(1, "recognizes", "agenda-2030"),
        ]
    );
    assert!(x.provisions.iter().all(|p| p.speaker == MEMBER_STATES));
}

#[test]
fn text_before_a_speaker_gives_no_provisions() {
    let x = run(vec![(
        None,
        ParagraphKind::Unnumbered,
        "We are pleased to submit the draft and we urge the Secretary-General to act.",
        vec![("Secretary-General", "un-sg")],
    )]);
    assert!(x.provisions.is_empty());
}

#[test]
fn resolution_head_preambular_and_operative() {
    let x = run(vec![
        (
            None,
            ParagraphKind::Unnumbered,
            "The General Assembly,",
            vec![("General Assembly", "un-ga")],
        ),
        (
            Some("PP1"),
            ParagraphKind::Preambular,
            "Taking note with appreciation of the guiding principles, endorsed by the World Health Assembly,",
            vec![
                ("guiding principles", "who-guiding-principles"),
                ("World Health Assembly", "wha"),
            ],
        ),
        (
            Some("1"),
            ParagraphKind::Operative,
            "Requests the United Nations Office on Drugs and Crime, in collaboration with the United Nations system, to continue providing assistance to States;",
            vec![
                ("United Nations Office on Drugs and Crime", "unodc"),
                ("United Nations system", "un-system"),
                ("States", "states"),
            ],
        ),
    ]);
    assert_eq!(
        rows(&x),
        [
            r(1, "takesNoteOf", "wha"),
            r(1, "takesNoteOf", "who-guiding-principles"),
            r(2, "requests", "unodc"),
        ]
    );
    assert!(x.provisions.iter().all(|p| p.speaker == "un-ga"));
    let req = &x.provisions[1];
    let Some((m, span)) = req.mandate.clone() else {
        panic!("no mandate");
    };
    assert_eq!(m, "to continue providing assistance to States");
    let src = format!("{}{}", " ".repeat(1000), x_text(2));
    assert_eq!(&src[span], m);
}

fn x_text(i: usize) -> &'static str {
    [
        "The General Assembly,",
        "",
        "Requests the United Nations Office on Drugs and Crime, in collaboration with the United Nations system, to continue providing assistance to States;",
    ][i]
}

#[test]
fn addressees_coordinated_and_restricted() {
    let t = format!(
        "{WE}, urge Member States that have not yet done so to ratify the Convention, and urge States parties to those instruments to implement them. We encourage Member States, international organizations and civil society to act."
    );
    let x = run(vec![(
        Some("3"),
        ParagraphKind::Operative,
        &t,
        vec![
            ("Member States", "member-states"),
            ("Convention", "untoc"),
            ("States parties to those instruments", "states-parties"),
            ("civil society", "civil-society"),
        ],
    )]);
    assert_eq!(
        rows(&x),
        [
            r(0, "encourages", "civil-society"),
            r(0, "encourages", "member-states"),
            r(0, "urges", "member-states"),
            r(0, "urges", "states-parties"),
        ]
    );
}

#[test]
fn anaphoric_addressees_and_objects() {
    let t = "We recognize the important role played by the Group in the United Nations system and invite it to continue its activities. We encourage Member States and the private sector to adopt policies, and strongly urge them to disclose. We take note of the work of the Special Rapporteur and welcome their continued efforts.";
    let x = run(vec![
        (None, ParagraphKind::Unnumbered, WE, vec![]),
        (
            Some("19"),
            ParagraphKind::Operative,
            t,
            vec![
                ("the Group", "icat"),
                ("United Nations system", "un-system"),
                ("Member States", "member-states"),
                ("private sector", "private-sector"),
                ("Special Rapporteur", "sr-tip"),
            ],
        ),
    ]);
    assert_eq!(
        rows(&x),
        [
            r(1, "encourages", "member-states"),
            r(1, "encourages", "private-sector"),
            r(1, "invites", "icat"),
            r(1, "recognizes", "icat"),
            r(1, "recognizes", "un-system"),
            r(1, "takesNoteOf", "sr-tip"),
            r(1, "urges", "member-states"),
            r(1, "urges", "private-sector"),
            r(1, "welcomes", "sr-tip"),
        ]
    );
}

#[test]
fn objects_stop_at_the_next_act_and_nested_names_count_once() {
    let t = "We welcome the decision of the Conference of the Parties to the United Nations Convention against Transnational Organized Crime to establish a mechanism. We will provide assistance, working with civil society.";
    let x = run(vec![
        (None, ParagraphKind::Unnumbered, WE, vec![]),
        (
            Some("3"),
            ParagraphKind::Operative,
            t,
            vec![
                (
                    "Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
                    "cop-untoc",
                ),
                ("civil society", "civil-society"),
            ],
        ),
    ]);
    assert_eq!(
        rows(&x),
        [
            r(1, "commits", "civil-society"),
            r(1, "welcomes", "cop-untoc")
        ]
    );
}

#[test]
fn noun_uses_give_no_listed_verb() {
    let t = "We reaffirm our strong support for the trust fund; we invite all stakeholders to contribute to the trust fund.";
    let x = run(vec![
        (None, ParagraphKind::Unnumbered, WE, vec![]),
        (
            Some("16(a)"),
            ParagraphKind::Operative,
            t,
            vec![
                ("trust fund", "unvtf"),
                ("all stakeholders", "stakeholders"),
            ],
        ),
    ]);
    assert_eq!(
        rows(&x),
        [r(1, "invites", "stakeholders"), r(1, "reaffirms", "unvtf")]
    );
    assert!(x.provisions.iter().all(|p| p.verb != "supports"));
}

#[test]
fn unlisted_verbs_are_acts_without_rows() {
    let x = run(vec![
        (
            None,
            ParagraphKind::Unnumbered,
            "The General Assembly,",
            vec![],
        ),
        (
            Some("PP16"),
            ParagraphKind::Preambular,
            "Considering also that the trade is prohibited in almost all Member States,",
            vec![("Member States", "member-states")],
        ),
    ]);
    assert_eq!(x.provisions.len(), 1);
    assert_eq!(x.provisions[0].verb, "considers");
    assert!(x.provisions[0].targets.is_empty());
}

#[test]
fn subparagraphs_of_resolutions_continue_the_chapeau() {
    let x = run(vec![
        (
            None,
            ParagraphKind::Unnumbered,
            "The General Assembly,",
            vec![],
        ),
        (
            Some("3(a)"),
            ParagraphKind::Operative,
            "Encouraging Member States to register;",
            vec![("Member States", "member-states")],
        ),
    ]);
    assert!(x.provisions.is_empty());
}

#[test]
fn verb_spans_slice_the_source() {
    let t = "We strongly urge the Secretary-General to ensure that procurement is free.";
    let x = run(vec![
        (None, ParagraphKind::Unnumbered, WE, vec![]),
        (
            Some("25"),
            ParagraphKind::Operative,
            t,
            vec![("Secretary-General", "un-sg")],
        ),
    ]);
    let p = &x.provisions[0];
    let src = format!("{}{}", " ".repeat(1000), t);
    assert_eq!(&src[p.verb_span.clone()], "strongly urge");
    assert_eq!(p.verb_text, "strongly urge");
    assert_eq!(&src[p.span.clone()], &t[3..t.len() - 1]);
    assert_eq!(
        p.mandate.as_ref().map(|m| m.0.as_str()),
        Some("to ensure that procurement is free")
    );
}

/// A resolution of `head` ("The Human Rights Council,") followed by paragraphs.
fn resolution<'a>(
    head: &'a str,
    head_names: Vec<(&'a str, &'a str)>,
    body: Vec<TestPara<'a>>,
) -> Extracted {
    let mut v = vec![(None, ParagraphKind::Unnumbered, head, head_names)];
    v.extend(body);
    run(v)
}

fn op<'a>(n: &'a str, text: &'a str, names: Vec<(&'a str, &'a str)>) -> TestPara<'a> {
    (Some(n), ParagraphKind::Operative, text, names)
}

fn pp<'a>(n: &'a str, text: &'a str, names: Vec<(&'a str, &'a str)>) -> TestPara<'a> {
    (Some(n), ParagraphKind::Preambular, text, names)
}

#[test]
fn other_bodies_speak_resolutions() {
    for (head, name, key) in [
        (
            "The Human Rights Council,",
            "Human Rights Council",
            "un-hrc",
        ),
        (
            "The Economic and Social Council,",
            "Economic and Social Council",
            "ecosoc",
        ),
        (
            "The Commission on Crime Prevention and Criminal Justice,",
            "Commission on Crime Prevention and Criminal Justice",
            "ccpcj",
        ),
    ] {
        // by the recognised mention, and by the registry's names alone
        for names in [vec![(name, key)], vec![]] {
            let x = resolution(
                head,
                names,
                vec![op(
                    "1",
                    "Urges States to ratify the Protocol;",
                    vec![("States", "states")],
                )],
            );
            assert_eq!(rows(&x), [r(1, "urges", "states")], "{head}");
            assert!(x.provisions.iter().all(|p| p.speaker == key), "{head}");
        }
    }
}

#[test]
fn declarations_of_heads_of_state_and_ministers() {
    for head in [
        "We, the Heads of State and Government, gathered at United Nations Headquarters,",
        "We, Ministers and representatives of Governments, meeting in Vienna,",
        "We, the Ministers and other high-level representatives, assembled at Doha,",
    ] {
        let t = format!(
            "{head} reaffirm the Global Plan of Action. We commit to protect victims. We will continue to support the trust fund. We call upon Member States to act. We resolve to end trafficking."
        );
        let x = run(vec![op(
            "1",
            &t,
            vec![
                ("Global Plan of Action", "gpa"),
                ("trust fund", "unvtf"),
                ("Member States", "member-states"),
            ],
        )]);
        assert_eq!(
            rows(&x),
            [
                r(0, "callsUpon", "member-states"),
                r(0, "commits", "unvtf"),
                r(0, "reaffirms", "gpa"),
            ],
            "{head}"
        );
        assert!(x.provisions.iter().all(|p| p.speaker == MEMBER_STATES));
        let names: Vec<&str> = x.provisions.iter().map(|p| p.verb.as_str()).collect();
        assert_eq!(
            names,
            ["reaffirms", "commits", "commits", "callsUpon", "resolves"]
        );
    }
}

#[test]
fn addressees_with_parentheticals_and_restrictions() {
    let x = resolution(
        "The General Assembly,",
        vec![],
        vec![
            op(
                "1",
                "Calls upon all States, in particular States of origin, transit and destination, to take measures to prevent trafficking;",
                vec![("all States", "states"), ("States of origin", "states")],
            ),
            op(
                "2",
                "Invites Member States and other relevant stakeholders to contribute to the United Nations Voluntary Trust Fund for Victims of Trafficking in Persons;",
                vec![
                    ("Member States", "member-states"),
                    ("other relevant stakeholders", "stakeholders"),
                    (
                        "United Nations Voluntary Trust Fund for Victims of Trafficking in Persons",
                        "unvtf",
                    ),
                ],
            ),
            op(
                "3",
                "Encourages Governments, in cooperation with civil society, to strengthen victim services;",
                vec![
                    ("Governments", "governments"),
                    ("civil society", "civil-society"),
                ],
            ),
            op(
                "4",
                "Urges States that have not yet done so to consider ratifying or acceding to the Convention;",
                vec![("States", "states"), ("Convention", "untoc")],
            ),
            op(
                "5",
                "Requests the United Nations Office on Drugs and Crime, within its mandate and existing resources, to continue to provide technical assistance to Member States;",
                vec![
                    ("United Nations Office on Drugs and Crime", "unodc"),
                    ("Member States", "member-states"),
                ],
            ),
        ],
    );
    assert_eq!(
        rows(&x),
        [
            r(1, "callsUpon", "states"),
            r(2, "invites", "member-states"),
            r(2, "invites", "stakeholders"),
            r(3, "encourages", "governments"),
            r(4, "urges", "states"),
            r(5, "requests", "unodc"),
        ]
    );
    let mandates: Vec<&str> = x
        .provisions
        .iter()
        .filter_map(|p| p.mandate.as_ref().map(|m| m.0.as_str()))
        .collect();
    assert_eq!(
        mandates,
        [
            "to take measures to prevent trafficking",
            "to contribute to the United Nations Voluntary Trust Fund for Victims of Trafficking in Persons",
            "to strengthen victim services",
            "to consider ratifying or acceding to the Convention",
            "to continue to provide technical assistance to Member States",
        ]
    );
}

#[test]
fn non_directive_operative_verbs() {
    let x = resolution(
        "The Human Rights Council,",
        vec![("Human Rights Council", "un-hrc")],
        vec![
            op(
                "1",
                "Expresses its appreciation to the Office for its work;",
                vec![("the Office", "unodc")],
            ),
            op(
                "2",
                "Takes note with appreciation of the report of the Secretary-General;",
                vec![("Secretary-General", "un-sg")],
            ),
            op(
                "3",
                "Welcomes the efforts of the Inter-Agency Coordination Group against Trafficking in Persons and invites it to continue its work;",
                vec![(
                    "Inter-Agency Coordination Group against Trafficking in Persons",
                    "icat",
                )],
            ),
            op(
                "4",
                "Stresses the importance of the Global Plan of Action;",
                vec![("Global Plan of Action", "gpa")],
            ),
            op("5", "Decides to remain seized of the matter.", vec![]),
        ],
    );
    assert_eq!(
        rows(&x),
        [
            r(1, "appreciates", "unodc"),
            r(2, "takesNoteOf", "un-sg"),
            r(3, "invites", "icat"),
            r(3, "welcomes", "icat"),
            r(4, "stresses", "gpa"),
        ]
    );
    let last = x.provisions.last().unwrap();
    assert_eq!(last.verb, "decides");
    assert!(last.targets.is_empty());
    let inv = x.provisions.iter().find(|p| p.verb == "invites").unwrap();
    assert_eq!(
        inv.mandate.as_ref().map(|m| m.0.as_str()),
        Some("to continue its work")
    );
}

#[test]
fn preambular_participles_with_modifiers_after_them() {
    let x = resolution(
        "The General Assembly,",
        vec![],
        vec![
            pp(
                "PP1",
                "Reaffirming also the Global Plan of Action,",
                vec![("Global Plan of Action", "gpa")],
            ),
            pp(
                "PP2",
                "Noting with deep concern the report of the Special Rapporteur,",
                vec![("Special Rapporteur", "sr-tip")],
            ),
            pp(
                "PP3",
                "Recognizing further the role of civil society,",
                vec![("civil society", "civil-society")],
            ),
            pp(
                "PP4",
                "Expressing deep concern at the situation of victims in armed conflict, as documented by the Security Council,",
                vec![("Security Council", "unsc")],
            ),
            pp(
                "PP5",
                "Recalling once again the Convention,",
                vec![("Convention", "untoc")],
            ),
        ],
    );
    assert_eq!(
        rows(&x),
        [
            r(1, "reaffirms", "gpa"),
            r(2, "notes", "sr-tip"),
            r(3, "recognizes", "civil-society"),
            r(4, "expressesConcern", "unsc"),
            r(5, "recalls", "untoc"),
        ]
    );
    let printed: Vec<&str> = x.provisions.iter().map(|p| p.verb_text.as_str()).collect();
    assert_eq!(
        printed,
        [
            "Reaffirming also",
            "Noting with deep concern",
            "Recognizing further",
            "Expressing deep concern",
            "Recalling once again",
        ]
    );
}

#[test]
fn negated_and_conditional_verbs_are_not_acts() {
    let t = "We do not recognize the Convention. We would welcome the Group, and we may request the Secretary-General to act.";
    let x = run(vec![
        (None, ParagraphKind::Unnumbered, WE, vec![]),
        op(
            "2",
            t,
            vec![
                ("Convention", "untoc"),
                ("the Group", "icat"),
                ("Secretary-General", "un-sg"),
            ],
        ),
    ]);
    assert!(
        x.provisions.iter().all(|p| !verbs::is_listed(&p.verb)),
        "{:?}",
        x.provisions
    );
    let x = resolution(
        "The General Assembly,",
        vec![],
        vec![op(
            "1",
            "Decides not to consider the report of the Secretary-General;",
            vec![("Secretary-General", "un-sg")],
        )],
    );
    assert_eq!(rows(&x), [r(1, "decides", "un-sg")]);
}

#[test]
fn several_mandates_are_kept_whole() {
    let t = "Requests the Secretary-General to develop guidelines for States and to strengthen coordination with the Group, and to report thereon;";
    let x = resolution(
        "The General Assembly,",
        vec![],
        vec![op(
            "1",
            t,
            vec![
                ("Secretary-General", "un-sg"),
                ("States", "states"),
                ("the Group", "icat"),
            ],
        )],
    );
    assert_eq!(rows(&x), [r(1, "requests", "un-sg")]);
    let (m, span) = x.provisions[0].mandate.clone().unwrap();
    assert_eq!(
        m,
        "to develop guidelines for States and to strengthen coordination with the Group, and to report thereon"
    );
    let src = format!("{}{}", " ".repeat(1000), t);
    assert_eq!(&src[span], m);
}

#[test]
fn chapeau_verbs_take_their_subparagraphs_as_mandate() {
    let x = resolution(
        "The General Assembly,",
        vec![],
        vec![
            op(
                "3",
                "Requests the Secretary-General:",
                vec![("Secretary-General", "un-sg")],
            ),
            op(
                "3(a)",
                "To submit a report on the implementation of the present resolution;",
                vec![],
            ),
            op(
                "3(b)",
                "To continue to support the work of the Special Rapporteur;",
                vec![("Special Rapporteur", "sr-tip")],
            ),
            op("4", "Welcomes the report;", vec![]),
        ],
    );
    assert_eq!(rows(&x), [r(1, "requests", "un-sg")]);
    let p = &x.provisions[0];
    assert_eq!(p.speaker, "un-ga");
    let (m, span) = p.mandate.clone().unwrap();
    assert_eq!(
        m,
        "(a) To submit a report on the implementation of the present resolution; (b) To continue to support the work of the Special Rapporteur"
    );
    // the span runs from the first sub-paragraph to the end of the last one
    assert!(span.start < span.end);
    assert_eq!(x.provisions.len(), 2);
}

#[test]
fn every_provision_has_speaker_verb_text_span_and_directives_a_mandate() {
    let x = resolution(
        "The Human Rights Council,",
        vec![("Human Rights Council", "un-hrc")],
        vec![
            pp(
                "PP1",
                "Recalling its resolution 44/4, and mindful of the Convention,",
                vec![("Convention", "untoc")],
            ),
            op(
                "1",
                "Strongly urges States to ratify the Convention, and also invites the Special Rapporteur to report;",
                vec![
                    ("States", "states"),
                    ("Convention", "untoc"),
                    ("Special Rapporteur", "sr-tip"),
                ],
            ),
        ],
    );
    assert!(!x.provisions.is_empty());
    for p in &x.provisions {
        assert_eq!(p.speaker, "un-hrc");
        assert!(!p.verb_text.is_empty());
        assert!(p.span.start < p.span.end && p.verb_span.start < p.verb_span.end);
        if verbs::is_directive(&p.verb) {
            assert!(p.mandate.is_some(), "{p:?}");
        }
    }
}

#[test]
fn addressees_coordinated_after_a_parenthetical() {
    let x = resolution(
        "The General Assembly,",
        vec![],
        vec![
            op(
                "3",
                "Invites the United Nations Office on Drugs and Crime, as coordinator of ICAT, and the Special Rapporteur to contribute to the preparations;",
                vec![
                    ("United Nations Office on Drugs and Crime", "unodc"),
                    ("ICAT", "icat"),
                    ("Special Rapporteur", "sr-tip"),
                ],
            ),
            op(
                "4",
                "Calls upon all States, in particular States of origin, transit and destination, to act;",
                vec![("all States", "states")],
            ),
            op(
                "5",
                "Encourages Governments, in cooperation with civil society, to act, and the private sector to join;",
                vec![
                    ("Governments", "governments"),
                    ("civil society", "civil-society"),
                    ("private sector", "private-sector"),
                ],
            ),
            op(
                "6",
                "Calls upon the United Nations, in particular the United Nations Office on Drugs and Crime, and INTERPOL, as appropriate, to enhance cooperation;",
                vec![
                    ("United Nations", "un"),
                    ("United Nations Office on Drugs and Crime", "unodc"),
                    ("INTERPOL", "interpol"),
                ],
            ),
        ],
    );
    assert_eq!(
        rows(&x),
        [
            r(1, "invites", "sr-tip"),
            r(1, "invites", "unodc"),
            r(2, "callsUpon", "states"),
            r(3, "encourages", "governments"),
            r(4, "callsUpon", "interpol"),
            r(4, "callsUpon", "un"),
            r(4, "callsUpon", "unodc"),
        ]
    );
}

#[test]
fn a_gerund_after_to_is_no_infinitive_the_next_verb_is_the_speakers() {
    let t = "We are concerned that disasters heighten the exposure of persons to exploitation and to recruiting, and recognize the work of the Office of the United Nations High Commissioner for Refugees in this regard;";
    let x = run(vec![
        (None, ParagraphKind::Unnumbered, WE, vec![]),
        op(
            "3",
            t,
            vec![(
                "Office of the United Nations High Commissioner for Refugees",
                "unhcr",
            )],
        ),
    ]);
    assert_eq!(rows(&x), [r(1, "recognizes", "unhcr")]);
    // a bare infinitive after "to" still continues the addressee's act
    let t = "We urge States to prevent, and punish the offenders of the Palermo Protocol;";
    let x = run(vec![
        (None, ParagraphKind::Unnumbered, WE, vec![]),
        op(
            "4",
            t,
            vec![("States", "states"), ("Palermo Protocol", "tip-protocol")],
        ),
    ]);
    assert_eq!(rows(&x), [r(1, "urges", "states")]);
}

#[test]
fn pronouns_agree_in_number() {
    let t = "We encourage Member States to contribute to the Trust Fund for Victims, and take note with appreciation of the assistance it has provided;";
    let names = vec![
        ("Member States", "member-states"),
        ("Trust Fund for Victims", "unvtf"),
    ];
    let x = run(vec![
        (None, ParagraphKind::Unnumbered, WE, vec![]),
        op("6", t, names.clone()),
    ]);
    assert_eq!(
        rows(&x),
        [
            r(1, "encourages", "member-states"),
            r(1, "takesNoteOf", "unvtf")
        ]
    );
    // "their" takes a plural or a coordination, not the singular mandate entity
    let t =
        "We invite Governments to support the Trust Fund for Victims, and welcome their efforts;";
    let names = vec![
        ("Governments", "governments"),
        ("Trust Fund for Victims", "unvtf"),
    ];
    let x = run(vec![
        (None, ParagraphKind::Unnumbered, WE, vec![]),
        op("7", t, names),
    ]);
    assert_eq!(
        rows(&x),
        [
            r(1, "invites", "governments"),
            r(1, "welcomes", "governments")
        ]
    );
}

#[test]
fn summaries_and_headings_have_no_speaker() {
    let body = vec![
        (
            None,
            ParagraphKind::Unnumbered,
            "The Global Plan of Action",
            vec![("Global Plan of Action", "gpa")],
        ),
        (
            None,
            ParagraphKind::Unnumbered,
            "Urges Governments to act. Recognizing the role of civil society.",
            vec![
                ("Governments", "governments"),
                ("civil society", "civil-society"),
            ],
        ),
    ];
    // a heading without the comma of a speaker's head
    let mut b = body.clone();
    b[0] = (
        None,
        ParagraphKind::Unnumbered,
        "The Human Rights Council",
        vec![("Human Rights Council", "un-hrc")],
    );
    b[1].2 = "The Council urges Governments to act.";
    assert!(run(b.clone()).provisions.is_empty());
    // … unless the next paragraph opens with its act, listed or not
    let mut c = b.clone();
    c[1] = op("1", "Recommends the adoption of the draft.", vec![]);
    assert_eq!(run(c).provisions.len(), 1);
    b[1].2 = "Urges Governments to act;";
    assert_eq!(rows(&run(b.clone())), [r(1, "urges", "governments")]);
    b[0].2 = "The Human Rights Council,";
    assert_eq!(rows(&run(b)), [r(1, "urges", "governments")]);
    // a heading naming an instrument, even with a comma
    let mut b = body.clone();
    b[0].2 = "The Global Plan of Action,";
    assert!(run(b).provisions.is_empty());
    // a summary: "The General Assembly," in its prose is no speaker
    let mut seg = Segmented::default();
    seg.meta.status = Some(Status::Summary);
    let mut rec = Recognised::default();
    let texts = [
        ("The General Assembly,", vec![("General Assembly", "un-ga")]),
        (
            "Urges Governments to act;",
            vec![("Governments", "governments")],
        ),
    ];
    for (i, (t, names)) in texts.iter().enumerate() {
        seg.paragraphs
            .push(para(i, None, ParagraphKind::Unnumbered, t));
        rec.mentions.extend(mentions(i, t, names));
    }
    assert!(
        extract(&seg, &rec, Registry::embedded())
            .provisions
            .is_empty()
    );
    // the same text in a resolution speaks
    seg.meta.status = None;
    assert_eq!(
        rows(&extract(&seg, &rec, Registry::embedded())),
        [r(1, "urges", "governments")]
    );
}

#[test]
fn therein_refers_to_the_instruments_named_before() {
    let names = vec![
        ("Global Plan of Action", "gpa"),
        ("2030 Agenda", "agenda-2030"),
    ];
    let x = run(vec![
        (None, ParagraphKind::Unnumbered, WE, vec![]),
        op(
            "2",
            "We recall the Global Plan of Action and the 2030 Agenda, and reaffirm the commitments contained therein;",
            names.clone(),
        ),
        op("3", "We reaffirm the commitments made therein;", vec![]),
        // only the previous paragraph is looked at
        op("4", "We resolve to act;", vec![]),
        op("5", "We reaffirm the commitments made therein;", vec![]),
    ]);
    assert_eq!(
        rows(&x),
        [
            r(1, "reaffirms", "agenda-2030"),
            r(1, "reaffirms", "gpa"),
            r(1, "recalls", "agenda-2030"),
            r(1, "recalls", "gpa"),
            r(2, "reaffirms", "agenda-2030"),
            r(2, "reaffirms", "gpa"),
        ]
    );
}

#[test]
fn a_resolutions_own_texts_are_not_the_previous_target() {
    let x = resolution(
        "The General Assembly,",
        vec![],
        vec![pp(
            "PP1",
            "Reaffirming its resolution 64/293 on the Global Plan of Action, and recalling its previous resolutions and its seventy-second session, and welcoming the Group and recognizing its role,",
            vec![("Global Plan of Action", "gpa"), ("the Group", "icat")],
        )],
    );
    assert_eq!(
        rows(&x),
        [
            r(1, "reaffirms", "gpa"),
            r(1, "recognizes", "icat"),
            r(1, "welcomes", "icat"),
        ]
    );
}

#[test]
fn an_object_chapeau_governs_its_items() {
    let x = run(vec![
        (
            None,
            ParagraphKind::Unnumbered,
            "The General Assembly,",
            vec![("General Assembly", "un-ga")],
        ),
        (
            Some("2"),
            ParagraphKind::Operative,
            "Expresses its very serious concern about:",
            vec![],
        ),
        (
            Some("2(a)"),
            ParagraphKind::Operative,
            "Continuing reports by the Office of the United Nations High Commissioner for Human Rights, such as:",
            vec![(
                "Office of the United Nations High Commissioner for Human Rights",
                "ohchr",
            )],
        ),
        (
            Some("2(a)(i)"),
            ParagraphKind::Operative,
            "The situation of refugees returned to the country, and in this regard strongly urges all Member States to respect the principle of non-refoulement;",
            vec![("Member States", "member-states")],
        ),
        (
            Some("3"),
            ParagraphKind::Operative,
            "Welcomes the report of the Secretary-General;",
            vec![("Secretary-General", "un-sg")],
        ),
        (
            Some("3(a)"),
            ParagraphKind::Operative,
            "Nothing of the chapeau here: the Human Rights Council",
            vec![("Human Rights Council", "un-hrc")],
        ),
    ]);
    assert_eq!(
        rows(&x),
        [
            r(2, "expressesConcern", "ohchr"),
            r(3, "urges", "member-states"),
            r(4, "welcomes", "un-sg"),
        ]
    );
    // The item's act is the chapeau's verb, where the chapeau prints it.
    let item = x.provisions.iter().find(|p| p.paragraph == 2).unwrap();
    assert_eq!(item.verb_text, x.provisions[0].verb_text);
    assert_eq!(item.verb_span, x.provisions[0].verb_span);
}
