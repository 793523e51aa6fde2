"""Pages to browse a store in a browser, served read-only by ``kg serve`` beside ``/sparql``.

:func:`site_routes` gives starlette routes; ``kg serve`` mounts them
(:func:`mount_pages`; the command does it, since the views sit above the store):

* ``/browse`` (and ``/browse?q=words``): search over sources and claims, with grades;
* ``/claim/ID``: the claim's provenance chain view, explanation, sources and contradictions;
* ``/source/ID``: the source's view and track record (its claims and their grades);
* ``/overview``: the source network of the whole store (:func:`~kg.views.overview.overview_view`);
* ``/query``: the ready-made queries and the reader's own SPARQL, run against ``/sparql``.

The pages are made by the same code as the files ``kg view`` writes (the views
inline their scripts: no asset comes from the network), every text from the
data is escaped, and nothing here writes to the store. The dataset and its
assessment are read from the store once, on the first page asked for.

Examples:
    >>> import asyncio, httpx
    >>> from starlette.applications import Starlette
    >>> from kg.seed import seed_dataset
    >>> from kg.store import Store
    >>> store = Store()
    >>> _ = store.add_dataset(seed_dataset(), "seed")
    >>> app = Starlette(routes=site_routes(store))
    >>> async def get(path: str) -> tuple[int, str]:
    ...     transport = httpx.ASGITransport(app=app)
    ...     async with httpx.AsyncClient(transport=transport, base_url="http://kg") as c:
    ...         r = await c.get(path)
    ...         return r.status_code, r.text
    >>> code, text = asyncio.run(get("/browse?q=desert"))
    >>> code, "/claim/convicts-deserted" in text
    (200, True)
    >>> asyncio.run(get("/claim/nope"))[0]
    404
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from kg.errors import NotFoundError
from kg.views.describe import id_namer, plural, short
from kg.views.info import NodeInfo, grade_text
from kg.views.style import GRADE_COLOURS, KIND_STYLE, UNGRADED_COLOUR, text_colour
from kg.views.view import page

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from kg.model import Dataset
    from kg.store.store import Store

__all__ = ["MAX_RESULTS", "mount_pages", "site_routes"]

#: Most hits listed for one search.
MAX_RESULTS = 200

e = html.escape


@dataclass
class _Loaded:
    ds: Dataset
    assessment: Any
    info: dict[str, NodeInfo]
    name: Callable[[str], str]


def link(kind: str, id_: str) -> str:
    """The path of a claim's or a source's page.

    Examples:
        >>> link("claim", "a b/c")
        '/claim/a%20b%2Fc'
    """
    return f"/{kind}/{quote(id_, safe='')}"


def _chip(grade: str | None) -> str:
    fill = GRADE_COLOURS.get(str(grade or ""), UNGRADED_COLOUR)
    shown = e(str(grade)) if grade else "\u2013"
    return (f'<span class="chip" style="background:{fill};color:{text_colour(fill)}" '
            f'title="{e(grade_text(grade))}">{shown}</span>')


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
  max-width: 84rem; margin: .6rem auto; padding: 0 1rem; line-height: 1.4; }
nav.site { display: flex; gap: 1rem; align-items: center; border-bottom: 1px solid #ccc;
  padding-bottom: .4rem; margin-bottom: .6rem; flex-wrap: wrap; }
nav.site a { color: #1f4e79; }
.chip { display: inline-block; min-width: 1.3rem; text-align: center; font-weight: 700;
  border: 1px solid #4d4d4d; border-radius: 3px; padding: 0 .2rem; font-size: .8rem; }
ul.hits { list-style: none; padding: 0; } ul.hits li { margin: .25rem 0; }
.kind { color: #666; font-size: .85rem; }
form.search input[type=search] { width: min(30rem, 90vw); font: inherit; padding: .25rem; }
textarea { width: 100%; min-height: 12rem; font-family: ui-monospace, monospace; }
table.results { border-collapse: collapse; font-size: .85rem; }
table.results td, table.results th { border: 1px solid #ddd; padding: .2rem .4rem;
  vertical-align: top; }
.explanation { background: #f6f8fa; padding: .5rem .7rem; border-left: 3px solid #4e79a7; }
"""


def _page(title: str, body: str) -> HTMLResponse:
    nav = ('<nav class="site"><strong>credkg</strong><a href="/browse">Search</a>'
           '<a href="/overview">Overview</a><a href="/query">Query</a></nav>')
    return HTMLResponse(page(title, nav + body, extra_style=_CSS))


def _not_found(what: str) -> HTMLResponse:
    r = _page("Not found", f"<h1>Not found</h1><p>{e(what)}</p>"
              '<p><a href="/browse">Search the store</a></p>')
    r.status_code = 404
    return r


