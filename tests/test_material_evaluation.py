"""The matching rule behind the draft's precision and recall."""

from __future__ import annotations

from kg.drafting.evaluation import score_draft, source_mapping
from kg.model import Assertion, Claim, Dataset, Quantity, Source
from kg.seed import seed_dataset

GOLD = Dataset(
    sources=[Source(id="ria", kind="news_outlet", name="RIA Novosti", aliases=["RIA"]),
             Source(id="anon", kind="anonymous_source", name="security sources")],
    claims=[Claim(id="c1", text="Thousands of convicts deserted.",
                  quantity=Quantity(measure="m", min_value=2000)),
            Claim(id="c2", text="The guarantees were not fulfilled.")],
    assertions=[Assertion(id="g1", source="anon", claim="c1"),
                Assertion(id="g2", source="ria", claim="c1", cites=["g1"]),
                Assertion(id="g3", source="ria", claim="c2")],
)


def test_identity_scores_one() -> None:
    s = score_draft(seed_dataset(), seed_dataset())
    assert (s.precision, s.recall, s.matched) == (1.0, 1.0, 33)


def test_sources_map_by_resolution_and_by_position_in_the_chain() -> None:
    draft = Dataset(
        sources=[Source(id="r", kind="news_outlet", name="РИА Новости"),
                 Source(id="s", kind="anonymous_source", name="people in the know")],
        claims=[Claim(id="x", text="Thousands deserted.",
                      quantity=Quantity(measure="desertions", min_value=2000))],
        assertions=[Assertion(id="a1", source="s", claim="x"),
                    Assertion(id="a2", source="r", claim="x", cites=["a1"])])
    assert source_mapping(draft, GOLD) == {"r": "ria", "s": "anon"}
    s = score_draft(draft, GOLD)
    assert s.pairs == (("a1", "g1"), ("a2", "g2")) and s.recall == 2 / 3 and s.precision == 1


def test_different_figures_never_match_and_texts_must_overlap() -> None:
    draft = Dataset(
        sources=[Source(id="ria", kind="news_outlet", name="RIA")],
        claims=[Claim(id="x", text="Thousands of convicts deserted.",
                      quantity=Quantity(measure="m", min_value=3000)),
                Claim(id="y", text="The weather was fine.")],
        assertions=[Assertion(id="a1", source="ria", claim="x"),
                    Assertion(id="a2", source="ria", claim="y")])
    assert score_draft(draft, GOLD).matched == 0


def test_matching_is_one_to_one() -> None:
    draft = Dataset(
        sources=[Source(id="ria", kind="news_outlet", name="RIA")],
        claims=[Claim(id="y", text="The guarantees were not fulfilled.")],
        assertions=[Assertion(id="a1", source="ria", claim="y"),
                    Assertion(id="a2", source="ria", claim="y")])
    s = score_draft(draft, GOLD)
    assert s.matched == 1 and s.precision == 0.5
