"""The transactional core of a store: opening, reading, the commit point and recovery.

:class:`StoreBase` opens a pyoxigraph store (on disk or in memory, holding the
writers' lock), reads its index and documents, and owns the one small
transaction that commits a write (:meth:`StoreBase._commit`) and what follows it
(:meth:`StoreBase._finish`). :class:`kg.store.Store` adds the writes that build
on them (documents in, documents out, the assessment).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Self

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from kg.errors import CredkgError, InputError, NotFoundError, StoreError
from kg.model import Dataset
from kg.store.full_write import COMPACT_AFTER, FullAssessment, write_full
from kg.store.index import (
    _ADDED,
    _GRAPH,
    _HASH,
    _ID,
    _INDEX,
    _PENDING,
    _SOURCE,
    _TRIPLES,
    ASSESSMENT_GRAPH_NAME,
    DOCUMENT_BASE,
    Document,
)
from kg.store.region import ASSESSED_BASE, RegionUpdate
from kg.store.terms import from_ox, to_ox_quad
from kg.store.tracks import INDEX_GRAPHS

__all__ = ["RdfQuad", "StoreBase"]

RdfQuad = tuple[Node, Node, Node, URIRef | None]
_BIG = 50_000  # quads; above this, writes go through pyoxigraph's bulk loader


class StoreBase:
    """Opening, reading, committing and recovering a store (see :class:`kg.store.Store`)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = None if path is None else Path(path)
        self.read_only = read_only
        #: Seconds the last full assessment spent compacting the store (None: it did not).
        self.compacted: float | None = None
        try:
            if read_only and self.path is not None:
                self.ox = ox.Store.read_only(str(self.path))
            else:
                self.ox = ox.Store(None if self.path is None else str(self.path))
        except (OSError, RuntimeError) as e:
            self._refuse_if_written()
            raise StoreError(
                f"{self.path}: cannot open the store: {e}; is another kg process writing to "
                "it? Stop it (kg serve, kg build) and retry"
            ) from None
        self._lock: IO[str] | None = None
        if not read_only and self.path is not None:
            from kg.store.lock import hold

            try:
                self._lock = hold(self.path, shared=False)  # refused while kg serve holds it
            except CredkgError:
                del self.ox
                raise
            weakref.finalize(self, self._lock.close)
        if not read_only:
            self._finish_interrupted()
        elif self._interrupted():
            self._refuse_if_written()
            raise StoreError(
                f"{self.path}: a write to this store was interrupted; open it for writing "
                f"once to finish it (e.g. kg optimize --store {self.path})"
            )

    def _refuse_if_written(self) -> None:
        """Raise a one-line StoreError naming the writer, if a kg process is writing now.

        A store caught in the middle of a write (files compacted away under a
        reader, a document graph not yet committed) must not be reported as
        corrupt or interrupted when the write is simply still going on.
        """
        from kg.store.lock import writer

        busy = writer(self.path) if self.path is not None else None
        if busy is not None:
            raise StoreError(f"{self.path}: {busy} is writing to this store; retry when it "
                             "has finished")

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Self:
        """Open (or create) the on-disk store in the folder ``path``.

        Args:
            path: The folder.
            read_only: Open a read-only view; several processes may read at
                once, but not while another one writes.

        Raises:
            InputError: ``path`` is a file, a folder that is not a store, or
                (read-only) does not exist.
            StoreError: the store is locked by another writer or damaged.
        """
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise InputError(f"{path}: is a file; give a folder for the store")
        if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").exists():
            raise InputError(
                f"{path}: is a folder that is not a credkg store; give an empty or new folder"
            )
        if read_only and not (path / "CURRENT").exists():
            raise NotFoundError(f"{path}: no store here; create one with kg build FILE --store")
        return cls(path, read_only=read_only)

    # -- reading -----------------------------------------------------------------------

    def documents(self) -> list[Document]:
        """The documents of the store, sorted by id."""
        facts: dict[str, dict[str, str]] = {}
        for q in self.ox.quads_for_pattern(None, None, None, _INDEX):
            if isinstance(q.subject, ox.NamedNode) and not isinstance(q.object, ox.Triple):
                facts.setdefault(q.subject.value, {})[q.predicate.value] = q.object.value
        docs = [
            Document(
                id=f[_ID.value],
                graph=f[_GRAPH.value],
                source=f.get(_SOURCE.value, ""),
                hash=f[_HASH.value],
                triples=int(f[_TRIPLES.value]),
                added=f[_ADDED.value],
            )
            for f in facts.values()
            if {_ID.value, _GRAPH.value, _HASH.value, _TRIPLES.value, _ADDED.value} <= f.keys()
        ]
        return sorted(docs, key=lambda d: d.id)

    def assessment_graphs(self) -> list[ox.NamedNode]:
        """The assessment graphs in the store: one, unless documents changed base.

        Examples:
            >>> from kg.seed import seed_dataset
            >>> from kg.store import Store
            >>> store = Store()
            >>> _ = store.add_dataset(seed_dataset(), "seed")
            >>> [g.value for g in store.assessment_graphs()]
            ['https://w3id.org/credkg/id/graph/assessment']
        """
        return [
            g for g in self.ox.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.endswith(f"graph/{ASSESSMENT_GRAPH_NAME}")
        ]

    def document(self, doc_id: str) -> Document:
        """One document by id (raises :class:`~kg.errors.NotFoundError`)."""
        for d in self.documents():
            if d.id == doc_id:
                return d
        known = ", ".join(d.id for d in self.documents()) or "none"
        raise NotFoundError(f"no document {doc_id!r} in the store (documents: {known})")

    def graph_quads(self, graph_iri: str) -> Iterator[RdfQuad]:
        """The quads of one named graph, as rdflib terms (graph given as an IRI string)."""
        g = ox.NamedNode(graph_iri)
        for q in self.ox.quads_for_pattern(None, None, None, g):
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), URIRef(graph_iri)

    def dataset(self) -> Dataset:
        """The union of the documents as one :class:`~kg.model.Dataset`.

        The assessment and index graphs are left out: they are results, not data.

        Raises:
            DatasetError: the documents together do not form a valid dataset.
        """
        return self._dataset([d.graph for d in self.documents()])

    def _dataset(self, graphs: Iterable[str]) -> Dataset:
        from kg.store.reader import read_dataset

        return read_dataset(self.ox, graphs)

    def __len__(self) -> int:
        """The number of quads in the store, all graphs included."""
        return len(self.ox)

    # -- writing -----------------------------------------------------------------------

    def optimize(self) -> None:
        """Compact the store on disk, so that queries read fewer and sorted files.

        A bulk load leaves overlapping files that RocksDB merges in the background
        only while the store is open for writing (never under ``kg serve``, which
        reads). A full assessment that writes more than :data:`COMPACT_AFTER` lines
        compacts after it. At 1M claims (28M quads with the assessment) compaction
        takes about 2.5 min and makes the next ``kg add`` 2x faster and the
        corpus-wide queries 1.5-2x faster (``benchmarks/README.md``).
        """
        if self.path is not None:
            self.ox.optimize()

    def flush(self) -> None:
        """Write everything to disk (the store also does this by itself)."""
        if self.path is not None:
            self.ox.flush()

    # -- internals ---------------------------------------------------------------------

    def _count(self, graph: ox.NamedNode) -> int:
        answer = self.ox.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        assert isinstance(answer, ox.QuerySolutions)
        term = next(iter(answer))[0]
        return int(term.value) if isinstance(term, ox.Literal) else 0

    def _unchanged(self, doc_id: str, digest: str) -> bool:
        return any(d.id == doc_id and d.hash == digest for d in self.documents())

    def _write(self, stream: Iterable[ox.Quad]) -> None:
        batch: list[ox.Quad] = []
        for q in stream:
            batch.append(q)
            if len(batch) >= _BIG:
                self.ox.bulk_extend(batch)
                batch = []
        if batch:
            self.ox.extend(batch)

    def _commit(self, update: str, *, pending: bool) -> None:
        """The commit point: one small transaction changes the index (and, with
        ``pending``, marks the assessment as to be replaced by :meth:`_finish`)."""
        parts = [update.strip().rstrip(";")] if update.strip() else []
        if pending:
            parts.append(f"INSERT DATA {{ GRAPH {_INDEX} {{ {_PENDING.subject} "
                         f"{_PENDING.predicate} {_PENDING.object} }} }}")
        if parts:
            self.ox.update(" ;\n".join(parts))
        if not pending and parts:  # the assessment no longer follows the documents
            for q in list(self.ox.quads_for_pattern(_INDEX, ASSESSED_BASE, None, _INDEX)):
                self.ox.remove(q)

    def _finish(self, drop: list[str],
                assessment: FullAssessment | tuple[str, list[ox.Quad]] | RegionUpdate | None
                ) -> None:
        """After the commit: drop replaced graphs, then replace the assessment graph
        (all of it, or the region of a :class:`~kg.store.region.RegionUpdate`)."""
        for g in drop:
            self._drop_graph(ox.NamedNode(g))
        if assessment is None:
            return
        from kg.store.tallies import adjust, recount

        if isinstance(assessment, FullAssessment):
            for q in list(self.ox.quads_for_pattern(_INDEX, ASSESSED_BASE, None, _INDEX)):
                self.ox.remove(q)  # the data say again whether it holds
            for name in self.assessment_graphs():  # the store's base may have changed
                if name.value != assessment.graph:
                    self._drop_graph(name)
            for name in INDEX_GRAPHS:  # the assessment's indexes: rewritten whole
                if self.ox.contains_named_graph(name):
                    self._drop_graph(name)
            written, _ = write_full(self.ox, assessment)  # by difference, from text
            recount(self.ox)
            self.ox.remove(_PENDING)
            self.compacted = None
            if written >= COMPACT_AFTER:
                started = time.perf_counter()
                self.optimize()
                self.compacted = time.perf_counter() - started
            return
        if isinstance(assessment, RegionUpdate):
            now = set(assessment.quads)
            gone = set(assessment.current) - now
            for q in gone:
                self.ox.remove(q)
            added = [q for q in now if q not in self.ox]
            self._write(added)
            adjust(self.ox, gone, added)  # the listings' totals (kg.store.tallies)
            self.ox.remove(_PENDING)
            return
        for q in list(self.ox.quads_for_pattern(_INDEX, ASSESSED_BASE, None, _INDEX)):
            self.ox.remove(q)  # the data say again whether it holds
        graph, data = assessment
        if not data:  # nothing left to assess: the graphs go by pages, not a quad at a time
            for name in self.assessment_graphs():
                self._drop_graph(name)
        for name in INDEX_GRAPHS:  # the assessment's indexes: rewritten whole, from ``data``
            if self.ox.contains_named_graph(name):
                self._drop_graph(name)
        # other assessment graphs go (the store's base may have changed); the current one
        # is updated by difference: a quad removed costs ~25 us, one kept only a lookup
        missing = set(data)
        for name in self.assessment_graphs():
            if name.value != graph:
                self._drop_graph(name)
                continue
            for q in self.ox.quads_for_pattern(None, None, None, name):  # a snapshot
                if q in missing:
                    missing.discard(q)
                else:
                    self.ox.remove(q)
        self._write(q for q in data if q in missing)
        recount(self.ox)
        self.ox.remove(_PENDING)

    def replace_graph(self, graph_iri: str, quads: Iterable[RdfQuad]) -> int:
        """Replace the content of one named graph by ``quads``, in one transaction.

        The graph component of each quad is ignored: all go into ``graph_iri``.

        Returns:
            The number of triples now in the graph.
        """
        graph = ox.NamedNode(graph_iri)
        data = [to_ox_quad(s, p, o, graph) for s, p, o, _ in quads]
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in data)
        self.ox.update(
            f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"
        )
        return len(set(data))

    def _drop_graph(self, graph: ox.NamedNode) -> None:
        """Remove a named graph and its quads, a page of subjects per transaction
        (:func:`kg.store.drop.drop_graph`); the space comes back when the store is
        compacted (:meth:`optimize`, ``kg optimize``)."""
        from kg.store.drop import drop_graph

        drop_graph(self.ox, graph)

    def _orphans(self) -> list[ox.NamedNode]:
        """Document graphs that no index entry names (left by a crash mid-write)."""
        known = {d.graph for d in self.documents()}
        return [
            g for g in self.ox.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(DOCUMENT_BASE)
            and g.value not in known
        ]

    def _interrupted(self) -> bool:
        return _PENDING in self.ox or bool(self._orphans())

    def _finish_interrupted(self) -> None:
        """Finish what a crash interrupted (the store that writes says how)."""
