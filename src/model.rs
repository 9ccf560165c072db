//! Plain types handed from one pipeline stage to the next.
//!
//! Every piece of text a later stage looks at is a [`Text`]: the normalised characters plus, for
//! each byte of them, the byte offset in the source it came from. Stages work on the normalised
//! text and hand back ranges into it; [`Text::source_span`] turns such a range into the
//! [`Span`] of the source file, which is what the graph records as provenance.

use std::ops::Range;
use std::path::PathBuf;

/// A half-open range of UTF-8 byte offsets into a document's decoded source text
/// ([`Source::text`]); for a UTF-8 file these are byte offsets into the file itself.
pub type Span = Range<usize>;

/// How the bytes of a source file were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark; a file that is only mostly UTF-8 has its invalid
    /// sequences replaced and listed in [`Source::replaced`].
    Utf8,
    /// UTF-8 with a byte-order mark (offsets count from after the mark); invalid sequences
    /// replaced and listed in [`Source::replaced`].
    Utf8Bom,
    /// UTF-16, little-endian, with a byte-order mark or (`bom: false`) recognised by its NUL
    /// high bytes.
    Utf16Le {
        /// Whether the file starts with the byte-order mark `FF FE`.
        bom: bool,
    },
    /// UTF-16, big-endian, with a byte-order mark or (`bom: false`) recognised by its NUL
    /// high bytes.
    Utf16Be {
        /// Whether the file starts with the byte-order mark `FE FF`.
        bom: bool,
    },
    /// Not valid UTF-8 and not mostly UTF-8: decoded as Windows-1252 (offsets are into the
    /// decoded UTF-8 text).
    Windows1252,
}

impl Encoding {
    /// The encoding's usual name: `UTF-8`, `UTF-16LE`, `Windows-1252` …
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 | Self::Utf8Bom => "UTF-8",
            Self::Utf16Le { .. } => "UTF-16LE",
            Self::Utf16Be { .. } => "UTF-16BE",
            Self::Windows1252 => "Windows-1252",
        }
    }
}

/// The invalid byte sequences of a file that decoding replaced with U+FFFD (invalid UTF-8
/// sequences, unpaired UTF-16 surrogates, a dangling last byte of UTF-16).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replaced {
    /// How many sequences were replaced (one U+FFFD each).
    pub count: usize,
    /// The byte offsets in the file (not in the decoded text) of the first
    /// [`Replaced::MAX_OFFSETS`] of them, ascending.
    pub offsets: Vec<usize>,
}

impl Replaced {
    /// How many offsets are kept.
    pub const MAX_OFFSETS: usize = 10;

    /// Records a replaced sequence at file offset `at`.
    pub fn push(&mut self, at: usize) {
        self.count += 1;
        if self.offsets.len() < Self::MAX_OFFSETS {
            self.offsets.push(at);
        }
    }

    /// True when nothing was replaced.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// The markup of a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, typically extracted from a PDF with its page furniture.
    Text,
    /// Markdown (headings, emphasis, links, `<sup>` footnote marks).
    Markdown,
    /// HTML (by extension or content): [`Source::text`] is the text of the page, tags, scripts,
    /// styles, the head and comments dropped, block elements turned into line breaks and
    /// character references decoded; spans are into that text, not into the file.
    Html,
    /// PDF: [`Source::text`] is the text laid out from the characters of its pages
    /// ([`crate::read::pdf`]), running headers and footers left out; spans are into that text,
    /// and [`Source::pages`] says where each page begins.
    Pdf,
}

/// A document as read from disk: the output of [`crate::read`].
#[derive(Debug, Clone)]
pub struct Source {
    /// The path it was read from.
    pub path: PathBuf,
    /// The file name without extension; IRIs of the document are minted from it.
    pub name: String,
    /// The decoded text (for HTML, the text of the page); spans are byte offsets into it.
    pub text: String,
    /// How the bytes were decoded.
    pub encoding: Encoding,
    /// The invalid sequences decoding replaced with U+FFFD (empty for a clean file).
    pub replaced: Replaced,
    /// Plain text or Markdown from the extension; HTML from the extension or the content; PDF
    /// from the content.
    pub format: Format,
    /// For a PDF, `pages[i]` is the byte offset in [`Source::text`] where page `i + 1` begins;
    /// empty for other formats.
    pub pages: Vec<usize>,
    /// What reading noticed that a user should know (for a PDF: pages that could not be read).
    pub notes: Vec<String>,
    /// What the file says about itself (a PDF's information dictionary); empty otherwise.
    pub info: DocInfo,
}

