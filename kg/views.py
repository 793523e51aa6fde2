"""Interactive HTML views of the graph, built with pyvis and vis-network.

The pages are self-contained: vis-network's script and style, which pyvis
ships, are inlined, and nothing is fetched from a network. All text from the
data reaches the page as JSON inside a ``<script type="application/json">``
element (with ``<``, ``>`` and ``&`` escaped) and is shown with ``textContent``,
never as HTML, so names and claims cannot inject markup.

Examples:
    >>> from kg.seed import seed_dataset
    >>> page = graph_view(seed_dataset()).html()
    >>> 'src="http' in page or 'href="http' in page
    False
    >>> "<img" in graph_view(_xss_dataset()).html()
    False
"""

from __future__ import annotations

import html
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.files import atomic_write_text
from kg.model import Dataset

__all__ = ["KIND_STYLE", "NodeInfo", "View", "graph_view", "json_for_script", "write_html"]


@dataclass(frozen=True)
class NodeInfo:
    """What a view shows about a node beyond the data: grade, score and explanation."""

    grade: str | None = None
    score: float | None = None
    explanation: str | None = None
    flags: tuple[str, ...] = ()


#: Node shape, colour and legend label per kind.
KIND_STYLE: dict[str, tuple[str, str, str]] = {
    "news_outlet": ("box", "#4e79a7", "news outlet"),
    "person": ("ellipse", "#f28e2b", "person"),
    "government_body": ("hexagon", "#59a14f", "government body"),
    "military_body": ("hexagon", "#76b7b2", "military body"),
    "organization": ("box", "#9c755f", "organisation"),
    "anonymous_source": ("triangle", "#b07aa1", "anonymous source"),
    "unnamed_document": ("square", "#bab0ac", "unnamed document"),
    "claim": ("dot", "#edc948", "claim"),
}
EDGE_STYLE: dict[str, dict[str, Any]] = {
    "asserts": {"color": "#555555", "dashes": False, "arrows": "to"},
    "cites": {"color": "#1f77b4", "dashes": True, "arrows": "to"},
    "contradicts": {"color": "#d62728", "dashes": False, "arrows": "", "width": 3},
    "supports": {"color": "#2ca02c", "dashes": [2, 4], "arrows": "to"},
    "affiliated_with": {"color": "#aaaaaa", "dashes": [1, 3], "arrows": "to"},
    "about": {"color": "#cccccc", "dashes": [1, 6], "arrows": "to"},
}


