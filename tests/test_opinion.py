"""Subjective-logic operators: known answers worked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.credibility.opinion import (
    GRADE_OPINION,
    VACUOUS,
    Opinion,
    average,
    discount,
    fuse,
    grade_of,
    oppose,
)

opinions = st.builds(
    lambda b, d: Opinion(b, d * (1 - b), 1 - b - d * (1 - b)),
    st.floats(0, 1), st.floats(0, 1),
)


def test_cumulative_fusion_by_hand() -> None:
    # b = (0.6*0.3 + 0.5*0.4) / (0.4 + 0.3 - 0.12) = 0.38 / 0.58
    x, y = Opinion(0.6, 0.0, 0.4), Opinion(0.5, 0.2, 0.3)
    f = fuse(x, y)
    assert f.b == pytest.approx(0.38 / 0.58)
    assert f.d == pytest.approx((0.0 * 0.3 + 0.2 * 0.4) / 0.58)
    assert f.u == pytest.approx(0.12 / 0.58)


def test_fusing_with_vacuous_changes_nothing() -> None:
    x = Opinion(0.6, 0.1, 0.3)
    assert fuse(x, VACUOUS) == pytest.approx(x) or fuse(x, VACUOUS).b == pytest.approx(0.6)


def test_averaging_fusion_by_hand() -> None:
    # weights 1/u: 1/0.4 = 2.5 and 1/0.2 = 5 -> b = (0.6*2.5 + 0.3*5) / 7.5 = 0.4
    a = average([Opinion(0.6, 0.0, 0.4), Opinion(0.3, 0.5, 0.2)])
    assert a.b == pytest.approx(0.4)
    assert a.d == pytest.approx((0.5 * 5) / 7.5)
    assert average([Opinion(0.6, 0.0, 0.4)] * 3).b == pytest.approx(0.6)


def test_discount_moves_mass_to_uncertainty() -> None:
    d = discount(Opinion(0.8, 0.1, 0.1), 0.5)
    assert (d.b, d.d, d.u) == pytest.approx((0.4, 0.05, 0.55))


def test_oppose_turns_belief_in_the_other_claim_into_disbelief() -> None:
    # fuse (0.6, 0.1, 0.3) with (0, 0.5, 0.5): k = 0.3 + 0.5 - 0.15 = 0.65
    o = oppose(Opinion(0.6, 0.1, 0.3), 0.5)
    assert o.b == pytest.approx(0.6 * 0.5 / 0.65)
    assert o.d == pytest.approx((0.1 * 0.5 + 0.5 * 0.3) / 0.65)


def test_grades_round_trip() -> None:
    assert [grade_of(GRADE_OPINION[g]) for g in "ABCDEF"] == list("ABCDEF")
    assert Opinion.from_evidence(8, 2) == Opinion(8 / 12, 2 / 12, 2 / 12)


@given(x=opinions, y=opinions, f=st.floats(0, 1), against=st.floats(0, 1))
def test_operators_keep_opinions_valid(x: Opinion, y: Opinion, f: float, against: float) -> None:
    for o in (fuse(x, y), average([x, y]), discount(x, f), oppose(x, against)):
        assert min(o.b, o.d, o.u) >= -1e-9
        assert o.b + o.d + o.u == pytest.approx(1.0)
    assert discount(x, f).b <= x.b + 1e-12
    assert oppose(x, against).b <= x.b + 1e-12
