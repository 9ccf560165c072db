//! Command-line arguments: clap derive types only, help text in the doc comments. The binary
//! turns them into library calls; the library never sees the argument parser.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Turns United Nations documents on trafficking in persons into a linked-data knowledge graph:
/// extract documents into a store, then query it with SPARQL, export it as RDF, describe it.
///
/// Exit codes: 0 success; 1 a query with no result rows (or ASK false); 2 an error.
#[derive(Debug, Parser)]
#[command(name = "tipkg", version, about, long_about)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The store: a directory holding an on-disk RocksDB database (made by `extract`, guarded by
    /// `<PATH>.lock` while a command has it open).
    #[arg(
        long,
        global = true,
        env = "TIPKG_STORE",
        default_value = tipkg::store::DEFAULT_STORE,
        value_name = "PATH"
    )]
    pub store: PathBuf,
    /// Base of minted IRIs: documents under `doc/`, graphs under `graph/`, entities under `id/`.
    #[arg(long, global = true, default_value = tipkg::rdf::vocab::DEFAULT_BASE, value_name = "IRI")]
    pub base: String,
    /// How long a command waits for another tipkg process that has the store open (RocksDB
    /// lets one process at a time open it) before it gives up (exit 2). It says it is waiting
    /// after a second.
    #[arg(
        long,
        global = true,
        env = "TIPKG_LOCK_TIMEOUT",
        default_value_t = 300,
        value_name = "SECS"
    )]
    pub lock_timeout: u64,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract documents (.txt, .md, .html, .pdf; files or directories) into the store.
    ///
    /// Each document replaces its own named graph, so extracting twice gives the same store;
    /// the vocabulary and the entity registry are (re)loaded into their own graphs each run.
    /// Prints a summary on stdout; warnings and errors go to stderr, naming the file.
    ///
    /// A missing path, an unreadable file or a binary file is an error (exit 2, the other
    /// files still go in). An empty file is skipped with a warning (exit 0); so is a file in
    /// which no paragraph is found (probably not a UN document; its metadata still goes in).
    /// Text is read as UTF-8 (a few invalid sequences are replaced with U+FFFD, with their
    /// byte offsets in a warning), UTF-16 with a byte-order mark, or Windows-1252 (a legacy
    /// file, with a warning); HTML (.html, .htm, or HTML content under any name) as its text; a
    /// PDF (by its content, whatever its name) by its text layer, page by page, at most
    /// --pdf-timeout seconds each. A Word or ZIP file is refused with what to do instead.
    ///
    /// What a document could not give cleanly is reported per document on stderr (a gap in
    /// the printed numbering: "paragraphs 2 and 9 of the annex not found — the source may be
    /// missing text"; text without a number; an inferred sub-paragraph letter), counted in
    /// the summary and stored as tip:ExtractionIssue nodes; --strict makes findings errors.
    Extract(ExtractArgs),
    /// What changed between a draft and the text adopted from it.
    ///
    /// Reads both files through the pipeline (no store needed), aligns their paragraphs (one to
    /// one, merged, split, moved, added, removed; sub-paragraphs inside their parents) by the
    /// words they share, and lists per aligned pair the word changes, the change of opening
    /// verb (weakened or strengthened on the scale urges > calls upon, requests > encourages >
    /// invites), the addressees and objects added or removed, and the citations added or
    /// removed. Paragraph numbers as in the gold: PP3, 4bis, 16(a); a resolution adopting an
    /// annexed text numbers its own paragraphs res:1, res:2, ….
    Diff(DiffArgs),
    /// Run a SPARQL query on the store.
    ///
    /// The default graph is the union of all named graphs (documents, vocabulary, registry)
    /// unless --strict-dataset is given; the project's prefixes (tip:, id:, doc:, dcterms:,
    /// skos:, rdf:, rdfs:, owl:, xsd:, prov:, undo:, org:, foaf:, oa:, void:) are predeclared.
    /// Exit 1 when there is no result row (ASK false, empty CONSTRUCT).
    Query(QueryArgs),
    /// Export the store as RDF, sorted and stable.
    ///
    /// Graph formats (turtle, ntriples, rdfxml) get the triples of all graphs merged (or of
    /// --graph); dataset formats (trig, nquads, jsonld) keep the named graphs unless --union.
    Export(ExportArgs),
    /// Describe the store: counts as a table, JSON, or a VoID description in Turtle.
    Stats(StatsArgs),
    /// Draw the speaker → verb → addressee network (edge weight = number of provisions).
    ///
    /// By default the directive verbs (urges, requests, encourages, invites, calls upon); with
    /// --verb, --entity or --all-verbs also the objects of the other verbs (what is reaffirmed,
    /// welcomed, …). Exit 1 when no provision matches.
    Graph(GraphArgs),
    /// Remove documents from the store (their named graphs), by name (a-res-76-7), symbol
    /// (A/RES/76/7), file name (a-res-76-7.md) or IRI. A name that matches no document is an
    /// error naming the closest ones, and nothing is removed.
    Remove(RemoveArgs),
    /// Write the whole store (documents, vocabulary, registry) as N-Quads or TriG, for backup
    /// or for another SPARQL store; `tipkg load` reads it back.
    Dump(DumpArgs),
    /// Load N-Quads (.nq) or TriG (.trig) files into the store: each named graph of a file
    /// replaces the graph of that name. If any file does not parse, the store is left as it was.
    Load(LoadArgs),
    /// Send the store (or one document) to an external SPARQL store: Virtuoso, Fuseki,
    /// GraphDB, QLever, Neptune, …
    ///
    /// By default by the SPARQL 1.1 Graph Store HTTP Protocol: one `PUT ENDPOINT?graph=<IRI>`
    /// per named graph (documents, vocabulary, registry; and `?default` for a non-empty default
    /// graph), which replaces that graph, so pushing twice leaves the same content. With
    /// --update-endpoint, by SPARQL Update: per graph `DROP SILENT GRAPH` then `INSERT DATA` in
    /// requests of at most --chunk-size.
    ///
    /// Credentials only from the environment: TIPKG_PUSH_USER and TIPKG_PUSH_PASSWORD (HTTP
    /// Basic, or Digest when the server asks for it, as Virtuoso's -auth endpoints do), or
    /// TIPKG_PUSH_TOKEN (Bearer). A status other than 2xx stops the push with exit 2, naming
    /// the graph, the status and the server's message.
    Push(PushArgs),
    /// Serve the store read-only over HTTP: a SPARQL 1.1 Protocol endpoint.
    ///
    /// /query takes GET ?query=… and POST (application/sparql-query, or a form with query=…),
    /// with default-graph-uri and named-graph-uri; without them the default graph is the union
    /// of all graphs, and the project's prefixes are predeclared (as `tipkg query`). /queries
    /// lists the named queries and /queries/NAME?param=value… runs one; /.well-known/void is the
    /// VoID description (computed once at start); / names the endpoints. Results by the Accept
    /// header or format=: SELECT/ASK as SPARQL JSON (default), XML, CSV, TSV; CONSTRUCT and
    /// DESCRIBE as Turtle (default), N-Triples, JSON-LD, RDF/XML. Updates are refused (403).
    ///
    /// Prints `listening on http://ADDR/` once ready. On SIGINT or SIGTERM it stops taking
    /// requests, lets those in flight finish (at most --timeout and 5 s more) and exits 0; a
    /// second signal exits at once (130).
    Serve(ServeArgs),
}

