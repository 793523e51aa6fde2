"""Static pictures of a view, for PDF or Word reports: SVG drawn here, PNG by headless Chromium.

The SVG is written by this module from the view's own nodes, edges and
positions (the chain and source views' fixed positions; for the whole graph, a
layered layout: claims, then sources by how far down the citation chains they
sit). Every text is XML-escaped. A PNG is that SVG rasterised by headless
Chromium (``chromium --headless --screenshot``), the same engine the browser
tests use, so text and shapes match the interactive page; set ``KG_CHROMIUM``
to its path if it is not on ``PATH``.

Examples:
    >>> from kg.seed import seed_dataset
    >>> from kg.views.chain import claim_view
    >>> svg = to_svg(claim_view(seed_dataset(), "convicts-deserted"))
    >>> svg.startswith("<svg") and "RIA Novosti" in svg
    True
    >>> from kg.model import Claim, Dataset
    >>> from kg.views.whole import graph_view
    >>> "<img" in to_svg(graph_view(Dataset(claims=[Claim(id="x", text="<img src=x>")])))
    False
"""

from __future__ import annotations

import html
import math
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from kg.errors import CredkgError, InputError
from kg.files import atomic_write_bytes, atomic_write_text
from kg.views.layout import layered_positions
from kg.views.style import EDGE_LEGEND, EDGE_STYLE, GRADE_COLOURS, KIND_STYLE, text_colour
from kg.views.view import View

__all__ = ["MAX_STATIC_NODES", "find_chromium", "to_svg", "write_png", "write_svg"]

#: A static picture of more nodes than this is unreadable; draw a chain or a source instead.
MAX_STATIC_NODES = 1500

_FONT = "system-ui, 'DejaVu Sans', Arial, sans-serif"
#: Average width of a character at font size 13 (DejaVu Sans is wide), for layout.
_CHAR = 7.4


def _x(text: object) -> str:
    return html.escape(str(text), quote=True)


def _positions(view: View) -> dict[str, tuple[float, float]]:
    if all("x" in n and "y" in n for n in view.nodes):
        return {n["id"]: (float(n["x"]), float(n["y"])) for n in view.nodes}
    # claims first; each source one column further than the furthest source citing it
    kind = {n["id"]: n.get("kind", "") for n in view.nodes}
    cited_by: dict[str, set[str]] = defaultdict(set)
    asserting: set[str] = set()
    for e in view.edges:
        if e["relation"] in ("cites", "distorts", "copies"):
            cited_by[e["to"]].add(e["from"])
        elif e["relation"] == "asserts":
            asserting.add(e["from"])
    level: dict[str, int] = {}
    for n in view.nodes:
        if kind[n["id"]] == "claim":
            level[n["id"]] = 0
        elif n["id"] in asserting or n["id"] in cited_by:
            level[n["id"]] = 1
    for _ in range(len(level)):  # relax; bounded, so a citation cycle cannot loop
        changed = False
        for node, citers in cited_by.items():
            want = max((level.get(c, 1) + 1 for c in citers), default=1)
            if node in level and want > level[node] and want <= 20:
                level[node], changed = want, True
        if not changed:
            break
    last = max(level.values(), default=0) + 1
    for n in view.nodes:
        level.setdefault(n["id"], last)
    return layered_positions(level, [(e["from"], e["to"]) for e in view.edges],
                             x_gap=360, y_gap=62)


def _extent(node: dict[str, Any]) -> tuple[float, float]:
    """Half width and half height of a node's shape."""
    shape = node.get("shape", "dot")
    if shape == "box":
        lines = str(node.get("label", "")).split("\n")
        return max(len(x) for x in lines) * 3.7 + 10, 9 * len(lines) + 6
    size = float(node.get("size", 14))
    return size, size


