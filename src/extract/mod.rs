//! Extract: the provisions (speaker, verb, addressee or object, mandate) and stated relations of
//! each paragraph.
//!
//! The stage reads the segmented paragraphs and the recognised mentions and, paragraph by
//! paragraph:
//!
//! 1. **Speaker** ([`Speaker`]): "We, the States Members of the United Nations", "We, the Heads
//!    of State and Government", "We, Ministers and representatives of Governments" (and the "We"
//!    after it) is `member-states`, speaking in base forms; a paragraph "The General Assembly,"
//!    (or any body of the registry: "The Human Rights Council,", "The Economic and Social
//!    Council,") makes that body the speaker of
//!    what follows, in third-person forms. The head ends in a comma; a heading naming an
//!    instrument, a report or a process ("The United Nations Global Plan of Action") is no
//!    speaker. Text before any speaker — covering letters, headers, prose about a document —
//!    gives no provisions, and neither does a summary (its prose "The Resolution urges …"
//!    reports a document's acts; it has no speaker of its own).
//! 2. **Acts** ([`crate::extract::verbs`]): the speaker's verbs, listed or not.
//! 3. **Targets**: a directive verb (urges, invites, encourages, requests, callsUpon) takes the
//!    mentions of the noun phrase after it, up to the infinitive "to …" (or a parenthetical ", in
//!    collaboration with …", a second addressee coordinated after it: ", as coordinator of ICAT,
//!    and the Special Rapporteur"; not ", in particular …", which names addressees too), and the
//!    infinitive clause — every coordinated "to …" of it,
//!    kept whole — is the mandate; a directive ending its paragraph with a colon takes the
//!    infinitive sub-paragraphs after it ("Requests the Secretary-General: (a) To submit …;
//!    (b) To …") as its mandate, and those sub-paragraphs give no acts of their own; any other
//!    verb takes
//!    every mention of its object phrase, which runs to the speaker's next act or the end of the
//!    sentence. "it"/"its" (or "them"/"their") with no mention of its own refers to the first (or
//!    every) target of the speaker's previous act in the paragraph ("invite it", "strongly urge
//!    them", "recognizing its integrated nature") when their number agrees (a name is plural by
//!    its head noun: "Member States", "States parties to …"; "the Trust Fund for Victims" is
//!    not); otherwise to the nearest entity of the pronoun's number named before it in its
//!    sentence ("encourage Member States to contribute to the Trust Fund, and take note of the
//!    assistance it has provided": the Fund). In a resolution, "its resolution(s)", "its
//!    previous decisions", "its seventieth session" are the speaker's own and name no target.
//!    An object phrase with no mention but "therein" ("reaffirm the commitments contained
//!    therein") takes every target of the previous act in the paragraph, or else of the last
//!    act of the previous paragraph.
//! 4. **Relations** ([`crate::extract::relations`]): membership, coordination, annexing, transmitting and
//!    representing, where the text states them.
//!
//! Work is linear in the paragraph length: one tokenisation, one pass for the acts, and ranges
//! over the paragraph's mentions (which arrive in text order).

pub mod relations;
pub mod verbs;

use std::ops::Range;

use crate::model::{
    Extracted, Mention, Paragraph, Place, Provision, Recognised, Role, Segmented, Status,
};
use crate::registry::Registry;
use verbs::{Act, Style, Words};

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

re!(
    WE_MEMBERS,
    r"(?i)\bWe,\s+(?:the\s+)?(?:States\s+Members|Member\s+States|Heads\s+of\s+State|(?:[\w-]+\s+)?Ministers\b|(?:high-level\s+|other\s+)?representatives\s+of\s+(?:the\s+)?(?:States|Member|Governments))"
);

re!(
    BODY_HEAD,
    r"^[\s*_]*The\s+((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|of|on|and|for|the|against|in|to))*?)[\s*_]*(,|$)"
);

