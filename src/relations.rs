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

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Mention, Paragraph, Relation};
use crate::registry::Registry;

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| {
            #[allow(clippy::unwrap_used)] // a literal pattern, checked by the tests
            Regex::new($pat).unwrap()
        });
    };
}

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
re!(AS_COORD, r"(?i)^\s+as\s+(?:its|their|the)\s+coordinator\b");
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
re!(TRANSMIT, r"(?i)\btransmit(?:s|ted|ting)?\b(?:\s+herewith)?");
re!(FIRST_PERSON, r"\bI\s");
re!(
    REPRESENTATIVE,
    r"(?i)\bPermanent\s+(?:Representative|Observer)s?\s+of\s+(?:the\s+)?$"
);

/// Classes whose members are documents (what can be annexed or transmitted).
const DOCUMENT_CLASSES: &[&str] = &["Instrument", "Report", "Treaty", "Protocol", "Document"];

/// Finds the relations a paragraph states.
///
/// `symbol` is the present document's symbol, `author` the key of the author of a letter (the
/// first person or office the document names), `persons` the keys of people found by shape.
pub fn find(
    para: &Paragraph,
    mentions: &[&Mention],
    registry: &Registry,
    symbol: Option<&str>,
    author: Option<&str>,
    persons: &[String],
    out: &mut Vec<Relation>,
) {
    let text = para.text.text.as_str();
    let class_of = |key: &str| registry.get(key).map_or("", |e| e.class());
    let is_person = |key: &str| class_of(key) == "Person" || persons.iter().any(|p| p == key);
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
        if !out.contains(&rel) {
            out.push(rel);
        }
    };
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
            let clause = CLAUSE_START.find_iter(before).last().map_or(0, |c| c.end());
            if let Some(g) = mentions[..i]
                .iter()
                .find(|x| x.range.start >= clause && x.key != m.key)
            {
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
    // "transmit (herewith) D"
    for t in TRANSMIT.find_iter(text) {
        let sentence_start = text
            .get(..t.start())
            .and_then(|b| b.rfind(". "))
            .map_or(0, |p| p + 2);
        let sentence_end = text
            .get(t.end()..)
            .and_then(|a| a.find(". "))
            .map_or(text.len(), |p| t.end() + p);
        let object = mentions.iter().find(|x| {
            x.range.start >= t.end()
                && x.range.start < sentence_end.min(t.end() + 120)
                && DOCUMENT_CLASSES.contains(&class_of(&x.key))
        });
        let Some(object) = object else { continue };
        let subject = mentions
            .iter()
            .rev()
            .find(|x| x.range.end <= t.start() && x.range.start >= sentence_start)
            .map(|x| x.key.as_str())
            .or_else(|| {
                FIRST_PERSON
                    .is_match(text.get(sentence_start..t.start()).unwrap_or(""))
                    .then_some(author)
                    .flatten()
            });
        if let Some(s) = subject {
            push(s, "transmits", &object.key, t.start()..object.range.end);
        }
    }
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
        let mut out = Vec::new();
        find(
            &p,
            &refs,
            Registry::embedded(),
            Some("A/RES/76/7"),
            Some("pga"),
            persons,
            &mut out,
        );
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
}