/// What a file says about itself, apart from its text (a PDF's information dictionary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocInfo {
    /// The title entry (for UN PDFs usually the symbol, such as `A/RES/78/226`).
    pub title: Option<String>,
    /// The subject entry (for UN PDFs usually the document's title).
    pub subject: Option<String>,
    /// The author entry.
    pub author: Option<String>,
    /// The creation date, ISO (`2023-12-22`).
    pub created: Option<String>,
}

impl Source {
    /// The pages (1-based, first and last) that hold a span of the text, for a PDF.
    pub fn pages_of(&self, span: &Span) -> Option<(u32, u32)> {
        if self.pages.is_empty() {
            return None;
        }
        let page = |at: usize| {
            let i = self.pages.partition_point(|&p| p <= at).max(1);
            u32::try_from(i).unwrap_or(u32::MAX)
        };
        let first = page(span.start);
        Some((
            first,
            page(span.end.saturating_sub(1).max(span.start)).max(first),
        ))
    }
}

/// Normalised text with, for every byte of it, the source bytes it came from.
///
/// Build one with [`Text::push_mapped`] / [`Text::push_verbatim`]; a normalised character may
/// stand for several source bytes (a curly quote, a ligature, a hyphenated line break) or be
/// inserted (a space joining two lines), and both ends of every range stay exact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    /// The normalised text.
    pub text: String,
    /// `starts[i]` is the first source byte of what byte `i` of `text` came from (32 bits: a
    /// source is at most 4 GiB, which reading enforces; the maps are most of a document's
    /// memory).
    starts: Vec<u32>,
    /// `ends[i]` is one past the last source byte of what byte `i` of `text` came from.
    ends: Vec<u32>,
}

/// A source offset as stored in a [`Text`] map.
fn offset(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

impl Text {
    /// An empty text.
    pub fn new() -> Self {
        Self::default()
    }

    /// A text that is its own source, starting at source offset `start`.
    pub fn verbatim(text: &str, start: usize) -> Self {
        let mut t = Self::new();
        t.push_verbatim(text, start);
        t
    }

    /// Appends `s`, which is the source text starting at source offset `start`, unchanged.
    pub fn push_verbatim(&mut self, s: &str, start: usize) {
        if s.is_ascii() {
            // One source byte per byte: the maps are runs.
            self.text.push_str(s);
            let (a, b) = (offset(start), offset(start + s.len()));
            self.starts.extend(a..b);
            self.ends.extend(a + 1..b + 1);
            return;
        }
        for (i, c) in s.char_indices() {
            let n = c.len_utf8();
            self.text.push(c);
            for _ in 0..n {
                self.starts.push(offset(start + i));
                self.ends.push(offset(start + i + n));
            }
        }
    }

    /// Appends `s` (normalised text) as standing for the source bytes `source`.
    pub fn push_mapped(&mut self, s: &str, source: Span) {
        self.text.push_str(s);
        let (a, b) = (offset(source.start), offset(source.end));
        self.starts.extend(std::iter::repeat_n(a, s.len()));
        self.ends.extend(std::iter::repeat_n(b, s.len()));
    }

    /// Byte length of the normalised text.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True when the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The sub-text of a byte range of the normalised text, with its mapping (a range off a char
    /// boundary is widened to the enclosing characters).
    pub fn slice(&self, range: Range<usize>) -> Text {
        let mut start = range.start.min(self.text.len());
        let mut end = range.end.min(self.text.len()).max(start);
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        Text {
            text: self.text[start..end].to_owned(),
            starts: self.starts[start..end].to_vec(),
            ends: self.ends[start..end].to_vec(),
        }
    }

    /// The source span of a byte range of the normalised text.
    ///
    /// Out-of-range ends are clamped, so this never panics; an empty range gives an empty span at
    /// the source position of its start.
    pub fn source_span(&self, range: Range<usize>) -> Span {
        let len = self.text.len();
        let start = range.start.min(len);
        let end = range.end.min(len);
        let s = match self.starts.get(start) {
            Some(&s) => s as usize,
            None => self.ends.last().map_or(0, |&e| e as usize),
        };
        if end <= start {
            return s..s;
        }
        let e = (self.ends[end - 1] as usize).max(s);
        s..e
    }

    /// The source span of the whole text.
    pub fn span(&self) -> Span {
        self.source_span(0..self.text.len())
    }
}

/// Document status, as the contract names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// A draft (zero draft, revision, final draft, draft resolution).
    Draft,
    /// An adopted text (a resolution, an adopted declaration).
    Adopted,
    /// Prose written about a document.
    Summary,
}

