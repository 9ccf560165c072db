//! Fuzz driver: mutates real documents and runs the whole pipeline on them for a while, checking
//! what the property suite (`tests/fuzz.rs`) checks, plus what a test may not time: hangs (a
//! watchdog) and super-linear growth (the pipeline timed on an input and on it repeated 4×).
//!
//! ```text
//! cargo run --release --bin tipkg-fuzz -- [--seconds 60 | --cases N] [--seed 1]
//!     [--hang-secs 10] [--slow-secs 2] [--out target/fuzz] [--root .] [--stride 40]
//!     [--scale-every 10] [--keep-going]
//! cargo run --release --bin tipkg-fuzz -- --minimize FILE   # shrink a saved failing input
//! cargo run --release --bin tipkg-fuzz -- --scale FILE      # time FILE ×1, ×2, ×4, ×8
//! ```
//!
//! The seed corpus is [`tipkg::fuzz::seeds`]: every `--stride`-th text of
//! `ROOT/../shared/wild` plus `corpus/` and `tests/data/real/docs/`. Every failing input is
//! saved under `--out` with a `.note` beside it (and so is every input slower than `--slow-secs`,
//! which is no failure); the exit status is 1 when anything failed, 2 on a hang: a hang stops the run, or with
//! `--keep-going` leaves its thread to finish and goes on with a new one.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tipkg::fuzz::{self, Mutation, Rng};
use tipkg::registry::Registry;

/// Scaling: the repeated input.
const COPIES: usize = 4;
/// Scaling: flagged beyond this factor over the linear expectation ...
const SCALE_LIMIT: f64 = 4.0;
/// ... when the repeated input took at least this long (seconds).
const SCALE_FLOOR: f64 = 0.05;
/// Scaling: inputs larger than this are not repeated.
const SCALE_MAX_BYTES: usize = 512 << 10;

struct Args {
    seconds: Option<f64>,
    cases: Option<u64>,
    seed: u64,
    hang: Duration,
    out: PathBuf,
    root: PathBuf,
    stride: usize,
    scale_every: u64,
    slow: f64,
    keep_going: bool,
    minimize: Option<PathBuf>,
    scale: Option<PathBuf>,
}

fn args() -> anyhow::Result<Args> {
    let mut a = Args {
        seconds: None,
        cases: None,
        seed: 1,
        hang: Duration::from_secs(10),
        out: PathBuf::from("target/fuzz"),
        root: PathBuf::from("."),
        stride: 40,
        scale_every: 10,
        slow: 2.0,
        keep_going: false,
        minimize: None,
        scale: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        if k == "--keep-going" {
            a.keep_going = true;
            continue;
        }
        let v = it
            .next()
            .ok_or_else(|| anyhow::anyhow!("{k} needs a value"))?;
        match k.as_str() {
            "--seconds" => a.seconds = Some(v.parse()?),
            "--cases" => a.cases = Some(v.parse()?),
            "--seed" => a.seed = v.parse()?,
            "--hang-secs" => a.hang = Duration::from_secs_f64(v.parse()?),
            "--out" => a.out = v.into(),
            "--root" => a.root = v.into(),
            "--stride" => a.stride = v.parse()?,
            "--scale-every" => a.scale_every = v.parse::<u64>()?.max(1),
            "--slow-secs" => a.slow = v.parse()?,
            "--minimize" => a.minimize = Some(v.into()),
            "--scale" => a.scale = Some(v.into()),
            _ => anyhow::bail!("unknown option {k}"),
        }
    }
    if a.seconds.is_none() && a.cases.is_none() {
        a.seconds = Some(60.0);
    }
    Ok(a)
}

/// One input for the worker.
struct Job {
    path: PathBuf,
    bytes: Vec<u8>,
    scale: bool,
}

/// What the worker made of it.
struct Report {
    result: Result<fuzz::Outcome, String>,
    secs: f64,
    /// Pipeline time on the input and on it repeated [`COPIES`] times.
    scale: Option<(f64, f64)>,
}

