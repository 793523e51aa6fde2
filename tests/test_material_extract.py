"""`kg extract`: drafts from article text, one test per failure row of issue #15, and inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.credibility.provenance import format_chain, provenance_chains
from kg.drafting.extract import draft_dataset, draft_document, draft_yaml
from kg.drafting.figures import find_figures
from kg.formats.loading import load_dataset, parse_dataset
from kg.model import Dataset, Quantity

from .conftest import Result

DAY = dt.date(2025, 11, 12)


def _figure(ds: Dataset, number: float) -> Quantity:
    (q,) = [c.quantity for c in ds.claims if c.quantity is not None
            and number in (c.quantity.value, c.quantity.min_value, c.quantity.max_value)]
    return q


def _chains(ds: Dataset, number: float) -> list[str]:
    claim = next(c.id for c in ds.claims if c.quantity is not None
                 and number in (c.quantity.value, c.quantity.min_value, c.quantity.max_value))
    return [format_chain(ds, ch) for ch in provenance_chains(ds, claim)]


# --- the failure rows of issue #15, each on its phrase ----------------------------------

def test_almost_290_000_is_one_figure_bounded_above_with_its_period() -> None:
    ds, _ = draft_dataset("From January 2022 to September 2025, prosecutors opened almost "
                          "290 000 criminal cases, Strana reported.", date=DAY)
    figures = [c.quantity for c in ds.claims if c.quantity is not None]
    assert len(figures) == 1  # not 290 and 0
    q = figures[0]
    assert (q.value, q.max_value, q.approximate) == (None, 290000, True)
    assert (str(q.period_start), str(q.period_end)) == ("2022-01-01", "2025-09-30")


@pytest.mark.parametrize("text", ["290,000", "290.000", "290 000", "290\u202f000"])
def test_every_thousands_separator(text: str) -> None:
    (f,) = find_figures(f"police opened {text} cases")
    assert f.value == 290000


def test_a_dashed_period_spans_both_months() -> None:
    ds, _ = draft_dataset("During January 2022 \u2014 September 2024, about 60 thousand "
                          "soldiers left their units, officials said.", date=DAY)
    q = _figure(ds, 60000)
    assert (q.value, q.approximate) == (60000, True)
    assert (str(q.period_start), str(q.period_end)) == ("2022-01-01", "2024-09-30")


def test_reported_on_a_date_citing_an_office_is_a_chain_not_a_figure() -> None:
    ds, _ = draft_dataset(
        "Over 250,000 criminal cases over desertion have been opened in Ukraine, Ukrainska "
        "Pravda reported on Aug. 26, citing the Prosecutor General's Office.",
        url="https://www.example.org/news/1", date=dt.date(2024, 9, 1))
    assert not any(c.text.startswith("On Aug") for c in ds.claims)
    assert not any(c.quantity and 26 in (c.quantity.value, c.quantity.min_value)
                   for c in ds.claims)
    assert _figure(ds, 250000).min_value == 250000
    assert _chains(ds, 250000) == [  # the office under the registry's full name
        "example.org -> Ukrainska Pravda -> Office of the Prosecutor General of Ukraine"]
    up = next(r for r in ds.reports if r.published_by and "ukrainska" in r.published_by)
    assert str(up.date) == "2024-08-26"


def test_page_furniture_is_never_a_figure_or_a_claim() -> None:
    text = ("Date 2025-11-12 MOSCOW, November 12. /TASS/. Troops left 40 positions, the "
            "ministry said.\n\n1 min read\n\nAug 7, 2024 23:01 490\n\n< /p>\n\n"
            "Related stories: Read more about the front\n\n"
            "Ivan Petrov, 45, is a correspondent. He has written for TASS since 2010.\n\n"
            "1. Sign up for our newsletter")
    ds, _, report = draft_document(text)
    numbers = {n for c in ds.claims if c.quantity
               for n in (c.quantity.value, c.quantity.min_value, c.quantity.max_value)} - {None}
    assert numbers == {40}
    assert [c.text for c in ds.claims] == ["Troops left 40 positions."]
    whys = {why for _, why in report.skipped}
    assert {"page furniture", "author box"} <= whys


def test_ages_dates_and_times_are_not_figures() -> None:
    assert find_figures("John Smith, 45, said on Aug. 26 at 23:01 that a 30-year-old man "
                        "aged 52 left in 2024.") == []


@pytest.mark.parametrize(("text", "url", "publisher"), [
    ("MOSCOW, October 8. /TASS/. Desertion is rising, a journalist said.", None, "TASS"),
    ("FAKTI.BG\n\nDesertion is rising, a journalist said.", None, "FAKTI.BG"),
    ("Desertion is rising, a journalist said.", "https://www.rt.com/news/1-x/", "RT"),
    ("The Globe and Mail has learned that desertion is rising.",
     "https://www.theglobeandmail.com/world/x", "The Globe and Mail"),
])
def test_the_publisher_is_named_from_dateline_site_line_or_url(
        text: str, url: str | None, publisher: str) -> None:
    ds, _ = draft_dataset(text, url=url)
    article = next(r for r in ds.reports if r.id.endswith("-article"))
    assert article.published_by is not None
    assert ds.source(article.published_by).name == publisher


def test_an_office_under_its_full_name_and_the_article_it_came_through() -> None:
    ds, _ = draft_dataset(
        "Over 12,000 cases were opened, according to the Office of the Prosecutor General of "
        "the Republic of Moldova, according to the Deutsche Welle article.", date=DAY)
    assert _chains(ds, 12000) == ["Publisher of the article (unnamed) -> Deutsche Welle -> "
                                  "Office of the Prosecutor General of the Republic of Moldova"]


def test_told_says_note_and_anonymous_groups_make_chains() -> None:
    text = ("Officials and lawyers in Kharkiv told DV that 300 soldiers were detained. "
            "Commanders note that 40 more left. The real number is 500, says the lawyer "
            "Alexander Borovoi in an interview with DV.")
    ds, _ = draft_dataset(text, url="https://www.example.org/x")
    kinds = {s.name: s.kind.value for s in ds.sources}
    assert kinds["Officials and lawyers in Kharkiv"] == "anonymous_source"
    assert kinds["Commanders"] == "anonymous_source"
    assert kinds["Alexander Borovoi"] == "person"
    # DV is recognised in the registry of known entities: Deutsche Welle, "DV" an alias
    dv = next(s for s in ds.sources if "DV" in (s.name, *s.aliases))
    assert (dv.name, dv.kind.value) == ("Deutsche Welle", "news_outlet")
    assert _chains(ds, 300) == ["example.org -> Deutsche Welle -> Officials and lawyers in "
                                "Kharkiv"]
    assert _chains(ds, 40) == ["example.org -> Commanders"]
    assert _chains(ds, 500) == ["example.org -> Deutsche Welle -> Alexander Borovoi"]


# --- number grammar, periods, attribution in general -------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Russia adds 8-9,000 people every month", (None, 8000, 9000, False, "ratio-free")),
    ("the US spent $47.16bn on arms", (47.16e9, None, None, False, "USD")),
    ("they got 2m rubles", (2e6, None, None, False, "RUB")),
    ("nearly 6,000 soldiers were killed", (None, None, 6000, True, None)),
    ("at least 27 people died", (None, 27, None, False, None)),
    ("up to 30,000 troops a month", (None, None, 30000, False, None)),
    ("some 60,000 cases", (60000, None, None, True, None)),
    ("50 to 70% of conscripts", (None, 50, 70, False, "percent")),
    ("deserters rose at least fourfold", (None, 4, None, False, "ratio")),
    ("five drones and three missiles", (5, None, None, False, None)),
])
def test_number_grammar(text: str, expected: tuple[object, ...]) -> None:
    f = find_figures(text)[0]
    value, low, high, approx, unit = expected
    assert (f.value, f.min_value, f.max_value, f.approximate) == (value, low, high, approx)
    if unit != "ratio-free":
        assert f.unit == unit or unit is None


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("since 2022, 170,000 people have deserted", "2022-01-01", "2025-11-12"),
    ("in the first half of 2024, 5,000 people left", "2024-01-01", "2024-06-30"),
    ("in October, 21,600 people left", "2025-10-01", "2025-10-31"),
    ("last year, 9,000 people left", "2024-01-01", "2024-12-31"),
    ("last week, 74 people died", "2025-11-03", "2025-11-09"),
    ("in the third quarter, 2,000 people left", "2025-07-01", "2025-09-30"),
    ("between January and October of this year, 60,000 cases were opened",
     "2025-01-01", "2025-10-31"),
    ("as of October 1, 3,000 people had left", "None", "2025-10-01"),
])
def test_periods_relative_to_the_article_date(phrase: str, start: str, end: str) -> None:
    ds, _ = draft_dataset(f"{phrase[0].upper()}{phrase[1:]}, officials said.", date=DAY)
    (q,) = [c.quantity for c in ds.claims if c.quantity]
    assert (str(q.period_start), str(q.period_end)) == (start, end)


def test_nested_attribution_and_quotes_with_their_speaker() -> None:
    text = ('The Associated Press reported that the emergency service said more than 2,000 '
            'civilians had died.\n\n"We counted 136 deaths. It is 136," the UN human rights '
            'office said.')
    ds, _ = draft_dataset(text, url="https://example.org/x", date=DAY)
    assert _chains(ds, 2000) == ["example.org -> Associated Press -> emergency service"]
    office = "Office of the United Nations High Commissioner for Human Rights"  # registry
    assert all(ch == f"example.org -> {office}" for ch in _chains(ds, 136))


def test_hedges_anonymous_sources_and_headline() -> None:
    text = ("Thousands of convicts reportedly deserted, sources say\n\nA source familiar with "
            "the matter told Reuters that thousands of convicts may have deserted.")
    ds, notes = draft_dataset(text, url="https://example.org/x")
    anon = next(s for s in ds.sources if s.kind == "anonymous_source")
    assert anon.name == "A source familiar with the matter"
    assert all(a.hedged for a in ds.assertions)
    headline = next(c for c in ds.claims if c.text.startswith("Thousands of convicts "
                                                                "reportedly"))
    assert any("headline" in n for n in notes[headline.id])


# --- drafts as files: ids, many at once, HTML, long texts, errors ------------------------

def test_two_drafts_build_together_without_edits(tmp_path: Path,
                                                 kg: Callable[..., Result]) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(
            "KYIV (Reuters) - More than 1,200 homes were destroyed, officials said.",
            encoding="utf-8")
    out = tmp_path / "drafts"
    result = kg("extract", tmp_path / "a.txt", tmp_path / "b.txt", "--out", out, "--report")
    assert result.exit_code == 0, result.stderr
    assert "a: " in result.stderr and "b: " in result.stderr  # the report
    a, b = load_dataset(out / "a.yaml"), load_dataset(out / "b.yaml")
    assert all(r.id.startswith("a-") for r in a.records())
    assert all(r.id.startswith("b-") for r in b.records())
    built = kg("build", out / "a.yaml", out / "b.yaml", "--out", tmp_path / "exports")
    assert built.exit_code == 0, built.stderr


def test_the_draft_is_valid_yaml_that_reads_back(tmp_path: Path,
                                                 kg: Callable[..., Result]) -> None:
    text = "Reuters reported that more than 1,200 homes were destroyed, citing local officials."
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "story.yaml"
    assert kg("extract", tmp_path / "story.txt", "--out", out).exit_code == 0
    written = out.read_text(encoding="utf-8")
    assert written.startswith("# Draft") and "# CHECK:" in written
    assert load_dataset(out) == draft_dataset(text, slug="story")[0]
    assert parse_dataset(draft_yaml(text, slug="story"), "d.yaml") == load_dataset(out)
    assert kg("validate", out).exit_code == 0
    printed = kg("extract", tmp_path / "story.txt")
    assert printed.exit_code == 0 and printed.stdout == written


def test_html_main_text_only(tmp_path: Path, kg: Callable[..., Result]) -> None:
    pytest.importorskip("trafilatura")
    body = " ".join(["The ministry said that 300 soldiers were detained in March 2024."] * 3)
    html = (f"<html><head><title>Story</title></head><body><nav>Home | World | Share this"
            f"</nav><article><h1>Soldiers detained</h1><p>{body}</p><p>Officials said the "
            f"number of 300 was final and that the inquiry goes on.</p></article>"
            f"<aside>Related: 999 things to read</aside></body></html>")
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    out = tmp_path / "page.yaml"
    result = kg("extract", page, "--out", out, "--url", "https://news.example.com/a")
    assert result.exit_code == 0, result.stderr
    ds = load_dataset(out)
    numbers = {c.quantity.value for c in ds.claims if c.quantity}
    assert 300 in numbers and 999 not in numbers


def test_long_texts_do_not_crash() -> None:
    clause = "the shelling of the eastern districts went on through the night and the day "
    big = "\n\n".join(
        f"Officials said {k + 1:,} people left after {clause * 7}and {clause * 7}. "
        f"Witnesses said {clause * 8}." for k in range(1500))  # about 2 MB, 3,000 sentences
    assert len(big) > 1_900_000
    ds, _, _ = draft_document(big, slug="big")
    assert len(ds.claims) >= 3000
    one = "word " * 20_000 + "end."  # a 100k-character sentence
    ds, _, report = draft_document(one, slug="long")
    assert any("longer than" in why for _, why in report.skipped)


@pytest.mark.parametrize(("args", "message"), [
    (["missing.txt"], "no such file"),
    (["x.pdf"], "plain-text article"),
    (["a.txt", "--date", "12/11/2025"], "YYYY-MM-DD"),
])
def test_bad_input_is_one_line(tmp_path: Path, kg: Callable[..., Result],
                               args: list[str], message: str) -> None:
    (tmp_path / "a.txt").write_text("Officials said 5 people left.", encoding="utf-8")
    (tmp_path / "x.pdf").write_text("%PDF", encoding="utf-8")
    result = kg("extract", *[str(tmp_path / a) if a.endswith((".txt", ".pdf")) else a
                             for a in args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_economics_and_health_phrasing() -> None:
    text = ("WASHINGTON, April 5 (Reuters) - The unemployment rate fell to 3.9% in March from "
            "4.1% in February, the Labor Department said on Friday.\n\nInflation rose 0.4% "
            "month-on-month, according to data from the Office for National Statistics.\n\n"
            "GDP grew at an annualized rate of 2.8% in the third quarter, the Commerce "
            "Department reported.\n\n\"We expect hiring to slow,\" said Jane Doe, chief "
            "economist at Acme Bank. She added that wages could rise by about 5% this year.")
    ds, _ = draft_dataset(text, url="https://www.example-news.com/a", date=dt.date(2024, 4, 5))
    periods = {c.quantity.value: (str(c.quantity.period_start), str(c.quantity.period_end))
               for c in ds.claims if c.quantity}
    assert periods[3.9] == ("2024-03-01", "2024-03-31")
    assert periods[4.1] == ("2024-02-01", "2024-02-29")
    assert periods[2.8] == ("2023-07-01", "2023-09-30")  # the last third quarter
    assert periods[5.0] == ("2024-01-01", "2024-12-31")  # a forecast: the whole year
    assert _chains(ds, 0.4) == ["example-news.com -> Reuters -> Office for National Statistics"]
    doe = next(s for s in ds.sources if s.name == "Jane Doe")
    assert [ds.source(o).name for o in doe.affiliated_with] == ["Acme Bank"]
    assert _chains(ds, 5.0) == ["example-news.com -> Reuters -> Jane Doe"]


def test_each_figure_carries_its_kind_of_quantity() -> None:
    from kg.quantities import effective_kind

    ds, _ = draft_dataset("Officials said exactly 195 soldiers were freed. Thousands of "
                          "convicts deserted. The US spent $47.16bn. Deserters rose fourfold. "
                          "Growth was cut by 0.8 percentage point. There were 300 deaths per "
                          "100,000 people. Up to 30,000 men are drafted every month. 42% of "
                          "voters approve.", date=DAY)
    kinds = {next(n for n in (c.quantity.value, c.quantity.min_value, c.quantity.max_value)
                  if n is not None): effective_kind(c.quantity)
             for c in ds.claims if c.quantity}
    assert kinds == {195: "flow", 2000: "vague", 47.16e9: "money", 4: "change", 0.8: "change",
                     300: "per_capita", 30000: "rate", 42: "share"}
    assert _figure(ds, 195).exact and _figure(ds, 47.16e9).currency == "USD"
