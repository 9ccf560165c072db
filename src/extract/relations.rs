//! Relations the texts state outright, found in a paragraph's wording around its mentions:
//!
//! - **memberOf**: "the other members of the Inter-Agency Coordination Group …, in particular the
//!   Office of …, the United Nations Children's Fund, …" (each listed entity is a member), "ICAT
//!   members, including …", "X, a member of Y";
//! - **coordinatorOf**: "with the United Nations Office on Drugs and Crime as its coordinator"
//!   (its = the first entity of the clause), "X, the coordinator of Y";
//! - **annexes**: "… annexed to the present resolution" (the present document annexes the
//!   entity named just before);
//! - **transmits**: "transmit (herewith) the draft Political Declaration" (the subject of the
//!   sentence, or for "I have the honour to transmit" the letter's author, transmits the document
//!   named just after);
//! - **represents**: "H.E. Mr. X, Permanent Representative of the Dominican Republic" (the person
//!   named just before represents the State).
//!
//! For `annexes` the subject is the present document's symbol (or the entity the text
//! names for it) and the object the annexed entity's key.

use crate::model::{Mention, Paragraph, Relation};
use crate::registry::Registry;

re!(
    MEMBERS_OF,
    r"(?i)\b(?:other\s+)?members?(?:\s+entities|\s+organizations)?\s+of\s+(?:the\s+)?$"
);
re!(
    MEMBERS_AFTER,
    r"(?i)^\s+(?:member\s+entities|member\s+organizations|members)\b"
);
re!(
    LIST_OPEN,
    r"(?i)^[\s,]*(?:in\s+particular|including|namely|such\s+as|:)\s*"
);
re!(
    LIST_CLOSE,
    r"(?i);|\.\s|\s+and\s+other\b|,\s+(?:within|which|who|in\s+accordance|as\s+well)\b"
);
re!(
    A_MEMBER,
    r"(?i)^,?\s+(?:is\s+|as\s+)?(?:an?|the)\s+members?\s+of\s+(?:the\s+)?$"
);
re!(
    AS_COORD,
    r"(?i)^\s+(?:\([^()]{1,30}\)\s+)?as\s+(?:its|their|the)\s+coordinator\b"
);
re!(WITH_BEFORE, r"(?i)\bwith\s+(?:the\s+)?$");
re!(
    COORD_OF,
    r"(?i)^,?\s+(?:is\s+|as\s+)?(?:the\s+)?coordinator\s+of\s+(?:the\s+)?$"
);
re!(
    CLAUSE_START,
    r"(?i)\bthat\s|[.;]\s|\brecalling\s|\bwhereas\s"
);
re!(
    ANNEXED,
    r"(?i)\b(?:annexed|appended)\s+to\s+the\s+present\s+(?:resolution|decision|document|declaration|letter)"
);
re!(
    TRANSMIT,
    r"(?i)\b(?:transmit(?:s|ted|ting)?|attach(?:es|ed|ing)?|submit(?:s|ted|ting)?|forward(?:s|ed|ing)?|enclos(?:e|es|ed|ing))\b(?:\s+herewith)?"
);
re!(
    PASSIVE_BEFORE,
    r"(?i)\b(?:be|been|being|is|are|was|were)\s+$"
);
re!(FIRST_PERSON, r"\bI\s|(?i:\bplease\s+find\s+$)");
re!(WE, r"(?i)\bwe\b");
re!(COFACILITATORS_SUBJECT, r"(?i)\bthe\s+co-facilitators\b");
re!(
    DRAFT_OF,
    r"(?i)^\s*(?:herewith\s+)?(?:the\s+|a\s+)?(?:[\w.]+\s+of\s+the\s+)?(?:attached\s+|enclosed\s+)?(?:final\s+|revised\s+|zero\s+|updated\s+)?draft\s+(?:of\s+)?(?:the\s+|a\s+)?((?:[A-Z][\w-]*\s*)+)"
);
re!(SYMBOL, r"\b[A-Z]{1,3}(?:/[A-Z0-9.]+){2,}\b");
re!(
    REPRESENTATIVE,
    r"(?i)\bPermanent\s+(?:Representative|Observer)s?\s+of\s+(?:the\s+)?$"
);

