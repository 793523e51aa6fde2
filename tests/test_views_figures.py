"""Figures, distortions and copies as a reader sees them in the views, the SVG and the report.

Fixtures shaped on the development corpus (TASS's "more than 170,000" relaying
Boiko's 170,000; a subheading turning 60,000 cases into soldiers; an aggregator
copying RT; the IMF revising a forecast; two open-dated counts that cannot be
compared), written by hand, with hostile text in names, quotes and measures.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from kg.credibility import assess
from kg.formats.loading import parse_dataset
from kg.model import Dataset
from kg.report import report_html, report_markdown
from kg.views import claim_view, graph_view, source_view, to_svg
from kg.views.style import EDGE_LEGEND, EDGE_STYLE

EVIL = "<img src=x onerror=alert(1)>"

FIXTURE = f"""
sources:
  - {{id: boiko, kind: person, name: "Vladimir Boiko {EVIL}"}}
  - {{id: tass, kind: news_outlet, name: TASS}}
  - {{id: rt, kind: news_outlet, name: RT}}
  - {{id: agg, kind: news_outlet, name: news-pravda aggregator}}
  - {{id: ft, kind: news_outlet, name: Financial Times}}
  - {{id: site, kind: news_outlet, name: nato.news-pravda.com}}
  - {{id: imf, kind: organization, name: IMF}}
reports:
  - {{id: fb, published_by: boiko, date: 2024-10-07}}
  - {{id: tass-item, published_by: tass, date: 2024-10-08}}
  - {{id: rt-item, published_by: rt, date: 2024-11-30}}
  - {{id: copy, published_by: agg, date: 2024-12-01}}
  - {{id: ft-report, published_by: ft, date: 2024-11-30}}
  - {{id: page, published_by: site, date: 2024-12-01}}
claims:
  - id: deserters-170k
    text: The total number of deserters now stands at 170,000.
    quantities:
      - {{measure: "deserters {EVIL}", unit: person, value: 170000,
         period_start: 2022-01-01, period_end: 2024-10-08}}
      - {{measure: share of the army, unit: percent, value: 18, of: the armed forces,
         period_start: 2022-01-01, period_end: 2024-10-08}}
      - {{measure: active-duty soldiers, unit: person, value: 18000000, as_of: 2024-10-08}}
  - {{id: skyrocket, text: Desertions skyrocket in the Ukrainian army.}}
  - id: cases-60k
    text: Prosecutors opened 60,000 cases against deserters from January to October.
    quantity: {{measure: criminal cases opened against deserters in Ukraine, unit: case,
               value: 60000, period_start: 2024-01-01, period_end: 2024-10-31}}
  - {{id: jan, text: "IMF January: 4.4%", quantity: {{measure: world growth, unit: percent,
     kind: forecast, forecaster: imf, made_on: 2022-01-25, value: 4.4,
     period_start: 2022-01-01, period_end: 2022-12-31}}}}
  - {{id: apr, text: "IMF April: 3.6%", quantity: {{measure: world growth, unit: percent,
     kind: forecast, forecaster: imf, made_on: 2022-04-19, value: 3.6,
     period_start: 2022-01-01, period_end: 2022-12-31}}}}
  - {{id: awol-9400, text: "9,400 went AWOL", quantity: {{measure: AWOL cases, unit: case,
     value: 9400}}}}
  - {{id: awol-255k, text: "Around 255,000 AWOL cases", quantity: {{measure: AWOL cases,
     unit: case, value: 255000, approximate: true}}}}
