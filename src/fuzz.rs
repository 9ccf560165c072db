//! Mutation fuzzing of the whole pipeline (decode → segment → recognise → extract → RDF), shared
//! by the property suite `tests/fuzz.rs` (proptest, bounded, in CI) and the driver
//! `src/bin/tipkg-fuzz.rs` (long runs with a hang watchdog and a scaling check).
//!
//! It lives in the library, not in a file both include, so that both use one copy compiled
//! once, and so that it needs no random-number crate: a [`Mutation`] is an operation number and
//! a 64-bit argument from which the operation draws its own choices ([`Rng`]). proptest
//! generates (and shrinks) lists of them; the driver draws them from a seeded [`Rng`].
//!
//! Not part of the tool's interface: hidden from the docs, free to change.

use std::path::Path;

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::Quad;

use crate::model::{Extraction, Place, Span, Text};
use crate::rdf::Iris;
use crate::registry::Registry;

/// Inputs are cut to this many bytes after each mutation.
pub const MAX_LEN: usize = 4 << 20;

/// A small deterministic random-number generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A number below `usual`, or one time in `odds` below `rare`.
    pub fn mostly_below(&mut self, usual: usize, rare: usize, odds: usize) -> usize {
        let n = if self.one_in(odds) { rare } else { usual };
        self.below(n)
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A seed document: a file name (its extension is kept) and its bytes.
#[derive(Debug, Clone)]
pub struct Seed {
    /// The file name it came from.
    pub name: String,
    /// Its bytes, as on disk.
    pub bytes: Vec<u8>,
}

/// The seed corpus, in a fixed order: every `stride`-th file of `../shared/wild/ga-pdf-text`
/// and every `stride/4`-th of `../shared/wild/ga-80` (relative to `root`, the crate folder;
/// skipped when absent), then tipkg's own `corpus/` and `tests/data/real/docs/`.
pub fn seeds(root: &Path, stride: usize) -> Vec<Seed> {
    let stride = stride.max(1);
    let wild = root.join("../shared/wild");
    let mut out = every(&wild.join("ga-pdf-text"), stride);
    out.extend(every(&wild.join("ga-80"), stride.div_ceil(4)));
    out.extend(every(&root.join("corpus"), 1));
    out.extend(every(&root.join("tests/data/real/docs"), 1));
    out
}

/// Every `stride`-th `.txt` / `.md` file of a folder (README excepted), by name.
fn every(dir: &Path, stride: usize) -> Vec<Seed> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            let stem = p.file_stem().and_then(|e| e.to_str()).unwrap_or("");
            matches!(ext, "txt" | "md") && !stem.eq_ignore_ascii_case("readme")
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .step_by(stride)
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some(Seed { name, bytes })
        })
        .collect()
}

/// One mutation: operation `op` (taken modulo [`OPS`]), its choices drawn from `arg`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mutation {
    /// Which operation.
    pub op: u8,
    /// The seed of its choices (position, length, which marker …).
    pub arg: u64,
}

/// The number of mutation operations.
pub const OPS: u8 = 22;

/// Names of the operations, by number (for reports).
pub const OP_NAMES: [&str; OPS as usize] = [
    "flip-byte",
    "insert-byte",
    "delete-bytes",
    "duplicate-line",
    "delete-lines",
    "shuffle-lines",
    "splice",
    "paragraph-marker",
    "footnote-marker",
    "page-furniture",
    "long-line",
    "numbered-paragraphs",
    "deep-nesting",
    "markdown",
    "line-ends",
    "unicode",
    "respace",
    "truncate",
    "phrase",
    "hyphenate",
    "whitespace",
    "bom",
];

impl Mutation {
    /// A random mutation.
    pub fn random(rng: &mut Rng) -> Self {
        Self {
            op: rng.below(OPS as usize) as u8,
            arg: rng.next_u64(),
        }
    }

    /// The operation's name.
    pub fn name(self) -> &'static str {
        OP_NAMES[(self.op % OPS) as usize]
    }
}

