//! Content negotiation and request decoding: the `Accept` header (with q-values) or a `format=`
//! parameter chooses how a response is written; query strings and form bodies are
//! percent-decoded; results are written in the chosen format.

use std::collections::HashSet;
use std::io::{self, Write};

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::Triple;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

use crate::rdf::Iris;

/// How a response body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// SPARQL 1.1 JSON results.
    Json,
    /// SPARQL XML results.
    Xml,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// Turtle with the project's prefixes.
    Turtle,
    /// N-Triples.
    NTriples,
    /// JSON-LD.
    JsonLd,
    /// RDF/XML.
    RdfXml,
}

impl Format {
    /// The `Content-Type` of a body in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Json => "application/sparql-results+json",
            Self::Xml => "application/sparql-results+xml",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Tsv => "text/tab-separated-values; charset=utf-8",
            Self::Turtle => "text/turtle; charset=utf-8",
            Self::NTriples => "application/n-triples",
            Self::JsonLd => "application/ld+json",
            Self::RdfXml => "application/rdf+xml",
        }
    }

    fn results(self) -> Option<QueryResultsFormat> {
        Some(match self {
            Self::Json => QueryResultsFormat::Json,
            Self::Xml => QueryResultsFormat::Xml,
            Self::Csv => QueryResultsFormat::Csv,
            Self::Tsv => QueryResultsFormat::Tsv,
            _ => return None,
        })
    }

    fn rdf(self) -> Option<RdfFormat> {
        Some(match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::NTriples => RdfFormat::NTriples,
            Self::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            Self::RdfXml => RdfFormat::RdfXml,
            _ => return None,
        })
    }
}

/// What a response carries, which decides the formats it can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// SELECT or ASK results.
    Results,
    /// RDF triples: CONSTRUCT, DESCRIBE, VoID.
    Graph,
}

/// Media types offered for SPARQL results, the default first; aliases map to the same format.
const RESULTS: &[(&str, Format)] = &[
    ("application/sparql-results+json", Format::Json),
    ("application/json", Format::Json),
    ("application/sparql-results+xml", Format::Xml),
    ("application/xml", Format::Xml),
    ("text/xml", Format::Xml),
    ("text/csv", Format::Csv),
    ("text/tab-separated-values", Format::Tsv),
];

/// Media types offered for RDF, the default first.
const GRAPH: &[(&str, Format)] = &[
    ("text/turtle", Format::Turtle),
    ("application/x-turtle", Format::Turtle),
    ("application/n-triples", Format::NTriples),
    ("application/ld+json", Format::JsonLd),
    ("application/json", Format::JsonLd),
    ("application/rdf+xml", Format::RdfXml),
];

/// `format=` names: (name, format for results, format for RDF).
const NAMES: &[(&str, Option<Format>, Option<Format>)] = &[
    ("json", Some(Format::Json), Some(Format::JsonLd)),
    ("xml", Some(Format::Xml), Some(Format::RdfXml)),
    ("csv", Some(Format::Csv), None),
    ("tsv", Some(Format::Tsv), None),
    ("turtle", None, Some(Format::Turtle)),
    ("ttl", None, Some(Format::Turtle)),
    ("ntriples", None, Some(Format::NTriples)),
    ("n-triples", None, Some(Format::NTriples)),
    ("nt", None, Some(Format::NTriples)),
    ("jsonld", None, Some(Format::JsonLd)),
    ("json-ld", None, Some(Format::JsonLd)),
    ("rdfxml", None, Some(Format::RdfXml)),
    ("rdf-xml", None, Some(Format::RdfXml)),
];

impl Kind {
    fn offers(self) -> &'static [(&'static str, Format)] {
        match self {
            Self::Results => RESULTS,
            Self::Graph => GRAPH,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Self::Results => "SELECT and ASK results",
            Self::Graph => "RDF (CONSTRUCT, DESCRIBE, VoID)",
        }
    }

    fn names(self) -> Vec<&'static str> {
        NAMES
            .iter()
            .filter(|(_, r, g)| match self {
                Self::Results => r.is_some(),
                Self::Graph => g.is_some(),
            })
            .map(|(n, _, _)| *n)
            .collect()
    }
}

