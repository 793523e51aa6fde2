"""Accuracy, iterations, wall time and peak memory of every method on Book and Population.

Run from the repository root (not part of the test suite)::

    .venv/bin/python benchmarks/truth/evaluate.py [--peer /tmp/peervenv/bin/python]
        [--root ../shared/datasets] [--json benchmarks/truth/results.json]

Each method runs in a fresh subprocess so that its peak memory (max RSS, which
includes the interpreter, the data and the encoding) is its own. Scoring: a gold
object is correct only if the single top-belief value equals the gold value; a
tie is wrong. The protocol is in ``datasets.py``; the peer gets exactly the same
rows. Population is run twice for the ACCU methods: on the rows alone, and with
``source_group`` = anonymous (editor id is an IP address, ``0 (a.b.c.d)``) or
registered, information the data set itself carries.
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from datasets import (  # noqa: E402
    DEFAULT_ROOT,
    PEER_METHODS,
    Benchmark,
    accuracy,
    load_book,
    load_population,
)

from kg.truth import METHODS, NotConvergedWarning, discover  # noqa: E402
from kg.truth._data import ClaimMatrix  # noqa: E402

# Measured by the issue's author on this kind of machine, same scoring rule.
ISSUE_PEER = {
    "book_gold": {
        "majority_vote": 0.80,
        "sums": 0.74,
        "average_log": 0.81,
        "investment": 0.85,
        "pooled_investment": 0.92,
        "truthfinder": 0.80,
    },
    "population": {
        "majority_vote": 0.591,
        "sums": 0.791,
        "average_log": 0.761,
        "investment": 0.821,
        "pooled_investment": 0.787,
        "truthfinder": 0.814,
    },
}


def _book_silver(root: Path) -> Benchmark:
    return load_book(root, "book_silver.txt")


LOADERS: dict[str, Callable[[Path], Benchmark]] = {
    "book_gold": load_book,
    "book_silver": _book_silver,
    "population": load_population,
}


def _groups(bench: Benchmark) -> dict[str, str]:
    return {s: "anonymous" if s.startswith("0 (") else "registered" for s, _, _ in bench.rows}


def child(bench_name: str, root: Path, method: str, variant: str) -> dict[str, Any]:
    """Run one method on one benchmark in this process; return its numbers."""
    bench = LOADERS[bench_name](root)
    start = time.perf_counter()
    m = ClaimMatrix.from_rows(bench.rows)
    encode = time.perf_counter() - start
    params: dict[str, Any] = {}
    if variant == "converged":
        params = {"fixed": False, "max_iter": 500}
    elif variant == "groups":
        params = {"groups": _groups(bench)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NotConvergedWarning)
        d = discover(m, method, **params)
    truths = d.truths()
    return {
        "accuracy": accuracy(truths, bench.gold),
        "iterations": d.iterations,
        "converged": d.converged and not caught,
        "fixed": d.fit.fixed,
        "seconds": d.seconds,
        "encode_seconds": encode,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "ties_on_gold": sum(1 for o in bench.gold if len(truths.get(o, ())) > 1),
    }


def _run_child(bench: str, root: Path, method: str, variant: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", bench, method, variant, "--root", str(root)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def peer_truths(python: str, bench: Benchmark, method: str) -> dict[Any, tuple[Any, ...]]:
    """The peer's top value(s) of every object, keyed like ``bench.rows``."""
    return _peer_raw(python, bench, method)[0]


def _peer_raw(
    python: str, bench: Benchmark, method: str
) -> tuple[dict[Any, tuple[Any, ...]], dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        rows_file, out_file = Path(tmp) / "rows.pkl", Path(tmp) / "out.json"
        with open(rows_file, "wb") as f:
            pickle.dump(bench.rows, f, protocol=4)
        proc = subprocess.run(
            [python, str(HERE / "peer_run.py"), str(rows_file), method, str(out_file)],
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"peer failed: {proc.stderr.strip().splitlines()[-1]}")
        raw: dict[str, Any] = json.loads(out_file.read_text())
    objects = {repr(o): o for _, o, _ in bench.rows}
    truths = {objects[k]: tuple(v) for k, v in raw.pop("truths").items() if k in objects}
    return truths, raw


def _run_peer(python: str, bench: Benchmark, method: str) -> dict[str, Any] | str:
    try:
        truths, raw = _peer_raw(python, bench, method)
    except RuntimeError as e:
        return str(e)
    raw["accuracy"] = accuracy(truths, bench.gold)
    raw["ties_on_gold"] = sum(1 for o in bench.gold if len(truths.get(o, ())) > 1)
    return raw


def main() -> None:
    """Run everything and print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--peer", help="python of a venv with truthdiscovery==1.0.4")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument("--child", nargs=3, metavar=("BENCH", "METHOD", "VARIANT"))
    parser.add_argument("--sets", default="book_gold,population,book_silver")
    args = parser.parse_args()
    if args.child:
        bench_name, method, variant = args.child
        print(json.dumps(child(bench_name, args.root, method, variant)))
        return
    results: dict[str, Any] = {}
    for bench_name in args.sets.split(","):
        bench = LOADERS[bench_name](args.root)
        rows: dict[str, Any] = {}
        for method in METHODS:
            rows[method] = _run_child(bench_name, args.root, method, "default")
            if method in ("sums", "average_log", "investment", "pooled_investment"):
                rows[method + " (converged)"] = _run_child(
                    bench_name, args.root, method, "converged"
                )
            if bench_name == "population" and method in ("accu", "accu_copy"):
                rows[method + " +groups"] = _run_child(bench_name, args.root, method, "groups")
        peer: dict[str, Any] = {}
        if args.peer:
            for method in PEER_METHODS:
                peer[method] = _run_peer(args.peer, bench, method)
        results[bench_name] = {"credkg": rows, "peer": peer, "n_gold": len(bench.gold)}
        _print_table(bench_name, rows, peer, len(bench.gold))
    args.json.write_text(json.dumps(results, indent=1))


def _print_table(name: str, rows: dict[str, Any], peer: dict[str, Any], n_gold: int) -> None:
    print(f"\n### {name} ({n_gold} gold items)\n")
    print(
        "| method | credkg acc. | iter. | conv. | time s | peak MB | ties | "
        "peer acc. (here) | peer iter. | peer time s | peer peak MB | peer acc. (issue) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for method, r in rows.items():
        p = peer.get(method, {})
        issue = ISSUE_PEER.get(name, {}).get(method)
        if isinstance(p, str):
            peer_cells = f"{p} | | | "
        elif p:
            peer_cells = (
                f"{p['accuracy']:.3f} | {p['iterations']} | {p['seconds']:.2f} | {p['peak_mb']:.0f}"
            )
        else:
            peer_cells = " | | | "
        state = "fixed" if r.get("fixed") else "yes" if r["converged"] else "no"
        print(
            f"| {method} | {r['accuracy']:.3f} | {r['iterations']} | "
            f"{state} | {r['seconds']:.2f} | {r['peak_mb']:.0f} | "
            f"{r['ties_on_gold']} | {peer_cells} | {'' if issue is None else issue} |"
        )


if __name__ == "__main__":
    main()
