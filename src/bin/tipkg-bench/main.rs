//! Throughput benchmark: prints figures, asserts nothing.
//!
//! Reads every document of a folder (default `corpus/`), repeats the set until it holds at least
//! `--mb` megabytes of text (default 13.8, the size of the 500-document reference run), and
//! times each stage: the pipeline (segment → recognise → extract), building RDF, loading it into
//! a fresh on-disk store as `extract` does (one bulk-loading session: the floor of `extract`'s
//! writing), inserting it graph by graph by transactions, dumping N-Quads, a SPARQL COUNT over the union graph, `stats`
//! (table and VoID) and every named query of `queries/` (each stopped after 30 s).
//!
//! ```text
//! cargo run --release --bin tipkg-bench -- [--mb 13.8] [DIR]
//! ```
//!
//! `tipkg-bench pdf …` measures reading PDFs instead (see [`pdf`]).

use std::path::PathBuf;
use std::time::Instant;

use oxigraph::io::RdfFormat;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use tipkg::model::Source;
use tipkg::rdf::Iris;
use tipkg::registry::Registry;
use tipkg::store::{BULK_MEMORY_MB, GraphStore, NewGraph};

mod pdf;

/// A named query still running after this long is stopped and reported as such.
const QUERY_LIMIT_SECS: u64 = 30;

/// The machine: CPU model and logical cores (Linux), for the figures' context.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_owned());
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    format!("{cpu}, {cores} cores")
}

