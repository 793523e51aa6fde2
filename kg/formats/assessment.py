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
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import cast

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.term import Node

from kg.assessed import AssessmentLike, ClaimAssessmentLike, FindingLike
from kg.formats.rdf import Quad
from kg.model import UNNAMED_KINDS, Dataset
from kg.namespace import CRED, record_iri

__all__ = ["FINDING_TYPE", "SOURCE_PREDICATES", "assessment_graph", "assessment_lines",
           "assessment_ox_quads", "assessment_quads", "finding_iri", "nt_literal"]

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


def finding_iri(base: str, f: FindingLike) -> str:
    """The IRI of a finding: ``{base}finding/{kind}/{claim}/{digest of what it concerns}``."""
    digest = hashlib.sha1("|".join((f.kind, f.subject, *f.concerns)).encode()).hexdigest()[:12]
    return f"{base}finding/{f.kind.replace('_', '-')}/{f.subject}/{digest}"


_DECIMAL, _INTEGER = str(XSD.decimal), str(XSD.integer)
_P = {name: str(CRED[name]) for name in (
    "reliability", "score", "reliabilityScore", "explanation", "claimsAsserted", "credibility",
    "independentOrigins", "namedOrigins", "origin", "contradicts", "findingType", "finding",
    "concerns", "interestedParty", "distortedBy")}
_TYPE, _COMMENT, _FINDING = str(RDF.type), str(RDFS.comment), str(CRED.Finding)
_FINDING_TYPE = {k: str(v) for k, v in FINDING_TYPE.items()}
#: The predicates of a source's own assessment (a source may also carry ``cred:finding``
#: links, which belong to the claim whose finding they name).
SOURCE_PREDICATES = tuple(_P[p] for p in ("reliability", "score", "reliabilityScore",
                                          "explanation", "claimsAsserted"))

#: An object: ("i", IRI) or ("l", text, datatype IRI or None).
_Obj = tuple[str, str] | tuple[str, str, str | None]
_Row = tuple[str, str, _Obj]


def _lookups(ds: Dataset, asserted: Mapping[str, int] | None = None,
             ) -> tuple[Mapping[str, int], dict[str, bool], dict[str, str]]:
    """What the rows look up: the number of claims each source asserts (``asserted`` if
    given), whether each assertion's source is named, and the kind of record each id names."""
    if asserted is None:
        asserted = Counter(source for source, _ in {(x.source, x.claim) for x in ds.assertions})
    named_source = {x.id: x.kind not in UNNAMED_KINDS for x in ds.sources}
    named_assertion = {x.id: named_source.get(x.source, False) for x in ds.assertions}
    kinds: dict[str, str] = {}  # as Dataset's index: a later kind wins a shared id
    for kind, records in (("source", ds.sources), ("report", ds.reports), ("claim", ds.claims),
                          ("assertion", ds.assertions), ("verdict", ds.verdicts)):
        for r in records:
            kinds[r.id] = kind
    return asserted, named_assertion, kinds