/// Registry classes of things that are spoken about, never speakers.
const NOT_SPEAKERS: &[&str] = &[
    "Treaty",
    "Instrument",
    "Process",
    "Observance",
    "Target",
    "Goal",
    "Report",
    "Fund",
    "Person",
];

/// Finds the speaker a paragraph introduces, and the byte offset where its own text starts
/// (after a head "The General Assembly,"; 0 for a declaration's "We, …"). A head without its
/// comma ("*The General Assembly*" on a line of its own) speaks only when `next` (the
/// following paragraph) opens with an act in the third person ("Adopts …", "Recommends …");
/// otherwise it is a heading.
pub fn speaker_of(
    para: &Paragraph,
    mentions: &[&Mention],
    registry: &Registry,
    next: Option<&Paragraph>,
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
    let comma = caps.get(2).is_some_and(|c| c.as_str() == ",");
    if !comma && !next.is_some_and(opens_with_act) {
        return None;
    }
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
    // a State, or an instrument, report or process named in a heading, is no speaker
    if registry.is_state(&key)
        || registry
            .get(&key)
            .is_some_and(|e| NOT_SPEAKERS.contains(&e.class()))
    {
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

/// Does a paragraph open with an act in the third person (or a participle)?
fn opens_with_act(para: &Paragraph) -> bool {
    let words = Words::new(&para.text.text);
    let first = (0..words.toks.len()).find(|&k| words.is_word(k));
    first.is_some_and(|f| {
        [true, false].into_iter().any(|preambular| {
            verbs::find_acts(&words, Style::Resolution, preambular, false)
                .first()
                .is_some_and(|a| a.first == f)
        })
    })
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
    let cofacilitators = relations::cofacilitators(&segmented.paragraphs, &by_para, |k| {
        persons.iter().any(|p| p == k) || registry.get(k).is_some_and(|e| e.class() == "Person")
    });
    let document: Vec<&Mention> = by_para.iter().flatten().copied().collect();
    let summary = segmented.meta.status == Some(Status::Summary);
    let mut author: Option<String> = None;
    let mut speaker: Option<Speaker> = None;
    let mut chapeau: Option<Chapeau> = None;
    let mut objects: Option<ObjectChapeau> = None;
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
        if summary {
            // prose about a document ("The Resolution urges …") has no speaker
        } else if let Some((s, start)) =
            speaker_of(para, mentions, registry, segmented.paragraphs.get(pi + 1))
        {
            speaker = Some(s);
            from = start;
        }
        let cx = relations::Context {
            symbol,
            author: author.as_deref(),
            persons: &persons,
            cofacilitators: &cofacilitators,
            document: &document,
            in_letter: speaker.is_none(),
        };
        relations::find(para, mentions, registry, &cx, &mut out.relations);
        let Some(sp) = &speaker else {
            continue;
        };
        if let Some(c) = chapeau.as_mut()
            && c.takes(para)
        {
            c.extend(para, &mut out.provisions);
            continue;
        }
        let first = out.provisions.len();
        paragraph_provisions(para, mentions, sp, from, registry, &mut out.provisions);
        match &objects {
            Some(o) if o.takes(para) => o.item(para, mentions, sp, first, &mut out.provisions),
            _ => objects = ObjectChapeau::open(para, first, &out.provisions),
        }
        chapeau = Chapeau::open(para, first, &out.provisions);
    }
    out
}

/// An object verb whose objects are listed in the sub-paragraphs after it ("Expresses its very
/// serious concern about: (a) Continuing reports …; (b) The continued refusal of …", "Decides
/// that: (a) the Conference …"): each sub-paragraph's entities, up to its own first act, are
/// objects of the chapeau's verb, on that sub-paragraph.
struct ObjectChapeau {
    /// Index of the chapeau's provision in the output (its verb, as printed, and where).
    provision: usize,
    /// The chapeau's paragraph number (`2`); its sub-paragraphs are `2(a)`, `2(a)(i)`, ….
    number: String,
}

/// The paragraph's number and its last provision's index, when the paragraph is a chapeau: a
/// numbered paragraph (not a sub-paragraph) ending with a colon whose last provision is its
/// own (from `first` on).
fn chapeau_act<'p>(
    para: &'p Paragraph,
    first: usize,
    provisions: &[Provision],
) -> Option<(&'p str, usize)> {
    let number = para.number.as_deref()?;
    if number.contains('(') || !para.text.text.trim_end().ends_with(':') {
        return None;
    }
    let k = provisions.len().checked_sub(1)?;
    (k >= first).then_some((number, k))
}

