"""ACCU against vote on small generated sets: does it ever fall far below the plain vote?

Run from the repository root::

    .venv/bin/python benchmarks/truth/robustness.py [--seeds 6] [--anchor 0,0.25]

For 3, 4, 6 and 8 independent sources, three kinds of set
(:func:`kg.truth.synthetic.synthetic_claims`, 300 objects each: accuracies
0.5-0.95; weak sources, 0.3-0.8; one copy group of two copiers of the least
accurate source), and ``--seeds`` seeds each, it prints ACCU's accuracy less
the majority vote's, per kind of set: the mean and the worst, for each
``anchor`` (:mod:`kg.truth.accu`, rule 2; 0 is the posterior alone), and
AccuCopy's accuracy less ACCU's (both with the default anchor). A tie counts as
wrong. The sets are drawn from seeds 200 on, apart from the tests'.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kg.truth import discover
from kg.truth.synthetic import synthetic_claims

KINDS: dict[str, dict[str, object]] = {
    "plain": {},
    "weak sources": {"accuracy": (0.3, 0.8)},
    "copy group": {"copy_groups": (2,)},
}


def _accuracy(truths: dict[object, tuple[object, ...]], gold: dict[str, str]) -> float:
    return sum(1 for o, v in gold.items() if truths.get(o) == (v,)) / len(gold)


def main() -> None:
    """Print one Markdown table row per (sources, kind)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=6)
    parser.add_argument("--anchor", default="0,0.25")
    args = parser.parse_args()
    anchors = [float(a) for a in args.anchor.split(",")]
    warnings.simplefilter("ignore")
    print("| sources | set | " + " | ".join(f"anchor {a:g}: mean, worst" for a in anchors)
          + " | AccuCopy - ACCU: mean, worst |")
    print("|---|---|" + "---|" * (len(anchors) + 1))
    overall: dict[float, list[float]] = {a: [] for a in anchors}
    copy_all: list[float] = []
    for n_sources in (3, 4, 6, 8):
        for kind, params in KINDS.items():
            diffs: dict[float, list[float]] = {a: [] for a in anchors}
            copy: list[float] = []
            for seed in range(args.seeds):
                s = synthetic_claims(n_sources=n_sources, n_objects=300, seed=200 + seed,
                                     **params)  # type: ignore[arg-type]
                vote = _accuracy(discover(s.rows, "majority_vote").truths(), s.truth)
                for a in anchors:
                    got = _accuracy(discover(s.rows, "accu", anchor=a).truths(), s.truth)
                    diffs[a].append(got - vote)
                    overall[a].append(got - vote)
                accu = _accuracy(discover(s.rows, "accu").truths(), s.truth)
                copy.append(_accuracy(discover(s.rows, "accu_copy").truths(), s.truth) - accu)
            copy_all.extend(copy)
            cells = " | ".join(f"{np.mean(diffs[a]):+.3f}, {min(diffs[a]):+.3f}" for a in anchors)
            cells += f" | {np.mean(copy):+.3f}, {min(copy):+.3f}"
            print(f"| {n_sources} | {kind} | {cells} |", flush=True)
    cells = " | ".join(f"{np.mean(overall[a]):+.3f}, {min(overall[a]):+.3f}" for a in anchors)
    cells += f" | {np.mean(copy_all):+.3f}, {min(copy_all):+.3f}"
    print(f"| all | all | {cells} |")


if __name__ == "__main__":
    main()
