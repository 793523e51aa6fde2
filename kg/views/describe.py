"""Nodes and edges as the views draw them: labels, tooltips and side-panel details.

Every string here comes from the data and is handed to the page as JSON, to be
shown with ``textContent`` (panel) or as a plain-text vis-network tooltip, never
parsed as HTML.

Examples:
    >>> from kg.seed import seed_dataset
    >>> ds = seed_dataset()
    >>> node = source_node(ds.source("ria"), {})
    >>> node["kind"], node["shape"], node["label"]
    ('news_outlet', 'box', 'RIA Novosti')
    >>> sorted(contradictions(ds, None))[0]
    ('monthly-desertions-30k', 'october-desertions-21600')
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from kg.model import Assertion, Claim, Dataset, Report, Source
from kg.views.info import AssessmentLike, NodeInfo, grade_text
from kg.views.style import EDGE_STYLE, KIND_STYLE

__all__ = [
    "assertion_quote",
    "claim_node",
    "contradictions",
    "edge",
    "short",
    "source_node",
    "wrap",
]

#: Most quotes listed in one source's panel (a big outlet may assert thousands of claims).
MAX_QUOTES = 25


def short(text: str, width: int = 60) -> str:
    """Text cut to ``width`` characters with an ellipsis.

    Examples:
        >>> short("a" * 70, 10)
        'aaaaaaaaa\u2026'
    """
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def wrap(text: str, width: int = 28, lines: int = 3) -> str:
    """Text wrapped onto at most ``lines`` lines for a node label."""
    parts = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], short(" ".join(parts[lines - 1:]), width)]
    return "\n".join(parts)


def _score(i: NodeInfo) -> str:
    return "" if i.score is None else f"{i.score:.2f}"


def assertion_quote(ds: Dataset, a: Assertion,
                    reports: Mapping[str, Report] | None = None) -> dict[str, Any]:
    """One assertion as the panel lists it: source, report, date, hedged, quote, URL.

    Args:
        ds: The dataset.
        a: The assertion.
        reports: Reports by id (pass it when describing many assertions).
    """
    reports = reports if reports is not None else {r.id: r for r in ds.reports}
    r = reports.get(a.report) if a.report else None
    return {
        "source": ds.source(a.source).name,
        "report": (r.title or r.id) if r else "",
        "date": r.date.isoformat() if r and r.date else "",
        "url": (r.url or "") if r else "",
        "hedged": a.hedged,
        "quote": a.quote or "",
        "cites": ", ".join(ds.source(ds.assertion(c).source).name for c in a.cites),
    }


def source_node(s: Source, info: Mapping[str, NodeInfo], *,
                assessment: AssessmentLike | None = None,
                quotes: list[dict[str, Any]] | None = None,
                names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A source as a vis-network node: shape and colour by kind, border by score."""
    style = KIND_STYLE[s.kind.value]
    i = info.get(s.id) or NodeInfo(grade=s.reliability)
    sa = assessment.sources.get(s.id) if assessment else None
    label = short(s.name, 40) + (f"  [{i.grade}]" if i.grade else "")
    names = names or {}
    details = [
        ["kind", style.label],
        ["aliases", ", ".join(s.aliases)],
        ["affiliated with", ", ".join(names.get(o, o) for o in s.affiliated_with)],
        ["country", s.country or ""],
        ["side", s.side or ""],
        ["score", _score(i)],
        ["basis of grade", sa.basis if sa else ("analyst" if s.reliability else "")],
        ["explanation", i.explanation or ""],
        ["flags", ", ".join(i.flags)],
        ["note", s.note or ""],
        ["id", s.id],
    ]
    return {
        "id": s.id, "label": label, "kind": s.kind.value,
        "shape": style.shape, "color": {"background": style.colour, "border": "#333333"},
        "borderWidth": 1 + 4 * (i.score if i.score is not None else 0.2),
        "font": {"color": "#ffffff" if style.shape == "box" else "#222222", "size": 14},
        "title": "\n".join(x for x in (s.name, style.label,
                                        "reliability " + grade_text(i.grade)) if x),
        "info": {"heading": s.name, "grade": "Reliability " + grade_text(i.grade),
                 "details": details, "quotes": (quotes or [])[:MAX_QUOTES],
                 "quotesTitle": "What it asserts"},
    }


def claim_node(c: Claim, info: Mapping[str, NodeInfo], *, quotes: list[dict[str, Any]],
               contradicted_by: list[str] | None = None) -> dict[str, Any]:
    """A claim as a vis-network node: a dot sized by its score, its grade in the label."""
    style = KIND_STYLE["claim"]
    i = info.get(c.id) or NodeInfo()
    q = c.quantity
    quantity = ""
    if q is not None:
        bits = [f"{k.replace('_', ' ')} {v:g}" for k, v in
                (("value", q.value), ("min_value", q.min_value), ("max_value", q.max_value))
                if v is not None]
        quantity = f"{q.measure}: " + ", ".join(bits) + (f" per {q.per}" if q.per else "") + (
            " (approximate)" if q.approximate else "")
    details = [
        ["score", _score(i)],
        ["contradicted by", "\n".join(contradicted_by or [])],
        ["quantity", quantity],
    ]
    after = [
        ["why this grade", i.explanation or ""],
        ["findings", ", ".join(x.replace("_", " ") for x in i.flags)],
        ["note", c.note or ""],
        ["id", c.id],
    ]
    prefix = f"[{i.grade}] " if i.grade else ""
    return {
        "id": c.id, "label": wrap(prefix + c.text), "kind": "claim",
        "shape": style.shape, "color": {"background": style.colour, "border": "#8a6d00"},
        "size": 10 + 16 * (i.score if i.score is not None else 0.3),
        "font": {"size": 13},
        "title": "\n".join(x for x in (c.text, "credibility " + grade_text(i.grade),
                                        "click for quotes and explanation") if x),
        "info": {"heading": c.text, "grade": "Credibility " + grade_text(i.grade),
                 "details": details, "quotes": quotes, "quotesTitle": "Asserted by",
                 "after": after},
    }


def edge(src: str, dst: str, relation: str, *, title: str = "",
         quotes: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    """A vis-network edge styled for its relation, with panel details."""
    e: dict[str, Any] = {"from": src, "to": dst, "relation": relation,
                         "title": title or relation.replace("_", " "), **EDGE_STYLE[relation]}
    if quotes:
        e["info"] = {"heading": title or relation, "details": [], "quotes": quotes,
                     "quotesTitle": "Assertions"}
    e.update(extra)
    return e


def contradictions(ds: Dataset, assessment: AssessmentLike | None) -> dict[tuple[str, str], str]:
    """Every contradicting pair of claims (sorted ids): ``"stated"``, ``"detected"`` or both.

    Stated pairs come from the data; detected ones from the assessment (its
    ``contradicted_by`` and, when it has them, its ``detected`` contradictions).
    """
    found: dict[tuple[str, str], str] = {}
    for c in ds.claims:
        for o in c.contradicts:
            a, b = sorted((c.id, o))
            found[(a, b)] = "stated"
    if assessment is not None:
        detected = {tuple(sorted(d.claims)) for d in getattr(assessment, "detected", ()) or ()}
        for cid, ca in assessment.claims.items():
            for o in ca.contradicted_by:
                a, b = sorted((cid, o))
                found.setdefault((a, b), "detected")
        for a, b in detected:
            if found.get((a, b)) == "stated":
                found[(a, b)] = "stated and detected"
            else:
                found[(a, b)] = "detected"
    return found