/// Arguments of `tipkg push`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["endpoint", "update_endpoint"])))]
pub struct PushArgs {
    /// The Graph Store Protocol endpoint, e.g. http://localhost:8890/sparql-graph-crud-auth
    /// (Virtuoso), http://localhost:3030/ds/data (Fuseki),
    /// http://localhost:7200/repositories/R/rdf-graphs/service (GraphDB).
    #[arg(value_name = "ENDPOINT")]
    pub endpoint: Option<String>,
    /// Push by SPARQL Update to this endpoint instead, e.g. http://localhost:8890/sparql-auth
    /// (Virtuoso), http://localhost:3030/ds/update (Fuseki).
    #[arg(long, value_name = "URL")]
    pub update_endpoint: Option<String>,
    /// Push only this document: its name (a-res-76-7), symbol (A/RES/76/7), file name or IRI
    /// (as `tipkg remove` takes them), or the IRI of any named graph of the store.
    #[arg(long, value_name = "DOC")]
    pub graph: Option<String>,
    /// Body format of Graph Store requests.
    #[arg(long, value_enum, default_value = "ntriples")]
    pub format: PushFormat,
    /// Largest SPARQL Update request (bytes, or with a K, M or G suffix): stores limit the size
    /// of a request (Virtuoso 7.2 refuses an INSERT DATA of about 5,000 triples, ~750K).
    #[arg(long, value_name = "SIZE", default_value = "256K", value_parser = parse_size)]
    pub chunk_size: u64,
    /// Give up connecting after this long.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub connect_timeout: f64,
    /// Give up when the server neither reads nor answers for this long (it may take a while
    /// to load a large graph).
    #[arg(long, value_name = "SECS", default_value_t = 300.0)]
    pub read_timeout: f64,
    /// List what would be sent (graphs, triples, requests, bytes) and send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Body formats of `tipkg push`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PushFormat {
    /// N-Triples (application/n-triples).
    Ntriples,
    /// Turtle with the project's prefixes (text/turtle).
    Turtle,
}

