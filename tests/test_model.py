"""The model's canonical form, strictness and reference checks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from pydantic import ValidationError

from kg.model import Assertion, Claim, Dataset, Quantity, Source

from .strategies import datasets


def test_order_does_not_matter() -> None:
    a = Dataset(claims=[Claim(id="b", text="B"), Claim(id="a", text="A", contradicts=["b"])])
    b = Dataset(claims=[Claim(id="a", text="A"), Claim(id="b", text="B", contradicts=["a"])])
    assert a == b
    assert a.claim("b").contradicts == ("a",)


def test_strict_types() -> None:
    with pytest.raises(ValidationError):
        Quantity(measure="m", value="11000")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Assertion(id="a", source="s", claim="c", hedged="yes")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Quantity(measure="m", value=float("nan"))
    with pytest.raises(ValidationError):
        Source(id="s", kind="person", name="S", extra="x")  # type: ignore[call-arg]


def test_a_claim_cannot_contradict_itself() -> None:
    with pytest.raises(ValidationError, match="cannot contradict itself"):
        Dataset(claims=[Claim(id="a", text="A", contradicts=["a"])])


def test_merge_refuses_conflicting_records() -> None:
    a = Dataset(claims=[Claim(id="c", text="one")])
    with pytest.raises(ValueError, match="differs"):
        a.merge(Dataset(claims=[Claim(id="c", text="two")]))
    assert a.merge(a) == a


@settings(max_examples=30, deadline=None)
@given(ds=datasets())
def test_canonical_form_is_stable(ds: Dataset) -> None:
    again = Dataset.model_validate(ds.model_dump())
    assert again == ds
    for claim in ds.claims:
        for other in claim.contradicts:
            assert claim.id in ds.claim(other).contradicts
