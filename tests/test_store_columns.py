"""Reading the store by columns and writing the full assessment from text (issue #16,
point 2): the same datasets and the same assessment as the quad-by-quad path."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.credibility import assess
from kg.formats.assessment import (
    assessment_graph,
    assessment_lines,
    assessment_ox_quads,
    nt_literal,
)
from kg.formats.rdf import quads
from kg.model import Assertion, Claim, Dataset
from kg.seed import seed_dataset
from kg.store import Store
from kg.store.columns import Irregular, construct, read_columns
from kg.store.full_write import FullAssessment, stored_lines, write_full
from kg.store.provenance import provenance_nodes
from kg.store.reader import read_dataset, read_quads
from kg.store.terms import to_ox_quad
from kg.synthetic import synthetic_dataset, write_synthetic
from tests.conftest import IN_CI, SHARED

_DEV = SHARED / "articles" / "dev"
_G = "https://example.org/doc"


def _stored(*datasets: Dataset) -> tuple[ox.Store, list[str]]:
    store = ox.Store()
    graphs = []
    for i, ds in enumerate(datasets):
        g = ox.NamedNode(f"{_G}/{i}")
        store.extend([to_ox_quad(s, p, o, g) for s, p, o, _ in quads(ds)])
        graphs.append(g.value)
    return store, graphs


def _same(a: Dataset, b: Dataset) -> None:
    assert a == b
    assert a.model_dump_json() == b.model_dump_json()
    for x, y in zip(a.records(), b.records(), strict=True):
        assert x.model_fields_set == y.model_fields_set, x.id


@pytest.mark.parametrize("ds", [seed_dataset(), synthetic_dataset(3000, seed=3)],
                         ids=["seed", "synthetic"])
def test_columns_read_what_the_quads_read(ds: Dataset) -> None:
    store, graphs = _stored(ds)
    bases: Counter[str] = Counter()
    found = read_columns(store, graphs, bases)  # no fallback: Irregular would fail here
    _same(found, read_quads(store, graphs))
    assert found == ds
    assert list(bases) == [ds.base]


def test_columns_share_one_string_per_id() -> None:
    """A record's id and the references to it are one string object (memory, issue #16)."""
    ds = synthetic_dataset(300, seed=4)
    store, graphs = _stored(ds)
    found = read_columns(store, graphs)
    assert found == ds
    claims = {c.id: c.id for c in found.claims}
    sources = {s.id: s.id for s in found.sources}
    assertions = {a.id: a.id for a in found.assertions}
    assert found.assertions
    for a in found.assertions:
        assert a.claim is claims[a.claim]
        assert a.source is sources[a.source]
        assert all(x is assertions[x] for x in a.cites)


def test_columns_read_the_union_of_documents() -> None:
    whole = synthetic_dataset(400, seed=5)
    # the second document repeats the sources and some claims of the first
    again = Dataset(base=whole.base, sources=whole.sources, claims=[
        c for c in whole.claims if not (c.contradicts or c.hedged_contradicts or c.supports)
    ][:100])
    store, graphs = _stored(whole, again)
    _same(read_columns(store, graphs), read_quads(store, graphs))
    assert read_columns(store, graphs) == whole


@pytest.mark.skipif(not _DEV.is_dir() and not IN_CI, reason="../shared is absent")
def test_columns_read_the_dev_corpus_as_the_quads_do() -> None:
    store = Store()
    for f in sorted(_DEV.glob("*.yaml")):
        store.add_file(f, assess=False)
    graphs = [d.graph for d in store.documents()]
    try:
        found = read_columns(store.ox, graphs)
    except Irregular:
        pytest.fail("the dev corpus should be read by columns")
    _same(found, read_quads(store.ox, graphs))


def test_irregular_data_fall_back_to_the_quads(tmp_path: Path) -> None:
    store, graphs = _stored(seed_dataset())
    g = ox.NamedNode(graphs[0])
    claim = ox.NamedNode(f"{seed_dataset().base}claim/convicts-deserted")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
    store.add(ox.Quad(ox.BlankNode(), label, ox.Literal("x"), g))
    with pytest.raises(Irregular):
        read_columns(store, graphs)
    _same(read_dataset(store, graphs), read_quads(store, graphs))
    store, graphs = _stored(seed_dataset())
    store.add(ox.Quad(claim, ox.NamedNode("https://schema.org/text"), ox.Literal("again"),
                      ox.NamedNode(graphs[0])))  # two texts: the slow reader says so
    with pytest.raises(Irregular):
        read_columns(store, graphs)
    with pytest.raises(Exception) as slow:
        read_quads(store, graphs)
    with pytest.raises(type(slow.value)):
        read_dataset(store, graphs)


