#!/bin/sh
# Times `tipkg diff --format tsv DRAFT ADOPTED` (the whole process: reading, extraction of both
# texts, alignment, changes) on the draft/adopted pairs of issue 12: the mean wall time of RUNS
# runs (default 20) after one warm-up, in milliseconds. Prints figures, asserts nothing.
# Usage: bench/diff.sh [RUNS]   (from the repository root, after cargo build --release)
set -eu
RUNS=${1:-20}
BIN=${TIPKG:-target/release/tipkg}
W=../shared/wild/ga-pdf-text
run() {
  "$BIN" diff --format tsv "$1" "$2" >/dev/null
  start=$(date +%s%N)
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    "$BIN" diff --format tsv "$1" "$2" >/dev/null
    i=$((i + 1))
  done
  end=$(date +%s%N)
  printf '%-34s -> %-26s %6.1f ms\n' "$(basename "$1")" "$(basename "$2")" \
    "$(echo "($end - $start) / $RUNS / 1000000" | bc -l)"
}
run corpus/pd2021-rev3-draft.txt corpus/a-res-76-7.md
run corpus/pd2017-final-draft.txt corpus/pd2017.txt
run $W/A_C.3_80_L.3.txt $W/A_RES_80_229.txt
run $W/A_C.3_80_L.7.txt $W/A_RES_80_225.txt
run $W/A_C.3_80_L.8.txt $W/A_RES_80_226.txt
run $W/A_C.3_80_L.9.txt $W/A_RES_80_227.txt
run $W/A_C.3_80_L.18.txt $W/A_RES_80_185.txt
run $W/A_C.3_80_L.57.txt $W/A_RES_80_229.txt
