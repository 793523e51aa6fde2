"""Figure exactness rules of issue #15 (periods, bounds, approximate flags) on invented
sentences from health, economics, elections and weather reporting: each rule added for
the dev corpus is checked here on text it was never tuned to."""

from __future__ import annotations

import datetime as dt

from kg.drafting.extract import draft_dataset
from kg.drafting.periods import find_period
from kg.model import Dataset, Quantity

DAY = dt.date(2025, 6, 20)  # a Friday


def _figure(ds: Dataset, number: float) -> Quantity:
    (q,) = [c.quantity for c in ds.claims if c.quantity is not None
            and number in (c.quantity.value, c.quantity.min_value, c.quantity.max_value)]
    return q


def _draft(text: str, date: dt.date = DAY) -> Dataset:
    return draft_dataset(text, slug="t", url="https://example.org/a", date=date)[0]


def _period(q: Quantity) -> tuple[dt.date | None, dt.date | None]:
    return q.period_start, q.period_end


def test_since_a_month_without_its_year_is_the_latest_such_month() -> None:
    assert find_period("Since March, 40 clinics have closed.", DAY) == (dt.date(2025, 3, 1), DAY)
    assert find_period("since September 1,200 farms were flooded", DAY) == (
        dt.date(2024, 9, 1), DAY)
    ds = _draft("Since April, the county has recorded 312 cases of dengue, officials said.")
    assert _period(_figure(ds, 312)) == (dt.date(2025, 4, 1), DAY)
