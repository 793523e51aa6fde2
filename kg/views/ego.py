"""The source ego view: what a source asserts, whom it cites, and who cites it.

Columns, left to right: the sources that cite it; the source; the claims it
asserts; the sources it cites, with the claims they gave it.

Examples:
    >>> from kg.seed import seed_dataset
    >>> v = source_view(seed_dataset(), "ria")
    >>> sorted({n["kind"] for n in v.nodes})
    ['anonymous_source', 'claim', 'news_outlet']
    >>> sum(e["relation"] == "asserts" and e["from"] == "ria" for e in v.edges)
    5
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from kg.model import Dataset
from kg.views.describe import (
    assertion_quote,
    claim_node,
    edge,
    id_namer,
    plural,
    short,
    source_node,
)
from kg.views.info import AssessmentLike, NodeInfo, grade_text, info_for
from kg.views.layout import layered_positions, node_extent, wrapped_columns
from kg.views.relays import RELAY_ORDER, RelayMarks, strongest
from kg.views.style import KIND_STYLE
from kg.views.view import View, fixed_layout_options

__all__ = ["GROUP_ABOVE", "source_view"]

#: A source asserting more claims than this has them grouped by grade in several columns.
GROUP_ABOVE = 12


def source_view(ds: Dataset, source_id: str, info: Mapping[str, NodeInfo] | None = None, *,
                assessment: AssessmentLike | None = None, title: str | None = None) -> View:
    """A source's neighbourhood: its claims, the sources it cites, the sources citing it.

    Args:
        ds: The dataset.
        source_id: The source.
        info: Grades, scores and explanations per source and claim id.
        assessment: The credibility assessment, for the bases of grades.
        title: The heading (default: the source's name).

    Returns:
        A view with fixed positions (no physics).

    Raises:
        NotFoundError: no source has this id.
    """
    info = info_for(info, assessment)
    me = ds.source(source_id)
    reports = {r.id: r for r in ds.reports}
    names = {s.id: s.name for s in ds.sources}
    by_id = {a.id: a for a in ds.assertions}
    mine = [a for a in ds.assertions if a.source == source_id]
    my_ids = {a.id for a in mine}
    asserts: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    cites: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    marks = RelayMarks.of(ds, assessment)
    how: dict[tuple[str, str], set[str]] = defaultdict(set)
    changes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in mine:
        q = assertion_quote(ds, a, reports)
        asserts[(source_id, a.claim)].append(q)
        for c in marks.relayed(a):
            cited = by_id[c]
            if cited.source == source_id:
                continue
            cq = assertion_quote(ds, cited, reports)
            cites[(source_id, cited.source)].append(q)
            how[(source_id, cited.source)].add(marks.relation(a.id, c, a.copies))
            changes[(source_id, cited.source)] += marks.changes(a.id, c)
            asserts[(cited.source, cited.claim)].append(cq)
    for a in ds.assertions:
        if a.source == source_id:
            continue
        for c in marks.relayed(a):
            if c in my_ids:
                cites[(a.source, source_id)].append(assertion_quote(ds, a, reports))
                how[(a.source, source_id)].add(marks.relation(a.id, c, a.copies))
                changes[(a.source, source_id)] += marks.changes(a.id, c)
                break
    claims = sorted({c for (_, c) in asserts})
    cited_sources = sorted({o for (s, o) in cites if s == source_id})
    citers = sorted({s for (s, o) in cites if o == source_id} - set(cited_sources))

    texts = {c.id: c.text for c in ds.claims}
    my_quotes = [{**q, "source": texts[a.claim]}
                 for a in mine for q in [assertion_quote(ds, a, reports)]]
    name = id_namer(ds)
    nodes = [source_node(me, info, assessment=assessment, quotes=my_quotes, names=names,
                         name=name)]
    nodes[0]["borderWidth"] = 4
    for sid in cited_sources + citers:
        nodes.append(source_node(ds.source(sid), info, assessment=assessment, names=names,
                                 name=name))
    for cid in claims:
        qs = [q for (s, c), v in asserts.items() if c == cid for q in v]
        nodes.append(claim_node(ds.claim(cid), info, quotes=qs, name=name))
    edges: list[dict[str, Any]] = []
    for (s, c), qs in asserts.items():
        edges.append(edge(s, c, "asserts", quotes=qs, title=f"{names[s]} asserts"
                          + (" (hedged)" if all(q["hedged"] for q in qs) else "")))
    for (s, o), qs in cites.items():
        extra: dict[str, Any] = {}
        if s == source_id:  # curve round the claims column
            extra["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.35}
        e = edge(s, o, strongest(how[(s, o)]), quotes=qs, title="\n".join([
            f"{names[s]} cites {names[o]} for {plural(len(qs), 'claim')}",
            *changes[(s, o)][:3]]), **extra)
        if changes[(s, o)]:
            e["info"]["details"] = [["what changes", "\n".join(changes[(s, o)])]]
            e["info"]["heading"] = e["title"].split("\n")[0]
        edges.append(e)
    levels = {source_id: 1, **dict.fromkeys(claims, 2), **dict.fromkeys(cited_sources, 3),
              **dict.fromkeys(citers, 0)}
    grouped = len(claims) > GROUP_ABOVE
    if grouped:
        # a prolific source: its claims grouped by grade, best first, each group in columns
        # of at most a screen's height, instead of one column too tall to read
        grade_of = {c: (info[c].grade or "9") if c in info else "9" for c in claims}
        groups = sorted(set(grade_of.values()))
        columns: dict[int, list[str]] = {0: citers, 1: [source_id]}
        for k, g in enumerate(groups):
            columns[2 + k] = sorted((c for c in claims if grade_of[c] == g),
                                    key=lambda c: texts[c])
        columns[2 + len(groups)] = cited_sources
        for lv, col in columns.items():
            for member in col:
                levels[member] = lv
        ext = {node["id"]: node_extent(node) for node in nodes}
        _, _, pos = wrapped_columns({k: v for k, v in columns.items() if v}, ext, 1.6, 60, 14)
    else:
        pos = layered_positions(levels, [(e["from"], e["to"]) for e in edges], x_gap=320,
                                y_gap=115)
    for n in nodes:
        n["x"], n["y"] = pos[n["id"]]
        n["level"] = levels[n["id"]]
        n["find"] = n["info"]["heading"]
    grade = info[source_id].grade if source_id in info else me.reliability
    subtitle = (f"Reliability {grade_text(grade)}. Asserts {plural(len(claims), 'claim')}"
                f"{' (some relayed from the sources on the right)' if cited_sources else ''}; "
                f"cites {plural(len(cited_sources), 'source')}; cited by {len(citers)}."
                + (" Claims grouped by credibility grade, best on the left." if grouped else ""))
    kinds = [k for k in KIND_STYLE if any(n["kind"] == k for n in nodes)]
    relations = [r for r in ("asserts", *RELAY_ORDER) if any(e["relation"] == r for e in edges)]
    return View(title=title or f"Source: {short(me.name, 90)}", subtitle=subtitle, nodes=nodes,
                edges=edges, options=fixed_layout_options(len(nodes)), kinds=kinds,
                relations=relations, height="70vh")
