"""Mapping between a :class:`~kg.model.Dataset` and RDF in the ``cred:`` vocabulary.

:func:`to_rdf` gives an :class:`rdflib.Dataset` in which, nanopublication-style,
each report's assertions sit in a named graph of their own (``{base}graph/{report}``)
and the descriptions of sources, claims and reports, plus the shortcut edges
``cred:asserts`` and ``cred:cites``, sit in the default graph. :func:`from_rdf`
reads such a graph (or any graph in the vocabulary) back; the round trip loses
nothing. :func:`write_rdf` and :func:`read_rdf` do the same through files in
Turtle, JSON-LD, N-Triples, N-Quads and TriG.

Instance IRIs are ``{base}{kind}/{id}``, e.g. ``https://w3id.org/credkg/id/claim/c1``,
so loading the same file twice adds nothing.

Examples:
    >>> from kg.model import Claim, Dataset
    >>> ds = Dataset(claims=[Claim(id="c1", text="Thousands deserted.")])
    >>> g = to_rdf(ds)
    >>> for line in sorted(g.serialize(format="nt").strip().splitlines()):
    ...     print(line)
    <https://w3id.org/credkg/id/claim/c1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/credkg/ns#Claim> .
    <https://w3id.org/credkg/id/claim/c1> <https://schema.org/text> "Thousands deserted." .
    >>> from_rdf(g) == ds
    True
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib import Dataset as RDFDataset
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.errors import DatasetError
from kg.files import atomic_write_text
from kg.formats.guards import check_iris, check_xml, inline_contexts
from kg.formats.loading import validate
from kg.formats.registry import Format, by_name, by_suffix
from kg.formats.text import MAX_RDF_BYTES, read_text
from kg.model import RECORD_LISTS, Dataset, Quantity, SourceKind
from kg.namespace import (
    CRED,
    GRADING,
    KIND_CLASS,
    RECORD_IRI,
    SCHEMA,
    jsonld_context,
    record_iri,
)

__all__ = [
    "from_rdf",
    "iri",
    "jsonld_context",
    "parse_rdf",
    "quads",
    "quantity_iri",
    "read_rdf",
    "serialize",
    "to_rdf",
    "write_dataset",
    "write_rdf",
]

_CLASS_KIND = {cls: kind for kind, cls in KIND_CLASS.items()}
_QUANTITY_NUMBERS = (("value", CRED.value), ("min_value", CRED.minValue),
                     ("max_value", CRED.maxValue), ("per_population", CRED.perPopulation),
                     ("exchange_rate", CRED.exchangeRate))
_QUANTITY_TEXT = (("measure", CRED.measure), ("unit", CRED.unit), ("per", CRED.per),
                  ("kind", CRED.quantityKind), ("key", CRED.measureKey),
                  ("of", CRED.quantityOf), ("reference", CRED.reference),
                  ("change", CRED.change), ("currency", CRED.currency),
                  ("exchange_currency", CRED.exchangeCurrency), ("word", CRED.vagueWord))
_QUANTITY_DATES = (("period_start", CRED.periodStart), ("period_end", CRED.periodEnd),
                   ("as_of", CRED.asOf), ("made_on", CRED.madeOn))
_QUANTITY_FLAGS = (("approximate", CRED.approximate), ("exact", CRED.exact),
                   ("cumulative", CRED.cumulative))
_ASSERTION_FLAGS = (("hedged", CRED.hedged), ("headline", CRED.headline),
                    ("endorses", CRED.endorses), ("against_interest", CRED.againstInterest))

Quad = tuple[Node, Node, Node, URIRef | None]


def iri(base: str, kind: str, id: str) -> URIRef:
    """The IRI of a record: ``{base}{kind}/{id}``.

    Examples:
        >>> iri("https://example.org/", "source", "ria")
        rdflib.term.URIRef('https://example.org/source/ria')
    """
    return URIRef(record_iri(base, kind, id))


def _number(value: float) -> Literal:
    # repr() is the shortest text that reads back as the same float; "f" keeps the
    # lexical form a valid xsd:decimal (no exponent) for any magnitude
    return Literal(format(Decimal(repr(value)), "f"), datatype=XSD.decimal)


def _quantity_quads(n: URIRef, q: Quantity, base: str, graph: URIRef | None
                    ) -> Iterator[Quad]:
    """The properties of a quantity, on the node ``n`` (a claim, an assertion or its own)."""
    for field, prop in _QUANTITY_TEXT:
        value = getattr(q, field)
        if value is not None:
            yield n, prop, Literal(str(value)), graph
    for field, prop in _QUANTITY_NUMBERS:
        if getattr(q, field) is not None:
            yield n, prop, _number(getattr(q, field)), graph
    for field, prop in _QUANTITY_DATES:
        if getattr(q, field) is not None:
            yield n, prop, Literal(getattr(q, field), datatype=XSD.date), graph
    for field, prop in _QUANTITY_FLAGS:
        if getattr(q, field):
            yield n, prop, Literal(True), graph
    if q.forecaster is not None:
        yield n, CRED.forecaster, iri(base, "source", q.forecaster), graph


def quantity_iri(claim_node: URIRef, position: int) -> URIRef:
    """The IRI of a claim's further quantity (``quantities``): ``{claim}/quantity/{n}``."""
    return URIRef(f"{claim_node}/quantity/{position}")


