"""Load test of ``kg serve``: C clients x N queries on loopback, throughput and latency.

    python benchmarks/store/load.py                       # the seed, in memory
    python benchmarks/store/load.py --store /tmp/credkg-bench/store-100000 --claims 100000

Starts ``kg serve`` in a subprocess on a free port, sends ``origins`` and ``chains``
queries for random claims from C threads (each its own HTTP connection), and
prints requests per second, latency median/p95 and the number of errors.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from kg.model import DEFAULT_BASE
from kg.seed import seed_dataset
from kg.store.queries import QUERIES, _bindings, bind_values


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path)
    parser.add_argument("--claims", type=int, default=0, help="synthetic corpus size")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    port = free_port()
    cmd = [sys.executable, "-m", "kg", "serve", "--port", str(port)]
    if args.store:
        cmd += ["--store", str(args.store)]
    server = subprocess.Popen(cmd)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url, params={"query": "ASK {}"}, timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        ids = ([f"c{i}" for i in range(args.claims)] if args.claims
               else [c.id for c in seed_dataset().claims])
        rng = random.Random(7)

        def text(i: int) -> str:
            name = ("origins", "chains")[i % 2]
            q = QUERIES[name]
            return bind_values(q.sparql, _bindings(q, {"claim": rng.choice(ids)}, DEFAULT_BASE))

        work = [[text(i) for i in range(args.queries)] for _ in range(args.clients)]

        def run(batch: list[str]) -> tuple[list[float], int]:
            times, errors = [], 0
            with httpx.Client(timeout=60) as client:
                for q in batch:
                    t = time.perf_counter()
                    r = client.post(url, data={"query": q})
                    times.append(time.perf_counter() - t)
                    if r.status_code != 200 or "results" not in r.json():
                        errors += 1
            return times, errors

        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            outcomes = list(pool.map(run, work))
        elapsed = time.perf_counter() - started
        times = sorted(t for ts, _ in outcomes for t in ts)
        errors = sum(e for _, e in outcomes)
        print(f"{args.clients} clients x {args.queries} queries: {len(times)} in {elapsed:.1f} s, "
              f"{len(times) / elapsed:.0f} queries/s, latency median "
              f"{statistics.median(times) * 1000:.1f} ms, p95 "
              f"{times[int(len(times) * 0.95) - 1] * 1000:.1f} ms, errors {errors}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
