# ruff: noqa: F811  (the browser fixtures are imported from tests.test_browser by name)
"""Figures, distortions and copies in real headless Chromium: what a reader sees and clicks.

The fixture is :mod:`tests.test_views_figures`'s (hostile text in a name, a quote
and a measure). Skipped like :mod:`tests.test_browser` outside CI without Chromium.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.report import write_report
from kg.views import claim_view, graph_view, write_html
from kg.views.style import EDGE_LEGEND, EDGE_STYLE

from .test_browser import Opened, browser, open_page, shot  # noqa: F401
from .test_views_figures import DS, A

pytestmark = pytest.mark.browser


def edge_look(o: Opened, src: str, dst: str) -> list[dict[str, object]]:
    """How vis-network draws the edges from ``src`` to ``dst``: colour, dashes, width."""
    found: list[dict[str, object]] = o.js("""([a, b]) => {
        const v = Object.values(window.credkgViews)[0], out = [];
        for (const e of Object.values(v.network.body.edges)) {
          if (e.fromId === a && e.toId === b) out.push({id: e.id, color: e.options.color.color,
            dashes: e.options.dashes, width: e.options.width}); }
        return out; }""", [src, dst])
    return found


def test_claim_panel_lists_every_figure_and_the_distorting_relay_is_drawn_apart(
        open_page: Callable[..., Opened], tmp_path: Path) -> None:
    o = open_page(write_html(claim_view(DS, "deserters-170k", assessment=A),
                             tmp_path / "chain.html"))
    legend = o.page.locator(".credkg-legend").inner_text()
    assert EDGE_LEGEND["distorts"] in legend
    distorting = edge_look(o, "tass-170k", "boiko-170k")
    assert len(distorting) == 1
    assert distorting[0]["color"] == EDGE_STYLE["distorts"]["color"]
    assert distorting[0]["dashes"] == EDGE_STYLE["distorts"]["dashes"]
    plain = [e["color"] for e in edge_look(o, "tass-170k", "deserters-170k")]
    assert plain == [EDGE_STYLE["asserts"]["color"]]
    # click the claim: its panel names each figure with its kind
    x, y = o.node_point("deserters-170k")
    o.page.mouse.click(x, y)
    text = o.panel()
    for words in ("count over a period: 170,000", "percentage: 18% of the armed forces",
                  "count at a date: 18,000,000 (as rounded, 17,500,000-18,500,000)"):
        assert words in text
    assert "deserters <img src=x onerror=alert(1)>" in text  # shown as text
    # the distorting edge's panel says what changes, with the numbers
    o.js("id => Object.values(window.credkgViews)[0].showEdge(id)", distorting[0]["id"])
    text = o.panel()
    assert "what changes" in text and "170,000 becomes over 170,000" in text
    assert o.page.locator(".credkg-panel img").count() == 0 and o.dialogs == []
    shot(o, "chain-distortion.png")


def test_copy_edge_in_the_whole_graph(open_page: Callable[..., Opened], tmp_path: Path) -> None:
    o = open_page(write_html(graph_view(DS, assessment=A), tmp_path / "whole.html"))
    assert [e["color"] for e in edge_look(o, "agg", "rt")] == [EDGE_STYLE["copies"]["color"]]
    assert [e["color"] for e in edge_look(o, "site", "ft")] == [EDGE_STYLE["distorts"]["color"]]
    legend = o.page.locator(".credkg-legend").inner_text()
    assert EDGE_LEGEND["copies"] in legend and EDGE_LEGEND["distorts"] in legend


def test_report_sections_as_rendered(open_page: Callable[..., Opened], tmp_path: Path) -> None:
    o = open_page(write_report(DS, tmp_path / "report.html", assessment=A))
    for sid, words in (("revisions", "IMF April: 3.6%"),
                       ("not-comparable", "not comparable: period unknown"),
                       ("distortions", "170,000 becomes over 170,000")):
        assert words in o.page.locator(f"section#{sid}").inner_text(), sid
    assert o.page.locator("img").count() == 0 and o.dialogs == []
