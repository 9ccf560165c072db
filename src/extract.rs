//! Extract: the provisions (speaker, verb, addressee or object, mandate) and stated relations of
//! each paragraph.
//!
//! The stage reads the segmented paragraphs and the recognised mentions and, paragraph by
//! paragraph:
//!
//! 1. **Speaker** ([`Speaker`]): "We, the States Members of the United Nations" (and the "We"
//!    after it) is `member-states`, speaking in base forms; a paragraph "The General Assembly,"
//!    (or any body of the registry: "The Human Rights Council,") makes that body the speaker of
//!    what follows, in third-person forms. Text before any speaker — covering letters, headers,
//!    prose about a document — gives no provisions.
//! 2. **Acts** ([`crate::verbs`]): the speaker's verbs, listed or not.
//! 3. **Targets**: a directive verb (urges, invites, encourages, requests, callsUpon) takes the
//!    mentions of the noun phrase after it, up to the infinitive "to …" (or a parenthetical ", in
//!    collaboration with …"), and the infinitive clause is the mandate; any other verb takes
//!    every mention of its object phrase, which runs to the speaker's next act or the end of the
//!    sentence. "it"/"its" (or "them"/"their") with no mention of its own refers to the first (or
//!    every) target of the speaker's previous act in the paragraph ("invite it", "strongly urge
//!    them", "recognizing its integrated nature").
//! 4. **Relations** ([`crate::relations`]): membership, coordination, annexing, transmitting and
//!    representing, where the text states them.
//!
//! Work is linear in the paragraph length: one tokenisation, one pass for the acts, and ranges
//! over the paragraph's mentions (which arrive in text order).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Extracted, Mention, Paragraph, Place, Provision, Recognised, Role, Segmented};
use crate::registry::Registry;
use crate::relations;
use crate::verbs::{self, Act, Style, Words};

/// The key of the Member States, the speaker of a declaration.
pub const MEMBER_STATES: &str = "member-states";

/// Who speaks from a given paragraph on, and in which person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker's entity key.
    pub key: String,
    /// Declaration ("We …") or resolution ("The General Assembly, …").
    pub style: Style,
}

static WE_MEMBERS: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a literal pattern, checked by the tests
    Regex::new(
        r"(?i)\bWe,\s+the\s+(?:States\s+Members|Member\s+States|Heads\s+of\s+State|Ministers|representatives\s+of\s+(?:the\s+)?(?:States|Member))",
    )
    .unwrap()
});

static BODY_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a literal pattern, checked by the tests
    Regex::new(
        r"^[\s*_]*The\s+((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|of|on|and|for|the|against|in|to))*?)[\s*_]*(?:,|$)",
    )
    .unwrap()
});

