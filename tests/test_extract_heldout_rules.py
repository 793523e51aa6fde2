"""Period rules found on real articles outside the dev corpus, each pinned on an invented
phrase (never the articles' own words): quarters and halves, rolling weeks, future weekdays,
levels at a date, figures that are not counts over time, year-first lists."""

from __future__ import annotations

import datetime as dt

from kg.drafting.extract import draft_dataset
from kg.drafting.periods import find_period
from kg.model import Dataset

DAY = dt.date(2023, 5, 10)  # a Wednesday


def test_quarters_and_halves_in_their_common_spellings() -> None:
    assert find_period("prices should climb 4% in the final quarter of 2023", DAY) == (
        dt.date(2023, 10, 1), dt.date(2023, 12, 31))
    assert find_period("output shrank 1% in Q3 2024", DAY) == (
        dt.date(2024, 7, 1), dt.date(2024, 9, 30))
    assert find_period("wages will rise 2% in the second half of next year", DAY) == (
        dt.date(2024, 7, 1), dt.date(2024, 12, 31))
    assert find_period("tourism fell 5% in the last quarter of last year", DAY) == (
        dt.date(2022, 10, 1), dt.date(2022, 12, 31))
    assert find_period("H1 2022 exports rose 9%", DAY) == (
        dt.date(2022, 1, 1), dt.date(2022, 6, 30))


def test_the_past_week_is_a_rolling_span_up_to_the_day_unlike_last_week() -> None:
    assert find_period("clinics logged 14 new infections in the past week", DAY) == (
        dt.date(2023, 5, 3), DAY)
    assert find_period("over the last seven days, 30 hikers fell ill", DAY) == (
        dt.date(2023, 5, 3), DAY)
    assert find_period("rents climbed 8% in the past 12 months", DAY) == (
        dt.date(2022, 5, 10), DAY)
    assert find_period("four ferries sank last week", DAY) == (
        dt.date(2023, 5, 1), dt.date(2023, 5, 7))


def test_a_weekday_in_the_future_tense_is_the_coming_one() -> None:
    # DAY is a Wednesday
    assert find_period("the board will lift its rate later on Thursday to 6%", DAY) == (
        dt.date(2023, 5, 11), dt.date(2023, 5, 11))
    assert find_period("the council is due to vote on Monday on a 3% levy", DAY) == (
        dt.date(2023, 5, 15), dt.date(2023, 5, 15))
    assert find_period("the board lifted its rate on Thursday to 6%", DAY) == (
        dt.date(2023, 5, 4), dt.date(2023, 5, 4))
    assert find_period("officials said on Monday that 12 wells will close", DAY) == (
        dt.date(2023, 5, 8), dt.date(2023, 5, 8))


def test_a_level_at_the_end_of_a_year_is_as_of_its_last_day() -> None:
    assert find_period("the policy rate should stand at 5% at the end of 2024", DAY) == (
        None, dt.date(2024, 12, 31))
    assert find_period("analysts see the rate at 4% for the end of next year", DAY) == (
        None, dt.date(2024, 12, 31))
    assert find_period("public debt reached 90% of output at end-2022", DAY) == (
        None, dt.date(2022, 12, 31))
    # "by the end of" is a flow up to that day: the whole year, as before
    assert find_period("emissions will fall 40% by the end of 2030", DAY) == (
        dt.date(2030, 1, 1), dt.date(2030, 12, 31))


def _draft(text: str, date: dt.date = DAY) -> Dataset:
    return draft_dataset(text, slug="t", url="https://example.org/a", date=date)[0]


def _period_of(ds: Dataset, number: float) -> tuple[dt.date | None, dt.date | None]:
    (q,) = [c.quantity for c in ds.claims if c.quantity is not None
            and number in (c.quantity.value, c.quantity.min_value, c.quantity.max_value)]
    return q.period_start, q.period_end


def test_each_level_of_a_list_keeps_its_own_year_end() -> None:
    ds = _draft("Chile's policy rate is seen at 7.5% at the end of 2023 and at 6.25% at the "
                "end of 2024, according to a survey of traders.")
    assert _period_of(ds, 7.5) == (None, dt.date(2023, 12, 31))
    assert _period_of(ds, 6.25) == (None, dt.date(2024, 12, 31))


