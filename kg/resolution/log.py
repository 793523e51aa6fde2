"""The merge log: every merge, who made it, when, why, and the records before and after.

Undoing a merge (:func:`kg.resolution.merging.unmerge`) restores its "before"
records exactly. In a store the log lives as RDF in its own named graph
(:func:`merge_log_triples`, :func:`merge_log_from_triples`).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from kg.errors import NotFoundError

#: What a merge joins: two sources or two claims.
Kind = Literal["source", "claim"]

__all__ = [
    "Kind",
    "MergeEntry",
    "MergeLog",
    "Snapshot",
    "login",
    "merge_log_from_triples",
    "merge_log_graph_iri",
    "merge_log_triples",
    "now",
    "snapshots_json",
]

class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Snapshot(_Frozen):
    """One record as it was (or became): the list it is in and its fields."""

    list: str
    record: dict[str, Any]

    def key(self) -> tuple[str, str]:
        """``(list, id)``."""
        return self.list, str(self.record["id"])


class MergeEntry(_Frozen):
    """One merge: ``drop`` became ``keep``; the records it changed, before and after."""

    id: str
    kind: Kind
    keep: str
    drop: str
    reason: str
    sure: bool
    who: str
    when: str
    why: str | None = None
    before: tuple[Snapshot, ...]
    after: tuple[Snapshot, ...]
    undone: bool = False
    #: In a store: the documents the merge changed, as JSON datasets before it.
    documents: dict[str, str] = Field(default_factory=dict)
    #: In a store: made by the resolver when the document was added.
    via_add: bool = False

    def summary(self) -> str:
        """One line: what merged into what, why and by whom."""
        how = "sure" if self.sure else "confirmed"
        why = f"; {self.why}" if self.why else ""
        undone = " [undone]" if self.undone else ""
        return (f"{self.id}: {self.kind} {self.drop} -> {self.keep} ({self.reason}; {how}; "
                f"by {self.who}{why}){undone}")


class MergeLog(_Frozen):
    """Every merge made, in order; serialisable to JSON and to RDF.

    Examples:
        >>> MergeLog.from_json(MergeLog().to_json()) == MergeLog()
        True
    """

    entries: tuple[MergeEntry, ...] = ()
    model_config = ConfigDict(frozen=False, extra="forbid")

    def entry(self, id: str) -> MergeEntry:
        """The entry with this id (raises :class:`NotFoundError`)."""
        for e in self.entries:
            if e.id == id:
                return e
        known = ", ".join(e.id for e in self.entries) or "none"
        raise NotFoundError(f"no merge {id!r} in the log (known: {known}); see `kg merges`")

    def next_id(self) -> str:
        """The id the next entry gets: ``m1``, ``m2``, ..."""
        return f"m{len(self.entries) + 1}"

    def add(self, entry: MergeEntry) -> None:
        """Append an entry."""
        self.entries = (*self.entries, entry)

    def mark_undone(self, id: str) -> None:
        """Flag an entry as undone (it stays in the log: nothing is silent)."""
        self.entries = tuple(
            e.model_copy(update={"undone": True}) if e.id == id else e for e in self.entries
        )

    def to_json(self) -> str:
        """The log as JSON text."""
        return self.model_dump_json(indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> MergeLog:
        """A log from :meth:`to_json` text."""
        return cls.model_validate_json(text)


def login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "analyst"


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


SNAPSHOTS: TypeAdapter[tuple[Snapshot, ...]] = TypeAdapter(tuple[Snapshot, ...])


def snapshots_json(entry: MergeEntry) -> str:
    """The before/after records of an entry as compact JSON (what the RDF form carries)."""
    return json.dumps({"before": [s.model_dump() for s in entry.before],
                       "after": [s.model_dump() for s in entry.after],
                       "documents": entry.documents, "via_add": entry.via_add},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --- the log as RDF -------------------------------------------------------------------------

def merge_log_graph_iri(base: str) -> str:
    """The named graph the merge log lives in: ``{base}graph/merges``."""
    return f"{base}graph/merges"


def merge_log_triples(log: MergeLog, base: str) -> list[tuple[Any, Any, Any]]:
    """The log as RDF triples (for the named graph :func:`merge_log_graph_iri`).

    Each entry is a ``prov:Activity`` at ``{base}merge/{id}`` with its time
    (``prov:endedAtTime``), agent (``dcterms:creator``), rule (``dcterms:description``),
    reason (``rdfs:comment``), ``owl:sameAs`` between the dropped and the kept IRI
    (while the merge stands), and the records before and after as one ``rdf:JSON``
    literal, which is what makes an unmerge exact.

    Examples:
        >>> log = MergeLog()
        >>> from kg.model import Dataset, Source
        >>> from kg.resolution.merging import merge
        >>> ds = Dataset(sources=[Source(id="a", kind="person", name="A"),
        ...                       Source(id="b", kind="person", name="B")])
        >>> _ = merge(ds, "a", "b", log, who="me", when="2024-01-01T00:00:00+00:00")
        >>> merge_log_from_triples(merge_log_triples(log, ds.base)) == log
        True
    """
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

    triples: list[tuple[Any, Any, Any]] = []
    for e in log.entries:
        n = URIRef(f"{base}merge/{e.id}")
        kind_path = "source" if e.kind == "source" else "claim"
        triples += [
            (n, RDF.type, PROV.Activity),
            (n, DCTERMS.identifier, Literal(e.id)),
            (n, RDFS.label, Literal(f"merge {e.kind} {e.drop} into {e.keep}")),
            (n, DCTERMS.type, Literal(e.kind)),
            (n, PROV.used, URIRef(f"{base}{kind_path}/{e.drop}")),
            (n, PROV.generated, URIRef(f"{base}{kind_path}/{e.keep}")),
            (n, DCTERMS.description, Literal(e.reason)),
            (n, DCTERMS.creator, Literal(e.who)),
            (n, PROV.endedAtTime, Literal(e.when, datatype=XSD.dateTime)),
            (n, DCTERMS.conformsTo, Literal("sure" if e.sure else "confirmed")),
            (n, RDF.value, Literal(snapshots_json(e), datatype=RDF.JSON)),
        ]
        if e.why is not None:
            triples.append((n, RDFS.comment, Literal(e.why)))
        if e.undone:
            triples.append((n, PROV.invalidatedAtTime, Literal(True)))
        else:
            triples.append((URIRef(f"{base}{kind_path}/{e.drop}"), OWL.sameAs,
                            URIRef(f"{base}{kind_path}/{e.keep}")))
    return triples


def merge_log_from_triples(triples: Iterable[tuple[Any, Any, Any]]) -> MergeLog:
    """Read a log back from :func:`merge_log_triples`' output (or a store's named graph)."""
    from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

    by_node: dict[Any, dict[Any, Any]] = {}
    for s, p, o in triples:
        if p == RDF.type and o == PROV.Activity:
            by_node.setdefault(s, {})
        elif p != RDF.type:
            by_node.setdefault(s, {})[p] = o
    entries = []
    for props in by_node.values():
        if DCTERMS.identifier not in props:
            continue  # an owl:sameAs subject, not an entry
        label = str(props[RDFS.label]).split()
        snaps = json.loads(str(props[RDF.value]))
        entries.append(MergeEntry(
            id=str(props[DCTERMS.identifier]), kind=str(props[DCTERMS.type]),
            keep=label[-1], drop=label[2], reason=str(props[DCTERMS.description]),
            sure=str(props[DCTERMS.conformsTo]) == "sure", who=str(props[DCTERMS.creator]),
            when=str(props[PROV.endedAtTime]),
            why=str(props[RDFS.comment]) if RDFS.comment in props else None,
            before=SNAPSHOTS.validate_python(snaps["before"]),
            after=SNAPSHOTS.validate_python(snaps["after"]),
            undone=PROV.invalidatedAtTime in props,
            documents=snaps.get("documents", {}), via_add=snaps.get("via_add", False),
        ))
    entries.sort(key=lambda e: int(e.id[1:]) if e.id[1:].isdigit() else 0)
    return MergeLog(entries=tuple(entries))
