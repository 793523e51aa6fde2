"""The rows of the score tables (``kg score``): plain words, sorted as an analyst reads them.

Examples:
    >>> from kg.credibility import assess
    >>> from kg.seed import seed_dataset
    >>> ds = seed_dataset()
    >>> a = assess(ds)
    >>> source_rows(ds, a)[0][:3]
    ('Armed Forces of Ukraine', 'military body', 'C')
    >>> claim_rows(ds, a)[0][1]
    '3 possibly true'
"""

from __future__ import annotations

from kg.credibility.results import GRADE_MEANING, Assessment
from kg.model import Dataset

__all__ = ["CLAIM_COLUMNS", "SOURCE_COLUMNS", "claim_rows", "source_rows"]

#: Columns of :func:`source_rows`.
SOURCE_COLUMNS = ("source", "kind", "grade", "score", "basis", "flags")
#: Columns of :func:`claim_rows`.
CLAIM_COLUMNS = ("claim", "grade", "score", "origins", "findings")


def _words(codes: tuple[str, ...] | list[str]) -> str:
    return ", ".join(codes).replace("_", " ")


def source_rows(ds: Dataset, a: Assessment) -> list[tuple[str, ...]]:
    """One row per source, most reliable first."""
    rows: list[tuple[str, ...]] = []
    for s in sorted(ds.sources, key=lambda s: (-a.sources[s.id].score, s.name)):
        sa = a.sources[s.id]
        rows.append((s.name, s.kind.value.replace("_", " "), sa.grade, f"{sa.score:.2f}",
                     sa.basis, _words(list(sa.flags))))
    return rows


def claim_rows(ds: Dataset, a: Assessment) -> list[tuple[str, ...]]:
    """One row per claim, best grade first."""
    rows: list[tuple[str, ...]] = []
    for c in sorted(ds.claims, key=lambda c: (a.claims[c.id].grade, -a.claims[c.id].score)):
        ca = a.claims[c.id]
        rows.append((c.id, f"{ca.grade} {GRADE_MEANING[ca.grade]}", f"{ca.score:.2f}",
                     str(ca.independent_origins), _words(ca.flags)))
    return rows
