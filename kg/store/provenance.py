"""The provenance a store writes with each assessment, and reading it back.

:func:`assessment_provenance` is what :class:`kg.store.Store` adds to every assessment
graph it writes: the PROV-O of :mod:`kg.formats.assessment_provenance` (credkg's
version, the engine's parameters, when, from which documents, who asked).
:func:`stored_provenance` reads it back; :func:`provenance_bundle` gives it as one
rdflib graph, a ``prov:Bundle`` (``kg export --assessment``).

Examples:
    >>> from kg.seed import seed_dataset
    >>> from kg.store import Store
    >>> store = Store()
    >>> store.agent = "J. Smith"
    >>> _ = store.add_dataset(seed_dataset(), "seed")
    >>> record = stored_provenance(store)
    >>> [d.id for d in record.documents], record.agent
    (['seed'], 'J. Smith')
    >>> record.documents[0].hash == store.document("seed").hash
    True
    >>> record.texts["hedge"]
    '0.5'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib import Dataset as RDFDataset
from rdflib.namespace import PROV

from kg.formats.assessment import assessment_graph
from kg.formats.assessment_provenance import (
    AssessmentRecord,
    DocumentVersion,
    provenance_quads,
)
from kg.model import Dataset
from kg.namespace import CRED, SCHEMA
from kg.store.index import ASSESSMENT_GRAPH_NAME, DOCUMENT_BASE
from kg.store.terms import from_ox, to_ox_quad

if TYPE_CHECKING:
    from kg.store.base import StoreBase
    from kg.store.region import RegionUpdate

__all__ = [
    "BUNDLE_FORMATS",
    "assessment_provenance",
    "engine_parameters",
    "now",
    "provenance_bundle",
    "provenance_nodes",
    "provenance_triples",
    "read_record",
    "region_provenance",
    "stored_provenance",
    "write_provenance_bundle",
]

#: Formats of ``kg export --assessment``: name -> file suffix. In TriG and N-Quads the
#: statements sit in the bundle's named graph, as PROV-O describes a bundle.
BUNDLE_FORMATS = {"turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt", "trig": ".trig",
                  "nquads": ".nq"}

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_AGENT = ox.NamedNode(str(PROV.agent))
#: The classes of the nodes of the analysts' grades in an assessment's provenance.
_GRADE_TYPES = (CRED.AnalystGrade, PROV.Attribution, PROV.Collection)
_ASSESSMENT = ox.NamedNode(str(CRED.Assessment))


def now() -> dt.datetime:
    """The time now, in UTC, to the second (when an assessment starts or ends)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def engine_parameters(policy: object) -> dict[str, object]:
    """The engine's parameters, name -> JSON-able value (the fields of its ``Policy``).

    Examples:
        >>> from kg.credibility import Policy
        >>> engine_parameters(Policy())["fidelity"]["A"]
        0.99
    """
    if not dataclasses.is_dataclass(policy) or isinstance(policy, type):
        return {}
    values = {f.name: getattr(policy, f.name) for f in dataclasses.fields(policy)}
    return {k: json.loads(json.dumps(dict(v) if isinstance(v, Mapping) else v, sort_keys=True))
            for k, v in values.items()}


def _documents(store: StoreBase, graphs: Iterable[str]) -> tuple[DocumentVersion, ...]:
    """The documents held in ``graphs``: from the index, or (a graph being committed) from
    the digests the store noted when it wrote the graph."""
    known = {d.graph: d for d in store.documents()}
    fresh: Mapping[str, str] = getattr(store, "_fresh_digests", {})
    out = []
    for g in graphs:
        if g in known:
            out.append(DocumentVersion(known[g].id, g, known[g].hash))
        elif g.startswith(DOCUMENT_BASE):
            doc, _, version = g[len(DOCUMENT_BASE):].rpartition("/")
            out.append(DocumentVersion(doc, g, fresh.get(g, version.split("-")[0])))
    return tuple(sorted(out, key=lambda d: d.id))


def _trust_graph(base: str) -> str:
    """The discovered-trust graph the engine reads (``kg.store.trust.trust_graph_iri``;
    not imported, as that module imports the store that imports this one)."""
    return f"{base}graph/{ASSESSMENT_GRAPH_NAME}/truth"