/// Finds the speaker a paragraph introduces, and the byte offset where its own text starts
/// (after a head "The General Assembly,"; 0 for a declaration's "We, …").
pub fn speaker_of(
    para: &Paragraph,
    mentions: &[&Mention],
    registry: &Registry,
) -> Option<(Speaker, usize)> {
    let text = para.text.text.as_str();
    if WE_MEMBERS.is_match(text) {
        return Some((
            Speaker {
                key: MEMBER_STATES.to_owned(),
                style: Style::Declaration,
            },
            0,
        ));
    }
    let caps = BODY_HEAD.captures(text)?;
    let name = caps.get(1)?;
    let head = caps.get(0)?;
    // a head line is short, or its rest starts with a preambular or operative word
    let rest = text
        .get(head.end()..)
        .unwrap_or("")
        .trim_start_matches([' ', '*', '_', '\n']);
    if !(rest.is_empty() || rest.chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    let key = mentions
        .iter()
        .find(|m| m.range.start < name.end() && m.range.end > name.start())
        .map(|m| m.key.clone())
        .or_else(|| {
            let n = name.as_str();
            registry
                .iter()
                .find(|e| {
                    !registry.is_state(&e.key)
                        && (e.pref_label.eq_ignore_ascii_case(n)
                            || e.alt_labels.iter().any(|a| a.eq_ignore_ascii_case(n)))
                })
                .map(|e| e.key.clone())
        })?;
    if registry.is_state(&key) {
        return None;
    }
    Some((
        Speaker {
            key,
            style: Style::Resolution,
        },
        head.end(),
    ))
}

/// Extracts provisions and relations.
pub fn extract(segmented: &Segmented, recognised: &Recognised, registry: &Registry) -> Extracted {
    let mut out = Extracted::default();
    let mut by_para: Vec<Vec<&Mention>> = vec![Vec::new(); segmented.paragraphs.len()];
    for m in &recognised.mentions {
        if m.place == Place::Body
            && let Some(v) = by_para.get_mut(m.paragraph)
        {
            v.push(m);
        }
    }
    for v in &mut by_para {
        v.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    }
    let symbol = segmented.meta.symbols.first().map(String::as_str);
    let persons: Vec<String> = recognised
        .new_entities
        .iter()
        .filter(|e| e.class == "Person")
        .map(|e| e.key.clone())
        .collect();
    let mut author: Option<String> = None;
    let mut speaker: Option<Speaker> = None;
    for (pi, para) in segmented.paragraphs.iter().enumerate() {
        let mentions = by_para.get(pi).map(Vec::as_slice).unwrap_or(&[]);
        if author.is_none() {
            author = mentions
                .iter()
                .find(|m| {
                    m.key == "pga"
                        || persons.contains(&m.key)
                        || registry.get(&m.key).is_some_and(|e| e.class() == "Person")
                })
                .map(|m| m.key.clone());
        }
        let mut from = 0;
        if let Some((s, start)) = speaker_of(para, mentions, registry) {
            speaker = Some(s);
            from = start;
        }
        relations::find(
            para,
            mentions,
            registry,
            symbol,
            author.as_deref(),
            &persons,
            &mut out.relations,
        );
        let Some(sp) = &speaker else {
            continue;
        };
        paragraph_provisions(para, mentions, sp, from, &mut out.provisions);
    }
    out
}

/// Is this paragraph a lettered sub-paragraph (`16(a)`)?
fn is_subparagraph(para: &Paragraph) -> bool {
    para.number.as_deref().is_some_and(|n| n.contains('('))
}

/// The provisions of one paragraph, spoken by `sp`, from byte `from` of its text on.
pub fn paragraph_provisions(
    para: &Paragraph,
    mentions: &[&Mention],
    sp: &Speaker,
    from: usize,
    out: &mut Vec<Provision>,
) {
    let text = para.text.text.as_str();
    let mut words = Words::new(text);
    let skip = words.toks.iter().take_while(|t| t.start < from).count();
    words.toks.drain(..skip);
    let preambular = para.kind == crate::model::ParagraphKind::Preambular
        || (sp.style == Style::Resolution && para.number.is_none());
    let subpara = sp.style == Style::Resolution && is_subparagraph(para);
    let acts = verbs::find_acts(&words, sp.style, preambular, subpara);
    let first_here = out.len();
    for (ai, act) in acts.iter().enumerate() {
        // "recall and reaffirm X": coordinated verbs share the object of the last of them
        let mut shared = ai;
        while let Some(n) = acts.get(shared + 1) {
            let gap_is_conjunction = (acts[shared].last..n.first)
                .all(|k| words.is(k, "and") || words.is(k, "or") || words.at(k) == ",");
            if !gap_is_conjunction || n.directive != act.directive {
                break;
            }
            shared += 1;
        }
        let Some(owner) = acts.get(shared) else {
            continue;
        };
        let next = acts.get(shared + 1);
        let end_tok = phrase_end(&words, owner, next);
        let Some(verb_first) = words.toks.get(act.first) else {
            continue;
        };
        let own_verb_end = words
            .toks
            .get(act.last.saturating_sub(1))
            .map_or(verb_first.end, |t| t.end);
        let verb_end = words
            .toks
            .get(owner.last.saturating_sub(1))
            .map_or(own_verb_end, |t| t.end);
        let act = &Act {
            last: owner.last,
            ..act.clone()
        };
        let phrase_end_byte = words
            .toks
            .get(end_tok.saturating_sub(1))
            .map_or(verb_end, |t| t.end)
            .max(verb_end);
        let previous: Vec<(Role, String)> = out[first_here..]
            .iter()
            .rev()
            .find(|p| !p.targets.is_empty())
            .map(|p| p.targets.clone())
            .unwrap_or_default();
        let mut targets: Vec<(Role, String)> = Vec::new();
        let mut mandate = None;
        if act.directive {
            let (np_end, inf) = addressee_phrase(&words, act.last, end_tok);
            let np_end_byte = words.toks.get(np_end).map_or(phrase_end_byte, |t| t.start);
            for m in in_range(mentions, verb_end..np_end_byte) {
                push_target(&mut targets, Role::Addressee, &m.key);
            }
            if targets.is_empty() {
                resolve_pronoun(
                    &words,
                    act.last,
                    np_end.min(act.last + 2),
                    &previous,
                    mentions,
                )
                .into_iter()
                .for_each(|k| push_target(&mut targets, Role::Addressee, &k));
            }
            if let Some(t) = inf.and_then(|k| words.toks.get(k))
                && let Some(s) = text.get(t.start..phrase_end_byte)
            {
                mandate = Some((
                    s.to_owned(),
                    para.text.source_span(t.start..phrase_end_byte),
                ));
            }
        } else {
            for m in in_range(mentions, verb_end..phrase_end_byte) {
                push_target(&mut targets, Role::Object, &m.key);
            }
            let first_mention = in_range(mentions, verb_end..phrase_end_byte)
                .next()
                .map_or(usize::MAX, |m| m.range.start);
            let limit = (act.last + 6).min(end_tok);
            let until = (act.last..limit)
                .take_while(|&k| words.toks.get(k).is_some_and(|t| t.start < first_mention))
                .last()
                .map_or(act.last, |k| k + 1);
            for k in resolve_pronoun(&words, act.last, until, &previous, mentions) {
                push_target(&mut targets, Role::Object, &k);
            }
        }
        // the annotation rules give no row for a verb outside the list: its act is kept (verb,
        // text, span) but names no targets
        if !act.listed {
            targets.clear();
        }
        let verb_text = text
            .get(verb_first.start..own_verb_end)
            .unwrap_or("")
            .to_owned();
        out.push(Provision {
            paragraph: para.index,
            speaker: sp.key.clone(),
            verb: act.name.clone(),
            verb_text,
            verb_span: para.text.source_span(verb_first.start..own_verb_end),
            targets,
            mandate,
            span: para.text.source_span(verb_first.start..phrase_end_byte),
        });
    }
}

/// Adds a target once.
fn push_target(targets: &mut Vec<(Role, String)>, role: Role, key: &str) {
    if !targets.iter().any(|(r, k)| *r == role && k == key) {
        targets.push((role, key.to_owned()));
    }
}

/// The mentions starting inside a byte range (mentions are sorted by start).
fn in_range<'m>(mentions: &'m [&'m Mention], r: Range<usize>) -> impl Iterator<Item = &'m Mention> {
    let lo = mentions.partition_point(|m| m.range.start < r.start);
    mentions[lo..]
        .iter()
        .take_while(move |m| m.range.start < r.end)
        .copied()
}

/// One past the last token of an act's object or mandate: the next act, or the end of the
/// sentence, with a trailing "we", "and", comma or semicolon left out.
fn phrase_end(words: &Words<'_>, act: &Act, next: Option<&Act>) -> usize {
    let n = words.toks.len();
    let mut end = next.map_or(n, |a| a.first.min(n));
    for k in act.last..end {
        if words.sentence_end(k) {
            end = k;
            break;
        }
    }
    while end > act.last {
        let k = end - 1;
        let t = words.at(k);
        if words.is(k, "we")
            || words.is(k, "and")
            || words.is(k, "while")
            || words.is(k, "but")
            || matches!(t, "," | ";" | ":" | "." | "(" | "-" | "–")
        {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// Prepositions that, after a comma, open a parenthetical ending an addressee list.
const PARENTHETICAL: &[&str] = &[
    "in", "with", "within", "through", "upon", "as", "at", "by", "for", "from", "under", "among",
    "on", "while", "where", "when", "if", "inter", "bearing", "taking", "acting",
];

/// The end (token index, exclusive) of a directive's addressee phrase starting at token
/// `start`, and the token of the infinitive "to" that opens the mandate, if any.
fn addressee_phrase(words: &Words<'_>, start: usize, end: usize) -> (usize, Option<usize>) {
    let mut k = start;
    while k < end {
        let t = words.at(k);
        if words.is(k, "to") && words.is_word(k + 1) && is_infinitive_head(words.at(k + 1)) {
            return (k, Some(k));
        }
        if t == ";" || t == ":" {
            return (k, None);
        }
        if t == "," && words.is_word(k + 1) && PARENTHETICAL.iter().any(|p| words.is(k + 1, p)) {
            // the mandate may still follow the parenthetical
            let mut j = k + 1;
            while j < end {
                if words.is(j, "to") && words.is_word(j + 1) && is_infinitive_head(words.at(j + 1))
                {
                    return (k, Some(j));
                }
                if matches!(words.at(j), ";" | ":") {
                    break;
                }
                j += 1;
            }
            return (k, None);
        }
        k += 1;
    }
    (end, None)
}

/// Could this word start an infinitive ("to continue", "to further develop")?
fn is_infinitive_head(w: &str) -> bool {
    const NOT: &[&str] = &[
        "the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "all", "any",
        "each", "every", "such", "his", "her", "both", "other", "relevant", "which", "whom", "it",
        "them", "him", "us", "what", "date", "some", "many", "one", "two",
    ];
    w.chars().next().is_some_and(char::is_lowercase)
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !NOT.iter().any(|n| w.eq_ignore_ascii_case(n))
}

/// Resolves a pronoun among tokens `from..until` that no mention covers: "it"/"its" to the
/// first target of the previous act, "them"/"their"/"they" to all of them.
fn resolve_pronoun(
    words: &Words<'_>,
    from: usize,
    until: usize,
    previous: &[(Role, String)],
    mentions: &[&Mention],
) -> Vec<String> {
    if previous.is_empty() {
        return Vec::new();
    }
    for k in from..until {
        let Some(t) = words.toks.get(k) else {
            break;
        };
        let covered = mentions
            .iter()
            .any(|m| m.range.start <= t.start && m.range.end >= t.end);
        if covered {
            return Vec::new();
        }
        if words.is(k, "it") || words.is(k, "its") {
            return previous.iter().take(1).map(|(_, k)| k.clone()).collect();
        }
        if words.is(k, "them") || words.is(k, "their") || words.is(k, "they") {
            return previous.iter().map(|(_, k)| k.clone()).collect();
        }
    }
    Vec::new()
}

#[cfg(test)]
#[allow(clippy::panic)] // tests fail by panicking
mod tests {
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
}
