"""A self-contained HTML report: sources, claims, provenance chains and contradictions.

Every value from the data is escaped, and a URL becomes a link only when it is
``http`` or ``https``.

Examples:
    >>> from kg.seed import seed_dataset
    >>> page = report_html(seed_dataset())
    >>> "RIA Novosti" in page and "<script" not in page
    True
    >>> safe_link("javascript:alert(1)")
    'javascript:alert(1)'
    >>> safe_link("https://example.org/a?b=1&c=2")
    '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">https://example.org/a?b=1&amp;c=2</a>'
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from kg.files import atomic_write_text
from kg.model import Dataset
from kg.provenance import format_chain, provenance_chains
from kg.views import NodeInfo

__all__ = ["report_html", "safe_link", "write_report"]

e = html.escape


def safe_link(url: str) -> str:
    """An ``<a>`` for http(s) URLs; any other scheme is shown as escaped text only."""
    if urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return f'<a href="{e(url.strip())}" rel="noopener noreferrer">{e(url)}</a>'
    return e(url)


def _table(headers: list[str], rows: list[list[str]], cls: str) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def report_html(ds: Dataset, info: Mapping[str, NodeInfo] | None = None,
                title: str = "credkg report") -> str:
    """The report page as a string.

    Args:
        ds: The dataset.
        info: Grades, scores and explanations per source and claim id, if scored.
        title: The page title.
    """
    info = info or {}

    def grade(id: str, default: str | None = None) -> str:
        i = info.get(id)
        g = i.grade if i and i.grade else default
        score = f" ({i.score:.2f})" if i and i.score is not None else ""
        return e(g or "-") + score

    sources = [[e(s.name), e(s.kind.value.replace("_", " ")), e(", ".join(s.aliases)),
                e(s.side or ""), grade(s.id, s.reliability)]
               for s in ds.sources]
    claims = []
    for c in ds.claims:
        chains = provenance_chains(ds, c.id)
        chain_text = "<br>".join(e(format_chain(ds, ch, arrow=" \u2192 ")) for ch in chains)
        claims.append([e(c.text), grade(c.id), chain_text or "<em>no assertion</em>"])
    contradictions = sorted({tuple(sorted((c.id, o))) for c in ds.claims for o in c.contradicts})
    contra_rows = [[e(ds.claim(a).text), e(ds.claim(b).text)] for a, b in contradictions]
    reports = [[e(r.title or r.id), e(ds.source(r.published_by).name) if r.published_by else "",
                e(r.date.isoformat()) if r.date else "", safe_link(r.url) if r.url else ""]
               for r in ds.reports]
    explanations = "".join(
        f"<h3>{e(ds.claim(cid).text)}</h3><p>{e(i.explanation)}</p>"
        for cid, i in info.items() if i.explanation and cid in {c.id for c in ds.claims}
    )
    summary = (f"{len(ds.sources)} sources, {len(ds.reports)} reports, {len(ds.claims)} claims, "
               f"{len(ds.assertions)} assertions, {len(contradictions)} contradictions.")
    return _PAGE.format(
        title=e(title), summary=e(summary),
        sources=_table(["source", "kind", "aliases", "side", "reliability"], sources, "sources"),
        claims=_table(["claim", "credibility", "provenance chains"], claims, "claims"),
        contradictions=_table(["claim", "contradicted by"], contra_rows, "contradictions")
        if contra_rows else "<p>None stated or found.</p>",
        reports=_table(["report", "published by", "date", "url"], reports, "reports"),
        explanations=explanations or "<p>Not scored.</p>",
    )


def write_report(ds: Dataset, path: str | Path, info: Mapping[str, NodeInfo] | None = None,
                 title: str = "credkg report") -> Path:
    """Write :func:`report_html` to a file, atomically."""
    return atomic_write_text(path, report_html(ds, info, title))


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 72rem; margin: 1rem auto; padding: 0 1rem;
  color: #222; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; font-size: .9rem; }}
th, td {{ border-bottom: 1px solid #ddd; text-align: left; padding: .3rem .5rem;
  vertical-align: top; }}
th {{ background: #f4f4f4; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="summary">{summary}</p>
<h2>Sources</h2>
{sources}
<h2>Claims and their provenance chains</h2>
{claims}
<h2>Contradictions</h2>
{contradictions}
<h2>Reports</h2>
{reports}
<h2>Explanations</h2>
{explanations}
</body>
</html>
"""
