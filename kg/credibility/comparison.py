"""Which figures compare, and how: the rules behind detected contradictions.

Each quantity of a claim is read as an interval (:func:`reading`); a figure is
widened by its rounding (:func:`kg.quantities.rounding`) unless marked ``exact``,
and by "about" (10%); a bound is read as stated (it is the speaker's threshold):

=====================  ====================================  =================================
what the figure gives  reading                               interval
=====================  ====================================  =================================
value                  a figure, as rounded (r: its rounding)  [v - r, v + r] (r = 0 if exact)
value, approximate     "about", "around", "approximately"    [v - 10% v, v + 10% v]
max_value alone        "up to": the speaker says it reaches   [80% of max, max]
min_value alone        "over", "more than", "thousands"      [min, infinity)
min_value, max_value   "between"                             [min, max]
=====================  ====================================  =================================

Two figures are compared only within one *comparable measure*: the same measure
key (the analyst's ``key`` or :func:`kg.quantities.measure_key`), the same unit
class (persons are never compared with cases) and a family of kinds that can
meet. Then by kind (see :func:`compare_pair`):

============  ===============  =============================================================
kind          compares with    how
============  ===============  =============================================================
flow          flow, rate       same period: ranges overlap; a sub-period's count cannot
                               exceed the whole period's; a closed period inside a rate's
                               period becomes a rate (days / 30.44 a month)
rate          rate, flow       overlapping periods: ranges overlap in one time unit
stock         stock            same date: ranges overlap; a cumulative stock cannot fall
share         share            same base (``of``) and same period only: shares do not add
per_capita    per_capita       same population and period, converted to one base
change        change           same reference, same ratio/difference, same period
money         money            same currency (or one converted at a rate the text gives),
                               same period
forecast      forecast         same forecaster, vintage and target period; the same
                               forecaster at another vintage is a *revision*, not a
                               contradiction; never with outcomes
vague         vague, numbers   words on one scale two steps apart contradict; a number only
                               against the meaning of the word ("most" is over half)
============  ===============  =============================================================

A period open at both ends ("period unknown") compares with nothing: the pair
is listed as not comparable, and is no contradiction. Stocks and flows never
compare with each other.

Examples:
    >>> from kg.seed import seed_dataset
    >>> for c in compare(seed_dataset()).contradictions:
    ...     print(c.claims)
    ('monthly-desertions-30k', 'october-desertions-21600')
    ('monthly-desertions-30k', 'ytd-desertions-180k')
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from kg.model import Claim, Dataset, Quantity
from kg.quantities import (
    QuantityKind,
    effective_kind,
    measure_key,
    rounding,
    unit_class,
    vague_rank,
)

__all__ = [
    "APPROXIMATE",
    "CALENDAR_SLACK",
    "UP_TO_FLOOR",
    "Comparison",
    "DetectedContradiction",
    "PairNote",
    "Reading",
    "compare",
    "compare_pair",
    "reading",
]

#: "about X" reads as X plus or minus this share.
APPROXIMATE = 0.10
#: "up to X" reads as a value that reaches at least this share of X.
UP_TO_FLOOR = 0.80
#: Slack when converting between time units (months and years differ in length).
CALENDAR_SLACK = 0.02
_DAYS = {"day": 1.0, "week": 7.0, "month": 365.2425 / 12, "year": 365.2425}
OPEN_START = dt.date.min
OPEN_END = dt.date.max
K = QuantityKind
_COUNTS = frozenset({K.FLOW, K.RATE, K.STOCK})
#: What each vague word means, where its meaning gives a bound (no bound is invented):
#: a plural of a magnitude is at least two of it; proportions are of 100.
_WORD_BOUNDS: dict[str, tuple[float, float]] = {
    "dozens": (24, math.inf), "scores": (40, math.inf), "hundreds": (200, math.inf),
    "thousands": (2000, math.inf), "tens of thousands": (20_000, math.inf),
    "hundreds of thousands": (200_000, math.inf), "millions": (2e6, math.inf),
    "billions": (2e9, math.inf), "none": (0, 0), "no": (0, 0), "half": (45, 55),
    "about half": (45, 55), "most": (50.000001, 100), "a majority": (50.000001, 100),
    "majority": (50.000001, 100), "a minority": (0, 49.999999), "minority": (0, 49.999999),
    "all": (100, 100), "every": (100, 100),
}


@dataclass(frozen=True)
class DetectedContradiction:
    """Two claims whose figures cannot both hold, and why, in numbers."""

    claims: tuple[str, str]
    reason: str


@dataclass(frozen=True)
class PairNote:
    """Two claims that were not compared (and why), or a forecast revised."""

    claims: tuple[str, str]
    reason: str


@dataclass(frozen=True)
class Comparison:
    """What comparing every comparable pair of figures found."""

    contradictions: list[DetectedContradiction] = field(default_factory=list)
    revisions: list[PairNote] = field(default_factory=list)
    not_comparable: list[PairNote] = field(default_factory=list)


@dataclass(frozen=True)
class Reading:
    """How a figure is read: an interval, its kind, its period and what it compares within."""

    low: float
    high: float
    per: str | None
    start: dt.date
    end: dt.date
    given_words: str | None = None
    kind: QuantityKind = K.FLOW
    group: tuple[str, ...] = ()
    quantity: Quantity | None = None
    forecaster: frozenset[str] = frozenset()
    made_on: dt.date | None = None

    @property
    def words(self) -> str:
        """The figure in words, as read ("about 180,000", "up to 30,000, read as ...")."""
        if self.given_words is not None:
            return self.given_words
        assert self.quantity is not None
        words = _interval(self.quantity)[2]
        if self.kind is K.PER_CAPITA and self.quantity.per_population:
            words += f" per {_n(self.quantity.per_population)}"
        return words + (f" per {self.per}" if self.per else "")

    @property
    def days(self) -> float:
        """Length of the period in days, counting both ends."""
        return float((self.end - self.start).days + 1)

    @property
    def unknown_period(self) -> bool:
        """Open at both ends: nothing bounds when it holds."""
        return self.start == OPEN_START and self.end == OPEN_END

    @property
    def closed(self) -> bool:
        """Both ends given."""
        return self.start != OPEN_START and self.end != OPEN_END


def _range(low: float, high: float) -> str:
    return _n(low) if math.isclose(low, high) else f"{_n(low)}-{_n(high)}"


def _n(x: float) -> str:
    if math.isinf(x):
        return "infinity"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.4g}"


def _period(start: dt.date, end: dt.date) -> str:
    if start == end and start not in (OPEN_START, OPEN_END):
        return start.isoformat()
    a = "an open start" if start == OPEN_START else start.isoformat()
    b = "an open end" if end == OPEN_END else end.isoformat()
    return f"{a} to {b}"


def _bounds(q: Quantity) -> tuple[float, float]:
    """The interval of a figure, without the words (the fast path of :func:`_interval`)."""
    if q.value is not None:
        spread = APPROXIMATE * abs(q.value) if q.approximate else (
            0.0 if q.exact else rounding(q.value))
        return q.value - spread, q.value + spread
    if q.min_value is not None:
        return q.min_value, math.inf if q.max_value is None else q.max_value
    if q.max_value is not None:
        return UP_TO_FLOOR * q.max_value, q.max_value
    return _WORD_BOUNDS.get(" ".join((q.word or "").casefold().split()),
                            (-math.inf, math.inf))


def _interval(q: Quantity) -> tuple[float, float, str]:
    if q.value is not None:
        r = 0.0 if q.exact else rounding(q.value)
        spread = APPROXIMATE * abs(q.value) if q.approximate else r
        words = f"about {_n(q.value)}" if q.approximate else _n(q.value)
        if spread and not q.approximate and r >= 1:
            words += f" (as rounded, {_n(q.value - spread)}-{_n(q.value + spread)})"
        return q.value - spread, q.value + spread, words
    if q.min_value is not None and q.max_value is not None:
        return q.min_value, q.max_value, f"{_n(q.min_value)} to {_n(q.max_value)}"
    if q.max_value is not None:
        low = UP_TO_FLOOR * q.max_value
        return low, q.max_value, f"up to {_n(q.max_value)}, read as {_n(low)}-{_n(q.max_value)}"
    if q.min_value is not None:
        return q.min_value, math.inf, f"over {_n(q.min_value)}"
    assert q.word is not None
    low, high = _WORD_BOUNDS.get(" ".join(q.word.casefold().split()), (-math.inf, math.inf))
    return low, high, f"\u201c{q.word}\u201d"


def _group(q: Quantity, kind: QuantityKind) -> tuple[str, ...]:
    key = measure_key(q.key) if q.key is not None else measure_key(q.measure)
    unit = unit_class(q.unit)
    if kind is K.VAGUE:
        scale = vague_rank(q.word or "")
        family = "share" if scale is not None and scale[0] == "proportion" else "count"
        if family == "share":
            unit = "percent"
        return (family, key, unit, measure_key(q.of) if q.of else "")
    if kind in _COUNTS:
        return ("count", key, unit, "")
    if kind is K.SHARE:
        return ("share", key, "percent", measure_key(q.of) if q.of else "")
    if kind is K.PER_CAPITA:
        return ("per_capita", key, unit, measure_key(q.of) if q.of else "")
    if kind is K.CHANGE:
        change = q.change or ("difference" if unit == "point" else "ratio")
        return ("change", key, change, measure_key(q.reference) if q.reference else "")
    if kind is K.MONEY:
        return ("money", key, "", "")
    return ("forecast", key, unit, "")


def reading(q: Quantity, *, forecaster: frozenset[str] = frozenset(),
            made_on: dt.date | None = None, kind: QuantityKind | None = None) -> Reading:
    """The reading of a figure (see the module's table)."""
    kind = kind or effective_kind(q)
    low, high = _bounds(q)
    if kind is K.PER_CAPITA and q.per_population:
        low, high = low / q.per_population, high / q.per_population
    start, end = q.period_start or OPEN_START, q.period_end or OPEN_END
    if kind is K.STOCK and q.as_of is not None:
        start = end = q.as_of
    if q.forecaster is not None:
        forecaster = frozenset({q.forecaster})
    return Reading(low, high, q.per, start, end, None, kind, _group(q, kind), q, forecaster,
                   q.made_on or made_on)


def _meet(low: float, high: float, other_low: float, other_high: float, *, slack: bool) -> bool:
    if slack:
        low, high = low * (1 - CALENDAR_SLACK), high * (1 + CALENDAR_SLACK)
    return low <= other_high and other_low <= high


def _overlap(a: Reading, b: Reading) -> bool:
    return a.start <= b.end and b.start <= a.end


def _same_period(ra: Reading, rb: Reading) -> bool:
    return ra.start == rb.start and ra.end == rb.end


def _counts(a: Claim, ra: Reading, b: Claim, rb: Reading) -> str | None:
    """Flows and rates: the rules of the count family."""
    if ra.per and rb.per:
        if not _overlap(ra, rb):
            return None
        scale = _DAYS[rb.per] / _DAYS[ra.per]
        low, high = rb.low / scale, rb.high / scale
        if _meet(low, high, ra.low, ra.high, slack=ra.per != rb.per):
            return None
        return (f"both are rates over overlapping periods: {ra.words} against {rb.words}"
                f" ({_range(low, high)} per {ra.per}); the ranges do not overlap")
    if ra.per or rb.per:
        rate, count, rate_claim, count_claim = (ra, rb, a, b) if ra.per else (rb, ra, b, a)
        if not count.closed or not (rate.start <= count.start and count.end <= rate.end):
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
    if _same_period(ra, rb):
        if ra.low <= rb.high and rb.low <= ra.high:
            return None
        return (f"both count over {_period(ra.start, ra.end)}: {ra.words} against {rb.words};"
                " the ranges do not overlap")
    inner, outer, ic, oc = (ra, rb, a, b) if rb.start <= ra.start and ra.end <= rb.end else (
        rb, ra, b, a)
    if not (outer.closed and outer.start <= inner.start and inner.end <= outer.end):
        return None
    if inner.low <= outer.high:
        return None
    return (f"\u201c{ic.id}\u201d counts at least {_n(inner.low)} over "
            f"{_period(inner.start, inner.end)}, more than the at most {_n(outer.high)} that "
            f"\u201c{oc.id}\u201d counts over the longer period {_period(outer.start, outer.end)}")


def _stocks(a: Claim, ra: Reading, b: Claim, rb: Reading) -> str | None:
    if ra.end == rb.end:
        if ra.low <= rb.high and rb.low <= ra.high:
            return None
        return (f"both give the stock at {_period(ra.end, ra.end)}: {ra.words} against "
                f"{rb.words}; the ranges do not overlap")
    assert ra.quantity is not None and rb.quantity is not None
    if not (ra.quantity.cumulative and rb.quantity.cumulative):
        return None
    early, late, ec, lc = (ra, rb, a, b) if ra.end < rb.end else (rb, ra, b, a)
    if early.low <= late.high:
        return None
    return (f"a cumulative count cannot fall: \u201c{ec.id}\u201d has at least {_n(early.low)} "
            f"at {early.end.isoformat()}, \u201c{lc.id}\u201d at most {_n(late.high)} at the "
            f"later {late.end.isoformat()}")


def _vague(ra: Reading, rb: Reading) -> str | None:
    qa, qb = ra.quantity, rb.quantity
    assert qa is not None and qb is not None
    if qa.word is not None and qb.word is not None:
        wa, wb = vague_rank(qa.word), vague_rank(qb.word)
        if wa is None or wb is None or wa[0] != wb[0] or abs(wa[1] - wb[1]) < 2:
            return None
        return (f"\u201c{qa.word}\u201d and \u201c{qb.word}\u201d are two steps or more apart"
                f" on the {wa[0]} scale")
    if (math.isinf(ra.low) and math.isinf(ra.high)) or (
            math.isinf(rb.low) and math.isinf(rb.high)):
        return None  # a word whose meaning gives no bound
    if ra.low <= rb.high and rb.low <= ra.high:
        return None
    return f"{ra.words} against {rb.words}: the word's meaning and the figure do not meet"


def compare_pair(a: Claim, ra: Reading, b: Claim, rb: Reading) -> tuple[str, str] | None:
    """Compare two figures of one comparable measure.

    Returns:
        ``("contradiction", reason)``, ``("revision", reason)``,
        ``("not comparable", reason)``, or None when the figures agree or do not meet.
    """
    family = ra.group[0]
    if ra.unknown_period or rb.unknown_period:
        which = a.id if ra.unknown_period else b.id
        return ("not comparable", f"not comparable: period unknown (\u201c{which}\u201d gives no "
                "date)")
    if K.VAGUE in (ra.kind, rb.kind):
        if not _same_period(ra, rb) and not (family == "count" and _overlap(ra, rb)):
            return None
        why = _vague(ra, rb)
        return None if why is None else ("contradiction", f"over {_period(ra.start, ra.end)}: "
                                         + why)
    if family == "count":
        if (ra.kind is K.STOCK) != (rb.kind is K.STOCK):
            return None  # a count at a date against a count over a period
        why = _stocks(a, ra, b, rb) if ra.kind is K.STOCK else _counts(a, ra, b, rb)
        return None if why is None else ("contradiction", why)
    if family == "forecast":
        return _forecasts(a, ra, b, rb)
    if not _same_period(ra, rb):
        return None  # shares, rates per population, changes and prices do not add up
    low, high = rb.low, rb.high
    note = ""
    if family == "money":
        qa, qb = ra.quantity, rb.quantity
        assert qa is not None and qb is not None
        ca, cb = qa.currency or unit_class(qa.unit), qb.currency or unit_class(qb.unit)
        if ca != cb:
            rate = _rate(qa, cb) or (1 / r if (r := _rate(qb, ca)) else None)
            if rate is None:
                return ("not comparable", f"not comparable: {ca} against {cb}, and the text "
                        "gives no exchange rate")
            low, high = low / rate, high / rate
            note = f" ({_range(low, high)} {ca} at the rate given)"
    if ra.low <= high and low <= ra.high:
        return None
    what = {"share": "shares of the same base", "per_capita": "rates per population",
            "change": "changes against the same reference", "money": "amounts"}[family]
    return ("contradiction", f"both are {what} over {_period(ra.start, ra.end)}: {ra.words} "
            f"against {rb.words}{note}; the ranges do not overlap")


def _rate(q: Quantity, to: str) -> float | None:
    if q.exchange_rate is not None and q.exchange_currency is not None and unit_class(
            q.exchange_currency) == to:
        return q.exchange_rate
    return None


def _forecasts(a: Claim, ra: Reading, b: Claim, rb: Reading) -> tuple[str, str] | None:
    if not _same_period(ra, rb) or not (ra.forecaster & rb.forecaster):
        return None  # different target periods, or two forecasters disagreeing: no fact
    agree = ra.low <= rb.high and rb.low <= ra.high
    if ra.made_on is not None and rb.made_on is not None and ra.made_on != rb.made_on:
        if agree:
            return None
        old, new = (ra, rb) if ra.made_on < rb.made_on else (rb, ra)
        return ("revision", f"a revision, not a contradiction: the forecast for "
                f"{_period(ra.start, ra.end)} went from {old.words} (made "
                f"{old.made_on}) to {new.words} (made {new.made_on})")
    if agree:
        return None
    if ra.made_on is None or rb.made_on is None:
        return ("not comparable", "not comparable: forecast vintage unknown, so "
                f"{ra.words} against {rb.words} may be a revision")
    return ("contradiction", f"both give the forecast made {ra.made_on} for "
            f"{_period(ra.start, ra.end)}: {ra.words} against {rb.words}; the ranges do not "
            "overlap")


def _forecast_context(ds: Dataset, claims: list[Claim]) -> Mapping[
        str, tuple[frozenset[str], dt.date | None]]:
    """Who projects a forecast and when, where the quantity does not say: its origins."""
    wanted = {c.id for c in claims}
    sources: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, set[dt.date | None]] = defaultdict(set)
    report_date = {r.id: r.date for r in ds.reports}
    for x in ds.assertions:
        if x.claim in wanted and not x.relays:
            sources[x.claim].add(x.source)
            dates[x.claim].add(report_date.get(x.report) if x.report else None)
    out = {}
    for cid in wanted:
        ds_dates = dates.get(cid, set())
        made = next(iter(ds_dates)) if len(ds_dates) == 1 else None
        out[cid] = (frozenset(sources.get(cid, ())), made)
    return out