/// Classes whose members are documents (what can be annexed or transmitted).
const DOCUMENT_CLASSES: &[&str] = &["Instrument", "Report", "Treaty", "Protocol", "Document"];

/// What the relation finder knows about the whole document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The present document's first symbol (`A/RES/76/7`), when it bears one.
    pub symbol: Option<&'a str>,
    /// The key of the author of a covering letter (the first person or office the document
    /// names: `pga`).
    pub author: Option<&'a str>,
    /// Keys of people found by shape.
    pub persons: &'a [String],
    /// Keys of the co-facilitators ("X and Y, (the) co-facilitators of …"): "we" of their
    /// letter, and "the co-facilitators".
    pub cofacilitators: &'a [String],
    /// Every body mention of the document, in document order (to resolve "the draft
    /// Political Declaration" to the entity it names).
    pub document: &'a [&'a Mention],
    /// True while the paragraph is letter text (before any speaker of provisions).
    pub in_letter: bool,
}

/// Finds the relations a paragraph states.
pub fn find(
    para: &Paragraph,
    mentions: &[&Mention],
    registry: &Registry,
    cx: &Context<'_>,
    out: &mut Vec<Relation>,
) {
    let symbol = cx.symbol;
    let persons = cx.persons;
    let text = para.text.text.as_str();
    let class_of = |key: &str| registry.get(key).map_or("", |e| e.class());
    let is_person = |key: &str| class_of(key) == "Person" || persons.iter().any(|p| p == key);
    let mut seen = std::collections::HashSet::new();
    let mut push = |subject: &str, relation: &str, object: &str, r: std::ops::Range<usize>| {
        if subject == object {
            return;
        }
        let rel = Relation {
            paragraph: para.index,
            subject: subject.to_owned(),
            relation: relation.to_owned(),
            object: object.to_owned(),
            span: para.text.source_span(r),
        };
        // Relations of earlier paragraphs differ by their paragraph: a set of this one's is
        // enough to keep each once (a scan of `out` was quadratic in a long paragraph).
        if seen.insert(rel.clone()) {
            out.push(rel);
        }
    };
    let clause_starts = ClauseStarts::new(text);
    for (i, m) in mentions.iter().enumerate() {
        let before = text.get(..m.range.start).unwrap_or("");
        let after = text.get(m.range.end..).unwrap_or("");
        // the group: "members of (the) G" or "G members"
        let group_start = MEMBERS_OF.find(before).map(|x| x.start());
        let members_after = MEMBERS_AFTER.find(after).map(|x| m.range.end + x.end());
        if let Some(list_from) = group_start.map(|_| m.range.end).or(members_after) {
            let rest = text.get(list_from..).unwrap_or("");
            if let Some(open) = LIST_OPEN.find(rest) {
                let ls = list_from + open.end();
                let le = LIST_CLOSE
                    .find(text.get(ls..).unwrap_or(""))
                    .map_or(text.len(), |c| ls + c.start());
                let from = group_start.unwrap_or(m.range.start);
                for member in mentions[i + 1..]
                    .iter()
                    .filter(|x| x.range.start >= ls && x.range.start < le)
                {
                    push(&member.key, "memberOf", &m.key, from..member.range.end);
                }
            }
        }
        // "X, a member of Y"
        if i > 0 && A_MEMBER.is_match(before.get(mentions[i - 1].range.end..).unwrap_or("")) {
            let x = mentions[i - 1];
            push(&x.key, "memberOf", &m.key, x.range.start..m.range.end);
        }
        // "with X as its coordinator": its = the first entity of the clause
        if AS_COORD.is_match(after) && WITH_BEFORE.is_match(before) {
            let clause = clause_starts.clause_start(before.len());
            let first = mentions[..i].partition_point(|x| x.range.start < clause);
            if let Some(g) = mentions[first..i].iter().find(|x| x.key != m.key) {
                let end = m.range.end + AS_COORD.find(after).map_or(0, |a| a.end());
                push(&m.key, "coordinatorOf", &g.key, m.range.start..end);
            }
        }
        // "X, the coordinator of Y"
        if i > 0 && COORD_OF.is_match(before.get(mentions[i - 1].range.end..).unwrap_or("")) {
            let x = mentions[i - 1];
            push(&x.key, "coordinatorOf", &m.key, x.range.start..m.range.end);
        }
        // "Permanent Representative of (the) S": the person named just before represents S
        if registry.is_state(&m.key)
            && let Some(rep) = REPRESENTATIVE.find(before)
            && let Some(p) = mentions[..i]
                .iter()
                .rev()
                .take_while(|x| rep.start() - x.range.end.min(rep.start()) < 40)
                .find(|x| is_person(&x.key))
        {
            push(&p.key, "represents", &m.key, p.range.start..m.range.end);
        }
    }
    // "… annexed to the present resolution": the entity named last before it
    for a in ANNEXED.find_iter(text) {
        let Some(doc) = symbol else { break };
        if let Some(x) = mentions
            .iter()
            .rev()
            .find(|x| x.range.end <= a.start() && !registry.is_state(&x.key))
        {
            push(doc, "annexes", &x.key, x.range.start..a.end());
        }
    }
    if cx.in_letter {
        transmits(para, mentions, registry, cx, &mut push);
    }
}