/// Is this paragraph a sub-paragraph (at any depth) of paragraph `number`?
fn is_item_of(para: &Paragraph, number: &str) -> bool {
    para.number
        .as_deref()
        .and_then(|n| n.strip_prefix(number))
        .is_some_and(|rest| rest.starts_with('('))
}

impl ObjectChapeau {
    /// An object chapeau when the paragraph ends with a colon and its last provision is a
    /// listed verb that is not a directive and names nothing.
    fn open(para: &Paragraph, first: usize, provisions: &[Provision]) -> Option<Self> {
        let (number, k) = chapeau_act(para, first, provisions)?;
        let p = provisions.get(k)?;
        (verbs::is_listed(&p.verb)
            && !verbs::is_directive(&p.verb)
            && p.targets.is_empty()
            && p.mandate.is_none())
        .then(|| Self {
            provision: k,
            number: number.to_owned(),
        })
    }

    /// Is this paragraph one of the chapeau's sub-paragraphs (at any depth)?
    fn takes(&self, para: &Paragraph) -> bool {
        is_item_of(para, &self.number)
    }

    /// The chapeau's act on one sub-paragraph, put before the sub-paragraph's own acts (those
    /// from `first` on).
    fn item(
        &self,
        para: &Paragraph,
        mentions: &[&Mention],
        sp: &Speaker,
        first: usize,
        provisions: &mut Vec<Provision>,
    ) {
        let text = para.text.text.as_str();
        let words = Words::new(text);
        let own = verbs::find_acts(&words, sp.style, false, true)
            .first()
            .and_then(|a| words.toks.get(a.first))
            .map_or(text.len(), |t| t.start);
        let mut targets = Vec::new();
        for m in in_range(mentions, 0..own) {
            push_target(&mut targets, Role::Object, &m.key);
        }
        if targets.is_empty() {
            return;
        }
        let body = text.trim_end().len().min(own);
        // (the chapeau's provision comes before `first`: inserting there does not move it)
        let Some(c) = provisions.get(self.provision) else {
            return;
        };
        let item = Provision {
            paragraph: para.index,
            speaker: c.speaker.clone(),
            verb: c.verb.clone(),
            verb_text: c.verb_text.clone(),
            verb_span: c.verb_span.clone(),
            targets,
            mandate: None,
            span: para.text.source_span(0..body),
        };
        provisions.insert(first, item);
    }
}

/// A directive whose mandate is the list of sub-paragraphs after it ("Requests the
/// Secretary-General: (a) To submit …; (b) To …"): the provision gets the sub-paragraphs'
/// texts, each with its letter, as one mandate whose span runs from the first to the last.
struct Chapeau {
    /// Index of the provision in the output.
    provision: usize,
    /// The chapeau's paragraph number (`3`); its sub-paragraphs are `3(a)`, `3(b)`, ….
    number: String,
    /// The sub-paragraphs so far, each with its letter and closing punctuation.
    raw: String,
}

impl Chapeau {
    /// A chapeau when the paragraph's last provision is a directive without a mandate and the
    /// paragraph ends with a colon.
    fn open(para: &Paragraph, first: usize, provisions: &[Provision]) -> Option<Self> {
        let (number, k) = chapeau_act(para, first, provisions)?;
        let p = provisions.get(k)?;
        (verbs::is_directive(&p.verb) && p.mandate.is_none()).then(|| Self {
            provision: k,
            number: number.to_owned(),
            raw: String::new(),
        })
    }

