"""Store benchmark: load, size, ready-made query latencies and Turtle export, pyoxigraph vs rdflib.

Each engine runs in a fresh process so that its peak memory (max RSS) is its own.

    python benchmarks/store/bench.py gen 100000 /tmp/bench      # corpus + assessment files
    python benchmarks/store/bench.py ox 100000 /tmp/bench       # -> /tmp/bench/ox-100000.json
    python benchmarks/store/bench.py rdflib 100000 /tmp/bench   # -> /tmp/bench/rdflib-100000.json
    python benchmarks/store/bench.py report /tmp/bench          # markdown tables on stdout

``run.sh`` runs all of it for 10k, 100k (both engines) and 1M (pyoxigraph only).
"""

from __future__ import annotations

import json
import math
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.model import DEFAULT_BASE
from kg.store import QUERIES, Store
from kg.store.queries import _bindings, run_sparql
from kg.synthetic import (
    _source_count,
    write_synthetic,
    write_synthetic_assessment,
)

PER_CLAIM = ("chains", "origins")
PER_SOURCE = ("source-profile",)
PAGE = 10_000
BUDGET = 120.0  # seconds of sampling per query for rdflib
ASSESSMENT = f"{DEFAULT_BASE}graph/assessment"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stats(times: list[float]) -> dict[str, float]:
    ms = sorted(t * 1000 for t in times)
    return {"median_ms": statistics.median(ms), "p95_ms": ms[math.ceil(len(ms) * 0.95) - 1],
            "runs": len(ms)}


