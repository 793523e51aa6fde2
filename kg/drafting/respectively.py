"""Figures given for two years at once: "3.6% in 2022 and 2023", "0.8 and 0.2 point".

An economics sentence often states one figure for two years, or two figures for two years
in order ("respectively"). Each figure then gets its own year:

===============================================  ==========================================
text                                             figures
===============================================  ==========================================
"growth of 3.6% in 2022 and 2023"                3.6% for 2022, 3.6% for 2023
"a drop of 0.8 and 0.2 point" (same sentence)    0.8 for 2022, 0.2 for 2023
"5.7% and 8.7% in 2022 and 2023, respectively"   5.7% for 2022, 8.7% for 2023
===============================================  ==========================================

Examples:
    >>> from kg.drafting.figures import find_figures, written_numbers
    >>> text = "growth of 3.6% in 2022 and 2023, a drop of 0.8 and 0.2 point"
    >>> [(f.value, y) for f, y in by_year(written_numbers(text), find_figures(text))]
    [(3.6, 2022), (3.6, 2023), (0.8, 2022), (0.2, 2023)]
"""

from __future__ import annotations

import re

from kg.drafting.figures import Figure

__all__ = ["by_year", "respective"]

_TWO_YEARS = re.compile(r"\b(?:in|for)\s+((?:19|20)\d\d)\s+and\s+((?:19|20)\d\d)\b")


def by_year(text: str, figures: list[Figure]) -> list[tuple[Figure, int | None]]:
    """Each figure with the year it is for when ``text`` names two years at once (module's
    table), else with None. ``text`` is the one the figures' positions refer to."""
    years = _TWO_YEARS.search(text)
    if years is None:
        return [(f, None) for f in figures]
    y1, y2 = int(years.group(1)), int(years.group(2))
    out: list[tuple[Figure, int | None]] = []
    k = 0
    while k < len(figures):
        f = figures[k]
        nxt = figures[k + 1] if k + 1 < len(figures) else None
        if nxt is not None and re.fullmatch(r"\s*(?:%|percent)?\s*and\s+", text[f.end:nxt.start]):
            out += [(f, y1), (nxt, y2)]  # "0.8 and 0.2 point": in the years' order
            k += 2
            continue
        if re.fullmatch(r"[^,;]{0,12}?\s*", text[f.end:years.start()]):
            out += [(f, y1), (f, y2)]  # "3.6% in 2022 and 2023": one figure, both years
        else:
            out.append((f, None))
        k += 1
    return out


def respective(text: str, fig: Figure, before: list[Figure]) -> Figure | None:
    """In "2.1% this year and 2.6% in 2017, down from 2.4% and 2.9%, respectively", the
    earlier figure whose period ``fig`` (one of the last pair) shares: the pair's k-th
    figure goes with the k-th of the pair before it. None when ``fig`` is not in such a pair.

    Examples:
        >>> from kg.drafting.figures import find_figures, written_numbers
        >>> t = "2.1% this year and 2.6% in 2017, down from 2.4% and 2.9%, respectively"
        >>> w = written_numbers(t); fs = find_figures(t)
        >>> respective(w, fs[2], fs[:2]).value, respective(w, fs[3], fs[:3]).value
        (2.1, 2.6)
        >>> respective(w, fs[1], fs[:1]) is None
        True
    """
    if not re.match(r"(?:[^.;]|\.\d){0,25}\brespectively\b", text[fig.end:]) and not (
            re.match(r"\s*(?:%|percent|per cent)?\s*and\s+(?:[^.;]|\.\d){0,40}?\brespectively\b",
                     text[fig.end:])):
        return None
    joined = re.compile(r"\s*(?:%|percent|per cent)?\s*(?:,\s*)?and\s+(?:\$|\u20ac|\u00a3)?$")
    if before and joined.match(text[before[-1].end:fig.start]):  # the pair's second
        if len(before) >= 3:
            return before[-2]
        return None
    if len(before) >= 2:  # the pair's first: the first of the two before it
        return before[-2]
    return None
