//! Amendments: a document that amends a draft ("United States of America: amendment to revised
//! draft resolution A/C.3/80/L.3/Rev.1") is no draft of the adopted text, but a list of
//! instructions on one: "In operative paragraph 64, after “…” insert “…”", "In the fourth
//! preambular paragraph, delete “…”", "replace “…” with “…”", "Delete operative paragraph 5".
//!
//! [`amended`] reads the symbol of the draft amended from the document's head;
//! [`instructions`] reads the instructions from its numbered paragraphs; [`check`] tells, for
//! each, whether the adopted text reflects it (the words inserted are there, the words deleted
//! are not) and in which of its paragraphs, so `tipkg diff AMENDMENT ADOPTED` says which
//! amendments made it into the adopted text.

use super::Doc;
use super::units::words;

re!(
    AMENDS,
    r"(?i)\bamendments?\s+to\s+(?:the\s+)?(?:revised\s+)?draft\s+(?:resolution|decision|declaration)s?\s+((?:A|E)/[A-Z0-9./]+[A-Z0-9])"
);
re!(
    TARGET,
    r"(?i)^(?:In\s+)?(?:the\s+)?(?:(operative|preambular)\s+paragraph\s+(\d+(?:\s*bis|\s*ter)?(?:\s*\([a-z]\))?)|([a-z]+(?:-[a-z]+)?)\s+(preambular|operative)\s+paragraph)"
);
re!(QUOTED, r#"[“"]([^”"]*)[”"]"#);
re!(
    INSERT_AFTER,
    r#"(?i)\bafter\s+[“"][^”"]*[”"],?\s+(?:insert|add)\b"#
);
re!(INSERT, r"(?i)\b(?:insert|add)\b");
re!(REPLACE, r"(?i)\breplace\b");
re!(DELETE, r"(?i)\bdelete\b");

/// The symbol of the draft a document amends, when its head says it is an amendment.
pub fn amended(head: &str) -> Option<String> {
    let joined = head.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(AMENDS.captures(&joined)?.get(1)?.as_str().to_owned())
}

/// What an instruction does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Insert `text` (after `after`, when given).
    Insert {
        /// The words after which.
        after: Option<String>,
        /// The words inserted.
        text: String,
    },
    /// Replace `old` with `new`.
    Replace {
        /// The words replaced.
        old: String,
        /// The words put in their place.
        new: String,
    },
    /// Delete these words.
    Delete(String),
    /// Delete the whole paragraph.
    DeleteParagraph,
    /// Something else (left as printed).
    Other,
}

impl Action {
    /// `insert`, `replace`, `delete`, `delete-paragraph` or `other`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Insert { .. } => "insert",
            Self::Replace { .. } => "replace",
            Self::Delete(_) => "delete",
            Self::DeleteParagraph => "delete-paragraph",
            Self::Other => "other",
        }
    }
}

/// One instruction of an amendment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// Its number in the amendment.
    pub id: String,
    /// The paragraph of the amended draft it targets (`PP4`, `64`), if it names one.
    pub target: Option<String>,
    /// What it does.
    pub action: Action,
    /// Its text.
    pub text: String,
}

const ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENS: &[(&str, usize)] = &[
    ("twent", 20),
    ("thirt", 30),
    ("fort", 40),
    ("fift", 50),
    ("sixt", 60),
    ("sevent", 70),
    ("eight", 80),
    ("ninet", 90),
];

/// "forty-first" → 41, "twentieth" → 20.
fn ordinal(w: &str) -> Option<usize> {
    let w = w.to_lowercase();
    if let Some(i) = ORDINALS.iter().position(|o| *o == w) {
        return Some(i + 1);
    }
    let (tens, unit) = w.split_once('-').unwrap_or((w.as_str(), ""));
    let t = TENS.iter().find(|(p, _)| tens.starts_with(p))?.1;
    if unit.is_empty() {
        return tens.ends_with("ieth").then_some(t);
    }
    Some(t + ORDINALS.iter().position(|o| *o == unit)? + 1)
}

/// The instructions of an amendment: its numbered paragraphs (or the whole text when it has
/// a single unnumbered instruction).
pub fn instructions(amendment: &Doc) -> Vec<Instruction> {
    amendment
        .units
        .iter()
        .filter(|u| !u.is_child())
        .map(|u| instruction(&u.id, &u.text))
        .collect()
}

