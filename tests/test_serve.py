"""``kg serve``: a real uvicorn server on loopback, queried by SPARQLWrapper and httpx."""

from __future__ import annotations

import gc
import json
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pyoxigraph as ox
import pytest
import uvicorn

from kg.seed import seed_dataset
from kg.store import Store, run_query
from kg.store.serve import ServeOptions, create_app

CLAIM = "https://w3id.org/credkg/ns#Claim"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    """uvicorn serving the app in a background thread, stopped on exit."""

    def __init__(self, store: Store, options: ServeOptions) -> None:
        self.port = free_port()
        config = uvicorn.Config(create_app(store, options), host="127.0.0.1", port=self.port,
                                log_level="error", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.add_dataset(seed_dataset(), "seed")
    return s


@pytest.fixture(scope="module")
def server(store: Store) -> Iterator[Server]:
    with Server(store, ServeOptions(timeout=5, max_rows=500, workers=4)) as s:
        yield s


def test_sparqlwrapper_select(server: Server, store: Store) -> None:
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    for method in ("GET", POST):
        sparql = SPARQLWrapper(server.url)
        sparql.setMethod(method)
        sparql.setQuery(f"SELECT ?c WHERE {{ ?c a <{CLAIM}> }} ORDER BY ?c")
        sparql.setReturnFormat(JSON)
        data = sparql.queryAndConvert()
        got = [b["c"]["value"] for b in data["results"]["bindings"]]  # type: ignore[index, call-overload]
        expected = [r["c"] for r in run_query(store, f"SELECT ?c WHERE {{ ?c a <{CLAIM}> }} "
                                                     "ORDER BY ?c")]
        assert got == expected and len(got) == 15


def test_sparqlwrapper_ask_and_construct(server: Server) -> None:
    from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

    sparql = SPARQLWrapper(server.url)
    sparql.setQuery(f"ASK {{ ?c a <{CLAIM}> }}")
    sparql.setReturnFormat(JSON)
    assert sparql.queryAndConvert()["boolean"] is True  # type: ignore[index, call-overload]
    sparql.setReturnFormat(XML)
    xml = sparql.queryAndConvert()
    assert xml.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[union-attr]

    sparql = SPARQLWrapper(server.url)
    sparql.setQuery(f"CONSTRUCT {{ ?c a <{CLAIM}> }} WHERE {{ ?c a <{CLAIM}> }}")
    sparql.setReturnFormat(TURTLE)
    turtle = sparql.queryAndConvert()
    triples = list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))  # type: ignore[arg-type]
    assert len(triples) == 15


# SPARQLWrapper leaves the refused response's socket to the garbage collector
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_sparqlwrapper_update_is_refused(server: Server, store: Store) -> None:
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    before = len(store)
    sparql = SPARQLWrapper(server.url)
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }")
    with pytest.raises((SPARQLWrapperException, OSError)) as info:
        sparql.query()
    assert "403" in str(info.value) or getattr(info.value, "code", None) == 403
    assert len(store) == before
    del info
    gc.collect()