def assessment_provenance(
    store: StoreBase, ds: Dataset, result: object, graphs: Iterable[str], started: dt.datetime,
    kept_grades: str | None = None,
) -> list[ox.Quad]:
    """The provenance quads of an assessment ``result`` of ``ds`` (the union of ``graphs``).

    Who asked is the store's ``agent`` attribute (``kg add --agent``), if set;
    ``kept_grades``: see :func:`~kg.formats.assessment_provenance.provenance_quads`.
    """
    from kg.formats.assessment_provenance import credkg_version  # looked up when called

    record = AssessmentRecord(
        version=credkg_version(),
        parameters=engine_parameters(getattr(result, "policy", None)),
        started=started,
        ended=now(),
        documents=_documents(store, graphs),
        agent=getattr(store, "agent", None),
        used=tuple(g for g in (_trust_graph(ds.base),)
                   if store.ox.contains_named_graph(ox.NamedNode(g))),
    )
    graph = ox.NamedNode(str(assessment_graph(ds.base)))
    return [to_ox_quad(s, p, o, graph)
            for s, p, o, _ in provenance_quads(ds, record, run=uuid.uuid4().hex,
                                               kept_grades=kept_grades)]


def provenance_nodes(store: StoreBase, *, but_grades: bool = False
                     ) -> set[ox.NamedNode | ox.BlankNode]:
    """The provenance nodes of the store's assessment graphs (found from their types).

    The rest of an assessment graph, the grades, scores and findings, is what a full
    recompute must give again; these nodes differ from one assessment to the next.
    With ``but_grades``, the nodes of the analysts' grades are left out (each grade, its
    attribution, the agent who set it, and their collection): an assessment that keeps
    them as they are need not read them.
    """
    skip = {ox.NamedNode(str(t)) for t in _GRADE_TYPES} if but_grades else set()
    nodes: set[ox.NamedNode | ox.BlankNode] = set()
    for graph in store.assessment_graphs():
        graders = {q.object for q in store.ox.quads_for_pattern(None, _AGENT, None, graph)
                   if isinstance(q.subject, ox.NamedNode)
                   and q.subject.value.endswith("/attribution")} if but_grades else set()
        for kind in _provenance_types():
            if kind in skip:
                continue
            for q in store.ox.quads_for_pattern(None, _RDF_TYPE, kind, graph):
                if isinstance(q.subject, ox.NamedNode | ox.BlankNode) \
                        and q.subject not in graders:
                    nodes.add(q.subject)
    return nodes


def region_provenance(store: StoreBase, update: RegionUpdate, graphs: list[str],
                      new: Iterable[str], old: Iterable[str], started: dt.datetime) -> None:
    """Put into ``update`` (an incremental assessment of the union of ``graphs``, after a
    change that adds the document graphs ``new`` and removes ``old``) the provenance it
    replaces and its own, which replaces the previous one whole: every analyst's grade of
    the store, not only the region's. When the change leaves the grades as they were
    (:func:`~kg.store.analyst_grades.grades_untouched`), their part is kept, unread
    (at 1M claims and 5,900 graded sources, 0.7 s of reading and 30,000 quads made,
    then compared, for nothing)."""
    from kg.store.analyst_grades import analyst_graded, grades_untouched, kept_collection

    kept = kept_collection(store.ox, update.graph) \
        if grades_untouched(store.ox, graphs, new, old) else None
    graph = ox.NamedNode(update.graph)
    for node in provenance_nodes(store, but_grades=kept is not None):
        update.current.extend(store.ox.quads_for_pattern(node, None, None, graph))
    if update.dataset is None:
        return
    base = update.dataset.base
    graded = Dataset(base=base) if kept is not None else \
        analyst_graded(store.ox, graphs).model_copy(update={"base": base})
    update.quads += assessment_provenance(store, graded, update.result, graphs, started,
                                          kept_grades=kept)


def provenance_triples(store: StoreBase) -> Graph:
    """The provenance statements of the store's assessment graphs, as one rdflib graph.

    Only the provenance nodes' statements are read (found from their types), not the
    grades: the cost does not grow with the store.
    """
    g = Graph()
    nodes = provenance_nodes(store)
    for graph in store.assessment_graphs():
        for subject in nodes:
            for q in store.ox.quads_for_pattern(subject, None, None, graph):
                g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return g


def _provenance_types() -> list[ox.NamedNode]:
    from kg.formats.assessment_provenance import PROVENANCE_TYPES

    return [ox.NamedNode(str(t)) for t in sorted(PROVENANCE_TYPES)]


def stored_provenance(store: StoreBase) -> AssessmentRecord | None:
    """What the store's assessment says of its own making; None if it says nothing.

    When several assessments are recorded (which a store does not do by itself), the
    latest one is read.
    """
    return read_record(provenance_triples(store))


