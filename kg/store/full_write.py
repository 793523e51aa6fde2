"""Writing a full assessment into the store from N-Triples text, by difference.

A full assessment of 1M claims is 13.45M triples. Making a pyoxigraph term per
subject, predicate and object costs more than writing its text, and one
transaction holding them all does not fit in memory; so :class:`FullAssessment`
carries the assessment as N-Triples lines (:func:`kg.formats.assessment.assessment_lines`,
formatted as pyoxigraph's serialiser formats them), and :func:`write_full` streams
them into the store's bulk loader in batches, skipping the lines the graph already
holds and removing the stored lines the new assessment no longer has. An empty
graph (the first assessment) costs no comparison at all.

Examples:
    >>> store = ox.Store()
    >>> g = "https://example.org/graph/assessment"
    >>> line = "<https://example.org/claim/c1> <https://example.org/p> {} ."
    >>> write_full(store, FullAssessment(g, iter([line.format('"1"'), line.format('"2"')])))
    (2, 0)
    >>> write_full(store, FullAssessment(g, iter([line.format('"2"'), line.format('"3"')])))
    (1, 1)
    >>> sorted(q.object.value for q in store)
    ['2', '3']
"""

from __future__ import annotations

import gc
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from hashlib import blake2b
from typing import IO, cast

import pyoxigraph as ox

__all__ = ["COMPACT_AFTER", "FullAssessment", "write_full"]

#: Lines handed to the bulk loader at a time (~16 MB of text). The loader holds ~0.6 kB a
#: line while it runs, and the next batch is made meanwhile: at 100,000 lines the write
#: costs ~150 MB besides the assessment, whatever the store's size (~370 MB at 250,000),
#: and loads as fast (benchmarks/README.md, "Memory of a full assessment").
BATCH = 100_000
#: Quads a full assessment (or a rebuild) bulk-writes above which the store is compacted
#: after it: the loader's files overlap, and until RocksDB merges them every lookup of
#: the next ``kg add`` probes them all (at 100k claims, 1.3M lines: an add took 2.5 s
#: straight after, 0.5 s after compacting, which cost a quarter of the assessment).
COMPACT_AFTER = 500_000


@dataclass
class FullAssessment:
    """A full assessment to write: its graph, its triples as N-Triples lines (read once),
    and quads made as terms (its provenance, and index marks in other graphs)."""

    graph: str
    lines: Iterator[str]
    quads: list[ox.Quad] = field(default_factory=list)

    def all_quads(self) -> list[ox.Quad]:
        """Every quad, as pyoxigraph terms (consumes :attr:`lines`)."""
        g = ox.NamedNode(self.graph)
        return [*(ox.Quad(t.subject, t.predicate, t.object, g) for t in _parse(self.lines)),
                *self.quads]


def digest(line: bytes) -> bytes:
    """A line's 128-bit BLAKE2b digest: what the comparison keeps of a stored line (~80
    bytes in a set, against ~270 for the line itself); two lines of one graph share one
    with a chance of ~1e-25 at 13.45M lines.

    Examples:
        >>> len(digest(b"<x:s> <x:p> <x:o> .")), digest(b"a") == digest(b"b")
        (16, False)
    """
    return blake2b(line, digest_size=16).digest()


class _LineSink:
    """A file-like sink for :meth:`pyoxigraph.Store.dump` that keeps each complete line;
    with ``digests``, the :func:`digest` of each line instead, and the text compressed
    (zlib's fastest level: ~0.1 of it) to find the stale lines again (:meth:`lines_in`)."""

    def __init__(self, digests: bool = False) -> None:
        self.lines: set[str] = set()
        self.digests: set[bytes] = set()
        self.blank = False
        self._tail = b""
        self._keep_digests = digests
        self._packed: list[bytes] = []

    def write(self, chunk: bytes) -> int:
        data = self._tail + bytes(chunk)
        cut = data.rfind(b"\n") + 1
        self._tail = data[cut:]
        if cut:
            part = data[:cut]
            self.blank = self.blank or b"_:" in part
            found = part.split(b"\n")[:-1]
            if self._keep_digests:
                self.digests.update(map(digest, found))
                self._packed.append(zlib.compress(part, 1))
            else:
                self.lines.update(x.decode() for x in found)
        return len(chunk)

    def lines_in(self, wanted: set[bytes]) -> set[str]:
        """The lines dumped (with ``digests``) whose digest is in ``wanted``."""
        out: set[str] = set()
        for packed in self._packed:
            out.update(x.decode() for x in zlib.decompress(packed).split(b"\n")[:-1]
                       if digest(x) in wanted)
        return out

    def flush(self) -> None:
        pass