/// The format for a response of `kind`: `format` (a name such as `json` or `turtle`, or a media
/// type) when given, else the best of the `Accept` header by q-value (ties: the server's order,
/// its default first), else the default (JSON results, Turtle). The error says what can be had.
pub fn choose(kind: Kind, accept: Option<&str>, format: Option<&str>) -> Result<Format, String> {
    let offered = || {
        let mut types: Vec<&str> = kind.offers().iter().map(|(t, _)| *t).collect();
        types.dedup();
        types.join(", ")
    };
    if let Some(name) = format {
        let n = name.trim().to_ascii_lowercase();
        let by_name = NAMES
            .iter()
            .find(|(k, _, _)| *k == n)
            .and_then(|(_, r, g)| match kind {
                Kind::Results => *r,
                Kind::Graph => *g,
            });
        let by_type = || {
            let t = n.split(';').next().unwrap_or("").trim();
            kind.offers().iter().find(|(m, _)| *m == t).map(|(_, f)| *f)
        };
        return by_name.or_else(by_type).ok_or_else(|| {
            format!(
                "format={name} cannot carry {}; use format={} or one of the media types {}",
                kind.what(),
                kind.names().join(", format="),
                offered()
            )
        });
    }
    let ranges = match accept {
        Some(a) => parse_accept(a),
        None => Vec::new(),
    };
    let default = kind.offers().first().map_or(Format::Json, |(_, f)| *f);
    if ranges.is_empty() {
        return Ok(default);
    }
    let mut best: Option<(f32, Format)> = None;
    for (media, f) in kind.offers() {
        let (typ, sub) = media.split_once('/').unwrap_or((media, ""));
        let q = ranges
            .iter()
            .filter_map(|r| {
                let specificity = match (r.typ.as_str(), r.sub.as_str()) {
                    (t, s) if t == typ && s == sub => 3,
                    (t, "*") if t == typ => 2,
                    ("*", "*") => 1,
                    _ => return None,
                };
                Some((specificity, r.q))
            })
            .max_by_key(|&(s, _)| s)
            .map_or(0.0, |(_, q)| q);
        // The body is labelled with the format's own media type: one refused by name (q=0) is
        // not sent through an alias that a wildcard or another name let in.
        let own = f.content_type().split(';').next().unwrap_or("");
        let refused = ranges
            .iter()
            .any(|r| r.q == 0.0 && own.split_once('/') == Some((r.typ.as_str(), r.sub.as_str())));
        if q > 0.0 && !refused && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, *f));
        }
    }
    best.map(|(_, f)| f).ok_or_else(|| {
        format!(
            "no media type of the Accept header ({}) can carry {}; this endpoint writes {} (or \
             give format={})",
            accept.unwrap_or(""),
            kind.what(),
            offered(),
            kind.names().join(", format=")
        )
    })
}

/// One media range of an `Accept` header.
#[derive(Debug, Clone, PartialEq)]
struct Range {
    typ: String,
    sub: String,
    q: f32,
}

/// The media ranges of an `Accept` header; a malformed range or q-value is skipped.
fn parse_accept(header: &str) -> Vec<Range> {
    header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let media = pieces.next()?.trim().to_ascii_lowercase();
            let (typ, sub) = if media == "*" {
                ("*".to_owned(), "*".to_owned())
            } else {
                let (t, s) = media.split_once('/')?;
                (t.trim().to_owned(), s.trim().to_owned())
            };
            if typ.is_empty() || sub.is_empty() || (typ == "*" && sub != "*") {
                return None;
            }
            let mut q = 1.0_f32;
            for p in pieces {
                if let Some((k, v)) = p.split_once('=')
                    && k.trim().eq_ignore_ascii_case("q")
                {
                    q = v
                        .trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| (0.0..=1.0).contains(q))?;
                }
            }
            Some(Range { typ, sub, q })
        })
        .collect()
}

/// The `name=value` pairs of a query string or form body, percent-decoded (`+` is a space); an
/// error when a name or value is not UTF-8 once decoded.
pub fn form_pairs(s: &str) -> Result<Vec<(String, String)>, String> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Ok((decode(k)?, decode(v)?))
        })
        .collect()
}

