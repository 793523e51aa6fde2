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


# --- the definitions of issue #15 (kg/drafting/scoring.py) -------------------------------

def test_sources_match_by_folded_name_or_alias_and_unnamed_by_description() -> None:
    from kg.drafting.scoring import sources_match

    gold = Source(id="g", kind="news_outlet", name="The Kyiv Independent",
                  aliases=["kyivindependent.com"])
    assert sources_match(Source(id="d", kind="news_outlet", name="kyivindependent.com"), gold)
    assert sources_match(Source(id="d", kind="organization", name="Kyiv Independent"), gold)
    assert not sources_match(Source(id="d", kind="news_outlet", name="Kyiv Post"), gold)
    anon = Source(id="a", kind="anonymous_source", name="Two sources with knowledge of the matter")
    assert sources_match(Source(id="b", kind="anonymous_source", name="the sources with "
                                "knowledge"), anon)
    assert not sources_match(Source(id="b", kind="person", name="the sources with knowledge"),
                             anon)


def test_article_score_counts_chains_figures_and_duplicates() -> None:
    from kg.drafting.scoring import score_article

    draft = Dataset(
        sources=[Source(id="r", kind="news_outlet", name="RIA"),
                 Source(id="r2", kind="news_outlet", name="RIA Novosti"),
                 Source(id="s", kind="anonymous_source", name="security sources")],
        claims=[Claim(id="x", text="Convicts deserted in their thousands.",
                      quantity=Quantity(measure="m", min_value=2000)),
                Claim(id="y", text="Promised guarantees were not fulfilled at all.")],
        assertions=[Assertion(id="a1", source="s", claim="x"),
                    Assertion(id="a2", source="r", claim="x", cites=["a1"]),
                    Assertion(id="a3", source="r2", claim="y")])
    s = score_article(draft, GOLD)
    # sources: RIA and the anonymous sources found; "RIA Novosti" is a duplicate
    assert (s.gold_sources_found, s.gold_sources, s.draft_sources) == (2, 2, 3)
    assert s.source_precision == 2 / 3
    # assertions: g1 (figure), g2 (figure), g3 (half its words) all paired
    assert (s.assertion_pairs, s.assertion_recall, s.assertion_precision) == (3, 1.0, 1.0)
    assert (s.chains_recovered, s.gold_chains) == (1, 1)
    assert (s.figures_exact, s.gold_figures) == (1, 1)
    wrong = draft.model_copy(update={"claims": (
        Claim(id="x", text="Convicts deserted.", quantity=Quantity(measure="m", value=2000)),
        draft.claim("y"))})
    assert score_article(Dataset.model_validate(wrong.model_dump()), GOLD).figures_exact == 0
