//! A fixed pool of query workers: at most N queries are evaluated at once whatever the number of
//! connections; the others wait their turn. A request waits for its answer up to a deadline and
//! then cancels its query (through Oxigraph's `CancellationToken`), whether it was still waiting
//! or running; a worker skips a query whose requester has given up.
//!
//! The engine checks the token when it reads the store, not inside a cartesian product or a
//! sort of what it already holds, so a cancelled query can keep its thread busy. Such a worker
//! is replaced after [`STUCK_AFTER`] (at most as many replacements at once as there are
//! workers): the pool keeps its size, and the stuck thread ends when its query does.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use oxigraph::sparql::CancellationToken;

/// How long a cancelled query may keep its worker before the worker is replaced.
pub const STUCK_AFTER: Duration = Duration::from_secs(1);

/// A job and what its watcher knows of it.
struct Job {
    work: Box<dyn FnOnce() + Send>,
    progress: Arc<Progress>,
}

/// Whether a job has finished, and whether its worker was replaced meanwhile.
#[derive(Default)]
struct Progress {
    state: Mutex<JobState>,
    changed: Condvar,
}

#[derive(Default)]
struct JobState {
    finished: bool,
    replaced: bool,
}

/// What the workers share.
struct Inner {
    receiver: Mutex<mpsc::Receiver<Job>>,
    /// Jobs sent and not yet taken by a worker.
    waiting: AtomicUsize,
    /// Workers replaced while their query still runs.
    stuck: AtomicUsize,
    /// Threads started so far (for their names).
    started: AtomicUsize,
}

/// The worker threads and their queue.
pub struct Pool {
    sender: Mutex<mpsc::Sender<Job>>,
    inner: Arc<Inner>,
    workers: usize,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("workers", &self.workers)
            .finish_non_exhaustive()
    }
}

/// Why a job gave no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoAnswer {
    /// The deadline passed while the job waited for a worker.
    Busy {
        /// Jobs waiting for a worker when the deadline passed.
        waiting: usize,
    },
    /// The deadline passed while the job ran; it was cancelled.
    TimedOut,
    /// The job ended without an answer (it panicked), or the pool is gone.
    Failed,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Pool {
    /// Starts `workers` threads (at least one).
    pub fn new(workers: usize) -> std::io::Result<Self> {
        let workers = workers.max(1);
        let (sender, receiver) = mpsc::channel::<Job>();
        let inner = Arc::new(Inner {
            receiver: Mutex::new(receiver),
            waiting: AtomicUsize::new(0),
            stuck: AtomicUsize::new(0),
            started: AtomicUsize::new(0),
        });
        for _ in 0..workers {
            spawn_worker(&inner)?;
        }
        Ok(Self {
            sender: Mutex::new(sender),
            inner,
            workers,
        })
    }

    /// How many workers run queries.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// Runs `work` on a worker and waits for its answer at most `timeout` from now; past it the
    /// work's token is cancelled and the caller gets [`NoAnswer`] at once.
    pub fn run<T: Send + 'static>(
        &self,
        timeout: Duration,
        work: impl FnOnce(&CancellationToken) -> T + Send + 'static,
    ) -> Result<T, NoAnswer> {
        let token = CancellationToken::new();
        let started = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(Progress::default());
        let (tx, rx) = mpsc::sync_channel(1);
        let job = {
            let (token, started) = (token.clone(), started.clone());
            Job {
                work: Box::new(move || {
                    if token.is_cancelled() {
                        return; // the requester gave up while this waited
                    }
                    started.store(true, Ordering::SeqCst);
                    let _ = tx.send(work(&token));
                }),
                progress: Arc::clone(&progress),
            }
        };
        self.inner.waiting.fetch_add(1, Ordering::SeqCst);
        if lock(&self.sender).send(job).is_err() {
            self.inner.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(NoAnswer::Failed);
        }
        match rx.recv_timeout(timeout) {
            Ok(answer) => Ok(answer),
            Err(RecvTimeoutError::Timeout) => {
                token.cancel();
                if started.load(Ordering::SeqCst) {
                    self.watch(progress);
                    Err(NoAnswer::TimedOut)
                } else {
                    Err(NoAnswer::Busy {
                        waiting: self.inner.waiting.load(Ordering::SeqCst),
                    })
                }
            }
            Err(RecvTimeoutError::Disconnected) => Err(NoAnswer::Failed),
        }
    }

    /// After a running job was cancelled: a thread that replaces its worker if the job has not
    /// ended within [`STUCK_AFTER`].
    fn watch(&self, progress: Arc<Progress>) {
        let inner = Arc::clone(&self.inner);
        let limit = self.workers;
        let watcher = std::thread::Builder::new()
            .name("tipkg-serve-watch".to_owned())
            .spawn(move || {
                let mut said = false;
                let mut state = lock(&progress.state);
                loop {
                    state = progress
                        .changed
                        .wait_timeout_while(state, STUCK_AFTER, |s| !s.finished)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                    if state.finished {
                        return;
                    }
                    let counted =
                        inner
                            .stuck
                            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                                (n < limit).then_some(n + 1)
                            });
                    if counted.is_ok() {
                        break;
                    }
                    // As many replacements as workers already: wait for one of them to end.
                    if !said {
                        said = true;
                        eprintln!(
                            "tipkg: serve: a cancelled query still runs and {limit} workers are \
                             already replaced; its worker stays busy until a replaced one ends"
                        );
                    }
                }
                state.replaced = true;
                drop(state);
                eprintln!(
                    "tipkg: serve: a cancelled query still runs (the engine does not check \
                     cancellation inside every operator); its worker is replaced"
                );
                if let Err(e) = spawn_worker(&inner) {
                    eprintln!("tipkg: serve: cannot start a replacement worker: {e}");
                }
            });
        if let Err(e) = watcher {
            eprintln!("tipkg: serve: cannot watch a cancelled query: {e}");
        }
    }
}