def _rows(ds: Dataset, a: AssessmentLike, claims: Collection[str] | None = None,
          sources: Collection[str] | None = None,
          asserted: Mapping[str, int] | None = None) -> Iterator[_Row]:
    """The assessment as (subject IRI, predicate IRI, object) rows, terms left to the caller.

    ``claims`` / ``sources`` restrict the rows to those claims (with their findings and the
    detected contradictions they state) and those sources; ``asserted`` gives the number of
    claims each source asserts where ``ds`` holds only part of the store.
    """
    base = ds.base
    asserted, named_assertion, kinds = _lookups(ds, asserted)
    p = _P
    for sid, sa in a.sources.items():
        if sources is not None and sid not in sources:
            continue
        n = record_iri(base, "source", sid)
        score: _Obj = ("l", f"{sa.score:.4f}", _DECIMAL)
        yield n, p["reliability"], ("l", sa.grade, None)
        yield n, p["score"], score
        yield n, p["reliabilityScore"], score  # the same value, which only sources carry
        yield n, p["explanation"], ("l", sa.explanation, None)
        yield n, p["claimsAsserted"], ("l", str(asserted.get(sid, 0)), _INTEGER)
    wanted = a.claims if claims is None else [c for c in claims if c in a.claims]
    for cid in wanted:
        ca = a.claims[cid]
        n = record_iri(base, "claim", cid)
        yield n, p["credibility"], ("l", str(ca.grade), _INTEGER)
        yield n, p["score"], ("l", f"{ca.score:.4f}", _DECIMAL)
        yield n, p["explanation"], ("l", ca.explanation, None)
        yield n, p["independentOrigins"], ("l", str(ca.independent_origins), _INTEGER)
        named = sum(1 for o in ca.origins if named_assertion.get(o, False))
        yield n, p["namedOrigins"], ("l", str(named), _INTEGER)
        for o in ca.origins:
            yield n, p["origin"], ("i", record_iri(base, "assertion", o))
        if claims is None:  # the whole assessment: each claim's findings, then forget them
            yield from _finding_rows(base, ca.findings, kinds)
            release = getattr(ca, "release", None)
            if release is not None:
                release()  # 1M claims' worked-out factors and findings would stay in memory
    for dc in a.detected:
        x, y = (record_iri(base, "claim", c) for c in dc.claims)
        if claims is None or dc.claims[0] in claims:
            yield x, p["contradicts"], ("i", y)
        if claims is None or dc.claims[1] in claims:
            yield y, p["contradicts"], ("i", x)
    if claims is not None:
        yield from _finding_rows(base, [f for c in wanted for f in a.claims[c].findings], kinds)


def _finding_rows(base: str, findings: Iterable[FindingLike],
                  kinds: Mapping[str, str]) -> Iterator[_Row]:
    p = _P
    for f in findings:
        n = finding_iri(base, f)
        yield n, _TYPE, ("i", _FINDING)
        yield n, p["findingType"], ("i", _FINDING_TYPE[f.kind])
        yield n, _COMMENT, ("l", f.text, None)
        yield record_iri(base, "claim", f.subject), p["finding"], ("i", n)
        for kind, c, role in _concerned(f, kinds):
            iri = record_iri(base, kind, c)
            yield n, p["concerns"], ("i", iri)
            if role is not None:
                yield n, p[role], ("i", iri)
                if role == _LINKED_BACK:
                    yield iri, p["finding"], ("i", n)


#: The role of the one concerned that also links to the finding by ``cred:finding``.
_LINKED_BACK = "interestedParty"


def _concerned(f: FindingLike, kinds: Mapping[str, str]
               ) -> Iterator[tuple[str, str, str | None]]:
    """Each thing a finding concerns: its record kind, its id, and the predicate (a name
    of :data:`_P`) stating its role besides ``cred:concerns``: an interested-party
    finding's party (the first it concerns), a distortion's relaying source (the source
    among the assertions it concerns); None for the rest.

    Examples:
        >>> from kg.credibility.results import Finding
        >>> f = Finding("distortion", "c", ("a1", "a2", "s"), str)
        >>> list(_concerned(f, {"a1": "assertion", "a2": "assertion", "s": "source"}))
        [('assertion', 'a1', None), ('assertion', 'a2', None), ('source', 's', 'distortedBy')]
    """
    party = f.kind == "interested_party"
    relay = f.kind == "distortion"
    for c in f.concerns:
        if party:
            yield "source", c, _LINKED_BACK
            party = False
            continue
        kind = kinds.get(c, "source")
        yield kind, c, "distortedBy" if relay and kind == "source" else None


def assessment_quads(ds: Dataset, a: AssessmentLike) -> Iterator[Quad]:
    """The assessment as rdflib quads in :func:`assessment_graph`: grades, scores, findings."""
    g = assessment_graph(ds.base)
    literals: dict[tuple[str, str | None], Literal] = {}
    for s, p, o in _rows(ds, a):
        if o[0] == "i":
            obj: Node = URIRef(o[1])
        else:
            key = (o[1], o[2])  # type: ignore[misc]
            obj = literals.get(key)  # type: ignore[assignment]
            if obj is None:
                obj = literals[key] = Literal(key[0], datatype=None if key[1] is None
                                              else URIRef(key[1]))
        yield URIRef(s), URIRef(p), obj, g


