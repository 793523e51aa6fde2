"""Checks made on a SPARQL query *before* pyoxigraph parses it.

pyoxigraph parses and plans a query by recursion, so a small hostile query (3,000
nested groups in 12 KB, or a chain of 8,000 ``+``) overflows the stack and kills
the process with SIGSEGV. A Python ``try`` cannot catch that; the query must be
refused before it is parsed. :func:`check_query` scans the text with a small
tokenizer (strings, IRIs and comments are skipped, so their brackets do not
count) and refuses, with :class:`QueryRefused`:

* a query longer than ``max_chars`` characters;
* brackets ``{ ( [`` nested deeper than ``max_depth``;
* more than ``max_operators`` operators (``+ - * / && || = < > . ; , | ^ !``,
  ``UNION``, ``OPTIONAL``, ``MINUS``): a long chain is a deep tree too;
* ``SERVICE`` (a federated query, which makes the store call out to another
  server) unless its endpoint is written as a full IRI listed in ``services``.

The defaults leave room for every real query (the ready-made ones nest 6 deep
and hold under 100 operators) and stay far below what crashes pyoxigraph 0.5
(about 3,000 nested groups, 8,000 chained operators on a main thread).

Examples:
    >>> check_query("SELECT * WHERE { ?s ?p ?o }")
    >>> check_query("SELECT * WHERE { " + "{ " * 500 + "}" * 500 + " }")
    Traceback (most recent call last):
    ...
    kg.store.guard.QueryRefused: the query nests brackets 501 deep; at most 100 are allowed \
(kg serve --max-depth)
    >>> check_query("SELECT * WHERE { SERVICE <http://127.0.0.1:8890/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.store.guard.QueryRefused: SERVICE <http://127.0.0.1:8890/sparql>: federated queries are \
off; allow an endpoint with --allow-service URL
    >>> check_query('SELECT * WHERE { ?s ?p "{{{ SERVICE" }')  # text in strings is data
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.errors import InputError

__all__ = ["QueryLimits", "QueryRefused", "check_query", "check_service_url"]

_TOKEN = re.compile(
    r'''(?P<comment>\#[^\n]*)
    |(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<open>[{(\[])
    |(?P<close>[})\]])
    |(?P<var>[?$]\w+)
    |(?P<pname>(?:[^\W\d][\w.\-]*)?:(?:[\w\-:%.]|\\.)*)
    |(?P<word>[^\W\d]\w*)
    |(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)
    |(?P<op>&&|\|\||!=|<=|>=|\^\^|[-+*/|=<>.;,^!])
    |(?P<space>\s+)
    |(?P<other>.)''',
    re.VERBOSE | re.DOTALL,
)
_CHAIN_WORDS = frozenset({"union", "optional", "minus"})


class QueryRefused(InputError):
    """A query is refused before parsing: too long, too deep, or federated."""


@dataclass(frozen=True)
class QueryLimits:
    """What a query may be, checked before it is parsed.

    Attributes:
        max_chars: Longest query text, in characters.
        max_depth: Deepest nesting of ``{ ( [``.
        max_operators: Most operators in all (a long chain is a deep tree).
        services: Endpoints that ``SERVICE`` may call (full http(s) IRIs);
            empty: ``SERVICE`` is refused.
    """

    max_chars: int = 100_000
    max_depth: int = 100
    max_operators: int = 2_000
    services: tuple[str, ...] = ()


def check_service_url(url: str) -> str:
    """An allowed SERVICE endpoint, checked: an absolute http(s) IRI.

    Examples:
        >>> check_service_url("https://query.wikidata.org/sparql")
        'https://query.wikidata.org/sparql'
        >>> check_service_url("file:///etc/passwd")
        Traceback (most recent call last):
        ...
        kg.errors.InputError: --allow-service 'file:///etc/passwd': give an http:// or \
https:// URL
    """
    if not re.fullmatch(r"https?://[^<>\"{}|^`\\\x00-\x20]+", url):
        raise InputError(f"--allow-service {url!r}: give an http:// or https:// URL")
    return url


def check_query(sparql: str, limits: QueryLimits | None = None) -> None:
    """Refuse a query that could crash the parser or call out, before it is parsed.

    Args:
        sparql: The query text.
        limits: The limits; defaults of :class:`QueryLimits`.

    Raises:
        QueryRefused: what is wrong, and the option that changes the limit.
    """
    lim = limits or QueryLimits()
    if len(sparql) > lim.max_chars:
        raise QueryRefused(
            f"the query is {len(sparql):,} characters long; at most {lim.max_chars:,} are "
            "allowed (kg serve --max-query-chars)"
        )
    depth = deepest = operators = 0
    tokens = _significant(sparql)
    for kind, text in tokens:
        if kind == "open":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif kind == "close":
            depth -= 1
        elif kind == "op" or (kind == "word" and text.lower() in _CHAIN_WORDS):
            operators += 1
        elif kind == "word" and text.lower() == "service":
            _check_service(tokens, lim.services)
    if deepest > lim.max_depth:
        raise QueryRefused(
            f"the query nests brackets {deepest:,} deep; at most {lim.max_depth} are allowed "
            "(kg serve --max-depth)"
        )
    if operators > lim.max_operators:
        raise QueryRefused(
            f"the query holds {operators:,} operators; at most {lim.max_operators:,} are allowed "
            "(kg serve --max-operators)"
        )


def _significant(sparql: str) -> Iterator[tuple[str, str]]:
    """The significant tokens of a query (no spaces, no comments), as (kind, text)."""
    for m in _TOKEN.finditer(sparql):
        if m.lastgroup not in ("space", "comment"):
            yield m.lastgroup or "other", m.group()


def _check_service(tokens: Iterable[tuple[str, str]], services: tuple[str, ...]) -> None:
    it = iter(tokens)
    kind, text = next(it, ("end", ""))
    if kind == "word" and text.lower() == "silent":
        kind, text = next(it, ("end", ""))
    target = text if kind != "end" else "(nothing)"
    if not services:
        raise QueryRefused(
            f"SERVICE {target}: federated queries are off; allow an endpoint with "
            "--allow-service URL"
        )
    if kind != "iri" or text[1:-1] not in services:
        raise QueryRefused(
            f"SERVICE {target}: only these endpoints are allowed, each written as a full "
            "<IRI>: " + ", ".join(services)
        )
