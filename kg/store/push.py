"""Sending the store's graphs to an external SPARQL 1.1 store (``kg push``).

Two protocols, both standard:

* ``gsp``, the SPARQL 1.1 Graph Store HTTP Protocol: the first batch of a graph
  is sent with ``PUT`` (replacing what the target graph held), the next ones
  with ``POST`` (appending), as ``text/turtle`` written in N-Triples, to
  ``ENDPOINT?graph=IRI`` (``graph-uri`` for Virtuoso, chosen by ``graph_param``);
* ``update``, SPARQL 1.1 Update: ``CLEAR SILENT GRAPH <g>`` then one
  ``INSERT DATA { GRAPH <g> { ... } }`` per batch, POSTed as a form.

Batches hold ``batch`` triples; a batch that fails with a connection error, 408,
429 or a 5xx answer is retried with exponential back-off. ``user`` and
``password`` are sent with HTTP Digest or Basic authentication, whichever the
server asks for. Terms are written by pyoxigraph, so every IRI and literal is
escaped as N-Triples requires.

What is sent: by default each document to its own graph
``https://w3id.org/credkg/id/document/{doc}`` and the assessment to
``{base}graph/assessment``; with ``doc`` only that document; with ``graph``
everything selected goes into that one graph.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from kg.errors import InputError, RemoteError
from kg.store.store import DOCUMENT_BASE, Store

__all__ = ["PushResult", "graphs_to_push", "push"]

_RETRY_STATUS = {408, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class PushResult:
    """What was sent: target graph IRI -> triples, and the number of requests."""

    graphs: dict[str, int]
    requests: int


class _AnyAuth(httpx.Auth):
    """Digest or Basic authentication, whichever the server's challenge asks for."""

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self.digest = httpx.DigestAuth(user, password)
        self.basic = httpx.BasicAuth(user, password)
        self.scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.scheme == "basic":
            yield from self.basic.auth_flow(request)
            return
        if self.scheme == "digest":
            yield from self.digest.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        self.scheme = "digest" if challenge.startswith("digest") else "basic"
        yield from (self.digest if self.scheme == "digest" else self.basic).auth_flow(request)


def graphs_to_push(
    store: Store, *, doc: str | None = None, graph: str | None = None
) -> list[tuple[str, list[str]]]:
    """(target graph IRI, source graph IRIs) pairs for a push.

    Raises:
        NotFoundError: ``doc`` is not in the store.
    """
    if doc is not None:
        d = store.document(doc)
        return [(graph or DOCUMENT_BASE + d.id, [d.graph])]
    pairs = [(DOCUMENT_BASE + d.id, [d.graph]) for d in store.documents()]
    pairs += [(g.value, [g.value]) for g in store.assessment_graphs()]
    if graph is not None:
        return [(graph, [src for _, sources in pairs for src in sources])]
    return pairs


def _lines(store: Store, sources: list[str]) -> Iterator[str]:
    for source in sources:
        for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(source)):
            yield f"{q.subject} {q.predicate} {q.object} ."


def _batches(lines: Iterator[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def push(
    store: Store,
    endpoint: str,
    *,
    graph: str | None = None,
    doc: str | None = None,
    protocol: str = "gsp",
    user: str | None = None,
    password: str | None = None,
    batch: int = 50_000,
    retries: int = 4,
    graph_param: str = "graph",
    timeout: float = 120.0,
    progress: Callable[[int], None] | None = None,
) -> PushResult:
    """Send graphs of ``store`` to ``endpoint``.

    Args:
        store: The store.
        endpoint: For ``gsp`` the Graph Store URL (e.g. Virtuoso's
            ``http://host:8890/sparql-graph-crud-auth``), for ``update`` the
            SPARQL Update URL (e.g. ``http://host:8890/sparql-auth``).
        graph: Send everything selected into this one graph.
        doc: Send only this document.
        protocol: "gsp" or "update".
        user: User name for authentication.
        password: Password for authentication.
        batch: Triples per request.
        retries: Attempts after the first for a batch that fails transiently.
        graph_param: The query parameter naming the graph in ``gsp``
            (``graph`` in the standard, ``graph-uri`` in Virtuoso).
        timeout: Seconds per request.
        progress: Called with the number of triples after each batch.

    Raises:
        InputError: bad arguments (protocol, graph IRI, batch size).
        RemoteError: the endpoint refused a batch or could not be reached.
    """
    if protocol not in ("gsp", "update"):
        raise InputError(f"--protocol {protocol!r}: use gsp or update")
    if batch < 1:
        raise InputError("--batch must be at least 1")
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError as e:
            raise InputError(f"--graph {graph!r} is not a valid IRI: {e}") from None
    if (user is None) != (password is None):
        raise InputError("give both --user and --password, or neither")
    auth = _AnyAuth(user, password) if user is not None and password is not None else None
    sent: dict[str, int] = {}
    requests = 0
    with httpx.Client(auth=auth, timeout=timeout) as client:
        for target, sources in graphs_to_push(store, doc=doc, graph=graph):
            sent[target] = 0
            node = ox.NamedNode(target)
            if protocol == "update":
                _send(client, "POST", endpoint, retries,
                      data={"update": f"CLEAR SILENT GRAPH {node}"})
                requests += 1
            first = True
            for lines in _batches(_lines(store, sources), batch):
                body = "\n".join(lines) + "\n"
                if protocol == "gsp":
                    _send(client, "PUT" if first else "POST", endpoint, retries,
                          params={graph_param: target}, content=body.encode("utf-8"),
                          headers={"Content-Type": "text/turtle; charset=utf-8"})
                else:
                    _send(client, "POST", endpoint, retries, data={
                        "update": f"INSERT DATA {{ GRAPH {node} {{\n{body}}} }}"})
                requests += 1
                first = False
                sent[target] += len(lines)
                if progress is not None:
                    progress(len(lines))
            if first and protocol == "gsp":  # an empty graph: still replace the target's
                _send(client, "PUT", endpoint, retries, params={graph_param: target},
                      content=b"", headers={"Content-Type": "text/turtle; charset=utf-8"})
                requests += 1
    return PushResult(sent, requests)


def _send(client: httpx.Client, method: str, url: str, retries: int, **kwargs: object) -> None:
    delay = 0.5
    for attempt in range(retries + 1):
        try:
            response = client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as e:
            if attempt == retries:
                raise RemoteError(f"{url}: cannot reach the store after {retries + 1} "
                                  f"attempts: {e}") from None
        else:
            if response.status_code < 300:
                return
            if response.status_code not in _RETRY_STATUS or attempt == retries:
                detail = " ".join(response.text.split())[:200]
                raise RemoteError(f"{url}: {method} answered HTTP {response.status_code}: "
                                  f"{detail}")
        time.sleep(delay)
        delay *= 2
