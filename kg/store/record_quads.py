"""Reading the quads of one record from the store, for the incremental assessment.

A record is read by a pattern lookup of its IRI as subject (:func:`record_quads`). A
source's IRI is also the subject of the ``cred:asserts`` and ``cred:cites`` shortcuts
(one per claim it asserts: a hundred or more for a prolific source), of its grades in
the assessment graph and of the store's indexes, none of which is part of its record: a
source is read by the predicates of its record instead.

Examples:
    >>> from kg.formats.rdf import quads
    >>> from kg.seed import seed_dataset
    >>> from kg.store.terms import to_ox_quad
    >>> store = ox.Store()
    >>> g = ox.NamedNode("https://example.org/doc")
    >>> store.extend([to_ox_quad(s, p, o, g) for s, p, o, _ in quads(seed_dataset())])
    >>> node = ox.NamedNode("https://w3id.org/credkg/id/source/ria")
    >>> whole = list(store.quads_for_pattern(node, None, None, None))
    >>> record = list(record_quads(store, node))
    >>> sorted({q.predicate.value.rsplit("#")[-1] for q in whole if q not in record})
    ['asserts', 'cites']
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

__all__ = ["record_quads"]

_C = "https://w3id.org/credkg/ns#"
_SCHEMA = "https://schema.org/"
_N = ox.NamedNode
_RDF_TYPE = _N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SOURCE_TYPES = frozenset(_N(_C + k) for k in (
    "Source", "Person", "Organization", "NewsOutlet", "GovernmentBody", "MilitaryBody",
    "AnonymousSource", "UnnamedDocument", "Study", "Poll", "DataSet"))
#: The predicates of a source's record (:func:`kg.store.reader._build`), besides its types.
_SOURCE_RECORD = tuple(_N(p) for p in (
    "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel",
    _C + "affiliatedWith", _C + "authoredBy", _SCHEMA + "sameAs", _C + "country", _C + "side",
    _C + "analystReliability", "http://www.w3.org/2000/01/rdf-schema#comment",
    _C + "reliabilitySetBy", _C + "reliabilitySetAt", _C + "reliabilityReason"))


def record_quads(store: ox.Store, n: ox.NamedNode) -> Iterable[ox.Quad]:
    """The quads of a node that its record can be built from.

    A node typed only as a source is read by the predicates of a source's record: its
    other quads, the ``cred:asserts`` and ``cred:cites`` shortcuts (one per claim it
    asserts, hundreds for a prolific source) and its grades in the assessment graph,
    are no part of its record. Any other node is read whole.
    """
    types = list(store.quads_for_pattern(n, _RDF_TYPE, None, None))
    if not types or any(q.object not in _SOURCE_TYPES for q in types):
        return store.quads_for_pattern(n, None, None, None)
    out = types
    for p in _SOURCE_RECORD:
        out.extend(store.quads_for_pattern(n, p, None, None))
    return out
