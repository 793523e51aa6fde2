"""Match rules for sources and claims across documents, and the index that finds candidates.

Sources (:func:`source_candidate`):

* **same identifier** (sure): a shared ``same_as`` IRI, or one names the other's IRI
  (``same_as: [other-doc:ria]``);
* never: an anonymous source or unnamed document, a name that says it is unnamed
  ("Publisher of the article (unnamed)") or is only a generic head ("Office", "the
  agency"), kinds that cannot be one entity, or two different known entities;
* **same known entity** (sure): both recognised as one entry of the registry
  (:mod:`kg.resolution.known`), by name, translation, script or acronym;
* **same name** (sure): a shared name key of a name or alias (generic keys left out),
  unless their countries differ (then likely);
* **similar names** (likely): keys within 20% edits, or one name's words inside the
  other's with a word that is not generic.

Claims (:func:`claim_candidate`), by what they say, never by their ids:

* **same figure** (sure): a figure (value, or the same bound) equal within rounding
  (:func:`same_figure`), a compatible unit and rate, measures that share their words
  (:func:`measure_overlap` >= 0.3), and periods that overlap (or are not given);
  the same figure otherwise (another period, unit or measure) is likely;
* **same text** (sure): equal once folded, or within 8% edits with the same numbers;
* **similar texts** (likely): within 20% edits.

:class:`MatchIndex` holds blocking keys (name keys, name words, identifiers;
figures, folded texts, word sets), so that matching an incoming document compares
each record with the few existing records sharing a key, never with all.

Examples:
    >>> same_figure(170000, 171000), same_figure(10, 11), same_figure(9400, 9400.0)
    (True, False, True)
    >>> round(measure_overlap("criminal cases over desertion", "desertion cases opened"), 2)
    0.5
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.model import UNNAMED_KINDS, Claim, Quantity, Source
from kg.names import (
    GENERIC_WORDS,
    fold,
    is_generic,
    is_unnamed,
    name_key,
    similarity,
)

if TYPE_CHECKING:
    from kg.resolution.known import Registry

__all__ = [
    "LIKELY_SIMILARITY",
    "MatchIndex",
    "claim_candidate",
    "claim_keys",
    "claim_probe_keys",
    "measure_overlap",
    "same_figure",
    "source_candidate",
    "source_keys",
]

LIKELY_SIMILARITY = 0.8
NEAR_IDENTICAL = 0.92
MEASURE_OVERLAP = 0.3
Hit = tuple[str, bool, float]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_STOP = frozenset({
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "this", "it", "its",
    "as", "since", "than", "into", "over", "per", "number", "total", "who", "which", "their",
    "according", "about", "more", "up", "some", "all", "no", "not", "so", "but", "there",
})
_UNIT_SYNONYMS = {"people": "person", "persons": "person", "soldiers": "person",
                  "cases": "case", "percent": "percent", "%": "percent", "usd": "usd",
                  "dollars": "usd", "us dollars": "usd"}


# --- figures, measures, periods -----------------------------------------------------


def _precision(x: float) -> float | None:
    """The place of a round figure's last significant digit (170000 -> 10000); None if
    the figure has a single significant digit (10, 60000: too round to tolerate)."""
    if x == 0 or not math.isfinite(x) or x != int(x):
        return 0.0 if x != 0 and math.isfinite(x) else None
    n, place = abs(int(x)), 1
    while n % 10 == 0:
        n //= 10
        place *= 10
    return float(place) if n >= 10 else None


def same_figure(a: float, b: float) -> bool:
    """Whether two figures are the same within rounding.

    Equal, or one is the other rounded: |a - b| is at most half the last significant
    place of a round figure with at least two significant digits (170,000 and 171,000;
    never 10 and 11, nor 60,000 and 58,000).
    """
    if a == b:
        return True
    places = [p for p in (_precision(a), _precision(b)) if p]
    return bool(places) and abs(a - b) <= max(places) / 2


def _words(text: str) -> set[str]:
    out = set()
    for w in fold(text).split():
        if w in _STOP or w.isdigit():
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") else w)
    return out


def measure_overlap(a: str, b: str) -> float:
    """Jaccard overlap of two measures' content words (plural 's' dropped)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def _unit(q: Quantity) -> str:
    u = fold(q.unit or "")
    return _UNIT_SYNONYMS.get(u, u)


def _periods_overlap(a: Quantity, b: Quantity) -> bool | None:
    """True or False when both give a period; None when one does not."""
    if (a.period_start is None and a.period_end is None) or (
            b.period_start is None and b.period_end is None):
        return None
    lo, hi = dt.date.min, dt.date.max
    return (a.period_start or lo) <= (b.period_end or hi) and (
        b.period_start or lo) <= (a.period_end or hi)


