//! Draft pairing in `extract`: the real binary pairs a draft with the text adopted from it in
//! the same run and when one of them joins the store later; re-extracting or removing either
//! drops the pairing it took part in; the named queries on top read the pairing graphs. An
//! amendment is no draft: `tipkg diff` checks its instructions against the adopted text.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::tipkg;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn ok(store: &Path, args: &[&str]) -> String {
    let out = tipkg(store, args);
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "tipkg {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The pairings the store holds: (draft, adopted, basis).
fn pairings(store: &Path) -> Vec<String> {
    let out = ok(
        store,
        &[
            "query",
            "--format",
            "tsv",
            "SELECT ?d ?a ?by WHERE { ?p a tip:DraftPairing ; tip:draftDocument ?d ; \
             tip:adoptedDocument ?a ; tip:pairedBy ?by . ?d tip:draftOf ?a . \
             ?a prov:wasRevisionOf ?d } ORDER BY ?d ?a",
        ],
    );
    out.lines().skip(1).map(str::to_owned).collect()
}

fn pd2021() -> (PathBuf, PathBuf) {
    let c = root().join("corpus");
    (c.join("pd2021-rev3-draft.txt"), c.join("a-res-76-7.md"))
}

#[test]
fn paired_in_one_run_and_queried() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let (d, a) = pd2021();
    let out = ok(&store, &["extract", path(&d), path(&a)]);
    assert!(
        out.contains("paired draft pd2021-rev3-draft with a-res-76-7"),
        "{out}"
    );
    let p = pairings(&store);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("pd2021-rev3-draft") && p[0].contains("a-res-76-7"));
    // One revision per alignment row of `tipkg diff`, with the same kinds.
    let tsv = ok(&store, &["diff", "--format", "tsv", path(&d), path(&a)]);
    let rows = tsv
        .lines()
        .filter(|l| {
            ["align", "added", "removed"]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .count();
    let revs = ok(
        &store,
        &[
            "query",
            "--format",
            "tsv",
            "SELECT (COUNT(?r) AS ?n) WHERE { ?r a tip:Revision }",
        ],
    );
    assert!(revs.contains(&rows.to_string()), "{revs} vs {rows}");
    // The named queries on top.
    let added = ok(
        &store,
        &[
            "query",
            "-n",
            "mandates-added-in-adoption",
            "--format",
            "tsv",
        ],
    );
    assert!(added.lines().count() > 1, "{added}");
    let verbs = ok(
        &store,
        &[
            "query",
            "-n",
            "verbs-weakened-or-strengthened",
            "--format",
            "tsv",
        ],
    );
    assert!(
        verbs
            .lines()
            .next()
            .is_some_and(|h| h.contains("direction")),
        "{verbs}"
    );
    let dropped = ok(
        &store,
        &["query", "-n", "addressees-dropped", "--format", "tsv"],
    );
    assert!(dropped.lines().next().is_some(), "{dropped}");
}

#[test]
fn paired_when_added_later_and_dropped_with_a_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let (d, a) = pd2021();
    ok(&store, &["extract", path(&a)]);
    assert!(pairings(&store).is_empty());
    let out = ok(&store, &["extract", path(&d)]);
    assert!(
        out.contains("paired draft pd2021-rev3-draft with a-res-76-7"),
        "{out}"
    );
    assert_eq!(pairings(&store).len(), 1);
    // The adopted text again: its pairing is made anew, not doubled.
    ok(&store, &["extract", path(&a)]);
    assert_eq!(pairings(&store).len(), 1, "{:?}", pairings(&store));
    // Removing the adopted text drops the pairing.
    ok(&store, &["remove", "a-res-76-7"]);
    assert!(pairings(&store).is_empty(), "{:?}", pairings(&store));
}

#[test]
fn amendment_is_checked_not_paired() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (am, res) = (dir.path().join("am.txt"), dir.path().join("res.txt"));
    std::fs::write(
        &am,
        "A/C.3/81/L.90\n\nGeneral Assembly\n\nDistr.: Limited\n\nUtopia: amendment to draft \
         resolution A/C.3/81/L.5\n\nTrafficking in persons\n\n1. In operative paragraph 2, after \
         “to strengthen their efforts” insert “and cooperation”.\n\n2. In the first preambular \
         paragraph, delete “all forms of”.\n",
    )
    .expect("write");
    std::fs::write(
        &res,
        "A/RES/81/5\n\nResolution adopted by the General Assembly\n\n81/5. Trafficking in \
         persons\n\nThe General Assembly,\n\nCondemning all forms of trafficking in persons,\n\n\
         1. Urges Member States to ratify the Protocol;\n\n2. Calls upon States to strengthen \
         their efforts and cooperation against trafficking in persons.\n",
    )
    .expect("write");
    let out = ok(
        &dir.path().join("store"),
        &["diff", "--format", "tsv", path(&am), path(&res)],
    );
    assert!(out.contains("# amendment to A/C.3/81/L.5"), "{out}");
    assert!(
        out.contains("amendment\t1\t2\tinsert\treflected\t2"),
        "{out}"
    );
    assert!(
        out.contains("amendment\t2\tPP1\tdelete\tnot-reflected\tPP1"),
        "{out}"
    );
}

/// `tipkg diff` also takes documents of the store, by symbol or name, read back from their
/// graphs: the alignment is the one the files give.
#[test]
fn diff_of_documents_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let (draft, adopted) = pd2021();
    ok(&store, &["extract", path(&draft), path(&adopted)]);
    let aligned = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.starts_with("align\t") || l.starts_with("added\t"))
            .map(str::to_owned)
            .collect()
    };
    let files = aligned(&ok(
        &store,
        &["diff", path(&draft), path(&adopted), "--format", "tsv"],
    ));
    assert!(files.len() > 20, "{files:?}");
    for (d, a) in [
        ("pd2021-rev3-draft", "A/RES/76/7"),
        ("pd2021-rev3-draft.txt", "a-res-76-7"),
    ] {
        let stored = aligned(&ok(&store, &["diff", d, a, "--format", "tsv"]));
        let same = stored.iter().filter(|r| files.contains(r)).count();
        assert!(
            same * 100 >= files.len() * 95 && stored.len() == files.len(),
            "{d} {a}: {same} of {} rows as from the files\n{stored:#?}\n{files:#?}",
            files.len()
        );
    }
    let missing = tipkg(&store, &["diff", "no-such-draft", "A/RES/76/7"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("no such file, nor a document"),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
}
