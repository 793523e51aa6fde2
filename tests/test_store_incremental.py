"""The incremental assessment (kg.store.region) equals a full recompute, always."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import CredkgError
from kg.model import Assertion, Claim, Dataset, Quantity, Report, Source, Verdict
from kg.store import Store
from kg.store import store as store_module
from tests.conftest import IN_CI, SHARED

# a pool of sources every document declares the same way (so they are shared, unchanged)
_POOL = [
    Source(id="outlet", kind="news_outlet", name="The Outlet"),
    Source(id="reporter", kind="person", name="A Reporter", affiliated_with=["outlet"]),
    Source(id="ministry", kind="government_body", name="The Ministry", side="north"),
    Source(id="army", kind="military_body", name="The Army", side="south", reliability="B"),
    Source(id="anon", kind="anonymous_source", name="Someone"),
    Source(id="agency", kind="news_outlet", name="The Agency", reliability="A",
           reliability_set_by="J. Roe", reliability_set_at="2024-11-10",
           reliability_why="a wire with a record of corrections"),
    Source(id="checker", kind="organization", name="The Checker"),
]
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_MEASURES = ["deserters", "Deserters", "refugees", "tanks lost"]


def make_doc(k: int, seed: int) -> Dataset:
    """A small document: claims of its own, asserted by pool sources (and a new one)."""
    rng = random.Random(seed)
    sources = list(_POOL)
    names = [s.id for s in _POOL]
    if rng.random() < 0.4:  # a source of its own, maybe affiliated with one of the pool
        mine = Source(id=f"own{k}", kind="person", name=f"Own {k}",
                      affiliated_with=[rng.choice(names)] if rng.random() < 0.5 else [])
        sources.append(mine)
        names.append(mine.id)
    reports = [Report(id=f"r{k}", title=f"Report {k}", published_by="outlet",
                      date=f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")]
    claims: list[Claim] = []
    assertions: list[Assertion] = []
    verdicts: list[Verdict] = []
    for i in range(rng.randint(1, 4)):
        cid = f"d{k}c{i}"
        quantity = None
        if rng.random() < 0.6:
            quantity = Quantity(measure=rng.choice(_MEASURES), unit="person",
                                value=float(rng.choice([1000, 1010, 3000, 5000])),
                                period_start="2024-01-01", period_end="2024-01-31")
        others = [c.id for c in claims]
        claims.append(Claim(
            id=cid, text=f"Claim {i} of {k}.", quantity=quantity,
            about=[rng.choice(["ministry", "army"])] if rng.random() < 0.3 else [],
            contradicts=[rng.choice(others)] if others and rng.random() < 0.3 else []))
        chain = rng.sample(names, rng.randint(1, 3))
        for d, src in enumerate(chain):
            aid = f"{cid}a{d}"
            relay_quantity = None
            if d == 0 and len(chain) > 1 and quantity is not None and rng.random() < 0.3:
                relay_quantity = quantity.model_copy(update={"value": quantity.value * 2})
            assertions.append(Assertion(
                id=aid, source=src, claim=cid, report=f"r{k}",
                cites=[f"{cid}a{d + 1}"] if d + 1 < len(chain) else [],
                hedged=rng.random() < 0.2, quantity=relay_quantity))
        if rng.random() < 0.3:
            verdicts.append(Verdict(id=f"{cid}v", claim=cid, reviewer="checker",
                                    rating=rng.choice(["true", "false", "mixed"])))
    return Dataset(sources=sources, reports=reports, claims=claims, assertions=assertions,
                   verdicts=verdicts)


def _without_provenance(quads: list[Any]) -> set[str]:
    """The quads as N-Quads lines, less the provenance (which differs on each run)."""
    from kg.store.provenance import _provenance_types

    kinds = set(_provenance_types())
    prov = {q.subject for q in quads if q.predicate == _TYPE and q.object in kinds}
    return {str(q) for q in quads if q.subject not in prov}


def _analyst_grades(quads: list[Any]) -> set[str]:
    """The provenance of the analysts' grades (who set each, when, why), as N-Quads."""
    return {str(q) for q in quads if "analyst-grade" in str(q.subject)}


def _provenance(quads: list[Any]) -> set[str]:
    """The provenance quads, with what differs from run to run (the run's name, times)
    written out the same: two assessments of the same documents give the same set."""
    import re

    from kg.store.provenance import _provenance_types

    kinds = set(_provenance_types())
    prov = {q.subject for q in quads if q.predicate == _TYPE and q.object in kinds}
    run = re.compile(r"assessment/[0-9a-f]{32}")
    when = re.compile(r'"[^"]*"\^\^<http://www.w3.org/2001/XMLSchema#dateTime>')
    return {when.sub("TIME", run.sub("RUN", str(q))) for q in quads if q.subject in prov}


