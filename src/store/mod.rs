//! Store: the embedded Oxigraph store on disk.
//!
//! A store is a directory holding Oxigraph's RocksDB database: opening it costs milliseconds
//! whatever its size, a query reads only the index ranges it needs, and writing one document
//! touches only that document's named graph. Each document goes in one transaction
//! ([`GraphStore::replace_graph_with`]), so a kill at any moment leaves that document's old or
//! new graph, never half of one (RocksDB's write-ahead log replays committed transactions and
//! drops the rest).
//!
//! RocksDB lets one process open a database at a time. Every command therefore holds an
//! exclusive lock on `<store>.lock` while it has the store open — waiting for another tipkg
//! process as [`LockWait`] says, with its PID in the message — so concurrent writers are
//! serialised and a reader never meets RocksDB's own lock error. All persistence is behind
//! this module.

use std::fs::TryLockError;
use std::fs::{self, File, OpenOptions};
use std::io::{BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedNodeRef, Quad, QuadRef};
use oxigraph::store::Store;

use crate::rdf::Iris;
use crate::registry;

pub mod summary;

pub use summary::{Summarizer, Summary};

/// A graph to add to the store whole ([`NewGraphs::add`]).
pub struct NewGraph {
    /// Its name.
    pub graph: NamedNode,
    /// Its quads, all in `graph`.
    pub quads: Vec<Quad>,
    /// Its summary, when the caller made it already (on another thread, say).
    pub summary: Option<Summary>,
}

/// Graphs new to the store going in through one session of Oxigraph's bulk loader: their quads
/// are handed over in batches of the loader's size, each batch encoded and written to sorted
/// index files on a thread of its own while the caller goes on, and [`NewGraphs::commit`]
/// ingests all those files at once. One ingestion means the database merges the new files
/// once, instead of re-merging its growing index after every batch (which made RocksDB's
/// compaction a third of `extract`'s time). Nothing is visible before the commit, and a kill
/// before it leaves the store as it was; dropping the session without committing discards it.
pub struct NewGraphs<'a> {
    store: &'a GraphStore,
    loader: oxigraph::store::BulkLoader<'a>,
    batch: usize,
    buffer: Vec<Quad>,
    graphs: std::collections::HashSet<NamedNode>,
    quads: usize,
}

impl NewGraphs<'_> {
    /// True when `graph` was added to this session (and is not in the store until the commit).
    pub fn contains(&self, graph: NamedNodeRef<'_>) -> bool {
        self.graphs.contains(&graph.into_owned())
    }

    /// Adds one graph, which must be absent from the store and from this session, with its
    /// summary (computed here when not given).
    pub fn add(&mut self, g: NewGraph) -> Result<(), StoreError> {
        let s = g
            .summary
            .unwrap_or_else(|| summary::summarize(g.graph.as_ref().into(), &g.quads));
        self.quads += g.quads.len();
        self.buffer.extend(g.quads);
        self.buffer.push(summary::quad(g.graph.as_ref().into(), &s));
        self.graphs.insert(g.graph);
        self.hand_over(false)
    }

    /// Adds one quad of a named graph absent from the store, whose summary the caller adds
    /// once the graph is complete ([`NewGraphs::add_summary`]): for graphs read as a stream.
    pub fn add_quad(&mut self, q: Quad) -> Result<(), StoreError> {
        if let GraphName::NamedNode(g) = &q.graph_name
            && !self.graphs.contains(g)
        {
            self.graphs.insert(g.clone());
        }
        self.quads += 1;
        self.buffer.push(q);
        self.hand_over(false)
    }

    /// Adds the summary of a graph whose quads went in by [`NewGraphs::add_quad`].
    pub fn add_summary(&mut self, graph: NamedNodeRef<'_>, s: &Summary) -> Result<(), StoreError> {
        self.buffer.push(summary::quad(graph.into(), s));
        self.hand_over(false)
    }

    /// Hands the buffer over to the loader once it holds a batch (or whatever it holds, when
    /// `all`).
    fn hand_over(&mut self, all: bool) -> Result<(), StoreError> {
        if self.buffer.len() >= self.batch || (all && !self.buffer.is_empty()) {
            let batch = std::mem::take(&mut self.buffer);
            self.loader
                .load_quads(batch)
                .map_err(|e| self.store.oxi(e))?;
        }
        Ok(())
    }

    /// Number of quads added so far (summaries not counted).
    pub fn len(&self) -> usize {
        self.quads
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.graphs.is_empty()
    }

    /// Ingests everything added, all of it or none. Returns the number of quads (summaries not
    /// counted).
    pub fn commit(mut self) -> Result<usize, StoreError> {
        self.hand_over(true)?;
        let (store, quads) = (self.store, self.quads);
        self.loader.commit().map_err(|e| store.oxi(e))?;
        Ok(quads)
    }
}