/// Applies `muts` in order to a copy of `doc`; `other` is the second document of a splice.
pub fn mutate(doc: &[u8], other: &[u8], muts: &[Mutation]) -> Vec<u8> {
    let mut buf = doc.to_vec();
    for &m in muts {
        apply(&mut buf, other, m);
        buf.truncate(MAX_LEN);
    }
    buf
}

const PARAGRAPH_MARKERS: &[&str] = &[
    "1. ",
    "(a) ",
    "(iv) ",
    "PP3 ",
    "4 bis. ",
    "12.\t",
    "(b)",
    "7 ter. ",
    "a) ",
    "ii. ",
    "(xviii) ",
    "(z) ",
    "(aa) ",
    "0. ",
    "99999999999999999999999. ",
    "1.",
    "OP 5. ",
    "PP12 ",
    "10 quinquies. ",
    "(A) ",
    "1.1 ",
];

const FOOTNOTE_MARKERS: &[&str] = &[
    "¹",
    "²³",
    "⁴⁵⁶",
    "1/",
    "12/",
    "[^1]",
    "[^note]",
    "<sup>2</sup>",
    "<sup>",
    "\n[^1]: See resolution 55/25, annex I.\n",
    "\n1 A/RES/70/1.\n",
    "\n__________________\n1 Official Records of the General Assembly, Seventy-ninth Session, Supplement No. 49 (A/79/49), vol. I.\n2 United Nations, Treaty Series, vol. 2237, No. 39574.\n",
    "\n_______________\n",
    "*",
];

const FURNITURE: &[&str] = &[
    "A/RES/79/1",
    "24-12345",
    "2/5",
    "\x0c",
    "A/C.3/78/L.12/Rev.1",
    "24-12345 (E) 051224",
    "*2412345*",
    "Page 3",
    "United Nations A/RES/80/1",
    "General Assembly Distr.: General",
    "17 December 2024",
    "Seventy-ninth session",
    "Agenda item 71",
    "Resolution adopted by the General Assembly on 17 December 2024",
    "[on the report of the Third Committee (A/79/459)]",
    "79/1. Trafficking in persons",
    "Please recycle",
];

const MARKDOWN: &[&str] = &[
    "# ",
    "## ",
    "###### ",
    "> ",
    "> > ",
    "| a | b |\n|---|---|\n| ",
    "|",
    "**",
    "* ",
    "- ",
    "```\n",
    "---\n",
    "---\ntitle: x\n---\n",
    "[link](http://example.org/x) ",
    "<sup>1</sup>",
    "\\",
    "_",
    "***",
    "<!-- comment -->",
    "    ",
    "1) ",
    "![img](x.png)",
];

const UNICODE: &[&str] = &[
    "\u{0301}",
    "e\u{0301}\u{0327}\u{0308}",
    "\u{202E}",
    "\u{200F}",
    "\u{202B}abc\u{202C}",
    "الأمم المتحدة",
    "עברית",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{00A0}",
    "\u{202F}",
    "\u{2009}",
    "ﬁ",
    "ﬂ",
    "ﬃ",
    "\u{00AD}",
    "👩\u{200D}👩\u{200D}👧",
    "\u{1F1FA}\u{1F1F3}",
    "İ",
    "ß",
    "ǅ",
    "\u{2028}",
    "\u{2029}",
    "\u{0085}",
    "“",
    "”",
    "’",
    "–",
    "—",
    "…",
    "\u{FFFD}",
    "中文",
    "Ａ/ＲＥＳ/７９/１",
    "\u{10FFFF}",
];

const SPACES: &[&str] = &["\u{00A0}", "\u{2009}", "\u{3000}", "\t", "  ", "\u{202F}"];

const PHRASES: &[&str] = &[
    "Urges Member States to ",
    "Requests the Secretary-General to submit a report ",
    "the United Nations Office on Drugs and Crime (UNODC)",
    "Recalling its resolution 64/293 of 30 July 2010, ",
    "the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children",
    "It ",
    "the Office ",
    "A/RES/64/293",
    "UNTS 2237, p. 319",
    "Decides to include in the provisional agenda of its eighty-first session the item ",
    "The General Assembly,",
    "We, Heads of State and Government, ",
    "Welcoming ",
    "Taking note with appreciation of ",
    "strongly encourages ",
    "the Inter-Agency Coordination Group against Trafficking in Persons",
    "the Convention on ",
    "and its Optional Protocol ",
    "(resolution 55/25, annex II)",
    "E/CN.15/2024/L.3/Rev.1",
    "Adopted at the 52nd plenary meeting, 17 December 2024",
    "Sponsors: Belarus, Philippines, Qatar",
    "its ",
    "they ",
];