fn main() -> anyhow::Result<()> {
    let all: Vec<String> = std::env::args().skip(1).collect();
    match all.first().map(String::as_str) {
        Some("pdf") => return pdf::run(&all[1..]),
        Some("pdf-text") => return pdf::text(&all[1..]),
        Some("paragraphs") => return pdf::paragraphs(&all[1..]),
        _ => {}
    }
    let mut args = all.into_iter();
    let mut mb = 13.8_f64;
    let mut dir = PathBuf::from("corpus");
    while let Some(a) = args.next() {
        if a == "--mb" {
            mb = args.next().and_then(|v| v.parse().ok()).unwrap_or(mb);
        } else {
            dir = PathBuf::from(a);
        }
    }
    let sources: Vec<Source> = tipkg::read::expand(&[dir])
        .into_iter()
        .filter_map(|p| p.and_then(|p| tipkg::read::read_file(&p)).ok())
        .collect();
    anyhow::ensure!(!sources.is_empty(), "no documents to read");
    let corpus_bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let target = (mb * 1e6) as usize;
    let copies = target.div_ceil(corpus_bytes).max(1);
    let registry = Registry::embedded();
    let iris = Iris::default();
    let _ = registry.len(); // load the registry before timing

    // Segmentation alone (read → segment), the first stage of the pipeline.
    let t = Instant::now();
    let mut paragraphs = 0usize;
    for _ in 0..copies {
        for s in &sources {
            paragraphs += tipkg::segment::segment(s).paragraphs.len();
        }
    }
    let t_segment = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut extractions = Vec::new();
    for copy in 0..copies {
        for s in &sources {
            let mut s = s.clone();
            s.name = format!("{}-{copy}", s.name);
            extractions.push(tipkg::pipeline::process(s, registry));
        }
    }
    let t_pipeline = t.elapsed().as_secs_f64();
    let bytes = corpus_bytes * copies;

    let t = Instant::now();
    let graphs: Vec<_> = extractions
        .iter()
        .map(|x| {
            (
                iris.graph(&x.source.name),
                tipkg::rdf::build(x, registry, &iris),
            )
        })
        .collect();
    let t_rdf = t.elapsed().as_secs_f64();
    let quads: usize = graphs.iter().map(|(_, q)| q.len()).sum();

    let dir = std::env::temp_dir().join(format!("tipkg-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    // The floor of `extract`'s writing: the same graphs, already built and summarised, into a
    // fresh on-disk store by the one bulk-loading session `extract` uses, then saved (which
    // waits while the database throttles writes, as `extract` does).
    let fresh: Vec<NewGraph> = graphs
        .iter()
        .map(|(g, q)| NewGraph {
            graph: g.clone(),
            quads: q.clone(),
            summary: Some(tipkg::store::summary::summarize(g.as_ref().into(), q)),
        })
        .collect();
    let bulk = GraphStore::open_for_write(&dir.join("bulk-store"), &Default::default())?;
    let t = Instant::now();
    let mut session = bulk.new_graphs(BULK_MEMORY_MB);
    for g in fresh {
        session.add(g)?;
    }
    session.commit()?;
    bulk.save()?;
    let t_bulk = t.elapsed().as_secs_f64();
    drop(bulk);

    let store = GraphStore::open_for_write(&dir.join("bench-store"), &Default::default())?;
    let t = Instant::now();
    for (g, q) in &graphs {
        store.replace_graph(g.as_ref(), q)?;
    }
    let t_insert = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let dump = store
        .store()
        .dump_to_writer(RdfFormat::NQuads, Vec::new())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let t_dump = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut q = SparqlEvaluator::new().parse_query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/tipkg/ontology#Provision> }",
    )?;
    q.dataset_mut().set_default_graph_as_union();
    let mut provisions = String::new();
    if let QueryResults::Solutions(mut rows) = q.on_store(store.store()).execute()?
        && let Some(row) = rows.next()
    {
        provisions = row?.get("n").map(|t| t.to_string()).unwrap_or_default();
    }
    let t_count = t.elapsed().as_secs_f64();

    // The commands that read the whole store: stats, VoID, and every named query.
    let t = Instant::now();
    let stats = tipkg::output::stats::compute(&store, &iris)?;
    let t_stats = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let void = tipkg::output::stats::void(&store, &iris)?;
    let t_void = t.elapsed().as_secs_f64();
    let mut named = Vec::new();
    // mandates-not-in compares two documents (unbound, it compares every pair).
    let pair: Vec<(oxigraph::model::Variable, oxigraph::model::Term)> = ["in", "notIn"]
        .iter()
        .zip(&extractions)
        .map(|(v, x)| {
            (
                oxigraph::model::Variable::new_unchecked(*v),
                iris.document(&x.source.name).into(),
            )
        })
        .collect();
    for q in tipkg::output::query::NAMED_QUERIES {
        let params = if q.name == "mandates-not-in" {
            pair.as_slice()
        } else {
            &[]
        };
        let token = oxigraph::sparql::CancellationToken::new();
        let stop = token.clone();
        let limit = std::time::Duration::from_secs(QUERY_LIMIT_SECS);
        let timer = std::thread::spawn(move || {
            let t = Instant::now();
            while t.elapsed() < limit && !stop.is_cancelled() {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            stop.cancel();
        });
        let t = Instant::now();
        let rows = tipkg::output::query::execute_cancellable(
            &store,
            q.text,
            q.name,
            params,
            false,
            &iris,
            Some(token.clone()),
        )
        .and_then(|r| {
            tipkg::output::query::write_results(
                r,
                None,
                false,
                None,
                &iris,
                q.name,
                std::io::sink(),
            )
        });
        let secs = t.elapsed().as_secs_f64();
        token.cancel();
        let _ = timer.join();
        named.push((q.name, secs, rows.ok()));
    }
    let _ = std::fs::remove_dir_all(&dir);

    let mbs = bytes as f64 / 1e6;
    println!("machine   {}", machine());
    println!(
        "documents {} ({} copies of {}), text {:.1} MB",
        extractions.len(),
        copies,
        sources.len(),
        mbs
    );
    println!(
        "segment   {:>8.3} s  {:>8.1} MB/s ({paragraphs} paragraphs)",
        t_segment,
        mbs / t_segment
    );
    println!(
        "pipeline  {:>8.3} s  {:>8.1} MB/s",
        t_pipeline,
        mbs / t_pipeline
    );
    println!(
        "rdf build {:>8.3} s  {:>8.2} M quads/s ({quads} quads)",
        t_rdf,
        quads as f64 / 1e6 / t_rdf
    );
    println!(
        "bulk load {:>8.3} s  {:>8.2} M quads/s (fresh store, one loading session, as extract)",
        t_bulk,
        quads as f64 / 1e6 / t_bulk
    );
    println!(
        "insert    {:>8.3} s  {:>8.2} M quads/s (by transactions, a graph at a time)",
        t_insert,
        quads as f64 / 1e6 / t_insert
    );
    println!(
        "dump      {:>8.3} s  {:>8.1} MB/s N-Quads ({:.1} MB)",
        t_dump,
        dump.len() as f64 / 1e6 / t_dump,
        dump.len() as f64 / 1e6
    );
    println!("COUNT     {t_count:>8.3} s  (provisions {provisions})");
    println!(
        "stats     {t_stats:>8.3} s  ({} documents, {} distinct triples)",
        stats.documents, stats.triples
    );
    println!("void      {t_void:>8.3} s  ({} triples)", void.len());
    for (name, secs, rows) in named {
        match rows {
            Some(n) => println!("query     {secs:>8.3} s  {name} ({n} rows)"),
            None => println!("query     {secs:>8.3} s  {name} (stopped at {QUERY_LIMIT_SECS} s)"),
        }
    }
    Ok(())
}
