"""How views draw things: node shape and colour per kind, edge style per relation.

Examples:
    >>> KIND_STYLE["anonymous_source"].shape
    'triangle'
    >>> EDGE_STYLE["contradicts"]["color"]
    '#d62728'
"""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = ["EDGE_LEGEND", "EDGE_STYLE", "KIND_STYLE", "ORIGIN_COLOUR", "KindStyle"]


class KindStyle(NamedTuple):
    """A vis-network shape, a fill colour and the legend's words for one kind of node."""

    shape: str
    colour: str
    label: str


#: Node shape, colour and legend label per kind (colour-blind-safe Tableau 10 hues).
KIND_STYLE: dict[str, KindStyle] = {
    "news_outlet": KindStyle("box", "#4e79a7", "news outlet"),
    "person": KindStyle("ellipse", "#f28e2b", "person"),
    "government_body": KindStyle("hexagon", "#59a14f", "government body"),
    "military_body": KindStyle("hexagon", "#76b7b2", "military body"),
    "organization": KindStyle("box", "#9c755f", "organisation"),
    "anonymous_source": KindStyle("triangle", "#b07aa1", "anonymous source"),
    "unnamed_document": KindStyle("square", "#bab0ac", "unnamed document"),
    "study": KindStyle("diamond", "#ff9da7", "study"),
    "poll": KindStyle("diamond", "#e15759", "poll"),
    "dataset": KindStyle("database", "#9c755f", "data set"),
    "claim": KindStyle("dot", "#edc948", "claim"),
}

#: Border colour of origin nodes in the chain view.
ORIGIN_COLOUR = "#e15759"

#: vis-network edge options per relation.
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "asserts": {"color": "#555555", "dashes": False, "arrows": "to", "width": 1.5},
    "cites": {"color": "#1f77b4", "dashes": [8, 5], "arrows": "to", "width": 2},
    "contradicts": {"color": "#d62728", "dashes": False, "arrows": "", "width": 3},
    "supports": {"color": "#2ca02c", "dashes": [2, 4], "arrows": "to", "width": 1.5},
    "affiliated_with": {"color": "#aaaaaa", "dashes": [1, 3], "arrows": "to", "width": 1},
}

#: Legend rows for edges: relation, colour, words.
EDGE_LEGEND: dict[str, str] = {
    "asserts": "asserts \u2192 (solid)",
    "cites": "cites \u21e2 (dashed)",
    "contradicts": "contradicts (red)",
    "supports": "supports (dotted)",
    "affiliated_with": "affiliated with",
}
