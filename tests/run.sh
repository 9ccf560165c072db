#!/usr/bin/env bash
# The test command: installs the independent RDF parsers, Graphviz and the SPARQL store the tests
# use when they are missing (Debian packages: raptor2-utils for rapper, python3-rdflib for
# JSON-LD, graphviz for SVG, virtuoso-opensource for tests/push.rs), then runs the whole test
# suite.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v rapper >/dev/null 2>&1 || need+=(raptor2-utils)
/usr/bin/python3 -c 'import rdflib' >/dev/null 2>&1 || need+=(python3-rdflib)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
# tests/push.rs starts its own Virtuoso (virtuoso-t, isql-vt) on free ports in a temporary folder.
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  policy=""
  if [[ " ${need[*]} " == *" virtuoso-opensource "* ]]; then
    # The package asks (debconf, priority high) for the dba password of the system-wide
    # database: preseed it empty, which leaves that database's daemon disabled. Its postinst
    # also starts the system service: where no policy-rc.d exists (Docker images have one),
    # one is put in place for the install and removed after, so no daemon holds 8890/1111.
    printf '%s\n' \
      'virtuoso-opensource-7 virtuoso-opensource-7/dba-password password' \
      'virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password' |
      $SUDO debconf-set-selections
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      policy=/usr/sbin/policy-rc.d
      printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
      $SUDO chmod 755 "$policy"
      trap '$SUDO rm -f "$policy"' EXIT
    fi
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  if [ -n "$policy" ]; then $SUDO rm -f "$policy"; trap - EXIT; fi
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
