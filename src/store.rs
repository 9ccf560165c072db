//! Store: the embedded Oxigraph store and its persistence.
//!
//! The default backend is Oxigraph's in-memory store persisted to one N-Quads file (the *store
//! file*). Opening loads the file; [`GraphStore::save`] writes a temporary file beside it, syncs
//! it and renames it over the old one, so a reader never sees half a store. Writers hold an
//! exclusive lock on `<store file>.lock` from [`GraphStore::open_for_write`] until they are
//! dropped, so two concurrent `extract` runs cannot lose each other's work. All persistence is
//! behind this module: an on-disk backend can replace it without touching the pipeline.

use std::fs::TryLockError;
use std::fs::{self, File, OpenOptions};
use std::io::{BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad};
use oxigraph::store::Store;

use crate::output::{self, Target};
use crate::rdf::Iris;
use crate::registry;

/// File name of the default store, in the working directory.
pub const DEFAULT_STORE: &str = "tipkg-store.nq";

/// A failure to open, change or save the store.
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
    /// Writing the store file failed.
    #[error("store {0}")]
    Output(output::OutputError),
    /// Another process holds the writer lock longer than the caller would wait.
    #[error(
        "store {path}: another tipkg process{holder} is writing it; gave up after {secs} s \
         (raise --lock-timeout to wait longer)"
    )]
    Locked {
        /// The store file.
        path: PathBuf,
        /// " (PID n)" when the lock file names its holder.
        holder: String,
        /// How long the caller waited.
        secs: u64,
    },
    /// The store file is not valid N-Quads.
    #[error("store {path}: not a valid N-Quads store file: {message}")]
    Syntax {
        /// The offending file.
        path: PathBuf,
        /// The parser's message, with line and column.
        message: String,
    },
    /// Oxigraph failed.
    #[error("store {path}: {message}")]
    Oxigraph {
        /// The store file.
        path: PathBuf,
        /// What Oxigraph said.
        message: String,
    },
}

impl From<output::OutputError> for StoreError {
    fn from(e: output::OutputError) -> Self {
        Self::Output(e)
    }
}

/// The store: an Oxigraph store and where it persists.
pub struct GraphStore {
    store: Store,
    path: PathBuf,
    _lock: Option<File>,
}

