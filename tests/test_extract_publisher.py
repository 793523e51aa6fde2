"""`kg extract` input: the publisher read from the URL and from the text (issue #15)."""

from __future__ import annotations

import pytest

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
    ("the ministry said", False),
])
def test_looks_like_outlet(name: str, outlet: bool) -> None:
    assert looks_like_outlet(name) is outlet