def _figures(q: Quantity) -> list[tuple[str, float]]:
    return [(f, v) for f in ("value", "min_value", "max_value")
            if (v := getattr(q, f)) is not None]


def _quantity_hit(a: Quantity, b: Quantity) -> Hit | None:
    shared = [(f, x) for f, x in _figures(a)
              for g, y in _figures(b) if f == g and same_figure(x, y)]
    if not shared:
        return None
    # every figure both give must agree, not just one
    fa, fb = dict(_figures(a)), dict(_figures(b))
    if any(not same_figure(fa[k], fb[k]) for k in fa.keys() & fb.keys()):
        return None
    figure = f"{shared[0][1]:g}"
    unit_ok = _unit(a) == _unit(b) or not a.unit or not b.unit
    overlap = measure_overlap(a.measure, b.measure)
    period = _periods_overlap(a, b)
    if unit_ok and a.per == b.per and overlap >= MEASURE_OVERLAP and period is not False:
        return (f"same figure {figure} ({_unit(a) or 'no unit'}), compatible measures "
                f"({overlap:.2f}), {'overlapping periods' if period else 'no period given'}",
                True, 1.0)
    if overlap < MEASURE_OVERLAP / 2 and (len(figure) < 3 or not unit_ok):
        return None  # a small figure in unrelated measures ("2", "5") says nothing
    why = ("another period" if period is False else "another unit or rate"
           if not unit_ok or a.per != b.per else f"measures share {overlap:.2f} of their words")
    return f"same figure {figure}, but {why}", False, 0.85


# --- rules ----------------------------------------------------------------------------


def _names(s: Source) -> list[str]:
    return [n for n in (s.name, *s.aliases) if not is_unnamed(n)]


def _name_keys(s: Source) -> set[str]:
    outlet = s.kind.value in ("news_outlet", "organization")
    return {k for n in _names(s) for k in {name_key(n, outlet=outlet), name_key(n)} if k}


def _nameless(s: Source) -> bool:
    return s.kind in UNNAMED_KINDS or is_unnamed(s.name)


def source_candidate(s: Source, e: Source, *, base: str = "",
                     registry: Registry | None = None) -> Hit | None:
    """Whether incoming source ``s`` may be existing source ``e`` (see the module docstring)."""
    from kg.resolution.known import kinds_compatible

    ids_s = {*s.same_as, f"{base}source/{s.id}"} if base else set(s.same_as)
    ids_e = {*e.same_as, f"{base}source/{e.id}"} if base else set(e.same_as)
    shared_iri = sorted((set(s.same_as) & ids_e) | (ids_s & set(e.same_as)))
    if shared_iri:
        return f"same identifier {shared_iri[0]}", True, 1.0
    if not kinds_compatible(s.kind, e.kind):
        return None
    if _nameless(s) or _nameless(e):
        # a description ("the source", "publisher (unnamed)") identifies nobody: at most
        # listed for the analyst, never merged
        shared_desc = sorted({fold(s.name), *map(fold, s.aliases)}
                             & {fold(e.name), *map(fold, e.aliases)})
        if s.kind != e.kind:
            return None
        if shared_desc:
            return (f"same description {shared_desc[0]!r}, but a description identifies "
                    "nobody"), False, 1.0
        score = similarity(fold(s.name), fold(e.name))
        if score >= LIKELY_SIMILARITY:
            return "similar descriptions, which identify nobody", False, score
        return None
    ks = registry.recognise(s) if registry is not None else None
    ke = registry.recognise(e) if registry is not None else None
    if ks is not None and ke is not None and ks.id != ke.id:
        return None  # two different known entities
    keys, other = _name_keys(s), _name_keys(e)
    shared = sorted(keys & other)
    countries_differ = (s.country is not None and e.country is not None
                        and fold(s.country) != fold(e.country))
    if shared and s.kind == e.kind:
        if countries_differ:
            return f"same name {shared[0]!r}, but countries differ", False, 0.9
        return f"same name: {shared[0]!r}", True, 1.0
    if ks is not None and ke is not None:
        return f"same known entity {ks.id}", True, 1.0
    best, pair = 0.0, ("", "")
    for a in keys:
        for b in other:
            score = similarity(a, b)
            if score > best:
                best, pair = score, (a, b)
            wa, wb = set(a.split()), set(b.split())
            small = wa if len(wa) <= len(wb) else wb
            if wa and wb and (wa <= wb or wb <= wa) and small - GENERIC_WORDS \
                    and best < 0.9:
                best, pair = 0.9, (a, b)
    if best >= LIKELY_SIMILARITY and not countries_differ:
        return f"similar names {pair[0]!r} and {pair[1]!r}", False, best
    return None


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def claim_candidate(c: Claim, e: Claim) -> Hit | None:
    """Whether incoming claim ``c`` may be existing claim ``e`` (see the module docstring)."""
    if c.quantity is not None and e.quantity is not None:
        hit = _quantity_hit(c.quantity, e.quantity)
        if hit is not None:
            return hit
    ft, fe = fold(c.text), fold(e.text)
    if ft == fe:
        return "same text", True, 1.0
    score = similarity(ft, fe)
    if score >= NEAR_IDENTICAL and _numbers(c.text) == _numbers(e.text) and not (
            c.quantity is not None and e.quantity is not None):
        return f"near-identical text ({score:.2f})", True, score
    if score >= LIKELY_SIMILARITY:
        return "similar texts", False, score
    return None


