//! Unit tests of [`super`] (the verbs' tables and the finding of acts).

use super::*;

fn names(text: &str, style: Style, pre: bool) -> Vec<String> {
    let w = Words::new(text);
    find_acts(&w, style, pre, false)
        .into_iter()
        .map(|a| a.name)
        .collect()
}

fn printed(text: &str, style: Style) -> Vec<String> {
    let w = Words::new(text);
    find_acts(&w, style, false, false)
        .into_iter()
        .map(|a| {
            let s = w.toks[a.first].start;
            let e = w.toks[a.last - 1].end;
            text[s..e].to_owned()
        })
        .collect()
}

#[test]
fn a_verb_repeated_with_re_is_that_verb() {
    assert_eq!(
        names(
            "Re-emphasizes that prevention is the responsibility of States, and encourages all States to act",
            Style::Resolution,
            false
        ),
        ["emphasizes", "encourages"]
    );
}

#[test]
fn tokenizer_keeps_symbols_and_drops_emphasis() {
    let w = Words::new("*Adopts* resolution 73/189, UN-Women.");
    let ws: Vec<&str> = (0..w.toks.len()).map(|i| w.at(i)).collect();
    assert_eq!(ws, ["Adopts", "resolution", "73/189", ",", "UN-Women", "."]);
}

#[test]
fn main_verbs_in_declarations_with_modifiers() {
    assert_eq!(
        names(
            "We strongly urge Member States to act.",
            Style::Declaration,
            false
        ),
        ["urges"]
    );
    assert_eq!(
        printed(
            "We also further invite the Group to act.",
            Style::Declaration
        ),
        ["also further invite"]
    );
    assert_eq!(
        names(
            "We once again reaffirm the Plan.",
            Style::Declaration,
            false
        ),
        ["reaffirms"]
    );
}

#[test]
fn coordinated_verbs_give_both() {
    assert_eq!(
        names(
            "We recall and reaffirm our commitments to the Agenda.",
            Style::Declaration,
            false
        ),
        ["recalls", "reaffirms"]
    );
    assert_eq!(
        names(
            "Urges Member States to ratify the Convention, and urges States parties to implement it;",
            Style::Resolution,
            false
        ),
        ["urges", "urges"]
    );
}

#[test]
fn participles_start_and_continue_acts() {
    assert_eq!(
        names(
            "Recalling the Agenda, and recognizing its integrated nature,",
            Style::Resolution,
            true
        ),
        ["recalls", "recognizes"]
    );
    assert_eq!(
        printed(
            "Taking note with appreciation of the principles,",
            Style::Resolution
        ),
        ["Taking note with appreciation of"]
    );
    assert_eq!(
        names("Noting with concern the rise,", Style::Resolution, true),
        ["notes"]
    );
    assert_eq!(
        names("Deeply concerned about the rise,", Style::Resolution, true),
        ["expressesConcern"]
    );
    assert_eq!(
        names(
            "Expressing its deep concern at the rise,",
            Style::Resolution,
            true
        ),
        ["expressesConcern"]
    );
    assert_eq!(
        names(
            "Expressing appreciation for the work,",
            Style::Resolution,
            true
        ),
        ["appreciates"]
    );
}

#[test]
fn noun_uses_and_others_verbs_are_not_acts() {
    assert_eq!(
        names(
            "We reaffirm our strong support for the fund.",
            Style::Declaration,
            false
        ),
        ["reaffirms"]
    );
    assert_eq!(
        names(
            "We welcome their continued efforts to support the Plan.",
            Style::Declaration,
            false
        ),
        ["welcomes"]
    );
    assert_eq!(
        names(
            "Recalling the Convention, which requests States to act,",
            Style::Resolution,
            true
        ),
        ["recalls"]
    );
    assert_eq!(
        names(
            "We reiterate our strong condemnation of trafficking.",
            Style::Declaration,
            false
        ),
        ["reiterates"]
    );
    assert_eq!(
        names(
            "Welcomes the Task Force to advise and support the Organization;",
            Style::Resolution,
            false
        ),
        ["welcomes"]
    );
    assert_eq!(
        names(
            "We acknowledge that the Agenda includes commitments.",
            Style::Declaration,
            false
        ),
        ["acknowledges"]
    );
    // base forms are not acts of a body speaking in the third person
    assert_eq!(
        names(
            "Requests the Office to support and request data;",
            Style::Resolution,
            false
        ),
        ["requests"]
    );
}

