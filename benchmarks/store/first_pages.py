"""Each listing's count and first page, in a process and as a command (issue #16 targets).

    python benchmarks/store/first_pages.py /tmp/pages/store-1000000 [NAME ...]

The store is one that ``benchmarks/store/pages.py build`` wrote, opened read-only
(for writing once only if it has no tallies yet, to keep the listings' totals beside
its assessment: :func:`kg.store.tallies.recount`, timed). Then, for each listing (median of 3, wall
clock):

* ``count``: :func:`kg.store.paging.count_answer` (the tally where there is one),
  and the listing's own ``COUNT`` query for comparison;
* ``first page``: :func:`kg.store.run_query` with ``limit=10000``, rows collected;
* ``command``: ``python -m kg query NAME --store PATH --limit 10000 -f csv``, which
  also starts Python, imports credkg and counts; with, as its baseline, a command
  that only starts Python and imports the CLI (``python -c "import kg.cli"``).

``uptime`` is printed before and after; the machine is shared, so read the ratios.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PAGE = 10_000


def _median(fn: Any, reps: int = 3) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} / {five:.2f} (1 / 5 min)"


def main(path: Path, names: list[str]) -> None:
    from kg.store import Store, run_query, tallies
    from kg.store.paging import LISTINGS, count_answer
    from kg.store.queries import run_sparql

    print(_load())
    store = Store.open(path, read_only=True)
    if any(tallies.read(store.ox, name) is None for name in tallies.TALLIED):
        del store  # opened for writing only when the tallies are missing
        store = Store.open(path)
        start = time.perf_counter()
        tallies.recount(store.ox)
        print(f"tallies counted once: {time.perf_counter() - start:.2f} s")
        del store
        store = Store.open(path, read_only=True)
    subprocess.run([sys.executable, "-c", "import kg.cli"], check=True)  # warm the caches
    imports = _median(lambda: subprocess.run([sys.executable, "-c", "import kg.cli"],
                                             check=True))
    print(f"baseline command (python -c 'import kg.cli'): {imports:.2f} s\n")
    print(f"| listing | count | count (COUNT query) | first {PAGE:,} rows | "
          f"`kg query NAME --limit {PAGE:,}` |")
    print("|---|---|---|---|---|")
    for name in names or list(LISTINGS):
        t_count = _median(lambda name=name: count_answer(store, name))
        t_query = _median(lambda name=name: run_sparql(store.ox, LISTINGS[name].count))
        t_page = _median(lambda name=name: run_query(store, name, limit=PAGE))
        command = [sys.executable, "-m", "kg", "query", name, "--store", str(path),
                   "--limit", str(PAGE), "-f", "csv"]
        t_cli = _median(lambda c=command: subprocess.run(c, check=True, capture_output=True))
        print(f"| {name} | {t_count * 1000:,.0f} ms | {t_query * 1000:,.0f} ms | "
              f"{t_page * 1000:,.0f} ms | {t_cli:.2f} s ({t_cli - imports:.2f} s after "
              "the imports) |", flush=True)
    print(f"\n{_load()}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