def quads(ds: Dataset) -> Iterator[Quad]:
    """Every quad of the dataset's RDF form; the graph is ``None`` for the default graph.

    This is what :func:`to_rdf` adds to an rdflib graph, and what a store can
    load directly without building an rdflib graph first.
    """
    base = ds.base

    def node(kind: str, id: str) -> URIRef:
        return iri(base, kind, id)

    def links(n: URIRef, prop: URIRef, kind: str, ids: Iterable[str]) -> Iterator[Quad]:
        for other in ids:
            yield n, prop, node(kind, other), None

    for s in ds.sources:
        n = node("source", s.id)
        yield n, RDF.type, CRED.Source, None
        yield n, RDF.type, KIND_CLASS[s.kind], None
        yield n, RDFS.label, Literal(s.name), None
        for alias in s.aliases:
            yield n, SKOS.altLabel, Literal(alias), None
        yield from links(n, CRED.affiliatedWith, "source", s.affiliated_with)
        yield from links(n, CRED.authoredBy, "source", s.authors)
        if s.country is not None:
            yield n, CRED.country, Literal(s.country), None
        if s.side is not None:
            yield n, CRED.side, Literal(s.side), None
        if s.reliability is not None:
            yield n, CRED.analystReliability, Literal(s.reliability), None
            yield n, CRED.reliability, Literal(s.reliability), None
        for field, prop in GRADING:  # who set the analyst's grade, when and why
            if getattr(s, field) is not None:
                yield n, prop, Literal(getattr(s, field)), None
        for same in s.same_as:
            yield n, SCHEMA.sameAs, URIRef(same), None
        if s.note is not None:
            yield n, RDFS.comment, Literal(s.note), None
    for r in ds.reports:
        n = node("report", r.id)
        yield n, RDF.type, CRED.Report, None
        if r.title is not None:
            yield n, RDFS.label, Literal(r.title), None
        if r.published_by is not None:
            yield n, CRED.publishedBy, node("source", r.published_by), None
        if r.date is not None:
            yield n, SCHEMA.datePublished, Literal(r.date, datatype=XSD.date), None
        if r.url is not None:
            yield n, SCHEMA.url, Literal(r.url, datatype=XSD.anyURI), None
    for c in ds.claims:
        n = node("claim", c.id)
        yield n, RDF.type, CRED.Claim, None
        yield n, SCHEMA.text, Literal(c.text), None
        yield from links(n, CRED.about, "source", c.about)
        # the dataset keeps contradictions symmetric
        yield from links(n, CRED.contradicts, "claim", c.contradicts)
        yield from links(n, CRED.hedgedContradicts, "claim", c.hedged_contradicts)
        yield from links(n, CRED.supports, "claim", c.supports)
        if c.note is not None:
            yield n, RDFS.comment, Literal(c.note), None
        if c.quantity is not None:  # the first figure sits on the claim itself
            yield from _quantity_quads(n, c.quantity, base, None)
        for position, extra in enumerate(c.quantities, 1):
            qn = quantity_iri(n, position)
            yield n, CRED.quantity, qn, None
            yield qn, RDF.type, CRED.Quantity, None
            yield from _quantity_quads(qn, extra, base, None)
    by_id = {a.id: a for a in ds.assertions}
    shortcuts: set[tuple[URIRef, URIRef, URIRef]] = set()
    for a in ds.assertions:
        n = node("assertion", a.id)
        graph = URIRef(f"{base}graph/{a.report}") if a.report is not None else None
        source = node("source", a.source)
        yield n, RDF.type, CRED.Assertion, graph
        yield n, CRED.assertedBy, source, graph
        yield n, CRED.claim, node("claim", a.claim), graph
        if a.report is not None:
            yield n, CRED.inReport, node("report", a.report), graph
        for cited in a.cites:
            yield n, CRED.citesAssertion, node("assertion", cited), graph
            if by_id[cited].source != a.source:
                shortcuts.add((source, CRED.cites, node("source", by_id[cited].source)))
        for field, prop in _ASSERTION_FLAGS:  # stated when true
            if getattr(a, field):
                yield n, prop, Literal(True), graph
        if a.quote is not None:
            yield n, CRED.quote, Literal(a.quote), graph
        if a.text is not None:
            yield n, CRED.ownText, Literal(a.text), graph
        for copied in a.copies:
            yield n, CRED.copies, node("assertion", copied), graph
            if by_id[copied].source != a.source:
                shortcuts.add((source, CRED.cites, node("source", by_id[copied].source)))
        if a.quantity is not None:  # the relay's own version of the figure
            yield from _quantity_quads(n, a.quantity, base, graph)
        shortcuts.add((source, CRED.asserts, node("claim", a.claim)))
    for s_, p, o in sorted(shortcuts):
        yield s_, p, o, None
    for v in ds.verdicts:
        n = node("verdict", v.id)
        yield n, RDF.type, CRED.Verdict, None
        yield n, RDF.type, SCHEMA.ClaimReview, None
        yield n, SCHEMA.itemReviewed, node("claim", v.claim), None
        yield n, CRED.rating, Literal(v.rating), None
        if v.reviewer is not None:
            yield n, SCHEMA.author, node("source", v.reviewer), None
        if v.original_rating is not None:
            yield n, CRED.originalRating, Literal(v.original_rating), None
        if v.date is not None:
            yield n, SCHEMA.datePublished, Literal(v.date, datatype=XSD.date), None
        if v.url is not None:
            yield n, SCHEMA.url, Literal(v.url, datatype=XSD.anyURI), None


