"""Entity resolution in a store: documents added with resolution, merges kept as RDF.

A store (:class:`kg.store.Store`) keeps each document in its own named graph.
:func:`add_resolved` adds a dataset through :func:`~kg.resolution.merging.resolve`:
the document is stored with its sure matches rewritten to the ids already in
the store, carrying a copy of each matched record (with the aliases it adds) so
that the document is valid on its own and the union has one record. Likely
matches are returned for the analyst. The merge log lives in the store as RDF,
in the named graph ``{base}graph/merges`` (:func:`read_merge_log`).

:func:`merge_in_store` merges two records across documents on the analyst's
word; :func:`unmerge_in_store` undoes it by putting back every document it
changed as it was, so the store's graph is exactly what it was. Undoing a
*sure* merge made when a document was added re-adds that document as it came
in, resolved again without that merge (the other merges stay).

Examples:
    >>> from kg.store import Store
    >>> from kg.seed import seed_dataset
    >>> from kg.model import Dataset, Source
    >>> store = Store()
    >>> _ = add_resolved(store, seed_dataset(), "seed", assess=False)
    >>> new = Dataset(sources=[Source(id="welt", kind="news_outlet", name="WELT")])
    >>> result = add_resolved(store, new, "welt-doc", assess=False)
    >>> [e.summary().split(";")[0] for e in result.merged]
    ["m1: source welt -> die-welt (same name: 'welt'"]
    >>> [(s.id, s.aliases) for s in store.dataset().sources if s.id in ("die-welt", "welt")]
    [('die-welt', ('WELT', 'Welt'))]
    >>> unmerge_in_store(store, "m1", assess=False).undone
    True
    >>> [(s.id, s.aliases) for s in store.dataset().sources if s.id in ("die-welt", "welt")]
    [('die-welt', ('WELT', 'Welt')), ('welt', ())]
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import InputError, NotFoundError
from kg.model import DEFAULT_BASE, Claim, Dataset, Source
from kg.resolution.changes import CHANGES_GRAPH
from kg.resolution.log import (
    MergeEntry,
    MergeLog,
    merge_log_from_triples,
    merge_log_graph_iri,
    merge_log_triples,
)
from kg.resolution.matching import MatchIndex, claim_keys, claim_probe_keys, source_keys
from kg.resolution.merging import (
    AnyRecord,
    Resolution,
    _enrich,
    _rebuild,
    _records,
    _rewrite,
    merge,
    resolve,
)

if TYPE_CHECKING:
    from kg.resolution.known import Registry
    from kg.store import Store

__all__ = [
    "add_resolved",
    "document_dataset",
    "forget_documents",
    "index_documents",
    "merge_in_store",
    "read_merge_log",
    "store_candidates",
    "unmerge_in_store",
]


def read_merge_log(store: Store, base: str = DEFAULT_BASE) -> MergeLog:
    """The store's merge log (empty if none was written)."""
    graph = merge_log_graph_iri(base)
    return merge_log_from_triples((s, p, o) for s, p, o, _ in store.graph_quads(graph))


def _write_log(store: Store, log: MergeLog, base: str) -> None:
    store.replace_graph(merge_log_graph_iri(base),
                        ((s, p, o, None) for s, p, o in merge_log_triples(log, base)))


def document_dataset(store: Store, doc_id: str) -> Dataset:
    """One document of the store as a dataset."""
    from rdflib import Graph

    from kg.formats.rdf import from_rdf

    g = Graph()
    for s, p, o, _ in store.graph_quads(store.document(doc_id).graph):
        g.add((s, p, o))
    return from_rdf(g, name=f"document {doc_id}") if len(g) else Dataset()


def _restricted(ds: Dataset, keep_ids: set[str]) -> Dataset:
    """The records with these ids, their references to records outside them dropped.

    A dropped reference only leaves out triples that other documents hold anyway.
    """
    out: dict[tuple[str, str], AnyRecord] = {}
    records = {k: r for k, r in _records(ds).items() if k[1] in keep_ids}
    ids = {k[1] for k in records}
    for key, r in records.items():
        if isinstance(r, Source):
            r = r.model_copy(update={"affiliated_with": tuple(
                x for x in r.affiliated_with if x in ids)})
        elif isinstance(r, Claim):
            r = r.model_copy(update={f: tuple(x for x in getattr(r, f) if x in ids)
                                     for f in ("about", "contradicts", "supports")})
        out[key] = r
    return _rebuild(ds.base, out)


