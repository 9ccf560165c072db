//! Verbs of the speaker: a word tokeniser and the finder of the speaker's acts in a paragraph.
//!
//! The closed verb list of the annotation rules (`urges`, `reaffirms`, `takesNoteOf`, …) is a
//! table of lemmas with their printed forms. An occurrence counts as an act of the speaker by
//! its form and its left context, never by the document it stands in:
//!
//! - in a *declaration* (the speaker says "We") the acts are base forms ("we reaffirm", "and
//!   urge") and participles ("recognizing …"); in a *resolution* (a body speaks in the third
//!   person) they are `-s` forms ("Urges", "and requests") and participles ("Reaffirming");
//! - a form counts at the start of a paragraph, after "we", or coordinated after "and", a comma,
//!   a semicolon or "while" (skipping modifiers such as "also", "further", "strongly", "once
//!   again"); anything else — "our strong support", "its request", "to support", "which
//!   requests", "by recognizing" — is not the speaker's act;
//! - a base form coordinated with an infinitive ("to develop and adopt") is the addressee's act,
//!   but not after a gerund or a noun ("vulnerability to trafficking, and recognize": the
//!   speaker's);
//! - a verb repeated with "re-" ("Re-emphasizes") is that verb;
//! - "we will" is a pledge (`commits`); "take note of", "call upon", "call for", "express
//!   (our deep) concern", "express appreciation", "(deeply) concerned" are multi-word verbs.
//!
//! Verbs outside the list become acts too, in the positions where an act is certain (the first
//! word of a preambular or operative paragraph, the word after "we"), named in lower camel case
//! by a documented scheme: a third-person form as printed (`designates`), a base form with its
//! third-person ending (`evince` → `evinces`), a participle by its stem (`considering` →
//! `considers`), an adjective or past participle with `is` (`Convinced` → `isConvinced`), and
//! a multi-word verb that does not complete to a listed one by its own words ("express our
//! gratitude" → `expressesGratitude`, "express solidarity" → `expresses`). An unlisted name is
//! never one of the list's names ([`is_listed`] decides, for every act), and an unlisted act
//! keeps its verb, text and span but names no addressee or object.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A token of a paragraph: a word or one punctuation character, as a byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// First byte in the paragraph text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// True for a word (letters, digits, inner apostrophes and hyphens).
    pub word: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '/'
}

/// Splits a text into words and punctuation tokens. Emphasis marks (`*`, `_`) and spaces are
/// dropped; a word keeps inner apostrophes, hyphens and slashes (`73/189`, `UN-Women`).
pub fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if is_word_char(c) {
            if word_start.is_none() {
                word_start = Some(i);
            }
            continue;
        }
        if let Some(ws) = word_start.take() {
            push_word(s, ws, i, &mut out);
        }
        if !(c.is_whitespace() || c == '*' || c == '_') {
            out.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                word: false,
            });
        }
    }
    if let Some(ws) = word_start {
        push_word(s, ws, s.len(), &mut out);
    }
    out
}

/// Pushes a word, trimming leading/trailing hyphens, apostrophes and slashes into nothing.
fn push_word(s: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let w = &s[start..end];
    let trimmed = w.trim_matches(['-', '\'', '’', '/']);
    if trimmed.is_empty() {
        return;
    }
    let lead = w.len() - w.trim_start_matches(['-', '\'', '’', '/']).len();
    out.push(Tok {
        start: start + lead,
        end: start + lead + trimmed.len(),
        word: true,
    });
}

/// Who speaks, which decides which verb forms are the speaker's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// "We …": base forms and participles.
    Declaration,
    /// "The General Assembly, …": third-person `-s` forms and participles.
    Resolution,
}

/// The printed form of a verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Base,
    S,
    Ing,
}

/// How a lemma is completed by the words after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// The word alone.
    Simple,
    /// "take note (with appreciation) (of)".
    Take,
    /// "call upon / call on" (`callsUpon`), "call for" (`callsFor`).
    Call,
    /// "express (our deep) concern" / "express appreciation".
    Express,
}

