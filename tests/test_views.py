"""The views as data: nodes, edges, layout, escaping, fragments and static pictures.

What they do in a real browser is tested in test_browser.py.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from kg.credibility import assess
from kg.credibility.provenance import provenance_chains
from kg.errors import InputError, NotFoundError
from kg.model import Assertion, Claim, Dataset, Report, Source
from kg.seed import seed_dataset
from kg.views import (
    KIND_STYLE,
    NodeInfo,
    View,
    claim_view,
    graph_view,
    json_for_script,
    source_view,
    to_svg,
    write_fragment,
    write_html,
    write_svg,
)
from kg.views.describe import id_namer
from kg.views.info import node_info
from kg.views.inline import library_style, library_tags
from kg.views.static import MAX_STATIC_NODES
from kg.views.style import GRADE_COLOURS

SEED = seed_dataset()
ASSESSMENT = assess(SEED)
INFO = node_info(ASSESSMENT)


def payload(html: str) -> list[dict[str, Any]]:
    """The JSON data of every view in a page, as the page's script reads it."""
    found = re.findall(r'<script type="application/json" class="credkg-data">(.*?)</script>',
                       html, flags=re.S)
    return [json.loads(x) for x in found]


def views() -> list[View]:
    return [graph_view(SEED, INFO, assessment=ASSESSMENT),
            claim_view(SEED, "convicts-deserted", INFO, assessment=ASSESSMENT),
            source_view(SEED, "ria", INFO, assessment=ASSESSMENT)]


# --- the whole graph ---------------------------------------------------------------------

def test_whole_graph_shaped_by_kind_and_filled_by_grade() -> None:
    v = graph_view(SEED, INFO, assessment=ASSESSMENT)
    ids = {n["id"] for n in v.nodes}
    assert ids == {s.id for s in SEED.sources} | {c.id for c in SEED.claims}
    for s in SEED.sources:
        node = next(n for n in v.nodes if n["id"] == s.id)
        grade = INFO[s.id].grade
        assert node["shape"] == KIND_STYLE[s.kind.value].shape
        assert node["color"]["background"] == GRADE_COLOURS[str(grade)]
        assert f"[{grade}]" in node["label"]
    for c in SEED.claims:
        node = next(n for n in v.nodes if n["id"] == c.id)
        assert node["color"]["background"] == GRADE_COLOURS[str(INFO[c.id].grade)]