def readings(ds: Dataset) -> Iterator[tuple[Claim, Reading]]:
    """Every figure of every claim, read."""
    figures = [(c, q, effective_kind(q)) for c in ds.claims if c.quantity is not None
               for q in c.all_quantities]
    forecasts = {c.id: c for c, q, kind in figures
                 if kind is K.FORECAST and (q.forecaster is None or q.made_on is None)}
    context = _forecast_context(ds, list(forecasts.values())) if forecasts else {}
    for claim, q, kind in figures:
        if kind is K.FORECAST:
            who, when = context.get(claim.id, (frozenset(), None))
            yield claim, reading(q, forecaster=who, made_on=when, kind=kind)
        else:
            yield claim, reading(q, kind=kind)


def compare(ds: Dataset) -> Comparison:
    """Compare every pair of figures within each comparable measure.

    Returns:
        The contradictions, revisions and pairs not comparable, each pair of claims
        once with its ids sorted (the first reason found for a pair), sorted by pair.
    """
    groups: dict[tuple[str, ...], list[tuple[Claim, Reading]]] = defaultdict(list)
    for claim, r in readings(ds):
        groups[r.group].append((claim, r))
    found: dict[str, dict[tuple[str, str], str]] = {
        "contradiction": {}, "revision": {}, "not comparable": {}}
    for members in groups.values():
        if len(members) < 2:
            continue
        for i, (a, ra) in enumerate(members):
            for b, rb in members[i + 1:]:
                if a.id == b.id:
                    continue
                result = compare_pair(a, ra, b, rb)
                if result is None:
                    continue
                pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                found[result[0]].setdefault(pair, result[1])
    contradictions = found["contradiction"]
    return Comparison(
        [DetectedContradiction(p, r) for p, r in sorted(contradictions.items())],
        [PairNote(p, r) for p, r in sorted(found["revision"].items())],
        [PairNote(p, r) for p, r in sorted(found["not comparable"].items())
         if p not in contradictions])