/// Starts one worker: it takes jobs until the pool is gone, or until it was replaced while
/// running a job.
fn spawn_worker(inner: &Arc<Inner>) -> std::io::Result<()> {
    let inner = Arc::clone(inner);
    let n = inner.started.fetch_add(1, Ordering::SeqCst);
    std::thread::Builder::new()
        .name(format!("tipkg-serve-worker-{n}"))
        .spawn(move || {
            loop {
                let job = lock(&inner.receiver).recv();
                let Ok(job) = job else { break };
                inner.waiting.fetch_sub(1, Ordering::SeqCst);
                // A panic in the engine costs its request (a 500), not the worker.
                if std::panic::catch_unwind(AssertUnwindSafe(job.work)).is_err() {
                    eprintln!("tipkg: serve: a query worker recovered from a panic");
                }
                let mut state = lock(&job.progress.state);
                state.finished = true;
                job.progress.changed.notify_all();
                if state.replaced {
                    inner.stuck.fetch_sub(1, Ordering::SeqCst);
                    break; // another thread took this one's place
                }
            }
        })
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_times_out_cancels_and_survives_a_panic() {
        let pool = Pool::new(1).unwrap();
        assert_eq!(pool.run(Duration::from_secs(5), |_| 42), Ok(42));
        // A job that runs until cancelled: the caller is answered at the deadline and the job
        // sees the cancellation.
        let seen = Arc::new(AtomicBool::new(false));
        let s = seen.clone();
        let r = pool.run(Duration::from_millis(50), move |t| {
            while !t.is_cancelled() {
                std::thread::sleep(Duration::from_millis(5));
            }
            s.store(true, Ordering::SeqCst);
        });
        assert_eq!(r, Err(NoAnswer::TimedOut));
        let r = pool.run(Duration::from_secs(5), |_| -> u8 { panic!("boom") });
        assert_eq!(r, Err(NoAnswer::Failed));
        assert_eq!(pool.run(Duration::from_secs(5), |_| 7), Ok(7));
        assert!(seen.load(Ordering::SeqCst));
    }

    #[test]
    fn a_job_still_queued_at_its_deadline_is_busy_and_skipped() {
        let pool = Pool::new(1).unwrap();
        let (release, wait) = mpsc::channel::<()>();
        let (started_tx, started) = mpsc::channel::<()>();
        let blocker = std::thread::scope(|s| {
            let h = s.spawn(|| {
                pool.run(Duration::from_secs(10), move |_| {
                    let _ = started_tx.send(());
                    let _ = wait.recv_timeout(Duration::from_secs(10));
                })
            });
            // The blocker occupies the only worker.
            started.recv_timeout(Duration::from_secs(10)).unwrap();
            let ran = Arc::new(AtomicBool::new(false));
            let r2 = ran.clone();
            let r = pool.run(Duration::from_millis(50), move |_| {
                r2.store(true, Ordering::SeqCst);
            });
            assert!(matches!(r, Err(NoAnswer::Busy { .. })), "{r:?}");
            let _ = release.send(());
            let out = h.join();
            assert_eq!(pool.run(Duration::from_secs(5), |_| 1), Ok(1));
            assert!(!ran.load(Ordering::SeqCst));
            out
        });
        assert!(matches!(blocker, Ok(Ok(()))));
    }

    #[test]
    fn a_job_that_ignores_cancellation_gets_its_worker_replaced() {
        let pool = Pool::new(1).unwrap();
        let (release, wait) = mpsc::channel::<()>();
        // Ignores its token; ends only when released.
        let r = pool.run(Duration::from_millis(50), move |_| {
            let _ = wait.recv_timeout(Duration::from_secs(30));
        });
        assert_eq!(r, Err(NoAnswer::TimedOut));
        // The replacement answers, within the stuck delay and a margin.
        assert_eq!(pool.run(STUCK_AFTER * 10, |_| 5), Ok(5));
        assert_eq!(pool.inner.stuck.load(Ordering::SeqCst), 1);
        // When the stuck job ends its thread leaves: one worker again.
        let _ = release.send(());
        for _ in 0..1000 {
            if pool.inner.stuck.load(Ordering::SeqCst) == 0 {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(pool.inner.stuck.load(Ordering::SeqCst), 0);
        assert_eq!(pool.run(Duration::from_secs(5), |_| 6), Ok(6));
    }
}
