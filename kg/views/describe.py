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

import re
import textwrap
from collections.abc import Callable, Mapping
from typing import Any

from kg.model import Assertion, Claim, Dataset, Report, Source
from kg.views.figures import figure_short, figures_of
from kg.views.info import AssessmentLike, NodeInfo, grade_text
from kg.views.style import EDGE_STYLE, KIND_STYLE, grade_style, text_colour

__all__ = [
    "assertion_quote",
    "claim_node",
    "contradiction_info",
    "contradictions",
    "edge",
    "flag_words",
    "id_namer",
    "plural",
    "short",
    "source_node",
    "wrap",
]

#: Font sizes (canvas pixels) of source and claim labels, and the radius of a claim's dot.
#: Sources are written larger, so that at a small scale their names still show while the
#: claims' labels wait for the reader to zoom in (labels by zoom level).
SOURCE_FONT = 16
CLAIM_FONT = 13
CLAIM_SIZE = 11
#: Size of a source drawn as a shape with its label below (hexagon, triangle...).
SOURCE_SIZE = 15
#: Shapes vis-network writes the label inside of (the others: below the shape).
INSIDE_LABEL = frozenset({"box", "ellipse", "circle", "database", "text"})

#: Plain words for the engine's finding kinds and flags; unknown ones are spelled out.
FLAG_WORDS = {
    "false_confirmation": "false confirmation (several relays, one origin)",
    "circular_reporting": "circular reporting",
    "detected_contradiction": "contradicted by figures",
    "single_origin": "rests on a single independent origin",
    "unjudgeable_origin": "no origin that can be judged",
    "interested_party": "asserted by an interested party",
}


def flag_words(flag: str) -> str:
    """A finding kind or flag in plain words.

    Examples:
        >>> flag_words("single_origin"), flag_words("some_new_kind")
        ('rests on a single independent origin', 'some new kind')
    """
    return FLAG_WORDS.get(flag, flag.replace("_", " "))


#: Most quotes listed in one source's panel (a big outlet may assert thousands of claims).
MAX_QUOTES = 25


def short(text: str, width: int = 60) -> str:
    """Text cut to ``width`` characters with an ellipsis.

    Examples:
        >>> short("a" * 70, 10)
        'aaaaaaaaa\u2026'
    """
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space >= width * 0.6:  # end at a word when one ends near the cut
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "\u2026"


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
                names: Mapping[str, str] | None = None,
                name: Callable[[str], str] | None = None) -> dict[str, Any]:
    """A source as a vis-network node: shaped by kind, filled by grade.

    ``name`` replaces ids in the explanation by words (:func:`id_namer`).
    """
    style = KIND_STYLE[s.kind.value]
    i = info.get(s.id) or NodeInfo(grade=s.reliability)
    sa = assessment.sources.get(s.id) if assessment else None
    label = wrap(s.name, 22, 2) + (f" [{i.grade}]" if i.grade else "")
    names = names or {}
    details = [
        ["kind", style.label],
        ["aliases", ", ".join(s.aliases)],
        ["affiliated with", ", ".join(names.get(o, o) for o in s.affiliated_with)],
        ["country", s.country or ""],
        ["side", s.side or ""],
        ["score", _score(i)],
        ["basis of grade", sa.basis if sa else ("analyst" if s.reliability else "")],
        ["explanation", (name or str)(i.explanation or "")],
        ["findings", ", ".join(flag_words(x) for x in i.flags)],
        ["note", s.note or ""],
        ["id", s.id],
    ]
    node: dict[str, Any] = {
        "id": s.id, "label": label, "kind": s.kind.value, "shape": style.shape,
        "grade": i.grade or "",
        "font": {"size": SOURCE_FONT},
        "title": "\n".join(x for x in (s.name, style.label,
                                        "reliability " + grade_text(i.grade)) if x),
        "info": {"heading": s.name, "grade": "Reliability " + grade_text(i.grade),
                 "gradeKey": i.grade or "",
                 "details": details, "quotes": (quotes or [])[:MAX_QUOTES],
                 "quotesTitle": "What it asserts"},
    }
    node.update(grade_style(i.grade))
    if style.shape in INSIDE_LABEL:
        node["font"]["color"] = text_colour(node["color"]["background"])
    else:
        node["size"] = SOURCE_SIZE
    return node


