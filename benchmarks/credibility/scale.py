"""Scoring at scale: `assess` on synthetic corpora of 10k, 100k and 1M claims.

Run:  .venv/bin/python benchmarks/credibility/scale.py [--sizes 10000 100000 1000000]

For each size it builds the corpus (kg.synthetic: chains of depth 1-5,
anonymous origins, second independent origins, contradictions, figures of every
kind of quantity, distorting relays, endorsements), then times
`kg.credibility.assess`. The baseline, measured in the same run on the same
data, is a plain pass that only groups assertions by claim and walks each
chain once (what any scorer must do at least); the ratio says what the model
costs on top. Scaling is the time per claim relative to the smallest size.
"""

from __future__ import annotations

import argparse
import gc
import resource
import time
from collections import defaultdict

from kg.credibility import assess
from kg.model import Dataset
from kg.synthetic import synthetic_dataset


def baseline(ds: Dataset) -> int:
    """Group assertions by claim and follow every citation once."""
    own = defaultdict(list)
    for a in ds.assertions:
        own[a.claim].append(a)
    steps = 0
    for assertions in own.values():
        cited = {c for a in assertions for c in a.cites}
        steps += len(cited) + len(assertions)
    return steps


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    first = None
    print("| claims | assertions | build s | baseline s | assess s (CPU s) | assess / baseline "
          "| per claim, x smallest | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        gc.collect()
        t0 = time.perf_counter()
        ds = synthetic_dataset(n, seed=7)
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        baseline(ds)
        base = time.perf_counter() - t0
        t0, c0 = time.perf_counter(), time.process_time()
        a = assess(ds)
        took, cpu = time.perf_counter() - t0, time.process_time() - c0
        per_claim = took / n
        first = first or per_claim
        print(f"| {n:,} | {len(ds.assertions):,} | {build:.1f} | {base:.2f} | {took:.1f} "
              f"({cpu:.1f}) | "
              f"{took / base:.0f}x | {per_claim / first:.2f} | {peak_mb():,.0f} |", flush=True)
        grades = defaultdict(int)
        for c in a.claims.values():
            grades[c.grade] += 1
        print(f"<!-- grades at {n:,}: {dict(sorted(grades.items()))}; figures "
              f"{sum(len(c.all_quantities) for c in ds.claims):,}, detected contradictions "
              f"{len(a.detected):,}, distortions {len(a.distortions):,}, revisions "
              f"{len(a.revisions):,}, not comparable {len(a.not_comparable):,} -->", flush=True)
        del ds, a


if __name__ == "__main__":
    main()
