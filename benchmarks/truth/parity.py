"""Parity with the peer: does credkg, run with the peer's settings, choose the peer's values?

Run from the repository root (needs a venv with ``truthdiscovery==1.0.4``; see
``peer_run.py``)::

    .venv/bin/python benchmarks/truth/parity.py --peer /tmp/peervenv/bin/python
        [--root ../shared/datasets] [--json benchmarks/truth/parity.json]

For each of the six methods the peer has, on Book (gold) and Population, it
runs the peer, credkg with ``settings="peer"`` (:data:`kg.truth.PEER_SETTINGS`)
and credkg with its own defaults, on the same rows. *Agreement* is the share
of all objects whose set of top values (ties included) is the same as the
peer's; accuracy is on the gold objects, a tie counting as wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from datasets import DEFAULT_ROOT, PEER_METHODS, accuracy, load_book, load_population  # noqa: E402
from evaluate import peer_truths  # noqa: E402

from kg.truth import discover  # noqa: E402


def _agreement(ours: dict[Any, tuple[Any, ...]], theirs: dict[Any, tuple[Any, ...]]) -> float:
    keys = set(ours) | set(theirs)
    same = sum(1 for k in keys if set(ours.get(k, ())) == set(theirs.get(k, ())))
    return same / max(len(keys), 1)


def main() -> None:
    """Run both side by side and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--peer", required=True, help="python of a venv with truthdiscovery")
    parser.add_argument("--json", type=Path, default=HERE / "parity.json")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    print(
        "| set | method | agreement, peer settings | agreement, credkg settings | "
        "peer acc. | credkg acc., peer settings | credkg acc., credkg settings |"
    )
    print("|---|---|---|---|---|---|---|")
    for bench in (load_book(args.root), load_population(args.root)):
        for method in PEER_METHODS:
            peer = peer_truths(args.peer, bench, method)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                same = discover(bench.rows, method, settings="peer").truths()
                own = discover(bench.rows, method).truths()
            row = {
                "agreement_peer_settings": _agreement(same, peer),
                "agreement_credkg_settings": _agreement(own, peer),
                "peer_accuracy": accuracy(peer, bench.gold),
                "accuracy_peer_settings": accuracy(same, bench.gold),
                "accuracy_credkg_settings": accuracy(own, bench.gold),
            }
            results.setdefault(bench.name, {})[method] = row
            print(
                f"| {bench.name} | {method} | {row['agreement_peer_settings']:.4f} | "
                f"{row['agreement_credkg_settings']:.4f} | {row['peer_accuracy']:.3f} | "
                f"{row['accuracy_peer_settings']:.3f} | {row['accuracy_credkg_settings']:.3f} |",
                flush=True,
            )
    args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