/// Arguments of `tipkg serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (the line printed at start names it).
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "HOST:PORT")]
    pub bind: String,
    /// Connections served at once, one thread each; more wait in the kernel's queue until one
    /// closes.
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub max_connections: usize,
    /// Queries evaluated at once (default: the number of cores); more wait for a worker within
    /// their --timeout, then get 503.
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
    /// Time limit of a query, waiting for a worker included: past it the query is cancelled
    /// and the answer is 503 with a message.
    #[arg(long, value_name = "SECS", default_value = "30", value_parser = parse_secs)]
    pub timeout: std::time::Duration,
    /// Largest request body (a POSTed query or form), bytes or K/M/G: 413 beyond.
    #[arg(long, value_name = "SIZE", default_value = "1M", value_parser = parse_size)]
    pub max_body: u64,
    /// Largest response, bytes or K/M/G: 500 beyond, with a hint to add LIMIT.
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub max_result: u64,
}

/// Parses a positive number of seconds (fractions allowed), at most a day.
pub fn parse_secs(s: &str) -> Result<std::time::Duration, String> {
    let secs: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if !(secs > 0.0 && secs <= 86_400.0) {
        return Err(format!(
            "{s:?}: give a number of seconds above 0, at most 86400"
        ));
    }
    std::time::Duration::try_from_secs_f64(secs).map_err(|e| format!("{s:?}: {e}"))
}

/// Arguments of `tipkg dump`.
#[derive(Debug, Args)]
pub struct DumpArgs {
    /// nquads or trig.
    #[arg(long, value_enum, default_value = "nquads")]
    pub format: DumpFormat,
    /// Write to this file instead of stdout (as `export -o`).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Formats of `tipkg dump`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DumpFormat {
    /// N-Quads.
    Nquads,
    /// TriG.
    Trig,
}

/// Arguments of `tipkg load`.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// N-Quads (.nq, .nquads) or TriG (.trig) files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Arguments of `tipkg remove`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The documents to remove.
    #[arg(required = true, value_name = "DOC")]
    pub documents: Vec<String>,
}

/// Arguments of `tipkg diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The draft: a .txt, .md, .html or .pdf file, or a document of the store by its symbol,
    /// name or file name (read back from its graph).
    #[arg(value_name = "DRAFT")]
    pub draft: String,
    /// The adopted text, likewise.
    #[arg(value_name = "ADOPTED")]
    pub adopted: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: DiffFormat,
    /// Write to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Formats of `tipkg diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// The counts and every row that is not `same`, with its changes.
    Table,
    /// Everything, with the word-level difference of each changed pair.
    Json,
    /// One row per alignment (align, added, removed), then verb, addressee+/-, cite+/- rows.
    Tsv,
    /// Word-level rendering: ~~deleted~~, **inserted**.
    Markdown,
    /// Word-level rendering as a page: <del>, <ins>.
    Html,
}

/// Arguments of `tipkg extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories (walked recursively for .txt, .md, .markdown, .text, .html, .htm,
    /// .pdf files; each directory and file once, whatever symbolic links lead to it).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Treat what could not be read cleanly (gaps in the printed numbering, text without a
    /// number inside the numbered part, sub-paragraph letters the source lost) as errors:
    /// report every finding, write nothing to the store and exit 2.
    #[arg(long)]
    pub strict: bool,
    /// Refuse a file larger than this (bytes, or with a K, M or G suffix), before reading it.
    #[arg(long, value_name = "SIZE", default_value = "100M", value_parser = parse_size)]
    pub max_size: u64,
    /// Give up reading a PDF after this many seconds (a damaged file must not stop the others).
    #[arg(long, value_name = "SECONDS", default_value_t = tipkg::read::pdf::DEFAULT_SECONDS)]
    pub pdf_timeout: u64,
    /// Documents read and extracted at once (default: the number of cores). The store, the
    /// messages and the summary are the same whatever the number. On 2 cores, the 1,195 texts
    /// of ga-pdf-text took 17.0 s with 1 and 15.1 s with 2.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

/// Parses a size: bytes, or a number with a K, M or G suffix (powers of 1024; `B`, `iB` and
/// lower case accepted: 100M, 2GiB, 512k).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (digits, shift) = match body.chars().last() {
        Some('k') => (&body[..body.len() - 1], 10),
        Some('m') => (&body[..body.len() - 1], 20),
        Some('g') => (&body[..body.len() - 1], 30),
        Some('t') => (&body[..body.len() - 1], 40),
        _ => (body, 0),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("{t:?} is not a size (examples: 52428800, 50M, 2G)"))?;
    n.checked_mul(1u64 << shift)
        .ok_or_else(|| format!("{t:?} is too large"))
}

