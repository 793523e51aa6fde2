"""An assessment's own provenance, an analyst's grade with who/when/why, the PROV bundle of
``kg export --assessment`` and ``kg reassess [--check]`` (issue #16, point 5)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.credibility import Policy
from kg.formats import assessment_provenance
from kg.formats.assessment_provenance import credkg_version
from kg.formats.loading import json_schema, load_dataset
from kg.formats.rdf import from_rdf, to_rdf, write_rdf
from kg.model import Dataset as KgDataset
from kg.model import Source
from kg.namespace import CRED, CRED_IRI, SCHEMA
from kg.seed import seed_dataset
from kg.shapes import conforms
from kg.store import Store
from kg.store.provenance import engine_parameters, stored_provenance
from tests.conftest import ROOT, Result

SEED = ROOT / "kg" / "data" / "seed.yaml"
Kg = Callable[..., Result]

GRADED = """\
sources:
  - id: ria
    kind: news_outlet
    name: RIA Novosti
    reliability: D
    reliability_set_by: J. Smith
    reliability_set_at: 2024-11-10T09:30:00Z
    reliability_why: State-owned; two retracted stories this year.
  - id: tass
    kind: news_outlet
    name: TASS
    reliability: C
    reliability_set_at: 2024-11-11
claims:
  - id: c1
    text: Something happened.
assertions:
  - id: a1
    source: ria
    claim: c1
  - id: a2
    source: tass
    claim: c1
