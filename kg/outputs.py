"""The standard outputs of ``kg demo`` and ``kg build``: Turtle, JSON-LD, graph view, report.

The dataset is scored first (:func:`kg.credibility.assess`); the graph written
is the *scored* graph (the data plus the assessment's grades, scores,
explanations and findings), and the view and report show the same grades.

Examples:
    >>> import tempfile
    >>> from kg.seed import seed_dataset
    >>> written = write_outputs(seed_dataset(), tempfile.mkdtemp())
    >>> sorted(p.name for p in written)
    ['graph.html', 'graph.jsonld', 'graph.ttl', 'report.html']
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kg.credibility import Assessment, DiscoveredTrust, assess
from kg.formats.assessment import assessment_graph, assessment_quads
from kg.formats.rdf import to_rdf, write_rdf
from kg.formats.registry import by_name
from kg.model import Dataset
from kg.report import write_report
from kg.shapes import conforms
from kg.views import NodeInfo, graph_view, write_html
from kg.views.info import node_info

__all__ = ["OUTPUT_NAMES", "export_dataset", "scored", "write_outputs"]

#: File names written into the output folder.
OUTPUT_NAMES = ("graph.ttl", "graph.jsonld", "graph.html", "report.html")


def scored(ds: Dataset, discovered: Mapping[str, DiscoveredTrust] | None = None
           ) -> tuple[Assessment, dict[str, NodeInfo]]:
    """The dataset's credibility assessment and the per-node info the views show
    (``discovered``: a store's discovered trust, see :func:`kg.credibility.assess`).

    Examples:
        >>> from kg.seed import seed_dataset
        >>> a, info = scored(seed_dataset())
        >>> info["ua-security-sources"].grade
        'F'
    """
    a = assess(ds, discovered=discovered)
    return a, node_info(a)


def write_outputs(ds: Dataset, out: str | Path, *, title: str = "credkg") -> list[Path]:
    """Score the dataset, check the scored graph against the shapes, then write every output.

    Nothing is written unless the graph conforms, and each file is written
    atomically, so a failure never leaves a half-written output behind.

    Raises:
        ValidationFailed: the graph does not conform to ``ontology/shapes.ttl``.
    """
    from kg.errors import ValidationFailed

    out = Path(out)
    a, info = scored(ds)
    g = to_rdf(ds)
    # every quad of the assessment sits in its one named graph
    named = g.graph(assessment_graph(ds.base))
    g.addN((s, p, o, named) for s, p, o, _ in assessment_quads(ds, a))
    violations = conforms(g)
    if violations:
        raise ValidationFailed(
            f"{len(violations)} SHACL violation(s), first: {violations[0]}; nothing written"
        )
    return [
        write_rdf(g, out / "graph.ttl", "turtle"),
        write_rdf(g, out / "graph.jsonld", "json-ld"),
        write_html(graph_view(ds, info, title=f"{title}: graph", assessment=a),
                   out / "graph.html"),
        write_report(ds, out / "report.html", info, title=f"{title}: report", assessment=a),
    ]


def export_dataset(ds: Dataset, fmt: str, path: str | Path) -> Path:
    """Write the dataset in a format of the registry that writes, atomically.

    The credibility assessment is computed for the formats that need it
    (ClaimReview), since the formats layer sits below the engine.

    Examples:
        >>> import tempfile, pathlib
        >>> from kg.seed import seed_dataset
        >>> out = pathlib.Path(tempfile.mkdtemp())
        >>> export_dataset(seed_dataset(), "claimreview", out / "c.jsonld").name
        'c.jsonld'

    Raises:
        InputError: an unknown format, or one credkg does not write.
    """
    f = by_name(fmt)
    return f.write(ds, Path(path), assess(ds) if f.needs_assessment else None)