def test_grade_palette_orders_the_judged_grades_and_sets_unjudged_apart() -> None:
    # lightness runs dark (best), lighter, lightest, lighter, dark (worst): ordered in grey
    def lum(hex_: str) -> float:
        r, g, b = (int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    claims = [GRADE_COLOURS[g] for g in "12345"]
    assert len(set(claims)) == 5 and [GRADE_COLOURS[g] for g in "ABCDE"] == claims
    assert lum(claims[0]) < lum(claims[1]) < lum(claims[2])
    assert lum(claims[2]) > lum(claims[3]) > lum(claims[4])
    unjudged = GRADE_COLOURS["6"]
    assert unjudged not in claims and GRADE_COLOURS["F"] == unjudged
    # "cannot be judged" is not drawn smaller, nor darker, than "doubtful"
    nodes = {n["id"]: n for n in graph_view(SEED, INFO, assessment=ASSESSMENT).nodes}
    six = next(n for n in nodes.values() if n.get("grade") == "6")
    four = next(n for n in nodes.values() if n.get("grade") == "4")
    assert six["size"] == four["size"] and lum(unjudged) > lum(GRADE_COLOURS["4"])
    assert six["borderWidth"] == four["borderWidth"]


def test_whole_graph_edges_follow_the_assertions() -> None:
    v = graph_view(SEED, INFO, assessment=ASSESSMENT)
    asserts = {(e["from"], e["to"]) for e in v.edges if e["relation"] == "asserts"}
    assert asserts == {(a.source, a.claim) for a in SEED.assertions}
    cites = [e for e in v.edges if e["relation"] == "cites"]
    assert all(e["dashes"] and e["arrows"] == "to" for e in cites)
    contradicts = [e for e in v.edges if e["relation"] == "contradicts"]
    assert {frozenset((e["from"], e["to"])) for e in contradicts} == {
        frozenset((c, o)) for c, ca in ASSESSMENT.claims.items() for o in ca.contradicted_by}
    assert all(e["color"] == "#d62728" for e in contradicts)


def test_grade_sets_claim_colour_not_size() -> None:
    info = {"convicts-deserted": NodeInfo(grade="2", score=0.9),
            "monthly-desertions-30k": NodeInfo(grade="5", score=0.1)}
    nodes = {n["id"]: n for n in graph_view(SEED, info).nodes}
    a, b = nodes["convicts-deserted"], nodes["monthly-desertions-30k"]
    assert a["size"] == b["size"]
    assert (a["color"]["background"], b["color"]["background"]) == (GRADE_COLOURS["2"],
                                                                    GRADE_COLOURS["5"])


def test_views_work_unscored_with_the_analysts_grades() -> None:
    v = graph_view(SEED)
    node = next(n for n in v.nodes if n["id"] == "article-publisher")
    assert SEED.source("article-publisher").reliability == "F"
    assert "[F]" in node["label"]
    assert claim_view(SEED, "convicts-deserted").nodes and source_view(SEED, "ria").nodes


def test_panel_carries_quote_report_date_grade_and_explanation() -> None:
    v = graph_view(SEED, INFO, assessment=ASSESSMENT)
    node = next(n for n in v.nodes if n["id"] == "monthly-desertions-30k")
    info = node["info"]
    grade = ASSESSMENT.claims["monthly-desertions-30k"].grade
    assert info["grade"].startswith(f"Credibility {grade}:")
    details = dict(info["details"] + info["after"])
    why = id_namer(SEED)(INFO["monthly-desertions-30k"].explanation or "")
    assert details["why this grade"] == why
    assert "october-desertions-21600" not in details["why this grade"]
    quote = next(q for q in info["quotes"] if q["source"] == "Valery Gerasimov")
    assert quote["quote"] == SEED.assertion("gerasimov-monthly-30k").quote
    assert quote["date"] == "2024-12-18" and quote["report"].startswith("Statement by")


# --- the chain view ----------------------------------------------------------------------

@pytest.mark.parametrize("claim", [c.id for c in SEED.claims])
def test_chain_view_runs_left_to_right_to_the_origins(claim: str) -> None:
    v = claim_view(SEED, claim, INFO, assessment=ASSESSMENT)
    x = {n["id"]: n["x"] for n in v.nodes}
    origins = set(ASSESSMENT.claims[claim].origins)
    for chain in provenance_chains(SEED, claim):
        steps = [x[claim], *(x[a] for a in chain)]
        assert steps == sorted(steps) and len(set(steps)) == len(steps)
        assert chain[-1] in origins
    rightmost = max(x.values())
    for n in v.nodes:
        if n["id"] in origins:
            assert x[n["id"]] == rightmost and "ORIGIN" in n["label"]
    assert v.options["physics"]["enabled"] is False


def test_chain_view_marks_hedged_and_places_contradictions_beside() -> None:
    v = claim_view(SEED, "swift-end-anticipated", INFO, assessment=ASSESSMENT)
    hedged = {n["id"] for n in v.nodes if n.get("shapeProperties", {}).get("borderDashes")}
    assert hedged == {a.id for a in SEED.assertions_of("swift-end-anticipated") if a.hedged}
    assert "hedged" in v.marks
    v = claim_view(SEED, "monthly-desertions-30k", INFO, assessment=ASSESSMENT)
    pos = {n["id"]: (n["x"], n["y"]) for n in v.nodes}
    others = set(ASSESSMENT.claims["monthly-desertions-30k"].contradicted_by)
    assert others and all(pos[o][0] < pos["monthly-desertions-30k"][0] for o in others)
    assert {e["to"] for e in v.edges if e["relation"] == "contradicts"} == others


def test_chain_view_numbers_independent_origins() -> None:
    ds = Dataset(
        sources=[Source(id="a", kind="person", name="A"), Source(id="b", kind="person", name="B"),
                 Source(id="o", kind="news_outlet", name="Outlet")],
        claims=[Claim(id="c", text="Something happened.")],
        assertions=[Assertion(id="a1", source="a", claim="c"),
                    Assertion(id="b1", source="b", claim="c"),
                    Assertion(id="o1", source="o", claim="c", cites=["a1", "b1"])])
    v = claim_view(ds, "c")
    labels = {n["id"]: n["label"] for n in v.nodes}
    assert "ORIGIN 1/2" in labels["a1"] and "ORIGIN 2/2" in labels["b1"]
    assert "2 independent" in v.subtitle


def test_unknown_claim_or_source_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        claim_view(SEED, "no-such-claim")
    with pytest.raises(NotFoundError):
        source_view(SEED, "no-such-source")


# --- the source view ---------------------------------------------------------------------

def test_source_view_columns() -> None:
    v = source_view(SEED, "ria", INFO, assessment=ASSESSMENT)
    level = {n["id"]: n["level"] for n in v.nodes}
    assert level["ria"] == 1
    assert level["article-publisher"] == 0  # cites RIA
    assert level["ua-security-sources"] == 3  # cited by RIA
    ria_claims = {a.claim for a in SEED.assertions if a.source == "ria"}
    assert {n for n, lv in level.items() if lv == 2} == ria_claims
    cites = {(e["from"], e["to"]) for e in v.edges if e["relation"] == "cites"}
    assert cites == {("ria", "ua-security-sources"), ("article-publisher", "ria")}


# --- HTML: offline, safe, embeddable -------------------------------------------------------

@pytest.mark.parametrize("view", views(), ids=["graph", "chain", "source"])
def test_page_is_offline_and_inlines_the_libraries(view: View) -> None:
    html = view.html()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "sourceMappingURL" not in html
    assert "vis-network" in html and "TomSelect" in html
    assert html.count(library_tags()) == 1 and library_style() in html


def test_fragment_is_one_container_and_ids_differ() -> None:
    a, b = claim_view(SEED, "convicts-deserted"), claim_view(SEED, "convicts-deserted")
    assert a.view_id != b.view_id
    frag = a.fragment()
    assert frag.startswith(f'<div class="credkg-view" id="{a.view_id}">')
    assert frag.rstrip().endswith("</div>") and "<html" not in frag and "<body" not in frag
    assert "if (!window.vis)" in frag  # libraries load once however many fragments
    assert "__VID__" not in frag and frag.count(a.view_id) >= 2
    assert a.view_id not in b.fragment()


def test_notebook_display_is_a_sandboxed_iframe() -> None:
    html = claim_view(SEED, "convicts-deserted")._repr_html_()
    assert html.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in html
    assert "<script" not in html  # all inside the escaped srcdoc


def hostile() -> Dataset:
    return Dataset(
        sources=[Source(id="s", kind="news_outlet", name="</script><script>alert(1)</script>")],
        reports=[Report(id="r", published_by="s", url="javascript:alert(1)",
                        title="<img src=x onerror=alert(2)>")],
        claims=[Claim(id="c", text="<img src=x onerror=alert(1)>")],
        assertions=[Assertion(id="a", source="s", claim="c", report="r",
                              quote="<script>alert(3)</script> \u2028 &amp;")])


@pytest.mark.parametrize("make", [
    lambda ds: graph_view(ds), lambda ds: claim_view(ds, "c"), lambda ds: source_view(ds, "s")],
    ids=["graph", "chain", "source"])
def test_hostile_text_stays_data(make: Any) -> None:
    v = make(hostile())
    html = v.html()
    for bad in ("<img", "<script>alert", "</script><script>"):
        assert bad not in html
    data = payload(html)[0]
    texts = json.dumps(data, ensure_ascii=False)
    assert "<img src=x onerror=alert(1)>" in texts  # the text itself is kept, as data
    assert "\u2028" not in html.split('class="credkg-data">', 1)[1].split("</script>", 1)[0]


def test_json_for_script_round_trips() -> None:
    data = {"t": "</script><!-- & \u2028 \u2029 '\""}
    text = json_for_script(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_write_html_and_fragment(tmp_path: Path) -> None:
    v = source_view(SEED, "vanner")
    page = write_html(v, tmp_path / "v.html").read_text(encoding="utf-8")
    frag = write_fragment(v, tmp_path / "v-frag.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and frag.startswith("<div")
    assert payload(page) == payload(frag)


# --- static pictures ---------------------------------------------------------------------

@pytest.mark.parametrize("view", views(), ids=["graph", "chain", "source"])
def test_svg_draws_every_node_and_edge(view: View) -> None:
    root = ET.fromstring(to_svg(view))
    ns = "{http://www.w3.org/2000/svg}"
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{ns}text"))
    for n in view.nodes:
        first = n["label"].split("\n")[0]
        assert first in texts
    drawn = list(root.iter(f"{ns}line")) + list(root.iter(f"{ns}path"))
    legend_lines = len(view.relations)
    markers = len(list(root.iter(f"{ns}marker")))
    assert len(drawn) - legend_lines - markers == len(view.edges)


def test_svg_escapes_and_never_links() -> None:
    svg = to_svg(claim_view(hostile(), "c"))
    assert "<img" not in svg and "<script" not in svg and "href" not in svg
    ET.fromstring(svg)  # well-formed


def test_svg_refuses_a_hairball(tmp_path: Path) -> None:
    v = View(title="big", nodes=[{"id": str(i), "label": str(i)} for i in range(
        MAX_STATIC_NODES + 1)], edges=[], options={})
    with pytest.raises(InputError, match="too many"):
        write_svg(v, tmp_path / "big.svg")
    assert not (tmp_path / "big.svg").exists()


def test_empty_corners_draw() -> None:
    lonely = Dataset(claims=[Claim(id="c", text="Nobody says this.")])
    v = claim_view(lonely, "c")
    assert [n["id"] for n in v.nodes] == ["c"] and v.edges == []
    assert "0 chains" in v.subtitle
    quiet = source_view(SEED, "ua-armed-forces")
    assert [n["id"] for n in quiet.nodes] == ["ua-armed-forces"]
    empty = graph_view(Dataset())
    assert empty.nodes == [] and "<svg" in to_svg(empty) and empty.html()


@pytest.mark.parametrize("view", views(), ids=["graph", "chain", "source"])
def test_svg_carries_no_interactive_hint(view: View) -> None:
    svg = to_svg(view)
    for hint in ("Click", "click", "Zoom", "zoom", "hover", "Find a source"):
        assert hint not in svg
    assert 'data-grade' not in svg and GRADE_COLOURS["4"] in svg  # the grade scale is drawn


def test_markdown_report_names_claims_and_draws_chains(tmp_path: Path) -> None:
    from kg.report import write_report

    md = write_report(SEED, tmp_path / "r.md", INFO, assessment=ASSESSMENT, fmt="md",
                      claims=["monthly-desertions-30k"])
    text = md.read_text(encoding="utf-8")
    picture = tmp_path / "r-chains" / "claim-1.svg"
    assert "](<r-chains/claim-1.svg>)" in text and picture.is_file()
    assert ET.fromstring(picture.read_text(encoding="utf-8")).tag.endswith("svg")
    for code in ("monthly-desertions-30k", "single_origin", "(s)", ".:"):
        assert code not in text.replace("claim-1.svg", "")
    assert "Generated" in text and "Input documents" in text


def test_views_take_the_assessment_alone() -> None:
    from kg.report import report_html
    from kg.views import claim_view, graph_view, source_view

    pairs = [
        (graph_view(SEED, assessment=ASSESSMENT), graph_view(SEED, INFO, assessment=ASSESSMENT)),
        (claim_view(SEED, "convicts-deserted", assessment=ASSESSMENT),
         claim_view(SEED, "convicts-deserted", INFO, assessment=ASSESSMENT)),
        (source_view(SEED, "ria", assessment=ASSESSMENT),
         source_view(SEED, "ria", INFO, assessment=ASSESSMENT)),
    ]
    for alone, both in pairs:
        assert alone.nodes == both.nodes and alone.edges == both.edges
        assert any("grade" in str(n) for n in alone.nodes)
    page = report_html(SEED, assessment=ASSESSMENT)
    assert "cannot be judged" in page  # convicts-deserted's grade 6, read off the assessment