assertions:
  - {{id: boiko-170k, source: boiko, claim: deserters-170k, report: fb,
     quote: "the total number of deserters now stands at 170,000 {EVIL}"}}
  - id: tass-170k
    source: tass
    claim: deserters-170k
    report: tass-item
    cites: [boiko-170k]
    quote: more than 170,000 people have deserted
    quantity: {{measure: "deserters {EVIL}", unit: person, min_value: 170000,
               period_start: 2022-01-01, period_end: 2024-10-08}}
  - {{id: rt-a, source: rt, claim: skyrocket, report: rt-item,
     quote: "Ukrainian military desertions have skyrocketed, the Financial Times reported"}}
  - {{id: agg-a, source: agg, claim: skyrocket, report: copy, copies: [rt-a],
     quote: "Ukrainian military desertions have skyrocketed, the Financial Times reported"}}
  - {{id: ft-60k, source: ft, claim: cases-60k, report: ft-report}}
  - {{id: site-60k, source: site, claim: cases-60k, report: page, cites: [ft-60k],
     quote: "60,000 cases"}}
  - id: site-subheading
    source: site
    claim: cases-60k
    report: page
    headline: true
    cites: [ft-60k]
    quote: Some 60,000 soldiers have been prosecuted for leaving their positions this year
    quantity: {{measure: Ukrainian soldiers prosecuted for leaving their positions,
               unit: soldiers, value: 60000, approximate: true, period_start: 2024-01-01,
               period_end: 2024-10-31}}
  - {{id: imf-jan, source: imf, claim: jan}}
  - {{id: imf-apr, source: imf, claim: apr}}
  - {{id: tass-9400, source: tass, claim: awol-9400}}
  - {{id: tass-255k, source: tass, claim: awol-255k}}
"""

DS: Dataset = parse_dataset(FIXTURE, "fixture.yaml")
A = assess(DS)


def panel_data(html: str) -> dict[str, object]:
    raw = re.search(r'<script type="application/json" class="credkg-panels">(.*?)</script>',
                    html, flags=re.S)
    assert raw is not None
    data: dict[str, object] = json.loads(raw.group(1))
    return data


class Text(HTMLParser):
    """The text a reader sees (outside scripts and styles) and every tag opened."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def seen(html: str) -> Text:
    t = Text()
    t.feed(html)
    return t


def test_the_fixture_holds_every_case() -> None:
    kinds = {d.kind for d in A.distortions}
    assert {"bound_changed", "measure_switched", "attribution_dropped"} <= kinds
    assert [n.claims for n in A.revisions] == [("apr", "jan")]
    assert [n.claims for n in A.not_comparable] == [("awol-255k", "awol-9400")]


def test_a_claim_shows_every_figure_with_its_kind() -> None:
    v = claim_view(DS, "deserters-170k", assessment=A)
    node = next(n for n in v.nodes if n["id"] == "deserters-170k")
    figures = dict(node["info"]["details"])["figures"].split("\n")
    assert len(figures) == 3
    by_kind = {f.split(":")[0]: f for f in figures}
    assert by_kind["count over a period"].startswith(
        "count over a period: 170,000 (as rounded, 165,000-175,000) person")
    assert by_kind["percentage"].startswith(
        "percentage: 18% of the armed forces \u2014 share of the army")
    assert by_kind["count at a date"].startswith(
        "count at a date: 18,000,000 (as rounded, 17,500,000-18,500,000)")
    assert "on 2024-10-08" in by_kind["count at a date"]
    for f in figures:  # in the tooltip too
        assert f in node["title"]
    # the chain view has room: the label carries the figures, in short
    label = node["label"].replace("\n", " ")
    assert "170,000 (count)" in label and "18% (share)" in label
    # the whole view keeps labels short, and the figures in the tooltip and panel
    whole = next(n for n in graph_view(DS, assessment=A).nodes if n["id"] == "deserters-170k")
    assert "(count)" not in whole["label"] and by_kind["percentage"] in whole["title"]


def test_a_relay_that_changes_the_figure_is_drawn_distorts_with_the_numbers() -> None:
    v = claim_view(DS, "deserters-170k", assessment=A)
    relay = [e for e in v.edges if (e["from"], e["to"]) == ("tass-170k", "boiko-170k")]
    assert [e["relation"] for e in relay] == ["distorts"]
    assert relay[0]["color"] == EDGE_STYLE["distorts"]["color"]
    assert relay[0]["dashes"] == EDGE_STYLE["distorts"]["dashes"]
    assert "bound changed: TASS changes the bound" in relay[0]["title"]
    assert "170,000 becomes over 170,000" in relay[0]["info"]["details"][0][1]
    assert "distorts" in v.relations
    html = v.html()
    assert EDGE_LEGEND["distorts"] in seen(html).text
    # the relay's own version of the figure is on its node
    tass = next(n for n in v.nodes if n["id"] == "tass-170k")
    assert "says over 170,000 (count)" in tass["label"].replace("\n", " ")


