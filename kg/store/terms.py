"""Conversion of RDF terms between rdflib (credkg's mapping) and pyoxigraph (the store).

The store is fed with :func:`kg.formats.rdf.quads` converted term by term, never through
an rdflib graph, and read back the same way.

Examples:
    >>> from rdflib import Literal, URIRef
    >>> to_ox(Literal("a\\nb", lang="en"))
    <Literal value=a
    b language=en>
    >>> from_ox(to_ox(URIRef("https://example.org/x")))
    rdflib.term.URIRef('https://example.org/x')
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["OxTerm", "from_ox", "to_ox", "to_ox_quad"]

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Node) -> OxTerm:
    """An rdflib term as a pyoxigraph term (IRIs are checked by pyoxigraph)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language is not None:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r} in the store: not an IRI, blank node or literal")


def from_ox(term: object) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unexpected term {term!r} in the store")


def to_ox_quad(s: Node, p: Node, o: Node, graph: ox.NamedNode) -> ox.Quad:
    """An rdflib triple as a pyoxigraph quad in ``graph``."""
    subject, predicate = to_ox(s), to_ox(p)
    if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
        raise TypeError(f"not a valid RDF triple: {s!r} {p!r} {o!r}")
    return ox.Quad(subject, predicate, to_ox(o), graph)