/// The CPU time a thread has used, in seconds, from its `/proc/.../schedstat` (Linux); `None`
/// elsewhere. Times are CPU times where there is one, so a run at `nice 19` on a busy machine
/// measures the pipeline, not the wait for a core.
fn cpu_secs(schedstat: &Path) -> Option<f64> {
    let s = std::fs::read_to_string(schedstat).ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// The calling thread's `schedstat` file, if any.
fn own_schedstat() -> Option<PathBuf> {
    let rel = std::fs::read_link("/proc/thread-self").ok()?;
    let p = Path::new("/proc").join(rel).join("schedstat");
    cpu_secs(&p).map(|_| p)
}

/// A stopwatch on a thread's CPU time, or on the wall clock where there is none.
struct Clock {
    stat: Option<PathBuf>,
    cpu: Option<f64>,
    wall: Instant,
}

impl Clock {
    fn start(stat: Option<&Path>) -> Self {
        Self {
            stat: stat.map(Path::to_owned),
            cpu: stat.and_then(cpu_secs),
            wall: Instant::now(),
        }
    }

    fn secs(&self) -> f64 {
        match (&self.stat, self.cpu) {
            (Some(p), Some(c0)) => {
                cpu_secs(p).map_or(self.wall.elapsed().as_secs_f64(), |c| c - c0)
            }
            _ => self.wall.elapsed().as_secs_f64(),
        }
    }
}

/// Runs the checks, turning a panic into an error.
fn guarded(path: &Path, bytes: &[u8]) -> Result<fuzz::Outcome, String> {
    catch_unwind(AssertUnwindSafe(|| {
        fuzz::check(path, bytes, Registry::embedded())
    }))
    .unwrap_or_else(|p| {
        let msg = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        Err(format!("panic: {msg}"))
    })
}

/// The time of `runs` pipeline runs on `bytes`, in seconds.
fn time_pipeline(stat: Option<&Path>, path: &Path, bytes: &[u8], runs: usize) -> Option<f64> {
    let source = tipkg::read::decode(path, bytes).ok()?;
    let t = Clock::start(stat);
    for _ in 0..runs {
        let x = tipkg::pipeline::process(source.clone(), Registry::embedded());
        std::hint::black_box(&x);
    }
    Some(t.secs())
}

/// The linear expectation and the fact: the time of `copies` runs on the input and of one run on
/// the input repeated `copies` times (the same work, and the same clock granularity, for a
/// linear pipeline), each the fastest of `n` measures.
fn scaling(
    stat: Option<&Path>,
    path: &Path,
    bytes: &[u8],
    copies: usize,
    n: usize,
) -> Option<(f64, f64)> {
    let big = repeated(bytes, copies);
    catch_unwind(AssertUnwindSafe(|| {
        let mut best = (f64::MAX, f64::MAX);
        for _ in 0..n {
            best.0 = best.0.min(time_pipeline(stat, path, bytes, copies)?);
            best.1 = best.1.min(time_pipeline(stat, path, &big, 1)?);
        }
        Some(best)
    }))
    .ok()
    .flatten()
}

/// `copies` copies of `bytes`, a newline after each.
fn repeated(bytes: &[u8], copies: usize) -> Vec<u8> {
    let mut big = Vec::with_capacity((bytes.len() + 1) * copies);
    for _ in 0..copies {
        big.extend_from_slice(bytes);
        big.push(b'\n');
    }
    big
}

/// Prints the pipeline's time on a file repeated 1, 2, 4 and 8 times against the linear
/// expectation (best of three).
fn scale(file: &Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(file)?;
    let stat = own_schedstat();
    for copies in [1, 2, 4, 8] {
        let s = scaling(stat.as_deref(), file, &bytes, copies, 3)
            .ok_or_else(|| anyhow::anyhow!("{} is not read", file.display()))?;
        println!(
            "×{copies}: {} bytes, {:.4} s ({:.4} s for {copies} runs on the file): {:.2}× the linear time",
            (bytes.len() + 1) * copies,
            s.1,
            s.0,
            ratio(s)
        );
    }
    Ok(())
}

/// How far the repeated input's time exceeds the linear expectation (floored at 4 ms, the
/// granularity of the kernel's CPU-time counter).
fn ratio((linear, repeated): (f64, f64)) -> f64 {
    repeated / linear.max(0.004)
}

fn flagged(s: (f64, f64)) -> bool {
    s.1 >= SCALE_FLOOR && ratio(s) > SCALE_LIMIT
}

/// The worker thread's ends of the channels, and its CPU-time counter.
struct Worker {
    jobs: mpsc::Sender<Job>,
    reports: mpsc::Receiver<Report>,
    stat: Option<PathBuf>,
}

impl Worker {
    fn spawn() -> anyhow::Result<Self> {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (rep_tx, reports) = mpsc::channel::<Report>();
        let (stat_tx, stat_rx) = mpsc::channel::<Option<PathBuf>>();
        std::thread::spawn(move || {
            let stat = own_schedstat();
            let _ = stat_tx.send(stat.clone());
            worker(job_rx, rep_tx, stat.as_deref());
        });
        let stat = stat_rx.recv()?;
        Ok(Self {
            jobs,
            reports,
            stat,
        })
    }
}

fn worker(jobs: mpsc::Receiver<Job>, reports: mpsc::Sender<Report>, stat: Option<&Path>) {
    for job in jobs {
        let t = Clock::start(stat);
        let result = guarded(&job.path, &job.bytes);
        let secs = t.secs();
        let scale = (job.scale && result.as_ref().is_ok_and(|o| o.decoded))
            .then(|| scaling(stat, &job.path, &job.bytes, COPIES, 1))
            .flatten()
            // A flagged input is measured again, the best of three, before it counts.
            .map(|s| {
                if flagged(s) {
                    scaling(stat, &job.path, &job.bytes, COPIES, 3).unwrap_or(s)
                } else {
                    s
                }
            });
        if reports
            .send(Report {
                result,
                secs,
                scale,
            })
            .is_err()
        {
            return;
        }
    }
}

/// Saves a failing input and a note beside it; returns the input's path.
fn save(out: &Path, name: &str, ext: &str, bytes: &[u8], note: &str) -> PathBuf {
    let _ = std::fs::create_dir_all(out);
    let path = out.join(format!("{name}.{ext}"));
    let _ = std::fs::write(&path, bytes);
    let _ = std::fs::write(out.join(format!("{name}.note")), note);
    path
}

fn main() -> anyhow::Result<()> {
    let a = args()?;
    if let Some(file) = &a.minimize {
        return minimize(file);
    }
    if let Some(file) = &a.scale {
        return scale(file);
    }
    let seeds = fuzz::seeds(&a.root, a.stride);
    anyhow::ensure!(
        !seeds.is_empty(),
        "no seed documents under {}",
        a.root.display()
    );
    let seed_bytes: usize = seeds.iter().map(|s| s.bytes.len()).sum();
    println!(
        "tipkg-fuzz: seed {} | {} seed documents ({:.1} MB) | hang limit {:?} | out {}",
        a.seed,
        seeds.len(),
        seed_bytes as f64 / 1e6,
        a.hang,
        a.out.display()
    );
    let _ = Registry::embedded().len();

    let mut w = Worker::spawn()?;
    println!(
        "times are {}",
        if w.stat.is_some() {
            "CPU times of the worker thread"
        } else {
            "wall-clock times"
        }
    );

    let mut rng = Rng::new(a.seed);
    let start = Instant::now();
    let deadline = a.seconds.map(|s| start + Duration::from_secs_f64(s));
    let mut last_progress = Instant::now();
    let (mut cases, mut decoded, mut bytes, mut failures, mut scaled) =
        (0u64, 0u64, 0u64, 0u64, 0u64);
    let (mut max_secs, mut max_case, mut max_len) = (0.0f64, 0u64, 0usize);
    let (mut worst, mut worst_case, mut busy, mut hangs) = (0.0f64, 0u64, 0.0f64, 0u64);
    loop {
        if a.cases.is_some_and(|n| cases >= n) || deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        let case = cases;
        let seed = rng.pick(&seeds);
        let other = rng.pick(&seeds);
        let n = if rng.one_in(16) { 0 } else { 1 + rng.below(8) };
        let muts: Vec<Mutation> = (0..n).map(|_| Mutation::random(&mut rng)).collect();
        let ext = if rng.one_in(2) {
            Path::new(&seed.name)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("txt")
        } else if rng.one_in(2) {
            "md"
        } else {
            "txt"
        };
        let input = fuzz::mutate(&seed.bytes, &other.bytes, &muts);
        let path = PathBuf::from(format!("fuzz.{ext}"));
        let describe = || {
            let ops: Vec<String> = muts
                .iter()
                .map(|m| format!("{}({}, {:#x})", m.name(), m.op, m.arg))
                .collect();
            format!(
                "seed {} case {case}: {} + {} as .{ext}, {} bytes, mutations [{}]",
                a.seed,
                seed.name,
                other.name,
                input.len(),
                ops.join(", ")
            )
        };
        let len = input.len();
        let scale = case % a.scale_every == 0 && len <= SCALE_MAX_BYTES;
        w.jobs.send(Job {
            path: path.clone(),
            bytes: input.clone(),
            scale,
        })?;
        // The watchdog: the checks (and the scaling runs, 1 + 4 copies, up to 3 times), on the
        // worker's CPU time; the wall clock only as a backstop, generous for a busy machine.
        let limit = if scale { a.hang * 16 } else { a.hang };
        let clock = Clock::start(w.stat.as_deref());
        let report = loop {
            match w.reports.recv_timeout(Duration::from_millis(200)) {
                Ok(r) => break Some(r),
                Err(mpsc::RecvTimeoutError::Disconnected) => break None,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if clock.secs() > limit.as_secs_f64() || clock.wall.elapsed() > limit * 30 {
                        break None;
                    }
                }
            }
        };
        let report = match report {
            Some(r) => r,
            None => {
                let name = format!("hang-s{}-c{case}", a.seed);
                let note = format!(
                    "no result after {limit:?} ({:.1} s of CPU, {:.1} s of wall clock): {}\n",
                    clock.secs(),
                    clock.wall.elapsed().as_secs_f64(),
                    describe()
                );
                let p = save(&a.out, &name, ext, &input, &note);
                println!("HANG {note}  saved {}", p.display());
                if !a.keep_going {
                    println!("stopped: a hung input ({cases} cases run)");
                    std::process::exit(2);
                }
                // The hung thread is left to finish on its own; a new one takes over.
                (cases, hangs, failures) = (cases + 1, hangs + 1, failures + 1);
                w = Worker::spawn()?;
                continue;
            }
        };
        cases += 1;
        bytes += len as u64;
        busy += report.secs;
        if report.secs >= a.slow {
            let name = format!("slow-s{}-c{case}", a.seed);
            let note = format!("{:.3} s (not a failure): {}\n", report.secs, describe());
            let p = save(&a.out, &name, ext, &input, &note);
            println!("SLOW {note}  saved {}", p.display());
        }
        if report.secs > max_secs {
            (max_secs, max_case, max_len) = (report.secs, case, len);
        }
        match &report.result {
            Ok(o) => decoded += u64::from(o.decoded),
            Err(e) => {
                failures += 1;
                let name = format!("fail-s{}-c{case}", a.seed);
                let note = format!("{e}\n{}\n", describe());
                let p = save(&a.out, &name, ext, &input, &note);
                println!("FAIL {note}  saved {}", p.display());
            }
        }
        if let Some(s) = report.scale {
            scaled += 1;
            // The worst among the inputs long enough to measure (below the floor a ratio is
            // mostly the granularity of the clock).
            if s.1 >= SCALE_FLOOR && ratio(s) > worst {
                (worst, worst_case) = (ratio(s), case);
                let note = format!(
                    "the worst scaling so far (not a failure below {SCALE_LIMIT}×): {:.4} s for {COPIES} runs, {:.4} s for one on ×{COPIES}: {:.2}×\n{}\n",
                    s.0,
                    s.1,
                    ratio(s),
                    describe()
                );
                save(
                    &a.out,
                    &format!("worst-scaling-s{}", a.seed),
                    ext,
                    &input,
                    &note,
                );
            }
            if flagged(s) {
                failures += 1;
                let name = format!("scaling-s{}-c{case}", a.seed);
                let note = format!(
                    "{:.3} s for {COPIES} runs, {:.3} s for one on it repeated {COPIES}×: {:.1}× the linear time\n{}\n",
                    s.0,
                    s.1,
                    ratio(s),
                    describe()
                );
                let p = save(&a.out, &name, ext, &input, &note);
                println!("SCALING {note}  saved {}", p.display());
            }
        }
        if last_progress.elapsed() >= Duration::from_secs(60) {
            last_progress = Instant::now();
            println!(
                "[{:>6.0} s] {cases} cases, {:.1} MB, {failures} failures, worst scaling {worst:.2}",
                start.elapsed().as_secs_f64(),
                bytes as f64 / 1e6
            );
        }
    }
    let wall = start.elapsed().as_secs_f64();
    println!("--- summary (seed {}) ---", a.seed);
    println!("wall time        {wall:.0} s ({busy:.0} s checking, CPU time of the worker)");
    println!("cases            {cases} ({decoded} decoded, the rest refused by read::decode)");
    println!("bytes            {:.1} MB", bytes as f64 / 1e6);
    println!(
        "throughput       {:.2} MB/s of checked input per second checking ({:.1} cases/s)",
        bytes as f64 / 1e6 / busy.max(1e-9),
        cases as f64 / wall.max(1e-9)
    );
    println!("max per input    {max_secs:.3} s (case {max_case}, {max_len} bytes; all checks)");
    println!(
        "scaling          {scaled} inputs timed {COPIES} runs ×1 against one ×{COPIES}; worst {worst:.2}× linear (case {worst_case}) of those taking {SCALE_FLOOR} s or more ×{COPIES}; limit {SCALE_LIMIT}×"
    );
    println!("failures         {failures} ({hangs} hangs)");
    if hangs > 0 {
        std::process::exit(2);
    }
    if failures > 0 {
        std::process::exit(1);
    }
    Ok(())
}

