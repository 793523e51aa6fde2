"""The overview of a big graph: the source network, with claims on demand.

Past :data:`kg.views.whole.OVERVIEW_ABOVE` nodes the whole graph is too big to
read (and to draw quickly), so :func:`kg.views.graph_view` draws this instead:
one node per source, shaped by kind, filled by reliability grade and sized by
how many claims it asserts; one edge per pair of sources that cite each other,
as wide as the number of claims relayed. Clicking a source lists its claims
with their grades (the claims "on demand"); clicking an edge lists the claims
relayed along it. ``kg view --full`` still draws every claim.

Positions are computed here (:func:`kg.views.layout.packed_positions`), so the
page draws at once and never runs a layout in the browser.

Examples:
    >>> from kg.seed import seed_dataset
    >>> v = overview_view(seed_dataset())
    >>> len(v.nodes) == len(seed_dataset().sources), {e["relation"] for e in v.edges}
    (True, {'cites'})
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from kg.model import Dataset
from kg.views.describe import SOURCE_FONT, id_namer, plural, short, source_node, wrap
from kg.views.info import AssessmentLike, NodeInfo, grade_text, info_for
from kg.views.layout import graph_levels, packed_positions
from kg.views.style import EDGE_STYLE, KIND_STYLE
from kg.views.view import View, fixed_layout_options

__all__ = ["MAX_LISTED", "overview_view"]

#: Most claims listed in one panel; the rest are counted.
MAX_LISTED = 60

#: A link for a node: ``link("claim" or "source", id)`` gives a URL path, or "" for none.
Linker = Callable[[str, str], str]


def overview_view(ds: Dataset, info: Mapping[str, NodeInfo] | None = None,
                  title: str = "credkg graph", *, assessment: AssessmentLike | None = None,
                  link: Linker | None = None) -> View:
    """The source network: who cites whom, weighted, coloured by reliability, sized by claims.

    Args:
        ds: The dataset.
        info: Grades, scores and explanations per node id.
        title: The heading.
        assessment: The credibility assessment, for the bases of grades.
        link: Where each source's and claim's own page is (``kg serve``), if anywhere.

    Returns:
        A view with positions computed here.
    """
    info = info_for(info, assessment)
    name = id_namer(ds)
    names = {s.id: s.name for s in ds.sources}
    texts = {c.id: c.text for c in ds.claims}
    by_id = {a.id: a for a in ds.assertions}
    claims_of: dict[str, list[str]] = defaultdict(list)
    relayed: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in ds.assertions:
        claims_of[a.source].append(a.claim)
        for c in a.cites:
            other = by_id[c].source
            if other != a.source:
                relayed[(a.source, other)].append(a.claim)

    def items(claims: list[str]) -> dict[str, Any]:
        unique = list(dict.fromkeys(claims))
        ranked = sorted(unique, key=lambda c: (info[c].grade or "9") if c in info else "9")
        out: dict[str, Any] = {"items": [
            {"text": short(texts[c], 110), "grade": (info[c].grade or "") if c in info else "",
             "href": link("claim", c) if link else ""} for c in ranked[:MAX_LISTED]],
            "itemsTitle": f"Claims ({len(unique):,}), lowest graded first"}
        if len(unique) > MAX_LISTED:
            out["itemsMore"] = f"and {len(unique) - MAX_LISTED:,} more"
        return out

    most = max((len(set(v)) for v in claims_of.values()), default=1)
    nodes = []
    for s in ds.sources:
        n = source_node(s, info, assessment=assessment, names=names, name=name)
        count = len(set(claims_of[s.id]))
        n["label"] = wrap(s.name, 22, 2) + (f" [{n['grade']}]" if n["grade"] else "")
        n["size"] = round(8 + 22 * math.sqrt(count / most), 1)
        if KIND_STYLE[s.kind.value].shape in ("box", "ellipse"):
            n["shape"] = "dot"  # sized by claims: a shape whose size is its own
            n["font"] = {"size": SOURCE_FONT}
        n["title"] += f"\n{plural(count, 'claim')}; click to list them"
        n["info"].update(items(claims_of[s.id]))
        n["info"]["quotes"] = []
        if link:
            n["info"]["href"] = link("source", s.id)
            n["info"]["hrefText"] = "Open the source\u2019s view"
        n["find"] = s.name
        nodes.append(n)
    edges = []
    for (x, y), claims in relayed.items():
        k = len(set(claims))
        e: dict[str, Any] = {
            "from": x, "to": y, "relation": "cites", **EDGE_STYLE["cites_weighted"],
            "width": round(1 + 2 * math.log2(k), 1),
            "title": f"{names[x]} cites {names[y]} for {plural(k, 'claim')}",
            "info": {"heading": f"{names[x]} cites {names[y]}", "details": [],
                     **items(claims)}}
        edges.append(e)
    kinds = {n["id"]: "source" for n in nodes}
    asserting = [(sid, sid, "asserts") for sid in claims_of]
    levels = graph_levels(kinds, [(e["from"], e["to"], "cites") for e in edges] + asserting)
    pos = packed_positions(nodes, [(e["from"], e["to"]) for e in edges], levels, gap_x=40,
                           gap_y=10)
    for n in nodes:
        n["x"], n["y"] = pos[n["id"]]
    grades = Counter(n["grade"] or "not graded" for n in nodes)
    options = fixed_layout_options(len(nodes))
    options["edges"]["color"] = {"inherit": False, "opacity": 0.6}
    subtitle = (f"Overview of {plural(len(ds.sources), 'source')} and "
                f"{plural(len(ds.claims), 'claim')}: who cites whom (wider edges, more claims "
                "relayed), sources filled by reliability and sized by their claims. Click a "
                "source or an edge to list its claims. Reliability: "
                + ", ".join(f"{grade_text(g) if g != 'not graded' else g} {n:,}"
                            for g, n in sorted(grades.items())) + ".")
    shown = [k for k in KIND_STYLE if k != "claim" and any(n["kind"] == k for n in nodes)]
    return View(title=title, subtitle=subtitle, nodes=nodes, edges=edges, options=options,
                kinds=shown, relations=["cites_weighted"] if edges else [],
                grades=["source"])