#[test]
fn discourse_adjuncts_and_footnote_marks_are_skipped() {
    assert_eq!(
        names(
            "We commit to intensify our efforts, and in this regard recall our commitments.",
            Style::Declaration,
            false
        ),
        ["commits", "recalls"]
    );
    assert_eq!(
        names(
            "We reaffirm our commitments to the Agenda,\u{b2} recognizing its nature.",
            Style::Declaration,
            false
        ),
        ["reaffirms", "recognizes"]
    );
}

#[test]
fn infinitive_coordination_is_the_addressees_act() {
    assert_eq!(
        names(
            "We urge States to develop and adopt laws.",
            Style::Declaration,
            false
        ),
        ["urges"]
    );
}

#[test]
fn will_is_a_pledge_and_multiword_verbs() {
    assert_eq!(
        printed(
            "We will endeavour to provide resources.",
            Style::Declaration
        ),
        ["will endeavour"]
    );
    assert_eq!(
        names(
            "We will provide support to victims.",
            Style::Declaration,
            false
        ),
        ["commits"]
    );
    assert_eq!(
        names(
            "We call upon Member States to act.",
            Style::Declaration,
            false
        ),
        ["callsUpon"]
    );
    assert_eq!(
        names(
            "We call for partnerships with civil society.",
            Style::Declaration,
            false
        ),
        ["callsFor"]
    );
    assert_eq!(
        names(
            "We are seriously concerned that resources fall.",
            Style::Declaration,
            false
        ),
        ["expressesConcern"]
    );
    assert_eq!(
        names(
            "We commit to enhancing the capacity.",
            Style::Declaration,
            false
        ),
        ["commits"]
    );
}

#[test]
fn unlisted_verbs_keep_their_own_names() {
    assert_eq!(
        names(
            "We, the States Members of the United Nations, reaffirm the Plan and evince our will.",
            Style::Declaration,
            false
        ),
        ["reaffirms"]
    );
    assert_eq!(
        names("We pledge to act.", Style::Declaration, false),
        ["pledges"]
    );
    assert_eq!(
        names("Considering that all,", Style::Resolution, true),
        ["considers"]
    );
    assert_eq!(
        names("Convinced of the need,", Style::Resolution, true),
        ["isConvinced"]
    );
    assert_eq!(
        names("Designates 30 July;", Style::Resolution, false),
        ["designates"]
    );
    // multi-word verbs completing outside the list keep their own names, unlisted
    let w = Words::new("Expresses its gratitude to the Office;");
    let acts = find_acts(&w, Style::Resolution, false, false);
    assert_eq!(acts[0].name, "expressesGratitude");
    assert!(!acts[0].listed);
    assert_eq!(
        names(
            "We express our solidarity with victims.",
            Style::Declaration,
            false
        ),
        ["expresses"]
    );
    for n in [
        "pledges",
        "considers",
        "isConvinced",
        "designates",
        "expresses",
    ] {
        assert!(!is_listed(n));
    }
    assert!(is_listed("takesNoteOf") && is_directive("callsUpon") && !is_directive("callsFor"));
}

#[test]
fn subparagraph_of_resolution_has_no_initial_act() {
    let w = Words::new("Encouraging the use of registers;");
    assert!(find_acts(&w, Style::Resolution, false, true).is_empty());
}

#[test]
fn requesting_before_states_is_an_adjective() {
    assert_eq!(
        names(
            "Concerned about the difficulties that both requested and requesting States face, and encouraging States to cooperate,",
            Style::Resolution,
            true
        ),
        ["expressesConcern", "encourages"]
    );
}

#[test]
fn an_unlisted_verb_coordinated_after_an_act_is_an_act() {
    assert_eq!(
        names(
            "Recognizes the need for assistance, stresses the importance of the Fund, appeals to all States to contribute, and recommends that the Board act",
            Style::Resolution,
            false
        ),
        ["recognizes", "stresses", "appeals", "recommends"]
    );
    // Not after an act of the speaker: a word of the text.
    assert_eq!(
        names(
            "the organization that appeals to donors",
            Style::Resolution,
            false
        ),
        Vec::<String>::new()
    );
}
