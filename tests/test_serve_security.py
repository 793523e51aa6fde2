"""Attacks on ``kg serve`` and ``kg query`` (issue #19, rows 1, 2, 3, 12, 14, 16), on loopback.

Servers run as ``kg serve`` subprocesses (a crash there cannot take pytest down),
every wait is bounded, and the heavy queries are cut by the server's own time
limit. The worker processes of a server are found with psutil.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil
import pytest

from kg.seed import seed_dataset
from kg.store import Store, add_files
from kg.store.serve import ServeOptions
from tests.conftest import ROOT, Result
from tests.test_serve import Server

SEED = ROOT / "kg" / "data" / "seed.yaml"
KG = [sys.executable, "-m", "kg"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
#: a cross product of the seed's ~800 quads with itself 4 times: hours of CPU
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class KgServe:
    """``kg serve ARGS`` in a subprocess on a free loopback port; stopped on exit."""

    def __init__(self, *args: str | Path) -> None:
        self.port = free_port()
        self.args = [*KG, "serve", "--port", str(self.port), *map(str, args)]
        self.url = f"http://127.0.0.1:{self.port}/sparql"

    def __enter__(self) -> KgServe:
        self.process = subprocess.Popen(self.args, env=ENV, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 90
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("kg serve exited: " + self.process.communicate()[1])
            try:
                if httpx.get(self.url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("kg serve did not answer within 90 s")
            time.sleep(0.2)

    def __exit__(self, *exc: object) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate(timeout=30)

    def alive(self) -> bool:
        return self.process.poll() is None


def run_kg(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *map(str, args)], env=ENV, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture(scope="module")
def served() -> Iterator[KgServe]:
    with KgServe("--timeout", "5", "--workers", "2") as s:
        yield s


class Listener:
    """A loopback TCP listener that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self.stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/admin"

    def _accept(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    self.received.append(conn.recv(65536))
                    conn.sendall(b"HTTP/1.1 500 Oops\r\nContent-Length: 6\r\n\r\nsecret")
                except OSError:
                    pass

    def close(self) -> None:
        self.stop = True
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    li = Listener()
    yield li
    li.close()


def deep_queries() -> dict[str, str]:
    d = 3000
    return {
        "groups": "SELECT * WHERE { " + "{ " * d + "?s ?p ?o" + " }" * d + " }",
        "parentheses": "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "1" + ")" * 5000
                       + ") }",
        "chain": "SELECT * WHERE { ?s ?p ?o FILTER(" + "+".join(["1"] * 20000) + ") }",
        "unions": "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 20000) + " }",
    }


# -- row 1: deep queries --------------------------------------------------------------