/// Where the clauses of a paragraph start ([`CLAUSE_START`] match ends), found once per
/// paragraph rather than by a scan of the text before every "as its coordinator".
struct ClauseStarts {
    /// `(start, end)` of each match, as `find_iter` gives them on the whole text.
    matches: Vec<(usize, usize)>,
}

impl ClauseStarts {
    fn new(text: &str) -> Self {
        Self {
            matches: CLAUSE_START
                .find_iter(text)
                .map(|c| (c.start(), c.end()))
                .collect(),
        }
    }

    /// The end of the last match lying wholly within the first `len` bytes (0 if none): what
    /// `CLAUSE_START.find_iter(&text[..len]).last()` gives, the pattern having no look-ahead
    /// past its match (`\b` before a word, then literal text).
    fn clause_start(&self, len: usize) -> usize {
        let k = self.matches.partition_point(|&(_, e)| e <= len);
        k.checked_sub(1).map_or(0, |k| self.matches[k].1)
    }
}

/// "I have the honour to transmit herewith D", "we are attaching herewith the Rev.3 of the draft
/// Political Declaration", "Please find attached D", "We are pleased to submit the attached final
/// draft of …": the letter's author (for "I" and "Please find"), its co-facilitators (for "we" and
/// "the co-facilitators") or the entity named just before the verb transmits the document.
///
/// The object is, in the verb's sentence, a document symbol after the verb; else for "the
/// (…) draft (of the) X" the document-class entity whose name holds X (in this paragraph or
/// elsewhere in the document), or the present document's symbol; else a document-class mention
/// after the verb. A passive ("could be transmitted") states no transmitter.
fn transmits(
    para: &Paragraph,
    mentions: &[&Mention],
    registry: &Registry,
    cx: &Context<'_>,
    push: &mut impl FnMut(&str, &str, &str, std::ops::Range<usize>),
) {
    let text = para.text.text.as_str();
    let is_doc =
        |key: &str| DOCUMENT_CLASSES.contains(&registry.get(key).map_or("", |e| e.class()));
    for t in TRANSMIT.find_iter(text) {
        let before = text.get(..t.start()).unwrap_or("");
        let participle = t
            .as_str()
            .split_whitespace()
            .next()
            .is_some_and(|v| v.ends_with('d'));
        if participle && PASSIVE_BEFORE.is_match(before) {
            continue;
        }
        let sentence_start = sentence_start(before);
        let after = text.get(t.end()..).unwrap_or("");
        let sentence_end = after.find(". ").map_or(text.len(), |p| t.end() + p);
        let window = text.get(t.end()..sentence_end).unwrap_or("");
        let head = text.get(sentence_start..t.start()).unwrap_or("");
        // the object
        let mut object: Option<(String, usize)> = SYMBOL
            .find(window)
            .map(|m| (m.as_str().to_owned(), t.end() + m.end()));
        if object.is_none()
            && let Some(c) = DRAFT_OF.captures(window)
            && let Some(name) = c.get(1)
        {
            let name_at = t.end() + name.start();
            let words: String = name
                .as_str()
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            let here = mentions
                .iter()
                .find(|m| m.range.start <= name_at && m.range.end > name_at && is_doc(&m.key));
            let named = |m: &&&Mention| {
                is_doc(&m.key) && m.surface.to_lowercase().contains(&words.to_lowercase())
            };
            let found = here
                .or_else(|| mentions.iter().find(named))
                .or_else(|| cx.document.iter().find(named))
                .map(|m| m.key.clone())
                .or_else(|| cx.symbol.map(str::to_owned));
            object = found.map(|k| (k, t.end() + c.get(0).map_or(0, |g| g.end())));
        }
        if object.is_none() {
            object = mentions
                .iter()
                .find(|x| {
                    x.range.start >= t.end() && x.range.start < sentence_end && is_doc(&x.key)
                })
                .map(|x| (x.key.clone(), x.range.end));
        }
        let Some((object, end)) = object else {
            continue;
        };
        // the subject(s)
        let mut subjects: Vec<String> = Vec::new();
        if FIRST_PERSON.is_match(head) || head.trim().is_empty() {
            subjects.extend(cx.author.map(str::to_owned));
        } else if COFACILITATORS_SUBJECT.is_match(head) || WE.is_match(head) {
            subjects.extend(cx.cofacilitators.iter().cloned());
        } else if let Some(x) = mentions
            .iter()
            .rev()
            .find(|x| x.range.end <= t.start() && x.range.start >= sentence_start)
        {
            subjects.push(x.key.clone());
        }
        for s in &subjects {
            push(s, "transmits", &object, t.start()..end.max(t.end()));
        }
    }
}