def assessment(store: Store) -> set[str]:
    """The store's assessment graphs, less their provenance, as N-Quads lines."""
    quads: list[Any] = []
    for g in store.assessment_graphs():
        quads += store.ox.quads_for_pattern(None, None, None, g)
    return _without_provenance(quads)


@pytest.fixture
def regions(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records, per write, whether the region update was used (True) or fell back."""
    used: list[bool] = []
    real = store_module.region_update

    def spy(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        used.append(result is not None)
        return result

    monkeypatch.setattr(store_module, "region_update", spy)
    return used


def check_against_full(store: Store) -> None:
    """The assessment graph as updated so far equals the one a full recompute writes."""
    full = store._assessment([d.graph for d in store.documents()])  # the whole store
    assert isinstance(full, tuple)
    graph, quads = full
    expected = _without_provenance([q for q in quads if q.graph_name.value == graph])
    assert assessment(store) == expected
    # the analysts' grades in the provenance: every graded source's, not only the region's
    stored = [q for g in store.assessment_graphs()
              for q in store.ox.quads_for_pattern(None, None, None, g)]
    assert _analyst_grades(stored) == _analyst_grades(quads)
    assert _provenance(stored) == _provenance(quads)  # all of it: runs, documents, grades
    assert len(list(store.ox.query("SELECT ?run WHERE { GRAPH ?g { ?run a "  # one run
                                   "<http://www.w3.org/ns/prov#Activity> } }"))) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 5), st.integers(0, 3)),
                min_size=1, max_size=8))
def test_incremental_equals_full(regions: list[bool], steps: list[tuple[bool, int, int]]
                                 ) -> None:
    store = Store()
    store.add_dataset(make_doc(99, 99), "first")  # a full assessment writes the mark
    for add, k, variant in steps:
        doc = f"doc{k}"
        if add:
            store.add_dataset(make_doc(k, k * 10 + variant), doc)
        elif any(d.id == doc for d in store.documents()):
            store.remove(doc)
        check_against_full(store)


def test_the_region_is_used_for_a_new_document(regions: list[bool]) -> None:
    store = Store()
    store.add_dataset(make_doc(0, 1), "a")
    store.add_dataset(make_doc(1, 2), "b")
    store.remove("a")
    assert regions == [False, True, True]  # the first write has no assessment to update
    check_against_full(store)


def test_a_write_without_the_assessment_forces_a_full_one(regions: list[bool]) -> None:
    store = Store()
    store.add_dataset(make_doc(0, 1), "a")
    store.add_dataset(make_doc(1, 2), "b", assess=False)
    store.add_dataset(make_doc(2, 3), "c")
    assert regions[-1] is False
    check_against_full(store)


def test_editing_a_shared_source_falls_back(regions: list[bool]) -> None:
    store = Store()
    store.add_dataset(make_doc(0, 1), "a")
    edited = make_doc(1, 2)
    edited = Dataset(
        sources=[s.model_copy(update={"name": "Renamed"}) if s.id == "outlet" else s
                 for s in edited.sources],
        reports=edited.reports, claims=edited.claims, assertions=edited.assertions,
        verdicts=edited.verdicts)
    with pytest.raises(CredkgError):  # two names for one source: the full read says so
        store.add_dataset(edited, "b")
    assert regions[-1] is False


_DEV = SHARED / "articles" / "dev"


@pytest.mark.skipif(not _DEV.is_dir() and not IN_CI, reason="../shared is absent")
def test_dev_corpus_one_document_at_a_time(tmp_path: Path, regions: list[bool]) -> None:
    files = sorted(_DEV.glob("*.yaml"))
    assert files
    store = Store()
    for f in files:
        store.add_file(f)
        check_against_full(store)
    assert regions.count(True) >= len(files) - 1  # all but the first, which has none


def _outlet_docs() -> tuple[Dataset, Dataset, Dataset]:
    """The outlet's claims b1 and b2 (b2 with a figure); a false verdict on b1; a claim c1
    of the agency whose figure contradicts b2's (so that c1's grade weighs b2's, and b2's
    the outlet's, which rests on the verdict on b1)."""
    outlet, agency, checker = _POOL[0], _POOL[5], _POOL[6]

    def figure(value: float) -> Quantity:
        return Quantity(measure="refugees", unit="person", value=value,
                        period_start="2024-01-01", period_end="2024-01-31")

    judged = Claim(id="b1", text="Something happened.")
    other = Claim(id="b2", text="Other.", quantity=figure(1000))
    sources = [outlet, agency, checker]
    b = Dataset(sources=sources, claims=[judged, other], assertions=[
        Assertion(id="b1a", source="outlet", claim="b1"),
        Assertion(id="b2a", source="outlet", claim="b2")])
    v = Dataset(sources=sources, claims=[judged], verdicts=[
        Verdict(id="b1v", claim="b1", reviewer="checker", rating="false")])
    c = Dataset(sources=sources, claims=[Claim(id="c1", text="Not so.", quantity=figure(5000))],
                assertions=[Assertion(id="c1a", source="agency", claim="c1")])
    return b, v, c


def test_a_verdict_added_later_counts_in_the_cached_track_record(regions: list[bool]) -> None:
    """The claims behind a source's grade are cached (kg.store.tracks); a verdict that a
    later document adds on one of its claims must reach the cache, so that a claim whose
    figure contradicts another of its claims, added later, weighs it with that verdict."""
    b, v, c = _outlet_docs()
    store = Store()
    store.add_dataset(make_doc(0, 1), "a")
    store.add_dataset(b, "b")  # the claims behind the outlet's grade: kept, none yet
    store.add_dataset(v, "v")  # a verdict on one of them
    store.add_dataset(c, "c")  # the outlet's grade counts for c1: with the verdict
    assert regions == [False, True, True, True]
    check_against_full(store)


def test_the_full_assessment_keeps_the_claims_behind_each_grade(regions: list[bool]) -> None:
    """A full assessment writes the claims behind every source's grade (kg.store.tracks):
    the verdict on the outlet's b1 is among them, so that c1, added next, weighs the
    outlet's grade with it although the outlet's claims are not read again."""
    b, v, c = _outlet_docs()
    store = Store()
    store.add_dataset(Dataset(sources=b.sources, claims=b.claims, assertions=b.assertions,
                              verdicts=v.verdicts), "bv")
    store.add_dataset(c, "c")
    assert regions == [False, True]
    check_against_full(store)


def test_a_change_without_grades_keeps_the_grades_provenance_unread(
        regions: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    """A document that states no analyst's grade, or only grades the store states
    already, leaves the store's grades as they are: their provenance is neither read nor
    made again, and still equals a full recompute's; a new grade has them all read."""
    from kg.store import analyst_grades

    reads: list[int] = []
    real = analyst_grades.analyst_graded

    def spy(*args: Any, **kwargs: Any) -> Any:
        reads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(analyst_grades, "analyst_graded", spy)
    plain = [s.model_copy(update={"reliability": None, "reliability_set_by": None,
                                  "reliability_set_at": None, "reliability_why": None})
             for s in _POOL]
    store = Store()
    store.add_dataset(make_doc(0, 1), "graded")  # the pool's grades, with who set them
    for k in (1, 2):
        doc = make_doc(k, k + 5)
        own = [s for s in doc.sources if s.id not in {p.id for p in _POOL}]
        store.add_dataset(Dataset(sources=[*plain, *own],
                                  reports=doc.reports, claims=doc.claims,
                                  assertions=doc.assertions, verdicts=doc.verdicts), f"p{k}")
        check_against_full(store)
    store.remove("p1")
    check_against_full(store)
    store.add_dataset(make_doc(3, 9), "same")  # the pool's grades again, as they were
    check_against_full(store)
    assert regions == [False, True, True, True, True] and reads == []
    doc = make_doc(4, 11)  # a new source with its grade: all the grades are read again
    new = Source(id="newcomer", kind="person", name="A Newcomer", reliability="C",
                 reliability_set_by="A. Analyst")
    store.add_dataset(Dataset(
        sources=[*doc.sources, new], reports=doc.reports,
        claims=[*doc.claims, Claim(id="n1", text="New.")],
        assertions=[*doc.assertions, Assertion(id="n1a", source="newcomer", claim="n1")],
        verdicts=doc.verdicts), "graded2")
    check_against_full(store)
    assert regions[-1] is True and reads == [1]


def test_a_large_full_assessment_leaves_the_store_compacted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full assessment that bulk-writes many lines compacts the store after it (the
    loader's overlapping files would slow every lookup of the next add); a small one
    does not."""
    from kg.store import base as base_module

    calls: list[int] = []
    real = Store.optimize

    def spy(self: Store) -> None:
        calls.append(1)
        real(self)

    monkeypatch.setattr(Store, "optimize", spy)
    store = Store.open(tmp_path / "st")
    store.add_dataset(make_doc(0, 1), "d0", assess=False)
    store.reassess()
    assert calls == [] and store.compacted is None  # a few hundred lines: nothing to merge
    monkeypatch.setattr(base_module, "COMPACT_AFTER", 10)
    store.add_dataset(make_doc(1, 2), "d1", assess=False)
    store.reassess()
    assert calls == [1] and store.compacted is not None
    graph = ox.NamedNode(next(g.value for g in store.ox.named_graphs()
                              if g.value.endswith("graph/assessment")))
    assert len(list(store.ox.quads_for_pattern(None, None, None, graph))) > 10
