"""A full assessment of N claims from the store, written back: phases, time and memory.

Loads the synthetic corpus of N claims into a fresh on-disk store without the
assessment (``add_file(assess=False)``: the baseline, timed in the same run), then
runs ``Store.reassess()`` (what ``kg reassess`` does) and prints its phases: reading the
store into a dataset (:mod:`kg.store.columns`), scoring, making the assessment's
N-Triples lines (explanations included), writing them (:mod:`kg.store.full_write`);
then the whole call, its ratio to the bare load, its CPU time (all threads) and the
compaction's share, and the peak RSS of the process after each step (since the end of
the bare load, on Linux). With ``--again``, a second ``reassess()`` of the unchanged
store (every line compared with the stored graph). With ``--old``, the quad-by-quad
reader (:func:`kg.store.reader.read_quads`) is timed on the same store for comparison.
With ``--reuse``, a store kept by an earlier run (``--keep``) is assessed without loading
it (no baseline then: the process holds nothing from a load)::

    python benchmarks/store/full_assessment.py 100000 /tmp/full [--again] [--old] [--keep]

The corpus is ``DIR/corpus-N.nt`` (generated if missing; ``/tmp/pages-bench`` holds
the 100k and 1M ones); the store is ``DIR/full-N`` (removed at the end unless ``--keep``).
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kg.credibility
import kg.formats.assessment
import kg.store.base
import kg.store.reader
from kg.store import Store
from kg.synthetic import write_synthetic

PHASES: dict[str, float] = {}


def peak_mb() -> int:
    """The peak RSS since the start, or since :func:`reset_peak` (Linux's ``VmHWM``)."""
    try:
        with open("/proc/self/status") as f:
            return int(f.read().split("VmHWM:")[1].split()[0]) // 1024
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def reset_peak() -> None:
    """Start the peak RSS afresh (Linux), so that the assessment's own peak is seen."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def rss_mb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 2**20


def phase(name: str, real: Any) -> Any:
    """``real`` timed under ``name`` (added up over calls), with the CPU time the whole
    process spent meanwhile (all threads: pyoxigraph's loader and reader use several)."""
    def run(*args: Any, **kwargs: Any) -> Any:
        t, cpu = time.perf_counter(), time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            PHASES[name] = PHASES.get(name, 0.0) + time.perf_counter() - t
            print(f"  {name}: {time.perf_counter() - t:.1f} s, "
                  f"CPU {time.process_time() - cpu:.1f} s, RSS {rss_mb():,} MB, "
                  f"peak {peak_mb():,} MB", flush=True)
    return run


def timed_lines(real: Any) -> Any:
    """The assessment's lines, with the time spent making them (10,000 at a time)."""
    def run(*args: Any, **kwargs: Any) -> Iterator[str]:
        it = real(*args, **kwargs)
        spent = 0.0
        while True:
            t = time.perf_counter()
            batch = [line for _, line in zip(range(10_000), it, strict=False)]
            spent += time.perf_counter() - t
            if not batch:
                break
            yield from batch
        PHASES["making the lines (explanations included)"] = spent
        print(f"  making the lines (explanations included): {spent:.1f} s", flush=True)
    return run


def main(n: int, folder: Path, again: bool, old: bool, keep: bool, reuse: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {os.getloadavg()[0]:.2f}", flush=True)
    corpus = folder / f"corpus-{n}.nt"
    if not corpus.exists():
        write_synthetic(corpus, n)
    path = folder / f"full-{n}"
    if reuse and path.exists():  # no baseline: the ratios are left out
        store = Store.open(path)
        bare = 0.0
        print(f"reusing {path}: RSS {rss_mb():,} MB", flush=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
        store = Store.open(path)
        t = time.perf_counter()
        store.add_file(corpus, "corpus", assess=False)
        bare = time.perf_counter() - t
        print(f"bare load of {n:,} claims (baseline): {bare:.1f} s, peak RSS {peak_mb():,} MB, "
              f"RSS after {rss_mb():,} MB", flush=True)
        reset_peak()  # the peaks below are the assessment's, in the process that loaded
    kg.store.reader.read_dataset = phase("reading the store", kg.store.reader.read_dataset)
    kg.credibility.assess = phase("scoring", kg.credibility.assess)
    kg.formats.assessment.assessment_lines = timed_lines(kg.formats.assessment.assessment_lines)
    kg.store.base.write_full = phase("writing (lines included)", kg.store.base.write_full)
    rounds = 2 if again else 1
    for i in range(rounds):
        PHASES.clear()
        what = "full assessment" if i == 0 else "full assessment again (unchanged)"
        t, cpu = time.perf_counter(), time.process_time()
        store.reassess()
        took, cpu = time.perf_counter() - t, time.process_time() - cpu
        writing = PHASES.get("writing (lines included)", 0.0)
        lines = PHASES.get("making the lines (explanations included)", 0.0)
        ratio = f" ({took / bare:.1f}x the bare load)" if bare else ""
        print(f"{what} of {n:,} claims, written back: {took:.1f} s{ratio}, "
              f"CPU {cpu:.1f} s ({cpu / took:.2f} cores), peak RSS {peak_mb():,} MB; "
              f"of which writing alone {writing - lines:.1f} s; compaction "
              f"{store.compacted or 0.0:.1f} s", flush=True)
    if old:
        graphs = [d.graph for d in store.documents()]
        t = time.perf_counter()
        kg.store.reader.read_quads(store.ox, graphs)
        print(f"the quad-by-quad reader on the same store: {time.perf_counter() - t:.1f} s, "
              f"peak RSS {peak_mb():,} MB", flush=True)
    del store
    if not keep:
        shutil.rmtree(path, ignore_errors=True)
    print(f"load average at end: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    flags = sys.argv[3:]
    main(int(sys.argv[1]), Path(sys.argv[2]), "--again" in flags, "--old" in flags,
         "--keep" in flags or "--reuse" in flags, "--reuse" in flags)
