//! Issue "trustworthy under faults": one test per numbered fault, each run on the real binary in
//! a temporary directory. Waiting is bounded everywhere (a child that outlives its limit is
//! killed and the test fails); nothing here asserts a duration.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::dump;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tipkg"));
    c.env_remove("TIPKG_STORE").env_remove("TIPKG_LOCK_TIMEOUT");
    c
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

fn run(store: &Path, args: &[&str]) -> Output {
    bin().arg("--store").arg(store).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs `cmd` with its output captured, for at most `limit`.
fn run_bounded(cmd: &mut Command, limit: Duration, what: &str) -> Output {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_bounded(child, limit, what)
}

/// Waits for a child at most `limit`; kills it and fails the test beyond.
fn wait_bounded(mut child: Child, limit: Duration, what: &str) -> Output {
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            let out = child.wait_with_output().unwrap();
            panic!(
                "{what}: still running after {limit:?}, killed; stderr: {}",
                text(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A store with one real document.
fn store_with_one(dir: &Path) -> PathBuf {
    let store = dir.join("s");
    let out = run(
        &store,
        &["extract", corpus("a-res-73-189.txt").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    store
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect()
}

/// 1. `export -o` over a FIFO (standing in for a device such as /dev/full) writes into it, not
///    over it; over a symbolic link writes the link's target and keeps the link; over a file
///    of mode 600 keeps the mode; over a directory refuses.
#[cfg(unix)]
#[test]
fn f1_output_files_keep_what_they_are() {
    use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_one(dir.path());

    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            std::fs::File::open(fifo)
                .unwrap()
                .read_to_string(&mut s)
                .unwrap();
            s
        })
    };
    let child = bin()
        .arg("--store")
        .arg(&store)
        .args(["export", "--format", "ntriples", "-o"])
        .arg(&fifo)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = wait_bounded(child, Duration::from_secs(60), "export to a FIFO");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let got = reader.join().unwrap();
    assert!(got.lines().count() > 1000, "{} lines", got.lines().count());
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo(),
        "the FIFO is still a FIFO"
    );

    let real = dir.path().join("real.ttl");
    let link = dir.path().join("link.ttl");
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = run(&store, &["export", "-o", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(&real).unwrap();
    assert!(written.starts_with("@prefix"), "{}", &written[..20]);
    let mode = std::fs::metadata(&real).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    // /dev/stdout, a link to /proc/self/fd/1, which is here a pipe without a path.
    let out = run(
        &store,
        &["export", "--format", "ntriples", "-o", "/dev/stdout"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).lines().count() > 1000);

    let out = run(&store, &["export", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is a directory"));
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

/// 2. A folder with two symbolic link loops and a link to a file: the walk ends, and each file
///    is read once.
#[cfg(unix)]
#[test]
fn f2_symlink_loops_end_and_read_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("sub")).unwrap();
    std::fs::copy(corpus("a-res-73-189.txt"), docs.join("sub/doc.txt")).unwrap();
    std::os::unix::fs::symlink("..", docs.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(".", docs.join("self")).unwrap();
    std::os::unix::fs::symlink("sub/doc.txt", docs.join("again.txt")).unwrap();
    let out = run_bounded(
        bin()
            .arg("--store")
            .arg(dir.path().join("s"))
            .arg("extract")
            .arg(&docs),
        Duration::from_secs(60),
        "extract of a looping folder",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("extracted 1 documents"),
        "{}",
        text(&out.stdout)
    );
}

/// The graphs of a dump (N-Quads, one quad a line), each as its sorted lines.
fn graphs_of(nq: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut g: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for line in nq.lines() {
        let name = line
            .trim_end_matches(" .")
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .to_owned();
        g.entry(name).or_default().push(line.to_owned());
    }
    for v in g.values_mut() {
        v.sort();
    }
    g
}

/// 3. A kill at any moment of an extraction (SIGKILL: no handler runs; SIGTERM: the handler
///    exits) leaves every document graph as it was before or as a clean run makes it — never
///    half a document — and a store that opens and answers; the next extraction completes it.
#[cfg(unix)]
#[test]
fn f3_a_killed_writer_leaves_old_or_new_documents() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    // The reference: a clean extraction of the corpus over one document.
    let reference = store_with_one(&dir.path().join("ref"));
    let out = run(&reference, &["extract", corpus_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let new = graphs_of(&dump(&reference));
    let mut outcomes = Vec::new();
    for (signal, delay) in [
        ("KILL", 30),
        ("KILL", 120),
        ("KILL", 400),
        ("TERM", 80),
        ("TERM", 250),
    ] {
        let case = dir.path().join(format!("{signal}{delay}"));
        let store = store_with_one(&case);
        let old = graphs_of(&dump(&store));
        let child = bin()
            .arg("--store")
            .arg(&store)
            .arg("extract")
            .arg(&corpus_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status();
        let out = wait_bounded(child, Duration::from_secs(60), "extract after a signal");
        outcomes.push(format!("{signal}@{delay}ms: {:?}", out.status.code()));
        let now = graphs_of(&dump(&store));
        let mut complete = 0;
        for (g, quads) in &now {
            if new.get(g) == Some(quads) {
                complete += 1;
            } else {
                assert_eq!(
                    old.get(g),
                    Some(quads),
                    "{signal}@{delay}: graph {g} is half-written"
                );
            }
        }
        for g in old.keys() {
            assert!(now.contains_key(g), "{signal}@{delay}: graph {g} was lost");
        }
        outcomes.push(format!("{complete} of {} graphs new", new.len()));
        assert_eq!(leftovers(&case), Vec::<String>::new());
        // The store still takes writes, and the next run completes it.
        let out = run(&store, &["extract", corpus_dir.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            graphs_of(&dump(&store)),
            new,
            "{signal}@{delay}: rerun differs"
        );
    }
    println!("{}", outcomes.join("\n"));
}

/// 4. Two files of the same name in two folders are two documents; the same symbol read from
///    another file replaces the document with a notice; file names that are not UTF-8 do not
///    collapse.
#[test]
fn f4_documents_are_identified_by_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, source) in [("a", "pd2017.txt"), ("b", "pd2017-final-draft.txt")] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        std::fs::copy(corpus(source), dir.path().join(folder).join("notes.txt")).unwrap();
    }
    let store = dir.path().join("s");
    for folder in ["a", "b"] {
        let out = run(
            &store,
            &["extract", dir.path().join(folder).to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let count = |store: &Path| {
        let q = run(
            store,
            &[
                "query",
                "--format",
                "tsv",
                "SELECT (COUNT(?d) AS ?n) { ?d a tip:Document }",
            ],
        );
        text(&q.stdout).lines().nth(1).unwrap_or("").to_owned()
    };
    assert_eq!(count(&store), "2");
    // Extracting folder a again changes nothing.
    run(&store, &["extract", dir.path().join("a").to_str().unwrap()]);
    assert_eq!(count(&store), "2");

    // The same resolution under another name is the same document.
    std::fs::copy(corpus("a-res-73-189.txt"), dir.path().join("copy.txt")).unwrap();
    run(
        &store,
        &["extract", corpus("a-res-73-189.txt").to_str().unwrap()],
    );
    let out = run(
        &store,
        &["extract", dir.path().join("copy.txt").to_str().unwrap()],
    );
    assert!(
        text(&out.stderr).contains("A/RES/73/189 replaces the same document read from"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(count(&store), "3");

    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let names = dir.path().join("names");
        std::fs::create_dir(&names).unwrap();
        for (raw, source) in [
            (&b"r\xe9sum\xe9.txt"[..], "pd2017.txt"),
            (&b"r\xe8sum\xe8.txt"[..], "pd2021-rev3-draft.txt"),
        ] {
            std::fs::copy(corpus(source), names.join(std::ffi::OsStr::from_bytes(raw))).unwrap();
        }
        let s2 = dir.path().join("s2.nq");
        let out = run(&s2, &["extract", names.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(count(&s2), "2");
    }
}

/// 5. A file above --max-size is refused before it is read, with how to raise the limit; the
///    others still go in.
#[test]
fn f5_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "1. The General Assembly urges States.\n".repeat(1000)).unwrap();
    let out = run(
        &dir.path().join("s"),
        &[
            "extract",
            "--max-size",
            "20K",
            big.to_str().unwrap(),
            corpus("pd2017.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("big.txt") && err.contains("--max-size"),
        "{err}"
    );
    assert!(text(&out.stdout).starts_with("extracted 1 documents"));
    let out = run(
        &dir.path().join("s"),
        &["extract", "--max-size", "lots", "x"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a size"));
}

/// 6. Invalid UTF-8 in the middle of a UTF-8 file is replaced where it is, with its offset;
///    UTF-16 with a byte-order mark and HTML are read; a PDF named .txt is read as a PDF by
///    content (here a broken one: named as a damaged PDF).
#[test]
fn f6_decoding() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "The General Assembly,\n\n1. \u{201c}Urges\u{201d} Member States to act;\n\n\
               2. Requests the United Nations Office on Drugs and Crime to report.\n";
    let mut bad = doc.as_bytes().to_vec();
    let at = doc.find("Member").unwrap();
    bad.insert(at, 0xff);
    std::fs::write(dir.path().join("mixed.txt"), &bad).unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    for u in doc.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    std::fs::write(dir.path().join("utf16.txt"), utf16).unwrap();
    let html = format!(
        "<!DOCTYPE html><html><head><title>t</title><style>p{{}}</style></head><body>{}</body></html>",
        doc.split("\n\n")
            .map(|p| format!("<p>{}</p>", p.replace('\u{201c}', "&ldquo;")))
            .collect::<String>()
    );
    std::fs::write(dir.path().join("page.html"), html).unwrap();
    std::fs::write(
        dir.path().join("report.txt"),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    )
    .unwrap();
    let store = dir.path().join("s");
    let out = run(&store, &["extract", dir.path().to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "1 invalid UTF-8 sequence replaced with U+FFFD, at byte {at}"
        )),
        "{err}"
    );
    assert!(err.contains("report.txt: a damaged PDF"), "{err}");
    assert!(!err.contains("utf16.txt"), "{err}");
    assert!(text(&out.stdout).starts_with("extracted 3 documents"));
    // Each of the three gives the UNODC request; in the mixed file the quotes survived (as the
    // normalised text writes them) and U+FFFD stands where the bad byte was.
    let q = run(
        &store,
        &[
            "query",
            "--format",
            "tsv",
            "SELECT ?f WHERE { ?v tip:verb tip:requests ; tip:addressee id:unodc ; tip:inDocument ?d . \
             ?d tip:sourceFile ?f } ORDER BY ?f",
        ],
    );
    assert_eq!(
        text(&q.stdout),
        "?f\n\"mixed.txt\"\n\"page.html\"\n\"utf16.txt\"\n"
    );
    let q = run(
        &store,
        &[
            "query",
            "--format",
            "tsv",
            "ASK { ?p tip:text ?t FILTER(CONTAINS(?t, \"\\\"Urges\\\" \u{fffd}Member\")) }",
        ],
    );
    assert_eq!(text(&q.stdout).trim(), "true");
}

/// The number a one-row SPARQL `COUNT` query gives, run by the binary.
fn count(store: &Path, q: &str) -> u64 {
    let out = run(store, &["query", "--format", "tsv", q]);
    assert!(out.status.success(), "{q}: {}", text(&out.stderr));
    let line = text(&out.stdout)
        .lines()
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    line.trim_matches('"')
        .split('"')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{q}: {line}"))
}

/// 7. `stats` gives the same counts as the equivalent SPARQL, after documents were added in
///    bulk, one replaced and one removed (its counts come from per-graph summaries written with
///    the graphs, which must follow every change). Its time on a large store is in the
///    benchmark.
#[test]
fn f7_stats_counts_match_sparql() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let corpus_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    run(&store, &["extract", corpus_dir.to_str().unwrap()]);
    // Replaced in its own transaction, and removed.
    let again = run(
        &store,
        &["extract", corpus_dir.join("pd2017.txt").to_str().unwrap()],
    );
    assert!(again.status.success(), "{}", text(&again.stderr));
    let removed = run(&store, &["remove", "pd2021-rev3-draft"]);
    assert!(removed.status.success(), "{}", text(&removed.stderr));
    let json = run(&store, &["stats", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let sparql = |q: &str| count(&store, q);
    // The summaries' own graph is bookkeeping, not content.
    let content = "FILTER(?g != <https://w3id.org/tipkg/store#summaries>)";
    assert_eq!(
        stats["triples"].as_u64().unwrap(),
        sparql(&format!(
            "SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?s ?p ?o {{ GRAPH ?g {{ ?s ?p ?o }} {content} }} }}"
        ))
    );
    assert_eq!(
        stats["graphs"].as_u64().unwrap(),
        sparql(&format!(
            "SELECT (COUNT(DISTINCT ?g) AS ?n) {{ GRAPH ?g {{ ?s ?p ?o }} {content} }}"
        ))
    );
    assert_eq!(
        stats["quads"].as_u64().unwrap(),
        sparql(&format!(
            "SELECT (COUNT(*) AS ?n) {{ GRAPH ?g {{ ?s ?p ?o }} {content} }}"
        ))
    );
    for (field, class) in [
        ("documents", "Document"),
        ("paragraphs", "Paragraph"),
        ("provisions", "Provision"),
    ] {
        assert_eq!(
            stats[field].as_u64().unwrap(),
            sparql(&format!(
                "SELECT (COUNT(DISTINCT ?x) AS ?n) {{ ?x a tip:{class} }}"
            )),
            "{field}"
        );
    }
    let per_doc: u64 = stats["per_document"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["provisions"].as_u64().unwrap())
        .sum();
    assert_eq!(per_doc, stats["provisions"].as_u64().unwrap());
    assert!(
        !stats["per_document"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["file"] == "pd2021-rev3-draft.txt"),
        "the removed document is gone from the summaries"
    );
}

/// 8. A runaway query stops at --timeout or --max-memory with a message (exit 2); a writer
///    waiting for the lock says so and gives up at --lock-timeout.
#[test]
fn f8_runaway_queries_and_lock_waits_end() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_one(dir.path());
    let runaway = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a";
    for (flag, value, says) in [
        ("--timeout", "1", "stopped after 1 s"),
        ("--max-memory", "300M", "--max-memory"),
    ] {
        let out = run_bounded(
            bin()
                .arg("--store")
                .arg(&store)
                .args(["query", flag, value, runaway]),
            Duration::from_secs(120),
            flag,
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).contains(says), "{}", text(&out.stderr));
    }

    // Another writer holds the lock.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.path().join("s.lock"))
        .unwrap();
    lock.lock().unwrap();
    let out = run_bounded(
        bin()
            .arg("--store")
            .arg(&store)
            .args(["--lock-timeout", "2", "extract"])
            .arg(corpus("pd2017.txt")),
        Duration::from_secs(60),
        "a writer waiting for the lock",
    );
    drop(lock);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("waiting for another tipkg process"), "{err}");
    assert!(err.contains("gave up after 2 s"), "{err}");
}

/// 9. Messages say each cause once; SPARQL errors say where and what to do; a parameter that
///    matches nothing is an error with the closest names, and a document's bare name works.
#[test]
fn f9_messages() {
    let dir = tempfile::tempdir().unwrap();
    let missing = run(&dir.path().join("none.nq"), &["stats"]);
    let err = text(&missing.stderr);
    assert_eq!(err.matches("no such store").count(), 1, "{err}");
    let as_dir = run(dir.path(), &["stats"]);
    let err = text(&as_dir.stderr);
    assert_eq!(err.matches("directory").count(), 1, "{err}");

    let store = dir.path().join("s");
    let corpus_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    run(&store, &["extract", corpus_dir.to_str().unwrap()]);
    let selec = run(&store, &["query", "SELEC ?s WHERE { ?s ?p ?o }"]);
    assert!(
        text(&selec.stderr).contains("line 1, column 1: \"SELEC\" is not a query form"),
        "{}",
        text(&selec.stderr)
    );
    assert!(text(&selec.stderr).contains("did you mean SELECT?"));
    let insert = run(&store, &["query", "INSERT DATA { <a:b> <a:b> <a:b> }"]);
    assert!(
        text(&insert.stderr).contains("read-only queries")
            && text(&insert.stderr).contains("tipkg remove"),
        "{}",
        text(&insert.stderr)
    );
    let undoc = run(
        &store,
        &["query", "-n", "mandates-to-entity", "-p", "entity=UNDOC"],
    );
    assert_eq!(undoc.status.code(), Some(2));
    assert!(
        text(&undoc.stderr).contains("did you mean UNODC"),
        "{}",
        text(&undoc.stderr)
    );
    let bare = run(
        &store,
        &[
            "query",
            "-n",
            "mandates-not-in",
            "--format",
            "tsv",
            "-p",
            "in=pd2021-rev3-draft",
            "-p",
            "notIn=a-res-76-7",
        ],
    );
    assert_eq!(bare.status.code(), Some(0), "{}", text(&bare.stderr));
    assert!(text(&bare.stdout).lines().count() > 1);
    let typo = run(
        &store,
        &[
            "query",
            "-n",
            "mandates-not-in",
            "-p",
            "in=doc:pd2021-rev3-drat",
        ],
    );
    assert!(
        text(&typo.stderr).contains("did you mean pd2021-rev3-draft?"),
        "{}",
        text(&typo.stderr)
    );
}

/// 10. A file named like the store's own graphs (the vocabulary, the registry) is a document
///     like any other: it gets another name, and those graphs stay whole.
#[test]
fn f10_a_file_named_like_a_reserved_graph_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let count = |q: &str| count(&store, q);
    let in_graph = |name: &str, pattern: &str| {
        format!(
            "SELECT (COUNT(*) AS ?n) {{ GRAPH ?g {{ {pattern} }} \
             FILTER(STRENDS(STR(?g), \"/graph/{name}\")) }}"
        )
    };
    run(&store, &["extract", corpus("pd2017.txt").to_str().unwrap()]);
    let keys = count(&in_graph("registry", "?e tip:key ?k"));
    let classes = count(&in_graph("ontology", "?c a owl:Class"));
    assert!(keys > 10 && classes > 10, "{keys} {classes}");
    // No symbol: the file name would be the document's name.
    for name in ["registry.txt", "ontology.txt"] {
        let f = dir.path().join(name);
        std::fs::write(
            &f,
            "The General Assembly,\n\n1. Urges States to ratify the Protocol;\n",
        )
        .unwrap();
        let out = run(&store, &["extract", f.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    assert_eq!(count(&in_graph("registry", "?e tip:key ?k")), keys);
    assert_eq!(count(&in_graph("ontology", "?c a owl:Class")), classes);
    assert_eq!(
        count("SELECT (COUNT(*) AS ?n) { ?d a tip:Document }"),
        3,
        "both files are documents"
    );
}
