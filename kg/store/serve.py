"""A read-only SPARQL 1.1 Protocol endpoint over a store, as an ASGI app (starlette).

``kg serve`` runs :func:`create_app` under uvicorn. The endpoint is ``/sparql``:

* queries by GET (``?query=``), by POST as an HTML form (``query=``) or by POST
  with the body as ``application/sparql-query``; ``default-graph-uri`` and
  ``named-graph-uri`` are honoured (without them the default graph is the union
  of all graphs; an invalid IRI there is 400);
* content negotiation on ``Accept`` (or a ``format`` parameter): SPARQL JSON
  (the default), SPARQL XML, CSV and TSV for SELECT and ASK; Turtle (the
  default) or N-Triples for CONSTRUCT and DESCRIBE; anything else is 406;
* read-only: an update (POST form ``update=`` or ``application/sparql-update``)
  is refused with 403 Forbidden; an update sent by GET, a request with both
  ``query`` and ``update``, or an update written in the ``query`` parameter is a
  malformed request, 400, as the protocol says;
* limits (:class:`ServeOptions`): a query is checked before it is parsed
  (length, nesting depth, operators; :mod:`kg.store.guard`) and refused with 400;
  ``SERVICE`` is refused with 400 unless its endpoint is in the allow-list; a
  request body larger than ``max_body`` is 413; a time limit per query (503 when
  it runs out) and a row cap (the answer is cut, and the header
  ``X-Credkg-Truncated: true`` says so);
* no CORS unless origins are configured (then only those, never with credentials).

``/`` answers with a short description, the limits and the ready-made queries;
``/queries/NAME?limit=N&offset=M`` runs one of them a page at a time, with its
total in headers (:mod:`kg.store.pages_route`).

Queries run in worker processes (:mod:`kg.store.workers`), at most ``workers``
at a time, each reading the store read-only. A query that runs out of time is
answered with 503 and its worker is killed, so it stops using a core and memory
at once; a worker that crashes is replaced, and the server goes on. A store held
only in memory (``kg serve --data``, the seed) is copied to a temporary folder
first, for the workers to open.

Examples:
    >>> import asyncio, httpx
    >>> from kg.store import Store
    >>> app = create_app(Store())
    >>> async def ask() -> tuple[int, int, int]:
    ...     transport = httpx.ASGITransport(app=app)
    ...     async with httpx.AsyncClient(transport=transport, base_url="http://kg") as client:
    ...         r = await client.get("/sparql", params={"query": "ASK { }"})
    ...         u = await client.post("/sparql", data={"update": "CLEAR ALL"})
    ...         s = await client.get("/sparql", params={
    ...             "query": "ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    ...         return r.status_code, u.status_code, s.status_code
    >>> asyncio.run(ask())
    (200, 403, 400)
    >>> app.state.pool.close()
"""

from __future__ import annotations

import contextlib
import tempfile
import weakref
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import InputError
from kg.store.answer import Request as QueryRequest
from kg.store.answer import negotiate
from kg.store.guard import QueryLimits, QueryRefused, check_query
from kg.store.pages_route import pages_route
from kg.store.paging import LISTINGS
from kg.store.queries import QUERIES
from kg.store.store import Store
from kg.store.workers import WorkerPool

__all__ = ["ServeOptions", "create_app", "negotiate"]


@dataclass(frozen=True)
class ServeOptions:
    """Limits of the endpoint.

    Attributes:
        timeout: Seconds a query may run before the answer is 503 (and its
            worker is killed).
        max_rows: Most rows (or triples) in one answer; the rest is cut.
        workers: Most queries running at once (worker processes; the others wait).
        cors_origins: Origins allowed by CORS; empty (the default): no CORS
            headers at all, so browsers keep other sites' pages from reading answers.
        max_body: Largest request body, in bytes (413 above it).
        limits: What a query may be before it is parsed (length, depth,
            operators, SERVICE endpoints).
        worker_memory_mb: Address-space limit of each worker process, in MiB
            (None: no limit); a query that needs more fails with 503 or 500.
    """

    timeout: float = 30.0
    max_rows: int = 10_000
    workers: int = 4
    cors_origins: tuple[str, ...] = ()
    max_body: int = 1_000_000
    limits: QueryLimits = field(default_factory=QueryLimits)
    worker_memory_mb: int | None = None


class _TooLarge(Exception):
    pass


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


