"""SPARQL text cut to a page (``LIMIT``/``OFFSET``) or turned into its ``COUNT``.

The queries are changed as text, after their parameters are bound (a ``VALUES``
block goes into the first ``WHERE {``, which must stay the query's own), so these
work on any SELECT, the ready-made ones and a user's own (:mod:`kg.store.paging`).

Examples:
    >>> print(paged_sparql("PREFIX x: <http://x/>\\nSELECT ?s WHERE { ?s ?p ?o }", 10, 20))
    PREFIX x: <http://x/>
    SELECT ?s WHERE { ?s ?p ?o }
    LIMIT 10 OFFSET 20
    >>> print(count_sparql("PREFIX x: <http://x/>\\nSELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s"))
    PREFIX x: <http://x/>
    SELECT (COUNT(*) AS ?rows) WHERE { {
    SELECT ?s WHERE { ?s ?p ?o }
    } }
"""

from __future__ import annotations

import re

from kg.errors import InputError

__all__ = ["count_sparql", "paged_sparql", "split_prologue"]

_PROLOGUE = re.compile(
    r"\A(?:\s+|#[^\n]*\n|PREFIX\s+[A-Za-z0-9_.-]*:\s*<[^>\s]*>|BASE\s*<[^>\s]*>)*",
    re.IGNORECASE,
)
_ORDER_BY = re.compile(r"\}\s*ORDER\s+BY\s[^{}]*\Z", re.IGNORECASE)
_MODIFIERS = re.compile(r"\b(LIMIT|OFFSET)\s+\d+\s*\Z", re.IGNORECASE)


def split_prologue(sparql: str) -> tuple[str, str]:
    """The query's prologue (PREFIX and BASE lines) and the rest, which must be a SELECT.

    Raises:
        InputError: the query is not a SELECT (ASK and CONSTRUCT have no rows to page).

    Examples:
        >>> split_prologue("PREFIX a: <http://a/> select * { ?s ?p ?o }")
        ('PREFIX a: <http://a/> ', 'select * { ?s ?p ?o }')
    """
    head = _PROLOGUE.match(sparql)
    cut = head.end() if head else 0
    body = sparql[cut:]
    if not re.match(r"SELECT\b", body, re.IGNORECASE):
        raise InputError("--limit/--offset page the rows of a SELECT query; this one is not "
                         "a SELECT (drop --offset, or write the query as a SELECT)")
    return sparql[:cut], body


def paged_sparql(sparql: str, limit: int | None, offset: int = 0) -> str:
    """The SELECT query cut to ``limit`` rows after skipping ``offset``, by SPARQL itself.

    A query that ends with its own LIMIT or OFFSET is wrapped as a subquery, so
    that the page is taken from its answer.

    Raises:
        InputError: not a SELECT, or a negative limit or offset.
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise InputError("--limit and --offset must be 0 or more")
    prologue, body = split_prologue(sparql)
    if limit is None and not offset:
        return sparql
    cut = "" if limit is None else f"LIMIT {limit}"
    cut = f"{cut} OFFSET {offset}" if offset else cut
    if _MODIFIERS.search(body.rstrip()):
        return f"{prologue}SELECT * WHERE {{\n{body}\n}}\n{cut.strip()}"
    return f"{sparql.rstrip()}\n{cut.strip()}"


def count_sparql(sparql: str) -> str:
    """The ``COUNT(*)`` of a SELECT query's rows, as ``?rows`` (its ORDER BY dropped).

    Raises:
        InputError: the query is not a SELECT.
    """
    prologue, body = split_prologue(sparql)
    body = body.rstrip()
    if _ORDER_BY.search(body) and not _MODIFIERS.search(body):
        body = body[: _ORDER_BY.search(body).start() + 1]  # type: ignore[union-attr]
    return f"{prologue}SELECT (COUNT(*) AS ?rows) WHERE {{ {{\n{body}\n}} }}"
