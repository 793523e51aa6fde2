"""Graph tools' formats: GraphML and GEXF of the networkx view (:func:`kg.graph.to_networkx`).

Examples:
    >>> import tempfile, pathlib
    >>> from kg.formats.registry import FORMATS
    >>> from kg.seed import seed_dataset
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> p = FORMATS["graphml"].write(seed_dataset(), folder / "g.graphml")
    >>> "<graphml" in p.read_text()
    True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.files import atomic_write_text
from kg.formats.registry import Format
from kg.graph import to_networkx
from kg.model import Dataset

__all__ = ["write_graph"]


def _plain(G: nx.MultiDiGraph[Any]) -> nx.MultiDiGraph[Any]:
    """A copy whose attributes are strings, numbers or booleans, as GraphML/GEXF want."""
    H: nx.MultiDiGraph[Any] = nx.MultiDiGraph()

    def clean(d: dict[str, Any]) -> dict[str, Any]:
        return {k: (v if isinstance(v, bool | int | float | str) else str(v))
                for k, v in d.items() if v is not None}

    for n, d in G.nodes(data=True):
        H.add_node(n, **clean(d))
    for u, v, d in G.edges(data=True):
        H.add_edge(u, v, **clean(d))
    return H


def write_graph(ds: Dataset, path: Path, fmt: Format, assessment: object = None) -> Path:
    """Write the dataset's graph as GraphML or GEXF (the ``graphml``/``gexf`` writer)."""
    G = _plain(to_networkx(ds))
    lines = nx.generate_graphml(G) if fmt.name == "graphml" else nx.generate_gexf(G)
    return atomic_write_text(path, "\n".join(lines) + "\n")
