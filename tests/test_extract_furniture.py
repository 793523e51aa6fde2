"""`kg extract` input: page furniture in plain text is never drafted as a claim (issue #15)."""

from __future__ import annotations

import pytest

from kg.drafting.extract import draft_document
from kg.drafting.furniture import furniture_reason
from kg.drafting.inputs import read_article


@pytest.mark.parametrize(("line", "why"), [
    ("Get the app", "the page interface"),
    ("Download the Daily Planet app for breaking news", "the page interface"),
    ("Would you like to share your view on this story?", "the page interface"),
    ("Register now (it takes a minute) or log in.", "the page interface"),
    ("Related: Ten things to know about the flu", "the page interface"),
    ("Leave a comment", "the page interface"),
    ("Tags: health, vaccines, winter", "the page interface"),
    ("Note: The science desk receives support from the Acme Trust. The desk is solely "
     "responsible for all content.", "a note about the article"),
    ("Copyright 2021 The Daily Planet. This material may not be published or rewritten.",
     "a note about the article"),
    ("A nurse fills a syringe at a clinic in Lyon. Photo: STOCKPIX", "photo caption or credit"),
    ("Protesters gather outside the court on Monday. \u2014 Reuters file",
     "photo caption or credit"),
    ("Flood water covers a road near the river (File photo)", "photo caption or credit"),
    ("A rescue team at work. Image credit: Jane Roe", "photo caption or credit"),
    ("Marchers fill a square in Lagos. STOCKPIX", "photo caption or credit"),
    ("Marchers fill a square in Lagos. (Reuters)", "photo caption or credit"),
    ("Please keep replies civil and on topic.", "the page interface"),
    ("Read the comment guidelines of the site first.", "the page interface"),
    ("Our comment policy applies to all replies.", "a note about the article"),
    ("Story continues below advertisement", "page furniture"),
    ("Slide 3 of 12", "the page interface"),
    ("Updated 2 hours ago", "the page interface"),
    ("Continue reading the main story", "the page interface"),
    ("This story has been published from a wire feed without edits to the text.",
     "a note about the article"),
    ("Correction: An earlier version of this story gave the wrong year for the vote.",
     "a note about the article"),
    ("The views expressed in this column are the writer's own.", "a note about the article"),
    ("Get the top stories delivered to your inbox each morning.", "a note about the article"),
    ("The Planet Wire contributed to this report.", "a note about the article"),
    ("Follow Jane Roe on Bluesky for more", "the page interface"),
    ("Write to Jane Roe at jane.roe@planetpost.example", "the page interface"),
    ("Last modified on Tue 10 May 2023 08.00 BST", "the page interface"),
    ("Image caption, Voters queue outside a school in the capital", "the page interface"),
])
def test_interface_lines_disclosures_and_captions_are_furniture(line: str, why: str) -> None:
    assert furniture_reason(line) == why


@pytest.mark.parametrize("line", [
    "The ministry said 300 soldiers were detained on Monday.",
    "Registered voters numbered 26 million, the board said.",
    "The report was produced by the ministry's statistics office, officials said.",
    "Aid arrived in the city on Tuesday, the Red Cross said.",
    "More than 40 people were killed, the agency reported.",
    "The vote was held on Monday. The result is due on Friday.",
    "He said the plan would \"please nobody\" in the end.",
    "The report was published on Monday by the statistics office.",
    "Updated figures from the ministry showed 1,200 cases in the week to Sunday, it said.",
    "Sponsors of the bill said it would pass.",
    "Officials said they would follow the plan on Monday.",
    "The contract was first signed in 2019, the ministry said.",
])
def test_running_text_is_not_furniture(line: str) -> None:
    assert furniture_reason(line) is None
    assert furniture_reason(line, inside=True) is None


