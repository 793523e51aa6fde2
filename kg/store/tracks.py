"""The claims behind each source's grade, kept between incremental assessments.

A source's grade rests on its track record (verdicts on the claims it originates) and
on its distortions as a relay. To grade a source exactly, the incremental assessment
(:mod:`kg.store.region`) reads the claims behind it: finding them means reading every
assertion of the source (:meth:`kg.store.region._Region.behind`), ~100 of them for a
source of the 1M-claim synthetic corpus, which was most of the time of an incremental
add at that size.

This cache keeps, in the graph :data:`TRACKS_GRAPH`, for each source whose claims were
once looked for, a superset of the claims behind its grade. It stays a superset because
every later change adds to the entries of the sources it can concern the claims it can
make count (:meth:`Tracks.note`): those of the assertions whose facts change, of the
assertions citing those, and of the claims whose verdicts change. A superset is all the
region needs: a claim read in vain changes no result. Claims that no longer count stay
listed until the cache is dropped.

The cache is valid only for the documents it was last updated with (a digest of their
graphs): a write that bypassed it (a bare load, a full recompute after an interrupted
write, an update that fell back to a full recompute) changes the documents without it,
and the next incremental assessment then drops it and starts again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

import pyoxigraph as ox

from kg.store.measures import MEASURES_GRAPH

__all__ = ["INDEX_GRAPHS", "TRACKS_GRAPH", "Tracks", "full_indexes", "full_tracks"]

#: The named graph of the cache.
TRACKS_GRAPH = ox.NamedNode("urn:credkg:store/tracks")
#: The graphs of the assessment's indexes: like the assessment, rewritten whole by a full
#: assessment (:func:`full_indexes`) and dropped with it.
INDEX_GRAPHS = (MEASURES_GRAPH, TRACKS_GRAPH)
_BEHIND = ox.NamedNode("urn:credkg:store#behind")
_KNOWN = ox.NamedNode("urn:credkg:store#tracked")
_VALID = ox.NamedNode("urn:credkg:store#tracksValidFor")
_TRUE = ox.Literal("true")


def _digest(graphs: Iterable[str]) -> ox.Literal:
    return ox.Literal(hashlib.sha256("\n".join(sorted(graphs)).encode()).hexdigest())


class Tracks:
    """The cache for one change: what it holds before, and the quads that update it.

    Args:
        store: The store.
        before: The document graphs before the change.
        after: The document graphs after it.
        iri: A source or claim id as its IRI (``iri("source", id)``).
    """

    def __init__(self, store: ox.Store, before: Iterable[str], after: Iterable[str],
                 iri: Callable[[str, str], ox.NamedNode]) -> None:
        self.store, self.iri = store, iri
        valid = ox.Quad(TRACKS_GRAPH, _VALID, _digest(before), TRACKS_GRAPH)
        self.valid = valid in store
        #: Quads of the cache that go, and that are written, with the update.
        self.current: list[ox.Quad] = (
            list(store.quads_for_pattern(TRACKS_GRAPH, _VALID, None, TRACKS_GRAPH)) if self.valid
            else list(store.quads_for_pattern(None, None, None, TRACKS_GRAPH)))
        self.quads: list[ox.Quad] = [ox.Quad(TRACKS_GRAPH, _VALID, _digest(after),
                                             TRACKS_GRAPH)]
        self.entries: dict[str, set[str]] = {}
        self.noted: dict[str, set[str]] = {}

    def _stored(self, source: str) -> set[str] | None:
        """The claim ids stored for a source, or None if it has no entry (or none is valid)."""
        if not self.valid:
            return None
        node = self.iri("source", source)
        if ox.Quad(node, _KNOWN, _TRUE, TRACKS_GRAPH) not in self.store:
            return None
        prefix = self.iri("claim", "").value
        return {q.object.value[len(prefix):] for q in self.store.quads_for_pattern(
            node, _BEHIND, None, TRACKS_GRAPH)
            if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(prefix)}

    def note(self, asserted_by: dict[str, set[str]]) -> None:
        """Add to the stored entries the claims this change can make count, by source.

        Args:
            asserted_by: Source id -> the claims (ids) that the change can make count for
                it: the claims it asserts among those reached by the changed facts.
        """
        for s, claims in asserted_by.items():
            stored = self._stored(s)
            if stored is None:
                continue
            self.noted[s] = claims
            self.entries[s] = stored | claims
            node = self.iri("source", s)
            self.quads += [ox.Quad(node, _BEHIND, self.iri("claim", c), TRACKS_GRAPH)
                           for c in claims - stored]

    def behind(self, sources: Iterable[str],
               compute: Callable[[str], set[str]]) -> set[str]:
        """The claims behind these sources' grades (a superset): from the cache, else by
        ``compute`` (then kept)."""
        out: set[str] = set()
        for s in sources:
            found = self.entries.get(s)
            if found is None:
                found = self._stored(s)
            if found is None:
                found = compute(s)
                node = self.iri("source", s)
                self.quads.append(ox.Quad(node, _KNOWN, _TRUE, TRACKS_GRAPH))
                self.quads += [ox.Quad(node, _BEHIND, self.iri("claim", c), TRACKS_GRAPH)
                               for c in found]
            self.entries[s] = found
            out |= found
        return out


def full_tracks(ds: Any, graphs: Iterable[str]) -> list[ox.Quad]:
    """The whole cache for a dataset assessed in full (the union of ``graphs``): every
    source, with the claims behind its grade as the engine sees them.

    A claim counts for a source that asserts it when it carries a verdict, or when the
    assertion is a headline, a copy, carries a figure of its own, quotes from a report,
    or relays an assertion with a figure or a hedge: the same over-approximation as
    :meth:`kg.store.region._Region.behind`, on the records rather than the quads.

    Examples:
        >>> from kg.seed import seed_dataset
        >>> quads = full_tracks(seed_dataset(), ["urn:example:doc"])
        >>> len([q for q in quads if q.predicate == _KNOWN]) == len(seed_dataset().sources)
        True
    """
    base = ds.base
    by_id = {a.id: a for a in ds.assertions}
    reviewed = {v.claim for v in ds.verdicts}
    behind: dict[str, set[str]] = {s.id: set() for s in ds.sources}
    for a in ds.assertions:
        if (a.claim in reviewed or a.headline or a.copies or a.quantity is not None
                or (a.quote is not None and a.report is not None)
                or any(x in by_id and (by_id[x].quantity is not None or by_id[x].hedged)
                       for x in a.cites)):
            behind.setdefault(a.source, set()).add(a.claim)
    out = [ox.Quad(TRACKS_GRAPH, _VALID, _digest(graphs), TRACKS_GRAPH)]
    for s, claims in behind.items():
        node = ox.NamedNode(f"{base}source/{s}")
        out.append(ox.Quad(node, _KNOWN, _TRUE, TRACKS_GRAPH))
        out += [ox.Quad(node, _BEHIND, ox.NamedNode(f"{base}claim/{c}"), TRACKS_GRAPH)
                for c in claims]
    return out


def full_indexes(store: ox.Store, ds: Any, graphs: Iterable[str]) -> list[ox.Quad]:
    """What a full assessment of the union of ``graphs`` (the dataset ``ds``) writes
    besides the assessment, so that the next change is assessed quickly: the measure
    texts of the graphs (:mod:`kg.store.measures`) and the claims behind every source's
    grade (:func:`full_tracks`). They replace the graphs :data:`INDEX_GRAPHS` whole
    (:meth:`kg.store.base.StoreBase._finish`)."""
    from kg.store.measures import graph_index

    graphs = list(graphs)
    return [q for g in graphs for q in graph_index(store, g)] + full_tracks(ds, graphs)
