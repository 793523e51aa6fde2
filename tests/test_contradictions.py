"""Contradictions detected from quantities, with the arithmetic checked."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.credibility.contradictions import detect_contradictions, reading
from kg.model import Claim, Dataset, Quantity
from kg.seed import seed_dataset


def test_seed_contradictions_are_found_from_quantities_alone() -> None:
    ds = seed_dataset()
    # remove every analyst-stated contradiction: detection must not need them
    bare = Dataset.model_validate({**ds.model_dump(), "claims": [
        {**c.model_dump(), "contradicts": []} for c in ds.claims]})
    assert all(not c.contradicts for c in bare.claims)
    found = {c.claims: c.reason for c in detect_contradictions(bare)}
    assert set(found) == {("monthly-desertions-30k", "october-desertions-21600"),
                          ("monthly-desertions-30k", "ytd-desertions-180k")}
    october = found[("monthly-desertions-30k", "october-desertions-21600")]
    # 21,600 (as rounded, 21,550-21,650) over the 31 days of October is 21,600 /
    # (31 / 30.436875) = 21,208 a month (21,159-21,257), below the 24,000 that "up to
    # 30,000" reaches at least
    assert "24,000-30,000 per month" in october
    assert "21,159-21,257 per month" in october and "below 24,000" in october
    ytd = found[("monthly-desertions-30k", "ytd-desertions-180k")]
    # 162,000-198,000 over 305 days (10.02 months): 16,166-19,759 a month
    assert "16,166-19,759 per month" in ytd


def test_different_measures_are_never_compared() -> None:
    pairs = {c.claims for c in detect_contradictions(seed_dataset())}
    assert not any("criminal-cases-160k" in p for p in pairs)
    assert not any("convicts-recruited" in p for p in pairs)


def q(**kw: object) -> Quantity:
    """A quantity over 2024 unless a period is given (or ``open=True``: no period).

    Figures are exact unless ``exact=False``: these rules are not about rounding.
    """
    kw.setdefault("exact", True)
    if kw.pop("open", False) is False and "period_start" not in kw and "period_end" not in kw:
        kw = {"period_start": dt.date(2024, 1, 1), "period_end": dt.date(2024, 12, 31), **kw}
    return Quantity.model_validate({"measure": "m", "unit": "person", **kw})


def claims(*quantities: Quantity) -> Dataset:
    return Dataset(claims=[Claim(id=f"c{i}", text="t", quantity=x)
                           for i, x in enumerate(quantities)])


D = dt.date


@pytest.mark.parametrize(("a", "b", "contradicts"), [
    # readings of bounds
    (q(value=100), q(value=100), False),
    (q(value=100, exact=True), q(value=111), True),             # exact figures differ
    (q(value=100, exact=False), q(value=111, exact=False), False),  # "100" rounded: 50-150
    (q(value=195, exact=False), q(value=207, exact=False), True),  # 194.5-195.5 against 207
    (q(value=100, approximate=True), q(value=109), False),      # about 100 = 90-110
    (q(value=100, approximate=True), q(value=111), True),
    (q(max_value=100), q(value=85), False),                     # up to 100 = 80-100
    (q(max_value=100), q(value=79), True),
    (q(min_value=100), q(value=10_000), False),                 # over 100: no upper bound
    (q(min_value=100), q(value=99), True),
    # units and measures
    (q(value=1), q(value=2, unit="case"), False),
    (q(value=1, unit="persons"), q(value=2, unit="Person"), True),
    # rate against rate, converted: 365.2425 / 12 days a month
    (q(value=1000, per="month"), q(value=12_000, per="year"), False),
    (q(value=1000, per="month"), q(value=20_000, per="year"), True),
    (q(value=10, per="day", period_end=D(2020, 1, 1)),
     q(value=99, per="day", period_start=D(2021, 1, 1)), False),  # periods do not overlap
    # rate against a count inside its period
    (q(value=1000, per="month", period_start=D(2024, 1, 1), period_end=D(2024, 12, 31)),
     q(value=12_000, period_start=D(2024, 1, 1), period_end=D(2024, 12, 31)), False),
    (q(value=1000, per="month", period_start=D(2024, 1, 1), period_end=D(2024, 12, 31)),
     q(value=30_000, period_start=D(2024, 1, 1), period_end=D(2024, 12, 31)), True),
    (q(value=1000, per="month", period_start=D(2024, 6, 1)),
     q(value=30_000, period_start=D(2024, 1, 1), period_end=D(2024, 12, 31)), False),
    (q(value=1000, per="month"), q(value=30_000, open=True), False),  # count: period unknown
    (q(value=9400, open=True), q(value=255_000, approximate=True, open=True), False),
    (q(value=18e6, exact=False), q(value=18.2e6, exact=False), False),  # 17.5-18.5 million  # TASS
    # counts
    (q(value=10, period_start=D(2024, 1, 1), period_end=D(2024, 1, 31)),
     q(value=5, exact=True, period_start=D(2024, 1, 1), period_end=D(2024, 12, 31)),
     True),  # part > whole
    (q(value=10, period_start=D(2024, 1, 1), period_end=D(2024, 1, 31)),
     q(value=50, period_start=D(2024, 1, 1), period_end=D(2024, 12, 31)), False),
    (q(value=10, period_start=D(2024, 1, 1), period_end=D(2024, 1, 31)),
     q(value=11, period_start=D(2024, 2, 1), period_end=D(2024, 2, 28)), False),
])
def test_interval_rules(a: Quantity, b: Quantity, contradicts: bool) -> None:
    assert bool(detect_contradictions(claims(a, b))) is contradicts
    assert bool(detect_contradictions(claims(b, a))) is contradicts  # order does not matter


def test_readings() -> None:
    r = reading(q(max_value=30_000, per="month"))
    assert (r.low, r.high, r.per) == (24_000, 30_000, "month")
    assert reading(q(value=180_000, approximate=True)).low == pytest.approx(162_000)
