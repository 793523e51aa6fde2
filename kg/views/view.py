"""A view: vis-network nodes, edges and options, and the HTML that shows them.

A :class:`View` renders as a whole self-contained page (:meth:`View.html`), as a
fragment to paste into a report (:meth:`View.fragment`: one container and its
script), or inside a Jupyter notebook (``_repr_html_``: the page in a sandboxed
``iframe``). Data reaches the page only as JSON in a
``<script type="application/json">`` element; the script shows it with
``textContent``.

Examples:
    >>> v = View(title="t <b>", nodes=[{"id": "a", "label": "<i>", "kind": "claim"}], edges=[],
    ...          options={})
    >>> "<i>" in v.fragment(assets=False) or "t <b>" in v.fragment(assets=False)
    False
    >>> v.fragment().count('class="credkg-view"')
    1
    >>> v.view_id != View(title="", nodes=[], edges=[], options={}).view_id
    True
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.files import atomic_write_text
from kg.views.info import CLAIM_GRADES, SOURCE_GRADES
from kg.views.inline import (
    json_for_script,
    library_style,
    library_tags,
    view_script,
    view_style,
)
from kg.views.style import (
    EDGE_LEGEND,
    EDGE_STYLE,
    GRADE_COLOURS,
    KIND_STYLE,
    ORIGIN_COLOUR,
    UNGRADED_COLOUR,
)

__all__ = ["LABEL_THRESHOLD", "View", "fixed_layout_options", "physics_options",
           "write_fragment", "write_html"]

#: A label is drawn once its font would be at least this many screen pixels high
#: (vis-network's ``scaling.label.drawThreshold``): below it, the reader zooms in.
LABEL_THRESHOLD = 7

e = html.escape


def physics_options(n_nodes: int) -> dict[str, Any]:
    """vis-network options that lay a graph out, then stop (see PERF-NOTES.md).

    Straight edges (no hidden physics node per edge), no ``improvedLayout`` on big
    graphs, and a bounded number of stabilisation iterations; the page turns
    physics off once they are done, so nothing keeps moving.
    """
    if n_nodes > 1000:
        # Barnes-Hut is the cheapest solver per iteration, and a coarser theta (0.9, default
        # 0.5) halves its cost again with no visible change; 150 iterations settle 5,000
        # nodes, 100 do not (benchmarks/README.md)
        physics: dict[str, Any] = {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 120,
                          "avoidOverlap": 0, "theta": 0.9},
            "stabilization": {"enabled": True, "fit": True, "updateInterval": 50,
                              "iterations": 150},
            "minVelocity": 1.0,
        }
    else:
        physics = {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -110, "springLength": 130,
                                 "springConstant": 0.05, "avoidOverlap": 0.5},
            "stabilization": {"enabled": True, "fit": True, "updateInterval": 25,
                              "iterations": 300},
            "minVelocity": 1.0,
        }
    return {
        "physics": physics,
        "edges": {"smooth": False},
        "layout": {"improvedLayout": n_nodes <= 300, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_nodes > 1000,
                        "navigationButtons": False, "keyboard": False},
    }


def fixed_layout_options(n_nodes: int = 0) -> dict[str, Any]:
    """vis-network options for nodes placed beforehand (``x``/``y`` given): no physics.

    Labels show by zoom level (:data:`LABEL_THRESHOLD`); on big graphs, edges are
    hidden while dragging and zooming, so panning stays smooth.
    """
    big = n_nodes > 1000
    return {
        "physics": {"enabled": False},
        "nodes": {"scaling": {"label": {"enabled": False,
                                        "drawThreshold": LABEL_THRESHOLD}}},
        "edges": {"smooth": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": not big, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "keyboard": False},
    }


def _shape_svg(shape: str, colour: str) -> str:
    body = {
        "box": f'<rect x="1" y="3" width="14" height="10" rx="2" fill="{colour}"/>',
        "square": f'<rect x="2" y="2" width="12" height="12" fill="{colour}"/>',
        "ellipse": f'<ellipse cx="8" cy="8" rx="7" ry="5" fill="{colour}"/>',
        "dot": f'<circle cx="8" cy="8" r="6" fill="{colour}"/>',
        "triangle": f'<polygon points="8,1 15,14 1,14" fill="{colour}"/>',
        "triangleDown": f'<polygon points="1,2 15,2 8,15" fill="{colour}"/>',
        "diamond": f'<polygon points="8,1 15,8 8,15 1,8" fill="{colour}"/>',
        "star": f'<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" '
                f'fill="{colour}"/>',
        "circle": f'<circle cx="8" cy="8" r="7" fill="{colour}"/>',
        "database": f'<rect x="2" y="2" width="12" height="12" rx="5" fill="{colour}"/>',
        "hexagon": f'<polygon points="4,2 12,2 16,8 12,14 4,14 0,8" fill="{colour}"/>',
    }[shape]
    return (f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{body}'
            "</svg>")


def _line_svg(style: dict[str, Any]) -> str:
    dashes = style.get("dashes")
    dash = f' stroke-dasharray="{",".join(map(str, dashes))}"' if isinstance(dashes, list) else ""
    head = (f'<polygon points="26,5 20,1.5 20,8.5" fill="{style["color"]}"/>'
            if style.get("arrows") else "")
    return (f'<svg width="28" height="10" viewBox="0 0 28 10" aria-hidden="true">'
            f'<line x1="1" y1="5" x2="22" y2="5" stroke="{style["color"]}" '
            f'stroke-width="{min(style.get("width", 1.5), 3)}"{dash}/>{head}</svg>')


#: Extra legend marks used by the chain view.
MARKS = {
    "origin": ('<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle '
               f'cx="8" cy="8" r="6" fill="#fff" stroke="{ORIGIN_COLOUR}" stroke-width="3"/></svg>',
               "origin (cites nobody)"),
    "hedged": ('<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><rect x="2" '
               'y="2" width="12" height="12" fill="#fff" stroke="#333" stroke-width="2" '
               'stroke-dasharray="3,2"/></svg>',
               "hedged (\u201creportedly\u201d, \u201cmay\u201d)"),
}


@dataclass
class View:
    """A network view ready to render.

    Attributes:
        title: Heading of the view.
        nodes: vis-network nodes; each may carry ``kind`` and ``info`` (the panel's content).
        edges: vis-network edges; each carries a ``relation``.
        options: vis-network options.
        subtitle: One line under the heading.
        kinds: Node kinds to list in the legend, each with a show/hide box.
        relations: Edge relations to list in the legend.
        marks: Extra legend marks (``"origin"``, ``"hedged"``).
        grades: Grade scales to show in the legend: ``"source"`` (A\u2013F), ``"claim"`` (1\u20136).
        height: CSS height of the network area.
        chrome: The interactive tools: search, fit, filters and the details panel. Off for a
            view embedded in a report (a static legend, hover only).
        view_id: The container's element id, unique per view.
    """

    title: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    subtitle: str = ""
    kinds: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)
    grades: list[str] = field(default_factory=lambda: ["source", "claim"])
    height: str = "78vh"
    chrome: bool = True
    view_id: str = field(default_factory=lambda: "credkg-" + uuid.uuid4().hex[:12])

    def _legend(self) -> str:
        items = []
        for scale in self.grades:
            grades = SOURCE_GRADES if scale == "source" else CLAIM_GRADES
            chips = "".join(
                f'<span class="credkg-chip" data-grade="{g}" title="{e(meaning)}" '
                f'style="background:{GRADE_COLOURS[g]}">{g}</span>'
                for g, meaning in grades.items())
            words = ("reliability A best \u2192 E worst, F cannot be judged" if scale == "source"
                     else "credibility 1 best \u2192 5 worst, 6 cannot be judged")
            items.append(f'<span class="credkg-key credkg-scale">{chips}'
                         f'<span class="credkg-chip" data-grade="" title="not graded" '
                         f'style="background:{UNGRADED_COLOUR}">\u2013</span>{e(words)}</span>')
        for kind in self.kinds:
            st = KIND_STYLE[kind]
            box = (f'<input type="checkbox" class="credkg-filter" data-kind="{kind}" checked>'
                   if self.chrome else "")
            items.append(f'<label class="credkg-key">{box}{_shape_svg(st.shape, st.colour)}'
                         f'{e(st.label)}</label>')
        for rel in self.relations:
            items.append(f'<span class="credkg-key">{_line_svg(EDGE_STYLE[rel])}'
                         f"{e(EDGE_LEGEND[rel])}</span>")
        for mark in self.marks:
            svg, words = MARKS[mark]
            items.append(f'<span class="credkg-key">{svg}{e(words)}</span>')
        return "".join(items)

    def fragment(self, *, assets: bool = True) -> str:
        """One container and its script, to paste into any page.

        Args:
            assets: Include vis-network, tom-select and the style (each runs once per
                page however many fragments carry it). Leave out only when the page
                loads them itself.
        """
        # what vis-network draws, parsed at once; the panels' contents, parsed on first click
        nodes = [{k: v for k, v in n.items() if k != "info"} for n in self.nodes]
        edges = [{**{k: v for k, v in e.items() if k != "info"}, "id": e.get("id", f"e{i}")}
                 for i, e in enumerate(self.edges)]
        payload = json_for_script({"nodes": nodes, "edges": edges, "options": self.options})
        panels = json_for_script({"nodes": {n["id"]: n.get("info") for n in self.nodes},
                                  "edges": {e["id"]: x.get("info")
                                            for e, x in zip(edges, self.edges, strict=True)}})
        head = ""
        if assets:
            head = (f"<style>{library_style()}\n{view_style()}</style>\n"
                    f"{library_tags()}\n")
        tools = _TOOLS if self.chrome else ""
        panel = (f'<aside class="credkg-panel" aria-live="polite" style="max-height:'
                 f'{e(self.height)}"></aside>') if self.chrome else ""
        return _FRAGMENT.format(
            vid=self.view_id, head=head, title=e(self.title), subtitle=e(self.subtitle),
            legend=self._legend(), height=e(self.height), payload=payload, panels=panels,
            tools=tools,
            panel=panel, cls="" if self.chrome else " credkg-embedded",
            script=view_script().replace("__VID__", self.view_id),
        )

    def html(self) -> str:
        """A whole self-contained page: works from a file, with no network."""
        return page(self.title, self.fragment(assets=False))

    def _repr_html_(self) -> str:
        # An iframe keeps the page's scripts away from the notebook's (RequireJS, other views).
        return (f'<iframe srcdoc="{e(self.html(), quote=True)}" title="{e(self.title)}" '
                'style="width:100%;height:720px;border:0" '
                'sandbox="allow-scripts"></iframe>')


def page(title: str, body: str, *, extra_style: str = "") -> str:
    """A self-contained HTML page with the view assets in its head."""
    return _PAGE.format(title=e(title), lib_css=library_style(), view_css=view_style(),
                        extra_style=extra_style, lib_js=library_tags(), body=body)


def write_html(view: View, path: str | Path) -> Path:
    """Write a view as a self-contained page, atomically."""
    return atomic_write_text(path, view.html())


def write_fragment(view: View, path: str | Path) -> Path:
    """Write a view as an HTML fragment (container, assets, script), atomically."""
    return atomic_write_text(path, view.fragment())


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{lib_css}</style>
<style>{view_css}
body {{ margin: .6rem 1rem; }}
{extra_style}</style>
{lib_js}
</head>
<body>
{body}
</body>
</html>
"""

_TOOLS = """<div class="credkg-tools"><select class="credkg-find" \
aria-label="Find a source or claim"><option value="">Find a source or claim\u2026</option>\
</select><button type="button" class="credkg-fit" title="Show the whole graph again">\
Fit / reset</button><button type="button" class="credkg-toggle" aria-expanded="true" \
title="Show or hide the details panel">Details</button>\
<span class="credkg-status" aria-live="polite"></span></div>"""

_FRAGMENT = """<div class="credkg-view{cls}" id="{vid}">
{head}<div class="credkg-head"><h2 class="credkg-title">{title}</h2>
{tools}
<p class="credkg-subtitle">{subtitle}</p></div>
<div class="credkg-legend">{legend}</div>
<div class="credkg-body"><div class="credkg-net" style="height:{height}"></div>
{panel}</div>
<script type="application/json" class="credkg-data">{payload}</script>
<script type="application/json" class="credkg-panels">{panels}</script>
<script>{script}</script>
</div>
"""