struct Lemma {
    name: &'static str,
    directive: bool,
    shape: Shape,
    /// Base, `-s` and `-ing` forms (several spellings allowed).
    base: &'static [&'static str],
    s: &'static [&'static str],
    ing: &'static [&'static str],
}

macro_rules! lemma {
    ($name:expr, $dir:expr, $shape:expr, [$($b:expr),*], [$($s:expr),*], [$($i:expr),*]) => {
        Lemma { name: $name, directive: $dir, shape: $shape, base: &[$($b),*], s: &[$($s),*], ing: &[$($i),*] }
    };
}

static LEMMAS: &[Lemma] = &[
    lemma!(
        "urges",
        true,
        Shape::Simple,
        ["urge"],
        ["urges"],
        ["urging"]
    ),
    lemma!(
        "invites",
        true,
        Shape::Simple,
        ["invite"],
        ["invites"],
        ["inviting"]
    ),
    lemma!(
        "encourages",
        true,
        Shape::Simple,
        ["encourage"],
        ["encourages"],
        ["encouraging"]
    ),
    lemma!(
        "requests",
        true,
        Shape::Simple,
        ["request"],
        ["requests"],
        ["requesting"]
    ),
    lemma!(
        "callsUpon",
        true,
        Shape::Call,
        ["call"],
        ["calls"],
        ["calling"]
    ),
    lemma!(
        "reaffirms",
        false,
        Shape::Simple,
        ["reaffirm"],
        ["reaffirms"],
        ["reaffirming"]
    ),
    lemma!(
        "recalls",
        false,
        Shape::Simple,
        ["recall"],
        ["recalls"],
        ["recalling"]
    ),
    lemma!(
        "reiterates",
        false,
        Shape::Simple,
        ["reiterate"],
        ["reiterates"],
        ["reiterating"]
    ),
    lemma!(
        "recognizes",
        false,
        Shape::Simple,
        ["recognize", "recognise"],
        ["recognizes", "recognises"],
        ["recognizing", "recognising"]
    ),
    lemma!(
        "acknowledges",
        false,
        Shape::Simple,
        ["acknowledge"],
        ["acknowledges"],
        ["acknowledging"]
    ),
    lemma!(
        "welcomes",
        false,
        Shape::Simple,
        ["welcome"],
        ["welcomes"],
        ["welcoming"]
    ),
    lemma!(
        "takesNoteOf",
        false,
        Shape::Take,
        ["take"],
        ["takes"],
        ["taking"]
    ),
    lemma!(
        "notes",
        false,
        Shape::Simple,
        ["note"],
        ["notes"],
        ["noting"]
    ),
    lemma!(
        "expressesConcern",
        false,
        Shape::Express,
        ["express"],
        ["expresses"],
        ["expressing"]
    ),
    lemma!(
        "condemns",
        false,
        Shape::Simple,
        ["condemn"],
        ["condemns"],
        ["condemning"]
    ),
    lemma!(
        "commits",
        false,
        Shape::Simple,
        ["commit"],
        ["commits"],
        ["committing"]
    ),
    lemma!(
        "stresses",
        false,
        Shape::Simple,
        ["stress"],
        ["stresses"],
        ["stressing"]
    ),
    lemma!(
        "emphasizes",
        false,
        Shape::Simple,
        ["emphasize", "emphasise"],
        ["emphasizes", "emphasises"],
        ["emphasizing", "emphasising"]
    ),
    lemma!(
        "underlines",
        false,
        Shape::Simple,
        ["underline"],
        ["underlines"],
        ["underlining"]
    ),
    lemma!(
        "affirms",
        false,
        Shape::Simple,
        ["affirm"],
        ["affirms"],
        ["affirming"]
    ),
    lemma!(
        "decides",
        false,
        Shape::Simple,
        ["decide"],
        ["decides"],
        ["deciding"]
    ),
    lemma!(
        "adopts",
        false,
        Shape::Simple,
        ["adopt"],
        ["adopts"],
        ["adopting"]
    ),
    lemma!(
        "supports",
        false,
        Shape::Simple,
        ["support"],
        ["supports"],
        ["supporting"]
    ),
    lemma!(
        "commends",
        false,
        Shape::Simple,
        ["commend"],
        ["commends"],
        ["commending"]
    ),
    lemma!(
        "appreciates",
        false,
        Shape::Simple,
        ["appreciate"],
        ["appreciates"],
        ["appreciating"]
    ),
];

