"""Kinds of quantity and comparable measures (issue #14), each on a small real-shaped fixture.

The fixtures follow real articles of the development corpus (their numbers and
wording), written by hand: the shared gold files are not modified or copied.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.credibility import assess
from kg.credibility.comparison import compare
from kg.formats.loading import load_datasets, parse_dataset
from kg.model import Dataset, Quantity
from kg.quantities import QuantityKind, effective_kind, measure_key, rounding, unit_class

from .conftest import IN_CI, ROOT, SHARED


def load(text: str) -> Dataset:
    return parse_dataset(text, "fixture.yaml")


def pairs(ds: Dataset) -> set[tuple[str, str]]:
    return {c.claims for c in compare(ds).contradictions}


# --- rounding -------------------------------------------------------------------------

LANCET = """
sources:
  - {id: audacy, kind: news_outlet, name: Audacy}
  - {id: ihme, kind: organization, name: IHME}
  - {id: study, kind: study, name: Lancet excess-mortality study, authors: [ihme]}
reports:
  - {id: r, published_by: audacy, date: 2022-03-11}
claims:
  - id: lede-18m
    text: The pandemic has caused 18 million deaths so far.
    quantity: {measure: deaths due to the COVID-19 pandemic worldwide, unit: person,
               value: 18000000, period_start: 2020-01-01, period_end: 2022-03-10}
  - id: study-18-2m
    text: 18.2 million people died because of the pandemic from January 2020 to December 2021.
    quantity: {measure: deaths due to the COVID-19 pandemic worldwide, unit: person,
               value: 18200000, period_start: 2020-01-01, period_end: 2021-12-31}
assertions:
  - {id: a1, source: audacy, claim: lede-18m, report: r}
  - {id: a2, source: study, claim: study-18-2m, report: r}
"""


def test_rounding_is_read_from_significant_figures() -> None:
    assert rounding(18_000_000) == 500_000  # "18 million" is 17.5-18.5 million
    assert rounding(18_200_000) == 50_000
    assert rounding(170_000) == 5_000
    assert rounding(195) == 0.5
    assert rounding(3.3) == pytest.approx(0.05)


def test_18_million_does_not_contradict_the_18_2_million_it_rounds() -> None:
    ds = load(LANCET)  # today's format: no "approximate", no kind
    assert pairs(ds) == set()
    # rounding applies to every kind: the same two figures as exact figures clash
    exact = load(LANCET.replace("value: 18000000,", "value: 18000000, exact: true,"))
    assert pairs(exact) == {("lede-18m", "study-18-2m")}


def test_rounding_applies_to_shares_too() -> None:
    ds = load("""
claims:
  - {id: a, text: "About half", quantity: {measure: share approving, unit: percent, value: 40,
     period_start: 2025-04-16, period_end: 2025-04-21}}
  - {id: b, text: "42%", quantity: {measure: share approving, unit: percent, value: 42,
     period_start: 2025-04-16, period_end: 2025-04-21}}
