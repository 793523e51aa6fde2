"""Truth discovery over a store: who gives figures that others confirm.

:func:`discover_store` reads a store's documents, turns their figure claims
into competing values (:func:`kg.truth.bridge.figure_observations`: each
origin's figure, grouped by the engine's comparable measure), runs a
truth-discovery method (:func:`kg.truth.discover`, ACCU by default) and writes
each source's learned trust into the store's discovered-trust graph with the
run's provenance (:mod:`kg.store.trust`), replacing the previous run's.

How discovered trust and the Admiralty grades combine: the trust is
track-record evidence, like fact-checkers' verdicts
(:func:`kg.credibility.reliability.source_reliability`, rule 5). Each figure of
a source's that other sources' figures could check is one unit of evidence,
``trust`` of it supporting and the rest refuting; it is fused with the grade the
rules give (kind, affiliation), and the store's assessment is recomputed at once,
so that truth discovery and the engine agree on who is reliable. The analyst's
grade still wins (the trust is shown in the explanation, not applied). Only
origins' figures vote (relays do not), and the copy-aware default (ACCU) keeps
a copying group from outvoting the rest; a source that alone reports a measure
cannot be checked and gets no trust, so its grade does not move. ``kg query
discovered-trust`` lists the trust beside the grade it helped make.

This module sits above both :mod:`kg.store` and :mod:`kg.truth`, which may not
import each other.

Examples:
    >>> from kg.model import Assertion, Claim, Dataset, Quantity, Source
    >>> from kg.store import Store
    >>> q = lambda v: Quantity(measure="desertions", unit="soldiers", value=v, per="month")
    >>> ds = Dataset(
    ...     sources=[Source(id=s, name=s.upper(), kind="news_outlet") for s in "abc"],
    ...     claims=[Claim(id="c30", text="30k", quantity=q(30000)),
    ...             Claim(id="c20", text="20k", quantity=q(20000))],
    ...     assertions=[Assertion(id="x1", source="a", claim="c30"),
    ...                 Assertion(id="x2", source="b", claim="c30"),
    ...                 Assertion(id="x3", source="c", claim="c20")])
    >>> store = Store()
    >>> _ = store.add_dataset(ds, "d", assess=False)
    >>> found = discover_store(store, "majority_vote")
    >>> found.written, found.objects, found.contested
    (3, 1, 1)
    >>> [(s.source, s.trust) for s in found.run.sources]
    [('a', 0.6667), ('b', 0.6667), ('c', 0.3333)]
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.store.trust import SourceTrust, TrustRun, clear_trust, trust_graph_iri, write_trust
from kg.truth import discover
from kg.truth.bridge import figure_observations
from kg.truth.discover import DEFAULT_METHOD, METHODS
from kg.truth.errors import NotConvergedWarning, UnknownMethodError
from kg.truth.values import merge_close_numbers
from kg.version import credkg_version

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["StoreDiscovery", "discover_store"]

_SIMILAR = ("truthfinder", "accu", "accu_copy")


@dataclass(frozen=True)
class StoreDiscovery:
    """What :func:`discover_store` did.

    Attributes:
        run: The run as written (method, settings, times, documents, trust per source);
            ``None`` when the store has no figures two sources give for one measure.
        graph: The discovered-trust graph's IRI.
        figures: Origin figures read (one per source, claim and figure).
        objects: Measures (with their period) that have figures.
        contested: Measures with figures from at least two sources.
        unchecked: Sources whose figures no other source's meet (no trust written).
        cleared: A previous run's trust was removed because there is nothing to compare.
        warnings: What the method warned (e.g. it stopped at its iteration cap).
        reassessed: The store's assessment was recomputed with the trust as evidence.
    """

    run: TrustRun | None
    graph: str
    figures: int
    objects: int
    contested: int
    unchecked: int
    cleared: bool = False
    warnings: tuple[str, ...] = ()
    reassessed: bool = False

    @property
    def written(self) -> int:
        """Sources whose discovered trust is now in the store."""
        return 0 if self.run is None else len(self.run.sources)


def discover_store(
    store: Store,
    method: str | None = None,
    *,
    tolerance: float = 0.0,
    similarity: str | None = None,
    max_iter: int | None = None,
) -> StoreDiscovery:
    """Discover the sources' trust from the store's figure claims and write it back.

    Args:
        store: A store open for writing.
        method: A :data:`kg.truth.METHODS` name; ``None`` for the default (ACCU).
        tolerance: Relative tolerance within which figures for one measure count
            as one value (``0.01``: 1 %); 0 compares them exactly.
        similarity: Value similarity of truthfinder, accu and accu_copy
            (``auto``, ``numeric``, ``set`` or ``exact``).
        max_iter: Iteration cap of the iterative methods.

    Returns:
        What was read and written.

    Raises:
        UnknownMethodError: an unknown method or a bad setting.
    """
    name = method or DEFAULT_METHOD
    if name not in METHODS:
        raise UnknownMethodError(f"unknown method {name!r}; choose one of {', '.join(METHODS)}")
    if not 0 <= tolerance < 1:
        raise UnknownMethodError(f"--tolerance must lie in [0, 1), got {tolerance}")
    started = dt.datetime.now(dt.UTC)
    documents = store.documents()
    ds = store.dataset()
    graph = trust_graph_iri(ds.base)
    rows = [(str(s), str(o), str(v))
            for s, o, v in merge_close_numbers(figure_observations(ds), tolerance)]
    sources_of: dict[str, set[str]] = defaultdict(set)
    for source, obj, _ in rows:
        sources_of[obj].add(source)
    contested = {obj for obj, who in sources_of.items() if len(who) > 1}
    compared: dict[str, int] = defaultdict(int)
    for source, _ in {(s, o) for s, o, _ in rows if o in contested}:
        compared[source] += 1
    everyone = {s for s, _, _ in rows}
    if not contested:
        cleared = clear_trust(store)
        if cleared:
            store.reassess()  # the grades no longer rest on the trust removed
        return StoreDiscovery(None, graph, len(rows), len(sources_of), 0, len(everyone),
                              cleared=cleared)
    params: dict[str, Any] = {}
    if max_iter is not None and name != "majority_vote":
        params["max_iter"] = max_iter
    if similarity is not None and name in _SIMILAR:
        params["similarity"] = similarity
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NotConvergedWarning)
        found = discover(rows, name, **params)
    said = tuple(str(w.message) for w in caught if issubclass(w.category, NotConvergedWarning))
    trust = found.trust
    settings: dict[str, Any] = {"tolerance": tolerance, **params}
    run = TrustRun(
        method=name, settings=settings, started=started, ended=dt.datetime.now(dt.UTC),
        documents=documents, version=credkg_version(),
        sources=tuple(SourceTrust(s, round(float(trust[s]), 4), compared[s])
                      for s in sorted(compared)),
    )
    write_trust(store, ds.base, run)
    reassessed = store.reassess()  # the trust is track-record evidence of the grades
    return StoreDiscovery(run, graph, len(rows), len(sources_of), len(contested),
                          len(everyone - set(compared)), warnings=said, reassessed=reassessed)
