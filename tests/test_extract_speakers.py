"""`kg extract` speaker rules on invented sentences (none taken from any corpus): owners of
data and documents, trailing reporters, and leading words that are not a speaker."""

from __future__ import annotations

import datetime as dt

from kg.drafting.attribution import attribute
from kg.drafting.extract import draft_dataset
from kg.model import Dataset

DAY = dt.date(2025, 6, 20)


def _draft(text: str) -> Dataset:
    return draft_dataset(text, slug="t", url="https://www.example-news.org/a", date=DAY)[0]


def _speakers(ds: Dataset, number: float) -> set[str]:
    names = {s.id: s.name for s in ds.sources}
    claims = {c.id for c in ds.claims if c.quantity is not None
              and number in (c.quantity.value, c.quantity.min_value, c.quantity.max_value)}
    return {names[a.source] for a in ds.assertions if a.claim in claims}


def test_latest_data_of_a_named_body_is_the_body() -> None:
    assert attribute("According to the newest WMO figures, 41 storms formed.").speaker == "WMO"


def test_latest_data_of_a_described_body_is_that_body() -> None:
    ds = _draft("The Ministry of Fisheries closed two ports on Monday. According to the latest "
                "ministry data, 7,300 boats stayed in harbour.")
    assert _speakers(ds, 7300) & {"Ministry of Fisheries"}
    assert not any("latest" in s.name.lower() for s in ds.sources)


def test_data_without_an_owner_is_not_a_source_named_by_an_adjective() -> None:
    assert attribute("According to provisional data, 12% of wells ran dry.").speaker \
        == "provisional data"