""")
    assert pairs(ds) == set()  # "40" is 35-45 as rounded


# --- kinds inferred ---------------------------------------------------------------------

@pytest.mark.parametrize(("fields", "kind"), [
    ({"unit": "percent", "value": 42}, QuantityKind.SHARE),
    ({"unit": "%", "value": 42}, QuantityKind.SHARE),
    ({"measure": "IMF projection of world economic growth", "unit": "percent", "value": 3.6},
     QuantityKind.FORECAST),
    ({"measure": "GDP growth forecast", "value": 1.9}, QuantityKind.FORECAST),
    ({"unit": "percentage point", "value": 0.8}, QuantityKind.CHANGE),
    ({"unit": "ratio", "min_value": 4}, QuantityKind.CHANGE),
    ({"unit": "USD", "max_value": 40000}, QuantityKind.MONEY),
    ({"unit": "RUB", "min_value": 2e6}, QuantityKind.MONEY),
    ({"value": 30000, "per": "month"}, QuantityKind.RATE),
    ({"value": 300, "per_population": 100000}, QuantityKind.PER_CAPITA),
    ({"value": 350000, "as_of": dt.date(2024, 12, 1)}, QuantityKind.STOCK),
    ({"word": "thousands"}, QuantityKind.VAGUE),
    ({"value": 21600}, QuantityKind.FLOW),  # today's bounded count
    ({"unit": "percent", "value": 5, "kind": "change"}, QuantityKind.CHANGE),  # given wins
])
def test_kinds_are_inferred_where_unit_or_measure_says(fields: dict[str, object],
                                                       kind: QuantityKind) -> None:
    q = Quantity.model_validate({"measure": "m", **fields})
    assert effective_kind(q) is kind


def test_measure_key_and_unit_class() -> None:
    assert measure_key("Desertions from the Armed Forces") == measure_key(
        "desertion from armed forces")
    assert measure_key("deserters") != measure_key("criminal cases")
    assert unit_class("soldiers") == unit_class("person") == "person"
    assert unit_class("case") != unit_class("person")


def test_persons_are_never_compared_with_cases() -> None:
    ds = load("""
claims:
  - {id: cases, text: "60,000 cases", quantity: {measure: desertion in Ukraine, unit: case,
     value: 60000, period_start: 2024-01-01, period_end: 2024-10-31}}
  - {id: people, text: "9,000 deserters", quantity: {measure: desertion in Ukraine,
     unit: soldiers, value: 9000, period_start: 2024-01-01, period_end: 2024-10-31}}
""")
    assert pairs(ds) == set()


def test_an_analyst_key_decides_comparability() -> None:
    ds = load("""
claims:
  - {id: a, text: "207 released", quantity: {measure: Ukrainians released, key: swap-2024-01-31,
     unit: person, value: 207, period_start: 2024-01-31, period_end: 2024-01-31}}
  - {id: b, text: "195 handed over", quantity: {measure: Ukrainian POWs handed over,
     key: swap-2024-01-31, unit: person, value: 195, period_start: 2024-01-31,
     period_end: 2024-01-31}}
""")
    assert pairs(ds) == {("a", "b")}


# --- shares, polls, percentages ---------------------------------------------------------

IMF = """
claims:
  - id: medium-term
    text: Medium-term global growth is expected to decline to about 3.3%.
    quantity: {measure: world economic growth, unit: percent, value: 3.3, approximate: true}
  - id: growth-2021
    text: Growth of 6.1% in 2021.
    quantity: {measure: world economic growth, unit: percent, value: 6.1,
               period_start: 2021-01-01, period_end: 2021-12-31}
"""


def test_an_open_dated_share_does_not_contradict_a_dated_one() -> None:
    comparison = compare(load(IMF))  # the case of the issue, in today's format
    assert comparison.contradictions == []
    assert [n.claims for n in comparison.not_comparable] == [("growth-2021", "medium-term")]
    assert "period unknown" in comparison.not_comparable[0].reason


POLLS = """
claims:
  - {id: jan-47, text: "47% approved right after the inauguration",
     quantity: {measure: share of US respondents approving of Trump, unit: percent, value: 47,
                period_start: 2025-01-20, period_end: 2025-01-31}}
  - {id: mar-43, text: "43% three weeks earlier",
     quantity: {measure: share of US respondents approving of Trump, unit: percent, value: 43,
                period_start: 2025-03-31, period_end: 2025-03-31}}
  - {id: apr-42, text: "Around 42% approve",
     quantity: {measure: share of US respondents approving of Trump, unit: percent, value: 42,
                approximate: true, period_start: 2025-01-01, period_end: 2025-04-21}}
"""


def test_successive_polls_do_not_clash() -> None:
    assert pairs(load(POLLS)) == set()  # kinds inferred from "percent"
    explicit = load(POLLS.replace("unit: percent,", "unit: percent, kind: share,"))
    assert pairs(explicit) == set()


def test_shares_compare_only_with_shares_of_the_same_base() -> None:
    ds = load("""
