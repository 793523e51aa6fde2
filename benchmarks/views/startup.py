"""Where the one-claim page's longest main-thread block goes, part by part, in headless Chromium.

Run by hand from the repository root (not part of the test suite):

    .venv/bin/python benchmarks/views/startup.py [--runs 5]

The floor of every view is the page with one claim: its longest block is the
libraries' start-up. This opens variants of that page, each leaving out or
changing one part, and prints per variant the median over ``--runs`` fresh pages
of the longest main-thread task (Long Tasks API) and of the time each part takes
(``performance.mark`` around each script element: parse, compile and run):

- ``page``: the page as ``kg view`` writes it;
- ``no-tomselect``: without tom-select (its script and its start-up);
- ``vis-only``: vis-network's script alone, no network made;
- ``vis-css-only``: no script, only the libraries' style sheets;
- ``blob``: vis-network kept as text in the page and run from a ``blob:`` URL as an
  ``async`` script (Chromium may then compile it off the main thread), the view's
  script waiting for it;
- ``split``: the view's own script started in a task of its own (``setTimeout``), apart
  from the libraries';
- ``blank``: the page's HTML with no library, style or script.

Each page is also traced (Chromium's ``toplevel`` and ``devtools.timeline``
categories): ``task`` is its longest main-thread task in the trace, and ``cpu``
that task's thread CPU time, which load from other jobs on the machine does not
inflate (the wall times do).
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from kg.model import Claim, Dataset
from kg.views import graph_view
from kg.views.inline import library_style, library_tags, view_script

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

PROBE = """
window.__probe = {longest: 0, tasks: []};
new PerformanceObserver(list => list.getEntries().forEach(e => {
  window.__probe.tasks.push(Math.round(e.duration));
  window.__probe.longest = Math.max(window.__probe.longest, e.duration);
})).observe({type: 'longtask', buffered: true});
"""


def mark(name: str) -> str:
    return f"<script>performance.mark({name!r})</script>"


def variants() -> dict[str, str]:
    """The page and its variants, as HTML."""
    page = graph_view(Dataset(claims=[Claim(id="c", text="One claim")])).html()
    vis, tom = library_tags().split("</script>\n<script>", 1)
    vis, tom = vis + "</script>", "<script>" + tom
    assert vis in page and tom in page
    timed = page.replace(vis, mark("vis0") + vis + mark("vis1")).replace(
        tom, mark("tom0") + tom + mark("tom1"))
    script = "<script>" + view_script()
    cut = timed.index(script[:40])
    timed = timed[:cut] + mark("view0") + timed[cut:]
    timed = timed.replace("</body>", mark("view1") + "</body>")
    body = vis[len("<script>"):-len("</script>")]
    loader = (
        f"<script type='text/plain' id='lib'>{body}</script><script>window.__q = [];"
        "(function () { var s = document.createElement('script'); s.async = true;"
        "s.src = URL.createObjectURL(new Blob([document.getElementById('lib').textContent],"
        " {type: 'text/javascript'})); s.onload = function () { performance.mark('vis1');"
        " var q = window.__q; window.__q = null; q.forEach(function (f) { setTimeout(f, 0); });"
        " }; performance.mark('vis0'); document.head.appendChild(s); })();</script>")
    start = timed.index("<script>(function")
    end = timed.index("</script>", start)
    run = timed[start + len("<script>"):end]
    blob = (timed[:start] + "<script>window.__q ? window.__q.push(function () {" + run
            + "}) : (function () {" + run + "})();" + timed[end:]).replace(
        mark("vis0") + vis + mark("vis1"), loader)
    split = (timed[:start] + "<script>setTimeout(function () {" + run + "}, 0);"
             + timed[end:])
    blank = page.replace(library_style(), "").replace(vis, "").replace(tom, "")
    blank = blank[:blank.index("<script>(function")] + "</div></body></html>"
    return {
        "page": timed,
        "no-tomselect": timed.replace(tom, ""),
        "blob": blob,
        "split": split,
        "vis-only": (f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
                     f"{mark('vis0')}{vis}{mark('vis1')}</body></html>"),
        "vis-css-only": (f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
                         f"{library_style()}</style></head><body><p>x</p></body></html>"),
        "blank": blank,
    }


def longest_task_cpu(trace: bytes) -> tuple[float, float]:
    """The page's longest main-thread task in a Chromium trace: wall and thread CPU time (ms).

    CPU time (the trace's ``tdur``) is what the task itself costs, whatever else the
    machine is running; wall time adds the waits for a core on a loaded machine.
    """
    events = json.loads(trace)["traceEvents"]
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("name") == "ParseHTML" and "file:" in json.dumps(e.get("args", {}))}
    tasks = [e for e in events if e.get("ph") == "X" and (e["pid"], e["tid"]) in main
             and e.get("name") == "ThreadControllerImpl::RunTask"]
    if not tasks:
        return 0.0, 0.0
    top = max(tasks, key=lambda e: e.get("dur", 0))
    return top.get("dur", 0) / 1000, top.get("tdur", 0) / 1000


def measure(browser: Any, path: Path) -> dict[str, float]:
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    ctx.add_init_script(PROBE)
    page = ctx.new_page()
    browser.start_tracing(page=page, categories=["toplevel", "devtools.timeline"])
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(1500)
    wall, cpu = longest_task_cpu(browser.stop_tracing())
    out: dict[str, float] = page.evaluate("""() => {
        const m = n => (performance.getEntriesByName(n)[0] || {}).startTime;
        const d = (a, b) => (m(a) !== undefined && m(b) !== undefined) ? m(b) - m(a) : -1;
        return {longest: window.__probe.longest, vis: d('vis0', 'vis1'),
                tom: d('tom0', 'tom1'), view: d('view0', 'view1')}; }""")
    out["traced"], out["cpu"] = wall, cpu
    ctx.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"{'variant':14} {'longest':>8} {'vis':>6} {'tom':>6} {'view':>6} {'task':>6} "
          f"{'cpu':>6}  (ms, median of {args.runs})")
    with TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pages = {}
        for name, html in variants().items():
            pages[name] = Path(tmp) / f"{name}.html"
            pages[name].write_text(html, encoding="utf-8")
        results: dict[str, list[dict[str, float]]] = {k: [] for k in pages}
        for _ in range(args.runs):  # interleaved, so that load on the machine hits all alike
            for name, path in pages.items():
                results[name].append(measure(browser, path))
        for name, rs in results.items():
            med = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
            print(f"{name:14} {med['longest']:8.0f} " + " ".join(
                f"{med[k]:6.0f}" if med[k] >= 0 else "     -"
                for k in ("vis", "tom", "view", "traced", "cpu")))
        browser.close()


if __name__ == "__main__":
    main()