    /// Does this paragraph continue the chapeau: one of its sub-paragraphs, opening with an
    /// infinitive ("To submit …")?
    fn takes(&self, para: &Paragraph) -> bool {
        let words = Words::new(&para.text.text);
        is_item_of(para, &self.number)
            && words.is(0, "to")
            && words.is_word(1)
            && is_infinitive_head(&words.at(1).to_lowercase())
    }

    /// Appends the sub-paragraph to the chapeau provision's mandate.
    fn extend(&mut self, para: &Paragraph, provisions: &mut [Provision]) {
        let Some(p) = provisions.get_mut(self.provision) else {
            return;
        };
        let text = para.text.text.as_str();
        let lead = text.len() - text.trim_start().len();
        let body = text.trim();
        let letter = para
            .number
            .as_deref()
            .and_then(|n| n.find('(').and_then(|i| n.get(i..)))
            .unwrap_or("");
        if !self.raw.is_empty() {
            self.raw.push(' ');
        }
        self.raw.push_str(letter);
        self.raw.push(' ');
        self.raw.push_str(body);
        // the last sub-paragraph's closing "; and" or full stop is not part of the mandate
        let shown = self.raw.trim_end_matches([' ', ';', '.', ',']);
        let shown = shown
            .strip_suffix(" and")
            .or_else(|| shown.strip_suffix(" or"))
            .unwrap_or(shown)
            .trim_end_matches([' ', ';', ',']);
        let cut = self.raw.len() - shown.len();
        let end = (lead + body.len()).saturating_sub(cut).max(lead);
        let span = para.text.source_span(lead..end);
        let start = p.mandate.as_ref().map_or(span.start, |(_, s)| s.start);
        p.mandate = Some((shown.to_owned(), start..span.end.max(start)));
    }
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
    registry: &Registry,
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
    let own_documents = sp.style == Style::Resolution;
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
            let (np_end, inf, more) = addressee_phrase(&words, act.last, end_tok);
            let np_end_byte = words.toks.get(np_end).map_or(phrase_end_byte, |t| t.start);
            // A treaty, an instrument or a report is never asked to act: named in the addressee
            // phrase it qualifies an addressee ("States parties to the Convention and the
            // Protocols thereto").
            for m in in_range(mentions, verb_end..np_end_byte) {
                if can_act(registry, &m.key) {
                    push_target(&mut targets, Role::Addressee, &m.key);
                }
            }
            if let Some(r) = more
                && let (Some(a), Some(b)) = (words.toks.get(r.start), words.toks.get(r.end))
            {
                for m in in_range(mentions, a.start..b.start) {
                    if can_act(registry, &m.key) {
                        push_target(&mut targets, Role::Addressee, &m.key);
                    }
                }
            }
            if targets.is_empty() {
                resolve_pronoun(
                    &words,
                    act.last,
                    np_end.min(act.last + 2),
                    &previous,
                    mentions,
                    own_documents,
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
            for k in resolve_pronoun(&words, act.last, until, &previous, mentions, own_documents) {
                push_target(&mut targets, Role::Object, &k);
            }
            // "reaffirm the commitments contained therein": the things the previous act (or
            // else the previous paragraph) named
            if targets.is_empty() && (act.last..end_tok).any(|k| words.is(k, "therein")) {
                let before = out[..first_here]
                    .iter()
                    .rev()
                    .take_while(|p| p.paragraph + 1 >= para.index)
                    .find(|p| !p.targets.is_empty())
                    .map(|p| p.targets.clone())
                    .unwrap_or_default();
                let referent = if previous.is_empty() {
                    &before
                } else {
                    &previous
                };
                for (_, k) in referent {
                    push_target(&mut targets, Role::Object, k);
                }
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

/// Whether an entity can be asked to act (not a treaty, instrument, report, goal or target of
/// the registry). Keys outside the registry (names found by their shape) are taken as able.
fn can_act(registry: &Registry, key: &str) -> bool {
    registry.get(key).is_none_or(|e| {
        !e.classes.iter().any(|c| {
            matches!(
                c.as_str(),
                "Treaty" | "Protocol" | "Instrument" | "Report" | "Goal" | "Target" | "Observance"
            )
        })
    })
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
/// `start`, the token of the infinitive "to" that opens the mandate, if any, and the tokens of
/// a second addressee coordinated after a parenthetical ("Invites the Office, as coordinator of
/// the Group, and the Special Rapporteur to …": the parenthetical is left out).
fn addressee_phrase(
    words: &Words<'_>,
    start: usize,
    end: usize,
) -> (usize, Option<usize>, Option<Range<usize>>) {
    let inf_at =
        |k: usize| words.is(k, "to") && words.is_word(k + 1) && is_infinitive_head(words.at(k + 1));
    let mut k = start;
    while k < end {
        let t = words.at(k);
        if inf_at(k) {
            return (k, Some(k), None);
        }
        if t == ";" || t == ":" {
            return (k, None, None);
        }
        // ", in particular the Office, and INTERPOL": the addressees named in particular are
        // addressees too, not a parenthetical
        let in_particular = words.is(k + 1, "in") && words.is(k + 2, "particular");
        if t == ","
            && words.is_word(k + 1)
            && !in_particular
            && PARENTHETICAL.iter().any(|p| words.is(k + 1, p))
        {
            // the mandate may still follow the parenthetical; a comma closing it and "and"
            // or "or" coordinate a further addressee
            let mut close = None;
            let mut j = k + 1;
            while j < end {
                if inf_at(j) {
                    let more = close.map(|c: usize| c..j);
                    return (k, Some(j), more);
                }
                if matches!(words.at(j), ";" | ":") {
                    break;
                }
                if close.is_none()
                    && words.at(j) == ","
                    && (words.is(j + 1, "and") || words.is(j + 1, "or"))
                    && !inf_at(j + 2)
                {
                    close = Some(j + 1);
                }
                // ", as well as other relevant stakeholders": a further addressee
                if close.is_none()
                    && words.at(j) == ","
                    && words.is(j + 1, "as")
                    && words.is(j + 2, "well")
                    && words.is(j + 3, "as")
                {
                    close = Some(j + 3);
                }
                j += 1;
            }
            return (k, None, None);
        }
        k += 1;
    }
    (end, None, None)
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

/// Resolves a pronoun among tokens `from..until` that no mention covers, in agreement of
/// number: "it"/"its" to the first singular target of the previous act, or else to the nearest
/// singular entity named before it in the paragraph ("encourage Member States to contribute to
/// the Trust Fund, and take note of the assistance it has provided": the Fund);
/// "them"/"their"/"they" to the previous act's targets when they are several or plural, or
/// else to the nearest plural entity named before it, or else (a singular "their" of a person
/// or an office) to the previous act's target. Only the pronoun's sentence is searched.
fn resolve_pronoun(
    words: &Words<'_>,
    from: usize,
    until: usize,
    previous: &[(Role, String)],
    mentions: &[&Mention],
    own_documents: bool,
) -> Vec<String> {
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
        // a resolution's "its resolution 64/293", "its previous decisions", "its seventieth
        // session" are the speaker's own
        if own_documents && words.is(k, "its") && speakers_own(words, k + 1) {
            return Vec::new();
        }
        let singular = words.is(k, "it") || words.is(k, "its");
        let plural = words.is(k, "them") || words.is(k, "their") || words.is(k, "they");
        if !(singular || plural) {
            continue;
        }
        // the number of a previous target, by its first mention in the paragraph
        let is_plural = |key: &str| {
            mentions
                .iter()
                .find(|m| m.key == key)
                .is_some_and(|m| plural_name(&m.surface))
        };
        let agreeing: Vec<String> = if singular {
            previous
                .iter()
                .map(|(_, k)| k.clone())
                .filter(|k| !is_plural(k))
                .take(1)
                .collect()
        } else if previous.len() > 1 || previous.iter().any(|(_, k)| is_plural(k)) {
            previous.iter().map(|(_, k)| k.clone()).collect()
        } else {
            Vec::new()
        };
        if !agreeing.is_empty() {
            return agreeing;
        }
        // the nearest outermost mention before the pronoun in its sentence, of its number
        let sentence_start = (0..k)
            .rev()
            .find(|&j| words.sentence_end(j))
            .and_then(|j| words.toks.get(j))
            .map_or(0, |e| e.end);
        let before: Vec<&&Mention> = mentions
            .iter()
            .filter(|m| m.range.start >= sentence_start && m.range.end <= t.start)
            .collect();
        let nearest: Vec<String> = before
            .iter()
            .rev()
            .filter(|m| {
                !before.iter().any(|o| {
                    o.range.start <= m.range.start
                        && o.range.end >= m.range.end
                        && o.range != m.range
                })
            })
            .find(|m| plural_name(&m.surface) == plural)
            .map(|m| vec![m.key.clone()])
            .unwrap_or_default();
        // "their" of one person or office ("the Special Rapporteur … their efforts")
        if nearest.is_empty() && plural {
            return previous.iter().map(|(_, k)| k.clone()).collect();
        }
        return nearest;
    }
    Vec::new()
}

/// Do the words from `k` name the speaker's own texts or meetings: "resolution(s)",
/// "decision(s)", "session(s)", after modifiers such as "own", "previous", "relevant", "most
/// recent" or an ordinal ("seventy-ninth")?
fn speakers_own(words: &Words<'_>, k: usize) -> bool {
    const MODS: &[&str] = &[
        "own",
        "previous",
        "relevant",
        "most",
        "recent",
        "earlier",
        "last",
        "many",
        "various",
        "subsequent",
        "special",
        "regular",
        "resumed",
    ];
    const OWN: &[&str] = &[
        "resolution",
        "resolutions",
        "decision",
        "decisions",
        "session",
        "sessions",
    ];
    let mut j = k;
    while j < k + 4 && words.is_word(j) {
        let w = words.at(j).to_lowercase();
        if OWN.contains(&w.as_str()) {
            return true;
        }
        let ordinal = ["th", "st", "nd", "rd"].iter().any(|e| w.ends_with(e))
            && w.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        if !(MODS.contains(&w.as_str()) || ordinal) {
            return false;
        }
        j += 1;
    }
    false
}

/// Is a name grammatically plural, by its head noun (the last word before a preposition or
/// conjunction): "Member States", "States parties to the Convention", "financial
/// institutions" are; "the Trust Fund for Victims", "Office … for Refugees", "the United
/// Nations", "ICAT" are not.
fn plural_name(surface: &str) -> bool {
    const STOP: &[&str] = &[
        "of", "for", "to", "against", "on", "in", "and", "or", "with", "from", "at", "by", "under",
    ];
    let mut head = "";
    for w in surface.split(|c: char| c.is_whitespace() || c == ',') {
        if w.is_empty() {
            continue;
        }
        if STOP.contains(&w) {
            break;
        }
        head = w;
    }
    let h = head.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = h.to_lowercase();
    lower.ends_with('s')
        && !["ss", "us", "is"].iter().any(|e| lower.ends_with(e))
        && lower != "nations"
        // an acronym ("UNHCR") is singular, an acronym's plural ("NGOs") is not
        && !(h.chars().all(|c| c.is_uppercase() || c.is_numeric()))
}

#[cfg(test)]
mod tests;