claims:
  - {id: us, text: "US gave 45% of all aid", quantity: {measure: aid share, unit: percent,
     of: all assistance to Ukraine, value: 45, period_start: 2022-01-01, period_end: 2023-02-28}}
  - {id: uk, text: "67% of UK aid was military", quantity: {measure: aid share, unit: percent,
     of: UK aid to Ukraine, value: 67, period_start: 2022-01-01, period_end: 2023-02-28}}
  - {id: us2, text: "the US share was 60%", quantity: {measure: aid share, unit: percent,
     of: all assistance to Ukraine, value: 60, period_start: 2022-01-01, period_end: 2023-02-28}}
""")
    assert pairs(ds) == {("us", "us2")}  # same base, same period: 45 against 60


# --- forecasts --------------------------------------------------------------------------

BRAZIL = """
sources:
  - {id: ministry, kind: government_body, name: Brazil Finance Ministry}
reports:
  - {id: march, published_by: ministry, date: 2023-03-22}
  - {id: may, published_by: ministry, date: 2023-05-18}
claims:
  - {id: march-1-6, text: "The ministry forecast 1.6% growth for 2023 in March.",
     quantity: {measure: Brazil GDP growth forecast, unit: percent, value: 1.6,
                period_start: 2023-01-01, period_end: 2023-12-31}}
  - {id: may-1-9, text: "The ministry raised its 2023 forecast to 1.9%.",
     quantity: {measure: Brazil GDP growth forecast, unit: percent, value: 1.9,
                period_start: 2023-01-01, period_end: 2023-12-31}}
  - {id: outturn, text: "Brazil's economy grew 2.9% in 2023.",
     quantity: {measure: Brazil GDP growth, unit: percent, value: 2.9,
                period_start: 2023-01-01, period_end: 2023-12-31}}
assertions:
  - {id: a1, source: ministry, claim: march-1-6, report: march}
  - {id: a2, source: ministry, claim: may-1-9, report: may}
"""


def test_a_forecast_revision_is_a_finding_not_a_contradiction() -> None:
    ds = load(BRAZIL)  # today's format: "forecast" in the measure, vintage from the reports
    comparison = compare(ds)
    assert comparison.contradictions == []
    assert [n.claims for n in comparison.revisions] == [("march-1-6", "may-1-9")]
    reason = comparison.revisions[0].reason
    assert "1.6" in reason and "1.9" in reason and "2023-05-18" in reason
    a = assess(ds)
    assert "forecast_revision" in a.claims["march-1-6"].flags
    assert not a.claims["may-1-9"].contradicted_by


def test_forecasts_with_explicit_kind_forecaster_and_vintage() -> None:
    ds = load("""
sources:
  - {id: imf, kind: organization, name: IMF}
claims:
  - {id: jan, text: "IMF January: 4.4%", quantity: {measure: world growth, unit: percent,
     kind: forecast, forecaster: imf, made_on: 2022-01-25, value: 4.4,
     period_start: 2022-01-01, period_end: 2022-12-31}}
  - {id: apr, text: "IMF April: 3.6%", quantity: {measure: world growth, unit: percent,
     kind: forecast, forecaster: imf, made_on: 2022-04-19, value: 3.6,
     period_start: 2022-01-01, period_end: 2022-12-31}}
  - {id: apr-misreported, text: "IMF April: 3.2%", quantity: {measure: world growth,
     unit: percent, kind: forecast, forecaster: imf, made_on: 2022-04-19, value: 3.2,
     period_start: 2022-01-01, period_end: 2022-12-31}}
  - {id: outturn, text: "World growth was 3.5% in 2022", quantity: {measure: world growth,
     unit: percent, value: 3.5, period_start: 2022-01-01, period_end: 2022-12-31}}
