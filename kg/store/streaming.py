"""Whole answers streamed as they are computed, by pyoxigraph's own results serializers.

:func:`stream_query` is what ``kg query NAME --format csv`` (without ``--limit``)
runs: a listing of 10^6 rows goes to the output in bounded memory.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import InputError
from kg.model import DEFAULT_BASE
from kg.store.queries import _bindings, bind_values, resolve_query, service_failure
from kg.store.sparql_text import paged_sparql

if TYPE_CHECKING:
    from kg.store.guard import QueryLimits
    from kg.store.store import Store

__all__ = ["STREAM_FORMATS", "stream_query"]


#: pyoxigraph's own serializer of each results format of :func:`stream_query`.
STREAM_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}


def stream_query(
    target: Store | ox.Store,
    query: str,
    out: IO[bytes],
    fmt: str,
    params: Mapping[str, str] | None = None,
    *,
    base: str = DEFAULT_BASE,
    limits: QueryLimits | None = None,
    offset: int = 0,
) -> None:
    """Run a query and write its whole answer to ``out`` as it is computed, in bounded
    memory, with pyoxigraph's own results serializers (CONSTRUCT/DESCRIBE as N-Triples).

    The capped answers of :func:`run_query` (``--limit``, ``kg serve``'s row cap) are
    collected rows instead, written by :func:`kg.store.results.format_results`; a test
    checks that both writers give the same solutions.

    Examples:
        >>> import io
        >>> from kg.store import Store
        >>> from kg.seed import seed_dataset
        >>> store = Store()
        >>> _ = store.add_dataset(seed_dataset(), "seed", assess=False)
        >>> buffer = io.BytesIO()
        >>> stream_query(store, "origins", buffer, "csv", {"claim": "convicts-deserted"})
        >>> buffer.getvalue().decode().splitlines()[0]
        'origin,source,name,origins'

    With ``offset`` the SELECT's first rows are skipped by SPARQL's own ``OFFSET``
    (:mod:`kg.store.paging`) and the rest is streamed the same way; a page with a
    limit is :func:`~kg.store.queries.run_query`'s (the page is in memory).

    Raises:
        InputError: an unknown format, a bad parameter or a query that does not parse.
    """
    from kg.store.guard import check_query

    if fmt not in STREAM_FORMATS:
        raise InputError(f"unknown results format {fmt!r}; use one of " + ", ".join(STREAM_FORMATS))
    sparql, named = resolve_query(query)
    bindings = _bindings(named, params or {}, base)
    check_query(sparql, limits)
    store = target if isinstance(target, ox.Store) else target.ox
    substitute = named is not None and named.substitute
    if not substitute:
        sparql, bindings = bind_values(sparql, bindings), {}
    if offset:
        sparql = paged_sparql(sparql, None, offset)
    try:
        answer = store.query(sparql, use_default_graph_as_union=True, substitutions={
            ox.Variable(k): v for k, v in bindings.items()})
    except SyntaxError as e:
        raise InputError(f"the query does not parse: {e}") from None
    try:
        if isinstance(answer, ox.QueryTriples):
            ox.serialize(answer, out, format=ox.RdfFormat.N_TRIPLES)
        else:
            answer.serialize(out, format=STREAM_FORMATS[fmt])
    except OSError as e:
        if type(e) is not OSError:  # a closed pipe on our side, not a SERVICE call
            raise
        from kg.errors import RemoteError

        raise RemoteError(f"a SERVICE endpoint failed: {service_failure(e)}") from None
