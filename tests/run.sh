#!/usr/bin/env bash
# The test command: installs what the build and the tests need when it is missing (.ci/setup:
# Debian's libclang for the RocksDB bindings, rapper, rdflib, Graphviz, curl), then runs the
# whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup
# The independent-parser tests must not skip here.
export CI="${CI:-1}"
cargo test --release "$@"
# Fuzzing: tests/fuzz.rs ran above (a bounded proptest suite); the driver adds what a test may not
# time: a hang watchdog and a check that time grows linearly with the input. 30 s of a fixed seed
# (see tests/data/fuzz/RUNS.md); only on a full run.
if [ $# -eq 0 ]; then
  cargo run --release --quiet --bin tipkg-fuzz -- --seconds 30 --seed 1 --out target/fuzz
fi
