"""An assessment's own provenance, as PROV-O quads in its assessment graph.

Every assessment a store writes says, beside its grades:

- which credkg made it (``prov:SoftwareAgent`` with its ``schema:softwareVersion``) and
  with which parameters (the engine's :class:`~kg.credibility.Policy`, a ``prov:Plan``
  of class ``cred:Policy``, one ``cred:Parameter`` each: name in ``rdfs:label``, JSON
  value in ``rdf:value``);
- when (``prov:startedAtTime``/``prov:endedAtTime`` of the ``cred:AssessmentActivity``,
  ``prov:generatedAtTime`` of the ``cred:Assessment``);
- from which documents (``cred:Document``, named by the document's graph IRI, with its
  id and the SHA-256 of its content, as the store's index keeps it), and which other
  graphs it read (the discovered trust of ``kg discover --store``);
- who asked for it, where given (``prov:wasAttributedTo`` and ``prov:wasAssociatedWith``
  a ``prov:Agent``);
- and, for each analyst's grade of a source, who set it, when and why (a
  ``cred:AnalystGrade`` with a ``prov:Attribution``), all grades in one
  ``prov:Collection`` named by its content, which the assessment is derived from.

Every subject of these quads has an ``rdf:type`` among :data:`PROVENANCE_TYPES`, so that
the grades can be told from their provenance (:func:`provenance_subjects`).

Examples:
    >>> import datetime as dt
    >>> from kg.seed import seed_dataset
    >>> when = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    >>> record = AssessmentRecord(version="1.0", parameters={"hedge": 0.5}, started=when,
    ...                           ended=when, documents=(), agent="J. Smith")
    >>> quads = list(provenance_quads(seed_dataset(), record, run="r1"))
    >>> g = quads[0][3]
    >>> str(g)
    'https://w3id.org/credkg/id/graph/assessment'
    >>> sorted(str(o) for s, p, o, _ in quads if p == PROV.wasAttributedTo)
    ['https://w3id.org/credkg/id/agent/J.%20Smith', 'https://w3id.org/credkg/id/agent/credkg/1.0']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from kg.formats.assessment import assessment_graph
from kg.formats.rdf import Quad, iri
from kg.model import DEFAULT_BASE, Dataset
from kg.namespace import CRED, SCHEMA
from kg.version import credkg_version

__all__ = [
    "PROVENANCE_TYPES",
    "AssessmentRecord",
    "DocumentVersion",
    "credkg_version",
    "grade_quads",
    "provenance_quads",
    "provenance_subjects",
]

#: The classes of the provenance nodes in an assessment graph (the grades have none).
PROVENANCE_TYPES = frozenset({
    CRED.Assessment, CRED.AssessmentActivity, CRED.Policy, CRED.Parameter, CRED.Document,
    CRED.AnalystGrade, PROV.Agent, PROV.SoftwareAgent, PROV.Association, PROV.Attribution,
    PROV.Collection,
})


@dataclass(frozen=True)
class DocumentVersion:
    """One version of a store's document: its id, its graph and its content's SHA-256."""

    id: str
    graph: str
    hash: str


@dataclass(frozen=True)
class AssessmentRecord:
    """What an assessment's provenance says (see the module docstring).

    Attributes:
        version: The credkg version that made it.
        parameters: The engine's parameters, name -> JSON-able value.
        started: When the assessment began (UTC).
        ended: When it was made (UTC).
        documents: The documents it was made from.
        agent: Who asked for it, if given.
        used: Other entities the engine read (the discovered-trust graph of
            ``kg discover --store``), by IRI.
    """

    version: str
    parameters: Mapping[str, object]
    started: dt.datetime
    ended: dt.datetime
    documents: tuple[DocumentVersion, ...] = ()
    agent: str | None = None
    #: Other entities the engine read, by IRI (e.g. the discovered-trust graph).
    used: tuple[str, ...] = ()
    #: The parameters as JSON texts (what the graph stores and is compared).
    texts: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "texts", {k: _json(v) for k, v in self.parameters.items()})


_IRI = re.compile(r"(?i)^(https?://|urn:)[^\s<>\"{}|\\^`]+$")


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _time(moment: dt.datetime) -> Literal:
    return Literal(moment.astimezone(dt.UTC).isoformat(), datatype=XSD.dateTime)


def agent_iri(base: str, name: str) -> URIRef:
    """The IRI of an agent named ``name``: the name itself when it is an IRI.

    Examples:
        >>> agent_iri("https://example.org/", "J. Smith")
        rdflib.term.URIRef('https://example.org/agent/J.%20Smith')
        >>> agent_iri("https://example.org/", "https://orcid.org/0000-0002-1825-0097")
        rdflib.term.URIRef('https://orcid.org/0000-0002-1825-0097')
    """
    if _IRI.match(name):
        return URIRef(name)
    return URIRef(f"{base}agent/{quote(name, safe='')}")


def _agent(base: str, name: str, g: URIRef) -> Iterator[Quad]:
    a = agent_iri(base, name)
    yield a, RDF.type, PROV.Agent, g
    yield a, RDFS.label, Literal(name), g


def provenance_quads(ds: Dataset, record: AssessmentRecord, *, run: str,
                     kept_grades: str | None = None) -> Iterator[Quad]:
    """The provenance of an assessment of ``ds``, in its assessment graph.

    Args:
        ds: The dataset assessed (its base names the graph and the nodes; its analyst
            grades are stated by :func:`grade_quads`).
        record: What to say.
        run: A unique name of this assessment (e.g. a UUID), part of its nodes' IRIs, so
            that the provenance of two assessments never merges into one node.
        kept_grades: The IRI of the analysts' grades' collection the graph already
            holds, when they are the same as before: the run then links to it, and
            ``ds``'s grades are not stated again.
    """
    base, g = ds.base, assessment_graph(ds.base)
    entity = URIRef(f"{base}assessment/{run}")
    activity = URIRef(f"{entity}/activity")
    association = URIRef(f"{entity}/association")
    policy = URIRef(f"{entity}/policy")
    engine = URIRef(f"{base}agent/credkg/{quote(record.version, safe='')}")
    yield entity, RDF.type, CRED.Assessment, g
    yield entity, RDF.type, PROV.Entity, g
    yield entity, PROV.wasGeneratedBy, activity, g
    yield entity, PROV.generatedAtTime, _time(record.ended), g
    yield entity, PROV.wasAttributedTo, engine, g
    yield activity, RDF.type, CRED.AssessmentActivity, g
    yield activity, RDF.type, PROV.Activity, g
    yield activity, PROV.startedAtTime, _time(record.started), g
    yield activity, PROV.endedAtTime, _time(record.ended), g
    yield activity, PROV.wasAssociatedWith, engine, g
    yield activity, PROV.qualifiedAssociation, association, g
    yield association, RDF.type, PROV.Association, g
    yield association, PROV.agent, engine, g
    yield association, PROV.hadPlan, policy, g
    yield engine, RDF.type, PROV.SoftwareAgent, g
    yield engine, RDF.type, PROV.Agent, g
    yield engine, RDFS.label, Literal("credkg"), g
    yield engine, SCHEMA.softwareVersion, Literal(record.version), g
    yield policy, RDF.type, CRED.Policy, g
    yield policy, RDF.type, PROV.Plan, g
    for name, text in sorted(record.texts.items()):
        parameter = URIRef(f"{policy}/{quote(name, safe='')}")
        yield policy, CRED.parameter, parameter, g
        yield parameter, RDF.type, CRED.Parameter, g
        yield parameter, RDFS.label, Literal(name), g
        yield parameter, RDF.value, Literal(text), g
    if record.agent is not None:
        asker = agent_iri(base, record.agent)
        yield from _agent(base, record.agent, g)
        yield entity, PROV.wasAttributedTo, asker, g
        yield activity, PROV.wasAssociatedWith, asker, g
    for d in record.documents:
        doc = URIRef(d.graph)
        yield doc, RDF.type, CRED.Document, g
        yield doc, RDF.type, PROV.Entity, g
        yield doc, CRED.documentId, Literal(d.id), g
        yield doc, CRED.contentHash, Literal(d.hash), g
        yield doc, PROV.specializationOf, URIRef(f"{DEFAULT_BASE}document/{d.id}"), g
        yield activity, PROV.used, doc, g
        yield entity, PROV.wasDerivedFrom, doc, g
    for other in record.used:
        yield activity, PROV.used, URIRef(other), g
        yield entity, PROV.wasDerivedFrom, URIRef(other), g
    if kept_grades is not None:
        yield activity, PROV.used, URIRef(kept_grades), g
        yield entity, PROV.wasDerivedFrom, URIRef(kept_grades), g
        return
    grades = list(grade_quads(ds))
    if grades:
        # the grades as one collection, named by its content: a run links to it by two
        # statements, and an assessment that changes no grade rewrites none of its quads
        digest = hashlib.sha256("\n".join(sorted(
            f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o, _ in grades)).encode()).hexdigest()
        collection = URIRef(f"{base}assessment/analyst-grades/{digest[:16]}")
        yield collection, RDF.type, PROV.Collection, g
        yield collection, RDF.type, PROV.Entity, g
        yield activity, PROV.used, collection, g
        yield entity, PROV.wasDerivedFrom, collection, g
        for s, p, o, _ in grades:
            if p == CRED.gradeOf:
                yield collection, PROV.hadMember, s, g
            yield s, p, o, g


def grade_quads(ds: Dataset) -> Iterator[Quad]:
    """Each analyst's grade of a source as PROV: who set it, when and why, where given.

    Examples:
        >>> from kg.model import Dataset, Source
        >>> ds = Dataset(sources=[Source(id="ria", kind="news_outlet", name="RIA",
        ...     reliability="D", reliability_set_by="J. Smith",
        ...     reliability_set_at="2024-11-10", reliability_why="state-owned")])
        >>> for s, p, o, _ in grade_quads(ds):
        ...     if p in (PROV.value, PROV.atTime, RDFS.comment):
        ...         print(str(p).split("#")[1], o)
        value D
        atTime 2024-11-10
        comment state-owned
    """
    base, g = ds.base, assessment_graph(ds.base)
    for s in ds.sources:
        if s.reliability is None:
            continue
        source = iri(base, "source", s.id)
        grade = URIRef(f"{source}/analyst-grade")
        yield grade, RDF.type, CRED.AnalystGrade, g
        yield grade, RDF.type, PROV.Entity, g
        yield grade, CRED.gradeOf, source, g
        yield grade, PROV.value, Literal(s.reliability), g
        if s.reliability_set_at is not None:
            yield grade, PROV.generatedAtTime, Literal(s.reliability_set_at), g
        if s.reliability_set_by is None and s.reliability_set_at is None \
                and s.reliability_why is None:
            continue
        attribution = URIRef(f"{grade}/attribution")
        yield grade, PROV.qualifiedAttribution, attribution, g
        yield attribution, RDF.type, PROV.Attribution, g
        if s.reliability_set_by is not None:
            yield from _agent(base, s.reliability_set_by, g)
            yield grade, PROV.wasAttributedTo, agent_iri(base, s.reliability_set_by), g
            yield attribution, PROV.agent, agent_iri(base, s.reliability_set_by), g
        if s.reliability_set_at is not None:
            yield attribution, PROV.atTime, Literal(s.reliability_set_at), g
        if s.reliability_why is not None:
            yield attribution, RDFS.comment, Literal(s.reliability_why), g


def provenance_subjects(triples: Iterable[tuple[Node, Node, Node]]) -> set[Node]:
    """The subjects of ``triples`` that are provenance nodes (typed in :data:`PROVENANCE_TYPES`).

    Examples:
        >>> from kg.seed import seed_dataset
        >>> import datetime as dt
        >>> now = dt.datetime.now(dt.UTC)
        >>> record = AssessmentRecord(version="1", parameters={}, started=now, ended=now)
        >>> quads = list(provenance_quads(seed_dataset(), record, run="r"))
        >>> {s for s, *_ in quads} == provenance_subjects((s, p, o) for s, p, o, _ in quads)
        True
    """
    return {s for s, p, o in triples if p == RDF.type and o in PROVENANCE_TYPES}