def _shape(node: dict[str, Any], x: float, y: float) -> str:
    shape = node.get("shape", "dot")
    colour = node.get("color", {})
    fill = colour.get("background", "#ccc") if isinstance(colour, dict) else str(colour)
    stroke = colour.get("border", "#333") if isinstance(colour, dict) else "#333"
    width = min(float(node.get("borderWidth", 1.5)), 5)
    dash = ' stroke-dasharray="5,4"' if node.get("shapeProperties", {}).get("borderDashes") else ""
    attrs = f'fill="{_x(fill)}" stroke="{_x(stroke)}" stroke-width="{width:.1f}"{dash}'
    hw, hh = _extent(node)
    if shape == "box":
        return (f'<rect x="{x - hw:.1f}" y="{y - hh:.1f}" width="{2 * hw:.1f}" '
                f'height="{2 * hh:.1f}" rx="4" {attrs}/>')
    if shape == "square":
        return f'<rect x="{x - hw:.1f}" y="{y - hh:.1f}" width="{2 * hw:.1f}" ' \
               f'height="{2 * hh:.1f}" {attrs}/>'
    if shape == "ellipse":
        return f'<ellipse cx="{x:.1f}" cy="{y:.1f}" rx="{hw * 1.5:.1f}" ry="{hh:.1f}" {attrs}/>'
    if shape == "star":
        pts = " ".join(f"{x + (hw if k % 2 == 0 else hw * .45) * math.cos(a):.1f},"
                       f"{y + (hh if k % 2 == 0 else hh * .45) * math.sin(a):.1f}"
                       for k, a in enumerate(-math.pi / 2 + j * math.pi / 5 for j in range(10)))
        return f'<polygon points="{pts}" {attrs}/>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - hh:.1f} {x + hw:.1f},{y:.1f} {x:.1f},{y + hh:.1f} {x - hw:.1f},{y:.1f}"
        return f'<polygon points="{pts}" {attrs}/>'
    if shape == "triangleDown":
        pts = f"{x - hw:.1f},{y - hh * .8:.1f} {x + hw:.1f},{y - hh * .8:.1f} {x:.1f},{y + hh:.1f}"
        return f'<polygon points="{pts}" {attrs}/>'
    if shape == "triangle":
        pts = f"{x:.1f},{y - hh:.1f} {x + hw:.1f},{y + hh * .8:.1f} {x - hw:.1f},{y + hh * .8:.1f}"
        return f'<polygon points="{pts}" {attrs}/>'
    if shape == "hexagon":
        pts = " ".join(f"{x + hw * math.cos(a):.1f},{y + hh * math.sin(a):.1f}"
                       for a in (k * math.pi / 3 for k in range(6)))
        return f'<polygon points="{pts}" {attrs}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{hw:.1f}" {attrs}/>'


def _label_box(node: dict[str, Any], x: float, y: float,
               left: bool) -> tuple[float, float, float, float]:
    """The label's box (x0, y0, x1, y1): inside a box shape, left of a claim, or below."""
    lines = str(node.get("label", "")).split("\n")
    w = max(len(t) for t in lines) * _CHAR
    hw, hh = _extent(node)
    if node.get("shape") == "box":
        return x - w / 2, y - hh, x + w / 2, y + hh
    if left:
        return x - hw - 8 - w, y - 9 * len(lines), x - hw - 8, y + 9 * len(lines)
    return x - w / 2, y + hh + 2, x + w / 2, y + hh + 4 + 18 * len(lines)


def _label(node: dict[str, Any], x: float, y: float, left: bool) -> str:
    lines = str(node.get("label", "")).split("\n")
    inside = node.get("shape") == "box"
    _, hh = _extent(node)
    colour = node.get("font", {}).get("color", "#222") if inside else "#222"
    _, _, x1, _ = _label_box(node, x, y, left)
    if inside:
        anchor, tx, top = "middle", x, y - 9 * (len(lines) - 1) + 4
    elif left:
        anchor, tx, top = "end", x1, y - 9 * (len(lines) - 1) + 4
    else:
        anchor, tx, top = "middle", x, y + hh + 16
    spans = "".join(f'<tspan x="{tx:.1f}" y="{top + 18 * i:.1f}">{_x(t)}</tspan>'
                    for i, t in enumerate(lines))
    return (f'<text text-anchor="{anchor}" font-size="13" fill="{_x(colour)}" '
            f'font-family="{_FONT}">{spans}</text>')


def _clip(x1: float, y1: float, x2: float, y2: float, node: dict[str, Any]) -> tuple[float, float]:
    """Where the segment from (x1, y1) to the node's centre (x2, y2) meets its outline."""
    hw, hh = _extent(node)
    if node.get("shape") == "ellipse":
        hw *= 1.5
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return x2, y2
    t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    t = min(t, 1.0) + 3 / math.hypot(dx, dy)
    return x2 - dx * t, y2 - dy * t