/// Arguments of `tipkg query`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["query", "file", "name", "list"])))]
pub struct QueryArgs {
    /// The SPARQL query text.
    pub query: Option<String>,
    /// Read the query from this file.
    #[arg(long, short = 'f', value_name = "F.rq")]
    pub file: Option<PathBuf>,
    /// Run the named query of queries/ (see --list).
    #[arg(long, short = 'n', value_name = "NAME")]
    pub name: Option<String>,
    /// List the named queries with what they answer and their parameters.
    #[arg(long)]
    pub list: bool,
    /// Bind a query variable: `name=value`, value an IRI in <>, a prefixed name (id:unodc), a
    /// registry key, acronym or label (UNODC → id:unodc), or else a plain literal. Bound as an
    /// RDF term, never spliced into the query text. Repeatable.
    #[arg(long, short = 'p', value_name = "NAME=VALUE")]
    pub param: Vec<String>,
    /// Output format: table, csv, tsv, json, xml for SELECT/ASK; turtle, ntriples for
    /// CONSTRUCT/DESCRIBE. Default: table when stdout is a terminal, else tsv (SELECT/ASK)
    /// or turtle (CONSTRUCT/DESCRIBE).
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
    /// Plain SPARQL dataset semantics: the default graph is the store's (empty) default graph;
    /// use GRAPH or FROM to reach the document graphs.
    #[arg(long)]
    pub strict_dataset: bool,
    /// Stop a query that runs longer than this (exit 2, with a message).
    #[arg(long, value_name = "SECS", default_value_t = 300.0)]
    pub timeout: f64,
    /// Stop a query when the process's memory passes this (bytes or K/M/G; default: half the
    /// machine's memory, at most 8G), with a message (exit 2), before the machine swaps.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_memory: Option<u64>,
    /// Instead of the results, print Oxigraph's evaluation plan with, for each step, the
    /// results it produced and its time (JSON), then the total number of steps: what to look
    /// at when a query is slow.
    #[arg(long)]
    pub explain: bool,
}

/// Output formats of `tipkg query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns with prefixed names (SELECT/ASK).
    Table,
    /// SPARQL 1.1 CSV results (SELECT/ASK).
    Csv,
    /// SPARQL 1.1 TSV results (SELECT/ASK).
    Tsv,
    /// SPARQL 1.1 JSON results (SELECT/ASK).
    Json,
    /// SPARQL XML results (SELECT/ASK).
    Xml,
    /// Turtle (CONSTRUCT/DESCRIBE).
    Turtle,
    /// N-Triples (CONSTRUCT/DESCRIBE).
    Ntriples,
}

/// Arguments of `tipkg export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// RDF format.
    #[arg(long, value_enum, default_value = "turtle")]
    pub format: ExportFormatArg,
    /// Export only this named graph (e.g. https://w3id.org/tipkg/graph/a-res-76-7).
    #[arg(long, value_name = "IRI", conflicts_with = "union")]
    pub graph: Option<String>,
    /// Merge all graphs into one default graph, also in dataset formats (trig, nquads, jsonld).
    #[arg(long)]
    pub union: bool,
    /// Write to this file instead of stdout: a regular file is replaced atomically (its mode
    /// kept, a symbolic link followed); a device or FIFO is written in place; a directory is
    /// refused.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Formats of `tipkg export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// Turtle with the project's prefixes.
    Turtle,
    /// TriG: one block per named graph.
    Trig,
    /// N-Triples.
    Ntriples,
    /// N-Quads.
    Nquads,
    /// RDF/XML.
    Rdfxml,
    /// JSON-LD, compacted with a @context of the project's prefixes.
    Jsonld,
}

/// Arguments of `tipkg stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: StatsFormat,
}

/// Formats of `tipkg stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// Readable tables.
    Table,
    /// JSON, for scripts.
    Json,
    /// A VoID description in Turtle.
    Void,
}

/// Arguments of `tipkg graph`.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Only the neighbourhood of this entity (a registry key, acronym, label or IRI).
    #[arg(long, value_name = "KEY")]
    pub entity: Option<String>,
    /// Only provisions with this verb (local name: urges, invites, requests, reaffirms, …).
    #[arg(long, value_name = "VERB")]
    pub verb: Option<String>,
    /// Every verb, with the objects of the non-directive ones (a much denser picture).
    #[arg(long)]
    pub all_verbs: bool,
    /// dot (Graphviz source) or svg (needs Graphviz `dot` on PATH).
    #[arg(long, value_enum, default_value = "dot")]
    pub format: GraphFormat,
    /// Write to this file instead of stdout (as `export -o`).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Formats of `tipkg graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// SVG rendered by Graphviz.
    Svg,
}
