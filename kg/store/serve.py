"""A read-only SPARQL 1.1 Protocol endpoint over a store, as an ASGI app (starlette).

``kg serve`` runs :func:`create_app` under uvicorn. The endpoint is ``/sparql``:

* queries by GET (``?query=``), by POST as an HTML form (``query=``) or by POST
  with the body as ``application/sparql-query``; ``default-graph-uri`` and
  ``named-graph-uri`` are honoured (without them the default graph is the union
  of all graphs);
* content negotiation on ``Accept`` (or a ``format`` parameter): SPARQL JSON
  (the default), SPARQL XML, CSV and TSV for SELECT and ASK; Turtle (the
  default) or N-Triples for CONSTRUCT and DESCRIBE; anything else is 406;
* read-only: an update (POST form ``update=`` or ``application/sparql-update``)
  is refused with 403 Forbidden; an update sent by GET, a request with both
  ``query`` and ``update``, or an update written in the ``query`` parameter is a
  malformed request, 400, as the protocol says;
* a time limit per query (503 when it runs out) and a row cap (the answer is
  cut, and the header ``X-Credkg-Truncated: true`` says so);
* CORS (any origin by default), so that browser clients such as YASGUI work.

``/`` answers with a short description and the ready-made queries.

Queries run in worker threads, at most ``workers`` at a time. A query that
runs out of time is answered with 503 at once; pyoxigraph cannot be interrupted
inside one evaluation step, so its thread finishes that step in the background,
and stops at the next row it would produce.

Examples:
    >>> import asyncio, httpx
    >>> from kg.store import Store
    >>> app = create_app(Store())
    >>> async def ask() -> tuple[int, int]:
    ...     transport = httpx.ASGITransport(app=app)
    ...     async with httpx.AsyncClient(transport=transport, base_url="http://kg") as client:
    ...         r = await client.get("/sparql", params={"query": "ASK { }"})
    ...         u = await client.post("/sparql", data={"update": "CLEAR ALL"})
    ...         return r.status_code, u.status_code
    >>> asyncio.run(ask())
    (200, 403)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import anyio
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.store.queries import QUERIES
from kg.store.results import FORMATS, Results, write_results
from kg.store.store import Store

__all__ = ["ServeOptions", "create_app", "negotiate"]

_GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
}
_RESULT_TYPES = {media: name for name, media in FORMATS.items()}
_RESULT_TYPES.update({"application/json": "json", "application/xml": "xml",
                      "text/xml": "xml"})
_FORMAT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv",
                 "turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt"}


@dataclass(frozen=True)
class ServeOptions:
    """Limits of the endpoint.

    Attributes:
        timeout: Seconds a query may run before the answer is 503.
        max_rows: Most rows (or triples) in one answer; the rest is cut.
        workers: Most queries running at once (the others wait).
        cors_origins: Origins allowed by CORS (``*`` for any).
    """

    timeout: float = 30.0
    max_rows: int = 10_000
    workers: int = 4
    cors_origins: tuple[str, ...] = ("*",)


def negotiate(accept: str, kind: str) -> tuple[str, str] | None:
    """The format name and media type to answer with, from an ``Accept`` header.

    Args:
        accept: The header value (``*/*`` when absent).
        kind: "select", "ask" or "graph".

    Returns:
        (format name, media type), or None when nothing acceptable is offered.

    Examples:
        >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "select")
        ('xml', 'application/sparql-results+xml')
        >>> negotiate("*/*", "graph")
        ('turtle', 'text/turtle')
        >>> negotiate("image/png", "select") is None
        True
    """
    offers = _GRAPH_TYPES if kind == "graph" else _RESULT_TYPES
    default = ("turtle", "text/turtle") if kind == "graph" else ("json", FORMATS["json"])
    ranges: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((-q, i, media))
    for _, _, media in sorted(ranges):
        if media in offers:
            return offers[media], media
        if media in ("*/*", "application/*") or (media == "text/*" and kind == "graph"):
            return default
        if media == "text/*":
            return "csv", FORMATS["csv"]
    return None


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


async def _params(request: Request) -> tuple[dict[str, list[str]], str | None]:
    """Protocol parameters (query string and form body), and a query sent as the body."""
    params: dict[str, list[str]] = {}
    for k, v in request.query_params.multi_items():
        params.setdefault(k, []).append(v)
    body_query = None
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await request.body()).decode("utf-8", errors="replace")
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


def create_app(store: Store, options: ServeOptions | None = None) -> Starlette:
    """The ASGI application serving ``store`` read-only at ``/sparql``.

    Args:
        store: The store to query (opened read-only by ``kg serve``).
        options: Limits; defaults of :class:`ServeOptions`.
    """
    opts = options or ServeOptions()
    limiter = anyio.CapacityLimiter(opts.workers)

    def run(sparql: str, default: list[str], named: list[str], deadline: float) -> Results:
        from kg.store.queries import run_sparql

        kwargs: dict[str, Any] = {}
        if default:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default]
        if named:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named]
        if not kwargs:
            return run_sparql(store.ox, sparql, limit=opts.max_rows, deadline=deadline)
        answer = store.ox.query(sparql, **kwargs)
        if isinstance(answer, ox.QueryBoolean):
            return Results(boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            triples: list[ox.Triple] = []
            for t in answer:
                if len(triples) >= opts.max_rows:
                    return Results(triples=triples, truncated=True)
                triples.append(t)
            return Results(triples=triples)
        rows: list[tuple[Any, ...]] = []
        for s in answer:
            if len(rows) >= opts.max_rows:
                return Results([v.value for v in answer.variables], rows, truncated=True)
            rows.append(tuple(s))
        return Results([v.value for v in answer.variables], rows)

    async def sparql(request: Request) -> Response:
        params, body_query = await _params(request)
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
        sparql_text = queries[0]
        fmt = params.get("format", [None])[-1]
        deadline = time.monotonic() + opts.timeout
        try:
            with anyio.fail_after(opts.timeout):
                results = await anyio.to_thread.run_sync(
                    run, sparql_text, params.get("default-graph-uri", []),
                    params.get("named-graph-uri", []), deadline,
                    limiter=limiter, abandon_on_cancel=True,
                )
        except TimeoutError:
            return _error(503, f"the query ran out of time ({opts.timeout:g} s); narrow it "
                          "or add a LIMIT")
        except SyntaxError as e:
            return _error(400, f"malformed query: {e}")
        except Exception as e:  # InputError from a parse failure, or an evaluation error
            from kg.errors import InputError

            if isinstance(e, InputError):
                return _error(400, f"malformed query: {e}")
            return _error(500, f"the query failed: {e}")
        if fmt is not None:
            name = _FORMAT_NAMES.get(fmt.lower())
            allowed = ("turtle", "nt") if results.kind == "graph" else tuple(FORMATS)
            if name is None or name not in allowed:
                return _error(406, f"format {fmt!r} is not offered for this query")
            media = ("text/turtle" if name == "turtle" else "application/n-triples") \
                if results.kind == "graph" else FORMATS[name]
            chosen: tuple[str, str] | None = (name, media)
        else:
            chosen = negotiate(request.headers.get("accept", "*/*"), results.kind)
        if chosen is None:
            offered = ", ".join(_GRAPH_TYPES if results.kind == "graph" else FORMATS.values())
            return _error(406, f"cannot answer in the accepted types; offered: {offered}")
        name, media = chosen
        text = write_results(results, name)
        headers = {"X-Credkg-Truncated": "true"} if results.truncated else {}
        charset = "; charset=utf-8"
        if name == "csv":
            media_type = "text/csv" + charset
        elif name == "tsv":
            media_type = "text/tab-separated-values" + charset
        else:
            media_type = media + charset
        return Response(text, media_type=media_type, headers=headers)

    async def index(request: Request) -> Response:
        return JSONResponse({
            "service": "credkg SPARQL endpoint (read-only)",
            "endpoint": str(request.url_for("sparql")),
            "max_rows": opts.max_rows,
            "timeout_s": opts.timeout,
            "queries": {name: {"title": q.title, "params": q.params, "sparql": q.sparql}
                        for name, q in QUERIES.items()},
        })

    middleware = [Middleware(
        CORSMiddleware, allow_origins=list(opts.cors_origins), allow_methods=["GET", "POST"],
        allow_headers=["Accept", "Content-Type", "Authorization"],
        expose_headers=["X-Credkg-Truncated"],
    )]
    return Starlette(
        routes=[Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
                Route("/", index, methods=["GET"])],
        middleware=middleware,
    )