def to_rdf(ds: Dataset) -> RDFDataset:
    """The dataset as an rdflib Dataset, one named graph per report.

    Args:
        ds: The dataset.

    Returns:
        An :class:`rdflib.Dataset` whose default graph holds the sources,
        claims, reports and shortcut edges, and whose named graphs hold the
        assertions of each report. Iterating it yields the union of all graphs.
    """
    out = RDFDataset(default_union=True)
    _bind(out)
    default = out.default_graph
    graphs: dict[URIRef, Graph] = {}
    for s, p, o, g in quads(ds):
        if g is None:
            default.add((s, p, o))
        else:
            if g not in graphs:
                graphs[g] = out.graph(g)
            graphs[g].add((s, p, o))
    return out


def _bind(g: Graph) -> None:
    g.bind("cred", str(CRED._NS))
    g.bind("schema", str(SCHEMA))
    g.bind("skos", str(SKOS))


def _union(g: Graph) -> Graph:
    if isinstance(g, RDFDataset):
        union = Graph()
        for s, p, o, _ in g.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return g


def serialize(g: Graph, fmt: str = "turtle") -> str:
    """Serialise a graph in one of the RDF formats of :mod:`kg.formats.registry`.

    Formats without named graphs get the union of all graphs. JSON-LD is
    compacted with credkg's own context, inlined so that the file needs no network.
    """
    f = by_name(fmt)
    if f.family != "rdf" or not f.writes or f.rdflib is None:
        raise DatasetError(fmt, "not an RDF format credkg writes; use one of "
                           + ", ".join(_rdf_writers()))
    if f.quads:
        if not isinstance(g, RDFDataset):
            dataset = RDFDataset()
            for t in g:
                dataset.add(t)
            g = dataset
        _bind(g)
        return g.serialize(format=f.rdflib)
    flat = _union(g)
    _bind(flat)
    if fmt == "json-ld":
        return flat.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    return flat.serialize(format=f.rdflib)


