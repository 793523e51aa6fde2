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


def timed(label: str, baseline: float | None, step: Any) -> float:
    t = time.perf_counter()
    step()
    took = time.perf_counter() - t
    ratio = f" ({took / baseline:.1f}x the bare load of the article)" if baseline else ""
    print(f"{label}: {took:.2f} s{ratio}, peak RSS {peak_mb():,} MB", flush=True)
    return took


def main(n: int, folder: Path, keep: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {os.getloadavg()[0]:.2f}", flush=True)
    corpus = folder / f"corpus-{n}.nt"
    if not corpus.exists():
        write_synthetic(corpus, n)
    doc = article(n)
    shutil.rmtree(folder / "article-bare", ignore_errors=True)
    bare = Store.open(folder / "article-bare")
    baseline = timed("bare load of the article (baseline)", None,
                     lambda: bare.add_dataset(doc, "article", assess=False))
    bare.flush()
    path = folder / f"incremental-{n}"
    reuse = keep and path.exists()
    if not reuse:
        shutil.rmtree(path, ignore_errors=True)
    store = Store.open(path)
    if not reuse:
        timed(f"bare load of {n:,} claims", baseline,
              lambda: store.add_file(corpus, "corpus", assess=False))
        timed(f"full assessment of {n:,} claims from the store, written back", baseline,
              store.reassess)
    for _ in range(2):  # the second round runs with the store's files warm
        timed("kg add of the article, with the assessment", baseline,
              lambda: store.add_dataset(doc, "article"))
        timed("kg remove of the article", baseline, lambda: store.remove("article"))
    if not keep:
        timed(f"kg remove of the {n:,}-claim document", baseline,
              lambda: store.remove("corpus"))
        del store
        shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(folder / "article-bare", ignore_errors=True)
    print(f"load average at end: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]), "--keep" in sys.argv[3:])
