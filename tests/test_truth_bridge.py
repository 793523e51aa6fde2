"""From the credkg data model to (source, object, value) observations."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as NS

import pytest

from kg.truth import dataset_observations, discover


def quantity(**kw: object) -> NS:
    base: dict[str, object] = {
        "measure": "desertions",
        "unit": "people",
        "value": None,
        "min_value": None,
        "max_value": None,
        "approximate": False,
        "per": "month",
        "period_start": None,
        "period_end": None,
    }
    base.update(kw)
    return NS(**base)


def test_origins_only_and_values_from_bounds() -> None:
    ds = NS(
        claims=[
            NS(id="c1", quantity=quantity(max_value=30000.0)),
            NS(id="c2", quantity=quantity(value=21600.0)),
            NS(id="c3", quantity=quantity(min_value=10000.0, max_value=20000.0)),
            NS(id="c4", quantity=None),
            NS(id="c5", quantity=quantity(measure="deaths", value=5.0)),
        ],
        assertions=[
            NS(id="a1", source="gerasimov", claim="c1", cites=()),
            NS(id="a2", source="ria", claim="c1", cites=("a1",)),  # a relay: not an origin
            NS(id="a3", source="welt", claim="c2", cites=()),
            NS(id="a4", source="anon", claim="c3", cites=()),
            NS(id="a5", source="anon", claim="c3", cites=()),  # same origin twice counts once
            NS(id="a6", source="welt", claim="c4", cites=()),  # no quantity
            NS(id="a7", source="welt", claim="c5", cites=()),
        ],
    )
    key = ("desertions", "people", "month", None, None)
    assert dataset_observations(ds) == [
        ("gerasimov", key, 30000.0),
        ("welt", key, 21600.0),
        ("anon", key, 15000.0),
        ("welt", ("deaths", "people", "month", None, None), 5.0),
    ]


def test_periods_separate_objects() -> None:
    oct_ = quantity(value=1.0, period_start=dt.date(2023, 10, 1), period_end=dt.date(2023, 10, 31))
    nov = quantity(value=2.0, period_start=dt.date(2023, 11, 1), period_end=dt.date(2023, 11, 30))
    ds = NS(
        claims=[NS(id="c1", quantity=oct_), NS(id="c2", quantity=nov)],
        assertions=[
            NS(id="a1", source="s", claim="c1", cites=()),
            NS(id="a2", source="s", claim="c2", cites=()),
        ],
    )
    assert len({obj for _, obj, _ in dataset_observations(ds)}) == 2


def test_with_the_real_model() -> None:
    model = pytest.importorskip("kg.model")
    ds = model.Dataset(
        sources=[
            model.Source(id="a", kind="news_outlet", name="A"),
            model.Source(id="b", kind="news_outlet", name="B"),
            model.Source(id="c", kind="anonymous_source", name="C"),
        ],
        claims=[
            model.Claim(
                id="c1", text="30k", quantity=model.Quantity(measure="desertions", value=30000.0)
            ),
            model.Claim(
                id="c2", text="20k", quantity=model.Quantity(measure="desertions", value=20000.0)
            ),
        ],
        assertions=[
            model.Assertion(id="a1", source="a", claim="c1"),
            model.Assertion(id="a2", source="b", claim="c1"),
            model.Assertion(id="a3", source="c", claim="c2"),
            model.Assertion(id="a4", source="b", claim="c2", cites=["a3"]),
        ],
    )
    from kg.truth.bridge import source_groups

    assert source_groups(ds) == {"a": "news_outlet", "b": "news_outlet", "c": "anonymous_source"}
    rows = dataset_observations(ds)
    assert sorted((s, v) for s, _, v in rows) == [("a", 30000.0), ("b", 30000.0), ("c", 20000.0)]
    d = discover(rows, "majority_vote")
    assert list(d.truths().values()) == [(30000.0,)]