""")
    comparison = compare(ds)
    # the same forecast (same forecaster, same vintage) reported two ways is a contradiction;
    # never a forecast against the outturn
    assert {c.claims for c in comparison.contradictions} == {("apr", "apr-misreported")}
    assert {n.claims for n in comparison.revisions} == {("apr", "jan"), ("apr-misreported", "jan")}


# --- stocks and flows -------------------------------------------------------------------

def test_counts_at_a_date_against_counts_over_a_period() -> None:
    ds = load("""
claims:
  - {id: stock-350k, text: "350,000 active-duty soldiers", quantity: {measure: soldiers,
     unit: person, value: 350000, as_of: 2024-12-01}}
  - {id: flow-60k, text: "60,000 over the year", quantity: {measure: soldiers, unit: person,
     value: 60000, period_start: 2024-01-01, period_end: 2024-12-01}}
  - {id: stock-500k, text: "500,000 active-duty soldiers", quantity: {measure: soldiers,
     unit: person, value: 500000, as_of: 2024-12-01}}
""")
    # a stock is never compared with a flow; two stocks at one date are
    assert pairs(ds) == {("stock-350k", "stock-500k")}


def test_a_cumulative_stock_cannot_fall() -> None:
    ds = load("""
claims:
  - {id: oct, text: "15,900 killed since 7 October", quantity: {measure: Palestinians killed,
     unit: person, value: 15900, kind: stock, cumulative: true, as_of: 2023-12-05}}
  - {id: nov, text: "16,500 killed since 7 October", quantity: {measure: Palestinians killed,
     unit: person, value: 16500, kind: stock, cumulative: true, as_of: 2023-11-20}}
  - {id: dec, text: "17,000 killed", quantity: {measure: Palestinians killed,
     unit: person, value: 17000, kind: stock, cumulative: true, as_of: 2023-12-10}}
""")
    found = compare(ds).contradictions
    assert [c.claims for c in found] == [("nov", "oct")]
    assert "cannot fall" in found[0].reason


def test_tass_open_periods_are_not_comparable() -> None:
    ds = load("""
claims:
  - {id: awol-2022, text: "9,400 AWOL cases", quantity: {measure: AWOL cases, unit: case,
     value: 9400}}
  - {id: awol-255k, text: "around 255,000 AWOL cases", quantity: {measure: AWOL cases,
     unit: case, value: 255000, approximate: true}}
""")
    comparison = compare(ds)
    assert comparison.contradictions == []
    assert "not comparable: period unknown" in comparison.not_comparable[0].reason


def test_flows_still_compare_by_rate_over_overlapping_periods() -> None:
    from kg.seed import seed_dataset

    assert pairs(seed_dataset()) == {("monthly-desertions-30k", "october-desertions-21600"),
                                     ("monthly-desertions-30k", "ytd-desertions-180k")}


# --- rates per population, changes, money, vague amounts --------------------------------

def test_rates_per_population_convert_to_one_base() -> None:
    ds = load("""
claims:
  - {id: per-100k, text: "300 deaths per 100,000", quantity: {measure: excess mortality,
     unit: death, value: 300, per_population: 100000, of: population of Bolivia,
     period_start: 2020-01-01, period_end: 2021-12-31}}
  - {id: per-1k, text: "3 deaths per 1,000", quantity: {measure: excess mortality,
     unit: death, value: 3, per_population: 1000, of: population of Bolivia,
     period_start: 2020-01-01, period_end: 2021-12-31}}
  - {id: per-100k-low, text: "150 deaths per 100,000", quantity: {measure: excess mortality,
     unit: death, value: 150, per_population: 100000, of: population of Bolivia,
     period_start: 2020-01-01, period_end: 2021-12-31}}
""")
    assert pairs(ds) == {("per-100k", "per-100k-low"), ("per-100k-low", "per-1k")}


def test_changes_compare_only_against_the_same_reference() -> None:
    ds = load("""