def gen(n: int, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    lines = write_synthetic(folder / f"corpus-{n}.nt", n)
    t_data = time.perf_counter() - t
    t = time.perf_counter()
    alines = write_synthetic_assessment(folder / f"assessment-{n}.nt", n)
    print(json.dumps({"claims": n, "lines": lines, "assessment_lines": alines,
                      "gen_s": t_data, "assessment_gen_s": time.perf_counter() - t}))


def disk_mb(path: Path) -> float:
    return int(subprocess.check_output(["du", "-sk", str(path)]).split()[0]) / 1024


def samples(n: int, k: int, seed: int = 42) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    claims = [f"c{rng.randrange(n)}" for _ in range(k)]
    sources = [f"s{rng.randrange(_source_count(n))}" for _ in range(k)]
    return claims, sources


def binding(name: str, ident: str) -> dict[str, Any]:
    q = QUERIES[name]
    return _bindings(q, {next(iter(q.params)): ident}, DEFAULT_BASE)


def run_ox(n: int, folder: Path, per: int, reps: int) -> dict[str, Any]:

    path = folder / f"store-{n}"
    shutil.rmtree(path, ignore_errors=True)
    out: dict[str, Any] = {"engine": "pyoxigraph (on disk)", "claims": n}
    rss0 = peak_mb()
    store = Store.open(path)
    w, c, change = timed(lambda: store.add_file(folder / f"corpus-{n}.nt", "corpus",
                                                assess=False))
    out["load_s"], out["load_cpu_s"] = w, c
    out["triples"] = change.triples
    if n <= 100_000:  # the bare loader, default graph, same run: the cost of the document graph
        plain = folder / f"plain-{n}"
        shutil.rmtree(plain, ignore_errors=True)
        bare = ox.Store(str(plain))
        w, c, _ = timed(lambda: bare.bulk_load(path=str(folder / f"corpus-{n}.nt"),
                                               format=ox.RdfFormat.N_TRIPLES))
        out["bare_bulk_load_s"], out["bare_bulk_load_cpu_s"] = w, c
        del bare
        shutil.rmtree(plain, ignore_errors=True)
    t = time.perf_counter()
    store.ox.bulk_load(path=str(folder / f"assessment-{n}.nt"), format=ox.RdfFormat.N_TRIPLES,
                       to_graph=ox.NamedNode(ASSESSMENT))
    out["assessment_load_s"] = time.perf_counter() - t
    store.flush()
    out["peak_rss_mb"] = peak_mb()
    out["rss_before_mb"] = rss0
    out["disk_mb"] = disk_mb(path)
    # compaction (kg optimize): RocksDB merges the bulk loader's overlapping files
    w, c, _ = timed(store.optimize)
    out["optimize_s"], out["optimize_cpu_s"] = w, c
    out["disk_optimized_mb"] = disk_mb(path)
    del store
    t = time.perf_counter()
    store = Store.open(path)
    out["reopen_s"] = time.perf_counter() - t
    print(out, file=sys.stderr, flush=True)
    out.update(query_and_export(store, n, folder, per, reps))
    out["peak_rss_end_mb"] = peak_mb()
    return out


def run_rdflib(n: int, folder: Path, per: int, reps: int) -> dict[str, Any]:
    from rdflib import Dataset, URIRef

    out: dict[str, Any] = {"engine": "rdflib (in memory)", "claims": n}
    ds = Dataset(default_union=True)
    w, c, _ = timed(lambda: ds.graph(URIRef(f"{DEFAULT_BASE}document/corpus")).parse(
        str(folder / f"corpus-{n}.nt"), format="nt"))
    out["load_s"], out["load_cpu_s"] = w, c
    t = time.perf_counter()
    ds.graph(URIRef(ASSESSMENT)).parse(str(folder / f"assessment-{n}.nt"), format="nt")
    out["assessment_load_s"] = time.perf_counter() - t
    out["peak_rss_mb"] = peak_mb()
    from rdflib import Literal
    from rdflib import URIRef as Iri

    def run(name: str, b: dict[str, Any]) -> int:
        init = {k: Iri(v.value) if hasattr(v, "datatype") is False else Literal(v.value)
                for k, v in b.items()}
        return len(list(ds.query(QUERIES[name].sparql, initBindings=init)))

    out["queries"] = queries(run, n, per, reps, budget=BUDGET)
    w, c, _ = timed(lambda: ds.graph(URIRef(f"{DEFAULT_BASE}document/corpus")).serialize(
        str(folder / f"export-rdflib-{n}.ttl"), format="turtle"))
    out["turtle_export_s"], out["turtle_export_cpu_s"] = w, c
    out["peak_rss_end_mb"] = peak_mb()
    return out


def timed(fn: Any) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of this process, result) of one call.

    The benchmark machine is shared: wall-clock latency includes waiting for a
    core, CPU time does not (pyoxigraph evaluates a query in the calling thread).
    """
    w, c = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - w, time.process_time() - c, result


class OutOfTime(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise OutOfTime


def queries(run: Any, n: int, per: int, reps: int, first_page: Any = None,
            budget: float | None = None) -> dict[str, Any]:
    """Latencies of every ready-made query; with ``budget`` (seconds, rdflib only: pure
    Python can be interrupted) a query stops being sampled once it has used that much,
    and the runs done so far are reported."""
    claims, sources = samples(n, per)
    result: dict[str, Any] = {}
    for name in QUERIES:
        walls: list[float] = []
        cpus: list[float] = []
        rows: list[int] = []
        per_entity = name in PER_CLAIM or name in PER_SOURCE
        if budget is not None:
            signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, budget)
        try:
            if per_entity:
                batch = [binding(name, i) for i in (claims if name in PER_CLAIM else sources)]
                run(name, batch[0])  # warm-up
            else:
                batch = [{}] * reps
            for b in batch:
                w, c, k = timed(lambda b=b, q=name: run(q, b))
                walls.append(w)
                cpus.append(c)
                rows.append(k)
        except OutOfTime:
            pass
        finally:
            if budget is not None:
                signal.setitimer(signal.ITIMER_REAL, 0)
        if not walls:
            result[name] = {"timeout_s": budget}
        else:
            result[name] = {**stats(walls), "cpu": stats(cpus)}
            if per_entity:
                result[name]["rows_per_run"] = sum(rows) / len(rows)
            else:
                result[name]["rows"] = rows[-1]
            if len(walls) < (len(claims) if per_entity else reps):
                result[name]["stopped_after_s"] = budget
            if not per_entity and rows[-1] > PAGE and first_page is not None:
                w, c, _ = timed(lambda q=name: first_page(q))  # what kg serve's row cap sends
                result[name]["first_page"] = {"rows": PAGE, "wall_ms": w * 1000,
                                              "cpu_ms": c * 1000}
        print(name, result[name], file=sys.stderr, flush=True)
    return result


def query_and_export(store: Store, n: int, folder: Path, per: int,
                     reps: int) -> dict[str, Any]:
    """The ready-made queries' latencies and the Turtle export of the document graph."""
    out: dict[str, Any] = {}
    out["queries"] = queries(lambda name, b: len(run_sparql(
        store.ox, QUERIES[name].sparql, b, substitute=QUERIES[name].substitute)), n, per, reps,
        lambda name: len(run_sparql(store.ox, QUERIES[name].sparql, limit=PAGE)))
    graph = ox.NamedNode(store.documents()[0].graph)
    w, c, _ = timed(lambda: store.ox.dump(str(folder / f"export-{n}.ttl"), ox.RdfFormat.TURTLE,
                                          from_graph=graph))
    out["turtle_export_s"], out["turtle_export_cpu_s"] = w, c
    return out


def run_ox_queries(n: int, folder: Path, per: int, reps: int) -> dict[str, Any]:
    """Queries only, on the store an earlier ``ox`` run left in ``folder``."""
    store = Store.open(folder / f"store-{n}", read_only=True)
    out: dict[str, Any] = {"engine": "pyoxigraph (on disk)", "claims": n}
    out.update(query_and_export(store, n, folder, per, reps))
    return out


