"""Dropping a large graph: by pages of quads, or by copying what survives.

pyoxigraph has no cheap drop: ``remove_graph``, ``clear_graph`` and ``DROP GRAPH``
are one transaction holding every removed quad in memory (about 800 bytes a quad),
and ``Store.remove`` is a transaction per quad. Two ways remain, chosen by their
estimated cost (:func:`copy_is_cheaper`):

* :func:`drop_graph`: the graph's quads deleted by pages of a SPARQL ``DELETE``,
  each a transaction of bounded size, at about 45-85 us a quad (2 cores, loaded):
  fine for a document of a few hundred thousand quads, ten minutes and more for
  one of 14 million. The space comes back at the next compaction (``kg optimize``).
* :func:`rebuild_without`: when the document to remove is most of the store, every
  other graph is copied with the bulk loader into a fresh store folder beside the
  store, with the new assessment of what remains, and the two folders are
  exchanged in one ``renameat2(RENAME_EXCHANGE)``. A crash before the exchange
  leaves the old store untouched (and a ``.NAME.rebuild-*`` folder that the next
  rebuild deletes); after it, the new store is complete. The space of the removed
  document comes back at once.

Examples:
    >>> store = ox.Store()
    >>> g = ox.NamedNode("http://e/g")
    >>> store.extend([ox.Quad(ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"),
    ...                       ox.Literal(str(i)), g) for i in range(5)])
    >>> store.add(ox.Quad(ox.BlankNode(), ox.NamedNode("http://e/p"), ox.Literal("b"), g))
    >>> drop_graph(store, g, page=2)
    3
    >>> len(store), store.contains_named_graph(g)
    (0, False)
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import shutil
import uuid
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Protocol

import pyoxigraph as ox
from pyoxigraph import NamedNode, Store

from kg.store.full_write import COMPACT_AFTER
from kg.store.index import _INDEX, _PENDING, Document, delete_index
from kg.store.region import ASSESSED_BASE
from kg.store.tallies import recount
from kg.store.tracks import INDEX_GRAPHS


class _Store(Protocol):
    """What this module needs of :class:`kg.store.base.StoreBase` (which calls it)."""

    path: Path | None
    ox: Store
    _lock: IO[str] | None

    def assessment_graphs(self) -> list[NamedNode]: ...

__all__ = ["copy_is_cheaper", "drop_graph", "rebuild_without"]

#: Quads deleted per transaction (about 200 MB of transaction at this size).
PAGE = 250_000
#: Below this many quads to drop, a drop by pages is always cheap enough.
SMALL = 500_000
_REBUILD = ".rebuild-"


def drop_graph(store: ox.Store, graph: ox.NamedNode, *, page: int = PAGE) -> int:
    """Remove a named graph and its quads, ``page`` quads per transaction.

    Each transaction is a SPARQL ``DELETE`` of the first ``page`` quads of the graph
    (``SELECT ... LIMIT``), so no quad is decoded into Python. Deleting costs about
    45-85 us a quad on 2 cores under load, whatever the way: pages keyed by subject
    read from one snapshot (``VALUES ?s``, 70 us a quad, after 31 us a quad to read
    the subjects into Python) and ``DELETE DATA`` of the quads as text (43 us a quad,
    after reading them) were no faster, and the later ``LIMIT`` pages, which skip the
    tombstones of the earlier ones, were not slower (``benchmarks/README.md``).

    Args:
        store: The pyoxigraph store.
        graph: The graph to drop.
        page: How many quads each transaction deletes (250,000: about 200 MB).

    Returns:
        The number of transactions.
    """
    delete = (f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ {{ SELECT ?s ?p ?o "
              f"WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} LIMIT {page} }} }}")
    pages = 0
    while bool(store.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}")):
        store.update(delete)
        pages += 1
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    return pages


def copy_is_cheaper(store: _Store, old: Document, rest: list[Document]) -> bool:
    """Whether removing ``old`` costs less by copying the rest into a fresh store.

    A drop costs a delete per quad of the document (45-85 us, :func:`drop_graph`), then
    the stale part of the assessment removed by difference; a copy costs a read and a
    bulk write per quad of the rest (about 30 us, most of it pyoxigraph decoding the
    terms for Python) plus the assessment of the rest, which a removal this large
    computes in full either way (:mod:`kg.store.region` falls back to it). So: copy
    when the document is large and the rest no larger.
    """
    if store.path is None or old.triples < SMALL:
        return False
    return sum(d.triples for d in rest) <= old.triples


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2``); False where that is not offered."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_fdcwd, exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), exchange)
    return bool(done == 0)


def clear_leftovers(path: Path) -> None:
    """Delete the fresh folders of rebuilds a crash interrupted (or whose old copy was
    left after the exchange), beside the store in ``path``."""
    from kg.store.lock import writer

    for folder in path.parent.glob(f".{path.name}{_REBUILD}*"):
        if folder.is_dir() and writer(folder) is None:
            shutil.rmtree(folder, ignore_errors=True)


def rebuild_without(
    store: _Store,
    old: Document,
    assessment: tuple[str, list[ox.Quad]] | None,
) -> bool:
    """Remove the document ``old`` by copying everything else into a fresh store.

    Args:
        store: An on-disk store, open for writing (its ``ox`` is reopened on the
            new folder).
        old: The document to remove.
        assessment: The assessment of the documents that remain (graph IRI and
            quads), which replaces every assessment graph; None keeps the
            assessment graphs as they are (no longer current: the index mark
            that says so goes).

    Returns:
        False if the folders cannot be exchanged here (the store is then left as
        it was, open); True once the store is the rebuilt one.
    """
    from kg.store.lock import hold, release

    assert store.path is not None
    path = store.path.resolve()
    clear_leftovers(path)
    fresh = path.parent / f".{path.name}{_REBUILD}{uuid.uuid4().hex[:8]}"
    fresh.mkdir()
    lock = hold(fresh, shared=False)
    try:
        new = ox.Store(str(fresh))
        copied = [0]
        skip = {old.graph} | {g.value for g in INDEX_GRAPHS}  # the region's: rewritten
        if assessment is not None:
            skip |= {g.value for g in store.assessment_graphs()}
        for graph in store.ox.named_graphs():
            if isinstance(graph, ox.NamedNode) and (graph.value in skip or graph == _INDEX):
                continue
            new.bulk_extend(_counted(store.ox.quads_for_pattern(None, None, None, graph), copied))
        new.bulk_extend(store.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        new.extend(q for q in store.ox.quads_for_pattern(None, None, None, _INDEX)
                   if q != _PENDING and q.predicate != ASSESSED_BASE)
        new.update(delete_index(old.id))
        if assessment is not None:
            _write(new, assessment[1])
        recount(new)  # the listings' totals, of the assessment graphs copied or written
        if copied[0] >= COMPACT_AFTER:  # the loader's files overlap: merge them once, here
            new.optimize()
        new.flush()
        del new
        gc.collect()
        del store.ox  # closed, so that its folder can move
        gc.collect()
        swapped = _exchange(path, fresh)
    except BaseException:
        release(lock)
        if not hasattr(store, "ox"):
            store.ox = ox.Store(str(path))
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    store.ox = ox.Store(str(path))
    if not swapped:
        release(lock)
        shutil.rmtree(fresh, ignore_errors=True)
        return False
    # the new folder's lock (taken before the exchange) is now the store's own
    if store._lock is not None:
        release(store._lock)
    store._lock = lock
    weakref.finalize(store, lock.close)
    shutil.rmtree(fresh, ignore_errors=True)  # the old store
    return True


def _counted(quads: Iterable[ox.Quad], count: list[int]) -> Iterator[ox.Quad]:
    """``quads``, adding up their number in ``count[0]``."""
    for q in quads:
        count[0] += 1
        yield q


def _write(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    batch: list[ox.Quad] = []
    for q in quads:
        batch.append(q)
        if len(batch) >= 50_000:
            store.bulk_extend(batch)
            batch = []
    if batch:
        store.extend(batch)
