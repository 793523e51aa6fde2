"""The least a full assessment from the store can cost on pyoxigraph: its read and write floors.

A full assessment reads every document quad out of the store and writes about as
many assessment quads back. Whatever credkg does in Python, it cannot be faster than
pyoxigraph reading those quads (decoding each term) and its bulk loader writing the
assessment. This script measures, in one run on the same store:

1. the bare load of the synthetic corpus of N claims (``add_file(assess=False)``),
   the baseline of ``incremental.py`` and ``full_assessment.py``;
2. the full assessment (``Store.reassess()``, what ``kg reassess`` does);
3. the *read floor*: every quad of the documents' graphs dumped as N-Quads to
   ``/dev/null`` by pyoxigraph (no Python object made), one thread; and the column
   reader's own queries (:mod:`kg.store.columns`: one ``SELECT ?s ?o`` a predicate),
   serialised as TSV to ``/dev/null`` two at a time, as the reader runs them: its
   cost without any Python;
4. the *write floor*: the assessment graph the run wrote, dumped to a file (not timed),
   then bulk-loaded by pyoxigraph into a fresh store (no Python object made);

each floor in a child process of its own, with its peak RSS. Prints the full
assessment's ratio to the bare load and to the sum of the floors::

    python benchmarks/store/floors.py 100000 /tmp/floors [--keep]

The corpus is ``DIR/corpus-N.nt`` (generated if missing). ``--reuse`` takes the store
``DIR/floors-N`` kept by an earlier ``--keep`` run and skips the load and assessment;
``--store PATH`` measures the floors of another store that holds an assessment (e.g.
the one ``incremental.py --keep`` leaves), without loading or assessing.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg.store import Store
from kg.synthetic import write_synthetic

_CHILD = r"""
import sys, time
from concurrent.futures import ThreadPoolExecutor
import pyoxigraph as ox
what, path = sys.argv[1], sys.argv[2]
t = time.perf_counter()
if what == "read":  # every document quad, as N-Quads, one thread
    store = ox.Store.read_only(path)
    with open("/dev/null", "wb") as out:
        for g in store.named_graphs():
            if "/document/" in g.value:
                store.dump(out, ox.RdfFormat.N_QUADS, from_graph=g)
elif what == "columns":  # the column reader's queries as TSV, two at a time, no Python
    from kg.store.columns import _PREDICATES
    store = ox.Store.read_only(path)
    graphs = [g for g in store.named_graphs() if "/document/" in g.value]
    preds = [*_PREDICATES, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"]
    def run(p):
        with open("/dev/null", "wb") as out:
            store.query(f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o }}", default_graph=graphs
                        ).serialize(out, ox.QueryResultsFormat.TSV)
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(run, preds))
elif what == "write":  # the assessment's triples from a file, by the bulk loader
    store = ox.Store(path)
    store.bulk_load(path=sys.argv[3], format=ox.RdfFormat.N_TRIPLES,
                    to_graph=ox.NamedNode("https://example.org/assessment"))
    store.flush()
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(time.perf_counter() - t, int(hwm.split()[1]) // 1024)  # ru_maxrss survives exec
"""


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def child(*args: str) -> tuple[float, int]:
    """Run one floor in a fresh process: (seconds, peak RSS in MB)."""
    out = subprocess.run([sys.executable, "-c", _CHILD, *args], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1])


def main(n: int, folder: Path, keep: bool, reuse: bool, other: Path | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {os.getloadavg()[0]:.2f}", flush=True)
    corpus = folder / f"corpus-{n}.nt"
    path = folder / f"floors-{n}" if other is None else other
    bare = full = 0.0
    if not (reuse and path.exists()) and other is None:
        if not corpus.exists():
            write_synthetic(corpus, n)
        shutil.rmtree(path, ignore_errors=True)
        store = Store.open(path)
        t = time.perf_counter()
        store.add_file(corpus, "corpus", assess=False)
        bare = time.perf_counter() - t
        print(f"bare load of {n:,} claims (baseline): {bare:.1f} s, peak RSS {peak_mb():,} MB",
              flush=True)
        t = time.perf_counter()
        store.reassess()
        full = time.perf_counter() - t
        print(f"full assessment, written back: {full:.1f} s ({full / bare:.1f}x the bare load), "
              f"peak RSS {peak_mb():,} MB", flush=True)
    else:
        store = Store.open(path)
    graph = next(g for g in store.ox.named_graphs() if g.value.endswith("graph/assessment"))
    dumped = folder / f"assessment-{n}.dump.nt"
    with open(dumped, "wb") as out:
        store.ox.dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    store.flush()
    del store  # the floors open the folder themselves
    read1, read1_mb = child("read", str(path))
    print(f"every document quad dumped by pyoxigraph, one thread: {read1:.1f} s, "
          f"peak RSS {read1_mb:,} MB", flush=True)
    read2, read2_mb = child("columns", str(path))
    print(f"read floor (the column reader's queries as TSV, two at a time, no Python): "
          f"{read2:.1f} s, peak RSS {read2_mb:,} MB", flush=True)
    fresh = folder / f"floors-write-{n}"
    shutil.rmtree(fresh, ignore_errors=True)
    write, write_mb = child("write", str(fresh), str(dumped))
    shutil.rmtree(fresh, ignore_errors=True)
    with open(dumped, "rb") as f:
        lines = sum(1 for _ in f)
    dumped.unlink()
    print(f"write floor (the assessment's {lines:,} triples bulk-loaded from a file): "
          f"{write:.1f} s, peak RSS {write_mb:,} MB", flush=True)
    floor = read2 + write
    print(f"floors together (two-thread read + write): {floor:.1f} s", flush=True)
    if full:
        print(f"full assessment: {full / floor:.2f}x the floors; "
              f"floors alone {floor / bare:.1f}x the bare load", flush=True)
    if not keep and other is None:
        shutil.rmtree(path, ignore_errors=True)
    print(f"load average at end: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    flags = sys.argv[3:]
    other = Path(flags[flags.index("--store") + 1]) if "--store" in flags else None
    main(int(sys.argv[1]), Path(sys.argv[2]), "--keep" in flags or "--reuse" in flags,
         "--reuse" in flags, other)
