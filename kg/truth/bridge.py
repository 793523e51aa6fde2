"""From the credkg graph to truth discovery: quantitative claims as competing values.

Claims whose quantities measure the same thing, in the same unit, at the same
rate and over the same period are competing values of one *object*, keyed
``(measure, unit, per, period_start, period_end)``. Each origin assertion
(one that cites nobody) is an observation by its source; relays are left out,
so five outlets repeating one anonymous source count once, as the design's
independent-corroboration rule requires. The value is the quantity's
``value``, else the midpoint of ``min_value`` and ``max_value``, else the one
bound given.

Each source's kind (news outlet, anonymous source, ...) can serve as its group,
so that ACCU learns one prior accuracy per kind (:func:`source_groups`). The
learned trust can then be shown next to each source's reliability grade::

    d = discover(dataset_observations(ds), "accu", groups=source_groups(ds))
    for source in ds.sources:
        print(source.id, source.reliability, d.trust.get(source.id))

It reads the model by attribute name only (``sources``, ``claims``,
``assertions``; ``Claim.quantity``; ``Assertion.source/claim/cites``), so any
objects with those attributes work.

Examples:
    >>> from types import SimpleNamespace as NS
    >>> q = lambda v: NS(measure="desertions", unit=None, value=v, min_value=None,
    ...                  max_value=None, per="month", period_start=None, period_end=None)
    >>> ds = NS(claims=[NS(id="c1", quantity=q(30000.0)), NS(id="c2", quantity=q(21600.0))],
    ...         assertions=[NS(id="a1", source="gerasimov", claim="c1", cites=()),
    ...                     NS(id="a2", source="ria", claim="c1", cites=("a1",)),
    ...                     NS(id="a3", source="welt", claim="c2", cites=())])
    >>> dataset_observations(ds)
    [('gerasimov', ('desertions', None, 'month', None, None), 30000.0), ('welt', ('desertions', None, 'month', None, None), 21600.0)]
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
from typing import Any

__all__ = [
    "dataset_observations",
    "figure_observations",
    "measure_object",
    "quantity_key",
    "quantity_value",
    "source_groups",
]


def quantity_key(quantity: Any) -> tuple[Any, ...]:
    """The object a quantity is a value of: ``(measure, unit, per, period_start, period_end)``.

    Examples:
        >>> from types import SimpleNamespace as NS
        >>> quantity_key(NS(measure="deaths", unit="people"))
        ('deaths', 'people', None, None, None)
    """
    return tuple(
        getattr(quantity, name, None)
        for name in ("measure", "unit", "per", "period_start", "period_end")
    )


def quantity_value(quantity: Any) -> float | None:
    """The point value of a quantity: ``value``, else the bounds' midpoint, else the one bound.

    Examples:
        >>> from types import SimpleNamespace as NS
        >>> quantity_value(NS(value=None, min_value=10.0, max_value=20.0))
        15.0
        >>> quantity_value(NS(value=None, min_value=None, max_value=30000.0))
        30000.0
    """
    value = getattr(quantity, "value", None)
    if value is not None:
        return float(value)
    low = getattr(quantity, "min_value", None)
    high = getattr(quantity, "max_value", None)
    if low is not None and high is not None:
        return (float(low) + float(high)) / 2
    bound = low if low is not None else high
    return None if bound is None else float(bound)


def dataset_observations(dataset: Any) -> list[tuple[Any, tuple[Any, ...], float]]:
    """``(source, object, value)`` rows from a dataset's quantitative origin assertions.

    Args:
        dataset: A :class:`kg.model.Dataset`, or anything with ``claims`` and
            ``assertions`` shaped like it.

    Returns:
        One row per distinct (origin source, claim), in assertion order; claims
        without a quantity, or with no usable value, are left out.
    """
    quantities = {
        claim.id: claim.quantity
        for claim in getattr(dataset, "claims", ())
        if getattr(claim, "quantity", None) is not None
    }
    rows: list[tuple[Any, tuple[Any, ...], float]] = []
    seen: set[tuple[Any, Any]] = set()
    for assertion in getattr(dataset, "assertions", ()):
        if getattr(assertion, "cites", ()):
            continue
        quantity = quantities.get(assertion.claim)
        if quantity is None or (assertion.source, assertion.claim) in seen:
            continue
        value = quantity_value(quantity)
        if value is None:
            continue
        seen.add((assertion.source, assertion.claim))
        rows.append((assertion.source, quantity_key(quantity), value))
    return rows


def source_groups(dataset: Any) -> dict[Any, str]:
    """``source id -> kind`` for every source that has a kind, as ACCU's ``groups``.

    Examples:
        >>> from types import SimpleNamespace as NS
        >>> source_groups(NS(sources=[NS(id="ria", kind="news_outlet"), NS(id="x", kind=None)]))
        {'ria': 'news_outlet'}
    """
    return {
        s.id: str(getattr(s.kind, "value", s.kind))
        for s in getattr(dataset, "sources", ())
        if getattr(s, "kind", None) is not None
    }


def _number_text(x: float) -> str:
    """A number in shortest form: ``30000.0`` -> ``"30000"``, ``0.25`` -> ``"0.25"``."""
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


def _period_text(start: dt.date, end: dt.date) -> str:
    if start == dt.date.min and end == dt.date.max:
        return ""
    if start == end:
        return f" on {start}"
    low = "" if start == dt.date.min else str(start)
    high = "" if end == dt.date.max else str(end)
    return f" {low}..{high}"


def measure_object(reading: Any) -> str:
    """The object a figure is a value of, in words: what the engine compares within.

    The comparable measure of :mod:`kg.credibility.comparison` (its family, the
    measure key, the unit's class and what a share or change is of), the rate's
    time unit and the period: two figures are competing values exactly when
    these agree.

    Examples:
        >>> from kg.credibility.comparison import reading
        >>> from kg.model import Quantity
        >>> measure_object(reading(Quantity(measure="Desertions", value=30000, per="month",
        ...                                 unit="soldiers")))
        'desertion [person] per month'
    """
    family, key, unit, of = reading.group
    words = key if family == "count" else f"{family.replace('_', ' ')}: {key}"
    if unit:
        words += f" [{unit}]"
    if of:
        words += f" of {of}"
    if reading.per:
        words += f" per {reading.per}"
    return words + _period_text(reading.start, reading.end)


def figure_observations(dataset: Any) -> list[tuple[str, str, str]]:
    """``(source, measure, value)`` rows: each origin's figure, by comparable measure.

    Unlike :func:`dataset_observations`, the object is the engine's comparable
    measure (:func:`measure_object`: measure key, unit class, kind, rate and
    period), so "Desertions" and "desertion" of persons are one object, persons
    and cases two. A figure is a value of its object: the stated value, the
    middle of stated bounds, or the one bound; a rate per population is per one
    person. Vague words and forecasts are left out (no point value; forecasts
    of one period by different forecasters do not compete). Only origins count
    (an assertion that relays someone is not an independent voter), each
    (source, claim, figure) once.

    Args:
        dataset: A :class:`kg.model.Dataset`.

    Returns:
        Rows with the source id, the measure in words and the value as text in
        shortest form (``"30000"``), sorted.
    """
    from kg.credibility.comparison import readings
    from kg.quantities import QuantityKind

    figures: dict[str, list[tuple[str, str]]] = {}
    for claim, r in readings(dataset):
        if r.kind in (QuantityKind.VAGUE, QuantityKind.FORECAST) or r.quantity is None:
            continue
        value = quantity_value(r.quantity)
        if value is None:
            continue
        if r.kind is QuantityKind.PER_CAPITA and r.quantity.per_population:
            value /= r.quantity.per_population
        figures.setdefault(claim.id, []).append((measure_object(r), _number_text(value)))
    rows: set[tuple[str, str, str]] = set()
    for assertion in getattr(dataset, "assertions", ()):
        if getattr(assertion, "relays", getattr(assertion, "cites", ())):
            continue
        for measure, text in figures.get(assertion.claim, ()):
            rows.add((assertion.source, measure, text))
    return sorted(rows)
