"""The credibility report, HTML and Markdown: sections, grades, escaping, links."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.credibility import assess
from kg.errors import NotFoundError
from kg.model import Assertion, Claim, Dataset, Report, Source
from kg.report import (
    MAX_DEFAULT_CLAIMS,
    md_escape,
    report_html,
    report_markdown,
    safe_link,
    selected_claims,
    write_report,
)
from kg.seed import seed_dataset
from kg.views.describe import id_namer
from kg.views.info import node_info

SEED = seed_dataset()
ASSESSMENT = assess(SEED)
INFO = node_info(ASSESSMENT)


class Tags(HTMLParser):
    """Collects start tags with their attributes, and the text of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Tags:
    t = Tags()
    t.feed(html)
    return t


def scored_html(**kw: object) -> str:
    return report_html(SEED, INFO, "Seed report", assessment=ASSESSMENT, **kw)  # type: ignore[arg-type]


def test_sections_in_order() -> None:
    html = scored_html()
    ids = [a.get("id") for tag, a in parse(html).tags if tag == "section"]
    assert ids == ["summary", "sources", "claims", "contradictions", "distortions", "revisions",
                   "not-comparable", "findings", "chains", "reports", "methods"]


def test_tables_carry_the_engines_grades() -> None:
    html = scored_html()
    rows = re.findall(r'<table class="claims">.*?</table>', html, flags=re.S)[0]
    grades = re.findall(r'<span class="grade g-(\d)"', rows)
    assert sorted(grades) == sorted(str(c.grade) for c in ASSESSMENT.claims.values())
    rows = re.findall(r'<table class="sources">.*?</table>', html, flags=re.S)[0]
    grades = re.findall(r'<span class="grade g-([A-F])"', rows)
    assert sorted(grades) == sorted(s.grade for s in ASSESSMENT.sources.values())


def test_findings_and_contradictions_are_reported() -> None:
    html = scored_html()
    text = " ".join(parse(html).text)
    assert "single independent origin" in text and "Interested party" in text
    detected = ASSESSMENT.detected[0]
    assert "stated and detected" in text
    assert id_namer(SEED)(detected.reason) in text  # claims named by their words, not ids
    assert "\u201cmonthly-desertions-30k\u201d" not in text


def test_each_selected_claim_has_its_chain_view_and_explanation() -> None:
    html = scored_html(claims=["convicts-deserted", "monthly-desertions-30k"])
    assert html.count('class="credkg-view credkg-embedded"') == 2
    for cid in ("convicts-deserted", "monthly-desertions-30k"):
        assert f'id="claim-{cid}"' in html and f'id="credkg-chain-{cid}"' in html
        words = id_namer(SEED)(INFO[cid].explanation or "")
        assert str(parse(words).text[0]) in " ".join(parse(html).text)


def test_default_selection() -> None:
    assert selected_claims(SEED, None, ASSESSMENT) == [c.id for c in SEED.claims]
    big = Dataset(claims=[Claim(id=f"c{i}", text=f"claim {i}",
                                contradicts=["c0"] if i == 30 else [])
                          for i in range(40)])
    chosen = selected_claims(big, None, assess(big))
    assert len(chosen) == MAX_DEFAULT_CLAIMS and chosen[:2] == ["c0", "c30"]
    with pytest.raises(NotFoundError):
        selected_claims(SEED, ["nope"])


def test_report_is_self_contained() -> None:
    html = scored_html()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert html.count("if (!window.vis)") == 1  # the libraries once, in the head


def test_unscored_report_still_works() -> None:
    html = report_html(SEED)
    assert "Not scored" in html and "RIA Novosti" in html


def hostile() -> Dataset:
    return Dataset(
        sources=[Source(id="s", kind="news_outlet", name="<b>Evil</b> | *bold*")],
        reports=[Report(id="r", published_by="s", url="javascript:alert(1)",
                        title="[click](javascript:alert(2))"),
                 Report(id="ok", published_by="s", url="https://example.org/a b")],
        claims=[Claim(id="c", text="<img src=x onerror=alert(1)>"),
                Claim(id="d", text="<script>alert(3)</script>", contradicts=["c"])],
        assertions=[Assertion(id="a", source="s", claim="c", report="r",
                              quote="</script><script>alert(4)</script>"),
                    Assertion(id="b", source="s", claim="d", report="ok")])


def test_html_escapes_everything_and_links_only_http() -> None:
    ds = hostile()
    a = assess(ds)
    html = report_html(ds, node_info(a), "<title>", assessment=a)
    tags = parse(html)
    assert not [t for t, _ in tags.tags if t in ("img", "b", "iframe")]
    scripts = [t for t, _ in tags.tags if t == "script"]
    assert len(scripts) == 2 + 3 * len(ds.claims)  # libraries; data, panels, code per chain
    hrefs = [at.get("href") or "" for t, at in tags.tags if t == "a"]
    assert not [h for h in hrefs if not h.startswith(("#", "http://", "https://"))]
    assert "javascript:alert(1)" in " ".join(tags.text)  # shown as text


def test_markdown_escapes_and_links_only_http() -> None:
    ds = hostile()
    a = assess(ds)
    md = report_markdown(ds, node_info(a), assessment=a)
    assert "<img" not in md and "<script" not in md and "<b>" not in md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    assert not re.search(r"(?<!\\)\]\(javascript", md) and "<javascript" not in md
    assert "\\[click\\]" in md
    assert "<https://example.org/a b>" not in md  # a space cannot sit in an autolink
    for line in md.splitlines():
        if line.startswith("| ") and "Evil" in line:
            assert line.count(" | ") == line.replace("\\|", "").count(" | ")


def test_markdown_has_every_section() -> None:
    md = report_markdown(SEED, INFO, assessment=ASSESSMENT)
    heads = [x for x in md.splitlines() if x.startswith("## ")]
    assert heads == ["## Summary", "## Source reliability", "## Claim credibility",
                     "## Contradictions", "## Relays that change what they relay",
                     "## Forecast revisions", "## Figures not comparable", "## Findings",
                     "## Claims in detail", "## Reports", "## Methods"]
    assert "Publisher of the article \\(unnamed\\)" not in md  # parentheses left readable


@pytest.mark.parametrize("url, linked", [
    ("https://example.org", True), ("HTTP://EXAMPLE.ORG/x", True),
    ("javascript:alert(1)", False), (" javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False), ("data:text/html,<b>x</b>", False),
    ("vbscript:x", False), ("//evil.example", False), ("http:/no-host", False),
])
def test_safe_link(url: str, linked: bool) -> None:
    out = safe_link(url)
    assert out.startswith("<a ") is linked
    assert "<b>" not in out


def test_md_escape() -> None:
    assert md_escape("a|b") == "a\\|b"
    assert md_escape("[x](y)") == "\\[x\\](y)"
    assert md_escape("line\nbreak") == "line break"


def test_write_report_formats(tmp_path: Path) -> None:
    html = write_report(SEED, tmp_path / "r.html", INFO, assessment=ASSESSMENT)
    md = write_report(SEED, tmp_path / "r.md", INFO, assessment=ASSESSMENT, fmt="md")
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert md.read_text(encoding="utf-8").startswith("# credkg report")
