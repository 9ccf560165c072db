//! The outputs of `tipkg diff`: a table for people, JSON for programs, the plain tsv rows of the
//! alignment gold, and a word-level rendering in Markdown or HTML with insertions and
//! deletions marked.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::changes::{Change, Found};
use super::words::{self, Op};
use super::{Diff, Kind, Link};
use crate::model::Role;

/// The tsv row of a change, if it has one (`verb`, `addressee+`, `addressee-`, `cite+`,
/// `cite-`; mandates are in the other formats).
fn change_row(d: &Diff, f: &Found) -> Option<String> {
    let l = &d.links[f.link];
    let (dp, ap) = (d.draft_id(l), d.adopted_id(l));
    Some(match &f.change {
        Change::Verb { old, new, .. } => format!("verb\t{dp}\t{ap}\t{old}\t{new}"),
        Change::EntityAdded { key, .. } => format!("addressee+\t{dp}\t{ap}\t{key}"),
        Change::EntityRemoved { key, .. } => format!("addressee-\t{dp}\t{ap}\t{key}"),
        Change::CitationAdded(s) => format!("cite+\t{dp}\t{ap}\t{s}"),
        Change::CitationRemoved(s) => format!("cite-\t{dp}\t{ap}\t{s}"),
        Change::Mandate { .. } => return None,
    })
}

/// The tsv form: one row per alignment (`align`, `added`, `removed`), then the changes of the
/// changed paragraphs, then sponsors.
pub fn tsv(d: &Diff) -> String {
    let mut out = String::new();
    for l in &d.links {
        let (dp, ap) = (d.draft_id(l), d.adopted_id(l));
        let _ = match l.kind {
            Kind::Added => writeln!(out, "added\t-\t{ap}"),
            Kind::Removed => writeln!(out, "removed\t{dp}\t-"),
            k => writeln!(out, "align\t{dp}\t{ap}\t{}", k.as_str()),
        };
    }
    for f in &d.changes {
        if let Some(r) = change_row(d, f) {
            out.push_str(&r);
            out.push('\n');
        }
    }
    for s in &d.sponsors_added {
        let _ = writeln!(out, "sponsor+\t-\t-\t{s}");
    }
    for s in &d.sponsors_removed {
        let _ = writeln!(out, "sponsor-\t-\t-\t{s}");
    }
    out
}

fn title(d: &Diff) -> String {
    let name = |s: &super::Side| s.symbol.clone().unwrap_or_else(|| s.name.clone());
    format!("{} → {}", name(&d.draft), name(&d.adopted))
}

/// A table for people: the counts, then every row that is not `same`, with its changes.
pub fn table(d: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} draft paragraphs, {} adopted paragraphs",
        title(d),
        d.draft.units.len(),
        d.adopted.units.len()
    );
    let counts: Vec<String> = d
        .counts()
        .iter()
        .map(|(k, n)| format!("{n} {}", k.as_str()))
        .collect();
    let _ = writeln!(out, "{}\n", counts.join(", "));
    let _ = writeln!(
        out,
        "{:<10} {:<8} {:<8} {:>5}  changes",
        "kind", "draft", "adopted", "sim"
    );
    for (k, l) in d.links.iter().enumerate() {
        if l.kind == Kind::Same {
            continue;
        }
        let ch: Vec<String> = d
            .changes
            .iter()
            .filter(|f| f.link == k)
            .map(|f| describe(&f.change))
            .collect();
        let _ = writeln!(
            out,
            "{:<10} {:<8} {:<8} {:>5.2}  {}",
            l.kind.as_str(),
            d.draft_id(l),
            d.adopted_id(l),
            l.similarity,
            ch.join("; ")
        );
    }
    if !d.sponsors_added.is_empty() || !d.sponsors_removed.is_empty() {
        let _ = writeln!(
            out,
            "\nsponsors added: {}; removed: {}",
            d.sponsors_added.join(", "),
            d.sponsors_removed.join(", ")
        );
    }
    out
}