def json_for_script(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element.

    Examples:
        >>> json_for_script({"t": "</script><b>"})
        '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # the minified bundle ends with a source-map comment pointing at a file we do not ship
    js = "\n".join(line for line in js.splitlines() if not line.startswith("//# sourceMappingURL"))
    return js, css


@dataclass
class View:
    """A network view: vis-network nodes, edges and options, plus a title."""

    title: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    legend: list[tuple[str, str, str]] = field(default_factory=list)
    view_id: str = field(default_factory=lambda: "credkg-" + uuid.uuid4().hex[:10])

    def fragment(self) -> str:
        """One container and its script, to paste into a page that has vis-network loaded."""
        vid = self.view_id
        payload = json_for_script(
            {"nodes": self.nodes, "edges": self.edges, "options": self.options}
        )
        legend = "".join(
            f'<span class="credkg-key"><span class="credkg-swatch" style="background:{colour}">'
            f"</span>{html.escape(label)}</span>"
            for _, colour, label in self.legend
        )
        return _FRAGMENT.format(vid=vid, title=html.escape(self.title), legend=legend,
                                payload=payload, script=_SCRIPT.replace("__VID__", vid))

    def html(self) -> str:
        """A whole self-contained page."""
        js, css = _vis_assets()
        return _PAGE.format(title=html.escape(self.title), vis_css=css, style=_STYLE,
                            vis_js=js, body=self.fragment())

    def _repr_html_(self) -> str:
        return self.html()


def _node_title(lines: list[str]) -> str:
    return "\n".join(line for line in lines if line)


def graph_view(ds: Dataset, info: Mapping[str, NodeInfo] | None = None,
               title: str = "credkg graph") -> View:
    """The whole graph: sources and claims, coloured by kind, edges styled by relation.

    Args:
        ds: The dataset.
        info: Grades, scores and explanations per node id, if scored.
        title: The page title.
    """
    info = info or {}
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    nodes: list[dict[str, Any]] = []
    for s in ds.sources:
        shape, colour, label = KIND_STYLE[s.kind.value]
        i = info.get(s.id, NodeInfo(grade=s.reliability))
        nodes.append({
            "id": s.id, "label": s.name, "shape": shape, "color": colour, "group": s.kind.value,
            "title": _node_title([s.name, label, f"reliability {i.grade}" if i.grade else "",
                                  f"side: {s.side}" if s.side else ""]),
            "details": {"type": label, "name": s.name, "aliases": ", ".join(s.aliases),
                        "side": s.side or "", "grade": i.grade or "",
                        "score": "" if i.score is None else f"{i.score:.2f}",
                        "explanation": i.explanation or "", "flags": ", ".join(i.flags)},
            "borderWidth": 1 + 4 * (i.score or 0),
        })
    assertions: dict[str, list[str]] = {}
    reports = {r.id: r for r in ds.reports}
    sources = {s.id: s for s in ds.sources}
    for a in ds.assertions:
        r = reports.get(a.report) if a.report else None
        where = ""
        if r is not None:
            where = (r.title or r.id) + (f", {r.date.isoformat()}" if r.date else "")
        assertions.setdefault(a.claim, []).append(
            f"{sources[a.source].name}{' (hedged)' if a.hedged else ''}"
            f"{': ' + where if where else ''}\n  \u201c{a.quote or ''}\u201d"
        )
    shape, colour, _ = KIND_STYLE["claim"]
    for c in ds.claims:
        i = info.get(c.id, NodeInfo())
        short = c.text if len(c.text) <= 60 else c.text[:57] + "..."
        nodes.append({
            "id": c.id, "label": short, "shape": shape, "color": colour, "group": "claim",
            "size": 8 + 14 * (i.score if i.score is not None else 0.3),
            "title": _node_title([c.text, f"credibility {i.grade}" if i.grade else ""]),
            "details": {"type": "claim", "text": c.text, "grade": i.grade or "",
                        "score": "" if i.score is None else f"{i.score:.2f}",
                        "explanation": i.explanation or "", "flags": ", ".join(i.flags),
                        "assertions": "\n".join(assertions.get(c.id, []))},
        })
    edges: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()

    def edge(src: str, dst: str, relation: str, title: str) -> None:
        a, b = sorted((src, dst)) if relation == "contradicts" else (src, dst)
        key = (a, b, relation)
        if key in seen:
            return
        seen.add(key)
        edges.append({"from": src, "to": dst, "title": title, "relation": relation,
                      **EDGE_STYLE[relation]})

    by_id = {a.id: a for a in ds.assertions}
    for a in ds.assertions:
        edge(a.source, a.claim, "asserts", "asserts" + (" (hedged)" if a.hedged else ""))
        for cited in a.cites:
            if by_id[cited].source != a.source:
                edge(a.source, by_id[cited].source, "cites", "cites")
    for s in ds.sources:
        for other in s.affiliated_with:
            edge(s.id, other, "affiliated_with", "affiliated with")
    for c in ds.claims:
        for other in c.contradicts:
            edge(c.id, other, "contradicts", "contradicts")
        for other in c.supports:
            edge(c.id, other, "supports", "supports")
    # pyvis's add_node/add_edge search lists (quadratic); fill its lists directly
    net.nodes, net.edges = nodes, edges
    options = {
        "physics": {"solver": "forceAtlas2Based",
                    "stabilization": {"enabled": True, "iterations": 300, "fit": True},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
        "edges": {"smooth": False},
        "layout": {"improvedLayout": len(nodes) <= 500},
        "interaction": {"hover": True, "tooltipDelay": 150},
    }
    legend = [(k, v[1], v[2]) for k, v in KIND_STYLE.items()
              if any(n["group"] == k for n in nodes)]
    legend += [("asserts", "#555555", "asserts \u2192"), ("cites", "#1f77b4", "cites \u21e2"),
               ("contradicts", "#d62728", "contradicts")]
    return View(title=title, nodes=net.nodes, edges=net.edges, options=options, legend=legend)


def write_html(view: View, path: str | Path) -> Path:
    """Write a view as a self-contained page, atomically."""
    return atomic_write_text(path, view.html())


def _xss_dataset() -> Dataset:
    from kg.model import Claim

    return Dataset(claims=[Claim(id="x", text="<img src=x onerror=alert(1)>")])


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 0; color: #222; }
.credkg-view { display: grid; grid-template-columns: 1fr 22rem; gap: .5rem; margin: .5rem; }
.credkg-head { grid-column: 1 / 3; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.credkg-head h2 { font-size: 1.1rem; margin: 0; }
.credkg-net { height: 75vh; min-height: 420px; border: 1px solid #ddd; }
.credkg-panel { border: 1px solid #ddd; padding: .5rem; overflow: auto; max-height: 75vh;
  font-size: .85rem; white-space: pre-wrap; }
.credkg-key { margin-right: .6rem; font-size: .8rem; white-space: nowrap; }
.credkg-swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .2rem;
  vertical-align: middle; border-radius: 2px; }
.credkg-panel dt { font-weight: 600; margin-top: .4rem; }
.credkg-panel dd { margin: 0 0 0 .5rem; }
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{vis_css}</style>
<style>{style}</style>
<script>{vis_js}</script>
</head>
<body>
{body}
</body>
</html>
"""

_FRAGMENT = """<div class="credkg-view" id="{vid}">
<div class="credkg-head"><h2>{title}</h2>
<input type="search" class="credkg-search" placeholder="Find a node" aria-label="Find a node">
<span class="credkg-legend">{legend}</span></div>
<div class="credkg-net"></div>
<div class="credkg-panel" aria-live="polite">Click a node for its details.</div>
<script type="application/json" class="credkg-data">{payload}</script>
<script>{script}</script>
</div>
"""

# One closure per view: nothing leaks into the page's global scope but a
# registry entry, so several views on one page do not clash.
_SCRIPT = """(function () {
  var root = document.getElementById("__VID__");
  var data = JSON.parse(root.querySelector(".credkg-data").textContent);
  var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
  var network = new vis.Network(root.querySelector(".credkg-net"),
                                {nodes: nodes, edges: edges}, data.options);
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    root.dataset.settled = "true";
  });
  var panel = root.querySelector(".credkg-panel");
  function show(id) {
    var node = nodes.get(id);
    if (!node) { return; }
    panel.textContent = "";
    var dl = document.createElement("dl");
    Object.keys(node.details).forEach(function (key) {
      var value = node.details[key];
      if (!value) { return; }
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = key; dd.textContent = value;
      dl.appendChild(dt); dl.appendChild(dd);
    });
    panel.appendChild(dl);
  }
  network.on("click", function (params) { if (params.nodes.length) { show(params.nodes[0]); } });
  root.querySelector(".credkg-search").addEventListener("input", function (event) {
    var q = event.target.value.toLowerCase();
    if (!q) { network.unselectAll(); return; }
    var hits = nodes.get({filter: function (n) {
      return (n.label + " " + n.title).toLowerCase().indexOf(q) >= 0;
    }}).map(function (n) { return n.id; });
    network.selectNodes(hits);
    if (hits.length === 1) { network.focus(hits[0], {scale: 1.2}); show(hits[0]); }
  });
  window.credkgViews = window.credkgViews || {};
  window.credkgViews["__VID__"] = {network: network, nodes: nodes, edges: edges, show: show};
})();"""
