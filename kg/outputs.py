"""The standard outputs of ``kg demo`` and ``kg build``: Turtle, JSON-LD, graph view, report.

Examples:
    >>> import tempfile
    >>> from kg.seed import seed_dataset
    >>> written = write_outputs(seed_dataset(), tempfile.mkdtemp())
    >>> sorted(p.name for p in written)
    ['graph.html', 'graph.jsonld', 'graph.ttl', 'report.html']
"""

from __future__ import annotations

from pathlib import Path

from kg.model import Dataset
from kg.rdf import to_rdf, write_rdf
from kg.report import write_report
from kg.shapes import conforms
from kg.views import graph_view, write_html

__all__ = ["OUTPUT_NAMES", "write_outputs"]

#: File names written into the output folder.
OUTPUT_NAMES = ("graph.ttl", "graph.jsonld", "graph.html", "report.html")


def write_outputs(ds: Dataset, out: str | Path, *, title: str = "credkg") -> list[Path]:
    """Check the dataset's graph against the shapes, then write every output.

    Nothing is written unless the graph conforms, and each file is written
    atomically, so a failure never leaves a half-written output behind.

    Raises:
        ValidationFailed: the graph does not conform to ``ontology/shapes.ttl``.
    """
    from kg.errors import ValidationFailed

    out = Path(out)
    g = to_rdf(ds)
    violations = conforms(g)
    if violations:
        raise ValidationFailed(
            f"{len(violations)} SHACL violation(s), first: {violations[0]}; nothing written"
        )
    return [
        write_rdf(g, out / "graph.ttl", "turtle"),
        write_rdf(g, out / "graph.jsonld", "json-ld"),
        write_html(graph_view(ds, title=f"{title}: graph"), out / "graph.html"),
        write_report(ds, out / "report.html", title=f"{title}: report"),
    ]