def _rdf_writers() -> list[str]:
    from kg.formats.registry import FORMATS

    return [f.name for f in FORMATS.values() if f.family == "rdf" and f.writes]


def write_rdf(g: Graph, path: str | Path, fmt: str | None = None) -> Path:
    """Write a graph to a file atomically (temporary file, then rename).

    Args:
        g: The graph or dataset.
        path: The target file.
        fmt: The name of an RDF format; by default chosen from the suffix.
    """
    path = Path(path)
    if fmt is None:
        try:
            fmt = by_suffix(path).name
        except DatasetError:
            fmt = "turtle"
    atomic_write_text(path, serialize(g, fmt))
    return path


def write_dataset(ds: Dataset, path: Path, fmt: Format, assessment: object = None) -> Path:
    """Write a dataset in an RDF syntax (the writer of the RDF formats)."""
    return write_rdf(to_rdf(ds), path, fmt.name)


def parse_rdf(path: str | Path) -> RDFDataset:
    """Parse an RDF file (format from its suffix) into an rdflib Dataset.

    Raises:
        DatasetError: the file is missing, unreadable or not valid in its format;
            the message names the line where the parser gives one.
    """
    path = Path(path)
    f = by_suffix(path)
    fmt = f.rdflib or "turtle"
    text = read_text(path, limit=MAX_RDF_BYTES, expected="an RDF file", needs="some triples")
    if f.name == "rdfxml":
        check_xml(text, path)
    elif f.name == "json-ld":
        text = inline_contexts(text, path)
    g = RDFDataset(default_union=True)
    try:
        # a fixed, harmless base: relative IRIs must not resolve against a file path
        g.parse(data=text, format=fmt, publicID="urn:credkg:relative:")
    except Exception as e:  # rdflib raises many types; all mean "cannot parse"
        line = _error_line(e)
        detail = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
        raise DatasetError(path, f"cannot parse as {fmt}: {detail[:200]}", line=line) from None
    check_iris((str(t) for q in g.quads() for t in q[:3] if isinstance(t, URIRef)), path)
    return g


def read_rdf(path: str | Path, fmt: Format | None = None) -> Dataset:
    """Read a dataset from an RDF file in the ``cred:`` vocabulary (the RDF formats' reader)."""
    return from_rdf(parse_rdf(path), name=str(path))


def _error_line(e: Exception) -> int | None:
    match = re.search(r"line (\d+)", str(e))
    return int(match.group(1)) if match else None


def _id(node: Node, name: str) -> tuple[str, str]:
    if isinstance(node, BNode):
        raise DatasetError(
            name, f"blank node {node.n3()} cannot be a credkg record; give it an IRI"
        )
    match = RECORD_IRI.match(str(node))
    if match:
        return match["base"], match["id"]
    tail = re.split(r"[/#]", str(node).rstrip("/#"))[-1]
    return "", re.sub(r"[^A-Za-z0-9._~-]", "_", tail) or "_"