def test_a_headline_against_its_body_and_a_copy_have_their_own_edges() -> None:
    v = claim_view(DS, "cases-60k", assessment=A)
    rel = {(e["from"], e["to"]): e["relation"] for e in v.edges}
    assert rel[("site-subheading", "ft-60k")] == "distorts"
    assert rel[("site-subheading", "site-60k")] == "distorts"  # headline against body
    assert rel[("site-60k", "ft-60k")] == "cites"
    body = next(e for e in v.edges if (e["from"], e["to"]) == ("site-subheading", "site-60k"))
    assert "headline against its body" in body["title"] and "measure switched" in body["title"]
    copy = claim_view(DS, "skyrocket", assessment=A)
    edges = [(e["from"], e["to"], e["relation"]) for e in copy.edges]
    assert ("agg-a", "rt-a", "copies") in edges
    assert "copies" in copy.relations
    # without an assessment the view finds them itself
    bare = {(e["from"], e["to"]): e["relation"] for e in claim_view(DS, "deserters-170k").edges}
    assert bare[("tass-170k", "boiko-170k")] == "distorts"


def test_whole_and_source_views_mark_distorting_and_copying_sources() -> None:
    for v in (graph_view(DS, assessment=A), source_view(DS, "tass", assessment=A)):
        rel = {(e["from"], e["to"]): e["relation"] for e in v.edges}
        assert rel[("tass", "boiko")] == "distorts", v.title
        assert "distorts" in v.relations
    rel = {(e["from"], e["to"]): e["relation"] for e in graph_view(DS, assessment=A).edges}
    assert rel[("agg", "rt")] == "copies"
    assert rel[("site", "ft")] == "distorts"


def test_static_svg_draws_the_styles_and_the_legend() -> None:
    svg = to_svg(claim_view(DS, "deserters-170k", assessment=A))
    dash = ",".join(map(str, EDGE_STYLE["distorts"]["dashes"]))
    assert f'stroke="{EDGE_STYLE["distorts"]["color"]}"' in svg
    assert f'stroke-dasharray="{dash}"' in svg
    assert "cites, but changes it" in svg
    assert EVIL not in svg and "&lt;img" in svg
    svg = to_svg(claim_view(DS, "skyrocket", assessment=A))
    assert f'stroke="{EDGE_STYLE["copies"]["color"]}"' in svg and "copies without" in svg


def test_report_has_its_sections_with_the_reasons_escaped() -> None:
    html = report_html(DS, assessment=A)
    text = " ".join(seen(html).text)
    for title in ("Relays that change what they relay", "Forecast revisions",
                  "Figures not comparable"):
        assert title in text
    revisions = re.search(r'<section id="revisions">(.*?)</section>', html, flags=re.S)
    assert revisions and "IMF April: 3.6%" in revisions.group(1)
    assert "a revision, not a contradiction" in revisions.group(1)
    nc = re.search(r'<section id="not-comparable">(.*?)</section>', html, flags=re.S)
    assert nc and "9,400 went AWOL" in nc.group(1) and "period unknown" in nc.group(1)
    dist = re.search(r'<section id="distortions">(.*?)</section>', html, flags=re.S)
    assert dist and "bound changed" in dist.group(1) and "measure switched" in dist.group(1)
    assert "attribution dropped" in dist.group(1)
    # not listed twice: the findings leave these kinds to their sections
    findings = re.search(r'<section id="findings">(.*?)</section>', html, flags=re.S)
    assert findings and "Forecast revisions" not in findings.group(1)
    # every figure of a claim in detail
    detail = re.search(r'<article class="claim" id="claim-deserters-170k">(.*?)</article>',
                       html, flags=re.S)
    assert detail and detail.group(1).count("<li>count") == 2
    assert "percentage: 18%" in detail.group(1) and "count at a date" in detail.group(1)
    # hostile text, from names, quotes and measures: shown as text, never as a tag
    assert "img" not in seen(html).tags and EVIL in text
    md = report_markdown(DS, assessment=A)
    assert "## Forecast revisions" in md and "## Figures not comparable" in md
    assert "<img" not in md and "&lt;img src=x onerror=alert(1)&gt;" in md


def test_page_data_is_json_only() -> None:
    html = claim_view(DS, "deserters-170k", assessment=A).html()
    assert EVIL not in html  # every < of the data is \\u003c inside JSON
    panels = panel_data(html)
    assert isinstance(panels, dict) and "tass-170k" in panels["nodes"]  # type: ignore[operator]
