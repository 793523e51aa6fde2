"""Scoring a drafted dataset against an analyst's: precision and recall of assertions.

Matching rule, stated once and used by the test that pins the scores and by the
benchmark:

1. **Sources** of the draft are mapped to the analyst's by entity resolution
   (:func:`~kg.resolution.merging.find_matches`: the best sure or likely match);
   a source left over is mapped to the analyst's source of the same kind that is
   cited by the same (mapped) source, if there is exactly one.
2. An extracted assertion **matches** an analyst's one when their sources map to
   each other and their claims agree: the same figure (a shared value or bound),
   or, when neither claim has a figure, overlapping texts (at least half of the
   content words of the shorter of claim text and quote found in the other's).
   Two quantities with different figures never match.
3. Matching is one to one, best overlap first. Precision is matched / extracted,
   recall matched / analyst's.

Examples:
    >>> from kg.seed import seed_dataset
    >>> s = score_draft(seed_dataset(), seed_dataset())
    >>> s.precision, s.recall
    (1.0, 1.0)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model import Assertion, Dataset
from kg.names import fold
from kg.resolution.merging import find_matches

__all__ = ["DraftScore", "score_draft", "source_mapping"]

_STOPWORDS = frozenset({
    "that", "this", "with", "from", "have", "been", "were", "their", "there", "which", "about",
    "into", "under", "over", "than", "they", "them", "these", "those", "what", "when", "where",
    "while", "will", "would", "could", "should", "also", "such", "only", "more", "most", "many",
    "some", "other", "after", "before", "being",
})


@dataclass(frozen=True)
class DraftScore:
    """Precision and recall of a draft's assertions, and the pairs behind them."""

    extracted: int
    gold: int
    pairs: tuple[tuple[str, str], ...] = field(default=())

    @property
    def matched(self) -> int:
        """Matched assertions."""
        return len(self.pairs)

    @property
    def precision(self) -> float:
        """Matched over extracted (1.0 for an empty draft)."""
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        """Matched over the analyst's assertions."""
        return self.matched / self.gold if self.gold else 1.0


def source_mapping(draft: Dataset, gold: Dataset) -> dict[str, str]:
    """Each draft source id -> the analyst's source id it stands for (rule 1)."""
    mapping: dict[str, str] = {s.id: s.id for s in draft.sources
                               if any(g.id == s.id for g in gold.sources)}
    for m in find_matches(gold, draft):
        if m.kind == "source" and m.incoming not in mapping:
            mapping[m.incoming] = m.existing
    by_id = {a.id: a for a in draft.assertions}
    gold_by_id = {a.id: a for a in gold.assertions}
    for s in draft.sources:
        if s.id in mapping:
            continue
        citers = {mapping.get(by_id[c].source) for c in _citers(draft, s.id, by_id)}
        candidates = {
            g.id for g in gold.sources if g.kind == s.kind
            and g.id not in mapping.values()
            and {gold_by_id[c].source for c in _citers(gold, g.id, gold_by_id)} & citers
        }
        if len(candidates) == 1:
            mapping[s.id] = candidates.pop()
    return mapping


def _citers(ds: Dataset, source: str, by_id: dict[str, Assertion]) -> set[str]:
    """Ids of assertions that cite an assertion of ``source``."""
    del by_id
    own = {a.id for a in ds.assertions if a.source == source}
    return {a.id for a in ds.assertions if set(a.cites) & own}


def _words(text: str) -> set[str]:
    return {w for w in fold(text).split() if len(w) > 3 and w not in _STOPWORDS}


def _figures(ds: Dataset, claim_id: str) -> set[float]:
    q = ds.claim(claim_id).quantity
    if q is None:
        return set()
    return {v for v in (q.value, q.min_value, q.max_value) if v is not None}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def score_draft(draft: Dataset, gold: Dataset) -> DraftScore:
    """Precision and recall of ``draft``'s assertions against ``gold``'s (rules 1-3)."""
    mapping = source_mapping(draft, gold)
    candidates: list[tuple[float, str, str]] = []
    for a in draft.assertions:
        fa = _figures(draft, a.claim)
        ta = _words(draft.claim(a.claim).text)
        qa = _words(a.quote or "") | ta
        for b in gold.assertions:
            if mapping.get(a.source) != b.source:
                continue
            fb = _figures(gold, b.claim)
            if fa or fb:
                if not fa & fb:
                    continue
                score = 2.0 + _overlap(ta, _words(gold.claim(b.claim).text))
            else:
                tb = _words(gold.claim(b.claim).text)
                score = max(_overlap(ta, tb), _overlap(qa, tb | _words(b.quote or "")))
                if score < 0.5:
                    continue
            candidates.append((score, a.id, b.id))
    used_a: set[str] = set()
    used_b: set[str] = set()
    pairs = []
    for _, x, y in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if x not in used_a and y not in used_b:
            used_a.add(x)
            used_b.add(y)
            pairs.append((x, y))
    return DraftScore(len(draft.assertions), len(gold.assertions), tuple(sorted(pairs)))


