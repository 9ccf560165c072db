//! The `tipkg` command line: parses arguments ([`cli`]), calls the library, maps errors to exit
//! codes (0 success, 1 no result rows, 2 error). A closed stdout pipe is success.

mod cli;

use std::fs::{self, File};
use std::io::{self, BufWriter, IsTerminal as _, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use clap::Parser as _;
use oxigraph::model::{NamedNode, Term};
use tipkg::diff;
use tipkg::output::{export, network, query, stats};
use tipkg::rdf::Iris;
use tipkg::read::ReadError;
use tipkg::registry::Registry;
use tipkg::store::{BULK_MEMORY_MB, GraphStore, LockWait, NewGraph, Summarizer};

use cli::{Cli, Command, DiffFormat, ExportFormatArg, GraphFormat, QueryFormat, StatsFormat};

fn main() -> ExitCode {
    let cli = Cli::parse();
    tipkg::output::file::install_signal_cleanup();
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tipkg: error: {}", message(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, each said once: a cause whose text the message already holds (a
/// library error that prints its cause) is not repeated.
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || c.to_string().contains("Broken pipe")
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let iris = Iris::new(&cli.global.base);
    let store = &cli.global.store;
    match cli.command {
        Command::Extract(a) => extract(store, &iris, &a, lock_wait(&cli.global)),
        Command::Diff(a) => run_diff(store, &iris, &a, lock_wait(&cli.global)),
        Command::Query(a) => run_query(store, &iris, a, lock_wait(&cli.global)),
        Command::Remove(a) => remove(store, &iris, &a.documents, lock_wait(&cli.global)),
        Command::Dump(a) => run_export(
            store,
            &iris,
            &cli::ExportArgs {
                format: match a.format {
                    cli::DumpFormat::Nquads => ExportFormatArg::Nquads,
                    cli::DumpFormat::Trig => ExportFormatArg::Trig,
                },
                graph: None,
                union: false,
                output: a.output,
            },
            lock_wait(&cli.global),
        ),
        Command::Load(a) => {
            // Every file parses before the store is touched by it; each is one transaction.
            let st = open_for_write(store, lock_wait(&cli.global))?;
            let mut out = io::stdout().lock();
            for f in &a.files {
                let (quads, graphs) = st.load_file(f)?;
                writeln!(
                    out,
                    "loaded {}: {quads} quads in {graphs} graphs",
                    f.display()
                )?;
            }
            save_and_report(&st, store, &mut out)
        }
        Command::Export(a) => run_export(store, &iris, &a, lock_wait(&cli.global)),
        Command::Push(a) => run_push(store, &iris, &a, lock_wait(&cli.global)),
        Command::Serve(a) => serve(store, &iris, &a, lock_wait(&cli.global)),
        Command::Stats(a) => {
            let st = open(store, lock_wait(&cli.global))?;
            let mut out = BufWriter::new(io::stdout().lock());
            match a.format {
                StatsFormat::Table => {
                    let s = stats::compute(&st, &iris)?;
                    stats::write_table(&s, &mut out)?;
                }
                StatsFormat::Json => {
                    let s = stats::compute(&st, &iris)?;
                    stats::write_json(&s, &mut out)?;
                }
                StatsFormat::Void => {
                    let t = stats::void(&st, &iris)?;
                    stats::write_void(&t, &iris, &mut out)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Graph(a) => {
            let st = open(store, lock_wait(&cli.global))?;
            let entity = match &a.entity {
                Some(e) => match query::resolve_term(e, Registry::embedded(), &iris) {
                    Term::NamedNode(n) => Some(n.into_string()),
                    _ => bail!("--entity {e:?}: no registry key, acronym or label matches it"),
                },
                None => None,
            };
            let filter = network::Filter {
                entity: entity.as_deref(),
                verb: a.verb.as_deref(),
                all_verbs: a.all_verbs,
            };
            let (edges, labels) = network::edges(&st, &iris, filter)?;
            let mut dot = Vec::new();
            network::write_dot(&edges, &labels, &iris, &mut dot)?;
            let bytes = match a.format {
                GraphFormat::Dot => dot,
                GraphFormat::Svg => network::render_svg(&dot)?,
            };
            match &a.output {
                Some(p) => write_output(p, |w| w.write_all(&bytes))?,
                None => {
                    let mut out = io::stdout().lock();
                    out.write_all(&bytes)?;
                    out.flush()?;
                }
            }
            Ok(if edges.is_empty() {
                eprintln!("tipkg: no provision matches; the network is empty");
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// `tipkg diff`: both files through the pipeline, compared, rendered.
fn run_diff(
    store: &Path,
    iris: &Iris,
    a: &cli::DiffArgs,
    lock_timeout: Duration,
) -> anyhow::Result<ExitCode> {
    let registry = Registry::embedded();
    // A file is read; anything else names a document of the store (its symbol, name or file
    // name), read back from its graph.
    let mut st: Option<GraphStore> = None;
    let mut load = |what: &str| -> anyhow::Result<diff::Doc> {
        let p = Path::new(what);
        if p.is_file() {
            let x = tipkg::pipeline::process(tipkg::read::read_file(p)?, registry);
            return Ok(diff::Doc::of(&x, &x.source.name));
        }
        if st.is_none() {
            if !store.exists() {
                bail!(
                    "{what}: no such file (and no store {} to look in)",
                    store.display()
                );
            }
            st = Some(open(store, lock_timeout)?);
        }
        let st = st.as_ref().context("store")?;
        let doc = query::find_document(what, st, iris).map_err(|close| {
            let names: Vec<&str> = close.iter().map(String::as_str).collect();
            anyhow::anyhow!(
                "{what}: no such file, nor a document of {}{}",
                store.display(),
                if names.is_empty() {
                    String::new()
                } else {
                    format!("; {}", query::did_you_mean(&names))
                }
            )
        })?;
        let name = iris.name_of(&doc).unwrap_or_default();
        diff::stored::from_store(st, iris, &name)
            .with_context(|| format!("{what}: {doc} could not be read back from the store"))
    };
    let draft = load(&a.draft)?;
    let adopted = load(&a.adopted)?;
    let text = if let Some(amends) = &draft.amends {
        // An amendment: its instructions, checked against the adopted text.
        let checked = diff::amend::check(&draft, &adopted);
        let name = adopted.symbols.first().unwrap_or(&adopted.name);
        match a.format {
            DiffFormat::Tsv => diff::amend::tsv(amends, &checked),
            DiffFormat::Json => diff::amend::json(amends, name, &checked),
            DiffFormat::Html => diff::amend::html(amends, name, &checked),
            DiffFormat::Table | DiffFormat::Markdown => diff::amend::text(amends, name, &checked),
        }
    } else {
        let d = diff::diff(&draft, &adopted, registry);
        match a.format {
            DiffFormat::Table => diff::render::table(&d),
            DiffFormat::Json => diff::render::json(&d),
            DiffFormat::Tsv => diff::render::tsv(&d),
            DiffFormat::Markdown => diff::render::markdown(&d),
            DiffFormat::Html => diff::render::html(&d),
        }
    };
    match &a.output {
        Some(p) => write_output(p, |w| w.write_all(text.as_bytes()))?,
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `tipkg serve`: opens the store, starts the server, prints its address, and serves until
/// SIGINT/SIGTERM (a second one exits at once).
fn serve(
    store: &Path,
    iris: &Iris,
    a: &cli::ServeArgs,
    lock_timeout: Duration,
) -> anyhow::Result<ExitCode> {
    let st = open(store, lock_timeout)?;
    let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    let options = tipkg::serve::Options {
        bind: a.bind.clone(),
        max_connections: a.max_connections,
        workers: a
            .workers
            .unwrap_or_else(|| tipkg::serve::Options::default().workers),
        timeout: a.timeout,
        max_body: size(a.max_body),
        max_result: size(a.max_result),
    };
    let server = tipkg::serve::Server::start(st, iris.clone(), &options)?;
    let handle = server.shutdown_handle();
    tipkg::output::file::on_interrupt(move || {
        if handle.shutdown() {
            eprintln!("tipkg: stopping: finishing the requests in flight (again to exit at once)");
        } else {
            eprintln!("tipkg: interrupted again: exiting");
            std::process::exit(130);
        }
    });
    {
        let mut out = io::stdout().lock();
        writeln!(out, "listening on http://{}/", server.local_addr())?;
        out.flush()?;
    }
    let stopped = server.wait();
    if stopped.abandoned > 0 {
        eprintln!(
            "tipkg: stopped after {:.1} s with {} requests unanswered",
            stopped.drained_in.as_secs_f64(),
            stopped.abandoned
        );
    } else {
        eprintln!("tipkg: stopped");
    }
    Ok(ExitCode::SUCCESS)
}

/// Documents up to this size get their graph built on the worker threads.
const PREBUILD_MAX_BYTES: usize = 4 << 20;

/// How a writer waits for the store's lock: saying so after a second, up to --lock-timeout.
fn lock_wait(g: &cli::Global) -> Duration {
    Duration::from_secs(g.lock_timeout)
}

/// Waits for another tipkg process up to `lock_timeout`, saying so on stderr after a second.
fn waiting(lock_timeout: Duration) -> LockWait<'static> {
    fn say(m: &str) {
        eprintln!("tipkg: {m}");
    }
    LockWait {
        timeout: Some(lock_timeout),
        on_wait: &say,
    }
}

/// Opens the store for writing (creating it), waiting for another tipkg process.
fn open_for_write(path: &Path, lock_timeout: Duration) -> anyhow::Result<GraphStore> {
    Ok(GraphStore::open_for_write(path, &waiting(lock_timeout))?)
}

/// Opens an existing store, waiting for another tipkg process.
fn open(path: &Path, lock_timeout: Duration) -> anyhow::Result<GraphStore> {
    Ok(GraphStore::open_existing(path, &waiting(lock_timeout))?)
}

/// `tipkg extract`: one document at a time, read → pipeline → RDF → replace its graph.
fn extract(
    store: &Path,
    iris: &Iris,
    a: &cli::ExtractArgs,
    lock_timeout: Duration,
) -> anyhow::Result<ExitCode> {
    let (paths, strict) = (&a.paths, a.strict);
    let jobs = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let started = Instant::now();
    let existed = store.exists();
    let st = open_for_write(store, lock_timeout)?;
    st.load_vocabulary(iris)?;
    let registry = Registry::embedded();
    let files = tipkg::read::expand(paths);
    // Offsets are 32-bit inside a document: 4 GiB is the most any limit allows.
    let read_options = tipkg::read::ReadOptions::default()
        .with_max_bytes(a.max_size.min(u64::from(u32::MAX)))
        .with_pdf_seconds(a.pdf_timeout);
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(files.len() as u64),
        indicatif::ProgressDrawTarget::hidden(),
    );
    let show_bar = io::stderr().is_terminal();
    let mut shown = false;
    let say = |bar: &indicatif::ProgressBar, msg: String| bar.suspend(|| eprintln!("tipkg: {msg}"));
    let (mut docs, mut paras, mut mentions, mut provisions, mut triples) = (0, 0, 0, 0, 0);
    let (mut errors, mut warnings) = (0usize, 0usize);
    // Findings (what could not be read cleanly): defects, and documents with a defect.
    let (mut findings, mut notes, mut incomplete) = (0usize, 0usize, 0usize);
    let mut namer = tipkg::rdf::identity::Namer::new();
    let (mut replaced, mut refused) = (0usize, 0usize);
    // New documents go into the store together, by one session of the bulk loader.
    let mut fresh = st.new_graphs(BULK_MEMORY_MB);
    let mut failed: Option<anyhow::Error> = None;
    // Drafts and adopted texts of the run, kept on a temporary file for pairing once all are
    // stored.
    let mut compared = diff::shelf::Shelf::new();
    // Workers also build the graph of a document of ordinary size under its provisional name
    // (the RDF is a large part of the work); a very large one is streamed into the store
    // instead, so that its graph is never held in memory twice.
    let build = |mut x: tipkg::model::Extraction| {
        let name = tipkg::rdf::identity::provisional_name(&x);
        let quads = (jobs > 1 && x.source.text.len() <= PREBUILD_MAX_BYTES).then(|| {
            let file_name = std::mem::replace(&mut x.source.name, name.clone());
            let quads = tipkg::rdf::build(&x, registry, iris);
            x.source.name = file_name;
            // Its summary too, while on this thread (the document's key quad is added last).
            let mut sum = Summarizer::new(iris.graph(&name).as_ref().into());
            quads.iter().for_each(|q| sum.push(q.as_ref()));
            (quads, sum)
        });
        (x, name, quads)
    };
    tipkg::pipeline::process_files(files, &read_options, registry, jobs, build, |r| {
        if failed.is_some() {
            return;
        }
        match r {
            Err(ReadError::Empty { path }) => {
                warnings += 1;
                say(
                    &bar,
                    format!("warning: {}: empty file, skipped", path.display()),
                );
            }
            Err(e) => {
                errors += 1;
                say(&bar, format!("error: {e}"));
            }
            Ok((mut x, provisional, built)) => {
                bar.set_message(x.source.path.display().to_string());
                let naming = namer.name(&x, &st, iris);
                if let Some(earlier) = &naming.replaces {
                    replaced += 1;
                    say(
                        &bar,
                        format!(
                            "notice: {}: {} replaces the same document read from {earlier}",
                            x.source.path.display(),
                            x.segmented
                                .meta
                                .symbols
                                .first()
                                .map_or("it", String::as_str),
                        ),
                    );
                }
                x.source.name.clone_from(&naming.name);
                for w in &x.warnings {
                    warnings += 1;
                    let hint = if w.ends_with("no paragraphs found") {
                        " (probably not a UN document; its metadata still goes in)"
                    } else {
                        ""
                    };
                    say(&bar, format!("warning: {w}{hint}"));
                }
                let mut defects = 0;
                for issue in &x.segmented.issues {
                    if issue.kind.is_defect() {
                        defects += 1;
                        say(
                            &bar,
                            format!(
                                "{}: {}: {} (bytes {}..{})",
                                if strict { "error" } else { "note" },
                                x.source.path.display(),
                                issue.message,
                                issue.span.start,
                                issue.span.end
                            ),
                        );
                    } else {
                        notes += 1;
                    }
                }
                findings += defects;
                incomplete += usize::from(defects > 0);
                if strict && defects > 0 {
                    refused += 1;
                    bar.inc(1);
                    return;
                }
                let graph = iris.graph(&x.source.name);
                let key = tipkg::rdf::identity::key_quad(iris, &naming);
                let built = built.filter(|_| naming.name == provisional);
                // Named twice in this run: the later one wins. The earlier one is still in the
                // loading session, so the session is committed and the later one replaces it.
                let twice = fresh.contains(graph.as_ref());
                let large = built.is_none() && x.source.text.len() > PREBUILD_MAX_BYTES;
                let store_it = || -> anyhow::Result<usize> {
                    if twice {
                        std::mem::replace(&mut fresh, st.new_graphs(BULK_MEMORY_MB)).commit()?;
                    }
                    if large || twice || st.contains_graph(graph.as_ref())? {
                        // Already in the store (or too large to hold twice): replaced in its
                        // own transaction, streamed.
                        return Ok(st.replace_graph_with(graph.as_ref(), |sink| {
                            match built {
                                Some((quads, _)) => quads.into_iter().for_each(&mut *sink),
                                None => tipkg::rdf::emit(&x, registry, iris, sink),
                            }
                            sink(key);
                        })?);
                    }
                    let (mut quads, summary) = match built {
                        Some((quads, mut sum)) => {
                            sum.push(key.as_ref());
                            (quads, Some(sum.finish()))
                        }
                        None => (tipkg::rdf::build(&x, registry, iris), None),
                    };
                    quads.push(key);
                    let n = quads.len();
                    fresh.add(NewGraph {
                        graph: graph.clone(),
                        quads,
                        summary,
                    })?;
                    Ok(n)
                };
                let n = store_it().with_context(|| format!("storing {}", x.source.path.display()));
                let n = match n {
                    Ok(n) => n,
                    Err(e) => {
                        failed = Some(e);
                        return;
                    }
                };
                docs += 1;
                paras += x.segmented.paragraphs.len();
                mentions += x.recognised.mentions.len();
                provisions += x.extracted.provisions.len();
                triples += n;
                if (diff::pair::is_draft(&x) || diff::pair::is_adopted(&x))
                    && let Err(e) = compared.push(&diff::Doc::of(&x, &x.source.name))
                {
                    failed = Some(anyhow::Error::new(e).context("keeping a document to pair"));
                    return;
                }
            }
        }
        bar.inc(1);
        if show_bar && !shown && started.elapsed() > Duration::from_millis(500) {
            shown = true;
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    bar.finish_and_clear();
    if let Some(why) = compared.in_memory() {
        eprintln!(
            "tipkg: notice: no temporary file for the documents to pair ({why}); they were kept \
             in memory (set TMPDIR to a writable directory)"
        );
    }
    // The new documents go in first, and the database merges them in the background while
    // the drafts are paired; the pairing graphs new to the store go into a loading session of
    // their own as each is made, the others in by transactions after.
    fresh.commit()?;
    let mut pairs = st.new_graphs(BULK_MEMORY_MB);
    let plan =
        diff::stored::plan(&st, iris, registry, compared, &mut pairs).context("pairing drafts")?;
    pairs.commit()?;
    let linked = diff::stored::write(&st, plan).context("pairing drafts")?;
    // Saving waits while the database throttles writes, that is until the merge of what was
    // ingested is nearly done: the store is left ready for reading.
    st.save()?;
    if refused > 0 {
        eprintln!(
            "tipkg: error: --strict: {findings} findings in {incomplete} documents; {} not \
             stored{}",
            if refused == 1 { "it was" } else { "they were" },
            if docs > 0 {
                format!(" ({docs} other documents were)")
            } else {
                String::new()
            }
        );
        if docs == 0 && !existed {
            // Nothing went in: take away the store this run made.
            st.discard();
        }
        return Ok(ExitCode::from(2));
    }
    let total = st.len()?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "extracted {docs} documents: {paras} paragraphs, {mentions} mentions, {provisions} \
         provisions, {triples} triples in {:.2} s",
        started.elapsed().as_secs_f64()
    )?;
    writeln!(
        out,
        "store {}: {total} quads in {} graphs; {errors} errors, {warnings} warnings, \
         {findings} findings in {incomplete} documents ({notes} notes){}",
        store.display(),
        st.graphs()?.len(),
        if replaced > 0 {
            format!("; {replaced} replaced a document of the same symbol from another file")
        } else {
            String::new()
        }
    )?;
    for l in &linked {
        writeln!(
            out,
            "paired draft {} with {} (by {}, {:.0}% of paragraphs aligned)",
            l.draft,
            l.adopted,
            l.pairing.basis.as_str(),
            l.pairing.overlap * 100.0
        )?;
    }
    out.flush()?;
    Ok(if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// `tipkg remove`: every name must match a document, or nothing is removed.
fn remove(
    store: &Path,
    iris: &Iris,
    names: &[String],
    lock_timeout: Duration,
) -> anyhow::Result<ExitCode> {
    let st = open(store, lock_timeout)?;
    let mut graphs = Vec::new();
    for name in names {
        match query::find_document(name, &st, iris) {
            Ok(doc) => graphs.push((name, iris.name_of(&doc).unwrap_or_default())),
            Err(close) => {
                let names: Vec<&str> = close.iter().map(String::as_str).collect();
                let hint = if names.is_empty() {
                    " (see `tipkg stats` for the documents)".to_owned()
                } else {
                    format!("; {}", query::did_you_mean(&names))
                };
                bail!("{name:?}: no such document in {}{hint}", store.display());
            }
        }
    }
    let mut out = io::stdout().lock();
    let mut gone = std::collections::HashSet::new();
    for (name, doc) in graphs {
        let g = iris.graph(&doc);
        let n = st.remove_graph(g.as_ref())?;
        writeln!(out, "removed {name}: graph {g}, {n} quads")?;
        gone.insert(doc);
    }
    diff::stored::remove_pairings(&st, iris, &gone)?;
    save_and_report(&st, store, &mut out)
}

/// Saves the store and prints its size line (after `remove` and `load`).
fn save_and_report(
    st: &GraphStore,
    store: &Path,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    st.save()?;
    writeln!(
        out,
        "store {}: {} quads in {} graphs",
        store.display(),
        st.len()?,
        st.graphs()?.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn run_query(
    store: &Path,
    iris: &Iris,
    a: cli::QueryArgs,
    lock_timeout: Duration,
) -> anyhow::Result<ExitCode> {
    if a.list {
        let mut out = io::stdout().lock();
        for q in query::NAMED_QUERIES {
            writeln!(out, "{}\n    {}", q.name, q.summary())?;
            for p in q.parameters() {
                writeln!(out, "    {p}")?;
            }
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let (text, origin) = if let Some(n) = &a.name {
        let q = query::named(n)?;
        (q.text.to_owned(), format!("query {}", q.name))
    } else if let Some(f) = &a.file {
        let t = fs::read_to_string(f).with_context(|| format!("reading query {}", f.display()))?;
        (t, f.display().to_string())
    } else if let Some(q) = a.query {
        (q, "query".to_owned())
    } else {
        bail!("give a query, --file, --name or --list");
    };
    let st = open(store, lock_timeout)?;
    let params = a
        .param
        .iter()
        .map(|p| query::resolve_param(p, &st, Registry::embedded(), iris))
        .collect::<Result<Vec<_>, _>>()?;
    if a.explain {
        let work = query::explain_work(&st, &text, &origin, &params, a.strict_dataset, iris)?;
        let mut out = io::stdout().lock();
        writeln!(out, "{}", work.plan)?;
        writeln!(out, "rows {}, steps {}", work.rows, work.steps)?;
        return Ok(ExitCode::SUCCESS);
    }
    let max_memory = a.max_memory.unwrap_or_else(default_max_memory);
    let guard = Guard::start(Duration::from_secs_f64(a.timeout.max(0.0)), max_memory);
    let format = a.format.map(|f| match f {
        QueryFormat::Table => query::OutputFormat::Table,
        QueryFormat::Csv => query::OutputFormat::Csv,
        QueryFormat::Tsv => query::OutputFormat::Tsv,
        QueryFormat::Json => query::OutputFormat::Json,
        QueryFormat::Xml => query::OutputFormat::Xml,
        QueryFormat::Turtle => query::OutputFormat::Turtle,
        QueryFormat::Ntriples => query::OutputFormat::NTriples,
    });
    let terminal = io::stdout().is_terminal();
    let width = table_width(terminal);
    let out = BufWriter::new(io::stdout().lock());
    let rows = query::execute_cancellable(
        &st,
        &text,
        &origin,
        &params,
        a.strict_dataset,
        iris,
        Some(guard.token.clone()),
    )
    .and_then(|results| query::write_results(results, format, terminal, width, iris, &origin, out));
    let rows = match (rows, guard.stop()) {
        (Err(_), Some(why)) => bail!(
            "{origin}: {}",
            why.message(Duration::from_secs_f64(a.timeout.max(0.0)), max_memory)
        ),
        (r, _) => r?,
    };
    Ok(if rows == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Why a query was stopped.
#[derive(Debug, Clone, Copy)]
enum Stopped {
    Timeout,
    /// The resident memory seen, in bytes.
    Memory(u64),
}

impl Stopped {
    fn message(self, timeout: Duration, max_memory: u64) -> String {
        match self {
            Self::Timeout => format!(
                "query stopped after {} s (--timeout); narrow it or raise the limit",
                timeout.as_secs_f64()
            ),
            Self::Memory(rss) => format!(
                "query stopped when the process used {} MB (--max-memory {} MB): it holds too \
                 much at once; narrow it, add LIMIT, or raise the limit",
                rss >> 20,
                max_memory >> 20
            ),
        }
    }
}

/// A watchdog thread that cancels a query after a time or beyond a memory size.
struct Guard {
    token: oxigraph::sparql::CancellationToken,
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<Option<Stopped>>>,
}

impl Guard {
    fn start(timeout: Duration, max_memory: u64) -> Self {
        let token = oxigraph::sparql::CancellationToken::new();
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (t, d) = (token.clone(), done.clone());
        let started = Instant::now();
        let thread = std::thread::spawn(move || {
            while !d.load(std::sync::atomic::Ordering::Relaxed) {
                let why = if started.elapsed() >= timeout {
                    Some(Stopped::Timeout)
                } else {
                    resident_bytes()
                        .filter(|&r| r > max_memory)
                        .map(Stopped::Memory)
                };
                if let Some(why) = why {
                    t.cancel();
                    // The engine checks the token between solutions, not inside a sort or a
                    // hash join: if it has not stopped within 0.3 s, the process ends here.
                    let grace = Instant::now();
                    while !d.load(std::sync::atomic::Ordering::Relaxed) {
                        if grace.elapsed() > Duration::from_millis(300) {
                            eprintln!("tipkg: error: {}", why.message(timeout, max_memory));
                            std::process::exit(2);
                        }
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    return Some(why);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            None
        });
        Self {
            token,
            done,
            thread: Some(thread),
        }
    }

    /// Ends the watch; says whether (and why) it cancelled the query.
    fn stop(mut self) -> Option<Stopped> {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
        self.thread.take().and_then(|t| t.join().ok()).flatten()
    }
}

/// The process's resident memory (Linux: /proc/self/status), if it can be read.
fn resident_bytes() -> Option<u64> {
    kib_field("/proc/self/status", "VmRSS:")
}

/// Half the machine's memory, at most 8 GiB (8 GiB where it cannot be read).
fn default_max_memory() -> u64 {
    let cap = 8 << 30;
    kib_field("/proc/meminfo", "MemTotal:").map_or(cap, |m| (m / 2).min(cap))
}

/// A `Name:   123 kB` field of a /proc file, in bytes.
fn kib_field(file: &str, field: &str) -> Option<u64> {
    let text = fs::read_to_string(file).ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line[field.len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(kib << 10)
}

/// The width a table should fit: the terminal's, else `COLUMNS` when set, else none.
fn table_width(terminal: bool) -> Option<usize> {
    let from_terminal = terminal
        .then(|| terminal_size::terminal_size_of(io::stdout()))
        .flatten()
        .map(|(w, _)| usize::from(w.0));
    from_terminal.or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
}

fn run_export(
    store: &Path,
    iris: &Iris,
    a: &cli::ExportArgs,
    lock_timeout: Duration,
) -> anyhow::Result<ExitCode> {
    let st = open(store, lock_timeout)?;
    let format = match a.format {
        ExportFormatArg::Turtle => export::Format::Turtle,
        ExportFormatArg::Trig => export::Format::TriG,
        ExportFormatArg::Ntriples => export::Format::NTriples,
        ExportFormatArg::Nquads => export::Format::NQuads,
        ExportFormatArg::Rdfxml => export::Format::RdfXml,
        ExportFormatArg::Jsonld => export::Format::JsonLd,
    };
    let selection = match &a.graph {
        Some(g) => {
            let g = g.trim_start_matches('<').trim_end_matches('>');
            let node = if g.contains(':') {
                NamedNode::new(g).with_context(|| format!("--graph {g:?} is not a valid IRI"))?
            } else {
                iris.graph(g)
            };
            export::Selection::Graph(node)
        }
        None if a.union => export::Selection::Union,
        None => export::Selection::All,
    };
    match &a.output {
        Some(p) => write_output(p, |w| {
            export::export(&st, format, &selection, iris, w).map_err(io::Error::other)
        })?,
        None => {
            let out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
            export::export(&st, format, &selection, iris, out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `tipkg push`: the options from the arguments and the environment, a progress bar on a
/// terminal, a line per graph with --dry-run, the summary on stdout.
fn run_push(
    store: &Path,
    iris: &Iris,
    a: &cli::PushArgs,
    lock_timeout: Duration,
) -> anyhow::Result<ExitCode> {
    use tipkg::push::{self, Protocol, PushOptions, Selection};
    let (endpoint, protocol) = match (&a.update_endpoint, &a.endpoint) {
        (Some(u), _) => (u, Protocol::Update),
        (None, Some(e)) => (e, Protocol::GraphStore),
        (None, None) => bail!("give an ENDPOINT or --update-endpoint URL"),
    };
    let secs = |v: f64, flag: &str| {
        Duration::try_from_secs_f64(v).map_err(|_| anyhow::anyhow!("{flag} {v}: not a duration"))
    };
    let mut options = PushOptions::new(endpoint.clone());
    options.protocol = protocol;
    options.format = match a.format {
        cli::PushFormat::Ntriples => push::BodyFormat::NTriples,
        cli::PushFormat::Turtle => push::BodyFormat::Turtle,
    };
    options.chunk_bytes = usize::try_from(a.chunk_size).unwrap_or(usize::MAX);
    options.connect_timeout = secs(a.connect_timeout, "--connect-timeout")?;
    options.read_timeout = secs(a.read_timeout, "--read-timeout")?;
    options.auth = push::Auth::from_env()?;
    options.prefixes = iris
        .prefixes()
        .into_iter()
        .map(|(p, i)| (p.to_owned(), i))
        .collect();
    options.dry_run = a.dry_run;
    let st = open(store, lock_timeout)?;
    let selection = match &a.graph {
        Some(doc) => Selection::Graph(push::resolve_graph(&st, iris, doc)?),
        None => Selection::All,
    };
    let bar = indicatif::ProgressBar::with_draw_target(
        None,
        if io::stderr().is_terminal() && !a.dry_run {
            indicatif::ProgressDrawTarget::stderr()
        } else {
            indicatif::ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} graphs {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut out = io::stdout().lock();
    let mut listed: io::Result<()> = Ok(());
    let summary = push::push(&st, &selection, &options, &mut |r, i, n| {
        let graph = r
            .graph
            .as_ref()
            .map_or("default graph".to_owned(), |g| g.to_string());
        bar.set_length(n as u64);
        bar.set_position(i as u64);
        bar.set_message(graph.clone());
        if a.dry_run && listed.is_ok() {
            listed = writeln!(
                out,
                "{graph}: {} triples, {} {} of {} bytes: {}",
                r.triples,
                r.requests,
                if r.requests == 1 {
                    "request"
                } else {
                    "requests"
                },
                r.bytes,
                r.request
            );
        }
    });
    bar.finish_and_clear();
    let summary = summary?;
    listed?;
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{} {}, {} ({}, {:.1} MB) to {endpoint}{}",
        if a.dry_run { "would push" } else { "pushed" },
        plural(summary.graphs, "graph"),
        plural(summary.triples, "triple"),
        plural(summary.requests, "request"),
        summary.bytes as f64 / 1e6,
        if a.dry_run {
            "; nothing sent (--dry-run)".to_owned()
        } else {
            format!(" in {:.2} s", summary.elapsed.as_secs_f64())
        }
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Writes an output file (see [`tipkg::output::file::write_file`]).
fn write_output(
    path: &Path,
    f: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> anyhow::Result<()> {
    tipkg::output::file::write_file(path, f)?;
    Ok(())
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
