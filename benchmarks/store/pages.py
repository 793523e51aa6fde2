"""Paged listings (issue #16, point 6): each listing's count, first page and whole CSV.

    python benchmarks/store/pages.py build 100000 /tmp/pages   # corpus + store (once)
    python benchmarks/store/pages.py run 100000 /tmp/pages     # the table, on stdout

The store is the synthetic corpus with its assessment-like graph (as in
``bench.py``), on disk and compacted. For each listing of :data:`kg.store.paging.LISTINGS`:

* ``count``: :func:`~kg.store.paging.count_answer` (the total kept beside the assessment,
  :mod:`kg.store.tallies`, where the listing has one; else its own COUNT form);
* ``first page``: the first 10,000 rows, collected (:func:`~kg.store.run_query`
  with ``limit``), what ``kg query NAME --limit 10000`` and ``kg serve`` compute;
* ``deeper page``: 10,000 rows after skipping 100,000, or half the rows of a
  shorter listing (OFFSET walks the rows it skips);
* ``rows``: the exact number of rows, by the COUNT of the whole query
  (:func:`~kg.store.sparql_text.count_sparql`), with its time: what the listing's
  own count saves;
* ``whole CSV``: the whole answer streamed to ``/dev/null`` by
  :func:`~kg.store.streaming.stream_query`, in a child process whose peak RSS
  is its own, with the peak of a child that only opens the store and counts.

Each time is the median of 3 runs (the whole CSV: 1 run), wall clock, and a ratio
to the baseline measured in the same run: ``SELECT (COUNT(*) AS ?n) WHERE { ?c a
cred:Claim }``, a scan of one index over every claim. ``uptime`` is printed too.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PAGE = 10_000
DEEP = 100_000
BASELINE = ("PREFIX cred: <https://w3id.org/credkg/ns#>\n"
            "SELECT (COUNT(*) AS ?n) WHERE { ?c a cred:Claim }")


def build(n: int, folder: Path) -> None:
    import pyoxigraph as ox

    from kg.model import DEFAULT_BASE
    from kg.store import Store, tallies
    from kg.synthetic import write_synthetic, write_synthetic_assessment

    folder.mkdir(parents=True, exist_ok=True)
    corpus, assessment = folder / f"corpus-{n}.nt", folder / f"assessment-{n}.nt"
    if not corpus.exists():
        write_synthetic(corpus, n)
        write_synthetic_assessment(assessment, n)
    path = folder / f"store-{n}"
    shutil.rmtree(path, ignore_errors=True)
    start = time.perf_counter()
    store = Store.open(path)
    store.add_file(corpus, "corpus", assess=False)
    store.ox.bulk_load(path=str(assessment), format=ox.RdfFormat.N_TRIPLES,
                       to_graph=ox.NamedNode(f"{DEFAULT_BASE}graph/assessment"))
    tallies.recount(store.ox)  # the listings' totals, as an assessment written by the store has
    store.flush()
    store.optimize()
    print(json.dumps({"claims": n, "build_s": round(time.perf_counter() - start, 1)}))


def _median(fn: Any, reps: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(reps):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def child(mode: str, path: str, name: str) -> None:
    """In a child process: stream one listing to /dev/null (or only count), print peak RSS."""
    from kg.store import Store
    from kg.store.paging import count_answer
    from kg.store.streaming import stream_query

    store = Store.open(path, read_only=True)
    start = time.perf_counter()
    if mode == "stream":
        with open(os.devnull, "wb") as sink:
            stream_query(store, name, sink, "csv")
    else:
        count_answer(store, name)
    print(json.dumps({"s": time.perf_counter() - start,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def _in_child(mode: str, path: Path, name: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "child", mode, str(path), name],
                          check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def run(n: int, folder: Path) -> None:
    from kg.store import QUERIES, Store, run_query
    from kg.store.paging import LISTINGS, count_answer
    from kg.store.sparql_text import count_sparql

    path = folder / f"store-{n}"
    print(f"uptime: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min load)")
    store = Store.open(path, read_only=True)
    base, _ = _median(lambda: list(store.ox.query(  # type: ignore[arg-type]
        BASELINE, use_default_graph_as_union=True)))
    print(f"baseline (count of claims, one index scan): {base * 1000:.0f} ms\n")
    print(f"| listing ({n:,} claims) | counts | count | first {PAGE:,} rows | deeper page "
          "(offset) | rows (COUNT of the query) | whole CSV | peak RSS (streaming / "
          "counting only) |")
    print("|---|---|---|---|---|---|---|---|")

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:,.0f} ms ({seconds / base:.1f}x)"

    results: dict[str, Any] = {"claims": n, "baseline_s": base}
    for name, listing in LISTINGS.items():
        t_count, count = _median(lambda name=name: count_answer(store, name))
        t_page, _ = _median(lambda name=name: run_query(store, name, limit=PAGE))
        t_rows, rows = _median(lambda name=name: list(store.ox.query(  # type: ignore[arg-type]
            count_sparql(QUERIES[name].sparql), use_default_graph_as_union=True)), 1)
        total = int(rows[0]["rows"].value)
        offset = min(DEEP, total // 2)
        t_deep, _ = _median(lambda name=name, o=offset: run_query(store, name, limit=PAGE,
                                                                  offset=o))
        streamed = _in_child("stream", path, name)
        counted = _in_child("count", path, name)
        print(f"| {name} | {count.total:,} {listing.unit} | {ms(t_count)} | {ms(t_page)} | "
              f"{ms(t_deep)} ({offset:,}) | {total:,} in {t_rows:.1f} s | "
              f"{streamed['s']:.1f} s ({streamed['s'] / base:.0f}x) | "
              f"{streamed['rss_mb']:,.0f} / {counted['rss_mb']:,.0f} MB |", flush=True)
        results[name] = {"count_s": t_count, "count": count.total, "first_page_s": t_page,
                         "deep_page_s": t_deep, "offset": offset, "rows": total,
                         "rows_count_s": t_rows, "csv_s": streamed["s"],
                         "csv_rss_mb": streamed["rss_mb"], "count_rss_mb": counted["rss_mb"]}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", "query", "single-origin", "--store", str(path),
                    "--limit", str(PAGE), "-f", "csv"], check=True, capture_output=True)
    cli = time.perf_counter() - start
    print(f"\n`kg query single-origin --limit {PAGE:,} -f csv` as a command (Python start "
          f"and imports included): {cli:.2f} s")
    results["cli_first_page_s"] = cli
    (folder / f"pages-{n}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "build":
        build(int(sys.argv[2]), Path(sys.argv[3]))
    else:
        run(int(sys.argv[2]), Path(sys.argv[3]))
