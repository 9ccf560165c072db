//! `tipkg serve`: the store, read-only, over HTTP.
//!
//! - `/query`: the SPARQL 1.1 Protocol (GET `?query=`, POST `application/sparql-query` or
//!   `application/x-www-form-urlencoded`; `default-graph-uri` and `named-graph-uri`), with the
//!   project's prefixes predeclared and, when no dataset is given, the union of all graphs as
//!   the default graph (as `tipkg query`). Updates are refused (403).
//! - `/queries` lists the named queries; `/queries/NAME?param=value…` runs one.
//! - `/.well-known/void`: the VoID description, computed once at start.
//! - `/`: a page naming the endpoints.
//!
//! Results by content negotiation (`negotiate.rs`). Connections are served by Oxigraph's HTTP
//! library (`oxhttp`: a thread per connection, at most `max_connections`); queries run on a
//! fixed pool of workers (`pool.rs`) under a time limit. On [`ShutdownHandle::shutdown`] (the
//! binary wires SIGINT/SIGTERM to it) new requests are refused with 503 and
//! [`Server::wait`] returns once the requests in flight are answered, or after a grace period.

mod handler;
mod negotiate;
mod pool;

use std::io::{self, Read};
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::output::stats::StatsError;
use crate::rdf::Iris;
use crate::store::GraphStore;

use negotiate::Format;
use pool::Pool;

/// How long a connection may stay silent (between requests, or while sending one) and how long
/// one write of a response may block, before the connection is closed.
const SOCKET_TIMEOUT: Duration = Duration::from_secs(30);

/// How long [`Server::wait`] gives the requests in flight beyond the query time limit.
const EXTRA_GRACE: Duration = Duration::from_secs(5);

/// The settings of a server.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen, `host:port`; port 0 picks a free port ([`Server::local_addr`]).
    pub bind: String,
    /// Connections served at once (a thread each); more wait in the kernel's queue.
    pub max_connections: usize,
    /// Queries evaluated at once; more wait for a worker within their time limit.
    pub workers: usize,
    /// The time a query may take, waiting for a worker included; past it the answer is 503.
    pub timeout: Duration,
    /// The largest request body accepted (413 beyond).
    pub max_body: usize,
    /// The largest response body written (500 beyond, with a hint to use LIMIT).
    pub max_result: usize,
}

impl Default for Options {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self {
            bind: "127.0.0.1:7878".to_owned(),
            max_connections: 256,
            workers: cores,
            timeout: Duration::from_secs(30),
            max_body: 1 << 20,
            max_result: 256 << 20,
        }
    }
}

/// A failure to start the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address does not resolve.
    #[error("--bind {addr:?}: not an address to listen on (expected HOST:PORT)")]
    Address {
        /// The address as given.
        addr: String,
        /// Why it does not resolve.
        #[source]
        source: io::Error,
    },
    /// Listening failed (the port is taken, or not allowed).
    #[error("cannot listen on {addr}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// The operating system's reason.
        #[source]
        source: io::Error,
    },
    /// The worker threads could not be started.
    #[error("cannot start the query workers")]
    Workers(#[source] io::Error),
    /// The VoID description could not be computed (its message names the cause).
    #[error("VoID description: {0}")]
    Void(StatsError),
}

/// A running server.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    // Dropping it does not stop the listener threads: they end with the process.
    _listening: ListeningServer,
}

/// oxhttp's handle, wrapped to be `Debug`.
struct ListeningServer(#[allow(dead_code)] oxhttp::ListeningServer);

impl std::fmt::Debug for ListeningServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ListeningServer")
    }
}

/// Asks a [`Server`] to stop; clonable, for a signal handler.
#[derive(Debug, Clone)]
pub struct ShutdownHandle(Arc<Shared>);

impl ShutdownHandle {
    /// Asks the server to stop: [`Server::wait`] then drains and returns. Returns false when
    /// a stop had already been asked (a second Ctrl-C, say).
    pub fn shutdown(&self) -> bool {
        let mut st = self.0.lock();
        let first = !st.stop_requested;
        st.stop_requested = true;
        self.0.changed.notify_all();
        first
    }
}

/// How [`Server::wait`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    /// Requests still unanswered when the grace period ended (0: all were answered).
    pub abandoned: usize,
    /// How long the drain took.
    pub drained_in: Duration,
}

/// What the request threads share.
#[derive(Debug)]
struct Shared {
    store: GraphStore,
    iris: Iris,
    options: Options,
    pool: Pool,
    /// The VoID description in each RDF format, written once at start.
    void: Vec<(Format, Arc<[u8]>)>,
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct State {
    stop_requested: bool,
    draining: bool,
    in_flight: usize,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts a request in, unless the server is draining.
    fn enter(self: &Arc<Self>) -> Option<InFlight> {
        let mut st = self.lock();
        if st.draining {
            return None;
        }
        st.in_flight += 1;
        Some(InFlight(Arc::clone(self)))
    }
}

/// A request being answered: counted until its response has been written (the guard travels
/// inside the response body, dropped once the body is sent).
#[derive(Debug)]
struct InFlight(Arc<Shared>);

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut st = self.0.lock();
        st.in_flight = st.in_flight.saturating_sub(1);
        self.0.changed.notify_all();
    }
}

