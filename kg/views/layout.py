"""Positions computed in Python: columns by level, ordered to keep edges short.

Used by the chain and source views (so they never move) and by the static
pictures. Each node sits in the column of its level; within a column, nodes
are ordered by the mean row of their neighbours in the columns already placed
(the barycentre heuristic), sweeping left to right and back.

:func:`packed_positions` lays out a whole graph the same way, one connected
component at a time, but wraps each tall column into several side by side, so
that a component fits a screen's shape, and sizes every row and column from the
labels it holds (:func:`node_extent`), so that no two labels overlap. The
components are then packed in shelves.

Examples:
    >>> pos = layered_positions({"c": 0, "a": 1, "b": 1, "o": 2}, [("a", "c"), ("b", "c"),
    ...                         ("a", "o")], x_gap=100, y_gap=50)
    >>> pos["c"][0] < pos["a"][0] < pos["o"][0]
    True
    >>> pos["c"], pos["o"], sorted(pos[n][1] for n in "ab")
    ((0, 0.0), (200, 0.0), [-25.0, 25.0])
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["graph_levels", "layered_positions", "node_extent", "packed_positions",
           "wrapped_columns"]

#: Width of an average character in em (Arial is about 0.52, DejaVu Sans 0.6: take the wider).
CHAR_EM = 0.6
#: Shapes vis-network writes the label inside of.
_INSIDE = frozenset({"box", "ellipse", "circle", "database", "text"})


def node_extent(node: Mapping[str, Any]) -> tuple[float, float, float]:
    """Width, and height above and below its centre, of a node with its label (canvas units).

    Estimated from the label's longest line and line count, the font size and the
    shape, as vis-network draws them (label inside a box or an ellipse; below the
    others), with a margin.

    Examples:
        >>> w, up, down = node_extent({"label": "abc\\nde", "shape": "dot", "size": 10,
        ...                            "font": {"size": 10}})
        >>> (w, up, down)
        (20.0, 10.0, 40.0)
    """
    lines = str(node.get("label", "")).split("\n")
    font = node.get("font")
    fs = float(font.get("size", 14)) if isinstance(font, Mapping) else 14.0
    text_w = max((len(x) for x in lines), default=0) * fs * CHAR_EM
    text_h = len(lines) * (fs + 3)
    shape = node.get("shape", "dot")
    if shape in _INSIDE:
        w, h = text_w + 12, text_h + 10
        if shape in ("ellipse", "circle"):
            w, h = w * 1.2 + 8, h * 1.3
        return w, h / 2, h / 2
    r = float(node.get("size", 25))
    return max(2 * r, text_w), r, r + 4 + text_h


def graph_levels(kinds: Mapping[str, str], edges: Iterable[tuple[str, str, str]]) -> dict[str, int]:
    """Columns for a whole graph: claims first, then sources by how far down citations they sit.

    Args:
        kinds: Node id to kind (``"claim"`` for claims).
        edges: ``(from, to, relation)`` triples.

    Returns:
        Claims at 0; sources that assert a claim at 1; a cited source one column
        right of the furthest source citing it (at most 20); other sources last.

    Examples:
        >>> graph_levels({"c": "claim", "a": "news_outlet", "o": "person"},
        ...              [("a", "c", "asserts"), ("a", "o", "cites")])
        {'c': 0, 'a': 1, 'o': 2}
    """
    cited_by: dict[str, set[str]] = defaultdict(set)
    asserting: set[str] = set()
    for a, b, rel in edges:
        if rel in ("cites", "distorts", "copies"):  # every relaying edge
            cited_by[b].add(a)
        elif rel == "asserts":
            asserting.add(a)
    level: dict[str, int] = {}
    for n, kind in kinds.items():
        if kind == "claim":
            level[n] = 0
        elif n in asserting or n in cited_by:
            level[n] = 1
    for _ in range(21):  # relax; bounded, so a citation cycle cannot loop
        changed = False
        for node, citers in cited_by.items():
            want = max((level.get(c, 1) + 1 for c in citers), default=1)
            if node in level and level[node] < want <= 20:
                level[node], changed = want, True
        if not changed:
            break
    last = max(level.values(), default=0) + 1
    for n in kinds:
        level.setdefault(n, last)
    return level


def _components(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
    groups: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        groups[find(n)].append(n)
    return list(groups.values())


def _ordered_columns(levels: Mapping[str, int], neighbours: Mapping[str, set[str]],
                     key: Mapping[str, float]) -> dict[int, list[str]]:
    columns: dict[int, list[str]] = defaultdict(list)
    for node in sorted(levels, key=lambda n: (key.get(n, 0.0), n)):
        columns[levels[node]].append(node)
    row = {n: i - (len(col) - 1) / 2 for col in columns.values() for i, n in enumerate(col)}
    span = sorted(columns)
    for sweep in (span[1:], span[-2::-1], span[1:]):
        for lvl in sweep:
            col = columns[lvl]

            def bary(n: str, lvl: int = lvl) -> tuple[float, str]:
                near = [row[m] for m in neighbours.get(n, ()) if levels[m] != lvl]
                return (sum(near) / len(near) if near else row[n], n)

            col.sort(key=bary)
            for i, n in enumerate(col):
                row[n] = i - (len(col) - 1) / 2
    return columns


def wrapped_columns(columns: Mapping[int, list[str]], ext: Mapping[str, tuple[float, float, float]],
             aspect: float, gap_x: float, gap_y: float
             ) -> tuple[float, float, dict[str, tuple[float, float]]]:
    """One component: each column wrapped into sub-columns of at most R rows, R chosen so
    that the block best fills a screen of this aspect. Returns width, height, positions."""
    span = sorted(columns)
    col_w = {lv: max(ext[n][0] for n in columns[lv]) + gap_x for lv in span}
    pitch = {lv: max(ext[n][1] + ext[n][2] for n in columns[lv]) + gap_y for lv in span}
    tallest = max(len(columns[lv]) for lv in span)
    best: tuple[float, int] | None = None
    for rows in range(1, tallest + 1):
        if best is not None and rows > 1 and rows * min(pitch.values()) > best[0] * 4:
            break
        width = sum(math.ceil(len(columns[lv]) / rows) * col_w[lv] for lv in span)
        height = max(min(rows, len(columns[lv])) * pitch[lv] for lv in span)
        score = max(width / aspect, height)
        if best is None or score < best[0] - 1e-9:
            best = (score, rows)
    rows = best[1] if best else 1
    height = max(min(rows, len(columns[lv])) * pitch[lv] for lv in span)
    pos: dict[str, tuple[float, float]] = {}
    x = 0.0
    for lv in span:
        col = columns[lv]
        for start in range(0, len(col), rows):
            part = col[start:start + rows]
            top = (height - len(part) * pitch[lv]) / 2
            for i, n in enumerate(part):
                # the node's own box starts at the top of its row
                pos[n] = (x + col_w[lv] / 2, top + i * pitch[lv] + ext[n][1])
            x += col_w[lv]
    return x, height, pos


def packed_positions(nodes: Sequence[Mapping[str, Any]], edges: Iterable[tuple[str, str]],
                     levels: Mapping[str, int], *, aspect: float = 1.6, gap_x: float = 46,
                     gap_y: float = 12, gap: float = 90) -> dict[str, tuple[float, float]]:
    """Positions for a whole graph, every node's label clear of every other's.

    Each connected component is laid out in columns by level (ordered by the
    barycentre heuristic), each column wrapped into sub-columns so that the
    component fits a screen of ``aspect``; rows and columns are as tall and wide
    as the largest node and label they hold (:func:`node_extent`). Components
    are packed in shelves, largest first; single nodes share one block.

    Args:
        nodes: vis-network nodes (``id``, ``label``, ``shape``, ``size``, ``font``).
        edges: Pairs of node ids.
        levels: Column of each node.
        aspect: Width over height of the screen to fill.
        gap_x: Space between columns.
        gap_y: Space between rows.
        gap: Space between components.

    Returns:
        ``{node: (x, y)}``, deterministic for the same input.

    Examples:
        >>> ns = [{"id": i, "label": i, "shape": "dot", "size": 5} for i in "abcd"]
        >>> pos = packed_positions(ns, [("a", "b")], {"a": 0, "b": 1, "c": 0, "d": 0})
        >>> pos["a"][0] < pos["b"][0], len(set(pos.values()))
        (True, 4)
    """
    ids = [str(n["id"]) for n in nodes]
    ext = {str(n["id"]): node_extent(n) for n in nodes}
    pairs = [(a, b) for a, b in edges if a != b]
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        if a in ext and b in ext:
            neighbours[a].add(b)
            neighbours[b].add(a)
    comps = _components(ids, pairs)
    singles = [c[0] for c in comps if len(c) == 1]
    groups = sorted((c for c in comps if len(c) > 1), key=lambda c: (-len(c), min(c)))
    if singles:
        groups.append(sorted(singles))
    blocks = []
    for comp in groups:
        cols = _ordered_columns({n: levels.get(n, 0) for n in comp}, neighbours, {})
        blocks.append(wrapped_columns(cols, ext, aspect, gap_x, gap_y))
    area = sum((w + gap) * (h + gap) for w, h, _ in blocks)
    widest = max((w for w, _, _ in blocks), default=0.0)
    order = sorted(blocks, key=lambda b: -b[1])

    def shelves(target: float) -> tuple[float, list[tuple[float, float]]]:
        x = y = shelf = right = 0.0
        corners = []
        for w, h, _ in order:
            if x > 0 and x + w > target:
                x, y, shelf = 0.0, y + shelf + gap, 0.0
            corners.append((x, y))
            right = max(right, x + w)
            x += w + gap
            shelf = max(shelf, h)
        return max(right / aspect, y + shelf), corners

    # the shelf width whose packing best fills the screen's shape
    ideal = math.sqrt(area * aspect)
    tries = [max(widest, ideal * f) for f in (0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.35, 1.5, 1.7)]
    _, corners = min((shelves(t) for t in tries), key=lambda r: r[0])
    out: dict[str, tuple[float, float]] = {}
    for (x, y), (_, _, pos) in zip(corners, order, strict=True):
        for n, (px, py) in pos.items():
            out[n] = (float(round(x + px)), float(round(y + py)))
    return out


def layered_positions(levels: Mapping[str, int], edges: Iterable[tuple[str, str]], *,
                      x_gap: float = 280, y_gap: float = 90,
                      order: Mapping[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """Place nodes in columns ``x = level * x_gap``, centred rows ``y_gap`` apart.

    Args:
        levels: Column of each node (0 is leftmost).
        edges: Pairs of nodes, in either direction; used only to order columns.
        x_gap: Distance between columns.
        y_gap: Distance between rows.
        order: Initial sort key per node (default: its id).

    Returns:
        ``{node: (x, y)}``, deterministic for the same input.
    """
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        if a in levels and b in levels and a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    columns = _ordered_columns(levels, neighbours, order or {})
    positions: dict[str, tuple[float, float]] = {}
    for lvl, col in columns.items():
        offset = (len(col) - 1) / 2
        for i, n in enumerate(col):
            positions[n] = (lvl * x_gap, (i - offset) * y_gap)
    return positions


def label_priority(nodes: list[dict[str, Any]], edges: Iterable[Mapping[str, Any]]) -> None:
    """Rank nodes for their labels at a small scale: the most connected first.

    Sets each node's ``rank`` (0 first): by degree in the view (a contradiction counts
    twice), sources before claims on a tie. Where the scale makes labels too small,
    the page draws the labels of the best-ranked nodes that fit without overlap
    at a readable size (``prioritise`` in ``assets/view.js``).

    Examples:
        >>> ns = [{"id": "c", "kind": "claim"}, {"id": "s", "kind": "person"},
        ...       {"id": "t", "kind": "person"}]
        >>> label_priority(ns, [{"from": "s", "to": "c", "relation": "asserts"},
        ...                     {"from": "t", "to": "s", "relation": "cites"}])
        >>> [n["rank"] for n in ns]
        [2, 0, 1]
    """
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        weight = 2 if e.get("relation") == "contradicts" else 1
        degree[e["from"]] += weight
        degree[e["to"]] += weight
    order = sorted(nodes, key=lambda n: (-degree[n["id"]], n.get("kind") == "claim", n["id"]))
    for k, n in enumerate(order):
        n["rank"] = k
