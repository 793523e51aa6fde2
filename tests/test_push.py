"""``kg push`` and ``kg query --endpoint`` against a real Virtuoso Open Source server.

The test starts ``virtuoso-t`` on loopback with its own temporary database and
configuration (free ports), pushes the seed store, checks that every ready-made
query answers remotely as it does embedded, and stops the server. It skips only
outside CI when Virtuoso is not installed.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kg.errors import InputError, RemoteError
from kg.seed import seed_dataset
from kg.store import QUERIES, Store, add_files, run_query
from kg.store import client as client_module
from kg.store.client import remote_query
from kg.store.index import DOCUMENT_BASE
from kg.store.push import graphs_to_push, push
from tests.conftest import IN_CI, ROOT, Result

VIRTUOSO = shutil.which("virtuoso-t")
INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
SEED = ROOT / "kg" / "data" / "seed.yaml"
ROW_CAP = 500  # Virtuoso's row cap in the test server (10,000 as packaged)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> Path:
    """The packaged configuration with every file in ``folder`` and the given ports."""
    section = ""
    lines = []
    for line in INI.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        key = stripped.split("=")[0].strip()
        if section in ("[Database]", "[TempDatabase]") and key in (
            "DatabaseFile", "ErrorLogFile", "LockFile", "TransactionFile", "xa_persistent_file"
        ):
            name = Path(stripped.split("=", 1)[1].strip()).name
            line = f"{key} = {folder / name}"
        elif section == "[Parameters]" and key == "ServerPort":
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif section == "[HTTPServer]" and key == "ServerPort":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif section == "[Plugins]" and re.match(r"Load\d+", key):
            line = ";" + line  # the wiki plugins are not needed
        elif section == "[SPARQL]" and key == "ResultSetMaxRows":
            line = f"ResultSetMaxRows = {ROW_CAP}"  # low, so that a test can reach it
        lines.append(line)
    path = folder / "virtuoso.ini"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Virtuoso server of our own; yields its base URL and stops it afterwards."""
    if VIRTUOSO is None or not INI.is_file():
        if IN_CI:
            pytest.fail("virtuoso-t is not installed; .ci/run installs virtuoso-opensource")
        pytest.skip("Virtuoso Open Source is not installed (apt install virtuoso-opensource)")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    ini = virtuoso_ini(folder, free_port(), http_port)
    log = (folder / "stdout.log").open("w")
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)],
                               cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail("virtuoso-t exited: " + (folder / "stdout.log").read_text()[-2000:])
            try:
                if httpx.get(f"{base}/sparql", params={"query": "ASK {}"},
                             timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("virtuoso-t did not answer within 120 s")
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def seed_store() -> Store:
    store = Store()
    store.add_dataset(seed_dataset(), "seed")
    return store


def normalise(results: Any) -> list[tuple[Any, ...]]:
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in row)
            for row in results.tuples()]


def params_for(name: str) -> list[dict[str, str]]:
    q = QUERIES[name]
    if not q.params:
        return [{}]
    ds = seed_dataset()
    [(key, kind)] = q.params.items()
    ids = [c.id for c in ds.claims] if kind == "claim" else [s.id for s in ds.sources]
    return [{key: i} for i in ids]