def test_a_running_total_does_not_take_a_period_from_another_clause() -> None:
    day = dt.date(2015, 2, 9)
    ds = _draft("The flu keeps spreading, with a further 23 confirmed cases in the last week, "
                "bringing the total to 140 since the health authority began counting the cases "
                "on Jan. 1.", day)
    assert _period_of(ds, 23) == (dt.date(2015, 2, 2), day)
    assert _period_of(ds, 140) == (dt.date(2015, 1, 1), day)
    ds = _draft("A cholera outbreak in Yemen that began in 2012 has been linked to 310 cases so "
                "far, with 14 new cases reported in the past week.", day)
    assert _period_of(ds, 310) == (None, day)
    assert _period_of(ds, 14) == (dt.date(2015, 2, 2), day)


def test_a_sample_size_and_an_efficacy_have_no_period() -> None:
    ds = _draft("The trial enrolled a sample of 4,200 nurses, the university said. The new "
                "malaria shot is 71% effective against severe disease, researchers said.")
    assert _period_of(ds, 4200) == (None, None)
    assert _period_of(ds, 71) == (None, None)


def test_a_list_led_by_its_years() -> None:
    day = dt.date(2016, 1, 14)
    ds = _draft("The ministry sees the deficit for 2023 at 4.1%, 2024 at 3.2% and 2025 at 2.8%.",
                day)
    assert [_period_of(ds, v)[0] for v in (4.1, 3.2, 2.8)] == [
        dt.date(2023, 1, 1), dt.date(2024, 1, 1), dt.date(2025, 1, 1)]


def test_respectively_pairs_a_later_pair_with_the_periods_of_the_pair_before() -> None:
    day = dt.date(2016, 1, 14)
    ds = _draft("The fund forecast the region will grow 2.1% this year and 2.6% in 2017, down "
                "from its earlier forecast of 2.4% and 2.9%, respectively.", day)
    assert _period_of(ds, 2.4) == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert _period_of(ds, 2.9) == (dt.date(2017, 1, 1), dt.date(2017, 12, 31))


def test_where_an_outbreak_began_is_not_the_period_of_a_count_to_date() -> None:
    day = dt.date(2015, 2, 9)
    ds = _draft("The epidemic is thought to have begun with hikers camping at a lake resort in "
                "Montana in November, but it has now reached 9 counties, officials said.", day)
    assert _period_of(ds, 9) == (None, day)


def test_a_standing_percent_target_has_no_period() -> None:
    day = dt.date(2015, 2, 9)
    ds = _draft("The central bank will not bring inflation back to its 3% target until late "
                "2026, the institute predicts.", day)
    assert _period_of(ds, 3) == (None, None)


def test_a_written_one_that_counts_is_a_figure_and_other_ones_are_not() -> None:
    from kg.drafting.figures import find_figures

    def values(text: str) -> list[float | None]:
        return [f.value for f in find_figures(text)]

    assert values("Officials say 14 miners died, one of them a medic.") == [14.0, 1.0]
    assert values("Inspectors confirmed one further death in the valley.") == [1.0]
    assert values("Nine were hurt. One died in hospital.") == [9.0, 1.0]
    assert values("It is one of the largest floods on record.") == []
    assert values("No one died, and the teams helped one another.") == []


def test_a_count_at_which_point_is_a_stock_on_that_day() -> None:
    ds = _draft("The agency declared an emergency on March 4, at which point the fever had "
                "reached 12 provinces.")
    assert _period_of(ds, 12) == (None, dt.date(2023, 3, 4))


def test_an_earlier_forecast_compared_with_a_new_one_is_for_the_same_target() -> None:
    ds = _draft("Chile's policy rate is seen at 7.5% at the end of 2023, up from the 7.25% "
                "seen last month, and at 6% at the end of 2024 versus 5.5% in the prior survey.")
    assert _period_of(ds, 7.25) == (None, dt.date(2023, 12, 31))
    assert _period_of(ds, 5.5) == (None, dt.date(2024, 12, 31))


def test_the_level_before_a_change_on_a_day_is_the_level_up_to_then() -> None:
    ds = _draft("Analysts expect the bank to lift its main rate later on Thursday to 6.5% from "
                "6.25%.")
    assert _period_of(ds, 6.5) == (dt.date(2023, 5, 11), dt.date(2023, 5, 11))
    assert _period_of(ds, 6.25) == (None, DAY)


def test_a_count_whose_start_is_stated_does_not_take_an_earlier_since() -> None:
    day = dt.date(2019, 3, 12)
    ds = _draft("Doctors have confirmed 228 cases of mumps since January 1, 2019. An outbreak "
                "in Ohio that began in 2017 has been linked to 95 cases so far.", day)
    assert _period_of(ds, 228) == (dt.date(2019, 1, 1), day)
    assert _period_of(ds, 95) == (None, day)
