"""The views and the report in real headless Chromium (Playwright, system ``chromium``).

Each page is opened from a file with every non-file request blocked and
recorded; the tests read the vis-network data from the page, click nodes, hover
them, and assert on what the page shows. Every page opened must log no console
error. Screenshots go to ``exports/screenshots/`` for a reviewer to look at.

Skipped only outside CI when Chromium or Playwright is missing; under ``CI=true``
they run or fail.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kg.credibility import assess
from kg.credibility.provenance import provenance_chains, tips
from kg.model import Assertion, Claim, Dataset, Report, Source
from kg.outputs import write_outputs
from kg.report import write_report
from kg.seed import seed_dataset
from kg.synthetic import graph_dataset
from kg.views import KIND_STYLE, claim_view, graph_view, page, source_view, write_html
from kg.views.info import node_info

from .conftest import IN_CI, ROOT

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "exports" / "screenshots"

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ModuleNotFoundError:  # pragma: no cover - only outside CI
    if IN_CI:
        raise
    pytest.skip("playwright is not installed", allow_module_level=True)

if not Path(CHROMIUM).is_file() and not IN_CI:
    pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)", allow_module_level=True)


@dataclass
class Opened:
    """A page opened from a file, with what it tried to fetch, logged and popped up."""

    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def views(self) -> list[str]:
        ids: list[str] = self.js("Object.keys(window.credkgViews || {})")
        return ids

    def counts(self, vid: str | None = None) -> tuple[int, int]:
        vid = vid or self.views()[0]
        n, m = self.js("""vid => { const d = window.credkgViews[vid].network.body.data;
                          return [d.nodes.length, d.edges.length]; }""", vid)
        return n, m

    def panel(self, vid: str | None = None) -> str:
        vid = vid or self.views()[0]
        text: str = self.page.locator(f"#{vid} .credkg-panel").inner_text()
        return text

    def node_point(self, node: str, vid: str | None = None) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        vid = vid or self.views()[0]
        x, y = self.js("""([vid, id]) => {
            const v = window.credkgViews[vid], net = v.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const r = document.querySelector('#' + vid + ' .credkg-net').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""", [vid, node])
        return x, y


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Opened]]:
    """Open a file in a fresh page; after the test, assert it logged no console error."""
    opened: list[Opened] = []
    contexts = []

    def open_(path: Path, *, settle_timeout: float = 30_000,
              viewport: tuple[int, int] = (1400, 900)) -> Opened:
        ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(ctx)
        pg = ctx.new_page()
        o = Opened(pg, path.resolve().as_uri())

        def route(r: Any) -> None:
            if r.request.url == o.url or r.request.url.startswith("data:"):
                r.continue_()
            else:
                o.requests.append(r.request.url)
                r.abort()

        ctx.route("**/*", route)
        pg.on("request", lambda req: None if req.url == o.url or req.url.startswith("data:")
              else o.requests.append(req.url))
        pg.on("console", lambda m: o.errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda exc: o.errors.append(str(exc)))

        def dialog(d: Any) -> None:
            o.dialogs.append(d.message)
            d.dismiss()

        pg.on("dialog", dialog)
        pg.goto(o.url)
        pg.wait_for_function(
            "() => { const v = document.querySelectorAll('.credkg-view'); return v.length === 0"
            " || Array.from(v).every(e => e.getAttribute('data-settled') === 'true'); }",
            timeout=settle_timeout)
        opened.append(o)
        return o

    yield open_
    for o in opened:
        assert o.errors == [], f"console errors on {o.url}: {o.errors}"
        assert o.requests == [], f"network requests from {o.url}: {o.requests}"
    for ctx in contexts:
        ctx.close()


def shot(o: Opened, name: str, *, full_page: bool = False) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    o.page.screenshot(path=str(path), full_page=full_page)
    return path


# --- the seed, scored, and what each view must hold, computed from the data -------------

@pytest.fixture(scope="module")
def seed() -> Dataset:
    return seed_dataset()


@pytest.fixture(scope="module")
def scored(seed: Dataset) -> tuple[Any, Any]:
    a = assess(seed)
    return a, node_info(a)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory, seed: Dataset) -> Path:
    out = tmp_path_factory.mktemp("demo")
    write_outputs(seed, out, title="credkg: seed article")
    return out


def contradicting(ds: Dataset, a: Any) -> set[frozenset[str]]:
    pairs = {frozenset((c.id, o)) for c in ds.claims for o in c.contradicts}
    pairs |= {frozenset((cid, o)) for cid, ca in a.claims.items() for o in ca.contradicted_by}
    return pairs


def expected_whole(ds: Dataset, a: Any) -> tuple[int, int]:
    by_id = {x.id: x for x in ds.assertions}
    asserts = {(x.source, x.claim) for x in ds.assertions}
    cites = {(x.source, by_id[c].source) for x in ds.assertions for c in x.cites
             if by_id[c].source != x.source}
    supports = {(c.id, o) for c in ds.claims for o in c.supports}
    affiliated = {(s.id, o) for s in ds.sources for o in s.affiliated_with}
    edges = len(asserts) + len(cites) + len(contradicting(ds, a)) + len(supports) + len(affiliated)
    return len(ds.sources) + len(ds.claims), edges


def expected_chain(ds: Dataset, a: Any, claim: str) -> tuple[int, int]:
    reached = {x for chain in provenance_chains(ds, claim) for x in chain}
    others = {o for p in contradicting(ds, a) if claim in p for o in p if o != claim}
    cites = sum(len(ds.assertion(x).cites) for x in reached)
    return 1 + len(reached) + len(others), len(tips(ds, claim)) + cites + len(others)


def expected_ego(ds: Dataset, source: str) -> tuple[int, int]:
    by_id = {x.id: x for x in ds.assertions}
    mine = [x for x in ds.assertions if x.source == source]
    cited = [by_id[c] for x in mine for c in x.cites if by_id[c].source != source]
    citers = {x.source for x in ds.assertions if x.source != source
              and any(by_id[c].source == source for c in x.cites)}
    asserts = {(source, x.claim) for x in mine} | {(c.source, c.claim) for c in cited}
    cited_sources = {c.source for c in cited}
    claims = {c for _, c in asserts}
    nodes = 1 + len(claims) + len(cited_sources | citers)
    return nodes, len(asserts) + len(cited_sources) + len(citers)


# --- 1. each view of the seed renders the expected nodes and edges ----------------------

def test_whole_graph_counts_and_screenshot(open_page: Callable[..., Opened], outputs: Path,
                                           seed: Dataset, scored: tuple[Any, Any]) -> None:
    o = open_page(outputs / "graph.html")
    assert o.counts() == expected_whole(seed, scored[0])
    kinds = set(o.js("() => Object.values(window.credkgViews)[0].nodes.get()"
                     ".map(n => n.kind)"))
    assert {"news_outlet", "person", "anonymous_source", "unnamed_document", "claim"} <= kinds
    o.page.mouse.click(*o.node_point("monthly-desertions-30k"))
    o.page.mouse.move(5, 5)
    shot(o, "graph.png")


@pytest.mark.parametrize("claim", [c.id for c in seed_dataset().claims])
def test_claim_view_counts(claim: str, open_page: Callable[..., Opened], tmp_path: Path,
                           seed: Dataset, scored: tuple[Any, Any]) -> None:
    a, info = scored
    o = open_page(write_html(claim_view(seed, claim, info, assessment=a), tmp_path / "c.html"))
    assert o.counts() == expected_chain(seed, a, claim)
    # left to right: claim, then every relay, then the origins
    xs = o.js("() => { const v = Object.values(window.credkgViews)[0];"
              " const p = v.network.getPositions(); return v.nodes.get().map("
              "n => [n.id, n.kind, p[n.id].x]); }")
    x = {i: px for i, _, px in xs}
    for chain in provenance_chains(seed, claim):
        along = [x[claim], *(x[step] for step in chain)]
        assert along == sorted(along) and len(set(along)) == len(along)


@pytest.mark.parametrize("source", ["ria", "vanner", "article-publisher", "ua-security-sources"])
def test_source_view_counts(source: str, open_page: Callable[..., Opened], tmp_path: Path,
                            seed: Dataset, scored: tuple[Any, Any]) -> None:
    a, info = scored
    o = open_page(write_html(source_view(seed, source, info, assessment=a), tmp_path / "s.html"))
    assert o.counts() == expected_ego(seed, source)


# --- 2. clicking or hovering a claim shows its quote and grade --------------------------

def test_click_claim_in_chain_view_shows_quote_and_grade(
        open_page: Callable[..., Opened], tmp_path: Path, seed: Dataset,
        scored: tuple[Any, Any]) -> None:
    a, info = scored
    claim = "convicts-deserted"
    o = open_page(write_html(claim_view(seed, claim, info, assessment=a),
                             tmp_path / "chain.html"))
    o.page.mouse.click(*o.node_point(claim))
    text = o.panel()
    grade = a.claims[claim].grade
    assert f"Credibility {grade}:" in text
    for x in seed.assertions_of(claim):
        assert x.quote is not None
        assert " ".join(x.quote.split()) in " ".join(text.split())
    # the engine's explanation is shown (a single relay chain: no false confirmation, #13)
    assert "single independent origin" in text
    shot(o, "claim-chain-single-origin.png")


def test_contradicted_claim_chain(open_page: Callable[..., Opened], tmp_path: Path,
                                  seed: Dataset, scored: tuple[Any, Any]) -> None:
    a, info = scored
    claim = "monthly-desertions-30k"
    o = open_page(write_html(claim_view(seed, claim, info, assessment=a),
                             tmp_path / "chain.html"))
    for other in a.claims[claim].contradicted_by:
        o.page.mouse.click(*o.node_point(other))
        assert f"Credibility {a.claims[other].grade}:" in o.panel()
    o.page.mouse.click(*o.node_point(claim))
    text = " ".join(o.panel().split())
    assert all(seed.claim(x).text in text for x in a.claims[claim].contradicted_by)
    o.page.mouse.move(5, 5)
    shot(o, "claim-chain.png")


def test_click_and_hover_in_whole_graph(open_page: Callable[..., Opened], outputs: Path,
                                        seed: Dataset, scored: tuple[Any, Any]) -> None:
    a, _ = scored
    claim = "monthly-desertions-30k"
    o = open_page(outputs / "graph.html")
    o.page.mouse.move(*o.node_point(claim))
    tip = o.page.locator(".vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    assert f"credibility {a.claims[claim].grade}:" in tip.inner_text()
    o.page.mouse.click(*o.node_point(claim))
    text = " ".join(o.panel().split())
    quote = seed.assertion("gerasimov-monthly-30k").quote or ""
    assert " ".join(quote.split()) in text
    assert f"Credibility {a.claims[claim].grade}:" in text
    assert "Statement by Valery Gerasimov" in text and "2024-12-18" in text  # report and date


def test_source_view_click_and_screenshot(open_page: Callable[..., Opened], tmp_path: Path,
                                          seed: Dataset, scored: tuple[Any, Any]) -> None:
    a, info = scored
    o = open_page(write_html(source_view(seed, "ria", info, assessment=a), tmp_path / "s.html"))
    o.page.mouse.click(*o.node_point("ria"))
    assert f"Reliability {a.sources['ria'].grade}:" in o.panel()
    o.page.mouse.move(5, 5)
    shot(o, "source-ego.png")


def test_find_box_focuses_a_node(open_page: Callable[..., Opened], outputs: Path) -> None:
    o = open_page(outputs / "graph.html")
    o.page.locator(".ts-control input").first.fill("Die Welt")
    o.page.locator(".ts-dropdown .option").first.click()
    assert "Die Welt" in o.panel()
    box = o.page.locator("input.credkg-filter[data-kind=claim]")
    box.uncheck()
    hidden = o.js("() => Object.values(window.credkgViews)[0].nodes.get()"
                  ".filter(n => n.hidden).length")
    assert hidden == len(seed_dataset().claims)


# --- 3. the report -----------------------------------------------------------------------

def test_report_renders_every_chain(open_page: Callable[..., Opened], outputs: Path,
                                    seed: Dataset, scored: tuple[Any, Any]) -> None:
    a, _ = scored
    o = open_page(outputs / "report.html")
    assert len(o.views()) == len(seed.claims)
    for claim in ("convicts-deserted", "monthly-desertions-30k"):
        vid = f"credkg-chain-{claim}"
        assert o.counts(vid) == expected_chain(seed, a, claim)
    grades = o.js("() => Array.from(document.querySelectorAll('table.claims tbody tr'))"
                  ".map(r => r.cells[1].innerText.trim().split(' ')[0])")
    assert sorted(grades) == sorted(str(c.grade) for c in a.claims.values())
    shot(o, "report.png")
    o.page.locator("#claim-monthly-desertions-30k").scroll_into_view_if_needed()
    shot(o, "report-chain.png")


# --- 4. hostile data ---------------------------------------------------------------------

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "<script>alert(2)</script>"


def hostile_dataset() -> Dataset:
    return Dataset(
        sources=[
            Source(id="evil", kind="news_outlet", name="<b onmouseover=alert(3)>Evil</b>",
                   aliases=["</script><script>alert(4)</script>"]),
            Source(id="anon", kind="anonymous_source", name="<svg onload=alert(5)>"),
        ],
        reports=[Report(id="r1", title="<iframe src=javascript:alert(6)>",
                        published_by="evil", url="javascript:alert(1)"),
                 Report(id="r2", title="ok", published_by="evil",
                        url="JaVaScRiPt:alert(7)")],
        claims=[Claim(id="img", text=XSS_IMG, contradicts=["script"]),
                Claim(id="script", text=XSS_SCRIPT)],
        assertions=[
            Assertion(id="a0", source="anon", claim="img", quote=XSS_SCRIPT),
            Assertion(id="a1", source="evil", claim="img", report="r1", cites=["a0"],
                      quote="</script><img src=y onerror=alert(8)>"),
            Assertion(id="a2", source="evil", claim="script", report="r2", hedged=True,
                      quote="&lt;script&gt; \u2028 {{7*7}}"),
        ],
    )


def test_hostile_text_runs_nothing_and_inserts_nothing(
        open_page: Callable[..., Opened], tmp_path: Path) -> None:
    ds = hostile_dataset()
    a = assess(ds)
    info = node_info(a)
    pages = [
        write_html(graph_view(ds, info, assessment=a), tmp_path / "g.html"),
        write_html(claim_view(ds, "img", info, assessment=a), tmp_path / "c.html"),
        write_html(source_view(ds, "evil", info, assessment=a), tmp_path / "s.html"),
        write_report(ds, tmp_path / "r.html", info, assessment=a),
    ]
    for path in pages:
        o = open_page(path)
        # show every node's and edge's panel, and search, so all text passes through the DOM
        o.js("""() => Object.values(window.credkgViews).forEach(v => {
                  v.nodes.getIds().forEach(id => v.show(id));
                  v.edges.getIds().forEach(id => v.showEdge(id)); })""")
        vid = o.views()[0]
        if o.js("vid => !!document.querySelector('#' + vid + ' .credkg-panel')", vid):
            o.js("vid => window.credkgViews[vid].show('img')", vid)
            assert XSS_IMG in o.panel(vid)
            o.page.locator(f"#{vid} .ts-control input").fill("<")
            o.page.locator(f"#{vid} .ts-dropdown .option").first.wait_for()
            o.page.mouse.move(*o.node_point("img", vid))
        else:  # a chain embedded in the report: no panel, the tooltip carries the text
            o.page.locator(f"#{vid}").scroll_into_view_if_needed()
            o.page.mouse.move(*o.node_point("img", vid))
            tip = o.page.locator(f"#{vid} .vis-tooltip")
            tip.wait_for(state="visible", timeout=5000)
            assert XSS_IMG in tip.inner_text()
        o.page.wait_for_timeout(300)
        assert o.dialogs == []
        assert o.js("() => document.querySelectorAll('img, iframe, svg [onload], b').length") == 0
        assert o.js("() => document.querySelectorAll('[onerror], [onload], [onmouseover]')"
                    ".length") == 0
        scripts = o.js("() => document.scripts.length")
        assert scripts == 2 + 3 * len(o.views())  # the libraries; data, panels, code per view
        hrefs = o.js("() => Array.from(document.querySelectorAll('a[href]'), a => a.href)")
        assert all(h.startswith(("https:", "http:", o.url + "#")) for h in hrefs), hrefs
    assert "javascript:alert(1)" in o.page.content()  # shown as text in the report


# --- 5. fragments and notebooks ----------------------------------------------------------

def test_two_fragments_on_one_page(open_page: Callable[..., Opened], tmp_path: Path,
                                   seed: Dataset, scored: tuple[Any, Any]) -> None:
    a, info = scored
    one = graph_view(seed, info, assessment=a)
    two = claim_view(seed, "monthly-desertions-30k", info, assessment=a)
    host = tmp_path / "host.html"
    host.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><title>host</title>"
                    "</head><body><h1>My report</h1><p>Text before.</p>"
                    f"{one.fragment()}<p>Text between.</p>{two.fragment()}</body></html>",
                    encoding="utf-8")
    o = open_page(host)
    assert set(o.views()) == {one.view_id, two.view_id}
    assert o.counts(one.view_id) == expected_whole(seed, a)
    assert o.counts(two.view_id) == expected_chain(seed, a, "monthly-desertions-30k")
    o.page.locator(f"#{two.view_id}").scroll_into_view_if_needed()
    o.page.mouse.click(*o.node_point("monthly-desertions-30k", two.view_id))
    assert "Up to 30,000" in o.panel(two.view_id)
    assert "Click a node" in o.panel(one.view_id)  # the other view did not react


def test_notebook_display_in_an_iframe(open_page: Callable[..., Opened], tmp_path: Path,
                                       seed: Dataset) -> None:
    v = claim_view(seed, "convicts-deserted")
    host = tmp_path / "notebook.html"
    host.write_text(page("notebook", "<div class='output'>" + v._repr_html_() + "</div>"),
                    encoding="utf-8")
    o = open_page(host)
    frame = o.page.frames[1]
    frame.wait_for_function("() => window.credkgViews && Object.values(window.credkgViews)"
                            ".length === 1")
    n = frame.evaluate("() => Object.values(window.credkgViews)[0].network.body.data"
                       ".nodes.length")
    assert n == expected_chain(seed, assess(seed), "convicts-deserted")[0]


# --- 6. a big graph loads and settles -----------------------------------------------------

def test_5000_node_graph_opens_as_the_overview_and_in_full(
        open_page: Callable[..., Opened], tmp_path: Path) -> None:
    ds = graph_dataset(5000)
    over = graph_view(ds)
    assert len(over.nodes) == len(ds.sources)  # past the threshold: the source network
    o = open_page(write_html(over, tmp_path / "overview.html"), settle_timeout=120_000)
    assert o.counts() == (len(over.nodes), len(over.edges))
    # claims on demand: a source's panel lists its claims with their grades
    prolific = max(ds.sources, key=lambda s: sum(a.source == s.id for a in ds.assertions))
    o.js("id => Object.values(window.credkgViews)[0].show(id)", prolific.id)
    assert "Claim number" in o.panel() and "Claims (" in o.panel()
    full = graph_view(ds, full=True)
    o = open_page(write_html(full, tmp_path / "full.html"), settle_timeout=240_000)
    assert o.counts() == (len(full.nodes), len(full.edges))
    assert o.js("() => Object.values(window.credkgViews)[0].network.physics.options"
                ".enabled") is False  # positions came from Python: nothing moves
    # every node stands where Python put it
    moved = o.js("""() => { const v = Object.values(window.credkgViews)[0];
        const p = v.network.getPositions();
        return v.nodes.get().filter(n => Math.abs(p[n.id].x - n.x) > 0.5
                                         || Math.abs(p[n.id].y - n.y) > 0.5).length; }""")
    assert moved == 0


def test_screenshots_folder_is_ignored_by_git() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    import subprocess

    done = subprocess.run(["git", "check-ignore", "-q", str(SCREENSHOTS / "graph.png")],
                          cwd=ROOT, check=False)
    assert done.returncode == 0


# --- 7. readable as a person sees it: labels, colours, fit, tooltips, narrow screens -------

#: Node-plus-label boxes from the page (vis-network's own bounding boxes, in CSS pixels), for
#: the nodes whose label is drawn at the current zoom; pairs that overlap; boxes cut at an edge.
LABEL_BOXES = """vid => {
  const v = window.credkgViews[vid], net = v.network;
  const rect = document.querySelector('#' + vid + ' .credkg-net').getBoundingClientRect();
  const boxes = [];
  let shown = 0;
  for (const id of v.nodes.getIds()) {
    const n = net.body.nodes[id];
    if (!n || n.options.hidden) continue;
    shown++;
    if (!n.labelModule.visible()) continue;
    const bb = n.shape.boundingBox;
    const a = net.canvasToDOM({x: bb.left, y: bb.top});
    const b = net.canvasToDOM({x: bb.right, y: bb.bottom});
    boxes.push([id, a.x, a.y, b.x, b.y]);
  }
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const p = boxes[i], q = boxes[j];
    if (Math.min(p[3], q[3]) - Math.max(p[1], q[1]) > 1
        && Math.min(p[4], q[4]) - Math.max(p[2], q[2]) > 1) overlaps.push([p[0], q[0]]);
  }
  const inside = boxes.filter(b => b[3] > 0 && b[1] < rect.width && b[4] > 0 && b[2] < rect.height);
  const cut = inside.filter(b => b[1] < -1 || b[2] < -1 || b[3] > rect.width + 1
                                 || b[4] > rect.height + 1).map(b => b[0]);
  return {shown, labelled: boxes.length, overlaps, cut, scale: net.getScale()};
}"""


def labels(o: Opened, vid: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = o.js(LABEL_BOXES, vid or o.views()[0])
    return found


def next_frame(o: Opened) -> None:
    """Wait until the page has drawn a frame (and the one after)."""
    o.js("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def dev_corpus() -> Dataset:
    from kg.formats.loading import load_datasets

    from .conftest import SHARED

    files = sorted((SHARED / "articles" / "dev").glob("*.yaml"))
    if not files:
        if IN_CI:
            raise AssertionError("../shared/articles/dev is missing under CI")
        pytest.skip("../shared/articles/dev is not here")
    return load_datasets(files)


def test_seed_graph_labels_do_not_overlap_at_first_view(
        open_page: Callable[..., Opened], outputs: Path, seed: Dataset) -> None:
    o = open_page(outputs / "graph.html")
    found = labels(o)
    print(f"seed graph: {found['labelled']} of {found['shown']} labels drawn, "
          f"{len(found['overlaps'])} overlapping pairs, scale {found['scale']:.2f}")
    assert found["shown"] == len(seed.sources) + len(seed.claims)
    assert found["labelled"] == found["shown"]  # every label readable at first sight
    assert found["overlaps"] == [] and found["cut"] == []


def test_dev_corpus_labels_do_not_overlap_at_any_zoom(
        open_page: Callable[..., Opened], tmp_path: Path) -> None:
    ds = dev_corpus()
    a = assess(ds)
    v = graph_view(ds, node_info(a), assessment=a)
    assert len(v.nodes) == len(ds.sources) + len(ds.claims)  # not the overview
    o = open_page(write_html(v, tmp_path / "dev.html"))
    first = labels(o)
    print(f"dev corpus, first view: {first['labelled']} of {first['shown']} labels drawn, "
          f"{len(first['overlaps'])} overlapping pairs, scale {first['scale']:.2f}")
    assert first["overlaps"] == [] and first["cut"] == []
    # the most connected sources and claims are readable at first sight (labels by priority)
    assert first["labelled"] > 0
    shot(o, "dev-corpus-first-view.png")
    # zoomed in where the labels show: still no overlap, anywhere
    for node in [n["id"] for n in v.nodes][::40]:
        o.js("id => Object.values(window.credkgViews)[0].network.focus(id, "
             "{scale: 1.0, animation: false})", node)
        next_frame(o)  # what is drawn at the new scale: the labels raised for the first
        near = labels(o)  # view are back to their own size
        assert near["labelled"] == near["shown"] and near["overlaps"] == [], node
    o.page.locator(".credkg-fit").click()
    # several files load as documents, so TASS's id is scoped to its document
    tass = next(s.id for s in ds.sources if s.id.endswith("tass-ua-desertion-2024-10-tass"))
    o.js("id => Object.values(window.credkgViews)[0].network.focus(id, "
         "{scale: 0.7, animation: false})", tass)
    shot(o, "dev-corpus-zoomed.png")


def test_report_chains_labels_do_not_overlap(open_page: Callable[..., Opened],
                                             outputs: Path) -> None:
    o = open_page(outputs / "report.html")
    total = 0
    for vid in o.views():
        found = labels(o, vid)
        total += found["labelled"]
        assert found["labelled"] == found["shown"], vid
        assert found["overlaps"] == [] and found["cut"] == [], vid
    print(f"report: {len(o.views())} chain views, {total} labels, no overlap")


def legend_colour(o: Opened, grade: str) -> tuple[int, int, int]:
    rgb: list[int] = o.js("""g => { const c = document.querySelector(
        '.credkg-legend .credkg-chip[data-grade="' + g + '"]');
        return getComputedStyle(c).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number); }""",
                          grade)
    return rgb[0], rgb[1], rgb[2]


def drawn_colour(o: Opened, node: str) -> tuple[int, int, int]:
    """The colour drawn on the canvas at the middle of a node (a pixel, as a person sees)."""
    rgb: list[int] = o.js("""id => { const v = Object.values(window.credkgViews)[0];
        const net = v.network, p = net.canvasToDOM(net.getPositions([id])[id]);
        const c = document.querySelector('.credkg-net canvas');
        const k = c.width / c.getBoundingClientRect().width;
        const d = c.getContext('2d').getImageData(Math.round(p.x * k), Math.round(p.y * k), 1, 1);
        return Array.from(d.data.slice(0, 3)); }""", node)
    return rgb[0], rgb[1], rgb[2]


def test_grade_colours_on_the_canvas_match_the_legend(
        open_page: Callable[..., Opened], outputs: Path, seed: Dataset,
        scored: tuple[Any, Any]) -> None:
    a, _ = scored
    o = open_page(outputs / "graph.html")
    o.page.mouse.move(2, 2)
    seen = set()
    for c in seed.claims:
        grade = str(a.claims[c.id].grade)
        got, want = drawn_colour(o, c.id), legend_colour(o, grade)
        assert max(abs(x - y) for x, y in zip(got, want, strict=True)) <= 12, (c.id, got, want)
        seen.add(grade)
    for s in seed.sources:
        if KIND_STYLE[s.kind.value].shape in ("box", "ellipse", "dot", "square", "hexagon"):
            grade = a.sources[s.id].grade
            got, want = drawn_colour(o, s.id), legend_colour(o, grade)
            if s.kind.value in ("news_outlet", "person"):  # the label is drawn over the middle
                continue
            assert max(abs(x - y) for x, y in zip(got, want, strict=True)) <= 12, s.id
    assert len(seen) >= 2  # more than one grade drawn, each in its own colour


def test_fit_reset_and_filters_refit(open_page: Callable[..., Opened], outputs: Path) -> None:
    o = open_page(outputs / "graph.html")
    start = o.js("() => Object.values(window.credkgViews)[0].network.getScale()")
    o.page.locator(".ts-control input").first.fill("Die Welt")
    o.page.locator(".ts-dropdown .option").first.click()
    zoomed = o.js("() => Object.values(window.credkgViews)[0].network.getScale()")
    assert zoomed > start * 1.2
    o.page.locator(".credkg-fit").click()
    found = labels(o)
    assert abs(found["scale"] - start) < 1e-6 and found["cut"] == []
    assert "Click a node" in o.panel()
    # a filter refits: with the claims hidden, the sources fill the view again
    o.page.locator(".ts-control input").first.fill("Die Welt")
    o.page.locator(".ts-dropdown .option").first.click()
    o.page.locator("input.credkg-filter[data-kind=claim]").uncheck()
    span = o.js("""() => { const v = Object.values(window.credkgViews)[0], net = v.network;
        const r = document.querySelector('.credkg-net').getBoundingClientRect();
        const ids = v.nodes.getIds({filter: n => !n.hidden});
        const ps = ids.map(id => net.canvasToDOM(net.getPositions([id])[id]));
        const xs = ps.map(p => p.x), ys = ps.map(p => p.y);
        return [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys),
                r.width, r.height]; }""")
    x0, x1, y0, y1, w, h = span
    assert x0 >= 0 and x1 <= w and y0 >= 0 and y1 <= h  # all shown
    assert (x1 - x0) > 0.5 * w or (y1 - y0) > 0.5 * h  # and filling the view
    assert labels(o)["cut"] == []


def test_tooltips_close_when_the_pointer_leaves(open_page: Callable[..., Opened],
                                                outputs: Path) -> None:
    o = open_page(outputs / "graph.html")
    tip = o.page.locator(".vis-tooltip")
    o.page.mouse.move(*o.node_point("monthly-desertions-30k"))
    tip.wait_for(state="visible", timeout=5000)
    o.page.mouse.move(5, 5)  # off the graph
    tip.wait_for(state="hidden", timeout=2000)
    # after a search, no stale tooltip of another node stays on screen
    o.page.mouse.move(*o.node_point("convicts-deserted"))
    tip.wait_for(state="visible", timeout=5000)
    o.page.locator(".ts-control input").first.fill("Die Welt")
    o.page.locator(".ts-dropdown .option").first.click()
    assert not tip.is_visible()


def test_panel_folds_away_on_a_narrow_screen(open_page: Callable[..., Opened],
                                             outputs: Path) -> None:
    o = open_page(outputs / "graph.html", viewport=(800, 900))
    width = o.js("() => document.querySelector('.credkg-net').getBoundingClientRect().width")
    assert width > 0.9 * 770  # the graph gets the width, not a squeezed half
    assert not o.page.locator(".credkg-panel").is_visible()
    o.page.mouse.click(*o.node_point("monthly-desertions-30k"))
    assert o.page.locator(".credkg-panel").is_visible()  # opened below the graph
    assert "Up to 30,000" in o.panel()
    assert labels(o)["overlaps"] == []


def test_contradiction_edge_says_why_with_both_grades(
        open_page: Callable[..., Opened], outputs: Path, seed: Dataset,
        scored: tuple[Any, Any]) -> None:
    a, _ = scored
    o = open_page(outputs / "graph.html")
    edge = o.js("""() => { const v = Object.values(window.credkgViews)[0];
        return v.edges.get({filter: e => e.relation === 'contradicts'})
                .find(e => v.edgeInfo(e.id).details.some(d => d[0] === 'why' && /\\d/.test(d[1])))
                .id; }""")
    o.js("id => Object.values(window.credkgViews)[0].showEdge(id)", edge)
    text = " ".join(o.panel().split())
    detected = a.detected[0]
    for cid in detected.claims:
        assert seed.claim(cid).text in text
        assert f"credibility {a.claims[cid].grade}:" in text
    assert any(ch.isdigit() for ch in text.split("why", 1)[1])
    assert not any(cid in text for cid in detected.claims)  # words, not ids


def test_prolific_source_view_groups_its_claims(open_page: Callable[..., Opened],
                                                tmp_path: Path) -> None:
    ds = dev_corpus()
    a = assess(ds)
    counts: dict[str, int] = {}
    for x in ds.assertions:
        counts[x.source] = counts.get(x.source, 0) + 1
    prolific = max(counts, key=lambda s: counts[s])
    v = source_view(ds, prolific, node_info(a), assessment=a)
    o = open_page(write_html(v, tmp_path / "prolific.html"))
    found = labels(o)
    print(f"prolific source {prolific}: {found['shown']} nodes, {found['labelled']} labels "
          f"drawn, scale {found['scale']:.2f}")
    assert found["overlaps"] == [] and found["cut"] == []
    columns = {round(n["x"]) for n in v.nodes if n["kind"] == "claim"}
    assert len(columns) >= 2  # not one column too tall to read
    assert found["scale"] > 0.3
    shot(o, "source-prolific.png")


# --- 8. the report as published: words, header, print and PDF ------------------------------

def internal_codes(ds: Dataset, text: str) -> list[str]:
    """Ids (with a hyphen or digit: made-up words) and snake_case codes found in a text.

    URLs (the reports' addresses, shown as links) are left out of the search.
    """
    text = re.sub(r"https?://\S+", " ", text)
    ids = {x.id for x in (*ds.sources, *ds.claims, *ds.assertions, *ds.reports)}
    ids = {i for i in ids if "-" in i or any(ch.isdigit() for ch in i)}
    found = [i for i in ids if re.search(r"(?<![\w-])" + re.escape(i) + r"(?![\w-])", text)]
    found += re.findall(r"\b[a-z]+_[a-z_]+\b", text)
    found += [x for x in (".:", "(s)") if x in text]
    return found


def test_report_text_has_no_internal_codes_and_a_header(
        open_page: Callable[..., Opened], tmp_path: Path) -> None:
    for name, ds in (("seed", seed_dataset()), ("dev", dev_corpus())):
        a = assess(ds)
        path = write_report(ds, tmp_path / f"{name}.html", node_info(a), assessment=a)
        o = open_page(path)
        text = o.js("() => document.body.innerText")
        assert internal_codes(ds, text) == [], name
        for words in ("Generated", "credkg", "Input documents", "Method",
                      "completely reliable", "truth cannot be judged"):
            assert words in text, (name, words)
        assert o.js("() => document.querySelectorAll('.credkg-tools, .credkg-panel')"
                    ".length") == 0  # embedded chains carry no interactive chrome
        if name == "seed":
            o.page.emulate_media(media="print")
            assert o.js("() => Array.from(document.querySelectorAll('nav.toc'))"
                        ".every(e => getComputedStyle(e).display === 'none')")
            o.page.emulate_media(media="screen")
            shot(o, "report-page.png")


def test_served_pages_search_and_navigate(browser: Browser) -> None:
    import socket
    import threading
    import time

    import uvicorn

    from kg.store import Store
    from kg.store.serve import create_app
    from kg.views.site import mount_pages

    ds = dev_corpus()
    store = Store()
    store.add_dataset(ds, "dev")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(store)
    mount_pages(app, store)  # as kg serve does
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    outside: list[str] = []
    errors: list[str] = []
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith((base, "data:"))
              else (outside.append(r.request.url), r.abort()))
    pg = ctx.new_page()
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        pg.goto(base + "/browse")
        pg.fill("input[name=q]", "desert")
        with pg.expect_navigation():  # count the hits of the answer, not of the form's page
            pg.click("button[type=submit]")
        hits = pg.locator("ul.hits li a")
        assert hits.count() > 0
        claim_hit = pg.locator("ul.hits li a[href^='/claim/']").first
        claim_text = claim_hit.inner_text()
        with pg.expect_navigation():
            claim_hit.click()
        pg.wait_for_selector(".credkg-view[data-settled=true]")
        assert claim_text.rstrip("\u2026") in pg.locator("h1").inner_text()
        claim_url = pg.url
        source = pg.locator("ul.sources a").first
        name = source.inner_text()
        with pg.expect_navigation():  # the claim's page has a settled view too
            source.click()
        pg.wait_for_selector(".credkg-view[data-settled=true]")
        assert "/source/" in pg.url and name in pg.locator("h1").inner_text()
        assert pg.locator("ul.claims li").count() >= 1  # its track record
        pg.go_back()
        pg.wait_for_selector(".credkg-view[data-settled=true]")
        assert pg.url == claim_url
        pg.goto(base + "/overview")
        pg.wait_for_selector(".credkg-view[data-settled=true]")
        n = pg.evaluate("() => Object.values(window.credkgViews)[0].nodes.length")
        assert n == len(ds.sources)
        pg.screenshot(path=str(SCREENSHOTS / "served-overview.png"))
        pg.goto(base + "/query")
        pg.select_option("#ready", "sources-ranked")
        pg.click("#run")
        pg.wait_for_selector("table.results tr:nth-child(2)", timeout=30_000)
        assert "rows" in pg.locator("#status").inner_text()
        assert outside == [] and errors == []
        assert pg.goto(base + "/claim/no-such-claim").status == 404  # type: ignore[union-attr]
        assert "Not found" in pg.locator("h1").inner_text()
    finally:
        ctx.close()
        server.should_exit = True
        thread.join(timeout=10)