fn instruction(id: &str, text: &str) -> Instruction {
    let target = TARGET.captures(text).and_then(|c| {
        if let (Some(kind), Some(n)) = (c.get(1), c.get(2)) {
            let n: String = n.as_str().chars().filter(|c| !c.is_whitespace()).collect();
            Some(if kind.as_str().eq_ignore_ascii_case("preambular") {
                format!("PP{n}")
            } else {
                n
            })
        } else {
            let n = ordinal(c.get(3)?.as_str())?;
            Some(if c[4].eq_ignore_ascii_case("preambular") {
                format!("PP{n}")
            } else {
                n.to_string()
            })
        }
    });
    let quoted: Vec<String> = QUOTED
        .captures_iter(text)
        .map(|c| c[1].trim().to_owned())
        .collect();
    let action = if REPLACE.is_match(text) && quoted.len() >= 2 {
        Action::Replace {
            old: quoted[0].clone(),
            new: quoted[1].clone(),
        }
    } else if INSERT.is_match(text) && !quoted.is_empty() {
        if INSERT_AFTER.is_match(text) && quoted.len() >= 2 {
            Action::Insert {
                after: Some(quoted[0].clone()),
                text: quoted[1].clone(),
            }
        } else {
            Action::Insert {
                after: quoted.get(1).cloned(),
                text: quoted[0].clone(),
            }
        }
    } else if DELETE.is_match(text) && !quoted.is_empty() {
        Action::Delete(quoted[0].clone())
    } else if DELETE.is_match(text) && target.is_some() {
        Action::DeleteParagraph
    } else {
        Action::Other
    };
    Instruction {
        id: id.to_owned(),
        target,
        action,
        text: text.to_owned(),
    }
}

/// Whether the adopted text reflects an instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The words inserted are there (and those replaced or deleted are not).
    Reflected,
    /// The adopted text has the words as they were.
    NotReflected,
    /// Neither can be told from the text.
    Unclear,
}

impl Outcome {
    /// `reflected`, `not-reflected` or `unclear`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reflected => "reflected",
            Self::NotReflected => "not-reflected",
            Self::Unclear => "unclear",
        }
    }
}

/// An instruction checked against the adopted text.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The instruction.
    pub instruction: Instruction,
    /// What the adopted text shows.
    pub outcome: Outcome,
    /// The adopted paragraph it concerns, when found.
    pub adopted: Option<String>,
}

/// The words of a text as one space-separated string, with a space at each end.
fn key(text: &str) -> String {
    let mut s = String::from(" ");
    for w in words(text) {
        s.push_str(&w);
        s.push(' ');
    }
    s
}

/// Checks every instruction of `amendment` against `adopted`.
pub fn check(amendment: &Doc, adopted: &Doc) -> Vec<Checked> {
    let paras: Vec<(String, String)> = adopted
        .units
        .iter()
        .map(|u| (u.id.clone(), key(&u.text)))
        .collect();
    let find = |t: &str| -> Option<String> {
        let k = key(t);
        if k.trim().is_empty() {
            return None;
        }
        paras
            .iter()
            .find(|(_, p)| p.contains(&k))
            .map(|(id, _)| id.clone())
    };
    instructions(amendment)
        .into_iter()
        .map(|i| {
            let (outcome, at) = match &i.action {
                Action::Insert { after, text } => {
                    let joined = after.as_ref().map(|a| format!("{a} {text}"));
                    match (
                        joined.as_deref().and_then(find).or_else(|| find(text)),
                        after,
                    ) {
                        (Some(p), _) => (Outcome::Reflected, Some(p)),
                        (None, Some(a)) => match find(a) {
                            Some(p) => (Outcome::NotReflected, Some(p)),
                            None => (Outcome::Unclear, None),
                        },
                        (None, None) => (Outcome::NotReflected, None),
                    }
                }
                Action::Replace { old, new } => match (find(new), find(old)) {
                    (Some(p), None) => (Outcome::Reflected, Some(p)),
                    (None, Some(p)) => (Outcome::NotReflected, Some(p)),
                    _ => (Outcome::Unclear, None),
                },
                Action::Delete(old) => match find(old) {
                    Some(p) => (Outcome::NotReflected, Some(p)),
                    None => (Outcome::Unclear, None),
                },
                Action::DeleteParagraph | Action::Other => (Outcome::Unclear, None),
            };
            Checked {
                instruction: i,
                outcome,
                adopted: at,
            }
        })
        .collect()
}