def test_literals_with_escapes_and_odd_characters_are_read_back() -> None:
    ds = seed_dataset()
    odd = 'a "quoted"\\ text\twith\nlines\r\x01\u2028 and \u00e9'
    ds = ds.model_copy(update={"claims": tuple(
        c.model_copy(update={"note": odd}) for c in ds.claims)})
    store, graphs = _stored(ds)
    found = read_columns(store, graphs)
    assert {c.note for c in found.claims} == {odd}
    _same(found, read_quads(store, graphs))


def test_construct_makes_the_record_validation_makes() -> None:
    values = {"id": "a1", "source": "s1", "claim": "c1", "cites": ("a0",), "hedged": True}
    made, checked = construct(Assertion, values), Assertion.model_validate(values)
    assert made == checked and made.__dict__ == checked.__dict__
    assert made.model_fields_set == checked.model_fields_set
    assert made.model_copy(update={"cites": ()}).model_fields_set == checked.model_fields_set
    assert construct(Assertion, values).model_fields_set == {"id", "source", "claim", "cites",
                                                             "hedged"}  # not changed
    claim = {"id": "c1", "text": "x", "about": (), "contradicts": (), "hedged_contradicts": (),
             "supports": ()}
    assert construct(Claim, claim).model_dump_json() == Claim.model_validate(
        claim).model_dump_json()


@pytest.mark.parametrize("text", ["plain", 'q"uote', "back\\slash", "tab\tnl\ncr\r",
                                  "\x00\x08\x0c\x1f\x7f", "\u2028\u00e9\U0001f600", ""])
def test_literals_are_written_as_pyoxigraph_writes_them(text: str) -> None:
    assert nt_literal(text) == str(ox.Literal(text))
    decimal = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    assert nt_literal("0.55", decimal.value) == str(ox.Literal("0.55", datatype=decimal))


def test_the_lines_are_the_quads_and_an_unchanged_assessment_writes_nothing() -> None:
    ds = synthetic_dataset(500, seed=11)
    a = assess(ds)
    graph = "https://example.org/graph/assessment"
    lines = list(assessment_lines(ds, a))
    expected = list(assessment_ox_quads(ds, a, graph))
    assert lines == [f"{q.subject} {q.predicate} {q.object} ." for q in expected]
    store = ox.Store()
    assert write_full(store, FullAssessment(graph, iter(lines))) == (len(set(lines)), 0)
    assert set(store.quads_for_pattern(None, None, None, ox.NamedNode(graph))) == set(expected)
    assert stored_lines(store, ox.NamedNode(graph))[0] == set(lines)
    assert write_full(store, FullAssessment(graph, iter(lines))) == (0, 0)
    assert write_full(store, FullAssessment(graph, iter(lines[1:]))) == (0, 1)
    assert len(store) == len(set(lines)) - 1
    # some lines go, some come: the graph holds exactly the new ones (compared by digests)
    other = [line.replace("/claim/", "/claim/x") for line in lines[:40]]
    now = lines[100:] + other
    held = set(lines[1:])
    assert write_full(store, FullAssessment(graph, iter(now))) == (
        len(set(now) - held), len(held - set(now)))
    assert stored_lines(store, ox.NamedNode(graph))[0] == set(now)


def test_a_full_assessment_from_a_generated_store_equals_the_old_path(tmp_path: Path) -> None:
    """The new read (columns) and write (text) give the assessment the old path gave:
    quads read back as terms, scored, turned into terms and written one by one."""
    path = tmp_path / "corpus.nt"
    write_synthetic(path, 2000)
    store = Store.open(tmp_path / "store")
    store.add_file(path, "corpus", assess=False)
    assert store.reassess()
    graphs = [d.graph for d in store.documents()]
    old_ds = read_quads(store.ox, graphs)
    graph = store.assessment_graphs()[0]
    expected = set(assessment_ox_quads(old_ds, assess(old_ds), graph.value))
    runs = provenance_nodes(store)
    stored = {q for q in store.ox.quads_for_pattern(None, None, None, graph)
              if q.subject not in runs}
    assert stored == expected
    before = len(store)
    assert store.reassess()  # unchanged: only the provenance is replaced
    assert len(store) == before


def test_writing_the_whole_assessment_forgets_each_claims_worked_out_details() -> None:
    ds = seed_dataset()
    a = assess(ds)
    explanations = {cid: ca.explanation for cid, ca in a.claims.items()}
    for ca in a.claims.values():
        ca.release()
    lines = list(assessment_lines(ds, a))
    assert not any("_worked" in vars(ca) or "explanation" in vars(ca)
                   for ca in a.claims.values())  # nothing kept: 1M claims' worth at 1M
    assert {cid: ca.explanation for cid, ca in a.claims.items()} == explanations
    assert set(lines) == {f"{q.subject} {q.predicate} {q.object} ."
                          for q in assessment_ox_quads(ds, assess(ds), str(
                              assessment_graph(ds.base)))}
