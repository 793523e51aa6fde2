"""``kg serve``'s ready-made queries by name, a page at a time: ``GET /queries/NAME``.

``limit`` (at most the server's ``--max-rows``, which is also the default) and
``offset`` choose the page; the query's own parameters are query parameters
(``/queries/origins?claim=convicts-deserted``); the format is negotiated as at
``/sparql`` (or given by ``format``). The page and the total are two queries run
side by side in the worker pool (:mod:`kg.store.paging`; a listing whose total the
store keeps, :mod:`kg.store.tallies`, reads it instead of counting); the total comes
back in headers, never mixed into the rows:

* ``X-Credkg-Total``: the count, and ``X-Credkg-Total-Unit``: what it counts
  ("rows", or for a listing "claims", "findings", "sources");
* ``X-Credkg-Offset`` and ``X-Credkg-Limit``: the page asked for.

A count that runs out of time leaves the total out (the page is still sent).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import anyio
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import InputError
from kg.model import DEFAULT_BASE
from kg.store.answer import Reply
from kg.store.answer import Request as QueryRequest
from kg.store.guard import QueryRefused, check_query
from kg.store.paging import LISTINGS
from kg.store.queries import QUERIES, _bindings, bind_values
from kg.store.sparql_text import count_sparql, paged_sparql
from kg.store.tallies import tally_sparql

if TYPE_CHECKING:
    from kg.store.guard import QueryLimits
    from kg.store.workers import WorkerPool

__all__ = ["pages_route"]

_PAGING = ("limit", "offset", "format")


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


def _number(request: Request, name: str, default: int, most: int | None) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or (most is not None and not 1 <= int(raw) <= most):
        span = f"from 1 to {most:,}" if most is not None else "0 or more"
        raise InputError(f"{name}={raw[:40]!r}: give a whole number {span}")
    return int(raw)


def _total(reply: Reply | None) -> int | None:
    """The count in a worker's SPARQL JSON reply, or None if there is none."""
    if reply is None or reply.status != 200:
        return None
    try:
        bindings = json.loads(reply.body)["results"]["bindings"]
        return int(next(iter(bindings[0].values()))["value"])
    except (ValueError, KeyError, IndexError, StopIteration):
        return None


def pages_route(pool: WorkerPool, timeout: float, max_rows: int, limits: QueryLimits,
                base: str = DEFAULT_BASE) -> Route:
    """The ``/queries/{name}`` route, running on ``pool``: each query stopped after
    ``timeout`` seconds, pages of at most ``max_rows``, queries within ``limits``."""

    async def page(request: Request) -> Response:
        name = request.path_params["name"]
        named = QUERIES.get(name)
        if named is None:
            return _error(404, f"no ready-made query {name[:100]!r}; GET / lists them")
        try:
            limit = _number(request, "limit", max_rows, max_rows)
            offset = _number(request, "offset", 0, None)
            params = {k: v for k, v in request.query_params.items() if k not in _PAGING}
            bound = bind_values(named.sparql, _bindings(named, params, base))
            text = paged_sparql(bound, limit, offset)
            listing = LISTINGS.get(name)
            counting = listing.count if listing is not None else count_sparql(bound)
            check_query(text, limits)
            check_query(counting, limits)
        except QueryRefused as e:
            return _error(400, f"query refused: {e}")
        except InputError as e:
            return _error(400, str(e))
        job = QueryRequest(text, accept=request.headers.get("accept", "*/*"),
                           fmt=request.query_params.get("format"))
        replies: dict[str, Reply | None] = {}

        async def run(key: str, work: QueryRequest) -> None:
            replies[key] = await pool.arun(work, timeout)

        async def count() -> None:
            kept = tally_sparql(name)
            if kept is not None:  # the total kept beside the assessment, if it is
                replies["count"] = await pool.arun(QueryRequest(kept, fmt="json"), timeout)
                if _total(replies["count"]) is not None:
                    return
            await run("count", QueryRequest(counting, fmt="json"))

        async with anyio.create_task_group() as group:
            group.start_soon(run, "page", job)
            group.start_soon(count)
        reply = replies["page"]
        if reply is None:
            return _error(503, f"the query ran out of time ({timeout:g} s) and was "
                          "stopped; ask for a smaller page")
        headers = dict(reply.headers)
        headers.update({"X-Credkg-Offset": str(offset), "X-Credkg-Limit": str(limit)})
        total = _total(replies["count"])
        if total is not None:
            headers["X-Credkg-Total"] = str(total)
            headers["X-Credkg-Total-Unit"] = listing.unit if listing is not None else "rows"
        return Response(reply.body, status_code=reply.status, headers=headers,
                        media_type=reply.media_type)

    return Route("/queries/{name}", page, methods=["GET"], name="queries")