def mount_pages(app: Starlette, store: Store) -> None:
    """Add the reader's pages to an app (``kg serve`` mounts them beside ``/sparql``)."""
    app.router.routes.extend(site_routes(store))


def site_routes(store: Store) -> list[Route]:
    """The reader's pages over ``store`` (read-only): browse, claim, source, overview, query."""
    lock = threading.Lock()
    cache: list[_Loaded] = []

    def loaded() -> _Loaded:
        with lock:
            if not cache:
                from kg.credibility import assess
                from kg.views.info import node_info

                ds = store.dataset()
                a = assess(ds)
                cache.append(_Loaded(ds, a, node_info(a), id_namer(ds)))
            return cache[0]

    def grade_of(d: _Loaded, id_: str) -> str | None:
        i = d.info.get(id_)
        return i.grade if i else None

    def hit(d: _Loaded, kind: str, id_: str, text: str, after: str = "") -> str:
        """One list item: the grade chip, a link to the node's page, ``after`` (HTML)."""
        return (f'<li>{_chip(grade_of(d, id_))} <a href="{link(kind, id_)}">{e(text)}</a>'
                f"{after}</li>")

    async def browse(request: Request) -> Response:
        d = loaded()
        q = request.query_params.get("q", "").strip()
        words = q.lower().split()
        hits: list[str] = []
        if words:
            for s in d.ds.sources:
                hay = " ".join([s.name, *s.aliases]).lower()
                if all(w in hay for w in words):
                    hits.append(hit(d, "source", s.id, s.name, ' <span class="kind">'
                                    f"{e(KIND_STYLE[s.kind.value].label)}</span>"))
            for c in d.ds.claims:
                if all(w in c.text.lower() for w in words):
                    hits.append(hit(d, "claim", c.id, short(c.text, 160),
                                    ' <span class="kind">claim</span>'))
        shown = hits[:MAX_RESULTS]
        found = (f"<p>{plural(len(hits), 'match', 'matches')} for \u201c{e(q)}\u201d"
                 + (f", the first {MAX_RESULTS} shown" if len(hits) > MAX_RESULTS else "")
                 + ".</p>" if words else
                 f"<p>{plural(len(d.ds.sources), 'source')} and "
                 f"{plural(len(d.ds.claims), 'claim')} in the store. Type words from a "
                 "source's name or a claim's text.</p>")
        body = (f'<h1>Search the store</h1><form class="search" method="get" action="/browse">'
                f'<input type="search" name="q" value="{e(q, quote=True)}" autofocus '
                'aria-label="Words to find"> <button type="submit">Search</button></form>'
                f'{found}<ul class="hits">{"".join(shown)}</ul>')
        return _page(f"Search: {q}" if q else "Search", body)

    async def claim(request: Request) -> Response:
        from kg.views.chain import claim_view
        from kg.views.describe import contradictions

        d = loaded()
        cid = request.path_params["id"]
        try:
            c = d.ds.claim(cid)
        except NotFoundError:
            return _not_found(f"No claim {cid!r} in the store.")
        view = claim_view(d.ds, cid, d.info, assessment=d.assessment)
        i = d.info.get(cid)
        sources = sorted({a.source for a in d.ds.assertions_of(cid)},
                         key=lambda s: d.ds.source(s).name)
        src = "".join(hit(d, "source", s, d.ds.source(s).name) for s in sources)
        pairs = contradictions(d.ds, d.assessment)
        others = sorted({y if x == cid else x for (x, y) in pairs if cid in (x, y)})
        against = "".join(hit(d, "claim", o, short(d.ds.claim(o).text, 160)) for o in others)
        body = (f"<h1>{_chip(grade_of(d, cid))} {e(c.text)}</h1>"
                f'<p class="grade">Credibility {e(grade_text(i.grade if i else None))}</p>'
                f'<p class="explanation">{e(d.name(i.explanation or "")) if i else ""}</p>'
                + view.fragment(assets=False)
                + f'<h2>Asserted by</h2><ul class="hits sources">{src}</ul>'
                + (f'<h2>Contradicted by</h2><ul class="hits">{against}</ul>' if others else ""))
        return _page(short(c.text, 80), body)

    async def source(request: Request) -> Response:
        from kg.views.ego import source_view

        d = loaded()
        sid = request.path_params["id"]
        try:
            s = d.ds.source(sid)
        except NotFoundError:
            return _not_found(f"No source {sid!r} in the store.")
        view = source_view(d.ds, sid, d.info, assessment=d.assessment)
        i = d.info.get(sid)
        claims = sorted({a.claim for a in d.ds.assertions if a.source == sid},
                        key=lambda c: (grade_of(d, c) or "9", d.ds.claim(c).text))
        record = "".join(hit(d, "claim", c, short(d.ds.claim(c).text, 160)) for c in claims)
        body = (f"<h1>{_chip(grade_of(d, sid))} {e(s.name)}</h1>"
                f'<p class="grade">Reliability {e(grade_text(i.grade if i else s.reliability))}'
                f' \u00b7 {e(KIND_STYLE[s.kind.value].label)}</p>'
                f'<p class="explanation">{e(d.name(i.explanation or "")) if i else ""}</p>'
                + view.fragment(assets=False)
                + f"<h2>Track record: {plural(len(claims), 'claim')}, lowest graded first</h2>"
                f'<ul class="hits claims">{record}</ul>')
        return _page(s.name, body)

    async def overview(request: Request) -> Response:
        from kg.views.overview import overview_view

        d = loaded()
        view = overview_view(d.ds, d.info, title="Overview: the source network",
                             assessment=d.assessment, link=link)
        return _page("Overview", view.fragment(assets=False))

    async def query(request: Request) -> Response:
        from kg.store.queries import QUERIES
        from kg.views.inline import json_for_script

        ready = {name: {"title": q.title, "sparql": q.sparql} for name, q in QUERIES.items()}
        options = "".join(f'<option value="{e(n)}">{e(n)}: {e(q["title"])}</option>'
                          for n, q in ready.items())
        body = ("<h1>Query the store</h1><p>Pick a ready-made query or write SPARQL; it runs "
                "read-only against <code>/sparql</code>.</p>"
                f'<p><select id="ready" aria-label="Ready-made queries">'
                f'<option value="">Ready-made queries\u2026</option>{options}</select></p>'
                '<textarea id="sparql" aria-label="SPARQL query">SELECT ?s ?p ?o WHERE { ?s ?p ?o }'
                ' LIMIT 20</textarea><p><button type="button" id="run">Run</button> '
                '<span id="status" aria-live="polite"></span></p><div id="results"></div>'
                f'<script type="application/json" id="queries">{json_for_script(ready)}</script>'
                f"<script>{_QUERY_JS}</script>")
        return _page("Query", body)

    async def favicon(request: Request) -> Response:
        return Response(status_code=204)  # no icon: and no 404 in the browser's console

    return [
        Route("/favicon.ico", favicon, methods=["GET"]),
        Route("/browse", browse, methods=["GET"], name="browse"),
        Route("/claim/{id:path}", claim, methods=["GET"], name="claim-page"),
        Route("/source/{id:path}", source, methods=["GET"], name="source-page"),
        Route("/overview", overview, methods=["GET"], name="overview"),
        Route("/query", query, methods=["GET"], name="query-page"),
    ]


