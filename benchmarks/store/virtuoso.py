"""The ready-made queries on Virtuoso Open Source 7 against the embedded store (issue #4).

Starts a private ``virtuoso-t`` (its own database folder, loopback ports, the
packaged ``virtuoso.ini`` with the changes listed in :func:`write_ini`), loads
the synthetic corpus and assessment N-Triples with Virtuoso's bulk loader
(``ld_dir`` + ``rdf_loader_run`` through ``isql-vt``), then times every query
of ``kg.store.QUERIES`` three ways in the same run:

* ``raw``: an httpx POST of the query text asking for ``text/csv`` on a kept-alive
  connection: the server's time plus the transfer (``ttfb``: until the response
  headers arrive, which for these queries is when Virtuoso has computed the
  answer; ``total``: the whole body read); then the same asking for SPARQL JSON
  (``raw_json``), the format credkg's client asks for, to separate Virtuoso's
  time from the client's parsing;
* ``client``: ``kg.store.run_query(endpoint, name, params)``, what
  ``kg query --endpoint`` does (SPARQL JSON parsed by pyoxigraph; since the
  figures below were taken it keeps one HTTP client per process, ~18 ms less per
  query);
* ``embedded``: the same query with the same parameters on the embedded
  pyoxigraph store (opened read-only), the baseline.

Per-claim queries (``chains``, ``origins``) run for ``--per`` sampled claims and
``source-profile`` for ``--per`` sampled sources, chosen as
``benchmarks/store/bench.py`` chooses them (same seed); whole-graph queries run
``--reps`` times; each query is run once first, untimed. The answers are
checked: row counts of all three, and the rows themselves (normalised as
``tests/test_push.py`` does) between client and embedded. Optionally
(``--push``) the embedded store is first sent to an empty Virtuoso database with
``kg push`` (Graph Store Protocol, digest auth) to time its throughput; the
database is then wiped before the bulk load.

Usage (from the repository root; scratch files in WORK)::

    # 100k: data, the embedded baseline store, then the run (with kg push timed)
    .venv/bin/python benchmarks/store/bench.py gen 100000 /tmp/vb
    .venv/bin/python benchmarks/store/virtuoso.py store 100000 /tmp/vb
    .venv/bin/python benchmarks/store/virtuoso.py run 100000 --data /tmp/vb \\
        --store /tmp/vb/store-100000 --work /tmp/vb --push
    # 1M, on data and a store made by bench.py (gen, ox)
    .venv/bin/python benchmarks/store/virtuoso.py run 1000000 --data /tmp/b5 \\
        --store /tmp/b5/store-1000000 --work /tmp/vb
    # both sizes' tables again, from WORK/virtuoso-N.json
    .venv/bin/python benchmarks/store/virtuoso.py report /tmp/vb

``run`` stops Virtuoso and deletes its database at the end unless ``--keep-db``;
``--skip-load`` reuses a database kept that way. It needs ``virtuoso-t`` and
``isql-vt`` (Debian ``virtuoso-opensource``) and about 8 GB of memory for
Virtuoso's buffers (``--buffers``).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
from bench import disk_mb, samples, stats  # beside this file: same samples, same statistics

from kg.model import DEFAULT_BASE
from kg.store import QUERIES, Store, run_query
from kg.store.push import push
from kg.store.queries import _bindings, bind_values, run_sparql
from kg.store.results import Results

INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
DOCUMENT_GRAPH = "https://w3id.org/credkg/id/document/corpus"
ASSESSMENT_GRAPH = f"{DEFAULT_BASE}graph/assessment"
PER_CLAIM = ("chains", "origins")
PER_SOURCE = ("source-profile",)
TIMEOUT = 1800.0  # seconds per HTTP request: the whole-graph answers are large


# ---------------------------------------------------------------- the server


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def write_ini(folder: Path, sql_port: int, http_port: int, dirs: list[Path],
              buffers: int, dirty: int) -> Path:
    """The packaged ``virtuoso.ini`` with every file in ``folder`` and these changes.

    * ports on loopback; the wiki plugins commented out (as ``tests/test_push.py``);
    * ``NumberOfBuffers`` / ``MaxDirtyBuffers``: 8 kB pages of cache (10,000 by
      default, 80 MB: far too few for millions of triples);
    * ``DirsAllowed``: the bulk loader only reads files in these folders;
    * ``[SPARQL] ResultSetMaxRows``: 10,000 in the packaged file, which silently
      truncates the whole-graph answers; ``MaxQueryExecutionTime`` (60 s, after
      which Virtuoso returns a partial "anytime" answer) and
      ``MaxQueryCostEstimationTime`` (400 s) raised out of the way.
    """
    section = ""
    lines: list[str] = []
    replace = {
        "[Parameters]": {
            "ServerPort": f"127.0.0.1:{sql_port}",
            "NumberOfBuffers": str(buffers),
            "MaxDirtyBuffers": str(dirty),
            "DirsAllowed": ", ".join([".", "/usr/share/virtuoso-opensource-7/vad",
                                      *(str(d) for d in dirs)]),
        },
        "[HTTPServer]": {"ServerPort": f"127.0.0.1:{http_port}"},
        "[SPARQL]": {
            "ResultSetMaxRows": "100000000",
            "MaxQueryExecutionTime": "36000",
            "MaxQueryCostEstimationTime": "36000",
        },
    }
    for line in INI.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        key = stripped.split("=")[0].strip()
        if section in ("[Database]", "[TempDatabase]") and key in (
            "DatabaseFile", "ErrorLogFile", "LockFile", "TransactionFile", "xa_persistent_file"
        ):
            line = f"{key} = {folder / Path(stripped.split('=', 1)[1].strip()).name}"
        elif key in replace.get(section, {}) and not stripped.startswith(";"):
            line = f"{key} = {replace[section][key]}"
        elif section == "[Plugins]" and re.match(r"Load\d+", key):
            line = ";" + line
        lines.append(line)
    path = folder / "virtuoso.ini"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Virtuoso:
    """A private ``virtuoso-t``: start, SQL through ``isql-vt``, peak RSS, stop."""

    def __init__(self, folder: Path, dirs: list[Path], buffers: int, dirty: int) -> None:
        self.folder = folder
        self.sql_port = free_port()
        self.http_port = free_port()
        folder.mkdir(parents=True, exist_ok=True)
        self.ini = write_ini(folder, self.sql_port, self.http_port, dirs, buffers, dirty)
        self.base = f"http://127.0.0.1:{self.http_port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> float:
        """Start the server and wait until /sparql answers; the seconds it took."""
        t = time.perf_counter()
        log = (self.folder / "stdout.log").open("ab")
        self.process = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(self.ini)], cwd=self.folder,
            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 300
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("virtuoso-t exited: "
                                   + (self.folder / "stdout.log").read_text()[-2000:])
            try:
                if httpx.get(f"{self.base}/sparql", params={"query": "ASK {}"},
                             timeout=5).status_code == 200:
                    return time.perf_counter() - t
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("virtuoso-t did not answer within 300 s")
            time.sleep(0.5)

    def isql(self, sql: str) -> str:
        """Run SQL statements with ``isql-vt`` as dba; raise on an ``*** Error``."""
        script = self.folder / "script.sql"
        script.write_text(sql, encoding="utf-8")
        out = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", str(script)],
            capture_output=True, text=True, check=False)
        text = out.stdout + out.stderr
        if out.returncode != 0 or "*** Error" in text:
            raise RuntimeError(f"isql-vt failed ({out.returncode}): {text[-2000:]}")
        return text

    def peak_rss_mb(self) -> float:
        """The server's peak resident memory so far (VmHWM)."""
        assert self.process is not None
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        return int(match.group(1)) / 1024 if match else math.nan

    def rss_mb(self) -> float:
        """The server's resident memory now (VmRSS)."""
        assert self.process is not None
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        return int(match.group(1)) / 1024 if match else math.nan

    def stop(self) -> None:
        """Stop the server (SIGTERM: it checkpoints and exits)."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=300)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=60)
        self.process = None


@contextmanager
def running(folder: Path, dirs: list[Path], buffers: int, dirty: int,
            wipe: bool) -> Iterator[Virtuoso]:
    """A started server on ``folder`` (emptied first when ``wipe``), stopped afterwards."""
    if wipe:
        shutil.rmtree(folder, ignore_errors=True)
    server = Virtuoso(folder, dirs, buffers, dirty)
    server.start()
    try:
        yield server
    finally:
        server.stop()


# ---------------------------------------------------------------- measuring


def count_graph(endpoint: str, graph: str) -> int:
    """Triples in one graph of a remote store."""
    sparql = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    rows = run_query(endpoint, sparql, timeout=TIMEOUT).tuples()
    return int(rows[0][0])


def normalise(results: Results) -> list[tuple[Any, ...]]:
    """Rows as Python values, floats rounded (as ``tests/test_push.py``)."""
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in row)
            for row in results.tuples()]


def raw_query(http: httpx.Client, endpoint: str, sparql: str,
              accept: str = "text/csv") -> dict[str, Any]:
    """POST the query: seconds to the response headers and to the last byte, rows (CSV)."""
    t = time.perf_counter()
    with http.stream("POST", endpoint, data={"query": sparql},
                     headers={"Accept": accept}) as response:
        ttfb = time.perf_counter() - t
        body = response.read()
        total = time.perf_counter() - t
    if response.status_code >= 300:
        raise RuntimeError(f"HTTP {response.status_code}: {body[:500]!r}")
    rows = -1
    if accept == "text/csv":
        rows = sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8")))) - 1
    return {"ttfb": ttfb, "total": total, "rows": rows, "bytes": len(body),
            "encoding": response.headers.get("content-encoding", "identity"),
            "headers": {k: v for k, v in response.headers.items()
                        if k.lower().startswith("x-")}}


def timed(fn: Callable[[], Results]) -> tuple[float, Results]:
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def same_rows(name: str, remote: Results, local: Results) -> bool:
    """Equal answers: ordered for ``sources-ranked``, as multisets otherwise."""
    a, b = normalise(remote), normalise(local)
    if name == "sources-ranked":
        return a == b
    return sorted(a, key=repr) == sorted(b, key=repr)


def measure_query(name: str, params: list[dict[str, str]], store: Store, endpoint: str,
                  http: httpx.Client) -> dict[str, Any]:
    """Time one ready-made query on Virtuoso (raw, client) and embedded, and compare."""
    q = QUERIES[name]
    ttfb: list[float] = []
    total: list[float] = []
    json_total: list[float] = []
    client: list[float] = []
    embedded: list[float] = []
    raw_rows: list[int] = []
    client_rows: list[int] = []
    embedded_rows: list[int] = []
    mismatches: list[str] = []
    info: dict[str, Any] = {}
    for i, p in enumerate([params[0], *params]):  # the first run is a warm-up
        bindings = _bindings(q, p, DEFAULT_BASE)
        text = bind_values(q.sparql, bindings)
        raw = raw_query(http, endpoint, text)
        raw_json = raw_query(http, endpoint, text, "application/sparql-results+json")
        wc, remote = timed(partial(run_query, endpoint, name, p, timeout=TIMEOUT))
        we, local = timed(partial(run_sparql, store.ox, q.sparql, bindings,
                                  substitute=q.substitute))
        if i == 0:
            info = {"bytes": raw["bytes"], "json_bytes": raw_json["bytes"],
                    "encoding": raw["encoding"], "headers": raw["headers"]}
            continue
        ttfb.append(raw["ttfb"])
        total.append(raw["total"])
        json_total.append(raw_json["total"])
        client.append(wc)
        embedded.append(we)
        raw_rows.append(raw["rows"])
        client_rows.append(len(remote))
        embedded_rows.append(len(local))
        if not same_rows(name, remote, local):
            mismatches.append(json.dumps(p) if p else f"run {i}")
    out: dict[str, Any] = {
        "raw_ttfb": stats(ttfb), "raw": stats(total), "raw_json": stats(json_total),
        "client": stats(client), "embedded": stats(embedded),
        "raw_rows": sum(raw_rows) / len(raw_rows),
        "client_rows": sum(client_rows) / len(client_rows),
        "embedded_rows": sum(embedded_rows) / len(embedded_rows),
        "rows_equal": not mismatches, "mismatches": mismatches[:5],
        "raw_rows_differ": sum(a != b for a, b in zip(raw_rows, embedded_rows, strict=True)),
        **info,
    }
    print(name, json.dumps(out), file=sys.stderr, flush=True)
    return out


def run_queries(n: int, store: Store, endpoint: str, per: int, reps: int) -> dict[str, Any]:
    """Every ready-made query, as :func:`measure_query`."""
    claims, sources = samples(n, per)
    out: dict[str, Any] = {}
    with httpx.Client(timeout=TIMEOUT) as http:
        for name, q in QUERIES.items():
            if name in PER_CLAIM or name in PER_SOURCE:
                key = next(iter(q.params))
                ids = claims if name in PER_CLAIM else sources
                params = [{key: i} for i in ids]
            else:
                params = [{}] * reps
            out[name] = measure_query(name, params, store, endpoint, http)
    return out


# ---------------------------------------------------------------- commands


def build_store(n: int, folder: Path) -> None:
    """The embedded baseline store ``folder/store-N``, as bench.py ``run_ox`` builds it."""
    path = folder / f"store-{n}"
    shutil.rmtree(path, ignore_errors=True)
    t = time.perf_counter()
    store = Store.open(path)
    store.add_file(folder / f"corpus-{n}.nt", "corpus", assess=False)
    store.ox.bulk_load(path=str(folder / f"assessment-{n}.nt"), format=ox.RdfFormat.N_TRIPLES,
                       to_graph=ox.NamedNode(ASSESSMENT_GRAPH))
    store.flush()
    store.optimize()
    print(json.dumps({"store": str(path), "quads": len(store), "build_s":
                      time.perf_counter() - t, "disk_mb": disk_mb(path)}))


def run(args: argparse.Namespace) -> dict[str, Any]:
    n: int = args.claims
    data: Path = args.data
    work: Path = args.work
    db = work / f"virtuoso-db-{n}"
    dirs = sorted({data.resolve(), work.resolve()})
    out: dict[str, Any] = {"claims": n, "buffers": args.buffers, "per": args.per,
                           "reps": args.reps}
    store = Store.open(args.store, read_only=True)
    if args.push:
        with running(db, dirs, args.buffers, args.dirty, wipe=True) as server:
            t = time.perf_counter()
            result = push(store, f"{server.base}/sparql-graph-crud-auth", user="dba",
                          password="dba", graph_param="graph-uri", batch=args.batch,
                          timeout=TIMEOUT)
            seconds = time.perf_counter() - t
            triples = sum(result.graphs.values())
            counted = {g: count_graph(f"{server.base}/sparql", g) for g in result.graphs}
            out["push"] = {"seconds": seconds, "triples": triples,
                           "triples_per_s": triples / seconds, "requests": result.requests,
                           "batch": args.batch, "graphs": result.graphs, "counted": counted,
                           "peak_rss_mb": server.peak_rss_mb()}
            print("push", json.dumps(out["push"]), file=sys.stderr, flush=True)
    with running(db, dirs, args.buffers, args.dirty, wipe=not args.skip_load) as server:
        sparql = f"{server.base}/sparql"
        if not args.skip_load:
            files = [(f"corpus-{n}.nt", DOCUMENT_GRAPH), (f"assessment-{n}.nt", ASSESSMENT_GRAPH)]
            sql = "".join(f"ld_dir('{data.resolve()}', '{f}', '{g}');\n" for f, g in files)
            t = time.perf_counter()
            server.isql(sql + "rdf_loader_run();\ncheckpoint;\n")
            out["load_s"] = time.perf_counter() - t
            status = server.isql("SELECT ll_file, ll_state, ll_error FROM DB.DBA.load_list;")
            out["load_list"] = [line for line in status.splitlines() if ".nt" in line]
            if any("NULL" not in line for line in out["load_list"]):
                raise RuntimeError("the bulk loader reported errors: "
                                   + "\n".join(out["load_list"]))
            out["load_peak_rss_mb"] = server.peak_rss_mb()
        out["disk_mb"] = disk_mb(db)
        out["triples"] = {g: count_graph(sparql, g) for g in (DOCUMENT_GRAPH, ASSESSMENT_GRAPH)}
        out["embedded_triples"] = len(store)
        print("loaded", json.dumps(out), file=sys.stderr, flush=True)
        out["queries"] = run_queries(n, store, sparql, args.per, args.reps)
        out["peak_rss_mb"] = server.peak_rss_mb()
        out["rss_end_mb"] = server.rss_mb()
    out["bench_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if not args.keep_db:
        shutil.rmtree(db, ignore_errors=True)
    return out


def _cell(s: Mapping[str, float]) -> str:
    return f"{s['median_ms']:,.1f} / {s['p95_ms']:,.1f}"


def table(result: Mapping[str, Any]) -> str:
    """Markdown: per query, rows, Virtuoso / client / embedded latencies and the ratios."""
    lines = [
        f"#### {result['claims']:,} claims",
        "",
        "ms: median / p95. Virtuoso CSV and JSON: an httpx POST on a kept-alive connection "
        "(headers: until the response headers came; all: the whole body). `run_query`: "
        "credkg's client (JSON, parsed). Rows: per run for per-claim/per-source queries.",
        "",
        "| query | runs | rows | Virtuoso CSV, headers | Virtuoso CSV, all "
        "| Virtuoso JSON, all | `run_query` remote | embedded "
        "| embedded / Virtuoso CSV | embedded / `run_query` | answers equal |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, q in result["queries"].items():
        raw, client, emb = (q[k]["median_ms"] for k in ("raw", "client", "embedded"))
        rows = f"{q['embedded_rows']:,.1f}".removesuffix(".0")
        if q["raw_rows"] != q["embedded_rows"]:
            rows += f" (CSV {q['raw_rows']:,.1f})"
        same = "yes" if q["rows_equal"] else "NO: " + "; ".join(q["mismatches"])
        lines.append(
            f"| {name} | {q['raw']['runs']} | {rows} | {_cell(q['raw_ttfb'])} "
            f"| {_cell(q['raw'])} | {_cell(q['raw_json'])} | {_cell(q['client'])} "
            f"| {_cell(q['embedded'])} | {emb / raw:,.2f}x | {emb / client:,.2f}x | {same} |")
    lines.append("")
    facts = [f"Virtuoso: {sum(result['triples'].values()):,} triples"]
    if "load_s" in result:
        facts.append(f"bulk load {result['load_s']:.0f} s "
                     f"({sum(result['triples'].values()) / result['load_s']:,.0f} triples/s)")
    facts.append(f"{result['disk_mb']:,.0f} MB on disk")
    facts.append(f"peak RSS {result['peak_rss_mb']:,.0f} MB")
    if "push" in result:
        p = result["push"]
        facts.append(f"`kg push` (GSP, batch {p['batch']:,}) {p['triples']:,} triples in "
                     f"{p['seconds']:.0f} s = {p['triples_per_s']:,.0f} triples/s")
    lines.append("; ".join(facts) + ".")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("store", help="build the embedded baseline store FOLDER/store-N")
    s.add_argument("claims", type=int)
    s.add_argument("folder", type=Path)
    r = sub.add_parser("run", help="load Virtuoso and time every ready-made query")
    r.add_argument("claims", type=int)
    r.add_argument("--data", type=Path, required=True,
                   help="folder of corpus-N.nt and assessment-N.nt")
    r.add_argument("--store", type=Path, required=True, help="the embedded store (read only)")
    r.add_argument("--work", type=Path, required=True, help="scratch folder: database, JSON")
    r.add_argument("--per", type=int, default=50, help="sampled claims / sources")
    r.add_argument("--reps", type=int, default=3, help="runs of each whole-graph query")
    r.add_argument("--buffers", type=int, default=680_000, help="NumberOfBuffers (8 kB)")
    r.add_argument("--dirty", type=int, default=500_000, help="MaxDirtyBuffers")
    r.add_argument("--push", action="store_true", help="time kg push on an empty database")
    r.add_argument("--batch", type=int, default=50_000, help="kg push batch (triples)")
    r.add_argument("--keep-db", action="store_true", help="keep the Virtuoso database")
    r.add_argument("--skip-load", action="store_true", help="reuse a kept database")
    p = sub.add_parser("report", help="the tables of every WORK/virtuoso-N.json")
    p.add_argument("work", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "store":
        build_store(args.claims, args.folder)
    elif args.cmd == "run":
        result = run(args)
        (args.work / f"virtuoso-{args.claims}.json").write_text(json.dumps(result, indent=1))
        print(table(result))
    else:
        for f in sorted(args.work.glob("virtuoso-*.json"),
                        key=lambda f: int(f.stem.split("-")[1])):
            print(table(json.loads(f.read_text())))
            print()


if __name__ == "__main__":
    main(sys.argv[1:])