/// Where the sentence ending `before` starts: after the last full stop and space that does not
/// close an abbreviation ("H.E. Mr. X" is one sentence).
fn sentence_start(before: &str) -> usize {
    const ABBR: &[&str] = &[
        "mr", "ms", "mrs", "dr", "h.e", "no", "nos", "st", "e.g", "i.e", "rev",
    ];
    let mut end = before.len();
    while let Some(p) = before.get(..end).and_then(|b| b.rfind(". ")) {
        let word = before
            .get(..p)
            .and_then(|b| b.rsplit(|c: char| c.is_whitespace() || c == '(').next())
            .unwrap_or("");
        let short = word.chars().count() <= 1 || ABBR.iter().any(|a| word.eq_ignore_ascii_case(a));
        if !short {
            return p + 2;
        }
        end = p;
    }
    0
}

/// The co-facilitators a document names: the persons named in a sentence before "(the)
/// co-facilitators" standing in apposition ("H.E. Mr. X, …, and H.E. Mr. Y, …, the
/// co-facilitators of …").
pub fn cofacilitators(
    paragraphs: &[Paragraph],
    mentions: &[Vec<&Mention>],
    is_person: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (para, ms) in paragraphs.iter().zip(mentions) {
        let text = para.text.text.as_str();
        for (at, _) in text.match_indices("co-facilitators") {
            let before = text.get(..at).unwrap_or("");
            if !(before.trim_end().ends_with(',') || before.trim_end().ends_with(", the")) {
                continue;
            }
            let start = sentence_start(before);
            for m in ms
                .iter()
                .filter(|m| m.range.start >= start && m.range.end <= at)
            {
                if is_person(&m.key) && !out.contains(&m.key) {
                    out.push(m.key.clone());
                }
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MatchKind, ParagraphKind, Place, Text};

    fn setup(text: &str, names: &[(&str, &str)]) -> (Paragraph, Vec<Mention>) {
        let p = Paragraph {
            index: 4,
            number: Some("15".into()),
            kind: ParagraphKind::Operative,
            text: Text::verbatim(text, 0),
            footnotes: Vec::new(),
            pages: None,
        };
        let mut v = Vec::new();
        for (s, k) in names {
            if let Some(at) = text.find(s) {
                v.push(Mention {
                    paragraph: 4,
                    place: Place::Body,
                    key: (*k).into(),
                    range: at..at + s.len(),
                    span: at..at + s.len(),
                    surface: (*s).into(),
                    how: MatchKind::Name,
                });
            }
        }
        v.sort_by_key(|m| m.range.start);
        (p, v)
    }

    fn rels(
        text: &str,
        names: &[(&str, &str)],
        persons: &[String],
    ) -> Vec<(String, String, String)> {
        let (p, v) = setup(text, names);
        let refs: Vec<&Mention> = v.iter().collect();
        let cof = ["alya-al-thani".to_owned(), "marc-pecsteen".to_owned()];
        let mut out = Vec::new();
        let cx = Context {
            symbol: Some("A/RES/76/7"),
            author: Some("pga"),
            persons,
            cofacilitators: &cof,
            document: &refs,
            in_letter: true,
        };
        find(&p, &refs, Registry::embedded(), &cx, &mut out);
        for r in &out {
            assert!(text.get(r.span.clone()).is_some());
        }
        out.into_iter()
            .map(|r| (r.subject, r.relation, r.object))
            .collect()
    }

    fn t(s: &str, r: &str, o: &str) -> (String, String, String) {
        (s.into(), r.into(), o.into())
    }

    #[test]
    fn membership_list_after_in_particular() {
        let text = "We reaffirm the contribution of the other members of the Inter-Agency Coordination Group, in particular the Office of the High Commissioner, the United Nations Children's Fund and other intergovernmental organizations, within their mandates.";
        let got = rels(
            text,
            &[
                ("Inter-Agency Coordination Group", "icat"),
                ("Office of the High Commissioner", "ohchr"),
                ("United Nations Children's Fund", "unicef"),
            ],
            &[],
        );
        assert_eq!(
            got,
            [
                t("ohchr", "memberOf", "icat"),
                t("unicef", "memberOf", "icat")
            ]
        );
    }

    #[test]
    fn coordinator_with_its_acronym_in_brackets() {
        let text = "the Inter-Agency Coordination Group, with the United Nations Office on Drugs and Crime (UNODC) as its coordinator, to continue";
        let got = rels(
            text,
            &[
                ("Inter-Agency Coordination Group", "icat"),
                ("United Nations Office on Drugs and Crime", "unodc"),
                ("UNODC", "unodc"),
            ],
            &[],
        );
        assert_eq!(got, [t("unodc", "coordinatorOf", "icat")]);
    }

    #[test]
    fn coordinator_of_the_clause_subject() {
        let text = "while recalling that the Inter-Agency Coordination Group was established to foster coordination among United Nations system entities, with the United Nations Office on Drugs and Crime as its coordinator, we urge";
        let got = rels(
            text,
            &[
                ("Inter-Agency Coordination Group", "icat"),
                ("United Nations system", "un-system"),
                ("United Nations Office on Drugs and Crime", "unodc"),
            ],
            &[],
        );
        assert_eq!(got, [t("unodc", "coordinatorOf", "icat")]);
    }

    #[test]
    fn annexed_transmitted_represented() {
        let got = rels(
            "Adopts the political declaration entitled 2021 Political Declaration annexed to the present resolution.",
            &[("2021 Political Declaration", "pd-2021")],
            &[],
        );
        assert_eq!(got, [t("A/RES/76/7", "annexes", "pd-2021")]);
        let got = rels(
            "I have the honour to transmit herewith the 2021 Political Declaration.",
            &[("2021 Political Declaration", "pd-2021")],
            &[],
        );
        assert_eq!(got, [t("pga", "transmits", "pd-2021")]);
        let got = rels(
            "a letter from H.E. Mr. José Blanco, Permanent Representative of the Dominican Republic to the United Nations",
            &[
                ("José Blanco", "jose-blanco"),
                ("Dominican Republic", "state-dom"),
                ("United Nations", "un"),
            ],
            &["jose-blanco".to_owned()],
        );
        assert_eq!(got, [t("jose-blanco", "represents", "state-dom")]);
    }

    #[test]
    fn transmitting_letters_name_their_author_and_the_draft() {
        // "I" is the letter's author; a symbol is the object
        let got = rels(
            "I have the honour to transmit herewith the draft resolution contained in document A/76/L.3 for consideration.",
            &[],
            &[],
        );
        assert_eq!(got, [t("pga", "transmits", "A/76/L.3")]);
        // "Please find attached": no subject, the author's act
        let got = rels(
            "Please find attached the 2021 Political Declaration, as agreed.",
            &[("2021 Political Declaration", "pd-2021")],
            &[],
        );
        assert_eq!(got, [t("pga", "transmits", "pd-2021")]);
        // "we" and "the co-facilitators" are the co-facilitators; "the draft Political
        // Declaration" is the declaration the document names elsewhere
        let (p, v) = setup(
            "In this regard we are attaching herewith the Rev.3 of the draft Political Declaration and request that it be circulated.",
            &[],
        );
        let (_, elsewhere) = setup(
            "the 2021 Political Declaration on the implementation of the Plan",
            &[(
                "2021 Political Declaration on the implementation",
                "pd-2021",
            )],
        );
        let doc: Vec<&Mention> = elsewhere.iter().collect();
        let cof = ["jose-blanco".to_owned(), "enrique-manalo".to_owned()];
        let cx = Context {
            symbol: None,
            author: Some("pga"),
            persons: &[],
            cofacilitators: &cof,
            document: &doc,
            in_letter: true,
        };
        let refs: Vec<&Mention> = v.iter().collect();
        let mut out = Vec::new();
        find(&p, &refs, Registry::embedded(), &cx, &mut out);
        let got: Vec<_> = out
            .iter()
            .map(|r| (r.subject.as_str(), r.relation.as_str(), r.object.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("jose-blanco", "transmits", "pd-2021"),
                ("enrique-manalo", "transmits", "pd-2021")
            ]
        );
        assert!(p.text.text[out[0].span.clone()].starts_with("attaching herewith the Rev.3"));
        // without a named declaration, the present document's symbol
        let got = rels(
            "The co-facilitators transmit the revised draft resolution.",
            &[],
            &[],
        );
        assert_eq!(
            got,
            [
                t("alya-al-thani", "transmits", "A/RES/76/7"),
                t("marc-pecsteen", "transmits", "A/RES/76/7")
            ]
        );
        // a passive names no transmitter; a letter with no document names no object
        assert!(
            rels(
                "It could be transmitted to Member States as the 2021 Political Declaration.",
                &[("2021 Political Declaration", "pd-2021")],
                &[]
            )
            .is_empty()
        );
        assert!(
            rels(
                "I have the honour to transmit herewith a letter dated 10 September.",
                &[],
                &[]
            )
            .is_empty()
        );
    }

    #[test]
    fn cofacilitators_are_the_persons_in_apposition() {
        let text = "a letter from H.E. Mr. José Blanco, Permanent Representative of the Dominican Republic, and H.E. Mr. Enrique Manalo, Permanent Representative of the Philippines, the co-facilitators of the declaration.";
        let (p, v) = setup(
            text,
            &[
                ("José Blanco", "jose-blanco"),
                ("Dominican Republic", "state-dom"),
                ("Enrique Manalo", "enrique-manalo"),
                ("Philippines", "state-phl"),
            ],
        );
        let ms = vec![v.iter().collect::<Vec<_>>()];
        let got = cofacilitators(&[p], &ms, |k| k.contains('-') && !k.starts_with("state"));
        assert_eq!(got, ["jose-blanco", "enrique-manalo"]);
    }
}