#: The query page's script: results are shown with textContent, never as markup.
_QUERY_JS = """
(function () {
  var ready = JSON.parse(document.getElementById('queries').textContent);
  var box = document.getElementById('sparql'), out = document.getElementById('results');
  var status = document.getElementById('status');
  document.getElementById('ready').addEventListener('change', function (ev) {
    var q = ready[ev.target.value]; if (q) { box.value = q.sparql; }
  });
  function cell(tag, text) { var c = document.createElement(tag); c.textContent = text; return c; }
  document.getElementById('run').addEventListener('click', function () {
    status.textContent = 'Running\\u2026'; out.textContent = '';
    fetch('/sparql', {method: 'POST', headers: {'Content-Type': 'application/sparql-query',
                                                'Accept': 'application/sparql-results+json'},
                      body: box.value})
      .then(function (r) {
        if (!r.ok) { return r.text().then(function (t) { throw new Error(t); }); }
        return r.json().then(function (j) { return [j, r.headers.get('X-Credkg-Truncated')]; });
      })
      .then(function (res) {
        var j = res[0];
        if (j.boolean !== undefined) { status.textContent = 'Answer: ' + j.boolean; return; }
        var vars = j.head.vars, rows = j.results.bindings;
        var t = document.createElement('table'); t.className = 'results';
        var tr = document.createElement('tr');
        vars.forEach(function (v) { tr.appendChild(cell('th', v)); }); t.appendChild(tr);
        rows.forEach(function (b) {
          var r = document.createElement('tr');
          vars.forEach(function (v) { r.appendChild(cell('td', b[v] ? b[v].value : '')); });
          t.appendChild(r);
        });
        out.appendChild(t);
        var cut = res[1] === 'true' ? ' (cut at the limit)' : '';
        status.textContent = rows.length + ' rows' + cut;
      })
      .catch(function (err) { status.textContent = 'Failed: ' + err.message; });
  });
})();
"""
