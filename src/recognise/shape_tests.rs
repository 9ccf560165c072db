#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
use super::tests::{Para, document};
use super::*;
use crate::model::ParagraphKind;

fn run(paras: &[&str]) -> Recognised {
    let paras: Vec<Para<'_>> = paras
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let number = Some((i + 1).to_string());
            (number, ParagraphKind::Operative, *body, Vec::new())
        })
        .collect();
    let (source, seg) = document(&paras);
    recognise(&source, &seg, Registry::embedded())
}

fn at(r: &Recognised, para: usize) -> Vec<(String, MatchKind)> {
    r.mentions
        .iter()
        .filter(|m| m.paragraph == para)
        .map(|m| (m.key.clone(), m.how))
        .collect()
}

#[test]
fn unlisted_instrument_is_a_new_entity() {
    let r = run(&[
        "Recalling the Inter-American Convention on the Prevention of Trafficking in Minors,",
        "Reaffirming the Bali Declaration on People Smuggling and the Convention,",
    ]);
    let n = &r.new_entities;
    assert!(n.iter().any(|e| e.key
        == "inter-american-convention-on-the-prevention-of-trafficking-in-minors"
        && e.label == "Inter-American Convention on the Prevention of Trafficking in Minors"
        && e.class == "Treaty"));
    assert!(
        n.iter()
            .any(|e| e.label == "Bali Declaration on People Smuggling")
    );
    assert!(at(&r, 0).iter().all(|(_, how)| *how == MatchKind::Shape));
    // "the Convention" follows an unlisted convention: not the registry's.
    assert!(!at(&r, 1).iter().any(|(k, _)| k == "untoc"));
}

#[test]
fn human_rights_council_resolution() {
    let paras = [
        "The Human Rights Council,",
        "Recalling Human Rights Council resolutions 44/4 of 17 July 2020 and 50/7, General Assembly resolution 77/194 and Economic and Social Council resolution 2008/33,",
        "Taking note of the report of the Special Rapporteur on trafficking in persons, especially women and children, and of the Committee on the Elimination of Discrimination against Women, and of the United Nations Voluntary Trust Fund on Contemporary Forms of Slavery,",
        "Requests the Special Rapporteur to report to the Council, invites the Committee to continue and the Fund to support the Committee on Migrant Workers;",
    ];
    // The chapeau has no number.
    let paras: Vec<Para<'_>> = paras
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let number = (i > 0).then(|| format!("PP{i}"));
            (number, ParagraphKind::Preambular, *body, Vec::new())
        })
        .collect();
    let (source, seg) = document(&paras);
    let r = recognise(&source, &seg, Registry::embedded());
    let cites: Vec<&str> = r.citations.iter().map(|c| c.symbol.as_str()).collect();
    assert_eq!(
        cites,
        [
            "A/HRC/RES/44/4",
            "A/HRC/RES/50/7",
            "A/RES/77/194",
            "E/RES/2008/33"
        ]
    );
    let anaphors: Vec<(String, String)> = r
        .mentions
        .iter()
        .filter(|m| m.paragraph == 3 && m.how == MatchKind::Anaphor)
        .map(|m| (m.surface.clone(), m.key.clone()))
        .collect();
    let want = [
        ("the Special Rapporteur", "sr-tip"),
        ("the Council", "un-hrc"),
        ("the Committee", "cedaw-committee"),
        ("the Fund", "unvtf-slavery"),
    ];
    assert_eq!(
        anaphors,
        want.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect::<Vec<_>>()
    );
    // "the Committee on Migrant Workers" is another committee, named in full.
    assert!(
        r.mentions
            .iter()
            .any(|m| m.surface == "the Committee on Migrant Workers" && m.key == "cmw")
    );
}

#[test]
fn lists_sharing_one_head() {
    let r = run(&[
        "the Special Rapporteurs on trafficking in persons, especially women and children, on contemporary forms of slavery and on the sale and sexual exploitation of children",
        "the global compacts on migration and on refugees",
        "the special rapporteurs on other issues",
    ]);
    let mut k: Vec<String> = at(&r, 0).into_iter().map(|(k, _)| k).collect();
    k.sort();
    assert_eq!(k, ["sr-sale-children", "sr-slavery", "sr-tip"]);
    let mut k: Vec<String> = at(&r, 1).into_iter().map(|(k, _)| k).collect();
    k.sort();
    assert_eq!(k, ["gcm", "gcr"]);
    assert!(at(&r, 2).is_empty());
}

#[test]
fn registry_names_win_over_shapes() {
    let r = run(&["Recalling the Worst Forms of Child Labour Convention, 1999 (No. 182),"]);
    assert!(r.new_entities.is_empty());
    assert!(at(&r, 0).iter().all(|(_, how)| *how != MatchKind::Shape));
}

#[test]
fn persons_in_letters() {
    let r = run(&[
        "a letter from H.E. Mr. Kwame Mensah Boateng, Permanent Representative of Ghana to the United Nations,",
        "I thank Ambassador Boateng and Ambassador Smith.",
    ]);
    let p: Vec<&NewEntity> = r
        .new_entities
        .iter()
        .filter(|e| e.class == "Person")
        .collect();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].label, "Kwame Mensah Boateng");
    assert!(at(&r, 0).iter().any(|(k, _)| k == "state-gha"));
    // A bare surname links back to the person named in full; an unknown one is no mention.
    assert_eq!(
        at(&r, 1)
            .iter()
            .filter(|(_, h)| *h == MatchKind::Shape)
            .count(),
        1
    );
}