/// A change in a few words.
pub fn describe(c: &Change) -> String {
    let role = |r: &Role| match r {
        Role::Addressee => "addressee",
        Role::Object => "object",
    };
    match c {
        Change::Verb {
            old, new, strength, ..
        } => match strength {
            super::Strength::Other => format!("verb {old} → {new}"),
            s => format!("verb {old} → {new} ({})", s.as_str()),
        },
        Change::EntityAdded { role: r, key } => format!("{} +{key}", role(r)),
        Change::EntityRemoved { role: r, key } => format!("{} -{key}", role(r)),
        Change::Mandate { verb, .. } => format!("mandate of {verb} reworded"),
        Change::CitationAdded(s) => format!("cites +{s}"),
        Change::CitationRemoved(s) => format!("cites -{s}"),
    }
}

fn change_json(c: &Change) -> Value {
    match c {
        Change::Verb {
            old,
            new,
            old_name,
            new_name,
            strength,
        } => json!({"type": "verb", "old": old, "new": new, "oldVerb": old_name,
                    "newVerb": new_name, "strength": strength.as_str()}),
        Change::EntityAdded { role, key } => {
            json!({"type": "entityAdded", "role": role_name(*role), "key": key})
        }
        Change::EntityRemoved { role, key } => {
            json!({"type": "entityRemoved", "role": role_name(*role), "key": key})
        }
        Change::Mandate { verb, old, new } => {
            json!({"type": "mandate", "verb": verb, "old": old, "new": new})
        }
        Change::CitationAdded(s) => json!({"type": "citationAdded", "symbol": s}),
        Change::CitationRemoved(s) => json!({"type": "citationRemoved", "symbol": s}),
    }
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Addressee => "addressee",
        Role::Object => "object",
    }
}