/// Shrinks a saved failing input (a panic or a violated property) by deleting lines, then
/// bytes, while it still fails; writes `FILE.min` beside it.
fn minimize(file: &Path) -> anyhow::Result<()> {
    std::panic::set_hook(Box::new(|_| {}));
    let mut cur = std::fs::read(file)?;
    let fails = |b: &[u8]| guarded(file, b).is_err();
    anyhow::ensure!(fails(&cur), "{} does not fail", file.display());
    for by_lines in [true, false] {
        let mut chunk = cur.len() / 2;
        while chunk >= 1 {
            let mut i = 0;
            while i < cur.len() {
                let mut end = (i + chunk).min(cur.len());
                if by_lines {
                    end = cur[end..]
                        .iter()
                        .position(|&b| b == b'\n')
                        .map_or(cur.len(), |p| end + p + 1);
                }
                let mut cand = cur[..i].to_vec();
                cand.extend_from_slice(&cur[end..]);
                if fails(&cand) {
                    cur = cand;
                } else {
                    i = end;
                }
            }
            chunk /= 2;
        }
    }
    let out = file.with_extension(format!(
        "min.{}",
        file.extension().and_then(|e| e.to_str()).unwrap_or("txt")
    ));
    std::fs::write(&out, &cur)?;
    let _ = std::panic::take_hook();
    println!(
        "{} bytes: {}\n{}",
        cur.len(),
        out.display(),
        guarded(file, &cur).err().unwrap_or_default()
    );
    Ok(())
}