/// Percent-decodes one form component; a `%` not followed by two hex digits stays as it is.
fn decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|&c| (c as char).to_digit(16));
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                if let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2)) {
                    // Two hex digits: at most 0xFF.
                    out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| {
        let shown: String = s.chars().take(60).collect();
        format!("{shown:?} is not UTF-8 once percent-decoded")
    })
}

/// Why writing results failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteFailure {
    /// The query failed while its results were read (including being cancelled).
    #[error("{0}")]
    Evaluation(String),
    /// The body would pass the size limit.
    #[error("the response passes its size limit")]
    TooLarge,
    /// Writing failed otherwise.
    #[error("writing the response: {0}")]
    Io(io::Error),
}

impl From<io::Error> for WriteFailure {
    fn from(e: io::Error) -> Self {
        if e.get_ref().is_some_and(|inner| inner.is::<Overflow>()) {
            Self::TooLarge
        } else {
            Self::Io(e)
        }
    }
}

/// The error a [`Limited`] writer gives past its limit.
#[derive(Debug, thiserror::Error)]
#[error("the response passes its size limit")]
struct Overflow;

/// A buffer that refuses to grow past a limit.
#[derive(Debug)]
pub struct Limited {
    buf: Vec<u8>,
    max: usize,
}

impl Limited {
    /// An empty buffer of at most `max` bytes.
    pub fn new(max: usize) -> Self {
        Self {
            buf: Vec::new(),
            max,
        }
    }

    /// The bytes written.
    pub fn into_inner(self) -> Vec<u8> {
        self.buf
    }
}

impl Write for Limited {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buf.len().saturating_add(data.len()) > self.max {
            return Err(io::Error::other(Overflow));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The kind of response `results` make.
pub fn kind_of(results: &QueryResults<'static>) -> Kind {
    match results {
        QueryResults::Graph(_) => Kind::Graph,
        QueryResults::Solutions(_) | QueryResults::Boolean(_) => Kind::Results,
    }
}

/// Writes `results` in `format` (which must suit their [`kind_of`]).
pub fn write_results(
    results: QueryResults<'static>,
    format: Format,
    iris: &Iris,
    out: &mut impl Write,
) -> Result<(), WriteFailure> {
    let eval = |e: &dyn std::fmt::Display| WriteFailure::Evaluation(e.to_string());
    let unfit = || WriteFailure::Io(io::Error::other("format does not fit the results"));
    match results {
        QueryResults::Boolean(b) => {
            let f = format.results().ok_or_else(unfit)?;
            QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(&mut *out, b)?;
        }
        QueryResults::Solutions(solutions) => {
            let f = format.results().ok_or_else(unfit)?;
            let vars = solutions.variables().to_vec();
            let mut ser = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut *out, vars)?;
            for s in solutions {
                ser.serialize(&s.map_err(|e| eval(&e))?)?;
            }
            ser.finish()?;
        }
        QueryResults::Graph(triples) => {
            let all = triples
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| eval(&e))?;
            write_triples(all, format, iris, out)?;
        }
    }
    Ok(())
}