/// JSON: the two documents, the alignment rows with their similarity and changes, and the word
/// difference of each changed pair.
pub fn json(d: &Diff) -> String {
    let side = |s: &super::Side| {
        json!({"name": s.name, "symbol": s.symbol, "file": s.file,
                                       "paragraphs": s.units.len()})
    };
    let rows: Vec<Value> = d
        .links
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let mut v = json!({
                "kind": l.kind.as_str(),
                "draft": l.draft.map(|i| d.draft.units[i].id.clone()),
                "adopted": l.adopted.map(|i| d.adopted.units[i].id.clone()),
                "similarity": (l.similarity * 1000.0).round() / 1000.0,
            });
            let ch: Vec<Value> = d
                .changes
                .iter()
                .filter(|f| f.link == k)
                .map(|f| change_json(&f.change))
                .collect();
            if !ch.is_empty() {
                v["changes"] = Value::Array(ch);
            }
            if let (Some(a), Some(b)) = (l.draft, l.adopted)
                && l.kind != Kind::Same
            {
                let pieces: Vec<Value> =
                    words::diff(&d.draft.units[a].text, &d.adopted.units[b].text)
                        .into_iter()
                        .map(|p| {
                            let op = match p.op {
                                Op::Keep => "keep",
                                Op::Delete => "delete",
                                Op::Insert => "insert",
                            };
                            json!([op, p.text])
                        })
                        .collect();
                v["words"] = Value::Array(pieces);
            }
            v
        })
        .collect();
    let counts: serde_json::Map<String, Value> = d
        .counts()
        .into_iter()
        .map(|(k, n)| (k.as_str().to_owned(), json!(n)))
        .collect();
    let v = json!({
        "draft": side(&d.draft),
        "adopted": side(&d.adopted),
        "counts": counts,
        "alignments": rows,
        "sponsorsAdded": d.sponsors_added,
        "sponsorsRemoved": d.sponsors_removed,
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// The label of a row: `PP3 → PP4`, `+ 16`, `− 15`.
fn label(d: &Diff, l: &Link) -> String {
    match l.kind {
        Kind::Added => format!("added {}", d.adopted_id(l)),
        Kind::Removed => format!("removed {}", d.draft_id(l)),
        k => format!("{} → {} ({})", d.draft_id(l), d.adopted_id(l), k.as_str()),
    }
}

fn md_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '*' | '_' | '~' | '`' | '[' | ']' | '<' | '>' | '\\' | '#' | '|'
        ) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// How a rendering writes text: its escaping and its marks around deleted and inserted words.
struct Marks {
    escape: fn(&str) -> String,
    del: (&'static str, &'static str),
    ins: (&'static str, &'static str),
}

/// A row that is not `same`, as a rendering shows it.
struct Row {
    /// Its paragraphs and kind (not escaped).
    label: String,
    /// Its changes, described (not escaped).
    changes: Vec<String>,
    /// Its text with deleted and inserted words marked (escaped).
    body: String,
}

/// The rows of `d` that are not `same`, their words marked with `m` (a word's leading space stays
/// outside its mark).
fn rows(d: &Diff, m: &Marks) -> Vec<Row> {
    let mark = |(open, close): (&str, &str), t: &str| format!("{open}{}{close}", (m.escape)(t));
    let mut out = Vec::new();
    for (k, l) in d.links.iter().enumerate() {
        if l.kind == Kind::Same {
            continue;
        }
        let body = match (l.draft, l.adopted) {
            (Some(a), Some(b)) => {
                let mut s = String::new();
                for p in words::diff(&d.draft.units[a].text, &d.adopted.units[b].text) {
                    if p.text.starts_with(' ') {
                        s.push(' ');
                    }
                    let t = p.text.trim_start();
                    s.push_str(&match p.op {
                        Op::Keep => (m.escape)(t),
                        Op::Delete => mark(m.del, t),
                        Op::Insert => mark(m.ins, t),
                    });
                }
                s
            }
            (None, Some(b)) => mark(m.ins, &d.adopted.units[b].text),
            (Some(a), None) => mark(m.del, &d.draft.units[a].text),
            (None, None) => String::new(),
        };
        out.push(Row {
            label: label(d, l),
            changes: d
                .changes
                .iter()
                .filter(|f| f.link == k)
                .map(|f| describe(&f.change))
                .collect(),
            body,
        });
    }
    out
}

/// The counts of the alignment kinds, as "17 same, 23 changed".
fn counted(d: &Diff) -> String {
    d.counts()
        .iter()
        .map(|(k, n)| format!("{n} {}", k.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Markdown: one item per alignment row that is not `same`; deleted words ~~struck~~, inserted
/// words **bold**.
pub fn markdown(d: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### {}\n", md_escape(&title(d)));
    let _ = writeln!(out, "{}; ~~deleted~~, **inserted**.\n", counted(d));
    let marks = Marks {
        escape: md_escape,
        del: ("~~", "~~"),
        ins: ("**", "**"),
    };
    for r in rows(d, &marks) {
        let notes = if r.changes.is_empty() {
            String::new()
        } else {
            format!(" *[{}]*", md_escape(&r.changes.join("; ")))
        };
        let _ = writeln!(out, "- **{}**{notes}: {}", md_escape(&r.label), r.body);
    }
    out
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// HTML: a standalone page, one section per row that is not `same`, with `<del>` and `<ins>`.
pub fn html(d: &Diff) -> String {
    let mut out = String::new();
    let t = html_escape(&title(d));
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\n\
         <style>del{{background:#fdd;}} ins{{background:#dfd;text-decoration:none;}} \
         .k{{color:#555;font-size:90%;}}</style></head><body>\n<h1>{t}</h1>"
    );
    let _ = writeln!(out, "<p>{}</p>", counted(d));
    let marks = Marks {
        escape: html_escape,
        del: ("<del>", "</del>"),
        ins: ("<ins>", "</ins>"),
    };
    for r in rows(d, &marks) {
        let _ = writeln!(
            out,
            "<section><h2>{}</h2><p class=\"k\">{}</p><p>{}</p></section>",
            html_escape(&r.label),
            html_escape(&r.changes.join("; ")),
            r.body
        );
    }
    out.push_str("</body></html>\n");
    out
}