impl std::fmt::Debug for GraphStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl GraphStore {
    /// Opens the store file for reading (an absent file is an empty store).
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let store = load(path)?;
        Ok(Self {
            store,
            path: path.to_owned(),
            _lock: None,
        })
    }

    /// Opens an existing store file for reading: unlike [`GraphStore::open`], a missing file is
    /// an error that says how to make one.
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        if !path.exists() {
            return Err(StoreError::Io {
                path: path.to_owned(),
                cause: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such store file (run `tipkg extract PATH…` first, or give --store)",
                ),
            });
        }
        Self::open(path)
    }

    /// Opens the store file for writing: takes the writer lock, waiting for another writer to
    /// finish as [`LockWait`] says, removes what killed writers left behind (their temporary
    /// files), then loads the file.
    pub fn open_for_write(path: &Path, wait: &LockWait<'_>) -> Result<Self, StoreError> {
        let io = |p: &Path| {
            let path = p.to_owned();
            move |cause| StoreError::Io { path, cause }
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let lock_path = lock_path(path);
        let mut lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&lock_path)
            .map_err(io(&lock_path))?;
        acquire(&lock, path, &lock_path, wait)?;
        // Name the holder for whoever waits next.
        let _ = lock.set_len(0);
        let _ = write!(lock, "{}", std::process::id());
        if let Ok(target) = output::resolve(path) {
            output::clean_stale(target.path(), true);
        }
        let store = load(path)?;
        Ok(Self {
            store,
            path: path.to_owned(),
            _lock: Some(lock),
        })
    }

    /// The Oxigraph store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Where it persists.
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
        let mut t = self.store.start_transaction().map_err(|e| self.oxi(e))?;
        t.clear_graph(graph).map_err(|e| self.oxi(e))?;
        t.extend(quads);
        t.commit().map_err(|e| self.oxi(e))
    }

    /// Replaces the named graph `graph` with the quads `fill` hands to its sink (all in that
    /// graph), in one transaction, without holding them in a vector first. Returns the number
    /// of quads the graph then holds.
    pub fn replace_graph_with(
        &self,
        graph: NamedNodeRef<'_>,
        fill: impl FnOnce(&mut dyn FnMut(Quad)),
    ) -> Result<usize, StoreError> {
        let mut t = self.store.start_transaction().map_err(|e| self.oxi(e))?;
        t.clear_graph(graph).map_err(|e| self.oxi(e))?;
        fill(&mut |q: Quad| t.insert(&q));
        t.commit().map_err(|e| self.oxi(e))?;
        Ok(self.graph_len(graph))
    }

    /// Parses N-Quads or TriG (by `path`'s extension) and replaces, in one transaction, every
    /// named graph the file holds with its content there (its default-graph triples go to the
    /// store's default graph). Nothing changes if the file does not parse. Returns the number of
    /// quads and of named graphs loaded.
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
        let file = File::open(path).map_err(|cause| StoreError::Io {
            path: path.to_owned(),
            cause,
        })?;
        let quads = RdfParser::from_format(format)
            .for_reader(BufReader::with_capacity(1 << 20, file))
            .collect::<Result<Vec<Quad>, _>>()
            .map_err(|e| StoreError::Syntax {
                path: path.to_owned(),
                message: e.to_string(),
            })?;
        let graphs: std::collections::BTreeSet<NamedNode> = quads
            .iter()
            .filter_map(|q| match &q.graph_name {
                oxigraph::model::GraphName::NamedNode(g) => Some(g.clone()),
                _ => None,
            })
            .collect();
        let mut t = self.store.start_transaction().map_err(|e| self.oxi(e))?;
        for g in &graphs {
            t.clear_graph(g.as_ref()).map_err(|e| self.oxi(e))?;
        }
        t.extend(&quads);
        t.commit().map_err(|e| self.oxi(e))?;
        Ok((quads.len(), graphs.len()))
    }

    /// Removes the named graph `graph` and everything in it; returns how many quads went.
    pub fn remove_graph(&self, graph: NamedNodeRef<'_>) -> Result<usize, StoreError> {
        let n = self.graph_len(graph);
        self.store
            .remove_named_graph(graph)
            .map_err(|e| self.oxi(e))?;
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
            if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = g.map_err(|e| self.oxi(e))? {
                out.push(n);
            }
        }
        out.sort();
        Ok(out)
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize, StoreError> {
        self.store.len().map_err(|e| self.oxi(e))
    }

    /// True when the store holds no quad.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// Number of quads in one graph.
    pub fn graph_len(&self, graph: NamedNodeRef<'_>) -> usize {
        self.store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph)))
            .count()
    }

    /// Writes the store file atomically (see [`crate::output::write_file`]: a temporary file
    /// beside it, fsync, rename over it keeping its mode, fsync of the folder; symbolic links
    /// followed; a device, directory or FIFO refused — a store must be a regular file).
    pub fn save(&self) -> Result<(), StoreError> {
        let target = output::resolve(&self.path)?;
        if let Target::InPlace(_) = target {
            return Err(StoreError::Io {
                path: self.path.clone(),
                cause: std::io::Error::other("not a regular file; a store must be one"),
            });
        }
        output::write_to(&target, |w| {
            self.store
                .dump_to_writer(RdfFormat::NQuads, w)
                .map(drop)
                .map_err(std::io::Error::other)
        })?;
        Ok(())
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
                "waiting for another tipkg process{} writing {}{}",
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

fn load(path: &Path) -> Result<Store, StoreError> {
    let oxi = |e: &dyn std::fmt::Display| StoreError::Oxigraph {
        path: path.to_owned(),
        message: e.to_string(),
    };
    let store = Store::new().map_err(|e| oxi(&e))?;
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(store),
        Err(cause) => {
            return Err(StoreError::Io {
                path: path.to_owned(),
                cause,
            });
        }
    };
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(StoreError::Io {
            path: path.to_owned(),
            cause: std::io::Error::other("is a directory, not a store file"),
        });
    }
    let mut loader = store.bulk_loader();
    loader
        .load_from_reader(
            RdfParser::from_format(RdfFormat::NQuads),
            BufReader::with_capacity(1 << 20, file),
        )
        .map_err(|e| StoreError::Syntax {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
    loader.commit().map_err(|e| oxi(&e))?;
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, QuadRef};

    #[test]
    fn replace_and_persist() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.nq");
        let g = NamedNode::new("http://ex.org/g").unwrap();
        let s = NamedNode::new("http://ex.org/s").unwrap();
        let q = |v: &str| Quad::new(s.clone(), s.clone(), Literal::from(v), g.clone());
        {
            let st = GraphStore::open_for_write(&path, &LockWait::default()).unwrap();
            st.replace_graph(g.as_ref(), &[q("a"), q("b")]).unwrap();
            st.replace_graph(g.as_ref(), &[q("c")]).unwrap();
            st.save().unwrap();
        }
        let st = GraphStore::open(&path).unwrap();
        assert_eq!(st.len().unwrap(), 1);
        assert!(st.store().contains(QuadRef::from(&q("c"))).unwrap());
    }

    #[test]
    fn bad_store_file_is_a_syntax_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.nq");
        fs::write(&path, "this is not n-quads\n").unwrap();
        let e = GraphStore::open(&path).unwrap_err();
        assert!(e.to_string().contains("bad.nq"), "{e}");
    }
}