/// A response body that keeps its request counted in flight until it is dropped.
struct Tracked<R> {
    inner: R,
    _guard: Option<InFlight>,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

impl Server {
    /// Computes the VoID description, starts the query workers and listens on
    /// `options.bind`. The store is only read from here on.
    pub fn start(store: GraphStore, iris: Iris, options: &Options) -> Result<Self, ServeError> {
        let void_triples = crate::output::stats::void(&store, &iris).map_err(ServeError::Void)?;
        // Turtle as `tipkg stats --format void` writes it; the other formats from the same triples.
        let mut turtle = Vec::new();
        crate::output::stats::write_void(&void_triples, &iris, &mut turtle)
            .map_err(|e| ServeError::Void(StatsError::Io(e)))?;
        let mut void = vec![(Format::Turtle, Arc::from(turtle))];
        for f in [Format::NTriples, Format::JsonLd, Format::RdfXml] {
            let mut body = Vec::new();
            negotiate::write_triples(void_triples.clone(), f, &iris, &mut body)
                .map_err(|e| ServeError::Void(StatsError::Io(io::Error::other(e.to_string()))))?;
            void.push((f, Arc::from(body)));
        }
        let pool = Pool::new(options.workers).map_err(ServeError::Workers)?;
        let shared = Arc::new(Shared {
            store,
            iris,
            options: options.clone(),
            pool,
            void,
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        });
        let (addr, listening) = listen(&shared, options)?;
        Ok(Self {
            addr,
            shared,
            _listening: ListeningServer(listening),
        })
    }

    /// The address listened on (with the real port when port 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// A handle that stops the server, for a signal handler.
    pub fn shutdown_handle(&self) -> ShutdownHandle {
        ShutdownHandle(Arc::clone(&self.shared))
    }

    /// Serves until a stop is asked, then refuses new requests (503) and waits for those in
    /// flight to be answered, at most the query time limit and a few seconds more.
    pub fn wait(self) -> Stopped {
        let shared = &self.shared;
        let mut st = shared.lock();
        while !st.stop_requested {
            st = shared
                .changed
                .wait(st)
                .unwrap_or_else(PoisonError::into_inner);
        }
        st.draining = true;
        let started = Instant::now();
        let deadline = started + shared.options.timeout + EXTRA_GRACE;
        while st.in_flight > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            st = shared
                .changed
                .wait_timeout(st, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        Stopped {
            abandoned: st.in_flight,
            drained_in: started.elapsed(),
        }
    }
}

/// Binds and spawns the HTTP server. oxhttp binds inside `spawn` and does not say which port
/// it got, so port 0 is resolved here first: a free port is found by binding it, released, and
/// given to oxhttp (again with another port, a few times, if something took it meanwhile).
fn listen(
    shared: &Arc<Shared>,
    options: &Options,
) -> Result<(SocketAddr, oxhttp::ListeningServer), ServeError> {
    let addr = options
        .bind
        .to_socket_addrs()
        .and_then(|mut a| {
            a.next()
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no address found"))
        })
        .map_err(|source| ServeError::Address {
            addr: options.bind.clone(),
            source,
        })?;
    let tries = if addr.port() == 0 { 10 } else { 1 };
    let mut last = None;
    for _ in 0..tries {
        let concrete = if addr.port() == 0 {
            TcpListener::bind(addr)
                .and_then(|l| l.local_addr())
                .map_err(|source| ServeError::Listen { addr, source })?
        } else {
            addr
        };
        let for_requests = Arc::clone(shared);
        let server = oxhttp::Server::new(move |request| handler::handle(&for_requests, request))
            .bind(concrete)
            .with_global_timeout(SOCKET_TIMEOUT)
            .with_max_concurrent_connections(options.max_connections.max(1));
        let server = match server.with_server_name(concat!("tipkg/", env!("CARGO_PKG_VERSION"))) {
            Ok(s) => s,
            Err(_) => {
                return Err(ServeError::Listen {
                    addr,
                    source: io::Error::other("invalid server name"),
                });
            }
        };
        match server.spawn() {
            Ok(listening) => return Ok((concrete, listening)),
            Err(e) if addr.port() == 0 && e.kind() == io::ErrorKind::AddrInUse => last = Some(e),
            Err(source) => {
                return Err(ServeError::Listen {
                    addr: concrete,
                    source,
                });
            }
        }
    }
    Err(ServeError::Listen {
        addr,
        source: last.unwrap_or_else(|| io::Error::from(io::ErrorKind::AddrInUse)),
    })
}
