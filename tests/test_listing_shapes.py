"""The long listings, shaped for cheap first pages, give the rows of their plain joins.

:mod:`kg.store.listing_sparql` joins small sides by hash (``OPTIONAL { SELECT ... }``
then ``FILTER (BOUND(...))``) and breaks the ties of ``sources-ranked`` on the claim
count and the name before the IRI. Each listing is compared, as a set of rows, with the
plain join of the same patterns, on the seed, on a synthetic store, and on both with a
source named twice, a source with no name, a finding without a comment and three
distortions (of the source named twice, of the nameless one, of a named agent that is
not a source) added; pages still join up to the whole answer, and ``sources-ranked``
and ``distortions`` are in their documented orders.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.model import DEFAULT_BASE
from kg.seed import seed_dataset
from kg.store import Store, run_query
from kg.store.queries import PREFIXES
from kg.synthetic import write_synthetic, write_synthetic_assessment

CRED = "https://w3id.org/credkg/ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ASSESSMENT = f"{DEFAULT_BASE}graph/assessment"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: What each listing means, as the plainest join of its patterns (its shape before).
PLAIN = {
    "single-origin": """SELECT DISTINCT ?claim ?source ?name WHERE {
      GRAPH ?g1 { ?claim cred:independentOrigins 1 ; cred:origin ?origin }
      GRAPH ?g2 { ?origin cred:assertedBy ?source }
      GRAPH ?g3 { ?source rdfs:label ?name } }""",
    "anonymous-origins": """SELECT DISTINCT ?claim ?source ?name WHERE {
      GRAPH ?g1 { ?claim cred:namedOrigins 0 ; cred:origin ?origin }
      GRAPH ?g2 { ?origin cred:assertedBy ?source }
      GRAPH ?g3 { ?source rdfs:label ?name } }""",
    "circular-reporting": """SELECT DISTINCT ?subject ?type ?concerns ?comment WHERE {
      VALUES ?type { cred:CircularReporting cred:FalseConfirmation }
      ?finding cred:findingType ?type . ?subject cred:finding ?finding .
      OPTIONAL { ?finding cred:concerns ?concerns }
      OPTIONAL { ?finding rdfs:comment ?comment } }""",
    "interested-parties": """SELECT DISTINCT ?claim ?party ?comment WHERE {
      ?finding cred:findingType cred:InterestedParty .
      ?claim cred:finding ?finding ; a cred:Claim .
      ?party cred:finding ?finding ; a cred:Source .
      OPTIONAL { ?finding rdfs:comment ?comment } }""",
    "sources-ranked": """SELECT DISTINCT ?source ?name ?grade ?score ?claims WHERE {
      GRAPH ?assessment {
        ?source cred:claimsAsserted ?claims ; cred:reliability ?grade ; cred:score ?score }
      ?source rdfs:label ?name . }""",
    "distortions": """SELECT DISTINCT ?source ?name ?claim ?distortion WHERE {
      ?finding cred:findingType cred:Distortion .
      ?claim cred:finding ?finding .
      ?finding cred:concerns ?source .
      ?source rdfs:label ?name ; a cred:Source .
      OPTIONAL { ?finding rdfs:comment ?distortion } }""",
}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _oddities(store: ox.Store, base: str) -> None:
    """A source named twice, an assessed source with no name, a finding with no comment."""
    named = next(q for q in store.quads_for_pattern(None, _n(CRED + "claimsAsserted"), None,
                                                     None)
                 if any(store.quads_for_pattern(q.subject, _n(RDFS + "label"), None, None)))
    other = _n(f"{base}document/another")
    store.add(ox.Quad(named.subject, _n(RDFS + "label"), ox.Literal("A second name"), other))
    ghost, graph = _n(f"{base}source/nameless"), _n(ASSESSMENT)
    integer = _n(XSD + "integer")
    for p, o in (("claimsAsserted", ox.Literal("3", datatype=integer)),
                 ("reliability", ox.Literal("A")),
                 ("score", ox.Literal("0.99", datatype=_n(XSD + "decimal"))),
                 ("reliabilityScore", ox.Literal("0.99", datatype=_n(XSD + "decimal")))):
        store.add(ox.Quad(ghost, _n(CRED + p), o, graph))
    finding = _n(f"{base}finding/no-comment")
    claim = next(iter(store.quads_for_pattern(None, _n(RDF_TYPE), _n(CRED + "Claim"), None)))
    store.add(ox.Quad(finding, _n(CRED + "findingType"), _n(CRED + "CircularReporting"), graph))
    store.add(ox.Quad(claim.subject, _n(CRED + "finding"), finding, graph))
    agent = _n(f"{base}agent/labelled")  # named, but not a source
    store.add(ox.Quad(agent, _n(RDFS + "label"), ox.Literal("Not a source"), other))
    for i, concerned in enumerate((named.subject, ghost, agent)):
        relay = _n(f"{base}finding/distortion-{i}")
        store.add(ox.Quad(relay, _n(CRED + "findingType"), _n(CRED + "Distortion"), graph))
        store.add(ox.Quad(claim.subject, _n(CRED + "finding"), relay, graph))
        store.add(ox.Quad(relay, _n(CRED + "concerns"), concerned, graph))
        if concerned != agent:  # the assessment names the relaying source, never an agent
            store.add(ox.Quad(relay, _n(CRED + "distortedBy"), concerned, graph))
        store.add(ox.Quad(relay, _n(CRED + "concerns"), _n(f"{base}assertion/a-{i}"), graph))
        store.add(ox.Quad(relay, _n(RDFS + "comment"),
                          ox.Literal(f"Distortion (inflated): {i}"), graph))


@pytest.fixture(scope="module", params=["seed", "synthetic", "seed+oddities",
                                        "synthetic+oddities"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[ox.Store]:
    kind: str = request.param
    if kind.startswith("seed"):
        s = Store()
        s.add_dataset(seed_dataset(), "seed")
        ox_store = s.ox
    else:
        tmp: Path = tmp_path_factory.mktemp("shapes")
        write_synthetic(tmp / "corpus.nt", 2000)
        write_synthetic_assessment(tmp / "assessment.nt", 2000)
        ox_store = ox.Store()
        ox_store.bulk_load(path=str(tmp / "corpus.nt"), format=ox.RdfFormat.N_TRIPLES,
                           to_graph=_n(f"{DEFAULT_BASE}document/corpus"))
        ox_store.bulk_load(path=str(tmp / "assessment.nt"), format=ox.RdfFormat.N_TRIPLES,
                           to_graph=_n(ASSESSMENT))
    if kind.endswith("oddities"):
        _oddities(ox_store, DEFAULT_BASE)
    yield ox_store


def _rows(store: ox.Store, name: str, **kw: int) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else str(v) for v in row)
            for row in run_query(store, name, **kw).terms]


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_a_listing_gives_the_rows_of_its_plain_join(store: ox.Store, name: str) -> None:
    plain = {tuple("" if v is None else str(v) for v in row)
             for row in store.query(PREFIXES + PLAIN[name], use_default_graph_as_union=True)}
    got = _rows(store, name)
    assert len(got) == len(set(got))  # DISTINCT still
    assert set(got) == plain
    # the seed has no circular reporting, the stores no distortion but the oddities'
    assert plain or name in ("circular-reporting", "distortions")


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_pages_of_a_listing_join_up_to_its_whole_answer(store: ox.Store, name: str) -> None:
    whole = _rows(store, name)
    size = max(1, len(whole) // 4)
    pages = [_rows(store, name, limit=size, offset=k * size)
             for k in range(len(whole) // size + 1)]
    assert [r for page in pages for r in page] == whole


def test_the_oddities_show_as_in_the_plain_join(store: ox.Store) -> None:
    ranked = _rows(store, "sources-ranked")
    assert f"<{DEFAULT_BASE}source/nameless>" not in {r[0] for r in ranked}  # no name
    odd = any(store.quads_for_pattern(None, None, ox.Literal("A second name"), None))
    assert odd == ('"A second name"' in {r[1] for r in ranked})  # a row per name
    finding = _n(f"{DEFAULT_BASE}finding/no-comment")
    found = [str(q.subject) for q in store.quads_for_pattern(None, _n(CRED + "finding"),
                                                             finding, None)]
    bare = {(c, f"<{CRED}CircularReporting>", "", "") for c in found}
    assert bool(bare) == odd
    assert bare <= set(_rows(store, "circular-reporting"))  # its comment left unbound


def test_sources_ranked_by_grade_score_claims_name_then_iri(store: ox.Store) -> None:
    rows = run_query(store, "sources-ranked").tuples()
    keys = [(grade, -score, -claims, name, source) for source, name, grade, score, claims
            in rows]
    assert keys == sorted(keys)
    assert len({k[:3] for k in keys}) > 1


def test_distortions_by_name_iri_claim(store: ox.Store) -> None:
    rows = _rows(store, "distortions")
    keys = [(name, source, claim, text) for source, name, claim, text in rows]
    assert keys == sorted(keys)
    odd = any(store.quads_for_pattern(None, None, ox.Literal("A second name"), None))
    assert len(rows) == (2 if odd else 0)  # one source, by each of its two names
    assert all("nameless" not in r[0] and "agent/" not in r[0] for r in rows)