def _dump(store: ox.Store, graph: ox.NamedNode, sink: _LineSink) -> _LineSink:
    if store.contains_named_graph(graph):
        store.dump(cast("IO[bytes]", sink), format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    return sink


def stored_lines(store: ox.Store, graph: ox.NamedNode) -> tuple[set[str], bool]:
    """The graph's triples as N-Triples lines, and whether a blank node may occur."""
    sink = _dump(store, graph, _LineSink())
    return sink.lines, sink.blank


def stored_digests(store: ox.Store, graph: ox.NamedNode) -> _LineSink:
    """The :func:`digest` of each of the graph's lines (``.digests``), whether a blank node
    may occur (``.blank``), and the lines packed (``.lines_in``): what :func:`write_full`
    compares the new lines with, ~3x less than a set of the lines."""
    return _dump(store, graph, _LineSink(digests=True))


def write_full(store: ox.Store, full: FullAssessment) -> tuple[int, int]:
    """Make ``full.graph`` hold exactly the assessment's triples; write ``full.quads``.

    Lines already stored are kept; new ones go in by the bulk loader, :data:`BATCH` at a
    time; stored lines no longer there are removed afterwards (so that a crash midway
    leaves extra quads, never missing ones: the store's pending mark then has the
    assessment written again). The cyclic garbage collector is paused meanwhile.

    Returns:
        (lines written, lines removed) of the graph.
    """
    graph = ox.NamedNode(full.graph)
    stored = stored_digests(store, graph)
    old, blank = stored.digests, stored.blank
    if blank:  # a blank node's label differs from one dump to the next: compare terms
        return _by_terms(store, graph, full)
    ours = [q for q in full.quads if q.graph_name == graph]
    elsewhere = [q for q in full.quads if q.graph_name != graph]
    paused = gc.isenabled()
    gc.disable()
    try:
        written = 0
        batch: list[str] = []
        lines: Iterable[str] = full.lines
        # one thread loads a batch (pyoxigraph lets go of the GIL) while this one makes
        # the next: making the lines (explanations) and loading them take about as long
        with ThreadPoolExecutor(1) as loader:
            pending: Future[int] | None = None
            for line in _chain(lines, (f"{q.subject} {q.predicate} {q.object} ." for q in ours)):
                if old:
                    seen = digest(line.encode())
                    if seen in old:
                        old.discard(seen)
                        continue
                batch.append(line)
                if len(batch) >= BATCH:
                    if pending is not None:
                        written += pending.result()
                    pending = loader.submit(_load, store, batch, graph)
                    batch = []
            if pending is not None:
                written += pending.result()
        written += _load(store, batch, graph)
        stale = stored.lines_in(old) if old else set()
        del stored
        for t in _parse(iter(stale)):  # the stored lines the assessment no longer has
            store.remove(ox.Quad(t.subject, t.predicate, t.object, graph))
        for i in range(0, len(elsewhere), BATCH):  # the index marks and the listings' indexes
            part = elsewhere[i:i + BATCH]
            if len(part) > 50_000:
                store.bulk_extend(part)
            else:
                store.extend(part)
        return written, len(stale)
    finally:
        if paused:
            gc.enable()


def _chain(*parts: Iterable[str]) -> Iterator[str]:
    for part in parts:
        yield from part


def _load(store: ox.Store, batch: list[str], graph: ox.NamedNode) -> int:
    """Bulk-load a batch of lines; the batch is emptied first, so that only its bytes
    are held while the loader runs (one copy of the text, not three)."""
    count = len(batch)
    if batch:
        batch.append("")  # the last line's newline
        data = "\n".join(batch).encode()
        batch.clear()
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    return count


def _parse(lines: Iterator[str]) -> Iterator[ox.Triple]:
    """N-Triples lines as triples, parsed :data:`BATCH` at a time."""
    while True:
        batch = [line for _, line in zip(range(BATCH), lines, strict=False)]
        if not batch:
            return
        batch.append("")
        for t in ox.parse("\n".join(batch).encode(), format=ox.RdfFormat.N_TRIPLES):
            yield t.triple if isinstance(t, ox.Quad) else t


def _by_terms(store: ox.Store, graph: ox.NamedNode, full: FullAssessment) -> tuple[int, int]:
    """The comparison by pyoxigraph terms, for a graph that holds blank nodes."""
    new = set(full.all_quads())
    stale = [q for q in store.quads_for_pattern(None, None, None, graph) if q not in new]
    for q in stale:
        store.remove(q)
    missing = [q for q in new if q not in store]
    store.extend(missing)
    return len([q for q in missing if q.graph_name == graph]), len(stale)
