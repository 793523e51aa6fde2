"""Running queries against a remote SPARQL 1.1 endpoint (``kg query --endpoint URL``).

Queries are sent as an HTML form POST (``query=...``), which every SPARQL 1.1
Protocol server accepts; SELECT and ASK answers are asked for as SPARQL JSON,
CONSTRUCT answers as N-Triples, and both are parsed by pyoxigraph.
"""

from __future__ import annotations

import re

import httpx
import pyoxigraph as ox

from kg.errors import CredkgError, InputError
from kg.store.results import Results

__all__ = ["RemoteError", "remote_query"]

_GRAPH_FORMS = re.compile(r"^\s*(CONSTRUCT|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)


class RemoteError(CredkgError):
    """The remote endpoint failed or could not be reached."""


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
        response = httpx.post(
            endpoint,
            data={"query": sparql},
            headers={"Accept": accept},
            timeout=timeout if timeout is not None else 60.0,
            auth=httpx.DigestAuth(*auth) if auth is not None else None,
        )
    except httpx.HTTPError as e:
        raise RemoteError(f"{endpoint}: cannot reach the endpoint: {e}") from None
    if response.status_code >= 400:
        detail = " ".join(response.text.split())[:200]
        raise RemoteError(f"{endpoint}: HTTP {response.status_code}: {detail}")
    try:
        if graph:
            triples = [q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)]
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
    if _is_distinct(sparql):
        # Virtuoso 7.2 repeats rows of a SELECT DISTINCT whose OPTIONAL columns are
        # unbound after a property path; restore the DISTINCT the query asked for
        rows = list(dict.fromkeys(rows))
    truncated = limit is not None and len(rows) > limit
    return Results(variables, rows[:limit] if limit is not None else rows, truncated=truncated)
