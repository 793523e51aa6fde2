"""Kinds of quantity, and how a figure is read: its kind, its rounding, its measure key.

Real reporting gives figures of many kinds, and the engine compares two figures
only when their kinds allow it (:mod:`kg.credibility.comparison`). A
:class:`~kg.model.Quantity` may name its ``kind``; without one, the kind is
inferred (:func:`effective_kind`) from what the quantity says:

============  ==========================================  ===============================
kind          what it is                                  inferred when
============  ==========================================  ===============================
flow          a count over a period ("21,600 in October")  nothing else applies (today's
                                                          bounded count)
stock         a count at a date ("350,000 on active duty") ``as_of`` is given
rate          a count per unit of time ("30,000 a month")  ``per`` is given
per_capita    a rate per population ("300 per 100,000")    ``per_population`` is given
share         a percentage or share of a base              unit is percent / % / share
change        a change or ratio against a reference        unit is ratio, times, fold,
              ("fourfold", "up 3 points")                  percentage point(s); or
                                                          ``reference`` / ``change``
money         an amount in a currency                     ``currency`` is given, or the
                                                          unit is a currency code/name
forecast      a forecast or estimate: who, when, for which ``forecaster`` or ``made_on``
              period                                      is given; "forecast",
                                                          "projection", "projected" in
                                                          the measure
vague         a word on an ordered scale ("thousands",     ``word`` is given
              "most") with no invented bounds
============  ==========================================  ===============================

**Rounding.** Every figure, whatever its kind, is read with the precision its
significant figures give it (:func:`rounding`): "18 million" (18,000,000) is
17.5-18.5 million, so it does not contradict the 18.2 million it rounds.

**Measure key.** Two figures are compared only when they measure the same
thing: the analyst's ``key`` if given, otherwise :func:`measure_key` of the
measure text (case, accents, punctuation, articles and plural endings do not
count), together with the unit's class (:func:`unit_class`): persons are never
compared with cases.

Examples:
    >>> rounding(18_000_000), rounding(18_200_000), rounding(195.0), rounding(3.3)
    (500000.0, 50000.0, 0.5, 0.05)
    >>> measure_key("The desertions from the Armed Forces of Ukraine")
    'desertion from armed force of ukraine'
    >>> unit_class("soldiers"), unit_class("person"), unit_class("criminal cases")
    ('person', 'person', 'case')
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Protocol

__all__ = [
    "CURRENCIES",
    "PERSON_UNITS",
    "VAGUE_SCALES",
    "Figure",
    "QuantityKind",
    "effective_kind",
    "measure_key",
    "rounding",
    "unit_class",
    "vague_rank",
]


class QuantityKind(StrEnum):
    """Kinds of quantity, each with its own comparison rules."""

    FLOW = "flow"
    STOCK = "stock"
    RATE = "rate"
    PER_CAPITA = "per_capita"
    SHARE = "share"
    CHANGE = "change"
    MONEY = "money"
    FORECAST = "forecast"
    VAGUE = "vague"


#: Units that count persons (people, soldiers, deserters...): one class, ``person``.
PERSON_UNITS = frozenset({
    "person", "people", "individual", "soldier", "deserter", "serviceman", "servicemen",
    "civilian", "man", "men", "woman", "women", "child", "children", "recruit",
    "conscript", "prisoner", "respondent", "voter", "worker", "resident", "refugee",
    "troop", "fighter", "death", "casualty", "casualtie", "victim", "inhabitant",
})
#: Currency codes and the names that stand for them.
CURRENCIES = {
    "usd": "USD", "$": "USD", "dollar": "USD", "us dollar": "USD", "eur": "EUR",
    "euro": "EUR", "\u20ac": "EUR", "rub": "RUB", "ruble": "RUB", "rouble": "RUB",
    "gbp": "GBP", "pound": "GBP", "\u00a3": "GBP", "uah": "UAH", "hryvnia": "UAH",
    "brl": "BRL", "real": "BRL", "reais": "BRL", "cny": "CNY", "yuan": "CNY",
    "jpy": "JPY", "yen": "JPY", "inr": "INR", "rupee": "INR", "chf": "CHF",
}
_SHARE_UNITS = frozenset({"percent", "%", "per cent", "percentage", "share", "proportion"})
_CHANGE_UNITS = frozenset({"ratio", "time", "times", "fold", "percentage point",
                           "percentage points", "point", "points", "pp"})
_FORECAST_WORDS = re.compile(r"\b(forecasts?|projections?|projected|outlook)\b")

#: Ordered word scales for vague amounts: a word's rank is its place on its scale.
#: "few" < "several" < "dozens" < ... on the magnitude scale; "none" < ... < "all"
#: on the proportion scale. No numeric bounds are invented for them.
VAGUE_SCALES: dict[str, tuple[tuple[str, ...], ...]] = {
    "magnitude": (("a few", "few"), ("several", "some"), ("dozens", "scores"),
                  ("hundreds",), ("thousands",), ("tens of thousands",),
                  ("hundreds of thousands",), ("millions",), ("billions",)),
    "proportion": (("none", "no"), ("few", "a few", "a minority", "minority"),
                   ("some", "many"), ("half", "about half"),
                   ("most", "a majority", "majority"), ("almost all", "nearly all"),
                   ("all", "every")),
}
_ARTICLES = frozenset({"the", "a", "an"})


def vague_rank(word: str, scale: str | None = None) -> tuple[str, int] | None:
    """The scale and rank of a vague word, or None if it is on no scale.

    Examples:
        >>> vague_rank("Thousands"), vague_rank("most")
        (('magnitude', 4), ('proportion', 4))
    """
    w = " ".join(word.casefold().split())
    for name, steps in VAGUE_SCALES.items():
        if scale is not None and name != scale:
            continue
        for rank, words in enumerate(steps):
            if w in words:
                return name, rank
    return None


def rounding(x: float) -> float:
    """Half the unit of the last significant digit of a figure: its rounding.

    Trailing zeros of a whole number are read as not significant ("170,000" is
    two significant figures), so the figure stands for ``x`` plus or minus this.
    """
    x = float(x)
    if x == 0 or not math.isfinite(x):
        return 0.0
    if x.is_integer() and abs(x) < 1e15:  # the common case, without Decimal
        n, exponent = int(abs(x)), 0
        while n % 10 == 0:
            n //= 10
            exponent += 1
        return 0.5 * 10.0 ** exponent
    d = Decimal(repr(abs(x))).normalize()
    last = d.as_tuple().exponent
    assert isinstance(last, int)
    return float(Decimal(5) * Decimal(10) ** (last - 1))


@lru_cache(maxsize=65536)
def measure_key(measure: str) -> str:
    """The documented normaliser of measure texts: what decides that two figures compare.

    Unicode is folded (NFKC, case, accents dropped), punctuation becomes space,
    the articles "the", "a", "an" are dropped and a plural "s" is taken off each
    word of more than three letters (not "ss"); spaces are collapsed.
    """
    text = unicodedata.normalize("NFKD", measure.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\u2019']s\b", "", text)
    words = []
    for w in re.split(r"[^\w%$\u20ac\u00a3]+", text):
        if not w or w in _ARTICLES:
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        words.append(w)
    return " ".join(words)


@lru_cache(maxsize=4096)
def unit_class(unit: str | None) -> str:
    """The class of a unit: persons are one class, each currency one, cases one, etc.

    Examples:
        >>> unit_class("US dollars"), unit_class(None), unit_class("percentage points")
        ('USD', '', 'point')
    """
    if unit is None:
        return ""
    u = " ".join(unit.casefold().split())
    if u in CURRENCIES:
        return CURRENCIES[u]
    if u.rstrip("s") in CURRENCIES:
        return CURRENCIES[u.rstrip("s")]
    if u in _SHARE_UNITS:
        return "percent"
    if u in ("percentage point", "percentage points", "point", "points", "pp"):
        return "point"
    if u in ("ratio", "time", "times", "fold"):
        return "ratio"
    words = u.split()
    head = words[-1] if words else u
    for w in (u, head):
        singular = w[:-1] if w.endswith("s") and not w.endswith("ss") else w
        if w in PERSON_UNITS or singular in PERSON_UNITS:
            return "person"
    if head.startswith("case"):
        return "case"
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


@lru_cache(maxsize=4096)
def _forecast_measure(measure: str) -> bool:
    return _FORECAST_WORDS.search(measure.casefold()) is not None


@lru_cache(maxsize=4096)
def _unit_kind(unit: str | None) -> QuantityKind | None:
    if unit is None:
        return None
    u = " ".join(unit.casefold().split())
    if u in _SHARE_UNITS:
        return QuantityKind.SHARE
    if u in _CHANGE_UNITS:
        return QuantityKind.CHANGE
    if u in CURRENCIES or u.rstrip("s") in CURRENCIES:
        return QuantityKind.MONEY
    return None


class Figure(Protocol):
    """What :func:`effective_kind` reads of a quantity (:class:`kg.model.Quantity` has it).

    This module sits below the model, so it names the fields it needs instead of
    importing the model.
    """

    @property
    def measure(self) -> str: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def kind(self) -> QuantityKind | None: ...
    @property
    def word(self) -> str | None: ...
    @property
    def forecaster(self) -> str | None: ...
    @property
    def made_on(self) -> dt.date | None: ...
    @property
    def per_population(self) -> float | None: ...
    @property
    def per(self) -> str | None: ...
    @property
    def reference(self) -> str | None: ...
    @property
    def change(self) -> str | None: ...
    @property
    def currency(self) -> str | None: ...
    @property
    def as_of(self) -> dt.date | None: ...


def effective_kind(q: Figure) -> QuantityKind:
    """The kind of a quantity: its own, or the one its fields, unit and measure say.

    Examples:
        >>> from kg.model import Quantity
        >>> effective_kind(Quantity(measure="approval", unit="percent", value=42))
        <QuantityKind.SHARE: 'share'>
        >>> effective_kind(Quantity(measure="IMF projection of growth", unit="percent", value=3.6))
        <QuantityKind.FORECAST: 'forecast'>
        >>> effective_kind(Quantity(measure="desertions", value=21600))
        <QuantityKind.FLOW: 'flow'>
    """
    if q.kind is not None:
        return q.kind
    if q.word is not None:
        return QuantityKind.VAGUE
    if q.forecaster is not None or q.made_on is not None:
        return QuantityKind.FORECAST
    if _forecast_measure(q.measure):
        return QuantityKind.FORECAST
    if q.per_population is not None:
        return QuantityKind.PER_CAPITA
    if q.per is not None:
        return QuantityKind.RATE
    if q.reference is not None or q.change is not None:
        return QuantityKind.CHANGE
    if q.currency is not None:
        return QuantityKind.MONEY
    by_unit = _unit_kind(q.unit)
    if by_unit is not None:
        return by_unit
    if q.as_of is not None:
        return QuantityKind.STOCK
    return QuantityKind.FLOW


#: Words of a measure that can fall below zero (a count cannot).
SIGNED_WORDS = frozenset({"change", "growth", "net", "balance", "difference", "deficit",
                          "surplus", "temperature", "inflation", "return", "margin", "shift"})


def may_be_negative(measure: str, unit: str | None, kind: QuantityKind | None,
                    change: str | None) -> bool:
    """Whether a figure of this measure may be negative: a change, or a signed measure.

    Examples:
        >>> may_be_negative("GDP growth", "percent", None, None)
        True
        >>> may_be_negative("deserters", None, None, None)
        False
    """
    if kind is QuantityKind.CHANGE or change is not None:
        return True
    words = set(re.findall(r"[a-z]+", f"{measure} {unit or ''}".lower()))
    return bool(words & SIGNED_WORDS)
