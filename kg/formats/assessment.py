"""An assessment as RDF: grades, scores, explanations and findings in their own named graph.

The credibility engine (:mod:`kg.credibility`) returns plain results and writes
no RDF; this module turns them into quads of the ``cred:`` vocabulary. It reads
the results through the protocols of :mod:`kg.assessed`, so the RDF layer does
not import the engine above it.

Examples:
    >>> from kg.credibility import assess
    >>> from kg.seed import seed_dataset
    >>> ds = seed_dataset()
    >>> quads = list(assessment_quads(ds, assess(ds)))
    >>> {g for *_, g in quads} == {assessment_graph(ds.base)}
    True
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from rdflib import RDF, RDFS, XSD, Literal, URIRef

from kg.assessed import AssessmentLike, FindingLike
from kg.formats.rdf import Quad, iri
from kg.model import UNNAMED_KINDS, Dataset
from kg.namespace import CRED

__all__ = ["FINDING_TYPE", "assessment_graph", "assessment_quads"]

#: The class of each kind of finding.
FINDING_TYPE = {
    "false_confirmation": CRED.FalseConfirmation,
    "circular_reporting": CRED.CircularReporting,
    "single_origin": CRED.SingleOrigin,
    "unjudgeable_origin": CRED.UnjudgeableOrigin,
    "interested_party": CRED.InterestedParty,
    "detected_contradiction": CRED.DetectedContradiction,
    "distortion": CRED.Distortion,
    "endorsement": CRED.Endorsement,
    "against_interest": CRED.AgainstInterest,
    "hedged_contradiction": CRED.HedgedContradiction,
    "forecast_revision": CRED.ForecastRevision,
    "not_comparable": CRED.NotComparable,
}


def assessment_graph(base: str) -> URIRef:
    """The named graph that holds a dataset's assessment."""
    return URIRef(f"{base}graph/assessment")


def _finding_iri(base: str, f: FindingLike) -> URIRef:
    digest = hashlib.sha1("|".join((f.kind, f.subject, *f.concerns)).encode()).hexdigest()[:12]
    return URIRef(f"{base}finding/{f.kind.replace('_', '-')}/{f.subject}/{digest}")


def _decimal(x: float) -> Literal:
    return _typed(f"{x:.4f}", XSD.decimal)


def _integer(n: int) -> Literal:
    return _typed(str(n), XSD.integer)


@lru_cache(maxsize=65536)
def _typed(text: str, datatype: URIRef) -> Literal:
    """A typed literal, made once per value: building rdflib literals was most of
    the time of turning an assessment into quads (grades, counts and 4-decimal
    scores repeat)."""
    return Literal(text, datatype=datatype)


def assessment_quads(ds: Dataset, a: AssessmentLike) -> Iterator[Quad]:
    """The assessment as quads in :func:`assessment_graph`: grades, scores, findings."""
    g = assessment_graph(ds.base)
    base = ds.base
    asserted = Counter(source for source, _ in {(x.source, x.claim) for x in ds.assertions})
    named_source = {x.id: x.kind not in UNNAMED_KINDS for x in ds.sources}
    named_assertion = {x.id: named_source.get(x.source, False) for x in ds.assertions}
    for sid, sa in a.sources.items():
        n = iri(base, "source", sid)
        yield n, CRED.reliability, Literal(sa.grade), g
        yield n, CRED.score, _decimal(sa.score), g
        yield n, CRED.explanation, Literal(sa.explanation), g
        yield n, CRED.claimsAsserted, _integer(asserted[sid]), g
    for cid, ca in a.claims.items():
        n = iri(base, "claim", cid)
        yield n, CRED.credibility, _integer(ca.grade), g
        yield n, CRED.score, _decimal(ca.score), g
        yield n, CRED.explanation, Literal(ca.explanation), g
        yield n, CRED.independentOrigins, _integer(ca.independent_origins), g
        named = sum(1 for o in ca.origins if named_assertion.get(o, False))
        yield n, CRED.namedOrigins, _integer(named), g
        for o in ca.origins:
            yield n, CRED.origin, iri(base, "assertion", o), g
    for dc in a.detected:
        x, y = (iri(base, "claim", c) for c in dc.claims)
        yield x, CRED.contradicts, y, g
        yield y, CRED.contradicts, x, g
    segment = {"interested_party": "source"}
    for f in a.findings:
        n = _finding_iri(base, f)
        yield n, RDF.type, CRED.Finding, g
        yield n, CRED.findingType, FINDING_TYPE[f.kind], g
        yield n, RDFS.comment, Literal(f.text), g
        yield iri(base, "claim", f.subject), CRED.finding, n, g
        for i, c in enumerate(f.concerns):
            kind = _kind_of(ds, c) if not (i == 0 and f.kind in segment) else segment[f.kind]
            yield n, CRED.concerns, iri(base, kind, c), g
            if kind == "source" and f.kind == "interested_party" and i == 0:
                yield iri(base, "source", c), CRED.finding, n, g


def _kind_of(ds: Dataset, record_id: str) -> str:
    record = ds._index.get(record_id)
    return type(record).__name__.lower() if record is not None else "source"