def test_deep_queries_are_refused_and_the_server_lives(served: KgServe) -> None:
    with httpx.Client(timeout=60) as client:
        for name, q in deep_queries().items():
            r = client.post(served.url, content=q.encode(),
                            headers={"Content-Type": "application/sparql-query"})
            assert r.status_code == 400, (name, r.status_code, r.text[:200])
            assert "query refused" in r.text
            assert served.alive(), name
        ok = client.get(served.url, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        assert ok.status_code == 200
        assert int(ok.json()["results"]["bindings"][0]["n"]["value"]) > 300


def test_kg_query_refuses_a_deep_query_in_one_line(tmp_path: Path) -> None:
    query = tmp_path / "deep.rq"
    query.write_text(deep_queries()["groups"], encoding="utf-8")
    result = run_kg("query", f"@{query}")
    assert result.returncode == 2, result.stderr[-500:]
    assert result.stderr.startswith("kg: error:") and len(result.stderr.strip().splitlines()) == 1
    assert "nests brackets 3,001 deep" in result.stderr


# -- row 2: SERVICE --------------------------------------------------------------------


def test_service_is_refused_and_nothing_goes_out(served: KgServe, listener: Listener) -> None:
    spellings = [
        f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{listener.url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o.SeRvIcE # comment\n <{listener.url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { VALUES ?e { <" + listener.url + "> } SERVICE ?e { ?s ?p ?o } }",
    ]
    with httpx.Client(timeout=30) as client:
        for q in spellings:
            r = client.post(served.url, data={"query": q},
                            headers={"Origin": "https://evil.example"})
            assert r.status_code == 400, (q, r.status_code, r.text)
            assert "SERVICE" in r.text and "secret" not in r.text
            assert "access-control-allow-origin" not in r.headers  # no CORS by default
    time.sleep(0.5)
    assert listener.received == []


def test_service_allow_list(listener: Listener) -> None:
    store = Store()
    store.add_dataset(seed_dataset(), "seed", assess=False)
    q = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    other = "http://127.0.0.1:9/sparql"
    from kg.store.guard import QueryLimits

    with Server(store, ServeOptions(limits=QueryLimits(services=(other,)))) as server, \
            httpx.Client(timeout=30) as client:
        r = client.post(server.url, data={"query": q})
        assert r.status_code == 400 and other in r.text
        assert listener.received == []
    with Server(store, ServeOptions(limits=QueryLimits(services=(listener.url,)))) as server, \
            httpx.Client(timeout=30) as client:
        r = client.post(server.url, data={"query": q})
        assert r.status_code == 502, r.text  # allowed, called, and its failure reported
        assert "secret" not in r.text  # but what it answered is not echoed
    assert len(listener.received) == 1 and b"POST /admin" in listener.received[0]


def test_kg_query_refuses_service_in_one_line(tmp_path: Path, listener: Listener) -> None:
    store = tmp_path / "store"
    add_files(store, [SEED], progress=False)
    q = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    refused = run_kg("query", q, "--store", store)
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "--allow-service" in refused.stderr
    assert listener.received == []
    allowed = run_kg("query", q, "--store", store, "--allow-service", listener.url)
    assert allowed.returncode == 1 and len(allowed.stderr.strip().splitlines()) == 1
    assert "SERVICE endpoint failed" in allowed.stderr and "Traceback" not in allowed.stderr
    assert "secret" not in allowed.stderr
    assert len(listener.received) == 1
    streamed = run_kg("query", q, "--store", store, "--allow-service", listener.url,
                      "--format", "csv")  # the whole answer streamed: the same one line
    assert streamed.returncode == 1 and len(streamed.stderr.strip().splitlines()) == 1
    assert "SERVICE endpoint failed" in streamed.stderr and "secret" not in streamed.stderr
    refused = run_kg("query", q, "--store", store, "--format", "csv")
    assert refused.returncode == 2 and "--allow-service" in refused.stderr
    assert len(listener.received) == 2


# -- row 3: timed-out queries are stopped ---------------------------------------------


def _tree(pid: int) -> tuple[int, int, float, int]:
    """(threads of the server, RSS of server and workers in MB, CPU s of workers, workers)."""
    server = psutil.Process(pid)
    children = server.children(recursive=True)
    rss = server.memory_info().rss + sum(c.memory_info().rss for c in children)
    cpu = sum(sum(c.cpu_times()[:2]) for c in children)
    return server.num_threads(), rss // 2**20, cpu, len(children)


def _rss_by_process(pid: int) -> dict[int, int]:
    server = psutil.Process(pid)
    return {p.pid: p.memory_info().rss // 2**20 for p in [server, *server.children(True)]}


def test_timed_out_queries_are_stopped_and_resources_come_back() -> None:
    with KgServe("--timeout", "1", "--workers", "2") as s, httpx.Client(timeout=60) as client:

        def ask(query: str) -> int:
            with httpx.Client(timeout=60) as c:
                return c.get(s.url, params={"query": query}).status_code

        assert ask("ASK { ?s ?p ?o }") == 200
        threads0, rss0, _, workers0 = _tree(s.process.pid)
        for _ in range(2):
            with ThreadPoolExecutor(4) as pool:
                assert list(pool.map(ask, [HEAVY] * 4)) == [503] * 4
        deadline = time.monotonic() + 30
        while True:
            threads, rss, cpu, workers = _tree(s.process.pid)
            time.sleep(1)
            busy = _tree(s.process.pid)[2] - cpu
            if (threads <= threads0 and busy < 0.3 and workers == workers0) \
                    or time.monotonic() > deadline:
                break
        assert threads <= threads0, (threads, threads0)
        assert busy < 0.3, f"workers used {busy:.2f} s of CPU in 1 s after the timeouts"
        assert workers == workers0, (workers, workers0)
        # a timed-out query on main kept its memory (GBs at 20k claims); here its worker is
        # gone: what remains is the fresh workers' and the server's own, with some slack
        assert rss <= rss0 + 200, (rss, rss0, _rss_by_process(s.process.pid))
        assert client.get(s.url, params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


# -- row 14: request body ---------------------------------------------------------------


def test_request_body_is_capped(served: KgServe) -> None:
    big = b"query=" + b"x" * 2_000_000
    with httpx.Client(timeout=60) as client:
        r = client.post(served.url, content=big,
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert r.status_code == 413 and "--max-body" in r.text

        def chunks() -> Iterator[bytes]:  # no Content-Length: the cap holds while reading
            yield b"SELECT * WHERE { ?s ?p ?o } #"
            for _ in range(200):
                yield b"x" * 100_000

        r = client.post(served.url, content=chunks(),
                        headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 413
    assert served.alive()


# -- CORS, 4xx, host and port ----------------------------------------------------------


def test_cors_only_for_configured_origins() -> None:
    store = Store()
    with Server(store, ServeOptions(cors_origins=("https://yasgui.example",))) as server, \
            httpx.Client(timeout=30) as client:
        pre = client.options(server.url, headers={
            "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        assert pre.status_code == 200
        assert pre.headers["access-control-allow-origin"] == "https://yasgui.example"
        assert "access-control-allow-credentials" not in pre.headers
        r = client.get(server.url, params={"query": "ASK {}"},
                       headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


def test_bad_graph_parameters_are_400(served: KgServe) -> None:
    with httpx.Client(timeout=30) as client:
        for name in ("default-graph-uri", "named-graph-uri"):
            r = client.get(served.url, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
                                               name: "not an iri"})
            assert r.status_code == 400 and name in r.text, r.text


def test_busy_port_is_one_line(kg: Callable[..., Result]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = kg("serve", "--port", str(busy.getsockname()[1]))
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: --port") and "already in use" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_non_loopback_host_warns(kg: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
                                 ) -> None:
    import uvicorn

    from kg.cli import store as cli

    def loopback_instead(host: str, port: int) -> socket.socket:  # never listen off loopback
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        return sock

    opened: list[socket.socket] = []
    monkeypatch.setattr(cli, "_bind", lambda h, p: opened.append(loopback_instead(h, p))
                        or opened[-1])
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)
    result = kg("serve", "--host", "0.0.0.0", "--workers", "1")
    assert result.exit_code == 0, result.stderr
    assert "warning: listening on 0.0.0.0, not loopback" in result.stderr
    quiet = kg("serve", "--host", "127.0.0.1", "--workers", "1")
    assert "warning" not in quiet.stderr
    for sock in opened:
        sock.close()


# -- Ctrl-C ------------------------------------------------------------------------------


def test_ctrl_c_stops_a_long_kg_query() -> None:
    process = subprocess.Popen([*KG, "query", HEAVY], env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while psutil.Process(process.pid).cpu_times().user < 3 and process.poll() is None:
            assert time.monotonic() < deadline, "kg query did not start its query"
            time.sleep(0.2)
        time.sleep(1)  # inside the query's evaluation
        process.send_signal(signal.SIGINT)
        started = time.monotonic()
        _, err = process.communicate(timeout=20)
        assert time.monotonic() - started < 5
        assert process.returncode == 130 and "Traceback" not in err
        assert err.strip().splitlines() == [  # one line says what happened
            "kg: interrupted; files being written were left as they were"]
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


# -- row 12: writers refuse a served store ----------------------------------------------


def test_writers_refuse_a_store_while_kg_serve_holds_it(tmp_path: Path) -> None:
    store = tmp_path / "store"
    add_files(store, [SEED], progress=False)
    other = tmp_path / "other.yaml"
    other.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    with KgServe("--store", store, "--workers", "1") as s:
        added = run_kg("add", other, "--store", store)
        assert added.returncode == 1, added.stderr
        assert "a kg serve is serving this store" in added.stderr
        assert len(added.stderr.strip().splitlines()) == 1
        removed = run_kg("remove", "seed", "--store", store)
        assert removed.returncode == 1 and "kg serve is serving" in removed.stderr
        with httpx.Client(timeout=30) as client:  # the server still answers the whole store
            r = client.get(s.url, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
            assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 300
    assert [d.id for d in Store.open(store, read_only=True).documents()] == ["seed"]
    assert run_kg("remove", "seed", "--store", store).returncode == 0  # free once it stops


def test_kg_serve_refuses_a_store_being_written(tmp_path: Path,
                                                kg: Callable[..., Result]) -> None:
    store = tmp_path / "store"
    add_files(store, [SEED], progress=False)
    writer = Store.open(store)  # holds the store as kg add does
    result = kg("serve", "--store", store, "--port", str(free_port()), "--workers", "1")
    assert result.exit_code == 1 and "is writing to this store" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    del writer


def test_a_query_over_the_worker_memory_fails_alone() -> None:
    """A worker limited to 900 MiB: a sort of a 550M-row cross product hits the limit, the
    worker dies, the query gets 500, and the next query is answered by a fresh worker."""
    from kg.store.answer import Request
    from kg.store.serve import create_app

    store = Store()
    store.add_dataset(seed_dataset(), "seed")
    app = create_app(store, ServeOptions(workers=1, worker_memory_mb=900, timeout=60))
    pool = app.state.pool
    try:
        started = time.monotonic()
        reply = pool.run(Request(HEAVY.replace(" . ?j ?k ?l", "").replace(
            "(COUNT(*) AS ?n)", "*") + " ORDER BY ?a ?d ?g"), 60)
        assert reply is not None and reply.status == 500, reply
        assert b"--worker-memory" in reply.body
        assert time.monotonic() - started < 60
        again = pool.run(Request("ASK { ?s ?p ?o }"), 60)
        assert again is not None and again.status == 200
        assert pool.killed == 1
    finally:
        pool.close()


def test_two_kills_in_a_row_refill_the_pool(tmp_path: Path) -> None:
    """After two workers are killed back to back, the pool starts two replacements: the
    second kill must not be skipped because the first replacement is already idle."""
    from kg.store.serve import create_app

    add_files(tmp_path / "store", [SEED], progress=False)
    store = Store(tmp_path / "store", read_only=True)
    pool = create_app(store, ServeOptions(workers=2, timeout=60)).state.pool
    try:
        pool.warm()
        first, second = pool._pop(), pool._pop()
        assert first is not None and second is not None
        pool._discard(first)
        deadline = time.monotonic() + 60
        while not pool.pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(pool.pids()) == 1  # the first replacement is idle
        pool._discard(second)
        while len(pool.pids()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(pool.pids()) == 2, pool.pids()
        assert pool.started == 4 and pool.killed == 2
    finally:
        pool.close()