"""


def _ask(store: Store, query: str) -> list[tuple[str, ...]]:
    prefixes = ("PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX cred: <https://w3id.org/credkg/ns#>"
                " PREFIX schema: <https://schema.org/> "
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
    rows = store.ox.query(prefixes + query, use_default_graph_as_union=True)
    assert isinstance(rows, ox.QuerySolutions)
    return sorted(tuple(t.value for t in row) for row in rows)  # type: ignore[union-attr]


@pytest.fixture
def graded(tmp_path: Path) -> Path:
    path = tmp_path / "graded.yaml"
    path.write_text(GRADED, encoding="utf-8")
    return path


# -- what kg add records ------------------------------------------------------------------


def test_kg_add_records_version_parameters_time_documents_and_who(tmp_path: Path, kg: Kg) -> None:
    store_path = tmp_path / "s"
    nt = write_rdf(to_rdf(seed_dataset()), tmp_path / "other.nt", "nt")
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert kg("add", SEED, nt, "--store", store_path, "--agent", "J. Smith").exit_code == 0
    after = dt.datetime.now(dt.UTC)
    store = Store.open(store_path, read_only=True)

    # read straight from the graph with SPARQL, not through credkg's reader
    [(version,)] = _ask(store, "SELECT ?v WHERE { ?a a cred:Assessment ; prov:wasGeneratedBy "
                               "?act . ?act prov:qualifiedAssociation ?q . ?q prov:agent ?e . "
                               "?e a prov:SoftwareAgent ; schema:softwareVersion ?v }")
    assert version == credkg_version()
    hedge = _ask(store, "SELECT ?v WHERE { ?act a cred:AssessmentActivity ; "
                        "prov:qualifiedAssociation/prov:hadPlan ?p . ?p a prov:Plan ; "
                        "cred:parameter ?x . ?x rdfs:label 'hedge' ; "
                        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?v }")
    assert hedge == [(str(Policy().hedge),)]
    docs = _ask(store, "SELECT ?id ?h ?d WHERE { ?a a cred:Assessment ; prov:wasDerivedFrom ?d . "
                       "?d a cred:Document ; cred:documentId ?id ; cred:contentHash ?h . "
                       "?act prov:used ?d }")
    assert [(i, h) for i, h, _ in docs] == [
        ("other", hashlib.sha256(nt.read_bytes()).hexdigest()),  # the file's bytes
        ("seed", store.document("seed").hash)]
    assert {d for *_, d in docs} == {d.graph for d in store.documents()}
    [(asker,)] = _ask(store, "SELECT ?l WHERE { ?a a cred:Assessment ; prov:wasAttributedTo ?w . "
                             "?w a prov:Agent ; rdfs:label ?l FILTER NOT EXISTS "
                             "{ ?w a prov:SoftwareAgent } }")
    assert asker == "J. Smith"

    record = stored_provenance(store)
    assert record is not None
    assert record.parameters == engine_parameters(Policy())
    assert record.parameters["fidelity"] == dict(Policy().fidelity)
    assert before <= record.started <= record.ended <= after
    assert record.agent == "J. Smith"


def test_who_asked_comes_from_the_environment_and_may_be_absent(
    tmp_path: Path, kg: Kg, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CREDKG_AGENT", "https://orcid.org/0000-0002-1825-0097")
    assert kg("build", SEED, "--store", tmp_path / "a").exit_code == 0
    record = stored_provenance(Store.open(tmp_path / "a", read_only=True))
    assert record is not None and record.agent == "https://orcid.org/0000-0002-1825-0097"
    monkeypatch.delenv("CREDKG_AGENT")
    assert kg("add", SEED, "--store", tmp_path / "b").exit_code == 0
    record = stored_provenance(Store.open(tmp_path / "b", read_only=True))
    assert record is not None and record.agent is None


def test_each_assessment_replaces_the_provenance_of_the_last(tmp_path: Path) -> None:
    store = Store()
    store.add_dataset(seed_dataset(), "seed")
    first = stored_provenance(store)
    store.agent = "someone else"
    assert store.reassess()
    record = stored_provenance(store)
    assert first is not None and record is not None
    assert record.agent == "someone else" and first.agent is None
    assert len(list(store.ox.quads_for_pattern(
        None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(CRED.Assessment)), None))) == 1


# -- an analyst's grade: who, when, why ---------------------------------------------------


def test_an_analysts_grade_round_trips_with_who_when_and_why(graded: Path) -> None:
    ds = load_dataset(graded)
    ria = next(s for s in ds.sources if s.id == "ria")
    assert ria.reliability_set_by == "J. Smith"
    assert ria.reliability_set_at == dt.datetime(2024, 11, 10, 9, 30, tzinfo=dt.UTC)
    assert ria.reliability_why == "State-owned; two retracted stories this year."
    tass = next(s for s in ds.sources if s.id == "tass")
    assert tass.reliability_set_at == dt.date(2024, 11, 11)
    assert from_rdf(to_rdf(ds)) == ds  # rdflib's reader
    store = Store()
    store.add_dataset(ds, "graded")
    assert store.dataset() == ds  # the store's fast reader
    assert KgDataset.model_validate_json(ds.model_dump_json()) == ds
    properties = json_schema()["$defs"]["Source"]["properties"]  # type: ignore[index]
    assert {"reliability_set_by", "reliability_set_at", "reliability_why"} <= set(properties)


def test_an_analysts_grade_is_stated_as_prov_in_the_assessment(graded: Path) -> None:
    store = Store()
    store.add_file(graded, scope=False)
    rows = _ask(store, "SELECT ?v ?who ?at ?why WHERE { ?g a cred:AnalystGrade ; cred:gradeOf "
                       "<https://w3id.org/credkg/id/source/ria> ; prov:value ?v ; "
                       "prov:wasAttributedTo ?w ; prov:qualifiedAttribution ?q . "
                       "?w a prov:Agent ; rdfs:label ?who . ?q a prov:Attribution ; "
                       "prov:agent ?w ; prov:atTime ?at ; rdfs:comment ?why . "
                       "?a a cred:Assessment ; prov:wasDerivedFrom ?c . ?c a prov:Collection ; "
                       "prov:hadMember ?g }")
    assert rows == [("D", "J. Smith", "2024-11-10T09:30:00Z",
                     "State-owned; two retracted stories this year.")]
    # only a date given: the grade has its time, no agent
    when = _ask(store, "SELECT ?at WHERE { ?g cred:gradeOf <https://w3id.org/credkg/id/source/"
                       "tass> ; prov:qualifiedAttribution/prov:atTime ?at "
                       "FILTER NOT EXISTS { ?g prov:wasAttributedTo ?w } }")
    assert when == [("2024-11-11",)]
    [(explanation,)] = _ask(store, "SELECT ?e WHERE { <https://w3id.org/credkg/id/source/ria> "
                                   "<https://w3id.org/credkg/ns#explanation> ?e }")
    assert "The analyst's grade, set by J. Smith on 2024-11-10T09:30:00+00:00 (State-owned" \
        in explanation
    g = to_rdf(load_dataset(graded))
    assert not conforms(g)
    assert (URIRef("https://w3id.org/credkg/id/source/tass"), CRED.reliabilitySetAt,
            Literal(dt.date(2024, 11, 11))) in g
    assert Literal(dt.date(2024, 11, 11)).datatype == XSD.date


def test_who_when_or_why_without_a_grade_is_a_one_line_error(tmp_path: Path, kg: Kg) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("sources: [{id: x, kind: person, name: X, reliability_why: gut feeling}]\n",
                    encoding="utf-8")
    result = kg("add", path, "--store", tmp_path / "s")
    assert result.exit_code == 2
    assert "give reliability too" in result.stderr and "bad.yaml" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    with pytest.raises(ValueError, match="give reliability too"):
        Source(id="x", kind="person", name="X", reliability_set_by="me")


# -- kg export --assessment ---------------------------------------------------------------


@pytest.fixture
def store_path(tmp_path: Path, graded: Path, kg: Kg) -> Path:
    path = tmp_path / "s"
    assert kg("add", SEED, graded, "--store", path, "--agent", "J. Smith").exit_code == 0
    return path


@pytest.mark.parametrize("suffix", [".ttl", ".jsonld", ".nt", ".trig", ".nq"])
def test_export_assessment_writes_a_prov_bundle_rdflib_parses(
    store_path: Path, tmp_path: Path, kg: Kg, suffix: str,
) -> None:
    out = tmp_path / f"bundle{suffix}"
    result = kg("export", "--assessment", "--store", store_path, "-o", out)
    assert result.exit_code == 0, result.stderr
    parsed = Dataset()
    parsed.parse(out, format={".ttl": "turtle", ".jsonld": "json-ld", ".nt": "nt",
                              ".trig": "trig", ".nq": "nquads"}[suffix])
    g = Graph()
    for s, p, o, _ in parsed.quads((None, None, None, None)):
        g.add((s, p, o))
    [bundle] = g.subjects(RDF.type, PROV.Bundle)
    if suffix in (".trig", ".nq"):  # the statements sit in the bundle's own graph
        assert {str(c.identifier) for c in parsed.graphs() if len(c)} == {str(bundle)}
    [assessment] = g.subjects(RDF.type, CRED.Assessment)
    [activity] = g.objects(assessment, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in g
    assert g.value(assessment, PROV.generatedAtTime).datatype == XSD.dateTime  # type: ignore[union-attr]
    for who in g.objects(None, PROV.wasAttributedTo):
        assert (who, RDF.type, PROV.Agent) in g
    used = set(g.objects(activity, PROV.used))
    documents = set(g.subjects(RDF.type, CRED.Document))
    assert len(documents) == 2 and documents <= used
    assert {str(g.value(d, CRED.documentId)) for d in documents} == {"seed", "graded"}
    engine = next(iter(g.subjects(RDF.type, PROV.SoftwareAgent)))
    assert str(g.value(engine, SCHEMA.softwareVersion)) == credkg_version()
    reasons = {str(o) for a in g.subjects(RDF.type, PROV.Attribution)
               for o in g.objects(a, RDFS.comment)}
    assert reasons == {"State-owned; two retracted stories this year."}
    assert not conforms(g)  # the provenance shapes of ontology/shapes.ttl
    assert not list(g.subjects(CRED.credibility, None))  # provenance, not the grades


def test_export_assessment_refuses_bad_input_in_one_line(tmp_path: Path, kg: Kg) -> None:
    for args in (["export", "--assessment"],
                 ["export", "--assessment", "--store", tmp_path / "none"],
                 ["export", "--assessment", "--store", tmp_path, "--format", "graphml"]):
        result = kg(*args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("kg: error:") and "Traceback" not in result.stderr
    assert kg("add", SEED, "--store", tmp_path / "bare", "--no-assess").exit_code == 0
    result = kg("export", "--assessment", "--store", tmp_path / "bare", "-o", tmp_path / "x.ttl")
    assert result.exit_code == 2 and "kg reassess" in result.stderr


# -- kg reassess --check ------------------------------------------------------------------


def test_check_is_current_after_add_and_after_reassess(store_path: Path, kg: Kg) -> None:
    result = kg("reassess", "--check", "--store", store_path)
    assert (result.exit_code, result.stdout) == (0, "current\n")
    assert kg("reassess", "--store", store_path).exit_code == 0
    assert kg("reassess", "--check", "--store", store_path).stdout == "current\n"


def test_check_says_when_the_version_differs(
    store_path: Path, kg: Kg, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(assessment_provenance, "credkg_version", lambda: "99.0")
    result = kg("reassess", "--check", "--store", store_path)
    assert result.exit_code == 1
    assert f"credkg version differs: assessed with {credkg_version()}, running 99.0" \
        in result.stdout
    assert "grades differ" not in result.stdout  # the engine itself did not change
    assert kg("reassess", "--store", store_path).exit_code == 0  # written with "99.0"
    assert kg("reassess", "--check", "--store", store_path).stdout == "current\n"


@pytest.mark.parametrize(("listing", "term", "ordered"), [
    ("interested-parties", "interestedParty", False),  # the finding's party, named apart
    ("sources-ranked", "reliabilityScore", True),  # the sources' scores, stated apart
])
def test_check_reports_an_assessment_written_before_a_term_the_listing_reads(
    store_path: Path, kg: Kg, listing: str, term: str, ordered: bool,
) -> None:
    """A store assessed before ``cred:interestedParty`` or ``cred:reliabilityScore``: the
    listing that reads the term lists nothing, ``kg reassess --check`` says the stored
    assessment differs, and ``kg reassess`` mends it."""
    listed = kg("query", listing, "--store", store_path, "-f", "csv")
    assert len(listed.stdout.splitlines()) > 1
    store = Store.open(store_path)
    for q in list(store.ox.quads_for_pattern(None, ox.NamedNode(CRED_IRI + term), None, None)):
        store.ox.remove(q)
    store.flush()
    del store
    bare = kg("query", listing, "--store", store_path, "-f", "csv")
    assert bare.stdout.splitlines() == listed.stdout.splitlines()[:1]  # the header alone
    result = kg("reassess", "--check", "--store", store_path)
    assert result.exit_code == 1 and "statement(s) of the assessment differ" in result.stdout
    assert kg("reassess", "--store", store_path).exit_code == 0
    again = kg("query", listing, "--store", store_path, "-f", "csv").stdout.splitlines()
    wanted = listed.stdout.splitlines()
    if not ordered:  # an unordered listing may come back in another store order
        again, wanted = sorted(again), sorted(wanted)
    assert again == wanted


def test_check_says_when_a_parameter_differs(
    store_path: Path, kg: Kg, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    assess_module = importlib.import_module("kg.credibility.assess")
    monkeypatch.setattr(assess_module, "Policy", functools.partial(Policy, hedge=0.25))
    result = kg("reassess", "--check", "--store", store_path)
    assert result.exit_code == 1
    assert "engine parameters differ: hedge 0.5 -> 0.25" in result.stdout


def test_check_sees_a_document_graph_edited_behind_the_stores_back(store_path: Path,
                                                                      kg: Kg) -> None:
    store = Store.open(store_path)
    graph = ox.NamedNode(store.document("graded").graph)
    ria = ox.NamedNode("https://w3id.org/credkg/id/source/graded.ria")  # scoped to its document
    for prop in ("analystReliability", "reliabilitySetBy", "reliabilitySetAt",
                 "reliabilityReason"):
        for q in store.ox.quads_for_pattern(ria, ox.NamedNode(CRED_IRI + prop), None, graph):
            store.ox.remove(q)
    store.flush()
    del store
    result = kg("reassess", "--check", "--store", store_path)
    assert result.exit_code == 1
    assert "grades differ:" in result.stdout and "source graded.ria: stored D, now" in result.stdout
    assert "documents changed" not in result.stdout  # the index does not know
    assert len(result.stdout.splitlines()) <= 4


def test_check_says_which_documents_changed_since(store_path: Path, tmp_path: Path,
                                                  kg: Kg) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("claims: [{id: x, text: Something else.}]\n", encoding="utf-8")
    assert kg("add", extra, "--store", store_path, "--no-assess").exit_code == 0
    assert kg("remove", "graded", "--store", store_path).exit_code == 0  # reassessed
    assert kg("add", extra, "--store", store_path, "--doc", "more", "--no-assess").exit_code == 0
    result = kg("reassess", "--check", "--store", store_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == \
        "documents changed since the assessment: 1 added (more)"
    assert "grades differ: 1 claim (e.g. claim more.x: stored (none), now 6)" in result.stdout


def test_check_on_a_store_without_provenance_says_so(tmp_path: Path, kg: Kg) -> None:
    assert kg("add", SEED, "--store", tmp_path / "s", "--no-assess").exit_code == 0
    result = kg("reassess", "--check", "--store", tmp_path / "s")
    assert result.exit_code == 1 and "records no provenance" in result.stdout


def test_reassess_refuses_a_missing_store_in_one_line(tmp_path: Path, kg: Kg) -> None:
    for args in (["reassess", "--check", "--store", tmp_path / "none"],
                 ["reassess", "--store", tmp_path / "none"]):
        result = kg(*args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "no store here" in result.stderr
    assert not (tmp_path / "none").exists()  # nothing created
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = kg("reassess", "--check", "--store", tmp_path / "file")
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_the_documents_recorded_follow_adds_and_removes() -> None:
    store = Store()
    store.add_dataset(seed_dataset(), "seed")
    store.add_file(SEED, "again", scope=True)
    record = stored_provenance(store)
    assert record is not None and [d.id for d in record.documents] == ["again", "seed"]
    assert {d.hash for d in record.documents} == {d.hash for d in store.documents()}
    store.remove("again")
    record = stored_provenance(store)
    assert record is not None and [d.id for d in record.documents] == ["seed"]
    assert [d.graph for d in record.documents] == [store.document("seed").graph]


def test_check_sees_a_grade_edited_in_the_assessment_graph(store_path: Path, kg: Kg) -> None:
    store = Store.open(store_path)
    claim = ox.NamedNode("https://w3id.org/credkg/id/claim/convicts-deserted")
    [old] = store.ox.quads_for_pattern(claim, ox.NamedNode(CRED_IRI + "credibility"), None,
                                       None)
    store.ox.remove(old)
    store.ox.add(ox.Quad(old.subject, old.predicate,
                         ox.Literal("1", datatype=ox.NamedNode(str(XSD.integer))),
                         old.graph_name))
    store.flush()
    del store
    result = kg("reassess", "--check", "--store", store_path)
    assert result.exit_code == 1
    now = old.object.value
    assert f"grades differ: 1 claim (e.g. claim convicts-deserted: stored 1, now {now})" \
        in result.stdout


def test_an_assessment_that_read_discovered_trust_says_so() -> None:
    from kg.store.trust import SourceTrust, TrustRun, trust_graph_iri, write_trust

    store = Store()
    store.add_dataset(seed_dataset(), "seed")
    record = stored_provenance(store)
    assert record is not None and record.used == ()
    base = seed_dataset().base
    t = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    write_trust(store, base, TrustRun("accu", {}, t, t, (), "0.1.0",
                                      (SourceTrust("ria", 0.25, 3),)))
    assert store.reassess()
    record = stored_provenance(store)
    assert record is not None and record.used == (trust_graph_iri(base),)
    [(derived,)] = _ask(store, "SELECT ?u WHERE { ?a a cred:Assessment ; prov:wasDerivedFrom ?u "
                               "; prov:wasGeneratedBy/prov:used ?u FILTER NOT EXISTS "
                               "{ ?u a cred:Document } "
                               "FILTER NOT EXISTS { ?u a prov:Collection } }")
    assert derived == trust_graph_iri(base)


def test_reassess_says_when_it_compacted_the_store(store_path: Path, kg: Kg,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    result = kg("reassess", "--store", store_path)
    assert result.exit_code == 0 and "compacted" not in result.stdout  # a small store
    from kg.store import base

    monkeypatch.setattr(base, "COMPACT_AFTER", 0)
    result = kg("reassess", "--store", store_path)
    assert result.exit_code == 0 and "the store was compacted after it" in result.stdout