/// Writes triples as RDF in `format`, each once: Turtle sorted and grouped by subject with the
/// project's prefixes; the other formats in the order given.
pub fn write_triples(
    triples: Vec<Triple>,
    format: Format,
    iris: &Iris,
    out: &mut impl Write,
) -> Result<(), WriteFailure> {
    let prefixes = iris.prefixes();
    let rdf = format
        .rdf()
        .ok_or_else(|| WriteFailure::Io(io::Error::other("format does not fit RDF")))?;
    if rdf == RdfFormat::Turtle {
        crate::output::export::write_turtle(triples, &prefixes, &mut *out)?;
        return Ok(());
    }
    let mut ser = RdfSerializer::from_format(rdf);
    if rdf != RdfFormat::NTriples {
        for (p, ns) in &prefixes {
            ser = ser
                .with_prefix(*p, ns.as_str())
                .map_err(|e| WriteFailure::Io(io::Error::other(e)))?;
        }
    }
    let mut w = ser.for_writer(&mut *out);
    let mut seen = HashSet::new();
    for t in &triples {
        if seen.insert(t) {
            w.serialize_triple(t)?;
        }
    }
    w.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_with_q_values_picks_the_highest_and_ties_go_to_the_default() {
        let r = |a: &str| choose(Kind::Results, Some(a), None);
        let g = |a: &str| choose(Kind::Graph, Some(a), None);
        assert_eq!(
            r("text/csv;q=0.5, application/sparql-results+xml"),
            Ok(Format::Xml)
        );
        assert_eq!(r("text/csv;q=0.9, text/*;q=0.1"), Ok(Format::Csv));
        assert_eq!(r("*/*"), Ok(Format::Json));
        assert_eq!(r("*"), Ok(Format::Json));
        assert_eq!(r("text/*"), Ok(Format::Xml)); // text/xml comes before text/csv
        assert_eq!(r("text/tab-separated-values"), Ok(Format::Tsv));
        assert_eq!(
            r("application/sparql-results+json;q=0, */*;q=0.1"),
            Ok(Format::Xml)
        );
        assert!(r("image/png").is_err());
        assert!(r("application/sparql-results+json;q=0").is_err());
        assert_eq!(g("application/n-triples"), Ok(Format::NTriples));
        assert_eq!(
            g("application/ld+json;q=0.8, text/turtle;q=0.2"),
            Ok(Format::JsonLd)
        );
        assert_eq!(
            g("application/sparql-results+xml, application/rdf+xml"),
            Ok(Format::RdfXml)
        );
        assert!(g("application/sparql-results+json").is_err());
        // No header, an empty one or garbage: the default.
        assert_eq!(choose(Kind::Graph, None, None), Ok(Format::Turtle));
        assert_eq!(r(""), Ok(Format::Json));
        assert_eq!(r("garbage"), Ok(Format::Json));
        // A malformed q-value drops its range.
        assert_eq!(
            r("text/csv;q=abc, text/tab-separated-values"),
            Ok(Format::Tsv)
        );
    }

    #[test]
    fn format_parameter_overrides_accept_and_depends_on_the_kind() {
        let f = |k, n| choose(k, Some("text/csv"), Some(n));
        assert_eq!(f(Kind::Results, "json"), Ok(Format::Json));
        assert_eq!(f(Kind::Graph, "json"), Ok(Format::JsonLd));
        assert_eq!(f(Kind::Graph, "XML"), Ok(Format::RdfXml));
        assert_eq!(f(Kind::Graph, "nt"), Ok(Format::NTriples));
        assert_eq!(
            f(Kind::Results, "text/tab-separated-values"),
            Ok(Format::Tsv)
        );
        let e = f(Kind::Results, "turtle").unwrap_err();
        assert!(e.contains("format=json"), "{e}");
        assert!(f(Kind::Graph, "csv").is_err());
        assert!(f(Kind::Graph, "nonsense").is_err());
    }

    #[test]
    fn form_decoding() {
        assert_eq!(
            form_pairs("query=SELECT+*+%7B%3Fs+%3Fp+%3Fo%7D&x=&flag").unwrap(),
            vec![
                ("query".to_owned(), "SELECT * {?s ?p ?o}".to_owned()),
                ("x".to_owned(), String::new()),
                ("flag".to_owned(), String::new())
            ]
        );
        assert_eq!(form_pairs("a=%C3%A9%").unwrap()[0].1, "é%");
        assert_eq!(form_pairs("a=%zz%4").unwrap()[0].1, "%zz%4");
        assert!(form_pairs("a=%FF").is_err());
        assert!(form_pairs("").unwrap().is_empty());
    }

    #[test]
    fn limited_refuses_to_grow_past_its_limit() {
        let mut l = Limited::new(4);
        assert!(l.write_all(b"abc").is_ok());
        let e = l.write_all(b"de").unwrap_err();
        assert!(matches!(WriteFailure::from(e), WriteFailure::TooLarge));
        assert_eq!(l.into_inner(), b"abc");
    }
}
