"""How fast the whole-graph view appears in headless Chromium, measured as a person sees it.

Run by hand from the repository root (not part of the test suite):

    .venv/bin/python benchmarks/views/bench_views.py [--sizes 1000 5000 50000] [--full]

For each size, a synthetic graph (:func:`kg.synthetic.graph_dataset`: a fifth
sources, the rest claims, each claim asserted by one to three relays of an
origin) is drawn by :func:`kg.views.graph_view` (the source overview past
``OVERVIEW_ABOVE`` nodes, or every node with ``--full``) and opened from a file.
A script injected before the page's own records, every animation frame:

- **visible**: the first moment the network's canvas has drawn pixels (at least
  0.5% of a sample of its pixels differ from the white background), in ms from
  navigation start: not when the canvas element exists, which is before
  anything is drawn on it;
- **longest block**: the longest main-thread task (the Long Tasks API), from
  navigation until 3 s after the pixels appeared; and a pan and a zoom, timed.

It prints those, the time to build the view in Python and the page's size, and
for the baseline (the same nodes with pyvis 0.3.2's default physics options, no
positions) the same figures measured in the same run (``--baseline``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from startup import longest_task_cpu  # beside this file

from kg.model import Claim, Dataset
from kg.synthetic import graph_dataset
from kg.views import View, graph_view, write_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

#: Injected before the page runs: records first drawn pixels and long tasks.
PROBE = """
window.__probe = {visible: null, longest: 0, tasks: []};
try {
  new PerformanceObserver(list => list.getEntries().forEach(e => {
    window.__probe.tasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    window.__probe.longest = Math.max(window.__probe.longest, e.duration);
  })).observe({type: 'longtask', buffered: true});
} catch (e) {}
(function poll() {
  const c = document.querySelector('.credkg-net canvas');
  if (c && c.width && c.height && window.__probe.visible === null) {
    const ctx = c.getContext('2d');
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let drawn = 0, seen = 0;
    for (let i = 0; i < d.length; i += 4 * 97) {
      seen++;
      if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) drawn++;
    }
    if (drawn > seen * 0.005) window.__probe.visible = performance.now();
  }
  if (window.__probe.visible === null) requestAnimationFrame(poll);
})();
"""


def pyvis_defaults() -> dict[str, object]:
    from pyvis.network import Network

    options: dict[str, object] = json.loads(Network(directed=True).options.to_json())
    return options


def measure(browser: Any, path: Path, timeout: float, trace: bool = False) -> dict[str, Any]:
    """Open the page and read the probe: visible (ms), longest block (ms), pan and zoom (ms);
    with ``trace``, the thread CPU time of the longest main-thread task too (ms)."""
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    ctx.add_init_script(PROBE)
    page = ctx.new_page()
    if trace:
        browser.start_tracing(page=page, categories=["toplevel", "devtools.timeline"])
    page.goto(path.resolve().as_uri(), wait_until="commit", timeout=timeout * 1000)
    out: dict[str, Any] = {"visible": None, "longest": None, "pan": None, "zoom": None,
                           "cpu": None}
    try:
        page.wait_for_function("() => window.__probe && window.__probe.visible !== null",
                               timeout=timeout * 1000, polling=100)
    except Exception:  # playwright's TimeoutError: nothing drawn in time
        out["longest"] = page.evaluate("() => window.__probe.longest")
        if trace:
            out["cpu"] = longest_task_cpu(browser.stop_tracing())[1]
        ctx.close()
        return out
    page.wait_for_timeout(3000)
    if trace:
        out["cpu"] = longest_task_cpu(browser.stop_tracing())[1]
    probe = page.evaluate("() => window.__probe")
    out["visible"] = probe["visible"]
    out["longest"] = probe["longest"]
    timing = page.evaluate("""() => { const v = Object.values(window.credkgViews)[0];
        if (!v) return [null, null];
        const net = v.network, t0 = performance.now();
        net.moveTo({position: {x: net.getViewPosition().x + 200, y: 0}, animation: false});
        net.redraw(); net.renderer._redraw && net.renderer._redraw();
        const t1 = performance.now();
        net.moveTo({scale: net.getScale() * 1.5, animation: false});
        net.renderer._redraw && net.renderer._redraw();
        return [t1 - t0, performance.now() - t1]; }""")
    out["pan"], out["zoom"] = timing
    ctx.close()
    return out


def fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:7.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 50000])
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--full", action="store_true", help="draw every node, not the overview")
    ap.add_argument("--cpu", action="store_true",
                    help="trace each page: the CPU time of its longest main-thread task")
    ap.add_argument("--runs", type=int, default=1, help="runs per page (the median is printed)")
    ap.add_argument("--baseline", action="store_true",
                    help="also the same nodes with pyvis's default physics, no positions")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    print("nodes   view        drawn  edges  build(s)  page(MB) | visible(ms)  longest "
          "block(ms)  pan(ms)  zoom(ms)  cpu(ms)")

    def run(pth: Path, timeout: float | None = None) -> dict[str, Any]:
        rs = [measure(browser, pth, timeout or args.timeout, args.cpu)
              for _ in range(args.runs)]
        return {k: (statistics.median(x[k] for x in rs) if all(x[k] is not None for x in rs)
                    else None) for k in rs[0]}

    with TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # the floor: a one-claim page, whose longest block is the libraries' own start-up
        one = write_html(graph_view(Dataset(claims=[Claim(id="c", text="One claim")])),
                         Path(tmp) / "one.html")
        r = run(one, 4)  # one dot: too few pixels to count as visible; no need to wait long
        print(f"{1:6d}  {'one claim':14} {1:5d} {0:6d} {0:9.2f} "
              f"{one.stat().st_size / 1e6:9.1f} |    (none)      {fmt(r['longest'])}"
              f"{'':28}{fmt(r['cpu'])}", flush=True)
        for size in args.sizes:
            ds = graph_dataset(size)
            t = time.perf_counter()
            v = graph_view(ds, full=True if args.full else None)
            build = time.perf_counter() - t
            path = write_html(v, Path(tmp) / f"v-{size}.html")
            runs = [("credkg", v, path)]
            if args.baseline:
                base = View(title=v.title, nodes=[{k: x for k, x in n.items() if k not in "xy"}
                                                  for n in v.nodes],
                            edges=v.edges, options=pyvis_defaults(), kinds=v.kinds)
                runs.append(("pyvis", base, write_html(base, Path(tmp) / f"b-{size}.html")))
            for name, view, pth in runs:
                r = run(pth)
                kind = "overview" if len(view.nodes) < size / 2 else "full"
                print(f"{size:6d}  {name + ' ' + kind:14} {len(view.nodes):5d} "
                      f"{len(view.edges):6d} {build:9.2f} {pth.stat().st_size / 1e6:9.1f} | "
                      f"{fmt(r['visible'])}      {fmt(r['longest'])}         "
                      f"{fmt(r['pan'])}  {fmt(r['zoom'])}  {fmt(r['cpu'])}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
