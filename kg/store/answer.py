"""One SPARQL Protocol answer, computed where the query runs (a ``kg serve`` worker).

:func:`answer` evaluates a query that :mod:`kg.store.serve` has already checked
(:mod:`kg.store.guard`) and writes it in the format the client accepts, so that
the worker sends back bytes: the status, media type, body and headers of the
HTTP response.

Examples:
    >>> import pyoxigraph as ox
    >>> reply = answer(ox.Store(), Request("ASK { }"), 10)
    >>> reply.status, reply.media_type, reply.body.strip()
    (200, 'application/sparql-results+json; charset=utf-8', b'{"head": {}, "boolean": true}')
    >>> answer(ox.Store(), Request("SELECT nonsense"), 10).status
    400
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.store.guard import QueryLimits, check_query
from kg.store.results import FORMATS, Results, format_results

__all__ = ["GRAPH_TYPES", "Reply", "Request", "answer", "negotiate"]

#: Media types offered for CONSTRUCT and DESCRIBE answers.
GRAPH_TYPES = {
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
_TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Request:
    """One query for a worker: the text, the protocol's graphs, how to answer."""

    sparql: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: str = "*/*"
    fmt: str | None = None


@dataclass(frozen=True)
class Reply:
    """A worker's answer: an HTTP status, media type, body and extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


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
    offers = GRAPH_TYPES if kind == "graph" else _RESULT_TYPES
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


def _error(status: int, message: str) -> Reply:
    return Reply(status, _TEXT, (message + "\n").encode("utf-8"))


def _evaluate(store: ox.Store, request: Request, max_rows: int,
              limits: QueryLimits | None) -> Results:
    from kg.store.queries import run_sparql

    check_query(request.sparql, limits)  # the server checked it too: a second line of defence
    kwargs: dict[str, Any] = {}
    if request.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
    if request.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    if not kwargs:
        return run_sparql(store, request.sparql, limit=max_rows, limits=limits)
    answer_ = store.query(request.sparql, **kwargs)
    if isinstance(answer_, ox.QueryBoolean):
        return Results(boolean=bool(answer_))
    if isinstance(answer_, ox.QueryTriples):
        triples: list[ox.Triple] = []
        for t in answer_:
            if len(triples) >= max_rows:
                return Results(triples=triples, truncated=True)
            triples.append(t)
        return Results(triples=triples)
    rows: list[tuple[Any, ...]] = []
    for s in answer_:
        if len(rows) >= max_rows:
            return Results([v.value for v in answer_.variables], rows, truncated=True)
        rows.append(tuple(s))
    return Results([v.value for v in answer_.variables], rows)


def answer(store: ox.Store, request: Request, max_rows: int,
           limits: QueryLimits | None = None) -> Reply:
    """Evaluate ``request`` on ``store`` and write the HTTP answer.

    Args:
        store: The pyoxigraph store (read-only).
        request: The checked query and how to answer.
        max_rows: Most rows (or triples); the rest is cut and
            ``X-Credkg-Truncated: true`` says so.
        limits: What a query may be (:mod:`kg.store.guard`); its defaults when None.

    Returns:
        The reply: 200 with the results, 400 for a query that does not parse,
        406 for a format not offered, 502 for a SERVICE endpoint that failed,
        500 for another evaluation error.
    """
    from kg.errors import InputError, RemoteError

    try:
        results = _evaluate(store, request, max_rows, limits)
    except (SyntaxError, ValueError) as e:
        return _error(400, f"malformed query: {e}")
    except RemoteError as e:
        return _error(502, str(e))
    except InputError as e:
        return _error(400, f"malformed query: {e}")
    except OSError as e:
        from kg.store.queries import service_failure

        return _error(502, f"a SERVICE endpoint failed: {service_failure(e)}")
    except RuntimeError as e:
        return _error(500, f"the query failed: {e}")
    if request.fmt is not None:
        name = _FORMAT_NAMES.get(request.fmt.lower())
        allowed = ("turtle", "nt") if results.kind == "graph" else tuple(FORMATS)
        if name is None or name not in allowed:
            return _error(406, f"format {request.fmt!r} is not offered for this query")
        media = ("text/turtle" if name == "turtle" else "application/n-triples") \
            if results.kind == "graph" else FORMATS[name]
        chosen: tuple[str, str] | None = (name, media)
    else:
        chosen = negotiate(request.accept, results.kind)
    if chosen is None:
        offered = ", ".join(GRAPH_TYPES if results.kind == "graph" else FORMATS.values())
        return _error(406, f"cannot answer in the accepted types; offered: {offered}")
    name, media = chosen
    text = format_results(results, name)
    headers = {"X-Credkg-Truncated": "true"} if results.truncated else {}
    if name == "csv":
        media = "text/csv"
    elif name == "tsv":
        media = "text/tab-separated-values"
    return Reply(200, media + "; charset=utf-8", text.encode("utf-8"), headers)
