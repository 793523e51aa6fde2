"""The ontology file, the Python namespace and DESIGN.md's vocabulary agree."""

from __future__ import annotations

import re

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.namespace import CRED, ontology_path

from .conftest import SHARED

PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    g = Graph()
    g.parse(ontology_path("credkg.ttl"), format="turtle")
    return g


def defined_terms(g: Graph) -> set[str]:
    ns = str(CRED._NS)
    return {str(s)[len(ns):] for s in g.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(ns)}


def test_python_terms_and_ontology_terms_are_the_same(ontology: Graph) -> None:
    python_terms = set(CRED.__annotations__)
    assert python_terms == defined_terms(ontology)


def test_every_term_has_label_and_comment(ontology: Graph) -> None:
    for term in defined_terms(ontology):
        node = CRED[term]
        assert ontology.value(node, RDFS.label) is not None, term
        assert ontology.value(node, RDFS.comment) is not None, term


def test_design_vocabulary_is_all_defined(ontology: Graph) -> None:
    design = SHARED / "DESIGN.md"
    if not design.is_file():
        pytest.skip("../shared/DESIGN.md is not here")
    table = design.read_text().split("## Vocabulary")[1].split("## Architecture")[0]
    named = set(re.findall(r"`cred:(\w+)`", table))
    assert len(named) > 30
    assert named <= defined_terms(ontology)


@pytest.mark.parametrize(("term", "relation", "target"), [
    ("Source", RDFS.subClassOf, PROV + "Agent"),
    ("Person", RDFS.subClassOf, SCHEMA + "Person"),
    ("Organization", RDFS.subClassOf, SCHEMA + "Organization"),
    ("NewsOutlet", RDFS.subClassOf, SCHEMA + "NewsMediaOrganization"),
    ("Report", RDFS.subClassOf, PROV + "Entity"),
    ("Report", RDFS.subClassOf, SCHEMA + "CreativeWork"),
    ("Claim", RDFS.subClassOf, SCHEMA + "Claim"),
    ("Assertion", RDFS.subClassOf, PROV + "Entity"),
    ("assertedBy", RDFS.subPropertyOf, PROV + "wasAttributedTo"),
    ("citesAssertion", RDFS.subPropertyOf, PROV + "wasQuotedFrom"),
    ("contradicts", RDF.type, str(OWL.SymmetricProperty)),
    ("publishedBy", RDFS.subPropertyOf, SCHEMA + "publisher"),
    ("about", RDFS.subPropertyOf, SCHEMA + "about"),
])
def test_alignments(ontology: Graph, term: str, relation: URIRef, target: str) -> None:
    assert (CRED[term], relation, URIRef(target)) in ontology
