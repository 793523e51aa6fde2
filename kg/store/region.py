"""Incremental assessment: the region of the store that a change of documents can affect.

Adding or removing a small document re-assesses only the claims and sources whose
results it can change, read from the store's indexes (pattern lookups and SPARQL,
never the whole store), and updates the assessment graph by difference. The result is
the one a full recompute (:meth:`kg.store.Store.reassess`) writes: ``tests/
test_store_incremental.py`` checks it over random sequences of adds and removes.

What each result depends on (:mod:`kg.credibility.assess`):

- a **source**'s grade, score and explanation: its record and those of its
  affiliations and authors (rules 1-4), its track record (verdicts on the claims it
  originates) and its distortions as a relay; ``claimsAsserted``: its assertions;
- a **claim**'s opinion before contradictions: its record, its assertions (their
  reports' dates, for copies and forecasts), its verdicts, the assessments of the
  sources asserting or reviewing it, which of those sources are affiliated (the
  independence classes: the whole affiliation component), the sides of what it is about;
- its final grade and findings: also the opinions of the claims it contradicts
  (stated either way, hedged or detected) and the figures of every claim of the same
  measure key (detected contradictions, revisions, pairs not comparable).

The region is worked out from the *changed facts*: the triples of the added or removed
graphs that hold in the union on one side of the change only. The claims they touch
(their records, assertions, verdicts, quantities, reports) are re-assessed with the
claims contradicting them (stated, or detected as stored in the assessment graph) and
every claim sharing a measure key with them. The sources asserting those claims are
re-graded; where a grade's explanation changes (it states the grade, the track record
and the distortions, so it changes exactly when the opinion does), every claim the
source asserts or reviews joins the region, with its partners, once more. The claims
and sources are then read with what their results need: the claims they contradict and
share a measure with, all their assertions, reports and verdicts, every source those
name with its whole affiliation component, and, for each source whose grade is used,
the claims behind its track record and its possible distortions.

A full recompute is done instead (the rule) when:

- the store's assessment is not known to be current and single-based (the index mark
  written by a full recompute, kept by incremental ones, dropped by any write without
  the assessment), or an IRI of the change is not a record under that base;
- a source that exists on both sides of the change has changed facts (a record edited:
  its name, kind or affiliations reach every claim it asserts), or sources that appear
  or disappear link two existing sources by affiliation (two independence classes
  merge or split);
- the store holds discovered trust (``kg discover --store``): the engine fuses it into
  the grades, and writing it does not bring the assessment up to date;
- a changed document holds more than :data:`MAX_CHANGED` quads (a recompute is cheaper);
- reading the region fails in any way (the full recompute then says what is wrong).
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import pyoxigraph as ox

__all__ = ["MAX_CHANGED", "RegionUpdate", "region_update"]

#: Above this many quads in a changed document, the assessment is recomputed in full.
MAX_CHANGED = 200_000
#: Seconds spent in each phase of the last :func:`region_update` (for benchmarks).
LAST_PHASES: dict[str, float] = {}

_C = "https://w3id.org/credkg/ns#"
_SCHEMA = "https://schema.org/"
_N = ox.NamedNode
_CLAIM, _BY, _REPORT = _N(_C + "claim"), _N(_C + "assertedBy"), _N(_C + "inReport")
_REVIEWED, _AUTHOR = _N(_SCHEMA + "itemReviewed"), _N(_SCHEMA + "author")
_CONTRA, _HEDGED = _N(_C + "contradicts"), _N(_C + "hedgedContradicts")
_MEASURE, _KEY, _QUANTITY = _N(_C + "measure"), _N(_C + "measureKey"), _N(_C + "quantity")
_EXPLANATION, _FINDING = _N(_C + "explanation"), _N(_C + "finding")
_AFFILIATION = (_N(_C + "affiliatedWith"), _N(_C + "authoredBy"))
_SOURCE_REFS = (_BY, _N(_C + "about"), _AUTHOR, _N(_C + "publishedBy"), _N(_C + "forecaster"))
#: Shortcuts the RDF mapping derives from assertions (source asserts claim, source cites
#: source): they follow from the assertions' own facts and are no part of a source's record.
_DERIVED = (_N(_C + "asserts"), _N(_C + "cites"))
_RECORD = re.compile(r"^(?P<base>.*[/#])(?P<kind>source|report|claim|assertion|verdict)/"
                     r"(?P<id>[^/#]+)(?P<part>/quantity/\d+)?$")
_HEADLINE, _QUOTE, _COPIES = _N(_C + "headline"), _N(_C + "quote"), _N(_C + "copies")
_CITES, _HEDGE = _N(_C + "citesAssertion"), _N(_C + "hedged")
_ANALYST, _ASSERTED = _N(_C + "analystReliability"), _N(_C + "claimsAsserted")


class _Fallback(Exception):
    """The change is not one the region covers: recompute in full."""


@dataclass
class RegionUpdate:
    """What to change in the assessment graph: its current quads for the region, and
    the new ones (the difference is written by :meth:`kg.store.base.StoreBase._finish`)."""

    graph: str
    current: list[ox.Quad]
    quads: list[ox.Quad]
    claims: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    #: The region's dataset and its assessment (for the provenance), None when empty.
    dataset: Any = None
    result: Any = None


class _Region:
    """One change: the store, the graphs on each side, and lookups restricted to them."""

    def __init__(self, store: ox.Store, base: str, after: Iterable[str],
                 new: Iterable[str], old: Iterable[str]) -> None:
        self.store, self.base = store, base
        self.new, self.old = set(new), set(old)
        self.after = set(after)
        self.rest = self.after - self.new
        self.graph = _N(f"{base}graph/assessment")
        from kg.store.measures import graph_index, index_mark, unindexed

        #: Index quads of the graphs not yet in the measure index (written with the update),
        #: and the marks of the removed graphs (which go).
        self.measure_index = [q for g in unindexed(store, self.after | self.old)
                              for q in graph_index(store, g)
                              if not isinstance(q.subject, ox.NamedNode)
                              or q.subject.value not in self.old]
        self.unmarked = [m for m in map(index_mark, self.old) if m in store]

    # -- names ------------------------------------------------------------------------

    def iri(self, kind: str, id: str) -> ox.NamedNode:
        return _N(f"{self.base}{kind}/{id}")

    def parse(self, term: Any) -> tuple[str, str] | None:
        """(kind, id) of a record IRI (a claim's quantity node gives its claim)."""
        if not isinstance(term, ox.NamedNode):
            return None
        m = _RECORD.match(term.value)
        if m is None:
            return None
        if m["base"] != self.base:
            raise _Fallback
        return m["kind"], m["id"]

    def ids(self, terms: Iterable[Any], kind: str) -> set[str]:
        out = set()
        for t in terms:
            parsed = self.parse(t)
            if parsed is not None and parsed[0] == kind:
                out.add(parsed[1])
        return out

    # -- lookups over the union of both sides (an over-approximation) ----------------------

    def objects(self, subject: ox.NamedNode, predicate: ox.NamedNode) -> list[Any]:
        return [q.object for q in self.store.quads_for_pattern(subject, predicate, None, None)]

    def subjects(self, predicate: ox.NamedNode, obj: Any) -> list[Any]:
        return [q.subject for q in self.store.quads_for_pattern(None, predicate, obj, None)]

    def behind(self, sources: Iterable[str]) -> set[str]:
        """The claims behind these sources' grades: those they assert that carry a verdict
        (track record) and those where they may distort what they relay (over-approximated:
        a headline, a quote in a report, a copy, or a relay of or with a figure or a hedge)."""
        out: set[str] = set()
        for s in sources:
            for a in self.subjects(_BY, self.iri("source", s)):
                if not isinstance(a, ox.NamedNode):
                    continue
                props: dict[ox.NamedNode, list[Any]] = defaultdict(list)
                for q in self.store.quads_for_pattern(a, None, None, None):
                    props[q.predicate].append(q.object)
                claims = self.ids(props.get(_CLAIM, ()), "claim")
                if (_HEADLINE in props or _COPIES in props or _MEASURE in props
                        or (_QUOTE in props and _REPORT in props)
                        or any(next(self.store.quads_for_pattern(x, p, None, None), None)
                               is not None for x in props.get(_CITES, ())
                               if isinstance(x, ox.NamedNode) for p in (_MEASURE, _HEDGE))):
                    out |= claims
                    continue
                for c in claims:
                    if next(self.store.quads_for_pattern(None, _REVIEWED, self.iri("claim", c),
                                                         None), None) is not None:
                        out.add(c)
        return out

    # -- the change --------------------------------------------------------------------

    def changed_facts(self) -> list[ox.Quad]:
        """Triples of the new or old graphs that hold on one side of the change only."""
        out = []
        for g in self.new | self.old:
            for q in self.store.quads_for_pattern(None, None, None, _N(g)):
                where = {x.graph_name.value for x in self.store.quads_for_pattern(
                    q.subject, q.predicate, q.object, None)
                    if isinstance(x.graph_name, ox.NamedNode)}
                if where & self.rest:
                    continue
                if bool(where & self.new) != bool(where & self.old):
                    out.append(q)
        return out

    def exists(self, subject: ox.NamedNode, graphs: set[str]) -> bool:
        return any(isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in graphs
                   for q in self.store.quads_for_pattern(subject, None, None, None))

    def claims_of_assertions(self, assertions: Iterable[str]) -> set[str]:
        return self.ids((o for a in assertions
                         for o in self.objects(self.iri("assertion", a), _CLAIM)), "claim")

    def assertions_of(self, claims: Iterable[str]) -> set[str]:
        return self.ids((s for c in claims for s in self.subjects(_CLAIM, self.iri("claim", c))),
                        "assertion")

    def sources_of(self, claims: Iterable[str]) -> set[str]:
        return self.ids((o for a in self.assertions_of(claims)
                         for o in self.objects(self.iri("assertion", a), _BY)), "source")

    def neighbours(self, claims: Iterable[str]) -> set[str]:
        """Claims contradicting these, stated either way (plainly or hedged)."""
        out: set[str] = set()
        for c in claims:
            n = self.iri("claim", c)
            for p in (_CONTRA, _HEDGED):
                out |= self.ids(self.objects(n, p), "claim")
                out |= self.ids(self.subjects(p, n), "claim")
        return out

    def detected(self, claims: Iterable[str]) -> set[str]:
        """Claims detected (as stored) to contradict these."""
        return self.ids((q.object for c in claims for q in self.store.quads_for_pattern(
            self.iri("claim", c), _CONTRA, None, self.graph)), "claim")

    def measure_keys(self, claims: Iterable[str]) -> set[str]:
        from kg.quantities import measure_key

        keys = set()
        for c in claims:
            n = self.iri("claim", c)
            for node in (n, *self.objects(n, _QUANTITY)):
                for p in (_MEASURE, _KEY):
                    keys |= {measure_key(o.value) for o in self.objects(node, p)
                             if isinstance(o, ox.Literal)}
        return keys

    def same_measure(self, keys: set[str]) -> set[str]:
        """Every claim with a figure whose measure (or measure key) text has one of ``keys``,
        found from the store's index of measure texts (:mod:`kg.store.measures`)."""
        from kg.store.measures import holders

        if not keys:
            return set()
        found: set[str] = set()
        for x in holders(self.store, keys, self.measure_index):
            parsed = self.parse(x)
            if parsed is not None and parsed[0] == "claim":
                found.add(parsed[1])
        return found

    def analysts(self, source: str) -> bool:
        """Whether the source has the analyst's grade after the change: its grade and score
        are then that grade's, whatever its track record (rule 1 of
        :mod:`kg.credibility.reliability`), so that the claims behind them need not be read."""
        return any(_in(q, self.after) for q in self.store.quads_for_pattern(
            self.iri("source", source), _ANALYST, None, None))

    def explanation(self, source: str) -> str | None:
        for q in self.store.quads_for_pattern(self.iri("source", source), _EXPLANATION, None,
                                              self.graph):
            return q.object.value if isinstance(q.object, ox.Literal) else None
        return None

    def asserted(self, sources: Iterable[str], assertions: set[str]) -> dict[str, int]:
        """How many claims each source asserts after the change: the count stored in the
        assessment (before the change), corrected for the claims of the ``assertions``
        whose facts change; counted whole for a source without a stored count."""
        before = self.rest | self.old
        out = {}
        for s in sources:
            node = self.iri("source", s)
            stored = [q.object.value for q in self.store.quads_for_pattern(
                node, _ASSERTED, None, self.graph) if isinstance(q.object, ox.Literal)]
            if len(stored) != 1 or not stored[0].isdigit():
                out[s] = self._count_asserted(node)
                continue
            touched = {x.object for a in assertions
                       for q in self.store.quads_for_pattern(self.iri("assertion", a), _BY, node)
                       for x in self.store.quads_for_pattern(q.subject, _CLAIM, None, None)}
            out[s] = int(stored[0]) + sum(self._asserts(node, c, self.after)
                                          - self._asserts(node, c, before) for c in touched)
        return out

    def _asserts(self, source: ox.NamedNode, claim: Any, graphs: set[str]) -> int:
        """1 if ``source`` asserts ``claim`` in ``graphs`` (an assertion's source and claim
        stated there), else 0."""
        for q in self.store.quads_for_pattern(None, _CLAIM, claim, None):
            if _in(q, graphs) and any(_in(x, graphs) for x in self.store.quads_for_pattern(
                    q.subject, _BY, source, None)):
                return 1
        return 0

    def _count_asserted(self, node: ox.NamedNode) -> int:
        claims = set()
        for q in self.store.quads_for_pattern(None, _BY, node, None):
            if _in(q, self.after):
                claims |= {str(x.object) for x in self.store.quads_for_pattern(
                    q.subject, _CLAIM, None, None) if _in(x, self.after)}
        return len(claims)

    def current(self, claims: set[str], sources: set[str]) -> list[ox.Quad]:
        """The assessment graph's quads for these claims (with their findings) and sources."""
        from kg.formats.assessment import SOURCE_PREDICATES

        out = []
        g = self.graph
        for c in claims:
            for q in self.store.quads_for_pattern(self.iri("claim", c), None, None, g):
                out.append(q)
                if q.predicate == _FINDING and isinstance(q.object, ox.NamedNode):
                    out.extend(self.store.quads_for_pattern(q.object, None, None, g))
                    out.extend(x for x in self.store.quads_for_pattern(None, _FINDING, q.object, g)
                               if x.subject != q.subject)
        for s in sources:
            for p in SOURCE_PREDICATES:
                out.extend(self.store.quads_for_pattern(self.iri("source", s), _N(p), None, g))
        return out


def _in(q: ox.Quad, graphs: set[str]) -> bool:
    return isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in graphs


def _components(region: _Region, sources: set[str]) -> set[str]:
    """These sources and every source linked to them by affiliation or authorship."""
    seen, todo = set(sources), list(sources)
    while todo:
        n = region.iri("source", todo.pop())
        linked = [o for p in _AFFILIATION for o in region.objects(n, p)]
        linked += [s for p in _AFFILIATION for s in region.subjects(p, n)]
        for x in region.ids(linked, "source") - seen:
            seen.add(x)
            todo.append(x)
    return seen


#: The index mark that the assessment graph follows the documents, all under one base.
ASSESSED_BASE = _N("urn:credkg:store#assessedBase")
_INDEX = _N("urn:credkg:store")


def base_mark(base: str) -> ox.Quad:
    """The index quad saying the assessment is current and every record is under ``base``."""
    return ox.Quad(_INDEX, ASSESSED_BASE, ox.Literal(base), _INDEX)


def marked_base(store: ox.Store) -> str | None:
    """The base of the mark (:func:`base_mark`), or None without one."""
    marks = [q.object.value for q in store.quads_for_pattern(_INDEX, ASSESSED_BASE, None, _INDEX)
             if isinstance(q.object, ox.Literal)]
    return marks[0] if len(marks) == 1 else None


def _larger_than(store: ox.Store, graph: str, n: int) -> bool:
    """Whether a document graph holds more than ``n`` quads: its count in the store's
    index when it has one (a 1M-claim graph is not walked), else counted up to n + 1."""
    from kg.store.index import _GRAPH, _INDEX, _TRIPLES

    for entry in store.quads_for_pattern(None, _GRAPH, _N(graph), _INDEX):
        for count in store.quads_for_pattern(entry.subject, _TRIPLES, None, _INDEX):
            if isinstance(count.object, ox.Literal):
                return int(count.object.value) > n
    quads = store.quads_for_pattern(None, None, None, _N(graph))
    return next(islice(quads, n, None), None) is not None


def region_update(store: ox.Store, after: Iterable[str], new: Iterable[str],
                  old: Iterable[str]) -> RegionUpdate | None:
    """The assessment graph's update for a change of documents, or None: recompute in full.

    Args:
        store: The store, holding both the new and the old graphs (before the commit).
        after: The document graphs after the change.
        new: The graphs the change adds.
        old: The graphs the change removes.
    """
    from pydantic import ValidationError

    from kg.errors import CredkgError
    from kg.store.reader import _Irregular

    LAST_PHASES.clear()
    t = time.perf_counter()
    base = marked_base(store)
    after = list(after)
    if base is None or not after or store.contains_named_graph(
            _N(f"{base}graph/assessment/truth")):
        return None
    try:
        region = _Region(store, base, after, new, old)
        _lap("measure index", t)
        return _update(region)
    except (_Fallback, _Irregular, CredkgError, ValidationError, ValueError):
        return None


def _lap(phase: str, since: float) -> float:
    """Add the time since ``since`` to ``phase`` in :data:`LAST_PHASES`; the time now."""
    now = time.perf_counter()
    LAST_PHASES[phase] = LAST_PHASES.get(phase, 0.0) + now - since
    return now


def _update(r: _Region) -> RegionUpdate:
    from kg.credibility import assess
    from kg.formats.assessment import assessment_ox_quads
    from kg.model import Dataset

    t = time.perf_counter()
    for g in r.new | r.old:
        if _larger_than(r.store, g, MAX_CHANGED):
            raise _Fallback
    facts = r.changed_facts()
    touched: dict[str, set[str]] = defaultdict(set)
    asserting: set[str] = set()
    changed = {q.subject for q in facts if isinstance(q.subject, ox.NamedNode)}
    for q in facts:
        if q.predicate in _DERIVED:
            continue
        parsed = r.parse(q.subject)
        if parsed is None:
            raise _Fallback
        touched[parsed[0]].add(parsed[1])
        obj = r.parse(q.object)
        if obj is not None and obj[0] == "claim":
            touched["claim"].add(obj[1])
        if obj is not None and obj[0] == "source" and q.predicate == _BY:
            asserting.add(obj[1])
    claims = set(touched["claim"])
    claims |= r.claims_of_assertions(touched["assertion"])
    for v in touched["verdict"]:
        claims |= r.ids(r.objects(r.iri("verdict", v), _REVIEWED), "claim")
    for rep in touched["report"]:
        claims |= r.claims_of_assertions(r.ids(r.subjects(_REPORT, r.iri("report", rep)),
                                               "assertion"))
    changed_sources = touched["source"]
    t = _lap("changed facts", t)
    tracks = _tracks(r, claims, touched["assertion"])
    _check_sources(r, changed_sources)
    graded = changed_sources | asserting | r.sources_of(claims)
    t = _lap("sources", t)
    extra: set[str] = set()
    for _ in range(4):
        base_changed = claims | extra
        region = (base_changed | r.neighbours(base_changed) | r.detected(base_changed)
                  | r.same_measure(r.measure_keys(claims)))
        support = region | r.neighbours(region) | r.same_measure(r.measure_keys(region))
        trusted = r.sources_of(support) | _reviewers(r, support) | graded
        t = _lap("region", t)
        full = support | tracks.behind(
            graded | {s for s in trusted - graded if not r.analysts(s)},
            lambda s: r.behind([s]))
        t = _lap("claims behind grades", t)
        ds = _read(r, full, region, graded, changed)
        t = _lap("read", t)
        a = assess(ds) if ds.claims or ds.sources else None
        t = _lap("assess", t)
        more: set[str] = set()
        for s in graded:
            stored = r.explanation(s)
            if a is not None and s in a.sources and stored is not None and (
                    stored != a.sources[s].explanation):
                n = r.iri("source", s)
                more |= r.claims_of_assertions(r.ids(r.subjects(_BY, n), "assertion"))
                for v in r.subjects(_AUTHOR, n):
                    more |= r.ids(r.objects(v, _REVIEWED), "claim")
        if more <= base_changed:
            break
        extra |= more
    else:
        raise _Fallback
    t = _lap("region", t)
    out = RegionUpdate(r.graph.value, r.current(region, graded), [], region, graded)
    out.dataset, out.result = ds, a
    if a is None:  # nothing left to assess here: the provenance still says what was used
        from types import SimpleNamespace

        from kg.credibility import Policy

        out.dataset, out.result = Dataset(base=r.base), SimpleNamespace(policy=Policy())
    else:
        present = {s for s in graded if s in a.sources}
        out.quads = list(assessment_ox_quads(ds, a, r.graph.value, claims=region,
                                             sources=present,
                                             asserted=r.asserted(present, touched["assertion"])))
    assert isinstance(ds, Dataset)
    out.quads += r.measure_index + tracks.quads
    out.current += r.unmarked + tracks.current
    _lap("quads", t)
    return out


def _tracks(r: _Region, claims: set[str], assertions: set[str]) -> Any:
    """The cache of the claims behind source grades (:mod:`kg.store.tracks`), with the
    claims this change can make count noted for the sources asserting them: ``claims``
    (those the changed facts touch) and those of the assertions citing a changed one."""
    from kg.store.tracks import Tracks

    tracks = Tracks(r.store, r.rest | r.old, r.after, r.iri)
    citing = r.ids((x for a in assertions for x in r.subjects(_CITES, r.iri("assertion", a))),
                   "assertion")
    by: dict[str, set[str]] = defaultdict(set)
    for c in claims | r.claims_of_assertions(citing):
        for a in r.subjects(_CLAIM, r.iri("claim", c)):
            for s in r.ids(r.objects(a, _BY), "source"):
                by[s].add(c)
    tracks.note(by)
    return tracks


def _reviewers(r: _Region, claims: Iterable[str]) -> set[str]:
    return r.ids((o for c in claims for v in r.subjects(_REVIEWED, r.iri("claim", c))
                  for o in r.objects(v, _AUTHOR)), "source")


def _check_sources(r: _Region, changed: set[str]) -> None:
    """Fall back when an existing source changes, or new (gone) ones join (split) classes."""
    before = r.rest | r.old
    links: dict[str, set[str]] = defaultdict(set)
    for s in changed:
        n = r.iri("source", s)
        if r.exists(n, before) and r.exists(n, r.after):
            raise _Fallback
        linked = [o for p in _AFFILIATION for o in r.objects(n, p)]
        linked += [x for p in _AFFILIATION for x in r.subjects(p, n)]
        links[s] = r.ids(linked, "source")
    seen: set[str] = set()
    for s in changed:
        if s in seen:
            continue
        cluster, todo, existing = {s}, [s], set()
        while todo:
            for x in links[todo.pop()]:
                if x not in changed:
                    existing.add(x)
                elif x not in cluster:
                    cluster.add(x)
                    todo.append(x)
        seen |= cluster
        if len(existing) > 1:
            raise _Fallback


def _read(r: _Region, claims: set[str], region: set[str], graded: set[str],
          changed: set[ox.NamedNode]) -> Any:
    """The records the region needs, read from the graphs after the change, as a Dataset.

    Every record the change touches is read too, so that the model checks it as a full
    read would (a record it rejects makes the update fall back to the full read, which
    says what is wrong).
    """
    from kg.model import Dataset
    from kg.store.reader import Props, _build, _Irregular
    from kg.store.record_quads import record_quads

    nodes: set[ox.NamedNode] = set(changed)
    for c in claims:
        n = r.iri("claim", c)
        nodes.add(n)
        nodes |= {q for q in r.objects(n, _QUANTITY) if isinstance(q, ox.NamedNode)}
        for a in r.subjects(_CLAIM, n):
            if isinstance(a, ox.NamedNode):
                nodes.add(a)
                nodes |= {x for x in r.objects(a, _REPORT) if isinstance(x, ox.NamedNode)}
        nodes |= {v for v in r.subjects(_REVIEWED, n) if isinstance(v, ox.NamedNode)}
    sources = r.ids((o for n in nodes for p in _SOURCE_REFS for o in r.objects(n, p)), "source")
    sources |= graded
    nodes |= {r.iri("source", s) for s in _components(r, sources)}
    subjects: dict[str, Props] = defaultdict(lambda: defaultdict(list))
    after = r.after
    for n in nodes:
        for q in record_quads(r.store, n):
            if not _in(q, after):
                continue
            if isinstance(q.object, ox.BlankNode | ox.Triple):
                raise _Irregular
            values = subjects[n.value][q.predicate.value]
            if q.object not in values:
                values.append(q.object)
    present = {f"{r.base}claim/{c}" for c in claims}
    for subject, props in subjects.items():
        parsed = r.parse(ox.NamedNode(subject))
        if parsed is not None and parsed[0] == "claim" and parsed[1] not in region:
            for p in (_CONTRA.value, _HEDGED.value):
                if p in props:
                    props[p] = [o for o in props[p] if getattr(o, "value", None) in present]
    if not subjects:
        return Dataset()
    return _build(subjects, "the store")

