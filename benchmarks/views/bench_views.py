"""How fast a whole-graph view is built in Python and settles in headless Chromium.

Run by hand from the repository root (not part of the test suite):

    .venv/bin/python benchmarks/views/bench_views.py [--sizes 1000 5000] [--timeout 180]

For each size, a synthetic graph (``tests.test_browser.synthetic_dataset``: a fifth
sources, the rest claims, each claim asserted by one to three relays of an origin)
is drawn twice and opened from a file in Chromium:

- **baseline**: the same nodes and edges with pyvis 0.3.2's default options (smooth
  dynamic edges, improvedLayout, 1,000 stabilisation iterations, physics left on);
- **credkg**: :func:`kg.views.physics_options` (straight edges, bounded iterations,
  physics switched off once stabilised).

It prints the time from navigation until the page says it has settled (or the
timeout), and the ratio baseline / credkg measured in the same run. It also times
:func:`kg.views.graph_view` (which fills pyvis's node and edge lists directly, with
panel details for every node), and, for comparison, feeding bare ids, labels and
shapes through pyvis's ``add_node``/``add_edge``, which look ids up in a list
(quadratic: PERF-NOTES.md measured 34 s at 50,000 nodes).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.views import View, graph_view, write_html  # noqa: E402
from tests.test_browser import ARGS, CHROMIUM, synthetic_dataset  # noqa: E402

SETTLED = ("() => document.querySelector('.credkg-view')"
           ".getAttribute('data-settled') === 'true'")


def pyvis_defaults() -> dict[str, object]:
    from pyvis.network import Network

    options: dict[str, object] = json.loads(Network(directed=True).options.to_json())
    return options


def build_with_add_node(view: View) -> float:
    """Seconds to feed the same nodes and edges through pyvis's own add_node/add_edge.

    Only ids, labels and shapes are passed: a lower bound on what pyvis would take.
    """
    from pyvis.network import Network

    net = Network(directed=True)
    t = time.perf_counter()
    for n in view.nodes:
        net.add_node(n["id"], label=n["label"], shape=n["shape"])
    for e in view.edges:
        net.add_edge(e["from"], e["to"])
    return time.perf_counter() - t


def settle(page: object, path: Path, timeout: float) -> tuple[float | None, float]:
    """(seconds until settled or None on timeout, seconds until the first draw)."""
    t = time.perf_counter()
    try:
        # "commit": pyvis's defaults block the load event for minutes on big graphs
        page.goto(path.resolve().as_uri(), wait_until="commit",  # type: ignore[attr-defined]
                  timeout=timeout * 1000)
        page.wait_for_function(  # type: ignore[attr-defined]
            "() => !!document.querySelector('canvas')", timeout=timeout * 1000)
        first = time.perf_counter() - t
        page.wait_for_function(  # type: ignore[attr-defined]
            SETTLED, timeout=max(1.0, timeout - first) * 1000)
    except Exception:  # playwright's TimeoutError
        return None, time.perf_counter() - t
    return time.perf_counter() - t, first


def _barnes_hut(iterations: int, theta: float) -> dict[str, object]:
    return {"enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 120,
                          "avoidOverlap": 0, "theta": theta},
            "stabilization": {"enabled": True, "fit": True, "updateInterval": 50,
                              "iterations": iterations},
            "minVelocity": 1.0}


#: Solver settings compared by --variants (credkg uses barnesHut, 150 iterations, theta 0.9).
VARIANTS: dict[str, dict[str, object]] = {
    "forceAtlas2, 200 it., avoidOverlap 0.4": {
        "enabled": True, "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 110,
                             "springConstant": 0.06, "avoidOverlap": 0.4},
        "stabilization": {"enabled": True, "fit": True, "updateInterval": 25,
                          "iterations": 200},
        "minVelocity": 1.0},
    "barnesHut, 150 it., theta 0.5": _barnes_hut(150, 0.5),
    "barnesHut, 150 it., theta 0.9 (credkg)": _barnes_hut(150, 0.9),
    "barnesHut, 100 it., theta 0.9": _barnes_hut(100, 0.9),
}


def variants(browser: object, size: int, tmp: str, timeout: float) -> None:
    """Settle time of each solver setting on the same graph, with a screenshot of each."""
    ds = synthetic_dataset(size)
    print(f"{'solver settings':40} settle(s)   screenshot")
    for k, (name, physics) in enumerate(VARIANTS.items()):
        v = graph_view(ds)
        v.options["physics"] = physics
        path = write_html(v, Path(tmp) / f"variant-{k}.html")
        page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
        took, _ = settle(page, path, timeout)
        shot = Path(tempfile_dir()) / f"credkg-variant-{k}.png"
        page.screenshot(path=str(shot))
        page.close()
        print(f"{name:40} {'timeout' if took is None else f'{took:9.1f}'}   {shot}", flush=True)


def tempfile_dir() -> str:
    import tempfile

    return tempfile.gettempdir()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--timeout", type=float, default=180)
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--variants", type=int, metavar="N",
                    help="instead, compare solver settings on an N-node graph")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        if args.variants:
            variants(browser, args.variants, tmp, args.timeout)
            browser.close()
            return
        print("nodes  edges  graph_view(s)  pyvis add_node+add_edge(s) | baseline settle(s)  "
              "credkg settle(s)  first draw(s)  ratio")
        for size in args.sizes:
            ds = synthetic_dataset(size)
            t = time.perf_counter()
            ours = graph_view(ds)
            build = time.perf_counter() - t
            page_html = write_html(ours, Path(tmp) / f"ours-{size}.html")
            slow = build_with_add_node(ours)
            base = View(title=ours.title, nodes=ours.nodes, edges=ours.edges,
                        options=pyvis_defaults(), kinds=ours.kinds, relations=ours.relations)
            base_html = write_html(base, Path(tmp) / f"base-{size}.html")
            results = {}
            for name, path in (("credkg", page_html), ("baseline", base_html)):
                if name == "baseline" and args.skip_baseline:
                    results[name] = (None, 0.0)
                    continue
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                results[name] = settle(page, path, args.timeout)
                page.close()
            ours_s, first = results["credkg"]
            base_s, _ = results["baseline"]
            base_txt = f">{args.timeout:.0f}" if base_s is None else f"{base_s:.1f}"
            ratio = ("n/a" if ours_s is None else
                     f">{args.timeout / ours_s:.1f}x" if base_s is None else
                     f"{base_s / ours_s:.1f}x")
            ours_txt = "timeout" if ours_s is None else f"{ours_s:.1f}"
            print(f"{len(ours.nodes):5d} {len(ours.edges):6d} {build:13.2f} {slow:27.2f} | "
                  f"{base_txt:>18} {ours_txt:>16} {first:14.1f}  {ratio}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