async def _body(request: Request, cap: int) -> bytes:
    """The request body, read at most to ``cap`` bytes (:class:`_TooLarge` beyond)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def _params(request: Request, cap: int) -> tuple[dict[str, list[str]], str | None]:
    """Protocol parameters (query string and form body), and a query sent as the body."""
    params: dict[str, list[str]] = {}
    for k, v in request.query_params.multi_items():
        params.setdefault(k, []).append(v)
    body_query = None
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await _body(request, cap)).decode("utf-8", errors="replace")
        if media == "application/x-www-form-urlencoded":
            for k, v in parse_qsl(body, keep_blank_values=True):
                params.setdefault(k, []).append(v)
        elif media == "application/sparql-query":
            body_query = body
        elif media == "application/sparql-update":
            params.setdefault("update", []).append(body)
        else:
            params.setdefault("_unsupported", []).append(media or "(none)")
    return params, body_query


def _graphs(params: dict[str, list[str]], name: str) -> tuple[str, ...]:
    """The IRIs of a graph parameter, checked (:class:`~kg.errors.InputError` if invalid)."""
    graphs = params.get(name, [])
    for g in graphs:
        try:
            ox.NamedNode(g)
        except ValueError as e:
            raise InputError(f"{name} {g[:200]!r} is not a valid IRI: {e}") from None
    return tuple(graphs)


def _store_folder(store: Store) -> tuple[str, tempfile.TemporaryDirectory[str] | None]:
    """A folder the workers can open: the store's own, or a copy of an in-memory store."""
    if store.path is not None:
        return str(store.path), None
    folder = tempfile.TemporaryDirectory(prefix="credkg-serve-")
    copy = ox.Store(folder.name)
    copy.bulk_extend(store.ox)
    copy.flush()
    del copy
    return folder.name, folder


def create_app(store: Store, options: ServeOptions | None = None) -> Starlette:
    """The ASGI application serving ``store`` read-only at ``/sparql``.

    The worker processes start with the first query (:meth:`WorkerPool.warm`,
    at ``app.state.pool``, starts them at once).

    Args:
        store: The store to query (on disk, or in memory: then copied to a
            temporary folder that goes when the app does).
        options: Limits; defaults of :class:`ServeOptions`.
    """
    opts = options or ServeOptions()
    path, folder = _store_folder(store)
    pool = WorkerPool(path, opts.workers, opts.max_rows, opts.worker_memory_mb, opts.limits)

    async def sparql(request: Request) -> Response:
        try:
            params, body_query = await _params(request, opts.max_body)
        except _TooLarge:
            return _error(413, f"the request body is larger than {opts.max_body:,} bytes "
                          "(kg serve --max-body)")
        if "_unsupported" in params:
            return _error(415, f"unsupported content type {params['_unsupported'][0]}; send "
                          "application/x-www-form-urlencoded or application/sparql-query")
        queries = params.get("query", []) + ([body_query] if body_query is not None else [])
        updates = params.get("update", [])
        if updates and queries:
            return _error(400, "a request carries a query or an update, not both")
        if updates:
            if request.method == "GET":
                return _error(400, "an update must be sent by POST (and this endpoint is "
                              "read-only)")
            return _error(403, "this endpoint is read-only: SPARQL Update is refused")
        if len(queries) != 1 or not queries[0].strip():
            return _error(400, "give exactly one query (the 'query' parameter, or a POST body "
                          "of type application/sparql-query)")
        try:
            check_query(queries[0], opts.limits)
            job = QueryRequest(
                queries[0], _graphs(params, "default-graph-uri"),
                _graphs(params, "named-graph-uri"), request.headers.get("accept", "*/*"),
                params.get("format", [None])[-1],
            )
        except QueryRefused as e:
            return _error(400, f"query refused: {e}")
        except InputError as e:
            return _error(400, f"malformed request: {e}")
        reply = await pool.arun(job, opts.timeout)
        if reply is None:
            return _error(503, f"the query ran out of time ({opts.timeout:g} s) and was "
                          "stopped; narrow it or add a LIMIT")
        return Response(reply.body, status_code=reply.status, headers=reply.headers,
                        media_type=reply.media_type)

    async def index(request: Request) -> Response:
        return JSONResponse({
            "service": "credkg SPARQL endpoint (read-only)",
            "endpoint": str(request.url_for("sparql")),
            "max_rows": opts.max_rows,
            "timeout_s": opts.timeout,
            "max_body_bytes": opts.max_body,
            "max_query_chars": opts.limits.max_chars,
            "max_depth": opts.limits.max_depth,
            "max_operators": opts.limits.max_operators,
            "service_endpoints": list(opts.limits.services),
            "queries": {name: {"title": q.title, "params": q.params, "sparql": q.sparql,
                               "listing": name in LISTINGS,
                               "page": f"/queries/{name}?limit=N&offset=M"}
                        for name, q in QUERIES.items()},
        })

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        pool.close()

    middleware = [Middleware(
        CORSMiddleware, allow_origins=list(opts.cors_origins), allow_methods=["GET", "POST"],
        allow_headers=["Accept", "Content-Type"], allow_credentials=False,
        expose_headers=["X-Credkg-Truncated", "X-Credkg-Total", "X-Credkg-Total-Unit",
                        "X-Credkg-Offset", "X-Credkg-Limit"],
    )] if opts.cors_origins else []
    app = Starlette(
        routes=[Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
                pages_route(pool, opts.timeout, opts.max_rows, opts.limits),
                Route("/", index, methods=["GET"])],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.pool = pool
    weakref.finalize(app, _shutdown, pool, folder)
    return app


def _shutdown(pool: WorkerPool, folder: tempfile.TemporaryDirectory[str] | None) -> None:
    """Stop the workers, then remove the copy of an in-memory store."""
    pool.close()
    if folder is not None:
        folder.cleanup()