/// The check as TSV rows: `amendment<TAB>ID<TAB>TARGET<TAB>ACTION<TAB>OUTCOME<TAB>ADOPTED_PARA`.
pub fn tsv(amends: &str, checked: &[Checked]) -> String {
    let mut out = format!("# amendment to {amends}\n");
    for c in checked {
        out.push_str(&format!(
            "amendment\t{}\t{}\t{}\t{}\t{}\n",
            c.instruction.id,
            c.instruction.target.as_deref().unwrap_or("-"),
            c.instruction.action.as_str(),
            c.outcome.as_str(),
            c.adopted.as_deref().unwrap_or("-")
        ));
    }
    out
}

/// The check as a readable list (table, Markdown).
pub fn text(amends: &str, adopted: &str, checked: &[Checked]) -> String {
    let mut out = format!(
        "Amendment to {amends}: {} instructions, checked against {adopted}\n\n",
        checked.len()
    );
    for c in checked {
        out.push_str(&format!(
            "- {}. {} ({}, paragraph {}): {}{}\n",
            c.instruction.id,
            c.instruction.text,
            c.instruction.action.as_str(),
            c.instruction.target.as_deref().unwrap_or("?"),
            c.outcome.as_str(),
            c.adopted
                .as_ref()
                .map_or(String::new(), |p| format!(" in adopted paragraph {p}"))
        ));
    }
    out
}

/// The check as JSON.
pub fn json(amends: &str, adopted: &str, checked: &[Checked]) -> String {
    let rows: Vec<serde_json::Value> = checked
        .iter()
        .map(|c| {
            serde_json::json!({
                "instruction": c.instruction.id,
                "target": c.instruction.target,
                "action": c.instruction.action.as_str(),
                "text": c.instruction.text,
                "outcome": c.outcome.as_str(),
                "adopted_paragraph": c.adopted,
            })
        })
        .collect();
    let v = serde_json::json!({ "amends": amends, "adopted": adopted, "instructions": rows });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// The check as an HTML fragment.
pub fn html(amends: &str, adopted: &str, checked: &[Checked]) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = format!(
        "<p>Amendment to {}: {} instructions, checked against {}</p>\n<ol>\n",
        esc(amends),
        checked.len(),
        esc(adopted)
    );
    for c in checked {
        out.push_str(&format!(
            "<li>{} <em>({}, paragraph {}): {}</em></li>\n",
            esc(&c.instruction.text),
            c.instruction.action.as_str(),
            esc(c.instruction.target.as_deref().unwrap_or("?")),
            c.outcome.as_str()
        ));
    }
    out.push_str("</ol>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_and_ordinals() {
        assert_eq!(
            amended("United States of America: amendment to revised draft resolution\nA/C.3/80/L.3/Rev.1\n").as_deref(),
            Some("A/C.3/80/L.3/Rev.1")
        );
        assert_eq!(amended("Draft resolution A/C.3/80/L.3"), None);
        assert_eq!(ordinal("forty-first"), Some(41));
        assert_eq!(ordinal("twentieth"), Some(20));
        assert_eq!(ordinal("eleventh"), Some(11));
    }

    #[test]
    fn instructions_read() {
        let i = instruction(
            "1",
            "In operative paragraph 64, after “to strengthen their efforts in preventing” insert “and combating child pornography”.",
        );
        assert_eq!(i.target.as_deref(), Some("64"));
        assert_eq!(
            i.action,
            Action::Insert {
                after: Some("to strengthen their efforts in preventing".into()),
                text: "and combating child pornography".into()
            }
        );
        let i = instruction(
            "2",
            "In the fourth preambular paragraph, delete “and expressing deep concern”.",
        );
        assert_eq!(i.target.as_deref(), Some("PP4"));
        assert_eq!(
            i.action,
            Action::Delete("and expressing deep concern".into())
        );
        let i = instruction(
            "3",
            "In operative paragraph 1, replace “Takes note” with “Welcomes”.",
        );
        assert_eq!(
            i.action,
            Action::Replace {
                old: "Takes note".into(),
                new: "Welcomes".into()
            }
        );
    }
}