def _closure(ds: Dataset, ids: set[str]) -> set[str]:
    """``ids`` and the records that their records refer to."""
    out = set(ids)
    for r in ds.records():
        if r.id not in ids:
            continue
        data = r.model_dump()
        for f in ("source", "claim", "report", "published_by", "reviewer"):
            if data.get(f):
                out.add(data[f])
        for f in ("about", "affiliated_with", "cites"):
            out.update(data.get(f) or ())
    return out


KEY = "urn:credkg:match#key"
#: In a key graph: the graph itself -> the document version (graph IRI) it was made from.
KEYS_OF = "urn:credkg:match#of"
_KEY_GRAPH = "graph/keys/"


def _key_graph(base: str, doc_id: str) -> str:
    return f"{base}{_KEY_GRAPH}{doc_id}"


def _key_quads(ds: Dataset, graph: str, version: str) -> list[tuple[Any, Any, Any, None]]:
    from rdflib import Literal, URIRef

    from kg.namespace import record_iri

    out: list[tuple[Any, Any, Any, None]] = [(URIRef(graph), URIRef(KEYS_OF), URIRef(version),
                                              None)]
    pred = URIRef(KEY)
    for s in ds.sources:
        node = URIRef(record_iri(ds.base, "source", s.id))
        out += [(node, pred, Literal(k), None) for k in sorted(source_keys(s, ds.base))]
    for c in ds.claims:
        node = URIRef(record_iri(ds.base, "claim", c.id))
        out += [(node, pred, Literal(k), None) for k in sorted(claim_keys(c))]
    return out


def _read(store: Store, graph: str) -> Dataset:
    from kg.store.reader import read_dataset

    return read_dataset(store.ox, [graph])


def _write_keys(store: Store, base: str, doc_id: str) -> None:
    graph, version = _key_graph(base, doc_id), store.document(doc_id).graph
    store.replace_graph(graph, _key_quads(_read(store, version), graph, version))


def forget_documents(store: Store) -> int:
    """Drop the matching keys and the recorded changes of documents no longer in the
    store, whatever their base (``kg remove`` calls it); how many graphs were dropped.

    Examples:
        >>> from kg.seed import seed_dataset
        >>> from kg.store import Store
        >>> store = Store()
        >>> _ = add_resolved(store, seed_dataset(), "seed")
        >>> _ = store.remove("seed")
        >>> forget_documents(store), forget_documents(store)
        (2, 0)
    """
    present = {d.id for d in store.documents()}
    dropped = 0
    for g in list(store.ox.named_graphs()):
        if not isinstance(g, ox.NamedNode):
            continue
        for kind in (_KEY_GRAPH, CHANGES_GRAPH):
            _, found, doc = g.value.rpartition(kind)
            if found and doc not in present:
                store.ox.update(f"DROP SILENT GRAPH {g}")
                dropped += 1
    return dropped


def index_documents(store: Store, base: str = DEFAULT_BASE) -> int:
    """Write the matching keys of every document that has none yet, or has keys of an
    earlier version of itself; how many were indexed.

    Documents added with :func:`add_resolved` are indexed as they come in; this
    indexes the others (e.g. added with ``kg add``, or replaced since) once.
    """
    made_from = {q.graph_name.value: q.object.value
                 for q in store.ox.quads_for_pattern(None, ox.NamedNode(KEYS_OF), None, None)
                 if isinstance(q.graph_name, ox.NamedNode) and isinstance(q.object, ox.NamedNode)}
    done = 0
    for doc in store.documents():
        if made_from.get(_key_graph(base, doc.id)) != doc.graph:
            _write_keys(store, base, doc.id)
            done += 1
    return done