const LINE_TEXT: &[&str] = &[
    "Urges States to take measures",
    "Requests the Secretary-General to report",
    "Calls upon all Member States, the United Nations Office on Drugs and Crime and other relevant organizations",
    "Decides to remain seized of the matter",
    "",
    "Recalling its resolution 58/137 of 22 December 2003,",
];

/// Line ranges (each with its `\n`, if any).
fn lines(buf: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in buf.iter().enumerate() {
        if b == b'\n' {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < buf.len() {
        out.push((start, buf.len()));
    }
    out
}

/// A random line start (or 0 / the end).
fn line_start(buf: &[u8], r: &mut Rng) -> usize {
    let ls = lines(buf);
    if ls.is_empty() || r.one_in(16) {
        return if r.one_in(2) { 0 } else { buf.len() };
    }
    r.pick(&ls).0
}

/// A random position, on a UTF-8 boundary three times in four.
fn position(buf: &[u8], r: &mut Rng) -> usize {
    let mut i = r.below(buf.len() + 1);
    if !r.one_in(4) {
        let floor = i.saturating_sub(3);
        while i > floor && i < buf.len() && (buf[i] & 0xC0) == 0x80 {
            i -= 1;
        }
    }
    i
}

fn insert(buf: &mut Vec<u8>, at: usize, s: &[u8]) {
    let at = at.min(buf.len());
    buf.splice(at..at, s.iter().copied());
}

/// Bytes left under [`MAX_LEN`].
fn room(buf: &[u8]) -> usize {
    MAX_LEN.saturating_sub(buf.len())
}

fn apply(buf: &mut Vec<u8>, other: &[u8], m: Mutation) {
    let mut r = Rng::new(m.arg);
    let len = buf.len();
    match m.op % OPS {
        0 => {
            if len > 0 {
                let i = r.below(len);
                buf[i] ^= (r.next_u64() as u8) | 1;
            }
        }
        1 => {
            let b = if r.one_in(2) {
                *r.pick(&[
                    0u8, 0xFF, 0x80, 0xC3, 0xE2, 0xF0, 0x0C, b'\r', b'\n', 0x1B, 0x7F,
                ])
            } else {
                r.next_u64() as u8
            };
            let at = r.below(len + 1);
            insert(buf, at, &[b]);
        }
        2 => {
            let at = r.below(len);
            let n = 1 + r.mostly_below(16, 2000, 4);
            buf.drain(at.min(len)..(at + n).min(len));
        }
        3 => {
            let ls = lines(buf);
            if !ls.is_empty() {
                let (s, e) = *r.pick(&ls);
                let line = buf[s..e].to_vec();
                let k = 1 + r.mostly_below(3, 200, 8);
                let mut rep = Vec::new();
                for _ in 0..k {
                    rep.extend_from_slice(&line);
                    if !line.ends_with(b"\n") {
                        rep.push(b'\n');
                    }
                }
                insert(buf, e, &rep);
            }
        }
        4 => {
            let ls = lines(buf);
            if !ls.is_empty() {
                let i = r.below(ls.len());
                let j = (i + 1 + r.mostly_below(3, 50, 4)).min(ls.len());
                buf.drain(ls[i].0..ls[j - 1].1);
            }
        }
        5 => {
            let ls = lines(buf);
            if ls.len() > 1 {
                let i = r.below(ls.len() - 1);
                let j = (i + 2 + r.below(15)).min(ls.len());
                let mut window: Vec<Vec<u8>> = ls[i..j]
                    .iter()
                    .map(|&(s, e)| {
                        let mut l = buf[s..e].to_vec();
                        if !l.ends_with(b"\n") {
                            l.push(b'\n');
                        }
                        l
                    })
                    .collect();
                for k in (1..window.len()).rev() {
                    window.swap(k, r.below(k + 1));
                }
                let joined: Vec<u8> = window.concat();
                buf.splice(ls[i].0..ls[j - 1].1, joined);
            }
        }
        6 => {
            let b = r.below(other.len() + 1);
            if r.one_in(2) {
                // Head of this one, tail of the other.
                let a = r.below(len + 1);
                buf.truncate(a);
                buf.extend_from_slice(&other[b..]);
            } else {
                // A chunk of the other in the middle.
                let e = (b + r.below(20_000)).min(other.len());
                let at = line_start(buf, &mut r);
                insert(buf, at, &other[b..e]);
            }
        }
        7 => {
            let mark = r.pick(PARAGRAPH_MARKERS).to_owned();
            let at = line_start(buf, &mut r);
            insert(buf, at, mark.as_bytes());
        }
        8 => {
            let mark = *r.pick(FOOTNOTE_MARKERS);
            let at = position(buf, &mut r);
            insert(buf, at, mark.as_bytes());
        }
        9 => {
            let line = format!("{}\n", r.pick(FURNITURE));
            let at = line_start(buf, &mut r);
            insert(buf, at, line.as_bytes());
        }
        10 => {
            let n = (1000 + r.below(200_000)).min(room(buf));
            let piece: Vec<u8> = match r.below(3) {
                0 => b"x".to_vec(),
                1 => r.pick(PHRASES).as_bytes().to_vec(),
                _ => {
                    let s = r.below(len);
                    let e = (s + 1 + r.below(80)).min(len);
                    buf[s.min(e)..e]
                        .iter()
                        .copied()
                        .filter(|&b| b != b'\n')
                        .collect()
                }
            };
            if !piece.is_empty() {
                let mut long: Vec<u8> = piece.iter().copied().cycle().take(n).collect();
                long.push(b'\n');
                let at = line_start(buf, &mut r);
                insert(buf, at, &long);
            }
        }
        11 => {
            let n = 100 + r.below(3000);
            let style = r.below(6);
            let text = *r.pick(LINE_TEXT);
            let sep = if r.one_in(3) { "\n\n" } else { "\n" };
            let mut out = String::new();
            for k in 1..=n {
                let mark = match style {
                    0 => format!("{k}."),
                    1 => "1.".to_owned(),
                    2 => format!("{}.", r.below(n) + 1),
                    3 => format!("PP{k}"),
                    4 => format!("{} bis.", k),
                    _ => format!("({})", letters(k)),
                };
                out.push_str(&format!("{mark} {text} {k};{sep}"));
                if out.len() > room(buf) {
                    break;
                }
            }
            let at = line_start(buf, &mut r);
            insert(buf, at, out.as_bytes());
        }
        12 => {
            let depth = 5 + r.below(300);
            let quote = r.one_in(4);
            let mut out = String::new();
            for level in 0..depth {
                let mark = match level % 4 {
                    0 => format!("{}.", level / 4 + 1),
                    1 => format!("({})", letters(level / 4 + 1)),
                    2 => format!("({})", roman(level / 4 + 1)),
                    _ => format!("{}.", letters(level / 4 + 1)),
                };
                let indent = if quote {
                    "> ".repeat(level.min(200))
                } else {
                    " ".repeat((2 * level).min(400))
                };
                out.push_str(&format!(
                    "{indent}{mark} Requests the Office to act {level}\n"
                ));
            }
            let at = line_start(buf, &mut r);
            insert(buf, at, out.as_bytes());
        }
        13 => {
            let s = *r.pick(MARKDOWN);
            let at = if r.one_in(3) {
                position(buf, &mut r)
            } else {
                line_start(buf, &mut r)
            };
            insert(buf, at, s.as_bytes());
        }
        14 => {
            let (s, e) = if r.one_in(2) {
                (0, len)
            } else {
                let s = r.below(len + 1);
                (s, (s + r.below(5000)).min(len))
            };
            let region = &buf[s..e];
            let new: Vec<u8> = match r.below(3) {
                0 => region
                    .iter()
                    .flat_map(|&b| {
                        if b == b'\n' {
                            vec![b'\r', b'\n']
                        } else {
                            vec![b]
                        }
                    })
                    .collect(),
                1 => region
                    .iter()
                    .map(|&b| if b == b'\n' { b'\r' } else { b })
                    .collect(),
                _ => region.iter().copied().filter(|&b| b != b'\r').collect(),
            };
            buf.splice(s..e, new);
        }
        15 => {
            let s = *r.pick(UNICODE);
            let at = position(buf, &mut r);
            insert(buf, at, s.as_bytes());
        }
        16 => {
            let sp = r.pick(SPACES).as_bytes();
            let s = r.below(len + 1);
            let e = (s + r.below(3000)).min(len);
            let new: Vec<u8> = buf[s..e]
                .iter()
                .flat_map(|&b| if b == b' ' { sp.to_vec() } else { vec![b] })
                .collect();
            buf.splice(s..e, new);
        }
        17 => {
            let at = r.below(len + 1);
            buf.truncate(at);
        }
        18 => {
            let s = *r.pick(PHRASES);
            let at = position(buf, &mut r);
            insert(buf, at, s.as_bytes());
        }
        19 => {
            let at = r.below(len + 1);
            let end = (at + 200).min(len);
            if let Some(i) = buf[at..end].iter().position(u8::is_ascii_alphabetic) {
                let s = *r.pick(&["-\n", "\u{00AD}", "- \n", "-\r\n"]);
                insert(buf, at + i + 1, s.as_bytes());
            }
        }
        20 => {
            let unit = *r.pick(&[" ", "\t", "\n", "\n\n", "\r\n", "\x0c", " \n"]);
            let n = 1 + r.mostly_below(10, 5000, 8);
            let s = unit.repeat(n);
            let at = position(buf, &mut r);
            insert(buf, at, s.as_bytes());
        }
        _ => {
            let bom: &[u8] = if r.one_in(2) {
                b"\xEF\xBB\xBF"
            } else {
                b"\xFF\xFE"
            };
            let at = if r.one_in(2) {
                0
            } else {
                position(buf, &mut r)
            };
            insert(buf, at, bom);
        }
    }
}

/// `a`, `b`, …, `z`, `aa`, `ab`, … for 1, 2, ….
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// Lower-case roman numeral of `n` (up to 3999).
fn roman(mut n: usize) -> String {
    const R: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// What [`check`] saw of one input.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Whether [`crate::read::decode`] accepted it.
    pub decoded: bool,
    /// Paragraphs found.
    pub paragraphs: usize,
    /// Quads built.
    pub quads: usize,
}

/// Runs the pipeline on `bytes` as the file `path` (its extension selects Markdown) and checks
/// the properties: spans within the source and on char boundaries, paragraphs in document
/// order, quads that serialize to N-Quads and parse back to as many, and a second run that
/// gives the same output. A decoding error is a legitimate outcome; a violated property is an
/// `Err` saying which. Panics are the caller's to catch.
pub fn check(path: &Path, bytes: &[u8], registry: &Registry) -> Result<Outcome, String> {
    let Ok(source) = crate::read::decode(path, bytes) else {
        return Ok(Outcome::default());
    };
    let x = crate::pipeline::process(source.clone(), registry);
    check_extraction(&x)?;
    let iris = Iris::default();
    let quads = crate::rdf::build(&x, registry, &iris);
    let nq = nquads(&quads)?;
    let mut back = 0;
    for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(&nq) {
        q.map_err(|e| format!("N-Quads do not parse back: {e}"))?;
        back += 1;
    }
    if back != quads.len() {
        return Err(format!(
            "{} quads serialized, {back} parsed back",
            quads.len()
        ));
    }
    let y = crate::pipeline::process(source, registry);
    if y.segmented != x.segmented {
        return Err("not deterministic: segmentation differs on a second run".into());
    }
    if y.recognised != x.recognised {
        return Err("not deterministic: recognition differs on a second run".into());
    }
    if y.extracted != x.extracted || y.warnings != x.warnings {
        return Err("not deterministic: extraction differs on a second run".into());
    }
    if nquads(&crate::rdf::build(&y, registry, &iris))? != nq {
        return Err("not deterministic: the quads differ on a second run".into());
    }
    Ok(Outcome {
        decoded: true,
        paragraphs: x.segmented.paragraphs.len(),
        quads: quads.len(),
    })
}

fn nquads(quads: &[Quad]) -> Result<Vec<u8>, String> {
    let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for q in quads {
        w.serialize_quad(q)
            .map_err(|e| format!("quad does not serialize: {e}: {q}"))?;
    }
    w.finish()
        .map_err(|e| format!("N-Quads do not finish: {e}"))
}

/// Checks every span and range the extraction exposes, and the order of the paragraphs.
pub fn check_extraction(x: &Extraction) -> Result<(), String> {
    let src = x.source.text.as_str();
    let span = |what: &dyn std::fmt::Display, s: &Span| -> Result<(), String> {
        match src.get(s.clone()) {
            Some(_) => Ok(()),
            None => Err(format!(
                "{what}: span {s:?} is not a char-aligned range of the {}-byte source",
                src.len()
            )),
        }
    };
    let text = |what: &dyn std::fmt::Display, t: &Text| -> Result<(), String> {
        span(what, &t.span())?;
        for (i, c) in t.text.char_indices() {
            span(
                &format_args!("{what}, char {i}"),
                &t.source_span(i..i + c.len_utf8()),
            )?;
        }
        Ok(())
    };
    let ps = &x.segmented.paragraphs;
    let mut last = 0;
    for (i, p) in ps.iter().enumerate() {
        if p.index != i {
            return Err(format!("paragraph {i} has index {}", p.index));
        }
        text(&format_args!("paragraph {i}"), &p.text)?;
        if !p.text.is_empty() {
            let start = p.text.span().start;
            if start < last {
                return Err(format!(
                    "paragraph {i} starts at byte {start}, before the previous one ({last})"
                ));
            }
            last = start;
        }
        for (k, f) in p.footnotes.iter().enumerate() {
            text(&format_args!("paragraph {i}, footnote {k}"), &f.text)?;
        }
    }
    let place_text = |what: &dyn std::fmt::Display, p: usize, place: Place| {
        let para = ps
            .get(p)
            .ok_or_else(|| format!("{what}: no paragraph {p}"))?;
        match place {
            Place::Body => Ok(&para.text),
            Place::Footnote(k) => para
                .footnotes
                .get(k)
                .map(|f| &f.text)
                .ok_or_else(|| format!("{what}: paragraph {p} has no footnote {k}")),
        }
    };
    for (i, m) in x.recognised.mentions.iter().enumerate() {
        let what = format_args!("mention {i} ({})", m.key);
        let t = place_text(&what, m.paragraph, m.place)?;
        if t.text.get(m.range.clone()).is_none() {
            return Err(format!(
                "{what}: range {:?} is not a char-aligned range of its {}-byte text",
                m.range,
                t.text.len()
            ));
        }
        span(&what, &m.span)?;
    }
    for (i, c) in x.recognised.citations.iter().enumerate() {
        let what = format_args!("citation {i} ({})", c.symbol);
        place_text(&what, c.paragraph, c.place)?;
        span(&what, &c.span)?;
    }
    for (i, p) in x.extracted.provisions.iter().enumerate() {
        let what = format_args!("provision {i} ({})", p.verb);
        place_text(&what, p.paragraph, Place::Body)?;
        span(&what, &p.span)?;
        span(&format_args!("{what}, verb"), &p.verb_span)?;
        if let Some((_, s)) = &p.mandate {
            span(&format_args!("{what}, mandate"), s)?;
        }
    }
    for (i, r) in x.extracted.relations.iter().enumerate() {
        let what = format_args!("relation {i} ({})", r.relation);
        place_text(&what, r.paragraph, Place::Body)?;
        span(&what, &r.span)?;
    }
    for (i, issue) in x.segmented.issues.iter().enumerate() {
        span(
            &format_args!("issue {i} ({})", issue.kind.name()),
            &issue.span,
        )?;
    }
    Ok(())
}
