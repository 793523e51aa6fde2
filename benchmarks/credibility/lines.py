"""The CPU of a full assessment's scoring and lines, against a baseline checkout, alternately.

A full assessment (``kg reassess``) scores the dataset (:func:`kg.credibility.assess`), then
makes the assessment's N-Triples lines (:func:`kg.formats.assessment.assessment_lines`),
explanations and findings included, which the store's bulk loader writes. This times the
two on the synthetic corpus of N claims, in one process per round, alternating this code
with the code of a baseline checkout (``--baseline DIR``, a folder holding a ``kg``
package, e.g. ``git archive main kg | tar -x -C DIR``), so that both see the same load of
a shared machine; it prints each round, the medians and their ratios, and checks that
both wrote the same lines (their SHA-256)::

    python benchmarks/credibility/lines.py 100000 /tmp/lines-fa --baseline /tmp/lines-fa/base

The corpus is built once and kept as ``DIR/dataset-N.pickle``. Without ``--baseline``,
only this code is timed.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import pickle
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def corpus(n: int, folder: Path) -> Path:
    """The pickled synthetic dataset of ``n`` claims (built if missing)."""
    path = folder / f"dataset-{n}.pickle"
    if not path.exists():
        from kg.synthetic import synthetic_dataset

        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(synthetic_dataset(n)))
    return path


def measure(path: Path) -> dict[str, Any]:
    """Score the dataset and make its lines: (wall, CPU) seconds of each, and a digest."""
    from kg.credibility import assess
    from kg.formats.assessment import assessment_lines

    ds = pickle.loads(path.read_bytes())
    gc.collect()
    gc.freeze()  # the dataset is old: as in the store, the collector need not scan it
    out: dict[str, Any] = {}
    t, c = time.perf_counter(), time.process_time()
    a = assess(ds)
    out["scoring"] = (time.perf_counter() - t, time.process_time() - c)
    digest = hashlib.sha256()
    lines = 0
    paused = gc.isenabled()
    gc.disable()  # as the store's writer does (kg.store.full_write)
    t, c = time.perf_counter(), time.process_time()
    for line in assessment_lines(ds, a):
        digest.update(line.encode())
        lines += 1
    out["lines"] = (time.perf_counter() - t, time.process_time() - c)
    if paused:
        gc.enable()
    out["count"], out["sha256"] = lines, digest.hexdigest()
    return out


def run(code: Path, path: Path) -> dict[str, Any]:
    """One round in a fresh process with ``code`` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run([sys.executable, __file__, "--measure", str(path)], env=env,
                          check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=100_000)
    parser.add_argument("folder", type=Path, nargs="?", default=Path("/tmp/lines-bench"))
    parser.add_argument("--baseline", type=Path, help="a folder holding the baseline's kg")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure)))
        return
    path = corpus(args.n, args.folder)
    codes = {"this": ROOT} if args.baseline is None else {"baseline": args.baseline,
                                                          "this": ROOT}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in codes}
    print(f"{args.n:,} claims; load average {os.getloadavg()[0]:.2f} at the start")
    for r in range(args.rounds):
        for name, code in codes.items():
            out = run(code, path)
            runs[name].append(out)
            print(f"round {r + 1} {name:8}: scoring {out['scoring'][0]:5.2f} s "
                  f"(CPU {out['scoring'][1]:5.2f}), lines {out['lines'][0]:5.2f} s "
                  f"(CPU {out['lines'][1]:5.2f}), {out['count']:,} lines", flush=True)
    medians = {name: {phase: statistics.median(o[phase][1] for o in outs)
                      for phase in ("scoring", "lines")} for name, outs in runs.items()}
    for name, m in medians.items():
        print(f"median CPU {name:8}: scoring {m['scoring']:.2f} s, lines {m['lines']:.2f} s, "
              f"both {m['scoring'] + m['lines']:.2f} s")
    if "baseline" in medians:
        b, t = medians["baseline"], medians["this"]
        print("ratio baseline / this (CPU): " + ", ".join(
            f"{phase} {b[phase] / t[phase]:.2f}x" for phase in ("scoring", "lines")) +
            f", both {(b['scoring'] + b['lines']) / (t['scoring'] + t['lines']):.2f}x")
        same = {o["sha256"] for outs in runs.values() for o in outs}
        print("the same lines: " + ("yes" if len(same) == 1 else f"NO ({len(same)} digests)"))
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
