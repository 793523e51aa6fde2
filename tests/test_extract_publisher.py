"""`kg extract` input: the publisher read from the URL and from the text (issue #15)."""

from __future__ import annotations

import pytest

from kg.drafting.extract import draft_document
from kg.drafting.publisher import looks_like_outlet, publisher_from_url, registrable_domain


@pytest.mark.parametrize(("url", "name", "aliases"), [
    # a portal's subdomain with a newsroom word is the outlet, not the portal
    ("https://cbsnews.portal.com/Health/story?id=1", "CBS News", ("cbsnews.portal.com",)),
    ("https://dailyplanet.hosting.net/a", "dailyplanet.hosting.net", ()),
    # a section of one site is the site
    ("https://money.example.com/2015/01/14/x.html", "example.com", ("money.example.com",)),
    ("https://edition.planet.com/x", "planet.com", ("edition.planet.com",)),
    # two-label public suffixes and blogs on a hosting service (the Public Suffix List)
    ("https://www.starlive.co.za/news/x/", "starlive.co.za", ()),
    ("https://news.abc.co.uk/a", "ABC", ("abc.co.uk", "news.abc.co.uk")),
    ("https://janeroe.blogspot.com/2005/05/x.html", "janeroe.blogspot.com", ()),
    ("https://www.rt.com/news/1-x/", "RT", ("rt.com",)),
])
def test_publisher_from_url(url: str, name: str, aliases: tuple[str, ...]) -> None:
    assert publisher_from_url(url) == (name, aliases)


def test_an_address_without_a_domain_names_no_publisher() -> None:
    assert publisher_from_url("http://127.0.0.1:8000/a") is None
    assert publisher_from_url("localhost") is None


def test_registrable_domain_uses_the_public_suffix_list() -> None:
    assert registrable_domain("a.b.example.com.au") == "example.com.au"
    assert registrable_domain("x.github.io") == "x.github.io"


@pytest.mark.parametrize(("name", "outlet"), [
    ("Reuters", True), ("planetnews.com", True), ("The Lagos Herald", True),
    ("Planet TV", True), ("Staff Writer", False), ("Health Editor", False),
    ("the ministry said", False), ("Live Updates: Planet Talks", False),
])
def test_looks_like_outlet(name: str, outlet: bool) -> None:
    assert looks_like_outlet(name) is outlet


def _publisher(text: str, url: str | None = None) -> tuple[str, str | None, list[str]]:
    """The draft's publisher, its other outlet (the agency) and the publisher's notes."""
    ds, notes, _ = draft_document(text, url=url)
    article = next(r for r in ds.reports if r.id.endswith("-article"))
    assert article.published_by is not None
    source = ds.source(article.published_by)
    agency = next((s.name for s in ds.sources if s.kind == "news_outlet"
                   and s.id != source.id), None)
    return source.name, agency, notes.get(source.id, [])


@pytest.mark.parametrize(("text", "publisher", "where"), [
    ("Rates held again | The Planet Post\n\nThe bank held rates at 5%, it said.",
     "The Planet Post", "the page title"),
    ("The Lagos Herald\n\nFuel queues grow in Lagos\n\nQueues grew on Monday, drivers said.",
     "The Lagos Herald", "the site's name on top of the page"),
    ("The bank held rates at 5%, it said.\n\n\u00a9 2024 Planet News Ltd. All rights reserved.",
     "Planet News", "the copyright line"),
    ("By Jane Roe, Planet Post\n\nThe bank held rates at 5%, it said.",
     "Planet Post", "the byline"),
    ("By Jane Roe and John Doe | Planet Post\n\nThe bank held rates at 5%, it said.",
     "Planet Post", "the byline"),
    ("Rates held again\n\nJane Roe, Planet Post\n\nThe bank held rates at 5%, it said.",
     "Planet Post", "the byline"),
    ("LIMA, May 3 (Planet Wire) - The bank held rates at 5%, it said.",
     "Planet Wire", "the dateline"),
    ("The bank held rates at 5%, it said.\n\nSource: Planet News Agency",
     "Planet News Agency", "a credit line"),
])
def test_without_url_the_publisher_is_read_from_the_text_with_a_check_note(
        text: str, publisher: str, where: str) -> None:
    name, _, notes = _publisher(text)
    assert name == publisher
    assert any(where in n and n.startswith("CHECK") for n in notes)


def test_a_dash_in_the_headline_names_the_source_the_body_cites_not_the_publisher() -> None:
    name, _, notes = _publisher("Jobless rate climbs - Planet Post\n\nThe jobless rate climbed "
                                "to 6%, the Planet Post reported on Monday.")
    assert name != "Planet Post" and any("name it" in n for n in notes)


def test_a_wire_in_the_byline_is_the_agency_when_the_url_names_the_publisher() -> None:
    name, agency, notes = _publisher("By Jane Roe, Reuters\n\nThe bank held rates at 5%, it "
                                     "said.", url="https://www.planetpost.com/a")
    assert (name, agency) == ("planetpost.com", "Reuters")
    assert not any("read from" in n for n in notes)


def test_a_section_label_on_top_is_not_a_publisher() -> None:
    name, _, notes = _publisher("World News\n\nFuel queues grow in Lagos\n\nQueues grew on "
                                "Monday, drivers said.")
    assert name != "World News" and any("name it" in n for n in notes)


def test_a_source_line_naming_a_person_is_not_a_publisher() -> None:
    name, _, _ = _publisher("Source: Jane Roe in an interview with planetnews.com\n\n"
                            "The bank held rates at 5%, she said.")
    assert "Roe" not in name


@pytest.mark.parametrize("title", [
    "Opinion | The Case Against Higher Rates",
    "Ukraine war | Live updates",
    "Inflation: 5% | Jobs: 4%",
])
def test_a_pipe_between_a_section_and_a_headline_names_no_site(title: str) -> None:
    name, _, _ = _publisher(f"{title}\n\nThe bank held rates at 5%, it said.")
    assert name not in title


def test_a_place_line_on_top_is_no_byline() -> None:
    from kg.drafting.inputs import read_article

    article = read_article("Rates held again\n\nLagos, Nigeria\n\nThe bank held rates at "
                           "5%, it said.")
    assert article.byline is None and article.publisher is None
