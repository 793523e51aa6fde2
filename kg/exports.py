"""Exports beyond RDF: GraphML and GEXF for graph tools, CSV for spreadsheets.

The CSV export writes one assertion per row in the columns that
:mod:`kg.tabular` reads. It is a spreadsheet of assertions, not a full copy:
aliases, notes, contradictions and sources that assert nothing are left out
(use an RDF format or YAML for everything).

Examples:
    >>> from kg.seed import seed_dataset
    >>> from kg.tabular import parse_csv
    >>> again = parse_csv(to_csv(seed_dataset()), "x.csv")
    >>> again.assertions == seed_dataset().assertions
    True
    >>> to_csv(seed_dataset()).splitlines()[0].split(",")[:4]
    ['id', 'source', 'source_name', 'source_kind']
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import networkx as nx

from kg.files import atomic_write_text
from kg.graph import to_networkx
from kg.model import Dataset
from kg.rdf import FORMATS, to_rdf, write_rdf
from kg.tabular import CSV_COLUMNS

__all__ = ["EXPORT_FORMATS", "export_dataset", "to_csv"]

#: Export format name -> file extension.
EXPORT_FORMATS: dict[str, str] = {
    **{name: ext for name, (_, ext, _) in FORMATS.items()},
    "graphml": ".graphml",
    "gexf": ".gexf",
    "csv": ".csv",
    # credkg's own assessments as schema.org ClaimReview (kg.material.claimreview)
    "claimreview": ".claimreview.jsonld",
}


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


def to_csv(ds: Dataset) -> str:
    """One assertion per row, in the columns :func:`kg.tabular.parse_csv` reads."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    reports = {r.id: r for r in ds.reports}
    asserting = {a.source for a in ds.assertions}

    def ids(values: tuple[str, ...]) -> str:
        return ";".join(v for v in values if v in asserting)

    for a in ds.assertions:
        s, c = ds.source(a.source), ds.claim(a.claim)
        row: dict[str, Any] = {
            "id": a.id, "source": s.id, "source_name": s.name, "source_kind": s.kind.value,
            "source_reliability": s.reliability or "",
            "source_affiliated_with": ids(s.affiliated_with),
            "claim": c.id, "claim_text": c.text, "claim_about": ids(c.about),
            "cites": ";".join(a.cites), "hedged": "true" if a.hedged else "false",
            "quote": a.quote or "",
        }
        if a.report is not None:
            r = reports[a.report]
            row.update(report=r.id, report_title=r.title or "",
                       published_by=ids((r.published_by,)) if r.published_by else "",
                       report_date=r.date.isoformat() if r.date else "", report_url=r.url or "")
        q = c.quantity
        if q is not None:
            for f in ("measure", "unit", "value", "min_value", "max_value", "per",
                      "period_start", "period_end"):
                value = getattr(q, f)
                row[f] = "" if value is None else (
                    value.isoformat() if hasattr(value, "isoformat") else value)
            row["approximate"] = "true" if q.approximate else ""
        writer.writerow(row)
    return buf.getvalue()


def export_dataset(ds: Dataset, fmt: str, path: str | Path) -> Path:
    """Write the dataset in one of :data:`EXPORT_FORMATS`, atomically."""
    path = Path(path)
    if fmt in FORMATS:
        return write_rdf(to_rdf(ds), path, fmt)
    if fmt == "csv":
        return atomic_write_text(path, to_csv(ds))
    if fmt == "claimreview":
        from kg.credibility import assess
        from kg.material.claimreview import claimreview_jsonld

        return atomic_write_text(path, claimreview_jsonld(ds, assess(ds)))
    G = _plain(to_networkx(ds))
    lines = nx.generate_graphml(G) if fmt == "graphml" else nx.generate_gexf(G)
    return atomic_write_text(path, "\n".join(lines) + "\n")