def test_a_subhead_between_paragraphs_is_skipped_but_a_cut_last_line_is_not() -> None:
    text = ("Cases rose to 90 in March, the health agency said.\n\n"
            "Early Signs From Two Regions\n\n"
            "Hospital admissions fell by 12 percent, the agency said.\n\n"
            "Officials said schools would stay open until the")
    article = read_article(text)
    assert ("Early Signs From Two Regions", "a section subhead") in article.skipped
    assert article.paragraphs[-1] == "Officials said schools would stay open until the"
    assert len(article.paragraphs) == 3


def test_a_bullet_point_without_a_full_stop_is_not_a_subhead() -> None:
    text = ("The survey found rising prices, the bank said.\n"
            "- Food prices up 8 percent in a year\n"
            "- Fuel prices up 5 percent\n"
            "The bank will publish its next survey in June.")
    assert "Food prices up 8 percent in a year" in read_article(text).paragraphs


def test_furniture_of_a_saved_page_makes_no_claim() -> None:
    text = ("Cases of flu rose to 900 this week, the health agency said on Monday.\n\n"
            "A Slower Season Than Last Year\n\n"
            "A nurse fills a syringe at a clinic. Photo: STOCKPIX\n\n"
            "Officials said 40 hospitals had extra beds.\n\n"
            "Related: How to stay well this winter\n\n"
            "Download our App\n\n"
            "Would you like to comment on this article?\n\n"
            "Note: The health desk receives support from the Acme Trust.")
    ds, _, report = draft_document(text)
    texts = " | ".join(c.text for c in ds.claims)
    assert "900" in texts and "40 hospitals" in texts
    for furniture in ("Slower Season", "syringe", "stay well", "App", "comment", "Acme"):
        assert furniture not in texts
    assert not any(s.name in ("STOCKPIX", "Acme Trust") for s in ds.sources)
    assert len(report.skipped) == 6


def test_an_html_pages_headings_captions_and_interface_make_no_claim() -> None:
    pytest.importorskip("trafilatura")
    para = ("The health agency said on Monday that 300 cases of flu were confirmed in the "
            "capital, more than in any week since records began, officials said.")
    html = ("<html><head><title>Flu cases rise | Daily Planet</title>"
            "<meta property='og:site_name' content='Daily Planet'>"
            "<meta property='article:published_time' content='2023-05-10T08:00:00Z'></head>"
            "<body><nav>Home | World | Share this</nav><article>"
            "<h1>Is this the worst flu season yet?</h1>"
            f"<p>{para}</p>"
            "<figure><img src='a.jpg'><figcaption>A nurse at work. Photo: STOCKPIX"
            "</figcaption></figure>"
            "<h2>What Happens to Schools Now That Cases Are Rising Again?</h2>"
            "<p>Hospital admissions fell by 12 percent in the week, the agency said.</p>"
            "<p><strong>Related:</strong> <a href='/x'>Ten ways to stay well</a></p>"
            "<p>Download our App</p>"
            "<p>Would you like to comment on this article? Register or sign in.</p>"
            "</article><footer>\u00a9 2024 Daily Planet</footer></body></html>")
    article = read_article(html)
    assert article.publisher == "Daily Planet"
    assert article.date is not None and article.date.isoformat() == "2023-05-10"
    assert article.headline == "Is this the worst flu season yet?"  # the h1, not a claim
    assert article.paragraphs == [para, "Hospital admissions fell by 12 percent in the week, "
                                        "the agency said."]
    # a heading of the page, though it reads like a sentence
    assert ("What Happens to Schools Now That Cases Are Rising Again?",
            "a section subhead") in article.skipped


def test_a_shorter_form_of_the_headline_is_not_a_second_claim() -> None:
    article = read_article("Central bank holds rates again for now\n\nCentral bank holds rates"
                           "\n\nThe bank held its rate at 5%, the governor said.")
    assert article.headline == "Central bank holds rates again for now"
    assert article.standfirst == []
    assert ("Central bank holds rates", "another form of the headline") in article.skipped
