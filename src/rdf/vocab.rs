//! Vocabulary IRIs as documented constants.
//!
//! Every `tip:` constant here is declared in `ontology/tipkg.ttl`; a test checks it.

/// Namespace of the tipkg vocabulary.
pub const TIP: &str = "https://w3id.org/tipkg/ontology#";
/// Default base of minted IRIs (entities under `id/`, documents under `doc/`).
pub const DEFAULT_BASE: &str = "https://w3id.org/tipkg/";
/// Dublin Core terms.
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// SKOS.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// RDF Schema.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// OWL.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
/// XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// PROV-O.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// UN System Document Ontology.
pub const UNDO: &str = "https://w3id.org/un/ontology/undo/";
/// W3C Organization ontology.
pub const ORG: &str = "http://www.w3.org/ns/org#";
/// FOAF.
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
/// Web Annotation.
pub const OA: &str = "http://www.w3.org/ns/oa#";
/// VoID.
pub const VOID: &str = "http://rdfs.org/ns/void#";

/// The prefixes the project predeclares in queries and writes in Turtle.
pub const PREFIXES: &[(&str, &str)] = &[
    ("tip", TIP),
    ("id", "https://w3id.org/tipkg/id/"),
    ("doc", "https://w3id.org/tipkg/doc/"),
    ("dcterms", DCTERMS),
    ("skos", SKOS),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("prov", PROV),
    ("undo", UNDO),
    ("org", ORG),
    ("foaf", FOAF),
    ("oa", OA),
    ("void", VOID),
];