/// The kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// A resolution of the General Assembly or another body.
    Resolution,
    /// A political declaration.
    PoliticalDeclaration,
    /// A draft resolution.
    DraftResolution,
    /// A draft declaration (often with covering letters).
    DraftDeclaration,
    /// A letter.
    Letter,
    /// A summary of or commentary on a document.
    Summary,
    /// Anything else.
    Other,
}

/// Document-level facts found by segmentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// Document symbols (`A/RES/76/7`); several where the text bears several.
    pub symbols: Vec<String>,
    /// ISO date (`2021-11-22`): adoption date of a resolution, date of a draft's covering letter.
    pub date: Option<String>,
    /// Draft, adopted or summary.
    pub status: Option<Status>,
    /// The title as printed.
    pub title: Option<String>,
    /// What sort of document it is.
    pub kind: DocKind,
}

impl Default for Metadata {
    fn default() -> Self {
        Self {
            symbols: Vec::new(),
            date: None,
            status: None,
            title: None,
            kind: DocKind::Other,
        }
    }
}

/// What role a paragraph plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParagraphKind {
    /// An unnumbered preambular paragraph of a resolution (`PP1`, …).
    Preambular,
    /// A numbered operative or declaration paragraph, or a lettered sub-paragraph.
    Operative,
    /// Text without a printed number: letters, headers, a resolution's chapeau.
    Unnumbered,
    /// A heading.
    Heading,
}

impl ParagraphKind {
    /// The literal used in the graph (`tip:paragraphKind`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Preambular => "preambular",
            Self::Operative => "operative",
            Self::Unnumbered => "unnumbered",
            Self::Heading => "heading",
        }
    }
}

/// A footnote, attached to the paragraph that carries its mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    /// The mark as printed (`1`, `12`).
    pub mark: String,
    /// The footnote text, without its mark.
    pub text: Text,
}

/// A paragraph of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Position in the document, from 0.
    pub index: usize,
    /// The number per the gold rules (`1`, `4bis`, `16(a)`, `PP3`), or `None`.
    pub number: Option<String>,
    /// Its role.
    pub kind: ParagraphKind,
    /// The normalised text (number and footnote marks removed, lines joined).
    pub text: Text,
    /// Footnotes whose mark stands in this paragraph.
    pub footnotes: Vec<Footnote>,
    /// For a PDF, the pages (1-based, first and last) its text stands on.
    pub pages: Option<(u32, u32)>,
}

/// The output of segmentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    /// Document metadata.
    pub meta: Metadata,
    /// The paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// What the segmenter could not read cleanly, in document order.
    pub issues: Vec<Issue>,
}

/// Something a stage could not read cleanly: a finding a user can act on, with the source
/// bytes it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// What sort of finding.
    pub kind: IssueKind,
    /// What it says, for a person ("paragraphs 2 and 9 of the annex not found …").
    pub message: String,
    /// The source bytes it concerns (where the gap or the text is).
    pub span: Span,
}

/// The sorts of [`Issue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IssueKind {
    /// Printed paragraph numbers (or sub-paragraph letters) missing from a run: the source
    /// may be missing text.
    NumberingGap,
    /// Unnumbered text inside the numbered part that is no heading, no plenary line and no
    /// continuation: it is kept as a paragraph without a number.
    OrphanText,
    /// A sub-paragraph whose letter the source lost, given the next letter of its list.
    LetterInferred,
    /// An operative paragraph whose number the source lost, given the next number of its run.
    NumberInferred,
    /// A footnote whose mark was not found in the text, attached to a paragraph by its place
    /// (its citations may belong to a neighbouring paragraph). Reported, not a defect.
    MarkNotFound,
    /// A YAML front-matter block read as metadata, not as text.
    FrontMatter,
}

impl IssueKind {
    /// The local name of the kind in the vocabulary (`tip:NumberingGap` …).
    pub fn name(self) -> &'static str {
        match self {
            Self::NumberingGap => "NumberingGap",
            Self::OrphanText => "OrphanText",
            Self::LetterInferred => "LetterInferred",
            Self::NumberInferred => "NumberInferred",
            Self::MarkNotFound => "MarkNotFound",
            Self::FrontMatter => "FrontMatter",
        }
    }

    /// Every kind, in the order of the vocabulary.
    pub const ALL: [IssueKind; 6] = [
        Self::NumberingGap,
        Self::OrphanText,
        Self::LetterInferred,
        Self::NumberInferred,
        Self::MarkNotFound,
        Self::FrontMatter,
    ];

    /// Whether the finding means text may be missing or misplaced (what `--strict` refuses);
    /// front matter read as metadata and footnotes placed by position are only reported.
    pub fn is_defect(self) -> bool {
        !matches!(self, Self::FrontMatter | Self::MarkNotFound)
    }
}