def claim_node(c: Claim, info: Mapping[str, NodeInfo], *, quotes: list[dict[str, Any]],
               contradicted_by: list[str] | None = None,
               name: Callable[[str], str] | None = None,
               label_figures: bool = False) -> dict[str, Any]:
    """A claim as a vis-network dot filled by its grade, the grade in its label.

    Every figure of the claim, with its kind, is in its tooltip and panel
    (:mod:`kg.views.figures`); with ``label_figures`` (where there is room), in its label too.
    ``name`` replaces ids in the explanation by words (:func:`id_namer`).
    """
    style = KIND_STYLE["claim"]
    i = info.get(c.id) or NodeInfo()
    figures = figures_of(c)
    details = [
        ["score", _score(i)],
        ["contradicted by", "\n".join(contradicted_by or [])],
        ["figures" if len(figures) > 1 else "figure", "\n".join(figures)],
    ]
    after = [
        ["why this grade", (name or str)(i.explanation or "")],
        ["findings", ", ".join(flag_words(x) for x in i.flags)],
        ["note", c.note or ""],
        ["id", c.id],
    ]
    prefix = f"[{i.grade}] " if i.grade else ""
    node: dict[str, Any] = {
        "id": c.id, "label": wrap(prefix + c.text, 24, 2) + (
            "\n" + wrap(" \u00b7 ".join(figure_short(q) for q in c.all_quantities), 30, 2)
            if label_figures and figures else ""), "kind": "claim",
        "shape": style.shape, "size": CLAIM_SIZE, "grade": i.grade or "",
        "font": {"size": CLAIM_FONT},
        "title": "\n".join(x for x in (c.text, "credibility " + grade_text(i.grade),
                                        *figures, "click for quotes and explanation") if x),
        "info": {"heading": c.text, "grade": "Credibility " + grade_text(i.grade),
                 "gradeKey": i.grade or "",
                 "details": details, "quotes": quotes, "quotesTitle": "Asserted by",
                 "after": after},
    }
    node.update(grade_style(i.grade))
    return node


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


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the word, singular or plural.

    Examples:
        >>> plural(1, "claim"), plural(3, "claim"), plural(0, "pair"), plural(2, "body", "bodies")
        ('1 claim', '3 claims', '0 pairs', '2 bodies')
    """
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def id_namer(ds: Dataset, width: int = 70) -> Callable[[str], str]:
    """A function replacing the ids of claims, sources and reports in a text by their words.

    Claims become their text, shortened to ``width`` characters (the engine's
    explanations quote claims by id); sources their names; reports their titles.

    Examples:
        >>> from kg.seed import seed_dataset
        >>> name = id_namer(seed_dataset(), 30)
        >>> name("\u201cmonthly-desertions-30k\u201d says more than ria")
        '\u201cUp to 30,000 soldiers leave\u2026\u201d says more than RIA Novosti'
    """
    words: dict[str, str] = {}
    for r in ds.reports:
        if r.title:
            words[r.id] = short(r.title, width)
    for s in ds.sources:
        words[s.id] = s.name
    for c in ds.claims:
        words[c.id] = short(c.text, width)
    if not words:
        return lambda text: text

    def one(m: re.Match[str]) -> str:
        token = m.group(0)
        if token in words:
            return words[token]
        bare = token.rstrip(".")  # an id ending a sentence
        if bare in words:
            return words[bare] + token[len(bare):]
        return token

    def name(text: str) -> str:
        return _TOKEN.sub(one, text)

    return name


#: Candidate ids in a text: runs of the characters ids are made of, not inside a word.
_TOKEN = re.compile(r"(?<![\w-])[A-Za-z0-9][A-Za-z0-9_~.-]*")


def contradiction_info(ds: Dataset, x: str, y: str, how: str, reason: str,
                       info: Mapping[str, NodeInfo],
                       name: Callable[[str], str] | None = None) -> dict[str, Any]:
    """The panel of a contradiction edge: both claims with their grades, how it is known, why.

    ``reason`` is the engine's numeric reason for a detected contradiction (ids in it
    are replaced by the claims' words), empty for one only stated by the analyst.
    """
    texts = {x: ds.claim(x).text, y: ds.claim(y).text}

    def graded(cid: str) -> str:
        i = info.get(cid)
        return f"{texts[cid]} \u2014 credibility {grade_text(i.grade if i else None)}"

    why = (name or id_namer(ds))(reason) if reason else (
        "stated by the analyst in the data" if "stated" in how else "")
    return {"heading": f"Contradiction ({how})", "details": [
        ["claim", graded(x)], ["contradicted by", graded(y)], ["why", why]]}