# --- blocking keys --------------------------------------------------------------------


def _fig(x: float) -> str:
    return f"{x:.15g}"


def _roundings(x: float) -> set[str]:
    """``x`` rounded to 2 and 3 significant digits (the round figures it may be given as)."""
    if x == 0 or not math.isfinite(x):
        return set()
    exponent = math.floor(math.log10(abs(x)))
    return {_fig(round(x, digits - 1 - exponent)) for digits in (2, 3)}


def source_keys(s: Source, base: str = "") -> set[str]:
    """Blocking keys of a source: identifiers, name keys and name words (none if nameless)."""
    keys = {"i:" + iri for iri in s.same_as}
    if base:
        keys.add(f"i:{base}source/{s.id}")
    if _nameless(s):  # words only: a description may be listed as likely, never merged
        return keys | {"w:" + w for w in fold(s.name).split()
                       if len(w) >= 4 and w not in GENERIC_WORDS and w not in _STOP}
    keys |= {"n:" + k for k in _name_keys(s) if not is_generic(k)}
    keys |= {"w:" + w for k in _name_keys(s) for w in k.split()
             if len(w) >= 4 and w not in GENERIC_WORDS}
    return keys


def _text_keys(c: Claim) -> set[str]:
    keys = {"t:" + fold(c.text)}
    words = sorted(_words(c.text))
    if words:
        keys.add("s:" + " ".join(words))
    return keys


def claim_keys(c: Claim) -> set[str]:
    """Blocking keys a claim is indexed under: folded text, word set, and each figure
    exactly (``f:``) and rounded to 2 and 3 significant digits (``r:``)."""
    keys = _text_keys(c)
    if c.quantity is not None:
        for _, v in _figures(c.quantity):
            keys.add("f:" + _fig(v))
            keys |= {"r:" + r for r in _roundings(v)}
    return keys


def claim_probe_keys(c: Claim) -> set[str]:
    """The keys a claim looks its candidates up by: an indexed figure equal to one of its
    figures or to its roundings, or an indexed rounding equal to its figure. A precise
    figure finds only the same figure or its round forms, never a whole range."""
    keys = _text_keys(c)
    if c.quantity is not None:
        for _, v in _figures(c.quantity):
            keys |= {"f:" + _fig(v), "r:" + _fig(v)}
            keys |= {"f:" + r for r in _roundings(v)}
    return keys


@dataclass
class MatchIndex:
    """Blocking key -> ids of the records that have it (sources and claims apart)."""

    sources: dict[str, set[str]] = field(default_factory=dict)
    claims: dict[str, set[str]] = field(default_factory=dict)

    def add_source(self, s: Source, base: str = "") -> None:
        """Index a source."""
        for k in source_keys(s, base):
            self.sources.setdefault(k, set()).add(s.id)

    def add_claim(self, c: Claim) -> None:
        """Index a claim."""
        for k in claim_keys(c):
            self.claims.setdefault(k, set()).add(c.id)

    @classmethod
    def of(cls, sources: Iterable[Source], claims: Iterable[Claim],
           base: str = "") -> MatchIndex:
        """An index of these records."""
        index = cls()
        for s in sources:
            index.add_source(s, base)
        for c in claims:
            index.add_claim(c)
        return index

    def source_candidates(self, s: Source, base: str = "") -> set[str]:
        """Ids of indexed sources sharing a key with ``s``."""
        return {i for k in source_keys(s, base) for i in self.sources.get(k, ())}

    def claim_candidates(self, c: Claim) -> set[str]:
        """Ids of indexed claims matching ``c``'s probe keys (:func:`claim_probe_keys`)."""
        return {i for k in claim_probe_keys(c) for i in self.claims.get(k, ())}
