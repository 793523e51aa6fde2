"""Where the memory of a full assessment goes: each phase's peak RSS, RSS after, and time.

Runs ``Store.reassess()`` (what ``kg reassess`` does) on a store kept by
``full_assessment.py N DIR --keep`` and prints, phase by phase, the time, the peak
resident memory *during* the phase (the kernel's high-water mark ``VmHWM``, reset at
each phase's start through ``/proc/self/clear_refs``; an enclosing phase keeps the
highest of its inner ones) and the resident memory after it::

    python benchmarks/store/full_assessment.py 100000 /tmp/fa --keep   # once, makes the store
    python benchmarks/store/full_assessment_memory.py 100000 /tmp/fa   # then as often as needed
    python benchmarks/store/full_assessment_memory.py 100000 /tmp/fa --fresh

With ``--fresh``, the store assessed is a copy of ``DIR/bare-N`` (made once by
``--make-bare``: the corpus loaded without an assessment, then compacted), so that the
assessment graph is empty, as on the first assessment after a bare load; without it,
the kept store already holds an assessment, and every line is compared with it (what
``kg reassess`` does on an assessed store).

The phases are those of :meth:`kg.store.Store._full_assessment` (reading the store,
the discovered trust, scoring, the provenance, the indexes written beside the
assessment) and of :meth:`kg.store.base.StoreBase._finish` (writing: the stored lines
compared, the bulk loads, the tallies). Linux only (``/proc``).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import kg.credibility
import kg.store.base
import kg.store.full_write
import kg.store.provenance
import kg.store.reader
import kg.store.store
import kg.store.tallies
import kg.store.trust
from kg.store import Store

_OPEN: list[list[int]] = []  # the peak (kB) seen so far by each phase that is running
_ROWS: list[tuple[int, str, float, int, int]] = []
_ORDER: dict[tuple[int, str], int] = {}  # phases in the order they start


def _status(field: str) -> int:
    with open("/proc/self/status") as f:
        found = re.search(rf"^{field}:\s+(\d+) kB", f.read(), re.MULTILINE)
    return int(found[1]) if found else 0


def _fold() -> None:
    """Give the high-water mark so far to every running phase, then reset it."""
    hwm = _status("VmHWM")
    for peak in _OPEN:
        peak[0] = max(peak[0], hwm)
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def phase(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    """``real`` measured as the phase ``name`` (nested under the phases running)."""
    def run(*args: Any, **kwargs: Any) -> Any:
        _fold()
        depth = len(_OPEN)  # the bulk loads run in a thread: nested under write_full
        _ORDER.setdefault((depth, name), len(_ORDER))
        peak = [0]
        _OPEN.append(peak)
        t = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            took = time.perf_counter() - t
            _fold()
            del _OPEN[next(i for i, p in enumerate(_OPEN) if p is peak)]  # by identity
            _ROWS.append((depth, name, took, peak[0] // 1024, _status("VmRSS") // 1024))
    return run


def main(n: int, folder: Path, fresh: bool, make_bare: bool) -> None:
    path = folder / f"full-{n}"
    if make_bare:
        bare = Store.open(folder / f"bare-{n}")
        bare.add_file(folder / f"corpus-{n}.nt", "corpus", assess=False)
        bare.optimize()
        del bare
    if fresh:
        path = folder / f"fresh-{n}"
        shutil.rmtree(path, ignore_errors=True)
        shutil.copytree(folder / f"bare-{n}", path)
    if not (path / "CURRENT").exists():
        sys.exit(f"{path}: no store; make it with full_assessment.py {n} {folder} --keep")
    print(f"load average at start: {os.getloadavg()[0]:.2f}", flush=True)
    store = Store.open(path)
    print(f"store opened: RSS {_status('VmRSS') // 1024:,} MB", flush=True)
    kg.store.reader.read_dataset = phase("reading the store", kg.store.reader.read_dataset)
    kg.store.trust.discovered_trust = phase("discovered trust", kg.store.trust.discovered_trust)
    kg.credibility.assess = phase("scoring", kg.credibility.assess)
    kg.store.provenance.assessment_provenance = phase(
        "provenance", kg.store.provenance.assessment_provenance)
    kg.store.store.full_indexes = phase(  # type: ignore[attr-defined]
        "indexes (measures, tracks)", kg.store.store.full_indexes)  # type: ignore[attr-defined]
    full_write = kg.store.full_write
    full_write.stored_lines = phase("  stored lines", full_write.stored_lines)
    full_write._load = phase("  bulk loads", full_write._load)
    kg.store.base.write_full = phase("  write_full (lines made as written)",
                                     kg.store.base.write_full)
    kg.store.tallies.recount = phase("  tallies", kg.store.tallies.recount)
    Store._finish = phase("writing (_finish)", Store._finish)  # type: ignore[method-assign]
    Store.reassess = phase("the whole reassess()", Store.reassess)  # type: ignore[method-assign]
    store.reassess()
    merged: dict[tuple[int, str], list[float]] = {}
    for depth, name, took, peak, rss in _ROWS:  # the bulk loads: one row for all
        row = merged.setdefault((depth, name), [0.0, 0, 0, 0])
        row[0] += took
        row[1] = max(row[1], peak)
        row[2] = rss
        row[3] += 1
    print(f"{'phase':<40} {'time s':>8} {'peak MB':>8} {'RSS after':>10}")
    for (_, name), (took, peak, rss, calls) in sorted(merged.items(),
                                                      key=lambda kv: _ORDER[kv[0]]):
        calls_note = f" (x{calls})" if calls > 1 else ""
        print(f"{name + calls_note:<40} {took:>8.1f} {peak:>8,} {rss:>10,}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}", flush=True)
    if fresh:
        del store
        shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]), "--fresh" in sys.argv[3:],
         "--make-bare" in sys.argv[3:])
