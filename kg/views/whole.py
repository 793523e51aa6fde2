"""The whole-graph view: every source and claim, shaped and coloured by kind.

Examples:
    >>> from kg.seed import seed_dataset
    >>> v = graph_view(seed_dataset())
    >>> len(v.nodes), sorted({e["relation"] for e in v.edges})
    (27, ['affiliated_with', 'asserts', 'cites', 'contradicts', 'supports'])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from kg.model import Dataset
from kg.views.describe import (
    assertion_quote,
    claim_node,
    contradiction_info,
    contradictions,
    edge,
    id_namer,
    plural,
    source_node,
)
from kg.views.info import AssessmentLike, NodeInfo, info_for
from kg.views.layout import graph_levels, label_priority, packed_positions
from kg.views.relays import RELAY_ORDER, RelayMarks, strongest
from kg.views.style import KIND_STYLE
from kg.views.view import View, fixed_layout_options

__all__ = ["OVERVIEW_ABOVE", "graph_view"]

#: Past this many sources and claims, :func:`graph_view` draws the source network
#: (:func:`kg.views.overview.overview_view`) unless asked for the full graph.
OVERVIEW_ABOVE = 1500


def graph_view(ds: Dataset, info: Mapping[str, NodeInfo] | None = None,
               title: str = "credkg graph", *,
               assessment: AssessmentLike | None = None, full: bool | None = None) -> View:
    """The whole graph: sources and claims, with asserts, cites and contradicts edges.

    One ``asserts`` edge per source and claim, one ``cites`` edge per pair of
    sources (its panel lists every relayed assertion), one ``contradicts`` edge
    per pair of claims, stated or detected.

    Args:
        ds: The dataset.
        info: Grades, scores and explanations per node id (``kg.views.info.node_info``).
        title: The heading.
        assessment: The credibility assessment, for detected contradictions and bases.
        full: Draw every source and claim (True), the source network (False), or
            decide by size (None: the source network past :data:`OVERVIEW_ABOVE` nodes).

    Returns:
        A view with positions computed here (:func:`kg.views.layout.packed_positions`):
        nothing moves in the browser, and no two labels overlap.
    """
    from pyvis.network import Network

    if full is False or (full is None and len(ds.sources) + len(ds.claims) > OVERVIEW_ABOVE):
        from kg.views.overview import overview_view

        return overview_view(ds, info, title=title, assessment=assessment)
    info = info_for(info, assessment)
    reports = {r.id: r for r in ds.reports}
    names = {s.id: s.name for s in ds.sources}
    texts = {c.id: c.text for c in ds.claims}
    by_id = {a.id: a for a in ds.assertions}
    by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    asserts: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    cites: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    marks = RelayMarks.of(ds, assessment)
    kind_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    changes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in ds.assertions:
        q = assertion_quote(ds, a, reports)
        by_claim[a.claim].append(q)
        by_source[a.source].append({**q, "source": texts[a.claim]})
        asserts[(a.source, a.claim)].append(q)
        for cited in marks.relayed(a):
            other = by_id[cited].source
            if other != a.source:
                cites[(a.source, other)].append({**q, "source": f"{q['source']}, about: "
                                                 f"{texts[a.claim]}"})
                kind_of[(a.source, other)].add(marks.relation(a.id, cited, a.copies))
                changes[(a.source, other)] += marks.changes(a.id, cited)
    pairs = contradictions(ds, assessment)
    reasons = {tuple(sorted(d.claims)): d.reason
               for d in getattr(assessment, "detected", ()) or ()}
    name = id_namer(ds)
    against: dict[str, list[str]] = defaultdict(list)
    for (x, y), how in sorted(pairs.items()):
        against[x].append(f"{texts[y]} ({how})")
        against[y].append(f"{texts[x]} ({how})")

    nodes = [source_node(s, info, assessment=assessment, quotes=by_source[s.id], names=names,
                         name=name) for s in ds.sources]
    nodes += [claim_node(c, info, quotes=by_claim[c.id], contradicted_by=against[c.id],
                         name=name) for c in ds.claims]
    for n in nodes:
        n["find"] = n["info"]["heading"]
    edges: list[dict[str, Any]] = []
    for (s, c), qs in asserts.items():
        hedged = all(q["hedged"] for q in qs)
        edges.append(edge(s, c, "asserts", quotes=qs,
                          title=_edge_title(f"{names[s]} asserts" + (" (hedged)" if hedged
                                                                      else ""), qs)))
    for (s, o), qs in cites.items():
        e = edge(s, o, strongest(kind_of[(s, o)]), quotes=qs, title="\n".join([
            f"{names[s]} cites {names[o]} for {plural(len(qs), 'claim')}",
            *changes[(s, o)][:3]]))
        if changes[(s, o)]:
            e["info"]["details"] = [["what changes", "\n".join(changes[(s, o)])]]
            e["info"]["heading"] = e["title"].split("\n")[0]
        edges.append(e)
    for (x, y), how in sorted(pairs.items()):
        edges.append(edge(x, y, "contradicts", title=f"contradicts ({how}); click for why",
                          info=contradiction_info(ds, x, y, how, reasons.get((x, y), ""), info,
                                                  name)))
    for claim in ds.claims:
        for o in claim.supports:
            edges.append(edge(claim.id, o, "supports", title="supports"))
    for src in ds.sources:
        for o in src.affiliated_with:
            edges.append(edge(src.id, o, "affiliated_with", title="affiliated with"))
    # pyvis's add_node/add_edge look ids up in a list (quadratic): fill its lists directly
    net = Network(directed=True, cdn_resources="in_line")
    net.nodes, net.edges = nodes, edges
    kinds = [k for k in KIND_STYLE if any(n["kind"] == k for n in nodes)]
    relations = [r for r in ("asserts", *RELAY_ORDER, "contradicts", "supports",
                             "affiliated_with")
                 if any(e["relation"] == r for e in edges)]
    levels = graph_levels({n["id"]: n["kind"] for n in nodes},
                          ((e["from"], e["to"], e["relation"]) for e in edges))
    pos = packed_positions(nodes, [(e["from"], e["to"]) for e in edges
                                   if e["relation"] in ("asserts", *RELAY_ORDER)], levels)
    for n in nodes:
        n["x"], n["y"] = pos[n["id"]]
    label_priority(nodes, edges)
    subtitle = (f"{plural(len(ds.sources), 'source')}, {plural(len(ds.claims), 'claim')}, "
                f"{plural(len(ds.assertions), 'assertion')}, "
                f"{plural(len(pairs), 'contradiction')}. Claims on the left, then who asserts "
                "them, then whom they cite. Zoom in for the claims' words; click a node or an "
                "edge for its quotes, grade and explanation.")
    return View(title=title, subtitle=subtitle, nodes=net.nodes, edges=net.edges,
                options=fixed_layout_options(len(nodes)), kinds=kinds, relations=relations,
                grades=_grades(nodes))


def _grades(nodes: list[dict[str, Any]]) -> list[str]:
    """The legend's grade scales: those of the kinds of node shown."""
    scales = []
    if any(n["kind"] != "claim" for n in nodes):
        scales.append("source")
    if any(n["kind"] == "claim" for n in nodes):
        scales.append("claim")
    return scales


def _edge_title(head: str, quotes: list[dict[str, Any]]) -> str:
    lines = [head]
    for q in quotes[:3]:
        where = ", ".join(x for x in (q["report"], q["date"]) if x)
        lines.append(f"\u201c{q['quote']}\u201d" if q["quote"] else "(no quote)")
        if where:
            lines.append("  \u2014 " + where)
    return "\n".join(lines)