def _edge(e: dict[str, Any], pos: dict[str, tuple[float, float]],
          nodes: dict[str, dict[str, Any]]) -> str:
    (x1, y1), (x2, y2) = pos[e["from"]], pos[e["to"]]
    style = EDGE_STYLE[e["relation"]]
    sx, sy = _clip(x2, y2, x1, y1, nodes[e["from"]])
    tx, ty = _clip(x1, y1, x2, y2, nodes[e["to"]])
    dashes = style.get("dashes")
    dash = f' stroke-dasharray="{",".join(map(str, dashes))}"' if isinstance(dashes, list) else ""
    marker = f' marker-end="url(#arrow-{e["relation"]})"' if style.get("arrows") else ""
    attrs = (f'fill="none" stroke="{style["color"]}" stroke-width="{style.get("width", 1.5)}"'
             f"{dash}{marker}")
    smooth = e.get("smooth")
    if abs(x1 - x2) < 1 and abs(y1 - y2) > 1:  # same column: bow out so labels stay clear
        sx, sy, tx, ty = x1 + 12, y1, x2 + 12, y2
        bow = 30 + 0.25 * abs(y2 - y1)
        return (f'<path d="M{sx:.1f},{sy:.1f} C{sx + bow:.1f},{sy:.1f} {tx + bow:.1f},{ty:.1f} '
                f'{tx:.1f},{ty:.1f}" {attrs}/>')
    if isinstance(smooth, dict) and smooth.get("enabled"):
        mx, my = (sx + tx) / 2, (sy + ty) / 2
        r = float(smooth.get("roundness", 0.3))
        cx, cy = mx + (ty - sy) * r, my - (tx - sx) * r  # clockwise, as vis-network draws it
        return f'<path d="M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {tx:.1f},{ty:.1f}" {attrs}/>'
    return f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{tx:.1f}" y2="{ty:.1f}" {attrs}/>'


def to_svg(view: View) -> str:
    """The view as a standalone SVG document (title, legend, edges, nodes, labels).

    Raises:
        InputError: the view has more than :data:`MAX_STATIC_NODES` nodes.
    """
    if len(view.nodes) > MAX_STATIC_NODES:
        raise InputError(f"{len(view.nodes)} nodes are too many for a static picture (at most "
                         f"{MAX_STATIC_NODES}); draw one claim (--claim) or source (--source)")
    computed = not all("x" in n and "y" in n for n in view.nodes)
    # a picture cannot be clicked, zoomed or hovered: leave out the sentences that say so
    subtitle = " ".join(x for x in re.split(r"(?<=\.)\s+", view.subtitle)
                        if not re.search(r"\b(click|zoom|hover)", x, flags=re.I))
    pos = _positions(view)
    nodes = {n["id"]: n for n in view.nodes}
    # claims' labels go left of them in the computed (claims-first) layout, below otherwise
    left = {k: computed and nodes[k].get("kind") == "claim" for k in pos}
    boxes = [_label_box(nodes[k], x, y, left[k]) for k, (x, y) in pos.items()]
    boxes += [(x - _extent(nodes[k])[0] * 1.5, y - _extent(nodes[k])[1],
               x + _extent(nodes[k])[0] * 1.5, y + _extent(nodes[k])[1])
              for k, (x, y) in pos.items()]
    x0 = min((b[0] for b in boxes), default=0.0)
    x1 = max((b[2] for b in boxes), default=0.0)
    y0 = min((b[1] for b in boxes), default=0.0)
    y1 = max((b[3] for b in boxes), default=0.0)
    pad, top = 24.0, 118.0
    width = max(x1 - x0 + 2 * pad, 760.0)
    height = y1 - y0 + top + pad + 10
    ox = (width - (x1 - x0)) / 2 - x0
    oy = top + 10 - y0
    shifted = {k: (x + ox, y + oy) for k, (x, y) in pos.items()}
    markers = "".join(
        f'<marker id="arrow-{rel}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{st["color"]}"/></marker>'
        for rel, st in EDGE_STYLE.items() if st.get("arrows"))
    legend, lx = [], 12.0
    for kind in view.kinds:
        st = KIND_STYLE[kind]
        dummy = {"shape": st.shape, "size": 6, "label": "",
                 "color": {"background": st.colour, "border": st.colour}}
        if st.shape == "box":
            legend.append(f'<rect x="{lx:.0f}" y="62" width="14" height="10" rx="2" '
                          f'fill="{st.colour}"/>')
        else:
            legend.append(_shape(dummy, lx + 7, 67))
        legend.append(f'<text x="{lx + 18:.0f}" y="71" font-size="12" font-family="{_FONT}">'
                      f"{_x(st.label)}</text>")
        lx += 30 + 7.2 * len(st.label)
    for rel in view.relations:
        es = EDGE_STYLE[rel]
        dashes = es.get("dashes")
        dash = (f' stroke-dasharray="{",".join(map(str, dashes))}"'
                if isinstance(dashes, list) else "")
        legend.append(f'<line x1="{lx:.0f}" y1="67" x2="{lx + 24:.0f}" y2="67" '
                      f'stroke="{es["color"]}" stroke-width="2"{dash}/>')
        legend.append(f'<text x="{lx + 28:.0f}" y="71" font-size="12" font-family="{_FONT}">'
                      f"{_x(EDGE_LEGEND[rel])}</text>")
        lx += 40 + 7.2 * len(EDGE_LEGEND[rel])
    # the grade scales, as in the page's legend
    gx = 12.0
    for scale in view.grades:
        grades = "ABCDEF" if scale == "source" else "123456"
        for g in grades:
            dash = ""
            legend.append(f'<rect x="{gx:.0f}" y="80" width="16" height="14" rx="2" '
                          f'fill="{GRADE_COLOURS[g]}" stroke="#4d4d4d"{dash}/>'
                          f'<text x="{gx + 8:.0f}" y="91" font-size="10" text-anchor="middle" '
                          f'font-weight="700" fill="{text_colour(GRADE_COLOURS[g])}" '
                          f'font-family="{_FONT}">{g}</text>')
            gx += 18
        words = ("reliability: A best, E worst, F cannot be judged" if scale == "source"
                 else "credibility: 1 best, 5 worst, 6 cannot be judged")
        legend.append(f'<text x="{gx + 4:.0f}" y="91" font-size="12" font-family="{_FONT}">'
                      f"{_x(words)}</text>")
        gx += 24 + 6.6 * len(words)
    width = max(width, lx + 12, gx, 10.5 * len(view.title) + 24, 6.6 * len(subtitle) + 24)
    body = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{_x(view.title)}">',
        f"<title>{_x(view.title)}</title>",
        f"<defs>{markers}</defs>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
        f'<text x="12" y="26" font-size="18" font-weight="600" font-family="{_FONT}">'
        f"{_x(view.title)}</text>",
        f'<text x="12" y="47" font-size="12" fill="#555" font-family="{_FONT}">'
        f"{_x(subtitle)}</text>",
        *legend,
        *(_edge(e, shifted, nodes) for e in view.edges if e["from"] in shifted
          and e["to"] in shifted),
        *(_shape(n, *shifted[n["id"]]) for n in view.nodes),
        *(_label(n, *shifted[n["id"]], left[n["id"]]) for n in view.nodes),
        "</svg>",
    ]
    return "\n".join(body) + "\n"