/// Printed form (lower case) → (lemma index, form).
static FORMS: LazyLock<HashMap<&'static str, (usize, Form)>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for (i, l) in LEMMAS.iter().enumerate() {
        for b in l.base {
            m.insert(*b, (i, Form::Base));
        }
        for s in l.s {
            m.insert(*s, (i, Form::S));
        }
        for g in l.ing {
            m.insert(*g, (i, Form::Ing));
        }
    }
    m
});

/// Words that modify a verb without changing it ("also reaffirm", "strongly urge").
const MODIFIERS: &[&str] = &[
    "also",
    "further",
    "strongly",
    "once",
    "again",
    "hereby",
    "therefore",
    "furthermore",
    "moreover",
    "firmly",
    "fully",
    "duly",
    "equally",
    "still",
    "deeply",
    "gravely",
    "seriously",
    "particularly",
    "extremely",
    "very",
    "most",
    "thus",
    "unequivocally",
    "resolutely",
];

/// Words that, at the start of a preambular paragraph, are an adjective of attitude.
const ATTITUDES: &[&str] = &[
    "mindful",
    "aware",
    "conscious",
    "cognizant",
    "cognisant",
    "determined",
    "resolved",
    "desirous",
];

/// Words after "we" that are not the verb of an act of their own.
/// Third-person verbs of a resolution's speaker outside the closed list, read as acts when
/// coordinated after another act of the speaker.
const COORDINATED_UNLISTED: &[&str] = &[
    "appeals",
    "reminds",
    "recommends",
    "highlights",
    "underscores",
    "deplores",
    "demands",
    "insists",
    "approves",
    "endorses",
    "pledges",
    "declares",
    "proclaims",
    "designates",
    "resolves",
];

const NOT_ACTS: &[&str] = &[
    "will",
    "shall",
    "are",
    "have",
    "had",
    "were",
    "was",
    "would",
    "should",
    "must",
    "can",
    "could",
    "may",
    "might",
    "do",
    "did",
    "also",
    "the",
    "all",
    "ourselves",
    "as",
    "and",
    "who",
    "further",
    "need",
    "to",
    "in",
    "at",
    "remain",
    "is",
    "be",
    "being",
];

fn eq(s: &str, w: &str) -> bool {
    s.eq_ignore_ascii_case(w)
}

fn is_modifier(w: &str) -> bool {
    MODIFIERS.iter().any(|m| eq(w, m))
}

/// An act of the speaker found in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Act {
    /// The verb's local name (`urges`, or an unlisted verb's own name).
    pub name: String,
    /// True for a directive verb (its key is the addressee).
    pub directive: bool,
    /// True when the verb is in the closed list.
    pub listed: bool,
    /// Index of the first token of the verb as printed (modifiers included).
    pub first: usize,
    /// One past the index of the last token of the verb as printed.
    pub last: usize,
}

/// The paragraph's word tokens with their lowercase-free accessors.
pub struct Words<'a> {
    /// The paragraph text.
    pub text: &'a str,
    /// Its tokens.
    pub toks: Vec<Tok>,
    /// For each token, the first word of its sentence before it (see [`Self::sentence_head`]).
    heads: std::cell::OnceCell<Vec<Option<usize>>>,
    /// For each token, the previous significant one (see [`Self::prev_significant`]).
    prevs: std::cell::OnceCell<Vec<Option<usize>>>,
}

