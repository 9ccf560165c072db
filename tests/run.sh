#!/usr/bin/env bash
# The test command: installs the independent RDF parsers, clients and Graphviz the tests use when
# they are missing (Debian packages: raptor2-utils for rapper, python3-rdflib for JSON-LD and as
# the SPARQL client of `tipkg serve`, curl for its HTTP requests, graphviz for SVG), then runs the
# whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v rapper >/dev/null 2>&1 || need+=(raptor2-utils)
/usr/bin/python3 -c 'import rdflib' >/dev/null 2>&1 || need+=(python3-rdflib)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# The independent-parser tests must not skip here.
export CI="${CI:-1}"
cargo test --release "$@"
# Fuzzing: tests/fuzz.rs ran above (a bounded proptest suite); the driver adds what a test may not
# time: a hang watchdog and a check that time grows linearly with the input. 30 s of a fixed seed
# (see tests/data/fuzz/RUNS.md); only on a full run.
if [ $# -eq 0 ]; then
  cargo run --release --quiet --bin tipkg-fuzz -- --seconds 30 --seed 1 --out target/fuzz
fi