/// What the bulk loader may hold in memory (its own estimate), in megabytes: it takes new
/// graphs' quads in batches of this × 1,000 / cores (50,000 quads on 2 cores).
pub const BULK_MEMORY_MB: usize = 100;

/// The default store directory, in the working directory.
pub const DEFAULT_STORE: &str = "tipkg-store";

/// The file RocksDB keeps in every database directory: how a store is recognised.
const MARKER: &str = "CURRENT";

/// A failure to open or change the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file of the store could not be read or written.
    #[error("store {path}: {cause}")]
    Io {
        /// The offending file.
        path: PathBuf,
        /// The I/O error (in the message, so not also a `source()`).
        cause: std::io::Error,
    },
    /// The path holds something that is not a store, which tipkg will not write into.
    #[error("store {path}: {what}")]
    NotAStore {
        /// The path given as the store.
        path: PathBuf,
        /// What it is and what to do.
        what: String,
    },
    /// Another process holds the store longer than the caller would wait.
    #[error(
        "store {path}: another tipkg process{holder} has it open (a running `tipkg serve` holds \
         its store); gave up after {secs} s (raise --lock-timeout to wait longer)"
    )]
    Locked {
        /// The store.
        path: PathBuf,
        /// " (PID n)" when the lock file names its holder.
        holder: String,
        /// How long the caller waited.
        secs: u64,
    },
    /// A file to load is not valid RDF.
    #[error("{path}: not valid {format}: {message}")]
    Syntax {
        /// The offending file.
        path: PathBuf,
        /// The format expected.
        format: &'static str,
        /// The parser's message, with line and column.
        message: String,
    },
    /// Oxigraph (RocksDB) failed.
    #[error("store {path}: {message}")]
    Oxigraph {
        /// The store.
        path: PathBuf,
        /// What Oxigraph said.
        message: String,
    },
}

/// The store: an open Oxigraph database and the lock that makes it this process's.
pub struct GraphStore {
    store: Store,
    path: PathBuf,
    // Declared after `store`, so dropped after it: the database is closed before the lock goes.
    _lock: File,
}

