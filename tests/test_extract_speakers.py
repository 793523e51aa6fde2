"""`kg extract` speaker rules on invented sentences (none taken from any corpus): owners of
data and documents, trailing reporters, and leading words that are not a speaker."""

from __future__ import annotations

import datetime as dt

from kg.drafting.attribution import attribute
from kg.drafting.extract import draft_dataset
from kg.drafting.sources import DocumentSources
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


def test_its_report_intro_leaves_the_subject_as_speaker() -> None:
    a = attribute("In its quarterly bulletin the agency projected a deficit of 4%.")
    assert (a.speaker, a.claim) == ("the agency", "A deficit of 4%.")


def test_intro_with_its_report_creates_no_unnamed_document() -> None:
    ds = _draft("The Northfield Reserve Bank met on Tuesday. In its annual report the bank "
                "forecast that exports will grow 6.5% next year.")
    assert _speakers(ds, 6.5) & {"Northfield Reserve Bank"}
    assert not any("owner not given" in s.name for s in ds.sources)


def test_possessive_document_subject_is_its_owner_statement() -> None:
    a = attribute("The Harbour Institute's new survey counts 2,400 empty shops.")
    assert a.speaker == "The Harbour Institute"


def test_relative_clause_of_published_projections_is_the_publisher() -> None:
    a = attribute("Bonds rallied after the Coastal Bank released its staff projections, which "
                  "see unemployment at 5.1% in 2027.")
    assert (a.speaker, a.claim) == ("the Coastal Bank", "Unemployment at 5.1% in 2027.")


def test_trailing_local_tv_is_the_speaker_not_the_subject() -> None:
    a = attribute("A cluster in Ohio has been linked to 40 cases, local TV reports.")
    assert (a.speaker, a.claim) == ("local TV", "A cluster in Ohio has been linked to 40 cases.")


def test_noun_state_before_an_auxiliary_is_not_a_speech_verb() -> None:
    a = attribute("A fire in Oregon state has burned 900 homes, the Daily Pine reports.")
    assert a.speaker == "the Daily Pine"


def test_intro_line_governs_the_bullets_after_it() -> None:
    ds = _draft("The Lakeland Water Board's minutes, as summarised by Wirenews:\n\n"
                "- reservoirs stood at 41% of capacity in May\n\n"
                "- the board expects rationing for 3,200 homes\n\n"
                "Rain is forecast for the weekend.")
    for number in (41, 3200):
        assert _speakers(ds, number) >= {"Lakeland Water Board", "Wirenews"}


def test_a_list_ends_at_a_paragraph_with_a_full_stop() -> None:
    ds = _draft("The Lakeland Water Board's minutes, as summarised by Wirenews:\n\n"
                "- reservoirs stood at 41% of capacity in May\n\n"
                "Separately, 5,000 anglers joined a protest on Sunday.")
    assert "Lakeland Water Board" not in _speakers(ds, 5000)


def test_interview_intro_makes_the_outlet_the_relay() -> None:
    a = attribute("In an interview with Wirenews, she said 300 nurses had quit.")
    assert (a.speaker, a.relay) == ("she", "Wirenews")


def test_correspondents_who_saw_it_make_their_outlet_the_speaker() -> None:
    a = attribute("Wirenews reporters saw guards beat 12 prisoners in the yard.")
    assert (a.speaker, a.claim) == ("Wirenews", "Guards beat 12 prisoners in the yard.")


def test_a_denial_is_the_denier_statement() -> None:
    a = attribute("The port authority has denied responsibility for the spill, and divers "
                  "searched the bay.")
    assert a.speaker == "The port authority"
    assert "denied responsibility for the spill" in a.claim
    assert "divers" not in a.claim


def test_denied_entry_is_not_a_denial_statement() -> None:
    assert attribute("The Mexican team was denied entry at the border.").speaker is None


def test_according_to_the_agency_points_back_to_the_body_just_named() -> None:
    ds = _draft("Of the 52 patients whom the Dale County Health Department examined, 9 had "
                "been vaccinated twice, according to the agency.")
    assert "Dale County Health Department" in _speakers(ds, 52)


def test_the_agency_as_a_relay_is_not_the_body_it_relays() -> None:
    for as_relay in (True, False):
        src = DocumentSources("t")
        src.near = ["The Ministry of Roads said 610 bridges were unsafe, the agency reported."]
        ministry = src.resolve("The Ministry of Roads")
        assert ministry is not None
        agency = src.resolve("the agency", exclude=frozenset({ministry} if as_relay else ()))
        assert (agency == ministry) is not as_relay


def test_the_report_comes_back_to_the_body_whose_report_it_is() -> None:
    ds = _draft("The Pellham Fund said on Monday that trade is slowing. In its annual report "
                "the fund forecast growth of 2.1% next year. The report predicts that 14 "
                "countries will fall into recession.")
    assert "Pellham Fund" in _speakers(ds, 14)
    assert not any(s.kind == "unnamed_document" for s in ds.sources)


def test_with_clause_revising_its_forecast_is_the_reviser_statement() -> None:
    a = attribute("Farm incomes held up, with the Grain Council lifting its harvest forecast "
                  "to 61 million tonnes.")
    assert a.speaker == "the Grain Council"
    assert a.own == "Farm incomes held up."


def test_a_figure_in_a_document_with_its_owner_named_is_not_an_ownerless_statistic() -> None:
    ds = _draft("Tourism recovered last year. Visitor spending, in the board's yearly review, "
                "rose to 4,500 euros a head.")
    assert not any("owner not given" in s.name for s in ds.sources)


def test_title_case_headline_verb_still_names_the_speaker() -> None:
    a = attribute("Flu Cases Reach 300, Health Board Says", headline=True)
    assert a.speaker == "Health Board"


def test_headline_speaker_carries_to_a_lead_with_the_same_figure() -> None:
    ds = draft_dataset("Flu Cases Reach 370, Health Board Says\n\nFlu cases in the valley rose "
                       "to 370 this week, up from 240.\n\nSchools will stay open.",
                       slug="t", url="https://www.example-news.org/a", date=DAY)[0]
    assert "Health Board" in _speakers(ds, 240)


def test_headline_speaker_does_not_reach_a_sentence_without_its_figures() -> None:
    ds = draft_dataset("Flu Cases Reach 370, Health Board Says\n\nSome 5,200 pupils stayed "
                       "home on Monday.", slug="t", url="https://www.example-news.org/a",
                       date=DAY)[0]
    assert "Health Board" not in _speakers(ds, 5200)


def test_a_figure_given_as_someone_else_forecast_is_theirs() -> None:
    ds = _draft("Rents will rise 6.2% this year, well above forecasts from the Acme Bank of "
                "4.7%, the institute said.")
    assert "Acme Bank" in _speakers(ds, 4.7)
    assert "Acme Bank" not in _speakers(ds, 6.2)


def test_a_title_and_the_name_given_later_are_one_person() -> None:
    ds = _draft("The charity's director told Wirenews that 800 families were waiting for aid. "
                "Director Jane Roe said 40 trucks had arrived.")
    people = [s for s in ds.sources if s.kind.value == "person"]
    assert [p.name for p in people] == ["Jane Roe"]
    assert "Jane Roe" in _speakers(ds, 800)
    assert not any(s.name == "charity's director" for s in ds.sources)
