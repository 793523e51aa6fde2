"""RDF mapping: every format round-trips the seed and generated datasets exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from rdflib import Dataset as RDFDataset
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from kg.formats.rdf import from_rdf, iri, quads, serialize, to_rdf
from kg.formats.registry import FORMATS
from kg.model import Dataset
from kg.namespace import CRED
from kg.seed import seed_dataset

from .strategies import datasets

#: The RDF syntaxes credkg writes, from the one registry.
RDF_WRITTEN = [f.name for f in FORMATS.values() if f.family == "rdf" and f.writes]


@pytest.fixture(params=RDF_WRITTEN, ids=lambda f: f"format={f}")
def fmt(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def reparse(text: str, fmt: str) -> RDFDataset:
    g = RDFDataset(default_union=True)
    g.parse(data=text, format=FORMATS[fmt].rdflib)
    return g


def union(g: Graph) -> Graph:
    out = Graph()
    for s, p, o, _ in g.quads((None, None, None, None)):  # type: ignore[attr-defined]
        out.add((s, p, o))
    return out


def test_seed_round_trips_in_every_format(fmt: str) -> None:
    ds = seed_dataset()
    g = to_rdf(ds)
    again = reparse(serialize(g, fmt), fmt)
    assert isomorphic(union(again), union(g))
    assert from_rdf(again) == ds


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets())
def test_generated_datasets_round_trip_in_every_format(ds: Dataset) -> None:
    g = to_rdf(ds)
    for name in RDF_WRITTEN:
        assert from_rdf(reparse(serialize(g, name), name), name=name) == ds, name


def test_named_graph_per_report() -> None:
    g = to_rdf(seed_dataset())
    names = {str(c.identifier) for c in g.graphs() if len(c)}
    base = seed_dataset().base
    assert {f"{base}graph/{r}" for r in ("article", "ria-report", "gerasimov-statement",
                                         "welt-report")} <= names
    article_graph = g.graph(iri(base, "graph", "article").replace("graph/article", "graph/article"))
    assertion = iri(base, "assertion", "article-convicts-deserted")
    assert (assertion, CRED.assertedBy, iri(base, "source", "article-publisher")) in article_graph


def test_shortcuts_and_symmetric_contradictions() -> None:
    ds = seed_dataset()
    g = union(to_rdf(ds))
    src, claim = (lambda i: iri(ds.base, "source", i)), (lambda i: iri(ds.base, "claim", i))
    assert (src("ria"), CRED.cites, src("ua-security-sources")) in g
    assert (src("article-publisher"), CRED.cites, src("ria")) in g
    assert (src("ria"), CRED.asserts, claim("convicts-deserted")) in g
    a, b = claim("monthly-desertions-30k"), claim("october-desertions-21600")
    assert (a, CRED.contradicts, b) in g and (b, CRED.contradicts, a) in g


def test_loading_twice_adds_nothing() -> None:
    ds = seed_dataset()
    g = to_rdf(ds)
    before = len(g)
    for s, p, o, c in quads(ds):
        (g.graph(c) if c is not None else g.default_graph).add((s, p, o))
    assert len(g) == before


def test_numbers_keep_their_value_and_a_valid_decimal_form() -> None:
    from kg.model import Claim, Quantity

    ds = Dataset(claims=[Claim(id="c", text="t", quantity=Quantity(measure="net m", value=1e22,
                                                                   min_value=-0.1))])
    g = union(to_rdf(ds))
    value = next(g.objects(iri(ds.base, "claim", "c"), CRED.value))
    assert isinstance(value, Literal) and "e" not in str(value).lower()
    assert from_rdf(g) == ds


def test_foreign_rdf_without_required_property_is_a_clear_error() -> None:
    from kg.errors import DatasetError

    g = Graph()
    g.parse(data="""@prefix cred: <https://w3id.org/credkg/ns#> .
        <http://x/assertion/a> a cred:Assertion .""", format="turtle")
    with pytest.raises(DatasetError, match="has no cred:assertedBy"):
        from_rdf(g)
