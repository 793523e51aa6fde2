"""Adding and removing one article in a large store, with the incremental assessment.

Times, in one process: the bare load of a 50-claim article into an empty on-disk
store (``assess=False``, the baseline); then, on a store of N synthetic claims (bare
load, then a full assessment written back: ``Store.reassess``), the same article
added with the assessment (:mod:`kg.store.region` re-assesses only what it can
change), removed again, and finally the corpus document removed. Prints each with
the peak RSS of the process so far and its ratio to the baseline::

    python benchmarks/store/incremental.py 100000 /tmp/incremental

The corpus is generated into the folder if missing (``corpus-N.nt``); the store is
kept as ``incremental-N`` with ``--keep`` (then reused: building 1M takes minutes).

``--from STORE`` starts instead from a copy of an existing store folder (copied to
``DIR/incremental-N``, kept with ``--keep``), e.g. the 1M-claim store with a synthetic
assessment of ``benchmarks/store/pages.py build``, so that the 22-minute full
assessment is not run: the bare load and the full assessment are then not timed. A
store whose assessment was not written by credkg's engine has no mark saying that it is
current: the copy gets one (its figures are then those of that assessment, not the
engine's; the timings of the region hold, not the grades). The first add on such a
copy also builds the measure index (:mod:`kg.store.measures`) and finds the claims
behind the grades it uses (:mod:`kg.store.tracks`), which a full assessment writes:
it is timed on its own, then the store is reopened (so that the next add is "cold":
the first after opening). Each add and remove prints the time of the region's phases.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from kg.model import Dataset, Source, SourceKind
from kg.store import Store
from kg.synthetic import synthetic_dataset, synthetic_sources, write_synthetic


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def article(n: int, claims: int = 50, seed: int = 7) -> Dataset:
    """``claims`` synthetic claims of their own, asserted by sources of the N-claim corpus
    (declared as the corpus declares them, so that they are the same records)."""
    pool = synthetic_sources(n)
    small = synthetic_dataset(claims, seed=seed).model_dump(mode="json", exclude_none=True)
    mapped = {f"s{j}": f"s{(j * 7919 + 13) % len(pool)}" for j in range(len(small["sources"]))}

    def rename(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: rename(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [rename(v, key) for v in value]
        if isinstance(value, str) and value in mapped:
            return mapped[value]
        if key in ("id", "claim", "cites", "contradicts") and isinstance(value, str):
            return f"x-{value}"
        return value

    data = rename({k: v for k, v in small.items() if k != "sources"})
    used = sorted({int(v[1:]) for v in mapped.values()})
    data["sources"] = [Source(id=f"s{j}", kind=SourceKind(pool[j][0]), name=pool[j][1],
                              reliability=pool[j][2]) for j in used]
    return Dataset.model_validate(data)


#: The bare load of the N-claim corpus in this run, when measured (a second baseline).
CORPUS_LOAD: list[float] = []


def timed(label: str, baseline: float | None, step: Any) -> float:
    t = time.perf_counter()
    step()
    took = time.perf_counter() - t
    ratio = f" ({took / baseline:.1f}x the bare load of the article" if baseline else ""
    if baseline and CORPUS_LOAD:
        ratio += f", {took / CORPUS_LOAD[0]:.3f}x the bare load of the corpus"
    ratio += ")" if baseline else ""
    print(f"{label}: {took:.2f} s{ratio}, peak RSS {peak_mb():,} MB", flush=True)
    return took


def phases() -> str:
    """The region's phases of the last update (:mod:`kg.store.region`), in seconds."""
    from kg.store import region

    return ", ".join(f"{k} {v:.2f}" for k, v in region.LAST_PHASES.items())


def from_copy(origin: Path, path: Path, keep: bool) -> Store:
    """The store copied from ``origin`` (reused if kept), marked as assessed."""
    from kg.model import DEFAULT_BASE
    from kg.store.region import base_mark, marked_base

    if not (keep and path.exists()):
        shutil.rmtree(path, ignore_errors=True)
        t = time.perf_counter()
        shutil.copytree(origin, path)
        print(f"copy of {origin}: {time.perf_counter() - t:.1f} s (not a store cost)", flush=True)
    store = Store.open(path)
    if marked_base(store.ox) is None:
        store.ox.add(base_mark(DEFAULT_BASE))
    return store


def main(n: int, folder: Path, keep: bool, origin: Path | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {os.getloadavg()[0]:.2f}", flush=True)
    corpus = folder / f"corpus-{n}.nt"
    if not corpus.exists() and origin is None:
        write_synthetic(corpus, n)
    doc = article(n)
    shutil.rmtree(folder / "article-bare", ignore_errors=True)
    bare = Store.open(folder / "article-bare")
    baseline = timed("bare load of the article (baseline)", None,
                     lambda: bare.add_dataset(doc, "article", assess=False))
    bare.flush()
    path = folder / f"incremental-{n}"
    if origin is not None:
        store = from_copy(origin, path, keep)
        if any(d.id == "article" for d in store.documents()):
            store.remove("article")
        timed("kg add of the article building the store's indexes (once)", baseline,
              lambda: store.add_dataset(doc, "article"))
        print(f"  phases: {phases()}", flush=True)
        store.remove("article")
        store.flush()
        del store
        t = time.perf_counter()
        store = Store.open(path)
        print(f"Store.open (RocksDB): {time.perf_counter() - t:.2f} s", flush=True)
    else:
        reuse = keep and path.exists()
        if not reuse:
            shutil.rmtree(path, ignore_errors=True)
        store = Store.open(path)
        if not reuse:
            CORPUS_LOAD.append(timed(f"bare load of {n:,} claims", baseline,
                                     lambda: store.add_file(corpus, "corpus", assess=False)))
            timed(f"full assessment of {n:,} claims from the store, written back", baseline,
                  store.reassess)
    # the second round runs with the store's files warm; the third (after a full
    # assessment in this run) after compaction: a bulk load and the assessment written
    # back leave overlapping files that every lookup probes until RocksDB merges them
    rounds = 2 if origin is not None else 3
    for i in range(rounds):
        if i == 2:
            timed("kg optimize (compaction)", None, store.optimize)
        timed("kg add of the article, with the assessment", baseline,
              lambda: store.add_dataset(doc, "article"))
        print(f"  phases: {phases()}", flush=True)
        timed("kg remove of the article", baseline, lambda: store.remove("article"))
        print(f"  phases: {phases()}", flush=True)
    if not keep and origin is None:
        timed(f"kg remove of the {n:,}-claim document", baseline,
              lambda: store.remove("corpus"))
    if not keep:
        del store
        shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(folder / "article-bare", ignore_errors=True)
    print(f"load average at end: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    args = sys.argv[3:]
    main(int(sys.argv[1]), Path(sys.argv[2]), "--keep" in args,
         Path(args[args.index("--from") + 1]) if "--from" in args else None)
