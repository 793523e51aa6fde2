"""The claim provenance view: from a claim, left to right, through every relay to its origins.

Each assertion is a node (shaped and coloured by its source's kind), so a
source that relays the claim twice appears twice. Tips (who asserts the claim
last) sit next to the claim, origins (assertions that cite nobody) in the
rightmost column, ringed in red and numbered when independent. Hedged
assertions have a dashed border. Contradicting claims sit beside the claim,
joined by red edges.

Examples:
    >>> from kg.seed import seed_dataset
    >>> v = claim_view(seed_dataset(), "convicts-deserted")
    >>> [n["label"].split("\\n")[0] for n in sorted(v.nodes, key=lambda n: n["x"])][:2]
    ['Thousands of convicts', 'Publisher of the article']
    >>> sorted(e["relation"] for e in v.edges)
    ['asserts', 'cites', 'cites']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from kg.credibility.provenance import provenance_chains, tips
from kg.model import Assertion, Dataset
from kg.views.describe import (
    INSIDE_LABEL,
    assertion_quote,
    claim_node,
    contradiction_info,
    contradictions,
    edge,
    flag_words,
    id_namer,
    plural,
    short,
    wrap,
)
from kg.views.figures import figure_short, figure_text
from kg.views.info import AssessmentLike, NodeInfo, grade_text, info_for
from kg.views.layout import layered_positions
from kg.views.relays import RelayMarks
from kg.views.style import KIND_STYLE, ORIGIN_COLOUR, grade_style, text_colour
from kg.views.view import View, fixed_layout_options

__all__ = ["claim_view"]


def claim_view(ds: Dataset, claim_id: str, info: Mapping[str, NodeInfo] | None = None, *,
               assessment: AssessmentLike | None = None, title: str | None = None) -> View:
    """One claim's provenance chains, laid out left to right, with contradicting claims.

    Args:
        ds: The dataset.
        claim_id: The claim.
        info: Grades, scores and explanations per source and claim id.
        assessment: The credibility assessment: origins, independence, detected contradictions.
        title: The heading (default: the claim's text, shortened).

    Returns:
        A view with fixed positions (no physics).

    Raises:
        NotFoundError: no claim has this id.
    """
    info = info_for(info, assessment)
    claim = ds.claim(claim_id)
    name = id_namer(ds)
    reports = {r.id: r for r in ds.reports}
    ca = assessment.claims.get(claim_id) if assessment else None
    marks = RelayMarks.of(ds, assessment)
    # every assertion reached from the tips, at its longest distance from a tip
    level: dict[str, int] = {}

    def walk(a: Assertion, depth: int) -> None:
        if level.get(a.id, 0) >= depth:
            return
        level[a.id] = depth
        for cited in marks.relayed(a):
            walk(ds.assertion(cited), depth + 1)

    for t in tips(ds, claim_id):
        walk(t, 1)
    reached = {a: ds.assertion(a) for a in level}
    relayed = {a: marks.relayed(x) for a, x in reached.items()}
    origin_ids = [a for a in reached if not relayed[a]]
    if ca is not None and ca.origins:
        origin_ids = [a for a in ca.origins if a in reached] or origin_ids
    last = max(level.values(), default=1)
    for a in origin_ids:
        level[a] = last
    origin_sources = sorted({reached[a].source for a in origin_ids},
                            key=lambda s: ds.source(s).name)
    independent = ca.independent_origins if ca is not None else len(origin_sources)

    nodes: list[dict[str, Any]] = []
    for aid, x in reached.items():
        nodes.append(_assertion_node(ds, x, info, reports, assessment,
                                     origin=aid in origin_ids,
                                     number=(origin_sources.index(x.source) + 1
                                             if aid in origin_ids and independent > 1 else 0),
                                     of=len(origin_sources), name=name))
    pairs = contradictions(ds, assessment)
    others = sorted({y if x == claim_id else x for (x, y) in pairs if claim_id in (x, y)})
    how = {o: pairs[(min(o, claim_id), max(o, claim_id))] for o in others}
    quotes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for x in ds.assertions:
        if x.claim == claim_id or x.claim in how:
            quotes[x.claim].append(assertion_quote(ds, x, reports))
    texts = {o: ds.claim(o).text for o in others}
    main = claim_node(claim, info, quotes=quotes[claim_id], name=name, label_figures=True,
                      contradicted_by=[f"{texts[o]} ({how[o]})" for o in others])
    main["borderWidth"] = 3
    nodes.append(main)
    for o in others:
        nodes.append(claim_node(ds.claim(o), info, quotes=quotes[o], name=name,
                                contradicted_by=[f"{claim.text} ({how[o]})"]))
    edges: list[dict[str, Any]] = []
    for t in tips(ds, claim_id):
        q = assertion_quote(ds, t, reports)
        edges.append(edge(t.id, claim_id, "asserts", quotes=[q],
                          title=f"{q['source']} asserts" + (" (hedged)" if t.hedged else "")))
    for aid, x in reached.items():
        for cited in relayed[aid]:
            edges.append(_relay_edge(ds, x, reached[cited], marks, reports))
    linked = {(e["from"], e["to"]) for e in edges}
    for r, o in marks.unlinked(reached):  # a headline against its body
        if (r, o) not in linked:
            edges.append(_relay_edge(ds, reached[r], reached[o], marks, reports))
    reasons = {tuple(sorted(d.claims)): d.reason
               for d in getattr(assessment, "detected", ()) or ()}
    for o in others:
        lo, hi = sorted((claim_id, o))
        edges.append(edge(claim_id, o, "contradicts",
                          title=f"contradicts ({how[o]}); click for why",
                          info=contradiction_info(ds, claim_id, o, how[o],
                                                  reasons.get((lo, hi), ""), info)))

    levels = {**level, claim_id: 0, **dict.fromkeys(others, -1)}
    pos = layered_positions(levels, [(e["from"], e["to"]) for e in edges], x_gap=290, y_gap=120)
    pos[claim_id] = (0.0, 0.0)
    for k, o in enumerate(others):  # beside the claim, in a column to its left
        pos[o] = (-300.0, (k - (len(others) - 1) / 2) * 170.0)
    for n in nodes:
        n["x"], n["y"] = pos[n["id"]]
        n["level"] = levels[n["id"]]
        n["find"] = n["info"]["heading"]
        n.setdefault("font", {})["size"] = 16 if n["kind"] == "claim" else 17
    chains = provenance_chains(ds, claim_id)
    grade = grade_text(info[claim_id].grade) if claim_id in info else "not graded"
    subtitle = (f"Credibility {grade}. {plural(len(chains), 'chain')}, "
                f"{plural(len(origin_ids), 'origin')}, {independent} independent; "
                f"{plural(len(others), 'contradicting claim')}. "
                "Read left to right: claim \u2190 who asserts it \u2192 whom they cite "
                "\u2192 origins.")
    kinds = [k for k in KIND_STYLE if any(n["kind"] == k for n in nodes)]
    relations = [r for r in ("asserts", "cites", "distorts", "copies", "contradicts")
                 if any(e["relation"] == r for e in edges)]
    legend = ["origin"] + (["hedged"] if any(x.hedged for x in reached.values()) else [])
    return View(title=title or f"Provenance: {short(claim.text, 90)}", subtitle=subtitle,
                nodes=nodes, edges=edges, options=fixed_layout_options(), kinds=kinds,
                relations=relations, marks=legend, height="62vh")


def _relay_edge(ds: Dataset, x: Assertion, cited: Assertion, marks: RelayMarks,
                reports: Mapping[str, Any]) -> dict[str, Any]:
    """The edge from a relay to what it relays: cites, distorts (with what changes) or copies."""
    q = assertion_quote(ds, x, reports)
    whom = ds.source(cited.source).name
    relation = marks.relation(x.id, cited.id, x.copies)
    changes = marks.changes(x.id, cited.id)
    verb = {"cites": "cites", "copies": "copies", "distorts": "relays, changing it,"}[relation]
    head = f"{q['source']} {verb} {whom}" + (" (headline against its body)"
                                            if x.headline and cited.id not in x.relays else "")
    e = edge(x.id, cited.id, relation, quotes=[q, assertion_quote(ds, cited, reports)],
             title="\n".join([head, *changes]))
    if changes:
        e["info"]["details"] = [["what changes", "\n".join(changes)]]
        e["info"]["heading"] = head
    return e


def _assertion_node(ds: Dataset, a: Assertion, info: Mapping[str, NodeInfo],
                    reports: Mapping[str, Any], assessment: AssessmentLike | None, *,
                    origin: bool, number: int, of: int,
                    name: Callable[[str], str]) -> dict[str, Any]:
    s = ds.source(a.source)
    style = KIND_STYLE[s.kind.value]
    i = info.get(s.id) or NodeInfo(grade=s.reliability)
    q = assertion_quote(ds, a, reports)
    role = ("independent origin " + f"{number} of {of}" if number else
            "origin" if origin else "relay" if a.relays else "asserts")
    lines = [wrap(s.name + (f"  [{i.grade}]" if i.grade else ""), 24, 2)]
    if a.quantity is not None:  # a relay's own version of the figure
        lines.append(wrap("says " + figure_short(a.quantity), 30, 2))
    when = ", ".join(x for x in (q["date"],) if x)
    if origin or a.hedged or when:
        lines.append(" \u00b7 ".join(x for x in (
            ("ORIGIN" + (f" {number}/{of}" if number else "")) if origin else "",
            "hedged" if a.hedged else "", when) if x))
    sa = assessment.sources.get(s.id) if assessment else None
    node: dict[str, Any] = {
        "id": a.id, "label": "\n".join(lines), "kind": s.kind.value, "shape": style.shape,
        "grade": i.grade or "",
        "title": "\n".join(x for x in (
            f"{s.name} ({role})", "reliability " + grade_text(i.grade),
            ", ".join(x for x in (q["report"], q["date"]) if x),
            ("says " + figure_text(a.quantity)) if a.quantity is not None else "",
            f"\u201c{short(q['quote'], 160)}\u201d" if q["quote"] else "") if x),
        "info": {
            "heading": s.name, "grade": "Reliability " + grade_text(i.grade),
            "details": [["role in this chain", role], ["hedged", "yes" if a.hedged else ""],
                        ["its own figure",
                         figure_text(a.quantity) if a.quantity is not None else ""],
                        ["headline", "yes" if a.headline else ""],
                        ["basis of grade", sa.basis if sa else ""],
                        ["explanation", name(i.explanation or "")],
                        ["findings", ", ".join(flag_words(x) for x in i.flags)]],
            "quotes": [q], "quotesTitle": "The assertion",
        },
    }
    look = grade_style(i.grade)
    look["color"]["border"] = ORIGIN_COLOUR if origin else "#4d4d4d"
    look["borderWidth"] = 4 if origin else 1.5
    if a.hedged:
        look["shapeProperties"] = {"borderDashes": [5, 4]}
    node.update(look)
    node["font"] = {"color": text_colour(look["color"]["background"])
                    if style.shape in INSIDE_LABEL else "#1a1a1a"}
    return node
