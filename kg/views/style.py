"""How views draw things: node shape per kind, fill colour per grade, edge style per relation.

Nodes are **shaped by kind** (a box for an outlet, a hexagon for an official
body, a dot for a claim...) and **filled by grade**, with one palette for both
scales, so that the same colour means the same thing for a source and a claim:

========  ==========================  ===============  =======
grade     meaning                     fill             text
========  ==========================  ===============  =======
A / 1     completely reliable /       ``#2c7bb6`` blue white
          confirmed
B / 2     usually reliable / probably ``#abd9e9``      dark
C / 3     fairly reliable / possibly  ``#ffffbf``      dark
D / 4     not usually / doubtful      ``#fdae61``      dark
E / 5     unreliable / improbable     ``#d7191c`` red  white
F / 6     cannot be judged            ``#d9d9d9`` grey dark
(none)    not graded                  ``#ffffff``      dark
========  ==========================  ===============  =======

The five judged grades are ColorBrewer's *RdYlBu* 5-class scheme (Cynthia
Brewer, colorbrewer2.org), listed there as colour-blind safe and print
friendly: it runs blue to red through yellow, so it stays ordered for readers
with red-green colour blindness and in greyscale (dark, light, lightest, light,
dark, told apart by the grade printed on the node). "Cannot be judged" is a
neutral grey, outside the blue-red scale: it is not drawn
as worse than "doubtful", and claims are drawn the same size whatever their grade.

Examples:
    >>> KIND_STYLE["anonymous_source"].shape
    'triangle'
    >>> grade_colour("4"), grade_colour("D") == grade_colour("4")
    ('#fdae61', True)
    >>> grade_colour("6"), grade_colour(None)
    ('#d9d9d9', '#ffffff')
    >>> EDGE_STYLE["contradicts"]["color"]
    '#d62728'
    >>> len({str(s["dashes"]) for s in EDGE_STYLE.values() if s["dashes"]})  # each its own dash
    6
"""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = [
    "EDGE_LEGEND",
    "EDGE_STYLE",
    "GRADE_COLOURS",
    "KIND_STYLE",
    "ORIGIN_COLOUR",
    "UNGRADED_COLOUR",
    "KindStyle",
    "grade_colour",
    "grade_style",
    "text_colour",
]


class KindStyle(NamedTuple):
    """A vis-network shape, a legend colour and the legend's words for one kind of node."""

    shape: str
    colour: str
    label: str


#: Node shape and legend label per kind. The fill comes from the grade; ``colour`` is
#: only the legend's neutral swatch colour for the kind's shape.
KIND_STYLE: dict[str, KindStyle] = {
    "news_outlet": KindStyle("box", "#8c8c8c", "news outlet"),
    "person": KindStyle("ellipse", "#8c8c8c", "person"),
    "government_body": KindStyle("hexagon", "#8c8c8c", "government body"),
    "military_body": KindStyle("diamond", "#8c8c8c", "military body"),
    "organization": KindStyle("square", "#8c8c8c", "organisation"),
    "anonymous_source": KindStyle("triangle", "#8c8c8c", "anonymous source"),
    "unnamed_document": KindStyle("triangleDown", "#8c8c8c", "unnamed document"),
    "study": KindStyle("star", "#8c8c8c", "study"),
    "poll": KindStyle("circle", "#8c8c8c", "poll"),
    "dataset": KindStyle("database", "#8c8c8c", "data set"),
    "claim": KindStyle("dot", "#8c8c8c", "claim"),
}

#: Fill per grade: ColorBrewer RdYlBu (5 classes) for the judged grades, grey for
#: "cannot be judged". Sources A-F and claims 1-6 share it.
GRADE_COLOURS: dict[str, str] = {
    "1": "#2c7bb6", "2": "#abd9e9", "3": "#ffffbf", "4": "#fdae61", "5": "#d7191c",
    "6": "#d9d9d9",
    "A": "#2c7bb6", "B": "#abd9e9", "C": "#ffffbf", "D": "#fdae61", "E": "#d7191c",
    "F": "#d9d9d9",
}
#: Fill of a node without a grade.
UNGRADED_COLOUR = "#ffffff"
_DARK_FILLS = {"#2c7bb6", "#d7191c"}

#: Border colour of origin nodes in the chain view (a dark magenta, apart from the grades).
ORIGIN_COLOUR = "#7b3294"


def grade_colour(grade: str | int | None) -> str:
    """The fill colour of a grade (``"A"``..``"F"``, ``1``..``6``), white when ungraded."""
    if grade is None or grade == "":
        return UNGRADED_COLOUR
    return GRADE_COLOURS.get(str(grade), UNGRADED_COLOUR)


def text_colour(fill: str) -> str:
    """Black or white text, whichever reads on ``fill``."""
    return "#ffffff" if fill in _DARK_FILLS else "#1a1a1a"


def grade_style(grade: str | int | None) -> dict[str, Any]:
    """vis-network ``color``, border and dash options for a node of this grade."""
    fill = grade_colour(grade)
    style: dict[str, Any] = {
        "color": {"background": fill, "border": "#4d4d4d",
                  "highlight": {"background": fill, "border": "#000000"},
                  "hover": {"background": fill, "border": "#000000"}},
        "borderWidth": 1.5,
    }
    return style


#: vis-network edge options per relation (colour-blind-safe: told apart by dash, not only hue;
#: the hues are Tableau 10's, as the grades' are ColorBrewer's).
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "asserts": {"color": "#555555", "dashes": False, "arrows": "to", "width": 1.5},
    "cites": {"color": "#1f77b4", "dashes": [8, 5], "arrows": "to", "width": 2},
    "contradicts": {"color": "#d62728", "dashes": [2, 3], "arrows": "", "width": 3.5},
    "supports": {"color": "#2ca02c", "dashes": [2, 6], "arrows": "to", "width": 1.5},
    "affiliated_with": {"color": "#aaaaaa", "dashes": [1, 3], "arrows": "to", "width": 1},
    # a relay that changes what it relays (figure, bound, measure, hedge, period): orange,
    # dash-dot, wider than a faithful "cites"; told apart from "contradicts" by its dashes
    "distorts": {"color": "#ff7f0e", "dashes": [12, 4, 3, 4], "arrows": "to", "width": 3},
    # unattributed copying: purple, dash-dot-dot
    "copies": {"color": "#9467bd", "dashes": [10, 3, 2, 3, 2, 3], "arrows": "to", "width": 2.5},
    # the overview's edges: cites, one per pair of sources, as wide as the claims relayed
    "cites_weighted": {"color": "#1f77b4", "dashes": False, "arrows": "to", "width": 2},
}

#: Legend rows for edges: relation, colour, words.
EDGE_LEGEND: dict[str, str] = {
    "asserts": "asserts \u2192 (solid)",
    "cites": "cites \u21e2 (dashed)",
    "contradicts": "contradicts (red, dotted)",
    "supports": "supports (dotted)",
    "affiliated_with": "affiliated with",
    "cites_weighted": "cites \u2192 (wider: more claims relayed)",
    "distorts": "cites, but changes it: figure, bound, measure, hedge (orange, dash-dot)",
    "copies": "copies without saying so (purple, dash-dot-dot)",
}
