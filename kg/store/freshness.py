"""Whether a store's assessment still follows from its documents (``kg reassess --check``).

:func:`check_assessment` compares, without writing anything:

1. the documents the assessment's provenance names (ids and content hashes) with the
   documents in the store's index now: a document added, removed or replaced since
   (``kg add --no-assess`` leaves such a store);
2. the credkg version and the engine's parameters recorded with those now running;
3. the stored grades, scores and findings with a full recompute from the documents as
   they are stored: this also catches a document graph edited behind the store's back
   (by SPARQL Update, say), which its index hash cannot see.

The recompute costs as much as ``kg reassess`` (it writes nothing).

Examples:
    >>> from kg.seed import seed_dataset
    >>> from kg.store import Store
    >>> store = Store()
    >>> _ = store.add_dataset(seed_dataset(), "seed")
    >>> check_assessment(store).current
    True
    >>> from kg.model import Claim, Dataset
    >>> extra = Dataset(claims=[Claim(id="x", text="Something.")])
    >>> _ = store.add_dataset(extra, "other", assess=False)
    >>> print("\\n".join(check_assessment(store).lines()))  # doctest: +ELLIPSIS
    documents changed since the assessment: 1 added (other)
    grades differ: 1 claim (e.g. claim x: stored (none), now 6)
    ...
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import CredkgError
from kg.formats.assessment_provenance import PROVENANCE_TYPES
from kg.namespace import CRED, RECORD_IRI
from kg.store.base import StoreBase
from kg.store.provenance import provenance_nodes, read_record, stored_provenance
from kg.store.store import Store
from kg.store.terms import from_ox
from kg.store.trust import trust_staleness

__all__ = ["Freshness", "check_assessment"]

_EXAMPLES = 3
_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_GRADES = {str(CRED.credibility): "claim", str(CRED.reliability): "source"}


@dataclass
class Freshness:
    """What differs between a store's assessment and what it would be now.

    Attributes:
        documents: How the documents changed since the assessment (empty: not at all).
        version: ``(recorded, running)`` when the credkg versions differ.
        parameters: ``name: (recorded, now)`` of each engine parameter that differs.
        grades: ``(kind, id, stored, recomputed)`` of each grade that differs.
        other: How many other statements (scores, explanations, findings) differ.
        note: Something that keeps the check from being made as asked (no provenance).
        trust: How the documents changed since the discovered trust the grades take as
            evidence was learned (``kg discover --store`` learns it anew), or None.
    """

    documents: list[str] = field(default_factory=list)
    version: tuple[str, str] | None = None
    parameters: dict[str, tuple[str, str]] = field(default_factory=dict)
    grades: list[tuple[str, str, str, str]] = field(default_factory=list)
    other: int = 0
    note: str | None = None
    trust: str | None = None

    @property
    def current(self) -> bool:
        """True when the stored assessment is what credkg would make now."""
        return not (self.documents or self.version or self.parameters or self.grades
                    or self.other or self.note or self.trust)

    def lines(self) -> list[str]:
        """What differs, one short line each ("current" when nothing does)."""
        if self.current:
            return ["current"]
        out = [self.note] if self.note else []
        if self.documents:
            out.append("documents changed since the assessment: " + "; ".join(self.documents))
        if self.version:
            out.append(f"credkg version differs: assessed with {self.version[0]}, "
                       f"running {self.version[1]}")
        if self.parameters:
            out.append("engine parameters differ: " + "; ".join(
                f"{k} {a} -> {b}" for k, (a, b) in sorted(self.parameters.items())))
        if self.grades:
            kinds: dict[str, int] = defaultdict(int)
            for kind, *_ in self.grades:
                kinds[kind] += 1
            counts = ", ".join(f"{n} {k}{'s' if n > 1 else ''}" for k, n in sorted(kinds.items()))
            examples = "; ".join(f"{k} {i}: stored {a}, now {b}"
                                 for k, i, a, b in self.grades[:_EXAMPLES])
            more = ", ..." if len(self.grades) > _EXAMPLES else ""
            out.append(f"grades differ: {counts} (e.g. {examples}{more})")
        if self.other:
            out.append(f"{self.other} other statement(s) of the assessment differ (scores, "
                       "explanations or findings)")
        if self.trust:
            out.append(f"{self.trust}: kg discover --store learns it anew")
        return out


def _documents(recorded: Mapping[str, str], now: Mapping[str, str]) -> list[str]:
    added = sorted(now.keys() - recorded.keys())
    removed = sorted(recorded.keys() - now.keys())
    changed = sorted(d for d in now.keys() & recorded.keys() if now[d] != recorded[d])
    out = []
    for what, ids in (("added", added), ("removed", removed), ("replaced", changed)):
        if ids:
            shown = ", ".join(ids[:_EXAMPLES]) + (", ..." if len(ids) > _EXAMPLES else "")
            out.append(f"{len(ids)} {what} ({shown})")
    return out


def check_assessment(store: Store) -> Freshness:
    """Whether the store's grades still follow from its documents and this credkg.

    The recompute is the store's own (what ``kg reassess`` would write), so that the
    check follows however the store assesses.

    Raises:
        DatasetError: the stored documents do not form a valid dataset.
        CredkgError: the credibility engine is not installed.
    """
    found = Freshness()
    docs = {d.id: d.hash for d in store.documents()}
    record = stored_provenance(store)
    if record is None:
        if docs:
            found.note = ("the assessment records no provenance (none was made, or an older "
                          "credkg made it); run kg reassess")
    else:
        found.documents = _documents({d.id: d.hash for d in record.documents}, docs)
    made = store._assessment([d.graph for d in store.documents()])
    if made is None:
        raise CredkgError("the credibility engine is not installed; nothing can be checked")
    quads: list[ox.Quad] = made[1]
    kinds = {ox.NamedNode(str(t)) for t in PROVENANCE_TYPES}
    runs = {q.subject for q in quads if q.predicate == _RDF_TYPE and q.object in kinds}
    now = read_record(_graph(q for q in quads if q.subject in runs))
    if record is not None and now is not None:
        if record.version != now.version:
            found.version = (record.version, now.version)
        for name in sorted(now.texts.keys() | record.texts.keys()):
            before, after = record.texts.get(name, "(none)"), now.texts.get(name, "(none)")
            if before != after:
                found.parameters[name] = (before, after)
    _compare(found, _stored(store), {q for q in quads if q.subject not in runs})
    found.trust = trust_staleness(store)
    return found


def _graph(quads: Iterable[ox.Quad]) -> Graph:
    g = Graph()
    for q in quads:
        g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return g


def _stored(store: StoreBase) -> set[ox.Quad]:
    """The statements of the assessment graphs that are not provenance."""
    skip = provenance_nodes(store)
    out: set[ox.Quad] = set()
    for name in store.assessment_graphs():
        out.update(q for q in store.ox.quads_for_pattern(None, None, None, name)
                   if q.subject not in skip)
    return out


def _canonical(quads: Iterable[ox.Quad]) -> set[ox.Quad]:
    """The quads with decimals in canonical form: the store keeps ``0.5500`` as ``0.55``."""
    out = set()
    for q in quads:
        o = q.object
        if isinstance(o, ox.Literal) and o.datatype == _DECIMAL:
            try:
                text = format(Decimal(o.value).normalize(), "f")
            except InvalidOperation:
                text = o.value
            q = ox.Quad(q.subject, q.predicate, ox.Literal(text, datatype=_DECIMAL), q.graph_name)
        out.add(q)
    return out


def _compare(found: Freshness, stored: set[ox.Quad], expected: set[ox.Quad]) -> None:
    stored, expected = _canonical(stored), _canonical(expected)
    extra, missing = stored - expected, expected - stored
    grades: dict[tuple[str, str], list[str]] = {}
    for quads, side in ((extra, 0), (missing, 1)):
        for q in quads:
            kind = _GRADES.get(q.predicate.value)
            subject = q.subject
            match = (RECORD_IRI.match(subject.value)
                     if kind and isinstance(subject, ox.NamedNode) else None)
            if match is not None and isinstance(q.object, ox.Literal):
                grades.setdefault((kind or "", match["id"]), ["(none)", "(none)"])[side] = \
                    q.object.value
    found.grades = sorted((k, i, a, b) for (k, i), (a, b) in grades.items())
    graded = sum(1 for q in _with(extra | missing, _GRADES))
    found.other = len(extra) + len(missing) - graded


def _with(quads: Iterable[ox.Quad], predicates: Mapping[str, str]) -> Iterable[ox.Quad]:
    return (q for q in quads if q.predicate.value in predicates)