claims:
  - {id: fourfold, text: "at least fourfold since 2022", quantity: {measure: deserters,
     unit: ratio, min_value: 4, reference: the 2022 level, period_start: 2022-01-01,
     period_end: 2024-10-07}}
  - {id: twofold, text: "doubled", quantity: {measure: deserters, unit: ratio, value: 2,
     reference: the 2022 level, period_start: 2022-01-01, period_end: 2024-10-07}}
  - {id: vs-2023, text: "doubled against 2023", quantity: {measure: deserters, unit: ratio,
     value: 2, reference: the 2023 level, period_start: 2022-01-01, period_end: 2024-10-07}}
""")
    assert pairs(ds) == {("fourfold", "twofold")}


def test_money_converts_only_at_a_rate_the_text_gives() -> None:
    text = """
claims:
  - {id: rub, text: "2 million rubles (about $25,000)", quantity: {measure: sign-on bonus,
     unit: RUB, value: 2000000, period_start: 2025-12-01, period_end: 2025-12-27}, quantities: [
     {measure: sign-on bonus, unit: USD, value: 25000, approximate: true,
      period_start: 2025-12-01, period_end: 2025-12-27}]}
  - {id: usd, text: "$40,000", quantity: {measure: sign-on bonus, unit: USD, value: 40000,
     period_start: 2025-12-01, period_end: 2025-12-27}}
  - {id: rub-rated, text: "3 million rubles", quantity: {measure: sign-on bonus,
     unit: RUB, value: 3000000, currency: RUB, exchange_rate: 0.0125, exchange_currency: USD,
     period_start: 2025-12-01, period_end: 2025-12-27}}
"""
    comparison = compare(load(text))
    found = {c.claims: c.reason for c in comparison.contradictions}
    # "about $25,000" (the claim's second figure) against $40,000; and 3 million roubles,
    # at the rate that text gives, are 2.5-3.5 million roubles = $31,250-43,750, more
    # than about $25,000; 2 million roubles against 3 million (as rounded) meet
    assert set(found) == {("rub", "usd"), ("rub", "rub-rated")}
    assert "at the rate given" in found[("rub", "rub-rated")]
    # roubles and dollars without a rate are not compared
    bare = compare(load(text.replace("currency: RUB, exchange_rate: 0.0125, "
                                     "exchange_currency: USD,", "")))
    assert ("rub-rated", "usd") in {n.claims for n in bare.not_comparable}
    assert "no exchange rate" in bare.not_comparable[-1].reason


def test_several_figures_in_one_claim() -> None:
    ds = load("""
claims:
  - id: foreign-150
    text: 150 people from 25 countries were recruited in December.
    quantities:
      - {measure: foreign recruits, unit: person, value: 150, period_start: 2025-12-01,
         period_end: 2025-12-26}
      - {measure: countries of origin of foreign recruits, unit: country, value: 25,
         period_start: 2025-12-01, period_end: 2025-12-26}
  - {id: countries-40, text: "recruits came from 40 countries", quantity: {
     measure: countries of origin of foreign recruits, unit: country, value: 40,
     period_start: 2025-12-01, period_end: 2025-12-26}}
""")
    claim = ds.claim("foreign-150")
    assert claim.quantity is not None and len(claim.all_quantities) == 2
    assert pairs(ds) == {("countries-40", "foreign-150")}


def test_vague_amounts_on_an_ordered_scale() -> None:
    ds = load("""
claims:
  - {id: most, text: "most deserters returned", quantity: {measure: deserters returning,
     word: most, period_start: 2024-01-01, period_end: 2024-12-31}}
  - {id: minority, text: "a minority returned", quantity: {measure: deserters returning,
     word: a minority, period_start: 2024-01-01, period_end: 2024-12-31}}
  - {id: sixty, text: "60% returned", quantity: {measure: deserters returning, unit: percent,
     value: 60, period_start: 2024-01-01, period_end: 2024-12-31}}
  - {id: thousands, text: "thousands fled", quantity: {measure: people fleeing, unit: person,
     word: thousands, period_start: 2024-01-01, period_end: 2024-12-31}}
  - {id: five-hundred, text: "500 fled", quantity: {measure: people fleeing, unit: person,
     value: 500, period_start: 2024-01-01, period_end: 2024-12-31}}
  - {id: few, text: "a few fled", quantity: {measure: people fleeing, unit: person,
     word: a few, period_start: 2024-01-01, period_end: 2024-12-31}}