impl<'a> Words<'a> {
    /// Tokenises a text.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            toks: tokenize(text),
            heads: std::cell::OnceCell::new(),
            prevs: std::cell::OnceCell::new(),
        }
    }

    /// The first word of the sentence holding token `p`, if one stands before `p`: computed for
    /// every token in one pass on first use, not by walking back from each (quadratic in a long
    /// sentence; found by fuzzing).
    fn sentence_head(&self, p: usize) -> Option<usize> {
        let heads = self.heads.get_or_init(|| {
            let mut out = Vec::with_capacity(self.toks.len() + 1);
            let mut first = None;
            for k in 0..self.toks.len() {
                out.push(first);
                if self.sentence_end(k) {
                    first = None;
                } else if first.is_none() && self.is_word(k) {
                    first = Some(k);
                }
            }
            out.push(first);
            out
        });
        heads.get(p.min(self.toks.len())).copied().flatten()
    }

    /// The text of token `i` (empty out of range).
    pub fn at(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => self.text.get(t.start..t.end).unwrap_or(""),
            None => "",
        }
    }

    /// True when token `i` is a word equal (ignoring ASCII case) to `w`.
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.word) && eq(self.at(i), w)
    }

    /// True when token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.word)
    }

    /// True when token `i` ends a sentence: a full stop (or `?`/`!`) followed by a capital or
    /// the end, not after a common abbreviation.
    pub fn sentence_end(&self, i: usize) -> bool {
        let t = self.at(i);
        if !(t == "." || t == "?" || t == "!") {
            return false;
        }
        if i > 0 && self.is_word(i - 1) {
            let prev = self.at(i - 1);
            const ABBR: &[&str] = &[
                "no", "nos", "vol", "para", "paras", "art", "mr", "ms", "mrs", "dr", "st", "e.g",
                "i.e", "etc", "h.e", "sect", "chap", "p", "pp", "rev", "corr", "add",
            ];
            if ABBR.iter().any(|a| eq(prev, a)) || prev.chars().count() == 1 {
                return false;
            }
        }
        // the next word must start with a capital (or there is none)
        let mut j = i + 1;
        while j < self.toks.len() && !self.is_word(j) {
            j += 1;
        }
        match self.toks.get(j) {
            None => true,
            Some(_) => self.at(j).chars().next().is_some_and(char::is_uppercase),
        }
    }

    /// Index of the previous word before `i`, skipping modifiers; `None` at paragraph start.
    /// Punctuation tokens `,` and `;` are returned as they are (they coordinate).
    ///
    /// Computed for every token in one pass on first use: the answer for `i` is token `i - 1`,
    /// or, where that token is skipped, the answer for the token it was skipped to. Walking back
    /// from every token was quadratic in a long run of skipped tokens (found by fuzzing).
    fn prev_significant(&self, i: usize) -> Option<usize> {
        let prevs = self.prevs.get_or_init(|| {
            let mut out: Vec<Option<usize>> = Vec::with_capacity(self.toks.len() + 1);
            out.push(None);
            for j in 0..self.toks.len() {
                // `out[k]` is the answer for token `k`, which scans back from `k - 1`.
                let t = self.at(j);
                let p = if self.is_word(j) {
                    if is_modifier(t) || t.chars().all(char::is_numeric) || t == "sup" {
                        out[j]
                    } else if j >= 2
                        // "in this regard", "to this end", "in that context"
                        && ["regard", "end", "context", "connection", "respect"]
                            .iter()
                            .any(|x| eq(t, x))
                        && (self.is(j - 1, "this") || self.is(j - 1, "that"))
                        && (self.is(j - 2, "in") || self.is(j - 2, "to"))
                    {
                        out[j - 2]
                    } else {
                        Some(j)
                    }
                } else if t == "," || t == ";" || t == ":" || t == "." {
                    Some(j)
                } else {
                    // other punctuation (quotes, brackets, list marks) is skipped
                    out[j]
                };
                out.push(p);
            }
            out
        });
        prevs.get(i.min(self.toks.len())).copied().flatten()
    }

    /// Index of the next word after `i`, skipping nothing; `None` at the end.
    fn next_word(&self, i: usize) -> Option<usize> {
        let j = i + 1;
        (j < self.toks.len() && self.is_word(j)).then_some(j)
    }
}

