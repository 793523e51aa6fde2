"""Contradictions detected from structured quantities, explained in numbers.

Two quantity claims are compared only when they count the same thing: the same
``measure`` and ``unit`` (compared case-insensitively). Each claim is read as an
interval, in the unit of its rate when it has one:

=====================  ====================================  ==========================
what the claim gives   reading                               interval
=====================  ====================================  ==========================
value                  exact figure                          [v, v]
value, approximate     "about", "around", "approximately"    [v (1 - 10%), v (1 + 10%)]
max_value alone        "up to": the speaker says it reaches   [80% of max, max]
min_value alone        "over", "more than", "thousands"      [min, infinity)
min_value, max_value   "between"                             [min, max]
=====================  ====================================  ==========================

Then, by the kind of the two figures:

* a **rate** (``per: month``) against a **count** over a period inside the rate's
  period: the count is turned into a rate over its own period (days / 30.44 for a
  month) and must fall in the rate's interval, since "every month" holds for
  each month of the period (with 2% slack for the uneven length of months);
* two **rates** whose periods overlap (an open end overlaps everything): their
  intervals, in the same time unit, must overlap;
* two **counts** over the same period must overlap; a count over a sub-period
  cannot exceed the count over the whole period.

Where an interval test fails, the claims contradict each other, and the
explanation gives the arithmetic.

Examples:
    >>> from kg.seed import seed_dataset
    >>> for c in detect_contradictions(seed_dataset()):
    ...     print(c.claims)
    ('monthly-desertions-30k', 'october-desertions-21600')
    ('monthly-desertions-30k', 'ytd-desertions-180k')
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from kg.model import Claim, Dataset, Quantity

__all__ = [
    "APPROXIMATE",
    "CALENDAR_SLACK",
    "UP_TO_FLOOR",
    "DetectedContradiction",
    "Reading",
    "detect_contradictions",
    "reading",
]

#: "about X" reads as X plus or minus this share.
APPROXIMATE = 0.10
#: "up to X" reads as a value that reaches at least this share of X.
UP_TO_FLOOR = 0.80
#: Slack when converting between time units (months and years differ in length).
CALENDAR_SLACK = 0.02
_DAYS = {"day": 1.0, "week": 7.0, "month": 365.2425 / 12, "year": 365.2425}
_OPEN_START = dt.date.min
_OPEN_END = dt.date.max


@dataclass(frozen=True)
class Reading:
    """How a quantity claim is read: an interval, per time unit if a rate, over a period."""

    low: float
    high: float
    per: str | None
    start: dt.date
    end: dt.date
    words: str

    @property
    def days(self) -> float:
        """Length of the period in days, counting both ends."""
        return float((self.end - self.start).days + 1)


@dataclass(frozen=True)
class DetectedContradiction:
    """Two claims whose figures cannot both hold, and why, in numbers."""

    claims: tuple[str, str]
    reason: str


def _range(low: float, high: float) -> str:
    return _n(low) if math.isclose(low, high) else f"{_n(low)}-{_n(high)}"


def _n(x: float) -> str:
    if math.isinf(x):
        return "infinity"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.4g}"


def _period(start: dt.date, end: dt.date) -> str:
    a = "an open start" if start == _OPEN_START else start.isoformat()
    b = "an open end" if end == _OPEN_END else end.isoformat()
    return f"{a} to {b}"


def reading(q: Quantity) -> Reading:
    """The interval a quantity claim stands for (see the module's table)."""
    if q.value is not None:
        spread = APPROXIMATE * abs(q.value) if q.approximate else 0.0
        low, high = q.value - spread, q.value + spread
        words = f"about {_n(q.value)}" if q.approximate else _n(q.value)
    elif q.min_value is not None and q.max_value is not None:
        low, high = q.min_value, q.max_value
        words = f"{_n(low)} to {_n(high)}"
    elif q.max_value is not None:
        low, high = UP_TO_FLOOR * q.max_value, q.max_value
        words = f"up to {_n(high)}, read as {_n(low)}-{_n(high)}"
    else:
        assert q.min_value is not None
        low, high = q.min_value, math.inf
        words = f"over {_n(low)}"
    return Reading(low, high, q.per, q.period_start or _OPEN_START, q.period_end or _OPEN_END,
                   words + (f" per {q.per}" if q.per else ""))


def _key(q: Quantity) -> tuple[str, str]:
    unit = (q.unit or "").strip().casefold()
    return " ".join(q.measure.casefold().split()), unit.removesuffix("s")


def _meet(low: float, high: float, other_low: float, other_high: float, *, slack: bool) -> bool:
    """Do two intervals overlap, allowing for calendar slack after a unit conversion?"""
    if slack:
        low, high = low * (1 - CALENDAR_SLACK), high * (1 + CALENDAR_SLACK)
    return low <= other_high and other_low <= high


def _overlap(a: Reading, b: Reading) -> bool:
    return a.start <= b.end and b.start <= a.end


def _compare(a: Claim, ra: Reading, b: Claim, rb: Reading) -> str | None:
    """Why ``a`` and ``b`` contradict, or None."""
    if ra.per and rb.per:
        if not _overlap(ra, rb):
            return None
        scale = _DAYS[rb.per] / _DAYS[ra.per]  # b's figures in a's time unit
        low, high = rb.low / scale, rb.high / scale
        if _meet(low, high, ra.low, ra.high, slack=ra.per != rb.per):
            return None
        return (f"both are rates over overlapping periods: {ra.words} against {rb.words}"
                f" ({_range(low, high)} per {ra.per}); the ranges do not overlap")
    if ra.per or rb.per:
        rate, count, rate_claim, count_claim = (ra, rb, a, b) if ra.per else (rb, ra, b, a)
        if count.start == _OPEN_START or count.end == _OPEN_END:
            return None  # a count needs a closed period to become a rate
        if not (rate.start <= count.start and count.end <= rate.end):
            return None
        assert rate.per is not None
        units = count.days / _DAYS[rate.per]
        low, high = count.low / units, count.high / units
        if _meet(low, high, rate.low, rate.high, slack=True):
            return None
        side = "below" if high < rate.low else "above"
        bound = rate.low if high < rate.low else rate.high
        return (f"\u201c{rate_claim.id}\u201d says {rate.words} from "
                f"{_period(rate.start, rate.end)}; \u201c{count_claim.id}\u201d says {count.words}"
                f" over {_period(count.start, count.end)} ({count.days:.0f} days = "
                f"{units:.2f} {rate.per}s), i.e. {_range(low, high)} per {rate.per}, "
                f"{side} {_n(bound)}: the figures cannot both hold")
    if ra.start == rb.start and ra.end == rb.end:
        if ra.low <= rb.high and rb.low <= ra.high:
            return None
        return (f"both count over {_period(ra.start, ra.end)}: {ra.words} against {rb.words};"
                " the ranges do not overlap")
    inner, outer, ic, oc = (ra, rb, a, b) if rb.start <= ra.start and ra.end <= rb.end else (
        rb, ra, b, a)
    if not (outer.start <= inner.start and inner.end <= outer.end):
        return None
    if inner.low <= outer.high:
        return None
    return (f"\u201c{ic.id}\u201d counts at least {_n(inner.low)} over "
            f"{_period(inner.start, inner.end)}, more than the at most {_n(outer.high)} that "
            f"\u201c{oc.id}\u201d counts over the longer period {_period(outer.start, outer.end)}")


def detect_contradictions(ds: Dataset) -> list[DetectedContradiction]:
    """Every pair of quantity claims whose figures cannot both hold.

    Args:
        ds: The dataset.

    Returns:
        The contradictions, each pair once with its ids sorted, sorted by pair.
        Pairs an analyst already stated are included too (the engine merges them).
    """
    groups: dict[tuple[str, str], list[tuple[Claim, Reading]]] = defaultdict(list)
    for claim in ds.claims:
        if claim.quantity is not None:
            groups[_key(claim.quantity)].append((claim, reading(claim.quantity)))
    found = []
    for members in groups.values():
        for (a, ra), (b, rb) in _pairs(members):
            reason = _compare(a, ra, b, rb)
            if reason is not None:
                pair = tuple(sorted((a.id, b.id)))
                found.append(DetectedContradiction((pair[0], pair[1]), reason))
    return sorted(found, key=lambda c: c.claims)


def _pairs(members: list[tuple[Claim, Reading]]) -> Iterator[tuple[tuple[Claim, Reading], ...]]:
    for i, first in enumerate(members):
        for second in members[i + 1:]:
            yield first, second
