#!/usr/bin/env bash
# The store benchmark: 10k and 100k claims on pyoxigraph and rdflib, 1M on pyoxigraph.
# Usage: benchmarks/store/run.sh [FOLDER]   (default /tmp/credkg-bench; needs ~10 GB free)
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${1:-/tmp/credkg-bench}
PY=${PY:-.venv/bin/python}
mkdir -p "$DIR"
for n in 10000 100000 1000000; do
  [ -f "$DIR/corpus-$n.nt" ] || $PY benchmarks/store/bench.py gen $n "$DIR"
  $PY benchmarks/store/bench.py ox $n "$DIR" 200 3 > /dev/null
  if [ $n -le 100000 ]; then
    # rdflib: each query is sampled for at most 120 s (see bench.py BUDGET)
    $PY benchmarks/store/bench.py rdflib $n "$DIR" 200 1 > /dev/null
  fi
done
$PY benchmarks/store/bench.py report "$DIR"