def test_protocol_details(server: Server) -> None:
    q = f"SELECT ?c WHERE {{ ?c a <{CLAIM}> }} ORDER BY ?c LIMIT 2"
    with httpx.Client(timeout=10) as client:
        for accept, media in (
            ("application/sparql-results+json", "application/sparql-results+json"),
            ("application/sparql-results+xml", "application/sparql-results+xml"),
            ("text/csv", "text/csv"),
            ("text/tab-separated-values", "text/tab-separated-values"),
            ("text/html, */*;q=0.1", "application/sparql-results+json"),
        ):
            r = client.get(server.url, params={"query": q}, headers={"Accept": accept})
            assert r.status_code == 200, (accept, r.text)
            assert r.headers["content-type"].startswith(media)
        csv = client.get(server.url, params={"query": q}, headers={"Accept": "text/csv"})
        assert csv.text.splitlines()[0] == "c"
        tsv = client.get(server.url, params={"query": q, "format": "tsv"})
        assert tsv.text.splitlines()[0] == "?c"
        assert client.get(server.url, params={"query": q},
                          headers={"Accept": "image/png"}).status_code == 406
        # the query as the POST body
        r = client.post(server.url, content=q,
                        headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 2
        # CONSTRUCT: Turtle by default, N-Triples on request
        c = f"CONSTRUCT {{ ?c a <{CLAIM}> }} WHERE {{ ?c a <{CLAIM}> }}"
        assert client.get(server.url, params={"query": c}).headers["content-type"].startswith(
            "text/turtle")
        nt = client.get(server.url, params={"query": c},
                        headers={"Accept": "application/n-triples"})
        assert len(nt.text.strip().splitlines()) == 15
        # updates: 403 when sent as the protocol says, 400 when the request is malformed
        assert client.post(server.url, data={"update": "CLEAR ALL"}).status_code == 403
        assert client.post(server.url, content="CLEAR ALL", headers={
            "Content-Type": "application/sparql-update"}).status_code == 403
        assert client.get(server.url, params={"update": "CLEAR ALL"}).status_code == 400
        assert client.get(server.url, params={"query": "CLEAR ALL"}).status_code == 400
        assert client.post(server.url, data={"query": q, "update": "CLEAR ALL"}
                           ).status_code == 400
        assert client.get(server.url).status_code == 400
        assert client.get(server.url, params={"query": "SELECT nonsense"}).status_code == 400
        assert client.post(server.url, content=b"x", headers={
            "Content-Type": "image/png"}).status_code == 415
        # named graphs from the protocol's parameters
        g = client.get(server.url, params={
            "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            "default-graph-uri": "https://example.org/no-such-graph"})
        assert g.json()["results"]["bindings"][0]["n"]["value"] == "0"
        # no CORS unless origins are configured (tests/test_serve_security.py)
        r = client.get(server.url, params={"query": q}, headers={"Origin": "https://x.example"})
        assert "access-control-allow-origin" not in r.headers
        index = client.get(server.url.removesuffix("sparql"))
        assert set(index.json()["queries"]) >= {"chains", "sources-ranked"}


def test_row_cap_and_time_limit(store: Store) -> None:
    with Server(store, ServeOptions(timeout=0.5, max_rows=7, workers=2)) as server, \
            httpx.Client(timeout=30) as client:
        r = client.get(server.url, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert r.status_code == 200
        assert len(r.json()["results"]["bindings"]) == 7
        assert r.headers["x-credkg-truncated"] == "true"
        slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } LIMIT 7"
        started = time.monotonic()
        r = client.get(server.url, params={"query": slow.replace(" LIMIT 7", "") +
                                           " ORDER BY ?a ?d ?g"})
        assert r.status_code == 503 and "ran out of time" in r.text
        assert time.monotonic() - started < 10


def test_concurrent_load_has_no_errors(server: Server, store: Store) -> None:
    """8 clients x 200 queries on loopback: every answer is right (throughput in the
    benchmark README, measured with benchmarks/store/load.py)."""
    queries = [
        ("origins", "PREFIX cred: <https://w3id.org/credkg/ns#> SELECT ?o WHERE { ?o cred:claim "
                    f"<https://w3id.org/credkg/id/claim/{c.id}> }}")
        for c in seed_dataset().claims
    ]
    expected = {q: len(run_query(store, q)) for _, q in queries}

    def client_run(i: int) -> int:
        errors = 0
        with httpx.Client(timeout=30) as client:
            for k in range(200):
                _, q = queries[(i + k) % len(queries)]
                r = client.post(server.url, data={"query": q})
                if r.status_code != 200 or len(r.json()["results"]["bindings"]) != expected[q]:
                    errors += 1
        return errors

    with ThreadPoolExecutor(8) as pool:
        assert sum(pool.map(client_run, range(8))) == 0
    assert json.loads(json.dumps(expected))  # the answers were not all empty
