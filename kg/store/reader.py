"""Reading a :class:`~kg.model.Dataset` back from the store quickly.

:func:`kg.formats.rdf.from_rdf` works on an rdflib graph; building one from the store
costs a Python object per term and rdflib's indexes. :func:`read_dataset`
reads the same ``cred:`` mapping straight from pyoxigraph's quads into plain
records, then validates them once with the model: 19 s instead of 58 s for
10k synthetic claims (156k triples) on the loaded benchmark machine. On
anything irregular (a blank node, two values where one is allowed, a missing
required property) it falls back to :func:`kg.formats.rdf.from_rdf`, whose errors say
exactly what is wrong.

Examples:
    >>> import pyoxigraph as ox
    >>> from kg.formats.rdf import quads
    >>> from kg.seed import seed_dataset
    >>> from kg.store.terms import to_ox_quad
    >>> store = ox.Store()
    >>> g = ox.NamedNode("https://example.org/doc")
    >>> store.extend([to_ox_quad(s, p, o, g) for s, p, o, _ in quads(seed_dataset())])
    >>> read_dataset(store, [g.value]) == seed_dataset()
    True
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.model import Dataset
from kg.store.quantity_fields import _QUANTITY_FLAGS, _QUANTITY_NUMBERS, _QUANTITY_TEXT

__all__ = ["read_dataset", "read_quads"]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_SCHEMA = "https://schema.org/"
_C = "https://w3id.org/credkg/ns#"
_TYPE = _RDF + "type"
_KINDS = {
    _C + "Person": "person", _C + "Organization": "organization",
    _C + "NewsOutlet": "news_outlet", _C + "GovernmentBody": "government_body",
    _C + "MilitaryBody": "military_body", _C + "AnonymousSource": "anonymous_source",
    _C + "UnnamedDocument": "unnamed_document", _C + "Study": "study", _C + "Poll": "poll",
    _C + "DataSet": "dataset",
}
_IRI = re.compile(
    r"^(?P<base>.*[/#])(?P<kind>source|report|claim|assertion|verdict)/(?P<id>[^/#]+)$"
)


class _Irregular(Exception):
    """Something the fast path does not handle; from_rdf will explain it."""


Props = dict[str, list[Any]]


def read_dataset(store: ox.Store, graphs: Iterable[str], *, name: str = "the store",
                 bases: Counter[str] | None = None) -> Dataset:
    """The dataset held in ``graphs`` of a pyoxigraph store (their union).

    ``bases``, if given, is filled with the bases of the records' IRIs (left empty when the
    data are irregular and read the slow way).

    Raises:
        DatasetError: the data do not form a valid dataset (from :func:`kg.formats.rdf.from_rdf`).
    """
    from kg.store.columns import Irregular, read_columns

    graphs = list(graphs)
    try:
        return read_columns(store, graphs, bases)
    except Irregular:
        if bases is not None:
            bases.clear()
    return read_quads(store, graphs, name=name, bases=bases)


def read_quads(store: ox.Store, graphs: Iterable[str], *, name: str = "the store",
               bases: Counter[str] | None = None) -> Dataset:
    """:func:`read_dataset` quad by quad, as pyoxigraph terms (the reader before
    :mod:`kg.store.columns`, which falls back to it on irregular data)."""
    graphs = list(graphs)
    subjects: dict[str, Props] = defaultdict(lambda: defaultdict(list))
    try:
        for graph in graphs:
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
                if not isinstance(q.subject, ox.NamedNode) or isinstance(
                        q.object, ox.BlankNode | ox.Triple):
                    raise _Irregular
                values = subjects[q.subject.value][q.predicate.value]
                if q.object not in values:
                    values.append(q.object)
        if not subjects:
            return Dataset()
        return _build(subjects, name, bases)
    except _Irregular:
        if bases is not None:
            bases.clear()
        return _slow(store, graphs, name)


def _slow(store: ox.Store, graphs: list[str], name: str) -> Dataset:
    from rdflib import Graph

    from kg.formats.rdf import from_rdf
    from kg.store.terms import from_ox

    g = Graph()
    for graph in graphs:
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return from_rdf(g, name=name)


def _build(subjects: dict[str, Props], name: str, bases: Counter[str] | None = None) -> Dataset:
    if bases is None:
        bases = Counter()

    def ident(term: Any) -> str:
        if not isinstance(term, ox.NamedNode):
            raise _Irregular
        match = _IRI.match(term.value)
        if match is None:
            raise _Irregular  # from_rdf knows how to name other IRIs
        bases[match["base"]] += 1
        return match["id"]

    def one(props: Props, prop: str, required: bool = False) -> Any:
        values = props.get(prop, [])
        if len(values) > 1 or (required and not values):
            raise _Irregular
        return values[0] if values else None

    def text(props: Props, prop: str, required: bool = False) -> str | None:
        value = one(props, prop, required)
        if value is None:
            return None
        if not isinstance(value, ox.Literal):
            raise _Irregular
        return value.value

    def refs(props: Props, prop: str) -> list[str]:
        return [ident(o) for o in props.get(prop, [])]

    def optional(record: dict[str, Any], key: str, value: Any) -> None:
        if value is not None:
            record[key] = value

    def quantity_of(props: Props) -> dict[str, Any]:
        quantity: dict[str, Any] = {}
        if props.keys().isdisjoint(_QUANTITY_PROPS):  # most records: no figure
            return quantity
        for key, prop in _QUANTITY_TEXT:
            optional(quantity, key, text(props, _C + prop))
        for key, prop in _QUANTITY_NUMBERS:
            number = text(props, _C + prop)
            if number is not None:
                try:
                    quantity[key] = float(number)
                except ValueError:
                    raise _Irregular from None
        for key, prop in _QUANTITY_FLAGS:
            flag = text(props, _C + prop)
            if flag is not None:
                quantity[key] = flag in ("true", "1")
        forecaster = one(props, _C + "forecaster")
        if forecaster is not None:
            quantity["forecaster"] = ident(forecaster)
        return quantity

    data: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("sources", "reports", "claims", "assertions", "verdicts")}
    for subject in sorted(subjects):
        props = subjects[subject]
        types = {t.value for t in props.get(_TYPE, []) if isinstance(t, ox.NamedNode)}
        node = ox.NamedNode(subject)
        kinds = [_KINDS[t] for t in types if t in _KINDS]
        if kinds or _C + "Source" in types:
            specific = [k for k in kinds if k != "organization"] or kinds
            if len(specific) != 1:
                raise _Irregular
            record: dict[str, Any] = {
                "id": ident(node), "kind": specific[0],
                "name": text(props, _RDFS + "label", required=True),
                "aliases": sorted(_literal(o) for o in props.get(_SKOS + "altLabel", [])),
                "affiliated_with": refs(props, _C + "affiliatedWith"),
                "authors": refs(props, _C + "authoredBy"),
                "same_as": sorted(_term_text(o) for o in props.get(_SCHEMA + "sameAs", [])),
            }
            for key, prop in (("country", _C + "country"), ("side", _C + "side"),
                              ("reliability", _C + "analystReliability"),
                              ("note", _RDFS + "comment"),
                              ("reliability_set_by", _C + "reliabilitySetBy"),
                              ("reliability_set_at", _C + "reliabilitySetAt"),
                              ("reliability_why", _C + "reliabilityReason")):
                optional(record, key, text(props, prop))
            data["sources"].append(record)
        if _C + "Report" in types:
            record = {"id": ident(node)}
            optional(record, "title", text(props, _RDFS + "label"))
            publisher = one(props, _C + "publishedBy")
            if publisher is not None:
                record["published_by"] = ident(publisher)
            optional(record, "date", text(props, _SCHEMA + "datePublished"))
            optional(record, "url", text(props, _SCHEMA + "url"))
            data["reports"].append(record)
        if _C + "Claim" in types:
            record = {
                "id": ident(node), "text": text(props, _SCHEMA + "text", required=True),
                "about": refs(props, _C + "about"),
                "contradicts": refs(props, _C + "contradicts"),
                "hedged_contradicts": refs(props, _C + "hedgedContradicts"),
                "supports": refs(props, _C + "supports"),
            }
            optional(record, "note", text(props, _RDFS + "comment"))
            quantity = quantity_of(props)
            if quantity:
                record["quantity"] = quantity
            extras = []
            for node_ in sorted(props.get(_C + "quantity", []), key=lambda n: str(n)):
                if not isinstance(node_, ox.NamedNode) or node_.value not in subjects:
                    raise _Irregular
                extras.append(quantity_of(subjects[node_.value]))
            if extras:
                record["quantities"] = extras
            data["claims"].append(record)
        if _C + "Assertion" in types:
            record = {
                "id": ident(node),
                "source": ident(one(props, _C + "assertedBy", required=True)),
                "claim": ident(one(props, _C + "claim", required=True)),
                "cites": refs(props, _C + "citesAssertion"),
            }
            report = one(props, _C + "inReport")
            if report is not None:
                record["report"] = ident(report)
            for key, prop in _ASSERTION_FLAGS:
                flag = text(props, _C + prop)
                if flag is not None:
                    record[key] = flag in ("true", "1")
            optional(record, "quote", text(props, _C + "quote"))
            optional(record, "text", text(props, _C + "ownText"))
            copies = refs(props, _C + "copies")
            if copies:
                record["copies"] = copies
            own = quantity_of(props)
            if own:
                record["quantity"] = own
            data["assertions"].append(record)
        if _C + "Verdict" in types:
            record = {
                "id": ident(node),
                "claim": ident(one(props, _SCHEMA + "itemReviewed", required=True)),
                "rating": text(props, _C + "rating", required=True),
            }
            reviewer = one(props, _SCHEMA + "author")
            if reviewer is not None:
                record["reviewer"] = ident(reviewer)
            optional(record, "original_rating", text(props, _C + "originalRating"))
            optional(record, "url", _opt_term(one(props, _SCHEMA + "url")))
            optional(record, "date", text(props, _SCHEMA + "datePublished"))
            data["verdicts"].append(record)
    if not any(data.values()):
        raise _Irregular
    payload: dict[str, Any] = dict(data)
    if bases:
        payload["base"] = bases.most_common(1)[0][0]
    from pydantic import ValidationError

    try:
        return Dataset.model_validate(payload)
    except (ValidationError, ValueError):
        raise _Irregular from None


_QUANTITY_PROPS = frozenset(
    [_C + p for _, p in (*_QUANTITY_TEXT, *_QUANTITY_NUMBERS, *_QUANTITY_FLAGS)]
    + [_C + "forecaster"])
_ASSERTION_FLAGS = (("hedged", "hedged"), ("headline", "headline"), ("endorses", "endorses"),
                    ("against_interest", "againstInterest"))


def _literal(term: Any) -> str:
    if not isinstance(term, ox.Literal):
        raise _Irregular
    return str(term.value)


def _term_text(term: Any) -> str:
    return str(term.value)


def _opt_term(term: Any) -> str | None:
    return None if term is None else _term_text(term)
