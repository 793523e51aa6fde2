"""What adding a document changed: new claims, corroborations, contradictions, moved grades.

:func:`snapshot` reads, from the store's assessment, each claim's grade and number
of independent origins and every contradiction; :func:`record_changes` compares
that with the store after the add and keeps the differences in the named graph
``{base}graph/changes/{doc}``, which the ready-made query ``document-changes``
reads (``kg query document-changes --param doc=DOC``). Each change is one node:

==================  ==========================================================
kind                meaning
==================  ==========================================================
``new-claim``       a claim the store did not hold (not merged into one it did)
``corroboration``   a claim held before whose independent origins rose
``contradiction``   a pair of claims newly contradicting each other
``grade``           a claim held before whose credibility grade moved
==================  ==========================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.model import DEFAULT_BASE

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["CHANGES", "CHANGES_GRAPH", "Snapshot", "changes_graph", "record_changes", "snapshot"]

#: The vocabulary of the change records.
CHANGES = "https://w3id.org/credkg/changes#"
_C = "https://w3id.org/credkg/ns#"


@dataclass
class Snapshot:
    """Claims' grades and independent origins, and the contradiction pairs, at one time."""

    grades: dict[str, tuple[int, int]] = field(default_factory=dict)
    contradictions: set[tuple[str, str]] = field(default_factory=set)


#: ``{base}`` + this + the document id: the graph of what adding the document changed.
CHANGES_GRAPH = "graph/changes/"


def changes_graph(doc_id: str, base: str = DEFAULT_BASE) -> str:
    """The named graph holding what adding ``doc_id`` changed."""
    return f"{base}{CHANGES_GRAPH}{doc_id}"


def snapshot(store: Store) -> Snapshot:
    """The store's current grades, origins and contradictions (from its assessment)."""
    snap = Snapshot()
    rows = store.ox.query(
        f"SELECT ?c ?g ?n WHERE {{ GRAPH ?a {{ ?c <{_C}credibility> ?g ; "
        f"<{_C}independentOrigins> ?n }} }}")
    assert isinstance(rows, ox.QuerySolutions)
    for c, g, n in rows:
        snap.grades[c.value] = (int(g.value), int(n.value))
    pairs = store.ox.query(f"SELECT DISTINCT ?x ?y WHERE {{ ?x <{_C}contradicts> ?y }}",
                           use_default_graph_as_union=True)
    assert isinstance(pairs, ox.QuerySolutions)
    for x, y in pairs:
        if x.value < y.value:
            snap.contradictions.add((x.value, y.value))
    return snap


def record_changes(store: Store, doc_id: str, before: Snapshot,
                   base: str = DEFAULT_BASE) -> int:
    """Compare the store with ``before`` and keep the differences; how many there are."""
    from rdflib import Literal, URIRef

    after = snapshot(store)
    found: list[tuple[str, str, str, int | None, int | None]] = []
    for claim, (grade, origins) in sorted(after.grades.items()):
        old = before.grades.get(claim)
        if old is None:
            found.append(("new-claim", claim, "", None, grade))
            continue
        if origins > old[1]:
            found.append(("corroboration", claim, "", old[1], origins))
        if grade != old[0]:
            found.append(("grade", claim, "", old[0], grade))
    for x, y in sorted(after.contradictions - before.contradictions):
        found.append(("contradiction", x, y, None, None))
    quads = []
    ns = CHANGES
    for n, (kind, claim, other, was, now) in enumerate(found, 1):
        node = URIRef(f"{base}change/{doc_id}/{n}")
        quads += [(node, URIRef(ns + "document"), Literal(doc_id), None),
                  (node, URIRef(ns + "kind"), Literal(kind), None),
                  (node, URIRef(ns + "claim"), URIRef(claim), None)]
        if other:
            quads.append((node, URIRef(ns + "other"), URIRef(other), None))
        if was is not None:
            quads.append((node, URIRef(ns + "before"), Literal(was), None))
        if now is not None:
            quads.append((node, URIRef(ns + "after"), Literal(now), None))
    store.replace_graph(changes_graph(doc_id, base), quads)
    return len(found)
