"""Contradictions detected from structured quantities, explained in numbers.

The rules are those of :mod:`kg.credibility.comparison`: two figures are
compared only within one comparable measure (measure key, unit class, kinds that
can meet), each read as an interval widened by its rounding, and a pair whose
intervals cannot both hold is a contradiction. Pairs that could not be compared
(a period unknown) and forecast revisions are not contradictions; they are in
:func:`kg.credibility.comparison.compare`'s result.

Examples:
    >>> from kg.seed import seed_dataset
    >>> for c in detect_contradictions(seed_dataset()):
    ...     print(c.claims)
    ('monthly-desertions-30k', 'october-desertions-21600')
    ('monthly-desertions-30k', 'ytd-desertions-180k')
"""

from __future__ import annotations

from kg.credibility.comparison import (
    APPROXIMATE,
    CALENDAR_SLACK,
    UP_TO_FLOOR,
    DetectedContradiction,
    Reading,
    compare,
    reading,
)
from kg.model import Dataset

__all__ = [
    "APPROXIMATE",
    "CALENDAR_SLACK",
    "UP_TO_FLOOR",
    "DetectedContradiction",
    "Reading",
    "detect_contradictions",
    "reading",
]


def detect_contradictions(ds: Dataset) -> list[DetectedContradiction]:
    """Every pair of quantity claims whose figures cannot both hold.

    Args:
        ds: The dataset.

    Returns:
        The contradictions, each pair once with its ids sorted, sorted by pair.
        Pairs an analyst already stated are included too (the engine merges them).
    """
    return compare(ds).contradictions