impl std::fmt::Debug for GraphStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl GraphStore {
    /// Opens an existing store (for reading, though nothing stops a caller from writing): a
    /// missing store is an error that says how to make one.
    pub fn open_existing(path: &Path, wait: &LockWait<'_>) -> Result<Self, StoreError> {
        if !is_store(path) {
            return Err(match check_path(path) {
                Err(e) => e,
                Ok(()) if path.is_dir() => StoreError::NotAStore {
                    path: path.to_owned(),
                    what: "is an empty directory, not a store (`tipkg extract PATH…` makes one)"
                        .to_owned(),
                },
                Ok(()) => StoreError::Io {
                    path: path.to_owned(),
                    cause: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no such store (run `tipkg extract PATH…` first, or give --store)",
                    ),
                },
            });
        }
        Self::open_locked(path, wait)
    }

    /// Opens the store for writing, creating it (and its parent folders) when missing. Waits
    /// for another tipkg process that has it open as [`LockWait`] says.
    pub fn open_for_write(path: &Path, wait: &LockWait<'_>) -> Result<Self, StoreError> {
        check_path(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|cause| StoreError::Io {
                path: dir.to_owned(),
                cause,
            })?;
        }
        Self::open_locked(path, wait)
    }

    fn open_locked(path: &Path, wait: &LockWait<'_>) -> Result<Self, StoreError> {
        let lock_path = lock_path(path);
        let mut lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&lock_path)
            .map_err(|cause| StoreError::Io {
                path: lock_path.clone(),
                cause,
            })?;
        acquire(&lock, path, &lock_path, wait)?;
        // Name the holder for whoever waits next.
        let _ = lock.set_len(0);
        let _ = write!(lock, "{}", std::process::id());
        // Check again under the lock: another process may have made it meanwhile.
        check_path(path)?;
        let store = Store::open(path).map_err(|e| StoreError::Oxigraph {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        Ok(Self {
            store,
            path: path.to_owned(),
            _lock: lock,
        })
    }

    /// The Oxigraph store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn oxi(&self, e: impl std::fmt::Display) -> StoreError {
        StoreError::Oxigraph {
            path: self.path.clone(),
            message: e.to_string(),
        }
    }

    /// Replaces the named graph `graph` with `quads` (which must all be in that graph), in one
    /// transaction: extracting a document twice gives the same graph.
    pub fn replace_graph(&self, graph: NamedNodeRef<'_>, quads: &[Quad]) -> Result<(), StoreError> {
        self.replace_with(graph, |sink| quads.iter().for_each(|q| sink(q.as_ref())))
            .map(drop)
    }

    /// Replaces the named graph `graph` with the quads `fill` hands to its sink (all in that
    /// graph), with its summary, in one transaction, without holding them in a vector first.
    /// Returns the number of quads the graph then holds.
    pub fn replace_graph_with(
        &self,
        graph: NamedNodeRef<'_>,
        fill: impl FnOnce(&mut dyn FnMut(Quad)),
    ) -> Result<usize, StoreError> {
        self.replace_with(graph, |sink| fill(&mut |q: Quad| sink(q.as_ref())))
    }

    /// [`GraphStore::replace_graph_with`] for borrowed quads.
    fn replace_with(
        &self,
        graph: NamedNodeRef<'_>,
        fill: impl FnOnce(&mut dyn FnMut(QuadRef<'_>)),
    ) -> Result<usize, StoreError> {
        let mut t = self.store.start_transaction().map_err(|e| self.oxi(e))?;
        t.clear_graph(graph).map_err(|e| self.oxi(e))?;
        let mut sum = Summarizer::new(graph.into());
        fill(&mut |q: QuadRef<'_>| {
            sum.push(q);
            t.insert(q);
        });
        let sum = sum.finish();
        let n = sum.all.triples;
        self.set_summary(&mut t, graph.into(), Some(&sum))?;
        t.commit().map_err(|e| self.oxi(e))?;
        Ok(n)
    }

    /// Replaces, in transaction `t`, the stored summary of `graph` with `summary` (none:
    /// removes it).
    fn set_summary(
        &self,
        t: &mut oxigraph::store::Transaction<'_>,
        graph: GraphNameRef<'_>,
        summary: Option<&Summary>,
    ) -> Result<(), StoreError> {
        let key = summary::key(graph);
        let sg = summary::summary_graph();
        let p = NamedNode::new_unchecked(crate::rdf::vocab::GRAPH_SUMMARY);
        let old = t
            .quads_for_pattern(
                Some(key.as_ref().into()),
                Some(p.as_ref()),
                None,
                Some(sg.as_ref().into()),
            )
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.oxi(e))?;
        for q in &old {
            t.remove(q);
        }
        if let Some(s) = summary {
            t.insert(&summary::quad(graph, s));
        }
        Ok(())
    }

    /// Starts a bulk-loading session for graphs new to the store (see [`NewGraphs`]);
    /// `memory_mb` bounds the loader's buffers.
    pub fn new_graphs(&self, memory_mb: usize) -> NewGraphs<'_> {
        // A loader thread per core, each on its own batch (on ga-pdf-text: 9 s instead of 12 s
        // with one thread and the same memory).
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let memory_mb = memory_mb.max(16);
        NewGraphs {
            store: self,
            loader: self
                .store
                .bulk_loader()
                .with_num_threads(threads)
                .with_max_memory_size_in_megabytes(memory_mb),
            // The loader's own batch size for that memory and those threads: each batch handed
            // over is then one batch of sorted files, built on a thread of its own.
            batch: (memory_mb * 1000 / threads).max(1),
            buffer: Vec::new(),
            graphs: std::collections::HashSet::new(),
            quads: 0,
        }
    }

    /// Parses N-Quads or TriG (by `path`'s extension) and replaces every named graph the file
    /// holds with its content there (its default-graph triples go to the store's default
    /// graph), all or nothing, so nothing changes if it does not parse. Returns the number of
    /// quads and of named graphs loaded.
    ///
    /// A file whose graphs are all new to the store (a backup restored into a fresh store, say)
    /// goes in by one session of the bulk loader; any other, by one transaction, which holds
    /// all its changes in memory until the commit.
    pub fn load_file(&self, path: &Path) -> Result<(usize, usize), StoreError> {
        let format = match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("nq" | "nquads") => RdfFormat::NQuads,
            Some("trig") => RdfFormat::TriG,
            _ => {
                return Err(StoreError::Io {
                    path: path.to_owned(),
                    cause: std::io::Error::other("not an N-Quads (.nq) or TriG (.trig) file name"),
                });
            }
        };
        match self.load_new(path, format)? {
            Some(loaded) => Ok(loaded),
            None => self.load_replacing(path, format),
        }
    }

    /// The quads of an RDF file, less those of another store's summaries.
    fn parse(
        path: &Path,
        format: RdfFormat,
    ) -> Result<impl Iterator<Item = Result<Quad, StoreError>>, StoreError> {
        let file = File::open(path).map_err(|cause| StoreError::Io {
            path: path.to_owned(),
            cause,
        })?;
        let name = if format == RdfFormat::NQuads {
            "N-Quads"
        } else {
            "TriG"
        };
        let path = path.to_owned();
        Ok(RdfParser::from_format(format)
            .for_reader(BufReader::with_capacity(1 << 20, file))
            .map(move |q| {
                q.map_err(|e| StoreError::Syntax {
                    path: path.clone(),
                    format: name,
                    message: e.to_string(),
                })
            })
            // Another store's bookkeeping: the summaries are made again.
            .filter(|q| {
                !matches!(q, Ok(q) if matches!(&q.graph_name,
                    GraphName::NamedNode(g) if g.as_str() == summary::SUMMARY_GRAPH))
            }))
    }

    /// [`GraphStore::load_file`] by the bulk loader, or `None` (and nothing written) as soon
    /// as the file names a graph the store has, or holds default-graph triples.
    fn load_new(
        &self,
        path: &Path,
        format: RdfFormat,
    ) -> Result<Option<(usize, usize)>, StoreError> {
        let mut session = self.new_graphs(BULK_MEMORY_MB);
        let mut graphs: std::collections::HashMap<NamedNode, Summarizer> =
            std::collections::HashMap::new();
        for q in Self::parse(path, format)? {
            let q = q?;
            let GraphName::NamedNode(g) = &q.graph_name else {
                return Ok(None);
            };
            let sum = match graphs.get_mut(g) {
                Some(sum) => sum,
                None if self.contains_graph(g.as_ref())? => return Ok(None),
                None => graphs
                    .entry(g.clone())
                    .or_insert_with(|| Summarizer::new(g.as_ref().into())),
            };
            sum.push(q.as_ref());
            session.add_quad(q)?;
        }
        let n = graphs.len();
        for (g, sum) in graphs {
            session.add_summary(g.as_ref(), &sum.finish())?;
        }
        // An error before this line drops the session: nothing of the file was written.
        Ok(Some((session.commit()?, n)))
    }

    /// [`GraphStore::load_file`] in one transaction: each named graph is cleared when the file
    /// first names it; an error returns before the commit, which drops (rolls back) the
    /// transaction.
    fn load_replacing(&self, path: &Path, format: RdfFormat) -> Result<(usize, usize), StoreError> {
        let mut t = self.store.start_transaction().map_err(|e| self.oxi(e))?;
        let mut graphs = std::collections::HashSet::new();
        let (mut n, mut defaults) = (0, false);
        for q in Self::parse(path, format)? {
            let q = q?;
            defaults |= q.graph_name.is_default_graph();
            if let GraphName::NamedNode(g) = &q.graph_name
                && !graphs.contains(g)
            {
                t.clear_graph(g.as_ref()).map_err(|e| self.oxi(e))?;
                graphs.insert(g.clone());
            }
            t.insert(&q);
            n += 1;
        }
        let touched = graphs
            .iter()
            .map(|g| GraphName::NamedNode(g.clone()))
            .chain(defaults.then_some(GraphName::DefaultGraph));
        for g in touched {
            let mut sum = Summarizer::new(g.as_ref());
            for q in t.quads_for_pattern(None, None, None, Some(g.as_ref())) {
                sum.push(q.map_err(|e| self.oxi(e))?.as_ref());
            }
            self.set_summary(&mut t, g.as_ref(), Some(&sum.finish()))?;
        }
        t.commit().map_err(|e| self.oxi(e))?;
        Ok((n, graphs.len()))
    }

    /// Removes the named graph `graph` and everything in it; returns how many quads went.
    pub fn remove_graph(&self, graph: NamedNodeRef<'_>) -> Result<usize, StoreError> {
        let n = self.graph_len(graph);
        let mut t = self.store.start_transaction().map_err(|e| self.oxi(e))?;
        t.remove_named_graph(graph).map_err(|e| self.oxi(e))?;
        self.set_summary(&mut t, graph.into(), None)?;
        t.commit().map_err(|e| self.oxi(e))?;
        Ok(n)
    }

    /// Replaces the vocabulary graph and the registry graph with the embedded
    /// [`registry::ONTOLOGY_TTL`] and [`registry::REGISTRY_TTL`], so the store describes its own
    /// terms and entities. Returns the number of quads loaded.
    pub fn load_vocabulary(&self, iris: &Iris) -> Result<usize, StoreError> {
        let mut n = 0;
        for (name, ttl, graph) in [
            (
                "ontology/tipkg.ttl",
                registry::ONTOLOGY_TTL,
                iris.ontology_graph(),
            ),
            (
                "ontology/registry.ttl",
                registry::REGISTRY_TTL,
                iris.registry_graph(),
            ),
        ] {
            let quads = RdfParser::from_format(RdfFormat::Turtle)
                .with_default_graph(graph.clone())
                .for_slice(ttl.as_bytes())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| StoreError::Syntax {
                    path: PathBuf::from(name),
                    format: "Turtle",
                    message: e.to_string(),
                })?;
            n += quads.len();
            self.replace_graph(graph.as_ref(), &quads)?;
        }
        Ok(n)
    }

    /// The named graphs, sorted.
    pub fn graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut out = Vec::new();
        for g in self.store.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = g.map_err(|e| self.oxi(e))?
                && n.as_str() != summary::SUMMARY_GRAPH
            {
                out.push(n);
            }
        }
        out.sort();
        Ok(out)
    }

    /// True when the store has a named graph `graph`.
    pub fn contains_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool, StoreError> {
        self.store
            .contains_named_graph(graph)
            .map_err(|e| self.oxi(e))
    }

    /// Number of quads, the summaries' bookkeeping graph left out (added up from the
    /// summaries: no scan).
    pub fn len(&self) -> Result<usize, StoreError> {
        summary::quads(&self.store).map_err(|e| self.oxi(e))
    }

    /// True when the store holds no quad.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.store.is_empty().map_err(|e| self.oxi(e))
    }

    /// Number of quads in one graph.
    pub fn graph_len(&self, graph: NamedNodeRef<'_>) -> usize {
        self.store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph)))
            .count()
    }

    /// Closes the store and deletes it, for a caller that created it and stored nothing in
    /// it; the lock is held until the directory is gone. Best effort: what cannot be removed
    /// stays.
    pub fn discard(self) {
        let Self { store, path, _lock } = self;
        drop(store);
        let _ = fs::remove_dir_all(&path);
        let _ = fs::remove_file(lock_path(&path));
    }

    /// Writes what is still in memory to the database files, so that the next process opens
    /// the store without replaying its log (commits are already durable without it).
    pub fn save(&self) -> Result<(), StoreError> {
        self.store.flush().map_err(|e| self.oxi(e))
    }
}

