"""Figures as the views and the report show them: every figure of a claim, with its kind.

A claim may hold several figures (``quantity`` and ``quantities``), each of a
kind (:class:`kg.quantities.QuantityKind`, given or inferred). The views list
every one, in words a reader knows: its kind, the figure as the engine reads it
(rounding, "about", "up to"), what it counts and when.

Examples:
    >>> from kg.model import Quantity
    >>> figure_text(Quantity(measure="residents", unit="person", value=18_000_000))
    'count over a period: 18,000,000 (as rounded, 17,500,000-18,500,000) person \u2014 residents'
    >>> figure_text(Quantity(measure="support", unit="percent", value=42, of="voters",
    ...                      period_start="2025-03-01", period_end="2025-03-31"))
    'percentage: 42% of voters \u2014 support; 2025-03-01 to 2025-03-31'
    >>> figure_short(Quantity(measure="cases", value=255_000, approximate=True))
    'about 255,000 (count)'
"""

from __future__ import annotations

from kg.credibility.comparison import reading
from kg.model import Claim, Quantity
from kg.quantities import QuantityKind, effective_kind

__all__ = ["KIND_WORDS", "SHORT_KIND", "figure_short", "figure_text", "figures_of"]

#: A kind of quantity in words.
KIND_WORDS: dict[QuantityKind, str] = {
    QuantityKind.FLOW: "count over a period",
    QuantityKind.STOCK: "count at a date",
    QuantityKind.RATE: "rate",
    QuantityKind.PER_CAPITA: "rate per population",
    QuantityKind.SHARE: "percentage",
    QuantityKind.CHANGE: "change",
    QuantityKind.MONEY: "money",
    QuantityKind.FORECAST: "forecast",
    QuantityKind.VAGUE: "vague amount",
}
#: The same, in one word, for labels.
SHORT_KIND: dict[QuantityKind, str] = {
    QuantityKind.FLOW: "count", QuantityKind.STOCK: "at a date", QuantityKind.RATE: "rate",
    QuantityKind.PER_CAPITA: "rate", QuantityKind.SHARE: "share",
    QuantityKind.CHANGE: "change", QuantityKind.MONEY: "money",
    QuantityKind.FORECAST: "forecast", QuantityKind.VAGUE: "vague",
}
_PERCENT = {"percent", "%", "per cent", "percentage"}


def _value(q: Quantity, kind: QuantityKind) -> str:
    words = reading(q, kind=kind).words
    if kind is QuantityKind.SHARE and (q.unit or "").casefold() in _PERCENT:
        # "42" -> "42%"; "42 (as rounded, 41.5-42.5)" -> "42% (as rounded, ...)"
        head, sep, rest = words.partition(" (")
        words = head + "%" + sep + rest
    return words


def _when(q: Quantity) -> str:
    if q.as_of is not None:
        return f"on {q.as_of.isoformat()}"
    if q.period_start is None and q.period_end is None:
        return ""
    a = q.period_start.isoformat() if q.period_start else "an open start"
    b = q.period_end.isoformat() if q.period_end else "an open end"
    return f"{a} to {b}"


def figure_text(q: Quantity) -> str:
    """One figure in words: its kind, the figure as read, its unit, measure and period."""
    kind = effective_kind(q)
    head = _value(q, kind)
    if kind is QuantityKind.MONEY and q.currency:
        head += f" {q.currency}"
    elif q.unit and not (kind is QuantityKind.SHARE and q.unit.casefold() in _PERCENT):
        head += f" {q.unit}"
    if q.of:
        head += f" of {q.of}"
    if q.reference:
        head += f" against {q.reference}"
    extra = [_when(q)]
    if q.cumulative:
        extra.append("cumulative")
    if q.forecaster or q.made_on:
        extra.append("forecast" + (f" by {q.forecaster}" if q.forecaster else "")
                     + (f" made on {q.made_on.isoformat()}" if q.made_on else ""))
    if q.exact:
        extra.append("exact")
    tail = "; ".join(x for x in extra if x)
    return f"{KIND_WORDS[kind]}: {head} \u2014 {q.measure}" + (f"; {tail}" if tail else "")


def figure_short(q: Quantity) -> str:
    """One figure for a label: the figure as stated, and its kind in a word."""
    kind = effective_kind(q)
    words = _value(q, kind).split(" (as rounded")[0].split(", read as")[0]
    return f"{words} ({SHORT_KIND[kind]})"


def figures_of(claim: Claim) -> list[str]:
    """Every figure of a claim in words (:func:`figure_text`), in the claim's order."""
    return [figure_text(q) for q in claim.all_quantities]
