"""Running queries against a remote SPARQL 1.1 endpoint (``kg query --endpoint URL``).

Queries are sent as an HTML form POST (``query=...``), which every SPARQL 1.1
Protocol server accepts; SELECT and ASK answers are asked for as SPARQL JSON,
CONSTRUCT answers as N-Triples, and both are parsed by pyoxigraph.

An answer the server cut short is an error, never a silently shorter answer:
Virtuoso says so in the headers ``X-SPARQL-MaxRows`` (its row cap, 10,000 in the
packaged configuration) and ``X-SQL-State`` (a partial "anytime" answer after its
time limit).
"""

from __future__ import annotations

import functools
import re

import httpx
import pyoxigraph as ox

from kg.errors import InputError, RemoteError
from kg.store.results import Results

__all__ = ["RemoteError", "remote_query"]

_GRAPH_FORMS = re.compile(r"^\s*(CONSTRUCT|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)


@functools.cache
def _client() -> httpx.Client:
    """One HTTP client per process: a new one costs ~18 ms (its TLS context)."""
    return httpx.Client()


def _check_complete(endpoint: str, response: httpx.Response, rows: int,
                    limit: int | None) -> None:
    state = response.headers.get("X-SQL-State")
    if state:
        message = response.headers.get("X-SQL-Message", "")
        raise RemoteError(
            f"{endpoint}: the endpoint sent an incomplete answer ({state} {message}".rstrip()
            + "); raise its query time limit or narrow the query")
    cap = response.headers.get("X-SPARQL-MaxRows", "")
    if cap.isdigit() and rows >= int(cap) and (limit is None or limit > int(cap)):
        raise RemoteError(
            f"{endpoint}: the endpoint cut the answer at its row cap of {int(cap):,} rows; "
            "raise the cap (Virtuoso: ResultSetMaxRows in the [SPARQL] section of "
            f"virtuoso.ini) or ask for at most that many with --limit {int(cap)}")


def _is_graph_query(sparql: str) -> bool:
    body = re.sub(r"#[^\n]*", "", sparql)
    body = re.sub(r"(?is)^\s*((PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", body)
    return bool(_GRAPH_FORMS.match(body))


def _is_distinct(sparql: str) -> bool:
    body = re.sub(r"#[^\n]*", "", sparql)
    body = re.sub(r"(?is)^\s*((PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", body)
    return bool(re.match(r"(?i)SELECT\s+DISTINCT\b", body))


def remote_query(
    endpoint: str,
    sparql: str,
    *,
    timeout: float | None = None,
    auth: tuple[str, str] | None = None,
    limit: int | None = None,
) -> Results:
    """Send a query to ``endpoint`` and parse the answer.

    Raises:
        InputError: the endpoint URL is not http(s).
        RemoteError: the endpoint answered with an error or cannot be reached.
    """
    if not re.match(r"^https?://", endpoint):
        raise InputError(f"--endpoint {endpoint!r}: give an http:// or https:// URL")
    graph = _is_graph_query(sparql)
    accept = "application/n-triples" if graph else "application/sparql-results+json"
    try:
        response = _client().post(
            endpoint,
            data={"query": sparql},
            headers={"Accept": accept},
            timeout=timeout if timeout is not None else 60.0,
            auth=httpx.DigestAuth(*auth) if auth is not None else httpx.USE_CLIENT_DEFAULT,
        )
    except httpx.HTTPError as e:
        raise RemoteError(f"{endpoint}: cannot reach the endpoint: {e}") from None
    if response.status_code >= 400:
        detail = " ".join(response.text.split())[:200]
        raise RemoteError(f"{endpoint}: HTTP {response.status_code}: {detail}")
    try:
        if graph:
            triples = [q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)]
            _check_complete(endpoint, response, len(triples), limit)
            truncated = limit is not None and len(triples) > limit
            return Results(triples=triples[:limit] if limit is not None else triples,
                           truncated=truncated)
        answer = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
    except SyntaxError as e:
        raise RemoteError(f"{endpoint}: cannot read the answer: {e}") from None
    if isinstance(answer, ox.QueryBoolean):
        return Results(boolean=bool(answer))
    variables = [v.value for v in answer.variables]
    rows = [tuple(s) for s in answer]
    _check_complete(endpoint, response, len(rows), limit)
    if _is_distinct(sparql):
        # Virtuoso 7.2 repeats rows of a SELECT DISTINCT whose OPTIONAL columns are
        # unbound after a property path; restore the DISTINCT the query asked for
        rows = list(dict.fromkeys(rows))
    truncated = limit is not None and len(rows) > limit
    return Results(variables, rows[:limit] if limit is not None else rows, truncated=truncated)