/// Declares `pub const NAME: &str = "<TIP>local"` for each vocabulary term, with its doc, and
/// the list [`TERMS`] of all of them for the ontology test.
macro_rules! tip_terms {
    ($($(#[doc = $doc:expr])* $name:ident = $local:literal;)*) => {
        $(
            $(#[doc = $doc])*
            pub const $name: &str = concat!("https://w3id.org/tipkg/ontology#", $local);
        )*
        /// Every `tip:` term the code uses, as full IRIs.
        pub const TERMS: &[&str] = &[$($name),*];
    };
}

tip_terms! {
    /// Class: a document of the corpus.
    DOCUMENT = "Document";
    /// Class: a resolution.
    RESOLUTION = "Resolution";
    /// Class: a political declaration.
    POLITICAL_DECLARATION = "PoliticalDeclaration";
    /// Class: a draft resolution.
    DRAFT_RESOLUTION = "DraftResolution";
    /// Class: a draft declaration.
    DRAFT_DECLARATION = "DraftDeclaration";
    /// Class: a letter.
    LETTER = "Letter";
    /// Class: a summary of a document.
    DOCUMENT_SUMMARY = "DocumentSummary";
    /// Status individual: draft.
    DRAFT = "Draft";
    /// Status individual: adopted.
    ADOPTED = "Adopted";
    /// Status individual: summary.
    SUMMARY = "Summary";
    /// Class: a paragraph.
    PARAGRAPH = "Paragraph";
    /// Class: something the extractor could not read cleanly in a document.
    EXTRACTION_ISSUE = "ExtractionIssue";
    /// Property: document → one of its extraction issues.
    HAS_ISSUE = "hasIssue";
    /// Property: extraction issue → its kind (`tip:NumberingGap` …).
    ISSUE_KIND = "issueKind";
    /// Class: a footnote.
    FOOTNOTE = "Footnote";
    /// Class: a mention of an entity.
    MENTION = "Mention";
    /// Class: a provision.
    PROVISION = "Provision";
    /// Class: a verb concept.
    VERB = "Verb";
    /// Class: a stated relation between entities.
    RELATION = "Relation";
    /// Class: any named entity.
    ENTITY = "Entity";
    /// Property: printed paragraph number.
    NUMBER = "number";
    /// Property: normalised text.
    TEXT = "text";
    /// Property: order in the document.
    POSITION = "position";
    /// Property: the first page of a paragraph read from a PDF.
    FIRST_PAGE = "firstPage";
    /// Property: the last page of a paragraph read from a PDF.
    LAST_PAGE = "lastPage";
    /// Property: role of a paragraph.
    PARAGRAPH_KIND = "paragraphKind";
    /// Property: paragraph or footnote → document.
    IN_DOCUMENT = "inDocument";
    /// Property: paragraph → footnote.
    HAS_FOOTNOTE = "hasFootnote";
    /// Property: the printed footnote mark.
    FOOTNOTE_MARK = "footnoteMark";
    /// Property: first source byte.
    START_BYTE = "startByte";
    /// Property: one past the last source byte.
    END_BYTE = "endByte";
    /// Property: the source file name.
    SOURCE_FILE = "sourceFile";
    /// Property: draft → the document adopted from it (inverse of `prov:wasRevisionOf`).
    DRAFT_OF = "draftOf";
    /// Class: a draft paired with its adopted text, and how the pairing was decided.
    DRAFT_PAIRING = "DraftPairing";
    /// Property: pairing → the draft.
    DRAFT_DOCUMENT = "draftDocument";
    /// Property: pairing → the adopted text.
    ADOPTED_DOCUMENT = "adoptedDocument";
    /// Property: how a pairing was decided (`"symbol"`, `"title"`, `"text"`).
    PAIRED_BY = "pairedBy";
    /// Property: the share of paragraphs of both texts that align (0 to 1).
    PARAGRAPH_OVERLAP = "paragraphOverlap";
    /// Class: one alignment of draft and adopted paragraphs.
    REVISION = "Revision";
    /// Property: revision → its pairing.
    IN_PAIRING = "inPairing";
    /// Property: the kind of a revision (`"same"`, `"changed"`, `"moved"`, `"merged"`,
    /// `"split"`, `"added"`, `"removed"`).
    REVISION_KIND = "revisionKind";
    /// Property: revision → the draft paragraph.
    DRAFT_PARAGRAPH = "draftParagraph";
    /// Property: revision → the adopted paragraph.
    ADOPTED_PARAGRAPH = "adoptedParagraph";
    /// Property: word similarity of the two paragraphs (0 to 1).
    SIMILARITY = "similarity";
    /// Class: a change of provision or citation in a revision.
    CHANGE = "Change";
    /// Property: revision → one of its changes.
    HAS_CHANGE = "hasChange";
    /// Property: the kind of a change (`"verb"`, `"addresseeAdded"`, `"addresseeRemoved"`,
    /// `"objectAdded"`, `"objectRemoved"`, `"mandate"`, `"citationAdded"`, `"citationRemoved"`).
    CHANGE_KIND = "changeKind";
    /// Property: change → the draft's verb (a `tip:Verb`).
    OLD_VERB = "oldVerb";
    /// Property: change → the adopted text's verb.
    NEW_VERB = "newVerb";
    /// Property: the direction of a change of directive verb (`"weakened"`, `"strengthened"`,
    /// `"other"`).
    STRENGTH_CHANGE = "strengthChange";
    /// Property: change → the entity or cited document added or removed.
    CHANGED_ENTITY = "changedEntity";
    /// Property: the draft's text of what changed (a mandate).
    OLD_TEXT = "oldText";
    /// Property: the adopted text's.
    NEW_TEXT = "newText";
    /// Property: a key of the source file's path (tells two files of one name apart).
    SOURCE_KEY = "sourceKey";
    /// Property: named graph → its summary as JSON (store bookkeeping, in
    /// [`crate::store::summary::SUMMARY_GRAPH`] only).
    GRAPH_SUMMARY = "graphSummary";
    /// Property: document status.
    STATUS = "status";
    /// Property: paragraph → entity it names.
    MENTIONS = "mentions";
    /// Property: paragraph → entity outside the reference lists that it names: one of the
    /// registry's extension (`tip:origin "extension"`) or one found by the shape of its name
    /// (kept apart from `tip:mentions`, of which it is a sub-property).
    MENTIONS_UNLISTED = "mentionsUnlisted";
    /// Property: paragraph → mention node.
    MENTION_NODE = "mention";
    /// Property: mention → entity.
    ENTITY_PROP = "entity";
    /// Property: exact surface text.
    SURFACE = "surface";
    /// Property: paragraph → cited document.
    CITES = "cites";
    /// Property: State → sponsored document.
    SPONSORS = "sponsors";
    /// Property: provision → paragraph.
    PARAGRAPH_PROP = "paragraph";
    /// Property: provision → verb concept.
    VERB_PROP = "verb";
    /// Property: the verb as printed.
    VERB_TEXT = "verbText";
    /// Property: provision → speaker.
    SPEAKER = "speaker";
    /// Property: provision → addressee.
    ADDRESSEE = "addressee";
    /// Property: provision → addressee outside the reference lists (sub-property of
    /// `tip:addressee`).
    ADDRESSEE_UNLISTED = "addresseeUnlisted";
    /// Property: provision → object.
    OBJECT = "object";
    /// Property: provision → object entity outside the reference lists (sub-property of
    /// `tip:object`).
    OBJECT_UNLISTED = "objectUnlisted";
    /// Property: mandate text.
    MANDATE = "mandate";
    /// Property: first source byte of the mandate.
    MANDATE_START_BYTE = "mandateStartByte";
    /// Property: end source byte of the mandate.
    MANDATE_END_BYTE = "mandateEndByte";
    /// Property: registry key.
    KEY = "key";
    /// Property: acronym.
    ACRONYM = "acronym";
    /// Property: label that refers only in context.
    ANAPHORIC_LABEL = "anaphoricLabel";
    /// Property: where a registry entity comes from (`"reference"` or `"extension"`).
    ORIGIN = "origin";
    /// Property: relation node → subject.
    RELATION_SUBJECT = "relationSubject";
    /// Property: relation node → object.
    RELATION_OBJECT = "relationObject";
    /// Property: relation node → relation property.
    RELATION_TYPE = "relationType";
    /// Property: relation node → paragraph stating it.
    STATED_IN = "statedIn";
    /// Property: document → its page on undocs.org.
    UNDOCS = "undocs";
    /// Property: whether a verb is directive.
    DIRECTIVE = "directive";
}

/// The closed list of verbs the gold annotations use, with whether each is directive (its
/// entity is the addressee) or not (its entity is the object).
pub const VERBS: &[(&str, bool)] = &[
    ("urges", true),
    ("invites", true),
    ("encourages", true),
    ("requests", true),
    ("callsUpon", true),
    ("reaffirms", false),
    ("recalls", false),
    ("reiterates", false),
    ("recognizes", false),
    ("acknowledges", false),
    ("welcomes", false),
    ("takesNoteOf", false),
    ("notes", false),
    ("expressesConcern", false),
    ("condemns", false),
    ("commits", false),
    ("stresses", false),
    ("emphasizes", false),
    ("underlines", false),
    ("affirms", false),
    ("decides", false),
    ("adopts", false),
    ("supports", false),
    ("callsFor", false),
    ("commends", false),
    ("appreciates", false),
];

/// Whether `verb` (a local name) is one of the directive verbs.
pub fn is_directive(verb: &str) -> bool {
    VERBS.iter().any(|&(v, d)| d && v == verb)
}

/// The full IRI of a `tip:` local name.
pub fn tip(local: &str) -> String {
    format!("{TIP}{local}")
}

/// `iri` as `prefix:local` when one of `prefixes` fits and the local part is simple, else
/// `<iri>`.
pub fn compact_iri(iri: &str, prefixes: &[(&str, String)]) -> String {
    prefixes
        .iter()
        .filter_map(|(p, ns)| iri.strip_prefix(ns.as_str()).map(|l| (p, l, ns.len())))
        .filter(|(_, l, _)| {
            !l.is_empty()
                && l.chars().all(|c| c.is_alphanumeric() || "-_./".contains(c))
                && !l.ends_with('.')
        })
        .max_by_key(|(_, _, n)| *n)
        .map_or_else(|| format!("<{iri}>"), |(p, l, _)| format!("{p}:{l}"))
}