""")
    assert pairs(ds) == {("minority", "most"), ("minority", "sixty"),
                         ("five-hundred", "thousands"), ("few", "thousands")}


# --- the development corpus -------------------------------------------------------------

DEV = SHARED / "articles" / "dev"


def _dev_files() -> list[Path]:
    files = sorted(DEV.glob("*.yaml"))
    if not files:
        if IN_CI:
            pytest.fail("../shared/articles/dev is missing under CI")
        pytest.skip("../shared/articles/dev is not here")
    return files


def test_dev_gold_and_seed_give_no_spurious_contradiction() -> None:
    files = _dev_files()
    assert len(files) == 16
    ds = load_datasets([ROOT / "kg" / "data" / "seed.yaml", *files])
    found = {c.claims for c in compare(ds).contradictions}
    # several files load as documents: each id is scoped as {document}.{id} (the seed names
    # its base, so it keeps its ids)
    slug = "newsconquest-pow-swap-2024-01.newsconquest-pow-swap-2024-01-"
    globe = "globeandmail-ru-dead-2022-03.globeandmail-ru-dead-2022-03-"
    # each of these is stated by the analyst in the gold or the seed; the engine finds them
    assert found == {
        ("monthly-desertions-30k", "october-desertions-21600"),
        ("monthly-desertions-30k", "ytd-desertions-180k"),
        (slug + "ua-handed-195", slug + "ua-released-207"),
        (globe + "ru-dead-487", globe + "ru-dead-5800"),
        (globe + "ru-dead-487", globe + "ru-dead-nearly-6000"),
    }
    stated = {tuple(sorted((c.id, o))) for c in ds.claims for o in c.contradicts}
    assert found <= stated


def test_csv_columns_carry_kinds_and_marks() -> None:
    from kg.formats.csv import parse_csv, to_csv

    ds = parse_csv(
        "id,source,source_kind,claim,claim_text,measure,unit,value,kind,as_of,exact,"
        "headline,endorses,cites,copies,against_interest\n"
        "a1,ria,news_outlet,c1,350000 on duty,soldiers,person,350000,stock,2024-12-01,"
        "true,,,,,\n"
        "a2,tass,news_outlet,c1,,,,,,,,true,true,a1,,true\n"
        "a3,blog,news_outlet,c1,,,,,,,,,,,a2,\n", "x.csv")
    q = ds.claim("c1").quantity
    assert q is not None and q.kind is QuantityKind.STOCK and q.exact
    assert q.as_of == dt.date(2024, 12, 1)
    a2, a3 = ds.assertion("a2"), ds.assertion("a3")
    assert a2.headline and a2.endorses and a2.against_interest and a3.copies == ("a2",)
    assert parse_csv(to_csv(ds), "y.csv") == ds


def test_synthetic_corpus_has_kinds_and_distortions_and_its_triples_agree() -> None:
    import io

    import rdflib

    from kg.formats.rdf import quads
    from kg.synthetic import synthetic_dataset, write_synthetic

    ds = synthetic_dataset(2000, seed=3)
    kinds = {effective_kind(q) for c in ds.claims for q in c.all_quantities}
    assert kinds >= {QuantityKind.FLOW, QuantityKind.RATE, QuantityKind.STOCK,
                     QuantityKind.SHARE, QuantityKind.FORECAST, QuantityKind.MONEY,
                     QuantityKind.VAGUE}
    a = assess(ds)
    assert a.distortions and a.not_comparable and a.detected
    assert any(c.quantities for c in ds.claims)
    out = io.StringIO()
    write_synthetic(out, 2000, seed=3)
    written = rdflib.Graph().parse(data=out.getvalue(), format="nt")
    expected = rdflib.Graph()
    for s, p, o, _ in quads(ds):
        expected.add((s, p, o))
    assert set(written) == set(expected)