/// Finds the speaker's acts in a paragraph.
///
/// `subpara_of_resolution` suppresses the paragraph-initial act (lettered sub-paragraphs of a
/// resolution continue the chapeau's act); `preambular` allows unlisted participles and
/// adjectives at the start.
pub fn find_acts(w: &Words<'_>, style: Style, preambular: bool, subpara: bool) -> Vec<Act> {
    let mut acts: Vec<Act> = Vec::new();
    let n = w.toks.len();
    let mut i = 0;
    while i < n {
        if !w.is_word(i) {
            i += 1;
            continue;
        }
        let word = w.at(i);
        let mut lower = word.to_lowercase();
        // "Re-emphasizes", "re-affirm": the act repeated is the act.
        if let Some(rest) = lower.strip_prefix("re-")
            && FORMS.contains_key(rest)
        {
            lower = rest.to_owned();
        }
        let prev = w.prev_significant(i);
        let at_start = prev.is_none() && !subpara;
        let after_we = prev.is_some_and(|p| w.is(p, "we"));
        // first token of the verb as printed: include modifiers directly before it
        let first = modifiers_before(w, i);

        // "we will …": a pledge
        if style == Style::Declaration && eq(word, "will") && after_we {
            let mut k = i + 1;
            while k < n && w.is_word(k) && is_modifier(w.at(k)) {
                k += 1;
            }
            let last = if w.is_word(k) { k + 1 } else { i + 1 };
            acts.push(Act {
                name: "commits".into(),
                directive: false,
                listed: true,
                first,
                last,
            });
            i = last;
            continue;
        }

        // "we are (deeply) concerned", "Deeply concerned", "and concerned"
        if eq(word, "concerned") {
            let p = prev;
            let ok = match p {
                None => !subpara,
                Some(p) => {
                    (w.is(p, "are") || w.is(p, "remain"))
                        && w.prev_significant(p).is_some_and(|q| w.is(q, "we"))
                        || (preambular && (w.is(p, "and") || w.at(p) == ","))
                }
            };
            if ok {
                let first = match p {
                    Some(p) if w.is(p, "are") || w.is(p, "remain") => p,
                    _ => first,
                };
                acts.push(Act {
                    name: "expressesConcern".into(),
                    directive: false,
                    listed: true,
                    first,
                    last: i + 1,
                });
            }
            i += 1;
            continue;
        }

        if let Some(&(li, form)) = FORMS.get(lower.as_str()) {
            let Some(lemma) = LEMMAS.get(li) else {
                i += 1;
                continue;
            };
            let form_ok = matches!(
                (style, form),
                (_, Form::Ing) | (Style::Declaration, Form::Base) | (Style::Resolution, Form::S)
            );
            // "take note": the "note" belongs to "take"
            let part_of_take = lemma.name == "notes"
                && i > 0
                && ["take", "takes", "taking", "took"]
                    .iter()
                    .any(|t| w.is(i - 1, t));
            // A lettered sub-paragraph that opens with a third-person verb ("(a) Strongly
            // condemns …" under "Reaffirms …, and in this regard:") is an act of its own; one
            // that opens with a gerund or a noun is an item of its chapeau's act.
            let own_start = at_start
                || (subpara
                    && prev.is_none()
                    && style == Style::Resolution
                    && form == Form::S
                    && w.at(first).chars().next().is_some_and(char::is_uppercase));
            // "requested and requesting States" (of mutual legal assistance, asset recovery):
            // an adjective of the noun after it, not an act ("encouraging States" is one).
            let adjective = form == Form::Ing
                && lower == "requesting"
                && w.next_word(i).is_some_and(|j| {
                    [
                        "state",
                        "states",
                        "party",
                        "parties",
                        "country",
                        "countries",
                    ]
                    .iter()
                    .any(|n| w.is(j, n))
                });
            if form_ok
                && !part_of_take
                && !adjective
                && accepts(w, i, prev, own_start, after_we, form, &acts)
                && let Some((name, last, directive)) = complete(w, i, lemma)
            {
                {
                    // "expresses its gratitude" completes to a name outside the list
                    let listed = is_listed(&name);
                    acts.push(Act {
                        name,
                        directive,
                        listed,
                        first,
                        last,
                    });
                    i = last;
                    continue;
                }
            }
            i += 1;
            continue;
        }

        // A verb of the speaker outside the list, coordinated after one of its acts (",
        // appeals to all States …", "and recommends …"): an act, which ends the object of the
        // act before it.
        if style == Style::Resolution
            && !acts.is_empty()
            && COORDINATED_UNLISTED.contains(&lower.as_str())
            && prev.is_some_and(|p| w.is(p, "and") || matches!(w.at(p), "," | ";"))
            && w.next_word(i).is_some()
        {
            acts.push(Act {
                name: lower.clone(),
                directive: false,
                listed: false,
                first,
                last: i + 1,
            });
            i += 1;
            continue;
        }

        // verbs outside the list, where an act is certain
        if let Some(name) = unlisted(w, i, &lower, style, preambular, at_start, after_we) {
            acts.push(Act {
                name,
                directive: false,
                listed: false,
                first,
                last: i + 1,
            });
        }
        i += 1;
    }
    acts
}