def write_svg(view: View, path: str | Path) -> Path:
    """Write :func:`to_svg` to a file, atomically."""
    return atomic_write_text(path, to_svg(view))


def find_chromium() -> str | None:
    """The Chromium (or Chrome) executable: ``KG_CHROMIUM``, else the first on ``PATH``."""
    env = os.environ.get("KG_CHROMIUM")
    if env:
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def write_png(view: View, path: str | Path, *, scale: float = 2.0) -> Path:
    """Write the view's SVG rasterised by headless Chromium as a PNG, atomically.

    Args:
        view: The view.
        path: The PNG file to write.
        scale: Device pixels per SVG pixel (2 for sharp print).

    Raises:
        CredkgError: no Chromium was found, or it failed.
    """
    svg = to_svg(view)
    chromium = find_chromium()
    if chromium is None:
        raise CredkgError("--format png needs Chromium: install it (Debian: apt-get install "
                          "chromium) or set KG_CHROMIUM to its path; or use --format svg")
    head = svg.split(">", 1)[0]
    w = int(float(head.split('width="', 1)[1].split('"', 1)[0]))
    h = int(float(head.split('height="', 1)[1].split('"', 1)[0]))
    if w * h * scale * scale > 60_000_000:
        scale = max(0.5, math.sqrt(60_000_000 / (w * h)))
    with tempfile.TemporaryDirectory(prefix="credkg-png-") as tmp:
        src, out = Path(tmp) / "view.svg", Path(tmp) / "view.png"
        src.write_text(svg, encoding="utf-8")
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--no-first-run", "--disable-background-networking", "--disable-sync",
               "--disable-component-update", f"--user-data-dir={tmp}/profile",
               f"--force-device-scale-factor={scale}", f"--window-size={w},{h}",
               f"--screenshot={out}", src.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=120, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise CredkgError(f"Chromium ({chromium}) failed to draw the PNG: {exc}") from exc
        if not out.is_file():
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise CredkgError(f"Chromium ({chromium}) wrote no PNG (exit {done.returncode}): "
                              f"{tail[0][:200]}")
        return atomic_write_bytes(path, out.read_bytes())
