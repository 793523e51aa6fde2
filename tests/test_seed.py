"""The shipped seed dataset encodes the article completely and faithfully."""

from __future__ import annotations

import re

from kg.credibility.provenance import format_chain, origins, provenance_chains
from kg.graph import to_networkx
from kg.model import SourceKind
from kg.seed import seed_dataset

ds = seed_dataset()


def fold(text: str) -> str:
    return " ".join(text.split())


def test_every_quote_is_exact_text_of_the_article(article_text: str) -> None:
    article = fold(article_text)
    for a in ds.assertions:
        assert a.quote, a.id
        assert fold(a.quote) in article, a.id


def test_every_figure_of_the_article_is_a_structured_claim(article_text: str) -> None:
    figures = {float(f.replace(",", "")) for f in re.findall(r"\b\d{1,3}(?:,\d{3})+\b",
                                                             article_text)}
    assert figures == {11000, 30000, 160000, 21600, 180000}
    encoded = {v for c in ds.claims if c.quantity
               for v in (c.quantity.value, c.quantity.min_value, c.quantity.max_value) if v}
    assert figures <= encoded


def test_sources_and_kinds() -> None:
    kinds = {s.id: s.kind for s in ds.sources}
    assert kinds["article-publisher"] is SourceKind.NEWS_OUTLET
    assert kinds["ria"] is SourceKind.NEWS_OUTLET
    assert kinds["die-welt"] is SourceKind.NEWS_OUTLET
    assert kinds["gerasimov"] is SourceKind.PERSON
    assert kinds["vanner"] is SourceKind.PERSON
    assert kinds["ua-security-sources"] is SourceKind.ANONYMOUS_SOURCE
    assert kinds["welt-data"] is SourceKind.UNNAMED_DOCUMENT
    assert kinds["ua-prosecutor-general"] is SourceKind.GOVERNMENT_BODY
    assert kinds["ru-general-staff"] is SourceKind.MILITARY_BODY
    assert "Christoph Wanner" in ds.source("vanner").aliases
    assert "ru-general-staff" in ds.source("gerasimov").affiliated_with
    assert "die-welt" in ds.source("vanner").affiliated_with


def test_bounds_and_hedges_encode_the_vagueness() -> None:
    q = {c.id: c.quantity for c in ds.claims if c.quantity}
    assert q["monthly-desertions-30k"].max_value == 30000
    assert q["monthly-desertions-30k"].value is None and q["monthly-desertions-30k"].per == "month"
    assert q["criminal-cases-160k"].min_value == 160000
    assert q["convicts-recruited"].value == 11000 and q["convicts-recruited"].approximate
    assert q["ytd-desertions-180k"].approximate and not q["october-desertions-21600"].approximate
    hedged = {a.id for a in ds.assertions if a.hedged}
    assert {"article-pgo-removed-access", "anon-swift-end", "anon-disillusionment"} <= hedged
    assert "gerasimov-monthly-30k" not in hedged


def chains_text(claim: str) -> list[str]:
    return [format_chain(ds, ch) for ch in provenance_chains(ds, claim)]


def test_citation_chains_as_the_text_gives_them() -> None:
    article, ria = "Publisher of the article (unnamed)", "RIA Novosti"
    anon = "Sources within Ukraine's security forces"
    for claim in ("convicts-deserted", "convicts-recruited", "guarantees-unfulfilled",
                  "swift-end-anticipated", "disillusionment"):
        assert chains_text(claim) == [f"{article} -> {ria} -> {anon}"]
    assert chains_text("monthly-desertions-30k") == [f"{article} -> Valery Gerasimov"]
    assert chains_text("october-desertions-21600") == [
        f"{article} -> Christoph Vanner -> Desertion data cited by Die Welt"]
    assert chains_text("pgo-removed-access") == [article]
    assert ds.claim("pgo-removed-access").about == ("ua-prosecutor-general",)


def test_the_article_is_never_an_origin_of_what_it_relays() -> None:
    for claim in ds.claims:
        relayed = any(a.cites for a in ds.assertions_of(claim.id)
                      if a.source == "article-publisher")
        if relayed:
            assert all(o.source != "article-publisher" for o in origins(ds, claim.id))


def test_analyst_contradictions_are_stated_both_ways() -> None:
    assert set(ds.claim("monthly-desertions-30k").contradicts) == {
        "october-desertions-21600", "ytd-desertions-180k"}
    assert ds.claim("october-desertions-21600").contradicts == ("monthly-desertions-30k",)
    assert ds.claim("criminal-cases-160k").contradicts == ()


def test_graph_view_edges_carry_their_assertion_report_and_date() -> None:
    G = to_networkx(ds)
    relations = {d["relation"] for _, _, d in G.edges(data=True)}
    assert {"asserts", "cites", "contradicts", "affiliated_with", "about"} <= relations
    edges = [d for _, v, d in G.out_edges("gerasimov", data=True) if v == "monthly-desertions-30k"]
    assert len(edges) == 1
    assert edges[0]["assertion"] == "gerasimov-monthly-30k"
    assert edges[0]["report"] == "gerasimov-statement"
    assert str(edges[0]["date"]) == "2024-12-18"
    cites = [d for _, v, d in G.out_edges("article-publisher", data=True)
             if d["relation"] == "cites" and v == "ria"]
    assert len(cites) == 5 and all(d["report"] == "article" for d in cites)
    assert G.has_edge("october-desertions-21600", "monthly-desertions-30k")
