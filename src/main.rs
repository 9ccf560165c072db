//! The `tipkg` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use oxigraph::io::RdfFormat;
use tipkg::registry::Registry;
use tipkg::store::GraphStore;

/// Turns UN documents on trafficking in persons into a queryable RDF graph.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract documents into the store.
    Extract {
        /// The store file.
        #[arg(long, env = "TIPKG_STORE", default_value = tipkg::store::DEFAULT_STORE)]
        store: PathBuf,
        /// Files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Export the store.
    Export {
        /// The store file.
        #[arg(long, env = "TIPKG_STORE", default_value = tipkg::store::DEFAULT_STORE)]
        store: PathBuf,
        /// ntriples or nquads.
        #[arg(long, default_value = "nquads")]
        format: String,
    },
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tipkg: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { store, paths } => {
            let st = GraphStore::open_for_write(&store)?;
            let reg = Registry::embedded();
            let iris = tipkg::rdf::Iris::default();
            let mut failed = false;
            for p in tipkg::read::expand(&paths) {
                let src = match p.and_then(|p| tipkg::read::read_file(&p)) {
                    Ok(s) => s,
                    Err(e) => {
                        eprintln!("tipkg: {e}");
                        failed = true;
                        continue;
                    }
                };
                let x = tipkg::pipeline::process(src, reg);
                let quads = tipkg::rdf::build(&x, reg, &iris);
                st.replace_graph(iris.graph(&x.source.name).as_ref(), &quads)?;
            }
            st.save()?;
            Ok(if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Export { store, format } => {
            let st = GraphStore::open(&store)?;
            let f = if format == "ntriples" {
                RdfFormat::NTriples
            } else {
                RdfFormat::NQuads
            };
            let out = std::io::stdout().lock();
            tipkg::export::export(&st, f, None, out).context("export")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