def from_rdf(g: Graph, *, name: str = "<graph>") -> Dataset:
    """Read a dataset back from RDF in the ``cred:`` vocabulary.

    Reads the union of all graphs. Computed scores and findings are ignored:
    they are results, not data. The analyst's grade is read from
    ``cred:analystReliability``.

    Args:
        g: A graph or dataset, e.g. from :func:`to_rdf` or a parsed export.
        name: Used in error messages.

    Raises:
        DatasetError: a record lacks a required property or references break.
    """
    g = _union(g)
    bases: Counter[str] = Counter()
    ids: dict[Node, str] = {}

    def ident(node: Node) -> str:
        if node not in ids:
            base, id_ = _id(node, name)
            if base:
                bases[base] += 1
            ids[node] = id_
        return ids[node]

    def opt_ident(node: Node | None) -> str | None:
        return None if node is None else ident(node)

    def flag_of(node: Node | None) -> bool | None:
        return None if node is None else isinstance(node, Literal) and bool(node.toPython())

    def one(subject: Node, prop: URIRef, what: str, required: bool = False) -> Any:
        values = list(g.objects(subject, prop))
        if len(values) > 1:
            raise DatasetError(name, f"{subject.n3()} has {len(values)} values; give one",
                               field=g.qname(prop))
        if not values:
            if required:
                raise DatasetError(name, f"{what} {subject.n3()} has no {g.qname(prop)}",
                                   field=g.qname(prop))
            return None
        return values[0]

    def text(subject: Node, prop: URIRef, what: str, required: bool = False) -> str | None:
        value = one(subject, prop, what, required)
        return None if value is None else str(value)

    def refs(subject: Node, prop: URIRef) -> list[str]:
        return [ident(o) for o in g.objects(subject, prop)]

    def read_quantity(subject: Node, what: str) -> dict[str, Any]:
        quantity: dict[str, Any] = {}
        for field, prop in _QUANTITY_TEXT:
            _put(quantity, field, text(subject, prop, what))
        for field, prop in _QUANTITY_NUMBERS:
            value = one(subject, prop, what)
            _put(quantity, field, None if value is None else _float(value, name, subject))
        for field, prop in _QUANTITY_DATES:
            value = one(subject, prop, what)
            _put(quantity, field, None if value is None else _date(value, name, subject))
        for field, prop in _QUANTITY_FLAGS:
            _put(quantity, field, flag_of(one(subject, prop, what)))
        _put(quantity, "forecaster", opt_ident(one(subject, CRED.forecaster, what)))
        return quantity

    data: dict[str, list[dict[str, Any]]] = {name: [] for name in RECORD_LISTS}
    source_nodes = set(g.subjects(RDF.type, CRED.Source))
    source_nodes |= {x for cls in _CLASS_KIND for x in g.subjects(RDF.type, cls)}
    for s in sorted(source_nodes, key=str):
        types = set(g.objects(s, RDF.type))
        kinds = [_CLASS_KIND[t] for t in types if isinstance(t, URIRef) and t in _CLASS_KIND]
        specific = [k for k in kinds if k != SourceKind.ORGANIZATION] or kinds
        if len(specific) != 1:
            raise DatasetError(name, f"source {s.n3()} needs exactly one kind class "
                               "(cred:Person, cred:NewsOutlet, ...)", field="rdf:type")
        record: dict[str, Any] = {
            "id": ident(s),
            "kind": specific[0].value,
            "name": text(s, RDFS.label, "source", required=True),
            "aliases": sorted(str(o) for o in g.objects(s, SKOS.altLabel)),
            "affiliated_with": refs(s, CRED.affiliatedWith),
            "authors": refs(s, CRED.authoredBy),
            "same_as": sorted(str(o) for o in g.objects(s, SCHEMA.sameAs)),
        }
        for field, prop in (("country", CRED.country), ("side", CRED.side),
                            ("reliability", CRED.analystReliability), ("note", RDFS.comment),
                            *GRADING):
            _put(record, field, text(s, prop, "source"))
        data["sources"].append(record)
    for r in sorted(g.subjects(RDF.type, CRED.Report), key=str):
        record = {"id": ident(r)}
        _put(record, "title", text(r, RDFS.label, "report"))
        _put(record, "published_by", opt_ident(one(r, CRED.publishedBy, "report")))
        date = one(r, SCHEMA.datePublished, "report")
        _put(record, "date", None if date is None else _date(date, name, r))
        _put(record, "url", text(r, SCHEMA.url, "report"))
        data["reports"].append(record)
    for c in sorted(g.subjects(RDF.type, CRED.Claim), key=str):
        record = {
            "id": ident(c),
            "text": text(c, SCHEMA.text, "claim", required=True),
            "about": refs(c, CRED.about),
            "contradicts": refs(c, CRED.contradicts),
            "hedged_contradicts": refs(c, CRED.hedgedContradicts),
            "supports": refs(c, CRED.supports),
        }
        _put(record, "note", text(c, RDFS.comment, "claim"))
        _put(record, "quantity", read_quantity(c, "claim"))
        _put(record, "quantities", [read_quantity(x, "quantity")
                                    for x in sorted(g.objects(c, CRED.quantity), key=str)])
        data["claims"].append(record)
    for a in sorted(g.subjects(RDF.type, CRED.Assertion), key=str):
        record = {
            "id": ident(a),
            "source": ident(one(a, CRED.assertedBy, "assertion", required=True)),
            "claim": ident(one(a, CRED.claim, "assertion", required=True)),
            "cites": refs(a, CRED.citesAssertion),
        }
        _put(record, "report", opt_ident(one(a, CRED.inReport, "assertion")))
        for field, prop in _ASSERTION_FLAGS:
            _put(record, field, flag_of(one(a, prop, "assertion")))
        for field, prop in (("quote", CRED.quote), ("text", CRED.ownText)):
            _put(record, field, text(a, prop, "assertion"))
        _put(record, "copies", refs(a, CRED.copies))
        _put(record, "quantity", read_quantity(a, "assertion"))
        data["assertions"].append(record)
    for v in sorted(g.subjects(RDF.type, CRED.Verdict), key=str):
        record = {
            "id": ident(v),
            "claim": ident(one(v, SCHEMA.itemReviewed, "verdict", required=True)),
            "rating": text(v, CRED.rating, "verdict", required=True),
        }
        _put(record, "reviewer", opt_ident(one(v, SCHEMA.author, "verdict")))
        for field, prop in (("original_rating", CRED.originalRating), ("url", SCHEMA.url)):
            _put(record, field, text(v, prop, "verdict"))
        date = one(v, SCHEMA.datePublished, "verdict")
        _put(record, "date", None if date is None else _date(date, name, v))
        data["verdicts"].append(record)
    if not any(data.values()):
        raise DatasetError(name, "holds no cred:Source, cred:Claim, cred:Report or "
                           "cred:Assertion; is it in the credkg vocabulary?")
    payload: dict[str, Any] = dict(data)
    if bases:
        payload["base"] = bases.most_common(1)[0][0]

    return validate(payload, name, lambda loc: None)


def _put(record: dict[str, Any], field: str, value: Any) -> None:
    """Set ``record[field]`` unless ``value`` is absent (None, or an empty list or dict)."""
    if value is not None and value != [] and value != {}:
        record[field] = value


def _float(value: Node, name: str, subject: Node) -> float:
    try:
        return float(str(value))
    except ValueError:
        raise DatasetError(name, f"{subject.n3()}: {value!r} is not a number") from None


def _date(value: Node, name: str, subject: Node) -> dt.date:
    python = value.toPython() if isinstance(value, Literal) else None
    if isinstance(python, dt.date) and not isinstance(python, dt.datetime):
        return python
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DatasetError(name, f"{subject.n3()}: {value!r} is not a date (YYYY-MM-DD)") from None
