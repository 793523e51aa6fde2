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


def test_figures_group_by_the_engines_comparable_measure() -> None:
    from kg.model import Assertion, Claim, Dataset, Quantity, Source
    from kg.truth.bridge import figure_observations

    oct_ = {"period_start": dt.date(2024, 10, 1), "period_end": dt.date(2024, 10, 31)}
    claims = [
        Claim(id="a", text="a", quantity=Quantity(measure="Desertions", unit="soldiers",
                                                   value=21600, **oct_)),
        Claim(id="b", text="b", quantity=Quantity(measure="the desertion", unit="people",
                                                   value=19000.0, **oct_)),
        Claim(id="c", text="c", quantity=Quantity(measure="desertions", unit="criminal cases",
                                                   value=9400, **oct_)),
        Claim(id="d", text="d", quantity=Quantity(measure="desertions", unit="soldiers",
                                                   word="thousands", **oct_)),
        Claim(id="e", text="e", quantity=Quantity(measure="deaths", value=300,
                                                   per_population=100_000, unit="people")),
    ]
    ds = Dataset(
        sources=[Source(id=s, name=s, kind="news_outlet") for s in ("x", "y", "z")],
        claims=claims,
        assertions=[
            Assertion(id="x1", source="x", claim="a"),
            Assertion(id="y1", source="y", claim="b"),
            Assertion(id="z1", source="z", claim="a", cites=["x1"]),  # a relay: no vote
            Assertion(id="y2", source="y", claim="c"),
            Assertion(id="y3", source="y", claim="d"),  # a vague word: no point value
            Assertion(id="x2", source="x", claim="e"),
        ],
    )
    rows = figure_observations(ds)
    by_measure: dict[str, set[tuple[str, str]]] = {}
    for source, measure, value in rows:
        by_measure.setdefault(measure, set()).add((source, value))
    persons = "desertion [person] 2024-10-01..2024-10-31"
    assert by_measure[persons] == {("x", "21600"), ("y", "19000")}  # one measure, two spellings
    assert by_measure["desertion [case] 2024-10-01..2024-10-31"] == {("y", "9400")}
    assert by_measure["per capita: death [person]"] == {("x", "0.003")}  # per person
    assert len(rows) == 4