def read_record(g: Graph) -> AssessmentRecord | None:
    """The provenance of the latest assessment stated in ``g``; None if there is none."""
    latest = max(g.subjects(RDF.type, CRED.Assessment),
                 key=lambda a: str(g.value(a, PROV.generatedAtTime)), default=None)
    if latest is None:
        return None
    activity = g.value(latest, PROV.wasGeneratedBy)
    engine = version = policy = None
    for association in g.objects(activity, PROV.qualifiedAssociation):
        engine = g.value(association, PROV.agent)
        policy = g.value(association, PROV.hadPlan)
    version = g.value(engine, SCHEMA.softwareVersion) if engine is not None else None
    parameters: dict[str, object] = {}
    for parameter in g.objects(policy, CRED.parameter) if policy is not None else ():
        name, value = g.value(parameter, RDFS.label), g.value(parameter, RDF.value)
        if name is not None and value is not None:
            parameters[str(name)] = json.loads(str(value))
    documents = tuple(sorted(
        (DocumentVersion(str(g.value(d, CRED.documentId)), str(d),
                         str(g.value(d, CRED.contentHash)))
         for d in g.objects(latest, PROV.wasDerivedFrom) if (d, RDF.type, CRED.Document) in g),
        key=lambda d: d.id))
    used = tuple(sorted(str(u) for u in g.objects(activity, PROV.used)
                        if (u, RDF.type, CRED.Document) not in g
                        and (u, RDF.type, PROV.Collection) not in g))
    askers = [a for a in g.objects(latest, PROV.wasAttributedTo) if a != engine]
    agent = str(g.value(askers[0], RDFS.label)) if askers else None

    def moment(value: object) -> dt.datetime:
        return dt.datetime.fromisoformat(str(value)) if value is not None else dt.datetime.min

    return AssessmentRecord(
        version=str(version) if version is not None else "unknown",
        parameters=parameters,
        started=moment(g.value(activity, PROV.startedAtTime)),
        ended=moment(g.value(latest, PROV.generatedAtTime)),
        documents=documents,
        agent=agent,
        used=used,
    )


def provenance_bundle(store: StoreBase) -> Graph:
    """The assessment's provenance as a PROV bundle: one graph, itself a ``prov:Bundle``.

    Raises:
        NotFoundError: the store holds no assessment with provenance.
    """
    from kg.errors import NotFoundError

    g = provenance_triples(store)
    latest = next(iter(g.subjects(RDF.type, CRED.Assessment)), None)
    if latest is None:
        raise NotFoundError(f"{store.path or 'the store'}: holds no assessment with provenance; "
                            f"run kg reassess --store {store.path or 'PATH'} first")
    bundle = URIRef(f"{latest}/bundle")
    g.add((bundle, RDF.type, PROV.Bundle))
    g.add((bundle, RDF.type, PROV.Entity))
    for activity in g.objects(latest, PROV.wasGeneratedBy):
        g.add((bundle, PROV.wasGeneratedBy, activity))
    g.bind("prov", PROV)
    g.bind("cred", str(CRED._NS))
    g.bind("schema", str(SCHEMA))
    # short names for the nodes (PROV tools such as the prov package also want them)
    base = str(latest).rsplit("assessment/", 1)[0]
    for prefix, ns in (("run", f"{latest}/"), ("assessment", f"{base}assessment/"),
                       ("doc", DOCUMENT_BASE), ("agent", f"{base}agent/"),
                       ("source", f"{base}source/")):
        g.bind(prefix, ns)
    return g


def write_provenance_bundle(store: StoreBase, path: str | Path, fmt: str | None = None) -> int:
    """Write the assessment's provenance bundle to ``path``; return how many statements.

    Args:
        store: The store.
        path: The file (written whole or not at all).
        fmt: One of :data:`BUNDLE_FORMATS`; default from the file's suffix, else Turtle.

    Raises:
        InputError: an unknown format.
        NotFoundError: the store holds no assessment with provenance.
    """
    from kg.errors import InputError
    from kg.files import atomic_write_text

    path = Path(path)
    if fmt is None:
        fmt = next((k for k, v in BUNDLE_FORMATS.items() if path.name.endswith(v)), "turtle")
    if fmt not in BUNDLE_FORMATS:
        raise InputError(f"--format {fmt}: a provenance bundle is written as one of "
                         + ", ".join(BUNDLE_FORMATS))
    g = provenance_bundle(store)
    if fmt in ("trig", "nquads"):
        bundle = next(b for b in g.subjects(RDF.type, PROV.Bundle) if isinstance(b, URIRef))
        ds = RDFDataset()
        for prefix, ns in g.namespaces():
            ds.bind(prefix, ns)
        content = ds.graph(bundle)
        for t in g:
            content.add(t)
        text = ds.serialize(format=fmt)
    elif fmt == "json-ld":
        context = {"prov": str(PROV), "cred": str(CRED._NS), "schema": str(SCHEMA),
                   "rdfs": str(RDFS), "rdf": str(RDF), "xsd": "http://www.w3.org/2001/XMLSchema#"}
        text = g.serialize(format="json-ld", context=context, auto_compact=True)
    else:
        text = g.serialize(format=fmt)
    atomic_write_text(path, text)
    return len(g)