/// Where in a paragraph something was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// In the paragraph text.
    Body,
    /// In the footnote with this index in [`Paragraph::footnotes`].
    Footnote(usize),
}

/// How a mention was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchKind {
    /// A registry name or alternative name.
    Name,
    /// An acronym (case-sensitive).
    Acronym,
    /// A reference back ("the Office", "it").
    Anaphor,
    /// A name outside the registry, found by its shape.
    Shape,
}

/// An entity named in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index of the paragraph.
    pub paragraph: usize,
    /// Body or footnote.
    pub place: Place,
    /// The entity key (registry key, or a key minted for an entity found by shape).
    pub key: String,
    /// Byte range in the normalised text of the paragraph (or footnote).
    pub range: Range<usize>,
    /// Byte span in the source.
    pub span: Span,
    /// The exact normalised text that made the link.
    pub surface: String,
    /// How it was found.
    pub how: MatchKind,
}

/// An entity outside the registry, found by its shape in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntity {
    /// The minted key (slug of the name).
    pub key: String,
    /// Its class (local name in the tipkg vocabulary, e.g. `Treaty`).
    pub class: String,
    /// Its name as printed.
    pub label: String,
}

/// A citation of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Index of the citing paragraph (the one carrying the footnote mark for footnotes).
    pub paragraph: usize,
    /// Body or footnote.
    pub place: Place,
    /// The normalised symbol (`A/RES/64/293`, `A/HRC/17/31`, `UNTS 2225 39574`).
    pub symbol: String,
    /// Byte span in the source.
    pub span: Span,
}

/// The output of recognition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recognised {
    /// Every mention, in text order per paragraph.
    pub mentions: Vec<Mention>,
    /// Entities found by shape, once each.
    pub new_entities: Vec<NewEntity>,
    /// Citations.
    pub citations: Vec<Citation>,
    /// Keys of the States sponsoring the document.
    pub sponsors: Vec<String>,
}

/// The role of an entity in a provision.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Role {
    /// Who is asked to act (directive verbs).
    Addressee,
    /// What the act is about.
    Object,
}

/// One act of the speaker in one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provision {
    /// Index of the paragraph.
    pub paragraph: usize,
    /// Key of the speaker (`un-ga`, `member-states`, …).
    pub speaker: String,
    /// The verb's local name in the vocabulary (`urges`, `takesNoteOf`; verbs outside the closed
    /// list keep their own lower-camel-case name).
    pub verb: String,
    /// The verb as printed (`strongly urge`, `Taking note with appreciation of`).
    pub verb_text: String,
    /// Source span of the verb.
    pub verb_span: Span,
    /// The entities addressed or spoken about.
    pub targets: Vec<(Role, String)>,
    /// What is asked or stated: the mandate text, with its source span.
    pub mandate: Option<(String, Span)>,
    /// Source span of the whole act (from the verb to the end of its object or mandate).
    pub span: Span,
}

/// A relation the text states outright (membership, coordination, annexing, transmitting,
/// representing).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Relation {
    /// Index of the paragraph stating it.
    pub paragraph: usize,
    /// Subject: an entity key, or a document symbol (symbols hold a `/`, keys never do).
    pub subject: String,
    /// Relation local name in the vocabulary (`memberOf`, `coordinatorOf`, `annexes`, …).
    pub relation: String,
    /// Object: an entity key, or a document symbol.
    pub object: String,
    /// Source span of the words stating it.
    pub span: Span,
}

/// The output of provision extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Provisions in text order.
    pub provisions: Vec<Provision>,
    /// Stated relations.
    pub relations: Vec<Relation>,
}

/// Everything the pipeline found in one document.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The source read.
    pub source: Source,
    /// Its segmentation.
    pub segmented: Segmented,
    /// Its entities, citations and sponsors.
    pub recognised: Recognised,
    /// Its provisions and relations.
    pub extracted: Extracted,
    /// Warnings met on the way (an encoding fallback, a document with no paragraphs).
    pub warnings: Vec<String>,
}