def assessment_ox_quads(ds: Dataset, a: AssessmentLike, graph: str, *,
                        claims: Collection[str] | None = None,
                        sources: Collection[str] | None = None,
                        asserted: Mapping[str, int] | None = None) -> Iterator[ox.Quad]:
    """The assessment as pyoxigraph quads in ``graph``, without rdflib terms.

    The same triples as :func:`assessment_quads` (restricted as by ``claims``, ``sources``
    and ``asserted``: see :func:`_rows`); repeated terms are made once. Decimals are
    written in the canonical form pyoxigraph stores (``0.55``, not ``0.5500``), so that
    an unchanged quad compares equal to the stored one.

    Examples:
        >>> from kg.credibility import assess
        >>> from kg.seed import seed_dataset
        >>> ds = seed_dataset()
        >>> a = assess(ds)
        >>> g = str(assessment_graph(ds.base))
        >>> ours = [(str(q.subject), str(q.predicate), q.object.value)
        ...         for q in assessment_ox_quads(ds, a, g)]
        >>> theirs = [(s.n3(), p.n3(), str(o)) for s, p, o, _ in assessment_quads(ds, a)]
        >>> len(ours) == len(theirs), ours[1][1:], theirs[1][2]
        (True, ('<https://w3id.org/credkg/ns#score>', '0'), '0.0000')
    """
    g = ox.NamedNode(graph)
    nodes: dict[str, ox.NamedNode] = {}
    literals: dict[tuple[str, str | None], ox.Literal] = {}
    xsd = {None: None, _DECIMAL: ox.NamedNode(_DECIMAL), _INTEGER: ox.NamedNode(_INTEGER)}
    node = ox.NamedNode
    for s, p, o in _rows(ds, a, claims, sources, asserted):
        if o[0] == "i":
            obj: ox.NamedNode | ox.Literal = node(o[1])
        else:
            key = (o[1], o[2])  # type: ignore[misc]
            obj = literals.get(key)  # type: ignore[assignment]
            if obj is None:
                text = key[0]
                if key[1] == _DECIMAL and "." in text:  # as the store keeps it: 0.5500 -> 0.55
                    text = text.rstrip("0").rstrip(".")
                obj = ox.Literal(text, datatype=xsd[key[1]])
                if len(key[0]) < 24:
                    literals[key] = obj
        pred = nodes.get(p)
        if pred is None:
            pred = nodes[p] = node(p)
        yield ox.Quad(node(s), pred, obj, g)


#: How N-Triples (and pyoxigraph's serialiser) write the characters a string literal escapes.
_ESCAPES = {**{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F)},
            ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r",
            ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"}
_NEEDS_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f]')


def nt_literal(text: str, datatype: str | None = None) -> str:
    """A literal as pyoxigraph writes it in N-Triples (so that lines compare equal).

    Examples:
        >>> print(nt_literal('say "hi"'))
        "say \\"hi\\""
        >>> import pyoxigraph as ox
        >>> nt_literal("a\\tb\\x01") == str(ox.Literal("a\\tb\\x01"))
        True
        >>> nt_literal("0.55", _DECIMAL)
        '"0.55"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """
    if _NEEDS_ESCAPE.search(text) is not None:
        text = text.translate(_ESCAPES)
    return f'"{text}"' if datatype is None else f'"{text}"^^<{datatype}>'


