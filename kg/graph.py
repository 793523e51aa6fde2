"""The dataset as a networkx graph, for graph algorithms and drawing.

Nodes are the ids of sources, claims and (optionally) reports, with a ``type``
attribute (``"source"``, ``"claim"``, ``"report"``). Edges carry a ``relation``
(``asserts``, ``cites``, ``contradicts``, ``supports``, ``affiliated_with``,
``about``, ``published``) and, where they come from an assertion, the
``assertion``, ``report`` and ``date`` behind them.

Examples:
    >>> from kg.seed import seed_dataset
    >>> G = to_networkx(seed_dataset())
    >>> G.nodes["ria"]["kind"]
    'news_outlet'
    >>> sorted(d["assertion"] for _, _, d in G.out_edges("ria", data=True)
    ...        if d["relation"] == "cites")[:2]
    ['ria-convicts-deserted', 'ria-convicts-recruited']
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.model import Dataset

__all__ = ["RELATIONS", "to_networkx"]

#: Edge relations of the graph view.
RELATIONS = (
    "asserts",
    "cites",
    "contradicts",
    "supports",
    "affiliated_with",
    "about",
    "published",
)


def to_networkx(ds: Dataset, *, reports: bool = False) -> nx.MultiDiGraph[Any]:
    """Build a MultiDiGraph of sources and claims (and reports, if asked).

    Args:
        ds: The dataset.
        reports: Also add report nodes with ``published`` edges from their publishers.

    Returns:
        The graph. ``contradicts`` is added both ways. One ``asserts`` edge is
        added per assertion, one ``cites`` edge per citation, so parallel edges
        keep every report and date apart.
    """
    G: nx.MultiDiGraph[Any] = nx.MultiDiGraph()
    for s in ds.sources:
        G.add_node(s.id, type="source", kind=s.kind.value, label=s.name,
                   reliability=s.reliability, side=s.side, country=s.country)
    for c in ds.claims:
        q = c.quantity
        G.add_node(c.id, type="claim", kind="claim", label=c.text,
                   measure=q.measure if q else None)
    report_date = {r.id: r.date for r in ds.reports}
    if reports:
        for r in ds.reports:
            G.add_node(r.id, type="report", kind="report", label=r.title or r.id, date=r.date)
            if r.published_by is not None:
                G.add_edge(r.published_by, r.id, relation="published")
    by_id = {a.id: a for a in ds.assertions}
    for a in ds.assertions:
        origin = {"assertion": a.id, "report": a.report,
                  "date": report_date.get(a.report) if a.report else None}
        G.add_edge(a.source, a.claim, relation="asserts", hedged=a.hedged, quote=a.quote,
                   **origin)
        for cited in a.cites:
            G.add_edge(a.source, by_id[cited].source, relation="cites", claim=a.claim,
                       cited_assertion=cited, **origin)
    for s in ds.sources:
        for other in s.affiliated_with:
            G.add_edge(s.id, other, relation="affiliated_with")
    for c in ds.claims:
        for other in c.contradicts:
            G.add_edge(c.id, other, relation="contradicts")
        for other in c.supports:
            G.add_edge(c.id, other, relation="supports")
        for other in c.about:
            G.add_edge(c.id, other, relation="about")
    return G