def _cell(q: dict[str, Any] | None, digits: int = 2) -> str:
    if q is None:
        return "-"
    if "timeout_s" in q:
        return f"> {q['timeout_s']:.0f} s (stopped)"
    if q["runs"] < 20:  # a few runs of a long query: the median only
        cell = f"{q['median_ms']:.{digits}f}"
        if "cpu" in q:
            cell += f" (CPU {q['cpu']['median_ms']:.{digits}f})"
        return cell + f", {q['runs']} runs"
    cell = f"{q['median_ms']:.{digits}f} / {q['p95_ms']:.{digits}f}"
    if "cpu" in q:
        cell += f" (CPU {q['cpu']['median_ms']:.{digits}f} / {q['cpu']['p95_ms']:.{digits}f})"
    if "stopped_after_s" in q:
        cell += f", {q['runs']} runs in {q['stopped_after_s']:.0f} s"
    return cell


def report(folder: Path) -> None:
    runs: dict[tuple[str, int], dict[str, Any]] = {}
    for f in sorted(folder.glob("*.json")):
        data = json.loads(f.read_text())
        key = ("oxq" if f.name.startswith("oxq-") else data["engine"].split()[0], data["claims"])
        runs[key] = data
    sizes = sorted({n for _, n in runs})
    print("| claims | triples | engine | load s (CPU s) | peak RSS MB | disk MB "
          "| compaction s (CPU s), disk MB after | reopen s | Turtle export s (CPU s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        for eng in ("pyoxigraph", "rdflib"):
            r = runs.get((eng, n))
            if r is None:
                continue
            export = r.get("turtle_export_s")
            export_cpu = r.get("turtle_export_cpu_s")
            q = runs.get(("oxq", n))
            if (export is None or math.isnan(export)) and q is not None:
                export, export_cpu = q.get("turtle_export_s"), q.get("turtle_export_cpu_s")
            load_cpu = r.get("load_cpu_s")
            triples = f"{r['triples']:,}" if "triples" in r else "same"
            print(f"| {n:,} | {triples} | {eng} | {r['load_s']:.1f}"
                  + (f" ({load_cpu:.1f})" if load_cpu is not None else "")
                  + f" | {r['peak_rss_mb']:.0f} | "
                  + (f"{r['disk_mb']:.0f}" if "disk_mb" in r else "in memory") + " | "
                  + (f"{r['optimize_s']:.1f} ({r['optimize_cpu_s']:.1f}), "
                     f"{r['disk_optimized_mb']:.0f}" if "optimize_s" in r else "-") + " | "
                  + (f"{r['reopen_s']:.2f}" if "reopen_s" in r else "-") + " | "
                  + (f"{export:.1f}" if export is not None else "-")
                  + (f" ({export_cpu:.1f})" if export_cpu is not None else "") + " |")
    print()
    print("| query | claims | rows | pyoxigraph ms: median / p95 | rdflib ms: median / p95 "
          "| rdflib / pyoxigraph (CPU median) |")
    print("|---|---|---|---|---|---|")
    for name in QUERIES:
        for n in sizes:
            o = runs.get(("oxq", n)) or runs.get(("pyoxigraph", n))
            r = runs.get(("rdflib", n))
            if o is None:
                continue
            oq = o["queries"].get(name)
            if oq is None:
                continue
            rq = r["queries"].get(name) if r is not None else None
            rows = oq.get("rows", oq.get("rows_per_run", ""))
            ratio = "-"
            if rq is not None and "timeout_s" not in rq:
                base = oq.get("cpu", oq)["median_ms"]
                other = rq.get("cpu", rq)["median_ms"]
                ratio = f"{other / max(base, 1e-6):,.0f}x"
            elif rq is not None:
                ratio = f"> {rq['timeout_s'] * 1000 / oq.get('cpu', oq)['median_ms']:,.0f}x"
            page = oq.get("first_page")
            cell = _cell(oq)
            if page is not None:
                cell += f"; first {page['rows']:,} rows {page['wall_ms']:.0f} ms"
            print(f"| {name} | {n:,} | {rows:,.0f} | {cell} | {_cell(rq, 1)} | {ratio} |")


def main(argv: list[str]) -> None:
    cmd = argv[0]
    if cmd == "report":
        report(Path(argv[1]))
        return
    n, folder = int(argv[1]), Path(argv[2])
    per = int(argv[3]) if len(argv) > 3 else 200
    reps = int(argv[4]) if len(argv) > 4 else 5
    if cmd == "gen":
        gen(n, folder)
        return
    if cmd == "oxq":
        result = run_ox_queries(n, folder, per, reps)
        (folder / f"oxq-{n}.json").write_text(json.dumps(result, indent=1))
        print(json.dumps(result, indent=1))
        return
    result = run_ox(n, folder, per, reps) if cmd == "ox" else run_rdflib(n, folder, per, reps)
    (folder / f"{'ox' if cmd == 'ox' else 'rdflib'}-{n}.json").write_text(
        json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
