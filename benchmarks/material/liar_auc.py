"""LIAR benchmark: how well source reliability learned from the credit history ranks statements.

Run by hand (not part of the test suite):

    .venv/bin/python benchmarks/material/liar_auc.py [../shared/datasets/liar/test.tsv]

For every statement of the split, the score is computed *without* its own label:
each speaker's credit history has the labels of the split's statements subtracted
(:func:`kg.formats.liar.history_without`), the rest becomes verdicts on history
claims, and the credibility engine (:func:`kg.credibility.assess`) learns each
speaker's reliability from that track record; the statement's score is the
engine's claim score (its belief). Printed beside it: the speaker's reliability
score, a Laplace-smoothed truth rate of the same history (no engine), the same
rate from the raw counts that *include* the statement (leaky, for reference
only), and the majority baseline (a constant score: AUC 0.5; its accuracy is
the majority class's share).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from kg.credibility import Policy, assess
from kg.formats.liar import (
    HISTORY_COLUMNS,
    binarise,
    history_without,
    liar_dataset,
    load_liar,
    roc_auc,
)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT.parent / "shared" / "datasets" / "liar" / "test.tsv"
TRUTH = {"true": 1.0, "mostly-true": 1.0, "half-true": 0.5, "barely-true": 0.0,
         "false": 0.0, "pants-fire": 0.0}


def truth_rate(counts: Counter[str], label_true: int = 0) -> float:
    """Laplace-smoothed share of true ratings (credit history has no 'true' column)."""
    n = sum(counts[c] for c in HISTORY_COLUMNS) + label_true
    good = sum(TRUTH[c] * counts[c] for c in HISTORY_COLUMNS) + label_true
    return (good + 1) / (n + 2)


def main(path: Path) -> None:
    rows = load_liar(path)
    history = history_without(rows)
    t0 = time.perf_counter()
    ds = liar_dataset(rows, verdicts=False, history=history)
    a = assess(ds, Policy(use_verdicts=False))
    seconds = time.perf_counter() - t0
    engine_claim = [a.claims[f"liar-{r.id}"].score for r in rows]
    engine_source = [a.sources[f"speaker-{r.speaker}"].score for r in rows]
    own = [truth_rate(history[r.speaker]) for r in rows]
    leaky = [truth_rate(r.history) for r in rows]
    labels = Counter(r.label for r in rows)
    print(f"{path.name}: {len(rows)} statements, {len({r.speaker for r in rows})} speakers, "
          f"labels {dict(labels)}")
    print(f"dataset: {len(ds.claims)} claims, {len(ds.verdicts)} history verdicts; "
          f"engine {seconds:.1f} s")
    print()
    print("| binarisation | n (true/false) | engine claim score | engine source score "
          "| history truth rate (no engine) | raw counts incl. the statement (leaky) "
          "| majority baseline AUC | majority accuracy |")
    print("|---|---|---|---|---|---|---|---|")
    for name, half in (("true, mostly-true, half-true vs barely-true, false, pants-fire", True),
                       ("without half-true", None)):
        keep = [i for i, r in enumerate(rows) if binarise(r.label, half_true=half) is not None]
        y = [bool(binarise(rows[i].label, half_true=half)) for i in keep]
        pos = sum(y)
        majority = max(pos, len(y) - pos) / len(y)

        def auc(scores: list[float], keep: list[int] = keep, y: list[bool] = y) -> float:
            return roc_auc([scores[i] for i in keep], y)

        print(f"| {name} | {len(y)} ({pos}/{len(y) - pos}) | {auc(engine_claim):.3f} "
              f"| {auc(engine_source):.3f} | {auc(own):.3f} | {auc(leaky):.3f} "
              f"| 0.500 | {majority:.3f} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
