"""Time and peak memory of every method on generated claims (1M by default).

Run from the repository root (not part of the test suite)::

    .venv/bin/python benchmarks/truth/scale.py [--claims 1000000]
        [--peer /tmp/peervenv/bin/python --peer-timeout 600]

The generator (seeded, so every run sees the same data) mimics a long-tailed
multi-source data set: ``claims / 10`` objects, ``claims / 100`` sources whose
activity follows a Zipf-like law (a few sources state a large share of the
claims), source accuracies drawn from Beta(4, 1.5), wrong values drawn from 5
alternatives per object, and 10 % of sources copying 80 % of their values from
another source. Each method runs in its own subprocess; ``encode`` is the time to
build the sparse matrices from the rows, ``method`` the time of the method alone,
``peak`` the process's max RSS (data + encoding + method). Ratios are against
majority vote measured in the same run.
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
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from datasets import PEER_METHODS  # noqa: E402

from kg.truth import METHODS, NotConvergedWarning, discover  # noqa: E402
from kg.truth._data import ClaimMatrix  # noqa: E402


def generate(n_claims: int, seed: int = 7) -> tuple[list[Any], np.ndarray]:
    """Generated ``(source, object, value)`` rows (about ``n_claims``) and the truth per object."""
    rng = np.random.default_rng(seed)
    n_objects, n_sources = max(n_claims // 10, 1), max(n_claims // 100, 2)
    activity = 1.0 / np.arange(1, n_sources + 1) ** 0.8
    activity /= activity.sum()
    draw = int(n_claims * 1.08)  # a few draws repeat a (source, object) pair and are dropped
    src = rng.choice(n_sources, size=draw, p=activity)
    obj = rng.integers(0, n_objects, size=draw)
    key = np.unique(src.astype(np.int64) * n_objects + obj)[:n_claims]
    src, obj = key // n_objects, key % n_objects
    accuracy = rng.beta(4, 1.5, size=n_sources)
    truth = rng.integers(0, 1000, size=n_objects)
    right = rng.random(src.size) < accuracy[src]
    value = np.where(right, truth[obj], truth[obj] + rng.integers(1, 6, size=src.size))
    # copiers: take the original's value for the objects both cover, 80 % of the time
    copier = rng.random(n_sources) < 0.1
    original = rng.integers(0, n_sources, size=n_sources)
    lookup = np.argsort(key)
    want = original[src] * n_objects + obj
    pos = np.searchsorted(key, want, sorter=lookup)
    pos = np.minimum(pos, key.size - 1)
    found = key[lookup[pos]] == want
    copy = copier[src] & found & (rng.random(src.size) < 0.8)
    value[copy] = value[lookup[pos[copy]]]
    rows = list(zip(src.tolist(), obj.tolist(), value.tolist(), strict=True))
    return rows, truth


def child(method: str, n_claims: int) -> dict[str, Any]:
    """Run one method on the generated data in this process."""
    rows, truth = generate(n_claims)
    start = time.perf_counter()
    m = ClaimMatrix.from_rows(rows)
    encode = time.perf_counter() - start
    del rows
    cpu = time.process_time()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NotConvergedWarning)
        try:
            d = discover(m, method)
        except Exception as e:  # a refusal is a result too
            return {"error": f"{type(e).__name__}: {e}"}
    truths = d.truths()
    correct = sum(1 for o, v in truths.items() if v == (int(truth[o]),))
    return {
        "claims": m.n_rows,
        "sources": m.n_sources,
        "objects": m.n_objects,
        "encode_seconds": encode,
        "seconds": d.seconds,
        "cpu_seconds": time.process_time() - cpu,
        "iterations": d.iterations,
        "converged": d.converged and not caught,
        "accuracy": correct / m.n_objects,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def cli_child(n_claims: int) -> dict[str, Any]:
    """``kg discover`` end to end on a CSV of the generated claims: read, encode, run, write."""
    import io

    from rich.console import Console

    from kg.truth.run import run_discovery

    rows, _ = generate(n_claims)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.csv"
        with open(path, "w", encoding="utf-8") as f:
            f.write("source,object,value\n")
            f.writelines(f"s{s},o{o},{v}\n" for s, o, v in rows)
        del rows
        size_mb = path.stat().st_size / 2**20
        start = time.perf_counter()
        run_discovery(path, None, Path(tmp) / "out", console=Console(file=io.StringIO()))
        code = 0
        seconds = time.perf_counter() - start
    return {
        "exit_code": code,
        "csv_mb": size_mb,
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _peer(python: str, n_claims: int, method: str, timeout: float) -> dict[str, Any]:
    rows, _ = generate(n_claims)
    with tempfile.TemporaryDirectory() as tmp:
        rows_file, out = Path(tmp) / "rows.pkl", Path(tmp) / "out.json"
        with open(rows_file, "wb") as f:
            pickle.dump(rows, f, protocol=4)
        del rows
        try:
            proc = subprocess.run(
                [python, str(HERE / "peer_run.py"), str(rows_file), method, str(out)],
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"did not finish in {timeout:.0f} s"}
        if proc.returncode != 0:
            return {"error": proc.stderr.strip().splitlines()[-1]}
        raw: dict[str, Any] = json.loads(out.read_text())
    raw.pop("truths")
    return raw


def main() -> None:
    """Run every method (and the peer's, if asked) and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--peer", help="python of a venv with truthdiscovery==1.0.4")
    parser.add_argument("--peer-timeout", type=float, default=600)
    parser.add_argument("--child", metavar="METHOD")
    parser.add_argument("--cli", action="store_true", help="also time kg discover end to end")
    parser.add_argument("--json", type=Path, default=HERE / "scale.json")
    parser.add_argument("--methods", default=",".join(METHODS), help="comma-separated")
    args = parser.parse_args()
    if args.child == "CLI":
        print(json.dumps(cli_child(args.claims)))
        return
    if args.child:
        print(json.dumps(child(args.child, args.claims)))
        return
    results: dict[str, Any] = {}
    for method in ["majority_vote", *(m for m in args.methods.split(",") if m != "majority_vote")]:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", method, "--claims", str(args.claims)],
            capture_output=True,
            text=True,
        )
        lines = proc.stdout.strip().splitlines()
        results[method] = json.loads(lines[-1]) if lines else {"error": proc.stderr[-300:]}
        print(method, results[method], file=sys.stderr)
    if args.cli:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", "CLI", "--claims", str(args.claims)],
            capture_output=True,
            text=True,
        )
        lines = proc.stdout.strip().splitlines()
        results["kg discover (CLI, default method)"] = (
            json.loads(lines[-1]) if lines else {"error": proc.stderr[-300:]}
        )
    peer: dict[str, Any] = {}
    if args.peer:
        for method in PEER_METHODS:
            peer[method] = _peer(args.peer, args.claims, method, args.peer_timeout)
            print("peer", method, peer[method], file=sys.stderr)
    args.json.write_text(json.dumps({"credkg": results, "peer": peer}, indent=1))
    base = results["majority_vote"]
    print(
        f"\n{base.get('claims', '?'):,} claims, {base.get('sources', '?'):,} sources, "
        f"{base.get('objects', '?'):,} objects\n"
    )
    print(
        "| method | encode s | method s (CPU s) | x vote | iter. | conv. | peak MB | x vote | "
        "acc. | peer method s | peer peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for method, r in results.items():
        if method.startswith("kg discover"):
            print(
                f"\n{method}: {r.get('csv_mb', 0):.0f} MB CSV, {r.get('seconds', 0):.1f} s "
                f"end to end (read, encode, run, write), peak {r.get('peak_mb', 0):.0f} MB, "
                f"exit code {r.get('exit_code')}"
            )
            continue
        p = peer.get(method, {})
        peer_cells = (
            (p.get("error", "") + " | ")
            if "error" in p
            else (
                f"{p['seconds']:.2f} (+{p['build_seconds']:.1f} build) | {p['peak_mb']:.0f}"
                if p
                else " | "
            )
        )
        if "error" in r:
            print(f"| {method} | {r['error']} | | | | | | | | {peer_cells} |")
            continue
        print(
            f"| {method} | {r['encode_seconds']:.2f} | {r['seconds']:.2f} "
            f"({r.get('cpu_seconds', float('nan')):.2f}) | "
            f"{r['seconds'] / max(base['seconds'], 1e-9):.0f} | {r['iterations']} | "
            f"{'yes' if r['converged'] else 'no'} | {r['peak_mb']:.0f} | "
            f"{r['peak_mb'] / base['peak_mb']:.2f} | {r['accuracy']:.3f} | {peer_cells} |"
        )


if __name__ == "__main__":
    main()