/// How [`GraphStore::open_for_write`] waits for another writer.
pub struct LockWait<'a> {
    /// Give up after this long (`None`: wait as long as it takes).
    pub timeout: Option<Duration>,
    /// Told once, after a second of waiting, what is being waited for.
    pub on_wait: &'a dyn Fn(&str),
}

impl Default for LockWait<'_> {
    fn default() -> Self {
        Self {
            timeout: None,
            on_wait: &|_| {},
        }
    }
}

/// Takes the exclusive lock, polling, saying so after a second, giving up after the timeout.
fn acquire(
    lock: &File,
    path: &Path,
    lock_path: &Path,
    wait: &LockWait<'_>,
) -> Result<(), StoreError> {
    let started = Instant::now();
    let mut told = false;
    loop {
        match lock.try_lock() {
            Ok(()) => return Ok(()),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(cause)) => {
                return Err(StoreError::Io {
                    path: lock_path.to_owned(),
                    cause,
                });
            }
        }
        let waited = started.elapsed();
        let holder = || {
            fs::read_to_string(lock_path)
                .ok()
                .and_then(|s| s.trim().parse::<u32>().ok())
                .map_or_else(String::new, |pid| format!(" (PID {pid})"))
        };
        if wait.timeout.is_some_and(|t| waited >= t) {
            return Err(StoreError::Locked {
                path: path.to_owned(),
                holder: holder(),
                secs: waited.as_secs(),
            });
        }
        if !told && waited >= Duration::from_secs(1) {
            told = true;
            (wait.on_wait)(&format!(
                "waiting for another tipkg process{} using {}{}",
                holder(),
                path.display(),
                wait.timeout
                    .map_or_else(String::new, |t| format!(" (up to {} s)", t.as_secs()))
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn lock_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

/// True when `path` is a store: a directory holding a RocksDB database.
fn is_store(path: &Path) -> bool {
    path.is_dir() && path.join(MARKER).is_file()
}

/// Refuses a path tipkg must not turn into a store: a file (such as an N-Quads store of an
/// earlier tipkg) or a directory with other things in it.
fn check_path(path: &Path) -> Result<(), StoreError> {
    let not = |what: String| StoreError::NotAStore {
        path: path.to_owned(),
        what,
    };
    match fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(cause) => Err(StoreError::Io {
            path: path.to_owned(),
            cause,
        }),
        Ok(m) if m.is_dir() => {
            let empty = fs::read_dir(path)
                .map_err(|cause| StoreError::Io {
                    path: path.to_owned(),
                    cause,
                })?
                .next()
                .is_none();
            if empty || is_store(path) {
                Ok(())
            } else {
                Err(not(
                    "is a directory that is not a tipkg store; give --store a new path or an \
                     existing store"
                        .to_owned(),
                ))
            }
        }
        Ok(_) => Err(not(
            "is a file, not a store (a store is a directory; an N-Quads store file of an \
             earlier tipkg converts with `tipkg --store NEW-DIR load FILE.nq`)"
                .to_owned(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, QuadRef};

    #[test]
    fn replace_and_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        let g = NamedNode::new("http://ex.org/g").unwrap();
        let s = NamedNode::new("http://ex.org/s").unwrap();
        let q = |v: &str| Quad::new(s.clone(), s.clone(), Literal::from(v), g.clone());
        {
            let st = GraphStore::open_for_write(&path, &LockWait::default()).unwrap();
            st.replace_graph(g.as_ref(), &[q("a"), q("b")]).unwrap();
            st.replace_graph(g.as_ref(), &[q("c")]).unwrap();
            st.save().unwrap();
        }
        let st = GraphStore::open_existing(&path, &LockWait::default()).unwrap();
        assert_eq!(st.len().unwrap(), 1);
        assert!(st.store().contains(QuadRef::from(&q("c"))).unwrap());
    }

    #[test]
    fn files_and_foreign_directories_are_not_stores() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("old.nq");
        fs::write(&file, "<http://a> <http://b> <http://c> .\n").unwrap();
        let e = GraphStore::open_for_write(&file, &LockWait::default()).unwrap_err();
        assert!(e.to_string().contains("load FILE.nq"), "{e}");
        let docs = dir.path().join("docs");
        fs::create_dir(&docs).unwrap();
        fs::write(docs.join("notes.txt"), "mine").unwrap();
        let e = GraphStore::open_for_write(&docs, &LockWait::default()).unwrap_err();
        assert!(e.to_string().contains("not a tipkg store"), "{e}");
        assert_eq!(
            fs::read_dir(&docs).unwrap().count(),
            1,
            "nothing written into it"
        );
        let e =
            GraphStore::open_existing(&dir.path().join("none"), &LockWait::default()).unwrap_err();
        assert!(e.to_string().contains("no such store"), "{e}");
    }

    #[test]
    fn loading_a_file_new_graphs_whole_or_not_at_all_known_graphs_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let st = GraphStore::open_for_write(&dir.path().join("s"), &LockWait::default()).unwrap();
        let file = |name: &str, body: String| {
            let p = dir.path().join(name);
            fs::write(&p, body).unwrap();
            p
        };
        let line = |g: u32, v: &str| {
            format!("<http://ex.org/s> <http://ex.org/p> \"{v}\" <http://ex.org/g{g}> .\n")
        };
        let graph = |g: u32| NamedNode::new(format!("http://ex.org/g{g}")).unwrap();
        let summaries_true = |st: &GraphStore| {
            let stored = summary::stored(st.store()).unwrap();
            st.graphs().unwrap().iter().all(|g| {
                stored.get(g.as_str())
                    == Some(&summary::summarize_stored(st.store(), g.as_ref().into()).unwrap())
            })
        };
        // New graphs (two, interleaved): in whole, each with its summary.
        let a = file("a.nq", [line(1, "1"), line(2, "2"), line(1, "3")].concat());
        assert_eq!(st.load_file(&a).unwrap(), (3, 2));
        assert_eq!(st.len().unwrap(), 3);
        assert!(summaries_true(&st));
        // New graphs, then a line that does not parse: nothing of the file.
        let bad = file(
            "bad.nq",
            [line(3, "4"), "not n-quads\n".to_owned()].concat(),
        );
        assert!(st.load_file(&bad).is_err());
        assert!(!st.contains_graph(graph(3).as_ref()).unwrap());
        assert_eq!(st.len().unwrap(), 3);
        // A known graph: replaced by the file's content, the new one added.
        let b = file("b.nq", [line(3, "5"), line(2, "6")].concat());
        assert_eq!(st.load_file(&b).unwrap(), (2, 2));
        assert_eq!(st.graph_len(graph(2).as_ref()), 1);
        assert_eq!(st.graph_len(graph(1).as_ref()), 2);
        assert_eq!(st.len().unwrap(), 4);
        assert!(summaries_true(&st));
    }

    #[test]
    fn a_loading_session_is_seen_whole_after_its_commit_and_not_at_all_without_it() {
        let dir = tempfile::tempdir().unwrap();
        let st = GraphStore::open_for_write(&dir.path().join("s"), &LockWait::default()).unwrap();
        let graph = |k: usize| {
            let g = NamedNode::new(format!("http://ex.org/g{k}")).unwrap();
            let quads = (0..700)
                .map(|i| {
                    let s = NamedNode::new(format!("http://ex.org/s{k}/{i}")).unwrap();
                    Quad::new(s.clone(), s, Literal::from(i.to_string()), g.clone())
                })
                .collect();
            NewGraph {
                graph: g,
                quads,
                summary: None,
            }
        };
        // The smallest session takes 16,000 quads a batch: 30 graphs of 700 make two batches.
        let mut session = st.new_graphs(0);
        for k in 0..30 {
            session.add(graph(k)).unwrap();
        }
        assert!(session.contains(graph(3).graph.as_ref()));
        assert_eq!(session.len(), 21_000);
        assert!(
            st.graphs().unwrap().is_empty(),
            "nothing visible before the commit"
        );
        assert_eq!(session.commit().unwrap(), 21_000);
        assert_eq!(st.graphs().unwrap().len(), 30);
        assert_eq!(st.len().unwrap(), 21_000, "every graph with its summary");
        assert_eq!(st.graph_len(graph(29).graph.as_ref()), 700);

        let mut dropped = st.new_graphs(0);
        dropped.add(graph(30)).unwrap();
        drop(dropped);
        assert_eq!(
            st.graphs().unwrap().len(),
            30,
            "a session not committed leaves nothing"
        );
    }
}
