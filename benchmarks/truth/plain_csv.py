"""What a user sees: ``kg discover`` on plain ``source,object,value`` CSVs of Book and Population.

Run from the repository root::

    .venv/bin/python benchmarks/truth/plain_csv.py [--root ../shared/datasets]
        [--methods accu,truthfinder] [--json benchmarks/truth/plain_csv.json]

The CSVs carry no ``source_group`` column. Book is written three ways: the raw
author strings of book.txt, the normalised last names joined by ``|`` (the
issue's user CSV), and the project's own ``;``-joined key; Population with
``object = city|PopulationYYYY``. Each file goes through the CLI function
(:func:`kg.truth.run.run_discovery`), reading ``truths.csv`` back; a gold
object is right only with one top value equal to gold (a tie is wrong).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from datasets import DEFAULT_ROOT, isbn13, load_book, load_population  # noqa: E402

from kg.errors import CredkgError  # noqa: E402
from kg.truth.run import run_discovery  # noqa: E402


def _write(path: Path, rows: list[tuple[str, str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "object", "value"])
        w.writerows(rows)


def _score(folder: Path, gold: dict[str, str]) -> float:
    tops: dict[str, list[str]] = {}
    with open(folder / "truths.csv", encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            tops.setdefault(rec["object"], []).append(rec["value"])
    return sum(1 for o, g in gold.items() if tops.get(o) == [g]) / len(gold)


def main() -> None:
    """Write the CSVs, run ``kg discover`` on each, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--methods", default="default,majority_vote,truthfinder,accu,accu_copy")
    parser.add_argument("--json", type=Path, default=HERE / "plain_csv.json")
    args = parser.parse_args()
    book, pop = load_book(args.root), load_population(args.root)
    raw = []
    with open(args.root / "book" / "book.txt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4 and parts[3].strip():
                raw.append((parts[0], isbn13(parts[1]), parts[3]))
    book_gold = {str(k): v for k, v in book.gold.items()}
    pop_gold = {f"{o[0]}|{o[1]}": v for o, v in pop.gold.items()}  # type: ignore[index]
    cases: list[tuple[str, list[tuple[str, str, str]], dict[str, str], dict[str, Any]]] = [
        ("book, raw author strings, --values names", raw, book_gold, {"values": "names"}),
        (
            "book, last names joined by |",
            [(s, str(o), v.replace(";", "|")) for s, o, v in book.rows],
            book_gold,
            {},
        ),
        (
            "population",
            [(s, f"{o[0]}|{o[1]}", v) for s, o, v in pop.rows],  # type: ignore[index]
            pop_gold,
            {},
        ),
    ]
    quiet = Console(file=io.StringIO())
    results: dict[str, Any] = {}
    print("| CSV | " + " | ".join(args.methods.split(",")) + " |")
    print("|---|" + "---|" * len(args.methods.split(",")))
    with tempfile.TemporaryDirectory() as tmp:
        for name, rows, gold, opts in cases:
            path = Path(tmp) / "claims.csv"
            _write(path, rows)
            cells = {}
            for method in args.methods.split(","):
                out = Path(tmp) / "out"
                try:
                    run_discovery(path, None if method == "default" else method, out,
                                  console=quiet, **opts)
                    cells[method] = _score(out, gold)
                except CredkgError:
                    cells[method] = float("nan")
            results[name] = cells
            print(
                f"| {name} | " + " | ".join(f"{a:.3f}" for a in cells.values()) + " |", flush=True
            )
    args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