@pytest.mark.virtuoso
def test_push_and_every_query_answers_as_embedded(
    virtuoso: str, seed_store: Store, kg: Callable[..., Result]
) -> None:
    result = push(seed_store, f"{virtuoso}/sparql-graph-crud-auth", user="dba",
                  password="dba", graph_param="graph-uri", batch=100)
    targets = dict(graphs_to_push(seed_store))
    assert set(result.graphs) == set(targets)
    assert result.requests > len(targets)  # batched
    sparql = f"{virtuoso}/sparql"
    for iri, n in result.graphs.items():
        count = run_query(sparql,
                          f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
        assert count.tuples() == [(n,)], iri
    checked = 0
    for name, q in QUERIES.items():
        for params in params_for(name):
            local = normalise(run_query(seed_store, name, params))
            remote = normalise(run_query(sparql, name, params))
            if "ORDER BY" in q.sparql and name == "sources-ranked":
                assert remote == local, name
            else:
                assert sorted(remote, key=repr) == sorted(local, key=repr), (name, params)
            checked += 1
    assert checked >= 9 + 15 + 12 - 3
    # the command line does the same
    cli = kg("query", "--endpoint", sparql, "sources-ranked", "--format", "csv")
    embedded = kg("query", "sources-ranked", "--format", "csv")
    assert cli.exit_code == 0, cli.stderr
    assert cli.stdout.splitlines()[0] == embedded.stdout.splitlines()[0]
    assert len(cli.stdout.splitlines()) == len(embedded.stdout.splitlines())


@pytest.mark.virtuoso
def test_push_one_document_with_sparql_update(
    virtuoso: str, tmp_path: Path, kg: Callable[..., Result]
) -> None:
    store_path = tmp_path / "store"
    add_files(store_path, [SEED], progress=False)
    graph = "https://example.org/graph/pushed-by-update"
    pushed = kg("push", "--endpoint", f"{virtuoso}/sparql-auth", "--store", store_path,
                "--doc", "seed", "--graph", graph, "--protocol", "update", "--user", "dba",
                "--password", "dba", "--batch", "50")
    assert pushed.exit_code == 0, pushed.stderr
    triples = Store.open(store_path, read_only=True).document("seed").triples
    assert f"pushed {triples:,} triples" in pushed.stdout
    count = run_query(f"{virtuoso}/sparql",
                      f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert count.tuples() == [(triples,)]
    # pushing again replaces the graph: nothing is duplicated
    again = kg("push", "--endpoint", f"{virtuoso}/sparql-auth", "--store", store_path,
               "--doc", "seed", "--graph", graph, "--protocol", "update", "-u", "dba",
               "-p", "dba")
    assert again.exit_code == 0, again.stderr
    count = run_query(f"{virtuoso}/sparql",
                      f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert count.tuples() == [(triples,)]
    # wrong password: a clear error, no retry storm, no traceback
    denied = kg("push", "--endpoint", f"{virtuoso}/sparql-graph-crud-auth", "--store",
                store_path, "--graph-param", "graph-uri", "-u", "dba", "-p", "wrong")
    assert denied.exit_code == 1 and "HTTP 401" in denied.stderr


def test_push_arguments_are_checked(seed_store: Store) -> None:
    with pytest.raises(InputError, match="--protocol"):
        push(seed_store, "http://127.0.0.1:9/x", protocol="ftp")
    with pytest.raises(InputError, match="not a valid IRI"):
        push(seed_store, "http://127.0.0.1:9/x", graph="not an iri")
    with pytest.raises(InputError, match="both --user and --password"):
        push(seed_store, "http://127.0.0.1:9/x", user="dba")
    with pytest.raises(RemoteError, match="after 2 attempts"):
        push(seed_store, f"http://127.0.0.1:{free_port()}/gsp", retries=1)
    pairs = graphs_to_push(seed_store, doc="seed")
    assert pairs == [(DOCUMENT_BASE + "seed", [seed_store.document("seed").graph])]
    [(target, sources)] = graphs_to_push(seed_store, graph="https://example.org/all")
    assert target == "https://example.org/all" and len(sources) == 2


def test_push_retries_transient_failures(seed_store: Store) -> None:
    calls: list[str] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        return httpx.Response(503 if len(calls) % 2 else 201)

    transport = httpx.MockTransport(flaky)
    original = httpx.Client

    class Mocked(original):  # type: ignore[misc, valid-type]
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(transport=transport, **kwargs)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(httpx, "Client", Mocked)
        m.setattr("kg.store.push.time.sleep", lambda s: None)
        result = push(seed_store, "http://store.example/gsp", doc="seed", batch=200)
    n = seed_store.document("seed").triples
    assert result.graphs == {DOCUMENT_BASE + "seed": n}
    # a copy of the target graph is read first (a direct push can put it back on failure)
    assert calls[0] == "GET" and calls[2] == "PUT" and "POST" in calls
    assert len(calls) == 2 * result.requests  # every request failed once, then passed


@pytest.mark.virtuoso
def test_an_answer_cut_by_the_endpoint_is_an_error(
    virtuoso: str, kg: Callable[..., Result]
) -> None:
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"  # Virtuoso's own graphs alone pass the cap
    with pytest.raises(RemoteError, match=f"row cap of {ROW_CAP}"):
        remote_query(f"{virtuoso}/sparql", everything)
    first = remote_query(f"{virtuoso}/sparql", everything, limit=100)
    assert len(first) == 100 and first.truncated
    assert len(remote_query(f"{virtuoso}/sparql", everything, limit=ROW_CAP)) == ROW_CAP
    with pytest.raises(RemoteError, match=f"--limit {ROW_CAP}"):
        remote_query(f"{virtuoso}/sparql", everything, limit=ROW_CAP + 1)
    result = kg("query", "--endpoint", f"{virtuoso}/sparql", everything, "--format", "csv")
    assert result.exit_code == 1 and "row cap" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_partial_answer_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def anytime(request: httpx.Request) -> httpx.Response:
        body = {"head": {"vars": ["s"]}, "results": {"bindings": [
            {"s": {"type": "uri", "value": "https://example.org/a"}}]}}
        return httpx.Response(200, json=body, headers={
            "Content-Type": "application/sparql-results+json", "X-SQL-State": "S1TAT",
            "X-SQL-Message": "RC...: Returning incomplete results, query interrupted"})

    client = httpx.Client(transport=httpx.MockTransport(anytime))
    monkeypatch.setattr(client_module, "_client", lambda: client)
    with pytest.raises(RemoteError, match=r"incomplete answer \(S1TAT"):
        remote_query("http://store.example/sparql", "SELECT ?s WHERE { ?s ?p ?o }")


def test_ci_runs_the_virtuoso_test() -> None:
    if IN_CI:
        assert VIRTUOSO is not None, "CI must install virtuoso-opensource"
    assert os.environ.get("CI") != "true" or IN_CI
