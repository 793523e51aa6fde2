"""Positions computed in Python: columns by level, ordered to keep edges short.

Used by the chain and source views (so they never move) and by the static
pictures. Each node sits in the column of its level; within a column, nodes
are ordered by the mean row of their neighbours in the columns already placed
(the barycentre heuristic), sweeping left to right and back.

Examples:
    >>> pos = layered_positions({"c": 0, "a": 1, "b": 1, "o": 2}, [("a", "c"), ("b", "c"),
    ...                         ("a", "o")], x_gap=100, y_gap=50)
    >>> pos["c"][0] < pos["a"][0] < pos["o"][0]
    True
    >>> pos["c"], pos["o"], sorted(pos[n][1] for n in "ab")
    ((0, 0.0), (200, 0.0), [-25.0, 25.0])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

__all__ = ["layered_positions"]


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
    columns: dict[int, list[str]] = defaultdict(list)
    key = order or {}
    for node in sorted(levels, key=lambda n: (key.get(n, 0.0), n)):
        columns[levels[node]].append(node)
    row = {n: i - (len(col) - 1) / 2 for col in columns.values() for i, n in enumerate(col)}
    span = sorted(columns)
    for sweep in (span[1:], span[-2::-1], span[1:]):
        for lvl in sweep:
            col = columns[lvl]

            def bary(n: str, lvl: int = lvl) -> tuple[float, str]:
                near = [row[m] for m in neighbours[n] if levels[m] != lvl]
                return (sum(near) / len(near) if near else row[n], n)

            col.sort(key=bary)
            for i, n in enumerate(col):
                row[n] = i - (len(col) - 1) / 2
    positions: dict[str, tuple[float, float]] = {}
    for lvl, col in columns.items():
        offset = (len(col) - 1) / 2
        for i, n in enumerate(col):
            positions[n] = (lvl * x_gap, (i - offset) * y_gap)
    return positions
