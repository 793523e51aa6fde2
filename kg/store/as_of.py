"""A store as of a date (``--as-of DATE``), and what changed since.

:func:`store_selection` reads each document graph's latest report date in one
SPARQL query and keeps the documents published on or before the day (the rule of
:mod:`kg.formats.as_of`). :func:`as_of_store` copies those graphs into a store in
memory with their own assessment (the store assesses a list of graphs:
:meth:`~kg.store.Store.assess_graphs`), so that every query, ready-made or not,
answers as of the day; the stored assessment is left as it is.

"What did we believe on DATE, and what changed since" are two ready-made queries
computed in Python (:data:`AS_OF_QUERIES`): each assesses twice, the documents
as of the day and all of them, and compares the two assessments. A SPARQL form
would need both assessments in one store under different graphs, and the
assessment's own reading of contradictions (detected, not stated) is not in the
documents, so the comparison is made on the engine's results instead.

Examples:
    >>> from kg.seed import seed_dataset
    >>> ds = seed_dataset()
    >>> rows = changes_since(ds, ds)
    >>> rows.variables, len(rows)
    (['kind', 'subject', 'other', 'before', 'after'], 0)
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeAlias

import pyoxigraph as ox

from kg.formats.as_of import Selection
from kg.store.queries import PREFIXES
from kg.store.results import Results

if TYPE_CHECKING:
    from collections.abc import Mapping

    from kg.credibility import DiscoveredTrust
    from kg.model import Dataset
    from kg.store.store import Store

__all__ = [
    "AS_OF_QUERIES",
    "REPORT_DATES",
    "as_of_store",
    "believed_on",
    "changes_since",
    "store_selection",
]

#: A discovered trust for the engine (``kg.credibility.assess(discovered=...)``), or none.
Trust: TypeAlias = "Mapping[str, DiscoveredTrust] | None"

#: The latest report date of each graph that holds a dated report.
REPORT_DATES = PREFIXES + """SELECT ?graph (MAX(?date) AS ?latest) WHERE {
  GRAPH ?graph { ?report a cred:Report ; schema:datePublished ?date }
}
GROUP BY ?graph"""

#: The ready-made queries computed by assessing twice (``kg query NAME --as-of DATE``).
AS_OF_QUERIES = {
    "believed-on": "every claim's and source's grade and score as of --as-of DATE",
    "changes-since": "what changed since --as-of DATE: moved grades, new claims and "
                     "sources, new contradictions",
}


def store_selection(store: Store, day: dt.date) -> tuple[Selection, dict[str, str]]:
    """The store's documents as of ``day`` (by id), and each document's graph IRI."""
    latest: dict[str, dt.date] = {}
    for row in store.ox.query(REPORT_DATES):  # type: ignore[union-attr]
        date = row["latest"]
        try:
            latest[row["graph"].value] = dt.date.fromisoformat(date.value[:10])
        except (AttributeError, ValueError):
            continue  # a date that is no date: as if undated
    selection = Selection(day)
    graphs: dict[str, str] = {}
    for doc in store.documents():
        graphs[doc.id] = doc.graph
        selection.add(doc.id, latest.get(doc.graph))
    return selection, graphs


def as_of_store(store: Store, selection: Selection, graphs: dict[str, str]) -> Store:
    """A store in memory holding the kept documents' graphs and their own assessment,
    with the discovered trust when it was learned from kept documents only
    (:func:`kg.store.trust.trust_as_of`)."""
    from kg.store.store import Store as MemoryStore
    from kg.store.trust import trust_as_of, trust_graphs

    kept = [graphs[doc] for doc in selection.kept]
    memory = MemoryStore()
    copied = list(kept)
    if trust_as_of(store, kept) is None:  # learned from kept documents only
        copied += trust_graphs(store)
    for graph in copied:
        memory.ox.bulk_extend(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    memory.ox.bulk_extend(memory.assess_graphs(kept))
    return memory


def _grade(value: object) -> ox.Literal:
    return ox.Literal(str(getattr(value, "value", value)))


def believed_on(then: Dataset, discovered: Trust = None) -> Results:
    """Every claim's and source's grade and score, assessed from ``then`` alone (with
    the discovered trust the date may take)."""
    from kg.credibility import assess

    a = assess(then, discovered=discovered)
    rows: list[tuple[ox.NamedNode | ox.Literal | None, ...]] = []
    for kind, found in (("claim", a.claims), ("source", a.sources)):
        for key in sorted(found):
            item = found[key]
            rows.append((ox.Literal(kind), ox.NamedNode(f"{then.base}{kind}/{key}"),
                         _grade(item.grade), ox.Literal(f"{item.score:.3f}")))
    return Results(["kind", "subject", "grade", "score"], rows)


def _pairs(claims: dict[str, tuple[str, ...]]) -> set[tuple[str, str]]:
    return {(min(c, o), max(c, o)) for c, others in claims.items() for o in others}


def changes_since(then: Dataset, now: Dataset, discovered_then: Trust = None,
                  discovered_now: Trust = None) -> Results:
    """What assessing ``now`` changes from assessing ``then``: one row per moved claim
    or source grade (``before``, ``after``), new claim or source, and new
    contradiction (the two claims), stated or detected. Each side takes the
    discovered trust given for it."""
    from kg.credibility import assess

    old = assess(then, discovered=discovered_then)
    new = assess(now, discovered=discovered_now)
    base = now.base
    rows: list[tuple[ox.NamedNode | ox.Literal | None, ...]] = []

    def iri(kind: str, key: str) -> ox.NamedNode:
        return ox.NamedNode(f"{base}{kind}/{key}")

    for kind, before, after in (("claim", old.claims, new.claims),
                                ("source", old.sources, new.sources)):
        for key in sorted(after):
            now_grade = _grade(after[key].grade)
            if key not in before:
                rows.append((ox.Literal(f"new {kind}"), iri(kind, key), None, None, now_grade))
            elif _grade(before[key].grade) != now_grade:
                rows.append((ox.Literal(f"{kind} grade"), iri(kind, key), None,
                             _grade(before[key].grade), now_grade))
    was = _pairs({k: v.contradicted_by for k, v in old.claims.items()})
    for a, b in sorted(_pairs({k: v.contradicted_by for k, v in new.claims.items()}) - was):
        rows.append((ox.Literal("new contradiction"), iri("claim", a), iri("claim", b),
                     None, None))
    return Results(["kind", "subject", "other", "before", "after"], rows)