/// The first index of the modifiers directly before token `i` ("strongly" in "strongly urge").
fn modifiers_before(w: &Words<'_>, i: usize) -> usize {
    let mut f = i;
    while f > 0 && w.is_word(f - 1) && is_modifier(w.at(f - 1)) {
        f -= 1;
    }
    f
}

/// Is the listed verb form at `i` the speaker's act, by its left context?
fn accepts(
    w: &Words<'_>,
    i: usize,
    prev: Option<usize>,
    at_start: bool,
    after_we: bool,
    form: Form,
    acts: &[Act],
) -> bool {
    let Some(p) = prev else {
        return at_start;
    };
    if after_we {
        return form == Form::Base;
    }
    // ", and in this regard strongly urges …": the speaker's act after the connector, even
    // where no act of the speaker precedes it in the paragraph (a sub-paragraph).
    if form == Form::S
        && (w.is(p, "and") || matches!(w.at(p), "," | ";"))
        && connector_before(w, modifiers_before(w, i))
        && w.next_word(i).is_some()
    {
        return true;
    }
    let t = w.at(p);
    let coord = w.is(p, "and") || t == "," || t == ";" || w.is(p, "while") || w.is(p, "but");
    if !coord {
        return false;
    }
    // a coordinated verb needs something after it
    if w.next_word(i).is_none() {
        return false;
    }
    if form == Form::Ing {
        return true;
    }
    // the coordinated verb must follow an act of the speaker in this paragraph, or the
    // speaker's "We, …," at the head of its sentence
    if acts.is_empty() && !we_heads_sentence(w, p) {
        return false;
    }
    // "to develop and adopt", "to prevent, combat and support": the addressee's act (a
    // third-person form cannot continue an infinitive)
    form == Form::S || !continues_infinitive(w, p)
}

/// Whether the tokens right before token `f` are a connector ("in this regard", "in that
/// context", "to this end", a comma after it or not).
fn connector_before(w: &Words<'_>, f: usize) -> bool {
    let mut e = f;
    if e > 0 && w.at(e - 1) == "," {
        e -= 1;
    }
    e >= 3
        && (w.is(e - 3, "in") && (w.is(e - 1, "regard") || w.is(e - 1, "context"))
            || w.is(e - 3, "to") && w.is(e - 1, "end"))
        && (w.is(e - 2, "this") || w.is(e - 2, "that"))
}

/// True when the conjunction at `p` closes "to W (, W)* (,)?" — a list of bare infinitives.
fn continues_infinitive(w: &Words<'_>, p: usize) -> bool {
    let mut k = p;
    let mut want_word = true;
    let mut words = 0;
    while k > 0 {
        k -= 1;
        let t = w.at(k);
        if w.is(k, "to") {
            return words > 0 && !want_word;
        }
        if w.is_word(k) {
            if !want_word || words >= 4 || cannot_be_bare_infinitive(t) {
                return false;
            }
            words += 1;
            want_word = false;
        } else if t == "," {
            if want_word && words > 0 {
                return false;
            }
            want_word = true;
        } else {
            return false;
        }
    }
    false
}

