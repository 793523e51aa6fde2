"""The store's index of measure texts: the claims whose figures share a measure key.

Two figures compare (and may contradict, or revise one another) only when their
measures have the same key (:func:`kg.quantities.measure_key`: case, accents,
articles and plurals folded). The incremental assessment (:mod:`kg.store.region`)
must therefore find every claim of the store whose measure has the key of a changed
claim's. The key is not stored in the documents, and looking for it means reading
every distinct measure text of the store: 4-7 s at 1M claims. This index keeps, in
the graph :data:`MEASURES_GRAPH`, each distinct measure text (the literal term as
the documents hold it, under ``cred:measure`` or ``cred:measureKey``) under a node
named by a hash of its key; the claims holding it are then found by a pattern
lookup of that literal.

Document graphs are never modified in place (a new version is a new graph), so the
index is kept per graph: a graph's texts are added once, with a mark saying that the
graph is indexed. A full assessment rewrites the whole index
(:func:`kg.store.tracks.full_indexes`); a graph added since without it (a bare load,
``assess=False``) is indexed by the next incremental change that needs it. Texts of
documents removed since stay until then (a text no claim holds any more finds
nothing); the marks of removed graphs go.

Examples:
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> g = ox.NamedNode("https://example.org/doc")
    >>> m = ox.NamedNode("https://w3id.org/credkg/ns#measure")
    >>> c1, c2 = (ox.NamedNode(f"https://example.org/claim/{i}") for i in (1, 2))
    >>> store.extend([ox.Quad(c1, m, ox.Literal("The Deserters"), g),
    ...               ox.Quad(c2, m, ox.Literal("deserter"), g)])
    >>> unindexed(store, [g.value])
    ['https://example.org/doc']
    >>> store.extend(graph_index(store, g.value))
    >>> unindexed(store, [g.value])
    []
    >>> sorted(x.value for x in holders(store, {"deserter"}))
    ['https://example.org/claim/1', 'https://example.org/claim/2']
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox

from kg.quantities import measure_key

__all__ = ["MEASURES_GRAPH", "MEASURE_PREDICATES", "graph_index", "holders", "index_mark",
           "key_node", "unindexed"]

#: The named graph of the index.
MEASURES_GRAPH = ox.NamedNode("urn:credkg:store/measures")
_C = "https://w3id.org/credkg/ns#"
#: The predicates whose literals are measure texts.
MEASURE_PREDICATES = (ox.NamedNode(_C + "measure"), ox.NamedNode(_C + "measureKey"))
_TEXT = ox.NamedNode("urn:credkg:store#measureText")
_INDEXED = ox.NamedNode("urn:credkg:store#measuresIndexed")
_TRUE = ox.Literal("true")


def key_node(key: str) -> ox.NamedNode:
    """The index node of a measure key."""
    return ox.NamedNode("urn:credkg:measure:" + hashlib.sha256(key.encode()).hexdigest()[:32])


def index_mark(graph: str) -> ox.Quad:
    """The quad saying that the document graph ``graph`` is indexed."""
    return ox.Quad(ox.NamedNode(graph), _INDEXED, _TRUE, MEASURES_GRAPH)


def unindexed(store: ox.Store, graphs: Iterable[str]) -> list[str]:
    """Those of ``graphs`` whose measure texts are not in the index yet."""
    return [g for g in graphs if index_mark(g) not in store]


def graph_index(store: ox.Store, graph: str) -> list[ox.Quad]:
    """The index quads of one document graph: its distinct measure texts, and its mark."""
    texts: set[ox.Literal] = set()
    g = ox.NamedNode(graph)
    for p in MEASURE_PREDICATES:
        texts |= {q.object for q in store.quads_for_pattern(None, p, None, g)
                  if isinstance(q.object, ox.Literal)}
    return [ox.Quad(key_node(measure_key(t.value)), _TEXT, t, MEASURES_GRAPH)
            for t in texts] + [index_mark(graph)]


def holders(store: ox.Store, keys: Iterable[str],
            extra: Iterable[ox.Quad] = ()) -> set[ox.NamedNode | ox.BlankNode]:
    """Every subject (in any graph) holding a measure text of one of ``keys``.

    Args:
        store: The store, with the index.
        keys: Measure keys.
        extra: Index quads not written yet (of graphs being indexed now), also used.
    """
    wanted = {key_node(k) for k in keys}
    texts = {q.object for q in extra if q.subject in wanted and q.predicate == _TEXT}
    for node in wanted:
        texts |= {q.object for q in store.quads_for_pattern(node, _TEXT, None, MEASURES_GRAPH)}
    out: set[ox.NamedNode | ox.BlankNode] = set()
    for t in texts:
        for p in MEASURE_PREDICATES:
            out |= {q.subject for q in store.quads_for_pattern(None, p, t, None)
                    if isinstance(q.subject, ox.NamedNode | ox.BlankNode)}
    return out
