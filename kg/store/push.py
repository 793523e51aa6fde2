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
``{base}graph/assessment`` (and the trust ``kg discover --store`` wrote to
``{base}graph/assessment/truth``); with ``doc`` only that document; with ``graph``
everything selected goes into that one graph.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from kg.errors import InputError, RemoteError
from kg.store.index import DOCUMENT_BASE
from kg.store.store import Store
from kg.store.trust import trust_graphs

__all__ = ["PushError", "PushResult", "graphs_to_push", "push"]

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
    pairs += [(g, [g]) for g in trust_graphs(store)]  # kg discover --store's trust
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


class PushError(RemoteError):
    """A push that failed, saying exactly what reached the target.

    Attributes:
        reached: Target graph IRI -> triples now there from this push (a graph
            written directly, without staging, may hold only part of its document).
    """

    def __init__(self, message: str, reached: dict[str, int]) -> None:
        super().__init__(message)
        self.reached = reached


def _staging_iri(run: str, i: int) -> str:
    return f"urn:credkg:push-staging:{run}:{i}"


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
    update_endpoint: str | None = None,
) -> PushResult:
    """Send graphs of ``store`` to ``endpoint``.

    With SPARQL Update (``protocol="update"``, or ``gsp`` with an
    ``update_endpoint``) the push is staged: every batch goes into a staging
    graph ``urn:credkg:push-staging:RUN:N``, and only when all are there does one
    last request ``MOVE`` them onto the target graphs. A failure before that
    leaves the targets as they were (the staging graphs are dropped). With the
    Graph Store Protocol alone there is no way to move a graph, so batches go
    straight to the targets; a failure then says exactly which graphs are
    complete, which hold part of their triples, and which were not touched.

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
        update_endpoint: With ``gsp``: the SPARQL Update URL of the same store,
            for the final ``MOVE`` of a staged push.

    Raises:
        InputError: bad arguments (protocol, graph IRI, batch size).
        PushError: the endpoint refused a request or could not be reached; the
            message (and ``reached``) says what reached the target graphs.
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
    mover = endpoint if protocol == "update" else update_endpoint
    run = uuid.uuid4().hex[:12]
    pairs = graphs_to_push(store, doc=doc, graph=graph)
    # where each target's triples go first: its staging graph, or the target itself
    places = {t: (_staging_iri(run, i) if mover is not None else t)
              for i, (t, _) in enumerate(pairs)}
    sent: dict[str, int] = {}
    backups: dict[str, bytes | None] = {}
    totals = {t: sum(1 for _ in _lines(store, sources)) for t, sources in pairs}
    requests = 0
    with httpx.Client(auth=auth, timeout=timeout) as client:
        try:
            for target, sources in pairs:
                if mover is None and protocol == "gsp":
                    # a direct push keeps a copy of what it replaces, to put it back
                    backups[target] = _backup(client, endpoint, graph_param, target, retries)
                    requests += 1
                sent[target] = 0
                place = ox.NamedNode(places[target])
                if protocol == "update":
                    _send(client, "POST", endpoint, retries,
                          data={"update": f"CLEAR SILENT GRAPH {place}"})
                    requests += 1
                first = True
                for lines in _batches(_lines(store, sources), batch):
                    body = "\n".join(lines) + "\n"
                    if protocol == "gsp":
                        _send(client, "PUT" if first else "POST", endpoint, retries,
                              params={graph_param: place.value}, content=body.encode("utf-8"),
                              headers={"Content-Type": "text/turtle; charset=utf-8"})
                    else:
                        _send(client, "POST", endpoint, retries, data={
                            "update": f"INSERT DATA {{ GRAPH {place} {{\n{body}}} }}"})
                    requests += 1
                    first = False
                    sent[target] += len(lines)
                    if progress is not None:
                        progress(len(lines))
                if first and protocol == "gsp" and mover is None:
                    # an empty graph: still replace the target's
                    _send(client, "PUT", endpoint, retries, params={graph_param: target},
                          content=b"", headers={"Content-Type": "text/turtle; charset=utf-8"})
                    requests += 1
        except PushError:
            raise
        except RemoteError as e:
            if mover is None:
                if backups and _restore(client, endpoint, graph_param, backups, retries):
                    raise PushError(
                        f"{e}; rolled back: the {len(backups)} target graph(s) hold what they "
                        "held before (their copies were put back); rerun kg push", {}) from None
                raise PushError(_direct_report(e, sent, totals), dict(sent)) from None
            dropped = _drop_staging(client, mover, [places[t] for t in sent])
            raise PushError(
                f"{e}; nothing reached the target graphs: {sum(sent.values()):,} triples had "
                "gone to staging graphs, "
                + ("which were dropped" if dropped else "left as they are: "
                   + ", ".join(places[t] for t in sent) + " (drop them)")
                + "; rerun kg push", {}) from None
        if mover is not None:
            moves = [
                (f"MOVE SILENT GRAPH <{places[t]}> TO GRAPH <{t}>" if totals[t]
                 else f"CLEAR SILENT GRAPH <{t}>")
                for t, _ in pairs
            ]
            try:
                _send(client, "POST", mover, retries, data={"update": " ;\n".join(moves)})
            except RemoteError as e:
                raise PushError(
                    f"{e}; every triple reached the staging graphs but the final MOVE failed: "
                    "the target graphs are as they were, unless the store applied part of "
                    "that request; the staging graphs hold the data: "
                    + ", ".join(places[t] for t, _ in pairs) + "; rerun kg push", {}) from None
            requests += 1
    return PushResult(sent, requests)


def _direct_report(error: RemoteError, sent: dict[str, int], totals: dict[str, int]) -> str:
    """What a failed direct (unstaged) push left in the target graphs, exactly."""
    parts = []
    for target, n in sent.items():
        if n == totals[target]:
            parts.append(f"{target} complete ({n:,} triples)")
        elif n:
            parts.append(f"{target} holds only {n:,} of {totals[target]:,} triples (its "
                         "previous content was replaced)")
        else:
            parts.append(f"{target} not changed")
    untouched = len(totals) - len(sent)
    if untouched:
        parts.append(f"{untouched} more graph(s) not sent")
    return (f"{error}; reached the target: " + "; ".join(parts)
            + "; rerun kg push to send them all again, or give --update-endpoint for a staged "
            "push that changes nothing when it fails")


def _backup(client: httpx.Client, url: str, param: str, graph: str,
            retries: int) -> bytes | None:
    """The N-Triples a target graph holds before a direct push replaces it (None: no such
    graph). Nothing has been changed when this fails.

    Raises:
        PushError: the graph cannot be read; the message says nothing was changed.
    """
    delay = 0.5
    for attempt in range(retries + 1):
        try:
            response = client.get(url, params={param: graph},
                                  headers={"Accept": "application/n-triples"})
        except httpx.HTTPError as e:
            problem = f"cannot reach the store after {attempt + 1} attempts to read {graph} ({e})"
        else:
            if response.status_code == 404:
                return None
            if response.status_code < 300:
                return response.content
            problem = f"GET {graph} answered HTTP {response.status_code}"
            if response.status_code not in _RETRY_STATUS:
                break
        if attempt < retries:
            time.sleep(delay)
            delay *= 2
    raise PushError(f"{url}: {problem} (a copy is kept before a graph is replaced); nothing "
                    "was changed; give --update-endpoint for a staged push instead", {})


def _restore(client: httpx.Client, url: str, param: str, backups: dict[str, bytes | None],
             retries: int) -> bool:
    """Put the copies back (or delete graphs that did not exist); whether all went back."""
    try:
        for graph, content in backups.items():
            if content is None:
                _send(client, "DELETE", url, retries, params={param: graph})
            else:
                _send(client, "PUT", url, retries, params={param: graph}, content=content,
                      headers={"Content-Type": "application/n-triples"})
    except RemoteError:
        return False
    return True


def _drop_staging(client: httpx.Client, url: str, graphs: list[str]) -> bool:
    """Drop staging graphs, once; whether the store said yes."""
    if not graphs:
        return True
    try:
        _send(client, "POST", url, 0,
              data={"update": " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs)})
    except RemoteError:
        return False
    return True


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
