"""Discovered trust in the store: its own named graph, with the run's PROV-O provenance.

``kg discover --store`` learns a trust per source from how its figures agree
with other sources' figures (:mod:`kg.truth`). This module writes that trust
into the store, in a named graph of its own, ``{base}graph/assessment/truth``
(:func:`trust_graph_iri`), apart from the Admiralty grades of the assessment
graph ``{base}graph/assessment``: the credibility engine never reads it, and
recomputing the assessment never touches it. Each run **replaces** the graph.

What the graph holds (``cred:`` terms from ``ontology/credkg.ttl``)::

    <source> cred:discoveredTrust 0.8731 ;       # xsd:decimal in [0, 1]
             cred:figuresCompared 12 .           # the evidence behind it
    <graph>  prov:wasGeneratedBy <run> .
    <run>    a prov:Activity, cred:TruthDiscovery ;
             cred:discoveryMethod "accu" ;
             cred:discoverySettings "{...}" ;    # JSON: parameters, tolerance
             prov:startedAtTime ... ; prov:endedAtTime ... ;
             prov:used <document version graph> ... ;
             prov:wasAssociatedWith <credkg agent> .
    <document version graph> prov:specializationOf <document> ; rdfs:label "doc id" .
    <credkg agent> a prov:SoftwareAgent ; rdfs:label "credkg 0.1.0" ;
                   schema:softwareVersion "0.1.0" .

The ready-made query ``discovered-trust`` (:mod:`kg.store.queries`) lists the
sources with their discovered trust beside their grade, and the run behind it.

Examples:
    >>> import datetime as dt
    >>> from kg.store import Store
    >>> store = Store()
    >>> t = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    >>> run = TrustRun("accu", {"tolerance": 0.0}, t, t, (), "0.1.0",
    ...                (SourceTrust("ria", 0.25, 3), SourceTrust("welt", 0.9, 3)))
    >>> write_trust(store, "https://w3id.org/credkg/id/", run)
    2
    >>> sorted(round(t, 2) for t in read_trust(store).values())
    [0.25, 0.9]
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef

from kg.credibility import DiscoveredTrust
from kg.namespace import CRED, SCHEMA, record_iri
from kg.store.index import ASSESSMENT_GRAPH_NAME, DOCUMENT_BASE, Document

if TYPE_CHECKING:
    from kg.store.base import RdfQuad, StoreBase

__all__ = [
    "TRUTH_GRAPH_NAME",
    "SourceTrust",
    "TrustRun",
    "clear_trust",
    "discovered_trust",
    "read_trust",
    "trust_as_of",
    "trust_documents",
    "trust_graph_iri",
    "trust_graphs",
    "trust_quads",
    "trust_staleness",
    "write_trust",
]

#: The discovered-trust graph of a dataset with base ``base`` is ``{base}graph/`` + this.
TRUTH_GRAPH_NAME = f"{ASSESSMENT_GRAPH_NAME}/truth"
PROV = Namespace("http://www.w3.org/ns/prov#")


@dataclass(frozen=True)
class SourceTrust:
    """One source's discovered trust.

    Attributes:
        source: The source's id.
        trust: The learned trust, in [0, 1].
        figures: How many of its figures met another source's figure for the same measure.
    """

    source: str
    trust: float
    figures: int


@dataclass(frozen=True)
class TrustRun:
    """One run of truth discovery over a store, and what it found.

    Attributes:
        method: The method's name (``kg discover --method``).
        settings: Its settings, as JSON-serialisable values.
        started: When the run started (aware datetime).
        ended: When it ended.
        documents: The document versions it read.
        version: credkg's version.
        sources: The trust found, per source.
    """

    method: str
    settings: Mapping[str, Any]
    started: dt.datetime
    ended: dt.datetime
    documents: Sequence[Document]
    version: str
    sources: Sequence[SourceTrust]


def trust_graph_iri(base: str) -> str:
    """The discovered-trust graph of a store whose data has base ``base``.

    Examples:
        >>> trust_graph_iri("https://w3id.org/credkg/id/")
        'https://w3id.org/credkg/id/graph/assessment/truth'
    """
    return f"{base}graph/{TRUTH_GRAPH_NAME}"


def _time(t: dt.datetime) -> Literal:
    return Literal(t.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
                   datatype=XSD.dateTime)


def trust_quads(base: str, run: TrustRun) -> Iterator[RdfQuad]:
    """The quads of the discovered-trust graph for ``run`` (see the module docstring)."""
    g = URIRef(trust_graph_iri(base))
    activity = URIRef(f"{g}/run/{run.started.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-"
                      f"{uuid.uuid4().hex[:8]}")
    agent = URIRef(f"{base}agent/credkg/{run.version}")
    yield g, PROV.wasGeneratedBy, activity, g
    yield activity, RDF.type, PROV.Activity, g
    yield activity, RDF.type, CRED.TruthDiscovery, g
    yield activity, RDFS.label, Literal(f"truth discovery ({run.method})"), g
    yield activity, CRED.discoveryMethod, Literal(run.method), g
    yield activity, CRED.discoverySettings, Literal(json.dumps(dict(run.settings),
                                                               sort_keys=True)), g
    yield activity, PROV.startedAtTime, _time(run.started), g
    yield activity, PROV.endedAtTime, _time(run.ended), g
    yield activity, PROV.wasAssociatedWith, agent, g
    yield agent, RDF.type, PROV.SoftwareAgent, g
    yield agent, RDFS.label, Literal(f"credkg {run.version}"), g
    yield agent, SCHEMA.softwareVersion, Literal(run.version), g
    for doc in run.documents:
        version = URIRef(doc.graph)
        yield activity, PROV.used, version, g
        yield version, PROV.specializationOf, URIRef(DOCUMENT_BASE + doc.id), g
        yield version, RDFS.label, Literal(doc.id), g
    for s in run.sources:
        node = URIRef(record_iri(base, "source", s.source))
        yield node, CRED.discoveredTrust, Literal(f"{s.trust:.4f}", datatype=XSD.decimal), g
        yield node, CRED.figuresCompared, Literal(str(s.figures), datatype=XSD.integer), g


def trust_graphs(store: StoreBase) -> list[str]:
    """The discovered-trust graphs in the store (one, or none)."""
    return [g.value for g in store.ox.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.endswith(f"graph/{TRUTH_GRAPH_NAME}")]


def clear_trust(store: StoreBase) -> bool:
    """Remove the discovered-trust graph(s); True if there was one."""
    found = trust_graphs(store)
    for g in found:
        store.ox.update(f"DROP SILENT GRAPH {ox.NamedNode(g)}")
    return bool(found)


def write_trust(store: StoreBase, base: str, run: TrustRun) -> int:
    """Replace the store's discovered trust by ``run``'s, in one transaction per graph.

    A graph of another base (the data's base changed) goes too, so that one run's
    trust is all the store holds.

    Returns:
        The number of sources whose trust was written.
    """
    graph = trust_graph_iri(base)
    for other in trust_graphs(store):
        if other != graph:
            store.ox.update(f"DROP SILENT GRAPH {ox.NamedNode(other)}")
    store.replace_graph(graph, trust_quads(base, run))
    return len(run.sources)


def read_trust(store: StoreBase) -> dict[str, float]:
    """Discovered trust per source IRI, as the store holds it (empty if none)."""
    found: dict[str, float] = {}
    for g in trust_graphs(store):
        for q in store.ox.quads_for_pattern(None, ox.NamedNode(str(CRED.discoveredTrust)),
                                            None, ox.NamedNode(g)):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
                found[q.subject.value] = float(q.object.value)
    return found


def discovered_trust(store: ox.Store, base: str) -> dict[str, DiscoveredTrust]:
    """The engine's view of the discovered trust of data with ``base``: per source id,
    its trust and the figures behind it (empty when ``kg discover --store`` never ran)."""
    graph = ox.NamedNode(trust_graph_iri(base))
    prefix = record_iri(base, "source", "")
    def read(prop: Any) -> dict[str, str]:
        return {q.subject.value[len(prefix):]: q.object.value
                for q in store.quads_for_pattern(None, ox.NamedNode(str(prop)), None, graph)
                if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(prefix)
                and isinstance(q.object, ox.Literal)}

    trust, figures = read(CRED.discoveredTrust), read(CRED.figuresCompared)
    return {s: DiscoveredTrust(float(t), int(figures[s])) for s, t in trust.items()
            if s in figures and int(figures[s]) > 0}


def trust_staleness(store: StoreBase) -> str | None:
    """How the store's documents changed since ``kg discover --store`` learned its
    trust, in one line (None when no trust is stored, or none changed).

    The grades take that trust as track-record evidence; it is learned anew only by
    ``kg discover --store``, never by ``kg add``, ``kg remove`` or ``kg reassess``.

    Examples:
        >>> import datetime as dt
        >>> from kg.seed import seed_dataset
        >>> from kg.store import Store
        >>> store = Store()
        >>> _ = store.add_dataset(seed_dataset(), "seed")
        >>> t = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        >>> run = TrustRun("accu", {}, t, t, tuple(store.documents()), "0.1.0",
        ...                (SourceTrust("ria", 0.25, 3),))
        >>> _ = write_trust(store, seed_dataset().base, run)
        >>> trust_staleness(store) is None
        True
        >>> trust_as_of(store, [store.documents()[0].graph]) is None  # learned from it
        True
        >>> print(trust_as_of(store, []))  # doctest: +NORMALIZE_WHITESPACE
        the discovered trust is left out: it was learned from 1 document(s) published
        later or undated (seed)
        >>> _ = store.remove("seed")
        >>> print(trust_staleness(store))
        the discovered trust predates 1 removed document(s) (seed)
    """
    if not trust_graphs(store):
        return None
    used = trust_documents(store)
    now = {d.id: d.graph for d in store.documents()}
    changes = [(what, sorted(ids)) for what, ids in (
        ("added", now.keys() - used.keys()), ("removed", used.keys() - now.keys()),
        ("replaced", {d for d in now.keys() & used.keys() if now[d] != used[d]})) if ids]
    if not changes:
        return None
    said = "; ".join(f"{len(ids)} {what} document(s) ({', '.join(ids[:3])}"
                     f"{', ...' if len(ids) > 3 else ''})" for what, ids in changes)
    return f"the discovered trust predates {said}"


def trust_documents(store: StoreBase) -> dict[str, str]:
    """The documents ``kg discover --store`` learned the stored trust from: id -> the
    graph IRI of the version it read (empty when no trust is stored)."""
    used: dict[str, str] = {}
    used_p, label_p = ox.NamedNode(str(PROV.used)), ox.NamedNode(str(RDFS.label))
    for g in trust_graphs(store):
        node = ox.NamedNode(g)
        for q in store.ox.quads_for_pattern(None, used_p, None, node):
            if isinstance(q.object, ox.NamedNode):
                for label in store.ox.quads_for_pattern(q.object, label_p, None, node):
                    if isinstance(label.object, ox.Literal):
                        used[label.object.value] = q.object.value
    return used


def trust_as_of(store: StoreBase, kept: Collection[str]) -> str | None:
    """Whether grades *as of a date* may take the stored discovered trust: None when
    they may, else a note saying why not.

    ``kept`` are the graph IRIs of the documents published by the date. The trust is
    taken whole when every document it was learned from is among them (it knew
    nothing the date did not), and left out otherwise: learned from a later
    document, it would carry that document's evidence back in time.

    An example is :func:`trust_staleness`'s.
    """
    kept = set(kept)
    later = sorted(d for d, graph in trust_documents(store).items() if graph not in kept)
    if not later:
        return None
    shown = ", ".join(later[:3]) + (", ..." if len(later) > 3 else "")
    return (f"the discovered trust is left out: it was learned from {len(later)} "
            f"document(s) published later or undated ({shown})")