/// True for a word whose ending makes it a gerund or a noun, never a bare infinitive: "to
/// trafficking", "to exploitation", "to impunity" leave the infinitive list of
/// [`continues_infinitive`] closed, so a verb coordinated after them is the speaker's.
fn cannot_be_bare_infinitive(word: &str) -> bool {
    // -tion verbs ("to mention", "to question") are infinitives
    const TION_VERBS: &[&str] = &[
        "mention",
        "question",
        "function",
        "position",
        "condition",
        "sanction",
        "petition",
        "caution",
        "station",
        "motion",
        "partition",
        "ration",
        "audition",
        "portion",
        "section",
        "proportion",
        "auction",
    ];
    let w = word.to_lowercase();
    let n = w.chars().count();
    (w.ends_with("ing") && n >= 7)
        || (w.ends_with("tion") && !TION_VERBS.contains(&w.as_str()))
        || w.ends_with("ity")
        || w.ends_with("ness")
        || w.ends_with("ism")
}

/// True when the sentence holding token `p` starts with "We" (a subject with an apposition:
/// "We, the States Members of the United Nations, …, reaffirm").
fn we_heads_sentence(w: &Words<'_>, p: usize) -> bool {
    w.sentence_head(p).is_some_and(|f| w.is(f, "we"))
}

/// Completes a multi-word verb and gives (name, one past its last token, directive), or `None`
/// when the words after it do not make the verb ("call" without "upon"/"for", "take" without
/// "note").
fn complete(w: &Words<'_>, i: usize, lemma: &Lemma) -> Option<(String, usize, bool)> {
    let mut last = i + 1;
    let name: &str = match lemma.shape {
        Shape::Simple => lemma.name,
        Shape::Take => {
            if !w.is(last, "note") {
                return None;
            }
            last += 1;
            lemma.name
        }
        Shape::Call => {
            if w.is(last, "upon") || w.is(last, "on") {
                last += 1;
                "callsUpon"
            } else if w.is(last, "for") {
                last += 1;
                return Some(("callsFor".into(), last, false));
            } else {
                return None;
            }
        }
        Shape::Express => {
            const FILL: &[&str] = &[
                "our",
                "its",
                "their",
                "deep",
                "serious",
                "grave",
                "profound",
                "great",
                "sincere",
                "strong",
                "deepest",
                "also",
                "once",
                "again",
                "further",
                "full",
                "very",
                "most",
                "utmost",
                "continued",
                "continuing",
                "renewed",
                "particular",
                "growing",
                "increasing",
                "strongest",
                "firm",
                "unwavering",
            ];
            let mut k = last;
            while k < last + 5 && FILL.iter().any(|f| w.is(k, f)) {
                k += 1;
            }
            if w.is(k, "concern") || w.is(k, "concerns") {
                last = k + 1;
                "expressesConcern"
            } else if w.is(k, "support") && w.is(k + 1, "for") {
                // "Expresses (its) strong support for": supports.
                last = k + 2;
                "supports"
            } else if w.is(k, "appreciation") || w.is(k, "gratitude") {
                last = k + 1;
                if w.is(k, "appreciation") {
                    "appreciates"
                } else {
                    "expressesGratitude"
                }
            } else {
                last = i + 1;
                "expresses"
            }
        }
    };
    // "with appreciation", "with concern", "with deep appreciation", "also"
    let mut k = last;
    // modifiers after the verb: "Reaffirming also", "Recognizing further", "Recalling once
    // again" (only when more words follow, so that they modify the verb)
    loop {
        let n = if w.is(k, "also") || w.is(k, "further") || w.is(k, "again") {
            1
        } else if w.is(k, "once") && w.is(k + 1, "again") {
            2
        } else {
            0
        };
        if n == 0 || !w.is_word(k + n) {
            break;
        }
        k += n;
        last = k;
    }
    if w.is(k, "with") {
        let mut j = k + 1;
        if w.is(j, "very") || w.is(j, "most") {
            j += 1;
        }
        if w.is(j, "deep") || w.is(j, "great") || w.is(j, "grave") || w.is(j, "serious") {
            j += 1;
        }
        if ["appreciation", "concern", "satisfaction", "interest"]
            .iter()
            .any(|x| w.is(j, x))
        {
            last = j + 1;
        }
    }
    if lemma.shape == Shape::Take && w.is(last, "of") {
        last += 1;
    }
    let directive = lemma.directive && name != "callsFor";
    Some((name.to_owned(), last, directive))
}