def store_candidates(store: Store, incoming: Dataset) -> MatchIndex:
    """The existing records sharing a matching key with an incoming one, as an index.

    One SPARQL query over the key graphs, bound with ``VALUES``: it looks the keys
    up in the store's indexes and never reads the other records.
    """
    from kg.namespace import RECORD_IRI

    base = incoming.base
    wanted: dict[str, str] = {}
    for src in incoming.sources:
        for k in source_keys(src, base):
            wanted[k] = "source"
    for c in incoming.claims:
        for k in claim_probe_keys(c):
            wanted[k] = "claim"
    index = MatchIndex()
    if not wanted:
        return index
    values = " ".join(str(ox.Literal(k)) for k in wanted)
    answer = store.ox.query(
        f"SELECT ?s ?k WHERE {{ VALUES ?k {{ {values} }} GRAPH ?g {{ ?s <{KEY}> ?k }} }}")
    for row in answer:  # type: ignore[union-attr]
        subject, key = row[0], row[1]
        match = RECORD_IRI.match(str(subject.value))
        if match is None:
            continue
        table = index.sources if match["kind"] == "source" else index.claims
        table.setdefault(str(key.value), set()).add(match["id"])
    return index


def _subset(ds: Dataset, ids: set[str]) -> Dataset:
    """The sources and claims with these ids (references outside them dropped)."""
    sources: list[Source] = []
    claims: list[Claim] = []
    for i in sorted(ids):
        try:
            sources.append(ds.source(i))
            continue
        except NotFoundError:
            pass
        with contextlib.suppress(NotFoundError):
            claims.append(ds.claim(i))
    keep = {s.id for s in sources} | {c.id for c in claims}
    return Dataset(
        base=ds.base,
        sources=[x.model_copy(update={"affiliated_with": tuple(
            a for a in x.affiliated_with if a in keep)}) for x in sources],
        claims=[x.model_copy(update={f: tuple(y for y in getattr(x, f) if y in keep)
                                     for f in ("about", "contradicts", "supports")})
                for x in claims])


@dataclass
class Timing:
    """Seconds spent in matching (candidate lookup, rules and merges) by the last add."""

    matching: float = 0.0
    #: Of which: looking the keys up in the store (the SPARQL query).
    lookup: float = 0.0


#: Filled by :func:`add_resolved`: what its matching cost (benchmarks read it).
LAST_TIMING = Timing()


def add_resolved(store: Store, ds: Dataset, doc_id: str, *, when: str | None = None,
                 veto: frozenset[tuple[str, str]] = frozenset(), assess: bool = True,
                 record: bool = True, registry: Registry | None = None) -> Resolution:
    """Add a document to the store with entity resolution; log its merges in the store.

    Matching is indexed: the document's sources and claims are compared only with
    the stored records that share a matching key with them (:func:`store_candidates`;
    keys live in the named graph ``{base}graph/keys/{doc}`` of each document), never
    with every record. With ``assess``, what the document changed (new claims,
    corroborations, contradictions, grades that moved) is kept in the store
    (:mod:`kg.resolution.changes`, ``kg query document-changes``).

    Args:
        store: The store.
        ds: The incoming dataset.
        doc_id: Its document id (a document with this id is replaced).
        when: Timestamp for the log (default now).
        veto: ``(incoming id, existing id)`` pairs not to merge (undone merges).
        assess: Recompute the store's assessment afterwards.
        record: Log the merges (off when re-adding a document after an unmerge).
        registry: Known entities to recognise sources by (:mod:`kg.resolution.known`).

    Returns:
        The resolution: the merges made (each logged with the document as it came
        in), likely matches to confirm, renames.
    """
    from kg.resolution.changes import record_changes, snapshot

    log = read_merge_log(store, ds.base)
    start = len(log.entries)
    holder: list[Resolution] = []
    index_documents(store, ds.base)
    before = snapshot(store) if assess and record else None

    def resolver(existing: Dataset, incoming: Dataset) -> Dataset:
        import time

        t0 = time.perf_counter()
        probe = _enrich(incoming, registry)[0] if registry is not None else incoming
        index = store_candidates(store, probe)
        LAST_TIMING.lookup = time.perf_counter() - t0
        ids = {i for table in (index.sources, index.claims) for v in table.values() for i in v}
        ids |= {r.id for r in incoming.records()}  # an equal id is a candidate too
        result = resolve(_subset(existing, ids), incoming, log, when=when, veto=veto,
                         registry=registry, index=index)
        LAST_TIMING.matching = time.perf_counter() - t0
        holder.append(result)
        final = {r.id: r.id for r in incoming.records()} | dict(result.renamed)
        present = {r.id for r in result.dataset.records()}
        moves = {e.drop: e.keep for e in result.merged}
        for k, v in final.items():
            while v not in present and v in moves:
                v = moves[v]
            final[k] = v
        return _restricted(result.dataset, _closure(result.dataset, set(final.values())))

    store.add_dataset(ds, doc_id, resolver=resolver, assess=assess)
    if holder:
        _write_keys(store, ds.base, doc_id)
    if before is not None:
        record_changes(store, doc_id, before)
    result = holder[0] if holder else Resolution(ds)
    if not record:
        return result
    raw = ds.model_dump_json(exclude_defaults=True)
    log.entries = (*log.entries[:start], *(
        e.model_copy(update={"documents": {doc_id: raw}, "via_add": True})
        for e in log.entries[start:]))
    result.merged = list(log.entries[start:])
    if result.merged:
        _write_log(store, log, ds.base)
    return result


