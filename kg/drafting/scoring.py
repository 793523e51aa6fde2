"""Scoring a draft against an analyst's gold dataset: the definitions of issue #15.

Stated once here and used by ``benchmarks/material/extract_dev.py`` and by the test
that pins the dev-corpus averages. An independent scorer uses the same words:

1. **Sources.** A draft source *matches* a gold source when one of its folded names
   (name or alias; :func:`~kg.names.fold`, with a leading "the"/"a"/"an"
   dropped) equals one of the gold source's. Anonymous sources and unnamed documents
   have descriptions, not names: two of the same kind also match when half the content
   words of the shorter description appear in the other. The sources counted are those
   that assert something (the source of at least one assertion), on both sides.
   Pairing is one to one (a duplicate in the draft is a false positive).
   Recall = paired gold sources / gold sources; precision = paired draft sources / draft
   sources.
2. **Assertions.** A draft assertion matches a gold assertion when its source matches the
   gold assertion's source (rule 1's relation, not the pairing) and either its claim has
   the same figure (a shared value or bound) or half the gold claim's content words appear
   in its text (its claim's text and its quote). Pairing is one to one, figure matches
   first, then by overlap. Recall = paired / gold; precision = paired / draft.
3. **Full chains.** A gold chain is a path of citations from an assertion nobody cites to
   an origin (one that cites nothing), of two links or more (a relay). It is recovered
   when every link is paired (rule 2) and each paired draft link cites the next one.
4. **Figure exactness.** Over the gold claims with a quantity: a figure is exact when a
   draft claim paired with it (through an assertion pair of rule 2) has the same value,
   min_value and max_value (the bound kind), the same ``approximate`` flag, and the same
   ``period_start`` and ``period_end``.

Micro-averages add the counts of all articles before dividing.

Examples:
    >>> from kg.seed import seed_dataset
    >>> s = score_article(seed_dataset(), seed_dataset())
    >>> s.source_recall, s.assertion_precision, s.chain_recall, s.figure_exactness
    (1.0, 1.0, 1.0, 1.0)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from kg.model import UNNAMED_KINDS, Claim, Dataset, Source
from kg.names import fold

__all__ = ["ArticleScore", "assertion_pairs", "content_words", "gold_chains", "same_figure",
           "score_article", "source_keys", "sources_match"]

_STOPWORDS = frozenset({
    "that", "this", "with", "from", "have", "been", "were", "their", "there", "which", "about",
    "into", "under", "over", "than", "they", "them", "these", "those", "what", "when", "where",
    "while", "will", "would", "could", "should", "also", "such", "only", "more", "most", "many",
    "some", "other", "after", "before", "being", "said", "says", "according",
})
_LEADING = ("the ", "a ", "an ")


def content_words(text: str) -> set[str]:
    """The words that carry content: folded, longer than three letters, not stop words.

    Examples:
        >>> sorted(content_words("The number of deserters has soared since 2022."))
        ['2022', 'deserters', 'number', 'since', 'soared']
    """
    return {w for w in fold(text).split() if len(w) > 3 and w not in _STOPWORDS}


def _half(part: set[str], whole: set[str]) -> bool:
    """At least half of ``part`` is in ``whole`` (and ``part`` is not empty)."""
    return bool(part) and 2 * len(part & whole) >= len(part)


def source_keys(source: Source) -> set[str]:
    """The folded names of a source (name and aliases), leading article dropped.

    Examples:
        >>> sorted(source_keys(Source(id="x", kind="news_outlet", name="The Kyiv Independent",
        ...                           aliases=["kyivindependent.com"])))
        ['kyiv independent', 'kyivindependent com']
    """
    keys = set()
    for name in (source.name, *source.aliases):
        key = fold(name)
        for lead in _LEADING:
            if key.startswith(lead):
                key = key[len(lead):]
        if key:
            keys.add(key)
    return keys


def sources_match(draft: Source, gold: Source) -> bool:
    """Rule 1: a shared folded name, or two like descriptions of unnamed sources."""
    if source_keys(draft) & source_keys(gold):
        return True
    if draft.kind == gold.kind and draft.kind in UNNAMED_KINDS:
        a, b = content_words(draft.name), content_words(gold.name)
        shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
        return _half(shorter, longer)
    return False


@dataclass(frozen=True)
class ArticleScore:
    """The counts behind the measures of one article (or of many, added up)."""

    gold_sources: int = 0
    draft_sources: int = 0
    gold_sources_found: int = 0
    draft_sources_right: int = 0
    gold_assertions: int = 0
    draft_assertions: int = 0
    assertion_pairs: int = 0
    gold_chains: int = 0
    chains_recovered: int = 0
    gold_figures: int = 0
    figures_exact: int = 0

    def __add__(self, other: ArticleScore) -> ArticleScore:
        return ArticleScore(**{f.name: getattr(self, f.name) + getattr(other, f.name)
                               for f in fields(self)})

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def source_recall(self) -> float:
        """Gold sources found over gold sources."""
        return self._ratio(self.gold_sources_found, self.gold_sources)

    @property
    def source_precision(self) -> float:
        """Draft sources that are gold sources over draft sources."""
        return self._ratio(self.draft_sources_right, self.draft_sources)

    @property
    def assertion_recall(self) -> float:
        """Paired assertions over gold assertions."""
        return self._ratio(self.assertion_pairs, self.gold_assertions)

    @property
    def assertion_precision(self) -> float:
        """Paired assertions over draft assertions."""
        return self._ratio(self.assertion_pairs, self.draft_assertions)

    @property
    def chain_recall(self) -> float:
        """Recovered gold chains over gold chains."""
        return self._ratio(self.chains_recovered, self.gold_chains)

    @property
    def figure_exactness(self) -> float:
        """Exact gold figures over gold figures."""
        return self._ratio(self.figures_exact, self.gold_figures)


def total(scores: Iterable[ArticleScore]) -> ArticleScore:
    """The counts of many articles added up (for micro-averages)."""
    result = ArticleScore()
    for s in scores:
        result = result + s
    return result


def _asserting(ds: Dataset) -> list[Source]:
    used = {a.source for a in ds.assertions}
    return [s for s in ds.sources if s.id in used]


def _figures(claim: Claim) -> set[float]:
    q = claim.quantity
    return set() if q is None else {v for v in (q.value, q.min_value, q.max_value)
                                    if v is not None}


def _pair_sources(draft: list[Source], gold: list[Source]) -> int:
    """Size of a one-to-one pairing of matching sources (greedy, exact names first)."""
    candidates = sorted((0 if source_keys(d) & source_keys(g) else 1, d.id, g.id)
                         for d in draft for g in gold if sources_match(d, g))
    used_d: set[str] = set()
    used_g: set[str] = set()
    for _, d, g in candidates:
        if d not in used_d and g not in used_g:
            used_d.add(d)
            used_g.add(g)
    return len(used_g)


def assertion_pairs(draft: Dataset, gold: Dataset) -> dict[str, str]:
    """Rule 2: gold assertion id -> the draft assertion id paired with it."""
    gold_sources = {s.id: s for s in gold.sources}
    draft_sources = {s.id: s for s in draft.sources}
    same: dict[tuple[str, str], bool] = {}
    candidates: list[tuple[float, str, str]] = []
    gold_words = {c.id: content_words(c.text) for c in gold.claims}
    for a in draft.assertions:
        claim = draft.claim(a.claim)
        fa = _figures(claim)
        text = content_words(claim.text) | content_words(a.quote or "")
        for b in gold.assertions:
            key = (a.source, b.source)
            if key not in same:
                same[key] = sources_match(draft_sources[a.source], gold_sources[b.source])
            if not same[key]:
                continue
            gw = gold_words[b.claim]
            overlap = len(gw & text) / len(gw) if gw else 0.0
            if fa & _figures(gold.claim(b.claim)):
                candidates.append((2.0 + overlap, a.id, b.id))
            elif _half(gw, text):
                candidates.append((overlap, a.id, b.id))
    pairs: dict[str, str] = {}
    used: set[str] = set()
    for _, a_id, b_id in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if a_id not in used and b_id not in pairs:
            used.add(a_id)
            pairs[b_id] = a_id
    return pairs


def gold_chains(ds: Dataset) -> list[list[str]]:
    """Rule 3: citation paths of two links or more, from an uncited assertion to an origin."""
    cited = {c for a in ds.assertions for c in a.cites}
    chains: list[list[str]] = []

    def walk(path: list[str]) -> None:
        cites = ds.assertion(path[-1]).cites
        if not cites:
            if len(path) > 1:
                chains.append(path)
            return
        for c in cites:
            if c not in path:
                walk([*path, c])

    for a in ds.assertions:
        if a.id not in cited:
            walk([a.id])
    return chains


def same_figure(d: Claim, g: Claim) -> bool:
    """Rule 4: the same value, bounds, ``approximate`` flag and period."""
    qd, qg = d.quantity, g.quantity
    if qd is None or qg is None:
        return False
    return ((qd.value, qd.min_value, qd.max_value, qd.approximate, qd.period_start,
             qd.period_end) == (qg.value, qg.min_value, qg.max_value, qg.approximate,
                                qg.period_start, qg.period_end))


def score_article(draft: Dataset, gold: Dataset) -> ArticleScore:
    """The counts of rules 1-4 for one article's draft against its gold."""
    ds, gs = _asserting(draft), _asserting(gold)
    found = _pair_sources(ds, gs)
    pairs = assertion_pairs(draft, gold)
    chains = gold_chains(gold)
    recovered = 0
    for chain in chains:
        if all(g in pairs for g in chain) and all(
                pairs[chain[k + 1]] in draft.assertion(pairs[chain[k]]).cites
                for k in range(len(chain) - 1)):
            recovered += 1
    figures = [c for c in gold.claims if c.quantity is not None]
    exact = 0
    for claim in figures:
        drafts = {draft.assertion(pairs[b.id]).claim for b in gold.assertions
                  if b.claim == claim.id and b.id in pairs}
        if any(same_figure(draft.claim(d), claim) for d in drafts):
            exact += 1
    return ArticleScore(
        gold_sources=len(gs), draft_sources=len(ds), gold_sources_found=found,
        draft_sources_right=found, gold_assertions=len(gold.assertions),
        draft_assertions=len(draft.assertions), assertion_pairs=len(pairs),
        gold_chains=len(chains), chains_recovered=recovered,
        gold_figures=len(figures), figures_exact=exact)
