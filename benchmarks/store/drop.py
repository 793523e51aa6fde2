"""Removing the big document of a store (issue #16, point 3): time and peak RSS.

    python benchmarks/store/drop.py 100000 /tmp/pages /tmp/drop [copy pages limit]

Takes the store that ``benchmarks/store/pages.py build N DIR`` left in
``DIR/store-N`` (the synthetic corpus, one document ``corpus``, with its
assessment-like graph), copies it to ``WORK`` for each way of removing, adds the seed
(a second, small document, so that something remains to assess) and times, in a
child process whose peak RSS is its own, ``Store.remove("corpus")`` with the
assessment of what remains:

* ``copy``: what ``kg remove`` does for a document larger than the rest of the
  store: the rest copied into a fresh store, exchanged with the old one
  (:func:`kg.store.drop.rebuild_without`); the space comes back at once;
* ``pages``: the graph dropped by pages of subjects (:func:`kg.store.drop.drop_graph`),
  forced, as for a smaller document; then the stale assessment by difference;
* ``limit``: the baseline, the drop before issue #16: ``DELETE`` of a
  ``SELECT ... LIMIT 250000`` page of the graph at a time, each page rescanning the
  tombstones of the pages before it.

With ``DROP_REST=FILE`` in the environment, ``FILE`` (e.g. the 100k corpus) is added too,
as a document ``rest``, so that what remains is large and its assessment costs.

Each line prints the wall time, the ratio to the first way measured in the same run,
the peak RSS, and the folder's size after (``du``). ``uptime`` is printed first.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path


def _limit_drop(self: object, graph: object) -> None:
    """The drop before issue #16 (the baseline)."""
    store = self.ox  # type: ignore[attr-defined]
    page = (f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ {{ SELECT ?s ?p ?o "
            f"WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} LIMIT 250000 }} }}")
    while bool(store.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}")):
        store.update(page)
    if store.contains_named_graph(graph):
        store.remove_graph(graph)


def child(way: str, path: str) -> None:
    """In a child process: remove ``corpus`` one way; print the time and peak RSS."""
    from kg.store import Store
    from kg.store import drop as drop_module
    from kg.store.base import StoreBase

    if way in ("pages", "limit"):
        drop_module.SMALL = 10**15  # never copy
    if way == "limit":
        StoreBase._drop_graph = _limit_drop  # type: ignore[assignment,method-assign]
    store = Store.open(path)
    quads = len(store)
    start = time.perf_counter()
    change = store.remove("corpus")
    store.flush()
    seconds = time.perf_counter() - start
    print(json.dumps({"s": seconds, "quads_before": quads, "quads_after": len(store),
                      "triples": change.triples, "assessed": change.assessed,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def _du(path: Path) -> str:
    return subprocess.run(["du", "-sh", str(path)], capture_output=True, text=True,
                          check=True).stdout.split()[0]


def run(n: int, folder: Path, work: Path, ways: list[str]) -> None:
    from kg.seed import seed_dataset
    from kg.store import Store

    print(f"uptime: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min load)")
    base: float | None = None
    results = {}
    for way in ways:
        path = work / f"drop-{n}-{way}"
        shutil.rmtree(path, ignore_errors=True)
        shutil.copytree(folder / f"store-{n}", path)
        store = Store.open(path)
        store.add_dataset(seed_dataset(), "seed", assess=False)
        if os.environ.get("DROP_REST"):  # a larger remainder: another corpus as a document
            store.add_file(Path(os.environ["DROP_REST"]), "rest", assess=False)
        del store
        before = _du(path)
        done = subprocess.run([sys.executable, __file__, "child", way, str(path)],
                              check=True, capture_output=True, text=True)
        got = json.loads(done.stdout)
        base = base or got["s"]
        print(f"| {n:,} claims | {way} | {got['triples']:,} triples, {got['quads_before']:,} "
              f"quads before, {got['quads_after']:,} after | {got['s']:.1f} s "
              f"({got['s'] / base:.2f}x) | {got['rss_mb']:,.0f} MB | {before} -> {_du(path)} |",
              flush=True)
        results[way] = got
        shutil.rmtree(path, ignore_errors=True)
    (work / f"drop-{n}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "child":
        child(sys.argv[2], sys.argv[3])
    else:
        run(int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]),
            sys.argv[4:] or ["copy", "pages", "limit"])