/// The name of an unlisted verb at `i`, when its position makes it an act.
fn unlisted(
    w: &Words<'_>,
    i: usize,
    lower: &str,
    style: Style,
    preambular: bool,
    at_start: bool,
    after_we: bool,
) -> Option<String> {
    let word = w.at(i);
    let alpha = lower.chars().all(|c| c.is_ascii_lowercase());
    if !alpha || lower.len() < 3 {
        return None;
    }
    if style == Style::Declaration && after_we {
        if NOT_ACTS.contains(&lower) || is_modifier(lower) {
            return None;
        }
        return Some(third_person(lower));
    }
    if !at_start || !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    if preambular {
        if ATTITUDES.contains(&lower) || lower.ends_with("ed") {
            let mut s = String::from("is");
            let mut cs = lower.chars();
            if let Some(c) = cs.next() {
                s.extend(c.to_uppercase());
                s.push_str(cs.as_str());
            }
            return Some(s);
        }
        if let Some(stem) = lower.strip_suffix("ing") {
            return Some(third_person(&restore_stem(stem)));
        }
        return None;
    }
    if style == Style::Resolution && lower.ends_with('s') && !lower.ends_with("ss") {
        // an operative paragraph's first word ("Designates", "Proclaims")
        return Some(lower.to_owned());
    }
    None
}

/// The base form from the stem of an `-ing` participle (best effort: `committ` → `commit`,
/// `promot` → `promote`).
fn restore_stem(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b's' | b'l' | b'f' | b'z') {
        return stem[..n - 1].to_owned();
    }
    const E: &[&str] = &[
        "v", "z", "dg", "at", "ot", "ut", "uc", "ac", "ir", "ur", "ag", "ang", "ak", "iz", "rs",
        "as", "os", "us", "ar", "ed", "id", "od", "ud", "in", "on", "ir", "ic",
    ];
    if E.iter().any(|e| stem.ends_with(e)) && !stem.ends_with("ain") && !stem.ends_with("ion") {
        return format!("{stem}e");
    }
    stem.to_owned()
}

/// The third-person singular of a base form (`evince` → `evinces`, `pledge` → `pledges`).
pub fn third_person(base: &str) -> String {
    if base.ends_with('s')
        || base.ends_with("sh")
        || base.ends_with("ch")
        || base.ends_with('x')
        || base.ends_with('z')
    {
        format!("{base}es")
    } else if let Some(stem) = base.strip_suffix('y') {
        if stem.ends_with(['a', 'e', 'i', 'o', 'u']) {
            format!("{base}s")
        } else {
            format!("{stem}ies")
        }
    } else {
        format!("{base}s")
    }
}

/// The verb's local name is in the closed list of the annotation rules.
pub fn is_listed(name: &str) -> bool {
    LEMMAS.iter().any(|l| l.name == name)
        || matches!(
            name,
            "callsFor" | "commits" | "expressesConcern" | "appreciates"
        )
}

/// The verb names the texts' directive verbs take (their key is the addressee).
pub fn is_directive(name: &str) -> bool {
    LEMMAS.iter().any(|l| l.name == name && l.directive)
}

#[cfg(test)]
#[path = "verbs_tests.rs"]
mod tests;
