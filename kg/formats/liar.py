"""The LIAR data set (Wang 2017): PolitiFact statements, speakers and their credit histories.

Each row of LIAR's TSV is a statement with its PolitiFact label, its speaker
(with job, state and party) and the speaker's *credit history*: how many of
their statements PolitiFact rated barely-true, false, half-true, mostly-true
and pants-fire, counted over the whole data set and including this one. The
licence is research-only: credkg reads the files where they are and never
copies them.

:func:`liar_dataset` turns statements into a credkg dataset: each speaker a
source (its party in ``side``), each statement a claim asserted by its speaker,
optionally with its verdict, and the credit history as verdicts on *history*
claims, one per past statement, so that the credibility engine learns each
speaker's reliability from the track record (:mod:`kg.credibility.reliability`, rule 5).

Labels map to ratings as ClaimReview's do: true and mostly-true are ``true``,
half-true ``mixed``, barely-true, false and pants-fire ``false``.

Examples:
    >>> roc_auc([0.9, 0.8, 0.3, 0.1], [True, False, True, False])
    0.75
    >>> binarise("half-true"), binarise("half-true", half_true=None), binarise("pants-fire")
    (True, None, False)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DatasetError
from kg.formats.claimreview import claimant_kind
from kg.model import Assertion, Claim, Dataset, Rating, Source, Verdict

__all__ = [
    "LABELS",
    "LiarStatement",
    "binarise",
    "history_without",
    "liar_dataset",
    "load_liar",
    "parse_liar",
    "roc_auc",
]

#: LIAR's labels, from most to least truthful.
LABELS = ("true", "mostly-true", "half-true", "barely-true", "false", "pants-fire")
#: The order of the five credit-history columns (9-13) in the TSV.
HISTORY_COLUMNS = ("barely-true", "false", "half-true", "mostly-true", "pants-fire")
RATING_OF: dict[str, Rating] = {"true": "true", "mostly-true": "true", "half-true": "mixed",
                                "barely-true": "false", "false": "false", "pants-fire": "false"}
_FIELDS = ("id", "label", "statement", "subjects", "speaker", "job", "state", "party",
           *(f"{c}_count" for c in HISTORY_COLUMNS), "context")


@dataclass(frozen=True)
class LiarStatement:
    """One LIAR row."""

    id: str
    label: str
    statement: str
    subjects: tuple[str, ...]
    speaker: str
    job: str
    state: str
    party: str
    history: Counter[str]
    context: str


def parse_liar(text: str, name: str = "<liar>") -> list[LiarStatement]:
    """Parse LIAR's TSV (14 tab-separated columns, no header, no quoting).

    Raises:
        DatasetError: a row has the wrong number of columns, an unknown label,
            a count that is not a whole number, or no speaker; names file, line, field.
    """
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != len(_FIELDS):
            raise DatasetError(name, f"{len(cols)} columns, expected {len(_FIELDS)} "
                               "(tab-separated LIAR format)", line=n)
        label = cols[1].strip()
        if label not in LABELS:
            raise DatasetError(name, f"unknown label {label!r}; expected one of "
                               + ", ".join(LABELS), line=n, field="label")
        counts: Counter[str] = Counter()
        for k, col in enumerate(HISTORY_COLUMNS):
            raw = cols[8 + k].strip()
            try:
                value = int(float(raw)) if raw else 0
            except ValueError:
                raise DatasetError(name, f"{raw!r} is not a count", line=n,
                                   field=_FIELDS[8 + k]) from None
            if value < 0 or (raw and float(raw) != value):
                raise DatasetError(name, f"{raw!r} is not a count", line=n, field=_FIELDS[8 + k])
            counts[col] = value
        speaker = cols[4].strip()
        if not speaker:
            raise DatasetError(name, "no speaker", line=n, field="speaker")
        if not cols[2].strip():
            raise DatasetError(name, "empty statement", line=n, field="statement")
        out.append(LiarStatement(
            id=cols[0].strip().removesuffix(".json"), label=label, statement=cols[2].strip(),
            subjects=tuple(s for s in cols[3].split(",") if s), speaker=speaker,
            job=cols[5].strip(), state=cols[6].strip(), party=cols[7].strip(),
            history=counts, context=cols[13].strip()))
    if not out:
        raise DatasetError(name, "holds no statement")
    return out


def load_liar(path: str | Path) -> list[LiarStatement]:
    """Read a LIAR split (``test.tsv``, ``valid.tsv``) where it is."""
    from kg.formats.text import read_text

    return parse_liar(read_text(Path(path), limit=None), str(path))


def read_liar(path: Path, fmt: object = None) -> Dataset:
    """The LIAR statements of a TSV file as a dataset (the reader of the ``liar`` format)."""
    return liar_dataset(load_liar(path))


def binarise(label: str, *, half_true: bool | None = True) -> bool | None:
    """True for true/mostly-true, False for barely-true/false/pants-fire; half-true as given."""
    if label == "half-true":
        return half_true
    return label in ("true", "mostly-true")


def history_without(statements: Sequence[LiarStatement]) -> dict[str, Counter[str]]:
    """Each speaker's credit history minus the labels of the given statements (clamped at 0).

    The counts include the statements themselves; learning a speaker's reliability
    from them and scoring the same statements would leak their labels.
    """
    history: dict[str, Counter[str]] = {}
    for s in statements:
        history.setdefault(s.speaker, Counter(s.history))
    for s in statements:
        if s.label in HISTORY_COLUMNS:
            h = history[s.speaker]
            h[s.label] = max(0, h[s.label] - 1)
    return history


def _speaker_name(slug: str) -> str:
    return " ".join(w.capitalize() for w in slug.split("-"))


def liar_dataset(statements: Iterable[LiarStatement], *, verdicts: bool = True,
                 history: dict[str, Counter[str]] | None = None) -> Dataset:
    """Statements as claims (with their verdicts, if ``verdicts``) and speakers as sources.

    Args:
        statements: LIAR rows.
        verdicts: Attach each statement's own verdict (off to score them blind).
        history: Credit histories to add as verdicts on history claims (e.g.
            :func:`history_without`); ``None`` adds none.
    """
    rows = list(statements)
    reviewer = Source(id="politifact", kind="news_outlet", name="PolitiFact")
    sources: dict[str, Source] = {"politifact": reviewer}
    claims, assertions, verdict_list = [], [], []
    for s in rows:
        sid = f"speaker-{s.speaker}"
        if sid not in sources:
            name = _speaker_name(s.speaker)
            sources[sid] = Source(
                id=sid, kind=claimant_kind(name), name=name,
                side=s.party if s.party and s.party != "none" else None,
                note=(f"{s.job}, {s.state}".strip(", ") or None) if (s.job or s.state)
                else None)
        cid = f"liar-{s.id}"
        claims.append(Claim(id=cid, text=s.statement))
        assertions.append(Assertion(id=f"said-{s.id}", source=sid, claim=cid,
                                    quote=s.statement))
        if verdicts:
            verdict_list.append(Verdict(id=f"verdict-{s.id}", claim=cid, rating=RATING_OF[
                s.label], reviewer="politifact", original_rating=s.label))
    for speaker, counts in sorted((history or {}).items()):
        sid = f"speaker-{speaker}"
        for label in HISTORY_COLUMNS:
            for k in range(counts.get(label, 0)):
                cid = f"history-{speaker}-{label}-{k + 1}"
                claims.append(Claim(id=cid, text=f"A past statement by {_speaker_name(speaker)}"
                                    f" rated {label} (LIAR credit history)."))
                assertions.append(Assertion(id=f"said-{cid}", source=sid, claim=cid))
                verdict_list.append(Verdict(id=f"verdict-{cid}", claim=cid,
                                            rating=RATING_OF[label], reviewer="politifact",
                                            original_rating=label))
    return Dataset(sources=tuple(sources.values()), claims=tuple(claims),
                   assertions=tuple(assertions), verdicts=tuple(verdict_list))


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """ROC AUC by ranks (Mann-Whitney U), ties counted half.

    Raises:
        ValueError: the lengths differ, or one class is empty.
    """
    if len(scores) != len(labels):
        raise ValueError("scores and labels differ in length")
    pos = sum(1 for x in labels if x)
    neg = len(labels) - pos
    if pos == 0 or neg == 0:
        raise ValueError("ROC AUC needs both classes")
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)
