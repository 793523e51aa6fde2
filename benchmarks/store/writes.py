"""Store writes with the assessment: ``kg add`` (default), recompute, ``kg remove``.

Times, in one process on a fresh on-disk store, the bare load of a synthetic
corpus (``add_file(assess=False)``, the baseline), then on a second store the
same file added with the assessment, the assessment recomputed unchanged
(``Store.reassess()``) and the document removed; prints each with the peak RSS
of the process so far and its ratio to the bare load::

    python benchmarks/store/writes.py 100000 /tmp/writes

The corpus is generated into the folder if missing (``corpus-N.nt``).
"""

from __future__ import annotations

import resource
import shutil
import sys
import time
from pathlib import Path

from kg.store import Store
from kg.synthetic import write_synthetic


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main(n: int, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / f"corpus-{n}.nt"
    if not corpus.exists():
        write_synthetic(corpus, n)
    for name in ("bare", "assessed"):
        shutil.rmtree(folder / f"writes-{name}-{n}", ignore_errors=True)
    bare = Store.open(folder / f"writes-bare-{n}")
    t = time.perf_counter()
    bare.add_file(corpus, "corpus", assess=False)
    baseline = time.perf_counter() - t
    print(f"bare load (baseline): {baseline:.1f} s, peak RSS {peak_mb():,} MB", flush=True)
    del bare
    store = Store.open(folder / f"writes-assessed-{n}")
    steps = (
        ("kg add with the assessment", lambda: store.add_file(corpus, "corpus")),
        ("recompute the unchanged assessment", store.reassess),
        ("kg remove", lambda: store.remove("corpus")),
    )
    for label, step in steps:
        t = time.perf_counter()
        step()
        took = time.perf_counter() - t
        print(f"{label}: {took:.1f} s ({took / baseline:.1f}x the bare load), "
              f"peak RSS {peak_mb():,} MB", flush=True)
    for name in ("bare", "assessed"):
        shutil.rmtree(folder / f"writes-{name}-{n}", ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
