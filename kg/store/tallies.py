"""Totals of the long listings kept beside the assessment, so that counting costs nothing.

``single-origin`` counts the claims the assessment gives one independent origin: a
``COUNT`` over 900,000 index entries at 1M claims, 0.3 s on a quiet machine and
0.7-1.2 s on 2 loaded cores. The store keeps that total (and the one of
``anonymous-origins``) in its index graph, one quad per assessment graph and
listing, written when the assessment is written: counted afresh after a full
assessment (:func:`recount`), moved by the difference after an incremental one
(:func:`adjust`). :func:`read` gives the total when every assessment graph has its
tally, else None, and the listing's ``COUNT`` runs instead (a store written before
the tallies, or an assessment loaded by hand). A test checks the tallies against
the ``COUNT`` after each add and remove.

Examples:
    >>> from kg.store import Store
    >>> from kg.seed import seed_dataset
    >>> store = Store()
    >>> _ = store.add_dataset(seed_dataset(), "seed")
    >>> read(store.ox, "single-origin")
    15
    >>> read(store.ox, "contradictions") is None
    True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pyoxigraph as ox

from kg.store.index import _INDEX, ASSESSMENT_GRAPH_NAME

__all__ = ["TALLIED", "adjust", "read", "recount", "tally_predicate", "tally_sparql"]

_CRED = "https://w3id.org/credkg/ns#"
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
#: The listings with a tally, and the (predicate, value) each counts in the assessment.
TALLIED: dict[str, tuple[ox.NamedNode, ox.Literal]] = {
    "single-origin": (ox.NamedNode(_CRED + "independentOrigins"),
                      ox.Literal("1", datatype=_INTEGER)),
    "anonymous-origins": (ox.NamedNode(_CRED + "namedOrigins"),
                          ox.Literal("0", datatype=_INTEGER)),
}
_BY_PATTERN = {pattern: name for name, pattern in TALLIED.items()}


def tally_predicate(name: str) -> ox.NamedNode:
    """The index predicate of a listing's tally."""
    return ox.NamedNode(f"urn:credkg:store#tally-{name}")


def _assessment_graphs(store: ox.Store) -> list[ox.NamedNode]:
    return [g for g in store.named_graphs() if isinstance(g, ox.NamedNode)
            and g.value.endswith(f"graph/{ASSESSMENT_GRAPH_NAME}")]


def _number(q: ox.Quad) -> int:
    return int(q.object.value) if isinstance(q.object, ox.Literal) else 0


def _tallies(store: ox.Store, name: str) -> dict[ox.NamedNode, ox.Quad]:
    found = store.quads_for_pattern(None, tally_predicate(name), None, _INDEX)
    return {q.subject: q for q in found if isinstance(q.subject, ox.NamedNode)}


def read(store: ox.Store, name: str) -> int | None:
    """The listing's total from its tallies; None without a tally for every assessment graph."""
    if name not in TALLIED:
        return None
    kept = _tallies(store, name)
    graphs = _assessment_graphs(store)
    if not graphs or any(g not in kept for g in graphs):
        return None
    return sum(_number(kept[g]) for g in graphs)


def tally_sparql(name: str) -> str | None:
    """A SPARQL query that answers :func:`read` (one row, ``?total``, or none where
    :func:`read` gives None), for whoever reads the store by SPARQL alone (``kg serve``'s
    workers); None for a listing without a tally.

    Examples:
        >>> from kg.store import Store
        >>> from kg.seed import seed_dataset
        >>> store = Store()
        >>> _ = store.add_dataset(seed_dataset(), "seed")
        >>> [int(row[0].value) for row in store.ox.query(tally_sparql("single-origin"))]
        [15]
        >>> tally_sparql("contradictions") is None
        True
    """
    if name not in TALLIED:
        return None
    return (
        "SELECT ?total WHERE {\n"
        f"  {{ SELECT (SUM(?n) AS ?total) (COUNT(?g) AS ?k) WHERE {{ GRAPH {_INDEX} "
        f"{{ ?g {tally_predicate(name)} ?n }} }} }}\n"
        "  { SELECT (COUNT(DISTINCT ?a) AS ?m) WHERE { GRAPH ?a { } "
        f'FILTER(STRENDS(STR(?a), "graph/{ASSESSMENT_GRAPH_NAME}")) }} }}\n'
        "  FILTER(?k = ?m && ?m > 0)\n}"
    )


def clear(store: ox.Store) -> None:
    """Remove every tally."""
    for name in TALLIED:
        for q in list(store.quads_for_pattern(None, tally_predicate(name), None, _INDEX)):
            store.remove(q)


def recount(store: ox.Store) -> None:
    """Count every tally afresh in each assessment graph (after a full assessment)."""
    clear(store)
    quads = []
    for graph in _assessment_graphs(store):
        for name, (predicate, value) in TALLIED.items():
            answer = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} "
                                 f"{{ ?s {predicate} {value} }} }}")
            assert isinstance(answer, ox.QuerySolutions)
            n = next(iter(answer))[0]
            quads.append(ox.Quad(graph, tally_predicate(name), ox.Literal(
                n.value if isinstance(n, ox.Literal) else "0", datatype=_INTEGER), _INDEX))
    store.extend(quads)


def adjust(store: ox.Store, removed: Iterable[ox.Quad], added: Iterable[ox.Quad]) -> None:
    """Move the tallies by what an incremental assessment removed and added (quads that
    were in the store, and quads that were not); without tallies, nothing to move."""
    delta: Counter[tuple[str, ox.NamedNode]] = Counter()
    for sign, quads in ((-1, removed), (1, added)):
        for q in quads:
            name = _BY_PATTERN.get((q.predicate, q.object))  # type: ignore[arg-type]
            if name is not None and isinstance(q.graph_name, ox.NamedNode):
                delta[(name, q.graph_name)] += sign
    for (name, graph), change in delta.items():
        if not change:
            continue
        old = _tallies(store, name).get(graph)
        if old is None:
            continue  # never counted: the COUNT answers
        store.remove(old)
        store.add(ox.Quad(graph, tally_predicate(name), ox.Literal(
            str(_number(old) + change), datatype=_INTEGER), _INDEX))