def assessment_lines(ds: Dataset, a: AssessmentLike) -> Iterator[str]:
    """The triples of :func:`assessment_ox_quads` as N-Triples lines (no newline), each
    written as pyoxigraph's serialiser writes it, so that a line of the store's dump of
    the graph and the line of the same triple here are equal strings.

    Making a pyoxigraph term costs more than formatting its text: a store's full
    assessment (13.45M triples at 1M claims) is written by its bulk loader from text.

    Examples:
        >>> from kg.credibility import assess
        >>> from kg.seed import seed_dataset
        >>> ds = seed_dataset()
        >>> a = assess(ds)
        >>> g = str(assessment_graph(ds.base))
        >>> expected = [f"{q.subject} {q.predicate} {q.object} ."
        ...             for q in assessment_ox_quads(ds, a, g)]
        >>> list(assessment_lines(ds, a)) == expected
        True
    """
    base = ds.base
    asserted, named_assertion, kinds = _lookups(ds)
    p = {name: f"<{iri}>" for name, iri in _P.items()}
    credibility, score, explanation, independent = (
        p["credibility"], p["score"], p["explanation"], p["independentOrigins"])
    named_origins, origin, finding, concerns = (
        p["namedOrigins"], p["origin"], p["finding"], p["concerns"])
    is_a, finding_type, comment = f"<{_TYPE}>", p["findingType"], f"<{_COMMENT}>"
    a_finding = f"<{_FINDING}>"
    types = {k: f"<{v}>" for k, v in _FINDING_TYPE.items()}
    integer = _short_memo(lambda text: nt_literal(text, _INTEGER))
    decimal = _short_memo(lambda text: nt_literal(  # as the store keeps it: 0.5500 -> 0.55
        text.rstrip("0").rstrip(".") if "." in text else text, _DECIMAL))
    literal = _short_memo(nt_literal)

    for sid, sa in a.sources.items():
        n = f"<{base}source/{sid}>"
        yield f"{n} {p['reliability']} {literal(sa.grade)} ."
        value = decimal(f"{sa.score:.4f}")
        yield f"{n} {score} {value} ."
        yield f"{n} {p['reliabilityScore']} {value} ."  # the same value, only sources carry
        yield f"{n} {explanation} {literal(sa.explanation)} ."
        yield f"{n} {p['claimsAsserted']} {integer(str(asserted.get(sid, 0)))} ."
    for cid, ca in a.claims.items():
        n = f"<{base}claim/{cid}>"
        text, findings = _written(ca)
        yield f"{n} {credibility} {integer(str(ca.grade))} ."
        yield f"{n} {score} {decimal(f'{ca.score:.4f}')} ."
        yield f"{n} {explanation} {literal(text)} ."
        yield f"{n} {independent} {integer(str(ca.independent_origins))} ."
        named = 0
        for o in ca.origins:
            if named_assertion.get(o, False):
                named += 1
        yield f"{n} {named_origins} {integer(str(named))} ."
        for o in ca.origins:
            yield f"{n} {origin} <{base}assertion/{o}> ."
        for f in findings:
            fn = f"<{finding_iri(base, f)}>"
            yield f"{fn} {is_a} {a_finding} ."
            yield f"{fn} {finding_type} {types[f.kind]} ."
            yield f"{fn} {comment} {literal(f.text)} ."
            yield f"<{base}claim/{f.subject}> {finding} {fn} ."
            for kind, c, role in _concerned(f, kinds):
                iri = f"<{base}{kind}/{c}>"
                yield f"{fn} {concerns} {iri} ."
                if role is not None:
                    yield f"{fn} {p[role]} {iri} ."
                    if role == _LINKED_BACK:
                        yield f"{iri} {finding} {fn} ."
    contradicts = p["contradicts"]
    for dc in a.detected:
        x, y = (f"<{base}claim/{c}>" for c in dc.claims)
        yield f"{x} {contradicts} {y} ."
        yield f"{y} {contradicts} {x} ."


def _short_memo(make: Callable[[str], str]) -> Callable[[str], str]:
    """``make``, remembering what it made of texts under 24 characters (grades, numbers,
    short names: the same few again and again across a store's lines).

    Examples:
        >>> upper = _short_memo(str.upper)
        >>> upper("a"), upper("a") is upper("a")
        ('A', True)
    """
    made: dict[str, str] = {}

    def get(text: str) -> str:
        obj = made.get(text)
        if obj is None:
            obj = make(text)
            if len(text) < 24:
                made[text] = obj
        return obj

    return get


def _written(ca: ClaimAssessmentLike) -> tuple[str, Sequence[FindingLike]]:
    """A claim's explanation and findings, worked out for this once and kept nowhere:
    1M claims' worth would otherwise stay in memory."""
    written = getattr(ca, "written", None)
    if written is not None:
        return cast("tuple[str, Sequence[FindingLike]]", written())
    text, findings = ca.explanation, ca.findings
    release = getattr(ca, "release", None)
    if release is not None:
        release()
    return text, findings
