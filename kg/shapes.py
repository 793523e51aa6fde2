"""SHACL validation of graphs against ``ontology/shapes.ttl``.

Examples:
    >>> from kg.model import Claim, Dataset
    >>> from kg.formats.rdf import to_rdf
    >>> conforms(to_rdf(Dataset(claims=[Claim(id="c1", text="x")])))
    []
    >>> from rdflib import Graph, Literal, URIRef
    >>> from kg.namespace import CRED
    >>> from rdflib.namespace import RDF
    >>> g = Graph()
    >>> a = URIRef("https://example.org/assertion/a1")
    >>> _ = g.add((a, RDF.type, CRED.Assertion))
    >>> for v in conforms(g):
    ...     print(v)
    <https://example.org/assertion/a1> cred:assertedBy: an assertion needs exactly one cred:assertedBy, a cred:Source
    <https://example.org/assertion/a1> cred:claim: an assertion needs exactly one cred:claim, a cred:Claim
"""  # noqa: E501

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Dataset as RDFDataset
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.namespace import CRED, ontology_path

__all__ = ["Violation", "conforms", "shapes_graph"]


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL violation: the node, the property and the shape's message."""

    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus} {self.path}: {self.message}"


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes shipped with credkg (parsed once)."""
    g = Graph()
    g.parse(ontology_path("shapes.ttl"), format="turtle")
    return g


def _short(node: object, g: Graph) -> str:
    if isinstance(node, URIRef):
        text = str(node)
        ns = str(CRED._NS)
        return "cred:" + text[len(ns):] if text.startswith(ns) else node.n3()
    return str(node)


def conforms(g: Graph) -> list[Violation]:
    """Validate a graph (the union of a dataset's graphs) against the shapes.

    Returns:
        The violations, sorted; an empty list when the graph conforms.
    """
    import pyshacl

    data = g
    if isinstance(g, RDFDataset):
        data = Graph()
        for s, p, o, _ in g.quads((None, None, None, None)):
            data.add((s, p, o))
    _, report, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph(), inference="none", abort_on_first=False,
        allow_warnings=True,
    )
    out = set()
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        out.add(Violation(
            focus=focus.n3() if focus is not None else "?",
            path=_short(path, report) if path is not None else "",
            message=str(message) if message is not None else "does not conform",
        ))
    return sorted(out)