def merge_in_store(store: Store, keep: str, drop: str, *, why: str | None = None,
                   who: str | None = None, when: str | None = None,
                   assess: bool = True) -> MergeEntry:
    """Merge ``drop`` into ``keep`` across the store's documents, on the analyst's word.

    Raises:
        NotFoundError, InputError: as :func:`~kg.resolution.merging.merge`.
    """
    union = store.dataset()
    log = read_merge_log(store, union.base)
    merged = merge(union, keep, drop, log, why=why, who=who, when=when)
    before: dict[str, str] = {}
    is_source = any(s.id == drop for s in union.sources)
    mapping = {drop: keep}
    for doc in store.documents():
        doc_ds = document_dataset(store, doc.id)
        own = _records(doc_ds)
        rewritten = {k: _rewrite(r, mapping if is_source else {},
                                 {} if is_source else mapping, {}) for k, r in own.items()}
        if rewritten == own and not any(k[1] == drop for k in own):
            continue
        before[doc.id] = doc_ds.model_dump_json(exclude_defaults=True)
        ids = {keep if k[1] == drop else k[1] for k in own}
        store.add_dataset(_restricted(merged, _closure(merged, ids)), doc.id, assess=False)
    log.entries = (*log.entries[:-1], log.entries[-1].model_copy(update={"documents": before}))
    _write_log(store, log, union.base)
    if assess:
        store.reassess()
    return log.entries[-1]


def unmerge_in_store(store: Store, merge_id: str, *, assess: bool = True) -> MergeEntry:
    """Undo a merge in the store: the documents it changed go back as they were.

    Raises:
        NotFoundError: no such merge.
        InputError: it was undone already, or a later merge changed the same documents.
    """
    from kg.formats.loading import validate

    base = store.dataset().base
    log = read_merge_log(store, base)
    entry = log.entry(merge_id)
    if entry.undone:
        raise InputError(f"merge {merge_id} was undone already")
    position = log.entries.index(entry)
    later = [e for e in log.entries[position + 1:]
             if not e.undone and set(e.documents) & set(entry.documents)]
    if later and not entry.via_add:
        raise InputError(f"merge {later[-1].id} changed the same documents after "
                         f"{merge_id}; unmerge it first")
    for doc_id, text in entry.documents.items():
        doc = validate(json.loads(text), f"merge log {merge_id}", lambda loc: None)
        if entry.via_add:
            vetoed = frozenset({(e.drop, e.keep) for e in log.entries if e.undone
                                and e.via_add and doc_id in e.documents}
                               | {(entry.drop, entry.keep)})
            store.remove(doc_id, assess=False)
            from kg.resolution.known import load_registry

            add_resolved(store, doc, doc_id, veto=vetoed, assess=False, record=False,
                         registry=load_registry())
        else:
            store.add_dataset(doc, doc_id, assess=False)
    log.mark_undone(merge_id)
    _write_log(store, log, base)
    if assess:
        store.reassess()
    return log.entry(merge_id)
